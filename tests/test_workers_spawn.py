"""Issue 26, item 2: the same output whatever start method the worker processes have.

Windows (and macOS) start workers by spawning a fresh interpreter, which inherits nothing from the parent; Linux
forks. Each case runs plantrack in a subprocess over more plans than pool.PARALLEL_FROM, once under fork and once
under spawn (PLANTRACK_START_METHOD, pool.py), and the two runs must print the same bytes and exit alike. A
spy around the pool says on stderr that the workers really ran, and under which start method.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

PLANS = 300
# Runs plantrack as `plantrack ARGS`, after wrapping the pool so that stderr's first line says the workers ran.
DRIVER = """
import os, sys
from plantrack import pool
real = pool._in_workers
def spy(*args):
    os.write(2, ("[workers: " + pool._context().get_start_method() + "]\\n").encode())
    return real(*args)
pool._in_workers = spy
sys.argv = ["plantrack", *sys.argv[1:]]
from plantrack.cli import main
main()
"""


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 generated plans, one of them with an error in its actuals (so findings cross the process line)."""
    folder = tmp_path_factory.mktemp("spawn") / "plans"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "make_plans.py"), str(folder), str(PLANS)],
                   check=True, capture_output=True)
    (folder / "town-00150-14th" / "actuals.toml").write_text('[indicator-01.2021]\nvalue = "many"\n',
                                                             encoding="utf-8")
    return folder


def run(method: str, args: list[str], cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PLANTRACK_START_METHOD": method, "PLANTRACK_CACHE_DIR": str(cache), "NO_COLOR": "1",
           "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-c", DRIVER, *args], capture_output=True, text=True, env=env,
                          timeout=600)


# The overview judges in one process (overview.py: workers measured slower there); check and export use workers.
@pytest.mark.parametrize("args,workers", [
    (["check"], True),
    (["export", "--all", "--format", "jsonl", "--plans-dir"], True),
    (["status", "--plans-dir"], False),
    (["status", "--format", "json", "--as-of", "2024", "--fail-on", "far_behind", "--plans-dir"], False),
], ids=["check", "export", "status-table", "status-json"])
def test_fork_and_spawn_print_the_same_bytes(district, args, workers, tmp_path):
    fork = run("fork", [*args, str(district)], tmp_path / "fork-cache")
    spawn = run("spawn", [*args, str(district)], tmp_path / "spawn-cache")
    marks = ("[workers: fork]\n", "[workers: spawn]\n") if workers else ("", "")
    assert fork.stderr.startswith(marks[0]) and spawn.stderr.startswith(marks[1]), spawn.stderr[-2000:]
    assert "[workers" not in fork.stderr.removeprefix(marks[0]) + spawn.stderr.removeprefix(marks[1])
    assert "Traceback" not in spawn.stderr
    assert fork.returncode == spawn.returncode == 1  # the broken plan (and, for the gate, far-behind plans)
    assert fork.stdout == spawn.stdout
    assert fork.stderr.removeprefix(marks[0]) == spawn.stderr.removeprefix(marks[1])
    assert "town-00150-14th" in fork.stdout + fork.stderr


def test_the_parent_death_hook_does_nothing_off_linux(monkeypatch):
    """Windows has no prctl and no signal.SIGKILL, and ctypes.CDLL(None) raises there: a worker must not die of it."""
    import ctypes
    import sys

    from plantrack import pool

    def refuse(*_args, **_kwargs):
        raise TypeError("expected str, bytes or os.PathLike object, not NoneType")  # what Windows says

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "CDLL", refuse)
    pool._die_with_parent(1)  # returns: nothing to do, no exception
