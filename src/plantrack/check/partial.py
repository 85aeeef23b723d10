"""The cross-field checks for a plan.toml that failed its schema check: run on every part that validated, so
one `check` reports every error it can find (issue 20: three errors injected at once, three reported).

A plan that fails validation as a whole (pydantic stops nothing, but gives no PlanFile to check further) is
validated again part by part: the [plan] table, then each [[indicators]] on its own. The parts that validate
get check_plan's rules (rules.check_parts); those that do not were already reported by the whole-file
validation, and their findings here are dropped, so nothing is reported twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from plantrack.errors import Finding
from plantrack.models import Indicator, PlanInfo
from plantrack.fields import Text

if TYPE_CHECKING:
    from plantrack.documents import Document


def check_what_validated(data: Any, doc: Document, folder: str | None) -> list[Finding]:
    from plantrack.check.rules import check_parts

    if not isinstance(data, dict):
        return []
    raw_info, raw_indicators = data.get("plan"), data.get("indicators")
    info = _valid(PlanInfo, raw_info)
    if info is not None:
        units: list[str] | None = list(info.units)
    elif isinstance(raw_info, dict):
        # [plan] failed elsewhere (a misspelled key, say): its units can still be judged on their own.
        units = _valid(list[Text], raw_info["units"]) if "units" in raw_info else []
    else:
        units = None
    entries = raw_indicators if isinstance(raw_indicators, list) else []
    indicators = [(i, ind) for i, raw in enumerate(entries) if (ind := _valid(Indicator, raw)) is not None]
    return check_parts(info, indicators, units, doc, folder,
                       any_indicator=bool(entries) or not isinstance(raw_indicators, list))


def validated_parts(data: Any) -> tuple[PlanInfo | None, list[Indicator], set[str] | None]:
    """[plan] if it validates, the indicators that validate, and every indicator id plan.toml names (valid
    or not: an actuals table for an indicator with an error is not also "no such indicator")."""
    if not isinstance(data, dict):
        return None, [], None
    raw = data.get("indicators")
    entries = raw if isinstance(raw, list) else []
    ids = [e.get("id") if isinstance(e, dict) else None for e in entries]
    # An id that is itself wrong ("gdp\n", 42, missing) was reported on plan.toml; the tables that mean it must
    # not also be "no such indicator": its stripped form counts, and an id that is not text names nothing to
    # compare with, so then no table is called unknown (None).
    named = None if any(not isinstance(i, str) for i in ids) else {t for i in ids if isinstance(i, str) for t in (i, i.strip())}
    if not isinstance(raw, list):
        named = None  # no [[indicators]] to compare with (missing or misspelt): reported on plan.toml
    indicators = [ind for e in entries if (ind := _valid(Indicator, e)) is not None]
    return _valid(PlanInfo, data.get("plan")), indicators, named


def _valid(model: Any, raw: Any) -> Any:
    from pydantic import ValidationError

    from plantrack.check.schema import parse

    try:
        return parse(model, raw)
    except ValidationError:
        return None
