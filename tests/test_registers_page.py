"""The registers page through Streamlit's AppTest: who may change data, the imports list with
removal, and the register-vs-published table (file upload itself is in the browser test)."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import queries

from .conftest import ROOT
from .registers_support import import_path, sample_files, store_database

PASSPHRASE_ENV = "DASHBOARD_ADMIN_PASSPHRASE"


@pytest.fixture
def db(tmp_path, monkeypatch):
    """The app's process-wide database, swapped for one with a temporary store."""
    database = store_database(tmp_path / "store.duckdb")
    monkeypatch.setattr(queries, "_default", database)
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield database
    st.cache_resource.clear()
    st.cache_data.clear()


def registers_page(lang: str = "vi") -> AppTest:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    if lang == "en":
        app.query_params["lang"] = "en"
    app.run()
    app.switch_page("pages/registers.py")
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.mark.parametrize("lang, words", [("vi", "Chưa đặt mật khẩu quản trị"), ("en", "No admin passphrase is set")])
def test_without_a_passphrase_the_page_explains_both_ways_to_set_one(db, lang, words):
    app = registers_page(lang)
    info = " ".join(i.value for i in app.info)
    assert words in info and "admin_passphrase" in info and PASSPHRASE_ENV in info
    assert not app.text_input  # nothing to type a passphrase into, and no uploader


def test_a_wrong_passphrase_is_refused_and_the_right_one_opens_import(db, monkeypatch):
    monkeypatch.setenv(PASSPHRASE_ENV, "s3cret")
    app = registers_page()
    app.text_input(key="registers_passphrase").input("wrong").run()
    assert [e.value for e in app.error] == ["Sai mật khẩu."]
    assert not app.get("file_uploader")
    app.text_input(key="registers_passphrase").input("s3cret").run()
    assert not app.error
    assert len(app.get("file_uploader")) == 1


def test_imports_are_listed_compared_and_removable(db, tmp_path, monkeypatch):
    monkeypatch.setenv(PASSPHRASE_ENV, "s3cret")
    for path in sample_files(tmp_path / "sample").values():
        import_path(db, path)
    app = registers_page("en")
    tables = [d.value for d in app.dataframe]
    imports, comparison = tables[0], tables[1]
    assert set(imports["File"]) == {"generated_rotation_events.csv", "generated_office_holders.csv",
                                    "generated_commune_poverty.csv"}
    assert imports["Generated"].all()
    bac_ha = comparison[(comparison["District"] == "Bắc Hà") & (comparison["Metric"] == "Rotations in total")]
    assert list(bac_ha["Published"]) == [54] and list(bac_ha["In the register"]) == [54]
    assert list(bac_ha["Difference"]) == [0]

    app.text_input(key="registers_passphrase").input("s3cret").run()
    removed = app.selectbox(key="remove_choice").value
    app.button(key="remove_import").click().run()
    assert removed not in set(db.store.imports().import_id)
    assert len(db.store.imports()) == 2


def test_the_vietnamese_comparison_table_has_distinct_column_names(db, tmp_path):
    for path in sample_files(tmp_path / "sample").values():
        import_path(db, path)
    app = registers_page("vi")
    assert not app.exception
    for frame in (d.value for d in app.dataframe):
        assert frame.columns.is_unique, list(frame.columns)
    assert "Trong sổ" in app.dataframe[1].value.columns


@pytest.mark.parametrize("lang, words", [("vi", "số liệu gốc"), ("en", "bundled data")])
def test_an_unreadable_store_is_explained_on_every_page(tmp_path, monkeypatch, lang, words):
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"this is not a DuckDB file" * 100)
    monkeypatch.setattr(queries, "_default", store_database(broken))
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        if lang == "en":
            app.query_params["lang"] = "en"
        app.run()
        assert not app.exception
        warning = " ".join(w.value for w in app.sidebar.warning)
        assert str(broken) in warning and words in warning
        assert app.metric, "the overview still shows the bundled figures"
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
