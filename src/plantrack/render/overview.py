"""`status` with no --plan over a folder of several plans: the table, Markdown, a data format (JSON, CSV, JSON
Lines: written plan by plan as each is judged) or the matrix, every line through the CI guard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plantrack.render.destination import data_writer
from plantrack.render.guard import stdout_guard

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from plantrack.overview import OverviewRow


def render_overview(rows: Iterable[OverviewRow], fmt: str, lang: str, matrix: bool = False,
                    plans_dir: Path | None = None, as_of: int | None = None) -> list[OverviewRow]:
    """Write the rows as they come (each plan judged as it is asked for); the rows written."""
    # No line of plan text can become a CI workflow command (render/guard.py); the data formats (all but the
    # table) are UTF-8 bytes whatever the console's encoding (render/destination.write_data).
    write = stdout_guard().write if fmt == "table" else data_writer()
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
