"""The plan a command acts on: `chosen_plan` (which one, decided before anything is opened: named, the
default plan, or none for status's overview), `open_plan` (that one plan), `open_linked` (with its previous
plan's base-year figures read in), and their refusals, with check's own findings: a plan whose files have
errors, a broken link to the previous plan (check/cycle/succession.py), a district whose members break
check's rules (check/cycle/members.py). The top of the check stage: recording, the overview, the reports and
the commands open plans here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from plantrack.check.load import load_plan
from plantrack.contain import display_path, escape_problem, plan_ids
from plantrack.errors import EXIT_FINDINGS, PlantrackError
from plantrack.fields import id_problem
from plantrack.plan import PLAN_FILE
from plantrack.text import safe

if TYPE_CHECKING:
    from plantrack.check.cycle.members import Links
    from plantrack.errors import Finding
    from plantrack.plan import Plan


def open_linked(plans_dir: Path, plan_id: str | None, ids: list[str] | None = None) -> Plan:
    """open_plan, with the previous plan's base-year figures read in: what status, report and show use.
    A broken link (a missing previous plan, a loop, a figure recorded twice with different values) refuses the
    command like any other error in the files, with check's own findings (check/cycle/succession.py); so does a
    district whose members break check's rules (check/cycle/members.py): a member listed twice, a cycle, a
    member with errors."""
    plan = open_plan(plans_dir, plan_id, ids)
    if plan.info.previous is not None:  # most plans: succession.py (~0.5 ms to import) is not needed on `status`'s path
        plan = linked_or_refused(plan)
    if plan.info.members:  # a district whose member list breaks check's rules: refused likewise (issue 25)
        if found := district_findings(plan, use_cache=True):
            raise PlantrackError(
                f"规划 {plan.id} 的成员 members 有错误，无法核对成员合计，请先修正（plantrack check）/ plan {plan.id}'s "
                "members have errors, so no members' total can be made: fix them first",
                findings=found,
            )
    return plan


def open_plan(plans_dir: Path, plan_id: str | None, ids: list[str] | None = None) -> Plan:
    """The one plan a command acts on; `plan_id` may be left out when the folder holds one plan, or when
    `chosen_plan` picks one. `ids`: the plans folder as the command already listed it (listed here otherwise)."""
    plan_id, ids = chosen_plan(plans_dir, plan_id, ids)
    if plan_id is None:
        if not ids:
            raise PlantrackError(
                f"{display_path(plans_dir)} 中还没有规划：plantrack init --example 复制示例规划，plantrack init 规划编号 "
                f"新建一个 / no plan in {display_path(plans_dir)} yet: plantrack init --example copies the example "
                "plan, plantrack init ID starts one", code=2)
        if len(ids) != 1:
            raise PlantrackError(
                f"{display_path(plans_dir)} 中有 {len(ids)} 个规划，请用 --plan 指定其一 / "
                f"{len(ids)} plans here: choose one with --plan. 可选 / choices: {safe(', '.join(ids)) or '—'}",
                code=2,
            )
        plan_id = ids[0]
    if id_problem(plan_id) or plan_id not in ids:
        from plantrack.contain import unknown_plans

        raise unknown_plans(plans_dir, [plan_id], ids)
    if problem := escape_problem(plans_dir, plans_dir / plan_id):
        raise PlantrackError(problem, code=EXIT_FINDINGS)
    plan, findings = load_plan(plans_dir / plan_id, use_cache=True)
    if plan is None:
        raise PlantrackError(
            f"规划 {plan_id} 的文件有错误，请先修正（plantrack check）/ plan {plan_id} has errors: fix them first",
            findings=tuple(findings),
        )
    return plan


def chosen_plan(plans_dir: Path, plan_id: str | None, ids: list[str] | None = None, *,
                default: bool = True) -> tuple[str | None, list[str]]:
    """Which plan a command acts on, decided before any plan is opened, and the plans folder as listed (`ids`:
    as the command already listed it). `plan_id` named is checked as an id first. Left out when the folder
    holds several plans: the default plan (config.default_plan: the plan folder you are in, or plantrack.toml's
    plan), unless `default` is off (`status --matrix` shows every plan). None when no plan is named or chosen:
    open_plan then takes the folder's only plan or refuses; `status` shows the overview of several."""
    if plan_id is not None and (problem := id_problem(plan_id, "plan ")):
        # Refused before any file is looked at: an id becomes a path (reliability.md, promise 5).
        raise PlantrackError(problem, code=2)
    ids = plan_ids(plans_dir) if ids is None else ids
    if plan_id is None and default and len(ids) > 1:
        from plantrack.config import default_plan

        plan_id = default_plan(plans_dir)
    return plan_id, ids


def linked_or_refused(plan: Plan) -> Plan:
    """`plan` with its previous plan's base-year figures, or refused with check's findings on the link."""
    from plantrack.check.cycle.succession import link

    result = link(plan, use_cache=True)
    if result.findings:
        raise PlantrackError(
            f"规划 {plan.id} 与上一规划 {plan.info.previous} 的衔接有错误，请先修正（plantrack check）/ "
            f"plan {plan.id}'s link to its previous plan {plan.info.previous} has errors: fix them first",
            findings=result.findings,
        )
    return result.plan


def district_findings(plan: Plan, *, use_cache: bool) -> tuple[Finding, ...]:
    """check's member findings for one district, read from the plan folders beside it: what status, report
    and show refuse a district with, as they refuse a broken `previous` link (check/cycle/succession.py). A
    member counts as having errors when it would be an error row of the overview itself (its files, its previous
    plan)."""
    if not plan.info.members or plan.directory is None:
        return ()
    from plantrack.check.cycle.members import links, member_problems, reach
    from plantrack.check.cycle.succession import Locator

    plans_dir = plan.directory.parent
    all_links, broken = {plan.id: links(plan)}, set[str]()
    reach(all_links, broken, plan.info.members, lambda member: _opened(plans_dir, member, use_cache))
    at = Locator(plan, PLAN_FILE)
    return tuple(at.plan_key("members", m) for m in member_problems(all_links, broken).get(plan.id, []))


def _opened(plans_dir: Path, member: str, use_cache: bool) -> Links | str:
    from plantrack.check.cycle.members import ABSENT, BROKEN, links
    from plantrack.check.cycle.succession import link
    from plantrack.contain import holds_plan

    folder = plans_dir / member
    if escape_problem(plans_dir, folder):  # the containment rule of every reader (contain.py): not read
        return BROKEN
    if not holds_plan(folder):
        return ABSENT
    found, _ = load_plan(folder, use_cache=use_cache)
    if found is None or link(found, use_cache=use_cache).findings:
        return BROKEN
    return links(found)
