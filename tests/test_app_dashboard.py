"""The dashboard through Streamlit's AppTest: every page in both languages, every filter, the URL
in and out, the CSV downloads, and no exception for any filter combination."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from queries import database
from queries.i18n import t

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
PAGES = {  # page file -> title key
    "dashboard.py": "page_overview",
    "pages/rotations.py": "page_rotations",
    "pages/poverty.py": "page_poverty",
    "pages/quotas.py": "page_quotas",
    "pages/sources.py": "page_sources",
}
CHART_PAGES = ("pages/rotations.py", "pages/poverty.py", "pages/quotas.py")


class RecordingManager(MediaFileManager):
    """AppTest's media manager, keeping each download's deferred CSV builder (the pages build a
    CSV only when clicked), so tests can build and read the downloads."""

    builders: dict = {}

    def add_deferred(self, data_callable, *args, **kwargs):
        file_id = super().add_deferred(data_callable, *args, **kwargs)
        RecordingManager.builders[file_id] = data_callable
        return file_id


@pytest.fixture(autouse=True)
def recorded_downloads(monkeypatch):
    monkeypatch.setattr(app_test_module, "MediaFileManager", RecordingManager)
    RecordingManager.builders.clear()
    return RecordingManager.builders


def open_page(page: str = "dashboard.py", tab: str | None = "chart_view", **params) -> AppTest:
    """Run the dashboard with URL parameters, then switch to `page` (switching needs one run),
    then open what a reader opens (see `opened`; `tab=None`: nothing, as the reader arrives)."""
    at = AppTest.from_file(DASHBOARD, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "dashboard.py":
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return opened(at, tab) if tab else at


def opened(at: AppTest, tab: str = "chart_view") -> AppTest:
    """`at` run again with every chart's `tab` chosen ('table_view': its table instead of the
    chart), its download menu open and every expander open (tables, the briefing, the citation):
    the pages draw only what a reader opens."""
    lang = at.session_state["lang"]
    changed = False
    for key in list(at.session_state):
        if key.endswith("_tabs") and at.session_state[key] != t(tab, lang):
            at.session_state[key], changed = t(tab, lang), True
        elif key.endswith(("_downloads", "_expander")) and not at.session_state[key]:
            at.session_state[key], changed = True, True
    if changed:
        at.run()
        assert not at.exception, [e.value for e in at.exception]
    return at


def no_registers_imported() -> bool:
    """True unless a local register store with imports is attached (then the pages show it)."""
    return database().run("facts", origins=["register"]).empty


def url_values(at: AppTest, key: str) -> list[str]:
    """A URL parameter's values as a list (AppTest gives a single value as a string)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def _plain(node):
    """Plotly's JSON with its typed arrays (`{"dtype", "bdata"}`, base64) read back as lists."""
    if isinstance(node, dict):
        if set(node) >= {"dtype", "bdata"}:
            values = np.frombuffer(base64.b64decode(node["bdata"]), dtype=node["dtype"])
            return values.reshape(node["shape"]).tolist() if "shape" in node else values.tolist()
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    return node


def figures(at: AppTest) -> list[dict]:
    return [_plain(json.loads(chart.proto.spec)) for chart in at.get("plotly_chart")]


def downloaded_csv(at: AppTest, index: int = 0) -> tuple[bytes, pd.DataFrame]:
    """The bytes a click on the `index`-th download button gets, and them read back as a table."""
    data = RecordingManager.builders[at.get("download_button")[index].proto.deferred_file_id]()
    return data, pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_both_languages(page, lang):
    at = open_page(page, lang=lang)
    assert at.title[0].value == t(PAGES[page], lang)
    if page in CHART_PAGES:
        assert figures(at), "a chart page draws its charts"
    assert at.get("download_button"), "every page offers its numbers as CSV"


