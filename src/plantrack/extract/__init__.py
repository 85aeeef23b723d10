"""Figures read out of a bulletin, a work report or a news page (issue 32): `plantrack extract`.

patterns.py holds every rule (one module a person can read, docs/recording.md "Figures from text"); reading.py
decodes and cleans the text and cuts it into sentences; figures.py applies the rules to a plan's indicators.
Nothing here writes: `extract --apply` hands the proposals to recording.record, the path `record` and `import`
take. Core: no typer, no rich.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plantrack.extract.figures import Figure
    from plantrack.plan import Plan


def extract(data: bytes, display: str, plan: Plan) -> list[Figure]:
    """Every figure in the text `data` (the file `display`) for the plan's indicators, proposed or skipped."""
    from plantrack.extract.figures import read
    from plantrack.extract.reading import clean, decode, sentences, simplifier

    text = clean(decode(data, display))
    return read(plan, sentences(text, simplifier(text)))
