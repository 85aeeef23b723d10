"""`plantrack doctor` laid out: a line per finding, and under a finding that is not fine, what to do."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plantrack.doctor import Finding

MARKS = {True: "✓", False: "✗", None: "·"}


def doctor_text(findings: list[Finding]) -> str:
    """Human text: `✓ label: value`, and `  → fix` under each finding with something to do."""
    from plantrack.render.wrap import fill
    from plantrack.text import safe

    lines = []
    for f in findings:
        lines.append(f"{MARKS[f.ok]} {f.label}: {safe(f.value)}")
        if f.fix:
            lines.append(f"  → {safe(f.fix)}")
    lines.append("✓ 正常  ✗ 需要处理  · 可选，未安装 / ✓ fine  ✗ needs attention  · optional, not installed")
    return fill("\n".join(lines)) + "\n"


def doctor_json(findings: list[Finding]) -> str:
    """The findings as JSON: a list of {key, label, value, ok, fix} (ok: true, false, or null for optional)."""
    from plantrack.render.jsonout import dumps

    return dumps({"findings": [{"key": f.key, "label": f.label, "value": f.value, "ok": f.ok, "fix": f.fix}
                               for f in findings]}) + "\n"
