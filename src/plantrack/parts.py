"""The optional parts plantrack can use, and what to type when one is missing (issue 29).

An office installs plantrack with pip, pipx or `uv tool`; the hint for a missing extra must be the command that
works for the way it was installed, name every missing extra at once, and quote so that Windows' cmd.exe and
PowerShell accept it (double quotes: single quotes are not quoting characters in cmd.exe).

The extras and their packages come from the installed distribution's own metadata (pyproject.toml's
[project.optional-dependencies]): one list, not a copy of it here. A missing extra is exit 1, whatever the
command: the command line was right, the machine lacks a part.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

from plantrack.errors import PlantrackError

DISTRIBUTION = "plantrack-fyp"
# The import name of each package an extra brings, where it differs from the distribution's name.
IMPORT_NAMES = {"python-docx": "docx", "python-multipart": "python_multipart"}
# The fonts the charts ask for, in order (report/charts.py); `plantrack doctor` checks each for Chinese glyphs.
CJK_FONTS = ["PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei"]
WHAT_FOR = {"report": "HTML 报告的图表 / the HTML report's charts", "pdf": "PDF 报告 / the PDF report",
            "docx": "Word 报告 / the Word report", "xlsx": "Excel 工作簿导入导出 / .xlsx import and export",
            "extract": "extract 读繁体字文本 / extract on traditional-character text",
            "web": "serve 与 site 网页 / the pages of serve and site"}
_REQUIREMENT = re.compile(r"""^(?P<req>[A-Za-z0-9._-]+[^;]*?)\s*;\s*extra\s*==\s*["'](?P<extra>[^"']+)["']""")


def extra_requirements() -> dict[str, list[str]]:
    """Each user-facing extra and its requirements ("weasyprint>=62"), from the installed metadata."""
    from importlib import metadata

    try:
        listed = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        listed = []
    extras: dict[str, list[str]] = {name: [] for name in WHAT_FOR}
    for line in listed:
        found = _REQUIREMENT.match(line)
        if found and found["extra"] in extras:
            extras[found["extra"]].append(found["req"].replace(" ", ""))
    return extras


def _module(requirement: str) -> str:
    name = re.split(r"[<>=!~\[ ]", requirement, maxsplit=1)[0]
    return IMPORT_NAMES.get(name, name.replace("-", "_"))


def missing(extras: list[str] | tuple[str, ...]) -> dict[str, list[str]]:
    """Of `extras`, those with a package that is not installed, and the requirements it lacks."""
    wanted = extra_requirements()
    out: dict[str, list[str]] = {}
    for extra in extras:
        lacking = [r for r in wanted.get(extra, []) if importlib.util.find_spec(_module(r)) is None]
        if lacking:
            out[extra] = lacking
    return out


def installer(prefix: Path | None = None) -> str:
    """How this plantrack was installed: "pipx", "uv" or "pip", told by the marker file each tool leaves in the
    environment it made (pipx: pipx_metadata.json; uv tool: uv-receipt.toml)."""
    where = Path(sys.prefix if prefix is None else prefix)
    if (where / "pipx_metadata.json").is_file():
        return "pipx"
    if (where / "uv-receipt.toml").is_file():
        return "uv"
    return "pip"


def install_command(lacking: dict[str, list[str]], how: str | None = None) -> str:
    """The one command that installs every lacking extra, for the tool plantrack was installed with."""
    how = how or installer()
    if how == "pipx":
        packages = sorted({r for reqs in lacking.values() for r in reqs})
        return f"pipx inject {DISTRIBUTION} " + " ".join(f'"{p}"' for p in packages)
    if how == "uv":
        packages = sorted({r for reqs in lacking.values() for r in reqs})
        return f"uv tool install {DISTRIBUTION} " + " ".join(f'--with "{p}"' for p in packages)
    return f'pip install "{DISTRIBUTION}[{",".join(sorted(lacking))}]"'


def require(*extras: str, instead: str = "") -> None:
    """Refuse with one message naming every missing extra and the command that installs them all."""
    lacking = missing(extras)
    if not lacking:
        return
    names = "、".join(f"[{e}]（{WHAT_FOR[e].split(' / ')[0]}）" for e in lacking)
    names_en = ", ".join(f"[{e}] ({WHAT_FOR[e].split(' / ')[1]})" for e in lacking)
    command = install_command(lacking)
    raise PlantrackError(f"缺少可选组件 {names}，请运行：{command}{instead and '；' + instead.split(' / ')[0]} / "
                         f"missing the optional part {names_en}; run: {command}"
                         f"{instead and '; ' + instead.split(' / ')[1]}", code=1)


# What works with nothing more installed (issue 29): Word, then WPS or Word's "另存为 PDF"; or the HTML page printed.
WITHOUT_PDF = ("不装也可以：--format docx 生成 Word 文档，再在 WPS 或 Word 中「另存为 PDF」；或生成 HTML 报告，在浏览器中打印为 PDF / "
               "without it: --format docx, then Save as PDF in WPS or Word; or the HTML report, printed to PDF from "
               "a browser")


def pango_route(platform: str) -> str:
    """How to install Pango, the system library WeasyPrint lays text out with, on `platform` (sys.platform)."""
    if platform.startswith("win"):
        return ("Windows：按 WeasyPrint 文档安装 MSYS2，在 MSYS2 中运行 pacman -S mingw-w64-x86_64-pango，再把环境变量 "
                "WEASYPRINT_DLL_DIRECTORIES 设为 C:\\msys64\\mingw64\\bin / Windows, as WeasyPrint's documentation "
                "says: install MSYS2, run pacman -S mingw-w64-x86_64-pango in it, and set WEASYPRINT_DLL_DIRECTORIES "
                "to C:\\msys64\\mingw64\\bin")
    if platform == "darwin":
        return "macOS：brew install pango / macOS: brew install pango"
    return ("Debian、Ubuntu：apt install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk / "
            "Debian, Ubuntu: apt install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk")
