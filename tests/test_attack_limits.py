"""Issue 13, hangs, signals and limits: many findings, a dead worker, a million bad rows, --as-of, Ctrl-C,
numbers with thousands of digits. Work is bounded by counting operations; subprocess timeouts are generous
and only keep a regression from hanging the suite."""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import BUNDLED, XKS, snapshot
from plantrack.errors import MAX_LISTED

SRC = str(Path(__file__).resolve().parent.parent / "src")
HANG_GUARD = 60  # seconds; never reached by working code


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": SRC, "NO_COLOR": "1", "COLUMNS": "200"}


# --- item 12: 60,000 findings are linear, and every refused command lists at most MAX_LISTED ---------------

UNKNOWN = 60_000


@pytest.fixture
def many_findings(plans_dir: Path) -> Path:
    text = "".join(f"[u{i}.2021]\nvalue = 1\n" for i in range(UNKNOWN))
    path = plans_dir / XKS / "actuals.toml"
    path.write_text(text, encoding="utf-8")
    from plantrack.documents import MAX_BYTES

    assert path.stat().st_size < MAX_BYTES  # refused by the loader for what it says, not for its size
    return plans_dir


@pytest.fixture
def key_scans(monkeypatch) -> list[int]:
    """How often a KeyIndex walks all its keys (it did so once per finding: quadratic)."""
    from plantrack import tomlpos

    walks = [0]

    class Counting(dict):
        def items(self):
            walks[0] += 1
            return super().items()

    init = tomlpos.KeyIndex.__init__

    def counted(self, text):
        init(self, text)
        self.positions = Counting(self.positions)

    monkeypatch.setattr(tomlpos.KeyIndex, "__init__", counted)
    return walks


def test_sixty_thousand_findings_check_is_linear_and_capped(invoke, many_findings, key_scans):
    result = invoke("check", "--plans-dir", str(many_findings))
    assert result.exit_code == 1
    assert key_scans[0] <= 2
    lines = result.stdout.splitlines()
    assert len(lines) == 200 + 1
    assert f"{UNKNOWN} 个错误（另有 {UNKNOWN - 200} 个未列出" in lines[-1]


@pytest.mark.parametrize("command", [["status"], ["record", "value-added-growth", "2022", "1", "--source", "x"]])
def test_sixty_thousand_findings_status_and_record_list_at_most_the_cap(invoke, many_findings, key_scans, command):
    before = snapshot(many_findings)
    result = invoke(*command, "--plans-dir", str(many_findings))
    assert result.exit_code == 1
    assert key_scans[0] <= 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 + MAX_LISTED + 1
    assert lines[-1] == f"还有 {UNKNOWN - MAX_LISTED} 处错误未显示 / {UNKNOWN - MAX_LISTED} more errors not shown"
    assert "Traceback" not in result.stderr
    assert snapshot(many_findings) == before


# --- item 15: import of many bad rows: capped, counted, cheap --------------------------------------------

def test_import_of_many_bad_rows_lists_the_cap_and_counts_the_rest(invoke, plans_dir, tmp_path, monkeypatch):
    from plantrack.plan import Plan

    bad = 5_000
    csv = tmp_path / "bad.csv"
    csv.write_text("indicator,year,value\n" + "".join(f"nope{i},2022,1\n" for i in range(bad)), encoding="utf-8")
    lookups = [0]
    find = Plan.find_indicator

    def counted(self, key):
        lookups[0] += 1
        return find(self, key)

    monkeypatch.setattr(Plan, "find_indicator", counted)
    before = snapshot(plans_dir)
    result = invoke("import", str(csv), "--plans-dir", str(plans_dir))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"错误 / Error: {bad} 行有错误，没有写入任何数据")
    assert len(lines) == 1 + MAX_LISTED + 1
    assert lines[-1] == f"还有 {bad - MAX_LISTED} 处错误未显示 / {bad - MAX_LISTED} more errors not shown"
    # The messages (with their nearest-name suggestions) are built for the listed rows only.
    assert lookups[0] <= MAX_LISTED + 1
    assert snapshot(plans_dir) == before


