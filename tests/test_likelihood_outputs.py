"""The likelihood where people decide (issue 31): status (table, JSON, CSV), show, the report (table, working,
chart fan) and the status workbook, for the bundled plan as of 2023, and none of it at its final evaluation.

The figures are those worked by hand in docs/progress.md ("Likelihood / 把握", example B) and checked there:
value added 24.20% (不太可能), local fiscal revenue 70.24%, industrial output 80.28% (可能), the investment total
already reached (100%, 很可能)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from conftest import XKS

MID = {"value-added-growth": 0.2420, "local-fiscal-revenue-growth": 0.7024, "industrial-output-growth": 0.8028,
       "industrial-fixed-asset-investment": 1}


def test_status_json_as_of_2023_and_at_the_final_evaluation(invoke, plans_dir):
    from jsonschema import Draft202012Validator

    from plantrack.status_schema import status_schema

    out = invoke("status", "--plans-dir", str(plans_dir), "--as-of", "2023", "--format", "json")
    assert out.exit_code == 0 and out.stderr == ""
    doc = json.loads(out.stdout)
    Draft202012Validator(status_schema()).validate(doc)
    rows = {r["id"]: r for r in doc["plans"][0]["indicators"]}
    assert {k: r["likelihood"] for k, r in rows.items() if r["likelihood"] is not None} == MID
    assert {r["likelihood_reason"] for k, r in rows.items() if k not in MID} == {"no_data"}
    assert all(rows[k]["likelihood_reason"] is None for k in MID)
    final = json.loads(invoke("status", "--plans-dir", str(plans_dir), "--as-of", "2025", "--format", "json").stdout)
    Draft202012Validator(status_schema()).validate(final)
    rows = final["plans"][0]["indicators"]
    assert [r["likelihood"] for r in rows] == [None] * 14
    assert {r["id"] for r in rows if r["likelihood_reason"] == "outcome_known"} == set(MID)


def test_status_csv_carries_the_two_columns(invoke, plans_dir):
    out = invoke("status", "--plans-dir", str(plans_dir), "--as-of", "2023", "--format", "csv")
    assert out.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows[0]["likelihood"] == "0.2420" and rows[0]["likelihood_reason"] == ""
    assert rows[1]["likelihood"] == "" and rows[1]["likelihood_reason"] == "no_data"


@pytest.mark.parametrize(("lang", "cells"), [
    ("zh", {"1": "不太可能 24%", "3": "可能 70%", "4": "可能 80%", "8": "很可能 100%", "2": "—"}),
    ("en", {"1": "unlikely 24%", "3": "likely 70%", "4": "likely 80%", "8": "very likely 100%", "2": "—"}),
])
def test_the_status_table_column_and_its_absence_at_the_end(invoke, plans_dir, lang, cells):
    out = invoke("status", "--plans-dir", str(plans_dir), "--as-of", "2023", "--lang", lang, "--format", "markdown")
    assert out.exit_code == 0
    lines = [line for line in out.stdout.splitlines() if line.startswith("| ")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    assert header[-1] == {"zh": "把握", "en": "Likelihood"}[lang]
    found = {c[0]: c[-1] for c in ([x.strip() for x in line.strip("|").split(" | ")] for line in lines[1:])}
    assert {k: found[k] for k in cells} == cells
    final = invoke("status", "--plans-dir", str(plans_dir), "--as-of", "2025", "--lang", lang, "--format", "markdown")
    assert "把握" not in final.stdout and "Likelihood" not in final.stdout
    assert not any(word in final.stdout for word in ("可能", "很难", "likely"))


def test_show_prints_the_interval_and_the_working(invoke, plans_dir):
    out = invoke("show", "1", "--plans-dir", str(plans_dir), "--as-of", "2023")
    assert out.exit_code == 0 and out.stderr == ""
    text = out.stdout
    assert "把握：不太可能 24%" in text
    assert "P = F_t4((0.094604 − 0.291345) / σ) = F_t4(-0.7704) = 24%" in text
    assert "规划期年均变化率 80% 预测区间：-5.77% – 10.21%" in text
    en = invoke("show", "1", "--plans-dir", str(plans_dir), "--as-of", "2023", "--lang", "en").stdout
    assert "Likelihood: unlikely 24%" in en and "80% interval of the period's average rate: -5.77% – 10.21%" in en
    final = invoke("show", "1", "--plans-dir", str(plans_dir), "--as-of", "2025").stdout
    assert "把握" not in final and "区间" not in final


def test_the_report_says_it_and_draws_the_fan(plans_dir):
    from plantrack.opening import open_plan
    from plantrack.report import history
    from plantrack.report.build import build_report
    from plantrack.report.model import document

    plan = open_plan(plans_dir, XKS)
    report = build_report(plan, 2023, "zh")
    doc = document(report)
    assert doc.table.header[-1] == "把握" and doc.table.rows[0][-1] == "不太可能 24%"
    part = next(p for p in doc.parts if p.id == "value-added-growth")
    assert "把握：不太可能 24%" in part.working
    section = next(s for s in report.sections if s.indicator.id == "value-added-growth")
    drawn = history.chart_data(section, plan.entries(section.indicator.id), report.plan.period, 2023)
    assert drawn is not None and drawn.fan is not None
    # 486600 × exp(0.094604 ∓ 1.533206 × 0.255390), worked in docs/progress.md
    assert (drawn.fan.years[0], drawn.fan.years[-1]) == (2021, 2025)
    assert (round(drawn.fan.lows[-1]), round(drawn.fan.highs[-1])) == (361579, 791248)
    final = build_report(plan, 2025, "zh")
    assert "把握" not in document(final).table.header
    assert all(not any(w.startswith("把握") for w in p.working) for p in document(final).parts)
    assert all(history.chart_data(s, plan.entries(s.indicator.id), final.plan.period, 2025) is None
               or history.chart_data(s, plan.entries(s.indicator.id), final.plan.period, 2025).fan is None
               for s in final.sections)


def test_the_status_workbook_has_the_column_until_the_end(invoke, plans_dir, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    for year, last in (("2023", "把握"), ("2025", "期末预计")):
        out = tmp_path / f"{year}.xlsx"
        done = invoke("export", "--what", "status", "--format", "xlsx", "-o", str(out), "--plans-dir", str(plans_dir),
                      "--as-of", year)
        assert done.exit_code == 0, done.stderr
        ws = openpyxl.load_workbook(out).active
        header = [c.value for c in ws[1]]
        assert header[-1] == last
        if year == "2023":
            assert [c.value for c in ws[2]][-1] == "不太可能 24%"


def test_the_json_number_is_a_decimal_with_four_places():
    from plantrack.progress.likelihood import shown

    assert shown(0.2420321846606524) == Decimal("0.2420")


def test_progress_md_example_b_is_the_real_show_output(invoke, plans_dir):
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "progress.md").read_text(encoding="utf-8")
    block = re.search(r"`plantrack show 1 --as-of 2023` prints it under the verdict:\n\n```\n(.*?)```", doc, re.S)
    assert block, "docs/progress.md lost example B's show block"
    shown = invoke("show", "1", "--plans-dir", str(plans_dir), "--as-of", "2023").stdout.splitlines()
    start = shown.index("把握：不太可能 24%")
    assert shown[start:start + 7] == block.group(1).splitlines()


# The working's numbers (review of issue 31): a recorded figure as recorded, a computed one with the same places
# on every line. A copy of the bundled plan with 29.995 亿元 recorded for 2021 in fixed-asset-investment (T = 150):
# x̄ over 2016–2021 with weights 1/32 … 1 = 59.719375 / 1.96875 = 30.333659 → 30.3337 (by hand);
# X̂ = 29.995 + 4 × 30.333659 = 151.3296. Before, the same show printed 期末估计 = 29.9950 + 4 × 30.333659 and
# P = F_t5((151.3296 − 150.0000) / σ), s as 11.7885 then 11.788500, x̄ as 30.3337 then 30.333659.
FIXED_ASSET_WORKING = [
    "把握：难以确定 51%",
    "  把握：k = 6 个年度数量（2016–2021 年），均值 x̄（每早一年权重减半）= 30.3337 亿元，s = 11.7885",
    "  期末估计 = 29.995 + 4 × 30.3337 = 151.3296",
    "  σ = s × √(m × (1 + m / k′)) = 11.7885 × √(4 × (1 + 4 / 2.907692)) = 36.3397",
    "  P = F_t5((151.3296 − 150) / σ) = F_t5(0.0366) = 51%",
    "  期末值 80% 预测区间：97.70 亿元 – 204.96 亿元",
]


def test_the_working_writes_recorded_figures_as_recorded_and_each_quantity_one_way(invoke, plans_dir):
    actuals = plans_dir / XKS / "actuals.toml"
    actuals.write_text(actuals.read_text(encoding="utf-8") + '\n[fixed-asset-investment.2021]\nvalue = 29.995\n'
                       'unit = "亿元"\nsource = "test"\n', encoding="utf-8")
    out = invoke("show", "fixed-asset-investment", "--plans-dir", str(plans_dir))
    assert out.exit_code == 0 and out.stderr == ""
    lines = out.stdout.splitlines()
    start = lines.index(FIXED_ASSET_WORKING[0])
    assert lines[start:start + len(FIXED_ASSET_WORKING)] == FIXED_ASSET_WORKING
    assert "目标 150 亿元" in out.stdout  # the target as the header writes it, and P's line now too


LONG_PLAN = '''[plan]
id = "long"
name = "长期规划"
start = 2021
end = 2035
base_year = 2020

[[indicators]]
id = "jump"
no = 1
name = "跳跃增长"
name_en = "Jumps"
kind = "annual_rate"
unit = "%"
value_unit = "万元"
target = 6
'''


def test_an_interval_beyond_the_shown_range_is_left_out_and_nothing_fails(invoke, tmp_path):
    """×1000 a year for 14 more years: the end-year level is 10^54 万元, far beyond |x| < 10^15. P is still given
    (identical steps: exactly 1), the interval and the fan are not, and no output fails."""
    plans = tmp_path / "plans"
    (plans / "long").mkdir(parents=True)
    (plans / "long" / "plan.toml").write_text(LONG_PLAN, encoding="utf-8")
    rows = "".join(f'[jump.{year}]\nvalue = {value}\nunit = "万元"\nsource = "test"\n\n'
                   for year, value in ((2017, 1), (2018, 1000), (2019, 1000000), (2020, 1000000000),
                                       (2021, 1000000000000)))
    (plans / "long" / "actuals.toml").write_text(rows, encoding="utf-8")
    out = invoke("status", "--plans-dir", str(plans), "--format", "json")
    assert out.exit_code == 0, out.stderr
    record = json.loads(out.stdout)["plans"][0]["indicators"][0]
    assert (record["likelihood"], record["likelihood_reason"]) == (1.0, None)
    shown = invoke("show", "jump", "--plans-dir", str(plans))
    assert shown.exit_code == 0 and "Traceback" not in shown.stdout + shown.stderr
    assert "把握：很可能 100%" in shown.stdout and "区间" not in shown.stdout
    report = invoke("report", "--plans-dir", str(plans), "--format", "markdown")
    assert report.exit_code == 0, report.stderr


def test_the_fan_is_drawn_year_by_year_around_its_own_median_line_and_named(plans_dir):
    """Review of issue 31, item 2: the fan is centred on the likelihood's drift, the projection line on the
    average pace since the base year, so on the value-added chart the projection (498719 万元 in 2025) is not the
    fan's centre. The chart draws the fan's median (the line P is read from) and names both. Expected values by
    hand (docs/progress.md, example B): 486600 × exp(0.004920 + h × 0.022421 ∓ 1.533206 × 0.082096 ×
    √(h × (1 + h / 2.818182))), h = 1..4."""
    from plantrack.opening import open_plan
    from plantrack.report import history
    from plantrack.report.build import build_report
    from plantrack.report.charts import chart_svg
    from plantrack.report.model import document

    plan = open_plan(plans_dir, XKS)
    report = build_report(plan, 2023, "zh")
    section = next(s for s in report.sections if s.indicator.id == "value-added-growth")
    drawn = history.chart_data(section, plan.entries(section.indicator.id), report.plan.period, 2023)
    assert drawn is not None and drawn.fan is not None
    f = drawn.fan
    rows = [(y, round(a), round(b), round(c)) for y, a, b, c in zip(f.years, f.lows, f.medians, f.highs)]
    assert rows == [(2021, 489000, 489000, 489000), (2022, 431934, 500088, 578995), (2023, 405228, 511427, 645457),
                    (2024, 382364, 523023, 715426), (2025, 361579, 534882, 791248)]
    assert round(drawn.projection[2025]) == 498719  # the projection: another line, named apart
    svg = chart_svg(drawn, section, report.plan.period, "zh")
    assert svg is not None
    assert "近年趋势中位预计" in svg and "80% 预测区间（按近年趋势）" in svg and "按目前速度预计" in svg
    assert "短虚线是近年趋势" in document(report).chart_note
    en = build_report(plan, 2023, "en")
    section = next(s for s in en.sections if s.indicator.id == "value-added-growth")
    svg = chart_svg(history.chart_data(section, plan.entries(section.indicator.id), en.plan.period, 2023), section,
                    en.plan.period, "en")
    assert svg is not None and "recent-trend median" in svg and "80% interval (recent trend)" in svg
    assert "not the dash-dot line" in document(en).chart_note


def test_english_output_has_no_chinese_likelihood_words(invoke, plans_dir):
    """--lang en: the band words, the column, the working and the chart's legend in English only (the plan's own
    Chinese names and units stay: they are data). The HTML page's <style> names the column for zh pages only."""
    import re

    zh = ("把握", "很可能", "可能", "难以确定", "很难", "区间", "近年趋势", "不足")
    for args in (("status",), ("status", "--format", "markdown"), ("status", "--format", "csv"), ("show", "1"),
                 ("show", "8"), ("report", "--format", "markdown"), ("report",)):
        out = invoke(*args, "--plans-dir", str(plans_dir), "--as-of", "2023", "--lang", "en")
        assert out.exit_code == 0, (args, out.stderr)
        text = re.sub(r"<style>.*?</style>", "", out.stdout, flags=re.S)
        assert [w for w in zh if w in text] == [], args
    assert "unlikely 24%" in invoke("status", "--plans-dir", str(plans_dir), "--as-of", "2023", "--lang", "en").stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_legend_with_the_fan_and_its_median_fits_the_chart(plans_dir, lang):
    """Seven entries (the fan and its median line added) in one row of five ran off both edges of the English
    chart ("recent-trend medi…"): six or more are laid out in two rows, inside the figure."""
    import matplotlib
    from matplotlib.figure import Figure

    from plantrack.opening import open_plan
    from plantrack.report import charts, history
    from plantrack.report.build import build_report

    plan = open_plan(plans_dir, XKS)
    report = build_report(plan, 2023, lang)
    section = next(s for s in report.sections if s.indicator.id == "industrial-output-growth")
    drawn = history.chart_data(section, plan.entries(section.indicator.id), report.plan.period, 2023)
    assert drawn is not None and drawn.fan is not None
    with matplotlib.rc_context(charts._rc("t", charts._families(section, lang))):
        fig = Figure(figsize=charts.SIZE, layout="constrained")
        ax = fig.add_subplot()
        charts._draw(ax, drawn, section, report.plan.period, lang)
        legend = charts._legend(fig, ax, lang)
        fig.canvas.draw()
        box, page = legend.get_window_extent(), fig.bbox
    assert len(legend.get_texts()) == 7
    assert page.x0 <= box.x0 and box.x1 <= page.x1, (box, page)


@pytest.mark.parametrize(("x", "places", "text"), [
    (2.675, 2, "2.68"),           # half-up on the decimal the float stands for; f"{2.675:.2f}" is 2.67
    (0.0000005, 6, "0.000001"),   # half-up; f"{5e-07:.6f}" is 0.000000
    (-0.7704, 4, "-0.7704"),
    (151.32963492, 4, "151.3296"),
    (float("inf"), 4, "超出范围 / out of range"),
    (1e16, 4, "超出范围 / out of range"),   # beyond |x| < 10^15, as every number plantrack shows
])
def test_a_working_number_rounds_half_up_like_every_shown_number(x, places, text):
    from plantrack.progress.likelihood import _f

    assert _f(x, places) == text
