"""JSON Schema of plan.toml and actuals.toml, generated from the models, for editors that validate TOML as it
is typed (Taplo / Even Better TOML read a `#:schema <path-or-url>` first line). The schema checks the shape of
a file (keys, types, allowed words); the rules that need the whole plan stay with `plantrack check`."""

from __future__ import annotations

from typing import Any

from plantrack.models import Entry, PlanFile
from plantrack.fields import ID_PATTERN
from plantrack.check.schema import json_schema
from plantrack.schema_text import ACTUALS, PLAN, describe

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def plan_schema() -> dict[str, Any]:
    schema = describe(json_schema(PlanFile), PLAN)  # hover help: the text table, not the models (schema_text.py)
    _target_by_kind(schema.get("$defs", {}).get("Indicator", {}))
    # Our title and description last: pydantic's own ("PlanFile") must not win (issue 20).
    return {"$schema": DIALECT, **schema, "title": "plantrack plan.toml",
            "description": "五年规划的指标与目标（docs/plan-format.md）；完整规则请运行 plantrack check / A five-year "
                           "plan's targets (docs/plan-format.md). Run `plantrack check` for the full rules."}


def _target_by_kind(indicator: dict[str, Any]) -> None:
    """`target` typed by `kind`: words only for a qualitative indicator, a number for every other kind (an editor
    then flags target = "17亿" on the line it is written)."""
    if "properties" not in indicator:
        return
    indicator["allOf"] = [{
        "if": {"properties": {"kind": {"const": "qualitative"}}, "required": ["kind"]},
        "then": {"properties": {"target": {"type": "string"}}},
        "else": {"properties": {"target": {"type": "number"}}},
    }]


def actuals_schema() -> dict[str, Any]:
    entry = json_schema(Entry)
    defs = entry.pop("$defs", {})
    defs["Entry"] = entry
    return describe({
        "$schema": DIALECT,
        "title": "plantrack actuals.toml",
        "description": "实际完成值：每个指标每年一个 [<指标编号>.<年份>] 表（docs/plan-format.md）/ Recorded actuals: "
                       "[<indicator-id>.<year>] tables (docs/plan-format.md).",
        "type": "object",
        "propertyNames": {"pattern": ID_PATTERN},
        "additionalProperties": {
            "description": "一项指标的各年实际值，键为 plan.toml 中的指标编号 / One indicator's actuals by year, "
                           "under its id in plan.toml",
            "type": "object",
            "propertyNames": {"pattern": "^[0-9]{4}$"},
            "additionalProperties": {
                "description": "一年的实际值，键为四位年份，从 start − 20 到 end / One year's entry, under its "
                               "four-digit year, from start − 20 to end",
                "$ref": "#/$defs/Entry",
            },
        },
        "$defs": defs,
    }, ACTUALS)


def status_schema() -> dict[str, Any]:
    from plantrack.status_schema import status_schema as build  # issue 19: the output's schema

    return build()


SCHEMAS = {"plan": plan_schema, "actuals": actuals_schema, "status": status_schema}
