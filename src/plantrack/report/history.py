"""What a chart draws: the engine's paths (progress/path.py) plus every figure recorded before the plan period.

A reader of an evaluation report wants an indicator's history and its target path even when the plan period has
no figure yet (issue 18, item 6), so a chart is drawn for every indicator with any recorded figure:

- the years before the base year are drawn on the chart's own scale: as levels when the engine draws levels, as
  the index (base year = 100) chained backwards through recorded rates when it draws an index;
- an indicator with no figure in the period gets the target path from its base-year value (or from 100 when only
  rates are recorded), and its history;
- a cumulative indicator also gets each year's recorded amount as a bar (the running total starts at 0 in the
  base year, so earlier years can only be shown as the amounts they were).

Nothing is evaluated here: the in-period lines are exactly the engine's, and the schedule of an indicator without
data is the engine's too (progress/path.schedule, the one home of the expected path).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from plantrack.models import Entry, Indicator
from plantrack.numbers import HUNDRED, div
from plantrack.progress.path import schedule
from plantrack.progress.result import Period
from plantrack.progress.series import levels, rate_factor
from plantrack.report.build import Section
from plantrack.report.fan import Fan, fan


@dataclass(frozen=True)
class ChartData:
    index: bool                                   # drawn as an index, base year = 100
    actual: dict[int, Decimal]                    # the engine's actual path in the period (may be empty)
    history: dict[int, Decimal]                   # recorded figures before the period, same scale
    schedule: dict[int, Decimal]                  # the path the target needs (may be empty: no base value)
    needed: dict[int, Decimal] = field(default_factory=dict)
    projection: dict[int, Decimal] = field(default_factory=dict)
    bars: dict[int, Decimal] = field(default_factory=dict)   # cumulative: each year's own amount
    fan: Fan | None = None                        # the likelihood's end-year interval (report/fan.py)

    @property
    def years(self) -> list[int]:
        return sorted({*self.actual, *self.history, *self.schedule, *self.bars})


def chart_data(section: Section, entries: dict[int, Entry], period: Period, as_of: int) -> ChartData | None:
    """The chart of one indicator, or None when it has no figure at all (or is qualitative)."""
    ind = section.result.judged  # the target in force at the data year draws the schedule
    if ind.kind == "qualitative":
        return None
    period = period.own(ind)  # an indicator added mid-plan: its own base year
    entries = {y: e for y, e in entries.items() if y <= as_of}
    values = levels(ind, entries)
    bars = dict(values) if ind.kind == "cumulative" else {}
    drawn = section.paths
    if drawn is not None:
        history = {} if ind.kind == "cumulative" else _history(ind, entries, values, period, drawn.index)
        return ChartData(drawn.index, dict(drawn.actual), history, dict(drawn.schedule), dict(drawn.needed),
                         dict(section.projection), bars, fan(section.result, drawn, period))
    if not values and not any(e.rate is not None for e in entries.values()):
        return None
    if ind.kind == "cumulative":
        return ChartData(False, {}, {}, schedule(ind, Decimal(0), period), bars=bars)
    index = period.base not in values
    history = _history(ind, entries, values, period, index)
    if ind.kind == "level":
        base = values.get(period.base)
        # Without a base value the level cannot be judged, but every recorded figure is still drawn.
        drawn_values = values if base is None else {y: v for y, v in values.items() if y <= period.base}
        target_path = {} if base is None else schedule(ind, base, period)
        return ChartData(False, {}, drawn_values, target_path) if drawn_values else None
    start = history.get(period.base)
    if start is None:
        return ChartData(index, {}, history, {}) if history else None
    return ChartData(index, {}, history, schedule(ind, start, period))


def _history(ind: Indicator, entries: dict[int, Entry], values: dict[int, Decimal], period: Period,
             index: bool) -> dict[int, Decimal]:
    """Figures up to the base year on the chart's scale (the base year itself included)."""
    if not index:
        return {y: v for y, v in values.items() if y <= period.base}
    if ind.kind == "level":
        return {}
    # An index: base year = 100, earlier years chained backwards through the recorded rates,
    # index[y − 1] = index[y] / g_y, for as long as the rates run without a gap.
    chain, year = {period.base: HUNDRED}, period.base
    while year in entries and (rate := entries[year].rate) is not None:
        chain[year - 1] = div(chain[year], rate_factor(ind, rate))
        year -= 1
    return chain if len(chain) > 1 or period.base in entries else {}

