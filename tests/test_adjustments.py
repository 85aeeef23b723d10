"""Mid-term target adjustments (issue 30, item 1): `[[indicators.adjustments]]` in plan.toml.

The fixture tests/fixtures/adjust/adj-14th has one target raised (重大项目投资, cumulative, 100 → 120 亿元 from
2023) and one lowered (地区生产总值增长, annual_rate, 7% → 6% from 2023). Every number below is worked by hand
in docs/progress.md ("Target adjustments / 中期调整"):

projects, recorded 20, 20, 25, 25, 28 亿元 (N = 5):
  2022: S = 40 against 100 × 2/5 = 40, R = 40 × 5 / (100 × 2) = 1.00, on track (the original target: the
        adjustment starts in 2023); required (100 − 40) / 3 = 20.
  2023: S = 65 against 120 × 3/5 = 72, R = 65 × 5 / (120 × 3) = 325 / 360 = 0.9028, behind; required
        (120 − 65) / 2 = 27.50; completion 65 / 120 = 54.17%.
  2025: S = 118 < 120, R = 118 / 120 = 0.9833 ≥ 0.95, nearly met (against 100 it would be achieved).
gdp, recorded rates 6.5, 6.5, 5.8, 6.2, 6.0 %:
  2022: a = (1.065²)^(1/2) − 1 = 6.50%, R = 6.5 / 7 = 0.9286, behind; required
        (1.07⁵ / 1.065²)^(1/3) − 1 = (1.4025517307 / 1.134225)^(1/3) − 1 = 7.3346%.
  2023: P = 1.065² × 1.058 = 1.20001005, a = P^(1/3) − 1 = 6.2662%, R = 6.2662 / 6 = 1.0444, on track (against
        7%: 0.8952, behind); required (1.06⁵ / P)^(1/2) − 1 = 5.6020%.
  2025: P = 1.20001005 × 1.062 × 1.06 = 1.350875313486 ≥ 1.06⁵ = 1.3382255776: achieved, a = 6.1996%
        (against 7%: R 0.8857, missed).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from test_check import assert_no_crash, assert_one_finding, edited_plan

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "adjust"
PID = "adj-14th"

RAISED_ZH = "120 亿元（2023 年调整，原 100 亿元）"
LOWERED_ZH = "年均 6%（2023 年调整，原 7%）"
RAISED_EN = "120 亿元 (adjusted 2023, was 100 亿元)"
LOWERED_EN = "avg 6% (adjusted 2023, was 7%)"


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    target = tmp_path / "plans"
    shutil.copytree(FIXTURE, target)
    return target


def run(invoke, plans: Path, *args: str):
    result = invoke(*args, "--plans-dir", str(plans), "--plan", PID)
    assert_no_crash(result)
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


# --- the rule: which target is in force ------------------------------------------------------------------------


def test_the_target_in_force_is_the_latest_adjustment_at_or_before_the_year():
    from plantrack.models import Adjustment, Indicator

    ind = Indicator(id="x", no=1, name="x", kind="cumulative", unit="亿元", target=100, adjustments=[
        Adjustment(year=2023, target=120, source="a"), Adjustment(year=2025, target=130, source="b")])
    cases = [(2021, 100, None), (2022, 100, None), (2023, 120, 2023), (2024, 120, 2023), (2025, 130, 2025),
             (2030, 130, 2025)]
    for year, target, adjusted in cases:
        found = ind.adjustment_at(year)
        assert (found.year if found else None, ind.judged_at(year).target) == (adjusted, target), year
    assert ind.judged_at(2022) is ind  # no copy when the original is in force


# --- verdicts in every format ----------------------------------------------------------------------------------

# as_of -> (projects: target cell, actual, pace, status word), (gdp: ...), in Chinese
TABLE_ZH = {
    "2022": (("100 亿元", "40 (40%)", "1.00", "符合预期"), ("年均 7%", "6.50%", "0.93", "滞后")),
    "2023": ((RAISED_ZH, "65 (54%)", "0.90", "滞后"), (LOWERED_ZH, "6.27%", "1.04", "符合预期")),
    "2025": ((RAISED_ZH, "118 (98%)", "0.98", "基本实现"), (LOWERED_ZH, "6.20%", "1.03", "已实现")),
}


@pytest.mark.parametrize("as_of", TABLE_ZH)
def test_status_table_judges_each_year_against_the_target_in_force(invoke, plans, as_of):
    out = run(invoke, plans, "status", "--as-of", as_of)
    lines = out.splitlines()
    for no, (target, actual, pace, word) in enumerate(TABLE_ZH[as_of], 1):
        row = next(line for line in lines if line.strip().startswith(f"{no}  "))
        assert target in row and actual in row and f" {pace}  {word}" in row, row


# as_of -> {id: (target, adjusted, original_target, actual, pace_ratio, required, status)}
JSON = {
    "2022": {"projects": (100, None, 100, 40, 1.0, 20.0, "on_track"),
             "gdp": (7, None, 7, 6.5, 0.9286, 7.3346, "behind")},
    "2023": {"projects": (120, 2023, 100, 65, 0.9028, 27.5, "behind"),
             "gdp": (6, 2023, 7, 6.2662, 1.0444, 5.602, "on_track")},
    "2025": {"projects": (120, 2023, 100, 118, 0.9833, None, "nearly_met"),
             "gdp": (6, 2023, 7, 6.1996, 1.0333, None, "achieved")},
}
ADJUSTMENTS = {
    "projects": [{"year": 2023, "target": 120, "source": "松府〔2023〕12号", "reason": "中期评估调整"}],
    "gdp": [{"year": 2023, "target": 6, "source": "松府〔2023〕12号", "reason": ""}],
}
KEYS = ("target", "adjusted", "original_target", "actual", "pace_ratio", "required", "status")


@pytest.mark.parametrize("as_of", JSON)
def test_status_json_gives_the_target_in_force_the_original_and_the_adjustments(invoke, plans, as_of):
    data = json.loads(run(invoke, plans, "status", "--as-of", as_of, "--format", "json"))
    records = {r["id"]: r for r in data["plans"][0]["indicators"]}
    for ind_id, expected in JSON[as_of].items():
        assert tuple(records[ind_id][k] for k in KEYS) == expected, ind_id
        assert records[ind_id]["adjustments"] == ADJUSTMENTS[ind_id]
    expected_counts = {"2022": {"on_track": 1, "behind": 1}, "2023": {"on_track": 1, "behind": 1},
                       "2025": {"nearly_met": 1, "achieved": 1}}[as_of]
    assert {k: v for k, v in data["plans"][0]["counts"].items() if v} == expected_counts


def test_status_json_validates_against_the_shipped_schema(invoke, plans):
    import jsonschema

    from conftest import REPO

    schema = json.loads((REPO / "schemas" / "status.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(run(invoke, plans, "status", "--as-of", "2023", "--format", "json")), schema)


@pytest.mark.parametrize("as_of", JSON)
def test_status_csv_has_the_target_in_force_and_the_original_in_their_own_columns(invoke, plans, as_of):
    rows = list(csv.DictReader(io.StringIO(run(invoke, plans, "status", "--as-of", as_of, "--format", "csv"))))
    for row in rows:
        target, adjusted, original, *_, status = JSON[as_of][row["id"]]
        assert (row["target"], row["adjusted"], row["original_target"], row["status"]) == (
            str(target), "" if adjusted is None else str(adjusted), str(original), status)


@pytest.mark.parametrize(("as_of", "lang", "shown"), [
    ("2022", "zh", ["| 100 亿元 |", "| 年均 7% |"]),
    ("2023", "zh", [f"| {RAISED_ZH} |", f"| {LOWERED_ZH} |"]),
    ("2025", "en", [f"| {RAISED_EN} |", f"| {LOWERED_EN} |"]),
])
def test_status_markdown_shows_the_adjusted_target_with_the_original(invoke, plans, as_of, lang, shown):
    out = run(invoke, plans, "status", "--as-of", as_of, "--format", "markdown", "--lang", lang)
    for text in shown:
        assert text in out
    if as_of == "2022":  # before the adjustments: the original targets, nothing said of a later one
        assert "年调整，原" not in out


@pytest.mark.parametrize(("indicator", "as_of", "lang", "head", "verdict"), [
    ("projects", "2022", "zh", "目标 100 亿元 ·", "判断 (2022): 符合预期"),
    ("projects", "2023", "zh", f"目标 {RAISED_ZH} ·", "判断 (2023): 滞后"),
    ("gdp", "2023", "en", f"Target {LOWERED_EN} ·", "Verdict (2023): on track"),
    ("gdp", "2025", "zh", f"目标 {LOWERED_ZH} ·", "判断 (2025): 已实现"),
])
def test_show_names_the_target_in_force_and_works_with_it(invoke, plans, indicator, as_of, lang, head, verdict):
    out = run(invoke, plans, "show", indicator, "--as-of", as_of, "--lang", lang)
    assert head in out and verdict in out
    if (indicator, as_of) == ("projects", "2023"):
        # The working uses T = 120 and the schedule 120 × 3 / 5 = 72 (decisions.md's example).
        assert "S / T = 65 / 120 = 54.17%" in out and "R = 54.1667% / 60.0000% = 0.9028" in out
        assert "(120 − 65) / 2 = 27.50" in out


def test_show_json_is_the_status_record(invoke, plans):
    data = json.loads(run(invoke, plans, "show", "gdp", "--as-of", "2023", "--format", "json"))
    assert (data["target"], data["adjusted"], data["original_target"], data["status"]) == (6, 2023, 7, "on_track")


def test_a_stale_year_stays_judged_against_the_target_of_its_data_year(invoke, plans):
    """As of 2023 with gdp's last figure in 2022: judged on 2022, so against the original 7% (behind, R 0.9286)."""
    actuals = plans / PID / "actuals.toml"
    text = actuals.read_text(encoding="utf-8")
    actuals.write_text(text[:text.index("[gdp.2023]")], encoding="utf-8")
    data = json.loads(run(invoke, plans, "status", "--as-of", "2023", "--format", "json"))
    gdp = {r["id"]: r for r in data["plans"][0]["indicators"]}["gdp"]
    assert (gdp["target"], gdp["adjusted"], gdp["data_year"], gdp["pace_ratio"], gdp["status"], gdp["stale"]) == (
        7, None, 2022, 0.9286, "behind", True)


