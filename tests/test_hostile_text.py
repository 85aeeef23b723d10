"""Plan text is data (reliability.md promise 4; issue 13 items 7-10; issue 26 item 8): one table of hostile
strings, and for each output kind the fragment it must show, written out by hand.

A string goes into a plan as a TOML escape (so the parsed value holds the very character): `raw` into every
free-text field (notes), `line` into every one-line field (plan and indicator names, sources, a declared unit,
a qualitative target), which refuse line-breaking controls since issue 13 (test_one_line_fields_refuse_...).
The rules the expected columns follow, each read from the code once and then written as literals:

* terminal (`term`, `term_line`): every character str.isprintable() refuses, but the space separators, shown
  as \\xNN below U+0100, else \\uNNNN or \\UNNNNNNNN (text.safe); Rich markup printed as it is; a line that
  would start with `::` starts with `\\::` (render/guard.py).
* Markdown (`md`): the terminal spelling, then \\ ` * _ [ ] | # ~ ! { } backslash-escaped, < > & as
  entities, and a line-start marker (`- `, `1.`, `::`) escaped (text.md).
* JSON: the exact string.  CSV (`csv_line`, `csv_raw`): the exact string, with a ' in front of a cell a
  spreadsheet would run as a formula (csvio.spreadsheet_text).
* an echoed argument (`echo`): quoted as Python's repr spells it.
* `check --format github` (`gh`): the terminal spelling, but % CR LF as %25 %0D %0A.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from rich.cells import cell_len
from typer.testing import CliRunner

from conftest import BUNDLED, XKS
from hostile import QUAL_ID, assert_terminal_safe, edit, hostile_plans, load_actuals, ran, raw_controls, toml_string
from plantrack.csvio import from_spreadsheet_text, spreadsheet_text
from plantrack.text import ALLOWED, command_safe, md, safe

# Every string goes through every output format (CORE). The paths that only carry a string to an output already
# in CORE (an echoed argument, an import finding, a revision, check's formats...) get one string per kind of
# character (ALL): another code point of the same kind takes the same path (safe() is held code point by code
# point in test_safe_escapes_exactly_what_isprintable_refuses_but_the_space_separators).
CORE = frozenset({"model", "status", "show", "history", "narrow", "markdown", "json", "csv"})
ALL = CORE | {"colour", "overview", "record", "revision", "unit", "args", "listing", "click", "import", "check",
              "missing", "xlsx"}
MD_ONLY = frozenset({"markdown"})
CSV_ONLY = frozenset({"csv"})


CJK_2000 = ("中华人民共和国国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要" * 70)[:2000]


@dataclass(frozen=True)
class Case:
    id: str
    raw: str            # in the notes
    term: str           # raw on a terminal
    md: str             # line in Markdown
    echo: str           # raw.strip() echoed in an error message
    line: str = ""      # in the one-line fields; "" = raw
    term_line: str = ""  # line on a terminal; "" = term
    csv_line: str = ""  # line in a CSV cell; "" = line
    csv_raw: str = ""   # raw in a CSV cell; "" = raw
    gh: str = ""        # raw in a check --format github message; "" = term
    kinds: frozenset[str] = field(default=ALL)

    def __post_init__(self) -> None:
        for name, default in (("line", self.raw), ("term_line", self.term), ("gh", self.term)):
            if not getattr(self, name):
                object.__setattr__(self, name, default)
        for name, default in (("csv_line", self.line), ("csv_raw", self.raw)):
            if not getattr(self, name):
                object.__setattr__(self, name, default)


CASES = [
    # Rich markup: printed as it is, never a style or a link.
    Case("markup", "[bold red]x[/]", "[bold red]x[/]", r"\[bold red\]x\[/\]", "'[bold red]x[/]'"),
    Case("markup-link", "[link=http://evil]y[/link]", "[link=http://evil]y[/link]",
         r"\[link=http://evil\]y\[/link\]", "'[link=http://evil]y[/link]'", kinds=CORE),
    # ESC sequences: colour, clear screen, a hyperlink (OSC 8), the clipboard (OSC 52); a C1 CSI.
    Case("csi-sgr", "\x1b[31m", r"\x1b[31m", r"\\x1b\[31m", r"'\x1b[31m'", line=r"\x1b[31m"),
    Case("csi-clear", "\x1b[2J", r"\x1b[2J", r"\\x1b\[2J", r"'\x1b[2J'", line=r"\x1b[2J", kinds=CORE),
    Case("osc8-link", "\x1b]8;;http://evil\x1b\\z\x1b]8;;\x1b\\", "\\x1b]8;;http://evil\\x1b\\z\\x1b]8;;\\x1b\\",
         r"\\x1b\]8;;http://evil\\x1b\\z\\x1b\]8;;\\x1b\\", r"'\x1b]8;;http://evil\x1b\\z\x1b]8;;\x1b\\'",
         line="\\x1b]8;;http://evil\\x1b\\z\\x1b]8;;\\x1b\\"),
    Case("osc52-clipboard", "\x1b]52;c;ZXZpbA==\x07", r"\x1b]52;c;ZXZpbA==\x07", r"\\x1b\]52;c;ZXZpbA==\\x07",
         r"'\x1b]52;c;ZXZpbA==\x07'", line=r"\x1b]52;c;ZXZpbA==\x07", kinds=CORE),
    Case("c1-csi", "\x9b31m", r"\x9b31m", r"\\x9b31m", r"'\x9b31m'", line=r"\x9b31m"),
    # C0 controls that move the cursor or ring: bell, backspace, carriage return, line feed.
    Case("bel", "响\x07", r"响\x07", r"响\\x07", r"'响\x07'", line=r"响\x07", kinds=CORE),
    Case("backspace", "ab\x08\x08cd", r"ab\x08\x08cd", r"ab\\x08\\x08cd", r"'ab\x08\x08cd'", line=r"ab\x08\x08cd", kinds=CORE),
    Case("carriage-return", "真\r假", r"真\x0d假", r"真\\x0d假", r"'真\r假'", line=r"真\x0d假", gh="真%0D假"),
    Case("newline", "名\n称", r"名\x0a称", r"名\\x0a称", r"'名\n称'", line=r"名\x0a称", gh="名%0A称"),
    # Bidi overrides and isolates, zero-width and BOM: invisible, they reorder or hide text.
    Case("rlo", "增加值\u202egnp", r"增加值\u202egnp", r"增加值\\u202egnp", r"'增加值\u202egnp'"),
    Case("lri", "\u2066甲", r"\u2066甲", r"\\u2066甲", r"'\u2066甲'", kinds=CORE),
    Case("zwsp", "零\u200b宽", r"零\u200b宽", r"零\\u200b宽", r"'零\u200b宽'", kinds=CORE),
    Case("bom-zwnbsp", "\ufeff头", r"\ufeff头", r"\\ufeff头", r"'\ufeff头'", kinds=CORE),
    # Issue 13: characters isprintable() refuses that safe() once let through.
    Case("tag-chars", "\U000e0001\U000e0041\U000e007f", r"\U000e0001\U000e0041\U000e007f",
         r"\\U000e0001\\U000e0041\\U000e007f", r"'\U000e0001\U000e0041\U000e007f'"),
    Case("deprecated-format", "\u206a\u206f", r"\u206a\u206f", r"\\u206a\\u206f", r"'\u206a\u206f'", kinds=CORE),
    Case("interlinear", "\ufff9\ufffb", r"\ufff9\ufffb", r"\\ufff9\\ufffb", r"'\ufff9\ufffb'", kinds=CORE),
    Case("arabic-number-signs", "\u0600\u0605", r"\u0600\u0605", r"\\u0600\\u0605", r"'\u0600\u0605'", kinds=CORE),
    Case("music-format", "\U0001d173\U0001d17a", r"\U0001d173\U0001d17a", r"\\U0001d173\\U0001d17a",
         r"'\U0001d173\U0001d17a'", kinds=CORE),
    Case("private-use", "私\ue000", r"私\ue000", r"私\\ue000", r"'私\ue000'"),
    Case("unassigned", "\U000e0080", r"\U000e0080", r"\\U000e0080", r"'\U000e0080'"),
    # The space separators are ordinary in Chinese names: shown as they are (ALLOWED).
    Case("cjk-spaces", "名\u3000称\u00a0值", "名\u3000称\u00a0值", "名\u3000称\u00a0值", r"'名\u3000称\xa0值'"),
    # CI workflow commands: at the start of a terminal line they get a \ (the title line, show's note line).
    Case("gh-set-output", "::set-output name=x::y", "::set-output name=x::y", r"\::set-output name=x::y",
         "'::set-output name=x::y'"),
    Case("gh-error", "%0A::error::z", "%0A::error::z", "%0A::error::z", "'%0A::error::z'", gh="%250A::error::z"),
    # HTML, templates, Markdown punctuation, a formula start.
    Case("script", "<script>alert(1)</script>", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;",
         "'<script>alert(1)</script>'"),
    Case("template", "{{ 7*7 }}", "{{ 7*7 }}", r"\{\{ 7\*7 \}\}", "'{{ 7*7 }}'", kinds=CORE),
    Case("md-pipe-backtick", "a|b `c` *d* _e_", "a|b `c` *d* _e_", r"a\|b \`c\` \*d\* \_e\_", "'a|b `c` *d* _e_'", kinds=CORE),
    Case("formula", "=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0", r"=cmd\|' /C calc'\!A0", "\"=cmd|' /C calc'!A0\"",
         csv_line="'=cmd|' /C calc'!A0", csv_raw="'=cmd|' /C calc'!A0"),
    # A very long line (a plan title's words, 2,000 characters): folded and wrapped, inside a word too.
    Case("long-cjk", CJK_2000, CJK_2000, "", "", kinds=frozenset({"unit", "narrow"})),
    # Markdown only: links, images, raw HTML, line-start markers, entities.
    *[Case(f"md-{i}", text, text, shown, "", kinds=MD_ONLY) for i, (text, shown) in enumerate([
        ('<img src=x onerror="alert(1)">', '&lt;img src=x onerror="alert(1)"&gt;'),
        ("![x](http://evil/p.png)", r"\!\[x\](http://evil/p.png)"),
        ("[x](javascript:alert(1))", r"\[x\](javascript:alert(1))"),
        ("a\\|b", r"a\\\|b"),
        ("# 标题", r"\# 标题"),
        ("> 引用", "&gt; 引用"),
        ("- 列表", r"\- 列表"),
        ("+ 列表", r"\+ 列表"),
        ("1. 第一", r"1\. 第一"),
        ("2021. 年", r"2021\. 年"),
        ("&lt;b&gt;", "&amp;lt;b&amp;gt;"),
        ("##[error]x", r"\#\#\[error\]x"),
    ])],
    # CSV only: formula starts get a ', numbers stay numbers.
    *[Case(f"csv-{i}", text, "", "", "", csv_line=quoted, csv_raw=quoted, kinds=CSV_ONLY)
      for i, (text, quoted) in enumerate([
          ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
          ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
          ("-2+3", "'-2+3"),
          ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
          ("＝HYPERLINK(1)", "'＝HYPERLINK(1)"),
          ("-3", "-3"),
      ])],
]


def cases(kind: str, where=None) -> list:
    return [pytest.param(c, id=c.id) for c in CASES if kind in c.kinds and (where is None or where(c))]


def at_line_start(text: str) -> str:
    """A terminal line that would start with `::` starts with `\\::` (render/guard.py)."""
    return "\\" + text if text.startswith("::") else text


# ------------------------------------------------------------------------------------- running the commands

_RUNS: dict[tuple, object] = {}
_ROOT = Path(tempfile.mkdtemp(prefix="plantrack-hostile-"))


@pytest.fixture(scope="module", autouse=True)
def _cleanup():
    yield
    shutil.rmtree(_ROOT, ignore_errors=True)


def plans_for(case: Case, how: str = "one") -> Path:
    """The case's plans (built once): "one" hostile plan, or "two" (the overview)."""
    root = _ROOT / case.id / how
    if not root.exists():
        hostile_plans(root, case.raw, line=case.line)
        if how == "two":
            hostile_plans(root, case.raw, plan_id="second-14th", line=case.line)
    return root / "plans"


