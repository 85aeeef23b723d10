"""`check` as a library: walk plan folders and yield each one's findings, one plan at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from plantrack.documents import read_document
from plantrack.errors import Finding, PlantrackError
from plantrack.loader import display_path, escape_problem, find_plan_dirs, load_plan
from plantrack.plan import PLAN_FILE, Plan
from plantrack.render.safe import safe


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
    paths = list(paths)
    # A missing path is a usage error; say so now, before any output has started (JSON must not be cut short).
    for path in paths:
        if not path.exists():
            # The path is typed text: a newline in it must not add a line to the message (controls escaped).
            shown = safe(path)
            raise PlantrackError(f"找不到 {shown} / {shown} does not exist", code=2)
    return _check_each(paths)


def _check_each(paths: list[Path]) -> Iterator[PlanCheck]:
    seen: dict[str, str] = {}
    for directory in find_plan_dirs(paths):
        if problem := escape_problem(directory.parent, directory):
            yield PlanCheck(directory, None, [Finding(display_path(directory), 1, 1, "", problem)])
            continue
        plan, findings = load_plan(directory)
        if plan is not None:
            where = display_path(directory / PLAN_FILE)
            if plan.id in seen:
                findings = [_duplicate_id(directory / PLAN_FILE, where, plan.id, seen[plan.id])]
                plan = None
            else:
                seen[plan.id] = where
        yield PlanCheck(directory, plan, findings)


def _duplicate_id(path: Path, where: str, plan_id: str, first: str) -> Finding:
    message = f"规划编号 {plan_id} 已被 {first} 使用 / plan id already used by {first}"
    doc, _ = read_document(path, where)  # it loaded a moment ago; read again only to point at the id
    return doc.finding(("plan", "id"), "plan.id", message) if doc else Finding(where, 1, 1, "plan.id", message)
