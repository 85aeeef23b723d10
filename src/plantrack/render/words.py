"""Every label and status word, in 中文 and English, in one place."""

from __future__ import annotations

from plantrack.verdicts import ACHIEVED_AT_END_ZH, STATUS_ZH as STATUS_ZH  # the Chinese words: spelled once, there
from plantrack.render.likely import HEADER as LIKELY_HEADER  # the likelihood's words: render/likely.py

TYPE_CHECKING = False
if TYPE_CHECKING:
    from plantrack.models import Indicator


STATUS_EN = {
    "achieved": "achieved early", "ahead": "ahead", "on_track": "on track", "behind": "behind",
    "far_behind": "far behind", "missed": "missed", "no_data": "no data",
    "nearly_met": "nearly met", "no_final_data": "no final data",
}
FINAL_ACHIEVED = {"zh": ACHIEVED_AT_END_ZH, "en": "achieved"}
STATUS_STYLE = {
    "achieved": "bold green", "ahead": "green", "on_track": "cyan", "behind": "yellow",
    "far_behind": "bold red", "missed": "bold red", "no_data": "dim",
    "nearly_met": "cyan", "no_final_data": "yellow",
}
# The kind of an indicator and its direction, as `show`'s header and the report's facts name them.
KIND: dict[str, dict[str, str]] = {
    "zh": {"annual_rate": "年均变化率", "total_change": "期内累计变化", "cumulative": "期内累计量",
           "level": "期末达到值", "qualitative": "定性指标"},
    "en": {"annual_rate": "average annual rate", "total_change": "change over the period",
           "cumulative": "total over the period", "level": "level to reach", "qualitative": "qualitative target"},
}
# A computed number beyond |x| < 10^15 (docs/progress.md, "Range of the numbers"): a cell or a line of working
# says so in its language, never a traceback.
OUT_OF_RANGE_WORDS = {"zh": "超出范围", "en": "out of range"}
# Between a label and what it says ("截至 2021 年（…）：提前实现 1", a report's facts): full-width in Chinese.
COLON = {"zh": "：", "en": ": "}
# Between the names of a list ("约束性指标未实现：增加值、…").
LIST = {"zh": "、", "en": ", "}
DIRECTION = {"zh": {"increase": "增长", "decrease": "下降"}, "en": {"increase": "increase", "decrease": "decrease"}}
ATTRIBUTE = {"zh": {"expected": "预期性", "binding": "约束性"}, "en": {"expected": "expected", "binding": "binding"}}

COLUMNS = ("no", "name", "attribute", "target", "actual", "year", "expected", "pace", "status", "required", "projection",
           "likely")


def table_columns(final: bool) -> tuple[str, ...]:
    """The table's columns; a final evaluation has no 尚需每年: no year is left to need anything (issue 16), and
    no 把握: the outcome is known (issue 31)."""
    return tuple(c for c in COLUMNS if c not in ("required", "likely")) if final else COLUMNS


# Dropped first when the terminal is narrow (the binding mark moves into the name).
SECONDARY = ("attribute", "expected", "projection", "likely")
# Below ~80 columns only these stay (the data year is then part of the summary line's "as of").
NARROW = ("no", "name", "actual", "status", "required")
HEADERS = {
    "zh": dict(zip(COLUMNS, ("序号", "指标", "属性", "目标", "实际", "数据年", "应达", "进度比", "状态", "尚需每年", "期末预计",
                            LIKELY_HEADER["zh"]))),
    "en": dict(zip(COLUMNS, ("No", "Indicator", "Type", "Target", "Actual", "Year", "Expected", "Pace", "Status",
                             "Needed/yr", "Projected", LIKELY_HEADER["en"]))),
}
LABELS = {
    "zh": {
        "adjusted": "（{year} 年调整，原 {was}）",  # after a target in force (rows.target_text)
        "retired": "已停用（{year} 年）：{reason}",
        "retired_row": "{no}. {name} {retired}；最后一次评估（截至 {year} 年）：{word}（不计入汇总）",
        # the matrix and the overview (issue 30): a retired indicator's cell, its short word and the legend
        "retired_cell": "已停用（{year} 年）", "retired_short": "停用",
        "retired_legend": "停用=该规划已停用此指标（不计入汇总）",
        "retired_count": "已停用", "retired_count_legend": "停用=已停用的指标数（不计入各状态统计）",
        # a plan whose files have errors, in the overview and the matrix: its row's word, and at a wide terminal
        "errors": "有错误", "errors_hint": "有错误，请运行 plantrack check",
        "avg": "年均", "total": "累计", "at_least": "≥", "at_most": "≤", "stale": "旧", "warning": "预警",
        "partial": "* 数据不全：只按有数据的年份计算",
        "stale_note": "旧 = 数据年份早于评估年份",
        "warning_note": "预警 = 尚需的年度进度超过历年最好水平",
        "as_of": "截至 {year} 年（第 {k} 年，共 {n} 年）", "final": "期末评估 {year} 年",
        "binding_below": "约束性指标未达进度：{names}",
        "binding_missed": "约束性指标未实现：{names}",
        "binding_no_final": "约束性指标期末数据缺失，最近一年未达进度：{names}",
        "gap": "规划期内无数据：{names}",
        "latest": "（截至 {year} 年：{word}）",
    },
    "en": {
        "adjusted": " (adjusted {year}, was {was})",
        "retired": "retired ({year}): {reason}",
        "retired_row": "{no}. {name} {retired}; last judgement (as of {year}): {word} (not counted)",
        "retired_cell": "retired ({year})", "retired_short": "ret",
        "retired_legend": "ret=retired in this plan (not counted)",
        "retired_count": "retired", "retired_count_legend": "ret=indicators retired (in no count)",
        "errors": "errors", "errors_hint": "has errors: run plantrack check",
        "avg": "avg", "total": "total", "at_least": "≥", "at_most": "≤", "stale": "old", "warning": "warn",
        "partial": "* partial data: computed from the years that have data",
        "stale_note": "old = data year earlier than the as-of year",
        "warning_note": "warn = needs a better year than any recorded",
        "as_of": "as of {year} (year {k} of {n})", "final": "final evaluation, {year}",
        "binding_below": "binding indicators below schedule: {names}",
        "binding_missed": "binding indicators missed: {names}",
        "binding_no_final": "binding indicators with no end-year figure, below schedule when last seen: {names}",
        "gap": "no data in the plan period: {names}",
        "latest": " (as of {year}: {word})",
    },
}


def status_word(status: str, lang: str, final: bool = False) -> str:
    """The word for a status; `final`: the final evaluation (总结评估), where achieved reads 已实现, not 提前实现."""
    if status == "achieved" and final:
        return FINAL_ACHIEVED[lang]
    return (STATUS_ZH if lang == "zh" else STATUS_EN)[status]


def index_caption(base: int, lang: str) -> str:
    """A rate drawn as an index: what 100 stands for."""
    return f"指数（基期 {base} = 100）" if lang == "zh" else f"index (base year {base} = 100)"


def axis_caption(ind: Indicator, index: bool, base: int, lang: str) -> str:
    """What a chart's numbers are, one caption wherever a clerk sees the chart (the report's, the web page's):
    an index and its base year, a five-year total's running total in its unit, or the levels' unit."""
    if index:
        return index_caption(base, lang)
    if ind.kind == "cumulative":
        return f"累计（{ind.unit}）" if lang == "zh" else f"running total ({ind.unit})"
    return ind.level_unit or ind.unit
