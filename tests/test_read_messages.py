"""One set of words per refusal, whichever path reaches it (issue 26-style second paths):

- a malformed number or a unit that does not convert is named in the words of whoever gave it: VALUE / --unit on
  the command line, the sheet's own column (数值, 单位) in an import row, which also says what import takes;
- a missing plans folder reads the same for `check` as for every other command (contain.plan_ids);
- a file the user named that is missing or unreadable reads the same for import, extract, check and the Word
  template (readfile.read_input, readfile.missing), Chinese reason in the Chinese half;
- a pipe given as the Word template is told to be a regular Word .docx file, in both halves.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from conftest import XKS, snapshot

NOT_NUMBER_CLI = ("错误 / Error: VALUE 须为数字，例如 512000、27.72 或 -3（半角数字，不带逗号、单位或科学计数法），而不是 '1,23' / "
                  "VALUE must be a plain decimal number such as 512000 or 27.72, not '1,23'\n")
NO_CONVERT_CLI = ("错误 / Error: --unit 家 不能换算成该指标的单位 亿元；可用：元、万元、亿元 / --unit 家 cannot be converted to "
                  "the indicator's unit 亿元; use one of: 元、万元、亿元\n")
ROW = "全社会固定资产投资（fixed-asset-investment）: "
NOT_NUMBER_SHEET = ("数值 须为数字，例如 512000、3,180,000 或 27.72（逗号只能每三位一组；单位可写在数字后，如 48.9亿元，须能换算成"
                    "该指标的单位），而不是 '1,23' / 数值 must be a number such as 512000, 3,180,000 or 27.72 (commas only "
                    "between groups of three digits; a unit after the number, as in 48.9亿元, must convert to the "
                    "indicator's unit), not '1,23'")
NO_CONVERT_SHEET = ("单位 {u} 不能换算成该指标的单位 亿元；可用：元、万元、亿元 / 单位 {u} cannot be converted to the "
                    "indicator's unit 亿元; use one of: 元、万元、亿元")
BAD_ROWS = "错误 / Error: {n} 行有错误，没有写入任何数据；请修改后重新导入 / {n} bad row(s): nothing was written\n"


@pytest.mark.parametrize("args, expected", [
    (["record", "fixed-asset-investment", "2022", "1,23"], NOT_NUMBER_CLI),
    (["record", "fixed-asset-investment", "2022", "48.9", "--unit", "家"], NO_CONVERT_CLI),
    (["record", "fixed-asset-investment", "2022", "48", "--unit", "桶"],
     "错误 / Error: --unit '桶' 不是已知单位；可用：%、元、万元、亿元、家、个、件、项、人、户、次、年、岁、天、吨、万吨、亿吨、"
     "吨标准煤、万吨标准煤、亿吨标准煤、吨标准煤/万元、千瓦时、万千瓦时、平方米、万平方米、公顷、亩、公里 / --unit '桶' is not a "
     "known unit; use one of: %、元、万元、亿元、家、个、件、项、人、户、次、年、岁、天、吨、万吨、亿吨、吨标准煤、万吨标准煤、"
     "亿吨标准煤、吨标准煤/万元、千瓦时、万千瓦时、平方米、万平方米、公顷、亩、公里\n"),
])
def test_record_names_its_options(invoke, plans_dir, args, expected):
    before = snapshot(plans_dir / XKS)
    result = invoke(*args, "--plans-dir", str(plans_dir))
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", expected)
    assert snapshot(plans_dir / XKS) == before


def test_an_import_row_names_its_columns_and_what_import_takes(invoke, plans_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.csv").write_text('指标,年份,数值,单位\nfixed-asset-investment,2022,"1,23",\n'
                                    "fixed-asset-investment,2023,48.9家,\nfixed-asset-investment,2024,50%,\n"
                                    "fixed-asset-investment,2025,\"5,000\",\n", encoding="utf-8")
    before = snapshot(plans_dir / XKS)
    result = invoke("import", "a.csv", "--plans-dir", str(plans_dir))
    assert (result.exit_code, result.stdout) == (1, "")  # a row's problem is a finding: exit 1
    assert result.stderr == (BAD_ROWS.format(n=3) + f"a.csv:2:1: {ROW}{NOT_NUMBER_SHEET}\n"
                             f"a.csv:3:1: {ROW}{NO_CONVERT_SHEET.format(u='家')}\n"
                             f"a.csv:4:1: {ROW}{NO_CONVERT_SHEET.format(u='%')}\n")
    assert snapshot(plans_dir / XKS) == before


def test_a_workbook_row_names_its_columns(invoke, plans_dir, tmp_path, monkeypatch):
    openpyxl = pytest.importorskip("openpyxl")
    monkeypatch.chdir(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    for row in (["指标", "年份", "数值", "单位"], ["fixed-asset-investment", 2022, "1,23", None]):
        ws.append(row)
    wb.save(tmp_path / "b.xlsx")
    result = invoke("import", "b.xlsx", "--plans-dir", str(plans_dir))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == BAD_ROWS.format(n=1) + f"b.xlsx:2:3: {ROW}表1!C2（数值）：{NOT_NUMBER_SHEET}\n"


def test_the_web_form_can_name_its_fields(plans_dir):
    """web/write.py builds its Change with the form's words; here the same Change, through record's path."""
    from datetime import datetime

    from plantrack.changes import Change, Words, build_entry
    from plantrack.errors import PlantrackError
    from plantrack.opening import open_plan

    plan = open_plan(plans_dir, XKS)
    ind = plan.find_indicator("fixed-asset-investment")
    form = Words("数值", "增长率", "单位")
    for value, unit, expected in [
        ("1,23", None, "数值 须为数字，例如 512000、27.72 或 -3（半角数字，不带逗号、单位或科学计数法），而不是 '1,23' / "
                       "数值 must be a plain decimal number such as 512000 or 27.72, not '1,23'"),
        ("48.9", "家", "单位 家 不能换算成该指标的单位 亿元；可用：元、万元、亿元 / 单位 家 cannot be converted to the "
                       "indicator's unit 亿元; use one of: 元、万元、亿元"),
    ]:
        with pytest.raises(PlantrackError) as caught:
            build_entry(plan, ind, Change(ind.id, 2022, value, unit=unit, words=form), datetime(2026, 1, 1))
        assert caught.value.message == expected


PLANS_MISSING = ("错误 / Error: 规划目录 nowhere 不存在；请用 --plans-dir 或环境变量 PLANTRACK_PLANS_DIR 指定。还没有规划？"
                 "plantrack init --example 复制示例规划，plantrack init 规划编号 新建一个 / plans directory not found: give "
                 "--plans-dir or PLANTRACK_PLANS_DIR. No plans yet? plantrack init --example copies the example plan, "
                 "plantrack init ID starts one\n")


@pytest.mark.parametrize("args", [["status"], ["check"], ["show", "1"], ["export"], ["import", "a.csv"]])
def test_a_missing_plans_folder_reads_the_same_for_every_command(invoke, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.csv").write_text("指标,年份,数值\n1,2022,5\n", encoding="utf-8")
    result = invoke(*args, "--plans-dir", "nowhere")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", PLANS_MISSING)


def _missing(name: str) -> str:
    return (f"错误 / Error: {name}: 无法读取：没有这个文件或文件夹；请检查路径和文件名 / cannot read it: No such file or "
            "directory; check the path and the file name\n")


@pytest.mark.parametrize("args, name", [
    (["import", "missing.csv"], "missing.csv"),
    (["extract", "missing.txt"], "missing.txt"),
    (["check", "missing.toml"], "missing.toml"),
])
def test_a_missing_file_reads_the_same_for_every_command(invoke, plans_dir, tmp_path, monkeypatch, args, name):
    monkeypatch.chdir(tmp_path)
    extra = [] if args[0] == "check" else ["--plans-dir", str(plans_dir)]
    result = invoke(*args, *extra)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", _missing(name))


def test_an_unreadable_file_gives_a_chinese_reason(tmp_path, monkeypatch):
    """Tests run as root in CI, where chmod 000 does not stop a read: the refusal is made at os.open."""
    from plantrack.errors import PlantrackError
    from plantrack.readfile import read_input

    path = tmp_path / "locked.csv"
    path.write_text("x", encoding="utf-8")
    real_open = os.open

    def refuse(file, *a, **k):
        if Path(file) == path:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(file, *a, **k)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(PlantrackError) as caught:
        read_input(path, "locked.csv")
    assert caught.value.message == ("locked.csv: 无法读取：没有读取权限；请让文件的所有者恢复读取权限 / cannot read it: "
                                    "Permission denied; ask the file's owner to restore read access")
    assert caught.value.code == 2


def test_a_pipe_as_the_word_template_is_told_to_be_a_docx(invoke, plans_dir, tmp_path, monkeypatch):
    pytest.importorskip("docx")
    monkeypatch.chdir(tmp_path)
    os.mkfifo(tmp_path / "fifo.txt")
    result = invoke("report", "--format", "docx", "--template", "fifo.txt", "-o", "r.docx", "--plans-dir", str(plans_dir))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("错误 / Error: 无法使用模板 fifo.txt：不是普通文件（可能是管道、设备或文件夹），已拒绝；请换成普通的 Word "
                             ".docx 文件 / not a regular file (a pipe, a device or a folder): refused. Replace it with a "
                             "regular Word .docx file\n")
    assert not (tmp_path / "r.docx").exists()
