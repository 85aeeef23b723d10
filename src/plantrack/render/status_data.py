"""`status` as data: JSON (the documented schema, docs/status-json.md) and CSV. No Rich here."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from plantrack.csvio import csv_cell, csv_text
from plantrack.numbers import in_range, rounded
from plantrack.progress.likelihood import record as likelihood_record
from plantrack.progress.result import IndicatorResult, PlanResult

COLUMNS = (
    "id", "no", "name", "name_en", "attribute", "kind", "direction", "unit", "value_unit", "target",
    "data_year", "actual", "expected", "completion", "pace_ratio", "status", "latest_status", "required",
    "projection", "projection_level", "warning", "partial", "stale", "final", "missing_years", "out_of_range",
    "likelihood", "likelihood_reason",
)
# Recorded amounts and their sums are exact; computed rates and ratios carry 4 decimals (decisions.md).
_EXACT_KINDS = ("cumulative", "level")


_NUMBER_KEYS = ("actual", "expected", "completion", "pace_ratio", "required", "projection", "projection_level")


def _computed(x: Decimal | None) -> Decimal | None:
    """Rounded once, half-up, to 4 decimals from the engine's full-precision value."""
    return None if x is None else rounded(x, 4)


def indicator_record(r: IndicatorResult) -> dict[str, Any]:
    ind, m = r.indicator, r.measure
    exact = ind.kind in _EXACT_KINDS
    numbers = {
        "actual": m.actual, "expected": m.expected, "completion": m.completion,
        "pace_ratio": m.pace_exact if m.pace_exact is not None else m.pace_ratio,
        "required": m.required, "projection": m.projection, "projection_level": m.projection_level,
    }
    # Beyond |x| < 10^15 a number is null and named in out_of_range (docs/status-json.md): quantizing a
    # projection of 10^25 crashed status --format json, csv and report (issue 15, item 1).
    beyond = [k for k in _NUMBER_KEYS if (x := numbers[k]) is not None and not in_range(x)]
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
        **likelihood_record(r),
    }


def plan_record(plan: PlanResult) -> dict[str, Any]:
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
    rows: list[tuple[object, ...]] = [("plan", "as_of", *COLUMNS)]
    for r in plan.indicators:
        rec = indicator_record(r)
        rec["missing_years"] = " ".join(str(y) for y in rec["missing_years"])
        rec["out_of_range"] = " ".join(rec["out_of_range"])
        rows.append((plan.info.id, plan.as_of, *(csv_cell(rec[c]) for c in COLUMNS)))
    return csv_text(rows)
