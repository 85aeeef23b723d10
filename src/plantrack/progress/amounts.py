"""cumulative (五年累计) and level (期末达到) — progress.md, "Kinds"."""

from __future__ import annotations

from decimal import Decimal

from plantrack.models import Entry, Indicator
from plantrack.progress.numbers import CONTEXT, HUNDRED, ZERO, div, fmt, fmt_amount, fmt_exact, ratio4, term
from plantrack.progress.result import Measure, Period, Working
from plantrack.progress.series import levels


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
        return Measure(missing=missing, reason="no amounts recorded in the period")
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

    def working() -> list[str]:
        schedule = div(Decimal(k) * HUNDRED, Decimal(big_n))  # shown only: worked out when the lines are
        lines = [
            f"S = {' + '.join(term(amounts[y]) for y in covered)} = {fmt_exact(total)} {unit}",
            f"S / T = {fmt_exact(total)} / {fmt_exact(target)} = {fmt(completion)}%;  schedule k / N = {k} / {big_n} = {fmt(schedule)}%",
            f"R = {fmt(completion, 4)}% / {fmt(schedule, 4)}% = {fmt(exact_pace, 4)}",
        ]
        if required is not None:
            lines.append(f"required = (T − S) / m = ({fmt_exact(target)} − {fmt_exact(total)}) / {m} = {fmt_amount(required, unit)} {unit} a year")
        lines.append(f"projection {period.end} = S × N / k = {fmt_exact(total)} × {big_n} / {k} = {fmt_amount(projection, unit)} {unit}")
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
        return Measure(reason=f"no base-year value ({period.base}) recorded", missing=(period.base,))
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

    def working() -> list[str]:
        lines = [f"V_B = {fmt_exact(base)} ({period.base}), V_Y = {fmt_exact(latest)} ({year}), T = {fmt_exact(target)}",
                 f"E_Y = V_B + (T − V_B) × n / N = {fmt_exact(base)} + ({fmt_exact(target)} − {fmt_exact(base)}) × {n} / {big_n} = {fmt(expected)}"]
        if exact_pace is not None:
            lines.append(f"R = (V_Y − V_B) / (E_Y − V_B) = {fmt(latest - base, 4)} / {fmt(expected - base, 4)} = {fmt(exact_pace, 4)}")
        if required is not None:
            lines.append(f"required = (T − V_Y) / m = ({fmt_exact(target)} − {fmt_exact(latest)}) / {m} = {fmt(required)} a year")
        lines.append(f"projection {period.end} = V_Y + (V_Y − V_B) / n × m = {fmt(projection)}")
        return lines

    best = None  # the best single-year step up to Y, own terms: max() as a loop (the first of equal steps)
    for y, value in values.items():
        if y <= year and (before := values.get(y - 1)) is not None:
            step = value - before if up else -(value - before)
            if best is None or step > best:
                best = step
    return Measure(
        actual=latest, expected=expected, pace_ratio=pace, pace_exact=exact_pace, required=required,
        projection=projection,
        best_year=best, achieved=met, covered=(year,), formula=Working(working),
        reason="" if pace is not None or met else "target is on the wrong side of the base value",
    )
