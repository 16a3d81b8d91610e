"""The shared filters: read once from the URL, shown in the sidebar, written back to the URL.

The URL is the state a researcher shares: `?lang=en&present=1&district=Bắc Hà&term=2020-2025
&level=commune&origin=register`. Default values are left out of the URL. Streamlit's
`bind="query-params"` would store translated labels in the URL (and `true` rather than `1`),
so the sync is done here with stable codes; every run re-writes the URL, which also keeps
the filters in the address after a page switch.
"""

from __future__ import annotations

import streamlit as st

from queries.i18n import LANGS, t

from .formatting import fold
from .selection import LEVELS, ORIGIN_CHOICES, Filters, defaults

MULTI_KEYS = ("district", "term", "level")
URL_KEYS = ("lang", "present", *MULTI_KEYS, "origin")  # the shared filters' URL parameters
LABELS_LANG = "_filters_labels_lang"  # the language of the filter labels last sent to the browser
LABELLED_KEYS = ("level", "origin")  # filters whose option labels change with the language


def _options(db) -> dict:
    return {"district": list(db.districts), "term": list(db.terms), "level": list(LEVELS)}


def seed_from_url(db) -> list[str]:
    """Set the filters from the URL (when a session starts, and whenever the reader arrives on
    another page: a shared address carries them, and so do the navigation links). A key the URL
    leaves out takes its default. Values match without accents or case (`district=thanh tri`).

    Returns the ignored `key=value` pairs, so the caller can say so instead of failing.
    """
    params = st.query_params
    start = defaults(db)
    ignored: list[str] = []

    single_values = (("lang", LANGS, str), ("present", ("0", "1"), lambda v: v == "1"),
                     ("origin", ORIGIN_CHOICES, str))
    for key, allowed, to_state in single_values:
        value = params.get(key)
        st.session_state[key] = start[key]
        if value is None:
            continue
        if value in allowed:
            st.session_state[key] = to_state(value)
        else:
            ignored.append(f"{key}={value}")
    options = _options(db)
    for key in MULTI_KEYS:
        st.session_state[key] = start[key]
        if key not in params:
            continue
        values = [v for v in params.get_all(key) if v != ""]
        by_folded = {fold(option): option for option in options[key]}
        valid = [by_folded[fold(v)] for v in values if fold(v) in by_folded]
        ignored += [f"{key}={v}" for v in values if fold(v) not in by_folded]
        if valid or not values:  # `?district=` (empty) means an empty selection
            st.session_state[key] = [option for option in options[key] if option in valid]
    return ignored


def sidebar_filters(db) -> Filters:
    """The language switch, presentation mode and query filters, in the sidebar."""
    # A run interrupted by a newer one (many viewers, quick clicks) may leave a key unset: the
    # defaults then stand in, never a KeyError.
    for key, value in defaults(db).items():
        st.session_state.setdefault(key, value)
    with st.sidebar:
        # Each language is named in itself, so a reader of either can find theirs.
        st.segmented_control(t("language", st.session_state["lang"]), LANGS, key="lang",
                             format_func={"vi": "Tiếng Việt", "en": "English"}.get,
                             required=True)
        lang = st.session_state["lang"]
        if st.session_state.get(LABELS_LANG) != lang:
            # A widget's value travels to and from the browser as its labels: after a language
            # switch the browser would send back labels that no longer exist. Setting the values
            # again sends the new labels.
            st.session_state[LABELS_LANG] = lang
            for key in LABELLED_KEYS:
                st.session_state[key] = st.session_state[key]
        level_labels = {level: t(f"level_{level}", lang) for level in LEVELS}
        st.toggle(t("present_mode", lang), key="present")
        st.subheader(t("filters", lang))
        st.multiselect(t("districts", lang), _options(db)["district"], key="district")
        st.multiselect(t("terms", lang), _options(db)["term"], key="term", help=t("all_terms_note", lang))
        st.multiselect(t("area_levels", lang), list(LEVELS), key="level", format_func=level_labels.get)
        st.radio(t("data_source", lang), list(ORIGIN_CHOICES), key="origin",
                 format_func=lambda o: t(f"origin_{o}", lang))
    return Filters(
        lang=lang,
        present=bool(st.session_state["present"]),
        districts=tuple(st.session_state["district"]),
        terms=tuple(st.session_state["term"]),
        area_levels=tuple(st.session_state["level"]),
        origin=st.session_state["origin"],
        all_terms=tuple(db.terms),
    )


def write_url(wanted: dict[str, list[str]], page_names=()) -> None:
    """Make the address bar show `wanted` (the filters' and the page's own parameters, defaults
    left out), touching only the parameters that changed."""
    params = st.query_params
    for key in (*URL_KEYS, *page_names):
        if key in wanted:
            if params.get_all(key) != wanted[key]:
                params[key] = wanted[key]
        elif key in params:
            del params[key]
