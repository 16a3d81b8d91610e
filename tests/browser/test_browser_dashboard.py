"""The dashboard in a real Chromium: deep links on a fresh server, every page drawn, and a
filtered view that survives being shared as a URL."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from browser_support import TIMEOUT, wait_until_drawn

pytestmark = pytest.mark.browser

NAV_VI = ["Tổng quan", "Luân chuyển", "Hộ nghèo", "Chỉ tiêu", "Nguồn", "Sổ đăng ký", "Truy vấn SQL"]
NAV_EN = ["Overview", "Rotations", "Poverty", "Quotas", "Sources", "Registers", "SQL console"]
PAGES = {"": ("Tổng quan", "Overview", 1), "rotations": ("Luân chuyển", "Rotations", 2),
         "poverty": ("Hộ nghèo", "Poverty", 6), "quotas": ("Chỉ tiêu", "Quotas", 2),
         "sources": ("Nguồn", "Sources", 0), "sql": ("Truy vấn SQL", "SQL console", 0)}


def chips(page: Page, index: int):
    """The selected values of the `index`-th multiselect in the sidebar."""
    return page.locator("[data-testid='stMultiSelect']").nth(index).locator(".react-aria-ComboBox [data-tag]")


def nav_titles(page: Page) -> list[str]:
    """The navigation link labels, without their icon names."""
    return [text.strip().splitlines()[-1] for text in page.locator("[data-testid='stSidebar'] [data-testid='stPageLink-NavLink']").all_inner_texts()]


def test_deep_link_on_a_fresh_server_runs_the_router(page: Page, fresh_dashboard):
    page.goto(f"{fresh_dashboard}/quotas?district=Thanh%20Tr%C3%AC")
    wait_until_drawn(page, charts=1)
    expect(page.locator("h1").first).to_have_text("Chỉ tiêu")
    assert nav_titles(page) == NAV_VI
    expect(chips(page, 0)).to_have_count(1)
    expect(chips(page, 0).first).to_contain_text("Thanh Trì")
    expect(page.get_by_text("cần thêm 3 chủ tịch xã không là người địa phương để đạt chỉ tiêu 50%")).to_be_visible()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_is_drawn(page: Page, dashboard_url, screenshot_dir, lang):
    page.set_viewport_size({"width": 1400, "height": 2200})
    for path, (title_vi, title_en, charts) in PAGES.items():
        page.goto(f"{dashboard_url}/{path}" + ("?lang=en" if lang == "en" else ""))
        wait_until_drawn(page, charts)
        expect(page.locator("h1").first).to_have_text(title_en if lang == "en" else title_vi)
        assert nav_titles(page) == (NAV_EN if lang == "en" else NAV_VI)
        page.screenshot(path=str(screenshot_dir / f"{lang}-{path or 'overview'}.png"))


def test_filtered_view_survives_as_a_shared_url(page: Page, context, dashboard_url):
    page.goto(f"{dashboard_url}/rotations")
    wait_until_drawn(page, charts=2)
    page.get_by_text("Cả hai", exact=True).click()
    page.wait_for_url(re.compile(r"origin=both"), timeout=TIMEOUT)
    page.get_by_role("button", name="Remove 2015-2020").click()
    page.wait_for_url(re.compile(r"term="), timeout=TIMEOUT)
    wait_until_drawn(page, charts=2)
    shared = page.url
    params = parse_qs(urlsplit(shared).query)
    assert urlsplit(shared).path == "/rotations"
    assert params["origin"] == ["both"] and params["term"] == ["2010-2015", "2020-2025"]

    other = context.new_page()
    other.goto(shared)
    wait_until_drawn(other, charts=2)
    expect(other.locator("h1").first).to_have_text("Luân chuyển")
    expect(other.get_by_role("radio", name="Cả hai")).to_be_checked()
    assert [t.strip() for t in chips(other, 1).all_inner_texts()] == ["2010-2015", "2020-2025"]
    assert parse_qs(urlsplit(other.url).query) == params


def test_filters_stay_in_the_url_across_pages(page: Page, dashboard_url):
    page.goto(f"{dashboard_url}/?lang=en&district=B%E1%BA%AFc%20H%C3%A0")
    wait_until_drawn(page, charts=0)
    page.get_by_role("link", name="Poverty").click()
    page.wait_for_url(re.compile(r"/poverty\?"), timeout=TIMEOUT)
    wait_until_drawn(page, charts=2)
    params = parse_qs(urlsplit(page.url).query)
    assert params == {"lang": ["en"], "district": ["Bắc Hà"]}
    expect(page.locator("h1").first).to_have_text("Poverty")


def test_page_change_from_the_navigation_keeps_filters_set_on_the_page(page: Page, dashboard_url):
    page.goto(f"{dashboard_url}/rotations")
    wait_until_drawn(page, charts=2)
    page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
    page.wait_for_url(re.compile(r"lang=en"), timeout=TIMEOUT)
    wait_until_drawn(page, charts=2)
    page.get_by_role("button", name="Remove 2010-2015").click()
    page.wait_for_url(re.compile(r"term="), timeout=TIMEOUT)
    wait_until_drawn(page, charts=2)
    page.get_by_text("Both", exact=True).click()
    page.wait_for_url(re.compile(r"origin=both"), timeout=TIMEOUT)
    wait_until_drawn(page, charts=2)
    page.locator("[data-testid='stSidebar']").get_by_role("link", name="Quotas").click()
    page.wait_for_url(re.compile(r"/quotas\?"), timeout=TIMEOUT)
    wait_until_drawn(page, charts=2)  # attainment, and progress (published and register series)
    expect(page.locator("h1").first).to_have_text("Quotas")
    assert nav_titles(page) == NAV_EN
    assert parse_qs(urlsplit(page.url).query) == {"lang": ["en"], "term": ["2015-2020", "2020-2025"],
                                                  "origin": ["both"]}
    assert [t.strip() for t in chips(page, 1).all_inner_texts()] == ["2015-2020", "2020-2025"]
    expect(page.get_by_role("radio", name="Both")).to_be_checked()


def test_presentation_mode_hides_the_sidebar(page: Page, dashboard_url, screenshot_dir):
    page.goto(f"{dashboard_url}/quotas?present=1")
    wait_until_drawn(page, charts=0)
    expect(page.locator("[data-testid='stPlotlyChart']").first).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("[data-testid='stSidebar']")).to_be_hidden()
    page.screenshot(path=str(screenshot_dir / "vi-quotas-present.png"))
    page.get_by_role("button", name="Thoát chế độ trình chiếu").click()
    expect(page.locator("[data-testid='stSidebar']")).to_be_visible(timeout=TIMEOUT)
    page.wait_for_url(lambda u: "present" not in u, timeout=TIMEOUT)


def test_language_switch_goes_into_the_url(page: Page, dashboard_url):
    page.goto(f"{dashboard_url}/sources")
    wait_until_drawn(page, charts=0)
    page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
    page.wait_for_url(re.compile(r"lang=en"), timeout=TIMEOUT)
    expect(page.locator("h1").first).to_have_text("Sources")
    assert nav_titles(page) == NAV_EN
