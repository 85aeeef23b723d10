"""Long and wide layouts: a grid's rows as changes (import), and a plan's actuals as rows (export).

Long: one row per indicator and year (the columns of headers.ALIASES). Wide: one row per indicator, one
column per year (2021, 2021年, "2021 年"); an optional `item` (项目) column says which field a row holds
(value, rate, unit, assessment, source, note); without it a row holds the indicator's own figure (its value,
its rate for a rate-only indicator, its assessment for a qualitative one) and its unit/source/note columns
apply to every year of the row. A blank cell is "no figure", never zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from plantrack.errors import Finding, PlantrackError
from plantrack.plan import Plan
from plantrack.changes import Change, Words
from plantrack.sheets import headers as H
from plantrack.sheets.figures import Figures, joined, label
from plantrack.sheets.grid import BadRows, Grid
from plantrack.sheets.headrow import find_header, header_columns
from plantrack.sheets.numbers import ACCEPTS
from plantrack.years import year_in

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from plantrack.models import Indicator

    Body = list[tuple[int, list[str]]]  # Grid.rows: (line, cells)
    Find = Callable[[str], Indicator | None]



@dataclass
class Pending:
    change: Change
    where: tuple[str, int, int]
    checks: dict[str, tuple[str, int]] = field(default_factory=dict)  # checked column -> (cell, column index)
    hidden: tuple[int, ...] = ()  # the workbook's hidden rows it came from
    read: tuple[str, ...] = ()    # how its cells were read, when not as written ("3,180,000 → 3180000")


def pending_changes(grid: Grid, plan: Plan) -> list[Pending]:
    at, header = find_header(grid)
    columns, years = header_columns(grid, at, header)
    grid.header = header
    body = grid.rows[at + 1:]
    bad = BadRows()
    figures = Figures(grid, plan, bad)
    pending = (_wide if years else _long)(grid, plan, header, columns, years, body, bad, figures)
    figures.leftover()
    bad.raise_if_any()
    if not pending:
        raise PlantrackError(f"{grid.display} 没有数据行 / the file has no data rows", code=2)
    return pending


def _cells(grid: Grid, line: int, cells: list[str], header: list[str], bad: BadRows) -> list[str] | None:
    """A data row's cells, stripped and unguarded; None if the row is refused (reported in `bad`)."""
    from plantrack.csvio import from_spreadsheet_text

    width = len(header)
    if any(c.strip() for c in cells[width:]):
        # More filled cells than the header (an unquoted "1,5"): reading 1 and dropping the rest would be silent.
        bad.add(Finding(grid.display, line, width + 1 if grid.xlsx else 1, "", f"这一行的单元格多于表头的 {width} 列（数字中的逗号？1,5 应写作 1.5）"
                        f" / more cells than the {width} header columns (a comma inside a number?)"))
        return None
    for col in grid.bad_cells(line):
        if col < width:
            why = grid.bad[(line, col)]
            bad.add(Finding(grid.display, line, col + 1, header[col], f"{grid.where(line, col, header[col])}：{why}"))
            return None
    cells = [(c or "").strip() for c in cells[:width]] + [""] * (width - len(cells))
    # A CSV cell exported as '=… (so that a spreadsheet does not run it) is the text =…; a workbook's text is text.
    return cells if grid.xlsx or grid.exact else [from_spreadsheet_text(c) for c in cells]