def test_import_rows_with_bad_years_are_capped_too(invoke, plans_dir, tmp_path):
    csv = tmp_path / "years.csv"
    csv.write_text("indicator,year,value\n" + "value-added-growth,22,1\n" * 1_000, encoding="utf-8")
    result = invoke("import", str(csv), "--plans-dir", str(plans_dir))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("错误 / Error: 1000 行有错误")
    assert len(lines) == 1 + MAX_LISTED + 1 and "800 more errors not shown" in lines[-1]


# --- item 14: a worker killed by SIGKILL is an error naming its plan; Ctrl-C and SIGTERM stop the workers ---

DRIVER = textwrap.dedent("""
    import os, sys, signal, time
    from plantrack import pool
    from plantrack.check import run as checking
    pool.PARALLEL_FROM = 2
    pool.CHUNK = int(os.environ.get("CHUNK", "2"))
    original = checking.check_one

    def hooked(directory):
        if directory.name == os.environ.get("KILL_ON"):
            os.kill(os.getpid(), signal.SIGKILL)
        if os.environ.get("SLOW"):
            os.write(1, b"W")  # a worker is busy with a plan: the test may send its signal now
            time.sleep(float(os.environ["SLOW"]))
        return original(directory)

    checking.check_one = hooked
    sys.argv = ["plantrack", "check", "--jobs", "2", sys.argv[1]]
    from plantrack.cli import main
    os.write(1, b"R")
    main()
""")


@pytest.fixture
def twelve_plans(tmp_path: Path) -> Path:
    root = tmp_path / "many"
    root.mkdir()
    for i in range(12):
        folder = root / f"p{i:02d}"
        shutil.copytree(BUNDLED / XKS, folder)
        plan = folder / "plan.toml"
        plan.write_text(plan.read_text(encoding="utf-8").replace(f'id = "{XKS}"', f'id = "p{i:02d}"'),
                        encoding="utf-8")
    return root


def run_driver(root: Path, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", DRIVER, str(root)], capture_output=True, text=True,
                          timeout=HANG_GUARD, env={**env(), **extra})


@pytest.mark.parametrize("plan", ["p00", "p05", "p11"])
def test_a_worker_killed_by_sigkill_is_an_error_naming_its_plan(twelve_plans, plan):
    proc = run_driver(twelve_plans, KILL_ON=plan)
    assert proc.returncode == 1
    assert f"plans/{plan}" in proc.stderr or f"{plan}" in proc.stderr
    assert "worker process died" in proc.stderr and "-9" in proc.stderr
    assert "Traceback" not in proc.stderr
    named = [f"p{i:02d}" for i in range(12) if f"p{i:02d}" in proc.stderr]
    assert named == [plan]


# The pool's own thread (concurrent.futures' manager) reaps the workers too, when the pool breaks. On a loaded
# machine it could reap the killed worker and be descheduled before noting its exit code: the parent, reading
# the code meanwhile, got None, so the message said "exit code ?" and named every plan in progress (a flake of
# the test above, issue 26). This hook makes that ordering certain: after reaping a worker, the manager thread
# notes its exit code only once the main thread has asked for it twice (joined it, then read it), or a second
# has passed; the main thread asks only after the manager has reaped.
REAPED_LATE = textwrap.dedent("""
    import os, threading
    import multiprocessing.popen_fork as popen_fork

    reaped, asked, original_poll = {}, {}, popen_fork.Popen.poll
    changed = threading.Condition()

    def poll(self, flag=os.WNOHANG):
        if self.returncode is not None:
            return self.returncode
        if threading.current_thread() is threading.main_thread():
            with changed:
                changed.wait_for(lambda: self.pid in reaped, timeout=5)
            code = original_poll(self, flag)
            with changed:
                asked[self.pid] = asked.get(self.pid, 0) + 1
                changed.notify_all()
            return code
        try:
            pid, status = os.waitpid(self.pid, flag)
        except OSError:
            return None
        if pid == self.pid:
            with changed:
                reaped[pid] = True
                changed.notify_all()
                changed.wait_for(lambda: asked.get(pid, 0) >= 2, timeout=1)
            self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    popen_fork.Popen.poll = poll
""")


