"""Cached access to the named queries and the pages' views: one database per process, query
results and built views shared by every session of the process.

A room opens the same link at the same moment: without sharing, every session would run the
same queries and build the same figures again. Results and views are kept as they are
(`st.cache_resource`: no pickling, no copy per hit), keyed by the store snapshot, so an import
is never answered from the cache. Neither is ever changed once built: pandas copies on write,
and presentation mode and exports draw copies of a figure.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from queries import database
from queries.i18n import DEFAULT_LANG

from .charts import SharedFigure
from .formatting import in_language
from .selection import Filters
from .views import PageView, page_view

# Queries whose results grow with districts and communes (tens of thousands of rows at 10m
# events): cached apart and fewer, so memory stops growing with every filter combination.
LARGE_QUERIES = frozenset({"facts", "poverty_series", "register_vs_published"})


@st.cache_resource
def _process_database():
    db = database()
    db.fill_ahead()  # many viewers, each choosing other filters
    return db


def get_database():
    """The process-wide database (thread-safe; built once), with the register store's newest
    snapshot copied in: an import from this or any other process shows at the next run."""
    db = _process_database()
    db.sync_store()
    return db


def _run(name: str, districts, terms, area_levels, origins, snapshot) -> pd.DataFrame:
    as_list = lambda v: None if v is None else list(v)  # noqa: E731
    return get_database().run(name, districts=as_list(districts), terms=as_list(terms),
                              area_levels=as_list(area_levels), origins=as_list(origins), plain=True)


@st.cache_resource(max_entries=256, ttl=600, show_spinner=False)
def _cached_run(name: str, districts, terms, area_levels, origins, snapshot) -> pd.DataFrame:
    return _run(name, districts, terms, area_levels, origins, snapshot)


@st.cache_resource(max_entries=32, ttl=600, show_spinner=False)
def _cached_large_run(name: str, districts, terms, area_levels, origins, snapshot) -> pd.DataFrame:
    return _run(name, districts, terms, area_levels, origins, snapshot)


def run_query(name: str, districts=None, terms=None, area_levels=None, origins=None, *,
              lang: str | None = None) -> pd.DataFrame:
    """`db.run` with hashable arguments, cached per store snapshot (a new import is never
    answered from the cache), except a "whole:" or "whole per:" query, whose rows `db.run` keeps
    from the snapshot's result held in memory (`Database.kept_rows`). Text comes as Python objects
    (`queries.db.plain_text`): a view's pandas steps cost less on them. The
    caller gets its own frame (pandas copies on write, so
    changing it never changes the cached one), with each text also under its plain name in the
    reader's language (`period` from `period_vi` / `period_en`, see `in_language`). `lang`
    defaults to the session's language, which `page_frame` sets."""
    as_tuple = lambda v: None if v is None else tuple(v)  # noqa: E731
    db = get_database()
    query = db.queries.get(name)
    if query is not None and (query.whole or query.whole_per):  # rows kept from the snapshot's result held in
        frame = _run(name, districts, terms, area_levels, origins, db.snapshot)  # memory: cheaper than a cache's lookup
    else:
        cached = _cached_large_run if name in LARGE_QUERIES else _cached_run
        frame = cached(name, as_tuple(districts), as_tuple(terms), as_tuple(area_levels), as_tuple(origins),
                       db.snapshot)
    localised = in_language(frame, lang or st.session_state.get("lang", DEFAULT_LANG))
    return frame.copy(deep=False) if localised is frame else localised


@st.cache_resource(max_entries=128, ttl=600, show_spinner=False)
def _cached_view(page: str, filters: Filters, store: str, snapshot) -> PageView:
    view = page_view(page, filters, run_query)
    for section in view.sections:
        if section.chart and section.chart.figure is not None:
            SharedFigure.share(section.chart.figure)
    return view


def shared_view(page: str, filters: Filters) -> PageView:
    """What the page titled `page` shows for `filters`, built once per page, filter values,
    language, data source and store snapshot, and shared by every session of this process (the
    first session builds it, the others arriving meanwhile wait for it). The share link and
    presentation mode are not part of a view: they change only how it is drawn."""
    db = get_database()
    plain = dataclasses.replace(filters, link="", present=False)
    return _cached_view(page, plain, str(db.store.path), db.snapshot)
