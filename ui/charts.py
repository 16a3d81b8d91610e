"""Chart builders: pure functions from a query's DataFrame to a Plotly figure.

They never touch Streamlit, so tests can check what is drawn. Rules they keep: a published
bound ('>' / '<') is an open arrow with its label ("> 68%"), never a filled point on a line;
every mark's hover shows its value with qualifier, its period and its source; each district
keeps its colour everywhere, and a register series (hatched bars, dashed lines, hollow markers,
named 'theo sổ đăng ký' ('from a register'), '(mẫu)' when generated) is never drawn like the published one.

They read the same on a phone as on a projector: bar charts are horizontal with each label on
its own line above its bars (no label competes with the bars for width), time axes are
labelled by year under the year they name, and text is dark. `for_projector` enlarges a
built figure; `for_export` adds the title, filters, sources and date a saved image needs.
"""

from __future__ import annotations

import copy
import json
import textwrap
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from queries.i18n import STRINGS, t

from .citations import CITED, hover_lines, origin_suffix, records, row_dicts
from .colours import (BAR_PATTERNS, CONTEXT_COLOUR, SERIES_DASHES, SERIES_SYMBOLS, TARGET_COLOUR, context_symbol,
                      district_colour, district_symbol, ink_on)
from .formatting import format_figure, format_number, is_bound, is_missing

FONT_SIZE = 16
LABEL_SIZE = 15  # labels above bars
INK = "#111111"  # every text of a chart: dark, for projectors
FONT_FAMILY = '"Source Sans", "Source Sans Pro", "Source Sans 3", sans-serif'  # the app's own type
GRID = "#D0D0D0"
SLOT_PX = 28  # one line of a bar chart: a label line or a bar
LABEL_WIDTH = 44  # characters per label line: fits a phone (390 px) at LABEL_SIZE
PROJECTOR_FONT = 20  # chart text on a projector: ticks, legend and labels
PROJECTOR_MIN = 18
SLIDE_CHART_PX = 520  # a chart's height on a 1280×720 slide, under its title and key number, over its source
BOUND_SYMBOLS = {">": "triangle-up-open", ">=": "triangle-up-open",
                 "<": "triangle-down-open", "<=": "triangle-down-open"}
KIND_ORDER = ("total", "cross_sector", "district_to_commune", "commune_to_district", "commune_to_commune")
LEVEL_DASH = {"district": "solid", "commune": "dash", "province": "dot", "country": "dot"}
LEVEL_SYMBOL = {"district": "circle", "commune": "diamond"}
REGISTER_PATTERN = "x"  # register bars; "/" stays the mark of a published bound
REGISTER_DASH = {"district": "longdash", "commune": "dashdot"}
# A measure published with a qualifier of its own ("đạt và cơ bản đạt": met or basically met)
# is dotted, beside the plain "đạt" bars, and its label names it.
QUALIFIED_MEASURES = {"communes_met_or_basic"}
QUALIFIED_PATTERN = "."
LEGEND_MAX = 12  # legend entries of a line chart; more would crowd out the chart
INSIDE_LABEL_FROM = 55  # attainment bars this long (percent) carry their label inside
ROTATION_TEXT_ROOM = 2.0  # the rotations axis runs to twice the longest bar: room for "54 · Bắc Hà (huyện)"
OVERVIEW_BAR_MAX = 40  # percent of the width the longest overview bar takes; its text follows it
PLOTLY_VI_FORMAT = json.loads((Path(__file__).resolve().parent / "plotly_locale_vi.json").read_text("utf-8"))["format"]
# Our own PNG and SVG downloads carry the chart's context; selecting points means nothing here.
TOOLBAR_REMOVED = ["toImage", "select2d", "lasso2d"]


def plotly_config(lang: str) -> dict:
    """Plotly's settings for a chart on screen: the toolbar in the reader's language (Plotly's
    Vietnamese locale, with the toolbar's words from the catalogue)."""
    config = {"displaylogo": False, "modeBarButtonsToRemove": TOOLBAR_REMOVED, "locale": lang}
    if lang != "en":
        words = {key.removeprefix("plotly:"): t(key, lang) for key in STRINGS if key.startswith("plotly:")}
        config["locales"] = {lang: {"dictionary": words, "format": PLOTLY_VI_FORMAT}}
    return config


# Every chart's template, given with the chart: Plotly would otherwise copy its default template
# into each new figure (Streamlit's, which it sets on import: colour placeholders its own theme
# fills, and which no chart here uses, drawn with theme=None). What of it applies is this: markers
# without an outline. The same in the app, the briefing and the exports.
CHART_TEMPLATE = {"data": {"scatter": [{"type": "scatter", "marker": {"line": {"width": 0}}}]}}


def _layout(lang: str, height: int, **extra) -> dict:
    """The shared look: dark text, the language's number separators, legend on top, the
    toolbar upright at the right edge (in its own margin, never over the legend)."""
    axis = {"showgrid": True, "gridcolor": GRID, "zeroline": False, "automargin": True, "color": INK,
            "tickfont": {"size": FONT_SIZE, "color": INK}, "title": {"font": {"size": FONT_SIZE, "color": INK}}}
    layout = {
        "separators": ",." if lang != "en" else ".,",
        "font": {"size": FONT_SIZE, "color": INK, "family": FONT_FAMILY},
        "height": height,
        "margin": {"l": 10, "r": 40, "t": 10, "b": 10},
        # Above the plot; Plotly widens the top margin to whatever the legend needs at this width.
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "yref": "paper",
                   "font": {"size": FONT_SIZE, "color": INK}},
        "hoverlabel": {"font": {"size": 14}, "align": "left"},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "modebar": {"orientation": "v"},
        "xaxis": copy.deepcopy(axis),
        "yaxis": copy.deepcopy(axis),
        "template": copy.deepcopy(CHART_TEMPLATE),
    }
    # No shapes or annotations is no setting at all, as validation leaves it (see `_figure`).
    return _merged(layout, {key: value for key, value in extra.items() if not (isinstance(value, list) and not value)})


def _figure(traces: list[dict], layout: dict) -> go.Figure:
    """The figure of `traces` (dicts with their "type") and `layout`, not validated: Plotly's
    validation costs more than building the figure, and a room of viewers with other filters
    pays it per view. Builders give the values validation would keep (numpy arrays, not Series);
    tests/test_ui_charts.py checks that every builder's figure, validated, is the same figure.
    Every builder's legend is made distinguishable without colour here (`_distinguished`)."""
    return go.Figure(_distinguished(traces), layout, _validate=False)


