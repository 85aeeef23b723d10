"""The report as data: what every section says, built from the same rows and records as `status`.

Nothing here is computed anew: the table cells are `render.rows.build_row`, the numbers are
`render.status_data.indicator_record` (exactly `status --format json`), the paths, the projection line and the
working are `progress.explain.explain`, said by render/working.py (what `show` prints). Every string that comes
from the plan or its actuals has passed `safe()` (no control or invisible characters); the renderers escape it
for their format.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from plantrack.models import Entry, Indicator
from plantrack.plan import Plan
from plantrack.progress import IndicatorResult, PlanResult, evaluate_plan
from plantrack.progress.explain import explain
from plantrack.progress.path import Paths
from plantrack.progress.result import ACHIEVED, MISSED, NO_DATA, NO_FINAL_DATA
from plantrack.render.rows import Row, build_row, footnotes, no_figure, summary
from plantrack.text import lang_name, safe
from plantrack.render.status_data import indicator_record, plan_record
from plantrack.render.words import ATTRIBUTE, KIND, LIST, status_word
from plantrack.render.working import say, working_lines
from plantrack.render.likely_show import show_lines
from plantrack.report.labels import DID, REPORT


@dataclass(frozen=True)
class SourceLine:
    years: str       # "2016–2020" when consecutive years share a source and note
    source: str
    note: str


@dataclass(frozen=True)
class Section:
    """One indicator: its table row, its JSON record, its chart paths, its working and its sources."""

    result: IndicatorResult
    row: Row
    record: dict[str, Any]
    paths: Paths | None
    projection: dict[int, Decimal]   # last actual year .. end at the current pace
    working: tuple[str, ...]
    sources: tuple[SourceLine, ...]

    @property
    def indicator(self) -> Indicator:
        return self.result.indicator

    @property
    def lagging(self) -> bool:
        """A binding indicator behind, far behind or missed: a promise not being kept."""
        return self.row.alarm


class Binding(NamedTuple):
    """Section 2 of the report (Report.binding)."""

    title: str
    groups: list[tuple[str, tuple[Section, ...]]]   # (intro, indicators)
    clear: bool                                     # all clear: the green box, every format's one answer


@dataclass(frozen=True)
class Report:
    plan: PlanResult
    lang: str
    record: dict[str, Any]            # plan_record: `status --format json` as data
    rows: tuple[Row, ...]             # the status table, in 序号 order
    sections: tuple[Section, ...]     # lagging binding indicators first, then 序号 order
    summary: str
    notes: tuple[str, ...]

    @property
    def lagging(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.lagging)

    @property
    def final(self) -> bool:
        return self.plan.final

    @property
    def binding(self) -> Binding:
        """Section 2: its title, (intro, indicators) groups and whether it is all clear. Before the end, the binding
        indicators behind schedule; at the final evaluation, which promises were kept, which broken, which cannot
        be told (issue 16, item 2: "是必须完成的任务，列为重点" is for a plan still running). All clear (the green
        box, 均未出现滞后) is this section's own word: nothing behind, or at the end nothing broken AND nothing that
        cannot be told, for a promise not shown kept is not all clear (review "verdicts", F2)."""
        words = REPORT[self.lang]
        if not self.final:
            return Binding(words["lagging"], [(words["lagging_intro"], self.lagging) if self.lagging
                                              else (words["lagging_none"], ())], not self.lagging)
        binding = sorted((s for s in self.sections if s.indicator.binding), key=lambda s: s.indicator.no)
        if not binding:
            return Binding(words["binding_final"], [(words["binding_none"], ())], True)
        groups = [(key, words[key], tuple(s for s in binding if s.result.status in statuses))
                  for key, statuses in (("binding_broken", (MISSED,)), ("binding_unknown", (NO_FINAL_DATA, NO_DATA)),
                                        ("binding_kept", (ACHIEVED,)))]
        shown = [(key, intro, sections) for key, intro, sections in groups if sections]
        return Binding(words["binding_final"], [(intro, sections) for _, intro, sections in shown],
                       all(key == "binding_kept" for key, _, _ in shown))

    @property
    def gaps(self) -> str:
        """At the final evaluation, the indicators with no data in the whole period, as one line ("" if none)."""
        names = [f"{r.indicator.no}. {build_row(r, self.lang).cells['name']}"
                 for r in self.plan.indicators if no_figure(r)]
        if not self.final or not names:
            return ""
        return REPORT[self.lang]["gap_line"].format(names=LIST[self.lang].join(names))

    @property
    def title(self) -> str:
        info = self.plan.info
        name = safe(lang_name(info, self.lang))
        kind = REPORT[self.lang]["final" if self.final else "midterm"]
        from plantrack.check.cycle.closing import titled  # a closed plan's report says so in its title

        return titled(f"{name} · {kind}" if self.lang == "en" else f"{name}{kind}", info, self.lang)


def build_report(plan: Plan, as_of: int | None, lang: str) -> Report:
    """Evaluate the plan as of the year and gather everything the report shows."""
    evaluated = evaluate_plan(plan, as_of)
    sections = [_section(plan, evaluated, r, lang) for r in evaluated.indicators]
    ordered = [s for s in sections if s.lagging] + [s for s in sections if not s.lagging]
    return Report(
        evaluated, lang, plan_record(evaluated), tuple(s.row for s in sections), tuple(ordered),
        summary(evaluated, lang), tuple(footnotes(evaluated, lang)),
    )


def _section(plan: Plan, evaluated: PlanResult, result: IndicatorResult, lang: str) -> Section:
    ind = result.indicator
    explained = explain(plan, ind, evaluated)
    working = working_lines(result, explained.reason, lang)  # in the report's language (render/working.py)
    working += show_lines(result, lang)  # the likelihood and its working, as `show` prints them (issue 31)
    return Section(
        result, build_row(result, lang), indicator_record(result), explained.paths, explained.projection,
        tuple(working), source_lines(plan.entries(ind.id), evaluated.as_of),
    )


def source_lines(entries: dict[int, Entry], as_of: int) -> tuple[SourceLine, ...]:
    """Each recorded year's source up to the as-of year; consecutive years with the same source share a line."""
    groups: list[list[Any]] = []  # [first year, last year, (source, note)]
    for year in sorted(y for y in entries if y <= as_of):
        key = (safe(entries[year].source), safe(entries[year].note))
        if groups and groups[-1][1] == year - 1 and groups[-1][2] == key:
            groups[-1][1] = year
        else:
            groups.append([year, year, key])
    return tuple(
        SourceLine(f"{first}" if first == last else f"{first}–{last}", source, note)
        for first, last, (source, note) in groups
    )