def run(case: Case, *args: str, how: str = "one", columns: int = 1000, colour: bool = False, code: int = 0):
    """`plantrack ARGS --plans-dir <the case's plans>` in-process, once per case and arguments."""
    key = (case.id, how, args, columns, colour)
    if key not in _RUNS:
        from plantrack.cli.app import app
        from plantrack.render import console

        env = {"COLUMNS": str(columns), "PLANTRACK_PLANS_DIR": None}
        env.update({"NO_COLOR": None, "FORCE_COLOR": "1", "COLORTERM": "truecolor", "TERM": "xterm-256color"}
                   if colour else {"NO_COLOR": "1"})
        console.out.cache_clear()
        console.err.cache_clear()
        _RUNS[key] = CliRunner().invoke(app, [*args, "--plans-dir", str(plans_for(case, how))], env=env)
        console.out.cache_clear()
        console.err.cache_clear()
    return ran(_RUNS[key], code)


def out(case: Case, *args: str, **kw) -> str:
    """Standard output of a run that succeeded quietly; terminal-safe unless it is a data format (JSON, CSV),
    which holds the exact string."""
    result = run(case, *args, **kw)
    assert result.stderr == ""
    if not {"json", "csv"} & set(args) and args[0] != "export":
        assert_terminal_safe(result.stdout, args, colour=kw.get("colour", False))
    return result.stdout


def cells(line: str) -> list[str]:
    """The cells of one table line (columns are at least two spaces apart; no test string holds two spaces)."""
    return re.split(r"\s{2,}", line.strip())


def numbered_rows(text: str) -> list[int]:
    return [int(line.split()[1]) for line in text.splitlines() if line.startswith("| ") and line[2:3].isdigit()]


# -------------------------------------------------------------------------------------- the table, by kind

@pytest.mark.parametrize("case", cases("model"))
def test_model_holds_the_exact_strings(case):
    """The fixture itself: the TOML escapes give back the very characters, and the plan is valid."""
    from plantrack.opening import open_plan

    plan = open_plan(plans_for(case), XKS)
    assert plan.info.name == plan.info.name_en == case.line
    first = plan.indicators[0]
    assert first.name == first.name_en == case.line and first.note == case.raw
    entry = plan.entries("value-added-growth")[2021]
    assert entry.source == case.line and entry.note == case.raw
    assert plan.entries("tech-listings")[2021].unit == f"单{case.line}位"
    assert plan.entries(QUAL_ID)[2021].note == "说明" + case.raw


@pytest.mark.parametrize("case", cases("status"))
def test_terminal_status_table(case):
    t = case.term_line
    lines = out(case, "status").splitlines()
    assert lines[0].strip() == at_line_start(t)  # the title: the plan name
    row = {line.split()[0]: line for line in lines if line.split()[:1] and line.split()[0].isdigit()}
    assert f"1  {t}  " in row["1"] and "严重滞后" in row["1"]
    assert f"  6 单{t}位  " in row["10"]  # tech-listings' target in its declared unit
    assert "定性指标" in row["15"] and f"  {t}  " in row["15"]  # the qualitative target
    assert f"{t} ({t})" in out(case, "status", "--lang", "en")  # name_en (name)


@pytest.mark.parametrize("case", cases("narrow"))
def test_narrow_terminal_folds_without_raw_controls(case):
    """At 60 columns Rich folds the cells and wrap.py the plain lines (inside a Chinese word too): the folded
    text is still escaped, and the tables fit."""
    for args in (("status",), ("show", "value-added-growth"), ("show", "tech-listings"),
                 ("show", QUAL_ID, "--lang", "en"), ("history", "value-added-growth")):
        shown = out(case, *args, columns=60)
        if args[0] == "history":
            assert all(cell_len(line) <= 60 for line in shown.splitlines()), args


