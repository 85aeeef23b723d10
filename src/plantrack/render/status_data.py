"""`status` as data: JSON (the documented schema, docs/status-json.md) and CSV. No Rich here."""

from __future__ import annotations

import csv
import io
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
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("plan", "as_of", *COLUMNS))
    for r in plan.indicators:
        rec = indicator_record(r)
        rec["missing_years"] = " ".join(str(y) for y in rec["missing_years"])
        writer.writerow((plan.info.id, plan.as_of, *(_csv_cell(rec[c]) for c in COLUMNS)))
    return buffer.getvalue()


def _csv_cell(x: object) -> str:
    if x is None:
        return ""
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, Decimal):
        return f"{x:f}"
    # A spreadsheet would run a cell starting with = + - @ as a formula; plan text is data.
    text = str(x)
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True
