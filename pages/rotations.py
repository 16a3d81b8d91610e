"""Rotations: counts by term and kind across districts, totals against the sum of kinds, named cases."""

from __future__ import annotations

import streamlit as st

from ui.charts import cases_timeline, kind_label, rotations_chart
from ui.citations import origin_text, source_label
from ui.data import run_query
from ui.frame import page_frame
from ui.formatting import format_number, is_missing
from queries.i18n import t
from ui.widgets import FIGURE_COLUMNS, chart_with_table, display_table, nothing_to_show, page_header, with_shown_values

filters = page_frame("page_rotations")
lang = filters.lang
args = filters.query_args()
counts = run_query("rotations_by_term_kind", lang=lang, **args)
page_header(filters, "page_rotations", "rotations_intro", counts["generated"])

st.subheader(t("rotations_chart", lang))
if not nothing_to_show(filters, counts, needs=("districts", "terms", "area_levels")):
    counts = with_shown_values(counts, lang).assign(kind_shown=[kind_label(k, lang) for k in counts["kind"]])
    table = display_table(counts, {"kind_shown": "kind", **FIGURE_COLUMNS}, lang)
    chart_with_table(rotations_chart(counts, lang), table, filters, "rotations_counts",
                     t("rotations_chart", lang), counts)

    st.subheader(t("kind_sums", lang))
    sums = run_query("rotation_kind_sums", lang=lang, **args)
    sources = counts.drop_duplicates("source_id").set_index("source_id")
    for _, row in sums.iterrows():
        source = sources.loc[row["source_id"]]
        total_label = t("published_total", lang)
        if source["origin"] == "register":  # said first: this total was counted, not published
            total_label = f"*{origin_text(source, lang)}* — {t('kind_total', lang)}"
        total = format_number(row["published_total"], lang)
        cited = f"*({t('source', lang)}: {source_label(source, lang)})*"
        if is_missing(row["sum_of_kinds"]):
            term = "–" if is_missing(row["term"]) else row["term"]
            st.markdown(f"- **{row['area']}** ({term}): {total_label} {total}; "
                        f"{t('kinds_not_published', lang)} {cited}")
        else:
            mark = "✓" if row["difference"] == 0 else "⚠"
            st.markdown(f"- **{row['area']}** ({row['term']}): {total_label} {total} · "
                        f"{t('sum_of_kinds', lang)} {format_number(row['sum_of_kinds'], lang)} "
                        f"({t('n_kinds', lang, n=format_number(row['kinds'], lang))}) {mark} {cited}")

st.subheader(t("cases_timeline", lang))
cases = run_query("rotation_cases", districts=args["districts"], terms=args["terms"], lang=lang)
if filters.registers_only:
    st.info(t("no_registers", lang), icon=":material/inventory:")
elif not nothing_to_show(filters, cases, needs=("districts", "terms")):
    st.caption(t("cases_note", lang))
    cases = cases.assign(source=[source_label(r, lang) for _, r in cases.iterrows()],
                         kind_shown=[kind_label(k, lang) for k in cases["kind"]])
    table = display_table(cases, {
        "district": "district", "person": "person", "from_post": "from_post", "from_unit": "from_unit",
        "to_post": "to_post", "to_unit": "to_unit", "date_text": "when", "moved_from": "earliest",
        "moved_by": "latest", "kind_shown": "kind", "term": "term", "source": "source", "quote": "quote",
        "note": "note"}, lang)
    chart_with_table(cases_timeline(cases, lang), table, filters, "rotations_cases", t("cases_timeline", lang),
                     cases)
