"""The report as a reader gets it (issue 18): in headless Chromium at 1280 px (a desktop) and 390 px (a phone),
and printed to A4 PDF. No table is wider than its viewport or page, every indicator's name is there, and the
screenshots are saved under docs/ (PLANTRACK_UPDATE_SCREENSHOT=1) for people to look at.

The measurements are made by the browser itself: a copy of the page gets a script that writes the widths into
the DOM, which --dump-dom then returns. The printed PDF is measured by its text positions (pdftotext -bbox).
Without chromium (or poppler-utils' pdftotext) the tests are skipped, except in CI (PLANTRACK_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from html import escape, unescape
from pathlib import Path

import pytest

from conftest import REPO
from test_report import BUNDLED_IDS
from test_report_browser import chromium, png_facts, run_chromium  # noqa: F401 - chromium is a fixture

pytest.importorskip("matplotlib", reason="the report extra: pip install -e '.[test]' installs it")

MEASURE = """<script>
(() => {
  const w = window.innerWidth;
  const tables = [...document.querySelectorAll('table')].map(t => Math.ceil(t.getBoundingClientRect().right));
  const out = {inner: w, scroll: document.documentElement.scrollWidth, tables,
               widest: Math.max(0, ...[...document.querySelectorAll('body *')].map(e => Math.ceil(e.getBoundingClientRect().right)))};
  const pre = parent.document.createElement('pre'); pre.id = 'measured';
  pre.textContent = JSON.stringify(out) + "\\n" + document.body.innerText;
  parent.document.body.appendChild(pre);
})();
</script>"""


def names(plans_dir: Path) -> list[str]:
    text = (plans_dir / "xiaokunshan-14th" / "plan.toml").read_text(encoding="utf-8")
    return re.findall(r'^name = "([^"]+)"', text, re.M)[1:]  # the first is the plan's own name


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    from plantrack.cli.app import app

    out = tmp_path_factory.mktemp("print") / "report.html"
    result = CliRunner().invoke(app, ["report", "--plans-dir", str(REPO / "plans"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def measured(chromium, page: Path, tmp_path: Path, width: int) -> dict:  # noqa: F811
    # Chromium keeps a window at least 500 px wide, so the page is measured in an iframe of the width asked
    # for (srcdoc: same origin, so its script can write the numbers into the outer page that is dumped).
    inner = page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>")
    probe = tmp_path / f"probe-{width}.html"
    probe.write_text(f'<!DOCTYPE html><html><body style="margin:0"><iframe style="border:0;width:{width}px;'
                     f'height:2000px" srcdoc="{escape(inner, quote=True)}"></iframe></body></html>', encoding="utf-8")
    dom = run_chromium(chromium, tmp_path / f"profile-{width}", "--window-size=1400,2000", "--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom",
                       probe.resolve().as_uri())
    assert dom.returncode == 0, dom.stderr.decode(errors="replace")[-2000:]
    text = dom.stdout.decode("utf-8")
    found = re.search(r'<pre id="measured">(.*?)\n(.*?)</pre>', text, re.S)
    assert found, "the measuring script did not run"
    return {"dom": unescape(found.group(2)), **json.loads(unescape(found.group(1)))}


@pytest.mark.parametrize("width", [1280, 390])
def test_no_table_is_wider_than_the_viewport_and_every_indicator_is_named(chromium, page, tmp_path, width):  # noqa: F811
    m = measured(chromium, page, tmp_path, width)
    assert m["inner"] == width, m["inner"]
    assert m["tables"] and all(right <= width for right in m["tables"]), m["tables"]
    assert m["scroll"] <= width, f"the page scrolls sideways: {m['scroll']} > {width}"
    for name in names(REPO / "plans"):
        assert name in m["dom"], name
    shot = tmp_path / f"report-{width}.png"
    taken = run_chromium(chromium, tmp_path / f"profile-shot-{width}", f"--screenshot={shot}",
                         f"--window-size={width},{2400 if width > 600 else 3200}", page.resolve().as_uri())
    assert taken.returncode == 0 and shot.is_file()
    w, _h, distinct = png_facts(shot.read_bytes())
    assert w == width and distinct > 50
    if os.environ.get("PLANTRACK_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(shot, REPO / "docs" / f"report-{width}.png")


def pdf_words(pdf: Path) -> list[dict]:
    """Every word of the PDF with its page size and box, from poppler's pdftotext -bbox."""
    import subprocess

    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True, timeout=120).stdout
    words, page_w = [], 0.0
    for line in html.decode("utf-8").splitlines():
        if p := re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line):
            page_w = float(p.group(1))
        elif w := re.search(r'<word xMin="([\d.-]+)" yMin="[\d.-]+" xMax="([\d.-]+)" yMax="[\d.-]+">(.*?)</word>', line):
            words.append({"page_w": page_w, "x0": float(w.group(1)), "x1": float(w.group(2)),
                          "text": unescape(w.group(3))})
    return words


