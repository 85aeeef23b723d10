"""Faults a record must survive (reliability.md, promise 1 and "Faults"): concurrent writers, a writer killed
mid-write, a read-only folder, a full disk; the file's mode and line endings; exact decimals round trip.
"""

from __future__ import annotations

import dataclasses

import errno
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BUNDLED, XKS, snapshot
from plantrack.check.load import load_plan
from plantrack.recording import record
from plantrack.changes import Change
from plantrack.store import dump_actuals

TMP_GLOB = ".actuals.toml.*.tmp"


def parse(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PLANTRACK_PLANS_DIR"}
    env.update(NO_COLOR="1", COLUMNS="200", PYTHONIOENCODING="utf-8")
    return env


def no_traceback(result) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert not isinstance(result.exception, Exception), repr(result.exception)


# --- concurrent writers ---------------------------------------------------------------------------------

# One valid value (or rate) per indicator for 2022 and 2023.
VALUES = {
    "value-added-growth": ("512000", "538000"),
    "fiscal-revenue-growth": ("155000", "162000"),
    "local-fiscal-revenue-growth": ("61000", "64000"),
    "industrial-output-growth": ("1480000", "1530000"),
    "energy-intensity-decline": ("--rate 3.2", "--rate 2.8"),
    "export-delivery-growth": ("250000", "262000"),
    "fixed-asset-investment": ("28.5", "31.2"),
    "industrial-fixed-asset-investment": ("3.1", "3.4"),
    "disposable-income-growth": ("--rate 7.1", "--rate 5.0"),
    "tech-listings": ("1", "0"),
    "net-new-high-tech": ("12", "-3"),
    "new-strategic-emerging": ("2", "3"),
    "new-srdi": ("3", "2"),
    "new-modern-services": ("2", "1"),
}


def _jobs(n: int) -> list[tuple[str, int, str]]:
    jobs = [(ind, 2022, v[0]) for ind, v in VALUES.items()] + [(ind, 2023, v[1]) for ind, v in VALUES.items()]
    return jobs[:n]


def _argv(plans_dir: Path, ind: str, year: int, value: str, *extra: str) -> list[str]:
    args = [sys.executable, "-m", "plantrack", "record", ind, str(year), "--source", f"来源 {ind} {year}",
            "--plans-dir", str(plans_dir), *extra]
    if value.startswith("--rate"):
        return args + value.split()
    return args + (["--", value] if value.startswith("-") else [value])


def test_twenty_concurrent_writers_all_land(plans_dir):
    path = plans_dir / XKS / "actuals.toml"
    before = parse(path)
    jobs = _jobs(20)
    assert len({(ind, year) for ind, year, _ in jobs}) == 20
    procs = [subprocess.Popen(_argv(plans_dir, *job), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=child_env(), text=True, encoding="utf-8") for job in jobs]
    outcomes = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    for (ind, year, _), (code, out, err) in zip(jobs, outcomes):
        assert code == 0, (ind, year, err)
        assert out.startswith(f"{ind} {year} = "), out
        assert err == ""
        assert "Traceback" not in err
    after = parse(path)
    for ind, year, value in jobs:
        entry = after[ind][str(year)]
        key, number = ("rate", value.split()[1]) if value.startswith("--rate") else ("value", value)
        assert entry[key] == Decimal(number), (ind, year)
        assert entry["source"] == f"来源 {ind} {year}"
    # Nothing that was there before was lost either.
    for ind, years in before.items():
        for year, entry in years.items():
            assert after[ind][year] == entry
    assert sum(len(v) for v in after.values()) == sum(len(v) for v in before.values()) + 20
    assert not list(path.parent.glob(TMP_GLOB))
    check = subprocess.run([sys.executable, "-m", "plantrack", "check", str(plans_dir)], capture_output=True,
                           text=True, encoding="utf-8", env=child_env())
    assert check.returncode == 0, check.stdout + check.stderr
    assert "全部通过" in check.stdout


def test_concurrent_revisions_of_one_year_keep_every_value(plans_dir):
    """Ten --force writers on the same year: one is current, the nine others are all in `revisions`."""
    path = plans_dir / XKS / "actuals.toml"
    values = [str(500000 + 1000 * i) for i in range(10)]
    procs = [subprocess.Popen(_argv(plans_dir, "value-added-growth", 2022, v, "--force"), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=child_env(), text=True, encoding="utf-8") for v in values]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    entry = parse(path)["value-added-growth"]["2022"]
    seen = [entry["value"], *(r["value"] for r in entry["revisions"])]
    assert sorted(seen) == sorted(Decimal(v) for v in values)
    assert len(entry["revisions"]) == 9
    # Each entry was replaced no earlier than it was recorded, and the chain is in time order.
    chain = [*entry["revisions"], {"recorded_at": entry["recorded_at"]}]
    for older, newer in zip(chain, chain[1:]):
        assert older["recorded_at"] <= older["replaced_at"] == newer["recorded_at"]


# --- a writer killed mid-write ----------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from plantrack.store import write_atomic

    path = Path(sys.argv[1])
    texts = [Path(p).read_text(encoding="utf-8") for p in sys.argv[2:]]
    print("ready", flush=True)
    i = 0
    while True:
        write_atomic(path, texts[i % len(texts)])
        i += 1
    """
)


def _big_versions(plans_dir: Path, folder: Path) -> list[Path]:
    """Two complete, valid actuals files of about 1 MB each (a long note), different from the original."""
    plan, findings = load_plan(plans_dir / XKS)
    assert plan is not None, findings
    order = [i.id for i in plan.indicators]
    out = []
    for tag in ("A", "B"):
        acts = {k: dict(v) for k, v in plan.actuals.items()}
        old = acts["value-added-growth"][2021]
        acts["value-added-growth"][2021] = dataclasses.replace(old, **{"note": tag * 1_000_000})
        path = folder / f"version-{tag}.toml"
        path.write_text(dump_actuals(acts, order), encoding="utf-8")
        out.append(path)
    return out


def test_writer_killed_mid_write_leaves_old_or_new_file(plans_dir, tmp_path, invoke):
    folder = plans_dir / XKS
    path = folder / "actuals.toml"
    versions = _big_versions(plans_dir, tmp_path)
    old = path.read_bytes()
    allowed = {old: "old", **{v.read_bytes(): v.stem for v in versions}}
    for version in versions:  # each full version is a plan that loads (so any of them after a kill is fine)
        path.write_bytes(version.read_bytes())
        plan, findings = load_plan(folder)
        assert plan is not None and findings == [], findings
    path.write_bytes(old)
    rng = random.Random(20260101)
    seen: dict[str, int] = {}
    stray = 0
    kills = 30
    for i in range(kills):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), *map(str, versions)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env())
        assert proc.stdout.readline() == b"ready\n", proc.stderr.read()
        # Varied points: before the first write finishes, mid-loop, after many writes.
        delay = [0.0005, 0.002, 0.005, 0.01, 0.02, 0.05][i % 6] * rng.uniform(0.5, 1.5)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL, proc.stderr.read()
        proc.stdout.close()
        proc.stderr.close()
        data = path.read_bytes()
        if data not in allowed:
            pytest.fail(f"kill {i} after {delay:.4f}s left a torn file ({len(data)} bytes)")
        seen[allowed[data]] = seen.get(allowed[data], 0) + 1
        assert tomllib.loads(data.decode("utf-8"), parse_float=Decimal)["value-added-growth"]["2021"]
        stray += bool(list(folder.glob(TMP_GLOB)))
    print(f"\nkills={kills} outcomes={seen} kills-leaving-a-temp-file={stray}")
    assert sum(seen.values()) == kills

    # Whatever the last kill left, a leftover temp file (here made certain) is ignored by check...
    (folder / ".actuals.toml.k1ll3d.tmp").write_bytes(versions[0].read_bytes()[:300_000])
    check = invoke("check", str(plans_dir))
    assert check.exit_code == 0, check.stdout + check.stderr
    # ...and removed by the next successful write.
    result = invoke("record", "tech-listings", "2022", "1", "--source", "S", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert not list(folder.glob(TMP_GLOB))
    assert parse(path)["tech-listings"]["2022"]["value"] == 1


# --- read-only folder, full disk ----------------------------------------------------------------------------


def _unprivileged() -> list[str]:
    """A command prefix under which a 0o555 folder is really read-only, even when the tests run as root."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: chmod does not stop writes (simulated faults cover this)")
    caps = "-dac_override,-dac_read_search,-fowner"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


