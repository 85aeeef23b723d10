"""Properties of the likelihood (issue 31, item 4), checked with Hypothesis on progress.likelihood.forecast:

- more data that agrees with the trend (a year whose step equals the drift, added before the first year or as
  the newest year) never widens the interval;
- a series exactly on the required path: P = 1/2 when it has noise, 1 when it has none;
- P is monotone in the target (a harder target is never more likely), for increases and decreases.

"The trend" is the drift the method estimates, x̄ = Σ w_i x_i / Σ w_i with weights halving each year back
(docs/progress.md, "Likelihood / 把握"); a series is on the required path when its drift is exactly the step
still needed, (goal − X_Y) / m.
"""

from __future__ import annotations

import math

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from plantrack.progress.likelihood import WEIGHT, forecast

SETTINGS = settings(max_examples=300, deadline=None)
step = st.floats(min_value=-0.5, max_value=0.5, allow_nan=False, allow_infinity=False)
steps = st.lists(step, min_size=3, max_size=12)


def drift(xs: list[float]) -> float:
    weights = [WEIGHT ** (len(xs) - 1 - i) for i in range(len(xs))]
    return math.fsum(w * x for w, x in zip(weights, xs)) / math.fsum(weights)


def width(xs: list[float], m: int) -> float:
    cast = forecast(xs, 0.0, 1.0, m, True)
    assert cast is not None
    return cast.high - cast.low


@SETTINGS
@given(steps, st.integers(min_value=1, max_value=6))
def test_an_older_year_on_the_trend_never_widens_the_interval(xs, m):
    before = width(xs, m)
    after = width([drift(xs), *xs], m)
    assert after <= before * (1 + 1e-9) + 1e-12


@SETTINGS
@given(steps, st.integers(min_value=2, max_value=6))
def test_a_new_year_on_the_trend_never_widens_the_interval(xs, m):
    # A year passes: one more step, equal to the drift, and one year less to go.
    before = width(xs, m)
    after = width([*xs, drift(xs)], m - 1)
    assert after <= before * (1 + 1e-9) + 1e-12


@SETTINGS
@given(steps, st.floats(min_value=-10, max_value=10), st.integers(min_value=1, max_value=6), st.booleans())
def test_on_the_required_path_with_noise_is_a_coin_flip(xs, now, m, up):
    assume(max(xs) - min(xs) > 1e-3)  # noise: the steps differ
    goal = now + m * drift(xs)        # the drift is exactly the step still needed
    cast = forecast(xs, now, goal, m, up)
    assert cast is not None
    assert abs(cast.probability - 0.5) < 1e-6


@SETTINGS
@given(step, st.integers(min_value=3, max_value=12), st.floats(min_value=-10, max_value=10),
       st.integers(min_value=1, max_value=6), st.booleans())
def test_on_the_required_path_without_noise_is_certain(x, k, now, m, up):
    xs = [x] * k
    cast = forecast(xs, now, now + m * x, m, up)
    assert cast is not None and cast.probability == 1.0


@SETTINGS
@given(steps, st.floats(min_value=-10, max_value=10), st.floats(min_value=-5, max_value=5),
       st.floats(min_value=0, max_value=5), st.integers(min_value=1, max_value=6))
def test_a_harder_target_is_never_more_likely(xs, now, goal, harder, m):
    up_easy, up_hard = forecast(xs, now, goal, m, True), forecast(xs, now, goal + harder, m, True)
    down_easy, down_hard = forecast(xs, now, goal, m, False), forecast(xs, now, goal - harder, m, False)
    assert up_easy is not None and up_hard is not None and down_easy is not None and down_hard is not None
    assert up_hard.probability <= up_easy.probability + 1e-12
    assert down_hard.probability <= down_easy.probability + 1e-12
