"""The hover help of the status JSON's schema (`plantrack schema status`): one bilingual `description` per key,
in schema_text.py's form (owner → {property: text}); status_schema.py applies it with schema_text.describe.
A table of its own because the status output has its own keys, documented in docs/status-json.md.
tests/test_schema_descriptions.py fails on a key without an entry here, or an entry for a key that is gone.
"""

from __future__ import annotations

from plantrack.schema_text import ADJUSTMENT, Table

_NULL = "；不适用或无法计算时为 null / ; null when it does not apply or cannot be computed"


def _number(zh: str, en: str) -> str:
    return f"{zh}{_NULL.split(' / ')[0]} / {en}{_NULL.split(' / ')[1]}"


STATUS: Table = {
    "": {
        "schema_version": "输出格式版本，目前为 2；只在删除键或改变含义时变化 / Version of this shape, 2; changes only "
                          "when a key is removed or changes meaning",
        "as_of": "--as-of 指定的年份；未指定时为 null / The year asked for with --as-of, or null when none was given",
        "plans": "每个规划一个对象，按文件夹顺序 / One object per plan, in folder order",
    },
    "plan": {
        "": "一个规划的状态；文件有错的规划只有 errors / One plan's status; a plan whose files have errors "
            "carries them in errors",
        "plan": "规划编号（[plan] id，即文件夹名）/ Plan id ([plan] id, the folder name)",
        "name": "规划名称 [plan] name；文件有错时为 null / [plan] name; null when the plan's files have errors",
        "as_of": "评估年份：--as-of 或规划期内最近有数据的年份，不晚于 end；文件有错时为 null / The year evaluated: "
                 "--as-of, or the latest year with data in the period; at most end; null when the files have errors",
        "start": "规划期第一年；文件有错时为 null / First year of the plan period; null when the files have errors",
        "end": "规划期最后一年；文件有错时为 null / Last year of the plan period; null when the files have errors",
        "base_year": "基期年（[plan] base_year，或 start − 1）；文件有错时为 null / Base year ([plan] base_year, or "
                     "start − 1); null when the files have errors",
        "counts": "各状态的指标数，九个键总是都有；文件有错时为 null / Number of indicators per status, all nine keys; "
                  "null when the plan's files have errors",
        "short_name": "总览中显示的简称：[plan] short_name，否则地区名末段，否则缩短的名称 / The name the overview "
                      "shows: short_name, else the last part of region, else the name shortened",
        "closed": "总结评估通过的日期 YYYY-MM-DD；未结束的规划为 null / Date the final evaluation was adopted, "
                  "YYYY-MM-DD; null for an open plan",
        "members": "下级规划编号（[plan] members）/ Ids of the plans whose figures add up to this one's ([plan] members)",
        "rollup": "每个 rollup = \"sum\" 指标的下级合计核对；没有则为 [] / The members' cross-check of each "
                  "rollup = \"sum\" indicator; [] otherwise",
        "indicators": "每项指标一个对象，按序号排列；文件有错时为空 / One object per indicator, in 序号 order; empty "
                      "when the plan's files have errors",
        "retired_indicators": "截至评估年份已停用的指标，各附最后一次评估结果（截至停用年份），不计入 counts / Indicators retired "
                              "by as_of, each with its last judgement (as of its retirement year); not in counts",
        "errors": "规划文件中的错误（FILE:LINE:COL: field: message）；正常时为 [] / The errors in the plan's files, as "
                  "FILE:LINE:COL: field: message; [] for a plan that loaded",
    },
    "plan.counts": {
        "achieved": "提前实现（期末：已实现）的指标数 / Indicators achieved (early, or at the final evaluation)",
        "nearly_met": "基本实现的指标数（仅总结评估）/ Indicators nearly met (final evaluation only)",
        "ahead": "快于预期的指标数 / Indicators ahead of schedule",
        "on_track": "符合预期的指标数 / Indicators on track",
        "behind": "滞后的指标数 / Indicators behind schedule",
        "far_behind": "严重滞后的指标数 / Indicators far behind schedule",
        "missed": "未实现的指标数 / Indicators whose target was missed",
        "no_final_data": "期末数据缺失的指标数（仅总结评估）/ Indicators with no end-year figure (final evaluation only)",
        "no_data": "暂无数据的指标数 / Indicators with no data in the period",
    },
    "indicator": {
        "": "一项指标的判断和数字（docs/status-json.md）/ One indicator's verdict and numbers "
            "(docs/status-json.md)",
        "id": "指标编号 / Indicator id",
        "no": "序号 / Row number in the plan's indicator table",
        "name": "指标名称（中文）/ Indicator name, in Chinese",
        "name_en": "指标英文名称；未填时为 \"\" / English name; \"\" when the plan gives none",
        "attribute": "expected 预期性 或 binding 约束性 / expected or binding",
        "kind": "指标类型：annual_rate、total_change、cumulative、level、qualitative / The kind: annual_rate, "
                "total_change, cumulative, level or qualitative",
        "direction": "increase 增长 或 decrease 下降 / increase or decrease",
        "unit": "目标的单位，例如 %、亿元、家 / The target's unit, e.g. %, 亿元, 家",
        "value_unit": "率类指标年度水平值的单位；未设时为 null / Unit of the yearly levels of a rate kind; null when "
                      "not set",
        "target": "评估所依据的目标：数据年份时有效的目标（有中期调整时为调整后的目标）；定性指标为文字 / The target in "
                  "force at data_year (the adjusted one after a mid-term adjustment); words for qualitative",
        "adjusted": "target 来自哪一年的中期调整；为原目标时为 null / The year of the adjustment that set target; "
                    "null when target is the original",
        "original_target": "plan.toml 中的原目标，与所写一致 / The plan's original target, exactly as written",
        "adjustments": "中期调整，按年份升序；没有则为 [] / The mid-term adjustments, by year; [] when none",
        "data_year": "本指标在 start..as_of 内最近有数据的年份；没有则为 null / The indicator's latest year with data "
                     "in start..as_of; null when there is none",
        "actual": _number("实际：率类为已实现的平均率或累计变化（%），cumulative 为累计总量，level 为最新水平",
                          "Achieved so far: the rate or change to date (%), the total (cumulative) or the latest "
                          "level"),
        "expected": _number("按进度应达到的值（率类为 %，其他按 unit）", "What the schedule expects by now (% or unit)"),
        "completion": _number("完成率 S / T（%），仅 cumulative", "Completion S / T in %, cumulative only"),
        "pace_ratio": _number("进度比 R：1 表示恰好按进度", "Pace ratio R: 1 means exactly on schedule"),
        "status": "状态（英文词，不随 --lang 变化）：achieved、nearly_met、ahead、on_track、behind、far_behind、missed、"
                  "no_final_data、no_data / The verdict, always these English words whatever --lang",
        "latest_status": "仅 no_final_data：按最近数据年份的判断；其他状态为 null / For no_final_data only: the "
                         "judgement on the latest data; null otherwise",
        "required": _number("其余各年每年尚需的进度（率类 %/年，其他按 unit/年）；已实现或总结评估时为 null",
                            "Yearly progress still needed in the remaining years; null once achieved or at the "
                            "final evaluation"),
        "projection": _number("按目前进度推算到期末的值", "Where the current pace ends by the end year"),
        "projection_level": _number("仅 annual_rate：按已实现平均率推算的期末水平（value_unit）",
                                    "annual_rate only: the end-year level at the achieved rate, in value_unit"),
        "warning": "预警：尚需的年度进度大于历史最好的一年 / Early warning: the yearly progress still needed is "
                   "more than the best year recorded",
        "partial": "部分数据：已计算但有缺失年份（见 missing_years）/ Figures rest on fewer years than have elapsed "
                   "(see missing_years)",
        "stale": "数据陈旧：data_year 早于 as_of（表中的「旧」）/ data_year is earlier than as_of (the table's 旧)",
        "final": "期末判断：data_year 为期末年且状态为 achieved、nearly_met 或 missed；no_data 为 false / An end-year "
                 "verdict: data_year is the end year and the status is achieved, nearly_met or missed; false for "
                 "no_data",
        "missing_years": "缺少可用数据的年份，升序 / The years with no usable data, ascending",
        "out_of_range": "超出范围（|x| ≥ 10^15）而写作 null 的数字键 / Number keys written as null because the value "
                        "is out of range (|x| ≥ 10^15)",
        "group": "plan.toml 中的 group：矩阵中的列；未设时为 null / group from plan.toml: the matrix column; null when "
                 "not set",
        "first_year": "规划期中途新增的指标的第一个评估年；否则为 null / First evaluation year of an indicator added "
                      "mid-plan; null otherwise",
        "retired": "停用年份；未停用为 null / The year the indicator was retired; null otherwise",
        "retired_reason": "停用原因；未停用为 null / Why it was retired; null otherwise",
        "likelihood": "期末实现目标的把握（0–1，4 位小数，向下取）；不给出时为 null，见 likelihood_reason / The chance "
                      "of meeting the target by the end year (0–1, 4 decimals, rounded down); null when none is "
                      "given, see likelihood_reason",
        "likelihood_reason": "likelihood 为 null 的原因：qualitative、no_data、outcome_known（期末评估）、"
                             "too_few_points（少于 3 个年度变化）、not_positive；有数时为 null / Why likelihood is null: "
                             "qualitative, no_data, outcome_known (the final evaluation), too_few_points (fewer than "
                             "3 yearly steps), not_positive; null when there is a number",
    },
    "adjustment": ADJUSTMENT,
    "rollup": {
        "": "下级合计核对：本规划的数值与 members 之和 / A roll-up cross-check: this plan's figure beside "
            "its members' total",
        "indicator": "区（本规划）的指标编号 / The district indicator's id",
        "name": "区（本规划）的指标名称 / The district indicator's name",
        "year": "核对的年份：指标的数据年份，没有则为 as_of / The year compared: the indicator's data year, or as_of",
        "unit": "单位（金额已换算：亿元、万元、元）/ The district indicator's unit; money is converted",
        "own": "本规划当年记录的数值（精确）；没有则为 null / This plan's own recorded figure that year (exact), or null",
        "members_total": "下级规划当年数值之和（精确）；都没有则为 null / The members' figures that year, added "
                         "(exact); null when no member has one",
        "difference": "own − members_total；无法计算时为 null / own − members_total; null when either is null",
        "members_counted": "计入合计的下级规划 / The members in the total",
        "members_missing": "当年没有数值或没有该指标的下级规划 / Members with no figure that year, or without the "
                           "indicator",
        "kind": "区（本规划）指标的类型；年均增长率与期内累计变化加总其水平值 / The district indicator's kind; a rate "
                "kind adds up its levels",
        "members_other_period": "规划期（start、end）与本规划不同的下级规划，不计入期内合计与增速 / Members whose "
                                "plan period differs: left out of the period total and the rates",
        "period": "累计指标：规划期初至核对年份的合计核对；其他类型为 null / cumulative: the totals from start to "
                  "year; null for other kinds",
        "rates": "增长率指标：成员水平值之和及其隐含的增长率，与本级对照；其他类型为 null / rate kinds: the members' "
                 "summed levels and the growth they imply, beside this plan's own; null for other kinds",
    },
    "rollup_period": {
        "": "累计指标的期内合计核对（规划期初至核对年份）/ A cumulative indicator's totals from the plan's start to the "
            "year compared",
        "start": "规划期第一年 / The plan's first year",
        "year": "核对的最后一年 / The last year compared",
        "own": "本规划各年数值之和（精确）；缺年份时为 null / This plan's figures added (exact); null when it lacks a year",
        "own_missing_years": "本规划缺数值的年份 / The years this plan has no figure for",
        "members_total": "各年都有数值的下级规划之和（精确）/ The figures of the members with every year, added (exact)",
        "difference": "own − members_total；无法计算时为 null / own − members_total; null when either is null",
        "members_counted": "计入合计的下级规划 / The members in the total",
        "members_missing": "缺年份而整体不计入的下级规划及所缺年份 / Members left out whole, with the years they lack",
    },
    "rollup_rates": {
        "": "增长率指标的水平值加总：成员合计隐含的增长率与本级对照 / A rate indicator's levels added up: the growth the "
            "members' sums imply beside this plan's own",
        "base_year": "基期年 / The base year B",
        "year": "核对的年份 Y / The year compared, Y",
        "members_base": "成员基期水平值之和（精确）/ The members' levels at B, added (exact)",
        "members_previous": "成员上年（Y−1）水平值之和（精确）/ The members' levels at Y − 1, added (exact)",
        "members_level": "成员当年（Y）水平值之和（精确）/ The members' levels at Y, added (exact)",
        "members_counted": "基期、上年、当年都有水平值而计入的下级规划 / The members with a level at B, Y − 1 and Y",
        "members_missing": "缺年份而整体不计入的下级规划及所缺年份 / Members left out whole, with the years they lack",
        "year_rate": "成员合计的当年增长率 sum_Y / sum_(Y−1) − 1（%，4 位小数）/ The members' yearly rate, "
                     "sum_Y / sum_(Y−1) − 1 (%, 4 decimals)",
        "own_year_rate": "本级当年增长率：记录值，否则由本级水平值算出 / This plan's rate for Y: as recorded, else from "
                         "its own levels",
        "own_year_rate_recorded": "own_year_rate 是否为记录值 / Whether own_year_rate was recorded",
        "year_rate_agrees": "舍入后是否一致（按本级记录的小数位，计算值按 2 位）/ Whether the two agree when rounded (to "
                            "the places this plan's rate was recorded with; 2 for a worked-out one)",
        "period_measure": "average：年均增长率（annual_rate）；change：期内累计变化（total_change）/ average: the average "
                          "annual rate (annual_rate); change: the change to date (total_change)",
        "period_rate": "成员合计隐含的年均增长率 (sum_Y / sum_B)^(1/n) − 1 或累计变化 sum_Y / sum_B − 1（%）/ The members' "
                       "average annual rate (sum_Y / sum_B)^(1/n) − 1, or change sum_Y / sum_B − 1 (%)",
        "own_period_rate": "本级的评估依据（status 的 actual），数据年为 Y 时 / This plan's judged figure (status's "
                           "actual), when its data year is Y",
        "period_rate_agrees": "保留 2 位小数后是否一致 / Whether the two agree at 2 decimals",
    },
    "member_years": {
        "": "一个下级规划及其所缺年份 / A member and the years it lacks",
        "member": "下级规划编号 / The member's plan id",
        "years": "所缺年份 / The years it lacks",
    },
    "member_period": {
        "": "规划期不同的下级规划 / A member whose plan period differs",
        "member": "下级规划编号 / The member's plan id",
        "start": "其规划期第一年 / Its first year",
        "end": "其规划期最后一年 / Its last year",
    },
}
