"""How a refused command speaks: one 错误 / Error message on stderr, then any located findings, each wrapped to
the terminal's width (render/wrap.py)."""

from __future__ import annotations

from rich.text import Text

from plantrack.errors import MAX_LISTED, PlantrackError
from plantrack.render.console import err
from plantrack.render.wrap import fill
from plantrack.text import safe

HEAD = "错误 / Error: "


def report_error(exc: PlantrackError) -> int:
    """Say what went wrong on stderr; the exit code it means. Every command's PlantrackError ends here."""
    console = err()
    message = Text(fill(HEAD + safe(exc.message, keep_newlines=True), console.width))
    message.stylize("bold red", 0, len(HEAD))
    console.print(message)
    # Capped like `check --max-errors`: 60,000 findings printed one by one took minutes (issue 13).
    for finding in exc.findings[:MAX_LISTED]:
        console.print(Text(fill(safe(str(finding)), console.width)))
    if hidden := len(exc.findings) - min(len(exc.findings), MAX_LISTED) + exc.unlisted:
        console.print(Text(fill(f"还有 {hidden} 处错误未显示 / {hidden} more errors not shown", console.width)))
    return exc.code