def series_style(trace: dict) -> tuple:
    """How a legend entry looks: its colour, its marker (a bar's fill pattern) and its line's
    dash, as far as its mode draws them. Two entries must differ in marker or dash."""
    marker, line = trace.get("marker") or {}, trace.get("line") or {}
    colour = marker.get("color") if isinstance(marker.get("color"), str) else line.get("color")
    if trace.get("type") == "bar":
        shape = (marker.get("pattern") or {}).get("shape", "")
        return colour, tuple(shape) if isinstance(shape, (list, tuple)) else shape, None
    mode = trace.get("mode") or "lines+markers"
    symbol = marker.get("symbol", "circle") if "markers" in mode else None
    return (colour, tuple(symbol) if isinstance(symbol, (list, tuple)) else symbol,
            line.get("dash", "solid") if "lines" in mode else None)


def legend_series(traces: list[dict]) -> dict[str, tuple]:
    """The entries a legend shows, by name, with the style of the trace that shows each (the
    first of its group). A lone trace has no legend."""
    shown = [trace for trace in traces if trace.get("showlegend", True) is not False and trace.get("name")]
    if len(shown) < 2 and not any(trace.get("showlegend") is True for trace in shown):
        return {}
    entries: dict[str, tuple] = {}
    for trace in shown:
        entries.setdefault(trace["name"], series_style(trace))
    return entries


def _distinguished(traces: list[dict]) -> list[dict]:
    """`traces` with every legend entry told apart from every other without its colour (for
    colour-blind readers and grey printouts): an entry whose marker and dash (a bar's fill
    pattern) an earlier entry already has takes the next free marker (a bar the next pattern,
    a bare line the next dash), it and every trace of its name, so legend, points and lines
    agree. Builders choose distinct looks themselves; this is the rule's last word."""
    seen: set[tuple] = set()
    for name, (colour, symbol, dash) in legend_series(traces).items():
        bar = next(trace for trace in traces if trace.get("name") == name).get("type") == "bar"
        if bar:
            choices = [(pattern, dash) for pattern in BAR_PATTERNS]
        elif symbol is not None and not isinstance(symbol, tuple):
            hollow = "-open" if symbol.endswith("-open") else ""  # a register's hollow marker stays hollow
            choices = [(other + hollow, dash) for other in SERIES_SYMBOLS] + [
                (other + hollow, line) for line in SERIES_DASHES for other in SERIES_SYMBOLS]
        else:
            choices = [(symbol, line) for line in SERIES_DASHES]
        look = (symbol, dash)
        if look in seen:
            look = next((choice for choice in choices if choice not in seen), look)
            for trace in traces:  # a bound's arrow keeps its shape: only the series' own marker changes
                if trace.get("name") != name:
                    continue
                marker = trace.get("marker") or {}
                if bar:
                    trace["marker"] = {**marker, "pattern": {**marker.get("pattern", {}), "shape": look[0]}}
                    continue
                if look[0] != symbol and marker.get("symbol", "circle") == symbol:
                    trace["marker"] = {**marker, "symbol": look[0]}
                if look[1] != dash and "line" in trace:
                    trace["line"] = {**trace["line"], "dash": look[1]}
        seen.add(look)
    return traces


def _merged(base: dict, extra: dict) -> dict:
    """`base` with `extra` laid over it, nested settings merged (an axis keeps its fonts when a
    chart gives it a title)."""
    out = dict(base)
    for key, value in extra.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def area_label(row, lang: str) -> str:
    """'Lùng Phình (xã, Bắc Hà)' / 'Lào Cai (tỉnh)': the area with its level, for legends."""
    level = t(f"level_{row['area_level']}", lang).lower()
    district = row.get("district")
    if row["area_level"] == "commune" and isinstance(district, str):
        return f"{row['area']} ({level}, {district})"
    return f"{row['area']} ({level})"


def kind_label(kind, lang: str) -> str:
    return t(f"kind_{kind}", lang) if isinstance(kind, str) else t("kind_unknown", lang)


def is_register(row) -> bool:
    """A figure computed from a user's register, drawn apart from the published ones."""
    return row.get("origin") == "register"


def _by_area_and_origin(frame: pd.DataFrame, columns: list[str]) -> list[tuple[tuple, np.ndarray]]:
    """Each series' key and the positions of its rows in `frame`, every published series
    followed by its register one. Positions, not sub-frames: a chart of hundreds of communes
    would otherwise copy every column of the query once per commune."""
    first_seen = {area: i for i, area in enumerate(dict.fromkeys(frame["area"]))}
    areas = frame["area"].to_numpy()
    groups = frame.groupby([*columns, "origin"], sort=False).indices
    return sorted(groups.items(), key=lambda g: (first_seen[areas[g[1][0]]], g[0][-1] != "published"))


class _Rows:
    """The lines of a horizontal bar chart, top to bottom: a label line above each bar or
    group of bars, then the bars. Positions are line numbers on a reversed numeric y axis (one
    line is SLOT_PX high), so every label gets the chart's full width, on a phone as on a
    projector. A label sits close over its own bars and further from the ones above it."""

    LABEL_LINE = 0.75  # lines per line of label text
    BAR = 0.7  # a bar's thickness, in lines

    def __init__(self):
        self.lines = 0.0
        self.annotations: list[dict] = []

    def label(self, text: str, bold: bool = False, size: int = LABEL_SIZE) -> None:
        for line in textwrap.wrap(text, LABEL_WIDTH) or [text]:
            self.annotations.append({
                "x": 0, "xref": "paper", "xanchor": "left", "y": self.lines + self.LABEL_LINE / 2, "yref": "y",
                "yanchor": "middle", "showarrow": False, "align": "left", "bgcolor": "white",  # over the grid
                "text": f"<b>{line}</b>" if bold else line, "font": {"size": size, "color": INK}})
            self.lines += self.LABEL_LINE

    def bar(self) -> float:
        position = self.lines + 0.5
        self.lines += 1
        return position

    def gap(self, lines: float = 0.5) -> None:
        self.lines += lines

    def y_axis(self) -> dict:
        return {"range": [self.lines, 0], "visible": False, "fixedrange": True}

    def height(self, legend_lines: int = 1) -> int:
        return int(self.lines * SLOT_PX) + 70 + 28 * legend_lines


