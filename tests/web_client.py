"""Shared by tests/test_web_*.py: the serve application on a copy of the plans, as a browser would reach it."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra: pip install -e '.[test]' installs it")

import warnings  # noqa: E402

with warnings.catch_warnings():  # Starlette 1.x suggests httpx2; httpx is what its TestClient still runs on
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient  # noqa: E402

from plantrack.web.app import create_app  # noqa: E402
from plantrack.web.guard import Guard  # noqa: E402

PORT = 8123
BASE = f"http://127.0.0.1:{PORT}"
TOKEN = "test-token-0123456789"
PLAN = "xiaokunshan-14th"
IND = "value-added-growth"


def make_guard(read_only: bool = False) -> Guard:
    guard = Guard(token=TOKEN, read_only=read_only)
    guard.allow(PORT)
    return guard


def client(plans_dir: Path, *, signed_in: bool = True, read_only: bool = False) -> TestClient:
    """A browser on the printed address: with `signed_in`, it has opened ?token=… once (the cookie is set)."""
    c = TestClient(create_app(plans_dir, make_guard(read_only)), base_url=BASE, raise_server_exceptions=False)
    if signed_in:
        first = c.get(f"/?token={TOKEN}", follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"] == "/"
        assert f"plantrack_token_{PORT}" in c.cookies
    return c


def hidden(page: str, name: str) -> str:
    """The value of a form's hidden field on the page."""
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no hidden field {name}"
    return html.unescape(found[1])


def text(page: str) -> str:
    """The page's text, tags removed and entities read, as a person sees it."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


CHROMIUM = "/usr/bin/chromium"  # the system's browser: Playwright never downloads one here


def chromium_or_skip() -> str:
    """The system chromium for Playwright, or a skip on a developer machine without it; in CI (.ci/run sets
    PLANTRACK_REQUIRE_BROWSER=1 and installs chromium) its absence is a failure, as in test_report_browser.py."""
    import os
    import shutil

    required = os.environ.get("PLANTRACK_REQUIRE_BROWSER") == "1"
    found = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        if required:
            pytest.fail("PLANTRACK_REQUIRE_BROWSER=1 but playwright is not installed (pip install -e '.[test]')")
        pytest.skip("playwright is not installed (pip install -e '.[test]'); CI requires it")
    if found is None:
        if required:
            pytest.fail("PLANTRACK_REQUIRE_BROWSER=1 but chromium is not installed (apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium); CI requires it")
    return found


@pytest.fixture(scope="module")
def browser():
    """A headless system chromium driven by Playwright (executable_path: no browser download)."""
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()
