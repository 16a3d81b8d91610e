"""Chart builders on the real query results: bounds open, standards marked, ranges not points."""

from __future__ import annotations

import pytest

import pandas as pd

from ui.charts import (LEGEND_MAX, PROJECTOR_MIN, _figure, attainment_chart, cases_timeline, for_export, for_projector,
                       legend_series, overview_chart, plotly_config, poverty_chart, progress_chart, rotations_chart)
from ui.colours import DISTRICT_COLOURS, contrast, ink_on
from queries.i18n import t
from ui.formatting import in_language


def run(db, name: str, lang: str = "vi", **filters) -> pd.DataFrame:
    """A query's result as pages get it: each text also under its plain name in `lang`."""
    return in_language(db.run(name, **filters), lang)


@pytest.fixture(scope="module")
def poverty(db):
    return run(db, "poverty_series")


@pytest.fixture(scope="module")
def standards(db):
    return run(db, "poverty_standards")


def is_trend_line(trace) -> bool:
    """A line through several figures (not a legend entry, nor one figure drawn over its span)."""
    return trace.mode == "lines+markers" and trace.marker.symbol != "line-ns" and trace.x[0] is not None


def label_texts(fig) -> list[str]:
    """The labels written above the bars (annotations), in order."""
    return [a.text for a in fig.layout.annotations]


def test_bounds_are_open_labelled_markers_never_on_a_line(poverty, standards):
    fig = poverty_chart(poverty, "vi", standards)
    bound_traces = [tr for tr in fig.data if tr.mode == "markers+text" and any(str(x)[:1] in ("<", ">") for x in tr.text)]
    labels = [text for tr in bound_traces for text in tr.text]
    assert {"> 68%", "< 2%", "> 90%"} <= set(labels)
    for trace in bound_traces:
        assert all(symbol.endswith("-open") for symbol in trace.marker.symbol)
    line_values = {v for tr in fig.data if is_trend_line(tr) for v in tr.y}
    assert 68.0 not in line_values and 2.0 not in line_values


def test_lower_bound_points_up_and_upper_bound_points_down(poverty, standards):
    fig = poverty_chart(poverty, "en", standards)
    symbols = {text: symbol for tr in fig.data if tr.mode == "markers+text"
               for text, symbol in zip(tr.text, tr.marker.symbol)}
    assert symbols["> 68%"] == "triangle-up-open"
    assert symbols["< 2%"] == "triangle-down-open"


def test_every_standard_change_within_the_years_shown_is_marked(poverty, standards):
    fig = poverty_chart(poverty, "vi", standards)
    assert [shape.x0.year for shape in fig.layout.shapes if shape.type == "line"] == [2011, 2016, 2022]
    assert "Đổi chuẩn nghèo (2011, 2016, 2022)" in {tr.name for tr in fig.data}  # the dashed lines, in the legend
    only_recent = poverty[pd.to_datetime(poverty["period_end"]).dt.year >= 2023]
    assert not [shape for shape in poverty_chart(only_recent, "vi", standards).layout.shapes if shape.type == "line"]


def test_each_point_names_its_standard_and_each_year_with_a_point_is_labelled(poverty, standards):
    fig = poverty_chart(poverty, "en", standards)
    hovers = " ".join(h for tr in fig.data for h in (tr.hovertext or ()))
    assert "Poverty standard: Multidimensional standard 2016-2020 (kept through 2021)" in hovers
    axis = fig.layout.xaxis
    assert (axis.dtick, axis.tickformat, axis.ticklabelmode) == ("M12", "%Y", "period")
    near = poverty[poverty["metric"] != "poverty_rate"]
    years = sorted(pd.to_datetime(near["period_end"]).dt.year.unique())
    assert len(years) >= 2
    first, last = poverty_chart(near, "en", standards).layout.xaxis.range
    assert pd.Timestamp(first).year == years[0] and pd.Timestamp(last).year == years[-1] + 1


def test_bound_labels_sit_over_their_markers_clear_of_the_standard_lines(poverty, standards):
    fig = poverty_chart(poverty, "vi", standards)
    bounds = [tr for tr in fig.data if tr.mode == "markers+text" and any(str(x)[:1] in ("<", ">") for x in tr.text)]
    assert bounds and all(tr.textposition == "top center" for tr in bounds)
    lines = {shape.x0 for shape in fig.layout.shapes if shape.type == "line"}
    # at least two months from any 1 January, where standards change
    assert all(pd.Timestamp(x) not in lines and 3 <= pd.Timestamp(x).month <= 10 for tr in bounds for x in tr.x)


