"""The status table as a workbook for the district: the terminal's own table, cell for cell (issue 28, item 4).

Every cell is the text of the terminal's row (render/rows.py build_row): the units and 年均 beside each number,
尚需每年, the same status words, the same rounding. Nothing is derived a second time here, so the workbook can
never say another number than `status` and `status --format json` (the machine-readable figures are there).
The status cells are coloured as in the terminal (render/words.py STATUS_STYLE). Set up to print: A4 landscape,
every column on one page width (as many pages down as the rows need), the header row repeated on each page,
the panes frozen below the header and right of the name.
"""

from __future__ import annotations

from plantrack.progress.result import PlanResult

# Excel's own "good / neutral / bad" fills, matched to the terminal's colours for each status.
_FILL = {
    "bold green": "C6EFCE", "green": "C6EFCE", "cyan": "DDEBF7", "yellow": "FFEB9C", "bold red": "FFC7CE",
    "dim": "EDEDED",
}
# Column widths in characters (a CJK character counts two): the name and target wrap within theirs.
_WIDTH = {"no": 5, "name": 26, "attribute": 7, "target": 16, "actual": 14, "year": 7, "expected": 12,
          "pace": 8, "status": 14, "required": 13, "projection": 16, "likely": 14}
_RIGHT = {"no", "target", "actual", "year", "expected", "pace", "required", "projection"}


def status_workbook(result: PlanResult, lang: str = "zh") -> bytes:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from plantrack.render.rows import build_row, retired_note
    from plantrack.render.words import HEADERS, STATUS_STYLE, table_columns
    from plantrack.sheets.xlsx import save_workbook, sheet_title, openpyxl, put

    module = openpyxl()
    wb = module.Workbook()
    ws = wb.active
    ws.title = sheet_title(f"{result.info.id} {result.as_of}")
    columns = table_columns(result.final)
    for c, key in enumerate(columns, start=1):
        cell = put(ws, 1, c, HEADERS[lang][key])
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(c)].width = _WIDTH[key]
    for r, ir in enumerate(result.indicators, start=2):
        row = build_row(ir, lang)
        for c, key in enumerate(columns, start=1):
            cell = put(ws, r, c, row.cells[key])
            cell.alignment = Alignment(horizontal="right" if key in _RIGHT else "left", vertical="top",
                                       wrap_text=key in ("name", "target", "status"))
            if key == "status":
                style = STATUS_STYLE.get(ir.status, "")
                if fill := _FILL.get(style):
                    cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
                if "bold" in style:
                    cell.font = Font(bold=True)
    # Retired indicators (issue 30): apart, below a blank row, each with its last judgement, as under the table.
    for r, ir in enumerate(result.retired, start=len(result.indicators) + 3):
        put(ws, r, 1, retired_note(ir, lang))
    _print_setup(ws, len(columns))
    return save_workbook(wb)


def _print_setup(ws: object, width: int) -> None:
    from openpyxl.utils import get_column_letter

    setup = ws.page_setup  # type: ignore[attr-defined]
    setup.orientation = "landscape"
    setup.paperSize = 9  # A4 (openpyxl: Worksheet.PAPERSIZE_A4)
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[attr-defined]
    ws.print_title_rows = "1:1"  # type: ignore[attr-defined]  # the header on every page
    ws.print_area = f"A1:{get_column_letter(width)}{ws.max_row}"  # type: ignore[attr-defined]
    ws.freeze_panes = "C2"  # type: ignore[attr-defined]
    ws.page_margins.left = ws.page_margins.right = 0.4  # type: ignore[attr-defined]
