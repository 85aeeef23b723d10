"""`status` with no --plan over a folder of several plans: one row per plan, counts per status."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from plantrack.progress.result import FINAL_STATUSES, MIDTERM_STATUSES, STATUSES
from plantrack.render.guard import stdout_guard
from plantrack.render.jsonout import no_commands
from plantrack.text import safe
from plantrack.csvio import csv_cell, csv_text
from plantrack.render.words import status_word

if TYPE_CHECKING:
    from pathlib import Path

    from plantrack.overview import OverviewRow


def _name(row: OverviewRow, lang: str) -> str:
    from plantrack.closing import titled  # a closed plan says so next to its name

    assert row.result is not None  # only a plan that loaded has a name to show
    info = row.result.info
    return titled(info.name_en if lang == "en" and info.name_en else info.name, info, lang)


def _columns(rows: list[OverviewRow], lang: str) -> tuple[tuple[str, ...], list[str]]:
    """The statuses the shown evaluations can give, each under its own word: 已实现 when every plan shown is at
    its final evaluation, 提前实现 when none is, both when the folder mixes them (issue 16, item 1)."""
    finals = {r.result.as_of == r.result.period.end for r in rows if r.result is not None} or {False}
    wanted = set(FINAL_STATUSES if True in finals else ()) | set(MIDTERM_STATUSES if False in finals else ())
    statuses = tuple(s for s in STATUSES if s in wanted)
    words = []
    for s in statuses:
        word = status_word(s, lang, True in finals)
        if s == "achieved" and len(finals) == 2:
            word = f"{status_word(s, lang)}/{word}"
        words.append(word)
    return statuses, words


def _table_rows(rows: list[OverviewRow], lang: str) -> tuple[list[str], list[list[str]]]:
    """Header and body; the plan id comes first because it is what --plan takes (names may repeat)."""
    zh = lang == "zh"
    statuses, words = _columns(rows, lang)
    header = ["规划" if zh else "Plan", "名称" if zh else "Name", "年份" if zh else "As of", *words]
    body = []
    for r in rows:
        if r.result is None:
            body.append([r.plan_id, "有错误，请运行 plantrack check" if zh else "has errors: run plantrack check", "—"]
                        + [""] * len(statuses))
        else:
            counts = r.result.counts()
            body.append([r.plan_id, _name(r, lang), str(r.result.as_of), *(str(counts[s]) for s in statuses)])
    return header, body


def render_overview(rows: list[OverviewRow], fmt: str, lang: str, matrix: bool = False,
                    plans_dir: Path | None = None, as_of: int | None = None) -> None:
    write = stdout_guard().write  # no line of plan text can become a CI workflow command (render/guard.py)
    if matrix or plans_dir is not None:  # issue 19: render/overview_table.py, render/matrix.py, status_many.py
        from plantrack.render.overview_many import render_many

        render_many(rows, fmt, lang, matrix, plans_dir, as_of, write)
        return
    if fmt == "json":
        data = [{"plan": r.plan_id, "name": r.result.info.name if r.result else None,
                 "as_of": r.result.as_of if r.result else None,
                 "closed": r.result.info.closed.isoformat() if r.result and r.result.info.closed else None,
                 "counts": r.result.counts() if r.result else None,
                 "errors": [str(f) for f in r.findings]} for r in rows]
        write(no_commands(json.dumps({"plans": data}, ensure_ascii=False, indent=2)) + "\n")
        return
    header, body = _table_rows(rows, lang)
    if fmt == "csv":
        write(csv_text([header, *([csv_cell(c) for c in row] for row in body)]))
        return
    if fmt == "markdown":
        from plantrack.text import md

        def line(cells: list[str]) -> str:
            return "| " + " | ".join(md(c) for c in cells) + " |"

        rule = "|" + "|".join("---" if i < 2 else "---:" for i in range(len(header))) + "|"
        write("\n".join([line(header), rule, *(line(row) for row in body)]) + "\n")
        return
    body = [[safe(c) for c in row] for row in body]
    from rich.table import Table
    from rich.text import Text

    from plantrack.render.console import out

    table = Table(header_style="bold")
    for i, title in enumerate(header):
        table.add_column(title, justify="left" if i < 2 else "right")
    for row in body:
        table.add_row(*(Text(c) for c in row))
    out().print(table)
    hint = "用 --plan 查看单个规划 / use --plan ID for one plan's indicators"
    out().print(Text(hint))
