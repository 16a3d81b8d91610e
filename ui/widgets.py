"""Streamlit pieces every page shares: chart + table + download, notices, citations."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from queries.i18n import t

from .charts import for_export, for_projector, plotly_config
from .citations import citation_text, origin_text, source_names
from .filters import Filters
from .formatting import fold, format_date, format_figure, format_number, is_missing
from .images import FORMATS as IMAGE_TYPES
from .images import figure_image

MAX_SHOWN_ROWS = 500  # rows a table sends to the browser; downloads stay complete
# Table columns most pages show, in order, with the i18n key of their header.
FIGURE_COLUMNS = {
    "district": "district", "area": "area", "period": "period", "term": "term",
    "shown": "value_as_published", "value": "value_number", "origin_shown": "data_source",
    "publisher": "publisher", "published_display": "published_on", "source_title": "title",
    "quote": "quote", "url": "url", "figure_id": "figure_id",
}


def _plain_number(value: float) -> str:
    """A number in a CSV as a spreadsheet should read it: a count as 6, not 6.0; 31.25 as it is."""
    return str(int(value)) if value.is_integer() else repr(float(value))


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV with a byte-order mark, so Excel opens Vietnamese text correctly. Numbers stay
    machine-readable (a decimal point, no thousands separator), whole numbers without '.0';
    a missing value is an empty cell."""
    return frame.to_csv(index=False, float_format=_plain_number).encode("utf-8-sig")


def display_table(frame: pd.DataFrame, columns: dict[str, str], lang: str) -> pd.DataFrame:
    """The columns to show, in order, with headers in the reader's language."""
    present = [c for c in columns if c in frame.columns]
    table = frame[present].copy()
    table.columns = [t(columns[c], lang) for c in present]
    return table.reset_index(drop=True)


def shown_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table as the screen shows it: numbers written the page language's way (147,8 and
    9.530 on a Vietnamese page, whatever the browser's own locale, which is all st.dataframe
    would follow), counts without decimals, halves rounded up, dates as dd/mm/yyyy and a dash
    for a missing number or date. The CSV download keeps the numbers themselves (`csv_bytes`)."""
    shown = table.copy()
    for index in range(table.shape[1]):
        values = table.iloc[:, index]
        if pd.api.types.is_bool_dtype(values):
            continue
        if pd.api.types.is_numeric_dtype(values):
            shown.isetitem(index, [format_number(v, lang) for v in values])
        elif pd.api.types.is_datetime64_any_dtype(values):
            shown.isetitem(index, ["–" if is_missing(v) else f"{v:%d/%m/%Y}" for v in values])
    return shown


def show_table(table: pd.DataFrame, lang: str, key: str, column_config: dict | None = None) -> None:
    """`st.dataframe` of `shown_table`: numbers right-aligned as numbers are, a dash for every
    missing value (never "None")."""
    numbers = {str(column): st.column_config.TextColumn(alignment="right")
               for column, dtype in table.dtypes.items()
               if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)}
    st.dataframe(shown_table(table, lang), hide_index=True, key=key, placeholder="–",
                 column_config={**numbers, **(column_config or {})})


def with_shown_values(frame: pd.DataFrame, lang: str, unit_column: str | None = "unit",
                      unit: str | None = None) -> pd.DataFrame:
    """Add `shown`, each value written as published, bound included ('> 68%'), and
    `origin_shown`, where it comes from (the FIGURE_COLUMNS a table needs); where the rows carry
    them, `source_kind_shown` and `confidence_shown`, the source's kind and the figure's
    confidence in words of the catalogue."""
    units = frame[unit_column] if unit_column and unit_column in frame.columns else [unit] * len(frame)
    out_of = frame["denominator"] if "denominator" in frame.columns else [None] * len(frame)
    shown = [format_figure(v, q, u, lang, out_of=d)
             for v, q, u, d in zip(frame["value"], frame["qualifier"], units, out_of)]
    labels = {f"{column}_shown": [None if is_missing(v) else t(f"{column}_{v}", lang) for v in frame[column]]
              for column in ("source_kind", "confidence") if column in frame.columns}
    return with_origin(frame.assign(shown=shown, **labels), lang)


def with_origin(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Add `origin_shown` ('Sổ đăng ký (mẫu)' ...), so tables and CSVs say where each figure comes from."""
    rows = frame.reindex(columns=["origin", "generated"]).to_dict("records")
    return frame.assign(origin_shown=[origin_text(row, lang) for row in rows])


