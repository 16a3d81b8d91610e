"""Exact marks as the browser receives them, on every chart page and the sources page, in both
languages, for several filter sets: numbers in tables go as numbers (Arrow number types,
shown in the reader's format), no two legend series look alike without their colour, and
every chart has its source line right under it."""

from __future__ import annotations

import re

import pyarrow as pa
import pytest

from queries.i18n import t

from .test_app_dashboard import PAGES, downloaded_csv, figures, open_page, opened  # noqa: F401
from .test_app_dashboard import recorded_downloads  # noqa: F401  (autouse fixture)

FILTER_SETS = {
    "all districts": {},
    "Thanh Trì + Phúc Thọ": {"district": ["Thanh Trì", "Phúc Thọ"]},
    "Bắc Hà + 2020-2025": {"district": ["Bắc Hà"], "term": ["2020-2025"]},
    "Điện Biên": {"district": ["Điện Biên"]},
}
# Headers (i18n keys) of columns that hold numbers wherever they appear.
NUMBER_COLUMNS = ("value_number", "numerator", "denominator", "attained_pct_col", "target_pct_col", "published_pct",
                  "gap_people", "computed", "figures")  # "published" is also "published_on" in English
# Text that is a number, perhaps with its sign or unit: "65,87", "> 90", "9.530", "14,3%".
NUMBER_TEXT = re.compile(r"^[<>≈≥≤]?\s?-?\d[\d.,]*\s?%?$")
# Text columns whose values may look like numbers and are text: "2019" is a period as published.
TEXT_COLUMNS = ("period", "term", "published_on", "figure_id", "when", "value_as_published")


def arrow(element) -> pa.Table:
    """The table a dataframe element sends the browser."""
    return pa.ipc.open_stream(element.proto.arrow_data.data).read_all()


def displayed(element) -> pa.Table | None:
    """The text the browser shows for each cell (a Styler's display values), if any."""
    data = element.proto.arrow_data.styler.display_values
    return pa.ipc.open_stream(data).read_all() if data else None


def assert_numbers_are_numbers(at, lang: str) -> None:
    number_headers = {t(key, lang) for key in NUMBER_COLUMNS}
    text_headers = {t(key, lang) for key in TEXT_COLUMNS}
    for element in at.dataframe:
        table, shown = arrow(element), displayed(element)
        assert shown is not None, "numbers are shown in the reader's format (display values)"
        for field in table.schema:
            numeric = pa.types.is_integer(field.type) or pa.types.is_floating(field.type)
            if field.name in number_headers:
                assert numeric or pa.types.is_null(field.type), (field.name, field.type)
            elif field.name not in text_headers and (pa.types.is_string(field.type) or
                                                     pa.types.is_large_string(field.type)):
                values = [v for v in table.column(field.name).to_pylist() if v not in (None, "", "–")]
                assert not values or not all(NUMBER_TEXT.match(v) for v in values), (field.name, values[:5])
            if numeric:
                texts = [v for v in shown.column(field.name).to_pylist() if v != "–"]
                decimal = "," if lang == "vi" else "."
                other = "." if lang == "vi" else ","
                for text, value in zip(texts, [v for v in table.column(field.name).to_pylist() if v is not None]):
                    if abs(value) < 1000 and value != int(value):  # a decimal written the reader's way
                        assert decimal in text and other not in text, (field.name, value, text)


def legend_looks(spec: dict) -> dict[str, tuple]:
    """Each legend entry's marker (a bar's pattern) and dash, by name, from the figure's JSON."""
    shown = [trace for trace in spec["data"] if trace.get("showlegend", True) is not False and trace.get("name")]
    if len(shown) < 2 and not any(trace.get("showlegend") is True for trace in shown):
        return {}
    looks: dict[str, tuple] = {}
    for trace in shown:
        marker, line = trace.get("marker") or {}, trace.get("line") or {}
        if trace.get("type") == "bar":
            shape = (marker.get("pattern") or {}).get("shape", "")
            look = (str(shape), None)
        else:
            mode = trace.get("mode", "lines+markers")
            look = (str(marker.get("symbol", "circle")) if "markers" in mode else None,
                    line.get("dash", "solid") if "lines" in mode else None)
        looks.setdefault(trace["name"], look)
    return looks


def flat(node) -> list:
    """The page's elements in the order they are drawn (containers opened)."""
    children = getattr(node, "children", None)
    if isinstance(children, dict) and children:
        return [leaf for key in sorted(children) for leaf in flat(children[key])]
    return [node]


def assert_each_chart_has_its_source_line_under_it(at, lang: str) -> None:
    elements = [e for e in flat(at.main) if e.type != "tab"]  # an unopened tab is empty
    charts = [i for i, e in enumerate(elements) if e.type == "plotly_chart"]
    assert charts, "the page draws charts"
    for i in charts:
        after = elements[i + 1]
        assert after.type == "caption" and after.value.startswith(f"{t('source', lang)}: "), (after.type, after.value)
        assert len(after.value) > len(f"{t('source', lang)}: ") + 3


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("filters", FILTER_SETS)
@pytest.mark.parametrize("page", PAGES)
def test_numbers_legends_and_source_lines(page, filters, lang):
    at = open_page(page, lang=lang, **FILTER_SETS[filters])
    if page != "pages/sources.py":
        assert_each_chart_has_its_source_line_under_it(at, lang)
        for spec in figures(at):
            looks = legend_looks(spec)
            assert len(set(looks.values())) == len(looks), looks  # told apart without colour
        at = opened(at, "table_view")
    assert at.dataframe, "the page shows its numbers as a table"
    assert_numbers_are_numbers(at, lang)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_checks_csv_holds_numbers(lang):
    at = open_page("pages/quotas.py", lang=lang)
    data, table = downloaded_csv(at, index=-1)  # the last download: the checks
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the Vietnamese text
    for header in (t("computed", lang), t("published", lang)):
        assert table[header].dtype == "float64", (header, table[header].tolist())
    assert 53.125 in set(table[t("computed", lang)])  # the number itself, not "53,13"
