"""Renderers, the Rich-tests way: build the PlanResult, render into Console(record=True, width=N), compare
export_text() exactly. Plus the cells, the summary, Markdown and the plan-text-is-data escaping."""

from __future__ import annotations

import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from conftest import BUNDLED, XKS
from plantrack.opening import open_plan
from plantrack.progress import evaluate_plan
from plantrack.render.rows import build_row, footnotes, indicator_name, summary
from plantrack.text import safe
from plantrack.render.status_data import csv_status, json_status
from plantrack.render.status_table import markdown_status, print_status, status_table
from plantrack.render.words import HEADERS, STATUS_EN, STATUS_ZH

# Not ESC: a one-line field refuses control characters (issue 13, item 7); U+E0041 is escaped (item 8).
HOSTILE = "增加值[bold red]x[/]\U000e0041[31m红\u202e反\u200b|管"
HOSTILE_TOML = r"增加值[bold red]x[/]\U000E0041[31m红\u202e反\u200b|管"
HOSTILE_SHOWN = r"增加值[bold red]x[/]\U000e0041[31m红\u202e反\u200b|管"


def bundled_result(as_of: int | None = None):
    return evaluate_plan(open_plan(BUNDLED, XKS), as_of)


def render(renderable, width: int) -> str:
    console = Console(record=True, width=width, color_system=None, file=io.StringIO(), legacy_windows=False)
    console.print(renderable)
    return console.export_text()


def table_text(result, lang: str, width: int) -> str:
    return render(status_table(result, lang, width), width)


def hostile_plans(tmp_path: Path) -> Path:
    target = tmp_path / "plans"
    shutil.copytree(BUNDLED, target)
    plan_toml = target / XKS / "plan.toml"
    text = plan_toml.read_text(encoding="utf-8")
    assert 'name = "增加值年均增长率"' in text
    plan_toml.write_text(text.replace('name = "增加值年均增长率"', f'name = "{HOSTILE_TOML}"', 1), encoding="utf-8")
    return target


# ---------------------------------------------------------------------------------------------- exact tables

NARROW_60 = "\n".join([
    "             小昆山镇「十四五」规划主要发展指标             ",
    "                                                            ",
    " 序号  指标                        实际  状态      尚需每年 ",
    " ────────────────────────────────────────────────────────── ",
    "    1  增加值年均增长率           0.49%  严重滞后     7.42% ",
    "    2  财政总收入年均增长             —  暂无数据         — ",
    "       率                                                   ",
    "    3  地方财政收入年均增        21.24%  快于预期     2.50% ",
    "       长率                                                 ",
    "    4  工业总产值年均增长        24.46%  快于预期     1.83% ",
    "       率                                                   ",
    "    5  产值能耗年均下降率             —  暂无数据         — ",
    "       [约束性]                                             ",
    "    6  出口拨交值年均增长             —  暂无数据         — ",
    "       率                                                   ",
    "    7  全社会固定资产投资             —  暂无数据         — ",
    "    8  工业固定资产投资    27.72 (163%)  提前实现         — ",
    "    9  城乡居民人均可支配             —  暂无数据         — ",
    "       收入增长率                                           ",
    "   10  科创企业上市                   —  暂无数据         — ",
    "   11  净增高新技术企业               —  暂无数据         — ",
    "   12  新增战略新兴企业               —  暂无数据         — ",
    "   13  新增专精特新企业               —  暂无数据         — ",
    "   14  新增规上现代服务业             —  暂无数据         — ",
    "                                                            ",
    "",
])

