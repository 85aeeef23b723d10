"""Known units and the one conversion plantrack makes: money between 元, 万元 and 亿元.

The list is settled in the design decisions; a plan may add its own in `[plan] units`.
"""

from __future__ import annotations

from decimal import Decimal

PERCENT = "%"
MONEY = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
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
    return amount * MONEY[from_unit] / MONEY[to_unit]


def convertible_to(unit: str) -> tuple[str, ...]:
    """The units a value for `unit` may be given in."""
    return tuple(MONEY) if unit in MONEY else (unit,)
