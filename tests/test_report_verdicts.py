"""Second paths in the report (review "verdicts"): each question the report answers in two places is answered
by one rule, so its two places cannot disagree.

The shapes (all hand-read, nothing computed by the code under test). Plan t1, 2021–2025, base 2020, evaluated
at the end year 2025:
  1 gdp     annual_rate 6%, expected    only a 2025 figure, no base-year level: no_data WITH a figure
                                        (data year 2025): it cannot be worked out, it is not a gap
  2 energy  total_change −10%, binding  p3dir: only the 2020 (base) figure: no figure in the period, a gap
                                        p1:    2020 and 2023 figures: no_final_data (latest 96 / 100 = −4%
                                               against 10% × 3/5 = 6% due: R 0.67, behind)
                                        p1-ahead: 93 in 2023 (−7% against 6%: ahead), still no end-year figure
  3 forest  level ≥ 20%, binding        15 → 21: achieved
"mid" is evaluated as of 2023 with gdp's figure in 2023 (still no base level); "kept" has energy 85 in 2025
(−15%, achieved) and gdp nothing at all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from test_check import assert_no_crash

PLAN = """[plan]
id = "t1"
name = "测试镇"
name_en = "Test town"
start = 2021
end = 2025
base_year = 2020

[[indicators]]
id = "gdp"
no = 1
name = "增加值年均增长率"
name_en = "GDP growth"
attribute = "expected"
kind = "annual_rate"
direction = "increase"
unit = "%"
target = 6
value_unit = "万元"

[[indicators]]
id = "energy"
no = 2
name = "单位能耗下降"
name_en = "Energy"
attribute = "binding"
kind = "total_change"
direction = "decrease"
unit = "%"
target = 10
value_unit = "吨"

