"""The register store: a folder of immutable DuckDB snapshots and a pointer to the current one.

    registers/CURRENT                  the current snapshot's file name (replaced atomically)
    registers/snapshot-000007.duckdb   a complete, checkpointed store; never changed once named
    registers/LOCK                     held by the one writer at a time (flock)

A change (an import, a removal, declared districts) is one `transaction()`: take the lock,
copy the current snapshot to the next file, check and write in DuckDB, checkpoint, fsync, then
replace CURRENT with an atomic rename. A writer killed at any moment leaves CURRENT on the last
committed snapshot (its half-written file is removed by the next writer). Readers never open a
snapshot for long: each process copies the small aggregate tables of the current snapshot into
memory (Database.sync_store) and does so again when CURRENT names a newer one, so any number of
server processes read while one process writes, and nobody is locked out. The snapshot before
the current one is kept for a reader that read CURRENT just before it changed; older ones are
removed by the next writer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import duckdb
import pandas as pd

from . import model
from .bundle import DATA_DIR
from .errors import DashboardError, technical_reason
from .registers import ImportReport, Reference, RegisterFile, RegisterRejected
from .registers.checks import StagedFile, check_files
from .registers.models import FileReport
from .i18n import Msg

STORE_ENV = "DASHBOARD_STORE"
DEFAULT_PATH = DATA_DIR / "registers"
POINTER, LOCK = "CURRENT", "LOCK"
SNAPSHOT = re.compile(r"^snapshot-(\d{6})\.duckdb$")
IMPORT_WAIT_SECONDS = 30.0  # how long a change waits for another one to finish
WRITER_MEMORY = "1GB"  # DuckDB's limit in the writing process; beyond it, it spills to disk
COMPACT_SHARE = 0.25  # a snapshot with more free space than this share is rewritten compactly
TABLES = ("imports", "rotation_events", "office_holders", "commune_poverty", "rotation_counts",
          "office_holder_counts", "poverty_counts", "register_areas")
SQL = model.sections("store")
IMPORT_SQL = model.sections("register_import")


class StoreError(DashboardError):
    """The store could not be read or written; says why in the reader's language."""


@dataclass(frozen=True)
class Snapshot:
    id: int
    path: Path


@dataclass
class Writing:
    """What a transaction's body works with: the import's DuckDB connection (the next snapshot
    attached as `store`), a scratch folder, and whether to keep the change."""

    con: duckdb.DuckDBPyConnection
    scratch: Path
    changed: bool = True


