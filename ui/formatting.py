"""Numbers, bounds and search text, in the reader's language.

Vietnamese writes 65,87% and 9.530; English writes 65.87% and 9,530. A published bound
("hơn 90%") keeps its qualifier wherever it is shown.
"""

from __future__ import annotations

import math
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

UNIT_SUFFIX = {"percent": ("%", "%"), "points": (" điểm", " points"),
               "points_per_year": (" điểm/năm", " points/year"), "days_per_year": (" ngày/năm", " days/year")}
QUALIFIER_WORDS = {">": ("hơn", "more than"), "<": ("dưới", "less than"), "≈": ("gần", "nearly"),
                   ">=": ("ít nhất", "at least"), "<=": ("không quá", "at most")}
QUALIFIER_SIGNS = {">": "> ", "<": "< ", "≈": "≈ ", ">=": "≥ ", "<=": "≤ "}


def is_missing(value) -> bool:
    """None, NaN, NaT or pandas.NA (query results use all of them)."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and arrays are values
        return False


def format_number(value, lang: str, decimals: int | None = None) -> str:
    """65.87 -> '65,87' (vi) or '65.87' (en); 9530 -> '9.530' or '9,530'; NaN -> '–'; infinity -> '∞'.

    Without `decimals`, up to two decimals are kept and trailing zeros dropped. Halves round up,
    as readers round: 5/16 = 31.25 -> '31,3' with one decimal (Python's float formatting would
    give 31.2, since it rounds the binary value half to even).
    """
    if is_missing(value):
        return "–"
    if math.isinf(float(value)):  # a console query can make one: 'inf'::double
        return "∞" if float(value) > 0 else "−∞"
    # Half up, as readers round (5/16 = 31,25 -> 31,3), from the shortest decimal that names the
    # float: 31.25 is stored exactly and Python's own formatting would round it to even (31,2).
    places = 2 if decimals is None else decimals
    number = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{abs(number) if number == 0 else number:,.{places}f}"  # never "-0"
    if decimals is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_date(day, lang: str) -> str:
    """23/11/2026 (vi) or 23 November 2026 (en)."""
    return day.strftime("%d %B %Y" if lang == "en" else "%d/%m/%Y")


def unit_suffix(unit: str | None, lang: str) -> str:
    vi, en = UNIT_SUFFIX.get(unit or "", ("", ""))
    return en if lang == "en" else vi


def format_figure(value, qualifier: str | None, unit: str | None, lang: str, decimals: int | None = None, *,
                  out_of=None) -> str:
    """A figure as published: '> 90%', '< 2%', '≈ 8', '65,87%'; a count printed with what it is
    out of (`out_of`, its denominator) as '4/19', never as a bare 4."""
    if is_missing(value):
        return "–"
    if decimals is None:  # every decimal the source printed: Hà Nội's 0,095% is not 0,1%
        places = len(repr(float(value)).partition(".")[2].rstrip("0"))
        decimals = places if 2 < places <= 4 else None
    sign = QUALIFIER_SIGNS.get(qualifier or "=", "")
    if not is_missing(out_of) and unit != "percent":
        return f"{sign}{format_number(value, lang, decimals)}/{format_number(out_of, lang)}"
    return f"{sign}{format_number(value, lang, decimals)}{unit_suffix(unit, lang)}"


def is_bound(qualifier: str | None) -> bool:
    """True for a published lower or upper bound, which must never be drawn as an exact point."""
    return (qualifier or "=") in (">", "<", ">=", "<=")


def fold(text) -> str:
    """Lower-case text without accents, for searching: 'Điện Biên' -> 'dien bien'.

    Đ/đ is not a composed letter, so NFKD leaves it alone; it is mapped to d first.
    """
    if is_missing(text):
        return ""
    plain = str(text).replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFKD", plain)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_text(frame: pd.DataFrame) -> pd.Series:
    """Every cell of a row in one folded string, built column by column (not row by row), so a
    search over tens of thousands of rows is a few vectorised `str.contains`."""
    joined = pd.Series("", index=frame.index)
    for column in frame.columns:
        joined = joined + " " + frame[column].astype(str).fillna("")  # pandas 3 keeps NA through astype(str)
    return joined.map(fold)


def matching(query: str, texts: pd.Series) -> pd.Series:
    """Which `texts` (already folded, see `search_text`) contain every word of `query`,
    ignoring accents and case."""
    found = pd.Series(True, index=texts.index)
    for word in fold(query).split():
        found &= texts.str.contains(word, regex=False)
    return found


def in_language(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The query result with its text in the reader's language, under the plain column name.

    For every `X_vi` / `X_en` pair, `X` is added in `lang` (`period`, `note`, `publisher` ...),
    unless `X` is already a column (a code such as `metric` beside its labels `metric_vi` /
    `metric_en`). A printed original `X` with a translation `X_en` (a title: a citation, kept as
    printed) reads `X [X_en]` for English readers, the scholarly convention, and `X` for
    Vietnamese ones. The pairs stay, so the command line and the tests still see both languages.
    """
    columns = set(frame.columns)
    added = {}
    for column in frame.columns:
        if not column.endswith("_en"):
            continue
        stem = column[:-3]
        if f"{stem}_vi" in columns and stem not in columns:
            added[stem] = frame[column if lang == "en" else f"{stem}_vi"]
        elif f"{stem}_vi" not in columns and stem in columns and lang == "en":
            added[stem] = pd.Series([original if is_missing(original) or is_missing(translation)
                                     else f"{original} [{translation}]"
                                     for original, translation in zip(frame[stem], frame[column])],
                                    index=frame.index, dtype=frame[stem].dtype)  # objects stay objects
    return frame.assign(**added) if added else frame


def ranked_search(frame: pd.DataFrame, query: str, first_columns: tuple[str, ...] = ("district", "area")) -> pd.DataFrame:
    """The rows holding every word of `query` (accents and case ignored), the ones whose
    `first_columns` hold the whole query first: a search for "thanh tri" lists Thanh Trì's
    figures before figures that merely mention "thanh" and "trí" somewhere."""
    if not fold(query).split():
        return frame
    found = frame[matching(query, search_text(frame))]
    phrase = " ".join(fold(query).split())
    leading = search_text(found.reindex(columns=[c for c in first_columns if c in found.columns]))
    order = (~leading.str.contains(phrase, regex=False)).to_numpy().argsort(kind="stable")
    return found.iloc[order]
