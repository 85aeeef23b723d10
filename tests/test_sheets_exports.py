"""Issue 28, items 4 and 5: exports an office can use as they are, and the whole history travels.

Item 5: `export --with-history` (CSV, JSON, .xlsx) → import into an emptied copy gives back actuals.toml byte for
byte: every entry, every revision, every removal record, recorded_at and replaced_at as they were."""

from __future__ import annotations

import tomllib
from decimal import Decimal

import pytest
from conftest import XKS, snapshot

pytest.importorskip("openpyxl")


def _path(plans_dir):
    return plans_dir / XKS / "actuals.toml"


def _with_history(invoke, plans_dir):
    """A revision (record --force) and a removal record (record --delete) beside the bundled figures."""
    p = str(plans_dir)
    assert invoke("record", "value-added-growth", "2022", "512000", "--source", "2022年统计公报", "--force",
                  "--confirm", "--plans-dir", p).exit_code == 0
    assert invoke("record", "value-added-growth", "2022", "512300", "--source", "2022年统计年鉴", "--force",
                  "--confirm", "--plans-dir", p).exit_code == 0
    assert invoke("record", "--delete", "local-fiscal-revenue-growth", "2021", "--reason", "年份键错",
                  "--plans-dir", p).exit_code == 0


def _emptied(plans_dir):
    """The same plan with no figures: actuals.toml down to its #:schema line and generated header."""
    path = _path(plans_dir)
    path.write_text("".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:4]), encoding="utf-8")


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_export_with_history_then_import_into_an_empty_copy_restores_every_byte(invoke, plans_dir, tmp_path, fmt):
    _with_history(invoke, plans_dir)
    before = _path(plans_dir).read_bytes()
    parsed = tomllib.loads(before.decode("utf-8"), parse_float=Decimal)
    assert len(parsed["value-added-growth"]["2022"]["revisions"]) == 1  # the test has history to carry
    out = tmp_path / f"history.{fmt}"
    exported = invoke("export", "--with-history", "--format", fmt, "-o", str(out), "--plans-dir", str(plans_dir))
    assert exported.exit_code == 0, exported.stderr
    _emptied(plans_dir)
    imported = invoke("import", str(out), "--plans-dir", str(plans_dir))
    assert imported.exit_code == 0, imported.stderr
    assert "恢复 45 条记录（含 2 条修订）" in imported.stdout
    after = _path(plans_dir).read_bytes()
    assert tomllib.loads(after.decode("utf-8"), parse_float=Decimal) == parsed
    assert after == before
    again = invoke("import", str(out), "--plans-dir", str(plans_dir))
    assert again.exit_code == 0 and "45 条已有相同记录" in again.stdout and _path(plans_dir).read_bytes() == before


def test_history_csv_has_one_row_per_entry_and_revision(invoke, plans_dir):
    _with_history(invoke, plans_dir)
    csv = invoke("export", "--with-history", "--plans-dir", str(plans_dir)).stdout.lstrip("\ufeff").splitlines()
    assert csv[0] == ("plan,indicator,name,year,revision,value,unit,rate,assessment,source,note,recorded_at,removed,"
                      "replaced_at")
    rows = [r for r in csv if ",value-added-growth,增加值年均增长率,2022," in r]
    assert [r.split(",")[4:7] for r in rows] == [["", "512300", "万元"], ["1", "512000", "万元"]]
    removal = [r for r in csv if ",local-fiscal-revenue-growth," in r and ",2021," in r]
    assert len(removal) == 2 and ",年份键错," in removal[0] and removal[1].split(",")[4:7] == ["1", "5.9", "亿元"]


def test_history_json_rows_have_the_tables_columns_in_order_for_an_entry_and_a_revision(invoke, plans_dir):
    """The JSON of --with-history: each row's keys are HISTORY_COLUMNS in order, replaced_at null for the entry
    as it stands; its version keys are those of `history --format json` (render/indicator_json.version_record)."""
    import json

    _with_history(invoke, plans_dir)
    rows = json.loads(invoke("export", "--with-history", "--format", "json", "--plans-dir", str(plans_dir)).stdout)
    columns = ["plan", "indicator", "name", "year", "revision", "value", "unit", "rate", "assessment", "source",
               "note", "recorded_at", "removed", "replaced_at"]
    entry, revision = [r for r in rows if r["indicator"] == "value-added-growth" and r["year"] == 2022]
    assert list(entry) == list(revision) == columns
    assert entry["replaced_at"] is None and revision["revision"] == 1 and revision["replaced_at"] is not None


def test_a_year_holding_a_different_entry_refuses_the_whole_history_import(invoke, plans_dir, tmp_path):
    out = tmp_path / "h.csv"
    assert invoke("export", "--with-history", "-o", str(out), "--plans-dir", str(plans_dir)).exit_code == 0
    assert invoke("record", "value-added-growth", "2021", "489000", "--source", "核实", "--force", "--confirm",
                  "--plans-dir", str(plans_dir)).exit_code == 0
    folder = snapshot(plans_dir)
    result = invoke("import", str(out), "--plans-dir", str(plans_dir))
    assert result.exit_code == 1 and "value-added-growth 2021 已有不同的记录" in result.stderr
    assert snapshot(plans_dir) == folder


