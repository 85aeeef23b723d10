"""A retired indicator in the overview of many plans and in the matrix (issue 30, item 2).

Two plans side by side: tests/fixtures/adjust/adj-14th (projects, gdp) and tests/fixtures/life/life-14th
(projects, listings retired in 2024, digital added from 2023), worked by hand in tests/test_adjustments.py and
tests/test_plan_life.py. As of 2025:
  adj-14th: projects nearly met (118 of 120), gdp achieved; nothing retired.
  life-14th: projects nearly met, digital no final data (last figure 2024), listings retired in 2024 (its last
  judgement, as of 2024: behind), so counted in no status.
The matrix's listings cell for life-14th was "·" (该规划无此指标 / not in this plan): the plan has it, retired.
As of 2023 listings is still in force: judged (far behind, R = 0.5556) like any other.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from test_check import assert_no_crash

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    target = tmp_path / "plans"
    shutil.copytree(FIXTURES / "adjust", target)
    shutil.copytree(FIXTURES / "life" / "life-14th", target / "life-14th")
    return target


def run(invoke, plans: Path, *args: str) -> str:
    result = invoke("status", "--plans-dir", str(plans), *args)
    assert_no_crash(result)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stderr == ""
    return result.stdout


def words(out: str, first: str) -> list[str]:
    return next(line.split() for line in out.splitlines() if line.split()[:1] == [first])


# --- the matrix --------------------------------------------------------------------------------------------------

def test_the_matrix_at_a_terminal_shows_a_retired_cell_as_retired_with_a_legend(invoke, plans):
    out = run(invoke, plans, "--matrix", "--as-of", "2025")
    assert words(out, "规划") == ["规划", "1", "2", "3", "4"]
    assert words(out, "调整示例") == ["调整示例", "基本", "实现", "·", "·"]
    assert words(out, "增删示例") == ["增删示例", "基本", "·", "缺期末", "停用"]
    assert "4=科创企业上市" in out
    assert "·=该规划无此指标" in out and "停用=该规划已停用此指标（不计入汇总）" in out
    english = run(invoke, plans, "--matrix", "--as-of", "2025", "--lang", "en")
    assert words(english, "增删示例") == ["增删示例", "near", "·", "nofin", "ret"]
    assert "ret=retired in this plan (not counted)" in english


def test_before_its_retirement_the_indicator_is_judged_in_the_matrix_and_no_legend_speaks_of_it(invoke, plans):
    out = run(invoke, plans, "--matrix", "--as-of", "2023")
    assert words(out, "增删示例") == ["增删示例", "滞后", "·", "严滞", "滞后"]  # projects, gdp, listings, digital
    assert "停用" not in out


def test_the_matrix_in_markdown_says_when_it_was_retired(invoke, plans):
    out = run(invoke, plans, "--matrix", "--as-of", "2025", "--format", "markdown")
    assert out.splitlines()[0] == "| 规划 | 重大项目投资 | 地区生产总值增长 | 数字经济核心产业增加值占比 | 科创企业上市 |"
    assert "| 增删示例 | 基本实现 | · | 期末数据缺失 | 已停用（2024 年） |" in out
    assert "| 调整示例 | 基本实现 | 已实现 | · | · |" in out
    english = run(invoke, plans, "--matrix", "--as-of", "2025", "--format", "markdown", "--lang", "en")
    assert "| 增删示例 | nearly met | · | no final data | retired (2024) |" in english


def test_the_matrix_csv_and_json_mark_the_cell_retired_and_json_gives_the_year_and_last_judgement(invoke, plans):
    rows = list(csv.reader(io.StringIO(run(invoke, plans, "--matrix", "--as-of", "2025", "--format", "csv"))))
    assert rows == [["plan", "short_name", "projects", "gdp", "digital", "listings"],
                    ["adj-14th", "调整示例", "nearly_met", "achieved", "", ""],
                    ["life-14th", "增删示例", "nearly_met", "", "no_final_data", "retired"]]
    data = json.loads(run(invoke, plans, "--matrix", "--as-of", "2025", "--format", "json"))
    life = data["plans"][1]
    assert life["cells"] == {"projects": "nearly_met", "gdp": "", "digital": "no_final_data", "listings": "retired"}
    assert life["retired"] == {"listings": {"year": 2024, "last_status": "behind"}}
    assert data["plans"][0]["retired"] == {}


def test_the_district_report_and_the_web_page_show_the_retired_cell(invoke, plans, tmp_path):
    pytest.importorskip("matplotlib", reason="the report extra")
    out = tmp_path / "d.md"
    result = invoke("report", "--plans-dir", str(plans), "--all", "--as-of", "2025", "-o", str(out))
    assert_no_crash(result)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "| 增删示例 | 基本实现 | · | 期末数据缺失 | 已停用（2024 年） |" in out.read_text(encoding="utf-8")
    html = tmp_path / "d.html"
    assert invoke("report", "--plans-dir", str(plans), "--all", "--as-of", "2025", "-o", str(html)).exit_code == 0
    assert '<td class="s-retired" data-status="retired">已停用（2024 年）</td>' in html.read_text(encoding="utf-8")

    from plantrack.overview import load_all, rows
    from plantrack.web.data import matrix_view

    view = matrix_view(list(rows(load_all(plans, ["adj-14th", "life-14th"]), 2025)), "zh")
    assert dict(view.rows)["科创企业上市"] == [("", "·"), ("retired", "已停用（2024 年）")]


# --- the overview ----------------------------------------------------------------------------------------------

def test_the_overview_counts_retired_indicators_in_a_column_of_their_own(invoke, plans):
    out = run(invoke, plans, "--as-of", "2025")  # 200 columns: the id beside the name
    assert words(out, "规划") == ["规划", "编号", "年份", "实现", "基本", "缺期末", "停用"]
    assert words(out, "调整示例") == ["调整示例", "adj-14th", "2025", "1", "1", "·", "·"]
    assert words(out, "增删示例") == ["增删示例", "life-14th", "2025", "·", "1", "1", "1"]
    assert "停用=已停用的指标数（不计入各状态统计）" in out
    assert "停用" not in run(invoke, plans, "--as-of", "2023")  # nothing retired yet: no such column


def test_the_markdown_overview_has_the_retired_column(invoke, plans):
    out = run(invoke, plans, "--as-of", "2025", "--format", "markdown")
    lines = out.splitlines()
    assert lines[0] == "| 规划 | 编号 | 名称 | 年份 | 已实现 | 基本实现 | 未实现 | 期末数据缺失 | 暂无数据 | 已停用 |"
    assert lines[1] == "|---|---|---|---:|---:|---:|---:|---:|---:|---:|"
    assert lines[3] == "| 增删示例 | life-14th | 增删示例 | 2025 | 0 | 1 | 0 | 1 | 0 | 1 |"
    english = run(invoke, plans, "--as-of", "2025", "--format", "markdown", "--lang", "en")
    assert english.splitlines()[0].endswith("| retired |")


def test_a_plan_with_errors_beside_a_retirement_keeps_its_row_in_shape(invoke, plans):
    (plans / "broken-14th").mkdir()
    (plans / "broken-14th" / "plan.toml").write_text("[plan]\n", encoding="utf-8")
    result = invoke("status", "--plans-dir", str(plans), "--as-of", "2025", "--format", "markdown")
    assert_no_crash(result)
    assert result.exit_code == 1
    row = next(line for line in result.stdout.splitlines() if "broken-14th" in line)
    assert row == "| broken-14th | broken-14th |  | — | 有错误 |  |  |  |  |  |"  # ten cells, as the header


def test_the_web_overview_counts_the_retired_indicator_apart(plans):
    from plantrack.web.data import overview

    lines = {line.id: line.counts for line in overview(plans, "zh").open_plans}
    assert lines["life-14th"] == [("nearly_met", "基本实现", 1), ("no_final_data", "期末数据缺失", 1),
                                  ("retired", "已停用", 1)]
    assert lines["adj-14th"] == [("achieved", "已实现", 1), ("nearly_met", "基本实现", 1)]


@pytest.mark.parametrize(("args", "legend"), [
    (["--matrix", "--as-of", "2025"], "停用=该规划已停用此指标（不计入汇总）"),
    (["--matrix", "--as-of", "2025", "--lang", "en"], "ret=retired in this plan (not counted)"),
    (["--as-of", "2025"], "停用=已停用的指标数（不计入各状态统计）"),
    (["--as-of", "2025", "--lang", "en"], "ret=indicators retired (in no count)"),
])
def test_the_retired_legend_is_whole_at_60_columns(invoke, plans, monkeypatch, args, legend):
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "60")
    out = run(invoke, plans, *args)
    assert legend in out and "…" not in out
    assert max(cell_len(line) for line in out.splitlines()) <= 60
