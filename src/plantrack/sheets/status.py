"""The status table as a workbook for the district: one row per indicator, numbers as numbers, the status
cells coloured as in the terminal (render/words.py STATUS_STYLE)."""

from __future__ import annotations

from plantrack.progress.result import PlanResult

HEADER = ("序号", "指标", "属性", "目标", "实际", "进度比", "状态", "尚需", "预计", "数据年")
# Excel's own "good / neutral / bad" fills, matched to the terminal's colours for each status.
_FILL = {
    "bold green": "C6EFCE", "green": "C6EFCE", "cyan": "DDEBF7", "yellow": "FFEB9C", "bold red": "FFC7CE",
    "dim": "EDEDED",
}


def status_workbook(result: PlanResult, lang: str = "zh") -> bytes:
    from openpyxl.styles import Font, PatternFill

    from plantrack.render.status_data import indicator_record
    from plantrack.render.words import ATTRIBUTE, STATUS_STYLE, status_word
    from plantrack.sheets.xlsx import _save, _sheet_title, openpyxl, put

    module = openpyxl()
    wb = module.Workbook()
    ws = wb.active
    ws.title = _sheet_title(f"{result.info.id} {result.as_of}")
    for c, name in enumerate(HEADER, start=1):
        put(ws, 1, c, name).font = Font(bold=True)
    for r, ir in enumerate(result.indicators, start=2):
        rec, ind = indicator_record(ir), ir.indicator
        final = getattr(ir, "final_evaluation", False)
        actual = rec["actual"]
        if ind.kind == "qualitative" and ir.data_year is not None:
            actual = status_word(ir.latest_status or ir.status, lang, final)
        values = (ind.no, ind.name, ATTRIBUTE[lang][ind.attribute], ind.target, actual, rec["pace_ratio"],
                  status_word(ir.status, lang, final), rec["required"], rec["projection"], ir.data_year)
        for c, value in enumerate(values, start=1):
            put(ws, r, c, value)
        fill = _FILL.get(STATUS_STYLE.get(ir.status, ""), None)
        if fill:
            ws.cell(row=r, column=7).fill = PatternFill("solid", start_color=fill, end_color=fill)
        if "bold" in STATUS_STYLE.get(ir.status, ""):
            ws.cell(row=r, column=7).font = Font(bold=True)
    ws.column_dimensions["B"].width = 28
    ws.freeze_panes = "A2"
    return _save(wb)
