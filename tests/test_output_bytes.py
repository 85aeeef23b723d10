"""Issue 29, item 1: data formats are bytes, not console text. Under a GBK console (PYTHONIOENCODING=gbk, as a
Chinese Windows PC redirects), `plantrack export > g.csv` began `?pl` (the BOM replaced by "?") and import
refused it, `schema plan >` gave a file Taplo could not read, `status --format json >` wrote GBK. Every data
format on standard output is now UTF-8 bytes: byte for byte what -o writes, or (for the commands without -o)
what a UTF-8 console gets; human text (tables, messages) still follows the console.

Each command runs in a child process (the real entry point) with its standard output redirected to a file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, XKS

GBK = {"PYTHONIOENCODING": "gbk"}
UTF8 = {"PYTHONIOENCODING": "utf-8"}

# The command, and its -o twin's extra arguments ("{out}" is the file); None: no -o, compared with a UTF-8 console.
CASES = {
    "export csv": (("export",), ("-o", "{out}")),
    "export csv --no-bom": (("export", "--no-bom"), ("-o", "{out}")),
    "export json": (("export", "--format", "json"), ("-o", "{out}")),
    "export wide csv": (("export", "--layout", "wide"), ("-o", "{out}")),
    "export --with-history csv": (("export", "--with-history"), ("-o", "{out}")),
    "export --all jsonl": (("export", "--all", "--format", "jsonl"), ("-o", "{out}")),
    "export --all csv": (("export", "--all"), ("-o", "{out}")),
    "export status csv": (("export", "--what", "status", "--format", "csv"), ("-o", "{out}")),
    "export status json": (("export", "--what", "status", "--format", "json"), ("-o", "{out}")),
    "export xlsx": (("export", "--format", "xlsx"), ("-o", "{out}")),
    "report markdown": (("report", "--format", "markdown"), ("-o", "{out}.md")),
    "report html": (("report", "--format", "html"), ("-o", "{out}.html")),
    "schema plan": (("schema", "plan"), ("-o", "{out}")),
    "schema actuals": (("schema", "actuals"), ("-o", "{out}")),
    "schema status": (("schema", "status"), ("-o", "{out}")),
    "status json": (("status", "--format", "json"), None),
    "status csv": (("status", "--format", "csv"), None),
    "status jsonl": (("status", "--format", "jsonl"), None),
    "status markdown": (("status", "--format", "markdown"), None),
    "check json": (("check", "--format", "json"), None),
    "check github": (("check", "--format", "github"), None),
    "show json": (("show", "value-added-growth", "--format", "json"), None),
    "history json": (("history", "value-added-growth", "--format", "json"), None),
}
# Commands over a folder of several plans (the overview and the matrix): the district of the tests.
OVERVIEW = {
    "overview json": ("status", "--format", "json"),
    "overview csv": ("status", "--format", "csv"),
    "overview jsonl": ("status", "--format", "jsonl"),
    "overview markdown": ("status", "--format", "markdown"),
    "matrix csv": ("status", "--matrix", "--format", "csv"),
    "matrix json": ("status", "--matrix", "--format", "json"),
    "matrix markdown": ("status", "--matrix", "--format", "markdown"),
}


def _cli(args: tuple[str, ...], cwd: Path, env: dict[str, str], stdout: object = subprocess.PIPE,
         ) -> subprocess.CompletedProcess[bytes]:
    full = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "PYTHONPATH": str(REPO / "src"), **env}
    full.pop("PLANTRACK_PLANS_DIR", None)
    return subprocess.run([sys.executable, "-m", "plantrack", *args], cwd=cwd, env=full, stdout=stdout,
                          stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=300)


def _redirected(args: tuple[str, ...], cwd: Path, env: dict[str, str], name: str) -> bytes:
    """`plantrack ARGS > name`: the bytes that reach the file."""
    target = cwd / name
    with target.open("wb") as out:
        proc = _cli(args, cwd, env, stdout=out)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    assert proc.returncode in (0, 1), proc.stderr.decode("gbk", "replace")  # 1: a finding (check), not a failure
    return target.read_bytes()


def _twin(case: str, args: tuple[str, ...], twin: tuple[str, ...] | None, cwd: Path) -> bytes:
    """What -o writes (or, for a command without -o, what a UTF-8 console gets)."""
    if twin is None:
        return _redirected(args, cwd, UTF8, "utf8.out")
    out = cwd / case.replace(" ", "_")
    extra = tuple(a.format(out=out) for a in twin)
    proc = _cli((*args, *extra), cwd, GBK)
    assert proc.returncode == 0 and proc.stdout == b"", proc.stderr.decode("gbk", "replace")
    return Path(extra[-1]).read_bytes()


@pytest.mark.parametrize("case", CASES)
def test_a_redirected_data_format_under_gbk_is_its_o_twin_byte_for_byte(plans_dir, tmp_path, case):
    args, twin = CASES[case]
    if case == "report html":
        pytest.importorskip("matplotlib")
    if args[0] != "schema":
        args = (*args, "--plans-dir", str(plans_dir))
    got = _redirected(args, tmp_path, GBK, "gbk.out")
    expected = _twin(case, args, twin, tmp_path)
    assert len(expected) > 50
    if case == "export xlsx":
        assert _parts(got) == _parts(expected)
    else:
        assert got == expected
    if "csv" in case and "--no-bom" not in args and not case.startswith("status"):
        assert got.startswith("\ufeff".encode())  # the BOM Excel needs, as UTF-8 (was "?")
    if case.startswith("status csv"):
        assert got.startswith(b"plan,as_of,")  # decided: status --format csv has no BOM (docs/status-json.md)


@pytest.mark.parametrize("case", OVERVIEW)
def test_the_overview_and_matrix_under_gbk_are_the_utf8_bytes(tmp_path, case):
    district = tmp_path / "plans"
    shutil.copytree(REPO / "tests" / "fixtures" / "district", district)
    args = (*OVERVIEW[case], "--plans-dir", str(district))
    got = _redirected(args, tmp_path, GBK, "gbk.out")
    assert got == _redirected(args, tmp_path, UTF8, "utf8.out")
    assert "松江".encode() in got or "sijing".encode() in got


def test_the_csv_saved_with_a_redirect_under_gbk_imports_again(plans_dir, tmp_path):
    """Measured before: `import g.csv` failed with 未知列 / unknown: ?plan."""
    saved = _redirected(("export", "--plans-dir", str(plans_dir)), tmp_path, GBK, "g.csv")
    assert saved.startswith(b"\xef\xbb\xbf")
    proc = _cli(("import", "g.csv", "--plans-dir", str(plans_dir), "--dry-run"), tmp_path, GBK)
    assert proc.returncode == 0, proc.stderr.decode("gbk", "replace")
    assert "未知".encode("gbk") not in proc.stderr


@pytest.mark.parametrize("case", [c for c in CASES if "json" in c and "jsonl" not in c and "schema" not in c])
def test_redirected_json_under_gbk_loads(plans_dir, tmp_path, case):
    args, _ = CASES[case]
    data = json.loads(_redirected((*args, "--plans-dir", str(plans_dir)), tmp_path, GBK, "out.json").decode("utf-8"))
    assert data


def test_redirected_json_lines_under_gbk_load_line_by_line(plans_dir, tmp_path):
    for args in (("status", "--format", "jsonl"), ("export", "--all", "--format", "jsonl")):
        text = _redirected((*args, "--plans-dir", str(plans_dir)), tmp_path, GBK, "out.jsonl").decode("utf-8")
        records = [json.loads(line) for line in text.splitlines()]
        assert len(records) >= 14 and all(r["plan"] == XKS for r in records)


def test_show_and_history_json_are_the_status_records_with_the_entries(plans_dir, tmp_path):
    """Item 7: show --format json is the indicator's line of status --format jsonl, plus schema_version; history
    adds every entry with its revisions."""
    base = ("--plans-dir", str(plans_dir))
    lines = _redirected(("status", "--format", "jsonl", *base), tmp_path, GBK, "s.jsonl").decode("utf-8")
    status = next(r for r in map(json.loads, lines.splitlines()) if r["id"] == "value-added-growth")
    show = json.loads(_redirected(("show", "1", "--format", "json", *base), tmp_path, GBK, "show.json"))
    assert show == {"schema_version": 2, **status}
    history = json.loads(_redirected(("history", "1", "--format", "json", *base), tmp_path, GBK, "h.json"))
    assert {k: v for k, v in history.items() if k != "entries"} == show
    assert [e["year"] for e in history["entries"]] == [2016, 2017, 2018, 2019, 2020, 2021]
    assert history["entries"][5]["value"] == 48.9 and history["entries"][5]["unit"] == "亿元"
    assert history["entries"][5]["revisions"] == [] and history["entries"][5]["removed"] is None


def test_history_json_lists_a_revision_oldest_first(plans_dir, tmp_path):
    base = ("--plans-dir", str(plans_dir))
    for value, source in (("1", "第一次"), ("2", "第二次"), ("3", "第三次")):
        proc = _cli(("record", "tech-listings", "2022", value, "--source", source, "--force", *base), tmp_path, UTF8)
        assert proc.returncode == 0, proc.stderr.decode()
    history = json.loads(_redirected(("history", "tech-listings", "--format", "json", *base), tmp_path, GBK, "h"))
    entry = next(e for e in history["entries"] if e["year"] == 2022)
    assert (entry["value"], entry["source"]) == (3, "第三次")
    assert [(r["value"], r["source"]) for r in entry["revisions"]] == [(1, "第一次"), (2, "第二次")]
    assert all(r["replaced_at"] for r in entry["revisions"])


@pytest.mark.parametrize("how", ["redirect", "-o"])
def test_the_schema_saved_under_gbk_is_read_by_taplo(plans_dir, tmp_path, how):
    """Measured before: `schema plan > plantrack-plan.schema.json` gave `invalid unicode code point` in Taplo."""
    from test_schema_editor import _taplo

    taplo = _taplo()
    schema = tmp_path / "plantrack-plan.schema.json"
    if how == "redirect":
        _redirected(("schema", "plan"), tmp_path, GBK, schema.name)
    else:
        assert _cli(("schema", "plan", "-o", schema.name), tmp_path, GBK).returncode == 0
    plan = plans_dir / XKS / "plan.toml"
    proc = subprocess.run([taplo, "check", "--schema", f"file://{schema}", str(plan)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0 and "invalid unicode" not in proc.stderr, proc.stderr
    plan.write_text(plan.read_text(encoding="utf-8").replace("target = 6\n", 'target = "六"\n', 1), encoding="utf-8")
    broken = subprocess.run([taplo, "check", "--schema", f"file://{schema}", str(plan)], capture_output=True,
                            text=True, timeout=120)
    assert broken.returncode != 0  # the schema is really applied, not skipped


def test_schema_o_follows_the_rule_of_every_o(plans_dir, tmp_path):
    """schema -o refuses plantrack's own files and folders, like every -o (render/destination.py)."""
    own = plans_dir / XKS / "plan.toml"
    before = own.read_bytes()
    proc = _cli(("schema", "plan", "-o", str(own)), tmp_path, UTF8)
    assert proc.returncode == 2 and own.read_bytes() == before
    assert _cli(("schema", "plan", "-o", str(tmp_path)), tmp_path, UTF8).returncode == 2


