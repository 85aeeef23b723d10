"""A cache of plans that passed validation, keyed by the exact bytes of their files and by the code that
validated them.

Commands that read a plan (status, show, …) load the same unchanged files on almost every call, and
validating them needs pydantic, whose import alone costs about 120 ms. A plan that validated cleanly is
pickled together with the exact bytes of plan.toml and actuals.toml it was parsed from (the loader reads each
file once and parses those very bytes: loader.py), one entry per plan folder. A later load is a hit only when
both files still hold exactly those bytes and the code is the code that validated them: the same bytes
always validate the same way under the same code, so a hit is as good as validating. (Comparing the bytes
themselves needs no hashing library at start-up.) The cache is never the record: it is rebuilt from the files
whenever in doubt, every error reading or writing it is ignored, `check` never uses it, and a write never
starts from it (recording.py loads the files afresh under the lock).

Why each guard (issue 13):
- *The code*: the stamp holds the size and modification time of every .py file of plantrack (an os.scandir
  of the package, ~0.1 ms) and of the validating libraries (pydantic, pydantic-core; tomllib is the Python version's). The version
  number stays 0.1.0 across commits, so a plan cached by an older plantrack that accepted something today's
  `check` refuses was still served. Sizes and times rather than a hash of the sources: reading and hashing
  ~400 KB of sources would cost more than the rest of a cache hit; an edit, a `git checkout` and a
  `pip install` all change a file's modification time.
- *Code execution*: a shared or restored cache folder (a CI cache of ~/.cache, a shared PLANTRACK_CACHE_DIR)
  could hold any pickle. Entries are unpickled by `_Unpickler`, which builds nothing but plantrack's own model
  classes, Decimal and the datetime types (a pickle naming anything else is a miss, before it runs), and an
  entry is read only if it is owned by the current user and writable by no one else. (The folder's own mode
  does not matter: an entry someone else put or replaced there is theirs, and refused.)
What no check can tell is a forged entry of your own (a restored CI cache): it can make `status` show
something else, never run code nor reach a file, since `record` and `import` load the files themselves. On
shared runners, set PLANTRACK_NO_CACHE=1 or use `check`.

Location: $PLANTRACK_CACHE_DIR, else the platform's cache folder as platformdirs names it: on Linux and
other Unix $XDG_CACHE_HOME/plantrack, else ~/.cache/plantrack; on Windows %LOCALAPPDATA%\\plantrack\\Cache;
on macOS ~/Library/Caches/plantrack. PLANTRACK_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import stat
import sys
from binascii import crc32  # zlib.crc32's very function, at half the import cost
from pathlib import Path

from plantrack.plan import Plan

try:
    # The C unpickler that pickle.load itself is; importing pickle.py around it costs ~0.6 ms more on every hit.
    from _pickle import Unpickler as _CUnpickler
except ImportError:  # pragma: no cover - a Python built without the accelerator
    from pickle import Unpickler as _CUnpickler

_FORMAT = 6  # bump when the pickled shape changes
# An entry holds both files (each at most readfile.MAX_BYTES) and the plan made of them. Far more than that: a
# larger "entry" is not one of ours, and is not read.
ENTRY_LIMIT = 32 * 1024 * 1024
_PACKAGE = os.path.dirname(os.path.abspath(__file__))
# Libraries whose behaviour decides what validates; a hit requires each to be the very files that did.
_VALIDATORS = ("pydantic", "pydantic_core")
_ALLOWED = {
    "plantrack.plan": {"Plan"},
    "plantrack.models": {"PlanInfo", "Thresholds", "Indicator", "Adjustment", "Entry", "Revision"},
    "decimal": {"Decimal"},
    "datetime": {"date", "datetime", "time", "timezone", "timedelta"},
}
Files = tuple[bytes | None, bytes | None]  # plan.toml's and actuals.toml's bytes, as loader.py read them


class _Unpickler(_CUnpickler):
    """Builds only the classes a cached plan is made of: any other global (os.system, builtins.eval, …) is
    refused before it is looked up, which is what makes reading a pickle safe (pickle's documentation,
    "Restricting globals")."""

    def find_class(self, module: str, name: str) -> object:
        if name in _ALLOWED.get(module, ()):
            return super().find_class(module, name)
        raise _Refused(f"{module}.{name}")


class _Refused(Exception):
    pass


def cache_dir() -> Path | None:
    if os.environ.get("PLANTRACK_NO_CACHE"):
        return None
    if configured := os.environ.get("PLANTRACK_CACHE_DIR"):
        return Path(configured)
    if sys.platform in ("win32", "darwin"):  # platformdirs itself treats every other platform as Unix
        # Imported only here: on Linux the answer below is platformdirs' own (XDG base directories), and a
        # cache hit should not pay for the import (tests/test_import_guard.py).
        import platformdirs

        return Path(platformdirs.user_cache_dir("plantrack", appauthor=False))
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "plantrack"


def _entry_path(directory: Path, folder: Path) -> Path:
    if (stem := _stems.get(folder)) is None:  # resolve() is a stat per path part: once per folder and process
        where = str(folder.resolve())
        stem = _stems[folder] = f"{folder.name[:40]}-{crc32(where.encode('utf-8', 'surrogatepass')):08x}"
    return directory / f"{stem}.pickle"


_stems: dict[Path, str] = {}


def code_stamp(package: str = _PACKAGE) -> str:
    """Every .py file of the package (subpackages included) with its size and modification time, and the
    entry format and Python that pickled it. Plantrack's own stamp is taken once per process: the code that
    runs is the code imported at its start, and the overview of 10,000 plans would otherwise scan the package
    10,000 times (~0.1 ms each)."""
    global _own_stamp
    if package == _PACKAGE:
        if _own_stamp is None:
            _own_stamp = _scan(package)
        return _own_stamp
    return _scan(package)


_own_stamp: str | None = None


def _scan(package: str) -> str:
    parts = []
    folders = [package]
    while folders:
        with os.scandir(folders.pop()) as found:
            for item in found:
                if item.name.endswith(".py"):
                    info = item.stat()
                    parts.append(f"{item.path[len(package):]}:{info.st_size}:{info.st_mtime_ns}")
                elif item.name != "__pycache__" and item.is_dir():
                    folders.append(item.path)
    parts.sort()
    return f"{_FORMAT}:{sys.version}\n" + "\n".join(parts)


def _file_stamp(path: str) -> tuple[str, int, int]:
    """Once per process and path, as the code stamp: an overview of 10,000 plans reads 10,000 entries."""
    if (stamp := _stamps.get(path)) is None:
        info = os.stat(path)
        stamp = _stamps[path] = (path, info.st_size, info.st_mtime_ns)
    return stamp


_stamps: dict[str, tuple[str, int, int]] = {}


def _validators() -> tuple[tuple[str, int, int], ...]:
    """The files of the validating libraries loaded now (their __init__ and its folder, whose time changes
    when an upgrade adds or removes files): recorded at `put`, where they are loaded, and re-stat'ed at `get`."""
    stamps = []
    for name in _VALIDATORS:
        if (module := sys.modules.get(name)) is not None and (where := getattr(module, "__file__", None)):
            stamps += [_file_stamp(where), _file_stamp(os.path.dirname(where))]
    return tuple(stamps)


