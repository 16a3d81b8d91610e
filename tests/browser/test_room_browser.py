"""Room mode in a real Chromium, through the proxy of a room of two processes: a deep link draws
its translated page and charts (every request to the room's port, the link to share the room's),
a register uploaded on the Registers page reaches the process holding that browser's session,
then shows in a session the other process holds, and imports pressed at once on both processes
both land."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from browser_support import TIMEOUT, wait_until_drawn
from queries.sample import generate
from queries.store import Store
from tests.room_support import PASSPHRASE, affinity_cookie, running_room
from ui.network import lan_ip
from ui.room import AFFINITY_COOKIE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    with running_room(tmp_path_factory.mktemp("room-browser") / "store") as running:
        yield running


def worker_of(context, room) -> int:
    """The worker the browser's affinity cookie names."""
    value = next(c["value"] for c in context.cookies(room.url) if c["name"] == AFFINITY_COOKIE)
    return next(port for port in room.workers() if affinity_cookie(port) == value)


def test_a_deep_link_draws_the_translated_page_through_the_proxy(page: Page, room, screenshot_dir):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.set_viewport_size({"width": 1400, "height": 2200})
    page.goto(f"{room.url}/quotas?lang=en")
    wait_until_drawn(page, charts=2)
    expect(page.locator("h1").first).to_have_text("Quotas")
    link = page.locator("[data-testid='stSidebar'] [data-testid='stCode']").inner_text().strip()
    assert link == f"http://{lan_ip()}:{room.port}/quotas?lang=en"
    assert hosts == {f"127.0.0.1:{room.port}"}
    page.screenshot(path=str(screenshot_dir / "room-quotas-en.png"))


def test_an_upload_reaches_its_process_and_the_import_shows_on_the_other(page: Page, room, tmp_path,
                                                                         screenshot_dir):
    files = generate(tmp_path / "sample", seed=5, events=1000, extra_districts=0)
    page.set_viewport_size({"width": 1400, "height": 2400})
    page.goto(f"{room.url}/registers")
    wait_until_drawn(page, charts=0)
    importer = worker_of(page.context, room)

    # A viewer held by the other process is on the Rotations page, registers only.
    other = next(port for port in room.workers() if port != importer)
    viewer_context = page.context.browser.new_context(viewport={"width": 1400, "height": 2400})
    viewer_context.add_cookies([{"name": AFFINITY_COOKIE, "value": affinity_cookie(other), "url": room.url}])
    viewer = viewer_context.new_page()
    viewer.goto(f"{room.url}/rotations?origin=register")
    wait_until_drawn(viewer, charts=0)
    expect(viewer.get_by_text("Chưa nhập sổ đăng ký nào").first).to_be_visible(timeout=TIMEOUT)
    assert worker_of(viewer_context, room) == other

    page.get_by_label("Mật khẩu quản trị").fill(PASSPHRASE)
    page.get_by_label("Mật khẩu quản trị").press("Enter")
    expect(page.get_by_text("Chọn tệp sổ đăng ký (CSV hoặc XLSX)")).to_be_visible(timeout=TIMEOUT)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(files["rotation_events"]))
    expect(page.get_by_role("button", name="Remove generated_rotation_events.csv")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    expect(page.get_by_text("Đã nhập generated_rotation_events.csv: 1000 dòng")).to_be_visible(timeout=TIMEOUT)
    assert worker_of(page.context, room) == importer  # the upload went where the session is
    page.screenshot(path=str(screenshot_dir / "room-registers-imported.png"), full_page=True)

    # The viewer's next interaction, on the other process, counts the register.
    viewer.locator("[data-testid='stSidebar']").get_by_role("link", name="Luân chuyển").click()
    wait_until_drawn(viewer, charts=1)  # the named cases have no register twin
    main = viewer.locator("[data-testid='stMain']")
    expect(main.get_by_text("Bắc Hà (2020-2025): Sổ đăng ký (mẫu)", exact=False).first).to_be_visible(timeout=TIMEOUT)
    assert worker_of(viewer_context, room) == other
    viewer.screenshot(path=str(screenshot_dir / "room-rotations-other-process.png"), full_page=True)
    viewer_context.close()


def test_two_processes_importing_at_once_both_land(page: Page, room, tmp_path):
    """Admins on both processes press import at the same moment: the store's lock lets one write
    at a time, the other waits, and both imports are in the store."""
    files = generate(tmp_path / "sample", seed=9, events=2000, extra_districts=0)
    pages = []
    for port, kind in zip(room.workers(), ("office_holders", "commune_poverty")):
        context = page.context.browser.new_context(viewport={"width": 1400, "height": 2400})
        context.add_cookies([{"name": AFFINITY_COOKIE, "value": affinity_cookie(port), "url": room.url}])
        admin = context.new_page()
        admin.goto(f"{room.url}/registers")
        wait_until_drawn(admin, charts=0)
        admin.get_by_label("Mật khẩu quản trị").fill(PASSPHRASE)
        admin.get_by_label("Mật khẩu quản trị").press("Enter")
        admin.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(files[kind]))
        expect(admin.get_by_role("button", name=f"Remove generated_{kind}.csv")).to_be_visible(timeout=TIMEOUT)
        pages.append((admin, kind))
    for admin, _ in pages:
        admin.get_by_role("button", name="Kiểm tra và nhập").click()
    for admin, kind in pages:
        expect(admin.get_by_text(f"Đã nhập generated_{kind}.csv", exact=False)).to_be_visible(timeout=TIMEOUT)
        admin.context.close()
    assert {"office_holders", "commune_poverty"} <= set(Store(room.store).imports().kind)
