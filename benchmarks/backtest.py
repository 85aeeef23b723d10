"""The likelihood tested against history (issue 31): `python benchmarks/backtest.py`.

Real yearly series, all bundled with statsmodels (the `test` extra; statsmodels.datasets, cited per dataset in
docs/progress.md, "Likelihood / 把握"): US macro data 1959–2008 (quarters averaged into years), Grunfeld's
investment data 1935–1954 (11 firms), Longley 1947–1962, the Nile's yearly flow 1871–1970 and World Bank
fertility rates 1960–2013; and the bundled plan's recorded history (plans/xiaokunshan-14th, 2016–2021), which
is loaded but gives no window yet: a window needs eleven years (five of history, the base, five to come).

Five-year windows: every base year B with five years of history before it (B−5..B, as a plan's recorded
history) and the five plan years after it. Targets are set the way plans set them, near the past trend,
deterministically: with the trailing trend t over B−5..B,
  annual_rate (every positive series): rate = t_rate × f, f in FACTORS, where t_rate > 0 (plans set growth);
  cumulative (yearly amounts: investment, the Nile's flow): T = the previous five years' total × f (plans
      raise it: FACTORS_TOTAL);
  level (rates and shares: unemployment, fertility): T = V_B + (V_B − V_(B−5)) × f, increase or decrease as
      the trend goes.
At each year k = 1..4 of a window the method (plantrack.progress.likelihood.forecast, on the data up to B + k)
and the baseline predict whether the target is met in year B + 5, then what happened is compared.
The baseline is the pace-ratio band of the status table (ahead, on track, behind, far behind, achieved),
mapped to a probability by the share of its windows that met the target in the calibration half (fitted,
so the baseline is as good as a band can be). Series alternate into the calibration and the held-out half by
name (sorted); the Brier scores printed last are the held-out half's, where the method also gives a number.
The method's one choice, the weight of older years in the drift (likelihood.WEIGHT = 0.5), was chosen on the
calibration half among 1, 0.85, 0.7 and 0.5: with equal weights (1) it lost to the baseline (0.093 against
0.080 held out), overconfident where a series' pace changes (fertility's slowing declines).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from plantrack.progress.likelihood import forecast  # noqa: E402  (the checkout's own source first)

FACTORS = (0.8, 0.9, 1.0, 1.1, 1.2)
FACTORS_TOTAL = (0.9, 1.0, 1.1, 1.2, 1.3)
HISTORY, SPAN = 5, 5
BINS = (0.0, 0.1, 0.33, 0.67, 0.9, 1.0000001)
BANDS = ("achieved", "ahead", "on_track", "behind", "far_behind")


class Series(NamedTuple):
    name: str
    kind: str                   # annual_rate, cumulative or level
    values: dict[int, float]


class Case(NamedTuple):
    series: str
    method: float | None        # None: the method gives no number
    band: str
    met: bool


def load() -> list[Series]:
    """Every series, by name."""
    from statsmodels import datasets

    out: list[Series] = []
    macro = datasets.macrodata.load_pandas().data
    macro = macro[macro.year <= 2008]  # 2009 has three quarters only
    yearly = macro.groupby("year").mean()
    for col in ("realgdp", "realcons", "realgovt", "realdpi", "cpi", "m1", "pop"):
        out.append(Series(f"macro.{col}", "annual_rate", {int(y): float(v) for y, v in yearly[col].items()}))
    out.append(Series("macro.realinv", "cumulative", {int(y): float(v) for y, v in yearly["realinv"].items()}))
    out.append(Series("macro.unemp", "level", {int(y): float(v) for y, v in yearly["unemp"].items()}))
    out.append(Series("macro.tbilrate", "level", {int(y): float(v) for y, v in yearly["tbilrate"].items()}))
    grunfeld = datasets.grunfeld.load_pandas().data
    for firm, rows in grunfeld.groupby("firm"):
        years = [int(y) for y in rows.year]
        out.append(Series(f"grunfeld.{firm}.invest", "cumulative", dict(zip(years, map(float, rows.invest)))))
        out.append(Series(f"grunfeld.{firm}.value", "annual_rate", dict(zip(years, map(float, rows.value)))))
        out.append(Series(f"grunfeld.{firm}.capital", "annual_rate", dict(zip(years, map(float, rows.capital)))))
    longley = datasets.longley.load_pandas().data
    years = [int(y) for y in longley.YEAR]
    for col in ("GNP", "TOTEMP", "POP", "GNPDEFL"):
        out.append(Series(f"longley.{col}", "annual_rate", dict(zip(years, map(float, longley[col])))))
    out.append(Series("longley.UNEMP", "level", dict(zip(years, map(float, longley.UNEMP)))))
    nile = datasets.nile.load_pandas().data
    out.append(Series("nile.volume", "cumulative", {int(y): float(v) for y, v in zip(nile.year, nile.volume)}))
    fertility = datasets.fertility.load_pandas().data
    for _, row in fertility.iterrows():
        values = {int(c): float(row[c]) for c in fertility.columns if c.isdigit() and not math.isnan(row[c])}
        if len(values) >= HISTORY + SPAN + 1:
            out.append(Series(f"fertility.{row['Country Code']}", "level", values))
    out.extend(_bundled())
    return sorted(out, key=lambda s: s.name)


def _bundled() -> list[Series]:
    """The bundled plan's levels (万元), 2016–2021: history as the plan records it."""
    import tomllib

    path = Path(__file__).resolve().parent.parent / "plans" / "xiaokunshan-14th" / "actuals.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for ind, years in data.items():
        values = {int(y): float(e["value"]) * (10000 if e.get("unit") == "亿元" else 1)
                  for y, e in years.items() if "value" in e}
        if len(values) >= 4:
            out.append(Series(f"xiaokunshan.{ind}", "annual_rate", values))
    return out


