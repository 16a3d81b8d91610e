"""A click on a numeric column's header sorts it as numbers in a real Chromium (a column of
formatted text would sort 100 before 14,29), on a Vietnamese and an English page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from browser_support import wait_until_drawn
from queries.i18n import t

pytestmark = pytest.mark.browser

HEADER_Y = 19  # px from the grid's top: the middle of its header row


def grid_rows(grid) -> list[list[str]]:
    """The grid's accessible table (what a screen reader reads): its header and its rows, in
    the order shown."""
    return grid.locator("table[role='grid']").evaluate(
        "table => [...table.querySelectorAll('tr')].map(row => [...row.children].map(cell => cell.textContent))")


def sort_by(page: Page, grid, header: str) -> list[list[str]]:
    """Click along the header row until `header` is the column sorted (its title marked "↑"),
    and give the rows then shown. The grid draws on a canvas: its columns have no elements."""
    box = grid.locator("canvas[data-testid='data-grid-canvas']").bounding_box()
    page.mouse.click(box["x"] + 20, box["y"] + 60)  # focus a cell: the grid then builds its accessible table
    for x in range(10, int(box["width"]), 25):
        page.mouse.click(box["x"] + x, box["y"] + HEADER_Y)
        page.wait_for_timeout(600)  # the grid sorts after the click, and two quick clicks are one double-click
        rows = grid_rows(grid)
        if f"↑ {header}" in rows[0]:
            return rows
    raise AssertionError(f"no header {header!r} in {grid_rows(grid)[0]}")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_click_on_a_numeric_header_sorts_by_number(page: Page, dashboard_url, screenshot_dir, lang):
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.goto(f"{dashboard_url}/quotas?lang={lang}")
    wait_until_drawn(page, charts=2)
    grid = page.locator("[data-testid='stDataFrame']").last  # the checks: computed against published
    grid.scroll_into_view_if_needed()
    header = t("computed", lang)
    rows = sort_by(page, grid, header)
    column = rows[0].index(f"↑ {header}")
    values = [row[column] for row in rows[1:] if row[column]]
    numbers = [float(value) for value in values]  # sent as numbers: the grid holds numbers
    assert len(numbers) >= 5 and numbers == sorted(numbers), values
    assert values != sorted(values), "text sorting would give another order: this was sorted as numbers"
    page.screenshot(path=str(screenshot_dir / f"{lang}-checks-sorted.png"))
