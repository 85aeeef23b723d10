"""The express lane: `plantrack status` with plain arguments runs without importing typer.

Why: `status` is the command people type most, and the issue-6 target is that it be no slower than
`bean-check`. Importing typer costs ~20 ms of a ~65 ms run, only to parse a handful of options. So `main()`
parses the everyday forms here, from the option table that tests keep identical to the Typer app
(completion.COMMANDS), and calls the same code the Typer command calls (cli/status_run.py).

The lane is deliberately narrow: it accepts only `status` followed by known options written `--opt value` or
`--opt=value`, each at most once, with values Typer would accept unchanged. Anything else — help, an unknown or
repeated option, a missing, empty or invalid value, a value starting with "-", a positional argument, a
--plans-dir that Typer would refuse — returns None, and Typer parses the arguments with its own messages.
tests/test_express.py checks, over generated argument lists, that whatever the lane accepts Typer turns into
the very same call.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from plantrack.completion import COMMANDS

MAX_YEAR_CHARS = 9  # the same as AsYear in cli/options.py (not imported from there: it imports typer)

STATUS_DEFAULTS: dict[str, Any] = {"plans_dir": None, "plan": None, "as_of": None, "format": "table",
                                   "lang": "zh", "fail_on": None}


def parse_status(argv: list[str]) -> dict[str, Any] | None:
    """The arguments of `status`, as the Typer command would receive them; None when Typer must parse them."""
    if not argv or argv[0] != "status":
        return None
    options = COMMANDS["status"][1]
    params = dict(STATUS_DEFAULTS)
    seen: set[str] = set()
    rest = argv[1:]
    while rest:
        name, has_value, value = rest.pop(0).partition("=")
        kind = options.get(name)
        if not name.startswith("--") or kind is None or name in seen:
            return None  # a positional argument, -h/--help, an unknown or repeated option: Typer's to answer
        if not has_value:
            if not rest:
                return None
            value = rest.pop(0)
        if not value or value.startswith("-") or (isinstance(kind, list) and value not in kind):
            return None
        if name == "--as-of":
            # Longer than MAX_YEAR_CHARS: Typer's --as-of type refuses it with a short message (cli/options.py).
            if not (value.isascii() and value.isdigit()) or len(value) > MAX_YEAR_CHARS:
                return None
        seen.add(name)
        params[name[2:].replace("-", "_")] = int(value) if name == "--as-of" else value
    from plantrack.config import default_lang, plans_dir as resolve
    from plantrack.errors import PlantrackError

    try:  # the same resolution as the Typer option's (cli/options.py); a broken plantrack.toml: Typer says so
        plans_dir = str(params["plans_dir"]) if "--plans-dir" in seen else str(resolve(None))
        if "--lang" not in seen:
            params["lang"] = default_lang(params["lang"])
    except PlantrackError:
        return None
    if not _plain_folder(plans_dir):
        return None
    params["plans_dir"] = Path(plans_dir)
    return params


def _plain_folder(value: str) -> bool:
    """What Typer's Path(file_okay=False) lets through unchanged: a missing path or a readable non-file."""
    try:
        mode = os.stat(value).st_mode
    except OSError:
        return True
    except ValueError:  # an embedded NUL byte: Typer's own message
        return False
    return not stat.S_ISREG(mode) and os.access(value, os.R_OK)


def run(argv: list[str]) -> int | None:
    """Run `status` if the lane accepts `argv`: its exit code; None to hand the arguments to Typer."""
    params = parse_status(argv)
    if params is None:
        return None
    # The cyclic collector stays off (main() turned it off for start-up): what status allocates is freed by
    # reference counting (measured: the same peak memory for the overview of 2,000 plans, docs/performance.md).
    from plantrack.cli.status_run import run_status
    from plantrack.errors import PlantrackError

    try:
        return run_status(params["plans_dir"], params["plan"], params["as_of"], params["format"], params["lang"],
                          params["fail_on"])
    except PlantrackError as exc:
        from plantrack.render.errors import report_error

        return report_error(exc)
    # Ctrl-C is not caught here: main() says it the same way for every command (cli/interrupt.py).
