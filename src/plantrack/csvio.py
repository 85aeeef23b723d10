"""CSV in and out for actuals: `import` reads rows into changes, `export` writes tidy rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from plantrack.errors import MAX_LISTED, Finding, PlantrackError
from plantrack.plan import Plan
from plantrack.progress.numbers import fmt_exact
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


def _read_rows(reader: csv.DictReader, display: str) -> tuple[list[Change], list[tuple[str, int]]]:
    from plantrack.render.status_data import from_spreadsheet_text

    header = [h.strip() for h in (reader.fieldnames or [])]
    unknown = [h for h in header if h not in IMPORT_COLUMNS]
    # A column named twice would let the later cell silently win over the earlier one.
    twice = sorted({h for h in header if header.count(h) > 1})
    if "indicator" not in header or "year" not in header or unknown or twice:
        raise PlantrackError(
            f"{display}:1:1: 表头须包含 indicator 和 year，可用列 / columns: {', '.join(IMPORT_COLUMNS)}"
            + (f"；未知列 / unknown: {', '.join(unknown)}" if unknown else "")
            + (f"；重复的列 / named twice: {', '.join(twice)}" if twice else ""), code=2)
    changes, where, bad, bad_count = [], [], [], 0

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
    # it off again), and a line break inside a cell is always quoted (render/status_data.py).
    from plantrack.render.status_data import csv_text, spreadsheet_text

    def cell(v: object) -> str:
        if hasattr(v, "as_tuple"):
            return fmt_exact(v)
        return "" if v is None else spreadsheet_text(str(v))

    return csv_text([EXPORT_COLUMNS, *([cell(row[k]) for k in EXPORT_COLUMNS] for row in export_rows(plan))])
