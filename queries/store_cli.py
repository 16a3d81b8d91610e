"""Command line for the register store, for registers too big for the browser's upload
(a ministry's 10 million rotation events) and for scripted loads such as the benchmark:

    python -m queries.store_cli districts generated_districts.csv   # declare extra districts
    python -m queries.store_cli import generated_*.csv --generated
    python -m queries.store_cli list
    python -m queries.store_cli remove IMPORT_ID

The store is DASHBOARD_STORE (or --store). Whoever can run this can already write the folder,
so no passphrase is asked; the app's own import is the one behind the passphrase. The app may
be running: its viewers see an import at their next interaction. The files of one import are
checked together and written together, or not at all. Vietnamese unless LANG=en…
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pandas as pd

from .cli import ArgumentParser
from .db import Database
from .errors import DashboardError
from .exports import neutralise_formulas
from .i18n import cli_language, t
from .registers import RegisterFile, RegisterRejected
from .store import IMPORT_WAIT_SECONDS, configured_path

IMPORT_COLUMNS = {"import_id": "reg_col_import_id", "kind": "reg_col_kind", "file_name": "reg_col_file",
                  "imported_at": "reg_col_imported_at", "row_count": "reg_col_rows",
                  "generated": "reg_col_generated", "checksum": "reg_col_checksum"}


def parser(lang: str) -> ArgumentParser:
    say = lambda key: t(key, lang)  # noqa: E731
    main = ArgumentParser(prog="python -m queries.store_cli", description=say("cli_description"), lang=lang)
    main.add_argument("--store", type=Path, help=say("cli_store_help"))
    sub = main.add_subparsers(dest="command", required=True)
    load = sub.add_parser("import", help=say("cli_import_help"))
    load.add_argument("files", nargs="+", type=Path)
    load.add_argument("--generated", action="store_true", help=say("cli_generated_help"))
    load.add_argument("--wait", type=float, default=IMPORT_WAIT_SECONDS * 20, help=say("cli_wait_help"))
    declare = sub.add_parser("districts", help=say("cli_districts_help"))
    declare.add_argument("file", type=Path)
    sub.add_parser("list", help=say("cli_list_help"))
    remove = sub.add_parser("remove", help=say("cli_remove_help"))
    remove.add_argument("import_id")
    return main


def main(argv: list[str] | None = None) -> int:
    lang = cli_language()
    args = parser(lang).parse_args(argv)
    db = Database(store_path=args.store or configured_path())
    try:
        return run(db, args, lang)
    finally:
        if db.store.repaired is not None:
            print(db.store.repaired.text(lang), file=sys.stderr)


def run(db: Database, args, lang: str) -> int:
    """One command; the store's and the files' errors as messages, never tracebacks."""
    inputs = {"import": lambda: args.files, "districts": lambda: [args.file]}.get(args.command, list)()
    unreadable = [path for path in inputs if not os.path.isfile(path) or not os.access(path, os.R_OK)]
    if unreadable:
        print(t("cli_unreadable_files", lang, files=", ".join(map(str, unreadable))), file=sys.stderr)
        return 2
    try:
        if args.command == "districts":
            frame = pd.read_csv(args.file, dtype=str, keep_default_na=False)
            print(t("cli_districts_declared", lang, n=db.store.add_districts(frame)))
        elif args.command == "list":
            list_imports(db, lang)
        elif args.command == "remove":
            found = db.store.remove(args.import_id)
            print(t("cli_removed" if found else "cli_no_such_import", lang, import_id=args.import_id))
            return 0 if found else 1
        else:
            return import_files(db, args, lang)
    except RegisterRejected as exc:
        print(exc.message(lang), file=sys.stderr)
        neutralise_formulas(exc.table(lang)).to_csv(sys.stderr, index=False)
        return 1
    except DashboardError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 2
    return 0


def import_files(db: Database, args, lang: str) -> int:
    """Every file in one import: each file's line on stdout (imported, or not written and why),
    how it was read on stderr, then what was written in all."""
    started = time.perf_counter()

    def say_waiting(stage: str) -> None:
        if stage == "waiting":
            print(t("cli_waiting", lang), file=sys.stderr, flush=True)

    report = db.import_registers([RegisterFile(path.name, path=path) for path in args.files],
                                 generated=args.generated, wait=args.wait, on_stage=say_waiting)
    for file in report.files:
        kind = t(f"register_kind_{file.kind}", lang)
        if file.created:
            print(t("cli_imported", lang, file=file.file, rows=file.rows, kind=kind, import_id=file.import_id))
        else:
            print(t("cli_not_written", lang, file=file.file))
        for note in file.notes:
            print(f"  {note.text(lang)}", file=sys.stderr if file.created else sys.stdout)
    written = report.written
    if written:
        print(t("cli_summary", lang, written=len(written), rows=sum(f.rows for f in written),
                seconds=f"{time.perf_counter() - started:.1f}"))
    else:
        print(t("cli_nothing_written", lang))
    return 0


def list_imports(db: Database, lang: str) -> None:
    imports = db.store.imports()
    if imports.empty:
        print(t("cli_no_imports", lang))
        return
    shown = imports.assign(kind=[t(f"register_kind_{k}", lang) for k in imports.kind],
                           checksum=imports.checksum.str[:16])[list(IMPORT_COLUMNS)]
    shown.columns = [t(key, lang) for key in IMPORT_COLUMNS.values()]
    with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
        print(shown.to_string(index=False))


if __name__ == "__main__":
    sys.exit(main())
