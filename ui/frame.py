"""The frame every page draws first: page config, language, shared filters and navigation.

Streamlit runs `dashboard.py` (the overview) or a file in `pages/` directly for each URL, so
every page starts with `filters = page_frame("page_…")`. That one call sets the title, reads
the URL when the reader arrives, draws the language switch, the filters and the translated
links to the other pages (carrying the filters), writes the filters back to the address bar,
and shows the full address of the view for the room. Streamlit's own page list is hidden
(`client.showSidebarNavigation = false`): it would show file names, not translated titles.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import streamlit as st

from queries.i18n import t

from .data import get_database
from .filters import seed_from_url, sidebar_filters, write_url
from .network import readable_link, share_link
from .selection import Filters, url_params
from .views import PAGES, url_path
from .widgets import briefing_export

ARRIVED_ON = "_frame_page"  # the page the session's last run was on
ICON = Path(__file__).resolve().parent / "icon.png"  # a local file: nothing is fetched for it


# Always: labels and values wrap instead of being cut with "…", tables never pass the right edge.
APP_CSS = """
<style>
[data-testid="stMetricLabel"] *, [data-testid="stMetricValue"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
[data-testid="stMetricValue"] > div { overflow-wrap: anywhere; }
[data-testid="stDataFrame"] { max-width: 100%; }
</style>
"""
# A projector: no sidebar, no empty band above the title, large type; each chart a slide a screen
# high (ui/widgets.py chart_slides), snapped to the top of the screen; the room's link last, large.
PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"] { display: none; }
[data-testid="stMainBlockContainer"] { padding-top: 0.5rem !important; }
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
[data-testid="stMetricValue"] { font-size: 2.4rem; }
h1 { font-size: 1.5rem !important; padding: 0 !important; }
h2, h3 { font-size: 1.6rem !important; }
[data-testid="stMain"] { scroll-snap-type: y proximity; }
*:has(> [class*="st-key-slide_"]) { height: 100vh; min-height: 600px; scroll-snap-align: start; }
[class*="st-key-slide_"] [data-testid="stElementContainer"][class*="_chart_"] { flex: 1 1 0; min-height: 0; }
[class*="st-key-slide_"] { padding-bottom: 0.6rem; padding-top: 0.4rem; gap: 0.4rem; }
.slide-title { font-size: 1.6rem; font-weight: 700; margin: 0; padding: 0; line-height: 1.3; }
.slide-number { font-size: 22px; margin: 0.2rem 0 0 0; line-height: 1.35; }
[class*="st-key-slide_"] [data-testid="stCaptionContainer"], [class*="st-key-slide_"] [data-testid="stCaptionContainer"] * {
  font-size: 18px; color: #333; line-height: 1.35; }
.st-key-exit_present { position: fixed; top: 0.3rem; right: 0.5rem; z-index: 100; }
*:has(> .st-key-room_link) { order: 999; }
.st-key-room_link { min-height: 100vh; justify-content: center; }
.st-key-room_link code { font-size: 2.2rem !important; line-height: 1.3; white-space: pre-wrap !important;
  overflow-wrap: anywhere; }
</style>
"""
# PageDown / space brings the next slide's top to the top of the screen, PageUp the one before;
# the address keeps the slide (#slide-2), so a reload or a shared address opens on it.
SLIDES_JS = """
<script>
(() => {
  if (window.parent.__dashboardSlides) return;
  const win = window.parent, doc = win.document;
  win.__dashboardSlides = true;
  const slides = () => [...doc.querySelectorAll('[class*="st-key-slide_"]')];
  const go = (slide) => { if (slide) slide.scrollIntoView({block: "start"}); };
  doc.addEventListener("keydown", (event) => {
    const all = slides();
    const typing = event.target.closest && event.target.closest("input, textarea, [contenteditable]");
    if (!all.length || typing || event.altKey || event.ctrlKey || event.metaKey) return;
    const tops = all.map((slide) => slide.getBoundingClientRect().top);
    let target;
    if (event.key === "PageDown" || (event.key === " " && !event.shiftKey)) {
      target = all[tops.findIndex((top) => top > 2)];
    } else if (event.key === "PageUp" || (event.key === " " && event.shiftKey)) {
      const before = tops.map((top, i) => [top, i]).filter(([top]) => top < -2);
      target = before.length ? all[before[before.length - 1][1]] : undefined;
    }
    if (target) { event.preventDefault(); go(target); return; }
    const main = doc.querySelector('[data-testid="stMain"]');  // past the slides: the page scrolls on
    const step = {PageDown: 0.9, PageUp: -0.9, " ": event.shiftKey ? -0.9 : 0.9}[event.key];
    if (main && step) { event.preventDefault(); main.scrollBy({top: step * main.clientHeight}); }
  }, true);
  let timer;
  doc.addEventListener("scroll", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const index = slides().findIndex((slide) => Math.abs(slide.getBoundingClientRect().top) < 4);
      if (index >= 0) win.history.replaceState(win.history.state, "",
        win.location.pathname + win.location.search + "#slide-" + (index + 1));
    }, 200);
  }, true);
  const wanted = /^#slide-(\\d+)$/.exec(win.location.hash);
  if (wanted) {
    let tries = 0;
    const seek = setInterval(() => {
      const slide = slides()[Number(wanted[1]) - 1];
      if (slide && doc.querySelectorAll(".js-plotly-plot").length) { clearInterval(seek); go(slide); }
      if (++tries > 100) clearInterval(seek);
    }, 100);
  }
})();
</script>
"""


def _stop_presenting() -> None:
    st.session_state["present"] = False


def _page_state_from_url(page_params: dict[str, tuple[str, object]]) -> None:
    """Set this page's own widgets (`page_params`: URL name -> (widget key, default)) from the URL."""
    for name, (key, default) in page_params.items():
        value = st.query_params.get(name)
        if isinstance(default, bool):
            st.session_state[key] = value == "1" if value is not None else default
        else:
            st.session_state[key] = value if value is not None else default


def _page_state_params(page_params: dict[str, tuple[str, object]]) -> dict[str, list[str]]:
    """This page's own widgets as URL parameters, defaults left out."""
    wanted = {}
    for name, (key, default) in page_params.items():
        value = st.session_state.get(key, default)
        if value != default:
            wanted[name] = ["1"] if value is True else [str(value)]
    return wanted


def page_frame(title_key: str, page_params: dict[str, tuple[str, object]] | None = None) -> Filters:
    """Draw the shared frame of the page titled `title_key`; returns the filters it shows.

    `page_params` names the page's own widgets that belong in its address (the Sources page's
    search: `{"q": ("sources_search", "")}`): read when the reader arrives, written back on
    every run, and part of the link for the room.
    """
    page_params = page_params or {}
    db = get_database()
    ignored = []
    if st.session_state.get(ARRIVED_ON) != title_key:  # a new session, or the reader changed page
        st.session_state[ARRIVED_ON] = title_key
        ignored = seed_from_url(db)
        _page_state_from_url(page_params)
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
    own = _page_state_params(page_params)
    write_url({**params, **own}, page_params)
    link = share_link(st.context.url, st.get_option("server.port"), url_path(title_key), {**params, **own})
    with st.sidebar:
        if db.store_error is not None:  # the app runs on the bundled data; say why registers are missing
            st.warning(db.store_error.message(lang), icon=":material/database_off:")
        st.caption(t("copy_link", lang))
        st.code(readable_link(link), language=None, wrap_lines=True)
        filters = dataclasses.replace(filters, link=link)
        briefing_export(title_key, filters)
    st.html(APP_CSS)  # style only: takes no room on the page
    if filters.present:
        st.html(PRESENTATION_CSS)
        st.html(SLIDES_JS, unsafe_allow_javascript=True)
        st.button(t("exit_present", lang), on_click=_stop_presenting, icon=":material/close_fullscreen:",
                  key="exit_present")
        with st.container(key="room_link"):  # drawn last on the screen (PRESENTATION_CSS: order)
            st.markdown(f"### {t('copy_link', lang)}")
            st.code(readable_link(link), language=None, wrap_lines=True)
    return filters
