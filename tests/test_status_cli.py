"""`plantrack status` at the CLI edge: exit code, stdout and stderr, on the bundled plan and on edited copies."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, XKS

SUMMARY_2021 = "截至 2021 年（第 1 年，共 5 年）：提前实现 1 · 快于预期 2 · 严重滞后 1 · 暂无数据 10"
IDS = [
    "value-added-growth", "fiscal-revenue-growth", "local-fiscal-revenue-growth", "industrial-output-growth",
    "energy-intensity-decline", "export-delivery-growth", "fixed-asset-investment",
    "industrial-fixed-asset-investment", "disposable-income-growth", "tech-listings", "net-new-high-tech",
    "new-strategic-emerging", "new-srdi", "new-modern-services",
]
NAMES = [
    "增加值年均增长率", "财政总收入年均增长率", "地方财政收入年均增长率", "工业总产值年均增长率", "产值能耗年均下降率",
    "出口拨交值年均增长率", "全社会固定资产投资", "工业固定资产投资", "城乡居民人均可支配收入增长率", "科创企业上市",
    "净增高新技术企业", "新增战略新兴企业", "新增专精特新企业", "新增规上现代服务业",
]
# The 2021 verdicts (progress.md worked examples): 1 far behind, 3 and 4 ahead, 8 achieved, the rest no data.
STATUS_2021 = {1: "far_behind", 3: "ahead", 4: "ahead", 8: "achieved"}
ZH = {"far_behind": "严重滞后", "ahead": "快于预期", "achieved": "提前实现", "no_data": "暂无数据", "behind": "滞后"}
EN = {"far_behind": "far behind", "ahead": "ahead", "achieved": "achieved early", "no_data": "no data"}
# Not ESC: a one-line field refuses control characters (issue 13, item 7); U+E0041 is escaped (item 8).
HOSTILE = "增加值[bold red]x[/]\U000e0041[31m红\u202e反\u200b|管"
HOSTILE_TOML = r"增加值[bold red]x[/]\U000E0041[31m红\u202e反\u200b|管"
HOSTILE_SHOWN = r"增加值[bold red]x[/]\U000e0041[31m红\u202e反\u200b|管"


def status_of(no: int) -> str:
    return STATUS_2021.get(no, "no_data")


def data_rows(stdout: str) -> list[list[str]]:
    """The table's data rows as whitespace-split cells (at COLUMNS=200 every row is one line)."""
    return [line.split() for line in stdout.splitlines() if line.split()[:1] and line.split()[0].isdigit()]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_actual(plans: Path, body: str, plan: str = XKS) -> None:
    with (plans / plan / "actuals.toml").open("a", encoding="utf-8") as f:
        f.write("\n" + body.strip() + "\n")


def add_second_plan(plans: Path, plan_id: str = "second-14th") -> None:
    shutil.copytree(plans / XKS, plans / plan_id)
    edit(plans / plan_id / "plan.toml", f'id = "{XKS}"', f'id = "{plan_id}"')


ENERGY_2021 = '[energy-intensity-decline.2021]\nrate = 2.0\nsource = "test"'


def assert_clean(result, code: int) -> None:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout + result.stderr


# ------------------------------------------------------------------------------------------- the bundled plan

def test_status_on_the_bundled_plan(invoke, plans_dir):
    result = invoke("status", "--plans-dir", str(plans_dir))
    assert_clean(result, 0)
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "小昆山镇「十四五」规划主要发展指标"
    assert lines[2].split() == ["序号", "指标", "属性", "目标", "实际", "数据年", "应达", "进度比", "状态", "尚需每年", "期末预计",
                                "把握"]
    rows = data_rows(result.stdout)
    assert [int(r[0]) for r in rows] == list(range(1, 15))
    assert [r[1] for r in rows] == NAMES
    for row in rows:
        assert ZH[status_of(int(row[0]))] in row, row
    assert rows[0] == ["1", "增加值年均增长率", "预期性", "年均", "6%", "0.49%", "2021", "6.00%", "0.08", "严重滞后",
                       "7.42%", "498718.96", "万元", "不太可能", "24%"]
    assert rows[2][5:10] == ["21.24%", "2021", "6.00%", "3.54", "快于预期"]
    assert rows[3][5:10] == ["24.46%", "2021", "6.00%", "4.08", "快于预期"]
    assert rows[7] == ["8", "工业固定资产投资", "预期性", "17", "亿元", "27.72", "(163%)", "2021", "3.40", "8.15",
                       "提前实现", "—", "138.60", "亿元", "很可能", "100%"]
    assert sum("暂无数据" in r for r in rows) == 10
    # The summary is the last line; nothing is stale, partial or alarming, so no footnotes.
    assert lines[-1] == SUMMARY_2021
    assert "‼" not in result.stdout


