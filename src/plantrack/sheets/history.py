"""`export --with-history` and its import: every entry of actuals.toml with every revision and removal record, so
a plan's figures move to another repository with the superseded figures and their sources (issue 28, item 5).

One long table whatever the format (CSV, JSON, .xlsx): the columns of HISTORY_COLUMNS; per indicator and year
first the entry as it stands (`revision` blank), then each revision, oldest first (`revision` 1, 2, …), each
with its own recorded_at, replaced_at and, for a removal record (record --delete), `removed` (the reason).
recorded_at is exported too, so an import restores the entries exactly, not stamped with the time of import.

Import recognises the table by its `revision` (修订) column and restores whole entries: a year that is empty
(or holds only what the file holds) takes the file's entry with every revision; a year holding a different
entry is refused, naming it (restoring history is not revising a figure: remove it first, record --delete).
The write is record's (recording.write): locked, verified by the loader, atomic; a closed plan needs --force.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plantrack.errors import EXIT_FINDINGS, MAX_LISTED, Finding, PlantrackError
from plantrack.models import ENTRY_KEYS, Entry, Revision
from plantrack.plan import ACTUALS_FILE, Plan
from plantrack.sheets import headers as H

if TYPE_CHECKING:
    from collections.abc import Callable

    from plantrack.plan import Stored
    from plantrack.sheets.grid import Grid

HISTORY_COLUMNS = ("plan", "indicator", "name", "year", "revision", *H.COLUMN_ORDER, "recorded_at", "removed",
                   "replaced_at")
Restored = dict[tuple[str, int], Entry]


def history_rows(plan: Plan) -> list[dict[str, object]]:
    from plantrack.render.indicator_json import version_record

    rows = []
    for ind in plan.indicators:
        for year, e in plan.records(ind.id).items():
            versions: list[tuple[int | None, Entry | Revision]] = [(None, e), *enumerate(e.revisions, start=1)]
            for number, item in versions:
                row = {"plan": plan.id, "indicator": ind.id, "name": ind.name, "year": year, "revision": number,
                       **version_record(item)}
                row.setdefault("replaced_at", None)  # the entry as it stands: a blank in the table's column
                rows.append(row)
    return rows


def history_table(plan: Plan) -> list[list[object]]:
    return [list(HISTORY_COLUMNS), *([row[k] for k in HISTORY_COLUMNS] for row in history_rows(plan))]


# ------------------------------------------------------------------------------------------------ import


def history_entries(grid: Grid, plan: Plan) -> Restored | None:
    """The entries a history table holds, or None when the grid is not one (no `revision` column)."""
    found = _header(grid)
    if found is None:
        return None
    at, columns = found
    missing = [k for k in ("indicator", "year") if k not in columns]
    if missing:
        raise PlantrackError(f"{grid.display}: 修订记录表缺少列 {', '.join(missing)} / the history table lacks "
                             f"{', '.join(missing)}", code=2)
    by_id = {i.id: i for i in plan.indicators}
    findings: list[Finding] = []
    bad = 0
    current: dict[tuple[str, int], Entry] = {}
    revisions: dict[tuple[str, int], list[Revision]] = {}
    for line, raw in grid.rows[at + 1:]:
        cells = _cells(grid, raw)
        if not any(cells):
            continue
        get = _getter(columns, cells)
        try:
            ind_id = get("indicator")
            if ind_id not in by_id:
                raise ValueError(f"规划 {plan.id} 中没有指标 {ind_id!r} / no indicator {ind_id!r} in plan {plan.id}")
            if get("plan") and get("plan") != plan.id:
                raise ValueError(f"这一行属于规划 {get('plan')!r} / the row is for plan {get('plan')!r}")
            year = _int(get("year"), "year")
            fields = _fields(get)
            key = (ind_id, year)
            if get("revision"):
                number = _int(get("revision"), "revision")
                kept = revisions.setdefault(key, [])
                if number != len(kept) + 1:
                    raise ValueError(f"修订序号应为 {len(kept) + 1}，而不是 {number} / revision {len(kept) + 1} expected")
                kept.append(Revision(**fields, replaced_at=_datetime(get("replaced_at"), "replaced_at")))
            else:
                if key in current:
                    raise ValueError(f"{ind_id} {year} 出现两次 / given twice")
                current[key] = Entry(**fields)
        except ValueError as exc:
            bad += 1
            if len(findings) < MAX_LISTED:
                findings.append(Finding(grid.display, line, 1, get("indicator"), str(exc)))
    for key in revisions.keys() - current.keys():
        bad += 1
        findings.append(Finding(grid.display, 1, 1, key[0], f"{key[0]} {key[1]} 有修订行而没有记录行 / revisions "
                                                            "without their entry row"))
    if findings:
        raise PlantrackError(f"{bad} 行有错误，没有写入任何数据 / {bad} bad row(s): nothing was written",
                             findings=tuple(findings[:MAX_LISTED]), unlisted=max(0, bad - MAX_LISTED))
    return {key: Entry(**{**_fields_of(e), "revisions": revisions.get(key, [])}) for key, e in current.items()}


def _getter(columns: dict[str, int], cells: list[str]) -> Callable[[str], str]:
    return lambda k: cells[columns[k]] if k in columns and columns[k] < len(cells) else ""


def _header(grid: Grid) -> tuple[int, dict[str, int]] | None:
    for i, (_, cells) in enumerate(grid.rows[:20]):
        names = [H.column(c) for c in cells]
        if "revision" in names and "indicator" in names:
            return i, {k: c for c, k in enumerate(names) if k is not None}
    return None


def _cells(grid: Grid, raw: list[str]) -> list[str]:
    from plantrack.csvio import from_spreadsheet_text

    cells = [(c or "").strip() for c in raw]
    return cells if grid.xlsx or grid.exact else [from_spreadsheet_text(c) for c in cells]


def _fields(get: Callable[[str], str]) -> dict[str, Any]:
    from plantrack.changes import parse_typed_number

    def number(key: str) -> Decimal | None:
        text = get(key)
        if not text:
            return None
        try:
            return parse_typed_number(text, key)
        except PlantrackError as exc:
            raise ValueError(exc.message) from None

    return {"value": number("value"), "rate": number("rate"), "unit": get("unit") or None,
            "assessment": get("assessment") or None, "source": get("source"), "note": get("note"),
            "recorded_at": _datetime(get("recorded_at"), "recorded_at"), "removed": get("removed") or None}


def _fields_of(e: Entry) -> dict[str, Any]:
    return {k: getattr(e, k) for k in ENTRY_KEYS}


def _int(text: str, what: str) -> int:
    text = text.removesuffix(".0")
    if not (text.isascii() and text.isdigit()):
        raise ValueError(f"{what} 须为整数，而不是 {text!r} / {what} must be a whole number")
    return int(text)


def _datetime(text: str, what: str) -> datetime | date | None:
    """The isoformat export wrote: a date-time (with its offset, or none) or a date, exactly."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text) if "T" in text or " " in text else date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{what} 须为日期或日期时间，例如 2023-03-05T16:00:00+08:00，而不是 {text!r} / {what} must "
                         "be an ISO date or date-time") from None


