"""Issue 19, item 6: the overview of thousands of plans — summaries from the workers, a cache of summaries,
and a table written line by line (summary.py, many.py, render/grid.py). Speed itself lives in benchmarks/."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from plantrack import many
from plantrack.render.grid import Column, Row, fold, table_lines
from plantrack.summary import PlanSummary, SummaryRow
from rich.cells import cell_len


def make_plans(folder: Path, count: int) -> Path:
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "make_plans.py"), str(folder), str(count)],
                   check=True, capture_output=True)
    return folder


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_plans(tmp_path_factory.mktemp("many") / "plans", many.PARALLEL_FROM + 10)


def test_the_workers_overview_is_the_one_process_overview_and_returns_summaries(invoke, generated, monkeypatch):
    """From PARALLEL_FROM plans on, the rows come from worker processes; each is a summary of a few hundred
    bytes (memory flat: no indicator results), and the table is the same as judged in one process."""
    from plantrack import pool

    sent: list[object] = []
    real = pool.checked_in_workers

    def spy(*args, **kwargs):
        for item in real(*args, **kwargs):
            sent.append(item)
            yield item

    monkeypatch.setattr(pool, "checked_in_workers", spy)
    monkeypatch.setattr(many, "_cores", lambda: 2, raising=False)
    from plantrack.check import run as check_run

    monkeypatch.setattr(check_run, "_cores", lambda: 2)
    parallel = invoke("status", "--plans-dir", str(generated), "--fail-on", "far_behind")
    assert len(sent) == many.PARALLEL_FROM + 10
    assert all(isinstance(r, SummaryRow) and isinstance(r.result, PlanSummary) for r in sent)
    assert max(len(pickle.dumps(r)) for r in sent) < 2_000  # a summary, not a plan's full result (~65 KB)
    monkeypatch.setattr(check_run, "_cores", lambda: 1)  # one core: judged in this process
    single = invoke("status", "--plans-dir", str(generated), "--fail-on", "far_behind")
    assert parallel.exit_code == single.exit_code == 1  # generated plans have far-behind indicators
    assert parallel.stdout == single.stdout and parallel.stderr == single.stderr
    assert "town-00000-14th" in parallel.stdout and "town-00209-14th" in parallel.stdout
    assert "--fail-on far_behind" in parallel.stderr and "indicator-" in parallel.stderr  # the gate names them


def test_a_warm_overview_judges_no_plan_again_until_its_files_change(invoke, tmp_path, monkeypatch):
    plans = make_plans(tmp_path / "plans", 4)
    import plantrack.overview as overview

    judged: list[str] = []
    real = overview.evaluate_plan
    monkeypatch.setattr(overview, "evaluate_plan", lambda plan, year: judged.append(plan.id) or real(plan, year))
    cold = invoke("status", "--plans-dir", str(plans))
    assert cold.exit_code == 0, cold.stderr
    assert len(judged) == 4
    judged.clear()
    warm = invoke("status", "--plans-dir", str(plans))
    assert warm.stdout == cold.stdout and judged == []  # every row from its cached summary
    import os

    entries = list(Path(os.environ["PLANTRACK_CACHE_DIR"]).glob("*.summary.pickle"))
    assert len(entries) == 4
    assert max(e.stat().st_size for e in entries) < 4_000  # a digest of the files, not their ~35 KB
    # Another as-of year is another verdict: judged again, not served.
    assert invoke("status", "--plans-dir", str(plans), "--as-of", "2023").exit_code == 0
    assert len(judged) == 4
    judged.clear()
    # One plan's actuals change: that plan alone is judged again, and its new counts are shown.
    actuals = plans / "town-00001-14th" / "actuals.toml"
    text = actuals.read_text(encoding="utf-8")
    actuals.write_text(text.split("\n[", 1)[0] + "\n", encoding="utf-8")  # its figures cut to the first table
    changed = invoke("status", "--plans-dir", str(plans))
    assert judged == ["town-00001-14th"]
    assert changed.stdout != cold.stdout


def test_a_plan_that_links_to_another_is_never_served_from_the_summary_cache(invoke, tmp_path, monkeypatch):
    """A district's roll-up and a successor's base year read other plans' files, which the entry is not
    keyed by: those plans are judged on every overview."""
    import shutil

    plans = tmp_path / "plans"
    shutil.copytree(REPO / "tests" / "fixtures" / "district", plans)
    import plantrack.overview as overview

    judged: list[str] = []
    real = overview.evaluate_plan
    monkeypatch.setattr(overview, "evaluate_plan", lambda plan, year: judged.append(plan.id) or real(plan, year))
    first = invoke("status", "--plans-dir", str(plans))
    judged.clear()
    second = invoke("status", "--plans-dir", str(plans))
    assert second.stdout == first.stdout
    assert judged == ["songjiang"]  # the district (members = …); the towns came from the cache
    assert "成员合计 85 亿元" in second.stdout


# --- the table writer ----------------------------------------------------------------------------------------

def test_fold_breaks_at_spaces_and_cuts_a_long_word_by_cells():
    assert fold("小昆山镇 Xiaokunshan", 8) == ["小昆山镇", "Xiaokuns", "han"]
    assert fold("a b c", 3) == ["a b", "c"]
    assert all(cell_len(part) <= 5 for part in fold("十四五规划纲要主要指标", 5))


@pytest.mark.parametrize("width", [40, 60, 80, 200])
def test_table_lines_fit_the_width_and_fold_only_the_name(width):
    columns = [Column("规划", fold=True), Column("年份", right=True), Column("实现", right=True, style="green")]
    rows = [Row(["一个名字非常非常长的镇的十四五规划 with English", "2025", "3"]),
            Row(["短", "—", "有错误，请运行 plantrack check"], runs_from=2)]
    lines = ["".join(t for t, _ in line) for line in table_lines(columns, [(None, rows), ("closed", rows[:1])], width, lambda r: r)]
    assert lines[0] == "" and lines[1].startswith(" 规划")
    assert all(cell_len(line) <= width for line in lines), lines
    assert all(line == line.rstrip() for line in lines)  # no trailing blanks
    body = lines[3:]
    assert any(line.endswith("2025      3") for line in body)
    # The error words run over the status columns without widening them, folded where the room ends.
    assert "有错误，请运行plantrackcheck" in "".join("".join(body).split())
    assert lines[1].endswith("年份   实现")
    assert " closed" in lines  # a later section: a blank line, then its label


@pytest.mark.parametrize("fmt", ["json", "csv", "jsonl"])
@pytest.mark.parametrize("folder", ["district", "generated"])
def test_the_document_written_plan_by_plan_is_the_document_of_whole_results(invoke, fmt, folder, generated,
                                                                            tmp_path, monkeypatch):
    """status --format json|csv|jsonl is made plan by plan (render/status_stream.py, in workers for the
    generated 210 plans); its bytes are the one-piece document's (render/status_many.py) over whole results."""
    import shutil

    from plantrack.check import run as check_run
    from plantrack.many import rollups, selected_rows
    from plantrack.render import status_many

    monkeypatch.setattr(check_run, "_cores", lambda: 2)
    plans = generated
    if folder == "district":
        plans = tmp_path / "plans"
        shutil.copytree(REPO / "tests" / "fixtures" / "district", plans)
    args = ["--as-of", "2024"] if folder == "generated" else []
    streamed = invoke("status", "--plans-dir", str(plans), "--format", fmt, *args)
    assert streamed.exit_code == 0, streamed.stderr
    as_of = 2024 if args else None
    rows = selected_rows(plans, None, as_of)
    whole = {"json": lambda: status_many.json_document(rows, as_of, rollups(plans, rows)),
             "csv": lambda: status_many.csv_long(rows), "jsonl": lambda: status_many.jsonl_long(rows)}[fmt]()
    assert streamed.stdout == whole


def test_a_refused_as_of_leaves_the_streamed_document_unwritten(invoke, generated):
    result = invoke("status", "--plans-dir", str(generated), "--format", "json", "--as-of", "2090")
    assert result.exit_code == 2 and result.stdout == ""
    assert "--as-of 2090" in result.stderr


def test_a_summary_entry_is_a_miss_for_other_code_other_bytes_or_another_key(tmp_path, monkeypatch):
    from plantrack import cache
    from plantrack.loader import file_bytes
    from plantrack.summary import summary_row

    plans = make_plans(tmp_path / "plans", 1)
    folder = plans / "town-00000-14th"
    row = summary_row(plans, folder.name, None, None)
    files, _ = file_bytes(folder)
    assert cache.get_summary(folder, files, (None, None)) == row.result
    assert cache.get_summary(folder, files, (2023, None)) is None            # another as-of year
    assert cache.get_summary(folder, (files[0], files[1] + b"\n"), (None, None)) is None  # other bytes
    monkeypatch.setattr(cache, "_own_stamp", cache.code_stamp() + "\n/changed.py:1:1")  # other code
    monkeypatch.setattr(cache, "_short", None)
    assert cache.get_summary(folder, files, (None, None)) is None
