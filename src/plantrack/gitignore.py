"""plans/.gitignore: ask git to ignore the lock files `record` leaves in each plan folder (issue 20).

`init` adds two lines to the plans folder's .gitignore. Issue 25 found that it appended to whatever the name
pointed at: a symlink to ../home/.bashrc got the lines, a FIFO hung `init` after the plan folder was made, and
a GBK-encoded file or a folder named .gitignore ended in a traceback. Now:
- everything is decided before the plan folder is made (`prepare`), and written after (`apply`), so a refusal
  of the plan changes no byte and no .gitignore problem can leave a plan half-reported;
- only a regular file is read or replaced, never through a link: a link, folder, FIFO or device, a file too
  large or in UTF-16 is left alone, with a note saying so and what to add by hand (the plan is made all the
  same: the lines are a convenience, never worth refusing a new plan for);
- the file is read bounded and as bytes: the lines appended are ASCII, and a line already there is found by
  its bytes, so a GBK file (common on Chinese Windows) is neither misread nor re-encoded;
- the new file replaces the old atomically (temp file, fsync, rename) keeping its mode and line endings, so
  a hard link to another file is broken rather than written through.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from plantrack.contain import display_path
from plantrack.readfile import Refused, read_limited

NAME = ".gitignore"
LINE = b".plantrack.lock"  # no slash: matches in every plan folder below
ALREADY = {LINE, b"*/" + LINE, b"*.lock", b"/*/" + LINE}  # any of these lines already ignores the lock files
ADDED = b"# plantrack's lock files (the lock `record` takes while it writes)\n" + LINE + b"\n"
MAX_BYTES = 1_000_000  # a .gitignore is a few KB; far larger is not one plantrack should rewrite


@dataclass(frozen=True)
class Update:
    """What `apply` will do: write `data` (None: nothing), or only show `note`."""

    path: Path
    data: bytes | None = None
    mode: int | None = None          # the mode to keep (None: a new file)
    seen: tuple[int, ...] | None = None  # the file's identity when read: apply leaves it alone if it changed
    note: str | None = None


def prepare(plans_dir: Path) -> Update:
    """Read plans_dir/.gitignore (if any) and decide; never writes, never blocks, never follows a link."""
    path = plans_dir / NAME
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return Update(path, ADDED)
    except OSError as exc:
        return Update(path, note=_left_alone(path, f"无法读取 / cannot be read ({exc.strerror or exc})"))
    if not stat.S_ISREG(info.st_mode):
        kind = ("是符号链接 / is a symbolic link" if stat.S_ISLNK(info.st_mode) else
                "是文件夹 / is a folder" if stat.S_ISDIR(info.st_mode) else
                "是特殊文件（管道或设备） / is a special file (a pipe or a device)")
        return Update(path, note=_left_alone(path, kind))
    try:
        raw = read_limited(path, MAX_BYTES, follow=False)
    except (Refused, FileNotFoundError) as exc:
        reason = exc.message if isinstance(exc, Refused) else "已不存在 / is gone"
        return Update(path, note=_left_alone(path, reason))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\0" in raw:
        return Update(path, note=_left_alone(path, "是 UTF-16 或二进制文件 / is UTF-16 or binary"))
    if ALREADY & {line.strip() for line in raw.splitlines()}:
        return Update(path)  # already ignored: nothing to do
    newline = b"\r\n" if b"\r\n" in raw else b"\n"
    joint = newline if raw and not raw.endswith(b"\n") else b""
    return Update(path, raw + joint + ADDED.replace(b"\n", newline), stat.S_IMODE(info.st_mode), _identity(info))


def apply(update: Update) -> str | None:
    """Write what `prepare` decided; the note to show (None: nothing to say). Never raises for the file."""
    if update.data is None:
        return update.note
    from plantrack.errors import PlantrackError
    from plantrack.store import replace_bytes

    try:
        now = _identity(os.lstat(update.path))
    except FileNotFoundError:
        now = None
    except OSError as exc:
        return _left_alone(update.path, f"无法读取 / cannot be read ({exc.strerror or exc})")
    if now != update.seen:  # replaced, linked or edited since it was read: its new content was not judged
        return _left_alone(update.path, "在 init 运行期间被改动 / changed while init ran")
    try:
        replace_bytes(update.path, update.data, update.mode, prefix=f"{NAME}.")
    except PlantrackError:  # a full disk, a read-only folder: the temp file is gone, the old file as it was
        return _left_alone(update.path, "无法写入（请检查权限和磁盘空间）/ could not be written (check permissions and disk space)")
    return None


def _identity(info: os.stat_result) -> tuple[int, ...]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_mode)


def _left_alone(path: Path, reason: str) -> str:
    """The note, from `reason` said as "中文 / English"."""
    zh, _, en = reason.partition("/ ")
    zh = zh.rstrip()
    shown = display_path(path)
    return (f"注意：{shown} {zh}，未修改；如需让 git 忽略 plantrack 的锁文件，请自行在其中加一行 {LINE.decode()} / "
            f"note: {shown} {en or zh}: left alone. To have git ignore plantrack's lock files, add the line "
            f"{LINE.decode()} to it yourself")
