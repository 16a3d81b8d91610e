"""The registers page in a real Chromium: a bad file is refused with its problems listed, a
generated register of a few thousand rows imports, and a second browser session, already
viewing the Rotations page on the same server, sees the new figures at its next interaction,
without a restart."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from queries.sample import generate

pytestmark = pytest.mark.browser

PASSPHRASE = "correct horse battery staple"
TIMEOUT = 60_000


def _browser_conftest():
    """tests/browser/conftest.py as pytest loaded it (the directory is not a package)."""
    path = str(Path(__file__).with_name("conftest.py"))
    return next(m for m in list(sys.modules.values()) if getattr(m, "__file__", None) == path)


@pytest.fixture
def registers_dashboard(tmp_path, monkeypatch):
    """A server of its own with a temporary store and an admin passphrase."""
    monkeypatch.setenv("DASHBOARD_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("DASHBOARD_ADMIN_PASSPHRASE", PASSPHRASE)
    with _browser_conftest().running_dashboard() as url:
        yield url


def settled(page: Page) -> None:
    expect(page.locator("h1").first).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0, timeout=TIMEOUT)


def upload(page: Page, path: Path) -> None:
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
    # Wait for this file's own chip: the previous file's chip can linger while the new one uploads.
    expect(page.get_by_role("button", name=f"Remove {path.name}")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("[data-testid='stFileChipName']")).to_have_count(1, timeout=TIMEOUT)
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    settled(page)


def rotation_totals(events: pd.DataFrame) -> pd.Series:
    starts = pd.to_datetime(events.start_date)
    terms = pd.cut(starts, pd.to_datetime(["2010-07-01", "2015-07-01", "2020-07-01", "2025-07-01"]),
                   right=False, labels=["2010-2015", "2015-2020", "2020-2025"])
    return events.groupby([events.district, terms], observed=True).size()


def test_an_import_through_the_page_reaches_a_second_session_without_a_restart(page: Page, registers_dashboard,
                                                                                 tmp_path, screenshot_dir):
    files = generate(tmp_path / "sample", seed=5, events=3000, extra_districts=0)
    events = pd.read_csv(files["rotation_events"])
    bad = tmp_path / "bad_rotations.csv"
    events.head(3).assign(district=["Bắc Hà", "Hà Giang", "Bắc Hà"]).to_csv(bad, index=False)
    page.set_viewport_size({"width": 1400, "height": 2400})

    # A viewer in another browser session is on the Rotations page, showing registers only.
    viewer_context = page.context.browser.new_context(viewport={"width": 1400, "height": 2400})
    viewer = viewer_context.new_page()
    viewer.goto(f"{registers_dashboard}/rotations?origin=register")
    settled(viewer)
    expect(viewer.get_by_text("Chưa nhập sổ đăng ký nào").first).to_be_visible(timeout=TIMEOUT)

    page.goto(f"{registers_dashboard}/registers")
    settled(page)
    expect(page.locator("h1").first).to_have_text("Sổ đăng ký")
    page.get_by_label("Mật khẩu quản trị").fill(PASSPHRASE)
    page.get_by_label("Mật khẩu quản trị").press("Enter")
    expect(page.get_by_text("Chọn tệp sổ đăng ký (CSV hoặc XLSX)")).to_be_visible(timeout=TIMEOUT)

    upload(page, bad)
    expect(page.get_by_text("bad_rotations.csv: 1 lỗi. Chưa ghi gì vào kho.")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Huyện 'Hà Giang' không có trong danh sách huyện")).to_be_attached()  # a grid cell
    expect(page.get_by_text("Chưa có lần nhập nào.")).to_be_visible()

    upload(page, files["rotation_events"])
    expect(page.get_by_text("Đã nhập generated_rotation_events.csv: 3000 dòng")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Mã hoá: UTF-8 · Phân cách: dấu phẩy", exact=False)).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "registers-imported.png"), full_page=True)

    # The viewer's next interaction (the Rotations link in its sidebar) counts the register: each
    # district-term total, as imported. Same server, same session, no restart.
    viewer.locator("[data-testid='stSidebar']").get_by_role("link", name="Luân chuyển").click()
    settled(viewer)
    body = viewer.locator("[data-testid='stMain']")
    expect(body.get_by_text("Bắc Hà (2020-2025)", exact=False).first).to_be_visible(timeout=TIMEOUT)
    text = body.inner_text()
    totals = rotation_totals(events)
    for (district, term), total in totals.items():
        assert f"{district} ({term}): " in text, (district, term)
        line = next(line for line in text.splitlines() if line.startswith(f"{district} ({term}): "))
        assert f" {total:,}".replace(",", ".") in line, (line, total)
    assert totals[("Bắc Hà", "2020-2025")] == 54  # the published cell stays exact at any size
    expect(viewer.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=TIMEOUT)
    viewer.screenshot(path=str(screenshot_dir / "rotations-from-register-second-session.png"), full_page=True)
    viewer_context.close()
