"""Chart builders on the real query results: bounds open, standards marked, ranges not points."""

from __future__ import annotations

import pytest

import pandas as pd

from ui.charts import (LEGEND_MAX, attainment_chart, cases_timeline, overview_chart, poverty_chart, progress_chart,
                       rotations_chart, standard_changes)
from ui.colours import DISTRICT_COLOURS
from ui.formatting import in_language


def run(db, name: str, lang: str = "vi", **filters) -> pd.DataFrame:
    """A query's result as pages get it: each text also under its plain name in `lang`."""
    return in_language(db.run(name, **filters), lang)


@pytest.fixture(scope="module")
def poverty(db):
    return run(db, "poverty_series")


def test_bounds_are_open_labelled_markers_never_on_a_line(poverty):
    fig = poverty_chart(poverty, "vi")
    bound_traces = [tr for tr in fig.data if tr.mode == "markers+text"]
    labels = [text for tr in bound_traces for text in tr.text]
    assert {"> 68%", "< 2%", "> 90%"} <= set(labels)
    for trace in bound_traces:
        assert all(symbol.endswith("-open") for symbol in trace.marker.symbol)
    line_values = {v for tr in fig.data if tr.mode == "lines+markers" for v in tr.y}
    assert 68.0 not in line_values and 2.0 not in line_values


def test_lower_bound_points_up_and_upper_bound_points_down(poverty):
    fig = poverty_chart(poverty, "en")
    symbols = {text: symbol for tr in fig.data if tr.mode == "markers+text"
               for text, symbol in zip(tr.text, tr.marker.symbol)}
    assert symbols["> 68%"] == "triangle-up-open"
    assert symbols["< 2%"] == "triangle-down-open"


def test_standard_changes_are_marked(poverty):
    assert [str(day.date()) for day, _ in standard_changes(poverty)] == ["2016-01-01", "2022-01-01"]
    fig = poverty_chart(poverty, "vi")
    assert len(fig.layout.shapes) == 2
    assert all("chuẩn nghèo" in a.text for a in fig.layout.annotations)


def test_lines_never_join_figures_across_a_standard_change(poverty):
    fig = poverty_chart(poverty[poverty["metric"] == "poverty_rate"], "vi")
    lao_cai = [tr for tr in fig.data if tr.name.startswith("Lào Cai") and tr.mode == "lines+markers"]
    assert len(lao_cai) == 2  # 2016-2020 under one standard, 2024 under the next


def test_hover_shows_value_period_and_source(poverty):
    fig = poverty_chart(poverty, "vi")
    hover = " ".join(h for tr in fig.data for h in tr.hovertext)
    assert "65,87%" in hover and "Báo Lào Cai (e-magazine), 2025" in hover and "Thời gian: 2024" in hover


def test_many_districts_keep_one_line_each_but_a_short_legend(poverty):
    rates = poverty[(poverty["area_level"] == "district") & (poverty["metric"] == "poverty_rate")]
    many = pd.concat([rates.assign(area=rates["area"] + f" {n}") for n in range(10)])
    names = {f"{area} (district)" for area in many["area"]}
    assert len(names) > LEGEND_MAX
    fig = poverty_chart(many, "en")
    assert {tr.name for tr in fig.data} == names
    assert len({tr.name for tr in fig.data if tr.showlegend is not False}) == LEGEND_MAX
    assert fig.layout.legend.title.text == f"Legend: first {LEGEND_MAX} of {len(names)} lines; hover a line for its name."
    assert poverty_chart(rates, "en").layout.legend.title.text is None


def test_vietnamese_and_english_separators(poverty):
    assert poverty_chart(poverty, "vi").layout.separators == ",."
    assert poverty_chart(poverty, "en").layout.separators == ".,"


def test_rotation_bars_use_each_districts_colour(db):
    fig = rotations_chart(run(db, "rotations_by_term_kind", districts=list(db.focus_districts)), "vi")
    for trace in fig.data:
        district = trace.name.split(" (")[0]
        assert trace.marker.color == DISTRICT_COLOURS[district]
    assert fig.layout.barmode == "group"


def test_cases_are_ranges_and_before_dates_are_arrows(db):
    fig = cases_timeline(run(db, "rotation_cases", "en"), "en")
    ranges = [tr for tr in fig.data if tr.mode == "lines+markers"]
    arrows = [tr for tr in fig.data if tr.mode == "markers+text"]
    assert all(len(tr.x) == 2 for tr in ranges)
    assert arrows and arrows[0].marker.symbol == "triangle-left-open"
    assert arrows[0].text[0] == "before 01/01/2022"


def test_attainment_has_target_marks(db):
    frame = run(db, "quota_attainment", districts=["Thanh Trì"])
    fig = attainment_chart(frame, "vi")
    bars, targets = fig.data
    assert list(targets.x) == [50.0, 50.0, 50.0]
    assert "53,1% (17/32)" in bars.text


def test_progress_draws_phuc_tho_from_14_to_50(db):
    frame = run(db, "quota_attainment", districts=["Phúc Thọ"])
    frame = frame[frame["quota"] == "non_local"]
    fig = progress_chart(frame, "vi")
    assert list(fig.data[0].text) == ["14,3%", "50,0%"]
    assert fig.layout.shapes[0].y0 == 50.0


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_overview_chart_puts_each_period_beside_its_number(db, lang):
    fig = overview_chart(run(db, "district_overview", lang), lang)
    panels = {trace.name: trace for trace in fig.data}
    assert len(panels) == 4 and all(list(trace.y) == ["Bắc Hà", "Điện Biên", "Phúc Thọ", "Thanh Trì"]
                                    for trace in fig.data)  # every district in every panel
    rotations = dict(zip(panels["Rotations in total" if lang == "en" else "Tổng số lượt luân chuyển"].y,
                         panels["Rotations in total" if lang == "en" else "Tổng số lượt luân chuyển"].text))
    spring = "spring 2025" if lang == "en" else "xuân 2025"
    assert rotations["Bắc Hà"] == f"54 · 2020 – {spring}" and rotations["Điện Biên"] == "18 · 2010-2015"
    assert rotations["Thanh Trì"] == ("no published figure" if lang == "en" else "chưa có số liệu công bố")


def test_overview_chart_draws_shares_bounds_and_older_figures_apart(db):
    fig = overview_chart(run(db, "district_overview"), "vi")
    communes = next(trace for trace in fig.data if trace.name == "Số xã đạt chuẩn nông thôn mới")
    by_district = {d: (x, text, opacity) for d, x, text, opacity in
                   zip(communes.y, communes.x, communes.text, communes.marker.opacity)}
    assert by_district["Bắc Hà"][0] == pytest.approx(100 * 4 / 19) and by_district["Bắc Hà"][1] == "4/19 · 2019"
    assert by_district["Bắc Hà"][2] < 1 and by_district["Phúc Thọ"][2] == 1  # 2019 predates the 2020-2025 term
    poverty = next(trace for trace in fig.data if trace.name == "Tỷ lệ hộ nghèo")
    shapes = dict(zip(poverty.y, poverty.marker.pattern.shape))
    assert shapes["Thanh Trì"] == "/" and shapes["Bắc Hà"] == ""  # "< 2%" is a bound
