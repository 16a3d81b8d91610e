"""One language per page: a Vietnamese page shows no word that only the English side of the
catalogue uses, and an English page no word that only the Vietnamese side uses.

Everything a reader can see is read from the page as AppTest renders it: headings, text,
captions, notices, metrics, widget labels and options, page links, tabs, table headers and
cells, and every text of every chart (titles, labels, legends, ticks, hover text). Names of
places, people and newspapers are the same in both languages, and so are verbatim quotes
(“…”) and titles as printed («…»): they are left out, and so are codes (`rotation_events`). A
Vietnamese word written with a capital on an English page is a name (Bản Liền, Định Công).
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from queries import database
from queries.i18n import STRINGS
from tests.test_app_dashboard import _plain, open_page

PAGES = ("dashboard.py", "pages/rotations.py", "pages/poverty.py", "pages/quotas.py", "pages/sources.py",
         "pages/registers.py", "pages/sql.py")
WORD = re.compile(r"[^\W\d_]+")
QUOTED = re.compile(r"“[^”]*”|«[^»]*»|\"[^\"]*\"|`[^`]*`")  # quotes, titles as printed, code
# Table columns that hold quotes and titles as printed, addresses, and figure ids (codes a
# researcher cites: `cpv23-07`, `reg:<import>:rotations_total:…`).
VERBATIM_COLUMNS = {key for key in ("quote", "title", "url", "figure_id") for key in STRINGS[key]}
SAME_IN_BOTH = {"csv", "png", "svg", "xlsx", "url", "id"}  # formats and abbreviations both languages use


def _words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(text)}


def _names(db) -> set[str]:
    """Words of names: places, people, units and publishers, written the same in both languages."""
    frames = [db.sql("select area, district, province from areas"),
              db.sql("select person, from_unit, to_unit from rotation_moves"),
              db.sql("select publisher_vi, author from sources where kind in ('article', 'reference')")]
    return {word for frame in frames for value in frame.stack().dropna() for word in _words(str(value))}


@pytest.fixture(scope="module")
def vocabulary() -> dict[str, set[str]]:
    return one_language_vocabulary()


def one_language_vocabulary() -> dict[str, set[str]]:
    """The words only one side of the catalogue uses, names and shared abbreviations left out."""
    db = database()
    vi_words = {w for vi, _ in STRINGS.values() for w in _words(QUOTED.sub(" ", vi))}
    en_words = {w for _, en in STRINGS.values() for w in _words(QUOTED.sub(" ", en))}
    shared = SAME_IN_BOTH | _names(db)
    return {"vi": {w for w in vi_words - en_words - shared if not w.isascii()},  # words with Vietnamese letters
            "en": {w for w in en_words - vi_words - shared if len(w) > 2}}


def page_words(text: str, other: str) -> set[str]:
    """The words of `text` that could be the `other` language's: a capitalised Vietnamese word
    on an English page is a name."""
    return _words(text) if other == "en" else {w.lower() for w in WORD.findall(text) if w.islower()}


def _texts_of_chart(spec: dict) -> list[str]:
    layout = spec.get("layout", {})
    texts = [layout.get("title", {}).get("text", ""), layout.get("legend", {}).get("title", {}).get("text", "")]
    texts += [a.get("text", "") for a in layout.get("annotations", [])]
    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")):
            texts += [axis.get("title", {}).get("text") or "", *map(str, axis.get("ticktext", []))]
    for trace in spec.get("data", []):
        texts.append(trace.get("name") or "")
        for key in ("text", "hovertext", "customdata"):
            value = trace.get(key)
            texts += [str(v) for v in value] if isinstance(value, list) else [str(value or "")]
    return [re.sub(r"<[^>]+>", " ", text) for text in texts]


def _texts_of_table(frame: pd.DataFrame) -> list[str]:
    shown = frame[[c for c in frame.columns if c not in VERBATIM_COLUMNS]]
    return [*map(str, shown.columns), *(str(v) for v in shown.stack().dropna())]


def visible_texts(at: AppTest) -> list[str]:
    """Every text the page shows, element by element."""
    texts: list[str] = []

    def visit(node) -> None:
        kind = getattr(node, "type", "")
        if kind == "plotly_chart":
            texts.extend(_texts_of_chart(_plain(json.loads(node.proto.spec))))
        elif kind == "dataframe":
            texts.extend(_texts_of_table(node.value))
        elif kind in ("code", "html", "button_group"):  # addresses, styles, the languages named in themselves
            pass
        elif hasattr(node, "proto") and node.proto is not None:
            for field in ("label", "body", "help", "placeholder", "value"):
                value = getattr(node.proto, field, None)
                if isinstance(value, str):
                    texts.append(value)
            texts.extend(str(option) for option in getattr(node.proto, "options", []) if isinstance(option, str))
        for child in getattr(node, "children", {}).values():
            visit(child)

    visit(at._tree)
    return [re.sub(r"https?://\S+|<[^>]+>", " ", QUOTED.sub(" ", text)) for text in texts]  # not addresses, not tags


@pytest.mark.parametrize("params", [{}, {"district": "Bắc Hà", "level": ["district", "commune"]}],
                         ids=["all districts", "one district with its communes"])
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_a_page_speaks_one_language(page, lang, params, vocabulary):
    other = "en" if lang == "vi" else "vi"
    at = open_page(page, lang=lang, **params)
    found = {}
    for text in visible_texts(at):
        for word in page_words(text, other) & vocabulary[other]:
            found.setdefault(word, text[:120])
    assert not found, f"{other} words on a {lang} page: {found}"
