"""`plantrack show` at the CLI edge, and the help text of every command."""

from __future__ import annotations

import shutil

import pytest
import typer

from conftest import XKS
from plantrack.cli.app import app

# Not ESC: a one-line field refuses control characters (issue 13, item 7); U+E0041 is escaped (item 8).
HOSTILE_TOML = r"增加值[bold red]x[/]\U000E0041[31m红\u202e反\u200b|管"
HOSTILE_SHOWN = r"增加值[bold red]x[/]\U000e0041[31m红\u202e反\u200b|管"


def assert_clean(result, code: int) -> None:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout + result.stderr


def working(stdout: str) -> list[str]:
    """The verdict line and the indented working under it."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(("判断 (", "Verdict (")))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith("  ")), len(lines))
    return lines[start:end]


# ------------------------------------------------------------------------------------------- finding the indicator

@pytest.mark.parametrize("key", ["industrial-fixed-asset-investment", "8", "工业固定资产投资",
                                 "Industrial fixed-asset investment, 2021–2025 total"])
def test_show_finds_the_indicator_by_id_number_or_name(invoke, plans_dir, key):
    result = invoke("show", key, "--plans-dir", str(plans_dir))
    assert_clean(result, 0)
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "8. 工业固定资产投资  Industrial fixed-asset investment, 2021–2025 total"
    assert lines[1] == ("industrial-fixed-asset-investment · 预期性 · 期内累计量（增长） · 目标 17 亿元 · "
                        "2021–2025，基期 2020")
    assert working(result.stdout) == [
        "判断 (2021): 提前实现",
        "  S = 27.72 = 27.72 亿元",
        "  S / T = 27.72 / 17 = 163.06%；按计划 k / N = 1 / 5 = 20.00%",
        "  R = 163.0588% / 20.0000% = 8.1529",  # R rounded once, 4 decimals (issue 15, item 3)
        "  2025 年预计 = S × N / k = 27.72 × 5 / 1 = 138.60 亿元",
        "  提前实现：目标已实现",
    ]
    # The year table: history years marked, the 2021 amount as recorded, converted, and the running total.
    row_2021 = next(line for line in lines if line.strip().startswith("2021 "))
    assert row_2021.split()[:4] == ["2021", "27.72", "亿元", "27.72"]
    assert "Σ 27.72" in row_2021
    assert sum(" 历史 " in line for line in lines) == 5


def test_show_value_added_prints_the_working_with_its_numbers(invoke, plans_dir):
    result = invoke("show", "1", "--plans-dir", str(plans_dir))
    assert_clean(result, 0)
    assert result.stderr == ""
    assert result.stdout.splitlines()[0] == "1. 增加值年均增长率  Value added, average annual growth"
    lines = working(result.stdout)
    assert lines[0] == "判断 (2021): 严重滞后"
    body = "\n".join(lines[1:])
    assert "489000 / 486600" in lines[1]
    assert lines[2].startswith("  a = ") and lines[2].endswith("= 0.49%")
    assert "R = a / r" in body and "0.4932 / 6" in body
    assert "  实现目标尚需 = ((1 + 6%)^5 / (1 + a)^1)^(1/4) − 1 = 7.42%（每年）" in lines
    assert lines[-1] == ("  R = 0.0822 → 严重滞后（进度比 R ≥ 1.05 为快于预期；R ≥ 0.95 为符合预期；R ≥ 0.60 为滞后；"
                         "否则为严重滞后）")
    # The chart follows, from the base year to the end year.
    assert [line.split()[0] for line in result.stdout.splitlines()[-6:]] == [str(y) for y in range(2020, 2026)]


def test_show_lang_en(invoke, plans_dir):
    result = invoke("show", "value-added-growth", "--plans-dir", str(plans_dir), "--lang", "en")
    assert_clean(result, 0)
    assert result.stderr == ""
    assert working(result.stdout) == [
        "Verdict (2021): far behind",
        "  g2021 = 489000 / 486600 = 1.004932  (levels)",
        "  a = (1.004932)^(1/1) − 1 = 0.49%",
        "  R = a / r = 0.4932 / 6 = 0.0822",
        "  required = ((1 + 6%)^5 / (1 + a)^1)^(1/4) − 1 = 7.42% a year",
        "  projection 2025 = 489000 × (1 + a)^4 = 498718.96",
        "  R = 0.0822 → far_behind  (ahead R ≥ 1.05; on_track R ≥ 0.95; behind R ≥ 0.60; else far_behind)",
    ]
    assert "value-added-growth · expected · annual_rate (increase) · Target avg 6% · 2021–2025, base 2020" in (
        result.stdout)
    assert "2016 hist." in result.stdout
    assert "█ actual  ░ still needed  ┃ on schedule" in result.stdout


def test_show_an_indicator_without_data(invoke, plans_dir):
    result = invoke("show", "net-new-high-tech", "--plans-dir", str(plans_dir))
    assert_clean(result, 0)
    assert result.stderr == ""
    assert working(result.stdout) == ["判断 (—): 暂无数据", "  暂无数据：规划期内尚无记录"]
    english = invoke("show", "net-new-high-tech", "--plans-dir", str(plans_dir), "--lang", "en")
    assert working(english.stdout) == ["Verdict (—): no data", "  no_data: no data recorded in the period yet"]


def test_show_a_binding_indicator_below_schedule(invoke, plans_dir):
    with (plans_dir / XKS / "actuals.toml").open("a", encoding="utf-8") as f:
        f.write('\n[energy-intensity-decline.2021]\nrate = 2.0\nsource = "test"\n')
    result = invoke("show", "5", "--plans-dir", str(plans_dir))
    assert_clean(result, 0)
    lines = working(result.stdout)
    assert lines[0] == "判断 (2021): 滞后  ⚠ 预警：尚需进度超过历年最好水平"
    assert lines[-1] == ("  R = 0.6667 → 滞后（进度比 R ≥ 1.05 为快于预期；R ≥ 1.00 为符合预期（约束性指标，不留余量）；"
                         "R ≥ 0.60 为滞后；否则为严重滞后）")
    assert "a / r = 2.0000 / 3 = 0.6667" in "\n".join(lines)


def test_show_a_typo_suggests_the_nearest_id(invoke, plans_dir):
    result = invoke("show", "value-added-grow", "--plans-dir", str(plans_dir))
    assert_clean(result, 2)
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith("错误 / Error: ")
    assert "'value-added-grow'" in first
    assert "did you mean: value-added-growth" in first
    assert "1 value-added-growth 增加值年均增长率" in result.stderr


def test_show_with_several_plans_needs_plan(invoke, plans_dir):
    shutil.copytree(plans_dir / XKS, plans_dir / "second-14th")
    plan_toml = plans_dir / "second-14th" / "plan.toml"
    plan_toml.write_text(plan_toml.read_text(encoding="utf-8").replace(f'id = "{XKS}"', 'id = "second-14th"', 1),
                         encoding="utf-8")
    result = invoke("show", "1", "--plans-dir", str(plans_dir))
    assert_clean(result, 2)
    assert result.stdout == ""
    assert "--plan" in result.stderr and "second-14th, xiaokunshan-14th" in result.stderr
    picked = invoke("show", "1", "--plans-dir", str(plans_dir), "--plan", "second-14th")
    assert_clean(picked, 0)
    assert working(picked.stdout)[0] == "判断 (2021): 严重滞后"


def test_show_hostile_text_is_shown_literally(invoke, plans_dir):
    plan_toml = plans_dir / XKS / "plan.toml"
    text = plan_toml.read_text(encoding="utf-8")
    text = text.replace('name = "增加值年均增长率"', f'name = "{HOSTILE_TOML}"', 1)
    text = text.replace('note = "2021 年数据来源', r'note = "[red]注[/]\u001b[2J\u202e 2021 年数据来源', 1)
    plan_toml.write_text(text, encoding="utf-8")
    result = invoke("show", "1", "--plans-dir", str(plans_dir))
    assert_clean(result, 0)
    assert result.stdout.splitlines()[0] == f"1. {HOSTILE_SHOWN}  Value added, average annual growth"
    assert result.stdout.splitlines()[2].startswith(r"[red]注[/]\x1b[2J\u202e 2021 年数据来源")
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout and "\u200b" not in result.stdout


# ------------------------------------------------------------------------------------------- help

def _commands() -> dict:
    group = typer.main.get_command(app)
    return group.commands  # type: ignore[attr-defined]


def test_the_core_commands_are_registered():
    assert {"check", "status", "show"} <= set(_commands())


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_has_help_with_a_summary_and_an_example(invoke, name):
    command = _commands()[name]
    result = invoke(name, "--help")
    assert_clean(result, 0)
    assert result.stderr == ""
    assert result.stdout.startswith(f"用法 / Usage: plantrack {name} ")
    doc = (command.help or "").strip()
    summary = doc.split("\n\n")[0]
    assert summary and "\n" not in summary, f"{name}: the first paragraph of the docstring is one line"
    # Click rewraps the summary paragraph; compare it with whitespace normalised.
    assert " ".join(summary.split()) in " ".join(result.stdout.split())
    assert "Example" in result.stdout
    assert "plantrack " + name in result.stdout.split("Example", 1)[1]


@pytest.mark.parametrize("name, examples", [
    ("status", ["plantrack status", "plantrack status --as-of 2023 --format json"]),
    ("show", ["plantrack show value-added-growth", "plantrack show 8", "plantrack show 工业固定资产投资"]),
])
def test_examples_keep_one_command_per_line(invoke, name, examples):
    lines = [line.strip() for line in invoke(name, "--help").stdout.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("Example:"))
    assert [lines[start].removeprefix("Example:").strip(), *lines[start + 1:start + len(examples)]] == examples


def test_root_help_lists_every_command_with_its_summary(invoke):
    result = invoke("--help")
    assert_clean(result, 0)
    assert result.stderr == ""
    listed = result.stdout.split("Commands:", 1)[1].splitlines()
    for name in _commands():
        line = next((line for line in listed if line.split()[:1] == [name]), None)
        assert line is not None and len(line.split()) > 1, name
