"""The report as one self-contained HTML page: inline CSS, inline SVG, no script, nothing fetched.

Every string from the plan or its actuals goes through `e()` (html.escape) before it reaches the page.
"""

from __future__ import annotations

import html
from decimal import Decimal

from plantrack.report.model import Document, Part
from plantrack.report.labels import REPORT
from plantrack.report.narrative import WORDS
from plantrack.report.style import CSS, page_css
from plantrack.text import safe

# Numbers the table carries as data attributes: exactly the values of `status --format json`.
DATA_KEYS = ("status", "actual", "expected", "completion", "pace_ratio", "required", "projection", "projection_level")


def e(text: object) -> str:
    """Text for the page: control and invisible characters made visible (safe), then HTML-escaped."""
    return html.escape(safe(text), quote=True)


def render_html(doc: Document, charts: dict[str, str | None]) -> str:
    return page(doc.lang, doc.title, "report", body(doc, charts))


def body(doc: Document, charts: dict[str, str | None]) -> list[str]:
    """The report's blocks, in order: what the page holds, and what the district report holds of each plan."""
    return [_cover(doc), _summary(doc) + _overall(doc), _binding(doc), _table(doc), _sections(doc, charts),
            _closing(doc), _appendix(doc), f'<footer><p>{e(doc.footer)}</p></footer>']


def page(lang: str, title: str, kind: str, blocks: list[str]) -> str:
    """One self-contained page around `blocks` (a plan's report, or a district's: `kind` "report district")."""
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f"<style>{CSS}{page_css(title)}</style></head>",
        f'<body><main class="{kind}">',
        *blocks,
        "</main></body></html>",
    ]) + "\n"


def _cover(doc: Document) -> str:
    items = "".join(f"<div><dt>{e(k)}</dt><dd>{e(v)}</dd></div>" for k, v in doc.cover)
    return (f'<header class="cover"><p class="kicker">{e(doc.kind)}</p><h1>{e(doc.name)}</h1>'
            f'<p class="subtitle">{e(doc.head)}</p><dl class="meta">{items}</dl></header>')


def _summary(doc: Document) -> str:
    # The words this evaluation can give, each its own (已实现 at the final evaluation, 提前实现 before).
    chips = "".join(f'<li class="chip s-{s}{" zero" if not count else ""}"><b>{count}</b><span>{e(word)}</span></li>'
                    for s, word, count in doc.counts)
    gaps = f'<p class="gap">{e(doc.gaps)}</p>' if doc.gaps else ""
    return (f'<section id="summary"><h2>{e(doc.summary_heading)}</h2><p class="lead">{e(doc.summary)}</p>'
            f'<ul class="chips">{chips}</ul>{gaps}</section>')


def _overall(doc: Document) -> str:
    return f'<div class="overall"><h3>{e(doc.overall_heading)}</h3>{_paragraphs(doc.overall)}</div>'


def _binding(doc: Document) -> str:
    body = ""
    for intro, items in doc.binding:
        lis = "".join(f'<li><a href="#ind-{e(i.id)}">{e(i.no)}. {e(i.name)}</a> — <span class="badge s-{i.status}">'
                      f"{e(i.word)}</span> {e(i.sentence)}</li>" for i in items)
        body += f"<p>{e(intro)}</p>" + (f"<ul>{lis}</ul>" if lis else "")
    # The green box only when the section is all clear (Report.binding): a promise that cannot be told is not.
    clear = " none" if doc.binding_clear else ""
    return f'<section id="lagging" class="lagging{clear}"><h2>{e(doc.binding_heading)}</h2>{body}</section>'


