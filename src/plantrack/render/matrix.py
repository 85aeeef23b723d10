"""`plantrack status --matrix`: plans as rows, indicators as columns, each cell the status word in its colour.

At a terminal the columns are numbered (1, 2, …) with a legend below naming each, so that a dozen indicators
fit 80 columns; Markdown, CSV and JSON carry the column keys (the indicator's group, else its id).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plantrack.matrix import build_matrix, matrix_rows
from plantrack.render.overview_table import SHORT, pack, shown_names
from plantrack.render.status_many import SCHEMA_VERSION
from plantrack.render.words import LABELS, STATUS_STYLE, status_word
from plantrack.text import lang_name

if TYPE_CHECKING:
    from collections.abc import Sequence

    from plantrack.matrix import Matrix, MatrixRow
    from plantrack.overview import OverviewRow

ABSENT = "·"
RETIRED = "retired"  # the class of a retired indicator's cell (matrix.cell's word)


def cell_word(row: MatrixRow, key: str, lang: str) -> tuple[str, str]:
    """(status, word) of one cell, for every matrix that shows words (Markdown, the district report, the web
    page): the status word; ("retired", "已停用（2024 年）") where the plan retired the indicator (issue 30: the plan
    has it, so never ·); ("", "·") where the plan has no such indicator."""
    if key in row.cells:
        return row.cells[key], status_word(row.cells[key], lang, row.final)
    if key in row.retired:
        return RETIRED, LABELS[lang]["retired_cell"].format(year=row.retired[key][0])
    return "", ABSENT


def render_matrix(rows: Sequence[OverviewRow], fmt: str, lang: str) -> str | None:
    """The text for markdown, csv and json; None after printing the table to the console."""
    if fmt == "csv":
        from plantrack.csvio import csv_cell, csv_text

        return csv_text([csv_cell(c) for c in row] for row in matrix_rows(rows))
    if fmt in ("json", "jsonl"):
        from plantrack.render.jsonout import dumps

        header, *body = matrix_rows(rows)
        # Each plan's retired indicators with the year and their last judgement (the cell says only "retired").
        retired = {r.plan_id: {key: {"year": year, "last_status": last} for key, (year, last) in r.retired.items()}
                   for r in build_matrix(rows).rows}
        data = {"schema_version": SCHEMA_VERSION, "columns": header[2:],
                "plans": [{"plan": r[0], "short_name": r[1], "cells": dict(zip(header[2:], r[2:])),
                           "retired": retired[r[0]]} for r in body]}
        return dumps(data) + "\n"
    m = build_matrix(rows)
    names = shown_names(rows)
    if fmt == "markdown":
        from plantrack.text import md

        head = ["规划" if lang == "zh" else "Plan", *(lang_name(c, lang) for c in m.columns)]
        lines = ["| " + " | ".join(md(h) for h in head) + " |", "|---|" + "---|" * len(m.columns)]
        for r in m.rows:
            # A plan with errors: its word in `lang`, as the overview and the terminal matrix say it
            cells = [LABELS[lang]["errors"] if r.errors else cell_word(r, c.key, lang)[1] for c in m.columns]
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
            table.add_row(Text(safe(names[r.plan_id])), Text(LABELS[lang]["errors"], style="bold red"))
            continue
        cells = [Text(SHORT[lang][r.cells[c.key]], style=STATUS_STYLE[r.cells[c.key]]) if c.key in r.cells
                 else Text(LABELS[lang]["retired_short"] if c.key in r.retired else ABSENT, style="dim")
                 for c in m.columns]
        table.add_row(Text(safe(names[r.plan_id])), *cells)
    console.print(table)
    legend = [f"{i}={lang_name(c, lang)}" for i, c in enumerate(m.columns, 1)]
    words = sorted({s for r in m.rows for s in r.cells.values()})
    legend += [f"{SHORT[lang][s]}={status_word(s, lang, m.final)}" for s in words] + [
        f"{ABSENT}={'该规划无此指标' if lang == 'zh' else 'not in this plan'}"]
    if any(r.retired for r in m.rows):
        legend.append(LABELS[lang]["retired_legend"])
    for line in pack([safe(x) for x in legend], console.width):
        console.print(Text(line, style="dim"))
