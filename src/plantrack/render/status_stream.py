"""`status --format json | csv | jsonl` over a folder of plans, made plan by plan (issue 19, item 6).

Why: the document of 10,000 plans is hundreds of MB, and holding every plan's full result until it is written
held as much again. Each plan is judged and turned into its part of the document at once — in worker
processes from many.PARALLEL_FROM plans on — and only the part's text and a summary (summary.py: what the
exit code, --fail-on and the as-of check need) come back. The parts go to a spooled file (memory up to
SPOOL_BYTES, then disk), so nothing is written to stdout before every plan is judged: a refused --as-of or a
worker that dies still leaves stdout empty, as before. The bytes are exactly those of status_many's
json_document, csv_long and jsonl_long (tests/test_overview_scale.py holds them equal).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from plantrack.summary import SummaryRow

SPOOL_BYTES = 32 * 1024 * 1024


def stream_document(plans_dir: Path, chosen: list[str] | None, as_of: int | None, fmt: str,
                    fail_on: str | None, before: Callable[[list[SummaryRow]], None],
                    write: Callable[[str], object]) -> list[SummaryRow]:
    """Judge every plan (or the chosen ones), call `before(rows)` (which may refuse), then write the document."""
    import tempfile

    from plantrack import many

    global _job
    _job = (plans_dir, as_of, fmt, fail_on, True)
    if chosen is not None:
        ids = many.chosen_ids(plans_dir, chosen)  # unknown ids refused alike
        parts: Iterable[tuple[SummaryRow, str]] = map(_part, ids)
    else:
        from plantrack.contain import plan_ids

        ids = plan_ids(plans_dir)
        parts = _in_workers(plans_dir, ids) or map(_part, ids)
    rows: list[SummaryRow] = []
    with tempfile.SpooledTemporaryFile(SPOOL_BYTES, mode="w+", encoding="utf-8", newline="") as spool:
        for n, (row, text) in enumerate(parts):
            rows.append(row)
            if fmt == "json" and n:
                spool.write(",\n")
            spool.write(text)
        before(rows)
        spool.seek(0)
        if fmt == "json":
            write('{\n  "schema_version": %d,\n  "as_of": %s,\n  "plans": [' % (_version(), json.dumps(as_of))
                  + ("\n" if rows else ""))
        elif fmt == "csv":
            from plantrack.csvio import csv_text
            from plantrack.render.status_many import csv_columns

            write(csv_text([csv_columns()]))
        _copy(spool, write)
        if fmt == "json":
            write(("\n  ]" if rows else "]") + "\n}\n")
    return rows


def _in_workers(plans_dir: Path, ids: list[str]) -> Iterable[tuple[SummaryRow, str]] | None:
    """From PARALLEL_FROM plans on, on every core, as `check` does; None on one core or for fewer plans."""
    from plantrack.many import PARALLEL_FROM, on_every_core

    global _job
    if len(ids) >= PARALLEL_FROM:
        _job = (*_job[:4], False)  # thousands of plans: no whole-plan cache entries (as summary.py's overview)
    return on_every_core(_part, plans_dir, ids)


def _version() -> int:
    from plantrack.render.status_many import SCHEMA_VERSION

    return SCHEMA_VERSION


def _copy(spool: IO[str], write: Callable[[str], object]) -> None:
    """Whole lines at a time: the CI guard in front of stdout sees every line start (render/guard.py)."""
    batch: list[str] = []
    for line in spool:
        batch.append(line)
        if len(batch) >= 1024:
            write("".join(batch))
            batch.clear()
    if batch:
        write("".join(batch))


_job: tuple[Path, int | None, str, str | None, bool] = (Path("."), None, "json", None, True)  # set before the fork


def _part(plan_id: str) -> tuple[SummaryRow, str]:
    """One plan's summary and its part of the document."""
    from plantrack.many import rollups
    from plantrack.overview import overview_row
    from plantrack.render import status_many
    from plantrack.render.jsonout import dumps
    from plantrack.summary import SummaryRow, summarize

    plans_dir, as_of, fmt, fail_on, use_cache = _job
    row = overview_row(plans_dir, plan_id, as_of, use_cache=use_cache)
    lines = rollups(plans_dir, [row]) if row.result is not None and row.result.info.members else {}
    if fmt == "json":
        text = "\n".join("    " + line for line in dumps(status_many.plan_object(row, lines)).split("\n"))
    elif fmt == "csv":
        text = status_many.csv_long([row], header=False)
    else:
        text = status_many.jsonl_long([row])
    summary = None if row.result is None else summarize(row.result, fail_on)
    return SummaryRow(plan_id, summary, row.findings), text
