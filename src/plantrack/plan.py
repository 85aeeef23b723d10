"""A loaded plan: its info, its indicators in 序号 order, and the recorded actuals by indicator and year; an
indicator-year as `record` stores it (`Stored`) and the words for an entry (`describe`), which the checks of
linked plans, the writers and the renderers all use."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from plantrack.errors import usage_error
from plantrack.models import Entry, Indicator, PlanInfo, Revision
from plantrack.numbers import fmt_exact
from plantrack.text import safe

from plantrack.filenames import ACTUALS_FILE as ACTUALS_FILE, PLAN_FILE as PLAN_FILE  # for the core's modules


@dataclass(frozen=True)
class Plan:
    """A validated plan folder: plan.toml's plan and indicators (by 序号), actuals.toml's entries by year."""

    info: PlanInfo
    indicators: tuple[Indicator, ...]
    actuals: dict[str, dict[int, Entry]] = field(default_factory=dict)
    directory: Path | None = None

    @property
    def id(self) -> str:
        return self.info.id

    def entries(self, indicator_id: str) -> dict[int, Entry]:
        """The recorded figures by year: a removal record (`record --delete`) is no figure, and is left out."""
        years = self.actuals.get(indicator_id, {})
        if all(e.removed is None for e in years.values()):
            return years
        return {y: e for y, e in years.items() if e.removed is None}

    def records(self, indicator_id: str) -> dict[int, Entry]:
        """Every table of actuals.toml for the indicator, removal records too (history, export --with-history)."""
        return self.actuals.get(indicator_id, {})

    def figures(self) -> dict[str, dict[int, Entry]]:
        """plan.actuals without its removal records: what the computation and `check`'s counts see."""
        return {i: self.entries(i) for i in self.actuals}

    def find_indicator(self, key: str) -> Indicator:
        """An indicator by id, 序号, Chinese name or English name; else by a part of its Chinese name when only
        one name has it (`增加值`, `能耗`: issue 15, item 9). Two or more is a usage error listing them; a miss
        names the nearest ones by part and by spelling."""
        key = key.strip()
        for ind in self.indicators:
            if key in (ind.id, str(ind.no), ind.name) or (ind.name_en and key.lower() == ind.name_en.lower()):
                return ind
        parts = [i for i in self.indicators if key and key in i.name]
        if len(parts) == 1:
            return parts[0]
        listing = "; ".join(f"{i.no} {i.id} {safe(i.name)}" for i in self.indicators)
        if parts:
            which = "; ".join(f"{i.no} {i.id} {safe(i.name)}" for i in parts)
            raise usage_error(
                f"{safe(key)!r} 不止指一个指标：{which}。请写出完整名称、编号或序号 / {safe(key)!r} matches "
                f"{len(parts)} indicators: give the full name, the id or the 序号"
            )
        near = _near(key, self.indicators)
        # Names are plan text and this message has a line break of its own, which the error printer keeps:
        # a newline (or any control character) in a name is escaped here so it cannot add a line.
        hint = f"是不是 / did you mean: {', '.join(map(safe, near))}？" if near else ""
        raise usage_error(
            f"规划 {self.id} 中没有指标 {key!r} / no indicator {key!r} in plan {self.id}. {hint}\n"
            f"可用的指标（序号、编号或名称均可）/ indicators (by 序号, id or name): {listing}"
        )


def _near(key: str, indicators: tuple[Indicator, ...]) -> list[str]:
    """Names sharing two or more characters in a row with the key (能耗下降 → 产值能耗年均下降率), then the
    nearest by spelling; at most five."""
    import difflib  # only for a miss: not on every command's start-up path

    def shared(name: str) -> int:
        """Characters of the key found in the name in runs of two or more (工业投资 ~ 工业固定资产投资: 4)."""
        blocks = difflib.SequenceMatcher(None, key, name, autojunk=False).get_matching_blocks()
        return sum(b.size for b in blocks if b.size >= 2)

    by_part = sorted((i for i in indicators if shared(i.name) >= 2), key=lambda i: -shared(i.name))
    names = [i.id for i in indicators] + [i.name for i in indicators]
    near = [i.name for i in by_part] + difflib.get_close_matches(key, names, n=3, cutoff=0.5)
    return list(dict.fromkeys(near))[:5]


@dataclass(frozen=True)
class Stored:
    """One indicator-year as `record`, `import` or `record --delete` stores it, and the entry it replaces."""

    indicator: Indicator
    year: int
    entry: Entry
    previous: Entry | None
    unchanged: bool = False   # the identical entry was already there: nothing to write (issue 15, item 9)


def rate_label(ind: Indicator | None, lang: str = "zh") -> str:
    """下降率 on a decrease indicator (a positive number there means it fell), 增长率 otherwise (issue 15, item 7)."""
    decrease = ind is not None and ind.direction == "decrease"
    if lang == "zh":
        return "下降率" if decrease else "增长率"
    return "decline" if decrease else "rate"


def describe(entry: Entry | Revision, ind: Indicator | None = None, lang: str = "zh") -> str:
    """An entry in the words `record` uses: "512000 万元, 来源 统计公报"."""
    parts = []
    if entry.removed is not None:
        parts.append(f"已删除：{entry.removed}" if lang == "zh" else f"removed: {entry.removed}")
    if entry.value is not None:
        parts.append(f"{fmt_exact(entry.value)} {entry.unit or ''}".strip())
    if entry.rate is not None:
        parts.append(f"{rate_label(ind, lang)} {fmt_exact(entry.rate)}%")
    if entry.assessment:
        parts.append(entry.assessment)
    if entry.source:
        parts.append(f"来源 {entry.source}")
    return ", ".join(parts) or "—"
