"""The plan file and the actuals file, as pydantic models.

Strict on purpose: a misspelled key is an error, "12" and true are not numbers, and numbers stay Decimal
(TOML floats are parsed as Decimal before they get here). Checks that need the whole plan live in checks.py.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema

ID_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
ID_RE = re.compile(ID_PATTERN)
_PLAIN = re.compile(r"^[+-]?[0-9_]+(\.[0-9_]+)?$")
# Numbers beyond this are typing accidents, not statistics.
MAX_MAGNITUDE = Decimal("1e15")

Kind = Literal["annual_rate", "total_change", "cumulative", "level", "qualitative"]
RATE_KINDS = ("annual_rate", "total_change")
Direction = Literal["increase", "decrease"]
Attribute = Literal["expected", "binding"]
STATUS_WORDS = ("achieved", "ahead", "on_track", "behind", "far_behind", "missed", "no_data")
Assessment = Literal["achieved", "ahead", "on_track", "behind", "far_behind", "missed"]


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
        raise ValueError(f"{value} 超出范围（绝对值须小于 10^15）/ is out of range (|x| < 10^15)")
    return number


def _target(value: Any) -> Decimal | str:
    return value if isinstance(value, str) else parse_number(value)


def _plain_id(value: Any) -> str:
    if not isinstance(value, str) or not ID_RE.match(value):
        raise ValueError(
            f"{value!r} 不是合法的编号：只能用小写字母、数字和连字符，首尾为字母或数字，最长 64 位 "
            "/ ids use a-z, 0-9 and '-', start and end with a letter or digit, at most 64 characters"
        )
    return value


Number = Annotated[Decimal, PlainValidator(parse_number), WithJsonSchema({"type": "number"})]
Target = Annotated[
    Decimal | str, PlainValidator(_target), WithJsonSchema({"type": ["number", "string"]})
]
Id = Annotated[str, PlainValidator(_plain_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN})]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Thresholds(_Strict):
    """Pace-ratio bands (progress.md): R >= ahead, R >= on_track, R >= behind, else far behind."""

    ahead: Number = Decimal("1.05")
    on_track: Number = Decimal("0.95")
    behind: Number = Decimal("0.60")


class PlanInfo(_Strict):
    id: Id
    name: str
    name_en: str = ""
    region: str = ""
    start: int
    end: int
    base_year: int | None = None
    source: str = ""
    units: list[str] = Field(default_factory=list)
    thresholds: Thresholds = Field(default_factory=Thresholds)

    @property
    def base(self) -> int:
        return self.base_year if self.base_year is not None else self.start - 1


class Indicator(_Strict):
    id: Id
    no: int
    name: str
    name_en: str = ""
    attribute: Attribute = "expected"
    kind: Kind
    direction: Direction = "increase"
    unit: str = ""  # required for every kind but qualitative (checks.py)
    target: Target
    value_unit: str | None = None
    net: bool = False
    note: str = ""

    @property
    def is_rate(self) -> bool:
        return self.kind in RATE_KINDS

    @property
    def binding(self) -> bool:
        return self.attribute == "binding"

    @property
    def level_unit(self) -> str | None:
        """The unit yearly values are compared in: value_unit for rate kinds, unit otherwise."""
        if self.kind in RATE_KINDS:
            return self.value_unit
        return None if self.kind == "qualitative" else self.unit


class PlanFile(_Strict):
    """plans/<id>/plan.toml"""

    plan: PlanInfo
    indicators: list[Indicator]


class Revision(_Strict):
    """An entry as it was before `record --force` replaced it."""

    value: Number | None = None
    rate: Number | None = None
    unit: str | None = None
    assessment: Assessment | None = None
    source: str = ""
    note: str = ""
    recorded_at: datetime | date | None = None
    replaced_at: datetime | date | None = None


class Entry(_Strict):
    """One indicator-year in actuals.toml: `[<indicator-id>.<year>]`."""

    value: Number | None = None
    rate: Number | None = None
    unit: str | None = None
    assessment: Assessment | None = None
    source: str = ""
    note: str = ""
    recorded_at: datetime | date | None = None
    revisions: list[Revision] = Field(default_factory=list)
