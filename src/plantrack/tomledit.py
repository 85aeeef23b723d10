"""actuals.toml rewritten with the office's hand-written comments kept (issue 29).

`record` and `import` write the whole file anew (store.dump_actuals: indicators in 序号 order, years ascending,
keys in a fixed order), which dropped every `# 张科长：2023 年数据待核` a colleague had typed into it. Now:

- a file with no comment of its own (only the generated header and the `#:schema` line) is written exactly as
  before, by store.dump_actuals, without importing tomlkit;
- a file with comments is edited with tomlkit, the maintained style-preserving TOML library: every entry that
  did not change is carried over as it stands, comments and all; a new entry is written as dump_actuals writes
  it and put in its place (序号 order, years ascending); the comments before the first table stay on top;
- an entry that changes (a `--force` revision) and holds a comment is refused, naming the comment's line: a
  comment such as "# 快报数，待核" describes the figure it sits by, and must not come to describe the new one
  ("a note belongs to the figure it describes"). Move it into the entry's `note`, or delete it, and record again.

A comment belongs, in tomlkit's reading of TOML, to the table above it: a comment line just before `[a.2023]`
stays below `[a.2022]`, so it stays in place unless a new year is put between the two.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from plantrack.errors import PlantrackError
from plantrack.store import HEADER, as_table, dump_actuals, schema_line

if TYPE_CHECKING:
    from plantrack.models import Entry

Actuals = dict[str, dict[int, "Entry"]]


def hand_comments(text: str) -> bool:
    """Whether `text` may hold a comment the office wrote: any `#` outside the generated header and the first
    `#:schema` line (a `#` inside a source string makes a false yes, which only costs the slower path)."""
    body = text.removeprefix("\ufeff").replace("\r\n", "\n")
    first, _, rest = body.partition("\n")
    if first.startswith("#:schema "):
        body = rest
    return "#" in body.replace(HEADER, "", 1)


def actuals_text(path: Path, old_text: str | None, old: Actuals, new: Actuals, order: list[str]) -> str:
    """The new actuals.toml: dump_actuals' text, or, when the file holds comments, the file edited in place."""
    if old_text is None or not hand_comments(old_text):
        return dump_actuals(new, order, schema_line(path))
    # The text is edited with LF line ends; the writer gives the file back its own (store.encoded).
    return _edited(path, old_text.removeprefix("\ufeff").replace("\r\n", "\n"), old, new, order)


def _edited(path: Path, text: str, old: Actuals, new: Actuals, order: list[str]) -> str:
    import tomli_w
    import tomlkit
    from tomlkit.items import Table

    doc = tomlkit.parse(text)
    out = tomlkit.document()
    for key, item in doc.body:  # what stands before the first table: the header, the office's notes
        if key is None:
            out.add(item)
        elif not isinstance(item, Table):
            out.add(key, item)
    leading = _leading_blocks(doc)
    rank = {ind_id: i for i, ind_id in enumerate(order)}
    last: Any = None  # the table written last: a comment block that leads the next table goes at its end
    for ind_id in sorted(new, key=lambda i: (rank.get(i, len(rank)), i)):
        if not new[ind_id]:
            continue
        group = tomlkit.table(is_super_table=True)
        first_led = False
        for year in sorted(new[ind_id]):
            entry = new[ind_id][year]
            kept = _table(doc, ind_id, year)
            led = leading.pop((ind_id, str(year)), [])
            for comment in led:
                (last.value if last is not None else out).append(None, comment)
            if kept is not None and old.get(ind_id, {}).get(year) == entry:
                table = kept
            else:
                if kept is not None and (line := _comment_line(text, kept)) is not None:
                    raise PlantrackError(
                        f"{path.name}:{line}: [{ind_id}.{year}] 中有手写注释，修订后它将不再对应原来的数字；请把它移到这条记录的 "
                        f"note 中或删除，然后重新记录。没有写入任何数据 / [{ind_id}.{year}] holds a hand-written comment that "
                        "would no longer describe its figure once revised: move it into the entry's note, or delete it, "
                        "then record again. Nothing was written")
                table = tomlkit.parse(tomli_w.dumps({ind_id: {str(year): as_table(entry)}}))[ind_id][str(year)]
                table.value.append(None, tomlkit.nl())  # a blank line before the next table, as dump_actuals has
            group.append(str(year), table)
            if led:  # tomlkit puts a blank line before a table it appends; the comment above it stays adjacent
                table.trivia.indent = ""
                first_led = first_led or year == min(new[ind_id])
            last = table
        out.append(ind_id, group)
        if first_led:
            group.trivia.indent = ""
    for block in leading.values():  # comments before a table that is no longer written: kept, at the end
        for comment in block:
            (last.value if last is not None else out).append(None, comment)
    return out.as_string()


def _leading_blocks(doc: Any) -> dict[tuple[str, str], list[Any]]:
    """The comment lines that stand just above each table, after a blank line, taken off the table before it.
    In tomlkit's reading a comment belongs to the table above it; a person reads `# 财政收入` written just above
    `[fiscal-revenue-growth.2021]` as that table's. A comment directly under a table's keys stays with them."""
    from tomlkit.items import Comment, Table, Whitespace

    tables = [(ind, year, t) for ind, group in doc.body if ind is not None and isinstance(group, Table)
              for year, t in group.value.body if year is not None and isinstance(t, Table)]
    blocks: dict[tuple[str, str], list[Any]] = {}
    for (_, _, table), (ind, year, _) in zip(tables, tables[1:]):
        body = table.value.body
        start = len(body)
        while start > 0 and body[start - 1][0] is None:
            start -= 1
        blank = [i for i in range(start, len(body)) if isinstance(body[i][1], Whitespace)]
        if blank and any(isinstance(item, Comment) for _, item in body[blank[-1] + 1:]):
            blocks[(str(ind), str(year))] = [item for _, item in body[blank[-1] + 1:]]
            del body[blank[-1] + 1:]
    return blocks


def _table(doc: Any, ind_id: str, year: int) -> Any:
    """The old file's table for one entry, or None."""
    group = doc.get(ind_id)
    return group.get(str(year)) if group is not None and hasattr(group, "get") else None


def _comment_line(text: str, table: Any) -> int | None:
    """The line in `text` of the first comment inside `table` (a comment line or an inline comment), or None."""
    rendered = table.as_string()  # the table's own lines, without its [header]
    for offset, line in enumerate(rendered.splitlines()):
        if _comment_at(line) is not None:
            found = text.find(rendered)
            return (text.count("\n", 0, found) + offset + 1) if found >= 0 else 1
    return None


def _comment_at(line: str) -> int | None:
    """Where a comment starts on one line of valid TOML: the first `#` outside a string. A line inside a
    multi-line string is not told apart, which can only make a false "comment here" (a refusal, never a loss)."""
    quote = ""
    i = 0
    while i < len(line):
        ch = line[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return i
        i += 1
    return None