MEDIUM_100 = "\n".join([
    "                               小昆山镇「十四五」规划主要发展指标                               ",
    "                                                                                                ",
    " 序号  指标                              目标          实际  数据年  进度比  状态      尚需每年 ",
    " ────────────────────────────────────────────────────────────────────────────────────────────── ",
    "    1  增加值年均增长率               年均 6%         0.49%  2021      0.08  严重滞后     7.42% ",
    "    2  财政总收入年均增长率           年均 6%             —  —            —  暂无数据         — ",
    "    3  地方财政收入年均增长率         年均 6%        21.24%  2021      3.54  快于预期     2.50% ",
    "    4  工业总产值年均增长率           年均 6%        24.46%  2021      4.08  快于预期     1.83% ",
    "    5  产值能耗年均下降率 [约束性]    年均 3%             —  —            —  暂无数据         — ",
    "    6  出口拨交值年均增长率           年均 6%             —  —            —  暂无数据         — ",
    "    7  全社会固定资产投资            150 亿元             —  —            —  暂无数据         — ",
    "    8  工业固定资产投资               17 亿元  27.72 (163%)  2021      8.15  提前实现         — ",
    "    9  城乡居民人均可支配收入增长率   年均 8%             —  —            —  暂无数据         — ",
    "   10  科创企业上市                      6 家             —  —            —  暂无数据         — ",
    "   11  净增高新技术企业                 50 家             —  —            —  暂无数据         — ",
    "   12  新增战略新兴企业                 10 家             —  —            —  暂无数据         — ",
    "   13  新增专精特新企业                 10 家             —  —            —  暂无数据         — ",
    "   14  新增规上现代服务业                8 家             —  —            —  暂无数据         — ",
    "                                                                                                ",
    "",
])

WIDE_200 = "\n".join([
    "                                                      小昆山镇「十四五」规划主要发展指标                                                      ",
    "                                                                                                                                              ",
    " 序号  指标                          属性        目标          实际  数据年   应达  进度比  状态      尚需每年         期末预计  把握         ",
    " ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────── ",
    "    1  增加值年均增长率              预期性   年均 6%         0.49%  2021    6.00%    0.08  严重滞后     7.42%   498718.96 万元  不太可能 24% ",
    "    2  财政总收入年均增长率          预期性   年均 6%             —  —           —       —  暂无数据         —                —  —            ",
    "    3  地方财政收入年均增长率        预期性   年均 6%        21.24%  2021    6.00%    3.54  快于预期     2.50%   127465.64 万元  可能 70%     ",
    "    4  工业总产值年均增长率          预期性   年均 6%        24.46%  2021    6.00%    4.08  快于预期     1.83%  3405175.80 万元  可能 80%     ",
    "    5  产值能耗年均下降率            约束性   年均 3%             —  —           —       —  暂无数据         —                —  —            ",
    "    6  出口拨交值年均增长率          预期性   年均 6%             —  —           —       —  暂无数据         —                —  —            ",
    "    7  全社会固定资产投资            预期性  150 亿元             —  —           —       —  暂无数据         —                —  —            ",
    "    8  工业固定资产投资              预期性   17 亿元  27.72 (163%)  2021     3.40    8.15  提前实现         —      138.60 亿元  很可能 100%  ",
    "    9  城乡居民人均可支配收入增长率  预期性   年均 8%             —  —           —       —  暂无数据         —                —  —            ",
    "   10  科创企业上市                  预期性      6 家             —  —           —       —  暂无数据         —                —  —            ",
    "   11  净增高新技术企业              预期性     50 家             —  —           —       —  暂无数据         —                —  —            ",
    "   12  新增战略新兴企业              预期性     10 家             —  —           —       —  暂无数据         —                —  —            ",
    "   13  新增专精特新企业              预期性     10 家             —  —           —       —  暂无数据         —                —  —            ",
    "   14  新增规上现代服务业            预期性      8 家             —  —           —       —  暂无数据         —                —  —            ",
    "                                                                                                                                              ",
    "",
])


def test_status_table_exact_at_60_columns():
    assert table_text(bundled_result(), "zh", 60) == NARROW_60


def test_status_table_exact_at_100_columns_drops_secondary_columns_and_marks_binding_in_the_name():
    assert table_text(bundled_result(), "zh", 100) == MEDIUM_100


