"""A cheap guard for start-up cost: which heavy modules each command path may import (an import graph, not a
timer; the timings live in benchmarks/). A heavy import creeping into a command's path fails here."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# The [web] extra: imported by `serve` and `site` only (issue 33), never by the commands below.
WEB = ("starlette", "jinja2", "uvicorn")
HEAVY = ("typer", "click", "rich", "pydantic", "pydantic_core", "tomllib", "tomli_w", "matplotlib",
         "numpy", "multiprocessing", "jsonschema", "filelock", "csv", "hypothesis", *WEB)

PROBE = """
import json, os, sys
sys.argv = ["plantrack", *json.loads(sys.argv[1])]
from plantrack.cli import main
try:
    main()
except SystemExit:
    pass
heavy = json.loads(os.environ["HEAVY"])
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules if m.split(".")[0] in heavy})), file=sys.stderr)
"""


def loaded(args: list[str], plans_dir, env_extra: dict[str, str] | None = None) -> set[str]:
    env = {"HEAVY": json.dumps(HEAVY), "NO_COLOR": "1", **(env_extra or {})}
    proc = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True,
                          cwd=plans_dir.parent, env={**__import__("os").environ, **env})
    return set(json.loads(proc.stderr.strip().splitlines()[-1]))


# command -> modules it must NOT import (with a warm cache of validated plans: the everyday case)
FORBIDDEN = {
    ("--version",): set(HEAVY),
    ("status",): {"pydantic", "tomllib", "matplotlib", "multiprocessing", "filelock", "jsonschema"},
    ("status", "--format", "json"): {"rich", "pydantic", "tomllib", "matplotlib", "multiprocessing"},
    ("status", "--as-of=2023", "--lang", "en", "--fail-on", "binding"): {"pydantic", "tomllib"},
    ("show", "1"): {"pydantic", "tomllib", "matplotlib", "multiprocessing", "filelock"},
    ("history", "1"): {"pydantic", "tomllib", "matplotlib", "multiprocessing", "filelock"},
    ("record", "1", "2022", "512000", "--dry-run"): {"pydantic", "tomllib", "matplotlib", "filelock"},
    ("export",): {"rich", "pydantic", "tomllib", "matplotlib"},
    # reads a text file; the plan from the cache (its own text is as good a text as any)
    ("extract", "plans/xiaokunshan-14th/plan.toml"): {"pydantic", "tomllib", "matplotlib", "multiprocessing",
                                                      "filelock"},
    ("check",): {"rich", "matplotlib", "multiprocessing"},
}


@pytest.mark.parametrize("args", list(FORBIDDEN), ids=" ".join)
def test_a_command_imports_only_what_it_needs(args, plans_dir):
    loaded(["status"], plans_dir)  # warm the cache of validated plans
    found = loaded(list(args), plans_dir) & (FORBIDDEN[args] | set(WEB))
    assert not found, f"plantrack {' '.join(args)} imports {sorted(found)}"


def test_shell_completion_imports_nothing_heavy(plans_dir):
    env = {"_PLANTRACK_COMPLETE": "complete_bash", "COMP_WORDS": "plantrack show ", "COMP_CWORD": "2"}
    found = loaded([], plans_dir, env) & (set(HEAVY) - {"tomllib"})  # reading indicator ids needs tomllib
    assert not found, sorted(found)


# dataclasses (with inspect, ast, dis and enum) is a third of a Tab: --version and completion come before it.
@pytest.mark.parametrize("args,env", [
    (["--version"], {}),
    ([], {"_PLANTRACK_COMPLETE": "complete_bash", "COMP_WORDS": "plantrack show ", "COMP_CWORD": "2"}),
])
def test_version_and_a_tab_import_no_dataclasses(args, env, plans_dir):
    assert "dataclasses" not in loaded(args, plans_dir, env | {"HEAVY": json.dumps(["dataclasses"])})


def test_the_guard_would_see_a_heavy_import(plans_dir):
    assert "typer" in loaded(["show", "1"], plans_dir)  # the probe really observes imports
    assert "typer" in loaded(["status"], plans_dir)  # status is a Typer command like every other
    assert "dataclasses" in loaded(["status"], plans_dir, {"HEAVY": json.dumps(["dataclasses"])})
    assert {"pydantic", "tomllib"} <= loaded(["check"], plans_dir)
