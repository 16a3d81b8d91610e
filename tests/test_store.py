"""The register store: snapshots that readers in other processes pick up without a restart, one
writer at a time, kill -9 at any moment leaving the last committed state, and a store that
never stops the app. Readers, importers and the command line here are separate processes, as
the dashboard's server processes and a terminal would be."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

from queries.db import Database
from queries.registers import RegisterFile
from queries.store import STORE_ENV, StoreError, configured_path

from .conftest import ROOT
from .registers_support import import_path, sample_files, store_database

# An importer that prints each stage and, at `hang_at`, waits for a line on stdin (or a kill).
IMPORTER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from queries.db import Database
    from queries.registers import RegisterFile

    store, hang_at, files = Path(sys.argv[1]), sys.argv[2], [Path(p) for p in sys.argv[3:]]
    db = Database(store_path=store)

    def stage(name):
        print(name, flush=True)
        if name == hang_at:
            sys.stdin.readline()

    report = db.import_registers([RegisterFile(p.name, path=p) for p in files], on_stage=stage)
    print("done", report.snapshot, flush=True)
""")
# A reader, as a dashboard's server process reads: one Database for its whole life; each line on
# stdin asks for the register figures it sees now ("query"), or for queries in a loop ("spin N").
READER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from queries.db import Database

    db = Database(store_path=Path(sys.argv[1]))

    def total():
        return float(db.run("rotations_by_term_kind", origins=["register"]).query("kind == 'total'").value.sum())

    print(json.dumps({"ready": True, "snapshot": db.snapshot}), flush=True)
    for line in sys.stdin:
        command = line.split()
        if command[0] == "query":
            print(json.dumps({"snapshot": db.snapshot, "total": total()}), flush=True)
        elif command[0] == "spin":
            until, seen, errors, queries = time.monotonic() + float(command[1]), set(), [], 0
            while time.monotonic() < until:
                try:
                    seen.add(total())
                except Exception as exc:
                    errors.append(repr(exc))
                queries += 1
            print(json.dumps({"queries": queries, "errors": errors, "seen": sorted(seen)}), flush=True)
""")


def python(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, text=True, **kwargs)


class Reader:
    """A reading process over one store."""

    def __init__(self, store: Path):
        self.proc = python("-c", READER, str(store), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert json.loads(self.proc.stdout.readline())["ready"]

    def ask(self, line: str) -> dict:
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(30)


class Importer:
    """An importing process that stops at `hang_at` until told to go on."""

    def __init__(self, store: Path, hang_at: str, *files: Path):
        self.proc = python("-c", IMPORTER, str(store), hang_at, *map(str, files), stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.stages = []
        for line in self.proc.stdout:
            self.stages.append(line.strip())
            if self.stages[-1] in (hang_at, ) or self.stages[-1].startswith("done"):
                break

    def go_on(self) -> str:
        self.proc.stdin.write("\n")
        self.proc.stdin.flush()
        out, err = self.proc.communicate(timeout=120)
        assert self.proc.returncode == 0, err
        return out

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(30)


def cli(*args, env: dict | None = None, lang: str = "en_US.UTF-8") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "queries.store_cli", *map(str, args)], cwd=ROOT,
                          env={**os.environ, "LANG": lang, **(env or {})}, capture_output=True, text=True)


def same_contents(before: dict, after: dict) -> None:
    """Table by table, the store holds exactly what it held."""
    assert before.keys() == after.keys()
    for table in before:
        pd.testing.assert_frame_equal(before[table], after[table], obj=table)


@pytest.fixture(scope="module")
def medium(tmp_path_factory):
    """A register big enough that importing it takes a few seconds."""
    return sample_files(tmp_path_factory.mktemp("medium"), seed=2, events=200_000, districts=3)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return sample_files(tmp_path_factory.mktemp("small"))


def started_store(path: Path, sample: dict) -> Database:
    """A store with the sample's districts declared and its office holders imported."""
    db = store_database(path)
    if "districts" in sample:
        db.store.add_districts(pd.read_csv(sample["districts"]))
    import_path(db, sample["office_holders"])
    return db


STAGES = ["locked", "copied", "staged", "checked", "write rotation_events", "committed", "checkpointed"]


