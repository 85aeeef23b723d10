"""One district roll-up line (rollup.RollupLine) as a sentence, in Chinese or English: the words of every place
that shows the cross-check (the overview's table and Markdown, the district report). Clauses are joined by
"；" / "; ", where the terminal may break the line.

Issue 30, item 3: beside the year's figure, a cumulative indicator's total over the period to date, and a rate
indicator's summed levels with the growth they imply beside the district's own rate; each member left out of a
comparison is named with the years it lacks, or its other plan period.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plantrack.numbers import fmt, fmt_exact, rounded

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from decimal import Decimal

    from plantrack.rollup import Lacking, PeriodCheck, RateCheck, RollupLine

ZH = {"sep": "；", "and": "、", "judged": "（评估依据）", "own": "本级", "total": "成员合计", "difference": "差额",
      "no_figure": "无当年数据：{who}", "level": "本级水平",
      "other": "规划期不同，不计入期内合计与增速：{who}", "period_of": "{m}（{s}—{e} 年）",
      "period": "{s}—{y} 年累计：本级 {own}；成员合计 {total}；差额 {d}", "own_lacks": "（本级缺 {years} 年）",
      "lacking": "未计入（缺年份）：{who}", "lacks": "{m}{gap}缺 {years} 年",
      "year_rate": "成员合计比上年{verb} {rate}%", "own_rate": "本级 {own}%{judged}：{agree}",
      "average": "成员合计 {span} 年年均{verb} {rate}%", "change": "成员合计 {span} 年累计{verb} {rate}%",
      "agrees": "一致", "differs": "相差 {d} 个百分点", "up": "增长", "down": "下降", "year": "{name} {ind} {y} 年："}
EN = {"sep": "; ", "and": ", ", "judged": " (judged)", "own": "own", "total": "members' total",
      "difference": "difference", "no_figure": "no figure that year: {who}", "level": "own level",
      "other": "another plan period, left out of the period total and the rates: {who}", "period_of": "{m} ({s}–{e})",
      "period": "{s}–{y} total: own {own}; members' total {total}; difference {d}", "own_lacks": " (own lacks {years})",
      "lacking": "left out (years missing): {who}", "lacks": "{m} lacks {years}",
      "year_rate": "members' total {verb} {rate}% on the year before", "own_rate": "own {own}%{judged}: {agree}",
      "average": "members' total {verb} {rate}% a year {b}–{y}", "change": "members' total {verb} {rate}% {b}–{y}",
      "agrees": "agrees", "differs": "differs by {d} points", "up": "grew", "down": "fell", "year": "{name} {ind} {y}: "}


def rollup_sentence(line: RollupLine, name: str, names: Mapping[str, str], lang: str, decrease: bool = False) -> str:
    """`line` of the district shown as `name`; `names`: member id -> the name shown for it."""
    w = ZH if lang == "zh" else EN

    def n(x: Decimal | None) -> str:
        return "—" if x is None else f"{fmt_exact(x)} {line.unit}"

    def who(ids: tuple[str, ...]) -> str:
        return w["and"].join(names.get(m, m) for m in ids)

    rate_kind = line.rates is not None
    own = f"{w['level']} {n(line.own)}" if rate_kind else f"{w['own']} {n(line.own)}{w['judged']}"
    parts = [f"{w['year'].format(name=name, ind=line.name, y=line.year)}{own}",
             f"{w['total']} {n(line.total)}", f"{w['difference']} {n(line.difference)}"]
    if line.missing:
        parts.append(w["no_figure"].format(who=who(line.missing)))
    if line.period is not None:
        parts += _period(line.period, n, w, names)
    if line.rates is not None:
        parts += _rates(line.rates, w, names, decrease)
    if line.other_period:
        parts.append(w["other"].format(who=w["and"].join(
            w["period_of"].format(m=names.get(m, m), s=s, e=e) for m, s, e in line.other_period)))
    return w["sep"].join(parts)


def _lacking(missing: Lacking, w: dict[str, str], names: Mapping[str, str]) -> list[str]:
    if not missing:
        return []
    return [w["lacking"].format(who=w["and"].join(
        w["lacks"].format(m=names.get(m, m), gap=_gap(names.get(m, m)), years=w["and"].join(str(y) for y in years))
        for m, years in missing))]


def _gap(name: str) -> str:
    """Between a member's name and 缺: none after a Chinese name (泗泾镇缺 2022 年), a space after a plan id
    (sijing 缺 2022 年); the English words have their own."""
    return "" if name and "\u4e00" <= name[-1] <= "\u9fff" else " "


def _period(p: PeriodCheck, n: Callable[[Decimal | None], str], w: dict[str, str],
            names: Mapping[str, str]) -> list[str]:
    text = w["period"].format(s=p.start, y=p.year, own=n(p.own), total=n(p.total), d=n(p.difference))
    if p.own_missing:
        text += w["own_lacks"].format(years=w["and"].join(str(y) for y in p.own_missing))
    return [text, *_lacking(p.missing, w, names)]


def _agree(agrees: bool | None, own: Decimal | None, members: Decimal | None, w: dict[str, str]) -> str:
    if agrees is None or own is None or members is None:
        return "—"
    if agrees:
        return w["agrees"]
    d = own - members
    # Two places, unless they hide a difference found at the places the district's rate was written with.
    shown = fmt(d, 2) if rounded(d, 2) != 0 else fmt(d, 4)
    return w["differs"].format(d=shown)


def _growth_years(base: int, year: int) -> str:
    """The years of growth from the base year, as a statistical bulletin names them: 2021—2023 年年均增长 is
    three years over 2020 (2020—2023 would read as four); the English says from–to: grew 4.77% a year 2020–2023."""
    return f"{base + 1}—{year}" if year > base + 1 else str(year)


def _rates(r: RateCheck, w: dict[str, str], names: Mapping[str, str], decrease: bool) -> list[str]:
    verb = w["down"] if decrease else w["up"]
    # A recorded rate as written (6.5); one worked out from the district's levels at 2 places.
    own_year = fmt_exact(r.own_year_rate) if r.own_year_recorded and r.own_year_rate is not None else fmt(r.own_year_rate)
    # Each figure of the members' beside the district's own, in clauses short enough for a 60-column terminal.
    parts = [w["year_rate"].format(verb=verb, rate=fmt(r.year_rate)),
             w["own_rate"].format(own=own_year, judged="", agree=_agree(r.year_agrees, r.own_year_rate, r.year_rate, w)),
             w["average" if r.annual else "change"].format(verb=verb, rate=fmt(r.average), b=r.base, y=r.year,
                                                           span=_growth_years(r.base, r.year)),
             w["own_rate"].format(own=fmt(r.own_average), judged=w["judged"],
                                  agree=_agree(r.average_agrees, r.own_average, r.average, w))]
    return parts + _lacking(r.missing, w, names)
