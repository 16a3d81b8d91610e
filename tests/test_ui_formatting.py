"""Number formats per language, bounds kept as bounds, accent-free search, CSV bytes."""

from __future__ import annotations

import pandas as pd
import pytest

from ui.formatting import fold, format_figure, format_number, is_bound, is_missing, matching, search_text
from ui.network import lan_ip, share_link
from ui.widgets import csv_bytes


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
