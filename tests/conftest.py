"""Shared fixtures: the bundled database, and where the source articles live.

The register store of every test process (and of every server or command a test starts, which
inherit the environment) is a temporary folder: no test ever touches a developer's real store.
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


def pytest_unconfigure(config):
    shutil.rmtree(TEST_STORE, ignore_errors=True)


@pytest.fixture(scope="session")
def db():
    return database()
