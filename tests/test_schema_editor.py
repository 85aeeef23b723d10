"""Issue 20, item 6: the schema as an editor uses it — the title, `target` typed by `kind`, and taplo (the TOML
tool behind Even Better TOML) pointing at the broken line. PLANTRACK_REQUIRE_TAPLO=1 (.ci/run) makes a missing
taplo a failure instead of a skip."""

from __future__ import annotations

import os
import shutil
import subprocess

import jsonschema
import pytest
from conftest import REPO, XKS
from test_schema import load

from plantrack.schemas import plan_schema


def test_the_title_is_ours():
    assert plan_schema()["title"] == "plantrack plan.toml"


def test_a_number_kind_refuses_words_as_its_target():
    data = load(REPO / "plans" / XKS / "plan.toml")
    data["indicators"][0]["target"] = "17亿"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, plan_schema())
    data["indicators"][0].update(kind="qualitative", target="基本建成")
    data["indicators"][0].pop("direction", None)
    jsonschema.validate(data, plan_schema())


def _taplo() -> str:
    found = shutil.which("taplo")
    if found is None:
        if os.environ.get("PLANTRACK_REQUIRE_TAPLO"):
            pytest.fail("taplo is required here (npm install -g @taplo/cli)")
        pytest.skip("taplo not installed (npm install -g @taplo/cli)")
    return found


def test_taplo_accepts_the_shipped_plan_and_points_at_the_broken_line(tmp_path):
    taplo = _taplo()
    schema = f"file://{REPO / 'schemas' / 'plan.schema.json'}"
    good = subprocess.run([taplo, "lint", "--schema", schema, str(REPO / "plans" / XKS / "plan.toml")],
                          capture_output=True, text=True, timeout=120)
    assert good.returncode == 0, good.stderr
    lines = (REPO / "plans" / XKS / "plan.toml").read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("target = "))
    lines[number] = 'target = "17亿"'
    broken = tmp_path / "plan.toml"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad = subprocess.run([taplo, "lint", "--schema", schema, str(broken)], capture_output=True, text=True,
                         timeout=120)
    assert bad.returncode != 0
    assert f"plan.toml:{number + 1}:" in bad.stderr, bad.stderr