def test_registers_page_is_in_the_navigation():
    at = open_page("pages/registers.py")
    assert not at.exception


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("widget,value", [
    ("district", []), ("district", ["Bát Xát"]), ("district", ["Thanh Trì"]),
    ("term", []), ("term", ["2010-2015"]), ("term", ["2015-2020"]),
    ("level", []), ("level", ["commune"]), ("level", ["province", "country"]),
])
def test_no_page_fails_for_any_filter(page, widget, value):
    at = open_page(page)
    at.multiselect(key=widget).set_value(value).run()
    assert not at.exception, [e.value for e in at.exception]
    if not value:
        assert at.info, "an empty selection explains itself"


COMBINATIONS = [
    (districts, terms, levels)
    for districts in ([""], ["Bát Xát"], ["Thanh Trì", "Điện Biên"], ["Bắc Hà", "Điện Biên", "Phúc Thọ", "Thanh Trì",
                                                                       "Bát Xát", "Ba Bể", "Pác Nặm", "Ngân Sơn"])
    for terms in ([""], ["2015-2020"], ["2010-2015", "2020-2025"])
    for levels in (["commune"], ["district", "province", "country"])
]


@pytest.mark.parametrize("index", range(len(COMBINATIONS)))
def test_no_page_fails_for_combinations_of_filters(index):
    districts, terms, levels = COMBINATIONS[index]
    origin = ("published", "register", "both")[index % 3]
    at = open_page(district=districts, term=terms, level=levels, origin=origin)
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert at.title[0].value == t(PAGES[page], "vi")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("origin", ["register", "both"])
def test_data_source_choice(page, origin):
    at = open_page(page)
    at.radio(key="origin").set_value(origin).run()
    assert not at.exception
    if origin == "register" and no_registers_imported():
        assert any(t("no_registers", "vi") in info.value for info in at.info)


def test_district_filter_changes_the_rotation_chart_and_the_url():
    at = open_page("pages/rotations.py")
    at.multiselect(key="district").set_value(["Bắc Hà"]).run()
    names = {trace.get("name") for trace in figures(at)[0]["data"]}
    assert names == {"Bắc Hà (huyện)"}
    assert url_values(at, "district") == ["Bắc Hà"]


def test_url_filters_are_applied_and_kept():
    at = open_page("pages/poverty.py", lang="en", district=["Điện Biên", "Thanh Trì"], term="2015-2020",
                   level="district", origin="both")
    assert at.multiselect(key="district").value == ["Điện Biên", "Thanh Trì"]
    assert at.multiselect(key="term").value == ["2015-2020"]
    assert at.multiselect(key="level").value == ["district"]
    assert at.radio(key="origin").value == "both"
    assert at.title[0].value == "Poverty"
    assert url_values(at, "district") == ["Điện Biên", "Thanh Trì"]
    assert url_values(at, "lang") == ["en"]
    names = {trace.get("name") for trace in figures(at)[0]["data"]}
    assert names == {"Thanh Trì (district)", "New poverty standard (2016)"}  # 2015 and 2017-2018: two standards


def test_defaults_stay_out_of_the_url():
    at = open_page("pages/quotas.py")
    assert dict(at.query_params) == {}


@pytest.mark.parametrize("params,ignored", [
    ({"lang": "fr"}, "lang=fr"),
    ({"present": "yes"}, "present=yes"),
    ({"origin": "nowhere"}, "origin=nowhere"),
    ({"district": ["Hà Giang", "Bắc Hà"]}, "district=Hà Giang"),
    ({"term": "2099-2100"}, "term=2099-2100"),
    ({"level": "planet"}, "level=planet"),
])
def test_bad_url_values_are_ignored_with_a_notice(params, ignored):
    at = open_page(tab=None, **params)  # as the reader arrives: the notice shows once
    assert any(ignored in toast.value for toast in at.toast)
    key, value = ignored.split("=")
    assert value not in url_values(at, key)


def test_empty_url_selection_means_nothing_selected():
    at = open_page("pages/rotations.py", district="")
    assert at.multiselect(key="district").value == []
    assert at.info


