"""Issue 20, item 5: every line of every command within COLUMNS at 60, 80 and 200, measured in terminal cells
(a Chinese character takes two), help included; the help's examples each on a line of their own.

The rule and its exemptions (docs/user-guide.md, "Width"): human text wraps — tables, summary lines, hints,
warnings, help, Click's usage errors on stderr (plantrack's own error messages on a terminal; piped, one line each). A data format's lines are data and are never wrapped,
whatever the width: JSON, JSON Lines, CSV (`status`, `export`), Markdown (`status`, `report`), the JSON Schema,
`check --format github` annotations (a workflow command is one line). For those commands only stdout is exempt:
what they say on stderr is human text like any other. A located finding (`FILE:LINE:COL: field: message`, from
`check` or under an error) is one line too, as a compiler prints it: editors and CI parse it, and
tests/test_hostile_text.py holds that hostile plan text adds no line to `check`'s output.

Each command runs as `python -m plantrack` in a subprocess, so the width comes from COLUMNS as it does for a user.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, XKS
from rich.cells import cell_len

WIDTHS = (60, 80, 200)
CSV = "indicator,year,value,source\nvalue-added-growth,2022,512000,test\n"
LONG = "a/folder/whose/name/is/much/longer/than/any/terminal/is/wide/so/that/the/message/must/break/it/plans"
COMMANDS = ("status", "show", "record", "import", "extract", "history", "export", "check", "schema", "init", "report")

# plantrack's own 错误 / Error messages wrap on a terminal and stay one line when piped (render/errors.py): these
# cases run with stderr on a pseudo-terminal, as a user sees them.
ON_TERMINAL = pytest.mark.stderr_tty
# (arguments, exit code): human text on both streams. Every command of tests/test_anywhere.py, and more.
HUMAN = [
    (["status"], 0), (["status", "--lang", "en"], 0), (["status", "--matrix"], 0),
    (["status", "--fail-on", "behind"], 1), (["status", "--fail-on", "behind", "--lang", "en"], 1),
    (["show", "1"], 0), (["show", "1", "--lang", "en"], 0), (["history", "1"], 0),
    (["record", "1", "2022", "512000", "--dry-run"], 0), (["import", "in.csv", "--dry-run"], 0),
    (["check"], 0), (["check", "broken"], 1), (["check", "empty"], 1),
    (["init", "--plans-dir", "{fresh}", "new-town-15th", "--blank"], 0),
    (["init", "--plans-dir", "{fresh}", "--example"], 0),
    # refused by Click (usage errors, wrapped by cli/helptext.py) and by plantrack (a PlantrackError, not yet)
    (["record", "1", "2022"], 2), (["status", "--fail-on", "ahead"], 2), (["record", "1"], 2), (["frobnicate"], 2),
    *[pytest.param(args, 2, marks=ON_TERMINAL) for args in (["status", "--plan", "nope"], ["show", "no-such"],
      ["status", "--plans-dir", LONG], ["record", "1", "2022", "abc"], ["init", "--plans-dir", "{fresh}"])],
    # help: the app's and every command's (-h is compared with --help below)
    (["--help"], 0), *[([name, "--help"], 0) for name in COMMANDS],
]
# Data on stdout (exempt), anything on stderr is human text.
DATA = [["status", "--format", "json"], ["status", "--format", "csv"], ["status", "--format", "jsonl"],
        ["status", "--format", "markdown"], ["export"], ["check", "broken", "--format", "github"],
        ["check", "broken", "--format", "json"], ["schema"], ["report", "--format", "markdown"]]


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with plans/, in.csv, broken/ (a plan with errors) and empty/ (no plans); made once."""
    root = tmp_path_factory.mktemp("widths")
    shutil.copytree(REPO / "plans", root / "plans")
    (root / "in.csv").write_text(CSV, encoding="utf-8")
    shutil.copytree(REPO / "plans" / XKS, root / "broken" / XKS)
    plan = root / "broken" / XKS / "plan.toml"
    text = plan.read_text(encoding="utf-8").replace("no = 3\n", 'no = "x"\n', 1).replace('unit = "%"', 'unit = "公斤每平方公里"', 1)
    plan.write_text(text, encoding="utf-8")
    (root / "empty").mkdir()
    return root


_RUNS: dict[tuple[str, ...], subprocess.CompletedProcess[bytes]] = {}


def run(args: list[str], cwd: Path, columns: int, tty: bool = False) -> subprocess.CompletedProcess[bytes]:
    """`plantrack ARGS` at COLUMNS=columns (remembered: the help examples test reads the same help again);
    with `tty`, stderr is a pseudo-terminal."""
    key = (str(cwd), str(columns), str(tty), *args)
    if key not in _RUNS:
        env = {k: v for k, v in os.environ.items() if k not in ("PLANTRACK_PLANS_DIR", "FORCE_COLOR")}
        env.update(COLUMNS=str(columns), NO_COLOR="1", PYTHONIOENCODING="utf-8")
        command = [sys.executable, "-m", "plantrack", *args]
        if not tty:
            _RUNS[key] = subprocess.run(command, capture_output=True, cwd=cwd, env=env, timeout=300,
                                        stdin=subprocess.DEVNULL)
        else:
            _RUNS[key] = _on_terminal(command, cwd, env)
    return _RUNS[key]


