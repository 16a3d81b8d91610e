"""The sample generator: deterministic, labelled, exact at the published size, and valid at
any size (it passes the same checks as a user's register)."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from queries import sample

from .conftest import ROOT
from .registers_support import import_path, store_database


def test_same_seed_same_files(tmp_path):
    first = sample.generate(tmp_path / "a", seed=7, events=5000, extra_districts=2)
    second = sample.generate(tmp_path / "b", seed=7, events=5000, extra_districts=2)
    other = sample.generate(tmp_path / "c", seed=8, events=5000, extra_districts=2)
    for kind, path in first.items():
        assert path.name.startswith("generated_")
        assert path.read_bytes() == second[kind].read_bytes()
    assert first["rotation_events"].read_bytes() != other["rotation_events"].read_bytes()


def test_published_size_counts(tmp_path):
    files = sample.generate(tmp_path, seed=1, events=sample.PUBLISHED_SIZE, extra_districts=0)
    events = pd.read_csv(files["rotation_events"])
    assert len(events) == 72 == sample.PUBLISHED_SIZE
    holders = pd.read_csv(files["office_holders"])
    thanh_tri = holders[(holders.district == "Thanh Trì") & (holders.as_of == "2023-07-27")]
    assert len(thanh_tri) == 32
    non_local = thanh_tri[~thanh_tri.is_local].position.value_counts().to_dict()
    assert non_local == {"party_secretary": 12, "commune_chair": 5}
    phuc_tho = holders[holders.district == "Phúc Thọ"].groupby("as_of").is_local.agg(["size", "sum"])
    assert (phuc_tho["size"] - phuc_tho["sum"]).to_dict() == {"2021-11-30": 6, "2023-03-31": 21}
    assert set(phuc_tho["size"]) == {42}


def test_chunks_keep_people_apart_and_pass_the_checks(tmp_path, monkeypatch):
    monkeypatch.setattr(sample, "CHUNK", 999)  # odd chunks: pairs split across chunk ends
    files = sample.generate(tmp_path, seed=3, events=5_072, extra_districts=2)
    db = store_database(tmp_path / "store")
    db.store.add_districts(pd.read_csv(files["districts"]))
    for kind in ("rotation_events", "office_holders", "commune_poverty"):
        assert import_path(db, files[kind]).created
    assert db.store.counts()["rotation_events"] == 5_072
    districts = pd.read_csv(files["districts"])
    assert set(districts.district) == {"Huyện mẫu 001", "Huyện mẫu 002"}
    assert set(districts.province) == {"Tỉnh mẫu"}


def test_command_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "queries.sample", "--seed", "1", "--events", "1000",
                           "--districts", "1", "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "generated_rotation_events.csv" in done.stdout
    assert len(pd.read_csv(tmp_path / "generated_rotation_events.csv")) == 1000
    too_few = subprocess.run([sys.executable, "-m", "queries.sample", "--events", "10", "--out", str(tmp_path)],
                             cwd=ROOT, capture_output=True, text=True)
    assert too_few.returncode == 2 and "at least 72" in too_few.stderr
