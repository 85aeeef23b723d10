"""Issue 25, item 2: a district whose member list is wrong never shows a members' total.

The district fixture (tests/fixtures/district/): songjiang lists the towns xiaokunshan, sijing and the closed
sheshan-13th. Its 2023 fixed-asset investment is 120 亿元; the towns' is 350000 万元 (xiaokunshan) + 50 亿元
(sijing) = 85 亿元 (sheshan-13th has no 2023). With xiaokunshan listed twice the old code showed 120 亿元 —
"差额 0": a wrong figure that hid a real difference of 35 亿元.

Each bad member list is refused by `check` with a located finding, and `status` (every format, one plan or
many, the matrix) and `report` show an error instead of a total, exit 1.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

FIXTURE = REPO / "tests" / "fixtures" / "district"
MEMBERS = 'members = ["xiaokunshan", "sijing", "sheshan-13th"]'  # line 8 of songjiang/plan.toml


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    env.pop("PLANTRACK_PLANS_DIR", None)
    exe = Path(sys.executable).parent / "plantrack"
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, timeout=300, cwd=cwd)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def add_members(plans: Path, plan_id: str, members: str) -> None:
    """Give a town a members list of its own (after `end = …`, inside [plan])."""
    path = plans / plan_id / "plan.toml"
    text = path.read_text("utf-8")
    end = next(line for line in text.splitlines() if line.startswith("end = "))
    edit(path, end + "\n", f"{end}\nmembers = {members}\n")


def duplicate(plans: Path) -> None:
    edit(plans / "songjiang" / "plan.toml", MEMBERS, 'members = ["xiaokunshan", "sijing", "sheshan-13th", "xiaokunshan"]')


def itself(plans: Path) -> None:
    edit(plans / "songjiang" / "plan.toml", MEMBERS, 'members = ["xiaokunshan", "sijing", "songjiang"]')


def cycle_of_two(plans: Path) -> None:
    add_members(plans, "sijing", '["songjiang"]')


def cycle_of_three(plans: Path) -> None:
    edit(plans / "songjiang" / "plan.toml", MEMBERS, 'members = ["xiaokunshan"]')
    add_members(plans, "xiaokunshan", '["sijing"]')
    add_members(plans, "sijing", '["songjiang"]')


def unknown(plans: Path) -> None:
    edit(plans / "songjiang" / "plan.toml", MEMBERS, 'members = ["xiaokunshan", "sijing", "nowhere"]')


def member_with_errors(plans: Path) -> None:
    edit(plans / "sijing" / "plan.toml", "start = 2021", 'start = "2021"')


def member_data_error(plans: Path) -> None:
    """Issue 30, item 2: a member whose plan.toml no longer has an indicator its actuals.toml uses (the error of
    an indicator deleted to retire it) is a plan with errors, named so, never "成员规划 … 不存在"."""
    path = plans / "xiaokunshan" / "plan.toml"
    text = path.read_text("utf-8")
    path.write_text(text[:text.index('[[indicators]]\nid = "high-tech"')], "utf-8")


def unit_cannot_add(plans: Path) -> None:
    """Before, status left sijing out of the total as "no figure that year" and showed 35 亿元."""
    edit(plans / "sijing" / "plan.toml", 'unit = "亿元"', 'unit = "个"')


# (how the members go wrong, words the district's finding must hold)
CASES = {
    "duplicate": (duplicate, ["成员 xiaokunshan 重复", "member xiaokunshan is listed twice"]),
    "itself": (itself, ["成员 songjiang 是本规划自己", "cannot be its own member"]),
    "cycle-of-two": (cycle_of_two, ["songjiang → sijing → songjiang", "members form a cycle"]),
    "cycle-of-three": (cycle_of_three, ["songjiang → xiaokunshan → sijing → songjiang", "members form a cycle"]),
    "unknown": (unknown, ["成员规划 nowhere 不存在", "member plan nowhere is not in this plans folder"]),
    "member-with-errors": (member_with_errors, ["成员规划 sijing 有错误", "member plan sijing has errors"]),
    "member-data-error": (member_data_error, ["成员规划 xiaokunshan 有错误", "member plan xiaokunshan has errors"]),
    "unit-cannot-add": (unit_cannot_add, ["成员 sijing 的指标 fixed-asset-investment 单位为 个", "cannot be added to 亿元"]),
}
LOCATED = "songjiang/plan.toml:8:1: plan.members: "


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    target = tmp_path / "plans"
    shutil.copytree(FIXTURE, target)
    return target


def spoil(plans: Path, case: str) -> list[str]:
    how, words = CASES[case]
    how(plans)
    return words


def test_the_fixture_itself_shows_the_hand_worked_total(plans):
    """The control: with the members right, the totals are 85 亿元 and 830 家 (350 + 480), exit 0."""
    assert run("check", str(plans)).returncode == 0
    result = run("status", "--plans-dir", str(plans))
    assert result.returncode == 0, result.stderr
    assert "成员合计 85 亿元" in result.stdout and "成员合计 830 家" in result.stdout


@pytest.mark.parametrize("case", CASES)
def test_check_refuses_the_member_list_at_its_line(plans, case):
    words = spoil(plans, case)
    result = run("check", str(plans))
    assert result.returncode == 1, result.stdout
    lines = [line for line in result.stdout.splitlines() if LOCATED in line]
    assert lines, result.stdout
    assert any(all(w in line for w in words) for line in lines), result.stdout


@pytest.mark.parametrize("case", CASES)
def test_check_of_the_district_folder_alone_gives_the_same_finding(plans, case):
    """`check plans/songjiang` reads the members beside it, as status does: before, every member of a
    district checked on its own was "not in this plans folder"."""
    words = spoil(plans, case)
    result = run("check", str(plans / "songjiang"))
    assert result.returncode == 1, result.stdout
    assert any(LOCATED in line and all(w in line for w in words) for line in result.stdout.splitlines()), \
        result.stdout
    assert "不存在" not in result.stdout or case == "unknown", result.stdout


def test_check_of_a_good_district_folder_alone_passes(plans):
    result = run("check", str(plans / "songjiang"))
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("case", CASES)
def test_the_overview_shows_an_error_row_and_no_total(plans, case):
    words = spoil(plans, case)
    result = run("status", "--plans-dir", str(plans))
    assert result.returncode == 1, result.stdout
    assert "成员合计" not in result.stdout and "本级" not in result.stdout, result.stdout
    # An error row is shown under the plan's id: its short name is in the file that has the errors.
    row = next(line for line in result.stdout.splitlines() if line.split()[:2] == ["songjiang", "songjiang"])
    assert "有错误，请运行 plantrack check" in row, result.stdout
    markdown = run("status", "--plans-dir", str(plans), "--format", "markdown")
    assert markdown.returncode == 1 and "成员合计" not in markdown.stdout, markdown.stdout
    assert "| songjiang | songjiang |  | — | 有错误 |" in markdown.stdout, markdown.stdout
    # The matrix in Markdown says it in the same words (it said "errors" in a Chinese table).
    matrix = run("status", "--plans-dir", str(plans), "--matrix", "--format", "markdown")
    row = next(line for line in matrix.stdout.splitlines() if line.startswith("| songjiang |"))
    assert "有错误" in row and "errors" not in row, matrix.stdout


@pytest.mark.parametrize("case", CASES)
def test_status_of_the_district_is_refused_with_the_finding(plans, case):
    words = spoil(plans, case)
    for fmt in ("table", "json", "csv", "markdown"):
        result = run("status", "--plans-dir", str(plans), "--plan", "songjiang", "--format", fmt)
        assert result.returncode == 1, (fmt, result.stdout)
        assert "成员合计" not in result.stdout and "members_total" not in result.stdout, (fmt, result.stdout)
        assert LOCATED in result.stderr and all(w in result.stderr for w in words), (fmt, result.stderr)


@pytest.mark.parametrize("case", CASES)
def test_the_json_overview_carries_the_error_and_no_total(plans, case):
    words = spoil(plans, case)
    result = run("status", "--plans-dir", str(plans), "--format", "json")
    assert result.returncode == 1, result.stderr
    plan = {p["plan"]: p for p in json.loads(result.stdout)["plans"]}["songjiang"]
    assert plan["rollup"] == [] and plan["counts"] is None and plan["indicators"] == []
    # `errors` are check's findings word for word, as for any plan with errors
    assert any(LOCATED in e and all(w in e for w in words) for e in plan["errors"]), plan["errors"]
    for fmt in ("csv", "jsonl"):  # the long tables have no row for a plan with errors, as before
        other = run("status", "--plans-dir", str(plans), "--format", fmt)
        assert other.returncode == 1, (fmt, other.stdout)
        assert not [line for line in other.stdout.splitlines() if line.startswith(("songjiang,", '{"plan": "songjiang"'))]


@pytest.mark.parametrize("case", CASES)
def test_the_matrix_shows_the_district_as_an_error(plans, case):
    spoil(plans, case)
    result = run("status", "--plans-dir", str(plans), "--matrix", "--format", "csv")
    assert result.returncode == 1, result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("songjiang,"))
    assert "ahead" not in row and "behind" not in row, row


@pytest.mark.parametrize("case", CASES)
def test_the_report_refuses_the_district(plans, case):
    words = spoil(plans, case)
    for args in (["--plans", "songjiang,xiaokunshan,sijing", "--format", "markdown"], ["--all", "--format", "markdown"],
                 ["--plan", "songjiang", "--format", "markdown"]):
        result = run("report", "--plans-dir", str(plans), *args)
        assert result.returncode == 1, (args, result.stdout[-500:])
        assert result.stdout == "", args
        assert LOCATED in result.stderr and all(w in result.stderr for w in words), (args, result.stderr)


def test_a_plan_that_merely_contains_a_district_with_errors_is_not_judged_either(plans):
    """A city over the district: its member songjiang fails the member rules, so the city's total would
    add a figure that check refuses. The city names it as a member with errors."""
    city = plans / "city"
    shutil.copytree(plans / "songjiang", city)
    edit(city / "plan.toml", 'id = "songjiang"', 'id = "city"')
    edit(city / "plan.toml", MEMBERS, 'members = ["songjiang"]')
    duplicate(plans)
    result = run("check", str(plans))
    assert result.returncode == 1
    assert any("city/plan.toml:8:1" in line and "成员规划 songjiang 有错误" in line for line in result.stdout.splitlines()), \
        result.stdout
    status = run("status", "--plans-dir", str(plans), "--plan", "city")
    assert status.returncode == 1 and "成员合计" not in status.stdout
    assert "成员规划 songjiang 有错误" in status.stderr, status.stderr
