"""The report as a document: every word and number it says, computed once, in the report's language (issue 27).

build.py evaluates the plan and gathers the engine's results; this module turns them into the report's text:
the title block, the summary and its counts, 总体评价 (the office's words or the draft), the binding-indicator
section, the table, each indicator's section (sentence, facts, working, sources), the closing sections and the
method appendix. html.py, markdown.py and docx.py (and the PDF, which is the HTML page printed) only lay this
out: none of them words or formats anything of its own, so the four formats cannot say different things.

Numbers are grouped here, by the one rule the charts use too (`numbers.grouped`): an integer part of five
digits or more gets thousands separators (1,685,000 万元), in every format; four digits stay as they are, so years (2025) and small amounts
(1500) read as written. Plan text (names, sources, notes) is never regrouped: it is data.
"""

from __future__ import annotations

from dataclasses import dataclass

from plantrack import __version__
from plantrack.check.cycle.closing import titled
from plantrack.numbers import grouped  # the one grouping rule, shared with the charts (numbers.py)
from plantrack.office import NONE, OfficeWords, paragraphs
from plantrack.progress.result import FINAL_STATUSES, MIDTERM_STATUSES, NO_DATA
from plantrack.render.rows import head, verdict
from plantrack.render.words import HEADERS, status_word, table_columns
from plantrack.report.adjustments import adjustment_section
from plantrack.report.build import Report, Section, SourceLine, facts, no_data_caption, placeholder, sentence
from plantrack.report.labels import REPORT
from plantrack.report.narrative import WORDS, closing_sections, method, numbered, overall
from plantrack.text import lang_name, safe

# Columns whose cells are numbers: never wrapped inside a cell (docx: w:noWrap), right-aligned.
NUMERIC = frozenset({"no", "target", "actual", "year", "expected", "pace", "required", "projection"})


