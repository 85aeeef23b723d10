"""`plantrack report`: the evaluation report's structure, its numbers (exactly `status --format json`), the
Markdown text, plan text as data in HTML, SVG and Markdown, the missing-extra message, and writing with -o.

The page is checked in a real browser in test_report_browser.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO, XKS
from plantrack.numbers import fmt
from plantrack.text import safe
from plantrack.render.words import STATUS_ZH
from hostile import hostile_plans

pytest.importorskip("matplotlib", reason="the report extra: pip install -e '.[test]' installs it")

BUNDLED_IDS = ("value-added-growth", "fiscal-revenue-growth", "local-fiscal-revenue-growth", "industrial-output-growth",
               "energy-intensity-decline", "export-delivery-growth", "fixed-asset-investment",
               "industrial-fixed-asset-investment", "disposable-income-growth", "tech-listings", "net-new-high-tech",
               "new-strategic-emerging", "new-srdi", "new-modern-services")
# A chart for every indicator with any figure, history years included (issue 18, item 6).
WITH_DATA = {"value-added-growth", "fiscal-revenue-growth", "local-fiscal-revenue-growth", "industrial-output-growth",
             "energy-intensity-decline", "export-delivery-growth", "fixed-asset-investment",
             "industrial-fixed-asset-investment"}
# Of those, the ones with a figure in the plan period: they have a working.
IN_PERIOD = {"value-added-growth", "local-fiscal-revenue-growth", "industrial-output-growth",
             "industrial-fixed-asset-investment"}


def ran(result, code: int = 0):
    assert result.exit_code == code, (result.exit_code, result.stdout[-2000:], result.stderr[-2000:])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    return result


class Page(HTMLParser):
    """The parts of a report page the tests look at: table rows, indicator articles, charts, every tag."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.rows: list[dict[str, str | None]] = []             # tbody rows of the status table, their attributes
        self.cells: list[list[str]] = []                          # the text of each row's cells
        self.articles: dict[str, dict] = {}                       # id -> {"svg": n, "placeholder": bool, "text": str}
        self.svg_text: list[str] = []                             # every <text> inside a chart
        self._stack: list[str] = []
        self._article: str | None = None
        self._cell: list[str] | None = None
        self._in_svg_text = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "article":
            self._article = (attributes.get("id") or "").removeprefix("ind-")
            self.articles[self._article] = {"svg": 0, "placeholder": False, "text": ""}
        if tag == "svg" and self._article:
            self.articles[self._article]["svg"] += 1
        if tag == "p" and "placeholder" in (attributes.get("class") or "") and self._article:
            self.articles[self._article]["placeholder"] = True
        if tag == "tr" and "tbody" in self._stack:
            self.rows.append(attributes)
            self.cells.append([])
        if tag == "td":
            self._cell = []
        self._in_svg_text = tag == "text" and "svg" in self._stack or self._in_svg_text
        if tag == "text":
            self.svg_text.append("")
        self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self._stack:
            while self._stack.pop() != tag:
                pass
        if tag == "article":
            self._article = None
        if tag == "td" and self._cell is not None:
            self.cells[-1].append("".join(self._cell).strip())
            self._cell = None
        if tag == "text":
            self._in_svg_text = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._article:
            self.articles[self._article]["text"] += data
        if self._in_svg_text and self.svg_text:
            self.svg_text[-1] += data


@pytest.fixture(scope="module")
def bundled_html() -> str:
    from plantrack.opening import open_plan
    from plantrack.report import render_report

    return render_report(open_plan(REPO / "plans", None), None, "html", "zh")


# ------------------------------------------------------------------------------------------------- structure

def test_every_indicator_has_a_row_and_a_section_and_one_chart_per_indicator_with_data(bundled_html):
    page = Page(bundled_html)
    assert [r["data-id"] for r in page.rows] == list(BUNDLED_IDS)
    assert set(page.articles) == set(BUNDLED_IDS)
    for ind_id, article in page.articles.items():
        if ind_id in WITH_DATA:
            assert (article["svg"], article["placeholder"]) == (1, False), ind_id
        else:
            # No empty chart: a placeholder sentence, and the target is still listed.
            assert (article["svg"], article["placeholder"]) == (0, True), ind_id
            assert "暂无数据" in article["text"] and "目标" in article["text"], ind_id
    assert sum(a["svg"] for a in page.articles.values()) == len(WITH_DATA)


