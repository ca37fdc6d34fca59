"""The Russia profile renders in a real browser: headless Debian chromium, driven by Playwright (issue 7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigil.publish.site import SiteResult

CHROMIUM = Path("/usr/bin/chromium")
# A rendered profile page is tens of kilobytes as PNG; a blank or error page is a few.
MIN_PNG_BYTES = 20_000
# Enough dark pixels to be text, tables and charts rather than an empty page.
MIN_INK_SHARE = 0.01


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no browser at {CHROMIUM}: install Debian's chromium (make browser)")
def test_russia_profile_renders_in_chromium(examples_site: SiteResult, tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
    from PIL import Image

    shot = tmp_path / "ru.png"
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 1600})
            page.goto(examples_site.profiles["RU"].resolve().as_uri())
            assert page.title().startswith("Russia")
            assert page.locator("figure.chart svg").count() >= 3
            # The stylesheet loaded from disk: the headline table is laid out, not raw text.
            assert page.locator("#headlines table").bounding_box() is not None
            box = page.locator("#chart-deported-people-year svg").bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 120
            page.screenshot(path=str(shot), full_page=False)
        finally:
            browser.close()
    assert shot.stat().st_size > MIN_PNG_BYTES
    with Image.open(shot) as image:
        grey = image.convert("L")
        histogram = grey.histogram()
        dark = sum(histogram[:128])
        assert dark / (grey.width * grey.height) > MIN_INK_SHARE
