"""A row's figure cells as a person reads them (issue 28, items 1-3): the bureau's ways of writing a number
(numbers.py), a cell comment as its figure's note, a row's 备注 only on the year it names, and every cell named
as a clerk finds it (主要指标!D4（2020年）) with its row's indicator (增加值年均增长率（value-added-growth）).

What is read but not written — a "—" cell, a note that names no year, a comment on a header — is listed in
`grid.unplaced` for the import summary; nothing is copied where it does not belong.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from plantrack.errors import Finding, PlantrackError
from plantrack.sheets import headers as H
from plantrack.sheets.numbers import WIDE, read_figure
from plantrack.units import known_units

if TYPE_CHECKING:
    from collections.abc import Callable

    from plantrack.models import Indicator
    from plantrack.plan import Plan
    from plantrack.sheets.grid import BadRows, Grid

# A year a note names: 2025, 2025年, ２０２５年 (the digits of a longer number are not a year).
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")


def label(ind: Indicator | None, key: str) -> str:
    """A row's indicator as messages name it: its Chinese name and id; an unknown one as the sheet wrote it."""
    return key if ind is None else f"{ind.name}（{ind.id}）"


def joined(*notes: str) -> str:
    """A figure's notes from several places (its note column, its cell comment), each once."""
    out: list[str] = []
    for n in notes:
        if n and n not in out:
            out.append(n)
    return "；".join(out)


class Figures:
    """One import's reading of figure cells; refusals go to `bad` (grid.BadRows), at their cell."""

    def __init__(self, grid: Grid, plan: Plan, bad: BadRows) -> None:
        self.grid, self.bad = grid, bad
        self.units = {*known_units(plan.info.units)}
        self.used: set[tuple[int, int]] = set()
        self.labels = grid.labels  # row -> its indicator's label, for findings made after layout too

    def place(self, line: int, col: int) -> str:
        """A cell for the summary: 主要指标!D4（2020年）, or in a CSV FILE 第 4 行「2020年」."""
        name = self.grid.header_at(col)
        if self.grid.xlsx:
            return self.grid.where(line, col, name)
        return f"{self.grid.display} 第 {line} 行" + (f"「{name}」" if name else "")

    def figure(self, line: int, col: int, text: str, what: str) -> tuple[str | None, str | None, str] | None:
        """(number text, unit written in the cell, how it was read) of a value or rate cell; None: refused here.
        A "no figure" cell gives no number and is listed in the summary. A unit written in the cell is the figure's
        own (48.9亿元 in a 万元 row is 48.9 亿元, as a person reads it, and converts as any unit does); the dry run
        lists it."""
        if what not in ("value", "rate") or not text:
            return text or None, None, ""
        r = read_figure(text, self.units)
        row = self.labels.get(line, "")
        if r.number is None:
            self.grid.unplaced.append(f"{self.place(line, col)} {row}：{r.how}，未导入 / not imported")
            return None, None, r.how
        if r.unit is not None and what == "rate" and r.unit != "%":
            self._refuse(line, col, f"增长率单元格写的单位是 {r.unit}，增长率以 % 计；请只填百分数 / a rate is in %, "
                                    f"this cell says {r.unit}")
            return None
        return r.number, (r.unit if what == "value" else None), r.how

    def comment(self, line: int, col: int) -> str:
        """The comment on this cell (it becomes its figure's note), taken once."""
        text = self.grid.comments.get((line, col), "")
        if text:
            self.used.add((line, col))
        return text

    def row_note(self, line: int, col: int, note: str, years: set[int]) -> int | None:
        """The year a row's 备注 (or a comment on its name) belongs to: the one year it names, if the row gives a
        figure for it. Otherwise it is listed, never copied onto every year (that wrote false data)."""
        named = sorted({int(y) for y in _YEAR.findall(note.translate(WIDE))})
        if len(named) == 1 and named[0] in years:
            return named[0]
        if not named:
            why = "没有指明年份，不抄到每一年；请写到所指年份的备注中 / names no year: not copied onto every year, put it on the year it is about"
        elif len(named) > 1:
            why = (f"指明了多个年份（{'、'.join(map(str, named))}），请分别写到各年的备注中 / names several years: put it "
                   "on each year's own note")
        else:
            why = f"说的是 {named[0]} 年，这一行没有 {named[0]} 年的数据 / names {named[0]}, which this row has no figure for"
        self.grid.unplaced.append(f"{self.place(line, col)} {self.labels.get(line, '')}：备注「{note}」未导入，{why}")
        return None

    def leftover(self) -> None:
        """Comments on cells that are not figures (a header, a title): listed, not imported."""
        for (line, col), text in sorted(self.grid.comments.items()):
            if (line, col) not in self.used:
                self.grid.unplaced.append(f"{self.place(line, col)}：批注「{text}」不在数据单元格上，未导入 / a comment "
                                          "not on a figure: not imported")

    def _refuse(self, line: int, col: int, message: str) -> None:
        self.bad.add(Finding(self.grid.display, line, col + 1, self.labels.get(line, ""),
                             f"{self.place(line, col)}：{message}"))


def namer(grid: Grid) -> Callable[[PlantrackError], PlantrackError]:
    """Findings about this file's rows, however they were made (layout, the round-trip checks, recording), with
    the row's indicator as 名称（id） and, in a workbook, the cell as 主要指标!D4（2020年） (issue 28, item 3)."""
    import dataclasses

    labels = grid.labels

    def name(exc: PlantrackError) -> PlantrackError:
        found = []
        for f in exc.findings:
            if f.path == grid.display and f.line in labels:
                if grid.xlsx or H.column(f.field) is None:  # a CSV's column finding keeps its column's name
                    f = dataclasses.replace(f, field=labels[f.line])
                if grid.xlsx and f.col >= 1:
                    cell = grid.where(f.line, f.col - 1, grid.header_at(f.col - 1))
                    if not f.message.startswith(grid.sheet + "!"):
                        f = dataclasses.replace(f, message=f"{cell}：{f.message}")
            found.append(f)
        return PlantrackError(exc.message, code=exc.code, findings=tuple(found), unlisted=exc.unlisted)

    return name
