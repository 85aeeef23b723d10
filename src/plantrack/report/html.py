"""The report as one self-contained HTML page: inline CSS, inline SVG, no script, nothing fetched.

Every string from the plan or its actuals goes through `e()` (html.escape) before it reaches the page.
"""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

from plantrack import __version__
from plantrack.progress.result import FINAL_STATUSES, MIDTERM_STATUSES, NO_DATA
from plantrack.render.words import HEADERS, status_word, table_columns
from plantrack.render.rows import Row, verdict
from plantrack.text import safe
from plantrack.report.build import Report, Section, facts, placeholder, sentence
from plantrack.report.narrative import no_data_caption
from plantrack.report.labels import REPORT
from plantrack.report.narrative import WORDS, closing_sections, method, numbered, overall
from plantrack.office import NONE, OfficeWords, paragraphs
from plantrack.report.style import CSS, page_css

# Numbers the table carries as data attributes: exactly the values of `status --format json`.
DATA_KEYS = ("status", "actual", "expected", "completion", "pace_ratio", "required", "projection", "projection_level")


def e(text: object) -> str:
    """Text for the page: control and invisible characters made visible (safe), then HTML-escaped."""
    return html.escape(safe(text), quote=True)


def render_html(report: Report, charts: dict[str, str | None], office: OfficeWords = NONE) -> str:
    lang = report.lang
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(report.title)}</title>",
        f"<style>{CSS}{page_css(report.title)}</style></head>",
        '<body><main class="report">',
        _cover(report, office), _summary(report) + _overall(report, office), _lagging(report), _table(report),
        _sections(report, charts, office), _closing(report, office), _appendix(report, office),
        _footer(report),
        "</main></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _cover(report: Report, office: OfficeWords = NONE) -> str:
    info, plan, words = report.plan.info, report.plan, REPORT[report.lang]
    name = info.name_en if report.lang == "en" and info.name_en else info.name
    kind = words["final" if report.final else "midterm"]
    head = report.summary.split("：" if report.lang == "zh" else ": ", 1)[0]
    head = head[:1].upper() + head[1:]
    facts = [(words["period"], f"{plan.period.start}–{plan.period.end}"), (words["base"], str(plan.period.base)),
             (words["as_of"], str(plan.as_of))]
    if info.region:
        facts.insert(0, (words["region"], info.region))
    if info.source:
        facts.append((words["plan_source"], info.source))
    facts += office_facts(office, report.lang)
    items = "".join(f"<div><dt>{e(k)}</dt><dd>{e(v)}</dd></div>" for k, v in facts)
    return (f'<header class="cover"><p class="kicker">{e(kind)}</p><h1>{e(name)}</h1>'
            f'<p class="subtitle">{e(head)}</p><dl class="meta">{items}</dl></header>')


def _summary(report: Report) -> str:
    words, counts = REPORT[report.lang], report.plan.counts()
    # The words this evaluation can give, each its own (已实现 at the final evaluation, 提前实现 before).
    chips = "".join(
        f'<li class="chip s-{s}{" zero" if not counts[s] else ""}"><b>{counts[s]}</b>'
        f"<span>{e(status_word(s, report.lang, report.final))}</span></li>"
        for s in (FINAL_STATUSES if report.final else MIDTERM_STATUSES)
    )
    gaps = f'<p class="gap">{e(report.gaps)}</p>' if report.gaps else ""
    return (f'<section id="summary"><h2>{e(words["summary"])}</h2><p class="lead">{e(report.summary)}</p>'
            f'<ul class="chips">{chips}</ul>{gaps}</section>')


def _lagging(report: Report) -> str:
    title, groups = report.binding
    body = ""
    for intro, sections in groups:
        items = "".join(
            f'<li><a href="#ind-{e(s.indicator.id)}">{e(s.indicator.no)}. {e(s.row.cells["name"])}</a> — '
            f'<span class="badge s-{s.result.status}">'
            f"{e(verdict(s.result, report.lang))}</span> {e(sentence(s, report.lang))}</li>"
            for s in sections
        )
        body += f"<p>{e(intro)}</p>" + (f"<ul>{items}</ul>" if items else "")
    return (f'<section id="lagging" class="lagging{"" if report.lagging else " none"}"><h2>{e(title)}</h2>'
            f"{body}</section>")


def _attr(value: object) -> str:
    if value is None:
        return ""
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def _table(report: Report) -> str:
    lang, words, columns = report.lang, REPORT[report.lang], table_columns(report.final)
    head = "".join(f'<th class="c-{c}">{e(HEADERS[lang][c])}</th>' for c in columns)
    # rows and records are both in 序号 order, one per indicator.
    body = "".join(_table_row(row, rec, columns)
                   for row, rec in zip(report.rows, report.record["indicators"], strict=True))
    notes = "".join(f"<li>{e(n)}</li>" for n in report.notes)
    return (f'<section id="table"><h2>{e(words["table"])}</h2><div class="scroll"><table class="status">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
            + (f'<ul class="notes">{notes}</ul>' if notes else "") + "</section>")


def _table_row(row: Row, record: dict[str, Any], columns: tuple[str, ...]) -> str:
    data = "".join(f' data-{k.replace("_", "-")}="{e(_attr(record[k]))}"' for k in DATA_KEYS)
    classes = " ".join(c for c, on in (("alarm", row.alarm), ("binding", row.binding)) if on)
    cells = []
    for c in columns:
        text = e(row.cells[c])
        if c == "name":
            text = f'<a href="#ind-{e(record["id"])}">{"‼ " if row.alarm else ""}{text}</a>'
        cls = f"c-{c}" + (f" s-{row.status}" if c == "status" else "")
        cells.append(f'<td class="{cls}">{text}</td>')
    return f'<tr data-id="{e(record["id"])}"{data} class="{classes}">' + "".join(cells) + "</tr>"


