"""A file as a grid of text cells with their row numbers: what the layouts read, whatever the format."""

from __future__ import annotations

from dataclasses import dataclass, field

from plantrack.errors import MAX_LISTED, Finding, PlantrackError


@dataclass
class Grid:
    """Rows of cells as text ('' for a blank cell), each with the row (CSV: line) it came from."""

    display: str
    rows: list[tuple[int, list[str]]]
    xlsx: bool = False        # cells are typed (no ' guard to take off); errors name the column letter
    exact: bool = False       # JSON: text is exactly the text (no ' guard either)
    # (row, column index) -> why the cell cannot be read (a formula with no saved result, a percentage that
    # holds more than it shows)
    bad: dict[tuple[int, int], str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # said on stderr before the result
    # A workbook's percent-formatted number cells, (row, column index) -> what the cell shows ("3.1%"); their text
    # is already that percentage, which only a field that is a percentage may take (layout.py).
    percent: dict[tuple[int, int], str] = field(default_factory=dict)
    hidden: set[int] = field(default_factory=set)  # a workbook's hidden rows
    header: list[str] = field(default_factory=list)  # the header row's cells, once layout has found it
    labels: dict[int, str] = field(default_factory=dict)  # data row -> its indicator as messages name it
    sheet: str = ""  # a workbook's sheet read: cells are named 表名!D4 (issue 28, item 3)
    # A workbook's cell comments (Excel notes), (row, column index) -> text: a figure's comment is its note.
    comments: dict[tuple[int, int], str] = field(default_factory=dict)
    # What import read but did not write (a "—" cell, a note it could not place): the summary lists each.
    unplaced: list[str] = field(default_factory=list)
    # row -> column indexes, built once: looking a row's cells up must not scan every cell of the file per row
    # (issue 25, item 9: 20,000 formula rows took 9 s).
    _index: dict[int, tuple[int, dict[int, list[int]]]] = field(default_factory=dict, repr=False, compare=False)

    def bad_cells(self, line: int) -> list[int]:
        """The columns of this row that cannot be read, left to right."""
        return self._by_row(self.bad, 0).get(line, [])

    def percent_cells(self, line: int) -> list[int]:
        return self._by_row(self.percent, 1).get(line, [])

    def _by_row(self, cells: dict[tuple[int, int], str], which: int) -> dict[int, list[int]]:
        size, index = self._index.get(which, (-1, {}))
        if size != len(cells):  # (re)built once the reader has filled the cells in
            index = {}
            for row, col in sorted(cells):
                index.setdefault(row, []).append(col)
            self._index[which] = (len(cells), index)
        return index

    def header_at(self, col: int) -> str:
        """The header cell above column `col` ('' past the header's end)."""
        return self.header[col] if col < len(self.header) else ""

    def where(self, line: int, col: int, header: str = "") -> str:
        """A cell for a message, as a clerk finds it: 「主要指标!D4（2020年）」 in a workbook (the sheet's tab, the
        cell's address, its column's header); in a CSV the header name (its rows are FILE:LINE)."""
        if not self.xlsx:
            return f"「{header}」列 / column {header!r}" if header else ""
        from openpyxl.utils import get_column_letter

        return f"{self.sheet}!{get_column_letter(col + 1)}{line}" + (f"（{header}）" if header else "")


class BadRows:
    """Bad rows, counted, the first MAX_LISTED kept (a million bad rows stay one line of numbers)."""

    def __init__(self) -> None:
        self.kept: list[Finding] = []
        self.count = 0

    def add(self, finding: Finding) -> None:
        self.count += 1
        if len(self.kept) < MAX_LISTED:
            self.kept.append(finding)

    def raise_if_any(self) -> None:
        if self.kept:
            raise PlantrackError(f"{self.count} 行有错误，没有写入任何数据 / {self.count} bad row(s): nothing was written",
                                 findings=tuple(self.kept), unlisted=self.count - len(self.kept))
