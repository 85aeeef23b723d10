"""The report's own words, in 中文 and English. Status and kind words and table headers stay in render/words.py."""

from __future__ import annotations

REPORT: dict[str, dict[str, str]] = {
    "zh": {
        "midterm": "中期评估报告", "final": "总结评估报告",
        "region": "地区", "period": "规划期", "base": "基期", "as_of": "评估年份", "plan_source": "规划来源",
        "summary": "一、总体情况", "lagging": "二、需重点关注的约束性指标", "table": "三、主要指标完成情况",
        "details": "四、分指标评估", "notes": "说明",
        "count_line": "共 {n} 项指标：{parts}。", "count_unit": "项",
        "lagging_none": "约束性指标均未出现滞后。",
        "lagging_intro": "以下约束性指标进度滞后，是必须完成的任务，列为重点：",
        "binding_final": "二、约束性指标完成情况", "binding_none": "本规划未设约束性指标。",
        "binding_kept": "以下约束性指标已实现，承诺已兑现：",
        "binding_broken": "以下约束性指标未实现，承诺未兑现：",
        "binding_unknown": "以下约束性指标缺少期末数据，无法判断承诺是否兑现：",
        "gap_line": "规划期内无数据（本次评估的缺项）：{names}。",
        "no_data_final": "规划期内无数据：整个规划期没有任何记录，是本次总结评估的缺项；仅列出目标。",
        "sentence_no_final": "期末（{end} 年）数据缺失，无法作出总结判断。",
        "attribute": "属性", "kind": "类型", "target": "目标", "actual": "实际", "data_year": "数据年",
        "expected": "按计划应达", "pace": "进度比", "status": "状态", "required": "尚需",
        "projection": "期末预计", "working": "计算过程", "sources": "数据来源", "no_sources": "暂无记录。",
        "required_years": "{first}–{last} 年每年", "required_year": "{first} 年",
        "required_none_achieved": "目标已实现，无需追加", "required_none_final": "—（期末）",
        "no_data": "暂无数据：规划期内尚无记录，仅列出目标。",
        "no_chart": "定性指标，按评估意见判断，不绘制图表。",
        "no_path": "暂无数据：有记录，但无法计算（{reason}），仅列出目标。",
        "sentence": "{did}，按计划应达 {expected}，进度比 {pace}，{status}。",
        "sentence_assessment": "{year} 年评估意见：{actual}。",
        "sentence_required": "实现目标，{span}需 {required}。",
        "sentence_projection": "按目前速度，{end} 年预计 {projection}。",
        "warning": "预警：尚需进度超过历年最好水平。",
        "stale": "（数据年早于评估年份）", "partial": "（数据不全，缺 {years} 年）",
        "footer": "由 plantrack {version} 生成。计算方法见附录。",
        "paths_note": "每项指标的路径按年列出：实际、按计划应达、实现目标尚需、按目前速度预计。",
        "paths_caption": "逐年路径（{unit}）",
        "history_only": "规划期内尚无数据：图中为往年记录和实现目标应走的路径。",
        "chart_note": "图：实线为实际，虚线为按计划应达的路径，点线为实现目标尚需的路径，点划线为按目前速度（基期以来的平均速度）"
                      "的预计；阴影（如有）为 80% 预测区间，其中的短虚线是近年趋势（含规划前各年，越近权重越大）的中位预计，"
                      "把握按它计算，与点划线不同。",
        "paths_note_final": "每项指标的路径按年列出：实际、按计划应达、按最近速度推算至期末。",
        "chart_note_final": "图：实线为实际，虚线为按计划应达的路径，点划线为按最近速度推算至期末。",
    },
    "en": {
        "midterm": "Mid-term evaluation report", "final": "Final evaluation report",
        "region": "Region", "period": "Plan period", "base": "Base year", "as_of": "As of",
        "plan_source": "Plan source",
        "summary": "1. Summary", "lagging": "2. Binding indicators that need attention", "table": "3. The indicators",
        "details": "4. Indicator by indicator", "notes": "Notes",
        "count_line": "{n} indicators: {parts}.", "count_unit": "",
        "lagging_none": "No binding indicator is behind schedule.",
        "lagging_intro": "These binding indicators are promises and are behind schedule:",
        "binding_final": "2. Binding indicators: promises kept and broken",
        "binding_none": "The plan has no binding indicators.",
        "binding_kept": "These binding indicators were achieved: promises kept.",
        "binding_broken": "These binding indicators were missed: promises broken.",
        "binding_unknown": "These binding indicators have no end-year figure: whether the promise was kept is not known.",
        "gap_line": "No data in the plan period (a gap in this evaluation): {names}.",
        "no_data_final": "No data in the plan period: nothing was recorded in any year, a gap in this final "
                         "evaluation; the target is listed.",
        "sentence_no_final": "There is no figure for the end year ({end}): no final verdict.",
        "attribute": "Type", "kind": "Kind", "target": "Target", "actual": "Actual", "data_year": "Data year",
        "expected": "On schedule", "pace": "Pace ratio", "status": "Status", "required": "Needed",
        "projection": "Projected", "working": "Working", "sources": "Sources", "no_sources": "None recorded.",
        "required_years": "a year in {first}–{last}", "required_year": "in {first}",
        "required_none_achieved": "target met, nothing more needed", "required_none_final": "— (end year)",
        "no_data": "No data: nothing recorded in the plan period yet; the target is listed.",
        "no_chart": "A qualitative target, judged by assessment: no chart.",
        "no_path": "No data to judge from ({reason}); the target is listed.",
        "sentence": "{did} against {expected} on schedule: pace ratio {pace}, {status}.",
        "sentence_assessment": "In {year} the assessment was: {actual}.",
        "sentence_required": "To reach the target it needs {required} {span}.",
        "sentence_projection": "At the current pace, {end} ends at {projection}.",
        "warning": "Warning: needs a better year than any recorded.",
        "stale": " (data year before the as-of year)", "partial": " (partial: no data for {years})",
        "footer": "Made with plantrack {version}. The method is explained in the appendix.",
        "paths_note": "Each indicator's paths are listed year by year: actual, on schedule, still needed, projection.",
        "paths_caption": "Year by year ({unit})",
        "history_only": "No figure in the plan period yet: the chart shows the earlier years and the path the "
                        "target needs.",
        "chart_note": "Chart: solid = actual, dashed = the path the target needs, dotted = still needed, "
                      "dash-dot = projection at the current pace (the average since the base year); shaded, where "
                      "given = the likelihood's 80% interval around its short-dashed median, the recent years' trend "
                      "(earlier years included, the latest weighted most), from which the likelihood is read: not "
                      "the dash-dot line.",
        "paths_note_final": "Each indicator's paths are listed year by year: actual, on schedule, and the latest "
                            "pace carried to the end year.",
        "chart_note_final": "Chart: solid = actual, dashed = the path the target needs, dash-dot = the latest pace "
                            "carried to the end year.",
    },
}

# The sentence's "{did}", by indicator kind (REPORT["sentence"]).
DID: dict[str, dict[str, str]] = {
    "zh": {"annual_rate": "截至 {year} 年实际年均 {actual}", "total_change": "截至 {year} 年累计变化 {actual}",
           "cumulative": "截至 {year} 年累计完成 {actual}", "level": "{year} 年达到 {actual}"},
    "en": {"annual_rate": "To {year} it moved {actual} a year on average",
           "total_change": "To {year} it changed {actual} in total",
           "cumulative": "To {year} the total was {actual}",
           "level": "In {year} it stood at {actual}"},
}

CHART: dict[str, dict[str, str]] = {
    "zh": {"actual": "实际", "schedule": "按计划应达", "needed": "实现目标尚需", "projection": "按目前速度预计",
           "base": "基期 {year}", "target": "目标",
           "history": "往年实际", "bars": "当年数"},
    "en": {"actual": "actual", "schedule": "on schedule", "needed": "still needed", "projection": "projection",
           "base": "base {year}", "target": "target",
           "history": "earlier years", "bars": "amount in the year"},
}
