"""Several plans at once (issue 19): the overview's rows on every core, a chosen set of plans, the roll-ups.

Why workers: validating a plan costs far more than judging it, and `check` already spreads validation over
every core (checking.py). The overview of thousands of plans does the same, with the same pool (pool.py), the
same threshold and the same fast TOML reader, so it is no slower than `check` over the same plans.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from plantrack.errors import PlantrackError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from contextlib import AbstractContextManager

    from plantrack.overview import OverviewRow
    from plantrack.packs import Pack
    from plantrack.plan import Plan
    from plantrack.rollup import RollupLine
    from plantrack.summary import SummaryRow

# The same as checking.PARALLEL_FROM (not imported from there: it loads the TOML reader on every status).
PARALLEL_FROM = 200
T = TypeVar("T")


def on_every_core(one: Callable[[str], T], plans_dir: Path, ids: list[str], validate: bool = True,
                  spans: list[range] | None = None,
                  around: Callable[[Sequence[str]], AbstractContextManager[object]] | None = None,
                  ) -> Iterator[T] | None:
    """one(plan id) for each id, in order, in worker processes (pool.py) with check's chunks and its fast TOML
    reader; None for fewer than PARALLEL_FROM plans or on one core. `validate`: import the validation stack
    once before the fork, shared by the workers, rather than once in each. The one place the overview's
    three parallel paths (whole rows, summaries, documents) start their workers. `spans` and `around`: the
    chunks and the context each runs in (pool.py), for the summaries' packs (packs.py)."""
    from plantrack.check.run import CHUNK, _cores

    if len(ids) < PARALLEL_FROM or (workers := _cores()) <= 1:
        return None
    from plantrack.pool import checked_in_workers
    from plantrack.tomlread import use_fast_reader

    use_fast_reader()
    if validate:
        import plantrack.check.schema  # noqa: F401
    return checked_in_workers(one, ids, workers, CHUNK, describe=lambda i: str(plans_dir / i), spans=spans,
                              around=around)


def overview_in_workers(plans_dir: Path, ids: list[str], as_of: int | None) -> list[OverviewRow] | None:
    """overview.overview's rows computed in worker processes; None when one core is all there is."""
    global _job
    _job = (plans_dir, as_of)
    rows = on_every_core(_one_row, plans_dir, ids)
    return None if rows is None else list(rows)


_job: tuple[Path, int | None] = (Path("."), None)  # set before the fork; the workers inherit it


def _one_row(plan_id: str) -> OverviewRow:
    from plantrack.overview import overview_row

    plans_dir, as_of = _job
    return overview_row(plans_dir, plan_id, as_of)


def summaries(plans_dir: Path, chosen: list[str] | None, as_of: int | None,
              fail_on: str | None) -> list[SummaryRow]:
    """The overview's rows as summaries (summary.py): what the table, the Markdown overview and the gate need.
    From PARALLEL_FROM plans on, on every core: each worker returns a summary of a few hundred bytes, so the
    parent's memory stays flat in the number of plans (issue 19, item 6), and the cache of whole plans is
    skipped there (its entries cost more to write than they save; the summaries are cached instead)."""
    from plantrack.summary import summary_row

    if chosen is not None:
        return [summary_row(plans_dir, c, as_of, fail_on) for c in chosen_ids(plans_dir, chosen)]
    from plantrack.contain import plan_ids
    from plantrack.packs import spans

    ids = plan_ids(plans_dir)
    global _summary_job
    _summary_job = (plans_dir, as_of, fail_on)
    chunks = spans(ids) if len(ids) >= PARALLEL_FROM else []
    # Cold, the validation stack is imported before the fork; warm (the first plan's summary is cached), not
    # at all: nothing is validated, and the parent's memory stays flat (issue 19).
    cold = bool(chunks) and not _first_is_cached(plans_dir, ids[:len(chunks[0])], (as_of, fail_on))
    if (rows := on_every_core(_one_summary, plans_dir, ids, cold, chunks, _packed)) is not None:
        return list(rows)
    return [summary_row(plans_dir, i, as_of, fail_on) for i in ids]


_summary_job: tuple[Path, int | None, str | None] = (Path("."), None, None)  # set before the fork
_pack: Pack | None = None  # the pack of the chunk a worker is on (packs.py)


def _first_is_cached(plans_dir: Path, chunk: list[str], key: tuple[int | None, str | None]) -> bool:
    """Whether the first plan's summary is in its chunk's pack: a warm overview's guess that the others are."""
    from plantrack.loader import file_bytes
    from plantrack.packs import Pack

    files, unreadable = file_bytes(plans_dir / chunk[0])
    return not unreadable and Pack(plans_dir, chunk, key).get(chunk[0], files) is not None


def _packed(chunk: Sequence[str]) -> Pack:
    """The context a worker's chunk runs in: its pack of summaries, written when the chunk ends."""
    from plantrack.packs import Pack

    global _pack
    plans_dir, as_of, fail_on = _summary_job
    _pack = Pack(plans_dir, chunk, (as_of, fail_on))
    return _pack


def _one_summary(plan_id: str) -> SummaryRow:
    from plantrack.summary import summary_row

    plans_dir, as_of, fail_on = _summary_job
    return summary_row(plans_dir, plan_id, as_of, fail_on, use_cache=False, pack=_pack)


def selected_rows(plans_dir: Path, chosen: list[str] | None, as_of: int | None) -> list[OverviewRow]:
    """The rows of the plans named (in the order named), or of every plan when `chosen` is None. An unknown
    plan id is a usage error naming the choices."""
    from plantrack.overview import overview, overview_row

    if chosen is None:
        return overview(plans_dir, as_of)
    return [overview_row(plans_dir, c, as_of) for c in chosen_ids(plans_dir, chosen)]


def chosen_ids(plans_dir: Path, chosen: list[str]) -> list[str]:
    """The plan ids named, in the order named, once each. An unknown (or no) plan id is a usage error naming
    the choices: the one refusal of every command that takes several plans (status, export, report)."""
    from plantrack.contain import plan_ids

    ids = plan_ids(plans_dir)
    unknown = [c for c in chosen if c not in ids]
    if unknown or not chosen:
        from plantrack.text import safe

        raise PlantrackError(f"没有规划 {safe(', '.join(unknown)) or '—'} / no such plan: {safe(', '.join(unknown))}. "
                             f"可选 / choices: {safe(', '.join(ids)) or '—'}", code=2)
    return list(dict.fromkeys(chosen))


def rollups(plans_dir: Path, rows: list[OverviewRow]) -> dict[str, list[RollupLine]]:
    """plan id -> its roll-up lines (rollup.py), for each shown plan that declares members and rollup."""
    from plantrack.contain import escape_problem
    from plantrack.loader import load_plan
    from plantrack.rollup import rollup_lines

    out: dict[str, list[RollupLine]] = {}
    for row in rows:
        result = row.result
        if result is None or not result.info.members or not any(r.indicator.rollup for r in result.indicators):
            continue
        info = result.info
        district, _ = load_plan(plans_dir / row.plan_id, use_cache=True)
        if district is None:
            continue
        members: dict[str, Plan | None] = {}
        for member_id in info.members:
            folder = plans_dir / member_id
            # The containment rule of every command (contain.py): a member linked elsewhere is not read.
            readable = not escape_problem(plans_dir, folder) and (folder / "plan.toml").is_file()
            members[member_id] = load_plan(folder, use_cache=True)[0] if readable else None
        out[row.plan_id] = rollup_lines(district, result, members)
    return out
