"""plantrack import / export: every row checked first, all written or none; export exactly as recorded."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import XKS, snapshot

HEADER = "indicator,year,value,rate,unit,source,note\n"
GOOD_ROWS = (
    "value-added-growth,2022,51.2,,亿元,2022年统计公报,初步核算\n"
    "energy-intensity-decline,2022,,2.9,,区统计局能耗公报,\n"
    "industrial-fixed-asset-investment,2022,5.1,,亿元,区发改委,\n"
    "net-new-high-tech,2022,-3,,,区科委,净减少\n"
    "tech-listings,2022,1,,家,区金融办,\n"
)
# issue 17: the indicator's name and the assessment are exported too.
EXPORT_COLUMNS = ["plan", "indicator", "name", "year", "value", "unit", "rate", "assessment", "source", "note",
                  "recorded_at", "revisions"]


def actuals(plans_dir: Path) -> dict:
    return tomllib.loads((plans_dir / XKS / "actuals.toml").read_text(encoding="utf-8"), parse_float=Decimal)


def no_traceback(result) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert not isinstance(result.exception, Exception), repr(result.exception)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch) -> Path:
    """Work in tmp_path, so that FILE in FILE:LINE is the plain name the user typed."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_csv(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def do_import(invoke, plans_dir: Path, name: str, *opts: str):
    return invoke("import", name, "--plans-dir", str(plans_dir), *opts)


# --- import --------------------------------------------------------------------------------------------


def test_import_good_csv_stores_every_row(invoke, plans_dir, in_tmp):
    write_csv(in_tmp, "actuals-2022.csv", HEADER + GOOD_ROWS)
    before = actuals(plans_dir)
    result = do_import(invoke, plans_dir, "actuals-2022.csv")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    assert lines[0] == "value-added-growth 2022 = 51.2 亿元 (= 512000 万元) · 年均 2.58% · 严重滞后"
    assert lines[1].startswith("energy-intensity-decline 2022 = 下降 2.9% · ")
    assert lines[2].startswith("industrial-fixed-asset-investment 2022 = 5.1 亿元 · 累计 32.82 亿元")
    assert lines[3].startswith("net-new-high-tech 2022 = -3 家 · 累计 -3 家")
    assert lines[4].startswith("tech-listings 2022 = 1 家 · 累计 1 家")

    after = actuals(plans_dir)
    va = after["value-added-growth"]["2022"]
    assert (va["value"], va["unit"], va["source"], va["note"]) == (Decimal("51.2"), "亿元", "2022年统计公报", "初步核算")
    ei = after["energy-intensity-decline"]["2022"]
    assert ei["rate"] == Decimal("2.9") and "value" not in ei and "unit" not in ei
    assert after["industrial-fixed-asset-investment"]["2022"]["value"] == Decimal("5.1")
    assert after["net-new-high-tech"]["2022"]["value"] == -3
    assert after["net-new-high-tech"]["2022"]["unit"] == "家"
    assert after["tech-listings"]["2022"]["value"] == 1
    # Every row got the same recorded_at (one atomic write), and nothing that was there is gone.
    assert len({after[i]["2022"]["recorded_at"] for i in after if "2022" in after[i]}) == 1
    for ind, years in before.items():
        for year, entry in years.items():
            assert after[ind][year] == entry


def test_import_one_bad_row_among_good_ones_writes_nothing(invoke, plans_dir, in_tmp):
    rows = GOOD_ROWS.splitlines(keepends=True)
    bad = "new-srdi,2022,1.5,,,区经委,\n"  # a fractional count, on line 4 of the file
    write_csv(in_tmp, "mixed.csv", HEADER + "".join(rows[:2]) + bad + "".join(rows[2:]))
    folder = plans_dir / XKS
    before = snapshot(folder)
    result = do_import(invoke, plans_dir, "mixed.csv")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stdout == ""
    assert "mixed.csv:4:1: 新增专精特新企业（new-srdi）: " in result.stderr
    assert "whole number" in result.stderr
    assert "nothing was written" in result.stderr
    # Only the bad row is named.
    assert result.stderr.count("mixed.csv:") == 1
    no_traceback(result)
    assert snapshot(folder) == before


