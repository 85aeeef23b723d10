"""The forecast behind the likelihood (issue 31): a random walk with a time-weighted drift, its end-year
position Student-t distributed (docs/progress.md, "Likelihood / 把握"). Plain floats in, plain floats out: no
indicator, no plan, so benchmarks/backtest.py runs exactly this on other series; progress/likelihood.py turns an
indicator's figures into its steps and its answer into words and a fan."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from plantrack.progress.student import t_cdf, t_quantile

MIN_STEPS = 3          # fewer steps than this: no number (2 steps give 1 degree of freedom: a Cauchy guess)
COVERAGE = 0.80        # the interval shown: the central 80% of the predicted end-year value
WEIGHT = 0.5           # the drift's weight of a year, relative to the year after it (chosen on the backtest)
_FLAT = 1e-9           # relative: steps whose spread is below this share of their size count as identical


class Forecast(NamedTuple):
    probability: float   # of meeting the goal by the end year
    centre: float        # predicted end-year position
    low: float           # the central COVERAGE interval of the end-year position
    high: float
    mean: float          # x̄
    sd: float            # s (0.0: identical steps)
    k: int               # steps
    k_eff: float         # the weighted mean's worth in years, (Σw)² / Σw²
    se: float            # s·√(m·(1 + m/k_eff))
    m: int               # steps still to come
    t: float | None      # the standardised margin (None when s = 0)

    def at(self, h: int) -> tuple[float, float, float]:
        """The predicted position h steps on (h ≤ m): the interval's low end, its median and its high end, with
        the end year's formulas at h (the chart's fan, year by year; at h = m exactly low, centre, high)."""
        mid = self.centre - (self.m - h) * self.mean
        if self.t is None:
            return mid, mid, mid
        half = t_quantile(0.5 + COVERAGE / 2.0, self.k - 1) * self.sd * math.sqrt(h * (1.0 + h / self.k_eff))
        return mid - half, mid, mid + half


def forecast(steps: Sequence[float], current: float, goal: float, m: int, up: bool) -> Forecast | None:
    """The end-year position after m more steps like `steps`, and the chance it is on the goal's side (≥ goal
    when `up`, ≤ goal otherwise). None with fewer than MIN_STEPS steps."""
    k = len(steps)
    if k < MIN_STEPS or m <= 0:
        return None
    # The drift weighs each year half as much as the year after it (WEIGHT): a series whose pace has changed
    # is carried on at its recent pace (ESCAP's time-weighted fit does the same). k_eff = (Σw)² / Σw² is
    # how many equally weighted years the weighted mean is worth. The spread s is every year's distance from
    # that drift, unweighted: a step equal to the drift leaves the drift and the squares as they were, so more
    # data that agrees with the trend never widens the interval (tests/test_likelihood_properties.py).
    weights = [WEIGHT ** (k - 1 - i) for i in range(k)]
    total = math.fsum(weights)
    mean = math.fsum(w * x for w, x in zip(weights, steps)) / total
    k_eff = total * total / math.fsum(w * w for w in weights)
    sd = math.sqrt(math.fsum((x - mean) ** 2 for x in steps) / (k - 1))
    centre = current + m * mean
    scale = max(abs(x) for x in steps)
    if sd <= _FLAT * scale or sd == 0.0:
        # Identical steps: the end is known, as far as this series tells. A tie counts as met, as in the engine.
        slack = _FLAT * max(abs(goal), abs(current), 1.0)
        margin = centre - goal if up else goal - centre
        return Forecast(1.0 if margin >= -slack else 0.0, centre, centre, centre, mean, 0.0, k, k_eff, 0.0, m, None)
    se = sd * math.sqrt(m * (1.0 + m / k_eff))
    t = (centre - goal) / se if up else (goal - centre) / se
    half = t_quantile(0.5 + COVERAGE / 2.0, k - 1) * se
    return Forecast(t_cdf(t, k - 1), centre, centre - half, centre + half, mean, sd, k, k_eff, se, m, t)
