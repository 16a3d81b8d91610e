"""Tables and file names, without Streamlit: what a page shows under a chart, what its CSV holds,
and what a saved file is called. The pages, the command line and the briefing share them."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
from pandas.io.formats.style import Styler

from queries.i18n import t

from .citations import origin_text
from .formatting import QUALIFIER_SIGNS, fold, format_date, format_figure, format_number, is_missing
from .selection import Filters

# Table columns most pages show, in order, with the i18n key of their header.
FIGURE_COLUMNS = {
    "district": "district", "area": "area", "period": "period", "term": "term",
    "shown": "value_as_published", "value": "value_number", "origin_shown": "data_source",
    "publisher": "publisher", "published_display": "published_on", "source_title": "title",
    "quote": "quote", "url": "url", "figure_id": "figure_id",
}


# Columns of long text (their i18n keys): drawn wide, so a note or a title is not cut short.
WIDE_COLUMNS = ("note", "title", "quote", "check", "quality_note")


def wide_headers(lang: str) -> set[str]:
    return {t(key, lang) for key in WIDE_COLUMNS}


def display_table(frame: pd.DataFrame, columns: dict[str, str], lang: str) -> pd.DataFrame:
    """The columns to show, in order, with headers in the reader's language. Where the rows
    carry a published bound (`qualifier`), the value column's header is listed in
    `attrs["qualifiers"]` with each row's qualifier, so the screen writes "> 90", never a bare 90."""
    present = [c for c in columns if c in frame.columns]
    table = frame[present].set_axis([t(columns[c], lang) for c in present], axis=1).reset_index(drop=True)
    if "value" in present and "qualifier" in frame.columns:
        table.attrs["qualifiers"] = {t(columns["value"], lang): Qualifiers(frame["qualifier"])}
    return table


class Qualifiers(tuple):
    """A table's qualifiers by row (`display_table`). Read-only, so pandas, which deep-copies a
    frame's `attrs` with every copy or slice of it, keeps this one instead of copying it."""

    def __deepcopy__(self, memo):
        return self


def table_texts(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each cell as the reader reads it, as text: numbers the page language's way (147,8 and
    9.530 on a Vietnamese page), a bound with its sign ("> 90"), counts without decimals,
    halves rounded up, dates as dd/mm/yyyy and a dash for anything missing. What a printed
    table (the briefing) shows, and what the screen's table displays over its numbers."""
    return pd.DataFrame(dict(enumerate(_column_texts(table, lang))), index=table.index).set_axis(table.columns, axis=1)


def _column_texts(table: pd.DataFrame, lang: str) -> list[list]:
    """`table_texts`, column by column, as lists: a view for new filters formats its tables
    once, and pandas' per-cell steps would cost more than the text."""
    qualifiers = table.attrs.get("qualifiers", {})
    out = []
    for name, values in table.items():
        missing = values.isna().tolist()
        if pd.api.types.is_bool_dtype(values) or not (pd.api.types.is_numeric_dtype(values)
                                                      or pd.api.types.is_datetime64_any_dtype(values)):
            out.append(["–" if gone else value for value, gone in zip(values.tolist(), missing)])
        elif pd.api.types.is_numeric_dtype(values):
            shown = ["–" if gone else format_number(value, lang) for value, gone in zip(values.tolist(), missing)]
            signs = [QUALIFIER_SIGNS.get(q, "") if isinstance(q, str) else "" for q in qualifiers.get(name, ())]
            out.append([text if text == "–" else sign + text for sign, text in zip(signs, shown)] if signs else shown)
        else:
            present = values.dropna()
            timed = bool((present != present.dt.normalize()).any())  # an import's time of day
            out.append(["–" if gone else f"{v:%d/%m/%Y %H:%M}" if timed else f"{v:%d/%m/%Y}"
                        for v, gone in zip(values, missing)])
    return out


def shown_table(table: pd.DataFrame, lang: str) -> Styler:
    """The table for the screen: numbers stay numbers (the browser sorts them as numbers), each
    cell displayed as `table_texts` writes it, whatever the browser's own locale (which is all
    st.dataframe would follow). The CSV download keeps the numbers themselves (`csv_bytes`).

    Streamlit makes a Styler's display values on every draw: `data.astype(str)`, then each cell
    that `_translate` (after `_compute`) names overwritten with its text. Here the texts are made
    once: the data answers `astype(str)` with them and `_translate` names no cell, instead of
    pandas formatting and writing cell by cell on every draw (about 6 ms for a table of 7 rows)."""
    texts = pd.DataFrame({i: [str(text) for text in column] for i, column in enumerate(_column_texts(table, lang))},
                         index=table.index, dtype="str").set_axis(table.columns, axis=1)
    styler = Styler(_NumbersWithTexts(table, texts))
    translated = {"table_styles": [], "cellstyle": [], "caption": None, "body": []}
    styler._compute = lambda: styler
    styler._translate = lambda *args, **kwargs: translated
    return styler


class _NumbersWithTexts(pd.DataFrame):
    """A screen table's numbers that answer `astype(str)` with their texts as the reader reads
    them (`shown_table`). Anything pandas derives from it is a plain frame."""

    def __init__(self, numbers: pd.DataFrame, texts: pd.DataFrame):
        super().__init__(numbers)
        object.__setattr__(self, "_texts", texts)

    @property
    def _constructor(self):
        return pd.DataFrame

    def astype(self, dtype, *args, **kwargs):
        if dtype is str:
            return self._texts.copy()
        return super().astype(dtype, *args, **kwargs)


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


NAMED_DISTRICTS = 4  # a file name lists up to this many districts, else says how many


def download_name(what: str, filters: Filters, ext: str) -> str:
    """One pattern for every file the dashboard gives away: what it is, the districts, terms and
    data source it covers (when narrowed), and the day, in plain ASCII so any system keeps it:
    `muc-dat-so-voi-chi-tieu_thanh-tri_2020-2025_2026-11-23.png`."""
    parts = [_slug(what)]
    if filters.districts:  # every district named, or how many: a name never drops one silently
        named = len(filters.districts) <= NAMED_DISTRICTS
        parts.append(_slug(" ".join(filters.districts) if named
                           else t("n_districts", filters.lang, n=len(filters.districts))))
    if set(filters.terms) != set(filters.all_terms):
        parts.append(_slug(" ".join(filters.terms)) or "-")
    if filters.origin != "published":
        parts.append(_slug(t(f"origin_{filters.origin}", filters.lang)))
    parts.append(dt.date.today().isoformat())
    return "_".join(parts) + f".{ext}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def export_context(filters: Filters, source_line: str) -> list[str]:
    """What a saved chart says under itself: first its source line (`ChartView.source_line`,
    as on the page, right under the chart), then the filters, and when and where it was saved."""
    lang = filters.lang
    return [source_line, filters.describe(),
            t("saved_from", lang, date=format_date(dt.date.today(), lang), url=filters.link)]
