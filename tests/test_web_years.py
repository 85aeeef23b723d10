"""What the indicator page offers agrees with what `record` accepts and `status` shows: the years in its form
are rules.recordable_years (a retired indicator's page offered 2025, then refused it with HTTP 400), a year no
plan can hold is refused in the same words in both languages by record, import and the page, and the page's
rows are the status table's columns (no 尚需每年 at the final evaluation)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import XKS, snapshot
from web_client import PLAN, client, hidden, text

FIXTURES = Path(__file__).parent / "fixtures"
FINAL = FIXTURES / "final" / "actuals-2022-2025.toml"


def offered(page: str) -> list[int]:
    select = page.split('<select name="year">', 1)[1].split("</select>", 1)[0]
    return [int(y) for y in re.findall(r">(\d{4})</option>", select)]


@pytest.fixture
def life(tmp_path: Path) -> Path:
    target = tmp_path / "plans"
    target.mkdir()
    shutil.copytree(FIXTURES / "life" / "life-14th", target / "life-14th")
    return target


# life-14th: 2021–2025, base year 2020. listings retired = 2024; digital first_year = 2023 (its own base 2022).
@pytest.mark.parametrize(("indicator", "years"), [
    ("projects", [2019, 2020, 2021, 2022, 2023, 2024, 2025]),   # base year − 1 to the end
    ("listings", [2019, 2020, 2021, 2022, 2023, 2024]),         # not after it was retired
    ("digital", [2021, 2022, 2023, 2024, 2025]),                # from its own base year − 1
])
def test_the_form_offers_only_years_the_indicator_may_be_recorded_in(life, indicator, years):
    page = client(life).get(f"/plan/life-14th/i/{indicator}").text
    assert offered(page) == years


def test_a_year_after_retirement_is_refused_by_record_and_not_offered(life, invoke):
    before = snapshot(life)
    cli = invoke("record", "listings", "2025", "3", "--source", "x", "--plans-dir", str(life))
    assert cli.exit_code == 2 and "指标已于 2024 年停用" in cli.stderr
    assert 2025 not in offered(client(life).get("/plan/life-14th/i/listings").text)
    assert snapshot(life) == before


# rules.year_problem, written out by hand: xiaokunshan-14th is 2021–2025 with 20 years of history (2001–).
OUTSIDE = ("年份 2099 不在本规划可记录的范围 2001–2025（规划期 2021–2025），请给出 2001–2025 之间的年份 / year 2099 is "
           "outside the years plan xiaokunshan-14th can hold, 2001–2025 (period 2021–2025): give a year from 2001 "
           "to 2025")


def one_line(s: str) -> str:
    return " ".join(s.split())


def test_a_year_outside_the_plan_is_refused_in_both_languages_everywhere(plans_dir, invoke, tmp_path):
    before = snapshot(plans_dir)
    cli = invoke("record", "value-added-growth", "2099", "500000", "--unit", "万元", "--source", "x",
                 "--plans-dir", str(plans_dir))
    assert cli.exit_code == 2 and OUTSIDE in one_line(cli.stderr)
    csv = tmp_path / "a.csv"
    csv.write_text("indicator,year,value,rate,unit,source,note\nvalue-added-growth,2099,500000,,万元,x,\n",
                   encoding="utf-8")
    imported = invoke("import", str(csv), "--plans-dir", str(plans_dir))
    assert imported.exit_code == 1 and OUTSIDE in one_line(imported.stderr)
    browser = client(plans_dir)
    page = browser.get(f"/plan/{PLAN}/i/value-added-growth").text
    sent = browser.post(f"/plan/{PLAN}/i/value-added-growth/record", data={
        "csrf": hidden(page, "csrf"), "fingerprint": hidden(page, "fingerprint"), "indicator": "value-added-growth",
        "year": "2099", "value": "500000", "unit": "万元", "source": "x"})
    assert sent.status_code == 400 and OUTSIDE in one_line(text(sent.text))
    assert snapshot(plans_dir) == before


def rows(page: str) -> list[str]:
    table = page.split('<table id="verdict">', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<th>([^<]*)</th>", table)


def test_the_page_has_no_needed_per_year_row_at_the_final_evaluation(plans_dir):
    mid = client(plans_dir).get(f"/plan/{PLAN}/i/value-added-growth").text   # as of 2021: mid-term
    assert rows(mid) == ["目标", "实际", "数据年", "应达", "进度比", "状态", "尚需每年", "期末预计"]
    actuals = plans_dir / XKS / "actuals.toml"
    actuals.write_text(actuals.read_text(encoding="utf-8") + FINAL.read_text(encoding="utf-8"), encoding="utf-8")
    final = client(plans_dir).get(f"/plan/{PLAN}/i/value-added-growth").text   # as of 2025: final
    assert rows(final) == ["目标", "实际", "数据年", "应达", "进度比", "状态", "期末预计"]
    assert "尚需每年" not in text(final)
