"""Issue 25, where output goes and what is read on the way: `-o` onto links, FIFOs and devices (item 4), FIFOs in
the cache folder (item 10), `report --template` (item 11), a full disk or a closed pipe on stdout (item 14).

Nothing here touches the machine's own /dev/stdout or /dev/full as a file to be replaced: every link, FIFO and
device path is made inside tmp_path (a link to /dev/null, os.mkfifo, a link to /dev/full). /dev/full is opened
only as a child's standard output, which is safe. Commands that could hang run in a child process with a
timeout, so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, XKS, snapshot

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, /dev/full and links are POSIX")

RECORD = ("record", "tech-listings", "2022", "1", "--source", "S")


def _cli(*args: str, cwd: Path, stdout: object = subprocess.PIPE, timeout: float = 30,
         env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """plantrack in a child process (the real entry point), with a timeout so that a hang fails the test."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "PYTHONPATH": str(REPO / "src"), **(env_extra or {})}
    env.pop("PLANTRACK_PLANS_DIR", None)
    try:
        return subprocess.run([sys.executable, "-m", "plantrack", *args], cwd=cwd, env=env, stdout=stdout,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"plantrack {' '.join(args)} hung (killed after {timeout} s)")


def _no_traceback(proc: subprocess.CompletedProcess[bytes]) -> str:
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err and "Exception ignored" not in err, err
    return err


# --- item 10: a FIFO in the cache folder ------------------------------------------------------------------------


def _cache_entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.iterdir() if p.name.endswith(".pickle"))


@pytest.mark.parametrize("command", [("status",), ("status", "--format", "json"), RECORD, ("show", "tech-listings")])
def test_a_fifo_at_a_cache_entry_path_is_a_miss_not_a_hang(plans_dir, tmp_path, command):
    cache = tmp_path / "cache"
    env = {"PLANTRACK_CACHE_DIR": str(cache)}
    first = _cli("status", "--plans-dir", str(plans_dir), cwd=tmp_path, env_extra=env)
    assert first.returncode == 0, first.stderr
    entries = _cache_entries(cache)
    assert entries  # the plan's entry, at the exact path the next command reads
    for entry in entries:
        entry.unlink()
        os.mkfifo(entry, 0o600)
    proc = _cli(*command, "--plans-dir", str(plans_dir), cwd=tmp_path, env_extra=env)
    _no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout  # the command did its work from the files (a miss)


def test_a_link_at_a_cache_entry_path_is_not_followed(plans_dir, tmp_path):
    """An entry is read without following a link: a link to a real entry (ours, 0600) is still a miss."""
    from plantrack import cache
    from plantrack.loader import file_bytes

    os.environ["PLANTRACK_CACHE_DIR"] = str(tmp_path / "cache")  # conftest's monkeypatch restores it
    folder = plans_dir / XKS
    first = _cli("status", "--plans-dir", str(plans_dir), cwd=tmp_path)
    assert first.returncode == 0
    files, _ = file_bytes(folder)
    assert cache.get(folder, files) is not None
    (entry,) = _cache_entries(tmp_path / "cache")
    real = entry.with_name("elsewhere.bin")
    entry.rename(real)
    entry.symlink_to(real)
    assert cache.get(folder, files) is None


def _docx_cli(plans_dir: Path, tmp_path: Path, template: Path) -> subprocess.CompletedProcess[bytes]:
    return _cli("report", "--plans-dir", str(plans_dir), "-o", str(tmp_path / "out.docx"), "--template",
                str(template), cwd=tmp_path)


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _link_to_dev_null(path: Path) -> Path:
    path.symlink_to(os.devnull)  # a character device that reads as empty: safe even if it were read
    return path


def _sparse(path: Path) -> Path:
    with open(path, "wb") as handle:  # 21 MB that take no room: past the 20 MB cap, never read
        handle.truncate(21 * 1024 * 1024)
    return path


@pytest.mark.parametrize(("make", "says"), [
    (_fifo, "not a regular file"),
    (_link_to_dev_null, "not a regular file"),
    (_sparse, "file too large (22020096 bytes, limit 20971520)"),
], ids=["fifo", "device", "too-large"])
def test_a_template_that_is_not_a_plain_file_is_refused_unread(plans_dir, tmp_path, make, says):
    pytest.importorskip("docx")
    template = make(tmp_path / "template.docx")
    proc = _docx_cli(plans_dir, tmp_path, template)
    err = _no_traceback(proc)
    assert proc.returncode == 2, err
    assert err.startswith("错误 / Error: 无法使用模板 ") and "template.docx" in err and says in err, err
    assert not (tmp_path / "out.docx").exists()


