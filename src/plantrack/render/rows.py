"""The cells of a status row as display text (2 decimals, half-up), shared by the table and Markdown."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from plantrack.numbers import Edge, beside, fmt_amount, fmt_exact, in_range
from plantrack.progress.shown import actual_edges, completion_edges, projection_edges
from plantrack.units import is_count
from plantrack.progress.result import (
    BEHIND, MISSED, NO_FINAL_DATA, SEVERITY, IndicatorResult, PlanResult,
)
from plantrack.models import Indicator
from plantrack.text import safe
from plantrack.render.likely import SLIP_NOTE, can_slip, cell as likely_cell
from plantrack.render.words import ATTRIBUTE, COLON, LABELS, LIST, OUT_OF_RANGE_WORDS, status_word


class Row(NamedTuple):  # not a dataclass: cheaper to define at start-up (result.py)
    cells: dict[str, str]
    status: str
    binding: bool
    alarm: bool          # a binding indicator below schedule: must stand out


def indicator_name(ind: Indicator, lang: str) -> str:
    """An indicator as every row and sentence names it: in English "English name (中文名)", the English name
    beside the Chinese one the office knows it by."""
    if lang == "en" and ind.name_en:
        return safe(f"{ind.name_en} ({ind.name})")
    return safe(ind.name)


def _with_unit(value: str, unit: str) -> str:
    if value in OUT_OF_RANGE_WORDS.values() or not unit:
        return value
    return f"{value}{unit}" if unit == "%" else f"{value} {unit}"


def target_text(result: IndicatorResult, lang: str) -> str:
    """The target the row was judged against, and after a mid-term adjustment the original beside it:
    "年均 6%（2023 年调整，原 7%）" / "avg 6% (adjusted 2023, was 7%)". The one wording of a target: the table,
    `show`, Markdown, the reports and the workbooks all take this cell (docs/progress.md, "Target adjustments")."""
    ind, adjustment = result.indicator, result.adjustment
    text = target_words(ind, result.target, lang)
    if adjustment is None:
        return text
    return text + LABELS[lang]["adjusted"].format(year=adjustment.year, was=_target_value(ind, ind.target))


def target_words(ind: Indicator, target: Decimal | str, lang: str) -> str:
    """`target` as the indicator's kind states it: "年均 7%", "≥ 120 亿元", "100 亿元", or its words."""
    words, shown = LABELS[lang], _target_value(ind, target)
    prefix = None if isinstance(target, str) else {
        "annual_rate": words["avg"], "total_change": words["total"],
        "level": words["at_least"] if ind.direction == "increase" else words["at_most"],
    }.get(ind.kind)
    return f"{prefix} {shown}" if prefix else shown


def _target_value(ind: Indicator, target: Decimal | str) -> str:
    return safe(target) if isinstance(target, str) else _with_unit(fmt_exact(target), safe(ind.unit))


def _number(x: Decimal | None, lang: str, exact: bool = False, places: int = 2, unit: str = "") -> str:
    """Every number once: the engine's full-precision value rounded half-up to `places` (never a rounded value
    rounded again), or exact for recorded amounts and their sums; a whole count without decimals."""
    if x is None:
        return "—"
    if not in_range(x):
        return OUT_OF_RANGE_WORDS[lang]
    return fmt_exact(x) if exact else fmt_amount(x, unit, places)


def _beside(x: Decimal, lang: str, edges: tuple[Edge, ...], every: bool = True, places: int = 2) -> str:
    """A number beside the status word: never read across what the word says (numbers.beside, issue 30, item 5)."""
    return beside(x, edges, places, every) if in_range(x) else OUT_OF_RANGE_WORDS[lang]


def _pace(result: IndicatorResult, lang: str) -> str:
    """R from its exact value (not from the 4-decimal R: 0.94495 → 0.9450 → 0.95 was rounding twice), with 2
    decimals or the 4 its status is decided on where 2 would read across a band edge (progress.engine.pace_edges)."""
    m = result.measure
    exact = m.pace_exact if m.pace_exact is not None else m.pace_ratio
    return "—" if exact is None else _beside(exact, lang, result.pace_edges, every=False)


