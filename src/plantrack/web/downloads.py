"""The files a plan page offers: the report (HTML, PDF, Word: `plantrack report`'s own code) and the workbooks
(`plantrack export`'s own code). A missing optional part is the command line's refusal, naming the extra."""

from __future__ import annotations

from pathlib import Path


def make(plans_dir: Path, plan_id: str, name: str, lang: str) -> bytes:
    from plantrack.opening import open_linked

    plan = open_linked(plans_dir, plan_id)
    if name.startswith("report."):
        from plantrack.report import render_binary, render_report

        fmt = name.rsplit(".", 1)[1]
        if fmt == "html":
            return render_report(plan, None, "html", lang).encode("utf-8")
        if fmt == "pdf":
            from plantrack.parts import require

            require("pdf")
        return render_binary(plan, None, fmt, lang)
    if name.startswith("actuals."):
        from plantrack.sheets import export

        if name.endswith(".csv"):
            return export.csv_export(plan, "long", True, lang).encode("utf-8")
        from plantrack.parts import require

        require("xlsx")
        return export.xlsx_export(plan, "wide", lang)
    from plantrack.progress import evaluate_plan

    result = evaluate_plan(plan, None)
    if name.endswith(".csv"):
        from plantrack.render.status_data import csv_status

        return ("\ufeff" + csv_status(result)).encode("utf-8")
    from plantrack.parts import require
    from plantrack.sheets.status import status_workbook

    require("xlsx")
    return status_workbook(result, lang)