def sentence(section: Section, lang: str) -> str:
    """How it went and what it still needs, in one or two sentences of the report's language."""
    result, cells, words = section.result, section.row.cells, REPORT[lang]
    if result.status == NO_DATA:
        return placeholder(section, lang) or words["no_data"]
    sep = " " if lang == "en" else ""
    assert result.data_year is not None  # a row with data: only no_data has none
    end = result.data_year + result.years_remaining
    # Without end-year data the sentence gives the latest judgement in its own year's word, then says why
    # there is no final verdict; a final evaluation never speaks of what is still required (issue 16, item 2).
    word = (status_word(result.latest_status or NO_DATA, lang) if result.status == NO_FINAL_DATA
            else status_word(result.status, lang, result.final_evaluation))
    no_final = sep + words["sentence_no_final"].format(end=end) if result.status == NO_FINAL_DATA else ""
    if result.indicator.kind == "qualitative":
        return words["sentence_assessment"].format(year=result.data_year, actual=cells["actual"]) + no_final
    did = DID[lang][result.indicator.kind].format(year=result.data_year, actual=with_unit(section, "actual"))
    text = words["sentence"].format(did=did, expected=with_unit(section, "expected"), pace=cells["pace"],
                                    status=word)
    span = required_span(section, lang)
    if result.measure.required is not None and span:
        text += sep + words["sentence_required"].format(span=span, required=with_unit(section, "required"))
    if cells["projection"] != "—" and result.years_remaining > 0 and not result.final_evaluation:
        text += sep + words["sentence_projection"].format(end=end, projection=cells["projection"])
    return text + no_final


