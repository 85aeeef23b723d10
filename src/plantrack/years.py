"""A year as people write it: 2023, 2023年, "2023 年" — one rule for the command line (YEAR, --as-of) and for the
year columns of a spreadsheet (issue 29: `--as-of 2023年` was refused while a CSV header `2021年` was read)."""

from __future__ import annotations

import re

# Four ASCII digits, optionally followed by 年. Full-width digits (２０２３) stay refused by name: a year typed
# with the input method still in full-width mode is most often a slip elsewhere too.
YEAR_TEXT = re.compile(r"^\s*([0-9]+)\s*年?\s*$")


def year_in(text: str, any_length: bool = False) -> int | None:
    """The year `text` names (2023, 2023年, 2023 年), or None. `any_length`: any run of digits (`--as-of 20255`
    is then refused by the range of years the plans cover, which names them)."""
    found = YEAR_TEXT.match(text)
    if found is None or (not any_length and len(found.group(1)) != 4):
        return None
    return int(found.group(1))
