"""Sources: every figure with its citation, searchable without accents, and the list of sources."""

from __future__ import annotations

import streamlit as st

from ui.data import run_query
from ui.filters import current
from ui.formatting import matches
from ui.i18n import t
from ui.widgets import FIGURE_COLUMNS, display_table, download_button, nothing_to_show, page_header, with_shown_values

filters = current()
lang = filters.lang
facts = run_query("facts", **filters.query_args())
page_header(filters, "page_sources", "sources_intro", facts["generated"])

query = st.text_input(t("search", lang), key="sources_search", placeholder="dien bien, ho ngheo, 53,1 …")
metric_column = "metric_en" if lang == "en" else "metric_vi"
if query:
    searched = [" ".join(str(v) for v in row.values) for _, row in facts.iterrows()]
    facts = facts[[matches(query, text) for text in searched]]

st.subheader(t("figures", lang))
if not nothing_to_show(filters, facts, needs=("districts", "terms", "area_levels")):
    st.caption(t("n_figures", lang, n=len(facts)))
    facts = with_shown_values(facts, lang)
    table = display_table(facts, {metric_column: "metric", **FIGURE_COLUMNS, "note": "note",
                                  "source_file": "file"}, lang)
    st.dataframe(table, hide_index=True, key="sources_table",
                 column_config={t("url", lang): st.column_config.LinkColumn()})
    download_button(table, "so-lieu-va-nguon" if lang == "vi" else "figures-and-sources", "sources_download", lang)

st.subheader(t("sources_list", lang))
sources = run_query("sources")
sources_table = display_table(sources, {
    "source_id": "source", "kind": "kind", "publisher": "publisher", "published_display": "published_on",
    "title": "title", "url": "url", "file": "file", "figures": "figures"}, lang)
st.dataframe(sources_table, hide_index=True, key="sources_list_table",
             column_config={t("url", lang): st.column_config.LinkColumn()})
download_button(sources_table, "nguon" if lang == "vi" else "sources", "sources_list_download", lang)
