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
