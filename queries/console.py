"""The SQL console's data layer: a database file that console queries can open read-only, and
one query at a time in a process of its own.

The app's database lives in memory, so a console query needs a file: `Console.file()` writes
one per register-store snapshot (the tables of queries/model/console.sql, copied from the app's
database in one transaction, and the `filtered_facts` macro the named queries call) into a
private temporary folder, then renames it into place. It holds copies only: no console query
can reach the bundle's files or the store's snapshots, and the file is written again when the
store changes, so registers imported by any process show at the next query.

`Console.run` starts queries/console_worker.py for each query, with the limits below: a
separate read-only connection, external access off and the configuration locked; an interrupt
SECONDS after it connects, and a kill if it has not answered by KILL_AFTER_SECONDS; DuckDB's
memory limit and a cap on the process's address space; a row cap; and at most CONCURRENT
queries at once per server process. What comes back is a result or a `ConsoleFailure` saying
why in the reader's language, with DuckDB's own message.
"""

from __future__ import annotations

import atexit
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from . import model
from .errors import DashboardError
from .i18n import Msg

TABLES_SQL = model.sections("console")
WORKER = Path(__file__).resolve().with_name("console_worker.py")
MAX_SQL_CHARS = 10_000  # also what a shared address can carry
ROW_CAP = 10_000
SECONDS = 5
STARTUP_SECONDS = 20  # the worker importing DuckDB and connecting, on a busy machine; its clock starts after
KILL_AFTER_SECONDS = STARTUP_SECONDS + SECONDS + 3  # a query that does not stop when interrupted
MEMORY_MB = 256  # DuckDB's own limit
HEADROOM_MB = 1024  # the worker's address space beyond its size once connected (DuckDB crashes below ~640)
MAX_RESULT_MB = 64
CONCURRENT = 2
WAIT_SECONDS = 10  # for a free slot, before saying the console is busy
PARAMETERS = ("districts", "terms", "area_levels", "origins")
# Why a query gave no rows, from the worker's answer, to the catalogue key that says so.
FAILURES = {"one_statement": "console_one_statement", "not_select": "console_not_select",
            "unknown_parameter": "console_unknown_parameter", "timeout": "console_timeout",
            "memory": "console_memory", "no_files": "console_no_files", "syntax": "console_syntax",
            "unknown_name": "console_unknown_name", "database": "console_database"}


class ConsoleBusy(DashboardError):
    """Every slot is taken: the reader should try again in a moment."""


