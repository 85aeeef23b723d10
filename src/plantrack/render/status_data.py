"""`status` as data: JSON (the documented schema, docs/status-json.md) and CSV. No Rich here."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from decimal import Decimal

from plantrack.progress.numbers import in_range, rounded
from plantrack.progress.result import IndicatorResult, PlanResult

COLUMNS = (
    "id", "no", "name", "name_en", "attribute", "kind", "direction", "unit", "value_unit", "target",
    "data_year", "actual", "expected", "completion", "pace_ratio", "status", "latest_status", "required",
    "projection", "projection_level", "warning", "partial", "stale", "final", "missing_years", "out_of_range",
)
# Recorded amounts and their sums are exact; computed rates and ratios carry 4 decimals (decisions.md).
_EXACT_KINDS = ("cumulative", "level")


_NUMBER_KEYS = ("actual", "expected", "completion", "pace_ratio", "required", "projection", "projection_level")


def _computed(x: Decimal | None) -> Decimal | None:
    """Rounded once, half-up, to 4 decimals from the engine's full-precision value."""
    return None if x is None else rounded(x, 4)


def indicator_record(r: IndicatorResult) -> dict:
    ind, m = r.indicator, r.measure
    exact = ind.kind in _EXACT_KINDS
    numbers = {
        "actual": m.actual, "expected": m.expected, "completion": m.completion,
        "pace_ratio": m.pace_exact if m.pace_exact is not None else m.pace_ratio,
        "required": m.required, "projection": m.projection, "projection_level": m.projection_level,
    }
    # Beyond |x| < 10^15 a number is null and named in out_of_range (docs/status-json.md): quantizing a
    # projection of 10^25 crashed status --format json, csv and report (issue 15, item 1).
    beyond = [k for k in _NUMBER_KEYS if numbers[k] is not None and not in_range(numbers[k])]
    shown = {k: None if k in beyond else numbers[k] if (exact and k == "actual") else _computed(numbers[k])
             for k in _NUMBER_KEYS}
    return {
        "id": ind.id, "no": ind.no, "name": ind.name, "name_en": ind.name_en,
        "attribute": ind.attribute, "kind": ind.kind, "direction": ind.direction, "unit": ind.unit,
        "value_unit": ind.value_unit, "target": ind.target, "data_year": r.data_year,
        "actual": shown["actual"],
        "expected": shown["expected"], "completion": shown["completion"],
        "pace_ratio": shown["pace_ratio"], "status": r.status, "latest_status": r.latest_status,
        "required": shown["required"],
        "projection": shown["projection"], "projection_level": shown["projection_level"],
        "warning": r.warning, "partial": r.partial, "stale": r.stale, "final": r.final,
        "missing_years": list(m.missing), "out_of_range": beyond,
    }


def plan_record(plan: PlanResult) -> dict:
    return {
        "plan": plan.info.id, "name": plan.info.name, "as_of": plan.as_of, "start": plan.period.start,
        "end": plan.period.end, "base_year": plan.period.base,
        "closed": plan.info.closed.isoformat() if plan.info.closed else None, "counts": plan.counts(),
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
        rec["out_of_range"] = " ".join(rec["out_of_range"])
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
