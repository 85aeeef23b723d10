"""JSON with exact numbers: a Decimal is written with its own digits, never through float.

json.dumps can only write a Decimal via float (999999999999999.9999 would become 1000000000000000.0).
Each Decimal is first written as a string carrying a random token, then the quotes and tokens are removed,
so the result is ordinary JSON with exact numbers. The token is random per process (64 bits, drawn at the
first call), so no plan text can fake it: the files were written before it existed, and it is never output.
(Per call it was a new regular expression each time: compiling it was most of the time of a JSON Lines export,
which calls dumps once a line, issue 19.)
"""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal


def dumps(obj: object, indent: int | None = 2) -> str:
    global _token, _marked
    if _token is None or _marked is None:
        _token = os.urandom(8).hex()  # not `secrets`: it imports hashlib and random, 5 ms at every start
        _marked = re.compile(f'"{_token}(-?[0-9]+(?:\\.[0-9]+)?){_token}"')
    token = _token

    def default(value: object) -> object:
        if isinstance(value, Decimal):
            if not value.is_finite():
                raise ValueError(f"not a finite number: {value}")
            return f"{token}{value:f}{token}"
        raise TypeError(f"{type(value).__name__} is not JSON serializable")

    text = json.dumps(obj, ensure_ascii=False, indent=indent, default=default)
    return no_commands(_marked.sub(r"\1", text))


_token: str | None = None
_marked: re.Pattern[str] | None = None


def no_commands(json_text: str) -> str:
    """JSON in which no line holds a CI workflow command, with every string's value unchanged.

    A JSON line never starts with `::` (each starts with a bracket, a quote or a digit), but "##[" in a string
    would be a legacy GitHub (or, as "##vso[", an Azure Pipelines) command anywhere in its line. Outside strings
    JSON has no `#`, so writing that [ as the JSON escape \\u005b keeps the data exact and the line inert.
    """
    if "##" not in json_text:
        return json_text
    return json_text.replace("##[", "##\\u005b").replace("##vso[", "##vso\\u005b")