# --- reports -------------------------------------------------------------------------------------------------

SECTION_ZH = ["## 五、中期调整",
              "重大项目投资：自 2023 年起目标由 100 亿元调整为 120 亿元，依据松府〔2023〕12号；调整原因：中期评估调整。",
              "地区生产总值增长：自 2023 年起目标由年均 7% 调整为年均 6%，依据松府〔2023〕12号。"]


@pytest.mark.parametrize("as_of", ["2022", "2023", "2025"])
def test_the_markdown_report_lists_the_adjustments_and_judges_against_the_target_in_force(invoke, plans, as_of):
    out = plans / PID / "r.md"
    run(invoke, plans, "report", "--as-of", as_of, "-o", str(out))
    text = out.read_text(encoding="utf-8")
    for line in SECTION_ZH:
        assert line in text  # listed whatever the year: the adjustments are part of the plan
    (projects, gdp) = TABLE_ZH[as_of]
    for target, actual, pace, word in (projects, gdp):
        assert f"| {target} | {actual} |" in text and f"| {pace} | {word}" in text
        assert f"- 目标：{target}" in text  # the facts take the Chinese colon, as in Word


def test_the_html_report_lists_the_adjustments_in_english(invoke, plans):
    out = plans / PID / "r.html"
    run(invoke, plans, "report", "--as-of", "2023", "--lang", "en", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert '<section id="adjustments" class="narrative"><h2>5. Target adjustments</h2>' in text
    assert ("<p>Major project investment (重大项目投资): from 2023, the target was changed from 100 亿元 to 120 亿元, "
            "approved by 松府〔2023〕12号; reason: 中期评估调整.</p>") in text
    assert ("GDP growth (地区生产总值增长): from 2023, the target was changed from avg 7% to avg 6%, approved by "
            "松府〔2023〕12号.") in text
    assert f"<td>{RAISED_EN}</td>" in text or RAISED_EN in text


def test_a_plan_without_adjustments_has_no_section_and_unchanged_targets(invoke, tmp_path):
    from conftest import BUNDLED, XKS

    shutil.copytree(BUNDLED, tmp_path / "plans")
    out = tmp_path / "plans" / XKS / "r.md"
    result = invoke("report", "--plans-dir", str(tmp_path / "plans"), "--plan", XKS, "-o", str(out))
    assert result.exit_code == 0, result.stdout + result.stderr
    text = out.read_text(encoding="utf-8")
    assert "中期调整" not in text and "年调整，原" not in text


# --- check -----------------------------------------------------------------------------------------------------

PLAN_TOML = FIXTURE / PID / "plan.toml"
ADJ = "[[indicators.adjustments]]\nyear = 2023\ntarget = 6\nsource = \"松府〔2023〕12号\"\n"

# (what is changed in the fixture's plan.toml, line, col, field, a phrase of the message)
REFUSED = [
    pytest.param(("year = 2023\ntarget = 6\n", "year = 2026\ntarget = 6\n"), 35, 1,
                 "indicators[gdp].adjustments[1].year",
                 "不在规划期 2021–2025 内", id="after-the-period"),
    pytest.param(("year = 2023\ntarget = 120\n", "year = 2020\ntarget = 120\n"), 20, 1,
                 "indicators[projects].adjustments[1].year", "不在规划期", id="before-the-period"),
    pytest.param((ADJ, ADJ + "\n" + ADJ.replace("target = 6", "target = 5")), 40, 1,
                 "indicators[gdp].adjustments[2].year", "2023 年已有一条调整", id="two-in-one-year"),
    pytest.param((ADJ, ADJ.replace("2023", "2024", 1) + "\n" + ADJ.replace("target = 6", "target = 5")), 40, 1,
                 "indicators[gdp].adjustments[2].year", "按年份升序", id="not-ascending"),
    pytest.param(('target = 120\nsource = "松府〔2023〕12号"', 'target = 120\nsource = " "'), 22, 1,
                 "indicators[projects].adjustments[1].source", "须写明批准调整的文件", id="blank-source"),
    pytest.param(('target = 6\nsource = "松府〔2023〕12号"\n', "target = 6\n"), 34, 1,
                 "indicators[gdp].adjustments[1].source", "缺少必填项", id="no-source"),
    pytest.param(("target = 120\n", "target = -5\n"), 21, 1, "indicators[projects].adjustments[1].target",
                 "累计目标须大于 0", id="cumulative-target-not-positive"),
    pytest.param(("target = 6\n", "target = 0\n"), 36, 1, "indicators[gdp].adjustments[1].target",
                 "增长或下降目标须大于 0", id="rate-target-zero"),
    pytest.param(("target = 120\n", 'target = "120"\n'), 21, 1, "indicators[projects].adjustments[1].target",
                 "目标须为数字", id="target-in-quotes"),
    pytest.param(("target = 120\n", "target = 1.2e2\n"), 21, 1, "indicators[projects].adjustments[1].target",
                 "科学计数法", id="target-with-exponent"),
    pytest.param(('reason = "中期评估调整"', 'reason = "中期\\n评估"'), 23, 1,
                 "indicators[projects].adjustments[1].reason", "", id="control-character-in-reason"),
    pytest.param(('reason = "中期评估调整"', 'when = 2023-05-01'), 23, 1,
                 "indicators[projects].adjustments[1].when", "未知的键 when", id="unknown-key"),
    pytest.param(('kind = "annual_rate"\nunit = "%"\ntarget = 7\n',
                  'kind = "qualitative"\ntarget = "建成"\n'), 33, 1, "indicators[gdp].adjustments",
                 "定性指标不能设中期调整", id="qualitative"),
]


@pytest.mark.parametrize(("change", "line", "col", "field", "phrase"), REFUSED)
def test_check_refuses_a_malformed_adjustment_with_file_and_line(invoke, tmp_path, change, line, col, field, phrase):
    path = edited_plan(tmp_path, PLAN_TOML, PID, *change)
    assert_one_finding(invoke("check", str(tmp_path)), path, line, col, field, phrase)


def test_check_accepts_the_fixture(invoke):
    result = invoke("check", str(FIXTURE))
    assert_no_crash(result)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("✓ 1 个规划、2 个指标、10 条实际值，全部通过")


def test_a_nested_array_of_tables_is_counted_under_its_parent():
    """tomlpos placed [[indicators.adjustments]] by its count in the whole file (the second indicator's first
    adjustment was "adjustments 1", and a finding on it pointed at its indicator's header)."""
    from plantrack.tomlpos import KeyIndex

    text = ("[[indicators]]\nid = 'a'\n[[indicators.adjustments]]\nyear = 2023\n"
            "[[indicators]]\nid = 'b'\n[[indicators.adjustments]]\nyear = 2024\n[[indicators.adjustments]]\n"
            "year = 2025\n[indicators.extra]\nx = 1\n")
    index = KeyIndex(text)
    cases = [(("indicators", 0, "adjustments", 0, "year"), 4), (("indicators", 1, "id"), 6),
             (("indicators", 1, "adjustments", 0, "year"), 8), (("indicators", 1, "adjustments", 1, "year"), 10),
             (("indicators", 1, "extra", "x"), 12)]
    for path, line in cases:
        assert index.find(path) == (line, 1), path
    assert index.duplicates == []


def test_the_status_workbook_shows_the_adjusted_target_with_the_original(invoke, plans, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "进度表.xlsx"
    run(invoke, plans, "export", "--what", "status", "--format", "xlsx", "--as-of", "2023", "-o", str(out))
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[2]][3:9] == [RAISED_ZH, "65 (54%)", "2023", "72.00", "0.90", "滞后 ⚠预警"]
    assert [c.value for c in ws[3]][3:9] == [LOWERED_ZH, "6.27%", "2023", "6.00%", "1.04", "符合预期"]


def test_an_adjustments_source_is_text_in_every_report(invoke, plans):
    plan = plans / PID / "plan.toml"
    plan.write_text(plan.read_text(encoding="utf-8").replace('reason = "中期评估调整"', 'reason = "<b>*改*</b>"'),
                    encoding="utf-8")
    html, md = plans / PID / "r.html", plans / PID / "r.md"
    run(invoke, plans, "report", "--as-of", "2023", "-o", str(html))
    run(invoke, plans, "report", "--as-of", "2023", "-o", str(md))
    assert "调整原因：&lt;b&gt;*改*&lt;/b&gt;。" in html.read_text(encoding="utf-8")
    assert "调整原因：&lt;b&gt;\\*改\\*&lt;/b&gt;。" in md.read_text(encoding="utf-8")  # the Markdown escaper's


def test_a_plan_with_adjustments_is_a_cache_hit(plans, tmp_path, monkeypatch):
    """The cache builds only the classes on its safe list: without Adjustment on it, every plan with an
    adjustment was refused on reading (a miss, validated again on every command)."""
    from plantrack import cache
    from plantrack.check.load import load_plan
    from plantrack.loader import file_bytes

    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path / "c"))
    first, findings = load_plan(plans / PID, use_cache=True)
    assert findings == [] and first is not None
    files, _ = file_bytes(plans / PID)
    hit = cache.get(plans / PID, files)
    assert hit is not None and hit.indicators == first.indicators
    assert hit.indicators[0].adjustments[0].target == 120


