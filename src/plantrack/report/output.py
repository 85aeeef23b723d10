"""Writing the report to a file: atomically, and never over a plan's own files.

The rule (reliability.md, "Locks, links and file-system errors"): the names plantrack keeps its data and its
lock in (plan.toml, actuals.toml, .plantrack.lock) are refused anywhere; inside a plan folder only a report may
be written, a visible file named *.html, *.htm, *.md or *.markdown. Both are judged on the path as given and on
where its links lead, and case-blind (on macOS and Windows PLAN.TOML is plan.toml).
"""

from __future__ import annotations

import os
from pathlib import Path

from plantrack.errors import PlantrackError, usage_error
from plantrack.plan import ACTUALS_FILE, PLAN_FILE
from plantrack.text import safe

LOCK_FILE = ".plantrack.lock"  # store.LOCK_NAME, without importing the writing code before it is needed
OWN_FILES = (PLAN_FILE, ACTUALS_FILE, LOCK_FILE)
REPORT_SUFFIXES = (".html", ".htm", ".md", ".markdown", ".pdf", ".docx")


def _plan_folder(folder: Path) -> bool:
    return any(os.path.lexists(folder / name) for name in OWN_FILES)


def check_target(path: Path) -> None:
    """Refuse, before any work is done, a target that is plantrack's own file, not a report in a plan folder,
    a folder, or in a missing folder."""
    resolved = path.resolve()
    for target in (path.absolute(), resolved):
        report_name = target.suffix.casefold() in REPORT_SUFFIXES and not target.name.startswith(".")
        if _plan_folder(target.parent) and not report_name:
            raise usage_error(
                f"-o {safe(path)} 在规划文件夹 {safe(target.parent)} 中：这里只能写报告文件（以 .html、.htm、.md 或 "
                f".markdown 结尾，且不以 . 开头），规划文件不会被覆盖 / {safe(path)} is in the plan folder "
                f"{safe(target.parent)}: only a report may be written there (a name ending .html, .htm, .md or "
                ".markdown, not starting with '.'); the plan files are never replaced")
        if target.name.casefold() in OWN_FILES:
            raise usage_error(
                f"-o {safe(path)} 是 plantrack 的规划文件（{', '.join(OWN_FILES)}），不能用报告覆盖 / {safe(path)} is "
                "a plan file plantrack keeps its data or lock in: the report will not replace it. Choose another "
                "name, e.g. -o report.html")
    if resolved.is_dir():
        raise usage_error(f"-o {safe(path)} 是文件夹 / is a folder: give a file name, e.g. -o report.html")
    if not resolved.parent.is_dir():
        raise PlantrackError(f"文件夹不存在 / no such folder: {safe(path.parent)}")


def write_report(path: Path, text: str) -> None:
    """Replace `path` with the report so that a crash leaves the old file or the new one."""
    from plantrack.store import plan_lock, write_atomic

    check_target(path)
    folder = path.resolve().parent
    if (folder / PLAN_FILE).is_file():
        # write_atomic clears stale temp files in the folder; in a plan folder only the lock holder may.
        with plan_lock(folder):
            write_atomic(path, text)
    else:
        write_atomic(path, text)


def write_report_bytes(path: Path, data: bytes) -> None:
    """`write_report` for a binary report (PDF, Word): the same checks, lock and all-or-nothing replacement,
    without the text handling of write_atomic (a PDF must not have its line endings changed)."""
    from plantrack.store import plan_lock

    check_target(path)
    folder = path.resolve().parent
    if (folder / PLAN_FILE).is_file():
        with plan_lock(folder):
            _replace_bytes(path, data)
    else:
        _replace_bytes(path, data)


def _replace_bytes(path: Path, data: bytes) -> None:
    from plantrack.store import replace_bytes

    try:
        old_mode: int | None = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        old_mode = None
    replace_bytes(path, data, old_mode)
