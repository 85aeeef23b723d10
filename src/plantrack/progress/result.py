"""What the engine says about one indicator and one plan: plain frozen data, no formatting.

NamedTuples rather than frozen dataclasses: these classes are defined on every `status`, and a NamedTuple class
costs a seventh of a frozen dataclass to create (~60 µs against ~400 µs; docs/performance.md). Immutable all
the same; built by keyword, read by attribute. Being tuples is not used anywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import NamedTuple, overload

from plantrack.models import Adjustment, Indicator, PlanInfo
from plantrack.numbers import Edge

# The verdict words are defined in plantrack.verdicts; re-exported (`as`) for the engine and the renderers.
from plantrack.verdicts import ACHIEVED as ACHIEVED, AHEAD as AHEAD, BEHIND as BEHIND, BINDING as BINDING
from plantrack.verdicts import FAR_BEHIND as FAR_BEHIND, FINAL_STATUSES as FINAL_STATUSES
from plantrack.verdicts import MIDTERM_STATUSES as MIDTERM_STATUSES, MISSED as MISSED, NEARLY_MET as NEARLY_MET
from plantrack.verdicts import NO_DATA as NO_DATA, NO_FINAL_DATA as NO_FINAL_DATA, ON_TRACK as ON_TRACK
from plantrack.verdicts import STATUSES as STATUSES

# For --fail-on: how bad each status is (no_data is not a verdict on progress). nearly_met is the end-year
# on_track; no_final_data is as bad as its latest judgement (IndicatorResult.severity; docs/progress.md).
SEVERITY = {ACHIEVED: 0, AHEAD: 0, NEARLY_MET: 1, ON_TRACK: 1, BEHIND: 2, FAR_BEHIND: 3, MISSED: 4, NO_DATA: -1}


class Period(NamedTuple):
    """start..end inclusive, base year B; N = end - B years in the period."""

    start: int
    end: int
    base: int

    @classmethod
    def of(cls, info: PlanInfo) -> Period:
        return cls(info.start, info.end, info.base)

    @property
    def years(self) -> int:
        return self.end - self.base

    def own(self, ind: Indicator) -> Period:
        """The indicator's own period: one added mid-plan (`first_year`, issue 30) runs from its first year, with
        first_year − 1 as its base year (docs/progress.md, "Indicators added or retired mid-plan")."""
        return self if ind.first_year is None else Period(ind.first_year, self.end, ind.first_year - 1)


class Step(NamedTuple):
    """One line of working, or one reason, as data: a stable code naming the formula or the case, and its
    numbers already written as digits (numbers.fmt), so that every language shows the same digits. The words
    are render/working.py's, one table per language (issue 26, item 6): the core speaks no language.
    `cause`: the step this one rests on (a verdict without figures names why there are none)."""

    code: str
    args: dict[str, str]
    cause: Step | None = None


def step(code: str, cause: Step | None = None, **args: str) -> Step:
    return Step(code, args, cause)


class Working(Sequence[Step]):
    """The formula lines of a measure, worked out when first read. Judging a plan needs the numbers, not their
    text: formatting every line was a third of evaluating a plan, which the overview of 10,000 plans pays for
    each (issue 19, item 6); `show`, the report and `explain` read them and see the same lines as before. A
    pickle (the overview's worker processes) carries the lines themselves."""

    __slots__ = ("_make", "_lines")

    def __init__(self, make: Callable[[], Sequence[Step]]) -> None:
        self._make: Callable[[], Sequence[Step]] | None = make
        self._lines: tuple[Step, ...] = ()

    def _all(self) -> tuple[Step, ...]:
        if self._make is not None:
            self._lines, self._make = tuple(self._make()), None
        return self._lines

    @overload
    def __getitem__(self, index: int) -> Step: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Step]: ...
    def __getitem__(self, index: int | slice) -> Step | Sequence[Step]:
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[Step]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and not isinstance(other, str) and self._all() == tuple(other)

    __hash__ = None  # type: ignore[assignment]  # equal to a tuple of its lines, so not hashable as itself

    def __repr__(self) -> str:
        return repr(self._all())

    def __reduce__(self) -> tuple[type[tuple[Step, ...]], tuple[tuple[Step, ...]]]:
        return tuple, (self._all(),)


class Measure(NamedTuple):
    """The numbers behind a verdict, in the indicator's own terms (see docs/progress.md)."""

    actual: Decimal | None = None            # achieved rate %, total change %, running total, or latest level
    expected: Decimal | None = None          # where the schedule says `actual` should be by now
    pace_ratio: Decimal | None = None        # R, rounded to 4 decimals before it is banded
    required: Decimal | None = None          # per remaining year
    projection: Decimal | None = None        # end-year value of `actual` at the current pace
    projection_level: Decimal | None = None  # annual_rate only: end-year level, when levels are known
    completion: Decimal | None = None        # cumulative: S / T in %
    best_year: Decimal | None = None         # best single year seen, same terms as `required`
    achieved: bool = False
    covered: tuple[int, ...] = ()            # years whose data the figures rest on
    missing: tuple[int, ...] = ()            # years inside the period with no usable data
    formula: Sequence[Step] = ()             # the computation, step by step with its numbers (often a Working)
    reason: Step | None = None               # why there are no figures (no_data), or no pace ratio
    pace_exact: Decimal | None = None        # R to 34 digits, from exact quantities: what displays round (once)