@pytest.mark.parametrize("case", cases("show"))
def test_terminal_show(case):
    t, note = case.term_line, case.term
    lines = out(case, "show", "value-added-growth").splitlines()
    assert lines[0] == f"1. {t}  {t}"
    assert lines[2] == at_line_start(note)  # the indicator's note, on its own line
    assert any(line.lstrip().startswith("2021") and f"{t} · {note}" in line for line in lines)  # source · note
    tech = out(case, "show", "tech-listings")
    assert f"折合 单{t}位" in tech and f"1 单{t}位" in tech
    qual = out(case, "show", QUAL_ID, "--lang", "en")
    assert f"Target {t} ·" in qual and f"{t} · 说明{note}" in qual


@pytest.mark.parametrize("case", cases("history"))
def test_terminal_history(case):
    t = case.term_line
    lines = out(case, "history", "value-added-growth", "--lang", "en").splitlines()
    assert lines[0].strip() == f"1. {t} (value-added-growth)"
    row = next(line for line in lines if line.lstrip().startswith("2021"))
    assert cells(row)[1:4] == ["48.9 亿元", t, case.term]  # the entry, its source and its note
    assert f"1 单{t}位" in out(case, "history", "tech-listings")


@pytest.mark.parametrize("case", cases("colour"))
def test_colour_terminal_carries_only_the_tools_own_styles(case):
    """FORCE_COLOR, truecolor: the only escapes are the SGR codes the same plan with ordinary text gets, no OSC
    (hyperlink, clipboard, title), and the text sits between them in one piece."""
    benign = Case("benign", "普通文字", "普通文字", "", "")
    for args in (("status",), ("show", "value-added-growth"), ("history", "value-added-growth")):
        shown = out(case, *args, columns=200, colour=True)
        reference = out(benign, *args, columns=200, colour=True)
        sgr = set(re.findall(r"\x1b\[[0-9;]*m", reference))
        assert sgr, "the colour terminal is not in effect"
        assert set(re.findall(r"\x1b\[[0-9;]*m", shown)) <= sgr and "\x1b]" not in shown, args
        assert case.term_line in shown, args


@pytest.mark.parametrize("case", cases("markdown"))
def test_markdown_status_report_and_overview(case):
    status = out(case, "status", "--format", "markdown")
    assert status.splitlines()[0] == f"### {case.md}"
    assert f"| 1 | {case.md} | 预期性 |" in status
    assert numbered_rows(status) == list(range(1, 16))  # data adds no row or line of its own
    report = out(case, "report", "--format", "markdown")
    assert report.splitlines()[0] == f"# {case.md}中期评估报告"
    overview = out(case, "status", "--format", "markdown", how="two")
    assert f"| {case.md} |" in overview
    for name, text in (("status", status), ("report", report), ("overview", overview)):
        outside_code = re.sub(r"(`{3,})\n.*?\n\1", "", text, flags=re.S)  # the report's working is a code block
        assert "<" not in outside_code, name
        assert not re.search(r"(?<!\\)(?:\\\\)*(?:\]\(|!\[)", outside_code), name


@pytest.mark.parametrize("case", cases("json"))
def test_json_keeps_the_exact_string(case):
    plan = json.loads(out(case, "status", "--format", "json"))["plans"][0]
    assert plan["name"] == case.line
    by_id = {i["id"]: i for i in plan["indicators"]}
    assert by_id["value-added-growth"]["name"] == by_id["value-added-growth"]["name_en"] == case.line
    assert by_id["tech-listings"]["unit"] == f"单{case.line}位" and by_id[QUAL_ID]["target"] == case.line
    rows = json.loads(out(case, "export", "--format", "json"))
    va = next(r for r in rows if (r["indicator"], r["year"]) == ("value-added-growth", 2021))
    assert (va["source"], va["note"]) == (case.line, case.raw)
    tech = next(r for r in rows if r["indicator"] == "tech-listings")
    assert (tech["unit"], tech["source"], tech["note"]) == (f"单{case.line}位", case.line, case.raw)
    qual = next(r for r in rows if r["indicator"] == QUAL_ID)
    assert (qual["source"], qual["note"]) == (case.line, "说明" + case.raw)
    overview = json.loads(out(case, "status", "--format", "json", how="two"))
    assert [p["name"] for p in overview["plans"]] == [case.line, case.line]


@pytest.mark.parametrize("case", cases("csv"))
def test_csv_keeps_the_string_and_quotes_formulas(case):
    rows = list(csv.DictReader(io.StringIO(out(case, "status", "--format", "csv"))))
    assert len(rows) == 15
    assert rows[0]["name"] == rows[0]["name_en"] == rows[0]["plan_name"] == case.csv_line
    assert {r["id"]: r for r in rows}[QUAL_ID]["target"] == case.csv_line
    rows = list(csv.DictReader(io.StringIO(out(case, "export", "--format", "csv"))))
    va = next(r for r in rows if (r["indicator"], r["year"]) == ("value-added-growth", "2021"))
    assert (va["source"], va["note"]) == (case.csv_line, case.csv_raw)
    tech = next(r for r in rows if r["indicator"] == "tech-listings")
    assert tech["source"] == case.csv_line and tech["note"] == case.csv_raw and tech["value"] == "1"
    # issue 19: the overview's CSV is the long table, the plan's name in plan_name on each of its lines
    rows = list(csv.DictReader(io.StringIO(out(case, "status", "--format", "csv", how="two"))))
    assert {(r["plan"], r["plan_name"]) for r in rows} == {(XKS, case.csv_line), ("second-14th", case.csv_line)}


@pytest.mark.parametrize("case", cases("overview"))
def test_overview_table_fits_and_names_each_plan(case):
    for columns in (200, 60):
        table = out(case, "status", how="two", columns=columns)
        assert all(cell_len(line) <= columns for line in table.splitlines()[:-1]), columns


# .xlsx (XML 1.0) cannot hold C0 controls but tab, CR and LF: export refuses such a note at its cell (long
# layout: the note of value-added-growth 2021 is J7), the rest is stored exactly, text never a formula.
XLSX_REFUSED = {
    "csi-sgr": r"xiaokunshan-14th!J7：\x1b[31m 含有 .xlsx 单元格无法保存的控制字符，没有写入任何文件",
    "osc8-link": r"xiaokunshan-14th!J7：\x1b]8;;http://evil\x1b\z\x1b]8;;\x1b\ 含有 .xlsx 单元格无法保存的控制字符",
}


@pytest.mark.parametrize("case", cases("xlsx"))
def test_xlsx_cells_hold_the_exact_string_or_the_export_refuses(case):
    openpyxl = pytest.importorskip("openpyxl")
    target = _ROOT / case.id / "export.xlsx"
    if case.id in XLSX_REFUSED:
        result = run(case, "export", "--format", "xlsx", "-o", str(target), code=1)
        assert result.stdout == "" and XLSX_REFUSED[case.id] in result.stderr
        assert_terminal_safe(result.stderr)
        assert not target.exists()
        return
    assert out(case, "export", "--format", "xlsx", "-o", str(target)) == ""
    sheet = openpyxl.load_workbook(target).active
    assert [c.value for c in sheet[1]][:10] == ["plan", "indicator", "name", "year", "value", "unit", "rate",
                                                 "assessment", "source", "note"]
    name, year, source, note = (sheet[f"{col}7"] for col in "CDIJ")
    assert (name.value, year.value, source.value, note.value) == (case.line, 2021, case.line, case.raw)
    assert name.data_type == note.data_type == "s"  # a string cell, never a formula


