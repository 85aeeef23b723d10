"""Decimal arithmetic for the engine: roots, rounding, and the text of numbers in formulas."""

from __future__ import annotations

import decimal
from decimal import ROUND_HALF_UP, Decimal

CONTEXT = decimal.Context(prec=34, rounding=ROUND_HALF_UP)
ONE = Decimal(1)
HUNDRED = Decimal(100)
RATIO_PLACES = Decimal("0.0001")


def root(x: Decimal, n: int) -> Decimal:
    """The n-th root of a positive x, to 34 significant digits."""
    return CONTEXT.power(x, CONTEXT.divide(ONE, Decimal(n)))


def power(x: Decimal, exponent: Decimal | int) -> Decimal:
    return CONTEXT.power(x, Decimal(exponent))


def div(a: Decimal, b: Decimal) -> Decimal:
    return CONTEXT.divide(a, b)


def ratio4(x: Decimal) -> Decimal:
    """Pace ratios are rounded to 4 decimals before banding, so 0.99999… from a root is 1.0000."""
    return x.quantize(RATIO_PLACES, rounding=ROUND_HALF_UP)


def fmt(x: Decimal | None, places: int = 2) -> str:
    """Half-up rounding for display (decisions.md), without exponent notation."""
    if x is None:
        return "—"
    q = x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{q:f}"


def fmt_exact(x: Decimal) -> str:
    """A recorded amount as recorded: no exponent, no trailing zeros beyond what was typed."""
    text = f"{x:f}"
    if "." in text and x == x.to_integral_value():
        return text.split(".")[0]
    return text.rstrip("0").rstrip(".") if "." in text else text
