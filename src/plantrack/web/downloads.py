"""The files a plan page offers: the report (HTML, PDF, Word: `plantrack report`'s own code) and the workbooks
(`plantrack export`'s own code). A missing optional part is the command line's refusal, naming the extra: the
report's (report/pdf.require_weasyprint, parts.require("report")) and the workbook's (sheets/xlsx.openpyxl)."""

from __future__ import annotations

from pathlib import Path

from plantrack.web.words import WORDS

# The downloads of a plan page: file name -> (its word in web/words.py, media type).
DOWNLOADS = {
    "report.html": ("report", "text/html; charset=utf-8"),
    "report.pdf": ("report", "application/pdf"),
    "report.docx": ("report", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "actuals.xlsx": ("actuals_xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "status.xlsx": ("status_xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "actuals.csv": ("actuals_csv", "text/csv; charset=utf-8"),
    "status.csv": ("status_csv", "text/csv; charset=utf-8"),
}


def label(name: str, lang: str) -> str:
    """A download's words on a plan page (serve's and site's): the report with its format, "评估报告 (pdf)"."""
    word = WORDS[lang][DOWNLOADS[name][0]]
    return f"{word} ({name.rsplit('.', 1)[1]})" if name.startswith("report.") else word


def make(plans_dir: Path, plan_id: str, name: str, lang: str) -> bytes:
    from plantrack.opening import open_linked

    plan = open_linked(plans_dir, plan_id)
    if name.startswith("report."):
        from plantrack.report import render_binary, render_report

        fmt = name.rsplit(".", 1)[1]
        if fmt == "html":
            return render_report(plan, None, "html", lang).encode("utf-8")
        if fmt == "pdf":  # `report --format pdf`'s refusal: the extra, or Pango missing (not a 500 page)
            from plantrack.report.pdf import require_weasyprint

            require_weasyprint()
        return render_binary(plan, None, fmt, lang)
    if name.startswith("actuals."):
        from plantrack.sheets import export

        if name.endswith(".csv"):
            return export.csv_export(plan, "long", True, lang).encode("utf-8")
        return export.xlsx_export(plan, "wide", lang)  # without the [xlsx] extra: `export`'s own refusal
    from plantrack.progress import evaluate_plan

    result = evaluate_plan(plan, None)
    if name.endswith(".csv"):
        from plantrack.render.status_data import csv_status

        return ("\ufeff" + csv_status(result)).encode("utf-8")
    from plantrack.sheets.status import status_workbook

    return status_workbook(result, lang)