def test_import_reports_every_bad_row_with_its_line(invoke, plans_dir, in_tmp):
    text = (
        HEADER
        + "value-added-growth,2022,512000,,,S,\n"        # line 2: good
        + "value-added-grwth,2023,538000,,,S,\n"          # line 3: typo
        + "tech-listings,20x2,1,,,S,\n"                   # line 4: not a year
        + "fixed-asset-investment,2022,1e400,,,S,\n"      # line 5: not a number
        + "tech-listings,2022,,3,,S,\n"                   # line 6: a rate for a cumulative
        + "value-added-growth,2021,50,,,S,\n"             # line 7: an existing year
        + "export-delivery-growth,2026,290000,,,S,\n"     # line 8: outside the plan
        + "value-added-growth,2024,5,,家,S,\n"            # line 9: unit cannot convert
    )
    write_csv(in_tmp, "bad.csv", text)
    folder = plans_dir / XKS
    before = snapshot(folder)
    result = do_import(invoke, plans_dir, "bad.csv")
    assert result.exit_code == 1
    assert result.stdout == ""
    no_traceback(result)
    assert snapshot(folder) == before
    # The year column is read first: a malformed year is reported on its own line...
    assert "bad.csv:4:1: year: " in result.stderr
    # ...and once the years are fine, every other bad row is reported together.
    fixed = text.replace("tech-listings,20x2", "tech-listings,2023")
    write_csv(in_tmp, "bad.csv", fixed)
    result = do_import(invoke, plans_dir, "bad.csv")
    assert result.exit_code == 1
    assert result.stdout == ""
    for line, phrase in [(3, "did you mean: value-added-growth"), (5, "'1e400'"), (6, "不记增长率 rate；请直接给出当年数值 value / rate is only for"),
                         (7, "48.9 亿元"), (8, "2026"), (9, "unit 家 不能换算")]:
        found = [s for s in result.stderr.splitlines() if s.startswith(f"bad.csv:{line}:1:")]
        assert found, (line, result.stderr)
        assert phrase in found[0], (line, found[0])
    assert "bad.csv:2:" not in result.stderr and "bad.csv:4:" not in result.stderr
    assert "6 行有错误" in result.stderr and "6 bad row(s): nothing was written" in result.stderr
    no_traceback(result)
    assert snapshot(folder) == before


def test_import_duplicate_indicator_year_is_refused(invoke, plans_dir, in_tmp):
    write_csv(in_tmp, "dup.csv", HEADER + GOOD_ROWS + "value-added-growth,2022,512000,,,另一个来源,\n")
    folder = plans_dir / XKS
    before = snapshot(folder)
    result = do_import(invoke, plans_dir, "dup.csv")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "dup.csv:7:1: 增加值年均增长率（value-added-growth）: " in result.stderr
    assert "appears twice" in result.stderr
    no_traceback(result)
    assert snapshot(folder) == before


def test_import_duplicate_by_number_and_id_is_refused_even_with_force(invoke, plans_dir, in_tmp):
    # 序号 1 and value-added-growth are the same indicator.
    write_csv(in_tmp, "dup.csv", HEADER + "1,2022,512000,,,S,\nvalue-added-growth,2022,520000,,,S,\n")
    folder = plans_dir / XKS
    before = snapshot(folder)
    result = do_import(invoke, plans_dir, "dup.csv", "--force")
    assert result.exit_code == 1
    assert "dup.csv:3:1: 增加值年均增长率（value-added-growth）: " in result.stderr
    assert "appears twice" in result.stderr
    assert snapshot(folder) == before


