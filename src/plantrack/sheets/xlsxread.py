"""Reading a workbook for import (issue 25): what it unpacks to is bounded before anything is parsed, only the
sheet read is parsed, once and streaming, and its cells are capped; hidden sheets, chart sheets, hidden rows
and percent-formatted cells are told apart.

openpyxl reads the package (content types, shared strings, workbook, styles) but no worksheet: its read-only
worksheets parse a sheet without a <dimension> whole at load time, and pad every row to the dimension the file
claims (one cell at XFD1048576 made billions of cells). The sheet's own XML is walked here, each finished
element dropped as soon as it is read, and each cell decoded by openpyxl's own cell parser.
"""

from __future__ import annotations

import io
import zipfile
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import TYPE_CHECKING, NamedTuple

from plantrack.errors import PlantrackError
from plantrack.text import safe
from plantrack.sheets import xlsx
from plantrack.sheets.comments import read_comments
from plantrack.sheets.grid import Grid
from plantrack.sheets.percent import percent_places
from plantrack.sheets.pieces import in_large_pieces

if TYPE_CHECKING:
    from typing import Any

# A plan's sheet is a few hundred rows and a few dozen columns; these are far above any real one and far below
# what costs memory. A row or column beyond its cap holding a value, or more cells than the cap, is refused.
MAX_ROWS = 100_000
MAX_COLUMNS = 256          # IV, the old Excel's last column
MAX_CELLS = 1_000_000      # <c> elements parsed, with or without a value
MAX_ELEMENTS = 4_000_000   # every XML element of the sheet
MAX_MEMBERS = 10_000       # files in the package


class Bound(NamedTuple):
    """How much a workbook may unpack to, and what the refusal calls the limit and advises: `import`'s by
    default; `serve`'s page passes a smaller one of its own (web/write.py), a browser being any colleague's."""

    limit: int
    name: tuple[str, str] = ("导入", "import")
    advice: tuple[str, str] = ("请只保留要导入的表，另存后再导入", "keep only the sheet to import and save it again")


_EXCEL_DIGITS = Context(prec=15, rounding=ROUND_HALF_UP)  # what Excel keeps and shows of a double


def read_workbook(data: bytes, display: str, sheet: str | None, bound: Bound) -> Grid:
    _refuse_unpacked(data, display, bound)
    xlsx.openpyxl()  # the extra is installed, or a message saying how to get it
    try:
        from openpyxl.reader.excel import ExcelReader
        from openpyxl.styles.stylesheet import apply_stylesheet

        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
        in_large_pieces(reader.archive)  # a long XML comment costs seconds, not minutes (sheets/pieces.py)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        sheets = [(s.name, s.state or "visible", "chartsheet" in (r.Type or ""), r.target)
                  for s, r in reader.parser.find_sheets() if r.target in reader.valid_files]
    except Exception as exc:  # a damaged or foreign zip: zipfile, KeyError, ValueError... all mean "not readable"
        raise _unreadable(display, exc) from None
    grid = Grid(display, [], xlsx=True)
    grid.sheet, target = _choose(sheets, display, sheet, grid)
    try:
        with reader.archive.open(target) as src:
            _Sheet(reader, grid).read(src)
        grid.comments = read_comments(reader.archive, target, display, MAX_CELLS, MAX_ELEMENTS)
    except PlantrackError:
        raise
    except Exception as exc:
        raise _unreadable(display, exc) from None
    finally:
        reader.archive.close()
    return grid


def _unreadable(display: str, exc: Exception) -> PlantrackError:
    return PlantrackError(f"{display} 不是可读取的 .xlsx 工作簿（{type(exc).__name__}）/ not a readable .xlsx workbook",
                          code=2)


