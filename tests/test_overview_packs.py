"""Issue 19, item 6: a cold overview of thousands of plans writes one cache entry a worker's chunk (packs.py),
and a warm one still judges again exactly the plans whose files changed."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from plantrack import many, packs

TOWNS = many.PARALLEL_FROM + 40


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("packs") / "plans"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "make_plans.py"), str(folder), str(TOWNS)],
                   check=True, capture_output=True)
    return folder


@pytest.fixture
def judged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The ids of the plans judged (evaluated) by the next overview, in the workers too: each appends a line
    to a file (the workers are forked from this process, with evaluate_plan patched)."""
    import plantrack.overview as overview
    from plantrack.check import run as check_run

    monkeypatch.setattr(check_run, "_cores", lambda: 2)  # the parallel path, whatever this machine has
    log = tmp_path / "judged.txt"
    real = overview.evaluate_plan

    def spy(plan, year):
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(plan.id + "\n")
        return real(plan, year)

    monkeypatch.setattr(overview, "evaluate_plan", spy)

    def read() -> list[str]:
        found = sorted(log.read_text(encoding="utf-8").split()) if log.exists() else []
        log.unlink(missing_ok=True)
        return found

    return read


def _packs() -> list[Path]:
    return sorted(Path(os.environ["PLANTRACK_CACHE_DIR"]).glob("*.pack.pickle"))


def test_a_cold_overview_writes_a_pack_a_chunk_and_a_warm_one_judges_nothing(invoke, generated, judged, tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(generated, plans)
    cold = invoke("status", "--plans-dir", str(plans))
    assert cold.exit_code == 0, cold.stderr
    assert len(judged()) == TOWNS
    ids = sorted(p.name for p in plans.iterdir())
    assert len(_packs()) == len(packs.spans(ids)) < TOWNS / 10  # one file a chunk, not one a plan
    assert not list(Path(os.environ["PLANTRACK_CACHE_DIR"]).glob("*.summary.pickle"))
    warm = invoke("status", "--plans-dir", str(plans))
    assert (warm.exit_code, warm.stdout, warm.stderr) == (cold.exit_code, cold.stdout, cold.stderr)
    assert judged() == []

    # One plan's figures change: that plan alone is judged again, and its new counts are shown.
    changed_id = ids[100]
    actuals = plans / changed_id / "actuals.toml"
    actuals.write_text(actuals.read_text(encoding="utf-8").split("\n[", 1)[0] + "\n", encoding="utf-8")
    changed = invoke("status", "--plans-dir", str(plans))
    assert judged() == [changed_id]
    assert changed.stdout != cold.stdout
    line = next(x for x in changed.stdout.splitlines() if changed_id in x)
    assert line != next(x for x in cold.stdout.splitlines() if changed_id in x)
    # ... and the next run serves the new summary from the rewritten pack.
    assert invoke("status", "--plans-dir", str(plans)).stdout == changed.stdout
    assert judged() == []


def test_a_town_added_or_removed_makes_only_its_own_chunk_cold(invoke, generated, judged, tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(generated, plans)
    assert invoke("status", "--plans-dir", str(plans)).exit_code == 0
    judged()
    ids = sorted(p.name for p in plans.iterdir())
    new = ids[60] + "-b"  # sorts right after ids[60], in the middle of the list
    shutil.copytree(plans / ids[60], plans / new)
    text = (plans / new / "plan.toml").read_text(encoding="utf-8")
    (plans / new / "plan.toml").write_text(text.replace(f'id = "{ids[60]}"', f'id = "{new}"'), encoding="utf-8")
    added = invoke("status", "--plans-dir", str(plans))
    assert added.exit_code == 0, added.stderr
    again = judged()
    # With chunks every 32 positions, every plan after the new one would be judged again (~180 here).
    assert new in again and len(again) <= 2 * packs.LONGEST, len(again)
    shutil.rmtree(plans / ids[150])
    assert invoke("status", "--plans-dir", str(plans)).exit_code == 0
    assert len(judged()) <= 2 * packs.LONGEST


def test_a_pack_is_a_miss_for_other_code_another_key_or_another_folder(generated, monkeypatch):
    from plantrack import cache
    from plantrack.loader import file_bytes
    from plantrack.summary import summary_row

    ids = sorted(p.name for p in generated.iterdir())[:5]
    with packs.Pack(generated, ids, (None, None)) as pack:
        for i in ids:
            assert summary_row(generated, i, None, None, use_cache=False, pack=pack).result is not None
    files, _ = file_bytes(generated / ids[0])
    assert packs.Pack(generated, ids, (None, None)).get(ids[0], files) is not None
    assert packs.Pack(generated, ids, (2023, None)).get(ids[0], files) is None              # another as-of year
    assert packs.Pack(generated, ids[:4], (None, None)).get(ids[0], files) is None          # another chunk
    assert packs.Pack(generated, ids, (None, None)).get(ids[0], (files[0], b"")) is None    # other bytes
    assert packs.Pack(generated, ids, (None, None)).get(ids[1], files) is None              # another plan's bytes
    monkeypatch.setattr(cache, "_short", "another code")
    assert packs.Pack(generated, ids, (None, None)).get(ids[0], files) is None


def test_a_pack_writable_by_others_is_not_read(generated):
    from plantrack.loader import file_bytes
    from plantrack.summary import summary_row

    ids = sorted(p.name for p in generated.iterdir())[:2]
    with packs.Pack(generated, ids, (None, None)) as pack:
        for i in ids:
            summary_row(generated, i, None, None, use_cache=False, pack=pack)
    files, _ = file_bytes(generated / ids[0])
    assert packs.Pack(generated, ids, (None, None)).get(ids[0], files) is not None
    (entry,) = _packs()
    entry.chmod(0o666)
    assert packs.Pack(generated, ids, (None, None)).get(ids[0], files) is None


def test_a_chunk_cut_short_by_an_error_writes_no_pack(generated):
    ids = sorted(p.name for p in generated.iterdir())[:2]
    with pytest.raises(RuntimeError):
        with packs.Pack(generated, ids, (None, None)):
            raise RuntimeError("a worker's chunk failed")
    assert _packs() == []


def test_spans_cover_every_id_once_in_chunks_of_bounded_length():
    ids = sorted(f"town-{i:05d}-14th" for i in range(10_000))
    found = packs.spans(ids)
    assert [i for r in found for i in r] == list(range(len(ids)))
    assert all(packs.SHORTEST <= len(r) <= packs.LONGEST for r in found[:-1])
    assert 24 <= len(ids) / len(found) <= 40  # about check's chunk of 32, so both cores stay busy
    assert packs.spans([]) == [] and packs.spans(["a"]) == [range(0, 1)]


def test_adding_or_removing_one_id_changes_the_chunks_around_it_only():
    ids = sorted(f"town-{i:05d}-14th" for i in range(5_000))
    before = {tuple(ids[r.start:r.stop]) for r in packs.spans(ids)}
    moved = []
    for at in random.Random(19).sample(range(len(ids)), 60):
        for after in (ids[:at] + [ids[at] + "-b"] + ids[at:], ids[:at] + ids[at + 1:]):
            now = {tuple(after[r.start:r.stop]) for r in packs.spans(after)}
            moved.append(len(now - before))
    assert max(moved) <= 3 and sum(moved) / len(moved) <= 1.5, (max(moved), sum(moved) / len(moved))
