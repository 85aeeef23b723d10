"""The matrix and the overview of the three-town district read at every width (issue 29): each plan named on its
row, each cell a status word or its short form from the legend, no line wider than the terminal."""

from __future__ import annotations

import re
import unicodedata

import pytest

from conftest import REPO

DISTRICT = REPO / "tests" / "fixtures" / "district"
NAMES = ["佘山镇", "泗泾镇", "松江区", "小昆山"]  # each plan's short_name in the fixture
# The short forms and what the legend must say for each (zh), written out here, not taken from the code.
SHORT = {"实现": "提前实现", "快": "快于预期", "符合": "符合预期", "滞后": "滞后", "严滞": "严重滞后", "未实现": "未实现",
         "暂无": "暂无数据", "·": "该规划无此指标"}


def cells(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


@pytest.mark.parametrize("width", [60, 80, 120, 200])
@pytest.mark.parametrize("matrix", [True, False], ids=["matrix", "overview"])
def test_the_district_reads_at_every_width(invoke, monkeypatch, width, matrix):
    monkeypatch.setenv("COLUMNS", str(width))
    result = invoke("status", "--plans-dir", str(DISTRICT), *(["--matrix"] if matrix else []))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(cells(line) for line in lines) <= width
    rows = {name: next((line for line in lines if line.strip().startswith(name)), None) for name in NAMES}
    assert all(rows.values()), rows  # every plan on a row of its own, named
    legend = " ".join(result.stdout.split())
    for name, row in rows.items():
        words = [w for w in row.split()[1:] if not re.fullmatch(r"[a-z][a-z0-9-]*", w)]  # the id, when shown
        if not matrix:  # the overview's cells are counts: a number, or · for none
            assert all(w.isdigit() or w == "·" for w in words), (name, words)
            continue
        for word in words:
            assert word in SHORT, (name, word)
            if word in SHORT:
                assert f"{word}={SHORT[word]}" in legend or (word == "实现" and "实现=提前实现" in legend), word
    assert "无数" not in result.stdout
