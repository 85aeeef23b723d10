"""`record` catches a clerk's slips before anything is written (issue 15, items 6–9).

Unit slips (53.6 typed in 万元 for 亿元), a share of 8 for 80, a negative decline, a level that cannot count,
the identical figure again, counts with decimals, and naming an indicator by part of its Chinese name.
"""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import XKS, snapshot

HEADER = "indicator,year,value,rate,unit,source,note\n"


def rec(invoke, plans_dir: Path, *args: str):
    return invoke("record", *args, "--source", "测试", "--plans-dir", str(plans_dir))


def actuals(plans_dir: Path) -> dict:
    return tomllib.loads((plans_dir / XKS / "actuals.toml").read_text(encoding="utf-8"), parse_float=Decimal)


def no_traceback(result) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert not isinstance(result.exception, Exception), repr(result.exception)


# --- item 6: magnitude slips ---------------------------------------------------------------------------


def test_a_yi_yuan_figure_typed_in_wan_yuan_is_refused_with_the_value_in_yi(invoke, plans_dir):
    folder = plans_dir / XKS
    before = snapshot(folder)
    result = rec(invoke, plans_dir, "value-added-growth", "2023", "53.6")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "53.6 亿元 = 536000 万元" in result.stderr and "--unit 亿元" in result.stderr
    assert "--confirm" in result.stderr and "没有写入任何数据" in result.stderr
    no_traceback(result)
    assert snapshot(folder) == before
    # Recorded as meant, it is accepted.
    result = rec(invoke, plans_dir, "value-added-growth", "2023", "53.6", "--unit", "亿元")
    assert result.exit_code == 0, result.stderr
    assert actuals(plans_dir)["value-added-growth"]["2023"]["unit"] == "亿元"


def test_a_wan_yuan_amount_typed_on_a_yi_yuan_cumulative_is_refused(invoke, plans_dir):
    before = snapshot(plans_dir / XKS)
    result = rec(invoke, plans_dir, "fixed-asset-investment", "2023", "312000")
    assert result.exit_code == 1
    assert "312000 万元 = 31.2 亿元" in result.stderr and "--unit 万元" in result.stderr
    assert snapshot(plans_dir / XKS) == before


def test_confirm_stores_an_implausible_figure_and_force_alone_does_not(invoke, plans_dir):
    assert rec(invoke, plans_dir, "value-added-growth", "2023", "53.6", "--force").exit_code == 1
    result = rec(invoke, plans_dir, "value-added-growth", "2023", "53.6", "--confirm")
    assert result.exit_code == 0, result.stderr
    assert actuals(plans_dir)["value-added-growth"]["2023"]["value"] == Decimal("53.6")


def test_cumulative_amounts_may_jump_tenfold_as_the_real_data_does(invoke, plans_dir):
    # The bundled plan's own sourced data: 3.01 亿元 (2020) → 27.72 亿元 (2021); here 27.72 → 3.1 the next year.
    result = rec(invoke, plans_dir, "industrial-fixed-asset-investment", "2022", "3.1")
    assert result.exit_code == 0, result.stderr


def test_a_level_beyond_three_times_a_year_is_refused_but_a_real_change_is_not(invoke, plans_dir):
    # 2021 = 48.9 亿元 = 489000 万元.
    assert rec(invoke, plans_dir, "value-added-growth", "2022", "1500000", "--dry-run").exit_code == 1
    assert rec(invoke, plans_dir, "value-added-growth", "2022", "150000", "--dry-run").exit_code == 1
    assert rec(invoke, plans_dir, "value-added-growth", "2022", "512000", "--dry-run").exit_code == 0
    assert rec(invoke, plans_dir, "value-added-growth", "2022", "1400000", "--dry-run").exit_code == 0


