"""Operations over several plans, for commands that take no --plan."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from plantrack.errors import Finding
from plantrack.loader import display_path, escape_problem, load_plan, plan_ids
from plantrack.progress import PlanResult, evaluate_plan


@dataclass(frozen=True)
class OverviewRow:
    plan_id: str
    result: PlanResult | None
    findings: tuple[Finding, ...]


def overview(plans_dir: Path, as_of: int | None) -> list[OverviewRow]:
    """One row per plan; a plan with errors is listed with them instead of a verdict."""
    rows = []
    for plan_id in plan_ids(plans_dir):
        folder = plans_dir / plan_id
        # The containment rule of every command (contain.py): a folder or file linked elsewhere is an error
        # row with check's own finding, and none of its content is read.
        if problem := escape_problem(plans_dir, folder):
            rows.append(OverviewRow(plan_id, None, (Finding(display_path(folder), 1, 1, "", problem),)))
            continue
        plan, findings = load_plan(folder, use_cache=True)
        if plan is None:
            rows.append(OverviewRow(plan_id, None, tuple(findings)))
            continue
        from plantrack.succession import link  # the previous plan's base-year figures (succession.py)

        linked = link(plan, use_cache=True)
        if linked.findings:
            rows.append(OverviewRow(plan_id, None, linked.findings))
            continue
        plan = linked.plan
        # Each plan at the year clamped into its own period; cli/status_run.py refuses a year outside them all.
        year = None if as_of is None else min(max(as_of, plan.info.start), plan.info.end)
        rows.append(OverviewRow(plan_id, evaluate_plan(plan, year), ()))
    return rows
