"""Decimal arithmetic (decisions.md, "Numbers"): roots, rounding, and the text of numbers. The engine's
(progress/), and every stage's that shows or reads a number: record's echo, plausibility's messages, extract.
Outside progress/ so that using it does not import the engine (progress/__init__.py does)."""

from __future__ import annotations

import decimal
import re
from decimal import ROUND_HALF_UP, Decimal

CONTEXT = decimal.Context(prec=34, rounding=ROUND_HALF_UP)
ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
RATIO_PLACES = Decimal("0.0001")
NOISE = Decimal("1e-24")
# Sums and unit conversions of recorded amounts are exact, whatever the digits (issue 30, item 6): CONTEXT's 34
# digits still round a sum whose terms span more (12345678901.2345678901 亿元 + 0.0000000001 元 has 29; ten
# more decimals would need 39). MAX_PREC with Inexact trapped is the decimal module's own recipe for exact
# addition: libmpdec allocates what the result needs, not the precision, and a result that could not be exact
# raises instead of rounding. Only for add, subtract and scaleb: a division in it would never end.
EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN,
                        traps=[decimal.Inexact, decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow])
# The range of every number plantrack shows: the loader's limit on inputs (models.MAX_MAGNITUDE), |x| < 10^15.
# A computed number beyond it (a projection of 10^25 after a unit slip) is shown as out of range, never
# quantized: quantizing it crashed status --format json (issue 15, item 1; docs/status-json.md).
LIMIT = Decimal("1e15")
OUT_OF_RANGE = "超出范围 / out of range"


def root(x: Decimal, n: int) -> Decimal:
    """The n-th root of a positive x, to 34 significant digits."""
    if (exponent := _ROOTS.get(n)) is None:
        exponent = _ROOTS[n] = CONTEXT.divide(ONE, Decimal(n))  # 1/n for each n once: it depends on n alone
    return CONTEXT.power(x, exponent)


_ROOTS: dict[int, Decimal] = {}

# power(x, e) and div(a, b) are CONTEXT's own methods: the engine calls them a few hundred times a plan, and a
# wrapper's call cost more than many of the operations. An int exponent converts exactly, as Decimal(e) did.
power = CONTEXT.power
div = CONTEXT.divide


def _wide(x: Decimal, places: int) -> decimal.Context:
    """A context that can hold x with `places` decimals. Fix: quantize in the ambient context (28 digits)
    raised InvalidOperation for large but valid numbers (e.g. a recorded rate of 10^9 % compounded over a
    few years), so the engine crashed on a valid plan (test_progress_properties.py, never raises)."""
    prec = x.adjusted() + places + 2
    if prec <= _PREC:
        return _NARROW  # nearly every number: tested first, without max() and a lookup (issue 19)
    # One context per precision, made once: building a Context per number was a tenth of judging a plan
    # (the overview of 10,000 plans, issue 19). Quantize never changes the context it is given.
    if (context := _CONTEXTS.get(prec)) is None:
        context = _CONTEXTS[prec] = decimal.Context(prec=prec, rounding=ROUND_HALF_UP)
    return context


_PREC = CONTEXT.prec
_NARROW = decimal.Context(prec=_PREC, rounding=ROUND_HALF_UP)  # the context of every precision up to CONTEXT's
_CONTEXTS: dict[int, decimal.Context] = {_PREC: _NARROW}


def at_least(x: Decimal, y: Decimal) -> bool | None:
    """x >= y when the two differ by more than rounding noise (a relative 1e-24); None when they do not: then
    the rounded values cannot tell, and the caller decides on exact fractions (progress/rates.py). Products,
    roots and powers are rounded to 34 digits, so a series moving exactly at its target (0.000001 % a year,
    five years) came out a few units in the last place short of (1 + r)^N; forgiving that shortfall outright
    also forgave a true one (10^14 万元 short by 0.0000000001 at the end read 已实现: issue 30, item 6)."""
    margin = abs(y) * NOISE
    if x >= y + margin:
        return True
    if x < y - margin:
        return False
    return None


