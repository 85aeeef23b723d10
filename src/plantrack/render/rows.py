"""The cells of a status row as display text (2 decimals, half-up), shared by the table and Markdown."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from plantrack.progress.numbers import fmt, fmt_exact
from plantrack.progress.result import BEHIND, FAR_BEHIND, MISSED, IndicatorResult, PlanResult
from plantrack.render.safe import safe
from plantrack.render.words import ATTRIBUTE, LABELS, status_word

BELOW_SCHEDULE = (BEHIND, FAR_BEHIND, MISSED)


class Row(NamedTuple):  # not a dataclass: cheaper to define at start-up (result.py)
    cells: dict[str, str]
    status: str
    binding: bool
    alarm: bool          # a binding indicator below schedule: must stand out


def indicator_name(result: IndicatorResult, lang: str) -> str:
    ind = result.indicator
    if lang == "en" and ind.name_en:
        return safe(f"{ind.name_en} ({ind.name})")
    return safe(ind.name)


def _with_unit(value: str, unit: str) -> str:
    return f"{value}{unit}" if unit == "%" else f"{value} {unit}"


def _target(result: IndicatorResult, lang: str) -> str:
    ind, words = result.indicator, LABELS[lang]
    if isinstance(ind.target, str):
        return safe(ind.target)
    value = _with_unit(fmt_exact(ind.target), safe(ind.unit))
    prefix = {
        "annual_rate": words["avg"], "total_change": words["total"],
        "level": words["at_least"] if ind.direction == "increase" else words["at_most"],
    }.get(ind.kind)
    return f"{prefix} {value}" if prefix else value


def _number(x: Decimal | None, exact: bool = False) -> str:
    if x is None:
        return "—"
    return fmt_exact(x) if exact else fmt(x)


def _actual(result: IndicatorResult, lang: str) -> str:
    m, ind = result.measure, result.indicator
    if result.data_year is None or (m.actual is None and ind.kind != "qualitative"):
        return "—"
    if ind.kind == "qualitative":
        return status_word(result.status, lang, result.final)
    text = _number(m.actual, exact=ind.kind in ("cumulative", "level"))
    if ind.is_rate:
        text += "%"
    if m.completion is not None:
        text += f" ({fmt(m.completion, 0)}%)"
    return text + ("*" if result.partial else "")


def _year(result: IndicatorResult, lang: str) -> str:
    if result.data_year is None:
        return "—"
    return f"{result.data_year} {LABELS[lang]['stale']}" if result.stale else str(result.data_year)


def _projection(result: IndicatorResult) -> str:
    m, ind = result.measure, result.indicator
    if result.data_year is None:
        return "—"
    if ind.kind == "annual_rate" and m.projection_level is not None:
        return f"{fmt(m.projection_level, 0)} {safe(ind.value_unit or '')}"
    if m.projection is None:
        return "—"
    return _with_unit(_number(m.projection), "%" if ind.is_rate else safe(ind.unit))


def _status(result: IndicatorResult, lang: str) -> str:
    word = status_word(result.status, lang, result.final)
    return f"{word} ⚠{LABELS[lang]['warning']}" if result.warning else word


def build_row(result: IndicatorResult, lang: str) -> Row:
    ind, m = result.indicator, result.measure
    pct = "%" if ind.is_rate else ""
    cells = {
        "no": str(ind.no),
        "name": indicator_name(result, lang),
        "attribute": ATTRIBUTE[lang][ind.attribute],
        "target": _target(result, lang),
        "actual": _actual(result, lang),
        "year": _year(result, lang),
        "expected": (_number(m.expected) + pct) if m.expected is not None else "—",
        "pace": _number(m.pace_ratio),
        "status": _status(result, lang),
        "required": (_number(m.required) + pct) if m.required is not None else "—",
        "projection": _projection(result),
    }
    return Row(cells, result.status, ind.binding, ind.binding and result.status in BELOW_SCHEDULE)


def summary(plan: PlanResult, lang: str) -> str:
    """"截至 2021 年（第 1 年，共 5 年）：提前实现 1 · 快于预期 2 · …" """
    words = LABELS[lang]
    final = plan.as_of == plan.period.end
    if final:
        head = words["final"].format(year=plan.as_of)
    else:
        head = words["as_of"].format(year=plan.as_of, k=plan.year_index, n=plan.period.years)
    # 已实现 only when every achieved row says so: a row judged on data from before the end year says 提前实现.
    ends = {s: final and all(r.final for r in plan.indicators if r.status == s) for s in plan.counts()}
    parts = [f"{status_word(s, lang, ends[s])} {c}" for s, c in plan.counts().items() if c]
    sep = "：" if lang == "zh" else ": "
    return head + sep + " · ".join(parts)


def footnotes(plan: PlanResult, lang: str) -> list[str]:
    words, results = LABELS[lang], plan.indicators
    notes = []
    alarms = [indicator_name(r, lang) for r in results if r.indicator.binding and r.status in BELOW_SCHEDULE]
    if alarms:
        notes.append("‼ " + words["binding_below"].format(names="、".join(alarms) if lang == "zh" else ", ".join(alarms)))
    if any(r.partial and r.data_year for r in results):
        notes.append(words["partial"])
    if any(r.stale for r in results):
        notes.append(words["stale_note"])
    if any(r.warning for r in results):
        notes.append(words["warning_note"])
    return notes
