"""Helpers shared by the register, store and sample tests: a database with a temporary store,
imports from disk, the published-size sample, and register files in every accepted encoding."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pandas as pd

from queries.db import Database
from queries.registers import FileReport, RegisterFile
from queries.sample import generate

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # the combining marks Windows-1258 has


def to_cp1258(text: str) -> bytes:
    """Encode Vietnamese as Windows-1258 spells it: precomposed base letters (ă, â, ê, ơ, ư,
    đ ...) followed by a combining tone mark, since cp1258 has no precomposed toned letters."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
            out.append((base + "".join(c for c in parts if c in TONE_MARKS)).encode("cp1258"))
    return b"".join(out)


def xlsx_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    return buffer.getvalue()


def store_database(path: Path) -> Database:
    """A database over the bundle with its own store folder."""
    return Database(store_path=path)


def sample_files(out: Path, **kwargs) -> dict[str, Path]:
    return generate(out, seed=kwargs.get("seed", 1), events=kwargs.get("events", 72),
                    extra_districts=kwargs.get("districts", 0))


def sample_database(root: Path, **kwargs) -> Database:
    """A database whose own store (under `root`) holds the generated sample register."""
    db = store_database(root / "registers")
    for path in sample_files(root / "sample", **kwargs).values():
        import_path(db, path)
    return db


def import_path(db: Database, path: Path, generated: bool = True) -> FileReport:
    """Import one file from disk; its report."""
    return db.import_registers([RegisterFile(path.name, path=path)], generated=generated).files[0]


def import_bytes(db: Database, name: str, data: bytes) -> FileReport:
    return db.import_registers([RegisterFile(name, data=data)]).files[0]
