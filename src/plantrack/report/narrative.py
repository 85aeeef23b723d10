"""The report's prose that is not a number: the office's sections, a first draft of 总体评价, the method appendix.

Shared by the HTML, Word and Markdown reports so that each says the same. The draft of 总体评价 is made only
from the counts the summary already shows (PlanResult.counts), so it can never disagree with the table, and it
counts the gaps (规划期内无数据) by the gap line's own rule (render/rows.no_figure), so it names the same ones.
"""

from __future__ import annotations

from plantrack.progress.result import ACHIEVED, MISSED, NO_DATA
from plantrack.render.rows import no_figure
from plantrack.render.words import status_word
from plantrack.report.build import Report, Section
from plantrack.office import OfficeWords, paragraphs

NUMERALS = "一二三四五六七八九十"

WORDS = {
    "zh": {
        "overall": "总体评价", "achievements": "主要成效", "problems": "存在问题", "next_steps": "下一步建议",
        "organisation": "编制单位", "date": "编制日期", "appendix": "附录：评估方法", "office_note": "评估意见",
        "date_format": "{d.year} 年 {d.month} 月 {d.day} 日",
    },
    "en": {
        "overall": "Overall assessment", "achievements": "Main achievements", "problems": "Problems",
        "next_steps": "Next steps", "organisation": "Prepared by", "date": "Date",
        "appendix": "Appendix: the method", "office_note": "Assessment", "date_format": "{d:%Y-%m-%d}",
    },
}


def overall(report: Report, office: OfficeWords) -> list[str]:
    """总体评价: the office's own paragraphs, or a first draft from the numbers."""
    return paragraphs(office.overall) if office.overall.strip() else [draft(report)]


def draft(report: Report) -> str:
    """'14 项主要指标中，提前实现 1 项、……。' from the status counts, plus the binding indicators: before the end
    their progress (滞后 or not), at the final evaluation their result, 完成 or 未完成 (issue 27, item 2)."""
    lang, counts = report.lang, report.plan.counts()
    final = report.final
    n = sum(counts.values())
    parts = [(status_word(s, lang, final and s == "achieved"), c) for s, c in counts.items() if c and s != NO_DATA]
    binding = [s for s in report.sections if s.indicator.binding]
    if lang == "zh":
        text = (f"规划期末（{report.plan.period.end} 年），" if final else "") + f"{n} 项主要指标中，"
        text += ("、".join(f"{w} {c} 项" for w, c in parts) or "尚无可评价的指标") + "。"
        text += _binding_zh(binding, final, report.lagging)
        return text + _unjudged_zh(report)
    text = (f"At the end of the plan ({report.plan.period.end}), of {n} indicators: " if final
            else f"Of {n} indicators: ")
    text += (", ".join(f"{c} {w}" for w, c in parts) or "none can be judged yet") + "."
    text += _binding_en(binding, final, report.lagging)
    return text + _unjudged_en(report)


def _unjudged(report: Report) -> tuple[int, int]:
    """The 暂无数据 rows in two: without a figure in the period (the gaps the gap line names, render/rows.no_figure)
    and with figures that cannot be worked out (no base-year level, say; their sections say why)."""
    unjudged = [r for r in report.plan.indicators if r.status == NO_DATA]
    gaps = sum(1 for r in unjudged if no_figure(r))
    return gaps, len(unjudged) - gaps


def _unjudged_zh(report: Report) -> str:
    gaps, unworkable = _unjudged(report)
    said = ([f"{gaps} 项规划期内无数据，是本次总结评估的缺项" if report.final else
             f"{gaps} 项规划期内尚无数据，待数据补齐后再作评价"] if gaps else [])
    said += [f"{unworkable} 项有记录但无法计算，原因见分指标评估"] if unworkable else []
    return f"另有 {'；'.join(said)}。" if said else ""


def _unjudged_en(report: Report) -> str:
    gaps, unworkable = _unjudged(report)
    text = ""
    if gaps:
        have, are, do = ("has", "is", "it does") if gaps == 1 else ("have", "are", "they do")
        text += (f" {gaps} {have} no figure in the plan period: a gap in this final evaluation." if report.final
                 else f" {gaps} {have} no figure in the plan period yet and {are} to be assessed when {do}.")
    if unworkable:
        have = "has" if unworkable == 1 else "have"
        text += f" {unworkable} {have} figures recorded but cannot be worked out: the indicator sections say why."
    return text


def _results(binding: list[Section]) -> tuple[list[Section], list[Section], list[Section]]:
    """The binding indicators at the final evaluation: completed (achieved), not completed (missed), not known."""
    done = [s for s in binding if s.result.status == ACHIEVED]
    missed = [s for s in binding if s.result.status == MISSED]
    return done, missed, [s for s in binding if s not in done and s not in missed]


