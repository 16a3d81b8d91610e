"""Quotas: attainment against target (percent and people), progress, field work and published checks."""

from __future__ import annotations

import streamlit as st

from ui.charts import attainment_chart, progress_chart, quota_label
from ui.citations import citation_text, origin_suffix, source_label
from ui.data import run_query
from ui.frame import page_frame
from ui.formatting import format_figure, format_number
from queries.i18n import t
from ui.widgets import (FIGURE_COLUMNS, chart_with_table, display_table, download_button, download_name,
                        nothing_to_show, page_header, quality_notes, show_table, with_origin, with_shown_values)

FIELD_WORK_METRICS = ("field_days_quota", "field_work_officials", "field_visits", "field_visits_labour_dept",
                      "party_cell_meetings_attended")

filters = page_frame("page_quotas")
lang = filters.lang
args = filters.query_args()
attainment = run_query("quota_attainment", lang=lang, **args)
facts = run_query("facts", lang=lang, **args)
field_work = facts[facts["metric"].isin(FIELD_WORK_METRICS)]
page_header(filters, "page_quotas", "quotas_intro", attainment["generated"], field_work["generated"])

if not nothing_to_show(filters, attainment, needs=("districts", "terms", "area_levels")):
    attainment = with_origin(attainment, lang).assign(
        measure_shown=[t(f"measure_{m}", lang) for m in attainment["measure"]])
    columns = {"district": "district", "area": "area", "measure_shown": "measure", "period": "period",
               "numerator": "numerator", "denominator": "denominator", "attained_pct": "attained",
               "target_pct": "target", "published_pct": "published_pct", "people_to_target": "gap_people",
               "origin_shown": "data_source", "publisher": "publisher", "published_display": "published_on",
               "source_title": "title", "quote": "quote", "figure_ids": "figure_id"}

    st.subheader(t("attainment_chart", lang))
    chart_with_table(attainment_chart(attainment, lang), display_table(attainment, columns, lang), filters,
                     "quotas_attainment", t("attainment_chart", lang), attainment)

    st.subheader(t("gap_people", lang))
    series = ["quota", "area", "measure", "origin"]  # a register series is never merged with the published one
    latest = attainment.sort_values("period_end").groupby(series, sort=False).tail(1)
    for row in latest.sort_values(series).to_dict("records"):
        attained = (f"{format_number(row['attained_pct'], lang, 1)}% ({format_number(row['numerator'], lang)}/"
                    f"{format_number(row['denominator'], lang)})")
        if row["people_to_target"] > 0:
            sentence = t("gap_sentence", lang, label=quota_label(row, lang), attained=attained,
                         people=format_number(row["people_to_target"], lang),
                         what=t(f"people_measure_{row['measure']}", lang),
                         target=f"{format_number(row['target_pct'], lang)}%")
        else:
            sentence = t("met_sentence", lang, label=quota_label(row, lang), attained=attained)
        st.markdown(f"- {sentence} *({t('source', lang)}: {source_label(row, lang)})*")

    several_dates = attainment.groupby(series)["period_end"].transform("nunique") > 1
    progress = attainment[several_dates]
    if not progress.empty:
        st.subheader(t("progress_chart", lang))
        chart_with_table(progress_chart(progress, lang), display_table(progress, columns, lang), filters,
                         "quotas_progress", t("progress_chart", lang), progress)
    figure_ids = ";".join(attainment["figure_ids"].dropna()).split(";")
    quality_notes(run_query("data_quality_notes", lang=lang, **args), figure_ids, lang)

st.subheader(t("field_work", lang))
if not nothing_to_show(filters, field_work, needs=("districts", "terms", "area_levels")):
    metric_column = "metric_en" if lang == "en" else "metric_vi"
    columns = st.columns(min(len(field_work), 3), border=True)
    for index, row in enumerate(field_work.to_dict("records")):
        with columns[index % len(columns)]:
            st.metric(f"{row[metric_column]}{origin_suffix(row, lang)}",
                      format_figure(row["value"], row["qualifier"], row["unit"], lang))
            st.caption(f"**{row['area']} · {row['period']}** — {citation_text(row, lang)}")
    table = display_table(with_shown_values(field_work, lang), {metric_column: "metric", **FIGURE_COLUMNS}, lang)
    with st.expander(t("table_view", lang)):
        show_table(table, lang, "quotas_field_table")
    download_button(table, download_name(t("field_work", lang), filters, "csv"), "quotas_field_download", lang)

st.subheader(t("checks", lang))
if filters.registers_only:  # the checks are about published figures: not shown as if they were registers
    st.info(t("checks_published_only", lang), icon=":material/fact_check:")
else:
    checks = run_query("published_checks", districts=args["districts"], lang=lang)
    checks = checks.assign(
        computed_shown=[format_number(v, lang) for v in checks["computed"]],
        published_shown=[format_number(v, lang) for v in checks["published"]],
        agrees_shown=[t("agrees", lang) if a else t("disagrees", lang) for a in checks["agrees"]],
    )
    checks_table = display_table(checks, {"area": "area", "check": "check", "computed_shown": "computed",
                                          "published_shown": "published", "agrees_shown": "agrees",
                                          "note": "note"}, lang)
    show_table(checks_table, lang, "quotas_checks_table")
    download_button(checks_table, download_name(t("checks", lang), filters, "csv"), "quotas_checks_download", lang)
    disagreeing = checks[~checks["agrees"].astype(bool)]
    for _, row in disagreeing.iterrows():
        st.warning(f"{row['area']}: {row['check']} → {row['computed_shown']} ≠ {row['published_shown']}",
                   icon=":material/warning:")
