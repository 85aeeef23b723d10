"""The default Chinese output speaks Chinese, and --lang en speaks English (issue 26, item 6).

`show`, `record`'s echo, `status` (table, Markdown) and `report` (Markdown, and the visible text of the HTML) are
scanned in both languages, over the bundled plan as of 2021 (its own data) and with the final-evaluation fixture
as of 2023 and 2025 (every verdict once), and over a small plan of the kinds the bundled one lacks (a level, a
declining total change, a qualitative indicator, a level without its base value).

Plan text is data, in whatever language its office wrote it: names beside their English (`name_en`), sources,
notes, units and ids are taken out of the output before the scan (they are the plan's own strings, read from its
files here, not from plantrack). What is left must be in the chosen language:
- Chinese: no run of two or more Latin letters except ALLOWED. Formula symbols (R, a, r, g, c, e, S, T, N, k, m,
  n, V_B, V_Y, E_Y) are single letters, so the scan never sees them; numbers and % are not letters.
- English: no Chinese character, and no full-width punctuation.
Then every line of working in the renderer's two tables is scanned the same way (tests/…::test_every_step…).
"""

from __future__ import annotations

import html
import re
import shutil
import shutil
import tomllib
from pathlib import Path

import pytest

from plantrack.progress.result import Step
from plantrack.render.working import EN, ZH, say

from conftest import XKS

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE = FIXTURES / "final" / "actuals-2022-2025.toml"
ALLOWED = {"plantrack"}  # the program's own name, in the report's footer
FILE_NAME = re.compile(r"[\w.-]+\.(?:txt|toml)\b")  # the files a source cites (001_839dd607ca09f404.txt)
LATIN = re.compile(r"[A-Za-z]{2,}")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")
MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")

KINDS_PLAN = '''[plan]
id = "kinds-14th"
name = "类型示例规划"
start = 2021
end = 2025
base_year = 2020

[[indicators]]
id = "forest-cover"
no = 1
name = "森林覆盖率"
name_en = "Forest cover"
attribute = "binding"
kind = "level"
unit = "%"
target = 18

[[indicators]]
id = "water-use"
no = 2
name = "用水总量累计下降"
name_en = "Water use, total fall"
kind = "total_change"
direction = "decrease"
unit = "%"
target = 10

[[indicators]]
id = "income-in-step"
no = 3
name = "居民收入增长与经济增长同步"
name_en = "Income in step with growth"
kind = "qualitative"
unit = "%"
target = "与经济增长基本同步"

[[indicators]]
id = "green-area"
no = 4
name = "绿地面积"
name_en = "Green area"
kind = "level"
unit = "公顷"
target = 120
'''
KINDS_ACTUALS = '''[forest-cover.2020]
value = 15
source = "区绿化局"
[forest-cover.2022]
value = 16.2
source = "区绿化局"
[water-use.2021]
rate = 2.5
source = "区水务局"
[water-use.2023]
rate = 1.5
source = "区水务局"
[income-in-step.2023]
assessment = "behind"
source = "区统计局"
note = "收入增长慢于经济增长"
[green-area.2022]
value = 101
source = "区绿化局"
'''


@pytest.fixture
def plans(plans_dir: Path) -> Path:
    """The bundled plan with the final-evaluation fixture appended, and the small plan of the other kinds."""
    with (plans_dir / XKS / "actuals.toml").open("a", encoding="utf-8") as f:
        f.write("\n" + FIXTURE.read_text(encoding="utf-8"))
    (plans_dir / "kinds-14th").mkdir()
    (plans_dir / "kinds-14th" / "plan.toml").write_text(KINDS_PLAN, encoding="utf-8")
    (plans_dir / "kinds-14th" / "actuals.toml").write_text(KINDS_ACTUALS, encoding="utf-8")
    # Issue 30: a target raised and one lowered at mid-term, and indicators added or retired mid-plan.
    for fixture in (FIXTURES / "adjust" / "adj-14th", FIXTURES / "life" / "life-14th"):
        shutil.copytree(fixture, plans_dir / fixture.name)
    return plans_dir


