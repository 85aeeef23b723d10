"""The PDF's Chinese font is cut to the report's characters before WeasyPrint sees it (issue 27, item 6).

WeasyPrint reads the whole file of every face it draws with (a 20 MB collection for Noto Sans CJK) and, where
HarfBuzz's subsetter is missing or old, subsets it with fontTools: half a minute and half a gigabyte for the
bundled plan. Timing is not tested here (benchmarks/report_pdf.py measures it); what is tested is the route:
the only Chinese font in the PDF is the cut one, embedded, and the text reads back in full.
"""

from __future__ import annotations

import subprocess

import pytest

from test_report import ran
from test_report_pdf import weasyprint  # noqa: F401 - the fixture: skipped without the pdf extra and poppler
from test_report_print import names

pytest.importorskip("matplotlib", reason="the report extra: pip install -e '.[test]' installs it")


def font_rows(pdf) -> list[str]:
    listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True, timeout=60).stdout.decode()
    return listed.splitlines()[2:]


def test_the_pdf_embeds_the_chinese_font_cut_to_the_report_and_no_system_collection(weasyprint, invoke, plans_dir,
                                                                                  tmp_path):
    out = tmp_path / "r.pdf"
    ran(invoke("report", "--plans-dir", str(plans_dir), "--format", "pdf", "-o", str(out)))
    rows = font_rows(out)
    assert rows and all(" yes " in row for row in rows)  # every font embedded
    chinese = [row.split()[0] for row in rows if "CJK" in row]
    assert chinese and all(name.split("+", 1)[1].startswith("plantrack-CJK") for name in chinese), rows
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, check=True, timeout=120).stdout.decode()
    flat = "".join(text.split())
    for name in names(plans_dir):
        assert name.replace(" ", "") in flat, name


def test_a_reference_in_the_page_is_refused_not_a_crash(weasyprint):
    """The fetcher serves the cut fonts only; anything else is refused quietly (WeasyPrint 68 and later broke on a
    refusing plain function: AttributeError '_fail_on_errors')."""
    from plantrack.report.pdf import render_pdf

    pdf = render_pdf('<html><body><p>报告</p><img src="http://example.invalid/a.png"></body></html>')
    assert pdf[:5] == b"%PDF-"
