"""Command line for the register store, for registers too big for the browser's upload
(a ministry's 10 million rotation events) and for scripted loads such as the benchmark:

    python -m queries.store_cli districts generated_districts.csv   # declare extra districts
    python -m queries.store_cli import generated_*.csv --generated
    python -m queries.store_cli list
    python -m queries.store_cli remove IMPORT_ID

The store is DASHBOARD_STORE (or --store). Whoever can run this can already write the file,
so no passphrase is asked; the app's own import is the one behind the passphrase. The app
must not be running on the same store (DuckDB allows one writing process).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

from .db import Database
from .errors import DashboardError
from .i18n import cli_language
from .registers import RegisterRejected, check
from .sample import PREFIX as GENERATED_PREFIX
from .store import configured_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m queries.store_cli", description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, help="store file (default: DASHBOARD_STORE or data/registers.duckdb)")
    sub = parser.add_subparsers(dest="command", required=True)
    load = sub.add_parser("import", help="check and import register files (CSV or XLSX)")
    load.add_argument("files", nargs="+", type=Path)
    load.add_argument("--generated", action="store_true", help="mark as generated sample data")
    declare = sub.add_parser("districts", help="declare extra districts: CSV with district, province[, commune]")
    declare.add_argument("file", type=Path)
    sub.add_parser("list", help="list imports")
    remove = sub.add_parser("remove", help="remove one import")
    remove.add_argument("import_id")
    args = parser.parse_args(argv)
    lang = cli_language()

    db = Database(store_path=args.store or configured_path())
    if db.store is None:
        print(db.store_error.message(lang), file=sys.stderr)
        return 2
    try:
        if args.command == "districts":
            print(db.store.add_districts(pd.read_csv(args.file, dtype=str, keep_default_na=False)
                                         .replace("", None)))
        elif args.command == "list":
            print(db.store.imports().to_string(index=False))
        elif args.command == "remove":
            return 0 if db.store.remove(args.import_id) else 1
        else:
            checked = []
            for path in args.files:  # every file is checked before any is written
                started = time.perf_counter()
                checked.append(check(path.name, path.read_bytes(), db.store.reference()))
                print(f"{path.name}: {len(checked[-1].records)} rows checked in "
                      f"{time.perf_counter() - started:.1f}s", file=sys.stderr)
            for register in checked:
                started = time.perf_counter()
                result = db.store.import_register(
                    register, generated=args.generated or register.file.startswith(GENERATED_PREFIX))
                print(f"{register.file}\t{result.import_id}\t{'imported' if result.created else 'already imported'}"
                      f"\t{time.perf_counter() - started:.1f}s")
    except RegisterRejected as exc:
        print(exc.message(lang), file=sys.stderr)
        exc.table(lang).to_csv(sys.stderr, index=False)
        return 1
    except DashboardError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
