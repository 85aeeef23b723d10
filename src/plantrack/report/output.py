"""Writing the report to a file: atomically, and never over a plan's own files.

The rule (reliability.md, "Locks, links and file-system errors"): the names plantrack keeps its data and its
lock in (plan.toml, actuals.toml, .plantrack.lock) are refused anywhere; inside a plan folder only a report may
be written, a visible file named *.html, *.htm, *.md or *.markdown. Both are judged on the path as given and on
where its links lead, and case-blind (on macOS and Windows PLAN.TOML is plan.toml).
"""

from __future__ import annotations

import os
from pathlib import Path

from plantrack.errors import usage_error
from plantrack.render.destination import OWN_FILES, judge
from plantrack.text import safe

REPORT_SUFFIXES = (".html", ".htm", ".md", ".markdown", ".pdf", ".docx")


def _plan_folder(folder: Path) -> bool:
    return any(os.path.lexists(folder / name) for name in OWN_FILES)


def check_target(path: Path) -> None:
    """Refuse, before any work is done, a target that is not a report in a plan folder, then anything every -o
    refuses (render/destination.judge): plantrack's own file, a folder, a missing folder, a link to nothing."""
    resolved = path.resolve()
    for target in (path.absolute(), resolved):
        report_name = target.suffix.casefold() in REPORT_SUFFIXES and not target.name.startswith(".")
        if _plan_folder(target.parent) and not report_name:
            raise usage_error(
                f"-o {safe(path)} 在规划文件夹 {safe(target.parent)} 中：这里只能写报告文件（以 .html、.htm、.md 或 "
                f".markdown 结尾，且不以 . 开头），规划文件不会被覆盖 / {safe(path)} is in the plan folder "
                f"{safe(target.parent)}: only a report may be written there (a name ending .html, .htm, .md or "
                ".markdown, not starting with '.'); the plan files are never replaced")
    judge(path)  # plantrack's own files, folders, devices, links to nothing: the rule of every -o


def write_report(path: Path, data: str | bytes) -> None:
    """Write the report by the one rule of every -o (render/destination.py): a regular file is replaced so that
    a crash leaves the old file or the new one, keeping its line endings; a FIFO or device is written through."""
    from plantrack.render.destination import write_output

    check_target(path)
    write_output(path, data, keep_style=True)