def _attr(value: object) -> str:
    if value is None:
        return ""
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def _table(doc: Document) -> str:
    t = doc.table
    head = "".join(f'<th class="c-{c}">{e(h)}</th>' for c, h in zip(t.columns, t.header, strict=True))
    body = ""
    for i, (row, record) in enumerate(zip(t.rows, doc.report.record["indicators"], strict=True)):
        data = "".join(f' data-{k.replace("_", "-")}="{e(_attr(record[k]))}"' for k in DATA_KEYS)
        classes = " ".join(c for c, on in (("alarm", t.alarms[i]), ("binding", t.binding[i])) if on)
        cells = []
        for c, text in zip(t.columns, row, strict=True):
            shown = e(text)
            if c == "name":
                shown = f'<a href="#ind-{e(record["id"])}">{"‼ " if t.alarms[i] else ""}{shown}</a>'
            cls = f"c-{c}" + (f" s-{t.statuses[i]}" if c == "status" else "")
            cells.append(f'<td class="{cls}">{shown}</td>')
        body += f'<tr data-id="{e(record["id"])}"{data} class="{classes}">' + "".join(cells) + "</tr>"
    notes = "".join(f"<li>{e(n)}</li>" for n in t.notes)
    return (f'<section id="table"><h2>{e(doc.table_heading)}</h2><div class="scroll"><table class="status">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
            + (f'<ul class="notes">{notes}</ul>' if notes else "") + "</section>")


def _sections(doc: Document, charts: dict[str, str | None]) -> str:
    articles = "".join(_article(p, doc.lang, charts.get(p.id)) for p in doc.parts)
    return (f'<section id="indicators"><h2>{e(doc.details_heading)}</h2>'
            f'<p class="chart-note">{e(doc.chart_note)}</p>{articles}</section>')


def _article(part: Part, lang: str, chart: str | None) -> str:
    words = REPORT[lang]
    classes = f"indicator s-border-{part.status}" + (" lagging" if part.lagging else "")
    warning = f'<p class="warning">⚠ {e(part.warning)}</p>' if part.warning else ""
    note = f'<p class="ind-note">{e(part.note)}</p>' if part.note else ""
    office = (f'<div class="office-note"><b>{e(WORDS[lang]["office_note"])}</b>{_paragraphs(part.office)}</div>'
              if part.office else "")
    facts = "".join(f"<div><dt>{e(k)}</dt><dd>{e(v)}</dd></div>" for k, v in part.facts)
    working = (f'<details><summary>{e(words["working"])}</summary><pre>{chr(10).join(e(x) for x in part.working)}'
               "</pre></details>" if part.working else "")
    sources = "".join(f"<li>{e(s)}</li>" for s in part.sources)
    return (
        f'<article class="{classes}" id="ind-{e(part.id)}"><header>'
        f'<span class="no">{e(part.no)}</span><h3>{e(part.name)}' + (f" <small>{e(part.other)}</small>" if part.other else "")
        + f'</h3><span class="badge s-{part.status}">{e(part.word)}</span></header>{note}'
        + (f'<p class="sentence">{e(part.sentence)}</p>' if part.sentence else "")
        + f'{office}{warning}<dl class="facts">{facts}</dl>{_figure(part, chart)}{working}'
        f'<div class="sources"><h4>{e(words["sources"])}</h4>'
        + (f"<ul>{sources}</ul>" if sources else f'<p>{e(words["no_sources"])}</p>') + "</div></article>"
    )


def _figure(part: Part, chart: str | None) -> str:
    if chart is not None:
        svg = chart.replace("<svg ", f'<svg role="img" aria-label="{e(f"{part.no}. {part.name}")}" ', 1)
        caption = f"<figcaption>{e(part.caption)}</figcaption>" if part.caption else ""
        return f'<figure class="chart">{svg}{caption}</figure>'
    return f'<p class="placeholder">{e(part.placeholder)}</p>'


def _paragraphs(texts: tuple[str, ...]) -> str:
    return "".join(f"<p>{e(t)}</p>" for t in texts)


def _closing(doc: Document) -> str:
    """五、主要成效 … after the indicator sections, numbered on from 四, only the sections written."""
    return "".join(f'<section id="{key}" class="narrative"><h2>{e(heading)}</h2>{_paragraphs(texts)}</section>'
                   for key, heading, texts in doc.closing)


def _appendix(doc: Document) -> str:
    items = "".join(f"<li>{e(t)}</li>" for t in doc.method)
    return f'<section id="method" class="appendix"><h2>{e(doc.appendix_heading)}</h2><ol>{items}</ol></section>'
