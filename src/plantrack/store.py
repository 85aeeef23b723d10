"""Writing actuals.toml: deterministic text, and a write that is atomic under a lock.

A write is lock -> read -> validate -> temp file in the same folder -> fsync -> os.replace -> fsync the
folder (git's lockfile pattern). Killing the process at any point leaves the old file or the new one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from plantrack.errors import PlantrackError
from plantrack.models import ENTRY_KEYS, Entry, Revision
from plantrack.plan import ACTUALS_FILE
from plantrack.text import safe

HEADER = (
    "# 实际完成值 / recorded actuals. Written by `plantrack record`; one table per indicator and year.\n"
    "# Edit by hand if you must, then run `plantrack check`. Format: docs/plan-format.md\n\n"
)
LOCK_NAME = ".plantrack.lock"
TMP_PREFIX = f".{ACTUALS_FILE}."
TMP_SUFFIX = ".tmp"
BOM = b"\xef\xbb\xbf"
LOCK_TIMEOUT_S = 30


def as_table(item: Entry | Revision) -> dict[str, Any]:
    keys = (*ENTRY_KEYS, "replaced_at") if isinstance(item, Revision) else ENTRY_KEYS
    table = {}
    for key in keys:
        value = getattr(item, key)
        if value is not None and value != "":
            table[key] = toml_value(value)
    if isinstance(item, Entry) and item.revisions:
        table["revisions"] = [as_table(r) for r in item.revisions]
    return table


def toml_value(value: object) -> object:
    """A Decimal as typed: 486600 stays an integer (tomli-w would write 486600.0), 27.72 stays 27.72."""
    if isinstance(value, Decimal) and value.as_tuple().exponent >= 0:  # type: ignore[operator]
        return int(value)
    return value


def schema_line(path: Path) -> str | None:
    """The file's `#:schema …` first line (an editor directive the user chose), to be kept when rewriting."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            first = handle.readline().rstrip("\r\n")
    except (OSError, UnicodeDecodeError):
        return None
    return first if first.startswith("#:schema ") else None


def dump_actuals(actuals: dict[str, dict[int, Entry]], order: list[str], schema: str | None = None) -> str:
    """The file text: indicators in 序号 order (`order`), years ascending, keys in a fixed order; the
    `#:schema` line first when the file had one."""
    import tomli_w

    rank = {ind_id: i for i, ind_id in enumerate(order)}
    doc = {}
    for ind_id in sorted(actuals, key=lambda i: (rank.get(i, len(rank)), i)):
        years = actuals[ind_id]
        if years:
            doc[ind_id] = {str(year): as_table(years[year]) for year in sorted(years)}
    return (f"{schema}\n" if schema else "") + HEADER + tomli_w.dumps(doc)


@contextlib.contextmanager
def plan_lock(directory: Path) -> Iterator[None]:
    """Hold the plan folder's lock for a whole read-modify-write."""
    from filelock import FileLock, Timeout

    _refuse_odd_lock(directory / LOCK_NAME)
    try:
        with FileLock(directory / LOCK_NAME, timeout=LOCK_TIMEOUT_S):
            yield
    except Timeout:
        raise PlantrackError(
            f"另一个 plantrack 进程正在写入 {directory}，{LOCK_TIMEOUT_S} 秒内未结束，请稍后再试 / "
            "another plantrack is writing this plan: try again shortly"
        ) from None
    except PermissionError:
        raise write_error(directory, "没有写入权限 / permission denied") from None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO):
            # filelock's O_NOFOLLOW open met a link or folder put there after our lstat: the same message.
            _refuse_odd_lock(directory / LOCK_NAME)
        raise


def _refuse_odd_lock(lock: Path) -> None:
    """Refuse a lock path that is a link, a folder, a FIFO...: git can commit a symlink there, and opening it
    would lock (with older filelock, truncate) whatever it points to. filelock (>=3.20.3) itself opens with
    O_NOFOLLOW; this check comes first so the user gets a message rather than an OSError, and plan_lock asks
    again if a link appears between this lstat and filelock's open (O_NOFOLLOW refuses it meanwhile)."""
    try:
        mode = os.lstat(lock).st_mode
    except FileNotFoundError:
        return
    except PermissionError:
        raise write_error(lock.parent, "没有权限 / permission denied") from None
    if not stat.S_ISREG(mode):
        zh, en = (("符号链接", "a symbolic link") if stat.S_ISLNK(mode) else
                  ("文件夹", "a folder") if stat.S_ISDIR(mode) else ("特殊文件", "a special file"))
        raise PlantrackError(
            f"锁文件 {safe(lock)} 是{zh}，不是普通文件，未做任何修改。锁文件不含数据：请删除它后重试"
            f"（若它在 git 仓库中，也从仓库删除）/ the lock file {safe(lock)} is {en}, not a regular file: nothing "
            "was changed. A lock file holds no data: delete it and try again (and from git, if it is committed)"
        )


