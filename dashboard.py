"""The dashboard's first page, the overview: the four districts side by side, each latest figure
with its period in sight, dated and cited, and one small chart comparing them. The other pages
are in `pages/`; every page starts with `page_frame`.

Run: .venv/bin/streamlit run dashboard.py
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.charts import overview_chart
from ui.citations import is_generated, origin_text, source_label
from ui.colours import district_colour
from ui.data import run_query
from ui.frame import page_frame
from ui.formatting import is_missing
from queries.i18n import t
from ui.widgets import chart_with_table, display_table, nothing_to_show, page_header, with_shown_values

filters = page_frame("page_overview")
lang = filters.lang
overview = with_shown_values(run_query("district_overview", lang=lang, **filters.query_args()), lang)
page_header(filters, "page_overview", "overview_intro", overview["generated"])
LABELS = {"rotations_total": ("latest_rotations", None), "poverty_rate": ("latest_poverty", None),
          "non_local_share": ("latest_non_local", "latest_non_local_help"),
          "ntm_communes": ("latest_new_rural", "latest_new_rural_help")}


def shown_metrics(rows: pd.DataFrame) -> pd.DataFrame:
    """A district's figures on its card: rotations and poverty always (a dash where nothing was
    published), then its quota: the non-local share, or else the new-rural communes."""
    has = dict(zip(rows["metric"], rows["value"].notna()))
    quota = "non_local_share" if has.get("non_local_share") else "ntm_communes"
    return rows[rows["metric"].isin(["rotations_total", "poverty_rate", quota])]


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


def district_card(rows: pd.DataFrame) -> None:
    """One district: its latest figures, each with its period right under the number."""
    first = rows.iloc[0]
    st.markdown(f"<h3 style='border-bottom:6px solid {district_colour(first['district'])};margin-bottom:0.3rem'>"
                f"{first['district']}</h3>", unsafe_allow_html=True)
    st.caption(first["province"])
    for _, row in shown_metrics(rows).iterrows():
        label, help_key = LABELS[row["metric"]]
        if row["origin"] == "register":  # on its own line: a metric label is cut short
            st.badge(origin_text(row, lang), color="orange" if is_generated(row) else "blue",
                     icon=":material/inventory:")
        st.metric(t(label, lang), row["shown"], help=help_key and t(help_key, lang))
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


def overview_table(overview: pd.DataFrame) -> pd.DataFrame:
    """The cards as one long table (and CSV): a row per district and figure shown, then what
    each district became; counts out of a total read 4/19 with both numbers beside."""
    figures = pd.concat([shown_metrics(rows) for _, rows in overview.groupby("district", sort=False)])
    figures = figures[figures["value"].notna()]
    figures = figures.assign(what=[t(LABELS[m][0], lang) for m in figures["metric"]],
                             source=[source_label(r, lang) for r in figures.to_dict("records")])
    became = overview.drop_duplicates("district").dropna(subset=["became_on_2025_07_01"])
    became = pd.DataFrame({"district": became["district"], "what": t("became", lang),
                           "shown": became["became_on_2025_07_01"], "period": "1/7/2025",
                           "source": became["profile_publisher"], "origin_shown": t("published", lang)})
    return display_table(pd.concat([figures, became], ignore_index=True), {
        "district": "district", "what": "metric", "shown": "value_as_published", "value": "value_number",
        "numerator": "numerator", "denominator": "denominator", "period": "period", "term": "term",
        "origin_shown": "data_source", "source": "source", "source_title": "title", "quote": "quote",
        "url": "url", "figure_id": "figure_id"}, lang)


if filters.districts and overview.empty:
    st.info(t("no_focus_selected", lang), icon=":material/filter_alt:")
elif not nothing_to_show(filters, overview.dropna(subset=["value"])):
    groups = list(overview.groupby("district", sort=False))
    for column, (_, rows) in zip(st.columns(len(groups), border=True), groups):
        with column:
            district_card(rows)
    st.subheader(t("overview_chart", lang))
    st.caption(t("overview_chart_note", lang))
    chart_with_table(overview_chart(overview, lang), overview_table(overview), filters, "overview",
                     t("overview_chart", lang), overview.dropna(subset=["value"]))
