"""Where `export` writes: stdout (also for -o -; a workbook only when it is not a terminal) or -o FILE, by the one rule of every -o
(render/destination.py): a file is replaced atomically, so a half-written workbook never stands in for the old one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from plantrack.errors import usage_error
from plantrack.render.destination import is_dash, stdout_is_terminal, write_output

if TYPE_CHECKING:
    from plantrack.plan import Plan


def run_export(plans_dir: Path, plan_id: str | None, fmt: str, layout: str, what: str, output: Path | None,
               bom: bool, as_of: int | None, lang: str, several: bool = False, chosen: list[str] | None = None) -> None:
    """`several`: every plan (--all, `chosen` None) or the `chosen` ones (--plans) in one long table."""
    from plantrack.opening import open_plan

    output = None if is_dash(output) else output  # -o -: standard output, as without -o
    if output is not None:
        from plantrack.render.destination import judge

        judge(output)  # a target that cannot take the output is refused before any work
    if fmt == "xlsx" and output is None and stdout_is_terminal():  # a pipe or `>` takes the workbook's bytes
        raise usage_error("xlsx 是二进制文件，不能写到终端：请用 -o 文件名.xlsx / an .xlsx is binary: give -o FILE.xlsx")
    if several:
        _export_many(plans_dir, chosen, fmt, layout, what, output, bom, plan_id)
        return
    if fmt == "jsonl":
        raise usage_error("jsonl 用于多个规划的长表：请加 --all 或 --plans，或用 --format json / jsonl is the long table of "
                          "several plans: add --all or --plans, or use --format json")
    plan = open_plan(plans_dir, plan_id)
    data = _status(plan, fmt, as_of, lang, bom) if what == "status" else _actuals(plan, fmt, layout, bom, lang)
    write_output(output, data)


def _export_many(plans_dir: Path, chosen: list[str] | None, fmt: str, layout: str, what: str,
                 output: Path | None, bom: bool, plan_id: str | None) -> None:
    from plantrack.sheets.export_many import export_many

    if plan_id is not None:
        raise usage_error("--plan 与 --all / --plans 不能同时使用 / --plan cannot be combined with --all or --plans")
    if what == "status":
        raise usage_error("多个规划的进度请用 plantrack status --format csv 或 jsonl（每个指标一行）/ for the status of "
                          "several plans use plantrack status --format csv or jsonl (a line per indicator)")
    data = export_many(plans_dir, chosen, fmt, layout, bom)
    if isinstance(data, bytes):
        write_output(output, data)
        return
    with data:
        write_output(output, data)


def _actuals(plan: Plan, fmt: str, layout: str, bom: bool, lang: str) -> str | bytes:
    from plantrack.sheets import export

    if fmt == "xlsx":
        return export.xlsx_export(plan, layout, lang)
    if fmt == "json":
        return export.json_export(plan, layout)
    return export.csv_export(plan, layout, bom, lang)


def _status(plan: Plan, fmt: str, as_of: int | None, lang: str, bom: bool) -> str | bytes:
    from plantrack.progress import evaluate_plan

    result = evaluate_plan(plan, as_of)
    if fmt == "xlsx":
        from plantrack.sheets.status import status_workbook

        return status_workbook(result, lang)
    from plantrack.render.status_data import csv_status, json_status
    from plantrack.sheets.export import BOM

    return json_status(result) if fmt == "json" else (BOM if bom else "") + csv_status(result)
