"""The likelihood of meeting a target (issue 31): the t distribution against printed tables, the two examples
worked by hand in docs/progress.md ("Likelihood / 把握"), and every case where no number is given.

Expected values are literals: the t quantiles from a printed t-table, the worked examples by hand (and checked
against scipy.stats.t once, outside this code)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from plantrack.check.load import load_plan
from plantrack.progress.engine import evaluate_plan
from plantrack.progress.likelihood import forecast, of, percent, shown
from plantrack.progress.student import t_cdf, t_quantile

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "plans" / "xiaokunshan-14th"


@pytest.mark.parametrize(("p", "df", "table"), [
    # a printed t-table (one-sided upper quantiles), three decimals
    (0.975, 1, "12.706"), (0.975, 2, "4.303"), (0.90, 2, "1.886"), (0.90, 3, "1.638"), (0.90, 4, "1.533"),
    (0.95, 5, "2.015"), (0.975, 10, "2.228"), (0.99, 30, "2.457"), (0.95, 20, "1.725"),
])
def test_t_quantiles_match_a_printed_table(p, df, table):
    assert f"{t_quantile(p, df):.3f}" == table
    assert f"{t_cdf(float(table), df):.3f}" == f"{p:.3f}"
    assert f"{t_cdf(-float(table), df):.3f}" == f"{1 - p:.3f}"


def test_t_cdf_is_one_half_at_zero_and_reaches_its_ends():
    assert t_cdf(0.0, 3) == 0.5
    assert t_cdf(float("inf"), 3) == 1.0 and t_cdf(float("-inf"), 3) == 0.0


def test_worked_example_a_level_with_three_steps():
    """docs/progress.md, example A: steps 1, 2, 3 from 60 towards 66 with two years to go."""
    cast = forecast([1.0, 2.0, 3.0], 60.0, 66.0, 2, True)
    assert cast is not None
    assert f"{cast.mean:.6f}" == "2.428571"       # (0.25·1 + 0.5·2 + 1·3) / 1.75
    assert f"{cast.k_eff:.6f}" == "2.333333"      # 1.75² / 1.3125
    assert f"{cast.sd:.6f}" == "1.129385"         # √((1.428571² + 0.428571² + 0.571429²) / 2)
    assert f"{cast.centre:.4f}" == "64.8571"
    assert f"{cast.se:.6f}" == "2.176605"         # 1.129385 × √(2 · (1 + 2 / 2.333333))
    assert f"{cast.t:.4f}" == "-0.5251"
    assert percent(cast.probability) == "32%"     # F_t2(−0.5251) = 0.3260
    assert f"{cast.low:.2f}–{cast.high:.2f}" == "60.75–68.96"   # ± 1.885618 × 2.176605


def test_worked_example_the_bundled_value_added_as_of_2023():
    """docs/progress.md, example B: 增加值 (6% a year) judged on 2016–2021, four years to go."""
    plan, findings = load_plan(BUNDLED)
    assert plan is not None, findings
    one = of(evaluate_plan(plan, 2023).indicator("value-added-growth"))
    assert one.reason is None and one.probability is not None
    assert shown(one.probability) == Decimal("0.2420")
    assert percent(one.probability) == "24%"
    assert (f"{one.low:.2f}", f"{one.high:.2f}") == ("-5.77", "10.21")  # the period's average rate, %
    said = [line.args for line in one.working]
    assert said[0] == {"k": "5", "first": "2017", "last": "2021", "mean": "0.022421", "sd": "0.082096"}
    assert said[1]["now"] == "0.004920" and said[1]["goal"] == "0.291345"
    assert said[-2]["t"] == "-0.7704" and said[-2]["df"] == "4"


def test_the_bundled_plan_as_of_2023_and_at_its_final_evaluation():
    plan, _ = load_plan(BUNDLED)
    assert plan is not None
    mid = {r.indicator.id: of(r) for r in evaluate_plan(plan, 2023).indicators}
    assert {k: percent(v.probability) for k, v in mid.items() if v.probability is not None} == {
        "value-added-growth": "24%", "local-fiscal-revenue-growth": "70%", "industrial-output-growth": "80%",
        "industrial-fixed-asset-investment": "100%"}
    assert mid["fiscal-revenue-growth"].reason == "no_data"
    final = [of(r) for r in evaluate_plan(plan, 2025).indicators]
    assert all(x.probability is None for x in final)
    assert {x.reason for x in final} == {"outcome_known", "no_data"}


@pytest.mark.parametrize(("steps", "current", "goal", "up", "p"), [
    ([2.0, 2.0, 2.0], 10.0, 16.0, True, 1.0),    # identical steps reach the goal exactly: met (a tie counts)
    ([2.0, 2.0, 2.0], 10.0, 16.5, True, 0.0),    # and fall short by 0.5: not met, certainly
    ([-1.0, -1.0, -1.0], 10.0, 7.0, False, 1.0),  # a decrease reaching its ceiling from above
    ([-1.0, -1.0, -1.0], 10.0, 6.0, False, 0.0),
])
def test_identical_steps_give_exactly_zero_or_one(steps, current, goal, up, p):
    cast = forecast(steps, current, goal, 3, up)
    assert cast is not None and cast.probability == p and cast.low == cast.high


@pytest.mark.parametrize("steps", [[], [1.0], [1.0, 2.0]])
def test_fewer_than_three_steps_give_no_number(steps):
    assert forecast(steps, 0.0, 1.0, 2, True) is None


def test_a_decrease_is_the_mirror_of_an_increase():
    up = forecast([1.0, 3.0, 2.0, 4.0], 10.0, 20.0, 3, True)
    down = forecast([-1.0, -3.0, -2.0, -4.0], -10.0, -20.0, 3, False)
    assert up is not None and down is not None and up.probability == pytest.approx(down.probability, abs=1e-12)


@pytest.mark.parametrize(("p", "word"), [
    (0.0, "0%"), (0.004, "<1%"), (0.0999, "9%"), (0.3299, "32%"), (0.6699, "66%"), (0.8999, "89%"),
    (0.9, "90%"), (0.99999, "99%"), (1.0, "100%"),
])
def test_percent_never_rounds_up_across_a_cut_off(p, word):
    assert percent(p) == word


@pytest.mark.parametrize(("p", "four"), [(0.89996, "0.8999"), (0.00001, "0.0001"), (1.0, "1.0000"), (0.0, "0.0000"),
                                       (0.242, "0.2420")])
def test_the_json_number_is_rounded_down_and_never_zero_for_a_possible_outcome(p, four):
    assert str(shown(p)) == four


@pytest.mark.parametrize(("h", "row"), [
    # example A (steps 1, 2, 3 from 60, m = 2): 60 + h × 17/7 ∓ 1.885618 × 1.129385 × √(h × (1 + 3h/7)), by hand
    (1, ("59.88", "62.43", "64.97")),
    (2, ("60.75", "64.86", "68.96")),   # the end year: the interval of example A
])
def test_the_fan_year_by_year_ends_on_the_end_year_interval(h, row):
    cast = forecast([1.0, 2.0, 3.0], 60.0, 66.0, 2, True)
    assert cast is not None
    assert tuple(f"{x:.2f}" for x in cast.at(h)) == row


@pytest.mark.parametrize(("p", "zh", "en"), [
    # docs/progress.md, "The words (cut-offs)": each cut-off belongs to the band above it
    (1.0, "很可能", "very likely"), (0.90, "很可能", "very likely"), (0.8999, "可能", "likely"),
    (0.67, "可能", "likely"), (0.6699, "难以确定", "uncertain"), (0.33, "难以确定", "uncertain"),
    (0.3299, "不太可能", "unlikely"), (0.10, "不太可能", "unlikely"), (0.0999, "很难", "very unlikely"),
    (0.0, "很难", "very unlikely"),
])
def test_the_bands_at_their_cut_offs_in_both_languages(p, zh, en):
    from plantrack.render.likely import band

    assert (band(p, "zh"), band(p, "en")) == (zh, en)


def test_the_docs_cut_off_table_is_the_code_s_one_home():
    """render/likely.py holds the cut-offs and the words; docs/progress.md and both user guides say the same."""
    from plantrack.render.likely import BANDS, CUT_OFFS

    doc = (REPO / "docs" / "progress.md").read_text(encoding="utf-8")
    table = doc.split("### The words (cut-offs)", 1)[1].split("\n\n", 2)[1].splitlines()[2:]
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in table]
    limits = [f"≥ {round(c * 100)}%" for c in CUT_OFFS] + [f"< {round(CUT_OFFS[-1] * 100)}%"]
    assert rows == [[lim, zh, en] for lim, zh, en in zip(limits, BANDS["zh"], BANDS["en"])]
    zh_guide = (REPO / "docs" / "user-guide.zh-CN.md").read_text(encoding="utf-8")
    en_guide = " ".join((REPO / "docs" / "user-guide.md").read_text(encoding="utf-8").split())
    for lim, zh, en in zip(limits, BANDS["zh"], BANDS["en"]):
        assert f"{zh} {lim}" in zh_guide and f"{zh} {en} {lim}" in en_guide
