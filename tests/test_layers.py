"""The layer rule as a test (docs/architecture.md): the core (every module outside cli/, render/, report/ and
sheets/, the spreadsheet adapters that import/export call) imports none of them, nor typer or rich, so the engine can be used, tested and timed without a terminal.

An AST walk over the source, so an import inside a function counts as much as one at the top of the file."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "plantrack"
OUTER = ("cli", "render", "report", "sheets", "web")  # the layers that print or speak a file format; the core is the rest
FORBIDDEN = ("typer", "click", "rich", *(f"plantrack.{layer}" for layer in OUTER))
ENTRY_POINTS = {"__main__.py"}  # `python -m plantrack` starts the CLI: that is its whole job


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, text: str | None = None) -> list[tuple[int, str]]:
    """(line, module) for every import in the file (or in `text`, as though it stood at `path`), relative
    imports resolved against the file's package."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8") if text is None else text, str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def crossings(path: Path) -> list[str]:
    return crossings_in(path, None)


def crossings_in(path: Path, text: str | None) -> list[str]:
    return [f"{path.relative_to(PACKAGE)}:{line} imports {name}" for line, name in imported(path, text)
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)]


def core_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py")
                  if p.relative_to(PACKAGE).parts[0] not in OUTER and p.name not in ENTRY_POINTS)


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_core_imports_no_renderer_cli_typer_or_rich(path):
    assert not crossings(path)


def test_renderers_do_not_import_the_cli():
    found = [f"{p.relative_to(PACKAGE)}:{line} imports {name}"
             for layer in ("render", "report") for p in sorted((PACKAGE / layer).rglob("*.py"))
             for line, name in imported(p) if name == "plantrack.cli" or name.startswith("plantrack.cli.")]
    assert not found


def test_the_layer_test_sees_a_crossing():
    # The walk must see a lazy import inside a function and a relative one, or the tests above prove nothing.
    source = "def f():\n    from ..render.words import status_word\n    import rich.console\n"
    probe = PACKAGE / "progress" / "probe.py"
    assert crossings_in(probe, source) == ["progress/probe.py:2 imports plantrack.render.words",
                                           "progress/probe.py:2 imports plantrack.render.words.status_word",
                                           "progress/probe.py:3 imports rich.console"]
    assert len(core_modules()) > 30  # the core really was found


def test_the_assessment_type_spells_the_one_list_of_words():
    # A type must spell its words out; the one list (plantrack.verdicts) is what the CLI and completion offer.
    from typing import get_args

    from plantrack.fields import Assessment
    from plantrack.verdicts import ASSESSMENTS

    assert get_args(Assessment) == ASSESSMENTS
