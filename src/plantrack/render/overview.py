"""`status` with no --plan over a folder of several plans: one row per plan, counts per status."""

from __future__ import annotations

import json
import sys

from plantrack.progress.result import STATUSES
from plantrack.render.safe import safe
from plantrack.render.words import STATUS_EN, STATUS_ZH


def render_overview(rows, fmt: str, lang: str) -> None:
    if fmt == "json":
        data = [{"plan": r.plan_id, "as_of": r.result.as_of if r.result else None,
                 "counts": r.result.counts() if r.result else None,
                 "errors": [str(f) for f in r.findings]} for r in rows]
        sys.stdout.write(json.dumps({"plans": data}, ensure_ascii=False, indent=2) + "\n")
        return
    words = STATUS_ZH if lang == "zh" else STATUS_EN
    header = ["规划" if lang == "zh" else "Plan", "年份" if lang == "zh" else "As of", *(words[s] for s in STATUSES)]
    body = []
    for r in rows:
        if r.result is None:
            body.append([r.plan_id, "—", ("有错误，请运行 plantrack check" if lang == "zh" else "has errors: run plantrack check")]
                        + [""] * (len(STATUSES) - 1))
        else:
            counts = r.result.counts()
            body.append([safe(r.result.info.name), str(r.result.as_of), *(str(counts[s]) for s in STATUSES)])
    if fmt in ("csv", "markdown"):
        sep = "," if fmt == "csv" else " | "
        lines = [sep.join(header)] + [sep.join(row) for row in body]
        sys.stdout.write("\n".join(lines) + "\n")
        return
    from rich.table import Table
    from rich.text import Text

    from plantrack.render.console import out

    table = Table(*header, header_style="bold")
    for row in body:
        table.add_row(*(Text(c) for c in row))
    out().print(table)
    hint = "用 --plan 查看单个规划 / use --plan ID for one plan's indicators"
    out().print(Text(hint))
