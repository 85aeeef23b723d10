"""Issue 27: one report, four layouts. HTML, PDF, Word and Markdown of the same plan and as-of year say the same
words, numbers and counts; a final evaluation speaks only of results; Word is laid out as an official document;
the district report exists in every format, titled with the district's name.

Three reports, each made once in all four formats: the bundled plan mid-term (as of 2023) and at its final
evaluation (as of 2025), both with tests/fixtures/final's 2022–2025 figures appended (as test_final_evaluation.py
does), and the district of tests/fixtures/district (the district and its three towns, one of them closed).
Text is read as a reader gets it: Word through python-docx (paragraphs and table cells), the PDF through
pdftotext, the HTML page's visible text (no CSS, no SVG), the Markdown with its escapes undone. The PDF cases are
slow (WeasyPrint, about half a minute each): they run once per module.
"""

from __future__ import annotations

import html as html_lib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from test_final_evaluation import final_plans

pytest.importorskip("matplotlib", reason="the report extra")
docx = pytest.importorskip("docx", reason="the docx extra")
pytest.importorskip("weasyprint", reason="the pdf extra")
if shutil.which("pdftotext") is None:
    pytest.skip("poppler-utils (pdftotext) is not installed", allow_module_level=True)

FORMATS = ("html", "md", "docx", "pdf")
# Words that belong to a plan still running: none may appear in a final report (issue 27, item 2).
MIDTERM_WORDS = ("需重点关注", "进度滞后", "需重点推进", "尚需", "提前实现", "快于预期", "符合预期", "列为重点")
# Hand-written: what each report must say, in every format (whitespace removed before comparing).
SAYS = {
    "midterm": ["小昆山镇「十四五」规划主要发展指标", "中期评估报告", "截至2023年（第3年，共5年）", "二、需重点关注的约束性指标",
                "三、主要指标完成情况", "尚需每年", "附录：评估方法"],
    "final": ["小昆山镇「十四五」规划主要发展指标", "总结评估报告", "期末评估2025年：已实现6·基本实现2·未实现3·期末数据缺失1·暂无数据2",
              "规划期末（2025年），14项主要指标中，已实现6项、基本实现2项、未实现3项、期末数据缺失1项。",
              "约束性指标1项，完成0项、未完成1项（产值能耗年均下降率）。", "二、约束性指标完成情况",
              "以下约束性指标未实现，承诺未兑现：", "1,560,000万元", "585,000万元", "292,536.06万元", "期末数据缺失（截至2023年：滞后）"],
    "district": ["松江区「十四五」规划主要指标中期评估报告", "指标矩阵", "成员合计核对", "成员合计85亿元",
                 "小昆山镇「十四五」规划主要发展指标", "泗泾镇国民经济和社会发展第十四个五年规划主要指标",
                 "佘山镇「十三五」规划主要指标", "总结评估报告", "已结束（2021-03-31 通过总结评估）", "1,500,000"],
}


def plantrack(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("PLANTRACK_PLANS_DIR", None)
    exe = Path(sys.executable).parent / "plantrack"
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, timeout=600, check=False)


@pytest.fixture(scope="module", params=["midterm", "final", "district"])
def made(request, tmp_path_factory) -> tuple[str, dict[str, Path]]:
    case, root = request.param, tmp_path_factory.mktemp(request.param)
    if case == "district":
        plans = root / "plans"
        shutil.copytree(REPO / "tests" / "fixtures" / "district", plans)
        args = ["--all"]
    else:
        plans = final_plans(root)
        args = ["--as-of", "2023" if case == "midterm" else "2025"]
    out = {}
    for fmt in FORMATS:
        out[fmt] = root / f"report.{fmt}"
        result = plantrack("report", "--plans-dir", str(plans), *args, "-o", str(out[fmt]))
        assert result.returncode == 0 and result.stderr == "", result.stderr[-3000:]
    return case, out


def text_of(fmt: str, path: Path) -> str:
    if fmt == "docx":
        document = docx.Document(str(path))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if fmt == "pdf":
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, timeout=120).stdout.decode()
    raw = path.read_text(encoding="utf-8")
    if fmt == "html":
        raw = re.sub(r"<(style|svg|title)\b.*?</\1>", " ", raw, flags=re.S)
        return html_lib.unescape(re.sub(r"<[^>]+>", " ", raw))
    return html_lib.unescape(re.sub(r"\\(.)", r"\1", raw)).replace("**", "")


def flat(text: str) -> str:
    return "".join(text.split())


def table_rows(fmt: str, path: Path) -> list[list[str]]:
    """The status tables' rows (序号 first) as cell text, in document order."""
    if fmt == "docx":
        return [[c.text.removeprefix("‼ ") for c in r.cells] for t in docx.Document(str(path)).tables
                for r in t.rows if r.cells[0].text.isdigit()]
    if fmt == "md":
        lines = path.read_text(encoding="utf-8").splitlines()
        return [[html_lib.unescape(re.sub(r"\\(.)", r"\1", c.strip())).replace("**", "").removeprefix("‼ ")
                 for c in line.strip().strip("|").split(" | ")]
                for line in lines if re.match(r"\| \d+ \| ", line) and line.count("|") > 8]
    page = path.read_text(encoding="utf-8")
    return [[html_lib.unescape(re.sub(r"<[^>]+>", "", c)).removeprefix("‼ ") for c in
             re.findall(r"<td[^>]*>(.*?)</td>", row)] for row in re.findall(r"<tr data-id=.*?</tr>", page)]