@pytest.mark.parametrize("with_lock_file", [False, True], ids=["fresh-folder", "lock-file-exists"])
def test_read_only_plan_folder(invoke, plans_dir, with_lock_file):
    folder = plans_dir / XKS
    if with_lock_file:
        assert invoke("record", "tech-listings", "2022", "1", "--source", "S", "--plans-dir", str(plans_dir)).exit_code == 0
    before = snapshot(folder)
    prefix = _unprivileged()
    mode = stat.S_IMODE(folder.stat().st_mode)
    os.chmod(folder, 0o555)
    try:
        probe = subprocess.run([*prefix, sys.executable, "-c", "import os, sys; sys.exit(os.access(sys.argv[1], os.W_OK))",
                                str(folder)], env=child_env())
        if probe.returncode != 0:
            pytest.skip("this system lets the test user write into a 0o555 folder")
        proc = subprocess.run([*prefix, sys.executable, "-m", "plantrack", "record", "value-added-growth", "2022",
                               "512000", "--source", "S", "--plans-dir", str(plans_dir)],
                              capture_output=True, text=True, encoding="utf-8", env=child_env())
    finally:
        os.chmod(folder, mode)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.startswith("错误 / Error: 无法写入 ")
    assert "cannot write to" in proc.stderr and "Nothing was changed" in proc.stderr
    assert ("没有写入权限" if not with_lock_file else "Permission denied") in proc.stderr
    assert "Traceback" not in proc.stderr
    assert snapshot(folder) == before


