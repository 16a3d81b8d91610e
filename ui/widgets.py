"""Streamlit pieces every page shares: chart + table + download, notices, citations."""

from __future__ import annotations

import datetime as dt
from html import escape

import pandas as pd
import streamlit as st

from queries.errors import DashboardError
from queries.exports import csv_bytes
from queries.i18n import t

from .briefing import FORMATS as BRIEFING_FORMATS
from .briefing import briefing_name, make_briefing
from .charts import for_export, for_slides, plotly_config
from .formatting import is_missing
from .images import FORMATS as IMAGE_TYPES
from .images import figure_image
from .selection import Filters
from .tables import download_name, export_context, shown_table, wide_headers
from .data import run_query
from .views import CHART_PAGES, ChartView, PageView, Section, why_empty

MAX_SHOWN_ROWS = 500  # rows a table sends to the browser; downloads stay complete
WRAPPED_ROW = 100  # px: a row this tall wraps its text (over 64 px): five lines of a note or a title
BRIEFING_FILE = "briefing_file"  # session state: (what it was made for, file name, bytes)


def show_table(table: pd.DataFrame, lang: str, key: str, column_config: dict | None = None,
               shown=None, row_height: int | None = None) -> None:
    """`st.dataframe` of `shown_table` (or of `shown`, the same already made, as a shared view
    holds it: `ChartView.shown_table`): numbers sent as numbers, so a click on a header sorts
    them as numbers, and shown in the page language's format; a dash for every missing value
    (never "None"). Long text columns (notes, titles, quotes) are wide; `row_height` above
    64 px lets their text wrap."""
    wide = {str(column): st.column_config.TextColumn(width="large") for column in table.columns
            if str(column) in wide_headers(lang)}
    st.dataframe(shown_table(table, lang) if shown is None else shown, hide_index=True, key=key, placeholder="–",
                 column_config={**wide, **(column_config or {})}, row_height=row_height)


def download_button(table: pd.DataFrame, file_name: str, key: str, lang: str) -> None:
    """A CSV of `table`, built only when clicked: most runs never download, and a large table's
    CSV costs more than drawing the page. A click does not rerun the page."""
    st.download_button(t("download_csv", lang), data=lambda: csv_bytes(table), file_name=file_name,
                       mime="text/csv", key=key, icon=":material/download:", on_click="ignore")


def chart_with_table(chart: ChartView, filters: Filters) -> None:
    """The chart with its source line right under it, the same numbers as a table, and
    downloads: a CSV of exactly that table, and the chart as PNG and SVG carrying its title,
    filters, sources and date (from the rows the chart draws). Images are drawn only when clicked. The view may be shared with other sessions:
    presentation mode and the images draw copies of its figure.

    Only what the reader opens is drawn: the table when its tab is chosen, the download buttons
    when their menu is opened (each opening reruns the page from the shared view). A room of
    viewers opening the link is sent the chart alone, about half the elements of drawing all."""
    lang, key = filters.lang, chart.key
    chart_tab, table_tab = st.tabs([t("chart_view", lang), t("table_view", lang)], key=f"{key}_tabs",
                                   on_change="rerun")
    if chart_tab.open:
        with chart_tab:
            st.plotly_chart(chart.figure, key=f"{key}_chart", config=plotly_config(lang), theme=None)
    if table_tab.open:
        with table_tab:
            show_table(chart.table, lang, f"{key}_table", shown=chart.shown_table)
    st.caption(chart.source_line)  # right under the chart (or its table), before anything else
    with st.popover(t("downloads", lang), icon=":material/download:", key=f"{key}_downloads",
                    on_change="rerun") as menu:
        if menu.open:
            chart_downloads(chart, filters)


def chart_downloads(chart: ChartView, filters: Filters) -> None:
    """The CSV of a chart's table and the chart as PNG and SVG images."""
    lang, fig, title, key = filters.lang, chart.figure, chart.title, chart.key
    download_button(chart.table, download_name(title, filters, "csv"), f"{key}_download", lang)
    context = export_context(filters, chart.source_line)
    for fmt, icon in (("png", ":material/image:"), ("svg", ":material/draw:")):
        st.download_button(
            t(f"download_{fmt}", lang), data=lambda fmt=fmt: figure_image(for_export(fig, title, context), fmt),
            file_name=download_name(title, filters, fmt), mime=IMAGE_TYPES[fmt], key=f"{key}_{fmt}",
            icon=icon, on_click="ignore", help=t("download_image_help", lang))


