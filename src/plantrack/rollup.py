"""Many plans side by side (issue 19): short names, and the declared roll-up of a district.

A district plan may declare `members = ["town-a", …]` in [plan] and `rollup = "sum"` on an indicator: the
overview and the report then show the members' total for the year beside the district's own recorded figure.
The district's figure is what is judged; the total is only a cross-check (its difference and the members
without a figure that year are shown). Nothing is ever summed that was not declared. Issue 30, item 3: a
cumulative indicator is checked over the period to date as well (`PeriodCheck`), and a rate indicator adds up
its levels and compares the growth they imply with the district's own rate (`RateCheck`); a member that lacks
a year a comparison needs, or has another plan period, is named and left out of that comparison whole.

Pure: no typer, no rich. The rules of members and roll-up (a member listed twice, a cycle, a unit that cannot
be added) are check's, in check/cycle/members.py; a district that breaks them is refused before any total is
made here (opening.district_findings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from plantrack.check.cycle.members import figure_unit, matching
from plantrack.check.rules import SHORT_NAME_WIDTH
from plantrack.text import width
from plantrack.numbers import EXACT, div, root, rounded
from plantrack.units import can_convert, convert

if TYPE_CHECKING:
    from collections.abc import Mapping

    from plantrack.models import Indicator, PlanInfo
    from plantrack.plan import Plan
    from plantrack.progress.result import IndicatorResult, PlanResult


def clip(text: str, columns: int) -> str:
    """`text` cut to at most `columns` terminal columns, with … when cut."""
    if width(text) <= columns:
        return text
    out, used = "", 0
    for c in text:
        w = width(c)
        if used + w > columns - 1:
            break
        out, used = out + c, used + w
    return out + "…"


def short_name(info: PlanInfo) -> str:
    """The name the overview shows: `[plan] short_name`, else the region's last part (松江区 小昆山镇 → 小昆山镇),
    else the name clipped."""
    if info.short_name:
        return info.short_name
    region = info.region.replace("/", " ").replace("·", " ").split()
    if region:
        # "上海市松江区小昆山镇" written without spaces: what follows the last 省/市/区/县 of it
        last = re.sub(r"^.*[省市区县](?=.)", "", region[-1])
        return clip(last, SHORT_NAME_WIDTH)
    return clip(info.name, SHORT_NAME_WIDTH)


# --- the cross-check ----------------------------------------------------------------------------------------

Lacking = tuple[tuple[str, tuple[int, ...]], ...]  # (member, the years it has no figure for)


@dataclass(frozen=True)
class PeriodCheck:
    """A cumulative indicator's total over the period to date, start..year, the district's beside its members'."""

    start: int
    year: int
    own: Decimal | None              # None when the district lacks a year (own_missing)
    own_missing: tuple[int, ...]
    total: Decimal | None            # the members with every year start..year, in the plan's period
    difference: Decimal | None
    counted: tuple[str, ...]
    missing: Lacking                 # members lacking a year: not summed in part

    def as_record(self) -> dict[str, object]:
        return {"start": self.start, "year": self.year, "own": self.own, "own_missing_years": list(self.own_missing),
                "members_total": self.total, "difference": self.difference, "members_counted": list(self.counted),
                "members_missing": [{"member": m, "years": list(y)} for m, y in self.missing]}


@dataclass(frozen=True)
class RateCheck:
    """A rate indicator's levels added up: the growth the members' sums imply beside the district's own rate.
    Rates are percentages in the plan's own terms (a decline for `decrease`, decisions.md)."""

    base: int                        # the district's base year B
    year: int                        # Y; the yearly rate compares Y with Y − 1
    sums: tuple[Decimal, Decimal, Decimal] | None   # the members' levels at B, Y − 1, Y (those counted)
    counted: tuple[str, ...]         # the members with a level at B, Y − 1 and Y
    missing: Lacking
    year_rate: Decimal | None        # sum_Y / sum_(Y−1) − 1
    own_year_rate: Decimal | None    # the district's recorded rate for Y, else from its own levels
    own_year_recorded: bool          # own_year_rate as recorded (compared at its own places), not worked out
    year_agrees: bool | None         # equal at the places the district's rate is compared at
    average: Decimal | None          # annual_rate: (sum_Y / sum_B)^(1/(Y−B)) − 1; total_change: sum_Y / sum_B − 1
    own_average: Decimal | None      # what the district is judged on (the engine's actual), when at year Y
    average_agrees: bool | None
    annual: bool                     # annual_rate (an average a year) or total_change (the change to date)

    def as_record(self) -> dict[str, object]:
        sums = self.sums or (None, None, None)
        return {"base_year": self.base, "year": self.year, "members_base": sums[0], "members_previous": sums[1],
                "members_level": sums[2], "members_counted": list(self.counted),
                "members_missing": [{"member": m, "years": list(y)} for m, y in self.missing],
                "year_rate": _four(self.year_rate), "own_year_rate": self.own_year_rate if self.own_year_recorded else _four(self.own_year_rate),
                "own_year_rate_recorded": self.own_year_recorded,
                "year_rate_agrees": self.year_agrees, "period_measure": "average" if self.annual else "change",
                "period_rate": _four(self.average), "own_period_rate": _four(self.own_average),
                "period_rate_agrees": self.average_agrees}


