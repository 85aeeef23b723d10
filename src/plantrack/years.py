"""A year as people write it: 2023, 2023年, "2023 年" — one rule for the command line (YEAR, --as-of) and for the
year columns of a spreadsheet (issue 29: `--as-of 2023年` was refused while a CSV header `2021年` was read)."""

from __future__ import annotations

import re

# Four ASCII digits, optionally followed by 年. Full-width digits (２０２３) stay refused by name: a year typed
# with the input method still in full-width mode is most often a slip elsewhere too.
YEAR_TEXT = re.compile(r"^\s*([0-9]{4})\s*年?\s*$")


def year_in(text: str) -> int | None:
    """The year `text` names (2023, 2023年, 2023 年), or None."""
    found = YEAR_TEXT.match(text)
    return int(found.group(1)) if found else None
