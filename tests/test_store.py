"""The register store: one transaction per import (a killed import leaves the file as it
was), idempotent imports, removal, an unusable store that never stops the app."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from queries.registers import check
from queries.store import STORE_ENV, StoreError, configured_path

from .conftest import ROOT
from .registers_support import import_path, sample_files, store_database

IMPORT_AND_HANG = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from queries.db import Database
    from queries.registers import check

    store, register, hang_at = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    db = Database(store_path=store)
    checked = check(register.name, register.read_bytes(), db.store.reference())

    def stage(name):
        print(name, flush=True)
        if name == hang_at:
            time.sleep(600)

    db.store.import_register(checked, on_stage=stage)
    print("committed", flush=True)
""")


@pytest.fixture(scope="module")
def big_sample(tmp_path_factory):
    return sample_files(tmp_path_factory.mktemp("big"), seed=2, events=200_000, districts=3)


@pytest.mark.parametrize("hang_at", ["aggregates", "commit"])
def test_killing_an_import_mid_transaction_leaves_the_store_as_it_was(tmp_path, big_sample, hang_at):
    path = tmp_path / "store.duckdb"
    db = store_database(path)
    db.store.add_districts(_districts(big_sample))
    import_path(db, big_sample["office_holders"])
    before = db.store.counts()
    db.detach_store()  # the importer is another process, as it would be for the app

    importer = subprocess.Popen(
        [sys.executable, "-c", IMPORT_AND_HANG, str(path), str(big_sample["rotation_events"]), hang_at],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    stages = []
    for line in importer.stdout:
        stages.append(line.strip())
        if stages[-1] == hang_at:
            break
    os.kill(importer.pid, signal.SIGKILL)
    importer.wait(timeout=30)
    assert stages[-1] == hang_at and "records" in stages

    reopened = store_database(path)
    assert reopened.store_error is None
    assert reopened.store.counts() == before
    result = import_path(reopened, big_sample["rotation_events"])  # the store still works
    assert result.created and reopened.store.counts()["rotation_events"] == 200_000


def _districts(sample):
    import pandas as pd

    return pd.read_csv(sample["districts"])


def test_aggregates_match_the_raw_records(tmp_path, big_sample):
    db = store_database(tmp_path / "store.duckdb")
    db.store.add_districts(_districts(big_sample))
    for kind in ("rotation_events", "office_holders", "commune_poverty"):
        import_path(db, big_sample[kind])
    raw = db.sql("select district, term, kind, count(*) as n from store.rotation_events group by all")
    figures = db.run("rotations_by_term_kind", origins=["register"])
    by_kind = figures[figures.kind != "total"].set_index(["district", "term", "kind"]).value
    assert by_kind.sum() == 200_000 == raw.n.sum()
    assert (raw.set_index(["district", "term", "kind"]).n.sort_index() == by_kind.sort_index()).all()
    totals = figures[figures.kind == "total"].set_index(["district", "term"]).value
    assert (totals == by_kind.groupby(level=[0, 1]).sum()).all()
    assert "Huyện mẫu 003" in db.districts  # register districts become filter values


def test_reimport_is_a_no_op_and_remove_takes_everything_back(tmp_path):
    files = sample_files(tmp_path / "sample")
    db = store_database(tmp_path / "store.duckdb")
    empty = db.store.counts()
    first = import_path(db, files["commune_poverty"])
    counts = db.store.counts()
    again = import_path(db, files["commune_poverty"])
    assert first.created and not again.created and db.store.counts() == counts
    imports = db.store.imports()
    assert list(imports.columns[:7]) == ["import_id", "kind", "file_name", "checksum", "imported_at",
                                         "row_count", "generated"]
    assert imports.iloc[0].file_name == "generated_commune_poverty.csv" and imports.iloc[0].generated
    assert len(db.run("poverty_series", origins=["register"])) > 0
    assert db.store.remove(first.import_id)
    assert db.store.counts() == empty
    assert db.run("poverty_series", origins=["register"]).empty


def test_the_store_persists_after_a_restart(tmp_path):
    files = sample_files(tmp_path / "sample")
    path = tmp_path / "store.duckdb"
    first = store_database(path)
    import_path(first, files["rotation_events"])
    first.detach_store()
    later = store_database(path)
    assert later.run("rotations_by_term_kind", origins=["register"]).value.sum() == 2 * 72


@pytest.mark.parametrize("content", [b"this is not a duckdb file" * 100, b""])
def test_an_unreadable_store_leaves_the_app_on_the_bundled_data(tmp_path, content):
    path = tmp_path / "store.duckdb"
    path.write_bytes(content)
    db = store_database(path)
    if content:
        assert db.store is None and db.store_error is not None
        assert str(path) in db.store_error.message("en") and "bundled data" in db.store_error.message("en")
        assert str(path) in db.store_error.message("vi")
    assert len(db.run("facts")) > 0
    assert db.run("facts", origins=["register"]).empty


def test_a_failed_import_writes_nothing(tmp_path):
    files = sample_files(tmp_path / "sample")
    db = store_database(tmp_path / "store.duckdb")
    checked = check("x.csv", files["office_holders"].read_bytes(), db.store.reference())
    as_text = checked.records["as_of"].dt.strftime("%Y-%m-%d").astype(object)
    checked.records["as_of"] = as_text.where(as_text.index > 0, "not a date")  # fails inside the transaction
    with pytest.raises(StoreError) as info:
        db.store.import_register(checked)
    assert "The store is unchanged" in info.value.message("en") and "Kho giữ nguyên" in info.value.message("vi")
    assert db.store.counts()["imports"] == 0 and db.store.counts()["office_holders"] == 0


def test_store_path_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "elsewhere.duckdb"))
    assert configured_path() == tmp_path / "elsewhere.duckdb"
    monkeypatch.delenv(STORE_ENV)
    assert configured_path().name == "registers.duckdb" and configured_path().parent.name == "data"


