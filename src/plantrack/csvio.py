"""CSV in and out: `import` reads rows into changes, `export` writes tidy rows; the one CSV writer and formula
guard, also used by `status --format csv` and the overview (render/status_data.py, render/overview.py)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from plantrack.errors import MAX_LISTED, Finding, PlantrackError
from plantrack.progress.numbers import fmt_exact

if TYPE_CHECKING:  # status --format csv and the overview use the writer below: they need not load recording
    from plantrack.plan import Plan
    from plantrack.recording import Change

# A CSV of every indicator of a plan over 30 years is a few hundred KB; an import file far larger is a mistake.
IMPORT_MAX_BYTES = 256 * 1024 * 1024
IMPORT_COLUMNS = ("indicator", "year", "value", "rate", "unit", "source", "note")
EXPORT_COLUMNS = ("plan", "indicator", "year", "value", "unit", "rate", "source", "note", "recorded_at", "revisions")


def read_changes(path: Path, display: str) -> tuple[list[Change], list[tuple[str, int]]]:
    """Rows of an import CSV as changes, with (file, line) for each; a malformed file is refused whole."""
    from plantrack.readfile import Refused, read_limited

    try:
        # Only a regular file, and never more than the limit: a FIFO given as FILE must not block for ever.
        text = read_limited(path, IMPORT_MAX_BYTES).decode("utf-8-sig")
    except Refused as exc:
        raise PlantrackError(f"{display}: {exc.message}", code=2) from None
    except OSError as exc:
        raise PlantrackError(f"无法读取 {display}：{exc.strerror} / cannot read the file", code=2) from None
    except UnicodeDecodeError:
        raise PlantrackError(f"{display} 不是 UTF-8 编码（Excel 请选「CSV UTF-8」另存）/ not UTF-8: save as CSV UTF-8", code=2) from None
    reader = csv.DictReader(io.StringIO(text))
    try:
        return _read_rows(reader, display)
    except csv.Error as exc:
        # e.g. a bare carriage return inside an unquoted cell: refuse the file at its line, never a traceback.
        raise PlantrackError(f"{display}:{max(1, reader.reader.line_num)}:1: CSV 格式错误 / malformed CSV: {exc}",
                             code=2) from None


def _read_rows(reader: csv.DictReader[str], display: str) -> tuple[list[Change], list[tuple[str, int]]]:
    from plantrack.recording import Change

    header = [h.strip() for h in (reader.fieldnames or [])]
    unknown = [h for h in header if h not in IMPORT_COLUMNS]
    # A column named twice would let the later cell silently win over the earlier one.
    twice = sorted({h for h in header if header.count(h) > 1})
    if "indicator" not in header or "year" not in header or unknown or twice:
        raise PlantrackError(
            f"{display}:1:1: 表头须包含 indicator 和 year，可用列 / columns: {', '.join(IMPORT_COLUMNS)}"
            + (f"；未知列 / unknown: {', '.join(unknown)}" if unknown else "")
            + (f"；重复的列 / named twice: {', '.join(twice)}" if twice else ""), code=2)
    changes: list[Change] = []
    where: list[tuple[str, int]] = []
    bad: list[Finding] = []
    bad_count = 0

    def refuse(finding: Finding) -> None:
        # Counted, and kept only up to MAX_LISTED: a million bad rows stay one line of numbers (issue 13).
        nonlocal bad_count
        bad_count += 1
        if len(bad) < MAX_LISTED:
            bad.append(finding)

    for row in reader:
        line = reader.line_num
        if any(c.strip() for c in row.get(None) or ()):
            # More filled cells than the header (an unquoted "1,5"): DictReader puts the rest under None, and
            # dropping them would silently read 1,5 as 1. Refuse the row (empty trailing cells lose nothing).
            refuse(Finding(display, line, 1, "", f"这一行的单元格多于表头的 {len(header)} 列（数字中的逗号？1,5 应写作 1.5）"
                               f" / more cells than the {len(header)} header columns (a comma inside a number?)"))
            continue
        # A cell exported as '=… (so that a spreadsheet does not run it) is the text =… (csvio.export_csv).
        cells = {k.strip(): from_spreadsheet_text((v or "").strip()) for k, v in row.items() if k is not None}
        year = cells.get("year", "")
        if not (year.isascii() and year.isdigit() and len(year) == 4):
            refuse(Finding(display, line, 1, "year", f"年份须为四位数字，而不是 {year!r} / year must be four digits"))
            continue
        changes.append(Change(
            indicator=cells.get("indicator", ""), year=int(year), value=cells.get("value") or None,
            rate=cells.get("rate") or None, unit=cells.get("unit") or None,
            source=cells.get("source", ""), note=cells.get("note", ""),
        ))
        where.append((display, line))
    if bad:
        raise PlantrackError(f"{bad_count} 行有错误，没有写入任何数据 / {bad_count} bad row(s): nothing was written",
                             findings=tuple(bad), unlisted=bad_count - len(bad))
    if not changes:
        raise PlantrackError(f"{display} 没有数据行 / the file has no data rows", code=2)
    return changes, where


def export_rows(plan: Plan) -> list[dict[str, object]]:
    rows = []
    for ind in plan.indicators:
        for year, e in plan.entries(ind.id).items():
            rows.append({
                "plan": plan.id, "indicator": ind.id, "year": year, "value": e.value, "unit": e.unit,
                "rate": e.rate, "source": e.source, "note": e.note,
                "recorded_at": e.recorded_at.isoformat() if e.recorded_at else None,
                "revisions": len(e.revisions),
            })
    return rows


def export_csv(plan: Plan) -> str:
    # Sources and notes are plan text: a cell a spreadsheet would run as a formula gets a leading ' (import takes
    # it off again), and a line break inside a cell is always quoted (csv_text).
    def cell(v: object) -> str:
        if isinstance(v, Decimal):
            return fmt_exact(v)
        return "" if v is None else spreadsheet_text(str(v))

    return csv_text([EXPORT_COLUMNS, *([cell(row[k]) for k in EXPORT_COLUMNS] for row in export_rows(plan))])


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
