"""Several plans at once (issue 19): a chosen set of plans, their rows, the roll-ups."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plantrack.overview import OverviewRow
    from plantrack.plan import Plan
    from plantrack.rollup import RollupLine


def chosen_or_all(plans_dir: Path, chosen: list[str] | None) -> list[str]:
    """The plan ids named (checked, as chosen_ids), or every plan's: the plans folder listed once."""
    from plantrack.contain import plan_ids

    return plan_ids(plans_dir) if chosen is None else chosen_ids(plans_dir, chosen)


def selected_rows(plans_dir: Path, chosen: list[str] | None, as_of: int | None) -> list[OverviewRow]:
    """The rows of the plans named (in the order named), or of every plan when `chosen` is None. An unknown
    plan id is a usage error naming the choices."""
    from plantrack.overview import load_all, rows

    return list(rows(load_all(plans_dir, chosen_or_all(plans_dir, chosen)), as_of))


def chosen_ids(plans_dir: Path, chosen: list[str], ids: list[str] | None = None) -> list[str]:
    """The plan ids named, in the order named, once each. An unknown (or no) plan id is a usage error naming
    the choices: the one refusal of every command that takes several plans (status, export, report). `ids`:
    the plans folder as the command already listed it."""
    from plantrack.contain import plan_ids

    ids = plan_ids(plans_dir) if ids is None else ids
    unknown = [c for c in chosen if c not in ids]
    if unknown or not chosen:
        from plantrack.contain import unknown_plans

        raise unknown_plans(plans_dir, unknown, ids)
    return list(dict.fromkeys(chosen))


def rollups(plans_dir: Path, rows: list[OverviewRow]) -> dict[str, list[RollupLine]]:
    """plan id -> its roll-up lines (rollup.py), for each shown plan that declares members and rollup."""
    from plantrack.contain import escape_problem
    from plantrack.filenames import PLAN_FILE
    from plantrack.check.load import load_plan
    from plantrack.rollup import rollup_lines

    out: dict[str, list[RollupLine]] = {}
    for row in rows:
        result = row.result
        if result is None or not result.info.members or not any(r.indicator.rollup for r in result.indicators):
            continue
        info = result.info
        district = _linked(load_plan(plans_dir / row.plan_id, use_cache=True)[0])
        if district is None:
            continue
        members: dict[str, Plan | None] = {}
        for member_id in info.members:
            folder = plans_dir / member_id
            # The containment rule of every command (contain.py): a member linked elsewhere is not read.
            readable = not escape_problem(plans_dir, folder) and (folder / PLAN_FILE).is_file()
            members[member_id] = _linked(load_plan(folder, use_cache=True)[0]) if readable else None
        out[row.plan_id] = rollup_lines(district, result, members)
    return out


def _linked(plan: Plan | None) -> Plan | None:
    """`plan` with its previous plan's base-year figures, as status judges it: a rate's members' levels at the
    base year are read where they are recorded (issue 30, item 3). A broken link gives no figures (None)."""
    if plan is None or plan.info.previous is None:
        return plan
    from plantrack.check.cycle.succession import link

    found = link(plan, use_cache=True)
    return None if found.findings else found.plan
