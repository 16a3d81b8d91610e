"""Shared fixtures: the bundled database, and where the source articles live."""

from __future__ import annotations

from pathlib import Path

import pytest

from queries import database

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
REFERENCE = ROOT.parent / "shared" / "reference"


@pytest.fixture(scope="session")
def db():
    return database()
