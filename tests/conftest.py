"""Shared fixtures: a copy of the bundled plan in a temp folder, and a CLI runner that keeps stderr apart."""

from __future__ import annotations

import hashlib
import os
import stat
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "plans"
XKS = "xiaokunshan-14th"


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    """A writable copy of plans/ (tests never touch the real one)."""
    target = tmp_path / "plans"
    shutil.copytree(BUNDLED, target)
    return target


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def invoke(runner: CliRunner, monkeypatch: pytest.MonkeyPatch):
    """Run `plantrack ARGS...` in-process; result has exit_code, stdout and stderr separately."""
    from plantrack.cli.app import app

    monkeypatch.delenv("PLANTRACK_PLANS_DIR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input)

    return run


@pytest.fixture(scope="session", autouse=True)
def _session_cache(tmp_path_factory: pytest.TempPathFactory):
    """Module-scoped fixtures (reports made once per module) run before the per-test cache below is set: they
    too must not read or write the user's ~/.cache. One folder per session, so per xdist worker."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path_factory.mktemp("session-cache")))
        yield


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own cache of validated plans (never the user's ~/.cache)."""
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones too) -> sha256, folders -> "dir": a refused command must leave
    this unchanged. A link is noted with its target, and a FIFO or other special file by its kind, not read
    (reading a FIFO blocks)."""
    out: dict[str, str] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            out[os.path.relpath(os.path.join(root, name), folder)] = "dir"
        for name in files:
            path = Path(root, name)
            mode = os.lstat(path).st_mode
            kind = ("link->" + os.readlink(path)) if stat.S_ISLNK(mode) else None
            if stat.S_ISREG(os.stat(path).st_mode if path.exists() else mode):
                kind = (kind or "") + hashlib.sha256(path.read_bytes()).hexdigest()
            out[os.path.relpath(path, folder)] = kind or f"special {stat.S_IFMT(mode):o}"
    return out


@pytest.fixture(autouse=True)
def fresh_consoles():
    """The stdout/stderr consoles are cached per process; build them anew under each test's environment."""
    from plantrack.render import console

    console.out.cache_clear()
    console.err.cache_clear()
    yield
    console.out.cache_clear()
    console.err.cache_clear()


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    """`check` warns about a plan left open a year after its period (check/cycle/closing.py): every test runs on one day,
    2026-12-01 (the day the 14th plan's successors are being started), whatever the clock says."""
    from datetime import date

    import plantrack.check.cycle.closing

    monkeypatch.setattr(plantrack.check.cycle.closing, "today", lambda: date(2026, 12, 1))
