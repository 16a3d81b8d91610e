"""Reference figures and their citations: complete, and in line with `../shared/reference`.

Every reference figure shows its publisher, its date and the URL of the page itself, or has a
lowered confidence whose note says what is missing. Every row of the reference list (both files:
as changed on 2026-11-23, and the rows added on 2026-12-06) is a bundled figure with the same
value, period, URL and confidence.
"""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from queries.bundle import DATA_DIR, is_home_page

from .conftest import REFERENCE

needs_reference = pytest.mark.skipif(not REFERENCE.exists(), reason="../shared/reference is not beside the repository")

# What a note says when a citation is incomplete (the reference list's own words).
WHY_NOT_FULL = ("publication date not shown", "day not shown", "NOT CONFIRMED", "no single dated page")


@pytest.fixture(scope="module")
def references(db):
    facts = db.run("facts", origins=["published"])
    return facts[facts.source_kind == "reference"]


def test_every_reference_figure_is_cited_in_full_or_says_why_not(references):
    for row in references.itertuples():
        assert row.publisher_vi and row.publisher_en, row.figure_id
        full = isinstance(row.published, str) and len(row.published) == 10 and isinstance(row.url, str) \
            and not is_home_page(row.url)
        if full:
            continue
        assert row.confidence in ("medium", "low"), f"{row.figure_id}: incomplete citation, confidence {row.confidence}"
        assert any(why in row.note_en for why in WHY_NOT_FULL), f"{row.figure_id}: the note does not say why"
        assert row.note_vi


def test_high_confidence_only_with_a_dated_page(references):
    high = references[references.confidence == "high"]
    assert len(high) == 21  # 14, and 7 of the rows added on 2026-12-06
    assert high.published.str.len().eq(10).all() and not high.url.map(is_home_page).any()


def test_home_pages_are_told_apart():
    assert is_home_page("https://vtv.vn") and is_home_page("https://langngheviet.com.vn/")
    assert not is_home_page("https://vtv.vn/some-article-1234.htm")
    assert not is_home_page("https://huyendienbien.dienbien.gov.vn/Tintuc/View/x?PageIndex=152")


def test_article_figures_cite_title_publisher_and_date(db):
    facts = db.run("facts", origins=["published"])
    articles = facts[facts.source_kind == "article"]
    assert articles.source_title.notna().all() and articles.source_title_en.notna().all()
    assert articles.publisher_vi.notna().all() and articles.published_display.notna().all()


REFERENCE_FILES = ("public_figures.csv", "public_figures_added_2026-12-06.csv")  # together, the reference list
# Where the reference's note says the measure more exactly than its metric, the bundle names it:
# Điện Biên's 16/25 of 2019 "met or basically met the standard" is not the 'met' count.
NARROWER_METRICS = {"ntm_communes_met_or_basic": "ntm_communes"}


def _reference_rows() -> list[dict]:
    return [row for name in REFERENCE_FILES for row in csv.DictReader((REFERENCE / name).open(encoding="utf-8"))]


@needs_reference
@pytest.mark.parametrize("ref", _reference_rows() if REFERENCE.exists() else [],
                         ids=lambda r: f"{r['area']}-{r['metric']}-{r['period']}-{r['value']}")
def test_every_reference_row_is_a_bundled_figure(references, ref):
    same = references[(references.area == ref["area"]) & (references.area_level == ref["area_level"])
                      & (references.metric.replace(NARROWER_METRICS) == ref["metric"]) & (references.value == float(ref["value"]))
                      & (references.qualifier == ref["qualifier"])]
    same = same[same.period_start.dt.year <= int(ref["period"][:4])]
    same = same[same.period_end.dt.year >= int(ref["period"][-4:])]
    assert len(same) == 1, ref
    figure = same.iloc[0]
    assert figure.url == ref["url"]
    assert figure.confidence == ref["confidence"]
    published = figure.published if isinstance(figure.published, str) else ""
    assert published == ref["published"] or not ref["published"] and len(published) < 10
    for part in ("numerator", "denominator"):
        assert ("" if pd.isna(figure[part]) else str(figure[part])) == ref[part]


@needs_reference
def test_no_reference_figure_is_left_over(references):
    assert len(references[~references.figure_id.str.startswith("dist-")]) == len(_reference_rows())


@needs_reference
def test_districts_follow_the_reference():
    ours = {r["district"]: r for r in csv.DictReader((DATA_DIR / "districts.csv").open(encoding="utf-8"))}
    for ref in csv.DictReader((REFERENCE / "districts.csv").open(encoding="utf-8")):
        row = ours[ref["district"]]
        for column in ("province", "gso_district_code", "gso_province_code", "area_km2", "population",
                       "population_year", "lat", "lon"):
            assert row[column] == ref[column], (ref["district"], column)
        assert row["communes_before_2025_en"] == ref["communes_before_2025"]
        assert row["became_on_2025_07_01_en"] == ref["became_on_2025_07_01"]