def test_status_json(invoke, plans_dir):
    result = invoke("status", "--plans-dir", str(plans_dir), "--format", "json", "--lang", "zh")
    assert_clean(result, 0)
    assert result.stderr == ""
    data = json.loads(result.stdout)["plans"][0]  # schema_version 2 (issue 19): one shape
    assert {"plan", "as_of", "start", "end", "indicators"} <= set(data)
    assert (data["plan"], data["as_of"], data["start"], data["end"]) == (XKS, 2021, 2021, 2025)
    inds = data["indicators"]
    assert [i["id"] for i in inds] == IDS
    assert [i["no"] for i in inds] == list(range(1, 15))
    # Status values are the English words whatever --lang says.
    assert [i["status"] for i in inds] == [status_of(n) for n in range(1, 15)]
    va = inds[0]
    assert (va["actual"], va["pace_ratio"], va["required"], va["status"]) == (0.4932, 0.0822, 7.4232, "far_behind")
    assert va["data_year"] == 2021 and va["warning"] is False and va["partial"] is False
    assert inds[7]["actual"] == 27.72 and inds[7]["status"] == "achieved"
    assert inds[1]["actual"] is None and inds[1]["data_year"] is None


def test_status_csv(invoke, plans_dir):
    result = invoke("status", "--plans-dir", str(plans_dir), "--format", "csv")
    assert_clean(result, 0)
    assert result.stderr == ""
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 14
    assert [r["id"] for r in rows] == IDS
    assert [r["name"] for r in rows] == NAMES
    assert [r["status"] for r in rows] == [status_of(n) for n in range(1, 15)]
    assert (rows[0]["actual"], rows[0]["pace_ratio"], rows[0]["required"]) == ("0.4932", "0.0822", "7.4232")
    assert {r["plan"] for r in rows} == {XKS} and {r["as_of"] for r in rows} == {"2021"}


def test_status_markdown(invoke, plans_dir):
    result = invoke("status", "--plans-dir", str(plans_dir), "--format", "markdown")
    assert_clean(result, 0)
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    header = lines.index("| 序号 | 指标 | 属性 | 目标 | 实际 | 数据年 | 应达 | 进度比 | 状态 | 尚需每年 | 期末预计 | 把握 |")
    assert lines[header + 1] == "|---:|---|---|---:|---:|---|---:|---:|---|---:|---:|---|"
    table = [line for line in lines[header + 2:] if line.startswith("|")]
    assert len(table) == 14
    for n, line in enumerate(table, 1):
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        assert len(cells) == 12 and cells[0] == str(n) and cells[1] == NAMES[n - 1]
        assert cells[8] == ZH[status_of(n)]
    assert SUMMARY_2021 in lines


def test_status_lang_en(invoke, plans_dir):
    result = invoke("status", "--plans-dir", str(plans_dir), "--lang", "en")
    assert_clean(result, 0)
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "Xiaokunshan Town 14th Five-Year Plan: main development indicators"
    assert lines[2].split() == ["No", "Indicator", "Type", "Target", "Actual", "Year", "Expected", "Pace", "Status",
                                "Needed/yr", "Projected", "Likelihood"]
    row1 = next(line for line in lines if line.lstrip().startswith("1  "))
    assert "Value added, average annual growth (增加值年均增长率)" in row1
    assert "far behind" in row1 and "expected" in row1 and "avg 6%" in row1
    row8 = next(line for line in lines if line.lstrip().startswith("8  "))
    assert "achieved early" in row8
    assert lines[-1] == "as of 2021 (year 1 of 5): achieved early 1 · ahead 2 · far behind 1 · no data 10"
    # Chinese appears only inside the bracketed original names.
    for zh_word in ("严重滞后", "快于预期", "提前实现", "暂无数据", "预期性", "约束性", "截至"):
        assert zh_word not in result.stdout