class FanPoint(NamedTuple):
    """One year of a likelihood's fan, on the chart's scale (rate kinds: relative to the base-year level)."""

    year: int
    low: Decimal      # the central 80% interval of the value that year
    median: Decimal   # the method's own estimate: the line the probability is read from
    high: Decimal


class Likelihood(NamedTuple):
    """The chance of meeting the target by the end year (progress/likelihood.py): the probability (None, with a
    `reason` code, where none is given), the end-year interval in the target's own terms, the fan year by year in
    the chart's terms (rate kinds: relative to the base-year level), and the working as data."""

    probability: float | None
    reason: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    fan: tuple[FanPoint, ...] | None = None  # each year to come, the end year last
    working: Sequence[Step] = ()  # often a Working: written when read


class IndicatorResult(NamedTuple):
    indicator: Indicator
    status: str
    data_year: int | None
    measure: Measure
    years_elapsed: int          # n, counted to the data year
    years_remaining: int        # m
    stale: bool                 # data year earlier than the as-of year
    warning: bool               # required per year exceeds the best single year seen
    pace_edges: tuple[Edge, ...] = ()  # what R is read against beside its word (engine.pace_edges, numbers.beside)
    final_evaluation: bool = False   # the as-of year is the end year: 总结评估 (achieved reads 已实现)
    latest_status: str | None = None  # no_final_data: the judgement on the latest data ("截至 2023 年：滞后")
    # The mid-term adjustment in force at the data year (the as-of year without data): Indicator.adjustment_at.
    adjustment: Adjustment | None = None
    # Retired (`retired` ≤ the as-of year): judged as of its retirement year and shown apart (PlanResult.retired).
    retired: bool = False

    @property
    def target(self) -> Decimal | str:
        """The target this row was judged against: the adjusted one, or the plan's original `indicator.target`."""
        return self.indicator.target if self.adjustment is None else self.adjustment.target

    @property
    def judged(self) -> Indicator:
        """The indicator with the target in force (what the engine measured; paths and charts draw it)."""
        return self.indicator if self.adjustment is None else self.indicator.judged_at(self.adjustment.year)
    # The chance of meeting the target by the end year, worked out when read (progress/likelihood.of): it costs
    # as much again as judging the indicator, and the overview's table never reads it.
    likelihood: Callable[[], Likelihood] | None = None

    @property
    def partial(self) -> bool:
        """Figures were computed, but some years inside the period lack data. A no_data row has no figures, so it
        is never partial (its missing_years still says what is missing; docs/status-json.md)."""
        return self.status != NO_DATA and bool(self.measure.missing)

    @property
    def final(self) -> bool:
        """An end-year verdict (achieved, nearly_met or missed) on the end year's data: the JSON's `final`
        (docs/status-json.md). A no_data row may have an end-year figure that nothing could be computed from
        (an annual_rate without its base-year level): it has no verdict, so it is never final."""
        return self.status != NO_DATA and self.data_year is not None and self.years_remaining == 0

    @property
    def severity(self) -> int:
        """How bad for --fail-on: a row without end-year data is as bad as its latest judgement, so a binding
        promise last seen far behind still fails CI, and one last seen on track does not (docs/progress.md)."""
        status = self.latest_status if self.status == NO_FINAL_DATA else self.status
        assert status is not None  # no_final_data always carries its latest judgement
        return SEVERITY[status]


class PlanResult(NamedTuple):
    info: PlanInfo
    period: Period
    as_of: int
    requested_as_of: int
    indicators: tuple[IndicatorResult, ...] = ()
    # Indicators retired by the as-of year, with their last judgement: shown apart, never counted (issue 30).
    retired: tuple[IndicatorResult, ...] = ()

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for result in self.indicators:
            counts[result.status] += 1
        return counts

    def indicator(self, indicator_id: str) -> IndicatorResult:
        """The result of the indicator with this id, retired or not (KeyError if the plan has none)."""
        for result in (*self.indicators, *self.retired):
            if result.indicator.id == indicator_id:
                return result
        raise KeyError(indicator_id)

    @property
    def final(self) -> bool:
        """The final evaluation (总结评估): as of the end year. `as_of` is never after it: a later --as-of is
        evaluated as of the end year (engine.evaluate_plan; `requested_as_of` keeps the year asked for)."""
        return self.as_of == self.period.end

    @property
    def year_index(self) -> int:
        """k in "year k of N"."""
        return self.as_of - self.period.base


def failing(result: PlanResult, fail_on: str) -> list[IndicatorResult]:
    """The indicators that meet `--fail-on` (one of verdicts.FAIL_ON): any of them makes `status` exit 1.

    By r.severity: a row without end-year data is as bad as its latest judgement (docs/progress.md, --fail-on)."""
    if fail_on == BINDING:
        return [r for r in result.indicators if r.indicator.binding and r.severity >= SEVERITY[BEHIND]]
    return [r for r in result.indicators if r.severity >= SEVERITY[fail_on]]
