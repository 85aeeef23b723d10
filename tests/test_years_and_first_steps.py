"""Small things a new office meets first (issue 29): a year written as people write it (2023年) is read the same
on the command line as in a spreadsheet header, and a folder with no plan says how to get one."""

from __future__ import annotations

import pytest

from conftest import XKS


@pytest.mark.parametrize("written", ["2023年", "2023 年", " 2023 "])
def test_as_of_reads_a_year_as_people_write_it(invoke, plans_dir, written):
    plain = invoke("status", "--plans-dir", str(plans_dir), "--as-of", "2023")
    said = invoke("status", "--plans-dir", str(plans_dir), "--as-of", written)
    assert said.exit_code == plain.exit_code == 0
    assert said.stdout == plain.stdout and "截至 2023 年" in said.stdout


@pytest.mark.parametrize("written", ["２０２３", "2023x", "2023年度", "二〇二三"])
def test_anything_else_is_still_refused_by_name(invoke, plans_dir, written):
    result = invoke("status", "--plans-dir", str(plans_dir), "--as-of", written)
    assert result.exit_code == 2 and result.stdout == ""
    assert "须为年份，例如 2023 或 2023年" in result.stderr


def test_record_takes_the_year_as_people_write_it(invoke, plans_dir):
    result = invoke("record", "net-new-high-tech", "2023年", "4", "--source", "区科委", "--dry-run",
                    "--plans-dir", str(plans_dir), "--plan", XKS)
    assert result.exit_code == 0, result.stderr
    assert "2023" in result.stdout


@pytest.mark.parametrize("layout", ["wide", "long"])
def test_the_spreadsheet_rule_is_the_same_rule(invoke, plans_dir, tmp_path, layout):
    """A year column's header (wide) and a year cell (long: refused 2023年 until issue 26) read a year as the
    command line does: 2023, 2023年, 2023 年; anything else is refused."""
    csv = tmp_path / "rows.csv"

    def dry_run(*years: str):
        rows = (f"指标,{','.join(years)},来源\nnet-new-high-tech,{','.join('4' for _ in years)},区科委\n"
                if layout == "wide" else
                "指标,年份,数值,来源\n" + "".join(f"net-new-high-tech,{y},4,区科委\n" for y in years))
        csv.write_text(rows, encoding="utf-8")
        return invoke("import", str(csv), "--dry-run", "--plans-dir", str(plans_dir), "--plan", XKS)

    plain = dry_run("2023")
    assert plain.exit_code == 0, plain.stderr
    for written in ("2023年", "2023 年"):
        said = dry_run(written)
        assert (said.exit_code, said.stdout) == (0, plain.stdout), said.stderr
    for written in ("２０２３", "2023x", "二〇二三"):
        assert dry_run(written).exit_code != 0


@pytest.mark.parametrize("make", ["missing", "empty"])
def test_a_folder_without_plans_says_how_to_start(invoke, tmp_path, make):
    folder = tmp_path / "plans"
    if make == "empty":
        folder.mkdir()
    for args in (["status"], ["status", "--format", "json"], ["show", "1"]):
        result = invoke(*args, "--plans-dir", str(folder))
        assert result.exit_code == 2 and result.stdout == ""
        assert "plantrack init --example 复制示例规划" in result.stderr, args
        assert "plantrack init --example copies the example plan" in result.stderr
        assert "choices: —" not in result.stderr


@pytest.mark.parametrize(("typed", "stored"), [("基本实现", "nearly_met"), ("已实现", "achieved"),
                                                ("滞后", "behind"), ("nearly_met", "nearly_met")])
def test_an_assessment_may_be_typed_in_chinese(invoke, plans_dir, typed, stored):
    from hostile import QUAL_ID, hostile_plans

    plans = hostile_plans(plans_dir.parent / "q", "好")
    result = invoke("record", QUAL_ID, "2023", "--assessment", typed, "--source", "区评估报告", "--note", "评估说明",
                    "--plans-dir", str(plans), "--plan", XKS)
    assert result.exit_code == 0, result.stderr
    text = (plans / XKS / "actuals.toml").read_text(encoding="utf-8")
    assert f'[{QUAL_ID}.2023]\nassessment = "{stored}"' in text


def test_a_missing_plans_folder_named_by_plantrack_toml_blames_that_file(invoke, tmp_path, monkeypatch):
    (tmp_path / "plantrack.toml").write_text('plans_dir = "plan"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PLANTRACK_PLANS_DIR", raising=False)
    result = invoke("status")
    assert result.exit_code == 2
    assert "规划目录 plan 不存在：它是 plantrack.toml 的 plans_dir 指定的" in result.stderr
    assert "plans_dir in plantrack.toml names it" in result.stderr
