"""Turn pydantic's validation errors into located findings a planning office can act on."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from plantrack.documents import Document
from plantrack.errors import Finding


def validate(
    model: type[BaseModel], data: Any, doc: Document, prefix: tuple[str | int, ...] = ()
) -> tuple[BaseModel | None, list[Finding]]:
    """Validate `data` (found at `prefix` in `doc`) as `model`."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [_finding(err, model, doc, prefix) for err in exc.errors(include_url=False)]


def _finding(err: dict[str, Any], model: type[BaseModel], doc: Document, prefix: tuple) -> Finding:
    loc = (*prefix, *err["loc"])
    # str() each part: a list index in `loc` is an int (style.md trap). The prefix says which entry.
    field = ".".join(str(p) for p in loc)
    return doc.finding(loc, field, _message(err, model))


def _message(err: dict[str, Any], model: type[BaseModel]) -> str:
    kind, value = err["type"], err.get("input")
    if kind == "extra_forbidden":
        name = str(err["loc"][-1])
        allowed = _allowed_keys(model, err["loc"][:-1])
        near = difflib.get_close_matches(name, allowed, n=1)
        hint = f"，是不是 {near[0]}？/ did you mean {near[0]}?" if near else ""
        return f"未知的键 {name}{hint} 可用的键 / allowed keys: {', '.join(allowed)}"
    if kind == "missing":
        return "缺少必填项，请补上 / required key is missing: add it"
    if kind == "string_type":
        return f"应为文字（加引号），而不是 {value!r} / must be a string in quotes"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"应为整数，而不是 {value!r} / must be a whole number"
    if kind == "bool_type":
        return f"应为 true 或 false，而不是 {value!r} / must be true or false"
    if kind == "literal_error":
        allowed = err.get("ctx", {}).get("expected", "")
        return f"不能是 {value!r}，只能是 {allowed} / must be one of {allowed}"
    if kind in ("list_type", "model_type", "dict_type"):
        what = {"list_type": "列表 [...] / a list", "model_type": "表 [...] / a table", "dict_type": "表 / a table"}
        return f"应为{what[kind]}，而不是 {value!r}"
    if kind.startswith(("datetime", "date")):
        return f"应为日期时间，例如 2022-03-31T10:00:00+08:00，而不是 {value!r} / must be a date-time"
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    return err["msg"]


def _allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names of the (sub)model at `loc`, following nested models and lists of them."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            break
        current = _model_in(field.annotation)
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        if (found := _model_in(arg)) is not None:
            return found
    return None
