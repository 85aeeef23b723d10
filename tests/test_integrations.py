"""The files other repositories copy: the pre-commit hook and the GitHub workflow run real commands."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO, XKS


def test_the_pre_commit_hook_runs_check_on_the_files_pre_commit_passes(plans_dir):
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: plantrack-check" in text and "entry: plantrack check" in text
    pattern = re.search(r"files: (.+)", text).group(1)
    changed = [f"plans/{XKS}/plan.toml", f"plans/{XKS}/actuals.toml", "README.md"]
    matched = [f for f in changed if re.search(pattern, f)]
    assert matched == changed[:2]
    # pre-commit runs `entry` with the matched files as arguments: both files of one plan, once each.
    proc = subprocess.run([sys.executable, "-m", "plantrack", "check", *matched], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("✓ 1 个规划")


def test_the_hook_passes_report_toml_and_plantrack_toml_too_and_check_reads_them(plans_dir):
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    pattern = re.search(r"files: (.+)", text).group(1)
    staged = [f"plans/{XKS}/report.toml", "plantrack.toml", "docs/plantrack.toml.md", "plans/x/report.toml.bak"]
    assert [f for f in staged if re.search(pattern, f)] == staged[:2]
    root = plans_dir.parent
    (root / "plantrack.toml").write_text('plans_dir = "plans"\n', encoding="utf-8")
    (plans_dir / XKS / "report.toml").write_text('overall = "好"\nbogus = 1\n', encoding="utf-8")
    # The hook's own call: pre-commit runs `entry` with the staged files, from the repository's root.
    proc = subprocess.run([sys.executable, "-m", "plantrack", "check", *staged[:2]], cwd=root, capture_output=True,
                          text=True)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # it was "Skipped" before: the bad report.toml passed
    assert f"plans/{XKS}/report.toml:2:1: bogus" in proc.stdout
    (plans_dir / XKS / "report.toml").unlink()
    (root / "plantrack.toml").write_text('plans_dri = "plans"\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "plantrack", "check", "plantrack.toml"], cwd=root,
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "plantrack.toml:1:1: 未知的设置 'plans_dri'" in proc.stderr


def test_the_workflow_runs_the_commands_the_readme_promises():
    text = (REPO / ".github" / "workflows" / "plans.yml").read_text(encoding="utf-8")
    assert '- "plans/**"' in text
    run_lines = re.findall(r"run: (.+)", text)
    assert run_lines == ["python -m pip install .", "plantrack check --format github", "plantrack status --fail-on binding"]
    for command in run_lines[1:]:
        args = command.split()[1:]
        proc = subprocess.run([sys.executable, "-m", "plantrack", *args], cwd=REPO, capture_output=True, text=True)
        assert proc.returncode == 0, (command, proc.stdout, proc.stderr)
