"""`plantrack doctor` (issue 29): the plans folder and why it was chosen, the config file, the cache, the console
encoding, the extras and system parts, each with what to do when missing; --format json for scripts."""

from __future__ import annotations

import json
import sys

from conftest import XKS


def _findings(result) -> dict[str, dict]:
    assert result.exit_code == 0, result.stderr
    return {f["key"]: f for f in json.loads(result.stdout)["findings"]}


def test_doctor_names_the_plans_folder_and_the_rule_that_chose_it(invoke, plans_dir):
    found = _findings(invoke("doctor", "--plans-dir", str(plans_dir), "--format", "json"))
    assert found["plans_dir"]["ok"] is True
    assert found["plans_dir"]["value"] == f"{plans_dir}（1 个规划 / 1 plans）；依据 / chosen by: 命令行 --plans-dir / the --plans-dir option"
    assert {"config", "cache", "encoding", "extra:report", "extra:pdf", "extra:docx", "extra:xlsx", "pango",
            "cjk_font", "libreoffice"} <= set(found)


def test_doctor_says_plantrack_toml_chose_the_folder(invoke, plans_dir, monkeypatch):
    (plans_dir.parent / "plantrack.toml").write_text('plans_dir = "plans"\n', encoding="utf-8")
    monkeypatch.chdir(plans_dir / XKS)
    monkeypatch.delenv("PLANTRACK_PLANS_DIR", raising=False)
    found = _findings(invoke("doctor", "--format", "json"))
    assert found["plans_dir"]["value"].endswith(f"plans_dir in {plans_dir.parent / 'plantrack.toml'}")
    assert found["config"]["value"] == str(plans_dir.parent / "plantrack.toml")


def test_an_empty_folder_is_told_how_to_start(invoke, tmp_path):
    found = _findings(invoke("doctor", "--plans-dir", str(tmp_path), "--format", "json"))
    assert found["plans_dir"]["ok"] is False and "plantrack init --example" in found["plans_dir"]["fix"]


def test_a_missing_extra_is_optional_with_its_install_command(invoke, plans_dir, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    monkeypatch.setattr("plantrack.parts.installer", lambda prefix=None: "pip")
    found = _findings(invoke("doctor", "--plans-dir", str(plans_dir), "--format", "json"))
    assert found["extra:xlsx"] == {"key": "extra:xlsx", "label": "[xlsx] Excel 工作簿导入导出 / .xlsx import and export",
                                   "value": "未安装 / not installed", "ok": None,
                                   "fix": 'pip install "plantrack-fyp[xlsx]"'}
    assert found["extra:report"]["ok"] is True


def test_pango_missing_is_named_with_the_route_and_the_fallbacks(invoke, plans_dir, monkeypatch):
    from test_parts import without_pango

    from plantrack.fonts import cjk_families

    cjk_families()  # the system font scan runs once a process, here for the real system: faked win32 has no winreg

    without_pango(monkeypatch, "cannot load library 'libpango-1.0-0'")
    monkeypatch.setattr(sys, "platform", "win32")
    found = _findings(invoke("doctor", "--plans-dir", str(plans_dir), "--format", "json"))
    assert found["pango"]["ok"] is False and found["pango"]["value"] == "cannot load library 'libpango-1.0-0'"
    assert "mingw-w64-x86_64-pango" in found["pango"]["fix"] and "--format docx" in found["pango"]["fix"]


def test_the_text_form_marks_each_finding_and_explains_the_marks(invoke, tmp_path):
    result = invoke("doctor", "--plans-dir", str(tmp_path))
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].startswith("✗ 规划目录 / plans folder: ")
    assert any(line.startswith("  → 没有规划：plantrack init --example") for line in lines)
    assert lines[-1].startswith("✓ 正常  ✗ 需要处理")
