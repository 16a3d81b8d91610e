"""The bundled files load, and a broken file fails loudly naming file, line, column and rule."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from queries import BundleError, Database
from queries.bundle import DATA_DIR, load


def test_bundle_loads():
    files = load()
    assert len(files["figures.csv"]) >= 80
    assert {r["area"] for r in files["areas.csv"] if r["focus"]} == {"Bắc Hà", "Điện Biên", "Phúc Thọ", "Thanh Trì"}


def _broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("*.duckdb*"))
    path = target / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def _line_of(file: str, needle: str) -> int:
    for number, line in enumerate((DATA_DIR / file).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


@pytest.mark.parametrize(
    "file, old, new, column, words",
    [
        ("figures.csv", ",65.87,=,percent,", ",165.87,=,percent,", "value", "0-100"),
        ("figures.csv", ",12,=,people,12,16,", ",17,=,people,17,16,", "numerator", "above denominator"),
        ("figures.csv", ',cpv23,"đạt tỷ lệ 53,1%"', ',,"đạt tỷ lệ 53,1%"', "source_id", "required cell is empty"),
        ("figures.csv", ',cpv23,"đạt tỷ lệ 53,1%"', ',nowhere,"đạt tỷ lệ 53,1%"', "source_id", "unknown source"),
        ("figures.csv", "blc25-18,Bắc Hà,district", "blc25-18,Hà Giang,district", "area", "unknown area"),
        ("figures.csv", ",2010-2015,18,=,officials", ",2010-2016,18,=,officials", "term", "unknown term"),
        ("figures.csv", ",6,42,cpv23,", ",7,42,cpv23,", "value", "does not match 7/42"),
        ("figures.csv", ",65.87,=,percent,", ",65,87,=,percent,", None, "has 20 cells"),
        ("figures.csv", ",65.87,=,percent,", ",6x,=,percent,", "value", "is not a number"),
        ("figures.csv", ",38.5,=,percent,", ",38.5,about,percent,", "qualifier", "qualifier must be one of"),
        ("rotation_cases.csv", "dbp17-c2,Điện Biên,", "dbp17-c2,Lai Châu,", "district", "unknown district"),
        ("data_quality.csv", "lci21-05;", "lci21-99;", "figure_ids", "unknown figure"),
    ],
)
def test_broken_file_names_file_line_column_and_rule(tmp_path, file, old, new, column, words):
    line = _line_of(file, old)
    with pytest.raises(BundleError) as caught:
        Database(_broken_copy(tmp_path, file, old, new))
    error = caught.value
    assert error.file == f"data/{file}"
    assert error.line == line
    assert error.column == column
    assert words in error.message("en")
    assert f"dòng {line}" in error.message("vi")


def test_article_figure_without_quote_is_rejected(tmp_path):
    data = _broken_copy(tmp_path, "figures.csv", '"hiện tỷ lệ hộ nghèo của xã chỉ còn 65,87%"', "")
    with pytest.raises(BundleError, match="needs its quote"):
        Database(data)


def test_missing_file_is_named(tmp_path):
    data = _broken_copy(tmp_path, "terms.csv", "term", "term")
    (data / "terms.csv").unlink()
    with pytest.raises(BundleError, match="data/terms.csv.*missing"):
        Database(data)


def test_a_text_in_one_language_only_is_rejected(tmp_path):
    data = _broken_copy(tmp_path, "figures.csv", ",Hộ nghèo và cận nghèo cộng lại,Poor and near-poor households together,",
                        ",Hộ nghèo và cận nghèo cộng lại,,")
    with pytest.raises(BundleError) as caught:
        Database(data)
    assert caught.value.column == "note_en"
    assert "note_vi" in caught.value.message("en") and "tiếng Anh" in caught.value.message("vi")


def test_a_printed_title_needs_its_translation(tmp_path):
    data = _broken_copy(tmp_path, "sources.csv", ",First results of cadre rotation in Điện Biên district,", ",,")
    with pytest.raises(BundleError) as caught:
        Database(data)
    assert (caught.value.file, caught.value.column) == ("data/sources.csv", "title_en")


@pytest.mark.parametrize("old, new", [
    (",2017-10-26,bản lưu", ",,bản lưu"),  # VTV's date removed
    ("https://ws1.cnnd.vn/print/trong-nuoc/ha-noi-huyen-thanh-tri-dat-chuan-nong-thon-moi-20171026200729138.htm",
     "https://ws1.cnnd.vn/"),  # a home page instead of the page
])
def test_high_confidence_needs_a_full_date_and_the_page_itself(tmp_path, old, new):
    with pytest.raises(BundleError) as caught:
        Database(_broken_copy(tmp_path, "sources.csv", old, new))
    assert caught.value.file == "data/figures.csv" and caught.value.column == "confidence"
    assert "home page" in caught.value.message("en")


def test_a_reference_figure_says_how_far_it_can_be_trusted(tmp_path):
    line = _line_of("figures.csv", "ref-15,")  # the first figure citing VTV's print view
    with pytest.raises(BundleError) as caught:
        Database(_broken_copy(tmp_path, "figures.csv", "print view on ws1.cnnd.vn\",high", "print view on ws1.cnnd.vn\","))
    assert (caught.value.line, caught.value.column) == (line, "confidence")


# Words that only the other language has: an English text holding one is untranslated Vietnamese,
# and the reverse. Proper names (Xuân Phú, Báo Lào Cai) hold none of them.
VIETNAMESE_WORDS = {"và", "của", "không", "được", "những", "các", "là", "trong", "theo", "đến", "từ", "nhưng", "khi"}
ENGLISH_WORDS = {"the", "and", "of", "with", "from", "for", "was", "were", "is", "are", "not", "by", "at"}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", text.lower()))


def _texts(suffix: str):
    for name, rows in load().items():
        for row in rows:
            for column, value in row.values.items():
                if column.endswith(suffix) and isinstance(value, str):
                    yield f"{name} line {row.line} {column}", value


def test_english_texts_hold_no_vietnamese_words():
    mixed = [(where, text) for where, text in _texts("_en") if _words(text) & VIETNAMESE_WORDS]
    assert not mixed, mixed


def test_vietnamese_texts_hold_no_english_words():
    mixed = [(where, text) for where, text in _texts("_vi") if _words(text) & ENGLISH_WORDS]
    assert not mixed, mixed
