"""What the wheel carries besides code (issue 20): the example plan and the JSON Schemas, as package data read
through importlib.resources, so `plantrack init --example` works from an installed wheel in an empty folder.

The files under src/plantrack/data/ are copies of plans/xiaokunshan-14th/ and schemas/ (tests/test_packaging.py
holds them equal), because a wheel can only carry what is inside the package.
"""

from __future__ import annotations

import os
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from plantrack.errors import EXIT_FINDINGS, PlantrackError

EXAMPLE = "xiaokunshan-14th"


def _data() -> Traversable:
    return files("plantrack").joinpath("data")


def example_files() -> dict[str, bytes]:
    """The example plan's files, name -> bytes."""
    folder = _data().joinpath("example", EXAMPLE)
    return {item.name: item.read_bytes() for item in folder.iterdir() if item.name.endswith(".toml")}


def schema_files() -> dict[str, bytes]:
    folder = _data().joinpath("schemas")
    return {item.name: item.read_bytes() for item in folder.iterdir() if item.name.endswith(".schema.json")}


def copy_example(plans_dir: Path) -> Path:
    """plans_dir/xiaokunshan-14th from the package data (plans_dir is made when missing). Next to plans_dir, a
    schemas/ folder as in this repository, so the `#:schema ../../schemas/...` first lines resolve for editors
    (only when there is no schemas/ yet). Refuses, changing nothing, when the plan folder exists."""
    target = plans_dir / EXAMPLE
    if target.exists() or target.is_symlink():
        raise PlantrackError(f"{target} 已存在，未做任何修改（init 从不覆盖）/ {target} exists: nothing was changed "
                             "(init never overwrites)", code=EXIT_FINDINGS)
    plans_dir.mkdir(parents=True, exist_ok=True)
    temporary = plans_dir / f".{EXAMPLE}.tmp"
    temporary.mkdir()
    for name, data in example_files().items():
        (temporary / name).write_bytes(data)
    os.replace(temporary, target)  # whole or not at all
    write_schemas(plans_dir)
    return target


def write_schemas(plans_dir: Path) -> Path | None:
    """schemas/plan.schema.json and schemas/actuals.schema.json beside plans/, as this repository keeps them, so
    the `#:schema ../../schemas/...` first lines of `init` and `init --example` resolve for editors. Only when
    there is no schemas/ yet; never replaces a file; a folder that cannot be written only means no schemas (the
    plan is made all the same). The folder written, or None."""
    import contextlib

    schemas = plans_dir.absolute().parent / "schemas"
    try:
        schemas.mkdir()  # exists already (a file, a link, the office's own): left alone
    except OSError:
        return None
    try:
        for name, data in schema_files().items():
            fd = os.open(schemas / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
    except OSError:  # a full disk: no half-written schemas left behind
        for name in schema_files():
            with contextlib.suppress(OSError):
                (schemas / name).unlink()
        with contextlib.suppress(OSError):
            schemas.rmdir()
        return None
    return schemas