def test_the_four_formats_say_the_same_words(made):
    case, out = made
    texts = {fmt: flat(text_of(fmt, path)) for fmt, path in out.items()}
    for phrase in SAYS[case]:
        for fmt in FORMATS:
            assert flat(phrase) in texts[fmt], (fmt, phrase)
    if case == "final":
        for fmt in FORMATS:
            for word in MIDTERM_WORDS:
                assert word not in texts[fmt], (fmt, word)


def test_the_four_formats_show_the_same_table_and_every_sentence(made):
    """The tables cell by cell (Word, Markdown, HTML), every number of them in the PDF; every sentence, fact,
    working line and source of each indicator's section in all four."""
    _case, out = made
    rows = {fmt: table_rows(fmt, out[fmt]) for fmt in ("docx", "md", "html")}
    assert rows["docx"] == rows["md"] == rows["html"] and len(rows["docx"]) >= 7, rows
    pdf = flat(text_of("pdf", out["pdf"]))
    numbers = {n for row in rows["docx"] for cell in row for n in re.findall(r"\d[\d,]*(?:\.\d+)?%?", cell)}
    for number in numbers:
        assert number in pdf, number
    md = text_of("md", out["md"])
    sentences = [flat(s) for s in re.findall(r"截至 20\d\d 年[^。\n]*。|20\d\d 年评估意见：[^。\n]*。", md)]
    for fmt in ("docx", "html", "pdf"):
        other = flat(text_of(fmt, out[fmt]))
        assert sentences and all(s in other for s in sentences), (fmt, [s for s in sentences if s not in other])


@pytest.mark.parametrize("made", ["final"], indirect=True)  # one case is enough for the page: no skips
def test_word_is_an_official_document(made, tmp_path):
    """GB/T 9704's page and type named in the XML; page numbers and unbroken numbers seen on LibreOffice's pages."""
    case, out = made
    document = docx.Document(str(out["docx"]))
    fonts = {name: document.styles[name].element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        for name in ("Normal", "Title", "Heading 1", "Heading 2")}
    assert fonts == {"Normal": "仿宋_GB2312", "Title": "方正小标宋简体", "Heading 1": "黑体", "Heading 2": "楷体_GB2312"}
    assert document.styles["Normal"].font.size.pt == 16 and document.styles["Title"].font.size.pt == 22
    page = document.sections[0]
    assert (round(page.page_width.mm), round(page.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (page.top_margin, page.bottom_margin, page.left_margin, page.right_margin)] == \
        [37, 35, 28, 26]
    assert "PAGE" in page.footer.paragraphs[0]._p.xml and page.footer.paragraphs[0].text.startswith("— ")
    fonts_xml = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable")).blob
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts_xml.decode()
    table = document.tables[0]
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")
    header = [c.text for c in table.rows[0].cells]
    assert "尚需每年" not in header and header[-1] == "期末预计"
    for row in table.rows[1:]:
        for name, cell in zip(header, row.cells, strict=True):
            if name not in ("指标", "状态") and any(ch.isdigit() for ch in cell.text):
                assert cell._tc.tcPr.xpath("./w:noWrap"), (name, cell.text)
    # On the page: every number cell on one line, and page numbers "— 2 —".
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    subprocess.run([office, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(out["docx"])], capture_output=True, timeout=300, check=True)
    layout = subprocess.run(["pdftotext", "-layout", str(tmp_path / "report.pdf"), "-"], capture_output=True,
                            check=True, timeout=120).stdout.decode()
    lines = [" ".join(line.split()) for line in layout.splitlines()]
    assert "—2—" in [flat(line) for line in lines]  # "— 2 —": pdftotext drops the spaces beside the dashes
    for row in table.rows[1:]:
        for name, cell in zip(header, row.cells, strict=True):
            if name in ("目标", "实际", "应达", "期末预计") and cell.text != "—":
                assert any(cell.text in line for line in lines), (name, cell.text)


def test_the_district_title_is_the_districts_name_or_the_offices(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(REPO / "tests" / "fixtures" / "district", plans)
    cases = [  # (arguments, the first line of the Markdown report)
        (["--plans", "songjiang,xiaokunshan,sijing"], "# 松江区「十四五」规划主要指标中期评估报告"),
        (["--plans", "xiaokunshan,sijing"], "# 2 个规划汇总评估"),
        (["--plans", "xiaokunshan,sijing", "--title", "松江区两镇汇总评估"], "# 松江区两镇汇总评估"),
    ]
    for args, first in cases:
        result = plantrack("report", "--plans-dir", str(plans), *args, "--format", "markdown")
        assert result.returncode == 0 and result.stdout.splitlines()[0] == first, (args, result.stderr)
    refused = plantrack("report", "--plans-dir", str(plans), "--title", "x", "--format", "markdown")
    assert refused.returncode == 2 and "--title" in refused.stderr and refused.stdout == ""