def _actual(result: IndicatorResult, lang: str) -> str:
    m, ind = result.measure, result.indicator
    if result.data_year is None or (m.actual is None and ind.kind != "qualitative"):
        return "—"
    if ind.kind == "qualitative":
        return status_word(result.latest_status or result.status, lang, result.final_evaluation and not result.stale)
    assert m.actual is not None  # a figure: only a qualitative indicator has none
    exact = ind.kind in ("cumulative", "level")
    text = _number(m.actual, lang, exact=True) if exact else _beside(m.actual, lang, actual_edges(result))
    if ind.is_rate and in_range(m.actual):
        text += "%"
    if m.completion is not None:
        done = _beside(m.completion, lang, completion_edges(result), places=0)
        text += f" ({done}%)" if in_range(m.completion) else f" ({done})"
    return text + ("*" if result.partial else "")


def _year(result: IndicatorResult, lang: str) -> str:
    if result.data_year is None:
        return "—"
    return f"{result.data_year} {LABELS[lang]['stale']}" if result.stale else str(result.data_year)


def _projection(result: IndicatorResult, lang: str) -> str:
    m, ind = result.measure, result.indicator
    if result.data_year is None:
        return "—"
    if ind.kind == "annual_rate" and m.projection_level is not None:
        # An amount like every other 期末预计 and the working's 2025 年预计 (21.10 亿元, never 21): numbers.fmt_amount;
        # with no year left it is the recorded end-year level itself, shown as recorded (1560000, not 1560000.00).
        level = _number(m.projection_level, lang, exact=result.final, unit=ind.value_unit or "")
        return _with_unit(level, safe(ind.value_unit or ""))
    if m.projection is None:
        return "—"
    unit = "%" if ind.is_rate else safe(ind.unit)
    if result.final and ind.kind in ("cumulative", "level") and m.projection == m.actual:
        return _with_unit(_number(m.projection, lang, exact=True), unit)  # no year left: the 实际 itself, as recorded
    if not ind.is_rate and is_count(ind.unit) and m.projection == m.projection.to_integral_value():
        return _with_unit(_number(m.projection, lang, unit=ind.unit), unit)  # a whole count: 27 家, nothing to round
    return _with_unit(_beside(m.projection, lang, projection_edges(result, m.projection)), unit)


def _count_unit(ind: Indicator) -> str:
    """The unit whose whole numbers are shown without decimals (counts only; never a rate's %)."""
    return "" if ind.is_rate else ind.unit


def verdict(result: IndicatorResult, lang: str) -> str:
    """The row's own word: 已实现 at the final evaluation, 提前实现 before it; without end-year data
    期末数据缺失（截至 2023 年：滞后）, the latest judgement in the word of its own year."""
    word = status_word(result.status, lang, result.final_evaluation)
    if result.status == NO_FINAL_DATA:
        assert result.latest_status is not None  # no_final_data always carries its latest judgement
        word += LABELS[lang]["latest"].format(year=result.data_year, word=status_word(result.latest_status, lang))
    return word


def retired_words(ind: Indicator, lang: str) -> str:
    """"已停用（2024 年）：不再考核" / "retired (2024): …": how every output names a retired indicator (issue 30)."""
    return LABELS[lang]["retired"].format(year=ind.retired, reason=safe(ind.retired_reason))


def retired_note(result: IndicatorResult, lang: str) -> str:
    """A retired indicator's line under a table, with its last judgement: "2. 科创企业上市 已停用（2024 年）：…；最后一次评估
    （截至 2024 年）：滞后（不计入汇总）"."""
    ind = result.indicator
    return LABELS[lang]["retired_row"].format(no=ind.no, name=indicator_name(ind, lang),
                                              retired=retired_words(ind, lang), year=ind.retired,
                                              word=verdict(result, lang))


