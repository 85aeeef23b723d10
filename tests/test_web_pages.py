"""The pages of `plantrack serve` (issue 33, item 1) say what the command line says: the overview, closed plans
apart, the matrix and the district roll-up as `status` prints them; a plan's status words; an indicator's
working and history; both languages; and each download is the file its command makes."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import REPO
from web_client import IND, PLAN, client, text

DISTRICT = REPO / "tests" / "fixtures" / "district"


def cells(page: str, table_id: str) -> list[list[str]]:
    body = page.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return [[text(c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


@pytest.fixture
def district(tmp_path):
    shutil.copytree(DISTRICT, tmp_path / "district")
    return tmp_path / "district"


def test_the_overview_lists_open_plans_then_closed_ones_the_matrix_and_the_roll_up(district):
    page = client(district).get("/").text
    opened, closed = page.split("已结束的规划", 1)
    assert "泗泾镇国民经济和社会发展第十四个五年规划主要指标" in opened and "佘山镇「十三五」" not in opened
    assert "佘山镇「十三五」规划主要指标" in closed
    assert "已实现 1 · 未实现 1" in " ".join(text(closed).split())
    assert cells(page, "matrix")[:3] == [
        ["指标", "佘山镇", "泗泾镇", "松江区", "小昆山"],
        ["固定资产投资", "已实现", "快于预期", "快于预期", "快于预期"],
        ["高新技术企业", "未实现", "滞后", "滞后", "快于预期"],
    ]
    assert ("松江区 固定资产投资 2023 年：本级 120 亿元（评估依据）；成员合计 85 亿元；差额 35 亿元；无当年数据：佘山镇"
            in text(page))


def test_a_plan_page_has_the_status_table_of_status(plans_dir):
    page = client(plans_dir).get(f"/plan/{PLAN}").text
    rows = cells(page, "status")
    assert rows[0][:4] == ["序号", "指标", "属性", "目标"]
    statuses = {r[0]: r[rows[0].index("状态")] for r in rows[1:]}
    assert statuses == {"1": "严重滞后", "2": "暂无数据", "3": "快于预期", "4": "快于预期", "5": "暂无数据",
                        "6": "暂无数据", "7": "暂无数据", "8": "提前实现", "9": "暂无数据", "10": "暂无数据",
                        "11": "暂无数据", "12": "暂无数据", "13": "暂无数据", "14": "暂无数据"}


def test_an_indicator_page_has_its_working_history_and_chart(plans_dir):
    page = client(plans_dir).get(f"/plan/{PLAN}/i/{IND}").text
    shown = text(page)
    # docs/progress.md: 489000 / 486600 = 1.004932, a = 0.49%, R = 0.4932 / 6 = 0.0822 → 严重滞后
    for line in ("g2021 = 489000 / 486600 = 1.004932（按水平值）", "a = (1.004932)^(1/1) − 1 = 0.49%",
                 "R = a / r = 0.4932 / 6 = 0.0822"):
        assert line in shown
    assert cells(page, "history")[-1][:3] == ["2021", "现值", "48.9 亿元, 来源 「小昆山镇十年发展成就巡礼」，2022 年（000_6c0d19344c58a255.txt）"]
    assert page.count('<polyline class="actual"') == 1 and page.count("<circle") == 2   # 2020 and 2021


def test_english_is_one_switch_away_and_stays_on(plans_dir):
    browser = client(plans_dir)
    zh = browser.get(f"/plan/{PLAN}/i/{IND}").text
    assert 'href="/plan/xiaokunshan-14th/i/value-added-growth?lang=en"' in zh
    en = browser.get(f"/plan/{PLAN}/i/{IND}?lang=en").text
    assert "<h1>Value added, average annual growth (增加值年均增长率)</h1>" in en
    assert 'id="status-word">far behind' in en
    assert 'href="/plan/xiaokunshan-14th?lang=en"' in en and ">中文</a>" in en


@pytest.mark.parametrize("name, magic, extra", [
    ("report.html", b"<!DOCTYPE html>", "report"), ("report.docx", b"PK", "docx"), ("report.pdf", b"%PDF", "pdf"),
    ("actuals.xlsx", b"PK", "xlsx"), ("status.xlsx", b"PK", "xlsx"),
    ("actuals.csv", "\ufeffplan,indicator".encode(), ""), ("status.csv", b"\xef\xbb\xbf", ""),
])
def test_each_download_is_the_file_its_command_makes(plans_dir, name, magic, extra):
    from plantrack.parts import missing

    if extra and missing([extra]):
        pytest.skip(f"the [{extra}] extra is not installed")
    got = client(plans_dir).get(f"/plan/{PLAN}/download/{name}")
    assert got.status_code == 200, text(got.text)[:500]
    assert got.content.startswith(magic)
    assert got.headers["content-disposition"] == f'attachment; filename="{PLAN}-{name}"'


def test_an_unknown_address_is_a_page_not_a_traceback(plans_dir):
    browser = client(plans_dir)
    for path, words in [("/nowhere", "没有这个页面"), ("/plan/no-such-plan", "no-such-plan"),
                        (f"/plan/{PLAN}/i/no-such-indicator", "no-such-indicator"),
                        (f"/plan/{PLAN}/download/plan.toml", "没有这个下载")]:
        got = browser.get(path)
        assert got.status_code in (400, 404) and words in text(got.text) and "Traceback" not in got.text, path


def test_a_closed_plan_has_no_recording_form(district):
    page = client(district).get("/plan/sheshan-13th/i/" + _first_indicator(district / "sheshan-13th")).text
    assert 'id="record"' not in page and "这个规划已结束，不在网页上记录" in page


def _first_indicator(folder) -> str:
    import tomllib

    return tomllib.loads((folder / "plan.toml").read_text(encoding="utf-8"))["indicators"][0]["id"]


def test_the_chart_names_its_lines_as_the_report_chart_does(plans_dir):
    """One name for one line wherever a clerk sees it (report/labels.CHART): in English too, where the page's
    projection line read "at the current pace" and the report's "projection"."""
    from plantrack.report.labels import CHART

    browser = client(plans_dir)
    for lang, query in (("zh", ""), ("en", "?lang=en")):
        page = browser.get(f"/plan/{PLAN}/i/{IND}{query}").text
        for kind in ("actual", "schedule", "needed", "projection"):
            assert f'<polyline class="{kind}" ' in page and f"<title>{CHART[lang][kind]}</title>" in page, (lang, kind)


