"""`-` for standard input and standard output, as Unix tools take it (issue 20): `import -`, `check -`,
`report -o -`, `export -o -` (every -o goes through render/destination.write_output, which also owns is_dash).

Standard input is copied to a private temporary file first, so the readers keep their one rule for files
(a bounded read of a regular file, readfile.py) and their messages (which name the file "-").
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from plantrack.check.run import PlanCheck
    from plantrack.errors import Finding

from plantrack.render.destination import is_dash

DASH = "-"
STDIN_LIMIT = 64 * 1024 * 1024  # more than any plan or CSV; the readers' own limits apply to what is kept


@contextlib.contextmanager
def input_file(path: Path, name: str) -> Iterator[Path]:
    """`path` itself, or for "-" a temporary folder's file `name` holding standard input (removed after)."""
    if not is_dash(path):
        yield path
        return
    folder = Path(tempfile.mkdtemp(prefix="plantrack-stdin-"))
    try:
        data = sys.stdin.buffer.read(STDIN_LIMIT + 1) if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
        (folder / name).write_bytes(data)
        yield folder / name
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def checked_paths(paths: list[Path]) -> Iterator[tuple[list[Path], dict[str, str]]]:
    """`check -`: standard input as a plan.toml in a temporary plan folder. The paths to check, and the
    prefixes to show differently in messages (the temporary folder's file shows as "-")."""
    if not any(is_dash(p) for p in paths):
        yield paths, {}
        return
    from plantrack.filenames import PLAN_FILE

    with input_file(Path(DASH), PLAN_FILE) as given:
        from plantrack.contain import display_path

        # A plan's folder is named by its id (a rule check enforces): the folder is named so too.
        folder = given.parent / _plan_id(given.read_bytes())
        folder.mkdir()
        plan_file = given.rename(folder / PLAN_FILE)
        shown = {display_path(plan_file): DASH, display_path(folder): DASH}
        yield [folder if is_dash(p) else p for p in paths], shown


def renamed(checks: Iterable[PlanCheck], shown: dict[str, str]) -> Iterator[PlanCheck]:
    """Each PlanCheck with its findings' paths shown as `shown` says (see checked_paths)."""
    import dataclasses

    for item in checks:
        if shown:
            def fix(found: list[Finding]) -> list[Finding]:
                return [dataclasses.replace(f, path=shown.get(f.path, f.path)) for f in found]

            item = dataclasses.replace(item, findings=fix(item.findings), warnings=fix(item.warnings))
        yield item


def _plan_id(data: bytes) -> str:
    import tomllib

    from plantrack.fields import id_problem

    try:
        plan = tomllib.loads(data.decode("utf-8-sig")).get("plan", {})
        found = plan.get("id") if isinstance(plan, dict) else None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        found = None
    return found if isinstance(found, str) and id_problem(found) is None else "stdin"