def _template_with_wrong_style_types(path: Path) -> Path:
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document()
    doc.styles["Heading 1"].element.set(qn("w:type"), "character")
    doc.styles["Table Grid"].element.set(qn("w:type"), "paragraph")
    doc.save(str(path))
    return path


def test_a_template_style_of_the_wrong_type_falls_back_with_a_note(plans_dir, tmp_path):
    docx = pytest.importorskip("docx")
    pytest.importorskip("matplotlib")
    proc = _docx_cli(plans_dir, tmp_path, _template_with_wrong_style_types(tmp_path / "template.docx"))
    err = _no_traceback(proc)
    assert proc.returncode == 0, err
    assert err.count('the template\'s style "Heading 1" is not a paragraph style') == 1, err
    assert err.count('the template\'s style "Table Grid" is not a table style') == 1, err
    made = docx.Document(str(tmp_path / "out.docx"))
    assert made.tables and all(t.style is None or t.style.name != "Table Grid" for t in made.tables)
    assert all(p.style.name != "Heading 1" for p in made.paragraphs)


# --- item 14: a full disk or a closed pipe on standard output ---------------------------------------------------

FULL = "错误 / Error: 无法写出输出：磁盘已满，输出不完整 / the output could not be written: the disk is full; it is incomplete\n"
TO_STDOUT = [("status",), ("status", "--format", "json"), ("status", "--format", "csv"), ("status", "--format", "markdown"),
             ("export",), ("export", "--format", "json"), ("export", "--all", "--format", "jsonl"),
             ("report", "--format", "markdown"), ("show", "tech-listings")]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("command", [*TO_STDOUT, ("--version",)], ids=" ".join)
def test_output_to_a_full_disk_is_one_line_and_exit_1(plans_dir, tmp_path, command):
    args = command if command == ("--version",) else (*command, "--plans-dir", str(plans_dir))
    with open("/dev/full", "wb") as full:  # opened as the child's stdout only: nothing is replaced
        proc = _cli(*args, cwd=tmp_path, stdout=full)
    assert proc.returncode == 1
    assert _no_traceback(proc) == FULL


@pytest.mark.parametrize("command", TO_STDOUT, ids=" ".join)
def test_a_closed_pipe_on_stdout_exits_1_quietly(plans_dir, tmp_path, command):
    """Decided (and kept from before): the reader left, as with `| head -c1`: exit 1, nothing on stderr. The read
    end is closed before the child starts, so every write meets EPIPE, whatever the timing."""
    read, write = os.pipe()
    os.close(read)
    try:
        proc = _cli(*command, "--plans-dir", str(plans_dir), cwd=tmp_path, stdout=write)
    finally:
        os.close(write)
    assert proc.returncode == 1
    assert _no_traceback(proc) == ""


# --- item 4: -o onto links, FIFOs and devices -------------------------------------------------------------------

# Each way to produce output with -o; "{out}" is the -o path. The text formats only: the same bytes reach stdout.
WRITERS = {
    "export": ("export", "-o", "{out}"),
    "export --all": ("export", "--all", "--format", "jsonl", "-o", "{out}"),
    "export --what status": ("export", "--what", "status", "--format", "json", "-o", "{out}"),
    "report markdown": ("report", "--format", "markdown", "-o", "{out}"),
    "report html": ("report", "--format", "html", "-o", "{out}"),
}


def _writer(name: str, plans_dir: Path, out: Path) -> tuple[str, ...]:
    if name == "report html":
        pytest.importorskip("matplotlib")
    return (*(a.format(out=out) for a in WRITERS[name]), "--plans-dir", str(plans_dir))