# ------------------------------------------------------------------------------------------------ write


def restore(plans_dir: Path, plan_id: str, entries: Restored, *, force: bool, dry_run: bool
            ) -> tuple[Plan, list[Stored], int]:
    """Write the entries (all or none); returns the plan, what was restored, and how many were already there."""
    from plantrack.check.cycle.lifecycle import refuse_record
    from plantrack.opening import open_plan
    from plantrack.recording import write

    loaded = open_plan(plans_dir, plan_id)
    plan, stored, same = _placed(loaded, entries)
    refuse_record(plan, stored, force)
    if dry_run or not stored:
        return plan, stored, same
    plan, stored = write(plans_dir, loaded, plan, None, lambda fresh, _now: _placed(fresh, entries)[:2])
    return plan, stored, same


def _placed(plan: Plan, entries: Restored) -> tuple[Plan, list[Stored], int]:
    from dataclasses import replace

    from plantrack.plan import Stored

    actuals = {k: dict(v) for k, v in plan.actuals.items()}
    stored: list[Stored] = []
    same = 0
    clash: list[Finding] = []
    by_id = {i.id: i for i in plan.indicators}
    where = str(Path(plan.directory or plan.id, ACTUALS_FILE))
    for (ind_id, year), entry in entries.items():
        old = actuals.get(ind_id, {}).get(year)
        if old == entry:
            same += 1
            continue
        if old is not None:
            clash.append(Finding(where, 1, 1, f"{ind_id}.{year}", f"{ind_id} {year} 已有不同的记录；导入修订记录只填入空的年份，"
                                 f"请先删除（record --delete）或从文件中去掉这一年 / {ind_id} {year} already holds a "
                                 "different entry: history is restored into empty years only"))
            continue
        years = actuals.setdefault(ind_id, {})
        years[year] = entry
        actuals[ind_id] = dict(sorted(years.items()))
        stored.append(Stored(by_id[ind_id], year, entry, None))
    if clash:
        raise PlantrackError(f"{len(clash)} 个年份已有不同的记录，没有写入任何数据 / {len(clash)} year(s) already hold a "
                             "different entry: nothing was written", code=EXIT_FINDINGS,
                             findings=tuple(clash[:MAX_LISTED]), unlisted=max(0, len(clash) - MAX_LISTED))
    return replace(plan, actuals=actuals), stored, same
