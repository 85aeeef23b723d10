"""Checks that need the whole plan: they return findings as values (the beancount way), never raise."""

from __future__ import annotations

from typing import TYPE_CHECKING

from decimal import Decimal

from plantrack.check.adjustments import adjustment_findings, retired_entry_problem
from plantrack.errors import Finding
from plantrack.models import Entry, Indicator, PlanFile, PlanInfo
from plantrack.fields import MAX_MAGNITUDE, RATE_KINDS
from plantrack.text import line_problem, width
from plantrack.units import can_convert, convertible_to, is_count, known_units

if TYPE_CHECKING:  # only for type hints: importing it would load the TOML parser on every command
    from plantrack.documents import Document

# Fields that are one line of text: a control character there (a line break, a tab, ESC) is a mistake or an
# attack, and would reach every table and log. Notes are free text and may hold anything, line breaks included:
# every output shows them escaped (text.safe, render/guard.py).
PLAN_LINES = ("name", "name_en", "region", "source")
INDICATOR_LINES = ("name", "name_en", "unit", "value_unit", "target")
ENTRY_LINES = ("unit", "source", "removed")

# History before the period is welcome (base-year values, the previous plan's results), within reason.
HISTORY_YEARS = 20
MAX_PERIOD_YEARS = 15
# `[plan] short_name`, what the overview shows (rollup.short_name), in terminal columns (a Chinese character
# takes two): 8 characters, or 16 letters.
SHORT_NAME_WIDTH = 16


def plan_years(info: PlanInfo) -> range:
    """The years a plan's actuals can hold: HISTORY_YEARS of history before the start, up to the end year."""
    return range(info.start - HISTORY_YEARS, info.end + 1)


def recordable_years(info: PlanInfo, ind: Indicator) -> list[int]:
    """The years a figure of `ind` may be recorded in: the plan's years (plan_years), none after the indicator
    was retired (retired_entry_problem). What `record`, `import` and `check` refuse, the page never offers: its
    year list is these years from the indicator's own base year − 1 (web/data.py). A base-year figure that lives
    in the previous plan is refused by its own rule (succession.base_year_refusal), which needs that plan."""
    return [year for year in plan_years(info) if retired_entry_problem(ind, year) is None]


def year_problem(info: PlanInfo, year: int) -> str | None:
    """A year no actual of this plan can have, in words naming the years it can (`record`, `import`, the page)."""
    years = plan_years(info)
    if year in years:
        return None
    first, last = years.start, years.stop - 1  # a range: an end before the start is a finding of its own
    return (f"年份 {year} 不在本规划可记录的范围 {first}–{last}（规划期 {info.start}–{info.end}），请给出 {first}–{last} "
            f"之间的年份 / year {year} is outside the years plan {info.id} can hold, {first}–{last} (period "
            f"{info.start}–{info.end}): give a year from {first} to {last}")


def check_plan(plan: PlanFile, doc: Document, folder: str | None) -> list[Finding]:
    """Plan-level rules: period, ids, 序号, units and kind consistency of every indicator."""
    return check_parts(plan.plan, list(enumerate(plan.indicators)), plan.plan.units, doc, folder,
                       any_indicator=bool(plan.indicators))


def check_parts(info: PlanInfo | None, indicators: list[tuple[int, Indicator]], plan_units: list[str] | None,
                doc: Document, folder: str | None, *, any_indicator: bool) -> list[Finding]:
    """check_plan's rules on the parts that validated (partial.py: a plan whose schema check failed still gets
    every other finding in the same run). `indicators` are (position in the file, indicator); without
    `plan_units` (the plan's own units did not validate) no unit rule can be judged, so none runs."""
    out = _check_info(info, doc, folder) if info is not None else []
    units = known_units(plan_units or ())
    seen_ids: dict[str, int] = {}
    seen_nos: dict[int, int] = {}
    seen_names: dict[str, int] = {}
    for i, ind in indicators:
        at = ("indicators", i)
        if ind.id in seen_ids:
            out.append(doc.finding((*at, "id"), f"indicators.{i}.id", f"编号 {ind.id} 与第 {seen_ids[ind.id] + 1} 个指标重复，请改成唯一的编号 / duplicate id"))
        seen_ids.setdefault(ind.id, i)
        if ind.no in seen_nos:
            out.append(doc.finding((*at, "no"), f"indicators.{i}.no", f"序号 {ind.no} 与第 {seen_nos[ind.no] + 1} 个指标重复 / duplicate 序号 (no)"))
        seen_nos.setdefault(ind.no, i)
        out += _alias_clashes(i, ind, seen_names, doc)
        for key, msg in indicator_problems(ind, units) if plan_units is not None else ():
            out.append(doc.finding((*at, key), f"indicators.{i}.{key}", msg))
        out += adjustment_findings(i, ind, info, doc, None if plan_units is None else (
            lambda judged: [msg for key, msg in indicator_problems(judged, units) if key == "target"]))
    if not any_indicator:
        out.append(doc.finding(("indicators",), "indicators", "规划至少需要一个指标 [[indicators]] / a plan needs at least one indicator"))
    return out


