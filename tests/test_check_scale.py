"""Scale: thousands of plan files in one check, with the error list capped and the rest counted."""

from __future__ import annotations

import json
from pathlib import Path

PLAN = '''[plan]
id = "{id}"
name = "示例镇{n}"
start = 2021
end = 2025

[[indicators]]
id = "investment"
no = 1
name = "固定资产投资"
kind = "cumulative"
unit = "亿元"
target = {target}
'''


def make_plans(root: Path, count: int, broken_every: int) -> int:
    broken = 0
    for n in range(count):
        plan_id = f"town-{n:05d}"
        bad = n % broken_every == 0
        broken += bad
        (root / plan_id).mkdir(parents=True)
        (root / plan_id / "plan.toml").write_text(
            PLAN.format(id=plan_id, n=n, target='"150"' if bad else 150), encoding="utf-8")
    return broken


def test_two_thousand_plans_with_errors_capped_and_counted(invoke, tmp_path):
    broken = make_plans(tmp_path / "plans", 2000, broken_every=4)
    result = invoke("check", str(tmp_path / "plans"), "--max-errors", "50")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 51
    assert all(":13:1: indicators[investment].target:" in line for line in lines[:50])
    assert lines[-1].startswith(f"✗ {broken} 个错误（另有 {broken - 50} 个未列出 / {broken - 50} more not listed）")
    assert result.stderr == ""


def test_two_thousand_clean_plans_pass_with_one_summary_line(invoke, tmp_path):
    make_plans(tmp_path / "plans", 2000, broken_every=10**9)
    fixed = tmp_path / "plans" / "town-00000" / "plan.toml"
    fixed.write_text(fixed.read_text(encoding="utf-8").replace('"150"', "150"), encoding="utf-8")
    result = invoke("check", str(tmp_path / "plans"), "--format", "json")
    assert result.exit_code == 0, result.stdout[:500]
    report = json.loads(result.stdout)
    assert (report["ok"], report["plans"], report["error_count"]) == (True, 2000, 0)