def test_html_and_docx_reports_show_plan_text_escaped(invoke, tmp_path):
    """The reports: one plan (each report draws its charts, seconds apiece) whose one-line fields hold a formula
    start, a pipe, a direction override and a tag, and whose notes hold ESC, Markdown and a line feed. HTML:
    the terminal spelling, then < > & as entities. Word: the terminal spelling (a .docx holds no markup)."""
    pytest.importorskip("matplotlib")
    docx = pytest.importorskip("docx")
    plans = hostile_plans(tmp_path, "\x1b[31m<b>|`x`\n=1", line="=1|\u202e<i>")
    html = ran(invoke("report", "--plans-dir", str(plans))).stdout
    assert "<h1>=1|\\u202e&lt;i&gt;</h1>" in html
    assert '<p class="ind-note">\\x1b[31m&lt;b&gt;|`x`\\x0a=1</p>' in html
    assert '<td class="c-target">6 单=1|\\u202e&lt;i&gt;位</td>' in html
    assert "<i>" not in html and html.count("<b>") == 7  # the seven status counts: the tool's own
    assert not raw_controls(html.replace("\n", ""))
    ran(invoke("report", "-o", str(tmp_path / "r.docx"), "--plans-dir", str(plans)))
    document = docx.Document(tmp_path / "r.docx")
    paragraphs = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "1. =1|\\u202e<i> · =1|\\u202e<i> — 严重滞后" in paragraphs
    assert "\\x1b[31m<b>|`x`\\x0a=1" in paragraphs
    assert "6 单=1|\\u202e<i>位" in cells
    assert not raw_controls("".join(paragraphs + cells))


# ------------------------------------------------------------------------------- record, history, units

@pytest.mark.parametrize("case", cases("record"))
def test_record_stores_exactly_and_echoes_safely(invoke, plans_dir, monkeypatch, case):
    base = ("--plans-dir", str(plans_dir))
    monkeypatch.setenv("COLUMNS", "1000")  # history's cells are not folded
    t, src = case.term_line, case.line

    dry = ran(invoke("record", "value-added-growth", "2022", "512000", "--source", src, "--note", case.raw,
                     "--dry-run", *base))
    assert_terminal_safe(dry.stdout + dry.stderr)
    assert dry.stdout.startswith("（试运行，未写入）value-added-growth 2022 = 512000 万元 · ") and dry.stdout.count("\n") == 1

    done = ran(invoke("record", "value-added-growth", "2022", "512000", "--source", src, "--note", case.raw, *base))
    assert (done.stdout, done.stderr) == ("value-added-growth 2022 = 512000 万元 · 年均 2.58% · 严重滞后\n", "")
    stored = load_actuals(plans_dir)["value-added-growth"]["2022"]
    assert (stored["source"], stored["note"]) == (src, case.raw)  # the file holds the exact string

    # An existing year without --force: the refusal shows the old and new sources on its one line.
    refused = ran(invoke("record", "value-added-growth", "2022", "513000", "--source", "新" + src, *base), 1)
    assert refused.stdout == "" and len(refused.stderr.splitlines()) == 1
    assert_terminal_safe(refused.stderr)
    assert f"来源 {t}；新值：513000 万元, 来源 新{t}。" in refused.stderr
    assert load_actuals(plans_dir)["value-added-growth"]["2022"] == stored

    forced = ran(invoke("record", "value-added-growth", "2022", "513000", "--source", "修订" + src, "--force", *base))
    assert forced.stdout == "value-added-growth 2022 = 513000 万元 · 年均 2.68% · 严重滞后 · 已修订，旧值保存在修订记录中\n"
    entry = load_actuals(plans_dir)["value-added-growth"]["2022"]
    assert entry["source"] == "修订" + src
    assert (entry["revisions"][0]["source"], entry["revisions"][0]["note"]) == (src, case.raw)

    history = ran(invoke("history", "value-added-growth", *base)).stdout
    assert_terminal_safe(history)
    current = next(line for line in history.splitlines() if line.lstrip().startswith("2022"))
    revision = next(line for line in history.splitlines() if "修订前 1" in line)
    assert cells(current)[1:3] == ["513000 万元", f"修订{t}"]
    assert cells(revision)[1:4] == ["512000 万元", t, case.term]


@pytest.mark.parametrize("case", cases("revision"))
def test_history_shows_a_revision_written_in_the_file(invoke, plans_dir, monkeypatch, case):
    """A revision read from actuals.toml (not typed): its source and note are escaped in history's dim row."""
    t = toml_string(case.raw)
    with (plans_dir / XKS / "actuals.toml").open("a", encoding="utf-8") as f:
        f.write(f'\n[tech-listings.2022]\nvalue = 2\nunit = "家"\nsource = "更正"\n'
                f'\n[[tech-listings.2022.revisions]]\nvalue = 1\nunit = "家"\nsource = {t}\nnote = {t}\n')
    monkeypatch.setenv("COLUMNS", "1000")
    history = ran(invoke("history", "tech-listings", "--plans-dir", str(plans_dir))).stdout
    assert_terminal_safe(history)
    revision = next(line for line in history.splitlines() if "修订前 1" in line)
    assert cells(revision) == ["↳ 修订前 1", "1 家", case.term, case.term, "—"]


@pytest.mark.parametrize("case", cases("unit"))
def test_record_in_a_declared_hostile_unit(invoke, tmp_path, case):
    plans = hostile_plans(tmp_path, case.raw, line=case.line)
    unit = f"单{case.line[:40]}位"  # (hostile.unit_of: at most 40 characters of the line)
    result = ran(invoke("record", "tech-listings", "2022", "1", "--unit", unit, "--plans-dir", str(plans)))
    assert_terminal_safe(result.stdout)
    first, *rest = result.stdout.splitlines()
    assert all(line.startswith("  ") for line in rest)  # wrapped lines go on indented: data starts no line
    joined = " ".join([first, *(line.strip() for line in rest)])
    shown = f"单{case.term_line[:40]}位"
    assert joined.startswith(f"tech-listings 2022 = 1 {shown} · 累计 2 {shown}")
    assert load_actuals(plans)["tech-listings"]["2022"]["unit"] == unit


# --------------------------------------------------------------------------------------- error messages

def assert_error_lines(stderr: str, allowed_prefixes: tuple[str, ...] = ()) -> None:
    """stderr is the 错误 / Error line plus located findings: data cannot add a line of its own."""
    lines = stderr.splitlines()
    assert lines and lines[0].startswith("错误 / Error: "), stderr
    for line in lines[1:]:
        assert line.startswith(allowed_prefixes), (line[:200], stderr[:2000])


@pytest.mark.parametrize("case", cases("args"))
def test_bad_arguments_are_echoed_quoted(invoke, plans_dir, case):
    base = ("--plans-dir", str(plans_dir))
    echo = case.echo
    esc = "'\\x1b[31m" + echo[1:] if echo[0] == "'" else None
    runs = [
        (("show", case.raw), echo),  # an unknown indicator
        (("record", case.raw, "2022", "1"), echo),
        (("status", "--plan", case.raw), echo),  # an unknown (and invalid) plan id
        (("show", "1", "--plan", case.raw), echo),
        (("record", "value-added-growth", "2022", "1", "--unit", case.raw), echo),  # an unknown unit
        (("record", "value-added-growth", "2022", case.raw), echo),  # a bad VALUE
        (("record", "value-added-growth", "2022", "--rate", case.raw), echo),
        (("record", "value-added-growth", case.raw, "1"), echo),  # a bad YEAR
    ]
    if esc:
        runs.append((("history", "\x1b[31m" + case.raw), esc))  # an id that starts with ESC
    before = (plans_dir / XKS / "actuals.toml").read_bytes()
    for args, shown in runs:
        result = ran(invoke(*args, *base), 2)
        assert result.stdout == ""
        assert_terminal_safe(result.stderr, args)
        assert_error_lines(result.stderr, ("可用的指标",))
        assert shown in result.stderr, (args, result.stderr[:500])
    assert (plans_dir / XKS / "actuals.toml").read_bytes() == before