@pytest.mark.parametrize(("edit", "phrase"), [
    (lambda t: t.replace(",2026-11-23T16:30:00+08:00,", ",yesterday,", 1), "须为日期或日期时间"),
    (lambda t: t.replace(",370182,", ",370,182,", 1), "须为数字"),
    (lambda t: t.replace(",value-added-growth,", ",no-such,", 1), "没有指标"),
])
def test_a_bad_history_row_refuses_the_file_and_changes_nothing(invoke, plans_dir, tmp_path, edit, phrase):
    out = tmp_path / "h.csv"
    assert invoke("export", "--with-history", "-o", str(out), "--plans-dir", str(plans_dir)).exit_code == 0
    out.write_text(edit(out.read_text(encoding="utf-8-sig")), encoding="utf-8")
    _emptied(plans_dir)
    folder = snapshot(plans_dir)
    result = invoke("import", str(out), "--plans-dir", str(plans_dir))
    assert result.exit_code != 0 and phrase in result.stderr, result.stderr
    assert snapshot(plans_dir) == folder


@pytest.mark.parametrize("extra", [["--layout", "wide"], ["--what", "status", "--format", "xlsx", "-o", "x.xlsx"],
                                   ["--all"]])
def test_with_history_is_for_one_plans_long_table(invoke, plans_dir, extra):
    result = invoke("export", "--with-history", *extra, "--plans-dir", str(plans_dir))
    assert result.exit_code == 2 and "--with-history" in result.stderr


# ------------------------------------------------------------------------------------------------ item 4


def test_wide_export_holds_one_unit_per_numeric_row_in_the_language_asked(invoke, plans_dir):
    zh = invoke("export", "--layout", "wide", "--plans-dir", str(plans_dir)).stdout.lstrip("\ufeff").splitlines()
    assert zh[0] == "指标,名称,项目,单位,2016,2017,2018,2019,2020,2021"
    # 增加值: 2016–2020 in 万元, 2021 recorded as 48.9 亿元 — two rows, never 486600 and 48.9 side by side.
    assert zh[1] == "value-added-growth,增加值年均增长率,数值,万元,370182,434225,476437,464400,486600,"
    assert zh[2] == "value-added-growth,增加值年均增长率,数值,亿元,,,,,,48.9"
    assert zh[3].startswith("value-added-growth,增加值年均增长率,来源,,")
    en = invoke("export", "--layout", "wide", "--lang", "en", "--plans-dir", str(plans_dir)).stdout
    assert en.lstrip("\ufeff").startswith("indicator,name,item,unit,2016,")
    assert "\nvalue-added-growth,增加值年均增长率,value,亿元,,,,,,48.9\n" in en


@pytest.mark.parametrize(("lang", "fmt"), [("zh", "csv"), ("en", "csv"), ("zh", "xlsx"), ("en", "xlsx")])
def test_both_languages_of_the_wide_export_read_back_unchanged(invoke, plans_dir, tmp_path, lang, fmt):
    out = tmp_path / f"wide.{fmt}"
    assert invoke("export", "--layout", "wide", "--lang", lang, "--format", fmt, "-o", str(out), "--plans-dir",
                  str(plans_dir)).exit_code == 0
    folder = snapshot(plans_dir)
    result = invoke("import", str(out), "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert "44 行未变 / 44 rows unchanged" in result.stdout and snapshot(plans_dir) == folder


def test_status_workbook_is_the_terminal_table_set_up_for_one_a4_landscape_width(invoke, plans_dir, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "进度表.xlsx"
    assert invoke("export", "--what", "status", "--format", "xlsx", "-o", str(out), "--plans-dir",
                  str(plans_dir)).exit_code == 0
    ws = openpyxl.load_workbook(out).active
    # Row 4 (地方财政收入): the terminal's 年均 target, % actual, 尚需每年 and 期末预计 in 万元, as `status` prints them.
    assert [c.value for c in ws[4]] == ["3", "地方财政收入年均增长率", "预期性", "年均 6%", "21.24%", "2021", "6.00%",
                                        "3.54", "快于预期", "2.50%", "127465.64 万元", "可能 70%"]
    terminal = invoke("status", "--plans-dir", str(plans_dir)).stdout
    assert "127465.64 万元" in terminal and "21.24%" in terminal
    setup = ws.page_setup
    assert (setup.orientation, str(setup.paperSize), setup.fitToWidth, setup.fitToHeight) == ("landscape", "9", 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows in ("1:1", "$1:$1") and ws.freeze_panes == "C2"


def test_libreoffice_prints_the_status_workbook_on_one_page_width(invoke, plans_dir, tmp_path):
    import subprocess

    from test_sheets_workbooks import convert, soffice

    tool = soffice()
    out = tmp_path / "status.xlsx"
    assert invoke("export", "--what", "status", "--format", "xlsx", "-o", str(out), "--plans-dir",
                  str(plans_dir)).exit_code == 0
    pdf = convert(tool, out, "pdf", tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info  # 14 rows and all 12 columns: one page, nothing spilled to the right
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    first = text.splitlines()[0].split()
    assert first == ["序号", "指标", "属性", "目标", "实际", "数据年", "应达", "进度比", "状态", "尚需每年", "期末预计", "把握"]
    assert "127465.64 万元" in text and "年均 6%" in text


def test_libreoffice_shows_the_wide_export_with_one_unit_per_row(invoke, plans_dir, tmp_path):
    import subprocess

    from test_sheets_workbooks import convert, soffice

    tool = soffice()
    out = tmp_path / "wide.xlsx"
    assert invoke("export", "--layout", "wide", "--format", "xlsx", "-o", str(out), "--plans-dir",
                  str(plans_dir)).exit_code == 0
    pdf = convert(tool, out, "pdf", tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.split()[:4] == ["指标", "名称", "项目", "单位"]
    # The id column is narrow on paper (cut to "value-adde"); the 数值 rows are told apart by their 单位 cell.
    rows = [line.split() for line in text.splitlines() if "增加值年均" in line and "数值" in line]
    assert [r[-5:] for r in rows[:1]] == [["万元", "370182", "434225", "476437", "464400"]]
    assert rows[1][-1] == "亿元" and len(rows) == 2  # the 亿元 row holds no figure of 2016–2019
