"""Browser-test fixtures: a fresh `streamlit run dashboard.py` and Debian's Chromium.

Playwright cannot download its own browser here, so the tests drive /usr/bin/chromium. Without
it they are skipped, unless REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STARTUP_SECONDS = 60


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives the dashboard in a real Chromium (slow)")


def pytest_collection_modifyitems(config, items):
    """Skip (or, with REQUIRE_BROWSER=1, fail) browser tests when Chromium is missing."""
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"REQUIRE_BROWSER=1 but {CHROMIUM} is missing")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not installed (set REQUIRE_BROWSER=1 to fail instead)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_dashboard():
    """A new Streamlit server on a free port; yields its base URL once /_stcore/health answers."""
    port = _free_port()
    log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"dashboard-{port}.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the dashboard did not start; see {log.name}")
            time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture
def fresh_dashboard():
    """A server of its own, for tests about what a brand-new server does on its first visit."""
    with running_dashboard() as url:
        yield url


@pytest.fixture(scope="session")
def dashboard_url():
    with running_dashboard() as url:
        yield url


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """Screenshots for people to look at; outside the repository."""
    path = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/dashboard-screenshots"))
    path.mkdir(parents=True, exist_ok=True)
    return path
