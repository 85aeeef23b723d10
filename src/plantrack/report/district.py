"""The district report (issues 19 and 27): `plantrack report --plans A,B,C` or `--all`, in every format.

A summary matrix of the chosen plans (plans × indicators, each cell its status word, in each plan's own
evaluation: 已实现 for a plan at its end year, 提前实现 before), the roll-up cross-checks of any district among
them, then each plan's own report exactly as the single-plan report has it (model.py), one heading level down.
The whole is computed once here (`District`) and laid out as HTML (and so PDF), Markdown or Word.

Its title is the district plan's own name when one of the chosen plans declares all the others as its
`members`; `--title` sets another (the office's choice wins); without either, "4 个规划汇总评估".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plantrack.matrix import build_matrix

if TYPE_CHECKING:
    from collections.abc import Sequence

    from plantrack.overview import OverviewRow
    from plantrack.plan import Plan
    from plantrack.report.model import Document

WORDS = {"zh": {"matrix": "指标矩阵", "rollup": "成员合计核对", "plan": "规划", "count": "{n} 个规划汇总评估"},
         "en": {"matrix": "Matrix", "rollup": "Members’ totals (cross-check)", "plan": "Plan",
                "count": "{n} plans side by side"}}

@dataclass(frozen=True)
class District:
    lang: str
    title: str
    header: tuple[str, ...]                                  # "规划", then each indicator column's name
    # (plan id, name, ((status, word) | ("retired", "已停用（2024 年）") | ("", "·"))): render/matrix.cell_word
    rows: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]
    rollup: tuple[str, ...]
    plans: tuple[tuple[Plan, Document], ...]


def district(plans_dir: Path, chosen: list[str] | None, as_of: int | None, lang: str,
             title: str | None = None) -> District:
    from plantrack.errors import PlantrackError
    from plantrack.opening import open_linked
    from plantrack.many import rollups, selected_rows
    from plantrack.render.matrix import cell_word
    from plantrack.render.overview_table import rollup_lines_text, shown_names
    from plantrack.report import plan_document
    from plantrack.text import lang_name, safe

    rows = selected_rows(plans_dir, chosen, as_of)
    broken = [r.plan_id for r in rows if r.result is None]
    if broken:
        raise PlantrackError(f"规划 {', '.join(broken)} 的文件有错误，请先修正（plantrack check）/ "
                             f"plans with errors: {', '.join(broken)}: fix them first",
                             findings=tuple(f for r in rows for f in r.findings))
    m, names = build_matrix(rows), shown_names(rows)
    header = (WORDS[lang]["plan"], *(safe(lang_name(c, lang)) for c in m.columns))
    cells = tuple((r.plan_id, safe(names[r.plan_id]),
                   tuple(cell_word(r, c.key, lang) for c in m.columns)) for r in m.rows)  # 已停用: issue 30
    extra = rollup_lines_text(rows, rollups(plans_dir, rows), lang, names)
    # each plan at the year clamped into its own period (every row has a result: those without were refused)
    plans = tuple((plan := open_linked(plans_dir, r.plan_id), plan_document(plan, r.result.as_of, lang))
                  for r in rows if r.result is not None)
    return District(lang, safe(title) if title else _title(rows, plans, lang), header, cells,
                    tuple(safe(t) for t in extra), plans)


def _title(rows: Sequence[OverviewRow], plans: Sequence[tuple[Plan, Document]], lang: str) -> str:
    """The district plan's name and its report's kind, when one plan declares all the others as members."""
    ids = {plan.id for plan, _ in plans}
    for plan, doc in plans:
        if len(ids) > 1 and set(plan.info.members) >= ids - {plan.id}:
            return doc.title  # "松江区「十四五」规划主要指标中期评估报告": the district's own report's title
    return WORDS[lang]["count"].format(n=len(rows))


def render_district(plans_dir: Path, chosen: list[str] | None, as_of: int | None, fmt: str, lang: str,
                    title: str | None = None, template: Path | None = None) -> str | bytes:
    d = district(plans_dir, chosen, as_of, lang, title)
    if fmt == "markdown":
        return _markdown(d)
    if fmt == "docx":
        return _docx(d, template)
    page = _html(d)
    if fmt == "pdf":
        from plantrack.report.pdf import render_pdf

        return render_pdf(page)
    return page


def _markdown(d: District) -> str:
    from plantrack.report.markdown import render_markdown
    from plantrack.text import md

    out = [f"# {md(d.title)}", "", f"## {WORDS[d.lang]['matrix']}", "",
           "| " + " | ".join(md(h) for h in d.header) + " |", "|---|" + "---|" * (len(d.header) - 1)]
    out += ["| " + " | ".join([md(name), *(md(word) for _, word in cells)]) + " |" for _, name, cells in d.rows]
    out.append("")
    if d.rollup:
        out += [f"## {WORDS[d.lang]['rollup']}", "", *(f"- {md(t)}" for t in d.rollup), ""]
    for _, doc in d.plans:
        out.append(re.sub(r"^(#+) ", r"#\1 ", render_markdown(doc), flags=re.M))  # each plan one heading level down
    return "\n".join(out)


def _html(d: District) -> str:
    from plantrack.report import drawn
    from plantrack.parts import require
    from plantrack.report.html import body, e, page

    require("report")
    head = "".join(f"<th>{e(h)}</th>" for h in d.header[1:])
    rows = ""
    for plan_id, name, cells in d.rows:
        tds = "".join(f'<td class="s-{s}" data-status="{s}">{e(word)}</td>' if s else '<td class="absent">·</td>'
                      for s, word in cells)
        rows += f'<tr data-plan="{e(plan_id)}"><th><a href="#plan-{e(plan_id)}">{e(name)}</a></th>{tds}</tr>'
    words = WORDS[d.lang]
    matrix = (f'<section id="matrix"><h2>{e(words["matrix"])}</h2><div class="scroll">'
              f'<table class="status matrix"><thead><tr><th></th>{head}</tr></thead><tbody>{rows}</tbody></table>'
              "</div></section>")
    rollup = "" if not d.rollup else (f'<section id="rollup"><h2>{e(words["rollup"])}</h2><ul>'
                                      + "".join(f"<li>{e(t)}</li>" for t in d.rollup) + "</ul></section>")
    parts = []
    for plan, doc in d.plans:
        inner = "\n".join(body(doc, drawn(plan, doc, "svg")))
        # Anchors per plan: every plan has its own #summary and #ind-<id>.
        inner = inner.replace('id="', f'id="{plan.id}--').replace('href="#', f'href="#{plan.id}--') \
            .replace("url(#", f"url(#{plan.id}--")
        parts.append(f'<section class="plan" id="plan-{e(plan.id)}">\n{inner}\n</section>')
    return page(d.lang, d.title, "report district",
                [f'<header class="cover"><h1>{e(d.title)}</h1></header>', matrix, rollup, *parts])


def _docx(d: District, template: Path | None) -> bytes:
    from plantrack.report import drawn
    from plantrack.parts import require
    from plantrack.report.docx import Writer, write_document

    require("docx")
    w = Writer(template)
    w.landscape(new_page=False)  # the title and the matrix on one landscape page
    w.heading(d.title, 0)
    w.heading(WORDS[d.lang]["matrix"], 1)
    w.table(d.header, tuple((name, *(word for _, word in cells)) for _, name, cells in d.rows),
            [1.5] + [1.0] * (len(d.header) - 1))  # status words wrap between characters, never numbers
    if d.rollup:
        w.heading(WORDS[d.lang]["rollup"], 1)
        for text in d.rollup:
            w.para(text)
    w.portrait()
    for plan, doc in d.plans:
        write_document(w, doc, drawn(plan, doc, "png"), level=1)
    return w.bytes()
