"""Is a recorded figure plausible against the indicator's own history? (issue 15, items 6 and 7)

A clerk's commonest slips are a unit slip (53.6 typed in 万元 where 亿元 was meant: ×10 000; 元 for 亿元:
×10^8), a share typed as 8 for 80, and a negative rate on a decrease indicator read as "fell". None of them
is an error the file format can see, so they are findings returned as values here; `record` and `import`
refuse them unless confirmed, `check` shows them as warnings (docs/progress.md, "Plausibility").

The rules, against the nearest earlier recorded value of the same indicator (the nearest later one when there
is no earlier), both positive, in the indicator's own unit:
- any kind: a ratio of 1000 or more either way is a unit slip (万↔亿 and 元↔万元 are ×10^4, 元↔亿元 ×10^8).
  Yearly amounts of `cumulative` indicators really do jump tenfold (the bundled plan: 3.01 → 27.72 亿元), so
  nothing smaller is refused for them;
- levels (the values of annual_rate, total_change and level indicators): a change beyond ×3 or ÷3 a year
  (×3^d over d years) is implausible: a town's value added does not triple or fall to a third in one year;
- a negative rate on a decrease indicator (it means the level rose).
Pure: no typer, no rich.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterable
from decimal import Decimal

from plantrack.models import Entry, Indicator
from plantrack.numbers import fmt, fmt_exact
from plantrack.units import MONEY, convert

UNIT_SLIP = Decimal(1000)      # a ratio this large (either way) is a unit slip for every kind
LEVEL_FACTOR = Decimal(3)      # levels: at most ×3 or ÷3 a year
LEVEL_KINDS = ("annual_rate", "total_change", "level")
CONFIRM = "--confirm"


@dataclass(frozen=True)
class Slip:
    """One implausible figure: where, what is odd about it, and how `record` would put it right."""

    indicator: str
    year: int
    what_zh: str
    what_en: str
    guess: str = ""          # what was probably meant: "53.6 亿元 = 536000 万元", "80%"
    fix_zh: str = "请核对数值和单位"
    fix_en: str = "check the number and its unit"

    @property
    def refusal(self) -> tuple[str, str]:
        """What `record`/`import` say: the slip, the likely fix, and the flag that confirms it."""
        guess_zh, guess_en = (f"是不是 {self.guess}？", f"Did you mean {self.guess}? ") if self.guess else ("", "")
        return (f"{self.what_zh}。{guess_zh}{self.fix_zh}，或确认无误后加 {CONFIRM}",
                f"{self.what_en}. {guess_en}{self.fix_en[0].upper()}{self.fix_en[1:]}, or add {CONFIRM} if it is right")

    @property
    def warning(self) -> str:
        """What `check` says about a figure already in the file (a warning unless --strict)."""
        guess_zh, guess_en = (f"是不是 {self.guess}？", f" Did you mean {self.guess}?") if self.guess else ("", "")
        return (f"{self.what_zh}。{guess_zh}请核对；如无误，可忽略此提醒 / {self.what_en}.{guess_en} "
                "Check it; if it is right, ignore this warning")


def entry_slips(ind: Indicator, year: int, entry: Entry, entries: dict[int, Entry], *, sign: bool = True) -> list[Slip]:
    """The slips of `entry` for `year`, judged against the indicator's other entries (`entries`)."""
    slips = []
    jump = _jump(ind, year, entry, entries)
    if jump:
        slips.append(jump)
    if sign and entry.rate is not None and entry.rate < 0 and ind.direction == "decrease" and ind.is_rate:
        rose = fmt_exact(-entry.rate)
        slips.append(Slip(ind.id, year,
                          f"{ind.id} {year}：下降率 {fmt_exact(entry.rate)} 为负数，表示上升 {rose}%（不是下降）",
                          f"a negative decline of {fmt_exact(entry.rate)} means the level rose {rose}%",
                          fix_zh=f"如是下降，请记 --rate {rose}", fix_en=f"if it fell, record --rate {rose}"))
    return slips


def plan_slips(indicators: Iterable[Indicator], actuals: dict[str, dict[int, Entry]]) -> list[Slip]:
    """Every implausible jump in recorded files (for `check`): each value against its nearest earlier one."""
    out = []
    for ind in indicators:
        entries = actuals.get(ind.id, {})
        for year in sorted(entries):
            earlier = {y: e for y, e in entries.items() if y < year}
            if earlier:
                jump = _jump(ind, year, entries[year], earlier)
                if jump:
                    out.append(jump)
    return out


