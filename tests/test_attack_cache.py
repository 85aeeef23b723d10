"""Issue 13, the cache and reading files: each attack that was reproduced on main, as a test that fails if it
comes back (items 1-4, 11, 13; a kept BOM, a time-only recorded_at, UTF-16 files)."""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import XKS, snapshot

from plantrack import cache
from plantrack.check import load as loader
from plantrack.check.load import load_plan
from plantrack.documents import MAX_BYTES

BOM = b"\xef\xbb\xbf"
# A valid actuals.toml with nothing recorded: "B" of the A→B→A attack.
EMPTY_ACTUALS = b"# nothing recorded yet\n"


def _tables(path: Path) -> dict:
    return tomllib.loads(path.read_bytes().removeprefix(BOM).decode("utf-8"), parse_float=Decimal)


def _count_loads(monkeypatch) -> list[object]:
    """Every time the files are actually parsed and validated (a cache miss), one item."""
    calls: list[object] = []
    real = loader.load_files

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "load_files", counting)
    return calls


def _cli(*args: str, cwd: Path, env_extra: dict[str, str] | None = None, timeout: float = 30):
    """plantrack in a child process, with a timeout so that a hang fails the test instead of the suite."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(env_extra or {})}
    env.pop("PLANTRACK_PLANS_DIR", None)
    try:
        return subprocess.run([sys.executable, "-m", "plantrack", *args], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"plantrack {' '.join(args)} hung (killed after {timeout} s)")


# --- item 1: an A→B→A change must not poison the cache; a write never starts from the cache ---------------


def _swap_on_open(monkeypatch, target: Path, contents: list[bytes]) -> list[int]:
    """Before the n-th opening of `target` (by any means: io.open, which pathlib uses, or os.open), put
    contents[n] in it: the file changes between the loader's reads exactly as a fast editor or a writer would."""
    opened = [0]
    real_io_open, real_os_open = io.open, os.open

    def before_open(path) -> None:
        try:
            same = os.fspath(path) == os.fspath(target) or Path(os.fspath(path)).resolve() == target.resolve()
        except (TypeError, OSError):
            return
        if same:
            if opened[0] < len(contents):
                with real_io_open(target, "wb") as handle:
                    handle.write(contents[opened[0]])
            opened[0] += 1

    def patched_io_open(file, *args, **kwargs):
        before_open(file)
        return real_io_open(file, *args, **kwargs)

    def patched_os_open(path, *args, **kwargs):
        before_open(path)
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(io, "open", patched_io_open)
    monkeypatch.setattr(os, "open", patched_os_open)
    return opened


def test_a_file_changing_a_b_a_during_a_load_cannot_poison_the_cache(plans_dir, monkeypatch):
    folder = plans_dir / XKS
    actuals = folder / "actuals.toml"
    a = actuals.read_bytes()
    truth, _ = load_plan(folder)
    assert truth is not None and truth.actuals
    with monkeypatch.context() as patch:
        _swap_on_open(patch, actuals, [a, EMPTY_ACTUALS, a])
        load_plan(folder, use_cache=True)
    assert actuals.read_bytes() == a
    # The file holds A again: whatever the cache says must be A's plan, not B's (no actuals at all).
    again, findings = load_plan(folder, use_cache=True)
    assert findings == [] and again is not None
    assert again.actuals == truth.actuals


