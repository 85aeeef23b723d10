"""`plantrack serve` in a real browser (issue 33, "Done when"): a real server process on port 0, its first line
read for the address, then headless system chromium through Playwright: the overview, a plan, an indicator,
a figure recorded with a unit slip (35 万元 where 亿元 was meant) that the page asks to confirm, the status
changing, and the Word report downloaded. Screenshots: set PLANTRACK_UPDATE_SCREENSHOT=1 to copy them to
docs/web-*.png."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO
from web_client import PLAN, browser  # noqa: F401  (browser: the fixture)

SLIPPED = "fixed-asset-investment"   # cumulative in 亿元; 2020 (before the period) was 29 亿元


@pytest.fixture
def server(plans_dir, tmp_path):
    env = {**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1", "PLANTRACK_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-m", "plantrack", "serve", "--plans-dir", str(plans_dir), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env)
    try:
        first = proc.stdout.readline().strip() if proc.stdout else ""
        if not first.startswith("http://127.0.0.1:"):
            proc.kill()
            pytest.fail(f"serve's first line is not its address: {first!r}; stderr: {proc.communicate()[1][-2000:]}")
        yield first
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def shot(page, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"web-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    if os.environ.get("PLANTRACK_UPDATE_SCREENSHOT") == "1":
        shutil.copy(path, REPO / "docs" / path.name)


def test_look_record_a_slip_confirm_it_and_download_the_word_report(server, browser, plans_dir, tmp_path):  # noqa: F811
    assert server.split("?token=", 1)[1]                      # the printed address carries the token
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="zh-CN")
    page = context.new_page()
    page.goto(server)
    assert "token=" not in page.url                           # kept in a cookie, dropped from the address
    assert page.locator("h1").inner_text() == "规划"
    shot(page, tmp_path, "overview")

    page.get_by_role("link", name="小昆山镇「十四五」规划主要发展指标").first.click()
    assert page.locator("#status tbody tr").count() == 14
    shot(page, tmp_path, "plan")

    page.get_by_role("link", name="全社会固定资产投资").click()
    assert page.locator("#status-word").inner_text() == "暂无数据"
    form = page.locator("form#record")
    form.locator("select[name=year]").select_option("2021")
    form.locator("input[name=value]").fill("35")
    form.locator("input[name=unit]").fill("万元")             # the slip: 亿元 was meant
    form.locator("input[name=source]").fill("2021年统计公报")
    form.locator("button[type=submit]").click()

    slip = page.locator(".slip")
    assert "35 万元 只有 2020 年（29 亿元）的 1/8286" in slip.inner_text()
    assert "\n[fixed-asset-investment.2021]" not in (plans_dir / PLAN / "actuals.toml").read_text(encoding="utf-8")
    shot(page, tmp_path, "slip")
    page.locator("#confirm").click()

    assert "已写入" in page.locator(".notice").inner_text()
    assert page.locator("#status-word").inner_text() == "严重滞后"   # was 暂无数据: 0.0035 of 150 亿元
    assert "[fixed-asset-investment.2021]\nvalue = 35\nunit = \"万元\"" in (plans_dir / PLAN / "actuals.toml").read_text(
        encoding="utf-8")
    shot(page, tmp_path, "indicator")
    page.get_by_role("link", name="English").click()           # the switch leads back to the indicator page
    assert page.locator("#status-word").inner_text() == "far behind"
    page.get_by_role("link", name="中文").click()

    page.get_by_role("link", name="小昆山镇「十四五」规划主要发展指标").first.click()
    with page.expect_download() as download:
        page.get_by_role("link", name="评估报告 (docx)").click()
    saved = tmp_path / "report.docx"
    download.value.save_as(saved)
    with zipfile.ZipFile(saved) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert "全社会固定资产投资" in body
    context.close()