def chart_slides(chart: ChartView, filters: Filters) -> None:
    """Presentation mode: the chart as slides, each a screen high (ui/frame.py's SLIDES_CSS): its
    title, its key number, the chart or, for a long bar chart, a part of it ("1/3") and its
    source line. PageDown brings the next slide whole into view."""
    lang = filters.lang
    parts = for_slides(chart.figure)
    number = chart.numbers[0] if chart.numbers else None
    for index, figure in enumerate(parts, start=1):
        with st.container(key=f"slide_{chart.key}_{index}"):
            title = chart.title if len(parts) == 1 else f"{chart.title} · {index}/{len(parts)}"
            key_line = (f"<p class='slide-number'><b>{escape(number.shown)}</b> · {escape(number.label)} · "
                        f"{escape(number.period)}</p>" if number and index == 1 else "")
            whole = len(parts) == 1
            key = f"{chart.key}_{'chart' if whole else 'part'}_{index}"
            # A chart in one part takes the rest of the screen; a part of a bar chart its own
            # height (SLIDE_CHART_PX at most), or more than half a large screen (its labels stay
            # near their bars).
            part_height = "" if whole else f"<style>.st-key-{key} {{ height: max({figure.layout.height}px, 55vh); }}</style>"
            st.html(f"{part_height}<h3 class='slide-title'>{escape(title)}</h3>{key_line}")
            st.plotly_chart(figure.update_layout(height=None), key=key, config=plotly_config(lang), theme=None,
                            height="stretch")
            st.caption(f"{t('source', lang)}: {'; '.join(chart.source_names)}")


def nothing_to_show(filters: Filters, frame: pd.DataFrame, needs: tuple[str, ...] = ("districts",)) -> bool:
    """Show why a view is empty (empty selection, no registers yet, no figures); True if it is."""
    notice = why_empty(filters, frame, needs)
    if notice:
        st.info(notice.text, icon=notice.icon)
    return notice is not None


def show_section(section: Section, filters: Filters) -> None:
    """A part of a page from its view: its heading, then its chart with table and downloads, the
    sentences listed under it, or why it shows nothing."""
    if section.title and not (filters.present and section.chart and section.chart.figure is not None):
        st.subheader(section.title)  # a slide carries its own title
    if section.empty:
        st.info(section.empty.text, icon=section.empty.icon)
        return
    chart = section.chart
    if filters.present and chart.figure is not None:
        chart_slides(chart, filters)
    else:
        if chart.caption:
            st.caption(chart.caption)
        chart_with_table(chart, filters)
    if chart.notes_title:
        st.subheader(chart.notes_title)
    if chart.notes:
        st.markdown("\n".join(f"- {note}" for note in chart.notes))


def page_header(filters: Filters, title_key: str, intro_key: str, *generated) -> None:
    """Title, intro and what the data-source choice shows; then, if any of the `generated` flags
    of the rows on the page is true, the banner the product requires over generated sample data."""
    lang = filters.lang
    st.title(t(title_key, lang))
    if not filters.present:  # on a projector the chart comes first; the presenter speaks the intro
        st.markdown(f"{t(intro_key, lang)} {t(f'shows_{filters.origin}', lang)}")
    if any(flag for column in generated for flag in column if not is_missing(flag)):
        st.warning(t("sample_banner", lang), icon=":material/science:")


def quality_notes(view: PageView, lang: str) -> None:
    """The data-quality notes on the figures on screen (a view's `quality_notes`), one box per note."""
    if not view.quality_note_boxes:
        return
    st.subheader(t("quality_notes", lang))
    for box in view.quality_note_boxes:
        st.warning(box, icon=":material/info:")


def briefing_export(page: str, filters: Filters) -> None:
    """The «Briefing» export every page's sidebar has: this page, or the whole dashboard, as
    PDF or PowerPoint, made for exactly this view (filters, language, data source, today). Its
    form is drawn only once the reader opens it: most viewers never make one."""
    with st.expander(t("briefing_export", filters.lang), icon=":material/picture_as_pdf:", key="briefing_expander",
                     on_change="rerun") as expander:
        if expander.open:
            briefing_form(page, filters)


@st.fragment
def briefing_form(page: str, filters: Filters) -> None:
    """What to make, the button, its progress while Chromium draws the charts, and the file. A
    fragment: making one reruns only this."""
    lang = filters.lang
    st.caption(t("briefing_help", lang))
    if page in CHART_PAGES:
        whole = st.toggle(t("briefing_whole", lang), key="briefing_whole")
    else:
        st.caption(t("briefing_whole_only", lang))
        whole = True
    fmt = st.radio(t("briefing_format", lang), list(BRIEFING_FORMATS), key="briefing_format", horizontal=True,
                   format_func=lambda f: t(f"briefing_format_{f}", lang))
    pages = CHART_PAGES if whole else (page,)
    wanted = (pages, fmt, filters, dt.date.today())
    if st.button(t("briefing_make", lang), key="briefing_make", icon=":material/description:"):
        bar = st.progress(0.0, text=t("briefing_step_views", lang, page=t(pages[0], lang)))
        try:
            data = make_briefing(filters, run_query, fmt, pages,
                                 progress=lambda share, step: bar.progress(min(share, 1.0), text=step))
        except DashboardError as exc:
            st.error(exc.message(lang), icon=":material/error:")
            return
        finally:
            bar.empty()
        st.session_state[BRIEFING_FILE] = (wanted, briefing_name(filters, pages, fmt), data)
    made = st.session_state.get(BRIEFING_FILE)
    if made and made[0] == wanted:  # a file made for another view is never offered for this one
        st.download_button(t("briefing_download", lang, file=made[1]), data=made[2], file_name=made[1],
                           mime=BRIEFING_FORMATS[fmt], key="briefing_download", icon=":material/download:",
                           on_click="ignore")
