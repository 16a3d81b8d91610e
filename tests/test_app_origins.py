"""Published and register figures through Streamlit's AppTest, with a generated SAMPLE register
imported: every page labels sample data, every chart tells a register series from the published
one of the same district, and every table and CSV says where each figure comes from."""

from __future__ import annotations

import pytest
import streamlit as st

import queries
from ui.charts import REGISTER_DASH, REGISTER_PATTERN
from queries.i18n import t

from .registers_support import import_path, sample_files, store_database
from .test_app_dashboard import downloaded_csv, figures, open_page, recorded_downloads  # noqa: F401
from .test_app_tables import assert_tables_show_no_none
from .test_one_language import one_language_vocabulary, page_words, visible_texts

CHART_PAGES = ("pages/rotations.py", "pages/poverty.py", "pages/quotas.py")
PAGES = (*CHART_PAGES, "dashboard.py")


@pytest.fixture(scope="module", autouse=True)
def sample_store(tmp_path_factory):
    """The app's database, swapped for one whose store holds the generated sample."""
    database = store_database(tmp_path_factory.mktemp("store") / "store")
    for path in sample_files(tmp_path_factory.mktemp("sample"), events=2000).values():
        import_path(database, path, generated=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(queries, "_default", database)
        st.cache_resource.clear()
        st.cache_data.clear()
        yield database
    st.cache_resource.clear()
    st.cache_data.clear()


def sample_suffix(lang: str) -> str:
    return t("register_suffix_sample", lang)


def has_banner(at, lang: str) -> bool:
    return any(warning.value == t("sample_banner", lang) for warning in at.warning)


def is_register_trace(trace: dict, lang: str) -> bool:
    return trace.get("name", "").endswith(sample_suffix(lang))


def drawn_as_register(trace: dict) -> bool:
    """Hatched bars, or dashed lines with hollow markers: never the published look."""
    pattern = trace.get("marker", {}).get("pattern", {}).get("shape")
    if pattern is not None:
        return set(pattern if isinstance(pattern, list) else [pattern]) == {REGISTER_PATTERN}
    symbol = trace.get("marker", {}).get("symbol", "")
    return trace.get("line", {}).get("dash") in REGISTER_DASH.values() and symbol.endswith("-open")


def chart_series(at) -> set[tuple]:
    """What the page's first chart draws: each trace's name and values, or for the attainment bars
    (one trace) each bar's label and value."""
    traces = figures(at)[0]["data"]
    if "customdata" in traces[0]:
        return set(zip(traces[0]["customdata"], traces[0]["x"]))
    return {(tr.get("name"), tuple(tr.get("x", ()))) for tr in traces}


@pytest.mark.parametrize("origin", ["both", "register"])
@pytest.mark.parametrize("page", PAGES)
def test_sample_data_has_a_banner_and_a_data_source_column(page, origin):
    at = open_page(page, origin=origin)
    assert has_banner(at, "vi")
    assert at.markdown[0].value.endswith(t(f"shows_{origin}", "vi"))
    _, table = downloaded_csv(at)
    sources = set(table[t("data_source", "vi")])
    assert f"{t('register', 'vi')} ({t('sample_short', 'vi')})" in sources
    if origin == "both" and page != "dashboard.py":
        assert t("published", "vi") in sources


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("origin", ["both", "register"])
@pytest.mark.parametrize("page", CHART_PAGES)
def test_register_series_are_labelled_and_drawn_apart(page, origin, lang):
    at = open_page(page, origin=origin, lang=lang)
    assert has_banner(at, lang)
    traces = [tr for fig in figures(at) for tr in fig["data"] if tr.get("type") in ("bar", "scatter")]
    if page == "pages/quotas.py":  # one bar trace: each register bar is labelled and hatched
        bars = [tr for tr in traces if tr["type"] == "bar"]
        for bars_trace in bars:
            for label, shape in zip(bars_trace["customdata"], bars_trace["marker"]["pattern"]["shape"]):
                assert (shape == REGISTER_PATTERN) == label.endswith(sample_suffix(lang))
        assert any(label.endswith(sample_suffix(lang)) for label in bars[0]["customdata"])
        traces = [tr for tr in traces if tr["type"] == "scatter" and tr.get("name") != t("target", lang)]
    register = [tr for tr in traces if is_register_trace(tr, lang)]
    assert register
    assert all(drawn_as_register(tr) for tr in register)
    assert not any(drawn_as_register(tr) for tr in traces if not is_register_trace(tr, lang))
    hovers = " ".join(h for tr in register for h in tr.get("hovertext", []))
    assert "generated_" in hovers and f"{t('imported_on', lang)}:" in hovers  # the register file and import time


@pytest.mark.parametrize("page", CHART_PAGES)
def test_published_series_are_unchanged_beside_registers(page):
    published = chart_series(open_page(page))
    both = chart_series(open_page(page, origin="both"))
    assert published <= both
    assert all((series[0] or "").endswith(sample_suffix("vi")) for series in both - published)


def test_rotation_bars_of_one_district_sit_side_by_side():
    at = open_page("pages/rotations.py", origin="both", district="Bắc Hà")
    positions = {tr["name"]: set(tr["y"]) for tr in figures(at)[0]["data"]}
    assert set(positions) == {"Bắc Hà (huyện)", "Bắc Hà (huyện)" + sample_suffix("vi")}
    published, register = positions.values()
    assert not published & register  # each bar on its own line, never one over the other


def test_rotation_terms_are_sections_of_their_own():
    """Three terms × five kinds on one axis overlapped; a heading per term keeps them apart."""
    fig = figures(open_page("pages/rotations.py", origin="both"))[0]
    headings = [a["text"] for a in fig["layout"]["annotations"] if a["text"].startswith("<b>")]
    assert headings == ["<b>Nhiệm kỳ 2010-2015</b>", "<b>Nhiệm kỳ 2015-2020</b>", "<b>Nhiệm kỳ 2020-2025</b>"]


@pytest.mark.parametrize("page", PAGES)
def test_published_only_shows_no_sample_banner(page):
    at = open_page(page, lang="en")
    assert not has_banner(at, "en")
    assert at.markdown[0].value.endswith(t("shows_published", "en"))
    assert not any(is_register_trace(tr, "en") for fig in figures(at) for tr in fig["data"])
    _, table = downloaded_csv(at)
    assert set(table[t("data_source", "en")]) == {t("published", "en")}


def test_overview_names_register_figures_and_their_file():
    at = open_page(origin="register", district="Phúc Thọ")
    assert any("Sổ đăng ký (mẫu)" in markdown.value for markdown in at.markdown)  # the badge over the figure
    assert any("generated_rotation_events.csv" in caption.value for caption in at.caption)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", [*PAGES, "pages/sources.py"])
def test_register_figures_leave_no_none_in_tables(page, lang):
    assert_tables_show_no_none(open_page(page, tab="table_view", origin="both", lang=lang))


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_register_figures_speak_the_pages_language(page, lang):
    other = "en" if lang == "vi" else "vi"
    vocabulary = one_language_vocabulary()[other]
    at = open_page(page, origin="both", lang=lang)
    found = {word: text[:120] for text in visible_texts(at) for word in page_words(text, other) & vocabulary}
    assert not found, f"{other} words on a {lang} page: {found}"
