"""What `record` says on success, and the `history` listing."""

from __future__ import annotations

import dataclasses

from rich import box
from rich.table import Table
from rich.text import Text

from plantrack.models import Indicator, Revision
from plantrack.progress.numbers import fmt, fmt_exact
from plantrack.progress.result import IndicatorResult
from plantrack.recording import Stored
from plantrack.render.rows import verdict
from plantrack.text import safe
from plantrack.render.words import LABELS, status_word
from plantrack.units import convert


def stored_line(item: Stored, result: IndicatorResult, lang: str, dry_run: bool) -> str:
    """e.g. `value-added-growth 2022 = 512000 万元 · 年均 2.58% · 严重滞后`"""
    ind, e = item.indicator, item.entry
    parts = [f"{ind.id} {item.year} ="]
    if e.value is not None:
        parts.append(f"{fmt_exact(e.value)} {e.unit}")
        if e.unit != ind.level_unit:
            parts.append(f"(= {fmt_exact(convert(e.value, e.unit, ind.level_unit))} {ind.level_unit})")
    if e.rate is not None:
        parts.append(("增长率" if lang == "zh" else "rate") + f" {fmt_exact(e.rate)}%")
    if e.assessment:
        parts.append(status_word(e.assessment, lang))
    text = " ".join(parts) + " · " + _measure(ind, result, lang) + verdict(result, lang)
    if item.previous is not None:
        text += " · " + ("已修订，旧值保存在修订记录中" if lang == "zh" else "revised; the old entry is kept")
    if dry_run:
        text = ("（试运行，未写入）" if lang == "zh" else "(dry run, nothing written) ") + text
    return safe(text)


def _measure(ind: Indicator, result: IndicatorResult, lang: str) -> str:
    m, words = result.measure, LABELS[lang]
    if m.actual is None or ind.kind == "qualitative":
        return ""
    if ind.kind == "annual_rate":
        return f"{words['avg']} {fmt(m.actual)}% · "
    if ind.kind == "total_change":
        return f"{words['total']} {fmt(m.actual)}% · "
    if ind.kind == "cumulative":
        done = "完成" if lang == "zh" else "done"
        return f"{words['total']} {fmt_exact(m.actual)} {ind.unit}（{done} {fmt(m.completion, 0)}%）· "
    return f"{fmt_exact(m.actual)} {ind.unit} · "


def history_table(ind: Indicator, entries: dict, lang: str) -> Table:
    zh = lang == "zh"
    # The name is plan text of any length: the title wraps within the table even on the soft-wrapping console.
    title = Text(safe(f"{ind.no}. {ind.name} ({ind.id})"), style="bold", no_wrap=False, overflow="fold")
    table = Table(title=title, box=box.SIMPLE_HEAD,
                  header_style="bold", pad_edge=False)
    for head in (("年份", "Year"), ("记录", "Entry"), ("来源", "Source"), ("说明", "Note"), ("记录时间", "Recorded at")):
        table.add_column(head[0] if zh else head[1], overflow="fold")
    for year, e in entries.items():
        table.add_row(*_cells(str(year), e))
        for i, rev in enumerate(reversed(e.revisions), start=1):
            label = f"  ↳ 修订前 {i}" if zh else f"  ↳ before revision {i}"
            table.add_row(*_cells(label, rev), style="dim")
    return table


def _cells(label: str, e) -> list[Text]:
    from plantrack.recording import describe

    what = describe(dataclasses.replace(e, source=""))
    when = e.recorded_at.isoformat() if e.recorded_at else "—"
    if isinstance(e, Revision) and e.replaced_at:
        when += f" → {e.replaced_at.isoformat()}"
    return [Text(label), Text(safe(what)), Text(safe(e.source or "—")), Text(safe(e.note or "")), Text(when)]
