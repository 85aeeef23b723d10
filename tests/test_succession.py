"""Issue 16, item 4 (and the "Done when" of two plans): the 15th plan reads its base-year figures from the
14th plan's actuals (`[plan] previous`), so each figure is recorded once and the copies cannot drift apart.

The 14th plan's 2022–2025 figures are the final-evaluation TEST FIXTURE (tests/fixtures/final), appended to a
copy of the bundled plan: the bundled plan keeps only sourced figures.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import BUNDLED, XKS, snapshot

FIXTURE = Path(__file__).parent / "fixtures" / "final" / "actuals-2022-2025.toml"
NEW = "xiaokunshan-15th"


def two_plans(root: Path, *, closed: bool = True) -> Path:
    """plans/ with the 14th plan (2022–2025 fixture figures; closed on 2026-03-15) and the 15th made by
    `init --from`, its source filled in."""
    from typer.testing import CliRunner

    from plantrack.cli.app import app

    plans = root / "plans"
    shutil.copytree(BUNDLED, plans)
    actuals = plans / XKS / "actuals.toml"
    actuals.write_text(actuals.read_text(encoding="utf-8") + "\n" + FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    if closed:
        plan = plans / XKS / "plan.toml"
        plan.write_text(plan.read_text(encoding="utf-8").replace("base_year = 2020\n", "base_year = 2020\nclosed = 2026-03-15\n"),
                        encoding="utf-8")
    made = CliRunner().invoke(app, ["init", NEW, "--from", XKS, "--plans-dir", str(plans)])
    assert made.exit_code == 0, made.output
    path = plans / NEW / "plan.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("（新规划文件名称及文号）", "小昆山镇「十五五」规划纲要"),
                    encoding="utf-8")
    return plans


def row(invoke, plans: Path, plan: str, ind: str) -> dict:
    result = invoke("status", "--plans-dir", str(plans), "--plan", plan, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return next(r for r in json.loads(result.stdout)["plans"][0]["indicators"] if r["id"] == ind)


def record(invoke, plans: Path, *args: str):
    return invoke("record", *args, "--plans-dir", str(plans), "--source", "测试 / test")


# ------------------------------------------------------------------------------------------- Done when


def test_two_plans_pass_check_and_the_binding_gate(invoke, tmp_path):
    plans = two_plans(tmp_path)
    assert "previous = \"xiaokunshan-14th\"" in (plans / NEW / "plan.toml").read_text(encoding="utf-8")
    assert not (plans / NEW / "actuals.toml").exists()  # nothing copied: the figures stay in the 14th plan
    checked = invoke("check", str(plans))
    assert checked.exit_code == 0, checked.stdout
    assert "2 个规划" in checked.stdout and "警告" not in checked.stdout
    gate = invoke("status", "--plans-dir", str(plans), "--fail-on", "binding")
    assert gate.exit_code == 0, gate.stderr
    # The 14th plan's missed binding indicator does not fail every later pull request: it is closed, and said so.
    assert "xiaokunshan-14th" in gate.stderr and "--fail-on skips it" in gate.stderr


def test_the_base_year_is_read_from_the_previous_plan_and_follows_its_revision(invoke, tmp_path):
    plans = two_plans(tmp_path)
    assert record(invoke, plans, "value-added-growth", "2026", "620000", "--plan", NEW).exit_code == 0
    # 2026 against the 14th plan's 2025 figure (585000): 620000 / 585000 − 1 = 5.9829%.
    assert row(invoke, plans, NEW, "value-added-growth")["actual"] == 5.9829
    # The 14th plan's 2025 figure is revised (closed: --force, kept as a revision like any other).
    revised = record(invoke, plans, "value-added-growth", "2025", "600000", "--plan", XKS, "--force")
    assert revised.exit_code == 0, revised.stderr
    # 620000 / 600000 − 1 = 3.3333%: the 15th plan's base year is the 14th plan's figure, not a copy.
    assert row(invoke, plans, NEW, "value-added-growth")["actual"] == 3.3333
    assert not re.search(r"value-added-growth\.2025", (plans / NEW / "actuals.toml").read_text(encoding="utf-8"))


def test_a_different_figure_in_both_plans_fails_check_naming_both_places(invoke, tmp_path):
    plans = two_plans(tmp_path)
    (plans / NEW / "actuals.toml").write_text(
        "# typed twice\n\n[value-added-growth.2025]\nvalue = 590000\nunit = \"万元\"\nsource = \"x\"\n", encoding="utf-8")
    checked = invoke("check", str(plans))
    assert checked.exit_code == 1
    theirs = (plans / XKS / "actuals.toml").read_text(encoding="utf-8").splitlines()
    line = theirs.index("[value-added-growth.2025]") + 1
    finding = next(l for l in checked.stdout.splitlines() if "value-added-growth.2025" in l)
    assert finding.startswith(f"{_shown(plans / NEW / 'actuals.toml')}:3:1: value-added-growth.2025: ")
    assert f"{_shown(plans / XKS / 'actuals.toml')}:{line}:1" in finding
    assert "585000 万元" in finding and "590000 万元" in finding
    # status refuses the plan like any plan with errors, and points at check.
    status = invoke("status", "--plans-dir", str(plans), "--plan", NEW)
    assert status.exit_code == 1 and "plantrack check" in status.stderr
    # The same figure in another unit is the same figure: no error.
    (plans / NEW / "actuals.toml").write_text(
        "[value-added-growth.2025]\nvalue = 58.5\nunit = \"亿元\"\nsource = \"x\"\n", encoding="utf-8")
    assert invoke("check", str(plans)).exit_code == 0


def _shown(path: Path) -> str:
    from plantrack.contain import display_path

    return display_path(path)


# ------------------------------------------------------------------------------------------- record


def test_record_into_the_base_year_says_where_the_figure_lives(invoke, tmp_path):
    plans = two_plans(tmp_path)
    before = snapshot(plans)
    result = record(invoke, plans, "value-added-growth", "2025", "590000", "--plan", NEW)
    assert result.exit_code == 1
    assert "上一规划 xiaokunshan-14th" in result.stderr and "--plan xiaokunshan-14th" in result.stderr
    assert "Nothing was written" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(plans) == before
    # An indicator the previous plan does not have keeps its own base-year figures.
    path = plans / NEW / "plan.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[[indicators]]\nid = "new-one"\nno = 15\nname = "新指标"\n'
                    'kind = "level"\nunit = "个"\ntarget = 5\n', encoding="utf-8")
    assert record(invoke, plans, "new-one", "2025", "3", "--plan", NEW).exit_code == 0


# ------------------------------------------------------------------------------------------- mapping and links


def test_a_renamed_indicator_maps_by_previous_id(invoke, tmp_path):
    plans = two_plans(tmp_path)
    path = plans / NEW / "plan.toml"
    text = path.read_text(encoding="utf-8").replace('id = "value-added-growth"', 'id = "gdp-growth"\nprevious_id = "value-added-growth"')
    path.write_text(text, encoding="utf-8")
    assert invoke("check", str(plans)).exit_code == 0
    assert record(invoke, plans, "gdp-growth", "2026", "620000", "--plan", NEW).exit_code == 0
    assert row(invoke, plans, NEW, "gdp-growth")["actual"] == 5.9829
    path.write_text(text.replace('previous_id = "value-added-growth"', 'previous_id = "no-such"'), encoding="utf-8")
    checked = invoke("check", str(plans))
    assert checked.exit_code == 1 and "indicators[gdp-growth].previous_id" in checked.stdout and "no-such" in checked.stdout


@pytest.mark.parametrize("previous", ["no-such-plan", NEW])
def test_a_missing_previous_plan_or_a_loop_is_a_check_error(invoke, tmp_path, previous):
    plans = two_plans(tmp_path)
    path = plans / NEW / "plan.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(f'previous = "{XKS}"', f'previous = "{previous}"'),
                    encoding="utf-8")
    checked = invoke("check", str(plans))
    assert checked.exit_code == 1
    assert f"{_shown(path)}:17:1: plan.previous: " in checked.stdout
    assert ("was not found" if previous != NEW else "loops") in checked.stdout
    assert invoke("status", "--plans-dir", str(plans), "--plan", NEW).exit_code == 1


def test_a_two_plan_loop_is_refused(invoke, tmp_path):
    plans = two_plans(tmp_path)
    old = plans / XKS / "plan.toml"
    old.write_text(old.read_text(encoding="utf-8").replace("base_year = 2020\n", f'base_year = 2020\nprevious = "{NEW}"\n'),
                   encoding="utf-8")
    checked = invoke("check", str(plans))
    assert checked.exit_code == 1 and "xiaokunshan-15th → xiaokunshan-14th → xiaokunshan-15th" in checked.stdout


def test_a_previous_plan_linked_from_outside_is_refused(invoke, tmp_path):
    plans = two_plans(tmp_path)
    outside = tmp_path / "elsewhere"
    shutil.move(plans / XKS, outside)
    (plans / XKS).symlink_to(outside, target_is_directory=True)
    checked = invoke("check", str(plans / NEW))
    assert checked.exit_code == 1 and "plan.previous" in checked.stdout and "已拒绝" in checked.stdout


def test_the_cache_does_not_keep_a_stale_base_year(invoke, tmp_path, monkeypatch):
    """Each plan is cached on its own bytes; the link is made on top, afresh (succession.py)."""
    plans = two_plans(tmp_path)
    assert record(invoke, plans, "value-added-growth", "2026", "620000", "--plan", NEW).exit_code == 0
    assert row(invoke, plans, NEW, "value-added-growth")["actual"] == 5.9829  # both plans now cached
    actuals = plans / XKS / "actuals.toml"  # edited by hand, not through record (which refreshes the cache)
    actuals.write_text(actuals.read_text(encoding="utf-8").replace("value = 585000", "value = 600000"), encoding="utf-8")
    assert row(invoke, plans, NEW, "value-added-growth")["actual"] == 3.3333


def test_the_overview_reads_the_link_too(invoke, tmp_path):
    plans = two_plans(tmp_path)
    assert record(invoke, plans, "value-added-growth", "2026", "620000", "--plan", NEW).exit_code == 0
    shown = invoke("status", "--plans-dir", str(plans), "--format", "json")
    assert shown.exit_code == 0
    data = {p["plan"]: p for p in json.loads(shown.stdout)["plans"]}
    assert data[NEW]["counts"]["ahead"] + data[NEW]["counts"]["on_track"] >= 1
    assert data[XKS]["closed"] == "2026-03-15" and data[NEW]["closed"] is None
