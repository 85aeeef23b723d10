"""Issue 30, item 5: a number shown beside a status word never reads as contradicting it.

The decision (decisions.md, "Shown precision beside a status word"): where rounding to the usual places (2 for
rates and ratios) would read across what the word says, as many places as it takes, at most 4, then a bound
("<6.00"). The pace ratio is shown with 2 decimals or the 4 its status is decided on. Every expected text
below is worked by hand next to it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from plantrack.numbers import OUT_OF_RANGE, beside, carried

D = Decimal

# --- the rule, by hand ----------------------------------------------------------------------------------------
# (x, edges (threshold, word says at or above), usual places, every place or 2-or-4, the text shown)
BESIDE = [
    # The issue's rate: 5.99674… against 6 not met. 2 places: 6.00 ≥ 6 reads met; 3 places: 5.997 < 6.
    ("5.99674306", ((D(6), False),), 2, True, "5.997"),
    # Met with room: 6.004 → 6.00 ≥ 6, as the word says.
    ("6.004", ((D(6), True),), 2, True, "6.00"),
    # 5.99999 not met: 6.00, 6.000 and 6.0000 all read met; the bound says the side.
    ("5.99999", ((D(6), False),), 2, True, "<6.00"),
    # The issue's R: 0.999457 beside 基本实现 (≥ 0.95, < 1). 2 places: 1.00 reads met; R takes 2 or 4: 0.9995.
    ("0.999457", ((D("0.95"), True), (D(1), False)), 2, False, "0.9995"),
    # Issue 15, item 3: 0.9496 beside 滞后: 0.95 would read on track; 4 places 0.9496.
    ("0.9496", ((D("0.95"), False),), 2, False, "0.9496"),
    # 0.94495 beside 滞后: 2 places, half-up once from the exact value: 0.94 < 0.95. Nothing more needed.
    ("0.94495", ((D("0.95"), False),), 2, False, "0.94"),
    # 0.99995 beside 基本实现 at the end: 1.00 and 1.0000 both read met: the bound.
    ("0.99995", ((D(1), False), (D("0.95"), True)), 2, False, "<1.00"),
    # 1.04996 is 1.0500 to 4 places, so 快于预期 (≥ 1.05): 1.05 at 2 places is on that side.
    ("1.04996", ((D("1.05"), True),), 2, False, "1.05"),
    # 1.04994 is 1.0499, 符合预期: 1.05 reads ahead; 4 places 1.0499.
    ("1.04994", ((D("1.05"), False),), 2, False, "1.0499"),
    # A completion of 99.6 % against 100 not met, usually whole: 100 reads met; 1 place 99.6.
    ("99.6", ((D(100), False),), 0, True, "99.6"),
    ("99.96", ((D(100), False),), 0, True, "99.96"),
    ("99.9999", ((D(100), False),), 0, True, "99.9999"),
    ("99.99999", ((D(100), False),), 0, True, "<100"),
    # A threshold with more decimals than 4 places can show: the bound, > when above it, ≥ when on it.
    ("0.9500051", ((D("0.950005"), True),), 2, True, ">0.950005"),
    ("0.950005", ((D("0.950005"), True),), 2, True, "≥0.950005"),
    # -0.004 below 0: -0.00 would read at 0 (-0.00 ≥ 0); 3 places -0.004.
    ("-0.004", ((D(0), False),), 2, True, "-0.004"),
    # No edge: the usual places.
    ("1.2", (), 2, True, "1.20"),
    ("2.345", (), 2, True, "2.35"),
]


@pytest.mark.parametrize("x, edges, places, every, shown", BESIDE)
def test_beside_shows_as_many_places_as_the_word_needs(x, edges, places, every, shown):
    assert beside(D(x), edges, places, every) == shown


def test_beside_without_a_number_or_out_of_range():
    assert beside(None, ((D(6), False),)) == "—"
    assert beside(D("1e16"), ((D(6), False),)) == OUT_OF_RANGE


# carried: the same rule for a line of working and for JSON/CSV's data: 4 places, more where needed, no cap.
CARRIED = [
    ("0.99995", ((D(1), False),), "0.99995"),
    ("0.9995", ((D(1), False),), "0.9995"),
    ("5.999999", ((D(6), False),), "5.999999"),
    ("2.5", (), "2.5000"),
    ("6", ((D(6), True),), "6.0000"),
]


@pytest.mark.parametrize("x, edges, shown", CARRIED)
def test_carried_keeps_going_past_four_places(x, edges, shown):
    assert carried(D(x), edges) == shown


# --- the issue's plan, through the CLI ------------------------------------------------------------------------

PLAN = """\
[plan]
id = "p"
name = "测试规划"
start = 2021
end = 2025
base_year = 2020

