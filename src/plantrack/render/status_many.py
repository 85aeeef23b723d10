"""`status --format json | csv | jsonl` in one shape whatever the number of plans (issue 19).

JSON: {"schema_version": 2, "as_of": <--as-of or null>, "plans": [<plan object>, …]} (schemas/status.schema.json,
docs/status-json.md). Each plan object carries the keys of the design (plan, as_of, start, end, indicators, …)
and `errors`; a plan whose files have errors has them there, with null figures and no indicators.
CSV: one long table, a line per indicator of every plan, the plan id first. JSON Lines: the same lines as
objects, for DuckDB, pandas or a warehouse. No Rich here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
    from pathlib import Path
    from typing import Any

    from plantrack.overview import OverviewRow
    from plantrack.progress.result import IndicatorResult, PlanResult
    from plantrack.rollup import RollupLine

    Rollups = Mapping[str, Sequence[RollupLine]]

SCHEMA_VERSION = 2
# The one-plan CSV's columns (plan, as_of, the indicator keys) unchanged, issue 19's appended: old readers work.
LONG_COLUMNS_TAIL = ("plan_name", "short_name", "closed", "group")


def plan_object(row: OverviewRow, rollups: Rollups | None = None) -> dict[str, Any]:
    """One plan of the document: the design's keys (render/status_data.plan_record), then issue 19's."""
    from plantrack.render.status_data import plan_record
    from plantrack.rollup import short_name

    result = row.result
    if result is None:
        return {"plan": row.plan_id, "name": None, "short_name": None, "closed": None, "as_of": None,
                "start": None, "end": None, "base_year": None, "counts": None, "members": [], "rollup": [],
                "indicators": [], "retired_indicators": [], "errors": [str(f) for f in row.findings]}
    record = plan_record(result)
    indicators = record.pop("indicators")
    for rec, r in zip([*indicators, *record["retired_indicators"]], [*result.indicators, *result.retired],
                      strict=True):
        rec["group"] = r.indicator.group
    lines = (rollups or {}).get(row.plan_id, [])
    return {**record, "short_name": short_name(result.info), "members": list(result.info.members), "rollup": [line.as_record() for line in lines],
            "indicators": indicators, "errors": []}


def write_document(rows: Iterable[OverviewRow], fmt: str, as_of: int | None, plans_dir: Path | None,
                   write: Callable[[str], object]) -> list[OverviewRow]:
    """The document (json, csv or jsonl) written plan by plan as each row comes; the rows written. The JSON is
    byte for byte jsonout.dumps of the whole document: each plan's object dumped, indented by four."""
    from plantrack.render.jsonout import dumps

    shown: list[OverviewRow] = []
    if fmt == "json":
        write('{\n  "schema_version": %d,\n  "as_of": %s,\n  "plans": [' % (SCHEMA_VERSION, dumps(as_of, indent=None)))
    elif fmt == "csv":
        from plantrack.csvio import csv_text

        write(csv_text([csv_columns()]))
    for row in rows:
        if fmt == "json":
            text = dumps(plan_object(row, _rollups(plans_dir, row)))
            write(("," if shown else "") + "\n" + "\n".join("    " + line for line in text.split("\n")))
        else:
            write(csv_long([row], header=False) if fmt == "csv" else jsonl_long([row]))
        shown.append(row)
    if fmt == "json":
        write(("\n  ]" if shown else "]") + "\n}\n")
    return shown


def _rollups(plans_dir: Path | None, row: OverviewRow) -> Rollups:
    if plans_dir is None or row.result is None or not row.result.info.members:
        return {}
    from plantrack.many import rollups

    return rollups(plans_dir, [row])


def long_records(rows: Iterable[OverviewRow]) -> Iterator[dict[str, Any]]:
    """Every indicator of every plan as one flat record, the plan id first (CSV and JSON Lines)."""
    for row in rows:
        if row.result is not None:
            for r in (*row.result.indicators, *row.result.retired):  # retired: its `retired` column says so
                yield long_record(row.plan_id, row.result, r)


def long_record(plan_id: str, result: PlanResult, r: IndicatorResult) -> dict[str, Any]:
    """One indicator of a plan as a flat record: a line of the JSON Lines; show --format json too."""
    from plantrack.render.status_data import closed_day, indicator_record
    from plantrack.rollup import short_name

    return {"plan": plan_id, "as_of": result.as_of, **indicator_record(r), "plan_name": result.info.name,
            "short_name": short_name(result.info), "closed": closed_day(result.info), "group": r.indicator.group}


def csv_long(rows: Iterable[OverviewRow], header: bool = True) -> str:
    """The long table; `header=False` for the lines of one plan in a table written plan by plan."""
    from plantrack.csvio import csv_text
    from plantrack.render.status_data import csv_line

    columns = csv_columns()

    def lines() -> Iterator[tuple[object, ...]]:
        if header:
            yield columns
        for rec in long_records(rows):
            yield csv_line(rec, columns)

    return csv_text(lines())


def csv_columns() -> tuple[str, ...]:
    from plantrack.render.status_data import COLUMNS

    return ("plan", "as_of", *COLUMNS, *LONG_COLUMNS_TAIL)


def jsonl_long(rows: Iterable[OverviewRow]) -> str:
    from plantrack.render.jsonout import dumps

    return "".join(dumps(rec, indent=None) + "\n" for rec in long_records(rows))