def test_status_table_exact_at_200_columns():
    assert table_text(bundled_result(), "zh", 200) == WIDE_200


def _data_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()[:1].isdigit()]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_wide_table_columns_line_up_in_display_cells(lang):
    text = table_text(bundled_result(), lang, 200)
    lines = text.splitlines()
    assert len({cell_len(line) for line in lines}) == 1, {cell_len(line) for line in lines}
    words = STATUS_ZH if lang == "zh" else STATUS_EN
    rows = _data_rows(text)
    assert len(rows) == 14
    offsets = set()
    for line in rows:
        word = next(w for w in sorted(words.values(), key=len, reverse=True) if f"  {w}  " in line)
        offsets.add(cell_len(line[: line.index(f"  {word}  ") + 2]))
    header = lines[2]
    status_header = "状态" if lang == "zh" else "Status"
    offsets.add(cell_len(header[: header.index(status_header)]))
    assert len(offsets) == 1, offsets
    # The right-aligned "actual" column ends at the same cell on every row with a number in it.
    ends = {cell_len(line[: line.index(s) + len(s)]) for line, s in ((rows[0], "0.49%"), (rows[7], "27.72 (163%)"))}
    assert len(ends) == 1, ends


def test_very_wide_cjk_name_in_a_narrow_terminal_wraps_inside_its_column(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(BUNDLED, plans)
    plan_toml = plans / XKS / "plan.toml"
    long_name = "城乡居民人均可支配收入与经济增长基本同步并且持续稳定增长的年均增长率指标"
    plan_toml.write_text(plan_toml.read_text(encoding="utf-8").replace("增加值年均增长率", long_name, 1),
                         encoding="utf-8")
    result = evaluate_plan(open_plan(plans, XKS))
    for width in (30, 40, 60):
        text = table_text(result, "zh", width)
        lines = text.splitlines()
        assert all(cell_len(line) <= width for line in lines), width
        # The whole name is there, folded inside the name column, and the verdict is on the row's first line.
        first = next(i for i, line in enumerate(lines) if line.split()[:1] == ["1"])
        end = next(i for i, line in enumerate(lines) if line.split()[:1] == ["2"])
        assert "严重滞后" in lines[first]
        fragments = [line.split()[1 if i == first else 0] for i, line in enumerate(lines[first:end], first)]
        assert "".join(fragments) == long_name, (width, fragments)
        assert len(fragments) > 1


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [30, 40, 52, 60, 80, 100, 118, 140])
def test_every_row_keeps_its_name_and_verdict_at_any_width(lang, width):
    """Columns are dropped before the name is squeezed out: the name column never shrinks below 8 cells."""
    result = bundled_result()
    lines = table_text(result, lang, width).splitlines()
    assert all(cell_len(line) <= width for line in lines)
    words = STATUS_ZH if lang == "zh" else STATUS_EN
    no_end = 1 + cell_len(HEADERS[lang]["no"])  # the right-aligned 序号 column ends here
    rows = [line for line in lines[3:] if line[:no_end].strip().isdigit()]
    assert [int(line.split()[0]) for line in rows] == list(range(1, 15))
    for line, r in zip(rows, result.indicators):
        assert words[r.status] in line
        # The row's first line starts with the name (at least 3 cells of it), not with a squeezed-out column.
        first_part = line.split()[1]
        assert indicator_name(r.indicator, lang).startswith(first_part) and cell_len(first_part) >= 3, line


