"""benchmarks/backtest.py (issue 31): it runs from a checkout with the test extra, ends with the documented
line, and the method beats the pace-ratio baseline on the held-out windows, and still does with the calibration
and held-out halves swapped. Required in CI: PLANTRACK_REQUIRE_STATSMODELS=1 (.ci/run) or CI set makes a missing
statsmodels a failure instead of a skip."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REQUIRED = os.environ.get("PLANTRACK_REQUIRE_STATSMODELS") == "1" or bool(os.environ.get("CI"))
try:
    import statsmodels  # noqa: F401  (the datasets the backtest reads)
except ImportError:  # a test dependency: skipped on a developer's machine without it, required in CI
    if REQUIRED:
        raise
    pytest.skip("statsmodels (in the test extra) is not installed", allow_module_level=True)

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "benchmarks" / "backtest.py"


def test_the_backtest_prints_its_table_and_ends_with_the_brier_line_method_below_baseline():
    done = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert "method, held out:" in lines and "baseline, held out:" in lines
    last = re.fullmatch(r"brier method=(\d\.\d{3}) baseline=(\d\.\d{3})", lines[-1])
    assert last, lines[-1]
    assert float(last[1]) < float(last[2])
    # The figures docs/progress.md shows: the same run gives the same numbers.
    assert lines[-1] == "brier method=0.075 baseline=0.080"
    # Swapping the halves (baseline fitted on the other half) keeps the method ahead: the win is not an accident
    # of which series fell where; and it wins on most held-out series, not on a few large ones.
    assert lines[-2] == "halves swapped: brier method=0.075 baseline=0.080"
    assert "  series where the method scores better: 87 of 125" in lines
    assert [line for line in lines if line.startswith("  ") and "brier" in line] == [
        "  fertility: 81160 predictions, brier method=0.072 baseline=0.076",
        "  grunfeld: 2680 predictions, brier method=0.129 baseline=0.159",
        "  longley: 240 predictions, brier method=0.155 baseline=0.177",
        "  macro: 3680 predictions, brier method=0.108 baseline=0.121",
        "  nile: 1800 predictions, brier method=0.068 baseline=0.085",
    ]
    docs = (REPO / "docs" / "progress.md").read_text(encoding="utf-8")
    assert lines[-1] in docs and lines[-2] in docs


@pytest.mark.parametrize(("env", "outcome"), [
    ({"PLANTRACK_REQUIRE_STATSMODELS": "1"}, "ModuleNotFoundError"),
    ({"CI": "true"}, "ModuleNotFoundError"),
    ({}, "Skipped"),
])
def test_a_missing_statsmodels_fails_in_ci_and_skips_elsewhere(env, outcome):
    """The module's guard, run with statsmodels hidden: .ci/run sets PLANTRACK_REQUIRE_STATSMODELS=1 (it does not
    set CI), so the backtest can never be skipped there unnoticed."""
    code = ("import sys; sys.modules['statsmodels'] = None; import runpy; "
            f"runpy.run_path({str(Path(__file__))!r})")
    clean = {k: v for k, v in os.environ.items() if k not in ("CI", "PLANTRACK_REQUIRE_STATSMODELS")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={**clean, **env, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].split(":")[0].endswith(outcome), done.stderr


def test_ci_requires_statsmodels():
    assert "export PLANTRACK_REQUIRE_STATSMODELS=1\n" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
