"""The kinds of value a plan file holds, each with its rule: ids, plain decimal numbers, text, dates, and the
small markers that tell pydantic how to validate them (`Rule`). models.py builds the files' dataclasses from
these; pydantic itself is imported only in check/schema.py, when a file is actually validated (see models.py).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Any, Literal



ID_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
ID_RE = re.compile(ID_PATTERN)
_PLAIN = re.compile(r"^[+-]?[0-9_]+(\.[0-9_]+)?$")
# Numbers beyond this are typing accidents, not statistics.
MAX_MAGNITUDE = Decimal("1e15")
RANGE_PROBLEM = "超出范围（绝对值须小于 10^15）/ is out of range (|x| < 10^15)"
# Totals are summed in a 28-digit Decimal context: with |x| < 10^15 and at most 10 decimal places, a sum of up
# to 1,000 numbers needs at most 28 digits, so it is exact. More places would be rounded silently (issue 13).
MAX_PLACES = 10
PLACES_PROBLEM = (f"小数位数过多（最多 {MAX_PLACES} 位，否则合计会被舍入）/ "
                  f"too many decimal places (at most {MAX_PLACES}, or totals would be rounded)")


def too_many_places(number: Decimal) -> bool:
    exponent = number.as_tuple().exponent
    return isinstance(exponent, int) and exponent < -MAX_PLACES

Kind = Literal["annual_rate", "total_change", "cumulative", "level", "qualitative"]
RATE_KINDS = ("annual_rate", "total_change")
Direction = Literal["increase", "decrease"]
Attribute = Literal["expected", "binding"]
# The words of verdicts.ASSESSMENTS, as a type (tests/test_layers.py holds them equal).
Assessment = Literal["achieved", "nearly_met", "ahead", "on_track", "behind", "far_behind", "missed"]


class NotPlain:
    """A TOML float written with an exponent, or nan/inf: kept as text so it can be refused by name.

    Deliberately not a str, so it can never pass as text (a name or a qualitative target).
    """

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text


def plain_decimal(text: str) -> Decimal | NotPlain:
    """tomllib's parse_float: 27.72 -> Decimal('27.72'); 6.24e1, nan, inf -> NotPlain."""
    if _PLAIN.match(text):
        return Decimal(text.replace("_", ""))
    return NotPlain(text)


def _describe(value: Any) -> tuple[str, str]:
    if isinstance(value, bool):
        return f"布尔值 {str(value).lower()}", f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f'文字 "{value}"，请去掉引号', f'the string "{value}": remove the quotes'
    return f"{type(value).__name__} {value!r}", f"{type(value).__name__} {value!r}"


def parse_number(value: Any) -> Decimal:
    """Accept a TOML integer or decimal; refuse everything else by name (no silent coercion)."""
    if isinstance(value, NotPlain):
        if value.text.lstrip("+-") in ("nan", "inf"):
            raise ValueError(f"{value.text} 不是有限数字 / is not a finite number")
        raise ValueError(f"科学计数法 {value.text} 不可用，请写成普通小数，例如 62.4 / "
                         "exponent notation is not allowed: write a plain decimal such as 62.4")
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        zh, en = _describe(value)
        raise ValueError(f"应为数字，而不是{zh} / must be a number, not {en}")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"{value} 不是有限数字 / is not a finite number")
    if abs(number) >= MAX_MAGNITUDE:
        raise ValueError(f"{value} {RANGE_PROBLEM}")
    if too_many_places(number):
        raise ValueError(f"{value} {PLACES_PROBLEM}")
    return number


def _target(value: Any) -> Decimal | str:
    return value if isinstance(value, str) else parse_number(value)


def id_problem(value: object, what: str = "") -> str | None:
    """Why `value` is not an id (a plan's, `what` = "plan ", or an indicator's), or None: the one id rule and
    its message, for plan files, `--plan` and `init`. An id becomes a folder name (reliability.md, promise 5)."""
    # fullmatch: with match, the pattern's $ also matches before a final line feed, and "gdp\n" passed as an id.
    if isinstance(value, str) and ID_RE.fullmatch(value):
        return None
    return (f"{value!r} 不是合法的编号：只能用小写字母、数字和连字符，首尾为字母或数字，最长 64 位 / "
            f"{what}ids use a-z, 0-9 and '-' only, start and end with a letter or digit, at most 64 characters")


def _plain_id(value: Any) -> str:
    if problem := id_problem(value):
        raise ValueError(problem)
    return value  # type: ignore[no-any-return]


class Rule:
    """An annotation marker: validate with `check` (a plain function), describe with `json_schema`."""

    def __init__(self, check: Any, json_schema: dict[str, Any]):
        self.check = check
        self.json_schema = json_schema

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(self.check)

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        return dict(self.json_schema)


def _exactly(kind: type, name: str, zh: str) -> Any:
    def check(value: Any) -> Any:
        # bool is an int in Python; TOML's true is never a number here.
        if type(value) is not kind:
            raise ValueError(f"应为{zh}，而不是 {value!r} / must be {name}")
        return value

    return check


def _datetime(value: Any) -> datetime | date:
    if isinstance(value, time):
        # TOML's local time (`10:00:00`): its repr (datetime.time(10, 0)) would mean nothing to a clerk.
        raise ValueError(f"应为日期或日期时间，例如 2022-03-31 或 2022-03-31T10:00:00，而不是只有时间 {value.isoformat()} / "
                         f"must be a date or a date-time such as 2022-03-31 or 2022-03-31T10:00:00, "
                         f"not a time of day alone ({value.isoformat()})")
    if not isinstance(value, date):  # datetime is a date
        zh, en = _describe(value)
        raise ValueError(f"应为日期或日期时间，例如 2022-03-31 或 2022-03-31T10:00:00，而不是{zh} / "
                         f"must be a date or a date-time such as 2022-03-31 or 2022-03-31T10:00:00, not {en}")
    return value


Number = Annotated[Decimal, Rule(parse_number, {"type": "number"})]
Target = Annotated[Decimal | str, Rule(_target, {"type": ["number", "string"]})]
Id = Annotated[str, Rule(_plain_id, {"type": "string", "pattern": ID_PATTERN})]
Text = Annotated[str, Rule(_exactly(str, "a string in quotes", "文字（加引号）"), {"type": "string"})]
Int = Annotated[int, Rule(_exactly(int, "a whole number", "整数"), {"type": "integer"})]
Bool = Annotated[bool, Rule(_exactly(bool, "true or false", " true 或 false"), {"type": "boolean"})]
When = Annotated[datetime | date, Rule(_datetime, {"type": "string", "format": "date-time"})]


def _day(value: Any) -> date:
    # A TOML local date (2026-03-15) only: a date-time or a quoted "2026-03-15" is a different thing to TOML.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    zh, en = _describe(value) if not isinstance(value, (datetime, time)) else (f"{value.isoformat()}", value.isoformat())
    raise ValueError(f"应为日期（不加引号），例如 2026-03-15，而不是{zh} / must be a date without quotes such as "
                     f"2026-03-15, not {en}")


Day = Annotated[date, Rule(_day, {"type": "string", "format": "date"})]