def require_poppler() -> None:
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        if os.environ.get("PLANTRACK_REQUIRE_BROWSER") == "1":
            pytest.fail("PLANTRACK_REQUIRE_BROWSER=1 but poppler-utils is not installed (apt-get install poppler-utils)")
        pytest.skip("poppler-utils (pdftotext, pdftoppm) is not installed")


def test_printed_to_a4_the_table_fits_the_page_and_every_indicator_is_there(chromium, page, tmp_path):  # noqa: F811
    require_poppler()
    pdf = tmp_path / "report.pdf"
    printed = run_chromium(chromium, tmp_path / "profile-pdf", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                           page.resolve().as_uri())
    assert printed.returncode == 0 and pdf.is_file(), printed.stderr.decode(errors="replace")[-2000:]
    words = pdf_words(pdf)
    assert words and all(abs(w["page_w"] - 595) < 2 for w in words)  # A4 portrait: 595 × 842 pt
    assert all(0 <= w["x0"] and w["x1"] <= w["page_w"] for w in words), "text outside the page: clipped"
    text = "".join(w["text"] for w in words)
    for header in ("期末预计", "尚需每年", "状态"):
        assert header in text, header   # the table's last columns are on the page, not cut off
    for name in names(REPO / "plans"):
        assert name.replace(" ", "") in text, name
    assert "1/" in text.replace(" ", "")  # page numbers in the margin
    import subprocess

    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=120)
    first = next(tmp_path.glob("page*.png"))
    assert png_facts(first.read_bytes())[2] > 50
    if os.environ.get("PLANTRACK_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(first, REPO / "docs" / "report-print-page1.png")


def test_the_page_names_no_repository_file(page):
    text = page.read_text(encoding="utf-8")
    assert "docs/progress.md" not in text and "progress.md" not in text
    assert "附录：评估方法" in text


def test_the_bundled_ids_are_the_ones_measured():
    assert len(names(REPO / "plans")) == len(BUNDLED_IDS)


def test_the_working_is_in_the_reports_language(invoke, plans_dir):
    """The Chinese report showed the engine's English lines (`missed: the end year is evaluated…`)."""
    from test_report import ran

    for as_of in ("2021", "2025"):
        zh = ran(invoke("report", "--plans-dir", str(plans_dir), "--as-of", as_of, "--format", "markdown")).stdout
        working = "\n".join(re.findall(r"```\n(.*?)\n```", zh, re.S))
        assert working, as_of
        for english in ("missed:", "achieved:", "required =", "projection ", "(levels)", "far_behind", "a year",
                        "no base-year", "partial:"):
            assert english not in working, (as_of, english)
    en = ran(invoke("report", "--plans-dir", str(plans_dir), "--lang", "en", "--format", "markdown")).stdout
    assert "required = " in en and "far_behind" in en