@pytest.mark.parametrize("case", cases("listing"))
def test_unknown_indicator_listing_shows_the_plans_names(case):
    """The refusal lists every indicator: names from a hostile plan are escaped there too, on the list's line."""
    result = run(case, "show", "no-such-indicator", code=2)
    assert_terminal_safe(result.stderr)
    assert_error_lines(result.stderr, ("可用的指标",))
    assert f"1 value-added-growth {case.term_line};" in result.stderr


@pytest.mark.parametrize("case", cases("click"))
def test_click_level_argument_errors_are_escaped(invoke, plans_dir, case):
    """Values typer/click refuse before plantrack sees them (a choice, a command name) are quoted too."""
    base = ("--plans-dir", str(plans_dir))
    for args in (("status", "--format", case.raw, *base), ("status", "--lang", case.raw, *base),
                 ("check", "--format", case.raw, str(plans_dir)), ("show", "1", "--as-of", case.raw, *base),
                 (case.raw,)):
        result = ran(invoke(*args), 2)
        assert_terminal_safe(result.stdout + result.stderr, args)
        assert "Error" in result.stderr


@pytest.mark.parametrize("case", cases("import"))
def test_import_names_hostile_cells_by_file_and_line(invoke, tmp_path, monkeypatch, case):
    plans = tmp_path / "plans"
    shutil.copytree(BUNDLED, plans)
    monkeypatch.chdir(tmp_path)
    text = case.raw
    rows = [
        ["indicator", "year", "value", "rate", "unit", "source", "note"],
        [text, "2022", "1", "", "", "来源", ""],                            # unknown indicator
        ["value-added-growth", text, "1", "", "", "来源", ""],              # bad year
        ["value-added-growth", "2022", text, "", "", case.line, text],      # bad VALUE
        ["value-added-growth", "2023", "1", "", text, "来源", ""],          # unknown unit
        ["value-added-growth", "2021", "49", "", "亿元", case.line, text],  # the year exists (no --force)
        ["energy-intensity-decline", "2022", "", text, "", case.line, ""],  # bad --rate
    ]

    def imported(rows):
        with (tmp_path / "hostile.csv").open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)
        result = ran(invoke("import", "hostile.csv", "--plans-dir", str(plans)), 1)
        assert result.stdout == ""
        assert_terminal_safe(result.stderr)
        # Only the FILE:LINE prefix: a quoted newline in a cell moves the later rows' line numbers down.
        assert_error_lines(result.stderr, ("hostile.csv:",))
        return result.stderr.splitlines()[1:]

    before = (plans / XKS / "actuals.toml").read_bytes()
    found = imported(rows)
    # The year row fails in the CSV check; the others are only looked at once every year is readable.
    assert len(found) == 1 and ":1: year: " in found[0] and case.echo in found[0]
    found = imported(rows[:2] + rows[3:])
    assert len(found) == 5, found
    fields = [re.match(r"hostile\.csv:\d+:1: (.*?): ", line).group(1) for line in found]
    assert fields == [case.term, *["增加值年均增长率（value-added-growth）"] * 3, "产值能耗年均下降率（energy-intensity-decline）"]
    assert all(case.echo in found[i] for i in (0, 1, 2, 4))  # the id, the value, the unit, the rate
    assert f"来源 {case.term_line}" in found[3]  # the existing year's refusal names the new source
    assert (plans / XKS / "actuals.toml").read_bytes() == before


def hostile_check_plans(root: Path, text: str) -> tuple[Path, Path]:
    """Two broken plans: one whose plan.toml has `text` as a key and as wrong values, one whose actuals do."""
    t = toml_string(text)
    first = root / "a"
    shutil.copytree(BUNDLED, first)
    plan_toml = first / XKS / "plan.toml"
    edit(plan_toml, "base_year = 2020\n", f"base_year = 2020\n{t} = 1\n")   # an unknown key named `text`
    edit(plan_toml, 'kind = "annual_rate"', f"kind = {t}")                  # not a kind
    edit(plan_toml, "start = 2021", f"start = {t}")                         # a string for a year
    second = root / "b"
    shutil.copytree(BUNDLED, second)
    with (second / XKS / "actuals.toml").open("a", encoding="utf-8") as f:
        f.write(f"\n[{t}.2021]\nvalue = 1\n"                                 # no such indicator
                f"\n[value-added-growth.{t}]\nvalue = 1\n"                   # not a year
                f"\n[value-added-growth.2024]\nvalue = {t}\n"                # a string for a number
                f"\n[tech-listings.2022]\nvalue = 1\nunit = {t}\n")          # a unit that does not convert
    return first, second


@pytest.mark.parametrize("case", cases("check"))
def test_check_on_hostile_keys_and_values_in_every_format(invoke, tmp_path, case):
    first, second = hostile_check_plans(tmp_path, case.raw)
    args = ("check", str(first), str(second))
    text = case.raw

    data = json.loads(ran(invoke(*args, "--format", "json"), 1).stdout)
    findings = data["errors"]
    assert data["error_count"] == len(findings) >= 7
    by_field = {f["field"]: f["message"] for f in findings}
    assert text in by_field[f"plan.{text}"]  # the exact strings come back in the data format
    assert text in by_field and f"value-added-growth.{text}" in by_field
    assert f'"{text}"' in by_field["value-added-growth.2024.value"]
    for where in ("plan.start", "indicators[value-added-growth].kind", "tech-listings.2022.unit"):
        assert case.echo in by_field[where], where

    plain = ran(invoke(*args), 1).stdout
    assert_terminal_safe(plain)
    lines = plain.splitlines()
    assert len(lines) == len(findings) + 1 and lines[-1].startswith(f"✗ {len(findings)} 个错误")
    assert f"plan.{case.term}: 未知的键 {case.term}" in plain

    github = ran(invoke(*args, "--format", "github"), 1).stdout
    assert_terminal_safe(github)
    lines = github.splitlines()
    assert len(lines) == len(findings) + 1 and lines[-1].startswith(f"✗ {len(findings)} 个错误")
    for line in lines[:-1]:
        m = re.fullmatch(r"::error file=([^,:]*),line=\d+,col=\d+,title=plantrack check::(.*)", line)
        assert m, line[:300]
        assert re.fullmatch(r"(?:[^%]|%(?:25|0D|0A|3A|2C))*", m.group(1)) and "::" not in m.group(1)
        assert re.fullmatch(r"(?:[^%]|%(?:25|0D|0A))*", m.group(2)), m.group(2)[:300]
    assert f"title=plantrack check::plan.{case.gh}: 未知的键 {case.gh}" in github


@pytest.mark.parametrize("case", cases("missing", lambda c: "/" not in c.raw))
def test_check_of_a_missing_path_echoes_it_escaped(invoke, tmp_path, case):
    missing = tmp_path / ("无" + case.raw)
    for fmt in ("text", "github", "json"):
        result = ran(invoke("check", str(missing), "--format", fmt), 2)
        assert result.stdout == ""
        assert_terminal_safe(result.stderr, fmt)
        assert_error_lines(result.stderr)
        assert f"{tmp_path}/无{case.term}" in result.stderr


# --------------------------------------------------------------------- one-offs: paths, CR, width, markup

def test_check_github_escapes_a_hostile_folder_name_in_the_file_property(invoke, tmp_path):
    """The file= property: ',' and ':' as %2C and %3A, '%' as %25, newline and ESC as visible escapes."""
    folder = tmp_path / "ev,il:%0A::error::x\x1b[31m\nz"
    shutil.copytree(BUNDLED / XKS, folder / XKS)
    edit(folder / XKS / "plan.toml", "base_year = 2020\n", "base_year = 2020\nbad = 1\n")
    lines = ran(invoke("check", str(folder), "--format", "github"), 1).stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith("::error file=")
    assert_terminal_safe(lines[0])
    assert "ev%2Cil%3A%250A%3A%3Aerror%3A%3Ax\\x1b[31m\\x0az/xiaokunshan-14th/plan.toml,line=" in lines[0]
    text = ran(invoke("check", str(folder)), 1).stdout
    assert_terminal_safe(text)
    assert len(text.splitlines()) == 2 and "ev,il:%0A::error::x\\x1b[31m\\x0az/" in text
    data = json.loads(ran(invoke("check", str(folder), "--format", "json"), 1).stdout)
    assert data["errors"][0]["file"].endswith("ev,il:%0A::error::x\\x1b[31m\\x0az/xiaokunshan-14th/plan.toml")


