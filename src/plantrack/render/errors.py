"""How a refused command speaks: one 错误 / Error line on stderr, then any located findings."""

from __future__ import annotations

from rich.text import Text

from plantrack.errors import MAX_LISTED, PlantrackError
from plantrack.render.console import err
from plantrack.text import safe


def report_error(exc: PlantrackError) -> int:
    """Say what went wrong on stderr; the exit code it means. Every command's PlantrackError ends here."""
    console = err()
    console.print(Text("错误 / Error: ", style="bold red") + Text(safe(exc.message, keep_newlines=True)))
    # Capped like `check --max-errors`: 60,000 findings printed one by one took minutes (issue 13).
    for finding in exc.findings[:MAX_LISTED]:
        console.print(Text(safe(str(finding))))
    if hidden := len(exc.findings) - min(len(exc.findings), MAX_LISTED) + exc.unlisted:
        console.print(Text(f"还有 {hidden} 处错误未显示 / {hidden} more errors not shown"))
    return exc.code
