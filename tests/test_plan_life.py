"""Indicators added or retired mid-plan (issue 30, item 2): `first_year` and `retired` with `retired_reason`.

The fixture tests/fixtures/life/life-14th (2021–2025, N = 5), worked by hand (docs/progress.md, "Indicators added
or retired mid-plan"):

listings (科创企业上市, cumulative 6 家, retired = 2024), recorded 1, 1, 0, 1:
  2022: S = 2, R = 2 × 5 / (6 × 2) = 0.8333, behind.        2023: S = 2, R = 2 × 5 / (6 × 3) = 0.5556, far behind.
  from 2024 on: retired, its last judgement as of 2024: S = 3, R = 3 × 5 / (6 × 4) = 0.6250, behind; shown apart
  and not counted.
digital (数字经济核心产业增加值占比, level ≥ 12%, first_year = 2023): its base year is 2022 (V_B = 8), N = 2025 − 2022 = 3.
  2022: not added yet (no data, nothing missing).
  2023: n = 1, E = 8 + (12 − 8) × 1 / 3 = 9.3333, R = (9 − 8) / (9.3333 − 8) = 0.75, behind;
        required (12 − 9) / 2 = 1.50.
  2024: n = 2, E = 8 + 4 × 2 / 3 = 10.6667, R = 2.5 / 2.6667 = 0.9375, behind.
projects: as in tests/test_adjustments.py (120 from 2023): 2024 S = 90, R = 90 × 5 / (120 × 4) = 0.9375, behind.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from test_check import assert_no_crash, assert_one_finding, edited_plan

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "life"
PID = "life-14th"
NOTE_ZH = "2. 科创企业上市 已停用（2024 年）：松府〔2024〕3号：不再考核；最后一次评估（截至 2024 年）：滞后（不计入汇总）"
NOTE_EN = ("2. Listings (科创企业上市) retired (2024): 松府〔2024〕3号：不再考核; last judgement (as of 2024): behind "
           "(not counted)")


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "plans")
    return tmp_path / "plans"


def run(invoke, plans: Path, *args: str):
    result = invoke(*args, "--plans-dir", str(plans), "--plan", PID)
    assert_no_crash(result)
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


# as_of -> (summary line, the ids in the table, the retired note or None)
TABLE = {
    "2022": ("截至 2022 年（第 2 年，共 5 年）：符合预期 1 · 滞后 1 · 暂无数据 1", ["1", "2", "3"], None),
    "2023": ("截至 2023 年（第 3 年，共 5 年）：滞后 2 · 严重滞后 1", ["1", "2", "3"], None),
    "2024": ("截至 2024 年（第 4 年，共 5 年）：滞后 2", ["1", "3"], NOTE_ZH),
    "2025": ("期末评估 2025 年：基本实现 1 · 期末数据缺失 1", ["1", "3"], NOTE_ZH),
}


@pytest.mark.parametrize("as_of", TABLE)
def test_a_retired_indicator_leaves_the_table_and_the_counts_and_is_named_apart(invoke, plans, as_of):
    out = run(invoke, plans, "status", "--as-of", as_of)
    summary, shown, note = TABLE[as_of]
    assert summary in out
    rows = [line.split()[0] for line in out.splitlines() if line.strip()[:1].isdigit() and "  " in line.strip()]
    assert [r for r in rows if r in ("1", "2", "3")] == shown
    assert (note in out) if note else ("已停用" not in out)


@pytest.mark.parametrize(("as_of", "cells"), [
    ("2023", ("9", "2023", "9.33", "0.75", "滞后")),
    ("2024", ("10.5", "2024", "10.67", "0.94", "滞后")),
])
def test_an_added_indicator_is_judged_over_its_own_years(invoke, plans, as_of, cells):
    out = run(invoke, plans, "status", "--as-of", as_of)
    row = next(line for line in out.splitlines() if "数字经济核心产业增加值占比" in line)
    assert row.split()[5:10] == list(cells), row  # after 序号, name, 属性 and "≥ 12%"


def test_before_its_first_year_an_added_indicator_says_so(invoke, plans):
    out = run(invoke, plans, "show", "digital", "--as-of", "2022")
    assert "暂无数据：2023 年新增的指标，自该年起评估" in out
    assert "2021–2025" not in out.splitlines()[1] and "2023–2025，基期 2022" in out.splitlines()[1]


def test_status_json_lists_retired_indicators_apart_with_their_last_judgement(invoke, plans):
    plan = json.loads(run(invoke, plans, "status", "--as-of", "2025", "--format", "json"))["plans"][0]
    assert [r["id"] for r in plan["indicators"]] == ["projects", "digital"]
    assert {k: v for k, v in plan["counts"].items() if v} == {"nearly_met": 1, "no_final_data": 1}
    (listings,) = plan["retired_indicators"]
    assert (listings["id"], listings["status"], listings["data_year"], listings["actual"], listings["pace_ratio"],
            listings["retired"], listings["retired_reason"]) == (
        "listings", "behind", 2024, 3, 0.625, 2024, "松府〔2024〕3号：不再考核")
    digital = plan["indicators"][1]
    assert (digital["first_year"], digital["retired"], digital["expected"], digital["pace_ratio"]) == (
        2023, None, 10.6667, 0.9375)


def test_status_json_of_a_plan_with_retirements_validates_against_the_schema(invoke, plans):
    import jsonschema

    from conftest import REPO

    schema = json.loads((REPO / "schemas" / "status.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(run(invoke, plans, "status", "--as-of", "2024", "--format", "json")), schema)


def test_csv_has_a_line_for_the_retired_indicator_marked_by_its_year(invoke, plans):
    rows = list(csv.DictReader(io.StringIO(run(invoke, plans, "status", "--as-of", "2024", "--format", "csv"))))
    assert [(r["id"], r["status"], r["first_year"], r["retired"]) for r in rows] == [
        ("projects", "behind", "", ""), ("digital", "behind", "2023", ""), ("listings", "behind", "", "2024")]


def test_markdown_and_english_name_the_retired_indicator_apart(invoke, plans):
    markdown = run(invoke, plans, "status", "--as-of", "2024", "--format", "markdown")
    assert NOTE_ZH.replace("2. ", "2\\. ", 1) in markdown  # "2." escaped: it would start a Markdown list
    assert NOTE_EN in run(invoke, plans, "status", "--as-of", "2024", "--lang", "en")


def test_show_of_a_retired_indicator_gives_its_last_judgement_and_why(invoke, plans):
    out = run(invoke, plans, "show", "listings", "--as-of", "2025")
    assert "判断 (2024): 滞后" in out and "已停用（2024 年）：松府〔2024〕3号：不再考核" in out
    assert "R = 50.0000% / 80.0000% = 0.6250" in out


@pytest.mark.parametrize("suffix", ["md", "html"])
def test_the_report_works_and_names_the_added_and_the_retired(invoke, plans, suffix):
    out = plans / PID / f"r.{suffix}"
    run(invoke, plans, "report", "--as-of", "2025", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    for line in ("数字经济核心产业增加值占比：2023 年新增，自该年起评估（基期 2022 年）。",
                 "科创企业上市：已停用（2024 年）：松府〔2024〕3号：不再考核。",
                 "最后一次评估（截至 2024 年）：滞后（不计入汇总）"):
        assert line in text
    assert "### 2. 科创企业上市" not in text and "<h3>2. 科创企业上市" not in text  # no section of its own


def test_check_accepts_the_fixture(invoke):
    result = invoke("check", str(FIXTURE))
    assert_no_crash(result)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("✓ 1 个规划、3 个指标、12 条实际值，全部通过")


PLAN_TOML = FIXTURE / PID / "plan.toml"
RETIRED = 'retired = 2024\nretired_reason = "松府〔2024〕3号：不再考核"\n'

# (what is changed in plan.toml, line, col, field, a phrase of the message)
REFUSED = [
    pytest.param(("first_year = 2023", "first_year = 2021"), 42, 1, "indicators[digital].first_year",
                 "须在 2022–2025 之间", id="first-year-is-the-start"),
    pytest.param(("first_year = 2023", "first_year = 2026"), 42, 1, "indicators[digital].first_year",
                 "须在 2022–2025 之间", id="first-year-after-the-end"),
    pytest.param(("retired = 2024", "retired = 2026"), 31, 1, "indicators[listings].retired", "不在规划期",
                 id="retired-after-the-end"),
    pytest.param((RETIRED, "retired = 2024\n"), 31, 1, "indicators[listings].retired", "须写明原因",
                 id="retired-without-a-reason"),
    pytest.param((RETIRED, 'retired_reason = "x"\n'), 31, 1, "indicators[listings].retired_reason",
                 "只与 retired", id="a-reason-without-retired"),
    pytest.param(("first_year = 2023", "first_year = 2023\nretired = 2022\nretired_reason = \"x\""), 43, 1,
                 "indicators[digital].retired", "早于 first_year", id="retired-before-added"),
    pytest.param(("first_year = 2023", 'first_year = 2023\n\n[[indicators.adjustments]]\nyear = 2022\ntarget = 13\n'
                                       'source = "x"'), 45, 1, "indicators[digital].adjustments[1].year",
                 "早于该指标的第一个评估年", id="adjusted-before-added"),
    pytest.param((RETIRED, RETIRED + '\n[[indicators.adjustments]]\nyear = 2025\ntarget = 7\nsource = "x"\n'), 35, 1,
                 "indicators[listings].adjustments[1].year", "晚于该指标的停用年份", id="adjusted-after-retired"),
]


@pytest.mark.parametrize(("change", "line", "col", "field", "phrase"), REFUSED)
def test_check_refuses_a_wrong_first_year_or_retirement(invoke, tmp_path, change, line, col, field, phrase):
    path = edited_plan(tmp_path, PLAN_TOML, PID, *change)
    assert_one_finding(invoke("check", str(tmp_path)), path, line, col, field, phrase)


def test_check_refuses_a_figure_after_the_retirement_year(invoke, plans):
    actuals = plans / PID / "actuals.toml"
    actuals.write_text(actuals.read_text(encoding="utf-8") + "\n[listings.2025]\nvalue = 1\n", encoding="utf-8")
    assert_one_finding(invoke("check", str(plans)), actuals, 37, 1, "listings.2025", "指标已于 2024 年停用")


def test_record_refuses_a_figure_after_the_retirement_year_and_writes_nothing(invoke, plans):
    before = (plans / PID / "actuals.toml").read_bytes()
    result = invoke("record", "listings", "2025", "1", "--plans-dir", str(plans), "--plan", PID)
    assert_no_crash(result)
    assert result.exit_code == 2, result.stdout + result.stderr  # as record refuses any impossible figure
    assert "指标已于 2024 年停用" in result.stderr
    assert (plans / PID / "actuals.toml").read_bytes() == before


def test_recording_an_added_indicator_reads_its_own_base_year(invoke, plans):
    """The unused-figure warning looked for the plan's base year (2020), which an indicator added in 2023 never
    has: every figure it was given was said to be unjudgeable. Its base year is 2022 (recorded: 8)."""
    result = invoke("record", "digital", "2025", "11", "--source", "2025年统计公报", "--plans-dir", str(plans),
                    "--plan", PID)
    assert_no_crash(result)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "基期" not in result.stdout + result.stderr
    # 2025: E = 12, R = (11 − 8) / (12 − 8) = 0.75 < 0.95 at the end year: missed.
    assert "digital 2025 = 11 % · 11 % · 未实现" in result.stdout + result.stderr


def test_the_status_workbook_lists_the_retired_indicator_below_the_table(invoke, plans, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "进度表.xlsx"
    run(invoke, plans, "export", "--what", "status", "--format", "xlsx", "--as-of", "2025", "-o", str(out))
    ws = openpyxl.load_workbook(out).active
    assert [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)] == ["序号", "1", "3", None, NOTE_ZH]


def test_import_refuses_a_row_after_the_retirement_year_and_writes_nothing(invoke, plans, tmp_path):
    before = (plans / PID / "actuals.toml").read_bytes()
    rows = tmp_path / "rows.csv"
    rows.write_text("indicator,year,value,source\nlistings,2025,1,公报\ndigital,2025,11,公报\n", encoding="utf-8")
    result = invoke("import", str(rows), "--plans-dir", str(plans), "--plan", PID)
    assert_no_crash(result)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "指标已于 2024 年停用" in result.stdout + result.stderr
    assert (plans / PID / "actuals.toml").read_bytes() == before


def test_the_next_plan_leaves_out_the_retired_indicator_and_starts_from_the_adjusted_target(invoke, plans):
    import tomllib

    result = invoke("init", "life-15th", "--from", PID, "--plans-dir", str(plans))
    assert_no_crash(result)
    assert result.exit_code == 0, result.stdout + result.stderr
    made = tomllib.loads((plans / "life-15th" / "plan.toml").read_text(encoding="utf-8"))
    assert [(i["id"], i["target"]) for i in made["indicators"]] == [("projects", 120), ("digital", 12)]
    assert all("adjustments" not in i and "first_year" not in i for i in made["indicators"])
    # The echo says what became of the old plan's mid-plan changes, before the next step.
    assert ("  未带入已停用的指标 / left out, retired: 科创企业上市（2024 年停用）\n"
            "  目标按中期调整后的值照抄 / targets copied as adjusted: 重大项目投资 120") in result.stdout
    assert "亿元（原 100 亿元）\n  下一步：" in result.stdout
    # The new plan passes check once its placeholder is filled: no adjustment of the old period was carried
    # (a year 2023 adjustment would be outside 2026–2030), and listings' figures stay the old plan's.
    plan = plans / "life-15th" / "plan.toml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("（新规划文件名称及文号）", "松府〔2026〕1号"),
                    encoding="utf-8")
    checked = invoke("check", str(plans))
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith("✓ 2 个规划、5 个指标") and "life-15th" not in checked.stdout


def test_init_from_a_plan_without_mid_plan_changes_says_nothing_of_them(invoke, tmp_path):
    from conftest import BUNDLED, XKS

    shutil.copytree(BUNDLED, tmp_path / "plans")
    result = invoke("init", "next-15th", "--from", XKS, "--plans-dir", str(tmp_path / "plans"))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "停用" not in result.stdout and "调整" not in result.stdout


@pytest.mark.parametrize(("as_of", "code"), [("2023", 1), ("2024", 0)])
def test_fail_on_does_not_count_a_retired_indicator(invoke, plans, as_of, code):
    """listings with 0 in 2024: S = 2, R = 2 × 5 / (6 × 4) = 0.4167, far behind, but retired in 2024; in 2023
    (R = 0.5556) it was still in the plan. The other two are behind, not far behind, in both years."""
    actuals = plans / PID / "actuals.toml"
    text = actuals.read_text(encoding="utf-8")
    actuals.write_text(text.replace("[listings.2024]\nvalue = 1", "[listings.2024]\nvalue = 0"), encoding="utf-8")
    result = invoke("status", "--plans-dir", str(plans), "--plan", PID, "--as-of", as_of, "--fail-on", "far_behind")
    assert_no_crash(result)
    assert result.exit_code == code, result.stdout + result.stderr
    if as_of == "2024":
        assert "最后一次评估（截至 2024 年）：严重滞后（不计入汇总）" in result.stdout


def test_the_chart_of_an_added_indicator_starts_from_its_own_base_year(invoke, plans):
    pytest.importorskip("matplotlib", reason="the report extra")
    out = plans / PID / "r.html"
    run(invoke, plans, "report", "--as-of", "2024", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    digital = text[text.index('id="ind-digital"'):]
    digital = digital[:digital.index("</article>")]
    assert ">基期 2022</text>" in digital and ">基期 2020</text>" not in digital


def test_the_markdown_path_table_of_an_added_indicator_starts_at_its_own_base_year(invoke, plans):
    out = plans / PID / "r.md"
    run(invoke, plans, "report", "--as-of", "2024", "-o", str(out))
    part = out.read_text(encoding="utf-8").split("### 3. 数字经济核心产业增加值占比")[1]
    rows = [line for line in part.splitlines() if line.startswith("| 20")][:4]
    # E = 8 + (12 − 8) × j / 3: 8, 9.33, 10.67, 12.00 from the base year 2022 (the base year's point is the
    # recorded 8 itself); the recorded figures as recorded: 8, 9, 10.5.
    assert [r.split(" | ")[:3] for r in rows] == [["| 2022", "8", "8"], ["| 2023", "9", "9.33"],
                                                   ["| 2024", "10.5", "10.67"], ["| 2025", "", "12.00"]]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_word_and_pdf_show_the_retired_indicator_apart_with_its_last_judgement(invoke, plans, fmt):
    """As the Markdown and HTML reports do: not in the status table nor with a section of its own, named below
    the table with its last judgement (as of 2024: behind) and in the closing section."""
    pytest.importorskip("matplotlib", reason="the report extra")
    out = plans / PID / f"r.{fmt}"
    if fmt == "docx":
        docx = pytest.importorskip("docx", reason="the docx extra")
        run(invoke, plans, "report", "--as-of", "2025", "-o", str(out))
        document = docx.Document(str(out))
        table = [c.text for c in document.tables[0].columns[1].cells]
        assert table == ["指标", "重大项目投资", "数字经济核心产业增加值占比"]
        text = "\n".join(p.text for p in document.paragraphs)
    else:
        import subprocess

        from test_report_pdf import pdf_tools

        pdf_tools()
        run(invoke, plans, "report", "--as-of", "2025", "-o", str(out))
        raw = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, check=True, timeout=120)
        text = "".join(raw.stdout.decode().split())
    for line in (NOTE_ZH, "科创企业上市：已停用（2024 年）：松府〔2024〕3号：不再考核。"):
        assert (line if fmt == "docx" else "".join(line.split())) in text, line
    heading = "2. 科创企业上市 · Listings"
    assert (heading if fmt == "docx" else "".join(heading.split())) not in text  # no section of its own


@pytest.mark.parametrize(("indicator", "line"), [
    ("listings", "科创企业上市：已停用（2024 年）：松府〔2024〕3号：不再考核。"),
    ("digital", "数字经济核心产业增加值占比：2023 年新增，自该年起评估（基期 2022 年）。"),
])
def test_history_says_when_an_indicator_was_retired_or_added(invoke, plans, indicator, line):
    out = run(invoke, plans, "history", indicator)
    assert out.rstrip().endswith(line)  # under the table, in the report's words
