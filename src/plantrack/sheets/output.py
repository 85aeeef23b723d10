"""Where `export` writes: stdout (text only; also for -o -) or -o FILE, replaced atomically so a half-written workbook never
stands in for the old one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from plantrack.errors import PlantrackError, usage_error

if TYPE_CHECKING:
    from plantrack.plan import Plan


def run_export(plans_dir: Path, plan_id: str | None, fmt: str, layout: str, what: str, output: Path | None,
               bom: bool, as_of: int | None, lang: str) -> None:
    from plantrack.cli.stdio import is_dash, write_output
    from plantrack.loader import open_plan

    output = None if is_dash(output) else output  # -o -: standard output, as without -o
    if fmt == "xlsx" and output is None:
        raise usage_error("xlsx 是二进制文件，不能写到终端：请用 -o 文件名.xlsx / an .xlsx is binary: give -o FILE.xlsx")
    plan = open_plan(plans_dir, plan_id)
    data = _status(plan, fmt, as_of, lang, bom) if what == "status" else _actuals(plan, fmt, layout, bom)
    assert output is not None or isinstance(data, str)  # only xlsx is bytes, and it was refused above without -o
    write_output(output, data, lambda path, given: _write(path, given.encode("utf-8") if isinstance(given, str) else given))


def _actuals(plan: Plan, fmt: str, layout: str, bom: bool) -> str | bytes:
    from plantrack.sheets import export

    if fmt == "xlsx":
        return export.xlsx_export(plan, layout)
    if fmt == "json":
        return export.json_export(plan, layout)
    return export.csv_export(plan, layout, bom)


def _status(plan: Plan, fmt: str, as_of: int | None, lang: str, bom: bool) -> str | bytes:
    from plantrack.progress import evaluate_plan

    result = evaluate_plan(plan, as_of)
    if fmt == "xlsx":
        from plantrack.sheets.status import status_workbook

        return status_workbook(result, lang)
    from plantrack.render.status_data import csv_status, json_status

    return json_status(result) if fmt == "json" else ("\ufeff" if bom else "") + csv_status(result)


def _write(path: Path, data: bytes) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise PlantrackError(f"无法写入 {path}：{exc.strerror} / cannot write the file", code=2) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise PlantrackError(f"无法写入 {path}：{exc.strerror} / cannot write the file", code=2) from None
