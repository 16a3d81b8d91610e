"""The frame every page draws first: page config, language, shared filters and navigation.

Streamlit runs `dashboard.py` (the overview) or a file in `pages/` directly for each URL, so
every page starts with `filters = page_frame("page_…")`. That one call sets the title, reads
the URL once per session, draws the language switch, the filters and the translated links to
the other pages (carrying the filters), and writes the filters back to the address bar.
Streamlit's own page list is hidden (`client.showSidebarNavigation = false`): it would show
file names, not translated titles.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from queries.i18n import t

from .data import get_database
from .filters import Filters, seed_from_url, sidebar_filters, url_params, write_url
from .network import share_url

ICON = Path(__file__).resolve().parent / "icon.png"  # a local file: nothing is fetched for it
PAGES = (  # (script, title key, icon), in the order of the navigation
    ("dashboard.py", "page_overview", ":material/dashboard:"),
    ("pages/rotations.py", "page_rotations", ":material/sync_alt:"),
    ("pages/poverty.py", "page_poverty", ":material/trending_down:"),
    ("pages/quotas.py", "page_quotas", ":material/flag:"),
    ("pages/sources.py", "page_sources", ":material/menu_book:"),
    ("pages/registers.py", "page_registers", ":material/upload_file:"),
)

PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] { display: none; }
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
[data-testid="stMetricValue"] { font-size: 3rem; }
h1 { font-size: 3rem !important; }
</style>
"""


def _stop_presenting() -> None:
    st.session_state["present"] = False


def page_frame(title_key: str) -> Filters:
    """Draw the shared frame of the page titled `title_key`; returns the filters it shows."""
    db = get_database()
    ignored = seed_from_url(db, title_key)
    navigation = st.sidebar.container()  # on top, filled once the filters it carries are known
    filters = sidebar_filters(db)
    lang = filters.lang
    st.set_page_config(page_title=f"{t(title_key, lang)} · {t('app_short', lang)}", page_icon=str(ICON),
                       layout="wide")
    if ignored:
        st.toast(t("url_ignored", lang, items=", ".join(ignored)), icon=":material/warning:")
    params = url_params(filters, db)
    with navigation:
        for script, key, icon in PAGES:
            st.page_link(script, label=t(key, lang), icon=icon, query_params=params)
    with st.sidebar:
        if db.store_error is not None:  # the app runs on the bundled data; say why registers are missing
            st.warning(db.store_error.message(lang), icon=":material/database_off:")
        st.caption(f"{t('share_address', lang)}:")
        st.code(share_url(st.get_option("server.port")), language=None)
    write_url(filters, db)
    if filters.present:
        st.markdown(PRESENTATION_CSS, unsafe_allow_html=True)
        st.button(t("exit_present", lang), on_click=_stop_presenting, icon=":material/close_fullscreen:",
                  key="exit_present")
    return filters
