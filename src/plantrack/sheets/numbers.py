"""Figures as a statistics bureau writes them in a table (issue 28, item 2): the one place import reads them, for
CSV, JSON and workbooks alike.

`3,180,000` and `3，180，000` (well-formed groups of three only: `1,5` stays refused, reliability promise 3),
full-width digits `４８．９`, a unit written in the cell `48.9亿元`, and a cell holding only a dash, slash or
ellipsis as "no figure". What was read is said back (`how`), so that `import --dry-run` lists every reading
before anything is written. Anything else is left exactly as written, for changes.parse_typed_number to refuse
by its text. `record` on the command line stays strict: a person typing one number sees the refusal at once.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

# What a bureau writes where a year has no figure. A blank cell is "no figure" too (and says nothing).
NO_FIGURE = frozenset({"—", "——", "-", "–", "－", "/", "／", "…", "……", "..."})
# Full-width digits, point and signs from a Chinese input method, and the typographic minus (figures.py reads a
# note's ２０２５年 through it too).
WIDE = str.maketrans("０１２３４５６７８９．－＋−", "0123456789.-+-")
# A number, maybe with separators, then maybe a unit: the unit is only taken when it is a unit the plan knows.
_SPLIT = re.compile(r"^([+-]?[0-9][0-9,，]*(?:\.[0-9]+)?)\s*(\S*)$")
_GROUPED = re.compile(r"^[+-]?[0-9]{1,3}(?:[,，][0-9]{3})+(?:\.[0-9]+)?$")
NO_FIGURE_WORDS = "无数据 / no figure"
# What read_figure takes, for a refusal of a cell it could not read (changes.Words.form: after "须为数字，" / "must be").
ACCEPTS = ("例如 512000、3,180,000 或 27.72（逗号只能每三位一组；单位可写在数字后，如 48.9亿元，须能换算成该指标的单位）",
           "a number such as 512000, 3,180,000 or 27.72 (commas only between groups of three digits; a unit after "
           "the number, as in 48.9亿元, must convert to the indicator's unit)")


@dataclass(frozen=True)
class Reading:
    number: str | None     # the figure as plain ASCII text; None: the cell says "no figure"
    unit: str | None = None
    how: str = ""          # "3,180,000 → 3180000"; "" when the cell is read exactly as written


def read_figure(cell: str, units: Collection[str]) -> Reading:
    """A value or rate cell as a person reads it; anything unclear is returned as written (and refused later)."""
    text = cell.strip()
    if text in NO_FIGURE:
        return Reading(None, how=f"{text} → {NO_FIGURE_WORDS}")
    m = _SPLIT.match(text.translate(WIDE))
    if m is None:
        return Reading(text)
    number, unit = m.group(1), m.group(2)
    if unit and unit not in units:
        return Reading(text)  # 12a, 1e400, 5桶: not a number with a unit this plan knows
    if "," in number or "，" in number:
        if not _GROUPED.match(number):
            return Reading(text)  # 1,5 or 31,80,000: not thousands separators
        number = number.replace(",", "").replace("，", "")
    read = Reading(number, unit or None)
    if number == text:
        return read
    return Reading(number, unit or None, f"{text} → {number}" + (f" {unit}" if unit else ""))
