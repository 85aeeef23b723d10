"""The one project exception and the located finding that checks return as values."""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # Ctrl-C: the shell's convention (128 + SIGINT)

# How many findings a refused command lists (the default of `check --max-errors`); the rest are counted.
MAX_LISTED = 200


# A number echoed in a message keeps this many digits: a 4,299-digit value must not fill the screen.
ECHO_DIGITS = 20


def shorten_numbers(message: str) -> str:
    """`message` with every run of more than ECHO_DIGITS + 4 digits cut to its first ECHO_DIGITS and a count."""
    if len(message) <= ECHO_DIGITS + 4:
        return message
    import re  # only for a long message

    def cut(m: re.Match[str]) -> str:
        return f"{m.group()[:ECHO_DIGITS]}…（共 {len(m.group())} 位 / {len(m.group())} digits）"

    return re.sub(f"[0-9]{{{ECHO_DIGITS + 5},}}", cut, message)


@dataclass(frozen=True)
class Finding:
    """One problem in a file, at FILE:LINE:COL, in a field, said for the user."""

    path: str
    line: int
    col: int
    field: str
    message: str

    def __post_init__(self) -> None:
        # Messages quote what the file says; a very long number is shortened however the finding was made.
        object.__setattr__(self, "message", shorten_numbers(self.message))

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.path}:{self.line}:{self.col}:{field} {self.message}"


class PlantrackError(Exception):
    """A problem the user can fix. `code` is the exit code; `findings` carry file locations."""

    def __init__(self, message: str, *, code: int = EXIT_FINDINGS, findings: tuple[Finding, ...] = (),
                 unlisted: int = 0):
        message = shorten_numbers(message)
        super().__init__(message)
        self.message = message
        self.code = code
        self.findings = tuple(findings)
        self.unlisted = unlisted  # more findings than these, counted but not kept (a million bad import rows)


def usage_error(message: str) -> PlantrackError:
    """A bad argument: exit code 2."""
    return PlantrackError(message, code=EXIT_USAGE)


class OutputFailed(PlantrackError):
    """Output could not be written (a full disk under stdout, a FIFO whose reader left): exit 1. main() knows
    it by its type, so that once it is said, standard output is silenced rather than failing again at exit."""


# Why a write failed, said for the user: the usual causes by errno, else the system's own words.
_WRITE_REASONS = {
    "ENOSPC": ("磁盘已满", "the disk is full"),
    "EDQUOT": ("超出磁盘配额", "the disk quota is used up"),
    "EFBIG": ("文件超过磁盘允许的大小", "the file is larger than the disk allows"),
    "EROFS": ("只读文件系统", "the file system is read-only"),
    "EACCES": ("没有写入权限", "permission denied"),
    "EPERM": ("没有写入权限", "permission denied"),
    "EIO": ("输入输出错误", "an input/output error"),
    "EPIPE": ("读取方已关闭", "the reading side has closed"),
}


def output_failed(exc: OSError, where: str | None = None) -> OutputFailed:
    """One line saying that the output (or the file `where`) could not be written, and why."""
    import errno

    zh, en = _WRITE_REASONS.get(errno.errorcode.get(exc.errno or 0, ""), (exc.strerror or str(exc),) * 2)
    if where is None:
        return OutputFailed(f"无法写出输出：{zh}，输出不完整 / the output could not be written: {en}; it is "
                            "incomplete")
    return OutputFailed(f"无法写入 {where}：{zh}，写入的内容不完整 / could not write to {where}: {en}; what it "
                        "received is incomplete")
