"""The shared filters: read once from the URL, shown in the sidebar, written back to the URL.

The URL is the state a researcher shares: `?lang=en&present=1&district=Bắc Hà&term=2020-2025
&level=commune&origin=register`. Default values are left out of the URL. Streamlit's
`bind="query-params"` would store translated labels in the URL (and `true` rather than `1`),
so the sync is done here with stable codes; every run re-writes the URL, which also keeps
the filters in the address after a page switch.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from queries.i18n import DEFAULT_LANG, LANGS, t

from .formatting import fold

LEVELS = ("commune", "district", "province", "country")
ORIGIN_CHOICES = {"published": ["published"], "register": ["register"], "both": None}
DEFAULT_ORIGIN = "published"
MULTI_KEYS = ("district", "term", "level")
SEEDED_PAGE = "_filters_seeded_for_page"  # the page whose arrival last read the URL
LABELS_LANG = "_filters_labels_lang"  # the language of the filter labels last sent to the browser
LABELLED_KEYS = ("level", "origin")  # filters whose option labels change with the language


@dataclass(frozen=True)
class Filters:
    """What every page shows: language, presentation mode and the query filters."""

    lang: str
    present: bool
    districts: tuple[str, ...]
    terms: tuple[str, ...]
    area_levels: tuple[str, ...]
    origin: str
    all_terms: tuple[str, ...]

    def query_args(self) -> dict:
        """Keyword arguments for `db.run`: every term selected means no term filter, so
        figures with no term stay visible."""
        return {
            "districts": list(self.districts),
            "terms": None if set(self.terms) == set(self.all_terms) else list(self.terms),
            "area_levels": None if set(self.area_levels) == set(LEVELS) else list(self.area_levels),
            "origins": ORIGIN_CHOICES[self.origin],
        }

    @property
    def registers_only(self) -> bool:
        return self.origin == "register"


def _defaults(db) -> dict:
    return {"lang": DEFAULT_LANG, "present": False, "district": list(db.focus_districts),
            "term": list(db.terms), "level": list(LEVELS), "origin": DEFAULT_ORIGIN}


def _options(db) -> dict:
    return {"district": list(db.districts), "term": list(db.terms), "level": list(LEVELS)}


def seed_from_url(db, page: str) -> list[str]:
    """When a session starts, and whenever the reader arrives on another page, set the filters
    from the URL: a shared address carries them, and so do the navigation links. A key the URL
    leaves out takes its default. Values match without accents or case (`district=thanh tri`).

    Returns the ignored `key=value` pairs, so the caller can say so instead of failing.
    """
    if st.session_state.get(SEEDED_PAGE) == page:
        return []
    st.session_state[SEEDED_PAGE] = page
    params = st.query_params
    defaults = _defaults(db)
    ignored: list[str] = []

    single_values = (("lang", LANGS, str), ("present", ("0", "1"), lambda v: v == "1"),
                     ("origin", ORIGIN_CHOICES, str))
    for key, allowed, to_state in single_values:
        value = params.get(key)
        st.session_state[key] = defaults[key]
        if value is None:
            continue
        if value in allowed:
            st.session_state[key] = to_state(value)
        else:
            ignored.append(f"{key}={value}")
    options = _options(db)
    for key in MULTI_KEYS:
        st.session_state[key] = defaults[key]
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
    with st.sidebar:
        st.segmented_control("Ngôn ngữ · Language", LANGS, key="lang",
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


def url_params(filters: Filters, db) -> dict[str, list[str]]:
    """The URL parameters for `filters`: only the values that differ from the defaults."""
    defaults = _defaults(db)
    current = {"lang": filters.lang, "present": filters.present, "district": list(filters.districts),
               "term": list(filters.terms), "level": list(filters.area_levels), "origin": filters.origin}
    wanted: dict[str, list[str]] = {}
    for key, value in current.items():
        if value == defaults[key]:
            continue
        if key == "present":
            wanted[key] = ["1"]
        elif isinstance(value, list):
            wanted[key] = value or [""]
        else:
            wanted[key] = [value]
    return wanted


def write_url(filters: Filters, db) -> None:
    """Make the address bar show `filters`, touching only parameters that changed."""
    wanted = url_params(filters, db)
    params = st.query_params
    for key in ("lang", "present", *MULTI_KEYS, "origin"):
        if key in wanted:
            if params.get_all(key) != wanted[key]:
                params[key] = wanted[key]
        elif key in params:
            del params[key]


def seed_widget_from_url(key: str, param: str, flag: bool = False) -> None:
    """A page's own widget kept in the URL (the Sources search `?q=…`, its switch `?all=1`): when
    the reader arrives on the page, and so the widget is not in the session yet (Streamlit drops
    the state of widgets a page run did not draw), its value comes from the URL."""
    if key not in st.session_state:
        value = st.query_params.get(param)
        st.session_state[key] = value == "1" if flag else (value or "")


def write_widget_to_url(param: str, value) -> None:
    """Keep `param` in the address bar in step with a page's own widget, so a shared address
    reproduces it; an empty text or a switch turned off leaves the parameter out."""
    text = ("1" if value else "") if isinstance(value, bool) else (value or "").strip()
    if text:
        if st.query_params.get(param) != text:
            st.query_params[param] = text
    elif param in st.query_params:
        del st.query_params[param]
