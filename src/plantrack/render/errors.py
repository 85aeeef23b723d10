"""How a refused command speaks: one 错误 / Error line on stderr, then any located findings."""

from __future__ import annotations

from rich.text import Text

from plantrack.errors import PlantrackError
from plantrack.render.console import err
from plantrack.render.safe import safe


def report_error(exc: PlantrackError) -> int:
    """Say what went wrong on stderr; the exit code it means. Every command's PlantrackError ends here."""
    console = err()
    console.print(Text("错误 / Error: ", style="bold red") + Text(safe(exc.message, keep_newlines=True)))
    for finding in exc.findings:
        console.print(Text(safe(str(finding))))
    return exc.code
