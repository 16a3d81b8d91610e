"""Every page as a reader meets it: both languages at desktop, projector (presentation mode)
and phone sizes, with no exception, no "None", no text cut off, and no request leaving the
machine. Screenshots go to SCREENSHOT_DIR for people to look at."""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from browser_support import TIMEOUT, wait_until_drawn

from ui.charts import EXPORT_WIDTH
from ui.network import lan_ip

pytestmark = pytest.mark.browser

PAGES = {"": 1, "rotations": 2, "poverty": 6, "quotas": 2, "sources": 0, "registers": 0, "sql": 0}  # path: charts
SIZES = {  # name: (width, height, URL parameters)
    "desktop": (1440, 900, ""),
    "projector": (1280, 720, "present=1"),
    "phone": (390, 844, ""),
}

# Elements whose content is wider than their box and hidden: text a reader cannot see. Returns
# a short description of each.
CUT_OFF_JS = """
() => {
  const main = document.querySelector("[data-testid='stMain']");
  const cut = [];
  for (const el of main.querySelectorAll("*")) {
    if (el.closest("[data-testid='stPlotlyChart'], [data-testid='stDataFrame'] canvas, code, pre, svg")) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const hides = ["hidden", "clip"].includes(style.overflowX) || style.textOverflow === "ellipsis";
    if (hides && el.scrollWidth > el.clientWidth + 1 && el.innerText && el.innerText.trim()) {
      cut.push(`${el.tagName.toLowerCase()}[${el.getAttribute("data-testid") || el.className}]: ${el.innerText.trim().slice(0, 60)}`);
    }
  }
  const right = document.documentElement.clientWidth;
  for (const el of main.querySelectorAll("[data-testid='stDataFrame'], [data-testid='stPlotlyChart'], [data-testid='stMetric']")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > right + 1) cut.push(`${el.getAttribute("data-testid")} ends at ${Math.round(box.right)} > ${right}`);
  }
  return cut;
}
"""


def screenshots(page: Page, stem) -> None:
    """The first screen as the reader sees it, and the whole page (Streamlit scrolls inside its
    main block, so a full-page screenshot needs a viewport as tall as the content)."""
    page.screenshot(path=f"{stem}.png")
    size = page.viewport_size
    height = page.evaluate("document.querySelector(\"[data-testid='stMain']\").scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    page.wait_for_timeout(300)
    page.screenshot(path=f"{stem}-full.png")
    page.set_viewport_size(size)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_reads_whole(page: Page, dashboard_url, screenshot_dir, lang, size):
    width, height, extra = SIZES[size]
    own_host = urlsplit(dashboard_url).netloc
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url)
            if urlsplit(r.url).scheme in ("http", "https", "ws", "wss") and urlsplit(r.url).netloc != own_host
            else None)
    page.set_viewport_size({"width": width, "height": height})
    problems = []
    for path, charts in PAGES.items():
        query = "&".join(q for q in (extra, "lang=en" if lang == "en" else "") if q)
        page.goto(f"{dashboard_url}/{path}" + (f"?{query}" if query else ""))
        if "present" in extra and charts:  # slides: a long chart is drawn in parts
            wait_until_drawn(page, 0)
            expect(page.locator("[data-testid='stPlotlyChart'] svg.main-svg").first).to_be_visible(timeout=TIMEOUT)
        else:
            wait_until_drawn(page, charts)
        name = path or "overview"
        screenshots(page, screenshot_dir / f"{size}-{lang}-{name}")
        if page.locator("[data-testid='stException']").count():
            problems.append(f"{name}: exception {page.locator('[data-testid=stException]').first.inner_text()[:200]}")
        text = page.locator("[data-testid='stMain']").inner_text()
        for word in ("None", "nan", "NaN", "NaT", "<NA>"):
            if f" {word} " in f" {text.replace(chr(10), ' ')} ":
                problems.append(f"{name}: shows {word!r}")
        problems += [f"{name}: cut off: {item}" for item in page.evaluate(CUT_OFF_JS)]
    assert not outside, f"requests left the machine: {sorted(set(outside))}"
    assert not problems, "\n".join(problems)


def test_chart_images_carry_title_filters_source_and_date(page: Page, dashboard_url, tmp_path):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{dashboard_url}/quotas?district=thanh%20tri")
    wait_until_drawn(page, 1)
    images = {}
    page.get_by_role("button", name="Tải xuống", exact=True).first.click()  # the chart's download menu
    for fmt in ("png", "svg"):
        with page.expect_download(timeout=60_000) as caught:
            page.get_by_role("button", name=f"Tải ảnh {fmt.upper()}").first.click()
        download = caught.value
        assert re.fullmatch(rf"muc-dat-so-voi-chi-tieu_thanh-tri_\d{{4}}-\d{{2}}-\d{{2}}\.{fmt}",
                            download.suggested_filename)
        images[fmt] = tmp_path / download.suggested_filename
        download.save_as(images[fmt])
    with Image.open(images["png"]) as png:
        width, height = png.size
        colours = png.convert("RGB").getcolors(maxcolors=1 << 16)
    assert width == EXPORT_WIDTH and height > 400
    assert colours is None or len(colours) > 20  # drawn, not blank
    svg = images["svg"].read_text(encoding="utf-8")
    for text in ("Mức đạt so với chỉ tiêu", "Huyện: Thanh Trì", "Nguồn: Chinhphu.vn, 27/07/2023",
                 f"Lưu ngày {dt.date.today():%d/%m/%Y}"):
        assert html.escape(text, quote=False) in svg, text