[[indicators]]
id = "forest"
no = 3
name = "森林覆盖率"
name_en = "Forest"
attribute = "binding"
kind = "level"
direction = "increase"
unit = "%"
target = 20
"""

GDP_2025 = '[gdp.2025]\nvalue = 100\nunit = "万元"\n'
GDP_2023 = '[gdp.2023]\nvalue = 100\nunit = "万元"\n'
ENERGY_BASE = '[energy.2020]\nvalue = 100\nunit = "吨"\n'
ENERGY_2023 = '[energy.2023]\nvalue = 96\nunit = "吨"\n'
ENERGY_2023_OK = '[energy.2023]\nvalue = 93\nunit = "吨"\n'  # −7% against 10% × 3/5 = 6% due: ahead
ENERGY_2025 = '[energy.2025]\nvalue = 85\nunit = "吨"\n'   # −15% ≥ 10%: achieved
FOREST = "[forest.2020]\nvalue = 15\n[forest.2025]\nvalue = 21\n"

SHAPES = {
    "p3dir": GDP_2025 + ENERGY_BASE + FOREST,
    "p1": GDP_2025 + ENERGY_BASE + ENERGY_2023 + FOREST,
    "p1-ahead": GDP_2025 + ENERGY_BASE + ENERGY_2023_OK + FOREST,
    "mid": GDP_2023 + ENERGY_BASE + FOREST,            # as of 2023: gdp has a figure, energy and forest none
    "kept": ENERGY_BASE + ENERGY_2025 + FOREST,        # both binding achieved, gdp nothing at all
}


def plans_of(tmp_path: Path, shape: str) -> Path:
    plans = tmp_path / "plans"
    (plans / "t1").mkdir(parents=True)
    (plans / "t1" / "plan.toml").write_text(PLAN, encoding="utf-8")
    (plans / "t1" / "actuals.toml").write_text(SHAPES[shape], encoding="utf-8")
    return plans


def report(invoke, plans: Path, *args: str) -> str:
    out = plans.parent / "r.out"
    result = invoke("report", "--plans-dir", str(plans), "-o", str(out), *args)
    assert_no_crash(result)
    assert result.exit_code == 0, result.stdout + result.stderr
    text = out.read_text(encoding="utf-8")
    out.unlink()
    return text


# --- F1: "no figure in the period" counted one way by the gap line and the draft of 总体评价 -------------------

GAP_ZH = "规划期内无数据（本次评估的缺项）：2. 单位能耗下降。"
GAP_EN = "No data in the plan period (a gap in this evaluation): 2. Energy (单位能耗下降)."

DRAFTS = [
    pytest.param("p3dir", "zh", (), GAP_ZH,
                 "规划期末（2025 年），3 项主要指标中，已实现 1 项。约束性指标 2 项，完成 1 项、未完成 0 项、"
                 "1 项缺少期末数据，无法判断是否完成。另有 1 项规划期内无数据，是本次总结评估的缺项；"
                 "1 项有记录但无法计算，原因见分指标评估。", id="p3dir-zh"),
    pytest.param("p3dir", "en", (), GAP_EN,
                 "At the end of the plan (2025), of 3 indicators: 1 achieved. Of 2 binding indicators, 1 completed "
                 "and 0 not completed; 1 without an end-year figure, not known. 1 has no figure in the plan period: "
                 "a gap in this final evaluation. 1 has figures recorded but cannot be worked out: the indicator "
                 "sections say why.", id="p3dir-en"),
    pytest.param("p1", "zh", (), None,
                 "规划期末（2025 年），3 项主要指标中，已实现 1 项、期末数据缺失 1 项。约束性指标 2 项，完成 1 项、"
                 "未完成 0 项、1 项缺少期末数据，无法判断是否完成。另有 1 项有记录但无法计算，原因见分指标评估。",
                 id="p1-zh"),
    pytest.param("mid", "zh", ("--as-of", "2023"), None,
                 "3 项主要指标中，尚无可评价的指标。约束性指标 2 项，均未出现滞后。另有 2 项规划期内尚无数据，"
                 "待数据补齐后再作评价；1 项有记录但无法计算，原因见分指标评估。", id="mid-zh"),
    pytest.param("mid", "en", ("--as-of", "2023"), None,
                 "Of 3 indicators: none can be judged yet. None of the 2 binding indicators is behind schedule. "
                 "2 have no figure in the plan period yet and are to be assessed when they do. 1 has figures "
                 "recorded but cannot be worked out: the indicator sections say why.", id="mid-en"),
]


@pytest.mark.parametrize(("shape", "lang", "args", "gap", "draft"), DRAFTS)
def test_the_draft_counts_the_gaps_the_gap_line_names(invoke, tmp_path, shape, lang, args, gap, draft):
    """gdp has a 2025 figure: not a gap (its section says 有记录，但无法计算), so the draft does not count it as
    规划期内无数据; energy without a figure in the period is the one gap, in the line and in the draft."""
    text = report(invoke, plans_of(tmp_path, shape), "--format", "markdown", "--lang", lang, *args)
    assert draft in text.splitlines()
    lines = [line for line in text.splitlines() if line.startswith(("规划期内无数据（", "No data in the plan period ("))]
    assert lines == ([gap] if gap else [])


# --- F2: section 二 drawn as the all-clear box only when it is all clear ----------------------------------------


@pytest.mark.parametrize(("shape", "box", "intro"), [
    # energy cannot be judged (no figure): a promise not shown kept is not all clear
    ("p3dir", '<section id="lagging" class="lagging">', "<p>以下约束性指标缺少期末数据，无法判断承诺是否兑现：</p>"),
    # energy's latest (2023) judgement was behind (4% against 6% due) and there is no end-year figure
    ("p1", '<section id="lagging" class="lagging">', "<p>以下约束性指标缺少期末数据，无法判断承诺是否兑现：</p>"),
    # ahead in 2023, but no end-year figure: whether the promise was kept is not known, so not all clear either
    ("p1-ahead", '<section id="lagging" class="lagging">', "<p>以下约束性指标缺少期末数据，无法判断承诺是否兑现：</p>"),
    ("kept", '<section id="lagging" class="lagging none">', "<p>以下约束性指标已实现，承诺已兑现：</p>"),
])
def test_section_two_is_all_clear_only_when_every_promise_was_kept(invoke, tmp_path, shape, box, intro):
    html = report(invoke, plans_of(tmp_path, shape), "--format", "html")
    section = html[html.index('<section id="lagging"'):html.index('<section id="table">')]
    assert section.startswith(box) and intro in section


# --- F3: one meaning of 原 for an adjusted target -------------------------------------------------------------

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "adjust"
SECOND = '[[indicators.adjustments]]\nyear = 2024\ntarget = 130\nsource = "松府〔2024〕3号"\n\n'

ONCE_ZH = "重大项目投资：自 2023 年起目标由 100 亿元调整为 120 亿元，依据松府〔2023〕12号；调整原因：中期评估调整。"
TWICE_ZH = "重大项目投资：自 2024 年起目标由 120 亿元调整为 130 亿元，依据松府〔2024〕3号。"
RATE_ZH = "地区生产总值增长：自 2023 年起目标由年均 7% 调整为年均 6%，依据松府〔2023〕12号。"
ONCE_EN = ("Major project investment (重大项目投资): from 2023, the target was changed from 100 亿元 to 120 亿元, "
           "approved by 松府〔2023〕12号; reason: 中期评估调整.")
TWICE_EN = ("Major project investment (重大项目投资): from 2024, the target was changed from 120 亿元 to 130 亿元, "
            "approved by 松府〔2024〕3号.")
RATE_EN = "GDP growth (地区生产总值增长): from 2023, the target was changed from avg 7% to avg 6%, approved by 松府〔2023〕12号."


def adjusted_plans(tmp_path: Path, twice: bool) -> Path:
    plans = tmp_path / "plans"
    shutil.copytree(FIXTURE, plans)
    if twice:
        path = plans / "adj-14th" / "plan.toml"
        text = path.read_text(encoding="utf-8")
        first = text.index('reason = "中期评估调整"\n') + len('reason = "中期评估调整"\n')
        path.write_text(text[:first] + "\n" + SECOND + text[first:].lstrip("\n"), encoding="utf-8")
    return plans


@pytest.mark.parametrize(("twice", "lang", "lines", "target"), [
    (False, "zh", [ONCE_ZH, RATE_ZH], "- 目标：120 亿元（2023 年调整，原 100 亿元）"),
    (True, "zh", [ONCE_ZH, TWICE_ZH, RATE_ZH], "- 目标：130 亿元（2024 年调整，原 100 亿元）"),
    (False, "en", [ONCE_EN, RATE_EN], "- Target: 120 亿元 (adjusted 2023, was 100 亿元)"),
    (True, "en", [ONCE_EN, TWICE_EN, RATE_EN], "- Target: 130 亿元 (adjusted 2024, was 100 亿元)"),
])
def test_an_adjustment_names_the_target_it_replaced_and_the_table_the_plans_original(
        invoke, tmp_path, twice, lang, lines, target):
    """The table's 原 is the plan's original target (render/rows.target_text, decided); section 五 says each
    adjustment's before and after in words that cannot be read as that 原 (由 120 亿元调整为 130 亿元)."""
    plans = adjusted_plans(tmp_path, twice)
    text = report(invoke, plans, "--format", "markdown", "--lang", lang, "--as-of", "2025")
    section = text[text.index("## 五、中期调整" if lang == "zh" else "## 5. Target adjustments"):].splitlines()
    assert [line for line in section if line.startswith(("重大项目投资", "地区生产总值增长", "Major", "GDP"))] == lines
    assert target in text.splitlines()
    result = invoke("history", "projects", "--plans-dir", str(plans), "--plan", "adj-14th", "--lang", lang)
    assert result.exit_code == 0, result.stdout + result.stderr
    for line in lines[:-1]:  # history prints the same lines under its table (report/adjustments.history_lines)
        assert line in result.stdout
