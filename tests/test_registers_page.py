"""The registers page through Streamlit's AppTest: who may change data (the passphrase, NFC,
slowed after failures), what viewers see (never a server path), the imports list with removal,
the register-vs-published table, and a page opened during an import (file upload itself is in
the browser test)."""

from __future__ import annotations

import io
import unicodedata

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import queries
from ui import access

from queries.registers import KINDS
from queries.templates import notes_csv, template_csv, template_xlsx

from .conftest import ROOT
from .registers_support import import_path, sample_files, store_database
from .test_app_dashboard import recorded_downloads  # noqa: F401
from .test_store import Importer

PASSPHRASE_ENV = "DASHBOARD_ADMIN_PASSPHRASE"


@pytest.fixture
def db(tmp_path, monkeypatch):
    """The app's process-wide database, swapped for one with a temporary store."""
    database = store_database(tmp_path / "store")
    monkeypatch.setattr(queries, "_default", database)
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    monkeypatch.setattr(access, "THROTTLE", access.Throttle())
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


def every_text(app: AppTest) -> str:
    """What a viewer can read on the page: every text element, in the main area and the sidebar."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success",
                 "code", "text"):
        parts += [str(e.value) for e in getattr(app, kind)]
    parts += [d.value.to_string() for d in app.dataframe]
    return "\n".join(parts)


def type_passphrase(app: AppTest, text: str) -> AppTest:
    return app.text_input(key="registers_passphrase").input(text).run()


@pytest.mark.parametrize("lang, words", [("vi", "Chưa đặt mật khẩu quản trị"), ("en", "No admin passphrase is set")])
def test_without_a_passphrase_the_page_explains_both_ways_to_set_one(db, lang, words):
    app = registers_page(lang)
    info = " ".join(i.value for i in app.info)
    assert words in info and "admin_passphrase" in info and PASSPHRASE_ENV in info
    assert not app.text_input  # nothing to type a passphrase into, and no uploader


def test_a_wrong_passphrase_is_refused_and_the_right_one_opens_import(db, monkeypatch):
    monkeypatch.setenv(PASSPHRASE_ENV, "s3cret")
    app = registers_page()
    type_passphrase(app, "wrong")
    assert [e.value for e in app.error] == ["Sai mật khẩu."]
    assert not app.get("file_uploader")
    app.run()  # a rerun with the same text is not another attempt
    assert access.THROTTLE.failures == {f"session:{app.session_state['access_session']}": 1}
    type_passphrase(app, "s3cret")
    assert not app.error
    assert len(app.get("file_uploader")) == 1


def test_the_passphrase_matches_in_any_unicode_normal_form(db, monkeypatch):
    monkeypatch.setenv(PASSPHRASE_ENV, "mật khẩu Đông")
    app = registers_page()
    type_passphrase(app, unicodedata.normalize("NFD", "mật khẩu Đông"))
    assert not app.error and len(app.get("file_uploader")) == 1


def test_attempts_are_slowed_after_a_few_failures(db, monkeypatch):
    monkeypatch.setenv(PASSPHRASE_ENV, "s3cret")
    app = registers_page("en")
    for attempt in range(access.FREE_ATTEMPTS):
        type_passphrase(app, f"wrong {attempt}")
        assert [e.value for e in app.error] == ["Wrong passphrase."]
    type_passphrase(app, "wrong again")  # the fourth failure starts the wait
    type_passphrase(app, "s3cret")  # even the right one waits now
    assert app.error[0].value.startswith("Too many wrong passphrases. Try again in ")
    assert not app.get("file_uploader")


def test_the_throttle_doubles_per_session_and_per_address():
    throttle = access.Throttle()
    keys = ["session:a", "address:10.0.0.7"]
    for _ in range(access.FREE_ATTEMPTS):
        throttle.failed(keys, now=0.0)
    assert throttle.wait(keys, now=0.0) == 0
    throttle.failed(keys, now=0.0)
    assert throttle.wait(keys, now=0.0) == access.FIRST_DELAY_SECONDS
    throttle.failed(keys, now=10.0)
    assert throttle.wait(["session:another", "address:10.0.0.7"], now=10.0) == 2 * access.FIRST_DELAY_SECONDS
    assert throttle.wait(["session:another", "address:10.0.0.8"], now=10.0) == 0
    for _ in range(30):
        throttle.failed(keys, now=100.0)
    assert throttle.wait(keys, now=100.0) == access.MAX_DELAY_SECONDS
    throttle.succeeded(keys)
    assert throttle.wait(keys, now=100.0) == 0


def test_in_a_room_the_throttle_counts_the_browser_not_the_proxy():
    """Behind the room's Caddy every peer is 127.0.0.1: the address counted is the one Caddy
    forwards, so one viewer's wrong passphrases do not hold back every admin in the room."""
    forwarded = {"X-Forwarded-For": "192.168.1.23"}
    assert access.client_address("127.0.0.1", forwarded, in_room=True) == "192.168.1.23"
    assert access.client_address("::1", {}, in_room=True) == "::1"
    assert access.client_address("127.0.0.1", forwarded, in_room=False) == "127.0.0.1"  # no proxy to believe
    assert access.client_address("10.0.0.7", forwarded, in_room=True) == "10.0.0.7"  # not through the proxy


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
    assert any(c.value.startswith("The store holds 3 imports, 950 rows") for c in app.caption)

    type_passphrase(app, "s3cret")
    removed = app.selectbox(key="remove_choice").value
    app.button(key="remove_import").click().run()
    assert removed not in set(db.imports().import_id)
    assert len(db.imports()) == 2


