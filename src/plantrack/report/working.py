"""The working under each indicator, in the report's language.

The engine writes its formula lines and reasons in English (they are `plantrack show`'s working, shared with the
terminal). A Chinese report must not show English sentences to its reader, so the few English words of those
lines are put into Chinese here, and the status line is said anew from the same numbers and thresholds. The
mathematics (symbols, numbers) is left exactly as the engine wrote it. A line this module does not know is kept
as it is: a new engine line shows in English rather than disappearing.
"""

from __future__ import annotations

import re

from plantrack.models import Thresholds
from plantrack.progress import IndicatorResult
from plantrack.progress.engine import on_track_bar
from plantrack.progress.explain import Explanation
from plantrack.progress.result import MISSED, NEARLY_MET, NO_DATA, NO_FINAL_DATA
from plantrack.progress.numbers import fmt
from plantrack.text import safe
from plantrack.render.words import status_word

# English fragments of the engine's formula lines → Chinese (longest first where one contains another).
_PHRASES_ZH = (
    ("  (recorded rate)", "（按记录的增速）"),
    ("  (levels)", "（按水平值）"),
    (": assessment = ", " 年评估意见 = "),
    (";  schedule k / N = ", "；按计划 k / N = "),
    (" a year", "（每年）"),
)
_LINE_ZH = (
    (re.compile(r"^required = "), "实现目标尚需 = "),
    (re.compile(r"^projection (\d{4}) = "), r"\1 年预计 = "),
)
# The engine's reasons (a measure that cannot be computed) → Chinese.
_REASONS_ZH = (
    (re.compile(r"^no base-year value \((\d{4})\) recorded$"), r"未记录基期（\1 年）数值"),
    (re.compile(r"^no base-year level \((\d{4})\) and no recorded rates$"), r"未记录基期（\1 年）水平值，也没有记录增速"),
    (re.compile(r"^no amounts recorded in the period$"), "规划期内没有记录数量"),
    (re.compile(r"^no data recorded in the period yet$"), "规划期内尚无记录"),
    (re.compile(r"^target is on the wrong side of the base value$"), "目标值与基期值的方向不符"),
)


def reason_text(reason: str, lang: str) -> str:
    """An engine reason in the report's language."""
    if lang != "zh":
        return reason
    for pattern, replacement in _REASONS_ZH:
        if pattern.match(reason):
            return pattern.sub(replacement, reason)
    return reason


def formula_line(line: str, lang: str) -> str:
    if lang != "zh":
        return line
    for pattern, replacement in _LINE_ZH:
        line = pattern.sub(replacement, line)
    for english, chinese in _PHRASES_ZH:
        line = line.replace(english, chinese)
    return line


def working_lines(explained: Explanation, thresholds: Thresholds, lang: str) -> tuple[str, ...]:
    """The formula lines with the numbers filled in, then why the status is what it is."""
    result = explained.result
    lines = [safe(formula_line(line, lang)) for line in explained.formula]
    if result.partial:
        years = ", ".join(map(str, result.measure.missing))
        lines.append(f"数据不全：缺 {years} 年" if lang == "zh" else f"partial: no data for {years}")
    lines.append(safe(explained.reason if lang != "zh" else _band_zh(result, thresholds)))
    return tuple(lines)


def _band_zh(result: IndicatorResult, thresholds: Thresholds) -> str:
    """band_reason (progress/engine.py) in Chinese: the same cases in the same order, the same numbers."""
    m, status = result.measure, result.status
    word = status_word(status, "zh", result.final_evaluation)
    if status == NO_DATA:
        return f"{word}：{reason_text(m.reason, 'zh')}"
    if status == NO_FINAL_DATA:
        latest = status_word(result.latest_status or NO_DATA, "zh")
        assert result.data_year is not None  # no end-year figure, but a judgement on an earlier one
        r = f"，R = {fmt(m.pace_ratio, 4)}" if m.pace_ratio is not None else ""
        return (f"{word}：没有期末（{result.data_year + result.years_remaining} 年）数据；"
                f"截至 {result.data_year} 年的判断：{latest}{r}")
    if result.indicator.kind == "qualitative":
        return f"{word}：按记录的评估意见" + (
            "（期末：已实现；预期性指标可为基本实现；其余为未实现）" if result.final else "")
    if m.achieved:
        reached = result.final_evaluation and not result.final
        return f"{word}：目标已实现" + (f"（期内累计在 {result.data_year} 年已达到目标，之后只增不减）" if reached else "")
    if status == NEARLY_MET:
        return (f"{word}：已到规划期末，目标未完全实现，R = {fmt(m.pace_ratio, 4)} ≥ {thresholds.on_track:.2f}"
                "（预期性指标，在符合预期的容差之内）")
    if status == MISSED:
        why = "约束性指标，不留余量" if result.indicator.binding else (
            f"R = {fmt(m.pace_ratio, 4)} < {thresholds.on_track:.2f}" if m.pace_ratio is not None
            else reason_text(m.reason, "zh"))
        return f"{word}：已到规划期末，目标未实现（{why}）"
    if m.pace_ratio is None:
        return f"{word}：{reason_text(m.reason, 'zh')}"
    on_track = on_track_bar(thresholds, result.indicator.binding)
    bands = (f"进度比 R ≥ {thresholds.ahead:.2f} 为快于预期；R ≥ {on_track:.2f} 为符合预期"
             + ("（约束性指标，不留余量）" if result.indicator.binding else "")
             + f"；R ≥ {thresholds.behind:.2f} 为滞后；否则为严重滞后")
    return f"R = {fmt(m.pace_ratio, 4)} → {word}（{bands}）"