def configured_path() -> Path:
    """The store folder: DASHBOARD_STORE, else data/registers."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_PATH)


class Store:
    """The store folder at `path` (created by the first change)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.repaired: Msg | None = None  # set when this process repaired a broken CURRENT

    # ---- reading ---------------------------------------------------------------------------

    def current(self) -> Snapshot | None:
        """The current snapshot, or None before the first change."""
        if self.path.is_file():
            raise StoreError("store_old_file")
        try:
            name = (self.path / POINTER).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError("store_open_failed", reason=technical_reason(exc)) from exc
        match = SNAPSHOT.match(name)
        if not match:
            raise StoreError("store_open_failed", reason=Msg("reason_not_a_store"))
        return Snapshot(int(match.group(1)), self.path / name)

    @contextlib.contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection | None]:
        """A connection with the current snapshot attached read-only as `snapshot` (None when
        the store is empty), for a moment: if the snapshot is replaced and removed before it is
        opened, the newer one is read instead."""
        con = duckdb.connect()
        try:
            for attempt in range(5):
                snapshot = self.current()
                if snapshot is None:
                    yield None
                    return
                try:
                    con.execute("attach $path as snapshot (read_only)", {"path": str(snapshot.path)})
                    break
                except duckdb.Error as exc:
                    if attempt < 4 and self.current() != snapshot:
                        continue
                    raise StoreError("store_open_failed", reason=technical_reason(exc)) from exc
            yield con
        finally:
            con.close()

    def _frame(self, sql: str) -> pd.DataFrame:
        with self.reading() as con:
            if con is None:
                return pd.DataFrame()
            try:
                return con.execute(sql).df()
            except duckdb.Error as exc:
                raise StoreError("store_read_failed", reason=technical_reason(exc)) from exc

    def imports(self) -> pd.DataFrame:
        """Every import of the current snapshot, newest first."""
        return self._frame("select * from snapshot.imports order by imported_at desc, import_id")

    def counts(self) -> dict[str, int]:
        """Rows per table of the current snapshot."""
        with self.reading() as con:
            if con is None:
                return dict.fromkeys(TABLES, 0)
            return {table: con.execute(f"select count(*) from snapshot.{table}").fetchall()[0][0] for table in TABLES}

    def contents(self) -> dict[str, pd.DataFrame]:
        """Every table of the current snapshot, sorted (what tests compare before and after a
        refused import); empty when there is no snapshot."""
        with self.reading() as con:
            if con is None:
                return {}
            return {table: con.execute(f"select * from snapshot.{table} order by all").df() for table in TABLES}

    # ---- writing ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self, wait: float = IMPORT_WAIT_SECONDS,
                    on_stage: Callable[[str], None] = lambda stage: None) -> Iterator[Writing]:
        """The one way to change the store: the body gets the next snapshot attached as
        `store` (a copy of the current one) and writes it in one DuckDB transaction; the new
        snapshot becomes current only when the body returns with `changed` set. Waits up to
        `wait` seconds for another change to finish, then raises StoreError."""
        if self.path.is_file():
            raise StoreError("store_old_file")
        with _writes():
            self.path.mkdir(parents=True, exist_ok=True)
        if not os.access(self.path, os.W_OK):
            raise StoreError("store_read_only")
        with self._locked(wait, on_stage):
            on_stage("locked")
            current = self._repaired()
            with _writes():
                self._remove_old(current)
            target = self.path / f"snapshot-{(current.id if current else 0) + 1:06d}.duckdb"
            with _writes():  # no space or no inode left, no permission
                scratch = Path(tempfile.mkdtemp(prefix="import-", dir=self.path))
            try:
                if current is not None:
                    shutil.copyfile(current.path, target)
                on_stage("copied")
                writing = Writing(self._writer(scratch), scratch)
                try:
                    writing.con.execute("attach $path as store", {"path": str(target)})
                    model.execute(writing.con, SQL["aggregates"])
                    model.execute(writing.con, SQL["records"])
                    yield writing
                    if writing.changed:
                        writing.con.execute("checkpoint store")
                        _detach_compacted(writing.con, target, scratch)
                finally:
                    writing.con.close()
                if writing.changed:
                    _fsync(target)
                    on_stage("checkpointed")
                    self._point_to(target)
                else:
                    self._discard(target)
            except (RegisterRejected, StoreError):
                self._discard(target)
                raise
            except (duckdb.Error, OSError) as exc:
                self._discard(target)
                raise StoreError("store_write_failed", reason=technical_reason(exc)) from exc
            except BaseException:  # Ctrl-C: the store stays as it was, or as CURRENT now names it
                self._discard(target)
                raise
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
            if writing.changed:  # switched: from here on the new snapshot is the store
                with contextlib.suppress(OSError):  # the change is made; the next writer tidies up
                    _fsync_folder(self.path)
                    on_stage("switched")
                    self._remove_old(self.current())

    def import_files(self, files: list[RegisterFile], reference: Reference, generated: bool = False,
                     wait: float = IMPORT_WAIT_SECONDS,
                     on_stage: Callable[[str], None] = lambda stage: None) -> ImportReport:
        """Check every file together and write the new ones in one transaction (callers use
        Database.import_registers). Raises RegisterRejected listing every problem of every
        file, and nothing is written."""
        with self.transaction(wait, on_stage) as writing:
            staged = check_files(writing.con, files, reference, writing.scratch, on_stage)
            fresh = [s for s in staged if s.imported_as is None and s.same_as is None]
            writing.changed = bool(fresh)
            if fresh:
                _write(writing.con, fresh, generated, on_stage)
        reports = [FileReport(s.name, s.kind.name, s.rows, s.import_id, s in fresh, s.notes) for s in staged]
        return ImportReport(reports, self.current().id if fresh else None)

    def remove(self, import_id: str, wait: float = IMPORT_WAIT_SECONDS) -> bool:
        """Delete one import and everything it brought; False if there is no such import."""
        with self.transaction(wait) as writing:
            found = writing.con.execute(SQL["has_import"], {"import_id": import_id}).fetchall()[0][0]
            writing.changed = bool(found)
            if found:
                writing.con.begin()
                model.execute(writing.con, SQL["remove_import"], {"import_id": import_id})
                writing.con.commit()
        return bool(found)

    def add_districts(self, districts: pd.DataFrame, wait: float = IMPORT_WAIT_SECONDS) -> int:
        """Declare extra known districts (columns district, province, and optionally commune):
        a district given with communes has a complete commune list, so a register naming any
        other commune there is refused. For national-scale registers and the benchmark."""
        frame = districts.reindex(columns=["district", "province", "commune"]).astype(object)
        frame = frame.where(frame.notna() & (frame != ""), None)
        with self.transaction(wait) as writing:
            writing.con.register("declared_frame", frame)
            model.execute(writing.con, SQL["declared"])
            writing.con.begin()
            model.execute(writing.con, SQL["declare_districts"])
            writing.con.commit()
        return int(frame.district.nunique())

    # ---- the files -------------------------------------------------------------------------

    @staticmethod
    def _writer(scratch: Path) -> duckdb.DuckDBPyConnection:
        """The import's connection: a scratch database on disk, memory bounded, spilling to
        the scratch folder."""
        return duckdb.connect(str(scratch / "scratch.duckdb"), config={
            "memory_limit": WRITER_MEMORY, "temp_directory": str(scratch / "spill")})

    @contextlib.contextmanager
    def _locked(self, wait: float, on_stage: Callable[[str], None]) -> Iterator[None]:
        with _writes():  # a LOCK file left read-only, a full disk
            handle = open(self.path / LOCK, "a+b")
        try:
            deadline = time.monotonic() + wait
            locked = _try_lock(handle)
            if not locked:
                on_stage("waiting")
            while not locked:
                if time.monotonic() >= deadline:
                    raise StoreError("store_busy")
                time.sleep(0.1)
                locked = _try_lock(handle)
            yield
        finally:
            handle.close()  # closing releases the lock, as does the process ending

    def _point_to(self, target: Path) -> None:
        """Make `target` the current snapshot: write the pointer beside, fsync, rename over (the
        caller fsyncs the folder)."""
        pending = self.path / (POINTER + ".next")
        with open(pending, "w", encoding="utf-8") as out:
            out.write(target.name + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(pending, self.path / POINTER)

    def _discard(self, target: Path) -> None:
        """Remove a snapshot this writer made, unless CURRENT already names it: an interrupt
        can land between the rename and the next line, and the named snapshot is the store."""
        try:
            named = self.current()
        except StoreError:
            named = None
        if named is None or named.path != target:
            _remove(target)

    def repair(self, wait: float = 0.0) -> Msg | None:
        """Point a CURRENT that names a missing snapshot at the newest complete one (with the
        lock, waiting up to `wait` seconds; a writer repairs too). Returns what was done."""
        if not os.access(self.path, os.W_OK):
            return None
        with self._locked(wait, lambda stage: None):
            self._repaired()
        return self.repaired

    def _repaired(self) -> Snapshot | None:
        """With the lock held: the current snapshot, after repairing a CURRENT that names a
        missing file (a writer stopped by an earlier version right after its switch, or a file
        removed by hand). Only snapshots older than the named one were ever complete and
        current; the newest of them that opens becomes current, else the store is empty again.
        `repaired` says so."""
        current = self.current()
        if current is None or current.path.exists():
            return current
        with _writes():
            return self._go_back(current)

    def _go_back(self, current: Snapshot) -> Snapshot | None:
        """Point CURRENT at the newest snapshot older than `current` that opens, or remove it."""
        older = sorted(((int(m.group(1)), entry) for entry in self.path.iterdir()
                        if (m := SNAPSHOT.match(entry.name)) and int(m.group(1)) < current.id), reverse=True)
        back = next((Snapshot(n, entry) for n, entry in older if _opens(entry)), None)
        if back is None:
            (self.path / POINTER).unlink()
            self.repaired = Msg("store_repaired_empty", missing=current.path.name)
        else:
            self._point_to(back.path)
            self.repaired = Msg("store_repaired", missing=current.path.name, snapshot=back.path.name)
        _fsync_folder(self.path)
        return back

    def _remove_old(self, current: Snapshot | None) -> None:
        """With the lock held: remove what no reader can be using any more (snapshots before
        the previous one), and what killed writers left (later snapshots, scratch folders)."""
        keep = {current.id, current.id - 1} if current else set()
        for entry in self.path.iterdir():
            match = SNAPSHOT.match(entry.name.removesuffix(".wal"))
            if (match and int(match.group(1)) not in keep) or (match and entry.name.endswith(".wal")):
                _remove(entry)
            elif entry.name.startswith("import-") and entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)


