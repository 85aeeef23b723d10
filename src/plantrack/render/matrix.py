"""`plantrack status --matrix`: plans as rows, indicators as columns, each cell the status word in its colour.

At a terminal the columns are numbered (1, 2, …) with a legend below naming each, so that a dozen indicators
fit 80 columns; Markdown, CSV and JSON carry the column keys (the indicator's group, else its id).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plantrack.matrix import build_matrix, matrix_rows
from plantrack.render.overview_table import SHORT, pack, shown_names
from plantrack.render.words import STATUS_STYLE, status_word

if TYPE_CHECKING:
    from collections.abc import Sequence

    from plantrack.matrix import Matrix
    from plantrack.overview import OverviewRow

ABSENT = "·"


def render_matrix(rows: Sequence[OverviewRow], fmt: str, lang: str) -> str | None:
    """The text for markdown, csv and json; None after printing the table to the console."""
    if fmt == "csv":
        from plantrack.csvio import csv_cell, csv_text

        return csv_text([csv_cell(c) for c in row] for row in matrix_rows(rows))
    if fmt in ("json", "jsonl"):
        from plantrack.render.jsonout import dumps

        header, *body = matrix_rows(rows)
        data = {"schema_version": 2, "columns": header[2:],
                "plans": [{"plan": r[0], "short_name": r[1], "cells": dict(zip(header[2:], r[2:]))} for r in body]}
        return dumps(data) + "\n"
    m = build_matrix(rows)
    names = shown_names(rows)
    if fmt == "markdown":
        from plantrack.text import md

        head = ["规划" if lang == "zh" else "Plan", *(c.name_en if lang == "en" and c.name_en else c.name for c in m.columns)]
        lines = ["| " + " | ".join(md(h) for h in head) + " |", "|---|" + "---|" * len(m.columns)]
        for r in m.rows:
            cells = ["errors" if r.errors else (status_word(r.cells[c.key], lang, r.final) if c.key in r.cells else ABSENT)
                     for c in m.columns]
            lines.append("| " + " | ".join(md(x) for x in [names[r.plan_id], *cells]) + " |")
        return "\n".join(lines) + "\n"
    _print(m, names, lang)
    return None


def _print(m: Matrix, names: dict[str, str], lang: str) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from plantrack.render.console import out
    from plantrack.text import safe

    console = out()
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False, header_style="bold")
    table.add_column("规划" if lang == "zh" else "Plan", overflow="fold", ratio=1, min_width=6)
    for i, _ in enumerate(m.columns, 1):
        table.add_column(str(i), no_wrap=True)
    for r in m.rows:
        if r.errors:
            table.add_row(Text(safe(names[r.plan_id])), Text("有错误" if lang == "zh" else "errors", style="bold red"))
            continue
        cells = [Text(SHORT[lang][r.cells[c.key]], style=STATUS_STYLE[r.cells[c.key]]) if c.key in r.cells
                 else Text(ABSENT, style="dim") for c in m.columns]
        table.add_row(Text(safe(names[r.plan_id])), *cells)
    console.print(table)
    legend = [f"{i}={c.name_en if lang == 'en' and c.name_en else c.name}" for i, c in enumerate(m.columns, 1)]
    words = sorted({s for r in m.rows for s in r.cells.values()})
    legend += [f"{SHORT[lang][s]}={status_word(s, lang, m.final)}" for s in words] + [
        f"{ABSENT}={'该规划无此指标' if lang == 'zh' else 'not in this plan'}"]
    for line in pack([safe(x) for x in legend], console.width):
        console.print(Text(line, style="dim"))
