"""What `record` says on success, and the `history` listing."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from rich import box
from rich.table import Table
from rich.text import Text

from plantrack.models import Entry, Indicator, Revision
from plantrack.numbers import beside, fmt_exact
from plantrack.progress.shown import actual_edges, completion_edges
from plantrack.progress.result import IndicatorResult
from plantrack.plan import Stored
from plantrack.render.rows import verdict
from plantrack.text import safe
from plantrack.render.words import LABELS, status_word
from plantrack.units import convert


def dry_run_mark(lang: str | None) -> str:
    """What a line about a dry run's figure starts with; `lang` None: a line written in both languages."""
    zh, en = "（试运行，未写入）", "(dry run, nothing written) "
    if lang is None:
        return f"{zh}/ {en}"
    return zh if lang == "zh" else en


def stored_line(item: Stored, result: IndicatorResult | None, lang: str, dry_run: bool,
                base_year: int | None = None) -> str:
    """e.g. `value-added-growth 2022 = 512000 万元 · 年均 2.58% · 严重滞后`. `result` None: a year before the
    period (the base year, history), shown as recorded without a verdict: a plan's end-year judgement beside
    a 2020 figure read as the figure's own (issue 30, item 5)."""
    ind, e = item.indicator, item.entry
    if item.unchanged:
        from plantrack.plan import describe

        same = (f"{ind.id} {item.year} 已有相同记录（{describe(e, ind)}），未作更改 / already recorded exactly so: "
                "nothing changed")
        return safe(same)
    parts = [f"{ind.id} {item.year} ="]
    if e.value is not None:
        parts.append(f"{fmt_exact(e.value)} {e.unit}")
        if e.unit != ind.level_unit:
            assert e.unit is not None and ind.level_unit is not None  # a value is stored with its unit
            parts.append(f"(= {fmt_exact(convert(e.value, e.unit, ind.level_unit))} {ind.level_unit})")
    if e.rate is not None:
        parts.append(_rate_words(ind, e.rate, lang))
    if e.assessment:
        parts.append(status_word(e.assessment, lang))
    if result is None:
        zh = lang == "zh"
        text = " ".join(parts) + " · " + (("基期数据，不作判断" if zh else "base-year figure, not judged")
                                           if item.year == base_year else ("规划期前数据，不作判断" if zh else "before the plan period, not judged"))
    else:
        text = " ".join(parts) + " · " + _measure(ind, result, lang) + verdict(result, lang)
    if item.previous is not None:
        text += " · " + ("已修订，旧值保存在修订记录中" if lang == "zh" else "revised; the old entry is kept")
    if dry_run:
        text = dry_run_mark(lang) + text
    return safe(text)


def _rate_words(ind: Indicator, rate: Decimal, lang: str) -> str:
    """The way it moved, in words: on a decrease indicator 下降 2.8% / 上升 2.8%（下降率 -2.8）, never a bare
    "增长率 -2.8%" that reads as a fall (issue 15, item 7)."""
    zh = lang == "zh"
    if ind.direction != "decrease":
        text = ("增长率" if zh else "rate") + f" {fmt_exact(rate)}%"
        if rate < 0:
            text += f"（下降 {fmt_exact(-rate)}%）" if zh else f" (fell {fmt_exact(-rate)}%)"
        return text
    if rate > 0:
        return f"下降 {fmt_exact(rate)}%" if zh else f"fell {fmt_exact(rate)}%"
    if rate < 0:
        return (f"上升 {fmt_exact(-rate)}%（下降率 {fmt_exact(rate)}）" if zh
                else f"rose {fmt_exact(-rate)}% (decline {fmt_exact(rate)})")
    return "持平（下降率 0）" if zh else "unchanged (decline 0)"


def _measure(ind: Indicator, result: IndicatorResult, lang: str) -> str:
    m, words = result.measure, LABELS[lang]
    if m.actual is None or ind.kind == "qualitative":
        return ""
    # Beside the verdict: never read across the target (numbers.beside; progress/shown.py).
    if ind.kind == "annual_rate":
        return f"{words['avg']} {beside(m.actual, actual_edges(result))}% · "
    if ind.kind == "total_change":
        return f"{words['total']} {beside(m.actual, actual_edges(result))}% · "
    if ind.kind == "cumulative":
        share = beside(m.completion, completion_edges(result), 0)
        done = f"（完成 {share}%）· " if lang == "zh" else f" (done {share}%) · "
        return f"{words['total']} {fmt_exact(m.actual)} {ind.unit}{done}"
    return f"{fmt_exact(m.actual)} {ind.unit} · "


def history_table(ind: Indicator, entries: dict[int, Entry], lang: str) -> Table:
    zh = lang == "zh"
    # The name is plan text of any length: the title wraps within the table even on the soft-wrapping console.
    title = Text(safe(f"{ind.no}. {ind.name} ({ind.id})"), style="bold", no_wrap=False, overflow="fold")
    table = Table(title=title, box=box.SIMPLE_HEAD,
                  header_style="bold", pad_edge=False)
    for head in (("年份", "Year"), ("记录", "Entry"), ("来源", "Source"), ("说明", "Note"), ("记录时间", "Recorded at")):
        table.add_column(head[0] if zh else head[1], overflow="fold")
    for year, e in entries.items():
        table.add_row(*_cells(str(year), e, ind, lang))
        for i, rev in enumerate(reversed(e.revisions), start=1):
            label = f"  ↳ 修订前 {i}" if zh else f"  ↳ before revision {i}"
            table.add_row(*_cells(label, rev, ind, lang), style="dim")
    return table


def _cells(label: str, e: Entry | Revision, ind: Indicator, lang: str) -> list[Text]:
    from plantrack.plan import describe

    what = describe(dataclasses.replace(e, source=""), ind, lang)
    when = e.recorded_at.isoformat() if e.recorded_at else "—"
    if isinstance(e, Revision) and e.replaced_at:
        when += f" → {e.replaced_at.isoformat()}"
    return [Text(label), Text(safe(what)), Text(safe(e.source or "—")), Text(safe(e.note or "")), Text(when)]
