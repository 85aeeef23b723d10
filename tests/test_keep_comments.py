"""Hand-written comments in actuals.toml survive `record` and `import` (issue 29): a colleague's
`# 张科长：2023 年数据待核` is office knowledge, and a rewrite must not drop it. A revision of an entry that holds a
comment is refused, naming the line: the comment describes the figure being replaced."""

from __future__ import annotations

import re
import tomllib

from conftest import XKS, snapshot

NOTE = "# 张科长：2022 年数据待区统计局核实\n"


def _with_comments(plans_dir):
    path = plans_dir / XKS / "actuals.toml"
    text = path.read_text(encoding="utf-8")
    anchor = "[value-added-growth.2021]\n"
    assert anchor in text
    text = text.replace(anchor, anchor + "# 2021 年为快报数\n", 1)
    text = text.replace("# Edit by hand if you must", NOTE + "# Edit by hand if you must", 1)
    path.write_text(text, encoding="utf-8")
    return path, text


def test_a_new_year_keeps_every_comment_and_changes_nothing_else(invoke, plans_dir):
    path, before = _with_comments(plans_dir)
    result = invoke("record", "value-added-growth", "2024", "560000", "--unit", "万元", "--source", "2024年统计公报",
                    "--plans-dir", str(plans_dir), "--confirm")
    assert result.exit_code == 0, result.stderr
    after = path.read_text(encoding="utf-8")
    assert NOTE in after and "[value-added-growth.2021]\n# 2021 年为快报数\n" in after
    # Every byte of the old file is still there, in order: the new table is the only addition.
    new_table = after[after.index("[value-added-growth.2024]"):]
    new_table = new_table[: new_table.index("\n\n") + 2]
    assert after.replace(new_table, "", 1) == before
    data = tomllib.loads(after)
    assert data["value-added-growth"]["2024"]["value"] == 560000
    assert list(data["value-added-growth"]) == sorted(data["value-added-growth"])  # years stay in order


def test_a_file_without_comments_is_written_as_before(invoke, plans_dir):
    path = plans_dir / XKS / "actuals.toml"
    result = invoke("record", "value-added-growth", "2024", "560000", "--unit", "万元", "--source", "s",
                    "--plans-dir", str(plans_dir), "--confirm")
    assert result.exit_code == 0, result.stderr
    from plantrack.opening import open_plan
    from plantrack.store import dump_actuals, schema_line

    plan = open_plan(plans_dir, XKS)
    assert path.read_text(encoding="utf-8") == dump_actuals(plan.actuals, [i.id for i in plan.indicators],
                                                            schema_line(path))


def test_a_revision_of_a_commented_entry_is_refused_naming_the_line(invoke, plans_dir):
    path, before = _with_comments(plans_dir)
    line = before[: before.index("# 2021 年为快报数")].count("\n") + 1
    folder = snapshot(plans_dir)
    result = invoke("record", "value-added-growth", "2021", "500000", "--unit", "万元", "--source", "核实数",
                    "--force", "--confirm", "--plans-dir", str(plans_dir))
    assert result.exit_code == 1 and result.stdout == ""
    assert f"actuals.toml:{line}: [value-added-growth.2021] 中有手写注释" in result.stderr
    assert "move it into the entry's note, or delete it" in result.stderr
    assert snapshot(plans_dir) == folder


def test_once_the_comment_is_moved_the_revision_goes_through(invoke, plans_dir):
    path, before = _with_comments(plans_dir)
    path.write_text(before.replace("# 2021 年为快报数\n", "", 1), encoding="utf-8")
    result = invoke("record", "value-added-growth", "2021", "500000", "--unit", "万元", "--source", "核实数",
                    "--note", "2021 年为快报数，已核实", "--force", "--confirm", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    after = path.read_text(encoding="utf-8")
    assert NOTE in after
    assert tomllib.loads(after)["value-added-growth"]["2021"]["value"] == 500000


def test_an_import_keeps_the_comments_too(invoke, plans_dir, tmp_path):
    path, _ = _with_comments(plans_dir)
    csv = tmp_path / "in.csv"
    csv.write_text("indicator,year,value,unit,source\nvalue-added-growth,2024,560000,万元,2024年统计公报\n",
                   encoding="utf-8")
    result = invoke("import", str(csv), "--plans-dir", str(plans_dir), "--plan", XKS, "--confirm")
    assert result.exit_code == 0, result.stderr
    after = path.read_text(encoding="utf-8")
    assert NOTE in after and "# 2021 年为快报数\n" in after


def test_a_hash_inside_a_string_is_not_a_comment():
    from plantrack.tomledit import _comment_at

    assert _comment_at('source = "统计公报 #3"') is None
    assert _comment_at("source = '第#号'  # 注") == 16
    assert _comment_at('value = 1 # x') == 10
    assert _comment_at('source = "a\\"#b"') is None


def test_a_comment_above_the_next_table_is_that_table_s_and_the_revision_goes_through(invoke, plans_dir):
    """`# 财政收入` written after a blank line just above `[x.2021]` belongs to x.2021, not to the entry above it
    (tomlkit's reading): revising the entry above is not refused, and the comment stays above x.2021."""
    path = plans_dir / XKS / "actuals.toml"
    text = path.read_text(encoding="utf-8")
    headers = re.findall(r"^\[([a-z-]+)\.([0-9]{4})\]$", text, flags=re.M)
    second = next(h for h in headers if h[0] != headers[0][0])  # the first table of the second indicator
    header = f"[{second[0]}.{second[1]}]"
    text = text.replace(f"\n{header}\n", f"\n# 2 财政总收入：区财政局口径\n{header}\n", 1)
    path.write_text(text, encoding="utf-8")
    above = text[: text.index("# 2 财政总收入")].rstrip("\n").rsplit("\n[", 1)[1].split("]", 1)[0]
    indicator, year = above.split(".")
    result = invoke("record", indicator, year, "500000", "--unit", "万元", "--source", "核实数", "--force",
                    "--confirm", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert f"\n# 2 财政总收入：区财政局口径\n{header}\n" in path.read_text(encoding="utf-8")


def test_crlf_files_with_comments_keep_their_line_ends(invoke, plans_dir):
    path, text = _with_comments(plans_dir)
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    result = invoke("record", "value-added-growth", "2024", "560000", "--unit", "万元", "--source", "s",
                    "--plans-dir", str(plans_dir), "--confirm")
    assert result.exit_code == 0, result.stderr
    data = path.read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert "# 2021 年为快报数\r\n".encode() in data