def test_a_dead_workers_exit_code_is_read_after_the_pool_has_reaped_it(twelve_plans):
    proc = subprocess.run([sys.executable, "-c", REAPED_LATE + DRIVER, str(twelve_plans)], capture_output=True,
                          text=True, timeout=HANG_GUARD, env={**env(), "KILL_ON": "p11"})
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "exit code -9" in proc.stderr and "退出码 -9" in proc.stderr, proc.stderr
    assert [f"p{i:02d}" for i in range(12) if f"p{i:02d}" in proc.stderr] == ["p11"]


def _dies_on_five(item: int) -> int:
    if item == 5:
        os.kill(os.getpid(), signal.SIGKILL)
    return item


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_dead_worker_is_named_in_process(monkeypatch):
    """The same path as above inside this process, so coverage sees pool.py's handling of a dead worker."""
    from plantrack import pool
    from plantrack.errors import PlantrackError

    monkeypatch.setattr(pool, "PARALLEL_FROM", 2)
    monkeypatch.setattr(pool, "CHUNK", 2)
    with pytest.raises(PlantrackError) as raised:
        list(pool.each(_dies_on_five, list(range(8)), describe=lambda i: f"item-{i}", workers=2))
    message = str(raised.value)
    assert "a worker process died (exit code -9, out of memory?) while on item-5:" in message
    assert [f"item-{i}" for i in range(8) if f"item-{i}" in message] == ["item-5"]


def test_the_pool_checks_every_plan_in_order(twelve_plans):
    proc = run_driver(twelve_plans)
    assert proc.returncode == 0, proc.stderr
    assert "12 个规划" in proc.stdout and "Traceback" not in proc.stderr


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_to_the_process_group_stops_every_worker_without_tracebacks(twelve_plans, sig):
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(twelve_plans)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**env(), "SLOW": "0.5", "CHUNK": "1"},
                            start_new_session=True)
    assert proc.stdout.read(1) == "R"
    assert proc.stdout.read(1) == "W"  # a worker is inside a plan's check, which takes 0.5 s
    os.killpg(proc.pid, sig)
    _, err = proc.communicate(timeout=HANG_GUARD)
    assert "Traceback" not in err
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and err == "已中断 / interrupted\n"
    else:
        assert proc.returncode == -signal.SIGTERM
    deadline = time.monotonic() + HANG_GUARD
    while True:  # no worker is left behind in the group
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        assert time.monotonic() < deadline, "a worker outlived the command"
        time.sleep(0.1)


# --- item 18: --as-of far outside a plan, or longer than a year -------------------------------------------

@pytest.mark.parametrize("command", [["status"], ["status", "--lang", "zh", "--lang", "zh"], ["show", "1"],
                                     ["report", "-o", "r.md", "--format", "markdown"]])
