"""What `plantrack status` does once its arguments are parsed: no typer here, so the express lane
(cli/express.py) and the Typer command (cli/status.py) run exactly the same code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plantrack.overview import OverviewRow
    from plantrack.progress.result import PlanResult


def run_status(plans_dir: Path, plan: str | None, as_of: int | None, fmt: str, lang: str,
               fail_on: str | None) -> int:
    """Print the status of one plan (or the overview of several); the exit code. PlantrackError propagates."""
    from plantrack.contain import plan_ids

    if plan is None and len(plan_ids(plans_dir)) > 1:
        return _overview(plans_dir, as_of, fmt, lang, fail_on)
    from plantrack.loader import open_plan
    from plantrack.progress import evaluate_plan

    result = evaluate_plan(open_plan(plans_dir, plan), as_of)
    _render(result, fmt, lang)
    return 1 if fail_on is not None and _fails(result, fail_on) else 0


def _render(result: PlanResult, fmt: str, lang: str) -> None:
    if fmt == "json":
        from plantrack.render.status_data import json_status

        sys.stdout.write(json_status(result))
    elif fmt == "csv":
        from plantrack.render.status_data import csv_status

        sys.stdout.write(csv_status(result))
    elif fmt == "markdown":
        from plantrack.render.status_table import markdown_status

        sys.stdout.write(markdown_status(result, lang))
    else:
        from plantrack.render.console import out
        from plantrack.render.status_table import print_status

        print_status(out(), result, lang)


def _fails(result: PlanResult, fail_on: str) -> bool:
    from plantrack.progress.result import fails

    return fails(result, fail_on)


def _overview(plans_dir: Path, as_of: int | None, fmt: str, lang: str, fail_on: str | None) -> int:
    """Render the overview; the exit code: 1 if a plan has errors or meets --fail-on, else 0."""
    from plantrack.render.overview import render_overview
    from plantrack.overview import overview

    rows = overview(plans_dir, as_of)
    _check_overview_year(rows, as_of)
    render_overview(rows, fmt, lang)
    if any(r.result is None for r in rows):
        return 1
    if fail_on is not None and any(r.result is not None and _fails(r.result, fail_on) for r in rows):
        return 1
    return 0


def _check_overview_year(rows: list[OverviewRow], as_of: int | None) -> None:
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
