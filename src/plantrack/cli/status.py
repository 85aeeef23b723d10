"""plantrack status"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli.options import AsOf, Lang, LangOpt, PlanId, PlansDir
from plantrack.verdicts import FAIL_ON


class StatusFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    jsonl = "jsonl"


# The choices, from the one list of them (plantrack.verdicts).
FailOn = Enum("FailOn", {word: word for word in FAIL_ON}, type=str)  # type: ignore[misc]


def register(app: typer.Typer) -> None:
    @app.command("status", short_help="各指标进度 / every indicator against its target")
    def status(
        plans_dir: PlansDir = Path("plans"),
        plan: PlanId = None,
        as_of: AsOf = None,
        format: Annotated[StatusFormat, typer.Option("--format", help="table, json, csv, markdown or jsonl (one line per indicator of every plan).")] = StatusFormat.table,
        lang: LangOpt = Lang.zh,
        fail_on: Annotated[
            FailOn | None,
            typer.Option("--fail-on", help="CI：任一指标处于该状态或更差时退出码为 1 / exit 1 when any indicator is at or "
                         "below this status (binding: any binding indicator below on track)."),
        ] = None,
        matrix: Annotated[bool, typer.Option("--matrix", help="规划 × 指标矩阵 / plans as rows, indicators as columns.")] = False,
    ) -> None:
        """各指标进度 / Every indicator against its target, judged like a mid-term evaluation.

        \b
        Example: plantrack status
                 plantrack status --as-of 2023 --format json
        """
        import gc

        from plantrack.cli.status_run import run_status

        # What status allocates is freed by reference counting, so the cyclic collector only rescans it: off, the
        # overview of 2,000 plans ran 9.1 s instead of 11.7 s with a cold cache, at the same peak memory
        # (docs/performance.md). Back as it was afterwards, for a caller that goes on (tests, embedding).
        collecting = gc.isenabled()
        gc.disable()
        try:
            code = run_status(plans_dir, plan, as_of, format.value, lang.value,
                              None if fail_on is None else fail_on.value, matrix)
        finally:
            if collecting:
                gc.enable()
        if code:
            raise typer.Exit(code)
