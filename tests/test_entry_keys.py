"""One list of the entry keys (issue 14, item 2; issue 26, item 5): models.ENTRY_KEYS, what store writes, record
revises and every sheet (sheets/headers.FIELDS) carries; and one home for the plan folder's file names."""

from __future__ import annotations

import ast
import dataclasses
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from plantrack.models import ENTRY_KEYS, Entry, Revision


def test_entry_keys_are_the_fields_an_entry_and_its_revisions_share() -> None:
    # `removed`: the reason a removal record carries (record --delete, issue 28).
    assert ENTRY_KEYS == ("value", "rate", "unit", "assessment", "source", "note", "recorded_at", "removed")
    assert tuple(f.name for f in dataclasses.fields(Entry)) == (*ENTRY_KEYS, "revisions")
    assert tuple(f.name for f in dataclasses.fields(Revision)) == (*ENTRY_KEYS, "replaced_at")


def test_the_sheet_columns_are_the_export_format_as_documented() -> None:
    """Taken from Entry now (sheets/headers.FIELDS), the columns are still the format docs/recording.md shows."""
    from plantrack.sheets.export import LONG_COLUMNS
    from plantrack.sheets.headers import FIELDS
    from plantrack.sheets.history import HISTORY_COLUMNS

    assert FIELDS == ("value", "rate", "unit", "assessment", "source", "note")
    assert LONG_COLUMNS == ("plan", "indicator", "name", "year", "value", "unit", "rate", "assessment", "source",
                            "note", "recorded_at", "revisions")
    assert HISTORY_COLUMNS == ("plan", "indicator", "name", "year", "revision", "value", "unit", "rate",
                               "assessment", "source", "note", "recorded_at", "removed", "replaced_at")


SRC = Path(__file__).resolve().parent.parent / "src" / "plantrack"


def _string_tuples(path: Path) -> list[tuple[int, tuple[str, ...]]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.lineno, tuple(e.value for e in node.elts))
            for node in ast.walk(tree) if isinstance(node, (ast.Tuple, ast.List, ast.Set))
            and node.elts and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts)]


def test_no_module_spells_the_entry_fields_again() -> None:
    """Issue 26, item 5: the entry's fields have one home (models.Entry). A tuple of five or more of them
    written out anywhere else is a second list that a new field would miss (a rule's own few, such as the
    figure a removal record may not hold in check/rules.py, are that rule's)."""
    fields = set(ENTRY_KEYS)
    spelled = [f"{path.relative_to(SRC)}:{line}" for path in sorted(SRC.rglob("*.py")) if path.name != "models.py"
               for line, names in _string_tuples(path) if len(fields & set(names)) >= 5]
    assert spelled == []


def test_the_file_names_have_one_home() -> None:
    """plan.toml, actuals.toml and report.toml as a string of their own only in filenames.py (messages may name
    them inside their words)."""
    names = {"plan.toml", "actuals.toml", "report.toml"}
    spelled = [f"{path.relative_to(SRC)}:{node.lineno}" for path in sorted(SRC.rglob("*.py"))
               if path.name != "filenames.py"
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, ast.Constant) and node.value in names]
    assert spelled == []


def test_store_writes_the_entry_keys_in_their_order() -> None:
    from plantrack.store import as_table

    when = datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc)
    entry = Entry(value=Decimal("1.5"), rate=Decimal("2"), unit="亿元", source="s", note="n", recorded_at=when)
    # Empty keys are left out: no assessment, and no `removed` on an entry that was not removed.
    assert list(as_table(entry)) == [k for k in ENTRY_KEYS if k not in ("assessment", "removed")]
    revision = Revision(**{k: getattr(entry, k) for k in ENTRY_KEYS}, replaced_at=when)
    assert list(as_table(revision)) == [*(k for k in ENTRY_KEYS if k not in ("assessment", "removed")),
                                         "replaced_at"]