def _write(con: duckdb.DuckDBPyConnection, fresh: list[StagedFile], generated: bool,
           on_stage: Callable[[str], None]) -> None:
    """Write the checked files into the next snapshot (attached as `store`) in one transaction:
    each file's import row, records, aggregates and new communes. Notes the communes new to the
    dashboard on each file."""
    from .sample import PREFIX as GENERATED_PREFIX

    con.register("batch_frame", pd.DataFrame(
        [(s.index, s.import_id, s.kind.name, s.name, s.checksum, s.rows,
          generated or s.name.startswith(GENERATED_PREFIX)) for s in fresh],
        columns=["file_index", "import_id", "kind", "file_name", "checksum", "row_count", "generated"]))
    model.execute(con, IMPORT_SQL["batch"])
    kinds = list(dict.fromkeys(s.kind.name for s in fresh))
    named = " union all ".join(model.sections(f"register_{kind}")["named_communes"] for kind in kinds)
    model.execute(con, model.fill(IMPORT_SQL["new_communes"], named=named))
    by_index = {s.index: s for s in fresh}
    for index, n, names in con.execute(IMPORT_SQL["new_communes_named"]).fetchall():
        by_index[index].notes.append(Msg("reg_new_communes", n=n, names=names))
    con.begin()
    model.execute(con, IMPORT_SQL["write_imports"], {"imported_at": dt.datetime.now().replace(microsecond=0)})
    for kind in kinds:
        on_stage(f"write {kind}")
        model.execute(con, model.sections(f"register_{kind}")["write"])
    model.execute(con, IMPORT_SQL["write_new_communes"])
    con.commit()
    on_stage("committed")


