"""Chart builders: pure functions from a query's DataFrame to a Plotly figure.

They never touch Streamlit, so tests can check what is drawn. Rules they keep: a published
bound ('>' / '<') is an open arrow with its label ("> 68%"), never a filled point on a line;
every mark's hover shows its value with qualifier, its period and its source; each district
keeps its colour everywhere, and a register series (hatched bars, dashed lines, hollow markers,
named '· sổ đăng ký', '(mẫu)' when generated) is never drawn like the published one.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .citations import hover_lines, origin_suffix
from .colours import CONTEXT_COLOUR, TARGET_COLOUR, context_symbol, district_colour
from .formatting import format_figure, format_number, is_bound, is_missing
from queries.i18n import t

FONT_SIZE = 16
BOUND_SYMBOLS = {">": "triangle-up-open", ">=": "triangle-up-open",
                 "<": "triangle-down-open", "<=": "triangle-down-open"}
KIND_ORDER = ("total", "cross_sector", "district_to_commune", "commune_to_district", "commune_to_commune")
LEVEL_DASH = {"district": "solid", "commune": "dash", "province": "dot", "country": "dot"}
LEVEL_SYMBOL = {"district": "circle", "commune": "diamond"}
REGISTER_PATTERN = "x"  # register bars; "/" stays the mark of a published bound
REGISTER_DASH = {"district": "longdash", "commune": "dashdot"}
ROTATION_ROW_HEIGHT = 260  # three terms fit a 1000-pixel-high screen
LEGEND_MAX = 12  # legend entries of a line chart; more would crowd out the chart


def _layout(fig: go.Figure, lang: str, y_title: str | None = None, height: int = 480) -> go.Figure:
    """Shared look: large type for projectors, number separators of the language, legend on top."""
    fig.update_layout(
        separators=",." if lang != "en" else ".,",
        font={"size": FONT_SIZE},
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hoverlabel={"font_size": 14, "align": "left"},
        plot_bgcolor="white",
    )
    fig.update_xaxes(showgrid=False, automargin=True)
    fig.update_yaxes(gridcolor="#DDDDDD", zeroline=True, zerolinecolor="#999999", automargin=True,
                     title_text=y_title)
    return fig


def area_label(row, lang: str) -> str:
    """'Lùng Phình (xã, Bắc Hà)' / 'Lào Cai (tỉnh)': the area with its level, for legends."""
    level = t(f"level_{row['area_level']}", lang).lower()
    district = row.get("district")
    if row["area_level"] == "commune" and isinstance(district, str):
        return f"{row['area']} ({level}, {district})"
    return f"{row['area']} ({level})"


def kind_label(kind, lang: str) -> str:
    return t(f"kind_{kind}", lang) if isinstance(kind, str) else t("kind_unknown", lang)


def _wrap(text: str, width: int = 14) -> str:
    """Break a long axis label over lines so it is read level, not rotated."""
    return "<br>".join(textwrap.wrap(text, width)) or text


def is_register(row) -> bool:
    """A figure computed from a user's register, drawn apart from the published ones."""
    return row.get("origin") == "register"


def _by_area_and_origin(frame: pd.DataFrame, columns: list[str]):
    """Groups of one series each, every published series followed by its register one."""
    first_seen = {area: i for i, area in enumerate(dict.fromkeys(frame["area"]))}
    groups = frame.groupby([*columns, "origin"], sort=False)
    return sorted(groups, key=lambda g: (first_seen[g[1]["area"].iloc[0]], g[0][-1] != "published"))