@dataclass(frozen=True)
class Item:
    """One indicator named in the binding-indicator section."""

    id: str
    no: str
    name: str
    status: str
    word: str
    sentence: str
    alarm: bool


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]             # render.words.COLUMNS keys, without 尚需每年 at the final evaluation
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]    # cell text, numbers grouped
    ids: tuple[str, ...]
    statuses: tuple[str, ...]
    alarms: tuple[bool, ...]
    binding: tuple[bool, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    """One indicator's section."""

    id: str
    no: str
    name: str
    other: str                            # the name in the other language ("" if none)
    status: str
    word: str
    lagging: bool
    note: str
    sentence: str                         # "" for an indicator without data (the placeholder says it)
    office: tuple[str, ...]               # the office's paragraphs on it (report.toml)
    warning: str
    facts: tuple[tuple[str, str], ...]
    placeholder: str                      # said where there is no chart ("" when there is one)
    caption: str                          # under a chart of an indicator with no figure in the period
    working: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def heading(self) -> str:
        return f"{self.no}. {self.name}" + (f" · {self.other}" if self.other else "") + f" — {self.word}"


@dataclass(frozen=True)
class Document:
    lang: str
    final: bool
    title: str                            # name + kind, the document's title
    kind: str                             # 中期评估报告 / 总结评估报告
    name: str                             # the plan's name, with its closed mark
    head: str                             # "期末评估 2025 年"
    cover: tuple[tuple[str, str], ...]
    summary_heading: str
    summary: str
    counts: tuple[tuple[str, str, int], ...]   # (status, word, count): the words this evaluation can give
    gaps: str
    overall_heading: str
    overall: tuple[str, ...]
    binding_heading: str
    binding: tuple[tuple[str, tuple[Item, ...]], ...]
    binding_clear: bool                   # section 2 all clear (Report.binding): drawn as the all-clear box
    table_heading: str
    table: Table
    details_heading: str
    chart_note: str
    paths_note: str
    parts: tuple[Part, ...]
    closing: tuple[tuple[str, str, tuple[str, ...]], ...]   # (key, heading, paragraphs)
    appendix_heading: str
    method: tuple[str, ...]
    footer: str
    report: Report                        # the engine's results, for the charts and data attributes


def document(report: Report, office: OfficeWords = NONE) -> Document:
    lang, words, info, plan = report.lang, REPORT[report.lang], report.plan.info, report.plan
    cover = [(words["period"], f"{plan.period.start}–{plan.period.end}"), (words["base"], str(plan.period.base)),
             (words["as_of"], str(plan.as_of))]
    if info.region:
        cover.insert(0, (words["region"], safe(info.region)))
    if info.source:
        cover.append((words["plan_source"], safe(info.source)))
    cover += office_facts(office, lang)
    counts = report.plan.counts()
    binding_heading, groups, clear = report.binding
    line = head(plan, lang)  # "as of 2023 (year 3 of 5)", the title block's line: "As of …"
    return Document(
        lang=lang, final=report.final, title=report.title, kind=words["final" if report.final else "midterm"],
        name=titled(safe(lang_name(info, lang)), info, lang),
        head=line[:1].upper() + line[1:], cover=tuple(cover),
        summary_heading=words["summary"], summary=report.summary,
        counts=tuple((s, status_word(s, lang, report.final), counts[s])
                     for s in (FINAL_STATUSES if report.final else MIDTERM_STATUSES)),
        gaps=report.gaps, overall_heading=WORDS[lang]["overall"],
        overall=tuple(grouped(t) for t in overall(report, office)),
        binding_heading=binding_heading,
        binding=tuple((intro, tuple(_item(s, lang) for s in sections)) for intro, sections in groups),
        binding_clear=clear,
        table_heading=words["table"], table=_table(report),
        details_heading=words["details"], chart_note=words["chart_note_final" if report.final else "chart_note"],
        paths_note=words["paths_note_final" if report.final else "paths_note"],
        parts=tuple(_part(s, report, office) for s in report.sections),
        closing=tuple((key, numbered(5 + i, title, lang), tuple(texts)) for i, (key, title, texts) in enumerate(
            adjustment_section(report.plan, lang) + [(k, WORDS[lang][k], t) for k, t in closing_sections(office)])),
        appendix_heading=WORDS[lang]["appendix"], method=tuple(method(report)),
        footer=words["footer"].format(version=__version__), report=report,
    )


def office_facts(office: OfficeWords, lang: str) -> list[tuple[str, str]]:
    """编制单位 and 编制日期 from report.toml, for the title block."""
    words = WORDS[lang]
    found = [(words["organisation"], safe(office.organisation))] if office.organisation else []
    if office.date is not None:
        found.append((words["date"], words["date_format"].format(d=office.date)))
    return found


def _item(section: Section, lang: str) -> Item:
    return Item(section.indicator.id, str(section.indicator.no), section.row.cells["name"], section.result.status,
                verdict(section.result, lang), grouped(sentence(section, lang)), section.lagging)


def _table(report: Report) -> Table:
    lang, columns = report.lang, table_columns(report.final)
    rows = tuple(tuple(grouped(row.cells[c]) if c in NUMERIC else row.cells[c] for c in columns)
                 for row in report.rows)
    return Table(columns, tuple(HEADERS[lang][c] for c in columns), rows,
                 tuple(r["id"] for r in report.record["indicators"]), tuple(r.status for r in report.rows),
                 tuple(r.alarm for r in report.rows), tuple(r.binding for r in report.rows), report.notes)


def _part(section: Section, report: Report, office: OfficeWords) -> Part:
    lang, ind, result = report.lang, section.indicator, section.result
    name = safe(lang_name(ind, lang))
    other = safe(ind.name_en if lang == "zh" else ind.name)
    no_data = result.status == NO_DATA
    missing = placeholder(section, lang)
    return Part(
        id=ind.id, no=str(ind.no), name=name, other=other, status=result.status, word=verdict(result, lang),
        lagging=section.lagging, note=safe(ind.note), sentence="" if no_data else grouped(sentence(section, lang)),
        office=tuple(paragraphs(office.indicators.get(ind.id, ""))),
        warning=REPORT[lang]["warning"] if result.warning else "",
        facts=tuple((k, grouped(v)) for k, v in facts(section, lang)),
        placeholder=missing or "", caption=no_data_caption(section, lang) if no_data else "",
        working=() if no_data else tuple(grouped(line) for line in section.working),
        sources=tuple(_source(s, lang) for s in section.sources),
    )


def _source(line: SourceLine, lang: str) -> str:
    note = (f"（{line.note}）" if lang == "zh" else f" ({line.note})") if line.note else ""
    return f"{line.years} {line.source or '—'}{note}"


def texts(doc: Document) -> list[str]:
    """Every text the document says, in order: what each layout must show (tests/test_report_same.py)."""
    out = [doc.kind, doc.name, doc.head, *(v for _, v in doc.cover), doc.summary_heading, doc.summary,
           doc.overall_heading, *doc.overall, doc.binding_heading]
    for intro, items in doc.binding:
        out += [intro, *(i.sentence for i in items)]
    out += [doc.table_heading, *doc.table.header, *doc.table.notes, doc.details_heading]
    for p in doc.parts:
        out += [p.name, p.word, p.sentence, *p.office, p.warning, *(v for _, v in p.facts), p.placeholder,
                *p.working, *p.sources]
    for _, heading, paras in doc.closing:
        out += [heading, *paras]
    return [t for t in [*out, doc.appendix_heading, *doc.method] if t]
