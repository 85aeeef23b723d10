"""annual_rate (年均增长/下降率) and total_change (期内累计变化) — progress.md, "Kinds".

Everything is done on level factors g (level_y / level_{y-1}); `own_terms` turns a factor back into the
percentage the plan speaks in (a decline for `decrease` indicators).
"""

from __future__ import annotations

from decimal import Decimal

from plantrack.models import Entry, Indicator
from plantrack.progress.numbers import CONTEXT, ONE, at_least, div, fmt, fmt_exact, power, ratio4, root
from plantrack.progress.result import Measure, Period, Working
from plantrack.progress.series import Factor, best_single_year, history, levels, own_terms, rate_factor


# found (the factors of B + 1..Y), covered, missing, product, values (the levels) and every (the factors from
# the first recorded year: best_year looks at them all). A plain tuple: a NamedTuple's Python __new__ costs more.
_Coverage = tuple[list[Factor], tuple[int, ...], tuple[int, ...], Decimal, dict[int, Decimal], list[Factor]]


def _coverage(ind: Indicator, entries: dict[int, Entry], period: Period, year: int) -> _Coverage:
    # One pass over the factors and one over the levels serve the average, the working and best_year: each
    # was worked out two or three times (series.history says why the factors of B + 1..Y are the same).
    values = levels(ind, entries)
    every = history(ind, entries, year, values)
    found = [f for f in every if f.first > period.base]
    years: list[int] = []
    product = ONE
    for f in found:
        years.extend(range(f.first, f.last + 1))
        product = CONTEXT.multiply(product, f.value)  # 34 digits, not the ambient 28
    covered = tuple(years)
    missing = tuple(y for y in range(period.base + 1, year + 1) if y not in covered)
    return found, covered, missing, product, values, every


def _factor_lines(ind: Indicator, found: list[Factor], entries: dict[int, Entry],
                  values: dict[int, Decimal]) -> list[str]:
    lines = []
    for f in found:
        if f.from_rate:
            lines.append(f"g{f.last} = 1 {'−' if ind.direction == 'decrease' else '+'} {fmt(entries[f.last].rate)}% = {fmt(f.value, 6)}  {'(recorded decline 下降率)' if ind.direction == 'decrease' else '(recorded rate)'}")
        else:
            span = f"{f.first}–{f.last}" if f.years > 1 else f"{f.last}"
            lines.append(f"g{span} = {_num(values[f.last])} / {_num(values[f.first - 1])} = {fmt(f.value, 6)}  (levels)")
    return lines


def _num(x: Decimal) -> str:
    return fmt_exact(x)


def _no_factor(period: Period, year: int) -> Measure:
    missing = tuple(range(period.base + 1, year + 1))
    return Measure(missing=missing, reason=f"no base-year level ({period.base}) and no recorded rates")


def annual_rate(ind: Indicator, entries: dict[int, Entry], period: Period, year: int) -> Measure:
    """Achieved average rate a over the known years, R = a / r, rate still required, projection."""
    found, covered, missing, product, values, every = _coverage(ind, entries, period, year)
    if not found:
        return _no_factor(period, year)
    best = best_single_year(ind, every)
    k, n, big_n, m = len(covered), year - period.base, period.years, period.end - year
    target = Decimal(ind.target)
    avg_factor = root(product, k)
    achieved_rate = own_terms(ind, avg_factor)
    exact_pace = div(achieved_rate, target)
    pace = ratio4(exact_pace)
    # Years without data are assumed to have moved at the achieved average (stated as partial).
    estimate = power(avg_factor, n)
    goal = power(rate_factor(ind, target), big_n)
    # at_least forgives rounding noise (numbers.py), so exactly-on-target is met.
    met = at_least(estimate, goal) if ind.direction == "increase" else at_least(goal, estimate)
    required = own_terms(ind, root(div(goal, estimate), m)) if m > 0 and not met else None
    # Only from a level that is part of the computation: a level its year's change could not be worked out for
    # (after a rate-only year) gave an end-year level from a figure the average left out (issue 15, item 8).
    proj_level = values[year] * power(avg_factor, m) if year in values and year in covered else None
    sign = "−" if ind.direction == "decrease" else "+"

    def working() -> list[str]:
        lines = _factor_lines(ind, found, entries, values) + [
            f"a = ({' × '.join(fmt(f.value, 6) for f in found)})^(1/{k}) − 1 = {fmt(achieved_rate)}%"
            + (" (decline)" if ind.direction == "decrease" else ""),
            f"R = a / r = {fmt(achieved_rate, 4)} / {_num(target)} = {fmt(exact_pace, 4)}",
        ]
        if required is not None:
            lines.append(
                f"required = ((1 {sign} {_num(target)}%)^{big_n} / (1 {sign} a)^{n})^(1/{m}) − 1 = {fmt(required)}% a year"
            )
        if proj_level is not None:
            lines.append(f"projection {period.end} = {_num(values[year])} × (1 {sign} a)^{m} = {fmt(proj_level)}")
        return lines

    return Measure(
        actual=achieved_rate, expected=target, pace_ratio=pace, pace_exact=exact_pace, required=required,
        projection=achieved_rate, projection_level=proj_level, best_year=best, achieved=met,
        covered=covered, missing=missing, formula=Working(working),
    )


def total_change(ind: Indicator, entries: dict[int, Entry], period: Period, year: int) -> Measure:
    """Total change to date c against the linear schedule e = C × k / N; R = c / e."""
    found, covered, missing, product, values, every = _coverage(ind, entries, period, year)
    if not found:
        return _no_factor(period, year)
    best = best_single_year(ind, every)
    k, n, big_n, m = len(covered), year - period.base, period.years, period.end - year
    target = Decimal(ind.target)
    change = own_terms(ind, product)
    # Only the covered years are compared with the schedule, so a missing year is not counted as a failure.
    expected = div(target * k, big_n)  # int operands convert exactly, as Decimal(k) did, without the call
    # R = c / (C × k / N) = c × N / (C × k): one division. Dividing by the rounded e (C × k / N does not
    # terminate for N = 3, 6, 7, 9) put ties on the wrong side (issue 15, item 2).
    exact_pace = div(CONTEXT.multiply(change, big_n), CONTEXT.multiply(target, k))
    pace = ratio4(exact_pace)
    goal = rate_factor(ind, target)
    met = change >= target
    estimate = power(product, div(n, k))
    required = own_terms(ind, root(div(goal, estimate), m)) if m > 0 and not met else None
    projection = own_terms(ind, power(product, div(big_n, k)))
    sign = "−" if ind.direction == "decrease" else "+"

    def working() -> list[str]:
        lines = _factor_lines(ind, found, entries, values) + [
            f"c = {' × '.join(fmt(f.value, 6) for f in found)} → {fmt(change)}%" + (" (decline)" if ind.direction == "decrease" else ""),
            f"e = C × k / N = {_num(target)} × {k} / {big_n} = {fmt(expected)}%",
            f"R = c / e = {fmt(change, 4)} / {fmt(expected, 4)} = {fmt(exact_pace, 4)}",
        ]
        if required is not None:
            lines.append(f"required = ((1 {sign} {_num(target)}%) / (1 {sign} c))^(1/{m}) − 1 = {fmt(required)}% a year")
        lines.append(f"projection {period.end} = (1 {sign} c)^({big_n}/{k}) − 1 = {fmt(projection)}%")
        return lines

    return Measure(
        actual=change, expected=expected, pace_ratio=pace, pace_exact=exact_pace, required=required,
        projection=projection,
        best_year=best, achieved=met, covered=covered, missing=missing, formula=Working(working),
    )
