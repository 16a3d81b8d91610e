"""The dashboard's router: page config, language and shared filters, navigation, then the page.

Why `st.navigation` with pages in `app_pages/`, not a `pages/` folder: a folder named `pages/`
beside the entry script makes Streamlit run its legacy multipage mode, so on a fresh server a
shared link such as `/quotas?...` runs that page alone, without this router, the shared filters
and the translated navigation. Never create a `pages/` directory.

Run: .venv/bin/streamlit run dashboard.py
"""

from __future__ import annotations

import streamlit as st

from ui.data import get_database
from ui.filters import seed_from_url, sidebar_filters, write_url
from ui.i18n import t
from ui.network import share_url

PAGES = (  # (file, title key, url path, icon)
    ("app_pages/overview.py", "page_overview", None, ":material/dashboard:"),
    ("app_pages/rotations.py", "page_rotations", "rotations", ":material/sync_alt:"),
    ("app_pages/poverty.py", "page_poverty", "poverty", ":material/trending_down:"),
    ("app_pages/quotas.py", "page_quotas", "quotas", ":material/flag:"),
    ("app_pages/sources.py", "page_sources", "sources", ":material/menu_book:"),
    ("app_pages/registers.py", "page_registers", "registers", ":material/upload_file:"),
)

PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] { display: none; }
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
[data-testid="stMetricValue"] { font-size: 3rem; }
h1 { font-size: 3rem !important; }
</style>
"""


def stop_presenting() -> None:
    st.session_state["present"] = False


st.set_page_config(page_title="Luân chuyển cán bộ · Cadre rotation", page_icon=":material/groups:",
                   layout="wide")
db = get_database()
ignored = seed_from_url(db)
filters = sidebar_filters(db)
st.session_state["_filters"] = filters
lang = filters.lang
if ignored:
    st.toast(t("url_ignored", lang, items=", ".join(ignored)), icon=":material/warning:")

pages = [st.Page(path, title=t(title_key, lang), icon=icon, url_path=url_path, default=url_path is None)
         for path, title_key, url_path, icon in PAGES]
page = st.navigation(pages)
write_url(filters, db)

with st.sidebar:
    if db.store_error is not None:  # the app runs on the bundled data; say why registers are missing
        st.warning(db.store_error.message(lang), icon=":material/database_off:")
    port = st.get_option("server.port")
    st.caption(f"{t('share_address', lang)}:")
    st.code(share_url(port), language=None)
if filters.present:
    st.markdown(PRESENTATION_CSS, unsafe_allow_html=True)
    st.button(t("exit_present", lang), on_click=stop_presenting, icon=":material/close_fullscreen:",
              key="exit_present")

page.run()