def test_human_text_still_follows_a_gbk_console(plans_dir, tmp_path):
    """Only the data formats are UTF-8: the table is GBK (with the ASCII look-alikes of cli/encoding.py)."""
    table = _redirected(("status", "--plans-dir", str(plans_dir)), tmp_path, GBK, "table.txt")
    assert "小昆山镇".encode("gbk") in table
    table.decode("gbk")  # strictly GBK: no UTF-8 byte run in it
    with pytest.raises(UnicodeDecodeError):
        table.decode("utf-8")
    json_out = _redirected(("status", "--format", "json", "--plans-dir", str(plans_dir)), tmp_path, GBK, "s.json")
    assert "小昆山镇".encode("utf-8") in json_out


# --- item 7: what a terminal and a pipe get ---------------------------------------------------------------------


def _on_a_terminal(args: tuple[str, ...], cwd: Path, env: dict[str, str] = UTF8) -> tuple[int, bytes, str]:
    """Run with standard output on a pseudo-terminal: the exit code, what reached the terminal, stderr."""
    pty = pytest.importorskip("pty")
    main, child = pty.openpty()
    try:
        proc = _cli(args, cwd, env, stdout=child)
    finally:
        os.close(child)
    shown = b""
    try:
        while chunk := os.read(main, 65536):
            shown += chunk
    except OSError:  # EIO: the child side is closed and everything was read
        pass
    os.close(main)
    return proc.returncode, shown, proc.stderr.decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_an_html_report_is_refused_on_a_terminal_with_the_way_to_write_it(plans_dir, tmp_path):
    """Measured before: `plantrack report` on a terminal printed 182 898 bytes of HTML."""
    code, shown, err = _on_a_terminal(("report", "--plans-dir", str(plans_dir)), tmp_path)
    assert code == 2 and shown == b""
    assert "-o 报告.html" in err and "--format markdown" in err
    code, shown, _ = _on_a_terminal(("report", "--format", "markdown", "--plans-dir", str(plans_dir)), tmp_path)
    assert code == 0 and "小昆山镇".encode() in shown  # Markdown is for reading: it still prints


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_data_read_on_a_terminal_follows_its_encoding(plans_dir, tmp_path):
    """Decided: a terminal is read by a person, so data shown there is text in the console's encoding."""
    code, shown, _ = _on_a_terminal(("status", "--format", "json", "--plans-dir", str(plans_dir)), tmp_path, GBK)
    assert code == 0 and "小昆山镇".encode("gbk") in shown and "小昆山镇".encode("utf-8") not in shown


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_an_xlsx_to_a_terminal_is_refused(plans_dir, tmp_path):
    code, shown, err = _on_a_terminal(("export", "--format", "xlsx", "-o", "-", "--plans-dir", str(plans_dir)),
                                      tmp_path)
    assert code == 2 and shown == b"" and "give -o FILE.xlsx" in err


@pytest.mark.parametrize("dash", [("-o", "-"), ()], ids=["-o -", "no -o"])
def test_an_xlsx_into_a_pipe_is_the_workbook(plans_dir, tmp_path, dash):
    """Measured before: `export --format xlsx -o - | cat > x.xlsx` was refused as "a terminal" (exit 2)."""
    base = ("export", "--format", "xlsx", "--plans-dir", str(plans_dir))
    piped = _cli((*base, *dash), tmp_path, GBK)
    assert piped.returncode == 0, piped.stderr.decode("gbk", "replace")
    assert _cli((*base, "-o", "x.xlsx"), tmp_path, GBK).returncode == 0
    assert piped.stdout.startswith(b"PK\x03\x04")
    assert _parts(piped.stdout) == _parts((tmp_path / "x.xlsx").read_bytes())


def _parts(workbook: bytes) -> dict[str, bytes]:
    """A workbook's parts, less the one that holds the second it was made in (openpyxl's docProps/core.xml)."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(workbook)) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}
