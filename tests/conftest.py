"""Shared fixtures: the bundled database, and where the source articles live.

The register store of every test process (and of every server or command a test starts, which
inherit the environment) is a temporary folder: no test ever touches a developer's real store.
The SQL console is on for them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from queries import database

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
REFERENCE = ROOT.parent / "shared" / "reference"
TEST_STORE = Path(tempfile.mkdtemp(prefix="dashboard-test-store-"))
os.environ["DASHBOARD_STORE"] = str(TEST_STORE / "registers")
# The SQL console is off unless enabled: on for every page, server and browser the tests start
# (tests/test_console.py turns it off to see the page say so).
os.environ["DASHBOARD_SQL_CONSOLE"] = "1"


def pytest_unconfigure(config):
    shutil.rmtree(TEST_STORE, ignore_errors=True)


@pytest.fixture(scope="session")
def db():
    return database()
