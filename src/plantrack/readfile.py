"""Read a plan file's bytes once, safely: only a regular file, never more than the size limit.

Every command reads plan.toml and actuals.toml through `read_limited`, and parses exactly the bytes it got
(a second read could see another file: see cache.py). Two attacks shaped it (issue 13):
- a FIFO (or a device) named actuals.toml blocked every command forever: the name is stat'ed first and opened
  non-blocking, and only a regular file is read;
- a 1 GB sparse file was read whole before its size was checked: the size is checked on the open file, and at
  most `limit` + 1 bytes are ever read (a file that grows meanwhile is still refused, not read on).
Kept free of imports beyond os and stat: the cache's hit path runs it on every `status`.
"""

from __future__ import annotations

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
                 trust: Callable[[os.stat_result], bool] | None = None) -> bytes:
    """The bytes of the regular file `path`; FileNotFoundError if nothing is there, Refused otherwise.

    `follow=False`: a link at `path` is refused, not followed (a file plantrack rewrites; the cache's entries).
    `vet` judges the opened file's fstat before a byte is read (config.py refuses files others own) and may
    raise; `trust` judges it too, False being Refused (the cache). Both see the file actually read, not a name
    that may since lead elsewhere."""
    nofollow = 0 if follow else getattr(os, "O_NOFOLLOW", 0)
    try:
        # Before opening: a FIFO would block open() itself, and opening some devices has side effects.
        if not stat.S_ISREG((os.stat if follow else os.lstat)(path).st_mode):
            raise Refused(_not_regular())
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | nofollow)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise Refused(_cannot_read(exc)) from None
    try:
        info = os.fstat(fd)  # the file actually opened: it may have been swapped since the stat above
        if not stat.S_ISREG(info.st_mode):
            raise Refused(_not_regular())
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


def _not_regular() -> str:
    return ("不是普通文件（可能是管道、设备或文件夹），已拒绝；请换成普通的文本文件 / "
            "not a regular file (a pipe, a device or a folder): refused. Replace it with a plain text file")


def _cannot_read(exc: OSError) -> str:
    return f"无法读取文件 / cannot read the file: {exc.strerror or exc}"