@pytest.mark.parametrize("hang_at", STAGES)
def test_kill_9_at_every_stage_leaves_the_last_committed_state(tmp_path, small, hang_at):
    path = tmp_path / "store"
    db = started_store(path, small)
    before = db.store.contents()
    importer = Importer(path, hang_at, small["rotation_events"], small["commune_poverty"])
    assert importer.stages[-1] == hang_at
    importer.kill()

    same_contents(before, db.store.contents())
    assert db.run("rotations_by_term_kind", origins=["register"]).empty
    fresh = store_database(path)  # a process started after the kill
    assert fresh.store_error is None and fresh.snapshot == db.snapshot
    report = fresh.import_registers([RegisterFile(p.name, path=p) for p in
                                     (small["rotation_events"], small["commune_poverty"])])
    assert all(f.created for f in report.files)  # the store still works, and cleans up after the kill
    assert sorted(p.name for p in path.iterdir()) == ["CURRENT", "LOCK", f"snapshot-{report.snapshot - 1:06d}.duckdb",
                                                      f"snapshot-{report.snapshot:06d}.duckdb"]


def test_kill_9_at_random_moments_of_a_command_line_import(tmp_path, medium):
    """The real command line, killed at moments spread over its run: afterwards the store is
    exactly as before, or holds the whole import; never anything between."""
    path = tmp_path / "store"
    db = started_store(path, medium)
    before = db.store.contents()
    started = time.monotonic()
    done = cli("import", medium["rotation_events"], env={STORE_ENV: str(path)})
    assert done.returncode == 0, done.stderr
    duration = time.monotonic() - started
    complete = db.store.contents()
    db.remove_import(db.imports().import_id[db.imports().kind == "rotation_events"].iloc[0])
    outcomes = []
    for fraction in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.97):
        proc = python("-m", "queries.store_cli", "import", str(medium["rotation_events"]),
                      env={**os.environ, STORE_ENV: str(path)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * fraction)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
        now = db.store.contents()
        if len(now["imports"]) == len(before["imports"]):
            same_contents(before, {t: f for t, f in now.items()})
            outcomes.append("before")
        else:
            for table in ("rotation_events", "rotation_counts", "register_areas"):
                pd.testing.assert_frame_equal(now[table], complete[table], obj=table)
            outcomes.append("complete")
            db.remove_import(now["imports"].import_id[now["imports"].kind == "rotation_events"].iloc[0])
    assert "before" in outcomes, outcomes  # the kills did land mid-import


def test_a_command_line_import_reaches_two_running_readers(tmp_path, small):
    """Two server processes read one store while a third process imports: no errors, nobody
    locked out, and both see the import at their next query without a restart."""
    path = tmp_path / "store"
    started_store(path, small)
    readers = [Reader(path), Reader(path)]
    try:
        assert [r.ask("query")["total"] for r in readers] == [0.0, 0.0]
        for reader in readers:
            reader.proc.stdin.write("spin 8\n")
            reader.proc.stdin.flush()
        time.sleep(1)
        done = cli("import", small["rotation_events"], env={STORE_ENV: str(path)})
        assert done.returncode == 0, done.stderr
        for reader in readers:
            spun = json.loads(reader.proc.stdout.readline())
            assert spun["errors"] == [] and spun["queries"] > 10
            assert spun["seen"][-1] == 72.0  # the 72 events, each district-term total
        assert [r.ask("query")["total"] for r in readers] == [72.0, 72.0]
    finally:
        for reader in readers:
            reader.close()


def test_a_dashboard_started_mid_import_serves_the_last_committed_state(tmp_path, small):
    path = tmp_path / "store"
    started_store(path, small)
    importer = Importer(path, "committed", small["rotation_events"])  # written, not yet current
    try:
        late = Reader(path)  # starts while the import holds the lock
        assert late.ask("query")["total"] == 0.0
        importer.go_on()
        assert late.ask("query")["total"] == 72.0  # and picks up the import at its next query
        late.close()
    finally:
        importer.proc.kill()


def test_two_imports_at_once_one_waits_or_is_refused_clearly(tmp_path, small):
    path = tmp_path / "store"
    started_store(path, small)
    first = Importer(path, "checked", small["rotation_events"])  # holds the lock
    refused = cli("import", "--wait", "1", small["commune_poverty"], env={STORE_ENV: str(path)}, lang="vi_VN.UTF-8")
    assert refused.returncode == 2
    assert "Một lần nhập hoặc xoá khác đang chạy" in refused.stderr and "kho giữ nguyên" in refused.stderr
    waiting = python("-m", "queries.store_cli", "import", "--wait", "120", str(small["commune_poverty"]),
                     env={**os.environ, STORE_ENV: str(path), "LANG": "en_US.UTF-8"},
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert "Waiting for another import" in waiting.stderr.readline()
    first.go_on()
    out, _ = waiting.communicate(timeout=120)
    assert waiting.returncode == 0 and "Imported generated_commune_poverty.csv" in out
    kinds = set(store_database(path).imports().kind)
    assert kinds == {"office_holders", "rotation_events", "commune_poverty"}


def test_readers_keep_the_previous_snapshot_only_while_it_can_be_in_use(tmp_path, small):
    path = tmp_path / "store"
    db = started_store(path, small)
    for kind in ("rotation_events", "commune_poverty"):
        import_path(db, small[kind])
    snapshots = sorted(p.name for p in path.glob("snapshot-*"))
    assert snapshots == [f"snapshot-{db.snapshot - 1:06d}.duckdb", f"snapshot-{db.snapshot:06d}.duckdb"]
    assert (path / "CURRENT").read_text().strip() == snapshots[-1]


def test_reimport_is_a_no_op_and_remove_takes_everything_back(tmp_path):
    files = sample_files(tmp_path / "sample")
    db = store_database(tmp_path / "store")
    first = import_path(db, files["commune_poverty"])
    counts = db.store.counts()
    again = import_path(db, files["commune_poverty"])
    assert first.created and not again.created and db.store.counts() == counts
    imports = db.imports()
    assert list(imports.columns[:7]) == ["import_id", "kind", "file_name", "checksum", "imported_at",
                                         "row_count", "generated"]
    assert imports.iloc[0].file_name == "generated_commune_poverty.csv" and imports.iloc[0].generated
    assert len(db.run("poverty_series", origins=["register"])) > 0
    assert db.remove_import(first.import_id)
    assert set(db.store.counts().values()) == {0}
    assert db.run("poverty_series", origins=["register"]).empty
    assert not db.remove_import("no-such-import")


def test_the_store_persists_after_a_restart(tmp_path):
    files = sample_files(tmp_path / "sample")
    import_path(store_database(tmp_path / "store"), files["rotation_events"])
    later = store_database(tmp_path / "store")
    assert later.run("rotations_by_term_kind", origins=["register"]).value.sum() == 2 * 72


@pytest.mark.parametrize("content", [b"this is not a duckdb file" * 100, b""])
def test_an_unreadable_snapshot_leaves_the_app_on_the_bundled_data(tmp_path, small, content):
    path = tmp_path / "store"
    import_path(store_database(path), small["commune_poverty"])
    snapshot = path / (path / "CURRENT").read_text().strip()
    snapshot.write_bytes(content)
    db = store_database(path)
    assert db.snapshot is None and db.store_error is not None
    for lang in ("vi", "en"):
        message = db.store_error.message(lang)
        assert str(tmp_path) not in message  # viewers never see server paths
    assert db.store_error.message("en") == ("Cannot read the register store: the file is damaged or not a "
                                            "register store. The dashboard uses the bundled data.")
    assert "không phải kho sổ đăng ký" in db.store_error.message("vi")
    assert len(db.run("facts")) > 0
    assert db.run("facts", origins=["register"]).empty


def test_a_single_file_store_of_an_earlier_version_is_explained(tmp_path):
    old = tmp_path / "registers.duckdb"
    old.write_bytes(b"an old store")
    db = store_database(old)
    assert db.store_error is not None and "earlier version" in db.store_error.message("en")
    assert len(db.run("facts")) > 0
    with pytest.raises(StoreError):
        db.import_registers([RegisterFile("x.csv", data=b"a\n1\n")])


def test_a_failed_write_changes_nothing_and_says_why_in_the_users_language(tmp_path, small, monkeypatch):
    from queries import model

    path = tmp_path / "store"
    db = started_store(path, small)
    before, files_before = db.store.contents(), sorted(p.name for p in path.iterdir())
    monkeypatch.setitem(model.sections("register_commune_poverty"), "write",
                        "insert into store.commune_poverty select 1/0, * from typed_commune_poverty")
    with pytest.raises(StoreError) as info:
        import_path(db, small["commune_poverty"])
    assert info.value.message("en").startswith("Could not write to the store: a database error")
    assert info.value.message("en").endswith("The store is unchanged.")
    assert info.value.message("vi").startswith("Không ghi được vào kho: lỗi cơ sở dữ liệu")
    same_contents(before, db.store.contents())
    assert sorted(p.name for p in path.iterdir()) == files_before


def test_store_path_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "elsewhere"))
    assert configured_path() == tmp_path / "elsewhere"
    monkeypatch.delenv(STORE_ENV)
    assert configured_path().name == "registers" and configured_path().parent.name == "data"