def test_a_file_changing_a_b_a_during_a_load_then_record_loses_nothing(invoke, plans_dir, monkeypatch):
    folder = plans_dir / XKS
    actuals = folder / "actuals.toml"
    a = actuals.read_bytes()
    before = _tables(actuals)
    with monkeypatch.context() as patch:
        _swap_on_open(patch, actuals, [a, EMPTY_ACTUALS, a])
        load_plan(folder, use_cache=True)
    result = invoke("record", "net-new-high-tech", "2023", "4", "--source", "区科委", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    after = _tables(actuals)
    for ind, years in before.items():
        for year, entry in years.items():
            assert after[ind][year] == entry, f"{ind}.{year} was lost"
    assert after["net-new-high-tech"]["2023"]["value"] == 4


def test_a_write_under_the_lock_never_starts_from_the_cache(invoke, plans_dir):
    """Even a cache entry that lies (B's plan under A's bytes, however it got there) is not written back."""
    folder = plans_dir / XKS
    actuals = folder / "actuals.toml"
    before = _tables(actuals)
    files = ((folder / "plan.toml").read_bytes(), actuals.read_bytes())
    actuals.write_bytes(EMPTY_ACTUALS)
    lie, _ = load_plan(folder)
    actuals.write_bytes(files[1])
    assert lie is not None and not lie.actuals
    cache.put(folder, files, lie)
    assert load_plan(folder, use_cache=True)[0].actuals == {}  # the lie is served to readers…
    result = invoke("record", "net-new-high-tech", "2023", "4", "--source", "区科委", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    after = _tables(actuals)  # …but the write loaded the file itself
    assert {(i, y) for i, ys in before.items() for y in ys} <= {(i, y) for i, ys in after.items() for y in ys}


# --- item 2: the cache is keyed on the code that validated ----------------------------------------------


def _touch_later(path: Path):
    """Move `path`'s modification time on (as an edit, a checkout or an upgrade does); restored after."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))
    return lambda: os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


@pytest.mark.parametrize("module", ["plantrack.check.rules", "pydantic"])
def test_an_entry_cached_by_other_code_is_a_miss(plans_dir, monkeypatch, module):
    folder = plans_dir / XKS
    assert load_plan(folder, use_cache=True)[0] is not None  # cached, by the code as it is now
    loads = _count_loads(monkeypatch)
    assert load_plan(folder, use_cache=True)[0] is not None
    assert loads == []  # a hit
    __import__(module)
    restore = _touch_later(Path(sys.modules[module].__file__))
    # The next command: a new process takes the stamps anew.
    monkeypatch.setattr(cache, "_own_stamp", None)
    monkeypatch.setattr(cache, "_stamps", {})
    try:
        assert load_plan(folder, use_cache=True)[0] is not None
    finally:
        restore()
    assert len(loads) == 1  # the validating code changed: validated again


def test_the_code_stamp_is_taken_once_per_process(monkeypatch):
    """The overview of 10,000 plans looks up 10,000 entries: the package is scanned once, not per entry."""
    scans = []
    real = cache._scan
    monkeypatch.setattr(cache, "_scan", lambda package: scans.append(package) or real(package))
    monkeypatch.setattr(cache, "_own_stamp", None)
    assert cache.code_stamp() == cache.code_stamp() == real(cache._PACKAGE)
    assert len(scans) == 1


def test_the_code_stamp_follows_every_source_file(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "a.py").write_text("x = 1\n")
    (package / "sub" / "b.py").write_text("y = 2\n")
    (package / "__pycache__").mkdir()
    first = cache.code_stamp(str(package))
    (package / "__pycache__" / "a.cpython.pyc").write_bytes(b"compiled")  # byte-compiling changes nothing
    assert cache.code_stamp(str(package)) == first
    (package / "sub" / "b.py").write_text("y = 3\n")  # same size, later time
    os.utime(package / "sub" / "b.py", ns=(0, (package / "a.py").stat().st_mtime_ns + 10**9))
    second = cache.code_stamp(str(package))
    assert second != first
    (package / "c.py").write_text("")
    assert cache.code_stamp(str(package)) not in (first, second)


# --- item 3: a cache entry can never run code ---------------------------------------------------------


class _Exploit:
    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (exec, (f"open({str(self.marker)!r}, 'w').close()",))


def test_a_cache_entry_that_would_run_code_is_refused_unrun(plans_dir, tmp_path):
    folder = plans_dir / XKS
    marker = tmp_path / "pwned"
    directory = cache.cache_dir()
    directory.mkdir(parents=True, exist_ok=True)
    entry = cache._entry_path(directory, folder)
    entry.write_bytes(pickle.dumps(_Exploit(marker)))
    os.chmod(entry, 0o600)
    plan, findings = load_plan(folder, use_cache=True)
    assert not marker.exists(), "unpickling a cache entry ran code"
    assert findings == [] and plan is not None and plan.actuals


def test_an_entry_others_can_write_or_own_is_a_miss(plans_dir, monkeypatch):
    folder = plans_dir / XKS
    assert load_plan(folder, use_cache=True)[0] is not None
    entry = cache._entry_path(cache.cache_dir(), folder)
    assert entry.exists()
    loads = _count_loads(monkeypatch)
    os.chmod(entry, 0o666)
    load_plan(folder, use_cache=True)
    assert len(loads) == 1  # writable by others: not trusted, validated again (and rewritten, 0600)
    assert entry.stat().st_mode & 0o077 == 0
    if os.geteuid() == 0:  # only root can give a file away
        os.chown(entry, 12345, 12345)
        load_plan(folder, use_cache=True)
        assert len(loads) == 2


# --- item 4: a write the loader would then refuse is not made ------------------------------------------


def test_an_import_that_would_write_a_file_too_large_is_refused_unwritten(invoke, plans_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rows = ["indicator,year,value,rate,unit,source,note"]
    for ind in ("tech-listings", "net-new-high-tech", "new-strategic-emerging", "new-srdi", "new-modern-services"):
        rows += [f"{ind},{year},1,,家,区统计局,{'说' * 40_000}" for year in range(2010, 2021)]
    (tmp_path / "long-notes.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    folder = plans_dir / XKS
    before = snapshot(folder)
    result = invoke("import", "long-notes.csv", "--plans-dir", str(plans_dir))
    assert result.exit_code == 1, result.stdout + result.stderr
    assert snapshot(folder) == before  # not even a lock file
    assert "超过上限" in result.stderr and f"limit of {MAX_BYTES}" in result.stderr
    assert "nothing was written" in result.stderr and "Shorten the notes" in result.stderr
    assert "Traceback" not in result.stderr
    assert invoke("check", str(plans_dir)).exit_code == 0


def test_a_write_is_checked_under_the_lock_as_the_loader_will_read_it(invoke, plans_dir, monkeypatch):
    """Not only the size: the exact bytes about to be written are parsed and validated as the loader will,
    here against a writer that (by some bug) would produce a table the loader refuses."""
    from plantrack import recording

    real = recording._new_text
    monkeypatch.setattr(recording, "_new_text", lambda *a, **k: real(*a, **k) + "\n[no-such-indicator.2022]\nvalue = 1\n")
    actuals = plans_dir / XKS / "actuals.toml"
    before = actuals.read_bytes()
    result = invoke("record", "net-new-high-tech", "2023", "4", "--source", "区科委", "--plans-dir", str(plans_dir))
    assert result.exit_code == 1, result.stderr
    assert "would not pass `check`: nothing was written" in result.stderr
    assert "no such indicator" in result.stderr
    assert actuals.read_bytes() == before
    assert "Traceback" not in result.stderr


# --- item 11: a FIFO (or any non-regular file) is refused by name, without blocking --------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_named_actuals_toml_is_refused_without_blocking(plans_dir, tmp_path):
    target = plans_dir / XKS / "actuals.toml"
    target.unlink()
    os.mkfifo(target)
    env = {"PLANTRACK_CACHE_DIR": str(tmp_path / "cache")}
    for args in (["status", "--plans-dir", str(plans_dir)], ["check", str(plans_dir)],
                 ["record", "net-new-high-tech", "2023", "4", "--plans-dir", str(plans_dir)]):
        result = _cli(*args, cwd=tmp_path, env_extra=env)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        said = result.stdout + result.stderr  # check reports on stdout, the others on stderr
        assert "actuals.toml:1:1:" in said and "not a regular file" in said, said
        assert "Traceback" not in said
    assert not target.is_file()  # still the FIFO: nothing replaced it


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_named_plan_toml_is_refused_by_the_loader_without_blocking(plans_dir, tmp_path):
    # Finding plan folders already passes over a plan.toml that is not a file (is_file()); the loader itself,
    # which every command reaches a folder through, must refuse it too rather than wait on it.
    target = plans_dir / XKS / "plan.toml"
    target.unlink()
    os.mkfifo(target)
    probe = ("import sys; from pathlib import Path; from plantrack.check.load import load_plan; "
             "plan, findings = load_plan(Path(sys.argv[1]), use_cache=True); print(plan, findings[0].message)")
    try:
        result = subprocess.run([sys.executable, "-c", probe, str(plans_dir / XKS)], capture_output=True,
                                text=True, timeout=30, env={**os.environ, "PLANTRACK_CACHE_DIR": str(tmp_path / "c")})
    except subprocess.TimeoutExpired:
        pytest.fail("load_plan hung on a FIFO named plan.toml")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("None ") and "not a regular file" in result.stdout


def test_a_folder_named_actuals_toml_is_refused_by_name(invoke, plans_dir):
    target = plans_dir / XKS / "actuals.toml"
    target.unlink()
    target.mkdir()
    result = invoke("status", "--plans-dir", str(plans_dir))
    assert result.exit_code == 1
    assert "actuals.toml:1:1:" in result.stderr and "not a regular file" in result.stderr


# --- item 13: the size is checked first, and no more than the limit is ever read -----------------------


def _guard_reads(monkeypatch) -> list[int]:
    """Bytes read by the loader, however it reads; reading a huge file whole fails at once (not after 1 GB)."""
    got: list[int] = []
    real_read, real_read_bytes = os.read, Path.read_bytes

    def read(fd, n):
        data = real_read(fd, n)
        got.append(len(data))
        return data

    def read_bytes(self):
        if self.stat().st_size > 10 * MAX_BYTES:
            raise AssertionError(f"read {self} whole: {self.stat().st_size} bytes")
        data = real_read_bytes(self)
        got.append(len(data))
        return data

    monkeypatch.setattr(os, "read", read)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return got


def test_a_sparse_1_gb_actuals_file_is_refused_by_its_size_unread(invoke, plans_dir, monkeypatch):
    actuals = plans_dir / XKS / "actuals.toml"
    with open(actuals, "r+b") as handle:
        handle.truncate(10**9)
    got = _guard_reads(monkeypatch)
    for args in (("status", "--plans-dir", str(plans_dir)),
                 ("record", "net-new-high-tech", "2023", "4", "--plans-dir", str(plans_dir))):
        result = invoke(*args)
        assert result.exit_code == 1, result.stderr
        assert "file too large (1000000000 bytes" in result.stderr
        assert "Traceback" not in result.stderr
    assert sum(got) < 2 * MAX_BYTES


def test_a_file_growing_while_read_is_read_no_further_than_the_limit(plans_dir, monkeypatch):
    actuals = plans_dir / XKS / "actuals.toml"
    with open(actuals, "r+b") as handle:
        handle.truncate(5 * MAX_BYTES)
    real_fstat = os.fstat

    def small_fstat(fd):  # as if the file were small when opened and grew afterwards
        info = real_fstat(fd)
        return os.stat_result((*info[:6], 1000, *info[7:]))

    monkeypatch.setattr(os, "fstat", small_fstat)
    got = _guard_reads(monkeypatch)
    plan, findings = load_plan(plans_dir / XKS, use_cache=True)
    assert plan is None and "file too large" in findings[-1].message
    assert sum(got) <= MAX_BYTES + 1 + (plans_dir / XKS / "plan.toml").stat().st_size


# --- smaller: a kept BOM, a time-only recorded_at, UTF-16 named --------------------------------------


def test_record_keeps_a_leading_bom(invoke, plans_dir):
    actuals = plans_dir / XKS / "actuals.toml"
    actuals.write_bytes(BOM + actuals.read_bytes())
    result = invoke("record", "net-new-high-tech", "2023", "4", "--source", "区科委", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    data = actuals.read_bytes()
    assert data.startswith(BOM) and not data[3:].startswith(BOM)
    assert _tables(actuals)["net-new-high-tech"]["2023"]["value"] == 4
    assert invoke("check", str(plans_dir)).exit_code == 0


def test_a_time_only_recorded_at_is_reported_in_words(invoke, plans_dir):
    actuals = plans_dir / XKS / "actuals.toml"
    text = actuals.read_text(encoding="utf-8")
    assert "recorded_at = " in text
    lines = text.splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.startswith("recorded_at = "))
    lines[first] = "recorded_at = 10:00:00\n"
    actuals.write_text("".join(lines), encoding="utf-8")
    result = invoke("check", str(plans_dir))
    said = result.stdout + result.stderr
    assert result.exit_code == 1
    assert "datetime.time" not in said
    assert f"actuals.toml:{first + 1}:" in said
    assert "2022-03-31 或 2022-03-31T10:00:00" in said
    assert "must be a date or a date-time such as 2022-03-31 or 2022-03-31T10:00:00" in said
    assert "10:00:00)" in said


@pytest.mark.parametrize("name", ["plan.toml", "actuals.toml"])
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_named_as_utf16(invoke, plans_dir, name, encoding):
    path = plans_dir / XKS / name
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))  # "utf-16" writes a BOM, -le/-be none
    for args in (("check", str(plans_dir)), ("status", "--plans-dir", str(plans_dir))):
        result = invoke(*args)
        said = result.stdout + result.stderr
        assert result.exit_code == 1
        assert f"{name}:1:1:" in said
        assert "文件是 UTF-16 编码，请用 UTF-8 另存 / the file is UTF-16: save it as UTF-8" in said
        assert "GBK" not in said and "syntax" not in said


def test_what_a_write_checked_is_the_next_commands_cache_hit(invoke, plans_dir, monkeypatch):
    """The check of item 4 parsed exactly the bytes written: cached, so `status` after `record` stays fast
    (and what it shows is the file: the next load reads the bytes and compares them)."""
    result = invoke("record", "net-new-high-tech", "2023", "4", "--source", "区科委", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    loads = _count_loads(monkeypatch)
    plan, findings = load_plan(plans_dir / XKS, use_cache=True)
    assert loads == [] and findings == []
    assert plan.actuals["net-new-high-tech"][2023].value == 4
    assert plan.actuals == load_plan(plans_dir / XKS)[0].actuals
