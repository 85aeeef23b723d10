"""Districts and their members (issue 19): `[plan] members = ["town-a", …]` and `rollup = "sum"` on an
indicator, the rules of both (decisions.md, "Successive and finished plans" for the other links of the cycle).

The one home of the member rules: `check` applies them to every plan it checked (check/run.py); status, report
and show to the district they open (opening.district_findings). A district whose members break a rule is an
error there, never a total (issue 25): a member listed twice was added twice. The cross-check itself (the
members' total beside the district's figure) is rollup.py's, in the evaluate stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from plantrack.units import COUNTS, MONEY, can_convert

T = TypeVar("T")

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable

    from plantrack.models import Indicator
    from plantrack.plan import Plan

# Rate kinds add up their levels (`value`, in value_unit) and compare the growth the sums imply (issue 30, item 3).
ROLLUP_KINDS = ("cumulative", "level", "annual_rate", "total_change")


def column_key(ind: Indicator) -> str:
    """The matrix column of an indicator: its `group`, else its id."""
    return ind.group or ind.id


def member_match(district: Indicator, candidates: Iterable[T], key: Callable[[T], tuple[str | None, str]]) -> T | None:
    """The member's indicator the district's `district` adds up (docs/plan-format.md, "Districts"), among
    `candidates`, each seen as `key(c)` = (its group, its id). The one rule of the roll-up and of check's unit
    rule: the candidate in the district indicator's matrix column (its `group`, else its id: a member's group,
    else its id, equal to it); failing that, the candidate with the district indicator's own id and no group
    of its own. A town that never heard of the district's group still has its figure counted (issue 30: it was
    listed as 无当年数据); one with a group of its own belongs to that group only."""
    wanted = column_key(district)
    by_id = None
    for c in candidates:
        group, ind_id = key(c)
        if (group or ind_id) == wanted:
            return c
        if by_id is None and group is None and ind_id == district.id:
            by_id = c
    return by_id


def _own(ind: Indicator) -> tuple[str | None, str]:
    return ind.group, ind.id


def matching(district: Indicator, member: Plan) -> Indicator | None:
    """member_match over a loaded member plan's indicators."""
    return member_match(district, member.indicators, _own)


def indicator_rollup_problems(ind: Indicator) -> list[tuple[str, str]]:
    if ind.rollup is None:
        return []
    if ind.kind not in ROLLUP_KINDS or not (ind.level_unit in MONEY or ind.level_unit in COUNTS):
        return [("rollup", "rollup = \"sum\" 只用于以金额（元、万元、亿元）或计数为单位的 cumulative、level 指标，"
                           "或 value_unit 为金额或计数的 annual_rate、total_change 指标（加总其水平值）/ rollup applies "
                           "to cumulative and level indicators in money or counts, and to annual_rate and "
                           "total_change indicators whose value_unit is money or a count (their levels are added)")]
    return []


# --- across plans -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Links:
    """What the cross-plan rules need of one plan: small, so check can keep it for 10,000 plans."""

    members: tuple[str, ...]
    units: tuple[tuple[str | None, str, str], ...]  # (group, id, unit of its figures), every indicator
    rollups: tuple[Indicator, ...]                   # the rollup = "sum" indicators


def links(plan: Plan) -> Links:
    return Links(tuple(plan.info.members), tuple((i.group, i.id, figure_unit(i)) for i in plan.indicators),
                 tuple(i for i in plan.indicators if i.rollup))


def figure_unit(ind: Indicator) -> str:
    """The unit the roll-up adds an indicator's figures in: its levels' for a rate kind (value_unit)."""
    return ind.level_unit or ind.unit


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
            for ind in link.rollups:
                found = member_match(ind, all_links[member].units, lambda u: (u[0], u[1]))
                unit = figure_unit(ind)
                if found is not None and not can_convert(theirs := found[2], unit):
                    key = column_key(ind)
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
        for member in all_links.get(node, Links((), (), ())).members:
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
