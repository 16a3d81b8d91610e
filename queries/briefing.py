"""The briefing from the command line, for a scheduled report: the same PDF or PowerPoint the
app's «Briefing» export makes, for the filters given here.

    python -m queries.briefing --district "Thanh Trì" --term 2020-2025 --lang vi --format pdf --out briefing.pdf
    python -m queries.briefing --page quotas --lang en --format pptx --out quotas.pptx

Without --district, --term or --area-level it covers what the app shows first (the four
districts, every term and level). Nothing here reaches the network. The document is laid out
by ui/briefing*.py, which needs no Streamlit.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from ui.briefing import make_briefing
from ui.network import share_link
from ui.selection import LEVELS, ORIGIN_CHOICES, Filters, url_params
from ui.views import CHART_PAGES, local_runner, url_path

from . import database
from .cli import ArgumentParser
from .errors import DashboardError
from .i18n import LANGS, cli_language, t

PAGE_NAMES = {page.removeprefix("page_"): page for page in CHART_PAGES}  # --page overview … quotas
APP_PORT = 8501  # where `streamlit run dashboard.py` serves the app, for the address on the cover


def main(argv: list[str] | None = None) -> int:
    parser = ArgumentParser(prog="python -m queries.briefing", lang=cli_language(),
                            description="The dashboard's briefing (PDF or PowerPoint), every figure cited.")
    parser.add_argument("--district", nargs="+", action="extend", help="district name(s), e.g. 'Bắc Hà'")
    parser.add_argument("--term", action="append", help="party term, e.g. 2020-2025 (repeatable)")
    parser.add_argument("--area-level", action="append", choices=LEVELS)
    parser.add_argument("--origin", choices=list(ORIGIN_CHOICES), default="published",
                        help="published figures, my registers, or both")
    parser.add_argument("--page", action="append", choices=list(PAGE_NAMES),
                        help="one page (repeatable); without it, the whole dashboard")
    parser.add_argument("--lang", choices=LANGS, default=None, help="vi or en (default: from LANG, else vi)")
    parser.add_argument("--format", choices=["pdf", "pptx"], required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--link", help="the app's address to print on the cover (default: this machine's, "
                                       f"port {APP_PORT})")
    args = parser.parse_args(argv)
    lang = args.lang or cli_language()
    try:
        db = database()
        filters = Filters(lang=lang, present=False, districts=tuple(args.district or db.focus_districts),
                          terms=tuple(args.term or db.terms), area_levels=tuple(args.area_level or LEVELS),
                          origin=args.origin, all_terms=tuple(db.terms))
        db.check_params(districts=list(filters.districts), terms=list(filters.terms))  # a bad name stops here
        pages = tuple(PAGE_NAMES[name] for name in args.page) if args.page else CHART_PAGES
        link = args.link or share_link(None, APP_PORT, url_path(pages[0]) if len(pages) == 1 else "",
                                       url_params(filters, db))
        filters = dataclasses.replace(filters, link=link)
        document = make_briefing(filters, local_runner(db), args.format, pages,
                                 progress=lambda _, step: print(step, file=sys.stderr))
    except DashboardError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 2
    args.out.write_bytes(document)
    print(t("briefing_written", lang, path=args.out), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
