"""Read an import file (CSV in any of the usual encodings, the JSON export, or a workbook) into changes."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from plantrack.errors import PlantrackError
from plantrack.models import Entry
from plantrack.plan import Plan
from plantrack.changes import Change
from plantrack.text import safe
from plantrack.sheets.grid import Grid

if TYPE_CHECKING:
    from collections.abc import Callable

    from plantrack.sheets.xlsxread import Bound

# A CSV of every indicator of a plan over 30 years is a few hundred KB; an import file far larger is a mistake.
IMPORT_MAX_BYTES = 256 * 1024 * 1024
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # the old binary .xls


class Imported(NamedTuple):
    changes: list[Change]
    where: list[tuple[str, int, int]]  # (file, row, column) of each change
    unchanged: int                     # rows that match what is stored, skipped
    hidden: list[tuple[int, ...]]      # each change's hidden workbook rows (none: an empty tuple)
    hidden_rows: list[int]             # every hidden row that holds figures, unchanged ones too
    read: list[tuple[str, ...]]        # each change's cells read otherwise than as written ("3,180 → 3180")
    unplaced: list[str]                # what was read but not written: "—" cells, notes it could not place
    name: Callable[[PlantrackError], PlantrackError]  # a refusal's findings with cells and rows named
    # export --with-history read back (sheets/history.py): whole entries to restore, instead of changes
    history: dict[tuple[str, int], Entry] | None = None


def read_import(path: Path, display: str, plan: Plan, sheet: str | None = None, include_hidden: bool = False,
                unpacked: Bound | None = None) -> Imported:
    """The changes to record and where each came from; rows unchanged are counted; hidden rows are named.
    `unpacked`: what a workbook may unpack to (default: IMPORT_MAX_BYTES, with import's words)."""
    from plantrack.sheets.figures import namer
    from plantrack.sheets.layout import pending_changes
    from plantrack.sheets.roundtrip import skip_unchanged

    from plantrack.sheets.history import history_entries

    grid = read_grid(path, display, sheet, include_hidden, unpacked)
    name = namer(grid)
    if (entries := history_entries(grid, plan)) is not None:
        return Imported([], [], 0, [], [], [], [], name, entries)
    try:
        pending = pending_changes(grid, plan)
        for note in grid.notes:
            sys.stderr.write(note + "\n")
        kept, unchanged = skip_unchanged(plan, pending)
    except PlantrackError as exc:
        raise name(exc) from None
    return Imported([p.change for p in kept], [p.where for p in kept], unchanged, [p.hidden for p in kept],
                    sorted({line for p in pending for line in p.hidden}), [p.read for p in kept], grid.unplaced, name)


def hidden_refusal(display: str, rows: list[int]) -> PlantrackError:
    """Hidden rows are not imported unless --include-hidden says so: a clerk hides a draft or an old figure."""
    from plantrack.errors import MAX_LISTED, Finding

    findings = tuple(Finding(display, line, 1, "", f"第 {line} 行在工作簿中是隐藏的：取消隐藏或删去这一行，或加 "
                             f"--include-hidden 一并导入隐藏行 / row {line} is hidden in the workbook: unhide or delete "
                             "it, or pass --include-hidden to import hidden rows too") for line in rows[:MAX_LISTED])
    return PlantrackError(f"{len(rows)} 个隐藏行，没有写入任何数据 / {len(rows)} hidden row(s): nothing was written",
                          findings=findings, unlisted=len(rows) - len(findings))


def read_grid(path: Path, display: str, sheet: str | None, include_hidden: bool = False,
              unpacked: Bound | None = None) -> Grid:
    from plantrack.readfile import read_input

    data = read_input(path, display, IMPORT_MAX_BYTES)
    if data.startswith(_ZIP) or path.suffix.lower() in (".xlsx", ".xlsm"):
        from plantrack.sheets.xlsxread import Bound, read_workbook

        return read_workbook(data, display, sheet, unpacked or Bound(IMPORT_MAX_BYTES))
    for given, option in ((sheet is not None, "--sheet"), (include_hidden, "--include-hidden")):
        if given:
            raise PlantrackError(f"{option} 只用于 .xlsx 工作簿，{display} 不是 / {option} is for .xlsx workbooks only",
                                 code=2)
    if data.startswith(_OLE):
        raise PlantrackError(f"{display} 是旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或「CSV UTF-8」/ "
                             "an old binary .xls: save it as .xlsx or CSV UTF-8", code=2)
    from plantrack.textfile import decode_text

    text, encoding = decode_text(data, display, ("在 Excel 中另存为「CSV UTF-8」", "save it as CSV UTF-8"))
    notes = [f"{safe(display)}：按 {encoding} 编码读取（不是 UTF-8）/ read as {encoding}, not UTF-8"] if encoding else []
    if path.suffix.lower() == ".json" or text.lstrip()[:1] == "[":
        return Grid(display, _json_rows(text, display), exact=True, notes=notes)
    return Grid(display, _csv_rows(text, display), notes=notes)


def _csv_rows(text: str, display: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text))
    rows = []
    try:
        for cells in reader:
            rows.append((reader.line_num, cells))
    except csv.Error as exc:
        # e.g. a bare carriage return inside an unquoted cell: refuse the file at its line, never a traceback.
        raise PlantrackError(f"{display}:{max(1, reader.line_num)}:1: CSV 格式错误 / malformed CSV: {exc}",
                             code=2) from None
    return rows


def _json_rows(text: str, display: str) -> list[tuple[int, list[str]]]:
    """`export --format json` read back: a list of objects, keys as the header; row N is the Nth object."""
    import json
    from decimal import Decimal

    try:
        data = json.loads(text, parse_float=Decimal)
    except ValueError as exc:
        raise PlantrackError(f"{display}: JSON 格式错误 / malformed JSON: {exc}", code=2) from None
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise PlantrackError(f"{display}: JSON 须为对象的列表（export --format json 的格式）/ "
                             "JSON must be a list of objects, as export --format json writes", code=2)
    header: list[str] = []
    for obj in data:
        header += [k for k in obj if k not in header]

    def text_of(v: object) -> str:
        if v is None:
            return ""
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, Decimal):
            from plantrack.numbers import fmt_exact

            return fmt_exact(v)
        return str(v)

    return [(1, header)] + [(i, [text_of(obj.get(k)) for k in header]) for i, obj in enumerate(data, start=1)]
