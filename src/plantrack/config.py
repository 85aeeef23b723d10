"""Where the plans are, found like git finds its repository (issue 20), and plantrack.toml's defaults.

The plans directory, first found wins:
    1. --plans-dir            (the command line)
    2. $PLANTRACK_PLANS_DIR   (empty = unset)
    3. plantrack.toml         its `plans_dir`, relative to the file (default "plans" next to it)
    4. upward search          the nearest folder, from the working directory up, holding `plans/`
    5. ./plans
Steps 3 and 4 are one walk up from the working directory: at each folder a plantrack.toml wins over a plans/
next to it, and the nearest folder wins (as git's nearest .git does).

plantrack.toml holds only defaults; an option given on the command line always wins:
    plans_dir = "plans"            the plans folder, relative to plantrack.toml
    plan = "xiaokunshan-14th"      the plan `show`, `record`, `report`… act on when --plan is not given
    lang = "en"                    the output language when --lang is not given
Unknown keys and wrong types are refused with FILE:LINE:COL (a misspelt key silently ignored would be a default
that never applies). The default plan is also the plan folder you are in (`cd plans/x && plantrack show 1`).

Light on purpose: the express lane and shell completion call this on every run. It costs a few stat() calls;
tomllib is imported only when a plantrack.toml exists.
"""

from __future__ import annotations

import os
from pathlib import Path

from plantrack.errors import PlantrackError

CONFIG_FILE = "plantrack.toml"
DEFAULT_PLANS = "plans"
ENV_PLANS_DIR = "PLANTRACK_PLANS_DIR"
_KEYS = {"plans_dir": "文件夹路径 / a folder path", "plan": "规划编号 / a plan id", "lang": '"zh" 或 "en" / "zh" or "en"'}


class Settings:
    """What the upward walk found: the plans folder, and plantrack.toml's defaults (None: not set).

    A plain class, not a dataclass: this module is on every `status` and every Tab, and defining a dataclass
    costs ~0.4 ms (docs/performance.md)."""

    __slots__ = ("plans_dir", "plan", "lang", "config")

    def __init__(self, plans_dir: Path, plan: str | None = None, lang: str | None = None,
                 config: Path | None = None) -> None:
        self.plans_dir = plans_dir
        self.plan = plan
        self.lang = lang
        self.config = config

    def __repr__(self) -> str:
        return f"Settings({self.plans_dir!r}, plan={self.plan!r}, lang={self.lang!r}, config={self.config!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and all(getattr(self, k) == getattr(other, k) for k in self.__slots__)

    def __hash__(self) -> int:
        return hash((self.plans_dir, self.plan, self.lang, self.config))


def _relative(path: Path) -> Path:
    """Relative to the working directory when inside it, as the user would type it (messages show it)."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return Path(rel) if not rel.startswith("..") else path


def discover(start: Path | None = None) -> Settings:
    """The walk up from `start` (the working directory): plantrack.toml or plans/, nearest first."""
    try:
        here = (start or Path.cwd()).absolute()
    except OSError:  # the working directory was removed
        return Settings(Path(DEFAULT_PLANS))
    for folder in (here, *here.parents):
        config = folder / CONFIG_FILE
        if config.is_file():
            return _read(config)
        if (folder / DEFAULT_PLANS).is_dir():
            return Settings(_relative(folder / DEFAULT_PLANS))
    return Settings(Path(DEFAULT_PLANS))


def _read(config: Path) -> Settings:
    import tomllib

    from plantrack.contain import display_path

    where = display_path(config)
    try:
        text = config.read_text(encoding="utf-8-sig")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise PlantrackError(f"{where}: 无法读取 / cannot be read: {exc}", code=2) from None
    except tomllib.TOMLDecodeError as exc:
        line, col = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
        raise PlantrackError(f"{where}:{line}:{col}: 不是有效的 TOML / not valid TOML: {exc}", code=2) from None
    from plantrack.tomlpos import KeyIndex

    index = KeyIndex(text)
    for key, value in data.items():
        line, col = index.find((key,))
        if key not in _KEYS:
            raise PlantrackError(
                f"{where}:{line}:{col}: 未知的设置 {key!r} / unknown setting {key!r}; "
                f"可用 / allowed: {', '.join(_KEYS)}", code=2)
        if not isinstance(value, str) or not value or (key == "lang" and value not in ("zh", "en")):
            raise PlantrackError(f"{where}:{line}:{col}: {key} 须为{_KEYS[key]} / {key} must be {_KEYS[key]}",
                                 code=2)
    if (plan := data.get("plan")) is not None:
        from plantrack.models import id_problem  # dataclasses and re only: no pydantic

        if problem := id_problem(plan, "plan "):
            line, col = index.find(("plan",))
            raise PlantrackError(f"{where}:{line}:{col}: {problem}", code=2)
    plans = config.parent / data.get("plans_dir", DEFAULT_PLANS)
    return Settings(_relative(plans), plan, data.get("lang"), config)


def plans_dir(given: str | os.PathLike[str] | None) -> Path:
    """The plans folder: `given` (the command line), else the environment, else the walk (module docstring)."""
    if given:
        return Path(given)
    if env := os.environ.get(ENV_PLANS_DIR):
        return Path(env)
    return discover().plans_dir


def default_lang(fallback: str = "zh") -> str:
    """plantrack.toml's lang, when it is found by the walk; else `fallback`."""
    return discover().lang or fallback


def default_plan(plans: Path) -> str | None:
    """The plan to act on when --plan is not given: the plan folder the working directory is in, else
    plantrack.toml's `plan` (when its plans folder is `plans`); None when neither applies."""
    try:
        top, here = plans.resolve(), Path.cwd().resolve()
    except OSError:
        return None
    if here != top and here.is_relative_to(top):
        folder = here.relative_to(top).parts[0]
        if (top / folder).is_dir() and not folder.startswith("."):
            return folder
    settings = discover()
    if settings.plan is not None and settings.plans_dir.resolve() == top:
        return settings.plan
    return None