def test_the_page_reads_like_an_evaluation_report(bundled_html):
    page = Page(bundled_html)
    h = [t for t, _ in page.tags]
    assert h.count("h1") == 1 and h.count("h2") == 5 and h.count("table") == 1 and h.count("details") == len(IN_PERIOD)
    assert "<title>小昆山镇「十四五」规划主要发展指标中期评估报告</title>" in bundled_html
    assert "截至 2021 年（第 1 年，共 5 年）：提前实现 1 · 快于预期 2 · 严重滞后 1 · 暂无数据 10" in bundled_html
    value_added = page.articles["value-added-growth"]["text"]
    assert ("截至 2021 年实际年均 0.49%，按计划应达 6.00%，进度比 0.08，严重滞后。实现目标，2022–2025 年每年需 7.42%。"
            "按目前速度，2025 年预计 498,718.96 万元。") in value_added
    # The working (show's formula lines) and each recorded year's source.
    assert "实现目标尚需 = ((1 + 6%)^5 / (1 + a)^1)^(1/4) − 1 = 7.42%（每年）" in value_added
    assert "2016–2020 小昆山镇「十四五」规划纲要" in value_added and "2021 「小昆山镇十年发展成就巡礼」" in value_added
    investment = page.articles["industrial-fixed-asset-investment"]["text"]
    assert "截至 2021 年累计完成 27.72 亿元 (163%)，按计划应达 3.40 亿元，进度比 8.15，提前实现。" in investment
    assert "目标已实现，无需追加" in investment
    # The chart: years from the base year to the end, the base year and the target labelled, text kept as text.
    chart_text = " ".join(page.svg_text)
    for word in ("2020", "2025", "基期 2020", "目标 651,181", "实际", "按计划应达", "实现目标尚需", "按目前速度预计", "万元"):
        assert word in chart_text, word


def test_numbers_equal_status_json(invoke, plans_dir, bundled_html):
    status = json.loads(ran(invoke("status", "--format", "json", "--plans-dir", str(plans_dir))).stdout,
                        parse_float=Decimal)["plans"][0]  # schema_version 2 (issue 19)
    page = Page(bundled_html)
    assert len(page.rows) == len(status["indicators"]) == 14
    keys = ("actual", "expected", "completion", "pace_ratio", "required", "projection", "projection_level")
    for row, cells, record in zip(page.rows, page.cells, status["indicators"], strict=True):
        assert row["data-id"] == record["id"] and row["data-status"] == record["status"]
        for key in keys:
            attr, value = row[f"data-{key.replace('_', '-')}"], record[key]
            assert (Decimal(attr) if attr else None) == value, (record["id"], key)
        # The visible cells are the table's: JSON's numbers rounded half-up to 2 decimals.
        no, _name, _attr, _target, actual, year, expected, pace, state, required, _projection, _likely = cells
        assert no == str(record["no"]) and state == STATUS_ZH[record["status"]]
        assert year == (str(record["data_year"]) if record["data_year"] else "—")
        assert pace == (fmt(record["pace_ratio"]) if record["pace_ratio"] is not None else "—")
        if record["kind"] in ("annual_rate", "total_change") and record["actual"] is not None:
            assert actual == fmt(record["actual"]) + "%" and expected == fmt(record["expected"]) + "%"
            assert required == fmt(record["required"]) + "%"
    # A mid-term report has a chip for each mid-term word; nearly_met and no_final_data are the final
    # evaluation's (issue 16), counted 0 in the JSON and given no chip.
    midterm = [s for s in status["counts"] if s not in ("nearly_met", "no_final_data")]
    counts = {s: bundled_html.count(f'class="chip s-{s}') for s in status["counts"]}
    assert counts == {s: int(s in midterm) for s in status["counts"]}
    for s in midterm:
        assert re.search(f'class="chip s-{s}[^"]*"><b>{status["counts"][s]}</b>', bundled_html), s


def test_a_lagging_binding_indicator_comes_first_and_stands_out(invoke, plans_dir):
    # Energy intensity is binding; 1% a year against 3% is far behind.
    ran(invoke("record", "energy-intensity-decline", "2021", "--rate", "1", "--source", "test",
               "--plans-dir", str(plans_dir)))
    html = ran(invoke("report", "--plans-dir", str(plans_dir))).stdout
    page = Page(html)
    assert list(page.articles)[0] == "energy-intensity-decline"
    lagging = html[html.index('<section id="lagging" class="lagging">'):html.index('<section id="table">')]
    assert "产值能耗年均下降率" in lagging and "严重滞后" in lagging
    row = next(r for r in page.rows if r["data-id"] == "energy-intensity-decline")
    assert "alarm" in (row["class"] or "")
    assert 'id="ind-energy-intensity-decline"' in html and 'class="indicator s-border-far_behind lagging"' in html


