"""The report page in a real browser: headless Chromium (Debian's `chromium`) renders the file, the rendered DOM
holds the table and one chart per indicator with data, and a screenshot is taken.

Driven with the standard library only (subprocess), so no Python browser package is needed. Without chromium
the test is skipped, except in CI: `.ci/run` installs chromium and sets PLANTRACK_REQUIRE_BROWSER=1, which turns
the skip into a failure. Set PLANTRACK_UPDATE_SCREENSHOT=1 to copy the screenshot to docs/report-screenshot.png.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import time
import zlib
from pathlib import Path

import pytest

from conftest import REPO
from test_report import WITH_DATA, Page

pytest.importorskip("matplotlib", reason="the report extra: pip install -e '.[test]' installs it")

WINDOW = (1280, 4000)
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium")
    if found is None:
        if os.environ.get("PLANTRACK_REQUIRE_BROWSER") == "1":
            pytest.fail("PLANTRACK_REQUIRE_BROWSER=1 but chromium is not installed (apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium); CI requires it")
    return found


def run_chromium(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """One headless run with its own throw-away profile; nothing but the file is opened."""
    command = [chromium, *FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, timeout=180, check=False)


def png_facts(data: bytes) -> tuple[int, int, int]:
    """(width, height, distinct byte values in the decoded image data) of a PNG, read with zlib alone."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return width, height, len(set(zlib.decompress(idat)))


def test_the_report_renders_in_chromium_with_its_table_and_one_chart_per_indicator(chromium, invoke, plans_dir,
                                                                                 tmp_path):
    page = tmp_path / "report.html"
    result = invoke("report", "--plans-dir", str(plans_dir), "-o", str(page))
    assert result.exit_code == 0, result.stderr
    url = page.resolve().as_uri()

    started = time.perf_counter()
    dom = run_chromium(chromium, tmp_path / "profile-dom", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr.decode(errors="replace")[-2000:]
    rendered = Page(dom.stdout.decode("utf-8"))
    assert len(rendered.rows) == 14
    assert all(len(cells) == 12 for cells in rendered.cells)  # 11 and 把握 (issue 31)
    charts = {ind_id: a["svg"] for ind_id, a in rendered.articles.items() if a["svg"]}
    assert charts == dict.fromkeys(WITH_DATA, 1)
    # The browser parsed the charts as SVG with their text as text: years and Chinese labels are in the DOM.
    assert "基期 2020" in rendered.svg_text and "2025" in rendered.svg_text

    shot = tmp_path / "report.png"
    taken = run_chromium(chromium, tmp_path / "profile-shot", f"--screenshot={shot}",
                         f"--window-size={WINDOW[0]},{WINDOW[1]}", url)
    seconds = time.perf_counter() - started
    assert taken.returncode == 0 and shot.is_file(), taken.stderr.decode(errors="replace")[-2000:]
    data = shot.read_bytes()
    width, height, distinct = png_facts(data)
    assert (width, height) == WINDOW
    assert len(data) > 100_000 and distinct > 50, (len(data), distinct)  # a page, not one flat colour
    print(f"chromium: DOM and screenshot in {seconds:.1f} s; screenshot {len(data) // 1024} KB at {shot}")
    if os.environ.get("PLANTRACK_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(shot, REPO / "docs" / "report-screenshot.png")
