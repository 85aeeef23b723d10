"""annual_rate (年均增长/下降率) and total_change (期内累计变化) — progress.md, "Kinds".

Everything is done on level factors g (level_y / level_{y-1}); `own_terms` turns a factor back into the
percentage the plan speaks in (a decline for `decrease` indicators).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from plantrack.models import Entry, Indicator
from plantrack.numbers import CONTEXT, ONE, at_least, beside, carried, div, fmt, fmt_exact, power, ratio4, root
from plantrack.progress.result import Measure, Period, Step, Working, step
from plantrack.progress.shown import end_edge, projection_edge, rate_edges
from plantrack.progress.series import Factor, best_single_year, history, levels, own_terms, rate_factor


# found (the factors of B + 1..Y), covered, missing, product, values (the levels) and best (best_year, from the
# factors from the first recorded year: it looks at them all). A plain tuple: a NamedTuple's __new__ costs more.
_Coverage = tuple[list[Factor], tuple[int, ...], tuple[int, ...], Decimal, dict[int, Decimal], Decimal | None]


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
    return found, covered, missing, product, values, best_single_year(ind, every) if found else None


def _factor_lines(ind: Indicator, found: list[Factor], entries: dict[int, Entry],
                  values: dict[int, Decimal]) -> list[Step]:
    lines = []
    for f in found:
        if f.from_rate:
            code = "factor_decline" if ind.direction == "decrease" else "factor_rate"
            # The recorded rate as recorded: 2.9999 rounded to 3.00 read as the target of 3 kept (issue 30, item 5).
            rate = entries[f.last].rate
            assert rate is not None  # a factor from a rate has its rate
            lines.append(step(code, year=f"{f.last}", rate=fmt_exact(rate), g=fmt(f.value, 6)))
        else:
            span = f"{f.first}–{f.last}" if f.years > 1 else f"{f.last}"
            lines.append(step("factor_levels", span=span, now=fmt_exact(values[f.last]),
                              before=fmt_exact(values[f.first - 1]), g=fmt(f.value, 6)))
    return lines


def _exact_product(ind: Indicator, found: list[Factor], entries: dict[int, Entry],
                   values: dict[int, Decimal]) -> Fraction:
    """P as an exact fraction: every factor is a ratio of recorded decimals (two levels, or 1 ± rate/100)."""
    product = Fraction(1)
    for f in found:
        if f.from_rate:
            change = Fraction(entries[f.last].rate or 0) / 100
            product *= 1 - change if ind.direction == "decrease" else 1 + change
        else:
            product *= Fraction(values[f.last]) / Fraction(values[f.first - 1])
    return product


def _reached(ind: Indicator, product: Fraction, k: int, n: int, big_n: int) -> bool:
    """E ≥ G exactly (E ≤ G for decrease), where E = P^(n/k) and G = g^N: P^n ≥ g^(N·k), both sides positive."""
    goal = 1 + Fraction(ind.target) / 100 if ind.direction == "increase" else 1 - Fraction(ind.target) / 100
    estimate, end = product ** n, goal ** (big_n * k)
    return estimate >= end if ind.direction == "increase" else estimate <= end


def _no_factor(period: Period, year: int) -> Measure:
    missing = tuple(range(period.base + 1, year + 1))
    return Measure(missing=missing, reason=step("no_base_level", year=f"{period.base}"))


def annual_rate(ind: Indicator, entries: dict[int, Entry], period: Period, year: int) -> Measure:
    """Achieved average rate a over the known years, R = a / r, rate still required, projection."""
    found, covered, missing, product, values, best = _coverage(ind, entries, period, year)
    if not found:
        return _no_factor(period, year)
    k, n, big_n, m = len(covered), year - period.base, period.years, period.end - year
    target = Decimal(ind.target)
    avg_factor = root(product, k)
    achieved_rate = own_terms(ind, avg_factor)
    exact_pace = div(achieved_rate, target)
    pace = ratio4(exact_pace)
    # Years without data are assumed to have moved at the achieved average (stated as partial).
    estimate = power(avg_factor, n)
    goal = power(rate_factor(ind, target), big_n)
    # The rounded 34-digit values decide unless they are within rounding noise of each other (numbers.at_least);
    # there, P^n against g^(N·k) on exact fractions does: exactly on target is met, a hair short is not.
    met = at_least(estimate, goal) if ind.direction == "increase" else at_least(goal, estimate)
    if met is None:
        met = _reached(ind, _exact_product(ind, found, entries, values), k, n, big_n)
    required = own_terms(ind, root(div(goal, estimate), m)) if m > 0 and not met else None
    # Only from a level that is part of the computation: a level its year's change could not be worked out for
    # (after a rate-only year) gave an end-year level from a figure the average left out (issue 15, item 8).
    proj_level = values[year] * power(avg_factor, m) if year in values and year in covered else None
    sign = "−" if ind.direction == "decrease" else "+"

    def working() -> list[Step]:
        # a and R beside the verdict the working ends in: never read across the target or 1 (progress/shown.py).
        edges = rate_edges(ind.kind, target, achieved_rate, met, m)
        lines = _factor_lines(ind, found, entries, values) + [
            step("average_decline" if ind.direction == "decrease" else "average",
                 factors=" × ".join(fmt(f.value, 6) for f in found), k=f"{k}", a=beside(achieved_rate, edges)),
            step("pace_rate", a=carried(achieved_rate, edges), target=fmt_exact(target),
                 pace=carried(exact_pace, end_edge(exact_pace, m))),
        ]
        if required is not None:
            lines.append(step("required_rate", sign=sign, target=fmt_exact(target), big_n=f"{big_n}", n=f"{n}",
                              m=f"{m}", required=fmt(required)))
        if proj_level is not None:
            lines.append(step("projection_rate", end=f"{period.end}", level=fmt_exact(values[year]), sign=sign,
                              m=f"{m}", projection=fmt(proj_level)))
        return lines

    return Measure(
        actual=achieved_rate, expected=target, pace_ratio=pace, pace_exact=exact_pace, required=required,
        projection=achieved_rate, projection_level=proj_level, best_year=best, achieved=met,
        covered=covered, missing=missing, formula=Working(working),
    )


def total_change(ind: Indicator, entries: dict[int, Entry], period: Period, year: int) -> Measure:
    """Total change to date c against the linear schedule e = C × k / N; R = c / e."""
    found, covered, missing, product, values, best = _coverage(ind, entries, period, year)
    if not found:
        return _no_factor(period, year)
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

    def working() -> list[Step]:
        edges = rate_edges(ind.kind, target, change, met, m)  # c and R beside the verdict (progress/shown.py)
        lines = _factor_lines(ind, found, entries, values) + [
            step("change_decline" if ind.direction == "decrease" else "change",
                 factors=" × ".join(fmt(f.value, 6) for f in found), c=beside(change, edges)),
            step("schedule_change", target=fmt_exact(target), k=f"{k}", big_n=f"{big_n}", e=fmt(expected)),
            step("pace_change", c=carried(change, edges), e=fmt(expected, 4),
                 pace=carried(exact_pace, end_edge(exact_pace, m))),
        ]
        if required is not None:
            lines.append(step("required_change", sign=sign, target=fmt_exact(target), m=f"{m}", required=fmt(required)))
        lines.append(step("projection_change", end=f"{period.end}", sign=sign, big_n=f"{big_n}", k=f"{k}",
                          projection=beside(projection, projection_edge(target, projection, change, edges))))
        return lines

    return Measure(
        actual=change, expected=expected, pace_ratio=pace, pace_exact=exact_pace, required=required,
        projection=projection,
        best_year=best, achieved=met, covered=covered, missing=missing, formula=Working(working),
    )
