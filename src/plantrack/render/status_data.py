"""`status` as data: JSON (the documented schema, docs/status-json.md) and CSV. No Rich here."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from plantrack.progress.result import IndicatorResult, PlanResult

COLUMNS = (
    "id", "no", "name", "name_en", "attribute", "kind", "direction", "unit", "value_unit", "target",
    "data_year", "actual", "expected", "completion", "pace_ratio", "status", "required", "projection",
    "projection_level", "warning", "partial", "stale", "final", "missing_years",
)
# Recorded amounts and their sums are exact; computed rates and ratios carry 4 decimals (decisions.md).
_EXACT_KINDS = ("cumulative", "level")


def _computed(x: Decimal | None) -> Decimal | None:
    return None if x is None else x.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def indicator_record(r: IndicatorResult) -> dict:
    ind, m = r.indicator, r.measure
    exact = ind.kind in _EXACT_KINDS
    return {
        "id": ind.id, "no": ind.no, "name": ind.name, "name_en": ind.name_en,
        "attribute": ind.attribute, "kind": ind.kind, "direction": ind.direction, "unit": ind.unit,
        "value_unit": ind.value_unit, "target": ind.target, "data_year": r.data_year,
        "actual": m.actual if exact else _computed(m.actual),
        "expected": _computed(m.expected), "completion": _computed(m.completion),
        "pace_ratio": _computed(m.pace_ratio), "status": r.status, "required": _computed(m.required),
        "projection": _computed(m.projection), "projection_level": _computed(m.projection_level),
        "warning": r.warning, "partial": r.partial, "stale": r.stale, "final": r.final,
        "missing_years": list(m.missing),
    }


def plan_record(plan: PlanResult) -> dict:
    return {
        "plan": plan.info.id, "name": plan.info.name, "as_of": plan.as_of, "start": plan.period.start,
        "end": plan.period.end, "base_year": plan.period.base, "counts": plan.counts(),
        "indicators": [indicator_record(r) for r in plan.indicators],
    }


def json_status(plan: PlanResult) -> str:
    from plantrack.render.jsonout import dumps

    return dumps(plan_record(plan)) + "\n"


def csv_status(plan: PlanResult) -> str:
    rows = [("plan", "as_of", *COLUMNS)]
    for r in plan.indicators:
        rec = indicator_record(r)
        rec["missing_years"] = " ".join(str(y) for y in rec["missing_years"])
        rows.append((plan.info.id, plan.as_of, *(_csv_cell(rec[c]) for c in COLUMNS)))
    return csv_text(rows)


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


def _csv_cell(x: object) -> str:
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