def test_markdown_binding_list_takes_the_chinese_colon_as_word_does(invoke, plans_dir):
    # Markdown wrote ": " after the verdict and in the facts where Word writes "：" (render/words.COLON).
    ran(invoke("record", "energy-intensity-decline", "2021", "--rate", "1", "--source", "test",
               "--plans-dir", str(plans_dir)))
    lines = ran(invoke("report", "--format", "markdown", "--plans-dir", str(plans_dir))).stdout.splitlines()
    assert ("- **‼ 5. 产值能耗年均下降率** — 严重滞后：截至 2021 年实际年均 1.00%，按计划应达 3.00%，进度比 0.33，严重滞后。"
            "实现目标，2022–2025 年每年需 3.49%。按目前速度，2025 年预计 1.00%。") in lines
    assert "- 目标：年均 3%" in lines


def test_without_lagging_binding_indicators_the_section_says_so(bundled_html):
    assert '<section id="lagging" class="lagging none">' in bundled_html and "约束性指标均未出现滞后。" in bundled_html


def test_the_page_is_self_contained(bundled_html):
    page = Page(bundled_html)
    tags = {t for t, _ in page.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "image", "foreignobject"}
    for tag, attributes in page.tags:
        for name, value in attributes.items():
            assert name not in ("src", "srcset") and not name.startswith("on"), (tag, name)
            if name in ("href", "xlink:href"):
                assert value and value.startswith("#"), (tag, value)
            if name.startswith("xmlns"):
                assert value and value.startswith("http://www.w3.org/"), value
    assert not re.search(r"url\((?!#)", bundled_html)  # clip paths point into the same chart
    assert "@import" not in bundled_html and "@font-face" not in bundled_html
    assert '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC"' in bundled_html
    assert "<metadata>" not in bundled_html and "<?xml" not in bundled_html


def test_the_district_page_has_the_plan_pages_head():
    """One page shell (report/html.page) for a plan's report and a district's: before it, the district page put
    <style> on the title's line and its cover on <main>'s."""
    from plantrack.opening import open_linked
    from plantrack.report import render_report
    from plantrack.report.district import render_district

    plans = REPO / "tests" / "fixtures" / "district"
    one = render_report(open_linked(plans, "songjiang"), None, "html", "zh")
    many = render_district(plans, ["songjiang", "sijing"], None, "html", "zh")
    assert isinstance(many, str)
    for page, main in ((one, '<main class="report">'), (many, '<main class="report district">')):
        assert page.split("<title>", 1)[0] == one.split("<title>", 1)[0] and "</title>\n<style>" in page
        assert page.split("</style></head>\n", 1)[1].startswith(f'<body>{main}\n<header class="cover">')
    assert many.endswith("</main></body></html>\n") and one.endswith("</main></body></html>\n")


def test_the_report_is_the_same_on_every_run(invoke, plans_dir, bundled_html):
    again = ran(invoke("report", "--plans-dir", str(plans_dir))).stdout
    assert again == bundled_html


def test_english(invoke, plans_dir):
    html = ran(invoke("report", "--lang", "en", "--plans-dir", str(plans_dir))).stdout
    assert '<html lang="en">' in html and "Mid-term evaluation report" in html
    assert "To 2021 it moved 0.49% a year on average against 6.00% on schedule: pace ratio 0.08, far behind." in html
    assert "<h3>Value added, average annual growth <small>增加值年均增长率</small></h3>" in html


def test_the_title_blocks_line_is_the_same_in_html_and_markdown(invoke, plans_dir):
    """The line under the title is the model's (Document.head), capitalised there: the HTML page used to
    capitalise it itself, so the Markdown and Word reports said "as of 2021" where the page said "As of 2021"."""
    html = ran(invoke("report", "--lang", "en", "--plans-dir", str(plans_dir))).stdout
    md = ran(invoke("report", "--lang", "en", "--format", "markdown", "--plans-dir", str(plans_dir))).stdout
    head = re.search(r'<p class="subtitle">([^<]*)</p>', html)
    assert head is not None and head[1].startswith("As of ")
    assert md.splitlines()[2].startswith(f"**{head[1]}** · ")


