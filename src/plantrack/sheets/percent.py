"""Whether a spreadsheet number format shows a percentage, and with how many decimals (issue 25, item 1)."""

from __future__ import annotations


def percent_places(fmt: str) -> int | None:
    """The decimals a percent format shows (`0.0%` → 1, `0%` → 0, `#,##0.00%;[Red]-0.00%` → 2), or None when the
    format shows no percentage. Only the first section counts (the one for positive numbers; Excel's sections
    differ in sign and colour, not in scale). A % inside quotes, after a backslash or in [brackets] is text."""
    bare = []
    quoted = escaped = bracket = False
    for ch in fmt:
        if escaped:
            escaped = False
        elif quoted:
            quoted = ch != '"'
        elif bracket:
            bracket = ch != "]"
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            quoted = True
        elif ch == "[":
            bracket = True
        elif ch == ";":
            break
        else:
            bare.append(ch)
    text = "".join(bare)
    if "%" not in text:
        return None
    if "." not in text:
        return 0
    after = text.split(".", 1)[1]
    return sum(1 for ch in after if ch in "0#?")
