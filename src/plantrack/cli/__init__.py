"""The command line: parse arguments, call the core, hand results to a renderer.

`main` answers `--version` and shell completion before typer is imported (see completion.py and
docs/performance.md), and hands everything else to the Typer app in cli/app.py, the one declaration of the
command line.
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
            _run()
        except KeyboardInterrupt:  # in the command, or in the handling of its end below (the last flush)
            interrupt.stop()
    finally:
        gc.enable()  # as it was, for a caller that goes on (tests, embedding)
        interrupt.restore(previous)


def _run() -> None:
    """The command and the settling of its end. A KeyboardInterrupt from any of it, the except branches included
    (a Ctrl-C while _settle flushes stdout after a SystemExit), reaches main()'s handler."""
    from plantrack.cli import interrupt

    try:
        _main()
        if (code := _settle()) is not None:
            sys.exit(code)
    except BrokenPipeError:
        # `plantrack status | head`: the reader left. Say nothing more (no traceback), exit 1 (decided in
        # issue 25: the output is incomplete, so not 0; and quiet, as other command-line tools are).
        _silence()
        sys.exit(1)
    except Exception as exc:
        # An OutputFailed raised where no command's own handler saw it (e.g. while reporting). Its class is
        # looked up, not imported: an import here could be cut by Ctrl-C into a traceback (test_attack_limits),
        # and importing errors.py first thing would cost --version and every Tab its dataclasses (~10 ms).
        # An OutputFailed can only exist once its module is loaded.
        errors = sys.modules.get("plantrack.errors")
        if errors is None or not isinstance(exc, errors.OutputFailed):
            raise
        sys.exit(_said(exc))
    except SystemExit:
        # Typer turns a KeyboardInterrupt into a silent exit 130; a swallowed one may even end in 0.
        if interrupt.interrupted():
            interrupt.stop()
        if (code := _settle()) is not None:
            sys.exit(code)
        raise
    if interrupt.interrupted():
        interrupt.stop()


def _settle() -> int | None:
    """Push out what standard output still buffers while a failure can still be said (Python's own flush at
    exit would print "Exception ignored ... OSError" and exit 120): the exit code if it failed, else None.
    After an output failure already said, stdout is silenced instead: saying it twice helps no one."""
    # Looked up, not imported: --version and a Tab answer before the guard is installed (nor is errors.py, whose
    # dataclasses would cost them ~10 ms), and then nothing can have failed through it.
    guard = sys.modules.get("plantrack.render.guard")
    if guard is not None and guard.failed:
        _silence()
        return None
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence()
        return 1
    except Exception as exc:
        from plantrack.errors import OutputFailed, output_failed

        if isinstance(exc, OutputFailed):
            return _said(exc)
        if isinstance(exc, OSError):  # before the guard was installed (--version)
            return _said(output_failed(exc))
        raise
    return None


def _said(exc: Exception) -> int:
    """Say an output failure on stderr (if stderr itself still works) and silence stdout: exit 1."""
    import contextlib

    from plantrack.errors import EXIT_FINDINGS, PlantrackError

    _silence()
    with contextlib.suppress(Exception):
        from plantrack.render.errors import report_error

        assert isinstance(exc, PlantrackError)
        report_error(exc)
    return EXIT_FINDINGS


def _silence() -> None:
    """Point standard output at the null device: what it still buffers is dropped without another error."""
    import contextlib

    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _plain(text: str) -> None:
    """print(), before the guard is installed (it is not imported for --version): a failure said the same way."""
    try:
        print(text)
    except OSError as exc:
        from plantrack.render.guard import failed_output

        raise failed_output(exc) from None


def _utf8_streams() -> bool:
    # The usual case answered without importing codecs' lookup: both streams say utf-8 already.
    return all((getattr(s, "encoding", "") or "").lower().replace("-", "").replace("_", "") == "utf8"
               for s in (sys.stdout, sys.stderr))


def _main() -> None:
    # Start-up allocates only long-lived objects (modules, classes, tables of styles): the cyclic collector
    # scanning them again and again is pure waste, ~4 ms of a ~65 ms `status`. Typer's commands get it back
    # before they start work (`status` turns it off again: cli/status.py says why).
    gc.disable()
    if not _utf8_streams():
        from plantrack.cli.encoding import install as never_fail_on_a_character

        never_fail_on_a_character()  # a GBK or ASCII console: symbols fall back to ASCII (cli/encoding.py)
    if sys.argv[1:] == ["--version"]:
        from plantrack import __version__

        _plain(f"plantrack {__version__}")
        return
    instruction = os.environ.get("_PLANTRACK_COMPLETE", "")
    if instruction.startswith("complete_"):
        from plantrack.completion import answer

        if (text := answer(instruction)) is not None:
            _plain(text)
            return
    from plantrack.render.guard import install

    # From here on no line of output, whoever writes it (Rich, a plain write, Typer's messages), can be read as a
    # CI workflow command (render/guard.py).
    install()
    from plantrack.cli.app import for_argv

    gc.enable()
    for_argv(sys.argv[1:])()