def test_import_a_bare_carriage_return_in_an_unquoted_cell_is_refused_at_its_line(invoke, plans_dir, tmp_path,
                                                                                  monkeypatch):
    """Python's csv reader raises on it; that is a located refusal (exit 2), never a traceback."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cr.csv").write_bytes("indicator,year,value,rate,unit,source,note\n"
                                      "tech-listings,2022,1,,,ok,\n"
                                      "tech-listings,2023,1,,,真\r假,\n".encode())
    before = (plans_dir / XKS / "actuals.toml").read_bytes()
    result = ran(invoke("import", "cr.csv", "--plans-dir", str(plans_dir)), 2)
    assert result.stdout == ""
    assert_terminal_safe(result.stderr)
    assert result.stderr.startswith("错误 / Error: cr.csv:3:1: CSV 格式错误 / malformed CSV: ")
    assert (plans_dir / XKS / "actuals.toml").read_bytes() == before


def test_hostile_folder_names_and_a_missing_plans_dir_add_no_line_to_a_refusal(invoke, tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(BUNDLED, plans)
    shutil.copytree(BUNDLED / XKS, plans / "evil\nx\x1b[31m")
    for args in (("status", "--plan", "nope", "--plans-dir", str(plans)), ("show", "1", "--plans-dir", str(plans)),
                 ("status", "--plans-dir", str(tmp_path / "no\nsuch\x1b[2J"))):
        result = ran(invoke(*args), 2)
        assert_terminal_safe(result.stderr, args)
        assert_error_lines(result.stderr)




@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_2000_character_cjk_name_keeps_every_table_line_within_60_columns(invoke, tmp_path, monkeypatch, lang):
    plans = hostile_plans(tmp_path, CJK_2000)
    monkeypatch.setenv("COLUMNS", "60")
    for args in (("status",), ("history", "value-added-growth"), ("history", QUAL_ID)):
        shown = ran(invoke(*args, "--lang", lang, "--plans-dir", str(plans))).stdout
        lines = shown.splitlines()
        if args == ("status",):  # the table, then the tool's own summary and notes (plain text the terminal wraps)
            lines = lines[:next(i for i, line in enumerate(lines) if line.startswith(("截至", "as of")))]
        assert all(cell_len(line) <= 60 for line in lines), (args, [cell_len(line) for line in lines][:20])
        # Nothing lost: the folded name still holds all 2,000 characters.
        assert shown.count("中") >= CJK_2000.count("中") * (2 if args == ("status",) and lang == "en" else 1)
    shown = ran(invoke("show", "value-added-growth", "--lang", lang, "--plans-dir", str(plans))).stdout
    lines = shown.splitlines()
    table = lines[3:lines.index(next(line for line in lines if line.startswith(("判断", "Verdict"))))]
    assert table and all(cell_len(line) <= 60 for line in table), [cell_len(line) for line in table]
    data = json.loads(ran(invoke("export", "--format", "json", "--plans-dir", str(plans))).stdout)
    assert next(r for r in data if r["indicator"] == "tech-listings")["note"] == CJK_2000  # the data keeps it all


@pytest.mark.parametrize("text", ["[bold red]x[/]", "[link=http://evil]y[/link]"])
def test_rich_markup_in_plan_text_is_never_interpreted(tmp_path, text):
    """Rendered on a recording truecolor Console: the brackets are in the exported text, and no segment that
    draws the name carries a colour or a link (the bold title is the tool's own)."""
    from rich.console import Console

    from plantrack.opening import open_plan
    from plantrack.progress import evaluate_plan
    from plantrack.progress.engine import band_reason
    from plantrack.progress.path import paths
    from plantrack.progress.result import Period
    from plantrack.render.history import history_table
    from plantrack.render.show import print_show
    from plantrack.render.status_table import print_status, status_table

    plan = open_plan(hostile_plans(tmp_path, text), XKS)
    result = evaluate_plan(plan)

    def terminal() -> Console:
        return Console(record=True, force_terminal=True, color_system="truecolor", width=200, file=io.StringIO(),
                       highlight=False, emoji=False, markup=False, legacy_windows=False)

    ind, r1 = plan.indicators[0], result.indicators[0]
    renders = {
        "status": lambda c: print_status(c, result, "zh"),
        "show": lambda c: print_show(c, plan, r1, paths(ind, plan.entries(ind.id), Period.of(plan.info), r1),
                                     band_reason(r1, plan.info.thresholds), "en"),
        "history": lambda c: c.print(history_table(ind, plan.entries(ind.id), "zh")),
    }
    for name, draw in renders.items():
        console = terminal()
        draw(console)
        assert text in console.export_text(), name  # the brackets, literally
        assert "\x1b]8;" not in console.file.getvalue(), name  # no hyperlink was made
    console = terminal()
    segments = list(console.render(status_table(result, "zh", 200), console.options))
    joined = "".join(s.text for s in segments)
    start = joined.index(text)
    pos = 0
    for seg in segments:
        if seg.text and pos < start + len(text) and pos + len(seg.text) > start:
            assert seg.style is None or (seg.style.color, seg.style.bgcolor, seg.style.link) == (None, None, None)
        pos += len(seg.text)


# ------------------------------------------------------------------ one-line fields refuse controls (13.7a)

# Each one-line field with a different control character: one rule (text.line_problem) behind every field.
ONE_LINE_FIELDS = [  # (old text in plan.toml, its field, the TOML line number, the character, as the message spells it)
    ('name = "小昆山镇「十四五」规划主要发展指标"', "plan.name", 9, "\n", r"\x0a"),
    ('name_en = "Xiaokunshan Town 14th Five-Year Plan: main development indicators"', "plan.name_en", 10, "\t", r"\x09"),
    ('region = "上海市松江区小昆山镇"', "plan.region", 11, "\r", r"\x0d"),
    ('source = "小昆山镇国民经济和社会发展第十四个五年规划纲要（001_839dd607ca09f404.txt）"', "plan.source", 15, "\x1b", r"\x1b"),
    ('name = "增加值年均增长率"', "indicators[value-added-growth].name", 20, "\x00", r"\x00"),
    ('name_en = "Value added, average annual growth"', "indicators[value-added-growth].name_en", 21, "\x7f", r"\x7f"),
    ('name = "增加值年均增长率"', "indicators[value-added-growth].name", 20, "\x85", r"\x85"),
    ('name = "增加值年均增长率"', "indicators[value-added-growth].name", 20, "\x9b", r"\x9b"),
    ('name = "增加值年均增长率"', "indicators[value-added-growth].name", 20, "\u2028", r"\u2028"),
    ('name = "增加值年均增长率"', "indicators[value-added-growth].name", 20, "\u2029", r"\u2029"),
]


def _refused(invoke, plans: Path, field: str, line: int | None, escape: str) -> None:
    checked = ran(invoke("check", str(plans), "--format", "json"), 1)
    found = [f for f in json.loads(checked.stdout)["errors"] if f["field"] == field and "控制字符" in f["message"]]
    assert len(found) == 1, json.loads(checked.stdout)["errors"]
    f = found[0]
    assert f"是控制字符 {escape}（换行、制表符等），这一项只能写一行文字，请删除它 / " in f["message"]
    assert f"is the control character {escape} (a line break, tab or similar): this field is one line of text, " \
           "delete it" in f["message"]
    if line is not None:
        assert (f["line"], f["col"]) == (line, 1), f
    # status refuses the same plan (one loader, one rule), and says where.
    status = ran(invoke("status", "--plans-dir", str(plans)), 1)
    assert status.stdout == "" and f"{f['line']}:{f['col']}: {field}: " in status.stderr
    assert_terminal_safe(status.stderr)


@pytest.mark.parametrize("old, field, line, char, escape", ONE_LINE_FIELDS,
                         ids=[f"{f}-{e}" for _o, f, _l, _c, e in ONE_LINE_FIELDS])
def test_one_line_plan_fields_refuse_a_control_character(invoke, plans_dir, old, field, line, char, escape):
    key, value = old.split(" = ", 1)
    edit(plans_dir / XKS / "plan.toml", old, f"{key} = {toml_string(value[1:-1] + char + 'x')}")
    _refused(invoke, plans_dir, field, line, escape)


def test_one_line_units_sources_and_targets_refuse_a_control_character_but_a_note_may_hold_one(invoke, plans_dir):
    plan_toml, actuals = plans_dir / XKS / "plan.toml", plans_dir / XKS / "actuals.toml"
    unit = toml_string("单\x1b位")
    edit(plan_toml, "base_year = 2020\n", f"base_year = 2020\nunits = [{unit}]\n")
    _refused(invoke, plans_dir, "plan.units[1]", 15, r"\x1b")
    edit(plan_toml, 'unit = "家"\ntarget = 6', f"unit = {unit}\ntarget = 6")
    _refused(invoke, plans_dir, "indicators[tech-listings].unit", None, r"\x1b")
    shutil.rmtree(plans_dir / XKS)
    shutil.copytree(BUNDLED / XKS, plans_dir / XKS)
    with actuals.open("a", encoding="utf-8") as f:
        f.write(f'\n[tech-listings.2022]\nvalue = 1\nsource = {toml_string("区" + chr(0x85) + "科委")}\n'
                f"note = {toml_string('第一行' + chr(0x85) + '第二行')}\n")
    _refused(invoke, plans_dir, "tech-listings.2022.source", None, r"\x85")
    # A note is free text: it may hold any character (every output shows it escaped).
    edit(actuals, f'source = {toml_string("区" + chr(0x85) + "科委")}', 'source = "区科委"')
    with actuals.open("a", encoding="utf-8") as f:
        f.write(f'\n[tech-listings.2023]\nvalue = 1\nunit = {toml_string("家" + chr(0x2028))}\nsource = "区科委"\n')
    _refused(invoke, plans_dir, "tech-listings.2023.unit", None, r"\u2028")
    # A qualitative target is one line too.
    shutil.rmtree(plans_dir.parent / "q", ignore_errors=True)
    plans = hostile_plans(plans_dir.parent / "q", "好")
    edit(plans / XKS / "plan.toml", 'target = "好"', 'target = "好\\n::error::x"')
    _refused(invoke, plans, "indicators[hostile-qualitative].target", None, r"\x0a")


def test_an_indicator_id_with_a_final_line_feed_is_refused(invoke, plans_dir):
    """ID_RE.match let "gdp\\n" through ($ matches before a final line feed)."""
    edit(plans_dir / XKS / "plan.toml", 'id = "value-added-growth"', 'id = "value-added-growth\\n"')
    result = ran(invoke("check", str(plans_dir), "--format", "json"), 1)
    assert [f["field"] for f in json.loads(result.stdout)["errors"]] == ["indicators[1].id"]


@pytest.mark.parametrize("char", ["\t", "\x1b", "\u2029"], ids=["tab", "esc", "U+2029"])
def test_record_and_import_refuse_a_source_with_a_control_character_and_change_nothing(invoke, plans_dir, tmp_path,
                                                                                          char):
    before = (plans_dir / XKS / "actuals.toml").read_bytes()
    result = ran(invoke("record", "tech-listings", "2022", "1", "--source", "区" + char + "科委",
                        "--plans-dir", str(plans_dir)), 2)
    assert "source: " in result.stderr and "control character" in result.stderr
    rows = tmp_path / "rows.csv"
    with rows.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["indicator", "year", "value", "source"], ["tech-listings", "2022", "1", "区" + char + "科委"]])
    imported = invoke("import", str(rows), "--plans-dir", str(plans_dir))
    assert imported.exit_code in (1, 2) and "control character" in imported.stderr, imported.stderr
    assert (plans_dir / XKS / "actuals.toml").read_bytes() == before
    # A note may hold a line break: record keeps it exactly.
    ran(invoke("record", "tech-listings", "2022", "1", "--source", "区科委", "--note", "一\n二" + char,
               "--plans-dir", str(plans_dir)))
    assert load_actuals(plans_dir)["tech-listings"]["2022"]["note"] == "一\n二" + char