def _rows(grid: Grid, header: list[str], body: Body, columns: dict[str, int], bad: BadRows, find: Find
          ) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of each data row: blank rows skipped, nothing read from a 合计/总计 row on. Each row's
    indicator is named for messages first, so that a refused cell names its row too (issue 28, item 3)."""
    first = max(columns.get("indicator", 0), columns.get("name", 0)) + 1
    for line, raw in body:
        key = (raw[columns["indicator"]] or "").strip() if columns["indicator"] < len(raw) else ""
        grid.labels[line] = label(find(key), key)
        if any(H.is_total(c or "") for c in raw[:first]):
            grid.notes.append(f"{grid.display}:{line}：「合计」行及其以下不导入 / the total row and the rows below it are "
                              "not imported")
            return
        cells = _cells(grid, line, raw, header, bad)
        if cells is None or not any(cells):
            continue
        yield line, cells


def _checks(columns: dict[str, int], cells: list[str]) -> dict[str, tuple[str, int]]:
    return {k: (cells[columns[k]], columns[k]) for k in H.CHECKED if k in columns and cells[columns[k]]}


def _long(grid: Grid, plan: Plan, header: list[str], columns: dict[str, int], _years: dict[int, int], body: Body,
          bad: BadRows, figures: Figures) -> list[Pending]:
    out = []
    get: Callable[[list[str], str], str] = lambda cells, k: cells[columns[k]] if k in columns else ""
    names = {i: k for k, i in columns.items()}
    find = resolver(plan)
    words = _words(header, columns)
    for line, cells in _rows(grid, header, body, columns, bad, find):
        year = get(cells, "year")
        if year.endswith(".0") and grid.xlsx:
            year = year[:-2]
        number = year_in(year)  # the one rule for a year as written (years.py): 2021, 2021年, as a header says it
        if number is None:
            col = columns["year"]
            bad.add(Finding(grid.display, line, col + 1 if grid.xlsx else 1, "year",
                            f"{grid.where(line, col, header[col]) + '：' if grid.xlsx else ''}年份须为四位数字，而不是 {year!r} / "
                            "year must be four digits"))
            continue
        if not _percent_ok(grid, find, line, {c: names.get(c, "") for c in grid.percent_cells(line)},
                           get(cells, "indicator"), get(cells, "unit"), bad):
            continue
        read = {k: figures.figure(line, columns[k], cells[columns[k]], k)
                for k in ("value", "rate") if k in columns}
        if any(r is None for r in read.values()):
            continue  # refused at its cell
        value, unit, how = read.get("value") or (None, None, "")
        rate, _, how_rate = read.get("rate") or (None, None, "")
        if value is None and rate is None and not get(cells, "assessment") and (how or how_rate):
            continue  # "—": no figure this year, listed in the summary
        # A comment on the figure (or on the row's name: the row is this one figure) is the figure's note.
        noted = [figures.comment(line, columns[k]) for k in ("indicator", "name", "value", "rate", "assessment")
                 if k in columns]
        change = Change(
            indicator=get(cells, "indicator"), year=number, value=value, rate=rate,
            unit=unit or _unit_of(get(cells, "unit"), value, rate), assessment=get(cells, "assessment") or None,
            source=get(cells, "source"), note=joined(get(cells, "note"), *noted), words=words)
        # A workbook's finding names the value's column; a CSV's stays at the row (FILE:LINE:1), as it always was.
        col = columns.get("value", columns.get("rate", 0)) + 1 if grid.xlsx else 1
        out.append(Pending(change, (grid.display, line, col), _checks(columns, cells),
                           (line,) if line in grid.hidden else (), tuple(h for h in (how, how_rate) if h)))
    return out


def _words(header: list[str], columns: dict[str, int], figure: str | None = None) -> Words:
    """A row's fields named as the sheet names them (a wide sheet's figure by its year column), and what import
    reads in a cell (sheets/numbers.py): a refusal speaks of the column the user filled in, not of VALUE."""
    def name(key: str, default: str) -> str:
        return figure if figure and key != "unit" else header[columns[key]] if key in columns else default

    return Words(name("value", "数值"), name("rate", "增长率"), name("unit", "单位"), ACCEPTS)


def _unit_of(unit: str, value: str | None, rate: str | None) -> str | None:
    """The unit column's unit for this row: a "%" beside a rate alone says what a rate always is."""
    return None if not unit or (unit == "%" and value is None and rate is not None) else unit


def _percent_ok(grid: Grid, find: Find, line: int, fields: dict[int, str], key: str, unit: str, bad: BadRows) -> bool:
    """A percent-formatted cell (its text already the percentage it shows) may only give a field that is a
    percentage: a rate, or a value in %. Anywhere else (a count, an amount, a year) it is refused at its cell."""
    for col, what in fields.items():
        ind = find(key) if what == "value" else None
        if what == "rate" or (what == "value" and ((unit or (ind.level_unit if ind else None)) == "%" or ind is None)):
            continue  # an unknown indicator: recording names it at this row
        name = grid.header_at(col)
        bad.add(Finding(grid.display, line, col + 1, what or name,
                        f"{grid.where(line, col, name)}：单元格是百分比格式（显示为 {grid.percent[(line, col)]}），而这里要的不是百分数；"
                        "请去掉百分比格式，填写本来的数值 / the cell is formatted as a percentage "
                        f"({grid.percent[(line, col)]}) but {what or 'this column'} is not a percentage: "
                        "remove the % format and enter the figure itself"))
        return False
    return True


def resolver(plan: Plan) -> Find:
    """key -> indicator or None, matching as Plan.find_indicator does, but without building its message for a
    miss (nearest names cost ~70 µs each: a million bad rows must stay cheap, test_attack_limits.py)."""
    names: dict[str, Indicator] = {}
    for ind in reversed(plan.indicators):
        for k in (ind.id, str(ind.no), ind.name):
            names[k] = ind
    english = {ind.name_en.lower(): ind for ind in reversed(plan.indicators) if ind.name_en}
    return lambda key: names.get(key.strip()) or english.get(key.strip().lower())


