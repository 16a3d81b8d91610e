"""The Sources search in a real Chromium: a shared address with `q=` and `all=1` reproduces the
search, and typing a search puts it into the address."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from browser_support import TIMEOUT, wait_until_drawn


pytestmark = pytest.mark.browser


def search_box(page: Page):
    return page.locator("[data-testid='stTextInput'] input")


def test_a_shared_search_address_reproduces_the_search(page: Page, dashboard_url, screenshot_dir):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{dashboard_url}/sources?lang=en&q=thanh%20tri&all=1")
    wait_until_drawn(page, charts=0)
    expect(search_box(page)).to_have_value("thanh tri", timeout=TIMEOUT)
    expect(page.get_by_role("switch", name=re.compile("Include figures outside"))).to_be_checked()
    page.screenshot(path=str(screenshot_dir / "en-sources-search.png"))


def test_typing_a_search_puts_it_into_the_address(page: Page, dashboard_url):
    page.goto(f"{dashboard_url}/sources")
    wait_until_drawn(page, charts=0)
    search_box(page).fill("dien bien")
    search_box(page).press("Enter")
    page.wait_for_url(re.compile(r"q=dien"), timeout=TIMEOUT)
    page.get_by_text("Kể cả số liệu ngoài các huyện đã chọn", exact=False).click()
    page.wait_for_url(re.compile(r"all=1"), timeout=TIMEOUT)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["dien bien"], "all": ["1"]}
    search_box(page).fill("xyzzy")
    search_box(page).press("Enter")
    expect(page.get_by_text("Không có số liệu nào khớp với «xyzzy»", exact=False)).to_be_visible(timeout=TIMEOUT)
