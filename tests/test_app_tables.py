"""Tables, numbers and citations as a reader gets them, through Streamlit's AppTest: no "None"
in any table, the page language's number formats, integers for counts, halves rounded up, the
overview's periods beside its numbers, and the Sources search in the URL."""

from __future__ import annotations

import io
import re

import pandas as pd
import pyarrow as pa
import pytest

from queries.i18n import t

from .test_app_dashboard import PAGES, downloaded_csv, figures, open_page, recorded_downloads  # noqa: F401
from .test_bundle import ENGLISH_WORDS, VIETNAMESE_WORDS

MISSING_WORDS = re.compile(r"\b(None|nan|NaN|NaT|<NA>)\b")


def tables(at) -> list[pd.DataFrame]:
    return [table.value for table in at.dataframe]


def column(at, header: str, index: int = 0) -> list:
    """A column as the reader sees it: the display text the page sends (numbers formatted)."""
    data = at.dataframe[index].proto.arrow_data.styler.display_values
    return pa.ipc.open_stream(data).read_all().column(header).to_pylist()


def page_texts(at) -> list[str]:
    """What the page writes outside its tables and charts."""
    elements = [*at.markdown, *at.caption, *at.info, *at.warning, *at.subheader, *at.title]
    return [e.value for e in elements] + [m.value for m in at.metric] + [m.label for m in at.metric]


def assert_tables_show_no_none(at) -> None:
    """Every cell of every table is a value or missing, and a missing one is drawn as a dash."""
    assert at.dataframe, "every page has a table"
    for table in at.dataframe:
        assert table.proto.placeholder == "–", "a missing value shows as a dash"
        for value in table.value.astype(object).to_numpy().ravel():
            assert pd.isna(value) or not MISSING_WORDS.search(str(value)), value


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_no_none_in_any_table_or_text(page, lang):
    at = open_page(page, tab="table_view", lang=lang)
    assert_tables_show_no_none(at)
    for text in page_texts(at):
        assert not MISSING_WORDS.search(text), (page, text)


@pytest.mark.parametrize("page", PAGES)
def test_no_data_quality_code_on_screen(page):
    at = open_page(page, district="Bắc Hà")
    for table in tables(at):
        assert not table.astype(str).apply(lambda c: c.str.contains("dq-")).any().any(), page


def test_tables_use_the_page_languages_number_format():
    vi = open_page("pages/sources.py", district="Bắc Hà")
    assert {"147,8", "65,87", "> 9.530"} <= set(column(vi, t("value_number", "vi")))  # a bound keeps its sign
    assert "65,87%" in column(vi, t("value_as_published", "vi"))
    en = open_page("pages/sources.py", district="Bắc Hà", lang="en")
    assert {"147.8", "65.87", "> 9,530"} <= set(column(en, t("value_number", "en")))
    counts = column(open_page("pages/quotas.py", tab="table_view", district="Thanh Trì"), t("numerator", "vi"))
    assert set(counts) >= {"12", "5", "17"}  # counts without decimals
    assert {12.0, 5.0, 17.0} <= set(tables(open_page("pages/quotas.py", tab="table_view", district="Thanh Trì"))[0][
        t("numerator", "vi")])  # and sent as numbers: a click on the header sorts them as numbers


def test_csvs_write_counts_as_integers_and_numbers_machine_readable():
    at = open_page("pages/quotas.py", district="Thanh Trì")
    data, table = downloaded_csv(at)
    text = data.decode("utf-8-sig")
    assert set(table[t("numerator", "vi")]) >= {12, 5, 17} and not re.search(r",\d+\.0(,|$)", text, re.M)
    data, _ = downloaded_csv(open_page("pages/sources.py", district="Bắc Hà"))
    values = set(pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)[t("value_number", "vi")])
    assert {"54", "147.8", "65.87", "9530"} <= values  # no "54.0", no thousands separator


@pytest.mark.parametrize("lang, shown", [("vi", "31,3% (5/16)"), ("en", "31.3% (5/16)")])
def test_five_of_sixteen_reads_31_3_percent(lang, shown):
    at = open_page("pages/quotas.py", district="Thanh Trì", lang=lang)
    assert shown in figures(at)[0]["data"][0]["text"]


def test_overview_exports_4_of_19_as_4_of_19():
    at = open_page(district="Bắc Hà", term="2015-2020")  # 2019; its latest, 7 communes at the end of 2020, has no total
    data, table = downloaded_csv(at)
    row = table[table[t("metric", "vi")] == t("latest_new_rural", "vi")].iloc[0]
    assert row[t("value_as_published", "vi")] == "4/19"
    assert (row[t("numerator", "vi")], row[t("denominator", "vi")]) == (4, 19)
    assert ",4/19,4,4,19," in data.decode("utf-8-sig")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_overview_puts_each_period_beside_its_number(lang):
    at = open_page(lang=lang)
    markdown = [m.value for m in at.markdown]
    spring = "spring 2025" if lang == "en" else "xuân 2025"
    assert f":material/calendar_month: **2020 – {spring}**" in markdown  # Bắc Hà's 54
    assert ":material/calendar_month: **2010-2015**" in markdown  # Điện Biên's 18
    older = t("older_than_terms", lang, term="2020-2025")
    assert sum(older in text for text in markdown) == 2  # Điện Biên 2010-2015, Phúc Thọ 2010
    assert len(figures(at)) == 1, "one small comparison chart"
    at_first_term = open_page(lang=lang, term="2010-2015")
    assert not any(t("older_than_terms", lang, term="2010-2015") in m.value for m in at_first_term.markdown)


