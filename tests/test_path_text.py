"""The text of one number wherever a clerk reads it (issue 30's review of numbers, second pass): a point of a path
is one text in show's chart, the Markdown report's path table, the report's chart label and the web chart's
tooltip (numbers.fmt_on_path); a recorded figure reads as recorded; 期末预计 is an amount like every other; and
thousands are grouped by one rule (numbers.grouped) in every picture and in the report, never in `status`.

The figures are recorded to expose rounding (the reviewer's setup): a cumulative total of 29.995 亿元 against a
schedule of 30, and an income level of 999999.995 元 in the base year then 1234567.5 元."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from conftest import BUNDLED, XKS

RECORDS = [
    ("fixed-asset-investment", "2021", "29.995", "--unit", "亿元"),
    ("disposable-income-growth", "2020", "999999.995"),
    ("disposable-income-growth", "2021", "1234567.5"),
]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """show, status --format markdown, the Markdown and HTML reports and the web pages, made once."""
    from plantrack.cli.app import app

    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("PLANTRACK_PLANS_DIR", raising=False)
        patch.setenv("NO_COLOR", "1")
        patch.setenv("COLUMNS", "200")
        patch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        root = tmp_path_factory.mktemp("numbers")
        plans = root / "plans"
        shutil.copytree(BUNDLED, plans)
        runner = CliRunner()

        def run(*args: str) -> str:
            result = runner.invoke(app, [*args, "--plans-dir", str(plans)])
            assert result.exit_code == 0, (args, result.stdout, result.stderr)
            return result.stdout

        for record in RECORDS:
            run("record", *record, "--source", "t", "--confirm")
        run("report", "--format", "markdown", "-o", str(root / "r.md"))
        run("report", "-o", str(root / "r.html"))
        run("site", "-o", str(root / "site"))
        page = root / "site" / XKS / "i"
        return {
            "show fixed": run("show", "fixed-asset-investment"),
            "show income": run("show", "disposable-income-growth"),
            "status": run("status", "--format", "markdown"),
            "md": (root / "r.md").read_text(encoding="utf-8"),
            "html": (root / "r.html").read_text(encoding="utf-8"),
            "web fixed": (page / "fixed-asset-investment.html").read_text(encoding="utf-8"),
            "web income": (page / "disposable-income-growth.html").read_text(encoding="utf-8"),
        }


def _chart_lines(show: str) -> list[str]:
    """show's chart rows, bars left out: year, then the actual (or needed) and the schedule."""
    return [" ".join(line.replace("█", " ").replace("░", " ").replace("┃", " ").split())
            for line in show.splitlines() if re.match(r"^20\d\d  [ █░┃]", line)]


@pytest.mark.parametrize("output, expected", [
    # 29.995 against a schedule of 30: the point never reads as on schedule (30.00 / 30) anywhere.
    ("show fixed", "2021 29.995 30.00"),
    ("md", "| 2021 | 29.995 | 30.00 | 29.995 | 29.995 |"),   # needed and projection start from the point
    ("web fixed", "<title>2021: 29.995</title>"),
    # Recorded figures read as recorded: 999999.995 is not a round million, 1234567.5 has no added 0.
    ("show income", "2020 999999.995 999999.995"),        # the schedule starts at the recorded base figure
    ("show income", "2021 1234567.5 1079999.99"),
    ("md", "| 2020 | 999,999.995 | 999,999.995 |  |  |"),
    ("md", "| 2021 | 1,234,567.5 | 1,079,999.99 | 1,234,567.5 | 1,234,567.5 |"),
    ("web income", "<title>2020: 999,999.995</title>"),
    ("web income", "<title>2021: 1,234,567.5</title>"),
])
def test_a_point_of_a_path_reads_the_same_everywhere(outputs, output, expected):
    text = outputs[output]
    if output.startswith("show"):
        text = "\n".join(_chart_lines(text))
    assert expected in text


def _svg_texts(html: str) -> list[str]:
    return re.findall(r"<text\b[^>]*>([^<]*)</text>", html)


def test_the_report_chart_labels_the_last_point_as_the_tables_show_it(outputs):
    # The bold label over the last actual of each chart (report/charts._marks), in the order of the sections.
    bold = re.findall(r'<text style="font-weight: 700[^>]*>([^<]*)</text>', outputs["html"])
    assert "29.995" in bold and "30" not in bold        # fixed-asset-investment, 2021
    assert "1,234,567.5" in bold and "1,234,568" not in bold   # disposable-income-growth, 2021