def test_language_switch_translates_and_keeps_filters():
    at = open_page("pages/quotas.py", district="Thanh Trì", level="district")
    at.segmented_control(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Quotas"
    assert at.multiselect(key="level").value == ["district"]
    assert url_values(at, "lang") == ["en"]
    assert any("3 more non-local chairs to reach the 50% target" in md.value for md in at.markdown)


def test_gap_in_people_in_vietnamese():
    at = open_page("pages/quotas.py", district="Thanh Trì")
    assert any("Thanh Trì · Chủ tịch UBND xã · 7/2023: 31,3% (5/16); cần thêm 3 chủ tịch xã không là người địa "
               "phương để đạt chỉ tiêu 50%." in md.value for md in at.markdown)


def test_presentation_mode_is_a_url_parameter():
    at = open_page("dashboard.py", present="1")
    assert at.toggle(key="present").value is True
    assert any("stSidebar" in html.proto.body for html in at.get("html"))
    at.button(key="exit_present").click().run()
    assert at.toggle(key="present").value is False
    assert "present" not in at.query_params


def test_presentation_mode_enlarges_chart_text():
    at = open_page("pages/poverty.py", present="1")
    from ui.charts import PROJECTOR_FONT

    assert all(fig["layout"]["font"]["size"] == PROJECTOR_FONT for fig in figures(at))


def test_share_address_is_shown():
    at = open_page()
    assert any(code.value.startswith("http://") for code in at.code)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_download_is_exactly_the_table_with_a_bom(lang):
    at = open_page("pages/rotations.py", tab="table_view", lang=lang, district="Bắc Hà")
    data, table = downloaded_csv(at)
    assert data.startswith(b"\xef\xbb\xbf")
    assert len(table) == 5  # the total and four kinds
    shown = at.dataframe[0].value
    assert list(table.columns) == list(shown.columns)
    assert table.iloc[:, 0].tolist() == shown.iloc[:, 0].tolist()
    assert "Bắc Hà" in data.decode("utf-8-sig")


def test_sources_search_ignores_accents():
    at = open_page("pages/sources.py")
    at.text_input(key="sources_search").input("dien bien").run()
    table = at.dataframe[0].value
    assert len(table) > 0
    assert all("Điện Biên" in " ".join(map(str, row)) for row in table.itertuples(index=False))
    data, downloaded = downloaded_csv(at)
    assert len(downloaded) == len(table)


def test_sources_can_show_every_figure_outside_the_selected_districts():
    at = open_page("pages/sources.py")
    in_districts = len(at.dataframe[0].value)
    at.toggle(key="sources_everywhere").set_value(True).run()
    everything = at.dataframe[0].value
    assert len(everything) == len(database().run("facts", origins=["published"])) > in_districts
    assert "Việt Nam" in set(everything.iloc[:, 2])  # the 61 poor districts of Resolution 30a


def test_overview_shows_bounds_and_citations():
    at = open_page()
    values = [metric.value for metric in at.metric]
    assert "28,13%" in values and "0%" in values  # Bắc Hà 2024, Thanh Trì 2022 (its 2017 "below 2%" is older)
    assert "53,1%" in values
    assert any("Chinhphu.vn, 27/07/2023" in caption.value for caption in at.caption)


def test_overview_poverty_cards_set_each_district_beside_its_province():
    """Compared only in the same year under the same standard; otherwise the province's latest,
    said not to be compared."""
    at = open_page()
    texts = [caption.value for caption in at.caption]
    assert any("Tỉnh Lào Cai cùng năm, cùng chuẩn: 11,24%" in text for text in texts)  # Bắc Hà 2024
    assert any("Tỉnh Hà Nội cùng năm, cùng chuẩn: 0,095%" in text for text in texts)  # Thanh Trì 2022
    assert any("Tỉnh Hà Nội gần nhất: 0% (2024); khác năm hoặc khác chuẩn" in text for text in texts)  # Phúc Thọ 2010


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("districts, provinces", [
    (["Bắc Hà"], ["Lào Cai"]), (["Điện Biên"], ["Điện Biên"]), (["Phúc Thọ"], ["Hà Nội"]), (["Thanh Trì"], ["Hà Nội"]),
    (["Bắc Hà", "Điện Biên", "Phúc Thọ", "Thanh Trì"], ["Lào Cai", "Điện Biên", "Hà Nội"])])
def test_poverty_page_draws_each_district_against_its_province(lang, districts, provinces):
    at = open_page("pages/poverty.py", lang=lang, district=districts)
    poverty_rate = t("latest_poverty", lang)
    headings = [h.value for h in at.subheader if h.value.startswith(poverty_rate)]
    assert [next(p for p in provinces if p in h.split(":", 1)[1]) for h in headings] == provinces
    drawn = figures(at)[:len(provinces)]
    for fig, province in zip(drawn, provinces):
        legend = [tr for tr in fig["data"] if tr.get("showlegend") is not False and tr.get("hoverinfo") == "skip"
                  and tr.get("marker")]
        styles = [(tr["line"]["color"], tr["marker"]["symbol"], tr["line"]["dash"]) for tr in legend]
        assert len({(symbol, dash) for _, symbol, dash in styles}) == len(styles), styles  # told apart without colour
        assert any(tr["name"].startswith(province) for tr in legend)
    markdown = " ".join(md.value for md in at.markdown)
    for district in districts:
        assert f"**{district}**" in markdown  # how many district years, and that the province gives the trend
    captions = [c.value for c in at.caption]
    assert sum(c.startswith(f"{t('source', lang)}: ") for c in captions) >= len(provinces)


def test_poverty_page_compares_only_the_same_year_and_standard():
    at = open_page("pages/poverty.py", district=["Bắc Hà", "Phúc Thọ", "Thanh Trì"])
    markdown = " ".join(md.value for md in at.markdown)
    assert "Cùng năm, cùng chuẩn: Bắc Hà 28,13% so với Lào Cai 11,24% năm 2024" in markdown
    assert "Thanh Trì < 2% so với Hà Nội 1,6% năm 2017" in markdown
    assert "Phúc Thọ và tỉnh Hà Nội không có năm nào cùng năm và cùng chuẩn nghèo: không so sánh." in markdown
    assert "Phúc Thọ 11,84% so với" not in markdown  # 2010, no standard named: never compared


def test_poverty_bounds_are_open_markers():
    at = open_page("pages/poverty.py", district="Bắc Hà")
    traces = [trace for fig in figures(at) for trace in fig["data"]]
    bounds = [tr for tr in traces if "text" in tr and any(str(x).startswith(">") for x in tr["text"])]
    assert bounds
    for trace in bounds:
        assert trace["mode"] == "markers+text"
        assert all(symbol.endswith("-open") for symbol in trace["marker"]["symbol"])


@pytest.fixture
def poverty_queries(monkeypatch):
    """The `area_levels` each `poverty_series` call of a page run asks for (views are built
    afresh: a view another test built is shared, and would run no query)."""
    import ui.data

    ui.data._cached_view.clear()
    calls: list = []
    original = ui.data.run_query

    def spy(name, **kwargs):
        if name == "poverty_series":
            calls.append(kwargs["area_levels"])
        return original(name, **kwargs)

    monkeypatch.setattr(ui.data, "run_query", spy)
    return calls


def poverty_trace_names(at: AppTest) -> set[str]:
    return {trace.get("name") for fig in figures(at) for trace in fig["data"]}


def test_poverty_page_leaves_communes_out_for_several_districts(poverty_queries):
    at = open_page("pages/poverty.py")
    assert poverty_queries and all("commune" not in levels for levels in poverty_queries)
    assert set(poverty_queries[-1]) == {"district", "province", "country"}
    names = poverty_trace_names(at)
    assert any("(huyện)" in name for name in names) and not any("(xã," in name for name in names)
    assert any(t("communes_note", "vi") == caption.value for caption in at.caption)


def test_poverty_page_draws_one_districts_communes(poverty_queries):
    at = open_page("pages/poverty.py", district="Bắc Hà")
    assert "commune" in poverty_queries[-1]
    names = poverty_trace_names(at)
    assert any("(xã, Bắc Hà)" in name for name in names)
    assert not any("(xã," in name and "Bắc Hà" not in name for name in names)


def test_poverty_page_keeps_the_level_filter(poverty_queries):
    at = open_page("pages/poverty.py", district="Bắc Hà", level="district")
    assert poverty_queries[-1] == ["district"]
    assert not any("(xã," in name for name in poverty_trace_names(at))
    at = open_page("pages/poverty.py", level="commune")  # communes only, four districts: nothing to draw
    assert poverty_queries[-1] == []
    assert at.info and any(t("communes_note", "vi") == caption.value for caption in at.caption)


def test_sources_table_is_capped_and_its_download_complete(monkeypatch):
    import ui.widgets

    monkeypatch.setattr(ui.widgets, "MAX_SHOWN_ROWS", 5)
    at = open_page("pages/sources.py")
    everything = len(database().run("facts", districts=list(database().focus_districts)))
    assert everything > 5
    assert len(at.dataframe[0].value) == 5
    assert any(t("rows_capped", "vi", shown="5", n=str(everything)) == caption.value for caption in at.caption)
    data, downloaded = downloaded_csv(at)
    assert data.startswith(b"\xef\xbb\xbf")
    assert len(downloaded) == everything
    assert list(downloaded.columns) == list(at.dataframe[0].value.columns)


def test_sources_table_under_the_cap_says_nothing_about_it():
    at = open_page("pages/sources.py", lang="en")
    assert len(at.dataframe[0].value) < 500
    assert not any(caption.value.startswith("Showing ") for caption in at.caption)


def test_presentation_mode_and_exports_leave_the_shared_view_unchanged(monkeypatch):
    """Every session of a process draws the same cached view: presentation mode and the image
    exports draw copies of its figures, so the next viewer sees the view as it was built."""
    import ui.data
    from ui.charts import for_export, for_projector

    ui.data._cached_view.clear()
    built: list = []
    original = ui.data.page_view

    def recording(page, filters, run):
        view = original(page, filters, run)
        if page == "page_poverty":
            built.append(view)
        return view

    monkeypatch.setattr(ui.data, "page_view", recording)
    plain = figures(open_page("pages/poverty.py"))
    (view,) = built
    cached = [section.chart.figure for section in view.sections if section.chart]
    before = [fig.to_json() for fig in cached]
    presented = figures(open_page("pages/poverty.py", present="1"))
    assert len(built) == 1, "presentation mode built its own view instead of drawing the shared one"
    assert all(fig["layout"]["font"]["size"] == 20 for fig in presented)
    for fig in cached:
        for_projector(fig)
        for_export(fig, "title", ["filters", "sources"])
    assert [fig.to_json() for fig in cached] == before
    again = figures(open_page("pages/poverty.py"))
    assert [fig["layout"] for fig in again] == [fig["layout"] for fig in plain]


def test_named_cases_with_registers_only_say_they_come_from_the_articles():
    """Registers hold no named cases: choosing registers alone says where the cases are, even
    after an import (not "no register imported yet")."""
    at = open_page("pages/rotations.py")
    at.radio(key="origin").set_value("register").run()
    assert any(t("cases_published_only", "vi") in info.value for info in at.info)


def test_a_viewer_arriving_is_sent_the_charts_and_only_what_they_open():
    """A room opening the link is sent each chart, not its table, download buttons or the
    briefing form; each appears when the reader opens its tab, menu or expander."""
    arrived = open_page("pages/rotations.py", tab=None)
    assert figures(arrived) and not arrived.dataframe and not arrived.get("download_button")
    assert "briefing_make" not in arrived.session_state
    menus = opened(arrived, "chart_view")  # and the expanders
    assert figures(menus) and not menus.dataframe
    assert {t("download_csv", "vi"), t("download_png", "vi")} <= {b.proto.label for b in menus.get("download_button")}
    tables = opened(menus, "table_view")
    assert not figures(tables) and tables.dataframe
    assert tables.button(key="briefing_make")
