"""Help text and usage errors measured in terminal cells (issue 20).

Click wraps help by code points, so a line of Chinese option help came out twice as wide as the terminal
(`COLUMNS=80 plantrack record -h` had 97-cell lines). The formatter here keeps Click's layout (usage, the
docstring, the definition lists of arguments, options and commands) and wraps every piece with render/wrap.py,
like every other line plantrack prints. A docstring paragraph after a `\\b` line keeps its line breaks, so each
example stays on its own line; an example wider than the terminal goes on, indented, on the next.

Click's usage errors ("Error: Invalid value for '--fail-on' …") are written by the exception itself: `wrapped`
gives each one a `show` that wraps what Click would have written, its Chinese in front (cli/clicktext.py).
"""

from __future__ import annotations

import contextlib
import functools
import io
import sys
from typing import TYPE_CHECKING, Any

from typer.core import TyperCommand, TyperGroup

from plantrack.cli.clicktext import HELP_WORDS, help_words, usage_error_text
from plantrack.render.wrap import cells, fill, terminal_width, wrap_line

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from typer._click import Context as _Context
    from typer._click.exceptions import ClickException
    from typer._click.formatting import HelpFormatter as _Formatter
else:  # whichever Click this Typer runs on: its own copy (typer._click) now, the click package in older ones
    _Context = TyperGroup.context_class
    _Formatter = _Context.formatter_class
    ClickException = sys.modules[_Context.__module__.rpartition(".")[0] + ".exceptions"].ClickException

MAX_WIDTH = 80  # help lines longer than this are hard to read, whatever the terminal (Click's choice too)
MIN_WIDTH = 30
RAW = "\b"  # Click's mark for a paragraph whose lines are kept


def help_width() -> int:
    """The terminal's width (render/wrap.py) less Click's two-cell margin, at most 78."""
    forced = getattr(sys.modules[_Formatter.__module__], "FORCED_WIDTH", None)  # CliRunner(terminal_width=…)
    return forced if isinstance(forced, int) else max(min(terminal_width(), MAX_WIDTH) - 2, MIN_WIDTH)


def paragraphs(text: str, width: int, indent: str) -> str:
    """Click's wrap_text(preserve_paragraphs=True), in cells: paragraphs split by blank lines are rewrapped,
    those after a `\\b` line keep their lines (each wrapped only where it is wider than `width`)."""
    blocks: list[list[str]] = [[]]
    for line in text.expandtabs().splitlines():
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    out = []
    for block in filter(None, blocks):
        if block[0].strip() == RAW:
            block = block[1:]
            # An example that must wrap goes on 4 cells past the column its block's lines are aligned at.
            column = max(_lead(b) for b in block) + 4
            out.append("\n".join(part for b in block for part in
                                  wrap_line(indent + b, width, " " * (column - _lead(b)), inside_words=False)))
        else:
            own = block[0][: len(block[0]) - len(block[0].lstrip())]
            joined = indent + own + " ".join(b.strip() for b in block)
            out.append("\n".join(wrap_line(joined, width, hang="")))
    return "\n\n".join(out)


def _lead(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


class CellFormatter(_Formatter):
    """Click's HelpFormatter, every width in terminal cells."""

    def __init__(self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None):
        super().__init__(indent_increment, width if width is not None else help_width(), max_width)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = HELP_WORDS["Usage: "] if prefix is None else prefix
        head = f"{prefix:>{self.current_indent}}{prog} "
        # Click's layout: the arguments go on under themselves, or under the prefix when the program's name is long.
        hang = cells(head) if self.width - cells(head) >= 20 else max(self.current_indent, cells(prefix)) + 4
        self.write("\n".join(wrap_line(head + args, self.width, hang=" " * hang)) + "\n")

    def write_heading(self, heading: str) -> None:
        super().write_heading(help_words(heading))

    def write_text(self, text: str) -> None:
        self.write(paragraphs(text, self.width, " " * self.current_indent) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((cells(first) for first, _ in rows), default=0), col_max) + col_spacing
        margin = " " * self.current_indent
        column = " " * (first_col + self.current_indent)
        for first, second in rows:
            second = help_words(second)
            if not second:
                self.write(f"{margin}{first}\n")
                continue
            lines = paragraphs(second, max(self.width - first_col - self.current_indent, 10), "").splitlines()
            if cells(first) <= first_col - col_spacing:
                self.write(f"{margin}{first}{' ' * (first_col - cells(first))}{lines[0]}\n")
                lines = lines[1:]
            else:  # on a line of its own, wrapped too: `--assessment <achieved|nearly_met|…>` is long
                self.write("\n".join(wrap_line(margin + first, self.width, hang="    ")) + "\n")
            self.write("".join(f"{column}{line}\n" if line else "\n" for line in lines))


class CellContext(_Context):
    formatter_class = CellFormatter


class CellCommand(TyperCommand):
    context_class = CellContext


def _show(exc: ClickException, file: Any = None) -> None:
    """What Click would write for `exc`, in both languages (cli/clicktext.py), wrapped to the terminal's width."""
    buffer = io.StringIO()
    type(exc).show(exc, file=buffer)
    (file or sys.stderr).write(fill(usage_error_text(buffer.getvalue().rstrip("\n"))) + "\n")


@contextlib.contextmanager
def wrapped() -> Iterator[None]:
    """Click exceptions raised inside say themselves wrapped to the terminal's width."""
    try:
        yield
    except ClickException as exc:
        setattr(exc, "show", functools.partial(_show, exc))
        raise
