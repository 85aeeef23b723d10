"""`plantrack init --example`: the bundled example plan into the plans folder (created when missing), from the
package data (bundled.py), so a first try works in an empty folder from an installed wheel (issue 20)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from plantrack.text import safe


def run_example(example: bool, plan_id: str | None, from_: str | None, blank: bool, plans_dir: Path) -> bool:
    """True when --example was given and done; False to go on with the usual init."""
    if not example:
        return False
    from plantrack import gitignore
    from plantrack.bundled import copy_example
    from plantrack.contain import display_path
    from plantrack.errors import usage_error

    if plan_id is not None or from_ or blank:
        raise usage_error("--example 不带规划编号、--from 或 --blank / --example takes no PLAN-ID, --from or --blank")
    ignore = gitignore.prepare(plans_dir)  # decided before anything is made (gitignore.py)
    target = copy_example(plans_dir)
    note = gitignore.apply(ignore)
    where = display_path(target)
    from plantrack.render.wrap import fill

    print(fill(f"✓ 已复制示例规划到 {where} / copied the example plan to {where}\n"
               f"{plans_folder_line(plans_dir)}\n"
               f"  下一步：plantrack status / next: plantrack status"))
    if note:
        print(fill(note), file=sys.stderr)
    return True


def plans_folder_line(plans_dir: Path) -> str:
    """Where init wrote, in full, and which plantrack.toml chose it (issue 25: a plantrack.toml in a folder
    above decides where init writes; the user must be able to see that it did)."""
    from plantrack.config import ENV_PLANS_DIR, discover

    line = f"  规划目录 / plans folder: {safe(plans_dir.absolute())}"
    settings = discover()
    if settings.config is not None and not os.environ.get(ENV_PLANS_DIR) and \
            settings.plans_dir.absolute() == plans_dir.absolute():
        line += f"（由 {safe(settings.config.absolute())} 指定 / set by {safe(settings.config.absolute())}）"
    return line