def test_an_as_of_year_far_after_the_plan_is_a_usage_error(invoke, plans_dir, command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(*command, "--as-of", "20255", "--plans-dir", str(plans_dir))
    assert result.exit_code == 2
    assert "use a year from 2021 to 2045" in result.stderr
    assert not (tmp_path / "r.md").exists()


def test_the_last_allowed_year_is_the_final_evaluation(invoke, plans_dir):
    result = invoke("status", "--as-of", "2045", "--format", "json", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0 and '"as_of": 2025' in result.stdout
    assert invoke("status", "--as-of", "2046", "--plans-dir", str(plans_dir)).exit_code == 2


def test_an_as_of_of_five_thousand_digits_is_a_short_usage_error(invoke, plans_dir, monkeypatch):
    monkeypatch.chdir(plans_dir.parent)
    digits = "2" * 5000
    for command in (["status"], ["show", "1"]):
        result = invoke(*command, "--as-of", digits)
        assert result.exit_code == 2
        assert "must be a year such as 2023" in result.stderr and "5000" in result.stderr
        assert len(result.stderr) < 500


def test_the_overview_refuses_a_year_outside_every_plan(invoke, plans_dir):
    shutil.copytree(plans_dir / XKS, plans_dir / "second")
    plan = plans_dir / "second" / "plan.toml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(f'id = "{XKS}"', 'id = "second"'), encoding="utf-8")
    for year in ("1999", "20255"):
        result = invoke("status", "--as-of", year, "--plans-dir", str(plans_dir))
        assert result.exit_code == 2 and "use a year from 2021 to 2045" in result.stderr
        assert result.stdout == ""
    assert invoke("status", "--as-of", "2030", "--plans-dir", str(plans_dir)).exit_code == 0


def test_a_long_as_of_from_the_command_line_is_a_short_usage_error(plans_dir):
    proc = subprocess.run([sys.executable, "-m", "plantrack", "status", "--as-of", "9" * 5000], capture_output=True,
                          text=True, cwd=plans_dir.parent, env=env(), timeout=HANG_GUARD)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and len(proc.stderr) < 500


# --- item 19: Ctrl-C is "interrupted" and exit 130, everywhere ----------------------------------------------

# A Ctrl-C at a chosen moment, without sleeping: the child counts the Python calls it makes between installing
# the interrupt handler (cli/interrupt.py, the point from which the promise holds) and restoring it, and sends
# itself SIGINT at call number AT (os.kill to its own process raises KeyboardInterrupt before it returns, as a
# Ctrl-C from the keyboard would raise at that point). AT = 0 only counts, and says the count on stderr.
LAUNCH = textwrap.dedent("""
    import os, signal, sys
    sys.argv = ["plantrack", *sys.argv[1:]]
    from plantrack.cli import interrupt, main
    at, calls = int(os.environ["AT"]), 0

    def count(frame, event, arg):
        global calls
        if event == "call":
            calls += 1
            if calls == at:
                sys.setprofile(None)
                os.kill(os.getpid(), signal.SIGINT)

    install, restore = interrupt.install, interrupt.restore

    def installed():
        previous = install()
        sys.setprofile(count)
        return previous

    def restored(previous):
        sys.setprofile(None)
        if not at:
            os.write(2, f"CALLS {calls}\\n".encode())
        restore(previous)

    interrupt.install, interrupt.restore = installed, restored
    main()
""")
INTERRUPTED = "已中断 / interrupted\n"


@pytest.mark.parametrize("command, cache", [
    (["status"], "cold"), (["status"], "warm"),
    (["check"], "cold"), (["show", "1"], "warm"), (["history", "1"], "cold"),
])
def test_ctrl_c_at_any_moment_is_130_and_a_message(plans_dir, tmp_path, command, cache):
    warm = tmp_path / "warm"

    def launch(at: int, name: str) -> subprocess.CompletedProcess:
        # Each run on its own copy of the cache as it was (none, or filled by one run): the same calls each time.
        folder = tmp_path / name
        if cache == "warm" and name != "warm" and not folder.exists():
            shutil.copytree(warm, folder)
        return subprocess.run([sys.executable, "-c", LAUNCH, *command], capture_output=True, text=True,
                              cwd=plans_dir.parent, timeout=HANG_GUARD,
                              env={**env(), "AT": str(at), "PLANTRACK_CACHE_DIR": str(folder),
                                   "PYTHONHASHSEED": "0"})

    if cache == "warm":
        assert launch(0, "warm").returncode in (0, 1)
    counted = launch(0, "counted")
    assert counted.returncode in (0, 1), counted.stderr
    calls = int(re.search(r"CALLS (\d+)\n", counted.stderr).group(1))
    assert calls > 100
    # The first and last calls, and three in between (seeded: the same moments on every run).
    rng = random.Random(" ".join(command))
    for at in [1, calls - 1, *sorted(rng.sample(range(2, calls - 1), 3))]:
        proc = launch(at, f"at{at}")
        assert (proc.returncode, proc.stderr[-300:]) == (130, INTERRUPTED), (at, calls)


SELF_INTERRUPT = textwrap.dedent("""
    import os, signal, sys
    import {module} as target
    real = target.{name}

    def interrupted(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)  # raises KeyboardInterrupt before it returns: no wait needed
        return real(*args, **kwargs)

    def swallowed(*args, **kwargs):
        try:
            os.kill(os.getpid(), signal.SIGINT)
        except KeyboardInterrupt:  # what a library once did (pydantic): the interrupt is lost
            pass
        return real(*args, **kwargs)

    target.{name} = {how}
    sys.argv = ["plantrack", *sys.argv[1:]]
    from plantrack.cli import main
    main()
""")


@pytest.mark.parametrize("module,name,command", [
    ("plantrack.cli.status_run", "run_status", ["status"]),
    ("plantrack.check.run", "check_one", ["check"]),
])
@pytest.mark.parametrize("how", ["interrupted", "swallowed"])
def test_ctrl_c_inside_a_command_is_130_even_when_swallowed(plans_dir, module, name, command, how):
    script = SELF_INTERRUPT.format(module=module, name=name, how=how)
    proc = subprocess.run([sys.executable, "-c", script, *command], capture_output=True, text=True,
                          cwd=plans_dir.parent, env=env(), timeout=HANG_GUARD)
    assert proc.returncode == 130
    assert proc.stderr.endswith(INTERRUPTED) and "Traceback" not in proc.stderr and "Aborted" not in proc.stderr


# --- smaller: numbers with thousands of digits ----------------------------------------------------------

def test_a_value_with_five_thousand_decimals_is_refused_with_a_short_echo(invoke, plans_dir):
    before = snapshot(plans_dir)
    value = "0." + "1" * 5000
    result = invoke("record", "fixed-asset-investment", "2022", value, "--source", "x", "--plans-dir",
                    str(plans_dir))
    assert result.exit_code == 2
    assert "too many decimal places (at most 10" in result.stderr and "（共 5000 位 / 5000 digits）" in result.stderr
    assert len(result.stderr) < 500
    assert snapshot(plans_dir) == before


def test_ten_decimal_places_are_accepted_eleven_are_not(invoke, plans_dir):
    base = ("fixed-asset-investment", "2022")
    # --confirm: 0.0000000001 亿元 is implausible against the history; the places are what is tested here.
    assert invoke("record", *base, "0.0000000001", "--dry-run", "--confirm", "--source", "x", "--plans-dir",
                  str(plans_dir)).exit_code == 0
    assert invoke("record", *base, "0.00000000001", "--dry-run", "--source", "x", "--plans-dir",
                  str(plans_dir)).exit_code == 2


def test_check_refuses_long_numbers_in_files_and_shortens_them(invoke, plans_dir):
    path = plans_dir / XKS / "actuals.toml"
    path.write_text(path.read_text(encoding="utf-8")
                    + f'\n[fixed-asset-investment.2024]\nvalue = 0.{"3" * 5000}\nsource = "x"\n'
                    + f'\n[fixed-asset-investment.2023]\nvalue = {"9" * 4299}\nsource = "x"\n', encoding="utf-8")
    result = invoke("check", "--plans-dir", str(plans_dir))
    assert result.exit_code == 1
    assert "too many decimal places" in result.stdout and "out of range" in result.stdout
    assert "（共 5000 位 / 5000 digits）" in result.stdout and "（共 4299 位 / 4299 digits）" in result.stdout
    assert len(result.stdout) < 1500
