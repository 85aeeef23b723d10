"""Plans × indicators (issue 19): each cell the plan's status for that indicator, matched by `group` or id.

Pure data, no Rich: render/matrix.py draws it; `matrix_rows` is the same matrix as plain rows for a
spreadsheet (the .xlsx export's sheet) or CSV.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from plantrack.check.cycle.members import column_key
from plantrack.rollup import short_name

if TYPE_CHECKING:
    from collections.abc import Sequence

    from plantrack.overview import OverviewRow


@dataclass(frozen=True)
class Column:
    key: str          # the indicator's group, else its id
    name: str         # the first plan's name for it
    name_en: str


@dataclass(frozen=True)
class MatrixRow:
    plan_id: str
    short_name: str
    closed: bool
    errors: bool
    cells: dict[str, str]  # column key -> status (English word); a key the plan lacks is absent
    final: bool = False    # this plan is at its final evaluation: its achieved reads 已实现, not 提前实现
    # column key -> (the year it was retired, its last judgement) for an indicator retired by the as-of year
    # (issue 30): the plan has it, so the cell is not "no such indicator", nor a status counted with the others.
    retired: dict[str, tuple[int, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Matrix:
    columns: tuple[Column, ...]
    rows: tuple[MatrixRow, ...]
    final: bool  # every plan shown is at its final evaluation (achieved reads 已实现)


def build_matrix(rows: Sequence[OverviewRow]) -> Matrix:
    columns: dict[str, Column] = {}
    out = []
    finals = set()
    for row in rows:
        result = row.result
        if result is None:
            out.append(MatrixRow(row.plan_id, row.plan_id, False, True, {}))
            continue
        final = result.final
        finals.add(final)
        cells, retired = {}, {}
        for r in result.indicators:
            key = column_key(r.indicator)
            columns.setdefault(key, Column(key, r.indicator.name, r.indicator.name_en))
            cells[key] = r.status
        for r in result.retired:
            key = column_key(r.indicator)
            columns.setdefault(key, Column(key, r.indicator.name, r.indicator.name_en))
            if key not in cells and r.indicator.retired is not None:
                retired[key] = (r.indicator.retired, r.status)
        out.append(MatrixRow(row.plan_id, short_name(result.info), result.info.closed is not None, False, cells,
                             final, retired))
    return Matrix(tuple(columns.values()), tuple(out), finals == {True})


def matrix_rows(rows: Sequence[OverviewRow]) -> list[list[str]]:
    """The matrix as plain rows: a header ("plan", "short_name", then each column key), then one row per plan
    with the English status word in each cell ("" where the plan has no such indicator, "retired" where the
    plan retired it by the as-of year, "error" for a plan whose files have errors). For CSV, JSON and a
    spreadsheet sheet."""
    m = build_matrix(rows)
    header = ["plan", "short_name", *(c.key for c in m.columns)]
    body = [[r.plan_id, r.short_name, *("error" if r.errors else cell(r, c.key) for c in m.columns)]
            for r in m.rows]
    return [header, *body]


def cell(row: MatrixRow, key: str) -> str:
    """A cell's English word: the status, "retired", or "" where the plan has no such indicator."""
    return row.cells.get(key) or ("retired" if key in row.retired else "")
