"""An indicator's chart as coordinates for an inline SVG the template draws: the recorded path, the path on
schedule to the target, the path still needed, and the projection at the current pace (progress/explain.py's
paths, the ones `show` and the report draw). No matplotlib: the page must work with the `[web]` extra alone,
and an SVG drawn by the template is escaped like every other piece of text on it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from plantrack.numbers import fmt_on_path, fmt_tick, grouped
from plantrack.render.words import axis_caption
from plantrack.report.labels import CHART

if TYPE_CHECKING:
    from plantrack.models import Indicator
    from plantrack.progress.explain import Explanation
    from plantrack.progress.result import Period

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 36


@dataclass(frozen=True)
class Line:
    kind: str
    label: str
    points: str                                  # "x,y x,y …" for <polyline>
    dots: tuple[tuple[float, float, str], ...]   # each point and its tooltip ("2022: 51.2")


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    lines: tuple[Line, ...]
    x_ticks: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    caption: str     # what the numbers are: levels in the unit, or an index (base year = 100)


def chart(explained: Explanation, ind: Indicator, period: Period, lang: str) -> Chart | None:
    """The chart of one indicator, or None when there is nothing to draw (no data, qualitative)."""
    drawn = explained.paths
    if drawn is None:
        return None
    # Each series by its class in the page's CSS (colour and dash); its legend words are the report chart's
    # (report/labels.CHART): one name for one line wherever a clerk sees it.
    series = {"schedule": drawn.schedule, "needed": drawn.needed, "projection": explained.projection,
              "actual": drawn.actual}
    values = [v for path in series.values() for v in path.values()]
    if not values:
        return None
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) / 10
    low, high = low - pad, high + pad
    first, last = period.base, period.end

    def x(year: int) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (year - first) / max(last - first, 1), 1)

    def y(value: Decimal) -> float:
        return round(float(TOP + (HEIGHT - TOP - BOTTOM) * (high - value) / (high - low)), 1)

    # A recorded dot's tooltip is the figure as recorded, a worked-out one never reads as on the schedule when
    # it is not: the point's text in show's chart and the report (numbers.fmt_on_path); grouped as everything
    # drawn on a chart (numbers.grouped, the report's rule; docs/web.md).
    count = "" if ind.is_rate else ind.unit

    def tip(t: int, v: Decimal) -> str:
        return f"{t}: {grouped(fmt_on_path(v, count, drawn.schedule.get(t), drawn.recorded(t)))}"

    lines = []
    for kind, path in series.items():
        if not path:
            continue
        points = sorted(path.items())
        lines.append(Line(kind, CHART[lang][kind], " ".join(f"{x(t)},{y(v)}" for t, v in points),
                          tuple((x(t), y(v), tip(t, v)) for t, v in points) if kind == "actual" else ()))
    step = (high - low) / 4
    places = 0 if step >= 10 else 2  # 470142, not 470141.94: a tick is a guide, the figures are in the table
    y_ticks = tuple((y(low + step * i), fmt_tick(low + step * i, places)) for i in range(5))
    x_ticks = tuple((x(t), str(t)) for t in range(first, last + 1))
    return Chart(WIDTH, HEIGHT, tuple(lines), x_ticks, y_ticks, axis_caption(ind, drawn.index, period.base, lang))
