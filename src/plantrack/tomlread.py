"""TOML text to data. tomli is the reference reader; toml-rs is a faster one, used only where it is safe.

Why two readers: `check` over thousands of plans spends most of its time parsing actuals files (~30 KB each).
tomli (tomllib's upstream, compiled) needs ~1.4 ms for one; toml-rs (Python bindings to the Rust `toml` crate)
~0.3 ms, and it hands every float literal's text to `parse_float` exactly as tomli does, so numbers stay exact
Decimals. docs/performance.md has the figures.

The rules that keep the two indistinguishable (tests/test_tomlread.py holds them to it):
- toml-rs is asked for TOML 1.0. Whatever it refuses — errors, TOML 1.1 syntax, integers beyond 64 bits — goes
  to tomli, so every message, position and accepted document is tomli's own.
- toml-rs parses nested arrays and inline tables by recursion on the machine stack and crashes the whole
  process (a segfault, not an exception) a few thousand levels deep — at ~200 on a 256 KB thread stack. It only
  sees text whose nesting provably cannot exceed FAST_MAX_DEPTH (`nesting_bound`); deeper text goes to tomli,
  which raises RecursionError and becomes a finding.
- toml-rs reads integers of any length; tomli, like int(), refuses more than sys.get_int_max_str_digits()
  (4300) digits with a ValueError, which becomes a finding. Text with such a long run of digits goes to tomli.
- toml-rs skips a byte order mark at the start; tomli refuses it (documents.py has already taken one off, so
  a second one is a mistake to report). Text starting with one goes to tomli.
- Importing toml-rs costs ~11 ms, more than it saves on one plan, so it is switched on only where many files
  are read (`use_fast_reader`, called by `check` from 200 plans on) and only if it is installed.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    import tomli
else:
    try:
        import tomli
    except ImportError:  # pragma: no cover - tomli is a dependency; this keeps plantrack working without it
        import tomllib as tomli

TOMLDecodeError = tomli.TOMLDecodeError

__all__ = ["TOMLDecodeError", "fast_reader_may_read", "loads", "nesting_bound", "use_fast_reader"]

# Real plan files nest two or three deep; 64 stays far inside what toml-rs survives on small thread stacks.
FAST_MAX_DEPTH = 64

# A line holding one `[...]` or `[[...]]` and nothing else, with no quote, comment or brace in it: whatever it
# is (a table header, or a small array inside a multi-line array), its brackets open and close on that line.
# Each pattern starts with the literal "\n", which re finds fast (a fraction of the time of ^ with MULTILINE).
_BALANCED_LINE = re.compile(r"\n[ \t]*\[[^\[\]{}\"'#\n]*\][ \t]*(?=\n|\Z)")
_BALANCED_DOUBLE = re.compile(r"\n[ \t]*\[\[[^\[\]{}\"'#\n]*\]\][ \t]*(?=\n|\Z)")

_fast: Callable[..., dict[str, Any]] | None = None


def use_fast_reader() -> bool:
    """Read with toml-rs from now on, where safe, if it is installed. True when it is."""
    global _fast
    if _fast is None:
        try:
            import toml_rs
        except ImportError:
            return False
        _fast = toml_rs.loads
    return True


def loads(text: str, parse_float: Callable[[str], Any]) -> dict[str, Any]:
    """Parse `text` as tomli.loads would: same data, same exceptions."""
    if _fast is not None and fast_reader_may_read(text):
        try:
            return _fast(text, parse_float=parse_float, toml_version="1.0.0")
        except Exception:  # noqa: BLE001 - whatever toml-rs refuses, tomli decides (and explains)
            pass
    return tomli.loads(text, parse_float=parse_float)


def fast_reader_may_read(text: str) -> bool:
    """Whether toml-rs may be given `text`: it cannot crash on it, and reads it as tomli would."""
    # toml-rs skips a leading BOM; tomli refuses it. documents.py strips one; a second one must stay an error.
    return not text.startswith("\ufeff") and nesting_bound(text) <= FAST_MAX_DEPTH and not _long_digits(text)


def nesting_bound(text: str) -> int:
    """An upper bound on how deeply arrays and inline tables nest in `text`, counted without parsing.

    Every opening bracket or brace counts, even inside strings and comments (counting too many is safe), except
    those on balanced lines (_BALANCED_LINE): their brackets close on the same line, so they add at most two
    levels, and only while that line is read.
    """
    openers = text.count("[") + text.count("{")
    if openers <= FAST_MAX_DEPTH:
        return openers
    text = "\n" + text  # so that the first line starts with "\n" like every other
    balanced = len(_BALANCED_LINE.findall(text))
    if "[[" in text:
        balanced += 2 * len(_BALANCED_DOUBLE.findall(text))
    return openers - balanced + 2


def _long_digits(text: str) -> bool:
    """Whether `text` may hold an integer too long for int() (see the module docstring); never misses one.

    A regex over the whole text costs ~0.2 ms per actuals file, as much as the parse it protects. A run of more
    than `limit` digits always covers a whole stretch from one multiple of limit // 2 to the next, so the regex
    runs only around a stretch that is all digits.
    """
    limit = sys.get_int_max_str_digits()
    if not limit or len(text) <= limit:
        return False
    step = limit // 2
    for at in range(0, len(text) - step, step):
        if text[at] in _DIGITS and not text[at : at + step + 1].strip(_DIGITS):
            if _digit_run(limit).search(text, max(0, at - limit), at + step + limit):
                return True
    return False


_DIGITS = "0123456789_"


@cache
def _digit_run(limit: int) -> re.Pattern[str]:
    return re.compile(f"[0-9_]{{{limit},}}")
