"""The rendered reports in a real browser (Debian's chromium, driven by Playwright): sections
render, no console error, no request leaves the file, readable at phone width. Screenshots are
saved under test-artifacts/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DEMO_UNTIL, REPO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="chromium is not installed (make test installs it with "
                                       "apt-get where it can)")
SECTIONS = ["Overblik", "Elevtal", "Frafald", "Fravær", "Målgrupper", "Reaktionsmønster",
            "Datakvalitet"]
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"])
        yield browser
        browser.close()


def _open(browser, path: Path, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri(), wait_until="load")
    return page, requests, errors


@pytest.mark.parametrize("width", [1280, 390])
def test_monthly_report_renders_offline(browser, monthly_root: Path, width: int):
    report = monthly_root / "reports" / DEMO_UNTIL / "maanedsrapport.html"
    page, requests, errors = _open(browser, report, width)
    headings = [h.strip().rstrip("¶") for h in page.locator("h2").all_inner_texts()]
    assert [h for h in SECTIONS if h not in headings] == []
    assert page.title() == "Månedsrapport november 2026"
    assert page.locator("img[alt]").count() >= 3
    assert all(len(a) > 40 for a in page.locator("img").evaluate_all(
        "imgs => imgs.map(i => i.alt)"))
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"maanedsrapport-{width}.png", full_page=True)
    external = [u for u in requests if not u.startswith(("file:", "data:"))]
    assert external == [] and errors == []
    page.close()


def test_validation_page_and_index_render(browser, monthly_root: Path):
    for path in (monthly_root / "reports" / "index.html",
                 monthly_root / "reports" / DEMO_UNTIL / "validering.html"):
        page, requests, errors = _open(browser, path, 1024)
        assert page.locator("h1").count() == 1
        assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
        assert errors == []
        page.close()


def test_quarterly_report_renders_offline(browser, monthly_root: Path):
    from tests.conftest import run_cli

    result = run_cli("--root", str(monthly_root), "quarterly", "2026-Q4")
    assert result.returncode == 0, result.stderr
    report = monthly_root / "reports" / "2026-Q4" / "kvartalsrapport.html"
    page, requests, errors = _open(browser, report, 1280)
    headings = [h.strip().rstrip("¶") for h in page.locator("h2").all_inner_texts()]
    assert {"Kvartalet kort", "Frafald og årsager", "Tidlig varsling"} <= set(headings)
    assert page.title() == "Kvartalsrapport 2026-Q4"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "kvartalsrapport-1280.png", full_page=True)
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == [] and errors == []
    page.close()