def rotations_chart(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Horizontal bars by term and kind: a heading per term, the kind's name above its bars,
    one bar per district (its colour), the register series hatched beside the published one,
    each bar's value and whose it is written after it (no legend: words tell them apart)."""
    frame = frame.assign(kind_rank=frame["kind"].map({k: i for i, k in enumerate(KIND_ORDER)}),
                         facet=frame["term"].fillna(frame["period"]))
    frame = frame.sort_values(["term", "kind_rank"], na_position="last").reset_index(drop=True)
    series = _by_area_and_origin(frame, ["area"])
    rows_of = records(frame, "area_level", "area", "district", "kind")
    keys = list(zip(frame["area"], frame["origin"]))
    rows = _Rows()
    positions = np.zeros(len(frame))
    for facet, in_facet in frame.groupby("facet", sort=False):
        rows.label(t("term_heading", lang, term=facet), bold=True, size=FONT_SIZE + 1)
        here = {keys[i] for i in in_facet.index}  # the frame's index is its positions (reset above)
        present = [key for key, _ in series if key in here]
        for _, in_kind in in_facet.groupby("kind_rank", sort=False):
            rows.label(kind_label(rows_of[in_kind.index[0]]["kind"], lang))
            bars: dict[tuple, list[int]] = {}  # a bar per series: its rows in this kind (one per district)
            for i in in_kind.index:
                bars.setdefault(keys[i], []).append(i)
            for key in present:
                if key in bars:
                    positions[bars[key]] = rows.bar()
            rows.gap(0.3)
        rows.gap(0.4)
    value, qualifier = frame["value"].to_numpy(), frame["qualifier"].tolist()
    traces = []
    for (area, origin), at in series:
        first = rows_of[at[0]]
        name = area_label(first, lang) + origin_suffix(first, lang)
        colour = district_colour(first["district"])
        values = [format_figure(value[i], qualifier[i], None, lang) for i in at]
        traces.append(dict(
            type="bar", name=name, orientation="h", x=value[at], y=positions[at], width=rows.BAR,
            marker={"color": colour, "line": {"color": colour, "width": 1.5},
                    "pattern": {"shape": [REGISTER_PATTERN if origin == "register" else "/" if is_bound(qualifier[i])
                                          else "" for i in at]}},
            # Each bar says whose it is: told apart by its words, not by its colour alone.
            text=[f"{v} · {name}" for v in values], textposition="outside", cliponaxis=False,
            textfont={"color": INK}, showlegend=False,
            hovertext=[hover_lines(rows_of[i], lang, f"{name} · {kind_label(rows_of[i]['kind'], lang)}", v)
                       for i, v in zip(at, values)],
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    layout = _layout(lang, rows.height(0), barmode="overlay", annotations=rows.annotations,
                     yaxis=rows.y_axis(),
                     xaxis={"range": [0, frame["value"].max() * ROTATION_TEXT_ROOM],
                            "title": {"text": t("latest_rotations", lang)}, "rangemode": "tozero", "fixedrange": True})
    return _figure(traces, layout)


def _year_axis(first: pd.Timestamp, last: pd.Timestamp, title: str | None = None) -> dict:
    """A time axis labelled by year, each label centred under the year it names, from the
    first day of the first year to the last day of the last."""
    return {"type": "date", "range": [pd.Timestamp(first.year, 1, 1), pd.Timestamp(last.year + 1, 1, 1)],
            "dtick": "M12", "tick0": "2000-01-01", "tickformat": "%Y", "ticklabelmode": "period",
            "showgrid": True, **({"title": {"text": title}} if title else {})}


def cases_timeline(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Each named move as its date window (from … to …), never a single invented date, its
    description on the line above, its ends marked with its district's marker. A move known
    only as "before a date" is an open arrow pointing left at that date."""
    rows = _Rows()
    traces = []
    ends = pd.concat([pd.to_datetime(frame["moved_from"]), pd.to_datetime(frame["moved_by"])]).dropna()
    rows_of = frame.to_dict("records")
    for district, at in frame.groupby("district", sort=False).indices.items():
        colour, symbol = district_colour(district), district_symbol(district)
        traces.append(dict(  # the legend's entry: the district's colour and marker, drawn on its windows
            type="scatter", x=[None], y=[None], mode="lines+markers", name=district, legendgroup=district,
            line={"color": colour, "width": 6}, marker={"size": 12, "color": colour, "symbol": symbol},
            hoverinfo="skip"))
        for row in (rows_of[i] for i in at):
            rows.label(f"{row['person']} → {row['to_post']} {row['to_unit']}")
            y = rows.bar()
            rows.gap(0.3)
            heading = f"{row['person']}: {row['from_post'] or '?'} → {row['to_post']} {row['to_unit']}"
            hover = hover_lines({**row, "period": row["date_text"]}, lang, heading, row["date_text"])
            moved_by = pd.Timestamp(row["moved_by"])
            common = {"name": district, "legendgroup": district, "showlegend": False,
                      "hovertext": [hover], "hovertemplate": "%{hovertext}<extra></extra>"}
            if is_missing(row["moved_from"]):
                traces.append(dict(
                    type="scatter", x=[moved_by], y=[y], mode="markers+text",
                    marker={"symbol": "triangle-left-open", "size": 18, "color": colour, "line": {"width": 3}},
                    text=[f"{t('before', lang)} {moved_by + pd.Timedelta(days=1):%d/%m/%Y}"],
                    textposition="middle left", textfont={"color": INK}, **common))
            else:
                traces.append(dict(
                    type="scatter", x=[pd.Timestamp(row["moved_from"]), moved_by], y=[y, y], mode="lines+markers",
                    line={"color": colour, "width": 14},
                    marker={"size": 16, "color": colour, "symbol": symbol, "line": {"color": "white", "width": 1.5}},
                    **{**common, "hovertext": [hover, hover]}))
    layout = _layout(lang, rows.height(), annotations=rows.annotations, yaxis=rows.y_axis(),
                     xaxis=_year_axis(ends.min(), ends.max()))
    return _figure(traces, layout)


def period_middle(frame: pd.DataFrame) -> pd.Series:
    """Where to place a figure in time: the middle of its period (a yearly rate sits mid-year,
    under its year's label and clear of the standard-change lines). A period known only by its
    end ("before 2022") sits in the middle of its last year, earlier than that end, never on a
    standard line that starts the next year."""
    start, end = _days(frame["period_start"]), _days(frame["period_end"])
    mid_year = end.astype("datetime64[Y]").astype("datetime64[M]") + np.timedelta64(6, "M")  # 1 July
    mid_year = mid_year.astype("datetime64[us]") + np.timedelta64(1, "D")  # 2 July
    middle = start + (end - start) // 2
    fallback = np.where(mid_year < end, mid_year, end)
    return pd.Series(np.where(np.isnat(middle), fallback, middle), index=frame.index)


def _days(values) -> np.ndarray:
    """Dates as numpy datetime64[us] (NaT where missing), for arithmetic over a few rows without pandas."""
    return pd.to_datetime(values).to_numpy(dtype="datetime64[us]")


# Poverty series: every legend entry told apart without colour (its marker and dash), and by
# colour between areas. Communes take colours no district takes.
POVERTY_SYMBOLS = ("circle", "diamond", "square", "triangle-up", "pentagon", "star", "hexagon", "cross", "x",
                   "triangle-down", "star-diamond", "hourglass")
POVERTY_DASHES = {"district": "solid", "commune": "dash", "province": "dot", "country": "dot"}
COMMUNE_COLOURS = ("#E69F00", "#56B4E9", "#000000", "#882255", "#117733", "#44AA99", "#999933", "#AA4499")
SAME_POINT = 0.1  # two pages' rates of one area, year and standard this close are one point, rounded apart
SPAN_PX = 10  # whisker cap of a figure drawn over its span


def _poverty_styles(keys: list[tuple]) -> dict[tuple, dict]:
    """Colour, marker and dash of each series (area_level, area, district, metric, origin): areas
    differ in colour; every series differs from every other in marker or dash."""
    styles, colours, taken = {}, {}, set()
    communes = iter(COMMUNE_COLOURS * 8)
    for key in keys:
        level, area, district, _, origin = key
        if (level, area) not in colours:
            colours[(level, area)] = (district_colour(district) if level == "district"
                                      else next(communes) if level == "commune" else CONTEXT_COLOUR)
        dash = POVERTY_DASHES.get(level, "solid")
        preferred = context_symbol(area) if level in ("province", "country") else LEVEL_SYMBOL.get(level, "circle")
        if origin == "register":
            dash = REGISTER_DASH.get(level, "longdash")
        candidates = [preferred, *POVERTY_SYMBOLS]
        symbol = next((s for s in candidates if (s, dash) not in taken), preferred)
        taken.add((symbol, dash))
        styles[key] = {"colour": colours[(level, area)], "dash": dash,
                       "symbol": f"{symbol}-open" if origin == "register" else symbol}
    return styles


def _standard_windows(standards: pd.DataFrame) -> dict[str, dict]:
    """Each dated standard's row (standard, starts_on, ends_on, labels), by name, in its order."""
    read = [c for c in ("standard", "starts_on", "ends_on", "label_vi", "label_en") if c in standards.columns]
    return {row["standard"]: row for row in row_dicts(standards, read) if not is_missing(row["starts_on"])}


def _in_standard(frame: pd.DataFrame, windows: dict[str, dict], standard_of: list[str]) -> np.ndarray:
    """Where each rate sits in time: the middle of its period, moved inside its standard's years
    (`windows`) where it was measured under the next one (a baseline at the end of 2015 under
    the 2016-2020 standard sits just after the 2016 line, in its own standard's segment)."""
    x = period_middle(frame).to_numpy(dtype="datetime64[us]")
    never = {"starts_on": None, "ends_on": None}
    starts = _days([windows.get(standard, never)["starts_on"] for standard in standard_of])
    ends = _days([windows.get(standard, never)["ends_on"] for standard in standard_of])
    inside = np.timedelta64(20, "D")
    x = np.where(x < starts, starts + inside, x)  # NaT compares false: a rate with no window stays
    return np.where(x > ends, ends - inside, x)


def _one_point(frame: pd.DataFrame, loose: np.ndarray) -> np.ndarray:
    """A point number per row: rates of one series, year and standard within SAME_POINT of each
    other (Điện Biên 2010: 50% and 50,1%) share one; exact, exactly dated figures only (not
    `loose`)."""
    qualifiers = frame["qualifier"].tolist()
    values = frame["value"].tolist()
    columns = [frame[c].tolist() for c in ("area_level", "area", "metric", "origin", "poverty_standard", "year")]
    groups: dict[tuple, list[int]] = {}
    for i, key in enumerate(zip(*columns)):
        if (is_missing(qualifiers[i]) or qualifiers[i] == "=") and not loose[i]:
            groups.setdefault(tuple(None if is_missing(k) else k for k in key), []).append(i)
    point = np.arange(len(frame))
    for at in groups.values():
        shown = [values[i] for i in at]
        if len(at) > 1 and max(shown) - min(shown) <= SAME_POINT + 1e-9:
            point[at] = min(at)
    return point


def poverty_chart(frame: pd.DataFrame, lang: str, standards: pd.DataFrame) -> go.Figure:
    """Rates over time per area, for one province and its districts: a line joins the rates of
    one measure of one area under one poverty standard only (one rate a year); a bound is a
    labelled open arrow; a figure dated by an event or a season is drawn over its span; two
    pages' rounding of one rate is one point citing both. Each standard's years are a band
    named at the top, its start a dashed line. With many series only the first LEGEND_MAX are
    in the legend (its title says so); every hover names its series."""
    frame = frame.reset_index(drop=True)
    windows = _standard_windows(standards)
    labels = dict(zip(standards["standard"], standards["label_en" if lang == "en" else "label_vi"]))
    standard_of = ["not-named" if is_missing(s) else s for s in frame["poverty_standard"].tolist()]
    loose = (frame["dated_loosely"].fillna(False).to_numpy(dtype=bool) if "dated_loosely" in frame.columns
             else np.zeros(len(frame), dtype=bool))
    span_start = _days(frame["span_start"] if "span_start" in frame.columns else frame["period_start"])
    span_end, period_start = _days(frame["period_end"]), _days(frame["period_start"])
    xs = np.where(loose, span_start + (span_end - span_start) // 2, _in_standard(frame, windows, standard_of))
    point_of = _one_point(frame, loose).tolist()
    metric_column = "metric_en" if lang == "en" else "metric_vi"
    rows_of = records(frame, "area_level", "area", "district", metric_column)
    for row, standard in zip(rows_of, standard_of):
        row["poverty_standard"] = standard
    value, qualifier = frame["value"].to_numpy(), frame["qualifier"].tolist()
    texts = [format_figure(v, q, "percent", lang) for v, q in zip(value, qualifier)]
    bound = np.array([is_bound(q) for q in qualifier], dtype=bool)
    metrics = frame["metric"].tolist()
    several_metrics = len(set(metrics)) > 1
    keys = [(r["area_level"], r["area"], r["district"], metric, r.get("origin") or "published")
            for r, metric in zip(rows_of, metrics)]
    order = list(dict.fromkeys(keys))
    number_of = {key: n for n, key in enumerate(order)}
    series_of = np.array([number_of[k] for k in keys], dtype=int)
    year_of = frame["year"].tolist()
    styles = _poverty_styles(order)
    traces, legend_traces, names = [], [], []
    for number, key in enumerate(order):
        at = np.flatnonzero(series_of == number)
        first, style = rows_of[at[0]], styles[key]
        name = area_label(first, lang)
        if several_metrics:
            name = f"{name} · {first[metric_column]}"
        name += origin_suffix(first, lang)
        names.append(name)
        common = {"name": name, "legendgroup": name, "showlegend": False}
        legend_traces.append(dict(
            type="scatter", x=[None], y=[None], mode="lines+markers", hoverinfo="skip",
            line={"color": style["colour"], "dash": style["dash"], "width": 3},
            marker={"size": 11, "color": style["colour"], "symbol": style["symbol"]},
            **{**common, "showlegend": number < LEGEND_MAX}))
        points: dict[int, list[int]] = {}
        for i in at:
            points.setdefault(point_of[i], []).append(i)
        shown, hovers = [], []
        for members in points.values():
            lead = max(members, key=lambda i: len(format_number(value[i], "en")))  # the most precise rounding
            lines = []
            for i in members:
                standard = rows_of[i]["poverty_standard"]
                lines.append(hover_lines(rows_of[i], lang, name, texts[i])
                             + f"<br>{t('standard', lang)}: {labels.get(standard, standard)}")
            if loose[lead]:
                lines[0] += f"<br>{t('undated_span', lang, period=rows_of[lead].get('period') or '–')}"
            heading = f"<i>{t('one_point_sources', lang, n=len(members))}</i><br>" if len(members) > 1 else ""
            shown.append(lead)
            hovers.append(heading + "<br>───<br>".join(lines))
        hover_of = dict(zip(shown, hovers))
        joinable = [i for i in shown if not bound[i] and not loose[i] and standard_of[i] != "not-named"]
        joined = set()
        for same in sorted({standard_of[i] for i in joinable}):
            members = sorted((i for i in joinable if standard_of[i] == same), key=lambda i: xs[i])
            years = [year_of[i] for i in members]
            members = [i for i in members if years.count(year_of[i]) == 1]  # two rates of one year: not joined
            if len(members) < 2:
                continue
            joined.update(members)
            traces.append(dict(
                type="scatter", x=xs[members], y=value[members], mode="lines+markers",
                line={"color": style["colour"], "dash": style["dash"], "width": 3},
                marker={"size": 11, "color": style["colour"], "symbol": style["symbol"]},
                hovertext=[hover_of[i] for i in members], hovertemplate="%{hovertext}<extra></extra>", **common))
        alone = [i for i in shown if i not in joined]
        for i in (i for i in alone if loose[i]):  # over its span, from its earliest possible day to its last
            traces.append(dict(
                type="scatter", x=[pd.Timestamp(span_start[i]), pd.Timestamp(span_end[i])], y=[value[i], value[i]], mode="lines+markers",
                line={"color": style["colour"], "width": 3},
                marker={"symbol": "line-ns", "size": SPAN_PX, "line": {"width": 3, "color": style["colour"]}},
                hovertext=[hover_of[i]] * 2, hovertemplate="%{hovertext}<extra></extra>", **common))
        # Points on no line: bounds (open arrows), figures over a span, and the rest; bounds, spans
        # and "nearly" carry their value as published, the label over the marker.
        for group in ([i for i in alone if bound[i]], [i for i in alone if loose[i] and not bound[i]],
                      [i for i in alone if not loose[i] and not bound[i]]):
            if not group:
                continue
            text = [texts[i] if bound[i] or loose[i] or qualifier[i] not in ("=", None) else "" for i in group]
            traces.append(dict(
                type="scatter", x=xs[group], y=value[group], mode="markers+text" if any(text) else "markers",
                marker={"size": 18 if bound[group[0]] else 12, "color": style["colour"],
                        "symbol": [BOUND_SYMBOLS[qualifier[i]] for i in group] if bound[group[0]] else style["symbol"],
                        "line": {"width": 3 if bound[group[0]] else 1, "color": style["colour"]}},
                line={"color": style["colour"], "dash": style["dash"]},  # the series' own, as its legend shows
                # A span's label under it, clear of a bound's label over its arrow (Nà Tấu, Mường Phăng 2017).
                text=text, textposition="bottom center" if loose[group[0]] and not bound[group[0]] else "top center",
                textfont={"color": INK, "size": FONT_SIZE},
                hovertext=[hover_of[i] for i in group], hovertemplate="%{hovertext}<extra></extra>", **common))
    used = set(standard_of)
    # The axis holds every figure's own years too (a 2010 baseline drawn at its standard's start).
    days = np.concatenate([xs, span_start[loose], span_end, period_start])
    days = days[~np.isnat(days)]
    axis = _year_axis(pd.Timestamp(days.min()), pd.Timestamp(days.max()), t("year", lang))
    low, high = axis["range"]
    shapes, annotations, breaks = [], [], []
    in_use = sorted((w for name, w in windows.items() if name in used), key=lambda w: pd.Timestamp(w["starts_on"]))
    for index, w in enumerate(in_use):
        w = SimpleNamespace(**w)
        start, end = max(pd.Timestamp(w.starts_on), low), min(pd.Timestamp(w.ends_on) + pd.Timedelta(days=1), high)
        if start >= end:
            continue
        if pd.Timestamp(w.starts_on) > low:
            breaks.append(pd.Timestamp(w.starts_on))
        shapes.append({"type": "rect", "x0": start, "x1": end, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
                       "fillcolor": "#EEEEEE" if index % 2 == 0 else "#F8F8F8", "line": {"width": 0},
                       "layer": "below"})
        key = f"standard_short:{w.standard}"
        name = t(key, lang) if key in STRINGS else labels.get(w.standard, w.standard)
        if end - start < pd.Timedelta(days=3 * 365):  # a narrow band: its name on short lines, inside it
            name = "<br>".join(textwrap.wrap(name, 14, break_long_words=False))
        annotations.append({"x": start + (end - start) / 2, "xref": "x", "y": 1, "yref": "y domain",
                            "yanchor": "top", "showarrow": False, "text": name, "font": {"size": 13, "color": INK}})
    breaks = sorted(set(breaks))
    shapes += [{"type": "line", "x0": day, "x1": day, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
                "line": {"color": INK, "dash": "dash", "width": 2}} for day in breaks]
    if breaks:  # named once, in the legend
        legend_traces.append(dict(
            type="scatter", x=[None], y=[None], mode="lines", line={"color": INK, "dash": "dash", "width": 2},
            hoverinfo="skip", name=t("standard_changes", lang, years=", ".join(str(day.year) for day in breaks))))
    top = float(np.nanmax(value)) if len(value) else 1.0
    layout = _layout(
        lang, 520 + 28 * (min(len(names), LEGEND_MAX) // 3), shapes=shapes, annotations=annotations,
        xaxis=axis, yaxis={"range": [0, max(top * 1.22, 1)], "ticksuffix": "%", "title": {"text": t("rate_pct", lang)}},
    )
    if len(names) > LEGEND_MAX:
        layout["legend"]["title"] = {"text": t("legend_first", lang, shown=LEGEND_MAX, n=len(names))}
    return _figure(legend_traces + traces, layout)


def quota_label(row, lang: str) -> str:
    """'Thanh Trì · Chủ tịch UBND xã · 7/2023', and the register mark for a register figure."""
    return f"{row['area']} · {t('measure_' + row['measure'], lang)} · {row['period']}{origin_suffix(row, lang)}"


def attainment_chart(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Bullet bars: the attained share against its target mark, the counts behind it written on
    the bar, and what the bar is on the line above it."""
    rows = _Rows()
    records_ = records(frame, "area", "measure", "district", "attained_pct", "numerator", "denominator", "target_pct",
                       "published_pct")
    positions = []
    for record in records_:
        rows.label(quota_label(record, lang))
        positions.append(rows.bar())
        rows.gap(0.3)
    texts = [f"{format_number(r['attained_pct'], lang, 1)}% ({format_number(r['numerator'], lang)}/"
             f"{format_number(r['denominator'], lang)})" for r in records_]
    hovers = []
    for r, text in zip(records_, texts):
        extra = f"<br>{t('target', lang)}: {format_number(r['target_pct'], lang)}%"
        if not is_missing(r["published_pct"]):
            extra += f"<br>{t('published', lang)}: {format_number(r['published_pct'], lang)}%"
        hovers.append(hover_lines(r, lang, quota_label(r, lang), text) + extra)
    colours = [district_colour(d) for d in frame["district"]]
    inside = [v >= INSIDE_LABEL_FROM and m not in QUALIFIED_MEASURES  # no text over a dotted bar
              for v, m in zip(frame["attained_pct"], frame["measure"])]
    bars = dict(
        type="bar", y=positions, x=frame["attained_pct"].to_numpy(), orientation="h", name=t("attained", lang),
        width=rows.BAR,
        marker={"color": colours, "pattern": {"shape": [REGISTER_PATTERN if o == "register" else
                                                        QUALIFIED_PATTERN if m in QUALIFIED_MEASURES else ""
                                                        for o, m in zip(frame["origin"], frame["measure"])]}},
        text=texts, textposition=["inside" if i else "outside" for i in inside], insidetextanchor="end",
        textfont={"color": [ink_on(c) if i else INK for c, i in zip(colours, inside)], "size": FONT_SIZE},
        constraintext="none", cliponaxis=False, customdata=[quota_label(r, lang) for r in records_],
        hovertext=hovers, hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
    )
    targets = dict(
        type="scatter", y=positions, x=frame["target_pct"].to_numpy(), mode="markers", name=t("target", lang),
        marker={"symbol": "line-ns", "size": 22, "line": {"width": 4, "color": TARGET_COLOUR}},
        hovertext=[f"{t('target', lang)}: {format_number(v, lang)}%" for v in frame["target_pct"]],
        hovertemplate="%{hovertext}<extra></extra>",
    )
    top = max(100.0, float(frame["attained_pct"].max()))
    layout = _layout(lang, rows.height(), annotations=rows.annotations, yaxis=rows.y_axis(),
                     xaxis={"range": [0, top * 1.12], "tickvals": list(range(0, int(top) + 1, 20)),
                            "ticktext": [f"{v}%" for v in range(0, int(top) + 1, 20)],
                            "title": {"text": t("attained", lang)}, "fixedrange": True})
    return _figure([bars, targets], layout)


def progress_chart(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Attainment over time, a series per area, quota and measure (a line never joins two
    measures), with the target drawn and every series in the legend. Each figure is drawn over
    its period: a point in its middle (a yearly figure mid-year) and a bar across the period.
    A figure dated only by an event or "before" a date ("khi anh Cường về xã") has no middle:
    it is an open arrow at the latest date it can have, its period written beside it, and no
    line reaches it. A district keeps its colour; its series differ in marker and dash, and
    the legend names each one's measure."""
    frame = frame.reset_index(drop=True)
    frame = frame.assign(x=period_middle(frame).to_numpy())
    rows_of = records(frame, "area", "measure", "district")
    x, attained = frame["x"].to_numpy(), frame["attained_pct"].to_numpy()
    start, end = pd.to_datetime(frame["period_start"]), pd.to_datetime(frame["period_end"])
    dated = (start.notna() & end.notna()).to_numpy()
    starts, ends = start.tolist(), end.to_numpy()  # Timestamps for the spans' lists, which hold None too
    series = _by_area_and_origin(frame, ["area", "quota", "measure"])
    measures_of: dict[str, list] = {}  # each district's measures, in order: the second one is dashed
    traces, entries = [], 0
    for number, ((area, quota, measure, origin), at) in enumerate(series):
        first = rows_of[at[0]]
        name = f"{first['area']} · {t('measure_' + first['measure'], lang)}{origin_suffix(first, lang)}"
        measures = measures_of.setdefault(first["district"], [])
        if (quota, measure) not in measures:
            measures.append((quota, measure))
        register = is_register(first)
        colour = district_colour(first["district"])
        symbol = SERIES_SYMBOLS[number % len(SERIES_SYMBOLS)]
        dash = SERIES_DASHES[measures.index((quota, measure)) % len(SERIES_DASHES)]
        if register:
            symbol, dash = f"{symbol}-open", REGISTER_DASH["district"]
        texts = [f"{format_number(v, lang, 1)}%" for v in attained[at]]
        hovers = [hover_lines(rows_of[i], lang, name, v) for i, v in zip(at, texts)]
        exact, loose = dated[at], ~dated[at]
        common = {"type": "scatter", "name": name, "legendgroup": name, "hovertemplate": "%{hovertext}<extra></extra>"}
        entries += 1
        if exact.any():
            traces.append(dict(  # register series carry no value labels: they would sit on the published ones
                x=x[at[exact]], y=attained[at[exact]], showlegend=True,
                mode="lines+markers" if register else "lines+markers+text",
                text=[text for text, e in zip(texts, exact) if e], textposition="top center", textfont={"color": INK},
                line={"color": colour, "width": 3, "dash": dash},
                marker={"size": 12, "color": colour, "symbol": symbol},
                hovertext=[h for h, e in zip(hovers, exact) if e], **common))
            spans = [i for i in at[exact] if starts[i] < ends[i]]
            if spans:  # each figure's period: a thin bar from its first day to its last
                traces.append(dict(
                    x=[day for i in spans for day in (starts[i], pd.Timestamp(ends[i]), None)],
                    y=[value for i in spans for value in (attained[i], attained[i], None)],
                    mode="lines", line={"color": colour, "width": 2}, showlegend=False, hoverinfo="skip",
                    **{k: v for k, v in common.items() if k != "hovertemplate"}))
        if loose.any():
            traces.append(dict(
                x=ends[at[loose]], y=attained[at[loose]], showlegend=not exact.any(), mode="markers+text",
                marker={"size": 16, "color": colour, "symbol": "triangle-left-open", "line": {"width": 3, "color": colour}},
                text=[f"{texts[k]} · {rows_of[i]['period']}" for k, i in enumerate(at) if loose[k]],
                textposition="middle left", textfont={"color": INK},
                hovertext=[h for h, l in zip(hovers, loose) if l], **common))
    targets = frame["target_pct"].drop_duplicates()  # once each: series often share a target
    days = pd.concat([start, end, pd.to_datetime(frame["x"])]).dropna()
    layout = _layout(
        lang, 440 + 28 * (entries // 2),
        shapes=[{"type": "line", "x0": 0, "x1": 1, "xref": "x domain", "y0": target, "y1": target, "yref": "y",
                 "line": {"color": TARGET_COLOUR, "dash": "dash", "width": 2}} for target in targets],
        annotations=[{"x": 0, "xref": "x domain", "y": target, "yref": "y", "xanchor": "left", "yanchor": "bottom",
                      "showarrow": False, "text": f"{t('target', lang)} {format_number(target, lang)}%",
                      "font": {"color": INK}} for target in targets],
        xaxis=_year_axis(days.min(), days.max()),
        yaxis={"range": [0, 112], "ticksuffix": "%", "title": {"text": t("attained", lang)}},
    )
    return _figure(traces, layout)


class SharedFigure(go.Figure):
    """A built figure every session of the process draws. Streamlit asks a figure for
    `to_dict` on every draw, which deep-copies it and walks it to encode its arrays; a shared
    one makes that dict once. Nothing changes it once shared: presentation mode and exports
    draw copies (`for_projector`, `for_export`)."""

    def to_dict(self) -> dict:
        try:
            return self._shared_dict
        except AttributeError:
            self._shared_dict = super().to_dict()
            return self._shared_dict

    @classmethod
    def share(cls, fig: go.Figure) -> go.Figure:
        """`fig` itself, from now on a `SharedFigure` (no copy, no second validation)."""
        fig.__class__ = cls
        return fig


def for_projector(fig: go.Figure) -> go.Figure:
    """A copy of `fig` for presentation mode: every text at least PROJECTOR_MIN px (ticks,
    legend, labels, value labels), and the figure taller by the same ratio so lines of text
    keep their room."""
    big = go.Figure(fig)
    ratio = PROJECTOR_FONT / FONT_SIZE
    layout = big.layout
    layout.font.size = PROJECTOR_FONT
    layout.legend.font.size = PROJECTOR_FONT
    layout.hoverlabel.font.size = PROJECTOR_MIN
    for axis in (layout.xaxis, layout.yaxis):
        axis.tickfont.size = PROJECTOR_FONT
        axis.title.font.size = PROJECTOR_FONT
    for annotation in layout.annotations:
        annotation.font.size = max(PROJECTOR_MIN, round((annotation.font.size or FONT_SIZE) * ratio))
    for trace in big.data:
        if trace.type == "bar":  # Plotly would shrink a label to the bar's thickness
            trace.constraintext = "none"
        if "textfont" in trace and trace.textfont.size is not None:
            trace.textfont.size = max(PROJECTOR_MIN, round(trace.textfont.size * ratio))
        elif "textfont" in trace:
            trace.textfont.size = PROJECTOR_FONT
    if layout.height:
        layout.height = round(layout.height * ratio)
    if layout.margin.t:
        layout.margin.t = round(layout.margin.t * ratio)
    return big


def for_slides(fig: go.Figure, room_px: int = SLIDE_CHART_PX) -> list[go.Figure]:
    """`fig` for presentation mode as the figures of one or more slides, each `room_px` high at
    most, text as `for_projector` makes it (`split_rows`)."""
    return split_rows(fig, for_projector(fig), room_px, PROJECTOR_FONT / FONT_SIZE)


def for_print(fig: go.Figure) -> go.Figure:
    """A copy of `fig` for a printed page: no text under FONT_SIZE (a label's 15 px would print
    under 8 pt), and bar labels never shrunk to the bar's thickness."""
    out = go.Figure(fig)
    for annotation in out.layout.annotations:
        annotation.font.size = max(FONT_SIZE, annotation.font.size or FONT_SIZE)
    for trace in out.data:
        if trace.type == "bar":
            trace.constraintext = "none"
        if "textfont" in trace and trace.textfont.size is not None:
            trace.textfont.size = max(FONT_SIZE, trace.textfont.size)
    return out


def split_rows(fig: go.Figure, big: go.Figure, room_px: float, ratio: float = 1.0) -> list[go.Figure]:
    """`big` (a copy of `fig` with text `ratio` times larger) as one or more figures, each
    `room_px` high at most. A line chart is drawn in that room. A bar chart's lines (`_Rows`: a
    y axis of line numbers, reversed) are split into parts that fit, each cut made before a
    heading or a label that follows a bar (between bars only when one label's bars fill a
    part), the parts as even as the cuts allow: every bar whole, with its label."""
    y_range = fig.layout.yaxis.range
    if fig.layout.yaxis.visible is not False or not y_range or y_range[0] <= y_range[1]:
        big.layout.height = min(big.layout.height or room_px, room_px)
        return [big]
    lines = float(y_range[0])
    fixed = (fig.layout.height or 0) - lines * SLOT_PX  # legend, axis, margins
    room = max((room_px / ratio - fixed) / SLOT_PX, 2.0)  # lines a part holds
    if lines <= room:
        return [big]
    windows = _windows(big, lines, room)
    even = lines / len(windows)  # the same number of parts, as even as the cuts allow
    for share in np.linspace(even, room, 8):
        if len(balanced := _windows(big, lines, share)) == len(windows):
            windows = balanced
            break
    return [_rows_window(big, start, end, ratio, fixed) for start, end in windows]


def _windows(fig: go.Figure, lines: float, room: float) -> list[tuple[float, float]]:
    """Where to cut a `_Rows` chart of `lines` lines into parts of at most `room` lines: before a
    label that follows a bar, else between bars."""
    items = [(a.y - _Rows.LABEL_LINE / 2, "heading" if str(a.text).startswith("<b>") else "label")
             for a in fig.layout.annotations if a.yref == "y"]
    items += [(float(y) - 0.5, "bar") for trace in fig.data for y in (trace.y if trace.y is not None else ())
              if y is not None]
    items.sort()
    after_bar = [(top, kind) for (top, kind), (_, before) in zip(items[1:], items) if kind != "bar" and before == "bar"]
    cuts = ([top for top, kind in after_bar if kind == "heading"], [top for top, _ in after_bar],
            [top for top, kind in items if kind == "bar"])  # best first: a heading, a label, a bar
    windows, start = [], 0.0
    while lines - start > room:
        limit = start + room
        end = next((max(fit) for fit in ([c for c in best if start + room / 2 < c <= limit] for best in cuts) if fit),
                   None) or max([c for best in cuts for c in best if start < c <= limit], default=limit)
        windows.append((start, end))
        start = end
    windows.append((start, lines))
    return windows


def _rows_window(big: go.Figure, start: float, end: float, ratio: float, fixed: float) -> go.Figure:
    """The lines `start`…`end` of a `_Rows` chart as a figure of their own: its labels, and each
    trace's points (with every per-point setting) on those lines."""
    part = go.Figure(big)
    part.layout.yaxis.range = [end, start]
    part.layout.annotations = [a for a in big.layout.annotations if a.yref != "y" or start <= a.y < end]
    traces = []
    for trace in big.data:
        spec = trace.to_plotly_json()
        ys = list(spec.get("y") if spec.get("y") is not None else [])
        keep = [i for i, y in enumerate(ys) if y is not None and start <= float(y) < end]
        if keep:  # a series with nothing on these lines leaves the legend too
            traces.append(_points(spec, len(ys), keep))
    part.data = []
    part.add_traces(traces)
    # Plotly shows a legend of two series or more; a part keeps the whole chart's legend, even of one.
    shown = big.layout.showlegend
    part.layout.showlegend = len(big.data) > 1 if shown is None else shown
    part.layout.height = round(((end - start) * SLOT_PX + fixed) * ratio)
    return part


def _points(spec, n: int, keep: list[int]):
    """`spec` (a trace's settings) with every list of `n` per-point values narrowed to `keep`."""
    if isinstance(spec, dict):
        return {key: _points(value, n, keep) for key, value in spec.items()}
    if isinstance(spec, (list, tuple, np.ndarray)) and len(spec) == n and n:
        return [spec[i] for i in keep]
    return spec


EXPORT_WIDTH = 1400  # pixels of a saved image: sharp in a document, readable on a slide


def for_export(fig: go.Figure, title: str, context_lines: list[str]) -> go.Figure:
    """A copy of `fig` that carries its context into a saved image: the title on top, and
    below the chart the filters, the sources and the date, one line each (long lines wrap)."""
    out = go.Figure(fig)
    lines = [line for text in context_lines for line in (textwrap.wrap(text, 150) or [""])]
    context_px = 16 + 22 * len(lines)
    axis_px = 80  # tick labels and the axis title, under the plot
    top = (fig.layout.margin.t or 10) + 50
    out.update_layout(
        title={"text": f"<b>{title}</b>", "x": 0, "xanchor": "left", "xref": "container", "y": 1,
               "yref": "container", "yanchor": "top", "pad": {"t": 14, "l": 12},
               "font": {"size": 22, "color": INK}},
        margin={"t": top, "b": axis_px + context_px},
        height=(fig.layout.height or 480) + 50 + axis_px + context_px, width=EXPORT_WIDTH,
    )
    for index, line in enumerate(lines):  # from the plot's bottom edge down, below the axis
        out.add_annotation(x=0, xref="paper", xanchor="left", y=0, yref="paper", yanchor="top",
                           yshift=-(axis_px + 22 * index), showarrow=False, align="left",
                           text=line, font={"size": 14, "color": INK})
    return out


def overview_chart(frame: pd.DataFrame, lang: str) -> go.Figure:
    """The districts' latest figures side by side: a section per measure, a bar per district,
    each written "district · value as published · period", so 54 rotations over 2020 – spring
    2025 are never read against 18 over 2010-2015 without both periods in sight. Bars compare
    districts within a measure only (each measure has its own scale). A count out of a total
    (4/19 communes) is drawn as its share; a bound is hatched; a figure older than the selected
    terms is pale; a register figure is cross-hatched; a district with no figure keeps its line,
    saying so. `frame` is `district_overview` in the reader's language (`period`)."""
    label = "metric_en" if lang == "en" else "metric_vi"
    read = ("metric_order", "metric", label, "district", "value", "qualifier", "unit", "numerator", "denominator",
            "older_than_terms", "latest_term", *CITED)  # the columns read: each step then costs less
    frame = frame[[c for c in dict.fromkeys(read) if c in frame.columns]]
    frame = frame.sort_values(["metric_order"], kind="stable").reset_index(drop=True)
    share = frame["unit"].ne("percent") & frame["denominator"].notna()
    # A count with no total (7 communes, of how many not said) has no share to set beside the others.
    size = (100 * frame["numerator"] / frame["denominator"]).where(
        share, frame["value"].where(frame["unit"].eq("percent") | frame["denominator"].notna(), 0)).astype(float)
    # A section per measure in the order of first appearance, over the rows as dicts (a few
    # per district: each pandas step would cost more than the row itself).
    sections: dict[str, list[tuple[dict, float]]] = {}
    for r, one in zip(records(frame, "metric", "district", "value", "qualifier", "unit", "denominator",
                              "older_than_terms", "latest_term", label), size.tolist()):
        sections.setdefault(r["metric"], []).append((r, one))
    rows = _Rows()
    positions, lengths, texts, hovers, rows_of = [], [], [], [], []
    for members in sections.values():
        if all(is_missing(r["value"]) for r, _ in members):
            continue
        rows.label(members[0][0][label], bold=True)
        sizes = [one for _, one in members if not np.isnan(one)]
        scale = (max(sizes) if sizes else np.nan) or 1
        for r, one in members:
            rows_of.append(r)
            positions.append(rows.bar())
            if is_missing(r["value"]):
                lengths.append(0)
                texts.append(f"{r['district']} · {t('no_figure', lang)}")
                hovers.append(texts[-1])
                continue
            value = format_figure(r["value"], r["qualifier"], r["unit"], lang, out_of=r["denominator"])
            lengths.append(OVERVIEW_BAR_MAX * one / scale)
            texts.append(f"{r['district']} · {value} · {r['period']}")
            hover = hover_lines(r, lang, f"{r['district']} · {r[label]}", value)
            if r["older_than_terms"]:
                hover += f"<br>{t('older_than_terms', lang, term=r['latest_term'])}"
            hovers.append(hover)
        rows.gap(0.4)
    bars = dict(
        type="bar", y=positions, x=lengths, orientation="h", width=rows.BAR, showlegend=False,
        marker={"color": [district_colour(r["district"]) for r in rows_of],
                "opacity": [0.45 if r["older_than_terms"] else 1.0 for r in rows_of],
                "pattern": {"shape": [REGISTER_PATTERN if is_register(r) else "/" if is_bound(r["qualifier"]) else ""
                                      for r in rows_of]}},
        text=texts, textposition="outside", cliponaxis=False, textfont={"color": INK, "size": LABEL_SIZE},
        hovertext=hovers, hovertemplate="%{hovertext}<extra></extra>",
    )
    layout = _layout(lang, rows.height(0), annotations=rows.annotations, yaxis=rows.y_axis(),
                     xaxis={"range": [0, 100], "visible": False, "fixedrange": True})
    return _figure([bars], layout)
