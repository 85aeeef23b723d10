"""The command line: parse arguments, call the core, hand results to a renderer.

`main` answers `--version` and shell completion before typer is imported (see completion.py and
docs/performance.md), runs `status` with plain arguments through the express lane (express.py), and hands
everything else to the Typer app in cli/app.py.
"""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    # First of all: from here on Ctrl-C ends in "已中断 / interrupted" and exit 130 (cli/interrupt.py).
    from plantrack.cli import interrupt

    previous = interrupt.install()
    try:
        try:
            _main()
        except KeyboardInterrupt:
            interrupt.stop()
        except BrokenPipeError:
            # `plantrack status | head`: the reader left. Say nothing more (no traceback) and let the rest go.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(1)
        except SystemExit:
            # Typer turns a KeyboardInterrupt into a silent exit 130; a swallowed one may even end in 0.
            if interrupt.interrupted():
                interrupt.stop()
            raise
        if interrupt.interrupted():
            interrupt.stop()
    finally:
        gc.enable()  # as it was, for a caller that goes on (tests, embedding)
        interrupt.restore(previous)


def _utf8_streams() -> bool:
    # The usual case answered without importing codecs' lookup: both streams say utf-8 already.
    return all((getattr(s, "encoding", "") or "").lower().replace("-", "").replace("_", "") == "utf8"
               for s in (sys.stdout, sys.stderr))


def _main() -> None:
    # Start-up allocates only long-lived objects (modules, classes, tables of styles): the cyclic collector
    # scanning them again and again is pure waste, ~4 ms of a ~65 ms `status`. The express lane keeps it off
    # (express.py says why that is safe); Typer's commands get it back before they start work.
    gc.disable()
    if not _utf8_streams():
        from plantrack.cli.encoding import install as never_fail_on_a_character

        never_fail_on_a_character()  # a GBK or ASCII console: symbols fall back to ASCII (cli/encoding.py)
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
    from plantrack.render.guard import install

    # From here on no line of output, whoever writes it (Rich, a plain write, Typer's messages), can be read as a
    # CI workflow command (render/guard.py).
    install()
    from plantrack.cli.express import run

    if (code := run(sys.argv[1:])) is not None:
        sys.exit(code)
    from plantrack.cli.app import app

    gc.enable()
    app()
