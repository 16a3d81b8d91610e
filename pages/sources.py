"""Sources: every figure with its citation, searchable without accents, the data package to
take away and cite, and the list of sources.

The search text and the "everywhere" switch are in the URL (`?q=thanh tri&all=1`), so a shared
address reproduces the search. The data package (queries/package.py) follows the filters, or
takes everything; it is built only when its button is clicked.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import streamlit as st

from queries.i18n import t
from queries.package import Scope, build, cite_text, cited_sources
from ui.data import get_database, run_query
from ui.formatting import format_number, ranked_search
from ui.frame import page_frame
from ui.selection import LEVELS
from ui.tables import FIGURE_COLUMNS, display_table, download_name, with_shown_values
from ui.widgets import MAX_SHOWN_ROWS, WRAPPED_ROW, download_button, nothing_to_show, page_header, show_table

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

st.subheader(t("pkg_heading", lang))
st.caption(t("pkg_intro", lang))
everything = st.radio(t("pkg_scope", lang), [False, True], key="sources_package_everything", horizontal=True,
                      format_func=lambda every: t("pkg_scope_everything" if every else "pkg_scope_filters", lang))
has_registers = not get_database().imports().empty
registers = st.checkbox(t("pkg_registers", lang), key="sources_package_registers", disabled=not has_registers,
                        help=None if has_registers else t("pkg_registers_none", lang)) and has_registers
if everything:
    scope = Scope(registers=registers)
    named_for = dataclasses.replace(filters, districts=(), terms=filters.all_terms, area_levels=LEVELS, origin="both")
else:
    scope = Scope(**filters.query_args(), registers=registers)
    named_for = filters
package_name = download_name(t("pkg_name_everything" if everything else "pkg_name", lang), named_for, "zip")
st.download_button(t("pkg_download", lang), data=lambda: build(get_database(), scope, package_name[:-4]).data,
                   file_name=package_name, mime="application/zip", key="sources_package_download",
                   icon=":material/folder_zip:", on_click="ignore")
with st.expander(t("pkg_cite_heading", lang), icon=":material/format_quote:", key="sources_cite_expander",
                 on_change="rerun") as cite:
    if cite.open:  # made when opened: it reads every cited source
        st.markdown(cite_text(scope, dt.datetime.now(), cited_sources(get_database(), scope), lang, level=5))

st.subheader(t("sources_list", lang))
sources = run_query("sources", lang=lang)
sources = sources.assign(kind_shown=[t(f"source_kind_{kind}", lang) for kind in sources["kind"]])
sources_table = display_table(sources, {
    "kind_shown": "source_kind", "publisher": "publisher", "published_display": "published_on",
    "date_note": "date_note", "title": "title", "author": "author", "url": "url", "figures": "figures"}, lang)
show_table(sources_table, lang, "sources_list_table", column_config={t("url", lang): st.column_config.LinkColumn()},
           row_height=WRAPPED_ROW)
download_button(sources_table, download_name(t("sources_list", lang), filters, "csv"), "sources_list_download", lang)
