"""Output of `check`: text lines, GitHub Actions annotations, or JSON. Streams plan by plan."""

from __future__ import annotations

import json
from dataclasses import replace
from collections.abc import Callable, Iterable

from plantrack.check.run import PlanCheck
from plantrack.errors import Finding
from plantrack.render.guard import stdout_guard
from plantrack.render.jsonout import no_commands
from plantrack.render.wrap import fill, terminal_width
from plantrack.text import safe


def render_check(results: Iterable[PlanCheck], fmt: str, max_errors: int, strict: bool = False) -> bool:
    """Print findings as they come and a summary; True when anything failed (a warning only when strict)."""
    # Through the guard: a finding's text cannot start a workflow command; only the github format's own
    # annotations pass it. JSON and annotations are data for a program or a CI log: UTF-8 bytes whatever the
    # console's encoding, the summary with them (render/destination.write_data); the text format is for a person.
    write: Callable[[str], object]
    command: Callable[[str], object]
    if fmt == "text":
        write = command = stdout_guard().write
    else:
        from plantrack.render.destination import data_writer

        write, command = data_writer(), data_writer(command=True)

    def say(text: str) -> None:
        """The summary, wrapped to the terminal's width. The findings above it are not: each is one FILE:LINE:COL
        line, as a compiler prints it, for editors and CI to read (and hostile plan text cannot add a line)."""
        write(fill(text.removesuffix("\n"), terminal_width()) + "\n")

    plans = indicators = actuals = errors = bad_files = 0
    warnings: list[Finding] = []
    if fmt == "json":
        write('{"errors": [')
    for result in results:
        plans += 1
        if result.plan_id is not None:
            indicators += result.indicators
            actuals += result.actuals
        bad_files += len({f.path for f in result.findings})
        for finding in result.findings:
            if errors < max_errors:
                line = _line(finding, fmt, first=errors == 0)
                (command if fmt == "github" else write)(line)
            errors += 1
        for finding in result.warnings:
            if len(warnings) < max_errors and fmt != "json":
                line = _line(finding, fmt, first=False, warning=True)
                (command if fmt == "github" else write)(line)
            warnings.append(finding)
    hidden = max(0, errors - max_errors)
    if fmt == "json":
        # No plans at all is a failure too (exit 1), so it is not "ok"; the output stays one JSON object.
        summary: dict[str, object] = {"ok": errors == 0 and plans > 0 and not (strict and warnings), "plans": plans,
                   "error_count": errors, "errors_not_listed": hidden}
        if warnings:  # only then: the keys of a clean or failing check are as they always were
            summary |= {"warnings": [_item(w) for w in warnings[:max_errors]], "warning_count": len(warnings)}
        write("], " + no_commands(json.dumps(summary, ensure_ascii=False))[1:] + "\n")
    elif plans == 0:
        say("✗ 没有找到规划（需要 <规划编号>/plan.toml）/ no plans found (expected <plan-id>/plan.toml)\n")
    elif errors == 0 and warnings:
        mark = "✗" if strict else "✓"  # no errors: it passes, with the figures to look at
        # Warnings: figures that look like a slip (plausibility.py), a plan left open long after its end
        # (check/cycle/lifecycle.py).
        say(f"{mark} {plans} 个规划、{indicators} 个指标、{actuals} 条实际值：没有错误，{len(warnings)} 个提醒"
              f"{'（--strict：视为错误）' if strict else '，请核对'} / {plans} plan(s): no errors, {len(warnings)} "
              f"warning(s){' (--strict: failing)' if strict else ': please check them'}\n")
    elif errors == 0:
        say(f"✓ {plans} 个规划、{indicators} 个指标、{actuals} 条实际值，全部通过 / "
              f"{plans} plan(s), {indicators} indicators, {actuals} actuals: all good\n")
    else:
        more = f"（另有 {hidden} 个未列出 / {hidden} more not listed）" if hidden else ""
        say(f"✗ {errors} 个错误{more}，涉及 {bad_files} 个文件 / {errors} error(s) in {bad_files} file(s). "
              "请按提示修改后重新运行 plantrack check / fix them and run plantrack check again\n")
    return errors > 0 or plans == 0 or (strict and bool(warnings))


def _item(finding: Finding) -> dict[str, str | int]:
    return {"file": finding.path, "line": finding.line, "col": finding.col,
            "field": finding.field, "message": finding.message}


def _line(finding: Finding, fmt: str, first: bool, warning: bool = False) -> str:
    if fmt == "json":
        return ("" if first else ", ") + no_commands(json.dumps(_item(finding), ensure_ascii=False))
    if fmt == "github":
        return _github(finding, "warning" if warning else "error")
    if warning:  # still FILE:LINE:COL first, like every finding, so editors and scripts can jump to it
        finding = replace(finding, message="⚠ 提醒 / warning: " + finding.message)
    return safe(str(finding)) + "\n"


def _github(finding: Finding, level: str = "error") -> str:
    """A workflow command whose data cannot start another command (%, CR and LF are escaped, and "##[" which the
    runner's legacy parser would find anywhere in the line reads "##\\[", as in every other output)."""
    def data(text: str) -> str:
        escaped = safe(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
        return escaped.replace("##[", "##\\[").replace("##vso[", "##vso\\[")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    message = f"{finding.field}: {finding.message}" if finding.field else finding.message
    return (f"::{level} file={prop(finding.path)},line={finding.line},col={finding.col},"
            f"title=plantrack check::{data(message)}\n")
