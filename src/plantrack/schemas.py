"""JSON Schema of plan.toml and actuals.toml, generated from the models, for editors that validate TOML as it
is typed (Taplo / Even Better TOML read a `#:schema <path-or-url>` first line). The schema checks the shape of
a file (keys, types, allowed words); the rules that need the whole plan stay with `plantrack check`."""

from __future__ import annotations

from typing import Any

from plantrack.models import ID_PATTERN, Entry, PlanFile
from plantrack.check.schema import json_schema

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def plan_schema() -> dict[str, Any]:
    schema = json_schema(PlanFile)
    return {"$schema": DIALECT, "title": "plantrack plan.toml",
            "description": "A five-year plan's targets (docs/plan-format.md). Run `plantrack check` for the full rules.",
            **schema}


def actuals_schema() -> dict[str, Any]:
    entry = json_schema(Entry)
    defs = entry.pop("$defs", {})
    defs["Entry"] = entry
    return {
        "$schema": DIALECT,
        "title": "plantrack actuals.toml",
        "description": "Recorded actuals: [<indicator-id>.<year>] tables (docs/plan-format.md).",
        "type": "object",
        "propertyNames": {"pattern": ID_PATTERN},
        "additionalProperties": {
            "type": "object",
            "propertyNames": {"pattern": "^[0-9]{4}$"},
            "additionalProperties": {"$ref": "#/$defs/Entry"},
        },
        "$defs": defs,
    }


def status_schema() -> dict[str, Any]:
    from plantrack.status_schema import status_schema as build  # issue 19: the output's schema

    return build()


SCHEMAS = {"plan": plan_schema, "actuals": actuals_schema, "status": status_schema}
