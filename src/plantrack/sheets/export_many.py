"""`plantrack export --all` (or `--plans A,B,C`): every chosen plan's recorded figures in one long table.

Why (issue 19, item 6): a district compares its towns, and past one machine the export is the interface — one
file that DuckDB, pandas or a warehouse reads directly (docs/status-json.md, "Beyond one machine"). The long
layout already starts with the plan's id, so the table of several plans is the rows of each, one header:
exactly the columns of one plan's export, and each plan's rows exactly its own export's rows.

Decisions (docs/recording.md, "Several plans in one file"):
- Only the long layout: the wide one is one plan's sheet (its years are that plan's columns).
- A plan with errors refuses the whole export, naming every finding, and nothing is written: a file that says
  "every plan" must hold every plan, or a town would be missing from the district's sums without a word.
- Memory stays flat in the number of plans: each plan's rows are made where it is loaded (in worker processes
  from pool.PARALLEL_FROM plans on) and spooled, since nothing may be written before every plan is known to
  have no error.
- .xlsx holds at most Excel's 1,048,576 rows; more is refused before anything is written, with the formats
  that hold any number.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, TYPE_CHECKING

from plantrack.errors import MAX_LISTED, Finding, PlantrackError, usage_error

if TYPE_CHECKING:
    from collections.abc import Iterable

EXCEL_ROWS = 1_048_576
SPOOL_BYTES = 32 * 1024 * 1024  # held in memory up to this, then on disk
# plan id, findings, its rows (as text in csv, json and jsonl; as cells for xlsx), their count
Part = tuple[str, tuple[Finding, ...], "str | list[list[object]]", int]


def export_many(plans_dir: Path, chosen: list[str] | None, fmt: str, layout: str, bom: bool) -> IO[str] | bytes:
    """The export of every plan (chosen None) or of the chosen ones: a spooled text file positioned at its
    start (csv, json, jsonl), or the workbook's bytes (xlsx)."""
    if layout != "long":
        raise usage_error("多个规划只能导出长表（每行一个指标年份，第一列为规划）：请去掉 --layout wide / several plans "
                          "export as one long table (plan is the first column): drop --layout wide")
    from functools import partial

    from plantrack.contain import display_path
    from plantrack.pool import PARALLEL_FROM, each

    ids = _chosen_ids(plans_dir, chosen)
    # Thousands of plans: no whole-plan cache entries (each costs more to write than it saves once).
    job = partial(_part, plans_dir, fmt, len(ids) < PARALLEL_FROM)
    parts: Iterable[Part] = each(job, ids, describe=lambda i: display_path(plans_dir / i))
    try:
        if fmt == "xlsx":
            return _workbook(parts)
        return _spooled(parts, fmt, bom)
    finally:
        # A refusal part-way (Excel's row limit, Ctrl-C) stops the workers now, not when they are collected.
        if (close := getattr(parts, "close", None)) is not None:
            close()


def _chosen_ids(plans_dir: Path, chosen: list[str] | None) -> list[str]:
    from plantrack.many import chosen_ids

    if chosen is not None:
        if not chosen:
            raise usage_error("--plans 需要至少一个规划，逗号分隔 / --plans needs at least one plan id: --plans A,B,C")
        return chosen_ids(plans_dir, chosen)
    from plantrack.contain import plan_ids
    from plantrack.text import safe

    if not (ids := plan_ids(plans_dir)):
        raise usage_error(f"{safe(plans_dir)} 中没有规划 / no plans in {safe(plans_dir)}")
    return ids


def _part(plans_dir: Path, fmt: str, use_cache: bool, plan_id: str) -> Part:
    """One plan's rows as text in the export's format, or its findings."""
    from plantrack.contain import display_path, escape_problem
    from plantrack.check.load import load_plan
    from plantrack.sheets import export

    folder = plans_dir / plan_id
    if problem := escape_problem(plans_dir, folder):  # the containment rule of every command (contain.py)
        return plan_id, (Finding(display_path(folder), 1, 1, "", problem),), "", 0
    plan, findings = load_plan(folder, use_cache=use_cache)
    if plan is None:
        return plan_id, tuple(findings), "", 0
    count = sum(len(plan.entries(ind.id)) for ind in plan.indicators)  # len(long_rows(plan)), without making them
    if fmt == "xlsx":
        return plan_id, (), export.table(plan, "long")[1:], count
    if fmt == "csv":
        return plan_id, (), export.csv_export(plan, "long", False).split("\n", 1)[1], count
    from plantrack.render.jsonout import dumps

    rows = export.long_rows(plan)

    if fmt == "jsonl":
        return plan_id, (), "".join(dumps(row, indent=None) + "\n" for row in rows), len(rows)
    return plan_id, (), ",\n".join(dumps(row) for row in rows), len(rows)


def _refuse_if_any_failed(findings: list[Finding], failed: list[str]) -> None:
    if not failed:
        return
    from plantrack.text import safe

    names = "、".join(safe(f) for f in failed[:20]) + ("…" if len(failed) > 20 else "")
    raise PlantrackError(
        f"{len(failed)} 个规划有错误，未导出任何内容：{names}。请先运行 plantrack check 并修正 / {len(failed)} plan(s) have "
        "errors, so nothing was exported: run plantrack check, fix them, then export again (or leave them out "
        "with --plans)", findings=tuple(findings[:MAX_LISTED]), unlisted=max(0, len(findings) - MAX_LISTED))


def _spooled(parts: Iterable[Part], fmt: str, bom: bool) -> IO[str]:
    import tempfile

    from plantrack.sheets.export import BOM, LONG_COLUMNS

    spool = tempfile.SpooledTemporaryFile(SPOOL_BYTES, mode="w+", encoding="utf-8", newline="")
    findings: list[Finding] = []
    failed: list[str] = []
    written = 0
    try:
        if fmt == "csv":
            from plantrack.csvio import csv_text

            spool.write((BOM if bom else "") + csv_text([list(LONG_COLUMNS)]))
        elif fmt == "json":
            spool.write("[")
        for plan_id, found, text, count in parts:
            if found:
                failed.append(plan_id)
                findings += found
                continue
            assert isinstance(text, str)
            if fmt == "json" and count:
                # The same document as one plan's export (jsonout.dumps of a list): rows indented by two.
                spool.write(("," if written else "") + "\n" + _indented(text))
            else:
                spool.write(text)
            written += count
        if fmt == "json":
            spool.write("\n]\n" if written else "]\n")
        _refuse_if_any_failed(findings, failed)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool


def _indented(text: str) -> str:
    return "\n".join("  " + line for line in text.split("\n"))


def _workbook(parts: Iterable[Part]) -> bytes:
    from plantrack.sheets.export import LONG_COLUMNS
    from plantrack.sheets.xlsx import workbook_bytes

    findings: list[Finding] = []
    failed: list[str] = []
    rows: list[list[object]] = [list(LONG_COLUMNS)]
    for plan_id, found, cells, _ in parts:
        if found:
            failed.append(plan_id)
            findings += found
        elif not failed:  # once a plan failed, nothing is written: its rows need not be kept
            assert isinstance(cells, list)
            rows += cells
        if len(rows) > EXCEL_ROWS:
            raise usage_error(f"超过 Excel 的 {EXCEL_ROWS:,} 行上限，未导出：请用 --format csv 或 jsonl（行数不限）/ more "
                              f"rows than Excel's {EXCEL_ROWS:,}: nothing exported. Use --format csv or jsonl")
    _refuse_if_any_failed(findings, failed)
    return workbook_bytes(rows, "actuals")
