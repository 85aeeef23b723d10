"""The fan on a report chart (issue 31): from the last actual point to the end year's 80% interval of the
likelihood (progress/likelihood.py), on the chart's own scale. Nothing is evaluated here: the interval is the
engine's; rate kinds, whose interval is relative to the base-year level, are put on the chart's scale (the
base-year level, or 100 for an index)."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from plantrack.progress.likelihood import of
from plantrack.progress.path import Paths
from plantrack.progress.result import IndicatorResult, Period


class Fan(NamedTuple):
    first: int        # the last actual year: the fan starts at its point
    start: Decimal
    end: int
    low: Decimal      # the end year's interval, on the chart's scale
    high: Decimal


def fan(result: IndicatorResult, drawn: Paths | None, period: Period) -> Fan | None:
    """None where no interval is given (no number, the final evaluation, nothing drawn)."""
    if drawn is None or not drawn.actual or result.final_evaluation:
        return None
    interval = of(result).fan
    if interval is None:
        return None
    low, high = interval
    if result.indicator.is_rate:
        base = drawn.actual.get(period.base)
        if base is None:
            return None
        low, high = base * low, base * high
    last = max(drawn.actual)
    return Fan(last, drawn.actual[last], period.end, low, high)
