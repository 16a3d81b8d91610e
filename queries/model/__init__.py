"""The model's SQL files: views.sql and registers.sql for the app's database, store.sql and
register_*.sql for the register store and its import. A file of several statements is split
into named sections (`-- name: <section>` before each), so each step is one readable piece."""

from __future__ import annotations

import functools
import re
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent
SECTION = re.compile(r"^-- name: (\w+)\s*$", re.MULTILINE)
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def text(name: str) -> str:
    """A whole model file, `name` without `.sql`."""
    return (MODEL_DIR / f"{name}.sql").read_text(encoding="utf-8")


@functools.cache
def sections(name: str) -> dict[str, str]:
    """A model file's named sections, each stripped of its `-- name:` line."""
    parts = SECTION.split(text(name))
    return {parts[i]: parts[i + 1].strip() for i in range(1, len(parts), 2)}


def fill(sql: str, **identifiers: str) -> str:
    """`sql` with each `{name}` replaced by an identifier or a generated fragment from the
    register model (never a value); other braces, such as a regex's `{4}`, and comment lines
    stay as they are."""
    return "\n".join(line if line.lstrip().startswith("--")
                     else PLACEHOLDER.sub(lambda m: identifiers.get(m.group(1), m.group(0)), line)
                     for line in sql.split("\n"))


def execute(con, sql: str, params: dict | None = None):
    """Run every statement of `sql` on `con`, each with the parameters it names (DuckDB refuses
    unused ones); returns `con`, positioned on the last statement's result."""
    import duckdb

    params = params or {}
    for statement in duckdb.extract_statements(sql):
        con.execute(statement.query, {k: params[k] for k in statement.named_parameters})
    return con
