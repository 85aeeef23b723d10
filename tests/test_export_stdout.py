"""`export -o -` writes to standard output, as `report -o -` does (issue 20); an .xlsx to `-` on a terminal stays
refused."""

from __future__ import annotations

import json

from conftest import snapshot


def test_export_dash_is_standard_output(invoke, plans_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plain = invoke("export", "--plans-dir", str(plans_dir))
    dashed = invoke("export", "--plans-dir", str(plans_dir), "-o", "-")
    assert dashed.exit_code == 0, dashed.stderr
    assert dashed.stdout == plain.stdout and dashed.stdout.lstrip("\ufeff").startswith("plan,indicator,")
    assert not (tmp_path / "-").exists()


def test_export_json_and_status_to_dash(invoke, plans_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("export", "--plans-dir", str(plans_dir), "--format", "json", "--output", "-")
    assert result.exit_code == 0, result.stderr
    json.loads(result.stdout)
    status = invoke("export", "--plans-dir", str(plans_dir), "--what", "status", "--format", "csv", "-o", "-")
    assert status.exit_code == 0, status.stderr
    assert not (tmp_path / "-").exists()


def test_an_xlsx_to_dash_on_a_terminal_is_refused_and_writes_nothing(invoke, plans_dir, tmp_path, monkeypatch):
    """Into a pipe or a file (`>`) the workbook is written (issue 29: tests/test_output_bytes.py)."""
    monkeypatch.setattr("plantrack.render.destination._terminal", lambda stream: True)
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    for what in ("actuals", "status"):
        result = invoke("export", "--plans-dir", str(plans_dir), "--what", what, "--format", "xlsx", "-o", "-")
        assert result.exit_code == 2
        assert "xlsx 是二进制文件" in result.stderr and "give -o FILE.xlsx" in result.stderr
        assert result.stdout_bytes == b""
    assert snapshot(tmp_path) == before
