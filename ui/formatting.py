"""Numbers, bounds and search text, in the reader's language.

Vietnamese writes 65,87% and 9.530; English writes 65.87% and 9,530. A published bound
("hơn 90%") keeps its qualifier wherever it is shown.
"""

from __future__ import annotations

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
    """65.87 -> '65,87' (vi) or '65.87' (en); 9530 -> '9.530' or '9,530'; NaN -> '–'.

    Without `decimals`, up to two decimals are kept and trailing zeros dropped.
    """
    if is_missing(value):
        return "–"
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


def format_figure(value, qualifier: str | None, unit: str | None, lang: str, decimals: int | None = None) -> str:
    """A figure as published: '> 90%', '< 2%', '≈ 8', '65,87%'."""
    if is_missing(value):
        return "–"
    sign = QUALIFIER_SIGNS.get(qualifier or "=", "")
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
