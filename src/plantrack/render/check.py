"""Output of `check`: text lines, GitHub Actions annotations, or JSON. Streams plan by plan."""

from __future__ import annotations

import json
from collections.abc import Iterable

from plantrack.checking import PlanCheck
from plantrack.errors import Finding
from plantrack.render.guard import stdout_guard
from plantrack.render.jsonout import no_commands
from plantrack.render.safe import safe


def render_check(results: Iterable[PlanCheck], fmt: str, max_errors: int) -> bool:
    """Print findings as they come and a summary; True when anything failed."""
    # Through the guard: a finding's text cannot start a workflow command; only the github format's own
    # annotations pass it (write_command).
    guard = stdout_guard()
    write = guard.write
    plans = indicators = actuals = errors = bad_files = 0
    warned: list[Finding] = []
    if fmt == "json":
        write('{"errors": [')
    for result in results:
        plans += 1
        if result.plan_id is not None:
            indicators += result.indicators
            actuals += result.actuals
        bad_files += len({f.path for f in result.findings})
        for warning in result.warnings:  # shown at once, listed in the JSON summary; never a failure
            warned.append(warning)
            if fmt != "json":
                (guard.write_command if fmt == "github" else write)(_warning_line(warning, fmt))
        for finding in result.findings:
            if errors < max_errors:
                line = _line(finding, fmt, first=errors == 0)
                (guard.write_command if fmt == "github" else write)(line)
            errors += 1
    hidden = max(0, errors - max_errors)
    if fmt == "json":
        # No plans at all is a failure too (exit 1), so it is not "ok"; the output stays one JSON object.
        summary = {"ok": errors == 0 and plans > 0, "plans": plans,
                   "error_count": errors, "errors_not_listed": hidden,
                   "warnings": [_record(w) for w in warned]}
        write("], " + no_commands(json.dumps(summary, ensure_ascii=False))[1:] + "\n")
    elif plans == 0:
        write("✗ 没有找到规划（需要 <规划编号>/plan.toml）/ no plans found (expected <plan-id>/plan.toml)\n")
    elif errors == 0:
        write(f"✓ {plans} 个规划、{indicators} 个指标、{actuals} 条实际值，全部通过 / "
              f"{plans} plan(s), {indicators} indicators, {actuals} actuals: all good"
              + (f"（{len(warned)} 个警告 / {len(warned)} warning(s)）" if warned else "") + "\n")
    else:
        more = f"（另有 {hidden} 个未列出 / {hidden} more not listed）" if hidden else ""
        write(f"✗ {errors} 个错误{more}，涉及 {bad_files} 个文件 / {errors} error(s) in {bad_files} file(s). "
              "请按提示修改后重新运行 plantrack check / fix them and run plantrack check again\n")
    return errors > 0 or plans == 0


def _record(finding: Finding) -> dict:
    return {"file": finding.path, "line": finding.line, "col": finding.col,
            "field": finding.field, "message": finding.message}


def _warning_line(finding: Finding, fmt: str) -> str:
    if fmt == "github":
        return _github(finding).replace("::error ", "::warning ", 1)
    return safe(f"警告 / warning: {finding}") + "\n"


def _line(finding: Finding, fmt: str, first: bool) -> str:
    if fmt == "json":
        item = _record(finding)
        return ("" if first else ", ") + no_commands(json.dumps(item, ensure_ascii=False))
    if fmt == "github":
        return _github(finding)
    return safe(str(finding)) + "\n"


def _github(finding: Finding) -> str:
    """A workflow command whose data cannot start another command (%, CR and LF are escaped, and "##[" which the
    runner's legacy parser would find anywhere in the line reads "##\\[", as in every other output)."""
    def data(text: str) -> str:
        escaped = safe(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
        return escaped.replace("##[", "##\\[").replace("##vso[", "##vso\\[")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    message = f"{finding.field}: {finding.message}" if finding.field else finding.message
    return (f"::error file={prop(finding.path)},line={finding.line},col={finding.col},"
            f"title=plantrack check::{data(message)}\n")
