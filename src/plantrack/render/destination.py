"""Where an output goes: standard output, or the path the user named with -o. Every -o of every command (export,
export --all, report in each format) ends in `write_output`, so one set of rules holds for all (issue 25,
item 4: `-o` replaced links, FIFOs and devices, even /dev/stdout and /dev/full, and said nothing):

- None or "-": standard output. Text goes there as UTF-8 bytes whatever the console's encoding (write_data,
  issue 29): every data format on standard output comes through here, so `>` and a pipe hold what -o writes.
- the very file standard output (or error) already is: /dev/stdout, /proc/self/fd/1, a link to either, the
  file stdout is redirected to. Written to that stream, as "-": replacing it would leave the output nowhere.
- nothing there: a new file, written atomically (a temp file beside it, fsync, rename).
- a regular file: replaced atomically, keeping its mode. Only a regular file is ever replaced.
- a link: judged by where it leads. To a regular file, that file is replaced atomically in its own folder and
  the link stays a link (as the shell's `>` writes through one); to nothing, refused by name (making a file
  wherever a link points is how a planted link writes outside); to a FIFO or device, as below.
- a FIFO or a character device (a terminal, /dev/null): written through, never replaced, opened without
  creating or truncating, like the shell's `>`. A FIFO waits for its reader, as `echo > fifo` does.
- a folder, a block device, a socket: refused by name, nothing written (exit 2).
- plantrack's own files (plan.toml, actuals.toml, .plantrack.lock), as typed or where a link leads: refused.
A write that fails says why (a full disk) and exits 1; a file being replaced is then left as it was.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import IO, TYPE_CHECKING

from plantrack.errors import PlantrackError, output_failed, usage_error
from plantrack.plan import ACTUALS_FILE, PLAN_FILE
from plantrack.text import safe

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

LOCK_FILE = ".plantrack.lock"  # store.LOCK_NAME, without importing the writing code before it is needed
OWN_FILES = (PLAN_FILE, ACTUALS_FILE, LOCK_FILE)
Data = str | bytes | IO[str] | IO[bytes]
_BLOCK = 1 << 20


def is_dash(path: object) -> bool:
    return path is not None and str(path) == "-"


def own_file_problem(path: Path) -> None:
    """Refuse a path that is, or leads to, a file plantrack keeps its data or lock in."""
    for target in (path.absolute(), path.resolve()):
        if target.name.casefold() in OWN_FILES:  # case-blind: on macOS and Windows PLAN.TOML is plan.toml
            raise usage_error(
                f"-o {safe(path)} 是 plantrack 的规划文件（{', '.join(OWN_FILES)}），不能用输出覆盖 / {safe(path)} is "
                "a plan file plantrack keeps its data or lock in: the output will not replace it. Choose another "
                "name")


def judge(path: Path) -> tuple[str, Path]:
    """What writing to `path` means, before any work is done: ("stdout" | "stderr" | "through" | "replace",
    the path to write). Refusals raise PlantrackError naming the path."""
    own_file_problem(path)
    try:
        info: os.stat_result | None = os.stat(path)  # where links lead
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise PlantrackError(f"无法写入 {safe(path)}：{exc.strerror} / cannot write to {safe(path)}: "
                             f"{exc.strerror}", code=2) from None
    if info is not None:
        for fd, name in ((1, "stdout"), (2, "stderr")):
            if _same(info, fd):
                return name, path
    if info is None:
        if os.path.islink(path):
            raise usage_error(f"-o {safe(path)} 是指向不存在文件的链接（→ {safe(os.readlink(path))}），未写入；请直接写"
                              f"出文件名 / {safe(path)} is a link to a file that does not exist (→ "
                              f"{safe(os.readlink(path))}): nothing was written. Name the file itself")
        if not path.absolute().parent.is_dir():
            raise PlantrackError(f"文件夹不存在 / no such folder: {safe(path.parent)}")
        return "replace", path
    if stat.S_ISREG(info.st_mode):
        return "replace", Path(os.path.realpath(path)) if os.path.islink(path) else path
    if stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
        return "through", path
    zh, en = (("文件夹", "a folder") if stat.S_ISDIR(info.st_mode) else
              ("块设备", "a block device") if stat.S_ISBLK(info.st_mode) else ("特殊文件", "a special file"))
    raise usage_error(f"-o {safe(path)} 是{zh}，不能写入，未做任何修改；请给出文件名，例如 -o report.html / {safe(path)} "
                      f"is {en}: nothing was written. Give a file name, e.g. -o report.html")


def _same(info: os.stat_result, fd: int) -> bool:
    try:
        mine = os.fstat(fd)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (info.st_dev, info.st_ino)


def write_output(path: Path | None, data: Data, *, keep_style: bool = False) -> None:
    """Write `data` (text is UTF-8) to standard output (None, "-") or to `path` by the rules above.
    `keep_style`: text replacing a file keeps that file's line endings and BOM (a report edited on Windows)."""
    from plantrack.render.guard import stderr_guard, stdout_guard

    if path is None or is_dash(path):
        _to_stream(stdout_guard(), data)  # type: ignore[arg-type]
        return
    how, target = judge(path)
    if how in ("stdout", "stderr"):
        _to_stream(stdout_guard() if how == "stdout" else stderr_guard(), data)  # type: ignore[arg-type]
    elif how == "through":
        _through(target, data)
    else:
        from plantrack.store import encoded, replace_bytes

        try:
            old_mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            old_mode = None
        if keep_style and isinstance(data, str):
            data = encoded(target, data)[1]
        replace_bytes(target, _blocks(data), old_mode, prefix=f".{target.name}.")


