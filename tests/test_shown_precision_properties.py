"""Issue 30, item 5, done when: no output shows a number that, read at its shown precision, contradicts the
status word beside it. A property over generated one-indicator plans placed just below, on and just above
each edge (the target; R at 0.60, 0.95, 1.00 and 1.05), every format rendered, the shown numbers parsed back.

What each word says, from docs/progress.md's table (not from the code under test), with every year recorded:
  R:  快于预期 ≥ 1.05; 符合预期 [bar, 1.05) (bar 0.95, binding 1.00); 滞后 [0.60, bar); 严重滞后 < 0.60;
      at the end year 已实现 ≥ 1 (a positive target, every year covered), 基本实现 [0.95, 1), 未实现 < 0.95
      (binding: < 1).
  the actual of a rate kind: met ⟺ ≥ target, for a total change in any year and an average rate at the end;
  the completion S / T of a cumulative total: met ⟺ ≥ 100 %.
A bound ("<1.00") reads as just below its number, ">"/"≥" as just above.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from decimal import Decimal

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rich.console import Console

from plantrack.models import Entry, Indicator, PlanInfo
from plantrack.plan import Plan
from plantrack.progress import evaluate_plan
from plantrack.progress.engine import band_reason
from plantrack.render.show import print_show
from plantrack.render.status_data import csv_status, json_status
from plantrack.render.status_table import markdown_status, print_status
from plantrack.report.build import build_report
from plantrack.report.html import render_html
from plantrack.report.markdown import render_markdown
from plantrack.report.model import document

D = Decimal
INF = D("Infinity")
TINY = D("1e-20")  # within the 28 digits of the default context: 1 - 1e-30 rounds back to 1
START, END, BASE, N = 2021, 2025, 2020, 5
EDGES = [D("0.60"), D("0.95"), D(1), D("1.05")]
# How far from the edge, relative: on it, inside every rounding (1e-7), at 4 places (5e-5) and at 2 (3e-3).
NEAR = [D(0), D("1e-7"), D("-1e-7"), D("1e-6"), D("-1e-6"), D("4e-6"), D("-4e-6"), D("5e-5"), D("-5e-5"),
        D("1e-4"), D("-1e-4"), D("3e-3"), D("-3e-3"), D("-4.6e-3")]
TARGETS = {"annual_rate": [D(6), D("5.5"), D(8)], "total_change": [D(20), D(6), D("12.5")],
           "cumulative": [D(100), D(150), D(7)]}


def _q(x: Decimal, places: str = "1e-8") -> Decimal:
    return x.quantize(D(places))


@st.composite
def near_plan(draw):
    shape = draw(st.sampled_from(["rates", "levels", "total_change", "cumulative"]))
    kind = "annual_rate" if shape in ("rates", "levels") else shape
    target = draw(st.sampled_from(TARGETS[kind]))
    # Years recorded, 2021..2020 + k, evaluated as of the last: the end year half the time.
    k = draw(st.sampled_from([1, 2, 3, 4, N, N, N, N]))
    ratio = draw(st.sampled_from(EDGES)) * (1 + draw(st.sampled_from(NEAR)))
    binding = draw(st.booleans())
    entries: dict[int, Entry] = {}
    if shape == "rates":  # the same rate a = R × r every year: the average is a
        a = _q(ratio * target)
        entries = {START + i: Entry(rate=a) for i in range(k)}
    elif shape == "levels":  # the base-year level and the data year's: one factor over k years
        a = ratio * target
        entries = {BASE: Entry(value=D(100000), unit="万元"),
                   BASE + k: Entry(value=_q(100000 * (1 + a / 100) ** k, "1e-4"), unit="万元")}
    elif shape == "total_change":  # R = c × N / (C × k): the whole change in the first year, 0 after
        c = _q(ratio * target * k / N)
        entries = {START + i: Entry(rate=c if i == 0 else D(0)) for i in range(k)}
    else:  # R = S × N / (T × k): S in the first year, 0 after
        s = _q(ratio * target * k / N)
        entries = {START + i: Entry(value=s if i == 0 else D(0), unit="亿元") for i in range(k)}
    ind = Indicator(id="x", no=1, name="指标", kind=kind, target=target,
                    unit="亿元" if kind == "cumulative" else "%", value_unit="万元" if shape == "levels" else None,
                    attribute="binding" if binding else "expected")
    info = PlanInfo(id="t", name="测试", start=START, end=END, base_year=BASE)
    return Plan(info=info, indicators=(ind,), actuals={"x": entries}), START + k - 1


def _pace_interval(status: str, binding: bool) -> tuple[Decimal, Decimal] | None:
    bar = D(1) if binding else D("0.95")
    return {
        "ahead": (D("1.05"), INF), "on_track": (bar, D("1.05")), "behind": (D("0.60"), bar),
        "far_behind": (-INF, D("0.60")), "nearly_met": (D("0.95"), D(1)),
        "missed": (-INF, D(1) if binding else D("0.95")),
    }.get(status)


def _read(text: str) -> Decimal | None:
    """A shown number back: "5.997%" → 5.997; "<1.00" → just below 1; "≥0.95"/">0.95" → just above."""
    text = html.unescape(text).replace("\\", "").replace(",", "").strip().rstrip("%").strip()
    if m := re.fullmatch(r"([<>≥]?)(-?\d+(?:\.\d+)?)", text):
        x = D(m.group(2))
        return x - TINY if m.group(1) == "<" else x + TINY if m.group(1) in (">", "≥") else x
    return None


def _inside(shown: str, interval: tuple[Decimal, Decimal], where: str) -> None:
    x = _read(shown)
    assert x is not None, (where, shown)
    lo, hi = interval
    assert lo <= x < hi, f"{where}: {shown!r} read as {x} is outside [{lo}, {hi}) of its word"


def _checks(result) -> list[tuple[str, tuple[Decimal, Decimal]]]:
    """(cell, interval) pairs: which shown numbers the word constrains, and to what."""
    r = result.indicators[0]
    ind, m = r.indicator, r.measure
    final = r.years_remaining == 0
    out: list[tuple[str, tuple[Decimal, Decimal]]] = []
    if m.pace_ratio is not None and not (m.achieved and not final):
        if r.status == "achieved":
            out.append(("pace", (D(1), INF)))
        elif (interval := _pace_interval(r.status, ind.binding)) is not None:
            out.append(("pace", interval))
    target = ind.target
    if ind.kind == "total_change" or (ind.kind == "annual_rate" and final):
        out.append(("actual", (target, INF) if m.achieved else (-INF, target)))
    if ind.kind == "cumulative":
        out.append(("completion", (D(100), INF) if m.achieved else (-INF, D(100))))
    return out


def _markdown_cells(text: str, header: str) -> dict[str, str]:
    lines = [line for line in text.splitlines() if line.startswith("| ")]
    head = [c.strip() for c in lines[0].strip("|").split(" | ")]
    row = [c.strip() for c in lines[1].strip("|").split(" | ")]
    assert head[0] == header
    return dict(zip(head, row, strict=True))


def _from_cells(cells: dict[str, str], key: str) -> str:
    """The table's cell for a check: 实际 holds "99.6 (99.6%)" for a cumulative total (its completion)."""
    if key == "pace":
        return cells["进度比"]
    actual = cells["实际"]
    if key == "completion":
        return re.search(r"\((.*)%\)", actual).group(1)
    return actual


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=near_plan())
def test_no_number_beside_a_word_reads_across_it(case):
    plan, as_of = case
    result = evaluate_plan(plan, as_of)
    checks = _checks(result)
    r = result.indicators[0]
    event(f"{r.indicator.kind} {r.status}")  # --hypothesis-show-statistics: every word is reached
    # status --format markdown (the terminal table's cells, escaped)
    cells = _markdown_cells(markdown_status(result, "zh"), "序号")
    for key, interval in checks:
        _inside(_from_cells(cells, key), interval, f"markdown {key} beside {cells['状态']}")
    # the terminal table: the same cells, laid out by Rich; read from the printed row
    console = Console(width=250, record=True, color_system=None, file=io.StringIO())
    print_status(console, result, "zh")
    row = next(line for line in console.export_text().splitlines() if "指标" in line and "测试" not in line
               and "序号" not in line)
    printed = [c.strip() for c in re.split(r"\s{2,}", row.strip())]
    for key, interval in checks:
        shown = _from_cells(cells, key)
        cell = cells["实际"] if key == "completion" else shown
        assert html.unescape(cell).replace("\\", "") in printed, (printed, cell)
    # status --format csv and json: data, as many decimals as it takes past 4
    rec = next(csv.DictReader(io.StringIO(csv_status(result))))
    (plan_json,) = [json.loads(json_status(result), parse_float=D)]
    (jrec,) = plan_json["indicators"]
    for key, interval in checks:
        field = {"pace": "pace_ratio", "actual": "actual", "completion": "completion"}[key]
        _inside(rec[field], interval, f"csv {field} beside {rec['status']}")
        _inside(str(jrec[field]), interval, f"json {field} beside {jrec['status']}")
    # show: the working's a, c, S / T and every R, and the reason line, beside the verdict
    console = Console(width=250, record=True, color_system=None, file=io.StringIO())
    print_show(console, plan, r, None, band_reason(r, plan.info.thresholds), "zh")
    shown_text = console.export_text()
    for key, interval in checks:
        for value in _working_values(shown_text, key, r.indicator.kind):
            _inside(value, interval, f"show {key} beside {r.status}: {value}")
    # the report: its table and sentences (one model, report/model.py), in Markdown and HTML
    doc = document(build_report(plan, as_of, "zh"))
    report_md = render_markdown(doc)
    table = report_md.split("| 序号 |", 1)[1]
    cells = _markdown_cells("| 序号 |" + table, "序号")
    for key, interval in checks:
        _inside(_from_cells(cells, key), interval, f"report markdown {key}")
    for key, interval in checks:
        for value in _working_values(report_md, key, r.indicator.kind):
            _inside(value, interval, f"report working {key}: {value}")
    if (m := re.search(r"，进度比 ([^，\n|]+)，", report_md)) and any(k == "pace" for k, _ in checks):
        _inside(m.group(1), dict(checks)["pace"], "report sentence pace")
    page = render_html(doc, {})
    for key, interval in checks:
        if key == "pace":
            found = re.findall(r"，进度比 ([^，<\n]+|&lt;[^，<\n]+)，", page)
            assert found, "report html sentence"
            for value in found:
                _inside(value, interval, f"report html sentence pace {value}")


def _working_values(text: str, key: str, kind: str) -> list[str]:
    """The numbers the working shows for `key`: every "R = …" result, a = …, c = … → …, S / T = … = …%."""
    if key == "pace":
        found = []
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("R = ") and " / " in line:  # working: "R = a / r = 5.9967 / 6 = 0.9995"
                found.append(line.rsplit("= ", 1)[1])
            elif "R = " in line:  # the reason: "…，R = 0.9995 ≥ 0.95（…）", "R = 0.6000 → 滞后（…）"
                found += re.findall(r"R = ([<>≥]?-?[\d.]+)", line)
        return found
    if key == "actual":
        pattern = r"^\s*a = .*= (-?[\d.]+)%" if kind == "annual_rate" else r"^\s*c = .*→ (-?[\d.]+)%"
        return re.findall(pattern, text, re.M)
    return re.findall(r"S / T = [^=\n]+= ([<>≥]?[\d.]+)%", text)
