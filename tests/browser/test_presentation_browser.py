"""Presentation mode as a room sees it on a projector: each chart a slide, whole on the screen
at 1280×720 and 1920×1080, in both languages; PageDown brings every chart whole into view,
one after another; the chart's text at 18 px or more; the link for the room readable and
opening the same view."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from browser_support import TIMEOUT, wait_until_drawn

pytestmark = pytest.mark.browser

CHART_PAGES = ("", "rotations", "poverty", "quotas")
SLIDE_CHARTS = "[class*='st-key-slide_'] [data-testid='stPlotlyChart']"
# The smallest text drawn in each slide's chart (ticks, legend, labels; not the toolbar).
SMALLEST_TEXT_JS = """
(charts) => charts.map((chart) => Math.min(...[...chart.querySelectorAll("svg text")]
  .filter((text) => text.textContent.trim() && !text.closest(".modebar"))
  .map((text) => parseFloat(getComputedStyle(text).fontSize))))
"""
BOXES_JS = "(charts) => charts.map((chart) => { const b = chart.getBoundingClientRect(); return [b.top, b.bottom]; })"


def wait_for_slides(page: Page) -> int:
    """Wait until the page and every slide's chart are drawn; returns how many slides it has."""
    wait_until_drawn(page, charts=0)
    expect(page.locator(SLIDE_CHARTS).first).to_be_visible(timeout=TIMEOUT)
    count = page.locator("[class*='st-key-slide_']").count()
    expect(page.locator(SLIDE_CHARTS)).to_have_count(count, timeout=TIMEOUT)
    expect(page.locator(SLIDE_CHARTS).last.locator("svg.main-svg").first).to_be_attached(timeout=TIMEOUT)
    page.wait_for_timeout(500)  # Plotly's last layout pass
    return count


@pytest.mark.parametrize("width,height", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_chart_comes_whole_into_view_slide_by_slide(page: Page, dashboard_url, screenshot_dir, lang, width,
                                                           height):
    page.set_viewport_size({"width": width, "height": height})
    for path in CHART_PAGES:
        page.goto(f"{dashboard_url}/{path}?present=1&lang={lang}")
        slides = wait_for_slides(page)
        name = f"present-{lang}-{width}-{path or 'overview'}"
        charts = page.locator(SLIDE_CHARTS)
        top, bottom = charts.evaluate_all(BOXES_JS)[0]
        assert 0 <= top and bottom <= height and bottom - top >= height / 2, (name, top, bottom)
        assert min(charts.evaluate_all(SMALLEST_TEXT_JS)) >= 18, name
        seen = set()
        for step in range(slides):
            page.screenshot(path=str(screenshot_dir / f"{name}-{step + 1}.png"))
            seen |= {index for index, (top, bottom) in enumerate(charts.evaluate_all(BOXES_JS))
                     if top >= 0 and bottom <= height}
            page.keyboard.press("PageDown")
            page.wait_for_timeout(400)
        assert seen == set(range(slides)), (name, sorted(seen), slides)
        for back in (1, 2)[:slides]:  # past the last slide: PageUp brings it back, then the one before
            page.keyboard.press("PageUp")
            page.wait_for_timeout(400)
            top, bottom = charts.evaluate_all(BOXES_JS)[slides - back]
            assert 0 <= top and bottom <= height, (name, "PageUp", back)


def test_the_rooms_link_is_readable_and_opens_the_same_view(page: Page, dashboard_url):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{dashboard_url}/rotations?present=1&lang=en&district=B%E1%BA%AFc%20H%C3%A0&district=Ph%C3%BAc%20Th%E1%BB%8D")
    wait_for_slides(page)
    code = page.locator(".st-key-room_link [data-testid='stCode']")
    link = code.inner_text().strip()
    assert "%" not in link and "district=Bắc+Hà&district=Phúc+Thọ" in link, link
    assert float(code.locator("code").evaluate("c => parseFloat(getComputedStyle(c).fontSize)")) >= 40
    parts = urlsplit(link)
    other = page.context.new_page()
    other.goto(f"{dashboard_url}{parts.path}?{parts.query}")  # the text as copied; the browser encodes it
    wait_until_drawn(other, charts=0)
    expect(other.locator(SLIDE_CHARTS).first).to_be_visible(timeout=TIMEOUT)
    assert parse_qs(urlsplit(other.url).query) == parse_qs(parts.query) == {
        "lang": ["en"], "present": ["1"], "district": ["Bắc Hà", "Phúc Thọ"]}
    expect(other.get_by_text("Phúc Thọ (district)").first).to_be_visible()


def test_the_address_keeps_the_slide(page: Page, dashboard_url):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{dashboard_url}/quotas?present=1#slide-3")
    wait_for_slides(page)
    page.wait_for_function("() => { const s = document.querySelectorAll(\"[class*='st-key-slide_']\")[2];"
                           " return Math.abs(s.getBoundingClientRect().top) < 4; }", timeout=TIMEOUT)
    page.keyboard.press("PageDown")
    page.wait_for_url(lambda url: url.endswith("#slide-4"), timeout=TIMEOUT)
