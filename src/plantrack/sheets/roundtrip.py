"""What makes export → import an exact round trip: rows that would store what is already stored are skipped
and counted (not turned into revisions), and the columns export writes beside the figures (plan, name, 序号,
recorded_at, revisions) are checked against the plan instead of refused."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import TYPE_CHECKING

from plantrack.errors import Finding, PlantrackError
from plantrack.plan import Plan
from plantrack.changes import Change, build_entry
from plantrack.sheets import headers as H
from plantrack.sheets.grid import BadRows
from plantrack.sheets.layout import Pending, resolver

if TYPE_CHECKING:
    from plantrack.models import Indicator



def skip_unchanged(plan: Plan, pending: list[Pending]) -> tuple[list[Pending], int]:
    """The rows to record, and how many were skipped as storing what is already stored."""
    bad = BadRows()
    find = resolver(plan)
    for p in pending:
        if p.checks:
            _check(find(p.change.indicator), plan, p, bad)
    bad.raise_if_any()
    now = datetime.now().astimezone().replace(microsecond=0)
    keys = [None if (ind := find(p.change.indicator)) is None else (ind.id, p.change.year) for p in pending]
    # A row given twice is never skipped: recording refuses the pair, as it always has.
    twice = Counter(keys)
    kept = [p for p, key in zip(pending, keys)
            if key is None or twice[key] > 1 or not _same(plan, p.change, key, now)]
    return kept, len(pending) - len(kept)


def _same(plan: Plan, change: Change, key: tuple[str, int], now: datetime) -> bool:
    old = plan.entries(key[0]).get(key[1])
    if old is None:
        return False
    try:
        new = build_entry(plan, next(i for i in plan.indicators if i.id == key[0]), change, now)
    except PlantrackError:
        return False  # recording reports it, at its row
    return all(getattr(new, k) == getattr(old, k) for k in H.FIELDS)  # the fields import writes


def _check(ind: Indicator | None, plan: Plan, p: Pending, bad: BadRows) -> None:
    """The columns import does not write must agree with the plan the rows go into (an unknown indicator, None,
    is named by recording)."""
    path, line, _ = p.where
    for key, (cell, col) in p.checks.items():
        problem = None
        if key == "plan" and cell != plan.id:
            problem = (f"这一行属于规划 {cell!r}，而导入的目标是 {plan.id!r}（用 --plan 选择规划）/ "
                       f"the row is for plan {cell!r}, not {plan.id!r}: choose the plan with --plan")
        elif key == "name" and ind is not None and cell not in (ind.name, ind.name_en, ind.id):
            problem = (f"名称 {cell!r} 与指标 {ind.id} 的名称 {ind.name!r} 不符 / "
                       f"the name does not match indicator {ind.id}")
        elif key == "no" and ind is not None and cell.removesuffix(".0") != str(ind.no):
            problem = f"序号 {cell!r} 与指标 {ind.id} 的序号 {ind.no} 不符 / the 序号 does not match indicator {ind.id}"
        elif key == "revisions" and not (cell.isascii() and cell.removesuffix(".0").isdigit()):
            problem = f"revisions 须为修订次数（整数），而不是 {cell!r} / revisions must be a count"
        if problem:
            bad.add(Finding(path, line, col + 1, key, problem))