# ------------------------------------------------------------- no line is a CI workflow command (13.7b/7c)

COMMAND_LINE = re.compile(r"^\s*(::|##\[)")
LEGACY = re.compile(r"##\[|##vso\[")


def test_no_line_of_any_output_is_a_workflow_command(tmp_path):
    """The real entry point in a child process, what a CI runner reads. One plan holds every form: `::` at the
    start of a name, `##[` and `##vso[` inside it, a name so long that Rich folds it to a line starting with
    `::error::folded`, and notes where `::` follows a line feed and a carriage return."""
    name = "::error::x ##[error]x ##vso[task.setvariable]y " + "很长的指标名称 " * 12 + "::error::folded"
    note = "甲\n::add-mask::x\r::warning::y"
    plans = hostile_plans(tmp_path, note, line=name)
    hostile_plans(tmp_path, note, plan_id="second-14th", line=name)
    broken = tmp_path / "broken"
    shutil.copytree(BUNDLED, broken)
    edit(broken / XKS / "plan.toml", "base_year = 2020\n", f"base_year = 2020\n{toml_string(note)} = 1\n")
    edit(broken / XKS / "plan.toml", 'kind = "annual_rate"', f"kind = {toml_string(name)}")
    base = ["--plans-dir", str(plans), "--plan", XKS]
    runs = [
        (["status", *base], 0), (["status", *base, "--format", "markdown"], 0),
        (["status", *base, "--format", "csv"], 0), (["status", *base, "--format", "json"], 0),
        (["status", "--plans-dir", str(plans)], 0), (["status", "--plans-dir", str(plans), "--format", "csv"], 0),
        (["status", "--plans-dir", str(plans), "--format", "markdown"], 0),
        (["status", "--plans-dir", str(plans), "--format", "json"], 0), (["history", "tech-listings", *base], 0),
        (["show", "value-added-growth", *base], 0), (["show", QUAL_ID, *base, "--lang", "en"], 0),
        (["history", "value-added-growth", *base], 0),
        (["show", "tech-listings", *base, "--format", "json"], 0),
        (["history", "value-added-growth", *base, "--format", "json"], 0),
        (["export", *base], 0), (["export", *base, "--format", "json"], 0),
        (["report", *base, "--format", "markdown"], 0),
        (["record", "tech-listings", "2022", "1", "--source", "区科委", "--note", note, "--dry-run", *base], 0),
        (["record", "value-added-growth", "2021", "1", "--source", "区科委", *base], 1),  # refused: names the old one
        (["check", str(broken)], 1), (["check", str(broken), "--format", "json"], 1),
    ]
    for args, code in runs:
        for columns in ((60, 200) if args[0] in ("status", "show", "history") and "--format" not in args else (200,)):
            proc = _run(args, columns)
            assert proc.returncode == code, (args, proc.stdout[-1500:], proc.stderr[-1500:])
            _no_command_lines(proc, (args, columns))
    github = _run(["check", str(broken), "--format", "github"])
    assert github.returncode == 1 and github.stdout.startswith("::error file=")
    _no_command_lines(github, "github", github=True)
    data = json.loads(_run(["export", *base, "--format", "json"]).stdout)
    assert next(r for r in data if r["indicator"] == "tech-listings")["note"] == note  # JSON keeps it exactly


