"""The SQL console's Streamlit side: whether it is on, the process's console, cached results.

The console is off unless the server's administrator turns it on: `sql_console = true` in
`.streamlit/secrets.toml`, or DASHBOARD_SQL_CONSOLE=1. The setting is read here, never below
ui/. A result is cached by the console (queries/console.py, ResultCache) per query text, filters
and store snapshot, so a rerun of the page (a click elsewhere, a language switch) does not run
the query again.
"""

from __future__ import annotations

import streamlit as st

from queries.console import Console, ConsoleResult

from .access import server_setting
from .data import get_database

CONSOLE_ENV = "DASHBOARD_SQL_CONSOLE"
ON = ("1", "true", "yes", "on")


def console_enabled() -> bool:
    """`sql_console` in Streamlit secrets, else the environment's DASHBOARD_SQL_CONSOLE."""
    return str(server_setting("sql_console", CONSOLE_ENV) or "").strip().lower() in ON


@st.cache_resource
def process_console() -> Console:
    """One console per server process: its database file is written once per store snapshot."""
    return Console(get_database())


def run_console(sql: str, params: dict) -> ConsoleResult:
    """`Console.run_cached` on the process's console. Raises ConsoleBusy, which is not cached."""
    return process_console().run_cached(sql, params)
