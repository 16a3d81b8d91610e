"""One SQL console query, in a process of its own (queries/console.py starts it by path).

Why a process: DuckDB's `memory_limit` bounds what its buffer manager holds, not every
allocation (`repeat('x', 10^9)` takes a gigabyte outside it and cannot be interrupted), and a
crash in a query would take the dashboard's server with it. Here a query can only exhaust or
crash this process, whose address space is capped, which the parent kills after the time limit.

Reads one JSON request on stdin: {"file", "sql", "params", "seconds", "memory_mb", "rows",
"headroom_mb"}. Writes one JSON line on stdout: {"ok": true, "rows": n, "capped": bool} followed
by the result as an Arrow IPC stream, or {"ok": false, "kind": ..., "detail": ..., "message": ...}.

The connection: the console's database file opened read-only, with external access off (no
files, no ATTACH, no COPY, no INSTALL or LOAD, no network), one thread, no spilling to disk,
and the configuration locked (no SET, no PRAGMA that changes a setting). Before DuckDB sees the
text, it must be one SELECT (DESCRIBE, SHOW, SUMMARIZE, FROM …, VALUES and WITH … count as one).

This file imports nothing from the project: it starts quickly, and only duckdb and pyarrow are
loaded into the process that runs a stranger's SQL.
"""

from __future__ import annotations

import json
import sys
import threading

PARAMETERS = ("districts", "terms", "area_levels", "origins")  # bound from the page's filters


def connect(file: str, memory_mb: int):
    """The console's connection to `file`: read-only, sealed off from everything else."""
    import duckdb

    return duckdb.connect(file, read_only=True, config={
        "enable_external_access": False,
        "autoload_known_extensions": False,
        "autoinstall_known_extensions": False,
        "allow_community_extensions": False,
        "memory_limit": f"{memory_mb}MB",
        "threads": 1,
        "temp_directory": "",  # nothing spills to disk: a query over the limit fails instead
        "home_directory": ".",  # nor does any setting name the server's home folder
        "lock_configuration": True,
    })


class Refused(Exception):
    """The text is not run: `kind` says why, `detail` what (a count, a statement type, names)."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(kind)
        self.kind, self.detail = kind, detail


def parameters_of(sql: str, params: dict) -> dict:
    """The parameters the one SELECT in `sql` names, from `params`; raises Refused before DuckDB
    executes anything if `sql` is not exactly one SELECT or names a parameter not given."""
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
    return {name: params[name] for name in statement.named_parameters}


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
    timer = threading.Timer(request["seconds"], con.interrupt)
    timer.start()
    try:
        relation = con.sql(request["sql"], params=parameters_of(request["sql"], params))
        table = relation.limit(request["rows"] + 1).to_arrow_table()
    except Refused as exc:
        _answer(out, {"ok": False, "kind": exc.kind, "detail": exc.detail, "message": ""})
        return
    except BaseException as exc:  # noqa: BLE001 - every failure is the answer
        _answer(out, {"ok": False, "kind": _kind(exc), "detail": "", "message": str(exc)})
        return
    finally:
        timer.cancel()
        con.close()
    capped = table.num_rows > request["rows"]
    table = table.slice(0, request["rows"])
    _answer(out, {"ok": True, "rows": table.num_rows, "capped": capped})
    with pyarrow.ipc.new_stream(out, table.schema) as writer:
        writer.write_table(table)


def _answer(out, header: dict) -> None:
    out.write(json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n")


if __name__ == "__main__":
    run(json.loads(sys.stdin.buffer.read().decode("utf-8")), sys.stdout.buffer)
