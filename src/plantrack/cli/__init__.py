"""The command line: parse arguments, call the core, hand results to a renderer.

`main` answers `--version` and shell completion before typer is imported (see completion.py and
docs/performance.md); everything else goes to the Typer app in cli/app.py.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    try:
        _main()
    except BrokenPipeError:
        # `plantrack status | head`: the reader left. Say nothing more (no traceback) and let the rest go.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)


def _main() -> None:
    if sys.argv[1:] == ["--version"]:
        from plantrack import __version__

        print(f"plantrack {__version__}")
        return
    instruction = os.environ.get("_PLANTRACK_COMPLETE", "")
    if instruction.startswith("complete_"):
        from plantrack.completion import answer

        if (text := answer(instruction)) is not None:
            print(text)
            return
    from plantrack.cli.app import app

    app()
