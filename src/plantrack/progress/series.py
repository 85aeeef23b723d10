"""An indicator's recorded entries as numbers in its own unit, and yearly level factors.

A level factor g_y = level_y / level_{y-1}. From a recorded rate: 1 + r/100 for `increase`, 1 - d/100 for
`decrease` (a rate on a decrease indicator is the decline). Official rates are at comparable prices, so a
recorded rate wins over levels for the same year. Where years have no data but the levels around them are
known, one factor spans the gap (e.g. 2020 -> 2022 covers 2021 and 2022).
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from plantrack.models import Entry, Indicator
from plantrack.numbers import HUNDRED, ONE, div
from plantrack.units import convert


class Factor(NamedTuple):  # not a dataclass: cheaper to define at start-up (result.py)
    first: int           # first year covered
    last: int            # last year covered (== first unless it spans a gap)
    value: Decimal       # level factor over first..last
    from_rate: bool

    @property
    def years(self) -> int:
        return self.last - self.first + 1


# What Factor(...) itself calls, less its Python frame: some ten factors an indicator, history included, and
# the frame was a third of each one's cost. The fields are in Factor's order.
_factor = tuple.__new__


def levels(ind: Indicator, entries: dict[int, Entry]) -> dict[int, Decimal]:
    """Recorded values, converted into the indicator's level unit (exact; only money converts)."""
    unit = ind.level_unit
    if unit is None:
        return {}
    # A value in the level unit itself (or in none) is the value: convert's call is skipped for it, not its rule.
    return {
        year: e.value if not e.unit or e.unit == unit else convert(e.value, e.unit, unit)
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


def factors(ind: Indicator, entries: dict[int, Entry], first: int, last: int,
            values: dict[int, Decimal] | None = None) -> list[Factor]:
    """Level factors covering as much of first..last as the data allows.

    One rule (docs/progress.md, "Yearly factors"): a year with a recorded rate has that rate's factor; a year
    with a level and no rate has the factor level_y / level_p, where p is the latest earlier year with a level
    (first − 1 at the earliest) and no year between p and y has a factor. That factor covers p+1..y: one year,
    or a gap. Fix: a gap was spanned only from a level whose own year was covered, so levels 2021 = 100 and
    2023 = 110 with no base level gave no_data, while 2021 = 100, 2022 = 105 used 105/100 (issue 15, item 4).
    """
    if values is None:  # `values`: levels(ind, entries), when the caller has them already
        values = levels(ind, entries)
    out: list[Factor] = []
    anchor = first - 1 if first - 1 in values else None  # the level the next level is compared with
    decrease = ind.direction == "decrease"
    for year in range(first, last + 1):
        entry = entries.get(year)
        if entry is not None and entry.rate is not None:
            change = div(entry.rate, HUNDRED)  # rate_factor's own steps, without its call for every year
            out.append(_factor(Factor, (year, year, ONE - change if decrease else ONE + change, True)))
            # A level in a rate year anchors the next year; without one, the chain of levels is cut here.
            anchor = year if year in values else None
        elif year in values:
            if anchor is not None:
                out.append(_factor(Factor, (anchor + 1, year, div(values[year], values[anchor]), False)))
            anchor = year
    return out


def single_year_changes(ind: Indicator, entries: dict[int, Entry], last: int) -> list[Decimal]:
    """Every single year's change (own terms, %) recorded up to `last`, history included."""
    return [own_terms(ind, f.value) for f in history(ind, entries, last) if f.years == 1]


def history(ind: Indicator, entries: dict[int, Entry], last: int,
            values: dict[int, Decimal] | None = None) -> list[Factor]:
    """The factors from the first recorded year to `last`.

    Those of them that start after the base year B are exactly factors(B + 1, last), so the rate kinds take
    both from this one pass (tests/test_progress_series.py). Why: from B + 1 on, the two passes hold the same
    anchor, or differ only until the first year with a rate or a level; a rate gives both the same factor, and
    a level gives this pass a factor spanning back to a year up to B (left out) and the other none.
    """
    return factors(ind, entries, min(entries, default=last + 1), last, values)


def best_single_year(ind: Indicator, found: list[Factor]) -> Decimal | None:
    """max(single_year_changes) from factors already worked out (own_terms, in the same order, without a call
    each): the best_year of the rate kinds."""
    changes = [(f.value - ONE) * HUNDRED for f in found if f.first == f.last]
    if ind.direction == "decrease":
        changes = [-change for change in changes]
    return max(changes, default=None)
