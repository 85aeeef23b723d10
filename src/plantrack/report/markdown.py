"""The report as Markdown: the same sections as the HTML page, each chart given as a table of its paths.

Markdown has no inline pictures that every viewer shows, so the chart's lines (actual, on schedule, still
needed, projection) are written year by year instead; this format needs no plotting library. Plan text is
escaped with `md()` (plantrack.text): Markdown punctuation is backslash-escaped (so `|` cannot split a table
cell, `*` cannot start emphasis), < > & are entities (no raw HTML) and control characters, line breaks among
them, are shown as visible escapes (text.safe), as in every terminal output.
"""

from __future__ import annotations

import re

from plantrack import __version__
from plantrack.numbers import fmt_amount
from plantrack.progress.result import FINAL_STATUSES, MIDTERM_STATUSES, NO_DATA
from plantrack.render.rows import verdict
from plantrack.render.words import HEADERS, status_word, table_columns
from plantrack.report.build import Report, Section, facts, placeholder, sentence
from plantrack.report.labels import CHART, REPORT
from plantrack.report.html import office_facts
from plantrack.report.narrative import WORDS, closing_sections, method, numbered, overall
from plantrack.office import NONE, OfficeWords, paragraphs
from plantrack.text import md  # the one Markdown escaper, shared with status --format markdown and the overview

_RIGHT = {"no", "target", "actual", "expected", "pace", "required", "projection"}


def render_markdown(report: Report, office: OfficeWords = NONE) -> str:
    lines = _head(report, office) + _summary(report) + _overall(report, office) + _lagging(report) + _table(report)
    words = REPORT[report.lang]
    lines += [f"## {words['details']}", "", words["paths_note_final" if report.final else "paths_note"], ""]
    for section in report.sections:
        lines += _section(section, report, office)
    lines += _closing(report, office)
    lines += ["---", "", md(words["footer"].format(version=__version__))]
    return "\n".join(lines) + "\n"


def _head(report: Report, office: OfficeWords = NONE) -> list[str]:
    info, plan, words = report.plan.info, report.plan, REPORT[report.lang]
    head = report.summary.split("：" if report.lang == "zh" else ": ", 1)[0]
    facts = [f"{words['period']} {plan.period.start}–{plan.period.end}", f"{words['base']} {plan.period.base}",
             f"{words['as_of']} {plan.as_of}"]
    if info.region:
        facts.insert(0, md(info.region))
    lines = [f"# {md(report.title)}", "", f"**{md(head)}** · " + " · ".join(facts), ""]
    if info.source:
        lines += [f"{words['plan_source']}: {md(info.source)}", ""]
    lines += [f"{k}: {md(v)}" for k, v in office_facts(office, report.lang)] + ([""] if office_facts(office, report.lang) else [])
    return lines


def _summary(report: Report) -> list[str]:
    words, counts = REPORT[report.lang], report.plan.counts()
    status, number = ("状态", "项数") if report.lang == "zh" else ("Status", "Count")
    # The words this evaluation can give, each its own (已实现 at the final evaluation, 提前实现 before).
    shown = FINAL_STATUSES if report.final else MIDTERM_STATUSES
    rows = [f"| {status_word(s, report.lang, report.final)} | {counts[s]} |" for s in shown]
    gaps = [md(report.gaps), ""] if report.gaps else []
    return [f"## {words['summary']}", "", md(report.summary), "", f"| {status} | {number} |", "|---|---:|",
            *rows, "", *gaps]


def _lagging(report: Report) -> list[str]:
    title, groups = report.binding
    lines = [f"## {title}", ""]
    for intro, sections in groups:
        lines += [intro, ""]
        for s in sections:
            mark = "‼ " if s.lagging else ""
            name, word = md(s.row.cells["name"]), md(verdict(s.result, report.lang))
            lines.append(f"- **{mark}{s.indicator.no}. {name}** — {word}: {md(sentence(s, report.lang))}")
        lines += [""] if sections else []
    return lines


def _table(report: Report) -> list[str]:
    lang, words, columns = report.lang, REPORT[report.lang], table_columns(report.final)
    lines = [f"## {words['table']}", "", "| " + " | ".join(HEADERS[lang][c] for c in columns) + " |",
             "|" + "|".join("---:" if c in _RIGHT else "---" for c in columns) + "|"]
    for row in report.rows:
        cells = {k: md(v) for k, v in row.cells.items()}
        if row.alarm:
            cells["name"] = f"**‼ {cells['name']}**"
        lines.append("| " + " | ".join(cells[c] for c in columns) + " |")
    return lines + [""] + [f"- {md(n)}" for n in report.notes] + ([""] if report.notes else [])


