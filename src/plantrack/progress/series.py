"""An indicator's recorded entries as numbers in its own unit, and yearly level factors.

A level factor g_y = level_y / level_{y-1}. From a recorded rate: 1 + r/100 for `increase`, 1 - d/100 for
`decrease` (a rate on a decrease indicator is the decline). Official rates are at comparable prices, so a
recorded rate wins over levels for the same year. Where years have no factor but the levels around them are
known, one factor spans the gap (e.g. 2020 -> 2022 covers 2021 and 2022).
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from plantrack.models import Entry, Indicator
from plantrack.progress.numbers import HUNDRED, ONE, div
from plantrack.units import convert


class Factor(NamedTuple):  # not a dataclass: cheaper to define at start-up (result.py)
    first: int           # first year covered
    last: int            # last year covered (== first unless it spans a gap)
    value: Decimal       # level factor over first..last
    from_rate: bool

    @property
    def years(self) -> int:
        return self.last - self.first + 1


def levels(ind: Indicator, entries: dict[int, Entry]) -> dict[int, Decimal]:
    """Recorded values, converted into the indicator's level unit (exact; only money converts)."""
    unit = ind.level_unit
    if unit is None:
        return {}
    return {
        year: convert(e.value, e.unit or unit, unit)
        for year, e in entries.items()
        if e.value is not None
    }


def rate_factor(ind: Indicator, rate: Decimal) -> Decimal:
    change = div(rate, HUNDRED)
    return ONE - change if ind.direction == "decrease" else ONE + change


def own_terms(ind: Indicator, factor: Decimal) -> Decimal:
    """A level factor as a percentage change in the indicator's own terms (decline for decrease)."""
    change = (factor - ONE) * HUNDRED
    return -change if ind.direction == "decrease" else change


def factors(ind: Indicator, entries: dict[int, Entry], first: int, last: int) -> list[Factor]:
    """Level factors covering as much of first..last as the data allows."""
    values = levels(ind, entries)
    out: list[Factor] = []
    uncovered: list[int] = []
    for year in range(first, last + 1):
        entry = entries.get(year)
        if entry is not None and entry.rate is not None:
            out.append(Factor(year, year, rate_factor(ind, entry.rate), True))
        elif year in values and (year - 1) in values:
            out.append(Factor(year, year, div(values[year], values[year - 1]), False))
        elif year in values and (span := _gap_start(values, uncovered, year)) is not None:
            out.append(Factor(span, year, div(values[year], values[span - 1]), False))
            uncovered = [y for y in uncovered if y < span]
        else:
            uncovered.append(year)
    return out


def _gap_start(values: dict[int, Decimal], uncovered: list[int], year: int) -> int | None:
    """The first year of a run of uncovered years ending at year-1 that starts right after a known level."""
    start = year
    while start - 1 in uncovered:
        start -= 1
    return start if start < year and (start - 1) in values else None


def single_year_changes(ind: Indicator, entries: dict[int, Entry], last: int) -> list[Decimal]:
    """Every single year's change (own terms, %) recorded up to `last`, history included."""
    first = min(entries, default=last + 1)
    return [own_terms(ind, f.value) for f in factors(ind, entries, first, last) if f.years == 1]
