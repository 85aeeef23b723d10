"""The report's section on mid-term adjustments (中期调整, issue 30): every adjustment of the plan's indicators,
with its year, the target before and after it, the document that approved it and the reason. Laid out by every
format as one of the closing sections (model.Document.closing), so the four formats say the same.

Listed whatever the evaluation year: an adjustment approved for a later year is part of the plan as it stands
(the table says which target each verdict was judged against: render/rows.target_text).
"""

from __future__ import annotations

from plantrack.progress.result import PlanResult
from plantrack.render.rows import indicator_name, target_words
from plantrack.text import safe

WORDS = {
    "zh": {"heading": "中期调整",
           "line": "{name}：自 {year} 年起目标调整为 {target}（原 {was}），依据 {source}{reason}。",
           "reason": "；调整原因：{reason}"},
    "en": {"heading": "Target adjustments",
           "line": "{name}: from {year}, the target is {target} (was {was}), approved by {source}{reason}.",
           "reason": "; reason: {reason}"},
}


def adjustment_lines(plan: PlanResult, lang: str) -> list[str]:
    """One sentence an adjustment, in 序号 order then by year; [] when no indicator was adjusted."""
    words, out = WORDS[lang], []
    for result in plan.indicators:
        ind = result.indicator
        before = ind.target
        for adjustment in sorted(ind.adjustments, key=lambda a: a.year):
            reason = words["reason"].format(reason=safe(adjustment.reason)) if adjustment.reason.strip() else ""
            out.append(words["line"].format(
                name=indicator_name(result, lang), year=adjustment.year, target=target_words(ind, adjustment.target, lang),
                was=target_words(ind, before, lang), source=safe(adjustment.source), reason=reason))
            before = adjustment.target
    return out


def adjustment_section(plan: PlanResult, lang: str) -> list[tuple[str, str, list[str]]]:
    """[("adjustments", heading, lines)], the first of model.Document.closing; [] when there is none."""
    lines = adjustment_lines(plan, lang)
    return [("adjustments", WORDS[lang]["heading"], lines)] if lines else []
