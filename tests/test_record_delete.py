"""Issue 28, item 6: `record --delete INDICATOR YEAR --reason …` takes a figure keyed into the wrong year out,
keeps it in the history with its reason, and `record --restore` (or recording the year again) undoes it.
Same lock and guards as record: refused on a closed plan without --force, a hand comment in the entry refused
as for a revision, every other byte unchanged."""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal

import pytest
from conftest import XKS, snapshot

REASON = "年份键错，应为 2022 年"
# [value-added-growth.2021] of the bundled actuals.toml, as it stands (48.9 亿元, with its source and note).
OLD_2021 = {
    "value": Decimal("48.9"), "unit": "亿元", "source": "「小昆山镇十年发展成就巡礼」，2022 年（000_6c0d19344c58a255.txt）",
    "note": "「2021年,小昆山镇实现地区生产总值48.9亿元」（文中称地区生产总值，即规划表的增加值）",
}


def _path(plans_dir):
    return plans_dir / XKS / "actuals.toml"


def _delete(invoke, plans_dir, *extra, ind="value-added-growth", year="2021"):
    return invoke("record", "--delete", ind, year, "--reason", REASON, "--plans-dir", str(plans_dir), *extra)


def _parsed(plans_dir):
    return tomllib.loads(_path(plans_dir).read_text(encoding="utf-8"), parse_float=Decimal)


def _split(text, header):
    """(before the table, the table, after it): a table runs from its header to the next top-level header."""
    start = text.index(header)
    nxt = text.find("\n[", start + len(header))
    while nxt != -1 and text.startswith("\n[[", nxt):  # [[x.revisions]] belongs to the table
        nxt = text.find("\n[", nxt + 1)
    end = len(text) if nxt == -1 else nxt + 1
    return text[:start], text[start:end], text[end:]


def test_delete_keeps_the_figure_as_a_revision_with_its_reason_and_nothing_else_changes(invoke, plans_dir):
    before = _path(plans_dir).read_text(encoding="utf-8")
    result = _delete(invoke, plans_dir)
    assert result.exit_code == 0, result.stderr
    assert "value-added-growth 2021 已删除（原为 48.9 亿元" in result.stdout and "--restore" in result.stdout
    after = _path(plans_dir).read_text(encoding="utf-8")
    head_b, _, tail_b = _split(before, "[value-added-growth.2021]\n")
    head_a, table, tail_a = _split(after, "[value-added-growth.2021]\n")
    assert (head_a, tail_a) == (head_b, tail_b)  # every byte outside the removed table
    entry = _parsed(plans_dir)["value-added-growth"]["2021"]
    assert entry["removed"] == REASON and "value" not in entry and "unit" not in entry
    [gone] = entry["revisions"]
    assert {k: gone[k] for k in OLD_2021} == OLD_2021
    assert gone["recorded_at"].isoformat() == "2026-11-23T16:30:00+08:00"
    assert gone["replaced_at"] == entry["recorded_at"]


def test_check_status_show_and_history_understand_a_removal(invoke, plans_dir):
    assert _delete(invoke, plans_dir).exit_code == 0
    checked = invoke("check", str(plans_dir))
    assert checked.exit_code == 0 and "43 条实际值" in checked.stdout  # 44 before: the removed one is no figure
    data = json.loads(invoke("status", "--plans-dir", str(plans_dir), "--format", "json", "--as-of", "2021").stdout)
    gdp = next(i for i in data["plans"][0]["indicators"] if i["id"] == "value-added-growth")
    assert gdp["status"] == "no_data" and gdp["data_year"] is None
    shown = invoke("show", "value-added-growth", "--plans-dir", str(plans_dir))
    assert shown.exit_code == 0 and "48.9" not in shown.stdout
    history = invoke("history", "value-added-growth", "--plans-dir", str(plans_dir))
    assert history.exit_code == 0
    assert "已删除：年份键错，应为 2022 年" in history.stdout and "48.9 亿元" in history.stdout
    exported = invoke("export", "--plans-dir", str(plans_dir))
    assert ",value-added-growth,增加值年均增长率,2021," not in exported.stdout  # not a figure any more