def cases(series: Series) -> Iterator[Case]:
    v = series.values
    for base in sorted(v):
        end = base + SPAN
        if any(y not in v for y in range(base - HISTORY, end + 1)):
            continue
        for target, up in _targets(series, base):
            for k in range(1, SPAN):
                yield _case(series, base, target, up, k)


def _targets(series: Series, base: int) -> list[tuple[float, bool]]:
    v = series.values
    if series.kind == "annual_rate":
        if min(v[y] for y in range(base - HISTORY, base + SPAN + 1)) <= 0:
            return []
        trend = (v[base] / v[base - HISTORY]) ** (1 / HISTORY) - 1
        return [(trend * f, True) for f in FACTORS] if trend > 0 else []
    if series.kind == "cumulative":
        before = sum(v[y] for y in range(base - HISTORY + 1, base + 1))
        return [(before * f, True) for f in FACTORS_TOTAL] if before > 0 else []
    moved = v[base] - v[base - HISTORY]
    return [(v[base] + moved * f, moved >= 0) for f in FACTORS] if moved != 0 else []


def _case(series: Series, base: int, target: float, up: bool, k: int) -> Case:
    v, year, end = series.values, base + k, base + SPAN
    m = end - year
    if series.kind == "annual_rate":
        steps = [math.log(v[y] / v[y - 1]) for y in range(base - HISTORY + 1, year + 1)]
        now, goal = math.log(v[year] / v[base]), SPAN * math.log(1 + target)
        met = math.log(v[end] / v[base]) >= goal
        a = (v[year] / v[base]) ** (1 / k) - 1
        pace, achieved = a / target, now >= goal
    elif series.kind == "cumulative":
        steps = [v[y] for y in range(base - HISTORY + 1, year + 1)]
        now, goal = sum(v[y] for y in range(base + 1, year + 1)), target
        met = sum(v[y] for y in range(base + 1, end + 1)) >= goal
        pace, achieved = (now / goal) / (k / SPAN), now >= goal
    else:
        steps = [v[y] - v[y - 1] for y in range(base - HISTORY + 1, year + 1)]
        now, goal = v[year], target
        met = v[end] >= goal if up else v[end] <= goal
        pace = (v[year] - v[base]) / ((goal - v[base]) * k / SPAN)
        achieved = now >= goal if up else now <= goal
    cast = forecast(steps, now, goal, m, up)
    p = None if cast is None else (1.0 if series.kind == "cumulative" and achieved else cast.probability)
    return Case(series.name, p, _band(achieved, pace), met)


