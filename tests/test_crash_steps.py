"""SIGKILL at each step of a write: lock, temp file, fsync, replace, folder fsync. The file always loads,
with the old content or the new, never a mix; and the next write cleans up after the killed one.

Each step is reached deterministically: a child process patches the function at that step so that it kills
its own process there, then runs `plantrack record`. No test hook lives in the product.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import XKS

from plantrack.check.load import load_plan

CHILD = textwrap.dedent('''
    import os, signal, sys
    step = sys.argv[1]
    real_fsync, real_replace, real_fdopen = os.fsync, os.replace, os.fdopen

    def die(*_a, **_k):
        os.kill(os.getpid(), signal.SIGKILL)

    calls = {"fsync": 0}
    def fsync(fd):
        calls["fsync"] += 1
        if step == "before-fsync" and calls["fsync"] == 1:
            die()
        if step == "before-dir-fsync" and calls["fsync"] == 2:
            die()
        return real_fsync(fd)

    class HalfWriter:
        def __init__(self, handle):
            self.handle = handle
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return False
        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            die()
        def __getattr__(self, name):
            return getattr(self.handle, name)

    def fdopen(fd, *a, **k):
        handle = real_fdopen(fd, *a, **k)
        return HalfWriter(handle) if step == "mid-temp-write" else handle

    def replace(src, dst):
        if step == "before-replace":
            die()
        real_replace(src, dst)
        if step == "after-replace":
            die()

    os.fsync, os.replace, os.fdopen = fsync, replace, fdopen
    if step == "holding-lock":
        import plantrack.store as store
        store.write_atomic = die
    from plantrack.cli import main
    sys.argv = ["plantrack", *sys.argv[2:]]
    main()
''')

STEPS = ["holding-lock", "mid-temp-write", "before-fsync", "before-replace", "after-replace", "before-dir-fsync"]
NEW_IS_THERE = {"after-replace", "before-dir-fsync"}


def run_child(step: str, plans_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", CHILD, step, *args, "--plans-dir", str(plans_dir)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env={**os.environ, "NO_COLOR": "1", "PLANTRACK_NO_CACHE": "1"})  # its os.replace is not the write under test


@pytest.mark.parametrize("step", STEPS)
def test_a_kill_at_each_step_leaves_the_old_or_the_new_file(plans_dir, step):
    actuals = plans_dir / XKS / "actuals.toml"
    old = actuals.read_bytes()
    killed = run_child(step, plans_dir, "record", "value-added-growth", "2022", "512000", "--source", "公报")
    assert killed.returncode == -9, (step, killed.stdout, killed.stderr)
    plan, findings = load_plan(plans_dir / XKS)
    assert findings == [] and plan is not None
    stored = plan.entries("value-added-growth").get(2022)
    if step in NEW_IS_THERE:
        assert stored is not None and stored.value == 512000
    else:
        assert actuals.read_bytes() == old and stored is None
    # The next write succeeds, keeps what is there, and removes any temp file the killed writer left.
    again = run_child("none", plans_dir, "record", "tech-listings", "2022", "1", "--source", "s")
    assert again.returncode == 0, again.stderr
    assert not list((plans_dir / XKS).glob(".actuals.toml.*.tmp"))
    plan, findings = load_plan(plans_dir / XKS)
    assert findings == [] and plan.entries("tech-listings")[2022].value == 1
    assert (plan.entries("value-added-growth").get(2022) is not None) == (step in NEW_IS_THERE)


def test_a_lock_file_left_by_a_killed_process_does_not_block(plans_dir):
    held = run_child("holding-lock", plans_dir, "record", "tech-listings", "2022", "1", "--source", "s")
    assert held.returncode == -9
    assert (plans_dir / XKS / ".plantrack.lock").exists()  # the killed writer's lock file is still there
    again = run_child("none", plans_dir, "record", "tech-listings", "2022", "1", "--source", "s")
    assert again.returncode == 0, again.stderr
    assert "tech-listings 2022 = 1 家" in again.stdout


def test_fifty_concurrent_writers_all_land(plans_dir):
    plan, _ = load_plan(plans_dir / XKS)
    jobs = []
    for ind in plan.indicators:
        for year in (2022, 2023, 2024, 2025):
            if len(jobs) == 50:
                break
            args = ["--rate", "3"] if ind.value_unit is None and ind.is_rate else [str(100 + len(jobs))]
            jobs.append((ind.id, year, args))
    procs = [subprocess.Popen([sys.executable, "-m", "plantrack", "record", ind_id, str(year), *args,
                               # --confirm: the figures are about concurrency, not plausibility (100 万元 of value added)
                               "--source", f"writer {i}", "--confirm", "--plans-dir", str(plans_dir)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for i, (ind_id, year, args) in enumerate(jobs)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    assert [code for code, _ in results] == [0] * 50, [err for code, err in results if code]
    plan, findings = load_plan(plans_dir / XKS)
    assert findings == []
    for i, (ind_id, year, _args) in enumerate(jobs):
        assert plan.entries(ind_id)[year].source == f"writer {i}"