def _trusted(info: os.stat_result) -> bool:
    """Owned by whoever runs plantrack now and writable by no one else: only then can it be our own entry."""
    owner = os.geteuid() if hasattr(os, "geteuid") else info.st_uid
    return stat.S_ISREG(info.st_mode) and info.st_uid == owner and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def get(folder: Path, files: Files) -> Plan | None:
    """The cached plan of `folder` if it was validated from exactly `files` by the code running now (with
    today's validating libraries) and is ours to trust; else None. Every guard of the module docstring."""
    if (directory := cache_dir()) is None:
        return None
    from io import BytesIO  # io is imported at start-up anyway

    from plantrack.readfile import read_limited

    try:
        # Opened as plan files are (readfile.py), never with open(): a FIFO at an entry's path (a restored CI
        # cache can carry one) blocked open() forever (issue 25, item 10). Never through a link, only a
        # regular file we own, bounded: anything else is a miss.
        data = read_limited(_entry_path(directory, folder), ENTRY_LIMIT, follow=False, trust=_trusted)
        stamp, validators, cached_name, cached_files, plan = _Unpickler(BytesIO(data)).load()
        if (stamp != code_stamp() or cached_name != folder.name or cached_files != files
                or any(_file_stamp(where) != (where, size, mtime) for where, size, mtime in validators)):
            return None
    except Exception:  # noqa: BLE001 - a missing, stale, damaged or refused cache entry is only a miss
        return None
    return plan if isinstance(plan, Plan) else None


def put(folder: Path, files: Files, plan: Plan) -> None:
    """Store `plan`, validated from exactly `files`, for `get`: atomically, and never an error."""
    if (directory := cache_dir()) is None:
        return
    import pickle  # only when writing: a cache hit should not pay for it

    with contextlib.suppress(OSError, pickle.PicklingError):
        entry = (code_stamp(), _validators(), folder.name, files, dataclasses.replace(plan, directory=None))
        data = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
        global _written
        _written += 1
        # A name of this process's own, created exclusively (0600, ours), written in one call and renamed over
        # the entry: the fewest system calls for an atomic replace, which a cold overview of 10,000 plans makes
        # 10,000 times (tempfile.mkstemp and a buffered file cost three more each: issue 19, item 6).
        tmp = directory / f".{os.getpid()}-{_written}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(tmp, flags, 0o600)
        except FileNotFoundError:  # the first entry: make the folder (not tried before every write)
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(tmp, flags, 0o600)
        try:
            try:
                os.write(fd, data)
            finally:
                os.close(fd)
            os.replace(tmp, _entry_path(directory, folder))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


_written = 0