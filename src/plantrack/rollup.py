"""Many plans side by side (issue 19): short names, matrix keys, and the declared roll-up of a district.

A district plan may declare `members = ["town-a", …]` in [plan] and `rollup = "sum"` on an indicator: the
overview and the report then show the members' total for the year beside the district's own recorded figure.
The district's figure is what is judged; the total is only a cross-check (its difference and the members
without a figure that year are shown). Nothing is ever summed that was not declared.

Pure: no typer, no rich. checks.py calls `indicator_rollup_problems` and `short_name_problem` per plan;
checking.py calls `member_problems` once over every plan's `links`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from plantrack.units import COUNTS, MONEY, can_convert, convert

if TYPE_CHECKING:
    from collections.abc import Mapping

    from plantrack.models import Indicator, PlanInfo
    from plantrack.plan import Plan
    from plantrack.progress.result import PlanResult

SHORT_NAME_WIDTH = 16  # terminal columns (a Chinese character takes two): 8 characters, or 16 letters
ROLLUP_KINDS = ("cumulative", "level")


def width(text: str) -> int:
    """Terminal columns of `text`: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def clip(text: str, columns: int) -> str:
    """`text` cut to at most `columns` terminal columns, with … when cut."""
    if width(text) <= columns:
        return text
    out, used = "", 0
    for c in text:
        w = width(c)
        if used + w > columns - 1:
            break
        out, used = out + c, used + w
    return out + "…"


def short_name_problem(short_name: str) -> str | None:
    if short_name and (not short_name.strip() or width(short_name) > SHORT_NAME_WIDTH):
        return (f"简称须为 1–{SHORT_NAME_WIDTH // 2} 个汉字（或 {SHORT_NAME_WIDTH} 个字母）/ "
                f"short_name must be at most {SHORT_NAME_WIDTH} columns (8 Chinese characters) and not blank")
    return None


def short_name(info: PlanInfo) -> str:
    """The name the overview shows: `[plan] short_name`, else the region's last part (松江区 小昆山镇 → 小昆山镇),
    else the name clipped."""
    if info.short_name:
        return info.short_name
    region = info.region.replace("/", " ").replace("·", " ").split()
    if region:
        # "上海市松江区小昆山镇" written without spaces: what follows the last 省/市/区/县 of it
        last = re.sub(r"^.*[省市区县](?=.)", "", region[-1])
        return clip(last, SHORT_NAME_WIDTH)
    return clip(info.name, SHORT_NAME_WIDTH)


def column_key(ind: Indicator) -> str:
    """The matrix column (and roll-up match) of an indicator: its `group`, else its id."""
    return ind.group or ind.id


def closed(info: PlanInfo) -> date | None:
    """`[plan] closed` (the final-evaluation work adds it; read defensively so this works before it does)."""
    found: date | None = getattr(info, "closed", None)
    return found


def indicator_rollup_problems(ind: Indicator) -> list[tuple[str, str]]:
    if ind.rollup is None:
        return []
    if ind.kind not in ROLLUP_KINDS or not (ind.unit in MONEY or ind.unit in COUNTS):
        return [("rollup", "rollup = \"sum\" 只用于以金额（元、万元、亿元）或计数为单位的 cumulative 或 level 指标 / "
                           "rollup applies to cumulative and level indicators in money or counts only")]
    return []


# --- across plans -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Links:
    """What the cross-plan rules need of one plan: small, so check can keep it for 10,000 plans."""

    members: tuple[str, ...]
    units: dict[str, str]    # column key -> unit, every indicator
    rollups: dict[str, str]  # column key -> unit, the rollup = "sum" indicators


def links(plan: Plan) -> Links:
    return Links(tuple(plan.info.members), {column_key(i): i.unit for i in plan.indicators},
                 {column_key(i): i.unit for i in plan.indicators if i.rollup})