def ensure_writable(path: Path) -> None:
    """Refuse to replace a file its owner made read-only: os.replace would do it without asking."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    if not mode & stat.S_IWUSR:
        raise PlantrackError(
            f"{path} 是只读文件，没有修改；如需记录，请先恢复写权限（chmod u+w）/ "
            f"{path} is read-only: nothing was changed. Make it writable first (chmod u+w)"
        )


def write_atomic(path: Path, text: str, *, verify: Callable[[bytes], None] | None = None) -> None:
    """Replace `path` with `text` so that a crash leaves the old or the new file, never a mix.

    The file keeps its mode, its line endings and a leading UTF-8 BOM. `verify` sees the exact bytes about to
    be written and may refuse them by raising, before anything is created or changed.
    """
    old_mode, data = encoded(path, text)
    if verify is not None:
        verify(data)
    replace_bytes(path, data, old_mode)


def replace_bytes(path: Path, data: bytes | Iterable[bytes], old_mode: int | None, *, prefix: str = TMP_PREFIX) -> None:
    """The atomic replace itself: temp file in the same folder -> fsync -> os.replace -> fsync the folder.
    `old_mode` is the mode to keep (None: a new file, the usual 0644 under the umask). `data` may come in
    blocks (export --all: hundreds of MB). With the actuals' own `prefix`, stale temp files are cleared first
    (the caller holds the plan's lock); an output under its own prefix (render/destination.py) clears none."""
    directory = path.parent
    if prefix == TMP_PREFIX:
        _remove_stale_temps(directory)
    try:
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=TMP_SUFFIX, dir=directory)
    except OSError as exc:
        raise write_error(directory, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for block in (data,) if isinstance(data, bytes) else data:
                handle.write(block)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes 0600; keep the mode the file had (or the usual 0644 for a new one).
        os.chmod(tmp, old_mode if old_mode is not None else 0o644 & ~_umask())
        os.replace(tmp, path)
    except BaseException as exc:  # Ctrl-C in a long copy too: no temp file is left behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise write_error(directory, exc) from None
        raise
    fsync_dir(directory)


def encoded(path: Path, text: str) -> tuple[int | None, bytes]:
    """The mode `path` has now (None if it does not exist) and `text` as the bytes that would replace it."""
    old_mode, newline, bom = _existing_style(path)
    return old_mode, bom + text.replace("\n", newline).encode("utf-8")


def _existing_style(path: Path) -> tuple[int | None, str, bytes]:
    """The mode, line ending and BOM of the file being replaced, from its first 4 KB only (never the whole of
    a file that may be huge: the loader refuses those, but a report path may be anything)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # opening a FIFO would block: it has no style to keep anyway
            return None, "\n", b""
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except FileNotFoundError:
        return None, "\n", b""
    mode = stat.S_IMODE(info.st_mode)
    return mode, "\r\n" if b"\r\n" in head else "\n", BOM if head.startswith(BOM) else b""


def _remove_stale_temps(directory: Path) -> None:
    # A temp file can only be stale here: the lock is held, so no other writer owns one.
    for tmp in directory.glob(f"{TMP_PREFIX}*{TMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            tmp.unlink()


def fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform lets a folder be opened
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_error(directory: Path, reason: str | OSError) -> PlantrackError:
    """Nothing was written to `directory`, and why (an OSError says it in the system's words)."""
    if isinstance(reason, OSError):
        reason = reason.strerror or str(reason)
    return PlantrackError(
        f"无法写入 {directory}：{reason}。没有任何文件被修改；请检查文件夹权限和磁盘空间 / "
        f"cannot write to {directory}: {reason}. Nothing was changed; check permissions and free disk space"
    )
