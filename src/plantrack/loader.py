"""Load a plan folder (plan.toml + actuals.toml) into a Plan, or say exactly what is wrong and where."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from typing import TYPE_CHECKING

from plantrack.contain import display_path, escape_problem, plan_ids
from plantrack.errors import EXIT_FINDINGS, Finding, PlantrackError
from plantrack.models import Entry, PlanFile, id_problem
from plantrack.plan import ACTUALS_FILE, PLAN_FILE, Plan
from plantrack.readfile import Refused, read_limited
from plantrack.text import safe

if TYPE_CHECKING:
    from plantrack.documents import Document



def load_plan(directory: Path, *, use_cache: bool = False,
              files: tuple[bytes | None, bytes | None] | None = None) -> tuple[Plan | None, list[Finding]]:
    """The plan in `directory` and no findings, or None and every finding.

    Each file is read once, and exactly those bytes are parsed, validated and (with `use_cache`) looked up in
    or stored to the cache of validated plans (cache.py): a second read could see another file (an A→B→A
    change cached B's plan under A's bytes, issue 13). A write must never start from the cache: under its lock
    it loads without it. `files`: the bytes already read by `file_bytes`, when the caller keys something by them
    and must be given the plan parsed from exactly those.
    """
    files, unreadable = file_bytes(directory) if files is None else (files, [])
    if unreadable:
        # An unreadable actuals file: the plan is still validated, so `check` reports every problem at once.
        _, findings = _load(directory, files) if files[0] is not None else (None, [])
        return None, findings + unreadable
    if not use_cache:
        return _load(directory, files)
    from plantrack import cache

    if (hit := cache.get(directory, files)) is not None:
        return dataclasses.replace(hit, directory=directory), []
    plan, findings = _load(directory, files)
    if plan is not None:
        cache.put(directory, files, plan)
    return plan, findings


def load_fresh(directory: Path) -> tuple[Plan | None, list[Finding], bytes | None]:
    """`load_plan` without the cache, for a write under its lock; also the plan.toml bytes it parsed, which
    the write checks its new actuals.toml against (`load_files`)."""
    files, unreadable = file_bytes(directory)
    if unreadable:
        return None, unreadable, None
    return *_load(directory, files), files[0]


def load_files(directory: Path, files: tuple[bytes, bytes | None]) -> tuple[Plan | None, list[Finding]]:
    """The plan that `files` (plan.toml's and actuals.toml's bytes) load as in `directory`: how a write
    checks the bytes it is about to write exactly as the loader will read them back (recording.py)."""
    return _load(directory, files)


def file_bytes(directory: Path) -> tuple[tuple[bytes | None, bytes | None], list[Finding]]:
    """plan.toml's and actuals.toml's bytes, each read once (readfile.py), and why a file could not be read.
    No actuals file is None and no finding: nothing recorded yet."""
    found: list[bytes | None] = []
    for name in (PLAN_FILE, ACTUALS_FILE):
        path = directory / name
        try:
            found.append(read_limited(path))
        except FileNotFoundError as exc:
            found.append(None)
            if name == PLAN_FILE:
                return (None, None), [_unreadable(path, f"无法读取文件 / cannot read the file: {exc.strerror or exc}")]
        except Refused as exc:
            found.append(None)
            if name == PLAN_FILE:
                return (None, None), [_unreadable(path, exc.message)]
            return (found[0], None), [_unreadable(path, exc.message)]
    return (found[0], found[1]), []


def _unreadable(path: Path, message: str) -> Finding:
    return Finding(display_path(path), 1, 1, "", message)


def _load(directory: Path, files: tuple[bytes | None, bytes | None]) -> tuple[Plan | None, list[Finding]]:
    # The validation stack (tomllib, pydantic, the checks) is imported only when files must be validated.
    from plantrack.check.rules import check_plan
    from plantrack.documents import read_document
    from plantrack.check.schema import validate

    plan_bytes, actuals_bytes = files
    assert plan_bytes is not None
    plan_doc, findings = read_document(directory / PLAN_FILE, display_path(directory / PLAN_FILE), raw=plan_bytes)
    if plan_doc is None:
        return None, findings
    plan_file, findings = validate(PlanFile, plan_doc.data, plan_doc)
    if plan_file is None:
        # Not a reason to hold the other errors back for a second run: the parts that validated are checked.
        from plantrack.check.partial import check_what_validated

        findings += check_what_validated(plan_doc.data, plan_doc, directory.name)
        findings += _actuals_beside_a_broken_plan(directory, actuals_bytes, plan_doc.data)
        return None, _in_file_order(findings, directory)
    assert isinstance(plan_file, PlanFile)
    findings = check_plan(plan_file, plan_doc, directory.name)
    actuals: dict[str, dict[int, Entry]] = {}
    actuals_path = directory / ACTUALS_FILE
    if actuals_bytes is not None:
        actuals_doc, more = read_document(actuals_path, display_path(actuals_path), allow_empty=True, raw=actuals_bytes)
        findings += more
        if actuals_doc is not None:
            actuals, more = _read_actuals(actuals_doc, plan_file)
            findings += more
    if findings:
        return None, _in_file_order(findings, directory)
    indicators = tuple(sorted(plan_file.indicators, key=lambda i: i.no))
    return Plan(plan_file.plan, indicators, actuals, directory), []


def _actuals_beside_a_broken_plan(directory: Path, actuals_bytes: bytes | None, data: object) -> list[Finding]:
    """actuals.toml checked as far as a plan.toml that failed its schema allows (issue 20: no error held back
    for a second run): its TOML, its tables against the indicator ids plan.toml names, each entry's shape, and
    the entry rules for the indicators that validated when [plan] did too."""
    from plantrack.check.partial import validated_parts
    from plantrack.check.rules import entry_problems
    from plantrack.documents import read_document

    if actuals_bytes is None:
        return []
    path = directory / ACTUALS_FILE
    doc, findings = read_document(path, display_path(path), allow_empty=True, raw=actuals_bytes)
    if doc is None:
        return findings
    info, indicators, named = validated_parts(data)
    tables, more = _year_tables(doc, set(doc.data) if named is None else named)
    findings += more
    entries, more = _entries(doc, tables)
    findings += more
    by_id = {i.id: i for i in indicators}
    for (ind_id, year_key), entry in entries.items():
        if info is None or ind_id not in by_id:
            continue  # its indicator (or [plan]) has errors of its own: the entry's rules wait for it
        for key, message in entry_problems(by_id[ind_id], int(year_key), entry, info):
            field = ".".join(p for p in (ind_id, year_key, key) if p)
            findings.append(doc.finding((ind_id, year_key, key) if key else (ind_id, year_key), field, message))
    return findings


def _in_file_order(findings: list[Finding], directory: Path) -> list[Finding]:
    """As a reader goes through the files (schema and cross-field findings interleaved)."""
    plan_shown = display_path(directory / PLAN_FILE)  # once, not per finding (60,000 findings: issue 13)
    return sorted(findings, key=lambda f: (f.path != plan_shown, f.line, f.col))


def _read_actuals(doc: Document, plan_file: PlanFile) -> tuple[dict[str, dict[int, Entry]], list[Finding]]:
    from plantrack.check.rules import entry_problems

    tables, findings = _year_tables(doc, {i.id for i in plan_file.indicators})
    entries, more = _entries(doc, tables)
    findings += more
    by_id = {i.id: i for i in plan_file.indicators}
    actuals: dict[str, dict[int, Entry]] = {}
    for (ind_id, year_key), entry in entries.items():
        for key, message in entry_problems(by_id[ind_id], int(year_key), entry, plan_file.plan):
            field = ".".join(p for p in (ind_id, year_key, key) if p)
            findings.append(doc.finding((ind_id, year_key, key) if key else (ind_id, year_key), field, message))
        actuals.setdefault(ind_id, {})[int(year_key)] = entry
    return {ind_id: dict(sorted(years.items())) for ind_id, years in actuals.items()}, findings


def _year_tables(doc: Document, known: set[str]) -> tuple[dict[str, dict[str, object]], list[Finding]]:
    """The `[<indicator>.<year>]` tables whose indicator exists and whose year is four digits."""
    tables: dict[str, dict[str, object]] = {}
    findings: list[Finding] = []
    for ind_id, years in doc.data.items():
        if ind_id not in known:
            near = _nearest(ind_id, sorted(known))
            findings.append(doc.finding((ind_id,), ind_id, f"规划中没有这个指标编号{near} / no such indicator in plan.toml"))
        elif not isinstance(years, dict):
            findings.append(doc.finding((ind_id,), ind_id, f"应为按年份分的表，例如 [{ind_id}.2021] / must be tables by year"))
        else:
            for year_key, raw in years.items():
                if year_key.isascii() and year_key.isdigit() and len(year_key) == 4:
                    tables.setdefault(ind_id, {})[year_key] = raw
                else:
                    findings.append(doc.finding((ind_id, year_key), f"{ind_id}.{year_key}",
                                                f"年份须为四位数字，例如 [{ind_id}.2021] / the year must be four digits"))
    return tables, findings


def _entries(doc: Document, tables: dict[str, dict[str, object]]) -> tuple[dict[tuple[str, str], Entry], list[Finding]]:
    """Every table validated as an Entry: in one pydantic call (fast for thousands of plans); only when that
    fails, entry by entry, so the good entries still get their cross-field checks."""
    from plantrack.check.schema import validate

    whole, findings = validate(dict[str, dict[str, Entry]], tables, doc)
    if whole is not None:
        return {(i, y): e for i, years in whole.items() for y, e in years.items()}, []
    entries = {}
    for ind_id, years in tables.items():
        for year_key, raw in years.items():
            entry, _ = validate(Entry, raw, doc, (ind_id, year_key))
            if entry is not None:
                entries[(ind_id, year_key)] = entry
    return entries, findings


def _nearest(name: str, options: list[str]) -> str:
    import difflib

    near = difflib.get_close_matches(name, options, n=1)
    return f"，是不是 {near[0]}？/ did you mean {near[0]}?" if near else ""


def open_linked(plans_dir: Path, plan_id: str | None, ids: list[str] | None = None) -> Plan:
    """open_plan, with the previous plan's base-year figures read in: what status, report and show use.
    A broken link (a missing previous plan, a loop, a figure recorded twice with different values) refuses the
    command like any other error in the files, with check's own findings (succession.py); so does a district
    whose members break check's rules (rollup.py): a member listed twice, a cycle, a member with errors."""
    plan = open_plan(plans_dir, plan_id, ids)
    if plan.info.previous is not None:  # most plans: succession.py (~0.5 ms to import) is not needed on `status`'s path
        from plantrack.succession import linked_or_refused

        plan = linked_or_refused(plan)
    if plan.info.members:  # a district whose member list breaks check's rules: refused likewise (issue 25)
        from plantrack.rollup import district_findings

        if found := district_findings(plan, use_cache=True):
            raise PlantrackError(
                f"规划 {plan.id} 的成员 members 有错误，无法核对成员合计，请先修正（plantrack check）/ plan {plan.id}'s "
                "members have errors, so no members' total can be made: fix them first",
                findings=found,
            )
    return plan