# ------------------------------------------------------------------------------------------- --as-of

def test_as_of_before_the_period_is_a_usage_error(invoke, plans_dir):
    result = invoke("status", "--plans-dir", str(plans_dir), "--as-of", "2020")
    assert_clean(result, 2)
    assert result.stdout == ""
    assert "2021–2025" in result.stderr and "2020" in result.stderr
    assert result.stderr.startswith("错误 / Error: ")


def test_as_of_after_the_end_is_the_final_evaluation(invoke, plans_dir):
    result = invoke("status", "--plans-dir", str(plans_dir), "--as-of", "2030")
    assert_clean(result, 0)
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    # Changed for issue 16 (decisions.md, "The final evaluation"): row 8, a total that reached its target in 2021,
    # is 已实现 at the final evaluation; rows 1, 3 and 4 have no end-year figure (期末数据缺失, with their 2021
    # judgement as detail); the ten with no data at all are listed as a gap.
    assert "期末评估 2025 年：已实现 1 · 期末数据缺失 3 · 暂无数据 10" in lines
    assert "已实现" in next(line for line in lines if line.lstrip().startswith("8  "))
    assert "期末数据缺失（截至 2021 年：严重滞后）" in next(line for line in lines if line.lstrip().startswith("1  "))
    # Every row's data are from 2021: marked stale, with the note saying what that means.
    with_data = [r for r in data_rows(result.stdout) if "2021" in r]
    assert [(r[0], r[r.index("2021") + 1]) for r in with_data] == [("1", "旧"), ("3", "旧"), ("4", "旧"), ("8", "旧")]
    assert lines[-1] == "旧 = 数据年份早于评估年份"
    data = json.loads(invoke("status", "--plans-dir", str(plans_dir), "--as-of", "2030", "--format", "json").stdout)["plans"][0]
    assert data["as_of"] == 2025
    assert [i["stale"] for i in data["indicators"] if i["data_year"]] == [True] * 4


def test_json_is_the_same_in_both_languages(invoke, plans_dir):
    zh = invoke("status", "--plans-dir", str(plans_dir), "--format", "json", "--lang", "zh")
    en = invoke("status", "--plans-dir", str(plans_dir), "--format", "json", "--lang", "en")
    assert_clean(en, 0)
    assert zh.stdout == en.stdout


def test_default_as_of_is_the_latest_year_with_data(invoke, plans_dir):
    default = invoke("status", "--plans-dir", str(plans_dir))
    explicit = invoke("status", "--plans-dir", str(plans_dir), "--as-of", "2021")
    assert_clean(default, 0)
    assert default.stdout == explicit.stdout
    add_actual(plans_dir, '[tech-listings.2023]\nvalue = 1\nunit = "家"\nsource = "test"')
    later = invoke("status", "--plans-dir", str(plans_dir), "--format", "json")
    assert_clean(later, 0)
    data = json.loads(later.stdout)["plans"][0]
    assert data["as_of"] == 2023
    tech = data["indicators"][9]
    assert (tech["id"], tech["data_year"], tech["partial"]) == ("tech-listings", 2023, True)
    assert tech["missing_years"] == [2021, 2022]
    assert data["indicators"][0]["stale"] is True


# ------------------------------------------------------------------------------------------- --fail-on

