"""Quotas: attainment against target (percent and people), progress, field work and published checks."""

from __future__ import annotations

import streamlit as st

from queries.i18n import t
from ui.citations import citation_text, origin_suffix
from ui.data import shared_view
from ui.formatting import format_figure
from ui.frame import page_frame
from ui.tables import download_name
from ui.widgets import WRAPPED_ROW, download_button, page_header, quality_notes, show_section, show_table

filters = page_frame("page_quotas")
lang = filters.lang
view = shared_view("page_quotas", filters)
page_header(filters, "page_quotas", "quotas_intro", [view.generated])

for key in ("quotas_attainment", "quotas_progress"):
    if view.section(key):
        show_section(view.section(key), filters)
quality_notes(view, lang)

field_work = view.section("quotas_field")
st.subheader(field_work.title)
if field_work.empty:
    st.info(field_work.empty.text, icon=field_work.empty.icon)
else:
    metric_column = "metric_en" if lang == "en" else "metric_vi"
    rows = field_work.chart.drawn_rows
    columns = st.columns(min(len(rows), 3), border=True)
    for index, row in enumerate(rows):
        with columns[index % len(columns)]:
            st.metric(f"{row[metric_column]}{origin_suffix(row, lang)}",
                      format_figure(row["value"], row["qualifier"], row["unit"], lang))
            st.caption(f"**{row['area']} · {row['period']}** — {citation_text(row, lang)}")
    with st.expander(t("table_view", lang), key="quotas_field_expander", on_change="rerun") as table:
        if table.open:
            show_table(field_work.chart.table, lang, "quotas_field_table", shown=field_work.chart.shown_table)
    download_button(field_work.chart.table, download_name(field_work.title, filters, "csv"), "quotas_field_download",
                    lang)

st.subheader(t("checks", lang))
checks = view.checks
if checks.notice:
    st.info(checks.notice.text, icon=checks.notice.icon)
else:
    show_table(checks.table, lang, "quotas_checks_table", shown=checks.shown_table, row_height=WRAPPED_ROW)
    download_button(checks.table, download_name(t("checks", lang), filters, "csv"), "quotas_checks_download", lang)
    for line in checks.disagreeing:
        st.warning(line, icon=":material/warning:")
