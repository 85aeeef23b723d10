"""issue 25, items 1, 3, 8, 9 and 13: workbooks that read as wrong figures, hide rows or sheets, blow up
memory from a few KB, or hold a chartsheet. Every hostile workbook is built here (openpyxl, zipfile)."""

from __future__ import annotations

import io
import subprocess
import sys
import tomllib
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import REPO, XKS, snapshot

openpyxl = pytest.importorskip("openpyxl")


def actuals(plans_dir: Path) -> dict:
    return tomllib.loads((plans_dir / XKS / "actuals.toml").read_text(encoding="utf-8"), parse_float=Decimal)


def book(path: Path, rows: list[list[object]], formats: dict[str, str] | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "data"
    for r in rows:
        ws.append(r)
    for coord, fmt in (formats or {}).items():
        ws[coord].number_format = fmt
    wb.save(path)
    return path


HEAD = ["指标", "年份", "数值", "增长率", "来源"]


# ---- item 1: percent-formatted cells -------------------------------------------------------------------

@pytest.mark.parametrize("held, fmt, stored", [
    (0.031, "0.0%", Decimal("3.1")),                 # Excel shows 3.1%
    (0.031000000000000003, "0.0%", Decimal("3.1")),  # binary noise past Excel's 15 digits: not data
    (0.027, "0.00%", Decimal("2.7")),                # shows 2.70%
    (0.05, "0%", Decimal("5")),
    (-0.012, "0.0%", Decimal("-1.2")),
])
def test_a_percent_formatted_rate_is_read_as_the_percentage_shown(invoke, plans_dir, tmp_path, held, fmt, stored):
    path = book(tmp_path / "p.xlsx", [HEAD, ["energy-intensity-decline", 2022, None, held, "区统计局"]],
                {"D2": fmt})
    result = invoke("import", str(path), "--confirm", "--force", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert actuals(plans_dir)["energy-intensity-decline"]["2022"]["rate"] == stored


@pytest.mark.parametrize("held, fmt, shows, holds", [
    (0.0310000000000001, "0.0%", "3.1%", "3.10000000000001%"),  # 15 significant digits: a real difference
    (0.0312, "0.0%", "3.1%", "3.12%"),
    (0.031, "0%", "3%", "3.1%"),
])
def test_a_percent_cell_that_holds_more_than_it_shows_is_refused_by_its_cell(invoke, plans_dir, tmp_path, held,
                                                                             fmt, shows, holds):
    path = book(tmp_path / "p.xlsx", [HEAD, ["energy-intensity-decline", 2022, None, held, "区统计局"]],
                {"D2": fmt})
    before = snapshot(plans_dir / XKS)
    result = invoke("import", str(path), "--force", "--plans-dir", str(plans_dir))
    assert result.exit_code == 1
    assert "p.xlsx:2:4: 产值能耗年均下降率（energy-intensity-decline）: data!D2（增长率）：" in result.stderr
    assert f"显示为 {shows}" in result.stderr and f"存的是 {holds}" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(plans_dir / XKS) == before


def test_a_percent_cell_in_a_field_that_is_not_a_percentage_is_refused_by_its_cell(invoke, plans_dir, tmp_path):
    # tech-listings counts firms (家): 0.5 shown as 50% is no number of firms.
    path = book(tmp_path / "p.xlsx", [HEAD, ["tech-listings", 2023, 0.5, None, "区金融办"]], {"C2": "0%"})
    before = snapshot(plans_dir / XKS)
    result = invoke("import", str(path), "--plans-dir", str(plans_dir))
    assert result.exit_code == 1
    assert "p.xlsx:2:3: 科创企业上市（tech-listings）: data!C2（数值）：" in result.stderr and "50%" in result.stderr
    assert "not a percentage" in result.stderr
    assert snapshot(plans_dir / XKS) == before


def test_a_percent_cell_in_the_wide_layout_is_read_as_the_percentage_shown(invoke, plans_dir, tmp_path):
    path = book(tmp_path / "w.xlsx", [["指标", "项目", "2022年", "来源"],
                                      ["energy-intensity-decline", "增长率", 0.031, "区统计局"]], {"C2": "0.0%"})
    result = invoke("import", str(path), "--confirm", "--force", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert actuals(plans_dir)["energy-intensity-decline"]["2022"]["rate"] == Decimal("3.1")


def test_a_plain_number_in_a_rate_column_is_read_as_typed(invoke, plans_dir, tmp_path):
    path = book(tmp_path / "p.xlsx", [HEAD, ["energy-intensity-decline", 2022, None, 3.1, "区统计局"]])
    result = invoke("import", str(path), "--force", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert actuals(plans_dir)["energy-intensity-decline"]["2022"]["rate"] == Decimal("3.1")


# ---- item 3: hidden sheets and rows --------------------------------------------------------------------

def hidden_first_sheet(path: Path) -> Path:
    wb = openpyxl.Workbook()
    old = wb.active
    old.title = "旧数据"
    old.append(["指标", "年份", "数值", "来源"])
    old.append(["tech-listings", 2023, 9, "旧表"])
    old.sheet_state = "hidden"
    ws = wb.create_sheet("data")
    ws.append(["指标", "年份", "数值", "来源"])
    ws.append(["tech-listings", 2023, 1, "区金融办"])
    wb.save(path)
    return path


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_first_sheet_is_skipped_and_said(invoke, plans_dir, tmp_path, state):
    path = hidden_first_sheet(tmp_path / "h.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["旧数据"].sheet_state = state
    wb.save(path)
    result = invoke("import", str(path), "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert actuals(plans_dir)["tech-listings"]["2023"]["value"] == 1
    assert "旧数据" in result.stderr and "hidden" in result.stderr


def test_a_hidden_sheet_named_by_sheet_is_read(invoke, plans_dir, tmp_path):
    path = hidden_first_sheet(tmp_path / "h.xlsx")
    result = invoke("import", str(path), "--sheet", "旧数据", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert actuals(plans_dir)["tech-listings"]["2023"]["value"] == 9


def hidden_rows(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["指标", "年份", "数值", "来源"])
    ws.append(["tech-listings", 2023, 1, "区金融办"])
    ws.append(["new-srdi", 2023, 7, "草稿"])
    ws.row_dimensions[3].hidden = True
    wb.save(path)
    return path


def test_hidden_rows_are_refused_by_row_and_change_nothing(invoke, plans_dir, tmp_path):
    path = hidden_rows(tmp_path / "r.xlsx")
    before = snapshot(plans_dir / XKS)
    result = invoke("import", str(path), "--plans-dir", str(plans_dir))
    assert result.exit_code == 1
    assert "r.xlsx:3:1:" in result.stderr and "--include-hidden" in result.stderr
    assert result.stdout == ""
    assert snapshot(plans_dir / XKS) == before


def test_the_dry_run_lists_hidden_rows_in_its_table_and_refuses_them(invoke, plans_dir, tmp_path):
    path = hidden_rows(tmp_path / "r.xlsx")
    before = snapshot(plans_dir / XKS)
    result = invoke("import", str(path), "--dry-run", "--plans-dir", str(plans_dir))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert "tech-listings 2023" in lines[0] and "隐藏" not in lines[0]
    assert "new-srdi 2023" in lines[1] and "隐藏行 / hidden row 3" in lines[1]
    assert "r.xlsx:3:1:" in result.stderr and "--include-hidden" in result.stderr
    assert snapshot(plans_dir / XKS) == before


def test_include_hidden_imports_hidden_rows(invoke, plans_dir, tmp_path):
    path = hidden_rows(tmp_path / "r.xlsx")
    result = invoke("import", str(path), "--include-hidden", "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert actuals(plans_dir)["new-srdi"]["2023"]["value"] == 7
    assert "隐藏行 / hidden row 3" in result.stdout


def test_include_hidden_is_for_workbooks_only(invoke, plans_dir, tmp_path):
    (tmp_path / "a.csv").write_text("indicator,year,value\ntech-listings,2023,1\n", encoding="utf-8")
    result = invoke("import", str(tmp_path / "a.csv"), "--include-hidden", "--plans-dir", str(plans_dir))
    assert result.exit_code == 2 and "--include-hidden" in result.stderr


# ---- item 13: chartsheets ------------------------------------------------------------------------------

def with_chartsheet(path: Path) -> Path:
    from openpyxl.chart import BarChart, Reference

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "data"
    ws.append(["indicator", "year", "value", "source"])
    ws.append(["tech-listings", 2023, 1, "区金融办"])
    cs = wb.create_chartsheet("图表", 0)
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=3, min_row=1, max_row=2), titles_from_data=True)
    cs.add_chart(chart)
    wb.save(path)
    return path


@pytest.mark.parametrize("args", [[], ["--sheet", "data"]])
def test_a_chartsheet_anywhere_is_skipped(invoke, plans_dir, tmp_path, args):
    path = with_chartsheet(tmp_path / "c.xlsx")
    result = invoke("import", str(path), *args, "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    assert actuals(plans_dir)["tech-listings"]["2023"]["value"] == 1


def test_a_chartsheet_named_by_sheet_is_refused(invoke, plans_dir, tmp_path):
    path = with_chartsheet(tmp_path / "c.xlsx")
    result = invoke("import", str(path), "--sheet", "图表", "--plans-dir", str(plans_dir))
    assert result.exit_code == 2
    assert "图表" in result.stderr and "chart sheet" in result.stderr and "Traceback" not in result.stderr


# ---- item 9: formula rows without saved results ----------------------------------------------------------

class Counting(dict):
    """A dict that counts every entry handed out, by iteration or by key."""

    looked = 0

    def items(self):
        for item in super().items():
            Counting.looked += 1
            yield item

    def __iter__(self):
        for key in super().__iter__():
            Counting.looked += 1
            yield key

    def keys(self):
        return list(iter(self))

    def values(self):
        return [v for _, v in self.items()]

    def get(self, key, default=None):
        Counting.looked += 1
        return super().get(key, default)

    def __getitem__(self, key):
        Counting.looked += 1
        return super().__getitem__(key)


def test_formula_cells_without_results_are_found_by_an_index_not_a_scan(plans_dir):
    """2,000 rows, each with a formula cell without a saved result: the bad cells are looked at a bounded number
    of times per row (it was every bad cell for every row: about 2,000,000 looks here)."""
    from plantrack.errors import PlantrackError
    from plantrack.opening import open_plan
    from plantrack.sheets.grid import Grid
    from plantrack.sheets.layout import pending_changes

    n = 2000
    rows = [(1, ["indicator", "year", "value"])] + [(r, ["tech-listings", "2023", ""]) for r in range(2, n + 2)]
    bad = Counting({(r, 2): "a formula with no saved result" for r in range(2, n + 2)})
    Counting.looked = 0
    grid = Grid("f.xlsx", rows, xlsx=True, bad=bad)
    with pytest.raises(PlantrackError) as refused:
        pending_changes(grid, open_plan(plans_dir, XKS))
    assert f"{n} 行有错误" in str(refused.value)
    assert Counting.looked <= 3 * n


# ---- item 8: blow-ups from tiny files --------------------------------------------------------------------

def far_cell(path: Path, coordinate: str) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["indicator", "year", "value", "source"])
    ws.append(["tech-listings", 2023, 1, "区金融办"])
    ws[coordinate] = "x"
    wb.save(path)
    return path


# Run in a child with its address space capped at 1 GB: the old code died of MemoryError (a traceback) or was
# killed; now a message naming the cap, exit 1 or 2, quickly and in little memory.
CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from plantrack.cli import main
sys.argv = ["plantrack", "import", sys.argv[1], "--dry-run", "--plans-dir", sys.argv[2]]
main()
"""


def run_capped(path: Path, plans_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(REPO / "src"), "NO_COLOR": "1", "COLUMNS": "200", "PATH": "/usr/bin:/bin",
           "PLANTRACK_NO_CACHE": "1"}
    return subprocess.run([sys.executable, "-c", CHILD, str(path), str(plans_dir)], capture_output=True, text=True,
                          timeout=300, env=env)


@pytest.mark.parametrize("coordinate, cap", [("XFD1048576", "100000"), ("A1048576", "100000"),
                                             ("AAA100", "256")])
def test_one_far_cell_is_refused_by_the_cap_it_passes(plans_dir, tmp_path, coordinate, cap):
    path = far_cell(tmp_path / "far.xlsx", coordinate)
    assert path.stat().st_size < 10_000
    before = snapshot(plans_dir / XKS)
    result = run_capped(path, plans_dir)
    assert result.returncode == 2, result.stderr[-2000:]
    assert coordinate in result.stderr and cap in result.stderr
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert snapshot(plans_dir / XKS) == before


def test_a_million_cells_in_one_small_file_are_refused_by_the_cell_cap(plans_dir, tmp_path):
    # 5,000 rows of 250 cells of 0 (inside the row and column caps): they compress to a few hundred KB.
    sheet = io.StringIO()
    sheet.write('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                'spreadsheetml/2006/main"><sheetData>')
    for r in range(1, 5001):
        sheet.write(f'<row r="{r}">' + "<c><v>0</v></c>" * 250 + "</row>")
    sheet.write("</sheetData></worksheet>")
    path = tmp_path / "many.xlsx"
    book(tmp_path / "base.xlsx", [["indicator"]])
    with zipfile.ZipFile(tmp_path / "base.xlsx") as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = sheet.getvalue().encode() if item.filename == "xl/worksheets/sheet1.xml" else src.read(item)
            dst.writestr(item.filename, data)
    assert path.stat().st_size < 200_000
    result = run_capped(path, plans_dir)
    assert result.returncode == 2, result.stderr[-2000:]
    assert "1000000" in result.stderr and "Traceback" not in result.stderr


def test_the_size_limit_applies_to_what_a_workbook_unpacks_to(invoke, plans_dir, tmp_path, monkeypatch):
    """A member that unpacks to more than the limit is refused before openpyxl parses anything (the limit is
    lowered to 1 MB here so the test builds a small bomb; the check is the same at 256 MB)."""
    from plantrack.sheets import reading, xlsx

    monkeypatch.setattr(reading, "IMPORT_MAX_BYTES", 1024 * 1024)
    path = book(tmp_path / "bomb.xlsx", [["indicator", "year", "value"], ["tech-listings", 2023, 1]])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/padding.bin", b"\0" * (2 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    parsed = []
    monkeypatch.setattr(xlsx, "openpyxl", lambda: parsed.append(1))
    result = invoke("import", str(path), "--plans-dir", str(plans_dir))
    assert result.exit_code == 2
    assert "1 MB" in result.stderr and "unpack" in result.stderr
    assert parsed == []


def test_only_the_sheet_read_is_parsed_and_only_once(invoke, plans_dir, tmp_path, monkeypatch):
    """The old code loaded the whole workbook twice (every sheet, every cell made an object, each time)."""
    wb = openpyxl.Workbook()
    wb.active.append(["indicator", "year", "value", "source"])
    wb.active.append(["tech-listings", 2023, 1, "x"])
    wb.create_sheet("其他").append(["说明"])
    wb.save(tmp_path / "a.xlsx")
    opened = []
    real = zipfile.ZipFile.open

    def logging(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return real(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", logging)
    result = invoke("import", str(tmp_path / "a.xlsx"), "--plans-dir", str(plans_dir))
    assert result.exit_code == 0, result.stderr
    sheets = [name for name in opened if name.startswith("xl/worksheets/")]
    assert sheets == ["xl/worksheets/sheet1.xml"]


@pytest.mark.parametrize("fmt, places", [
    ("General", None), ("0", None), ("0.00", None), ("0%", 0), ("0.0%", 1), ("0.00%", 2), ("#,##0.0%", 1),
    ("0.0%;[Red]-0.0%", 1), ('0.0"%"', None), ("0.0\\%", None), ("[Red]0.0", None), ("0.0;0.0%", None),
])
def test_which_number_formats_show_a_percentage(fmt, places):
    from plantrack.sheets.percent import percent_places

    assert percent_places(fmt) == places