def _to_stdout(name: str, plans_dir: Path, tmp_path: Path) -> bytes:
    proc = _cli(*_writer(name, plans_dir, Path("-")), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _still_a_link(path: Path, target: str) -> None:
    assert path.is_symlink() and os.readlink(path) == target  # never replaced by a regular file


@pytest.mark.parametrize("name", WRITERS)
def test_o_onto_a_link_to_this_processs_stdout_writes_to_stdout(plans_dir, tmp_path, name):
    """`ln -s /proc/self/fd/1 stdout; plantrack export -o stdout` wrote 0 bytes, exit 0, and replaced the link:
    a path that is the process's own standard output (as /dev/stdout is) is written as "-"."""
    if not os.path.exists("/proc/self/fd/1"):
        pytest.skip("needs /proc/self/fd")
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    expected = _to_stdout(name, plans_dir, tmp_path)
    proc = _cli(*_writer(name, plans_dir, link), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    _no_traceback(proc)
    assert proc.stdout == expected and len(expected) > 1000
    _still_a_link(link, "/proc/self/fd/1")


@pytest.mark.parametrize("name", WRITERS)
def test_o_onto_a_fifo_writes_through_it(plans_dir, tmp_path, name):
    """The FIFO is written into, never replaced. Its read end is opened first (non-blocking), so the child's open
    for writing finds a reader; a thread drains it meanwhile (an HTML report is more than a pipe's buffer)."""
    import select
    import threading

    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    expected = _to_stdout(name, plans_dir, tmp_path)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    chunks: list[bytes] = []
    done = threading.Event()

    def drain() -> None:
        while True:
            ready, _, _ = select.select([reader], [], [], 0.05)
            block = os.read(reader, 1 << 16) if ready else b""
            chunks.append(block)
            if not block and done.is_set():
                return

    thread = threading.Thread(target=drain)
    thread.start()
    try:
        proc = _cli(*_writer(name, plans_dir, fifo), cwd=tmp_path)
    finally:
        done.set()
        thread.join()
        os.close(reader)
    got = b"".join(chunks)
    assert proc.returncode == 0, proc.stderr
    _no_traceback(proc)
    assert got == expected
    assert fifo.is_fifo()


@pytest.mark.parametrize("name", WRITERS)
def test_o_onto_a_link_to_a_device_writes_through_and_keeps_the_link(plans_dir, tmp_path, name):
    link = tmp_path / "null.out"
    link.symlink_to(os.devnull)
    proc = _cli(*_writer(name, plans_dir, link), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b"" and _no_traceback(proc) == ""
    _still_a_link(link, os.devnull)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("name", WRITERS)
def test_o_onto_a_full_device_says_so_and_exits_1(plans_dir, tmp_path, name):
    """Success is never reported for output that went nowhere: a link (in tmp_path) to /dev/full gives ENOSPC."""
    link = tmp_path / "full.out"
    link.symlink_to("/dev/full")
    proc = _cli(*_writer(name, plans_dir, link), cwd=tmp_path)
    assert proc.returncode == 1
    assert _no_traceback(proc) == (f"错误 / Error: 无法写入 {link}：磁盘已满，写入的内容不完整 / could not write to {link}: "
                                   "the disk is full; what it received is incomplete\n")
    _still_a_link(link, "/dev/full")


@pytest.mark.parametrize("name", WRITERS)
def test_o_onto_a_link_to_a_regular_file_replaces_that_file_and_keeps_the_link(plans_dir, tmp_path, name):
    """Decided: a link to a regular file is followed; the file it leads to is replaced atomically in its own
    folder (keeping its mode), the link stays as it was."""
    (tmp_path / "kept").mkdir()
    real = tmp_path / "kept" / "real.out"
    real.write_bytes(b"old\n")
    real.chmod(0o640)
    link = tmp_path / "link.out"
    link.symlink_to(real)
    expected = _to_stdout(name, plans_dir, tmp_path)
    proc = _cli(*_writer(name, plans_dir, link), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""
    _still_a_link(link, str(real))
    if name != "report html":  # the HTML report's bytes carry no time, but compare the text formats exactly
        assert real.read_bytes() == expected
    assert oct(real.stat().st_mode & 0o777) == oct(0o640)
    assert sorted(p.name for p in real.parent.iterdir()) == ["real.out"]  # no temp file left


@pytest.mark.parametrize("name", WRITERS)
def test_o_onto_a_link_to_nothing_is_refused_and_creates_nothing(plans_dir, tmp_path, name):
    link = tmp_path / "dangling.out"
    link.symlink_to(tmp_path / "elsewhere" / "made.out")
    (tmp_path / "elsewhere").mkdir()
    proc = _cli(*_writer(name, plans_dir, link), cwd=tmp_path)
    assert proc.returncode == 2
    err = _no_traceback(proc)
    assert "is a link to a file that does not exist" in err and "dangling.out" in err
    assert list((tmp_path / "elsewhere").iterdir()) == []
    _still_a_link(link, str(tmp_path / "elsewhere" / "made.out"))


@pytest.mark.parametrize("name", ["export", "export --all", "export --what status"])
@pytest.mark.parametrize("own", ["actuals.toml", "plan.toml", ".plantrack.lock"])
def test_export_o_never_replaces_a_plan_file(plans_dir, tmp_path, name, own):
    """export -o plans/<plan>/actuals.toml replaced the recorded actuals with a CSV: every -o now refuses
    plantrack's own files, as report -o did."""
    target = plans_dir / XKS / own
    if not target.exists():
        target.write_text("", encoding="utf-8")
    before = snapshot(plans_dir)
    proc = _cli(*_writer(name, plans_dir, target), cwd=tmp_path)
    assert proc.returncode == 2
    assert own in _no_traceback(proc)
    assert snapshot(plans_dir) == before
