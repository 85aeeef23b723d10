"""Yearly factors (progress/series.py): the shortcuts the engine takes give what the plain rules give.

The rate kinds take their factors over B + 1..Y from the one pass over the whole history that best_year needs
(series.history), and best_year from those factors without a call per year: both are checked here against
the plain computation on any years, rates, levels and gaps, with and without a base-year level.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from plantrack.models import Entry, Indicator
from plantrack.progress.series import best_single_year, factors, history, levels, single_year_changes

D = Decimal
BASE, LAST = 2020, 2025


def _indicator(direction: str, value_unit: str | None) -> Indicator:
    return Indicator(id="x", no=1, name="x", kind="annual_rate", unit="%", target=D(6), direction=direction,
                     value_unit=value_unit)


amount = st.decimals(D("0.001"), D("1e9"), places=3, allow_nan=False, allow_infinity=False)
rate = st.decimals(D("-50"), D("50"), places=2, allow_nan=False, allow_infinity=False)
entry = st.builds(Entry, value=st.one_of(st.none(), amount), rate=st.one_of(st.none(), rate),
                  unit=st.sampled_from([None, "万元", "亿元", "元"]))
entries = st.dictionaries(st.integers(BASE - 8, LAST + 2), entry, max_size=14)


@settings(max_examples=500, deadline=None)
@given(entries=entries, direction=st.sampled_from(["increase", "decrease"]), last=st.integers(BASE - 2, LAST),
       value_unit=st.sampled_from(["万元", None]))
def test_history_after_the_base_year_is_the_factors_from_it(entries, direction, last, value_unit):
    ind = _indicator(direction, value_unit)
    every = history(ind, entries, last, levels(ind, entries))
    assert [f for f in every if f.first > BASE] == factors(ind, entries, BASE + 1, last)
    assert every == history(ind, entries, last)  # the levels passed in are the ones it would work out


@settings(max_examples=500, deadline=None)
@given(entries=entries, direction=st.sampled_from(["increase", "decrease"]), last=st.integers(BASE - 2, LAST))
def test_best_single_year_is_the_largest_single_year_change(entries, direction, last):
    ind = _indicator(direction, "万元")
    best = best_single_year(ind, history(ind, entries, last))
    expected = max(single_year_changes(ind, entries, last), default=None)
    # repr, not ==: the same number with another exponent (5.00 against 5.000) would show differently
    assert repr(best) == repr(expected)


def test_a_level_gap_across_the_base_year_is_not_a_factor_after_it():
    # Levels 2018 and 2022, no base level: the history spans 2019–2022; factors from 2021 have none.
    ind = _indicator("increase", "万元")
    recorded = {2018: Entry(value=D(100)), 2022: Entry(value=D(121)), 2023: Entry(rate=D(5))}
    every = history(ind, recorded, 2023)
    assert [(f.first, f.last) for f in every] == [(2019, 2022), (2023, 2023)]
    assert [f for f in every if f.first > BASE] == factors(ind, recorded, BASE + 1, 2023)
    assert best_single_year(ind, every) == D(5)
