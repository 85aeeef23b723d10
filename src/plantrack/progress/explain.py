"""One indicator explained: what `show` and the report print beside its verdict, worked out once, here.

The paths (actual, on schedule, still needed), the projection line at the current pace, the engine's formula
steps and the reason for its status, as data (result.Step: a code and its numbers). `show` prints them on the
terminal and the report draws and lists them, both in the chosen language through render/working.py, the one
place the working has words. No renderer computes any of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from plantrack.models import Indicator
from plantrack.plan import Plan
from plantrack.progress.engine import band_reason
from plantrack.numbers import div, power, root
from plantrack.progress.path import Paths, paths
from plantrack.progress.result import IndicatorResult, Period, PlanResult, Step
from plantrack.progress.series import rate_factor


@dataclass(frozen=True)
class Explanation:
    result: IndicatorResult
    paths: Paths | None                # None: nothing to draw (no data, or a qualitative indicator)
    projection: dict[int, Decimal]     # last actual year .. end at the current pace (empty at the end year)
    formula: tuple[Step, ...]          # the engine's working, step by step with its numbers
    reason: Step                       # why the status is what it is, with the numbers (band_reason)


def explain(plan: Plan, indicator: Indicator, result: PlanResult) -> Explanation:
    """`indicator` of `plan` as evaluated in `result`."""
    one = result.indicator(indicator.id)
    period = result.period.own(indicator)  # an indicator added mid-plan has its own base year
    drawn = paths(one.judged, plan.entries(indicator.id), period, one)  # the target in force
    return Explanation(one, drawn, projection_path(indicator, one, drawn, period),
                       tuple(one.measure.formula), band_reason(one, plan.info.thresholds))


def projection_path(ind: Indicator, result: IndicatorResult, drawn: Paths | None, period: Period) -> dict[int, Decimal]:
    """The line from the last actual point to the end year at the current pace (empty at the end year)."""
    m = result.measure
    if drawn is None or not drawn.actual or result.years_remaining == 0 or m.projection is None:
        return {}
    last = max(drawn.actual)
    start, steps = drawn.actual[last], period.end - last
    if steps <= 0:
        return {}
    if ind.is_rate:
        # annual_rate: the achieved average a every year; total_change: P^(N/k) spread evenly, P^(1/k) a year.
        whole = rate_factor(ind, m.projection)
        g: Decimal | None
        if ind.kind == "annual_rate":
            assert m.actual is not None  # a projection is made from the achieved rate
            g = rate_factor(ind, m.actual)
        else:
            g = root(whole, period.years) if whole > 0 else None
        if g is None or g <= 0:
            return {}
        return {last + j: start * power(g, j) for j in range(steps + 1)}
    # cumulative and level: a straight line to the engine's end-year projection.
    return {last + j: start + div((m.projection - start) * j, Decimal(steps)) for j in range(steps + 1)}
