"""Evaluate a plan as of a year: each indicator at its own latest data year, then banded into a status."""

from __future__ import annotations

from decimal import Decimal

from plantrack.errors import usage_error
from plantrack.models import Entry, Indicator, Thresholds
from plantrack.plan import Plan
from plantrack.progress.amounts import cumulative, level
from plantrack.numbers import Edge, carried
from plantrack.progress.likelihood import Deferred
from plantrack.progress.rates import annual_rate, total_change
from plantrack.progress.shown import end_edge
from plantrack.progress.result import (
    ACHIEVED, AHEAD, BEHIND, FAR_BEHIND, MISSED, NEARLY_MET, NO_DATA, NO_FINAL_DATA, ON_TRACK, IndicatorResult,
    Measure, Period, PlanResult, Step, Working, step,
)

# A year after the end means the final evaluation; one far after it is a typing mistake (20255 for 2025).
AS_OF_AFTER_END = 20

_MEASURES = {"annual_rate": annual_rate, "total_change": total_change, "cumulative": cumulative, "level": level}


def default_as_of(plan: Plan) -> int:
    """The latest year with any data inside the period (the start year when there is none)."""
    start, end = plan.info.start, plan.info.end
    latest = start - 1
    for entries in plan.figures().values():  # a removal record (record --delete) is no data
        # From the end year down to the latest found so far: a few lookups an indicator, not a scan of its
        # history, and none once a year has the end year's data.
        for year in range(end, latest, -1):
            if year in entries:
                latest = year
                break
    return max(latest, start)


def evaluate_plan(plan: Plan, as_of: int | None = None) -> PlanResult:
    """Every indicator in 序号 order. A year after the end evaluates the end year (final evaluation)."""
    period = Period.of(plan.info)
    requested = default_as_of(plan) if as_of is None else as_of
    if requested < period.start:
        raise usage_error(
            f"--as-of {requested} 早于规划期 {period.start}–{period.end}，请给出 {period.start} 或以后的年份 / "
            f"the as-of year is before the plan period: use {period.start} or later"
        )
    if requested > period.end + AS_OF_AFTER_END:
        # 20255 for 2025 must not quietly become the final evaluation (issue 13).
        raise usage_error(
            f"--as-of {requested} 超出规划期 {period.start}–{period.end} 太远，请给出 {period.start}–"
            f"{period.end + AS_OF_AFTER_END} 之间的年份（晚于 {period.end} 即期末评估）/ the as-of year is far after "
            f"the plan period: use a year from {period.start} to {period.end + AS_OF_AFTER_END}"
        )
    year = min(requested, period.end)
    thresholds = plan.info.thresholds
    if not any(ind.first_year is not None or ind.retired is not None for ind in plan.indicators):
        results = tuple(evaluate_indicator(ind, plan.entries(ind.id), period, year, thresholds)
                        for ind in plan.indicators)
        return PlanResult(plan.info, period, year, requested, results)
    current, retired = [], []
    for ind in plan.indicators:
        # An indicator added mid-plan is judged over its own years; one retired by `year` as of its retirement
        # year, shown apart (docs/progress.md, "Indicators added or retired mid-plan").
        own = period.own(ind)
        if ind.retired is not None and year >= ind.retired:
            last = evaluate_indicator(ind, plan.entries(ind.id), own, ind.retired, thresholds)
            retired.append(last._replace(retired=True))
        else:
            current.append(evaluate_indicator(ind, plan.entries(ind.id), own, year, thresholds))
    return PlanResult(plan.info, period, year, requested, tuple(current), tuple(retired))


def data_year(ind: Indicator, entries: dict[int, Entry], period: Period, as_of: int) -> int | None:
    """The indicator's latest year with data inside start..as_of."""
    qualitative = ind.kind == "qualitative"
    # Down from as_of, the first year with data is the latest: nearly always the first one looked up. When the
    # span is longer than the entries (an as_of far out), the entries' own years in it are looked at instead.
    years: range | list[int] = range(as_of, period.start - 1, -1)
    if len(years) > len(entries):
        years = sorted((y for y in entries if period.start <= y <= as_of), reverse=True)
    for year in years:
        if (e := entries.get(year)) is not None and (
                e.assessment is not None if qualitative else e.value is not None or e.rate is not None):
            return year
    return None


