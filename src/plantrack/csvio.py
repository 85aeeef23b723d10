"""The one CSV writer and formula guard, used by `status --format csv`, the overview and the spreadsheet layer
(sheets/: import and export in CSV, JSON and .xlsx)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from decimal import Decimal


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """Rows as CSV with "\n" line ends, every field that holds a line break quoted.

    Python's writer quotes a field only for the characters of its own line terminator: with "\n", a bare "\r"
    in plan text stayed unquoted and split the row for every reader. So each row is written with "\r\n" (which
    quotes both) and its terminator given back as "\n".
    """
    out = []
    for row in rows:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow(row)
        out.append(buffer.getvalue()[:-2] + "\n")
    return "".join(out)


def csv_cell(x: object) -> str:
    if x is None:
        return ""
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, Decimal):
        return f"{x:f}"
    return spreadsheet_text(str(x))


# What a spreadsheet may run as a formula: = + - @ first (after any blanks: some spreadsheets trim them), their
# full-width forms (a Chinese input method types ＝ ＋ － ＠, and spreadsheets in CJK locales read them as the
# ASCII ones), and a cell that starts with a tab or carriage return (OWASP's list: both hide what follows).
_FORMULA_START = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
_HIDING_START = ("\t", "\r")
# A plain ASCII number such as -3, +2.5 or -1E5 is a number to a spreadsheet, not a formula: it stays as it is.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _formula_like(text: str) -> bool:
    """Whether `text`, once its leading 's are taken off, is a cell a spreadsheet could run."""
    core = text.lstrip("'")
    return core.startswith(_HIDING_START) or core.lstrip()[:1] in _FORMULA_START


def spreadsheet_text(text: str) -> str:
    """A spreadsheet would run a cell starting with = + - @ (or ＝ ＋ － ＠, or blanks then one of them, or a tab or
    CR) as a formula; plan text is data, so it gets a leading '.

    Text that already starts with ' before such a character gets one more, so `from_spreadsheet_text` (used by
    import) gives back exactly `text`. Numbers such as -3 stay as they are.
    """
    return "'" + text if _formula_like(text) and not _is_number(text) else text


def from_spreadsheet_text(cell: str) -> str:
    """The inverse of `spreadsheet_text`: the one ' it added taken off again."""
    if cell[:1] == "'" and _formula_like(cell) and not _is_number(cell[1:]):
        return cell[1:]
    return cell


def _is_number(text: str) -> bool:
    return _NUMBER.fullmatch(text) is not None
