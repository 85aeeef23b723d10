"""The header row of an import file: found below any title rows, two rows read as one where a bureau merges a
group title over its year columns, and its cells mapped to columns (headers.py) and years."""

from __future__ import annotations

from plantrack.errors import PlantrackError
from plantrack.sheets import headers as H
from plantrack.sheets.grid import Grid
from plantrack.years import year_in  # a year column's header: 2021, 2021年, 2021 年

_HEADER_SEARCH = 20  # title rows (merged or not) above the header: a workbook rarely has more than two


def find_header(grid: Grid) -> tuple[int, list[str]]:
    """The header row: the first of the first rows that names an indicator column (title rows above skipped)."""
    for i, (_, cells) in enumerate(grid.rows[:_HEADER_SEARCH]):
        names = [H.column(c) for c in cells]
        if "indicator" in names or "no" in names:
            return _two_rows(grid, i, [c.strip() for c in cells])
    raise _header_refusal(grid, grid.rows[0][0] if grid.rows else 1)


def _two_rows(grid: Grid, at: int, header: list[str]) -> tuple[int, list[str]]:
    """A bureau's two-row header: 指标名称 | 单位 | 完成情况 (merged over the years) above 2020年 | 2021年 …, the
    names merged down. The row below gives the years; it is taken only when every cell it fills is a year or a
    known column, and the row above has no year of its own."""
    if at + 1 >= len(grid.rows) or any(year_in(h) is not None or H.column(h) == "year" for h in header):
        return at, header
    below = [c.strip() for c in grid.rows[at + 1][1]]
    filled = [c for c in below if c]
    if not any(year_in(c) is not None for c in filled) or any(
            year_in(c) is None and H.column(c) is None for c in filled):
        return at, header
    width = max(len(header), len(below))
    header, below = header + [""] * (width - len(header)), below + [""] * (width - len(below))
    return at + 1, [b or h for h, b in zip(header, below)]


def header_columns(grid: Grid, at: int, header: list[str]) -> tuple[dict[str, int], dict[int, int]]:
    """canonical column -> index, year -> index; an unknown or repeated header refuses the file whole."""
    columns: dict[str, int] = {}
    years: dict[int, int] = {}
    unknown, twice = [], []
    for i, h in enumerate(header):
        if not h:
            continue
        key, year = H.column(h), year_in(h)
        if key is None and year is None:
            unknown.append(h)
        elif year is not None:
            (twice.append(h) if year in years else years.__setitem__(year, i))
        elif key == "indicator" and "indicator" in columns and "name" not in columns:
            columns["name"] = i  # `indicator` and 指标名称 side by side: the second one is the name, checked
        elif key is not None:  # always here: a header with neither key nor year is unknown, above
            (twice.append(h) if key in columns else columns.__setitem__(key, i))
    if "indicator" not in columns and "no" in columns:
        columns["indicator"] = columns.pop("no")  # a table that names its rows by 序号 alone
    line = grid.rows[at][0]
    missing = "year" not in columns and not years
    both = "year" in columns and years
    if missing or unknown or twice or both:
        raise _header_refusal(
            grid, line,
            (f"；未知列 / unknown: {', '.join(unknown)}" if unknown else "")
            + (f"；重复的列 / named twice: {', '.join(twice)}" if twice else "")
            + ("；year 列与年份列不能同时出现 / a year column and year columns together" if both else ""))
    if "item" in columns and not years:
        raise PlantrackError(f"{grid.display}:{line}:1: item（项目）列只用于以年份为列的表 / "
                             "an item column is for the wide layout (years as columns)", code=2)
    return columns, years


def _header_refusal(grid: Grid, line: int, why: str = "") -> PlantrackError:
    """No header import can read (none found, or one with unknown, repeated or clashing columns): what it needs."""
    return PlantrackError(f"{grid.display}:{line}:1: 表头须包含 indicator 和 year（指标、年份），或以年份为列（2021、2021年）；"
                          f"可用列 / columns: {H.known_names()}{why}", code=2)
