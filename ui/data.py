"""Cached access to the named queries: one database per process, short-lived query results."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from queries import database
from queries.i18n import DEFAULT_LANG

from .formatting import in_language

# Queries whose results grow with districts and communes (tens of thousands of rows at 10m
# events): cached apart and fewer, so memory stops growing with every filter combination.
LARGE_QUERIES = frozenset({"facts", "poverty_series", "register_vs_published"})


@st.cache_resource
def _process_database():
    return database()


def get_database():
    """The process-wide database (thread-safe; built once), with the register store's newest
    snapshot copied in: an import from this or any other process shows at the next run."""
    db = _process_database()
    db.sync_store()
    return db


def _run(name: str, districts, terms, area_levels, origins, snapshot) -> pd.DataFrame:
    as_list = lambda v: None if v is None else list(v)  # noqa: E731
    return get_database().run(name, districts=as_list(districts), terms=as_list(terms),
                              area_levels=as_list(area_levels), origins=as_list(origins))


@st.cache_data(max_entries=256, ttl=600, show_spinner=False)
def _cached_run(name: str, districts, terms, area_levels, origins, snapshot) -> pd.DataFrame:
    return _run(name, districts, terms, area_levels, origins, snapshot)


@st.cache_data(max_entries=32, ttl=600, show_spinner=False)
def _cached_large_run(name: str, districts, terms, area_levels, origins, snapshot) -> pd.DataFrame:
    return _run(name, districts, terms, area_levels, origins, snapshot)


def run_query(name: str, districts=None, terms=None, area_levels=None, origins=None, *,
              lang: str | None = None) -> pd.DataFrame:
    """`db.run` with hashable arguments, cached per store snapshot (a new import is never
    answered from the cache); the caller gets its own copy, with each text also under its plain
    name in the reader's language (`period` from `period_vi` / `period_en`, see `in_language`).
    `lang` defaults to the session's language, which `page_frame` sets."""
    as_tuple = lambda v: None if v is None else tuple(v)  # noqa: E731
    cached = _cached_large_run if name in LARGE_QUERIES else _cached_run
    snapshot = get_database().snapshot
    frame = cached(name, as_tuple(districts), as_tuple(terms), as_tuple(area_levels), as_tuple(origins), snapshot)
    localised = in_language(frame, lang or st.session_state.get("lang", DEFAULT_LANG))
    return frame.copy() if localised is frame else localised
