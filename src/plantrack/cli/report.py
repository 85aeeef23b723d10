"""plantrack report"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from plantrack.cli.options import AsOf, Lang, LangOpt, PlanId, PlansDir, plan_list


class ReportFormat(str, Enum):
    html = "html"
    markdown = "markdown"
    pdf = "pdf"
    docx = "docx"


# The format a file name says; -o report.pdf without --format makes a PDF.
SUFFIX_FORMAT = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".pdf": "pdf",
                 ".docx": "docx"}


def chosen_format(given: ReportFormat | None, output: Path | None) -> str:
    """--format, or the format the -o suffix names (default html); a suffix that contradicts --format is a
    usage error, before any work is done and before anything is written."""
    from plantrack.errors import usage_error
    from plantrack.report import BINARY
    from plantrack.text import safe

    named = SUFFIX_FORMAT.get(output.suffix.casefold()) if output is not None else None
    fmt = given.value if given is not None else named or "html"
    if given is not None and named is not None and named != fmt:
        raise usage_error(f"-o {safe(output)} 是 {named} 文件，与 --format {fmt} 不符；请改文件名或 --format / "
                          f"{safe(output)} names a {named} file but --format is {fmt}: change the name or --format")
    if fmt in BINARY and output is None:
        raise usage_error(f"--format {fmt} 需要 -o 文件名，例如 -o report.{fmt} / --format {fmt} needs -o FILE, "
                          f"e.g. -o report.{fmt}")
    if fmt == "html" and output is None:
        from plantrack.render.destination import stdout_is_terminal

        if stdout_is_terminal():  # a whole web page (some 180 KB with its charts) is no reading for a terminal
            raise usage_error("HTML 报告是一整个网页，不在终端显示：请用 -o 报告.html 写入文件（或 > 重定向），再用浏览器打开；"
                              "要在终端阅读请用 --format markdown / the HTML report is a whole web page, not for the "
                              "terminal: write it with -o 报告.html (or redirect with >) and open it in a browser; "
                              "to read it here use --format markdown")
    return fmt


def register(app: typer.Typer) -> None:
    @app.command("report", short_help="评估报告，逐项附图 / the evaluation report, a chart per indicator")
    def report(
        plans_dir: PlansDir = Path("plans"),
        plan: PlanId = None,
        as_of: AsOf = None,
        format: Annotated[
            ReportFormat | None,
            typer.Option("--format", help="html（默认，单个自包含网页，含图表）、markdown、pdf 或 docx（Word）；"
                         "不写时按 -o 的扩展名 / html (default: one self-contained page with charts), markdown, "
                         "pdf or docx (Word); without it, from the -o suffix.", show_default=False),
        ] = None,
        lang: LangOpt = Lang.zh,
        output: Annotated[
            Path | None,
            typer.Option("-o", "--output", help="写入文件（默认输出到屏幕）/ write to this file (default: stdout).",
                         dir_okay=False, show_default=False, metavar="FILE"),
        ] = None,
        template: Annotated[
            Path | None,
            typer.Option("--template", help="docx：使用此 Word 文件的样式 / docx: use this Word file's styles.",
                         dir_okay=False, exists=True, show_default=False, metavar="FILE.docx"),
        ] = None,
        plans: Annotated[
            str | None,
            typer.Option("--plans", help="多个规划汇总，逗号分隔 / several plans side by side: A,B,C.", metavar="IDS",
                         show_default=False),
        ] = None,
        all_plans: Annotated[bool, typer.Option("--all", help="目录中全部规划 / every plan in the folder.")] = False,
        title: Annotated[
            str | None,
            typer.Option("--title", help="汇总报告的标题（默认：声明其余规划为成员的区级规划名称）/ the district "
                         "report's title (default: the name of the plan that has the others as members).",
                         metavar="TEXT", show_default=False),
        ] = None,
    ) -> None:
        """评估报告：汇总、指标表、逐项图表 / The evaluation report: summary, table, a chart per indicator.

        HTML charts need the report extra: pip install "plantrack-fyp[report]"; PDF the pdf extra, Word the docx extra.

        \b
        Example: plantrack report -o report.html
                 plantrack report --as-of 2023 --format markdown -o report.md
                 plantrack report -o 评估报告.docx
        """
        from plantrack.errors import usage_error
        from plantrack.report import BINARY, render_binary, render_report
        from plantrack.opening import open_linked as open_plan  # with the previous plan's base-year figures

        from plantrack.render.destination import is_dash

        output = None if is_dash(output) else output  # -o -: standard output, as without -o
        if output is not None:
            from plantrack.report.output import check_target

            check_target(output)  # first: a plan file named as the target is the message that matters
        fmt = chosen_format(format, output)
        if template is not None and fmt != "docx":
            raise usage_error("--template 只用于 docx / --template is for --format docx only")
        district = plans is not None or all_plans
        if title is not None and not district:
            raise usage_error("--title 只用于多个规划的汇总报告（--plans 或 --all）；单个规划的报告以规划名称为标题 / "
                              "--title is for the district report (--plans, --all); a plan's own report is titled "
                              "with the plan's name")
        if fmt == "html":  # each format names the one extra it needs, every part of it at once (parts.py)
            from plantrack.parts import require

            require("report")  # matplotlib, for the charts
        if fmt == "pdf":
            from plantrack.report.pdf import require_weasyprint

            require_weasyprint()
        if fmt == "docx":
            from plantrack.report.docx import require_docx

            require_docx()
        if district:  # the district report (issues 19 and 27), in every format
            from plantrack.report.district import render_district

            chosen = None if all_plans else plan_list(plans)
            made = render_district(plans_dir, chosen, as_of, fmt, lang.value, title, template)
        elif fmt in BINARY:
            made = render_binary(open_plan(plans_dir, plan), as_of, fmt, lang.value, template)
        if fmt in BINARY:
            from plantrack.report.output import write_report

            assert output is not None and isinstance(made, bytes)
            write_report(output, made)  # bytes, written as they are (no line-ending handling)
            return
        if district:
            assert isinstance(made, str)
            text = made
        else:
            text = render_report(open_plan(plans_dir, plan), as_of, fmt, lang.value)
        if output is None:
            from plantrack.render.destination import write_output

            write_output(None, text)
            return
        from plantrack.report.output import write_report

        write_report(output, text)