[[indicators]]
id = "fiscal"
no = 1
name = "财政总收入年均增长率"
attribute = "expected"
kind = "annual_rate"
direction = "increase"
unit = "%"
target = 6
value_unit = "万元"

[[indicators]]
id = "tc"
no = 2
name = "累计增长"
attribute = "expected"
kind = "total_change"
direction = "increase"
unit = "%"
target = 20
value_unit = "万元"

[[indicators]]
id = "cum"
no = 3
name = "累计投资"
attribute = "expected"
kind = "cumulative"
unit = "亿元"
target = 100
"""


def _actual(ind: str, year: int, value: str, unit: str) -> str:
    return f'[{ind}.{year}]\nvalue = {value}\nunit = "{unit}"\nsource = "s"\n\n'


ACTUALS = (_actual("fiscal", 2020, "100000", "万元") + _actual("fiscal", 2025, "133802", "万元")
           + _actual("tc", 2020, "100", "万元") + _actual("tc", 2025, "119.999", "万元")
           + _actual("cum", 2021, "99.6", "亿元"))


@pytest.fixture
def issue_plan(tmp_path: Path) -> Path:
    folder = tmp_path / "plans" / "p"
    folder.mkdir(parents=True)
    (folder / "plan.toml").write_text(PLAN, encoding="utf-8")
    (folder / "actuals.toml").write_text(ACTUALS, encoding="utf-8")
    return tmp_path / "plans"


# Worked by hand, as of 2025 (B = 2020, N = 5):
#  fiscal: a = (133802 / 100000)^(1/5) − 1 = 5.996743 %  (1.0599674^5 = 1.33802; 1.06^5 = 1.3382256 > 1.33802, not
#          met); R = 5.996743 / 6 = 0.999457 → 0.9995 ≥ 0.95: 基本实现. Shown 5.997% (6.00% reads met) and
#          0.9995 (1.00 reads met). The projection is the 2025 level itself: 133802 万元.
#  tc:     c = 119.999 / 100 − 1 = 19.999 % < 20, not met; R = 19.999 × 5 / (20 × 5) = 0.99995 → 1.0000 ≥ 0.95:
#          基本实现. Shown 19.999% (20.00% reads met) and <1.00 (1.00 and 1.0000 read met). JSON: R 0.99995.
#  cum:    2021 only: S = 99.6, S / T = 99.6 %, R = 99.6 × 5 / (100 × 1) = 4.98: 期末数据缺失（截至 2021 年：快于预期）.
#          Shown (99.6%), not (100%).
TABLE = {
    "fiscal": ("5.997%", "0.9995", "基本实现"),
    "tc": ("19.999%", "<1.00", "基本实现"),
    "cum": ("99.6 (99.6%)", "4.98", "期末数据缺失（截至 2021 年：快于预期）"),
}


def test_the_issue_case_in_the_markdown_table(invoke, issue_plan):
    result = invoke("status", "--plans-dir", str(issue_plan), "--as-of", "2025", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    rows = {line.split(" | ")[1]: line.split(" | ") for line in result.stdout.splitlines() if line.startswith("| ")}
    # columns: 序号 指标 属性 目标 实际 数据年 应达 进度比 状态 期末预计 (the final evaluation: no 尚需每年)
    assert rows["财政总收入年均增长率"][4] == "5.997%" and rows["财政总收入年均增长率"][7] == "0.9995"
    assert rows["财政总收入年均增长率"][8] == "基本实现"
    assert rows["累计增长"][4] == "19.999%" and rows["累计增长"][7] == "&lt;1.00"  # Markdown's own escape of <
    assert rows["累计增长"][9].rstrip(" |") == "19.999%"  # the projection at the end year is the total change
    assert rows["累计投资"][4] == "99.6 (99.6%)"
    assert "6.00% |" not in result.stdout.split("\n| 1 |")[1].split(" | 2025 | ")[0]


def test_the_issue_case_in_the_terminal_table(invoke, issue_plan):
    result = invoke("status", "--plans-dir", str(issue_plan), "--as-of", "2025")
    assert result.exit_code == 0, result.stderr
    lines = {name: next(line for line in result.stdout.splitlines() if name in line)
             for name in ("财政总收入年均增长率", "累计增长", "累计投资")}
    for name, ind in (("财政总收入年均增长率", "fiscal"), ("累计增长", "tc"), ("累计投资", "cum")):
        actual, pace, word = TABLE[ind]
        cells = [c.strip() for c in lines[name].split("  ") if c.strip()]
        assert actual in cells and pace in cells and word in cells, cells
    assert " 6.00% " not in lines["财政总收入年均增长率"].split("2025")[0]  # the actual is not 6.00%
    assert "1.00 " not in lines["财政总收入年均增长率"]


def test_the_issue_case_in_csv_and_json(invoke, issue_plan):
    out = invoke("status", "--plans-dir", str(issue_plan), "--as-of", "2025", "--format", "csv")
    assert out.exit_code == 0, out.stderr
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out.stdout))}
    # 4 places where they agree with the word (5.9967 < 6, 0.9995 < 1); more where 4 would read met.
    assert (rows["fiscal"]["actual"], rows["fiscal"]["pace_ratio"]) == ("5.9967", "0.9995")
    assert (rows["tc"]["actual"], rows["tc"]["pace_ratio"]) == ("19.9990", "0.99995")
    assert rows["cum"]["completion"] == "99.6000"
    text = invoke("status", "--plans-dir", str(issue_plan), "--as-of", "2025", "--format", "json").stdout
    (plan,) = json.loads(text, parse_float=D)["plans"]
    records = {r["id"]: r for r in plan["indicators"]}
    assert records["tc"]["pace_ratio"] == D("0.99995") and records["tc"]["status"] == "nearly_met"
    assert str(records["fiscal"]["actual"]) == "5.9967" and str(records["fiscal"]["pace_ratio"]) == "0.9995"


def test_the_issue_case_in_show(invoke, issue_plan):
    fiscal = invoke("show", "fiscal", "--plans-dir", str(issue_plan), "--as-of", "2025")
    assert fiscal.exit_code == 0, fiscal.stderr
    assert "a = (1.338020)^(1/5) − 1 = 5.997%" in fiscal.stdout
    assert "R = a / r = 5.9967 / 6 = 0.9995" in fiscal.stdout and "= 6.00%" not in fiscal.stdout
    tc = invoke("show", "tc", "--plans-dir", str(issue_plan), "--as-of", "2025")
    assert "c = 1.199990 → 19.999%" in tc.stdout
    assert "R = c / e = 19.9990 / 20.0000 = 0.99995" in tc.stdout
    assert "R = 0.99995 ≥ 0.95" in tc.stdout  # the reason line: never R = 1.0000 beside 目标未完全实现
    assert "= 20.00%" not in tc.stdout.split("e = C × k / N")[1].split("\n", 1)[1]  # the projection: 19.999%
    # The chart's 2025 row: the level 119.999 beside the schedule's 100 × 1.2 = 120, never both 120.00.
    assert re.search(r"^2025 .* 119\.999  120\.00$", tc.stdout, re.M), tc.stdout


def test_the_issue_case_in_the_markdown_report(invoke, issue_plan, tmp_path):
    target = tmp_path / "report.md"
    result = invoke("report", "--plans-dir", str(issue_plan), "--as-of", "2025", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert "| 5.997% |" in text and "| 0.9995 |" in text and "| &lt;1.00 |" in text
    assert "进度比 0.9995，基本实现" in text and "进度比 &lt;1.00，基本实现" in text
    assert "| 6.00% | 2025 |" not in text and "| 1.00 |" not in text
    # The paths table: the 2025 level 119.999 beside the schedule's 120 (100 × 1.2): never both 120.00.
    assert "| 2025 | 119.999 | 120.00 |" in text


def test_the_issue_case_in_the_status_workbook(invoke, issue_plan, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "进度表.xlsx"
    result = invoke("export", "--what", "status", "--format", "xlsx", "--as-of", "2025", "-o", str(out),
                    "--plans-dir", str(issue_plan))
    assert result.exit_code == 0, result.stderr
    ws = openpyxl.load_workbook(out).active
    # 序号 指标 属性 目标 实际 数据年 应达 进度比 状态 期末预计: the table's own cells, text, not re-rounded numbers.
    rows = {row[1]: row for row in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["财政总收入年均增长率"][4:9] == ("5.997%", "2025", "6.00%", "0.9995", "基本实现")
    assert rows["累计增长"][4:9] == ("19.999%", "2025", "20.00%", "<1.00", "基本实现")
    assert rows["累计投资"][4] == "99.6 (99.6%)"


# --- echoes for years before the plan ------------------------------------------------------------------------

ECHO = [
    # (year, value, the line): 2020 is the base year, 2019 history; neither carries the plan's verdict.
    ("2020", "100001", "fiscal 2020 = 100001 万元 · 基期数据，不作判断 · 已修订，旧值保存在修订记录中"),
    ("2019", "95000", "fiscal 2019 = 95000 万元 · 规划期前数据，不作判断"),
]


@pytest.mark.parametrize("year, value, line", ECHO)
def test_a_figure_before_the_period_is_echoed_without_a_verdict(invoke, issue_plan, year, value, line):
    result = invoke("record", "fiscal", year, value, "--unit", "万元", "--source", "s", "--force",
                    "--plans-dir", str(issue_plan))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == line
    assert "基本实现" not in result.stdout


def test_an_import_echo_of_base_year_rows_has_no_verdict(invoke, issue_plan, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.csv").write_text("indicator,year,value,unit,source\ncum,2020,5,亿元,s\ncum,2022,0.3,亿元,s\n",
                                     encoding="utf-8")
    result = invoke("import", "in.csv", "--plans-dir", str(issue_plan))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "cum 2020 = 5 亿元 · 基期数据，不作判断"
    # 2022, judged as of 2022: S = 99.6 + 0.3 = 99.9 < 100, S / T = 99.9 % (never 100%).
    assert lines[1].startswith("cum 2022 = 0.3 亿元 · 累计 99.9 亿元（完成 99.9%）· ")


def test_an_echo_in_the_period_keeps_its_verdict_with_the_rule(invoke, issue_plan):
    # 2025 is in the period: judged as the final evaluation, the average beside it by the rule (5.997%).
    result = invoke("record", "fiscal", "2025", "133802", "--unit", "万元", "--source", "s2", "--force",
                    "--plans-dir", str(issue_plan))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("fiscal 2025 = 133802 万元 · 年均 5.997% · 基本实现")


# --- a binding decline a hair short --------------------------------------------------------------------------

DECLINE = """\
[plan]
id = "d"
name = "下降"
start = 2021
end = 2025
base_year = 2020

