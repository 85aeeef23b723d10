"""Issue 20: run anywhere — any console encoding, NO_COLOR / FORCE_COLOR, `-` for stdin and stdout, the plans
found upwards like git, plantrack.toml and its precedence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import XKS

CSV = "indicator,year,value,source\nvalue-added-growth,2022,512000,test\n"

COMMANDS = [
    ["--version"], ["--help"], ["status"], ["status", "--format", "json"], ["status", "--format", "markdown"],
    ["status", "--format", "csv"], ["status", "--lang", "en"], ["show", "1"], ["history", "1"],
    ["record", "1", "2022", "512000", "--dry-run"], ["import", "in.csv", "--dry-run"], ["export"],
    ["check"], ["check", "--format", "github"], ["schema"], ["schema", "actuals"],
    ["report", "--format", "markdown"], ["status", "--plan", "nope"], ["show", "no-such"],
    *[[c, "--help"] for c in ("status", "show", "record", "import", "history", "export", "check", "schema",
                               "init", "report")],
]


def run(args, cwd, **env):
    full = {k: v for k, v in os.environ.items() if k not in ("PLANTRACK_PLANS_DIR", "NO_COLOR", "FORCE_COLOR")}
    full.update(env)
    return subprocess.run([sys.executable, "-m", "plantrack", *args], capture_output=True, cwd=cwd, env=full,
                          input=env.pop("_input", None), timeout=300)


@pytest.fixture
def work(plans_dir):
    (plans_dir.parent / "in.csv").write_text(CSV, encoding="utf-8")
    return plans_dir.parent


# Data formats are UTF-8 bytes whatever the console's encoding (issue 29): the bytes a UTF-8 console gets.
DATA = [["status", "--format", "json"], ["status", "--format", "markdown"], ["status", "--format", "csv"], ["export"],
        ["check", "--format", "github"], ["schema"], ["schema", "actuals"], ["report", "--format", "markdown"]]


@pytest.mark.parametrize("encoding", ["cp936", "ascii"])
def test_every_command_survives_a_console_that_cannot_encode_its_symbols(work, encoding):
    for args in COMMANDS:
        utf8 = run(args, work, PYTHONIOENCODING="utf-8")
        other = run(args, work, PYTHONIOENCODING=encoding)
        assert b"Traceback" not in other.stderr and b"UnicodeEncodeError" not in other.stderr, (args, other.stderr)
        assert other.returncode == utf8.returncode, (args, other.stderr.decode(encoding, "replace"))
        if args in DATA:
            assert other.stdout == utf8.stdout and other.stdout, args
            continue
        if "--help" in args and encoding == "ascii":
            continue  # click takes an ASCII stdout for a misconfigured locale and writes UTF-8: its choice
        try:
            other.stdout.decode(encoding)  # what was written is really in that encoding
        except UnicodeDecodeError:
            pytest.fail(f"{args}: {other.stdout[:200]!r}")
        assert bool(other.stdout) == bool(utf8.stdout), args


def test_symbols_become_ascii_look_alikes(work):
    out = run(["check"], work, PYTHONIOENCODING="ascii").stdout.decode("ascii")
    assert out.startswith("v ")  # ✓


def coloured(data: bytes) -> bool:
    import re

    return re.search(rb"\x1b\[[0-9;]*(?:3[0-9]|9[0-7])[;m]", data) is not None  # a foreground colour


def test_an_empty_no_color_is_unset_and_force_color_forces_it(work):
    assert coloured(run(["status"], work, FORCE_COLOR="1").stdout)  # piped, yet coloured
    assert coloured(run(["status"], work, FORCE_COLOR="1", NO_COLOR="").stdout)  # empty NO_COLOR: unset
    assert not coloured(run(["status"], work, FORCE_COLOR="1", NO_COLOR="1").stdout)  # bold may stay
    assert b"\x1b[" not in run(["status"], work).stdout  # piped: nothing


def test_dash_is_standard_input_for_import_and_check(work, plans_dir):
    before = (plans_dir / XKS / "actuals.toml").read_bytes()
    dry = run(["import", "-", "--dry-run"], work, _input=CSV.encode())
    assert dry.returncode == 0, dry.stderr.decode()
    assert "512000" in dry.stdout.decode() and (plans_dir / XKS / "actuals.toml").read_bytes() == before
    good = run(["check", "-"], work, _input=(plans_dir / XKS / "plan.toml").read_bytes())
    assert good.returncode == 0 and "14" in good.stdout.decode()
    broken = (plans_dir / XKS / "plan.toml").read_text(encoding="utf-8").replace("no = 3\n", 'no = "x"\n', 1)
    bad = run(["check", "-"], work, _input=broken.encode())
    assert bad.returncode == 1 and bad.stdout.decode().startswith("-:"), bad.stdout.decode()
    assert not (work / "-").exists()


def test_dash_is_standard_output_for_report(work):
    result = run(["report", "--format", "markdown", "-o", "-"], work)
    assert result.returncode == 0 and result.stdout.decode().startswith("# ")
    assert not (work / "-").exists()


def test_the_plans_are_found_upwards_like_git(work):
    inside = work / "plans" / XKS
    status = run(["status", "--format", "json"], inside)
    assert status.returncode == 0, status.stderr.decode()
    assert json.loads(status.stdout)["plans"][0]["plan"] == XKS
    assert run(["show", "1"], work / "plans").returncode == 0
    assert run(["check"], inside).returncode == 0


def test_the_plan_folder_you_are_in_is_the_default_plan(work):
    import shutil

    shutil.copytree(work / "plans" / XKS, work / "plans" / "other-14th")
    text = (work / "plans" / "other-14th" / "plan.toml").read_text(encoding="utf-8")
    (work / "plans" / "other-14th" / "plan.toml").write_text(text.replace(f'id = "{XKS}"', 'id = "other-14th"'),
                                                             encoding="utf-8")
    assert run(["show", "1"], work).returncode == 2  # two plans: which one?
    assert run(["show", "1"], work / "plans" / "other-14th").returncode == 0


def test_plantrack_toml_precedence(work, tmp_path):
    # plantrack.toml names another plans folder; the option beats the variable beats the file beats the search.
    (work / "plans").rename(work / "elsewhere")
    (work / "plantrack.toml").write_text('plans_dir = "elsewhere"\nlang = "en"\n', encoding="utf-8")
    deep = work / "elsewhere" / XKS
    result = run(["status", "--format", "markdown"], deep)
    assert result.returncode == 0 and "Indicator" in result.stdout.decode(), result.stderr.decode()
    assert "指标" in run(["status", "--format", "markdown", "--lang", "zh"], deep).stdout.decode()  # option wins
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(["status"], work, PLANTRACK_PLANS_DIR=str(empty)).returncode != 0  # the variable beats the file
    assert run(["status", "--plans-dir", str(work / "elsewhere")], work,
               PLANTRACK_PLANS_DIR=str(empty)).returncode == 0  # the option beats the variable
    (work / "plans").mkdir()  # a plans/ next to plantrack.toml: the file still wins
    assert run(["status"], work).returncode == 0


def test_a_misspelt_setting_is_refused_at_its_line(work):
    (work / "plantrack.toml").write_text('lang = "en"\nplan_dir = "plans"\n', encoding="utf-8")
    result = run(["status"], work)
    assert result.returncode == 2
    assert "plantrack.toml:2:1" in result.stderr.decode() and "plan_dir" in result.stderr.decode()
    (work / "plantrack.toml").write_text('lang = "fr"\n', encoding="utf-8")
    bad = run(["show", "1"], work)
    assert bad.returncode == 2 and "plantrack.toml:1:1" in bad.stderr.decode()


def test_init_example_and_a_gitignore_for_the_lock(tmp_path):
    result = run(["init", "--example"], tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / "plans" / XKS / "plan.toml").is_file()
    assert ".plantrack.lock" in (tmp_path / "plans" / ".gitignore").read_text(encoding="utf-8").splitlines()
    again = run(["init", "--example"], tmp_path)
    assert again.returncode == 1 and "init never overwrites" in again.stderr.decode()
    assert run(["status"], tmp_path / "plans" / XKS).returncode == 0