@dataclass(frozen=True)
class RollupLine:
    """One rolled-up indicator of a district for one year."""

    indicator_id: str
    name: str
    year: int
    unit: str
    own: Decimal | None            # the district's recorded figure that year (what is judged); a rate kind's level
    total: Decimal | None          # the members' figures that year, added in the district's unit
    difference: Decimal | None     # own − total
    missing: tuple[str, ...]       # members with no figure that year (or no such indicator)
    counted: tuple[str, ...]       # members whose figure is in the total
    kind: str = "level"
    other_period: tuple[tuple[str, int, int], ...] = ()  # members whose plan has another start or end
    period: PeriodCheck | None = None                      # cumulative
    rates: RateCheck | None = None                         # annual_rate, total_change

    def as_record(self) -> dict[str, object]:
        return {"indicator": self.indicator_id, "name": self.name, "kind": self.kind, "year": self.year,
                "unit": self.unit, "own": self.own, "members_total": self.total, "difference": self.difference,
                "members_counted": list(self.counted), "members_missing": list(self.missing),
                "members_other_period": [{"member": m, "start": s, "end": e} for m, s, e in self.other_period],
                "period": None if self.period is None else self.period.as_record(),
                "rates": None if self.rates is None else self.rates.as_record()}


def _four(x: Decimal | None) -> Decimal | None:
    """Computed rates carry 4 decimals (decisions.md, "Numbers")."""
    return None if x is None else rounded(x, 4)


def _figure(plan: Plan, ind: Indicator, year: int, unit: str) -> Decimal | None:
    entry = plan.entries(ind.id).get(year)
    if entry is None or entry.value is None:
        return None
    return convert(entry.value, entry.unit or figure_unit(ind), unit)


def _sum(figures: list[Decimal]) -> Decimal:
    total = Decimal(0)
    for f in figures:
        total = EXACT.add(total, f)  # exact: `+=` rounds to the ambient 28 digits (issue 30, item 6)
    return total


def rollup_lines(district: Plan, result: PlanResult, members: Mapping[str, Plan | None]) -> list[RollupLine]:
    """The cross-check of every `rollup = "sum"` indicator of `district` (a Plan) at its data year (the
    as-of year when it has none). `members`: member id -> its Plan, or None when it failed to load."""
    judged = {r.indicator.id: r for r in result.indicators}
    out = []
    info = district.info
    for ind in district.indicators:
        if ind.rollup != "sum":
            continue
        r = judged.get(ind.id)
        year = (r.data_year if r is not None else None) or result.as_of
        unit = figure_unit(ind)
        own = _figure(district, ind, year, unit)
        # member id -> its matching indicator (None: it has none, or failed to load, or cannot be added)
        found: dict[str, tuple[Plan, Indicator] | None] = {}
        for member_id in info.members:
            member = members.get(member_id)
            match = None if member is None else matching(ind, member)
            adds = member is not None and match is not None and can_convert(figure_unit(match), unit)
            found[member_id] = (member, match) if adds and member is not None and match is not None else None
        figures = {m: None if f is None else _figure(f[0], f[1], year, unit) for m, f in found.items()}
        counted = tuple(m for m, x in figures.items() if x is not None)
        total = _sum([x for x in figures.values() if x is not None]) if counted else None
        difference = EXACT.subtract(own, total) if own is not None and total is not None else None
        # Another plan period matters to the comparisons over years (a level's year figure is a fact of its year).
        other = () if ind.kind == "level" else tuple(
            (m, f[0].info.start, f[0].info.end) for m, f in found.items()
            if f is not None and (f[0].info.start, f[0].info.end) != (info.start, info.end))
        apart = {m for m, _, _ in other}
        same = {m: f for m, f in found.items() if f is not None and m not in apart}
        lacking = tuple(m for m, f in found.items() if f is None)  # no such indicator: lacks every year
        period = _period(district, ind, year, unit, same, lacking) if ind.kind == "cumulative" else None
        rates = _rates(district, ind, r, year, unit, same, lacking) if ind.is_rate else None
        out.append(RollupLine(ind.id, ind.name, year, unit, own, total, difference,
                              tuple(m for m in figures if figures[m] is None), counted, ind.kind, other, period, rates))
    return out


