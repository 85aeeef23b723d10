"""The progress engine on worked examples (docs: progress.md, decisions.md) and on every kind of indicator.

Every expected number is worked out by hand; the arithmetic sits in a comment next to it. Pace ratios are
compared exactly at the 4 decimals the engine rounds them to; percentages are compared to 0.01 percentage
points (half-up, as displayed) unless the hand computation is exact.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from plantrack.errors import EXIT_USAGE, PlantrackError
from plantrack.models import Entry, Indicator, PlanInfo, Thresholds
from plantrack.plan import Plan
from plantrack.progress import Period, evaluate_indicator, evaluate_plan
from plantrack.render.working import say

D = Decimal
PERIOD = Period(2021, 2025, 2020)  # B = 2020, N = 5


def ind(kind: str, target, *, id: str = "x", no: int = 1, unit: str = "%", **kw) -> Indicator:
    return Indicator(id=id, no=no, name=id, kind=kind, unit=unit, target=target, **kw)


def rate_ind(kind: str = "annual_rate", target="6", **kw) -> Indicator:
    return ind(kind, D(target), **kw)


def plan(*indicators: Indicator, actuals: dict, start: int = 2021, end: int = 2025) -> Plan:
    info = PlanInfo(id="t", name="t", start=start, end=end)
    return Plan(info=info, indicators=tuple(indicators), actuals=actuals)


def values(**by_year) -> dict[int, Entry]:
    """values(y2020="486600", y2021="489000") -> {2020: Entry(value=486600), ...}"""
    return {int(k[1:]): Entry(value=D(v)) for k, v in by_year.items()}


def rates(**by_year) -> dict[int, Entry]:
    return {int(k[1:]): Entry(rate=D(v)) for k, v in by_year.items()}


def evaluate(indicator: Indicator, entries: dict[int, Entry], as_of: int):
    return evaluate_indicator(indicator, entries, PERIOD, as_of, Thresholds())


def pct2(x: Decimal) -> Decimal:
    """As displayed: 2 decimals, half-up (decisions.md, Numbers)."""
    return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)


# --- progress.md worked examples (the Xiaokunshan plan's own data) ---------------------------------------------

VALUE_ADDED = rate_ind(id="value-added-growth", value_unit="万元")


def test_value_added_2021_is_far_behind_with_7_42_percent_required():
    r = evaluate(VALUE_ADDED, values(y2020="486600", y2021="489000"), 2021)
    # a = 489000 / 486600 − 1 = 0.0049322 → 0.49 %
    assert pct2(r.measure.actual) == D("0.49")
    # R = 0.49322 / 6 = 0.082203 → 0.0822 (0.08 displayed)
    assert r.measure.pace_ratio == D("0.0822")
    assert r.status == "far_behind"
    # required = (1.06^5 / (489000/486600))^(1/4) − 1 = (1.3382255776 / 1.0049322)^(1/4) − 1 = 7.4232 %
    assert pct2(r.measure.required) == D("7.42")
    assert r.measure.expected == D("6")


def test_value_added_2021_projects_the_end_level_at_the_achieved_rate():
    r = evaluate(VALUE_ADDED, values(y2020="486600", y2021="489000"), 2021)
    # 489000 × (489000/486600)^4 = 489000 × 1.0198751… = 498718.96
    assert pct2(r.measure.projection_level) == D("498718.96")
    # the period's average rate if the achieved rate continues is the achieved rate itself
    assert r.measure.projection == r.measure.actual


def test_local_fiscal_revenue_2021_is_ahead():
    r = evaluate(rate_ind(value_unit="万元"), values(y2020="48665", y2021="59000"), 2021)
    # a = 59000 / 48665 − 1 = 0.2123703 → 21.24 %
    assert pct2(r.measure.actual) == D("21.24")
    # R = 21.23703 / 6 = 3.539505 → 3.5395 (3.54 displayed)
    assert r.measure.pace_ratio == D("3.5395")
    # not achieved: 1.2124 < 1.06^5 = 1.3382
    assert r.status == "ahead"
    # required = (1.3382255776 / 1.2123703)^(1/4) − 1 = 2.4999 %
    assert pct2(r.measure.required) == D("2.50")


def test_gross_industrial_output_2021_is_ahead():
    r = evaluate(rate_ind(value_unit="万元"), values(y2020="1140000", y2021="1418900"), 2021)
    # a = 1418900 / 1140000 − 1 = 278900 / 1140000 = 0.2446491 → 24.46 %
    assert pct2(r.measure.actual) == D("24.46")
    # R = 24.46491 / 6 = 4.077485 → 4.0775
    assert r.measure.pace_ratio == D("4.0775")
    assert r.status == "ahead"


def test_industrial_fixed_asset_investment_is_achieved_early():
    investment = ind("cumulative", D(17), unit="亿元")
    r = evaluate(investment, values(y2021="27.72"), 2021)
    # completion = 27.72 / 17 = 1.630588 → 163.06 %
    assert pct2(r.measure.completion) == D("163.06")
    assert r.measure.actual == D("27.72")
    assert r.measure.achieved
    assert r.status == "achieved"
    # nothing more is required once S >= T
    assert r.measure.required is None
    assert not r.warning


def test_value_recorded_in_yi_yuan_is_converted_to_the_wan_yuan_value_unit():
    entries = {2020: Entry(value=D(486600)), 2021: Entry(value=D("48.9"), unit="亿元")}
    r = evaluate(VALUE_ADDED, entries, 2021)
    # 48.9 亿元 = 48.9 × 10000 = 489000 万元, so the same a = 0.49 % and R = 0.0822 as above
    assert pct2(r.measure.actual) == D("0.49")
    assert r.measure.pace_ratio == D("0.0822")
    assert r.status == "far_behind"
    # the projection level is in 万元: 489000 × 1.0198751 = 498718.96
    assert pct2(r.measure.projection_level) == D("498718.96")


def test_base_value_in_yuan_is_converted_too():
    entries = {2020: Entry(value=D("4866000000"), unit="元"), 2021: Entry(value=D(489000))}
    r = evaluate(VALUE_ADDED, entries, 2021)
    # 4866000000 元 / 10000 = 486600 万元 → same R = 0.0822
    assert r.measure.pace_ratio == D("0.0822")


def test_the_plan_evaluates_every_indicator_in_order():
    output = rate_ind(id="industrial-output-growth", no=2, value_unit="万元")
    investment = ind("cumulative", D(17), id="industrial-fixed-asset-investment", no=3, unit="亿元")
    p = plan(VALUE_ADDED, output, investment, actuals={
        "value-added-growth": values(y2020="486600", y2021="489000"),
        "industrial-output-growth": values(y2020="1140000", y2021="1418900"),
        "industrial-fixed-asset-investment": values(y2021="27.72"),
    })
    result = evaluate_plan(p)
    assert result.as_of == 2021
    assert [r.status for r in result.indicators] == ["far_behind", "ahead", "achieved"]
    assert result.counts()["far_behind"] == 1 and result.counts()["achieved"] == 1
    # year 1 of 5: 2021 − 2020
    assert result.year_index == 1


# --- decisions.md ----------------------------------------------------------------------------------------------

def test_energy_intensity_total_change_decline_is_far_behind():
    intensity = rate_ind("total_change", "13.5", direction="decrease")
    r = evaluate(intensity, rates(y2021="2.7", y2022="0.1", y2023="0.5"), 2023)
    # ∏f = 0.973 × 0.999 × 0.995 = 0.972027 × 0.995 = 0.967166865; decline = 1 − 0.967166865 = 3.2833 %
    assert r.measure.actual == D("3.2833135")
    assert pct2(r.measure.actual) == D("3.28")
    # e = 13.5 × 3 / 5 = 8.1
    assert r.measure.expected == D("8.1")
    # R = 3.2833135 / 8.1 = 0.405347 → 0.4053 (decisions.md: 0.405)
    assert r.measure.pace_ratio == D("0.4053")
    assert abs(r.measure.pace_ratio - D("0.405")) < D("0.005")
    assert r.status == "far_behind"


def test_energy_intensity_total_change_required_and_projection():
    intensity = rate_ind("total_change", "13.5", direction="decrease")
    r = evaluate(intensity, rates(y2021="2.7", y2022="0.1", y2023="0.5"), 2023)
    # required decline a year: 1 − (0.865 / 0.967166865)^(1/2) = 1 − 0.8943651^(1/2) = 1 − 0.9457086 = 5.43 %
    assert pct2(r.measure.required) == D("5.43")
    # projection: 1 − 0.967166865^(5/3) = 5.41 %
    assert pct2(r.measure.projection) == D("5.41")
    # best single year is the 2.7 % decline of 2021: 5.43 > 2.7, so the row warns
    assert r.measure.best_year == D("2.7")
    assert r.warning


def test_value_added_2022_correction_is_2_58_percent_and_far_behind():
    r = evaluate(VALUE_ADDED, values(y2020="486600", y2021="489000", y2022="512000"), 2022)
    # a = √(512000 / 486600) − 1 = √1.0521989 − 1 = 0.0257675 → 2.58 % (not 2.57)
    assert pct2(r.measure.actual) == D("2.58")
    # R = 2.576748 / 6 = 0.429458 → 0.4295 (0.43 displayed)
    assert r.measure.pace_ratio == D("0.4295")
    assert r.status == "far_behind"


def test_level_factor_spans_a_missing_middle_year():
    r = evaluate(VALUE_ADDED, values(y2020="486600", y2022="512000"), 2022)
    # one factor 512000 / 486600 covers 2021–2022, so the same a = 2.58 %, R = 0.4295 as with 2021 recorded
    assert pct2(r.measure.actual) == D("2.58")
    assert r.measure.pace_ratio == D("0.4295")
    assert r.measure.covered == (2021, 2022)
    # the level factor covers the gap exactly, so the result is not partial
    assert r.measure.missing == ()
    assert not r.partial
    assert any(say(line, "en").startswith("g2021–2022 = 512000 / 486600") for line in r.measure.formula)


# --- annual_rate -----------------------------------------------------------------------------------------------

def test_annual_rate_from_recorded_rates_only():
    r = evaluate(rate_ind(), rates(y2021="5", y2022="7"), 2022)
    # a = √(1.05 × 1.07) − 1 = √1.1235 − 1 = 0.0599528 → 6.00 %
    assert pct2(r.measure.actual) == D("6.00")
    # R = 5.99528 / 6 = 0.999213 → 0.9992 → on_track (0.95 <= R < 1.05)
    assert r.measure.pace_ratio == D("0.9992")
    assert r.status == "on_track"
    # no levels, so no projected end level
    assert r.measure.projection_level is None


def test_recorded_rate_wins_over_levels_in_the_same_year():
    entries = {2020: Entry(value=D(486600)), 2021: Entry(value=D(489000), rate=D(7))}
    r = evaluate(VALUE_ADDED, entries, 2021)
    # f2021 = 1 + 7 % (not 489000 / 486600); a = 7 %, R = 7 / 6 = 1.16667 → 1.1667
    assert r.measure.actual == D(7)
    assert r.measure.pace_ratio == D("1.1667")
    assert r.status == "ahead"
    # the projection level starts from the recorded level: 489000 × 1.07^4 = 489000 × 1.31079601 = 640979.25
    assert pct2(r.measure.projection_level) == D("640979.25")


def test_rates_and_levels_mix_across_years():
    entries = {2020: Entry(value=D(100)), 2021: Entry(rate=D(4)), 2022: Entry(value=D("110.24"))}
    r = evaluate(rate_ind(value_unit="万元"), entries, 2022)
    # 2021 from its rate (1.04); 2022 has a level but 2021 has none, and the span back to 2020 is cut by the
    # rate year, so 2022 has no factor: a = 4 %, partial, 2022 missing
    assert r.measure.actual == D(4)
    assert r.measure.missing == (2022,)
    assert r.partial


def test_annual_rate_decrease_from_rates_has_pace_0_9():
    energy = rate_ind(target="3", direction="decrease")
    r = evaluate(energy, rates(y2021="2.7"), 2021)
    # decline a = 2.7 % (own terms); R = 2.7 / 3 = 0.9 → behind (0.60 <= 0.9 < 0.95)
    assert r.measure.actual == D("2.7")
    assert r.measure.pace_ratio == D("0.9")
    assert r.status == "behind"
    # required decline: 1 − (0.97^5 / 0.973)^(1/4) = 1 − (0.8587340257 / 0.973)^(1/4) = 3.07 %
    assert pct2(r.measure.required) == D("3.07")


def test_annual_rate_decrease_from_levels():
    energy = rate_ind(target="3", direction="decrease", value_unit="吨标准煤/万元")
    r = evaluate(energy, values(y2020="0.5", y2021="0.485"), 2021)
    # f = 0.485 / 0.5 = 0.97 → decline 3 %; R = 3 / 3 = 1 → on_track
    assert r.measure.actual == D(3)
    assert r.measure.pace_ratio == D(1)
    assert r.status == "on_track"
    # required: (0.97^5 / 0.97)^(1/4) = 0.97 → 3 % a year still
    assert pct2(r.measure.required) == D("3.00")


def test_annual_rate_decrease_that_rises_is_far_behind():
    energy = rate_ind(target="3", direction="decrease")
    r = evaluate(energy, rates(y2021="-1"), 2021)
    # a rate of −1 on a decrease indicator is a 1 % rise: f = 1.01, decline −1 %, R = −1 / 3 = −0.3333
    assert r.measure.actual == D(-1)
    assert r.measure.pace_ratio == D("-0.3333")
    assert r.status == "far_behind"


def test_annual_rate_with_a_missing_middle_year_is_partial():
    r = evaluate(rate_ind(), rates(y2021="6", y2023="6"), 2023)
    # two known factors 1.06 × 1.06; a = (1.1236)^(1/2) − 1 = 6 %, R = 1
    assert pct2(r.measure.actual) == D("6.00")
    assert r.measure.pace_ratio == D(1)
    assert r.status == "on_track"
    assert r.measure.covered == (2021, 2023)
    assert r.measure.missing == (2022,)
    assert r.partial
    # the missing year is assumed to move at a, so 6 % a year is still what is required
    assert pct2(r.measure.required) == D("6.00")


def test_annual_rate_without_base_level_or_rates_is_no_data():
    r = evaluate(VALUE_ADDED, values(y2021="489000"), 2021)
    # 2021 has a level but 2020 has none and there is no rate: no factor at all
    assert r.status == "no_data"
    assert r.measure.pace_ratio is None
    assert r.measure.missing == (2021,)
    assert say(r.measure.reason, "en") == "no base-year level (2020) and no recorded rates"
    assert say(r.measure.reason, "zh") == "未记录基期（2020 年）水平值，也没有记录增速"


def test_annual_rate_uses_history_before_the_base_year_for_the_best_year():
    entries = values(y2019="450000", y2020="486600", y2021="489000")
    r = evaluate(VALUE_ADDED, entries, 2021)
    # single years: 2020 486600/450000 − 1 = 8.13 %, 2021 0.49 %; best 8.13 % > required 7.42 %: no warning
    assert pct2(r.measure.best_year) == D("8.13")
    assert not r.warning
    # history does not enter a: still 0.49 %
    assert pct2(r.measure.actual) == D("0.49")


def test_annual_rate_is_achieved_when_the_end_level_is_already_reached():
    r = evaluate(rate_ind(), rates(y2021="40"), 2021)
    # 1.40 >= 1.06^5 = 1.3382255776 → achieved before the end
    assert r.measure.achieved
    assert r.status == "achieved"


def test_annual_rate_end_year_on_target_is_achieved_without_required():
    r = evaluate(rate_ind(), rates(y2021="6", y2022="6", y2023="6", y2024="6", y2025="6"), 2025)
    # ∏f = 1.06^5 = 1.3382255776 = goal → achieved; m = 0 → no required
    assert r.status == "achieved"
    assert r.measure.required is None
    assert r.final


def test_annual_rate_end_year_just_short_is_nearly_met_or_missed_if_binding():
    # Changed for issue 16 (decisions.md, "The final evaluation"): an expected indicator just short at the end
    # is 基本实现 (nearly_met), no longer missed; a binding one has no tolerance and is still missed.
    entries = rates(y2021="6", y2022="6", y2023="6", y2024="6", y2025="5.9")
    r = evaluate(rate_ind(), entries, 2025)
    # ∏f = 1.06^4 × 1.059 = 1.26247696 × 1.059 = 1.33696310 < 1.3382255776 → not met;
    # a = 1.33696310^(1/5) − 1 = 5.98%, R = 0.9966 ≥ 0.95 → nearly_met
    assert r.status == "nearly_met"
    assert r.measure.required is None
    assert r.years_remaining == 0
    assert evaluate(rate_ind(attribute="binding"), entries, 2025).status == "missed"


# --- total_change ----------------------------------------------------------------------------------------------

def test_total_change_increase_is_ahead_of_the_linear_schedule():
    r = evaluate(rate_ind("total_change", "20"), rates(y2021="5", y2022="5"), 2022)
    # c = 1.05 × 1.05 − 1 = 10.25 %; e = 20 × 2 / 5 = 8; R = 10.25 / 8 = 1.28125 → 1.2813 → ahead
    assert r.measure.actual == D("10.25")
    assert r.measure.expected == D(8)
    assert r.measure.pace_ratio == D("1.2813")
    assert r.status == "ahead"
    # required: (1.20 / 1.1025)^(1/3) − 1 = 1.0884354^(1/3) − 1 = 2.86 %
    assert pct2(r.measure.required) == D("2.86")
    # projection: 1.1025^(5/2) − 1 = 27.628 % → 27.63
    assert pct2(r.measure.projection) == D("27.63")


def test_total_change_is_achieved_once_the_total_is_reached():
    r = evaluate(rate_ind("total_change", "20"), rates(y2021="10", y2022="10"), 2022)
    # c = 1.1 × 1.1 − 1 = 21 % >= 20 %
    assert r.measure.actual == D(21)
    assert r.status == "achieved"


def test_total_change_reaching_the_total_exactly_is_achieved():
    r = evaluate(rate_ind("total_change", "21"), rates(y2021="10", y2022="10"), 2022)
    # c = 1.1 × 1.1 − 1 = 21 % = C: "achieved once c reaches C"
    assert r.measure.actual == D(21)
    assert r.status == "achieved"


def test_total_change_decrease_from_levels():
    intensity = rate_ind("total_change", "13.5", direction="decrease", value_unit="吨标准煤/万元")
    r = evaluate(intensity, values(y2020="0.5", y2021="0.48", y2022="0.473"), 2022)
    # ∏f = 0.473 / 0.5 = 0.946 (telescoping) → decline 5.4 %; e = 13.5 × 2 / 5 = 5.4 → R = 1 → on_track
    assert r.measure.actual == D("5.4")
    assert r.measure.pace_ratio == D(1)
    assert r.status == "on_track"


def test_total_change_with_a_missing_year_compares_only_the_covered_years():
    r = evaluate(rate_ind("total_change", "20"), rates(y2021="4", y2023="4"), 2023)
    # c = 1.04² − 1 = 8.16 %; covered k = 2 → e = 20 × 2 / 5 = 8; R = 8.16 / 8 = 1.02
    assert r.measure.actual == D("8.16")
    assert r.measure.expected == D(8)
    assert r.measure.pace_ratio == D("1.02")
    assert r.measure.missing == (2022,)
    assert r.partial


def test_total_change_end_year_missed():
    r = evaluate(rate_ind("total_change", "20"), rates(y2021="3", y2022="3", y2023="3", y2024="3", y2025="3"), 2025)
    # c = 1.03^5 − 1 = 15.93 % < 20 % → missed
    assert pct2(r.measure.actual) == D("15.93")
    assert r.status == "missed"
    assert r.measure.required is None


# --- cumulative ------------------------------------------------------------------------------------------------

INVESTMENT = ind("cumulative", D(150), unit="亿元")


def test_cumulative_sums_the_years_against_the_linear_schedule():
    r = evaluate(INVESTMENT, values(y2021="25", y2022="29"), 2022)
    # S = 25 + 29 = 54; S / T = 54 / 150 = 36 %; schedule 2 / 5 = 40 %; R = 36 / 40 = 0.9 → behind
    assert r.measure.actual == D(54)
    assert r.measure.completion == D(36)
    assert r.measure.pace_ratio == D("0.9")
    assert r.status == "behind"
    # required (150 − 54) / 3 = 32 a year; projection 54 × 5 / 2 = 135
    assert r.measure.required == D(32)
    assert r.measure.projection == D(135)
    # 32 > the best year 29: needs a year better than any seen
    assert r.measure.best_year == D(29)
    assert r.warning


def test_cumulative_with_a_missing_middle_year_is_partial_not_zero():
    r = evaluate(INVESTMENT, values(y2021="30", y2023="30"), 2023)
    # S = 30 + 30 = 60 (2022 not read as 0); completion 60 / 150 = 40 %; schedule k / N = 2 / 5 = 40 % → R = 1
    assert r.measure.actual == D(60)
    assert r.measure.pace_ratio == D(1)
    assert r.status == "on_track"
    assert r.measure.covered == (2021, 2023)
    assert r.measure.missing == (2022,)
    assert r.partial


def test_cumulative_ignores_history_years_in_the_sum():
    r = evaluate(INVESTMENT, values(y2019="40", y2020="35", y2021="30"), 2021)
    # S = 30 (2021 only); 30 / 150 = 20 % = schedule 1 / 5 → R = 1
    assert r.measure.actual == D(30)
    assert r.measure.pace_ratio == D(1)


def test_net_cumulative_with_a_negative_year():
    net = ind("cumulative", D(50), unit="家", net=True)
    r = evaluate(net, {2021: Entry(value=D(12)), 2022: Entry(value=D(-3)), 2023: Entry(value=D(9))}, 2023)
    # S = 12 − 3 + 9 = 18; 18 / 50 = 36 %; schedule 3 / 5 = 60 %; R = 36 / 60 = 0.6 → behind (boundary)
    assert r.measure.actual == D(18)
    assert r.measure.pace_ratio == D("0.6")
    assert r.status == "behind"
    # required (50 − 18) / 2 = 16 > best year 12 → warning; projection 18 × 5 / 3 = 30
    assert r.measure.required == D(16)
    assert r.measure.projection == D(30)
    assert r.warning


def test_net_cumulative_below_zero_is_far_behind():
    net = ind("cumulative", D(50), unit="家", net=True)
    r = evaluate(net, {2021: Entry(value=D(-5))}, 2021)
    # S = −5; R = (−5 / 50) / (1 / 5) = −0.5 → moving the wrong way
    assert r.measure.pace_ratio == D("-0.5")
    assert r.status == "far_behind"


def test_cumulative_end_year_exactly_on_target_is_achieved():
    r = evaluate(INVESTMENT, values(y2021="30", y2022="30", y2023="30", y2024="30", y2025="30"), 2025)
    # S = 5 × 30 = 150 = T → achieved; no required at m = 0
    assert r.status == "achieved"
    assert r.measure.required is None
    assert r.final


def test_cumulative_end_year_short_is_nearly_met_and_far_short_is_missed():
    # Changed for issue 16: within the on-track tolerance at the end is nearly_met (基本实现), not missed.
    r = evaluate(INVESTMENT, values(y2021="30", y2022="30", y2023="30", y2024="30", y2025="29.9"), 2025)
    # S = 149.9 < 150, R = (149.9 / 150) / (5 / 5) = 0.99933 → 0.9993 ≥ 0.95 at m = 0 → nearly_met
    assert r.status == "nearly_met"
    assert r.measure.required is None
    assert r.measure.pace_ratio == D("0.9993")
    # S = 140, R = 140 / 150 = 0.9333 < 0.95 → missed
    r = evaluate(INVESTMENT, values(y2021="30", y2022="30", y2023="30", y2024="30", y2025="20"), 2025)
    assert r.status == "missed" and r.measure.required is None


# --- level -----------------------------------------------------------------------------------------------------

SHARE = ind("level", D(80))


def test_level_increase_against_the_linear_path():
    r = evaluate(SHARE, values(y2020="60", y2022="70"), 2022)
    # E = 60 + (80 − 60) × 2 / 5 = 68; R = (70 − 60) / (68 − 60) = 1.25 → ahead
    assert r.measure.expected == D(68)
    assert r.measure.pace_ratio == D("1.25")
    assert r.status == "ahead"
    # required (80 − 70) / 3 = 3.3333 a year; projection 70 + (70 − 60) × 3 / 2 = 85
    assert pct2(r.measure.required) == D("3.33")
    assert r.measure.projection == D(85)


def test_level_reaching_the_target_is_achieved():
    r = evaluate(SHARE, values(y2020="60", y2023="80"), 2023)
    assert r.status == "achieved"
    assert r.measure.required is None


def test_level_can_slip_back_after_reaching_the_target():
    r = evaluate(SHARE, values(y2020="60", y2023="80", y2024="79"), 2024)
    # 79 < 80: not achieved any more; E = 60 + 20 × 4 / 5 = 76; R = 19 / 16 = 1.1875 → ahead
    assert not r.measure.achieved
    assert r.measure.pace_ratio == D("1.1875")
    assert r.status == "ahead"


def test_level_decrease_toward_a_lower_target():
    r = evaluate(ind("level", D(5), direction="decrease"), values(y2020="10", y2021="9"), 2021)
    # E = 10 + (5 − 10) × 1 / 5 = 9; R = (9 − 10) / (9 − 10) = 1 → on_track
    assert r.measure.expected == D(9)
    assert r.measure.pace_ratio == D(1)
    assert r.status == "on_track"
    # change still needed: (5 − 9) / 4 = −1 a year
    assert r.measure.required == D(-1)


UNEMPLOYMENT = ind("level", D("5.5"), direction="decrease")


@pytest.mark.parametrize("latest", ["4.8", "5.5"])
def test_level_decrease_ceiling_is_achieved_while_at_or_below(latest):
    r = evaluate(UNEMPLOYMENT, values(y2020="4.5", y2022=latest), 2022)
    # 4.8 <= 5.5 and 5.5 <= 5.5: the ceiling holds
    assert r.status == "achieved"


def test_level_decrease_ceiling_broken_is_far_behind():
    r = evaluate(UNEMPLOYMENT, values(y2020="4.5", y2022="5.6"), 2022)
    # 5.6 > 5.5; the target is above the base, so there is no schedule (R is None): the wrong way
    assert r.measure.pace_ratio is None
    assert r.status == "far_behind"


def test_level_decrease_ceiling_broken_at_the_end_is_missed():
    r = evaluate(UNEMPLOYMENT, values(y2020="4.5", y2025="5.6"), 2025)
    assert r.status == "missed"


def test_level_without_base_value_is_no_data():
    r = evaluate(SHARE, values(y2021="70", y2022="75"), 2022)
    assert r.status == "no_data"
    assert r.measure.pace_ratio is None
    assert r.measure.missing == (2020,)


def test_level_end_year_missed_nearly_met_and_achieved():
    # Changed for issue 16: 79 of 80 (R = 0.95) is nearly_met at the end, no longer missed.
    missed = evaluate(SHARE, values(y2020="60", y2025="78"), 2025)
    nearly = evaluate(SHARE, values(y2020="60", y2025="79"), 2025)
    achieved = evaluate(SHARE, values(y2020="60", y2025="80"), 2025)
    # 78: R = 18 / 20 = 0.90 → missed; 79: R = 19 / 20 = 0.95 → nearly_met; 80 >= 80 → achieved; none has a
    # required change
    assert (missed.status, nearly.status, achieved.status) == ("missed", "nearly_met", "achieved")
    assert missed.measure.required is None and nearly.measure.required is None and achieved.measure.required is None


# --- qualitative -----------------------------------------------------------------------------------------------

SYNC = ind("qualitative", "与经济增长基本同步", unit="%")


def test_qualitative_takes_the_recorded_assessment():
    r = evaluate(SYNC, {2022: Entry(assessment="behind", note="略低于经济增速")}, 2022)
    assert r.status == "behind"
    assert r.data_year == 2022


def test_qualitative_at_the_end_must_be_achieved():
    ontrack = evaluate(SYNC, {2025: Entry(assessment="on_track", note="n")}, 2025)
    done = evaluate(SYNC, {2025: Entry(assessment="achieved", note="n")}, 2025)
    assert (ontrack.status, done.status) == ("missed", "achieved")


def test_qualitative_without_assessment_is_no_data():
    r = evaluate(SYNC, {}, 2022)
    assert r.status == "no_data"
    assert r.data_year is None


# --- the as-of year --------------------------------------------------------------------------------------------

def _two_indicator_plan() -> Plan:
    fresh = rate_ind(id="fresh", no=1)
    old = rate_ind(id="old", no=2)
    return plan(fresh, old, actuals={
        "fresh": rates(y2021="6", y2022="6", y2023="6"),
        "old": rates(y2021="6"),
    })


def test_as_of_defaults_to_the_latest_year_with_data():
    result = evaluate_plan(_two_indicator_plan())
    assert result.as_of == 2023


def test_data_older_than_the_as_of_year_is_stale():
    fresh, old = evaluate_plan(_two_indicator_plan()).indicators
    assert (fresh.data_year, fresh.stale) == (2023, False)
    # the old row is judged at its own data year 2021: n = 1, m = 4
    assert (old.data_year, old.stale) == (2021, True)
    assert (old.years_elapsed, old.years_remaining) == (1, 4)
    assert old.measure.pace_ratio == D(1)


def test_as_of_limits_the_data_used():
    fresh, _ = evaluate_plan(_two_indicator_plan(), as_of=2022).indicators
    assert fresh.data_year == 2022


def test_as_of_after_the_end_evaluates_the_end_year():
    p = plan(rate_ind(), actuals={"x": rates(y2021="6", y2022="6", y2023="6", y2024="6", y2025="6")})
    result = evaluate_plan(p, as_of=2027)
    assert (result.as_of, result.requested_as_of) == (2025, 2027)
    # the final evaluation, as every output tells it (PlanResult.final): as_of is never after the end year
    assert result.final and not evaluate_plan(p, as_of=2024).final
    (r,) = result.indicators
    assert r.final and r.status == "achieved"


def test_as_of_before_the_start_is_a_usage_error():
    with pytest.raises(PlantrackError) as caught:
        evaluate_plan(_two_indicator_plan(), as_of=2020)
    assert caught.value.code == EXIT_USAGE == 2


def test_history_years_do_not_set_the_default_as_of():
    p = plan(VALUE_ADDED, actuals={"value-added-growth": values(y2019="450000", y2020="486600")})
    result = evaluate_plan(p)
    # no data inside 2021..2025: as-of is the start year, and the row has no data
    assert result.as_of == 2021
    assert result.indicators[0].status == "no_data"


# --- regressions found by the properties -----------------------------------------------------------------------

def test_huge_but_valid_rates_do_not_crash_the_formula_text():
    # A decrease rate of −9999999900 % is valid (checks: a decline below 100): f = 1 + 99999999 = 10^8.
    # Over 1949–1963 (N = 15) the total is 10^120, which has more digits than the default context holds.
    long_plan = Period(1949, 1963, 1948)
    change = rate_ind("total_change", "10", direction="decrease")
    entries = {y: Entry(rate=D("-9999999900")) for y in range(1949, 1964)}
    r = evaluate_indicator(change, entries, long_plan, 1963, Thresholds())
    # the level rose: the decline is negative and the end year is missed
    assert r.measure.actual < 0
    assert r.status == "missed"
    assert all(isinstance(say(line, "zh"), str) for line in r.measure.formula)  # written when read: read it


def test_the_working_is_written_when_read_and_pickles_as_its_lines():
    """Judging needs numbers only: the formula steps are worked out on first reading (issue 19, item 6), then
    kept; a worker process sends them as a plain tuple."""
    import pickle

    from plantrack.progress.result import Step, Working

    calls = []
    a, r = Step("average", {"factors": "1.05", "k": "1", "a": "5.00"}), Step("pace_rate", {"a": "5", "target": "6",
                                                                                           "pace": "0.8333"})
    w = Working(lambda: calls.append(1) or [a, r])
    assert calls == []
    assert list(w) == [a, r] and w == (a, r) and len(w) == 2 and w[1] == r
    assert calls == [1]  # once
    assert pickle.loads(pickle.dumps(w)) == (a, r)
    assert type(pickle.loads(pickle.dumps(w))) is tuple
    assert [say(line, "en") for line in w] == ["a = (1.05)^(1/1) − 1 = 5.00%", "R = a / r = 5 / 6 = 0.8333"]


def test_a_tiny_target_met_exactly_is_achieved_despite_rounding():
    # 1.00000001^5 = 1.0000000500000010000000100000000500000001 (41 digits): the product is rounded, but the
    # series grew at exactly the target every year, so it is achieved, not missed
    tiny = rate_ind(target="0.000001")
    r = evaluate(tiny, rates(**{f"y{y}": "0.000001" for y in range(2021, 2026)}), 2025)
    assert r.status == "achieved"
