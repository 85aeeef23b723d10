"""The one project exception and the located finding that checks return as values."""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


@dataclass(frozen=True)
class Finding:
    """One problem in a file, at FILE:LINE:COL, in a field, said for the user."""

    path: str
    line: int
    col: int
    field: str
    message: str

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.path}:{self.line}:{self.col}:{field} {self.message}"


class PlantrackError(Exception):
    """A problem the user can fix. `code` is the exit code; `findings` carry file locations."""

    def __init__(self, message: str, *, code: int = EXIT_FINDINGS, findings: tuple[Finding, ...] = ()):
        super().__init__(message)
        self.message = message
        self.code = code
        self.findings = tuple(findings)


def usage_error(message: str) -> PlantrackError:
    """A bad argument: exit code 2."""
    return PlantrackError(message, code=EXIT_USAGE)
