"""issue 28, items 1-3: workbooks in a district statistics bureau's own shapes import exactly the figures a person
reads: title rows, a two-row merged header, years as 2021年 and as numbers, thousands separators, full-width
digits, a unit in the cell, percent-formatted rates, dashes for "no figure", a row's 备注, cell comments, and
formulas with and without saved results. A refused cell is named 表名!D4（2020年）, its row by name and id."""

from __future__ import annotations

import re
import tomllib
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import XKS, snapshot

openpyxl = pytest.importorskip("openpyxl")


def empty_plan(plans_dir: Path) -> Path:
    """The bundled plan without actuals: every figure below is a first recording."""
    (plans_dir / XKS / "actuals.toml").unlink()
    return plans_dir / XKS


def actuals(plans_dir: Path) -> dict:
    return tomllib.loads((plans_dir / XKS / "actuals.toml").read_text(encoding="utf-8"), parse_float=Decimal)


def save_with_results(wb, path: Path, results: dict[str, str]) -> None:
    """Save, then give formula cells the results a spreadsheet would have saved (openpyxl writes none)."""
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, value in results.items():
        sheet, n = re.subn(rf'(<c r="{ref}"[^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?', rf"\g<1><v>{value}</v>", sheet)
        assert n == 1, ref
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def bureau_workbook(path: Path) -> None:
    """主要指标: a title row, 指标名称/单位/备注 merged down over two header rows, 完成情况 merged over the years
    (2020年 as text, 2021 as a number ...), then the figures as a bureau types them."""
    from openpyxl.comments import Comment

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "主要指标"
    ws["A1"] = "小昆山镇2020—2024年主要经济指标"
    ws.merge_cells("A1:H1")
    ws.append(["指标名称", "单位", "完成情况", None, None, None, None, "备注"])
    ws.append([None, None, "2020年", 2021, "2022年", 2023, "2024年", None])
    for cells in ("A2:A3", "B2:B3", "C2:G2", "H2:H3"):
        ws.merge_cells(cells)
    ws.append(["增加值年均增长率", "万元", 486600, "48.9亿元", "502,000", "—", "=C4+71400", "2024年为快报数"])
    ws.append(["全社会固定资产投资", "亿元", None, "30.5", "３２．１", "/", 35, "可比价"])
    ws.append(["产值能耗年均下降率", "%", None, 0.032, 0.029, "…", 0.031, None])
    ws.append(["科创企业上市", "家", None, 1, "-", "／", "2", "2025年为快报数"])
    for ref in ("D6", "E6", "G6"):
        ws[ref].number_format = "0.0%"
    ws["E4"].comment = Comment("初步核算", "区统计局")
    ws["D3"].comment = Comment("2021年起口径调整", "区统计局")  # on a header: not a figure's
    save_with_results(wb, path, {"G4": "558000"})


