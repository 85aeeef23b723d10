"""Known units and the one conversion plantrack makes: money between 元, 万元 and 亿元.

The list is settled in the design decisions; a plan may add its own in `[plan] units`.
"""

from __future__ import annotations

from decimal import Decimal

PERCENT = "%"
MONEY = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
_POWER = {"元": 0, "万元": 4, "亿元": 8}  # MONEY as powers of ten: a conversion is a shift of the decimal point
COUNTS = ("家", "个", "件", "项", "人", "户", "次")
TIME = ("年", "岁", "天")
PHYSICAL = (
    "吨", "万吨", "亿吨", "吨标准煤", "万吨标准煤", "亿吨标准煤", "吨标准煤/万元",
    "千瓦时", "万千瓦时", "平方米", "万平方米", "公顷", "亩", "公里",
)
KNOWN_UNITS: tuple[str, ...] = (PERCENT, *MONEY, *COUNTS, *TIME, *PHYSICAL)


def known_units(extra: tuple[str, ...] | list[str] = ()) -> tuple[str, ...]:
    """The built-in units plus a plan's own."""
    return KNOWN_UNITS + tuple(u for u in extra if u not in KNOWN_UNITS)


def is_count(unit: str) -> bool:
    return unit in COUNTS


def can_convert(from_unit: str, to_unit: str) -> bool:
    return from_unit == to_unit or (from_unit in MONEY and to_unit in MONEY)


def convert(amount: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """Exact conversion; only money converts (1 亿元 = 10 000 万元 = 100 000 000 元)."""
    if from_unit == to_unit:
        return amount
    if not can_convert(from_unit, to_unit):
        raise ValueError(f"cannot convert {from_unit} to {to_unit}")
    # The point moved in the digits themselves, so no context rounds: `amount * MONEY / MONEY` ran in the ambient
    # 28 digits and rounded an amount of 21 digits given to 10 decimals (issue 30, item 6). The exponent is the
    # one that division gave (the amount's own where it can be: 5 亿元 is 500000000 元, not 5E+8 元).
    sign, digits, exponent = amount.as_tuple()
    if not isinstance(exponent, int):  # NaN or infinity: the loader admits neither
        raise ValueError(f"not a finite amount: {amount}")
    shift = _POWER[from_unit] - _POWER[to_unit]
    if shift >= 0:
        return Decimal((sign, digits + (0,) * shift, exponent))
    kept, moved = list(digits), exponent + shift
    while moved < exponent and kept[-1] == 0:  # a trailing zero dropped; zero's one digit stays
        if len(kept) > 1:
            kept.pop()
        moved += 1
    return Decimal((sign, tuple(kept), moved))


def convertible_to(unit: str) -> tuple[str, ...]:
    """The units a value for `unit` may be given in."""
    return tuple(MONEY) if unit in MONEY else (unit,)