def test_a_charts_table_and_downloads_are_drawn_when_opened(page: Page, dashboard_url):
    """Arriving, a reader is sent each chart alone; its table tab and download menu are drawn
    when opened, and the chart again when its tab is chosen."""
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{dashboard_url}/rotations?lang=en&district=B%E1%BA%AFc%20H%C3%A0")
    wait_until_drawn(page, 2)
    main = page.locator("[data-testid='stMain']")
    expect(main.locator("[data-testid='stDataFrame']")).to_have_count(0)
    main.get_by_role("tab", name="Table").first.click()
    expect(main.locator("[data-testid='stDataFrame']")).to_have_count(1, timeout=TIMEOUT)
    expect(main.locator("[data-testid='stPlotlyChart']")).to_have_count(1, timeout=TIMEOUT)
    main.get_by_role("button", name="Download", exact=True).first.click()
    expect(page.get_by_role("button", name="Download CSV (exactly this table)")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("button", name="Download PNG")).to_be_visible(timeout=TIMEOUT)
    page.keyboard.press("Escape")
    main.get_by_role("tab", name="Chart").first.click()
    wait_until_drawn(page, 2)
    expect(main.locator("[data-testid='stDataFrame']")).to_have_count(0, timeout=TIMEOUT)


def test_the_sidebar_briefing_opens_makes_and_downloads_a_pdf(page: Page, dashboard_url, tmp_path):
    """The briefing's form is drawn when its expander is opened; it makes this page's PDF."""
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{dashboard_url}/rotations?lang=en&district=B%E1%BA%AFc%20H%C3%A0")
    wait_until_drawn(page, 2)
    sidebar = page.locator("[data-testid='stSidebar']")
    expect(sidebar.get_by_role("button", name="Make the briefing")).to_have_count(0)
    sidebar.get_by_text("Briefing (PDF, PowerPoint)").click()
    sidebar.get_by_role("button", name="Make the briefing").click(timeout=TIMEOUT)
    download_button = sidebar.get_by_role("button", name=re.compile(r"^Download briefing-rotations_"))
    with page.expect_download(timeout=120_000) as caught:
        download_button.click(timeout=120_000)
    saved = tmp_path / caught.value.suggested_filename
    caught.value.save_as(saved)
    assert saved.suffix == ".pdf" and saved.read_bytes().startswith(b"%PDF")


def test_copy_link_is_the_rooms_address_of_this_very_view(page: Page, dashboard_url):
    page.goto(f"{dashboard_url}/rotations?lang=en&district=B%E1%BA%AFc%20H%C3%A0")
    wait_until_drawn(page, 2)
    link = page.locator("[data-testid='stSidebar'] [data-testid='stCode']").inner_text().strip()
    parts = urlsplit(link)
    assert parts.hostname == lan_ip() and parts.port == urlsplit(dashboard_url).port
    assert parts.path == "/rotations" and parse_qs(parts.query) == {"lang": ["en"], "district": ["Bắc Hà"]}


@pytest.mark.parametrize("lang,zoom_in", [("vi", "Phóng to"), ("en", "Zoom in")])
def test_chart_toolbar_speaks_the_page_language(page: Page, dashboard_url, lang, zoom_in):
    page.goto(f"{dashboard_url}/poverty?lang={lang}")
    wait_until_drawn(page, 6)  # a chart per province and measure
    chart = page.locator("[data-testid='stPlotlyChart']").first
    chart.hover()
    titles = chart.locator(".modebar-btn").evaluate_all("buttons => buttons.map(b => b.getAttribute('data-title'))")
    assert zoom_in in titles
    assert not any("PNG" in title for title in titles)  # images come from our own buttons, with their context


def test_filters_are_reachable_on_a_phone(page: Page, dashboard_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{dashboard_url}/quotas")
    wait_until_drawn(page, 2)
    districts = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    expect(districts).not_to_be_in_viewport()
    page.get_by_test_id("stExpandSidebarButton").click()
    expect(districts).to_be_in_viewport(timeout=TIMEOUT)
    page.get_by_role("button", name="Remove Bắc Hà").click()
    page.wait_for_url(re.compile(r"district="), timeout=TIMEOUT)