def test_command_line_declares_districts_imports_lists_and_removes(tmp_path):
    files = sample_files(tmp_path / "sample", events=500, districts=2)
    env = {**os.environ, STORE_ENV: str(tmp_path / "store.duckdb"), "LANG": "en_US.UTF-8"}

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "queries.store_cli", *map(str, args)], cwd=ROOT, env=env,
                              capture_output=True, text=True)

    assert cli("districts", files["districts"]).stdout.strip() == "2"
    done = cli("import", files["rotation_events"], files["commune_poverty"])
    assert done.returncode == 0, done.stderr
    import_id = done.stdout.split("\t")[1]
    assert cli("import", files["rotation_events"]).stdout.split("\t")[2] == "already imported"
    bad = tmp_path / "bad.csv"
    bad.write_text("district,commune,year,households,poor_households,near_poor_households\n"
                   "Xyz,A,2020,10,20,1\n", encoding="utf-8")
    refused = cli("import", bad, files["office_holders"])
    assert refused.returncode == 1 and "bad.csv,2,district,Unknown district 'Xyz'" in refused.stderr
    assert "generated_office_holders.csv" not in cli("list").stdout  # refused together with bad.csv
    assert cli("remove", import_id).returncode == 0
    assert import_id not in cli("list").stdout


def test_readers_are_not_blocked_by_an_import_in_progress(tmp_path):
    import threading

    files = sample_files(tmp_path / "sample")
    db = store_database(tmp_path / "store.duckdb")
    checked = check(files["rotation_events"].name, files["rotation_events"].read_bytes(), db.store.reference())
    at_commit, release = threading.Event(), threading.Event()

    def stage(name):
        if name == "commit":
            at_commit.set()
            release.wait(30)

    importer = threading.Thread(target=db.store.import_register, args=(checked,), kwargs={"on_stage": stage})
    importer.start()
    assert at_commit.wait(30)
    # Mid-transaction: another cursor reads at once, and sees the store as it was.
    assert db.run("rotations_by_term_kind", origins=["register"]).empty
    release.set()
    importer.join(30)
    assert db.run("rotations_by_term_kind", origins=["register"]).value.sum() == 2 * 72


def test_register_figures_sit_beside_published_ones_in_quota_attainment(tmp_path):
    """A register row dated like a published figure must not take over the published row."""
    db = store_database(tmp_path / "store.duckdb")
    for path in sample_files(tmp_path / "sample").values():
        import_path(db, path)
    both = db.run("quota_attainment", districts=["Phúc Thọ"], origins=["published", "register"])
    combined = both[both.measure == "combined"]
    published = combined[combined.origin == "published"]
    assert sorted(published.figure_ids) == ["cpv23-07", "cpv23-08"]
    assert list(published.sort_values("period_end").published_pct) == [14.3, 50.0]
    register = combined[combined.origin == "register"]
    assert not register.empty and register.published_pct.isna().all()
    assert not register.figure_ids.str.contains("cpv23").any()


def test_generated_sample_figures_are_flagged_as_generated(tmp_path):
    db = store_database(tmp_path / "store.duckdb")
    for path in sample_files(tmp_path / "sample").values():
        import_path(db, path)
    facts = db.run("facts")
    assert facts[facts.origin == "register"].generated.all()
    assert not facts[facts.origin == "published"].generated.any()
    assert facts[facts.generated].source_title.str.startswith("Dữ liệu mẫu sinh tự động / Generated sample data").all()
