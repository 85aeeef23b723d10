"""`plantrack check`: one fixture and one test for every error it can report (the bean-check way).

Each folder in tests/fixtures/check/<case>/demo-14th/ is the minimal plan in valid/ broken in exactly one way;
each test checks the exit code, the `FILE:LINE:COL: field:` prefix of the one finding, a phrase of its message,
and that nothing crashed. Binary or very large inputs are written to tmp_path by the test itself.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import BUNDLED, XKS
from plantrack.units import KNOWN_UNITS

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "check"
PID = "demo-14th"
VALID = FIXTURES / "valid" / PID

ONE_ERROR = "✗ 1 个错误，涉及 1 个文件 / 1 error(s) in 1 file(s)."


def shown(path: Path) -> str:
    """A file's name as check prints it (the code uses os.path.relpath too)."""
    return os.path.relpath(path)


def prefix(path: Path, line: int, col: int, field: str) -> str:
    return f"{shown(path)}:{line}:{col}: {field}: " if field else f"{shown(path)}:{line}:{col}: "


def assert_no_crash(result) -> None:
    """A user error is an exit code and a message, never an exception or a traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr


def findings(result) -> list[str]:
    """The finding lines of a text-format run (everything but the summary line)."""
    lines = result.stdout.splitlines()
    assert lines, result.stderr
    return lines[:-1]


def assert_one_finding(result, path: Path, line: int, col: int, field: str, phrase: str) -> str:
    assert_no_crash(result)
    assert result.exit_code == 1, result.stdout + result.stderr
    found = findings(result)
    assert len(found) == 1, found
    assert found[0].startswith(prefix(path, line, col, field)), found[0]
    assert phrase in found[0]
    assert result.stdout.splitlines()[-1].startswith(ONE_ERROR)
    return found[0]


def write_plan(root: Path, data: bytes, plan_id: str = PID) -> Path:
    """A plan folder in `root` whose plan.toml holds `data`; returns the plan.toml path."""
    folder = root / plan_id
    folder.mkdir(parents=True)
    (folder / "plan.toml").write_bytes(data)
    return folder / "plan.toml"


def edited_plan(root: Path, source: Path, plan_id: str, old: str, new: str) -> Path:
    """`source` (a plan.toml) with `old`, which must stand in it once, replaced by `new`, as plan `plan_id` in
    `root`; returns the plan.toml path."""
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    return write_plan(root, text.replace(old, new).encode("utf-8"), plan_id)


# --- the valid plans -----------------------------------------------------------------------------------------


def test_valid_fixture_passes(invoke):
    result = invoke("check", str(FIXTURES / "valid"))
    assert_no_crash(result)
    assert result.exit_code == 0, result.stdout
    assert result.stdout == (
        "✓ 1 个规划、4 个指标、5 条实际值，全部通过 / 1 plan(s), 4 indicators, 5 actuals: all good\n"
    )
    assert result.stderr == ""


@pytest.mark.parametrize("target", [VALID, VALID / "plan.toml"], ids=["folder", "plan.toml"])
def test_a_plan_folder_or_its_plan_toml_can_be_checked(invoke, target):
    result = invoke("check", str(target))
    assert result.exit_code == 0, result.stdout
    assert "1 plan(s), 4 indicators, 5 actuals: all good" in result.stdout


def test_shipped_plans_pass(invoke, monkeypatch):
    monkeypatch.chdir(BUNDLED.parent)
    result = invoke("check")
    assert_no_crash(result)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("✓ 1 个规划、14 个指标、")
    assert result.stdout.rstrip("\n").endswith("actuals: all good")
    assert result.stdout.count("\n") == 1
    assert result.stderr == ""


def test_shipped_plan_by_path(invoke):
    result = invoke("check", str(BUNDLED / XKS))
    assert result.exit_code == 0, result.stdout
    assert "14 indicators" in result.stdout


# --- one fixture per error -----------------------------------------------------------------------------------

P, A = "plan.toml", "actuals.toml"

CASES = [
    # case folder, file, line, col, field, a phrase of the message
    ("toml-syntax-error", P, 13, 8, "", "TOML syntax error: 值写得不对：文字要加引号"),
    ("unclosed-string", P, 22, 15, "", "TOML syntax error: 引号没有闭合（文字中不能换行）"),
    ("empty-file", P, 1, 1, "", "the file is empty"),
    ("duplicate-key", P, 26, 1, "indicators[2].target", "duplicate key: delete one"),
    ("duplicate-year", A, 6, 1, "new-enterprises.2021", "duplicate key: delete one (Cannot declare"),
    ("misspelled-key", P, 31, 1, "indicators[forest-coverage].attribte", "是不是 attribute？/ did you mean attribute?"),
    ("string-target", P, 25, 1, "indicators[new-enterprises].target", "目标须为数字，而不是文字 '10'，请去掉引号"),
    ("string-year", P, 6, 1, "plan.start", "应为整数，而不是 '2021' / must be a whole number"),
    ("string-for-number", A, 8, 1, "value-added-growth.2021.value", '"48.9"，请去掉引号 / must be a number, not the string "48.9": remove the quotes'),
    ("nan-number", P, 34, 1, "indicators[forest-coverage].target", "nan 不是有限数字 / is not a finite number"),
    ("inf-number", P, 34, 1, "indicators[forest-coverage].target", "inf 不是有限数字 / is not a finite number"),
    ("huge-number", P, 34, 1, "indicators[forest-coverage].target", "科学计数法 1e400 不可用"),
    ("boolean-number", P, 34, 1, "indicators[forest-coverage].target", "应为数字，而不是布尔值 true / must be a number, not the boolean true"),
    ("date-does-not-exist", A, 10, 15, "", "the date does not exist or is malformed"),
    ("duplicate-indicator-id", P, 28, 1, "indicators[3].id", "编号 new-enterprises 与第 2 个指标重复"),
    ("duplicate-no", P, 29, 1, "indicators[forest-coverage].no", "序号 2 与第 2 个指标重复 / duplicate 序号 (no)"),
    ("missing-target", P, 19, 1, "indicators[new-enterprises].target", "required key is missing"),
    ("unknown-unit", P, 24, 1, "indicators[new-enterprises].unit", "未知单位 '户数'。可用单位 / known units: %、"),
    ("unknown-kind", P, 32, 1, "indicators[forest-coverage].kind", "不能是 'rate'，只能是 'annual_rate'"),
    ("period-ends-before-start", P, 7, 1, "plan.end", "结束年 2019 早于开始年 2021"),
    ("plan-id-not-folder", P, 4, 1, "plan.id", "规划编号 demo-13th 须与所在文件夹名 demo-14th 相同"),
    ("plan-id-path", P, 4, 1, "plan.id", "'../evil' 不是合法的编号"),
    ("indicator-id-pattern", P, 28, 1, "indicators[3].id", "'Forest_Coverage' 不是合法的编号"),
    ("value-unit-on-cumulative", P, 25, 1, "indicators[new-enterprises].value_unit", "only rate kinds take value_unit"),
    ("net-on-level", P, 35, 1, "indicators[forest-coverage].net", "net applies to cumulative indicators only"),
    ("thresholds-wrong-order", P, 10, 1, "plan.thresholds", "ahead > on_track > behind > 0"),
    ("rate-for-cumulative", A, 4, 1, "new-enterprises.2021.rate", "cumulative 指标不记增长率 rate"),
    ("value-for-rates-only", A, 4, 1, "energy-intensity-decline.2021.value", "add value_unit to record levels"),
    ("year-after-end", A, 3, 1, "new-enterprises.2026", "年份 2026 超出本规划可记录的范围 2001–2025"),
    ("year-too-early", A, 3, 1, "value-added-growth.2000", "年份 2000 超出本规划可记录的范围 2001–2025"),
    ("unknown-indicator", A, 3, 1, "new-enterprise", "是不是 new-enterprises？/ did you mean new-enterprises?"),
    ("negative-amount", A, 4, 1, "new-enterprises.2021.value", "当年数量不能为负（-2）"),
    ("fractional-count", A, 4, 1, "new-enterprises.2021.value", "家 是计数单位，须为整数（2.5）"),
    ("qualitative-missing-note", A, 3, 1, "income-in-step.2021.note", "a qualitative assessment needs a note"),
    ("qualitative-missing-assessment", A, 3, 1, "income-in-step.2021.assessment", "assessment required"),
    ("unit-cannot-convert", A, 9, 1, "value-added-growth.2021.unit",
     "单位 '家' 不能换算成 万元；可用：元、万元、亿元 / the unit '家' cannot be converted to 万元; use one of: 元、万元、亿元"),
]


@pytest.mark.parametrize(("case", "file", "line", "col", "field", "phrase"), CASES, ids=[c[0] for c in CASES])
def test_each_error_has_a_located_finding(invoke, case, file, line, col, field, phrase):
    result = invoke("check", str(FIXTURES / case))
    assert_one_finding(result, FIXTURES / case / PID / file, line, col, field, phrase)


def test_unknown_unit_lists_every_known_unit(invoke):
    result = invoke("check", str(FIXTURES / "unknown-unit"))
    (line,) = findings(result)
    listed = line.split("known units: ", 1)[1].split("（", 1)[0]
    assert listed.split("、") == list(KNOWN_UNITS)


def test_every_fixture_folder_has_a_test():
    others = {"valid", "duplicate-plan-id", "no-plans", "many-errors", "control-characters-in-key"}
    tested = {c[0] for c in CASES} | others
    assert {d.name for d in FIXTURES.iterdir() if d.is_dir()} == tested


def test_line_numbers_name_the_broken_line():
    """Guard the table above: the reported line is the one that was broken."""
    lines = {case: (FIXTURES / case / PID / file).read_text(encoding="utf-8").splitlines()[line - 1]
             for case, file, line, *_ in CASES if case != "empty-file"}
    assert lines["toml-syntax-error"] == "name = 增加值年均增长率"
    assert lines["duplicate-key"] == "target = 12"
    assert lines["duplicate-year"] == "[new-enterprises.2021]"
    assert lines["unclosed-string"] == 'name = "新增规上企业'
    assert lines["misspelled-key"] == 'attribte = "binding"'
    assert lines["nan-number"] == "target = nan"
    assert lines["date-does-not-exist"] == "recorded_at = 2021-02-30T10:00:00+08:00"
    assert lines["missing-target"] == "[[indicators]]"
    assert lines["unknown-indicator"] == "[new-enterprise.2021]"
    assert lines["unit-cannot-convert"] == 'unit = "家"'


# --- malformed bytes, written by the tests -------------------------------------------------------------------


def test_invalid_utf8_gbk(invoke, tmp_path):
    text = (VALID / "plan.toml").read_text(encoding="utf-8").replace("示例镇", "增加值")
    plan = write_plan(tmp_path, text.encode("gbk"))
    result = invoke("check", str(tmp_path))
    # Line 1 is "# 增加值…": the GBK bytes of 增 (d4 f6) are not UTF-8, so the column is that of 增.
    assert_one_finding(result, plan, 1, 3, "", "not valid UTF-8 (GBK?): save it as UTF-8")


def test_invalid_utf8_column_counts_characters(invoke, tmp_path):
    text = (VALID / "plan.toml").read_text(encoding="utf-8")
    # A line half UTF-8, half GBK: `name = "新增` is fine, 规 in GBK (b9 e6) is not UTF-8.
    data = text.encode("utf-8").replace("规上企业".encode("utf-8"), "规上企业".encode("gbk"))
    plan = write_plan(tmp_path, data)
    line = text.splitlines().index('name = "新增规上企业"') + 1
    result = invoke("check", str(tmp_path))
    # Column 11 is 规 (the 11th character); counting bytes would say 15.
    assert_one_finding(result, plan, line, 11, "", "not valid UTF-8")


def test_utf8_bom_is_accepted(invoke, tmp_path):
    write_plan(tmp_path, b"\xef\xbb\xbf" + (VALID / "plan.toml").read_bytes())
    shutil.copy(VALID / "actuals.toml", tmp_path / PID / "actuals.toml")
    result = invoke("check", str(tmp_path))
    assert_no_crash(result)
    assert result.exit_code == 0, result.stdout
    assert "1 plan(s), 4 indicators, 5 actuals: all good" in result.stdout


def test_utf8_bom_keeps_line_and_column_right(invoke, tmp_path):
    text = (FIXTURES / "toml-syntax-error" / PID / "plan.toml").read_bytes()
    plan = write_plan(tmp_path, b"\xef\xbb\xbf" + text)
    result = invoke("check", str(tmp_path))
    assert_one_finding(result, plan, 13, 8, "", "TOML syntax error")


def test_file_too_large(invoke, tmp_path):
    padding = b"# " + "填充 / padding ".encode() * 4 + b"\n"
    plan = write_plan(tmp_path, (VALID / "plan.toml").read_bytes() + padding * 50_000)
    assert plan.stat().st_size > 2_000_000
    result = invoke("check", str(tmp_path))
    assert_one_finding(result, plan, 1, 1, "", f"file too large ({plan.stat().st_size} bytes, limit 2000000)")


def test_empty_actuals_file_means_nothing_recorded(invoke, tmp_path):
    write_plan(tmp_path, (VALID / "plan.toml").read_bytes())
    (tmp_path / PID / "actuals.toml").write_bytes(b"")
    result = invoke("check", str(tmp_path))
    assert result.exit_code == 0, result.stdout
    assert "4 indicators, 0 actuals: all good" in result.stdout


# --- across plans ----------------------------------------------------------------------------------------------


def test_two_folders_claiming_one_plan_id(invoke):
    first = FIXTURES / "duplicate-plan-id" / "office-a" / PID
    second = FIXTURES / "duplicate-plan-id" / "office-b" / PID
    result = invoke("check", str(first), str(second))
    line = assert_one_finding(result, second / "plan.toml", 5, 1, "plan.id", "规划编号 demo-14th 已被")
    assert line.endswith(f"plan id already used by {shown(first / 'plan.toml')}")


def test_the_same_plan_given_twice_is_checked_once(invoke):
    # pre-commit passes plan.toml and actuals.toml of one changed plan: that is one plan, not two claims.
    result = invoke("check", str(VALID), str(VALID / "plan.toml"), str(VALID / "actuals.toml"))
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("✓ 1 个规划")


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_a_folder_without_plans(invoke, fmt):
    result = invoke("check", str(FIXTURES / "no-plans"), "--format", fmt)
    assert_no_crash(result)
    assert result.exit_code == 1
    assert result.stdout == (
        "✗ 没有找到规划（需要 <规划编号>/plan.toml）/ no plans found (expected <plan-id>/plan.toml)\n"
    )


def test_a_folder_without_plans_as_json(invoke):
    result = invoke("check", str(FIXTURES / "no-plans"), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert report["plans"] == 0


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_path_that_does_not_exist_is_a_usage_error(invoke, tmp_path, fmt):
    result = invoke("check", str(VALID), str(tmp_path / "nowhere"), "--format", fmt)
    assert_no_crash(result)
    assert result.exit_code == 2
    assert result.stdout == ""  # nothing half-written, not even the start of the JSON
    assert f"{tmp_path / 'nowhere'}: 无法读取：没有这个文件或文件夹；请检查路径和文件名 / cannot read it: No such file or " \
           "directory; check the path and the file name\n" in result.stderr


# --- output formats --------------------------------------------------------------------------------------------


def test_error_count_summary(invoke):
    result = invoke("check", str(FIXTURES / "many-errors"))
    assert_no_crash(result)
    assert result.exit_code == 1
    assert len(findings(result)) == 5
    assert result.stdout.splitlines()[-1] == (
        "✗ 5 个错误，涉及 1 个文件 / 5 error(s) in 1 file(s). "
        "请按提示修改后重新运行 plantrack check / fix them and run plantrack check again"
    )


def test_errors_in_two_plans_count_two_files(invoke):
    result = invoke("check", str(FIXTURES / "nan-number"), str(FIXTURES / "negative-amount"))
    assert result.exit_code == 1
    assert len(findings(result)) == 2
    assert result.stdout.splitlines()[-1].startswith("✗ 2 个错误，涉及 2 个文件 / 2 error(s) in 2 file(s).")


def test_max_errors_lists_that_many_and_counts_the_rest(invoke):
    result = invoke("check", str(FIXTURES / "many-errors"), "--max-errors", "2")
    assert_no_crash(result)
    assert result.exit_code == 1
    actuals = FIXTURES / "many-errors" / PID / "actuals.toml"
    assert findings(result) == [
        f"{shown(actuals)}:4:1: new-enterprises.2021.value: "
        "家 是计数单位，须为整数（2.5）/ a count is a whole number",
        f"{shown(actuals)}:7:1: new-enterprises.2022.value: 当年数量不能为负（-1）；"
        "净增指标请在 plan.toml 中设 net = true / amounts are not negative unless net",
    ]
    assert result.stdout.splitlines()[-1].startswith("✗ 5 个错误（另有 3 个未列出 / 3 more not listed）")


def test_max_errors_in_json(invoke):
    result = invoke("check", str(FIXTURES / "many-errors"), "--max-errors", "2", "--format", "json")
    report = json.loads(result.stdout)
    assert len(report["errors"]) == 2
    assert (report["error_count"], report["errors_not_listed"]) == (5, 3)


def test_json_output(invoke):
    result = invoke("check", str(FIXTURES / "many-errors"), "--format", "json")
    assert_no_crash(result)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert set(report) == {"errors", "ok", "plans", "error_count", "errors_not_listed"}
    assert (report["ok"], report["plans"], report["error_count"], report["errors_not_listed"]) == (False, 1, 5, 0)
    assert [set(e) for e in report["errors"]] == [{"file", "line", "col", "field", "message"}] * 5
    assert report["errors"][4] == {
        "file": shown(FIXTURES / "many-errors" / PID / "actuals.toml"),
        "line": 16,
        "col": 1,
        "field": "forest-coverage.2021.value",
        "message": '应为数字，而不是文字 "16.5"，请去掉引号 / must be a number, not the string "16.5": remove the quotes',
    }
    assert result.stderr == ""


def test_json_output_when_all_is_well(invoke):
    result = invoke("check", str(FIXTURES / "valid"), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "errors": [], "ok": True, "plans": 1, "error_count": 0, "errors_not_listed": 0,
    }


def test_github_output(invoke):
    result = invoke("check", str(FIXTURES / "many-errors"), "--format", "github")
    assert_no_crash(result)
    assert result.exit_code == 1
    lines = findings(result)
    assert len(lines) == 5
    assert all(line.startswith("::error file=") for line in lines)
    assert lines[0] == (
        f"::error file={shown(FIXTURES / 'many-errors' / PID / 'actuals.toml')},line=4,col=1,"
        "title=plantrack check::new-enterprises.2021.value: "
        "家 是计数单位，须为整数（2.5）/ a count is a whole number"
    )


def test_github_output_cannot_start_a_second_workflow_command(invoke):
    """A key `"note\\n::warning::pwned"` in a pull request's plan must not become its own annotation."""
    result = invoke("check", str(FIXTURES / "control-characters-in-key"), "--format", "github")
    assert_no_crash(result)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2  # one line for the one finding, then the summary
    assert lines[0].startswith("::error file=")
    assert "indicators[forest-coverage].note%0A::warning::pwned: 未知的键 note%0A::warning::pwned" in lines[0]
    assert not any(line.startswith("::warning") for line in lines)
    assert "\r" not in result.stdout


def test_text_output_shows_a_newline_in_a_key_as_an_escape(invoke):
    plan = FIXTURES / "control-characters-in-key" / PID / "plan.toml"
    result = invoke("check", str(plan.parent))
    line = assert_one_finding(result, plan, 27, 1, "indicators[forest-coverage].note\\x0a::warning::pwned", "未知的键")
    assert "\n" not in line


def test_an_end_year_no_actual_can_fall_in_is_a_finding_not_a_crash(invoke, tmp_path):
    """end = -2025: the plan can hold no year at all (an empty range); every recorded year is a finding that names
    the range as it is, never an IndexError (a fuzz draw found it)."""
    source = FIXTURES / "valid" / PID
    path = edited_plan(tmp_path, source / "plan.toml", PID, "end = 2025", "end = -2025")
    (path.parent / "actuals.toml").write_bytes((source / "actuals.toml").read_bytes())
    result = invoke("check", str(tmp_path))
    assert_no_crash(result)
    assert result.exit_code == 1
    assert "plan.end: 结束年 -2025 早于开始年 2021" in result.stdout
    assert "年份 2021 超出本规划可记录的范围 2001–-2025" in result.stdout
