"""Issue 30, item 4: `require_source = true` in plantrack.toml makes a source required. `record` refuses a
figure without one (a usage error, exit 2, like any other missing piece), `import` lists every sourceless row by
FILE:ROW and writes nothing (exit 1), and `check` reports each stored figure without one at its place in
actuals.toml (exit 1). The rule holds for the plans folder the plantrack.toml names, also when a command is
given that folder from elsewhere; without the setting nothing changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import BUNDLED, XKS, snapshot

RULE = "须注明数据来源"


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An office folder: plantrack.toml requiring sources, beside a copy of the bundled plans; the working
    directory is the office folder."""
    root = tmp_path / "office"
    shutil.copytree(BUNDLED, root / "plans")
    (root / "plantrack.toml").write_text("require_source = true\n", "utf-8")
    monkeypatch.chdir(root)
    return root


def _actuals(root: Path) -> Path:
    return root / "plans" / XKS / "actuals.toml"


@pytest.mark.parametrize("source", [None, "", "   "])
def test_record_refuses_a_figure_without_a_source_and_writes_nothing(invoke, office, source):
    before = snapshot(office)
    args = ["record", "value-added-growth", "2024", "600000"] + ([] if source is None else ["--source", source])
    result = invoke(*args)
    assert result.exit_code == 2, result.stdout
    assert "value-added-growth 2024" in result.stderr and RULE in result.stderr
    assert "require_source = true" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(office) == before


def test_record_with_a_source_is_written(invoke, office):
    result = invoke("record", "value-added-growth", "2024", "600000", "--source", "2024年统计公报")
    assert result.exit_code == 0, result.stderr
    assert '[value-added-growth.2024]\nvalue = 600000\nunit = "万元"\nsource = "2024年统计公报"' in \
        _actuals(office).read_text("utf-8")


def test_the_rule_holds_when_the_folder_is_given_from_elsewhere(invoke, office, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    before = snapshot(office)
    result = invoke("record", "value-added-growth", "2024", "600000", "--plans-dir", str(office / "plans"))
    assert result.exit_code == 2 and RULE in result.stderr
    assert snapshot(office) == before


def test_import_lists_every_sourceless_row_and_writes_nothing(invoke, office):
    (office / "rows.csv").write_text(
        "指标,年份,数值,单位,来源\n"
        "value-added-growth,2024,600000,万元,\n"          # row 2: no source
        "value-added-growth,2025,610000,万元,2025年统计公报\n"
        "net-new-high-tech,2024,3,家,  \n",                 # row 4: blank source
        "utf-8")
    before = snapshot(office)
    result = invoke("import", "rows.csv")
    assert result.exit_code == 1, result.stdout
    assert "2 行有错误，没有写入任何数据" in result.stderr
    lines = [l for l in result.stderr.splitlines() if l.startswith("rows.csv:")]
    assert [l.split(": ")[0] for l in lines] == ["rows.csv:2:1", "rows.csv:4:1"]
    assert "value-added-growth 2024" in lines[0] and "net-new-high-tech 2024" in lines[1]
    assert all(RULE in l for l in lines)
    assert snapshot(office) == before


def test_check_reports_each_stored_figure_without_a_source_at_its_place(invoke, office):
    path = _actuals(office)
    text = path.read_text("utf-8").splitlines(keepends=True)
    # The bundled file: [value-added-growth.2016] on line 5 with its source on line 8; the 2017 table on line 11
    # with its source on line 14. The 2016 source is emptied (the finding points at it, 8:1) and the 2017 one
    # removed (no key: the finding points at the table, 11:1).
    assert text[4] == "[value-added-growth.2016]\n" and text[10] == "[value-added-growth.2017]\n"
    assert text[7].startswith("source = ") and text[13].startswith("source = ")
    text[7] = 'source = ""\n'
    del text[13]
    path.write_text("".join(text), "utf-8")
    result = invoke("check")
    assert result.exit_code == 1
    found = [l for l in (result.stdout + result.stderr).splitlines() if "actuals.toml:" in l]
    assert [l.split(": ")[0].split("actuals.toml")[1] + ": " + l.split(": ")[1] for l in found] == [
        ":8:1: value-added-growth.2016.source", ":11:1: value-added-growth.2017.source"]
    assert all(RULE in l for l in found)
    (office / "plantrack.toml").write_text("require_source = false\n", "utf-8")
    assert invoke("check").exit_code == 0


@pytest.mark.parametrize("setting", ['require_source = "true"', "require_source = 1", "require_source = []"])
def test_a_setting_that_is_not_a_boolean_is_refused_where_it_is(invoke, office, setting):
    (office / "plantrack.toml").write_text(f'lang = "zh"\n{setting}\n', "utf-8")
    result = invoke("check")
    assert result.exit_code == 2
    assert "plantrack.toml:2:1: require_source 须为true 或 false / require_source must be true or false" in result.stderr


@pytest.mark.parametrize("config", ["", "require_source = false\n", 'plans_dir = "other"\nrequire_source = true\n'])
def test_without_the_setting_for_this_folder_a_figure_needs_no_source(invoke, office, config):
    # the last: a plantrack.toml that names another plans folder sets nothing for this one
    (office / "plantrack.toml").write_text(config, "utf-8")
    (office / "other").mkdir()
    result = invoke("record", "value-added-growth", "2024", "600000", "--plans-dir", str(office / "plans"))
    assert result.exit_code == 0, result.stderr
