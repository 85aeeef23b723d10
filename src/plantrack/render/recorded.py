"""What `record`, `import`, `extract` and `record --delete/--restore` print for each figure written: the line
(render/history.stored_line) judged as of its own year (a year before the period: no verdict), and a warning
for a figure that cannot count yet."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plantrack.plan import Plan
    from plantrack.progress.result import PlanResult
    from plantrack.plan import Stored


def report_written(plan: Plan, stored: list[Stored], lang: str, dry_run: bool, marks: list[str] | None = None) -> None:
    from rich.text import Text

    from plantrack.progress import evaluate_plan
    from plantrack.recording import unused_warning
    from plantrack.render.console import err, out
    from plantrack.render.history import stored_line
    from plantrack.render.wrap import fill
    from plantrack.check.cycle.succession import link
    from plantrack.text import safe

    plan = link(plan, use_cache=True).plan  # the verdict reads the previous plan's base-year figures too
    # Each row is judged as of its own year; one before the period (the base year, history) is shown as recorded,
    # without a verdict: the plan's latest judgement beside a 2020 figure read as the figure's own (issue 30,
    # item 5). One evaluation per distinct year, not per row: a thousand rows of one year evaluate the plan once.
    evaluated: dict[int, PlanResult] = {}
    for i, item in enumerate(stored):
        year = item.year if item.year >= plan.info.start else None
        if year is not None and year not in evaluated:
            evaluated[year] = evaluate_plan(plan, year)
        result = None if year is None else evaluated[year].indicator(item.indicator.id)
        mark = marks[i] if marks else ""
        line = stored_line(item, result, lang, dry_run, plan.info.base)
        out().print(Text(fill(line + mark, out().width)))
        # A value that cannot count is still stored (it will once its neighbour is recorded): a warning only.
        if warning := unused_warning(plan, item):
            err().print(Text(fill("⚠ " + safe(warning), err().width)))
