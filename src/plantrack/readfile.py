"""Read a plan file's bytes once, safely: only a regular file, never more than the size limit.

Every command reads plan.toml and actuals.toml through `read_limited`, and parses exactly the bytes it got
(a second read could see another file: see cache.py). Two attacks shaped it (issue 13):
- a FIFO (or a device) named actuals.toml blocked every command forever: the name is stat'ed first and opened
  non-blocking, and only a regular file is read;
- a 1 GB sparse file was read whole before its size was checked: the size is checked on the open file, and at
  most `limit` + 1 bytes are ever read (a file that grows meanwhile is still refused, not read on).
Kept free of imports beyond os, stat and errno: the cache's hit path runs it on every `status`.
A file the user names (import's FILE, extract's FILE, check's PATH) is refused in one set of words, here:
`read_input`, `missing`.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

# A hint only: typing itself is not imported at run time (the cache's hit path runs this module on every
# `status`); mypy reads this name as typing.TYPE_CHECKING.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

# A plan with 100 indicators and 30 years of actuals is about 200 KB; anything far larger is a mistake.
MAX_BYTES = 2_000_000
_CHUNK = 1 << 16


class Refused(Exception):
    """The file cannot be read as a plan file; the message says why and what to do (中文 / English)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def too_large(size: int, limit: int = MAX_BYTES) -> str:
    return f"文件过大（{size} 字节，上限 {limit}）/ file too large ({size} bytes, limit {limit})"


def read_limited(path: Path, limit: int = MAX_BYTES, *, follow: bool = True,
                 vet: Callable[[os.stat_result], None] | None = None,
                 trust: Callable[[os.stat_result], bool] | None = None,
                 wanted: tuple[str, str] = ("普通的文本文件", "a plain text file")) -> bytes:
    """The bytes of the regular file `path`; FileNotFoundError if nothing is there, Refused otherwise.

    `follow=False`: a link at `path` is refused, not followed (a file plantrack rewrites; the cache's entries).
    `vet` judges the opened file's fstat before a byte is read (config.py refuses files others own) and may
    raise; `trust` judges it too, False being Refused (the cache). Both see the file actually read, not a name
    that may since lead elsewhere. `wanted` (中文, English): what to give instead of a pipe or a device."""
    nofollow = 0 if follow else getattr(os, "O_NOFOLLOW", 0)
    try:
        # Before opening: a FIFO would block open() itself, and opening some devices has side effects.
        if not stat.S_ISREG((os.stat if follow else os.lstat)(path).st_mode):
            raise Refused(_not_regular(wanted))
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | nofollow)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise Refused(_cannot_read(exc)) from None
    try:
        info = os.fstat(fd)  # the file actually opened: it may have been swapped since the stat above
        if not stat.S_ISREG(info.st_mode):
            raise Refused(_not_regular(wanted))
        if vet is not None:
            vet(info)
        if trust is not None and not trust(info):
            raise Refused("not trusted")
        if info.st_size > limit:
            raise Refused(too_large(info.st_size, limit))
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # it grew after fstat: refuse it rather than read on
            raise Refused(too_large(max(total, os.fstat(fd).st_size), limit))
        return b"".join(chunks)
    except OSError as exc:
        raise Refused(_cannot_read(exc)) from None
    finally:
        os.close(fd)


def read_input(path: Path, shown: str, limit: int = MAX_BYTES) -> bytes:
    """A file the user named (import's FILE, extract's FILE): its bytes, or a usage error that names it as
    typed (`shown`) and says why in both languages. The one way such a file is read and refused."""
    from plantrack.errors import PlantrackError

    try:
        # Only a regular file, and never more than the limit: a FIFO given as FILE must not block for ever.
        return read_limited(path, limit)
    except Refused as exc:
        raise PlantrackError(f"{shown}: {exc.message}", code=2) from None
    except OSError as exc:  # nothing there (read_limited lets FileNotFoundError through)
        raise PlantrackError(f"{shown}: {_cannot_read(exc)}", code=2) from None


def missing(shown: str) -> str:
    """A path the user typed that leads nowhere (`check missing.toml`), in read_input's words."""
    return f"{shown}: {_cannot_read(FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT)))}"


def _not_regular(wanted: tuple[str, str]) -> str:
    return (f"不是普通文件（可能是管道、设备或文件夹），已拒绝；请换成{wanted[0]} / "
            f"not a regular file (a pipe, a device or a folder): refused. Replace it with {wanted[1]}")


# The Chinese half gives the reason in Chinese (the OS's own words, often English whatever the locale, stay in
# the English half), and what to do about it.
_WHY = {
    errno.ENOENT: ("没有这个文件或文件夹；请检查路径和文件名", "check the path and the file name"),
    errno.EACCES: ("没有读取权限；请让文件的所有者恢复读取权限", "ask the file's owner to restore read access"),
    errno.EPERM: ("没有读取权限；请让文件的所有者恢复读取权限", "ask the file's owner to restore read access"),
}


def _cannot_read(exc: OSError) -> str:
    zh, en = _WHY.get(exc.errno or 0, ("操作系统拒绝读取（原因见英文部分）；请检查该文件", "check the file"))
    return f"无法读取：{zh} / cannot read it: {exc.strerror or exc}; {en}"
