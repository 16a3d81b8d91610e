"""The briefing as PowerPoint (python-pptx), 16:9: a cover slide, a slide per chart, a closing slide.

Each chart is a picture (the PNG the page's download gives, its title, filters, sources and
date drawn in), its key numbers a native table a presenter can edit, its sources (publisher,
date, quoted sentence or URL) in the slide's notes. Only the layout is written here.
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from queries.i18n import t

from .briefing import Briefing, plain
from .formatting import format_date, is_missing
from .tables import table_texts
from .views import ChartView, PageView

SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)  # PowerPoint's own 16:9 (13.33 × 7.5 in)
MARGIN = Inches(0.4)
TITLE_H = Inches(0.9)
TABLE_PT = 12
COLUMN_SHARES = (0.40, 0.24, 0.36)  # what, value as published, when and source
CHARS_PER_INCH = 10 * 10 / TABLE_PT  # counted short: how a table cell wraps, to keep a table on its slide
INK, GREY, ACCENT, WARN = RGBColor(0x11, 0x11, 0x11), RGBColor(0x5A, 0x5A, 0x5A), RGBColor(0, 0x5A, 0x9C), \
    RGBColor(0xA0, 0x52, 0)
TITLE_ONLY = 5  # the default template's layouts
TITLE_SLIDE = 0


def pptx_document(briefing: Briefing, pictures: list[list[bytes]]) -> bytes:
    """The briefing as .pptx bytes; `pictures` are its drawn charts as PNG, in order, each as
    the parts it is shown in (a slide each)."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    deck.core_properties.title = f"{t('briefing', briefing.lang)} · {t('app_title', briefing.lang)}"
    deck.core_properties.language = briefing.lang
    _cover(deck, briefing)
    images = iter(pictures)
    for page, chart in briefing.charts:
        _chart_slides(deck, briefing, page, chart, next(images) if chart.figure is not None else [])
    _closing(deck, briefing)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _slide(deck, title: str, layout: int = TITLE_ONLY):
    slide = deck.slides.add_slide(deck.slide_layouts[layout])
    title_shape = slide.shapes.title
    title_shape.left, title_shape.top, title_shape.width, title_shape.height = (MARGIN, Inches(0.25),
                                                                                 SLIDE_W - 2 * MARGIN, TITLE_H)
    title_shape.text = title
    paragraph = title_shape.text_frame.paragraphs[0]
    paragraph.font.size, paragraph.font.bold, paragraph.font.color.rgb = Pt(28), True, INK
    title_shape.text_frame.word_wrap = True
    return slide


def _text(slide, left, top, width, height, lines: list[tuple[str, int, RGBColor, bool]]) -> None:
    """A text box of paragraphs, each (text, size in points, colour, bold)."""
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for index, (text, size, colour, bold) in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = text
        paragraph.font.size, paragraph.font.color.rgb, paragraph.font.bold = Pt(size), colour, bold
        paragraph.space_after = Pt(4)


def _cover(deck, briefing: Briefing) -> None:
    lang, filters = briefing.lang, briefing.filters
    slide = _slide(deck, t("app_title", lang))
    slide.shapes.title.top = Inches(1.0)
    slide.shapes.title.height = Inches(1.4)
    lines = [(t("briefing", lang).upper(), 16, ACCENT, True), (briefing.describe_pages(), 20, GREY, False),
             (f"{t('filters', lang)}: {filters.describe()}", 16, INK, False),
             (f"{t('briefing_made_on', lang)}: {format_date(briefing.made_on, lang)}", 16, INK, False)]
    if filters.link:
        lines.append((f"{t('share_address', lang)}: {filters.link}", 16, ACCENT, False))
    if briefing.generated:
        lines.append((t("sample_banner", lang), 16, WARN, True))
    if briefing.empty:
        lines.append((t("briefing_nothing", lang), 18, WARN, True))
    lines.append((t("briefing_reading", lang), 14, GREY, False))
    lines += [(f"{t('briefing_left_out', lang)}: {part}", 14, GREY, False) for part in briefing.left_out]
    lines += [(f"{t('briefing_empty_parts', lang)}: {part}", 14, GREY, False) for part in briefing.empty_parts]
    _text(slide, MARGIN, Inches(2.5), SLIDE_W - 2 * MARGIN, Inches(4.6), lines)


def _chart_slides(deck, briefing: Briefing, page: PageView, chart: ChartView, pictures: list[bytes]) -> None:
    """The chart's slides: its picture across the slide (a tall chart in parts, a slide each),
    then its key numbers as a table on slides of their own; the sources in every slide's notes."""
    lang = briefing.lang
    rows = _number_rows(chart, lang)
    notes = _notes(briefing, page, chart)
    for index, picture in enumerate(pictures, start=1):
        slide = _slide(deck, chart.title if len(pictures) == 1 else f"{chart.title} · {index}/{len(pictures)}")
        _picture(slide, picture)
        slide.notes_slide.notes_text_frame.text = notes
    first = not pictures
    while rows:
        slide = _slide(deck, chart.title if first else t("briefing_continued", lang, title=chart.title))
        rows = _table(slide, rows, MARGIN, SLIDE_W - 2 * MARGIN, lang)
        slide.notes_slide.notes_text_frame.text = notes
        first = False


def _picture(slide, picture: bytes) -> None:
    """The chart's PNG, as large as the slide under its title allows, its proportions kept, centred."""
    top = MARGIN + TITLE_H
    shape = slide.shapes.add_picture(io.BytesIO(picture), MARGIN, top)
    room_w, room_h = SLIDE_W - 2 * MARGIN, SLIDE_H - top - Inches(0.3)
    scale = min(room_w / shape.width, room_h / shape.height)
    shape.width, shape.height = Emu(int(shape.width * scale)), Emu(int(shape.height * scale))
    shape.left = Emu(int((SLIDE_W - shape.width) / 2))


