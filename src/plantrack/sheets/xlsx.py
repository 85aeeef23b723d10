"""Workbooks in and out with openpyxl (the optional `xlsx` extra), imported only here.

Reading: the first sheet (or --sheet NAME); a formula is never executed: its result as the spreadsheet last
saved it is read, with a note on stderr, and a formula with no saved result is refused at its cell.
Writing: text is always a string cell (data_type 's'), never a formula, whatever it starts with.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING

from plantrack.errors import PlantrackError
from plantrack.text import safe
from plantrack.sheets.grid import Grid

if TYPE_CHECKING:
    from typing import Any


def openpyxl() -> Any:  # the module: openpyxl ships no types
    from plantrack.parts import require

    require("xlsx", instead="或者把工作簿另存为 CSV / or save the workbook as CSV")
    import openpyxl as module

    return module


def read_workbook(data: bytes, display: str, sheet: str | None) -> Grid:
    module = openpyxl()
    try:
        # Twice: once for what each cell holds (to know which are formulas), once for the saved results.
        formulas = module.load_workbook(io.BytesIO(data), data_only=False)
        values = module.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # a damaged or foreign zip: zipfile, KeyError, ValueError... all mean "not readable"
        raise PlantrackError(f"{display} 不是可读取的 .xlsx 工作簿（{type(exc).__name__}）/ not a readable .xlsx workbook",
                             code=2) from None
    names = formulas.sheetnames
    if sheet is not None and sheet not in names:
        raise PlantrackError(f"{display} 中没有工作表 {sheet!r}；可用 / sheets: {', '.join(map(safe, names))}", code=2)
    name = sheet or names[0]
    f_ws, v_ws = formulas[name], values[name]
    grid = Grid(display, [], xlsx=True)
    used = [n for n in names if formulas[n].max_row > 1 or formulas[n]["A1"].value is not None]
    if sheet is None and len(used) > 1:
        grid.notes.append(f"{safe(display)}：读取第一个工作表「{safe(name)}」（另有 {len(used) - 1} 个工作表，可用 --sheet 选择）/ "
                          f"read the first sheet {name!r}; choose another with --sheet")
    computed = 0
    for f_row, v_row in zip(f_ws.iter_rows(), v_ws.iter_rows()):
        cells = []
        for col, (f_cell, v_cell) in enumerate(zip(f_row, v_row)):
            value = v_cell.value
            if f_cell.data_type == "f" or (isinstance(f_cell.value, str) and f_cell.value.startswith("=")
                                           and f_cell.data_type != "s"):
                if value is None:
                    grid.bad[(f_cell.row, col)] = ("公式没有保存的计算结果（plantrack 不执行公式）：请在 Excel 中打开并保存，"
                                                   "或改为数值 / a formula with no saved result (formulas are never run)")
                else:
                    computed += 1
            cells.append(_text(value))
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            grid.rows.append((f_row[0].row, cells))
    if computed:
        grid.notes.append(f"{safe(display)}：{computed} 个公式单元格按工作簿保存的计算结果读取（公式本身不执行）/ "
                          f"{computed} formula cell(s) read as their saved results (never run)")
    return grid


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # The shortest text that reads back as the same double: 27.72 stays 27.72, 512000.0 is 512000.
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def _number_cell(x: Decimal) -> float | int | str:
    """A recorded number as a spreadsheet number when a double holds it exactly, else as its exact text
    (a round trip must not lose the 19th digit of 999999999999999.9999)."""
    from plantrack.progress.numbers import fmt_exact

    text = fmt_exact(x)
    if x == x.to_integral_value() and abs(x) < 2 ** 53:
        return int(x)
    as_float = float(x)
    return as_float if repr(as_float) == text else text


def put(ws: Any, row: int, col: int, value: object) -> Any:  # openpyxl's worksheet and cell: untyped
    """One cell: numbers as numbers, text as a string cell (never a formula)."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, Decimal):
        value = _number_cell(value)
    if value is None or value == "":
        return cell
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would make "=…" a formula: plan text is data
    return cell


def workbook_bytes(rows: list[list[object]], title: str) -> bytes:
    """A one-sheet workbook: the first row the header (bold), the rest the data."""
    module = openpyxl()
    from openpyxl.styles import Font

    wb = module.Workbook()
    ws = wb.active
    ws.title = _sheet_title(title)
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            cell = put(ws, r, c, value)
            if r == 1:
                cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    return _save(wb)


def _sheet_title(title: str) -> str:
    # A sheet name is at most 31 characters and none of []:*?/\
    return "".join("_" if ch in "[]:*?/\\" else ch for ch in title)[:31] or "Sheet1"


def _save(wb: Any) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
