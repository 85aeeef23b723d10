"""Shell completion: its table is derived from the Typer app (cli/derive.py), and the fast path (answered
before typer is imported) must say what Typer would say."""

from __future__ import annotations

import os
import subprocess
import sys
from enum import Enum
from typing import Annotated

import pytest
import typer
from conftest import REPO
from typer.testing import CliRunner

from plantrack.cli import derive
from plantrack.cli.app import app
from plantrack.cli.options import IndicatorArg, PlanId


def test_the_command_table_is_the_one_derived_from_the_typer_app():
    # The Typer app is the one declaration of the command line; completion_table.py is derived from it.
    assert derive.TABLE.read_text(encoding="utf-8") == derive.source(app), (
        "completion_table.py is out of date: run `python -m plantrack.cli.derive`")


class Colour(str, Enum):
    red = "red"
    blue = "blue"


def _toy_app() -> typer.Typer:
    """What another engineer's new commands might look like, with every kind of parameter."""
    toy = typer.Typer(context_settings={"help_option_names": ["-h", "--help"]})

    @toy.callback()
    def _root(version: Annotated[bool, typer.Option("--version")] = False) -> None:
        """root"""

    @toy.command("serve", short_help="服务 / serve")
    def serve(indicator: IndicatorArg, port: Annotated[int, typer.Option("--port", "-p")] = 8000,
              colour: Annotated[Colour, typer.Option("--colour")] = Colour.red, plan: PlanId = None,
              open_: Annotated[bool, typer.Option("--open/--no-open")] = False) -> None:
        """long help"""

    @toy.command("site")
    def site(files: Annotated[list[str] | None, typer.Argument()] = None) -> None:
        """站点 / build the site. More text here."""

    @toy.command("hidden", hidden=True)
    def hidden() -> None:
        """not offered"""

    return toy


def test_deriving_reads_every_kind_of_parameter_and_picks_up_a_new_command():
    commands, root = derive.derive(_toy_app())
    assert commands == {
        "serve": ("服务 / serve", {"--port": "<value>", "-p": "<value>", "--colour": ["red", "blue"], "--plan": "<plan>",
                                 "--open": None, "--no-open": None, "-h": None, "--help": None}, ["<indicator>"]),
        "site": ("站点 / build the site.", {"-h": None, "--help": None}, ["<value>"]),
    }
    assert root == {"--version": None, "--install-completion": None, "--show-completion": None, "-h": None, "--help": None}


def _somewhere(ctx: typer.Context, incomplete: str) -> list[str]:
    return ["here"]


def _with_unknown_completion() -> typer.Typer:
    toy = typer.Typer()

    @toy.command("serve")
    def serve(where: Annotated[str, typer.Option("--where", autocompletion=_somewhere)] = "") -> None:
        """serve"""

    @toy.command("site")
    def site() -> None:
        """site"""

    return toy


def _with_a_sub_app() -> typer.Typer:
    toy, sub = typer.Typer(), typer.Typer()

    @toy.command("serve")
    def serve() -> None:
        """serve"""

    @sub.command("build")
    def build() -> None:
        """build"""

    @sub.command("clean")
    def clean() -> None:
        """clean"""

    toy.add_typer(sub, name="site")
    return toy


# What the fast path could not answer as Typer would: deriving refuses it, naming the parameter or command.
@pytest.mark.parametrize("make,named", [(_with_unknown_completion, "where"), (_with_a_sub_app, "site")])
def test_deriving_refuses_what_the_fast_path_cannot_answer(make, named):
    with pytest.raises(ValueError, match=named):
        derive.derive(make())


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
    "plantrack init --from ",
    "plantrack record net-new-high-tech 2023 3 --unit 万",
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

    assert bash("plantrack ") == list(typer.main.get_command(app).commands)  # the app's, in its order
    assert bash("plantrack status --plan ") == ["xiaokunshan-14th"]
    assert bash("plantrack show ")[:2] == ["value-added-growth", "fiscal-revenue-growth"]
    assert len(bash("plantrack show ")) == 14
    assert bash("plantrack record energy") == ["energy-intensity-decline"]
    assert bash("plantrack status --lang ") == ["zh", "en"]
    assert "万元" in bash("plantrack record 1 2022 51.2 --unit ")
    assert bash("plantrack init --from ") == ["xiaokunshan-14th"]


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
