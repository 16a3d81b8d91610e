"""Poverty: rate trends for districts, communes and provinces, with bounds and standard changes."""

from __future__ import annotations

import streamlit as st

from ui.charts import poverty_chart
from ui.data import run_query
from ui.frame import page_frame
from queries.i18n import t
from ui.widgets import FIGURE_COLUMNS, chart_with_table, display_table, nothing_to_show, page_header, quality_notes, with_shown_values

filters = page_frame("page_poverty")
lang = filters.lang
args = filters.query_args()
# Communes only for one district: with several, their hundreds of lines hide the districts.
one_district = len(filters.districts) == 1
levels = [level for level in filters.area_levels if level != "commune" or one_district]
series = run_query("poverty_series", **{**args, "area_levels": levels}, lang=lang)
page_header(filters, "page_poverty", "poverty_intro", series["generated"])
if "commune" in filters.area_levels:
    st.caption(t("communes_note", lang))

if not nothing_to_show(filters, series, needs=("districts", "terms", "area_levels")):
    series = with_shown_values(series, lang, unit_column=None, unit="percent")
    columns = {"metric_en" if lang == "en" else "metric_vi": "metric", **FIGURE_COLUMNS,
               "poverty_standard": "standard", "note": "note"}
    st.caption(t("bound_note", lang))
    standards = run_query("poverty_standards")
    for title_key, metrics, key in (
        ("poverty_chart", ["poverty_rate"], "poverty_rates"),
        ("near_poverty_chart", ["near_poverty_rate", "poor_and_near_poor_rate"], "poverty_near"),
    ):
        shown = series[series["metric"].isin(metrics)]
        if shown.empty:
            continue
        st.subheader(t(title_key, lang))
        chart_with_table(poverty_chart(shown, lang, standards), display_table(shown, columns, lang), filters, key,
                         t(title_key, lang), shown)

    quality_notes(run_query("data_quality_notes", lang=lang, **args), series["figure_id"], lang)