def _binding_zh(binding: list[Section], final: bool, lagging: tuple[Section, ...]) -> str:
    if not binding:
        return ""
    if not final:
        return (f"约束性指标 {len(binding)} 项，其中 {len(lagging)} 项进度滞后，需重点推进。" if lagging
                else f"约束性指标 {len(binding)} 项，均未出现滞后。")
    done, missed, unknown = _results(binding)
    text = f"约束性指标 {len(binding)} 项，完成 {len(done)} 项、未完成 {len(missed)} 项"
    if missed:
        text += f"（{'、'.join(s.row.cells['name'] for s in missed)}）"
    return text + (f"、{len(unknown)} 项缺少期末数据，无法判断是否完成" if unknown else "") + "。"


def _binding_en(binding: list[Section], final: bool, lagging: tuple[Section, ...]) -> str:
    if not binding:
        return ""
    if not final:
        return (f" {len(lagging)} of {len(binding)} binding indicators are behind schedule and need attention."
                if lagging else f" None of the {len(binding)} binding indicators is behind schedule.")
    done, missed, unknown = _results(binding)
    text = f" Of {len(binding)} binding indicators, {len(done)} completed and {len(missed)} not completed"
    if missed:
        text += f" ({'; '.join(s.row.cells['name'] for s in missed)})"
    return text + (f"; {len(unknown)} without an end-year figure, not known" if unknown else "") + "."


def closing_sections(office: OfficeWords) -> list[tuple[str, list[str]]]:
    """主要成效, 存在问题, 下一步建议 as (key, paragraphs), only those the office wrote."""
    return [(key, paragraphs(getattr(office, key))) for key in ("achievements", "problems", "next_steps")
            if getattr(office, key).strip()]


def numbered(index: int, title: str, lang: str) -> str:
    """'五、主要成效' / '5. Main achievements' for the index-th top-level section (1-based)."""
    return f"{NUMERALS[index - 1]}、{title}" if lang == "zh" else f"{index}. {title}"


def method(report: Report) -> list[str]:
    """The method in a few paragraphs of the report's language, with this plan's own thresholds."""
    t = report.plan.info.thresholds
    p = report.plan.period
    if report.lang == "zh":
        return [
            f"评估以 {p.base} 年为基期，规划期 {p.start}–{p.end} 年，评估年份 {report.plan.as_of} 年，"
            "按截至评估年份的最新数据计算。",
            "按计划应达：年均增速类指标按复合增长计算当年应达水平；期内累计类指标按「时间过半、任务过半」，"
            "即已过年数占规划年数的比例；期末达到值类指标按基期值到目标值的直线。",
            "进度比 = 实际完成进度 ÷ 按计划应达进度。"
            f"进度比不低于 {t.ahead:.2f} 为快于预期，不低于 {t.on_track:.2f} 为符合预期（约束性指标须不低于 1.00），"
            f"不低于 {t.behind:.2f} 为滞后，其余为严重滞后；目标已达到为提前实现。" if not report.final else
            f"总结评估按期末（{p.end} 年）数据判断：达到目标为已实现；预期性指标未达到但进度比不低于 {t.on_track:.2f} "
            "为基本实现（约束性指标没有容差，达到即已实现，否则未实现）；其余为未实现；期内累计已达到目标的指标不论"
            "数据年份均为已实现；没有期末数据的为期末数据缺失，并注明截至最新数据年份的判断。",
            "尚需：实现目标，剩余每年需要达到的增速或数量。期末预计：按目前速度延续到规划期末的结果。"
            if not report.final else "期末预计：按目前速度延续到规划期末的结果，仅供参考。",
            "定性指标按记录的评估意见判断。规划期内没有数据的指标列为暂无数据"
            + ("（规划期内无数据，是本次评估的缺口）" if report.final else "") + "，只列出目标和往年记录。",
            "数据来源见各指标一节；同一来源的连续年份合为一行。",
        ]
    return [
        f"The base year is {p.base}, the plan period {p.start}–{p.end}, the evaluation year {report.plan.as_of}; "
        "each indicator is judged on its latest figure up to that year.",
        "On schedule: compound growth for average annual rates; the elapsed share of the period for totals over "
        "the period; a straight line from the base value to the target for levels.",
        f"Pace ratio = progress achieved ÷ progress on schedule. At least {t.ahead:.2f} is ahead, at least "
        f"{t.on_track:.2f} on track (binding indicators need 1.00), at least {t.behind:.2f} behind, else far "
        "behind; a target met is achieved." if not report.final else
        f"The final evaluation judges end-year ({p.end}) figures: a target met is achieved; an expected indicator "
        f"short of it with a pace ratio of at least {t.on_track:.2f} is nearly met (binding indicators have no "
        "tolerance: met, or missed); any other is missed; a total over the period that already reached its "
        "target is achieved whatever its data year; without an end-year figure an indicator has no final data, "
        "shown with its latest judgement.",
        "Needed: what each remaining year must bring to reach the target. Projected: the end-year result at the "
        "current pace." if not report.final else "Projected: the end-year result at the current pace, for "
        "reference only.",
        "Qualitative targets are judged by the recorded assessment. Indicators without a figure in the period are "
        "listed as no data" + (" (a gap of this evaluation)" if report.final else "")
        + ", with their target and earlier years.",
        "Each indicator's sources are listed in its section; consecutive years with one source share a line.",
    ]