def _section(section: Section, report: Report, office: OfficeWords = NONE) -> list[str]:
    lang, words, ind, result = report.lang, REPORT[report.lang], section.indicator, section.result
    name = ind.name_en if lang == "en" and ind.name_en else ind.name
    other = ind.name_en if lang == "zh" else ind.name
    word = md(verdict(result, lang))
    title = f"### {ind.no}. {md(name)}" + (f" · {md(other)}" if other else "") + f" — {word}"
    lines = [title, ""]
    if ind.note:
        lines += [f"> {md(ind.note)}", ""]
    lines += [md(sentence(section, lang)), ""]
    if office.indicators.get(ind.id, "").strip():
        lines += [f"**{WORDS[lang]['office_note']}**", ""] + [md(t) + "\n" for t in paragraphs(office.indicators[ind.id])]
    if result.warning:
        lines += [f"⚠ {words['warning']}", ""]
    lines += [f"- {k}: {md(v)}" for k, v in facts(section, lang)] + [""]
    lines += _paths(section, report) + _working(section, lang) + _sources(section, lang)
    return lines


def _paths(section: Section, report: Report) -> list[str]:
    drawn, words, chart = section.paths, REPORT[report.lang], CHART[report.lang]
    if drawn is None:
        # A no-data section's sentence is already the placeholder.
        return [] if section.result.status == NO_DATA else [f"*{md(placeholder(section, report.lang))}*", ""]
    # A final evaluation has no "still needed" path (no year is left), so no column for it.
    keys = ("actual", "schedule", "projection") if report.final else ("actual", "schedule", "needed", "projection")
    columns = tuple(chart[k] for k in keys)
    year_word = "年份" if report.lang == "zh" else "Year"
    unit = chart["index"] if drawn.index else md(section.indicator.level_unit or section.indicator.unit)
    lines = [words["paths_caption"].format(unit=unit), "", f"| {year_word} | " + " | ".join(columns) + " |",
             "|---:|" + "---:|" * len(keys)]
    period = report.plan.period
    paths_by_key = {"actual": drawn.actual, "schedule": drawn.schedule, "needed": drawn.needed,
                    "projection": section.projection}
    count = "" if section.indicator.is_rate else section.indicator.unit  # whole counts without decimals
    for year in range(period.base, period.end + 1):
        cells = [fmt_amount(paths_by_key[k].get(year), count) if paths_by_key[k].get(year) is not None else ""
                 for k in keys]
        if "actual" in keys and year in drawn.computed and cells[keys.index("actual")]:
            # a level worked out from rates, not recorded (issue 15, item 8)
            cells[keys.index("actual")] += "（推算）" if report.lang == "zh" else " (computed)"
        lines.append(f"| {year} | " + " | ".join(cells) + " |")
    return lines + [""]


def _working(section: Section, lang: str) -> list[str]:
    if section.result.status == NO_DATA:
        return []
    body = "\n".join(section.working)
    # A fence longer than any run of backticks in the working, so plan text (a unit) cannot close it.
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"**{REPORT[lang]['working']}**", "", fence, body, fence, ""]


def _sources(section: Section, lang: str) -> list[str]:
    words = REPORT[lang]
    lines = [f"**{words['sources']}**", ""]
    if not section.sources:
        return lines + [words["no_sources"], ""]
    for s in section.sources:
        note = f" ({md(s.note)})" if s.note else ""
        lines.append(f"- {s.years}: {md(s.source or '—')}{note}")
    return lines + [""]


def _overall(report: Report, office: OfficeWords) -> list[str]:
    return [f"**{WORDS[report.lang]['overall']}**", ""] + [md(t) + "\n" for t in overall(report, office)]


def _closing(report: Report, office: OfficeWords) -> list[str]:
    """主要成效 … after the indicator sections, then the method appendix."""
    lang, lines = report.lang, []
    for i, (key, texts) in enumerate(closing_sections(office)):
        lines += [f"## {numbered(5 + i, WORDS[lang][key], lang)}", ""] + [md(t) + "\n" for t in texts]
    lines += [f"## {WORDS[lang]['appendix']}", ""] + [f"{n}. {md(t)}" for n, t in enumerate(method(report), 1)]
    return lines + [""]
