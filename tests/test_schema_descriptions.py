"""Issue 20, item 6: hover help in an editor. Every property of every shipped schema carries a `description`,
Chinese first, then " / " and English. The properties are found by walking the generated schema, not the text
table, so a field added to a model (or to the status output) without a description fails here; and a table
entry for a property that no longer exists fails too."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from plantrack import schema_text, status_text
from plantrack.schemas import SCHEMAS

TABLES = {"plan": schema_text.PLAN, "actuals": schema_text.ACTUALS, "status": status_text.STATUS}
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
# The project's separator: " / ", or "/ " right after a full-width bracket (“（不加引号）/ without quotes”).
SEPARATOR = re.compile(r"(?: |(?<=[）」]))/ ")


def properties(schema, where="#"):
    """(path, schema) of every declared property: at the root, in $defs, in nested objects, in array items, in
    additionalProperties and in anyOf branches. Not inside allOf/if/then/else: there a property is restated
    only to constrain it (plan.schema.json types `target` by `kind`), and the editor shows the declared one."""
    if not isinstance(schema, dict):
        return
    for name, prop in schema.get("properties", {}).items():
        yield f"{where}/properties/{name}", prop
        yield from properties(prop, f"{where}/properties/{name}")
    for key in ("items", "additionalProperties"):
        yield from properties(schema.get(key), f"{where}/{key}")
    for i, branch in enumerate(schema.get("anyOf", [])):
        yield from properties(branch, f"{where}/anyOf/{i}")
    for name, definition in schema.get("$defs", {}).items():
        yield from properties(definition, f"#/$defs/{name}")


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_property_has_a_bilingual_description(name):
    found = list(properties(SCHEMAS[name]()))
    assert len(found) > 10, "the walk found the properties"
    bad = []
    for path, prop in found:
        if not bilingual(text := prop.get("description", "")):
            bad.append(f"{path}: {text!r}")
    assert not bad, ("add a description, 中文 / English, to src/plantrack/schema_text.py (status: status_text.py):\n" + "\n".join(bad))


def bilingual(text):
    parts = SEPARATOR.split(text, maxsplit=1)
    return len(parts) == 2 and bool(CJK.search(parts[0])) and bool(LATIN.search(parts[1]))


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_schema_and_each_of_its_definitions_describe_themselves_in_both_languages(name):
    """What an editor shows on a table header ([plan.thresholds], [gdp-growth.2021]): taplo resolves a $ref and
    may show the definition's text instead of the property's (tamasfe/taplo#729)."""
    schema = SCHEMAS[name]()
    objects = {"<root>": schema, **schema.get("$defs", {})}
    bad = [f"{key}: {value.get('description', '')!r}" for key, value in objects.items()
           if not bilingual(value.get("description", ""))]
    assert not bad, "add the description to src/plantrack/schema_text.py or status_text.py (key \"\"):\n" + "\n".join(bad)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_text_table_has_no_entry_for_a_property_that_is_gone(name):
    schema = SCHEMAS[name]()
    stale = []
    for owner, texts in TABLES[name].items():
        node = schema
        for i, part in enumerate(owner.split(".") if owner else []):
            node = (schema.get("$defs", {}) if i == 0 else node.get("properties", {})).get(part, {})
        # "" is the owner's own description: stale when the owner itself is gone.
        stale += [f"{owner or '<root>'}.{key}" for key in texts
                  if not node or (key != "" and key not in node.get("properties", {}))]
    assert not stale, f"remove from src/plantrack/schema_text.py or status_text.py: {stale}"


def test_a_table_entry_reaches_its_property():
    """The text is the table's, word for word (it is not written a second time somewhere else)."""
    plan = SCHEMAS["plan"]()
    assert plan["$defs"]["Indicator"]["properties"]["target"]["description"] == schema_text.PLAN["Indicator"]["target"]
    status = SCHEMAS["status"]()
    counts = status["$defs"]["plan"]["properties"]["counts"]["properties"]
    assert counts["no_data"]["description"] == status_text.STATUS["plan.counts"]["no_data"]


def test_shared_property_schemas_are_not_mixed_up():
    """status_schema reuses one dict for every nullable number: each property must still get its own text."""
    indicator = SCHEMAS["status"]()["$defs"]["indicator"]["properties"]
    assert indicator["actual"]["description"] != indicator["expected"]["description"]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_shipped_file_is_byte_for_byte_what_plantrack_schema_prints(name, invoke):
    """The descriptions reach the files editors read: schemas/*.json is `plantrack schema NAME > …` exactly."""
    result = invoke("schema", name)
    shipped = (REPO / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert result.exit_code == 0 and result.stdout == shipped, f"plantrack schema {name} > schemas/{name}.schema.json"
