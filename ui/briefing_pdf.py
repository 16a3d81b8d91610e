"""The briefing as a PDF, A4 landscape: a cover, a page per chart, a closing page.

fpdf2 writes the text with DejaVu Sans embedded (Debian's fonts-dejavu-core: every Vietnamese
letter, so the text is real, searchable and copyable), and pypdf places each chart, drawn by
Chromium as a vector PDF, into the box the layout left for it. Only the layout is written here.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from fpdf import FPDF, FontFace
from pypdf import PdfReader, PdfWriter, Transformation

from queries.errors import DashboardError
from queries.i18n import t

from .briefing import PDF_CHART_PX, Briefing, Draw, plain
from .charts import for_print, split_rows
from .formatting import format_date
from .tables import table_texts
from .views import ChartView, KeyNumber, PageView

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)  # Debian's fonts-dejavu-core
FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
PAGE_W, PAGE_H, MARGIN = 297.0, 210.0, 12.0  # mm
BOTTOM = 14.0  # room for the footer
CHART_W = 180.0  # the chart's column; the key numbers take the rest of the width
SIDE_X = MARGIN + CHART_W + 8
SIDE_W = PAGE_W - MARGIN - SIDE_X
PX_MM = CHART_W / PDF_CHART_PX  # mm per chart pixel: 16 px text prints at 8.2 pt
MIN_CHART_PX = 260  # a part of a chart never smaller: its sources take a page of their own before that
INK, GREY, ACCENT, WARN = (17, 17, 17), (90, 90, 90), (0, 90, 156), (160, 82, 0)
PT_TO_MM = 25.4 / 72


class PdfFontMissing(DashboardError):
    """No font with Vietnamese letters to embed."""


def _font_files() -> dict[str, Path]:
    for folder in FONT_DIRS:
        files = {style: folder / name for style, name in FONT_FILES.items()}
        if all(path.exists() for path in files.values()):
            return files
    raise PdfFontMissing("briefing_needs_font")


class _Pages(FPDF):
    """A4 landscape pages with the briefing's footer: what it is, the date, the page number."""

    def __init__(self, footer_text: str):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.footer_text = footer_text
        for style, path in _font_files().items():
            self.add_font(FONT, style, str(path))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, BOTTOM)
        self.set_text_color(*INK)

    def footer(self) -> None:
        self.set_y(-10)
        self.style(7, GREY)
        self.cell(0, 4, f"{self.footer_text} · {self.page_no()}/{{nb}}", align="R")

    def new_page(self) -> None:
        """A new page, unless this one is still blank (the cover's contents leave one)."""
        if self.page == 0 or self.get_y() > self.t_margin + 0.01:
            self.add_page()

    def style(self, size: float, colour=INK, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)

    def para(self, text: str, size: float = 9, colour=INK, bold: bool = False, w: float = 0, line: float | None = None,
             x: float | None = None, link: str | None = None) -> None:
        """A paragraph at `x` (the left margin), `w` wide (to the right margin), wrapped at words,
        on one page: one that would not fit under what is already on this page starts the next
        (a sentence is never cut by a page footer)."""
        self.set_x(self.l_margin if x is None else x)
        height = self.height_of(text, size, w, line or size * 0.5, bold)
        if self.get_y() + height > self.page_break_trigger and height < self.page_break_trigger - self.t_margin:
            self.add_page()
        self.style(size, colour, bold)
        self.set_x(self.l_margin if x is None else x)
        self.multi_cell(w, line or size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT", link=link)

    def height_of(self, text: str, size: float, w: float, line: float, bold: bool = False) -> float:
        self.style(size, bold=bold)
        return len(self.multi_cell(w, line, text, align="L", dry_run=True, output="LINES")) * line


def pdf_document(briefing: Briefing, draw: Draw) -> bytes:
    """The briefing as PDF bytes. The pages are laid out first, then `draw` draws each chart (or
    each part of one) as a vector PDF at the size its box prints it, all in one browser session."""
    lang = briefing.lang
    pdf = _Pages(f"{t('app_short', lang)} · {t('briefing', lang)} · {format_date(briefing.made_on, lang)}")
    pdf.set_title(f"{t('briefing', lang)} · {t('app_title', lang)}")
    pdf.set_lang(lang)
    pdf.set_creator(t("app_short", lang))
    _cover(pdf, briefing)
    boxes = []  # ((page, x, y, w, h) in mm from the top left, the figure drawn into it)
    previous = None
    for page, chart in briefing.charts:
        boxes += _chart_pages(pdf, briefing, page, chart, first_of_page=page is not previous)
        previous = page
    _closing_page(pdf, briefing)
    layout = bytes(pdf.output())
    charts = draw([(figure, "pdf") for _, figure in boxes])
    return _with_charts(layout, [box for box, _ in boxes], charts)


def _cover(pdf: _Pages, briefing: Briefing) -> None:
    lang, filters = briefing.lang, briefing.filters
    pdf.add_page()
    pdf.para(t("briefing", lang).upper(), 11, ACCENT, bold=True)
    pdf.ln(1)
    pdf.para(t("app_title", lang), 22, bold=True, line=10)
    pdf.para(briefing.describe_pages(), 13, GREY, line=7)
    pdf.ln(4)
    for label, value in ((t("filters", lang), filters.describe()),
                         (t("briefing_made_on", lang), format_date(briefing.made_on, lang))):
        pdf.para(f"{label}: {value}", 10.5, line=5.5)
    if filters.link:
        pdf.style(10.5)
        pdf.write(5.5, f"{t('share_address', lang)}: ")
        pdf.set_text_color(*ACCENT)
        pdf.write(5.5, filters.link, link=filters.link)
        pdf.ln(5.5)
    pdf.ln(3)
    if briefing.generated:
        pdf.para(t("sample_banner", lang), 10.5, WARN, bold=True, line=5.5)
        pdf.ln(1)
    if briefing.empty:
        pdf.para(t("briefing_nothing", lang), 12, WARN, bold=True, line=6)
        pdf.ln(1)
    pdf.para(t("briefing_reading", lang), 9, GREY, line=4.6)
    if briefing.left_out:
        pdf.ln(2)
        pdf.para(t("briefing_left_out", lang), 9, bold=True, line=4.6)
        for part in briefing.left_out:
            pdf.para(f"• {part}", 8.5, GREY, line=4.2)
    if briefing.empty_parts:
        pdf.ln(2)
        pdf.para(t("briefing_empty_parts", lang), 9, bold=True, line=4.6)
        for part in briefing.empty_parts:
            pdf.para(f"• {part}", 8.5, GREY, line=4.2)
    pdf.ln(4)
    pdf.insert_toc_placeholder(lambda pdf, outline: _contents(pdf, outline, lang))


def _contents(pdf: _Pages, outline, lang: str) -> None:
    """The contents on the cover: each chart and the closing page, with its page number."""
    pdf.para(t("briefing_contents", lang), 10.5, bold=True, line=6)
    for section in outline:
        pdf.style(9.5, ACCENT if section.level == 0 else INK, bold=section.level == 0)
        indent = 6 * section.level
        pdf.set_x(MARGIN + indent)
        link = pdf.add_link(page=section.page_number)
        pdf.cell(PAGE_W - 2 * MARGIN - indent - 12, 4.8, section.name, link=link)
        pdf.cell(12, 4.8, str(section.page_number), align="R", link=link, new_x="LMARGIN", new_y="NEXT")


def _heading(pdf: _Pages, briefing: Briefing, page: PageView, title: str) -> None:
    """The page's title, what page of the dashboard it comes from and its filters: a printed
    page says what it shows even once taken out of the document."""
    lang = briefing.lang
    pdf.para(f"{t(page.page, lang)} · {briefing.filters.describe()}", 7.5, GREY, line=3.8)
    pdf.para(title, 15, bold=True, line=7.5)


def _chart_pages(pdf: _Pages, briefing: Briefing, page: PageView, chart: ChartView, first_of_page: bool) -> list[tuple]:
    """A chart's page: the chart in its column, the key numbers beside it, what the page says
    with it and its sources under both; all on the one page, the chart's text at 8 pt or
    more. A chart too tall for that is split at its labels, each part on a page of its own with
    the same key numbers and sources. Key numbers that do not fit beside the chart, and what the
    page lists with the chart (sums of kinds, what is still needed), follow on a page of their
    own, with the sources they cite."""
    lang = briefing.lang
    sources = chart.sources
    number_of = {source.name: index + 1 for index, source in enumerate(sources)}
    if chart.figure is None:  # figures a page shows as cards: the numbers are the content
        _start(pdf, briefing, page, chart, chart.title, first_of_page)
        _numbers_table(pdf, chart.numbers, number_of, lang, t("key_numbers", lang))
        pdf.ln(3)
        _notes_and_sources(pdf, chart, sources, lang, 0)
        return []
    under = _notes_and_sources(pdf, chart, sources, lang, 0, notes=False, measure=True)
    heading = _start(pdf, briefing, page, chart, chart.title, first_of_page, measure=True)
    room = PAGE_H - BOTTOM - MARGIN - heading - under - 4  # mm for the chart above its sources
    figure = for_print(chart.figure)
    parts = split_rows(chart.figure, figure, max(room / PX_MM, MIN_CHART_PX))
    boxes, rest = [], list(chart.numbers)
    for index, part in enumerate(parts, start=1):
        title = chart.title if len(parts) == 1 else f"{chart.title} · {index}/{len(parts)}"
        _start(pdf, briefing, page, chart, title, first_of_page and index == 1, bookmark=index == 1)
        top = pdf.get_y()
        h = (part.layout.height or 450) * PX_MM
        w = CHART_W
        if h > room > 0 and len(parts) == 1:  # a line chart: drawn lower, its text the same size
            part.layout.height = max(round(room / PX_MM), MIN_CHART_PX)
            h = part.layout.height * PX_MM
        boxes.append(((pdf.page, MARGIN, top, w, h), part.update_layout(width=PDF_CHART_PX)))
        rest = _numbers_beside(pdf, chart.numbers, number_of, lang, top, top + max(h, room))
        pdf.set_y(max(top + h, pdf.get_y()) + 3)  # under the chart and the key numbers
        _notes_and_sources(pdf, chart, sources, lang, 0, notes=False)
    if rest or chart.notes:  # on a page of their own, with the sources they cite
        pdf.new_page()
        _heading(pdf, briefing, page, t("briefing_continued", lang, title=chart.title))
        pdf.ln(2)
        if rest:
            _numbers_table(pdf, rest, number_of, lang, t("key_numbers_more", lang))
            pdf.ln(3)
        _notes_and_sources(pdf, chart, sources, lang, 0)
    return boxes


def _start(pdf: _Pages, briefing: Briefing, page: PageView, chart: ChartView, title: str, first_of_page: bool,
           bookmark: bool = True, measure: bool = False) -> float:
    """A fresh page with the chart's heading and caption (and its bookmarks); with `measure`,
    only how tall the heading is."""
    if measure:
        lang = briefing.lang
        return (pdf.height_of(f"{t(page.page, lang)} · {briefing.filters.describe()}", 7.5, 0, 3.8)
                + pdf.height_of(title, 15, 0, 7.5, bold=True)
                + (pdf.height_of(chart.caption, 8, 0, 4) if chart.caption else 0) + 2)
    pdf.new_page()
    if first_of_page:  # a bookmark, and a line of the cover's contents, for the dashboard's page
        pdf.start_section(t(page.page, briefing.lang), level=0)
    if bookmark:
        pdf.start_section(chart.title, level=1)
    _heading(pdf, briefing, page, title)
    if chart.caption:
        pdf.para(chart.caption, 8, GREY, line=4)
    pdf.ln(2)
    return 0.0


def _when(number: KeyNumber, lang: str) -> str:
    """A key number's period, and its origin when it is not a published figure."""
    return number.period if number.origin == t("published", lang) else f"{number.period} · {number.origin}"


def _numbers_beside(pdf: _Pages, numbers, number_of: dict, lang: str, top: float, bottom: float) -> list[KeyNumber]:
    """As many key numbers as fit in the column beside the chart (down to `bottom`), each
    its value in bold, then what it is, when, and its source's number; returns the ones that did
    not fit."""
    pdf.set_y(top)
    pdf.para(t("key_numbers", lang), 10, ACCENT, bold=True, w=SIDE_W, x=SIDE_X, line=5)
    pdf.ln(0.5)
    bottom -= 4  # and a line saying the rest follows
    for index, number in enumerate(numbers):
        meta = f"{number.label} · {_when(number, lang)} [{number_of[number.source]}]"
        needed = (pdf.height_of(number.shown, 9.5, SIDE_W, 4.3, bold=True) + pdf.height_of(meta, 7.5, SIDE_W, 3.5)
                  + 1.2)
        if pdf.get_y() + needed > bottom:
            pdf.para(t("briefing_more_next", lang, n=len(numbers) - index), 7.5, GREY, w=SIDE_W, x=SIDE_X, line=3.5)
            return list(numbers[index:])
        pdf.para(number.shown, 9.5, bold=True, w=SIDE_W, x=SIDE_X, line=4.3)
        pdf.para(meta, 7.5, w=SIDE_W, x=SIDE_X, line=3.5)
        pdf.ln(1.2)
    return []


def _numbers_table(pdf: _Pages, numbers, number_of: dict, lang: str, title: str) -> None:
    pdf.para(title, 10, ACCENT, bold=True, line=5)
    pdf.style(8)
    with pdf.table(col_widths=(110, 60, 85, 18), text_align="LEFT", line_height=4, width=PAGE_W - 2 * MARGIN,
                   borders_layout="HORIZONTAL_LINES", headings_style=FontFace(emphasis="BOLD", color=GREY)) as table:
        table.row([t("briefing_figure", lang), t("value_as_published", lang), t("period", lang), t("source", lang)])
        for number in numbers:
            table.row([number.label, number.shown, _when(number, lang), f"[{number_of[number.source]}]"])


def _notes_and_sources(pdf: _Pages, chart: ChartView, sources, lang: str, w: float, notes: bool = True,
                       measure: bool = False) -> float:
    """What the page lists under the chart (sums of kinds, what is still needed), then each
    source numbered: its name and title, its address, and the sentences quoted from it. With
    `measure`, nothing is written: returns how tall it is."""
    paragraphs = []  # (text, size, colour, bold, line, indent, link)
    if notes and chart.notes:
        if chart.notes_title:
            paragraphs.append((chart.notes_title, 9, INK, True, 4.4, 0, None))
        paragraphs += [(f"• {plain(note)}", 8, INK, False, 3.8, 0, None) for note in chart.notes]
    paragraphs.append((t("briefing_sources", lang), 9, INK, True, 4.4, 0, None))
    for index, source in enumerate(sources, start=1):
        line = f"[{index}] {source.name}" + (f" — «{source.title}»" if source.title else "")
        paragraphs.append((line, 8, INK, False, 3.7, 0, None))
        if source.url:  # its own line, a link: a long address wraps only where it must
            paragraphs.append((source.url, 8, ACCENT, False, 3.6, 5, source.url))
        paragraphs += [(f"“{quote}”", 8, GREY, False, 3.6, 5, None) for quote in source.quotes]
    if measure:
        width = w or PAGE_W - 2 * MARGIN
        return sum(pdf.height_of(text, size, width - indent, line, bold=bold)
                   for text, size, _, bold, line, indent, _ in paragraphs) + 2
    for text, size, colour, bold, line, indent, link in paragraphs:
        pdf.para(text, size, colour, bold=bold, line=line, w=(w - indent if w else 0), x=MARGIN + indent, link=link)
    return 0.0


def _closing_page(pdf: _Pages, briefing: Briefing) -> None:
    """The data-quality notes on the figures of the briefing, then the published checks."""
    lang = briefing.lang
    pdf.new_page()
    pdf.start_section(t("briefing_closing", lang), level=0)
    pdf.para(briefing.filters.describe(), 7.5, GREY, line=3.8)
    pdf.para(t("briefing_closing", lang), 15, bold=True, line=7.5)
    pdf.ln(2)
    pdf.para(t("quality_notes", lang), 10.5, ACCENT, bold=True, line=5.5)
    notes = briefing.quality_notes
    if notes.empty:
        pdf.para(t("briefing_no_notes", lang), 8.5, GREY, line=4.2)
    for _, group in notes.groupby("note_id", sort=False):
        pdf.para(f"• {group['note'].iloc[0]}", 8.5, line=4.2)
        figures = ", ".join(dict.fromkeys(f"{a} {p}" for a, p in zip(group["area"], group["period"])))
        pdf.para(figures, 7.5, GREY, x=MARGIN + 3, line=3.8)
        pdf.ln(0.8)
    pdf.ln(3)
    pdf.para(t("checks", lang), 10.5, ACCENT, bold=True, line=5.5)
    checks = briefing.checks
    if checks.notice:
        pdf.para(checks.notice.text, 8.5, GREY, line=4.2)
        return
    _table(pdf, table_texts(checks.table, lang), (40, 80, 22, 22, 26, 83))
    for line in checks.disagreeing:
        pdf.para(f"⚠ {line}", 8.5, WARN, line=4.2)


def _table(pdf: _Pages, table: pd.DataFrame, widths) -> None:
    pdf.style(8)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=4, width=PAGE_W - 2 * MARGIN,
                   borders_layout="HORIZONTAL_LINES", headings_style=FontFace(emphasis="BOLD", color=GREY)) as out:
        out.row([str(column) for column in table.columns])
        for row in table.itertuples(index=False):
            out.row(["–" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
                     for value in row])
    pdf.ln(2)


def _with_charts(layout: bytes, boxes: list[tuple], charts: list[bytes]) -> bytes:
    """The laid-out pages with each chart's vector PDF scaled into its box."""
    writer = PdfWriter(clone_from=io.BytesIO(layout))
    for (page, x, y, w, h), chart_pdf in zip(boxes, charts, strict=True):
        chart = PdfReader(io.BytesIO(chart_pdf)).pages[0]
        box = chart.mediabox
        scale = min(w / (float(box.width) * PT_TO_MM), h / (float(box.height) * PT_TO_MM))
        left = x / PT_TO_MM
        bottom = (PAGE_H - y - float(box.height) * PT_TO_MM * scale) / PT_TO_MM
        writer.pages[page - 1].merge_transformed_page(
            chart, Transformation().translate(-float(box.left), -float(box.bottom)).scale(scale, scale)
            .translate(left, bottom))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
