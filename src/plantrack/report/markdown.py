"""The report as Markdown: the document of model.py laid out, each chart given as a table of its paths.

Markdown has no inline pictures that every viewer shows, so the chart's lines (actual, on schedule, still
needed, projection) are written year by year instead; this format needs no plotting library. Plan text is
escaped with `md()` (plantrack.text): Markdown punctuation is backslash-escaped (so `|` cannot split a table
cell, `*` cannot start emphasis), < > & are entities (no raw HTML) and control characters, line breaks among
them, are shown as visible escapes (text.safe), as in every terminal output.
"""

from __future__ import annotations

import re

from plantrack.numbers import fmt_amount, fmt_on_path, grouped
from plantrack.render.words import COLON, index_caption
from plantrack.report.build import Section
from plantrack.report.labels import CHART, REPORT
from plantrack.report.model import NUMERIC, Document, Part
from plantrack.report.narrative import WORDS
from plantrack.text import md  # the one Markdown escaper, shared with status --format markdown and the overview


def render_markdown(doc: Document) -> str:
    lines = _head(doc) + _summary(doc) + _binding(doc) + _table(doc)
    lines += [f"## {doc.details_heading}", "", doc.paths_note, ""]
    sections = {s.indicator.id: s for s in doc.report.sections}
    for part in doc.parts:
        lines += _part(part, sections[part.id], doc)
    for _, heading, texts in doc.closing:
        lines += [f"## {heading}", ""] + [md(t) + "\n" for t in texts]
    lines += [f"## {doc.appendix_heading}", ""] + [f"{n}. {md(t)}" for n, t in enumerate(doc.method, 1)] + [""]
    lines += ["---", "", md(doc.footer)]
    return "\n".join(lines) + "\n"


def _head(doc: Document) -> list[str]:
    """The title, then the title block on one line: the region, the period, the base and as-of years; the plan's
    source and the office's 编制单位 and 编制日期 on lines of their own."""
    words, sep = REPORT[doc.lang], COLON[doc.lang]
    short = {words[k] for k in ("region", "period", "base", "as_of")}
    line = [md(v) if k == words["region"] else f"{k} {md(v)}" for k, v in doc.cover if k in short]
    rest = [f"{k}{sep}{md(v)}" for k, v in doc.cover if k not in short]
    return [f"# {md(doc.title)}", "", f"**{md(doc.head)}** · " + " · ".join(line), ""] + [
        line + "\n" for line in rest]


def _summary(doc: Document) -> list[str]:
    status, number = ("状态", "项数") if doc.lang == "zh" else ("Status", "Count")
    rows = [f"| {word} | {count} |" for _, word, count in doc.counts]
    gaps = [md(doc.gaps), ""] if doc.gaps else []
    return [f"## {doc.summary_heading}", "", md(doc.summary), "", f"| {status} | {number} |", "|---|---:|",
            *rows, "", *gaps, f"**{doc.overall_heading}**", ""] + [md(t) + "\n" for t in doc.overall]


def _binding(doc: Document) -> list[str]:
    lines = [f"## {doc.binding_heading}", ""]
    for intro, items in doc.binding:
        lines += [intro, ""]
        for i in items:
            mark = "‼ " if i.alarm else ""
            lines.append(f"- **{mark}{md(i.no)}. {md(i.name)}** — {md(i.word)}{COLON[doc.lang]}{md(i.sentence)}")
        lines += [""] if items else []
    return lines


def _table(doc: Document) -> list[str]:
    t = doc.table
    lines = [f"## {doc.table_heading}", "", "| " + " | ".join(t.header) + " |",
             "|" + "|".join("---:" if c in NUMERIC and c != "year" else "---" for c in t.columns) + "|"]
    for row, alarm in zip(t.rows, t.alarms, strict=True):
        cells = [md(v) for v in row]
        if alarm:
            cells[t.columns.index("name")] = f"**‼ {cells[t.columns.index('name')]}**"
        lines.append("| " + " | ".join(cells) + " |")
    return lines + [""] + [f"- {md(n)}" for n in t.notes] + ([""] if t.notes else [])


def _part(part: Part, section: Section, doc: Document) -> list[str]:
    title = f"### {part.no}. {md(part.name)}" + (f" · {md(part.other)}" if part.other else "") + f" — {md(part.word)}"
    lines = [title, ""]
    if part.note:
        lines += [f"> {md(part.note)}", ""]
    lines += [md(part.sentence or part.placeholder), ""]
    if part.office:
        lines += [f"**{WORDS[doc.lang]['office_note']}**", ""] + [md(t) + "\n" for t in part.office]
    if part.warning:
        lines += [f"⚠ {part.warning}", ""]
    lines += [f"- {k}{COLON[doc.lang]}{md(v)}" for k, v in part.facts] + [""]
    if part.sentence and part.placeholder:
        lines += [f"*{md(part.placeholder)}*", ""]
    lines += _paths(section, doc) + _working(part, doc.lang) + _sources(part, doc.lang)
    return lines


def _paths(section: Section, doc: Document) -> list[str]:
    drawn, words, chart = section.paths, REPORT[doc.lang], CHART[doc.lang]
    if drawn is None:
        return []
    # A final evaluation has no "still needed" path (no year is left), so no column for it.
    keys = ("actual", "schedule", "projection") if doc.final else ("actual", "schedule", "needed", "projection")
    year_word = "年份" if doc.lang == "zh" else "Year"
    period = doc.report.plan.period.own(section.indicator)  # an added indicator: from its own base year
    ind = section.indicator
    unit = index_caption(period.base, doc.lang) if drawn.index else md(ind.level_unit or ind.unit)
    lines = [words["paths_caption"].format(unit=unit), "",
             f"| {year_word} | " + " | ".join(chart[k] for k in keys) + " |", "|---:|" + "---:|" * len(keys)]
    paths_by_key = {"actual": drawn.actual, "schedule": drawn.schedule, "needed": drawn.needed,
                    "projection": section.projection}
    count = "" if section.indicator.is_rate else section.indicator.unit  # whole counts without decimals
    for year in range(period.base, period.end + 1):
        value = drawn.actual.get(year)
        # The point as show's chart and the report's chart label show it: as recorded, or worked out and never
        # read as on the schedule when it is not (numbers.fmt_on_path). The needed and projection lines start
        # from it, so in its year they are this same text, not the figure rounded again (29.995, never
        # 29.995 | 30.00 | 30.00 in one row: docs/report.md, "The path tables").
        point = "" if value is None else grouped(fmt_on_path(value, count, drawn.schedule.get(year),
                                                             drawn.recorded(year)))
        cells = [point if v is not None and v == value else grouped(fmt_amount(v, count)) if v is not None else ""
                 for v in (paths_by_key[k].get(year) for k in keys)]
        if year in drawn.computed and cells[0]:
            # a level worked out from rates, not recorded (issue 15, item 8)
            cells[0] += "（推算）" if doc.lang == "zh" else " (computed)"
        lines.append(f"| {year} | " + " | ".join(cells) + " |")
    return lines + [""]


def _working(part: Part, lang: str) -> list[str]:
    if not part.working:
        return []
    body = "\n".join(part.working)
    # A fence longer than any run of backticks in the working, so plan text (a unit) cannot close it.
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"**{REPORT[lang]['working']}**", "", fence, body, fence, ""]


def _sources(part: Part, lang: str) -> list[str]:
    words = REPORT[lang]
    return [f"**{words['sources']}**", ""] + ([f"- {md(s)}" for s in part.sources] or [words["no_sources"]]) + [""]