def rotations_chart(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Grouped bars by kind, one row per term so the kind labels stay level and readable; one
    colour per district, its register bars (hatched) beside its published ones, not on them."""
    frame = frame.assign(kind_rank=frame["kind"].map({k: i for i, k in enumerate(KIND_ORDER)}),
                         facet=frame["term"].fillna(frame["period"]))
    frame = frame.sort_values(["term", "kind_rank"], na_position="last")
    facets = list(dict.fromkeys(frame["facet"]))
    kinds = list(dict.fromkeys(_wrap(kind_label(k, lang)) for k in frame.sort_values("kind_rank")["kind"]))
    fig = make_subplots(rows=len(facets), cols=1, subplot_titles=facets, vertical_spacing=0.3 / len(facets))
    series = _by_area_and_origin(frame, ["area"])
    crowded = len(series) > 4  # more bars per kind than level value labels have room for
    width = 0.8 / len(series)  # each series keeps its own slot in every row, present there or not
    for slot, (_, rows) in enumerate(series):
        first = rows.iloc[0]
        name = area_label(first, lang) + origin_suffix(first, lang)
        for index, facet in enumerate(facets):
            shown = rows[rows["facet"] == facet]
            if shown.empty:
                continue
            values = [format_figure(v, q, None, lang) for v, q in zip(shown["value"], shown["qualifier"])]
            fig.add_bar(
                name=name, legendgroup=name, showlegend=not any(tr.name == name for tr in fig.data),
                offsetgroup=f"{first['area']} · {first['origin']}", offset=-0.4 + slot * width, width=width,
                x=[_wrap(kind_label(k, lang)) for k in shown["kind"]],
                y=shown["value"],
                marker={"color": district_colour(first["district"]),
                        "line": {"color": district_colour(first["district"]), "width": 1.5},
                        "pattern": {"shape": [REGISTER_PATTERN if is_register(first) else "/" if is_bound(q)
                                              else "" for q in shown["qualifier"]]}},
                text=values,
                textposition="outside",
                textangle=-90 if crowded else 0,
                textfont_size=13 if crowded else FONT_SIZE,
                cliponaxis=False,
                hovertext=[hover_lines(r, lang, f"{name} · {kind_label(r['kind'], lang)}", v)
                           for r, v in zip(shown.to_dict("records"), values)],
                hovertemplate="%{hovertext}<extra></extra>",
                row=index + 1, col=1,
            )
    fig.update_layout(barmode="group", uniformtext={"minsize": 11, "mode": "show"})
    fig.update_xaxes(categoryorder="array", categoryarray=kinds, tickangle=0)
    fig.update_yaxes(matches="y", range=[0, frame["value"].max() * (1.3 if crowded else 1.15)])
    fig = _layout(fig, lang, y_title=t("latest_rotations", lang), height=160 + ROTATION_ROW_HEIGHT * len(facets))
    # The legend (two lines in "both" mode) sits at the top of the figure, above the first term's title.
    fig.update_layout(legend={"yref": "container", "y": 1, "yanchor": "top"}, margin={"t": 110})
    return fig


def cases_timeline(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Each named move as its date window (from … to …), never a single invented date.

    A move known only as "before a date" is an open arrow pointing left at that date.
    """
    fig = go.Figure()
    for district, rows in frame.groupby("district", sort=False):
        colour = district_colour(district)
        shown_in_legend = False
        for row in rows.to_dict("records"):
            label = f"{row['person']} → {row['to_post']} {row['to_unit']}"
            heading = f"{row['person']}: {row['from_post'] or '?'} → {row['to_post']} {row['to_unit']}"
            hover = hover_lines({**row, "period": row["date_text"]}, lang, heading, row["date_text"])
            ends = pd.to_datetime(pd.Series([row["moved_from"], row["moved_by"]]))
            if is_missing(row["moved_from"]):
                fig.add_scatter(
                    x=[ends[1]], y=[label], mode="markers+text", name=district, legendgroup=district,
                    showlegend=not shown_in_legend,
                    marker={"symbol": "triangle-left-open", "size": 18, "color": colour, "line": {"width": 3}},
                    text=[f"{t('before', lang)} {ends[1] + pd.Timedelta(days=1):%d/%m/%Y}"],
                    textposition="middle left",
                    hovertext=[hover], hovertemplate="%{hovertext}<extra></extra>",
                )
            else:
                fig.add_scatter(
                    x=list(ends), y=[label, label], mode="lines+markers", name=district, legendgroup=district,
                    showlegend=not shown_in_legend,
                    line={"color": colour, "width": 12}, marker={"size": 12, "color": colour, "symbol": "line-ns"},
                    hovertext=[hover, hover], hovertemplate="%{hovertext}<extra></extra>",
                )
            shown_in_legend = True
    fig.update_yaxes(autorange="reversed", title_text=None)
    fig.update_xaxes(type="date", tickformat="%Y")
    return _layout(fig, lang, height=max(320, 70 * len(frame) + 120))


def standard_changes(frame: pd.DataFrame) -> list[tuple[pd.Timestamp, str]]:
    """Where the poverty standard changes within the shown data: the first day of each later
    standard ('2016-2021' starts on 1/1/2016), labelled with the standard."""
    standards = sorted({s for s in frame.get("poverty_standard", pd.Series(dtype=str)).dropna()})
    return [(pd.Timestamp(int(s[:4]), 1, 1), s) for s in standards[1:]]


def period_middle(frame: pd.DataFrame) -> pd.Series:
    """Where to place a figure in time: the middle of its period (a yearly rate sits mid-year,
    clear of the standard-change lines); the end date when only that is known."""
    start, end = pd.to_datetime(frame["period_start"]), pd.to_datetime(frame["period_end"])
    return (start + (end - start) / 2).fillna(end)


def poverty_chart(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Rates over time per area: exact figures joined by lines, bounds as labelled open arrows,
    and a vertical line at each change of poverty standard. With many series only the first
    LEGEND_MAX are in the legend (the legend title says so): a legend of a hundred districts
    would push the chart off the screen, and each line's hover names it anyway."""
    fig = go.Figure()
    frame = frame.reset_index(drop=True).assign(x=period_middle(frame).to_numpy())
    records = frame.to_dict("records")
    all_texts = [format_figure(v, q, "percent", lang) for v, q in zip(frame["value"], frame["qualifier"])]
    several_metrics = frame["metric"].nunique() > 1
    in_legend: list[str] = []
    names: set[str] = set()
    for _, rows in _by_area_and_origin(frame, ["area_level", "area", "metric"]):
        first = records[rows.index[0]]
        in_district = first["area_level"] in ("district", "commune")
        colour = district_colour(first["district"]) if in_district else CONTEXT_COLOUR
        symbol = LEVEL_SYMBOL[first["area_level"]] if in_district else context_symbol(first["area"])
        dash = LEVEL_DASH.get(first["area_level"], "solid")
        if is_register(first):
            symbol, dash = f"{symbol}-open", REGISTER_DASH.get(first["area_level"], "longdash")
        name = area_label(first, lang)
        if several_metrics:
            name = f"{name} · {first['metric_en' if lang == 'en' else 'metric_vi']}"
        name += origin_suffix(first, lang)
        names.add(name)
        if len(in_legend) < LEGEND_MAX and name not in in_legend:
            in_legend.append(name)
        legend = name in in_legend
        texts = [all_texts[i] for i in rows.index]
        hovers = [hover_lines(records[i], lang, name, v) for i, v in zip(rows.index, texts)]
        bound = rows["qualifier"].map(is_bound).to_numpy()
        exact = ~bound
        # Lines join exact figures measured under the same standard only: no trend across a change.
        standard = rows["poverty_standard"].fillna("").to_numpy()
        for index, same_standard in enumerate(sorted(set(standard[exact]))):
            keep = exact & (standard == same_standard)
            fig.add_scatter(
                x=rows["x"][keep], y=rows["value"][keep], name=name, legendgroup=name,
                showlegend=legend and index == 0, mode="lines+markers",
                line={"color": colour, "dash": dash, "width": 3},
                marker={"size": 11, "color": colour, "symbol": symbol},
                hovertext=[h for h, k in zip(hovers, keep) if k], hovertemplate="%{hovertext}<extra></extra>",
            )
        if bound.any():
            fig.add_scatter(
                x=rows["x"][bound], y=rows["value"][bound], name=name, legendgroup=name,
                showlegend=legend and not exact.any(), mode="markers+text",
                marker={"size": 20, "color": colour, "line": {"width": 3, "color": colour},
                        "symbol": [BOUND_SYMBOLS[q] for q in rows["qualifier"][bound]]},
                text=[x for x, b in zip(texts, bound) if b], textposition="middle right",
                textfont={"color": colour, "size": FONT_SIZE},
                hovertext=[h for h, b in zip(hovers, bound) if b], hovertemplate="%{hovertext}<extra></extra>",
            )
    changes = standard_changes(frame)
    fig.update_layout(
        shapes=[{"type": "line", "x0": starts, "x1": starts, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
                 "line": {"color": "#444444", "dash": "dash", "width": 2}} for starts, _ in changes],
        annotations=[{"x": starts, "y": 1, "yref": "paper", "yanchor": "bottom", "xanchor": "left",
                      "showarrow": False, "text": t("standard_change", lang, standard=standard),
                      "font": {"size": 13, "color": "#444444"}, "bgcolor": "rgba(255,255,255,0.8)"}
                     for starts, standard in changes],
    )
    fig.update_xaxes(type="date", title_text=t("year", lang), tickformat="%Y", dtick="M12")
    fig.update_yaxes(rangemode="tozero", ticksuffix="%")
    fig = _layout(fig, lang, y_title=t("rate_pct", lang), height=540)
    fig.update_layout(legend={"y": -0.3, "yanchor": "top"}, margin={"t": 60})  # clear of the year title
    if len(names) > LEGEND_MAX:
        fig.update_layout(legend_title_text=t("legend_first", lang, shown=LEGEND_MAX, n=len(names)))
    return fig


def _quota_label(row, lang: str) -> str:
    return f"{row['area']} · {t('measure_' + row['measure'], lang)} · {row['period']}{origin_suffix(row, lang)}"


def attainment_chart(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Bullet bars: attained share against the target line, with the counts behind it."""
    fig = go.Figure()
    records = frame.to_dict("records")
    labels = [_quota_label(r, lang) for r in records]
    texts = [f"{format_number(r['attained_pct'], lang, 1)}% ({format_number(r['numerator'], lang)}/"
             f"{format_number(r['denominator'], lang)})" for r in records]
    hovers = []
    for r, label, text in zip(records, labels, texts):
        extra = f"<br>{t('target', lang)}: {format_number(r['target_pct'], lang)}%"
        if not is_missing(r["published_pct"]):
            extra += f"<br>{t('published', lang)}: {format_number(r['published_pct'], lang)}%"
        hovers.append(hover_lines(r, lang, label, text) + extra)
    fig.add_bar(
        y=labels, x=frame["attained_pct"], orientation="h", name=t("attained", lang),
        marker_color=[district_colour(d) for d in frame["district"]],
        marker_pattern_shape=[REGISTER_PATTERN if o == "register" else "" for o in frame["origin"]],
        text=texts, textposition="outside",
        cliponaxis=False, hovertext=hovers, hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
    )
    fig.add_scatter(
        y=labels, x=frame["target_pct"], mode="markers", name=t("target", lang),
        marker={"symbol": "line-ns", "size": 34, "line": {"width": 4, "color": TARGET_COLOUR}},
        hovertext=[f"{t('target', lang)}: {format_number(v, lang)}%" for v in frame["target_pct"]],
        hovertemplate="%{hovertext}<extra></extra>",
    )
    fig.update_xaxes(range=[0, 125], ticksuffix="%", title_text=t("attained", lang))
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, lang, height=max(320, 56 * len(frame) + 140))


def progress_chart(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Attainment over time for series published at several dates, with the target drawn."""
    fig = go.Figure()
    frame = frame.assign(x=pd.to_datetime(frame["period_end"]))
    for _, rows in _by_area_and_origin(frame, ["area", "quota", "measure"]):
        first = rows.iloc[0]
        name = f"{first['area']} · {t('measure_' + first['measure'], lang)}{origin_suffix(first, lang)}"
        texts = [f"{format_number(v, lang, 1)}%" for v in rows["attained_pct"]]
        register = is_register(first)
        fig.add_scatter(  # register series carry no value labels: they would sit on the published ones
            x=rows["x"], y=rows["attained_pct"], name=name, mode="lines+markers" if register else "lines+markers+text",
            text=texts, textposition="top center",
            line={"color": district_colour(first["district"]), "width": 3,
                  "dash": REGISTER_DASH["district"] if register else "solid"},
            marker={"size": 12, "symbol": "circle-open" if register else "circle"},
            hovertext=[hover_lines(r, lang, name, v) for r, v in zip(rows.to_dict("records"), texts)],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    targets = frame["target_pct"].drop_duplicates()  # once each: series often share a target
    fig.update_layout(
        shapes=[{"type": "line", "x0": 0, "x1": 1, "xref": "x domain", "y0": target, "y1": target, "yref": "y",
                 "line": {"color": TARGET_COLOUR, "dash": "dash", "width": 2}} for target in targets],
        annotations=[{"x": 0, "xref": "x domain", "y": target, "yref": "y", "xanchor": "left", "yanchor": "bottom",
                      "showarrow": False, "text": f"{t('target', lang)} {format_number(target, lang)}%"}
                     for target in targets],
    )
    fig.update_yaxes(range=[0, 110], ticksuffix="%")
    fig.update_xaxes(type="date", tickformat="%m/%Y")
    return _layout(fig, lang, y_title=t("attained", lang), height=420)


def overview_chart(frame: pd.DataFrame, lang: str) -> go.Figure:
    """The districts' latest figures side by side: one small panel per measure, one bar per
    district, each bar labelled with its value as published and the period it covers, so 54
    rotations over 2020 – spring 2025 are never read against 18 over 2010-2015 without both
    periods in sight. A count out of a total (4/19 communes) is drawn as its share; a bound is
    hatched; a figure older than the selected terms is pale; a register figure is cross-hatched;
    a district with no figure keeps its row, saying so. `frame` is `district_overview` in the
    reader's language (`period`)."""
    metrics = list(dict.fromkeys(frame.dropna(subset=["value"]).sort_values("metric_order")["metric"]))
    districts = list(dict.fromkeys(frame["district"]))
    columns = min(len(metrics), 2) or 1
    rows = -(-len(metrics) // columns) or 1
    label = "metric_en" if lang == "en" else "metric_vi"
    titles = [frame.loc[frame["metric"] == m, label].iloc[0] for m in metrics]
    fig = make_subplots(rows=rows, cols=columns, subplot_titles=titles, horizontal_spacing=0.2,
                        vertical_spacing=0.3 / rows)
    for index, metric in enumerate(metrics):
        shown = frame[frame["metric"] == metric]
        records = shown.to_dict("records")
        share = shown["unit"].ne("percent") & shown["denominator"].notna()
        x = (100 * shown["numerator"] / shown["denominator"]).where(share, shown["value"]).astype(float)
        values = [format_figure(r["value"], r["qualifier"], r["unit"], lang, out_of=r["denominator"]) for r in records]
        texts = [t("no_figure", lang) if is_missing(r["value"]) else f"{v} · {r['period']}"
                 for v, r in zip(values, records)]
        hovers = [texts[i] if is_missing(r["value"]) else
                  hover_lines(r, lang, f"{r['district']} · {r[label]}", values[i])
                  + (f"<br>{t('older_than_terms', lang, term=r['latest_term'])}" if r["older_than_terms"] else "")
                  for i, r in enumerate(records)]
        fig.add_bar(
            y=shown["district"], x=x.fillna(0), orientation="h", showlegend=False, name=titles[index],
            marker={"color": [district_colour(d) for d in shown["district"]],
                    "opacity": [0.45 if r["older_than_terms"] else 1.0 for r in records],
                    "pattern": {"shape": [REGISTER_PATTERN if is_register(r) else "/" if is_bound(r["qualifier"]) else ""
                                          for r in records]}},
            text=texts, textposition="outside", cliponaxis=False, textfont_size=14,
            hovertext=hovers, hovertemplate="%{hovertext}<extra></extra>",
            row=index // columns + 1, col=index % columns + 1,
        )
        fig.update_xaxes(range=[0, max(x.max(), 1) * 2.3], showticklabels=False, showgrid=False, zeroline=False,
                         row=index // columns + 1, col=index % columns + 1)
    fig.update_yaxes(categoryorder="array", categoryarray=districts[::-1], title_text=None)
    fig = _layout(fig, lang, height=60 + rows * (40 * len(districts) + 80))
    fig.update_yaxes(showgrid=False)
    fig.update_layout(margin={"t": 40, "l": 10, "r": 10, "b": 10}, bargap=0.25)
    return fig
