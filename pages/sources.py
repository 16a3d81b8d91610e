"""Sources: every figure with its citation, searchable without accents, and the list of sources.

The search text and the "everywhere" switch are in the URL (`?q=thanh tri&all=1`), so a shared
address reproduces the search.
"""

from __future__ import annotations

import streamlit as st

from queries.i18n import t
from ui.data import run_query
from ui.formatting import format_number, ranked_search
from ui.frame import page_frame
from ui.tables import FIGURE_COLUMNS, display_table, download_name, with_shown_values
from ui.widgets import MAX_SHOWN_ROWS, download_button, nothing_to_show, page_header, show_table

filters = page_frame("page_sources", page_params={"q": ("sources_search", ""), "all": ("sources_everywhere", False)})
lang = filters.lang
header = st.container()  # drawn first, filled once the figures (and their origins) are known
everywhere = st.toggle(t("sources_everywhere", lang), key="sources_everywhere")
args = {**filters.query_args(), **({"districts": None} if everywhere else {})}
facts = with_shown_values(run_query("facts", lang=lang, **args), lang)  # search finds "53,1" too
with header:
    page_header(filters, "page_sources", "sources_intro", facts["generated"])

query = st.text_input(t("search", lang), key="sources_search", placeholder="dien bien, ho ngheo, 53,1 …")
found = ranked_search(facts, query)

st.subheader(t("figures", lang))
if query.strip() and found.empty and not facts.empty:  # the search, not the filters, emptied the table
    st.info(t("search_no_result", lang, query=query.strip()), icon=":material/search_off:")
elif not nothing_to_show(filters, found, needs=("districts", "terms", "area_levels")):
    st.caption(t("n_figures", lang, n=format_number(len(found), lang)))
    metric_column = "metric_en" if lang == "en" else "metric_vi"
    table = display_table(found, {metric_column: "metric", **FIGURE_COLUMNS, "note": "note",
                                  "confidence_shown": "confidence", "quality_notes": "quality_note",
                                  "source_kind_shown": "source_kind"}, lang)
    if len(table) > MAX_SHOWN_ROWS:  # tens of thousands of rows would stall the browser
        st.caption(t("rows_capped", lang, shown=format_number(MAX_SHOWN_ROWS, lang),
                     n=format_number(len(table), lang)))
    show_table(table.head(MAX_SHOWN_ROWS), lang, "sources_table",
               column_config={t("url", lang): st.column_config.LinkColumn()})
    download_button(table, download_name(t("figures", lang), filters, "csv"), "sources_download", lang)

st.subheader(t("sources_list", lang))
sources = run_query("sources", lang=lang)
sources = sources.assign(kind_shown=[t(f"source_kind_{kind}", lang) for kind in sources["kind"]])
sources_table = display_table(sources, {
    "kind_shown": "source_kind", "publisher": "publisher", "published_display": "published_on",
    "date_note": "date_note", "title": "title", "author": "author", "url": "url", "figures": "figures"}, lang)
show_table(sources_table, lang, "sources_list_table", column_config={t("url", lang): st.column_config.LinkColumn()})
download_button(sources_table, download_name(t("sources_list", lang), filters, "csv"), "sources_list_download", lang)
