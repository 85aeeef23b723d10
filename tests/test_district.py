"""Many plans side by side (issue 19): three town plans and a district (members, rollup, different indicator
sets, one closed plan) in tests/fixtures/district/."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import jsonschema
import pytest
from conftest import REPO

FIXTURE = REPO / "tests" / "fixtures" / "district"
SHORT = {"songjiang": "松江区", "xiaokunshan": "小昆山", "sijing": "泗泾镇", "sheshan-13th": "佘山镇"}



@pytest.fixture
def district(tmp_path: Path) -> Path:
    target = tmp_path / "plans"
    shutil.copytree(FIXTURE, target)
    return target


def run(*args: str, columns: int = 200, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1"}
    env.pop("PLANTRACK_PLANS_DIR", None)
    exe = Path(sys.executable).parent / "plantrack"
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, timeout=300, cwd=cwd)


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@pytest.mark.parametrize("columns", [60, 80, 200])
def test_the_overview_fits_the_terminal_and_tells_every_plan_apart(district, columns):
    result = run("status", "--plans-dir", str(district), columns=columns)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(cells(line) for line in lines) <= columns
    for plan_id, name in SHORT.items():
        rows = [line for line in lines if line.lstrip().startswith(name + " ") and "：" not in line]
        assert len(rows) == 1, (name, result.stdout)
    assert "…" not in "".join(lines[:8]), result.stdout  # no cut name, no cut header
    # counts under short words, each explained below the table
    assert "滞后" in lines[1] and "快=快于预期" in result.stdout


def test_closed_plans_are_set_apart(district):
    out = run("status", "--plans-dir", str(district)).stdout
    lines = out.splitlines()
    # The table only: the roll-up lines below it also start with a plan's short name.
    lines = lines[:next(i for i, l in enumerate(lines) if "=" in l)]
    marker = next(i for i, l in enumerate(lines) if "已结束 / closed" in l)
    sheshan = next(i for i, l in enumerate(lines) if l.lstrip().startswith("佘山镇"))
    others = [i for i, l in enumerate(lines) if l.lstrip().startswith(("松江区", "小昆山", "泗泾镇"))]
    assert max(others) < marker < sheshan
    data = json.loads(run("status", "--plans-dir", str(district), "--format", "json").stdout)
    assert {p["plan"]: p["closed"] for p in data["plans"]}["sheshan-13th"] == "2021-03-31"


def test_the_matrix_matches_indicators_by_group_and_id(district):
    result = run("status", "--plans-dir", str(district), "--matrix", "--format", "csv")
    assert result.returncode == 0, result.stderr
    header, *rows = [line.split(",") for line in result.stdout.splitlines()]
    assert header == ["plan", "short_name", "fixed-asset-investment", "high-tech-enterprises", "forest-cover",
                      "gdp-growth"]
    by_plan = {r[0]: dict(zip(header, r)) for r in rows}
    # xiaokunshan's `high-tech` and songjiang's `enterprises` both sit under the group high-tech-enterprises
    assert by_plan["xiaokunshan"]["high-tech-enterprises"] == "ahead"
    assert by_plan["xiaokunshan"]["gdp-growth"] == "far_behind"
    assert by_plan["songjiang"]["high-tech-enterprises"] == "behind"
    assert by_plan["sijing"]["high-tech-enterprises"] == "behind"
    assert by_plan["songjiang"]["forest-cover"] == "" and by_plan["sijing"]["forest-cover"] == "behind"
    for columns in (60, 80):
        table = run("status", "--plans-dir", str(district), "--matrix", columns=columns)
        assert table.returncode == 0 and max(cells(l) for l in table.stdout.splitlines()) <= columns
        assert "森林覆盖率" in table.stdout and "严滞=严重滞后" in table.stdout
    md = run("status", "--plans-dir", str(district), "--matrix", "--format", "markdown").stdout
    assert "| 小昆山 | 快于预期 | 快于预期 | · | 严重滞后 |" in md


def test_the_rollup_shows_the_members_total_beside_the_districts_own_figure(district):
    data = json.loads(run("status", "--plans-dir", str(district), "--plan", "songjiang", "--format", "json").stdout)
    (plan,) = data["plans"]
    lines = {line["indicator"]: line for line in plan["rollup"]}
    fai = lines["fixed-asset-investment"]
    # 350000 万元 (xiaokunshan, converted) + 50 亿元 (sijing) = 85 亿元; the closed sheshan plan has no 2023
    assert (fai["year"], fai["own"], fai["members_total"], fai["difference"]) == (2023, 120, 85, 35)
    assert fai["members_missing"] == ["sheshan-13th"] and fai["members_counted"] == ["xiaokunshan", "sijing"]
    ent = lines["enterprises"]
    assert (ent["own"], ent["members_total"], ent["difference"]) == (1100, 830, 270)
    # the district's own figure is what is judged
    assert {i["id"]: i["status"] for i in plan["indicators"]}["fixed-asset-investment"] == "ahead"
    table = run("status", "--plans-dir", str(district), columns=80).stdout
    assert "本级 120 亿元（评估依据）" in table and "成员合计 85 亿元" in table and "差额 35 亿元" in table
    assert "无当年数据：佘山镇" in table


def test_check_refuses_a_missing_member_a_cycle_and_rollup_on_a_rate(district):
    plan = district / "songjiang" / "plan.toml"
    text = plan.read_text("utf-8")
    plan.write_text(text.replace('"sheshan-13th"]', '"sheshan-13th", "nowhere"]'), "utf-8")
    result = run("check", str(district))
    assert result.returncode == 1 and "nowhere" in result.stdout + result.stderr
    plan.write_text(text, "utf-8")
    town = district / "sijing" / "plan.toml"
    town.write_text(town.read_text("utf-8").replace('end = 2025\n', 'end = 2025\nmembers = ["songjiang"]\n'), "utf-8")
    result = run("check", str(district))
    assert result.returncode == 1 and "cycle" in result.stdout + result.stderr
    # A rate adds up its levels (issue 30, item 3): without value_unit it has none to add, and is refused.
    plan.write_text(text.replace('value_unit = "亿元"\ntarget = 6\n', 'target = 6\nrollup = "sum"\n'), "utf-8")
    assert "rollup applies to" in (r := run("check", str(district / "songjiang"))).stdout + r.stderr


def test_json_is_one_shape_for_one_plan_and_many_and_validates_against_the_shipped_schema(district):
    schema = json.loads((REPO / "schemas" / "status.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    shown = run("schema", "status")
    assert shown.returncode == 0 and json.loads(shown.stdout) == schema
    many = json.loads(run("status", "--plans-dir", str(district), "--format", "json").stdout)
    one = json.loads(run("status", "--plans-dir", str(district), "--plan", "sijing", "--format", "json").stdout)
    bundled = json.loads(run("status", "--plans-dir", str(REPO / "plans"), "--format", "json").stdout)
    for doc in (many, one, bundled):
        jsonschema.validate(doc, schema)
        assert doc["schema_version"] == 2 and all(p["indicators"] for p in doc["plans"])
    assert len(many["plans"]) == 4 and len(one["plans"]) == 1
    assert set(one["plans"][0]) == set(many["plans"][0])
    broken = district / "sijing" / "plan.toml"
    broken.write_text(broken.read_text("utf-8").replace("start = 2021", "start = \"2021\""), "utf-8")
    data = json.loads(run("status", "--plans-dir", str(district), "--format", "json").stdout)
    jsonschema.validate(data, schema)
    bad = {p["plan"]: p for p in data["plans"]}["sijing"]
    assert bad["errors"] and bad["indicators"] == [] and bad["counts"] is None


def test_csv_and_jsonl_are_one_long_table_plan_id_first_with_english_headers(district):
    csv_text = run("status", "--plans-dir", str(district), "--format", "csv").stdout
    header, *lines = csv_text.splitlines()
    assert header.startswith("plan,as_of,id,no,name,") and header.endswith(",plan_name,short_name,closed,group")
    assert header.isascii() and len(lines) == 11
    assert {line.split(",")[0] for line in lines} == set(SHORT)
    one = run("status", "--plans-dir", str(district), "--plan", "sijing", "--format", "csv").stdout
    assert one.splitlines()[0] == header
    records = [json.loads(line) for line in run("status", "--plans-dir", str(district), "--format", "jsonl").stdout.splitlines()]
    assert len(records) == 11 and list(records[0])[0] == "plan"


def test_a_short_name_is_validated(district):
    plan = district / "sijing" / "plan.toml"
    plan.write_text(plan.read_text("utf-8").replace('region =', 'short_name = "泗泾镇泗泾镇泗泾镇泗泾镇"\nregion ='), "utf-8")
    result = run("check", str(district / "sijing"))
    assert result.returncode == 1 and "short_name" in result.stdout + result.stderr


def test_the_district_report_markdown_has_the_matrix_the_rollup_and_every_plan(district):
    result = run("report", "--plans-dir", str(district), "--plans", "songjiang,xiaokunshan,sijing", "--format",
                 "markdown")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.index("## 指标矩阵") < text.index("## 成员合计核对") < text.index("## 松江区「十四五」")
    assert "## 小昆山镇「十四五」规划主要发展指标" in text and "## 泗泾镇" in text
    assert run("report", "--plans-dir", str(district), "--plans", "songjiang,nowhere").returncode == 2


def test_the_district_report_renders_in_chromium(district, tmp_path):
    pytest.importorskip("matplotlib")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium is not installed")
    page = tmp_path / "district.html"
    result = run("report", "--plans-dir", str(district), "--all", "-o", str(page))
    assert result.returncode == 0, result.stderr
    from test_report_browser import run_chromium

    dom = run_chromium(chromium, tmp_path / "profile", "--dump-dom", page.resolve().as_uri())
    assert dom.returncode == 0, dom.stderr.decode(errors="replace")[-2000:]
    html = dom.stdout.decode("utf-8")
    assert html.count('<tr data-plan="') == 4
    assert html.count('<section class="plan"') == 4
    assert 'data-status="far_behind"' in html and "成员合计 85 亿元" in html
    assert 'id="songjiang--ind-fixed-asset-investment"' in html and 'id="sijing--ind-fixed-asset-investment"' in html
    assert html.count("<svg") >= 8  # the charts of every plan