def member_problems(all_links: dict[str, Links]) -> dict[str, list[str]]:
    """plan id -> messages: a member that is no plan here, a cycle of members, a member figure in a unit that
    cannot be added to the district's."""
    out: dict[str, list[str]] = {}
    for plan_id, link in all_links.items():
        for member in link.members:
            if member == plan_id:
                out.setdefault(plan_id, []).append(f"成员 {member} 是本规划自己 / a plan cannot be its own member")
            elif member not in all_links:
                out.setdefault(plan_id, []).append(
                    f"成员规划 {member} 不存在，请检查 members / member plan {member} is not in this plans folder")
            else:
                for key, unit in link.rollups.items():
                    theirs = all_links[member].units.get(key)
                    if theirs is not None and not can_convert(theirs, unit):
                        out.setdefault(plan_id, []).append(
                            f"成员 {member} 的指标 {key} 单位为 {theirs}，不能与 {unit} 相加 / "
                            f"member {member}'s {key} is in {theirs}, which cannot be added to {unit}")
        if (cycle := _cycle(plan_id, all_links)) is not None:
            out.setdefault(plan_id, []).append(
                f"成员关系成环：{' → '.join(cycle)} / members form a cycle: {' -> '.join(cycle)}")
    return out


def _cycle(start: str, all_links: dict[str, Links]) -> list[str] | None:
    """A path start → … → start through members, if there is one."""
    stack = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for member in all_links.get(node, Links((), {}, {})).members:
            if member == start and len(path) > 1:
                return [*path, start]
            if member not in seen and member != start:
                seen.add(member)
                stack.append((member, [*path, member]))
    return None


# --- the cross-check ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RollupLine:
    """One rolled-up indicator of a district for one year."""

    indicator_id: str
    name: str
    year: int
    unit: str
    own: Decimal | None            # the district's recorded figure that year (what is judged)
    total: Decimal | None          # the members' figures that year, added in the district's unit
    difference: Decimal | None     # own − total
    missing: tuple[str, ...]       # members with no figure that year (or no such indicator)
    counted: tuple[str, ...]       # members whose figure is in the total

    def as_record(self) -> dict[str, object]:
        return {"indicator": self.indicator_id, "name": self.name, "year": self.year, "unit": self.unit, "own": self.own,
                "members_total": self.total, "difference": self.difference,
                "members_counted": list(self.counted), "members_missing": list(self.missing)}


def _figure(plan: Plan, ind: Indicator, year: int, unit: str) -> Decimal | None:
    entry = plan.entries(ind.id).get(year)
    if entry is None or entry.value is None:
        return None
    return convert(entry.value, entry.unit or ind.unit, unit)


def rollup_lines(district: Plan, result: PlanResult, members: Mapping[str, Plan | None]) -> list[RollupLine]:
    """The cross-check of every `rollup = "sum"` indicator of `district` (a Plan) at its data year (the
    as-of year when it has none). `members`: member id -> its Plan, or None when it failed to load."""
    data_years = {r.indicator.id: r.data_year for r in result.indicators}
    out = []
    for ind in district.indicators:
        if ind.rollup != "sum":
            continue
        year = data_years.get(ind.id) or result.as_of
        own = _figure(district, ind, year, ind.unit)
        total, counted, missing = Decimal(0), [], []
        for member_id in district.info.members:
            member = members.get(member_id)
            match = None if member is None else next(
                (i for i in member.indicators if column_key(i) == column_key(ind)), None)
            figure = None if member is None or match is None or not can_convert(match.unit, ind.unit) else \
                _figure(member, match, year, ind.unit)
            if figure is None:
                missing.append(member_id)
            else:
                total += figure
                counted.append(member_id)
        shown_total = total if counted else None
        difference = own - shown_total if own is not None and shown_total is not None else None
        out.append(RollupLine(ind.id, ind.name, year, ind.unit, own, shown_total, difference, tuple(missing), tuple(counted)))
    return out
