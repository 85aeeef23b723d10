"""`extract --apply`'s changes: the figures extract/ proposed, made into `changes.Change`s for recording.record,
the path `record` and `import` take. Beside changes.py, in the write stage: extract/ (read) may not import it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plantrack.changes import Change

if TYPE_CHECKING:
    from plantrack.extract.figures import Figure


def changes(figures: list[Figure], name: str) -> tuple[list[Change], list[int]]:
    """One change per indicator and year (a level and a rate read for one year go together), and its line.
    `name`: the file's name, in each source."""
    grouped: dict[tuple[str, int], list[Figure]] = {}
    for f in figures:
        if f.skipped is None and f.indicator is not None and f.year is not None:
            grouped.setdefault((f.indicator.id, f.year), []).append(f)
    out, lines = [], []
    for (ind, year), group in grouped.items():
        level = next((f for f in group if f.typed is not None), None)
        rate = next((f.rate for f in group if f.rate is not None), None)
        sources = "；".join(dict.fromkeys(f.source(name) for f in group))
        out.append(Change(ind, year, level.typed[0] if level and level.typed else None,
                          None if rate is None else str(rate), level.typed[1] if level and level.typed else None,
                          source=sources))
        lines.append(group[0].line)
    return out, lines