def _number_rows(chart: ChartView, lang: str) -> list[tuple[str, str, str]]:
    """The key numbers as table rows: what, the value as published, and when with the source's
    number (and the origin of a figure that is not a published one)."""
    number_of = {source.name: index + 1 for index, source in enumerate(chart.sources)}
    rows = []
    for number in chart.numbers:
        when = number.period if number.origin == t("published", lang) else f"{number.period} · {number.origin}"
        rows.append((number.label, number.shown, f"{when} [{number_of[number.source]}]"))
    return rows


def _table(slide, rows: list[tuple[str, str, str]], left, width, lang: str) -> list[tuple[str, str, str]]:
    """As many key-number rows as fit under the title, as a native table with its header;
    returns the rows left for the next slide."""
    header = (t("briefing_figure", lang), t("value_as_published", lang), t("period", lang))
    room = SLIDE_H - MARGIN - TITLE_H - Inches(0.3)
    heights, fitting = [_row_height(header, width)], []
    for row in rows:
        height = _row_height(row, width)
        if fitting and sum(heights) + height > room:
            break
        heights.append(height)
        fitting.append(row)
    shape = slide.shapes.add_table(len(fitting) + 1, 3, left, MARGIN + TITLE_H, width, Emu(sum(heights)))
    table = shape.table
    for column, share in enumerate(COLUMN_SHARES):
        table.columns[column].width = Emu(int(width * share))
    for row, height in zip(table.rows, heights):  # each row its own height: an even share would overflow
        row.height = Emu(height)
    for r, values in enumerate([header, *fitting]):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.text = value
            for paragraph in cell.text_frame.paragraphs:
                paragraph.font.size = Pt(TABLE_PT)
                paragraph.font.bold = r == 0 or c == 1
    return rows[len(fitting):]


def _row_height(row, width) -> int:
    """About how tall a table row is once its longest cell wraps (EMU)."""
    lines = max(-(-len(text) // max(1, int(width * share / Inches(1) * CHARS_PER_INCH)))
                for text, share in zip(row, COLUMN_SHARES))
    return int(Pt(TABLE_PT) * 1.3 * lines + Inches(0.2))


def _notes(briefing: Briefing, page: PageView, chart: ChartView) -> str:
    """The slide's notes: where the chart comes from, what the page says with it, and every
    source numbered with its title, URL and the sentences quoted from it."""
    lang = briefing.lang
    lines = [f"{t(page.page, lang)} · {briefing.filters.describe()}"]
    if chart.caption:
        lines.append(chart.caption)
    if chart.notes:
        lines += [""] + ([chart.notes_title] if chart.notes_title else []) + [f"• {plain(n)}" for n in chart.notes]
    lines += ["", f"{t('briefing_sources', lang)}:"]
    for index, source in enumerate(chart.sources, start=1):
        line = f"[{index}] {source.name}"
        if source.title:
            line += f" — «{source.title}»"
        if source.url:
            line += f" — {source.url}"
        lines.append(line)
        lines += [f"    “{quote}”" for quote in source.quotes]
    return "\n".join(lines)


def _closing(deck, briefing: Briefing) -> None:
    """Data-quality notes on the figures shown, and the published checks (a table)."""
    lang = briefing.lang
    slide = _slide(deck, t("briefing_closing", lang))
    notes = briefing.quality_notes
    lines = [(t("quality_notes", lang), 14, ACCENT, True)]
    if notes.empty:
        lines.append((t("briefing_no_notes", lang), 11, GREY, False))
    for _, group in notes.groupby("note_id", sort=False):
        figures = ", ".join(dict.fromkeys(f"{a} {p}" for a, p in zip(group["area"], group["period"])))
        lines.append((f"• {group['note'].iloc[0]} ({figures})", 10, INK, False))
    _text(slide, MARGIN, MARGIN + TITLE_H, Inches(5.6), SLIDE_H - MARGIN - TITLE_H - Inches(0.3), lines)
    checks = briefing.checks
    left = MARGIN + Inches(5.9)
    width = SLIDE_W - MARGIN - left
    if checks.notice:
        _text(slide, left, MARGIN + TITLE_H, width, Inches(1), [(checks.notice.text, 12, GREY, False)])
        return
    _text(slide, left, MARGIN + TITLE_H, width, Inches(0.4), [(t("checks", lang), 14, ACCENT, True)])
    table = table_texts(checks.table, lang).drop(columns=[t("note", lang)])
    shape = slide.shapes.add_table(len(table) + 1, table.shape[1], left, MARGIN + TITLE_H + Inches(0.5), width,
                                   Inches(0.3) * (len(table) + 1))
    for column, share in enumerate((0.16, 0.36, 0.16, 0.16, 0.16)):  # area, check, computed, published, agrees: whole words
        shape.table.columns[column].width = Emu(int(width * share))
    for c, column in enumerate(table.columns):
        shape.table.cell(0, c).text = str(column)
    for r, row in enumerate(table.itertuples(index=False), start=1):
        for c, value in enumerate(row):
            shape.table.cell(r, c).text = "–" if is_missing(value) else str(value)
    for row in shape.table.rows:
        for cell in row.cells:
            for paragraph in cell.text_frame.paragraphs:
                paragraph.font.size = Pt(10)
    slide.notes_slide.notes_text_frame.text = "\n".join(
        [f"{t('checks', lang)}:"] + [f"• {r[t('area', lang)]}: {r[t('check', lang)]}"
                                     + ("" if is_missing(r[t('note', lang)]) else f" — {r[t('note', lang)]}")
                                     for r in checks.table.to_dict("records")]
        + [f"⚠ {line}" for line in checks.disagreeing])
