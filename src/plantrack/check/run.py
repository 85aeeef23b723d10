"""`check` as a library: walk plan folders and yield each one's findings, one plan at a time.

Many plans (a provincial repository may hold thousands) are checked on every core: plan folders are handed to
worker processes in chunks (pool.py), and results come back in order as they are ready, so memory does not
grow with the number of plans; a worker that dies becomes an error naming the plan it was on. The one rule
that spans plans (no two claim one id) is applied here, in order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from plantrack.documents import read_document
from plantrack.errors import Finding, PlantrackError
from plantrack.contain import display_path, escape_problem, find_plan_dirs
from plantrack.check.load import load_plan
from plantrack.plan import PLAN_FILE, Plan
from plantrack.text import safe

if TYPE_CHECKING:
    from plantrack.check.cycle.members import Links



@dataclass(frozen=True)
class PlanCheck:
    directory: Path
    plan_id: str | None       # set when the plan loaded cleanly
    indicators: int
    actuals: int
    findings: list[Finding]
    # Shown, failing only under --strict: implausible jumps in recorded figures (plausibility.py), a plan left
    # open long after its end (check/cycle/lifecycle.py).
    warnings: list[Finding] = field(default_factory=list)
    # What the cross-plan rules of members and roll-up need (check/cycle/members.py, issue 19).
    links: Links | None = None  # set with plan_id


def check_paths(paths: Iterable[Path], jobs: int | None = None, plans_folder: bool = False) -> Iterator[PlanCheck]:
    """Each plan under `paths`, loaded and checked; two folders claiming one plan id is a finding.
    `plans_folder`: the path is the plans folder (`check` without PATH), refused as every command refuses it."""
    from plantrack.contain import plan_ids
    from plantrack.readfile import missing

    paths = [p for p in paths if not _settings_file(p)]
    # A missing path is a usage error; say so now, before any output has started (JSON must not be cut short).
    for path in paths:
        if not _exists(path):
            if plans_folder:
                plan_ids(path)  # contain's refusal of a missing plans folder (where to set it, plantrack init)
            # The path is typed text: a newline in it must not add a line to the message (controls escaped).
            raise PlantrackError(missing(safe(path)), code=2)
    return _check_each(paths, jobs)


def _settings_file(path: Path) -> bool:
    """A plantrack.toml named by pre-commit: read as every command reads it (config.py), which refuses a broken
    one with FILE:LINE:COL; it holds no plan, so nothing more is checked in it."""
    from plantrack.config import CONFIG_FILE, read_settings

    if path.name != CONFIG_FILE or not path.is_file():
        return False
    read_settings(path)
    return True


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except PermissionError:  # it may well exist, in a folder that cannot be searched: check_one says so
        return True


def check_one(directory: Path) -> PlanCheck:
    """One plan folder's findings (run in a worker process for large inputs)."""
    if problem := escape_problem(directory.parent, directory):
        return PlanCheck(directory, None, 0, 0, [Finding(display_path(directory), 1, 1, "", problem)])
    plan, findings = load_plan(directory)
    if plan is None:
        return PlanCheck(directory, None, 0, 0, findings)
    from plantrack.check.cycle.lifecycle import review  # the previous plan, the closed date, placeholders

    errors, warnings = review(plan)
    if errors:
        return PlanCheck(directory, None, 0, 0, errors, warnings)
    # The office's own words beside the plan (report.toml) are checked like the plan's files (office.py).
    from plantrack.office import load_office
    from plantrack.check.cycle.members import links

    _, office = load_office(directory, {i.id for i in plan.indicators})
    return PlanCheck(directory, plan.id, len(plan.indicators), sum(map(len, plan.figures().values())),
                     _sourceless(directory, plan) + office,
                     _warnings(directory, plan) + warnings, links(plan))


def _sourceless(directory: Path, plan: Plan) -> list[Finding]:
    """Each figure without a source, when plantrack.toml requires one for this plans folder (issue 30, item 4):
    an error at its [indicator.year] table, or at its empty `source`."""
    from plantrack.config import source_required
    from plantrack.check.rules import source_problem
    from plantrack.plan import ACTUALS_FILE

    if not source_required(directory.parent):
        return []
    missing = [(ind_id, year, message) for ind_id, years in plan.figures().items() for year, entry in years.items()
               if (message := source_problem(entry, True))]
    if not missing:
        return []
    path = directory / ACTUALS_FILE
    doc, _ = read_document(path, display_path(path))  # read again only to point at the entries
    out: list[Finding] = []
    for ind_id, year, message in missing:
        loc, name = (ind_id, str(year), "source"), f"{ind_id}.{year}.source"
        out.append(doc.finding(loc, name, message) if doc else Finding(display_path(path), 1, 1, name, message))
    return out