def test_viewers_never_see_server_paths(db, tmp_path, monkeypatch):
    monkeypatch.setenv(PASSPHRASE_ENV, "s3cret")
    import_path(db, sample_files(tmp_path / "sample")["commune_poverty"])
    for lang in ("vi", "en"):
        text = every_text(registers_page(lang))
        assert str(tmp_path) not in text and str(db.store.path) not in text and "/tmp" not in text


@pytest.mark.parametrize("lang, words", [("vi", "số liệu gốc"), ("en", "bundled data")])
def test_an_unreadable_store_is_explained_on_every_page_without_its_path(tmp_path, monkeypatch, lang, words):
    path = tmp_path / "store"
    import_path(store_database(path), sample_files(tmp_path / "sample")["commune_poverty"])
    (path / (path / "CURRENT").read_text().strip()).write_bytes(b"this is not a DuckDB file" * 100)
    monkeypatch.setattr(queries, "_default", store_database(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        if lang == "en":
            app.query_params["lang"] = "en"
        app.run()
        assert not app.exception
        warning = " ".join(w.value for w in app.sidebar.warning)
        assert words in warning and str(tmp_path) not in warning
        assert app.metric, "the overview still shows the bundled figures"
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()


def test_a_store_that_repaired_itself_says_so_on_the_page(db, tmp_path):
    """CURRENT naming a removed snapshot: the app goes back to the newest complete one and the
    Registers page says so, without a path."""
    files = sample_files(tmp_path / "sample")
    import_path(db, files["office_holders"])
    import_path(db, files["commune_poverty"])
    db.store.current().path.unlink()
    queries._default = store_database(db.store.path)  # a dashboard process started on the broken store
    st.cache_resource.clear()
    app = registers_page("en")
    warning = " ".join(w.value for w in app.warning)
    assert "The register store repaired itself" in warning and str(tmp_path) not in warning
    assert set(app.dataframe[0].value["File"]) == {"generated_office_holders.csv"}
    assert not app.error


def test_a_page_opened_during_an_import_shows_the_last_committed_state_then_the_import(db, tmp_path):
    files = sample_files(tmp_path / "sample")
    import_path(db, files["office_holders"])
    importer = Importer(db.store.path, "committed", files["rotation_events"])  # written, not yet current
    try:
        queries._default = store_database(db.store.path)  # a dashboard process started now
        st.cache_resource.clear()
        app = registers_page("en")
        assert set(app.dataframe[0].value["File"]) == {"generated_office_holders.csv"}
        importer.go_on()
        app.run()  # the viewer's next interaction, no restart
        assert set(app.dataframe[0].value["File"]) == {"generated_office_holders.csv",
                                                       "generated_rotation_events.csv"}
    finally:
        importer.proc.kill()


def test_templates_are_made_when_their_button_is_clicked(db, recorded_downloads):
    """Every template and its notes, as CSV and Excel, from the page: the very bytes of
    queries.templates, made on the click rather than for every viewer of the page."""
    app = registers_page()
    for kind in KINDS:
        made = {button.key: recorded_downloads[button.proto.deferred_file_id]()
                for button in app.get("download_button") if button.key and button.key.endswith(f"_{kind}")}
        workbook = made.pop(f"tpl_xlsx_{kind}")  # stamped with the time it was made: compared by content
        assert made == {f"tpl_csv_{kind}": template_csv(kind), f"tpl_notes_{kind}": notes_csv(kind)}
        sheets = [pd.read_excel(io.BytesIO(data), sheet_name=None) for data in (workbook, template_xlsx(kind))]
        assert sheets[0].keys() == sheets[1].keys()
        assert all(sheets[0][name].equals(sheets[1][name]) for name in sheets[0])
