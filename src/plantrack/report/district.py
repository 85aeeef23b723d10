"""The district report (issue 19): `plantrack report --plans A,B,C` or `--all`.

A summary matrix of the chosen plans (plans × indicators, each cell its status word), the roll-up cross-checks
of any district among them, then each plan's own report exactly as the single-plan report has it (html.py,
markdown.py), its anchors prefixed with the plan id so that two plans' indicators of one id stay apart.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from plantrack.matrix import build_matrix

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from plantrack.overview import OverviewRow
    from plantrack.plan import Plan
    from plantrack.rollup import RollupLine

    Rollups = Mapping[str, Sequence[RollupLine]]


def render_district(plans_dir: Path, chosen: list[str] | None, as_of: int | None, fmt: str, lang: str) -> str:
    from plantrack.errors import PlantrackError
    from plantrack.opening import open_plan
    from plantrack.many import rollups, selected_rows

    rows = selected_rows(plans_dir, chosen, as_of)
    broken = [r.plan_id for r in rows if r.result is None]
    if broken:
        raise PlantrackError(f"规划 {', '.join(broken)} 的文件有错误，请先修正（plantrack check）/ "
                             f"plans with errors: {', '.join(broken)}: fix them first",
                             findings=tuple(f for r in rows for f in r.findings))
    lines = rollups(plans_dir, rows)
    plans = [open_plan(plans_dir, r.plan_id) for r in rows]
    years = {r.plan_id: r.result.as_of for r in rows if r.result is not None}  # each plan at the year clamped into its own period
    # (`if`: for mypy; no row is without a result, those were refused above)
    if fmt == "markdown":
        return _markdown(rows, lines, plans, years, lang)
    return _html(rows, lines, plans, years, lang)


def _title(lang: str, count: int) -> str:
    return f"{count} 个规划汇总评估" if lang == "zh" else f"{count} plans side by side"


def _markdown(rows: Sequence[OverviewRow], lines: Rollups, plans: list[Plan], years: dict[str, int], lang: str) -> str:
    from plantrack.render.matrix import render_matrix
    from plantrack.render.overview_table import rollup_lines_text, shown_names
    from plantrack.report import render_report
    from plantrack.text import md

    matrix = render_matrix(rows, "markdown", lang)
    assert matrix is not None  # only the console table is printed rather than returned
    out = [f"# {_title(lang, len(rows))}", "", "## " + ("指标矩阵" if lang == "zh" else "Matrix"), "", matrix]
    extra = rollup_lines_text(rows, lines, lang, shown_names(rows))
    if extra:
        out += ["## " + ("成员合计核对" if lang == "zh" else "Members' totals (cross-check)"), "",
                *(f"- {md(t)}" for t in extra), ""]
    for plan in plans:
        text = render_report(plan, years[plan.id], "markdown", lang)
        out.append(re.sub(r"^(#+) ", r"#\1 ", text, flags=re.M))  # each plan one heading level down
    return "\n".join(out)


def _html(rows: Sequence[OverviewRow], lines: Rollups, plans: list[Plan], years: dict[str, int], lang: str) -> str:
    from plantrack.render.overview_table import rollup_lines_text, shown_names
    from plantrack.render.words import status_word
    from plantrack.report import render_report
    from plantrack.report.html import e
    from plantrack.report.style import CSS

    m, names = build_matrix(rows), shown_names(rows)
    head = "".join(f"<th>{e(c.name_en if lang == 'en' and c.name_en else c.name)}</th>" for c in m.columns)
    body = ""
    for r in m.rows:
        cells = "".join(
            f'<td class="s-{r.cells[c.key]}" data-status="{r.cells[c.key]}">'
            f"{e(status_word(r.cells[c.key], lang, m.final))}</td>" if c.key in r.cells else '<td class="absent">·</td>'
            for c in m.columns)
        body += f'<tr data-plan="{e(r.plan_id)}"><th><a href="#plan-{e(r.plan_id)}">{e(names[r.plan_id])}</a></th>{cells}</tr>'
    matrix = (f'<section id="matrix"><h2>{e("指标矩阵" if lang == "zh" else "Matrix")}</h2><div class="scroll">'
              f'<table class="status matrix"><thead><tr><th></th>{head}</tr></thead><tbody>{body}</tbody></table>'
              "</div></section>")
    extra = rollup_lines_text(rows, lines, lang, names)
    rollup = "" if not extra else (
        f'<section id="rollup"><h2>{e("成员合计核对" if lang == "zh" else "Members’ totals (cross-check)")}</h2><ul>'
        + "".join(f"<li>{e(t)}</li>" for t in extra) + "</ul></section>")
    parts = []
    for plan in plans:
        page = render_report(plan, years[plan.id], "html", lang)
        inner = page.split('<main class="report">', 1)[1].rsplit("</main>", 1)[0]
        # Anchors per plan: every plan has its own #summary and #ind-<id>.
        inner = inner.replace('id="', f'id="{plan.id}--').replace('href="#', f'href="#{plan.id}--') \
            .replace("url(#", f"url(#{plan.id}--")
        parts.append(f'<section class="plan" id="plan-{e(plan.id)}">{inner}</section>')
    title = _title(lang, len(rows))
    return "\n".join([
        "<!DOCTYPE html>", f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title><style>{CSS}</style></head>",
        f'<body><main class="report district"><header class="cover"><h1>{e(title)}</h1></header>',
        matrix, rollup, *parts, "</main></body></html>"]) + "\n"