def test_lines_never_join_figures_across_a_standard_change(poverty, standards):
    fig = poverty_chart(poverty[poverty["metric"] == "poverty_rate"], "vi", standards)
    lao_cai = [tr for tr in fig.data if tr.name.startswith("Lào Cai") and is_trend_line(tr)]
    assert len(lao_cai) == 2  # 2016-2020 under one standard, 2024 under the next


def test_hover_shows_value_period_and_source(poverty, standards):
    fig = poverty_chart(poverty, "vi", standards)
    hover = " ".join(h for tr in fig.data for h in (tr.hovertext or ()))
    assert "65,87%" in hover and "Báo Lào Cai (e-magazine), 2025" in hover and "Thời gian: 2024" in hover


def test_many_districts_keep_one_line_each_but_a_short_legend(poverty, standards):
    rates = poverty[(poverty["area_level"] == "district") & (poverty["metric"] == "poverty_rate")]
    many = pd.concat([rates.assign(area=rates["area"] + f" {n}") for n in range(10)])
    names = {f"{area} (district)" for area in many["area"]}
    assert len(names) > LEGEND_MAX
    fig = poverty_chart(many, "en", standards)
    lines = [tr for tr in fig.data if tr.line.dash != "dash" or tr.x[0] is not None]  # not the standard lines' entry
    assert {tr.name for tr in lines} == names
    assert len({tr.name for tr in lines if tr.showlegend is not False}) == LEGEND_MAX
    assert fig.layout.legend.title.text == f"Legend: first {LEGEND_MAX} of {len(names)} lines; hover a line for its name."
    assert poverty_chart(rates, "en", standards).layout.legend.title.text is None


def test_vietnamese_and_english_separators(poverty, standards):
    assert poverty_chart(poverty, "vi", standards).layout.separators == ",."
    assert poverty_chart(poverty, "en", standards).layout.separators == ".,"


def test_rotation_bars_use_each_districts_colour_and_sit_under_their_labels(db):
    fig = rotations_chart(run(db, "rotations_by_term_kind", districts=list(db.focus_districts)), "vi")
    for trace in fig.data:
        district = trace.name.split(" (")[0]
        assert trace.marker.color == DISTRICT_COLOURS[district]
        assert trace.orientation == "h"
    labels = label_texts(fig)
    assert labels[:2] == ["<b>Nhiệm kỳ 2010-2015</b>", "Tổng số"]
    # Điện Biên alone in 2010-2015: each of its bars right under its kind's label
    label_y = {a.text: a.y for a in reversed(fig.layout.annotations)}  # each label's first line
    dien_bien = next(tr for tr in fig.data if tr.name.startswith("Điện Biên"))
    first_bar = min(dien_bien.y)
    assert 0 < first_bar - label_y["Tổng số"] < 1.2


def test_cases_are_ranges_and_before_dates_are_arrows_on_a_yearly_axis(db):
    fig = cases_timeline(run(db, "rotation_cases", "en"), "en")
    ranges = [tr for tr in fig.data if tr.mode == "lines+markers" and tr.x[0] is not None]  # not the legend's
    arrows = [tr for tr in fig.data if tr.mode == "markers+text"]
    assert all(len(tr.x) == 2 for tr in ranges)
    assert arrows and arrows[0].marker.symbol == "triangle-left-open"
    assert arrows[0].text[0] == "before 01/01/2022"
    one_year = cases_timeline(run(db, "rotation_cases", districts=["Bắc Hà"]), "en").layout.xaxis
    assert (one_year.dtick, one_year.tickformat) == ("M12", "%Y")  # one tick a year, never "2021 2021 2021"


def test_attainment_has_target_marks_and_labels_above_its_bars(db):
    frame = run(db, "quota_attainment", districts=["Thanh Trì"])
    fig = attainment_chart(frame, "vi")
    bars, targets = fig.data
    assert list(targets.x) == [50.0, 50.0, 50.0]
    assert "53,1% (17/32)" in bars.text
    assert "Thanh Trì · Bí thư và chủ tịch xã · 7/2023" in label_texts(fig)


def test_text_inside_a_bar_reads_on_its_colour(db):
    for colour in DISTRICT_COLOURS.values():
        assert contrast(ink_on(colour), colour) >= 3.0
    fig = attainment_chart(run(db, "quota_attainment"), "vi")
    bars = fig.data[0]
    for value, shape, position in zip(bars.x, bars.marker.pattern.shape, bars.textposition):
        assert position == ("inside" if value >= 55 and shape != "." else "outside")


