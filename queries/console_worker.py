"""One SQL console query, in a process of its own (queries/console.py starts it by path).

Why a process: DuckDB's `memory_limit` bounds what its buffer manager holds, not every
allocation (`repeat('x', 10^9)` takes a gigabyte outside it and cannot be interrupted), and a
crash in a query would take the dashboard's server with it. Here a query can only exhaust or
crash this process, whose address space is capped, which the parent kills after the time limit.

Reads one JSON request on stdin: {"file", "sql", "params", "seconds", "memory_mb", "rows",
"headroom_mb"}. Writes {"running": true} on a line of its own when the query starts (the parent's
clock starts there), then one JSON line: {"ok": true, "rows": n, "capped": bool} followed by the
result as an Arrow IPC stream, or {"ok": false, "kind": ..., "detail": ..., "message": ...}, the
message cut to MESSAGE_CHARS.

The connection: an in-memory copy of the console's database file (the file is attached
read-only, copied, and detached, so no setting, function or table names its path, and the file
cannot be read as a file), with external access off (no files, no ATTACH of a file, no COPY, no
INSTALL or LOAD, no network), the local file system disabled outright, one thread, no spilling
to disk, and the configuration locked (no SET, no PRAGMA that changes a setting). What a query
could change is this process's own copy, which ends with it. Before DuckDB sees the text, it
must be one SELECT (DESCRIBE, SHOW, SUMMARIZE, FROM …, VALUES and WITH … count as one), and
only that statement runs: a comment after its `;` is not part of it.

This file imports nothing from the project: it starts quickly, and only duckdb and pyarrow are
loaded into the process that runs a stranger's SQL.
"""

from __future__ import annotations

import json
import sys
import threading

PARAMETERS = ("districts", "terms", "area_levels", "origins")  # bound from the page's filters
MESSAGE_CHARS = 2_000  # DuckDB repeats what a query makes it say: error(repeat('x', 30000000))


def connect(file: str, memory_mb: int):
    """The console's connection: `file`'s tables and macros copied into memory, then sealed off
    from everything else, the file included."""
    import duckdb

    con = duckdb.connect(":memory:", config={
        "autoload_known_extensions": False,
        "autoinstall_known_extensions": False,
        "allow_community_extensions": False,
        "memory_limit": f"{memory_mb}MB",
        "threads": 1,
        "temp_directory": "",  # nothing spills to disk: a query over the limit fails instead
        "home_directory": ".",  # nor does any setting name the server's home folder
    })
    try:
        con.execute("attach ? as console (read_only)", [file])
        con.execute("copy from database console to memory")
        con.execute("detach console")
        for setting in ("set enable_external_access = false", "set disabled_filesystems = 'LocalFileSystem'",
                        "set lock_configuration = true"):
            con.execute(setting)
    except BaseException:
        con.close()
        raise
    return con


class Refused(Exception):
    """The text is not run: `kind` says why, `detail` what (a count, a statement type, names)."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(kind)
        self.kind, self.detail = kind, detail


def the_select(sql: str, params: dict) -> tuple[str, dict]:
    """The one SELECT in `sql` (its own text, without a comment after its `;`) and the
    parameters it names, from `params`; raises Refused before DuckDB executes anything if `sql`
    is not exactly one SELECT or names a parameter not given."""
    import duckdb

    statements = duckdb.extract_statements(sql)  # a ParserException for text that is not SQL
    if len(statements) != 1:
        raise Refused("one_statement", str(len(statements)))
    statement = statements[0]
    if statement.type != duckdb.StatementType.SELECT:
        raise Refused("not_select", statement.type.name)
    unknown = sorted(set(statement.named_parameters) - set(params))
    if unknown:
        raise Refused("unknown_parameter", ", ".join(f"${name}" for name in unknown))
    return statement.query, {name: params[name] for name in statement.named_parameters}


def _limit_address_space(headroom_mb: int) -> None:
    """Cap this process at its size now plus `headroom_mb`: an allocation beyond fails."""
    try:
        import resource
    except ImportError:  # Windows: DuckDB's own limit and the parent's time limit remain
        return
    with open("/proc/self/status", encoding="ascii") as status:
        size_kb = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
    limit = (size_kb << 10) + (headroom_mb << 20)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _kind(exc: BaseException) -> str:
    import duckdb

    for kind, types in (("timeout", (duckdb.InterruptException,)),
                        ("memory", (duckdb.OutOfMemoryException, MemoryError)),
                        ("no_files", (duckdb.PermissionException,)),
                        ("syntax", (duckdb.ParserException,)),
                        ("unknown_name", (duckdb.CatalogException, duckdb.BinderException))):
        if isinstance(exc, types):
            return kind
    return "database"


def run(request: dict, out) -> None:
    """Run the request's query and write the answer to `out` (a binary stream)."""
    import pyarrow.ipc

    params = {k: v for k, v in (request.get("params") or {}).items() if k in PARAMETERS}
    con = connect(request["file"], request["memory_mb"])
    _limit_address_space(request["headroom_mb"])
    _answer(out, {"running": True})
    out.flush()
    timer = threading.Timer(request["seconds"], con.interrupt)
    timer.start()
    try:
        sql, bound = the_select(request["sql"], params)
        table = _first_rows(con.sql(sql, params=bound), request["rows"] + 1)
    except Refused as exc:
        _answer(out, {"ok": False, "kind": exc.kind, "detail": exc.detail, "message": ""})
        return
    except BaseException as exc:  # noqa: BLE001 - every failure is the answer
        _answer(out, {"ok": False, "kind": _kind(exc), "detail": "", "message": shortened(str(exc))})
        return
    finally:
        timer.cancel()
        con.close()
    capped = table.num_rows > request["rows"]
    table = table.slice(0, request["rows"])
    _answer(out, {"ok": True, "rows": table.num_rows, "capped": capped})
    with pyarrow.ipc.new_stream(out, table.schema) as writer:
        writer.write_table(table)


def _first_rows(relation, n: int):
    """The relation's first `n` rows, read as a stream (the text is not wrapped in a subquery,
    which a comment after its `;` would break)."""
    import pyarrow as pa

    reader = relation.to_arrow_reader(n)
    batches, rows = [], 0
    try:
        for batch in reader:
            batches.append(batch)
            rows += batch.num_rows
            if rows >= n:
                break
        return pa.Table.from_batches(batches, reader.schema).slice(0, n)
    finally:
        reader.close()


def shortened(message: str) -> str:
    """`message`, cut to MESSAGE_CHARS, its cut marked (in no language: it is DuckDB's text)."""
    return message if len(message) <= MESSAGE_CHARS else message[:MESSAGE_CHARS] + " […]"


def _answer(out, header: dict) -> None:
    out.write(json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n")


if __name__ == "__main__":
    run(json.loads(sys.stdin.buffer.read().decode("utf-8")), sys.stdout.buffer)
