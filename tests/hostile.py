"""A plan whose free-text fields hold a hostile string, for the tests of plan text in output
(test_hostile_text.py, test_report.py, test_years_and_first_steps.py).

Nothing here computes an expected value: the fixtures write the string into the files as TOML escapes, and the
terminal check below names the forbidden characters by their Unicode category, not by plantrack's own rule.
"""

from __future__ import annotations

import shutil
import tomllib
import unicodedata
from decimal import Decimal
from pathlib import Path

from conftest import BUNDLED, XKS

QUAL_ID = "hostile-qualitative"

# What must never reach a terminal raw: controls (Cc), format characters (Cf: direction overrides, zero-width,
# tags), surrogates, private-use and unassigned code points, line and paragraph separators. The space separators
# (Zs: U+3000, U+00A0) are ordinary in Chinese plan names; "\n" is the terminal's own line end.
FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
SGR = r"\x1b\[[0-9;]*m"


def raw_controls(text: str) -> list[str]:
    """Every character of `text` a terminal must not receive raw (the newline aside)."""
    return [c for c in text if c != "\n" and unicodedata.category(c) in FORBIDDEN_CATEGORIES]


def assert_terminal_safe(text: str, what: object = "", *, colour: bool = False) -> None:
    import re

    rest = re.sub(SGR, "", text) if colour else text
    bad = raw_controls(rest)
    assert not bad, (what, [hex(ord(c)) for c in bad[:5]], rest[:300])


def ran(result, code: int = 0):
    """The exit code as expected, and no exception or traceback anywhere."""
    assert result.exit_code == code, (result.exit_code, result.stdout[-3000:], result.stderr[-3000:])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def toml_string(text: str) -> str:
    """`text` as a TOML basic string, every character a terminal must not see written as a \\uXXXX escape."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n" or raw_controls(ch):
            out.append(f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    literal = '"' + "".join(out) + '"'
    assert tomllib.loads(f"k = {literal}")["k"] == text  # the escapes really make the characters
    return literal


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def load_actuals(plans: Path, plan: str = XKS) -> dict:
    return tomllib.loads((plans / plan / "actuals.toml").read_text(encoding="utf-8"), parse_float=Decimal)


def unit_of(line: str) -> str:
    # A unit must have a non-blank character and stays short enough for its column.
    return "单" + line[:40] + "位"


def typed(text: str) -> str:
    """`text` as a clerk could type it into a one-line field: each line-breaking control written out as the four
    characters \\xNN (U+2028/U+2029 as \\u2028), so the field is valid and still looks hostile."""
    return "".join((f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
                   if unicodedata.category(c) == "Cc" or c in "\u2028\u2029" else c for c in text)


def hostile_plans(root: Path, text: str, plan_id: str = XKS, line: str | None = None) -> Path:
    """A copy of the bundled plans with `text` in every free-text field a plan and its actuals can hold.

    `line` (default `typed(text)`) goes into the one-line fields, which refuse control characters since issue 13: plan
    name and name_en; indicator 1's name and name_en; its 2021 source; a plan-declared unit 单<line>位 used by
    tech-listings (with a 2021 entry in that unit); a qualitative indicator's target and 2021 source. `text`
    goes into the notes: indicator 1's note, its 2021 note, tech-listings' 2021 note, and the qualitative 2021
    note (after "说明": a note needs a non-blank character).
    """
    line = typed(text) if line is None else line
    plans = root / "plans"
    if not plans.exists():
        shutil.copytree(BUNDLED, plans)
    if plan_id != XKS:
        shutil.copytree(BUNDLED / XKS, plans / plan_id)
    folder = plans / plan_id
    t, unit, one = toml_string(text), toml_string(unit_of(line)), toml_string(line)
    plan_toml = folder / "plan.toml"
    edit(plan_toml, f'id = "{XKS}"', f'id = "{plan_id}"')
    edit(plan_toml, 'name = "小昆山镇「十四五」规划主要发展指标"', f"name = {one}")
    edit(plan_toml, 'name_en = "Xiaokunshan Town 14th Five-Year Plan: main development indicators"', f"name_en = {one}")
    edit(plan_toml, "base_year = 2020\n", f"base_year = 2020\nunits = [{unit}]\n")
    edit(plan_toml, 'name = "增加值年均增长率"', f"name = {one}")
    edit(plan_toml, 'name_en = "Value added, average annual growth"', f"name_en = {one}")
    edit(plan_toml, 'note = "2021 年数据来源称之为「地区生产总值」，与规划表中的「增加值」为同一序列。"', f"note = {t}")
    edit(plan_toml, 'unit = "家"\ntarget = 6', f"unit = {unit}\ntarget = 6")
    with plan_toml.open("a", encoding="utf-8") as f:
        f.write(f'\n[[indicators]]\nid = "{QUAL_ID}"\nno = 15\nname = "定性指标"\nkind = "qualitative"\ntarget = {one}\n')
    actuals = folder / "actuals.toml"
    edit(actuals, 'note = "「2021年,小昆山镇实现地区生产总值48.9亿元」（文中称地区生产总值，即规划表的增加值）"', f"note = {t}")
    text_now = actuals.read_text(encoding="utf-8")
    start = text_now.index("[value-added-growth.2021]")
    at = text_now.index("source = ", start)
    end = text_now.index("\n", at)
    actuals.write_text(text_now[:at] + f"source = {one}" + text_now[end:], encoding="utf-8")
    with actuals.open("a", encoding="utf-8") as f:
        f.write(f"\n[tech-listings.2021]\nvalue = 1\nunit = {unit}\nsource = {one}\nnote = {t}\n"
                f"recorded_at = 2026-11-23 16:30:00+08:00\n"
                f'\n[{QUAL_ID}.2021]\nassessment = "on_track"\nsource = {one}\nnote = {toml_string("说明" + text)}\n'
                f"recorded_at = 2026-11-23 16:30:00+08:00\n")
    return plans
