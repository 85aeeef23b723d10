"""Figures proposed for a plan's indicators from sentences (the rules are patterns.py's; this applies them).

A figure is a number with its unit. It is looked at only when its sentence names one of the plan's indicators
before it; it is then proposed (indicator, year, value in the indicator's unit, level / amount / rate) or skipped
with a reason. Figures about other things (税收, 落户企业数) are not listed at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from plantrack.extract import patterns
from plantrack.extract.reading import Sentence
from plantrack.models import Indicator
from plantrack.fields import RATE_KINDS
from plantrack.plan import Plan
from plantrack.numbers import fmt_exact
from plantrack.units import can_convert, convert

# Why a figure was not proposed: a code, and its words (中文 / English).
REASONS = {
    "no_year": "句中没有年份 / no year in the sentence",
    "several_years": "多年合计或多年间的数字，不是某一年的 / covers several years, not one year",
    "part_of_year": "只是一年中的几个月或季度 / part of a year only",
    "other_place": "是{place}的数字，不是本规划地区{own}的 / a figure for {place}, not the plan's region {own}",
    "two_readings": "有两种读法（{detail}），请手工记录 / two readings ({detail}): record it by hand",
    "multiple": "是倍数（与另一年相比），既不是水平值、数量，也不是增长率 / a multiple of another year's figure: "
                "neither a level, an amount nor a rate",
    "points": "是百分点变化，不是水平值或增长率 / a change in percentage points, not a level or a rate",
    "average": "是多年的年均增速，不是某一年的增长率 / an average rate over several years, not one year's",
    "running_total": "是累计数，不是当年数值 / a running total, not the year's figure",
    "change": "是比上年的增减量，不是当年数值 / a change on an earlier year, not the year's figure",
    "no_rate": "该指标不记增长率（--rate 只用于 annual_rate、total_change）/ this indicator takes no rate",
    "rates_only": "该指标只记增长率，没有水平值单位 value_unit / this indicator records rates only",
    "unit": "单位 {unit} 不能换算为该指标的单位 {target} / the unit {unit} does not convert to the indicator's {target}",
    "again": "与第 {line} 行读到的数字相同 / the same figure as read on line {line}",
}


@dataclass(frozen=True)
class Figure:
    """One figure read: proposed when `skipped` is None, else the reason's code and its numbers."""

    line: int
    sentence: str
    read: str                     # as it stands in the text: "48.9亿元", "6.2%"
    indicator: Indicator | None
    year: int | None
    kind: str                     # level, amount, rate, or what it was read as: multiple, points
    value: Decimal | None = None  # in the indicator's unit
    unit: str | None = None       # the indicator's unit
    rate: Decimal | None = None
    typed: tuple[str, str] | None = None  # the number and unit as read, for `record`
    skipped: str | None = None
    detail: tuple[tuple[str, str], ...] = ()

    @property
    def reason(self) -> str | None:
        return None if self.skipped is None else REASONS[self.skipped].format(**dict(self.detail))

    def source(self, display: str) -> str:
        """The sentence as the source, with the file's name: 「2021年,…48.9亿元,…」（000.txt）. What `--apply`
        records as the entry's source, and the JSON's `source`."""
        return f"「{self.sentence}」（{display}）"


class Names:
    """The words that name each indicator: its name, the name less its rate words, its aliases, and the
    short-form group any of these is in. A word of two indicators is kept with both (two readings)."""

    def __init__(self, indicators: list[Indicator]):
        self.words: dict[str, list[Indicator]] = {}
        for ind in indicators:
            own = {ind.name, patterns.stem(ind.name), *(a.strip() for a in ind.aliases)}
            for group in patterns.SHORT_FORMS:
                if own & set(group):
                    own |= set(group)
            for word in own:
                if word and ind not in self.words.setdefault(word, []):
                    self.words[word].append(ind)
        others = {w for g in patterns.SHORT_FORMS for w in g} | set(patterns.OTHER_THINGS)
        every = set(self.words) | others
        self.pattern = re.compile("|".join(re.escape(w) for w in sorted(every, key=len, reverse=True)), re.I)

    def mentions(self, text: str) -> list[tuple[int, list[Indicator]]]:
        """(position, indicators named there) for every name in `text`; another thing's name gives []."""
        return [(m.start(), self._named(m.group())) for m in self.pattern.finditer(text)]

    def _named(self, word: str) -> list[Indicator]:
        return self.words.get(word) or self.words.get(word.upper()) or []


def own_places(region: str) -> tuple[str, ...]:
    """上海市松江区小昆山镇 -> (小昆山镇, 小昆山): the last place of the region, and its name alone."""
    found = patterns.PLACE.findall(region)
    if not found:
        return (region,) if region else ()
    last = found[-1]
    bare = re.sub(r"(?:街道|新区|镇|乡|区|县|市|省)$", "", last)
    return (last, bare) if len(bare) >= 2 else (last,)


def places(text: str) -> list[tuple[int, str]]:
    """(position, place) for each place named at the start of a clause; of a chain, the last."""
    out = []
    for start in patterns.PLACE_START.finditer(text):
        at, last = start.end(), None
        while (m := patterns.PLACE.match(text, at)) and not m.group().endswith(patterns.NOT_PLACES):
            last, at = m.group(), m.end()
        if last is not None:
            out.append((start.end(), last))
    return out


def is_own(place: str, own: tuple[str, ...]) -> bool:
    """The plan's own place: its name (小昆山镇, 小昆山), or 全镇/本镇 when the plan's place is a 镇."""
    return place in own or bool(patterns.OWN_PLACE.match(place) and own and own[0].endswith(place[1:]))


