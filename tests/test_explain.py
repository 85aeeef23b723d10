"""One indicator explained in the core (progress/explain.py), and `record` judging each year once (issue 14, item 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plantrack.render.likely_show import show_lines
from plantrack.check.load import load_plan
from plantrack.progress import evaluate_plan
from plantrack.progress.engine import band_reason
from plantrack.progress.explain import explain
from plantrack.progress.path import paths
from plantrack.render.working import say

from conftest import XKS

HEADER = "indicator,year,value,rate,unit,source,note\n"


def test_explain_gives_what_show_and_the_report_print(plans_dir: Path) -> None:
    from plantrack.report.build import build_report

    plan, _ = load_plan(plans_dir / XKS)
    assert plan is not None
    evaluated = evaluate_plan(plan, 2023)
    report = build_report(plan, 2023, "en")
    drawn_some = False
    for section in report.sections:
        ind = section.indicator
        explained = explain(plan, ind, evaluated)
        assert explained.result == section.result == evaluated.indicator(ind.id)
        assert explained.paths == section.paths == paths(ind, plan.entries(ind.id), evaluated.period, section.result)
        assert explained.projection == section.projection
        assert explained.reason == band_reason(section.result, plan.info.thresholds)
        # The reason closes the verdict's working; the likelihood's lines follow it (issue 31).
        likely = show_lines(section.result, "en")
        assert say(explained.reason, "en") == section.working[len(section.working) - len(likely) - 1]
        assert section.working[len(section.working) - len(likely):] == likely
        assert explained.formula == section.result.measure.formula
        drawn_some |= bool(explained.projection)
    assert drawn_some  # the bundled plan has projections to draw: the comparison is not of empty lines only


def test_plan_result_indicator_by_id(plans_dir: Path) -> None:
    plan, _ = load_plan(plans_dir / XKS)
    assert plan is not None
    evaluated = evaluate_plan(plan, 2023)
    for result in evaluated.indicators:
        assert evaluated.indicator(result.indicator.id) is result
    with pytest.raises(KeyError):
        evaluated.indicator("no-such-indicator")


def test_import_evaluates_the_plan_once_per_distinct_year(invoke, plans_dir: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import plantrack.progress

    rows = ("value-added-growth,2022,51.2,,亿元,统计公报,\n"
            "industrial-fixed-asset-investment,2022,5.1,,亿元,区发改委,\n"
            "tech-listings,2022,1,,家,区金融办,\n"
            "net-new-high-tech,2023,-3,,,区科委,净减少\n"
            "energy-intensity-decline,2023,,2.9,,区统计局能耗公报,\n")
    source = tmp_path / "rows.csv"
    source.write_text(HEADER + rows, encoding="utf-8", newline="")
    years: list[int | None] = []
    real = plantrack.progress.evaluate_plan

    def counted(plan, as_of=None):  # noqa: ANN001, ANN202 - evaluate_plan's own signature
        years.append(as_of)
        return real(plan, as_of)

    monkeypatch.setattr(plantrack.progress, "evaluate_plan", counted)
    result = invoke("import", str(source), "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("value-added-growth 2022") + result.stdout.count("tech-listings 2022") == 2
    assert sorted(years) == [2022, 2023]  # five rows, two years: two evaluations, not five
