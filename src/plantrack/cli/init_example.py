"""`plantrack init --example`: the bundled example plan into the plans folder (created when missing), from the
package data (bundled.py), so a first try works in an empty folder from an installed wheel (issue 20)."""

from __future__ import annotations

from pathlib import Path


def run_example(example: bool, plan_id: str | None, from_: str | None, blank: bool, plans_dir: Path) -> bool:
    """True when --example was given and done; False to go on with the usual init."""
    if not example:
        return False
    from plantrack.bundled import copy_example, ignore_lock_files
    from plantrack.contain import display_path
    from plantrack.errors import usage_error

    if plan_id is not None or from_ or blank:
        raise usage_error("--example 不带规划编号、--from 或 --blank / --example takes no PLAN-ID, --from or --blank")
    target = copy_example(plans_dir)
    ignore_lock_files(plans_dir)
    where = display_path(target)
    from plantrack.render.wrap import fill

    print(fill(f"✓ 已复制示例规划到 {where} / copied the example plan to {where}\n"
               f"  下一步：plantrack status / next: plantrack status"))
    return True
