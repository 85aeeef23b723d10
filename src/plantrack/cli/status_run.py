"""What `plantrack status` does once its arguments are parsed: no typer here, so the express lane
(cli/express.py) and the Typer command (cli/status.py) run exactly the same code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from plantrack.overview import OverviewRow
    from plantrack.progress.result import PlanResult
    from plantrack.summary import PlanSummary, SummaryRow


def run_status(plans_dir: Path, plan: str | None, as_of: int | None, fmt: str, lang: str,
               fail_on: str | None, matrix: bool = False) -> int:
    """Print the status of one plan (or the overview of several); the exit code. PlantrackError propagates."""
    from plantrack.contain import plan_ids

    if not matrix and plan is None and len(plan_ids(plans_dir)) > 1:
        from plantrack.config import default_plan  # the plan folder you are in, or plantrack.toml's plan

        plan = default_plan(plans_dir)
    if matrix or (plan is None and len(plan_ids(plans_dir)) > 1):
        return _overview(plans_dir, as_of, fmt, lang, fail_on, matrix, plan)
    from plantrack.progress import evaluate_plan
    from plantrack.loader import open_linked

    result = evaluate_plan(open_linked(plans_dir, plan), as_of)
    _render(result, fmt, lang, as_of, plans_dir)
    if fail_on is None:
        return 0
    from plantrack.summary import summarize

    return 1 if _gate([summarize(result, fail_on)], fail_on) else 0


def _render(result: PlanResult, fmt: str, lang: str, as_of: int | None = None,
            plans_dir: Path | None = None) -> None:
    if fmt in ("json", "csv", "jsonl"):
        # One shape whatever the number of plans (issue 19, render/status_many.py).
        from plantrack.many import rollups
        from plantrack.render import status_many
        from plantrack.overview import OverviewRow

        rows = [OverviewRow(result.info.id, result, ())]
        lines = rollups(plans_dir, rows) if plans_dir is not None and result.info.members else {}
        write: Callable[[], str] = {"json": lambda: status_many.json_document(rows, as_of, lines),
                 "csv": lambda: status_many.csv_long(rows), "jsonl": lambda: status_many.jsonl_long(rows)}[fmt]
        sys.stdout.write(write())
    elif fmt == "markdown":
        from plantrack.render.status_table import markdown_status

        sys.stdout.write(markdown_status(result, lang))
    else:
        from plantrack.render.console import out
        from plantrack.render.status_table import print_status

        print_status(out(), result, lang)


def _gate(results: Sequence[PlanSummary], fail_on: str) -> bool:
    """Whether --fail-on fails; on stderr, each closed plan it skipped (closing.py) and, when it fails, which
    plan and which indicators made it fail, so that a red CI run says what to look at."""
    from plantrack.closing import skipped_note
    from plantrack.render.words import status_word
    from plantrack.render.wrap import fill
    from plantrack.text import safe

    failed = False
    for result in results:
        if result.info.closed is not None:
            print(fill(skipped_note(result.info)), file=sys.stderr)
            continue
        rows = result.failing  # summarize() took them under this very --fail-on
        if rows:
            failed = True
            final = result.as_of == result.period.end
            zh = "、".join(f"{r.no}. {safe(r.name)}（{status_word(r.status, 'zh', final)}）" for r in rows)
            en = "; ".join(f"{r.id} ({status_word(r.status, 'en', final)})" for r in rows)
            print(fill(f"✗ --fail-on {fail_on}：规划 {safe(result.info.id)}（{result.as_of} 年）未通过，原因是以下指标：{zh} / "
                       f"plan {safe(result.info.id)} (as of {result.as_of}) fails on: {en}"), file=sys.stderr)
    return failed


def _overview(plans_dir: Path, as_of: int | None, fmt: str, lang: str, fail_on: str | None,
              matrix: bool = False, plan: str | None = None) -> int:
    """Render the overview (or the matrix); the exit code: 1 if a plan has errors or meets --fail-on, else 0."""
    from plantrack.render.overview import render_overview

    chosen = None if plan is None else [plan]
    rows: Sequence[OverviewRow | SummaryRow]
    if matrix:  # every indicator of every plan, side by side: whole results
        from plantrack.many import selected_rows
        from plantrack.summary import summarize

        full = selected_rows(plans_dir, chosen, as_of)
        _check_overview_year(full, as_of)
        render_overview(full, fmt, lang, matrix, plans_dir, as_of)
        rows = full
        judged = [summarize(r.result, fail_on) for r in full if r.result is not None]
    elif fmt in ("json", "csv", "jsonl"):  # written plan by plan (render/status_stream.py), memory flat
        from plantrack.render.guard import stdout_guard
        from plantrack.render.status_stream import stream_document

        rows = stream_document(plans_dir, chosen, as_of, fmt, fail_on,
                               lambda brief: _check_overview_year(brief, as_of), stdout_guard().write)
        judged = [r.result for r in rows if r.result is not None]
    else:  # the table and Markdown show counts: a summary of each plan (summary.py), memory flat
        from plantrack.many import summaries

        brief = summaries(plans_dir, chosen, as_of, fail_on)
        _check_overview_year(brief, as_of)
        render_overview(brief, fmt, lang, matrix, plans_dir, as_of)
        rows = brief
        judged = [r.result for r in brief if r.result is not None]
    if any(r.result is None for r in rows):
        return 1
    if fail_on is not None and _gate(judged, fail_on):
        return 1
    return 0


def _check_overview_year(rows: Sequence[OverviewRow | SummaryRow], as_of: int | None) -> None:
    """Each plan is shown at the as-of year clamped into its own period; a year outside every plan (earliest
    start to latest end + AS_OF_AFTER_END) is a typing mistake, refused as a single plan's would be."""
    periods = [r.result.period for r in rows if r.result is not None]
    if as_of is None or not periods:
        return
    from plantrack.errors import usage_error
    from plantrack.progress.engine import AS_OF_AFTER_END

    first, last = min(p.start for p in periods), max(p.end for p in periods) + AS_OF_AFTER_END
    if not first <= as_of <= last:
        raise usage_error(f"--as-of {as_of} 不在各规划的评估范围 {first}–{last} 内 / "
                          f"the as-of year is outside every plan: use a year from {first} to {last}")
