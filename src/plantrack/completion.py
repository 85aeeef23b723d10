"""Shell completion answered without importing typer (issue 6: a Tab must feel instant).

Importing typer alone takes about 5.5 times as long as starting Python, and the shell starts plantrack on
every Tab. So `main()` answers Typer's completion protocol (bash, zsh, fish, PowerShell) from the table
below, reading plan and indicator ids straight from the plan files. The table is checked against the real
Typer app by tests/test_completion.py, so it cannot drift. Anything else (installing the completion script)
goes to Typer as usual.
"""

from __future__ import annotations

import os
from pathlib import Path

from plantrack.units import KNOWN_UNITS
from plantrack.verdicts import ASSESSMENT_ZH, ASSESSMENTS, FAIL_ON

PLAN, DIR, FILE, INDICATOR = "<plan>", "<dir>", "<file>", "<indicator>"
FLAG = None  # an option that takes no value
HELP = {"-h": FLAG, "--help": FLAG}
SCOPE = {"--plans-dir": DIR, "--plan": PLAN}
LANG = {"--lang": ["zh", "en"]}
WRITE = {"--force": FLAG, "--confirm": FLAG, "--dry-run": FLAG}

# command: (its short help, also used by `--help` listings; its options in declaration order -> value kind or
# choices; its positional arguments). cli/*.py take the short help from here.
COMMANDS: dict[str, tuple[str, dict[str, object], list[object]]] = {
    "status": ("各指标进度 / every indicator against its target",
               {**SCOPE, "--as-of": "<year>", "--format": ["table", "json", "csv", "markdown", "jsonl"], **LANG,
                "--fail-on": list(FAIL_ON), "--matrix": FLAG, **HELP}, []),
    "show": ("单个指标的计算过程 / one indicator, with the working",
             {**SCOPE, "--as-of": "<year>", **LANG, "--format": ["table", "json"], **HELP}, [INDICATOR]),
    "record": ("记录某年实际值 / record a year's actual",
               {"--rate": "<rate>", "--unit": list(KNOWN_UNITS), "--source": "<text>", "--note": "<text>",
                "--assessment": [*ASSESSMENTS, *ASSESSMENT_ZH], **WRITE, "--delete": FLAG, "--restore": FLAG, "--reason": "<text>",
                **SCOPE, **LANG, **HELP}, [INDICATOR, None, None]),
    "import": ("批量导入 CSV 或 Excel / import actuals from a CSV or .xlsx",
               {"--sheet": "<name>", "--include-hidden": FLAG, **WRITE, **SCOPE, **LANG, **HELP}, [FILE]),
    "history": ("记录与修订历史 / every entry and its revisions",
                {**SCOPE, **LANG, "--format": ["table", "json"], **HELP}, [INDICATOR]),
    "export": ("导出实际值或进度表 / export every actual, or the status table",
               {"--format": ["csv", "json", "jsonl", "xlsx"], "--layout": ["long", "wide"], "--what": ["actuals", "status"],
                "-o": FILE, "--output": FILE, "--no-bom": FLAG, "--as-of": "<year>", **SCOPE, **LANG, "--plans": "<plans>",
                "--all": FLAG, "--with-history": FLAG, **HELP}, []),
    "extract": ("从公报、总结、新闻中读出数字 / read figures out of a bulletin or a news page",
                {"--apply": FLAG, "--confirm": FLAG, "--format": ["table", "json"], **SCOPE, **LANG, **HELP}, [FILE]),
    "check": ("校验规划文件 / validate plan files",
              {"--plans-dir": DIR, "--format": ["text", "github", "json"], "--max-errors": "<n>", "--jobs": "<n>", "--strict": FLAG,
               **HELP}, [FILE]),
    "schema": ("打印 JSON Schema / print the JSON Schema for editors", {"-o": FILE, "--output": FILE, **HELP},
               [["plan", "actuals", "status"]]),
    "init": ("新建规划文件夹 / start a new plan folder",
             {"--from": PLAN, "--blank": FLAG, "--start": "<year>", "--end": "<year>", "--plans-dir": DIR, "--example": FLAG,
              **HELP},
             [None]),
    "report": ("评估报告，逐项附图 / the evaluation report, a chart per indicator",
               {**SCOPE, "--as-of": "<year>", "--format": ["html", "markdown", "pdf", "docx"], **LANG, "-o": FILE,
                "--output": FILE, "--template": FILE, "--plans": "<plans>", "--all": FLAG, "--title": "<text>",
                **HELP}, []),
    "doctor": ("检查本机环境 / what this machine has, and what it lacks",
               {"--plans-dir": DIR, "--format": ["text", "json"], **HELP}, []),
}
ROOT_OPTIONS = {"--version": FLAG, "--install-completion": FLAG, "--show-completion": FLAG, **HELP}


def offered_plans(plans_dir: Path) -> list[str]:
    """The plans a command may act on (contain.plan_ids, less those the containment rule refuses); none
    rather than an error, since a Tab must never print one."""
    from plantrack.contain import escape_problem, plan_ids
    from plantrack.errors import PlantrackError

    try:
        return [i for i in plan_ids(plans_dir) if escape_problem(plans_dir, plans_dir / i) is None]
    except (OSError, PlantrackError):
        return []


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


def _plans_dir(words: list[str]) -> Path:
    for i, word in enumerate(words[:-1]):
        if word == "--plans-dir":
            return Path(words[i + 1])
    from plantrack.config import plans_dir  # as every command finds it: environment, plantrack.toml, upwards

    try:
        return plans_dir(None)
    except Exception:  # a broken plantrack.toml: a Tab must never print an error
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
        return offered_plans(_plans_dir(words))
    if kind == INDICATOR:
        return indicator_ids(_plans_dir(words), _option_value(words, "--plan"))
    return []  # files, folders and free text: the shell's own completion applies


def _words(args: str) -> list[str]:
    try:
        import shlex  # only when answering a Tab: cli/express.py imports this module for COMMANDS

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
