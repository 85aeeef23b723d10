"""What the pages show, as plain values made from the models the command line uses: the overview's rows
(overview.py, many.py), a plan's status rows (render/rows.build_row, the table `status` prints), one
indicator's working (progress/explain.py in render/working.py's words) and its recorded entries with every
revision. Templates lay these out; they compute nothing and receive no markup, only text to escape."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plantrack.plan import describe
from plantrack.text import lang_name
from plantrack.web.words import WORDS

if TYPE_CHECKING:
    from plantrack.models import Entry, Indicator
    from plantrack.overview import OverviewRow
    from plantrack.plan import Plan
    from plantrack.progress.result import PlanResult
    from plantrack.web.chart import Chart


@dataclass(frozen=True)
class PlanLine:
    """One plan in the overview: its name, period and how many indicators have each status word."""

    id: str
    name: str
    period: str
    counts: list[tuple[str, str, int]]   # (status, word, count), only the statuses present; then ("retired", …)
    problem: str = ""                    # why the plan could not be judged (check's first finding)


@dataclass(frozen=True)
class MatrixView:
    """matrix.build_matrix turned for a page: an indicator per row, a plan per column (few plans, many rows)."""

    plans: list[tuple[str, str]]                            # (plan id, short name)
    rows: list[tuple[str, list[tuple[str, str]]]]           # (indicator name, [(status, word) per plan])


@dataclass(frozen=True)
class Overview:
    open_plans: list[PlanLine]
    closed_plans: list[PlanLine]
    rollups: list[str]                   # the district roll-up, one sentence per rolled-up indicator
    matrix: MatrixView | None = None     # with two plans or more


@dataclass(frozen=True)
class HistoryLine:
    year: int
    label: str          # 现值 / current, 修订前 / before revision, 已删除 / removed (web/words.py)
    text: str           # the entry in `record`'s words (plan.describe)
    when: str


@dataclass(frozen=True)
class IndicatorPage:
    plan_id: str
    plan_name: str
    indicator: Indicator
    name: str
    cells: dict[str, str]
    status: str
    working: tuple[str, ...]
    history: list[HistoryLine]
    chart: Chart | None
    years: list[int]
    fingerprint: str
    closed: bool = False     # a closed plan: recording into it needs `record --force`, so the page has no form
    final: bool = False      # judged at the end year: the final evaluation's columns (render/words.table_columns)


def overview(plans_dir: Path, lang: str) -> Overview:
    """Every plan in the folder, judged as `status` judges it, closed plans apart as its overview sets them
    (render/overview_table.split), and the roll-ups."""
    from plantrack.many import rollups, selected_rows
    from plantrack.render.overview_table import rollup_lines_text, shown_names, split
    from plantrack.render.words import LABELS, status_word

    def line(row: OverviewRow) -> PlanLine:
        result = row.result
        if result is None:
            first = row.findings[0] if row.findings else None
            return PlanLine(row.plan_id, row.plan_id, "", [], str(first) if first else "")
        final = result.final
        counts = [(s, status_word(s, lang, final), n) for s, n in result.counts().items() if n]
        if result.retired:  # in no status count, and not to be lost either (issue 30): as `status`'s 停用 column
            counts.append(("retired", LABELS[lang]["retired_count"], len(result.retired)))
        return PlanLine(row.plan_id, lang_name(result.info, lang),
                        f"{result.period.start}–{result.period.end}", counts)

    rows = selected_rows(plans_dir, None, None)
    open_rows, closed_rows = split(rows)
    texts = rollup_lines_text(rows, rollups(plans_dir, rows), lang, shown_names(rows))
    return Overview([line(r) for r in open_rows], [line(r) for r in closed_rows], texts,
                    matrix_view(rows, lang) if len(rows) > 1 else None)


def matrix_view(rows: list[OverviewRow], lang: str) -> MatrixView:
    """The plans × indicators matrix `status --matrix` shows (matrix.py), each cell its status word."""
    from plantrack.matrix import build_matrix
    from plantrack.render.matrix import cell_word

    m = build_matrix(rows)
    shown = [r for r in m.rows if not r.errors]
    out = []
    for column in m.columns:
        cells = [cell_word(r, column.key, lang) for r in shown]  # a retired indicator reads 已停用 (issue 30)
        out.append((lang_name(column, lang), cells))
    return MatrixView([(r.plan_id, r.short_name) for r in shown], out)


def judged(plans_dir: Path, plan_id: str) -> tuple[Plan, PlanResult]:
    """The plan as `status --plan` judges it: opened (its refusals), linked to the previous plan, evaluated."""
    from plantrack.opening import open_linked
    from plantrack.progress import evaluate_plan

    plan = open_linked(plans_dir, plan_id)
    return plan, evaluate_plan(plan, None)


def status_rows(result: PlanResult, lang: str) -> list[tuple[str, dict[str, str], str]]:
    """(indicator id, cells, status) of each row of the status table, in 序号 order (render/rows.py)."""
    from plantrack.render.rows import build_row

    return [(r.indicator.id, build_row(r, lang).cells, r.status) for r in result.indicators]


def fingerprint(plan: Plan, indicator_id: str | None = None) -> str:
    """What a form for this indicator was made from: every table of it in actuals.toml, revisions and removals
    too; without an indicator, every table of the plan (an upload may touch any indicator). A write whose
    fingerprint no longer matches was made against figures someone has since changed."""
    tables = plan.actuals if indicator_id is None else plan.records(indicator_id)
    return hashlib.sha256(repr(sorted(tables.items())).encode("utf-8")).hexdigest()[:32]


def page_years(plan: Plan, ind: Indicator) -> list[int]:
    """The years the record form offers: those the indicator may be recorded in (rules.recordable_years), from the
    year before its own base year (first_year − 2 for one added mid-plan); earlier history is recorded with
    `record` or `import` (docs/web.md). A year up to the base year that belongs to the previous plan is left
    out as `record` refuses it (succession.base_year_refusal)."""
    from plantrack.check.cycle.succession import base_year_refusal
    from plantrack.check.rules import recordable_years

    first = (plan.info.base if ind.first_year is None else ind.first_year - 1) - 1
    return [y for y in recordable_years(plan.info, ind)
            if y >= first and base_year_refusal(plan, ind, y) is None]


def history(ind: Indicator, records: dict[int, Entry], lang: str) -> list[HistoryLine]:
    """Every recorded entry of the indicator, newest figure first within its year, with its revisions."""
    words = WORDS[lang]
    out = []
    for year, entry in sorted(records.items()):
        label = words["removed"] if entry.removed is not None else words["current"]
        out.append(HistoryLine(year, label, describe(entry, ind, lang), str(entry.recorded_at or "")))
        for rev in reversed(entry.revisions):
            out.append(HistoryLine(year, words["before_revision"], describe(rev, ind, lang),
                                   str(rev.replaced_at or "")))
    return out


def indicator_page(plans_dir: Path, plan_id: str, indicator_id: str, lang: str) -> IndicatorPage:
    """One indicator: its row, chart, working and history, judged as `show` judges it."""
    from plantrack.progress.explain import explain
    from plantrack.render.rows import build_row, indicator_name
    from plantrack.render.working import working_lines
    from plantrack.web.chart import chart

    plan, result = judged(plans_dir, plan_id)
    ind = plan.find_indicator(indicator_id)
    one = result.indicator(ind.id)
    explained = explain(plan, ind, result)
    drawn = chart(explained, ind, result.period, lang)
    years = page_years(plan, ind)
    return IndicatorPage(plan.id, lang_name(plan.info, lang), ind,
                         indicator_name(ind, lang), build_row(one, lang).cells, one.status,
                         working_lines(one, explained.reason, lang), history(ind, plan.records(ind.id), lang),
                         drawn, years, fingerprint(plan, ind.id), plan.info.closed is not None, result.final)
