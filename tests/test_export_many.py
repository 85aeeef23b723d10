"""Issue 19, item 6: `export --all` / `--plans A,B` writes every chosen plan's recorded figures in one long table
(sheets/export_many.py): each plan's rows exactly its own export's, one header, nothing written on an error."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from conftest import REPO, snapshot

from plantrack import many
from plantrack.sheets.export_many import _part as _real_part  # the original, before any test patches it

DISTRICT = REPO / "tests" / "fixtures" / "district"
IDS = ["sheshan-13th", "sijing", "songjiang", "xiaokunshan"]
BOM = "\ufeff"


def _one(invoke, plan_id: str, fmt: str, *extra: str) -> str:
    result = invoke("export", "--plans-dir", str(DISTRICT), "--plan", plan_id, "--format", fmt, *extra)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_csv_of_every_plan_is_each_plans_own_rows_under_one_header(invoke):
    result = invoke("export", "--plans-dir", str(DISTRICT), "--all")
    assert result.exit_code == 0 and result.stderr == ""
    singles = [_one(invoke, i, "csv") for i in IDS]
    header = singles[0].split("\n", 1)[0]
    assert result.stdout == header + "\n" + "".join(s.split("\n", 1)[1] for s in singles)
    assert result.stdout.count(BOM) == 1 and result.stdout.startswith(BOM + "plan,indicator,")
    assert {line.split(",")[0] for line in result.stdout.splitlines()[1:]} == set(IDS)


def test_json_and_json_lines_hold_every_row_of_every_plan(invoke):
    from plantrack.render.jsonout import dumps

    rows = [row for i in IDS for row in json.loads(_one(invoke, i, "json"))]
    document = invoke("export", "--plans-dir", str(DISTRICT), "--all", "--format", "json")
    assert document.exit_code == 0, document.stderr
    assert json.loads(document.stdout) == rows
    # The very text one plan's export would be, had it all these rows (numbers as recorded, two-space indent).
    from plantrack.check.load import load_plan
    from plantrack.sheets.export import long_rows

    every = [row for i in IDS for row in long_rows(load_plan(DISTRICT / i)[0])]
    assert document.stdout == dumps(every) + "\n"
    lines = invoke("export", "--plans-dir", str(DISTRICT), "--all", "--format", "jsonl")
    assert lines.exit_code == 0
    assert [json.loads(x) for x in lines.stdout.splitlines()] == rows
    assert lines.stdout.splitlines()[0] == dumps(rows[0], indent=None)


def test_plans_chooses_and_orders_the_plans(invoke):
    result = invoke("export", "--plans-dir", str(DISTRICT), "--plans", "xiaokunshan,sijing", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    seen = list(dict.fromkeys(json.loads(x)["plan"] for x in result.stdout.splitlines()))
    assert seen == ["xiaokunshan", "sijing"]


def test_the_workbook_of_every_plan_is_one_sheet_of_typed_cells(invoke, tmp_path):
    import openpyxl

    target = tmp_path / "全部.xlsx"
    result = invoke("export", "--plans-dir", str(DISTRICT), "--all", "--format", "xlsx", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    rows = list(openpyxl.load_workbook(BytesIO(target.read_bytes())).active.iter_rows(values_only=True))
    expected = [rows[0]]
    for i in IDS:
        one = tmp_path / f"{i}.xlsx"
        assert invoke("export", "--plans-dir", str(DISTRICT), "--plan", i, "--format", "xlsx", "-o", str(one)).exit_code == 0
        expected += list(openpyxl.load_workbook(one).active.iter_rows(values_only=True))[1:]
    assert rows == expected and rows[0][0] == "plan" and any(isinstance(r[4], (int, float)) for r in rows[1:])


def test_a_plan_with_errors_refuses_the_whole_export_and_writes_nothing(invoke, tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(DISTRICT, plans)
    actuals = plans / "sijing" / "actuals.toml"
    actuals.write_text(actuals.read_text(encoding="utf-8").replace("value = ", "value = -", 1), encoding="utf-8")
    target = tmp_path / "out.csv"
    target.write_text("the old export\n", encoding="utf-8")
    before = snapshot(tmp_path)
    for args in ([], ["-o", str(target)]):
        result = invoke("export", "--plans-dir", str(plans), "--all", *args)
        assert result.exit_code == 1 and result.stdout == ""
        assert "sijing" in result.stderr and "actuals.toml:" in result.stderr and "plantrack check" in result.stderr
    assert snapshot(tmp_path) == before
    # Leaving the broken plan out exports the others.
    chosen = invoke("export", "--plans-dir", str(plans), "--plans", "songjiang,xiaokunshan", "-o", str(target))
    assert chosen.exit_code == 0, chosen.stderr
    assert target.read_text(encoding="utf-8-sig").startswith("plan,indicator,")


@pytest.mark.parametrize(("args", "words"), [
    (["--all", "--layout", "wide"], "--layout wide"),
    (["--all", "--plan", "sijing"], "--plan"),
    (["--all", "--what", "status"], "plantrack status --format"),
    (["--plans", "sijing,nowhere"], "nowhere"),
    (["--plan", "sijing", "--format", "jsonl"], "--all"),
    (["--all", "--plans", "sijing"], "not both"),
    (["--plans", ","], "at least one plan"),
])
def test_what_cannot_be_exported_together_is_a_usage_error_that_says_what_to_do(invoke, args, words):
    result = invoke("export", "--plans-dir", str(DISTRICT), *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert words in result.stderr


def test_thousands_of_plans_are_exported_on_every_core_with_the_same_bytes(invoke, tmp_path, monkeypatch):
    from plantrack import pool

    plans = tmp_path / "plans"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "make_plans.py"), str(plans),
                    str(pool.PARALLEL_FROM + 5)], check=True, capture_output=True)
    from plantrack.sheets import export_many

    log = tmp_path / "pids.txt"
    monkeypatch.setenv("PIDS_LOG", str(log))
    monkeypatch.setattr(export_many, "_part", _part_noting_its_process)
    monkeypatch.setattr(pool, "cores", lambda: 2)
    parallel = invoke("export", "--plans-dir", str(plans), "--all", "--format", "jsonl")
    pids = log.read_text(encoding="utf-8").split()
    assert len(pids) == pool.PARALLEL_FROM + 5 and str(os.getpid()) not in pids  # every plan in a worker
    log.unlink()
    monkeypatch.setattr(pool, "cores", lambda: 1)
    single = invoke("export", "--plans-dir", str(plans), "--all", "--format", "jsonl")
    assert parallel.exit_code == single.exit_code == 0
    assert parallel.stdout == single.stdout
    assert len({json.loads(x)["plan"] for x in parallel.stdout.splitlines()}) == pool.PARALLEL_FROM + 5



def _part_noting_its_process(*args):
    """export_many._part, noting the process it ran in (a module-level function: the pool sends it by name)."""
    with open(os.environ["PIDS_LOG"], "a", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()}\n")
    return _real_part(*args)
