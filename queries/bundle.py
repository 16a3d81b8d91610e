"""The bundled data files and their rules.

Every file in data/ is checked here before DuckDB sees it, so a broken file fails loudly
with its name, line, column and the rule it breaks, instead of a chart quietly showing a
wrong number. The checks are plain Python over small CSV files: they take milliseconds.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .errors import BundleError
from .i18n import Msg

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

AREA_LEVELS = ("commune", "district", "province", "country")
QUALIFIERS = ("=", ">", ">=", "<", "<=", "≈")
SOURCE_KINDS = ("article", "reference", "legal")
CONFIDENCES = ("high", "medium", "low")
# Tolerance between a published percentage and its own numerator / denominator: articles
# round to one decimal (6/42 is printed 14,3%).
PERCENT_TOLERANCE = 0.05


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"  # text | int | number | date | bool | year_or_date
    required: bool = True


def _cols(spec: str) -> tuple[Column, ...]:
    """'name:kind' or 'name:kind?' (optional) separated by spaces."""
    out = []
    for item in spec.split():
        name, _, kind = item.partition(":")
        optional = kind.endswith("?")
        out.append(Column(name, kind.rstrip("?") or "text", not optional))
    return tuple(out)


# One entry per bundled file: its columns, in order, with their types.
FILES: dict[str, tuple[Column, ...]] = {
    "terms.csv": _cols("term starts_on:date ends_on:date label_vi label_en"),
    "areas.csv": _cols("area area_level district:? province:? focus:bool"),
    "units.csv": _cols("unit label_vi label_en suffix_vi:? suffix_en:?"),
    "metrics.csv": _cols("metric topic unit rotation_kind:? label_vi label_en"),
    "sources.csv": _cols(
        "source_id kind title:? title_en:? publisher_vi publisher_en published:year_or_date? date_note_vi:? "
        "date_note_en:? author:? file:? url:?"
    ),
    "poverty_standards.csv": _cols("standard starts_on:date? ends_on:date? label_vi label_en source_id:? province:?"),
    "figure_standards.csv": _cols("figure_id standard note_vi note_en"),
    "figures.csv": _cols(
        "figure_id area area_level metric period_vi:? period_en:? period_start:date? period_end:date? term:? "
        "value:number qualifier unit numerator:int? denominator:int? source_id quote:? note_vi:? note_en:? confidence:?"
    ),
    "rotation_cases.csv": _cols(
        "case_id district person from_post_vi:? from_post_en:? from_level:? from_unit:? to_post_vi to_post_en "
        "to_level to_unit moved_from:date? moved_by:date date_text_vi date_text_en source_id quote note_vi:? note_en:?"
    ),
    "data_quality.csv": _cols("note_id figure_ids severity note_vi note_en"),
    "districts.csv": _cols(
        "district province gso_district_code gso_province_code communes_before_2025_vi communes_before_2025_en "
        "area_km2:number population:int population_year:int? lat:number lon:number became_on_2025_07_01_vi "
        "became_on_2025_07_01_en source_vi source_en"
    ),
}


@dataclass
class Row:
    """One parsed CSV row and where it came from, for error messages."""

    file: str
    line: int
    values: dict

    def __getitem__(self, key):
        return self.values[key]

    def fail(self, column: str | None, key: str, **values) -> BundleError:
        return BundleError(f"data/{self.file}", self.line, column, key, **values)


def _parse(value: str, kind: str):
    if kind == "text":
        return value
    if kind == "int":
        number = float(value.replace(" ", ""))
        if not number.is_integer():
            raise ValueError
        return int(number)
    if kind == "number":
        number = float(value)
        if not math.isfinite(number):
            raise ValueError
        return number
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "year_or_date":
        if len(value) == 4 and value.isdigit():
            return value
        return dt.date.fromisoformat(value).isoformat()
    if kind == "bool":
        if value not in ("true", "false"):
            raise ValueError
        return value == "true"
    raise AssertionError(kind)


def read_file(name: str, data_dir: Path = DATA_DIR) -> list[Row]:
    """Read one bundled CSV and check its header and the type of every cell."""
    path = data_dir / name
    columns = FILES[name]
    if not path.exists():
        raise BundleError(f"data/{name}", None, None, "bundle_missing_file")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        expected = [c.name for c in columns]
        if header != expected:
            raise BundleError(f"data/{name}", 1, None, "bundle_header", expected=",".join(expected),
                              found=",".join(header or []))
        rows = []
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(columns):
                raise BundleError(f"data/{name}", line, None, "bundle_cell_count", found=len(cells),
                                  expected=len(columns))
            values = {}
            for column, cell in zip(columns, cells):
                cell = cell.strip()
                if not cell:
                    if column.required:
                        raise BundleError(f"data/{name}", line, column.name, "bundle_required")
                    values[column.name] = None
                    continue
                try:
                    values[column.name] = _parse(cell, column.kind)
                except ValueError:
                    raise BundleError(f"data/{name}", line, column.name, "bundle_not_kind", cell=cell,
                                      kind=Msg(f"bundle_kind_{column.kind}")) from None
            row = Row(name, line, values)
            _check_languages(row, columns)
            rows.append(row)
    return rows


def _check_languages(row: Row, columns: tuple[Column, ...]) -> None:
    """Text shown to readers comes in both languages: `X_vi` with `X_en`, and a printed original
    `X` (a title, kept as a citation) with its translation `X_en`. One without the other would
    leave a page in one language showing the other."""
    names = {c.name for c in columns}
    for name in names:
        if not name.endswith("_en"):
            continue
        stem = name[:-3]
        partner = f"{stem}_vi" if f"{stem}_vi" in names else stem if stem in names else None
        if partner is None or (row[partner] is None) == (row[name] is None):
            continue
        empty, given = (partner, name) if row[partner] is None else (name, partner)
        raise row.fail(empty, "bundle_language_pair", given=given)


def _unique(rows: list[Row], *key: str) -> None:
    seen: dict[tuple, int] = {}
    for row in rows:
        k = tuple(row[c] for c in key)
        if k in seen:
            raise row.fail(key[0], "bundle_duplicate", key=k, line=seen[k])
        seen[k] = row.line


def _require_in(row: Row, column: str, allowed, what: str) -> None:
    """`what` names the kind of value in the message: bundle_what_<what> in the catalogue."""
    value = row[column]
    if value is not None and value not in allowed:
        raise row.fail(column, "bundle_unknown", what=Msg(f"bundle_what_{what}"), value=value)


def load(data_dir: Path = DATA_DIR) -> dict[str, list[Row]]:
    """Read and check every bundled file and the rules between them; raise BundleError on the first break."""
    files = {name: read_file(name, data_dir) for name in FILES}
    for name, key in {
        "terms.csv": ("term",), "areas.csv": ("area", "area_level"), "units.csv": ("unit",),
        "metrics.csv": ("metric",), "sources.csv": ("source_id",), "figures.csv": ("figure_id",),
        "rotation_cases.csv": ("case_id",), "data_quality.csv": ("note_id",), "districts.csv": ("district",),
        "poverty_standards.csv": ("standard",), "figure_standards.csv": ("figure_id",),
    }.items():
        _unique(files[name], *key)

    terms = {r["term"] for r in files["terms.csv"]}
    for r in files["terms.csv"]:
        if r["starts_on"] > r["ends_on"]:
            raise r.fail("ends_on", "bundle_ends_before_start")

    districts = {r["area"] for r in files["areas.csv"] if r["area_level"] == "district"}
    areas = {(r["area"], r["area_level"]) for r in files["areas.csv"]}
    for r in files["areas.csv"]:
        _require_in(r, "area_level", AREA_LEVELS, "area_level")
        if r["area_level"] in ("commune", "district") and r["district"] not in districts:
            raise r.fail("district", "bundle_unknown", what=Msg("bundle_what_district"), value=r["district"])

    units = {r["unit"] for r in files["units.csv"]}
    metric_units = {}
    for r in files["metrics.csv"]:
        _require_in(r, "unit", units, "unit")
        metric_units[r["metric"]] = r["unit"]

    sources = {}
    for r in files["sources.csv"]:
        _require_in(r, "kind", SOURCE_KINDS, "source_kind")
        if r["kind"] == "article" and not (r["file"] and r["title"] and r["published"]):
            raise r.fail("file", "bundle_article_needs")
        sources[r["source_id"]] = r["kind"]
    cited_in_full = {r["source_id"] for r in files["sources.csv"] if is_cited_in_full(r)}

    provinces = {r["area"] for r in files["areas.csv"] if r["area_level"] == "province"}
    for r in files["poverty_standards.csv"]:
        _require_in(r, "source_id", sources, "source")
        _require_in(r, "province", provinces, "area")
        if (r["starts_on"] is None) != (r["ends_on"] is None):
            raise r.fail("ends_on", "bundle_period_pair")
        if r["starts_on"] and r["starts_on"] > r["ends_on"]:
            raise r.fail("ends_on", "bundle_ends_before_start")

    figure_ids = set()
    for r in files["figures.csv"]:
        check_figure(r, areas, metric_units, terms, sources)
        check_confidence(r, sources, cited_in_full)
        figure_ids.add(r["figure_id"])

    standards = {r["standard"] for r in files["poverty_standards.csv"]}
    for r in files["figure_standards.csv"]:
        _require_in(r, "figure_id", figure_ids, "figure")
        _require_in(r, "standard", standards, "standard")

    for r in files["rotation_cases.csv"]:
        _require_in(r, "district", districts, "district")
        _require_in(r, "from_level", AREA_LEVELS, "area_level")
        _require_in(r, "to_level", AREA_LEVELS, "area_level")
        _require_in(r, "source_id", sources, "source")
        if r["moved_from"] and r["moved_from"] > r["moved_by"]:
            raise r.fail("moved_by", "bundle_ends_before_start")

    for r in files["data_quality.csv"]:
        for figure_id in r["figure_ids"].split(";"):
            if figure_id not in figure_ids:
                raise r.fail("figure_ids", "bundle_unknown", what=Msg("bundle_what_figure"), value=figure_id)

    for r in files["districts.csv"]:
        _require_in(r, "district", districts, "district")
    return files


def check_figure(r: Row, areas, metric_units, terms, sources) -> None:
    """The rules one published figure must keep (shared by the bundle and by imported figures)."""
    if (r["area"], r["area_level"]) not in areas:
        raise r.fail("area", "bundle_unknown_area", area=r["area"], level=r["area_level"])
    if r["metric"] not in metric_units:
        raise r.fail("metric", "bundle_unknown", what=Msg("bundle_what_metric"), value=r["metric"])
    if r["unit"] != metric_units[r["metric"]]:
        raise r.fail("unit", "bundle_metric_unit", metric=r["metric"], unit=metric_units[r["metric"]])
    if r["term"] is not None and r["term"] not in terms:
        raise r.fail("term", "bundle_unknown_term", value=r["term"], known=", ".join(sorted(terms)))
    if r["source_id"] not in sources:
        raise r.fail("source_id", "bundle_unknown", what=Msg("bundle_what_source"), value=r["source_id"])
    if sources[r["source_id"]] == "article" and not r["quote"]:
        raise r.fail("quote", "bundle_quote_needed")
    if r["qualifier"] not in QUALIFIERS:
        raise r.fail("qualifier", "bundle_qualifier", allowed=" ".join(QUALIFIERS))
    if r["period_start"] and r["period_end"] and r["period_start"] > r["period_end"]:
        raise r.fail("period_end", "bundle_period_order")
    value, num, den = r["value"], r["numerator"], r["denominator"]
    if r["unit"] == "percent" and not 0 <= value <= 100:
        raise r.fail("value", "bundle_percent_range", value=f"{value:g}")
    if den is not None and num is None:
        raise r.fail("numerator", "bundle_ratio_pair")
    if num is not None and num < 0 or den is not None and den <= 0:
        raise r.fail("numerator", "bundle_ratio_signs")
    if num is not None and den is not None:
        if num > den:
            raise r.fail("numerator", "bundle_ratio_order", numerator=num, denominator=den)
        if r["unit"] == "percent" and abs(num / den * 100 - value) > PERCENT_TOLERANCE:
            raise r.fail("value", "bundle_ratio_mismatch", value=f"{value:g}", numerator=num, denominator=den)
    if num is not None and r["unit"] != "percent" and value != num:
        raise r.fail("value", "bundle_count_numerator", value=f"{value:g}", numerator=num)


def is_home_page(url: str) -> bool:
    """True for an address with no page path (https://vtv.vn, https://vtv.vn/): it names the
    publisher, not the page that holds the figure."""
    return urlsplit(url).path in ("", "/") and not urlsplit(url).query


def is_cited_in_full(source: Row) -> bool:
    """A source a reader can check: its publication day is known and its URL opens the page itself."""
    published, url = source["published"], source["url"]
    return bool(published and len(published) == 10 and url and not is_home_page(url))


def check_confidence(r: Row, sources: dict, cited_in_full: set) -> None:
    """A reference figure says how far it can be trusted, and `high` only when its source is
    cited in full (day of publication and the page's own URL); otherwise its note says why not."""
    _require_in(r, "confidence", CONFIDENCES, "confidence")
    if sources[r["source_id"]] != "reference":
        return
    if r["confidence"] is None:
        raise r.fail("confidence", "bundle_confidence_needed", allowed=", ".join(CONFIDENCES))
    if r["confidence"] == "high" and r["source_id"] not in cited_in_full:
        raise r.fail("confidence", "bundle_high_needs_citation")