def test_fail_on_far_behind_exits_1_after_printing_the_table(invoke, plans_dir):
    result = invoke("status", "--plans-dir", str(plans_dir), "--fail-on", "far_behind")
    assert_clean(result, 1)
    # stderr names the plan and the indicators that failed (issue 16, item 3); stdout is the table alone.
    assert "xiaokunshan-14th" in result.stderr and "value-added-growth (far behind)" in result.stderr
    assert result.stdout.splitlines()[-1] == SUMMARY_2021
    assert len(data_rows(result.stdout)) == 14


def test_fail_on_behind_exits_1_and_binding_exits_0_on_the_bundled_plan(invoke, plans_dir):
    assert_clean(invoke("status", "--plans-dir", str(plans_dir), "--fail-on", "behind"), 1)
    # The only binding indicator (energy intensity) has no data in the period: nothing to fail on.
    binding = invoke("status", "--plans-dir", str(plans_dir), "--fail-on", "binding")
    assert_clean(binding, 0)
    assert binding.stderr == ""
    assert "‼" not in binding.stdout


def test_fail_on_binding_when_a_binding_indicator_is_behind(invoke, plans_dir):
    add_actual(plans_dir, ENERGY_2021)
    plain = invoke("status", "--plans-dir", str(plans_dir))
    assert_clean(plain, 0)
    result = invoke("status", "--plans-dir", str(plans_dir), "--fail-on", "binding")
    assert_clean(result, 1)
    assert "fails on: energy-intensity-decline (behind)" in result.stderr
    assert result.stdout == plain.stdout
    row5 = next(r for r in data_rows(result.stdout) if r[0] == "5")
    # R = 2.0 / 3 = 0.67: below the binding on-track line of 1.00 (no tolerance), above 0.60 -> 滞后.
    assert row5 == ["5", "‼", "产值能耗年均下降率", "约束性", "年均", "3%", "2.00%", "2021", "3.00%", "0.67", "滞后",
                    "⚠预警", "3.25%", "2.00%", "很难", "6%"]  # 把握 worked by hand: tests/test_render.py
    lines = result.stdout.splitlines()
    summary = lines.index("截至 2021 年（第 1 年，共 5 年）：提前实现 1 · 快于预期 2 · 滞后 1 · 严重滞后 1 · 暂无数据 9")
    assert lines[summary + 1] == "‼ 约束性指标未达进度：产值能耗年均下降率"
    assert sum("‼" in line for line in lines) == 2
    data = json.loads(invoke("status", "--plans-dir", str(plans_dir), "--format", "json").stdout)["plans"][0]
    energy = data["indicators"][4]
    assert (energy["pace_ratio"], energy["status"], energy["warning"]) == (0.6667, "behind", True)


# ------------------------------------------------------------------------------------------- several plans

def test_overview_when_the_folder_holds_several_plans(invoke, plans_dir):
    add_second_plan(plans_dir)
    add_actual(plans_dir, ENERGY_2021, plan="second-14th")
    result = invoke("status", "--plans-dir", str(plans_dir))
    assert_clean(result, 0)
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    # issue 19: short names (the region's last part) with the id beside them at this width, counts under short
    # words (only the statuses some plan has), a legend below
    header = next(line for line in lines if "规划" in line)
    assert header.split() == ["规划", "编号", "年份", "实现", "快", "滞后", "严滞", "暂无"]
    rows = [line.split() for line in lines if "-14th " in line]
    assert rows == [["小昆山镇", "(second-14th)", "second-14th", "2021", "1", "2", "1", "1", "9"],
                    ["小昆山镇", f"({XKS})", XKS, "2021", "1", "2", "·", "1", "10"]]
    assert "快=快于预期" in result.stdout and lines[-1].startswith("用 --plan 查看单个规划")
    assert "增加值年均增长率" not in result.stdout


