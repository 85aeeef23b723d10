"""The JSON Schema editors validate with: generated from the models, shipped up to date, and right about
the shipped plans and a broken one."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from conftest import REPO, XKS

from plantrack.schemas import actuals_schema, plan_schema

PLANS = [p.parent for p in sorted((REPO / "plans").glob("*/plan.toml"))] + \
        [p.parent for p in sorted((REPO / "examples").glob("plans/*/plan.toml"))]


def as_json(value):
    """TOML data as an editor sees it: numbers are numbers, dates are date-time strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def load(path: Path):
    return as_json(tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal))


@pytest.mark.parametrize(("name", "build"), [("plan", plan_schema), ("actuals", actuals_schema)])
def test_the_shipped_schema_files_are_what_the_models_generate(name, build, invoke):
    shipped = json.loads((REPO / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert shipped == build(), f"regenerate: plantrack schema {name} > schemas/{name}.schema.json"
    result = invoke("schema", name)
    assert result.exit_code == 0 and json.loads(result.stdout) == shipped


def test_the_schemas_are_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(plan_schema())
    jsonschema.Draft202012Validator.check_schema(actuals_schema())


@pytest.mark.parametrize("folder", PLANS, ids=lambda p: p.name)
def test_the_shipped_plans_are_accepted(folder):
    jsonschema.validate(load(folder / "plan.toml"), plan_schema())
    if (folder / "actuals.toml").exists():
        jsonschema.validate(load(folder / "actuals.toml"), actuals_schema())


@pytest.mark.parametrize("folder", PLANS, ids=lambda p: p.name)
def test_the_shipped_files_point_editors_at_the_schema(folder):
    assert (folder / "plan.toml").read_text(encoding="utf-8").startswith("#:schema ")
    line = (folder / "plan.toml").read_text(encoding="utf-8").splitlines()[0]
    assert (folder / line.removeprefix("#:schema ")).resolve() == REPO / "schemas" / "plan.schema.json"


@pytest.mark.parametrize(("change", "where"), [
    (lambda d: d["indicators"][0].update(atribute="expected"), "atribute"),
    (lambda d: d["indicators"][0].update(kind="annual-rate"), "annual-rate"),
    (lambda d: d["indicators"][0].update(no="1"), "'1'"),
    (lambda d: d["plan"].update(id="Xiao Kun Shan"), "Xiao Kun Shan"),
    (lambda d: d["indicators"][0].pop("target"), "target"),
])
def test_a_broken_plan_is_rejected(change, where):
    data = load(REPO / "plans" / XKS / "plan.toml")
    change(data)
    with pytest.raises(jsonschema.ValidationError) as exc:
        jsonschema.validate(data, plan_schema())
    assert where in str(exc.value)


def test_a_broken_actuals_file_is_rejected():
    data = load(REPO / "plans" / XKS / "actuals.toml")
    data["value-added-growth"]["2021"]["valeu"] = 1
    with pytest.raises(jsonschema.ValidationError, match="valeu"):
        jsonschema.validate(data, actuals_schema())
    data = load(REPO / "plans" / XKS / "actuals.toml")
    data["value-added-growth"]["21"] = {"value": 1}
    with pytest.raises(jsonschema.ValidationError, match="21"):
        jsonschema.validate(data, actuals_schema())
