"""The overview of several plans, readable at 60, 80 or 200 columns (issue 19).

Each plan under its short name (rollup.short_name; never a cut id), one narrow column per status under a short
word with a legend below, closed plans in a section of their own, then each district's roll-up cross-check.
No line is wider than the terminal: the table is fitted by Rich, names fold onto a second line rather than
being cut, and the legend and roll-up lines are packed to the width.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plantrack.progress.result import FINAL_STATUSES, MIDTERM_STATUSES, STATUSES
from plantrack.render.words import LABELS, STATUS_STYLE, status_word
from plantrack.rollup import clip, short_name
from plantrack.text import lang_name, width

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from plantrack.overview import OverviewRow
    from plantrack.rollup import RollupLine

    Rollups = Mapping[str, Sequence[RollupLine]]
    Row = OverviewRow

# Short column words, each explained by the legend under the table. Not "无数" for 暂无数据: it reads as
# "countless" (issue 29).
SHORT = {
    "zh": {"achieved": "实现", "nearly_met": "基本", "ahead": "快", "on_track": "符合", "behind": "滞后",
           "far_behind": "严滞", "missed": "未实现", "no_final_data": "缺期末", "no_data": "暂无"},
    "en": {"achieved": "ach", "nearly_met": "near", "ahead": "ahd", "on_track": "on", "behind": "beh",
           "far_behind": "far", "missed": "miss", "no_final_data": "nofin", "no_data": "none"},
}


def statuses(rows: Sequence[Row]) -> tuple[tuple[str, ...], bool, bool]:
    """The statuses the shown evaluations can give (issue 16), whether any plan is at its final one, and whether
    the evaluations are mixed (some final, some not: the legend then gives achieved both its words)."""
    finals = {r.result.final for r in rows if r.result is not None} or {False}
    wanted = set(FINAL_STATUSES if True in finals else ()) | set(MIDTERM_STATUSES if False in finals else ())
    return tuple(s for s in STATUSES if s in wanted), True in finals, len(finals) == 2


def long_word(s: str, lang: str, any_final: bool, mixed: bool) -> str:
    word = status_word(s, lang, any_final)
    return f"{status_word(s, lang)}/{word}" if s == "achieved" and mixed else word


def shown_names(rows: Sequence[Row]) -> dict[str, str]:
    """plan id -> the name shown; a short name two plans share is followed by the plan id, so every row can be
    told apart."""
    names = {r.plan_id: short_name(r.result.info) if r.result else r.plan_id for r in rows}
    counts: dict[str, int] = {}
    for n in names.values():
        counts[n] = counts.get(n, 0) + 1
    return {pid: f"{n} ({pid})" if counts[n] > 1 else n for pid, n in names.items()}


def split(rows: Sequence[Row]) -> tuple[list[Row], list[Row]]:
    """Open plans first, then the closed ones (set apart: their evaluation is adopted, issue 16)."""
    shut = [r.result is not None and r.result.info.closed is not None for r in rows]  # one pass: 10,000 rows
    return [r for r, c in zip(rows, shut) if not c], [r for r, c in zip(rows, shut) if c]


def any_retired(rows: Sequence[Row]) -> bool:
    """Whether some plan has an indicator retired by its as-of year: then the overview has a column counting
    them (issue 30), apart from the status counts they are not in."""
    return any(r.result is not None and r.result.retired for r in rows)


def pack(items: list[str], columns: int, sep: str = "  ") -> list[str]:
    """Items joined on lines of at most `columns` terminal columns (an item too wide is clipped)."""
    lines, line = [], ""
    for item in items:
        item = clip(item, columns)
        candidate = f"{line}{sep}{item}" if line else item
        if width(candidate) > columns and line:
            lines.append(line)
            line = item
        else:
            line = candidate
    return [*lines, line] if line else lines


def print_overview(rows: Sequence[Row], lang: str, rollups: Rollups) -> None:
    from plantrack.render.console import out
    from plantrack.render.grid import Column, Row as Line, table_lines, write_lines
    from plantrack.text import safe

    console = out()
    zh = lang == "zh"
    shown, any_final, mixed = statuses(rows)
    # A terminal shows only the statuses some plan has: nine narrow columns do not fit 60 columns (Markdown,
    # CSV and JSON keep them all).
    totals = [r.result.counts() for r in rows if r.result is not None]
    shown = tuple(s for s in shown if any(c[s] for c in totals)) or shown[:1]
    names = shown_names(rows)
    wide = console.width >= 100  # room for the id --plan takes, beside the name
    columns = [Column("规划" if zh else "Plan", fold=True)]
    if wide:
        columns.append(Column("编号" if zh else "Id"))
    columns.append(Column("年份" if zh else "Year", right=True))
    columns += [Column(SHORT[lang][s], right=True, style=STATUS_STYLE[s]) for s in shown]
    retired = any_retired(rows)
    if retired:
        columns.append(Column(LABELS[lang]["retired_short"], right=True, style="dim"))

    def line(r: Row) -> Line:
        name = [safe(names[r.plan_id])] + ([safe(r.plan_id)] if wide else [])
        if r.result is None:
            word = LABELS[lang]["errors_hint" if wide else "errors"]
            # The word spans the status columns: it is written in the first of them, left to run on.
            return Line([*name, "—", word], [""] * (len(name) + 1) + ["bold red"], runs_from=len(name) + 1)
        counts = r.result.counts()
        gone = [str(len(r.result.retired) or "·")] if retired else []
        return Line([*name, str(r.result.as_of), *(str(counts[s]) if counts[s] else "·" for s in shown), *gone])

    open_rows, closed_rows = split(rows)
    sections = [(label, group) for group, label in
                ((open_rows, None), (closed_rows, "已结束 / closed" if zh else "closed")) if group]
    write_lines(console, table_lines(columns, sections, console.width, line))
    from rich.text import Text

    legend = [f"{SHORT[lang][s]}={long_word(s, lang, any_final, mixed)}" for s in shown]
    legend += [LABELS[lang]["retired_count_legend"]] if retired else []
    for text in pack(legend, console.width):
        console.print(Text(text, style="dim"))
    sep = "；" if zh else "; "
    for text in rollup_lines_text(rows, rollups, lang, names):
        for part in pack([safe(p) for p in text.split(sep)], console.width, sep):
            console.print(Text(part))
    hint = ["用 --plan 查看单个规划，--matrix 查看各指标", "/ --plan ID for one plan, --matrix for every indicator"]
    for text in pack(hint, console.width):
        console.print(Text(text, style="dim"))


def rollup_lines_text(rows: Sequence[Row], rollups: Rollups, lang: str, names: dict[str, str]) -> list[str]:
    """One sentence per rolled-up indicator (render/rollup_text.py): own figure (judged), members' total,
    difference, who is missing; a cumulative's period total and a rate's implied growth (issue 30, item 3)."""
    from plantrack.render.rollup_text import rollup_sentence

    out = []
    for row in rows:
        decreasing = set() if row.result is None else \
            {r.indicator.id for r in row.result.indicators if r.indicator.direction == "decrease"}
        for line in rollups.get(row.plan_id, []):
            out.append(rollup_sentence(line, names.get(row.plan_id, row.plan_id), names, lang,
                                       line.indicator_id in decreasing))
    return out


def markdown_overview(rows: Sequence[Row], lang: str, rollups: Rollups) -> str:
    from plantrack.text import md

    zh = lang == "zh"
    shown, any_final, mixed = statuses(rows)
    names = shown_names(rows)
    retired = any_retired(rows)  # a column of retired indicators, not in the status counts (issue 30)
    header = ["规划" if zh else "Plan", "编号" if zh else "Id", "名称" if zh else "Name", "年份" if zh else "Year",
              *(long_word(s, lang, any_final, mixed) for s in shown),
              *([LABELS[lang]["retired_count"]] if retired else [])]

    def line(cells: Sequence[object]) -> str:
        return "| " + " | ".join(md(c) for c in cells) + " |"

    def table(group: Sequence[Row]) -> list[str]:
        lines = [line(header), "|---|---|---|---:|" + "---:|" * (len(header) - 4)]
        for r in group:
            if r.result is None:
                lines.append(line([names[r.plan_id], r.plan_id, "", "—", LABELS[lang]["errors"]]
                                  + [""] * (len(header) - 5)))
            else:
                counts = r.result.counts()
                gone = [str(len(r.result.retired))] if retired else []
                lines.append(line([names[r.plan_id], r.plan_id, lang_name(r.result.info, lang), str(r.result.as_of),
                                   *(str(counts[s]) for s in shown), *gone]))
        return lines

    open_rows, closed_rows = split(rows)
    lines = table(open_rows) if open_rows else []
    if closed_rows:
        lines += ["", "**已结束的规划 / Closed plans**" if zh else "**Closed plans**", "", *table(closed_rows)]
    extra = rollup_lines_text(rows, rollups, lang, names)
    if extra:
        lines += ["", *(f"- {md(t)}" for t in extra)]
    return "\n".join(lines) + "\n"