def _sections(report: Report, charts: dict[str, str | None], office: OfficeWords = NONE) -> str:
    words = REPORT[report.lang]
    articles = "".join(_article(s, report, charts.get(s.indicator.id), office) for s in report.sections)
    return (f'<section id="indicators"><h2>{e(words["details"])}</h2>'
            f'<p class="chart-note">{e(words["chart_note_final" if report.final else "chart_note"])}</p>'
            f"{articles}</section>")


def _article(section: Section, report: Report, chart: str | None, office: OfficeWords = NONE) -> str:
    lang, words, ind, result = report.lang, REPORT[report.lang], section.indicator, section.result
    other = ind.name_en if lang == "zh" else ind.name
    classes = f"indicator s-border-{result.status}" + (" lagging" if section.lagging else "")
    word = verdict(result, lang)
    warning = f'<p class="warning">⚠ {e(words["warning"])}</p>' if result.warning else ""
    note = f'<p class="ind-note">{e(ind.note)}</p>' if ind.note else ""
    return (
        f'<article class="{classes}" id="ind-{e(ind.id)}"><header>'
        f'<span class="no">{e(ind.no)}</span><h3>{e(ind.name_en if lang == "en" and ind.name_en else ind.name)}'
        + (f" <small>{e(other)}</small>" if other else "")
        + f'</h3><span class="badge s-{result.status}">{e(word)}</span></header>{note}'
        + (f'<p class="sentence">{e(sentence(section, lang))}</p>' if result.status != NO_DATA else "")
        + _office_text(office.indicators.get(ind.id, ""), lang) + f"{warning}{_facts(section, lang)}"
        f"{_figure(section, chart, lang)}{_working(section, lang)}{_sources(section, lang)}</article>"
    )


def _facts(section: Section, lang: str) -> str:
    items = "".join(f"<div><dt>{e(k)}</dt><dd>{e(v)}</dd></div>" for k, v in facts(section, lang))
    return f'<dl class="facts">{items}</dl>'


def _figure(section: Section, chart: str | None, lang: str) -> str:
    if chart is not None:
        label = e(f"{section.indicator.no}. {section.row.cells['name']}")
        svg = chart.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
        caption = (f'<figcaption>{e(no_data_caption(section, lang))}</figcaption>'
                   if section.result.status == NO_DATA else "")
        return f'<figure class="chart">{svg}{caption}</figure>'
    return f'<p class="placeholder">{e(placeholder(section, lang))}</p>'


def _working(section: Section, lang: str) -> str:
    if section.result.status == NO_DATA:
        return ""
    lines = "\n".join(e(line) for line in section.working)
    return f'<details><summary>{e(REPORT[lang]["working"])}</summary><pre>{lines}</pre></details>'


def _sources(section: Section, lang: str) -> str:
    words = REPORT[lang]
    if not section.sources:
        return f'<div class="sources"><h4>{e(words["sources"])}</h4><p>{e(words["no_sources"])}</p></div>'
    items = "".join(
        f'<li><span class="years">{e(s.years)}</span> {e(s.source or "—")}'
        + (f' <span class="src-note">{e(s.note)}</span>' if s.note else "") + "</li>"
        for s in section.sources
    )
    return f'<div class="sources"><h4>{e(words["sources"])}</h4><ul>{items}</ul></div>'


def _footer(report: Report) -> str:
    return f'<footer><p>{e(REPORT[report.lang]["footer"].format(version=__version__))}</p></footer>'


# The office's own words (report.toml, office.py) and the method appendix (narrative.py).

def office_facts(office: OfficeWords, lang: str) -> list[tuple[str, str]]:
    words = WORDS[lang]
    found = [(words["organisation"], office.organisation)] if office.organisation else []
    if office.date is not None:
        found.append((words["date"], words["date_format"].format(d=office.date)))
    return found


def _paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{e(t)}</p>" for t in texts)


def _overall(report: Report, office: OfficeWords) -> str:
    return (f'<div class="overall"><h3>{e(WORDS[report.lang]["overall"])}</h3>'
            f"{_paragraphs(overall(report, office))}</div>")


def _office_text(text: str, lang: str) -> str:
    if not text.strip():
        return ""
    return f'<div class="office-note"><b>{e(WORDS[lang]["office_note"])}</b>{_paragraphs(paragraphs(text))}</div>'


def _closing(report: Report, office: OfficeWords) -> str:
    """五、主要成效 … after the indicator sections, numbered on from 四, only the sections written."""
    lang = report.lang
    return "".join(
        f'<section id="{key}" class="narrative"><h2>{e(numbered(5 + i, WORDS[lang][key], lang))}</h2>'
        f"{_paragraphs(texts)}</section>"
        for i, (key, texts) in enumerate(closing_sections(office))
    )


def _appendix(report: Report, office: OfficeWords) -> str:
    items = "".join(f"<li>{e(t)}</li>" for t in method(report))
    return (f'<section id="method" class="appendix"><h2>{e(WORDS[report.lang]["appendix"])}</h2>'
            f"<ol>{items}</ol></section>")
