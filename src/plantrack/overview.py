"""The overview of several plans (`status` without --plan, the matrix, the district report): the one path.

Each plan is read once (loaded and linked to its previous plan); then the as-of year is checked against every
plan's period, before any plan is judged; then each plan is judged once, as its row is written (issue 26).
In this process: worker processes that return loaded plans measured slower than none at 100 and 300 plans
(sending a plan back costs about what loading it from the cache does); docs/performance.md has the figures.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from plantrack.errors import Finding
from plantrack.contain import display_path, escape_problem
from plantrack.check.load import load_plan
from plantrack.plan import Plan
from plantrack.progress import PlanResult, evaluate_plan


@dataclass(frozen=True)
class OverviewRow:
    plan_id: str
    result: PlanResult | None
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Loaded:
    """A plan read and linked, or the findings that stopped it."""

    plan_id: str
    plan: Plan | None
    findings: tuple[Finding, ...]


def load_all(plans_dir: Path, ids: Sequence[str]) -> list[Loaded]:
    """Each plan of `ids`, in order."""
    return [load_one(plans_dir, plan_id) for plan_id in ids]


def load_one(plans_dir: Path, plan_id: str) -> Loaded:
    folder = plans_dir / plan_id
    # The containment rule of every command (contain.py): a folder or file linked elsewhere is an error
    # row with check's own finding, and none of its content is read.
    if problem := escape_problem(plans_dir, folder):
        return Loaded(plan_id, None, (Finding(display_path(folder), 1, 1, "", problem),))
    plan, findings = load_plan(folder, use_cache=True)
    if plan is None:
        return Loaded(plan_id, None, tuple(findings))
    from plantrack.check.cycle.succession import link  # the previous plan's base-year figures (succession.py)

    linked = link(plan, use_cache=True)
    if linked.findings:
        return Loaded(plan_id, None, tuple(linked.findings))
    if linked.plan.info.members:  # a district: its member list must pass check's rules, or no total is shown (issue 25)
        from plantrack.opening import district_findings

        if found := district_findings(linked.plan, use_cache=True):
            return Loaded(plan_id, None, found)
    return Loaded(plan_id, linked.plan, ())


def check_as_of(loaded: Sequence[Loaded], as_of: int | None) -> None:
    """Each plan is shown at the as-of year clamped into its own period; a year outside every plan (earliest
    start to latest end + AS_OF_AFTER_END) is a typing mistake, refused as a single plan's would be."""
    infos = [one.plan.info for one in loaded if one.plan is not None]
    if as_of is None or not infos:
        return
    from plantrack.errors import usage_error
    from plantrack.progress.engine import AS_OF_AFTER_END

    first, last = min(i.start for i in infos), max(i.end for i in infos) + AS_OF_AFTER_END
    if not first <= as_of <= last:
        raise usage_error(f"--as-of {as_of} 不在各规划的评估范围 {first}–{last} 内 / "
                          f"the as-of year is outside every plan: use a year from {first} to {last}")


def judge(one: Loaded, as_of: int | None) -> OverviewRow:
    """The row of a loaded plan: judged at the as-of year clamped into its own period."""
    if one.plan is None:
        return OverviewRow(one.plan_id, None, one.findings)
    info = one.plan.info
    year = None if as_of is None else min(max(as_of, info.start), info.end)
    return OverviewRow(one.plan_id, evaluate_plan(one.plan, year), ())


def rows(loaded: Sequence[Loaded], as_of: int | None) -> Iterator[OverviewRow]:
    """Each plan judged, as it is asked for."""
    return (judge(one, as_of) for one in loaded)
