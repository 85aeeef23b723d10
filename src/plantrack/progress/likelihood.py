"""Will the target be met by the end year? A probability and an interval, from the indicator's own series (issue 31).

The method (docs/progress.md, "Likelihood / 把握"): the indicator's position moves each year by a step; the
steps are independent draws with an unknown mean μ and spread σ, estimated from the steps recorded so far,
history years before the plan included (a random walk with drift; for totals, i.i.d. yearly amounts):

| kind | position X | step | goal |
|---|---|---|---|
| annual_rate, total_change | ln of the level relative to the base year (ln E, E = P^(n/k)) | ln g, one year's level factor | N·ln(1 ± r/100), or ln(1 ± C/100) |
| cumulative | the total so far S | one year's amount | T |
| level | the latest value V_Y | one year's change V_t − V_(t−1) | T |

With k steps (mean x̄, sample standard deviation s) and m years still to come, the end-year position is
predicted as X_end = X_Y + m·x̄, with standard error se = s·√(m·(1 + m/k)) (m future steps, and the error of x̄
carried over m years), and X_end is Student-t distributed with k − 1 degrees of freedom around it. The
probability of meeting the target is P(X_end ≥ goal) (P(X_end ≤ goal) for a decrease), and the interval is the
central 80%. Fewer than MIN_STEPS steps give no number (likelihood_reason `too_few_points`); steps that are all
the same (s = 0) give exactly 0 or 1.

Floats, not Decimal: a probability is an estimate, shown to whole percent; its uncertainty is far beyond what
floats lose. The pure part, `forecast`, takes plain numbers: benchmarks/backtest.py calls it on other series.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Decimal

from plantrack.models import Entry, Indicator
from plantrack.numbers import OUT_OF_RANGE, fmt, fmt_exact

# The statistics live in forecast.py; imported from here too (the backtest, the tests, the working below).
from plantrack.progress.forecast import COVERAGE as COVERAGE
from plantrack.progress.forecast import MIN_STEPS as MIN_STEPS
from plantrack.progress.forecast import WEIGHT as WEIGHT
from plantrack.progress.forecast import Forecast as Forecast
from plantrack.progress.forecast import forecast as forecast
from plantrack.progress.result import (
    FanPoint,
    IndicatorResult,
    Likelihood,
    Measure,
    Period,
    Step,
    Working,
    step,
)
from plantrack.progress.series import Factor, history, levels, rate_factor
from plantrack.units import is_count

# likelihood_reason when no number is given (docs/status-json.md)
QUALITATIVE, NO_DATA, OUTCOME_KNOWN, TOO_FEW, NOT_POSITIVE = (
    "qualitative", "no_data", "outcome_known", "too_few_points", "not_positive")

# The working's places, one per scale, so that a quantity reads the same on every line it appears on (x̄ and s
# in the first line and again in σ's; the estimate in its own line and in P's): log positions and their steps
# (annual_rate, total_change) to 6 decimals, amounts and levels in the unit to 4; the t value and the interval
# as the docs show them. Recorded figures (the total, the latest level, the target) are written as recorded.
LOG_PLACES, UNIT_PLACES, T_PLACES, K_PLACES, INTERVAL_PLACES = 6, 4, 4, 6, 2


def refusal(reason: str, **args: str) -> Likelihood:
    return Likelihood(None, reason, working=(step("likely_" + reason, None, **args),))


def likelihood(ind: Indicator, entries: dict[int, Entry], period: Period, year: int, measure: Measure,
               closing: bool) -> Likelihood:
    """The likelihood of an indicator judged at data year `year` (measure: the engine's). Closing: the as-of
    year is the end year, where the outcome is known (or its figure missing) and no forecast is shown."""
    if ind.kind == "qualitative":
        return refusal(QUALITATIVE)
    if measure.actual is None:
        return refusal(NO_DATA)
    m = period.end - year
    if closing or m <= 0:
        return refusal(OUTCOME_KNOWN)
    if ind.kind == "cumulative":
        one = _cumulative(ind, entries, period, year, measure)
    elif ind.kind == "level":
        one = _level(ind, entries, year, measure, m)
    else:
        one = _rate(ind, entries, period, year, m)
    if measure.achieved and one.probability is not None and one.working and one.working[0].code != "likely_reached":
        # 提前实现 beside a chance below 100% is no contradiction only when it says why: a level, a rate or a net
        # total met today can slip back by the end year (docs/progress.md, "The cases").
        lines = one.working
        return one._replace(working=Working(lambda: [*lines, step("likely_can_slip")]))
    return one


def _rate(ind: Indicator, entries: dict[int, Entry], period: Period, year: int, m: int) -> Likelihood:
    every = history(ind, entries, year)
    if any(f.value <= 0 for f in every):
        return refusal(NOT_POSITIVE)
    found = [f for f in every if f.first > period.base]
    steps = [math.log(float(f.value)) for f in every if f.years == 1]
    k = sum(f.years for f in found)
    n, big_n = year - period.base, period.years
    now = n / k * math.fsum(math.log(float(f.value)) for f in found)
    goal_factor = rate_factor(ind, Decimal(ind.target))
    if goal_factor <= 0:
        return refusal(NOT_POSITIVE)
    annual = ind.kind == "annual_rate"
    goal = (big_n if annual else 1) * math.log(float(goal_factor))
    up = ind.direction == "increase"
    cast = forecast(steps, now, goal, m, up)
    if cast is None:
        return refusal(TOO_FEW, count=f"{len(steps)}", least=f"{MIN_STEPS}")
    sign = 1.0 if up else -1.0

    def own(x: float) -> float:  # a log position as the target's own terms: average rate or total change, %
        return sign * (_exp(x / big_n if annual else x) - 1.0) * 100.0

    low, high = sorted((own(cast.low), own(cast.high)))

    def lines() -> list[Step]:
        return [step("likely_steps_log", k=f"{cast.k}", first=f"{_first_single(every)}", last=f"{year}",
                     mean=_f(cast.mean, LOG_PLACES), sd=_f(cast.sd, LOG_PLACES)),
                step("likely_now_log", n=f"{n}", k=f"{k}", now=_f(now, LOG_PLACES), goal=_f(goal, LOG_PLACES))]
    # X and X_G are computed logs: the same 6 places in the estimate's and P's lines as in their own.
    said = (_f(now, LOG_PLACES), _f(goal, LOG_PLACES), LOG_PLACES)
    return _finish(cast, m, up, low, high, _exp, (year, period.end), lines, "%", said, annual)


def _cumulative(ind: Indicator, entries: dict[int, Entry], period: Period, year: int, measure: Measure) -> Likelihood:
    amounts = levels(ind, entries)
    steps = [float(v) for y, v in sorted(amounts.items()) if y <= year]
    total = measure.actual
    assert total is not None
    # Years still to come, and years inside the period up to Y that have no amount yet: both are unknown.
    m = period.end - year + len(measure.missing)
    goal = float(ind.target)
    if measure.achieved and not ind.net:  # later years can only add (decisions.md): met, whatever comes
        return Likelihood(1.0, working=(step("likely_reached"),))
    cast = forecast(steps, float(total), goal, m, True)
    if cast is None:
        return refusal(TOO_FEW, count=f"{len(steps)}", least=f"{MIN_STEPS}")
    # Amounts are not negative: the total cannot end below what is already there.
    floor = -math.inf if ind.net else float(total)
    low, high = max(cast.low, floor), max(cast.high, floor)

    def lines() -> list[Step]:
        return [step("likely_steps_amount", k=f"{cast.k}", first=f"{min(amounts)}", last=f"{year}",
                     mean=_f(cast.mean, UNIT_PLACES), sd=_f(cast.sd, UNIT_PLACES), unit=ind.unit)]
    said = (fmt_exact(total), fmt_exact(Decimal(ind.target)), UNIT_PLACES)  # S and T as recorded
    return _finish(cast, m, True, low, high, lambda x: max(x, floor), (year, period.end), lines, ind.unit, said)


def _level(ind: Indicator, entries: dict[int, Entry], year: int, measure: Measure, m: int) -> Likelihood:
    values = levels(ind, entries)
    steps = [float(v - values[y - 1]) for y, v in sorted(values.items()) if y <= year and y - 1 in values]
    latest = measure.actual
    assert latest is not None
    goal, up = float(ind.target), ind.direction == "increase"
    cast = forecast(steps, float(latest), goal, m, up)
    if cast is None:
        return refusal(TOO_FEW, count=f"{len(steps)}", least=f"{MIN_STEPS}")
    recorded = [float(v) for v in values.values()]
    share = ind.unit == "%" and 0.0 <= goal <= 100.0 and all(0.0 <= v <= 100.0 for v in recorded)

    def cut(x: float) -> float:
        # A share cannot pass 100% or fall below 0: the interval is cut there. The probability is not changed
        # by the cut, since the goal lies inside 0..100 (the cut mass stays on its side of the goal).
        return min(max(x, 0.0), 100.0) if share else x

    low, high = cut(cast.low), cut(cast.high)

    def lines() -> list[Step]:
        return [step("likely_steps_level", k=f"{cast.k}", mean=_f(cast.mean, UNIT_PLACES),
                     sd=_f(cast.sd, UNIT_PLACES))]
    said = (fmt_exact(latest), fmt_exact(Decimal(ind.target)), UNIT_PLACES)  # V_Y and T as recorded
    return _finish(cast, m, up, low, high, cut, (year, year + m), lines, ind.unit, said)


def _finish(cast: Forecast, m: int, up: bool, low: float, high: float, chart: Callable[[float], float],
            span: tuple[int, int], head: Callable[[], list[Step]], unit: str, said: tuple[str, str, int],
            average: bool = False) -> Likelihood:
    """The likelihood with its working, written when read (result.Working): the JSON needs only the number.
    `said`: the position now and the goal as the head's lines wrote them, and the places of the position's scale
    (x̄, s, the estimate and σ are written with them on every line).
    The fan: each year from the data year's next to the end, the interval and its median on the chart's scale
    (`chart`: a position to the level relative to the base year, the total or the level, cut where the value
    cannot go), so the chart draws the median line the probability is read from. An interval beyond the range
    plantrack shows (|x| < 10^15, docs/progress.md) is not given; P still is."""
    p = cast.probability
    year, end = span
    # Years inside the period with no amount yet (cumulative) are steps already to come: h counts them too.
    fan = {year + j: [chart(x) for x in cast.at(m - (end - year) + j)] for j in range(1, end - year + 1)}
    every = (low, high, *(x for xs in fan.values() for x in xs))
    shown_interval = all(math.isfinite(x) and abs(x) < 1e15 for x in every)

    now, goal, places = said

    def working() -> list[Step]:
        lines = head()
        centre = _amount(cast.centre, places, unit)
        lines.append(step("likely_centre", now=now, m=f"{m}", mean=_f(cast.mean, places), centre=centre))
        if cast.t is None:
            lines.append(step("likely_flat", p=percent(p)))
        else:
            se = _f(cast.se, places)
            lines.append(step("likely_spread", sd=_f(cast.sd, places), m=f"{m}", k_eff=_f(cast.k_eff, K_PLACES),
                              se=se))
            code = "likely_probability_up" if up else "likely_probability_down"
            lines.append(step(code, centre=centre, goal=goal, se=se, df=f"{cast.k - 1}", t=_f(cast.t, T_PLACES),
                              p=percent(p)))
        glue = "" if unit == "%" else " "
        code = "likely_interval_rate" if average else "likely_interval"
        if shown_interval:
            # a count whole, widened outward: 1 – 59 家, never 1.16 家
            shown_low, shown_high = (f"{math.floor(low)}", f"{math.ceil(high)}") if is_count(unit) else (
                _f(low, INTERVAL_PLACES), _f(high, INTERVAL_PLACES))
            lines.append(step(code, low=f"{shown_low}{glue}{unit}", high=f"{shown_high}{glue}{unit}",
                              coverage=f"{round(COVERAGE * 100)}"))
        return lines

    if not shown_interval:
        return Likelihood(p, None, working=Working(working))
    points = tuple(FanPoint(y, _dec(a), _dec(b), _dec(c)) for y, (a, b, c) in fan.items())
    return Likelihood(p, None, _dec(low), _dec(high), points, Working(working))


def shown(p: float) -> Decimal:
    """p to 4 decimals, rounded toward the nearest cut-off below it (down), so the number never reads as a
    better band than the word beside it; a probability strictly between 0 and 1 stays strictly between."""
    d = Decimal(math.floor(p * 10000)).scaleb(-4)  # 4 places, trailing zeros kept: 0.2420 as other JSON numbers
    if p > 0.0 and d == 0:
        return Decimal("0.0001")
    return d


def percent(p: float) -> str:
    """Whole percent, rounded down (the cut-offs are whole percents: the shown number never crosses one);
    "<1%" for a chance above 0 but below 1%, never "0%" for a possible outcome."""
    if 0.0 < p < 0.01:
        return "<1%"
    return f"{math.floor(p * 100)}%"


def _first_single(every: Sequence[Factor]) -> int:
    return min((f.first for f in every if f.years == 1), default=0)


def _f(x: float, places: int) -> str:
    """A computed quantity of the working, rounded half-up as every number plantrack shows (numbers.fmt, on the
    float's shortest decimal: what `repr` says it is), never a float's own round-half-even format."""
    return fmt(_dec(x), places) if math.isfinite(x) else OUT_OF_RANGE


def _amount(x: float, places: int, unit: str) -> str:
    """A position in the working: a whole count as counts are written everywhere (18 家, not 18.0000 家)."""
    return f"{round(x)}" if is_count(unit) and x == round(x) else _f(x, places)


def _dec(x: float) -> Decimal:
    return Decimal(repr(x))


def _exp(x: float) -> float:
    """e^x, infinite where a float cannot hold it (a level ×1000 a year over a long plan): never an OverflowError."""
    return math.exp(x) if x < 709.0 else math.inf


class Deferred:
    """likelihood(...) with its arguments, worked out when called: the engine makes one for each indicator it
    judges (a few hundred ns), and only the outputs that show the likelihood pay for it. Equal when the arguments
    are (two evaluations of one plan are equal results); pickled as its arguments (the overview's workers)."""

    __slots__ = ("args",)

    def __init__(self, *args: object) -> None:
        self.args = args

    def __call__(self) -> Likelihood:
        return likelihood(*self.args)  # type: ignore[arg-type]  # the engine's own arguments, in order

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Deferred) and self.args == other.args

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type[Deferred], tuple[object, ...]]:
        return Deferred, self.args


def of(result: IndicatorResult) -> Likelihood:
    """The likelihood of a judged indicator: the engine's, or why there is none (a qualitative indicator, or one
    without data, for which the engine worked out nothing)."""
    if result.likelihood is not None:
        return result.likelihood()
    return refusal(QUALITATIVE if result.indicator.kind == "qualitative" else NO_DATA)


def record(result: IndicatorResult) -> dict[str, Decimal | str | None]:
    """The status JSON's and CSV's two keys: `likelihood` (0..1, 4 decimals, rounded down) and why it is null."""
    one = of(result)
    return {"likelihood": None if one.probability is None else shown(one.probability),
            "likelihood_reason": one.reason}