def _years_of(members: Mapping[str, tuple[Plan, Indicator]], lacking: tuple[str, ...], years: range | tuple[int, ...],
              unit: str) -> tuple[dict[str, list[Decimal]], Lacking]:
    """Each member's figures for every one of `years`, or its name and the years it lacks: never in part."""
    whole: dict[str, list[Decimal]] = {}
    short: list[tuple[str, tuple[int, ...]]] = [(m, tuple(years)) for m in lacking]
    for m, (plan, match) in members.items():
        figures = [_figure(plan, match, y, unit) for y in years]
        gaps = tuple(y for y, x in zip(years, figures) if x is None)
        if gaps:
            short.append((m, gaps))
        else:
            whole[m] = [x for x in figures if x is not None]
    return whole, tuple(short)


def _period(district: Plan, ind: Indicator, year: int, unit: str, members: Mapping[str, tuple[Plan, Indicator]],
            lacking: tuple[str, ...]) -> PeriodCheck:
    years = range(district.info.start, year + 1)
    own_figures = {y: _figure(district, ind, y, unit) for y in years}
    own_missing = tuple(y for y, x in own_figures.items() if x is None)
    own = None if own_missing else _sum([x for x in own_figures.values() if x is not None])
    whole, short = _years_of(members, lacking, years, unit)
    total = _sum([x for xs in whole.values() for x in xs]) if whole else None
    difference = EXACT.subtract(own, total) if own is not None and total is not None else None
    return PeriodCheck(district.info.start, year, own, own_missing, total, difference, tuple(whole), short)


def _rates(district: Plan, ind: Indicator, judged: IndicatorResult | None, year: int, unit: str,
           members: Mapping[str, tuple[Plan, Indicator]], lacking: tuple[str, ...]) -> RateCheck:
    from plantrack.progress.series import own_terms  # the plan's own terms of a factor: the engine's one rule

    base = district.info.base
    annual = ind.kind == "annual_rate"
    compared = tuple(sorted({base, year - 1, year}))
    whole, short = _years_of(members, lacking, compared, unit)
    if not whole or year <= base:
        return RateCheck(base, year, None, tuple(whole), short, None, *_own_year_rate(district, ind, year, unit),
                         None, None, None, None, annual)
    at = {y: _sum([xs[compared.index(y)] for xs in whole.values()]) for y in compared}
    sums = (at[base], at[year - 1], at[year])
    # A growth rate is a ratio of positive levels: a sum at or below zero (a net figure) implies none.
    year_rate = own_terms(ind, div(at[year], at[year - 1])) if at[year - 1] > 0 and at[year] > 0 else None
    ratio = div(at[year], at[base]) if at[base] > 0 and at[year] > 0 else None
    average = None if ratio is None else own_terms(ind, root(ratio, year - base) if annual else ratio)
    own_year, recorded = _own_year_rate(district, ind, year, unit)
    own_average = judged.measure.actual if judged is not None and judged.data_year == year else None
    # The district's recorded rate is compared at the places it was written with (6.5 against 6.4873 agrees);
    # its judged average, a computed figure, at the 2 places every rate is shown with (decisions.md).
    places = max(0, -int(own_year.as_tuple().exponent)) if own_year is not None and recorded else 2
    return RateCheck(base, year, sums, tuple(whole), short, year_rate, own_year, recorded,
                     _agree(own_year, year_rate, places),
                     average, own_average, _agree(own_average, average, 2), annual)


def _agree(own: Decimal | None, members: Decimal | None, places: int) -> bool | None:
    return None if own is None or members is None else rounded(own, places) == rounded(members, places)


def _own_year_rate(district: Plan, ind: Indicator, year: int, unit: str) -> tuple[Decimal | None, bool]:
    """The district's own rate for `year` and whether it was recorded: as recorded, else from its own levels at
    year − 1 and year."""
    from plantrack.progress.series import own_terms

    entry = district.entries(ind.id).get(year)
    if entry is not None and entry.rate is not None:
        return Decimal(entry.rate), True
    now, before = _figure(district, ind, year, unit), _figure(district, ind, year - 1, unit)
    return (own_terms(ind, div(now, before)) if now is not None and before is not None and now > 0 and before > 0
            else None), False
