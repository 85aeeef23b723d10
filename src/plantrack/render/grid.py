"""A table laid out by plantrack itself, for the overview of many plans: one pass, one line at a time.

Why not rich.table: Rich measures and renders every cell of the whole table before it writes a line, ~1.2 ms
and several KB a row, so the overview of 10,000 plans spent 12 s and 70 MB on the table alone (issue 19,
item 6; benchmarks/bench.py). This writer measures the columns once (terminal cells: a Chinese character is
two, rich.cells), folds the one wide column (the plan's name) onto continuation lines instead of cutting it,
and writes each line as it is made: plain text when the console has no colour (a pipe, NO_COLOR), or a Rich
Text of the same characters when it has. The look is Rich's SIMPLE_HEAD box, which the overview used before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from rich.cells import cell_len

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from rich.console import Console

    Span = tuple[str, str]  # (text, Rich style) — the text is plain: never markup
    Line = list[Span]

T = TypeVar("T")
GAP = "   "  # between columns: Rich's blank divider with one cell of padding each side


@dataclass(frozen=True)
class Column:
    header: str
    right: bool = False      # numbers: right-aligned
    style: str = ""          # every cell of the column (a status colour)
    fold: bool = False       # the one column that takes the room left and folds onto more lines
    min_width: int = 6


@dataclass(frozen=True)
class Row:
    cells: Sequence[str]
    styles: Sequence[str] = ()   # per cell, over the column's own style ("" = the column's)
    runs_from: int | None = None  # this cell and what follows is one text run over the columns (not measured)


def widths(columns: Sequence[Column], rows: Iterable[Row], width: int) -> list[int]:
    """Each column's width in cells: its widest cell, the folding column what is left of `width` (at least
    its min_width, at most what its widest cell needs)."""
    out = [cell_len(c.header) for c in columns]
    for row in rows:
        for i, cell in enumerate(row.cells[:row.runs_from]):
            if (w := cell_len(cell)) > out[i]:
                out[i] = w
    for i, column in enumerate(columns):
        if column.fold:
            others = sum(w for j, w in enumerate(out) if j != i) + len(GAP) * (len(columns) - 1) + 1
            out[i] = max(column.min_width, min(out[i], width - others))
    return out


def fold(text: str, width: int) -> list[str]:
    """`text` on lines of at most `width` cells: broken at spaces, a word longer than a line cut by cells."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:
            if cell_len(line + char) > width and line:
                lines.append(line)
                line = ""
            line += char
    return [*lines, line]


def _pad(text: str, width: int, right: bool) -> str:
    room = " " * max(0, width - cell_len(text))
    return room + text if right else text + room


def table_lines(columns: Sequence[Column], sections: Sequence[tuple[str | None, Sequence[T]]], width: int,
                make: Callable[[T], Row]) -> Iterator[Line]:
    """The table's lines as spans: a blank line, the header (bold), a rule, then each section's rows, a
    section after the first opened by a blank line and its label (dim). Each item becomes its Row by `make`,
    twice (to measure, then to write): the rows of 10,000 plans are never all held at once."""
    sizes = widths(columns, (make(item) for _, items in sections for item in items), width)
    total = sum(sizes) + len(GAP) * (len(columns) - 1)
    yield []
    yield [(" ", "")] + _joined([(_pad(c.header, w, c.right), "bold") for c, w in zip(columns, sizes)])
    yield [(" " + "─" * total, "")]
    for n, (label, rows) in enumerate(sections):
        if n:
            yield []
        if label is not None:
            yield [(" " + label, "dim")]
        for item in rows:
            yield from _row_lines(columns, sizes, make(item), width)


def _joined(spans: list[Span]) -> Line:
    out: Line = []
    for i, span in enumerate(spans):
        if i:
            out.append((GAP, ""))
        out.append(span)
    return out


def _row_lines(columns: Sequence[Column], sizes: list[int], row: Row, width: int) -> Iterator[Line]:
    cut = len(columns) if row.runs_from is None else row.runs_from
    parts = [fold(cell, size) if column.fold else [cell] for column, cell, size in zip(columns, row.cells, sizes)]
    if cut < len(columns):  # the run folds into the room right of the columns before it
        offset = 1 + sum(sizes[:cut]) + len(GAP) * cut
        parts[cut:] = [fold(" ".join(c for c in row.cells[cut:] if c), max(2, width - offset))]
    for k in range(max(len(p) for p in parts)):
        spans = []
        for i, (column, size) in enumerate(zip(columns, sizes)):
            text = parts[i][k] if k < len(parts[i]) else ""
            style = (row.styles[i] if i < len(row.styles) else "") or column.style
            if i >= cut:  # the run: unpadded, its own lines
                spans.append((text, style))
                break
            spans.append((_pad(text, size, column.right), style if text else ""))
        line = [(" ", "")] + _joined(spans)
        # No trailing blanks: a piped table is easier to diff and grep.
        while line and not line[-1][0].strip():
            line.pop()
        if line:
            last_text, last_style = line[-1]
            line[-1] = (last_text.rstrip(), last_style)
        yield line


def write_lines(console: Console, lines: Iterator[Line]) -> None:
    """Plain text straight to the console's stream when it has no colour; a Rich Text per line when it has."""
    if console.color_system is None:
        stream = console.file
        batch: list[str] = []
        for line in lines:
            batch.append("".join(text for text, _ in line))
            if len(batch) >= 512:
                stream.write("\n".join(batch) + "\n")
                batch.clear()
        if batch:
            stream.write("\n".join(batch) + "\n")
        stream.flush()
        return
    from rich.text import Text

    for line in lines:
        text = Text(no_wrap=True, overflow="ignore")
        for part, style in line:
            text.append(part, style=style or None)
        console.print(text, crop=False, soft_wrap=True)
