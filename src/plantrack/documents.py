"""Read one TOML file into a dict, turning every way it can be unreadable into a located Finding."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from plantrack.errors import Finding
from plantrack.fields import plain_decimal
from plantrack.readfile import MAX_BYTES, Refused, read_limited, too_large
from plantrack.tomlpos import KeyIndex

__all__ = ["BOM", "MAX_BYTES", "Document", "read_document"]

BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_AT = re.compile(r"\(at line (\d+), column (\d+)\)")

_TOML_HINTS = {
    "Invalid date or datetime": "日期不存在或格式不对，应写成 2022-03-31 / the date does not exist or is malformed",
    "Cannot overwrite a value": "同一个键写了两次，请删除其中一个 / a key is written twice: delete one",
    "Invalid value": "值写得不对：文字要加引号，数字不加 / invalid value: text needs quotes, numbers do not",
    "Invalid statement": "这一行不是 key = value 的形式 / this line is not `key = value`",
    "Unterminated string": "引号没有闭合 / a string is missing its closing quote",
    "Illegal character '\\n'": "引号没有闭合（文字中不能换行）/ a string is missing its closing quote",
}


@dataclass(frozen=True)
class Document:
    """A parsed TOML file; the positions of its keys are worked out only when a finding needs one."""

    path: Path
    display: str
    data: dict[str, Any]
    text: str

    @cached_property
    def index(self) -> KeyIndex:
        return KeyIndex(self.text)

    def finding(self, loc: tuple[str | int, ...] | list[str | int], field: str, message: str) -> Finding:
        """A finding at the key `loc`, its field written by field_path so every finding names a place alike."""
        line, col = self.index.find(loc)
        return Finding(self.display, line, col, field_path(self.data, tuple(loc), field), message)


def field_path(data: Any, loc: tuple[str | int, ...], field: str = "") -> str:
    """Where a key is, as a person counts: `indicators[value-added-growth].kind` when the table has an id of its
    own (a valid id, once in its list), else `indicators[3].kind`, counting from 1 (issue 29: the old
    `indicators.2.rollup` was the third indicator). `field`, when it goes deeper than `loc` (an element of a
    list, `plan.units.0`, which has no line of its own), adds its further parts; a field named otherwise is kept."""
    from plantrack.fields import id_problem

    naive = ".".join(str(p) for p in loc)
    if field and field != naive and not field.startswith(naive + "."):
        return field
    extra = [int(p) if p.isdigit() else p for p in field[len(naive) + 1:].split(".")] if field != naive and field else []
    out: list[str] = []
    here = data
    for part in (*loc, *extra):
        if isinstance(part, int) and isinstance(here, dict):
            part = str(part)  # a number that names a key (a year in actuals.toml), not a position
        if not isinstance(part, int):
            out.append(str(part))  # str() each part, never join ints (style.md trap)
            here = here.get(part) if isinstance(here, dict) else None
            continue
        items = here if isinstance(here, list) else []
        item = items[part] if 0 <= part < len(items) else None
        name = item.get("id") if isinstance(item, dict) else None
        unique = isinstance(name, str) and not id_problem(name) and sum(
            isinstance(i, dict) and i.get("id") == name for i in items) == 1
        label = f"[{name if unique else part + 1}]"
        out[-1:] = [(out[-1] if out else "") + label]
        here = item
    return ".".join(out)


def read_document(
    path: Path, display: str | None = None, *, allow_empty: bool = False, raw: bytes | None = None
) -> tuple[Document | None, list[Finding]]:
    """Parse `path` (or `raw`, the bytes already read from it); on failure return no document and the
    findings that say why and where.

    The loader passes the bytes it read once (readfile.py), so what it caches is what was parsed. An empty
    actuals file means "nothing recorded yet" (`allow_empty`); an empty plan file is a mistake.
    """
    display = display or str(path)

    def fail(message: str, line: int = 1, col: int = 1) -> tuple[None, list[Finding]]:
        return None, [Finding(display, line, col, "", message)]

    if raw is None:
        try:
            raw = read_limited(path)
        except FileNotFoundError as exc:
            return fail(f"无法读取文件 / cannot read the file: {exc.strerror or exc}")
        except Refused as exc:
            return fail(exc.message)
    if len(raw) > MAX_BYTES:
        return fail(too_large(len(raw)))
    if _looks_utf16(raw):
        # Notepad's "Unicode" is UTF-16: named as such, not as GBK or as a TOML syntax error.
        return fail("文件是 UTF-16 编码，请用 UTF-8 另存 / the file is UTF-16: save it as UTF-8")
    if raw.startswith(BOM):
        # Notepad on Windows adds a BOM; it carries no meaning, so it is accepted rather than refused.
        raw = raw[len(BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        # Everything before exc.start decoded, so the column can count characters like every other column.
        col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8")) + 1
        return fail(
            "文件不是 UTF-8 编码（可能是 GBK），请用 UTF-8 另存 / not valid UTF-8 (GBK?): save it as UTF-8",
            line,
            col,
        )
    if not text.strip() and not allow_empty:
        return fail("文件是空的，请参照 docs/plan-format.md 填写 / the file is empty: see docs/plan-format.md")
    try:
        data = tomllib.loads(text, parse_float=plain_decimal)
    except tomllib.TOMLDecodeError as exc:
        return None, [_syntax_finding(display, text, str(exc), KeyIndex(text))]
    except (ValueError, RecursionError) as exc:
        # tomllib lets two failures out as other exceptions, which would end in a traceback: an integer of more
        # than 4300 digits (int() refuses it, see sys.int_max_str_digits) and arrays or inline tables nested a
        # few hundred deep (RecursionError). Neither carries a position, so point at the likeliest place.
        return None, [_unparsable_finding(display, text, exc)]
    return Document(path, display, data, text), []


def _looks_utf16(raw: bytes) -> bool:
    """A UTF-16 byte-order mark, or (without one) a NUL in every other byte of the start, as ASCII text
    saved as UTF-16 has. TOML allows no NUL anywhere, so this never refuses a file that would have read."""
    if raw.startswith(_UTF16_BOMS):
        return True
    head = raw[:200]
    return len(head) >= 4 and (head[1::2].count(0) * 4 >= len(head) or head[0::2].count(0) * 4 >= len(head))


_LONG_INT = re.compile(r"(?:^|[=\[,{])[ \t]*[+-]?([0-9](?:_?[0-9]){4300,})(?![0-9_.eE])", re.MULTILINE)
_BRACKET = re.compile(r"[\[\]{}]")
_TOO_DEEP = 100


def _unparsable_finding(display: str, text: str, exc: Exception) -> Finding:
    pos = None
    if isinstance(exc, RecursionError):
        message = "数组或内联表嵌套过深 / arrays or inline tables are nested far too deeply"
        # Brackets inside strings are counted too; only a guess at where, once tomllib has given up.
        depth = 0
        for bracket in _BRACKET.finditer(text):
            depth += 1 if bracket.group() in "[{" else -1
            if depth > _TOO_DEEP:
                pos = bracket.start()
                break
    elif m := _LONG_INT.search(text):
        message = "整数位数过多（超过 4300 位），无法读取 / a whole number with more than 4300 digits cannot be read"
        pos = m.start(1)
    else:
        message = f"无法读取 / cannot read the file: {exc}"
    if pos is None:
        return Finding(display, 1, 1, "", message)
    line = text.count("\n", 0, pos) + 1
    return Finding(display, line, pos - (text.rfind("\n", 0, pos) + 1) + 1, "", message)


def _syntax_finding(display: str, text: str, message: str, index: KeyIndex) -> Finding:
    reason = _AT.sub("", message).replace("(at end of document)", "").strip()
    hint = next((h for key, h in _TOML_HINTS.items() if reason.startswith(key)), "")
    if index.duplicates and ("overwrite" in reason or "twice" in reason):
        path, line, col = index.duplicates[0]
        where = field_path(None, tuple(path))  # no data to name a table by: positions, counted from 1
        return Finding(display, line, col, where, f"重复的键，请删除其中一个 / duplicate key: delete one ({reason})")
    if m := _AT.search(message):
        line, col = int(m.group(1)), int(m.group(2))
    else:
        line, col = max(1, text.count("\n") + (0 if text.endswith("\n") else 1)), 1
    detail = f"{hint} ({reason})" if hint else reason
    return Finding(display, line, col, "", f"TOML 语法错误 / TOML syntax error: {detail}")
