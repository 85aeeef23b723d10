"""plantrack status"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from plantrack.completion import COMMANDS

from plantrack.cli.options import AsOf, Lang, LangOpt, PlanId, PlansDir


class StatusFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class FailOn(str, Enum):
    behind = "behind"
    far_behind = "far_behind"
    binding = "binding"


def register(app: typer.Typer) -> None:
    @app.command("status", short_help=COMMANDS["status"][0])
    def status(
        plans_dir: PlansDir = Path("plans"),
        plan: PlanId = None,
        as_of: AsOf = None,
        format: Annotated[StatusFormat, typer.Option("--format", help="table, json, csv or markdown.")] = StatusFormat.table,
        lang: LangOpt = Lang.zh,
        fail_on: Annotated[
            FailOn | None,
            typer.Option("--fail-on", help="CI：任一指标处于该状态或更差时退出码为 1 / exit 1 when any indicator is at or "
                         "below this status (binding: any binding indicator below on track)."),
        ] = None,
    ) -> None:
        """各指标进度 / Every indicator against its target, judged like a mid-term evaluation.

        \b
        Example: plantrack status
                 plantrack status --as-of 2023 --format json
        """
        from plantrack.loader import plan_ids

        if plan is None and len(plan_ids(plans_dir)) > 1:
            raise typer.Exit(_overview(plans_dir, as_of, format.value, lang.value, fail_on))
        from plantrack.loader import open_plan
        from plantrack.progress import evaluate_plan

        result = evaluate_plan(open_plan(plans_dir, plan), as_of)
        _render(result, format.value, lang.value)
        if fail_on is not None and _fails(result, fail_on.value):
            raise typer.Exit(1)


def _render(result, fmt: str, lang: str) -> None:
    import sys

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


def _fails(result, fail_on: str) -> bool:
    from plantrack.progress.result import SEVERITY

    if fail_on == "binding":
        return any(r.indicator.binding and SEVERITY[r.status] >= SEVERITY["behind"] for r in result.indicators)
    return any(SEVERITY[r.status] >= SEVERITY[fail_on] for r in result.indicators)


def _overview(plans_dir: Path, as_of: int | None, fmt: str, lang: str, fail_on: FailOn | None) -> int:
    """Render the overview; the exit code: 1 if a plan has errors or meets --fail-on, else 0."""
    from plantrack.render.overview import render_overview
    from plantrack.services import overview

    rows = overview(plans_dir, as_of)
    render_overview(rows, fmt, lang)
    if any(r.result is None for r in rows):
        return 1
    if fail_on is not None and any(_fails(r.result, fail_on.value) for r in rows):
        return 1
    return 0
