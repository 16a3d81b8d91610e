"""The bundled figures against the articles they come from (`../shared/seeds`, when present).

- every quote appears verbatim in its article;
- every number printed in an article's body is either held by a figure's quote, or is
  something other than a figure (a date, a document number, an image name), said why;
- each article figure's value and qualifier read back from its own quote.
"""

from __future__ import annotations

import csv
import re

import pytest

from queries.bundle import DATA_DIR

from .conftest import SEEDS

pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is not beside the repository")

# Where an article's own text ends and the site's related-news list begins.
FOOTERS = ("Bình luận", "Có thể bạn quan tâm", "Phản hồi", "\nTop")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
# Numbers that are not figures: dates and times, document numbers, image names.
NOT_FIGURES = [
    (re.compile(r"\d{1,2}:\d{2}"), "a time of day"),
    (re.compile(r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{4}"), "a date"),
    (re.compile(r"\b(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\b|\b(?:19|20)\d{2}\b"), "a year or a term"),
    (re.compile(r"\d+/\d{4}/[A-ZĐ]+|\d+-(?:NQ|QĐ|Q)/TU|(?:Quy định|Nghị quyết|Kế hoạch)(?: số)? \d+"), "a document number"),
    (re.compile(r"\d+\.png|Ảnh \d+"), "an image name"),
    (re.compile(r"Lượt xem: \d+"), "the page's view counter"),
    (re.compile(r"Dự án 600"), "a project's name (Project 600 commune vice-chairs)"),
    (re.compile(r"Sau \d+ năm|sau \d+ năm|trong \d+ năm|Sau gần \d+ năm"), "a duration, kept as the figures' period"),
    (re.compile(r"đợt \d+"), "a round number ('round 2 of 2023')"),
]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _articles() -> dict[str, str]:
    out = {}
    for source in csv.DictReader((DATA_DIR / "sources.csv").open(encoding="utf-8")):
        if source["kind"] == "article":
            text = (SEEDS / source["file"]).read_text(encoding="utf-8")
            end = min([i for i in (text.find(f) for f in FOOTERS) if i > 0] + [len(text)])
            out[source["source_id"]] = _squash(text[:end])
    return out


def _quoted_rows() -> list[dict]:
    rows = list(csv.DictReader((DATA_DIR / "figures.csv").open(encoding="utf-8")))
    rows += list(csv.DictReader((DATA_DIR / "rotation_cases.csv").open(encoding="utf-8")))
    return rows


ARTICLES = _articles() if SEEDS.exists() else {}


def test_every_article_is_a_source():
    assert len(ARTICLES) == 5


@pytest.mark.parametrize("row", [r for r in _quoted_rows() if r["source_id"] in ARTICLES], ids=lambda r: r.get("figure_id") or r["case_id"])
def test_quote_is_verbatim_in_its_article(row):
    assert _squash(row["quote"]) in ARTICLES[row["source_id"]]


@pytest.mark.parametrize("source_id", sorted(ARTICLES))
def test_every_number_in_the_article_is_a_figure_or_said_why_not(source_id):
    body = ARTICLES[source_id]
    quoted_spans = []
    for row in _quoted_rows():
        if row["source_id"] == source_id:
            quote = _squash(row["quote"])
            start = body.find(quote)
            quoted_spans.append((start, start + len(quote)))
    excused_spans = [(m.start(), m.end()) for pattern, _ in NOT_FIGURES for m in pattern.finditer(body)]
    # A figure the article repeats ("61 huyện nghèo" twice) is held by one quote.
    with_next_word = lambda m: body[m.start():].split(" ", 2)[:2]  # noqa: E731
    quoted_numbers = [with_next_word(m) for m in NUMBER.finditer(body)
                      if any(a <= m.start() and m.end() <= b for a, b in quoted_spans)]
    missing = []
    for match in NUMBER.finditer(body):
        inside = lambda spans: any(a <= match.start() and match.end() <= b for a, b in spans)  # noqa: E731
        if not inside(quoted_spans) and not inside(excused_spans) and with_next_word(match) not in quoted_numbers:
            missing.append(body[max(0, match.start() - 30): match.end() + 30])
    assert not missing, "numbers in the article that no figure holds:\n" + "\n".join(missing)


def _vietnamese(value: float) -> set[str]:
    """The ways an article may print `value`: 65,87 / 9.530 / 95,3 nghìn."""
    if value == int(value):
        whole = int(value)
        forms = {f"{whole:,}".replace(",", "."), str(whole)}
        if whole >= 1000 and whole % 100 == 0:
            forms.add(f"{whole / 1000:g}".replace(".", ",") + " nghìn")
        return forms
    return {f"{value:g}".replace(".", ",")}


QUALIFIER_WORDS = {">": ("hơn", "trên"), "<": ("dưới",), "≈": ("gần",), "<=": ("trong",)}


@pytest.mark.parametrize(
    "row",
    [r for r in csv.DictReader((DATA_DIR / "figures.csv").open(encoding="utf-8")) if r["quote"]],
    ids=lambda r: r["figure_id"],
)
def test_value_and_qualifier_read_back_from_the_quote(row):
    quote = row["quote"]
    value = float(row["value"])
    if row["numerator"] and row["denominator"]:
        same_source = " ".join(r["quote"] for r in _quoted_rows() if r["source_id"] == row["source_id"])
        for part in (row["numerator"], row["denominator"]):
            assert any(form in same_source for form in _vietnamese(float(part))), f"{part} is printed nowhere"
    found = [form for form in _vietnamese(value) if re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|,\d)", quote)]
    assert found, f"{value:g} is not printed in the quote"
    position = min(quote.find(form) for form in found)
    before = quote[max(0, position - 8):position]
    words = [w for ws in QUALIFIER_WORDS.values() for w in ws if w in before.split()]
    expected = QUALIFIER_WORDS.get(row["qualifier"], ())
    if expected:
        assert any(w in expected for w in words), f"qualifier {row['qualifier']} but the quote reads '{before}{found[0]}'"
    else:
        assert not words, f"qualifier '=' but the quote reads '{before}{found[0]}'"
