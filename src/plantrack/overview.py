"""The overview of several plans (`status` without --plan): each plan evaluated, or its findings. The core twin
of render/overview.py, which prints it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from plantrack.errors import Finding
from plantrack.contain import display_path, escape_problem, plan_ids
from plantrack.loader import load_plan
from plantrack.progress import PlanResult, evaluate_plan


@dataclass(frozen=True)
class OverviewRow:
    plan_id: str
    result: PlanResult | None
    findings: tuple[Finding, ...]


def overview(plans_dir: Path, as_of: int | None) -> list[OverviewRow]:
    """One row per plan; a plan with errors is listed with them instead of a verdict."""
    ids = plan_ids(plans_dir)
    from plantrack.many import PARALLEL_FROM, overview_in_workers

    if len(ids) >= PARALLEL_FROM:  # thousands of plans: on every core, as check does (many.py, issue 19)
        if (rows := overview_in_workers(plans_dir, ids, as_of)) is not None:
            return rows
    return [overview_row(plans_dir, plan_id, as_of) for plan_id in ids]


def overview_row(plans_dir: Path, plan_id: str, as_of: int | None, *, use_cache: bool = True,
                 files: tuple[bytes | None, bytes | None] | None = None) -> OverviewRow:
    """`files`: the plan's bytes, read by a caller that has applied the containment rule itself (summary.py)."""
    folder = plans_dir / plan_id
    # The containment rule of every command (contain.py): a folder or file linked elsewhere is an error
    # row with check's own finding, and none of its content is read.
    if files is None and (problem := escape_problem(plans_dir, folder)):
        return OverviewRow(plan_id, None, (Finding(display_path(folder), 1, 1, "", problem),))
    plan, findings = load_plan(folder, use_cache=use_cache, files=files)
    if plan is None:
        return OverviewRow(plan_id, None, tuple(findings))
    from plantrack.succession import link  # the previous plan's base-year figures (succession.py)

    linked = link(plan, use_cache=use_cache)
    if linked.findings:
        return OverviewRow(plan_id, None, tuple(linked.findings))
    plan = linked.plan
    if plan.info.members:  # a district: its member list must pass check's rules, or no total is shown (issue 25)
        from plantrack.rollup import district_findings

        if found := district_findings(plan, use_cache=use_cache):
            return OverviewRow(plan_id, None, found)
    # Each plan at the year clamped into its own period; cli/status_run.py refuses a year outside them all.
    year = None if as_of is None else min(max(as_of, plan.info.start), plan.info.end)
    return OverviewRow(plan_id, evaluate_plan(plan, year), ())
