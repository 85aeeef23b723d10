"""The fan on a report chart (issue 31): from the last actual point, year by year to the end year, the 80%
interval of the likelihood (progress/likelihood.py) and its median, the line the probability is read from, on
the chart's own scale. Nothing is evaluated here: the interval is the engine's; rate kinds, whose interval is
relative to the base-year level, are put on the chart's scale (the base-year level, or 100 for an index).

The median is drawn because it is not the projection line (按目前速度预计): the projection carries the plan
period's average pace so far, the likelihood the recent years' drift, history included (docs/progress.md,
"Likelihood / 把握"). Without it a reader would take the projection for the fan's centre."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from plantrack.progress.likelihood import of
from plantrack.progress.path import Paths
from plantrack.progress.result import IndicatorResult, Period


class Fan(NamedTuple):
    years: tuple[int, ...]                     # the last actual year (the fan starts at its point), then each
                                               # year to the end year
    lows: tuple[Decimal, ...]                  # the interval and the median in each of those years, on the
    medians: tuple[Decimal, ...]               # chart's scale
    highs: tuple[Decimal, ...]


def fan(result: IndicatorResult, drawn: Paths | None, period: Period) -> Fan | None:
    """None where no interval is given (no number, the final evaluation, nothing drawn)."""
    if drawn is None or not drawn.actual or result.final_evaluation:
        return None
    points = of(result).fan
    if not points:
        return None
    scale = Decimal(1)
    if result.indicator.is_rate:
        base = drawn.actual.get(period.base)
        if base is None:
            return None
        scale = base
    last = max(drawn.actual)
    start = drawn.actual[last]
    points = tuple(p for p in points if p.year > last)
    if not points:
        return None
    return Fan((last, *(p.year for p in points)), (start, *(scale * p.low for p in points)),
               (start, *(scale * p.median for p in points)), (start, *(scale * p.high for p in points)))
