"""Browser-test fixtures: a fresh `streamlit run dashboard.py` and Debian's Chromium.

Playwright cannot download its own browser here, so the tests drive /usr/bin/chromium. Without
it they are skipped, unless REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import pytest

from benchmarks.server import streamlit_server

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STARTUP_SECONDS = 60


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


@contextlib.contextmanager
def running_dashboard():
    """A new Streamlit server on a free port; yields its base URL once /_stcore/health answers."""
    log = Path(tempfile.mkstemp(prefix="dashboard-", suffix=".log")[1])
    with streamlit_server(ROOT / "dashboard.py", timeout=STARTUP_SECONDS, log_path=log) as (_, port, _):
        yield f"http://127.0.0.1:{port}"


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