def test_the_end_year_is_a_final_evaluation(invoke, plans_dir):
    html = ran(invoke("report", "--as-of", "2025", "--plans-dir", str(plans_dir))).stdout
    assert "总结评估报告" in html and "期末评估 2025 年" in html


# ------------------------------------------------------------------------------------------------ every kind

EVERY_KIND_PLAN = """
[plan]
id = "kinds-14th"
name = "示例镇「十四五」规划主要指标"
start = 2021
end = 2025

[[indicators]]
id = "gdp-growth"
no = 1
name = "地区生产总值年均增长率"
kind = "annual_rate"
unit = "%"
target = 6
value_unit = "万元"

[[indicators]]
id = "energy-intensity-reduction"
no = 2
name = "单位地区生产总值能耗降低"
attribute = "binding"
kind = "total_change"
direction = "decrease"
unit = "%"
target = 13.5

[[indicators]]
id = "fixed-asset-investment"
no = 3
name = "全社会固定资产投资"
kind = "cumulative"
unit = "亿元"
target = 150

[[indicators]]
id = "emerging-industry-share"
no = 4
name = "战略性新兴产业产值占比"
kind = "level"
unit = "%"
target = 80

[[indicators]]
id = "doctors"
no = 5
name = "每千人执业医师数"
kind = "level"
unit = "人"
target = 3.5

[[indicators]]
id = "income-in-step"
no = 6
name = "居民收入增长与经济增长同步"
kind = "qualitative"
target = "与经济增长基本同步"
"""
EVERY_KIND_ACTUALS = """
[gdp-growth.2020]
value = 486600
source = "2020 年统计公报"
[gdp-growth.2021]
value = 48.9
unit = "亿元"
source = "2021 年统计公报"
[gdp-growth.2022]
rate = 4.1
source = "2022 年统计公报"
[energy-intensity-reduction.2021]
rate = 2.7
source = "区统计局能源统计"
[energy-intensity-reduction.2022]
rate = 0.1
source = "区统计局能源统计"
[fixed-asset-investment.2021]
value = 31.5
source = "统计月报 2021 年 12 月"
[fixed-asset-investment.2022]
value = 268000
unit = "万元"
source = "统计月报 2022 年 12 月"
[emerging-industry-share.2020]
value = 62.4
source = "2020 年统计年报"
[emerging-industry-share.2022]
value = 69.8
source = "2022 年统计年报"
[doctors.2022]
value = 2.9
source = "卫健委"
[income-in-step.2022]
assessment = "behind"
source = "2022 年度评估报告"
note = "收入增长 3.9%，低于经济增长 4.1%"
"""


@pytest.fixture
def kinds_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "plans" / "kinds-14th"
    folder.mkdir(parents=True)
    (folder / "plan.toml").write_text(EVERY_KIND_PLAN, encoding="utf-8")
    (folder / "actuals.toml").write_text(EVERY_KIND_ACTUALS, encoding="utf-8")
    return tmp_path / "plans"


def test_every_kind_is_drawn_and_the_rest_say_why_not(invoke, kinds_dir):
    ran(invoke("check", "--plans-dir", str(kinds_dir)))
    html = ran(invoke("report", "--plans-dir", str(kinds_dir))).stdout
    page = Page(html)
    charts = {ind_id for ind_id, a in page.articles.items() if a["svg"] == 1}
    assert charts == {"gdp-growth", "energy-intensity-reduction", "fixed-asset-investment", "emerging-industry-share",
                      "doctors"}
    # The binding total_change is far behind: it comes first.
    assert list(page.articles)[0] == "energy-intensity-reduction"
    assert "截至 2022 年累计变化 2.80%，按计划应达 5.40%，进度比 0.52，严重滞后。" in html
    # A level without its base-year value has data but nothing to judge from: no chart, and the reason.
    doctors = page.articles["doctors"]
    assert (doctors["svg"], doctors["placeholder"]) == (1, False)   # its recorded figures are drawn
    assert "暂无数据：有记录，但无法计算（未记录基期（2020 年）数值），仅列出目标。" in doctors["text"]
    qualitative = page.articles["income-in-step"]
    assert (qualitative["svg"], qualitative["placeholder"]) == (0, True)
    assert "2022 年评估意见：滞后。" in qualitative["text"] and "收入增长 3.9%，低于经济增长 4.1%" in qualitative["text"]
    # Index charts for a rate kind without levels; the level and the cumulative in their units.
    assert "指数（基期 2020 = 100）" in page.svg_text and "%" in page.svg_text and "累计（亿元）" in page.svg_text
    assert "2022 年达到 69.8%，按计划应达 69.44%，进度比 1.05，快于预期。" in html


