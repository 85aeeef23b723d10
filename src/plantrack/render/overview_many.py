"""Which renderer the overview of several plans (issue 19) goes to, by format and --matrix."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from pathlib import Path

    from plantrack.overview import OverviewRow
    from plantrack.rollup import RollupLine
    from plantrack.summary import SummaryRow

    Rollups = Mapping[str, Sequence[RollupLine]]


def render_many(rows: Sequence[OverviewRow | SummaryRow], fmt: str, lang: str, matrix: bool, plans_dir: Path | None,
                as_of: int | None, write: Callable[[str], object]) -> None:
    from plantrack.summary import SummaryRow

    brief = [r for r in rows if isinstance(r, SummaryRow)]
    if brief:  # the table or Markdown, from summaries; a district's roll-up lines came with its summary
        from plantrack.render.overview_table import markdown_overview, print_overview

        own: Rollups = {r.plan_id: r.result.rollup for r in brief if r.result is not None and r.result.rollup}
        if fmt == "markdown":
            write(markdown_overview(brief, lang, own))
        else:
            print_overview(brief, lang, own)
        return
    full = [r for r in rows if not isinstance(r, SummaryRow)]
    if matrix:
        from plantrack.render.matrix import render_matrix

        text = render_matrix(full, fmt, lang)
        if text is not None:
            write(text)
        return
    from plantrack.many import rollups

    lines = rollups(plans_dir, full) if plans_dir is not None else {}
    from plantrack.render import status_many

    rows = full
    if fmt == "json":
        write(status_many.json_document(rows, as_of, lines))
    elif fmt == "csv":
        write(status_many.csv_long(rows))
    elif fmt == "jsonl":
        write(status_many.jsonl_long(rows))
    elif fmt == "markdown":
        from plantrack.render.overview_table import markdown_overview

        write(markdown_overview(rows, lang, lines))
    else:
        from plantrack.render.overview_table import print_overview

        print_overview(rows, lang, lines)