def test_tests_never_use_the_developers_store():
    assert Path(os.environ[STORE_ENV]).resolve() != (ROOT / "data" / "registers").resolve()
    assert configured_path() == Path(os.environ[STORE_ENV])


def test_register_views_have_the_columns_of_their_published_twins(db):
    for register, published in (("register_figures", "published_figures"), ("register_sources", "published_sources")):
        assert list(db.sql(f"describe {register}").column_name) == list(db.sql(f"describe {published}").column_name)


def test_command_line_declares_districts_imports_lists_and_removes(tmp_path):
    files = sample_files(tmp_path / "sample", events=500, districts=2)
    env = {STORE_ENV: str(tmp_path / "store")}
    assert cli("districts", files["districts"], env=env).stdout.strip() == "Declared 2 districts."
    done = cli("import", files["rotation_events"], files["commune_poverty"], env=env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Imported generated_rotation_events.csv: 500 rows (Cadre rotation events), import ")
    assert lines[-1].startswith("Wrote 2 files, ") and "rows" in lines[-1]
    import_id = lines[0].rsplit(" ", 1)[1]
    again = cli("import", files["rotation_events"], env=env)
    assert "Not written: generated_rotation_events.csv" in again.stdout
    assert "Nothing written: every file was imported before." in again.stdout
    listed = cli("list", env=env).stdout
    assert "Import id" in listed and "Cadre rotation events" in listed and import_id in listed
    assert cli("remove", import_id, env=env).stdout.strip() == f"Removed import {import_id}."
    assert import_id not in cli("list", env=env).stdout
    vietnamese = cli("list", env=env, lang="vi_VN.UTF-8").stdout
    assert "Mã lần nhập" in vietnamese and "Hộ nghèo theo xã" in vietnamese


def test_command_line_files_are_all_or_nothing_and_every_files_problems_are_listed(tmp_path):
    files = sample_files(tmp_path / "sample")
    env = {STORE_ENV: str(tmp_path / "store")}
    bad = tmp_path / "bad.csv"
    bad.write_text("district,commune,year,households,poor_households,near_poor_households\n"
                   "Xyz,A,2020,10,20,1\n", encoding="utf-8")
    worse = tmp_path / "worse.csv"
    worse.write_text("district,commune,year,households,poor_households,near_poor_households\n"
                     "Bắc Hà,A,2020,12 hộ,1,1\n", encoding="utf-8")
    refused = cli("import", files["office_holders"], bad, worse, env=env)
    assert refused.returncode == 1
    assert refused.stderr.startswith("bad.csv, worse.csv: 4 problems. Nothing was written to the store.")
    assert "bad.csv,2,district,Unknown district 'Xyz'" in refused.stderr
    assert "worse.csv,2,households,'12 hộ' is not a whole number" in refused.stderr
    assert cli("list", env=env).stdout.strip() == "Nothing imported yet."  # the good file was not written
    vietnamese = cli("import", bad, env=env, lang="vi_VN.UTF-8")
    assert vietnamese.stderr.startswith("bad.csv: 3 lỗi. Chưa ghi gì vào kho.")
    assert "Huyện 'Xyz' không có trong danh sách huyện" in vietnamese.stderr
    for english in ("problems", "Unknown", "Nothing", "rows", "Line"):
        assert english not in vietnamese.stderr
    done = cli("import", files["rotation_events"], env=env, lang="vi_VN.UTF-8")
    assert done.stdout.startswith("Đã nhập generated_rotation_events.csv: 72 dòng (Sự kiện luân chuyển cán bộ)")
    assert "Đã ghi 1 tệp, 72 dòng" in done.stdout


def interrupt(*args, **kwargs):
    raise KeyboardInterrupt


@pytest.mark.parametrize("where", ["on_stage switched", "fsync of the folder"])
def test_ctrl_c_just_after_the_switch_keeps_the_new_snapshot(tmp_path, small, monkeypatch, where):
    """Once CURRENT names the new snapshot, that snapshot is the store: an interrupt in what
    follows the rename never removes it, and the next import works."""
    from queries import store as store_module

    path = tmp_path / "store"
    db = started_store(path, small)
    on_stage = lambda stage: None  # noqa: E731
    if where == "on_stage switched":
        on_stage = lambda stage: interrupt() if stage == "switched" else None  # noqa: E731
    else:
        monkeypatch.setattr(store_module, "_fsync_folder", interrupt)
    with pytest.raises(KeyboardInterrupt):
        db.store.import_files([RegisterFile(small["commune_poverty"].name, path=small["commune_poverty"])],
                              db.reference(), on_stage=on_stage)
    monkeypatch.undo()
    current = db.store.current()
    assert current.path.exists()
    assert set(store_database(path).imports().kind) == {"office_holders", "commune_poverty"}
    report = import_path(db, small["rotation_events"])
    assert report.created and db.store_error is None


def test_a_current_naming_a_missing_snapshot_repairs_itself_and_says_so(tmp_path, small):
    """A store broken by an earlier version (CURRENT names a removed snapshot) goes back to the
    newest complete snapshot: in the app at once, and in the next import; both say so."""
    path = tmp_path / "store"
    db = started_store(path, small)
    kept = store_database(path).store.contents()
    import_path(db, small["commune_poverty"])
    named = db.store.current()
    named.path.unlink()

    app = store_database(path)  # a server process starting on the broken store
    assert app.store_error is None and app.snapshot == named.id - 1
    same_contents(kept, app.store.contents())
    assert app.store.repaired.key == "store_repaired"
    assert f"snapshot-{named.id:06d}.duckdb" in app.store.repaired.text("en")
    assert "tự sửa" in app.store.repaired.text("vi")
    assert import_path(app, small["commune_poverty"]).created

    (path / "CURRENT").write_text(f"snapshot-{named.id + 5:06d}.duckdb\n")  # broken again; now the CLI
    done = cli("import", small["rotation_events"], env={STORE_ENV: str(path)})
    assert done.returncode == 0, done.stderr
    assert "The register store repaired itself" in done.stderr
    assert set(store_database(path).imports().kind) == {"office_holders", "commune_poverty", "rotation_events"}


def test_a_missing_first_snapshot_leaves_an_empty_store_and_says_so(tmp_path, small):
    path = tmp_path / "store"
    db = store_database(path)
    import_path(db, small["commune_poverty"])
    db.store.current().path.unlink()
    again = store_database(path)
    assert again.snapshot is None and again.store_error is None
    assert again.store.repaired.key == "store_repaired_empty"
    assert import_path(again, small["commune_poverty"]).created


def test_a_lock_file_that_cannot_be_opened_is_a_clear_message(tmp_path, small, monkeypatch):
    """chmod a-w on the LOCK file (tests run as root, so the refusal is simulated too)."""
    import builtins

    path = tmp_path / "store"
    db = started_store(path, small)
    before = db.store.contents()
    (path / "LOCK").chmod(0o444)
    real_open = builtins.open

    def refusing_open(file, mode="r", *args, **kwargs):
        if Path(file).name == "LOCK" and ("a" in mode or "w" in mode):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    with pytest.raises(StoreError) as info:
        import_path(db, small["commune_poverty"])
    monkeypatch.undo()
    assert info.value.message("en") == ("Could not write to the store: no permission to read or write the file. "
                                        "The store is unchanged.")
    assert str(tmp_path) not in info.value.message("vi")
    same_contents(before, db.store.contents())


def test_no_space_for_the_scratch_folder_is_a_clear_message(tmp_path, small, monkeypatch):
    import errno
    import tempfile

    path = tmp_path / "store"
    db = started_store(path, small)
    before, files_before = db.store.contents(), sorted(p.name for p in path.iterdir())

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkdtemp", full)
    with pytest.raises(StoreError) as info:
        import_path(db, small["commune_poverty"])
    monkeypatch.undo()
    assert info.value.message("en") == "Could not write to the store: the disk is full. The store is unchanged."
    assert info.value.message("vi").startswith("Không ghi được vào kho: ổ đĩa đã đầy")
    same_contents(before, db.store.contents())
    assert sorted(p.name for p in path.iterdir()) == files_before


def test_command_line_says_why_a_file_cannot_be_read(tmp_path):
    env = {STORE_ENV: str(tmp_path / "store")}
    for args in (("import", tmp_path / "missing.csv"), ("districts", tmp_path / "missing.csv")):
        done = cli(*args, env=env)
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert done.stderr.startswith("Cannot read (missing, or no permission): ") and "missing.csv" in done.stderr


def test_import_and_remove_cycles_give_the_space_back(tmp_path, medium):
    """A removal frees blocks DuckDB keeps in the file; a snapshot mostly free is rewritten
    compactly, so cycles of import and removal leave the store the size it was."""
    path = tmp_path / "store"
    db = started_store(path, medium)
    import_path(db, medium["commune_poverty"])
    start = db.store.current().path.stat().st_size
    sizes = []
    for _ in range(3):
        report = import_path(db, medium["rotation_events"])
        assert db.remove_import(report.import_id)
        sizes.append(db.store.current().path.stat().st_size)
    assert max(sizes) <= start * 1.1 + 262_144, (start, sizes)  # within a tenth and a DuckDB block
    assert set(db.imports().kind) == {"office_holders", "commune_poverty"}
    assert db.store.counts()["rotation_events"] == 0
