"""Issue 13, items 7-10: plan text in output, after the attack.

7. Plan text must not become a CI workflow command: one-line fields refuse control characters (at `check`, and
   so at every command that loads the plan), and no line of output, whoever writes it, starts with `::` after
   blanks or holds `##[` (render/guard.py).
8. safe() escapes every character str.isprintable() refuses, but the space separators it keeps on purpose.
9. One Markdown escaper (text.md) for status --format markdown, the overview and the report.
10. The CSV formula guard also catches a leading tab or CR, blanks before = + - @, and ＝ ＋ － ＠.
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
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import BUNDLED, XKS
from plantrack.csvio import from_spreadsheet_text, spreadsheet_text
from plantrack.text import ALLOWED, command_safe, md, safe
from test_output_safety import QUAL_ID, edit, hostile_plans, load_actuals, ran, toml_string

COMMAND_LINE = re.compile(r"^\s*(::|##\[)")
LEGACY = re.compile(r"##\[|##vso\[")


# ------------------------------------------------------------------------- 7a: one-line fields refuse controls

CONTROLS = [pytest.param(c, id=f"U+{ord(c):04X}") for c in ("\n", "\t", "\r", "\x1b", "\x00", "\x7f", "\x85", "\x9b",
                                                            "\u2028", "\u2029")]
PLAN_FIELDS = [  # (old text in plan.toml, its field, the TOML line number it sits on)
    ('name = "小昆山镇「十四五」规划主要发展指标"', "plan.name", 9),
    ('name_en = "Xiaokunshan Town 14th Five-Year Plan: main development indicators"', "plan.name_en", 10),
    ('region = "上海市松江区小昆山镇"', "plan.region", 11),
    ('source = "小昆山镇国民经济和社会发展第十四个五年规划纲要（001_839dd607ca09f404.txt）"', "plan.source", 15),
    ('name = "增加值年均增长率"', "indicators[value-added-growth].name", 20),
    ('name_en = "Value added, average annual growth"', "indicators[value-added-growth].name_en", 21),
]


def _refused(plans: Path, field: str, line: int | None) -> None:
    from test_output_safety import assert_terminal_safe

    from plantrack.cli.app import app
    from typer.testing import CliRunner

    runner = CliRunner()
    checked = runner.invoke(app, ["check", str(plans), "--format", "json"])
    assert checked.exit_code == 1, checked.stdout
    findings = [f for f in json.loads(checked.stdout)["errors"] if f["field"] == field and "控制字符" in f["message"]]
    assert len(findings) == 1, json.loads(checked.stdout)["errors"]
    f = findings[0]
    assert "控制字符" in f["message"] and "control character" in f["message"] and " / " in f["message"]
    assert "请删除" in f["message"] and "delete it" in f["message"]  # what to do, in both languages
    if line is not None:
        assert (f["line"], f["col"]) == (line, 1), f
    # status refuses the same plan (one loader, one rule), and says where, escaped.
    status = runner.invoke(app, ["status", "--plans-dir", str(plans)])
    assert status.exit_code == 1 and status.stdout == ""
    assert f"{f['line']}:{f['col']}: {field}: " in status.stderr
    assert_terminal_safe(status.stderr)


@pytest.mark.parametrize("char", CONTROLS)
@pytest.mark.parametrize("old, field, line", PLAN_FIELDS, ids=[f for _o, f, _l in PLAN_FIELDS])
def test_check_refuses_a_control_character_in_a_one_line_plan_field(plans_dir, old, field, line, char):
    key, value = old.split(" = ", 1)
    edit(plans_dir / XKS / "plan.toml", old, f"{key} = {toml_string(value[1:-1] + char + 'x')}")
    _refused(plans_dir, field, line)


@pytest.mark.parametrize("char", CONTROLS)
def test_check_refuses_a_control_character_in_a_declared_unit_and_an_indicator_unit(plans_dir, char):
    unit = toml_string("单" + char + "位")
    edit(plans_dir / XKS / "plan.toml", "base_year = 2020\n", f"base_year = 2020\nunits = [{unit}]\n")
    _refused(plans_dir, "plan.units[1]", 15)
    edit(plans_dir / XKS / "plan.toml", 'unit = "家"\ntarget = 6', f"unit = {unit}\ntarget = 6")
    _refused(plans_dir, "indicators[tech-listings].unit", None)


@pytest.mark.parametrize("char", CONTROLS)
def test_check_refuses_a_control_character_in_an_actual_source_and_unit_but_not_in_a_note(plans_dir, char):
    actuals = plans_dir / XKS / "actuals.toml"
    with actuals.open("a", encoding="utf-8") as f:
        f.write(f'\n[tech-listings.2022]\nvalue = 1\nsource = {toml_string("区" + char + "科委")}\n'
                f"note = {toml_string('第一行' + char + '第二行')}\n")
    _refused(plans_dir, "tech-listings.2022.source", None)
    # A note is free text: it may hold any character (every output shows it escaped).
    edit(actuals, f'source = {toml_string("区" + char + "科委")}', 'source = "区科委"')
    with actuals.open("a", encoding="utf-8") as f:
        f.write(f'\n[tech-listings.2023]\nvalue = 1\nunit = {toml_string("家" + char)}\nsource = "区科委"\n')
    _refused(plans_dir, "tech-listings.2023.unit", None)


def test_a_qualitative_target_is_one_line(tmp_path):
    plans = hostile_plans(tmp_path, "好")
    edit(plans / XKS / "plan.toml", 'target = "好"', 'target = "好\\n::error::x"')
    _refused(plans, "indicators[hostile-qualitative].target", None)


def test_an_indicator_id_with_a_final_line_feed_is_refused(invoke, plans_dir):
    """ID_RE.match let "gdp\\n" through ($ matches before a final line feed)."""
    edit(plans_dir / XKS / "plan.toml", 'id = "value-added-growth"', 'id = "value-added-growth\\n"')
    result = ran(invoke("check", str(plans_dir), "--format", "json"), 1)
    assert [f["field"] for f in json.loads(result.stdout)["errors"]] == ["indicators[1].id"]


@pytest.mark.parametrize("char", CONTROLS)
def test_record_and_import_refuse_a_source_with_a_control_character_and_change_nothing(invoke, plans_dir, tmp_path,
                                                                                          char):
    before = (plans_dir / XKS / "actuals.toml").read_bytes()
    result = ran(invoke("record", "tech-listings", "2022", "1", "--source", "区" + char + "科委",
                        "--plans-dir", str(plans_dir)), 2)
    assert "source: " in result.stderr and "control character" in result.stderr
    assert (plans_dir / XKS / "actuals.toml").read_bytes() == before
    rows = tmp_path / "rows.csv"
    with rows.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["indicator", "year", "value", "source"], ["tech-listings", "2022", "1", "区" + char + "科委"]])
    imported = invoke("import", str(rows), "--plans-dir", str(plans_dir))
    assert imported.exit_code in (1, 2) and "control character" in imported.stderr, imported.stderr
    assert (plans_dir / XKS / "actuals.toml").read_bytes() == before
    # A note may hold a line break: record keeps it exactly.
    ran(invoke("record", "tech-listings", "2022", "1", "--source", "区科委", "--note", "一\n二" + char,
               "--plans-dir", str(plans_dir)), 0)
    assert load_actuals(plans_dir)["tech-listings"]["2022"]["note"] == "一\n二" + char


# ---------------------------------------------------- 7b/7c: no output line can be read as a workflow command

COMMAND_TEXTS = {
    "at-start": "::error::x",
    "legacy": "##[error]x ##vso[task.setvariable]y",
    "after-break": "甲\n::add-mask::x\r::warning::y",
    # Rich folds long cells at spaces: one of the continuation lines then starts with the command.
    "folded": "很长的指标名称 " * 12 + "::error::folded",
}


def _run(args: list[str], columns: int = 200) -> subprocess.CompletedProcess:
    """The real entry point in a child process: what a CI runner would read, stdout and stderr."""
    env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    env.pop("PLANTRACK_PLANS_DIR", None)
    return subprocess.run([sys.executable, "-m", "plantrack", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def _no_command_lines(proc: subprocess.CompletedProcess, what: object, github: bool = False) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    for name, text in (("stdout", proc.stdout), ("stderr", proc.stderr)):
        # The runner splits at LF and at CR.
        for line in re.split(r"\r\n|\r|\n", text):
            if github and name == "stdout" and line.startswith("::error file="):
                # plantrack's own annotation: a "::" in its data is data (the command ended at the first one).
                assert re.match(r"::error file=[^:]*,line=\d+,col=\d+,title=plantrack check::", line), line
            else:
                assert not COMMAND_LINE.match(line), (what, name, line[:200])
            assert not LEGACY.search(line), (what, name, line[:200])


@pytest.mark.parametrize("text", list(COMMAND_TEXTS.values()), ids=list(COMMAND_TEXTS))
def test_no_line_of_any_output_is_a_workflow_command(tmp_path, text):
    plans = hostile_plans(tmp_path, text)
    # A second copy for the overview, and a plan whose key names and values are wrong for check's findings.
    hostile_plans(tmp_path, text, plan_id="second-14th")
    broken = tmp_path / "broken"
    shutil.copytree(BUNDLED, broken)
    edit(broken / XKS / "plan.toml", "base_year = 2020\n", f"base_year = 2020\n{toml_string(text)} = 1\n")
    edit(broken / XKS / "plan.toml", 'kind = "annual_rate"', f"kind = {toml_string(text)}")
    base = ["--plans-dir", str(plans), "--plan", XKS]
    runs = [
        (["status", *base], 0), (["status", *base, "--lang", "en"], 0),
        (["status", *base, "--format", "markdown"], 0), (["status", *base, "--format", "csv"], 0),
        (["status", *base, "--format", "json"], 0),
        (["status", "--plans-dir", str(plans)], 0), (["status", "--plans-dir", str(plans), "--format", "markdown"], 0),
        (["status", "--plans-dir", str(plans), "--format", "csv"], 0),
        (["status", "--plans-dir", str(plans), "--format", "json"], 0),
        (["show", "value-added-growth", *base], 0), (["show", QUAL_ID, *base, "--lang", "en"], 0),
        (["history", "value-added-growth", *base], 0), (["history", "tech-listings", *base], 0),
        (["show", "tech-listings", *base, "--format", "json"], 0),
        (["history", "value-added-growth", *base, "--format", "json"], 0),
        (["export", *base], 0), (["export", *base, "--format", "json"], 0),
        (["report", *base, "--format", "markdown"], 0),
        (["record", "tech-listings", "2022", "1", "--source", "区科委", "--note", text, "--dry-run", *base], 0),
        (["record", "value-added-growth", "2021", "1", "--source", "区科委", *base], 1),  # refused: names the old one
        (["check", str(broken)], 1), (["check", str(broken), "--format", "json"], 1),
    ]
    for args, code in runs:
        for columns in ((60, 100, 200) if args[0] in ("status", "show", "history") else (200,)):
            proc = _run(args, columns)
            assert proc.returncode == code, (args, proc.stdout[-1500:], proc.stderr[-1500:])
            _no_command_lines(proc, (args, columns))
    github = _run(["check", str(broken), "--format", "github"])
    assert github.returncode == 1 and github.stdout.startswith("::error file=")
    _no_command_lines(github, "github", github=True)
    # The data formats keep the text exactly: JSON writes the [ of "##[" as \u005b.
    data = json.loads(_run(["export", *base, "--format", "json"]).stdout)
    assert next(r for r in data if r["indicator"] == "tech-listings")["note"] == text


def test_a_folded_table_line_keeps_its_width_when_guarded(tmp_path):
    """The guard turns the blank before the "::" into the backslash: the folded line is as wide as before."""
    assert command_safe("名称\n    ::error::x") == "名称\n   \\::error::x"
    assert command_safe("::a") == "\\::a" and command_safe("x ::a") == "x ::a"
    assert command_safe("::a", at_line_start=False) == "::a"
    assert command_safe("a ##[error]b ##vso[x]") == "a ##\\[error]b ##vso\\[x]"
    assert command_safe("a\r  ::b") == "a\r \\::b"  # a carriage return ends a line for the runner too


def test_the_guard_sees_a_line_start_split_over_two_writes():
    from plantrack.render.guard import CommandGuard

    out = io.StringIO()
    guard = CommandGuard(lambda: out)
    for chunk in ("第一行\n", "   ", "::error::x\n", "a", "::b\n"):
        guard.write(chunk)
    assert out.getvalue() == "第一行\n   \\::error::x\na::b\n"
    guard.write_command("::error file=x::y\n")  # plantrack's own annotations pass
    assert out.getvalue().endswith("\n::error file=x::y\n")


def test_rich_consoles_write_through_the_guard(invoke, tmp_path, monkeypatch):
    """In-process too (no entry point): the status table's title and folded lines are guarded."""
    plans = hostile_plans(tmp_path, COMMAND_TEXTS["folded"])
    edit(plans / XKS / "plan.toml", 'name = "很长', 'name = "::error::title 很长')
    for columns in (60, 100, 200):
        monkeypatch.setenv("COLUMNS", str(columns))
        from plantrack.render import console

        console.out.cache_clear()
        result = ran(invoke("status", "--plans-dir", str(plans)), 0)
        assert not [line for line in result.stdout.splitlines() if COMMAND_LINE.match(line)], result.stdout
        assert "\\::error::title" in result.stdout