# ------------------------------------------------------------------------------------------------- Markdown

def test_markdown_as_text(invoke, plans_dir):
    out = ran(invoke("report", "--format", "markdown", "--plans-dir", str(plans_dir))).stdout
    lines = out.splitlines()
    assert lines[0] == "# 小昆山镇「十四五」规划主要发展指标中期评估报告"
    assert lines[2] == "**截至 2021 年（第 1 年，共 5 年）** · 上海市松江区小昆山镇 · 规划期 2021–2025 · 基期 2020 · 评估年份 2021"
    assert [line for line in lines if line.startswith("## ")] == [
        "## 一、总体情况", "## 二、需重点关注的约束性指标", "## 三、主要指标完成情况", "## 四、分指标评估", "## 附录：评估方法"]
    table = [line for line in lines if re.match(r"\| \d{1,2} \| ", line)]
    assert len(table) == 14
    assert table[0] == ("| 1 | 增加值年均增长率 | 预期性 | 年均 6% | 0.49% | 2021 | 6.00% | 0.08 | 严重滞后 | 7.42% | 498,718.96 万元 | "
                        "不太可能 24% |")
    assert table[7] == ("| 8 | 工业固定资产投资 | 预期性 | 17 亿元 | 27.72 (163%) | 2021 | 3.40 | 8.15 | 提前实现 | — | 138.60 亿元 | "
                        "很可能 100% |")
    headings = [line for line in lines if line.startswith("### ")]
    assert len(headings) == 14
    assert headings[0] == "### 1. 增加值年均增长率 · Value added, average annual growth — 严重滞后"
    assert "| 2025 |  | 651,180.57 | 651,180.57 | 498,718.96 |" in lines
    assert "- 尚需：2022–2025 年每年 7.42%" in lines  # the facts: the full-width colon, as in Word
    assert "- 2021 「小昆山镇十年发展成就巡礼」，2022 年（000\\_6c0d19344c58a255.txt）（「2021年实现地方财政收入5.9亿元」）" in lines
    no_data = out[out.index("### 2. "):out.index("### 3. ")]
    assert "暂无数据：规划期内尚无记录，仅列出目标。" in no_data and "- 目标：年均 6%" in no_data and "| 2025 |" not in no_data


def test_markdown_needs_no_plotting_library(invoke, plans_dir, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    out = ran(invoke("report", "--format", "markdown", "--plans-dir", str(plans_dir))).stdout
    assert out.startswith("# ")


# ---------------------------------------------------------------------------------------------- plan text

HTML_HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "</svg><b>x</b>", "a|b\\|c",
                "$x^2$ 和 $y$", "&amp; &lt;", "*粗*_斜_ [链接](http://evil) `码`", "\x1b[31m红\u202e反", "名\n称"]


@pytest.mark.parametrize("text", HTML_HOSTILE)
def test_plan_text_is_data_in_html_and_svg(invoke, tmp_path, text):
    plans = hostile_plans(tmp_path, text)
    html = ran(invoke("report", "--plans-dir", str(plans))).stdout
    page = Page(html)
    tags = [t for t, _ in page.tags]
    assert "script" not in tags and "img" not in tags and tags.count("b") == 7  # the seven status counts
    assert tags.count("svg") == len(WITH_DATA) + 1 and tags.count("article") == 15
    assert all(not name.startswith("on") for _t, attrs in page.tags for name in attrs)
    seen = safe(text)
    assert page.articles["value-added-growth"]["text"].count(seen) >= 4  # name_en, note, source, note again
    assert page.cells[0][1] == seen
    # tech-listings holds one amount in a plan-declared unit: its chart's axis label shows the unit literally.
    assert f"累计（单{seen}位）" in page.svg_text
    assert "\x1b" not in html and "\u202e" not in html


@pytest.mark.parametrize("text", HTML_HOSTILE)
def test_plan_text_is_data_in_markdown(invoke, tmp_path, text):
    plans = hostile_plans(tmp_path, text)
    out = ran(invoke("report", "--format", "markdown", "--plans-dir", str(plans))).stdout
    lines = out.splitlines()
    table = [line for line in lines if re.match(r"\| \d{1,2} \| ", line)]
    assert len(table) == 15
    for line in table:
        assert len(re.findall(r"(?<!\\)(?:\\\\)*\|", line)) == 13, line   # 12 cells: no cell split by plan text
    assert len([line for line in lines if line.startswith("### ")]) == 15
    outside_code = re.sub(r"(`{3,})\n.*?\n\1", "", out, flags=re.S)
    assert not re.search(r"(?<!\\)(?:\\\\)*<", outside_code), "raw HTML from plan text"
    assert "\x1b" not in out and "\u202e" not in out


