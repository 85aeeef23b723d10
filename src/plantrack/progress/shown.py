"""What each number beside a status word is read against (issue 30, item 5; docs/progress.md, "The number beside
the word"): the edges numbers.beside keeps its shown decimals on the right side of. One home for every format:
the table, Markdown, CSV, show, the reports and the workbooks all ask here. The pace ratio's edges are the
engine's own (engine.pace_edges, carried on the result): they are its bands."""

from __future__ import annotations

from decimal import Decimal

from plantrack.numbers import HUNDRED, ONE, Edge
from plantrack.progress.result import IndicatorResult


def rate_edges(kind: str, target: Decimal, actual: Decimal, met: bool, remaining: int) -> tuple[Edge, ...]:
    """A rate kind's achieved rate or total change against its target. Where the word says whether the target
    is met — a total change in any year (met is c ≥ C), an average rate at the end year (met is a ≥ r there) —
    on the side the word says; before the end an average rate on its own side (6.00% is not shown for 5.99996%
    beside 符合预期 either)."""
    return ((target, met if kind == "total_change" or remaining == 0 else actual >= target),)


def end_edge(exact: Decimal, remaining: int) -> tuple[Edge, ...]:
    """At the end year R = 1 reads as the target met: R on the side of 1 its exact value is (0.99946 beside
    基本实现 is 0.9995, never 1.00)."""
    return ((ONE, exact >= ONE),) if remaining == 0 else ()


def _target(result: IndicatorResult) -> Decimal | None:
    target = result.target  # the target in force at the data year (an adjustment, issue 30 item 1)
    return None if isinstance(target, str) else Decimal(target)


def actual_edges(result: IndicatorResult) -> tuple[Edge, ...]:
    """rate_edges of a result. Recorded amounts (cumulative, level) are shown exact: nothing to keep."""
    target, m = _target(result), result.measure
    if target is None or m.actual is None or not result.indicator.is_rate:
        return ()
    return rate_edges(result.indicator.kind, target, m.actual, m.achieved, result.years_remaining)


def completion_edge(target: Decimal, met: bool) -> tuple[Edge, ...]:
    """A cumulative total's S / T in %: at or above 100 exactly when the target is met (T > 0), so 99.6 is never
    `100%` beside a word that says it is not. With T ≤ 0 the share says nothing of the target: no edge."""
    return ((HUNDRED, met),) if target > 0 else ()


def completion_edges(result: IndicatorResult) -> tuple[Edge, ...]:
    """completion_edge of a result."""
    target, m = _target(result), result.measure
    if target is None or m.completion is None:
        return ()
    return completion_edge(target, m.achieved)


def projection_edges(result: IndicatorResult, value: Decimal) -> tuple[Edge, ...]:
    """projection_edge of a result's projection (not of an average rate's end-year level: that has no target)."""
    target = _target(result)
    if target is None:
        return ()
    return projection_edge(target, value, result.measure.actual, actual_edges(result))


def projection_edge(target: Decimal, value: Decimal, actual: Decimal | None,
                    edges: tuple[Edge, ...]) -> tuple[Edge, ...]:
    """The end-year projection against the target, on its own side; where it is the actual itself (a rate kind
    at the end year, an average rate always), the actual's `edges`, the word's side."""
    if value == actual and edges:
        return edges
    return ((target, value >= target),)
