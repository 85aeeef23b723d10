"""One plan folder loaded: its files read and validated (loader.py), then check's rules of one plan
(rules.py; partial.py for a plan.toml that failed its schema): the Plan, or every finding and where.

Each file is read once, and exactly those bytes are parsed, validated, checked and (with `use_cache`) looked up
in or stored to the cache of checked plans (cache.py): a second read could see another file (an A→B→A change
cached B's plan under A's bytes, issue 13). A write must never start from the cache: under its lock it loads
without it (`load_fresh`).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from plantrack.errors import Finding
from plantrack.loader import file_bytes, in_file_order, read_entries, read_plan_file
from plantrack.models import Entry
from plantrack.plan import Plan

if TYPE_CHECKING:
    from plantrack.documents import Document
    from plantrack.models import Indicator, PlanInfo


def load_plan(directory: Path, *, use_cache: bool = False,
              files: tuple[bytes | None, bytes | None] | None = None) -> tuple[Plan | None, list[Finding]]:
    """The plan in `directory` and no findings, or None and every finding. `files`: the bytes already read by
    `loader.file_bytes`, when the caller keys something by them and must be given the plan parsed from exactly
    those."""
    files, unreadable = file_bytes(directory) if files is None else (files, [])
    if unreadable:
        # An unreadable actuals file: the plan is still validated, so `check` reports every problem at once.
        _, findings = load_files(directory, files) if files[0] is not None else (None, [])
        return None, findings + unreadable
    if not use_cache:
        return load_files(directory, files)
    from plantrack import cache

    if (hit := cache.get(directory, files)) is not None:
        return dataclasses.replace(hit, directory=directory), []
    plan, findings = load_files(directory, files)
    if plan is not None:
        cache.put(directory, files, plan)
    return plan, findings


def load_fresh(directory: Path) -> tuple[Plan | None, list[Finding], bytes | None]:
    """`load_plan` without the cache, for a write under its lock; also the plan.toml bytes it parsed, which
    the write checks its new actuals.toml against (`load_files`)."""
    files, unreadable = file_bytes(directory)
    if unreadable:
        return None, unreadable, None
    return *load_files(directory, files), files[0]


def load_files(directory: Path, files: tuple[bytes | None, bytes | None]) -> tuple[Plan | None, list[Finding]]:
    """The plan that `files` (plan.toml's and actuals.toml's bytes) load as in `directory`: the one parse
    behind load_plan and load_fresh, and how a write checks the bytes it is about to write exactly as the
    loader will read them back (recording.py)."""
    # The validation stack (tomllib, pydantic, the checks) is imported only when files must be validated.
    from plantrack.check.rules import check_plan

    plan_bytes, actuals_bytes = files
    assert plan_bytes is not None
    plan_doc, plan_file, findings = read_plan_file(directory, plan_bytes)
    if plan_doc is None:
        return None, findings
    if plan_file is None:
        # Not a reason to hold the other errors back for a second run: the parts that validated are checked.
        from plantrack.check.partial import check_what_validated

        findings += check_what_validated(plan_doc.data, plan_doc, directory.name)
        findings += _actuals_beside_a_broken_plan(directory, actuals_bytes, plan_doc.data)
        return None, in_file_order(findings, directory)
    findings = check_plan(plan_file, plan_doc, directory.name)
    actuals: dict[str, dict[int, Entry]] = {}
    if actuals_bytes is not None:
        doc, entries, more = read_entries(directory, actuals_bytes, {i.id for i in plan_file.indicators})
        findings += more
        by_id = {i.id: i for i in plan_file.indicators}
        for (ind_id, year_key), entry in entries.items():
            findings += _entry_findings(doc, by_id[ind_id], year_key, entry, plan_file.plan)
            actuals.setdefault(ind_id, {})[int(year_key)] = entry
        actuals = {ind_id: dict(sorted(years.items())) for ind_id, years in actuals.items()}
    if findings:
        return None, in_file_order(findings, directory)
    indicators = tuple(sorted(plan_file.indicators, key=lambda i: i.no))
    return Plan(plan_file.plan, indicators, actuals, directory), []


def _actuals_beside_a_broken_plan(directory: Path, actuals_bytes: bytes | None, data: object) -> list[Finding]:
    """actuals.toml checked as far as a plan.toml that failed its schema allows (issue 20: no error held back
    for a second run): its TOML, its tables against the indicator ids plan.toml names, each entry's shape, and
    the entry rules for the indicators that validated when [plan] did too."""
    from plantrack.check.partial import validated_parts

    if actuals_bytes is None:
        return []
    info, indicators, named = validated_parts(data)
    doc, entries, findings = read_entries(directory, actuals_bytes, named)
    by_id = {i.id: i for i in indicators}
    for (ind_id, year_key), entry in entries.items():
        if info is None or ind_id not in by_id:
            continue  # its indicator (or [plan]) has errors of its own: the entry's rules wait for it
        findings += _entry_findings(doc, by_id[ind_id], year_key, entry, info)
    return findings


def _entry_findings(doc: Document | None, ind: Indicator, year_key: str, entry: Entry,
                    info: PlanInfo) -> list[Finding]:
    """check's rules of one entry (rules.entry_problems), located in actuals.toml."""
    from plantrack.check.rules import entry_problems

    found = []
    for key, message in entry_problems(ind, int(year_key), entry, info):
        field = ".".join(p for p in (ind.id, year_key, key) if p)
        assert doc is not None  # entries come from a document
        found.append(doc.finding((ind.id, year_key, key) if key else (ind.id, year_key), field, message))
    return found

