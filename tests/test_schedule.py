"""The expected path (按计划应达) has one home, progress/path.schedule: the working's expected figure, the engine's
paths (`show`, the report's paths table, the web page) and the report's chart of an indicator without data all
read it there. Every number is worked by hand from docs/progress.md ("The kinds", "Target adjustments",
"Indicators added or retired mid-plan")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from plantrack.models import Adjustment, Entry, Indicator, PlanInfo
from plantrack.plan import Plan
from plantrack.progress import evaluate_plan
from plantrack.progress.explain import explain
from plantrack.report.build import build_report
from plantrack.report.history import chart_data

D = Decimal


def ind(kind: str, target: str, **kw: object) -> Indicator:
    return Indicator(id="x", no=1, name="x", kind=kind, unit=str(kw.pop("unit", "亿元")), target=D(target), **kw)


def plan(indicator: Indicator, entries: dict[int, Entry], base_year: int | None = None) -> Plan:
    info = PlanInfo(id="t", name="t", start=2021, end=2025, base_year=base_year)
    return Plan(info=info, indicators=(indicator,), actuals={"x": entries})


def drawn(p: Plan, as_of: int) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
    """(the engine's schedule, the chart's schedule) of the plan's one indicator as of `as_of`."""
    evaluated = evaluate_plan(p, as_of)
    explained = explain(p, p.indicators[0], evaluated)
    section = build_report(p, as_of, "zh").sections[0]
    chart = chart_data(section, p.entries("x"), evaluated.period, as_of)
    assert explained.paths is not None and chart is not None
    return explained.paths.schedule, chart.schedule


def expected(p: Plan, as_of: int) -> Decimal | None:
    return evaluate_plan(p, as_of).indicators[0].measure.expected


def test_a_cumulative_total_with_an_earlier_base_year_reaches_its_target_in_the_end_year() -> None:
    # base_year = 2019 (check allows start − 5 ≤ B < start): a cumulative total still counts N = end − start + 1 = 5
    # years, 2021..2025, and the working expects T × k / N = 150 × 1 / 5 = 30 after 2021. The schedule is 0 up to
    # 2020 (nothing is owed before the period starts) and reaches 150 in 2025, not in 2024.
    p = plan(ind("cumulative", "150"), {2021: Entry(value=D(30))}, base_year=2019)
    assert expected(p, 2021) == D(30)
    engine, chart = drawn(p, 2021)
    assert engine == chart == {2019: D(0), 2020: D(0), 2021: D(30), 2022: D(60), 2023: D(90), 2024: D(120),
                               2025: D(150)}
    assert engine[2021] == expected(p, 2021)


def q(path: dict[int, Decimal]) -> dict[int, Decimal]:
    return {y: v.quantize(D("0.000001")) for y, v in path.items()}


def v(x: str) -> Entry:
    return Entry(value=D(x))


def r(x: str) -> Entry:
    return Entry(rate=D(x))


RAISED = [Adjustment(year=2023, target=D(120), source="区政府批复")]
# (indicator, the figures before the period (or the base year's), the figures in it, as of, the schedule worked by
# hand, the working's expected figure at the data year on the schedule's scale)
CASES = {
    # 6 % a year from a level of 100: 100 × 1.06^j; 1.06^5 = 1.3382255776. Expected: r = 6 % in 2021, 106.
    "annual_rate": (ind("annual_rate", "6", value_unit="万元", unit="%"), {2020: v("100")}, {2021: v("106")}, 2021,
                    {2020: "100", 2021: "106", 2022: "112.36", 2023: "119.1016", 2024: "126.247696",
                     2025: "133.82255776"}, None),
    # a 10 % fall over 5 years, recorded as rates only: an index from 100, 100 × (1 − 10 × j / 5 / 100).
    "total_change": (ind("total_change", "10", direction="decrease", unit="%"), {2020: r("1.5")}, {2021: r("2")},
                     2021, {2020: "100", 2021: "98", 2022: "96", 2023: "94", 2024: "92", 2025: "90"}, None),
    # V_B = 8 to T = 12: E_Y = 8 + 4 × n / 5; expected E_2021 = 8.8.
    "level": (ind("level", "12", unit="%"), {2020: v("8")}, {2021: v("9")}, 2021,
              {2020: "8", 2021: "8.8", 2022: "9.6", 2023: "10.4", 2024: "11.2", 2025: "12"}, "8.8"),
    # T × k / N = 150 × k / 5; expected 30 after 2021. (2019: an amount before the period, drawn as a bar.)
    "cumulative": (ind("cumulative", "150"), {2019: v("10")}, {2021: v("30")}, 2021,
                   {2020: "0", 2021: "30", 2022: "60", 2023: "90", 2024: "120", 2025: "150"}, "30"),
    # progress.md, worked example 1: 100 raised to 120 from 2023, as of 2023 the schedule to T′ = 120 from the base
    # year with no re-basing, 120 × k / 5; expected 120 × 3 / 5 = 72.
    "adjusted": (ind("cumulative", "100", adjustments=RAISED), {2019: v("10")},
                 {2021: v("20"), 2022: v("20"), 2023: v("25")}, 2023,
                 {2020: "0", 2021: "24", 2022: "48", 2023: "72", 2024: "96", 2025: "120"}, "72"),
    # progress.md, "Indicators added mid-plan": first_year 2023, B′ = 2022, N = 3: E = 8 + 4 × n / 3, 9.333333 in 2023.
    "first_year": (ind("level", "12", unit="%", first_year=2023), {2022: v("8")}, {2023: v("9")}, 2023,
                   {2022: "8", 2023: "9.333333", 2024: "10.666667", 2025: "12"}, "9.333333"),
}


@pytest.mark.parametrize("case", CASES)
def test_the_chart_draws_the_working_s_expected_path_with_or_without_data(case: str) -> None:
    indicator, before, during, as_of, by_hand, at_data_year = CASES[case]
    worked = q({y: D(x) for y, x in by_hand.items()})
    engine, chart = drawn(plan(indicator, before | during), as_of)
    assert q(engine) == q(chart) == worked
    if at_data_year is not None:
        assert q(engine)[as_of] == D(at_data_year) == expected(plan(indicator, before | during), as_of).quantize(
            D("0.000001"))
    # Without a figure in the period the report still draws the same schedule (from the base-year figure).
    p = plan(indicator, before)
    section = build_report(p, as_of, "zh").sections[0]
    assert section.paths is None
    chart_without = chart_data(section, p.entries("x"), evaluate_plan(p, as_of).period, as_of)
    assert chart_without is not None and q(chart_without.schedule) == worked
