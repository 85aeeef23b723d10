"""Plain text wrapped to the terminal's width, measured in terminal cells (a Chinese character takes two).

The one place where human text that is not a table is fitted to the width (docs/user-guide.md, "Width"): summary
lines, hints, warnings, `check`'s summary, the help and Click's usage errors (cli/helptext.py). Python's textwrap and
Click count code points, so a line of Chinese came out up to twice as wide as the terminal.

A line breaks at a space. A word wider than what is left goes on the next line whole; only a word wider than a
whole line is broken inside, beside a Chinese character: not beside a Latin letter or digit ("2022年" stays
whole), not before a closing mark like "，" or "）", not after an opening one like "（". A word holding a path, a
number or a file name (a "/", "\\" or "." beside a Latin letter or digit) is not broken that way: it is folded
after a "/" (or "\\", ",", "|") where one fits. A wrapped line goes on indented two spaces past the line's own
indent.

Pure Python, no Rich: `check` and `export` print without importing Rich (tests/test_import_guard.py).
"""

from __future__ import annotations

import os
import sys
from functools import cache

TYPE_CHECKING = False  # typing is not imported for a hint on the start-up path (docs/architecture.md)
if TYPE_CHECKING:
    from typing import Any

HANG = "  "  # how far a wrapped line's continuation is indented past the line's own indent
FALLBACK = 80  # no COLUMNS and no terminal (piped both ways): what Rich uses too

_NO_BREAK_BEFORE = frozenset("，。、；：！？）」』》〉】〕”’…·,.;:!?)]}%")
_NO_BREAK_AFTER = frozenset("（「『《〈【〔“‘([{")
_JOINERS = frozenset("/\\.")  # beside a Latin letter or digit: a path, a number, a file name, kept whole
_FOLD_AFTER = frozenset("/\\,|")  # where a word wider than the line is best broken (| between choices)
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def terminal_width() -> int:
    """The width Rich's consoles take, so that plain lines and tables agree: COLUMNS when set, else the size of
    the first of stdin, stdout, stderr that is a terminal, else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    for fd in (1, 2) if sys.platform == "win32" else (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns or FALLBACK
        except (OSError, ValueError):
            continue
    return FALLBACK


# When Rich is loaded (it draws the table beside this text), it measures: the same count as the table's, and no
# import the table path did not make already (start-up, docs/performance.md). Without Rich (`check`, `export`,
# usage errors), unicodedata, which agrees with Rich on every character plan text can hold after text.safe.
def _rich() -> Any:
    return sys.modules.get("rich.cells")


def _char_cells(char: str) -> int:
    if char < "\u0300":
        return 1
    rich = _rich()
    return int(rich.get_character_cell_size(char)) if rich is not None else _unicode_cells(char)


@cache  # a few thousand distinct characters at most; each looked up again and again
def _unicode_cells(char: str) -> int:
    from unicodedata import category, east_asian_width

    if category(char) in ("Mn", "Me", "Mc", "Cc") or char in _ZERO_WIDTH:
        return 0
    return 2 if east_asian_width(char) in ("W", "F") else 1


def cells(text: str) -> int:
    """How many terminal cells `text` takes (as rich.cells.cell_len counts them)."""
    if text.isascii():
        return len(text)
    rich = _rich()
    return int(rich.cell_len(text)) if rich is not None else sum(map(_unicode_cells, text))


def _pieces(word: str) -> list[str]:
    """`word` cut where a line may break inside it: beside a Chinese character, not beside a Latin letter or
    digit ("2022年" stays whole)."""
    if word.isascii() or _path_like(word):
        return [word]
    pieces, current = [], word[0]
    for before, char in zip(word, word[1:]):
        if (_char_cells(before) + _char_cells(char) > 2 and not _latin(before) and not _latin(char)
                and char not in _NO_BREAK_BEFORE and before not in _NO_BREAK_AFTER):
            pieces.append(current)
            current = char
        else:
            current += char
    pieces.append(current)
    return pieces


def _path_like(word: str) -> bool:
    """"plans/x/plan.toml", "2022年统计数据.xlsx", "2.58%": a "/", "\\" or "." next to a Latin letter or digit
    (in "元/万元" or "（默认）/ " the "/" is only punctuation)."""
    return any(char in _JOINERS and (i > 0 and _latin(word[i - 1]) or _latin(word[i + 1:i + 2]))
               for i, char in enumerate(word))


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _fold(piece: str, room: int) -> tuple[str, str]:
    """The longest head of `piece` that fits in `room` cells (at least one character) and ends just after a "/"
    (or "\\", "," or "|"), else the longest that fits; and the rest."""
    used = end = 0
    for end, char in enumerate(piece):
        used += _char_cells(char)
        if used > room:
            break
    else:
        return piece, ""
    end = max(end, 1)
    cut = max((i + 1 for i in range(end) if piece[i] in _FOLD_AFTER), default=end)
    return piece[:cut], piece[cut:]


def _words(text: str) -> list[tuple[str, str]]:
    """(the spaces before it, the word) for each space-separated word of `text`."""
    out, spaces = [], ""
    for part in text.split(" "):
        if part:
            out.append((spaces, part))
            spaces = " "
        elif out:
            spaces += " "
    return out


def wrap_line(line: str, width: int, hang: str = HANG, inside_words: bool = True) -> list[str]:
    """One line of text as lines of at most `width` cells (a wider word folded only when it must be). Without
    `inside_words` it breaks at spaces only (a command line: "2022年统计公报" is one argument)."""
    body = line.lstrip(" ")
    lead = line[: len(line) - len(body)]
    if len(line) * 2 <= width or cells(line) <= width:  # nearly every line: no need to measure it
        return [line]
    follow = lead + hang if cells(lead + hang) <= width // 2 else ""
    lines: list[str] = []
    current, used, empty = lead, cells(lead), True
    for spaces, word in _words(body):
        size = cells(word)
        if not empty and used + len(spaces) + size > width >= cells(follow) + size:
            lines.append(current)  # a word that fits a line of its own goes on the next one whole
            current, used, empty = follow, cells(follow), True
        if used + (0 if empty else len(spaces)) + size <= width:
            current += ("" if empty else spaces) + word
            used += (0 if empty else len(spaces)) + size
            empty = False
            continue
        # Wider than a line: broken inside, between Chinese characters, or folded.
        for i, piece in enumerate(_pieces(word) if inside_words else [word]):
            gap = spaces if i == 0 else ""
            size = cells(piece)
            if not empty and used + len(gap) + size > width:
                lines.append(current)
                current, used, empty = follow, cells(follow), True
            if empty:
                gap = ""
                while used + size > width and piece:
                    head, piece = _fold(piece, width - used)
                    lines.append(current + head)
                    current, used = follow, cells(follow)
                    size = cells(piece)
                if not piece:
                    continue
            current += gap + piece
            used += len(gap) + size
            empty = False
    if not empty or not lines:
        lines.append(current)
    return lines


def fill(text: str, width: int | None = None, hang: str = HANG) -> str:
    """`text` with each of its lines wrapped to `width` cells (the terminal's width when not given)."""
    width = terminal_width() if width is None else width
    return "\n".join(part for line in text.split("\n") for part in wrap_line(line, width, hang))