def _on_terminal(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    import pty
    import threading

    leader, follower = pty.openpty()
    got: list[bytes] = []

    def read() -> None:
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the terminal's other side closed
                return
            if not chunk:
                return
            got.append(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    process = subprocess.run(command, stdout=subprocess.PIPE, stderr=follower, stdin=subprocess.DEVNULL, cwd=cwd,
                             env=env, timeout=300)
    os.close(follower)
    reader.join(timeout=30)
    os.close(leader)
    # The terminal's own line ends, and no styles: NO_COLOR drops colour, not bold (no-color.org).
    stderr = re.sub(rb"\x1b\[[0-9;]*m", b"", b"".join(got).replace(b"\r\n", b"\n"))
    return subprocess.CompletedProcess(command, process.returncode, process.stdout, stderr)


FINDING = re.compile(r"^\S+:\d+:\d+: ")  # FILE:LINE:COL: … (a path without spaces: the test's own folders)


def too_wide(text: str, columns: int) -> list[str]:
    return [f"{cell_len(line)} cells: {line}" for line in text.splitlines()
            if cell_len(line) > columns and not FINDING.match(line)]


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("args, code", HUMAN, ids=[" ".join(getattr(c, "values", c)[0])[:60] for c in HUMAN])
def test_every_line_fits_the_width_in_terminal_cells(work, tmp_path, args, code, columns, request):
    args = [a.replace("{fresh}", str(tmp_path / "plans")) for a in args]
    result = run(args, work, columns, tty=bool(request.node.get_closest_marker("stderr_tty")))
    out, err = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    assert result.returncode == code, (args, out, err)
    assert "Traceback" not in err, err
    assert out or err, "the command said nothing: it tests nothing"
    assert "\b" not in out + err  # Click's no-rewrap mark is read, never printed
    lines = too_wide(out, columns) + too_wide(err, columns)
    assert not lines, "\n".join(lines)


@pytest.mark.parametrize("args", DATA, ids=" ".join)
def test_data_formats_are_never_wrapped_and_their_stderr_is(work, args):
    narrow, wide = run(args, work, 60), run(args, work, 200)
    if "github" in args:  # the annotations are data; check's summary line after them is text, and wraps
        def split(out: bytes) -> tuple[list[str], list[str]]:
            lines = out.decode("utf-8").splitlines()
            return [l for l in lines if l.startswith("::")], [l for l in lines if not l.startswith("::")]

        (commands, text), (wide_commands, _) = split(narrow.stdout), split(wide.stdout)
        assert commands and commands == wide_commands and not too_wide("\n".join(text), 60)
    else:
        assert narrow.stdout and narrow.stdout == wide.stdout, args  # the same data whatever the width
    assert not too_wide(narrow.stderr.decode("utf-8"), 60)


def test_the_exemption_is_needed(work):
    # A JSON Lines record or an export row is longer than 60 cells: wrapping it would break the data.
    for args in (["status", "--format", "jsonl"], ["export"]):
        assert max(map(cell_len, run(args, work, 60).stdout.decode("utf-8").splitlines())) > 60, args


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_dash_h_is_help(work, name):
    args = [name] if name else []
    assert run([*args, "-h"], work, 60).stdout == run([*args, "--help"], work, 60).stdout


def _examples(name: str) -> list[str]:
    """The example command lines of `name`'s docstring (its `\\b` block that starts "Example:")."""
    import typer

    from plantrack.cli.app import app

    doc = typer.main.get_command(app).commands[name].help or ""  # type: ignore[attr-defined]
    block = doc.split("Example:", 1)[1].split("\n\n", 1)[0]
    return [" ".join(line.split()) for line in block.splitlines() if line.strip().startswith("plantrack ")]


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("name", COMMANDS)
def test_each_help_example_is_a_line_of_its_own(work, name, columns):
    """Each example starts a line and nothing else shares its lines: a wrapped example goes on, indented, on
    the next line. On main the examples of record and check ran together into one paragraph."""
    examples = _examples(name)
    assert examples, name
    lines = [line.strip().removeprefix("Example:").strip() for line in
             run([name, "--help"], work, columns).stdout.decode().splitlines()]
    for example in examples:
        assert any(_runs(lines, start, example) for start in range(len(lines))), (example, lines)
    assert not [line for line in lines if len(re.findall(r"\bplantrack \w", line)) > 1]


def _runs(lines: list[str], start: int, example: str) -> bool:
    """Whether the example starts at lines[start] and ends at the end of a line (after its continuations)."""
    joined = " ".join(lines[start].split())
    for line in lines[start + 1:]:
        if not joined or len(joined) >= len(example):
            break
        joined = f"{joined} {' '.join(line.split())}"
    return joined == example


def test_the_width_follows_columns(work):
    # The same summary line wraps at 60 and stays one line at 200: the width really comes from COLUMNS.
    summary = [run(["status"], work, c).stdout.decode().splitlines() for c in (60, 200)]
    assert any(line.startswith("截至") and "暂无数据" in line for line in summary[1])
    assert not any(line.startswith("截至") and "暂无数据" in line for line in summary[0])


def test_a_piped_error_message_stays_one_line_and_wraps_on_a_terminal(work):
    """Piped (CI, pre-commit, a script), an error is one line that tools and grep read whole; on a terminal
    the same words wrap at its width, continuation lines indented."""
    piped, shown = run(["show", "no-such"], work, 60), run(["show", "no-such"], work, 60, tty=True)
    assert piped.returncode == shown.returncode == 2
    one = piped.stderr.decode("utf-8").splitlines()
    wrapped = shown.stderr.decode("utf-8").splitlines()
    assert len(one) == 2 and all(cell_len(line) > 60 for line in one)  # the message's own two lines, whole
    assert len(wrapped) > 4 and all(cell_len(line) <= 60 for line in wrapped)
    assert all(line.startswith("  ") for line in wrapped[1:] if not line.startswith("可用"))
    assert "".join("".join(one).split()) == "".join("".join(wrapped).split())  # the same words
