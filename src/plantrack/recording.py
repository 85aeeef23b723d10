"""Recording actuals: build an entry from what the user typed, check it exactly as `check` would, keep the
old entry as a revision, and write the plan's actuals.toml atomically under the plan's lock.

Everything is validated before the lock is taken, so a refused command creates and changes no file; under
the lock the plan is read again and the change re-applied, so concurrent writers never lose each other's work.
"""

from __future__ import annotations


from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from plantrack.errors import EXIT_FINDINGS, MAX_LISTED, Finding, PlantrackError, usage_error
from plantrack.check.load import load_files, load_fresh
from plantrack.models import Entry, Indicator
from plantrack.fields import RATE_KINDS
from plantrack.opening import open_plan
from plantrack.changes import Change, apply, build_entry, same_entry
from plantrack.plan import ACTUALS_FILE, Plan, Stored, rate_label
from plantrack.readfile import MAX_BYTES
from plantrack.text import safe
from plantrack.store import encoded, ensure_writable, plan_lock, write_atomic

if TYPE_CHECKING:
    from collections.abc import Callable


def record(plans_dir: Path, plan_id: str | None, changes: list[Change], *, force: bool, dry_run: bool,
           now: datetime | None = None,
           where: list[tuple[str, int]] | list[tuple[str, int, int]] | None = None,
           confirm: bool = False, guard: Callable[[Plan], None] | None = None,
           into_closed: bool | None = None) -> tuple[Plan, list[Stored]]:
    """Validate every change, then (unless dry_run) write them all in one atomic replace, or none.

    `force` replaces a recorded year. `into_closed` lets the change into a closed plan (closing.refuse_write);
    left out it is `force`, since the command line's --force means both. The page passes False: a revision
    on the page needs `force`, but a closed plan is changed only on the command line (docs/web.md).
    An implausible figure (plausibility.py) is refused unless `confirm`; the identical entry again is a no-op.
    `guard` may refuse the plan as read, before the lock and again under it (`serve`'s stale-form check)."""
    given = now
    now = now or datetime.now().astimezone().replace(microsecond=0)
    loaded = open_plan(plans_dir, plan_id)
    check = guard or (lambda _plan: None)
    check(loaded)
    from plantrack.config import source_required

    required = source_required(plans_dir)  # read once: the same rule before the lock and under it
    plan, stored = _prepare(loaded, changes, force, now, where, confirm, required)
    from plantrack.check.cycle.lifecycle import refuse_record  # a closed plan; a base-year figure of the previous plan

    refuse_record(plan, [s for s in stored if not s.unchanged], force if into_closed is None else into_closed)
    if dry_run or all(s.unchanged for s in stored):
        return plan, stored

    def again(fresh: Plan, now: datetime) -> tuple[Plan, list[Stored]]:
        check(fresh)  # under the lock too: a change made after the first check is caught
        return _prepare(fresh, changes, force, now, where, confirm, required)

    return write(plans_dir, loaded, plan, given, again)


def write(plans_dir: Path, loaded: Plan, plan: Plan, given: datetime | None,
          prepare: Callable[[Plan, datetime], tuple[Plan, list[Stored]]]) -> tuple[Plan, list[Stored]]:
    """Write `plan` (made from `loaded` in memory): every check before the lock, then under it the plan read
    again from its files and the change made again by `prepare`, written atomically and verified (record,
    import, and record --delete: removal.py)."""
    directory = plans_dir / plan.id
    path = directory / ACTUALS_FILE
    ensure_writable(path)  # before the lock: a refusal creates no file
    # The size limit too (checked again, with every other check, on the bytes written under the lock); and a
    # revision that would strand a hand-written comment (tomledit.py) is refused here, before any lock.
    _refuse_too_large(encoded(path, _new_text(path, loaded, plan))[1])
    with plan_lock(directory):
        # The time of the write is taken under the lock: a writer that waited for the lock must not stamp
        # replaced_at earlier than the recorded_at of the entry it replaces.
        now = given or datetime.now().astimezone().replace(microsecond=0)
        # Read again under the lock: another writer may have stored other years meanwhile. From the files
        # themselves, never the cache: whatever is loaded here is written back (issue 13, item 1).
        fresh, plan_bytes = _load_fresh(directory)
        plan, stored = prepare(fresh, now)
        if all(s.unchanged for s in stored):
            return plan, stored
        ensure_writable(path)
        written: list[tuple[bytes, Plan]] = []
        write_atomic(path, _new_text(path, fresh, plan),
                     verify=lambda data: written.append((data, _refuse_unreadable(directory, plan_bytes, data))))
    # What was checked is a plan parsed from exactly the bytes now in the files: the next command's hit.
    from plantrack import cache

    cache.put(directory, (plan_bytes, written[0][0]), written[0][1])
    return plan, stored


