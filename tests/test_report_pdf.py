"""`report --format pdf` through WeasyPrint (issue 18, item 2), and -o suffixes that contradict --format.

The PDF's pages are rendered with pdftoppm and its text read with pdftotext: the Chinese names are there and
the fonts are embedded (pdffonts). Required in CI (PLANTRACK_REQUIRE_PDF=1); skipped where the pdf extra or
poppler-utils is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from test_report import ran
from test_report_print import names

pytest.importorskip("matplotlib", reason="the report extra: pip install -e '.[test]' installs it")


@pytest.fixture
def weasyprint():
    return pdf_tools()


def pdf_tools():
    """WeasyPrint and poppler-utils, or a skip (a failure under PLANTRACK_REQUIRE_PDF=1): also for other files'
    PDF checks (tests/test_adjustments.py, tests/test_plan_life.py)."""
    try:
        import weasyprint as module
    except (ImportError, OSError) as exc:
        if os.environ.get("PLANTRACK_REQUIRE_PDF") == "1":
            pytest.fail(f"PLANTRACK_REQUIRE_PDF=1 but WeasyPrint cannot be loaded: {exc}")
        pytest.skip(f"the pdf extra is not installed: {exc}")
    if shutil.which("pdftoppm") is None or shutil.which("pdffonts") is None:
        if os.environ.get("PLANTRACK_REQUIRE_PDF") == "1":
            pytest.fail("PLANTRACK_REQUIRE_PDF=1 but poppler-utils is not installed")
        pytest.skip("poppler-utils is not installed")
    return module


def test_pdf_shows_the_chinese_text_with_embedded_fonts(weasyprint, invoke, plans_dir, tmp_path):
    out = tmp_path / "final.pdf"
    result = ran(invoke("report", "--plans-dir", str(plans_dir), "--format", "pdf", "-o", str(out)))
    assert result.stdout == ""
    assert out.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, check=True, timeout=120).stdout.decode()
    flat = "".join(text.split())
    for name in names(plans_dir):
        assert name.replace(" ", "") in flat, name
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, check=True, timeout=60).stdout.decode()
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), fonts    # every font embedded
    assert "CJK" in fonts, fonts
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(out),
                    str(tmp_path / "page")], check=True, timeout=120)
    from test_report_browser import png_facts

    assert png_facts((tmp_path / "page.png").read_bytes())[2] > 50
    if os.environ.get("PLANTRACK_UPDATE_SCREENSHOT") == "1":
        from conftest import REPO

        shutil.copyfile(tmp_path / "page.png", REPO / "docs" / "report-pdf-page1.png")


def test_a_pdf_suffix_without_format_makes_a_pdf(weasyprint, invoke, plans_dir, tmp_path):
    out = tmp_path / "final.pdf"
    ran(invoke("report", "--plans-dir", str(plans_dir), "-o", str(out)))
    assert out.read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize(("fmt", "name"), [("html", "final.pdf"), ("pdf", "report.html"), ("markdown", "r.docx"),
                                          ("docx", "r.md")])
def test_a_suffix_that_contradicts_format_is_a_usage_error_and_writes_nothing(invoke, plans_dir, tmp_path, fmt, name):
    out = tmp_path / name
    result = ran(invoke("report", "--plans-dir", str(plans_dir), "--format", fmt, "-o", str(out)), 2)
    assert "--format" in result.stderr and result.stdout == ""
    assert not out.exists() and list(tmp_path.iterdir()) == [plans_dir]


def test_binary_formats_need_a_file(invoke, plans_dir):
    result = ran(invoke("report", "--plans-dir", str(plans_dir), "--format", "pdf"), 2)
    assert "-o" in result.stderr and result.stdout == ""


def test_without_weasyprint_a_clear_message_names_the_extra(invoke, plans_dir, monkeypatch, tmp_path):
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)
    out = tmp_path / "r.pdf"
    result = ran(invoke("report", "--plans-dir", str(plans_dir), "-o", str(out)), 1)
    assert 'pip install "plantrack-fyp[pdf]"' in result.stderr and not out.exists()
