"""One chart per indicator, drawn by matplotlib (the optional `report` extra) as inline SVG.

matplotlib is imported here only, inside the functions, so no other command pays for it. The SVG keeps its
text as <text> (svg.fonttype = none), so Chinese is drawn by the browser's own fonts; a fixed hash salt per
indicator makes the output the same on every run and the ids in one page distinct. The only plan text in a
chart is the unit in the axis label, drawn with mathtext off so a `$` in it stays a `$`.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from plantrack.progress.result import Period

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend
    from matplotlib.typing import RcKeyType
from plantrack.fonts import EMBEDDED_FAMILY
from plantrack.numbers import fmt_label, fmt_on_path, fmt_tick, grouped
from plantrack.parts import CJK_FONTS
from plantrack.text import safe
from plantrack.report.build import Section
from plantrack.report.history import ChartData
from plantrack.report.labels import CHART
from plantrack.render.likely import FAN as FAN_LABEL, MEDIAN as MEDIAN_LABEL
from plantrack.render.words import axis_caption

FONTS = [*CJK_FONTS, "DejaVu Sans"]  # the Chinese fonts in parts.py, then a Latin fallback
COLOURS = {"actual": "#1f4e79", "history": "#8aa4c0", "bars": "#dfe6ee", "schedule": "#7b8494", "needed": "#c2410c", "projection": "#5b8fd1",
           "median": "#3b6fb6",
           "future": "#f3f5f8", "grid": "#e3e6eb", "text": "#374151"}
SIZE = (7.2, 2.9)  # inches; the page scales the SVG to its column


def _families(section: Section, lang: str) -> list[str]:
    """The chart's font list: first the font found to have every Chinese character the chart writes (fonts.py:
    by its glyphs, even when matplotlib's font cache predates it), then parts.py's list. In the SVG the list
    is the text's font-family, so it begins with the name the PDF gives its embedded font (pdffonts.py); a
    browser has no font of that name and takes the next. With no Chinese font at all, stderr says so once."""
    from plantrack.fonts import cjk_font, warn_no_cjk_font

    ind = section.indicator
    # Every Chinese character the chart can write: its words and both captions it may carry (the year in the
    # index caption is digits, which every font has, so any year will do).
    found = cjk_font("".join(CHART[lang].values()) + axis_caption(ind, True, 0, lang)
                     + axis_caption(ind, False, 0, lang))
    if found is None:
        warn_no_cjk_font()
    return list(dict.fromkeys([EMBEDDED_FAMILY, *([found.family] if found else []), *FONTS]))


def _rc(salt: str, families: list[str]) -> dict[RcKeyType, Any]:
    return {
        "svg.fonttype": "none", "svg.hashsalt": f"plantrack-{salt}", "font.family": "sans-serif",
        "font.sans-serif": families, "font.size": 9, "axes.edgecolor": "#9aa1ad", "axes.labelcolor": COLOURS["text"],
        "xtick.color": COLOURS["text"], "ytick.color": COLOURS["text"], "axes.unicode_minus": False,
    }


def chart_svg(data: ChartData | None, section: Section, period: Period, lang: str) -> str | None:
    """The indicator's recorded path against the path its target needs, as an <svg> element; None without data."""
    if data is None:
        return None
    buffer = io.StringIO()
    _save(buffer, "svg", data, section, period, lang)
    return _inline(buffer.getvalue())


def chart_png(data: ChartData | None, section: Section, period: Period, lang: str) -> bytes | None:
    """The same chart as a PNG picture (for Word, which has no SVG every version shows); None without data."""
    if data is None:
        return None
    buffer = io.BytesIO()
    _save(buffer, "png", data, section, period, lang)
    return buffer.getvalue()


def _save(buffer: IO[str] | IO[bytes], fmt: str, data: ChartData, section: Section, period: Period, lang: str) -> None:
    import matplotlib
    from matplotlib.figure import Figure

    families = _families(section, lang)
    with warnings.catch_warnings(), matplotlib.rc_context(_rc(section.indicator.id, families)):
        # Without a CJK font matplotlib warns about every glyph it cannot draw; _families said it once.
        warnings.simplefilter("ignore")
        fig = Figure(figsize=SIZE, layout="constrained")
        ax = fig.add_subplot()
        _draw(ax, data, section, period, lang)
        _legend(fig, ax, lang)
        meta = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buffer, format=fmt, metadata=meta, transparent=fmt == "svg", dpi=200 if fmt == "png" else None)


