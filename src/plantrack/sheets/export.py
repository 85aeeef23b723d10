"""`plantrack export`: the actuals (long or wide) as CSV, JSON or .xlsx, and the status table as .xlsx —
exactly what `import` reads back (docs/recording.md, "The round trip")."""

from __future__ import annotations

from decimal import Decimal

from plantrack.plan import Plan
from plantrack.sheets import headers as H

LONG_COLUMNS = ("plan", "indicator", "name", "year", *H.COLUMN_ORDER, "recorded_at", "revisions")
BOM = "\ufeff"


def long_rows(plan: Plan) -> list[dict[str, object]]:
    rows = []
    for ind in plan.indicators:
        for year, e in plan.entries(ind.id).items():
            rows.append({
                "plan": plan.id, "indicator": ind.id, "name": ind.name, "year": year,
                **{k: getattr(e, k) for k in H.COLUMN_ORDER},
                "recorded_at": e.recorded_at.isoformat() if e.recorded_at else None,
                "revisions": len(e.revisions),
            })
    return rows


def wide_rows(plan: Plan, lang: str = "en") -> list[list[object]]:
    """Header and rows: one row per indicator and field that has anything, one column per year.

    A numeric row holds one unit, named in its 单位 / unit column: a value row per unit the figures were
    recorded in (48.9 亿元 beside 486600 万元 makes two rows, each figure exactly as recorded, so a sum or a
    chart of a row means something, and import reads each back with its unit: issue 28, item 4). A rate row
    is in % (its unit cell left blank: import would take a unit there as the value's). Headers and item words
    in the language asked for (sheets/headers.py), both read back by import; JSON keeps the English keys."""
    years = sorted({y for ind in plan.indicators for y in plan.entries(ind.id)})

    def word(key: str) -> str:
        return H.label(key, lang)

    rows: list[list[object]] = [[word("indicator"), word("name"), word("item"), word("unit"), *years]]
    for ind in plan.indicators:
        entries = plan.entries(ind.id)
        if not entries:
            continue
        for f in H.FIELDS:
            if f == "unit":
                continue  # in the unit column of each value row
            if f == "value":
                units = dict.fromkeys(e.unit or ind.level_unit for e in entries.values() if e.value is not None)
                for unit in units:
                    cells = [entries[y].value if y in entries and entries[y].value is not None
                             and (entries[y].unit or ind.level_unit) == unit else None for y in years]
                    rows.append([ind.id, ind.name, word(f), unit, *cells])
                continue
            cells = [getattr(entries[y], f) if y in entries else None for y in years]
            if any(c not in (None, "") for c in cells):
                rows.append([ind.id, ind.name, word(f), None, *cells])
    return rows


def table(plan: Plan, layout: str, lang: str = "en") -> list[list[object]]:
    """layout: long, wide, or history (export --with-history: sheets/history.py)."""
    if layout == "wide":
        return wide_rows(plan, lang)
    if layout == "history":
        from plantrack.sheets.history import history_table

        return history_table(plan)
    return [list(LONG_COLUMNS), *([row[k] for k in LONG_COLUMNS] for row in long_rows(plan))]


def csv_export(plan: Plan, layout: str, bom: bool, lang: str = "en") -> str:
    # Plan text: a cell a spreadsheet would run as a formula gets a leading ' (import takes it off again), and a
    # line break inside a cell is always quoted (render/status_data.py).
    from plantrack.numbers import fmt_exact
    from plantrack.csvio import csv_text, spreadsheet_text

    def cell(v: object) -> str:
        if isinstance(v, Decimal):
            return fmt_exact(v)
        return "" if v is None else spreadsheet_text(str(v))

    # The BOM: Excel on a Chinese Windows reads a CSV without one as GBK and shows UTF-8 text garbled.
    return (BOM if bom else "") + csv_text([cell(v) for v in row] for row in table(plan, layout, lang))


def json_export(plan: Plan, layout: str) -> str:
    from plantrack.render.jsonout import dumps

    if layout == "history":
        from plantrack.sheets.history import history_rows

        return dumps(history_rows(plan)) + "\n"
    if layout == "wide":
        header, *rows = wide_rows(plan)
        return dumps([dict(zip(map(str, header), row)) for row in rows]) + "\n"
    return dumps(long_rows(plan)) + "\n"


def xlsx_export(plan: Plan, layout: str, lang: str = "en") -> bytes:
    from plantrack.sheets.xlsx import workbook_bytes

    return workbook_bytes(table(plan, layout, lang), plan.id)
