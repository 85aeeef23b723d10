"""Writing the report to a file: atomically, and never over a plan's own files."""

from __future__ import annotations

from pathlib import Path

from plantrack.errors import PlantrackError, usage_error
from plantrack.plan import ACTUALS_FILE, PLAN_FILE
from plantrack.render.safe import safe


def check_target(path: Path) -> None:
    """Refuse, before any work is done, a target that is a plan file, a folder, or in a missing folder."""
    resolved = path.resolve()
    in_plan_folder = (resolved.parent / PLAN_FILE).is_file()
    if resolved.name in (PLAN_FILE, ACTUALS_FILE) or (in_plan_folder and resolved.suffix == ".toml"):
        raise usage_error(
            f"-o {safe(path)} 是规划文件，不能用报告覆盖 / {safe(path)} is a plan file: the report will not "
            "replace it. Choose another name, e.g. -o report.html"
        )
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
