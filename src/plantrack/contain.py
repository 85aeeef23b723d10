"""The plans directory (reliability.md, promise 5, in one module): which folders are plans (`plan_ids`,
`find_plan_dirs`), which of them plantrack may read (the containment rule), and how their paths are shown.

plantrack reads and writes only inside the plans directory: a plan folder must not be a link leading out of
it, and no file plantrack reads from a plan folder (`PLAN_FOLDER_FILES`: plan.toml, actuals.toml,
report.toml) may be a link leading out of that folder (a link in a pull request must not make plantrack show
or overwrite another file; issue 25 found report.toml printing a linked /etc/passwd). The lock file is
never followed at all (store.plan_lock). A folder plantrack may not look into is named, not
skipped and not a traceback. Every path that reads plans asks here: one plan (opening.open_plan), the overview
(overview.overview), `check` (check.run.check_one), shell completion (completion.py).

Light on purpose (no pydantic, no rich): shell completion imports it on every Tab.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

TYPE_CHECKING = False  # typing is not imported for a Tab (docs/architecture.md, "Start-up"); mypy reads typing's
if TYPE_CHECKING:
    from plantrack.errors import PlantrackError

# Their home is filenames.py; imported from here too (completion, office), beside the rule that guards them.
from plantrack.filenames import ACTUALS_FILE as ACTUALS_FILE, OFFICE_FILE as OFFICE_FILE, PLAN_FILE as PLAN_FILE
from plantrack.text import display_path as display_path  # its home is text.py; imported from here too

# Every file plantrack reads from a plan folder: a new one is added here, or it escapes the rule.
PLAN_FOLDER_FILES = (PLAN_FILE, ACTUALS_FILE, OFFICE_FILE)


def escape_problem(root: Path, folder: Path) -> str | None:
    """Why `folder` (a plan folder under `root`) must not or cannot be read: a link in it leads elsewhere, or
    the folder cannot be searched. None when it may be read."""
    try:
        top = root.resolve()
        here = folder.resolve()
        if not here.is_relative_to(top):
            return (f"{display_path(folder)} 是指向规划目录之外的链接，已拒绝 / "
                    "is a link leading outside the plans directory")
        for path in (folder / name for name in PLAN_FOLDER_FILES):
            if path.is_symlink() and path.resolve().parent != here:
                return (f"{display_path(path)} 是指向本规划文件夹之外的链接，已拒绝 / "
                        "is a link leading outside its plan folder")
        os.stat(folder / PLAN_FILE)  # can the folder be searched (chmod 000 or 644 cannot)?
    except PermissionError:
        return unreadable(folder)
    except FileNotFoundError:
        return None  # gone meanwhile: the loader says so in its own words
    return None


def unreadable(folder: Path) -> str:
    return (f"{display_path(folder)} 无法读取：没有权限。请让文件夹的所有者恢复读取权限（chmod u+rx）/ "
            "cannot be read: permission denied. Ask the folder's owner to restore read access (chmod u+rx)")


def holds_plan(folder: Path) -> bool:
    """Whether `folder` is a plan folder: it holds a plan.toml, or it is a folder named like a plan that
    cannot be looked into (escape_problem then says why it cannot be read, rather than it silently missing)."""
    try:
        # Whatever is named plan.toml (a FIFO, a folder) makes this a plan folder: the loader then refuses it by
        # name, rather than the folder silently missing from every listing.
        os.stat(folder / PLAN_FILE)
        return True
    except PermissionError:
        from plantrack.fields import ID_RE

        return bool(ID_RE.match(folder.name)) and folder.is_dir()
    except (OSError, ValueError):
        return False


def plan_folders(plans_dir: Path) -> list[Path]:
    """The plan folders in `plans_dir`, sorted by name. OSError if `plans_dir` cannot be listed."""
    return [child for child in sorted(plans_dir.iterdir()) if holds_plan(child)]


def _chosen_by_config(plans_dir: Path) -> Path | None:
    """The plantrack.toml whose plans_dir is `plans_dir`, when that is where the folder came from (a missing
    folder is then that file's mistake, not --plans-dir's)."""
    from plantrack.config import choose
    from plantrack.errors import PlantrackError

    try:
        folder, step, config = choose(None)
    except PlantrackError:
        return None
    return config if step == "config" and folder.absolute() == plans_dir.absolute() else None


def unknown_plans(plans_dir: Path, unknown: list[str], ids: list[str]) -> PlantrackError:
    """The one refusal of plan ids that are not in the plans folder, for every command that takes one plan or
    several: each id as typed, the nearest ids, and the choices (usage error, exit 2)."""
    import difflib

    from plantrack.errors import PlantrackError
    from plantrack.text import safe

    named = ", ".join(repr(u) for u in unknown) or "—"
    near = [m for u in unknown for m in difflib.get_close_matches(u, ids, n=1)]
    hint = f"，是不是 {', '.join(near)}？/ did you mean {', '.join(near)}?" if near else ""
    return PlantrackError(f"没有规划 {safe(named)}{safe(hint)} / no plan {safe(named)} in {display_path(plans_dir)}. "
                          f"可选 / choices: {safe(', '.join(ids)) or '—'}", code=2)


def plan_ids(plans_dir: Path) -> list[str]:
    """Ids of the plan folders in `plans_dir` (a usage error if the folder is missing). A folder listed here
    may still be refused: contain.escape_problem decides, for every command, before any file is read."""
    if not plans_dir.is_dir():
        # Imported only to refuse, here and below: errors.py's dataclasses would cost every Tab ~5 ms (shell
        # completion lists plan ids through this function).
        from plantrack.errors import PlantrackError

        if (config := _chosen_by_config(plans_dir)) is not None:
            raise PlantrackError(
                f"规划目录 {display_path(plans_dir)} 不存在：它是 {display_path(config)} 的 plans_dir 指定的；请改正那里的路径，"
                f"或用 --plans-dir 指定 / the plans folder {display_path(plans_dir)} does not exist: plans_dir in "
                f"{display_path(config)} names it; correct the path there, or give --plans-dir", code=2)
        raise PlantrackError(
            f"规划目录 {display_path(plans_dir)} 不存在；请用 --plans-dir 或环境变量 PLANTRACK_PLANS_DIR 指定。还没有规划？"
            f"plantrack init --example 复制示例规划，plantrack init 规划编号 新建一个 / plans directory not found: give "
            f"--plans-dir or PLANTRACK_PLANS_DIR. No plans yet? plantrack init --example copies the example plan, "
            f"plantrack init ID starts one",
            code=2,
        )
    try:
        return [d.name for d in plan_folders(plans_dir)]
    except PermissionError:
        from plantrack.errors import PlantrackError

        raise PlantrackError(unreadable(plans_dir)) from None


def find_plan_dirs(paths: Iterable[Path]) -> Iterator[Path]:
    """Plan folders under each path: a plan folder itself, a plan.toml or actuals.toml file, or a folder of
    plans. Each folder once, however often it is named (pre-commit passes both files of a changed plan)."""
    seen: set[Path] = set()
    for path in paths:
        for folder in _plan_dirs_at(path):
            if (key := folder.resolve()) not in seen:
                seen.add(key)
                yield folder


def _plan_dirs_at(path: Path) -> Iterator[Path]:
    from plantrack.errors import PlantrackError

    # A folder that cannot be looked into is yielded as a plan folder: check_one then names it (contain.py).
    try:
        named_a_file = path.is_file()
    except PermissionError:  # a file inside a folder that cannot be searched: check_one names the folder
        named_a_file = True
    if named_a_file or path.name in (PLAN_FILE, ACTUALS_FILE):
        yield path.parent
    elif holds_plan(path):
        yield path
    elif path.is_dir():
        try:
            yield from plan_folders(path)
        except PermissionError:
            raise PlantrackError(unreadable(path)) from None
    else:
        raise PlantrackError(f"找不到 {display_path(path)} / {display_path(path)} does not exist", code=2)