def required_span(section: Section, lang: str) -> str:
    """'2022–2025 年每年' / 'a year in 2022–2025': the years the required figure is for."""
    result, words = section.result, REPORT[lang]
    if result.data_year is None or result.years_remaining <= 0:
        return ""
    first, last = result.data_year + 1, result.data_year + result.years_remaining
    return words["required_years" if last > first else "required_year"].format(first=first, last=last)


def required_text(section: Section, lang: str) -> str:
    """The 尚需 figure with its years, or why there is none."""
    result, words = section.result, REPORT[lang]
    if result.status == NO_DATA or result.indicator.kind == "qualitative":
        return "—"
    if result.measure.required is None:
        # At the final evaluation no year is left to need anything, achieved or not.
        final = result.years_remaining == 0 or result.final_evaluation
        return words["required_none_final"] if final else words["required_none_achieved"]
    span, required = required_span(section, lang), with_unit(section, "required")
    return f"{span} {required}" if lang == "zh" else f"{required} {span}"


def with_unit(section: Section, key: str) -> str:
    """A table cell with the indicator's unit after the number (rate cells carry their % already)."""
    cell, ind = section.row.cells[key], section.indicator
    if ind.is_rate or cell == "—" or not ind.unit or ind.kind == "qualitative":
        return cell
    star = "*" if cell.endswith("*") else ""  # the partial-data mark stays at the end
    number, sep, rest = cell.removesuffix("*").partition(" (")
    unit = safe(ind.unit)
    return (f"{number}%" if unit == "%" else f"{number} {unit}") + sep + rest + star


def facts(section: Section, lang: str) -> list[tuple[str, str]]:
    """The label: value pairs under an indicator's heading; only what is known when there is no data."""
    words, ind, result, cells = REPORT[lang], section.indicator, section.result, section.row.cells
    head = [(words["attribute"], ATTRIBUTE[lang][ind.attribute]), (words["kind"], KIND[lang][ind.kind]),
            (words["target"], cells["target"])]
    if result.status == NO_DATA:
        return head
    actual = with_unit(section, "actual") + (f"（{result.data_year} 年）" if lang == "zh" else f" ({result.data_year})")
    if result.stale:
        actual += words["stale"]
    if result.partial:
        actual += words["partial"].format(years=", ".join(map(str, result.measure.missing)))
    if ind.kind == "qualitative":
        return head + [(words["actual"], actual)]
    # A final evaluation speaks of no 尚需: no year is left to need anything (issue 16, item 2).
    required = [] if result.final_evaluation else [(words["required"], required_text(section, lang))]
    return head + [(words["actual"], actual), (words["expected"], with_unit(section, "expected")),
                   (words["pace"], cells["pace"]), *required, (words["projection"], cells["projection"])]


def placeholder(section: Section, lang: str) -> str | None:
    """What stands in place of the chart when there is none (never an empty chart); None when there is one."""
    words, result = REPORT[lang], section.result
    if section.paths is not None:
        return None
    if result.data_year is None:
        return words["no_data_final" if result.final_evaluation else "no_data"]
    if section.indicator.kind == "qualitative":
        return words["no_chart"]
    return words["no_path"].format(reason=say(result.measure.reason, lang) or "—")


def no_data_caption(section: Section, lang: str) -> str:
    """Under the chart of an indicator that cannot be judged: why (records but no base value), or that the
    period has no figure yet and the chart shows the earlier years."""
    if section.result.data_year is not None and section.paths is None:
        return placeholder(section, lang) or REPORT[lang]["history_only"]
    return REPORT[lang]["history_only"]