def test_progress_draws_phuc_tho_from_14_to_50_each_in_its_own_period(db):
    frame = run(db, "quota_attainment", districts=["Phúc Thọ"])
    frame = frame[frame["quota"] == "non_local"]
    fig = progress_chart(frame, "vi")
    assert list(fig.data[0].text) == ["14,3%", "50,0%"]
    assert [pd.Timestamp(x).strftime("%Y-%m") for x in fig.data[0].x] == ["2021-11", "2023-03"]
    assert fig.layout.shapes[0].y0 == 50.0
    assert fig.data[0].showlegend is True  # one line still says what it is


def test_yearly_figures_sit_in_their_year(db):
    frame = run(db, "quota_attainment", districts=["Điện Biên"])
    fig = progress_chart(frame[frame["measure"] == "communes"], "vi")
    # 30/6/2019 is a day; "2020" is a year, placed in its middle, its whole year drawn
    assert [pd.Timestamp(x).strftime("%Y-%m-%d") for x in fig.data[0].x] == ["2019-06-30", "2020-07-01"]
    spans = [tr for tr in fig.data if tr.mode == "lines" and tr.showlegend is False]
    assert [pd.Timestamp(x).strftime("%Y-%m-%d") for x in spans[0].x if x is not None] == ["2020-01-01", "2020-12-31"]


def test_a_line_joins_one_measure_only_and_met_or_basically_met_is_its_own(db):
    frame = run(db, "quota_attainment", districts=["Điện Biên"])
    fig = progress_chart(frame[frame["quota"] == "new_rural"], "vi")
    lines = [tr for tr in fig.data if "lines" in tr.mode and tr.showlegend]
    assert [list(tr.text) for tr in lines] == [["52,0%", "71,4%"], ["64,0%"]]  # 13/25 then 15/21; 16/25 alone
    assert lines[1].name == "Điện Biên · Xã đạt và cơ bản đạt chuẩn nông thôn mới"
    assert (lines[0].marker.symbol, lines[0].line.dash) != (lines[1].marker.symbol, lines[1].line.dash)
    bars = attainment_chart(frame, "vi").data[0]
    labels = label_texts(attainment_chart(frame, "vi"))
    assert "Điện Biên · Xã đạt và cơ bản đạt chuẩn nông thôn mới · 2019" in " ".join(labels)  # wrapped
    shapes = dict(zip(bars.text, bars.marker.pattern.shape))
    assert shapes["64,0% (16/25)"] == "." and shapes["52,0% (13/25)"] == ""  # dotted, beside the plain "met"


def test_two_measures_of_one_district_share_its_colour_and_differ_in_marker_and_dash(db):
    frame = run(db, "quota_attainment", districts=["Phúc Thọ"], lang="en")
    fig = progress_chart(frame, "en")
    entries = legend_series(fig.to_dict()["data"])
    assert set(entries) == {"Phúc Thọ · Secretaries and chairs", "Phúc Thọ · New-rural communes"}
    (colour_a, *look_a), (colour_b, *look_b) = entries.values()
    assert colour_a == colour_b == DISTRICT_COLOURS["Phúc Thọ"] and look_a != look_b
    assert look_a[1] != look_b[1]  # one solid, one dashed


def test_a_figure_dated_by_an_event_is_an_arrow_with_its_period_never_a_point(db):
    frame = run(db, "quota_attainment", districts=["Bắc Hà"])
    fig = progress_chart(frame, "vi")
    loose = next(tr for tr in fig.data if tr.name.startswith("Hoàng Thu Phố"))
    assert loose.mode == "markers+text" and loose.marker.symbol == "triangle-left-open"
    assert list(loose.text) == ["36,8% · khi anh Cường về xã"]
    assert pd.Timestamp(loose.x[0]) == pd.Timestamp("2021-12-31")  # the latest it can be, not a guessed date


def test_the_legend_rule_gives_a_look_alike_series_the_next_marker():
    traces = [dict(type="scatter", name=name, mode="lines+markers", marker={"symbol": "circle", "color": colour},
                   line={"color": colour, "dash": "solid"}) for name, colour in (("a", "#000000"), ("b", "#D55E00"))]
    entries = legend_series(_figure(traces, {}).to_dict()["data"])
    assert entries["a"][1:] == ("circle", "solid") and entries["b"][1:] == ("square", "solid")