def download_name(what: str, filters: Filters, ext: str) -> str:
    """One pattern for every file the dashboard gives away: what it is, the districts, terms and
    data source it covers (when narrowed), and the day, in plain ASCII so any system keeps it:
    `muc-dat-so-voi-chi-tieu_thanh-tri_2020-2025_2026-11-23.png`."""
    parts = [_slug(what)]
    if filters.districts:
        more = len(filters.districts) - 3
        parts.append(_slug(" ".join(filters.districts[:3])) + (f"-{more}" if more > 0 else ""))
    if set(filters.terms) != set(filters.all_terms):
        parts.append(_slug(" ".join(filters.terms)) or "-")
    if filters.origin != "published":
        parts.append(_slug(t(f"origin_{filters.origin}", filters.lang)))
    parts.append(dt.date.today().isoformat())
    return "_".join(parts) + f".{ext}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def download_button(table: pd.DataFrame, file_name: str, key: str, lang: str) -> None:
    """A CSV of `table`, built only when clicked: most runs never download, and a large table's
    CSV costs more than drawing the page. A click does not rerun the page."""
    st.download_button(t("download_csv", lang), data=lambda: csv_bytes(table), file_name=file_name,
                       mime="text/csv", key=key, icon=":material/download:", on_click="ignore")


def export_context(filters: Filters, drawn: pd.DataFrame) -> list[str]:
    """What a saved chart says under itself: the filters, the sources of the marks drawn, and
    when and where it was saved."""
    lang = filters.lang
    return [filters.describe(),
            f"{t('source', lang)}: {'; '.join(source_names(drawn, lang))}",
            t("saved_from", lang, date=format_date(dt.date.today(), lang), url=filters.link)]


def chart_with_table(fig: go.Figure, table: pd.DataFrame, filters: Filters, key: str, title: str,
                     drawn: pd.DataFrame) -> None:
    """The chart, the same numbers as a table, and downloads: a CSV of exactly that table, and the
    chart as PNG and SVG carrying its title, filters, sources and date (`drawn`: the rows the
    chart shows, for its source line). Images are drawn only when clicked."""
    lang = filters.lang
    chart_tab, table_tab = st.tabs([t("chart_view", lang), t("table_view", lang)])
    with chart_tab:
        st.plotly_chart(for_projector(fig) if filters.present else fig, key=f"{key}_chart",
                        config=plotly_config(lang), theme=None)
    with table_tab:
        show_table(table, lang, f"{key}_table")
    context = export_context(filters, drawn)
    with st.container(horizontal=True):
        download_button(table, download_name(title, filters, "csv"), f"{key}_download", lang)
        for fmt, icon in (("png", ":material/image:"), ("svg", ":material/draw:")):
            st.download_button(
                t(f"download_{fmt}", lang), data=lambda fmt=fmt: figure_image(for_export(fig, title, context), fmt),
                file_name=download_name(title, filters, fmt), mime=IMAGE_TYPES[fmt], key=f"{key}_{fmt}",
                icon=icon, on_click="ignore", help=t("download_image_help", lang))


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
    if not filters.present:  # on a projector the chart comes first; the presenter speaks the intro
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
        figures = ", ".join(f"{area} {period}" for area, period in zip(group["area"], group["period"]))
        st.warning(f"{group['note'].iloc[0]}  \n*{figures}*", icon=":material/info:")
