"""Number formats per language, bounds kept as bounds, accent-free search, CSV bytes."""

from __future__ import annotations

import pandas as pd
import pytest

from ui.formatting import (fold, format_figure, format_number, in_language, is_bound, is_missing, matching, ranked_search,
                           search_text)
from ui.network import lan_ip, share_link
from queries.exports import csv_bytes
from queries.i18n import t
from ui.selection import LEVELS, Filters
from ui.tables import display_table, download_name, shown_table


@pytest.mark.parametrize("value,lang,expected", [
    (65.87, "vi", "65,87"), (65.87, "en", "65.87"),
    (9530, "vi", "9.530"), (9530, "en", "9,530"),
    (95300.0, "vi", "95.300"), (14.2857, "vi", "14,29"), (50.0, "vi", "50"),
    (0.19, "en", "0.19"), (None, "vi", "–"), (float("nan"), "en", "–"), (pd.NA, "vi", "–"),
])
def test_format_number(value, lang, expected):
    assert format_number(value, lang) == expected


def test_format_number_with_fixed_decimals():
    assert format_number(14.2857, "vi", 1) == "14,3"
    assert format_number(1234.5, "en", 1) == "1,234.5"


@pytest.mark.parametrize("value,qualifier,unit,lang,expected", [
    (90, ">", "percent", "vi", "> 90%"), (2, "<", "percent", "en", "< 2%"),
    (8, "≈", "ha", "vi", "≈ 8"), (65.87, "=", "percent", "vi", "65,87%"),
    (36, "=", "days_per_year", "en", "36 days/year"), (9530, ">", "officials", "vi", "> 9.530"),
])
def test_format_figure_keeps_the_qualifier(value, qualifier, unit, lang, expected):
    assert format_figure(value, qualifier, unit, lang) == expected


def test_bounds():
    assert is_bound(">") and is_bound("<") and is_bound("<=")
    assert not is_bound("=") and not is_bound("≈") and not is_bound(None)


def test_missing():
    assert is_missing(None) and is_missing(float("nan")) and is_missing(pd.NaT) and is_missing(pd.NA)
    assert not is_missing(0) and not is_missing("") and not is_missing([1])


def test_fold_maps_d_bar_before_stripping_accents():
    assert fold("Điện Biên") == "dien bien"
    assert fold("ĐẠI THANH") == "dai thanh"
    assert fold("Phúc Thọ") == "phuc tho"


@pytest.mark.parametrize("query", ["Dien Bien", "dien bien", "ĐIỆN BIÊN", "bien dien", "điện"])
def test_search_without_accents(query):
    texts = search_text(pd.DataFrame({"area": ["Huyện Điện Biên", "Phúc Thọ"], "province": ["Lào Cai", None]}))
    assert matching(query, texts).tolist() == [True, False]


def test_search_needs_every_word():
    texts = search_text(pd.DataFrame({"area": ["Điện Biên"], "value": [53.1]}))
    assert not matching("dien tho", texts).any()
    assert matching("", texts).all()
    assert matching("53.1", texts).all()


def test_csv_bytes_have_a_bom_and_vietnamese_text():
    data = csv_bytes(pd.DataFrame({"Huyện": ["Điện Biên"], "Giá trị": [18]}))
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["Huyện,Giá trị", "Điện Biên,18"]


def test_share_link_uses_the_lan_address_and_keeps_page_and_filters():
    parts = lan_ip().split(".")
    assert len(parts) == 4 and all(p.isdigit() for p in parts)
    params = {"lang": ["en"], "district": ["Thanh Trì", "Bắc Hà"]}
    link = share_link("http://localhost:8501/quotas", 8501, "quotas", params)
    assert link == f"http://{lan_ip()}:8501/quotas?lang=en&district=Thanh+Tr%C3%AC&district=B%E1%BA%AFc+H%C3%A0"
    assert share_link(None, 8600, "", {}) == f"http://{lan_ip()}:8600/"  # no browser address yet (AppTest)
    # a name the room already uses (or a proxy's port) is kept
    assert share_link("http://10.1.2.3:8080/sources", 8501, "sources", {"q": ["thanh tri"]}) == \
        "http://10.1.2.3:8080/sources?q=thanh+tri"


@pytest.mark.parametrize("value,lang,decimals,expected", [
    (31.25, "vi", 1, "31,3"),  # 5/16: half rounds up, as readers do (Python's f"{31.25:.1f}" is 31.2)
    (100 * 5 / 16, "en", 1, "31.3"), (0.125, "en", None, "0.13"), (2.675, "vi", None, "2,68"),
    (14.25, "vi", 1, "14,3"), (-0.001, "vi", None, "0"), (53.125, "vi", 2, "53,13"), (6.0, "vi", None, "6"),
])
def test_format_number_rounds_halves_up(value, lang, decimals, expected):
    assert format_number(value, lang, decimals) == expected


def test_a_count_out_of_a_total_reads_as_published():
    assert format_figure(4, "=", "communes", "vi", out_of=19) == "4/19"
    assert format_figure(14.3, "=", "percent", "en", out_of=42) == "14.3%"  # a share keeps its percent
    assert format_figure(4, "=", "communes", "vi", out_of=None) == "4"


