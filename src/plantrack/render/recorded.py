"""What `record`, `import`, `extract` and `record --delete/--restore` print for each figure written: the line
(render/history.stored_line) judged as of its own year (a year before the period: no verdict), and a warning
for a figure that cannot count yet."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plantrack.plan import Plan
    from plantrack.progress.result import PlanResult
    from plantrack.plan import Stored


def written_lines(plan: Plan, stored: list[Stored], lang: str, dry_run: bool) -> list[str]:
    """The line for each figure written (render/history.stored_line), as `record`, `import` and the web pages
    show it."""
    from plantrack.check.cycle.succession import link

    return _judged_lines(link(plan, use_cache=True).plan, stored, lang, dry_run)


def _judged_lines(linked: Plan, stored: list[Stored], lang: str, dry_run: bool) -> list[str]:
    from plantrack.progress import evaluate_plan
    from plantrack.render.history import stored_line

    # Each row is judged as of its own year; one before the period (the base year, history) is shown as recorded,
    # without a verdict: the plan's latest judgement beside a 2020 figure read as the figure's own (issue 30,
    # item 5). One evaluation per distinct year, not per row: a thousand rows of one year evaluate the plan once.
    evaluated: dict[int, PlanResult] = {}
    lines = []
    for item in stored:
        year = item.year if item.year >= linked.info.start else None
        if year is not None and year not in evaluated:
            evaluated[year] = evaluate_plan(linked, year)
        result = None if year is None else evaluated[year].indicator(item.indicator.id)
        lines.append(stored_line(item, result, lang, dry_run, linked.info.base))
    return lines


def report_written(plan: Plan, stored: list[Stored], lang: str, dry_run: bool, marks: list[str] | None = None) -> None:
    from plantrack.check.cycle.succession import link
    from plantrack.recording import unused_warning
    from plantrack.render.console import say
    from plantrack.text import safe

    plan = link(plan, use_cache=True).plan  # the verdict reads the previous plan's base-year figures too
    for i, (item, line) in enumerate(zip(stored, _judged_lines(plan, stored, lang, dry_run))):
        say(line + (marks[i] if marks else ""))
        # A value that cannot count is still stored (it will once its neighbour is recorded): a warning only.
        if warning := unused_warning(plan, item):
            say("⚠ " + safe(warning), stderr=True)
