"""The likelihood beside the status word (review of issue 31, item 1): a reader must never see the two contradict.

An indicator already achieved at mid-term whose kind can slip back (a level, a rate kind, a net total) keeps a
computed likelihood, the chance it is **still** met in the end year, and says so: a footnote under the table
(and the report's), and a line in its working. A non-net total already reached is 100%. A qualitative
indicator has none. At the final evaluation no likelihood is shown anywhere.

The share's figures are worked by hand (independently of plantrack, Decimal, the closed-form t distribution
with 4 degrees of freedom F(t) = ½ + ¾ x (1 − x²/3), x = t / √(4 + t²)): steps 3, 2, 2, 6, −1 (2018–2022),
weights 1/16 … 1: x̄ = 1.516129, k′ = 2.818182, s = 2.697505; from 67 with m = 3: X̂ = 71.5484,
σ = 6.713238, t = (71.5484 − 66) / σ = 0.8265, P = 0.7725 → 可能 77%; 80% interval 61.26 – 81.84.
"""

from __future__ import annotations

import json

import pytest

PLAN = '''[plan]
id = "t"
name = "测试"
start = 2021
end = 2025
base_year = 2020

[[indicators]]
id = "share"
no = 1
name = "占比"
name_en = "Share"
kind = "level"
unit = "%"
target = 66

[[indicators]]
id = "ceiling"
no = 2
name = "失业率上限"
name_en = "Unemployment ceiling"
kind = "level"
direction = "decrease"
attribute = "binding"
unit = "%"
target = 5.5

[[indicators]]
id = "invest"
no = 3
name = "投资累计"
name_en = "Investment total"
kind = "cumulative"
unit = "亿元"
target = 20

[[indicators]]
id = "words"
no = 4
name = "定性"
name_en = "In words"
kind = "qualitative"
target = "与经济增长基本同步"

[[indicators]]
id = "energy"
no = 5
name = "能耗降低"
name_en = "Energy intensity"
kind = "total_change"
direction = "decrease"
attribute = "binding"
unit = "%"
target = 13.5
'''


def _actuals() -> str:
    rows = []
    for ind, unit, values in (
        ("share", "%", {2017: 55, 2018: 58, 2019: 60, 2020: 62, 2021: 68, 2022: 67}),
        ("ceiling", "%", {2016: 7.0, 2017: 6.8, 2018: 6.5, 2019: 6.4, 2020: 6.0, 2021: 5.3, 2022: 5.0}),
        ("invest", "亿元", {2017: 3, 2018: 4, 2019: 5, 2020: 4, 2021: 12, 2022: 9}),
    ):
        rows += [f'[{ind}.{y}]\nvalue = {v}\nunit = "{unit}"\nsource = "test"\n' for y, v in values.items()]
    rows += [f'[energy.{y}]\nrate = {r}\nsource = "test"\n' for y, r in ((2017, 3.0), (2018, 2.5), (2019, 3.5),
                                                                        (2020, 2.0), (2021, 2.7), (2022, 3.1))]
    rows.append('[words.2022]\nassessment = "on_track"\nnote = "按计划推进"\nsource = "test"\n')
    return "\n".join(rows)


@pytest.fixture
def plans(tmp_path):
    root = tmp_path / "plans"
    (root / "t").mkdir(parents=True)
    (root / "t" / "plan.toml").write_text(PLAN, encoding="utf-8")
    (root / "t" / "actuals.toml").write_text(_actuals(), encoding="utf-8")
    return root


def _rows(invoke, plans, year, *more):
    out = invoke("status", "--plans-dir", str(plans), "--as-of", year, "--format", "json", *more)
    assert out.exit_code == 0, out.stderr
    return {r["id"]: r for r in json.loads(out.stdout)["plans"][0]["indicators"]}


def test_mid_term_every_kind_beside_its_status_word(invoke, plans):
    rows = _rows(invoke, plans, "2023")
    got = {k: (r["status"], r["likelihood"], r["likelihood_reason"]) for k, r in rows.items()}
    assert got["share"] == ("achieved", 0.7725, None)            # by hand above: it can slip back below 66
    assert got["invest"] == ("achieved", 1, None)                # 21 of 20 亿元, amounts only add: certain
    assert got["words"] == ("on_track", None, "qualitative")
    assert got["ceiling"][:1] == ("achieved",) and got["ceiling"][1] > 0.9   # a falling binding ceiling, met
    assert got["energy"][0] == "ahead" and got["energy"][1] is not None      # a binding decrease: P in full


