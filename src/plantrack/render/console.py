"""The two consoles: results on stdout, problems on stderr. Colour only on a terminal, never with NO_COLOR."""

from __future__ import annotations

import os
from functools import cache
from typing import IO, cast

from rich.console import Console

from plantrack.render.guard import stderr_guard, stdout_guard


def _console(stderr: bool) -> Console:
    # Rich already honours NO_COLOR and drops colour when piped; highlight=False so numbers in plan text
    # are not recoloured, and emoji=False so ":thumbs_up:" in a name stays literal. Written through a guard, so
    # no line (a folded table cell among them) can be read as a CI workflow command (render/guard.py).
    stream = cast("IO[str]", stderr_guard() if stderr else stdout_guard())  # a text stream, by duck typing
    return Console(file=stream, stderr=stderr, highlight=False, emoji=False,
                   markup=False, soft_wrap=True, no_color="NO_COLOR" in os.environ or None)


@cache
def out() -> Console:
    return _console(stderr=False)


@cache
def err() -> Console:
    return _console(stderr=True)