def _new_text(path: Path, old: Plan, new: Plan) -> str:
    """The new actuals.toml text, the office's hand-written comments kept (tomledit.py)."""
    from plantrack.readfile import read_limited
    from plantrack.tomledit import actuals_text

    try:
        old_text: str | None = read_limited(path).decode("utf-8")
    except (OSError, ValueError, UnicodeDecodeError):  # no file yet (or one the loader already accepted)
        old_text = None
    return actuals_text(path, old_text, old.actuals, new.actuals, [i.id for i in new.indicators])


def _refuse_slips(ind: Indicator, year: int, entry: Entry, entries: dict[int, Entry]) -> None:
    from plantrack.plausibility import entry_slips

    slips = entry_slips(ind, year, entry, entries)
    if slips:
        # One line: `import` lists the first line of each bad row's message by FILE:ROW.
        zh, en = "；".join(s.refusal[0] for s in slips), "; ".join(s.refusal[1] for s in slips)
        raise PlantrackError(safe(f"{zh}。没有写入任何数据 / {en}. Nothing was written"), code=EXIT_FINDINGS)


def _load_fresh(directory: Path) -> tuple[Plan, bytes]:
    plan, findings, plan_bytes = load_fresh(directory)
    if plan is None or plan_bytes is None:
        raise PlantrackError(
            f"规划 {directory.name} 的文件有错误，请先修正（plantrack check）/ plan {directory.name} has errors: fix them first",
            findings=tuple(findings),
        )
    return plan, plan_bytes


def _refuse_unreadable(directory: Path, plan_bytes: bytes, data: bytes) -> Plan:
    """Refuse to write an actuals.toml that the next command would refuse to read (issue 13, item 4): the
    exact bytes about to be written go through the loader's own checks, the size limit first."""
    _refuse_too_large(data)
    plan, findings = load_files(directory, (plan_bytes, data))
    if plan is None:
        raise PlantrackError(
            "写入后的 actuals.toml 将无法通过检查，没有写入任何数据；以下是它将出现的错误 / the new actuals.toml "
            "would not pass `check`: nothing was written. The errors it would have:",
            findings=tuple(findings),
        )
    return plan


