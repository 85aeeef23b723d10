"""What `plantrack status` does once the Typer command (cli/status.py) has parsed its arguments."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from plantrack.progress.result import PlanResult


def run_status(plans_dir: Path, plan: str | None, as_of: int | None, fmt: str, lang: str,
               fail_on: str | None, matrix: bool) -> int:
    """Print the status of one plan (or the overview of several); the exit code. PlantrackError propagates."""
    from plantrack.opening import chosen_plan, open_linked

    plan, ids = chosen_plan(plans_dir, plan, default=not matrix)  # the plans folder listed once for the command
    if matrix or (plan is None and len(ids) > 1):
        return _overview(plans_dir, as_of, fmt, lang, fail_on, matrix, plan, ids)
    from plantrack.progress import evaluate_plan

    result = evaluate_plan(open_linked(plans_dir, plan, ids), as_of)
    _render(result, fmt, lang, as_of, plans_dir)
    return 1 if fail_on is not None and _gate([result], fail_on) else 0


def _render(result: PlanResult, fmt: str, lang: str, as_of: int | None, plans_dir: Path) -> None:
    if fmt in ("json", "csv", "jsonl"):
        # One shape whatever the number of plans (issue 19, render/status_many.py).
        from plantrack.overview import OverviewRow
        from plantrack.render.destination import data_writer
        from plantrack.render.status_many import write_document

        write_document([OverviewRow(result.info.id, result, ())], fmt, as_of, plans_dir, data_writer())
    elif fmt == "markdown":
        from plantrack.render.destination import write_data
        from plantrack.render.status_table import markdown_status

        write_data(markdown_status(result, lang))
    else:
        from plantrack.render.console import out
        from plantrack.render.status_table import print_status

        print_status(out(), result, lang)


def _gate(results: Sequence[PlanResult], fail_on: str) -> bool:
    """Whether --fail-on fails; on stderr, each closed plan it skipped (closing.py) and, when it fails, which
    plan and which indicators made it fail, so that a red CI run says what to look at."""
    from plantrack.check.cycle.closing import skipped_note
    from plantrack.progress.result import failing
    from plantrack.render.words import status_word
    from plantrack.render.wrap import fill
    from plantrack.text import safe

    failed = False
    for result in results:
        if result.info.closed is not None:
            print(fill(skipped_note(result.info)), file=sys.stderr)
            continue
        if rows := failing(result, fail_on):
            failed = True
            final = result.final
            zh = "、".join(f"{r.indicator.no}. {safe(r.indicator.name)}（{status_word(r.status, 'zh', final)}）" for r in rows)
            en = "; ".join(f"{r.indicator.id} ({status_word(r.status, 'en', final)})" for r in rows)
            print(fill(f"✗ --fail-on {fail_on}：规划 {safe(result.info.id)}（{result.as_of} 年）未通过，原因是以下指标：{zh} / "
                       f"plan {safe(result.info.id)} (as of {result.as_of}) fails on: {en}"), file=sys.stderr)
    return failed


def _overview(plans_dir: Path, as_of: int | None, fmt: str, lang: str, fail_on: str | None, matrix: bool,
              plan: str | None, ids: list[str]) -> int:
    """Render the overview (or the matrix); the exit code: 1 if a plan has errors or meets --fail-on, else 0.
    The as-of year is checked before any plan is judged (overview.py), so every format goes straight to stdout."""
    from plantrack.many import chosen_ids
    from plantrack.overview import check_as_of, load_all, rows
    from plantrack.render.overview import render_overview

    loaded = load_all(plans_dir, ids if plan is None else chosen_ids(plans_dir, [plan], ids))
    check_as_of(loaded, as_of)
    shown = render_overview(rows(loaded, as_of), fmt, lang, matrix, plans_dir, as_of)
    if any(r.result is None for r in shown):
        return 1
    if fail_on is not None and _gate([r.result for r in shown if r.result is not None], fail_on):
        return 1
    return 0
