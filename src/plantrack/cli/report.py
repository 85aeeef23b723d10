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
        plans: Annotated[
            str | None,
            typer.Option("--plans", help="多个规划汇总，逗号分隔 / several plans side by side: A,B,C.", metavar="IDS",
                         show_default=False),
        ] = None,
        all_plans: Annotated[bool, typer.Option("--all", help="目录中全部规划 / every plan in the folder.")] = False,
    ) -> None:
        """评估报告：汇总、指标表、逐项图表 / The evaluation report: summary, table, a chart per indicator.

        HTML charts need the report extra: pip install 'plantrack[report]'.

        \b
        Example: plantrack report -o report.html
                 plantrack report --as-of 2023 --format markdown -o report.md
        """
        import sys

        from plantrack.loader import open_plan
        from plantrack.report import render_report

        if format is ReportFormat.html:
            from plantrack.report.charts import require_matplotlib

            require_matplotlib()
        if output is not None:
            from plantrack.report.output import check_target

            check_target(output)
        if plans is not None or all_plans:  # the district report (issue 19)
            from plantrack.report.district import render_district

            chosen = None if all_plans else [p.strip() for p in plans.split(",") if p.strip()]
            text = render_district(plans_dir, chosen, as_of, format.value, lang.value)
        else:
            text = render_report(open_plan(plans_dir, plan), as_of, format.value, lang.value)
        if output is None:
            sys.stdout.write(text)
            return
        from plantrack.report.output import write_report

        write_report(output, text)