def _blocks(data: Data) -> Iterator[bytes]:
    if isinstance(data, str):
        yield data.encode("utf-8")
    elif isinstance(data, bytes):
        yield data
    else:
        while block := data.read(_BLOCK):
            yield block.encode("utf-8") if isinstance(block, str) else block


def _to_stream(stream: IO[str], data: Data) -> None:
    """Text as data (write_data); bytes (a workbook) to the stream's buffer, after the text written so far."""
    from plantrack.render.guard import failed_output

    if isinstance(data, str):
        write_data(data, stream)
        return
    if not isinstance(data, bytes):
        probe = data.read(0)
        if isinstance(probe, str):
            while block := data.read(_BLOCK):
                write_data(block, stream)  # type: ignore[arg-type]
            return
    stream.flush()
    try:
        for block in _blocks(data):
            stream.buffer.write(block) if hasattr(stream, "buffer") else os.write(stream.fileno(), block)
        stream.flush()
    except OSError as exc:
        raise failed_output(exc) from None


def write_data(text: str, stream: IO[str] | None = None, command: bool = False) -> None:
    """A data format (JSON, JSON Lines, CSV, Markdown, HTML, a schema, check's annotations) on standard output
    (or `stream`): UTF-8 bytes on the stream's buffer, whatever the console's encoding, so that `>` and a pipe
    get the bytes -o writes (issue 29: under a GBK console the BOM became "?" and JSON was GBK). The text layer
    is flushed first, so what was printed before stays before. Each guard in front of the stream (render/
    guard.py) still sees the text: no line can start a CI workflow command (`command`: plantrack's own
    annotations, already escaped). A terminal gets text in its own encoding instead: a person reads it there."""
    from plantrack.render.guard import CommandGuard, failed_output, stdout_guard

    real: IO[str] = stdout_guard() if stream is None else stream  # type: ignore[assignment]
    while isinstance(real, CommandGuard):
        text = real.passed(text, command)
        real = real.target()
    try:
        if _terminal(real) or not hasattr(real, "buffer"):
            real.write(text)
        else:
            real.flush()
            real.buffer.write(text.encode("utf-8"))
        real.flush()
    except OSError as exc:
        raise failed_output(exc) from None


def data_writer(command: bool = False) -> Callable[[str], None]:
    """write_data as a function of the text alone, for the writers that stream a document piece by piece."""
    return lambda text: write_data(text, command=command)


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal, where a person reads it (a workbook or a web page is refused there)."""
    import sys

    return _terminal(sys.stdout)


def _terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _through(path: Path, data: Data) -> None:
    """Write into a FIFO or device without replacing it: opened as the shell's `>` opens it, less the truncation."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise output_failed(exc, safe(path)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):  # swapped since judge(): never write into it
            raise PlantrackError(f"{safe(path)} 在写入前被换掉，未写入 / {safe(path)} changed before it was written: "
                                 "nothing was written", code=2)
        for block in _blocks(data):
            view = memoryview(block)
            while view:
                view = view[os.write(fd, view):]
    except OSError as exc:
        raise output_failed(exc, safe(path)) from None
    finally:
        os.close(fd)
