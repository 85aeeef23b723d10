"""`plantrack extract`'s output: the table of what was read (proposed or skipped, and why), or the same as JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from plantrack.numbers import fmt_exact
from plantrack.text import safe

if TYPE_CHECKING:
    from plantrack.extract.figures import Figure

KINDS = {"level": "水平值 / level", "amount": "当年数量 / amount", "rate": "增长率 / rate",
         "multiple": "倍数 / multiple", "points": "百分点 / points", "": "—"}


def recorded_as(f: Figure) -> str:
    """What `--apply` would record: 489000 万元 (from 48.9亿元), 增长率 6.2%."""
    if f.rate is not None:
        return f"{'下降率' if f.indicator and f.indicator.direction == 'decrease' else '增长率'} {fmt_exact(f.rate)}%"
    if f.value is not None:
        return f"{fmt_exact(f.value)} {f.unit}"
    return "—"


def listing(figures: list[Figure]) -> list[str]:
    """Each sentence once, quoted with its line, and under it each figure read there: ✓ what would be recorded
    (read as, kind), or – why it is skipped. Lines, not a grid: a sentence needs the width a grid would split."""
    lines: list[str] = []
    last: tuple[int, str] | None = None
    for f in figures:
        if (f.line, f.sentence) != last:
            last = (f.line, f.sentence)
            lines.append(safe(f"第 {f.line} 行 / line {f.line}：「{f.sentence}」"))
        name = f"{f.indicator.name}（{f.indicator.id}）" if f.indicator else "—"
        if f.skipped is None:
            lines.append(safe(f"  ✓ {name} {f.year} = {recorded_as(f)}（读到 / read {f.read} · {KINDS[f.kind]}）"))
        else:
            lines.append(safe(f"  – {f.read} · {name}：跳过 / skipped：{f.reason}"))
    return lines


def summary(figures: list[Figure]) -> str:
    proposed = sum(f.skipped is None for f in figures)
    skipped = len(figures) - proposed
    return (f"{proposed} 个数字可记录，{skipped} 个跳过；加 --apply 记录 / {proposed} figure(s) to record, "
            f"{skipped} skipped: add --apply to record them")


def records(figures: list[Figure], display: str) -> list[dict[str, Any]]:
    """The JSON: one object per figure, proposed (skipped null) or skipped (its reason)."""
    return [{"line": f.line, "indicator": f.indicator.id if f.indicator else None,
             "name": f.indicator.name if f.indicator else None, "year": f.year, "kind": f.kind or None,
             "read": f.read, "value": f.value, "unit": f.unit, "rate": f.rate, "sentence": f.sentence,
             "source": f.source(display), "file": display, "skipped": f.reason, "skipped_code": f.skipped}
            for f in figures]