def _refuse_unpacked(data: bytes, display: str, bound: Bound) -> None:
    """The import limit holds for what the package unpacks to: the sizes its directory declares (zipfile never
    unpacks a member past its declared size), summed before any member is read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except Exception as exc:
        raise _unreadable(display, exc) from None
    total = sum(i.file_size for i in infos)
    mb = bound.limit // (1024 * 1024)
    if total > bound.limit or len(infos) > MAX_MEMBERS:
        (zh, en), (do_zh, do_en) = bound.name, bound.advice
        raise PlantrackError(
            f"{display} 解压后有 {total // (1024 * 1024)} MB、{len(infos)} 个部件，超过{zh}上限 {mb} MB、{MAX_MEMBERS} 个部件；"
            f"{do_zh} / the workbook would unpack to more than the {mb} MB {en} limit "
            f"(or {MAX_MEMBERS} parts): {do_en}", code=2)


def _choose(sheets: list[tuple[str, str, bool, str]], display: str, sheet: str | None, grid: Grid
            ) -> tuple[str, str]:
    """The part to read: --sheet NAME (a hidden one too, never a chart sheet), else the first visible worksheet."""
    if sheet is not None:
        found = [s for s in sheets if s[0] == sheet]
        if not found:
            names = ", ".join(safe(s[0]) for s in sheets)
            raise PlantrackError(f"{display} 中没有工作表 {sheet!r}；可用 / sheets: {names}", code=2)
        name, state, chart, target = found[0]
        if chart:
            raise PlantrackError(f"{display} 的「{safe(name)}」是图表工作表，没有可读取的单元格；请选择数据所在的工作表 / "
                                 f"{name!r} is a chart sheet: it holds no cells to read, name the sheet with the data",
                                 code=2)
        if state != "visible":
            grid.notes.append(f"{safe(display)}：按 --sheet 读取隐藏的工作表「{safe(name)}」/ reading the hidden sheet "
                              f"{name!r}, as --sheet names it")
        return name, target
    hidden = [s[0] for s in sheets if not s[2] and s[1] != "visible"]
    visible = [s for s in sheets if not s[2] and s[1] == "visible"]
    if hidden:
        grid.notes.append(f"{safe(display)}：跳过隐藏的工作表「{'」「'.join(map(safe, hidden))}」（要读取请用 --sheet）/ "
                          f"skipped the hidden sheet(s) {', '.join(map(repr, hidden))}: name one with --sheet to read it")
    if not visible:
        raise PlantrackError(f"{display} 没有可见的工作表；请用 --sheet 指定要读取的工作表 / no visible worksheet: "
                             "name the sheet to read with --sheet", code=2)
    if len(visible) > 1:
        grid.notes.append(f"{safe(display)}：读取第一个工作表「{safe(visible[0][0])}」（另有 {len(visible) - 1} 个工作表，"
                          f"可用 --sheet 选择）/ read the first sheet {visible[0][0]!r}; choose another with --sheet")
    return visible[0][0], visible[0][3]


class _Sheet:
    """One walk over a worksheet's XML: rows of text cells into the grid, each element dropped once read."""

    def __init__(self, reader: Any, grid: Grid) -> None:
        from openpyxl.worksheet._reader import WorkSheetParser

        wb = reader.wb
        self.wb, self.grid = wb, grid
        # openpyxl's own cell decoding (shared strings, booleans, dates by style, inline strings), saved results
        # for formulas; whether a cell holds a formula is looked up here.
        self.cells = WorkSheetParser(None, reader.shared_strings, data_only=True, epoch=wb.epoch,
                                     date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        self.places: dict[int, int | None] = {}  # style id -> decimals of a percent format, None: not a percent
        self.computed = 0

    def read(self, src: Any) -> None:
        from openpyxl.xml.constants import SHEET_MAIN_NS
        from openpyxl.xml.functions import iterparse

        ns = "{%s}" % SHEET_MAIN_NS
        row_tag, cell_tag = ns + "row", ns + "c"
        stack: list[Any] = []
        elements = cells = 0
        row: list[tuple[int, str]] = []
        for event, el in iterparse(src, events=("start", "end")):
            if event == "start":
                if el.tag == row_tag:
                    self._row_start(el)
                    row = []
                stack.append(el)
                continue
            stack.pop()
            elements += 1
            if elements > MAX_ELEMENTS:
                raise self._cap(f"超过 {MAX_ELEMENTS} 个 XML 元素 / more than {MAX_ELEMENTS} XML elements")
            if el.tag == cell_tag:
                cells += 1
                if cells > MAX_CELLS:
                    raise self._cap(f"超过 {MAX_CELLS} 个单元格 / more than {MAX_CELLS} cells")
                self._cell(el, ns, row)
            elif el.tag == row_tag:
                self._row_end(el, row)
            # Drop what is read (a cell's own children stay until the cell is): memory stays flat, whatever the size.
            if stack and not any(e.tag == cell_tag for e in stack):
                el.clear()
                stack[-1].remove(el)
        if self.computed:
            display = safe(self.grid.display)
            self.grid.notes.append(f"{display}：{self.computed} 个公式单元格按工作簿保存的计算结果读取（公式本身不执行）/ "
                                   f"{self.computed} formula cell(s) read as their saved results (never run)")

    def _row_start(self, el: Any) -> None:
        r = el.get("r")
        self.cells.row_counter = int(r) if r is not None else self.cells.row_counter + 1
        self.cells.col_counter = 0

    def _row_end(self, el: Any, row: list[tuple[int, str]]) -> None:
        line = self.cells.row_counter
        if not row:
            return
        width = max(col for col, _ in row) + 1
        texts = [""] * width
        for col, text in row:
            texts[col] = text
        while texts and not texts[-1]:
            texts.pop()
        if texts or any((line, col) in self.grid.bad for col, _ in row):
            self.grid.rows.append((line, texts))
            if el.get("hidden") in ("1", "true"):
                self.grid.hidden.add(line)

    def _cell(self, el: Any, ns: str, row: list[tuple[int, str]]) -> None:
        cell = self.cells.parse_cell(el)
        line, col, value = cell["row"], cell["column"] - 1, cell["value"]
        formula = el.find(ns + "f") is not None
        if value is None and not formula:
            return  # a formatted blank: it extends nothing
        coordinate = _coordinate(line, col)
        if line > MAX_ROWS:
            raise self._cap(f"单元格 {coordinate} 超出 {MAX_ROWS} 行的上限 / cell {coordinate} is past the "
                            f"{MAX_ROWS}-row cap")
        if col >= MAX_COLUMNS:
            raise self._cap(f"单元格 {coordinate} 超出 {MAX_COLUMNS} 列的上限 / cell {coordinate} is past the "
                            f"{MAX_COLUMNS}-column cap")
        if formula:
            if value is None:
                self.grid.bad[(line, col)] = ("公式没有保存的计算结果（plantrack 不执行公式）：请在 Excel 中打开并保存，"
                                              "或改为数值 / a formula with no saved result (formulas are never run)")
                row.append((col, ""))
                return
            self.computed += 1
        places = self._percent_places(cell["style_id"])
        if places is not None and isinstance(value, (int, float)) and not isinstance(value, bool):
            row.append((col, self._percent(el.findtext(ns + "v") or str(value), places, line, col)))
        else:
            row.append((col, xlsx.cell_text(value)))

    def _percent(self, raw: str, places: int, line: int, col: int) -> str:
        """A percent-formatted number as the percentage it shows: 0.031 under 0.0% is 3.1, exactly. The double's
        noise past Excel's 15 digits is not data (0.031000000000000003 is 0.031); a cell that holds more than it
        shows (0.0312 under 0.0%) is refused at its cell, for the user to say which figure is meant."""
        from plantrack.numbers import fmt_exact

        held = _EXCEL_DIGITS.plus(Decimal(raw.strip()))
        pct = held.scaleb(2)
        shown = pct.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        self.grid.percent[(line, col)] = f"{shown}%"
        if pct != shown:
            self.grid.bad[(line, col)] = (
                f"单元格显示为 {shown}%，存的是 {fmt_exact(pct)}%；请在工作簿中改成要导入的数值（或用 ROUND），"
                f"或让格式显示全部小数 / the cell shows {shown}% but holds {fmt_exact(pct)}%: enter the figure meant, "
                "or show every decimal")
        return fmt_exact(pct)

    def _percent_places(self, style_id: int) -> int | None:
        if style_id not in self.places:
            from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

            try:
                num = self.wb._cell_styles[style_id].numFmtId
                fmt = (BUILTIN_FORMATS.get(num, "General") if num < BUILTIN_FORMATS_MAX_SIZE
                       else self.wb._number_formats[num - BUILTIN_FORMATS_MAX_SIZE])
            except (IndexError, KeyError, AttributeError):
                fmt = "General"
            self.places[style_id] = percent_places(fmt)
        return self.places[style_id]

    def _cap(self, what: str) -> PlantrackError:
        return PlantrackError(f"{self.grid.display}：工作表{what}；请删去多余的单元格（或只复制要导入的表到新工作簿）后再导入 / "
                              "the sheet is past a cap: delete the stray cells, or copy the table to import into a "
                              "new workbook", code=2)


def _coordinate(line: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col + 1) if col < 18278 else col + 1}{line}"
