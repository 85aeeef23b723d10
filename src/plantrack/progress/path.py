"""Year-by-year paths for an indicator: what was achieved, what the plan's schedule says, what is still needed.

Rate kinds are drawn as levels when the base-year level is known, otherwise as an index (base year = 100).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from plantrack.models import Entry, Indicator
from plantrack.numbers import HUNDRED, div, power
from plantrack.progress.result import IndicatorResult, Period
from plantrack.progress.series import factors, levels, rate_factor


@dataclass(frozen=True)
class Paths:
    index: bool                          # rate kind drawn as an index (base = 100), not levels
    actual: dict[int, Decimal]           # base year .. data year
    schedule: dict[int, Decimal]         # base year .. end: the path the target implies
    needed: dict[int, Decimal]           # data year .. end: the path that still reaches the target
    # Years of `actual` whose level nobody recorded (worked out from rates): shown marked as computed, never
    # as if recorded (issue 15, item 8).
    computed: frozenset[int] = field(default_factory=frozenset)

    def recorded(self, year: int) -> bool:
        """Whether actual[year] is a recorded figure or an exact sum of recorded ones (a cumulative total), shown
        as recorded (numbers.fmt_on_path); not an index or a level worked out from rates."""
        return not self.index and year not in self.computed


def paths(ind: Indicator, entries: dict[int, Entry], period: Period, result: IndicatorResult) -> Paths | None:
    year = result.data_year
    if year is None or ind.kind == "qualitative" or result.measure.actual is None:
        return None
    if ind.kind == "cumulative":
        return _cumulative(ind, entries, period, result, year)
    if ind.kind == "level":
        return _level(ind, entries, period, result, year)
    return _rate(ind, entries, period, result, year)


def schedule(ind: Indicator, start: Decimal, period: Period) -> dict[int, Decimal]:
    """The path the target implies, base year .. end (按计划应达): docs/progress.md's expected figure year by
    year, for `ind.target` (pass the target in force, IndicatorResult.judged). The one home of these formulas:
    the engine's paths and the report's chart of an indicator without data (report/history.py) both draw it.

    `start` is the base-year value: the level (or the index 100) of a rate kind, V_B of a level; a cumulative
    total starts from 0 and ignores it. annual_rate compounds at the target rate, total_change moves linearly in
    the total change, a level runs straight from V_B to T, each over N = end − B years. A cumulative total is
    owed T × k / N after k of its N = end − start + 1 years, counted from the period's start whatever the base
    year: with base_year < start − 1 it stays 0 until the period starts.
    """
    target, big_n = Decimal(ind.target), period.years
    if ind.kind == "cumulative":
        before, big_n = period.start - 1, period.end - period.start + 1
        return {y: div(target * max(y - before, 0), Decimal(big_n)) for y in range(period.base, period.end + 1)}
    if ind.kind == "level":
        return {period.base + j: start + div((target - start) * j, Decimal(big_n)) for j in range(big_n + 1)}
    if ind.kind == "annual_rate":
        g = rate_factor(ind, target)
        return {period.base + j: start * power(g, j) for j in range(big_n + 1)}
    return {period.base + j: start * rate_factor(ind, div(target * j, Decimal(big_n))) for j in range(big_n + 1)}


def _rate(ind: Indicator, entries: dict[int, Entry], period: Period, result: IndicatorResult, year: int) -> Paths:
    values = levels(ind, entries)
    base = values.get(period.base)
    index = base is None
    start = HUNDRED if base is None else base
    actual = {period.base: start}
    running = start
    for f in factors(ind, entries, period.base + 1, year):
        running = actual.get(f.first - 1, running) * f.value
        actual[f.last] = running
    computed = frozenset() if index else frozenset(y for y in actual if y not in values)
    return Paths(index, actual, schedule(ind, start, period), _needed_rate(ind, actual, result, period), computed)


def _needed_rate(ind: Indicator, actual: dict[int, Decimal], result: IndicatorResult, period: Period) -> dict[int, Decimal]:
    last = max(actual)
    required = result.measure.required
    if required is None:
        return {}
    g = rate_factor(ind, required)
    return {last + j: actual[last] * power(g, j) for j in range(period.end - last + 1)}


def _cumulative(ind: Indicator, entries: dict[int, Entry], period: Period, result: IndicatorResult,
                year: int) -> Paths:
    amounts = levels(ind, entries)
    running, actual = Decimal(0), {period.base: Decimal(0)}
    for y in range(period.start, year + 1):
        running += amounts.get(y, Decimal(0))
        actual[y] = running
    return Paths(False, actual, schedule(ind, Decimal(0), period), _needed_linear(actual, result, period))


def _level(ind: Indicator, entries: dict[int, Entry], period: Period, result: IndicatorResult, year: int) -> Paths:
    values = levels(ind, entries)
    actual = {y: v for y, v in values.items() if period.base <= y <= year}
    return Paths(False, actual, schedule(ind, values[period.base], period), _needed_linear(actual, result, period))


def _needed_linear(actual: dict[int, Decimal], result: IndicatorResult, period: Period) -> dict[int, Decimal]:
    last, required = max(actual), result.measure.required
    if required is None:
        return {}
    return {last + j: actual[last] + required * j for j in range(period.end - last + 1)}