def test_print_status_adds_summary_and_alarm_footnote(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(BUNDLED, plans)
    with (plans / XKS / "actuals.toml").open("a", encoding="utf-8") as f:
        f.write('\n[energy-intensity-decline.2021]\nrate = 2.0\nsource = "test"\n')
    result = evaluate_plan(open_plan(plans, XKS))
    console = Console(record=True, width=200, color_system=None, file=io.StringIO())
    print_status(console, result, "zh")
    lines = console.export_text().splitlines()
    row5 = next(line for line in lines if line.lstrip().startswith("5 "))
    assert row5.split() == ["5", "‼", "产值能耗年均下降率", "约束性", "年均", "3%", "2.00%", "2021", "3.00%", "0.67",
                            "滞后", "⚠预警", "3.25%", "2.00%", "很难", "6%"]  # 把握: worked by hand (issue 31)
    assert lines[-3:] == [
        "截至 2021 年（第 1 年，共 5 年）：提前实现 1 · 快于预期 2 · 滞后 1 · 严重滞后 1 · 暂无数据 9",
        "‼ 约束性指标未达进度：产值能耗年均下降率",
        "预警 = 尚需的年度进度超过历年最好水平",
    ]


# ---------------------------------------------------------------------------------------------- cells and summary

def test_row_cells_for_value_added_are_two_decimals_half_up():
    row = build_row(bundled_result().indicators[0], "zh")
    assert row.cells == {
        "no": "1", "name": "增加值年均增长率", "attribute": "预期性", "target": "年均 6%", "actual": "0.49%",
        "year": "2021", "expected": "6.00%", "pace": "0.08", "status": "严重滞后", "required": "7.42%",
        "projection": "498718.96 万元", "likely": "不太可能 24%",  # docs/progress.md, "Likelihood", example B
    }
    assert (row.status, row.binding, row.alarm) == ("far_behind", False, False)


def test_row_cells_for_a_cumulative_indicator_keep_the_recorded_amount_exact():
    row = build_row(bundled_result().indicators[7], "en")
    assert row.cells == {
        "no": "8", "name": "Industrial fixed-asset investment, 2021–2025 total (工业固定资产投资)",
        "attribute": "expected", "target": "17 亿元", "actual": "27.72 (163%)", "year": "2021", "expected": "3.40",
        "pace": "8.15", "status": "achieved early", "required": "—", "projection": "138.60 亿元",
        "likely": "very likely 100%",  # a total already reached can only grow
    }


def test_summary_lines():
    result = bundled_result()
    assert summary(result, "zh") == "截至 2021 年（第 1 年，共 5 年）：提前实现 1 · 快于预期 2 · 严重滞后 1 · 暂无数据 10"
    assert summary(result, "en") == "as of 2021 (year 1 of 5): achieved early 1 · ahead 2 · far behind 1 · no data 10"
    assert footnotes(result, "zh") == []
    final = bundled_result(2030)
    assert final.as_of == 2025
    # Changed for issue 16: at the final evaluation row 8 (a total reached in 2021) is 已实现, rows 1, 3 and 4 (data
    # from 2021 only) are 期末数据缺失, and the ten with nothing at all are listed as a gap.
    assert summary(final, "zh") == "期末评估 2025 年：已实现 1 · 期末数据缺失 3 · 暂无数据 10"
    assert summary(final, "en") == "final evaluation, 2025: achieved 1 · no final data 3 · no data 10"
    assert footnotes(final, "zh")[0].startswith("规划期内无数据：财政总收入年均增长率、产值能耗年均下降率、")
    assert footnotes(final, "zh")[1:] == ["旧 = 数据年份早于评估年份"]


def test_summary_says_achieved_at_the_end_when_the_row_does(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(BUNDLED, plans)
    with (plans / XKS / "actuals.toml").open("a", encoding="utf-8") as f:
        f.write('\n[industrial-fixed-asset-investment.2025]\nvalue = 1\nunit = "亿元"\nsource = "test"\n')
    result = evaluate_plan(open_plan(plans, XKS))
    assert result.as_of == 2025
    assert build_row(result.indicators[7], "zh").cells["status"] == "已实现"
    assert summary(result, "zh").startswith("期末评估 2025 年：已实现 1 · ")


# ---------------------------------------------------------------------------------------------- markdown, csv, json

def test_markdown_status_exact_header_and_rows():
    lines = markdown_status(bundled_result(), "zh").splitlines()
    assert lines[:6] == [
        "### 小昆山镇「十四五」规划主要发展指标",
        "",
        "截至 2021 年（第 1 年，共 5 年）：提前实现 1 · 快于预期 2 · 严重滞后 1 · 暂无数据 10",
        "",
        "| 序号 | 指标 | 属性 | 目标 | 实际 | 数据年 | 应达 | 进度比 | 状态 | 尚需每年 | 期末预计 | 把握 |",
        "|---:|---|---|---:|---:|---|---:|---:|---|---:|---:|---|",
    ]
    assert lines[6] == ("| 1 | 增加值年均增长率 | 预期性 | 年均 6% | 0.49% | 2021 | 6.00% | 0.08 | 严重滞后 | 7.42% | 498718.96 万元 | "
                        "不太可能 24% |")
    assert lines[13] == ("| 8 | 工业固定资产投资 | 预期性 | 17 亿元 | 27.72 (163%) | 2021 | 3.40 | 8.15 | 提前实现 | — | "
                         "138.60 亿元 | 很可能 100% |")
    assert len(lines) == 20


def test_plan_text_is_data_in_every_renderer(tmp_path):
    result = evaluate_plan(open_plan(hostile_plans(tmp_path), XKS))
    assert result.indicators[0].indicator.name == HOSTILE  # the TOML escapes really made the control characters

    for width in (40, 60, 100, 200):
        text = table_text(result, "zh", width)
        assert "\x1b" not in text and "\u202e" not in text and "\u200b" not in text
        if width >= 60:
            assert "[bold" in text and "red]x[/]" in text  # at 60 the name wraps at its space
    assert HOSTILE_SHOWN in table_text(result, "zh", 200)

    md = markdown_status(result, "zh")
    assert "\x1b" not in md and "\u202e" not in md and "\u200b" not in md
    # Backslashes and the pipe are Markdown-escaped, so the rendered cell reads exactly HOSTILE_SHOWN.
    from plantrack.text import md as md_escape  # the one Markdown escaper (brackets too, since issue 13)

    expected_cell = md_escape(HOSTILE)
    assert expected_cell == HOSTILE_SHOWN.replace("\\", "\\\\").replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")
    assert f"| 1 | {expected_cell} | 预期性 |" in md
    assert len([line for line in md.splitlines() if line.startswith("| ") and line[2:3].isdigit()]) == 14

    # Data formats keep the name exactly as written; markup is never interpreted.
    assert json.loads(json_status(result))["indicators"][0]["name"] == HOSTILE
    assert csv_status(result).splitlines()[1].split(",")[4] == HOSTILE


def test_safe_turns_controls_and_invisibles_into_visible_escapes():
    assert safe("a\x1b[31mb") == "a\\x1b[31mb"
    assert safe("\u202e\u200b\u2066\ufeff\x9b") == "\\u202e\\u200b\\u2066\\ufeff\\x9b"
    assert safe("[bold]x[/]") == "[bold]x[/]"
    assert safe("a\nb") == "a\\x0ab"
    assert safe("a\nb", keep_newlines=True) == "a\nb"
    assert safe("中文 · 2.5%") == "中文 · 2.5%"


def test_json_numbers_computed_to_four_decimals_recorded_amounts_exact():
    data = json.loads(json_status(bundled_result()), parse_float=Decimal)
    by_id = {i["id"]: i for i in data["indicators"]}
    va = by_id["value-added-growth"]
    assert (va["actual"], va["pace_ratio"], va["required"]) == (Decimal("0.4932"), Decimal("0.0822"), Decimal("7.4232"))
    ifa = by_id["industrial-fixed-asset-investment"]
    assert (ifa["actual"], ifa["status"], ifa["completion"]) == (Decimal("27.72"), "achieved", Decimal("163.0588"))
