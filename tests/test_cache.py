"""The cache of validated plans must never stand in for a file that changed."""

from __future__ import annotations

from pathlib import Path

from conftest import XKS

from plantrack.check.load import load_plan


def _entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("*.pickle"))


def test_a_clean_load_is_cached_and_reused(plans_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path / "c"))
    first, findings = load_plan(plans_dir / XKS, use_cache=True)
    assert findings == [] and first is not None
    assert len(_entries(tmp_path / "c")) == 1
    again, _ = load_plan(plans_dir / XKS, use_cache=True)
    assert again == first
    assert again.directory == plans_dir / XKS


def test_a_changed_file_is_validated_again_and_its_error_reported(invoke, plans_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path / "c"))
    assert invoke("status", "--plans-dir", str(plans_dir)).exit_code == 0
    actuals = plans_dir / XKS / "actuals.toml"
    actuals.write_text(actuals.read_text(encoding="utf-8").replace("value = 27.72", 'value = "27.72"'), encoding="utf-8")
    result = invoke("status", "--plans-dir", str(plans_dir))
    assert result.exit_code == 1
    assert "industrial-fixed-asset-investment.2021.value" in result.stderr


def test_a_changed_value_changes_the_verdict(invoke, plans_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path / "c"))
    assert "提前实现" in invoke("status", "--plans-dir", str(plans_dir)).stdout
    actuals = plans_dir / XKS / "actuals.toml"
    actuals.write_text(actuals.read_text(encoding="utf-8").replace("value = 27.72", "value = 2.72"), encoding="utf-8")
    out = invoke("status", "--plans-dir", str(plans_dir), "--format", "json").stdout
    assert '"actual": 2.72' in out


def test_a_damaged_cache_entry_is_a_miss(plans_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path / "c"))
    load_plan(plans_dir / XKS, use_cache=True)
    (entry,) = _entries(tmp_path / "c")
    entry.write_bytes(b"not a pickle")
    plan, findings = load_plan(plans_dir / XKS, use_cache=True)
    assert plan is not None and findings == []


def test_the_cache_can_be_turned_off_and_an_unwritable_cache_is_ignored(plans_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_NO_CACHE", "1")
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path / "c"))
    assert load_plan(plans_dir / XKS, use_cache=True)[0] is not None
    assert not (tmp_path / "c").exists()
    monkeypatch.delenv("PLANTRACK_NO_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(blocker / "sub"))  # cannot be created
    assert load_plan(plans_dir / XKS, use_cache=True)[0] is not None


def test_check_never_uses_the_cache(invoke, plans_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path / "c"))
    assert invoke("check", str(plans_dir)).exit_code == 0
    assert not (tmp_path / "c").exists()