def _level(ind: Indicator, entry: Entry) -> Decimal | None:
    unit = ind.level_unit
    if entry.value is None or unit is None:
        return None
    try:
        return convert(entry.value, entry.unit or unit, unit)
    except ValueError:
        return None


def _reference(ind: Indicator, year: int, entries: dict[int, Entry]) -> tuple[int, Decimal] | None:
    """The nearest earlier recorded value (else the nearest later), in the indicator's unit."""
    known = {y: v for y, e in entries.items() if y != year and (v := _level(ind, e)) is not None}
    earlier = [y for y in known if y < year]
    later = [y for y in known if y > year]
    if earlier:
        return max(earlier), known[max(earlier)]
    if later:
        return min(later), known[min(later)]
    return None


def _bound(ind: Indicator, gap: int) -> Decimal:
    """The largest plausible factor between two values `gap` years apart."""
    if ind.kind in LEVEL_KINDS:
        return min(LEVEL_FACTOR ** gap, UNIT_SLIP)
    return UNIT_SLIP


def _spread(a: Decimal, b: Decimal) -> Decimal:
    ratio = a / b
    return ratio if ratio >= 1 else 1 / ratio


def _jump(ind: Indicator, year: int, entry: Entry, entries: dict[int, Entry]) -> Slip | None:
    value = _level(ind, entry)
    ref = _reference(ind, year, entries)
    if value is None or ref is None or value <= 0 or ref[1] <= 0:
        return None
    ref_year, ref_value = ref
    bound = _bound(ind, abs(year - ref_year))
    spread = _spread(value, ref_value)
    # A unit slip is a ratio of 1000 or more; a level's yearly factor may reach the bound itself.
    if spread < UNIT_SLIP and spread <= bound:
        return None
    unit = ind.level_unit
    assert entry.value is not None and unit is not None  # as _level found them
    typed_unit = entry.unit or unit
    ratio = value / ref_value
    gap = abs(year - ref_year)
    typed, ref_text = f"{fmt_exact(entry.value)} {typed_unit}", f"{ref_year} 年（{fmt_exact(ref_value)} {unit}）"
    if ratio >= 1:
        zh, en = f"是 {ref_text}的 {_times(ratio)} 倍", f"is {_times(ratio)} times"
    else:
        zh, en = f"只有 {ref_text}的 1/{_times(1 / ratio)}", f"is 1/{_times(1 / ratio)} of"
    en += f" the {ref_year} value ({fmt_exact(ref_value)} {unit})"
    if spread >= UNIT_SLIP:
        why, why_en = "相差上千倍，多半是单位错误", "a thousandfold difference is a unit slip, not a change"
    else:
        why = f"{gap} 年内相差超过 {fmt_exact(bound)} 倍，不像真实变化"
        why_en = f"more than a factor of {fmt_exact(bound)} in {gap} year(s) is not a plausible change"
    guess, fix_zh, fix_en = _hint(ind, entry, typed_unit, ref_value, bound)
    return Slip(ind.id, year, f"{ind.id} {year}：{typed} {zh}（{why}）", f"{typed} {en}: {why_en}", guess,
                fix_zh, fix_en)


def _times(x: Decimal) -> str:
    return fmt(x, 0) if x >= 100 else fmt(x, 1)


def _hint(ind: Indicator, entry: Entry, typed_unit: str, ref_value: Decimal, bound: Decimal) -> tuple[str, str, str]:
    """('53.6 亿元 = 536000 万元', '请用 --unit 亿元 记录', …) when another money unit makes the figure fit."""
    unit = ind.level_unit
    value = entry.value
    assert value is not None and unit is not None
    if typed_unit in MONEY and unit in MONEY:
        best = min((u for u in MONEY if u != typed_unit),
                   key=lambda u: _spread(convert(value, u, unit), ref_value))
        converted = convert(value, best, unit)
        if converted > 0 and _spread(converted, ref_value) <= bound:
            return (f"{fmt_exact(value)} {best} = {fmt_exact(converted)} {unit}",
                    f"请用 --unit {best} 记录", f"record it with --unit {best}")
    if ind.kind == "level" and ind.unit == "%":
        for other in (value * 10, value / 10):
            if _spread(other, ref_value) <= bound:
                return f"{fmt_exact(other)}%", "请改正后重新记录", "correct it and record again"
    return "", "请核对数值和单位", "check the number and its unit"