[[indicators]]
id = "energy"
no = 1
name = "能耗下降"
attribute = "binding"
kind = "annual_rate"
direction = "decrease"
unit = "%"
target = 3
"""


def test_a_binding_decline_a_hair_short(invoke, tmp_path):
    # Declines of 2.9999 % each year 2021–2025: a = 2.9999 % (the same factor 0.970001 five times) < 3, so the
    # binding target is missed (0.970001^5 > 0.97^5). R = 2.9999 / 3 = 0.99996667: 1.00 and 1.0000 read as met,
    # so the bound <1.00; the actual 3.00 and 3.000 read as met, 2.9999 does not. CSV: R to 5 places, 0.99997.
    folder = tmp_path / "plans" / "d"
    folder.mkdir(parents=True)
    (folder / "plan.toml").write_text(DECLINE, encoding="utf-8")
    (folder / "actuals.toml").write_text("".join(f'[energy.{y}]\nrate = 2.9999\nsource = "s"\n\n'
                                                 for y in range(2021, 2026)), encoding="utf-8")
    plans = str(tmp_path / "plans")
    table = invoke("status", "--plans-dir", plans, "--lang", "en")
    assert table.exit_code == 0, table.stderr
    row = next(line for line in table.stdout.splitlines() if "能耗下降" in line)
    assert [c.strip() for c in row.split("  ") if c.strip()][4:9] == ["2.9999%", "2025", "3.00%", "<1.00", "missed"]
    data = next(csv.DictReader(io.StringIO(invoke("status", "--plans-dir", plans, "--format", "csv").stdout)))
    assert (data["actual"], data["pace_ratio"], data["status"]) == ("2.9999", "0.99997", "missed")
    show = invoke("show", "energy", "--plans-dir", plans, "--lang", "en")
    # The recorded rate as recorded (it was 1 − 3.00%), the average and R by the rule.
    assert "g2021 = 1 − 2.9999% = 0.970001  (recorded decline)" in show.stdout
    assert "− 1 = 2.9999% (decline)" in show.stdout and "R = a / r = 2.9999 / 3 = 0.99997" in show.stdout