def _band(achieved: bool, pace: float) -> str:
    """The status table's bands, at the default thresholds (docs/progress.md, "Status")."""
    if achieved:
        return "achieved"
    return "ahead" if pace >= 1.05 else "on_track" if pace >= 0.95 else "behind" if pace >= 0.60 else "far_behind"


def split(all_series: list[Series]) -> tuple[list[Series], list[Series]]:
    """Calibration and held-out halves: the series alternate, in the order of their names."""
    return all_series[0::2], all_series[1::2]


def brier(pairs: list[tuple[float, bool]]) -> float:
    return sum((p - float(met)) ** 2 for p, met in pairs) / len(pairs)


def calibration_table(pairs: list[tuple[float, bool]]) -> list[str]:
    lines = ["  p from–to     count  mean p  met"]
    for lo, hi in zip(BINS, BINS[1:]):
        inside = [(p, met) for p, met in pairs if lo <= p < hi]
        if inside:
            mean = sum(p for p, _ in inside) / len(inside)
            freq = sum(met for _, met in inside) / len(inside)
            lines.append(f"  {lo:.2f}–{min(hi, 1.0):.2f}  {len(inside):8d}  {mean:6.3f}  {freq:5.3f}")
    return lines


def run(all_series: list[Series]) -> tuple[list[str], float, float]:
    """The report's lines, and the held-out Brier scores of the method and of the baseline; then the same with
    the halves swapped (the baseline fitted on the held-out half, scored on the calibration half), so that a win
    that depends on which series fell in which half shows. Nothing is tuned on either scored half."""
    calibrate, held_out = split(all_series)
    worked = {s.name: list(cases(s)) for s in all_series}
    lines, method, baseline = _score(calibrate, held_out, worked)
    _, swapped_method, swapped_baseline = _score(held_out, calibrate, worked)
    lines.append(f"halves swapped: brier method={swapped_method:.3f} baseline={swapped_baseline:.3f}")
    return [f"series: {len(all_series)} ({len(calibrate)} calibration, {len(held_out)} held out)", *lines], \
        method, baseline


def _score(calibrate: list[Series], held_out: list[Series],
           worked: dict[str, list[Case]]) -> tuple[list[str], float, float]:
    fitted: dict[str, float] = {}
    seen = [c for s in calibrate for c in worked[s.name]]
    for band in BANDS:
        inside = [c.met for c in seen if c.band == band]
        fitted[band] = sum(inside) / len(inside) if inside else 0.5
    tested = [c for s in held_out for c in worked[s.name]]
    given = [c for c in tested if c.method is not None]
    method = [(c.method, c.met) for c in given if c.method is not None]
    baseline = [(fitted[c.band], c.met) for c in given]
    lines = [f"held-out predictions: {len(tested)}, with a number from the method: {len(given)}",
             "baseline (band → share met in the calibration half): "
             + ", ".join(f"{b} {fitted[b]:.3f}" for b in BANDS),
             *_by_dataset(given, fitted),
             "method, held out:", *calibration_table(method),
             "baseline, held out:", *calibration_table(baseline)]
    return lines, brier(method), brier(baseline)


def _by_dataset(given: list[Case], fitted: dict[str, float]) -> list[str]:
    """Held-out Brier scores per dataset (fertility has the most series and must not hide the others), and on
    how many held-out series the method alone scores better (a margin made by a few series would show here)."""
    lines = []
    for name in sorted({c.series.split(".")[0] for c in given}):
        inside = [c for c in given if c.series.split(".")[0] == name and c.method is not None]
        method = brier([(c.method, c.met) for c in inside if c.method is not None])
        lines.append(f"  {name}: {len(inside)} predictions, brier method={method:.3f} "
                     f"baseline={brier([(fitted[c.band], c.met) for c in inside]):.3f}")
    series = sorted({c.series for c in given})
    won = sum(brier([(c.method, c.met) for c in given if c.series == name and c.method is not None])
              < brier([(fitted[c.band], c.met) for c in given if c.series == name]) for name in series)
    lines.append(f"  series where the method scores better: {won} of {len(series)}")
    return lines


def main() -> None:
    lines, method, baseline = run(load())
    print("\n".join(lines))
    print(f"brier method={method:.3f} baseline={baseline:.3f}")


if __name__ == "__main__":
    main()