def test_overview_formats_and_fail_on(invoke, plans_dir):
    add_second_plan(plans_dir)
    add_actual(plans_dir, ENERGY_2021, plan="second-14th")
    data = json.loads(invoke("status", "--plans-dir", str(plans_dir), "--format", "json").stdout)
    assert [(p["plan"], p["as_of"], p["counts"]["behind"], p["errors"]) for p in data["plans"]] == [
        ("second-14th", 2021, 1, []), (XKS, 2021, 0, [])]
    csv_out = invoke("status", "--plans-dir", str(plans_dir), "--format", "csv", "--lang", "en")
    assert_clean(csv_out, 0)
    rows = list(csv.reader(io.StringIO(csv_out.stdout)))
    # issue 19: one long table, a line per indicator of every plan, plan id first, English headers
    assert rows[0][:4] == ["plan", "as_of", "id", "no"]
    assert [r[0] for r in rows[1:]] == ["second-14th"] * 14 + [XKS] * 14
    md = invoke("status", "--plans-dir", str(plans_dir), "--format", "markdown").stdout.splitlines()
    assert md[1] == "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    assert md[2].startswith("| 小昆山镇 (second-14th) | second-14th | ") and len(md) == 4
    # --fail-on applies to every plan in the overview.
    assert_clean(invoke("status", "--plans-dir", str(plans_dir), "--fail-on", "binding"), 1)
    assert_clean(invoke("status", "--plans-dir", str(plans_dir), "--fail-on", "far_behind"), 1)
    shutil.rmtree(plans_dir / "second-14th")
    add_second_plan(plans_dir)
    assert_clean(invoke("status", "--plans-dir", str(plans_dir), "--fail-on", "binding"), 0)


def test_overview_lists_a_broken_plan_and_exits_1(invoke, plans_dir):
    add_second_plan(plans_dir)
    with (plans_dir / "second-14th" / "plan.toml").open("a", encoding="utf-8") as f:
        f.write("\nbroken = \n")
    result = invoke("status", "--plans-dir", str(plans_dir))
    assert_clean(result, 1)
    row = next(line for line in result.stdout.splitlines() if "second-14th" in line)
    assert "有错误，请运行 plantrack check" in row
    assert any(XKS in line and "2021" in line for line in result.stdout.splitlines())


def test_plan_option_picks_one_plan(invoke, plans_dir):
    add_second_plan(plans_dir)
    add_actual(plans_dir, ENERGY_2021, plan="second-14th")
    result = invoke("status", "--plans-dir", str(plans_dir), "--plan", "second-14th")
    assert_clean(result, 0)
    assert result.stderr == ""
    rows = data_rows(result.stdout)
    assert [r[0] for r in rows] == [str(n) for n in range(1, 15)]
    assert "‼" in next(r for r in rows if r[0] == "5")
    other = invoke("status", "--plans-dir", str(plans_dir), "--plan", XKS)
    assert other.stdout.splitlines()[-1] == SUMMARY_2021


def test_unknown_plan_suggests_the_nearest(invoke, plans_dir):
    add_second_plan(plans_dir)
    result = invoke("status", "--plans-dir", str(plans_dir), "--plan", "secnd-14th")
    assert_clean(result, 2)
    assert result.stdout == ""
    assert "'secnd-14th'" in result.stderr
    assert "did you mean second-14th?" in result.stderr
    assert "second-14th, xiaokunshan-14th" in result.stderr


# ------------------------------------------------------------------------------------------- plan text is data

@pytest.fixture
def hostile_dir(plans_dir: Path) -> Path:
    edit(plans_dir / XKS / "plan.toml", 'name = "增加值年均增长率"', f'name = "{HOSTILE_TOML}"')
    return plans_dir


def _no_raw_controls(text: str) -> None:
    assert "\x1b" not in text
    assert "\u202e" not in text
    assert "\u200b" not in text


def test_hostile_name_in_the_table(invoke, hostile_dir, monkeypatch):
    monkeypatch.setenv("COLUMNS", "240")  # room for the long English name on one line beside the 把握 column
    result = invoke("status", "--plans-dir", str(hostile_dir))
    assert_clean(result, 0)
    assert result.stderr == ""
    _no_raw_controls(result.stdout)
    row1 = next(line for line in result.stdout.splitlines() if line.lstrip().startswith("1  "))
    assert HOSTILE_SHOWN in row1
    assert "严重滞后" in row1
    en = invoke("status", "--plans-dir", str(hostile_dir), "--lang", "en")
    _no_raw_controls(en.stdout)
    assert f"Value added, average annual growth ({HOSTILE_SHOWN})" in en.stdout


