"""Status bands (progress.md, "Status"): every boundary exactly, plan thresholds, binding rows, early warning.

The boundaries are hit with a cumulative indicator, T = 100 over 2021–2025, evaluated in 2021 (k = 1, N = 5):
R = (S / 100) / (1 / 5) = S / 20, so each R is exact: S = 21 → 1.05, S = 20.998 → 1.0499, and so on.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from plantrack.models import Entry, Indicator, PlanInfo, Thresholds
from plantrack.plan import Plan
from plantrack.progress import Measure, Period, band, evaluate_indicator, evaluate_plan

D = Decimal
PERIOD = Period(2021, 2025, 2020)


def cumulative(attribute: str = "expected") -> Indicator:
    return Indicator(id="c", no=1, name="c", kind="cumulative", unit="亿元", target=D(100), attribute=attribute)


def first_year(amount: str, attribute: str = "expected", thresholds: Thresholds | None = None):
    entries = {2021: Entry(value=D(amount))}
    return evaluate_indicator(cumulative(attribute), entries, PERIOD, 2021, thresholds or Thresholds())


@pytest.mark.parametrize(
    ("amount", "pace", "status"),
    [
        ("21", "1.05", "ahead"),            # 21 / 20 = 1.05: ahead starts at 1.05
        ("20.998", "1.0499", "on_track"),   # 20.998 / 20 = 1.0499
        ("20", "1", "on_track"),            # 20 / 20 = 1
        ("19", "0.95", "on_track"),         # 19 / 20 = 0.95: on track starts at 0.95
        ("18.998", "0.9499", "behind"),     # 18.998 / 20 = 0.9499
        ("12", "0.6", "behind"),            # 12 / 20 = 0.60: behind starts at 0.60
        ("11.998", "0.5999", "far_behind"),  # 11.998 / 20 = 0.5999
        ("0", "0", "far_behind"),           # nothing done yet
    ],
)
def test_default_bands_at_their_boundaries(amount, pace, status):
    r = first_year(amount)
    assert r.measure.pace_ratio == D(pace)
    assert r.status == status


@pytest.mark.parametrize(
    ("amount", "pace", "status"),
    [
        ("21", "1.05", "ahead"),          # 21 / 20 = 1.05
        ("20.998", "1.0499", "on_track"),  # 1.0499
        ("20", "1", "on_track"),          # 20 / 20 = 1.00: a binding row is on track from 1.00
        ("19.998", "0.9999", "behind"),   # 19.998 / 20 = 0.9999: no tolerance below 1.00
        ("19.4", "0.97", "behind"),       # 19.4 / 20 = 0.97
        ("19", "0.95", "behind"),         # 0.95 is on track only for expected rows
        ("12", "0.6", "behind"),          # 12 / 20 = 0.60
        ("11.998", "0.5999", "far_behind"),
    ],
)
def test_binding_bands_have_no_tolerance(amount, pace, status):
    r = first_year(amount, "binding")
    assert r.measure.pace_ratio == D(pace)
    assert r.status == status


def test_r_0_97_is_on_track_for_expected_and_behind_for_binding():
    # S = 19.4 → R = 19.4 / 20 = 0.97
    assert first_year("19.4", "expected").status == "on_track"
    assert first_year("19.4", "binding").status == "behind"


def test_achieved_overrides_every_band():
    # S = 100 in the first year: R = 100 / 20 = 5 (ahead by R), but S >= T means achieved
    r = first_year("100")
    assert r.measure.pace_ratio == D(5)
    assert r.status == "achieved"


CUSTOM = Thresholds(ahead=D("1.2"), on_track=D("0.9"), behind=D("0.5"))


@pytest.mark.parametrize(
    ("amount", "default", "custom"),
    [
        ("24", "ahead", "ahead"),          # 24 / 20 = 1.2
        ("23.998", "ahead", "on_track"),   # 1.1999: ahead by default, below the plan's 1.2
        ("21", "ahead", "on_track"),       # 1.05
        ("18.4", "behind", "on_track"),    # 0.92: below 0.95, above the plan's 0.9
        ("18", "behind", "on_track"),      # 0.90
        ("17.998", "behind", "behind"),    # 0.8999
        ("11", "far_behind", "behind"),    # 0.55: below 0.60, above the plan's 0.5
        ("10", "far_behind", "behind"),    # 0.50
        ("9.998", "far_behind", "far_behind"),  # 0.4999
    ],
)
def test_plan_thresholds_move_the_bands(amount, default, custom):
    assert first_year(amount).status == default
    assert first_year(amount, thresholds=CUSTOM).status == custom


def test_plan_thresholds_are_read_from_the_plan_info():
    info = PlanInfo(id="t", name="t", start=2021, end=2025, thresholds=CUSTOM)
    p = Plan(info=info, indicators=(cumulative(),), actuals={"c": {2021: Entry(value=D("18.4"))}})
    # R = 18.4 / 20 = 0.92: on track under on_track = 0.9 (behind under the default 0.95)
    assert evaluate_plan(p).indicators[0].status == "on_track"


def test_binding_keeps_a_plan_on_track_threshold_above_one():
    strict = Thresholds(ahead=D("1.2"), on_track=D("1.02"), behind=D("0.6"))
    # 20.2 / 20 = 1.01 < 1.02 → behind; 20.4 / 20 = 1.02 → on track (max(1.02, 1.00) = 1.02)
    assert first_year("20.2", "binding", strict).status == "behind"
    assert first_year("20.4", "binding", strict).status == "on_track"


def test_binding_annual_rate_at_pace_0_9_is_behind():
    energy = Indicator(id="e", no=1, name="e", kind="annual_rate", direction="decrease", unit="%",
                       target=D(3), attribute="binding")
    r = evaluate_indicator(energy, {2021: Entry(rate=D("2.7"))}, PERIOD, 2021, Thresholds())
    # R = 2.7 / 3 = 0.9
    assert r.measure.pace_ratio == D("0.9")
    assert r.status == "behind"


# --- band() on its own: the order of the rules -----------------------------------------------------------------

def test_band_end_year_without_target_is_nearly_met_or_missed_even_when_ahead():
    # Changed for issue 16: at the end year an expected indicator within the tolerance is nearly_met; a binding
    # one has none (missed); below the tolerance, missed.
    m = Measure(actual=D(1), pace_ratio=D("1.5"))
    assert band(m, 0, Thresholds(), False) == "nearly_met"
    assert band(m, 0, Thresholds(), True) == "missed"
    assert band(m._replace(pace_ratio=D("0.9499")), 0, Thresholds(), False) == "missed"
    assert band(m, 1, Thresholds(), False) == "ahead"


def test_band_without_numbers_is_no_data():
    assert band(Measure(), 2, Thresholds(), False) == "no_data"
    assert band(Measure(), 0, Thresholds(), False) == "no_data"


def test_band_actual_without_pace_is_the_wrong_way():
    assert band(Measure(actual=D(5)), 2, Thresholds(), False) == "far_behind"


# --- early warning ---------------------------------------------------------------------------------------------

def _cumulative(amounts: dict[int, str], year: int):
    entries = {y: Entry(value=D(a)) for y, a in amounts.items()}
    return evaluate_indicator(cumulative(), entries, PERIOD, year, Thresholds())


def test_warning_when_the_yearly_amount_needed_beats_every_year_seen():
    r = _cumulative({2021: "20", 2022: "15"}, 2022)
    # required (100 − 35) / 3 = 21.67 > best year 20
    assert r.measure.best_year == D(20)
    assert r.warning


def test_no_warning_when_a_past_year_was_good_enough():
    r = _cumulative({2021: "25", 2022: "10"}, 2022)
    # required (100 − 35) / 3 = 21.67 <= best year 25
    assert not r.warning


def test_no_warning_when_required_equals_the_best_year():
    r = _cumulative({2021: "25", 2022: "0"}, 2022)
    # required (100 − 25) / 3 = 25 = best year 25: not "above"
    assert r.measure.required == D(25)
    assert not r.warning


def test_warning_on_an_annual_rate_needing_a_faster_year():
    va = Indicator(id="v", no=1, name="v", kind="annual_rate", unit="%", target=D(6), value_unit="万元")
    entries = {2020: Entry(value=D(486600)), 2021: Entry(value=D(489000))}
    r = evaluate_indicator(va, entries, PERIOD, 2021, Thresholds())
    # required 7.42 % a year > best single year 0.49 %
    assert r.warning


def test_no_warning_once_achieved_or_at_the_end():
    # achieved: S = 100 >= T
    assert not _cumulative({2021: "60", 2022: "40"}, 2022).warning
    # missed at the end: no required, so nothing to warn about
    r = _cumulative({2021: "1", 2022: "1", 2023: "1", 2024: "1", 2025: "1"}, 2025)
    assert r.status == "missed" and not r.warning


def test_warning_on_a_level_increase_needing_a_bigger_step():
    share = Indicator(id="s", no=1, name="s", kind="level", unit="%", target=D(15))
    entries = {2020: Entry(value=D(10)), 2021: Entry(value=D("10.5"))}
    r = evaluate_indicator(share, entries, PERIOD, 2021, Thresholds())
    # required (15 − 10.5) / 4 = 1.125 a year > best step 0.5
    assert r.measure.required == D("1.125")
    assert r.warning


def test_warning_on_a_level_decrease_needing_a_bigger_fall():
    intensity = Indicator(id="i", no=1, name="i", kind="level", direction="decrease", unit="%", target=D(5))
    entries = {2020: Entry(value=D(10)), 2021: Entry(value=D("9.5"))}
    r = evaluate_indicator(intensity, entries, PERIOD, 2021, Thresholds())
    # E = 10 − 5 × 1 / 5 = 9; R = (9.5 − 10) / (9 − 10) = 0.5 → far_behind
    assert r.status == "far_behind"
    # change still needed (5 − 9.5) / 4 = −1.125 a year, a fall of 1.125 > the best fall so far, 0.5
    assert r.measure.required == D("-1.125")
    assert r.warning


def test_no_warning_on_a_level_decrease_with_a_big_enough_past_fall():
    intensity = Indicator(id="i", no=1, name="i", kind="level", direction="decrease", unit="%", target=D(5))
    entries = {2020: Entry(value=D(12)), 2021: Entry(value=D(10)), 2022: Entry(value=D("9.6"))}
    r = evaluate_indicator(intensity, entries, PERIOD, 2022, Thresholds())
    # base 12: E = 12 − 7 × 2 / 5 = 9.2; needed (5 − 9.6) / 3 = −1.533 a year; best fall 2 (12 → 10) covers it
    assert not r.warning