def _alias_clashes(i: int, ind: Indicator, seen: dict[str, int], doc: Document) -> list[Finding]:
    """An alias must name one indicator only: `extract` (issue 32) reads a figure as that indicator's."""
    out = []
    for j, alias in enumerate(ind.aliases):
        other = seen.get(alias.strip())
        if other is not None and other != i:
            out.append(doc.finding(("indicators", i, "aliases"), f"indicators.{i}.aliases.{j}",
                                   f"别名 {alias!r} 已是第 {other + 1} 个指标的名称或别名，一个别名只能指一个指标 / "
                                   "this alias already names another indicator: an alias names one indicator only"))
    for name in (ind.name, *ind.aliases):
        seen.setdefault(name.strip(), i)
    return out


def _check_info(info: PlanInfo, doc: Document, folder: str | None) -> list[Finding]:
    out = []
    if folder is not None and info.id != folder:
        out.append(doc.finding(("plan", "id"), "plan.id", f"规划编号 {info.id} 须与所在文件夹名 {folder} 相同 / the plan id must equal its folder name"))
    if info.end < info.start:
        out.append(doc.finding(("plan", "end"), "plan.end", f"结束年 {info.end} 早于开始年 {info.start}，请检查 / the period ends before it starts"))
    elif info.end - info.start + 1 > MAX_PERIOD_YEARS:
        out.append(doc.finding(("plan", "end"), "plan.end", f"规划期超过 {MAX_PERIOD_YEARS} 年，请检查 start 和 end / the period is longer than {MAX_PERIOD_YEARS} years"))
    if not 1949 <= info.start <= 2200:
        out.append(doc.finding(("plan", "start"), "plan.start", f"开始年 {info.start} 不合理 / start year out of range"))
    if info.base_year is not None and not (info.start - 5 <= info.base_year < info.start):
        out.append(doc.finding(("plan", "base_year"), "plan.base_year", f"基期年 {info.base_year} 应在开始年 {info.start} 之前（通常为 {info.start - 1}）/ base_year must be just before start"))
    t = info.thresholds
    if not (t.ahead > t.on_track > t.behind > 0):
        out.append(doc.finding(("plan", "thresholds"), "plan.thresholds", "阈值须满足 ahead > on_track > behind > 0 / thresholds must satisfy ahead > on_track > behind > 0"))
    for i, unit in enumerate(info.units):
        if not unit.strip():
            out.append(doc.finding(("plan", "units"), f"plan.units.{i}", "单位不能为空 / a unit cannot be empty"))
        elif problem := line_problem(unit):
            out.append(doc.finding(("plan", "units"), f"plan.units.{i}", problem))
    for key in PLAN_LINES:
        if problem := line_problem(getattr(info, key)):
            out.append(doc.finding(("plan", key), f"plan.{key}", problem))
    if problem := line_problem(info.short_name) or short_name_problem(info.short_name):
        out.append(doc.finding(("plan", "short_name"), "plan.short_name", problem))
    return out


