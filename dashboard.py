"""The dashboard's first page, the overview: the four districts side by side, each latest figure
dated and cited. The other pages are in `pages/`; every page starts with `page_frame`.

Run: .venv/bin/streamlit run dashboard.py
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.citations import is_generated, origin_text
from ui.colours import district_colour
from ui.data import run_query
from ui.frame import page_frame
from ui.formatting import format_figure, format_number, is_missing
from queries.i18n import t
from ui.widgets import display_table, download_button, download_name, nothing_to_show, page_header, with_origin

filters = page_frame("page_overview")
lang = filters.lang
FIGURES = ("rotations", "poverty", "non_local", "ntm")  # column prefixes of district_overview
overview = run_query("district_overview", **filters.query_args())
profiles = run_query("districts", districts=list(filters.districts)).set_index("district")
page_header(filters, "page_overview", "overview_intro", *(overview[f"{p}_generated"] for p in FIGURES))


def missing(what: str) -> dict:
    """A figure no source published: said so, never filled in."""
    return {"what": what, "value": None, "shown": "–", "period": None, "source": None, "quote": None,
            "figure_id": None}


def provenance(row, prefix: str) -> dict:
    """Origin, sample flag and source of one figure; a register figure names its file."""
    source = row[f"{prefix}_source"]
    if row[f"{prefix}_origin"] == "register":
        source = f"{source} «{row[f'{prefix}_source_title']}»"
    return {"origin": row[f"{prefix}_origin"], "generated": row[f"{prefix}_generated"], "source": source}


def published_figure(row, prefix: str, value_column: str, label: str, unit: str | None,
                     help_key: str | None = None) -> dict:
    """One latest figure of `district_overview` (columns `<prefix>_qualifier`, `_period` …)."""
    return {"what": t(label, lang), "help": help_key and t(help_key, lang), "value": row[value_column],
            "shown": format_figure(row[value_column], row[f"{prefix}_qualifier"], unit, lang),
            "period": row[f"{prefix}_period"], **provenance(row, prefix),
            "quote": row[f"{prefix}_quote"], "figure_id": row[f"{prefix}_figure_id"]}


def indicators(row) -> list[dict]:
    """The figures shown for one district: what, value as published, period, source, quote.
    Rotations and poverty always show (a dash where nothing was published); the quota shows
    the non-local share, or else the new-rural communes."""
    shown = []
    for prefix, value_column, label, unit in (("rotations", "rotations", "latest_rotations", None),
                                              ("poverty", "poverty_rate", "latest_poverty", "percent")):
        if is_missing(row[value_column]):
            shown.append(missing(t(label, lang)))
        else:
            shown.append(published_figure(row, prefix, value_column, label, unit))
    if not is_missing(row["non_local_share"]):
        shown.append(published_figure(row, "non_local", "non_local_share", "latest_non_local", "percent",
                                      "latest_non_local_help"))
    elif not is_missing(row["ntm_communes"]):
        shown.append({"what": t("latest_new_rural", lang), "help": t("latest_new_rural_help", lang),
                      "value": row["ntm_communes"],
                      "shown": f"{format_number(row['ntm_communes'], lang)}/{format_number(row['ntm_communes_of'], lang)}",
                      "period": row["ntm_period"], **provenance(row, "ntm"), "quote": None,
                      "figure_id": row["ntm_figure_id"]})
    return shown


LATEST_FIGURES = ["rotations", "poverty_rate", "non_local_share", "ntm_communes"]
if filters.districts and overview.empty:
    st.info(t("no_focus_selected", lang), icon=":material/filter_alt:")
elif not nothing_to_show(filters, overview.dropna(subset=LATEST_FIGURES, how="all")):
    shown_rows = []
    columns = st.columns(len(overview), border=True)
    for column, (_, row) in zip(columns, overview.iterrows()):
        with column:
            colour = district_colour(row["district"])
            st.markdown(f"<h3 style='border-bottom:6px solid {colour};margin-bottom:0.3rem'>{row['district']}</h3>",
                        unsafe_allow_html=True)
            st.caption(row["province"])
            figures = indicators(row)
            for figure in figures:
                if figure.get("origin") == "register":  # on its own line: a metric label is cut short
                    st.badge(origin_text(figure, lang), color="orange" if is_generated(figure) else "blue",
                             icon=":material/inventory:")
                st.metric(figure["what"], figure["shown"], help=figure.get("help"))
                if figure["source"] is None:
                    st.caption(t("no_figure", lang))
                    continue
                cited = f"{t('period', lang)}: {figure['period']} · {t('source', lang)}: {figure['source']}"
                if isinstance(figure["quote"], str):
                    cited += f" — “{figure['quote']}”"
                st.caption(cited)
                shown_rows.append({"district": row["district"], **figure})
            if row["district"] in profiles.index:
                profile = profiles.loc[row["district"]]
                became = profile["became_on_2025_07_01" if lang == "en" else "became_on_2025_07_01_vi"]
                st.markdown(f"**{t('became', lang)}:** {became}")
                st.caption(f"{t('source', lang)}: {profile['source_publisher']}")
                shown_rows.append({"district": row["district"], "what": t("became", lang), "value": None,
                                   "shown": became, "period": "1/7/2025",
                                   "source": profile["source_publisher"], "quote": None, "figure_id": None})
    table = display_table(with_origin(pd.DataFrame(shown_rows), lang), {
        "district": "district", "what": "metric", "shown": "value_as_published", "value": "value_number", "period": "period",
        "origin_shown": "data_source", "source": "source", "quote": "quote", "figure_id": "figure_id"}, lang)
    with st.expander(t("table_view", lang)):
        st.dataframe(table, hide_index=True, key="overview_table")
    download_button(table, download_name(t("page_overview", lang), filters, "csv"), "overview_download", lang)
