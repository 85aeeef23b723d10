"""`check` as a library: walk plan folders and yield each one's findings, one plan at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from plantrack.errors import Finding
from plantrack.loader import display_path, find_plan_dirs, load_plan
from plantrack.plan import PLAN_FILE, Plan


@dataclass(frozen=True)
class PlanCheck:
    directory: Path
    plan: Plan | None
    findings: list[Finding]

    @property
    def actual_count(self) -> int:
        return sum(len(years) for years in self.plan.actuals.values()) if self.plan else 0


def check_paths(paths: Iterable[Path]) -> Iterator[PlanCheck]:
    """Each plan under `paths`, loaded and checked; two folders claiming one plan id is a finding."""
    seen: dict[str, str] = {}
    for directory in find_plan_dirs(paths):
        plan, findings = load_plan(directory)
        if plan is not None:
            where = display_path(directory / PLAN_FILE)
            if plan.id in seen:
                findings = [Finding(where, 1, 1, "plan.id", f"规划编号 {plan.id} 已被 {seen[plan.id]} 使用 / plan id already used by {seen[plan.id]}")]
                plan = None
            else:
                seen[plan.id] = where
        yield PlanCheck(directory, plan, findings)
