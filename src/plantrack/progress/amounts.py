"""cumulative (五年累计) and level (期末达到) — progress.md, "Kinds"."""

from __future__ import annotations

from decimal import Decimal

from plantrack.models import Entry, Indicator
from plantrack.numbers import CONTEXT, HUNDRED, ZERO, beside, carried, div, fmt, fmt_amount, fmt_exact, ratio4, term
from plantrack.progress.result import Measure, Period, Step, Working, step
from plantrack.progress.series import levels
from plantrack.progress.shown import completion_edge, end_edge, projection_edge


def _projected(value: Decimal, target: Decimal, unit: str) -> str:
    """The end-year projection beside the verdict: a whole count whole (27 家), else never read across the
    target (99.996 is not 100.00 beside 基本实现: progress/shown.py)."""
    if unit and value == value.to_integral_value():
        return fmt_amount(value, unit)
    return beside(value, projection_edge(target, value, None, ()))


def cumulative(ind: Indicator, entries: dict[int, Entry], period: Period, year: int) -> Measure:
    """S = sum of the years start..Y; R = (S / T) / (k / N); required (T - S) / m; projection S × N / k."""
    amounts = levels(ind, entries)
    # One loop over start..Y sorts the years and sums them: the overview runs this for every cumulative row.
    found: list[int] = []
    absent: list[int] = []
    total = ZERO
    for y in range(period.start, year + 1):
        if (amount := amounts.get(y)) is None:
            absent.append(y)
        else:
            found.append(y)
            total = CONTEXT.add(total, amount)  # 34 digits, not the ambient 28: the sum is shown exact
    covered, missing = tuple(found), tuple(absent)
    if not covered:
        return Measure(missing=missing, reason=step("no_amounts"))
    target = Decimal(ind.target)
    k, big_n, m = len(covered), period.end - period.start + 1, period.end - year
    completion = div(total * HUNDRED, target)
    # R = (S / T) / (k / N) = S × N / (T × k): one division of exact quantities, rounded once. Dividing the
    # rounded completion by the rounded k / N put ties on the wrong side (issue 15, item 2).
    exact_pace = div(CONTEXT.multiply(total, big_n), CONTEXT.multiply(target, k))
    pace = ratio4(exact_pace)
    met = total >= target
    # An int divisor converts exactly, as Decimal(k) did, without the call (here and below).
    required = div(target - total, m) if m > 0 and not met else None
    projection = div(total * big_n, k)
    unit = ind.unit

    def working() -> list[Step]:
        schedule = div(Decimal(k) * HUNDRED, Decimal(big_n))  # shown only: worked out when the lines are
        # S / T and R beside the verdict: never read across 100% or 1 (progress/shown.py).
        done = completion_edge(target, met)
        lines = [
            step("sum", terms=" + ".join(term(amounts[y]) for y in covered), total=fmt_exact(total), unit=unit),
            step("completion", total=fmt_exact(total), target=fmt_exact(target), completion=beside(completion, done),
                 k=f"{k}", big_n=f"{big_n}", schedule=fmt(schedule)),
            step("pace_sum", completion=carried(completion, done), schedule=fmt(schedule, 4),
                 pace=carried(exact_pace, end_edge(exact_pace, m))),
        ]
        if required is not None:
            lines.append(step("required_sum", target=fmt_exact(target), total=fmt_exact(total), m=f"{m}",
                              required=fmt_amount(required, unit), unit=unit))
        lines.append(step("projection_sum", end=f"{period.end}", total=fmt_exact(total), big_n=f"{big_n}", k=f"{k}",
                          projection=_projected(projection, target, unit), unit=unit))
        return lines

    best = None  # max() of the amounts up to Y as a loop: the first of equal amounts, as max keeps
    for y, amount in amounts.items():
        if y <= year and (best is None or amount > best):
            best = amount
    return Measure(
        actual=total, expected=div(target * k, big_n), pace_ratio=pace, pace_exact=exact_pace,
        required=required,
        projection=projection, completion=completion, best_year=best, achieved=met,
        covered=covered, missing=missing, formula=Working(working),
    )


def level(ind: Indicator, entries: dict[int, Entry], period: Period, year: int) -> Measure:
    """Linear path from the base value V_B to T: E_Y = V_B + (T − V_B) × n / N; R = (V_Y − V_B) / (E_Y − V_B)."""
    values = levels(ind, entries)
    base = values.get(period.base)
    if base is None:
        return Measure(reason=step("no_base_value", year=f"{period.base}"), missing=(period.base,))
    latest, target = values[year], Decimal(ind.target)
    n, big_n, m = year - period.base, period.years, period.end - year
    up = ind.direction == "increase"
    met = latest >= target if up else latest <= target
    expected = base + div((target - base) * n, big_n)
    required = div(target - latest, m) if m > 0 and not met else None
    projection = latest + div((latest - base) * m, n)
    # A target already on the wrong side of the base (or equal to it) has no schedule to be ahead of.
    toward = target - base if up else base - target
    pace = exact_pace = None
    if toward > 0:
        # R = (V_Y − V_B) / ((T − V_B) × n / N) = (V_Y − V_B) × N / ((T − V_B) × n): one division (issue 15, item 2).
        exact_pace = div(CONTEXT.multiply(CONTEXT.subtract(latest, base), big_n),
                         CONTEXT.multiply(CONTEXT.subtract(target, base), n))
        pace = ratio4(exact_pace)

    def working() -> list[Step]:
        lines = [step("level_values", base=fmt_exact(base), base_year=f"{period.base}", latest=fmt_exact(latest),
                      year=f"{year}", target=fmt_exact(target)),
                 step("schedule_level", base=fmt_exact(base), target=fmt_exact(target), n=f"{n}", big_n=f"{big_n}",
                      expected=fmt(expected))]
        if exact_pace is not None:
            lines.append(step("pace_level", done=fmt(latest - base, 4), due=fmt(expected - base, 4),
                              pace=carried(exact_pace, end_edge(exact_pace, m))))
        if required is not None:
            lines.append(step("required_level", target=fmt_exact(target), latest=fmt_exact(latest), m=f"{m}",
                              required=fmt(required)))
        lines.append(step("projection_level", end=f"{period.end}", projection=_projected(projection, target, "")))
        return lines

    best = None  # the best single-year step up to Y, own terms: max() as a loop (the first of equal steps)
    for y, value in values.items():
        if y <= year and (before := values.get(y - 1)) is not None:
            moved = value - before if up else -(value - before)
            if best is None or moved > best:
                best = moved
    return Measure(
        actual=latest, expected=expected, pace_ratio=pace, pace_exact=exact_pace, required=required,
        projection=projection,
        best_year=best, achieved=met, covered=(year,), formula=Working(working),
        reason=None if pace is not None or met else step("wrong_side"),
    )
