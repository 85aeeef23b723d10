"""Many plans side by side (issue 19): short names, and the declared roll-up of a district.

A district plan may declare `members = ["town-a", …]` in [plan] and `rollup = "sum"` on an indicator: the
overview and the report then show the members' total for the year beside the district's own recorded figure.
The district's figure is what is judged; the total is only a cross-check (its difference and the members
without a figure that year are shown). Nothing is ever summed that was not declared.

Pure: no typer, no rich. The rules of members and roll-up (a member listed twice, a cycle, a unit that cannot
be added) are check's, in check/cycle/members.py; a district that breaks them is refused before any total is
made here (opening.district_findings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from plantrack.check.cycle.members import column_key
from plantrack.check.rules import SHORT_NAME_WIDTH
from plantrack.text import width
from plantrack.numbers import EXACT
from plantrack.units import can_convert, convert

if TYPE_CHECKING:
    from collections.abc import Mapping

    from plantrack.models import Indicator, PlanInfo
    from plantrack.plan import Plan
    from plantrack.progress.result import PlanResult


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



def closed(info: PlanInfo) -> date | None:
    """`[plan] closed` (the final-evaluation work adds it; read defensively so this works before it does)."""
    found: date | None = getattr(info, "closed", None)
    return found


# --- the cross-check ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RollupLine:
    """One rolled-up indicator of a district for one year."""

    indicator_id: str
    name: str
    year: int
    unit: str
    own: Decimal | None            # the district's recorded figure that year (what is judged)
    total: Decimal | None          # the members' figures that year, added in the district's unit
    difference: Decimal | None     # own − total
    missing: tuple[str, ...]       # members with no figure that year (or no such indicator)
    counted: tuple[str, ...]       # members whose figure is in the total

    def as_record(self) -> dict[str, object]:
        return {"indicator": self.indicator_id, "name": self.name, "year": self.year, "unit": self.unit, "own": self.own,
                "members_total": self.total, "difference": self.difference,
                "members_counted": list(self.counted), "members_missing": list(self.missing)}


def _figure(plan: Plan, ind: Indicator, year: int, unit: str) -> Decimal | None:
    entry = plan.entries(ind.id).get(year)
    if entry is None or entry.value is None:
        return None
    return convert(entry.value, entry.unit or ind.unit, unit)


def rollup_lines(district: Plan, result: PlanResult, members: Mapping[str, Plan | None]) -> list[RollupLine]:
    """The cross-check of every `rollup = "sum"` indicator of `district` (a Plan) at its data year (the
    as-of year when it has none). `members`: member id -> its Plan, or None when it failed to load."""
    data_years = {r.indicator.id: r.data_year for r in result.indicators}
    out = []
    for ind in district.indicators:
        if ind.rollup != "sum":
            continue
        year = data_years.get(ind.id) or result.as_of
        own = _figure(district, ind, year, ind.unit)
        total, counted, missing = Decimal(0), [], []
        for member_id in district.info.members:
            member = members.get(member_id)
            match = None if member is None else next(
                (i for i in member.indicators if column_key(i) == column_key(ind)), None)
            figure = None if member is None or match is None or not can_convert(match.unit, ind.unit) else \
                _figure(member, match, year, ind.unit)
            if figure is None:
                missing.append(member_id)
            else:
                total = EXACT.add(total, figure)  # exact: `+=` rounds to the ambient 28 digits (issue 30, item 6)
                counted.append(member_id)
        shown_total = total if counted else None
        difference = EXACT.subtract(own, shown_total) if own is not None and shown_total is not None else None
        out.append(RollupLine(ind.id, ind.name, year, ind.unit, own, shown_total, difference, tuple(missing), tuple(counted)))
    return out