def test_projector_copy_has_large_dark_text_and_leaves_the_original(db):
    fig = attainment_chart(run(db, "quota_attainment"), "vi")
    big = for_projector(fig)
    assert big.layout.font.size >= PROJECTOR_MIN and big.layout.legend.font.size >= PROJECTOR_MIN
    assert big.layout.xaxis.tickfont.size >= PROJECTOR_MIN
    assert all(a.font.size >= PROJECTOR_MIN for a in big.layout.annotations)
    assert big.data[0].textfont.size >= PROJECTOR_MIN
    assert big.layout.font.color == "#111111"
    assert fig.layout.font.size < PROJECTOR_MIN  # not changed in place


def test_export_copy_carries_title_filters_sources_and_date(db):
    fig = rotations_chart(run(db, "rotations_by_term_kind"), "vi")
    out = for_export(fig, "Lượt luân chuyển", ["Huyện: Bắc Hà", "Nguồn: Báo Lào Cai, 2025", "Lưu ngày 23/11/2026"])
    assert out.layout.title.text == "<b>Lượt luân chuyển</b>"
    texts = [a.text for a in out.layout.annotations]
    assert texts[-3:] == ["Huyện: Bắc Hà", "Nguồn: Báo Lào Cai, 2025", "Lưu ngày 23/11/2026"]
    assert out.layout.height > fig.layout.height and out.layout.width


def test_toolbar_speaks_vietnamese():
    config = plotly_config("vi")
    assert config["locale"] == "vi"
    words = config["locales"]["vi"]["dictionary"]
    assert words["Zoom in"] == "Phóng to" and words["Reset axes"] == "Đặt lại trục"
    assert config["locales"]["vi"]["format"]["months"][0] == "Tháng Một"
    assert "toImage" in config["modeBarButtonsToRemove"]
    assert "locales" not in plotly_config("en")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_overview_chart_puts_each_period_beside_its_number(db, lang):
    fig = overview_chart(run(db, "district_overview", lang), lang)
    assert fig.layout.annotations[0].text == ("<b>Rotations in total</b>" if lang == "en"
                                              else "<b>Tổng số lượt luân chuyển</b>")
    texts = list(fig.data[0].text)
    spring = "spring 2025" if lang == "en" else "xuân 2025"
    assert f"Bắc Hà · 54 · 2020 – {spring}" in texts and "Điện Biên · 18 · 2010-2015" in texts
    none = "no published figure" if lang == "en" else "chưa có số liệu công bố"
    assert f"Thanh Trì · {none}" in texts  # every district keeps its line in every section


def test_overview_chart_draws_shares_bounds_and_older_figures_apart(db):
    fig = overview_chart(run(db, "district_overview"), "vi")
    bars = fig.data[0]
    by_text = {text: (x, opacity, shape) for text, x, opacity, shape in
               zip(bars.text, bars.x, bars.marker.opacity, bars.marker.pattern.shape)}
    communes = {text: x for text, (x, _, _) in by_text.items() if "/" in text.split(" · ")[1]}
    assert communes["Điện Biên · 15/21 · 2020"] == pytest.approx(communes["Phúc Thọ · 20/20 · 2022"] * 15 / 21)
    assert by_text["Phúc Thọ · 20/20 · 2022"][1] == 1
    # Bắc Hà's 7 communes at the end of 2020, of how many not said: no share to draw, the text says it
    assert by_text["Bắc Hà · 7 · 2020"][0] == 0
    assert by_text["Bắc Hà · 28,13% · 2024"][2] == ""
    overview = run(db, "district_overview")
    thanh_tri = overview["district"].eq("Thanh Trì") & overview["metric"].eq("poverty_rate")
    older = overview.assign(value=overview["value"].mask(thanh_tri, 2.0),  # its 2017 figure, "below 2%"
                            qualifier=overview["qualifier"].mask(thanh_tri, "<"))
    bars = overview_chart(older, "vi").data[0]
    assert dict(zip(bars.text, bars.marker.pattern.shape))["Thanh Trì · < 2% · 2022"] == "/"  # a bound


FILTER_SETS = [  # (lang, districts, terms, origin): every chart page is built for each
    ("vi", None, None, "published"), ("en", None, None, "both"), ("vi", ("Thanh Trì",), ("2020-2025",), "both"),
    ("en", ("Bắc Hà", "Điện Biên"), ("2010-2015", "2015-2020"), "published"), ("vi", ("Phúc Thọ",), None, "published")]


