"""Derives the table shell completion answers from (completion_table.py) from the Typer app: never by hand.

Why a table at all: a Tab starts plantrack, and importing typer and building the app would make every Tab
several times as slow as starting Python (docs/performance.md). So the commands, their short help, options,
choices and positional arguments are read here from the very Click objects Typer builds, and written out as a
plain Python literal that completion.py imports. The Typer app stays the one declaration:

    python -m plantrack.cli.derive     # rewrite src/plantrack/completion_table.py after changing a command

tests/test_completion.py derives the table again and fails, naming this command, when the file differs.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import typer
from typer.utils import get_params_from_function

from plantrack.cli.options import complete_indicator, complete_plan, complete_unit
from plantrack.completion import INDICATOR, PLAN, UNIT, VALUE

TABLE = Path(__file__).parent.parent / "completion_table.py"
# The completion functions of cli/options.py, and the kind completion.py answers each one with. Another one
# needs its kind here and its answer in completion._values: until then deriving refuses it.
DYNAMIC = {complete_plan: PLAN, complete_indicator: INDICATOR, complete_unit: UNIT}

Options = dict[str, object]


def _kind(param: Any, completer: object) -> object:
    """None for a flag; the choices; <plan>, <indicator> or <unit>; <value> for any other (files, text, years)."""
    if getattr(param, "is_flag", False):
        return None
    if completer is not None:
        if completer not in DYNAMIC:
            raise ValueError(f"{param.name}: completion.py has no answer for {completer!r}; add it to DYNAMIC")
        return DYNAMIC[completer]
    choices = getattr(param.type, "choices", None)
    return [str(getattr(c, "value", c)) for c in choices] if choices else VALUE


def _completers(callback: Any) -> dict[str, object]:
    # Typer wraps an `autocompletion` function inside the Click parameter; its own reading of the signature
    # still holds the function itself.
    return {name: getattr(meta.default, "autocompletion", None)
            for name, meta in get_params_from_function(callback).items()}


def _params(command: Any, ctx: Any, completers: dict[str, object]) -> tuple[Options, list[object]]:
    options: Options = {}
    positionals: list[object] = []
    for param in command.get_params(ctx):  # declaration order, then -h/--help, as Click offers them
        if getattr(param, "hidden", False):
            continue
        kind = _kind(param, completers.get(param.name))
        if param.param_type_name == "argument":
            positionals.append(kind)
            continue
        names = [*param.opts, *param.secondary_opts]
        if set(names) <= set(ctx.help_option_names):  # Click keeps the help option's names in a set: its order
            names = [n for n in ctx.help_option_names if n in names]  # changes from run to run
        options.update(dict.fromkeys(names, kind))
    return options, positionals


def derive(app: typer.Typer) -> tuple[dict[str, tuple[str, Options, list[object]]], Options]:
    """(command -> (short help, options -> kind, positional kinds), the root options) of `app`."""
    group = typer.main.get_command(app)
    ctx = group.make_context(group.name, [], resilient_parsing=True)
    callbacks = {info.name or getattr(info.callback, "__name__", ""): info.callback for info in app.registered_commands}
    commands = {}
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        if command.hidden:
            continue
        if name not in callbacks:  # a sub-app (app.add_typer): completion.py knows one level of commands only
            raise ValueError(f"{name}: a group of commands; completion.py completes plain commands only")
        options, positionals = _params(command, ctx, _completers(callbacks[name]))
        commands[name] = (command.get_short_help_str(), options, positionals)
    return commands, _params(group, ctx, {})[0]


def _wrapped(items: list[str], indent: str, width: int = 116) -> str:
    lines, line = [], ""
    for item in items:
        if line and len(indent) + len(line) + len(item) + 2 > width:
            lines.append(line)
            line = ""
        line = f"{line} {item}," if line else f"{item},"
    return "\n".join(indent + text for text in [*lines, line] if text)


def source(app: typer.Typer) -> str:
    """The text of completion_table.py for `app`."""
    commands, root = derive(app)
    out = [inspect.cleandoc('''
        """Generated from the Typer app by `python -m plantrack.cli.derive` (cli/derive.py): do not edit.

        command -> (short help, option -> None for a flag / its choices / a kind, positional kinds)."""
        ''') + "\n", "COMMANDS: dict[str, tuple[str, dict[str, object], list[object]]] = {"]
    for name, (short_help, options, positionals) in commands.items():
        out.append(f"    {name!r}: (\n        {short_help!r},\n        {{")
        out.append(_wrapped([f"{o!r}: {k!r}" for o, k in options.items()], " " * 12))
        out.append(f"        }},\n        {positionals!r},\n    ),")
    out += ["}", "ROOT_OPTIONS: dict[str, object] = {", _wrapped([f"{o!r}: {k!r}" for o, k in root.items()], "    "),
            "}", ""]
    return "\n".join(out)


if __name__ == "__main__":
    from plantrack.cli.app import app

    TABLE.write_text(source(app), encoding="utf-8", newline="\n")
    print(f"wrote {TABLE}")
