"""The SQL console in a real Chromium: a shared address with a query runs it, shows the result
and downloads it as the CSV Excel opens; typing a query puts it into the address. Screenshots of
the page with a result, in both languages, at desktop and phone sizes."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from browser_support import TIMEOUT, wait_until_drawn
from test_browser_finish import screenshots

from queries.i18n import t

pytestmark = pytest.mark.browser

QUERY = ("select district, rotation_kind, count(*) as figures, sum(value) as rotations\n"
         "from filtered_facts($districts, $terms, $area_levels, $origins)\n"
         "where topic = 'rotation' and rotation_kind is not null\ngroup by all\norder by all")
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}
LONG_MESSAGE = "select error(repeat('x', 30000000))"


def query_box(page: Page):
    return page.locator("[data-testid='stTextArea'] textarea")


def test_a_shared_address_runs_its_query_and_downloads_the_result(page: Page, dashboard_url, db, tmp_path):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{dashboard_url}/sql?lang=en&district=%C4%90i%E1%BB%87n%20Bi%C3%AAn&q={quote(QUERY)}")
    wait_until_drawn(page, charts=0)
    expect(query_box(page)).to_have_value(QUERY, timeout=TIMEOUT)
    expect(page.locator("[data-testid='stDataFrame']")).to_have_count(1, timeout=TIMEOUT)
    with page.expect_download(timeout=60_000) as caught:
        page.get_by_role("button", name=t("download_csv", "en")).click()
    download = caught.value
    assert re.fullmatch(r"sql-query-result_dien-bien_\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads the Vietnamese names right
    got = pd.read_csv(saved, encoding="utf-8-sig")
    expected = db.sql(QUERY, {"districts": ["Điện Biên"], "terms": None, "area_levels": None, "origins": None})
    assert got["district"].tolist() == expected["district"].tolist() == ["Điện Biên"] * len(expected)
    assert got["rotations"].tolist() == expected["rotations"].tolist()


def test_a_typed_query_goes_into_the_address(page: Page, dashboard_url):
    page.goto(f"{dashboard_url}/sql")
    wait_until_drawn(page, charts=0)
    query_box(page).fill("select count(*) as n from sources")
    page.get_by_role("button", name=t("console_run", "vi")).click()
    page.wait_for_url(re.compile(r"q=select"), timeout=TIMEOUT)
    assert parse_qs(urlsplit(page.url).query)["q"] == ["select count(*) as n from sources"]
    expect(page.locator("[data-testid='stDataFrame']")).to_have_count(1, timeout=TIMEOUT)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_console_with_a_result_and_an_error(page: Page, dashboard_url, screenshot_dir, lang, size):
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{dashboard_url}/sql?lang={lang}&q={quote(QUERY)}")
    wait_until_drawn(page, charts=0)
    expect(page.locator("[data-testid='stDataFrame']")).to_have_count(1, timeout=TIMEOUT)
    screenshots(page, screenshot_dir / f"{size}-{lang}-sql-result")
    page.goto(f"{dashboard_url}/sql?lang={lang}&q={quote('select * from read_csv(' + chr(39) + '/etc/passwd' + chr(39) + ')')}")
    wait_until_drawn(page, charts=0)
    box = page.locator("[data-testid='stAlertContentError']")
    expect(box).to_contain_text(t("console_no_files", lang), timeout=TIMEOUT)
    expect(box).to_contain_text("File system LocalFileSystem has been disabled")  # DuckDB's own words
    screenshots(page, screenshot_dir / f"{size}-{lang}-sql-error")


def test_a_long_duckdb_message_arrives_cut_and_wrapped(page: Page, dashboard_url, screenshot_dir):
    """DuckDB repeats what a query makes it say: thirty million characters took 14-43 s to draw.
    The page gets at most 2,000 of them, wrapped inside the box on a phone."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{dashboard_url}/sql?lang=en&q={quote(LONG_MESSAGE)}")
    wait_until_drawn(page, charts=0)
    box = page.locator("[data-testid='stAlertContentError']")
    expect(box).to_contain_text(t("console_database", "en"), timeout=TIMEOUT)
    expect(box).to_contain_text("[…]")
    assert len(box.inner_text()) < 2_500
    assert box.bounding_box()["width"] <= 390
    screenshots(page, screenshot_dir / "phone-en-sql-long-message")