def read(plan: Plan, sentences: list[Sentence]) -> list[Figure]:
    """Every figure the rules find for the plan's indicators, proposed or skipped, in the text's order."""
    names = Names(list(plan.indicators))
    figure = patterns.figure_pattern(tuple(plan.info.units))
    own = own_places(plan.info.region)
    found = [f for s in sentences for f in _sentence(s, names, figure, own)]
    return _once(found)


def _sentence(s: Sentence, names: Names, figure: re.Pattern[str], own: tuple[str, ...]) -> list[Figure]:
    text = s.simplified
    mentions = names.mentions(text)
    out = []
    for m in figure.finditer(text):
        before = [inds for at, inds in mentions if at < m.start()]
        if not before or not before[-1]:
            continue  # names no indicator, or names another thing last (税收16.94亿元)
        inds = before[-1]
        number, unit = m.group("number").replace(",", ""), m.group("unit")
        base = Figure(s.line, s.text, m.group().replace(" ", ""), inds[0], None, "")
        clause = text[_clause_start(text, m.start()):m.start()]
        named_here = {i.id for at, found in mentions if _clause_start(text, m.start()) <= at < m.start() for i in found}
        if len(inds) > 1 or len(named_here) > 1 or patterns.RESPECTIVELY.search(text):
            which = "、".join(i.name for i in inds) if len(inds) > 1 else "一句列出几个数字 / several figures listed"
            out.append(replace(base, skipped="two_readings", detail=(("detail", which),)))
            continue
        year, why = _year(text[:m.start()])
        # What the figure is decides first (a multiple is a multiple whatever its year), then its year and place.
        read_as = _measure(replace(base, year=year), Decimal(number), number, unit, clause)
        place = [p for at, p in places(text) if at <= m.start()]
        if read_as.skipped is None and why:
            read_as = replace(read_as, skipped=why)
        elif read_as.skipped is None and own and place and not is_own(place[-1], own):
            read_as = replace(read_as, skipped="other_place", detail=(("place", place[-1]), ("own", own[0])))
        out.append(read_as)
    return out


def _clause_start(text: str, at: int) -> int:
    ends = [m.end() for m in patterns.CLAUSE_END.finditer(text, 0, at)]
    return ends[-1] if ends else 0


def _year(before: str) -> tuple[int | None, str | None]:
    """The year the text before a figure names for it, or why there is none (its code)."""
    marks: list[tuple[int, str, int | None]] = []
    spans = [(m.start(), m.end()) for m in patterns.SEVERAL_YEARS.finditer(before)]
    marks += [(a, "several_years", None) for a, _ in spans]
    for m in patterns.YEAR.finditer(before):
        # Not a year named to compare with, and not one end of 2016—2020年 or the start of 2012年以来.
        if not patterns.COMPARED.search(before[:m.start()]) and not any(a <= m.start() < b for a, b in spans):
            marks.append((m.start(), "year", int(m.group("year"))))
    marks += [(m.start(), "part_of_year", None) for m in patterns.PART_OF_YEAR.finditer(before)]
    if not marks:
        return None, "no_year"
    _, what, year = max(marks, key=lambda mark: mark[0])  # the nearest mark before the figure
    return (year, None) if what == "year" else (None, what)


def _measure(base: Figure, number: Decimal, typed: str, unit: str, clause: str) -> Figure:
    ind = base.indicator
    assert ind is not None
    if unit == "倍":
        return replace(base, kind="multiple", skipped="multiple")
    if unit.endswith("百分点"):
        return replace(base, kind="points", skipped="points")
    if patterns.RUNNING_TOTAL.search(clause):
        return replace(base, skipped="running_total")
    cue = patterns.RATE_CUE.search(clause)
    if unit == "%" and cue:
        if cue.group("average"):
            return replace(base, kind="rate", skipped="average")
        if ind.kind not in RATE_KINDS:
            return replace(base, kind="rate", skipped="no_rate")
        fell = cue.group("way") in patterns.FALLS
        # In the indicator's own terms (recording.py): a decrease indicator's rate is how much it fell.
        sign = 1 if fell == (ind.direction == "decrease") else -1
        return replace(base, kind="rate", rate=sign * number, unit="%")
    if cue:
        return replace(base, skipped="change")
    target = ind.level_unit
    if target is None:
        return replace(base, skipped="rates_only")
    if not can_convert(unit, target):
        return replace(base, skipped="unit", detail=(("unit", unit), ("target", target)))
    kind = "amount" if ind.kind == "cumulative" else "level"
    value = Decimal(fmt_exact(convert(number, unit, target)))  # 48.9 亿元 is 489000 万元, not 489000.0
    return replace(base, kind=kind, value=value, unit=target, typed=(typed, unit))


def _once(found: list[Figure]) -> list[Figure]:
    """One figure per indicator, year and measure: the same figure again is skipped as such; two different
    figures for one indicator-year are both skipped (two readings)."""
    first: dict[tuple[str, int, bool], Figure] = {}
    clash: set[tuple[str, int, bool]] = set()
    for f in found:
        if f.skipped is None and f.indicator is not None and f.year is not None:
            key = (f.indicator.id, f.year, f.rate is not None)
            if key in first and (first[key].value, first[key].rate) != (f.value, f.rate):
                clash.add(key)
            first.setdefault(key, f)
    out = []
    for f in found:
        which = (f.indicator.id, f.year or 0, f.rate is not None) if f.indicator is not None else None
        if f.skipped is None and which in clash:
            readings = "、".join(sorted({g.read for g in found if g.skipped is None and g.indicator is f.indicator
                                         and g.year == f.year and (g.rate is not None) == (f.rate is not None)}))
            f = replace(f, skipped="two_readings", detail=(("detail", readings),))
        elif f.skipped is None and which is not None and first[which] is not f:
            f = replace(f, skipped="again", detail=(("line", str(first[which].line)),))
        out.append(f)
    return out