def _run(args: list[str], columns: int = 200) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    env.pop("PLANTRACK_PLANS_DIR", None)
    return subprocess.run([sys.executable, "-m", "plantrack", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def _no_command_lines(proc: subprocess.CompletedProcess, what: object, github: bool = False) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    for name, text in (("stdout", proc.stdout), ("stderr", proc.stderr)):
        for line in re.split(r"\r\n|\r|\n", text):  # the runner splits at LF and at CR
            if github and name == "stdout" and line.startswith("::error file="):
                # plantrack's own annotation: a "::" in its data is data (the command ended at the first one).
                assert re.match(r"::error file=[^:]*,line=\d+,col=\d+,title=plantrack check::", line), line
            else:
                assert not COMMAND_LINE.match(line), (what, name, line[:200])
            assert not LEGACY.search(line), (what, name, line[:200])


def test_a_folded_table_line_keeps_its_width_when_guarded():
    """The guard turns the blank before the "::" into the backslash: the folded line is as wide as before."""
    assert command_safe("名称\n    ::error::x") == "名称\n   \\::error::x"
    assert command_safe("::a") == "\\::a" and command_safe("x ::a") == "x ::a"
    assert command_safe("::a", at_line_start=False) == "::a"
    assert command_safe("a ##[error]b ##vso[x]") == "a ##\\[error]b ##vso\\[x]"
    assert command_safe("a\r  ::b") == "a\r \\::b"  # a carriage return ends a line for the runner too


def test_the_guard_sees_a_line_start_split_over_two_writes():
    from plantrack.render.guard import CommandGuard

    buffer = io.StringIO()
    guard = CommandGuard(lambda: buffer)
    for chunk in ("第一行\n", "   ", "::error::x\n", "a", "::b\n"):
        guard.write(chunk)
    assert buffer.getvalue() == "第一行\n   \\::error::x\na::b\n"
    guard.write_command("::error file=x::y\n")  # plantrack's own annotations pass
    assert buffer.getvalue().endswith("\n::error file=x::y\n")


def test_rich_consoles_write_through_the_guard(invoke, tmp_path, monkeypatch):
    """In-process too (no entry point): the status table's title and folded lines are guarded."""
    plans = hostile_plans(tmp_path, "说明", line="很长的指标名称 " * 12 + "::error::folded")
    edit(plans / XKS / "plan.toml", 'name = "很长', 'name = "::error::title 很长')
    for columns in (60, 100, 200):
        monkeypatch.setenv("COLUMNS", str(columns))
        from plantrack.render import console

        console.out.cache_clear()
        result = ran(invoke("status", "--plans-dir", str(plans)))
        assert not [line for line in result.stdout.splitlines() if COMMAND_LINE.match(line)], result.stdout
        assert "\\::error::title" in result.stdout


# ------------------------------------------------------------------------- safe(), md(), the formula guard

def test_safe_escapes_exactly_what_isprintable_refuses_but_the_space_separators():
    """safe() returns printable text unscanned: sound because it escapes exactly what isprintable() refuses
    (but Unicode's Zs list, which it keeps on purpose), one character at a time."""
    zs = set()
    for c in range(0x110000):
        ch = chr(c)
        shown = safe(ch)
        if unicodedata.category(ch) == "Zs":
            zs.add(ch)
            assert shown == ch, hex(c)
        elif ch.isprintable():
            assert shown == ch, hex(c)
        else:
            assert shown != ch and shown.isprintable() and shown[0] == "\\", hex(c)
    assert ALLOWED == zs - {" "}
    assert safe("a\nb", keep_newlines=True) == "a\nb"


@pytest.mark.parametrize("text, shown", [
    ("\U000e0001\U000e0041\U000e007f", "\\U000e0001\\U000e0041\\U000e007f"),  # tag characters
    ("\u206a\u206f", "\\u206a\\u206f"), ("\ufff9\ufffb", "\\ufff9\\ufffb"), ("\u0600\u0605", "\\u0600\\u0605"),
    ("\U0001d173\U0001d17a", "\\U0001d173\\U0001d17a"), ("\ue000", "\\ue000"), ("\udcff", "\\udcff"),
    ("\U000e0080", "\\U000e0080"), ("名\u3000称\u00a0", "名\u3000称\u00a0"), ("\u202egnp", "\\u202egnp"),
])
def test_safe_escapes_what_it_used_to_let_through(text, shown):
    assert safe("增加值" + text) == "增加值" + shown


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=40))
def test_safe_output_is_always_printable_and_keeps_printable_text(text):
    shown = safe(text)
    assert all(c.isprintable() or c in ALLOWED for c in shown)
    assert (shown == text) == all(c.isprintable() or c in ALLOWED for c in text)
    # Visible and reversible: each escape names its code point; undoing them gives the text back when the text
    # had no backslash of its own.
    if "\\" not in text:
        undone = re.sub(r"\\x([0-9a-f]{2})|\\u([0-9a-f]{4})|\\U([0-9a-f]{8})",
                        lambda m: chr(int(next(g for g in m.groups() if g), 16)), shown)
        assert undone == text
    assert "\n" not in shown


@pytest.mark.parametrize("case", cases("markdown"))
def test_md_spells_each_case_as_the_table_says(case):
    assert md(case.line) == case.md


def test_md_keeps_numbers_and_ordinary_text_readable():
    assert md("48.9 亿元") == "48.9 亿元" and md("-3") == "-3" and md("年均 6%") == "年均 6%"


FORMULA_CELLS = ["\t=1+1", "\r=1+1", " =1+1", "  +1+1", "\t-1+1", " @SUM(A1)", "＝1+1", "＋1+1", "－1+1",
                 "＠SUM(A1)", "\u3000＝1", "\t", "\rx", "'\t=1", "' =1"]


@pytest.mark.parametrize("cell", FORMULA_CELLS)
def test_spreadsheet_text_quotes_every_formula_start(cell):
    assert spreadsheet_text(cell) == "'" + cell
    assert from_spreadsheet_text("'" + cell) == cell


@pytest.mark.parametrize("cell", ["-3", "+2.5", "-1E5", "-0.25", "3", "plain", "中文", "a=b", "'quoted"])
def test_spreadsheet_text_leaves_numbers_and_text_alone(cell):
    assert spreadsheet_text(cell) == cell and from_spreadsheet_text(cell) == cell


@pytest.mark.parametrize("text, cell", [
    ("\t=1+1", "'\t=1+1"), ("＠SUM(A1)", "'＠SUM(A1)"), ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
    ("'=already quoted", "''=already quoted"), ("'plain", "'plain"), ("-3", "-3"),
])
def test_export_quotes_formulas_and_import_gives_them_back(invoke, plans_dir, tmp_path, text, cell):
    """The ' that keeps a spreadsheet from running a cell is not new data: import takes it off again."""
    source, source_cell = (text, cell) if "\t" not in text else ("区科委", "区科委")  # a source is one line
    ran(invoke("record", "tech-listings", "2022", "1", "--source", source, "--note", text, "--plans-dir", str(plans_dir)))
    ran(invoke("record", "net-new-high-tech", "2022", "--source", "区科委", "--plans-dir", str(plans_dir), "--", "-3"))
    exported = ran(invoke("export", "--plans-dir", str(plans_dir))).stdout
    rows = list(csv.DictReader(io.StringIO(exported)))
    tech = [r for r in rows if r["indicator"] == "tech-listings"]
    assert (tech[0]["source"], tech[0]["note"], tech[0]["value"]) == (source_cell, cell, "1")
    assert next(r for r in rows if r["indicator"] == "net-new-high-tech")["value"] == "-3"  # a number, not a formula
    again = tmp_path / "again.csv"
    with again.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["indicator", "year", "value", "rate", "unit", "source", "note"],
                                 *[[r["indicator"], r["year"], r["value"], r["rate"], r["unit"], r["source"], r["note"]]
                                   for r in tech]])
    (plans_dir / XKS / "actuals.toml").unlink()
    ran(invoke("import", str(again), "--plans-dir", str(plans_dir)))
    entry = load_actuals(plans_dir)["tech-listings"]["2022"]
    assert (entry["source"], entry["note"]) == (source, text)
