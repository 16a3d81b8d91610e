"""The data package: it validates as a Frictionless Data Package; its figures open in pandas,
DuckDB (Parquet) and as CSV with a byte-order mark (Excel) with the numbers the pages show; it
follows the filters or takes everything; it cites every source in both languages; and the
Sources page and `python -m queries package` both make it."""

from __future__ import annotations

import io
import json
import math
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import yaml
from frictionless import Package

from queries.dictionary import describe_column, describe_table
from queries.i18n import LANGS, t
from queries.package import REGISTER_TABLES, Scope, build
from tests.registers_support import sample_database
from tests.test_app_dashboard import RecordingManager, downloaded_csv, open_page, recorded_downloads  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
THANH_TRI = {"districts": ["Thanh Trì"], "terms": None, "area_levels": None, "origins": None}
PACKAGE_FILES = {"datapackage.json", "README.md", "CITE.md", "CITATION.cff", "DICTIONARY.md"}


def unpack(data: bytes, into: Path) -> Path:
    """The zip's one folder, extracted under `into`."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        folders = {name.split("/")[0] for name in archive.namelist()}
        assert len(folders) == 1, folders
        archive.extractall(into)
    return into / folders.pop()


def figure_values(frame: pd.DataFrame, id_column: str = "figure_id", value_column: str = "value") -> dict:
    return {fid: (None if pd.isna(v) else float(v)) for fid, v in zip(frame[id_column], frame[value_column])}


@pytest.fixture(scope="module")
def registered(tmp_path_factory):
    """A database whose store holds the generated sample register."""
    return sample_database(tmp_path_factory.mktemp("package"))


@pytest.fixture(scope="module")
def everything(registered, tmp_path_factory):
    """Everything with the register aggregates, unpacked."""
    package = build(registered, Scope(registers=True), "goi-du-lieu")
    return package, unpack(package.data, tmp_path_factory.mktemp("everything"))


@pytest.fixture(scope="module")
def thanh_tri(db, tmp_path_factory):
    package = build(db, Scope(**THANH_TRI), "thanh-tri")
    return package, unpack(package.data, tmp_path_factory.mktemp("thanh-tri"))


@pytest.mark.parametrize("which", ["everything", "thanh_tri"])
def test_the_package_validates_as_a_frictionless_data_package(request, which):
    _, folder = request.getfixturevalue(which)
    report = Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


def test_the_package_holds_every_table_as_csv_and_parquet(everything):
    package, folder = everything
    tables = {"figures", "sources", "data_quality_notes", "terms", "areas", *REGISTER_TABLES, "register_imports"}
    assert set(package.counts) == tables
    assert PACKAGE_FILES <= {p.name for p in folder.iterdir()}
    for table in tables:
        assert (folder / "csv" / f"{table}.csv").read_bytes().startswith(b"\xef\xbb\xbf"), table  # Excel's BOM
        assert len(pd.read_parquet(folder / "parquet" / f"{table}.parquet")) == package.counts[table], table
    assert package.counts["register_rotation_counts"] > 0 and package.counts["register_imports"] == 3


def test_everything_holds_every_figure_and_the_filters_narrow_it(db, registered, everything, thanh_tri):
    assert everything[0].counts["figures"] == len(registered.run("facts"))
    assert thanh_tri[0].counts["figures"] == len(db.run("facts", **THANH_TRI)) < everything[0].counts["figures"]
    assert set(pd.read_parquet(thanh_tri[1] / "parquet" / "figures.parquet")["district"].dropna()) == {"Thanh Trì"}
    assert "register_imports" not in thanh_tri[0].counts  # the register aggregates only when chosen


def test_pandas_duckdb_and_excels_csv_read_the_numbers_the_pages_show(db, thanh_tri, recorded_downloads):
    """The Sources page's own figures CSV for Thanh Trì, against the package's three readings."""
    _, folder = thanh_tri
    at = open_page("pages/sources.py", district="Thanh Trì", lang="en")
    _, shown = downloaded_csv(at)  # the page's table, headers in the reader's language
    on_page = figure_values(shown, t("figure_id", "en"), t("value_number", "en"))
    from_csv = pd.read_csv(folder / "csv" / "figures.csv", encoding="utf-8-sig")  # as Excel reads it: BOM first
    from_parquet = pd.read_parquet(folder / "parquet" / "figures.parquet")
    with duckdb.connect() as con:
        from_duckdb = con.execute("select figure_id, value from read_parquet($path)",
                                  {"path": str(folder / "parquet" / "figures.parquet")}).df()
    expected = figure_values(db.run("facts", **THANH_TRI))
    assert on_page == expected
    for frame in (from_csv, from_parquet, from_duckdb):
        assert figure_values(frame) == expected
    assert from_csv.columns[0] == "figure_id"  # the BOM did not stick to the first header
    assert math.isclose(from_parquet["value"].sum(), db.run("facts", **THANH_TRI)["value"].sum())


def test_the_csv_is_formula_safe_and_the_parquet_keeps_the_text(thanh_tri):
    _, folder = thanh_tri
    text = (folder / "csv" / "figures.csv").read_text(encoding="utf-8-sig")
    parquet = pd.read_parquet(folder / "parquet" / "figures.parquet")
    assert "=" in set(parquet["qualifier"])
    assert "'=" in set(pd.read_csv(io.StringIO(text))["qualifier"])
    assert not any(line.startswith(("=", "+", "@")) or ",=" in line for line in text.splitlines())


def test_every_field_is_typed_and_described_in_both_languages(everything):
    _, folder = everything
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["$schema"].startswith("https://datapackage.org/profiles/")
    assert "licenses" not in descriptor and set(descriptor["license_note"]) == set(LANGS)
    for resource in descriptor["resources"]:
        assert resource["description_vi"] and resource["description_en"], resource["name"]
        for field in resource["schema"]["fields"]:
            assert field["type"] != "any", (resource["name"], field["name"])
            if resource["format"] == "csv":  # the Parquet twin refers to its CSV's meanings
                assert field["description_vi"] and field["description_en"], (resource["name"], field["name"])
    figures = next(r for r in descriptor["resources"] if r["name"] == "figures")
    types = {f["name"]: f["type"] for f in figures["schema"]["fields"]}
    assert types["value"] == "number" and types["period_start"] == "date" and types["generated"] == "boolean"


def test_the_console_tables_are_described_too(registered):
    """The console lists its tables with the same descriptions: none may be missing."""
    from queries.console import Console

    console = Console(registered, folder=registered.store.path.parent / "console")
    for table, columns in console.file().tables.items():
        for lang in LANGS:
            assert describe_table(table, lang), table
            for column, _ in columns:
                assert describe_column(table, column, lang), (table, column)


def test_the_citation_names_every_source_in_both_languages(everything):
    _, folder = everything
    sources = pd.read_parquet(folder / "parquet" / "sources.parquet")
    cff = yaml.safe_load((folder / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset" and "license" not in cff
    assert len(cff["references"]) == len(sources)
    assert {r["url"] for r in cff["references"] if "url" in r} == set(sources["url"].dropna()) - {""}
    cite = (folder / "CITE.md").read_text(encoding="utf-8")
    for lang in LANGS:
        assert f"# {t('pkg_cite_heading', lang)}" in cite
        assert t("pkg_cite_articles", lang) in cite
    for author in sources.loc[sources["kind"] == "article", "author"].dropna():
        assert author in cite
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert t("pkg_generated_line", "vi") in readme and t("pkg_generated_line", "en") in readme  # the sample says so


def test_the_command_line_writes_the_package_for_its_filters(tmp_path):
    out = tmp_path / "thanh-tri.zip"
    done = subprocess.run([sys.executable, "-m", "queries", "package", "--out", str(out), "--district", "Thanh Trì",
                           "--term", "2020-2025"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "LANG": "en_GB.UTF-8"}, timeout=120)
    assert done.returncode == 0, done.stderr
    folder = unpack(out.read_bytes(), tmp_path)
    figures = pd.read_parquet(folder / "parquet" / "figures.parquet")
    assert set(figures["district"].dropna()) == {"Thanh Trì"} and set(figures["term"].dropna()) <= {"2020-2025"}
    assert done.stdout.strip() == t("pkg_written", "en", path=out, figures=len(figures),
                                    sources=len(pd.read_parquet(folder / "parquet" / "sources.parquet")))
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["scope"]["districts"] == ["Thanh Trì"] and descriptor["scope"]["terms"] == ["2020-2025"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_sources_page_offers_the_package_and_its_citation(lang, recorded_downloads):
    at = open_page("pages/sources.py", district="Bắc Hà", lang=lang)
    button = next(b for b in at.get("download_button") if b.proto.label == t("pkg_download", lang))
    data = RecordingManager.builders[button.proto.deferred_file_id]()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        figures = pd.read_parquet(io.BytesIO(archive.read(next(n for n in names if n.endswith("parquet/figures.parquet")))))
    assert set(figures["district"].dropna()) == {"Bắc Hà"}  # with its province and the country
    assert len({name.split("/")[0] for name in names}) == 1  # one folder, named like the download
    cite = next(e for e in at.expander if e.label == t("pkg_cite_heading", lang))
    assert t("pkg_cite_sources", lang) in cite.markdown[0].value

    at.radio(key="sources_package_everything").set_value(True).run()
    button = next(b for b in at.get("download_button") if b.proto.label == t("pkg_download", lang))
    data = RecordingManager.builders[button.proto.deferred_file_id]()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        descriptor = json.loads(archive.read(next(n for n in archive.namelist() if n.endswith("datapackage.json"))))
    assert descriptor["scope"]["districts"] is None
