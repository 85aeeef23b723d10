"""`check` reports every error it can find in one run (issue 20): a schema error in one part of plan.toml no
longer holds back the cross-field checks of the parts that validated, and nothing is reported twice."""

from __future__ import annotations

from conftest import XKS


def _break(plans_dir, *edits):
    path = plans_dir / XKS / "plan.toml"
    text = path.read_text(encoding="utf-8")
    for old, new, after in edits:
        start = text.index(after) if after else 0
        assert old in text[start:]
        text = text[:start] + text[start:].replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def _findings(result):
    return [line for line in result.stdout.splitlines() + result.stderr.splitlines() if "plan.toml:" in line]


def test_three_independent_errors_are_all_reported_at_once(invoke, plans_dir):
    _break(plans_dir,
           ("base_year = 2020", "base_yaer = 2020", None),                         # a misspelled key in [plan]
           ('kind = "annual_rate"', 'kind = "annual_rat"', None),                  # an unknown kind, indicator 0
           ('unit = "%"', 'unit = "percent"', 'id = "fiscal-revenue-growth"'))     # a bad unit, indicator 1
    result = invoke("check", str(plans_dir))
    assert result.exit_code == 1
    found = _findings(result)
    assert any("plan.base_yaer" in f and "did you mean base_year" in f for f in found), found
    assert any("indicators[value-added-growth].kind" in f for f in found), found
    assert any("indicators[fiscal-revenue-growth].unit" in f and "'percent'" in f for f in found), found
    assert len(found) == len(set(found))  # nothing twice


def test_a_schema_error_alone_is_reported_once(invoke, plans_dir):
    _break(plans_dir, ('kind = "annual_rate"', 'kind = "annual_rat"', None))
    result = invoke("check", str(plans_dir))
    assert result.exit_code == 1
    assert [f for f in _findings(result) if "indicators[value-added-growth]" in f] and len(_findings(result)) == 1, _findings(result)


def test_cross_field_errors_of_plan_and_indicators_beside_a_schema_error(invoke, plans_dir):
    _break(plans_dir,
           ("end = 2025", "end = 2019", None),                                      # [plan]: ends before start
           ('direction = "increase"', 'direction = "upward"', 'id = "fiscal-revenue-growth"'),  # indicator 1
           ("no = 1", "no = 3", None))                                             # indicator 0: a duplicate 序号
    found = _findings(invoke("check", str(plans_dir)))
    assert any("plan.end" in f for f in found), found
    assert any("indicators[fiscal-revenue-growth].direction" in f for f in found), found
    assert any(".no" in f and "序号" in f for f in found), found


def test_actuals_are_checked_beside_a_plan_toml_that_failed_its_schema(invoke, plans_dir):
    """A schema error in plan.toml no longer holds actuals.toml's errors back for a second run: its tables
    against the ids plan.toml names, each entry's shape, and the entry rules of the indicators that
    validated."""
    _break(plans_dir, ('kind = "annual_rate"', 'kind = "annual_rat"', 'id = "fiscal-revenue-growth"'))
    actuals = plans_dir / XKS / "actuals.toml"
    text = actuals.read_text(encoding="utf-8")
    text = text.replace("[value-added-growth.2017]\nvalue = 434225", "[value-added-growth.2017]\nvalue = \"434225\"", 1)
    text += '\n[no-such-indicator.2022]\nvalue = 1\nsource = "x"\n'
    text += '\n[fiscal-revenue-growth.2022]\nrate = "7"\nsource = "x"\n'  # its indicator has an error: no "no such"
    actuals.write_text(text, encoding="utf-8")
    result = invoke("check", str(plans_dir))
    assert result.exit_code == 1
    out = result.stdout + result.stderr
    assert "indicators[fiscal-revenue-growth].kind" in out
    assert "value-added-growth.2017.value" in out, out         # a shape error in a valid indicator's entry
    assert "no-such-indicator" in out and "no such indicator" in out
    assert "fiscal-revenue-growth.2022" in out                 # its shape (a string rate) still checked
    assert out.count("no such indicator") == 1
