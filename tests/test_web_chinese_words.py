"""The serve pages' Chinese words for the lines and sections the report and `status` also name (wording review of
issue 33's pages): a chart's legend reads as the report's chart does (按计划应达, not 按期应达), and the
roll-up's heading as the user guide calls it (区级汇总核对: a district checks its towns; 区县 would be a county's)."""

from __future__ import annotations

import shutil

import pytest

from conftest import REPO
from web_client import IND, PLAN, client, text


@pytest.mark.parametrize(("said", "not_said"), [
    ("按计划应达", "按期应达"),
    ("实现目标尚需", "尚需路径"),
    ("按目前速度预计", "按当前速度预计"),
])
def test_an_indicator_chart_names_its_lines_as_the_report_does(plans_dir, said, not_said):
    page = client(plans_dir).get(f"/plan/{PLAN}/i/{IND}").text
    chart = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert said in text(chart) and not_said not in page


def test_the_overview_heads_the_district_check_as_the_user_guide_does(tmp_path):
    shutil.copytree(REPO / "tests" / "fixtures" / "district", tmp_path / "district")
    page = client(tmp_path / "district").get("/").text
    assert "区级汇总核对" in text(page) and "区县" not in page
