"""Issue 16, items 1–2: the final evaluation (总结评估) of the bundled plan, in every output and both languages.

The bundled plan (plans/xiaokunshan-14th) keeps only sourced figures, so the 2022–2025 actuals here are a TEST
FIXTURE (tests/fixtures/final/actuals-2022-2025.toml), appended to a copy of its actuals.toml. Every count, word
and figure below was worked out by hand from the formulas in docs/progress.md (a calculator for the roots), not
copied from the program's output.

Hand-worked table, as of 2025 (B = 2020, N = 5; the end year, so m = 0 for every row with 2025 data):

 no  kind / target                 working                                                      R (4 dp)  status
  1  annual_rate 6%                P = 585000 / 486600 = 1.202219 (levels telescope);            0.6253   missed
                                   a = P^(1/5) − 1 = 3.7521%; R = 3.7521 / 6; P < 1.06^5 = 1.338226
  2  annual_rate 6%                P = 195000 / 142000 = 1.373239 ≥ 1.338226 → achieved;         1.0915   achieved
                                   a = 6.5490%
  3  annual_rate 6%                P = 68500 / 48665 = 1.407582 ≥ 1.338226; a = 7.0766%          1.1794   achieved
  4  annual_rate 6%                P = 1560000 / 1140000 = 1.368421 ≥ 1.338226; a = 6.4741%      1.0790   achieved
  5  annual_rate 3% fall, BINDING  P = .972 × .969 × .974 × .970 × .971 = 0.864052 > 0.97^5       0.9601   missed
                                   = 0.858734 (not met); a = (1 − P^(1/5)) × 100 = 2.8802%.
                                   R ≥ 0.95 would be nearly met, but binding: no tolerance
  6  annual_rate 6%, data to 2023  P = 268000 / 235000 = 1.140426; a = P^(1/3) − 1 = 4.4774%;    0.7462   no_final_data
                                   R = 0.7462: 0.60 ≤ R < 0.95 → latest judgement behind (滞后);          (latest behind)
                                   no required; projection level 268000 × (1 + a)^2 = 292536.0650
  7  cumulative 150 亿元           S = 28.5 + 29.0 + 30.2 + 29.3 + 29.0 = 146.0; S / T = 97.3333%; 0.9733   nearly_met
                                   R = 146 × 5 / (150 × 5); 0.95 ≤ R, expected, not met
  8  cumulative 17 亿元, to 2023   S = 27.72 + 3.1 + 2.9 = 33.72 ≥ 17 (reached in 2021);          3.3059   achieved
                                   S / T = 198.3529%; R = 33.72 × 5 / (17 × 3); expected             (已实现, data 2023)
                                   17 × 3 / 5 = 10.2; projection 33.72 × 5 / 3 = 56.2
  9  annual_rate 8% (rates)        P = 1.085 × 1.07 × 1.075 × 1.08 × 1.076 = 1.450301 < 1.08^5   0.9649   nearly_met
                                   = 1.469328; a = 7.7188%; R = 7.7188 / 8 ≥ 0.95
 10  cumulative 6 家               nothing recorded in 2021–2025                                   —       no_data (gap)
 11  cumulative 50 家, net         S = 12 − 3 + 15 + 14 + 14 = 52 ≥ 50; S / T = 104%               1.0400   achieved
 12  cumulative 10 家              S = 2 + 3 + 2 + 2 + 2 = 11 ≥ 10; S / T = 110%                   1.1000   achieved
 13  cumulative 10 家              nothing recorded                                                 —       no_data (gap)
 14  cumulative 8 家               S = 1 + 2 + 1 + 1 + 1 = 6 < 8; S / T = 75%; R = 0.75 < 0.95     0.7500   missed

Counts: achieved 6 (2, 3, 4, 8, 11, 12) · nearly_met 2 (7, 9) · missed 3 (1, 5, 14) · no_final_data 1 (6) ·
no_data 2 (10, 13) = 14. No row has a required figure (every year is past); the plan has no qualitative
indicator (qualitative end-year words are tested on their own at the end of this file).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest

from conftest import BUNDLED, XKS
from test_report_verdicts import ENERGY_2023, ENERGY_BASE, FOREST, GDP_2025, PLAN

FIXTURE = Path(__file__).parent / "fixtures" / "final" / "actuals-2022-2025.toml"

# (no, id, status, latest_status, table cells zh: actual, data year, expected, pace, status word, projection)
# Counts (家) are whole numbers and shown without decimals (issue 15, item 9): 50, not 50.00.
TABLE = [
    (1, "value-added-growth", "missed", None, "3.75%", "2025", "6.00%", "0.63", "未实现", "585000 万元"),
    (2, "fiscal-revenue-growth", "achieved", None, "6.55%", "2025", "6.00%", "1.09", "已实现", "195000 万元"),
    (3, "local-fiscal-revenue-growth", "achieved", None, "7.08%", "2025", "6.00%", "1.18", "已实现", "68500 万元"),
    (4, "industrial-output-growth", "achieved", None, "6.47%", "2025", "6.00%", "1.08", "已实现", "1560000 万元"),
    (5, "energy-intensity-decline", "missed", None, "2.88%", "2025", "3.00%", "0.96", "未实现", "2.88%"),
    (6, "export-delivery-growth", "no_final_data", "behind", "4.48%", "2023 旧", "6.00%", "0.75",
     "期末数据缺失（截至 2023 年：滞后）", "292536.06 万元"),  # 292536.06496…, rounded once
    (7, "fixed-asset-investment", "nearly_met", None, "146 (97%)", "2025", "150.00", "0.97", "基本实现", "146 亿元"),
    (8, "industrial-fixed-asset-investment", "achieved", None, "33.72 (198%)", "2023 旧", "10.20", "3.31", "已实现",
     "56.20 亿元"),
    (9, "disposable-income-growth", "nearly_met", None, "7.72%", "2025", "8.00%", "0.96", "基本实现", "7.72%"),
    (10, "tech-listings", "no_data", None, "—", "—", "—", "—", "暂无数据", "—"),
    (11, "net-new-high-tech", "achieved", None, "52 (104%)", "2025", "50", "1.04", "已实现", "52 家"),
    (12, "new-strategic-emerging", "achieved", None, "11 (110%)", "2025", "10", "1.10", "已实现", "11 家"),
    (13, "new-srdi", "no_data", None, "—", "—", "—", "—", "暂无数据", "—"),
    (14, "new-modern-services", "missed", None, "6 (75%)", "2025", "8", "0.75", "未实现", "6 家"),
]
# The report groups thousands in numbers of five digits or more (issue 27, item 3); status does not.
REPORT_CELL = {"585000 万元": "585,000 万元", "195000 万元": "195,000 万元", "68500 万元": "68,500 万元",
               "1560000 万元": "1,560,000 万元", "292536.06 万元": "292,536.06 万元"}
EN_WORD = {"未实现": "missed", "已实现": "achieved", "基本实现": "nearly met", "暂无数据": "no data",
           "期末数据缺失（截至 2023 年：滞后）": "no final data (as of 2023: behind)"}
# JSON: 4-decimal computed numbers, recorded sums exact (hand-worked above).
NUMBERS = {  # id: (actual, pace_ratio, completion)
    "value-added-growth": ("3.7521", "0.6253", None), "fiscal-revenue-growth": ("6.5490", "1.0915", None),
    "local-fiscal-revenue-growth": ("7.0766", "1.1794", None), "industrial-output-growth": ("6.4741", "1.0790", None),
    "energy-intensity-decline": ("2.8802", "0.9601", None), "export-delivery-growth": ("4.4774", "0.7462", None),
    "fixed-asset-investment": ("146.0", "0.9733", "97.3333"),
    "industrial-fixed-asset-investment": ("33.72", "3.3059", "198.3529"),
    "disposable-income-growth": ("7.7188", "0.9649", None), "tech-listings": (None, None, None),
    "net-new-high-tech": ("52", "1.0400", "104.0000"), "new-strategic-emerging": ("11", "1.1000", "110.0000"),
    "new-srdi": (None, None, None), "new-modern-services": ("6", "0.7500", "75.0000"),
}
COUNTS = {"achieved": 6, "nearly_met": 2, "ahead": 0, "on_track": 0, "behind": 0, "far_behind": 0, "missed": 3,
          "no_final_data": 1, "no_data": 2}
SUMMARY = {"zh": "期末评估 2025 年：已实现 6 · 基本实现 2 · 未实现 3 · 期末数据缺失 1 · 暂无数据 2",
           "en": "final evaluation, 2025: achieved 6 · nearly met 2 · missed 3 · no final data 1 · no data 2"}
NOTES = {
    "zh": ["‼ 约束性指标未实现：产值能耗年均下降率", "规划期内无数据：科创企业上市、新增专精特新企业",
           "旧 = 数据年份早于评估年份"],
    "en": ["‼ binding indicators missed: Energy use per unit of output, average annual decline (产值能耗年均下降率)",
           "no data in the plan period: Science-and-technology enterprise listings (科创企业上市), "
           "New \"specialised, refined, distinctive, innovative\" enterprises (新增专精特新企业)",
           "old = data year earlier than the as-of year"],
}


def final_plans(root: Path, copies: int = 1) -> Path:
    """A copy of plans/ with the fixture's 2022–2025 actuals appended; `copies` > 1 adds identical plans (ids
    xiaokunshan-14th-2, …) so that `status` shows the overview."""
    plans = root / "plans"
    shutil.copytree(BUNDLED, plans)
    actuals = plans / XKS / "actuals.toml"
    actuals.write_text(actuals.read_text(encoding="utf-8") + "\n" + FIXTURE.read_text(encoding="utf-8"),
                       encoding="utf-8")
    for i in range(2, copies + 1):
        other = plans / f"{XKS}-{i}"
        shutil.copytree(plans / XKS, other)
        toml = other / "plan.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace(f'id = "{XKS}"', f'id = "{XKS}-{i}"', 1),
                        encoding="utf-8")
    return plans


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    return final_plans(tmp_path)


def ok(result) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    return result.stdout


def md_rows(text: str) -> dict[int, list[str]]:
    """Markdown table rows keyed by 序号 (the first cell)."""
    out = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if line.startswith("| ") and cells[0].isdigit():
            out[int(cells[0])] = cells
    return out


def test_check_accepts_the_fixture(invoke, plans):
    assert "全部通过" in ok(invoke("check", "--plans-dir", str(plans)))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_table(invoke, plans, lang):
    out = ok(invoke("status", "--plans-dir", str(plans), "--as-of", "2025", "--lang", lang))
    lines = out.splitlines()
    assert SUMMARY[lang] in lines
    assert lines[-3:] == NOTES[lang]
    # No 尚需每年 column, and no figure still required, in a final evaluation.
    assert "尚需" not in out and "Needed" not in out and "required" not in out
    if lang == "zh":
        for no, _id, _s, _l, actual, year, expected, pace, word, projection in TABLE:
            row = next(line for line in lines if re.match(rf"\s*{no}\s", line))
            cells = row.split()
            assert " ".join(cells[cells.index(actual.split()[0]):]) == " ".join(
                [actual, year, expected, pace, word, projection]), row
    else:
        for no, *_rest, word, _projection in TABLE:
            row = next(line for line in lines if re.match(rf"\s*{no}\s", line))
            assert f"  {EN_WORD[word]}  " in row, row


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_markdown(invoke, plans, lang):
    out = ok(invoke("status", "--plans-dir", str(plans), "--as-of", "2025", "--format", "markdown", "--lang", lang))
    assert SUMMARY[lang] in out.splitlines() and out.rstrip().splitlines()[-3:] == NOTES[lang]
    header = next(line for line in out.splitlines() if line.startswith("| 序号") or line.startswith("| No"))
    assert "尚需" not in header and "Needed" not in header
    rows = md_rows(out)
    for no, _id, _s, _l, actual, year, expected, pace, word, projection in TABLE:
        # columns: no, name, attribute, target, actual, year, expected, pace, status, projection
        year = year.replace("旧", "old") if lang == "en" else year
        got = [c.strip("*") for c in rows[no][4:]]  # a binding row below schedule is bold
        assert got == [actual, year, expected, pace, word if lang == "zh" else EN_WORD[word], projection], no


def test_status_json_and_csv(invoke, plans):
    data = json.loads(ok(invoke("status", "--plans-dir", str(plans), "--as-of", "2025", "--format", "json")))["plans"][0]
    assert data["as_of"] == 2025 and data["counts"] == COUNTS
    assert list(data["counts"]) == list(COUNTS)  # documented order
    for (no, ind_id, status, latest, *_cells), rec in zip(TABLE, data["indicators"], strict=True):
        assert (rec["no"], rec["id"], rec["status"], rec["latest_status"]) == (no, ind_id, status, latest)
        assert rec["required"] is None and rec["warning"] is False
        actual, pace, completion = NUMBERS[ind_id]
        assert rec["actual"] == (None if actual is None else pytest.approx(float(actual), abs=0))
        assert rec["pace_ratio"] == (None if pace is None else pytest.approx(float(pace), abs=0))
        assert rec["completion"] == (None if completion is None else pytest.approx(float(completion), abs=0))
    export = data["indicators"][5]
    assert export["stale"] and not export["final"] and export["data_year"] == 2023
    assert export["projection_level"] == pytest.approx(292536.0650, abs=0)
    assert data["indicators"][7]["data_year"] == 2023 and data["indicators"][7]["final"] is False
    # The JSON is the same whatever --lang.
    en = ok(invoke("status", "--plans-dir", str(plans), "--as-of", "2025", "--format", "json", "--lang", "en"))
    assert json.loads(en)["plans"][0] == data
    text = ok(invoke("status", "--plans-dir", str(plans), "--as-of", "2025", "--format", "csv"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(int(r["no"]), r["status"], r["latest_status"]) for r in rows] == [
        (no, status, latest or "") for no, _id, status, latest, *_c in TABLE]
    assert all(r["required"] == "" for r in rows)
    for r in rows:
        actual, pace, completion = NUMBERS[r["id"]]
        assert (r["actual"] or None, r["pace_ratio"] or None, r["completion"] or None) == (actual, pace, completion)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_of_several_plans(invoke, tmp_path, lang):
    plans = final_plans(tmp_path, copies=2)
    out = ok(invoke("status", "--plans-dir", str(plans), "--as-of", "2025", "--format", "markdown", "--lang", lang))
    header, _, *body = [[c.strip() for c in line.strip("| ").split(" | ")] for line in out.splitlines()]
    words = (["已实现", "基本实现", "未实现", "期末数据缺失", "暂无数据"] if lang == "zh"
             else ["achieved", "nearly met", "missed", "no final data", "no data"])
    assert header[4:] == words  # issue 19: the Markdown overview has the counts (the CSV is the long table)
    assert [row[3:] for row in body] == [["2025", "6", "2", "3", "1", "2"]] * 2
    table = ok(invoke("status", "--plans-dir", str(plans), "--as-of", "2025", "--lang", lang))
    assert all(w in table for w in words) and "提前实现" not in table and "achieved early" not in table
    data = json.loads(ok(invoke("status", "--plans-dir", str(plans), "--as-of", "2025", "--format", "json")))
    assert [p["counts"] for p in data["plans"]] == [COUNTS, COUNTS]


def test_overview_mixing_a_final_and_a_midterm_evaluation_names_both_words(invoke, tmp_path):
    plans = final_plans(tmp_path, copies=2)
    toml = plans / f"{XKS}-2" / "plan.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("end = 2025", "end = 2027"), encoding="utf-8")
    md = ok(invoke("status", "--plans-dir", str(plans), "--as-of", "2025", "--format", "markdown"))
    header = [c.strip() for c in md.splitlines()[0].strip("| ").split(" | ")]
    assert header[4] == "提前实现/已实现" and "基本实现" in header and "快于预期" in header


REPORT_WORDS = {
    "zh": {"title": "总结评估报告", "binding": "二、约束性指标完成情况", "broken": "以下约束性指标未实现，承诺未兑现：",
           "gap": "规划期内无数据（本次评估的缺项）：10. 科创企业上市、13. 新增专精特新企业。",
           "export": "截至 2023 年实际年均 4.48%，按计划应达 6.00%，进度比 0.75，滞后。期末（2025 年）数据缺失，无法作出总结判断。",
           "energy": "截至 2025 年实际年均 2.88%，按计划应达 3.00%，进度比 0.96，未实现。",
           "investment": "截至 2023 年累计完成 33.72 亿元 (198%)，按计划应达 10.20 亿元，进度比 3.31，已实现。",
           "none": "规划期内无数据：整个规划期没有任何记录，是本次总结评估的缺项；仅列出目标。",
           "forbidden": ("尚需", "列为重点", "提前实现", "按目前速度，")},
    "en": {"title": "Final evaluation report", "binding": "2. Binding indicators: promises kept and broken",
           "broken": "These binding indicators were missed: promises broken.",
           "gap": "No data in the plan period (a gap in this evaluation): 10. Science-and-technology enterprise "
                  "listings (科创企业上市), 13. New \"specialised, refined, distinctive, innovative\" enterprises "
                  "(新增专精特新企业).",
           "export": "To 2023 it moved 4.48% a year on average against 6.00% on schedule: pace ratio 0.75, behind. "
                     "There is no figure for the end year (2025): no final verdict.",
           "energy": "To 2025 it moved 2.88% a year on average against 3.00% on schedule: pace ratio 0.96, missed.",
           "investment": "To 2023 the total was 33.72 亿元 (198%) against 10.20 亿元 on schedule: pace ratio 3.31, "
                         "achieved.",
           "none": "No data in the plan period: nothing was recorded in any year, a gap in this final evaluation; "
                   "the target is listed.",
           "forbidden": ("Needed", "needed", "required", "achieved early", "At the current pace")},
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_markdown(invoke, plans, lang):
    out = ok(invoke("report", "--plans-dir", str(plans), "--as-of", "2025", "--format", "markdown", "--lang", lang))
    words = REPORT_WORDS[lang]
    for key in ("title", "binding", "broken", "gap", "export", "energy", "investment", "none"):
        assert words[key] in out, key
    for bad in words["forbidden"]:
        assert bad not in out, bad
    assert SUMMARY[lang] in out.splitlines()
    lines = out.splitlines()
    table = lines[lines.index("|---|---:|") + 1:][:5]
    zh_words = ["已实现", "基本实现", "未实现", "期末数据缺失", "暂无数据"]
    shown = zh_words if lang == "zh" else [EN_WORD.get(w, w) for w in ("已实现", "基本实现", "未实现")] + [
        "no final data", "no data"]
    assert table == [f"| {w} | {n} |" for w, n in zip(shown, (6, 2, 3, 1, 2), strict=True)]
    rows = md_rows(out[out.index("## 三" if lang == "zh" else "## 3."):])
    for no, _id, _s, _l, actual, year, expected, pace, word, projection in TABLE:
        year = year.replace("旧", "old") if lang == "en" else year
        assert rows[no][4:] == [actual, year, expected, pace, word if lang == "zh" else EN_WORD[word],
                                REPORT_CELL.get(projection, projection)], no
    headings = {int(m.group(1)): m.group(2) for m in re.finditer(r"^### (\d+)\. .* — (.+)$", out, re.M)}
    assert headings == {no: (word if lang == "zh" else EN_WORD[word]) for no, *_r, word, _p in TABLE}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_html(invoke, plans, lang):
    out = ok(invoke("report", "--plans-dir", str(plans), "--as-of", "2025", "--lang", lang))
    words = REPORT_WORDS[lang]
    import html as html_lib

    # The page's words, not its CSS classes or data attributes (data-required="" is JSON's null).
    text = html_lib.unescape(re.sub(r"<[^>]*>", "", out[out.index("</style>"):]))
    for key in ("title", "binding", "broken", "gap", "export", "energy", "investment", "none"):
        assert words[key] in text, key
    for bad in words["forbidden"]:
        assert bad not in text, bad
    zh_words = {"achieved": "已实现", "nearly_met": "基本实现", "missed": "未实现", "no_final_data": "期末数据缺失",
                "no_data": "暂无数据"}
    en_words = {"achieved": "achieved", "nearly_met": "nearly met", "missed": "missed",
                "no_final_data": "no final data", "no_data": "no data"}
    chips = re.findall(r'class="chip s-([a-z_]+)[^"]*"><b>(\d+)</b><span>([^<]+)</span>', out)
    assert chips == [(s, str(COUNTS[s]), (zh_words if lang == "zh" else en_words)[s]) for s in zh_words]
    # Every table row carries its own status, and the cells are the hand-worked ones.
    for no, ind_id, status, _l, actual, year, expected, pace, word, projection in TABLE:
        row = re.search(rf'<tr data-id="{ind_id}" data-status="{status}".*?</tr>', out).group(0)
        cells = [html_lib.unescape(c) for c in re.findall(r'<td class="c-[a-z]+[^"]*">(.*?)</td>', row)]
        year = year.replace("旧", "old") if lang == "en" else year
        assert cells[4:] == [actual, year, expected, pace, word if lang == "zh" else EN_WORD[word],
                             REPORT_CELL.get(projection, projection)]
    badges = re.findall(r'<article class="indicator s-border-([a-z_]+)[^"]*" id="ind-([a-z-]+)">', out)
    assert sorted((i, s) for s, i in badges) == sorted((i, s) for _n, i, s, *_r in TABLE)


def test_show_has_no_required_line_for_past_years(invoke, plans):
    out = ok(invoke("show", "6", "--plans-dir", str(plans), "--as-of", "2025"))
    assert "判断 (2023): 期末数据缺失（截至 2023 年：滞后）" in out
    assert "required" not in out and "尚需" not in out
    assert "期末数据缺失：没有期末（2025 年）数据；截至 2023 年的判断：滞后，R = 0.7462" in out
    english = ok(invoke("show", "6", "--plans-dir", str(plans), "--as-of", "2025", "--lang", "en"))
    assert "no_final_data: no figure for the end year 2025; latest judgement (2023): behind, R = 0.7462" in english


# --- --fail-on with the final statuses ------------------------------------------------------------------------

def test_fail_on_binding_fails_on_a_missed_binding_indicator(invoke, plans):
    # Row 5 (binding) is missed: a promise broken fails --fail-on binding, and behind / far_behind too.
    for level in ("binding", "behind", "far_behind"):
        result = invoke("status", "--plans-dir", str(plans), "--as-of", "2025", "--format", "json", "--fail-on", level)
        assert result.exit_code == 1, level


def _binding_plans(tmp_path: Path, rates: dict[int, str]) -> Path:
    """The fixture with row 5's figures replaced by `rates` (the other missed rows made met, so only row 5
    can fail)."""
    plans = final_plans(tmp_path)
    actuals = plans / XKS / "actuals.toml"
    text = actuals.read_text(encoding="utf-8")
    text = re.sub(r"\[energy-intensity-decline\.202[1-5]\]\nrate = [0-9.]+\nsource = [^\n]+\n", "", text)
    text += "".join(f'\n[energy-intensity-decline.{y}]\nrate = {r}\nsource = "test"\n' for y, r in rates.items())
    actuals.write_text(text, encoding="utf-8")
    return plans


def test_fail_on_binding_with_no_final_data_follows_the_latest_judgement(invoke, tmp_path):
    # Data stop in 2023. Last seen far behind (1% a year against 3%: R = 0.33): fails --fail-on binding.
    behind = _binding_plans(tmp_path / "a", {2021: "1", 2022: "1", 2023: "1"})
    data = json.loads(invoke("status", "--plans-dir", str(behind), "--as-of", "2025", "--format", "json").stdout)["plans"][0]
    assert (data["indicators"][4]["status"], data["indicators"][4]["latest_status"]) == ("no_final_data", "far_behind")
    assert invoke("status", "--plans-dir", str(behind), "--as-of", "2025", "--fail-on", "binding").exit_code == 1
    # Last seen on track (3.5% a year: R = 1.1667, ahead): does not fail, and is not counted achieved or missed.
    ahead = _binding_plans(tmp_path / "b", {2021: "3.5", 2022: "3.5", 2023: "3.5"})
    result = invoke("status", "--plans-dir", str(ahead), "--as-of", "2025", "--format", "json", "--fail-on", "binding")
    assert result.exit_code == 0, result.stdout
    data = json.loads(result.stdout)["plans"][0]
    assert data["indicators"][4]["latest_status"] == "ahead" and data["counts"]["no_final_data"] == 2


def test_nearly_met_never_fails_fail_on_behind(tmp_path):
    from plantrack.progress.result import SEVERITY

    assert SEVERITY["nearly_met"] == SEVERITY["on_track"] < SEVERITY["behind"]


# --- the same words before the end: nothing changes --------------------------------------------------------------

def test_before_the_end_nothing_changes(invoke, plans):
    data = json.loads(ok(invoke("status", "--plans-dir", str(plans), "--as-of", "2024", "--format", "json")))["plans"][0]
    assert data["counts"]["nearly_met"] == 0 and data["counts"]["no_final_data"] == 0
    assert {i["id"]: i["status"] for i in data["indicators"]}["industrial-fixed-asset-investment"] == "achieved"
    out = ok(invoke("status", "--plans-dir", str(plans), "--as-of", "2024"))
    assert "提前实现" in out and "已实现" not in out and "尚需每年" in out


# --- qualitative end-year words (the bundled plan has none) --------------------------------------------------------

@pytest.mark.parametrize(("assessment", "binding", "year", "status", "latest"), [
    ("achieved", False, 2025, "achieved", None),
    ("nearly_met", False, 2025, "nearly_met", None),
    ("nearly_met", True, 2025, "missed", None),       # binding: no tolerance
    ("on_track", False, 2025, "missed", None),        # any other word at the end year reads as missed
    ("ahead", False, 2023, "no_final_data", "ahead"),
])
def test_qualitative_end_year_words(assessment, binding, year, status, latest):
    from plantrack.models import Entry, Indicator, Thresholds
    from plantrack.progress import Period, evaluate_indicator

    ind = Indicator(id="q", no=1, name="q", kind="qualitative", target="与经济增长基本同步", unit="",
                    attribute="binding" if binding else "expected")
    entry = Entry(assessment=assessment, note="n")
    r = evaluate_indicator(ind, {year: entry}, Period(2021, 2025, 2020), 2025, Thresholds())
    assert (r.status, r.latest_status) == (status, latest)


def test_fixture_is_not_in_the_bundled_plan():
    assert "测试数据" not in (BUNDLED / XKS / "actuals.toml").read_text(encoding="utf-8")
    assert D("146.0") == sum(D(x) for x in ("28.5", "29.0", "30.2", "29.3", "29.0"))


# --- `final` in the JSON: an end-year verdict, never beside no_data (docs/status-json.md) ----------------------

# The report verdicts' test plan (gdp, energy, forest) and a five-year total met in 2025. gdp: a 2025 level but no
# 2020 level and no rate, so nothing can be computed: no_data, with data year 2025. trees: 30 × 4 + 5 = 125 ≥ 100.
_T1_PLAN = PLAN + """
[[indicators]]
id = "trees"
no = 4
name = "新增造林"
attribute = "expected"
kind = "cumulative"
direction = "increase"
unit = "亩"
target = 100
"""
_T1_ACTUALS = GDP_2025 + ENERGY_BASE + ENERGY_2023 + FOREST + "".join(
    f"[trees.{year}]\nvalue = {amount}\n" for year, amount in ((2021, 30), (2022, 30), (2023, 30), (2024, 30), (2025, 5)))


def test_final_is_an_end_year_verdict_never_no_data(invoke, tmp_path):
    # (id, status, data_year, final), worked by hand: gdp has a 2025 figure but no verdict (no base-year level),
    # so its data year is the end year and still nothing was judged there: final false. energy's data stop in
    # 2023 (no_final_data). forest 21 ≥ 20 in 2025; trees 30 × 4 + 5 = 125 ≥ 100, data 2025: end-year verdicts.
    plan = tmp_path / "plans" / "t1"
    plan.mkdir(parents=True)
    (plan / "plan.toml").write_text(_T1_PLAN, encoding="utf-8")
    (plan / "actuals.toml").write_text(_T1_ACTUALS, encoding="utf-8")
    data = json.loads(ok(invoke("status", "--plans-dir", str(plan.parent), "--format", "json")))["plans"][0]
    assert data["as_of"] == 2025
    assert [(r["id"], r["status"], r["data_year"], r["final"]) for r in data["indicators"]] == [
        ("gdp", "no_data", 2025, False),
        ("energy", "no_final_data", 2023, False),
        ("forest", "achieved", 2025, True),
        ("trees", "achieved", 2025, True),
    ]
    text = ok(invoke("status", "--plans-dir", str(plan.parent), "--format", "csv"))
    assert [(r["id"], r["status"], r["data_year"], r["final"]) for r in csv.DictReader(io.StringIO(text))] == [
        ("gdp", "no_data", "2025", "false"), ("energy", "no_final_data", "2023", "false"),
        ("forest", "achieved", "2025", "true"), ("trees", "achieved", "2025", "true")]
