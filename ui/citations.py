"""Citation text for a figure: publisher, date, title and, for articles, the verbatim quote."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from pandas.core.dtypes.cast import maybe_box_native

from .formatting import is_missing
from queries.i18n import t


CITED = ("origin", "generated", "period", "publisher", "published_display", "source_title", "quote", "url", "note")


def records(frame, *columns: str) -> list[dict]:
    """`frame`'s rows as dicts of the columns a citation, a hover text or a source name reads,
    and `columns`, where `frame` has them. A query returns dozens of columns (every text in two
    languages): a dict of all of them per row costs more than the text made from it."""
    wanted = [c for c in dict.fromkeys((*CITED, *columns)) if c in frame.columns]
    return row_dicts(frame, wanted)


def row_dicts(frame, columns=None) -> list[dict]:
    """`frame.to_dict("records")` (of `columns` only, if given), the same values (pandas' NA
    as None), made column by column: pandas makes every row from every column through
    `itertuples`, which costs more than the small views' rows themselves."""
    columns = list(frame.columns) if columns is None else list(columns)
    values = [column.tolist() if _native(column.dtype) else list(map(maybe_box_native, column.tolist()))
              for column in (frame[c] for c in columns)]
    return [dict(zip(columns, row)) for row in zip(*values)] if columns else [{} for _ in range(len(frame))]


def _native(dtype) -> bool:
    """A column whose `tolist` already gives Python values (numbers of numpy's own types, and
    text: str, or NaN where missing), which need no boxing value by value."""
    return (isinstance(dtype, np.dtype) and dtype != object) or isinstance(dtype, pd.StringDtype)


def _get(row, column):
    value = row.get(column) if hasattr(row, "get") else None
    return None if is_missing(value) or value == "" else value


def source_label(row, lang: str) -> str:
    """'Chinhphu.vn, 27/07/2023': the publisher and the date, or that the source shows no date."""
    publisher = _get(row, "publisher") or "?"
    date = _get(row, "published_display")
    return f"{publisher}, {date}" if date else f"{publisher} ({t('date_not_shown', lang)})"


def is_generated(row) -> bool:
    """True for a figure from a generated SAMPLE register, which must always be labelled so."""
    return bool(_get(row, "generated"))


def origin_text(row, lang: str) -> str:
    """'Đã công bố', 'Sổ đăng ký' or 'Sổ đăng ký (mẫu)': a table column, so a downloaded register
    figure is never taken for a published one."""
    if _get(row, "origin") != "register":
        return t("published", lang)
    return t("register", lang) + (f" ({t('sample_short', lang)})" if is_generated(row) else "")


def origin_suffix(row, lang: str) -> str:
    """' · theo sổ đăng ký (mẫu)' / ', from a sample register' for a register figure, '' for a
    published one: legends and labels tell a district's register series from its published one,
    which share its colour."""
    if _get(row, "origin") != "register":
        return ""
    return t("register_suffix_sample" if is_generated(row) else "register_suffix", lang)


def source_name(row, lang: str) -> str:
    """A figure's source in a few words: 'Chinhphu.vn, 27/07/2023', or for a register figure its
    file ('Sổ đăng ký (mẫu) «generated_rotation_events.csv»')."""
    if _get(row, "origin") == "register":
        return f"{origin_text(row, lang)} «{_get(row, 'source_title') or '?'}»"
    return source_label(row, lang)


def source_names(frame, lang: str) -> list[str]:
    """Each source of `frame`'s rows once, in order of first use (`source_name`)."""
    return list(dict.fromkeys(source_name(row, lang) for row in records(frame)))


def citation_text(row, lang: str) -> str:
    """One line for a table or a caption: source, title and quote (or note)."""
    parts = [f"{t('source', lang)}: {source_label(row, lang)}"]
    title = _get(row, "source_title")
    if title:
        parts.append(f"«{title}»")
    quote = _get(row, "quote")
    if quote:
        parts.append(f"“{quote}”")
    elif _get(row, "note"):
        parts.append(f"({_get(row, 'note')})")
    return " — ".join(parts)


def hover_lines(row, lang: str, heading: str, value_text: str) -> str:
    """Hover text for one chart mark: what, how much (with qualifier), when and from where."""
    lines = [f"<b>{heading}</b>", f"{t('value', lang)}: <b>{value_text}</b>"]
    period = _get(row, "period")
    if period:
        lines.append(f"{t('period', lang)}: {period}")
    if _get(row, "origin") == "register":  # the register's file and import time, not a publisher
        lines.append(f"{t('source', lang)}: {origin_text(row, lang)} «{_get(row, 'source_title') or '?'}»")
        lines.append(f"{t('imported_on', lang)}: {_get(row, 'published_display') or '?'}")
    else:
        lines.append(f"{t('source', lang)}: {source_label(row, lang)}")
    quote = _get(row, "quote")
    if quote:
        wrapped = textwrap.wrap(f"“{quote}”", 70)
        lines += wrapped[:3] + (["…"] if len(wrapped) > 3 else [])
    return "<br>".join(lines)