def _raise(exc: OSError):
    def fail(*args, **kwargs):
        raise exc
    return fail


def _fault_lock(monkeypatch):
    import filelock

    class DeniedLock:
        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            raise PermissionError(errno.EACCES, "Permission denied", "plans/.plantrack.lock")

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(filelock, "FileLock", DeniedLock)


def _fault_mkstemp(monkeypatch):
    monkeypatch.setattr(tempfile, "mkstemp", _raise(PermissionError(errno.EACCES, "Permission denied")))


def _fault_write(monkeypatch):
    real = os.fdopen

    class Full:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()
            return False

        def write(self, data):
            self.handle.write(data[: len(data) // 2])  # half of it made it to disk
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Full(real(fd, *a, **k)))


def _fault_fsync(monkeypatch):
    monkeypatch.setattr(os, "fsync", _raise(OSError(errno.ENOSPC, "No space left on device")))


def _fault_replace(monkeypatch):
    monkeypatch.setattr(os, "replace", _raise(PermissionError(errno.EACCES, "Permission denied")))


FAULTS = {
    "read-only-no-lock-file": (_fault_lock, "没有写入权限"),
    "read-only-mkstemp": (_fault_mkstemp, "Permission denied"),
    "disk-full-on-write": (_fault_write, "No space left on device"),
    "disk-full-on-fsync": (_fault_fsync, "No space left on device"),
    "rename-denied": (_fault_replace, "Permission denied"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_write_fault_exits_1_and_changes_nothing(invoke, plans_dir, monkeypatch, fault):
    folder = plans_dir / XKS
    # A first, good write creates the lock file, so the snapshot can be compared whole.
    assert invoke("record", "tech-listings", "2022", "1", "--source", "S", "--plans-dir", str(plans_dir)).exit_code == 0
    before = snapshot(folder)
    inject, phrase = FAULTS[fault]
    inject(monkeypatch)
    result = invoke("record", "value-added-growth", "2022", "512000", "--source", "S", "--plans-dir", str(plans_dir))
    monkeypatch.undo()
    assert result.exit_code == 1, (result.stdout, result.stderr, result.exception)
    assert result.stdout == ""
    assert result.stderr.startswith("错误 / Error: ")
    assert phrase in result.stderr
    assert "cannot write to" in result.stderr and "Nothing was changed" in result.stderr
    no_traceback(result)
    assert snapshot(folder) == before  # no temp file left behind either
    # And the folder still works once the fault is gone.
    again = invoke("record", "value-added-growth", "2022", "512000", "--source", "S", "--plans-dir", str(plans_dir))
    assert again.exit_code == 0, again.stderr
    assert parse(folder / "actuals.toml")["value-added-growth"]["2022"]["value"] == 512000


def test_lock_held_by_another_writer_times_out_cleanly(invoke, plans_dir, monkeypatch):
    """A writer that never lets go: the next one waits, gives up with a message, and changes nothing."""
    from filelock import FileLock

    from plantrack import store

    folder = plans_dir / XKS
    monkeypatch.setattr(store, "LOCK_TIMEOUT_S", 0.3)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from filelock import FileLock\n"
         "with FileLock(sys.argv[1]):\n    print('held', flush=True); time.sleep(60)", str(folder / store.LOCK_NAME)],
        stdout=subprocess.PIPE, env=child_env())
    try:
        assert holder.stdout.readline() == b"held\n"
        before = snapshot(folder)
        result = invoke("record", "tech-listings", "2022", "1", "--source", "S", "--plans-dir", str(plans_dir))
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stdout == ""
    assert "another plantrack is writing this plan" in result.stderr
    no_traceback(result)
    assert snapshot(folder) == before
    # The lock dies with its holder: the next record goes through.
    with FileLock(folder / store.LOCK_NAME, timeout=5):
        pass
    again = invoke("record", "tech-listings", "2022", "1", "--source", "S", "--plans-dir", str(plans_dir))
    assert again.exit_code == 0, again.stderr


# --- the file stays the user's: mode and line endings -------------------------------------------------------


def test_mode_and_crlf_are_kept(invoke, plans_dir):
    path = plans_dir / XKS / "actuals.toml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    os.chmod(path, 0o640)
    for args in (["value-added-growth", "2022", "512000"], ["industrial-fixed-asset-investment", "2022", "3.25"],
                 ["value-added-growth", "2022", "520000", "--force"]):
        result = invoke("record", *args, "--source", "S", "--plans-dir", str(plans_dir))
        assert result.exit_code == 0, result.stderr
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
        data = path.read_bytes()
        assert data.count(b"\n") == data.count(b"\r\n") > 0
        assert b"\r\r" not in data
    text = data.decode("utf-8")
    assert '[value-added-growth.2022]\r\nvalue = 520000\r\nunit = "万元"\r\nsource = "S"\r\n' in text
    assert "[industrial-fixed-asset-investment.2022]\r\nvalue = 3.25\r\n" in text
    stored = parse(path)
    assert stored["value-added-growth"]["2022"]["revisions"][0]["value"] == 512000
    assert stored["industrial-fixed-asset-investment"]["2021"]["value"] == Decimal("27.72")
    check = invoke("check", str(plans_dir))
    assert check.exit_code == 0, check.stdout + check.stderr


def test_lf_file_stays_lf_and_new_file_gets_usual_mode(invoke, plans_dir):
    path = plans_dir / XKS / "actuals.toml"
    result = invoke("record", "tech-listings", "2022", "1", "--source", "S", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0
    assert b"\r" not in path.read_bytes()
    path.unlink()
    result = invoke("record", "tech-listings", "2022", "1", "--source", "S", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644 & ~umask
    assert parse(path) == {"tech-listings": {"2022": parse(path)["tech-listings"]["2022"]}}


# --- exact decimals round trip --------------------------------------------------------------------------------


@st.composite
def typed_numbers(draw, allow_zero: bool) -> str:
    """A number as a user types it: 512000, 27.72, 12.50, 0.0001 (< 10^15, up to 4 decimal places)."""
    places = draw(st.integers(0, 4))
    whole = draw(st.one_of(st.integers(0, 10**15 - 1), st.integers(0, 1000)))
    frac = draw(st.integers(0, 10**places - 1)) if places else 0
    text = f"{whole}.{frac:0{places}d}" if places else str(whole)
    if not allow_zero and Decimal(text) == 0:
        text = "1" if not places else f"0.{1:0{places}d}"
    return text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_recorded_decimal_round_trips_exactly(data):
    # value-added-growth takes a level in 万元 (> 0); fixed-asset-investment a year's amount in 亿元 (≥ 0).
    ind = data.draw(st.sampled_from(["value-added-growth", "fixed-asset-investment"]))
    text = data.draw(typed_numbers(allow_zero=ind == "fixed-asset-investment"))
    with tempfile.TemporaryDirectory() as tmp:
        plans = Path(tmp) / "plans"
        shutil.copytree(BUNDLED, plans)
        # confirm: any number, plausible or not, is stored exactly (plausibility is test_record_slips.py's).
        record(plans, None, [Change(ind, 2022, value=text, source="hypothesis")], force=False, dry_run=False,
               confirm=True)
        plan, findings = load_plan(plans / XKS)
        assert findings == []
        got = plan.entries(ind)[2022].value
        assert got == Decimal(text)
        assert got.as_tuple() == Decimal(text).as_tuple()  # same digits, same places: 12.50 stays 12.50
        assert f"\nvalue = {text}\n" in (plans / XKS / "actuals.toml").read_text(encoding="utf-8")


def test_out_of_range_is_worded_once():
    """A typed number (record, import) and a stored one (actuals.toml) beyond 10^15 get the same words: the
    English half used to repeat the field's name in the typed one only (fields.RANGE_PROBLEM now)."""
    from plantrack.changes import parse_typed_number
    from plantrack.errors import PlantrackError
    from plantrack.fields import RANGE_PROBLEM, parse_number

    with pytest.raises(PlantrackError) as typed:
        parse_typed_number("1000000000000000", "VALUE")
    with pytest.raises(ValueError) as stored:
        parse_number(Decimal("1000000000000000"))
    assert str(typed.value).endswith(f"VALUE 1000000000000000 {RANGE_PROBLEM}")
    assert str(stored.value) == f"1000000000000000 {RANGE_PROBLEM}"
