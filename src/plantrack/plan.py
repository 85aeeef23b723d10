"""A loaded plan: its info, its indicators in 序号 order, and the recorded actuals by indicator and year."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from plantrack.errors import usage_error
from plantrack.models import Entry, Indicator, PlanInfo
from plantrack.text import safe

PLAN_FILE = "plan.toml"
ACTUALS_FILE = "actuals.toml"


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
        return self.actuals.get(indicator_id, {})

    def find_indicator(self, key: str) -> Indicator:
        """An indicator by id, 序号 or Chinese name; a usage error names the nearest ones."""
        key = key.strip()
        for ind in self.indicators:
            if key in (ind.id, str(ind.no), ind.name) or (ind.name_en and key.lower() == ind.name_en.lower()):
                return ind
        import difflib  # only for a miss: not on every command's start-up path

        names = [i.id for i in self.indicators] + [i.name for i in self.indicators]
        near = difflib.get_close_matches(key, names, n=3, cutoff=0.5)
        # Names are plan text and this message has a line break of its own, which the error printer keeps:
        # a newline (or any control character) in a name is escaped here so it cannot add a line.
        hint = f"是不是 / did you mean: {', '.join(map(safe, near))}？" if near else ""
        listing = "; ".join(f"{i.no} {i.id} {safe(i.name)}" for i in self.indicators)
        raise usage_error(
            f"规划 {self.id} 中没有指标 {key!r} / no indicator {key!r} in plan {self.id}. {hint}\n"
            f"可用的指标（序号、编号或名称均可）/ indicators (by 序号, id or name): {listing}"
        )
