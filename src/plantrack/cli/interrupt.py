"""Ctrl-C, said one way everywhere: "已中断 / interrupted" on stderr and exit 130, never a traceback, never 0.

Installed as the very first thing `main()` does, so start-up (the imports of typer, rich, pydantic), the Typer
commands and `check`'s worker pool all end the same way. The flag outlives the
KeyboardInterrupt: if a library swallows the exception (pydantic once did, and `check` exited 0), `main()`
still sees that the user asked to stop, and exits 130 once the command returns.
"""

from __future__ import annotations

import os

# typing is not imported at run time (start-up, docs/performance.md); mypy reads this name as typing's.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import signal as _signal
    from collections.abc import Callable
    from types import FrameType
    from typing import Any
else:
    # The C module under `signal`: `import signal` also imports enum, ~3 ms of `plantrack --version`.
    import _signal

MESSAGE = "已中断 / interrupted\n"
_state = {"interrupted": False, "said": False}
_hook: dict[str, Callable[[Any], object]] = {}  # the unraisable hook `install` replaced


def install() -> Any:
    """Route SIGINT here; the previous handler, for `restore`."""
    import sys

    _state["interrupted"] = _state["said"] = False
    if sys.unraisablehook is not _unraisable:
        _hook["unraisable"] = sys.unraisablehook
        sys.unraisablehook = _unraisable
    return _signal.signal(_signal.SIGINT, _on_sigint)


def _unraisable(info: Any) -> None:  # noqa: ANN001 - sys.UnraisableHookArgs
    # An interrupt landing where Python cannot raise (a C callback, a __del__) is printed as "Exception ignored
    # in ... Traceback"; the flag already holds it, and main() still exits 130.
    if not issubclass(info.exc_type, KeyboardInterrupt):
        _hook["unraisable"](info)


def restore(previous: Any) -> None:
    """Put back the handler `install` replaced, once the command is done.

    Python's own handler would turn a Ctrl-C in the last moments (the script's `sys.exit`, interpreter exit)
    into a KeyboardInterrupt traceback; in its place the signal's default action ends the process quietly, which
    the shell reports as 130 all the same.
    """
    if previous is _signal.default_int_handler:
        previous = _signal.SIG_DFL
    _signal.signal(_signal.SIGINT, previous)


def interrupted() -> bool:
    return _state["interrupted"]


def _on_sigint(_signum: int, _frame: FrameType | None) -> None:  # noqa: ANN001 - the signal module's signature
    if _state["interrupted"]:
        # A second Ctrl-C: the first may have been swallowed, or clean-up hangs. Stop now, still quietly.
        say()
        os._exit(130)  # plantrack.errors.EXIT_INTERRUPTED (not imported: start-up stays small)
    _state["interrupted"] = True
    raise KeyboardInterrupt


def say() -> None:
    """Print the message once (os.write: no buffering, nothing that could itself be interrupted half-way)."""
    if not _state["said"]:
        _state["said"] = True
        try:
            os.write(2, MESSAGE.encode())
        except OSError:
            pass


def stop() -> None:
    """Exit 130 now, after the command's own clean-up (its finally blocks) has run.

    os._exit rather than sys.exit: an interrupt that landed inside a C extension's import (numpy turns it into
    an ImportError) can leave the interpreter to crash while finalizing (seen: abort, exit -6).
    """
    say()
    import sys

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(130)  # plantrack.errors.EXIT_INTERRUPTED (not imported: start-up stays small)
