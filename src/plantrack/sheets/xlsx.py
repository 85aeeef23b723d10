"""Workbooks in and out with openpyxl (the optional `xlsx` extra), imported only here.

Reading (xlsxread.py): the first visible sheet (or --sheet NAME); a formula is never executed: its result as the
spreadsheet last saved it is read, with a note on stderr, and a formula with no saved result is refused at its cell.
Writing: text is always a string cell (data_type 's'), never a formula, whatever it starts with.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING


if TYPE_CHECKING:
    from typing import Any


def openpyxl() -> Any:  # the module: openpyxl ships no types
    from plantrack.parts import require

    require("xlsx", instead="或者把工作簿另存为 CSV / or save the workbook as CSV")
    import openpyxl as module

    return module


def cell_text(value: object) -> str:
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
    from plantrack.numbers import fmt_exact

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
    from openpyxl.utils.exceptions import IllegalCharacterError

    try:
        cell.value = value
    except IllegalCharacterError:
        # XML 1.0 cannot hold most C0 controls (ESC, BEL...), which a note may (free text): a refusal naming the
        # cell, before anything is written, instead of openpyxl's traceback; CSV and JSON keep them exactly.
        from plantrack.errors import PlantrackError
        from plantrack.text import safe

        where, shown = f"{safe(ws.title)}!{cell.coordinate}", safe(value)[:80]
        raise PlantrackError(f"{where}：{shown} 含有 .xlsx 单元格无法保存的控制字符，没有写入任何文件；请删去该字符，"
                             f"或导出为 CSV 或 JSON / {where} holds a control character an .xlsx cell cannot store: "
                             "nothing was written; remove it, or export as CSV or JSON", code=1) from None
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would make "=…" a formula: plan text is data
    return cell


def workbook_bytes(rows: list[list[object]], title: str) -> bytes:
    """A one-sheet workbook: the first row the header (bold), the rest the data."""
    module = openpyxl()
    from openpyxl.styles import Font

    wb = module.Workbook()
    ws = wb.active
    ws.title = sheet_title(title)
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            cell = put(ws, r, c, value)
            if r == 1:
                cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    return save_workbook(wb)


def sheet_title(title: str) -> str:
    # A sheet name is at most 31 characters and none of []:*?/\
    return "".join("_" if ch in "[]:*?/\\" else ch for ch in title)[:31] or "Sheet1"


def save_workbook(wb: Any) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