def in_range(x: Decimal) -> bool:
    return abs(x) < LIMIT


def ratio4(x: Decimal) -> Decimal:
    """Pace ratios are rounded to 4 decimals before banding, so 0.99999… from a root is 1.0000. x must be the
    ratio of exact quantities (one division): rounding a ratio of rounded parts twice got ties wrong (issue 15)."""
    return x.quantize(RATIO_PLACES, ROUND_HALF_UP, _wide(x, 4))  # positional: keywords cost more than the rest


def rounded(x: Decimal, places: int) -> Decimal:
    """x rounded half-up to `places` decimals (decisions.md), whatever its size."""
    if (exponent := _EXPONENTS.get(places)) is None:
        exponent = _EXPONENTS[places] = Decimal(1).scaleb(-places)
    return x.quantize(exponent, ROUND_HALF_UP, _wide(x, places))


_EXPONENTS: dict[int, Decimal] = {}


def fmt(x: Decimal | None, places: int = 2) -> str:
    """Half-up rounding for display (decisions.md), without exponent notation."""
    if x is None:
        return "—"
    if not in_range(x):
        return OUT_OF_RANGE
    return f"{rounded(x, places):f}"


def fmt_exact(x: Decimal) -> str:
    """A recorded amount as recorded: no exponent, no trailing zeros beyond what was typed."""
    text = f"{x:f}"
    if "." in text and x == x.to_integral_value():
        return text.split(".")[0]
    return text.rstrip("0").rstrip(".") if "." in text else text


# Thousands separators (docs/report.md, "Thousands separators"): an integer part of five digits or more is
# grouped (1,685,000 万元), four digits stay as typed, so a year (2025) or 1500 reads as written. The one rule for
# everything drawn or written for people to read: the report's text, every chart's labels and ticks (the report's
# and the web page's). `status`, the web pages' tables and the data formats keep plain digits: programs and
# spreadsheets read them (docs/web.md).
_LONG_INTEGER = re.compile(r"(?<![\d.,])\d{5,}")


def grouped(text: str) -> str:
    """'1685000 万元' → '1,685,000 万元': thousands separators in integer parts of five digits or more."""
    return _LONG_INTEGER.sub(lambda m: f"{int(m.group()):,}", text)


def fmt_label(x: Decimal) -> str:
    """A value labelled on a chart that is no point of a path's own (the target): whole from 1,000 up, else at
    most two decimals, grouped as the report groups; rounded half-up as every table rounds it (a float's format
    would round 2.675 down and 1234.5 to even). A point of a path is labelled as its table shows it
    (fmt_on_path)."""
    if not in_range(x):
        return OUT_OF_RANGE
    text = f"{rounded(x, 0 if abs(x) >= 1000 else 2):f}"
    return grouped(text.rstrip("0").rstrip(".") if "." in text else text)


def fmt_tick(x: Decimal | float, places: int) -> str:
    """An axis tick, the report's (matplotlib gives a float) and the web page's (a Decimal): half-up from the
    number's shortest decimal text (repr), never from the float's binary value, and grouped as the labels."""
    return grouped(fmt(x if isinstance(x, Decimal) else Decimal(repr(float(x))), places))  # float(): numpy's repr


def fmt_amount(x: Decimal | None, unit: str, places: int = 2) -> str:
    """A computed amount in `unit`: a whole count is shown whole (`27 家`, not `27.00 家`: issue 15, item 9); a
    fractional one (16.67 家 a year) keeps its decimals, so nothing is hidden by rounding."""
    from plantrack.units import is_count

    if x is not None and in_range(x) and is_count(unit) and x == x.to_integral_value():
        return fmt(x, 0)
    return fmt(x, places)


