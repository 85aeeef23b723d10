"""`show`: one indicator's years, the working with the numbers filled in, the path, and a small chart."""

from __future__ import annotations

from decimal import Decimal

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from plantrack.models import Entry, Indicator
from plantrack.plan import Plan
from plantrack.numbers import fmt, fmt_amount, fmt_exact, fmt_on_path
from plantrack.progress.path import Paths
from plantrack.progress.result import IndicatorResult, Period, Step
from plantrack.progress.series import factors, levels
from plantrack.plan import rate_label
from plantrack.render.rows import build_row, retired_words, verdict
from plantrack.text import safe
from plantrack.render.wrap import fill
from plantrack.render.words import ATTRIBUTE, DIRECTION, HEADERS, KIND, STATUS_STYLE, index_caption, status_word
from plantrack.render.working import working_lines
from plantrack.render.likely_show import show_lines

BAR_WIDTH = 30


def print_show(console: Console, plan: Plan, result: IndicatorResult, paths: Paths | None,
               reason: Step, lang: str) -> None:
    ind = result.indicator
    period = Period.of(plan.info).own(ind)  # an indicator added mid-plan: its own years and base year
    width = console.width
    console.print(Text(fill(safe(f"{ind.no}. {ind.name}  {ind.name_en}"), width), style="bold"))
    row = build_row(result, lang)
    facts = (f"{ind.id} · {ATTRIBUTE[lang][ind.attribute]} · {_kind(ind, lang)} · "
             f"{HEADERS[lang]['target']} {row.cells['target']} · {period.start}–{period.end}"
             + (f"，基期 {period.base}" if lang == "zh" else f", base {period.base}"))
    console.print(Text(fill(safe(facts), width)))
    if ind.note:
        console.print(Text(fill(safe(ind.note), width), style="dim"))
    console.print(_years_table(ind, plan.entries(ind.id), period, lang))
    word = verdict(result, lang)
    start = f"\n{'判断' if lang == 'zh' else 'Verdict'} ({result.data_year or '—'}): "
    warning = ("  ⚠ " + ("预警：尚需进度超过历年最好水平" if lang == "zh" else "warning: needs a better year than any seen")
               if result.warning else "")
    head = Text(fill(start + word + warning, width))
    if head.plain.startswith(start + word):  # the verdict word in its colour (unless a tiny width broke it)
        head.stylize(STATUS_STYLE[result.status], len(start), len(start) + len(word))
    console.print(head)
    if result.retired:
        console.print(Text(fill(retired_words(result.indicator, lang), width)))
    # The working and the reason quote the indicator's units, which a plan may declare itself: made safe there.
    for line in working_lines(result, reason, lang):
        console.print(Text(fill("  " + line, width)))
    for line in show_lines(result, lang):  # the likelihood of meeting the target (issue 31)
        console.print(Text(fill(line, width)))
    if paths is not None:
        console.print(_chart(paths, lang, "" if ind.is_rate else ind.unit))


def _kind(ind: Indicator, lang: str) -> str:
    """The kind and direction in display words (年均变化率（增长）); English keeps the plan file's own keys, the
    words a user types there (`annual_rate (increase)`)."""
    if lang == "zh":
        return f"{KIND['zh'][ind.kind]}（{DIRECTION['zh'][ind.direction]}）"
    return f"{ind.kind} ({ind.direction})"


def _years_table(ind: Indicator, entries: dict[int, Entry], period: Period, lang: str) -> Table:
    zh = lang == "zh"
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    # A plan may declare its own units, so the unit is plan text too: it goes into the column header.
    unit = safe(ind.level_unit or "")
    for header, right in ((("年份", "Year"), False), (("记录值", "Recorded"), True), ((f"折合 {unit}", f"in {unit}"), True),
                          ((f"{rate_label(ind)} %", f"{rate_label(ind, 'en').capitalize()} %"), True), (("年度系数/累计", "Factor / total"), True), (("来源", "Source"), False)):
        table.add_column(header[0] if zh else header[1], justify="right" if right else "left", overflow="fold")
    values = levels(ind, entries)
    extra = _factor_or_total(ind, entries, period)
    for year, e in entries.items():
        recorded = "—" if e.value is None else f"{fmt_exact(e.value)} {e.unit or unit}"
        if e.assessment:
            recorded = status_word(e.assessment, lang)
        label = f"{year}" + ("" if year >= period.start else (" 历史" if zh else " hist."))
        table.add_row(Text(label), Text(safe(recorded)), Text(fmt_exact(values[year]) if year in values else "—"),
                      Text(fmt_exact(e.rate) if e.rate is not None else "—"), Text(extra.get(year, "")),
                      Text(safe(e.source or "—") + (f" · {safe(e.note)}" if e.note else "")))
    return table


def _factor_or_total(ind: Indicator, entries: dict[int, Entry], period: Period) -> dict[int, str]:
    if ind.kind == "cumulative":
        amounts, running, out = levels(ind, entries), Decimal(0), {}
        for year in range(period.start, period.end + 1):
            if year in amounts:
                running += amounts[year]
                out[year] = f"Σ {fmt_exact(running)}"
        return out
    if ind.is_rate and entries:
        return {f.last: fmt(f.value, 6) for f in factors(ind, entries, min(entries), max(entries))}
    return {}


def _chart(paths: Paths, lang: str, unit: str = "") -> Table:
    zh = lang == "zh"
    # No "still needed" path (achieved, or a final evaluation: no year left), no word for it (issue 16, item 2).
    needed = ("  ░ 尚需" if zh else "  ░ still needed") if paths.needed else ""
    legend = ("█ 实际" if zh else "█ actual") + needed + ("  ┃ 按计划应达" if zh else "  ┃ on schedule")
    title = legend + (f"  {index_caption(min(paths.schedule), lang)}" if paths.index and paths.schedule else "")
    table = Table(title=Text(title), box=None, show_header=False, pad_edge=False, title_justify="left")
    table.add_column(justify="right")
    table.add_column()
    table.add_column(justify="right")
    table.add_column(justify="right", style="dim")
    numbers = [*paths.actual.values(), *paths.schedule.values(), *paths.needed.values()]
    lo, hi = min(min(numbers), Decimal(0)), max(numbers)
    if lo >= 0 and hi > 0 and (hi - min(numbers)) < hi / 2:  # levels: zoom in so small changes show
        lo = min(numbers) - (hi - min(numbers)) * Decimal("0.2")
    span = (hi - lo) or Decimal(1)

    def cells(value: Decimal) -> int:
        return max(0, min(BAR_WIDTH, int((value - lo) / span * BAR_WIDTH)))

    for year in sorted(paths.schedule):
        is_actual = year in paths.actual
        value = paths.actual.get(year, paths.needed.get(year))
        bar = [" "] * (BAR_WIDTH + 1)
        if value is not None:
            for i in range(cells(value)):
                bar[i] = "█" if is_actual else "░"
        bar[cells(paths.schedule[year])] = "┃"
        # The actual never reads as on the schedule beside it when it is not (numbers.fmt_on_path).
        shown = "—" if value is None else fmt_amount(value, unit)
        if value is not None and is_actual:
            shown = point = fmt_on_path(value, unit, paths.schedule[year], paths.recorded(year))
        if is_actual and year in paths.computed:  # a level worked out from rates, not recorded
            shown += "（推算）" if zh else " (computed)"
        # The schedule through the actual's point (the base year) is that point's text (as the report's paths).
        on = paths.schedule[year]
        table.add_row(str(year), Text("".join(bar), style="green" if is_actual else "yellow"), shown,
                      point if is_actual and on == value else fmt_amount(on, unit))
    return table
