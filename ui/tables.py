"""Tables and file names, without Streamlit: what a page shows under a chart, what its CSV holds,
and what a saved file is called. The pages, the command line and the briefing share them."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from queries.i18n import t

from .citations import origin_text
from .formatting import fold, format_date, format_figure, format_number, is_missing
from .selection import Filters

# Table columns most pages show, in order, with the i18n key of their header.
FIGURE_COLUMNS = {
    "district": "district", "area": "area", "period": "period", "term": "term",
    "shown": "value_as_published", "value": "value_number", "origin_shown": "data_source",
    "publisher": "publisher", "published_display": "published_on", "source_title": "title",
    "quote": "quote", "url": "url", "figure_id": "figure_id",
}


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


def export_context(filters: Filters, sources) -> list[str]:
    """What a saved chart says under itself: the filters, the sources of the marks drawn
    (`ChartView.source_names`), and when and where it was saved."""
    lang = filters.lang
    return [filters.describe(),
            f"{t('source', lang)}: {'; '.join(sources)}",
            t("saved_from", lang, date=format_date(dt.date.today(), lang), url=filters.link)]
