"""Issue 30, item 3: a district's roll-up behind rates and over totals.

A district of three towns whose GDP is an `annual_rate` indicator with levels recorded, each town in its own
money unit (万元, 亿元, 元), the district's indicator in 亿元 with `rollup = "sum"`:

| plan | 2020 | 2022 | 2023 |
|---|---|---|---|
| 甲镇 town-a (id gdp, no group: its id is the district's group) | 1000000 万元 = 100 亿元 | 1150000 万元 = 115 | 1210000 万元 = 121 |
| 乙镇 town-b (id regional-gdp, group gdp) | 200 亿元 | 216 | 230 |
| 丙镇 town-c (id gdp-growth, no group: the district's own id) | 10000000000 元 = 100 亿元 | 10400000000 元 = 104 | 10900000000 元 = 109 |
| members' sum | 400 | 435 | 460 |
| 示例区 district (own) | 400 | 436 | 461, rate 5.7 recorded |

Before: `check` refused rollup on a rate kind ("只用于 cumulative 或 level"), and town-c (the district's id, no
group) was listed as 无当年数据.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DISTRICT = '''[plan]
id = "district"
name = "示例区规划"
short_name = "示例区"
start = 2021
end = 2025
members = ["town-a", "town-b", "town-c"]

[[indicators]]
id = "gdp-growth"
no = 1
name = "地区生产总值年均增长"
kind = "annual_rate"
unit = "%"
value_unit = "亿元"
target = 6
group = "gdp"
rollup = "sum"
'''
DISTRICT_ACTUALS = '''[gdp-growth.2020]
value = 400
[gdp-growth.2022]
value = 436
[gdp-growth.2023]
value = 461
rate = 5.7
'''
# plan id -> (short name, indicator id, group line, value_unit, levels 2020, 2022, 2023)
TOWNS = {
    "town-a": ("甲镇", "gdp", "", "万元", ("1000000", "1150000", "1210000")),
    "town-b": ("乙镇", "regional-gdp", 'group = "gdp"\n', "亿元", ("200", "216", "230")),
    "town-c": ("丙镇", "gdp-growth", "", "元", ("10000000000", "10400000000", "10900000000")),
}


def town(plans: Path, plan_id: str, ind: str, group: str, unit: str, levels: dict[int, str], start: int = 2021,
         end: int = 2025) -> None:
    name = TOWNS.get(plan_id, (plan_id,))[0]
    folder = plans / plan_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plan.toml").write_text(
        f'[plan]\nid = "{plan_id}"\nname = "{name}规划"\nshort_name = "{name}"\nstart = {start}\nend = {end}\n\n'
        f'[[indicators]]\nid = "{ind}"\nno = 1\nname = "地区生产总值年均增长"\nkind = "annual_rate"\nunit = "%"\n'
        f'value_unit = "{unit}"\ntarget = 6\n{group}', "utf-8")
    (folder / "actuals.toml").write_text("".join(f"[{ind}.{y}]\nvalue = {v}\n" for y, v in levels.items()), "utf-8")


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    root = tmp_path / "plans"
    (root / "district").mkdir(parents=True)
    (root / "district" / "plan.toml").write_text(DISTRICT, "utf-8")
    (root / "district" / "actuals.toml").write_text(DISTRICT_ACTUALS, "utf-8")
    for plan_id, (_, ind, group, unit, levels) in TOWNS.items():
        town(root, plan_id, ind, group, unit, dict(zip((2020, 2022, 2023), levels)))
    return root


def run(*args: str, columns: int = 200) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1"}
    env.pop("PLANTRACK_PLANS_DIR", None)
    exe = Path(sys.executable).parent / "plantrack"
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, timeout=300)


def rollup(plans: Path) -> dict:
    result = run("status", "--plans-dir", str(plans), "--plan", "district", "--format", "json")
    assert result.returncode == 0, result.stderr
    (line,) = json.loads(result.stdout)["plans"][0]["rollup"]
    return line


def test_three_towns_gdp_levels_are_summed_and_their_implied_growth_shown_beside_the_districts_own(plans):
    assert run("check", str(plans)).returncode == 0
    line = rollup(plans)
    # 121 + 230 + 109 = 460 亿元 in 2023 against the district's 461: a difference of 1 亿元
    assert (line["kind"], line["year"], line["unit"], line["own"], line["members_total"], line["difference"]) == \
        ("annual_rate", 2023, "亿元", 461, 460, 1)
    assert line["members_counted"] == ["town-a", "town-b", "town-c"] and line["members_missing"] == []
    rates = line["rates"]
    # sums at B = 2020, Y − 1 = 2022, Y = 2023: 100 + 200 + 100 = 400; 115 + 216 + 104 = 435; 460
    assert (rates["base_year"], rates["members_base"], rates["members_previous"], rates["members_level"]) == \
        (2020, 400, 435, 460)
    # 460 / 435 − 1 = 5/87 = 0.0574712… → 5.7471 %; the district recorded 5.7 (one place): 5.7471 → 5.7, agrees
    assert (rates["year_rate"], rates["own_year_rate"], rates["year_rate_agrees"]) == (5.7471, 5.7, True)
    # (460 / 400)^(1/3) − 1 = 1.15^(1/3) − 1 = 0.0476896 (1.0476896³ = 1.1500000) → 4.7690 %.
    # The district is judged on its own factors: 436/400 = 1.09 for 2021–2022 and its recorded 5.7 % for 2023,
    # (1.09 × 1.057)^(1/3) − 1 = 1.15213^(1/3) − 1 = 0.0483360 (1.048336³ = 1.152130) → 4.8336 %: 0.0646
    # points apart, beyond the 2 places rates are shown with.
    assert (rates["period_measure"], rates["period_rate"], rates["own_period_rate"], rates["period_rate_agrees"]) \
        == ("average", 4.769, 4.8336, False)
    assert rates["members_missing"] == [] and line["members_other_period"] == [] and line["period"] is None
    table = run("status", "--plans-dir", str(plans), columns=200).stdout
    assert ("示例区 地区生产总值年均增长 2023 年：本级水平 461 亿元；成员合计 460 亿元；差额 1 亿元；"
            "成员合计比上年增长 5.75%；本级 5.7%：一致；成员合计 2021—2023 年年均增长 4.77%；"
            "本级 4.83%（评估依据）：相差 0.06 个百分点") in table.replace("\n", "；")
    md = run("status", "--plans-dir", str(plans), "--format", "markdown", "--lang", "en").stdout
    assert ("members' total grew 5.75% on the year before; own 5.7%: agrees; members' total grew 4.77% a year "
            "2020–2023; own 4.83% (judged): differs by 0.06 points") in md
    report = run("report", "--plans-dir", str(plans), "--all", "--format", "markdown")
    assert report.returncode == 0, report.stderr
    assert "成员合计 2021—2023 年年均增长 4.77%；本级 4.83%（评估依据）：相差 0.06 个百分点" in report.stdout


@pytest.mark.parametrize("columns", [60, 80])
def test_the_rate_lines_fit_a_narrow_terminal(plans, columns):
    out = run("status", "--plans-dir", str(plans), columns=columns).stdout
    assert "…" not in out and "相差 0.06 个百分点" in out


# (town-c's indicator id, its group line, counted in the district's total?) — the one rule: the district's
# group (a member's group, else its id, equal to it), failing that the district's own id with no group.
MATCHES = {
    "the-districts-id-no-group": ("gdp-growth", "", True),        # before: listed as 无当年数据
    "the-districts-group-as-id": ("gdp", "", True),
    "in-the-group": ("town-gdp", 'group = "gdp"\n', True),
    "the-districts-id-another-group": ("gdp-growth", 'group = "gdp-nominal"\n', False),
    "another-id-no-group": ("output", "", False),
}


@pytest.mark.parametrize("case", sorted(MATCHES))
def test_a_members_indicator_matches_by_group_else_by_the_districts_id(plans, case):
    ind, group, counted = MATCHES[case]
    town(plans, "town-c", ind, group, "元", {2020: "10000000000", 2022: "10400000000", 2023: "10900000000"})
    line = rollup(plans)
    assert ("town-c" in line["members_counted"]) is counted
    # 460 with town-c's 109 亿元, 351 without it (121 + 230)
    assert line["members_total"] == (460 if counted else 351)
    assert line["members_missing"] == ([] if counted else ["town-c"])


def test_a_member_lacking_a_compared_year_or_on_another_period_is_named_and_left_out_whole(plans):
    # town-c has no 2022: its 2023 level is in the year's total (460), but not in the rates, which compare
    # 2020, 2022 and 2023: sums 100 + 200 = 300, 115 + 216 = 331, 121 + 230 = 351.
    town(plans, "town-c", "gdp-growth", "", "元", {2020: "10000000000", 2023: "10900000000"})
    line = rollup(plans)
    assert line["members_total"] == 460
    rates = line["rates"]
    assert (rates["members_base"], rates["members_previous"], rates["members_level"]) == (300, 331, 351)
    assert rates["members_counted"] == ["town-a", "town-b"]
    assert rates["members_missing"] == [{"member": "town-c", "years": [2022]}]
    # 351 / 331 − 1 = 20/331 = 0.0604229… → 6.0423 %
    assert rates["year_rate"] == 6.0423
    table = run("status", "--plans-dir", str(plans)).stdout.replace("\n", "；")
    assert "未计入（缺年份）：丙镇缺 2022 年" in table
    # town-b on a plan of 2022–2026: named with its period, left out of the rates; town-c (no 2022) as well
    town(plans, "town-b", "regional-gdp", 'group = "gdp"\n', "亿元", {2020: "200", 2022: "216", 2023: "230"},
         start=2022, end=2026)
    line = rollup(plans)
    assert line["members_other_period"] == [{"member": "town-b", "start": 2022, "end": 2026}]
    # only town-a remains: 121 / 115 − 1 = 6/115 = 0.0521739… → 5.2174 %
    assert line["rates"]["members_counted"] == ["town-a"] and line["rates"]["year_rate"] == 5.2174
    table = run("status", "--plans-dir", str(plans)).stdout.replace("\n", "；")
    assert "规划期不同，不计入期内合计与增速：乙镇（2022—2026 年）" in table


FIXTURE = Path(__file__).parent / "fixtures" / "district"


def test_a_cumulative_indicator_is_checked_over_the_period_to_date_as_well_as_the_year(tmp_path):
    """tests/fixtures/district: songjiang's fixed-asset investment, 100 + 110 + 120 = 330 亿元 over 2021–2023;
    xiaokunshan 300000 + 320000 + 350000 万元 = 97 亿元, sijing 40 + 45 + 50 = 135 亿元: 232, difference 98. The
    closed sheshan-13th (2016–2020) is another period: named, not summed."""
    import shutil

    plans = tmp_path / "plans"
    shutil.copytree(FIXTURE, plans)

    def period() -> dict:
        result = run("status", "--plans-dir", str(plans), "--plan", "songjiang", "--format", "json")
        lines = {line["indicator"]: line for line in json.loads(result.stdout)["plans"][0]["rollup"]}
        assert lines["enterprises"]["period"] is None  # a level has no period total
        return lines["fixed-asset-investment"]

    line = period()
    assert (line["year"], line["own"], line["members_total"], line["difference"]) == (2023, 120, 85, 35)
    assert line["period"] == {"start": 2021, "year": 2023, "own": 330, "own_missing_years": [], "members_total": 232,
                              "difference": 98, "members_counted": ["xiaokunshan", "sijing"], "members_missing": []}
    assert line["members_other_period"] == [{"member": "sheshan-13th", "start": 2016, "end": 2020}]
    table = run("status", "--plans-dir", str(plans)).stdout.replace("\n", "；")
    assert "2021—2023 年累计：本级 330 亿元；成员合计 232 亿元；差额 98 亿元" in table
    # sijing without 2022: left out of the period total whole (never 40 + 50 of it), named with the year
    actuals = plans / "sijing" / "actuals.toml"
    actuals.write_text(actuals.read_text("utf-8").replace("[fixed-asset-investment.2022]\nvalue = 45\n", ""), "utf-8")
    line = period()
    assert (line["period"]["members_total"], line["period"]["difference"]) == (97, 233)  # 330 − 97
    assert line["period"]["members_missing"] == [{"member": "sijing", "years": [2022]}]
    table = run("status", "--plans-dir", str(plans)).stdout.replace("\n", "；")
    assert "未计入（缺年份）：泗泾镇缺 2022 年" in table
    report = run("report", "--plans-dir", str(plans), "--all", "--format", "markdown").stdout
    assert "2021—2023 年累计：本级 330 亿元；成员合计 97 亿元；差额 233 亿元" in report


def test_a_town_indicator_with_the_districts_id_and_no_group_is_counted_for_a_level_too(tmp_path):
    """The issue's case on the fixture: songjiang's `enterprises` (group high-tech-enterprises); sijing's
    indicator renamed to `enterprises`, with no group. Before: 无当年数据：泗泾镇 and a total of 380 (xiaokunshan
    alone); now 380 + 450 = 830, as with its old id."""
    import shutil

    plans = tmp_path / "plans"
    shutil.copytree(FIXTURE, plans)
    for name in ("plan.toml", "actuals.toml"):
        path = plans / "sijing" / name
        path.write_text(path.read_text("utf-8").replace("high-tech-enterprises", "enterprises"), "utf-8")
    assert run("check", str(plans)).returncode == 0
    result = run("status", "--plans-dir", str(plans), "--plan", "songjiang", "--format", "json")
    line = {x["indicator"]: x for x in json.loads(result.stdout)["plans"][0]["rollup"]}["enterprises"]
    assert (line["members_total"], line["members_counted"], line["members_missing"]) == \
        (830, ["xiaokunshan", "sijing"], ["sheshan-13th"])


# An annual_rate in decline: (direction, unit, two towns' levels 2020/2022/2023, the district's own)
DECLINE = ("decrease", "户", (("100", "90", "80"), ("50", "45", "40")), ("150", "135", "120"))
# case -> (the plans, or None for the three towns with the district's kind total_change; rates; the words)
KINDS = {
    # 户 in need of aid falling: sums 150, 135, 120. Yearly decline 1 − 120/135 = 15/135 = 11.1111 %; average
    # decline 1 − (120/150)^(1/3) = 1 − 0.8^(1/3) = 1 − 0.9283178 = 7.1682 % (0.9283178³ = 0.8000000). The
    # district's own levels are the same: the rate from its levels and the average it is judged on agree.
    "annual-rate-decline": (DECLINE, {"year_rate": 11.1111, "own_year_rate": 11.1111, "year_rate_agrees": True,
                                      "period_measure": "average", "period_rate": 7.1682, "own_period_rate": 7.1682,
                                      "period_rate_agrees": True},
                            "成员合计比上年下降 11.11%；本级 11.11%：一致；成员合计 2021—2023 年年均下降 7.17%；"
                            "本级 7.17%（评估依据）：一致"),
    # The three towns' GDP as a total_change: 460/400 − 1 = 15 %; the district is judged on 1.09 × 1.057 − 1 =
    # 15.213 %: 0.213 points apart.
    "total-change": (None, {"year_rate": 5.7471, "own_year_rate": 5.7, "year_rate_agrees": True,
                            "period_measure": "change", "period_rate": 15, "own_period_rate": 15.213,
                            "period_rate_agrees": False},
                     "成员合计 2021—2023 年累计增长 15.00%；本级 15.21%（评估依据）：相差 0.21 个百分点"),
}


@pytest.mark.parametrize("case", sorted(KINDS))
def test_a_decline_and_a_total_change_imply_their_own_rates(plans, case):
    towns, expected, words = KINDS[case]
    district = plans / "district" / "plan.toml"
    if towns is None:
        district.write_text(DISTRICT.replace('kind = "annual_rate"', 'kind = "total_change"').replace(
            "target = 6", "target = 30"), "utf-8")
    else:
        direction, unit, levels, own = towns
        district.write_text(DISTRICT.replace('members = ["town-a", "town-b", "town-c"]', 'members = ["town-a", "town-b"]')
                            .replace('value_unit = "亿元"', f'value_unit = "{unit}"\ndirection = "{direction}"'), "utf-8")
        (plans / "district" / "actuals.toml").write_text(
            "".join(f"[gdp-growth.{y}]\nvalue = {v}\n" for y, v in zip((2020, 2022, 2023), own)), "utf-8")
        for plan_id, town_levels in zip(("town-a", "town-b"), levels):
            town(plans, plan_id, "gdp", "", unit, dict(zip((2020, 2022, 2023), town_levels)))
            path = plans / plan_id / "plan.toml"
            path.write_text(path.read_text("utf-8").replace('target = 6', f'target = 6\ndirection = "{direction}"'), "utf-8")
    assert run("check", str(plans)).returncode == 0, run("check", str(plans)).stdout
    rates = rollup(plans)["rates"]
    assert {k: rates[k] for k in expected} == expected
    assert words in run("status", "--plans-dir", str(plans)).stdout.replace("\n", "；")