# --- every other format: one table --------------------------------------------------------------------------

# The report's sentence for each indicator, the same in Word and PDF (docs/progress.md's numbers).
SENTENCES = {
    "2022": ["截至 2022 年累计完成 40 亿元 (40%)，按计划应达 40.00 亿元，进度比 1.00，符合预期。",
             "截至 2022 年实际年均 6.50%，按计划应达 7.00%，进度比 0.93，滞后。"],
    "2023": ["截至 2023 年累计完成 65 亿元 (54%)，按计划应达 72.00 亿元，进度比 0.90，滞后。",
             "截至 2023 年实际年均 6.27%，按计划应达 6.00%，进度比 1.04，符合预期。"],
    "2025": ["截至 2025 年累计完成 118 亿元 (98%)，按计划应达 120.00 亿元，进度比 0.98，基本实现。",
             "截至 2025 年实际年均 6.20%，按计划应达 6.00%，进度比 1.03，已实现。"],
}
TARGETS = {"2022": ["100 亿元", "年均 7%"], "2023": [RAISED_ZH, LOWERED_ZH], "2025": [RAISED_ZH, LOWERED_ZH]}

# (format, as_of, literal fragments of its text). Word: the status table's rows as "a | b | …" lines, then the
# paragraphs; PDF: `pdftotext -raw` (content order, so a wrapped table cell stays whole), compared without
# whitespace; JSON Lines: one object an indicator; history: its JSON, as of the latest year with data (2025).
EVERY_FORMAT = [
    *[pytest.param("docx", year, [*SENTENCES[year], *rows], id=f"docx-{year}") for year, rows in [
        ("2022", ["| 100 亿元 | 40 (40%) | 2022 | 40.00 | 1.00 | 符合预期 |",
                  "| 年均 7% | 6.50% | 2022 | 7.00% | 0.93 | 滞后 ⚠预警 |"]),
        ("2023", [f"| {RAISED_ZH} | 65 (54%) | 2023 | 72.00 | 0.90 | 滞后 ⚠预警 |",
                  f"| {LOWERED_ZH} | 6.27% | 2023 | 6.00% | 1.04 | 符合预期 |"]),
        ("2025", [f"| {RAISED_ZH} | 118 (98%) | 2025 | 120.00 | 0.98 | 基本实现 |",
                  f"| {LOWERED_ZH} | 6.20% | 2025 | 6.00% | 1.03 | 已实现 |"])]],
    *[pytest.param("pdf", year, [*SENTENCES[year], *TARGETS[year]], id=f"pdf-{year}") for year in SENTENCES],
    *[pytest.param("jsonl", year, rows, id=f"jsonl-{year}") for year, rows in [
        ("2022", ['"id": "projects", "no": 1,', '"target": 100, "adjusted": null, "original_target": 100,',
                  ('"actual": 40, "expected": 40.0000, "completion": 40.0000, "pace_ratio": 1.0000,'
                   ' "status": "on_track"'),
                  '"id": "gdp", "no": 2,', '"target": 7, "adjusted": null, "original_target": 7,',
                  ('"actual": 6.5000, "expected": 7.0000, "completion": null, "pace_ratio": 0.9286,'
                   ' "status": "behind"')]),
        ("2023", ['"target": 120, "adjusted": 2023, "original_target": 100,',
                  ('"actual": 65, "expected": 72.0000, "completion": 54.1667, "pace_ratio": 0.9028,'
                   ' "status": "behind"'),
                  '"target": 6, "adjusted": 2023, "original_target": 7,',
                  ('"actual": 6.2662, "expected": 6.0000, "completion": null, "pace_ratio": 1.0444,'
                   ' "status": "on_track"')]),
        ("2025", ['"target": 120, "adjusted": 2023, "original_target": 100,',
                  ('"actual": 118, "expected": 120.0000, "completion": 98.3333, "pace_ratio": 0.9833, '
                   '"status": "nearly_met"'),
                  '"target": 6, "adjusted": 2023, "original_target": 7,',
                  ('"actual": 6.1996, "expected": 6.0000, "completion": null, "pace_ratio": 1.0333, '
                   '"status": "achieved"')])]],
    pytest.param("history", "2025", ['"target": 6,\n  "adjusted": 2023,\n  "original_target": 7,',
                                     '"actual": 6.1996,', '"pace_ratio": 1.0333,\n  "status": "achieved",',
                                     '"year": 2023,\n      "value": null,\n      "unit": null,\n      "rate": 5.8,'],
                 id="history-json-2025"),
    # The table has no verdict (history is not judged as of a year); under it, the adjustments, as the report
    # words them: the figures before 2023 were judged against another target.
    pytest.param("history-table", "2025", [*SECTION_ZH[1:], "2023   增长率 5.8%   2023年统计公报"], id="history-table"),
]


