"""A cache of plans that passed validation, keyed by the exact bytes of their files.

Commands that read a plan (status, show, record, …) load the same unchanged files on almost every call, and
validating them needs pydantic, whose import alone costs about 120 ms. A plan that validated cleanly is
pickled together with the exact bytes of plan.toml and actuals.toml it came from, one entry per plan folder.
A later load is a hit only when plantrack's and Python's versions match and both files still hold exactly
those bytes: the same bytes always validate the same way, so a hit is as good as validating, and any change
to either file is a miss. (Comparing the bytes themselves needs no hashing library at start-up.) The cache is never the record: it is rebuilt from the files whenever in
doubt, every error reading or writing it is ignored, and `check` never uses it.

Location: $PLANTRACK_CACHE_DIR, else $XDG_CACHE_HOME/plantrack, else ~/.cache/plantrack.
PLANTRACK_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import contextlib
import os
import sys
from binascii import crc32  # zlib.crc32's very function, at half the import cost
from pathlib import Path

from plantrack import __version__
from plantrack.plan import Plan

try:
    # The C unpickler that pickle.load itself is; importing pickle.py around it costs ~0.6 ms more on every hit.
    from _pickle import load as _unpickle
except ImportError:  # pragma: no cover - a Python built without the accelerator
    from pickle import load as _unpickle

_FORMAT = 2  # bump when the pickled shape changes
Files = tuple[bytes, bytes | None]


def cache_dir() -> Path | None:
    if os.environ.get("PLANTRACK_NO_CACHE"):
        return None
    if configured := os.environ.get("PLANTRACK_CACHE_DIR"):
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "plantrack"


def _entry_path(directory: Path, folder: Path) -> Path:
    where = str(folder.resolve())
    return directory / f"{folder.name[:40]}-{crc32(where.encode('utf-8', 'surrogatepass')):08x}.pickle"


def _stamp() -> str:
    return f"{_FORMAT}:{__version__}:{sys.version_info[:2]}"


def get(folder: Path, files: Files) -> Plan | None:
    """The cached plan of `folder` if it was validated from exactly `files`."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        with open(_entry_path(directory, folder), "rb") as handle:
            stamp, name, cached_files, plan = _unpickle(handle)
    except Exception:  # noqa: BLE001 - a missing, stale or damaged cache entry is only a miss
        return None
    if stamp != _stamp() or name != folder.name or cached_files != files or not isinstance(plan, Plan):
        return None
    return plan


def put(folder: Path, files: Files, plan: Plan) -> None:
    directory = cache_dir()
    if directory is None:
        return
    import pickle  # only when writing, like tempfile: a cache hit should not pay for them
    import tempfile

    with contextlib.suppress(OSError, pickle.PicklingError):
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((_stamp(), folder.name, files, plan), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, _entry_path(directory, folder))
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