def plan_text(plans: Path) -> list[str]:
    """Every string value of every plan's files (names, name_en, sources, notes, units, ids), longest first. Not
    the keys: `value`, `source` or `plan` taken out of the output would hide an English word."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in sorted(plans.glob("*/*.toml")):
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return sorted((s for s in found if s), key=len, reverse=True)  # a unit may be one character: 家


def visible(page: str) -> str:
    """An HTML page's visible text: no scripts or styles, no tags, entities decoded."""
    page = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def outputs(invoke, plans: Path, lang: str) -> dict[str, str]:
    """What each command prints, by a name that says which run it was."""
    def run(*args: str) -> str:
        result = invoke(*args, "--plans-dir", str(plans), "--lang", lang)
        assert result.exit_code in (0, 1), (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stdout + result.stderr
        return result.stdout

    got: dict[str, str] = {}
    for plan, years, count in ((XKS, ("2021", "2023", "2025"), 14), ("kinds-14th", ("2023", "2025"), 4),
                               ("adj-14th", ("2022", "2023", "2025"), 2), ("life-14th", ("2023", "2025"), 3)):
        for year in years:
            for no in range(1, count + 1):
                got[f"show {plan} {no} {year}"] = run("show", str(no), "--plan", plan, "--as-of", year)
            for fmt in ("table", "markdown"):
                got[f"status {plan} {year} {fmt}"] = run("status", "--plan", plan, "--as-of", year, "--format", fmt)
            got[f"report {plan} {year} markdown"] = MD_ESCAPE.sub(r"\1", run(
                "report", "--plan", plan, "--as-of", year, "--format", "markdown"))
            got[f"report {plan} {year} html"] = visible(run(
                "report", "--plan", plan, "--as-of", year, "--format", "html"))
    for args in (("value-added-growth", "2024", "560000", "--unit", "万元"), ("energy-intensity-decline", "2024",
                 "--rate", "3.1"), ("new-srdi", "2024", "4"), ("export-delivery-growth", "2024", "--rate", "-1")):
        got["record " + " ".join(args)] = run("record", *args, "--source", "区统计局", "--dry-run", "--plan", XKS)
    got["record qualitative"] = run("record", "income-in-step", "2024", "--assessment", "on_track",
                                    "--source", "区统计局", "--note", "与经济增长同步", "--dry-run", "--plan", "kinds-14th")
    return got


def without_plan_text(text: str, strings: list[str]) -> str:
    for s in strings:
        text = text.replace(s, " ")
    return FILE_NAME.sub(" ", text)


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    # Wide enough that no cell folds a name or a source in two: plan text is then found whole and taken out.
    monkeypatch.setenv("COLUMNS", "400")


@pytest.mark.usefixtures("wide")
def test_the_chinese_output_has_no_english_words(invoke, plans):
    strings, printed = plan_text(plans), outputs(invoke, plans, "zh")
    found = {name: sorted(set(LATIN.findall(without_plan_text(text, strings))) - ALLOWED)
             for name, text in printed.items()}
    assert {name: words for name, words in found.items() if words} == {}
    # The scan sees what it is meant to: the working is there, in Chinese, with its symbols.
    shown = "\n".join(printed.values())
    assert "实现目标尚需 = ((1 + 6%)^5 / (1 + a)^1)^(1/4) − 1 = 7.42%（每年）" in shown
    assert "R = (V_Y − V_B) / (E_Y − V_B)" in shown and "（按记录的下降率）" in shown


@pytest.mark.usefixtures("wide")
def test_the_english_output_has_no_chinese_outside_plan_text(invoke, plans):
    strings, printed = plan_text(plans), outputs(invoke, plans, "en")
    found = {name: sorted(set(CJK.findall(without_plan_text(text, strings))))
             for name, text in printed.items()}
    assert {name: runs for name, runs in found.items() if runs} == {}
    shown = "\n".join(printed.values())
    assert "required = ((1 + 6%)^5 / (1 + a)^1)^(1/4) − 1 = 7.42% a year" in shown
    assert "(recorded decline)" in shown


# Every line of working and every reason the renderer knows, filled with digits: each table in its own language.
DIGITS = {key: "2023" for key in ("year", "base_year", "end", "span", "k", "n", "m", "big_n")}


def filled(code: str) -> Step:
    template = EN[code]
    keys = set(re.findall(r"{(\w+)}", template)) - {"cause"}
    args = {key: DIGITS.get(key, "1.5") for key in keys}
    for key in ("status", "latest_status", "assessment"):
        if key in args:
            args[key] = "far_behind"
    if "sign" in args:
        args["sign"] = "−"
    return Step(code, args, Step("no_data_yet", {}) if "{cause}" in template else None)


def test_the_two_tables_know_the_same_steps():
    assert set(EN) == set(ZH)


@pytest.mark.parametrize("code", sorted(EN))
def test_every_step_is_said_in_each_language_alone(code):
    line = filled(code)
    zh, en = say(line, "zh"), say(line, "en")
    assert not LATIN.findall(zh), zh
    assert not CJK.findall(en), en
    # The same numbers in both: only the words differ.
    assert re.findall(r"\d+(?:\.\d+)?", zh) == re.findall(r"\d+(?:\.\d+)?", en), (zh, en)
