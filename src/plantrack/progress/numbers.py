"""Decimal arithmetic for the engine: roots, rounding, and the text of numbers in formulas."""

from __future__ import annotations

import decimal
from decimal import ROUND_HALF_UP, Decimal

CONTEXT = decimal.Context(prec=34, rounding=ROUND_HALF_UP)
ONE = Decimal(1)
HUNDRED = Decimal(100)
RATIO_PLACES = Decimal("0.0001")
NOISE = Decimal("1e-24")


def root(x: Decimal, n: int) -> Decimal:
    """The n-th root of a positive x, to 34 significant digits."""
    return CONTEXT.power(x, CONTEXT.divide(ONE, Decimal(n)))


def power(x: Decimal, exponent: Decimal | int) -> Decimal:
    return CONTEXT.power(x, Decimal(exponent))


def div(a: Decimal, b: Decimal) -> Decimal:
    return CONTEXT.divide(a, b)


def _wide(x: Decimal, places: int) -> decimal.Context:
    """A context that can hold x with `places` decimals. Fix: quantize in the ambient context (28 digits)
    raised InvalidOperation for large but valid numbers (e.g. a recorded rate of 10^9 % compounded over a
    few years), so the engine crashed on a valid plan (test_progress_properties.py, never raises)."""
    return decimal.Context(prec=max(CONTEXT.prec, x.adjusted() + places + 2), rounding=ROUND_HALF_UP)


def at_least(x: Decimal, y: Decimal) -> bool:
    """x >= y, forgiving a relative shortfall below 1e-24. Fix: products, roots and powers are rounded to
    28–34 digits, so a series moving exactly at its target (e.g. 0.000001 % a year, five years) came out a few
    units in the last place short of (1 + r)^N and was judged `missed` at the end."""
    return x >= y - abs(y) * NOISE


def ratio4(x: Decimal) -> Decimal:
    """Pace ratios are rounded to 4 decimals before banding, so 0.99999… from a root is 1.0000."""
    return x.quantize(RATIO_PLACES, rounding=ROUND_HALF_UP, context=_wide(x, 4))


def fmt(x: Decimal | None, places: int = 2) -> str:
    """Half-up rounding for display (decisions.md), without exponent notation."""
    if x is None:
        return "—"
    q = x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_wide(x, places))
    return f"{q:f}"


def fmt_exact(x: Decimal) -> str:
    """A recorded amount as recorded: no exponent, no trailing zeros beyond what was typed."""
    text = f"{x:f}"
    if "." in text and x == x.to_integral_value():
        return text.split(".")[0]
    return text.rstrip("0").rstrip(".") if "." in text else text
