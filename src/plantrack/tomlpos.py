"""Where a key stands in a TOML text, so every finding can say FILE:LINE:COL.

tomllib returns plain dicts without positions. This scanner reads the same text line by line and records the
line and column of every table header and `key =` line under its full key path, e.g.
("indicators", 3, "target") or ("value-added-growth", "2021", "value"). It is deliberately simple: it only
has to be right for files that tomllib already parsed, and it falls back to the nearest enclosing table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_BARE = r"[A-Za-z0-9_-]+"
_PART = rf'(?:{_BARE}|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = rf"{_PART}(?:\s*\.\s*{_PART})*"
_KEY_LINE = re.compile(rf"^\s*({_DOTTED})\s*=")
_AOT_HEADER = re.compile(rf"^\s*\[\[\s*({_DOTTED})\s*\]\]")
_HEADER = re.compile(rf"^\s*\[\s*({_DOTTED})\s*\]")
_SPLIT = re.compile(_PART)
# Outside a string: where the next string or comment starts (one-line strings are skipped whole).
_OUTSIDE = re.compile(r'"""|\'\'\'|"(?:[^"\\]|\\.)*(?:"|$)|\'[^\']*(?:\'|$)|#')
# Inside a multi-line string: an escape (basic strings only) or the closing quotes (up to two more are text).
_CLOSE = {'"""': re.compile(r'\\.|"{3,}'), "'''": re.compile(r"'{3,}")}

Path = tuple[str | int, ...]


def _open_string_after(line: str, inside: str | None) -> str | None:
    """The delimiter of the multi-line string still open at the end of `line` (None if none).

    Counting delimiters per line is not enough: ''' may stand in a one-line string, a comment or the other kind
    of multi-line string.
    """
    pos = 0
    while True:
        if inside is not None:
            m = _CLOSE[inside].search(line, pos)
            while m and m.group().startswith("\\"):
                m = _CLOSE[inside].search(line, m.end())
            if m is None:
                return inside
            inside, pos = None, m.end()
        m = _OUTSIDE.search(line, pos)
        if m is None or m.group() == "#":
            return None
        if m.group() in ('"""', "'''"):
            inside = m.group()
        pos = m.end()


def _parts(dotted: str) -> tuple[str, ...]:
    out = []
    for raw in _SPLIT.findall(dotted):
        out.append(raw[1:-1] if raw[:1] in "\"'" else raw)
    return tuple(out)


class KeyIndex:
    """Line and column of each key path in a TOML document, plus the keys written twice."""

    def __init__(self, text: str):
        self.positions: dict[Path, tuple[int, int]] = {}
        self.duplicates: list[tuple[Path, int, int]] = []
        self._first_inside: dict[Path, tuple[int, int]] | None = None
        self._scan(text)

    def _record(self, path: Path, line: int, col: int) -> None:
        if path in self.positions:
            self.duplicates.append((path, line, col))
        else:
            self.positions[path] = (line, col)

    def _scan(self, text: str) -> None:
        table: Path = ()
        aot_counts: dict[Path, int] = {}  # each array of tables, by its resolved path: its latest index
        inside: str | None = None
        # Split at \n only, as tomllib counts lines: str.splitlines() also breaks at \x85, U+2028, U+2029 (and
        # \x0b-\x0c, \x1c-\x1e), which TOML allows in strings and comments, and every later line would be off.
        for lineno, line in enumerate(text.split("\n"), start=1):
            # Skip the inside of multi-line strings: a line that starts there is text, not a key.
            starts_inside, inside = inside, _open_string_after(line, inside)
            if starts_inside is not None:
                continue
            col = len(line) - len(line.lstrip()) + 1
            if m := _AOT_HEADER.match(line):
                # Counted under its parent: [[indicators.adjustments]] is (indicators, 3, adjustments, 0), the
                # first adjustment of the fourth indicator (issue 30), not the n-th in the whole file.
                name = _parts(m.group(1))
                array = (*self._resolve(name[:-1], aot_counts), name[-1])
                index = aot_counts.get(array, -1) + 1
                aot_counts[array] = index
                table = (*array, index)
                self._record(table, lineno, col)
            elif m := _HEADER.match(line):
                table = self._resolve(_parts(m.group(1)), aot_counts)
                self._record(table, lineno, col)
            elif m := _KEY_LINE.match(line):
                self._record((*table, *_parts(m.group(1))), lineno, col)

    @staticmethod
    def _resolve(name: tuple[str, ...], aot_counts: dict[Path, int]) -> Path:
        # A sub-table of an array of tables ([indicators.extra]) belongs to its latest element, at every level.
        out: list[str | int] = []
        for part in name:
            out.append(part)
            if (index := aot_counts.get(tuple(out))) is not None:
                out.append(index)
        return tuple(out)

    def find(self, path: Sequence[str | int]) -> tuple[int, int]:
        """The position of `path`, else of its first sub-key, else of its nearest enclosing key, else 1:1."""
        path = tuple(path)
        if path and path not in self.positions:
            # `[a.2021]` defines `a` implicitly: `a` itself has no line, its first sub-table does.
            if inside := self._inside().get(path):
                return inside
        for cut in range(len(path), 0, -1):
            if path[:cut] in self.positions:
                return self.positions[path[:cut]]
        return (1, 1)

    def _inside(self) -> dict[Path, tuple[int, int]]:
        """The first position under every proper prefix of a recorded path, built once on first need.

        Looking it up by scanning every key per finding made 60,000 findings take minutes (issue 13, item 12):
        one pass here keeps each lookup O(1) whatever the number of findings.
        """
        if self._first_inside is None:
            first: dict[Path, tuple[int, int]] = {}
            for key, pos in self.positions.items():
                for cut in range(1, len(key)):
                    prefix = key[:cut]
                    if prefix not in first or pos < first[prefix]:
                        first[prefix] = pos
            self._first_inside = first
        return self._first_inside