@pytest.mark.parametrize("lang, districts, terms, origin", FILTER_SETS)
def test_every_figure_is_the_one_plotly_validation_makes(db, lang, districts, terms, origin):
    """The builders skip Plotly's validation (`_figure`): each figure, validated again, must be
    the same figure, so a misspelt property or a value of the wrong kind never slips through."""
    import json

    import plotly.graph_objects as go
    import plotly.io as pio

    from ui.selection import LEVELS, Filters
    from ui.views import CHART_PAGES, local_runner, page_view

    filters = Filters(lang, False, districts or db.focus_districts, terms or db.terms, LEVELS, origin, db.terms)
    figures = [chart.figure for page in CHART_PAGES for chart in page_view(page, filters, local_runner(db)).charts
               if chart.figure is not None]
    assert figures
    for fig in figures:
        validated = go.Figure(fig.to_dict())
        assert json.loads(pio.to_json(validated, validate=False)) == json.loads(pio.to_json(fig, validate=False))
        assert validated.to_dict().keys() == fig.to_dict().keys()


def _legend(fig) -> list:
    """The legend's series entries (each drawn once, with its colour, marker and dash)."""
    return [tr for tr in fig.data if tr.x[0] is None and tr.showlegend is not False and tr.marker.symbol]


@pytest.mark.parametrize("district", ["Bắc Hà", "Điện Biên", "Phúc Thọ", "Thanh Trì"])
def test_poverty_series_differ_in_colour_and_in_marker_or_dash(db, standards, district):
    """Mường Phăng and Nà Tấu (communes of Điện Biên) once shared colour, dash and marker."""
    rows = run(db, "poverty_series", districts=[district])
    for metrics in (["poverty_rate"], ["near_poverty_rate", "poor_and_near_poor_rate"]):
        fig = poverty_chart(rows[rows["metric"].isin(metrics)], "vi", standards)
        legend = _legend(fig)  # Phúc Thọ has no near-poverty rate: Hà Nội's alone
        styles = [(tr.line.color, tr.marker.symbol, tr.line.dash) for tr in legend]
        assert len({(symbol, dash) for _, symbol, dash in styles}) == len(styles), styles
        areas = {}
        for tr, (colour, _, _) in zip(legend, styles):
            areas.setdefault(tr.name.split(" · ")[0], set()).add(colour)
        colours = [next(iter(c)) for c in areas.values()]
        assert len(set(colours)) == len(colours), areas  # two areas never share a colour


def test_a_line_joins_one_measure_of_one_area_under_one_standard(poverty, standards):
    standard_of = {}
    for row in poverty.itertuples():
        standard_of[(row.area, row.metric, round(row.value, 4))] = row.poverty_standard
    metric_of = dict(zip(poverty["metric_vi"], poverty["metric"]))
    fig = poverty_chart(poverty, "vi", standards)
    lines = [tr for tr in fig.data if is_trend_line(tr)]
    assert lines
    for trace in lines:
        area = trace.name.split(" (")[0]
        metric = metric_of.get(trace.name.split(" · ")[1].split(" · ")[0]) if " · " in trace.name else None
        standards_joined = {s for (a, m, v), s in standard_of.items()
                            if a == area and (metric is None or m == metric) and round(v, 4) in
                            {round(y, 4) for y in trace.y}}
        assert len(standards_joined) == 1 and "not-named" not in standards_joined, (trace.name, standards_joined)
        assert list(trace.x) == sorted(trace.x)
    lao_cai_2016 = [tr for tr in lines if tr.name.startswith("Lào Cai") and 27.41 in tr.y]
    assert not lao_cai_2016  # two rates of 2016 (27,41% and 34,5%): neither joined


def test_two_rates_of_one_year_sit_each_in_its_own_standards_segment(db, standards):
    rows = run(db, "poverty_series", districts=["Điện Biên"], area_levels=["province"])
    fig = poverty_chart(rows[rows["metric"] == "poverty_rate"], "vi", standards)
    x_of = {round(y, 2): pd.Timestamp(x) for tr in fig.data if tr.x[0] is not None and tr.marker.symbol != "line-ns"
            for x, y in zip(tr.x, tr.y)}
    assert x_of[28.01] < pd.Timestamp("2016-01-01") <= x_of[48.14] < pd.Timestamp("2016-03-01")
    # 50% and 50,1% for 2010: one point citing both pages
    assert 50.1 in x_of and 50.0 not in x_of
    hovers = " ".join(h for tr in fig.data for h in (tr.hovertext or ()))
    assert "Một điểm, 2 nguồn" in hovers and "Infonet" in hovers and "Chương trình 135" in hovers