def test_a_bureau_workbook_imports_what_a_person_reads(invoke, plans_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    empty_plan(plans_dir)
    bureau_workbook(tmp_path / "统计局.xlsx")
    result = invoke("import", "统计局.xlsx", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    data = actuals(plans_dir)
    vag = data["value-added-growth"]
    assert {y: (e["value"], e["unit"]) for y, e in vag.items()} == {
        "2020": (486600, "万元"), "2021": (Decimal("48.9"), "亿元"), "2022": (502000, "万元"),
        "2024": (558000, "万元")}  # 2023 is "—": no figure
    # The row's 备注 names 2024: on 2024 only. The comment on E4 is 2022's note. Nothing else has a note.
    assert {y: e.get("note", "") for y, e in vag.items()} == {
        "2020": "", "2021": "", "2022": "初步核算", "2024": "2024年为快报数"}
    fai = data["fixed-asset-investment"]
    assert {y: (e["value"], e["unit"], e.get("note", "")) for y, e in fai.items()} == {
        "2021": (Decimal("30.5"), "亿元", ""), "2022": (Decimal("32.1"), "亿元", ""), "2024": (35, "亿元", "")}
    eid = data["energy-intensity-decline"]
    assert {y: (e["rate"], "unit" in e) for y, e in eid.items()} == {
        "2021": (Decimal("3.2"), False), "2022": (Decimal("2.9"), False), "2024": (Decimal("3.1"), False)}
    tl = data["tech-listings"]
    assert {y: (e["value"], e.get("note", "")) for y, e in tl.items()} == {"2021": (1, ""), "2024": (2, "")}
    assert set(data) == {"value-added-growth", "fixed-asset-investment", "energy-intensity-decline", "tech-listings"}
    # Not imported, each named by its cell: the notes it could not place, the dashes, the header's comment.
    out = result.stdout
    assert "主要指标!H5（备注）" in out and "备注「可比价」未导入" in out and "names no year" in out
    assert "主要指标!H7（备注）" in out and "备注「2025年为快报数」未导入" in out and "names 2025" in out
    for cell in ("主要指标!F4（2023）", "主要指标!F5（2023）", "主要指标!F6（2023）", "主要指标!E7（2022年）",
                 "主要指标!F7（2023）"):
        assert cell in out, cell
    assert "主要指标!D3（2021）：批注「2021年起口径调整」不在数据单元格上，未导入" in out
    assert "1 个公式单元格按工作簿保存的计算结果读取" in result.stderr


def test_the_dry_run_lists_every_reading_before_anything_is_written(invoke, plans_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = empty_plan(plans_dir)
    bureau_workbook(tmp_path / "统计局.xlsx")
    before = snapshot(folder)
    result = invoke("import", "统计局.xlsx", "--dry-run", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert snapshot(folder) == before
    text = re.sub(r"\s*\n\s*", "", result.stdout)  # the table is wrapped to the terminal's width
    for reading in ("读作 / read as 48.9亿元 → 48.9 亿元", "读作 / read as 502,000 → 502000",
                    "读作 / read as ３２．１ → 32.1", "— → 无数据 / no figure，未导入", "／ → 无数据 / no figure",
                    "… → 无数据 / no figure", "- → 无数据 / no figure"):
        assert reading in text, reading


# A refused cell, named as a clerk finds it: the sheet's tab, the cell, its column's header; the row by name (id).
REFUSED = [
    ("1,5", "主要指标!D4（2021年）", "'1,5'"),                      # not thousands separators: not a number
    ("31,80,000", "主要指标!D4（2021年）", "'31,80,000'"),
    ("12a", "主要指标!D4（2021年）", "'12a'"),
    ("48.9家", "主要指标!D4（2021年）", "家"),                       # a unit the indicator cannot take
    ("=C4*1.01", "主要指标!D4（2021年）", "never run"),             # a formula no spreadsheet has computed
]


@pytest.mark.parametrize(("cell", "where", "why"), REFUSED, ids=[c[0] for c in REFUSED])
def test_a_refused_cell_is_named_by_sheet_cell_and_header(invoke, plans_dir, tmp_path, monkeypatch, cell, where, why):
    monkeypatch.chdir(tmp_path)
    folder = empty_plan(plans_dir)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "主要指标"
    ws["A1"] = "2021年主要指标"
    ws.append([])
    ws.append(["指标名称", "单位", "2020年", "2021年"])
    ws.append(["增加值年均增长率", "万元", 486600, cell])
    wb.save(tmp_path / "t.xlsx")
    before = snapshot(folder)
    result = invoke("import", "t.xlsx", "--plans-dir", str(plans_dir))
    assert result.exit_code in (1, 2), result.stdout
    assert f"t.xlsx:4:4: 增加值年均增长率（value-added-growth）: {where}：" in result.stderr, result.stderr
    assert why in result.stderr
    assert snapshot(folder) == before


def test_a_csv_gets_the_same_readings(invoke, plans_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    empty_plan(plans_dir)
    (tmp_path / "b.csv").write_text(
        "指标,年份,数值,单位,来源,备注\n"
        '增加值年均增长率,2021,"489,000",万元,统计公报,\n'
        "增加值年均增长率,2022,50.2亿元,,统计公报,初步核算\n"
        "增加值年均增长率,2023,—,万元,统计公报,\n"
        "增加值年均增长率,2024,５５８０００,万元,统计公报,\n"
        '全社会固定资产投资,2021,"1，250",亿元,发改委,\n', encoding="utf-8")
    result = invoke("import", "b.csv", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    vag = actuals(plans_dir)["value-added-growth"]
    assert {y: (e["value"], e["unit"], e.get("note", "")) for y, e in vag.items()} == {
        "2021": (489000, "万元", ""), "2022": (Decimal("50.2"), "亿元", "初步核算"), "2024": (558000, "万元", "")}
    assert actuals(plans_dir)["fixed-asset-investment"]["2021"]["value"] == 1250
    assert "b.csv 第 4 行「数值」 增加值年均增长率（value-added-growth）：— → 无数据" in result.stdout


def test_a_csv_1_5_stays_refused(invoke, plans_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = empty_plan(plans_dir)
    (tmp_path / "b.csv").write_text('指标,年份,数值\n增加值年均增长率,2021,"1,5"\n', encoding="utf-8")
    before = snapshot(folder)
    result = invoke("import", "b.csv", "--plans-dir", str(plans_dir))
    assert result.exit_code == 1
    # Named by the sheet's own column, saying what import takes (not the command line's VALUE rule).
    assert ("b.csv:2:1: 增加值年均增长率（value-added-growth）: 数值 须为数字，例如 512000、3,180,000 或 27.72（逗号只能每三位"
            "一组；单位可写在数字后，如 48.9亿元，须能换算成该指标的单位），而不是 '1,5' / 数值 must be a number such as 512000, "
            "3,180,000 or 27.72 (commas only between groups of three digits; a unit after the number, as in 48.9亿元, must "
            "convert to the indicator's unit), not '1,5'\n") in result.stderr
    assert snapshot(folder) == before


# A row's 备注 in a wide sheet: on the one year it names, when the row has that year; otherwise listed, never copied.
ROW_NOTES = [
    ("2025年为快报数", {}, "names 2025"),
    ("2022年为快报数", {"2022": "2022年为快报数"}, None),
    ("２０２２年为快报数", {"2022": "２０２２年为快报数"}, None),
    ("可比价", {}, "names no year"),
    ("2021、2022年为快报数", {}, "names several years"),
    ("较2020年增长", {}, "names 2020"),
]


@pytest.mark.parametrize(("note", "placed", "listed"), ROW_NOTES, ids=[n[0] for n in ROW_NOTES])
def test_a_row_note_goes_only_where_it_belongs(invoke, plans_dir, tmp_path, monkeypatch, note, placed, listed):
    monkeypatch.chdir(tmp_path)
    empty_plan(plans_dir)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    ws.append(["指标名称", "单位", 2021, 2022, "备注"])
    ws.append(["增加值年均增长率", "万元", 489000, 502000, note])
    wb.save(tmp_path / "n.xlsx")
    result = invoke("import", "n.xlsx", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    vag = actuals(plans_dir)["value-added-growth"]
    assert {y: e.get("note", "") for y, e in vag.items()} == {"2021": "", "2022": ""} | placed
    if listed:
        assert f"表1!E2（备注） 增加值年均增长率（value-added-growth）：备注「{note}」未导入" in result.stdout
        assert listed in result.stdout
    else:
        assert "未导入" not in result.stdout


def test_a_comment_on_a_figure_joins_its_note_and_excels_author_label_is_left_out(invoke, plans_dir, tmp_path,
                                                                                   monkeypatch):
    monkeypatch.chdir(tmp_path)
    empty_plan(plans_dir)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["指标", "年份", "数值", "单位", "备注"])
    ws.append(["增加值年均增长率", 2021, 489000, "万元", "统计公报"])
    ws.append(["增加值年均增长率", 2022, 502000, "万元", None])
    wb.save(tmp_path / "c.xlsx")
    # Excel writes a note as its author in bold, a colon and a line break, then the words.
    with zipfile.ZipFile(tmp_path / "c.xlsx") as z:
        parts = {n: z.read(n) for n in z.namelist()}
    ws_comments = ('<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors>'
                   '<author>王科长</author></authors><commentList>'
                   '<comment ref="C2" authorId="0"><text><r><rPr><b/></rPr><t>王科长:</t></r>'
                   '<r><t xml:space="preserve">\n初步核算</t></r></text></comment>'
                   '<comment ref="C3" authorId="0"><text><t>快报数</t></text></comment></commentList></comments>')
    parts["xl/comments1.xml"] = ws_comments.encode()
    parts["xl/worksheets/_rels/sheet1.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" '
        'Target="../comments1.xml"/></Relationships>').encode()
    with zipfile.ZipFile(tmp_path / "c.xlsx", "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    result = invoke("import", "c.xlsx", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    vag = actuals(plans_dir)["value-added-growth"]
    assert (vag["2021"]["note"], vag["2022"]["note"]) == ("统计公报；初步核算", "快报数")
