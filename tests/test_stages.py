"""The stage map as a test (docs/architecture.md, issue 26 item 1): every module belongs to one stage, imports
only from its own stage or lower ones, and no modules import each other in a circle.

The same AST walk as tests/test_layers.py (`imported`), so an import inside a function, or under
`if TYPE_CHECKING:`, counts as much as one at the top of the file: a circle closed by a lazy import is still a
circle (the loader called the checking rules, which called the roll-up, which called the loader)."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

from test_layers import PACKAGE, imported, module_name

# Lowest first. A module may import from its own stage or any stage before it.
STAGES = ("base", "read", "validate", "check", "evaluate", "write", "present", "cli")

# module (or package: it and every module under it) -> stage; the longest name that matches wins. The same
# table is docs/architecture.md's stage map: a new module gets a line in both, or this test fails.
STAGE_OF = {
    # base: the vocabulary and types every stage shares
    "plantrack": "base",
    "plantrack.errors": "base", "plantrack.text": "base", "plantrack.units": "base", "plantrack.years": "base",
    "plantrack.verdicts": "base", "plantrack.fields": "base", "plantrack.models": "base", "plantrack.plan": "base",
    "plantrack.filenames": "base",
    "plantrack.parts": "base", "plantrack.fonts": "base",
    "plantrack.pool": "base",
    "plantrack.numbers": "base",  # Decimal context, rounding and display of numbers: every stage's
    # read: which folders, bounded bytes, TOML with positions
    "plantrack.readfile": "read", "plantrack.textfile": "read", "plantrack.tomlpos": "read", "plantrack.documents": "read",
    "plantrack.config": "read", "plantrack.contain": "read", "plantrack.bundled": "read", "plantrack.extract": "read",
    # validate: one plan folder parsed and validated against the models (pydantic), and the schemas
    "plantrack.check.schema": "validate", "plantrack.loader": "validate", "plantrack.cache": "validate",
    "plantrack.office": "validate", "plantrack.schema_text": "validate", "plantrack.status_schema": "validate",
    "plantrack.status_text": "validate",
    "plantrack.schemas": "validate",
    # check: rules over a whole plan (one folder loaded: check/load.py), links between plans (check/cycle/),
    # the plan a command acts on (opening.py), `check` over many plans
    "plantrack.check": "check", "plantrack.check.rules": "check", "plantrack.check.partial": "check",
    "plantrack.check.adjustments": "check",  # an indicator's mid-term adjustments, first_year, retired (issue 30)
    "plantrack.check.load": "check", "plantrack.check.cycle": "check", "plantrack.plausibility": "check",
    "plantrack.opening": "check", "plantrack.check.run": "check", "plantrack.doctor": "check",
    # evaluate: the verdicts (progress/), over many plans
    "plantrack.progress": "evaluate", "plantrack.overview": "evaluate", "plantrack.many": "evaluate",
    "plantrack.matrix": "evaluate", "plantrack.rollup": "evaluate",
    # write: checked exactly as check does, then written under the plan's lock
    "plantrack.changes": "write", "plantrack.recording": "write", "plantrack.store": "write", "plantrack.tomledit": "write",
    "plantrack.removal": "write", "plantrack.scaffold": "write", "plantrack.gitignore": "write",
    "plantrack.extracted": "write",  # extract --apply's figures made into changes
    # present: the terminal, data formats, reports, workbooks
    "plantrack.render": "present", "plantrack.report": "present", "plantrack.sheets": "present",
    "plantrack.csvio": "present",
    "plantrack.web": "present",  # serve and site (issue 33): pages from the same models, writes through recording.py
    # the command line
    "plantrack.cli": "cli", "plantrack.completion": "cli", "plantrack.completion_table": "cli", "plantrack.__main__": "cli",
}

# (importer, imported) -> why this import may run against the stage order. At most three (issue 26).
ALLOWED_AGAINST: dict[tuple[str, str], str] = {}

MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def stage(module: str) -> str | None:
    names = [n for n in STAGE_OF if module == n or module.startswith(n + ".")]
    return STAGE_OF[max(names, key=len)] if names else None


def edges(module: str) -> list[tuple[int, str]]:
    """(line, module) for each plantrack module `module` imports. `from plantrack.sheets import headers`
    imports the submodule headers; the package itself counts only when a name defined in it is imported. And
    importing a submodule first runs its packages' __init__.py: what those import at their top level is
    imported too (plantrack.progress.numbers once pulled in the whole engine that way)."""
    by_line: dict[int, list[str]] = defaultdict(list)
    for line, name in imported(MODULES[module]):
        by_line[line].append(name)
    found = []
    for line, names in by_line.items():
        for name in names:
            below = [n for n in names if n.startswith(name + ".")]
            if name in MODULES and name != module and not (below and all(n in MODULES for n in below)):
                found.append((line, name))
                found += [(line, n) for n in _run_first(module, name) if n != module]
    return sorted(set(found))


def _run_first(importer: str, name: str) -> list[str]:
    """What the packages above `name` import at their top level, unless `importer` is inside them already."""
    parts = name.split(".")
    out = []
    for depth in range(2, len(parts)):  # plantrack.x, plantrack.x.y, … (plantrack itself imports nothing)
        package = ".".join(parts[:depth])
        if package in MODULES and not importer.startswith(package + "."):
            out += [n for n in _top_level(package) if n in MODULES]
    return out


def _top_level(package: str) -> list[str]:
    path = MODULES[package]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names += [n for _, n in imported(path, ast.unparse(node))]
    return names


def graph() -> dict[str, set[str]]:
    return {m: {name for _, name in edges(m)} for m in MODULES}


def circles(links: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in sorted(links):
        if root in index:
            continue
        work = [(root, iter(sorted(links[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(links.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def against_the_order() -> dict[tuple[str, str], list[int]]:
    out: dict[tuple[str, str], list[int]] = defaultdict(list)
    for module in MODULES:
        for line, name in edges(module):
            if STAGES.index(stage(name) or "cli") > STAGES.index(stage(module) or "base"):
                out[(module, name)].append(line)
    return dict(out)


def test_every_module_has_a_stage():
    assert [m for m in MODULES if stage(m) is None] == []
    assert set(STAGE_OF.values()) == set(STAGES)
    # Every line of the table names a module or a package that exists (a moved module leaves no stale line).
    assert [n for n in STAGE_OF if n not in MODULES] == []


def test_no_import_circle():
    assert circles(graph()) == []


def test_imports_follow_the_stage_order():
    found = against_the_order()
    assert {k: found[k] for k in found if k not in ALLOWED_AGAINST} == {}
    assert sorted(ALLOWED_AGAINST) == sorted(k for k in found if k in ALLOWED_AGAINST)  # none allowed in vain
    assert len(ALLOWED_AGAINST) <= 3


def test_the_walk_sees_a_circle_and_a_submodule_import():
    # The tests above prove nothing unless a circle is found and `from package import module` is read as an
    # import of the module (not of the package: that would make every package a circle with its modules).
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []
    assert ("plantrack.sheets" not in {name for _, name in edges("plantrack.sheets.headrow")})
    assert "plantrack.sheets.headers" in {name for _, name in edges("plantrack.sheets.headrow")}
    assert stage("plantrack.numbers") == "base" and stage("plantrack.progress.engine") == "evaluate"
    assert stage("plantrack.check.schema") == "validate" and stage("plantrack.check.rules") == "check"


def test_the_architecture_page_shows_this_table():
    """docs/architecture.md's stage map names the same modules in the same stages as STAGE_OF."""
    page = (Path(__file__).resolve().parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    shown: dict[str, set[str]] = {}
    for row in re.findall(r"^\| (\w+) \| (.*?) \|", page, flags=re.M):
        if row[0] in STAGES:
            names = re.findall(r"`([\w/]+(?:\.py|/))`", row[1])
            shown[row[0]] = {_module(n) for n in names}
    assert shown == {s: {m for m, st in STAGE_OF.items() if st == s} for s in STAGES}


def _module(shown: str) -> str:
    """`check/rules.py` -> plantrack.check.rules, `render/` -> plantrack.render, `__init__.py` -> plantrack."""
    parts = shown.removesuffix(".py").strip("/").split("/")
    return ".".join(["plantrack", *(p for p in parts if p != "__init__")])
