"""Issue 19, item 6: past one machine the export is the interface. The DuckDB query that docs/status-json.md
shows runs, as printed there, on plantrack's JSON Lines and CSV, and answers what the lines themselves say.
(duckdb is a test dependency only: plantrack adds no runtime dependency for this.)"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import os

import pytest
from conftest import REPO

try:
    import duckdb
except ImportError:  # a test dependency: skipped on a developer's machine without it, required in CI
    if os.environ.get("CI"):
        raise
    pytest.skip("duckdb (in the test extra) is not installed", allow_module_level=True)

DOC = REPO / "docs" / "status-json.md"


def _documented_query() -> str:
    text = DOC.read_text(encoding="utf-8")
    found = re.search(r"```sql\n-- duckdb\n(.*?)```", text, re.S)
    assert found, "docs/status-json.md has no ```sql block starting with -- duckdb"
    return found.group(1)


@pytest.fixture
def exported(invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The district fixture with two towns' indicators made binding (the query counts binding ones), exported
    as the docs say, into the folder the query is run from."""
    plans = tmp_path / "plans"
    shutil.copytree(REPO / "tests" / "fixtures" / "district", plans)
    for town in ("sijing", "xiaokunshan"):
        path = plans / town / "plan.toml"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r'(\nkind = "[a-z_]+")', r'\1\nattribute = "binding"', text), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("jsonl", "csv"):
        result = invoke("status", "--plans-dir", str(plans), "--as-of", "2023", "--format", fmt)
        assert result.exit_code == 0, result.stderr
        (out / f"status-2023.{fmt}").write_text(result.stdout, encoding="utf-8", newline="")
    result = invoke("export", "--plans-dir", str(plans), "--all", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    (out / "actuals.csv").write_text(result.stdout, encoding="utf-8", newline="")
    monkeypatch.chdir(out)
    return out


def _expected(out: Path) -> list[tuple[str, int, int]]:
    lines = [json.loads(x) for x in (out / "status-2023.jsonl").read_text(encoding="utf-8").splitlines()]
    binding = [x for x in lines if x["attribute"] == "binding"]
    total = Counter(x["plan"].split("-")[0] for x in binding)
    lagging = Counter(x["plan"].split("-")[0] for x in binding if x["status"] in ("behind", "far_behind", "missed"))
    return sorted(((d, lagging[d], n) for d, n in total.items()), key=lambda r: (-r[1], r[0]))


def test_the_documented_duckdb_query_reads_the_json_lines_export(exported):
    expected = _expected(exported)
    assert len(expected) == 2 and sum(r[1] for r in expected) > 0  # two towns, some of them lagging
    rows = duckdb.sql(_documented_query()).fetchall()
    assert sorted(rows, key=lambda r: (-r[1], r[0])) == expected


def test_the_same_query_reads_the_csv_export(exported):
    query = _documented_query().replace("read_json_auto('status-2023.jsonl')", "read_csv_auto('status-2023.csv')")
    rows = duckdb.sql(query).fetchall()
    assert sorted(rows, key=lambda r: (-r[1], r[0])) == _expected(exported)


def test_duckdb_reads_every_recorded_figure_of_every_plan_exactly_as_text(exported):
    """`export --all` has a row per recorded figure of every plan; read as text (all_varchar), each figure is
    exactly what was recorded, as docs/status-json.md advises for exact sums."""
    import csv

    query = "SELECT plan, indicator, year, value FROM read_csv('actuals.csv', all_varchar = true)"
    found = duckdb.sql(query).fetchall()
    with open(exported / "actuals.csv", encoding="utf-8-sig", newline="") as handle:
        rows = [(r["plan"], r["indicator"], r["year"], r["value"] or None) for r in csv.DictReader(handle)]
    assert sorted(found, key=str) == sorted(rows, key=str) and len({r[0] for r in rows}) == 4
    (total,) = duckdb.sql("SELECT sum(CAST(value AS DECIMAL(38, 4))) FROM read_csv('actuals.csv', all_varchar = true) "
                          "WHERE indicator = 'fixed-asset-investment'").fetchall()[0]
    from decimal import Decimal

    assert total == sum(Decimal(r[3]) for r in rows if r[1] == "fixed-asset-investment" and r[3])
