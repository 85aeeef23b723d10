"""Many plans side by side (issue 19): short names, matrix keys, and the declared roll-up of a district.

A district plan may declare `members = ["town-a", …]` in [plan] and `rollup = "sum"` on an indicator: the
overview and the report then show the members' total for the year beside the district's own recorded figure.
The district's figure is what is judged; the total is only a cross-check (its difference and the members
without a figure that year are shown). Nothing is ever summed that was not declared.

Pure: no typer, no rich. check/rules.py calls `indicator_rollup_problems` and `short_name_problem` per plan;
check/run.py calls `member_problems` once over every plan's `links`; the overview, status, report and show
call `district_findings` for the one district they open (overview.py, loader.open_linked). A district whose
members break a rule is an error there, never a total (issue 25): a member listed twice was added twice.
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
    from collections.abc import Callable, Collection, Iterable, Mapping
    from pathlib import Path

    from plantrack.errors import Finding
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


def member_problems(all_links: dict[str, Links], broken: Collection[str] = ()) -> dict[str, list[str]]:
    """plan id -> messages: a member listed twice, the plan itself, a member that is no plan here or one with
    errors (`broken`: plan folders that exist but did not load cleanly), a cycle of members, a member figure in
    a unit that cannot be added to the district's. The one home of the member rules: `check` applies them to
    every plan it checked (check/run.py), status, report and show to the district they open
    (`district_findings`). A member that fails these rules is itself a member with errors: a city over a
    district whose towns are wrong is not judged either, so none of them shows a total made of bad members."""
    out: dict[str, list[str]] = {}
    for plan_id, link in all_links.items():
        if problems := _problems(plan_id, link, all_links, broken):
            out[plan_id] = problems
    while True:  # every plan added has members of its own in `out`: at most len(all_links) rounds
        grown = {plan_id: [_has_errors(m) for m in dict.fromkeys(link.members) if m in out and m != plan_id]
                 for plan_id, link in all_links.items() if plan_id not in out}
        grown = {k: v for k, v in grown.items() if v}
        if not grown:
            return out
        out.update(grown)


def _problems(plan_id: str, link: Links, all_links: dict[str, Links], broken: Collection[str]) -> list[str]:
    out: list[str] = []
    first: dict[str, int] = {}
    for place, member in enumerate(link.members, start=1):
        if member in first:
            # Added twice, its figure would be counted twice in the total (issue 25): never deduplicated
            # silently, since which of the two was meant is the office's to say.
            out.append(f"成员 {member} 重复列出（第 {first[member]} 项和第 {place} 项），合计会把它算两次；请删去重复的一项 / "
                       f"member {member} is listed twice (items {first[member]} and {place}), so the total would "
                       "count it twice: remove the repeat")
            continue
        first[member] = place
        if member == plan_id:
            out.append(f"成员 {member} 是本规划自己 / a plan cannot be its own member")
        elif member in broken:
            out.append(_has_errors(member))
        elif member not in all_links:
            out.append(f"成员规划 {member} 不存在，请检查 members / member plan {member} is not in this plans folder")
        else:
            for key, unit in link.rollups.items():
                theirs = all_links[member].units.get(key)
                if theirs is not None and not can_convert(theirs, unit):
                    out.append(f"成员 {member} 的指标 {key} 单位为 {theirs}，不能与 {unit} 相加 / "
                               f"member {member}'s {key} is in {theirs}, which cannot be added to {unit}")
    if (cycle := _cycle(plan_id, all_links)) is not None:
        out.append(f"成员关系成环：{' → '.join(cycle)} / members form a cycle: {' -> '.join(cycle)}")
    return out


def _has_errors(member: str) -> str:
    return (f"成员规划 {member} 有错误，合计无法核对；请先修正它（plantrack check）/ member plan {member} has errors, "
            "so no total is made: fix them first (plantrack check)")


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


ABSENT, BROKEN = "absent", "broken"  # what `reach`'s opener says of a member that gives no Links


def reach(all_links: dict[str, Links], broken: set[str], members: Iterable[str],
          open_member: Callable[[str], Links | str]) -> None:
    """Add to `all_links` (or `broken`) every plan reachable through `members` that is in neither yet, as
    `open_member(plan id)` judges it: its Links, BROKEN or ABSENT. What member_problems needs of a district
    whose members were not all judged already: every plan of a cycle through it, and each member's state."""
    absent: set[str] = set()
    todo = list(members)
    while todo:
        member = todo.pop()
        if member in all_links or member in broken or member in absent:
            continue
        found = open_member(member)
        if isinstance(found, Links):
            all_links[member] = found
            todo.extend(found.members)
        else:
            (broken if found == BROKEN else absent).add(member)


def district_findings(plan: Plan, *, use_cache: bool) -> tuple[Finding, ...]:
    """check's member findings for one district, read from the plan folders beside it: what status, report
    and show refuse a district with, as they refuse a broken `previous` link (succession.py). A member counts
    as having errors when it would be an error row of the overview itself (its files, its previous plan)."""
    if not plan.info.members or plan.directory is None:
        return ()
    from plantrack.plan import PLAN_FILE
    from plantrack.succession import Locator

    plans_dir = plan.directory.parent
    all_links, broken = {plan.id: links(plan)}, set[str]()
    reach(all_links, broken, plan.info.members, lambda member: _opened(plans_dir, member, use_cache))
    at = Locator(plan, PLAN_FILE)
    return tuple(at.plan_key("members", m) for m in member_problems(all_links, broken).get(plan.id, []))


def _opened(plans_dir: Path, member: str, use_cache: bool) -> Links | str:
    from plantrack.contain import escape_problem, holds_plan
    from plantrack.loader import load_plan
    from plantrack.succession import link

    folder = plans_dir / member
    if escape_problem(plans_dir, folder):  # the containment rule of every reader (contain.py): not read
        return BROKEN
    if not holds_plan(folder):
        return ABSENT
    found, _ = load_plan(folder, use_cache=use_cache)
    if found is None or link(found, use_cache=use_cache).findings:
        return BROKEN
    return links(found)


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
