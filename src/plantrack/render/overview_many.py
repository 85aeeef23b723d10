"""Which renderer the overview of several plans (issue 19) goes to: the matrix, the table, Markdown, or a data
format (JSON, CSV, JSON Lines), which is written plan by plan as each is judged."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

    from plantrack.overview import OverviewRow


def render_many(rows: Iterable[OverviewRow], fmt: str, lang: str, matrix: bool, plans_dir: Path | None,
                as_of: int | None, write: Callable[[str], object]) -> list[OverviewRow]:
    """Write the overview of `rows`; the rows written."""
    if fmt in ("json", "csv", "jsonl") and not matrix:
        from plantrack.render.status_many import write_document

        return write_document(rows, fmt, as_of, plans_dir, write)
    shown = list(rows)  # the table measures its columns over every row first
    if matrix:
        from plantrack.render.matrix import render_matrix

        text = render_matrix(shown, fmt, lang)
        if text is not None:
            write(text)
        return shown
    from plantrack.many import rollups
    from plantrack.render.overview_table import markdown_overview, print_overview

    own = rollups(plans_dir, shown) if plans_dir is not None else {}
    if fmt == "markdown":
        write(markdown_overview(shown, lang, own))
    else:
        print_overview(shown, lang, own)
    return shown
