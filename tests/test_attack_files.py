"""Issue 25, items 5, 6, 7 and 12: the files beside the plans that plantrack reads or writes.

- 5: `init` and plans/.gitignore: regular files only, never through a link, bounded and encoding-blind,
  replaced atomically, and every decision made before the plan folder is;
- 6: report.toml is held by the containment rule like plan.toml and actuals.toml;
- 7: a plantrack.toml someone else owns or can write is ignored with a warning, and one too large refused;
- 12: report.toml's narrative fields are bounded (office.py).
Every refusal is a message and an exit code, never a traceback (reliability.md, "Attacks found and closed").
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import XKS, snapshot

SECRET = "SECRET-OUTSIDE-TEXT"


def clean(result, code: int):
    """Exit `code`, no traceback, no exception escaped (a user error is a message)."""
    assert result.exit_code == code, (result.exit_code, result.stdout[-2000:], result.stderr[-2000:])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def run(args: list[str], cwd: Path, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[str]:
    """The real entry point in a child process (the working directory matters: init, plantrack.toml)."""
    full = {k: v for k, v in os.environ.items() if k not in ("PLANTRACK_PLANS_DIR", "NO_COLOR", "FORCE_COLOR")}
    full.update({"COLUMNS": "200", **env})
    done = subprocess.run([sys.executable, "-m", "plantrack", *args], capture_output=True, cwd=cwd, env=full,
                          timeout=timeout, text=True, encoding="utf-8")
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done


# --- item 6: report.toml is contained ------------------------------------------------------------------------


def _outside_secret(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.toml"
    secret.write_text(f'organisation = "{SECRET}"\noverall = "{SECRET}"\n', encoding="utf-8")
    return secret


@pytest.mark.parametrize("target", ["relative-outside", "etc-passwd"])
def test_a_report_toml_linked_outside_its_plan_folder_is_refused_by_check_report_and_status(
        invoke, plans_dir, tmp_path, target):
    folder = plans_dir / XKS
    link = folder / "report.toml"
    if target == "relative-outside":
        _outside_secret(tmp_path)
        os.symlink("../../outside/secret.toml", link)  # as `ln -s ../../outside/secret.toml plans/p/report.toml`
    else:
        os.symlink("/etc/passwd", link)
    before = snapshot(tmp_path)
    checked = clean(invoke("check", str(plans_dir)), 1)
    out = checked.stdout + checked.stderr
    # As for plan.toml: a finding of the plan folder, naming the link (contain.escape_problem).
    assert f"{XKS}/report.toml 是指向本规划文件夹之外的链接" in out and "is a link leading outside its plan folder" in out
    assert SECRET not in out and "root:" not in out and "report.toml:2" not in out  # nothing of it was read
    report = clean(invoke("report", "--plans-dir", str(plans_dir), "--format", "markdown",
                          "-o", str(tmp_path / "r.md")), 1)
    assert "is a link leading outside its plan folder" in report.stderr and SECRET not in report.stdout + report.stderr
    status = clean(invoke("status", "--plans-dir", str(plans_dir)), 1)
    assert "report.toml" in status.stdout + status.stderr
    assert snapshot(tmp_path) == before  # and no report was written


def test_a_report_toml_linked_to_a_file_in_its_own_folder_is_read(invoke, plans_dir, tmp_path):
    folder = plans_dir / XKS
    (folder / "words-2023.toml").write_text('organisation = "镇经济发展办公室"\n', encoding="utf-8")
    os.symlink("words-2023.toml", folder / "report.toml")
    clean(invoke("check", str(plans_dir)), 0)
    out = clean(invoke("report", "--plans-dir", str(plans_dir), "--format", "markdown"), 0).stdout
    assert "镇经济发展办公室" in out


# --- item 12: narrative fields are bounded -------------------------------------------------------------------

FIELD_LIMIT = 5_000   # office.MAX_FIELD_CHARS, as documented in docs/report.md
TOTAL_LIMIT = 50_000  # office.MAX_TOTAL_CHARS


def _write_report(plans_dir: Path, text: str) -> Path:
    path = plans_dir / XKS / "report.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("field, line", [("overall", 2), ("organisation", 1), ("indicators.value-added-growth", 4)])
def test_a_narrative_field_one_over_the_limit_is_refused_by_check_and_report(invoke, plans_dir, tmp_path,
                                                                             field, line):
    fields = {"organisation": "单位", "overall": "好", "value-added-growth": "好"}
    fields[field.split(".")[-1]] = "字" * (FIELD_LIMIT + 1)
    _write_report(plans_dir, f'organisation = "{fields["organisation"]}"\noverall = "{fields["overall"]}"\n'
                             f'[indicators]\nvalue-added-growth = "{fields["value-added-growth"]}"\n')
    checked = clean(invoke("check", str(plans_dir)), 1)
    col = 1
    assert f"report.toml:{line}:{col}" in checked.stdout + checked.stderr
    assert "5001" in checked.stdout + checked.stderr and "5000" in checked.stdout + checked.stderr
    before = snapshot(tmp_path)
    report = clean(invoke("report", "--plans-dir", str(plans_dir), "--format", "markdown",
                          "-o", str(tmp_path / "r.md")), 1)
    assert f"report.toml:{line}:{col}" in report.stderr
    assert snapshot(tmp_path) == before


def test_a_narrative_field_at_the_limit_is_accepted(invoke, plans_dir):
    # Several paragraphs (one per line) count together, line breaks included: 2,499 + 1 + 2,500 = 5,000.
    text = "甲" * 2_499 + "\n" + "乙" * 2_500
    _write_report(plans_dir, f'overall = """{text}"""\n')
    clean(invoke("check", str(plans_dir)), 0)
    out = clean(invoke("report", "--plans-dir", str(plans_dir), "--format", "markdown"), 0).stdout
    assert "乙" * 2_500 in out


def test_the_narrative_as_a_whole_is_bounded_too(invoke, plans_dir):
    # Ten indicator texts at the field limit are 50,000 characters: accepted; one character more anywhere after
    # them is refused at the field that crosses the total.
    import tomllib

    plan = tomllib.loads((plans_dir / XKS / "plan.toml").read_text(encoding="utf-8"))
    ids = [i["id"] for i in plan["indicators"]][:10]
    assert len(ids) == 10
    body = "".join(f'{i} = "{"字" * FIELD_LIMIT}"\n' for i in ids)
    _write_report(plans_dir, "[indicators]\n" + body)
    clean(invoke("check", str(plans_dir)), 0)
    _write_report(plans_dir, 'overall = "好"\n[indicators]\n' + body)  # 50,001: the last indicator crosses it
    checked = clean(invoke("check", str(plans_dir)), 1)
    out = checked.stdout + checked.stderr
    assert "report.toml:12:1" in out and "50000" in out


def test_completion_reads_plan_toml_as_every_reader_does(plans_dir):
    # A FIFO named plan.toml blocked a Tab forever (completion read it with read_text): now it offers nothing.
    plan = plans_dir / XKS / "plan.toml"
    plan.unlink()
    os.mkfifo(plan)
    code = ("import sys; from pathlib import Path; from plantrack.completion import indicator_ids; "
            f"print(indicator_ids(Path(sys.argv[1]), {XKS!r}))")
    done = subprocess.run([sys.executable, "-c", code, str(plans_dir)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stderr