# --------------------------------------------------------------------------------------- extra and output

def test_without_matplotlib_a_clear_message_names_the_extra(invoke, plans_dir, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # `import matplotlib` now raises ImportError
    result = ran(invoke("report", "--plans-dir", str(plans_dir), "-o", str(plans_dir.parent / "r.html")), 1)
    assert result.stdout == ""
    assert ('缺少可选组件 [report]（HTML 报告的图表），请运行：pip install "plantrack-fyp[report]"' in result.stderr
            and "missing the optional part [report]" in result.stderr)
    assert not (plans_dir.parent / "r.html").exists()


def test_o_writes_the_file_and_prints_nothing(invoke, plans_dir, bundled_html):
    target = plans_dir.parent / "report.html"
    result = ran(invoke("report", "--plans-dir", str(plans_dir), "-o", str(target)))
    assert result.stdout == "" and result.stderr == ""
    assert target.read_text(encoding="utf-8") == bundled_html
    assert not list(plans_dir.parent.glob(".*.tmp"))
    md = plans_dir.parent / "report.md"
    ran(invoke("report", "--plans-dir", str(plans_dir), "--format", "markdown", "--output", str(md)))
    assert md.read_text(encoding="utf-8").startswith("# 小昆山镇")


@pytest.mark.parametrize("name", ["plan.toml", "actuals.toml"])
def test_o_refuses_to_overwrite_a_plan_file(invoke, plans_dir, name):
    target = plans_dir / XKS / name
    before = target.read_bytes()
    result = ran(invoke("report", "--plans-dir", str(plans_dir), "-o", str(target)), 2)
    assert "规划文件" in result.stderr and "plan file" in result.stderr
    assert target.read_bytes() == before


def test_o_into_a_plan_folder_takes_the_lock_and_leaves_the_plan_alone(invoke, plans_dir):
    folder = plans_dir / XKS
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    ran(invoke("report", "--plans-dir", str(plans_dir), "-o", str(folder / "report.html")))
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and p.name in before}
    assert after == before and (folder / "report.html").is_file()
    ran(invoke("check", "--plans-dir", str(plans_dir)))


def test_o_to_a_folder_or_a_missing_folder_is_refused(invoke, plans_dir):
    result = ran(invoke("report", "--plans-dir", str(plans_dir), "-o", str(plans_dir / "nowhere" / "r.html")), 1)
    assert "no such folder" in result.stderr
    result = ran(invoke("report", "--plans-dir", str(plans_dir), "-o", str(plans_dir)), 2)
    assert result.stderr


def test_other_commands_do_not_import_matplotlib():
    code = ("import sys; from typer.testing import CliRunner; from plantrack.cli.app import app; "
            "r = CliRunner().invoke(app, ['status', '--plans-dir', 'plans']); assert r.exit_code == 0, r.output; "
            "r = CliRunner().invoke(app, ['report', '--help']); assert r.exit_code == 0, r.output; "
            "print('matplotlib' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


def test_report_modules_stay_small():
    for path in (REPO / "src" / "plantrack" / "report").glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 300, path.name


def test_docs_name_the_extra_and_the_no_data_choice():
    docs = (REPO / "docs" / "report.md").read_text(encoding="utf-8")
    assert "plantrack-fyp[report]" in docs and "暂无数据" in docs
    assert Path(REPO / "docs" / "report-screenshot.png").is_file()


@pytest.mark.parametrize("value, label", [
    ("2.675", "2.68"),          # half-up, as every table rounds (a double holds 2.67499…: "2.67")
    ("1234.5", "1235"),         # whole from 1,000 up, half-up (a double's format: "1234"); four digits ungrouped
    ("48.90", "48.9"),          # no trailing zeros
    ("150", "150"),
    ("-0.4", "-0.4"),
    ("1685000", "1,685,000"),
    ("0.005", "0.01"),
])
def test_a_number_labelled_on_a_chart_is_rounded_as_the_tables_round_it(value, label):
    from decimal import Decimal

    from plantrack.numbers import fmt_label

    assert fmt_label(Decimal(value)) == label
