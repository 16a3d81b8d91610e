"""Chart builders on the real query results: bounds open, standards marked, ranges not points."""

from __future__ import annotations

import pytest

import pandas as pd

from ui.charts import (LEGEND_MAX, PROJECTOR_MIN, attainment_chart, cases_timeline, for_export, for_projector,
                       overview_chart, plotly_config, poverty_chart, progress_chart, rotations_chart, standard_changes)
from ui.colours import DISTRICT_COLOURS, contrast, ink_on
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


def label_texts(fig) -> list[str]:
    """The labels written above the bars (annotations), in order."""
    return [a.text for a in fig.layout.annotations]


def test_bounds_are_open_labelled_markers_never_on_a_line(poverty, standards):
    fig = poverty_chart(poverty, "vi", standards)
    bound_traces = [tr for tr in fig.data if tr.mode == "markers+text"]
    labels = [text for tr in bound_traces for text in tr.text]
    assert {"> 68%", "< 2%", "> 90%"} <= set(labels)
    for trace in bound_traces:
        assert all(symbol.endswith("-open") for symbol in trace.marker.symbol)
    line_values = {v for tr in fig.data if tr.mode == "lines+markers" for v in tr.y}
    assert 68.0 not in line_values and 2.0 not in line_values


def test_lower_bound_points_up_and_upper_bound_points_down(poverty, standards):
    fig = poverty_chart(poverty, "en", standards)
    symbols = {text: symbol for tr in fig.data if tr.mode == "markers+text"
               for text, symbol in zip(tr.text, tr.marker.symbol)}
    assert symbols["> 68%"] == "triangle-up-open"
    assert symbols["< 2%"] == "triangle-down-open"


def test_every_standard_change_within_the_years_shown_is_marked(poverty, standards):
    assert list(standard_changes(poverty, standards)["starts_on"].astype(str)) == [
        "2011-01-01", "2016-01-01", "2022-01-01"]
    fig = poverty_chart(poverty, "vi", standards)
    assert [shape.x0.year for shape in fig.layout.shapes] == [2011, 2016, 2022]
    assert fig.data[-1].name == "Đổi chuẩn nghèo (2011, 2016, 2022)"  # the dashed lines, in the legend
    only_recent = poverty[pd.to_datetime(poverty["period_end"]).dt.year >= 2023]
    assert poverty_chart(only_recent, "vi", standards).layout.shapes == ()


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
    bounds = [tr for tr in fig.data if tr.mode == "markers+text"]
    assert bounds and all(tr.textposition == "top center" for tr in bounds)
    lines = {shape.x0 for shape in fig.layout.shapes}
    # at least two months from any 1 January, where standards change
    assert all(pd.Timestamp(x) not in lines and 3 <= pd.Timestamp(x).month <= 10 for tr in bounds for x in tr.x)


def test_lines_never_join_figures_across_a_standard_change(poverty, standards):
    fig = poverty_chart(poverty[poverty["metric"] == "poverty_rate"], "vi", standards)
    lao_cai = [tr for tr in fig.data if tr.name.startswith("Lào Cai") and tr.mode == "lines+markers"]
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
    lines = [tr for tr in fig.data if tr.hoverinfo != "skip"]  # not the legend entry of the standard lines
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
    ranges = [tr for tr in fig.data if tr.mode == "lines+markers"]
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
    for value, position in zip(bars.x, bars.textposition):
        assert position == ("inside" if value >= 55 else "outside")


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
    # 30/6/2019 is a day; "2019" and "2020" are years, placed in their middle
    assert [pd.Timestamp(x).strftime("%Y-%m-%d") for x in fig.data[0].x][0] == "2019-06-30"
    assert [pd.Timestamp(x).strftime("%Y-%m") for x in fig.data[0].x][1:] == ["2019-07", "2020-07"]


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
    assert communes["Bắc Hà · 4/19 · 2019"] == pytest.approx(communes["Phúc Thọ · 20/20 · 2022"] * 4 / 19)
    assert by_text["Bắc Hà · 4/19 · 2019"][1] < 1 and by_text["Phúc Thọ · 20/20 · 2022"][1] == 1  # 2019 predates 2020-2025
    assert by_text["Thanh Trì · < 2% · 2017"][2] == "/" and by_text["Bắc Hà · 28,13% · 2024"][2] == ""  # a bound


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
