"""`status` as a Rich table (terminal) or a Markdown table (reports)."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from plantrack.progress.result import PlanResult
from plantrack.render.rows import Row, build_row, footnotes, summary
from plantrack.text import lang_name, safe
from plantrack.render.wrap import fill
from plantrack.render.words import COLUMNS, HEADERS, NARROW, SECONDARY, STATUS_STYLE, table_columns

_RIGHT = {"no", "target", "actual", "expected", "pace", "required", "projection"}
# Below this width the secondary columns go, so the verdict columns stay on one line each.
WIDE = 118
MEDIUM = 78
NAME_MIN = 8
# Fewest columns first to go when even NARROW leaves the name no room (a phone-sized terminal).
_LAYOUTS = (COLUMNS, tuple(c for c in COLUMNS if c not in SECONDARY), NARROW,
            tuple(c for c in NARROW if c != "required"), ("no", "name", "status"))


def _needed(rows: list[Row], columns: tuple[str, ...], lang: str) -> int:
    """Cells a layout needs: every unwrappable column at its widest, the name at its minimum, the gaps."""
    widths = [NAME_MIN if key == "name" else max(cell_len(HEADERS[lang][key]), *(cell_len(r.cells[key]) for r in rows))
              for key in columns]
    return sum(widths) + 2 * len(columns)


def _columns(rows: list[Row], lang: str, width: int, final: bool = False) -> list[str]:
    first = 0 if width >= WIDE else 1 if width >= MEDIUM else 2
    shown = set(table_columns(final))
    for layout in _LAYOUTS[first:]:
        columns = tuple(c for c in layout if c in shown)
        if _needed(rows, columns, lang) <= width:
            return list(columns)
    return list(_LAYOUTS[-1])


def _title(plan: PlanResult, lang: str) -> str:
    from plantrack.check.cycle.closing import titled  # a closed plan says so in its title

    return titled(safe(lang_name(plan.info, lang)), plan.info, lang)


def status_table(plan: PlanResult, lang: str, width: int) -> Table:
    rows = [build_row(result, lang) for result in plan.indicators]
    columns = _columns(rows, lang, width, plan.final)
    # The title is plan text of any length: it wraps within the table even on the soft-wrapping console.
    title = Text(_title(plan, lang), style="bold", no_wrap=False, overflow="fold")
    table = Table(title=title, box=box.SIMPLE_HEAD, header_style="bold",
                  pad_edge=False, collapse_padding=True)
    for key in columns:
        wraps = key in ("name", "target")
        # A column that never wraps is exactly as wide as its widest cell: saying so spares Rich measuring every
        # cell again (a third of the time `status` spends printing). Same widths, same table.
        fixed = None if wraps else max(cell_len(HEADERS[lang][key]), *(cell_len(r.cells[key]) for r in rows))
        table.add_column(HEADERS[lang][key], justify="right" if key in _RIGHT else "left", no_wrap=not wraps,
                         overflow="fold", min_width=NAME_MIN if key == "name" else None, width=fixed)
    for row in rows:
        cells = {key: Text(value) for key, value in row.cells.items()}
        cells["status"].stylize(STATUS_STYLE[row.status])
        if row.binding:
            cells["attribute"].stylize("bold")
            if "attribute" not in columns:
                cells["name"].append(f" [{row.cells['attribute']}]", style="bold")
        if row.alarm:
            cells["name"] = Text("‼ ") + cells["name"]
        table.add_row(*(cells[k] for k in columns), style="bold" if row.alarm else None)
    return table


def print_status(console: Console, plan: PlanResult, lang: str) -> None:
    console.print(status_table(plan, lang, console.width))
    console.print(Text(fill(summary(plan, lang), console.width)))
    for note in footnotes(plan, lang):
        console.print(Text(fill(note, console.width)))


def markdown_status(plan: PlanResult, lang: str) -> str:
    from plantrack.text import md as cell  # the one Markdown escaper (the report's too)

    lines = [f"### {cell(_title(plan, lang))}", "", cell(summary(plan, lang)), ""]
    columns = table_columns(plan.final)
    lines.append("| " + " | ".join(HEADERS[lang][c] for c in columns) + " |")
    lines.append("|" + "|".join("---:" if c in _RIGHT else "---" for c in columns) + "|")
    for result in plan.indicators:
        row = build_row(result, lang)
        cells = {k: cell(v) for k, v in row.cells.items()}
        if row.alarm:
            cells["status"] = f"**{cells['status']}**"
        lines.append("| " + " | ".join(cells[c] for c in columns) + " |")
    # The notes name indicators (binding ones below schedule): plan text, escaped like the cells.
    notes = [cell(note) for note in footnotes(plan, lang)]
    return "\n".join(lines + ([""] + notes if notes else [])) + "\n"
