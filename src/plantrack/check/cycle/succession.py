"""One source for the figures two successive plans share: `[plan] previous` (decisions.md, "Successive and
finished plans").

The 15th plan's base year (2025) is the 14th plan's last year: the figure is recorded once, in the 14th plan's
actuals.toml, and the 15th reads it from there. Years up to and including a plan's base year that the plan
itself does not record are taken from the previous plan's actuals (for the indicator of the same id, or the one
its `previous_id` names); the previous plan's own previous plan is followed the same way, so a long history
reads back through every plan that recorded it. A figure recorded in both plans must be the same figure:
different values are an error naming both places.

Why the link is applied here, on top of the loader, and not inside it: the cache of validated plans
(cache.py) is keyed on one folder's own bytes. Each plan is loaded (and cached) on its own (check/load.py);
the merge is done afresh on every command from the plans as they are now, so revising the 14th plan's 2025 figure shows in the
15th plan's status at once, and no cached plan can go stale through another folder's change.

The previous plan is read under the same containment rule as every plan (contain.py): it must be a folder of
the same plans directory, not a link leading out of it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from plantrack.errors import Finding
from plantrack.models import Entry, Indicator
from plantrack.plan import ACTUALS_FILE, PLAN_FILE, Plan
from plantrack.check.rules import HISTORY_YEARS  # one limit for recorded and linked history years

if TYPE_CHECKING:
    from plantrack.documents import Document

# A chain of previous plans longer than this is a loop or a mistake (ten five-year plans are fifty years).
MAX_CHAIN = 12


@dataclass(frozen=True)
class Linked:
    """A plan with the previous plans' figures merged in, and what is wrong with the link (check's findings)."""

    plan: Plan
    findings: tuple[Finding, ...] = ()


def link(plan: Plan, *, use_cache: bool, chain: tuple[str, ...] = ()) -> Linked:
    """`plan` with the years up to its base year that it does not record read from its previous plan."""
    info = plan.info
    if info.previous is None or plan.directory is None:
        return Linked(plan)
    chain = (*chain, info.id)
    at_previous = Locator(plan, PLAN_FILE)
    if info.previous in chain or len(chain) > MAX_CHAIN:
        loop = " → ".join((*chain, info.previous))
        return Linked(plan, (at_previous.plan_key("previous", f"上一规划的链条形成循环：{loop}；请改正 previous / "
                                                  f"the chain of previous plans loops: {loop}. Fix previous"),))
    previous, problem = _load_previous(plan, use_cache)
    if previous is None:
        return Linked(plan, (at_previous.plan_key("previous", problem),))
    earlier = link(previous, use_cache=use_cache, chain=chain)
    if earlier.findings:
        first = earlier.findings[0]
        return Linked(plan, (at_previous.plan_key(
            "previous", f"上一规划 {info.previous} 的衔接有错误：{first} / the previous plan's own link has errors: "
                        f"run plantrack check on {info.previous}"),))
    return _merge(plan, earlier.plan)


def _load_previous(plan: Plan, use_cache: bool) -> tuple[Plan | None, str]:
    from plantrack.contain import escape_problem, holds_plan
    from plantrack.check.load import load_plan

    assert plan.directory is not None and plan.info.previous is not None
    plans_dir, previous_id = plan.directory.parent, plan.info.previous
    folder = plans_dir / previous_id
    if problem := escape_problem(plans_dir, folder):
        return None, problem
    if not holds_plan(folder):
        return None, (f"找不到上一规划 {previous_id}（应在 {_shown(folder)}/plan.toml）；请把它放进同一规划目录，"
                      f"或改正 previous / the previous plan {previous_id} was not found (expected "
                      f"{_shown(folder)}/plan.toml): put it in the same plans directory or correct previous")
    previous, findings = load_plan(folder, use_cache=use_cache)
    if previous is None:
        return None, (f"上一规划 {previous_id} 的文件有错误（共 {len(findings)} 处），请先修正：plantrack check "
                      f"{_shown(folder)} / the previous plan {previous_id} has errors: run plantrack check on it")
    if previous.id != previous_id:
        return None, f"上一规划文件夹 {previous_id} 中的规划编号是 {previous.id} / the previous plan's id differs"
    return previous, ""


def _merge(plan: Plan, previous: Plan) -> Linked:
    from plantrack.check.rules import entry_problems

    info = plan.info
    earliest = info.start - HISTORY_YEARS
    actuals = {k: dict(v) for k, v in plan.actuals.items()}
    findings: list[Finding] = []
    plan_at, own_at, theirs_at = Locator(plan, PLAN_FILE), Locator(plan, ACTUALS_FILE), Locator(previous, ACTUALS_FILE)
    for ind in plan.indicators:
        source = source_indicator(ind, previous)
        if source is None:
            if ind.previous_id is not None:
                findings.append(plan_at.indicator_key(ind, "previous_id", (
                    f"上一规划 {previous.id} 中没有指标 {ind.previous_id}；请改正 previous_id / "
                    f"no indicator {ind.previous_id} in the previous plan {previous.id}: correct previous_id")))
            continue
        own = plan.entries(ind.id)
        for year, theirs in previous.entries(source.id).items():
            if not earliest <= year <= info.base:
                continue
            if year in own:
                if differ(own[year], theirs, ind):
                    findings.append(_conflict(ind, source, year, own[year], theirs, own_at, theirs_at, previous))
                continue
            problems = entry_problems(ind, year, theirs, info)
            if problems:
                findings.append(plan_at.indicator_key(ind, "previous_id" if ind.previous_id else "id", (
                    f"上一规划 {previous.id} 中 {source.id} 的 {year} 年数值不能作为本指标的数值：{problems[0][1]}；"
                    f"请检查两个规划中该指标的类型和单位 / the previous plan's {source.id} {year} cannot be read as "
                    "this indicator's figure: check both plans' kind and unit")))
                break
            actuals.setdefault(ind.id, {})[year] = theirs
    merged = {k: dict(sorted(v.items())) for k, v in actuals.items()}
    return Linked(replace(plan, actuals=merged), tuple(findings))


def source_indicator(ind: Indicator, previous: Plan) -> Indicator | None:
    """The previous plan's indicator that `ind` continues: the one its previous_id names, or the same id."""
    wanted = ind.previous_id or ind.id
    return next((i for i in previous.indicators if i.id == wanted), None)


