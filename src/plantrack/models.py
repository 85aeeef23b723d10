"""The plan file and the actuals file: frozen dataclasses that pydantic validates.

Strict on purpose: a misspelled key is an error, "12" and true are not numbers, and numbers stay Decimal
(TOML floats are parsed as Decimal before they get here). Checks that need the whole plan live in check/rules.py.

Why stdlib dataclasses and not pydantic.BaseModel: importing pydantic and building model classes costs about
150 ms, paid by every command. Here the types are plain; each annotation carries a small marker that tells
pydantic how to validate it (`__get_pydantic_core_schema__`), and pydantic is imported only in check/schema.py,
when a file is actually validated. See docs/performance.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from plantrack.fields import (
    Assessment,
    Attribute,
    Bool,
    Day,
    Direction,
    Id,
    Int,
    Kind,
    Number,
    RATE_KINDS,
    Target,
    Text,
    When,
)


# extra="forbid": a misspelled key is an error, never silently ignored.
MODEL_CONFIG = {"extra": "forbid"}


def _decimals(obj: Any, *names: str) -> None:
    """Direct construction from Python (tests, tools) may pass ints; the domain always holds Decimal."""
    for name in names:
        value = getattr(obj, name)
        if isinstance(value, int) and not isinstance(value, bool):
            object.__setattr__(obj, name, Decimal(value))


@dataclass(frozen=True)
class Thresholds:
    """Pace-ratio bands (progress.md): R >= ahead, R >= on_track, R >= behind, else far behind."""

    __pydantic_config__ = MODEL_CONFIG
    ahead: Number = Decimal("1.05")
    on_track: Number = Decimal("0.95")
    behind: Number = Decimal("0.60")

    def __post_init__(self) -> None:
        _decimals(self, "ahead", "on_track", "behind")


@dataclass(frozen=True)
class PlanInfo:
    """规划基本信息 / The [plan] table: which plan, its period, and the thresholds its verdicts use."""

    __pydantic_config__ = MODEL_CONFIG
    id: Id
    name: Text
    start: Int
    end: Int
    name_en: Text = ""
    region: Text = ""
    base_year: Int | None = None
    source: Text = ""
    units: list[Text] = field(default_factory=list)
    thresholds: Thresholds = field(default_factory=Thresholds)
    # Issue 19: the name the overview shows (checks: one line, at most SHORT_NAME_WIDTH columns), and the plans
    # whose figures add up to this one's (check/cycle/members.py checks they exist, form no cycle, have compatible units).
    short_name: Text = ""
    members: list[Id] = field(default_factory=list)
    # Successive and finished plans (decisions.md; succession.py, closing.py).
    previous: Id | None = None
    closed: Day | None = None

    @property
    def base(self) -> int:
        return self.base_year if self.base_year is not None else self.start - 1


@dataclass(frozen=True)
class Adjustment:
    """中期调整 / One [[indicators.adjustments]] table: the target in force from `year` on (issue 30), and the
    document that approved it. check/adjustments.py checks it against the plan (year, order, the kind's rules)."""

    __pydantic_config__ = MODEL_CONFIG
    year: Int
    target: Target
    source: Text
    reason: Text = ""

    def __post_init__(self) -> None:
        _decimals(self, "target")


@dataclass(frozen=True)
class Indicator:
    """一项指标 / One [[indicators]] table: a target and how progress towards it is measured."""

    __pydantic_config__ = MODEL_CONFIG
    id: Id
    no: Int
    name: Text
    kind: Kind
    target: Target
    name_en: Text = ""
    attribute: Attribute = "expected"
    direction: Direction = "increase"
    unit: Text = ""  # required for every kind but qualitative (check/rules.py)
    value_unit: Text | None = None
    net: Bool = False
    note: Text = ""
    # Issue 19: the matrix column of an indicator whose id differs between plans, and the members' sum shown
    # beside this figure (check/cycle/members.py: cumulative or level, money or counts only).
    group: Id | None = None
    rollup: Literal["sum"] | None = None
    previous_id: Id | None = None  # the previous plan's id for this indicator, when renamed (succession.py)
    # Other names a bulletin uses for this indicator (issue 32: `extract` reads them; check/rules.py keeps each
    # naming one indicator only).
    aliases: list[Text] = field(default_factory=list)
    # Issue 30: mid-term adjustments (ascending by year, one a year), and an indicator added or retired mid-plan.
    adjustments: list[Adjustment] = field(default_factory=list)
    first_year: Int | None = None
    retired: Int | None = None
    retired_reason: Text = ""

    def __post_init__(self) -> None:
        _decimals(self, "target")

    def adjustment_at(self, year: int) -> Adjustment | None:
        """The adjustment in force at evaluation year `year`: the latest one whose year is `year` or before; None
        when the original target is (docs/progress.md, "Target adjustments"). The one home of this rule: the
        engine, explain and every presenter ask here."""
        found = None
        for adjustment in self.adjustments:  # ascending (checked), but the rule does not rely on it
            if adjustment.year <= year and (found is None or adjustment.year > found.year):
                found = adjustment
        return found

    def judged_at(self, year: int) -> Indicator:
        """This indicator with the target in force at `year`: what the engine measures against."""
        adjustment = self.adjustment_at(year) if self.adjustments else None
        return self if adjustment is None else replace(self, target=adjustment.target)

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


@dataclass(frozen=True)
class PlanFile:
    """plans/<id>/plan.toml"""

    __pydantic_config__ = MODEL_CONFIG
    plan: PlanInfo
    indicators: list[Indicator]


@dataclass(frozen=True)
class Recorded:
    """What an entry of actuals.toml holds, and each of its revisions (Entry, Revision): one list of fields."""

    __pydantic_config__ = MODEL_CONFIG
    value: Number | None = None
    rate: Number | None = None
    unit: Text | None = None
    assessment: Assessment | None = None
    source: Text = ""
    note: Text = ""
    recorded_at: When | None = None
    removed: Text | None = None

    def __post_init__(self) -> None:
        _decimals(self, "value", "rate")


@dataclass(frozen=True)
class Revision(Recorded):
    """An entry as it was before `record --force` replaced it."""

    replaced_at: When | None = None


@dataclass(frozen=True)
class Entry(Recorded):
    """One indicator-year in actuals.toml: `[<indicator-id>.<year>]`.

    `removed` (the reason) makes it a removal record (`record --delete`, removal.py): no figure, the figure it
    took away kept as its last revision. Plan.entries leaves it out; history, export --with-history and the
    writer keep it, so a removal is seen and can be undone."""

    revisions: list[Revision] = field(default_factory=list)

    def as_revision(self, replaced_at: datetime) -> Revision:
        """This entry kept as a revision, replaced (by `record --force`, a removal, a restore) at `replaced_at`."""
        return Revision(**{k: getattr(self, k) for k in ENTRY_KEYS}, replaced_at=replaced_at)


# The keys of an entry's table in actuals.toml, in the order they are written, shared by its revisions (which add
# replaced_at): taken from Entry itself, so a new field is written, revised and listed without a second list.
ENTRY_KEYS: tuple[str, ...] = tuple(f.name for f in fields(Entry) if f.name != "revisions")