# Shown precision beside a status word (issue 30, item 5; docs/progress.md, "The number beside the word").
# An edge is a threshold the word compares the number with, and whether the word puts the number at or above
# it (x >= t): the target for an achieved rate, 0.95 for 基本实现, 1 for a ratio at the end year.
Edge = tuple[Decimal, bool]
MOST_PLACES = 4  # beyond these a table cell is not read: a bound ("<6.00") says the side instead


def places_beside(x: Decimal, edges: tuple[Edge, ...], places: int = 2, every: bool = True,
                  most: int = MOST_PLACES) -> int | None:
    """The fewest decimals, from `places` up to `most`, at which x rounded half-up is on the side of every edge
    that the word beside it says (rounded >= t exactly when the edge says at or above); None when even `most`
    reads across one. `every=False` tries only `places` and `most`: the pace ratio is shown with 2 decimals or
    with the 4 its status is decided on, the number the working carries. JSON and CSV ask from 4 up to `most`
    = 34 (render/status_data.py): data, not a cell read by eye, so no bound there."""
    for p in range(places, most + 1) if every else (places, most):
        shown = rounded(x, p)
        if all((shown >= t) == above for t, above in edges):
            return p
    return None


def beside(x: Decimal | None, edges: tuple[Edge, ...], places: int = 2, every: bool = True) -> str:
    """x as text beside a status word: `places` decimals, or as many more (up to MOST_PLACES) as it takes not to
    read across an edge (5.9967 against a target of 6 beside 基本实现 is 5.997, never 6.00); where even
    MOST_PLACES would, the side itself as a bound: "<6.00" (5.99999 not met), ">0.95" (a threshold with more
    decimals than shown). The one rule for every number beside a word, in every format (issue 30, item 5)."""
    if x is None:
        return "—"
    if not in_range(x):
        return OUT_OF_RANGE
    p = places_beside(x, edges, places, every)
    if p is not None:
        return f"{rounded(x, p):f}"
    shown = rounded(x, MOST_PLACES)
    t, above = next((t, above) for t, above in edges if (shown >= t) != above)
    exponent = t.as_tuple().exponent
    text = fmt(t, max(places, -exponent if isinstance(exponent, int) else 0))
    return ("<" if not above else ">" if x > t else "≥") + text


def fmt_on_path(x: Decimal, unit: str, schedule: Decimal | None, recorded: bool = False) -> str:
    """A point of a year-by-year path (show's chart, the report's path table and chart label, the web chart's
    tooltip). A recorded figure, or an exact sum of recorded ones (`recorded`), is shown as recorded (fmt_exact,
    as the status table's actual): 999999.995 元 never reads as 1000000.00, a figure nobody recorded. A point
    worked out (an index, a level computed from rates, the schedule, the projection) is fmt_amount, but beside
    its year's schedule never read as on it when it is not (119.999 beside 120 is `119.999`, not `120.00`:
    issue 30, item 5)."""
    from plantrack.units import is_count

    if recorded and in_range(x):
        return fmt_exact(x)
    if schedule is None or (is_count(unit) and x == x.to_integral_value()):
        return fmt_amount(x, unit)
    return beside(x, ((schedule, x >= schedule),))


def carried(x: Decimal, edges: tuple[Edge, ...], places: int = 4) -> str:
    """x with `places` decimals, or as many more (up to the engine's 34) as it takes not to read across an edge:
    for a line of working (R = 19.999 / 20 = 0.99995 beside 基本实现, never 1.0000), where a longer number is
    read, not a bound. The same rule as beside, with no cap."""
    if not in_range(x):
        return OUT_OF_RANGE
    return f"{rounded(x, places_beside(x, edges, places, most=CONTEXT.prec) or CONTEXT.prec):f}"


def term(x: Decimal) -> str:
    """A recorded amount as a term of a sum: a negative one in brackets (`12 + (-3) + 9`)."""
    text = fmt_exact(x)
    return f"({text})" if x < 0 else text
