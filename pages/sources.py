"""Sources: every figure with its citation, searchable without accents, and the list of sources."""

from __future__ import annotations

import streamlit as st

from ui.data import run_query
from ui.frame import page_frame
from ui.formatting import format_number, matching, search_text
from queries.i18n import t
from ui.widgets import (FIGURE_COLUMNS, MAX_SHOWN_ROWS, display_table, download_button, download_name, nothing_to_show, page_header,
                        with_shown_values)

filters = page_frame("page_sources")
lang = filters.lang
header = st.container()  # drawn first, filled once the figures (and their origins) are known
everywhere = st.toggle(t("sources_everywhere", lang), key="sources_everywhere")
args = {**filters.query_args(), **({"districts": None} if everywhere else {})}
facts = with_shown_values(run_query("facts", **args), lang)  # search finds "53,1" too
with header:
    page_header(filters, "page_sources", "sources_intro", facts["generated"])

query = st.text_input(t("search", lang), key="sources_search", placeholder="dien bien, ho ngheo, 53,1 …")
metric_column = "metric_en" if lang == "en" else "metric_vi"
if query:
    facts = facts[matching(query, search_text(facts))]

st.subheader(t("figures", lang))
if not nothing_to_show(filters, facts, needs=("districts", "terms", "area_levels")):
    st.caption(t("n_figures", lang, n=len(facts)))
    table = display_table(facts, {metric_column: "metric", **FIGURE_COLUMNS, "note": "note",
                                  "source_file": "file"}, lang)
    if len(table) > MAX_SHOWN_ROWS:  # tens of thousands of rows would stall the browser
        st.caption(t("rows_capped", lang, shown=format_number(MAX_SHOWN_ROWS, lang),
                     n=format_number(len(table), lang)))
    st.dataframe(table.head(MAX_SHOWN_ROWS), hide_index=True, key="sources_table",
                 column_config={t("url", lang): st.column_config.LinkColumn()})
    download_button(table, download_name(t("figures", lang), filters, "csv"), "sources_download", lang)

st.subheader(t("sources_list", lang))
sources = run_query("sources")
sources_table = display_table(sources, {
    "source_id": "source", "kind": "kind", "publisher": "publisher", "published_display": "published_on",
    "title": "title", "url": "url", "file": "file", "figures": "figures"}, lang)
st.dataframe(sources_table, hide_index=True, key="sources_list_table",
             column_config={t("url", lang): st.column_config.LinkColumn()})
download_button(sources_table, download_name(t("sources_list", lang), filters, "csv"), "sources_list_download", lang)