@pytest.mark.parametrize("output, row, cell", [
    # An annual-rate indicator's 期末预计 is an amount with its decimals, as its working says (…= 2867967.39),
    # not cut whole: the status table keeps plain digits, the report groups them.
    ("status", "城乡居民人均可支配收入增长率", "2867967.39 元"),
    ("md", "城乡居民人均可支配收入增长率", "2,867,967.39 元"),
    ("status", "增加值年均增长率", "498718.96 万元"),  # 489000 × (489000 / 486600)^4 = 498718.9577
])
def test_the_projection_of_an_annual_rate_keeps_its_decimals(outputs, output, row, cell):
    line = next(line for line in outputs[output].splitlines() if line.startswith("| ") and row in line)
    assert f"| {cell} |" in line


def test_the_web_chart_ticks_are_grouped_as_the_report_groups(outputs):
    ticks = [t for t in _svg_texts(outputs["web income"]) if re.fullmatch(r"[\d,.]+", t) and not
             re.fullmatch(r"20\d\d", t)]
    assert ticks and all("," in t for t in ticks if len(t.split(".")[0]) >= 5), ticks
    assert "1,373,593" in ticks


@pytest.mark.parametrize("text, expected", [
    ("1685000 万元", "1,685,000 万元"),
    ("12345", "12,345"),
    ("1500", "1500"),                   # four digits stay: years and small amounts read as typed
    ("2025 年预计 2867967.39 元", "2025 年预计 2,867,967.39 元"),
    ("0.123456", "0.123456"),           # decimals are never grouped
    ("-1234567.5", "-1,234,567.5"),
    ("1,234,567", "1,234,567"),         # grouped once
])
def test_one_grouping_rule(text, expected):
    from plantrack.numbers import grouped

    assert grouped(text) == expected


@pytest.mark.parametrize("value, places, tick", [
    (1600.0000000000002, 0, "1600"),    # a float's noise is not a digit; four digits stay
    (1200000.0, 0, "1,200,000"),
    (2.675, 2, "2.68"),                 # half-up from the decimal text (a double's format: 2.67)
    (0.125, 2, "0.13"),
    (Decimal("1373593.3"), 0, "1,373,593"),
    (Decimal("813203.5"), 0, "813,204"),
])
def test_a_tick_is_rounded_half_up_and_grouped(value, places, tick):
    from plantrack.numbers import fmt_tick

    assert fmt_tick(value, places) == tick


@pytest.mark.parametrize("value, schedule, recorded, text", [
    ("29.995", "30", True, "29.995"),        # a recorded total: as recorded
    ("29.995", "30", False, "29.995"),       # worked out: never on schedule when it is not
    ("999999.995", "999999.995", True, "999999.995"),
    ("999999.995", "999999.995", False, "1000000.00"),   # worked out, on schedule: 2 places suffice
    ("1234567.5", "1079999.99", True, "1234567.5"),
    ("0", "0", True, "0"),
])
def test_fmt_on_path(value, schedule, recorded, text):
    from plantrack.numbers import fmt_on_path

    assert fmt_on_path(Decimal(value), "元", Decimal(schedule), recorded) == text


@pytest.fixture(scope="module")
def final_status(tmp_path_factory: pytest.TempPathFactory) -> str:
    """status --format markdown at the final evaluation (tests/fixtures/final's 2022–2025 figures appended)."""
    from plantrack.cli.app import app
    from test_final_evaluation import final_plans

    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("PLANTRACK_PLANS_DIR", raising=False)
        patch.setenv("NO_COLOR", "1")
        patch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        plans = final_plans(tmp_path_factory.mktemp("final"))
        result = CliRunner().invoke(app, ["status", "--as-of", "2025", "--format", "markdown", "--plans-dir", str(plans)])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("row, cell", [
    # No year left: the end-year level (V_Y × g^0) or the total S × N / N is the recorded figure itself, shown as
    # recorded as in 实际 (146 (97%) … 146 亿元), not padded (1560000.00, 146.00).
    ("工业总产值年均增长率", "1560000 万元"),
    ("全社会固定资产投资", "146 亿元"),
    # Still a projection (data 2023, two years left): 268000 × (268000 / 235000)^(2/3) = 292536.06496…, rounded
    # once (the JSON's 4-decimal 292536.0650 rounded again would read .07).
    ("出口拨交值年均增长率", "292536.06 万元"),
])
def test_the_projection_at_the_final_evaluation(final_status, row, cell):
    line = next(line for line in final_status.splitlines() if line.startswith("| ") and row in line)
    assert line.endswith(f"| {cell} |")