@pytest.mark.parametrize(("lang", "note", "cells"), [
    ("zh", "把握：对已提前实现的指标，是到期末仍达到目标的可能性（数值还可能回落）",
     {"1": "可能 77%", "3": "很可能 100%", "4": "—"}),
    ("en", "Likelihood of an indicator achieved early: the chance it still meets its target in the end year (the "
           "value can still slip back)",
     {"1": "likely 77%", "3": "very likely 100%", "4": "—"}),
])
def test_an_achieved_row_that_can_slip_back_is_explained_under_the_table(invoke, plans, lang, note, cells):
    out = invoke("status", "--plans-dir", str(plans), "--as-of", "2023", "--lang", lang, "--format", "markdown")
    assert out.exit_code == 0 and out.stderr == ""
    lines = out.stdout.splitlines()
    table = [[c.strip() for c in line.strip("|").split(" | ")] for line in lines if line.startswith("| ")]
    assert {r[0]: r[-1] for r in table if r[0] in cells} == cells
    assert any(note in line for line in lines)
    shown = invoke("show", "share", "--plans-dir", str(plans), "--as-of", "2023", "--lang", lang).stdout
    said = {"zh": "已提前实现，到期末仍可能回落：P 是期末仍达到目标的可能性",
            "en": "achieved early, but it can still slip back by the end year: P is the chance it is still met then"}
    assert said[lang] in shown
    assert said[lang] not in invoke("show", "invest", "--plans-dir", str(plans), "--as-of", "2023",
                                    "--lang", lang).stdout   # a non-net total cannot slip back


def test_no_note_when_nothing_achieved_can_slip_back(invoke, plans_dir):
    out = invoke("status", "--plans-dir", str(plans_dir), "--as-of", "2023", "--format", "markdown")
    assert out.exit_code == 0 and "仍达到目标的可能性" not in out.stdout  # the bundled plan's only one is a total


def test_at_the_final_evaluation_nothing_is_left_of_it(invoke, plans, tmp_path):
    rows = _rows(invoke, plans, "2025")
    assert {k: (r["likelihood"], r["likelihood_reason"]) for k, r in rows.items()} == {
        "share": (None, "outcome_known"), "ceiling": (None, "outcome_known"), "invest": (None, "outcome_known"),
        "words": (None, "qualitative"), "energy": (None, "outcome_known")}
    for lang, words in (("zh", ("把握", "很可能", "可能 ", "难以确定", "很难", "区间")),
                        ("en", ("Likelihood", "likely", "uncertain", "interval"))):
        for args in (("status",), ("status", "--format", "markdown"), ("show", "share"),
                     ("report", "--format", "markdown")):
            out = invoke(*args, "--plans-dir", str(plans), "--as-of", "2025", "--lang", lang)
            assert out.exit_code == 0, out.stderr
            assert not [w for w in words if w in out.stdout], (args, lang)


def test_a_level_s_working_writes_the_level_and_target_as_recorded(invoke, plans):
    """The share's working, by hand above: V_Y = 67 and T = 66 as recorded (not 67.0000, 66.0000), x̄, s, X̂ and σ
    with the same 4 places on every line (s was 2.6975 in the first line and 2.697505 in σ's)."""
    out = invoke("show", "share", "--plans-dir", str(plans), "--as-of", "2023")
    assert out.exit_code == 0 and out.stderr == ""
    lines = out.stdout.splitlines()
    start = lines.index("把握：可能 77%")
    assert lines[start + 1:start + 6] == [
        "  把握：k = 5 个年度变化，趋势 x̄（每早一年权重减半）= 1.5161，s = 2.6975",
        "  期末估计 = 67 + 3 × 1.5161 = 71.5484",
        "  σ = s × √(m × (1 + m / k′)) = 2.6975 × √(3 × (1 + 3 / 2.818182)) = 6.7132",
        "  P = F_t4((71.5484 − 66) / σ) = F_t4(0.8265) = 77%",
        "  期末值 80% 预测区间：61.26% – 81.84%",
    ]
