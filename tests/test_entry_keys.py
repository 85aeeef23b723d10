"""One list of the entry keys (issue 14, item 2): models.ENTRY_KEYS, what store writes and record revises."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone
from decimal import Decimal

from plantrack.models import ENTRY_KEYS, Entry, Revision


def test_entry_keys_are_the_fields_an_entry_and_its_revisions_share() -> None:
    # `removed`: the reason a removal record carries (record --delete, issue 28).
    assert ENTRY_KEYS == ("value", "rate", "unit", "assessment", "source", "note", "recorded_at", "removed")
    assert tuple(f.name for f in dataclasses.fields(Entry)) == (*ENTRY_KEYS, "revisions")
    assert tuple(f.name for f in dataclasses.fields(Revision)) == (*ENTRY_KEYS, "replaced_at")


def test_csv_columns_name_only_entry_keys() -> None:
    from plantrack.sheets.export import LONG_COLUMNS  # what export writes and import reads back

    assert set(LONG_COLUMNS) - {"plan", "indicator", "name", "year", "revisions"} <= set(ENTRY_KEYS)


def test_store_writes_the_entry_keys_in_their_order() -> None:
    from plantrack.store import as_table

    when = datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc)
    entry = Entry(value=Decimal("1.5"), rate=Decimal("2"), unit="亿元", source="s", note="n", recorded_at=when)
    # Empty keys are left out: no assessment, and no `removed` on an entry that was not removed.
    assert list(as_table(entry)) == [k for k in ENTRY_KEYS if k not in ("assessment", "removed")]
    revision = Revision(**{k: getattr(entry, k) for k in ENTRY_KEYS}, replaced_at=when)
    assert list(as_table(revision)) == [*(k for k in ENTRY_KEYS if k not in ("assessment", "removed")),
                                         "replaced_at"]