def test_import_row_with_more_cells_than_the_header_is_refused(invoke, plans_dir, in_tmp):
    # "1,5" typed unquoted splits into two cells; reading 1 and dropping the rest would be silent coercion.
    write_csv(in_tmp, "extra.csv", "indicator,year,value,source\ntech-listings,2022,1,5,区金融办\n")
    folder = plans_dir / XKS
    before = snapshot(folder)
    result = do_import(invoke, plans_dir, "extra.csv")
    assert result.exit_code != 0
    assert result.stdout == ""
    assert "extra.csv:2:1: " in result.stderr
    assert "more cells than the 4 header columns" in result.stderr
    no_traceback(result)
    assert snapshot(folder) == before


def test_import_empty_trailing_cells_are_fine(invoke, plans_dir, in_tmp):
    # Spreadsheets sometimes add empty cells at the end of a row; they carry nothing, so nothing is lost.
    write_csv(in_tmp, "trailing.csv", "indicator,year,value,source\ntech-listings,2022,1,区金融办,,\n")
    result = do_import(invoke, plans_dir, "trailing.csv")
    assert result.exit_code == 0, result.stderr
    entry = actuals(plans_dir)["tech-listings"]["2022"]
    assert entry["value"] == 1 and entry["source"] == "区金融办"


def test_import_duplicate_column_is_refused(invoke, plans_dir, in_tmp):
    write_csv(in_tmp, "cols.csv", "indicator,year,value,value\ntech-listings,2022,1,2\n")
    folder = plans_dir / XKS
    before = snapshot(folder)
    result = do_import(invoke, plans_dir, "cols.csv")
    assert result.exit_code == 2
    assert "cols.csv:1:1:" in result.stderr and "value" in result.stderr
    no_traceback(result)
    assert snapshot(folder) == before


@pytest.mark.parametrize(
    ("text", "code", "phrase"),
    [
        ("indicator,year,value,amount\ntech-listings,2022,1,2\n", 2, "unknown: amount"),
        ("indicator,value\ntech-listings,1\n", 2, "indicator 和 year"),
        (HEADER, 2, "no data rows"),
    ],
    ids=["unknown-column", "no-year-column", "header-only"],
)
def test_import_malformed_csv_is_refused_whole(invoke, plans_dir, in_tmp, text, code, phrase):
    write_csv(in_tmp, "x.csv", text)
    folder = plans_dir / XKS
    before = snapshot(folder)
    result = do_import(invoke, plans_dir, "x.csv")
    assert result.exit_code == code
    assert phrase in result.stderr
    no_traceback(result)
    assert snapshot(folder) == before


def test_import_gbk_file_is_read_and_named(invoke, plans_dir, in_tmp):
    # issue 17: what Excel on a Chinese Windows saves is read, and the encoding used is said on stderr.
    (in_tmp / "gbk.csv").write_bytes((HEADER + "tech-listings,2022,1,,,区金融办,\n").encode("gbk"))
    result = do_import(invoke, plans_dir, "gbk.csv")
    assert result.exit_code == 0, result.stderr
    assert "GB18030" in result.stderr
    no_traceback(result)
    assert actuals(plans_dir)["tech-listings"]["2022"]["source"] == "区金融办"


def test_import_excel_bom_and_crlf_are_fine(invoke, plans_dir, in_tmp):
    (in_tmp / "excel.csv").write_bytes(b"\xef\xbb\xbf" + (HEADER + GOOD_ROWS).replace("\n", "\r\n").encode("utf-8"))
    result = do_import(invoke, plans_dir, "excel.csv")
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 5
    assert actuals(plans_dir)["tech-listings"]["2022"]["source"] == "区金融办"


def test_import_dry_run_writes_nothing(invoke, plans_dir, in_tmp):
    write_csv(in_tmp, "good.csv", HEADER + GOOD_ROWS)
    before = snapshot(plans_dir / XKS)
    result = do_import(invoke, plans_dir, "good.csv", "--dry-run")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 5 and all(line.startswith("（试运行，未写入）") for line in lines)
    assert snapshot(plans_dir / XKS) == before


