"""Shell completion: the fast path (answered before typer is imported) must say what Typer would say, and
its table of commands must be the Typer app's, so the two can never drift apart."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import typer
from conftest import REPO
from typer.testing import CliRunner

from plantrack.cli.app import app
from plantrack.completion import COMMANDS, FLAG, ROOT_OPTIONS


def _click_app():
    return typer.main.get_command(app)


def test_the_completion_table_lists_every_command_option_and_choice_of_the_typer_app():
    group = _click_app()
    assert set(group.commands) == set(COMMANDS)
    assert {o for p in group.params for o in p.opts} | {"-h", "--help"} == set(ROOT_OPTIONS)
    for name, command in group.commands.items():
        short_help, options, positionals = COMMANDS[name]
        assert command.get_short_help_str(limit=80) == short_help, name
        declared = {}
        arguments = []
        for param in command.params:
            if param.param_type_name == "argument":
                arguments.append(param)
                continue
            for opt in param.opts:
                choices = getattr(param.type, "choices", None)
                declared[opt] = [str(getattr(c, "value", c)) for c in choices] if choices else (
                    FLAG if param.is_flag else "value")
        declared.update({"-h": FLAG, "--help": FLAG})
        assert list(declared) == list(options), name  # same options, same order
        for opt, kind in declared.items():
            if isinstance(kind, list):
                assert options[opt] == kind, (name, opt)
            elif kind is FLAG:
                assert options[opt] is FLAG, (name, opt)
            else:
                assert options[opt] is not FLAG, (name, opt)
        assert len(arguments) == len(positionals) or (name == "check" and positionals == ["<file>"]), name


def _fast(env: dict[str, str], cwd) -> str:
    full = {**os.environ, **env}
    proc = subprocess.run([sys.executable, "-m", "plantrack"], env=full, cwd=cwd, capture_output=True, text=True)
    assert proc.stderr == ""
    return proc.stdout.rstrip("\n")


def _typer(env: dict[str, str], monkeypatch, cwd) -> str:
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(app, [], env=env, prog_name="plantrack")
    return result.stdout.rstrip("\n")


CASES = [
    "plantrack ",
    "plantrack st",
    "plantrack status --",
    "plantrack status --format ",
    "plantrack status --plan ",
    "plantrack show ",
    "plantrack show value",
    "plantrack record ",
    "plantrack record --plan xiaokunshan-14th ",
    "plantrack record net-new-high-tech 2023 --",
    "plantrack export --format j",
    "plantrack check --format ",
]


@pytest.mark.parametrize("line", CASES)
def test_bash_fast_path_answers_as_typer_does(line, plans_dir, monkeypatch):
    words = line.split(" ")
    env = {"_PLANTRACK_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    cwd = plans_dir.parent
    assert _fast(env, cwd) == _typer(env, monkeypatch, cwd)


# zsh also shows option help texts; the fast path lists option names only (they say what they are), so the
# cases that complete options are compared by value below.
@pytest.mark.parametrize("line", [c for c in CASES if not c.endswith("-")])
def test_zsh_fast_path_answers_as_typer_does(line, plans_dir, monkeypatch):
    env = {"_PLANTRACK_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}
    cwd = plans_dir.parent
    assert _fast(env, cwd) == _typer(env, monkeypatch, cwd)


@pytest.mark.parametrize("line", [c for c in CASES if c.endswith("-")])
def test_zsh_fast_path_offers_the_same_options_as_typer(line, plans_dir, monkeypatch):
    import re

    env = {"_PLANTRACK_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}
    cwd = plans_dir.parent
    names = re.compile(r'^"(--?[a-z-]+)"', re.M)
    body = _typer(env, monkeypatch, cwd).removeprefix("_arguments '*: :((")
    assert names.findall(_fast(env, cwd).removeprefix("_arguments '*: :((")) == names.findall(body)


def test_what_the_user_sees(plans_dir):
    cwd = plans_dir.parent

    def bash(line: str) -> list[str]:
        env = {"_PLANTRACK_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(line.split(" ")) - 1)}
        return _fast(env, cwd).splitlines()

    assert bash("plantrack ") == list(COMMANDS)
    assert bash("plantrack status --plan ") == ["xiaokunshan-14th"]
    assert bash("plantrack show ")[:2] == ["value-added-growth", "fiscal-revenue-growth"]
    assert len(bash("plantrack show ")) == 14
    assert bash("plantrack record energy") == ["energy-intensity-decline"]
    assert bash("plantrack status --lang ") == ["zh", "en"]
    assert "万元" in bash("plantrack record 1 2022 51.2 --unit ")


def test_fish_and_powershell(plans_dir):
    cwd = plans_dir.parent
    fish = _fast({"_PLANTRACK_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": "plantrack sh",
                  "_TYPER_COMPLETE_FISH_ACTION": "get-args"}, cwd)
    assert fish == "show\t单个指标的计算过程 / one indicator, with the working"
    ps = _fast({"_PLANTRACK_COMPLETE": "complete_powershell", "_TYPER_COMPLETE_ARGS": "plantrack status --plan z",
                "_TYPER_COMPLETE_WORD_TO_COMPLETE": "z"}, cwd)
    assert ps == ""
    ps = _fast({"_PLANTRACK_COMPLETE": "complete_powershell", "_TYPER_COMPLETE_ARGS": "plantrack status --plan xi",
                "_TYPER_COMPLETE_WORD_TO_COMPLETE": "xi"}, cwd)
    assert ps == "xiaokunshan-14th::: "


def test_completion_and_version_do_not_import_typer_rich_or_pydantic():
    code = ("import os, sys; sys.argv = ['plantrack', '--version']; from plantrack.cli import main; main(); "
            "os.environ.update(_PLANTRACK_COMPLETE='complete_bash', COMP_WORDS='plantrack show ', COMP_CWORD='2'); "
            "sys.argv = ['plantrack']; main(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', 'pydantic', 'click')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "[]"