def evaluate_indicator(
    ind: Indicator, entries: dict[int, Entry], period: Period, as_of: int, thresholds: Thresholds
) -> IndicatorResult:
    year = data_year(ind, entries, period, as_of)
    closing = as_of == period.end  # the final evaluation (总结评估): decisions.md, "The final evaluation"
    # The target in force at the data year (docs/progress.md, "Target adjustments"): a past year stays judged
    # against the target it had then. Without data, the one in force at the as-of year is shown.
    adjustment = ind.adjustment_at(as_of if year is None else year) if ind.adjustments else None
    if year is None:
        # Before an added indicator's first year (its period starts later): not yet in the plan, nothing missing.
        reason = step("not_added_yet", year=f"{period.start}") if as_of < period.start else step("no_data_yet")
        measure = Measure(reason=reason, missing=tuple(range(period.start, as_of + 1)))
        return IndicatorResult(ind, NO_DATA, None, measure, 0, period.end - as_of, False, False,
                               final_evaluation=closing, adjustment=adjustment)
    remaining = period.end - year
    if ind.kind == "qualitative":
        measure = Measure(formula=(step("assessment", year=f"{year}", assessment=entries[year].assessment or ""),),
                          covered=(year,))
        status = qualitative_status(entries[year].assessment or NO_DATA, remaining, ind.binding)
        status, latest = _at_the_end(status, closing, remaining, False)
        return IndicatorResult(ind, status, year, measure, year - period.base, remaining, year < as_of, False,
                               final_evaluation=closing, latest_status=latest, adjustment=adjustment)
    against = ind if adjustment is None else ind.judged_at(year)  # with the target in force
    measure = _MEASURES[ind.kind](against, entries, period, year)
    binding = ind.binding
    status = _band(measure.achieved, measure.pace_ratio, measure.actual is not None, remaining, thresholds,
                   binding)  # band(measure, …) without its call
    # Later years can only add to a non-net total: reached is reached, whatever its data year.
    kept = measure.achieved and ind.kind == "cumulative" and not ind.net
    status, latest = _at_the_end(status, closing, remaining, kept)
    if latest is not None:
        # Nothing is "still required" of years already past: no figure, no line of working (issue 16, item 2).
        every = measure.formula
        measure = measure._replace(required=None, formula=Working(
            lambda: [line for line in every if not line.code.startswith("required")]))
    needed = measure.required
    # Fix: a `level` row's required is a signed change (negative for a fall) while its best_year is the best
    # step in the indicator's own terms (a fall for `decrease`); compare the fall needed with the best fall,
    # or a decrease level never warned (test_progress_status.py::test_warning_on_a_level_decrease_...).
    if needed is not None and ind.kind == "level" and ind.direction == "decrease":
        needed = -needed
    warning = (
        status in (AHEAD, ON_TRACK, BEHIND, FAR_BEHIND)
        and needed is not None
        and measure.best_year is not None
        and needed > measure.best_year
    )
    edges = pace_edges(measure, remaining, thresholds, binding)
    # Positional: this is built for every indicator of every plan, and keywords cost more than the call.
    return IndicatorResult(ind, status, year, measure, year - period.base, remaining, year < as_of, warning, edges,
                           closing, latest, adjustment,
                           likelihood=Deferred(against, entries, period, year, measure, closing))


def _at_the_end(status: str, closing: bool, remaining: int, kept: bool) -> tuple[str, str | None]:
    """(status, latest judgement). At the final evaluation a row without end-year data is no_final_data, its own
    judgement kept as detail; a non-net cumulative that reached its target stays achieved (decisions.md)."""
    if not closing or remaining == 0 or status == NO_DATA:
        return status, None
    if kept:
        return ACHIEVED, None
    return NO_FINAL_DATA, status


def qualitative_status(assessment: str, remaining: int, binding: bool) -> str:
    """The recorded assessment. At the end year: achieved, nearly_met (an expected indicator only: binding ones
    have no tolerance) or missed; any other word reads as missed. Before the end, nearly_met reads as on_track."""
    if remaining > 0:
        return ON_TRACK if assessment == NEARLY_MET else assessment
    if assessment == ACHIEVED or (assessment == NEARLY_MET and not binding):
        return assessment
    return MISSED