def test_import_force_revises_existing_years(invoke, plans_dir, in_tmp):
    write_csv(in_tmp, "rev.csv", HEADER + "industrial-fixed-asset-investment,2021,27.8,,亿元,最终核实,\n")
    refused = do_import(invoke, plans_dir, "rev.csv")
    assert refused.exit_code == 1
    assert "27.72 亿元" in refused.stderr and "27.8 亿元" in refused.stderr
    result = do_import(invoke, plans_dir, "rev.csv", "--force")
    assert result.exit_code == 0, result.stderr
    entry = actuals(plans_dir)["industrial-fixed-asset-investment"]["2021"]
    assert entry["value"] == Decimal("27.8") and entry["source"] == "最终核实"
    assert entry["revisions"][0]["value"] == Decimal("27.72")
    assert entry["revisions"][0]["source"].startswith("「小昆山镇十年发展成就巡礼」")


# --- export --------------------------------------------------------------------------------------------


def _record_some(invoke, plans_dir: Path) -> None:
    for args in (
        ["value-added-growth", "2022", "51.2", "--unit", "亿元", "--source", "2022年统计公报", "--note", "初步核算"],
        ["energy-intensity-decline", "2022", "--rate", "2.90", "--source", "能耗公报"],
        ["industrial-fixed-asset-investment", "2022", "0.0001", "--source", "小数", "--confirm"],
        ["fixed-asset-investment", "2022", "123456789.1234", "--source", "大数", "--confirm"],
        ["fixed-asset-investment", "2023", "999999999999999.9999", "--source", "极大", "--confirm"],
    ):
        result = invoke("record", *args, "--plans-dir", str(plans_dir))
        assert result.exit_code == 0, result.stderr
    result = invoke("record", "net-new-high-tech", "2023", "--source", "区科委", "--plans-dir", str(plans_dir), "--", "-3")
    assert result.exit_code == 0, result.stderr
    result = invoke("record", "value-added-growth", "2022", "512000", "--source", "最终核实", "--force",
                    "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr


def _expected_rows(plans_dir: Path) -> list[dict]:
    """Every entry of actuals.toml, in 序号 then year order, as export should give it."""
    data = actuals(plans_dir)
    order = ["value-added-growth", "fiscal-revenue-growth", "local-fiscal-revenue-growth", "industrial-output-growth",
             "energy-intensity-decline", "export-delivery-growth", "fixed-asset-investment",
             "industrial-fixed-asset-investment", "disposable-income-growth", "tech-listings", "net-new-high-tech",
             "new-strategic-emerging", "new-srdi", "new-modern-services"]
    rows = []
    for ind in order:
        for year in sorted(data.get(ind, {})):
            e = data[ind][year]
            rows.append({"plan": XKS, "indicator": ind, "year": int(year), "value": e.get("value"),
                         "unit": e.get("unit"), "rate": e.get("rate"), "source": e.get("source", ""),
                         "note": e.get("note", ""), "revisions": len(e.get("revisions", []))})
    return rows


def test_export_csv_rows_are_exact(invoke, plans_dir):
    _record_some(invoke, plans_dir)
    result = invoke("export", "--format", "csv", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines()[0] == "\ufeff" + ",".join(EXPORT_COLUMNS)  # the BOM Excel expects
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    expected = _expected_rows(plans_dir)
    assert len(rows) == len(expected) == sum(len(v) for v in actuals(plans_dir).values())
    for row, want in zip(rows, expected):
        assert row["plan"] == want["plan"] and row["indicator"] == want["indicator"]
        assert int(row["year"]) == want["year"]
        for key in ("value", "rate"):
            if want[key] is None:
                assert row[key] == ""
            else:
                assert Decimal(row[key]) == want[key], (want["indicator"], want["year"], key, row[key])
                assert "E" not in row[key].upper()
        assert row["unit"] == (want["unit"] or "")
        assert row["source"] == want["source"] and row["note"] == want["note"]
        assert int(row["revisions"]) == want["revisions"]
    text = result.stdout
    names = tomllib.loads((plans_dir / XKS / "plan.toml").read_text(encoding="utf-8"))["indicators"]
    NAMES = {i["id"]: i["name"] for i in names}
    assert f"{XKS},industrial-fixed-asset-investment,{NAMES['industrial-fixed-asset-investment']},2021,27.72,亿元,,," in text
    assert f"{XKS},industrial-fixed-asset-investment,{NAMES['industrial-fixed-asset-investment']},2022,0.0001,亿元,,,小数," in text
    assert f"{XKS},fixed-asset-investment,{NAMES['fixed-asset-investment']},2022,123456789.1234,亿元,,,大数," in text
    assert f"{XKS},fixed-asset-investment,{NAMES['fixed-asset-investment']},2023,999999999999999.9999,亿元,,,极大," in text
    assert f"{XKS},value-added-growth,{NAMES['value-added-growth']},2022,512000,万元,,,最终核实,," in text
    assert f"{XKS},net-new-high-tech,{NAMES['net-new-high-tech']},2023,-3,家,,,区科委,," in text
    assert f"{XKS},energy-intensity-decline,{NAMES['energy-intensity-decline']},2022,,,2.9,,能耗公报,," in text
    assert f"{XKS},value-added-growth,{NAMES['value-added-growth']},2016,370182,万元,,," in text


def test_export_json_rows_are_exact(invoke, plans_dir):
    _record_some(invoke, plans_dir)
    result = invoke("export", "--format", "json", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    rows = json.loads(result.stdout, parse_float=Decimal)
    expected = _expected_rows(plans_dir)
    assert len(rows) == len(expected)
    for row, want in zip(rows, expected):
        assert list(row) == EXPORT_COLUMNS
        for key in ("plan", "indicator", "year", "unit", "source", "note", "revisions"):
            assert row[key] == want[key], (want["indicator"], want["year"], key)
        for key in ("value", "rate"):
            # JSON numbers, with exactly the recorded digits (decisions.md: recorded amounts exact).
            assert row[key] == want[key], (want["indicator"], want["year"], key, row[key])
            assert not isinstance(row[key], str)
    text = result.stdout
    assert '"value": 27.72,' in text
    assert '"value": 0.0001,' in text
    assert '"value": 123456789.1234,' in text
    assert '"value": 999999999999999.9999,' in text
    assert '"value": 512000,' in text
    assert '"value": -3,' in text
    assert '"rate": 2.90,' in text  # as typed (--rate 2.90)
    va = next(r for r in rows if r["indicator"] == "value-added-growth" and r["year"] == 2022)
    assert va["revisions"] == 1 and va["source"] == "最终核实"


def test_export_of_the_bundled_plan_round_trips_through_import(invoke, plans_dir, tmp_path):
    """Export → import into a plan without actuals gives back every value, unit, rate, source and note."""
    exported = invoke("export", "--plans-dir", str(plans_dir))
    assert exported.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    source = tmp_path / "roundtrip.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["indicator", "year", "value", "rate", "unit", "source", "note"])
        for r in rows:
            writer.writerow([r["indicator"], r["year"], r["value"], r["rate"], r["unit"], r["source"], r["note"]])
    original = actuals(plans_dir)
    (plans_dir / XKS / "actuals.toml").unlink()
    result = invoke("import", str(source), "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    again = actuals(plans_dir)
    strip = lambda d: {i: {y: {k: v for k, v in e.items() if k != "recorded_at"} for y, e in ys.items()}
                       for i, ys in d.items()}
    assert strip(again) == strip(original)