def _with_share_indicator(plans_dir: Path) -> None:
    plan = plans_dir / XKS / "plan.toml"
    plan.write_text(plan.read_text(encoding="utf-8") + (
        '\n[[indicators]]\nid = "green-share"\nno = 15\nname = "绿色建筑占比"\nkind = "level"\n'
        'unit = "%"\ntarget = 80\n'), encoding="utf-8")
    path = plans_dir / XKS / "actuals.toml"
    path.write_text(path.read_text(encoding="utf-8") + (
        '\n[green-share.2020]\nvalue = 72\nunit = "%"\n\n[green-share.2021]\nvalue = 75\nunit = "%"\n'),
        encoding="utf-8")


def test_a_share_of_8_typed_for_80_is_refused(invoke, plans_dir):
    _with_share_indicator(plans_dir)
    before = snapshot(plans_dir / XKS)
    result = rec(invoke, plans_dir, "green-share", "2022", "8")
    assert result.exit_code == 1
    assert "80%" in result.stderr
    assert snapshot(plans_dir / XKS) == before
    assert rec(invoke, plans_dir, "green-share", "2022", "78").exit_code == 0


def test_import_reports_an_implausible_row_by_file_and_row_and_writes_nothing(invoke, plans_dir, tmp_path,
                                                                            monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.csv").write_text(HEADER + "local-fiscal-revenue-growth,2022,62000,,,S,\n"
                                    + "local-fiscal-revenue-growth,2023,6.4,,,S,\n", encoding="utf-8")
    before = snapshot(plans_dir / XKS)
    result = invoke("import", "a.csv", "--plans-dir", str(plans_dir))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = [s for s in result.stderr.splitlines() if s.startswith("a.csv:")]
    assert len(lines) == 1 and lines[0].startswith("a.csv:3:1:")  # row 3, judged against row 2
    assert "6.4 亿元 = 64000 万元" in lines[0]
    assert snapshot(plans_dir / XKS) == before
    result = invoke("import", "a.csv", "--confirm", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert actuals(plans_dir)["local-fiscal-revenue-growth"]["2023"]["value"] == Decimal("6.4")


def test_a_csv_row_of_23400_for_234000_is_refused(invoke, plans_dir, tmp_path, monkeypatch):
    # A level a tenth of the year before (a dropped digit) is beyond the ×3 bound.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.csv").write_text(HEADER + "export-delivery-growth,2021,23400,,,S,\n", encoding="utf-8")
    result = invoke("import", "b.csv", "--plans-dir", str(plans_dir))
    assert result.exit_code == 1
    assert "b.csv:2:1:" in result.stderr


def test_check_warns_about_an_implausible_figure_and_strict_fails(invoke, plans_dir):
    path = plans_dir / XKS / "actuals.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[value-added-growth.2022]\nvalue = 53.6\nunit = "万元"\n',
                    encoding="utf-8")
    result = invoke("check", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stdout
    assert "value-added-growth.2022.value: ⚠ 提醒 / warning: " in result.stdout
    assert result.stdout.splitlines()[-1].startswith("✓")
    assert "53.6 亿元 = 536000 万元" in result.stdout
    result = invoke("check", "--strict", "--plans-dir", str(plans_dir))
    assert result.exit_code == 1
    result = invoke("check", "--format", "github", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0 and result.stdout.startswith("::warning file=")
    report = json.loads(invoke("check", "--format", "json", "--plans-dir", str(plans_dir)).stdout)
    assert report["ok"] is True and report["warning_count"] == 1
    assert report["warnings"][0]["field"] == "value-added-growth.2022.value"


def test_the_bundled_plan_passes_check_strict(invoke, plans_dir):
    result = invoke("check", "--strict", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stdout
    assert "warning" not in result.stdout


# --- item 7: the sign trap on decrease indicators ------------------------------------------------------


def test_a_negative_decline_needs_confirm_and_is_echoed_as_a_rise(invoke, plans_dir):
    before = snapshot(plans_dir / XKS)
    result = rec(invoke, plans_dir, "energy-intensity-decline", "2025", "--rate", "-2.8")
    assert result.exit_code == 1
    assert "上升 2.8%" in result.stderr and "--confirm" in result.stderr and "--rate 2.8" in result.stderr
    assert snapshot(plans_dir / XKS) == before
    result = rec(invoke, plans_dir, "energy-intensity-decline", "2025", "--rate", "-2.8", "--confirm")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("energy-intensity-decline 2025 = 上升 2.8%（下降率 -2.8） · ")
    assert "增长率" not in result.stdout


def test_a_decline_is_echoed_in_words_and_labelled_as_a_decline(invoke, plans_dir):
    result = rec(invoke, plans_dir, "energy-intensity-decline", "2022", "--rate", "2.8")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("energy-intensity-decline 2022 = 下降 2.8% · ")
    show = invoke("show", "energy-intensity-decline", "--plans-dir", str(plans_dir)).stdout
    assert "下降率 %" in show and "增长率" not in show
    history = invoke("history", "energy-intensity-decline", "--plans-dir", str(plans_dir)).stdout
    assert "下降率 2.8%" in history and "rate 2.8%" not in history
    report = invoke("report", "--format", "markdown", "--plans-dir", str(plans_dir)).stdout
    assert "（按记录的下降率）" in report


# --- item 8: a level that will not be used -------------------------------------------------------------


def test_a_level_after_a_rate_only_year_warns_what_would_make_it_count(invoke, plans_dir):
    for year, rate in (("2022", "5"), ("2023", "4")):
        assert rec(invoke, plans_dir, "local-fiscal-revenue-growth", year, "--rate", rate).exit_code == 0
    result = rec(invoke, plans_dir, "local-fiscal-revenue-growth", "2024", "66000")
    assert result.exit_code == 0, result.stderr
    assert "2023 年只有增长率" in result.stderr and "请补记 2023 年数值" in result.stderr
    assert actuals(plans_dir)["local-fiscal-revenue-growth"]["2024"]["value"] == 66000  # still written
    # A level that counts gives no warning.
    quiet = rec(invoke, plans_dir, "value-added-growth", "2022", "512000")
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_a_first_level_with_no_base_value_warns_what_would_make_it_count(invoke, plans_dir):
    # disposable-income-growth has no actuals at all in the bundled plan, so no base-year (2020) level either.
    # (Reached before only when a hypothesis example happened to: issue 26, item 8, coverage held.)
    result = rec(invoke, plans_dir, "disposable-income-growth", "2022", "60000")
    assert result.exit_code == 0, result.stderr
    assert "2022 年之前没有可比较的数值（基期 2020 年无数值），2022 年的数值暂不计入" in result.stderr
    assert "no earlier level to compare the 2022 level with" in result.stderr
    assert actuals(plans_dir)["disposable-income-growth"]["2022"]["value"] == 60000  # still written


def test_show_and_report_never_print_an_unrecorded_level_as_recorded(invoke, plans_dir):
    for year, rate in (("2022", "5"), ("2023", "4")):
        assert rec(invoke, plans_dir, "local-fiscal-revenue-growth", year, "--rate", rate).exit_code == 0
    assert rec(invoke, plans_dir, "local-fiscal-revenue-growth", "2024", "66000").exit_code == 0
    show = invoke("show", "local-fiscal-revenue-growth", "--plans-dir", str(plans_dir)).stdout
    assert "61950.00（推算）" in show and "64428.00（推算）" in show
    assert "59000.00（推算）" not in show  # 2021 is recorded (5.9 亿元)
    report = invoke("report", "--format", "markdown", "--plans-dir", str(plans_dir)).stdout
    assert "| 2022 | 61,950.00（推算） |" in report  # the report groups thousands (issue 27)
    # No end-year level is projected from the 2024 level the average left out (66000 × 1.098 = 72471).
    assert "72471" not in report
    data = json.loads(invoke("status", "--format", "json", "--plans-dir", str(plans_dir)).stdout)["plans"][0]
    row = next(i for i in data["indicators"] if i["id"] == "local-fiscal-revenue-growth")
    assert row["projection_level"] is None


# --- item 9: smaller -----------------------------------------------------------------------------------


def test_recording_the_identical_entry_again_is_a_no_op(invoke, plans_dir):
    args = ("value-added-growth", "2022", "512000")
    assert rec(invoke, plans_dir, *args).exit_code == 0
    before = snapshot(plans_dir / XKS)
    for extra in ((), ("--force",)):
        result = rec(invoke, plans_dir, *args, *extra)
        assert result.exit_code == 0, result.stderr
        assert "已有相同记录" in result.stdout and "nothing changed" in result.stdout
        assert snapshot(plans_dir / XKS) == before
    assert "revisions" not in actuals(plans_dir)["value-added-growth"]["2022"]
    # A different figure is still refused without --force.
    assert rec(invoke, plans_dir, "value-added-growth", "2022", "513000").exit_code == 1


def test_counts_are_shown_whole_and_negative_terms_in_brackets(invoke, plans_dir):
    for year, value in (("2021", "12"), ("2022", "-3"), ("2023", "9")):
        result = invoke("record", "net-new-high-tech", year, "--source", "S", "--plans-dir", str(plans_dir), "--", value)
        assert result.exit_code == 0, result.stderr
    show = invoke("show", "net-new-high-tech", "--plans-dir", str(plans_dir)).stdout
    assert "S = 12 + (-3) + 9 = 18 家" in show
    assert "= 16 家（每年）" in show and "= 30 家" in show
    assert ".00 家" not in show and "12.00" not in show
    report = invoke("report", "--format", "markdown", "--plans-dir", str(plans_dir)).stdout
    assert "按计划应达 30 家" in report and "每年需 16 家" in report and "30.00" not in report
    # The likelihood's working and interval too (issue 31): 12, -3, 9 give a centre of 18 + 2 × 6 = 30 and an
    # interval 1.16 – 58.84 that a count shows whole, widened outward.
    assert "期末值 80% 预测区间：1 家 – 59 家" in show and "1.16" not in show and "58.84" not in show
    assert "(30 − 50)" in show


@pytest.mark.parametrize("part, wanted", [("增加值", "value-added-growth"), ("能耗", "energy-intensity-decline"),
                                          ("工业固定", "industrial-fixed-asset-investment")])
def test_an_indicator_is_named_by_a_unique_part_of_its_chinese_name(invoke, plans_dir, part, wanted):
    result = invoke("show", part, "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert f"{wanted} · " in result.stdout


def test_an_ambiguous_part_is_a_usage_error_listing_the_matches(invoke, plans_dir):
    result = invoke("show", "固定资产", "--plans-dir", str(plans_dir))
    assert result.exit_code == 2
    assert "fixed-asset-investment" in result.stderr and "industrial-fixed-asset-investment" in result.stderr
    assert "不止指一个指标" in result.stderr and "matches 2 indicators" in result.stderr
    assert "value-added-growth" not in result.stderr.split("/")[0]


def test_a_miss_suggests_by_part_as_well_as_by_spelling(invoke, plans_dir):
    result = invoke("show", "能耗下降", "--plans-dir", str(plans_dir))
    assert result.exit_code == 2
    assert "did you mean: 产值能耗年均下降率" in result.stderr
    result = invoke("show", "工业投资", "--plans-dir", str(plans_dir))
    assert "did you mean: 工业固定资产投资" in result.stderr
    # Too unlike any name by spelling (difflib ratio 0.3), but it shares 能耗年 with one.
    result = invoke("show", "能耗年度统计数据汇总表", "--plans-dir", str(plans_dir))
    assert result.exit_code == 2
    assert "did you mean: 产值能耗年均下降率" in result.stderr