def _status(result: IndicatorResult, lang: str) -> str:
    word = verdict(result, lang)
    return f"{word} ⚠{LABELS[lang]['warning']}" if result.warning else word


def build_row(result: IndicatorResult, lang: str) -> Row:
    ind, m = result.indicator, result.measure
    pct = "%" if ind.is_rate else ""
    cells = {
        "no": str(ind.no),
        "name": indicator_name(ind, lang),
        "attribute": ATTRIBUTE[lang][ind.attribute],
        "target": target_text(result, lang),
        "actual": _actual(result, lang),
        "year": _year(result, lang),
        "expected": _with_unit(_number(m.expected, lang, unit=_count_unit(ind)), pct) if m.expected is not None else "—",
        "pace": _pace(result, lang),
        "status": _status(result, lang),
        "required": _with_unit(_number(m.required, lang, unit=_count_unit(ind)), pct) if m.required is not None else "—",
        "projection": _projection(result, lang),
        "likely": likely_cell(result, lang),
    }
    return Row(cells, result.status, ind.binding, alarmed(result))


def alarmed(result: IndicatorResult) -> bool:
    """A binding indicator below schedule or missed; without end-year data, one whose latest judgement was
    (the same rule as --fail-on binding: IndicatorResult.severity)."""
    return result.indicator.binding and result.severity >= SEVERITY[BEHIND]


def head(plan: PlanResult, lang: str) -> str:
    """The evaluation's title line: "截至 2021 年（第 1 年，共 5 年）" / "期末评估 2025 年" (the status table's, the
    web page's and the report's)."""
    words = LABELS[lang]
    if plan.final:
        return words["final"].format(year=plan.as_of)
    return words["as_of"].format(year=plan.as_of, k=plan.year_index, n=plan.period.years)


def summary(plan: PlanResult, lang: str) -> str:
    """"截至 2021 年（第 1 年，共 5 年）：提前实现 1 · 快于预期 2 · …" """
    # Each status by its own word; at the final evaluation every achieved row is 已实现 (decisions.md).
    parts = [f"{status_word(s, lang, plan.final)} {c}" for s, c in plan.counts().items() if c]
    return head(plan, lang) + COLON[lang] + " · ".join(parts)


def _names(results: list[IndicatorResult], lang: str) -> str:
    return LIST[lang].join(indicator_name(r.indicator, lang) for r in results)


def no_figure(result: IndicatorResult) -> bool:
    """No figure in the plan period up to the as-of year: 规划期内无数据, a gap. The one test of it, for the gap
    line here, the report's (report/build.Report.gaps) and the draft of 总体评价 (report/narrative.draft); a
    no_data row WITH a figure (no base-year level, say) is not a gap: it has records that cannot be worked out."""
    return result.data_year is None


def footnotes(plan: PlanResult, lang: str) -> list[str]:
    words, results = LABELS[lang], plan.indicators
    notes = []
    alarms = [r for r in results if alarmed(r)]
    if plan.final:
        # The final evaluation says which promises were broken, and which indicators it could not judge at all.
        missed = [r for r in alarms if r.status == MISSED]
        unknown = [r for r in alarms if r.status == NO_FINAL_DATA]
        if missed:
            notes.append("‼ " + words["binding_missed"].format(names=_names(missed, lang)))
        if unknown:
            notes.append("‼ " + words["binding_no_final"].format(names=_names(unknown, lang)))
        gaps = [r for r in results if no_figure(r)]
        if gaps:
            notes.append(words["gap"].format(names=_names(gaps, lang)))
    elif alarms:
        notes.append("‼ " + words["binding_below"].format(names=_names(alarms, lang)))
    notes += [retired_note(r, lang) for r in plan.retired]  # shown apart, not counted (issue 30)
    if any(r.partial and r.data_year for r in results):
        notes.append(words["partial"])
    if any(r.stale for r in results):
        notes.append(words["stale_note"])
    if any(r.warning for r in results):
        notes.append(words["warning_note"])
    if any(can_slip(r) for r in results):
        notes.append(SLIP_NOTE[lang])
    return notes