def _legend(fig: Figure, ax: Axes, lang: str) -> Legend:
    handles, labels = ax.get_legend_handles_labels()
    first = labels.index(CHART[lang]["actual"]) if CHART[lang]["actual"] in labels else -1
    order = sorted(range(len(labels)), key=lambda i: i != first)  # actual (drawn last) first
    # At most five a row; six or more (the fan and its median line) in two even rows, so that an English
    # legend still fits the chart's width.
    cols = len(labels) if len(labels) <= 5 else -(-len(labels) // 2)
    return fig.legend([handles[i] for i in order], [labels[i] for i in order], loc="outside lower center",
                      ncols=max(1, cols), frameon=False, fontsize=8.5, handlelength=2.6)


def _floats(path: dict[int, Decimal]) -> tuple[list[int], list[float]]:
    years = sorted(path)
    return years, [float(path[y]) for y in years]


def _draw(ax: Axes, data: ChartData, section: Section, period: Period, lang: str) -> None:
    words = CHART[lang]
    last = max(data.actual) if data.actual else period.base
    if last < period.end:
        ax.axvspan(last, period.end + 0.4, color=COLOURS["future"], lw=0, zorder=0)
    if data.bars:
        ax.bar(*_floats(data.bars), width=0.55, color=COLOURS["bars"], label=words["bars"], zorder=1)
    if data.schedule:
        ax.plot(*_floats(data.schedule), color=COLOURS["schedule"], lw=1.5, ls=(0, (5, 3)), marker="o", ms=3,
                label=words["schedule"], zorder=2)
    if data.needed:
        ax.plot(*_floats(data.needed), color=COLOURS["needed"], lw=2, ls=(0, (1, 2)), marker="o", ms=3.5,
                label=words["needed"], zorder=3)
    if data.projection:
        ax.plot(*_floats(data.projection), color=COLOURS["projection"], lw=1.4, ls="-.",
                label=words["projection"], zorder=3)
    if len(data.history) > 1 or (data.history and not data.actual):
        ax.plot(*_floats(data.history), color=COLOURS["history"], lw=1.8, marker="o", ms=4,
                label=words["history"], zorder=4)
    if data.fan is not None:  # the likelihood's 80% interval, year by year, and its median (issue 31)
        f = data.fan
        ax.fill_between(list(f.years), [float(x) for x in f.lows], [float(x) for x in f.highs],
                        color=COLOURS["projection"], alpha=0.18, lw=0, label=FAN_LABEL[lang], zorder=2)
        # The line the probability is read from: not the projection (the period's average pace), so it is
        # drawn and named, and a reader never takes the projection for the fan's centre.
        ax.plot(list(f.years), [float(x) for x in f.medians], color=COLOURS["median"], lw=1.2, ls=(0, (2, 1.5)),
                label=MEDIAN_LABEL[lang], zorder=3)
    if data.actual:
        ax.plot(*_floats(data.actual), color=COLOURS["actual"], lw=2.4, marker="o", ms=5, label=words["actual"],
                zorder=5)
    _marks(ax, data, section, period, lang)
    _axes(ax, data, section, period, lang)


def _marks(ax: Axes, data: ChartData, section: Section, period: Period, lang: str) -> None:
    """The base year, the last actual value and the end-year target, labelled on the chart."""
    words, ind, drawn = CHART[lang], section.indicator, section.paths
    base = data.actual.get(period.base, data.history.get(period.base))
    goal = data.schedule.get(period.end)
    if base is not None:
        # Below the point when the path rises, above it when it falls: the label stays off the lines.
        falling = goal is not None and goal < base
        ax.annotate(words["base"].format(year=period.base), (period.base, float(base)),
                    xytext=(6, 6 if falling else -13), textcoords="offset points", fontsize=8, color=COLOURS["text"])
    last = max(data.actual) if data.actual else None
    if last is not None and last != period.base and drawn is not None:  # data.actual is the engine's path
        # The point's text in the report's path table and show's chart: as recorded, or never read as on the
        # schedule when it is not (29.995 beside 30, never "30": numbers.fmt_on_path).
        point = fmt_on_path(data.actual[last], "" if ind.is_rate else ind.unit, drawn.schedule.get(last),
                            drawn.recorded(last))
        ax.annotate(grouped(point), (last, float(data.actual[last])), xytext=(0, 8),
                    textcoords="offset points", ha="center", fontsize=8, color=COLOURS["actual"], weight="bold")
    if goal is not None:
        ax.plot([period.end], [float(goal)], marker="*", ms=12, color=COLOURS["needed"], ls="none", zorder=6)
        below = base is not None and goal < base
        ax.annotate(f"{words['target']} {fmt_label(goal)}", (period.end, float(goal)), xytext=(-8, -14 if below else 8),
                    textcoords="offset points", ha="right", fontsize=8, color=COLOURS["needed"])


def _axes(ax: Axes, data: ChartData, section: Section, period: Period, lang: str) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ind = section.indicator
    first = min([period.base, *data.years])
    ax.set_xlim(first - 0.4, period.end + 0.4)
    step = 1 if period.end - first <= 12 else 2  # every year while the labels fit
    ax.set_xticks(range(period.end - step * ((period.end - first) // step), period.end + 1, step))
    ax.margins(y=0.18)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
    low, high = ax.get_ylim()
    ticks = [t for t in ax.yaxis.get_major_locator().tick_values(low, high)]
    tick_step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
    places = max(0, -math.floor(math.log10(tick_step))) if 0 < tick_step < 1 else 0
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt_tick(v, places)))
    ax.set_ylabel(safe(axis_caption(ind, data.index, period.base, lang)), parse_math=False)
    ax.grid(axis="y", color=COLOURS["grid"], lw=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
# matplotlib's `*{stroke-linejoin…}` rule would apply to the whole page; the page's CSS sets it for charts.
_STYLE = re.compile(r"\s*<style[^>]*>.*?</style>", re.S)
_SIZE = re.compile(r'\s(?:width|height)="[^"]*pt"')


def _inline(svg: str) -> str:
    """The <svg> element alone: no XML prolog, DOCTYPE, metadata or style; sized by the page (viewBox kept)."""
    svg = _STYLE.sub("", _METADATA.sub("", _PROLOG.sub("", svg, count=1), count=1))
    head, rest = svg.split(">", 1)
    return _SIZE.sub("", head) + ">" + rest.rstrip() + "\n"
