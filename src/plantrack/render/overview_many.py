"""Which renderer the overview of several plans (issue 19) goes to: the matrix, the table or Markdown."""

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
    """The matrix from whole results; the table or Markdown from summaries (summary.py). JSON, CSV and JSON
    Lines of several plans do not come here: render/status_stream.py writes them plan by plan."""
    from plantrack.summary import SummaryRow

    if matrix:
        from plantrack.render.matrix import render_matrix

        text = render_matrix([r for r in rows if not isinstance(r, SummaryRow)], fmt, lang)
        if text is not None:
            write(text)
        return
    from plantrack.render.overview_table import markdown_overview, print_overview

    brief = [r for r in rows if isinstance(r, SummaryRow)]
    # A district's roll-up lines came with its summary.
    own: Rollups = {r.plan_id: r.result.rollup for r in brief if r.result is not None and r.result.rollup}
    if fmt == "markdown":
        write(markdown_overview(brief, lang, own))
    else:
        print_overview(brief, lang, own)