def test_the_pdf_download_without_pango_is_the_commands_refusal_not_an_internal_error(plans_dir, monkeypatch):
    """WeasyPrint installed without its system library (the usual Windows case): the page says what `report
    --format pdf` says (which library, what else works), as a refusal, not a 500 "internal error"."""
    from test_parts import without_pango

    from plantrack.parts import missing

    if missing(["pdf"]):
        pytest.skip("the [pdf] extra is not installed")
    without_pango(monkeypatch, "cannot load library 'libpango-1.0-0'")
    got = client(plans_dir).get(f"/plan/{PLAN}/download/report.pdf")
    page = text(got.text)
    assert got.status_code != 500, page[:500]
    assert "PDF 需要系统库 Pango" in page and "libpango-1.0-0" in page and "--format docx" in page


@pytest.mark.parametrize("indicator, caption", [
    ("fixed-asset-investment", "累计（亿元）"),                # a five-year total: its running total, in its unit
    ("energy-intensity-decline", "指数（基期 2020 = 100）"),  # a rate without levels: an index, and its base year
    ("value-added-growth", "万元"),                          # a rate with levels: the levels' unit
])
def test_a_chart_says_what_its_numbers_are_in_the_same_words_on_the_page_and_in_the_report(plans_dir, indicator,
                                                                                            caption):
    from plantrack.parts import missing

    with (plans_dir / PLAN / "actuals.toml").open("a", encoding="utf-8") as actuals:  # a first year to draw
        actuals.write('\n[energy-intensity-decline.2021]\nrate = 2.5\nsource = "区统计局"\n'
                      '\n[fixed-asset-investment.2021]\nvalue = 32\nsource = "区统计局"\n')
    page = client(plans_dir).get(f"/plan/{PLAN}/i/{indicator}").text
    assert f">{caption}</text>" in page
    if missing(["report"]):
        pytest.skip("the [report] extra is not installed: the report's chart is not drawn")
    report = client(plans_dir).get(f"/plan/{PLAN}/download/report.html").text
    article = report[report.index(f'id="ind-{indicator}"'):]
    assert caption in article[:article.index("</article>")]
