"""`report --format docx` (issue 18, item 3) and the office's own words, report.toml (item 4).

The Word file is reopened with python-docx (the status table is a real table whose header row repeats) and
converted to PDF by LibreOffice headless, whose text must hold every indicator, the summary and the office's
sections. LibreOffice is required in CI (PLANTRACK_REQUIRE_OFFICE=1) and skipped on a machine without it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from test_report import ran
from test_report_print import names

pytest.importorskip("matplotlib", reason="the report extra: pip install -e '.[test]' installs it")
docx = pytest.importorskip("docx", reason="the docx extra: pip install -e '.[test]' installs it")

OFFICE = '''organisation = "小昆山镇经济发展办公室"
date = 2022-03-31
achievements = """工业总产值增长较快。
地方财政收入超出预期。"""
problems = "增加值增长明显低于目标。"
next_steps = "加快重点项目建设。"

[indicators]
value-added-growth = "受疫情影响，增速放缓。"
'''


def with_office(plans_dir: Path, text: str = OFFICE) -> Path:
    (plans_dir / "xiaokunshan-14th" / "report.toml").write_text(text, encoding="utf-8")
    return plans_dir


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("PLANTRACK_REQUIRE_OFFICE") == "1":
            pytest.fail("PLANTRACK_REQUIRE_OFFICE=1 but LibreOffice is not installed (apt-get install "
                        "libreoffice-writer-nogui)")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui); CI requires it")
    return found


def test_docx_has_a_real_table_whose_header_row_repeats(invoke, plans_dir):
    out = plans_dir.parent / "report.docx"
    ran(invoke("report", "--plans-dir", str(with_office(plans_dir)), "-o", str(out)))  # format from the suffix
    document = docx.Document(str(out))
    table = document.tables[0]
    assert len(table.rows) == 15 and len(table.columns) == 12  # 11 and the 把握 column (issue 31)
    header = table.rows[0]._tr
    assert header.trPr is not None and header.trPr.xpath("./w:tblHeader"), "the header row is not marked to repeat"
    assert [c.text for c in table.rows[0].cells][-2:] == ["期末预计", "把握"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "编制单位：小昆山镇经济发展办公室" in text and "2022 年 3 月 31 日" in text
    assert "五、主要成效" in text and "六、存在问题" in text and "七、下一步建议" in text
    assert "受疫情影响，增速放缓。" in text
    assert "docs/progress.md" not in text and "附录：评估方法" in text
    assert len(document.inline_shapes) == 8   # one picture per indicator with any figure


def test_docx_opens_in_libreoffice_with_every_indicator_the_summary_and_the_offices_sections(invoke, plans_dir,
                                                                                              tmp_path):
    office = soffice()
    out = tmp_path / "report.docx"
    ran(invoke("report", "--plans-dir", str(with_office(plans_dir)), "--format", "docx", "-o", str(out)))
    converted = subprocess.run([office, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                                "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(out)],
                               capture_output=True, timeout=300, check=False)
    pdf = tmp_path / "pdf" / "report.pdf"
    assert converted.returncode == 0 and pdf.is_file(), converted.stderr.decode(errors="replace")[-2000:]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, timeout=120).stdout.decode()
    flat = "".join(text.split())
    for name in names(plans_dir):
        assert name.replace(" ", "") in flat, name
    assert "14项主要指标中" in flat and "一、总体情况" in flat
    for words in ("主要成效", "工业总产值增长较快。", "存在问题", "下一步建议", "加快重点项目建设。"):
        assert words in flat, words
    if os.environ.get("PLANTRACK_UPDATE_SCREENSHOT") == "1":
        from conftest import REPO

        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(REPO / "docs" / "report-docx-page1")], check=True, timeout=120)


def test_plan_text_in_docx_is_text_never_interpreted(invoke, plans_dir):
    with_office(plans_dir, 'problems = "<w:p>{ MERGEFIELD x } \\u0007 $x$"\n')
    out = plans_dir.parent / "report.docx"
    ran(invoke("report", "--plans-dir", str(plans_dir), "-o", str(out)))
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "<w:p>{ MERGEFIELD x } \\x07 $x$" in text


def test_without_python_docx_a_clear_message_names_the_extra(invoke, plans_dir, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "docx", None)
    out = plans_dir.parent / "r.docx"
    result = ran(invoke("report", "--plans-dir", str(plans_dir), "-o", str(out)), 1)
    assert 'pip install "plantrack-fyp[docx]"' in result.stderr and not out.exists()


# ------------------------------------------------------------------------------------------- report.toml

def test_without_overall_the_report_drafts_it_from_the_numbers(invoke, plans_dir):
    out = ran(invoke("report", "--plans-dir", str(plans_dir), "--format", "markdown")).stdout
    assert "14 项主要指标中，提前实现 1 项、快于预期 2 项、严重滞后 1 项。" in out


def test_the_offices_words_are_placed_and_escaped_in_html(invoke, plans_dir):
    with_office(plans_dir, OFFICE.replace("加快重点项目建设。", "<script>alert(1)</script>"))
    page = ran(invoke("report", "--plans-dir", str(plans_dir))).stdout
    assert "小昆山镇经济发展办公室" in page and "<script>" not in page and "&lt;script&gt;" in page
    assert page.index("五、主要成效") > page.index("四、分指标评估") and page.index("附录：评估方法") > page.index("七、")


def test_check_finds_a_misspelt_key_and_an_unknown_indicator_in_report_toml(invoke, plans_dir):
    with_office(plans_dir, 'organisaton = "x"\ndate = "2022-03-31"\n[indicators]\nno-such = "x"\n')
    result = ran(invoke("check", str(plans_dir)), 1)
    assert "report.toml:1:1: organisaton: 未知的键 organisaton，是不是 organisation？" in result.stdout
    assert "report.toml:2:" in result.stdout
    report = ran(invoke("report", "--plans-dir", str(plans_dir), "--format", "markdown"), 1)
    assert "report.toml" in report.stderr and report.stdout == ""
    with_office(plans_dir, '[indicators]\nno-such = "x"\n')
    result = ran(invoke("check", str(plans_dir)), 1)
    assert "report.toml:2:1: indicators.no-such: 规划中没有这个指标编号" in result.stdout
