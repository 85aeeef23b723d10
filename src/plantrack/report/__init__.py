"""`plantrack report`: the evaluation report (中期评估 / 总结评估) a planning office hands in.

build.py gathers the report as data from the same rows and records as `status`; html.py and markdown.py
write it; charts.py draws one chart per indicator with matplotlib (the optional `report` extra), imported
only when an HTML report is made; output.py writes the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from plantrack.plan import Plan

if TYPE_CHECKING:
    from plantrack.office import OfficeWords
    from plantrack.report.build import Report
    from plantrack.report.model import Document
    from plantrack.report.history import ChartData

BINARY = ("pdf", "docx")


def plan_document(plan: Plan, as_of: int | None, lang: str) -> Document:
    """The report's content, once, in its language (model.py): what every format lays out."""
    from plantrack.report.build import build_report
    from plantrack.report.model import document

    return document(build_report(plan, as_of, lang), office_words(plan))


def render_report(plan: Plan, as_of: int | None, fmt: str, lang: str) -> str:
    """The whole report as text: one self-contained HTML page, or Markdown."""
    doc = plan_document(plan, as_of, lang)
    if fmt == "markdown":
        from plantrack.report.markdown import render_markdown

        return render_markdown(doc)
    from plantrack.parts import require
    from plantrack.report.html import render_html

    require("report")  # the charts' matplotlib
    return render_html(doc, drawn(plan, doc, "svg"))


def render_binary(plan: Plan, as_of: int | None, fmt: str, lang: str, template: Path | None = None) -> bytes:
    """The report as a PDF (WeasyPrint, from the HTML page) or a Word document (python-docx)."""
    if fmt == "pdf":
        from plantrack.report.pdf import render_pdf

        return render_pdf(render_report(plan, as_of, "html", lang))
    from plantrack.parts import require
    from plantrack.report.docx import render_docx

    require("docx")  # python-docx, and matplotlib for the charts
    doc = plan_document(plan, as_of, lang)
    return render_docx(doc, drawn(plan, doc, "png"), template)


def drawn(plan: Plan, doc: Document, kind: str) -> dict[str, Any]:
    """Each indicator's chart, as SVG text for the page or PNG bytes for Word (None where there is none)."""
    from plantrack.report.charts import chart_png, chart_svg

    report = doc.report
    data = chart_inputs(plan, report)
    draw = chart_svg if kind == "svg" else chart_png
    # An indicator added mid-plan is drawn over its own years, from its own base year (issue 30).
    return {s.indicator.id: draw(data[s.indicator.id], s, report.plan.period.own(s.indicator), doc.lang)
            for s in report.sections}


def office_words(plan: Plan) -> OfficeWords:
    """The plan's report.toml (office.py), refused with its located findings when it is wrong."""
    from plantrack.errors import PlantrackError
    from plantrack.office import OFFICE_FILE, load_office

    assert plan.directory is not None  # a plan the report reads was opened from its folder
    words, findings = load_office(plan.directory, {i.id for i in plan.indicators})
    if findings:
        raise PlantrackError(f"{OFFICE_FILE} 有错误，请先修正（plantrack check）/ {OFFICE_FILE} has errors: fix them "
                             "first", findings=tuple(findings))
    return words


def chart_inputs(plan: Plan, report: Report) -> dict[str, ChartData | None]:
    """Each indicator's chart data (history.py): None for an indicator with no figure at all."""
    from plantrack.report.history import chart_data

    return {s.indicator.id: chart_data(s, plan.entries(s.indicator.id), report.plan.period, report.plan.as_of)
            for s in report.sections}