def pace_edges(measure: Measure, remaining: int, thresholds: Thresholds, binding: bool) -> tuple[Edge, ...]:
    """The thresholds R is read against beside its word, each with the side the 4-decimal R the status is decided
    on falls (numbers.beside shows R with the decimals that keep it there: issue 15, item 3, 0.9496 never 0.95
    beside 滞后). At the end year also 1, on the side of the exact R: 1.00 reads as the target met, so 0.99946
    beside 基本实现 is 0.9995 (issue 30, item 5). An achieved row before the end has none: achieved overrides R."""
    exact, pace = measure.pace_exact, measure.pace_ratio
    if exact is None or pace is None:
        return ()
    if remaining == 0:
        bands: tuple[Decimal, ...] = () if binding else (thresholds.on_track,)
        return (*((t, pace >= t) for t in bands), *end_edge(exact, remaining))
    if measure.achieved:
        return ()
    return tuple((t, pace >= t) for t in (thresholds.ahead, on_track_bar(thresholds, binding), thresholds.behind))


def on_track_bar(thresholds: Thresholds, binding: bool) -> Decimal:
    """The pace ratio an indicator must reach to be on track: binding indicators are promises, with no
    tolerance below 1.00 (progress.md, "Status")."""
    return max(thresholds.on_track, Decimal(1)) if binding else thresholds.on_track


def band(measure: Measure, remaining: int, thresholds: Thresholds, binding: bool) -> str:
    """progress.md, "Status": achieved overrides all; at the end year, nearly_met or missed; else R against the
    bands."""
    return _band(measure.achieved, measure.pace_ratio, measure.actual is not None, remaining, thresholds, binding)


def _band(achieved: bool, pace: Decimal | None, has_actual: bool, remaining: int, thresholds: Thresholds,
          binding: bool) -> str:
    """band, from the three things it reads of a measure."""
    if achieved:
        return ACHIEVED
    if remaining == 0 and (pace is not None or has_actual):
        # An expected indicator within the on-track tolerance is 基本实现; binding ones are met or missed.
        near = not binding and pace is not None and pace >= thresholds.on_track
        return NEARLY_MET if near else MISSED
    if pace is None:
        return FAR_BEHIND if has_actual else NO_DATA
    if pace >= thresholds.ahead:
        return AHEAD
    if pace >= on_track_bar(thresholds, binding):
        return ON_TRACK
    if pace >= thresholds.behind:
        return BEHIND
    return FAR_BEHIND


def _pace(result: IndicatorResult) -> str:
    """R in the reason: the 4 decimals it is banded on, more where those read across 1 at the end year."""
    m = result.measure
    exact = m.pace_exact if m.pace_exact is not None else m.pace_ratio
    assert exact is not None  # called only where there is an R
    return carried(exact, result.pace_edges)


def band_reason(result: IndicatorResult, thresholds: Thresholds) -> Step:
    """Why the status is what it is, with the numbers: the last line of the working (render/working.py says it)."""
    m, status = result.measure, result.status
    final = "1" if result.final_evaluation else ""  # the final evaluation's achieved reads 已实现
    if status == NO_DATA:
        return step("no_data", m.reason, status=status)
    if status == NO_FINAL_DATA:
        assert result.data_year is not None and result.latest_status is not None  # a judgement on an earlier year
        end, year, latest = f"{result.data_year + result.years_remaining}", f"{result.data_year}", result.latest_status
        if m.pace_ratio is None:
            return step("no_final_data", status=status, end=end, year=year, latest_status=latest)
        return step("no_final_data_pace", status=status, end=end, year=year, latest_status=latest,
                    pace=_pace(result))
    if result.indicator.kind == "qualitative":
        return step("assessed_end" if result.final else "assessed", status=status, final=final)
    if m.achieved:
        if result.final_evaluation and not result.final:  # a total reached in an earlier year stays reached
            return step("achieved_kept", status=status, final=final, year=f"{result.data_year}")
        return step("achieved", status=status, final=final)
    if status == NEARLY_MET:
        return step("nearly_met", status=status, pace=_pace(result), on_track=f"{thresholds.on_track:.2f}")
    if status == MISSED:
        if result.indicator.binding:
            return step("missed_binding", status=status)
        if m.pace_ratio is not None:
            return step("missed_pace", status=status, pace=_pace(result), on_track=f"{thresholds.on_track:.2f}")
        return step("missed", m.reason, status=status)
    if m.pace_ratio is None:
        return step("no_pace", m.reason, status=status)
    return step("pace_binding" if result.indicator.binding else "pace", status=status, pace=_pace(result),
                ahead=f"{thresholds.ahead:.2f}", on_track=f"{on_track_bar(thresholds, result.indicator.binding):.2f}",
                behind=f"{thresholds.behind:.2f}")
