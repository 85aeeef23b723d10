"""Shell completion answered without importing typer (issue 6: a Tab must feel instant).

Importing typer and building the app would make a Tab several times as slow as starting Python, and the shell
starts plantrack on every Tab. So `main()` answers Typer's completion protocol (bash, zsh, fish, PowerShell)
from completion_table.py, a table derived from the Typer app (cli/derive.py; a test derives it again, so it cannot
drift), reading plan and indicator ids straight from the plan files. Anything else (installing the completion
script) goes to Typer as usual.
"""

from __future__ import annotations

import os
from pathlib import Path

from plantrack.completion_table import COMMANDS, ROOT_OPTIONS

# The kinds of value in the table (derived from the Typer app by cli/derive.py): None for a flag, a list of
# choices, or one of these.
PLAN, INDICATOR, UNIT, VALUE = "<plan>", "<indicator>", "<unit>", "<value>"
FLAG = None


def offered_plans(plans_dir: Path) -> list[str]:
    """The plans a command may act on (contain.plan_ids, less those the containment rule refuses); none
    rather than an error, since a Tab must never print one."""
    from plantrack.contain import escape_problem, plan_ids

    try:
        return [i for i in plan_ids(plans_dir) if escape_problem(plans_dir, plans_dir / i) is None]
    except Exception:  # OSError, or the refusal of a missing folder: a PlantrackError, not imported to name it
        return []      # (errors.py's dataclasses would cost every Tab ~5 ms)


def indicator_ids(plans_dir: Path, plan_id: str | None) -> list[str]:
    """Indicator ids of the plan (the only one, when --plan is not given), in file order."""
    ids = offered_plans(plans_dir)
    if plan_id is None:
        from plantrack.config import default_plan

        plan_id = ids[0] if len(ids) == 1 else default_plan(plans_dir)
    if plan_id not in ids:
        return []
    import tomllib

    from plantrack.contain import PLAN_FILE
    from plantrack.readfile import Refused, read_limited

    try:
        # Bounded and regular files only, as every reader of a plan folder (a FIFO named plan.toml hung a Tab).
        raw = read_limited(plans_dir / plan_id / PLAN_FILE)
        data = tomllib.loads(raw.decode("utf-8-sig"))
        return [str(i["id"]) for i in data.get("indicators", []) if isinstance(i, dict) and "id" in i]
    except (OSError, Refused, ValueError, TypeError):
        return []


def plans_folder(given: str | os.PathLike[str] | None) -> Path:
    """The folder a Tab looks for plans in: --plans-dir as typed, else as every command finds it (environment,
    plantrack.toml, upwards); ./plans when plantrack.toml is broken, since a Tab must never print an error."""
    if given is not None:  # even '': the command takes it as typed (cli/options._resolve_plans_dir)
        return Path(given)
    from plantrack.config import plans_dir

    try:
        return plans_dir(None)
    except Exception:
        return Path("plans")


def _option_value(words: list[str], name: str) -> str | None:
    for i, word in enumerate(words[:-1]):
        if word == name:
            return words[i + 1]
    return None


def candidates(words: list[str], incomplete: str) -> list[tuple[str, str]]:
    """(value, help) pairs for the word being typed, after `words`."""
    command = next((w for w in words if w in COMMANDS), None)
    if command is None:
        names = [(name, spec[0]) for name, spec in COMMANDS.items()]
        if incomplete.startswith("-"):
            names = [(o, "") for o in ROOT_OPTIONS]
        return [(v, h) for v, h in names if v.startswith(incomplete)]
    _help, options, positionals = COMMANDS[command]
    rest = words[words.index(command) + 1:]
    if rest and rest[-1] in options and options[rest[-1]] is not FLAG:
        values = _values(options[rest[-1]], words)
    elif incomplete.startswith("-"):
        values = [o for o in options if o not in rest or o in ("--help",)]
    else:
        values = _values(_positional(rest, options, positionals), words)
    return [(v, "") for v in values if v.startswith(incomplete)]


def _positional(rest: list[str], options: dict[str, object], positionals: list[object]) -> object:
    count, skip = 0, False
    for word in rest:
        if skip:
            skip = False
        elif word in options:
            skip = options[word] is not FLAG
        elif not word.startswith("-") or word == "-":
            count += 1
    return positionals[count] if count < len(positionals) else None


def _values(kind: object, words: list[str]) -> list[str]:
    if isinstance(kind, list):
        return [str(k) for k in kind]
    if kind == PLAN:
        return offered_plans(plans_folder(_option_value(words, "--plans-dir")))
    if kind == INDICATOR:
        return indicator_ids(plans_folder(_option_value(words, "--plans-dir")), _option_value(words, "--plan"))
    if kind == UNIT:
        from plantrack.units import KNOWN_UNITS

        return list(KNOWN_UNITS)
    return []  # files, folders and free text: the shell's own completion applies


def _words(args: str) -> list[str]:
    try:
        import shlex  # here, not at the top: cli/derive.py imports this module for its kinds

        return shlex.split(args)
    except ValueError:  # an unclosed quote while typing
        return args.split()


def answer(instruction: str) -> str | None:
    """The completion output for Typer's protocol, or None to let Typer handle `instruction`."""
    shell = instruction.removeprefix("complete_")
    if shell == "bash":
        words = _words(os.environ.get("COMP_WORDS", ""))
        index = int(os.environ.get("COMP_CWORD", "0") or 0)
        args, incomplete = words[1:index], (words[index] if index < len(words) else "")
        return "\n".join(v for v, _ in candidates(args, incomplete))
    raw = os.environ.get("_TYPER_COMPLETE_ARGS", "")
    words = _words(raw)[1:]
    if shell == "powershell" or shell == "pwsh":
        incomplete = os.environ.get("_TYPER_COMPLETE_WORD_TO_COMPLETE", "")
        args = words[:-1] if incomplete else words
        return "\n".join(f"{v}:::{h or ' '}" for v, h in candidates(args, incomplete))
    args, incomplete = (words[:-1], words[-1]) if words and not raw.endswith(" ") else (words, "")
    found = candidates(args, incomplete)
    if shell == "zsh":
        def esc(s: str) -> str:
            return s.replace('"', '""').replace("'", "''").replace("$", "\\$").replace("`", "\\`").replace(":", r"\\:")

        items = [f'"{esc(v)}":"{esc(h)}"' if h else f'"{esc(v)}"' for v, h in found]
        return f"_arguments '*: :(({chr(10).join(items)}))'" if items else "_files"
    if shell == "fish":
        action = os.environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
        if action == "is-args":
            raise SystemExit(0 if found else 1)
        return "\n".join(f"{v}\t{h}" if h else v for v, h in found)
    return None
