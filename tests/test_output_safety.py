"""Plan text is data (reliability.md promise 4): every string from a plan file, an actuals file, an import CSV or
an echoed argument reaches the user literally, in every output and every error message.

Each hostile string below is written into the files as a TOML escape (so the parsed value really holds the
control character), typed as an argument, or put in a CSV cell, and then every command that can show it is run:

* terminal-bound output (status table at 60 and 200 columns, markdown, show, history, record's lines, every
  error message on stderr, check text and github): no raw control, C1, direction-override or zero-width
  character, the string shown as `text.safe` spells it (\\x1b, \\u202e, ...), Rich markup never
  interpreted, no line that data could add;
* data output (status json/csv, export json/csv, check json): the exact original string back, and CSV cells
  that a spreadsheet would run as a formula prefixed with ';
* check --format github: one `::error` line per finding, properties and data escaped so nothing starts a second
  workflow command;
* a 2,000-character CJK name in a 60-column terminal: every table line fits.

The few hostile-name tests in test_render.py / test_status_cli.py / test_show_cli.py / test_check.py cover one
mixed string in the indicator name (status table, markdown, csv, json), a plan title, a show note and a newline
in a key; this file extends that to every string, field and output.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from conftest import BUNDLED, XKS
from plantrack.render import console as consoles
from plantrack.text import safe

# ------------------------------------------------------------------------------------------------ the strings

CJK_2000 = ("中华人民共和国国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要" * 70)[:2000]
HOSTILE = {
    "markup": "[bold red]x[/]",
    "markup-link": "[link=http://evil]y[/link]",
    "csi-sgr": "\x1b[31m",
    "csi-clear": "\x1b[2J",
    "osc8-link": "\x1b]8;;http://evil\x1b\\z\x1b]8;;\x1b\\",
    "osc52-clipboard": "\x1b]52;c;ZXZpbA==\x07",
    "c1-csi": "\x9b31m",
    "bel": "\x07",
    "backspace": "ab\x08\x08cd",
    "carriage-return": "真\r假",
    "rlo": "\u202e",
    "lri": "\u2066",
    "zwsp": "\u200b",
    "bom-zwnbsp": "\ufeff",
    "newline": "名\n称",
    "cjk-2000": CJK_2000,
    "gh-set-output": "::set-output name=x::y",
    "gh-error": "%0A::error::z",
    # issue 13: characters isprintable() refuses that safe() let through (workflow commands: test_attack_output.py)
    "tag-chars": "\U000e0001\U000e0041\U000e007f",
    "deprecated-format": "\u206a\u206f",
    "interlinear": "\ufff9\ufffb",
    "arabic-number-signs": "\u0600\u0605",
    "music-format": "\U0001d173\U0001d17a",
    "private-use": "\ue000",
    "unassigned": "\U000e0080",
}
# Mixed with ordinary text, so a string that is stripped away entirely would be noticed too.
HOSTILE_PARAMS = [pytest.param(text, id=name) for name, text in HOSTILE.items()]
SHORT_PARAMS = [p for p in HOSTILE_PARAMS if p.id != "cjk-2000"]

# Spreadsheet formulas: a CSV cell starting with = + - @ must get a leading ' (numbers such as -3 stay numbers).
FORMULAS = ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "=1+1"]

# What must never reach a terminal raw: every character str.isprintable() refuses but the newline and the space
# separators safe() keeps on purpose (plantrack.text.ALLOWED).
from plantrack.text import ALLOWED


class _RawControl:
    """re-like: search(text) finds the first character that must not reach a terminal raw."""

    def search(self, text: str):
        return re.search("[^\n]", "".join("\n" if c.isprintable() or c in ALLOWED or c == "\n" else c for c in text))

    def match(self, ch: str):
        return None if ch.isprintable() or ch in ALLOWED or ch == "\n" else True


RAW_CONTROL = _RawControl()
SGR = re.compile(r"\x1b\[[0-9;]*m")


def shown(text: str) -> str:
    """How terminal output spells plan text: every control or invisible character as a visible escape."""
    return safe(text)


def toml_string(text: str) -> str:
    """`text` as a TOML basic string, every control and invisible character written as a \\uXXXX escape."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif RAW_CONTROL.match(ch) or ch == "\n":
            out.append(f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    literal = '"' + "".join(out) + '"'
    assert RAW_CONTROL.search(literal) is None and "\n" not in literal
    assert tomllib.loads(f"k = {literal}")["k"] == text  # the escapes really make the characters
    return literal


def one_line(text: str) -> str:
    """`text` as a one-line field may hold it: each control character (refused there since issue 13) written out
    as safe() spells it, so that what every output shows is still shown(text)."""
    from plantrack.text import line_problem

    return "".join(safe(ch) if line_problem(ch) else ch for ch in text)


# --------------------------------------------------------------------------------------------------- helpers

def set_columns(monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    consoles.out.cache_clear()
    consoles.err.cache_clear()


def force_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """A truecolor terminal: the tool's own styles become SGR codes, so any other escape would stand out."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.setenv("TERM", "xterm-256color")
    consoles.out.cache_clear()
    consoles.err.cache_clear()


def ran(result, code: int):
    """The exit code as expected, and no exception or traceback anywhere."""
    assert result.exit_code == code, (result.exit_code, result.stdout[-3000:], result.stderr[-3000:])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def assert_terminal_safe(text: str, what: object = "", *, colour: bool = False) -> None:
    """No raw control or invisible character; on a colour terminal, SGR codes (the tool's styles) aside."""
    rest = SGR.sub("", text) if colour else text
    bad = RAW_CONTROL.search(rest)
    assert bad is None, (what, repr(rest[max(0, bad.start() - 40): bad.end() + 40]))


def assert_error_lines(stderr: str, allowed_prefixes: tuple[str, ...] = ()) -> None:
    """stderr is the 错误 / Error line plus located findings: data cannot add a line of its own."""
    lines = stderr.splitlines()
    assert lines and lines[0].startswith("错误 / Error: "), stderr
    for line in lines[1:]:
        assert line.startswith(allowed_prefixes), (line[:200], stderr[:2000])


def cells(line: str) -> list[str]:
    """The cells of one table line (columns are at least two spaces apart; no test string holds two spaces)."""
    return re.split(r"\s{2,}", line.strip())


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def csv_value(cell: str) -> str:
    """A text cell as a spreadsheet-safe CSV holds it: the ' that stops a formula taken off again."""
    return cell[1:] if cell[:1] == "'" and cell.lstrip("'")[:1] in ("=", "+", "-", "@") else cell


def load_actuals(plans: Path, plan: str = XKS) -> dict:
    return tomllib.loads((plans / plan / "actuals.toml").read_text(encoding="utf-8"), parse_float=Decimal)


QUAL_ID = "hostile-qualitative"


def hostile_plans(root: Path, text: str, plan_id: str = XKS) -> Path:
    """A copy of the bundled plans with `text` in every free-text field a plan and its actuals can hold.

    plan name and name_en; indicator 1's name, name_en and note; its 2021 source and note; a plan-declared unit
    used by tech-listings (with a 2021 entry in that unit); a qualitative indicator whose target, 2021 source and
    note are `text` (its note needs a non-blank character: "说明" is put in front). One-line fields (all but the
    notes) hold one_line(text): control characters are refused there since issue 13.
    """
    plans = root / "plans"
    if not plans.exists():
        shutil.copytree(BUNDLED, plans)
    if plan_id != XKS:
        shutil.copytree(BUNDLED / XKS, plans / plan_id)
    folder = plans / plan_id
    t, unit, line = toml_string(text), toml_string(unit_of(text)), toml_string(one_line(text))
    plan_toml = folder / "plan.toml"
    edit(plan_toml, f'id = "{XKS}"', f'id = "{plan_id}"')
    edit(plan_toml, 'name = "小昆山镇「十四五」规划主要发展指标"', f"name = {line}")
    edit(plan_toml, 'name_en = "Xiaokunshan Town 14th Five-Year Plan: main development indicators"', f"name_en = {line}")
    edit(plan_toml, "base_year = 2020\n", f"base_year = 2020\nunits = [{unit}]\n")
    edit(plan_toml, 'name = "增加值年均增长率"', f"name = {line}")
    edit(plan_toml, 'name_en = "Value added, average annual growth"', f"name_en = {line}")
    edit(plan_toml, 'note = "2021 年数据来源称之为「地区生产总值」，与规划表中的「增加值」为同一序列。"', f"note = {t}")
    edit(plan_toml, 'unit = "家"\ntarget = 6', f"unit = {unit}\ntarget = 6")
    with plan_toml.open("a", encoding="utf-8") as f:
        f.write(f'\n[[indicators]]\nid = "{QUAL_ID}"\nno = 15\nname = "定性指标"\nkind = "qualitative"\ntarget = {line}\n')
    actuals = folder / "actuals.toml"
    edit(actuals, 'note = "「2021年,小昆山镇实现地区生产总值48.9亿元」（文中称地区生产总值，即规划表的增加值）"', f"note = {t}")
    text_now = actuals.read_text(encoding="utf-8")
    start = text_now.index("[value-added-growth.2021]")
    at = text_now.index("source = ", start)
    end = text_now.index("\n", at)
    actuals.write_text(text_now[:at] + f"source = {line}" + text_now[end:], encoding="utf-8")
    with actuals.open("a", encoding="utf-8") as f:
        f.write(f"\n[tech-listings.2021]\nvalue = 1\nunit = {unit}\nsource = {line}\nnote = {t}\n"
                f"recorded_at = 2026-11-23 16:30:00+08:00\n"
                f'\n[{QUAL_ID}.2021]\nassessment = "on_track"\nsource = {line}\nnote = {toml_string("说明" + text)}\n'
                f"recorded_at = 2026-11-23 16:30:00+08:00\n")
    return plans


def unit_of(text: str) -> str:
    # A unit must have a non-blank character ("\r" alone is blank) and stays short enough for its column.
    return "单" + one_line(text if len(text) < 100 else text[:40]) + "位"


def test_every_character_safe_escapes_is_one_isprintable_refuses():
    """safe() returns printable text unscanned: sound because it escapes exactly what isprintable() refuses (but
    the space separators it keeps on purpose), one character at a time."""
    for c in range(0x110000):
        ch = chr(c)
        if ch.isprintable() or ch in ALLOWED:
            assert safe("a" + ch) == "a" + ch if ch.isprintable() else safe(ch) == ch, hex(c)
        else:
            assert safe(ch) != ch and safe(ch).isprintable() and safe(ch).startswith("\\"), hex(c)
    assert safe("增加值\u202egnp") == "增加值\\u202egnp" and safe("a\nb", keep_newlines=True) == "a\nb"


# ------------------------------------------------------------------------------------ the files hold the strings

@pytest.mark.parametrize("text", HOSTILE_PARAMS)
def test_the_hostile_plan_loads_with_the_exact_strings(tmp_path, text):
    """The fixture itself: the TOML escapes give back the very characters, and the plan is valid."""
    from plantrack.opening import open_plan

    plan = open_plan(hostile_plans(tmp_path, text), XKS)
    line = one_line(text)
    assert plan.info.name == plan.info.name_en == line
    first = plan.indicators[0]
    assert first.name == first.name_en == line and first.note == text
    entry = plan.entries("value-added-growth")[2021]
    assert entry.source == line and entry.note == text
    tech = next(i for i in plan.indicators if i.id == "tech-listings")
    assert tech.unit == unit_of(text) and plan.entries("tech-listings")[2021].unit == unit_of(text)
    qual = next(i for i in plan.indicators if i.id == QUAL_ID)
    assert qual.target == line and plan.entries(QUAL_ID)[2021].note == "说明" + text


# ------------------------------------------------------------------------------------ terminal-bound output

TERMINAL_COMMANDS = [
    ("status",),
    ("status", "--lang", "en"),
    ("status", "--format", "markdown"),
    ("status", "--format", "markdown", "--lang", "en"),
    ("show", "value-added-growth"),
    ("show", "value-added-growth", "--lang", "en"),
    ("show", "tech-listings"),
    ("show", QUAL_ID, "--lang", "en"),
    ("history", "value-added-growth"),
    ("history", "tech-listings", "--lang", "en"),
    ("history", QUAL_ID),
]


@pytest.mark.parametrize("width", [200, 60])
@pytest.mark.parametrize("text", HOSTILE_PARAMS)
def test_plan_text_reaches_the_terminal_only_as_visible_escapes(invoke, tmp_path, monkeypatch, text, width):
    plans = hostile_plans(tmp_path, text)
    set_columns(monkeypatch, width)
    for args in TERMINAL_COMMANDS:
        result = ran(invoke(*args, "--plans-dir", str(plans)), 0)
        assert result.stderr == ""
        assert_terminal_safe(result.stdout, args)
        if args[-1] == "markdown":
            # One Markdown row per indicator, whatever the text holds: data adds no row or line of its own.
            rows = [line for line in result.stdout.splitlines() if line.startswith("| ") and line[2:3].isdigit()]
            assert [int(row.split()[1]) for row in rows] == list(range(1, 16))


@pytest.mark.parametrize("text", SHORT_PARAMS)
def test_plan_text_is_shown_literally_in_every_terminal_output(invoke, tmp_path, monkeypatch, text):
    """Each field appears exactly as safe() spells it (at 1000 columns, so that no table cell is folded)."""
    plans = hostile_plans(tmp_path, text)
    set_columns(monkeypatch, 1000)
    s, unit = shown(text), shown(unit_of(text))
    # A line that would start with "::" starts with "\::" instead: no workflow command (render/guard.py).
    first = "\\" + s if s.startswith("::") else s

    def run(*args: str) -> str:
        result = ran(invoke(*args, "--plans-dir", str(plans)), 0)
        assert result.stderr == ""
        assert_terminal_safe(result.stdout, args)
        return result.stdout

    out = run("status")
    lines = out.splitlines()
    assert lines[0].strip() == first  # the title: the plan name
    row1 = next(line for line in lines if line.split()[:1] == ["1"])
    assert f"1  {s}" in row1 and "严重滞后" in row1
    row10 = next(line for line in lines if line.split()[:1] == ["10"])
    assert f"  6 {unit}  " in row10  # tech-listings' target in its declared unit
    row15 = next(line for line in lines if line.split()[:1] == ["15"])
    assert f"定性指标" in row15 and s in row15  # the qualitative target text
    en = run("status", "--lang", "en")
    assert en.splitlines()[0].strip() == first
    assert f"{s} ({s})" in en  # name_en (name)

    md = run("status", "--format", "markdown")
    from plantrack.text import md as md_escape  # the one Markdown escaper

    md_cell = md_escape(one_line(text))
    assert md.splitlines()[0] == f"### {md_cell}"
    assert f"| 1 | {md_cell} | 预期性 |" in md
    assert len([line for line in md.splitlines() if line.startswith("| ") and line[2:3].isdigit()]) == 15

    show = run("show", "value-added-growth").splitlines()
    assert show[0] == f"1. {s}  {s}"
    assert show[2] == first  # the note
    assert any(line.lstrip().startswith("2021") and f"{s} · {s}" in line for line in show)  # source · note
    show_tech = run("show", "tech-listings")
    assert f"折合 {unit}" in show_tech and f"1 {unit}" in show_tech
    show_qual = run("show", QUAL_ID)
    assert f"目标 {s} ·" in show_qual and f"{s} · 说明{s}" in show_qual

    history = run("history", "value-added-growth", "--lang", "en")
    assert history.splitlines()[0].strip() == f"1. {s} (value-added-growth)"
    row = next(line for line in history.splitlines() if line.lstrip().startswith("2021"))
    assert cells(row)[1:4] == ["48.9 亿元", s, s]  # the entry, its source and its note
    history_tech = run("history", "tech-listings")
    assert f"1 {unit}" in history_tech


@pytest.mark.parametrize("text", SHORT_PARAMS)
def test_plan_text_on_a_colour_terminal_carries_no_escape_but_the_tools_own_styles(
        invoke, tmp_path, monkeypatch, text):
    """FORCE_COLOR with truecolor: the only escapes are SGR codes, the same ones the same plan with harmless text
    produces, and the plan text sits between them in one piece (no style starts or ends inside it)."""
    force_colour(monkeypatch)
    hostile = hostile_plans(tmp_path / "hostile", text)
    benign = hostile_plans(tmp_path / "benign", "普通文字")
    s = shown(text)
    for args in (("status",), ("show", "value-added-growth"), ("history", "value-added-growth")):
        result = ran(invoke(*args, "--plans-dir", str(hostile)), 0)
        reference = ran(invoke(*args, "--plans-dir", str(benign)), 0)
        assert SGR.search(reference.stdout), "the colour terminal is not in effect"
        assert_terminal_safe(result.stdout, args, colour=True)
        assert "\x1b]" not in result.stdout  # no OSC: no hyperlink, no clipboard, no title
        assert set(SGR.findall(result.stdout)) <= set(SGR.findall(reference.stdout)), args
        assert s in result.stdout, args


MARKUP = [pytest.param(t, id=n) for n, t in HOSTILE.items() if n.startswith("markup")]


def _styles_over(segments, needle: str):
    """The styles of the segments that draw `needle` (found in the concatenated text)."""
    text = "".join(seg.text for seg in segments)
    found = []
    start = text.find(needle)
    assert start >= 0, needle
    while start >= 0:
        pos = 0
        for seg in segments:
            end = pos + len(seg.text)
            if seg.text and pos < start + len(needle) and end > start:
                found.append(seg.style)
            pos = end
        start = text.find(needle, start + 1)
    return found


@pytest.mark.parametrize("text", MARKUP)
def test_rich_markup_in_plan_text_is_never_interpreted(tmp_path, text):
    """Rendered on Console(record=True, force_terminal=True, color_system="truecolor"): the brackets are in the
    exported text and the markup's own style (a colour, a link) is on none of the segments that draw it."""
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

    ind = plan.indicators[0]
    r1 = result.indicators[0]
    renders = {
        "status": lambda c: print_status(c, result, "zh"),
        "show": lambda c: print_show(c, plan, r1, paths(ind, plan.entries(ind.id), Period.of(plan.info), r1),
                                     band_reason(r1, plan.info.thresholds), "en"),
        "history": lambda c: c.print(history_table(ind, plan.entries(ind.id), "zh")),
    }
    for name, draw in renders.items():
        console = terminal()
        draw(console)
        raw = console.file.getvalue()
        exported = console.export_text()
        assert text in exported, name  # the brackets, literally
        assert "\x1b]8;" not in raw, name  # no hyperlink was made
        assert_terminal_safe(raw, name, colour=True)
    # Segment by segment: the cells holding the name carry no colour and no link (bold title is the tool's own).
    console = terminal()
    segments = list(console.render(status_table(result, "zh", 200), console.options))
    for style in _styles_over(segments, text):
        assert style is None or (style.color is None and style.bgcolor is None and style.link is None), style


# ----------------------------------------------------------------------------------------------- data output

@pytest.mark.parametrize("text", HOSTILE_PARAMS)
def test_data_formats_keep_plan_text_exactly(invoke, tmp_path, text):
    plans = hostile_plans(tmp_path, text)
    unit, line = unit_of(text), one_line(text)

    status = json.loads(ran(invoke("status", "--format", "json", "--plans-dir", str(plans)), 0).stdout)["plans"][0]
    assert status["name"] == line
    first = status["indicators"][0]
    assert first["name"] == first["name_en"] == line
    by_id = {i["id"]: i for i in status["indicators"]}
    assert by_id["tech-listings"]["unit"] == unit and by_id[QUAL_ID]["target"] == line

    rows = list(csv.DictReader(io.StringIO(ran(invoke("status", "--format", "csv", "--plans-dir", str(plans)), 0).stdout)))
    assert len(rows) == 15
    assert csv_value(rows[0]["name"]) == csv_value(rows[0]["name_en"]) == line
    by_id = {r["id"]: r for r in rows}
    assert by_id["tech-listings"]["unit"] == unit and csv_value(by_id[QUAL_ID]["target"]) == line

    exported = json.loads(ran(invoke("export", "--format", "json", "--plans-dir", str(plans)), 0).stdout)
    va = next(r for r in exported if (r["indicator"], r["year"]) == ("value-added-growth", 2021))
    assert va["source"] == line and va["note"] == text
    tech = next(r for r in exported if r["indicator"] == "tech-listings")
    assert (tech["unit"], tech["source"], tech["note"]) == (unit, line, text)
    qual = next(r for r in exported if r["indicator"] == QUAL_ID)
    assert (qual["source"], qual["note"]) == (line, "说明" + text)

    out = ran(invoke("export", "--format", "csv", "--plans-dir", str(plans)), 0).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    va = next(r for r in rows if (r["indicator"], r["year"]) == ("value-added-growth", "2021"))
    assert csv_value(va["source"]) == line and csv_value(va["note"]) == text
    tech = next(r for r in rows if r["indicator"] == "tech-listings")
    assert (tech["unit"], csv_value(tech["source"]), csv_value(tech["note"])) == (unit, line, text)


@pytest.mark.parametrize("text", HOSTILE_PARAMS)
def test_overview_of_several_plans_keeps_plan_names(invoke, tmp_path, monkeypatch, text):
    """status with no --plan over two plans: the name is escaped in the table and Markdown, exact in data."""
    plans = hostile_plans(tmp_path, text)
    hostile_plans(tmp_path, text, plan_id="second-14th")
    for width in (200, 60):
        set_columns(monkeypatch, width)
        for fmt in ("table", "markdown"):
            result = ran(invoke("status", "--format", fmt, "--plans-dir", str(plans)), 0)
            assert_terminal_safe(result.stdout, (fmt, width))
            # issue 19: the table shows the short name (clipped), the Markdown the full name too
            if width == 200 and text != CJK_2000 and fmt == "markdown":
                from plantrack.text import md as md_escape

                assert (md_escape(text) if fmt == "markdown" else shown(text)) in result.stdout
            if fmt == "table":
                assert all(cell_len(line) <= width for line in result.stdout.splitlines()[:-1])
    data = json.loads(ran(invoke("status", "--format", "json", "--plans-dir", str(plans)), 0).stdout)
    line = one_line(text)
    assert [p["name"] for p in data["plans"]] == [line, line]
    rows = list(csv.DictReader(io.StringIO(ran(invoke("status", "--format", "csv", "--plans-dir", str(plans)), 0).stdout)))
    # issue 19: the overview's CSV is the long table, the plan's name in plan_name on each of its lines
    assert {(r["plan"], csv_value(r["plan_name"])) for r in rows} == {(p["plan"], line) for p in data["plans"]}


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_cells_that_would_be_formulas_get_a_quote(invoke, tmp_path, formula):
    """status csv, the overview csv and export csv: =, +, -, @ at the start of plan text get a leading '."""
    plans = hostile_plans(tmp_path, formula)
    rows = list(csv.DictReader(io.StringIO(ran(invoke("status", "--format", "csv", "--plans-dir", str(plans)), 0).stdout)))
    assert rows[0]["name"] == rows[0]["name_en"] == "'" + formula
    assert {r["id"]: r for r in rows}[QUAL_ID]["target"] == "'" + formula
    rows = list(csv.DictReader(io.StringIO(ran(invoke("export", "--format", "csv", "--plans-dir", str(plans)), 0).stdout)))
    va = next(r for r in rows if (r["indicator"], r["year"]) == ("value-added-growth", "2021"))
    assert va["source"] == va["note"] == "'" + formula
    assert next(r for r in rows if r["indicator"] == "tech-listings")["source"] == "'" + formula
    # Numbers are numbers, not formulas: a negative amount is written as it is.
    ran(invoke("record", "net-new-high-tech", "2022", "--source", "区科委", "--plans-dir", str(plans), "--", "-3"), 0)
    rows = list(csv.DictReader(io.StringIO(ran(invoke("export", "--plans-dir", str(plans)), 0).stdout)))
    assert next(r for r in rows if r["indicator"] == "net-new-high-tech")["value"] == "-3"
    hostile_plans(tmp_path, formula, plan_id="second-14th")
    rows = list(csv.DictReader(io.StringIO(ran(invoke("status", "--format", "csv", "--plans-dir", str(plans)), 0).stdout)))
    # issue 19: the overview's CSV is the long table; the plan's name is in plan_name on each of its lines
    assert {r["plan_name"] for r in rows} == {"'" + formula}


@pytest.mark.parametrize("text", [*FORMULAS, "'=already quoted", "'plain", "-3"])
def test_export_then_import_gives_back_text_that_looked_like_a_formula(invoke, tmp_path, text):
    """The ' that keeps a spreadsheet from running a cell is not new data: import takes it off again."""
    plans = tmp_path / "plans"
    shutil.copytree(BUNDLED, plans)
    ran(invoke("record", "tech-listings", "2022", "1", "--source", text, "--note", text, "--plans-dir", str(plans)), 0)
    exported = ran(invoke("export", "--plans-dir", str(plans)), 0).stdout
    rows = [r for r in csv.DictReader(io.StringIO(exported)) if r["indicator"] == "tech-listings"]
    source = tmp_path / "again.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["indicator", "year", "value", "rate", "unit", "source", "note"])
        for r in rows:
            writer.writerow([r["indicator"], r["year"], r["value"], r["rate"], r["unit"], r["source"], r["note"]])
    (plans / XKS / "actuals.toml").unlink()
    ran(invoke("import", str(source), "--plans-dir", str(plans)), 0)
    entry = load_actuals(plans)["tech-listings"]["2022"]
    assert entry["source"] == entry["note"] == text


# ---------------------------------------------------------------------------------------------------- record

@pytest.mark.parametrize("text", HOSTILE_PARAMS)
def test_record_source_and_note_are_stored_exactly_and_echoed_safely(invoke, plans_dir, monkeypatch, text):
    base = ("--plans-dir", str(plans_dir))
    set_columns(monkeypatch, 1000)  # so that history's cells are not folded
    s = shown(text)
    src = one_line(text)  # a source is one line: control characters are refused there (test_attack_output.py)

    dry = ran(invoke("record", "value-added-growth", "2022", "512000", "--source", src, "--note", text,
                     "--dry-run", *base), 0)
    assert_terminal_safe(dry.stdout + dry.stderr)
    assert dry.stdout.startswith("（试运行，未写入）value-added-growth 2022 = 512000 万元 · ") and dry.stdout.count("\n") == 1

    done = ran(invoke("record", "value-added-growth", "2022", "512000", "--source", src, "--note", text, *base), 0)
    assert done.stderr == ""
    assert done.stdout.splitlines() == ["value-added-growth 2022 = 512000 万元 · 年均 2.58% · 严重滞后"]
    stored = load_actuals(plans_dir)["value-added-growth"]["2022"]
    assert stored["source"] == src and stored["note"] == text  # the file holds the exact string (TOML-escaped)

    # An existing year without --force: the refusal shows the old and new sources, escaped, on its one line.
    refused = ran(invoke("record", "value-added-growth", "2022", "513000", "--source", "新" + src, *base), 1)
    assert refused.stdout == ""
    assert_terminal_safe(refused.stderr)
    assert_error_lines(refused.stderr)
    assert f"来源 {s}；新值：513000 万元, 来源 新{s}。" in refused.stderr
    assert load_actuals(plans_dir)["value-added-growth"]["2022"] == stored

    forced = ran(invoke("record", "value-added-growth", "2022", "513000", "--source", "修订" + src, "--force", *base), 0)
    assert_terminal_safe(forced.stdout + forced.stderr)
    assert forced.stdout.splitlines() == ["value-added-growth 2022 = 513000 万元 · 年均 2.68% · 严重滞后 · 已修订，旧值保存在修订记录中"]
    entry = load_actuals(plans_dir)["value-added-growth"]["2022"]
    assert entry["source"] == "修订" + src and entry["revisions"][0]["source"] == src
    assert entry["revisions"][0]["note"] == text

    history = ran(invoke("history", "value-added-growth", *base), 0)
    assert_terminal_safe(history.stdout)
    if text != CJK_2000:  # (2,000 characters are folded even at 1000 columns)
        current = next(line for line in history.stdout.splitlines() if line.lstrip().startswith("2022"))
        revision = next(line for line in history.stdout.splitlines() if "修订前 1" in line)
        assert cells(current)[1:3] == ["513000 万元", f"修订{s}"]
        assert cells(revision)[1:4] == ["512000 万元", s, s]  # the old entry's source and note

    exported = json.loads(ran(invoke("export", "--format", "json", *base), 0).stdout)
    row = next(r for r in exported if (r["indicator"], r["year"]) == ("value-added-growth", 2022))
    assert (row["source"], row["note"], row["revisions"]) == ("修订" + src, "", 1)
    rows = list(csv.DictReader(io.StringIO(ran(invoke("export", *base), 0).stdout)))
    row = next(r for r in rows if (r["indicator"], r["year"]) == ("value-added-growth", "2022"))
    assert csv_value(row["source"]) == "修订" + src


@pytest.mark.parametrize("text", SHORT_PARAMS)
def test_history_shows_a_revision_written_in_the_file_literally(invoke, plans_dir, monkeypatch, text):
    """A revision read from actuals.toml (not typed): its source and note are escaped in history's dim row."""
    t = toml_string(text)
    with (plans_dir / XKS / "actuals.toml").open("a", encoding="utf-8") as f:
        f.write(f'\n[tech-listings.2022]\nvalue = 2\nunit = "家"\nsource = "更正"\n'
                f'\n[[tech-listings.2022.revisions]]\nvalue = 1\nunit = "家"\nsource = {t}\nnote = {t}\n')
    set_columns(monkeypatch, 1000)
    out = ran(invoke("history", "tech-listings", "--plans-dir", str(plans_dir)), 0).stdout
    assert_terminal_safe(out)
    revision = next(line for line in out.splitlines() if "修订前 1" in line)
    assert cells(revision) == ["↳ 修订前 1", "1 家", shown(text), shown(text), "—"]


@pytest.mark.parametrize("text", HOSTILE_PARAMS)
def test_record_in_a_plan_declared_hostile_unit_is_echoed_escaped(invoke, tmp_path, text):
    plans = hostile_plans(tmp_path, text)
    unit = unit_of(text)
    result = ran(invoke("record", "tech-listings", "2022", "1", "--unit", unit, "--plans-dir", str(plans)), 0)
    assert_terminal_safe(result.stdout)
    # A line wider than the terminal wraps at a space, going on indented (render/wrap.py, issue 20): data still
    # starts no line of its own.
    first, *rest = result.stdout.splitlines()
    assert all(line.startswith("  ") for line in rest)
    joined = " ".join([first, *(line.strip() for line in rest)])
    assert joined.startswith(f"tech-listings 2022 = 1 {shown(unit)} · 累计 2 {shown(unit)}")
    assert load_actuals(plans)["tech-listings"]["2022"]["unit"] == unit


# ----------------------------------------------------------------------------------- arguments echoed in errors

@pytest.mark.parametrize("text", HOSTILE_PARAMS)
def test_bad_arguments_are_echoed_as_visible_escapes(invoke, plans_dir, text):
    base = ("--plans-dir", str(plans_dir))
    quoted = repr(text.strip())  # an argument is echoed quoted, as Python spells it: '\x1b[31m'
    cases = [
        (("show", text), 2, quoted),  # an unknown indicator
        (("history", "\x1b[31m" + text), 2, repr("\x1b[31m" + text.strip())),  # an id that starts with ESC
        (("record", text, "2022", "1"), 2, quoted),
        (("status", "--plan", text), 2, repr(text)),  # an unknown (and invalid) plan id
        (("show", "1", "--plan", text), 2, repr(text)),
        (("record", "value-added-growth", "2022", "1", "--unit", text), 2, repr(text)),  # an unknown unit
        (("record", "value-added-growth", "2022", text), 2, repr(text)),  # a bad VALUE
        (("record", "value-added-growth", "2022", "--rate", text), 2, repr(text)),
        (("record", "value-added-growth", text, "1"), 2, repr(text)),  # a bad YEAR
    ]
    before = (plans_dir / XKS / "actuals.toml").read_bytes()
    for args, code, echo in cases:
        result = ran(invoke(*args, *base), code)
        assert result.stdout == ""
        assert_terminal_safe(result.stderr, args)
        assert_error_lines(result.stderr, ("可用的指标",))
        assert echo in result.stderr, (args, result.stderr[:500])
    assert (plans_dir / XKS / "actuals.toml").read_bytes() == before


@pytest.mark.parametrize("text", SHORT_PARAMS)
def test_unknown_indicator_listing_escapes_the_plans_own_names(invoke, tmp_path, text):
    """The refusal lists every indicator: names from a hostile plan are escaped there too, on the list's line."""
    plans = hostile_plans(tmp_path, text)
    result = ran(invoke("show", "no-such-indicator", "--plans-dir", str(plans)), 2)
    assert_terminal_safe(result.stderr)
    assert_error_lines(result.stderr, ("可用的指标",))
    assert f"1 value-added-growth {shown(text)};" in result.stderr


@pytest.mark.parametrize("text", SHORT_PARAMS)
def test_click_level_argument_errors_are_escaped(invoke, plans_dir, text):
    """Values typer/click refuse before plantrack sees them (a choice, a command name) are quoted too."""
    base = ("--plans-dir", str(plans_dir))
    for args in (("status", "--format", text, *base), ("status", "--lang", text, *base),
                 ("check", "--format", text, str(plans_dir)), ("show", "1", "--as-of", text, *base), (text,)):
        result = ran(invoke(*args), 2)
        assert_terminal_safe(result.stdout + result.stderr, args)
        assert "Error" in result.stderr


@pytest.mark.parametrize("text", HOSTILE_PARAMS)
def test_import_reports_hostile_cells_by_file_and_line(invoke, tmp_path, monkeypatch, text):
    plans = tmp_path / "plans"
    shutil.copytree(BUNDLED, plans)
    monkeypatch.chdir(tmp_path)
    rows = [
        ["indicator", "year", "value", "rate", "unit", "source", "note"],
        [text, "2022", "1", "", "", "来源", ""],                            # line 2: unknown indicator
        ["value-added-growth", text, "1", "", "", "来源", ""],              # line 3: bad year
        ["value-added-growth", "2022", text, "", "", text, text],           # line 4: bad VALUE
        ["value-added-growth", "2023", "1", "", text, "来源", ""],          # line 5: unknown unit
        ["value-added-growth", "2021", "49", "", "亿元", one_line(text), text],  # line 6: year exists (no --force)
        ["energy-intensity-decline", "2022", "", text, "", text, ""],       # line 7: bad --rate
    ]
    with (tmp_path / "hostile.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    before = (plans / XKS / "actuals.toml").read_bytes()
    result = ran(invoke("import", "hostile.csv", "--plans-dir", str(plans)), 1)
    assert result.stdout == ""
    assert_terminal_safe(result.stderr)
    # Only the FILE:LINE prefix is checked: a quoted newline in a cell moves the later rows' line numbers down.
    assert_error_lines(result.stderr, ("hostile.csv:",))
    found = result.stderr.splitlines()[1:]
    # The year row fails in the CSV check; the others are only looked at once every year is readable.
    assert len(found) == 1 and ":1: year: " in found[0] and repr(text.strip()) in found[0]
    assert (plans / XKS / "actuals.toml").read_bytes() == before

    del rows[2]
    with (tmp_path / "hostile.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    result = ran(invoke("import", "hostile.csv", "--plans-dir", str(plans)), 1)
    assert_terminal_safe(result.stderr)
    assert_error_lines(result.stderr, ("hostile.csv:",))
    found = result.stderr.splitlines()[1:]
    assert len(found) == 5, found
    fields = [re.match(r"hostile\.csv:\d+:1: (.*?): ", line).group(1) for line in found]
    assert fields[0] == shown(text.strip())  # the indicator cell, escaped
    # Each row by its indicator's name and id (issue 28, item 3).
    assert fields[1:] == ["增加值年均增长率（value-added-growth）"] * 3 + ["产值能耗年均下降率（energy-intensity-decline）"]
    assert repr(text.strip()) in found[0] and repr(text.strip()) in found[1] and repr(text.strip()) in found[4]
    assert repr(text.strip()) in found[2]  # the unit
    assert f"来源 {shown(text.strip())}" in found[3]  # the existing year's refusal names the new source
    assert (plans / XKS / "actuals.toml").read_bytes() == before


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



def test_plan_folder_names_in_a_refusal_cannot_add_a_line(invoke, tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(BUNDLED, plans)
    shutil.copytree(BUNDLED / XKS, plans / "evil\nx\x1b[31m")
    for args in (("status", "--plan", "nope"), ("show", "1")):
        result = ran(invoke(*args, "--plans-dir", str(plans)), 2)
        assert_terminal_safe(result.stderr, args)
        assert_error_lines(result.stderr)


def test_a_missing_plans_dir_in_a_refusal_cannot_add_a_line(invoke, tmp_path):
    result = ran(invoke("status", "--plans-dir", str(tmp_path / "no\nsuch\x1b[2J")), 2)
    assert_terminal_safe(result.stderr)
    assert_error_lines(result.stderr)


# ------------------------------------------------------------------------------------------------------ check

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


def github_decode(text: str) -> str:
    return re.sub("%(25|0D|0A|3A|2C)", lambda m: {"25": "%", "0D": "\r", "0A": "\n", "3A": ":", "2C": ","}[m.group(1)],
                  text)


def github_shown(text: str) -> str:
    """What an Actions annotation should say: CR and LF %-escaped (so they come back), the rest as safe() spells it."""
    return "".join(ch if ch in "\r\n" else safe(ch) for ch in text)


GITHUB_LINE = re.compile(r"::error file=([^,:]*),line=(\d+),col=(\d+),title=plantrack check::(.*)")


@pytest.mark.parametrize("text", HOSTILE_PARAMS)
def test_check_on_hostile_keys_and_values_in_every_format(invoke, tmp_path, text):
    first, second = hostile_check_plans(tmp_path, text)
    args = ("check", str(first), str(second))

    data = json.loads(ran(invoke(*args, "--format", "json"), 1).stdout)
    findings = data["errors"]
    assert data["error_count"] == len(findings) >= 7
    fields = [f["field"] for f in findings]
    # The exact strings come back in the data format.
    unknown_key = next(f for f in findings if f["field"] == f"plan.{text}")
    assert text in unknown_key["message"]
    assert any(f["field"] == text for f in findings)  # [<text>.2021]: no such indicator
    assert f"value-added-growth.{text}" in fields  # not a year
    assert any(f'"{text}"' in f["message"] for f in findings if f["field"] == "value-added-growth.2024.value")
    assert any(repr(text) in f["message"] for f in findings if f["field"] == "plan.start")
    assert any(repr(text) in f["message"] for f in findings if f["field"] == "indicators[value-added-growth].kind")
    assert any(repr(text) in f["message"] for f in findings if f["field"] == "tech-listings.2022.unit")

    plain = ran(invoke(*args), 1).stdout
    assert_terminal_safe(plain)
    lines = plain.splitlines()
    assert len(lines) == len(findings) + 1  # one line per finding and the summary: data added no line
    for line, f in zip(lines, findings):
        assert line == safe(f"{f['file']}:{f['line']}:{f['col']}: {f['field']}: {f['message']}")
    assert lines[-1].startswith(f"✗ {len(findings)} 个错误")
    assert f"plan.{shown(text)}: 未知的键 {shown(text)}" in plain

    github = ran(invoke(*args, "--format", "github"), 1).stdout
    assert_terminal_safe(github)
    lines = github.splitlines()
    assert len(lines) == len(findings) + 1
    assert lines[-1].startswith(f"✗ {len(findings)} 个错误")  # the tool's own summary, no workflow command
    for line, f in zip(lines, findings):
        assert line.startswith("::error "), line[:200]
        m = GITHUB_LINE.fullmatch(line)
        assert m, line[:300]
        file, line_no, col, message = m.groups()
        assert re.fullmatch(r"(?:[^%]|%(?:25|0D|0A|3A|2C))*", file)
        assert re.fullmatch(r"(?:[^%]|%(?:25|0D|0A))*", message), message[:300]
        assert "::" not in file
        assert (github_decode(file), int(line_no), int(col)) == (github_shown(f["file"]), f["line"], f["col"])
        assert github_decode(message) == github_shown(f"{f['field']}: {f['message']}")


def test_check_github_escapes_a_hostile_folder_name_in_the_file_property(invoke, tmp_path):
    """The file= property: ',' and ':' as %2C and %3A, newline as %0A, ESC as a visible escape."""
    folder = tmp_path / "ev,il:%0A::error::x\x1b[31m\nz"
    shutil.copytree(BUNDLED / XKS, folder / XKS)
    edit(folder / XKS / "plan.toml", "base_year = 2020\n", "base_year = 2020\nbad = 1\n")
    result = ran(invoke("check", str(folder), "--format", "github"), 1)
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith("::error file=")
    assert_terminal_safe(result.stdout)
    m = GITHUB_LINE.fullmatch(lines[0])
    assert m, lines[0]
    # display_path already shows the newline as \\x0a (a folder name is data), so nothing is left to escape
    assert "ev%2Cil%3A%250A%3A%3Aerror%3A%3Ax\\x1b[31m\\x0az" in m.group(1)
    assert github_decode(m.group(1)).endswith(f"ev,il:%0A::error::x\\x1b[31m\\x0az/{XKS}/plan.toml")
    text = ran(invoke("check", str(folder)), 1).stdout
    assert_terminal_safe(text)
    assert len(text.splitlines()) == 2
    assert "ev,il:%0A::error::x\\x1b[31m\\x0az/" in text
    data = json.loads(ran(invoke("check", str(folder), "--format", "json"), 1).stdout)
    assert data["errors"][0]["file"].endswith(f"ev,il:%0A::error::x\\x1b[31m\\x0az/{XKS}/plan.toml")  # paths are shown safely


@pytest.mark.parametrize("text", SHORT_PARAMS)
def test_check_of_a_missing_path_echoes_it_escaped(invoke, tmp_path, text):
    missing = tmp_path / ("无" + text.replace("/", "_"))
    for fmt in ("text", "github", "json"):
        result = ran(invoke("check", str(missing), "--format", fmt), 2)
        assert result.stdout == ""
        assert_terminal_safe(result.stderr, fmt)
        assert_error_lines(result.stderr)
        assert shown(str(missing)) in result.stderr


# ------------------------------------------------------------------------------------------------ width

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_2000_character_cjk_name_keeps_every_table_line_within_60_columns(invoke, tmp_path, monkeypatch, lang):
    plans = hostile_plans(tmp_path, CJK_2000)
    set_columns(monkeypatch, 60)
    for args in (("status",), ("history", "value-added-growth"), ("history", QUAL_ID)):
        out = ran(invoke(*args, "--lang", lang, "--plans-dir", str(plans)), 0).stdout
        lines = out.splitlines()
        if args == ("status",):  # the table, then the tool's own summary and notes (plain text the terminal wraps)
            lines = lines[:next(i for i, line in enumerate(lines) if line.startswith(("截至", "as of")))]
        assert all(cell_len(line) <= 60 for line in lines), (args, [cell_len(line) for line in lines][:20])
        # Nothing lost: the folded name still holds all 2,000 characters.
        assert out.count("中") >= CJK_2000.count("中") * (2 if args == ("status",) and lang == "en" else 1)
    # show: its years table fits; the lines before it are plain text the terminal wraps.
    out = ran(invoke("show", "value-added-growth", "--lang", lang, "--plans-dir", str(plans)), 0).stdout
    lines = out.splitlines()
    table = lines[3:lines.index(next(line for line in lines if line.startswith(("判断", "Verdict"))))]
    assert table and all(cell_len(line) <= 60 for line in table), [cell_len(line) for line in table]
