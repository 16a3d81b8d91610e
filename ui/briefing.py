"""The briefing: the current view, one page or every chart page, as a PDF or PowerPoint document
to take into a meeting, every figure cited. Without Streamlit: the app and the command line
(`python -m ui.briefing`, `main` below) make the same document.

It holds exactly what the pages show (their views, ui/views.py): each chart with its key
numbers, bounds kept ("> 68%"), and its sources (publisher, date, the quoted sentence or the
page's URL); register figures keep their label, generated sample data says so. The cover gives
the filters, the date and the share address; the closing part the data-quality notes on the
figures in it and the published-against-computed checks. Charts are drawn by kaleido in
Debian's Chromium (ui/images.py), all in one browser session; nothing reaches the network.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd
import plotly.graph_objects as go

from queries import database
from queries.cli import ArgumentParser
from queries.errors import DashboardError
from queries.exports import checked_out_path
from queries.i18n import LANGS, cli_language, t

from .charts import FONT_SIZE, PROJECTOR_FONT, for_export, for_projector, split_rows
from .images import figure_images
from .network import share_link
from .selection import LEVELS, ORIGIN_CHOICES, Filters, url_params
from .tables import download_name, export_context
from .views import (CHART_PAGES, ChartView, Checks, PageView, Runner, checks_view, figure_ids, local_runner, notes_for,
                    page_view, url_path)

FORMATS = {"pdf": "application/pdf",
           "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}
PDF_CHART_PX = 1000  # a chart's width in a PDF page's chart box (180 mm): its 16 px text prints at 8.2 pt
Progress = Callable[[float, str], None]  # (share done, what is being done), in the reader's language


@dataclass(frozen=True)
class Briefing:
    """What a briefing holds, before it is laid out as a PDF or a PowerPoint."""

    filters: Filters
    pages: tuple[PageView, ...]
    made_on: dt.date
    quality_notes: pd.DataFrame  # the notes on any figure in the briefing
    checks: Checks

    @property
    def lang(self) -> str:
        return self.filters.lang

    @property
    def charts(self) -> list[tuple[PageView, ChartView]]:
        return [(page, chart) for page in self.pages for chart in page.charts]

    @property
    def drawn_charts(self) -> list[ChartView]:
        """The charts with a figure, in order: one image each."""
        return [chart for _, chart in self.charts if chart.figure is not None]

    @property
    def generated(self) -> bool:
        return any(page.generated for page in self.pages)

    @property
    def empty(self) -> bool:
        """No chart and no figure at all: the document would be a cover and a closing page."""
        return not self.charts

    @property
    def empty_parts(self) -> list[str]:
        """'Các trường hợp luân chuyển được nêu tên: Chưa có sổ đăng ký nào…' for each part that shows
        nothing, said as a document says it (no sidebar to point to)."""
        lang = self.lang
        return [f"{t(page.page, lang)} · {section.title or t(page.page, lang)}: "
                f"{section.empty.document or section.empty.text}"
                for page in self.pages for section in page.sections if section.empty]

    @property
    def left_out(self) -> list[str]:
        """What the filters ask for that the briefing leaves out, and why (the pages leave out the
        same): communes, when several districts are chosen."""
        filters = self.filters
        poverty = any(page.page == "page_poverty" for page in self.pages)
        if poverty and "commune" in filters.area_levels and len(filters.districts) > 1:
            return [t("briefing_communes_left_out", self.lang)]
        return []

    def describe_pages(self) -> str:
        return " · ".join(t(page.page, self.lang) for page in self.pages)


def collect(filters: Filters, run: Runner, pages=CHART_PAGES, made_on: dt.date | None = None,
            progress: Progress | None = None) -> Briefing:
    """The views of `pages` for `filters`, and the notes and checks on their figures."""
    lang = filters.lang
    views = []
    for index, page in enumerate(pages):
        if progress:
            progress(0.2 * index / len(pages), t("briefing_step_views", lang, page=t(page, lang)))
        views.append(page_view(page, filters, run))
    shown = [one for view in views for chart in view.charts for one in figure_ids(chart.drawn)]
    notes = notes_for(run("data_quality_notes", lang=lang, **filters.query_args()), shown)
    return Briefing(filters, tuple(views), made_on or dt.date.today(), notes, checks_view(filters, run))


Draw = Callable[[list[tuple[go.Figure, str]]], list[bytes]]  # (figure, 'pdf' or 'png') -> files, in order


def drawer(lang: str, progress: Progress | None = None) -> Draw:
    """Draws figures in one browser session, saying how far it got."""
    def draw(figures: list[tuple[go.Figure, str]]) -> list[bytes]:
        def step(done: int, total: int) -> None:
            if progress:
                progress(0.2 + 0.7 * done / total, t("briefing_step_charts", lang, done=done, total=total))

        if progress and figures:
            progress(0.2, t("briefing_step_charts", lang, done=0, total=len(figures)))
        return figure_images(figures, progress=step) if figures else []
    return draw


SLIDE_PICTURE_PX = 1000  # a slide picture's width: across the slide (12.5 in), 18 px text shows at 16 pt
SLIDE_PICTURE_MAX_PX = 560  # its height at most: under the title (6 in) it keeps 14 pt or more


def slide_pictures(briefing: Briefing) -> list[list[go.Figure]]:
    """Each chart as the PNG the page's own download gives, its title, filters, sources and date
    drawn in, so a picture copied out of the deck keeps its context; its text as large as on a
    projector, a tall bar chart in parts (one slide each), so nothing on a slide is under 14 pt."""
    pictures = []
    for chart in briefing.drawn_charts:
        context = export_context(briefing.filters, chart.source_line)
        overhead = for_export(go.Figure(layout={"height": 100}), "", context).layout.height - 100
        parts = split_rows(chart.figure, for_projector(chart.figure), SLIDE_PICTURE_MAX_PX - overhead,
                           PROJECTOR_FONT / FONT_SIZE)
        pictures.append([for_export(part, chart.title if len(parts) == 1 else f"{chart.title} · {index}/{len(parts)}",
                                    context).update_layout(width=SLIDE_PICTURE_PX)
                         for index, part in enumerate(parts, start=1)])
    return pictures


def make_briefing(filters: Filters, run: Runner, fmt: str, pages=CHART_PAGES,
                  progress: Progress | None = None) -> bytes:
    """The briefing of `pages` for `filters` as `fmt` ('pdf' or 'pptx')."""
    return document(collect(filters, run, pages, progress=progress), fmt, progress)


def document(briefing: Briefing, fmt: str, progress: Progress | None = None) -> bytes:
    """The collected `briefing`'s charts drawn, and laid out as `fmt` ('pdf' or 'pptx'). A PDF
    lays its pages out first: how a chart is split across pages depends on what goes with it."""
    from .briefing_pdf import pdf_document  # here: the layouts import this module's Briefing
    from .briefing_pptx import pptx_document

    draw = drawer(briefing.lang, progress)
    if fmt == "pdf":
        return pdf_document(briefing, draw)
    parts = slide_pictures(briefing)
    pictures = iter(draw([(part, "png") for chart in parts for part in chart]))
    if progress:
        progress(0.95, t("briefing_step_layout", briefing.lang))
    return pptx_document(briefing, [[next(pictures) for _ in chart] for chart in parts])


def briefing_name(filters: Filters, pages, fmt: str) -> str:
    """'ban-tom-tat-chi-tieu_thanh-tri_2026-11-23.pdf': the one file-name pattern, saying what it holds."""
    what = t("briefing", filters.lang)
    if tuple(pages) != CHART_PAGES:
        what += " " + " ".join(t(page, filters.lang) for page in pages)
    return download_name(what, filters, fmt)


def plain(markdown: str) -> str:
    """A view's Markdown sentence as plain text for a document: '**Bắc Hà** (…) *(Nguồn: …)*' ->
    'Bắc Hà (…) (Nguồn: …)'."""
    return markdown.replace("**", "").replace("*", "")


# ---- The command line, for a scheduled report: the same document as the app's «Briefing» export.
#   python -m ui.briefing --district "Thanh Trì" --term 2020-2025 --lang vi --format pdf --out briefing.pdf
#   python -m ui.briefing --page quotas --lang en --format pptx --out quotas.pptx
# Without --district, --term or --area-level it covers what the app shows first (the four
# districts, every term and level). Nothing here reaches the network.

PAGE_NAMES = {page.removeprefix("page_"): page for page in CHART_PAGES}  # --page overview … quotas
APP_PORT = 8501  # where `streamlit run dashboard.py` serves the app, for the address on the cover
EXIT_ERROR, EXIT_EMPTY = 2, 3


def main(argv: list[str] | None = None) -> int:
    parser = ArgumentParser(prog="python -m ui.briefing", lang=cli_language(),
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
    parser.add_argument("--allow-empty", action="store_true",
                        help="write the briefing even when the filters leave no figure (else exit 3)")
    args = parser.parse_args(argv)
    lang = args.lang or cli_language()
    progress = lambda _, step: print(step, file=sys.stderr)  # noqa: E731
    try:
        checked_out_path(args.out)  # before seconds of drawing
        db = database()
        filters = Filters(lang=lang, present=False, districts=tuple(args.district or db.focus_districts),
                          terms=tuple(args.term or db.terms), area_levels=tuple(args.area_level or LEVELS),
                          origin=args.origin, all_terms=tuple(db.terms))
        db.check_params(districts=list(filters.districts), terms=list(filters.terms))  # a bad name stops here
        pages = tuple(PAGE_NAMES[name] for name in args.page) if args.page else CHART_PAGES
        link = args.link or share_link(None, APP_PORT, url_path(pages[0]) if len(pages) == 1 else "",
                                       url_params(filters, db))
        briefing = collect(dataclasses.replace(filters, link=link), local_runner(db), pages, progress=progress)
        if briefing.empty and not args.allow_empty:
            print(t("briefing_nothing_cli", lang, nothing=t("briefing_nothing", lang)), file=sys.stderr)
            for part in briefing.empty_parts:
                print(f"  {part}", file=sys.stderr)
            return EXIT_EMPTY
        data = document(briefing, args.format, progress)
    except DashboardError as exc:
        print(exc.message(lang), file=sys.stderr)
        return EXIT_ERROR
    args.out.write_bytes(data)
    if briefing.empty:
        print(t("briefing_nothing", lang), file=sys.stderr)
    print(t("briefing_written", lang, path=args.out), file=sys.stderr)
    return 0


if __name__ == "__main__":  # run the module's own `main`, not a second copy of this file
    from ui.briefing import main as briefing_main

    sys.exit(briefing_main())
