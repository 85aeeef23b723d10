"""Output that never dies on an encoding (issue 20): a Chinese Windows console or a redirected stream there is
GBK (cp936), which has no ✓, ‼ or ⚠; `PYTHONIOENCODING=ascii` has no Chinese at all. Python's default "strict"
raised UnicodeEncodeError in the middle of `check`'s output.

So when stdout or stderr is not UTF-8, `main()` switches its error handler to "plantrack-fallback": the
symbols plantrack prints become ASCII look-alikes of the same width (so a table stays aligned), anything else
that cannot be encoded becomes "?". UTF-8 streams are left untouched (the usual case costs one comparison).
Rich itself draws its boxes in ASCII when the stream is not UTF-8.
"""

from __future__ import annotations

import codecs
import sys

HANDLER = "plantrack-fallback"
# One cell each, like the symbols they stand for.
ASCII = {
    "✓": "v", "✔": "v", "✗": "x", "✘": "x", "‼": "!", "⚠": "!", "█": "#", "▉": "#", "▊": "#", "▋": "#", "▌": "#",
    "▍": "#", "▎": "#", "▏": "#", "░": ".", "▒": ":", "▓": "#", "┃": "|", "│": "|", "║": "|", "━": "=", "─": "-",
    "═": "=", "…": ".", "–": "-", "—": "-", "→": ">", "←": "<", "·": ".", "≥": ">", "≤": "<", "×": "x", "“": '"',
    "”": '"', "‘": "'", "’": "'", "•": "*",
}


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    from unicodedata import east_asian_width

    bad = error.object[error.start:error.end]
    # Box drawing (U+2500-257F) not in the table: a corner or a tee, drawn as "+"; a Chinese character (two
    # cells) as "??", so columns stay where Rich measured them.
    return "".join(ASCII.get(c) or ("+" if "\u2500" <= c <= "\u257f" else
                                    "??" if east_asian_width(c) in "WF" else "?") for c in bad), error.end


def _utf8(stream: object) -> bool:
    encoding = getattr(stream, "encoding", None) or ""
    return codecs.lookup(encoding).name == "utf-8" if encoding else True


def install() -> None:
    """Make sys.stdout and sys.stderr unable to fail on a character (see the module docstring)."""
    codecs.register_error(HANDLER, _fallback)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and not _utf8(stream) and hasattr(stream, "reconfigure"):
                stream.reconfigure(errors=HANDLER)
        except (LookupError, ValueError, OSError):  # an unknown encoding name, a closed or odd stream
            pass
