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
