"""Streamlit pieces every page shares: chart + table + download, notices, citations."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from .citations import citation_text, origin_text
from .filters import Filters
from .formatting import format_figure, is_missing
from queries.exports import neutralise_formulas
from queries.i18n import t

PRESENTATION_FONT_SIZE = 22  # chart text on a projector
MAX_SHOWN_ROWS = 500  # rows a table sends to the browser; downloads stay complete
# Table columns most pages show, in order, with the i18n key of their header.
FIGURE_COLUMNS = {
    "district": "district", "area": "area", "period": "period", "term": "term",
    "shown": "value_as_published", "value": "value_number", "origin_shown": "data_source",
    "publisher": "publisher", "published_display": "published_on", "source_title": "title",
    "quote": "quote", "url": "url", "figure_id": "figure_id",
}


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV with a byte-order mark, so Excel opens Vietnamese text correctly."""
    return neutralise_formulas(frame).to_csv(index=False).encode("utf-8-sig")


def display_table(frame: pd.DataFrame, columns: dict[str, str], lang: str) -> pd.DataFrame:
    """The columns to show, in order, with headers in the reader's language."""
    present = [c for c in columns if c in frame.columns]
    table = frame[present].copy()
    table.columns = [t(columns[c], lang) for c in present]
    return table.reset_index(drop=True)


def with_shown_values(frame: pd.DataFrame, lang: str, unit_column: str | None = "unit",
                      unit: str | None = None) -> pd.DataFrame:
    """Add `shown`, each value written as published, bound included ('> 68%'), and
    `origin_shown`, where it comes from (the FIGURE_COLUMNS a table needs)."""
    units = frame[unit_column] if unit_column and unit_column in frame.columns else [unit] * len(frame)
    shown = [format_figure(v, q, u, lang) for v, q, u in zip(frame["value"], frame["qualifier"], units)]
    return with_origin(frame.assign(shown=shown), lang)


def with_origin(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Add `origin_shown` ('Sổ đăng ký (mẫu)' ...), so tables and CSVs say where each figure comes from."""
    rows = frame.reindex(columns=["origin", "generated"]).to_dict("records")
    return frame.assign(origin_shown=[origin_text(row, lang) for row in rows])


def download_button(table: pd.DataFrame, file_stem: str, key: str, lang: str) -> None:
    """A CSV of `table`, built only when clicked: most runs never download, and a large table's
    CSV costs more than drawing the page."""
    st.download_button(t("download_csv", lang), data=lambda: csv_bytes(table), file_name=f"{file_stem}.csv",
                       mime="text/csv", key=key, icon=":material/download:")


def chart_with_table(fig: go.Figure, table: pd.DataFrame, lang: str, key: str, file_stem: str) -> None:
    """The chart, the same numbers as a table, and a CSV of exactly that table."""
    chart_tab, table_tab = st.tabs([t("chart_view", lang), t("table_view", lang)])
    if st.session_state.get("present"):
        fig.update_layout(font_size=PRESENTATION_FONT_SIZE)
    with chart_tab:
        st.plotly_chart(fig, key=f"{key}_chart", config={"displaylogo": False})
    with table_tab:
        st.dataframe(table, hide_index=True, key=f"{key}_table")
    download_button(table, file_stem, f"{key}_download", lang)


def nothing_to_show(filters: Filters, frame: pd.DataFrame, needs: tuple[str, ...] = ("districts",)) -> bool:
    """Show why a view is empty (empty selection, no registers yet, no figures); True if it is."""
    lang = filters.lang
    selections = {"districts": filters.districts, "terms": filters.terms, "area_levels": filters.area_levels}
    for name in needs:
        if not selections[name]:
            st.info(t("empty_selection", lang, what=t(name, lang).lower()), icon=":material/filter_alt:")
            return True
    if frame.empty:
        if filters.registers_only:
            st.info(t("no_registers", lang), icon=":material/inventory:")
        else:
            st.info(t("no_data", lang), icon=":material/search_off:")
        return True
    return False


def cite(row, lang: str) -> None:
    """A caption under a figure: source, title and the verbatim quote."""
    st.caption(citation_text(row, lang))


def page_header(filters: Filters, title_key: str, intro_key: str, *generated) -> None:
    """Title, intro and what the data-source choice shows; then, if any of the `generated` flags
    of the rows on the page is true, the banner the product requires over generated sample data."""
    lang = filters.lang
    st.title(t(title_key, lang))
    st.markdown(f"{t(intro_key, lang)} {t(f'shows_{filters.origin}', lang)}")
    if any(flag for column in generated for flag in column if not is_missing(flag)):
        st.warning(t("sample_banner", lang), icon=":material/science:")


def quality_notes(notes: pd.DataFrame, figure_ids, lang: str) -> None:
    """The data-quality notes that concern the figures on screen, one box per note."""
    notes = notes[notes["figure_id"].isin(list(figure_ids))]
    if notes.empty:
        return
    st.subheader(t("quality_notes", lang))
    for _, group in notes.groupby("note_id", sort=False):
        note = group.iloc[0]
        figures = ", ".join(f"{area} {period}" for area, period in zip(group["area"], group["period"]))
        st.warning(f"{note['note_en' if lang == 'en' else 'note_vi']}  \n*{figures}*", icon=":material/info:")
