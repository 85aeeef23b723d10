"""Which renderer the overview of several plans (issue 19) goes to, by format and --matrix."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from plantrack.overview import OverviewRow


def render_many(rows: list[OverviewRow], fmt: str, lang: str, matrix: bool, plans_dir: Path | None,
                as_of: int | None, write: Callable[[str], object]) -> None:
    if matrix:
        from plantrack.render.matrix import render_matrix

        text = render_matrix(rows, fmt, lang)
        if text is not None:
            write(text)
        return
    from plantrack.many import rollups

    lines = rollups(plans_dir, rows) if plans_dir is not None else {}
    from plantrack.render import status_many

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