def test_hostile_name_in_markdown(invoke, hostile_dir):
    result = invoke("status", "--plans-dir", str(hostile_dir), "--format", "markdown")
    assert_clean(result, 0)
    _no_raw_controls(result.stdout)
    from plantrack.text import md  # the one Markdown escaper: brackets, backslashes and the pipe escaped

    cell = md(HOSTILE)
    assert cell == HOSTILE_SHOWN.replace("\\", "\\\\").replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")
    assert f"| 1 | {cell} | 预期性 |" in result.stdout
    assert "\\[bold red\\]x\\[/\\]" in result.stdout
    table = [line for line in result.stdout.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert len(table) == 14
    # The escaped pipe keeps the row at 12 cells.
    assert len(table[0].replace("\\|", "").strip("|").split(" | ")) == 12


def test_hostile_name_in_csv_and_json_is_kept_exactly(invoke, hostile_dir):
    csv_out = invoke("status", "--plans-dir", str(hostile_dir), "--format", "csv")
    assert_clean(csv_out, 0)
    rows = list(csv.DictReader(io.StringIO(csv_out.stdout)))
    assert len(rows) == 14 and rows[0]["name"] == HOSTILE
    json_out = invoke("status", "--plans-dir", str(hostile_dir), "--format", "json")
    assert_clean(json_out, 0)
    assert "\x1b" not in json_out.stdout  # JSON escapes control characters
    assert json.loads(json_out.stdout)["plans"][0]["indicators"][0]["name"] == HOSTILE


def test_hostile_plan_title(invoke, plans_dir):
    edit(plans_dir / XKS / "plan.toml", 'name = "小昆山镇「十四五」规划主要发展指标"',
         r'name = "[link=http://x]规划[/link]\u206a]0;title\U000E007F"')  # controls: refused
    for fmt in ("table", "markdown"):
        result = invoke("status", "--plans-dir", str(plans_dir), "--format", fmt)
        assert_clean(result, 0)
        link = "[link=http://x]规划[/link]\\"
        assert (link if fmt == "table" else link.replace("[", "\\[").replace("]", "\\]")) in result.stdout
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_no_colour_codes_when_piped_even_without_no_color(invoke, plans_dir, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    add_actual(plans_dir, ENERGY_2021)  # a bold alarm row and styled words
    result = invoke("status", "--plans-dir", str(plans_dir))
    assert_clean(result, 0)
    assert "\x1b" not in result.stdout
    assert "‼ 约束性指标未达进度：产值能耗年均下降率" in result.stdout


def test_no_colour_codes_in_a_real_pipe(plans_dir):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "PLANTRACK_PLANS_DIR")}
    env["TERM"] = "xterm-256color"
    proc = subprocess.run([sys.executable, "-m", "plantrack", "status", "--plans-dir", str(plans_dir)],
                          capture_output=True, text=True, encoding="utf-8", cwd=str(REPO), env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "\x1b" not in proc.stdout
    # Piped: 80 columns, and the 84-cell summary wraps (render/wrap.py, issue 20).
    assert " ".join(SUMMARY_2021.split()) in " ".join(proc.stdout.split())


@pytest.mark.parametrize("variable,args,code,said", [
    ("elsewhere", [], 2, "规划目录 elsewhere 不存在"),   # the variable names the folder
    ("elsewhere", ["--plans-dir", "plans"], 0, ""),      # the option beats it
    ("", [], 0, ""),                                     # empty is unset: ./plans
])
def test_the_plans_dir_variable(invoke, plans_dir, monkeypatch, variable, args, code, said):
    # (Kept from the express lane's tests: its parser read the variable itself.)
    monkeypatch.chdir(plans_dir.parent)
    monkeypatch.setenv("PLANTRACK_PLANS_DIR", variable)
    result = invoke("status", *args)
    assert result.exit_code == code, result.stderr
    assert said in result.stderr
