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
    require_source = true          every figure needs a source: record, import and check refuse one without
                                   (issue 30, item 4); it holds for the plans folder this file names
Unknown keys and wrong types are refused with FILE:LINE:COL (a misspelt key silently ignored would be a default
that never applies). The default plan is also the plan folder you are in (`cd plans/x && plantrack show 1`).

Whose file it is (issue 25, git's `safe.directory` problem): a plantrack.toml in any folder above decides where
`init` writes and which plans every command reads, so on a shared folder one user's file must not choose for
another. A plantrack.toml is ignored, with a warning on stderr naming it and why, when it is owned by someone
other than the current user and root, or when group or others may write it; the walk then goes on as if it
were not there. A file owned by root is trusted by every user; one owned by another user is ignored even by
root (git's rule). Windows has no POSIX owners: there (no os.getuid) the check does nothing. The file is read
bounded (MAX_CONFIG_BYTES: it holds four short settings) through readfile.read_limited, so a FIFO or a huge
file costs nothing: larger is refused with a message.

Light on purpose: every command and every Tab of shell completion call this. It costs a few stat() calls;
tomllib is imported only when a plantrack.toml exists.
"""

from __future__ import annotations

import os
from pathlib import Path

CONFIG_FILE = "plantrack.toml"
DEFAULT_PLANS = "plans"
ENV_PLANS_DIR = "PLANTRACK_PLANS_DIR"
MAX_CONFIG_BYTES = 64 * 1024  # four settings take under 250 bytes; a 300 MB file cost 6.4 s on every command
_warned: set[str] = set()  # each ignored file is named once per run, however often the walk is made
_KEYS = {"plans_dir": ("文件夹路径", "a folder path"), "plan": ("规划编号", "a plan id"),
         "lang": ('"zh" 或 "en"', '"zh" or "en"'), "require_source": ("true 或 false", "true or false")}
_FLAGS = ("require_source",)  # the keys whose value is a TOML boolean; every other one is a non-empty string


class Settings:
    """What the upward walk found: the plans folder, and plantrack.toml's defaults (None: not set).

    A plain class, not a dataclass: this module is on every `status` and every Tab, and defining a dataclass
    costs ~0.4 ms (docs/performance.md)."""

    __slots__ = ("plans_dir", "plan", "lang", "config", "require_source")

    def __init__(self, plans_dir: Path, plan: str | None = None, lang: str | None = None,
                 config: Path | None = None, require_source: bool = False) -> None:
        self.plans_dir = plans_dir
        self.plan = plan
        self.lang = lang
        self.config = config
        self.require_source = require_source

    def __repr__(self) -> str:
        return (f"Settings({self.plans_dir!r}, plan={self.plan!r}, lang={self.lang!r}, config={self.config!r}, "
                f"require_source={self.require_source!r})")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and all(getattr(self, k) == getattr(other, k) for k in self.__slots__)

    def __hash__(self) -> int:
        return hash((self.plans_dir, self.plan, self.lang, self.config, self.require_source))


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
        if config.is_file() and (settings := read_settings(config)) is not None:
            return settings
        if (folder / DEFAULT_PLANS).is_dir():
            return Settings(_relative(folder / DEFAULT_PLANS))
    return Settings(Path(DEFAULT_PLANS))


class _Untrusted(Exception):
    """The file is not the user's own (module docstring): the reason, as (中文, English)."""


def _vet(info: os.stat_result) -> None:
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: no POSIX owners to compare
        return
    if info.st_uid not in (0, getuid()):
        raise _Untrusted(f"属于另一个用户（uid {info.st_uid}）", f"is owned by another user (uid {info.st_uid})")
    if info.st_mode & 0o022:
        raise _Untrusted("同组或其他用户可以修改它", "can be changed by other users (group or others may write it)")


def _warn(where: str, zh: str, en: str) -> None:
    import sys

    if where in _warned or os.environ.get("_PLANTRACK_COMPLETE"):  # never in the middle of a Tab's answer
        return
    _warned.add(where)
    sys.stderr.write(
        f"警告：已忽略 {where}：{zh}，其中的设置可能不是你写的。若信任它，请把它改为你自己的文件（chown）并只允许你修改"
        f"（chmod go-w），或用 --plans-dir 指定规划目录 / warning: ignoring {where}: it {en}, so its settings may not be "
        "yours. If you trust it, make it your own (chown) and writable by you alone (chmod go-w), or give --plans-dir\n")


def read_settings(config: Path) -> Settings | None:
    """The settings of one plantrack.toml, as every command reads it: a located PlantrackError (exit 2) when
    it is broken, None (with a warning) when it is not the user's own. `check plantrack.toml` calls it."""
    import tomllib

    from plantrack.errors import PlantrackError  # here: errors.py's dataclasses would cost every Tab ~5 ms
    from plantrack.text import display_path
    from plantrack.readfile import Refused, read_limited

    where = display_path(config)
    try:
        text = read_limited(config, MAX_CONFIG_BYTES, vet=_vet).decode("utf-8-sig")
        data = tomllib.loads(text)
    except _Untrusted as exc:
        _warn(where, *exc.args)
        return None
    except FileNotFoundError:
        return None  # gone since the walk saw it
    except Refused as exc:
        raise PlantrackError(f"{where}: {exc.message}; plantrack.toml 只含几项简短的设置 / it holds a few "
                             "short settings", code=2) from None
    except UnicodeDecodeError as exc:
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
        # A flag is a TOML boolean, never the string "true": `require_source = "false"` read as set would turn
        # the rule on against what it says (no silent coercion).
        if key in _FLAGS:
            fits = isinstance(value, bool)
        else:
            fits = isinstance(value, str) and bool(value) and (key != "lang" or value in ("zh", "en"))
        if not fits:
            zh, en = _KEYS[key]
            raise PlantrackError(f"{where}:{line}:{col}: {key} 须为{zh} / {key} must be {en}", code=2)
    if (plan := data.get("plan")) is not None:
        from plantrack.fields import id_problem

        if problem := id_problem(plan, "plan "):
            line, col = index.find(("plan",))
            raise PlantrackError(f"{where}:{line}:{col}: {problem}", code=2)
    plans = config.parent / data.get("plans_dir", DEFAULT_PLANS)
    return Settings(_relative(plans), plan, data.get("lang"), config, data.get("require_source", False))


def source_required(plans: Path) -> bool:
    """`require_source` for the plans folder `plans`: as set by the plantrack.toml whose plans folder it is,
    the one the walk from the working directory finds, or else the one beside the folder. Why beside too: the
    office's rule must hold when a command is given the folder (`--plans-dir D:/规划/plans`, `check PATH`) from
    anywhere else. A plantrack.toml naming another folder sets nothing here."""
    try:
        top = plans.resolve()
    except OSError:
        return False
    walked = discover()
    if walked.config is not None and walked.plans_dir.resolve() == top:
        return walked.require_source
    beside = top.parent / CONFIG_FILE
    if beside.is_file() and (settings := read_settings(beside)) is not None and settings.plans_dir.resolve() == top:
        return settings.require_source
    return False


def choose(given: str | os.PathLike[str] | None) -> tuple[Path, str, Path | None]:
    """The plans folder (module docstring's order), the step that chose it ("option", "environment",
    "config", "upward", "default") and the plantrack.toml of the walk, if any. `doctor` says the step; a
    missing folder that plantrack.toml named is blamed on that file (contain.plan_ids)."""
    if given:
        return Path(given), "option", None
    if env := os.environ.get(ENV_PLANS_DIR):
        return Path(env), "environment", None
    settings = discover()
    if settings.config is not None:
        return settings.plans_dir, "config", settings.config
    return settings.plans_dir, "upward" if settings.plans_dir.is_dir() else "default", None


def plans_dir(given: str | os.PathLike[str] | None) -> Path:
    """The plans folder: `given` (the command line), else the environment, else the walk (module docstring)."""
    return choose(given)[0]


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
