"""Validate parsed TOML against the model dataclasses with pydantic, and turn its errors into located findings
a planning office can act on. The only module that imports pydantic (see models.py for why)."""

from __future__ import annotations

import dataclasses
import difflib
import re
from functools import cache
from typing import Any, TypeVar

from plantrack.documents import Document
from plantrack.errors import Finding

T = TypeVar("T")


@cache
def _adapter(model: Any) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(model)


def parse(model: type[T], data: Any) -> T:
    """`data` as a `model` instance; raises pydantic.ValidationError."""
    plain: type = model  # a class is hashable (the cache's key); mypy does not see it through type[T]
    value: T = _adapter(plain).validate_python(data)
    return value


def json_schema(model: type) -> dict[str, Any]:
    """The JSON Schema of a model, for editors (Taplo / Even Better TOML)."""
    schema: dict[str, Any] = _adapter(model).json_schema()
    return schema


def validate(model: type[T], data: Any, doc: Document, prefix: tuple[str | int, ...] = ()) -> tuple[T | None, list[Finding]]:
    """Validate `data` (found at `prefix` in `doc`) as `model`."""
    from pydantic import ValidationError

    try:
        return parse(model, data), []
    except ValidationError as exc:
        return None, [_finding(dict(err), model, doc, prefix) for err in exc.errors(include_url=False)]


def _finding(err: dict[str, Any], model: type, doc: Document, prefix: tuple[str | int, ...]) -> Finding:
    loc = (*prefix, *err["loc"])
    return doc.finding(loc, "", _message(err, model))


def _message(err: dict[str, Any], model: type) -> str:
    kind, value = err["type"], err.get("input")
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        name = str(err["loc"][-1])
        allowed = _allowed_keys(model, err["loc"][:-1])
        near = difflib.get_close_matches(name, allowed, n=1)
        hint = f"，是不是 {near[0]}？/ did you mean {near[0]}?" if near else ""
        if not allowed:  # a table that takes no keys of its own (or one pydantic could not name)
            return f"此处不能有键 {name} / no key {name} belongs here"
        return f"未知的键 {name}{hint}；可用的键 / unknown key {name}; allowed keys: {', '.join(allowed)}"
    if kind in ("missing", "missing_argument"):
        return "缺少必填项，请补上 / required key is missing: add it"
    if kind == "string_type":
        return f"应为文字（加引号），而不是 {value!r} / must be a string in quotes"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"应为整数，而不是 {value!r} / must be a whole number"
    if kind == "bool_type":
        return f"应为 true 或 false，而不是 {value!r} / must be true or false"
    if kind == "literal_error":
        allowed = err.get("ctx", {}).get("expected", "")
        near = difflib.get_close_matches(str(value), re.findall(r"'([^']*)'", allowed), n=1)
        zh, en = (f"是不是 {near[0]!r}？", f"; did you mean {near[0]!r}?") if near else ("", "")
        return f"不能是 {value!r}，{zh}只能是 {allowed} / must be one of {allowed}{en}"
    if kind in ("list_type", "model_type", "dict_type", "dataclass_type"):
        what = {"list_type": "列表 [...] / a list", "model_type": "表 [...] / a table", "dict_type": "表 / a table",
                "dataclass_type": "表 [...] / a table"}
        return f"应为{what[kind]}，而不是 {value!r}"
    if kind.startswith(("datetime", "date")):
        return f"应为日期时间，例如 2022-03-31T10:00:00+08:00，而不是 {value!r} / must be a date-time"
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    return str(err["msg"])


def _allowed_keys(model: type, loc: tuple[str | int, ...]) -> list[str]:
    """Field names of the (nested) dataclass at `loc`, following lists of them."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        found = {f.name: f for f in _fields(current)}.get(str(part))
        if found is None:
            break
        current = _model_in(found.type)
    return [f.name for f in _fields(current)]


def _fields(model: Any) -> tuple[dataclasses.Field[Any], ...]:
    return dataclasses.fields(model) if dataclasses.is_dataclass(model) else ()


def _model_in(annotation: Any) -> Any:
    """The dataclass inside an annotation such as `list[Indicator]` or `Thresholds` (strings resolved)."""
    import typing

    from plantrack import models

    if isinstance(annotation, str):
        try:
            annotation = eval(annotation, vars(models), dict(vars(typing)))  # our own annotations only
        except Exception:  # noqa: BLE001 - an unresolvable hint just means "no nested keys to suggest"
            return None
    if dataclasses.is_dataclass(annotation):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        if (found := _model_in(arg)) is not None:
            return found
    return None
