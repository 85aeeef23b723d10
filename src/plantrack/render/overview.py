"""`status` with no --plan over a folder of several plans: the table, Markdown, JSON, CSV or the matrix
(render/overview_many.py picks the renderer), every line through the CI guard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plantrack.render.guard import stdout_guard

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from plantrack.overview import OverviewRow
    from plantrack.summary import SummaryRow


def render_overview(rows: Sequence[OverviewRow | SummaryRow], fmt: str, lang: str, matrix: bool = False,
                    plans_dir: Path | None = None, as_of: int | None = None) -> None:
    from plantrack.render.overview_many import render_many

    write = stdout_guard().write  # no line of plan text can become a CI workflow command (render/guard.py)
    render_many(rows, fmt, lang, matrix, plans_dir, as_of, write)
