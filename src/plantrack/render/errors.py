"""How a refused command speaks: one 错误 / Error line on stderr, then any located findings.

On a terminal the message is wrapped to its width in cells (render/wrap.py; issue 20, item 5), continuation
lines indented. Piped (a CI log, pre-commit, a script, an editor) it stays one line, like a compiler's: tools
and grep read it whole, and a log viewer wraps it itself. Located findings are one line each either way."""

from __future__ import annotations

from rich.text import Text

from plantrack.errors import MAX_LISTED, PlantrackError
from plantrack.render.console import err
from plantrack.text import safe


def report_error(exc: PlantrackError) -> int:
    """Say what went wrong on stderr; the exit code it means. Every command's PlantrackError ends here."""
    console = err()
    head, message = "错误 / Error: ", safe(exc.message, keep_newlines=True)
    if console.is_terminal:
        from plantrack.render.wrap import fill

        message = fill(head + message, console.width)[len(head):]
    console.print(Text.assemble((head, "bold red"), message))  # only the head in red
    # Capped like `check --max-errors`: 60,000 findings printed one by one took minutes (issue 13).
    for finding in exc.findings[:MAX_LISTED]:
        console.print(Text(safe(str(finding))))
    if hidden := len(exc.findings) - min(len(exc.findings), MAX_LISTED) + exc.unlisted:
        console.print(Text(f"还有 {hidden} 处错误未显示 / {hidden} more errors not shown"))
    return exc.code