def _warnings(directory: Path, plan: Plan) -> list[Finding]:
    from plantrack.plausibility import plan_slips
    from plantrack.plan import ACTUALS_FILE

    slips = plan_slips(plan.indicators, plan.figures())
    if not slips:
        return []
    path = directory / ACTUALS_FILE
    doc, _ = read_document(path, display_path(path))  # read again only to point at the figures
    out: list[Finding] = []
    for slip in slips:
        loc, name = (slip.indicator, str(slip.year), "value"), f"{slip.indicator}.{slip.year}.value"
        out.append(doc.finding(loc, name, slip.warning) if doc else Finding(display_path(path), 1, 1, name, slip.warning))
    return out


def _check_each(paths: list[Path], jobs: int | None) -> Iterator[PlanCheck]:
    seen: dict[str, str] = {}
    held: list[tuple[str, PlanCheck]] = []  # plans that declare members: judged once every plan is known (issue 19)
    all_links: dict[str, Links] = {}
    broken: set[str] = set()  # folders with errors: a member there is "a plan with errors", not "not found"
    for result in _results(list(find_plan_dirs(paths)), jobs):
        if result.plan_id is None:
            broken.add(result.directory.name)
        if (plan_id := result.plan_id) is not None:
            where = display_path(result.directory / PLAN_FILE)
            if plan_id in seen:
                finding = _duplicate_id(result.directory / PLAN_FILE, where, plan_id, seen[plan_id])
                result = replace(result, plan_id=None, findings=[finding])
            else:
                seen[plan_id] = where
                if result.links is not None:  # always, for a plan that loaded (plan_id is set)
                    all_links[plan_id] = result.links
                    if result.links.members:
                        held.append((plan_id, result))
                        continue
        yield result
    if held:
        from plantrack.check.cycle.members import member_problems, reach

        for _, result in held:  # members not among the folders checked (`check plans/district`): read beside it
            reach(all_links, broken, result.links.members if result.links else (), _beside(result.directory.parent))
        problems = member_problems(all_links, broken)
        for plan_id, result in held:
            if messages := problems.get(plan_id):
                result = replace(result, plan_id=None, findings=[_members_finding(result.directory, m) for m in messages])
            yield result


def _beside(plans_dir: Path) -> Callable[[str], Links | str]:
    """A member folder that was not among those checked, judged by check's own rules (members.reach)."""
    from plantrack.contain import holds_plan
    from plantrack.check.cycle.members import ABSENT, BROKEN

    def judged(member: str) -> Links | str:
        if not holds_plan(plans_dir / member):
            return ABSENT
        checked = check_one(plans_dir / member)
        return checked.links if checked.plan_id is not None and checked.links is not None else BROKEN

    return judged


def _members_finding(directory: Path, message: str) -> Finding:
    path = directory / PLAN_FILE
    doc, _ = read_document(path, display_path(path))
    return doc.finding(("plan", "members"), "plan.members", message) if doc else \
        Finding(display_path(path), 1, 1, "plan.members", message)


def _results(directories: list[Path], jobs: int | None) -> Iterator[PlanCheck]:
    from plantrack.pool import PARALLEL_FROM, each

    if len(directories) >= PARALLEL_FROM:
        # Under fork the workers inherit the validation stack imported here (spawn imports it in each).
        import plantrack.check.schema  # noqa: F401
    return each(_check_in_worker, directories, describe=display_path, workers=jobs)


def _check_in_worker(directory: Path) -> PlanCheck:
    return check_one(directory)  # looked up when called: a test may replace check_one before a fork


def _duplicate_id(path: Path, where: str, plan_id: str, first: str) -> Finding:
    message = f"规划编号 {plan_id} 已被 {first} 使用 / plan id already used by {first}"
    doc, _ = read_document(path, where)  # it loaded a moment ago; read again only to point at the id
    return doc.finding(("plan", "id"), "plan.id", message) if doc else Finding(where, 1, 1, "plan.id", message)
