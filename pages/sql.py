"""SQL console: one read-only SELECT over the bundled data and the registers, its result capped
and downloadable. The query is in the URL (`/sql?q=select …`), so a researcher shares a question
by sharing the address; `$districts`, `$terms`, `$area_levels` and `$origins` take the sidebar's
filters, which the address carries too.

Off unless the server's administrator turns it on (ui/console.py). Every query runs in a process
of its own on a read-only copy of the data, with a time, memory and row limit
(queries/console.py).
"""

from __future__ import annotations

import streamlit as st

from queries.console import MEMORY_MB, ROW_CAP, SECONDS, ConsoleBusy
from queries.dictionary import describe_column, describe_table
from queries.i18n import t
from ui.console import console_enabled, process_console, run_console
from ui.data import get_database
from ui.formatting import format_number
from ui.frame import page_frame
from ui.tables import download_name
from ui.widgets import MAX_SHOWN_ROWS, download_button, show_table

# DuckDB's message wraps inside its box: on a phone a long line would hide its end.
WRAP_MESSAGES_CSS = "<style>[data-testid='stAlert'] pre, [data-testid='stAlert'] pre code " \
                    "{ white-space: pre-wrap !important; overflow-wrap: anywhere; }</style>"

filters = page_frame("page_sql", page_params={"q": ("sql_query", "")})
lang = filters.lang
st.title(t("page_sql", lang))
if not filters.present:
    st.markdown(t("console_intro", lang))
if not console_enabled():
    st.info(t("console_off", lang), icon=":material/lock:")
    st.stop()

examples = {name: query.sql for name, query in get_database().queries.items()}


def use_example() -> None:
    """The chosen named query's text, verbatim, into the query box."""
    name = st.session_state.get("sql_example")
    if name:
        st.session_state["sql_query"] = examples[name]


st.selectbox(t("console_example", lang), [None, *examples], key="sql_example", on_change=use_example,
             format_func=lambda name: t("console_example_none", lang) if name is None
             else f"{t(f'console_example_{name}', lang)} «{name}»")
with st.form("sql_form", border=False):
    st.text_area(t("console_query", lang), key="sql_query", height=220)
    st.form_submit_button(t("console_run", lang), type="primary", icon=":material/play_arrow:")
st.caption(t("console_limits", lang, seconds=SECONDS, memory=MEMORY_MB, rows=format_number(ROW_CAP, lang)))

query = (st.session_state.get("sql_query") or "").strip()
if query:
    st.subheader(t("console_result", lang))
    try:
        with st.spinner(t("console_run", lang) + " …"):
            result = run_console(query, filters.query_args())
    except ConsoleBusy as busy:
        st.warning(busy.message(lang), icon=":material/hourglass_top:")
    else:
        if result.failure is not None:  # our sentence, then DuckDB's own words as it wrote them
            said = f"\n\n{t('console_duckdb_says', lang)}\n```\n{result.failure.duckdb}\n```" if result.failure.duckdb else ""
            st.html(WRAP_MESSAGES_CSS)
            st.error(result.failure.msg.text(lang) + said, icon=":material/error:")
        elif result.frame.empty:
            st.info(t("console_no_rows", lang), icon=":material/search_off:")
        else:
            frame = result.frame
            if "generated" in frame and frame["generated"].fillna(False).astype(bool).any():
                st.warning(t("sample_banner", lang), icon=":material/science:")  # rows of a generated sample
            st.caption(t("console_rows", lang, n=format_number(len(frame), lang)))
            if result.capped:
                st.warning(t("console_capped", lang, rows=format_number(ROW_CAP, lang)), icon=":material/content_cut:")
            if len(frame) > MAX_SHOWN_ROWS:
                st.caption(t("console_shown", lang, shown=format_number(MAX_SHOWN_ROWS, lang),
                             n=format_number(len(frame), lang)))
            show_table(frame.head(MAX_SHOWN_ROWS), lang, "sql_result_table")
            download_button(frame, download_name(t("console_result_name", lang), filters, "csv"), "sql_download", lang)

st.subheader(t("console_tables", lang))
st.caption(t("console_tables_note", lang))
for table, columns in process_console().file().tables.items():
    with st.expander(f"`{table}` · {describe_table(table, lang)} ({t('console_n_columns', lang, n=len(columns))})"):
        st.markdown("\n".join(f"- `{column}` `{kind}` — {describe_column(table, column, lang)}" for column, kind in columns))