def indicator_problems(ind: Indicator, units: tuple[str, ...]) -> list[tuple[str, str]]:
    """(key, message) for each way an indicator's fields disagree with its kind."""
    out: list[tuple[str, str]] = []
    for key in INDICATOR_LINES:
        value = getattr(ind, key)
        if isinstance(value, str) and (problem := line_problem(value)):
            out.append((key, problem))
    for alias in ind.aliases:
        if problem := ("别名不能为空 / an alias cannot be empty" if not alias.strip() else line_problem(alias)):
            out.append(("aliases", problem))
    from plantrack.check.cycle.members import indicator_rollup_problems  # issue 19

    out += indicator_rollup_problems(ind)
    allowed = "、".join(units)
    if ind.kind == "qualitative":
        if ind.unit and ind.unit not in units:
            out.append(("unit", f"未知单位 {ind.unit!r}。可用单位 / known units: {allowed}"))
    elif not ind.unit:
        out.append(("unit", f"缺少单位 unit / unit is required. 可用单位 / known units: {allowed}"))
    elif ind.unit not in units:
        out.append(("unit", f"未知单位 {ind.unit!r}。可用单位 / known units: {allowed}（或在 [plan] units 中声明 / or declare it in [plan] units）"))
    if ind.value_unit is not None and ind.value_unit not in units:
        out.append(("value_unit", f"未知单位 {ind.value_unit!r}。可用单位 / known units: {allowed}"))
    if ind.no < 1:
        out.append(("no", "序号须为正整数 / no must be 1 or more"))
    elif ind.no >= MAX_MAGNITUDE:
        # An integer has no size limit in TOML or Python; a 20-digit 序号 is a typing accident like any other
        # number beyond 10^15 (models.MAX_MAGNITUDE), and it passed silently.
        out.append(("no", f"序号 {ind.no} 超出范围（须小于 10^15）/ no is out of range (< 10^15)"))
    if ind.kind == "qualitative":
        if not isinstance(ind.target, str):
            out.append(("target", "定性指标的目标须为文字 / a qualitative target is text in quotes"))
        if ind.value_unit is not None:
            out.append(("value_unit", "value_unit 只用于 annual_rate 和 total_change 指标；定性指标请删除 / only rate kinds take value_unit"))
        if ind.net:
            out.append(("net", "net 只用于 cumulative（累计）指标 / net applies to cumulative indicators only"))
        return out
    if isinstance(ind.target, str):
        return [*out, ("target", f"目标须为数字，而不是文字 {ind.target!r}，请去掉引号 / target must be a number")]
    if ind.kind in RATE_KINDS:
        if ind.unit != "%":
            out.append(("unit", f"{ind.kind} 指标的单位须为 % / a rate target is in %"))
        if ind.target <= 0 or (ind.direction == "decrease" and ind.target >= 100):
            out.append(("target", "增长或下降目标须大于 0（下降须小于 100）/ a rate target must be above 0 (a decline below 100)"))
    elif ind.value_unit is not None:
        out.append(("value_unit", f"value_unit 只用于 annual_rate 和 total_change 指标；{ind.kind} 指标请删除 / only rate kinds take value_unit"))
    if ind.kind == "cumulative":
        if ind.direction != "increase":
            out.append(("direction", "累计指标是要达到的总量，direction 须为 increase（减少量请记为正数）/ cumulative targets are totals to reach"))
        if ind.unit == "%":
            out.append(("unit", "累计指标是数量，单位不能是 % / a cumulative total is an amount, not %"))
        if ind.target <= 0:
            out.append(("target", "累计目标须大于 0 / a cumulative target must be above 0"))
        if is_count(ind.unit) and ind.target != ind.target.to_integral_value():
            out.append(("target", f"{ind.unit} 是计数单位，目标须为整数 / a count target is whole"))
    elif ind.net:
        out.append(("net", "net 只用于 cumulative（累计）指标 / net applies to cumulative indicators only"))
    return out


def entry_problems(ind: Indicator, year: int, entry: Entry, info: PlanInfo) -> list[tuple[str, str]]:
    """(key, message) for each way one recorded year is impossible for its indicator."""
    out: list[tuple[str, str]] = []
    for key in ENTRY_LINES:
        value = getattr(entry, key)
        if isinstance(value, str) and (problem := line_problem(value)):
            out.append((key, problem))
    years = plan_years(info)
    if year not in years:
        earliest, end = years.start, years.stop - 1
        out.append(("", f"年份 {year} 超出本规划可记录的范围 {earliest}–{end} / year outside {earliest}–{end}"))
    if entry.removed is None and (problem := retired_entry_problem(ind, year)):
        out.append(("", problem))
    if entry.removed is not None:
        return out + _removal_problems(entry, entry.removed)
    if ind.kind == "qualitative":
        if entry.assessment is None:
            out.append(("assessment", "定性指标须写评估 assessment（achieved/nearly_met/ahead/on_track/behind/far_behind/missed）/ assessment required"))
        if not entry.note.strip():
            out.append(("note", "定性评估须附说明 note / a qualitative assessment needs a note"))
        if entry.value is not None or entry.rate is not None:
            out.append(("value", "定性指标不记数值，请用 assessment 和 note / qualitative indicators take no numbers"))
        return out
    if entry.assessment is not None:
        out.append(("assessment", "assessment 只用于定性指标 / only qualitative indicators take an assessment"))
    if entry.value is None and entry.rate is None:
        out.append(("value", "须填写 value 或 rate / give a value or a rate"))
    out += _rate_problems(ind, entry)
    if entry.value is not None:
        out += _value_problems(ind, entry, entry.value)
    return out


