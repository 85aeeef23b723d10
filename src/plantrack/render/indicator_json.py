"""`show --format json` and `history --format json` (issue 29, item 7): one indicator as the status JSON Lines
line of it (render/status_many.long_record: the plan, the as-of year, the indicator record of the status JSON,
the plan's name), and for `history` every entry of actuals.toml with its revisions, oldest first, as the
`history` table lists them. docs/status-json.md describes both. No Rich here.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from plantrack.render.status_many import SCHEMA_VERSION, long_record  # the status JSON's: the same records

if TYPE_CHECKING:
    from plantrack.models import Entry, Indicator, Revision
    from plantrack.progress.result import PlanResult


def show_json(plan_id: str, result: PlanResult, indicator: Indicator) -> str:
    from plantrack.render.jsonout import dumps

    return dumps({"schema_version": SCHEMA_VERSION, **long_record(plan_id, result, result.indicator(indicator.id))}) + "\n"


def history_json(plan_id: str, result: PlanResult, indicator: Indicator, records: dict[int, Entry]) -> str:
    """The record, then `entries`: each year recorded (removal records too: `removed` holds the reason)."""
    from plantrack.render.jsonout import dumps

    record = long_record(plan_id, result, result.indicator(indicator.id))
    entries = [{"year": year, **version_record(e), "revisions": [version_record(rev) for rev in e.revisions]}
               for year, e in sorted(records.items())]
    return dumps({"schema_version": SCHEMA_VERSION, **record, "entries": entries}) + "\n"


def version_record(e: Entry | Revision) -> dict[str, Any]:
    """One version of a year's entry, as it stands or as a revision replaced it (with `replaced_at`): the keys of
    `history --format json` and of `export --with-history` (sheets/history.history_rows)."""
    from plantrack.models import Revision

    out: dict[str, Any] = {"value": e.value, "unit": e.unit, "rate": e.rate, "assessment": e.assessment,
                           "source": e.source, "note": e.note, "recorded_at": _when(e.recorded_at),
                           "removed": e.removed}
    if isinstance(e, Revision):
        out["replaced_at"] = _when(e.replaced_at)
    return out


def _when(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()
