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

Path = tuple[str | int, ...]


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
        self._scan(text)

    def _record(self, path: Path, line: int, col: int) -> None:
        if path in self.positions:
            self.duplicates.append((path, line, col))
        else:
            self.positions[path] = (line, col)

    def _scan(self, text: str) -> None:
        table: Path = ()
        aot_counts: dict[tuple[str, ...], int] = {}
        in_multiline = False
        for lineno, line in enumerate(text.splitlines(), start=1):
            # Skip the inside of multi-line strings: a line there is text, not a key.
            if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
                was_inside, in_multiline = in_multiline, not in_multiline
                if was_inside:
                    continue
            elif in_multiline:
                continue
            col = len(line) - len(line.lstrip()) + 1
            if m := _AOT_HEADER.match(line):
                name = _parts(m.group(1))
                index = aot_counts.get(name, -1) + 1
                aot_counts[name] = index
                table = (*name, index)
                self._record(table, lineno, col)
            elif m := _HEADER.match(line):
                table = self._resolve(_parts(m.group(1)), aot_counts)
                self._record(table, lineno, col)
            elif m := _KEY_LINE.match(line):
                self._record((*table, *_parts(m.group(1))), lineno, col)

    @staticmethod
    def _resolve(name: tuple[str, ...], aot_counts: dict[tuple[str, ...], int]) -> Path:
        # A sub-table of an array of tables ([indicators.extra]) belongs to its latest element.
        for cut in range(len(name), 0, -1):
            if name[:cut] in aot_counts:
                return (*name[:cut], aot_counts[name[:cut]], *name[cut:])
        return name

    def find(self, path: Sequence[str | int]) -> tuple[int, int]:
        """The position of `path`, else of its first sub-key, else of its nearest enclosing key, else 1:1."""
        path = tuple(path)
        if path and path not in self.positions:
            # `[a.2021]` defines `a` implicitly: `a` itself has no line, its first sub-table does.
            inside = [pos for key, pos in self.positions.items() if key[: len(path)] == path]
            if inside:
                return min(inside)
        for cut in range(len(path), 0, -1):
            if path[:cut] in self.positions:
                return self.positions[path[:cut]]
        return (1, 1)
