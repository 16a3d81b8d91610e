"""Named DuckDB queries over the cited district data.

    from queries import run, list_queries
    run("facts", districts=["Bắc Hà"], terms=["2020-2025"])

Each queries/*.sql file is one named query with `$name` parameters; `run` binds them,
never formats them into SQL. The default database is built once per process from data/.
"""

from __future__ import annotations

import threading

import pandas as pd

from .db import Database, NamedQuery, named_queries
from .errors import BadParameter, BundleError, DashboardError, QueryFailed, UnknownQuery

__all__ = [
    "BadParameter", "BundleError", "DashboardError", "Database", "NamedQuery", "QueryFailed",
    "UnknownQuery", "database", "list_queries", "run",
]

_default: Database | None = None
_default_lock = threading.Lock()


def database() -> Database:
    """The process-wide database over the bundled data, built on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Database()
        return _default


def run(name: str, **filters) -> pd.DataFrame:
    """Run a named query on the default database."""
    return database().run(name, **filters)


def list_queries() -> list[NamedQuery]:
    return list(named_queries().values())
