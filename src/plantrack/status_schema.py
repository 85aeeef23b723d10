"""The JSON Schema of `plantrack status --format json` (schema_version 2, issue 19): shipped as
schemas/status.schema.json and printed by `plantrack schema status`. Written by hand from docs/status-json.md
(the output is built from results, not from a model); tests/test_district.py validates real output with it."""

from __future__ import annotations

from typing import Any

from plantrack.schema_text import describe
from plantrack.status_text import STATUS as TEXT

STATUS = ["achieved", "nearly_met", "ahead", "on_track", "behind", "far_behind", "missed", "no_final_data", "no_data"]
MIDTERM = ["achieved", "nearly_met", "ahead", "on_track", "behind", "far_behind", "missed"]
_NUMBER = {"type": ["number", "null"]}
_INT = {"type": ["integer", "null"]}
_TEXT = {"type": ["string", "null"]}
_BOOL = {"type": ["boolean", "null"]}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": list(properties), "additionalProperties": False, "properties": properties}


def status_schema() -> dict[str, Any]:
    indicator = _object({
        "id": {"type": "string"}, "no": {"type": "integer"}, "name": {"type": "string"},
        "name_en": {"type": "string"}, "attribute": {"enum": ["expected", "binding"]},
        "kind": {"enum": ["annual_rate", "total_change", "cumulative", "level", "qualitative"]},
        "direction": {"enum": ["increase", "decrease"]}, "unit": {"type": "string"}, "value_unit": _TEXT,
        "target": {"type": ["number", "string"]}, "adjusted": _INT,
        "original_target": {"type": ["number", "string"]},
        "adjustments": {"type": "array", "items": {"$ref": "#/$defs/adjustment"}}, "data_year": _INT,
        "actual": _NUMBER, "expected": _NUMBER, "completion": _NUMBER, "pace_ratio": _NUMBER,
        "status": {"enum": STATUS}, "latest_status": {"enum": [*MIDTERM, None]},
        "required": _NUMBER, "projection": _NUMBER, "projection_level": _NUMBER,
        "warning": {"type": "boolean"}, "partial": {"type": "boolean"}, "stale": {"type": "boolean"},
        "final": {"type": "boolean"}, "missing_years": {"type": "array", "items": {"type": "integer"}},
        "out_of_range": {"type": "array", "items": {"type": "string"}}, "group": _TEXT,
        "first_year": _INT, "retired": _INT, "retired_reason": _TEXT,
        "likelihood": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
        "likelihood_reason": {"enum": ["qualitative", "no_data", "outcome_known", "too_few_points", "not_positive",
                                       None]},
    })
    names = {"type": "array", "items": {"type": "string"}}
    lacking = {"type": "array", "items": {"$ref": "#/$defs/member_years"}}
    # Issue 30, item 3: a cumulative's period to date, a rate kind's summed levels and the growth they imply.
    member_years = _object({"member": {"type": "string"}, "years": {"type": "array", "items": {"type": "integer"}}})
    member_period = _object({"member": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"}})
    period = {**_object({
        "start": {"type": "integer"}, "year": {"type": "integer"}, "own": _NUMBER,
        "own_missing_years": {"type": "array", "items": {"type": "integer"}}, "members_total": _NUMBER,
        "difference": _NUMBER, "members_counted": names, "members_missing": lacking,
    }), "type": ["object", "null"]}
    rates = {**_object({
        "base_year": {"type": "integer"}, "year": {"type": "integer"}, "members_base": _NUMBER,
        "members_previous": _NUMBER, "members_level": _NUMBER, "members_counted": names, "members_missing": lacking,
        "year_rate": _NUMBER, "own_year_rate": _NUMBER, "own_year_rate_recorded": {"type": "boolean"},
        "year_rate_agrees": _BOOL, "period_measure": {"enum": ["average", "change"]}, "period_rate": _NUMBER,
        "own_period_rate": _NUMBER, "period_rate_agrees": _BOOL,
    }), "type": ["object", "null"]}
    # Issue 30, item 1: a mid-term adjustment of the target.
    adjustment = _object({"year": {"type": "integer"}, "target": {"type": ["number", "string"]},
                          "source": {"type": "string"}, "reason": {"type": "string"}})
    rollup = _object({
        "indicator": {"type": "string"}, "name": {"type": "string"},
        "kind": {"enum": ["annual_rate", "total_change", "cumulative", "level"]}, "year": {"type": "integer"},
        "unit": {"type": "string"}, "own": _NUMBER, "members_total": _NUMBER, "difference": _NUMBER,
        "members_counted": names, "members_missing": names,
        "members_other_period": {"type": "array", "items": {"$ref": "#/$defs/member_period"}},
        "period": {"$ref": "#/$defs/rollup_period"}, "rates": {"$ref": "#/$defs/rollup_rates"},
    })
    counts = {"type": ["object", "null"], "required": STATUS, "additionalProperties": False,
              "properties": {s: {"type": "integer", "minimum": 0} for s in STATUS}}
    plan = _object({
        "plan": {"type": "string"}, "name": _TEXT, "as_of": _INT, "start": _INT, "end": _INT, "base_year": _INT,
        "counts": counts, "short_name": _TEXT, "closed": {"type": ["string", "null"], "format": "date"},
        "members": {"type": "array", "items": {"type": "string"}},
        "rollup": {"type": "array", "items": {"$ref": "#/$defs/rollup"}},
        "indicators": {"type": "array", "items": {"$ref": "#/$defs/indicator"}},
        "retired_indicators": {"type": "array", "items": {"$ref": "#/$defs/indicator"}},
        "errors": {"type": "array", "items": {"type": "string"}},
    })
    return describe({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "plantrack status --format json",
        "description": "每个规划的状态，规划数量不论多少都是同一结构（docs/status-json.md）/ Every plan's status, one "
                       "shape whatever the number of plans (docs/status-json.md).",
        **_object({"schema_version": {"const": 2}, "as_of": _INT,
                   "plans": {"type": "array", "items": {"$ref": "#/$defs/plan"}}}),
        "$defs": {"plan": plan, "indicator": indicator, "adjustment": adjustment, "rollup": rollup,
                  "rollup_period": period, "rollup_rates": rates, "member_years": member_years,
                  "member_period": member_period},
    }, TEXT)  # hover help: every property's text is in status_text.py
