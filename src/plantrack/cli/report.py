"""plantrack report"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from plantrack.completion import COMMANDS

from plantrack.cli.options import AsOf, Lang, LangOpt, PlanId, PlansDir


class ReportFormat(str, Enum):
    html = "html"
    markdown = "markdown"


def register(app: typer.Typer) -> None:
    @app.command("report", short_help=COMMANDS["report"][0])
    def report(
        plans_dir: PlansDir = Path("plans"),
        plan: PlanId = None,
        as_of: AsOf = None,
        format: Annotated[
            ReportFormat,
            typer.Option("--format", help="html（默认，单个自包含网页，含图表）或 markdown / html (default: one "
                         "self-contained page with charts) or markdown."),
        ] = ReportFormat.html,
        lang: LangOpt = Lang.zh,
        output: Annotated[
            Path | None,
            typer.Option("-o", "--output", help="写入文件（默认输出到屏幕）/ write to this file (default: stdout).",
                         dir_okay=False, show_default=False, metavar="FILE"),
        ] = None,
    ) -> None:
        """评估报告：汇总、指标表、逐项图表 / The evaluation report: summary, table, a chart per indicator.

        HTML charts need the report extra: pip install 'plantrack[report]'.

        \b
        Example: plantrack report -o report.html
                 plantrack report --as-of 2023 --format markdown -o report.md
        """
        import sys

        from plantrack.report import render_report
        from plantrack.succession import open_linked as open_plan  # with the previous plan's base-year figures

        if format is ReportFormat.html:
            from plantrack.report.charts import require_matplotlib

            require_matplotlib()
        if output is not None:
            from plantrack.report.output import check_target

            check_target(output)
        text = render_report(open_plan(plans_dir, plan), as_of, format.value, lang.value)
        if output is None:
            sys.stdout.write(text)
            return
        from plantrack.report.output import write_report

        write_report(output, text)
