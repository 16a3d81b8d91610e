"""The briefing: the current view, one page or every chart page, as a PDF or PowerPoint document
to take into a meeting, every figure cited. Without Streamlit: the app and the command line
(`python -m queries.briefing`) make the same document.

It holds exactly what the pages show (their views, ui/views.py): each chart with its key
numbers, bounds kept ("> 68%"), and its sources (publisher, date, the quoted sentence or the
page's URL); register figures keep their label, generated sample data says so. The cover gives
the filters, the date and the share address; the closing part the data-quality notes on the
figures in it and the published-against-computed checks. Charts are drawn by kaleido in
Debian's Chromium (ui/images.py), all in one browser session; nothing reaches the network.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

import pandas as pd
import plotly.graph_objects as go

from queries.i18n import t

from .charts import for_export
from .images import figure_images
from .selection import Filters
from .tables import download_name, export_context
from .views import CHART_PAGES, ChartView, Checks, PageView, Runner, checks_view, figure_ids, notes_for, page_view

FORMATS = {"pdf": "application/pdf",
           "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}
PDF_CHART_PX = 1000  # a chart's width in a PDF page's chart box (180 mm): its 16 px text prints at about 8 pt
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
    def empty_parts(self) -> list[str]:
        """'Các trường hợp luân chuyển được nêu tên: Chưa nhập sổ đăng ký nào…' for each part that shows nothing."""
        lang = self.lang
        return [f"{t(page.page, lang)} · {section.title or t(page.page, lang)}: {section.empty.text}"
                for page in self.pages for section in page.sections if section.empty]

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


def chart_images(briefing: Briefing, fmt: str, progress: Progress | None = None) -> list[bytes]:
    """Every chart of the briefing drawn in one browser session: for a PDF as vector PDF, at the
    width its box prints it; for a slide as the PNG the page's own download gives, its title,
    filters, sources and date drawn in, so a picture copied out of the deck keeps its context."""
    lang = briefing.lang
    figures = []
    for chart in briefing.drawn_charts:
        if fmt == "pdf":
            figures.append((go.Figure(chart.figure).update_layout(width=PDF_CHART_PX), "pdf"))
        else:
            figures.append((for_export(chart.figure, chart.title, export_context(briefing.filters, chart.source_line)), "png"))

    def step(done: int, total: int) -> None:
        if progress:
            progress(0.2 + 0.7 * done / total, t("briefing_step_charts", lang, done=done, total=total))

    if progress and figures:
        progress(0.2, t("briefing_step_charts", lang, done=0, total=len(figures)))
    return figure_images(figures, progress=step) if figures else []


def make_briefing(filters: Filters, run: Runner, fmt: str, pages=CHART_PAGES,
                  progress: Progress | None = None) -> bytes:
    """The briefing of `pages` for `filters` as `fmt` ('pdf' or 'pptx')."""
    from .briefing_pdf import pdf_document  # here: the layouts import this module's Briefing
    from .briefing_pptx import pptx_document

    briefing = collect(filters, run, pages, progress=progress)
    images = chart_images(briefing, fmt, progress)
    if progress:
        progress(0.95, t("briefing_step_layout", filters.lang))
    return pdf_document(briefing, images) if fmt == "pdf" else pptx_document(briefing, images)


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
