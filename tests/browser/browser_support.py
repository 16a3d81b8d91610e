"""What the browser tests share: waiting until a page is drawn, reading its sidebar.

tests/browser is not a package: pytest puts this folder on sys.path, so tests import this
module by its name."""

from __future__ import annotations

from playwright.sync_api import Page, expect

TIMEOUT = 30_000


def wait_until_drawn(page: Page, charts: int) -> None:
    """Wait for the script run to finish and each chart to have its SVG."""
    expect(page.locator("h1").first).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0, timeout=TIMEOUT)
    expect(page.locator("[data-testid='stSkeleton']")).to_have_count(0, timeout=TIMEOUT)
    if charts:
        expect(page.locator("[data-testid='stPlotlyChart'] svg.main-svg").nth(charts * 2 - 1)).to_be_attached(
            timeout=TIMEOUT)
        expect(page.locator("[data-testid='stPlotlyChart']")).to_have_count(charts, timeout=TIMEOUT)
