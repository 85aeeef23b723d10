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

from plantrack.errors import PlantrackError
from plantrack.progress.result import Period
from plantrack.text import safe
from plantrack.report.build import Section
from plantrack.report.labels import CHART

EXTRA_MESSAGE = "需要安装 plantrack[report] / install the report extra: pip install 'plantrack[report]'"
FONTS = ["PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
         "DejaVu Sans"]
COLOURS = {"actual": "#1f4e79", "schedule": "#7b8494", "needed": "#c2410c", "projection": "#5b8fd1",
           "future": "#f3f5f8", "grid": "#e3e6eb", "text": "#374151"}
SIZE = (7.2, 2.9)  # inches; the page scales the SVG to its column


def require_matplotlib() -> None:
    """Refuse cleanly, naming the extra, when matplotlib is not installed."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise PlantrackError(EXTRA_MESSAGE) from None


def _rc(salt: str) -> dict:
    return {
        "svg.fonttype": "none", "svg.hashsalt": f"plantrack-{salt}", "font.family": "sans-serif",
        "font.sans-serif": FONTS, "font.size": 9, "axes.edgecolor": "#9aa1ad", "axes.labelcolor": COLOURS["text"],
        "xtick.color": COLOURS["text"], "ytick.color": COLOURS["text"], "axes.unicode_minus": False,
    }


def chart_svg(section: Section, period: Period, lang: str) -> str | None:
    """The indicator's actual path against the path its target needs, as an <svg> element; None without paths."""
    if section.paths is None:
        return None
    import matplotlib
    from matplotlib.figure import Figure

    with warnings.catch_warnings(), matplotlib.rc_context(_rc(section.indicator.id)):
        # Without a CJK font installed matplotlib warns about every glyph it cannot measure; the browser
        # draws the text with its own fonts, so the warnings say nothing about the page.
        warnings.simplefilter("ignore")
        fig = Figure(figsize=SIZE, layout="constrained")
        ax = fig.add_subplot()
        _draw(ax, section, period, lang)
        handles, labels = ax.get_legend_handles_labels()
        order = sorted(range(len(labels)), key=lambda i: i != len(labels) - 1)  # actual (drawn last) first
        fig.legend([handles[i] for i in order], [labels[i] for i in order], loc="outside lower center",
                   ncols=4, frameon=False, fontsize=8.5, handlelength=2.6)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, transparent=True)
    return _inline(buffer.getvalue())


def _floats(path: dict[int, Decimal]) -> tuple[list[int], list[float]]:
    years = sorted(path)
    return years, [float(path[y]) for y in years]


def _draw(ax, section: Section, period: Period, lang: str) -> None:
    drawn, words = section.paths, CHART[lang]
    assert drawn is not None
    last = max(drawn.actual)
    if last < period.end:
        ax.axvspan(last, period.end + 0.4, color=COLOURS["future"], lw=0, zorder=0)
    ax.plot(*_floats(drawn.schedule), color=COLOURS["schedule"], lw=1.5, ls=(0, (5, 3)), marker="o", ms=3,
            label=words["schedule"], zorder=2)
    if drawn.needed:
        ax.plot(*_floats(drawn.needed), color=COLOURS["needed"], lw=2, ls=(0, (1, 2)), marker="o", ms=3.5,
                label=words["needed"], zorder=3)
    if section.projection:
        ax.plot(*_floats(section.projection), color=COLOURS["projection"], lw=1.4, ls="-.",
                label=words["projection"], zorder=3)
    years, values = _floats(drawn.actual)
    ax.plot(years, values, color=COLOURS["actual"], lw=2.4, marker="o", ms=5, label=words["actual"], zorder=5)
    _marks(ax, section, period, lang)
    _axes(ax, section, period, lang)


def _marks(ax, section: Section, period: Period, lang: str) -> None:
    """The base year, the last actual value and the end-year target, labelled on the chart."""
    drawn, words = section.paths, CHART[lang]
    assert drawn is not None
    base, goal = drawn.actual.get(period.base), drawn.schedule.get(period.end)
    if base is not None:
        # Below the point when the path rises, above it when it falls: the label stays off the lines.
        falling = goal is not None and goal < base
        ax.annotate(words["base"].format(year=period.base), (period.base, float(base)),
                    xytext=(6, 6 if falling else -13), textcoords="offset points", fontsize=8, color=COLOURS["text"])
    last = max(drawn.actual)
    if last != period.base:
        ax.annotate(_number(drawn.actual[last]), (last, float(drawn.actual[last])), xytext=(0, 8),
                    textcoords="offset points", ha="center", fontsize=8, color=COLOURS["actual"], weight="bold")
    if goal is not None:
        ax.plot([period.end], [float(goal)], marker="*", ms=12, color=COLOURS["needed"], ls="none", zorder=6)
        below = base is not None and goal < base
        ax.annotate(f"{words['target']} {_number(goal)}", (period.end, float(goal)), xytext=(-8, -14 if below else 8),
                    textcoords="offset points", ha="right", fontsize=8, color=COLOURS["needed"])


def _axes(ax, section: Section, period: Period, lang: str) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    drawn, words, ind = section.paths, CHART[lang], section.indicator
    assert drawn is not None
    ax.set_xlim(period.base - 0.4, period.end + 0.4)
    ax.set_xticks(range(period.base, period.end + 1))
    ax.margins(y=0.18)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
    low, high = ax.get_ylim()
    ticks = [t for t in ax.yaxis.get_major_locator().tick_values(low, high)]
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
    places = max(0, -math.floor(math.log10(step))) if 0 < step < 1 else 0
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.{places}f}"))
    if drawn.index:
        label = words["index"]
    elif ind.kind == "cumulative":
        label = f"{words['total']} ({safe(ind.unit)})"
    else:
        label = safe(ind.level_unit or ind.unit)
    ax.set_ylabel(label, parse_math=False)
    ax.grid(axis="y", color=COLOURS["grid"], lw=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _number(x: Decimal) -> str:
    """A value on the chart: grouped thousands, at most two decimals."""
    value = float(x)
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.2f}".rstrip("0").rstrip(".")


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