@dataclass(frozen=True)
class ConsoleFile:
    """The database file of one store snapshot, and its tables' columns with their types."""

    path: Path
    snapshot: int | None
    tables: dict[str, tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class ConsoleFailure:
    """Why a query shows no rows: `msg` in the reader's language, `duckdb` DuckDB's own words
    (empty where the refusal is ours)."""

    msg: Msg
    duckdb: str = ""


@dataclass(frozen=True)
class ConsoleResult:
    frame: pd.DataFrame = field(default_factory=pd.DataFrame)
    capped: bool = False  # more rows than ROW_CAP: the first ROW_CAP are kept
    failure: ConsoleFailure | None = None


def filter_macros() -> list[str]:
    """The one definition of the filters (views.sql): `filtered_facts`, which the named queries
    call, and `filtered_rows` under it."""
    return [s.query for s in duckdb.extract_statements(model.text("views"))
            if s.type == duckdb.StatementType.CREATE and " macro filtered_" in s.query]


class Console:
    """The console of one Database: its file (rewritten per store snapshot) and its queries."""

    def __init__(self, db, folder: Path | None = None):
        self.db = db
        if folder is None:
            folder = Path(tempfile.mkdtemp(prefix="dashboard-console-"))  # readable by this user only
            atexit.register(shutil.rmtree, folder, True)
        self.folder = Path(folder)
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(CONCURRENT)
        self._file: ConsoleFile | None = None
        self._names = itertools.count(1)

    def file(self) -> ConsoleFile:
        """The file for the store's current snapshot, written first if it is not there yet."""
        snapshot = self.db.sync_store()
        with self._lock:
            if self._file is None or self._file.snapshot != snapshot:
                previous, self._file = self._file, self._write(snapshot)
                if previous is not None:  # a query still reading it keeps it open (POSIX)
                    _remove(previous.path)
            return self._file

    def _write(self, snapshot: int | None) -> ConsoleFile:
        target = self.folder / f"snapshot-{snapshot or 0:06d}-{next(self._names)}.duckdb"
        building = target.with_suffix(".building")
        out = duckdb.connect(str(building))
        cur = self.db.cursor()
        try:
            cur.begin()  # every table from the same state of the app's database
            for table, sql in TABLES_SQL.items():
                out.register("incoming", cur.sql(sql).to_arrow_table())
                out.execute(f'create table "{table}" as select * from incoming')
                out.unregister("incoming")
            cur.commit()
            for macro in filter_macros():
                out.execute(macro)
            rows = out.execute("select table_name, column_name, data_type from information_schema.columns "
                               "where table_schema = 'main' order by ordinal_position").fetchall()
            out.execute("checkpoint")
        finally:
            cur.close()
            out.close()
        os.replace(building, target)
        columns = {table: tuple((c, kind) for t, c, kind in rows if t == table) for table in TABLES_SQL}
        return ConsoleFile(target, snapshot, columns)

    def run(self, sql: str, params: dict | None = None) -> ConsoleResult:
        """Run one SELECT on the current file, `$districts`, `$terms`, `$area_levels` and
        `$origins` bound from `params` (None: all). Raises ConsoleBusy when every slot is taken."""
        if len(sql) > MAX_SQL_CHARS:
            return _failed("console_too_long", n=len(sql), limit=MAX_SQL_CHARS)
        console = self.file()
        request = {"file": console.path.name, "sql": sql, "seconds": SECONDS, "memory_mb": MEMORY_MB,
                   "headroom_mb": HEADROOM_MB, "rows": ROW_CAP,
                   "params": {k: (params or {}).get(k) for k in PARAMETERS}}
        if not self._slots.acquire(timeout=WAIT_SECONDS):
            raise ConsoleBusy("console_busy", n=CONCURRENT)
        try:
            answer, code = _in_worker(request, console.path.parent)
        finally:
            self._slots.release()
        return _result(answer, code, console.path.parent)


def _in_worker(request: dict, folder: Path) -> tuple[bytes | None, int | None]:
    """The worker's whole answer (None if it ran out of time or said too much) and exit code."""
    env = {k: os.environ[k] for k in ("PATH", "SYSTEMROOT", "LANG") if k in os.environ}
    proc = subprocess.Popen([sys.executable, str(WORKER)], cwd=folder, env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    answer = bytearray()
    too_much = threading.Event()

    def read() -> None:
        while chunk := proc.stdout.read(1 << 16):
            answer.extend(chunk)
            if len(answer) > MAX_RESULT_MB << 20:
                too_much.set()
                proc.kill()
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        proc.stdin.write(json.dumps(request).encode("utf-8"))
        proc.stdin.close()
    except OSError:  # the worker is already gone; its exit code says why
        pass
    reader.join(KILL_AFTER_SECONDS)
    timed_out = reader.is_alive()
    if timed_out:
        proc.kill()
        reader.join()
    code = proc.wait()
    proc.stdout.close()
    if too_much.is_set():
        return b'{"ok": false, "kind": "too_large"}\n', code
    if timed_out:
        return b'{"ok": false, "kind": "timeout"}\n', code
    return bytes(answer), code


def _result(answer: bytes, code: int | None, folder: Path) -> ConsoleResult:
    import pyarrow.ipc

    header, _, rest = answer.partition(b"\n")
    try:
        said = json.loads(header)
    except ValueError:
        return _failed("console_crashed", code=code)
    if said.get("ok"):
        table = pyarrow.ipc.open_stream(rest).read_all()
        return ConsoleResult(table.to_pandas(date_as_object=False), bool(said["capped"]))
    kind = said.get("kind")
    if kind == "too_large":
        return _failed("console_result_too_large", mb=MAX_RESULT_MB)
    values = {"one_statement": {"n": said.get("detail")}, "not_select": {"statement": said.get("detail")},
              "unknown_parameter": {"names": said.get("detail")}, "timeout": {"seconds": SECONDS},
              "memory": {"mb": MEMORY_MB}}.get(kind, {})
    message = (said.get("message") or "").replace(str(folder), "…")  # DuckDB names the file's folder
    return ConsoleResult(failure=ConsoleFailure(Msg(FAILURES.get(kind, "console_database"), **values), message))


def _failed(key: str, **values) -> ConsoleResult:
    return ConsoleResult(failure=ConsoleFailure(Msg(key, **values)))


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:  # Windows: a query still has it open; the folder goes at exit
        pass
