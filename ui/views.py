"""Each page's content as values, without Streamlit: the charts, their tables, the rows they
draw, their key numbers and the sentences beside them, or why a part shows nothing.

A page draws its view (`page_view`); the briefing prints the same views as PDF or PowerPoint,
so a document never says something the page does not. Building a view runs the page's
queries and builds its figures; it depends only on the page, the filters (not the share link
nor presentation mode, which only change how a view is drawn), the language and the data, so
the app builds a view once per page, filters, language and store snapshot and every session
of the process draws that one (`ui.data.shared_view`). A view is therefore read-only once
built: presentation mode and exports draw copies of its figures (`for_projector`,
`for_export`), tables are copied before they are formatted.

`run` is a query runner: `run(name, districts=, terms=, area_levels=, origins=, lang=)` returns
the named query's rows with their text in `lang` (`ui.data.run_query` in the app,
`local_runner(db)` on the command line).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from queries.i18n import DEFAULT_LANG, STRINGS, t

from .charts import (KIND_ORDER, area_label, attainment_chart, cases_timeline, kind_label, overview_chart, poverty_chart,
                     progress_chart, quota_label, rotations_chart)
from .citations import origin_text, records, row_dicts, source_label, source_name, source_names
from .formatting import format_figure, format_number, in_language, is_missing
from .selection import Filters
from .tables import FIGURE_COLUMNS, display_table, shown_table, with_origin, with_shown_values

Runner = Callable[..., pd.DataFrame]


def screen_table(table: pd.DataFrame, lang: str):
    """`shown_table` for a shared view, its display text made now, once, for every session
    drawing it (Streamlit asks a Styler for its display values on every draw)."""
    return shown_table(table, lang).set_uuid("shared")  # set now: no session writes to a shared Styler


PAGES = (  # (script, title key, icon), in the order of the navigation
    ("dashboard.py", "page_overview", ":material/dashboard:"),
    ("pages/rotations.py", "page_rotations", ":material/sync_alt:"),
    ("pages/poverty.py", "page_poverty", ":material/trending_down:"),
    ("pages/quotas.py", "page_quotas", ":material/flag:"),
    ("pages/sources.py", "page_sources", ":material/menu_book:"),
    ("pages/registers.py", "page_registers", ":material/upload_file:"),
    ("pages/sql.py", "page_sql", ":material/terminal:"),
)
CHART_PAGES = ("page_overview", "page_rotations", "page_poverty", "page_quotas")  # the pages a briefing holds
ALL_SELECTIONS = ("districts", "terms", "area_levels")
OVERVIEW_LABELS = {"rotations_total": ("latest_rotations", None), "poverty_rate": ("latest_poverty", None),
                   "non_local_share": ("latest_non_local", "latest_non_local_help"),
                   "ntm_communes": ("latest_new_rural", "latest_new_rural_help")}
TARGET_CITED = ("target_quote", "target_publisher", "target_published_display", "target_source_title", "target_url")
ATTAINMENT_COLUMNS = {
    "district": "district", "area": "area", "measure_shown": "measure", "period": "period",
    "numerator": "numerator", "denominator": "denominator", "attained_pct": "attained_pct_col", "target_pct": "target_pct_col",
    "published_pct": "published_pct", "people_to_target": "gap_people", "origin_shown": "data_source",
    "publisher": "publisher", "published_display": "published_on", "source_title": "title", "quote": "quote",
    "figure_ids": "figure_id"}


@dataclass(frozen=True)
class Notice:
    """Why a part of a page shows nothing, and its icon."""

    text: str
    icon: str
    document: str | None = None  # the same for a document, which has no sidebar (None: `text` fits)


@dataclass(frozen=True)
class KeyNumber:
    """One figure of a chart as a document lists it beside the chart."""

    label: str  # what and where: 'Bắc Hà (huyện) · Tổng số'
    shown: str  # as published, a bound kept: '> 68%', '4/19', '31,3% (5/16)'
    period: str
    origin: str  # 'Đã công bố', 'Sổ đăng ký (mẫu)'
    source: str  # `source_name` of its source, as the chart's `sources` name it


@dataclass(frozen=True)
class Source:
    """One source of a chart: its name (publisher and date, or a register's file), its title,
    its page, and the sentences quoted from it for the figures drawn."""

    name: str
    title: str | None
    url: str | None
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class ChartView:
    """A chart and what goes with it. `figure` is None for figures a page shows as cards. Its
    table and key numbers are made when first asked for (`table_of`, `numbers_of`): a page
    opens on its charts, so most views are drawn without them (a table tab, a download, a
    slide's key number or a briefing asks for them)."""

    key: str  # widget keys on the page: '<key>_chart', '<key>_table', '<key>_download'
    title: str
    figure: go.Figure | None
    table_of: Callable[[], pd.DataFrame]
    drawn: pd.DataFrame  # the rows drawn, with their citation columns
    numbers_of: Callable[[], tuple[KeyNumber, ...]]
    lang: str
    caption: str | None = None  # a note the page shows above the chart
    notes_title: str | None = None
    notes: tuple[str, ...] = ()  # sentences listed under the chart (Markdown: *…* and **…**)

    @cached_property
    def table(self) -> pd.DataFrame:
        """The numbers as the page's table and CSV hold them (headers in the reader's language)."""
        return self.table_of()

    @cached_property
    def numbers(self) -> tuple[KeyNumber, ...]:
        return self.numbers_of()

    @cached_property
    def shown_table(self):
        """`table` as the screen shows it (numbers in the reader's format), made once: a view
        shared by many sessions formats and converts its table once for all of them."""
        return screen_table(self.table, self.lang)

    @cached_property
    def drawn_rows(self) -> tuple[dict, ...]:
        """`drawn` as one dict per row (for cards), made once for every session drawing the view."""
        return tuple(row_dicts(self.drawn))

    @cached_property
    def source_names(self) -> tuple[str, ...]:
        """Each source of the rows drawn once, in order of first use: a saved image's source line."""
        return tuple(source_names(self.drawn, self.lang))

    @cached_property
    def source_line(self) -> str:
        """'Nguồn: Chinhphu.vn, 27/07/2023; VietNamNet (…)': the publishers and dates of the
        rows drawn, the line every chart has right under it, on the page and in every export."""
        return f"{t('source', self.lang)}: {'; '.join(self.source_names)}"

    @property
    def sources(self) -> list[Source]:
        """The sources of the rows drawn, in order of first use, each with its quotes once."""
        found: dict[str, dict] = {}
        for row in records(self.drawn, *TARGET_CITED):
            entry = found.setdefault(source_name(row, self.lang), {"title": _text(row, "source_title"),
                                                                  "url": _text(row, "url"), "quotes": []})
            quote = _text(row, "quote")
            if quote and quote not in entry["quotes"]:
                entry["quotes"].append(quote)
            target = _text(row, "target_quote")  # a quota's target, cited where it is set
            if target:
                where = {"publisher": row.get("target_publisher"), "published_display": row.get("target_published_display")}
                entry = found.setdefault(source_label(where, self.lang), {
                    "title": _text(row, "target_source_title"), "url": _text(row, "target_url"), "quotes": []})
                if target not in entry["quotes"]:
                    entry["quotes"].append(target)
        return [Source(name, e["title"], e["url"], tuple(e["quotes"])) for name, e in found.items()]


@dataclass(frozen=True)
class Section:
    """A part of a page under its heading: a chart, or why there is none."""

    key: str
    title: str | None  # None: the page shows no heading (an empty page says why at its top)
    chart: ChartView | None = None
    empty: Notice | None = None
    rows: pd.DataFrame | None = None  # what the page lays out itself beside the chart (the overview's cards)
    poverty_context: tuple[tuple[str, str], ...] = ()  # (district, its province's rate in words) for the cards

    @cached_property
    def cards(self) -> tuple[tuple[dict, tuple[dict, ...]], ...]:
        """The overview's cards from `rows`: for each district its first row and the figures its
        card shows (`shown_metrics`), as dicts, made once for every session drawing the view."""
        figures = row_dicts(shown_metrics(self.rows))
        return tuple((first, tuple(row for row in figures if row["district"] == first["district"]))
                     for first in row_dicts(self.rows.drop_duplicates("district")))


@dataclass(frozen=True)
class Checks:
    """Computed figures against published ones: the table, the disagreements, or why none show."""

    table: pd.DataFrame | None
    disagreeing: tuple[str, ...] = ()
    notice: Notice | None = None
    lang: str = DEFAULT_LANG

    @cached_property
    def shown_table(self):
        return None if self.table is None else screen_table(self.table, self.lang)


@dataclass(frozen=True)
class PageView:
    page: str  # the page's title key
    sections: tuple[Section, ...]
    generated: bool  # some figure comes from generated sample data: the page and documents say so
    captions: tuple[str, ...] = ()  # notes under the page's header
    quality_notes: pd.DataFrame = field(default_factory=pd.DataFrame)  # notes on the figures shown
    checks: Checks | None = None

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    @cached_property
    def quality_note_boxes(self) -> tuple[str, ...]:
        """Each data-quality note with the figures it is about, one box's Markdown each, made
        once for every session drawing the view."""
        notes = self.quality_notes
        if notes.empty:
            return ()
        return tuple(f"{group['note'].iloc[0]}  \n*{', '.join(f'{a} {p}' for a, p in zip(group['area'], group['period']))}*"
                     for _, group in notes.groupby("note_id", sort=False))

    @property
    def charts(self) -> list[ChartView]:
        return [s.chart for s in self.sections if s.chart is not None]


def _text(row, column: str) -> str | None:
    value = row.get(column)
    return None if is_missing(value) or value == "" else str(value)


def _generated(*frames: pd.DataFrame) -> bool:
    return any(bool(flag) for frame in frames if "generated" in frame.columns
               for flag in frame["generated"] if not is_missing(flag))


def why_empty(filters: Filters, frame: pd.DataFrame, needs: tuple[str, ...] = ("districts",)) -> Notice | None:
    """Why a part shows nothing (an empty selection, no registers yet, no figures), or None."""
    lang = filters.lang
    selections = {"districts": filters.districts, "terms": filters.terms, "area_levels": filters.area_levels}
    for name in needs:
        if not selections[name]:
            what = t(name, lang).lower()
            return Notice(t("empty_selection", lang, what=what), ":material/filter_alt:",
                          t("empty_selection_doc", lang, what=what))
    if frame.empty:
        if filters.registers_only:
            return Notice(t("no_registers", lang), ":material/inventory:", t("no_registers_doc", lang))
        return Notice(t("no_data", lang), ":material/search_off:", t("no_data_doc", lang))
    return None


def notes_for(notes: pd.DataFrame, figure_ids) -> pd.DataFrame:
    """The data-quality notes (query `data_quality_notes`) on the given figures. The figures
    shown are already filtered: pages give every note (one result per store snapshot, which
    every filter shares) rather than query the notes again for each filter."""
    return notes[notes["figure_id"].isin(list(figure_ids))]


def figure_ids(drawn: pd.DataFrame) -> list[str]:
    """The figures behind the rows drawn (an attainment row names several: 'cpv23-01;cpv23-02')."""
    column = "figure_ids" if "figure_ids" in drawn.columns else "figure_id"
    if column not in drawn.columns:
        return []
    return [one for ids in drawn[column].dropna() for one in str(ids).split(";")]


def as_text_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with each column of nothing but missing values as text, as a column of `facts`
    is: a query for a few of its rows (`field_work`) gets such a column as objects (None), and
    its table would then not read as the same rows of `facts` did."""
    empty = [c for c, dtype in frame.dtypes.items() if dtype == object and frame[c].isna().all()]
    return frame.assign(**{column: frame[column].astype("str") for column in empty})


def _number(row, label: str, shown: str, lang: str, period: str | None = None) -> KeyNumber:
    return KeyNumber(label, shown, period if period is not None else (_text(row, "period") or "–"),
                     origin_text(row, lang), source_name(row, lang))


# ---- Overview

def shown_metrics(rows: pd.DataFrame) -> pd.DataFrame:
    """Each district's figures on its card: rotations and poverty always (a dash where nothing
    was published), then its quota: the non-local share, or else the new-rural communes. For
    one district's rows or for all districts' at once (in their order)."""
    metric = rows["metric"].to_numpy(dtype=object)
    share = (metric == "non_local_share") & rows["value"].notna().to_numpy()
    district = rows["district"].to_numpy(dtype=object)
    quota = np.where(np.isin(district, list(set(district[share]))), "non_local_share", "ntm_communes")
    return rows[np.isin(metric, ["rotations_total", "poverty_rate"]) | (metric == quota)]


OVERVIEW_TABLE = {  # the overview's table: column, header key
    "district": "district", "what": "metric", "shown": "value_as_published", "value": "value_number",
    "numerator": "numerator", "denominator": "denominator", "period": "period", "term": "term",
    "origin_shown": "data_source", "source": "source", "source_title": "title", "quote": "quote",
    "url": "url", "figure_id": "figure_id"}


def overview_table(overview: pd.DataFrame, lang: str, shown: pd.DataFrame | None = None) -> pd.DataFrame:
    """The cards as one long table (and CSV): a row per district and figure shown, then what
    each district became; counts out of a total read 4/19 with both numbers beside. `shown`:
    `shown_metrics(overview)`, if already made."""
    figures = shown_metrics(overview) if shown is None else shown
    figures = figures[figures["value"].notna()]
    figures = figures[[c for c in (*OVERVIEW_TABLE, "qualifier") if c in figures.columns]].assign(
        what=[t(OVERVIEW_LABELS[m][0], lang) for m in figures["metric"]],
        source=[source_label(r, lang) for r in row_dicts(figures, ["publisher", "published_display"])])
    became = overview.drop_duplicates("district").dropna(subset=["became_on_2025_07_01"])
    became = pd.DataFrame({"district": became["district"], "what": t("became", lang),
                           "shown": became["became_on_2025_07_01"], "period": "1/7/2025",
                           "source": became["profile_publisher"], "origin_shown": t("published", lang)})
    return display_table(pd.concat([figures, became], ignore_index=True), OVERVIEW_TABLE, lang)


# The columns of `district_overview` (in the reader's language) that the overview's chart, table,
# cards, key numbers and sources read: a view for new filters pays for every column of every
# pandas step, and the query gives every text in both languages.
OVERVIEW_READ = ("district", "province", "metric", "metric_order", "metric_vi", "metric_en", "unit", "value",
                 "qualifier", "numerator", "denominator", "period", "period_end", "term", "older_than_terms",
                 "latest_term", "figure_id", "origin", "generated", "source_kind", "publisher", "published_display",
                 "source_title", "url", "quote", "note", "confidence", "became_on_2025_07_01", "profile_publisher")
# What the poverty page's charts, tables, sentences, key numbers and sources read of `poverty_series`.
POVERTY_READ = ("district", "province", "area", "area_level", "metric", "metric_vi", "metric_en", "period",
                "period_start", "period_end", "span_start", "dated_loosely", "year", "term", "value", "qualifier",
                "poverty_standard", "poverty_standard_note", "origin", "generated", "figure_id", "publisher",
                "published_display", "source_title", "url", "quote", "note")
# What `poverty_context` reads of `poverty_series`.
POVERTY_CONTEXT_READ = ("metric", "area_level", "area", "period_end", "period", "year", "poverty_standard", "value",
                        "qualifier")


def narrowed(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """`frame`'s `columns` (those it has): a view pays for every column of every pandas step, and
    a query gives dozens (every text in both languages)."""
    return frame[[c for c in columns if c in frame.columns]]


def _overview(filters: Filters, run: Runner) -> PageView:
    lang = filters.lang
    overview = with_shown_values(narrowed(run("district_overview", lang=lang, **filters.query_args()),
                                          OVERVIEW_READ), lang)
    title = t("overview_chart", lang)
    drawn = overview.dropna(subset=["value"])
    if filters.districts and overview.empty:
        empty = Notice(t("no_focus_selected", lang), ":material/filter_alt:")
    else:
        empty = why_empty(filters, drawn)
    if empty:
        return PageView("page_overview", (Section("overview", None, empty=empty),), _generated(overview))
    notes = []
    shown = shown_metrics(overview)
    for first in records(overview.drop_duplicates("district"), "district", "became_on_2025_07_01", "profile_publisher"):
        if isinstance(first["became_on_2025_07_01"], str):
            notes.append(f"**{first['district']}** — {t('became', lang)}: {first['became_on_2025_07_01']} "
                         f"*({t('source', lang)}: {first['profile_publisher']})*")
    levels = [level for level in ("district", "province") if level in filters.area_levels]
    series = run("poverty_series", lang=lang, **{**filters.query_args(), "area_levels": levels, "origins": ["published"]})
    context = poverty_context(series, overview, lang)
    notes += [f"**{district}** — {t('latest_poverty', lang)}: {sentence}" for district, sentence in context]
    chart = ChartView("overview", title, overview_chart(overview, lang), partial(overview_table, overview, lang, shown),
                      drawn, partial(_overview_numbers, shown, lang), lang, caption=t("overview_chart_note", lang),
                      notes=tuple(notes))
    return PageView("page_overview", (Section("overview", title, chart=chart, rows=overview, poverty_context=context),),
                    _generated(overview))


def _overview_numbers(shown: pd.DataFrame, lang: str) -> tuple[KeyNumber, ...]:
    numbers = []
    for row in records(shown.dropna(subset=["value"]), "district", "metric", "shown", "older_than_terms",
                       "latest_term"):
        period = row["period"]
        if row["older_than_terms"]:
            period += f" ({t('older_than_terms', lang, term=row['latest_term'])})"
        numbers.append(_number(row, f"{row['district']} · {t(OVERVIEW_LABELS[row['metric']][0], lang)}", row["shown"],
                               lang, period))
    return tuple(numbers)


def poverty_context(series: pd.DataFrame, overview: pd.DataFrame, lang: str) -> tuple[tuple[str, str], ...]:
    """Beside each district's latest poverty rate, its province's: the same year's under the same
    standard where one was published (to compare), else the province's latest (the trend).
    Over the rates' rows as dicts: a few per district, where each pandas step costs more."""
    columns = [c for c in POVERTY_CONTEXT_READ if c in series.columns]
    rates = [r for r in row_dicts(series, columns) if r["metric"] == "poverty_rate"]
    out = []
    for row in records(overview[overview["metric"].eq("poverty_rate")], "district", "province", "value", "period_end"):
        in_province = [r for r in rates if r["area_level"] == "province" and r["area"] == row["province"]]
        if not in_province:
            continue
        end = None if is_missing(row["period_end"]) else pd.Timestamp(row["period_end"])
        own = [r for r in rates if end is not None and r["area_level"] == "district" and r["area"] == row["district"]
               and not is_missing(r["period_end"]) and pd.Timestamp(r["period_end"]) == end]
        same = []
        if (len(own) == 1 and own[0]["poverty_standard"] != "not-named" and not is_missing(own[0]["year"])
                and not is_missing(own[0]["poverty_standard"])):
            same = [r for r in in_province
                    if r["year"] == own[0]["year"] and r["poverty_standard"] == own[0]["poverty_standard"]]
        if len(same) == 1:
            other = same[0]
            out.append((row["district"], t("poverty_card_province", lang, province=row["province"],
                                           value=format_figure(other["value"], other["qualifier"], "percent", lang))))
            continue
        latest = pd.DataFrame(in_province, columns=columns).sort_values("period_end").iloc[-1]
        out.append((row["district"], t("poverty_card_trend", lang, province=row["province"],
                                       value=format_figure(latest["value"], latest["qualifier"], "percent", lang),
                                       period=latest["period"])))
    return tuple(out)


# ---- Rotations

def _kind_sum_line(row, source, lang: str) -> str:
    """'**Bắc Hà** (2020-2025): Tổng đã công bố 54 · Tổng các loại 54 (4 loại) ✓ *(Nguồn: …)*'."""
    total_label = t("published_total", lang)
    if source["origin"] == "register":  # said first: this total was counted, not published
        total_label = f"*{origin_text(source, lang)}* — {t('kind_total', lang)}"
    total = format_number(row["published_total"], lang)
    cited = f"*({t('source', lang)}: {source_label(source, lang)})*"
    if is_missing(row["sum_of_kinds"]):
        term = "–" if is_missing(row["term"]) else row["term"]
        return f"**{row['area']}** ({term}): {total_label} {total}; {t('kinds_not_published', lang)} {cited}"
    mark = "✓" if row["difference"] == 0 else "⚠"
    return (f"**{row['area']}** ({row['term']}): {total_label} {total} · {t('sum_of_kinds', lang)} "
            f"{format_number(row['sum_of_kinds'], lang)} ({t('n_kinds', lang, n=format_number(row['kinds'], lang))}) "
            f"{mark} {cited}")


def _kind_numbers(counts: pd.DataFrame, lang: str) -> tuple[KeyNumber, ...]:
    """Each count of the rotations chart, in the chart's order (by term, then kind)."""
    in_chart_order = counts.assign(rank=counts["kind"].map({k: i for i, k in enumerate(KIND_ORDER)}))
    return tuple(_number(r, f"{r['area']} · {r['kind_shown']}", r["shown"], lang)
                 for r in records(in_chart_order.sort_values(["term", "rank"], na_position="last"), "area",
                                  "kind_shown", "shown"))


def _case_numbers(cases: pd.DataFrame, lang: str) -> tuple[KeyNumber, ...]:
    return tuple(_number(r, f"{r['district']} · {r['person']} → {r['to_post']} {r['to_unit']}",
                         r["date_text"], lang, _text(r, "term") or "–")
                 for r in records(cases, "district", "person", "to_post", "to_unit", "date_text", "term"))


CASE_COLUMNS = {"district": "district", "person": "person", "from_post": "from_post", "from_unit": "from_unit",
                "to_post": "to_post", "to_unit": "to_unit", "date_text": "when", "moved_from": "earliest",
                "moved_by": "latest", "kind_shown": "kind", "term": "term", "source": "source", "quote": "quote",
                "note": "note"}


def _rotations(filters: Filters, run: Runner) -> PageView:
    lang = filters.lang
    args = filters.query_args()
    counts = run("rotations_by_term_kind", lang=lang, **args)
    generated = _generated(counts)
    title = t("rotations_chart", lang)
    empty = why_empty(filters, counts, ALL_SELECTIONS)
    if empty:
        sections = [Section("rotations_counts", title, empty=empty)]
    else:
        counts = with_shown_values(counts, lang).assign(kind_shown=[kind_label(k, lang) for k in counts["kind"]])
        sources = {row["source_id"]: row for row in records(counts.drop_duplicates("source_id"), "source_id")}
        sums = run("rotation_kind_sums", lang=lang, **args)
        chart = ChartView("rotations_counts", title, rotations_chart(counts, lang),
                          partial(display_table, counts, {"kind_shown": "kind", **FIGURE_COLUMNS}, lang), counts,
                          partial(_kind_numbers, counts, lang), lang,
                          notes_title=t("kind_sums", lang),
                          notes=tuple(_kind_sum_line(row, sources[row["source_id"]], lang)
                                      for row in records(sums, "area", "term", "published_total", "sum_of_kinds",
                                                         "difference", "kinds", "source_id")))
        sections = [Section("rotations_counts", title, chart=chart)]

    title = t("cases_timeline", lang)
    cases = run("rotation_cases", districts=args["districts"], terms=args["terms"], lang=lang)
    empty = (Notice(t("cases_published_only", lang), ":material/article:") if filters.registers_only
             else why_empty(filters, cases, ("districts", "terms")))
    if empty:
        sections.append(Section("rotations_cases", title, empty=empty))
    else:
        cases = cases.assign(source=[source_label(r, lang) for r in records(cases)],
                             kind_shown=[kind_label(k, lang) for k in cases["kind"]])
        chart = ChartView("rotations_cases", title, cases_timeline(cases, lang),
                          partial(display_table, cases, CASE_COLUMNS, lang), cases, partial(_case_numbers, cases, lang),
                          lang,
                          caption=t("cases_note", lang))
        sections.append(Section("rotations_cases", title, chart=chart))
    return PageView("page_rotations", tuple(sections), generated)


# ---- Poverty

POVERTY_CHARTS = (("latest_poverty", ["poverty_rate"], "poverty_rates"),
                  ("near_poverty_chart", ["near_poverty_rate", "poor_and_near_poor_rate"], "poverty_near"))


def _years(rows: list[dict]) -> list[int]:
    return sorted({int(r["year"]) for r in rows if not is_missing(r["year"])})


def _standard_name(standard: str, lang: str, labels: dict) -> str:
    key = f"standard_short:{standard}"
    return t(key, lang) if key in STRINGS else labels.get(standard, standard)


def poverty_sentences(rows: pd.DataFrame, districts: list[str], province: str, lang: str,
                      labels: dict) -> tuple[str, ...]:
    """For each district of one province, in plain words: how many years have a published
    district rate, that the province gives the trend, and each comparison that holds (same
    year, same named standard; never across standards). Over the rows as dicts: a chart's few
    rows, where each pandas step would cost more than the sentence."""
    read = [c for c in ("area_level", "area", "origin", "year", "value", "qualifier", "poverty_standard", "metric")
            if c in rows.columns]
    shown = [r for r in row_dicts(rows, read) if r.get("origin", "published") == "published"]
    in_province = [r for r in shown if r["area_level"] == "province" and r["area"] == province]
    province_years = _years(in_province)
    sentences = []
    for district in districts:
        own = [r for r in shown if r["area_level"] == "district" and r["area"] == district]
        years = _years(own)
        if province_years:
            key = ("poverty_district_no_year" if not years else "poverty_district_one_year" if len(years) == 1
                   else "poverty_district_years")
            sentences.append(t(key, lang, district=district, n=len(years), years=", ".join(map(str, years)),
                               province=province, province_n=len(province_years), first=province_years[0],
                               last=province_years[-1]))
        compared = False
        for row in own:
            if row["poverty_standard"] in ("not-named", None) or is_missing(row["year"]):  # never compared
                continue
            same = [r for r in in_province if r["year"] == row["year"] and r["metric"] == row["metric"]
                    and r["poverty_standard"] == row["poverty_standard"]]
            if len(same) != 1:  # none, or two pages disagreeing: nothing to compare with
                continue
            other = same[0]
            compared = True
            sentences.append(t("poverty_compare", lang, district=district,
                               value=format_figure(row["value"], row["qualifier"], "percent", lang),
                               province=province, province_value=format_figure(other["value"], other["qualifier"],
                                                                               "percent", lang),
                               year=int(row["year"]), standard=_standard_name(row["poverty_standard"], lang, labels)))
        if years and province_years and not compared:
            sentences.append(t("poverty_no_compare", lang, district=district, province=province))
    return tuple(sentences)


def _poverty_shown(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`rows` with each rate as published ('> 68%') and where it comes from, for a table or key numbers."""
    return with_shown_values(rows, lang, unit_column=None, unit="percent")


def _poverty_numbers(rows: pd.DataFrame, lang: str) -> tuple[KeyNumber, ...]:
    return _metric_numbers(_poverty_shown(rows, lang), "metric_en" if lang == "en" else "metric_vi", lang, area_label)


def _poverty_table(rows: pd.DataFrame, labels: dict, lang: str) -> pd.DataFrame:
    """A poverty chart's table: each rate as published, its standard named (`labels`)."""
    metric_column = "metric_en" if lang == "en" else "metric_vi"
    rows = _poverty_shown(rows, lang).assign(
        standard_shown=[labels.get(s, s) for s in rows["poverty_standard"].fillna("not-named")])
    return display_table(rows, {metric_column: "metric", **FIGURE_COLUMNS, "standard_shown": "standard",
                                "poverty_standard_note": "standard_note", "note": "note"}, lang)


def _poverty(filters: Filters, run: Runner) -> PageView:
    """Each chosen district against its province (Bắc Hà and Lào Cai, Phúc Thọ and Thanh Trì
    against Hà Nội): a chart per province and measure, the district's points over the
    province's line, and sentences saying how many district years there are and what compares."""
    lang = filters.lang
    args = filters.query_args()
    # Communes only for one district: with several, their hundreds of lines hide the districts.
    one_district = len(filters.districts) == 1
    levels = [level for level in filters.area_levels if level != "commune" or one_district]
    series = run("poverty_series", **{**args, "area_levels": levels}, lang=lang)
    captions = (t("communes_note", lang),) if "commune" in filters.area_levels else ()
    empty = why_empty(filters, series, ALL_SELECTIONS)
    if empty:
        return PageView("page_poverty", (Section("poverty", None, empty=empty),), _generated(series), captions)
    series = narrowed(series, POVERTY_READ)
    standards = run("poverty_standards", lang=lang)
    labels = dict(zip(standards["standard"], standards["label"]))
    province_of = dict(zip(series["district"], series["province"]))
    if set(filters.districts) - set(province_of):  # a district with no rate of its own (Điện Biên, communes left out)
        overview = run("district_overview", districts=list(filters.districts), lang=lang)
        province_of = {**dict(zip(overview["district"], overview["province"])), **province_of}
    provinces: dict[str, list[str]] = {}
    for district in filters.districts:
        province = province_of.get(district)
        if isinstance(province, str):
            provinces.setdefault(province, []).append(district)
    sections = []
    metric_of, district_of = series["metric"].to_numpy(dtype=object), series["district"].to_numpy(dtype=object)
    province_only = series["district"].isna().to_numpy() & series["province"].notna().to_numpy()
    for measure_key, metrics, key in POVERTY_CHARTS:
        for province, districts in provinces.items():
            own = np.isin(district_of, districts)
            keep = np.isin(metric_of, metrics) & (own | (province_only & (series["province"].to_numpy() == province)))
            if not keep.any():
                continue
            shown = series[keep]
            with_districts = bool((own & keep).any())
            title = (t("poverty_against", lang, measure=t(measure_key, lang), districts=", ".join(districts),
                       province=province) if with_districts
                     else t("poverty_province_only", lang, measure=t(measure_key, lang), province=province))
            notes = poverty_sentences(shown, districts, province, lang, labels) if metrics == ["poverty_rate"] else ()
            chart = ChartView(f"{key}_{len(sections)}", title, poverty_chart(shown, lang, standards),
                              partial(_poverty_table, shown, labels, lang), shown,
                              partial(_poverty_numbers, shown, lang), lang,
                              caption=None if sections else t("bound_note", lang),
                              notes=notes)
            sections.append(Section(chart.key, chart.title, chart=chart))
    if not sections:
        return PageView("page_poverty", (Section("poverty", None, empty=Notice(t("no_data", lang),
                                                                                ":material/search_off:")),),
                        _generated(series), captions)
    notes = notes_for(run("data_quality_notes", lang=lang), series["figure_id"])
    return PageView("page_poverty", tuple(sections), _generated(series), captions, notes)


# ---- Quotas

def _gap_line(row, lang: str) -> str:
    """What a quota series reached at its latest date, and how many more it needs, cited."""
    attained = (f"{format_number(row['attained_pct'], lang, 1)}% ({format_number(row['numerator'], lang)}/"
                f"{format_number(row['denominator'], lang)})")
    if row["people_to_target"] > 0:
        sentence = t("gap_sentence", lang, label=quota_label(row, lang), attained=attained,
                     people=format_number(row["people_to_target"], lang),
                     what=t(f"people_measure_{row['measure']}", lang),
                     target=f"{format_number(row['target_pct'], lang)}%")
    else:
        sentence = t("met_sentence", lang, label=quota_label(row, lang), attained=attained)
    return f"{sentence} *({t('source', lang)}: {source_label(row, lang)})*"


def _metric_numbers(frame: pd.DataFrame, metric_column: str, lang: str,
                    area: Callable = lambda row, lang: row["area"]) -> tuple[KeyNumber, ...]:
    """Each figure of `frame` as '<area> · <metric>' and its value as published."""
    return tuple(_number(r, f"{area(r, lang)} · {r[metric_column]}", r["shown"], lang)
                 for r in records(frame, "area", "area_level", "district", metric_column, "shown"))


def _attainment_numbers(frame: pd.DataFrame, lang: str) -> tuple[KeyNumber, ...]:
    return tuple(_number(r, f"{r['area']} · {r['measure_shown']}",
                         f"{format_number(r['attained_pct'], lang, 1)}% ({format_number(r['numerator'], lang)}/"
                         f"{format_number(r['denominator'], lang)}) · {t('target', lang).lower()} "
                         f"{format_number(r['target_pct'], lang)}%", lang)
                 for r in records(frame, "area", "measure_shown", "attained_pct", "numerator", "denominator",
                                  "target_pct"))


def checks_view(filters: Filters, run: Runner) -> Checks:
    """Computed figures against published ones, for the selected districts. They are about
    published figures: with only registers chosen, they are not shown as if they were registers."""
    lang = filters.lang
    if filters.registers_only:
        return Checks(None, notice=Notice(t("checks_published_only", lang), ":material/fact_check:"))
    checks = run("published_checks", districts=filters.query_args()["districts"], lang=lang)
    # Column by column, not row by row: a view for new filters pays for every pandas step.
    # The table keeps the numbers as numbers (shown in the reader's format on screen).
    area, check = checks["area"].tolist(), checks["check"].tolist()
    computed = [format_number(v, lang) for v in checks["computed"].tolist()]
    published = [format_number(v, lang) for v in checks["published"].tolist()]
    agrees = [bool(a) for a in checks["agrees"].tolist()]
    shown = {"area": checks["area"], "check": checks["check"], "computed": checks["computed"],
             "published": checks["published"], "agrees": [t("agrees", lang) if a else t("disagrees", lang) for a in agrees]}
    if "note" in checks.columns:
        shown["note"] = checks["note"]
    table = pd.DataFrame({t(key, lang): values for key, values in shown.items()}, index=pd.RangeIndex(len(checks)))
    return Checks(table, tuple(f"{a}: {c} → {computed_one} ≠ {published_one}"
                               for a, c, computed_one, published_one, ok in zip(area, check, computed, published, agrees)
                               if not ok), lang=lang)


def _quotas(filters: Filters, run: Runner) -> PageView:
    lang = filters.lang
    args = filters.query_args()
    attainment = run("quota_attainment", lang=lang, **args)
    field_work = run("field_work", lang=lang, **args)
    generated = _generated(attainment, field_work)
    sections, notes = [], pd.DataFrame()
    empty = why_empty(filters, attainment, ALL_SELECTIONS)
    if empty:
        sections.append(Section("quotas_attainment", None, empty=empty))
    else:
        attainment = with_origin(attainment, lang).assign(
            measure_shown=[t(f"measure_{m}", lang) for m in attainment["measure"]])
        series = ["quota", "area", "measure", "origin"]  # a register series is never merged with the published one
        latest = attainment.sort_values("period_end").groupby(series, sort=False).tail(1)
        title = t("attainment_chart", lang)
        chart = ChartView("quotas_attainment", title, attainment_chart(attainment, lang),
                          partial(display_table, attainment, ATTAINMENT_COLUMNS, lang), attainment,
                          partial(_attainment_numbers, attainment, lang), lang, notes_title=t("gap_people", lang),
                          notes=tuple(_gap_line(row, lang) for row in latest.sort_values(series).to_dict("records")))
        sections.append(Section("quotas_attainment", title, chart=chart))
        # Series published at several dates, and beside them the other measures of the same area
        # and quota (Điện Biên's communes "met or basically met" beside those "met"), each its own series.
        several = attainment.groupby(series)["period_end"].transform("nunique") > 1
        progress = attainment[several.groupby([attainment[c] for c in ("quota", "area", "origin")]).transform("any")]
        if not progress.empty:
            title = t("progress_chart", lang)
            chart = ChartView("quotas_progress", title, progress_chart(progress, lang),
                              partial(display_table, progress, ATTAINMENT_COLUMNS, lang), progress,
                              partial(_attainment_numbers, progress, lang), lang)
            sections.append(Section("quotas_progress", title, chart=chart))
        notes = notes_for(run("data_quality_notes", lang=lang), figure_ids(attainment))

    title = t("field_work", lang)
    empty = why_empty(filters, field_work, ALL_SELECTIONS)
    if empty:
        sections.append(Section("quotas_field", title, empty=empty))
    else:
        metric_column = "metric_en" if lang == "en" else "metric_vi"
        field_work = with_shown_values(as_text_columns(field_work), lang)
        chart = ChartView("quotas_field", title, None,
                          partial(display_table, field_work, {metric_column: "metric", **FIGURE_COLUMNS}, lang),
                          field_work, partial(_metric_numbers, field_work, metric_column, lang), lang)
        sections.append(Section("quotas_field", title, chart=chart))
    return PageView("page_quotas", tuple(sections), generated, quality_notes=notes, checks=checks_view(filters, run))


BUILDERS = {"page_overview": _overview, "page_rotations": _rotations, "page_poverty": _poverty,
            "page_quotas": _quotas}


def page_view(page: str, filters: Filters, run: Runner) -> PageView:
    """What the page titled `page` (one of CHART_PAGES) shows for these filters."""
    return BUILDERS[page](filters, run)


def url_path(page: str) -> str:
    """The page's address under the app's root: '' for the overview, 'quotas' for the quotas page."""
    script = next(script for script, key, _ in PAGES if key == page)
    return "" if script == "dashboard.py" else script.removeprefix("pages/").removesuffix(".py")


def local_runner(db) -> Runner:
    """A query runner over `db` without Streamlit's caches, for the command line."""
    def run(name: str, *, lang: str, **filters) -> pd.DataFrame:
        return in_language(db.run(name, **{k: None if v is None else list(v) for k, v in filters.items()}, plain=True),
                           lang)
    return run
