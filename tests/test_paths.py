"""Ids never become paths outside the plans directory, and links cannot lead plantrack elsewhere."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from conftest import XKS


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


@pytest.mark.parametrize("bad", ["..", "../plans", "/etc", "x/../../etc", "Evil", "a b", "~root", ".hidden", ""])
def test_a_plan_id_that_is_not_an_id_is_refused_before_any_file_is_looked_at(invoke, tmp_path, bad):
    missing = tmp_path / "no-such-plans-dir"  # if plantrack looked at the disk first, it would complain about this
    for command in (["status"], ["show", "1"], ["record", "1", "2022", "5"], ["history", "1"], ["export"]):
        result = invoke(*command, "--plans-dir", str(missing), "--plan", bad)
        assert result.exit_code == 2, (command, result.stderr)
        assert "plan ids use a-z, 0-9 and '-' only" in result.stderr
        assert "Traceback" not in result.stderr
    assert not missing.exists()


def test_a_linked_plan_folder_outside_the_plans_directory_is_refused(invoke, plans_dir, tmp_path):
    outside = tmp_path / "outside" / "other"
    outside.parent.mkdir()
    (plans_dir / XKS).rename(outside)
    text = (outside / "plan.toml").read_text(encoding="utf-8").replace(f'id = "{XKS}"', 'id = "other"')
    (outside / "plan.toml").write_text(text, encoding="utf-8")
    os.symlink(outside, plans_dir / "other")
    before = snapshot(outside)
    for command in (["status", "--plan", "other"], ["record", "1", "2022", "5", "--plan", "other", "--source", "s"]):
        result = invoke(*command, "--plans-dir", str(plans_dir))
        assert result.exit_code == 1, result.stderr
        assert "is a link leading outside the plans directory" in result.stderr
    assert snapshot(outside) == before
    checked = invoke("check", str(plans_dir))
    assert checked.exit_code == 1
    assert "other:1:1:" in checked.stdout and "outside the plans directory" in checked.stdout


def test_a_linked_actuals_file_outside_the_plan_folder_is_neither_read_nor_written(invoke, plans_dir, tmp_path):
    target = tmp_path / "elsewhere.toml"
    actuals = plans_dir / XKS / "actuals.toml"
    actuals.rename(target)
    os.symlink(target, actuals)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    result = invoke("record", "1", "2022", "5", "--source", "s", "--plans-dir", str(plans_dir))
    assert result.exit_code == 1
    assert "is a link leading outside its plan folder" in result.stderr
    assert invoke("status", "--plans-dir", str(plans_dir)).exit_code == 1
    assert hashlib.sha256(target.read_bytes()).hexdigest() == digest
    assert actuals.is_symlink()


def test_a_read_only_actuals_file_is_not_replaced(invoke, plans_dir):
    actuals = plans_dir / XKS / "actuals.toml"
    actuals.chmod(0o444)
    before = snapshot(plans_dir)
    result = invoke("record", "1", "2022", "512000", "--source", "s", "--plans-dir", str(plans_dir))
    assert result.exit_code == 1
    assert "is read-only: nothing was changed" in result.stderr
    assert snapshot(plans_dir) == before
    assert sorted(p.name for p in (plans_dir / XKS).iterdir()) == ["actuals.toml", "plan.toml"]  # no lock file