def test_loosely_dated_figures_are_drawn_over_their_span(db, standards):
    """"> 68%" when Sơn came to Lùng Phình (2021) and "> 90%" when Cường came to Hoàng Thu Phố
    (within the 2020-2025 term, by the end of 2021) are spans, not points at one date."""
    rows = run(db, "poverty_series", districts=["Bắc Hà"])
    fig = poverty_chart(rows, "vi", standards)
    spans = {tr.y[0]: (pd.Timestamp(tr.x[0]), pd.Timestamp(tr.x[1])) for tr in fig.data
             if tr.marker.symbol == "line-ns"}
    assert spans[68] == (pd.Timestamp("2021-01-01"), pd.Timestamp("2021-12-31"))
    assert spans[90] == (pd.Timestamp("2020-07-01"), pd.Timestamp("2021-12-31"))
    assert spans[65.87] == (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-03-31"))
    hovers = " ".join(h for tr in fig.data for h in (tr.hovertext or ()))
    assert "khi anh Sơn về xã (năm 2021)" in hovers and "khi anh Cường về xã" in hovers
    bound_labels = {text for tr in fig.data if tr.text for text in tr.text}
    assert {"> 68%", "> 90%"} <= bound_labels  # lower bounds stay bounds


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_chart_has_its_source_line_right_under_it_in_a_saved_image(db, lang):
    from ui.selection import LEVELS, Filters
    from ui.tables import export_context
    from ui.views import CHART_PAGES, local_runner, page_view

    filters = Filters(lang, False, db.focus_districts, db.terms, LEVELS, "published", db.terms)
    charts = [chart for page in CHART_PAGES for chart in page_view(page, filters, local_runner(db)).charts
              if chart.figure is not None]
    assert len(charts) >= 7
    for chart in charts:
        assert chart.source_line.startswith(f"{t('source', lang)}: ") and chart.source_names
        assert all(name in chart.source_line for name in chart.source_names)
        out = for_export(chart.figure, chart.title, export_context(filters, chart.source_line))
        under = [a.text for a in out.layout.annotations if a.yref == "paper" and a.y == 0 and a.yanchor == "top"]
        assert under[0].startswith(f"{t('source', lang)}: "), chart.key  # the first line under the chart


def test_a_tall_bar_chart_is_split_at_its_labels_into_parts_that_fit(db):
    """Presentation mode: 12 attainment bars do not fit one 1280×720 slide; each part fits,
    every bar and every label is in exactly one part, each label in the part of its bar."""
    from ui.charts import SLIDE_CHART_PX, for_slides

    fig = attainment_chart(run(db, "quota_attainment"), "vi")
    parts = for_slides(fig)
    assert len(parts) > 1 and all(part.layout.height <= SLIDE_CHART_PX for part in parts)
    assert sorted(y for part in parts for y in part.data[0].y) == sorted(fig.data[0].y)
    assert sorted(t for part in parts for t in part.data[0].text) == sorted(fig.data[0].text)
    labels = [a.text for part in parts for a in part.layout.annotations]
    assert sorted(labels) == sorted(a.text for a in fig.layout.annotations)
    for part in parts:
        low, high = part.layout.yaxis.range[1], part.layout.yaxis.range[0]
        assert all(low <= y < high for y in part.data[0].y)
        assert part.layout.showlegend  # the target's legend on every part
    assert all(a.font.size >= PROJECTOR_MIN for part in parts for a in part.layout.annotations)


def test_a_readable_link_keeps_letters_and_opens_the_same_query():
    from urllib.parse import parse_qs, urlsplit

    from ui.network import readable_link

    encoded = "http://192.0.2.1:8501/quotas?district=B%E1%BA%AFc+H%C3%A0&district=Ph%C3%BAc+Th%E1%BB%8D&q=a%26b%2B1"
    readable = readable_link(encoded)
    assert readable == "http://192.0.2.1:8501/quotas?district=Bắc+Hà&district=Phúc+Thọ&q=a%26b%2B1"
    assert parse_qs(urlsplit(readable).query) == parse_qs(urlsplit(encoded).query)
    assert readable_link("http://192.0.2.1:8501/") == "http://192.0.2.1:8501/"
