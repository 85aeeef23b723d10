"""`check`'s rules for an indicator's life in the plan (issue 30): its mid-term adjustments
(`[[indicators.adjustments]]`), each refused with the file:line of the key at fault.

An adjustment names the first evaluation year judged against its target (models.Indicator.adjustment_at): so
its year lies inside the plan period, there is one a year, in ascending order (the file reads as the history it
is), it names the document that approved it, and its target obeys the rules of the indicator's own `target`
(rules.indicator_problems, passed in as `target_rule` so the rule has one home and no import circle).
A qualitative indicator takes none: its target is words and its verdict an assessment, which a new text
replaces without any arithmetic to keep apart; edit its target and say why in its note.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from plantrack.errors import Finding
from plantrack.models import Indicator, PlanInfo
from plantrack.text import line_problem

if TYPE_CHECKING:
    from plantrack.documents import Document

# The messages `target` gets for a value under the indicator's kind (rules.indicator_problems' target rules).
TargetRule = Callable[[Indicator], list[str]]


def adjustment_findings(i: int, ind: Indicator, info: PlanInfo | None, doc: Document,
                        target_rule: TargetRule | None) -> list[Finding]:
    """Every way the adjustments, first_year and retired of the `i`-th indicator (0-based, in file order) are
    wrong."""
    out = _life_findings(i, ind, info, doc)
    if not ind.adjustments:
        return out
    at = ("indicators", i, "adjustments")
    if ind.kind == "qualitative":
        return [doc.finding(at, f"indicators.{i}.adjustments",
                            "定性指标不能设中期调整：请直接修改 target，并在 note 中写明调整的年份和文件 / a qualitative "
                            "indicator takes no adjustments: edit its target and say when and by which document "
                            "in its note")]
    seen: dict[int, int] = {}
    last: int | None = None
    for j, adjustment in enumerate(ind.adjustments):
        def finding(key: str, message: str, j: int = j) -> Finding:
            return doc.finding((*at, j, key), f"indicators.{i}.adjustments.{j}.{key}", message)

        year = adjustment.year
        if info is not None and not info.start <= year <= info.end:
            out.append(finding("year", f"调整年份 {year} 不在规划期 {info.start}–{info.end} 内 / the adjustment "
                                       f"year is outside the plan period {info.start}–{info.end}"))
        elif ind.first_year is not None and year < ind.first_year:
            out.append(finding("year", f"调整年份 {year} 早于该指标的第一个评估年 first_year = {ind.first_year} / the "
                                       f"adjustment is before the indicator's first_year {ind.first_year}"))
        elif ind.retired is not None and year > ind.retired:
            out.append(finding("year", f"调整年份 {year} 晚于该指标的停用年份 retired = {ind.retired} / the "
                                       f"adjustment is after the indicator was retired in {ind.retired}"))
        if year in seen:
            out.append(finding("year", f"{year} 年已有一条调整（第 {seen[year] + 1} 条），每年至多一条，请合并 / "
                                       f"{year} already has an adjustment: one a year, merge them"))
        elif last is not None and year < last:
            out.append(finding("year", f"调整须按年份升序排列：{year} 写在 {last} 之后 / adjustments are listed by "
                                       f"year, ascending: {year} comes after {last}"))
        seen.setdefault(year, j)
        last = year if last is None else max(last, year)
        if not adjustment.source.strip():
            out.append(finding("source", "须写明批准调整的文件，例如 source = \"松府〔2023〕12号\" / name the "
                                         "document that approved the adjustment in source"))
        for key in ("source", "reason"):
            if problem := line_problem(getattr(adjustment, key)):
                out.append(finding(key, problem))
        if target_rule is not None:
            out += [finding("target", message) for message in target_rule(ind.judged_at(year))]
    return out


def _life_findings(i: int, ind: Indicator, info: PlanInfo | None, doc: Document) -> list[Finding]:
    """first_year (an indicator added mid-plan) after the start year and inside the period; retired inside the
    period, not before first_year, with its reason; a reason only beside a retirement."""
    out: list[Finding] = []

    def finding(key: str, message: str) -> Finding:
        return doc.finding(("indicators", i, key), f"indicators.{i}.{key}", message)

    if ind.first_year is not None and info is not None and not info.start < ind.first_year <= info.end:
        out.append(finding("first_year", f"first_year {ind.first_year} 须在 {info.start + 1}–{info.end} 之间（规划期中途新增"
                                         f"的指标；从头就有的指标不写）/ first_year must be within {info.start + 1}–"
                                         f"{info.end}: it marks an indicator added mid-plan"))
    if ind.retired is not None:
        if info is not None and not info.start <= ind.retired <= info.end:
            out.append(finding("retired", f"停用年份 {ind.retired} 不在规划期 {info.start}–{info.end} 内 / the year "
                                          f"retired is outside the plan period {info.start}–{info.end}"))
        elif ind.first_year is not None and ind.retired < ind.first_year:
            out.append(finding("retired", f"停用年份 {ind.retired} 早于 first_year {ind.first_year} / retired before "
                                          "its first_year"))
        if not ind.retired_reason.strip():
            out.append(finding("retired", "停用的指标须写明原因 retired_reason = \"…\"（例如批准文件）/ a retired "
                                          "indicator needs retired_reason (e.g. the document)"))
    elif ind.retired_reason:
        out.append(finding("retired_reason", "retired_reason 只与 retired（停用年份）一起使用 / retired_reason goes "
                                             "with retired, the year the indicator was retired"))
    if problem := line_problem(ind.retired_reason):
        out.append(finding("retired_reason", problem))
    return out


def retired_entry_problem(ind: Indicator, year: int) -> str | None:
    """A figure for a year after the indicator was retired: refused by check, record and import (issue 30)."""
    if ind.retired is None or year <= ind.retired:
        return None
    return (f"指标已于 {ind.retired} 年停用，不能记录 {year} 年的数据；如需恢复，请删去 plan.toml 中的 retired / the "
            f"indicator was retired in {ind.retired}: no figure after it (remove retired from plan.toml to revive it)")