def main_field(ind: Indicator | None) -> str:
    """What a wide row without an item column holds for this indicator (None: one the plan does not have)."""
    if ind is None:
        return "value"
    if ind.kind == "qualitative":
        return "assessment"
    return "rate" if ind.level_unit is None else "value"


def _wide(grid: Grid, plan: Plan, header: list[str], columns: dict[str, int], years: dict[int, int], body: Body,
          bad: BadRows, figures: Figures) -> list[Pending]:
    fields: dict[tuple[str, int], dict[str, str]] = {}
    where: dict[tuple[str, int], tuple[str, int, int]] = {}
    checks: dict[str, dict[str, tuple[str, int]]] = {}
    hidden: dict[tuple[str, int], set[int]] = {}
    notes: dict[tuple[str, int], list[str]] = {}  # a row's 备注 placed on its year, a figure's comment
    reads: dict[tuple[str, int], list[str]] = {}
    find = resolver(plan)
    for line, cells in _rows(grid, header, body, columns, bad, find):
        key = cells[columns["indicator"]]
        ind = find(key)
        ident = key if ind is None else ind.id  # an unknown one: recording reports it, at this row
        if "item" in columns:
            what = H.item(cells[columns["item"]])
            if what is None:
                col = columns["item"]
                bad.add(Finding(grid.display, line, col + 1, "item",
                                f"{grid.where(line, col, header[col])}：项目须为 {', '.join(H.FIELDS)}（或 {'、'.join(H.label(k, 'zh') for k in H.FIELDS)}）"
                                f"之一，而不是 {cells[col]!r} / item must be one of {', '.join(H.FIELDS)}"))
                continue
        else:
            what = main_field(ind)
        percent = grid.percent_cells(line)
        if percent:
            field_of = {c: n for n, c in columns.items()} | {c: what for c in years.values()}
            if not _percent_ok(grid, find, line, {c: field_of.get(c, "") for c in percent}, key,
                               cells[columns["unit"]] if "unit" in columns else "", bad):
                continue
        checks.setdefault(ident, {}).update(_checks(columns, cells))
        # unit and source apply to every year of the row; a 备注 only to the year it names (below).
        row_wide = {k: cells[columns[k]] for k in ("unit", "source") if k in columns and cells[columns[k]]}
        given: set[int] = set()
        for year, col in years.items():
            cell = cells[col]
            if cell.endswith(".0") and grid.xlsx and what != "note" and what != "source":
                cell = cell[:-2]
            read = figures.figure(line, col, cell, what)
            if read is None or read[0] is None:
                continue  # blank: no figure, never zero; "—": no figure, listed; refused: at its cell
            cell, unit, how = read[0], read[1], read[2]
            got = fields.setdefault((ident, year), {})
            if what in got or (unit and got.get("unit", unit) != unit):
                bad.add(Finding(grid.display, line, col + 1, key, f"{grid.where(line, col, header[col])}："
                                f"{year} 年的 {what} 出现两次 / {what} for {year} given twice"))
                continue
            got[what] = cell
            if unit:
                got["unit"] = unit
            given.add(year)
            reads.setdefault((ident, year), []).extend([how] if how else [])
            notes.setdefault((ident, year), []).append(figures.comment(line, col))
            if line in grid.hidden:
                hidden.setdefault((ident, year), set()).add(line)
            if what in ("value", "rate", "assessment"):
                for k, v in row_wide.items():
                    if not (k == "unit" and v == "%" and what == "rate"):  # a rate's "%": what a rate always is
                        got.setdefault(k, v)
            where.setdefault((ident, year), (grid.display, line, col + 1))
        for place in ("note", "indicator", "name"):
            col = columns.get(place, -1)
            text = cells[col] if place == "note" and col >= 0 else figures.comment(line, col)
            if text and (noted := figures.row_note(line, col, text, given)) is not None:
                notes[(ident, noted)].append(text)
    out = []
    for (ident, year), got in fields.items():
        change = Change(indicator=ident, year=year, value=got.get("value"), rate=got.get("rate"),
                        unit=got.get("unit"), assessment=got.get("assessment"),
                        source=got.get("source", ""), note=joined(got.get("note", ""), *notes.get((ident, year), [])),
                        words=_words(header, columns, header[years[year]]))
        out.append(Pending(change, where[(ident, year)], checks.get(ident, {}),
                           tuple(sorted(hidden.get((ident, year), ()))), tuple(reads.get((ident, year), ()))))
    return out