def _refuse_too_large(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise PlantrackError(
            f"写入后 actuals.toml 将有 {len(data)} 字节，超过上限 {MAX_BYTES}，之后将无法读取；没有写入任何数据。"
            f"请缩短备注（note）或来源（source）后重试 / actuals.toml would grow to {len(data)} bytes, over the "
            f"limit of {MAX_BYTES} that every command reads: nothing was written. Shorten the notes or sources and try again"
        )


def _prepare(plan: Plan, changes: list[Change], force: bool, now: datetime,
             where: list[tuple[str, int]] | list[tuple[str, int, int]] | None,
             confirm: bool, require_source: bool) -> tuple[Plan, list[Stored]]:
    """Apply every change in memory. With `where` (file, row) per change, every bad row is reported."""
    actuals = {k: dict(v) for k, v in plan.actuals.items()}
    stored: list[Stored] = []
    seen: set[tuple[str, int]] = set()
    findings: list[Finding] = []
    bad = 0
    # Once MAX_LISTED findings are kept, an unknown indicator is only counted: find_indicator's message (with
    # its nearest names) costs ~70 µs, which a million bad rows turn into over a minute.
    names = {k for ind in plan.indicators for k in (ind.id, str(ind.no), ind.name)}
    names_en = {ind.name_en.lower() for ind in plan.indicators if ind.name_en}
    for i, change in enumerate(changes):
        if where is not None and len(findings) >= MAX_LISTED:
            key = change.indicator.strip()
            # A part of a Chinese name may name an indicator too (Plan.find_indicator).
            if key not in names and key.lower() not in names_en and not (key and any(key in i.name for i in plan.indicators)):
                bad += 1
                continue
        try:
            ind = plan.find_indicator(change.indicator)
            if (ind.id, change.year) in seen:
                raise usage_error(f"{ind.id} {change.year} 在同一批数据中出现两次 / appears twice in one import")
            seen.add((ind.id, change.year))
            entry = build_entry(plan, ind, change, now, require_source)
            old = actuals.get(ind.id, {}).get(change.year)
            if old is not None and same_entry(ind, old, entry):
                stored.append(Stored(ind, change.year, old, old, unchanged=True))
                continue
            current = Plan(plan.info, plan.indicators, actuals, plan.directory)
            final, old = apply(current, ind, change.year, entry, force, now)
            # After apply: a year that is already recorded is refused as such first, whatever its number.
            if not confirm:
                _refuse_slips(ind, change.year, entry, current.entries(ind.id))
        except PlantrackError as exc:
            if where is None:
                raise
            # Every bad row is counted, the first MAX_LISTED are kept: a million bad rows must not become a
            # million findings in memory and on the screen (issue 13).
            bad += 1
            if len(findings) < MAX_LISTED:
                path, row, col = (*where[i], 1)[:3]  # (file, row) or, from sheets, (file, row, column)
                findings.append(Finding(path, row, col, change.indicator, exc.message.split("\n")[0]))
            continue
        actuals.setdefault(ind.id, {})[change.year] = final
        actuals[ind.id] = dict(sorted(actuals[ind.id].items()))
        stored.append(Stored(ind, change.year, final, old))
    if findings:
        raise PlantrackError(
            f"{bad} 行有错误，没有写入任何数据；请修改后重新导入 / {bad} bad row(s): nothing was written",
            findings=tuple(findings), unlisted=bad - len(findings),
        )
    return Plan(plan.info, plan.indicators, actuals, plan.directory), stored


def unused_warning(plan: Plan, item: Stored) -> str | None:
    """Why a stored value cannot enter the computation, and what would make it count; None when it does
    (issue 15, item 8: a 2024 level after a rate-only 2023 was silently left out)."""
    ind, year, entry = item.indicator, item.year, item.entry
    base = plan.info.base if ind.first_year is None else ind.first_year - 1  # an added indicator's own base year
    if entry.value is None or year <= base or ind.kind not in (*RATE_KINDS, "level"):
        return None
    entries = plan.entries(ind.id)
    if ind.kind == "level":
        if base in entries and entries[base].value is not None:
            return None
        return (f"{ind.id}：基期 {base} 年没有数值，{year} 年的数值无法判断进度；请补记 {base} 年数值 / "
                f"no value for the base year {base}, so the {year} value cannot be judged: record {base}'s value")
    if entry.rate is not None:
        return None
    from plantrack.progress.series import factors

    found = factors(ind, entries, base + 1, plan.info.end)
    if any(f.last == year or (not f.from_rate and f.first - 1 == year) for f in found):
        return None
    earlier = [y for y in entries if y < year]
    label = rate_label(ind)
    if earlier and entries[max(earlier)].value is None:
        p = max(earlier)
        return (f"{ind.id}：{p} 年只有{label}，{year} 年的数值无法计算变化，暂不计入；请补记 {p} 年数值，"
                f"或记 {year} 年的{label} --rate / {p} has only a rate, so the {year} level cannot give a change and "
                f"is not counted: record {p}'s level too, or {year}'s rate")
    return (f"{ind.id}：{year} 年之前没有可比较的数值（基期 {base} 年无数值），{year} 年的数值暂不计入；请补记 "
            f"{base} 年数值，或记 {year} 年的{label} --rate / no earlier level to compare the {year} level with: "
            f"record the {base} level, or {year}'s rate")
