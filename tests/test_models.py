"""The plan and actuals models on their own: strict numbers, strict keys, and the defaults a plan file may leave out."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

import dataclasses

from plantrack.models import Entry, Indicator, PlanFile, PlanInfo, Thresholds
from plantrack.fields import parse_number
from plantrack.check.schema import parse

INDICATOR = {
    "id": "new-enterprises", "no": 2, "name": "新增规上企业", "kind": "cumulative", "unit": "家", "target": 10,
}
INFO = {"id": "demo-14th", "name": "示例镇「十四五」规划主要指标", "start": 2021, "end": 2025}


def error_types(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[tuple, str]]:
    return [(e["loc"], e["type"]) for e in exc.value.errors()]


# --- parse_number: no silent coercion --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("12", '文字 "12"，请去掉引号 / must be a number, not the string "12": remove the quotes'),
        ("1,5", 'the string "1,5"'),
        ("12a", 'the string "12a"'),
        (True, "布尔值 true / must be a number, not the boolean true"),
        (False, "布尔值 false / must be a number, not the boolean false"),
        (1.5, "float 1.5"),  # TOML floats arrive as Decimal; a binary float here is a bug upstream
        (None, "NoneType None"),
    ],
    ids=["string", "comma", "string-with-letters", "true", "false", "float", "none"],
)
def test_parse_number_refuses_what_is_not_a_number(value, words):
    with pytest.raises(ValueError) as exc:
        parse_number(value)
    assert words in str(exc.value)
    assert "must be a number" in str(exc.value)


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_parse_number_refuses_nan_and_infinity(value):
    with pytest.raises(ValueError, match="不是有限数字 / is not a finite number"):
        parse_number(value)


@pytest.mark.parametrize("value", [Decimal("1e400"), Decimal("-1e400"), Decimal("1e15"), 10**15, -(10**15)])
def test_parse_number_refuses_out_of_range(value):
    with pytest.raises(ValueError, match=r"out of range \(\|x\| < 10\^15\)"):
        parse_number(value)


@pytest.mark.parametrize("value", [0, 6, -3, 486600, 10**15 - 1, Decimal("999999999999999.99")])
def test_parse_number_accepts_integers_and_decimals(value):
    number = parse_number(value)
    assert type(number) is Decimal
    assert number == value


def test_parse_number_keeps_decimals_exactly():
    number = parse_number(Decimal("27.72"))
    assert number == Decimal("27.72")
    assert str(number) == "27.72"
    assert str(parse_number(Decimal("48.90"))) == "48.90"  # as typed, trailing zero included
    assert parse_number(Decimal("0.1")) + parse_number(Decimal("0.2")) == Decimal("0.3")


def test_a_number_field_refuses_a_string_with_a_located_error():
    with pytest.raises(ValidationError) as exc:
        parse(Entry, {"value": "12"})
    (error,) = exc.value.errors()
    assert error["loc"] == ("value",)
    assert "remove the quotes" in str(error["ctx"]["error"])


def test_a_number_field_keeps_a_decimal_exactly():
    entry = parse(Entry, {"value": Decimal("27.72"), "rate": 6})
    assert str(entry.value) == "27.72"
    assert entry.rate == Decimal(6) and type(entry.rate) is Decimal


# --- strict keys and types -------------------------------------------------------------------------------------


def test_indicator_forbids_an_extra_key():
    with pytest.raises(ValidationError) as exc:
        parse(Indicator, {**INDICATOR, "taget": 10})
    assert error_types(exc) == [(("taget",), "unexpected_keyword_argument")]


def test_entry_forbids_an_extra_key():
    with pytest.raises(ValidationError) as exc:
        parse(Entry, {"value": 3, "units": "家"})
    assert error_types(exc) == [(("units",), "unexpected_keyword_argument")]


def test_plan_file_forbids_extra_keys_at_every_level():
    data = {"plan": {**INFO, "region2": "x"}, "indicators": [{**INDICATOR, "comment": "x"}], "meta": {}}
    with pytest.raises(ValidationError) as exc:
        parse(PlanFile, data)
    assert sorted(error_types(exc)) == [
        (("indicators", 0, "comment"), "unexpected_keyword_argument"),
        (("meta",), "unexpected_keyword_argument"),
        (("plan", "region2"), "unexpected_keyword_argument"),
    ]


@pytest.mark.parametrize(("key", "value"), [("no", "2"), ("no", True), ("net", "true"), ("net", 1), ("name", 5)])
def test_indicator_types_are_strict(key, value):
    with pytest.raises(ValidationError) as exc:
        parse(Indicator, {**INDICATOR, key: value})
    assert [e["loc"] for e in exc.value.errors()] == [(key,)]


@pytest.mark.parametrize("bad", ["../evil", "Bad_ID", "demo_14th", "-demo", "demo-", "", "a" * 65, "示例", 14])
def test_ids_follow_the_strict_pattern(bad):
    with pytest.raises(ValidationError) as exc:
        parse(PlanInfo, {**INFO, "id": bad})
    assert error_types(exc) == [(("id",), "value_error")]


@pytest.mark.parametrize("good", ["a", "7", "demo-14th", "xiaokunshan-14th", "a" * 64])
def test_ids_that_are_fine(good):
    assert parse(PlanInfo, {**INFO, "id": good}).id == good


def test_missing_required_keys_are_each_named():
    with pytest.raises(ValidationError) as exc:
        parse(Indicator, {"id": "x"})
    assert sorted(loc for loc, kind in error_types(exc) if kind == "missing") == [
        ("kind",), ("name",), ("no",), ("target",),  # unit: required by check/rules.py except for qualitative
    ]


def test_models_are_frozen():
    entry = Entry(value=Decimal(3))
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.value = Decimal(4)  # type: ignore[misc]


# --- defaults --------------------------------------------------------------------------------------------------


def test_indicator_defaults():
    ind = parse(Indicator, INDICATOR)
    assert (ind.name_en, ind.attribute, ind.direction, ind.value_unit, ind.net, ind.note) == (
        "", "expected", "increase", None, False, "",
    )
    assert ind.target == Decimal(10) and type(ind.target) is Decimal
    assert not ind.binding
    assert not ind.is_rate
    assert ind.level_unit == "家"


def test_indicator_level_unit_by_kind():
    rate = parse(Indicator, {**INDICATOR, "kind": "annual_rate", "unit": "%", "target": 6})
    assert rate.is_rate and rate.level_unit is None
    with_levels = dataclasses.replace(rate, **{"value_unit": "万元"})
    assert with_levels.level_unit == "万元"
    words = parse(Indicator, {**INDICATOR, "kind": "qualitative", "target": "与经济增长基本同步"})
    assert words.target == "与经济增长基本同步"
    assert words.level_unit is None


def test_entry_defaults():
    entry = Entry()
    assert (entry.value, entry.rate, entry.unit, entry.assessment, entry.recorded_at) == (None,) * 5
    assert (entry.source, entry.note, entry.revisions) == ("", "", [])


def test_plan_info_defaults():
    info = parse(PlanInfo, INFO)
    assert info.base_year is None and info.base == 2020
    assert (info.name_en, info.region, info.source, info.units) == ("", "", "", [])
    assert info.thresholds == Thresholds(ahead=Decimal("1.05"), on_track=Decimal("0.95"), behind=Decimal("0.60"))
    assert parse(PlanInfo, {**INFO, "base_year": 2019}).base == 2019
