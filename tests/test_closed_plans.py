"""Issue 16, items 3 and 5: a finished plan is closed (`[plan] closed = YYYY-MM-DD`), and `init` makes a plan a
new repository can use (placeholders fail check, plans/ and the editor schema are made)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import XKS, snapshot

import plantrack.check.cycle.closing

ENERGY_2021 = "\n[energy-intensity-decline.2021]\nrate = 2.0\nsource = \"test\"\n"


def close(plans: Path, when: str = "2026-03-15") -> Path:
    path = plans / XKS / "plan.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("base_year = 2020\n", f"base_year = 2020\nclosed = {when}\n"),
                    encoding="utf-8")
    return path


def binding_behind(plans: Path) -> None:
    actuals = plans / XKS / "actuals.toml"
    actuals.write_text(actuals.read_text(encoding="utf-8") + ENERGY_2021, encoding="utf-8")


# ------------------------------------------------------------------------------------------- shown, marked


def test_a_closed_plan_is_shown_marked_closed(invoke, plans_dir):
    close(plans_dir)
    table = invoke("status", "--plans-dir", str(plans_dir))
    assert table.exit_code == 0 and "已结束（2026-03-15 通过总结评估）" in table.stdout
    en = invoke("status", "--plans-dir", str(plans_dir), "--lang", "en")
    assert "closed (final evaluation adopted 2026-03-15)" in en.stdout
    data = json.loads(invoke("status", "--plans-dir", str(plans_dir), "--format", "json").stdout)
    assert data["plans"][0]["closed"] == "2026-03-15"
    md = invoke("status", "--plans-dir", str(plans_dir), "--format", "markdown")
    assert md.stdout.startswith("### 小昆山镇「十四五」规划主要发展指标 · 已结束（2026-03-15 通过总结评估）")
    report = invoke("report", "--plans-dir", str(plans_dir), "--format", "markdown")
    assert report.exit_code == 0 and "已结束（2026-03-15 通过总结评估）" in report.stdout.splitlines()[0]
    history = invoke("history", "value-added-growth", "--plans-dir", str(plans_dir))
    assert history.exit_code == 0 and "已结束（2026-03-15 通过总结评估）" in history.stdout


def test_an_open_plan_has_closed_null(invoke, plans_dir):
    data = json.loads(invoke("status", "--plans-dir", str(plans_dir), "--format", "json").stdout)
    assert data["plans"][0]["closed"] is None


@pytest.mark.parametrize(("when", "message"), [
    ('"2026-03-15"', "应为日期（不加引号）"),
    ("2026-03-15T10:00:00", "应为日期（不加引号）"),
    ("2024-12-31", "早于规划期的最后一年 2025"),
])
def test_a_closed_date_is_validated(invoke, plans_dir, when, message):
    close(plans_dir, when)
    checked = invoke("check", str(plans_dir))
    assert checked.exit_code == 1 and message in checked.stdout and "plan.closed" in checked.stdout


# ------------------------------------------------------------------------------------------- record, import


def test_record_into_a_closed_plan_is_refused_unless_forced(invoke, plans_dir):
    close(plans_dir)
    before = snapshot(plans_dir)
    refused = invoke("record", "value-added-growth", "2022", "520000", "--plans-dir", str(plans_dir), "--source", "x")
    assert refused.exit_code == 1 and "已结束" in refused.stderr and "--force" in refused.stderr
    assert "nothing was written" in refused.stderr and "Traceback" not in refused.stderr
    assert snapshot(plans_dir) == before
    forced = invoke("record", "value-added-growth", "2021", "540000", "--plans-dir", str(plans_dir), "--source", "修订",
                    "--force")
    assert forced.exit_code == 0, forced.stderr
    text = (plans_dir / XKS / "actuals.toml").read_text(encoding="utf-8")
    assert "value = 540000" in text and "[[value-added-growth.2021.revisions]]" in text  # a revision like any other


def test_import_into_a_closed_plan_is_refused_unless_forced(invoke, plans_dir, tmp_path):
    close(plans_dir)
    csv = tmp_path / "a.csv"
    csv.write_text("indicator,year,value,rate,unit,source,note\nvalue-added-growth,2022,520000,,,x,\n", encoding="utf-8")
    before = snapshot(plans_dir)
    refused = invoke("import", str(csv), "--plans-dir", str(plans_dir))
    assert refused.exit_code == 1 and "已结束" in refused.stderr and snapshot(plans_dir) == before
    assert invoke("import", str(csv), "--plans-dir", str(plans_dir), "--force").exit_code == 0


# ------------------------------------------------------------------------------------------- --fail-on


def test_fail_on_names_the_plan_and_the_indicators(invoke, plans_dir):
    binding_behind(plans_dir)
    result = invoke("status", "--plans-dir", str(plans_dir), "--fail-on", "binding")
    assert result.exit_code == 1
    assert "规划 xiaokunshan-14th" in result.stderr and "5. 产值能耗年均下降率（滞后）" in result.stderr
    assert "plan xiaokunshan-14th (as of 2021) fails on: energy-intensity-decline (behind)" in result.stderr


def test_fail_on_skips_a_closed_plan_and_says_so(invoke, plans_dir):
    binding_behind(plans_dir)
    close(plans_dir)
    result = invoke("status", "--plans-dir", str(plans_dir), "--fail-on", "binding")
    assert result.exit_code == 0
    assert "--fail-on 不检查它" in result.stderr and "--fail-on skips it" in result.stderr
    assert "‼" in result.stdout  # still shown as it is


def test_fail_on_in_the_overview_names_the_failing_plan_only(invoke, plans_dir):
    binding_behind(plans_dir)
    import shutil

    shutil.copytree(plans_dir / XKS, plans_dir / "other-14th")
    path = plans_dir / "other-14th" / "plan.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(f'id = "{XKS}"', 'id = "other-14th"'), encoding="utf-8")
    close(plans_dir)
    result = invoke("status", "--plans-dir", str(plans_dir), "--fail-on", "binding")
    assert result.exit_code == 1
    assert "plan other-14th (as of 2021) fails on: energy-intensity-decline" in result.stderr
    assert f"plan {XKS} is closed" in result.stderr and f"plan {XKS} (as of" not in result.stderr


# ------------------------------------------------------------------------------------------- check's warning


def test_check_warns_about_a_plan_left_open_a_year_after_its_end(invoke, plans_dir, monkeypatch):
    assert "警告" not in invoke("check", str(plans_dir)).stdout  # 2026-12-01: not yet a year
    monkeypatch.setattr(plantrack.check.cycle.closing, "today", lambda: date(2027, 1, 1))
    checked = invoke("check", str(plans_dir))
    assert checked.exit_code == 0
    assert "⚠ 提醒 / warning: " in checked.stdout and "plan.end" in checked.stdout and "closed = " in checked.stdout
    assert "1 个提醒" in checked.stdout
    github = invoke("check", str(plans_dir), "--format", "github")
    assert github.exit_code == 0 and github.stdout.startswith("::warning file=")
    report = json.loads(invoke("check", str(plans_dir), "--format", "json").stdout)
    assert report["ok"] is True and report["warnings"][0]["field"] == "plan.end"
    close(plans_dir)
    assert "警告" not in invoke("check", str(plans_dir)).stdout


# ------------------------------------------------------------------------------------------- init (item 5)


def test_init_blank_in_a_new_repository(invoke, tmp_path):
    plans = tmp_path / "plans"
    result = invoke("init", "new-town-15th", "--blank", "--plans-dir", str(plans))
    assert result.exit_code == 0, result.stderr
    text = (plans / "new-town-15th" / "plan.toml").read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first == "#:schema ../../schemas/plan.schema.json"  # one name, as init --example and this repository
    schema = (plans / "new-town-15th" / first.split(" ", 1)[1]).resolve()
    from plantrack.schemas import plan_schema

    assert schema == (tmp_path / "schemas" / "plan.schema.json").resolve()
    assert json.loads(schema.read_text(encoding="utf-8")) == plan_schema()
    assert (tmp_path / "schemas" / "actuals.schema.json").is_file()
    checked = invoke("check", str(plans))
    assert checked.exit_code == 1
    for placeholder in ("（规划名称）", "（规划文件名称及文号）", "（示例）"):
        assert f"{placeholder} 是模板中的占位文字" in checked.stdout
    # A schema the user already has is left alone.
    schema.write_text("{}", encoding="utf-8")
    assert invoke("init", "other-15th", "--blank", "--plans-dir", str(plans)).exit_code == 0
    assert schema.read_text(encoding="utf-8") == "{}"


def test_init_from_drops_the_old_plans_stale_words(invoke, plans_dir):
    assert invoke("init", "xiaokunshan-15th", "--from", XKS, "--plans-dir", str(plans_dir)).exit_code == 0
    text = (plans_dir / "xiaokunshan-15th" / "plan.toml").read_text(encoding="utf-8")
    assert "2021–2025" not in text and "Total fixed-asset investment, 2026–2030 total" in text
    assert "note =" not in text and "十三五" not in text
