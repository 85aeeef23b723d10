"""`status` as data: JSON (the documented schema, docs/status-json.md) and CSV. No Rich here."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from plantrack.csvio import csv_cell, csv_text
from plantrack.numbers import Edge, in_range, places_beside, rounded
from plantrack.progress.shown import actual_edges, completion_edges, projection_edges
from plantrack.progress.likelihood import record as likelihood_record
from plantrack.progress.result import IndicatorResult, PlanResult

if TYPE_CHECKING:
    from collections.abc import Sequence

    from plantrack.models import PlanInfo

COLUMNS = (
    "id", "no", "name", "name_en", "attribute", "kind", "direction", "unit", "value_unit", "target",
    "adjusted", "original_target", "data_year", "actual", "expected", "completion", "pace_ratio", "status",
    "latest_status", "required", "projection", "projection_level", "warning", "partial", "stale", "final",
    "missing_years", "out_of_range", "first_year", "retired", "retired_reason",
    "likelihood", "likelihood_reason",
)
# Recorded amounts and their sums are exact; computed rates and ratios carry 4 decimals (decisions.md).
_EXACT_KINDS = ("cumulative", "level")


_NUMBER_KEYS = ("actual", "expected", "completion", "pace_ratio", "required", "projection", "projection_level")


def _computed(x: Decimal | None, edges: tuple[Edge, ...] = ()) -> Decimal | None:
    """Rounded once, half-up, to 4 decimals from the engine's full-precision value; with more where 4 would
    read across what the status says (numbers.places_beside: 5.99996 not met is 5.99996, never 6.0000)."""
    if x is None:
        return None
    return rounded(x, places_beside(x, edges, 4, most=_ALL) or _ALL) if edges else rounded(x, 4)


_ALL = 34  # the engine's digits: beyond them a number has no more to say


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
    edges = _edges(r)
    shown = {k: None if k in beyond else numbers[k] if (exact and k == "actual") else _computed(numbers[k], edges[k])
             for k in _NUMBER_KEYS}
    return {
        "id": ind.id, "no": ind.no, "name": ind.name, "name_en": ind.name_en,
        "attribute": ind.attribute, "kind": ind.kind, "direction": ind.direction, "unit": ind.unit,
        "value_unit": ind.value_unit,
        # The target in force at the data year, the year of the adjustment that set it (null: the plan's own),
        # the plan's own, and every adjustment (docs/status-json.md; CSV has the first three).
        "target": r.target, "adjusted": None if r.adjustment is None else r.adjustment.year,
        "original_target": ind.target,
        "adjustments": [{"year": a.year, "target": a.target, "source": a.source, "reason": a.reason}
                        for a in ind.adjustments],
        "data_year": r.data_year,
        "actual": shown["actual"],
        "expected": shown["expected"], "completion": shown["completion"],
        "pace_ratio": shown["pace_ratio"], "status": r.status, "latest_status": r.latest_status,
        "required": shown["required"],
        "projection": shown["projection"], "projection_level": shown["projection_level"],
        "warning": r.warning, "partial": r.partial, "stale": r.stale, "final": r.final,
        "missing_years": list(m.missing), "out_of_range": beyond,
        # An indicator added or retired mid-plan (issue 30): null when it runs the whole period.
        "first_year": ind.first_year, "retired": ind.retired, "retired_reason": ind.retired_reason or None,
        **likelihood_record(r),
    }


def _edges(r: IndicatorResult) -> dict[str, tuple[Edge, ...]]:
    """What each number is read against beside the status (progress/shown.py; R: the engine's bands)."""
    m = r.measure
    return {"actual": actual_edges(r), "completion": completion_edges(r), "pace_ratio": r.pace_edges,
            "projection": () if m.projection is None else projection_edges(r, m.projection),
            "expected": (), "required": (), "projection_level": ()}


def plan_record(plan: PlanResult) -> dict[str, Any]:
    return {
        "plan": plan.info.id, "name": plan.info.name, "as_of": plan.as_of, "start": plan.period.start,
        "end": plan.period.end, "base_year": plan.period.base,
        "closed": closed_day(plan.info), "counts": plan.counts(),
        "indicators": [indicator_record(r) for r in plan.indicators],
        # Retired by the as-of year: each with its last judgement (as of its retirement year), not in counts.
        "retired_indicators": [indicator_record(r) for r in plan.retired],
    }


def closed_day(info: PlanInfo) -> str | None:
    """`[plan] closed` as the data formats write it (issue 16): the ISO date, or null while the plan is open."""
    return info.closed.isoformat() if info.closed else None


def json_status(plan: PlanResult) -> str:
    from plantrack.render.jsonout import dumps

    return dumps(plan_record(plan)) + "\n"


def csv_status(plan: PlanResult) -> str:
    header = ("plan", "as_of", *COLUMNS)
    rows: list[tuple[object, ...]] = [header]
    for r in (*plan.indicators, *plan.retired):  # a retired indicator's line has its `retired` year
        rows.append(csv_line({"plan": plan.info.id, "as_of": plan.as_of, **indicator_record(r)}, header))
    return csv_text(rows)


def csv_line(rec: dict[str, Any], columns: Sequence[str]) -> tuple[str, ...]:
    """A record's CSV cells in the order of `columns` (one plan's CSV and the long table of several): its lists,
    the missing years and the keys out of range, as space-separated words."""
    rec["missing_years"] = " ".join(str(y) for y in rec["missing_years"])
    rec["out_of_range"] = " ".join(rec["out_of_range"])
    return tuple(csv_cell(rec[c]) for c in columns)