def test_restore_brings_the_figure_back_exactly_and_the_history_keeps_every_step(invoke, plans_dir):
    assert _delete(invoke, plans_dir).exit_code == 0
    result = invoke("record", "value-added-growth", "2021", "--restore", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert "value-added-growth 2021 = 48.9 亿元" in result.stdout
    entry = _parsed(plans_dir)["value-added-growth"]["2021"]
    assert {k: entry[k] for k in OLD_2021} == OLD_2021 and "removed" not in entry
    first, removal = entry["revisions"]
    assert {k: first[k] for k in OLD_2021} == OLD_2021
    assert removal["removed"] == REASON and "value" not in removal
    history = invoke("history", "value-added-growth", "--plans-dir", str(plans_dir))
    assert "修订前 1" in history.stdout and "修订前 2" in history.stdout and "已删除" in history.stdout


def test_recording_the_year_again_needs_no_force_after_a_removal(invoke, plans_dir):
    assert _delete(invoke, plans_dir).exit_code == 0
    result = invoke("record", "value-added-growth", "2021", "489000", "--source", "核实数", "--plans-dir",
                    str(plans_dir), "--confirm")
    assert result.exit_code == 0, result.stderr
    entry = _parsed(plans_dir)["value-added-growth"]["2021"]
    assert entry["value"] == 489000 and entry["revisions"][-1]["removed"] == REASON


def test_delete_on_a_closed_plan_is_refused_without_force(invoke, plans_dir):
    plan = plans_dir / XKS / "plan.toml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("base_year = 2020\n", "base_year = 2020\nclosed = 2026-03-15\n"),
                    encoding="utf-8")
    folder = snapshot(plans_dir)
    refused = _delete(invoke, plans_dir)
    assert refused.exit_code == 1 and refused.stdout == "" and "--force" in refused.stderr
    assert snapshot(plans_dir) == folder
    forced = _delete(invoke, plans_dir, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert _parsed(plans_dir)["value-added-growth"]["2021"]["removed"] == REASON


def test_a_hand_comment_in_the_entry_refuses_the_removal(invoke, plans_dir):
    path = _path(plans_dir)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "[value-added-growth.2021]\n", "[value-added-growth.2021]\n# 2021 年为快报数\n", 1), encoding="utf-8")
    folder = snapshot(plans_dir)
    result = _delete(invoke, plans_dir)
    assert result.exit_code == 1 and "[value-added-growth.2021] 中有手写注释" in result.stderr
    assert snapshot(plans_dir) == folder


@pytest.mark.parametrize(("args", "code", "phrase"), [
    (["record", "--delete", "value-added-growth", "2021", "--plans-dir", "{p}"], 2, "须写明原因"),
    (["record", "--delete", "value-added-growth", "2021", "--reason", "  ", "--plans-dir", "{p}"], 2, "须写明原因"),
    (["record", "--delete", "value-added-growth", "2021", "--reason", "a\nb", "--plans-dir", "{p}"], 2, "控制字符"),
    (["record", "--delete", "value-added-growth", "2022", "--reason", "x", "--plans-dir", "{p}"], 1, "没有记录的数值"),
    (["record", "--delete", "value-added-growth", "2021", "500", "--reason", "x", "--plans-dir", "{p}"], 2, "不接受 VALUE"),
    (["record", "--delete", "--restore", "value-added-growth", "2021", "--plans-dir", "{p}"], 2, "只能选一个"),
    (["record", "value-added-growth", "2021", "--restore", "--plans-dir", "{p}"], 1, "没有被删除的数值"),
    (["record", "value-added-growth", "2021", "5", "--reason", "x", "--plans-dir", "{p}"], 2, "--reason 只与 --delete"),
    (["record", "--delete", "value-added-growth", "2021", "--reason", "x", "--dry-run", "--plans-dir", "{p}"], 0, "试运行"),
])
def test_bad_or_dry_calls_change_no_byte(invoke, plans_dir, args, code, phrase):
    folder = snapshot(plans_dir)
    result = invoke(*[a.replace("{p}", str(plans_dir)) for a in args])
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert phrase in result.stdout + result.stderr
    assert "Traceback" not in result.stderr and not isinstance(result.exception, Exception) or code
    assert snapshot(plans_dir) == folder


def test_deleting_twice_says_it_is_removed_already(invoke, plans_dir):
    assert _delete(invoke, plans_dir).exit_code == 0
    again = _delete(invoke, plans_dir)
    assert again.exit_code == 1 and "已删除" in again.stderr and "removed already" in again.stderr


@pytest.mark.parametrize(("table", "message"), [
    ('removed = ""', "须写明原因"),
    ('value = 48.9\nremoved = "x"', "removal record holds no value"),
])
def test_check_refuses_a_malformed_removal_record(invoke, plans_dir, table, message):
    path = _path(plans_dir)
    path.write_text(path.read_text(encoding="utf-8") + f"\n[value-added-growth.2024]\n{table}\n", encoding="utf-8")
    checked = invoke("check", str(plans_dir))
    assert checked.exit_code == 1 and message in checked.stdout
