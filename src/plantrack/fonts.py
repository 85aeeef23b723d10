"""Which installed font draws Chinese: one answer for the charts, the PDF and `plantrack doctor` (issue 27).

A font is judged by its glyphs, not its name: a family matches only if its character map (read by FreeType,
through matplotlib) has every CJK character of the text. matplotlib keeps its own list of the machine's fonts,
written once to a cache file; a font installed after that is missing from the list, and text asking for it is
silently drawn in DejaVu Sans, every Chinese character a box. So when no family of parts.CJK_FONTS covers the
text, the font files the system has but the list lacks are added (`fontManager.addfont`, matplotlib's public
way; nothing is written to its cache), and the search is repeated; then any installed font that covers the text
will do. matplotlib (the report extras) is imported inside the functions only.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import lru_cache

from typing import TYPE_CHECKING

from plantrack.parts import CJK_FONTS

if TYPE_CHECKING:
    from matplotlib.ft2font import FT2Font

CJK_SAMPLE = "十四五规划指标"  # glyphs a Chinese font must have
# The family name the PDF gives the Chinese font it embeds, cut to the report's characters (report/pdffonts.py).
# The page's font lists and the charts' name it first; a browser has no font of that name and takes the next.
EMBEDDED_FAMILY = "plantrack CJK"
# A font with the few thousand common characters is megabytes; smaller files are not worth opening in the scan.
_SMALLEST_CJK_FONT = 1_000_000


@dataclass(frozen=True)
class FontFile:
    family: str
    path: str
    index: int  # the face within a collection (.ttc)


def cjk_chars(text: str) -> str:
    """The characters of `text` a Latin font lacks and a Chinese font must have: CJK punctuation, ideographs,
    full-width forms (each once, in order)."""
    return "".join(dict.fromkeys(c for c in text if 0x2E80 <= ord(c) <= 0x9FFF or 0xF900 <= ord(c) <= 0xFFEF))


def covers(path: str, index: int, text: str) -> bool:
    """Whether the font face has a glyph for every CJK character of `text` (its character map)."""
    try:
        font = _open(path, index)
        return all(font.get_char_index(ord(c)) != 0 for c in cjk_chars(text))
    except Exception:  # a file FreeType cannot read is simply not a font we can use
        return False


@lru_cache(maxsize=64)
def _open(path: str, index: int) -> FT2Font:
    from matplotlib import ft2font

    return ft2font.FT2Font(path, face_index=index) if index else ft2font.FT2Font(path)


def _find(family: str, bold: bool) -> FontFile | None:
    from matplotlib import font_manager

    try:
        found = font_manager.findfont(font_manager.FontProperties(family=family, weight="bold" if bold else "normal"),
                                      fallback_to_default=False)
    except ValueError:  # not installed, or not in matplotlib's list
        return None
    return FontFile(family, str(getattr(found, "path", found)), int(getattr(found, "face_index", 0)))


def _listed(text: str, bold: bool) -> FontFile | None:
    for family in CJK_FONTS:
        found = _find(family, bold)
        if found is not None and covers(found.path, found.index, text):
            return found
    return None


_state = {"scanned": False, "warned": False}


def _add_unlisted_fonts() -> bool:
    """Add the system's font files matplotlib's list lacks (a cache written before they were installed);
    whether any was added. Done once per process."""
    if _state["scanned"]:
        return False
    _state["scanned"] = True
    from matplotlib import font_manager

    known = {os.path.realpath(str(getattr(e, "fname", ""))) for e in font_manager.fontManager.ttflist}
    added = False
    for path in font_manager.findSystemFonts():
        if os.path.realpath(path) in known:
            continue
        try:
            font_manager.fontManager.addfont(path)
            added = True
        except Exception:  # a damaged or unsupported file: skip it, as matplotlib's own scan does
            continue
    return added


def _any_covering(text: str, bold: bool) -> FontFile | None:
    """Any font in matplotlib's list that covers the text (a Chinese font not named in parts.CJK_FONTS)."""
    from matplotlib import font_manager

    entries = sorted(font_manager.fontManager.ttflist, key=lambda e: (e.weight != (700 if bold else 400), e.fname))
    for entry in entries:
        try:
            if os.path.getsize(entry.fname) < _SMALLEST_CJK_FONT:
                continue
        except OSError:
            continue
        index = int(getattr(entry, "index", 0))
        if covers(entry.fname, index, text):
            return FontFile(entry.name, entry.fname, index)
    return None


@lru_cache(maxsize=256)
def cjk_font(text: str = CJK_SAMPLE, bold: bool = False) -> FontFile | None:
    """The installed font that draws the CJK characters of `text`: the first of parts.CJK_FONTS that covers
    them; else, after adding fonts matplotlib's list lacks, that again or any covering font; None if none."""
    text = cjk_chars(text) or CJK_SAMPLE
    found = _listed(text, bold)
    if found is None and _add_unlisted_fonts():
        found = _listed(text, bold)
    return found or _any_covering(text, bold)


def cjk_families() -> list[str]:
    """The families of parts.CJK_FONTS installed with Chinese glyphs (what `plantrack doctor` reports)."""
    _add_unlisted_fonts()
    return [family for family in CJK_FONTS
            if (found := _find(family, False)) is not None and covers(found.path, found.index, CJK_SAMPLE)]


def install_hint(platform: str = sys.platform) -> tuple[str, str]:
    """What to install for Chinese text on `platform` (sys.platform), in Chinese and in English."""
    if platform.startswith("win"):
        return ("Windows 自带宋体、微软雅黑，却一个也没有找到：请在「设置 → 个性化 → 字体」中检查或重新安装中文字体",
                "Windows ships SimSun and Microsoft YaHei, yet none was found: check or reinstall a Chinese font in "
                "Settings → Personalization → Fonts")
    if platform == "darwin":
        return ("macOS 自带苹方（PingFang SC），却没有找到：请在「字体册」中恢复标准字体",
                "macOS ships PingFang SC, yet it was not found: restore the standard fonts in Font Book")
    return ("请安装一种中文字体，例如 Debian/Ubuntu：sudo apt install fonts-noto-cjk",
            "install a Chinese font, e.g. on Debian/Ubuntu: sudo apt install fonts-noto-cjk")


def warn_no_cjk_font() -> None:
    """Say once per run, on stderr, that Chinese will be drawn as boxes, and what to install."""
    if _state["warned"]:
        return
    _state["warned"] = True
    zh, en = install_hint()
    sys.stderr.write(f"注意：没有找到能显示中文的字体，图表中的中文会显示为方框。{zh} / note: no font with Chinese glyphs "
                     f"was found, so the charts' Chinese text will show as boxes; {en}\n")
