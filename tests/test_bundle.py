"""The bundled files load, and a broken file fails loudly naming file, line, column and rule."""

from __future__ import annotations

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
