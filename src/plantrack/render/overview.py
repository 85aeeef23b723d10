"""`status` with no --plan over a folder of several plans: the table, Markdown, JSON, CSV or the matrix
(render/overview_many.py picks the renderer), every line through the CI guard."""

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
    from plantrack.render.overview_many import render_many

    # No line of plan text can become a CI workflow command (render/guard.py); the data formats (all but the
    # table) are UTF-8 bytes whatever the console's encoding (render/destination.write_data).
    write = stdout_guard().write if fmt == "table" else data_writer()
    return render_many(rows, fmt, lang, matrix, plans_dir, as_of, write)
