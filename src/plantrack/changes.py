"""A change as the user typed it (`record`, a row of `import`, a figure of `extract`), made into the entry to
store: numbers and years as typed, the unit, checked exactly as `check` checks an entry, the old entry kept as a
revision. recording.py writes what this builds."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from plantrack.check.rules import entry_problems, source_problem, year_problem
from plantrack.errors import EXIT_FINDINGS, PlantrackError, usage_error
from plantrack.fields import MAX_MAGNITUDE, PLACES_PROBLEM, RANGE_PROBLEM, RATE_KINDS, too_many_places
from plantrack.models import Entry, Indicator
from plantrack.plan import Plan, describe
from plantrack.text import safe
from plantrack.units import KNOWN_UNITS, can_convert, convertible_to, known_units

if TYPE_CHECKING:
    from plantrack.fields import Assessment


# ASCII digits only: a full-width １２ from a Chinese input method is refused by name, not read silently.
_NUMBER = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")


@dataclass(frozen=True)
class Words:
    """What the person giving a change calls its fields, and what a number may look like there: a refusal names
    the field they filled in, in their words. The command line's by default; an import row names its sheet's
    columns (sheets/layout.py, with sheets/numbers.ACCEPTS); the web form its fields (数值, 增长率, 单位)."""

    value: str = "VALUE"
    rate: str = "--rate"
    unit: str = "--unit"
    # (中文, English) after "须为数字，" / "must be": what is taken where the number was typed.
    form: tuple[str, str] = ("例如 512000、27.72 或 -3（半角数字，不带逗号、单位或科学计数法）",
                             "a plain decimal number such as 512000 or 27.72")


CLI_WORDS = Words()


@dataclass(frozen=True)
class Change:
    """One indicator-year to store, as typed."""

    indicator: str            # id, 序号 or name
    year: int
    value: str | None = None
    rate: str | None = None
    unit: str | None = None
    assessment: str | None = None
    source: str = ""
    note: str = ""
    words: Words = CLI_WORDS  # how its refusals name its fields


def parse_typed_number(text: str, what: str, form: tuple[str, str] = CLI_WORDS.form) -> Decimal:
    """A number exactly as typed on the command line or in an import CSV: 512000, 27.72, -3. Not 1,5 or 12a or
    1e400 or NaN. Text, unlike fields.parse_number, which takes the values TOML has already parsed. `what`
    names the field and `form` says what is taken, in the caller's words (Words)."""
    cleaned = text.strip()
    if not _NUMBER.match(cleaned):
        raise usage_error(f"{what} 须为数字，{form[0]}，而不是 {text!r} / {what} must be {form[1]}, not {text!r}")
    number = Decimal(cleaned)
    if abs(number) >= MAX_MAGNITUDE:
        raise usage_error(f"{what} {text} {RANGE_PROBLEM}")
    if too_many_places(number):
        raise usage_error(f"{what} {cleaned} {PLACES_PROBLEM}")
    return number


def parse_year(text: str) -> int:
    """YEAR as four ASCII digits, 年 allowed after them (years.py; a full-width ２０２２ is refused by name)."""
    from plantrack.years import year_in

    year = year_in(text)
    if year is None:
        raise usage_error(f"YEAR 须为四位半角数字，例如 2022 或 2022年，而不是 {text!r} / YEAR must be four digits such "
                          "as 2022")
    return year


def build_entry(plan: Plan, ind: Indicator, change: Change, now: datetime, require_source: bool = False) -> Entry:
    """The entry to store, or a usage error naming the bad argument and what is allowed."""
    info = plan.info
    if problem := year_problem(info, change.year):  # a year after retired: entry_problems names the retirement
        raise usage_error(problem)
    words = change.words
    value = None if change.value is None else parse_typed_number(change.value, words.value, words.form)
    rate = None if change.rate is None else parse_typed_number(change.rate, words.rate, words.form)
    if rate is not None and ind.kind not in RATE_KINDS:
        raise usage_error(
            f"{ind.id} 是 {ind.kind} 指标，不记增长率 {words.rate}；请直接给出当年数值 {words.value} / "
            f"{words.rate} is only for annual_rate and total_change indicators: give the year's {words.value}"
        )
    unit = _unit(plan, ind, change.unit, value, words.unit)
    # The assessment as typed: entry_problems below refuses a word that is not one of models.Assessment.
    entry = Entry(value=value, rate=rate, unit=unit, assessment=cast("Assessment | None", change.assessment),
                  source=change.source, note=change.note, recorded_at=now)
    problems = entry_problems(ind, change.year, entry, info)
    if missing := source_problem(entry, require_source):
        problems.append(("source", f"{ind.id} {change.year} {missing}"))
    if problems:
        raise usage_error("; ".join(f"{key or 'year'}: {message}" for key, message in problems))
    return entry


def _unit(plan: Plan, ind: Indicator, unit: str | None, value: Decimal | None, what: str) -> str | None:
    """The unit to store; `what` names where it was given (--unit, an import's unit column, the form's 单位)."""
    target = ind.level_unit
    if unit is None:
        return target if value is not None else None
    if unit not in known_units(plan.info.units):
        known = "、".join(KNOWN_UNITS)
        raise usage_error(f"{what} {unit!r} 不是已知单位；可用：{known} / {what} {unit!r} is not a known unit; "
                          f"use one of: {known}")
    if target is None:
        raise usage_error(f"{what} {unit}：{ind.id} 只记增长率，没有数值单位；请去掉单位 / {what} {unit}: {ind.id} records "
                          "rates only, it has no unit for a value; leave the unit out")
    if not can_convert(unit, target):
        allowed = "、".join(convertible_to(target))
        raise usage_error(f"{what} {unit} 不能换算成该指标的单位 {target}；可用：{allowed} / {what} {unit} cannot be "
                          f"converted to the indicator's unit {target}; use one of: {allowed}")
    return unit


def apply(plan: Plan, ind: Indicator, year: int, entry: Entry, force: bool, now: datetime) -> tuple[Entry, Entry | None]:
    """The entry as stored (with the old one kept as a revision under --force), and the old one."""
    old = plan.records(ind.id).get(year)
    if old is None:
        return entry, None
    # After `record --delete` the year has no figure: recording it again needs no --force, and the removal
    # record becomes a revision, so the history keeps the removal, its reason and the figure it took away.
    if not force and old.removed is None:
        # Sources and units are plan text: a newline in one must not split this one-line message (the error
        # printer keeps the message's own line breaks), so every control character is escaped here.
        raise PlantrackError(
            f"{ind.id} {year} 已有记录：{safe(describe(old, ind))}；新值：{safe(describe(entry, ind))}。"
            f"如确需修改，请加 --force（旧值会保存在修订记录中）/ {year} already has an actual: "
            "add --force to replace it (the old entry is kept as a revision)",
            code=EXIT_FINDINGS,
        )
    return dataclasses.replace(entry, revisions=[*old.revisions, old.as_revision(now)]), old


def same_entry(ind: Indicator, old: Entry, new: Entry) -> bool:
    """The same figure again: value, rate, unit, assessment, source and note equal (recorded_at aside).

    Numbers compare by value (5.9 and 5.90 are one figure); a unit left out means the indicator's own."""
    unit = ind.level_unit
    return (old.removed == new.removed and old.value == new.value and old.rate == new.rate
            and old.assessment == new.assessment
            and (old.unit or unit if old.value is not None else None) == (new.unit or unit if new.value is not None else None)
            and old.source == new.source and old.note == new.note)
