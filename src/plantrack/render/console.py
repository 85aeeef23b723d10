"""The two consoles: results on stdout, problems on stderr. Colour only on a terminal (or with FORCE_COLOR), never
with a non-empty NO_COLOR."""

from __future__ import annotations

import os
from functools import cache
from typing import IO, cast

from rich.console import Console
from rich.text import Text

from plantrack.render.guard import stderr_guard, stdout_guard
from plantrack.render.wrap import fill


def _console(stderr: bool) -> Console:
    # NO_COLOR as no-color.org says: set and not empty (an empty NO_COLOR is unset, issue 20); Rich drops colour
    # when piped and honours FORCE_COLOR; highlight=False so numbers in plan text
    # are not recoloured, and emoji=False so ":thumbs_up:" in a name stays literal. Written through a guard, so
    # no line (a folded table cell among them) can be read as a CI workflow command (render/guard.py).
    stream = cast("IO[str]", stderr_guard() if stderr else stdout_guard())  # a text stream, by duck typing
    # NO_COLOR set and not empty turns colour off (no-color.org: an empty value counts as unset).
    return Console(file=stream, stderr=stderr, highlight=False, emoji=False,
                   markup=False, soft_wrap=True, no_color=bool(os.environ.get("NO_COLOR")) or None)


@cache
def out() -> Console:
    return _console(stderr=False)


@cache
def err() -> Console:
    return _console(stderr=True)


def say(line: str, stderr: bool = False) -> None:
    """A plain line of text (never read as markup) folded to the console's width: how the commands that write
    (record, import, extract, --delete/--restore) report each thing they did."""
    console = err() if stderr else out()
    console.print(Text(fill(line, console.width)))
