"""plantrack show"""

from __future__ import annotations

from pathlib import Path

import typer

from plantrack.cli.options import AsOf, IndicatorArg, Lang, LangOpt, PlanId, PlansDir, TableFormat, TableOrJson


def register(app: typer.Typer) -> None:
    @app.command("show", short_help="单个指标的计算过程 / one indicator, with the working")
    def show(
        indicator: IndicatorArg,
        plans_dir: PlansDir = Path("plans"),
        plan: PlanId = None,
        as_of: AsOf = None,
        lang: LangOpt = Lang.zh,
        format: TableFormat = TableOrJson.table,
    ) -> None:
        """单个指标的逐年数据与计算过程 / One indicator year by year, with the working behind its verdict.

        \b
        Example: plantrack show value-added-growth
                 plantrack show 8
                 plantrack show 工业固定资产投资
                 plantrack show 8 --format json
        """
        from plantrack.progress import evaluate_plan
        from plantrack.progress.explain import explain
        from plantrack.opening import open_linked as open_plan  # with the previous plan's base-year figures
        from plantrack.render.console import out
        from plantrack.render.show import print_show

        loaded = open_plan(plans_dir, plan)
        ind = loaded.find_indicator(indicator)
        result = evaluate_plan(loaded, as_of)
        if format is TableOrJson.json:
            from plantrack.render.destination import write_data
            from plantrack.render.indicator_json import show_json

            write_data(show_json(loaded.id, result, ind))
            return
        explained = explain(loaded, ind, result)
        print_show(out(), loaded, explained.result, explained.paths, explained.reason, lang.value)
