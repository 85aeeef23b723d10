"""The last step of every output: a text stream that lets no line become a CI workflow command.

A CI log is read line by line by its runner, and a line of plan text that starts with `::` (GitHub Actions)
or holds `##[` / `##vso[` (the legacy GitHub and Azure Pipelines forms) would be obeyed: `::add-mask::`,
`::error::`, `::stop-commands::`. Escaping each field is not enough, because Rich folds a long cell onto a new
line and a note may hold line breaks. So the streams themselves are guarded (text.command_safe): the Rich
consoles write through a guard (render/console.py), and `plantrack`'s entry point puts one in front of
sys.stdout and sys.stderr for every other path (plain writes, CSV, Typer's own messages).

The guard keeps, across writes, whether the line written so far is only blanks, so a line start split over two
writes is still seen. A marker split inside itself over two writes (":" then ":x") is not: no writer in
plantrack does that (Rich writes each print whole; the plain paths write whole lines). Pure Python, no Rich: the
entry point installs it before any command is imported.
"""

from __future__ import annotations

import sys

from plantrack.text import command_safe

# The hints below are strings, and Callable and IO are imported for mypy only: importing typing costs start-up
# time on every command (docs/performance.md). mypy reads this name as typing.TYPE_CHECKING.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import IO, Any


class CommandGuard:
    """A text stream in front of `target()` (looked up at each write, so a swapped sys.stdout is followed)."""

    def __init__(self, target: Callable[[], IO[str]]):
        self._target = target
        self._stream: object = None  # the stream last written to: a new one starts at a line start
        self._blank_line = True  # the line written so far holds only blanks (or nothing)

    def _current(self) -> IO[str]:
        stream = self._target()
        if stream is not self._stream:
            self._stream, self._blank_line = stream, True
        return stream

    def write(self, text: str) -> int:
        stream = self._current()
        try:
            stream.write(self._guarded(text))
        except OSError as exc:
            raise failed_output(exc) from None
        return len(text)

    def flush(self) -> None:
        try:
            self._target().flush()
        except OSError as exc:
            raise failed_output(exc) from None

    def write_command(self, text: str) -> int:
        """Write a workflow command of plantrack's own (check --format github), its data already escaped: past
        this guard and any guard behind it."""
        stream = self._current()
        getattr(stream, "write_command", stream.write)(text)
        self._note(text)
        return len(text)

    def passed(self, text: str, command: bool = False) -> str:
        """`text` as this guard lets it pass to `target()` (guarded, unless it is one of plantrack's own
        workflow commands), the line state noted: for render/destination.py, which writes data as bytes past
        the stream's text layer (issue 29) and so past write()."""
        if command:
            self._note(text)
            return text
        return self._guarded(text)

    def target(self) -> IO[str]:
        return self._current()

    def _guarded(self, text: str) -> str:
        out = command_safe(text, at_line_start=self._blank_line)
        self._note(out)
        return out

    def _note(self, text: str) -> None:
        if not text:
            return
        cut = max(text.rfind("\n"), text.rfind("\r"))
        rest = text[cut + 1:]
        self._blank_line = (not rest.strip()) if cut >= 0 else (self._blank_line and not text.strip())

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        # flush, isatty, fileno, encoding, buffer...: the stream's own.
        return getattr(self._target(), name)


def failed_output(exc: OSError) -> BaseException:
    """What a failed write to standard output or error becomes (issue 25, item 14): a broken pipe stays itself
    (the reader left: main() exits 1 quietly, as before); anything else (a full disk, an I/O error) is one
    OutputFailed line instead of a traceback, and is noted so main() silences the stream before exit."""
    global failed
    if isinstance(exc, BrokenPipeError):
        return exc
    from plantrack.errors import output_failed

    failed = True
    return output_failed(exc)


failed = False  # an output failure was raised (and so will be or was said): main() silences stdout


def stdout_guard() -> CommandGuard:
    return _STDOUT


def stderr_guard() -> CommandGuard:
    return _STDERR


def install() -> None:
    """Put a guard in front of this process's stdout and stderr (the entry point calls this once)."""
    if not isinstance(sys.stdout, CommandGuard):
        real_out = sys.stdout
        sys.stdout = CommandGuard(lambda: real_out)
    if not isinstance(sys.stderr, CommandGuard):
        real_err = sys.stderr
        sys.stderr = CommandGuard(lambda: real_err)


_STDOUT = CommandGuard(lambda: sys.stdout)
_STDERR = CommandGuard(lambda: sys.stderr)
