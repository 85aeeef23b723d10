"""`plantrack doctor`: what this machine has, and what to do about what it lacks (issue 29).

An office's PC is set up once by whoever is at hand; when a report will not come out as PDF or a workbook will
not import, the question is "what is missing here?". Each finding is a `Finding`: what was looked at, what was
found, whether it is fine, and, when not, what to do. The plans folder is resolved by config.py exactly as every
command resolves it (this module only says which step chose it); the extras are parts.py's.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from plantrack import parts

from plantrack.fonts import CJK_SAMPLE  # the console must show these too


@dataclass(frozen=True)
class Finding:
    key: str        # a stable name for scripts: plans_dir, config, cache, encoding, extra:pdf, pango, cjk_font, …
    label: str      # "中文 / English"
    value: str      # what was found (a path, an encoding, "installed")
    ok: bool | None  # True fine, False missing or wrong, None: not needed for what this machine does
    fix: str = ""   # what to do, when not ok


def where_plans(given: str | None) -> tuple[Path, str]:
    """The plans folder every command would use, and the step of config.py's order that chose it, in words."""
    from plantrack.config import ENV_PLANS_DIR, choose

    chosen, step, config = choose(given)
    return chosen, {
        "option": "命令行 --plans-dir / the --plans-dir option",
        "environment": f"环境变量 / environment variable {ENV_PLANS_DIR}",
        "config": f"plantrack.toml 的 plans_dir / plans_dir in {config}",
        "upward": "向上找到的最近的 plans/ / the nearest plans/ found upwards",
        "default": "默认 ./plans / the default ./plans",
    }[step]


def _plans(given: str | None) -> list[Finding]:
    from plantrack.config import discover
    from plantrack.contain import plan_ids
    from plantrack.errors import PlantrackError

    try:
        folder, why = where_plans(given)
        config = discover().config
    except PlantrackError as exc:  # a plantrack.toml that cannot be read: every command would say the same
        return [Finding("config", "配置文件 / config file", str(exc), False, "按提示修改 plantrack.toml / fix it as it says")]
    try:
        count = len(plan_ids(folder)) if folder.is_dir() else 0
    except (OSError, PlantrackError):
        count = 0
    found = [Finding("plans_dir", "规划目录 / plans folder", f"{folder}（{count} 个规划 / {count} plans）；依据 / chosen by: {why}",
                     count > 0, "" if count else
                     "没有规划：plantrack init --example 复制示例规划，或用 --plans-dir 指定目录 / no plans here: "
                     "plantrack init --example copies the example, or name the folder with --plans-dir")]
    found.append(Finding("config", "配置文件 / config file", str(config) if config else "无 / none", True))
    return found


def _cache() -> Finding:
    from plantrack.cache import cache_dir

    where = cache_dir()
    if where is None:
        return Finding("cache", "缓存 / cache", "已关闭 / off (PLANTRACK_NO_CACHE)", True)
    return Finding("cache", "缓存 / cache", str(where), True)


def _encoding() -> Finding:
    encoding = getattr(sys.stdout, "encoding", None) or "?"
    try:
        CJK_SAMPLE.encode(encoding)
        shows = True
    except (LookupError, UnicodeEncodeError):
        shows = False
    return Finding("encoding", "控制台编码 / console encoding", encoding, shows, "" if shows else
                   "控制台显示不了中文：Windows 上请用 Windows Terminal 或设置 PYTHONUTF8=1 / the console cannot show "
                   "Chinese: on Windows use Windows Terminal, or set PYTHONUTF8=1")


def _extras() -> list[Finding]:
    out = []
    for extra, what in parts.WHAT_FOR.items():
        lacking = parts.missing([extra])
        out.append(Finding(f"extra:{extra}", f"[{extra}] {what}", "已安装 / installed" if not lacking else
                           "未安装 / not installed", None if lacking else True,
                           parts.install_command(lacking) if lacking else ""))
    return out


def _pango() -> Finding:
    label = "Pango（PDF 排版 / PDF layout）"
    if parts.missing(["pdf"]):
        return Finding("pango", label, "未检查：没有 [pdf] / not checked: no [pdf] extra", None)
    try:
        import weasyprint  # type: ignore[import-untyped]  # noqa: F401 - loads Pango through cffi
    except OSError as exc:
        return Finding("pango", label, " ".join(str(exc).split())[:200], False,
                       f"{parts.pango_route(sys.platform)}. {parts.WITHOUT_PDF}")
    return Finding("pango", label, "可用 / found", True)


def _cjk_font() -> Finding:
    label = "中文字体 / Chinese font"
    if parts.missing(["report"]):
        return Finding("cjk_font", label, "未检查：没有 [report] / not checked: no [report] extra", None)
    from plantrack.fonts import cjk_families, install_hint

    names = cjk_families()  # the charts' own font list, each checked for the glyphs (fonts.py), not just its name
    if names:
        return Finding("cjk_font", label, "、".join(names), True)
    zh, en = install_hint()
    return Finding("cjk_font", label, "没有 / none", False, f"{zh} / {en}")


def _office() -> Finding:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    return Finding("libreoffice", "LibreOffice（测试 Word、Excel 文件 / to test Word and Excel files）",
                   found or "没有 / none", True if found else None)


def examine(given_plans_dir: str | None) -> list[Finding]:
    """Everything `plantrack doctor` looks at, in the order it shows them."""
    return [*_plans(given_plans_dir), _cache(), _encoding(), *_extras(), _pango(), _cjk_font(), _office()]
