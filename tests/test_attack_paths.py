"""Issue 13, locks, links and file-system errors: a lock path that is not a regular file, the overview's
containment, plan folders plantrack may not read, `init` on a read-only or full disk, `report -o` into a plan
folder. Each refusal leaves every byte as it was (reliability.md, "Attacks found and closed")."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import REPO, XKS, snapshot
from test_record_faults import _unprivileged, child_env

LOCK = ".plantrack.lock"
RECORD = ("record", "tech-listings", "2022", "1", "--source", "S")


def clean(result, code: int):
    """Exit `code`, no traceback, no exception escaped (a user error is a message)."""
    assert result.exit_code == code, (result.exit_code, result.stdout[-2000:], result.stderr[-2000:])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def add_second_plan(plans: Path, plan_id: str = "second-14th") -> Path:
    shutil.copytree(plans / XKS, plans / plan_id)
    text = (plans / plan_id / "plan.toml").read_text(encoding="utf-8")
    (plans / plan_id / "plan.toml").write_text(text.replace(f'id = "{XKS}"', f'id = "{plan_id}"'), encoding="utf-8")
    return plans / plan_id


# --- item 5: the lock file -----------------------------------------------------------------------------------


def _symlink_to_file(folder: Path, outside: Path) -> None:
    os.symlink(outside, folder / LOCK)


def _dangling_symlink(folder: Path, outside: Path) -> None:
    os.symlink(outside.parent / "not-yet-there", folder / LOCK)


def _directory(folder: Path, outside: Path) -> None:
    (folder / LOCK).mkdir()


def _fifo(folder: Path, outside: Path) -> None:
    os.mkfifo(folder / LOCK)


LOCKS = {"symlink-to-a-file": _symlink_to_file, "dangling-symlink": _dangling_symlink, "directory": _directory,
         "fifo": _fifo}


@pytest.mark.parametrize("command", ["record", "import"])
@pytest.mark.parametrize("kind", list(LOCKS))
def test_a_lock_path_that_is_not_a_regular_file_is_refused_and_nothing_changes(invoke, plans_dir, tmp_path, kind,
                                                                                command):
    folder = plans_dir / XKS
    outside = tmp_path / "precious.txt"
    outside.write_bytes(b"not a lock: someone's data\n")
    outside.chmod(0o640)
    LOCKS[kind](folder, outside)
    before, lstat_before = snapshot(plans_dir), os.lstat(folder / LOCK)
    if command == "record":
        args = RECORD
    else:
        rows = tmp_path / "rows.csv"
        rows.write_text("indicator,year,value,source\ntech-listings,2022,1,S\n", encoding="utf-8")
        args = ("import", str(rows))
    result = clean(invoke(*args, "--plans-dir", str(plans_dir)), 1)
    assert result.stdout == ""
    assert result.stderr.startswith("错误 / Error: ")
    assert LOCK in result.stderr and "not a regular file" in result.stderr
    assert "delete it" in result.stderr  # what to do, and that it is safe: the lock holds no data
    assert snapshot(plans_dir) == before
    after = os.lstat(folder / LOCK)
    assert (after.st_mode, after.st_ino) == (lstat_before.st_mode, lstat_before.st_ino)
    # The link's target is untouched: bytes, mode, and a dangling link's target was not created.
    assert outside.read_bytes() == b"not a lock: someone's data\n"
    assert stat.S_IMODE(outside.stat().st_mode) == 0o640
    assert not (tmp_path / "not-yet-there").exists()


def test_once_the_odd_lock_is_deleted_the_record_goes_through(invoke, plans_dir, tmp_path):
    folder = plans_dir / XKS
    os.symlink(tmp_path / "elsewhere", folder / LOCK)
    clean(invoke(*RECORD, "--plans-dir", str(plans_dir)), 1)
    (folder / LOCK).unlink()
    clean(invoke(*RECORD, "--plans-dir", str(plans_dir)), 0)
    assert stat.S_ISREG(os.lstat(folder / LOCK).st_mode)


def test_the_filelock_floor_is_a_version_that_never_truncates_a_linked_lock():
    deps = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    floor = next(re.fullmatch(r"filelock>=([\d.]+)(,.*)?", d) for d in deps if d.startswith("filelock"))
    assert tuple(int(p) for p in floor.group(1).split(".")) >= (3, 20, 3)
    from importlib.metadata import version

    assert tuple(int(p) for p in version("filelock").split(".")[:3]) >= (3, 20, 3)


# --- item 6: the overview keeps to the plans directory ----------------------------------------------------------

SECRET = "外部机密规划 / a plan outside the plans directory"


def test_the_overview_refuses_a_plan_folder_linked_outside_the_plans_directory(invoke, plans_dir, tmp_path):
    outside = tmp_path / "outside" / "other"
    outside.parent.mkdir()
    shutil.copytree(plans_dir / XKS, outside)
    text = (outside / "plan.toml").read_text(encoding="utf-8")
    text = text.replace(f'id = "{XKS}"', 'id = "other"').replace("小昆山镇「十四五」规划主要发展指标", SECRET)
    (outside / "plan.toml").write_text(text, encoding="utf-8")
    os.symlink(outside, plans_dir / "other")
    before = snapshot(outside)
    check = invoke("check", str(plans_dir))
    message = "is a link leading outside the plans directory"
    assert message in check.stdout
    for fmt in ("table", "json", "csv", "markdown"):
        result = clean(invoke("status", "--plans-dir", str(plans_dir), "--format", fmt, "--lang", "en"), 1)
        assert SECRET not in result.stdout and "外部机密规划" not in result.stdout
        assert XKS in result.stdout  # the plan inside is still shown
    data = json.loads(invoke("status", "--plans-dir", str(plans_dir), "--format", "json").stdout)
    other = next(p for p in data["plans"] if p["plan"] == "other")
    assert other["name"] is None and other["counts"] is None
    assert len(other["errors"]) == 1 and message in other["errors"][0]
    assert other["errors"][0] in check.stdout  # the same message as check, word for word
    assert snapshot(outside) == before


@pytest.mark.parametrize("name", ["actuals.toml", "plan.toml"])
def test_the_overview_refuses_a_plan_file_linked_outside_its_folder(invoke, plans_dir, tmp_path, name):
    add_second_plan(plans_dir)
    linked = plans_dir / XKS / name
    target = tmp_path / f"elsewhere-{name}"
    linked.rename(target)
    os.symlink(target, linked)
    before = target.read_bytes()
    check = invoke("check", str(plans_dir))
    message = "is a link leading outside its plan folder"
    assert message in check.stdout
    result = clean(invoke("status", "--plans-dir", str(plans_dir)), 1)
    row = next(line for line in result.stdout.splitlines() if XKS in line)
    assert "有错误" in row  # an error row, never the linked file's content
    data = json.loads(invoke("status", "--plans-dir", str(plans_dir), "--format", "json").stdout)
    rows = {p["plan"]: p for p in data["plans"]}
    assert rows[XKS]["counts"] is None and rows[XKS]["name"] is None
    assert len(rows[XKS]["errors"]) == 1 and message in rows[XKS]["errors"][0]
    assert rows[XKS]["errors"][0] in check.stdout
    assert rows["second-14th"]["counts"] is not None
    assert target.read_bytes() == before and linked.is_symlink()


def test_completion_neither_lists_nor_reads_a_plan_outside_the_plans_directory(plans_dir, tmp_path):
    from plantrack.completion import candidates

    outside = tmp_path / "outside" / "other"
    outside.parent.mkdir()
    shutil.copytree(plans_dir / XKS, outside)
    text = (outside / "plan.toml").read_text(encoding="utf-8").replace('id = "tech-listings"', 'id = "secret-id"')
    (outside / "plan.toml").write_text(text, encoding="utf-8")
    os.symlink(outside, plans_dir / "other")
    words = ["show", "--plans-dir", str(plans_dir)]
    assert [v for v, _ in candidates([*words, "--plan"], "")] == [XKS]
    assert candidates([*words, "--plan", "other"], "") == []
    assert "tech-listings" in [v for v, _ in candidates([*words, "--plan", XKS], "")]


# --- item 16: a plan folder that cannot be read ------------------------------------------------------------------


def _deny_inside(monkeypatch, folder: Path) -> None:
    """As for a user without search permission on `folder`: the folder itself can be looked at from its parent,
    nothing inside it can."""
    inside = str(folder) + os.sep

    def guard(real):
        def call(path, *args, **kwargs):
            text = os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else ""
            if text.startswith(inside) or (real in (os.listdir, os.scandir) and text.rstrip(os.sep) == str(folder)):
                raise PermissionError(errno.EACCES, "Permission denied", text)
            return real(path, *args, **kwargs)
        return call

    for name in ("stat", "lstat", "listdir", "scandir", "open"):
        monkeypatch.setattr(os, name, guard(getattr(os, name)))
    import builtins
    import io

    monkeypatch.setattr(builtins, "open", guard(builtins.open))
    monkeypatch.setattr(io, "open", guard(io.open))


UNREADABLE = "cannot be read: permission denied"


@pytest.mark.parametrize("several", [False, True], ids=["one-plan", "overview"])
def test_an_unreadable_plan_folder_is_a_message_in_process(invoke, plans_dir, monkeypatch, several):
    if several:
        add_second_plan(plans_dir)
    before = snapshot(plans_dir)
    _deny_inside(monkeypatch, plans_dir / XKS)
    status = clean(invoke("status", "--plans-dir", str(plans_dir)), 1)
    if several:
        assert "second-14th" in status.stdout and "有错误" in next(
            line for line in status.stdout.splitlines() if XKS in line)
    else:
        assert UNREADABLE in status.stderr and XKS in status.stderr
    for args in (("status", "--plan", XKS), (*RECORD, "--plan", XKS)):
        result = clean(invoke(*args, "--plans-dir", str(plans_dir)), 1)
        assert result.stderr.startswith("错误 / Error: ") and UNREADABLE in result.stderr, result.stderr
    check = clean(invoke("check", str(plans_dir)), 1)
    assert UNREADABLE in check.stdout and XKS in check.stdout
    check = clean(invoke("check", str(plans_dir / XKS)), 1)
    assert UNREADABLE in check.stdout
    monkeypatch.undo()
    assert snapshot(plans_dir) == before


@pytest.mark.parametrize("mode", [0o000, 0o644], ids=["chmod-000", "chmod-644"])
def test_an_unreadable_plan_folder_is_a_message_for_an_unprivileged_user(plans_dir, mode):
    prefix = _unprivileged()
    add_second_plan(plans_dir)
    folder = plans_dir / XKS
    before = snapshot(plans_dir)
    old = stat.S_IMODE(folder.stat().st_mode)
    os.chmod(folder, mode)
    try:
        probe = subprocess.run([*prefix, sys.executable, "-c", "import os, sys; os.stat(sys.argv[1])",
                                str(folder / "plan.toml")], env=child_env(), capture_output=True)
        if probe.returncode == 0:
            pytest.skip("this system lets the test user search a folder it has no permission for")

        def run(*args: str) -> subprocess.CompletedProcess:
            return subprocess.run([*prefix, sys.executable, "-m", "plantrack", *args], capture_output=True,
                                  text=True, encoding="utf-8", env=child_env())

        runs = {"status": run("status", "--plans-dir", str(plans_dir)),
                "status --plan": run("status", "--plans-dir", str(plans_dir), "--plan", XKS),
                "record": run(*RECORD, "--plans-dir", str(plans_dir), "--plan", XKS),
                "check": run("check", str(plans_dir)),
                "check folder": run("check", str(folder)),
                "check file": run("check", str(folder / "plan.toml"))}
    finally:
        os.chmod(folder, old)
    for name, proc in runs.items():
        assert proc.returncode == 1, (name, proc.stdout, proc.stderr)
        assert "Traceback" not in proc.stdout + proc.stderr, (name, proc.stderr)
    assert "second-14th" in runs["status"].stdout
    for name in ("status --plan", "record"):
        assert UNREADABLE in runs[name].stderr, (name, runs[name].stderr)
    for name in ("check", "check folder", "check file"):
        assert UNREADABLE in runs[name].stdout, (name, runs[name].stdout)
    assert snapshot(plans_dir) == before


# --- item 17: init on a read-only plans directory or a full disk -------------------------------------------------


def _half_then_full(monkeypatch) -> None:
    real = Path.write_text

    def write_text(self, data, *args, **kwargs):
        real(self, data[: len(data) // 2], *args, **kwargs)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", write_text)


def _fsync_full(monkeypatch) -> None:
    def fsync(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)


def _no_temp_folder(monkeypatch) -> None:
    import tempfile

    def mkdtemp(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)


def _rename_denied(monkeypatch) -> None:
    def rename(self, target):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "rename", rename)


INIT_FAULTS = {"disk-full-on-write": (_half_then_full, "No space left on device"),
               "disk-full-on-fsync": (_fsync_full, "No space left on device"),
               "read-only-plans-dir": (_no_temp_folder, "Permission denied"),
               "rename-denied": (_rename_denied, "Permission denied")}


@pytest.mark.parametrize("source", ["blank", "from"])
@pytest.mark.parametrize("fault", list(INIT_FAULTS))
def test_init_on_a_failing_disk_says_so_and_leaves_nothing_behind(invoke, plans_dir, monkeypatch, fault, source):
    before = snapshot(plans_dir)
    inject, phrase = INIT_FAULTS[fault]
    inject(monkeypatch)
    extra = ("--from", XKS) if source == "from" else ("--blank",)
    result = clean(invoke("init", "xiaokunshan-15th", *extra, "--plans-dir", str(plans_dir)), 1)
    monkeypatch.undo()
    assert result.stdout == ""
    assert result.stderr.startswith("错误 / Error: ") and phrase in result.stderr
    assert "Nothing was changed" in result.stderr
    assert snapshot(plans_dir) == before
    assert sorted(p.name for p in plans_dir.iterdir()) == [XKS]


def test_init_into_a_read_only_plans_directory_for_an_unprivileged_user(plans_dir):
    prefix = _unprivileged()
    before = snapshot(plans_dir)
    old = stat.S_IMODE(plans_dir.stat().st_mode)
    os.chmod(plans_dir, 0o555)
    try:
        probe = subprocess.run([*prefix, sys.executable, "-c", "import os, sys; sys.exit(os.access(sys.argv[1], os.W_OK))",
                                str(plans_dir)], env=child_env())
        if probe.returncode != 0:
            pytest.skip("this system lets the test user write into a 0o555 folder")
        proc = subprocess.run([*prefix, sys.executable, "-m", "plantrack", "init", "xiaokunshan-15th", "--from", XKS,
                               "--plans-dir", str(plans_dir)], capture_output=True, text=True, encoding="utf-8",
                              env=child_env())
    finally:
        os.chmod(plans_dir, old)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout == "" and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("错误 / Error: ") and "Nothing was changed" in proc.stderr
    assert snapshot(plans_dir) == before


# --- report -o: never over plantrack's own files ---------------------------------------------------------------


@pytest.mark.parametrize("name", [LOCK, ".actuals.toml.abc123.tmp", "notes.toml", "plan.toml.bak", "README",
                                  "report.html.tmp", ".report.html"])
def test_report_o_refuses_a_file_in_a_plan_folder_that_is_not_a_report(invoke, plans_dir, name):
    folder = plans_dir / XKS
    clean(invoke(*RECORD, "--plans-dir", str(plans_dir)), 0)  # the lock file exists, as after any record
    (folder / ".actuals.toml.abc123.tmp").write_text("a writer's temp file", encoding="utf-8")
    before = snapshot(plans_dir)
    for fmt in ("markdown", "html"):
        result = clean(invoke("report", "--plans-dir", str(plans_dir), "--format", fmt, "-o", str(folder / name)), 2)
        assert result.stdout == "" and result.stderr.startswith("错误 / Error: ")
        assert "plan folder" in result.stderr
    assert snapshot(plans_dir) == before


@pytest.mark.parametrize("name", [LOCK, "plan.toml", "actuals.toml"])
def test_report_o_refuses_plantrack_file_names_anywhere(invoke, plans_dir, tmp_path, name):
    target = tmp_path / "elsewhere" / name
    target.parent.mkdir()
    target.write_text("kept", encoding="utf-8")
    result = clean(invoke("report", "--plans-dir", str(plans_dir), "--format", "markdown", "-o", str(target)), 2)
    assert result.stdout == "" and name in result.stderr
    assert target.read_text(encoding="utf-8") == "kept"
    assert sorted(p.name for p in target.parent.iterdir()) == [name]


def test_report_o_through_a_link_to_a_plan_file_is_refused(invoke, plans_dir, tmp_path):
    link = tmp_path / "innocent.html"
    os.symlink(plans_dir / XKS / LOCK, link)
    clean(invoke(*RECORD, "--plans-dir", str(plans_dir)), 0)
    before = snapshot(plans_dir)
    clean(invoke("report", "--plans-dir", str(plans_dir), "--format", "markdown", "-o", str(link)), 2)
    assert snapshot(plans_dir) == before and link.is_symlink()


@pytest.mark.parametrize("name", ["report.html", "report.md", "评估报告.htm", "summary.markdown"])
def test_report_o_may_still_write_a_report_into_a_plan_folder(invoke, plans_dir, name):
    folder = plans_dir / XKS
    fmt = "html" if ".htm" in name else "markdown"
    clean(invoke("report", "--plans-dir", str(plans_dir), "--format", fmt, "-o", str(folder / name)), 0)
    assert (folder / name).is_file()
    clean(invoke("check", str(plans_dir)), 0)


def test_a_link_made_between_the_check_and_the_open_is_not_followed_either(invoke, plans_dir, tmp_path,
                                                                          monkeypatch):
    """The lstat and filelock's open are two steps: a link put in between meets filelock's O_NOFOLLOW, and the
    user gets the same message (simulated by letting the first lstat check pass as if the link came later)."""
    from plantrack import store

    folder = plans_dir / XKS
    outside = tmp_path / "precious.txt"
    outside.write_bytes(b"data")
    os.symlink(outside, folder / LOCK)
    real, calls = store._refuse_odd_lock, []
    monkeypatch.setattr(store, "_refuse_odd_lock", lambda lock: real(lock) if calls.append(lock) or len(calls) > 1
                        else None)
    before = snapshot(plans_dir)
    result = clean(invoke(*RECORD, "--plans-dir", str(plans_dir)), 1)
    assert len(calls) == 2 and "not a regular file" in result.stderr
    assert snapshot(plans_dir) == before and outside.read_bytes() == b"data"


# --- a plan.toml that is not a regular file is named, not skipped ------------------------------------------------

def test_a_plan_toml_that_is_a_fifo_is_named_by_status_and_check(plans_dir):
    """A FIFO named plan.toml used to make its folder silently vanish from every listing ("0 plans")."""
    folder = plans_dir / "fifo-14th"
    folder.mkdir()
    os.mkfifo(folder / "plan.toml")
    # The overview's table says "有错误，请运行 plantrack check"; its JSON and check carry the finding itself.
    for args in (("status", "--plans-dir", str(plans_dir), "--format", "json"), ("check", str(plans_dir))):
        proc = subprocess.run([sys.executable, "-m", "plantrack", *args], capture_output=True, text=True,
                              encoding="utf-8", env=child_env(), timeout=60)
        assert proc.returncode == 1, (args, proc.stdout, proc.stderr)
        assert "Traceback" not in proc.stdout + proc.stderr
        assert "fifo-14th" in proc.stdout + proc.stderr
        assert "not a regular file" in proc.stdout + proc.stderr, (args, proc.stdout, proc.stderr)


def test_import_of_a_fifo_is_refused_without_blocking(plans_dir, tmp_path):
    fifo = tmp_path / "rows.csv"
    os.mkfifo(fifo)
    before = snapshot(plans_dir)
    proc = subprocess.run([sys.executable, "-m", "plantrack", "import", str(fifo), "--plans-dir", str(plans_dir)],
                          capture_output=True, text=True, encoding="utf-8", env=child_env(), timeout=60)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    assert "not a regular file" in proc.stderr
    assert snapshot(plans_dir) == before
