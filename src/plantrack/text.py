"""Plan text is data: make any string from a file safe to print, literally.

Rich strips only a few control codes (BEL, BS, VT, FF, CR) and keeps ESC, so escape sequences in a name
would reach the terminal. Here every C0/C1 control character, Unicode direction override and zero-width
character becomes a visible escape such as \\x1b or \\u202e. Rich markup is never interpreted: callers
pass the result as rich.text.Text or with markup=False.
"""

from __future__ import annotations

import re
from functools import cache

_INVISIBLE = (
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u2028\u2029"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064"
    "\u2066\u2067\u2068\u2069\ufeff"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@cache
def _unsafe(keep_newlines: bool) -> re.Pattern[str]:
    # Compiled on first need (~0.4 ms each, on every command's start-up otherwise).
    newline = "" if keep_newlines else "\n"
    return re.compile(f"[\x00-\x09{newline}\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")


def safe(text: object, *, keep_newlines: bool = False) -> str:
    """`text` with every control or invisible character shown as an escape."""
    text = str(text)
    # Every character escaped here is one str.isprintable() refuses (tests/test_output_safety.py holds it), so
    # printable text, nearly all of it, needs no scan.
    if text.isprintable():
        return text
    return _unsafe(keep_newlines).sub(_escape, text)