def open_plan(plans_dir: Path, plan_id: str | None, ids: list[str] | None = None) -> Plan:
    """The one plan a command acts on; `plan_id` may be left out when the folder holds one plan. `ids`: the
    plans folder as the command already listed it (listed here otherwise)."""
    if plan_id is not None and (problem := id_problem(plan_id, "plan ")):
        # Refused before any file is looked at: an id becomes a path (reliability.md, promise 5).
        raise PlantrackError(problem, code=2)
    ids = plan_ids(plans_dir) if ids is None else ids
    if plan_id is None and len(ids) > 1:
        from plantrack.config import default_plan  # the plan folder you are in, or plantrack.toml's plan

        plan_id = default_plan(plans_dir)
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
        near = _nearest(plan_id, ids)
        raise PlantrackError(
            f"没有规划 {plan_id!r}{safe(near)} / no plan {plan_id!r} in {display_path(plans_dir)}. "
            f"可选 / choices: {safe(', '.join(ids)) or '—'}",
            code=2,
        )
    _refuse_escape(plans_dir, plans_dir / plan_id)
    plan, findings = load_plan(plans_dir / plan_id, use_cache=True)
    if plan is None:
        raise PlantrackError(
            f"规划 {plan_id} 的文件有错误，请先修正（plantrack check）/ plan {plan_id} has errors: fix them first",
            findings=tuple(findings),
        )
    return plan


def _refuse_escape(plans_dir: Path, folder: Path) -> None:
    if problem := escape_problem(plans_dir, folder):
        raise PlantrackError(problem, code=EXIT_FINDINGS)
