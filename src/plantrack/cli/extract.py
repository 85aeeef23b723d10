"""plantrack extract: figures read out of a bulletin, a work report or a news page (issue 32)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from plantrack.cli.options import Lang, LangOpt, PlanId, PlansDir, TableOrJson

if TYPE_CHECKING:
    from plantrack.extract.figures import Figure


def register(app: typer.Typer) -> None:
    @app.command("extract", short_help="从公报、总结、新闻中读出数字 / read figures out of a bulletin or a news page")
    def extract(
        file: Annotated[Path, typer.Argument(help="文本文件（UTF-8、UTF-16 或 GB18030），- 为标准输入 / a text file "
                                             "(UTF-8, UTF-16 or GB18030), - for standard input", dir_okay=False, metavar="FILE")],
        apply: Annotated[bool, typer.Option("--apply", help="记录可记录的数字（与 record 同一路径，全部或全不）/ record "
                                            "the proposed figures, through record's path: all or none.")] = False,
        confirm: Annotated[bool, typer.Option("--confirm", help="确认看似有误的数值无误 / the figures are right although "
                                              "they look like a slip.")] = False,
        format: Annotated[TableOrJson, typer.Option("--format", help="table 或 json / table or json.")] = TableOrJson.table,
        plans_dir: PlansDir = Path("plans"),
        plan: PlanId = None,
        lang: LangOpt = Lang.zh,
    ) -> None:
        """从公报、总结、新闻中读出指标数字 / Read the plan's figures out of a bulletin or a news page.

        Shows what it read: each figure with its indicator, year, value in the indicator's unit and the
        sentence, or why it was skipped. Nothing is written without --apply.

        \b
        Example: plantrack extract 2021年统计公报.txt
                 plantrack extract 十年成就.md --format json
                 plantrack extract 2021年统计公报.txt --apply
        """
        from plantrack.contain import display_path
        from plantrack.extract import extract as read_figures
        from plantrack.opening import open_plan
        from plantrack.readfile import read_input
        from plantrack.render.console import say
        from plantrack.render.extract import listing, records, summary

        from plantrack.cli.stdio import input_file
        from plantrack.render.destination import is_dash

        target = open_plan(plans_dir, plan)
        shown = display_path(file)  # "-" for standard input, as import names it
        name = "stdin" if is_dash(file) else file.name  # the file named in each source
        with input_file(file, "stdin.txt") as path:
            figures = read_figures(read_input(path, shown), shown, target)
        if format is TableOrJson.json:
            from plantrack.render.jsonout import dumps

            print(dumps(records(figures, name)))
        else:
            for line in listing(figures):
                say(line)
            if not apply:
                say(summary(figures))
        if apply:
            _apply(plans_dir, target.id, figures, name, shown, confirm, lang.value, format is TableOrJson.table)


def _apply(plans_dir: Path, plan_id: str, figures: list[Figure], name: str, shown: str, confirm: bool, lang: str,
           report: bool) -> None:
    from plantrack.render.recorded import report_written
    from plantrack.errors import EXIT_FINDINGS, PlantrackError
    from plantrack.extracted import changes
    from plantrack.recording import record

    todo, lines = changes(figures, name)
    if not todo:
        raise PlantrackError("没有可记录的数字，没有写入任何数据 / no figure to record: nothing was written",
                             code=EXIT_FINDINGS)
    # Through record's own path (units, slip guards, closed plans, the lock, history, hand comments), every
    # change in one write or none; a refused figure is named by its line in the text.
    saved, stored = record(plans_dir, plan_id, todo, force=False, dry_run=False, confirm=confirm,
                           where=[(shown, line) for line in lines])
    if report:
        report_written(saved, stored, lang, False)