def _detach_compacted(con: duckdb.DuckDBPyConnection, target: Path, scratch: Path) -> None:
    """Detach the checkpointed next snapshot (`store`); when free blocks pass COMPACT_SHARE of
    it (after removals), it is first rewritten into a fresh file that then takes its place, so
    removing an import gives the space back and later copies do not carry it."""
    free = con.execute(SQL["free_share"]).fetchall()[0][0]
    if free <= COMPACT_SHARE:
        con.execute("detach store")
        return
    compact = scratch / "compact.duckdb"
    con.execute("attach $path as compact", {"path": str(compact)})
    model.execute(con, SQL["compact"])
    con.execute("detach compact")
    con.execute("detach store")
    _fsync(compact)
    os.replace(compact, target)


def _try_lock(handle) -> bool:
    try:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
    return True


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        try:
            leftover.unlink()
        except FileNotFoundError:
            pass
        except OSError:  # Windows: a reader has it open; the next writer tries again
            pass


def _opens(path: Path) -> bool:
    """Whether `path` is a complete snapshot: DuckDB opens it and it has the imports table."""
    con = duckdb.connect()
    try:
        con.execute("attach $path as snapshot (read_only)", {"path": str(path)})
        con.execute("select count(*) from snapshot.imports").fetchall()
        return True
    except duckdb.Error:
        return False
    finally:
        con.close()


@contextlib.contextmanager
def _writes() -> Iterator[None]:
    """A file the store could not write (no space, no inode, no permission) as the store's own
    message, never a traceback."""
    try:
        yield
    except OSError as exc:
        raise StoreError("store_write_failed", reason=technical_reason(exc)) from exc


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(path: Path) -> None:
    if os.name == "posix":
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
