"""Charts never show boxes for Chinese (issue 27, item 5).

matplotlib keeps the machine's fonts in a cache file (MPLCONFIGDIR/fontlist-v*.json) written once; a Chinese
font installed later is missing from it. The reports are made in a child process whose MPLCONFIGDIR holds such
a stale cache: the list matplotlib itself wrote, less every font that fontconfig says covers Chinese (fc-list
:lang=zh, not plantrack's own judgement). The Word report's charts (PNG) and the HTML report's charts (SVG)
must then come out byte for byte as they do with a cache that knows the font; with no Chinese font at all,
the report is still made and stderr says so once, naming what to install.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("matplotlib", reason="the report extra: pip install -e '.[test]' installs it")
pytest.importorskip("docx", reason="the docx extra: pip install -e '.[test]' installs it")

# The child: optionally a machine with no font files beyond matplotlib's cached list, then the CLI as usual.
CHILD = """
import sys
if sys.argv[1] == "no-font-files":
    from matplotlib import font_manager
    font_manager.findSystemFonts = lambda *args, **kwargs: []
sys.argv = ["plantrack", *sys.argv[2:]]
from plantrack.cli import main
main()
"""


def cjk_font_files() -> set[str]:
    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig's fc-list is not installed")
    listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=True, timeout=60)
    files = {os.path.realpath(line.split(":")[0].strip()) for line in listed.stdout.splitlines() if line.strip()}
    if not files:
        pytest.skip("no Chinese font installed here (e.g. apt install fonts-noto-cjk)")
    return files


def mpl_dir(root: Path, name: str, stale: bool) -> Path:
    """A fresh MPLCONFIGDIR whose font cache matplotlib wrote itself; `stale`: then stripped of Chinese fonts, as
    if written before they were installed."""
    folder = root / name
    folder.mkdir()
    env = {**os.environ, "MPLCONFIGDIR": str(folder)}
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, check=True, timeout=300)
    (cache,) = folder.glob("fontlist-v*.json")
    if stale:
        cjk = cjk_font_files()
        listed = json.loads(cache.read_text(encoding="utf-8"))
        before = len(listed["ttflist"])
        listed["ttflist"] = [e for e in listed["ttflist"] if os.path.realpath(e["fname"]) not in cjk]
        assert len(listed["ttflist"]) < before, "the cache listed no Chinese font to strip"
        cache.write_text(json.dumps(listed), encoding="utf-8")
    return folder


def make(plans_dir: Path, config: Path, fmt: str, out: Path, mode: str = "as-installed"):
    env = {k: v for k, v in os.environ.items() if k not in ("PLANTRACK_PLANS_DIR", "NO_COLOR", "FORCE_COLOR")}
    env["MPLCONFIGDIR"] = str(config)
    return subprocess.run([sys.executable, "-c", CHILD, mode, "report", "--plans-dir", str(plans_dir), "--format", fmt,
                           "-o", str(out)], capture_output=True, text=True, env=env, timeout=600)


def pictures(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("word/media/")}


def svgs(html: Path) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html.read_text(encoding="utf-8"), re.S)


@pytest.fixture
def good_and_stale(tmp_path):
    return mpl_dir(tmp_path, "good", stale=False), mpl_dir(tmp_path, "stale", stale=True)


def test_word_charts_with_a_stale_font_cache_are_the_charts_a_good_cache_draws(plans_dir, tmp_path, good_and_stale):
    good, stale = good_and_stale
    results = {name: make(plans_dir, config, "docx", tmp_path / f"{name}.docx") for name, config in
               (("good", good), ("stale", stale))}
    for result in results.values():
        assert result.returncode == 0 and result.stdout == "" and result.stderr == "", result.stderr[-2000:]
    drawn, redrawn = pictures(tmp_path / "good.docx"), pictures(tmp_path / "stale.docx")
    assert len(drawn) >= 5 and all(png[:8] == b"\x89PNG\r\n\x1a\n" for png in drawn.values())
    assert drawn.keys() == redrawn.keys()
    different = [name for name in drawn if drawn[name] != redrawn[name]]
    assert different == [], f"{len(different)} of {len(drawn)} charts differ: drawn without the Chinese font"


def test_html_charts_with_a_stale_font_cache_are_laid_out_with_the_chinese_font(plans_dir, tmp_path, good_and_stale):
    """The SVG keeps its text as text, so a browser draws it with its own fonts; but matplotlib placed every
    label by the widths of the font it found: with a stale cache, DejaVu's boxes."""
    good, stale = good_and_stale
    for name, config in (("good", good), ("stale", stale)):
        result = make(plans_dir, config, "html", tmp_path / f"{name}.html")
        assert result.returncode == 0 and result.stderr == "", result.stderr[-2000:]
    drawn, redrawn = svgs(tmp_path / "good.html"), svgs(tmp_path / "stale.html")
    assert len(drawn) >= 5 and len(drawn) == len(redrawn)
    assert all("Noto Sans CJK SC" in svg or "Microsoft YaHei" in svg for svg in drawn)  # the family the page names
    assert [i for i, (a, b) in enumerate(zip(drawn, redrawn)) if a != b] == []


def test_with_no_chinese_font_at_all_the_report_is_made_and_stderr_says_so_once(plans_dir, tmp_path):
    stale = mpl_dir(tmp_path, "stale", stale=True)
    out = tmp_path / "r.docx"
    result = make(plans_dir, stale, "docx", out, mode="no-font-files")
    assert result.returncode == 0 and result.stdout == ""
    assert len(pictures(out)) >= 5
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "没有找到能显示中文的字体" in lines[0] and "no font with Chinese glyphs" in lines[0]
    assert "fonts-noto-cjk" in lines[0]  # what to install, on this (Linux) machine
