"""`plantrack site -o DIR` (issue 33, item 4): every href and src resolves to a file inside DIR, nothing is
fetched from elsewhere, both languages are there, and each page renders in Chromium at 1280 and 390 px wide
without sideways scrolling."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from web_client import IND, PLAN, browser  # noqa: F401  (browser: the fixture)

LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""")


@pytest.fixture(scope="module")
def site(tmp_path_factory, request) -> Path:
    import shutil

    from conftest import BUNDLED
    from typer.testing import CliRunner

    from plantrack.cli.app import app

    root = tmp_path_factory.mktemp("site")
    shutil.copytree(BUNDLED, root / "plans")
    result = CliRunner().invoke(app, ["site", "--plans-dir", str(root / "plans"), "-o", str(root / "out")])
    assert result.exit_code == 0, result.output
    assert "已写入" in result.stdout
    return root / "out"


def test_the_site_has_an_index_and_a_page_per_plan_and_indicator_in_both_languages_and_a_csv_each(site):
    for name in ("index.html", "index.en.html", f"{PLAN}/index.html", f"{PLAN}/index.en.html",
                 f"{PLAN}/i/{IND}.html", f"{PLAN}/i/{IND}.en.html", f"{PLAN}/i/{IND}.csv", f"{PLAN}/status.csv"):
        assert (site / name).is_file(), name
    page = (site / PLAN / "i" / f"{IND}.html").read_text(encoding="utf-8")
    assert "<form" not in page and "<svg" in page and "@media print" in page
    assert "<h1>Value added, average annual growth (增加值年均增长率)</h1>" in (site / PLAN / "i" / f"{IND}.en.html").read_text(
        encoding="utf-8")
    csv = (site / PLAN / "i" / f"{IND}.csv").read_text(encoding="utf-8-sig")
    assert csv.splitlines()[0].startswith("plan,indicator") and ",2021,48.9,亿元," in csv


def test_every_link_of_the_site_resolves_inside_it(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 30
    checked = 0
    for page in pages:
        for link in LINK.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(link)
            if link.startswith("#") or parts.scheme == "data":
                continue
            assert not parts.scheme and not parts.netloc and not link.startswith("/"), f"{page}: {link}"
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_relative_to(site.resolve()) and target.is_file(), f"{page}: {link}"
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_renders_without_sideways_scroll(site, browser, width):  # noqa: F811
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    wide = []
    for html in sorted(site.rglob("*.html")):
        page.goto(html.as_uri())
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            wide.append((html.relative_to(site).as_posix(), scroll, inner))
    assert wide == []
    assert all(url.startswith("file://") for url in requests)   # no external asset was asked for
    page.goto((site / PLAN / "i" / f"{IND}.html").as_uri())
    assert page.locator("svg polyline.actual").count() == 1
    if width == 390:
        page.screenshot(path=str(site.parent / "site-390.png"), full_page=True)
    page.close()
