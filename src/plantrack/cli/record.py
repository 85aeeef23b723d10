"""plantrack record · history · import · export"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from plantrack.render.recorded import report_written

from plantrack.cli.options import (AsOf, IndicatorArg, Lang, LangOpt, PlanId, PlansDir, TableFormat, TableOrJson,
                                   complete_unit, plan_list)
from plantrack.verdicts import ASSESSMENT_ZH, ASSESSMENTS

if TYPE_CHECKING:
    from plantrack.plan import Stored

Force = Annotated[bool, typer.Option("--force", help="替换已有的记录（旧值保存为修订）/ replace an existing year; the old entry is kept.")]
DryRun = Annotated[bool, typer.Option("--dry-run", help="只检查并显示结果，不写入 / check and show, write nothing.")]
Confirm = Annotated[bool, typer.Option("--confirm", help="确认看似有误的数值无误（如相差万倍、下降率为负）/ "
                                       "the figure is right although it looks like a slip (e.g. ×10 000, a negative decline).")]


# The choices, from the one list of them (plantrack.verdicts).
# The English values and the Chinese words a clerk types (verdicts.ASSESSMENT_ZH: 基本实现 → nearly_met).
Assessment = Enum("Assessment", {word: word for word in (*ASSESSMENTS, *ASSESSMENT_ZH)}, type=str)  # type: ignore[misc]


class ExportFormat(str, Enum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    xlsx = "xlsx"


class Layout(str, Enum):
    long = "long"
    wide = "wide"


class What(str, Enum):
    actuals = "actuals"
    status = "status"


def register(app: typer.Typer) -> None:
    @app.command("record", short_help="记录某年实际值 / record a year's actual")
    def record(
        indicator: IndicatorArg,
        year: Annotated[str, typer.Argument(help="年份 / the year, e.g. 2022.", show_default=False, metavar="YEAR")],
        value: Annotated[str | None, typer.Argument(help="当年数值（累计指标为当年新增量）/ the year's level, or its own amount for cumulative indicators.", show_default=False, metavar="[VALUE]")] = None,
        rate: Annotated[str | None, typer.Option("--rate", help="当年增长率 %（下降类指标填下降率）/ the year's change in %, in the indicator's own terms.")] = None,
        unit: Annotated[str | None, typer.Option("--unit", help="VALUE 的单位，元/万元/亿元可自动换算 / unit of VALUE; money converts.", autocompletion=complete_unit)] = None,
        source: Annotated[str, typer.Option("--source", help="数据来源 / where the figure comes from.")] = "",
        note: Annotated[str, typer.Option("--note", help="说明 / a note.")] = "",
        assessment: Annotated[Assessment | None, typer.Option("--assessment", help="定性指标的评估 / for qualitative indicators.")] = None,
        force: Force = False,
        confirm: Confirm = False,
        dry_run: DryRun = False,
        delete: Annotated[bool, typer.Option("--delete", help="删除这一年的数值（须 --reason；保存在修订记录中，可恢复）/ remove the year's figure (needs --reason; kept in the history, can be restored).")] = False,
        restore: Annotated[bool, typer.Option("--restore", help="恢复被 --delete 删除的数值 / record the figure --delete removed again, exactly as it was.")] = False,
        reason: Annotated[str, typer.Option("--reason", help="删除的原因 / why the figure is removed (with --delete).")] = "",
        plans_dir: PlansDir = Path("plans"),
        plan: PlanId = None,
        lang: LangOpt = Lang.zh,
    ) -> None:
        """记录某年实际值 / Record a year's actual with its source; prints the new verdict.

        \b
        Example: plantrack record value-added-growth 2022 512000 --source "2022年统计公报"
                 plantrack record 1 2022 51.2 --unit 亿元 --source "…"
                 plantrack record energy-intensity-decline 2022 --rate 2.7 --source "…"
                 plantrack record net-new-high-tech 2023 --source "…" -- -3
                 plantrack record value-added-growth 2023 --delete --reason "年份键错，应为 2024 年"
                 plantrack record value-added-growth 2023 --restore
        """
        from plantrack.changes import Change, parse_year
        from plantrack.recording import record as do_record

        from plantrack.cli.removal import delete_or_restore, no_reason

        if delete or restore:
            typed = {"VALUE": value, "--rate": rate, "--unit": unit, "--source": source or None, "--note": note or None,
                     "--assessment": assessment}
            delete_or_restore(plans_dir, plan, indicator, year, delete, restore, reason, force, confirm, dry_run,
                              [k for k, v in typed.items() if v is not None], lang.value)
            return
        no_reason(reason)
        if value is None and rate is None and assessment is None:
            raise typer.BadParameter("请给出 VALUE、--rate 或 --assessment / give a VALUE, --rate or --assessment", param_hint="VALUE")
        change = Change(indicator, parse_year(year), value, rate, unit, ASSESSMENT_ZH.get(assessment.value, assessment.value) if assessment else None, source, note)
        saved, stored = do_record(plans_dir, plan, [change], force=force, dry_run=dry_run, confirm=confirm)
        report_written(saved, stored, lang.value, dry_run)

    @app.command("import", short_help="批量导入 CSV 或 Excel / import actuals from a CSV or .xlsx")
    def import_(
        file: Annotated[Path, typer.Argument(help="CSV、.xlsx 或 export 的 JSON / a CSV, .xlsx or the JSON export", dir_okay=False, metavar="FILE")],
        sheet: Annotated[str | None, typer.Option("--sheet", help="读取的工作表（默认第一个可见的；隐藏的工作表须指名）/ the workbook sheet to read (default: the first visible one; a hidden one only by name).")] = None,
        include_hidden: Annotated[bool, typer.Option("--include-hidden", help="一并导入工作簿中的隐藏行（默认拒绝）/ import the workbook's hidden rows too (refused by default).")] = False,
        force: Force = False,
        confirm: Confirm = False,
        dry_run: DryRun = False,
        plans_dir: PlansDir = Path("plans"),
        plan: PlanId = None,
        lang: LangOpt = Lang.zh,
    ) -> None:
        """批量导入 CSV 或 Excel / Import actuals from a CSV or .xlsx: every row checked, all written or none.

        Rows that match what is stored are skipped and counted (94 行未变 / 94 rows unchanged).

        \b
        Example: plantrack import 2022年统计数据.xlsx --dry-run
                 plantrack import actuals-2022.csv --sheet 2022年

        \b
        列（中文或英文）/ columns, Chinese or English:
          指标,年份,数值,单位,来源,备注
          规上工业总产值,2022,51.2,亿元,2022年统计公报,初步核算
        或以年份为列 / or years as columns:
          指标,单位,2021年,2022年
        """
        from plantrack.contain import display_path
        from plantrack.errors import PlantrackError
        from plantrack.opening import open_plan
        from plantrack.recording import record as do_record
        from plantrack.sheets import read_import
        from plantrack.sheets.reading import hidden_refusal

        from plantrack.cli.stdio import input_file  # FILE "-": standard input

        target = open_plan(plans_dir, plan)
        with input_file(file, "stdin.csv") as path:
            got = read_import(path, display_path(file), target, sheet, include_hidden)
        if got.history is not None:  # export --with-history read back: whole entries, every revision
            from plantrack.cli.removal import restore_history

            restore_history(plans_dir, target.id, got.history, force, dry_run)
            return
        changes, where, unchanged, hidden, hidden_rows = got[:5]
        refused = hidden_refusal(display_path(file), hidden_rows) if hidden_rows and not include_hidden else None
        if refused and not dry_run:
            raise refused
        stored: list[Stored] = []
        if changes:
            try:
                saved, stored = do_record(plans_dir, target.id, changes, force=force, dry_run=dry_run, where=where,
                                          confirm=confirm)
            except PlantrackError as exc:
                raise got.name(exc) from None  # its cells as 主要指标!D4（2020年）, its rows by name (issue 28)
            # A dry run shows the hidden rows in its table, marked, before refusing them (issue 25, item 3); and
            # every cell read otherwise than as written, how it was read (issue 28, item 2).
            marks = [(" · 读作 / read as " + "；".join(read) if read else "")
                     + (" · 隐藏行 / hidden row " + ", ".join(map(str, rows)) if rows else "")
                     for read, rows in zip(got.read, hidden)]
            report_written(saved, stored, lang.value, dry_run, marks)
        if refused:
            raise refused
        from plantrack.render.console import say

        # What was read and not written (a "—" cell, a note that names no year), each named by its cell.
        for line in got.unplaced:
            say(line)
        if unchanged:
            say(f"{unchanged} 行未变 / {unchanged} rows unchanged")

    @app.command("history", short_help="记录与修订历史 / every entry and its revisions")
    def history(
        indicator: IndicatorArg,
        plans_dir: PlansDir = Path("plans"),
        plan: PlanId = None,
        lang: LangOpt = Lang.zh,
        format: TableFormat = TableOrJson.table,
    ) -> None:
        """记录与修订历史 / Every recorded entry and every revision of one indicator, with sources.

        \b
        Example: plantrack history value-added-growth
                 plantrack history value-added-growth --format json
        """
        from plantrack.opening import open_plan
        from plantrack.render.console import out, say
        from plantrack.render.history import history_table

        loaded = open_plan(plans_dir, plan)
        ind = loaded.find_indicator(indicator)
        if format is TableOrJson.json:  # judged as status judges it: with the previous plan's base-year figures
            from plantrack.opening import open_linked
            from plantrack.progress import evaluate_plan
            from plantrack.render.destination import write_data
            from plantrack.render.indicator_json import history_json

            result = evaluate_plan(open_linked(plans_dir, loaded.id), None)
            write_data(history_json(loaded.id, result, ind, loaded.records(ind.id)))
            return
        from plantrack.check.cycle.closing import history_note  # closed plan / figures kept in the previous plan

        if note := history_note(loaded, ind, lang.value):
            say(note)
        out().print(history_table(ind, loaded.records(ind.id), lang.value))  # removal records too
        from plantrack.report.adjustments import history_lines  # its adjustments, added or retired (issue 30)

        for line in history_lines(ind, lang.value):
            say(line)

    @app.command("export", short_help="导出实际值或进度表 / export every actual, or the status table")
    def export(
        format: Annotated[ExportFormat, typer.Option("--format", help="csv, json, jsonl (with --all / --plans: a line per figure) or xlsx (xlsx needs -o FILE).")] = ExportFormat.csv,
        layout: Annotated[Layout, typer.Option("--layout", help="long：每行一个指标年份 / one row per indicator and year; wide：年份为列 / years as columns.")] = Layout.long,
        what: Annotated[What, typer.Option("--what", help="actuals：全部实际值 / every actual; status：进度表 / the status table (xlsx).")] = What.actuals,
        output: Annotated[Path | None, typer.Option("-o", "--output", help="写入文件（- 为屏幕）/ write to FILE instead of stdout (- is stdout).", dir_okay=False)] = None,
        no_bom: Annotated[bool, typer.Option("--no-bom", help="CSV 不加 BOM（Excel 需要 BOM）/ CSV without the BOM Excel expects.")] = False,
        as_of: AsOf = None,
        plans_dir: PlansDir = Path("plans"),
        plan: PlanId = None,
        lang: LangOpt = Lang.zh,
        plans: Annotated[str | None, typer.Option("--plans", help="多个规划合为一张长表，逗号分隔 / several plans in one long table: A,B,C.", metavar="IDS")] = None,
        all_plans: Annotated[bool, typer.Option("--all", help="目录中全部规划合为一张长表 / every plan in the folder, in one long table.")] = False,
        with_history: Annotated[bool, typer.Option("--with-history", help="连同全部修订记录与删除记录导出（长表；import 可原样恢复）/ every revision and removal too (long table; import restores them exactly).")] = False,
    ) -> None:
        """导出全部实际值或进度表 / Export every actual (long or wide; CSV, JSON or .xlsx), or the status table as .xlsx.

        \b
        Example: plantrack export > actuals.csv
                 plantrack export --format xlsx --layout wide -o 实际值.xlsx
                 plantrack export --what status --format xlsx -o 进度表.xlsx
                 plantrack export --all --format jsonl > actuals.jsonl
                 plantrack export --with-history --format xlsx -o 实际值及修订记录.xlsx
        """
        from plantrack.render.destination import is_dash
        from plantrack.sheets.output import run_export

        output = None if is_dash(output) else output  # -o -: standard output, as without -o (xlsx is refused)
        if all_plans and plans is not None:
            from plantrack.errors import usage_error

            raise usage_error("--all 与 --plans 只能选一个 / choose --all (every plan) or --plans A,B (those), not both")
        chosen = plan_list(plans)
        if with_history and (layout is Layout.wide or what is What.status or all_plans or plans is not None):
            from plantrack.errors import usage_error

            raise usage_error("--with-history 只用于一个规划的长表（实际值）/ --with-history is for one plan's long table of "
                              "actuals: drop --layout wide, --what status, --all and --plans")
        run_export(plans_dir, plan, format.value, "history" if with_history else layout.value, what.value, output,
                   not no_bom, as_of, lang.value, all_plans or plans is not None, chosen)