def test_in_language_adds_the_readers_text_under_the_plain_name():
    frame = pd.DataFrame({"metric": ["poverty_rate"], "metric_vi": ["Tỷ lệ hộ nghèo"], "metric_en": ["Poverty rate"],
                          "period_vi": ["xuân 2025"], "period_en": ["spring 2025"],
                          "source_title": ["Hiệu quả"], "source_title_en": ["Results"],
                          "title": ["generated.csv"], "title_en": [None]})
    vi, en = in_language(frame, "vi"), in_language(frame, "en")
    assert vi.period[0] == "xuân 2025" and en.period[0] == "spring 2025"
    assert vi.metric[0] == en.metric[0] == "poverty_rate"  # a code keeps its column
    assert vi.source_title[0] == "Hiệu quả" and en.source_title[0] == "Hiệu quả [Results]"
    assert en.title[0] == "generated.csv"  # nothing to translate
    assert {"period_vi", "period_en"} <= set(en.columns)


def test_search_lists_the_area_it_names_first():
    frame = pd.DataFrame({"district": ["Bắc Kạn", "Điện Biên", "Thanh Trì"],
                          "area": ["Bắc Kạn", "Thanh Hưng", "Thanh Trì"],
                          "note": ["trí thức trẻ, thanh niên", "trí thức", "tỷ lệ"]})
    found = ranked_search(frame, "thanh tri")
    assert list(found.district) == ["Thanh Trì", "Bắc Kạn", "Điện Biên"]
    assert ranked_search(frame, "  ").equals(frame) and ranked_search(frame, "hà giang").empty


def test_csv_writes_counts_as_integers_and_numbers_as_numbers():
    frame = pd.DataFrame({"Giá trị": [54.0, 147.8, None], "Tử số": pd.array([6, None, 19], dtype="Int64"),
                          "Như đã công bố": ["54", "147,8", "4/19"]})
    assert csv_bytes(frame).decode("utf-8-sig").splitlines() == [
        "Giá trị,Tử số,Như đã công bố", '54,6,54', '147.8,,"147,8"', ",19,4/19"]


def displayed(styler) -> dict[str, list[str]]:
    """What the browser shows of each column of a Styler: its display values, as Streamlit makes
    them (`data.astype(str)`, then each cell `_translate` names overwritten)."""
    from streamlit.elements.lib.pandas_styler_utils import _use_display_values

    styler._compute()
    shown = _use_display_values(styler.data, styler._translate(False, False))
    return {name: shown[name].tolist() for name in shown.columns}


def test_tables_show_the_page_languages_numbers_and_a_dash_for_missing():
    table = pd.DataFrame({"Giá trị": [147.8, 9530.0, None], "Số": pd.array([6, None, 19], dtype="Int64"),
                          "Ngày": pd.to_datetime(["2014-07-01", None, "2023-07-27"]), "Tên": ["a", None, "c"]})
    vi, en = displayed(shown_table(table, "vi")), displayed(shown_table(table, "en"))
    assert vi["Giá trị"] == ["147,8", "9.530", "–"] and en["Giá trị"] == ["147.8", "9,530", "–"]
    assert vi["Số"] == ["6", "–", "19"] and vi["Ngày"] == ["01/07/2014", "–", "27/07/2023"]
    assert vi["Tên"] == ["a", "–", "c"]
    styler = shown_table(table, "vi")
    assert styler.data["Giá trị"].dtype == "float64" and styler.data["Số"].dtype == "Int64"  # numbers stay numbers
    assert table["Giá trị"].iloc[0] == 147.8  # the CSV's table keeps its numbers


def test_a_bound_keeps_its_sign_beside_its_number():
    frame = pd.DataFrame({"value": [90.0, 65.87, 2.0], "qualifier": [">", "=", "<"]})
    table = display_table(frame, {"value": "value_number"}, "vi")
    assert table[t("value_number", "vi")].dtype == "float64"
    assert displayed(shown_table(table, "vi"))[t("value_number", "vi")] == ["> 90", "65,87", "< 2"]
    assert displayed(shown_table(table.head(2), "en"))[t("value_number", "vi")] == ["> 90", "65.87"]


@pytest.mark.parametrize("districts, named", [
    (("Bắc Hà", "Điện Biên", "Phúc Thọ", "Thanh Trì"), "bac-ha-dien-bien-phuc-tho-thanh-tri"),
    (("Thanh Trì",), "thanh-tri"),
    (("Bắc Hà", "Điện Biên", "Phúc Thọ", "Thanh Trì", "Bát Xát"), "5-huyen"),
])
def test_a_download_name_never_drops_a_district(districts, named):
    filters = Filters("vi", False, districts, ("2020-2025",), LEVELS, "published", ("2020-2025",))
    name = download_name("Mức đạt", filters, "csv")
    assert name.split("_")[1] == named, name


def test_a_shared_table_is_formatted_once_and_sent_the_same_to_every_session():
    import pyarrow as pa
    from streamlit.elements.lib.pandas_styler_utils import marshall_styler
    from streamlit.proto.ArrowData_pb2 import ArrowData

    from ui.views import screen_table

    frame = pd.DataFrame({"value": [90.0, 65.87], "qualifier": [">", "="]})
    styler = screen_table(display_table(frame, {"value": "value_number"}, "vi"), "vi")
    sent = []
    for session in ("one", "two"):
        proto = ArrowData()
        marshall_styler(proto, styler, session)
        sent.append(proto.styler.display_values)
    assert sent[0] == sent[1] and styler.uuid == "shared"
    assert displayed(styler)[t("value_number", "vi")] == ["> 90", "65,87"]
    # what the browser gets: the texts as display values, over the numbers themselves
    assert pa.ipc.open_stream(sent[0]).read_pandas()[t("value_number", "vi")].tolist() == ["> 90", "65,87"]
    assert styler.data[t("value_number", "vi")].tolist() == [90.0, 65.87]
