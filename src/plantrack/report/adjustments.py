"""The report's section on mid-term changes (中期调整, issue 30): every adjustment of the plan's indicators, with its
year, the target it replaced and the new one, the document that approved it and the reason; then the indicators added
(first_year) and retired mid-plan. Laid out by every format as one of the closing sections
(model.Document.closing), so the four formats say the same.

Listed whatever the evaluation year: an adjustment approved for a later year is part of the plan as it stands
(the table says which target each verdict was judged against: render/rows.target_text).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plantrack.progress.result import PlanResult
from plantrack.render.rows import indicator_name, retired_words, target_words
from plantrack.text import safe

if TYPE_CHECKING:
    from plantrack.models import Indicator

WORDS = {
    "zh": {"heading": "中期调整",
           # {target}, {was} and {source} come spaced (_spaced): 由 100 亿元调整为 120 亿元, 由年均 7% 调整为年均 6%,
           # 依据松府〔2023〕12号. "由…调整为" and not "（原为…）": the table's 原 is the plan's original target
           # (render/rows.target_text), while {was} here is the target this adjustment replaced (F3).
           "line": "{name}：自 {year} 年起目标由{was}调整为{target}，依据{source}{reason}。",
           "reason": "；调整原因：{reason}",
           "added": "{name}：{year} 年新增，自该年起评估（基期 {base} 年）。",
           "retired": "{name}：{retired}。"},
    "en": {"heading": "Target adjustments",
           "line": "{name}: from {year}, the target was changed from {was} to {target}, approved by {source}{reason}.",
           "reason": "; reason: {reason}",
           "added": "{name}: added from {year}, judged from then on (base year {base}).",
           "retired": "{name}: {retired}."},
}


def adjustment_lines(plan: PlanResult, lang: str) -> list[str]:
    """One sentence an adjustment, in 序号 order then by year, then one an indicator added or retired; []
    when the plan had no such change."""
    out, shown = [], [r.indicator for r in (*plan.indicators, *plan.retired)]
    for ind in sorted(shown, key=lambda ind: ind.no):
        out += _adjusted(ind, lang)
    for ind in shown:
        out += _added(ind, lang)
    # retired by the as-of year; its last judgement is in the table's notes
    return out + [_retired(r.indicator, lang) for r in plan.retired]


def _adjusted(ind: Indicator, lang: str) -> list[str]:
    """One sentence an adjustment of `ind`, by year, each saying the target it replaced."""
    words, out, before, name = WORDS[lang], [], ind.target, indicator_name(ind, lang)
    for adjustment in sorted(ind.adjustments, key=lambda a: a.year):
        reason = words["reason"].format(reason=safe(adjustment.reason)) if adjustment.reason.strip() else ""
        out.append(words["line"].format(
            name=name, year=adjustment.year, target=_spaced(target_words(ind, adjustment.target, lang), lang),
            was=_spaced(target_words(ind, before, lang), lang, after=True),
            source=_spaced(safe(adjustment.source), lang),
            reason=reason))
        before = adjustment.target
    return out


def _added(ind: Indicator, lang: str) -> list[str]:
    """The sentence of an indicator added mid-plan (first_year); [] for one there from the start."""
    if ind.first_year is None:
        return []
    return [WORDS[lang]["added"].format(name=indicator_name(ind, lang), year=ind.first_year, base=ind.first_year - 1)]


def _retired(ind: Indicator, lang: str) -> str:
    """The sentence of an indicator retired mid-plan: "科创企业上市：已停用（2024 年）：不再考核。"."""
    return WORDS[lang]["retired"].format(name=indicator_name(ind, lang), retired=retired_words(ind, lang))


def _spaced(text: str, lang: str, after: bool = False) -> str:
    """`text` after a Chinese word: a space before a figure or a Latin word (调整为 120 亿元, the project's spacing),
    none before a Chinese one (调整为年均 6%); with `after`, likewise after it when a Chinese word follows (由年均 7%
    调整为); in English the format has its own spaces."""
    if lang != "zh" or not text:
        return text
    if after and not _chinese(text[-1]) and text[-1] not in "〕」”》）":
        text += " "
    return text if _chinese(text[0]) or text[0] in "〔「“《（" else f" {text}"


def _chinese(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def history_lines(ind: Indicator, lang: str) -> list[str]:
    """Under `history`'s table: the indicator's adjustments, and when it was added or retired, in the report's
    words: a figure recorded before 2023 was judged against another target, and `history` is where one looks
    back (issue 30). [] for an indicator that never changed."""
    return _adjusted(ind, lang) + _added(ind, lang) + ([_retired(ind, lang)] if ind.retired is not None else [])


def adjustment_section(plan: PlanResult, lang: str) -> list[tuple[str, str, list[str]]]:
    """[("adjustments", heading, lines)], the first of model.Document.closing; [] when there is none."""
    lines = adjustment_lines(plan, lang)
    return [("adjustments", WORDS[lang]["heading"], lines)] if lines else []
