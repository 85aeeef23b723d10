"""issue 17, items 2-5: workbooks made by real spreadsheet writers, Chinese headers, the wide layout, encodings,
and the status table as .xlsx (opened by LibreOffice where it is installed)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import XKS, snapshot

openpyxl = pytest.importorskip("openpyxl")


def actuals(plans_dir: Path) -> dict:
    return tomllib.loads((plans_dir / XKS / "actuals.toml").read_text(encoding="utf-8"), parse_float=Decimal)


def soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    calc = Path("/usr/lib/libreoffice/program/libscalo.so").exists() or any(
        Path("/usr/lib/libreoffice/program").glob("libsc*.so"))
    if found and calc:
        return found
    if os.environ.get("PLANTRACK_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail("PLANTRACK_REQUIRE_LIBREOFFICE=1 but LibreOffice Calc is not installed (libreoffice-calc-nogui)")
    pytest.skip("LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui)")


def convert(tool: str, source: Path, to: str, out: Path, *options: str) -> Path:
    profile = out / "lo-profile"
    result = subprocess.run([tool, f"-env:UserInstallation=file://{profile}", "--headless", *options, "--convert-to",
                             to, "--outdir", str(out), str(source)], capture_output=True, text=True, timeout=180)
    target = out / (source.stem + "." + to.split(":")[0])
    assert result.returncode == 0 and target.exists(), result.stdout + result.stderr
    return target


WIDE_CSV = ("指标名称,单位,2021年,2022 年,数据来源\n"
            "工业固定资产投资,亿元,,5.1,区发改委\n"
            "科创企业上市,家,,1,区金融办\n")


def test_libreoffice_made_workbook_imports(invoke, plans_dir, tmp_path, monkeypatch):
    tool = soffice()
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "统计表.csv"
    source.write_text(WIDE_CSV, encoding="utf-8")
    # Comma-separated, double quotes, UTF-8 (76): as a clerk opens the CSV in Calc and saves it as .xlsx.
    book = convert(tool, source, "xlsx", tmp_path / "out", "--infilter=CSV:44,34,76")
    result = invoke("import", str(book), "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    data = actuals(plans_dir)
    e = data["industrial-fixed-asset-investment"]["2022"]
    assert (e["value"], e["unit"], e["source"]) == (Decimal("5.1"), "亿元", "区发改委")
    t = data["tech-listings"]["2022"]
    assert (t["value"], t["unit"], t["source"]) == (1, "家", "区金融办")
    # The blank 2021 cells are "no figure": the 2021 entries are the ones that were there.
    assert data["industrial-fixed-asset-investment"]["2021"]["value"] == Decimal("27.72")


def formatted_workbook(path: Path) -> None:
    from openpyxl.styles import Font, PatternFill

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2022年"
    ws["A1"] = "小昆山镇2022年主要指标完成情况"
    ws.merge_cells("A1:F1")
    ws["A1"].font = Font(bold=True, size=16)
    ws["A2"] = "填报单位：镇统计站"
    ws.merge_cells("A2:F2")
    ws.append(["序号", "指标", "年份", "完成值", "单位", "数据来源"])
    for c in ws[3]:
        c.fill = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
    ws.append([8, "工业固定资产投资", 2022, 5.1, "亿元", "区发改委"])
    ws.append([10, "科创企业上市", 2022, 1, "家", "区金融办"])
    ws.append([None, "合计", None, "=D4+D5", None, None])
    ws.append([None, "注：数据为初步核算数", None, None, None, None])
    ws.append([])
    wb.create_sheet("空白")
    wb.save(path)


def test_formatted_workbook_with_titles_total_and_empty_sheet(invoke, plans_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    formatted_workbook(tmp_path / "2022.xlsx")
    result = invoke("import", "2022.xlsx", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2
    assert "合计" in result.stderr  # the total row and the note below it are named, not read
    data = actuals(plans_dir)
    e = data["industrial-fixed-asset-investment"]["2022"]
    assert (e["value"], e["unit"], e["source"]) == (Decimal("5.1"), "亿元", "区发改委")
    assert data["tech-listings"]["2022"]["source"] == "区金融办"


def test_workbook_bad_cell_names_row_and_column_and_writes_nothing(invoke, plans_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["指标", "年份", "数值", "来源"])
    ws.append(["tech-listings", 2022, 1, "区金融办"])
    ws.append(["new-srdi", "二〇二二", 1, "区经委"])
    ws.append(["new-srdi", 2023, "=1/0", "区经委"])  # a formula with no saved result: never run
    wb.save(tmp_path / "bad.xlsx")
    before = snapshot(plans_dir / XKS)
    result = invoke("import", "bad.xlsx", "--plans-dir", str(plans_dir))
    assert result.exit_code == 1
    # The cell as a clerk finds it (sheet!cell and its header), the row by its indicator's name and id (issue 28).
    assert "bad.xlsx:3:2: 新增专精特新企业（new-srdi）: Sheet!B3（年份）：年份须为四位数字" in result.stderr
    assert "bad.xlsx:4:3: 新增专精特新企业（new-srdi）: Sheet!C4（数值）：公式没有保存的计算结果" in result.stderr
    assert "never run" in result.stderr
    assert result.stdout == ""
    assert snapshot(plans_dir / XKS) == before


def test_sheet_option_and_missing_sheet(invoke, plans_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    wb = openpyxl.Workbook()
    wb.active.append(["说明"])
    ws = wb.create_sheet("数据")
    ws.append(["indicator", "year", "value", "source"])
    ws.append(["tech-listings", 2022, 1, "区金融办"])
    wb.save(tmp_path / "two.xlsx")
    missing = invoke("import", "two.xlsx", "--sheet", "没有", "--plans-dir", str(plans_dir))
    assert missing.exit_code == 2 and "数据" in missing.stderr
    result = invoke("import", "two.xlsx", "--sheet", "数据", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert actuals(plans_dir)["tech-listings"]["2022"]["value"] == 1


def test_export_xlsx_writes_text_as_strings_never_formulas(invoke, plans_dir, tmp_path):
    r = invoke("record", "tech-listings", "2022", "1", "--source", "=HYPERLINK(\"x\")", "--plans-dir", str(plans_dir))
    assert r.exit_code == 0, r.stderr
    out = tmp_path / "a.xlsx"
    result = invoke("export", "--format", "xlsx", "-o", str(out), "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    ws = openpyxl.load_workbook(out).active
    cells = [c for row in ws.iter_rows() for c in row if c.value == '=HYPERLINK("x")']
    assert cells and all(c.data_type == "s" for c in cells)
    numbers = [c.value for row in ws.iter_rows(min_row=2) for c in row if c.column == 5 and c.value is not None]
    assert all(isinstance(v, (int, float)) for v in numbers)


def test_export_xlsx_to_a_terminal_is_refused(invoke, plans_dir, monkeypatch):
    # Into a pipe or a file the workbook's bytes go out (issue 29); only a terminal is refused.
    monkeypatch.setattr("plantrack.render.destination._terminal", lambda stream: True)
    result = invoke("export", "--format", "xlsx", "--plans-dir", str(plans_dir))
    assert result.exit_code == 2 and "-o" in result.stderr and result.stdout == ""


def test_status_workbook_numbers_colours_and_pdf(invoke, plans_dir, tmp_path):
    out = tmp_path / "进度表.xlsx"
    result = invoke("export", "--what", "status", "--format", "xlsx", "-o", str(out), "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    ws = openpyxl.load_workbook(out).active
    # Issue 28, item 4: the terminal's own columns and cells (units, 年均, 尚需每年), no longer bare numbers.
    assert [c.value for c in ws[1]] == ["序号", "指标", "属性", "目标", "实际", "数据年", "应达", "进度比", "状态",
                                        "尚需每年", "期末预计", "把握"]
    assert ws.max_row == 15
    assert [c.value for c in ws[2]][3:] == ["年均 6%", "0.49%", "2021", "6.00%", "0.08", "严重滞后", "7.42%",
                                            "498718.96 万元", "不太可能 24%"]
    assert ws["I2"].fill.start_color.rgb.endswith("FFC7CE")
    tool = soffice()
    pdf = convert(tool, out, "pdf", tmp_path / "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_encodings_and_bom(invoke, plans_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "指标,年度,实际值,数据来源\n科创企业上市,2022,1,区金融办\n"
    (tmp_path / "u16.csv").write_bytes(text.encode("utf-16"))
    result = invoke("import", "u16.csv", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert "UTF-16" in result.stderr
    assert actuals(plans_dir)["tech-listings"]["2022"]["source"] == "区金融办"
    (tmp_path / "big5.csv").write_bytes(b"\x80\x80\x80")
    bad = invoke("import", "big5.csv", "--plans-dir", str(plans_dir))
    assert bad.exit_code == 2 and "UTF-8" in bad.stderr
    plain = invoke("export", "--no-bom", "--plans-dir", str(plans_dir))
    assert plain.stdout.startswith("plan,")
    assert invoke("export", "--plans-dir", str(plans_dir)).stdout.startswith("\ufeffplan,")


def test_export_checked_columns_must_match(invoke, plans_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.csv").write_text("plan,indicator,name,year,value\nother-plan,tech-listings,错的名字,2022,1\n",
                                    encoding="utf-8")
    before = snapshot(plans_dir / XKS)
    result = invoke("import", "x.csv", "--plans-dir", str(plans_dir))
    assert result.exit_code == 1
    assert "x.csv:2:1: plan:" in result.stderr and "x.csv:2:3: name:" in result.stderr
    assert snapshot(plans_dir / XKS) == before


def test_import_help_shows_a_chinese_example(invoke):
    result = invoke("import", "--help")
    assert "指标,年份,数值,单位,来源" in result.stdout and "--sheet" in result.stdout
