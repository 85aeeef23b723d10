"""`plantrack record --delete INDICATOR YEAR --reason "…"`: take a figure keyed into the wrong year out of the
computation without losing it (issue 28, item 6), and `record --restore` to put it back.

The year's table stays in actuals.toml as a removal record: `removed = "<reason>"`, `recorded_at` the time of
the removal, and the figure it removed as its last revision (`replaced_at` the same time), after that figure's
own earlier revisions. Plan.entries leaves a removal record out, so status, show, check's counts and exports see
no figure for the year; `history` lists it with its reason. Recording the year again (with `record`, or
`record --restore`, which records the removed figure exactly as it was) needs no --force and keeps the removal
record as a revision in turn: nothing is ever lost, every step is in the history.

The write is recording.write's: every check before the lock, the plan read again under it, the change made
again, the bytes verified by the loader, an atomic replace; refused on a closed plan without --force
(lifecycle.refuse_record); an entry holding a hand-written comment is refused as a revision is (tomledit.py).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from plantrack.errors import EXIT_FINDINGS, PlantrackError, usage_error
from plantrack.opening import open_plan
from plantrack.models import Entry
from plantrack.plan import Plan, Stored
from plantrack.recording import record, write
from plantrack.changes import Change, parse_year
from plantrack.text import line_problem


def remove(plans_dir: Path, plan_id: str | None, indicator: str, year: str, reason: str, *, force: bool,
           dry_run: bool, now: datetime | None = None) -> tuple[Plan, Stored]:
    """Replace the year's figure by a removal record, or refuse (and change nothing)."""
    from plantrack.check.cycle.lifecycle import refuse_record

    number = parse_year(year)
    reason = reason.strip()
    if not reason:
        raise usage_error('删除须写明原因：--reason "…"（保存在修订记录中）/ a removal needs its reason: --reason "…" '
                          "(it is kept in the history)")
    if problem := line_problem(reason):
        raise usage_error(f"--reason：{problem}")
    given = now
    now = now or datetime.now().astimezone().replace(microsecond=0)
    loaded = open_plan(plans_dir, plan_id)
    plan, stored = _removed(loaded, indicator, number, reason, now)
    refuse_record(plan, [stored], force)
    if dry_run:
        return plan, stored
    plan, written = write(plans_dir, loaded, plan, given,
                          lambda fresh, when: _as_list(_removed(fresh, indicator, number, reason, when)))
    return plan, written[0]


def restore_change(plans_dir: Path, plan_id: str | None, indicator: str, year: str) -> Change:
    """The change that records the removed figure again, exactly as it was (value, rate, unit, assessment,
    source, note); a usage error when the year holds no removal record."""
    from plantrack.numbers import fmt_exact

    number = parse_year(year)
    plan = open_plan(plans_dir, plan_id)
    ind = plan.find_indicator(indicator)
    current = plan.records(ind.id).get(number)
    if current is None or current.removed is None or not current.revisions:
        raise PlantrackError(
            f"{ind.id} {number} 没有被删除的数值，无需恢复（plantrack history {ind.id} 可查看记录）/ "
            f"{ind.id} {number} holds no removed figure to restore (see plantrack history {ind.id})",
            code=EXIT_FINDINGS)
    gone = current.revisions[-1]
    return Change(ind.id, number, None if gone.value is None else fmt_exact(gone.value),
                  None if gone.rate is None else fmt_exact(gone.rate), gone.unit, gone.assessment,
                  gone.source, gone.note)


def restore(plans_dir: Path, plan_id: str | None, indicator: str, year: str, *, force: bool, dry_run: bool,
            confirm: bool = False) -> tuple[Plan, list[Stored]]:
    change = restore_change(plans_dir, plan_id, indicator, year)
    return record(plans_dir, plan_id, [change], force=force, dry_run=dry_run, confirm=confirm)


def _as_list(pair: tuple[Plan, Stored]) -> tuple[Plan, list[Stored]]:
    return pair[0], [pair[1]]


def _removed(plan: Plan, key: str, year: int, reason: str, now: datetime) -> tuple[Plan, Stored]:
    ind = plan.find_indicator(key)
    old = plan.records(ind.id).get(year)
    if old is None or old.removed is not None:
        zh, en = ("（已删除）", " (it was removed already)") if old is not None else ("", "")
        raise PlantrackError(
            f"{ind.id} {year} 没有记录的数值{zh}，没有可删除的内容；plantrack history {ind.id} 可查看记录 / "
            f"{ind.id} {year} has no recorded figure{en}: nothing to remove", code=EXIT_FINDINGS)
    tombstone = Entry(recorded_at=now, removed=reason, revisions=[*old.revisions, old.as_revision(now)])
    actuals = {k: dict(v) for k, v in plan.actuals.items()}
    actuals[ind.id][year] = tombstone
    return replace(plan, actuals=actuals), Stored(ind, year, tombstone, old)
