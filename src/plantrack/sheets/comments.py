"""A worksheet's cell comments (Excel's notes, issue 28 item 1): a comment on a figure is that figure's note.

They live in their own part (xl/commentsN.xml), linked from the sheet's relationships. Both parts count toward
the unpacked-size cap already checked (xlsxread._refuse_unpacked); the relationships are read only when small,
and the comments streamed with the sheet's own caps, each element dropped once read.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from plantrack.errors import PlantrackError

if TYPE_CHECKING:
    from typing import Any

_RELS_MAX = 1024 * 1024  # a sheet's relationships are a few hundred bytes: far larger is not a spreadsheet's
_COMMENTS = "/relationships/comments"


def read_comments(archive: Any, target: str, display: str, max_comments: int, max_elements: int
                  ) -> dict[tuple[int, int], str]:
    """(row, column index) -> the comment's text, for the sheet part `target` of the open package."""
    part = _comment_part(archive, target, display)
    if part is None:
        return {}
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    ns = "{%s}" % SHEET_MAIN_NS
    found: dict[tuple[int, int], str] = {}
    elements = 0
    with archive.open(part) as src:
        for _, el in iterparse(src, events=("end",)):
            elements += 1
            if elements > max_elements or len(found) > max_comments:
                raise PlantrackError(f"{display}：批注超过上限（{max_comments} 条）；请删去多余的批注后再导入 / "
                                     "more cell comments than the cap: delete the stray ones", code=2)
            if el.tag != ns + "comment":
                continue
            row, col = coordinate_to_tuple(el.get("ref", "").split(":")[0])
            text = _text(el, ns)
            if text:
                found[(row, col - 1)] = text
            el.clear()
    return found


def _text(el: Any, ns: str) -> str:
    """The comment's words. Excel starts a note with its author in bold ("张三:" and a line break): that label is
    who wrote it, not what it says, and is left out."""
    runs = el.findall(f"{ns}text/{ns}r")
    if runs and runs[0].find(f"{ns}rPr/{ns}b") is not None and (runs[0].findtext(f"{ns}t") or "").endswith(":"):
        runs = runs[1:]
        words = "".join(r.findtext(f"{ns}t") or "" for r in runs)
    else:
        words = "".join(t.text or "" for t in el.iter(f"{ns}t"))
    return words.strip()


def _comment_part(archive: Any, target: str, display: str) -> str | None:
    from openpyxl.xml.functions import fromstring

    folder, name = posixpath.split(target)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    try:
        info = archive.getinfo(rels)
    except KeyError:
        return None
    if info.file_size > _RELS_MAX:
        raise PlantrackError(f"{display}：工作表的关系部件过大（{info.file_size} 字节）/ the sheet's relationships part "
                             "is too large to be a spreadsheet's", code=2)
    for rel in fromstring(archive.read(rels)):
        if (rel.get("Type") or "").endswith(_COMMENTS) and rel.get("TargetMode") != "External":
            ref = rel.get("Target") or ""
            path = ref.lstrip("/") if ref.startswith("/") else posixpath.normpath(posixpath.join(folder, ref))
            try:
                archive.getinfo(path)
            except KeyError:
                return None  # a link to a part that is not there: no comments to read
            return path
    return None