def _text_of(invoke, plans: Path, fmt: str, as_of: str, tmp_path: Path) -> str:
    if fmt == "jsonl":
        return run(invoke, plans, "status", "--as-of", as_of, "--format", "jsonl")
    if fmt == "history":
        return run(invoke, plans, "history", "gdp", "--format", "json")
    if fmt == "history-table":
        return run(invoke, plans, "history", "projects") + run(invoke, plans, "history", "gdp")
    out = tmp_path / f"r.{fmt}"
    run(invoke, plans, "report", "--as-of", as_of, "-o", str(out))
    if fmt == "docx":
        import docx

        document = docx.Document(str(out))
        rows = ["| " + " | ".join(c.text for c in row.cells) + " |" for row in document.tables[0].rows]
        return "\n".join([*rows, *(p.text for p in document.paragraphs)])
    import subprocess

    text = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, check=True, timeout=120)
    return "".join(text.stdout.decode().split())


@pytest.mark.parametrize(("fmt", "as_of", "fragments"), EVERY_FORMAT)
def test_every_format_judges_each_year_against_the_target_in_force(invoke, plans, tmp_path, fmt, as_of, fragments):
    if fmt in ("docx", "pdf"):
        pytest.importorskip("matplotlib", reason="the report extra")
    if fmt == "docx":
        pytest.importorskip("docx", reason="the docx extra")
    if fmt == "pdf":
        from test_report_pdf import pdf_tools

        pdf_tools()  # skipped without WeasyPrint or poppler-utils, failed so under PLANTRACK_REQUIRE_PDF=1
    text = _text_of(invoke, plans, fmt, as_of, tmp_path)
    for fragment in fragments:
        assert (("".join(fragment.split()) if fmt == "pdf" else fragment) in text), fragment
    if as_of == "2022":  # before the adjustments nothing is judged against, or says, a later target
        assert "年调整，原" not in text and "年调整,原" not in text
