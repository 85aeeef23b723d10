"""A file as a grid of text cells with their row numbers: what the layouts read, whatever the format."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Grid:
    """Rows of cells as text ('' for a blank cell), each with the row (CSV: line) it came from."""

    display: str
    rows: list[tuple[int, list[str]]]
    xlsx: bool = False        # cells are typed (no ' guard to take off); errors name the column letter
    exact: bool = False       # JSON: text is exactly the text (no ' guard either)
    # (row, column index) -> why the cell cannot be read (a formula with no saved result)
    bad: dict[tuple[int, int], str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # said on stderr before the result

    def where(self, col: int, header: str = "") -> str:
        """A column for a message: 'C 列「年份」/ column C' in a workbook, the header name in a CSV."""
        if not self.xlsx:
            return f"「{header}」列 / column {header!r}" if header else ""
        from openpyxl.utils import get_column_letter

        letter = get_column_letter(col + 1)
        return f"{letter} 列" + (f"「{header}」" if header else "") + f" / column {letter}"
