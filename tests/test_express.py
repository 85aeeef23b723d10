"""The express lane (cli/express.py) runs `status` without typer; it must be invisible to users.

- Whatever argument list the lane accepts, Typer turns into the very same call of run_status (checked over
  generated argument lists: valid and invalid options, values, forms, the PLANTRACK_PLANS_DIR variable).
- What it declines, Typer answers (help, errors) — and the everyday forms are accepted, so the lane is used.
- Output and exit codes are byte-for-byte those of the Typer command, for results and for refusals.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import XKS
from plantrack.cli import express, status_run

SETTINGS = settings(max_examples=400, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

VALUES = {
    "--plans-dir": ["plans", "missing-folder", "a-file.txt", "", "./plans", "-x"],
    "--plan": [XKS, "nope", "Bad/Id", "", "-", "--plan"],
    "--as-of": ["2023", "2021", "+2023", "2_023", " 2023", "2023.0", "二〇二三", "-1", "", "0x7e7", "99999"],
    "--format": ["table", "json", "csv", "markdown", "JSON", "html", ""],
    "--lang": ["zh", "en", "fr", "EN", ""],
    "--fail-on": ["behind", "far_behind", "binding", "on_track", ""],
}


@st.composite
def status_argv(draw) -> list[str]:
    argv = ["status"]
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from([*VALUES, "--help", "-h", "--bogus", "positional", "--"]))
        if kind not in VALUES:
            argv.append(kind)
            continue
        value = draw(st.sampled_from(VALUES[kind]))
        if draw(st.booleans()):
            argv.append(f"{kind}={value}")
        elif draw(st.integers(0, 9)):
            argv += [kind, value]
        else:
            argv.append(kind)  # the value missing
    return argv


@pytest.fixture
def workdir(plans_dir, monkeypatch):
    """A working directory holding `plans/` (the bundled plan) and a file named a-file.txt."""
    monkeypatch.chdir(plans_dir.parent)
    (plans_dir.parent / "a-file.txt").write_text("not a folder", encoding="utf-8")
    return plans_dir.parent


def typer_call(invoke, monkeypatch, argv: list[str]) -> tuple | None:
    """The arguments Typer hands to run_status for `argv`, or None if Typer refuses them (`monkeypatch` is a
    context the caller closes, which puts run_status back)."""
    calls = []
    monkeypatch.setattr(status_run, "run_status", lambda *args: calls.append(args) or 0)
    invoke(*argv)
    return calls[0] if calls else None


@SETTINGS
@given(argv=status_argv(), env_dir=st.sampled_from([None, "plans", "", "missing-folder", "a-file.txt"]))
def test_what_the_lane_accepts_typer_calls_identically(workdir, invoke, monkeypatch, argv, env_dir):
    with monkeypatch.context() as env:
        if env_dir is None:
            env.delenv("PLANTRACK_PLANS_DIR", raising=False)
        else:
            env.setenv("PLANTRACK_PLANS_DIR", env_dir)
        params = express.parse_status(list(argv))
        if params is None:
            return  # Typer's to answer: nothing to compare
        with monkeypatch.context() as patch:
            expected = typer_call(invoke, patch, argv)
    assert expected is not None, f"the lane accepted {argv} but Typer refuses it"
    got = (params["plans_dir"], params["plan"], params["as_of"], params["format"], params["lang"], params["fail_on"])
    assert got == expected
    assert [type(v) for v in got] == [type(v) for v in expected]


@pytest.mark.parametrize("argv", [
    ["status"], ["status", "--as-of", "2023"], ["status", "--format", "json"], ["status", "--format=csv"],
    ["status", "--plan", XKS, "--lang", "en"], ["status", "--plans-dir", "plans", "--fail-on", "binding"],
    ["status", "--as-of=2025", "--format", "markdown", "--lang=zh", "--fail-on=behind", f"--plan={XKS}"],
])
def test_everyday_forms_take_the_lane(workdir, argv):
    assert express.parse_status(argv) is not None


@pytest.mark.parametrize("argv", [
    [], ["show", "1"], ["status", "--help"], ["status", "-h"], ["status", "extra"], ["status", "--as-of"],
    ["status", "--as-of", "+2023"], ["status", "--format", "JSON"], ["status", "--lang", "en", "--lang", "zh"],
    ["status", "--plans-dir", "a-file.txt"], ["status", "--plan", ""], ["status", "--"], ["--version"],
])
def test_anything_else_goes_to_typer(workdir, argv):
    assert express.parse_status(argv) is None


@pytest.mark.parametrize("argv", [
    ["status"], ["status", "--as-of", "2023", "--format", "json"], ["status", "--format", "csv", "--lang", "en"],
    ["status", "--format", "markdown"], ["status", "--fail-on", "far_behind"], ["status", "--fail-on=binding"],
    ["status", "--plan", "nope"], ["status", "--plans-dir", "missing-folder"], ["status", "--plan", "Bad"],
])
def test_output_and_exit_code_are_typers(workdir, invoke, capsys, argv):
    from plantrack.render import console

    code = express.run(list(argv))
    lane = capsys.readouterr()
    console.out.cache_clear()
    console.err.cache_clear()
    result = invoke(*argv)
    assert code is not None
    assert (code, lane.out, lane.err) == (result.exit_code, result.stdout, result.stderr)
    assert lane.out or lane.err


def test_the_command_line_takes_the_lane_and_falls_back(workdir):
    import subprocess
    import sys

    fast = subprocess.run([sys.executable, "-m", "plantrack", "status", "--plan", "nope"], capture_output=True,
                          text=True, cwd=workdir)
    slow = subprocess.run([sys.executable, "-m", "plantrack", "status", "--plan", "nope", "--lang", "zh",
                           "--lang", "zh"], capture_output=True, text=True, cwd=workdir)  # repeated: Typer's lane
    assert fast.returncode == slow.returncode == 2
    assert fast.stderr == slow.stderr and "没有规划 'nope'" in fast.stderr
    helped = subprocess.run([sys.executable, "-m", "plantrack", "status", "--help"], capture_output=True,
                            text=True, cwd=workdir)
    assert helped.returncode == 0 and "--fail-on" in helped.stdout


def test_the_lane_reads_the_plans_dir_variable(workdir, monkeypatch):
    monkeypatch.setenv("PLANTRACK_PLANS_DIR", "elsewhere")
    assert express.parse_status(["status"])["plans_dir"] == Path("elsewhere")
    assert express.parse_status(["status", "--plans-dir", "plans"])["plans_dir"] == Path("plans")
    monkeypatch.setenv("PLANTRACK_PLANS_DIR", "")
    assert express.parse_status(["status"])["plans_dir"] == Path("plans")
