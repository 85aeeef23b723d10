"""What the overview keeps of each plan's evaluation: a few hundred bytes instead of the whole result.

Why (issue 19, item 6): the overview of 10,000 plans held every plan's full result (every indicator's figures
and working, ~65 KB a plan, 671 MB in all) only to print a line of counts. A worker now judges the plan and
returns its `PlanSummary`: the plan's [plan] table, the year judged, the count of each status, the indicators
that meet --fail-on (what the gate names on stderr) and, for a district, its roll-up lines. The summary is
also what the overview caches (cache.py), so a warm overview reads a small entry instead of unpickling a plan
and judging it again.

Pure: no typer, no rich. The rows are printed by render/overview_table.py, which reads from a summary exactly
what it read from a full result (`info`, `period`, `as_of`, `counts()`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from plantrack.errors import Finding
from plantrack.progress.result import STATUSES, Period

if TYPE_CHECKING:
    from plantrack.models import PlanInfo
    from plantrack.packs import Pack
    from plantrack.overview import OverviewRow
    from plantrack.progress.result import PlanResult
    from plantrack.rollup import RollupLine


@dataclass(frozen=True, slots=True)
class Failing:
    """An indicator that meets --fail-on, as the gate names it (cli/status_run.py)."""

    no: int
    id: str
    name: str
    status: str


@dataclass(frozen=True, slots=True)
class PlanLabel:
    """What the overview shows of a plan's [plan] table. The whole table (thresholds, units, source) held for
    10,000 plans was 2.3 KB a row; this is what the table, Markdown and the gate read of it. `short_name` is
    already the shown one (rollup.short_name), so rollup.short_name(label) gives it back unchanged."""

    id: str
    name: str
    name_en: str
    short_name: str
    closed: date | None
    region: str = ""

    @classmethod
    def of(cls, info: PlanInfo) -> PlanLabel:
        from plantrack.rollup import short_name

        return cls(info.id, info.name, info.name_en, short_name(info), info.closed)


@dataclass(frozen=True, slots=True)
class PlanSummary:
    info: PlanLabel
    period: Period
    as_of: int
    tally: tuple[int, ...]                 # the count of each status, in STATUSES order
    failing: tuple[Failing, ...] = ()      # under the --fail-on it was made for (none without one)
    rollup: tuple[RollupLine, ...] = ()    # a district's roll-up lines (rollup.py); never cached

    def counts(self) -> dict[str, int]:
        return dict(zip(STATUSES, self.tally, strict=True))


@dataclass(frozen=True, slots=True)
class SummaryRow:
    plan_id: str
    result: PlanSummary | None
    findings: tuple[Finding, ...]


def summarize(result: PlanResult, fail_on: str | None) -> PlanSummary:
    from plantrack.progress.result import failing

    counts = result.counts()
    rows = failing(result, fail_on) if fail_on is not None else []
    return PlanSummary(PlanLabel.of(result.info), result.period, result.as_of, tuple(counts[s] for s in STATUSES),
                       tuple(Failing(r.indicator.no, r.indicator.id, r.indicator.name, r.status) for r in rows))


def summary_row(plans_dir: Path, plan_id: str, as_of: int | None, fail_on: str | None, *,
                use_cache: bool = True, pack: Pack | None = None) -> SummaryRow:
    """One plan's row of the overview: from the cache when its files and the code are unchanged, else judged.

    Cached only for a plan that links to no other (no `previous`, no `members`): its summary then depends on
    nothing but its own two files, which is what the entry is keyed by, and they are read once here and the
    plan parsed from exactly those bytes (an A→B→A change must not cache B's summary under A's bytes,
    issue 13). `use_cache=False` (thousands of plans, many.py) skips the cache of whole plans, whose entries
    cost more to write than validating saves; the summaries are still cached, in the `pack` of the worker's
    chunk when one is given (packs.py), else in an entry of the plan's own."""
    from plantrack import cache
    from plantrack.contain import escape_problem
    from plantrack.loader import file_bytes
    from plantrack.overview import overview_row

    folder = plans_dir / plan_id
    key = (as_of, fail_on)
    if escape_problem(plans_dir, folder):  # a linked folder: overview_row gives check's finding, reads nothing
        return _row(overview_row(plans_dir, plan_id, as_of), fail_on)
    files, unreadable = file_bytes(folder)
    if unreadable:
        return _row(overview_row(plans_dir, plan_id, as_of, use_cache=use_cache), fail_on)
    hit = cache.get_summary(folder, files, key) if pack is None else pack.get(plan_id, files)
    if hit is not None:
        return SummaryRow(plan_id, hit, ())
    row = overview_row(plans_dir, plan_id, as_of, use_cache=use_cache, files=files)
    if row.result is None:
        return SummaryRow(plan_id, None, row.findings)
    summary = summarize(row.result, fail_on)
    info = row.result.info
    if info.members:
        from dataclasses import replace

        from plantrack.many import rollups

        lines = rollups(plans_dir, [row]).get(plan_id, [])
        return SummaryRow(plan_id, replace(summary, rollup=tuple(lines)), ())
    if info.previous is None:
        if pack is None:
            cache.put_summary(folder, files, key, summary)
        else:
            pack.put(plan_id, files, summary)
    return SummaryRow(plan_id, summary, ())


def _row(row: OverviewRow, fail_on: str | None) -> SummaryRow:
    return SummaryRow(row.plan_id, None if row.result is None else summarize(row.result, fail_on), row.findings)
