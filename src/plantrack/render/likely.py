"""The likelihood (把握, issue 31) in words: the band words and their cut-offs, the column's cell, the interval,
and the lines of its working, in 中文 and English. render/words.py and render/working.py take them from here.

Cut-offs on the probability p (docs/progress.md, "Likelihood / 把握"): ≥ 90% 很可能, ≥ 67% 可能, ≥ 33% 难以确定,
≥ 10% 不太可能, below 10% 很难. The percent beside the word is rounded down (likelihood.percent), so it never
reads as the band above its word.
"""

from __future__ import annotations

from plantrack.progress.likelihood import of, percent
from plantrack.progress.result import ACHIEVED, IndicatorResult

CUT_OFFS = (0.90, 0.67, 0.33, 0.10)
BANDS = {
    "zh": ("很可能", "可能", "难以确定", "不太可能", "很难"),
    "en": ("very likely", "likely", "uncertain", "unlikely", "very unlikely"),
}
HEADER = {"zh": "把握", "en": "Likelihood"}
# The report chart's fan and its median line: the recent years' trend, history included, which is not the
# projection line (按目前速度预计, the plan period's average pace so far): docs/progress.md, "Likelihood / 把握".
FAN = {"zh": "80% 预测区间（按近年趋势）", "en": "80% interval (recent trend)"}
MEDIAN = {"zh": "近年趋势中位预计", "en": "recent-trend median"}

WORKING_EN = {
    "likely_steps_log": "likelihood: k = {k} yearly log factors {first}–{last}, drift x̄ (weights halving each year "
                        "back) = {mean}, s = {sd}",
    "likely_now_log": "X = ln E = (n / k) × ln P = ({n} / {k}) × ln P = {now};  goal X_G = ln G = {goal}",
    "likely_steps_amount": "likelihood: k = {k} yearly amounts {first}–{last}, mean x̄ (weights halving each year "
                           "back) = {mean} {unit}, s = {sd}",
    "likely_steps_level": "likelihood: k = {k} yearly changes, drift x̄ (weights halving each year back) = {mean}, "
                          "s = {sd}",
    "likely_centre": "end-year estimate = {now} + {m} × {mean} = {centre}",
    "likely_spread": "σ = s × √(m × (1 + m / k′)) = {sd} × √({m} × (1 + {m} / {k_eff})) = {se}",
    "likely_probability_up": "P = F_t{df}(({centre} − {goal}) / σ) = F_t{df}({t}) = {p}",
    "likely_probability_down": "P = F_t{df}(({goal} − {centre}) / σ) = F_t{df}({t}) = {p}",
    "likely_flat": "s = 0: every year moved the same, P = {p}",
    "likely_interval": "{coverage}% interval of the end-year value: {low} – {high}",
    "likely_interval_rate": "{coverage}% interval of the period's average rate: {low} – {high}",
    "likely_reached": "likelihood: P = 100% (the total is reached; later years can only add)",
    "likely_can_slip": "achieved early, but it can still slip back by the end year: P is the chance it is still met "
                       "then",
    "likely_qualitative": "likelihood: none (a target in words)",
    "likely_no_data": "likelihood: none (no data to compute from)",
    "likely_outcome_known": "likelihood: none (the end year is evaluated)",
    "likely_too_few_points": "likelihood: none ({count} yearly steps recorded; at least {least} are needed)",
    "likely_not_positive": "likelihood: none (a level factor of zero or less)",
}
WORKING_ZH = {
    "likely_steps_log": "把握：k = {k} 个年度对数系数（{first}–{last} 年），趋势 x̄（每早一年权重减半）= {mean}，s = {sd}",
    "likely_now_log": "X = (n / k) × 对数 P = ({n} / {k}) × 对数 P = {now}；目标 X_G = 对数 G = {goal}",
    "likely_steps_amount": "把握：k = {k} 个年度数量（{first}–{last} 年），均值 x̄（每早一年权重减半）= {mean} {unit}，s = {sd}",
    "likely_steps_level": "把握：k = {k} 个年度变化，趋势 x̄（每早一年权重减半）= {mean}，s = {sd}",
    "likely_centre": "期末估计 = {now} + {m} × {mean} = {centre}",
    "likely_spread": WORKING_EN["likely_spread"],
    "likely_probability_up": WORKING_EN["likely_probability_up"],
    "likely_probability_down": WORKING_EN["likely_probability_down"],
    "likely_flat": "s = 0：每年变化相同，P = {p}",
    "likely_interval": "期末值 {coverage}% 预测区间：{low} – {high}",
    "likely_interval_rate": "规划期年均变化率 {coverage}% 预测区间：{low} – {high}",
    "likely_reached": "把握：P = 100%（累计已达到目标，之后只增不减）",
    "likely_can_slip": "已提前实现，到期末仍可能回落：P 是期末仍达到目标的可能性",
    "likely_qualitative": "把握：无（定性目标）",
    "likely_no_data": "把握：无（没有可计算的数据）",
    "likely_outcome_known": "把握：无（已到期末评估）",
    "likely_too_few_points": "把握：无（只有 {count} 个年度变化，至少需要 {least} 个）",
    "likely_not_positive": "把握：无（有年度系数不大于零）",
}


# Under the table when a row reads 提前实现 beside a computed likelihood (render/rows.footnotes).
SLIP_NOTE = {"zh": "把握：对已提前实现的指标，是到期末仍达到目标的可能性（数值还可能回落）",
             "en": "Likelihood of an indicator achieved early: the chance it still meets its target in the end year "
                   "(the value can still slip back)"}


def can_slip(result: IndicatorResult) -> bool:
    """Achieved before the end year, with a computed chance of still being met then (not a reached total)."""
    return (result.status == ACHIEVED and not result.final_evaluation and result.likelihood is not None
            and any(line.code == "likely_can_slip" for line in of(result).working))


def band(p: float, lang: str) -> str:
    for cut, word in zip(CUT_OFFS, BANDS[lang]):
        if p >= cut:
            return word
    return BANDS[lang][-1]


def cell(result: IndicatorResult, lang: str) -> str:
    """The 把握 column: `很可能 92%`, or — where no number is given (the working says why)."""
    return chance_words(of(result).probability, lang)


def chance_words(p: float | None, lang: str) -> str:
    """A probability as the 把握 column and `show` say it: the band word and the percent, or —."""
    return "—" if p is None else f"{band(p, lang)} {percent_words(p, lang)}"


def percent_words(p: float, lang: str) -> str:
    """percent(p) in words where it is a bound: a chance under 1% (no `<`, which Markdown must escape)."""
    shown = percent(p)
    return ({"zh": "不足 1%", "en": "under 1%"}[lang]) if shown == "<1%" else shown