def test_overview_cites_each_reference_by_its_page():
    at = open_page(district="Thanh Trì")  # its latest poverty rate, 0% at the end of 2022
    assert any("](https://www.vietnam.vn/ja/chi-trong-3-nam-ha-noi-da-giam-duoc-4-463-ho-ngheo)" in caption.value
               for caption in at.caption)
    at = open_page(district="Bắc Hà", lang="en")
    assert any("Báo Lào Cai (publication date not shown)" in caption.value for caption in at.caption)


def test_checks_table_gives_the_data_quality_note_itself():
    at = open_page("pages/quotas.py", district="Bắc Hà")
    notes = column(at, t("note", "vi"), index=-1)
    assert any(isinstance(note, str) and note.startswith("Bài báo ghi bình quân giảm 5,17") for note in notes)


def test_sources_cite_articles_by_title_publisher_and_date_not_by_file():
    at = open_page("pages/sources.py", district="Thanh Trì")
    figures_table, sources_table = tables(at)
    assert t("file", "vi") not in figures_table.columns and t("file", "vi") not in sources_table.columns
    article = figures_table[figures_table[t("figure_id", "vi")] == "cpv23-01"].iloc[0]
    assert (article[t("publisher", "vi")], article[t("published_on", "vi")]) == ("Chinhphu.vn", "27/07/2023")
    assert article[t("title", "vi")] == "Khắc phục tình trạng cục bộ, khép kín trong công tác cán bộ"
    english = tables(open_page("pages/sources.py", district="Thanh Trì", lang="en"))[0]
    title = english[english[t("figure_id", "en")] == "cpv23-01"].iloc[0][t("title", "en")]
    assert title == "Khắc phục tình trạng cục bộ, khép kín trong công tác cán bộ [Overcoming localism and insularity in cadre work]"
    assert set(sources_table[t("source_kind", "vi")]) >= {t("source_kind_article", "vi"), t("source_kind_legal", "vi")}


@pytest.mark.parametrize("lang, foreign", [("vi", ENGLISH_WORDS), ("en", VIETNAMESE_WORDS)])
def test_sources_tables_hold_the_page_language_only(lang, foreign):
    """Data texts (periods, notes, publishers, kinds, confidence) in the reader's language; quotes
    and printed titles stay as printed, place names as they are."""
    at = open_page("pages/sources.py", lang=lang)
    at.toggle(key="sources_everywhere").set_value(True).run()
    for table in tables(at):
        for header in ("period", "note", "publisher", "date_note", "confidence", "source_kind", "quality_note"):
            if t(header, lang) not in table.columns:
                continue
            for text in table[t(header, lang)].dropna():
                assert not set(re.findall(r"[^\W\d_]+", text.lower())) & foreign, (header, text)


def test_search_for_thanh_tri_lists_thanh_tri_first():
    at = open_page("pages/sources.py")
    at.text_input(key="sources_search").input("thanh tri").run()
    districts = column(at, t("district", "vi"))
    thanh_tri = [d == "Thanh Trì" for d in districts]
    assert thanh_tri[0] and thanh_tri == sorted(thanh_tri, reverse=True)


def test_search_without_result_says_the_search_is_why():
    at = open_page("pages/sources.py", lang="en")
    at.text_input(key="sources_search").input("xyzzy").run()
    assert [info.value for info in at.info] == [t("search_no_result", "en", query="xyzzy")]
    assert len(at.dataframe) == 1  # the list of sources stays


def test_search_and_switch_go_into_the_url():
    at = open_page("pages/sources.py")
    at.text_input(key="sources_search").input("thanh tri").run()
    at.toggle(key="sources_everywhere").set_value(True).run()
    assert (at.query_params["q"], at.query_params["all"]) == ("thanh tri", "1")
    at.text_input(key="sources_search").input("").run()
    at.toggle(key="sources_everywhere").set_value(False).run()
    assert "q" not in at.query_params and "all" not in at.query_params


def test_a_shared_search_link_reproduces_the_search():
    at = open_page("pages/sources.py", q="thanh tri", all="1", lang="en")
    assert at.text_input(key="sources_search").value == "thanh tri"
    assert at.toggle(key="sources_everywhere").value is True
    assert column(at, t("district", "en"))[0] == "Thanh Trì"
