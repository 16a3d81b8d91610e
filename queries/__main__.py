"""Command line for researchers who script:

    python -m queries list
    python -m queries run facts --district "Bắc Hà" --term 2020-2025 --format csv
    python -m queries package --out goi-du-lieu.zip [--district …] [--term …] [--origin both] [--registers]

`run --format csv` is for programs: the values as they are (a qualifier `=` stays `=`). The files
meant for a spreadsheet, the page's downloads and the package's CSV, are formula-safe instead
(queries/exports.py neutralise_formulas). Messages and argparse's words are in the language of
LANG (Vietnamese unless LANG=en…).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from . import database, list_queries
from .cli import ArgumentParser
from .errors import DashboardError
from .exports import checked_out_path
from .i18n import cli_language, t
from .package import Scope, build


def _filter_arguments(command: argparse.ArgumentParser, lang: str) -> None:
    command.add_argument("--district", nargs="+", action="extend", help=t("cli_district_help", lang))
    command.add_argument("--term", action="append", help=t("cli_term_help", lang))
    command.add_argument("--area-level", action="append", choices=["commune", "district", "province", "country"])


def main(argv: list[str] | None = None) -> int:
    lang = cli_language()
    parser = ArgumentParser(prog="python -m queries", description=t("cli_queries_description", lang), lang=lang)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help=t("cli_queries_list_help", lang))
    run = sub.add_parser("run", help=t("cli_queries_run_help", lang))
    run.add_argument("name")
    _filter_arguments(run, lang)
    run.add_argument("--format", choices=["csv", "json", "table"], default="table", help=t("cli_format_help", lang))
    package = sub.add_parser("package", help=t("pkg_cli_help", lang))
    package.add_argument("--out", type=Path, required=True, help=t("pkg_cli_out_help", lang))
    _filter_arguments(package, lang)
    package.add_argument("--origin", choices=["published", "register", "both"], default="both",
                         help=t("pkg_cli_origin_help", lang))
    package.add_argument("--registers", action="store_true", help=t("pkg_cli_registers_help", lang))
    args = parser.parse_args(argv)
    try:
        if args.command == "list":
            for query in list_queries():
                params = ", ".join(f"${p}" for p in query.params) or "-"
                print(f"{query.name:<26} {query.title}  [{params}]")
            return 0
        if args.command == "package":
            return _package(args, lang)
        frame = database().run(args.name, districts=args.district, terms=args.term, area_levels=args.area_level)
    except DashboardError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 2
    for column in frame.select_dtypes(include="datetime").columns:
        frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    try:
        _write(frame, args.format)
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
    return 0


def _package(args, lang: str) -> int:
    """Write the data package for the arguments' scope (no filter: everything)."""
    checked_out_path(args.out)  # before the package is built
    origins = None if args.origin == "both" else [args.origin]
    scope = Scope(args.district, args.term, args.area_level, origins, args.registers)
    package = build(database(), scope, args.out.stem)
    args.out.write_bytes(package.data)
    print(t("pkg_written", lang, path=args.out, figures=package.counts["figures"], sources=package.counts["sources"]))
    return 0


def _write(frame, fmt: str) -> None:
    if fmt == "csv":  # for programs: the values as they are (downloads and the package are formula-safe)
        frame.to_csv(sys.stdout, index=False)
    elif fmt == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, date_format="iso", indent=1) + "\n")
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
            print(frame.to_string(index=False))


if __name__ == "__main__":
    sys.exit(main())
