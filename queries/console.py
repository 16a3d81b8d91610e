"""The SQL console's data layer: a database file each console query copies into memory, one
query at a time in a process of its own, and the results kept for a rerun of the page.

The app's database lives in memory, so a console query needs a file: `Console.file()` writes
one per register-store snapshot (the tables of queries/model/console.sql, copied from the app's
database in one transaction, and the `filtered_facts` macro the named queries call) into a
private temporary folder, then renames it into place. It holds copies only: no console query
can reach the bundle's files or the store's snapshots, and the file is written again when the
store changes, so registers imported by any process show at the next query.

`Console.run` starts queries/console_worker.py for each query, with the limits below: a
separate connection to a copy of the file in memory, external access and the file system off
and the configuration locked; an interrupt SECONDS after the query starts, and a kill
GRACE_SECONDS later if DuckDB could not interrupt it (one long function call); DuckDB's memory
limit and a cap on the process's address space; a row cap; and at most CONCURRENT queries at
once per server process. What comes back is a result the page can draw, or a `ConsoleFailure`
saying why in the reader's language, with DuckDB's own message (cut to a readable length).
`Console.run_cached` answers a rerun from a ResultCache bounded in entries and bytes.
"""

from __future__ import annotations

import atexit
import collections
import itertools
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from . import model
from .console_worker import shortened
from .errors import DashboardError
from .i18n import Msg

TABLES_SQL = model.sections("console")
WORKER = Path(__file__).resolve().with_name("console_worker.py")
MAX_SQL_CHARS = 10_000  # also what a shared address can carry
ROW_CAP = 10_000
SECONDS = 5  # from the moment the worker says the query runs
STARTUP_SECONDS = 20  # the worker importing DuckDB and copying the file, on a busy machine: not the query's time
GRACE_SECONDS = 2  # after SECONDS, for DuckDB's interrupt to land; a query still running then is killed
SEND_SECONDS = 30  # for a finished query's result (at most MAX_RESULT_MB) to arrive
MEMORY_MB = 256  # DuckDB's own limit
HEADROOM_MB = 1024  # the worker's address space beyond its size once connected (DuckDB crashes below ~640)
MAX_RESULT_MB = 64
CONCURRENT = 2
CACHE_ENTRIES, CACHE_MB, CACHE_SECONDS = 64, 256, 600  # results kept for a rerun of the page
WAIT_SECONDS = 10  # for a free slot, before saying the console is busy
PARAMETERS = ("districts", "terms", "area_levels", "origins")
# Why a query gave no rows, from the worker's answer, to the catalogue key that says so.
FAILURES = {"one_statement": "console_one_statement", "not_select": "console_not_select",
            "unknown_parameter": "console_unknown_parameter", "timeout": "console_timeout",
            "killed": "console_killed", "not_started": "console_not_started",
            "memory": "console_memory", "no_files": "console_no_files", "syntax": "console_syntax",
            "unknown_name": "console_unknown_name", "database": "console_database"}
# The days strftime can write, 0001-01-01 to 9999-12-31, counted from 1970-01-01; a date or time
# beyond (DuckDB's 'infinity' among them) is shown as text.
PYTHON_DAYS = (-719_162, 2_932_896)
PER_DAY = {"s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400_000_000_000}
INFINITY = {2_147_483_647: "infinity", -2_147_483_647: "-infinity",  # DuckDB's, as date32 and int64
            9_223_372_036_854_775_807: "infinity", -9_223_372_036_854_775_807: "-infinity"}


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


class ResultCache:
    """Results kept for a rerun of the page (a click elsewhere, a language switch): at most
    `entries` of them, `mb` in all as pandas counts their frames, each for `seconds`; the least
    recently used goes first, and a result larger than the whole cache is not kept."""

    def __init__(self, entries: int = CACHE_ENTRIES, mb: int = CACHE_MB, seconds: float = CACHE_SECONDS):
        self.entries, self.limit, self.seconds = entries, mb << 20, seconds
        self._kept: collections.OrderedDict[tuple, tuple[float, int, ConsoleResult]] = collections.OrderedDict()
        self.bytes = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: tuple) -> ConsoleResult | None:
        with self._lock:
            kept = self._kept.get(key)
            if kept is None:
                return None
            if time.monotonic() - kept[0] > self.seconds:
                self._drop(key)
                return None
            self._kept.move_to_end(key)
            return kept[2]

    def put(self, key: tuple, result: ConsoleResult) -> None:
        size = int(result.frame.memory_usage(index=True, deep=True).sum()) + 1024
        with self._lock:
            if key in self._kept:
                self._drop(key)
            if size > self.limit:
                return
            self._kept[key] = (time.monotonic(), size, result)
            self.bytes += size
            while self.bytes > self.limit or len(self._kept) > self.entries:
                self._drop(next(iter(self._kept)))

    def _drop(self, key: tuple) -> None:
        self.bytes -= self._kept.pop(key)[1]


class Console:
    """The console of one Database: its file (rewritten per store snapshot), its queries and
    their cached results."""

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
        self.cache = ResultCache()

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


    def run_cached(self, sql: str, params: dict | None = None) -> ConsoleResult:
        """`run`, answered from the cache for the same text, parameters and store snapshot (a new
        import is never answered from it). A process that did not start or crashed is not kept:
        the next run tries again."""
        params = params or {}
        key = (sql, tuple(None if params.get(k) is None else tuple(params[k]) for k in PARAMETERS),
               self.file().snapshot)
        result = self.cache.get(key)
        if result is None:
            result = self.run(sql, params)
            if result.failure is None or result.failure.msg.key not in ("console_not_started", "console_crashed"):
                self.cache.put(key, result)
        return result


