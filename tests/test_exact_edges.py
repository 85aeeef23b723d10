"""Issue 30, item 6: the two edge cases of an independent re-derivation, each through the command line.

(a) a district's members' total is exact, whatever the digits: it was added in Python's ambient 28-digit
context, so 12345678901.2345678901 亿元 + 0.0000000001 元 lost the last unit.
(b) a binding annual rate missed by 0.0000000001 万元 on a 10^14 base is 未实现: the tolerance for rounding
noise forgave a relative shortfall below 10^-24 even where the level ratio is exact.
Every expected number is worked out by hand beside it.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

TOWN = """[plan]
id = "{id}"
name = "{id} 镇"
region = "上海市 某区 {id}镇"
start = 2021
end = 2025
{members}
[[indicators]]
id = "investment"
no = 1
name = "固定资产投资"
kind = "cumulative"
unit = "{unit}"
target = 50000000000
{rollup}"""


def _write(folder: Path, plan: str, actuals: str) -> None:
    folder.mkdir(parents=True)
    (folder / "plan.toml").write_text(plan, "utf-8")
    (folder / "actuals.toml").write_text(actuals, "utf-8")


@pytest.fixture
def district(tmp_path: Path) -> Path:
    """A district in 亿元 of two towns, one recording in 亿元 and one in 元."""
    plans = tmp_path / "plans"
    _write(plans / "qu", TOWN.format(id="qu", members='members = ["a", "b"]\n', unit="亿元", rollup='rollup = "sum"\n'),
           "[investment.2023]\nvalue = 12345678901\n")
    _write(plans / "a", TOWN.format(id="a", members="", unit="亿元", rollup=""),
           "[investment.2023]\nvalue = 12345678901.2345678901\n")
    _write(plans / "b", TOWN.format(id="b", members="", unit="元", rollup=""),
           "[investment.2023]\nvalue = 0.0000000001\n")
    return plans


def test_a_districts_total_keeps_every_digit_of_its_members(invoke, district):
    # 0.0000000001 元 = 0.000000000000000001 亿元 (10^-10 / 10^8 = 10^-18), so the total, in 亿元, is
    # 12345678901.2345678901 + 0.000000000000000001 = 12345678901.234567890100000001 (29 digits; the ambient
    # 28-digit context gave 12345678901.2345678901, without the member in 元), and the difference from the
    # district's own 12345678901 is -0.234567890100000001.
    result = invoke("status", "--plans-dir", str(district), "--plan", "qu", "--format", "json")
    assert result.exit_code == 0, result.stderr
    (line,) = json.loads(result.stdout, parse_float=Decimal)["plans"][0]["rollup"]
    assert line["members_counted"] == ["a", "b"]
    assert line["members_total"] == Decimal("12345678901.234567890100000001")
    assert line["difference"] == Decimal("-0.234567890100000001")
    table = invoke("status", "--plans-dir", str(district))
    assert table.exit_code == 0, table.stderr
    assert "成员合计 12345678901.234567890100000001 亿元" in table.stdout
    assert "差额 -0.234567890100000001 亿元" in table.stdout


RATE_PLAN = """[plan]
id = "t"
name = "测试规划"
region = "上海市 某区 某镇"
start = 2021
end = 2025

[[indicators]]
id = "gdp"
no = 1
name = "地区生产总值年均变化"
kind = "annual_rate"
unit = "%"
value_unit = "万元"
target = 6
direction = "{direction}"
attribute = "binding"
"""


# 1.06^5 = 1.3382255776 and 0.94^5 = 0.7339040224 exactly (by hand: 1.06² = 1.1236, 1.06⁴ = 1.26247696,
# × 1.06 = 1.3382255776; 0.94² = 0.8836, 0.94⁴ = 0.78074896, × 0.94 = 0.7339040224), so on a base of 10^14 万元
# the end-year level that meets a 6% average growth exactly is 133822557760000 万元, and on a base of 2 × 10^14 a
# 6% average decline 146780804480000 万元. 0.0000000001 万元 (the last of the 10 decimals check allows) beyond
# either is a relative 7.5 × 10^-25 and 6.8 × 10^-25: inside the old tolerance (10^-24), which read both 已实现.
@pytest.mark.parametrize(("direction", "base", "end_level", "status", "word"), [
    ("increase", "100000000000000", "133822557759999.9999999999", "missed", "未实现"),
    ("increase", "100000000000000", "133822557760000", "achieved", "已实现"),
    ("decrease", "200000000000000", "146780804480000.0000000001", "missed", "未实现"),
    ("decrease", "200000000000000", "146780804480000", "achieved", "已实现"),
])
def test_a_binding_rate_a_hair_short_on_a_huge_base_is_missed(invoke, tmp_path, direction, base, end_level, status,
                                                              word):
    _write(tmp_path / "plans" / "t", RATE_PLAN.format(direction=direction),
           f"[gdp.2020]\nvalue = {base}\n[gdp.2025]\nvalue = {end_level}\n")
    result = invoke("status", "--plans-dir", str(tmp_path / "plans"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    (plan,) = json.loads(result.stdout)["plans"]
    assert plan["as_of"] == 2025
    assert [i["status"] for i in plan["indicators"]] == [status]
    table = invoke("status", "--plans-dir", str(tmp_path / "plans"))
    assert table.exit_code == 0, table.stderr
    assert f"期末评估 2025 年：{word} 1" in table.stdout