def source_problem(entry: Entry, required: bool) -> str | None:
    """Where plantrack.toml sets `require_source = true` (config.source_required), a figure without a source:
    record, import and check refuse it with this message (issue 30, item 4). Every figure counts (a value, a
    rate, a qualitative assessment; history years too); a removal record is no figure."""
    if not required or entry.removed is not None or entry.source.strip():
        return None
    return ("须注明数据来源，如“2023年统计公报”（plantrack.toml 设置了 require_source = true）/ a source is "
            "required, e.g. the statistical bulletin (plantrack.toml sets require_source = true)")


def _removal_problems(entry: Entry, reason: str) -> list[tuple[str, str]]:
    """A removal record (record --delete) holds the reason and nothing of a figure: the figure it removed is
    its last revision. A value beside `removed` would leave it unclear whether the year has a figure."""
    out: list[tuple[str, str]] = []
    if not reason.strip():
        out.append(("removed", "删除记录须写明原因 removed = \"…\" / a removal needs its reason"))
    for key in ("value", "rate", "unit", "assessment"):
        if getattr(entry, key) is not None:
            out.append((key, f"已删除的记录（removed）不能再有 {key}；要恢复数值请用 plantrack record 重新记录 / a "
                             f"removal record holds no {key}: record the figure again to restore it"))
    return out


def _rate_problems(ind: Indicator, entry: Entry) -> list[tuple[str, str]]:
    if entry.rate is None:
        return []
    if ind.kind not in RATE_KINDS:
        return [("rate", f"{ind.kind} 指标不记增长率 rate，请记当年数值 value / rate applies to annual_rate and total_change only")]
    limit_ok = entry.rate < 100 if ind.direction == "decrease" else entry.rate > -100
    if not limit_ok:
        return [("rate", f"增长率 {entry.rate}% 不可能（水平会降到零以下）/ impossible rate")]
    return []


def _value_problems(ind: Indicator, entry: Entry, value: Decimal) -> list[tuple[str, str]]:
    target_unit = ind.level_unit
    if target_unit is None:
        return [("value", "该指标只记增长率：如需记水平值，请先在 plan.toml 中为它加上 value_unit / add value_unit to record levels")]
    unit = entry.unit or target_unit
    if not can_convert(unit, target_unit):
        allowed = "、".join(convertible_to(target_unit))
        return [("unit", f"单位 {unit!r} 不能换算成 {target_unit}；可用：{allowed} / the unit {unit!r} cannot be "
                         f"converted to {target_unit}; use one of: {allowed}")]
    if ind.kind in RATE_KINDS and value <= 0:
        return [("value", "水平值须大于 0，才能计算增长 / a level must be above 0 to compute growth")]
    if ind.kind == "cumulative":
        if value < 0 and not ind.net:
            return [("value", f"当年数量不能为负（{value}）；净增指标请在 plan.toml 中设 net = true / amounts are not negative unless net")]
        # A net change of enterprises is still a whole number of enterprises.
        if is_count(unit) and value != value.to_integral_value():
            return [("value", f"{unit} 是计数单位，须为整数（{value}）/ a count is a whole number")]
    return []


def short_name_problem(short_name: str) -> str | None:
    """`[plan] short_name` must fit the overview's column (issue 19)."""
    if short_name and (not short_name.strip() or width(short_name) > SHORT_NAME_WIDTH):
        return (f"简称须为 1–{SHORT_NAME_WIDTH // 2} 个汉字（或 {SHORT_NAME_WIDTH} 个字母）/ "
                f"short_name must be at most {SHORT_NAME_WIDTH} columns (8 Chinese characters) and not blank")
    return None
