"""What each table and column means, in the reader's language: the data package's
datapackage.json and the SQL console's list of tables both read it from the catalogue.

A column's meaning is `field_<table>.<column>` where a name means something of its own in that
table (`kind` in sources is a source kind, in rotation_moves a rotation kind), else
`field_<column>`. A text pair `X_vi` / `X_en` is described once, as `field_X`, with the language
added (`period_vi`: "the period as the source words it (in Vietnamese)").
"""

from __future__ import annotations

from .i18n import STRINGS, t


def describe_table(table: str, lang: str) -> str | None:
    key = f"table_{table}"
    return t(key, lang) if key in STRINGS else None


def describe_column(table: str, column: str, lang: str) -> str | None:
    """The column's meaning, or None where the catalogue has none (a test keeps that from happening)."""
    for key in (f"field_{table}.{column}", f"field_{column}"):
        if key in STRINGS:
            return t(key, lang)
    stem, _, suffix = column.rpartition("_")
    if suffix in ("vi", "en"):
        for key in (f"field_{table}.{stem}", f"field_{stem}"):
            if key in STRINGS:
                return t(key, lang) + t(f"field_in_{suffix}", lang)
    return None
