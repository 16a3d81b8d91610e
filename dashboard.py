"""The dashboard's first page, the overview: the four districts side by side, each latest figure
with its period in sight, dated and cited, and one small chart comparing them. The other pages
are in `pages/`; every page starts with `page_frame`.

Run: .venv/bin/streamlit run dashboard.py
"""

from __future__ import annotations

import streamlit as st

from queries.i18n import t
from ui.citations import is_generated, origin_text, source_label
from ui.colours import district_colour
from ui.data import shared_view
from ui.formatting import is_missing
from ui.frame import page_frame
from ui.views import OVERVIEW_LABELS
from ui.widgets import chart_slides, chart_with_table, page_header

filters = page_frame("page_overview")
lang = filters.lang
view = shared_view("page_overview", filters)
page_header(filters, "page_overview", "overview_intro", [view.generated])


def citation(row) -> str:
    """Source (publisher and date, a register's file), title, confidence and quote of one figure."""
    if row["origin"] == "register":
        text = f"{t('source', lang)}: {origin_text(row, lang)} «{row['source_title']}»"
    else:
        label = source_label(row, lang)
        text = f"{t('source', lang)}: " + (f"[{label}]({row['url']})" if isinstance(row["url"], str) else label)
        if isinstance(row["source_title"], str):
            text += f" «{row['source_title']}»"
    if isinstance(row["confidence"], str):
        text += f" · {t('confidence', lang)}: {row['confidence_shown'].lower()}"
    if isinstance(row["quote"], str):
        text += f" — “{row['quote']}”"
    return text


def district_card(first: dict, figures: tuple[dict, ...], context: dict[str, str]) -> None:
    """One district (`first`: its first row): its latest figures, each with its period right
    under the number."""
    st.markdown(f"<h3 style='border-bottom:6px solid {district_colour(first['district'])};margin-bottom:0.3rem'>"
                f"{first['district']}</h3>", unsafe_allow_html=True)
    st.caption(first["province"])
    for row in figures:
        label, help_key = OVERVIEW_LABELS[row["metric"]]
        if row["origin"] == "register":  # on its own line: a metric label is cut short
            st.badge(origin_text(row, lang), color="orange" if is_generated(row) else "blue",
                     icon=":material/inventory:")
        st.metric(t(label, lang), row["shown"], help=help_key and t(help_key, lang))
        if row["metric"] == "poverty_rate" and first["district"] in context:  # its province's rate beside it
            st.caption(context[first["district"]])
        if is_missing(row["value"]):
            st.caption(t("no_figure", lang))
            continue
        st.markdown(f":material/calendar_month: **{row['period']}**")
        if row["older_than_terms"]:
            st.markdown(f":orange[:material/history: {t('older_than_terms', lang, term=row['latest_term'])}]")
        st.caption(citation(row))
    if isinstance(first["became_on_2025_07_01"], str):
        st.markdown(f"**{t('became', lang)}:** {first['became_on_2025_07_01']}")
        st.caption(f"{t('source', lang)}: {first['profile_publisher']}")


section = view.section("overview")
if section.empty:
    st.info(section.empty.text, icon=section.empty.icon)
else:
    chart = section.chart
    if filters.present:  # on a projector the chart first, the cards after it
        chart_slides(chart, filters)
    for column, (first, figures) in zip(st.columns(len(section.cards), border=True), section.cards):
        with column:
            district_card(first, figures, dict(section.poverty_context))
    if not filters.present:
        st.subheader(chart.title)
        st.caption(chart.caption)
        chart_with_table(chart, filters)
