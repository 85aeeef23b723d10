"""The overview of many plans (issue 19, item 6; issue 26: one path): each plan judged once, the as-of year
checked before any plan is judged, the plans folder listed once, and a table written line by line
(overview.py, render/grid.py). Speed itself lives in benchmarks/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from plantrack import pool
from plantrack.render.grid import Column, Row, fold, table_lines
from rich.cells import cell_len


def make_plans(folder: Path, count: int) -> Path:
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "make_plans.py"), str(folder), str(count)],
                   check=True, capture_output=True)
    return folder


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_plans(tmp_path_factory.mktemp("many") / "plans", pool.PARALLEL_FROM + 10)


def test_a_refused_as_of_year_judges_no_plan_and_writes_nothing(invoke, generated, monkeypatch):
    import plantrack.overview as overview

    judged: list[str] = []
    real = overview.evaluate_plan
    monkeypatch.setattr(overview, "evaluate_plan", lambda plan, year: judged.append(plan.id) or real(plan, year))
    for fmt in ("table", "json", "csv"):
        result = invoke("status", "--plans-dir", str(generated), "--format", fmt, "--as-of", "2090")
        assert result.exit_code == 2 and result.stdout == ""
        assert "--as-of 2090" in result.stderr and "2021 to 2045" in result.stderr  # 2025 + AS_OF_AFTER_END (20)
    assert judged == []


@pytest.mark.parametrize("args", [[], ["--format", "json"], ["--matrix"], ["--plan", "town-00003-14th"]])
def test_the_plans_folder_is_listed_once_and_each_plan_judged_once(invoke, tmp_path, monkeypatch, args):
    import plantrack.contain as contain
    import plantrack.overview as overview

    plans = make_plans(tmp_path / "plans", 4)
    listed: list[Path] = []
    real_folders = contain.plan_folders
    monkeypatch.setattr(contain, "plan_folders", lambda d: listed.append(d) or real_folders(d))
    judged: list[str] = []
    real = overview.evaluate_plan
    monkeypatch.setattr(overview, "evaluate_plan", lambda plan, year: judged.append(plan.id) or real(plan, year))
    result = invoke("status", "--plans-dir", str(plans), *args)
    assert result.exit_code == 0, result.stderr
    assert listed == [plans]
    if args[:1] != ["--plan"]:
        assert judged == [f"town-0000{i}-14th" for i in range(4)]


# --- the table writer ----------------------------------------------------------------------------------------

def test_fold_breaks_at_spaces_and_cuts_a_long_word_by_cells():
    assert fold("小昆山镇 Xiaokunshan", 8) == ["小昆山镇", "Xiaokuns", "han"]
    assert fold("a b c", 3) == ["a b", "c"]
    assert all(cell_len(part) <= 5 for part in fold("十四五规划纲要主要指标", 5))


@pytest.mark.parametrize("width", [40, 60, 80, 200])
def test_table_lines_fit_the_width_and_fold_only_the_name(width):
    columns = [Column("规划", fold=True), Column("年份", right=True), Column("实现", right=True, style="green")]
    rows = [Row(["一个名字非常非常长的镇的十四五规划 with English", "2025", "3"]),
            Row(["短", "—", "有错误，请运行 plantrack check"], runs_from=2)]
    lines = ["".join(t for t, _ in line) for line in table_lines(columns, [(None, rows), ("closed", rows[:1])], width, lambda r: r)]
    assert lines[0] == "" and lines[1].startswith(" 规划")
    assert all(cell_len(line) <= width for line in lines), lines
    assert all(line == line.rstrip() for line in lines)  # no trailing blanks
    body = lines[3:]
    assert any(line.endswith("2025      3") for line in body)
    # The error words run over the status columns without widening them, folded where the room ends.
    assert "有错误，请运行plantrackcheck" in "".join("".join(body).split())
    assert lines[1].endswith("年份   实现")
    assert " closed" in lines  # a later section: a blank line, then its label


@pytest.mark.parametrize("folder", ["district", "generated"])
def test_the_json_written_plan_by_plan_is_one_json_document(invoke, folder, generated, tmp_path):
    """status --format json is written plan by plan as each is judged; its bytes are those of jsonout.dumps
    of the whole document (numbers exact), so it reads as one JSON value."""
    import json
    import shutil
    from decimal import Decimal

    from plantrack.render.jsonout import dumps

    plans = generated
    if folder == "district":
        plans = tmp_path / "plans"
        shutil.copytree(REPO / "tests" / "fixtures" / "district", plans)
    streamed = invoke("status", "--plans-dir", str(plans), "--format", "json", "--as-of", "2024")
    assert streamed.exit_code == 0, streamed.stderr
    document = json.loads(streamed.stdout, parse_float=Decimal)
    assert len(document["plans"]) == (pool.PARALLEL_FROM + 10 if folder == "generated" else 4)
    assert streamed.stdout == dumps(document) + "\n"


def test_a_refused_as_of_leaves_the_streamed_document_unwritten(invoke, generated):
    result = invoke("status", "--plans-dir", str(generated), "--format", "json", "--as-of", "2090")
    assert result.exit_code == 2 and result.stdout == ""
    assert "--as-of 2090" in result.stderr