# --------------------------------------------------------------------------------- 8: safe() and isprintable()

def test_allowed_is_exactly_the_space_separators():
    zs = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Zs"}
    assert ALLOWED == zs - {" "}


@pytest.mark.parametrize("text, shown", [
    ("\U000e0001\U000e0041\U000e007f", "\\U000e0001\\U000e0041\\U000e007f"),  # tag characters
    ("\u206a\u206f", "\\u206a\\u206f"), ("\ufff9\ufffb", "\\ufff9\\ufffb"), ("\u0600\u0605", "\\u0600\\u0605"),
    ("\U0001d173\U0001d17a", "\\U0001d173\\U0001d17a"), ("\ue000", "\\ue000"), ("\udcff", "\\udcff"),
    ("\U000e0080", "\\U000e0080"), ("名\u3000称\u00a0", "名\u3000称\u00a0"),
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


# ------------------------------------------------------------------------------------- 9: one Markdown escaper

MARKDOWN_ATTACKS = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "![x](http://evil/p.png)",
                    "[x](javascript:alert(1))", "a|b", "a\\|b", "`code`", "# 标题", "> 引用", "- 列表", "+ 列表",
                    "1. 第一", "2021. 年", "行一\n行二", "&lt;b&gt;", "::error::x", "##[error]x"]


@pytest.mark.parametrize("text", MARKDOWN_ATTACKS)
def test_md_neutralises_markdown_and_html(text):
    out = md(text)
    assert "<" not in out and ">" not in out and "\n" not in out
    assert not re.search(r"(?<!\\)(?:\\\\)*[\[\]`|!#]", out), out  # every one of these escaped
    assert not re.match(r"\s*(?:[-+=]\s|[0-9]+\.\s|:|#|>)", out), out  # no line-start marker
    assert not COMMAND_LINE.match(out) and not LEGACY.search(out)


def test_md_keeps_numbers_and_ordinary_text_readable():
    assert md("48.9 亿元") == "48.9 亿元" and md("-3") == "-3" and md("年均 6%") == "年均 6%"
    assert md("1. 第一") == "1\\. 第一" and md("- x") == "\\- x" and md("# x") == "\\# x" and md("> x") == "&gt; x"


@pytest.mark.parametrize("text", MARKDOWN_ATTACKS)
def test_every_markdown_output_escapes_plan_text(invoke, tmp_path, text):
    from test_output_safety import one_line

    plans = hostile_plans(tmp_path, text)
    outputs = {
        "status": ran(invoke("status", "--format", "markdown", "--plans-dir", str(plans)), 0).stdout,
        "report": ran(invoke("report", "--format", "markdown", "--plans-dir", str(plans)), 0).stdout,
    }
    hostile_plans(tmp_path, text, plan_id="second-14th")
    outputs["overview"] = ran(invoke("status", "--format", "markdown", "--plans-dir", str(plans)), 0).stdout
    for name, out in outputs.items():
        outside_code = re.sub(r"(`{3,})\n.*?\n\1", "", out, flags=re.S)  # the report's working is a code block
        assert "<" not in outside_code, name
        assert not re.search(r"(?<!\\)(?:\\\\)*(?:\]\(|!\[)", outside_code), name
        assert md(one_line(text)) in out, name
        for line in outside_code.splitlines():
            assert not COMMAND_LINE.match(line) and not LEGACY.search(line), (name, line)


# ----------------------------------------------------------------------------------- 10: the CSV formula guard

FORMULA_CELLS = ["\t=1+1", "\r=1+1", " =1+1", "  +1+1", "\t-1+1", " @SUM(A1)", "＝1+1", "＋1+1", "－1+1",
                 "＠SUM(A1)", "\u3000＝1", "\t", "\rx", "'\t=1", "' =1"]
NUMBERS = ["-3", "+2.5", "-1E5", "-0.25", "3"]


@pytest.mark.parametrize("cell", FORMULA_CELLS)
def test_spreadsheet_text_quotes_every_formula_start(cell):
    assert spreadsheet_text(cell) == "'" + cell
    assert from_spreadsheet_text(spreadsheet_text(cell)) == cell


@pytest.mark.parametrize("cell", NUMBERS + ["plain", "中文", "a=b", "'quoted"])
def test_spreadsheet_text_leaves_numbers_and_text_alone(cell):
    assert spreadsheet_text(cell) == cell and from_spreadsheet_text(cell) == cell


@pytest.mark.parametrize("cell", ["\t=1+1", " =1+1", "＝1+1", "＠SUM(A1)", "－1+1"])
def test_export_quotes_them_and_import_gives_them_back(invoke, plans_dir, tmp_path, cell):
    ran(invoke("record", "tech-listings", "2022", "1", "--source", "区科委", "--note", cell,
               "--plans-dir", str(plans_dir)), 0)
    for out in (ran(invoke("export", "--plans-dir", str(plans_dir)), 0).stdout,):
        row = next(r for r in csv.DictReader(io.StringIO(out)) if r["indicator"] == "tech-listings")
        assert row["note"] == "'" + cell and row["value"] == "1"
    again = tmp_path / "again.csv"
    with again.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["indicator", "year", "value", "source", "note"],
                                 ["tech-listings", "2023", "1", "区科委", "'" + cell]])
    ran(invoke("import", str(again), "--plans-dir", str(plans_dir)), 0)
    assert load_actuals(plans_dir)["tech-listings"]["2023"]["note"] == cell


def test_a_plan_name_with_a_full_width_formula_is_quoted_in_status_csv(invoke, tmp_path):
    plans = hostile_plans(tmp_path, "＝HYPERLINK(1)")
    rows = list(csv.DictReader(io.StringIO(ran(invoke("status", "--format", "csv", "--plans-dir", str(plans)), 0).stdout)))
    assert rows[0]["name"] == "'＝HYPERLINK(1)"