def differ(own: Entry, theirs: Entry, ind: Indicator) -> bool:
    """Whether two records of one indicator-year say different things (the same value in 万元 and 亿元 does not)."""
    if own.rate != theirs.rate or own.assessment != theirs.assessment:
        return True
    if (own.value is None) != (theirs.value is None):
        return True
    if own.value is None or theirs.value is None:
        return False
    return _in_level_unit(own.value, own.unit, ind) != _in_level_unit(theirs.value, theirs.unit, ind)


def _in_level_unit(value: Decimal, unit: str | None, ind: Indicator) -> Decimal | tuple[Decimal, str | None]:
    from plantrack.units import can_convert, convert

    target = ind.level_unit
    if unit is None or target is None or unit == target:
        return value.normalize()
    if can_convert(unit, target):
        return convert(value, unit, target).normalize()
    return value, unit  # not comparable: only equal to the very same value in the very same unit


def _conflict(ind: Indicator, source: Indicator, year: int, own: Entry, theirs: Entry, own_at: Locator,
              theirs_at: Locator, previous: Plan) -> Finding:
    from plantrack.plan import describe  # the words `record` uses for an entry

    there = theirs_at.where((source.id, str(year)))
    return own_at.entry(ind.id, year, (
        f"{year} 年的数值已记录在上一规划 {previous.id}（{there}：{describe(theirs)}），这里记为 {describe(own)}，"
        f"两者不同。同一数值只应记一次：请删除这里的记录（本规划会读取上一规划的数值），或先在上一规划中修正 / "
        f"{year} is recorded in the previous plan {previous.id} at {there} with a different figure: delete this "
        f"entry (this plan reads the previous plan's), or correct it there first"))


class Locator:
    """Where a key of a plan's file is, for a finding: the file is read again only when a finding is made."""

    def __init__(self, plan: Plan, name: str):
        assert plan.directory is not None
        self.path = plan.directory / name
        self._doc: Document | None = None

    def _document(self) -> Document | None:
        from plantrack.documents import read_document

        if self._doc is None:
            self._doc, _ = read_document(self.path, _shown(self.path), allow_empty=True)
        return self._doc

    def _finding(self, loc: tuple[str | int, ...], field: str, message: str) -> Finding:
        doc = self._document()
        if doc is None:
            return Finding(_shown(self.path), 1, 1, field, message)
        return doc.finding(loc, field, message)

    def where(self, loc: tuple[str | int, ...]) -> str:
        found = self._finding(loc, "", "")
        return f"{found.path}:{found.line}:{found.col}"

    def plan_key(self, key: str, message: str) -> Finding:
        return self._finding(("plan", key), f"plan.{key}", message)

    def indicator_key(self, ind: Indicator, key: str, message: str) -> Finding:
        doc = self._document()
        tables = getattr(doc, "data", {}).get("indicators", []) if doc is not None else []
        index = next((i for i, t in enumerate(tables) if isinstance(t, dict) and t.get("id") == ind.id), 0)
        return self._finding(("indicators", index, key), f"indicators.{index}.{key}", message)

    def entry(self, ind_id: str, year: int, message: str) -> Finding:
        return self._finding((ind_id, str(year)), f"{ind_id}.{year}", message)


def _shown(path: Path) -> str:
    from plantrack.contain import display_path

    return display_path(path)


def base_year_refusal(plan: Plan, ind: Indicator, year: int) -> str | None:
    """Why `record` must not store this year in this plan: the figure lives in the previous plan's actuals
    (None when it may be stored here: no previous plan, a year after the base year, or an indicator the
    previous plan does not have)."""
    info = plan.info
    if info.previous is None or year > info.base or plan.directory is None:
        return None
    previous, _ = _load_previous(plan, use_cache=True)
    if previous is None:
        return None  # a broken link is check's to report; the figure can only live here for now
    source = source_indicator(ind, previous)
    if source is None:
        return None
    folder = _shown(previous.directory / ACTUALS_FILE) if previous.directory else previous.id
    return (f"{year} 年不晚于本规划的基期年 {info.base}：该数值属于上一规划 {previous.id}，记在 {folder}，"
            f"本规划直接读取，不另存一份。请记到上一规划：plantrack record {source.id} {year} … --plan {previous.id}"
            f"（已有记录时加 --force 修订）。没有写入任何数据 / {year} is not after this plan's base year {info.base}: "
            f"the figure belongs to the previous plan {previous.id} ({folder}), which this plan reads. Record it "
            f"there: plantrack record {source.id} {year} … --plan {previous.id}. Nothing was written")