def _in_worker(request: dict, folder: Path) -> tuple[bytes, int | None]:
    """The worker's answer (its header line, then the result) and exit code. The query's clock
    starts when the worker says it runs: a slow start takes none of the query's SECONDS, and a
    query DuckDB cannot interrupt is killed GRACE_SECONDS after them."""
    env = {k: os.environ[k] for k in ("PATH", "SYSTEMROOT", "LANG") if k in os.environ}
    proc = subprocess.Popen([sys.executable, str(WORKER)], cwd=folder, env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    answer = bytearray()
    running, answered, too_much = threading.Event(), threading.Event(), threading.Event()
    started_at = []

    def read() -> None:
        if not proc.stdout.readline():  # {"running": true}; nothing: it ended before the query
            return
        started_at.append(time.monotonic())
        running.set()
        answer.extend(proc.stdout.readline(MAX_RESULT_MB << 20))
        answered.set()
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
    said = None
    if not _waited(running, reader, STARTUP_SECONDS):
        said = {"kind": "not_started"} if reader.is_alive() else None
    elif not _waited(answered, reader, SECONDS + GRACE_SECONDS):
        said = {"kind": "killed", "detail": math.ceil(time.monotonic() - started_at[0])} if reader.is_alive() else None
    else:
        reader.join(SEND_SECONDS)
        said = {"kind": "too_large"} if reader.is_alive() else None
    if said is not None:
        proc.kill()
    reader.join()
    code = proc.wait()
    proc.stdout.close()
    if too_much.is_set():
        said = {"kind": "too_large"}
    if said is not None:
        return json.dumps({"ok": False, **said}).encode("utf-8") + b"\n", code
    return bytes(answer), code


def _waited(event: threading.Event, reader: threading.Thread, seconds: float) -> bool:
    """Whether `event` was set within `seconds`; False as soon as `reader` ends without it."""
    deadline = time.monotonic() + seconds
    while not event.wait(0.05):
        if not reader.is_alive() or time.monotonic() > deadline:
            return event.is_set()
    return True


def _result(answer: bytes, code: int | None, folder: Path) -> ConsoleResult:
    import pyarrow.ipc

    header, _, rest = answer.partition(b"\n")
    try:
        said = json.loads(header)
    except ValueError:
        return _failed("console_crashed", code=code)
    if said.get("ok"):
        try:
            table = pyarrow.ipc.open_stream(rest).read_all()
        except Exception:  # noqa: BLE001 - a stream cut short: the worker died writing it
            return _failed("console_crashed", code=code)
        return _shown(table, bool(said["capped"]))
    kind = said.get("kind")
    if kind == "too_large":
        return _failed("console_result_too_large", mb=MAX_RESULT_MB)
    values = {"one_statement": {"n": said.get("detail")}, "not_select": {"statement": said.get("detail")},
              "unknown_parameter": {"names": said.get("detail")}, "timeout": {"seconds": SECONDS},
              "killed": {"seconds": SECONDS, "after": said.get("detail")},
              "not_started": {"seconds": STARTUP_SECONDS}, "memory": {"mb": MEMORY_MB}}.get(kind, {})
    message = shortened((said.get("message") or "").replace(str(folder), "…"))  # DuckDB may name the folder
    return ConsoleResult(failure=ConsoleFailure(Msg(FAILURES.get(kind, "console_database"), **values), message))


def _shown(table, capped: bool) -> ConsoleResult:
    """The result as a frame the page can draw: a date or time strftime cannot write becomes
    DuckDB's text for it; a column pandas has no type for (a UNION) is a failure naming it."""
    import pyarrow as pa

    for i, column in enumerate(table.columns):
        if _beyond_python(column):
            table = table.set_column(i, table.field(i).name, pa.array(_as_text(column), pa.string()))
    try:
        return ConsoleResult(table.to_pandas(date_as_object=False), capped)
    except Exception:  # noqa: BLE001 - pyarrow raises several kinds for a type pandas lacks
        unshown = [field for field in table.schema if not _converts(table.column(field.name))]
        return _failed("console_unshowable", columns=", ".join(f"`{f.name}` ({f.type})" for f in unshown),
                       example=unshown[0].name if unshown else "…")


def _converts(column) -> bool:
    try:
        column.to_pandas(date_as_object=False)
    except Exception:  # noqa: BLE001 - as above
        return False
    return True


def _beyond_python(column) -> bool:
    """Whether a date or timestamp column holds a value outside Python's years 1 to 9999."""
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = column.type
    if pa.types.is_date32(kind):
        per_day, ints = 1, pa.int32()
    elif pa.types.is_timestamp(kind):
        per_day, ints = PER_DAY[kind.unit], pa.int64()
    else:
        return False
    bounds = pc.min_max(pc.cast(column, ints)).as_py()
    return bounds["min"] is not None and (bounds["min"] < PYTHON_DAYS[0] * per_day
                                          or bounds["max"] > (PYTHON_DAYS[1] + 1) * per_day - 1)


def _as_text(column) -> list[str | None]:
    """A date or timestamp column as DuckDB writes it: ISO dates and times, '(-)infinity'."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = column.type
    unit = "D" if pa.types.is_date32(kind) else kind.unit
    ints = pc.cast(column, pa.int32() if unit == "D" else pa.int64()).to_pylist()
    return [None if v is None else INFINITY.get(v) or str(np.datetime64(v, unit)).replace("T", " ") for v in ints]


def _failed(key: str, **values) -> ConsoleResult:
    return ConsoleResult(failure=ConsoleFailure(Msg(key, **values)))


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:  # Windows: a query still has it open; the folder goes at exit
        pass
