"""plantrack record: log yearly actuals with their sources, and never lose one.

Success lines, what lands in actuals.toml (byte for byte where it matters), --dry-run, --force revisions and
history, and every "Bad record call" of reliability.md: each refused call is checked for its exit code, a key
phrase on stderr, no traceback, and an identical plan folder (every file's sha256 and the list of names).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import BUNDLED, XKS, snapshot

VA_LINE = "value-added-growth 2022 = 512000 万元 · 年均 2.58% · 严重滞后"


# --- helpers -------------------------------------------------------------------------------------------


def actuals_text(plans_dir: Path) -> str:
    return (plans_dir / XKS / "actuals.toml").read_text(encoding="utf-8")


def actuals(plans_dir: Path) -> dict:
    return tomllib.loads(actuals_text(plans_dir), parse_float=Decimal)


def block(text: str, ind: str, year: int) -> str:
    """The `[ind.year]` table of actuals.toml as text (up to the next table header)."""
    m = re.search(rf"^\[{re.escape(ind)}\.{year}\]\n(.*?)(?=^\[|\Z)", text, flags=re.M | re.S)
    assert m, f"[{ind}.{year}] not in actuals.toml"
    return m.group(0)


def no_traceback(result) -> None:
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr
    # In-process, an unexpected exception would not print a traceback but would be kept here.
    assert not isinstance(result.exception, Exception), repr(result.exception)


def rec(invoke, plans_dir: Path, ind: str, year: int | str, value: str | None = None, *opts: str):
    args = ["record", ind, str(year), "--plans-dir", str(plans_dir), *opts]
    if value is not None:
        # A negative number goes after `--` (decisions.md, Output).
        args += ["--", value] if value.startswith("-") else [value]
    return invoke(*args)


def status_json(invoke, plans_dir: Path, *opts: str) -> dict:
    result = invoke("status", "--plans-dir", str(plans_dir), "--format", "json", *opts)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout, parse_float=Decimal)["plans"][0]  # schema_version 2 (issue 19)


# --- success ------------------------------------------------------------------------------------------


def test_success_line_matches_decisions_example(invoke, plans_dir):
    result = rec(invoke, plans_dir, "value-added-growth", 2022, "512000", "--source", "2022年统计公报")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == VA_LINE + "\n"
    assert result.stderr == ""
    no_traceback(result)


def test_record_stores_exactly_what_was_typed_and_nothing_else_changes(invoke, plans_dir):
    before = actuals_text(plans_dir)
    result = rec(invoke, plans_dir, "value-added-growth", 2022, "512000", "--source", "2022年统计公报",
                 "--note", "初步核算")
    assert result.exit_code == 0, result.stderr
    after = actuals_text(plans_dir)
    new = block(after, "value-added-growth", 2022)
    assert re.fullmatch(
        r'\[value-added-growth\.2022\]\n'
        r'value = 512000\n'
        r'unit = "万元"\n'
        r'source = "2022年统计公报"\n'
        r'note = "初步核算"\n'
        r'recorded_at = \d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)\n\n?',
        new,
    ), new
    # Every byte that was there is still there: the new table is the only difference.
    assert after.replace(new, "", 1) == before
    entry = actuals(plans_dir)["value-added-growth"]["2022"]
    assert entry["value"] == 512000 and entry["unit"] == "万元" and entry["source"] == "2022年统计公报"


def test_unit_yi_yuan_is_stored_as_typed_and_judged_in_wan_yuan(invoke, plans_dir):
    result = rec(invoke, plans_dir, "value-added-growth", 2022, "51.2", "--unit", "亿元", "--source", "S")
    assert result.exit_code == 0, result.stderr
    # Same verdict as 512000 万元: the conversion happens when progress is computed.
    assert result.stdout == "value-added-growth 2022 = 51.2 亿元 (= 512000 万元) · 年均 2.58% · 严重滞后\n"
    assert result.stderr == ""
    text = block(actuals_text(plans_dir), "value-added-growth", 2022)
    assert 'value = 51.2\nunit = "亿元"\nsource = "S"\n' in text
    entry = actuals(plans_dir)["value-added-growth"]["2022"]
    assert entry["value"] == Decimal("51.2") and str(entry["value"]) == "51.2"
    assert entry["unit"] == "亿元"
    data = status_json(invoke, plans_dir, "--as-of", "2022")
    va = next(i for i in data["indicators"] if i["id"] == "value-added-growth")
    assert va["data_year"] == 2022
    assert va["actual"] == Decimal("2.5767")  # √(512000 / 486600) − 1 = 2.5767 %
    assert va["status"] == "far_behind"


def test_indicator_by_number_and_by_chinese_name(invoke, plans_dir):
    result = rec(invoke, plans_dir, "1", 2022, "512000", "--source", "S")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == VA_LINE + "\n"
    result = rec(invoke, plans_dir, "增加值年均增长率", 2023, "538000", "--source", "S")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("value-added-growth 2023 = 538000 万元 · 年均 ")
    assert set(actuals(plans_dir)["value-added-growth"]) >= {"2022", "2023"}


def test_dry_run_prints_the_line_and_changes_no_byte(invoke, plans_dir):
    folder = plans_dir / XKS
    before = snapshot(folder)
    result = rec(invoke, plans_dir, "value-added-growth", 2022, "512000", "--source", "S", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "（试运行，未写入）" + VA_LINE + "\n"
    assert result.stderr == ""
    assert snapshot(folder) == before  # not even the lock file


def test_dry_run_of_a_revision_says_so_and_writes_nothing(invoke, plans_dir):
    assert rec(invoke, plans_dir, "value-added-growth", 2022, "512000", "--source", "S1").exit_code == 0
    folder = plans_dir / XKS
    before = snapshot(folder)
    result = rec(invoke, plans_dir, "value-added-growth", 2022, "520000", "--source", "S2", "--force", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("（试运行，未写入）value-added-growth 2022 = 520000 万元 · 年均 3.38% · ")
    assert "已修订" in result.stdout
    assert snapshot(folder) == before


def test_force_keeps_the_old_entry_as_a_revision(invoke, plans_dir):
    first = rec(invoke, plans_dir, "value-added-growth", 2022, "512000", "--source", "2022年统计公报（初步核算）")
    assert first.exit_code == 0, first.stderr
    old = actuals(plans_dir)["value-added-growth"]["2022"]
    result = rec(invoke, plans_dir, "value-added-growth", 2022, "520000", "--source", "2023年统计年鉴（最终核实）",
                 "--force")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "value-added-growth 2022 = 520000 万元 · 年均 3.38% · 严重滞后 · 已修订，旧值保存在修订记录中\n"
    )
    entry = actuals(plans_dir)["value-added-growth"]["2022"]
    assert entry["value"] == 520000
    assert entry["source"] == "2023年统计年鉴（最终核实）"
    assert len(entry["revisions"]) == 1
    revision = entry["revisions"][0]
    assert revision["value"] == 512000
    assert revision["unit"] == "万元"
    assert revision["source"] == "2022年统计公报（初步核算）"
    assert revision["recorded_at"] == old["recorded_at"]
    assert revision["replaced_at"] >= revision["recorded_at"]
    assert entry["recorded_at"] == revision["replaced_at"]

    # A second revision keeps the first one too: nothing is ever deleted.
    third = rec(invoke, plans_dir, "value-added-growth", 2022, "52.1", "--unit", "亿元", "--source", "复核", "--force")
    assert third.exit_code == 0, third.stderr
    entry = actuals(plans_dir)["value-added-growth"]["2022"]
    assert [r["value"] for r in entry["revisions"]] == [512000, 520000]
    assert [r["source"] for r in entry["revisions"]] == ["2022年统计公报（初步核算）", "2023年统计年鉴（最终核实）"]
    assert entry["value"] == Decimal("52.1") and entry["unit"] == "亿元"

    history = invoke("history", "value-added-growth", "--plans-dir", str(plans_dir))
    assert history.exit_code == 0, history.stderr
    assert history.stderr == ""
    lines = history.stdout.splitlines()
    current = next(line for line in lines if line.lstrip().startswith("2022 "))
    assert "52.1 亿元" in current and "复核" in current
    rev1 = next(line for line in lines if "修订前 1" in line)
    rev2 = next(line for line in lines if "修订前 2" in line)
    assert "520000 万元" in rev1 and "2023年统计年鉴（最终核实）" in rev1
    assert "512000 万元" in rev2 and "2022年统计公报（初步核算）" in rev2
    assert lines.index(current) < lines.index(rev1) < lines.index(rev2)


def test_status_reflects_every_record(invoke, plans_dir):
    steps = [
        # indicator, year, VALUE or None, extra options, actual in status, status (None: not checked)
        ("value-added-growth", 2022, "512000", [], Decimal("2.5767"), "far_behind"),
        ("tech-listings", 2022, "2", [], Decimal("2"), None),
        ("tech-listings", 2023, "1", [], Decimal("3"), None),
        ("energy-intensity-decline", 2022, None, ["--rate", "3.2"], Decimal("3.2000"), None),
        ("net-new-high-tech", 2023, "-3", [], Decimal("-3"), "far_behind"),
        ("value-added-growth", 2023, "538000", [], None, None),
    ]
    for ind, year, value, opts, actual, status in steps:
        result = rec(invoke, plans_dir, ind, year, value, "--source", "S", *opts)
        assert result.exit_code == 0, result.stderr
        data = status_json(invoke, plans_dir, "--as-of", "2023")
        row = next(i for i in data["indicators"] if i["id"] == ind)
        assert row["data_year"] == year
        assert row["status"] != "no_data"
        if actual is not None:
            assert row["actual"] == actual
        if status is not None:
            assert row["status"] == status
    # 2022 → 2023 for value added: √… over three years from 486600 to 538000.
    data = status_json(invoke, plans_dir, "--as-of", "2023")
    va = next(i for i in data["indicators"] if i["id"] == "value-added-growth")
    expected = ((Decimal(538000) / Decimal(486600)) ** (Decimal(1) / 3) - 1) * 100
    assert va["actual"] == expected.quantize(Decimal("0.0001"))


def test_negative_amount_on_net_indicator_after_double_dash(invoke, plans_dir):
    result = invoke("record", "net-new-high-tech", "2023", "--source", "区科委", "--plans-dir", str(plans_dir),
                    "--", "-3")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("net-new-high-tech 2023 = -3 家 · 累计 -3 家")
    entry = actuals(plans_dir)["net-new-high-tech"]["2023"]
    assert entry["value"] == -3 and entry["unit"] == "家" and entry["source"] == "区科委"
    assert "value = -3\n" in block(actuals_text(plans_dir), "net-new-high-tech", 2023)


# --- bad record calls: exit code, message, no traceback, nothing changed ----------------------------------

BAD_CALLS = [
    # id, args after `record` (plans-dir added), exit code, phrases that must be on stderr
    ("unknown-plan", ["value-added-growth", "2022", "512000", "--plan", "xiaokunshan-15th"], 2,
     ["xiaokunshan-15th", "did you mean xiaokunshan-14th"]),
    ("plan-id-path", ["value-added-growth", "2022", "512000", "--plan", "../plans"], 2, ["'../plans'"]),
    ("unknown-indicator-typo", ["value-added-grwth", "2022", "512000"], 2,
     ["'value-added-grwth'", "did you mean: value-added-growth"]),
    ("unknown-indicator-typo-2", ["tech-listing", "2022", "1"], 2, ["did you mean: tech-listings"]),
    ("year-after-end", ["value-added-growth", "2026", "512000"], 2, ["2026", "2001–2025"]),
    ("year-long-before", ["value-added-growth", "1990", "512000"], 2, ["1990", "2001–2025"]),
    ("comma", ["value-added-growth", "2022", "1,5"], 2, ["VALUE", "'1,5'"]),
    ("trailing-letters", ["value-added-growth", "2022", "12a"], 2, ["VALUE", "'12a'"]),
    ("nan", ["value-added-growth", "2022", "NaN"], 2, ["VALUE", "'NaN'"]),
    ("inf", ["value-added-growth", "2022", "inf"], 2, ["VALUE", "'inf'"]),
    ("exponent", ["value-added-growth", "2022", "1e400"], 2, ["VALUE", "'1e400'"]),
    ("full-width", ["value-added-growth", "2022", "５１２０００"], 2, ["VALUE", "'５１２０００'"]),
    ("too-large", ["value-added-growth", "2022", "1000000000000000"], 2, ["10^15"]),
    ("rate-not-a-number", ["energy-intensity-decline", "2022", "--rate", "abc"], 2, ["--rate", "'abc'"]),
    ("negative-on-non-net", ["tech-listings", "2022", "--", "-1"], 2, ["-1", "net = true"]),
    ("negative-money-on-cumulative", ["fixed-asset-investment", "2022", "--", "-5"], 2, ["net = true"]),
    ("fractional-count", ["tech-listings", "2022", "1.5"], 2, ["1.5", "whole number"]),
    ("fractional-count-net", ["net-new-high-tech", "2022", "2.5"], 2, ["whole number"]),
    ("rate-on-cumulative", ["tech-listings", "2022", "--rate", "3"], 2, ["--rate", "cumulative", "VALUE"]),
    ("rate-and-value-on-cumulative", ["fixed-asset-investment", "2022", "30", "--rate", "5"], 2, ["--rate"]),
    ("count-unit-for-money", ["value-added-growth", "2022", "5", "--unit", "家"], 2,
     ["--unit 家", "万元", "元、万元、亿元"]),
    ("money-unit-for-count", ["tech-listings", "2022", "1", "--unit", "万元"], 2, ["--unit 万元", "家"]),
    ("unknown-unit", ["value-added-growth", "2022", "5", "--unit", "桶"], 2, ["'桶'", "is not a known unit"]),
    ("value-for-rate-only", ["energy-intensity-decline", "2022", "0.5"], 2, ["value_unit"]),
    ("impossible-decline", ["energy-intensity-decline", "2022", "--rate", "100"], 2, ["rate"]),
    ("nothing-given", ["value-added-growth", "2022"], 2, ["VALUE"]),
    ("existing-year", ["value-added-growth", "2021", "50.1", "--unit", "亿元"], 1,
     ["已有记录", "48.9 亿元", "50.1 亿元", "--force"]),
]


@pytest.mark.parametrize(("args", "code", "phrases"), [c[1:] for c in BAD_CALLS], ids=[c[0] for c in BAD_CALLS])
def test_bad_record_call_changes_nothing(invoke, plans_dir, args, code, phrases):
    folder = plans_dir / XKS
    before, before_names = snapshot(folder), sorted(os.listdir(plans_dir))
    result = invoke("record", *args[:2], "--source", "S", "--plans-dir", str(plans_dir), *args[2:])
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    for phrase in phrases:
        assert phrase in result.stderr, (phrase, result.stderr)
    no_traceback(result)
    assert snapshot(folder) == before
    assert sorted(os.listdir(plans_dir)) == before_names


def test_existing_year_without_force_shows_old_and_new(invoke, plans_dir):
    ok = rec(invoke, plans_dir, "value-added-growth", 2022, "512000", "--source", "初步核算")
    assert ok.exit_code == 0, ok.stderr
    folder = plans_dir / XKS
    before = snapshot(folder)
    for extra in ([], ["--dry-run"]):
        result = rec(invoke, plans_dir, "value-added-growth", 2022, "520000", "--source", "最终核实", *extra)
        assert result.exit_code == 1, result.stderr
        assert result.stdout == ""
        assert "512000 万元, 来源 初步核算" in result.stderr
        assert "520000 万元, 来源 最终核实" in result.stderr
        assert "--force" in result.stderr
        no_traceback(result)
        assert snapshot(folder) == before


def test_refused_call_on_a_plan_without_actuals_creates_no_file(invoke, plans_dir):
    folder = plans_dir / XKS
    (folder / "actuals.toml").unlink()
    before = snapshot(folder)
    result = rec(invoke, plans_dir, "tech-listings", 2022, "1.5", "--source", "S")
    assert result.exit_code == 2
    assert snapshot(folder) == before == {"plan.toml": before["plan.toml"]}


# --- a whole plan period, by hand and by CSV -------------------------------------------------------------

# Realistic yearly figures for 2022–2025 (values in the indicator's own unit unless stated; rates in %).
YEARS = (2022, 2023, 2024, 2025)
FULL = {
    "value-added-growth": ("value", ["512000", "538000", "566000", "595000"], None),
    "fiscal-revenue-growth": ("value", ["15.5", "16.2", "17.1", "18"], "亿元"),
    "local-fiscal-revenue-growth": ("value", ["61000", "64000", "67500", "70800"], None),
    "industrial-output-growth": ("value", ["1480000", "1530000", "1600000", "1680000"], None),
    "energy-intensity-decline": ("rate", ["3.2", "2.8", "3.1", "3.0"], None),
    "export-delivery-growth": ("value", ["250000", "262000", "276000", "290000"], None),
    "fixed-asset-investment": ("value", ["28.5", "31.2", "30.8", "33.6"], None),
    "industrial-fixed-asset-investment": ("value", ["31000", "34000", "36000", "39000"], "万元"),
    "disposable-income-growth": ("rate", ["7.1", "5.0", "5.2", "4.8"], None),
    "tech-listings": ("value", ["1", "0", "2", "1"], None),
    "net-new-high-tech": ("value", ["12", "9", "-3", "11"], None),
    "new-strategic-emerging": ("value", ["2", "3", "2", "2"], None),
    "new-srdi": ("value", ["3", "2", "3", "2"], None),
    "new-modern-services": ("value", ["2", "1", "2", "2"], None),
}


def _check_full_period(invoke, plans_dir: Path) -> dict:
    stored = actuals(plans_dir)
    assert set(FULL) <= set(stored)
    for ind, (what, values, unit) in FULL.items():
        for year, text in zip(YEARS, values):
            entry = stored[ind][str(year)]
            assert entry[what] == Decimal(text), (ind, year)
            if unit:
                assert entry["unit"] == unit
            assert entry["source"] == f"{year}年统计公报"

    table = invoke("status", "--plans-dir", str(plans_dir), "--as-of", "2025")
    assert table.exit_code == 0, table.stderr
    assert table.stderr == ""
    assert "期末评估 2025 年" in table.stdout
    assert "暂无数据" not in table.stdout
    rows = [line for line in table.stdout.splitlines() if re.match(r"^\s*\d+\s", line)]
    assert len(rows) == len(FULL)

    data = status_json(invoke, plans_dir, "--as-of", "2025")
    assert [i["id"] for i in data["indicators"]] == list(FULL)
    for row in data["indicators"]:
        assert row["status"] != "no_data", row["id"]
        assert row["data_year"] == 2025, row["id"]
        assert row["final"] is True, row["id"]
    assert data["counts"]["no_data"] == 0

    check = invoke("check", str(plans_dir))
    assert check.exit_code == 0, check.stdout + check.stderr
    assert "全部通过" in check.stdout
    return data


def test_record_whole_period_for_all_14_indicators(invoke, plans_dir):
    for ind, (what, values, unit) in FULL.items():
        for year, text in zip(YEARS, values):
            opts = ["--source", f"{year}年统计公报"] + (["--unit", unit] if unit else [])
            if what == "rate":
                result = rec(invoke, plans_dir, ind, year, None, "--rate", text, *opts)
            else:
                result = rec(invoke, plans_dir, ind, year, text, *opts)
            assert result.exit_code == 0, (ind, year, result.stderr)
            assert result.stdout.startswith(f"{ind} {year} = "), result.stdout
            assert result.stderr == ""
    data = _check_full_period(invoke, plans_dir)
    va = next(i for i in data["indicators"] if i["id"] == "value-added-growth")
    assert va["status"] == "missed"  # 4.10% a year against 6%


def _full_csv(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["indicator", "year", "value", "rate", "unit", "source", "note"])
        for ind, (what, values, unit) in FULL.items():
            for year, text in zip(YEARS, values):
                writer.writerow([ind, year, text if what == "value" else "", text if what == "rate" else "",
                                 unit or "", f"{year}年统计公报", ""])


def test_import_whole_period_in_one_csv(invoke, plans_dir, tmp_path):
    source = tmp_path / "actuals-2022-2025.csv"
    _full_csv(source)
    result = invoke("import", str(source), "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == len(FULL) * len(YEARS)
    assert lines[0] == VA_LINE
    data = _check_full_period(invoke, plans_dir)

    # The same numbers typed one by one give the same verdicts.
    by_hand = tmp_path / "by-hand"
    shutil.copytree(BUNDLED, by_hand)
    for ind, (what, values, unit) in FULL.items():
        for year, text in zip(YEARS, values):
            opts = ["--source", f"{year}年统计公报"] + (["--unit", unit] if unit else [])
            args = (None, "--rate", text, *opts) if what == "rate" else (text, *opts)
            assert rec(invoke, by_hand, ind, year, *args).exit_code == 0
    assert status_json(invoke, by_hand, "--as-of", "2025") == data
