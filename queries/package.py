"""The data package: the figures a researcher filtered (or everything) as one zip they can cite.

    <folder>/datapackage.json   Frictionless Data Package (v2): resources, typed fields described
                                in Vietnamese and English, primary and foreign keys, sources,
                                the licence situation, the scope
    <folder>/csv/*.csv          UTF-8 with a BOM, comma-separated, formula-safe (Excel)
    <folder>/parquet/*.parquet  the same tables, typed (pandas, DuckDB, R)
    <folder>/README.md          what is in it, how to open it, the licence situation
    <folder>/CITE.md            "cite this", in Vietnamese and English, naming every source
    <folder>/CITATION.cff       the same for reference managers and repositories
    <folder>/DICTIONARY.md      the project's data dictionary

The figures are the `facts` named query with the pages' filters, so the package holds the
numbers the pages show; every table is read in one transaction. The Sources page and
`python -m queries package` both call `build`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from . import model
from .bundle import DATA_DIR
from .dictionary import describe_column, describe_table
from .errors import QueryFailed, technical_reason
from .exports import csv_bytes
from .i18n import LANGS, t

PACKAGE_SQL = model.sections("package")
NAME = "luan-chuyen-can-bo-bon-huyen"
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
REGISTER_TABLES = ("register_rotation_counts", "register_office_holder_counts", "register_poverty_counts")
# Resource: (primary key, foreign keys as (field, resource, field)).
KEYS = {
    "figures": (["figure_id"], [("source_id", "sources", "source_id"), ("term", "terms", "term")]),
    "sources": (["source_id"], []),
    "data_quality_notes": (["note_id", "figure_id"], [("figure_id", "figures", "figure_id")]),
    "terms": (["term"], []),
    "areas": ([], []),
    **{table: ([], [("import_id", "register_imports", "import_id")]) for table in REGISTER_TABLES},
    "register_imports": (["import_id"], []),
}
KEYWORDS = ["luân chuyển cán bộ", "cadre rotation", "giảm nghèo", "poverty reduction", "nông thôn mới",
            "new rural development", "Bắc Hà", "Điện Biên", "Phúc Thọ", "Thanh Trì", "Việt Nam", "Vietnam"]
CFF_TYPES = {"article": "newspaper-article", "reference": "website", "legal": "legal-rule", "register": "data"}


@dataclass(frozen=True)
class Scope:
    """What the package holds: the shared filters (None: all) and whether the register
    aggregates come along."""

    districts: list[str] | None = None
    terms: list[str] | None = None
    area_levels: list[str] | None = None
    origins: list[str] | None = None
    registers: bool = False

    def filters(self) -> dict:
        return {"districts": self.districts, "terms": self.terms, "area_levels": self.area_levels,
                "origins": self.origins}

    def describe(self, lang: str) -> str:
        """'Huyện: Bắc Hà · Nhiệm kỳ: tất cả · Cấp địa bàn: tất cả · Nguồn dữ liệu: Cả hai'."""
        every = t("all", lang)
        origin = {None: "both", ("published",): "published", ("register",): "register"}.get(
            tuple(self.origins) if self.origins is not None else None, "both")
        parts = [f"{t('districts', lang)}: {every if self.districts is None else ', '.join(self.districts) or '–'}",
                 f"{t('terms', lang)}: {every if self.terms is None else ', '.join(self.terms) or '–'}",
                 f"{t('area_levels', lang)}: " + (every if self.area_levels is None else ', '.join(
                     t(f'level_{level}', lang).lower() for level in self.area_levels) or '–'),
                 f"{t('data_source', lang)}: {t(f'origin_{origin}', lang)}"]
        if self.registers:
            parts.append(t("pkg_registers", lang))
        return " · ".join(parts)


@dataclass(frozen=True)
class DataPackage:
    data: bytes  # the zip
    counts: dict[str, int]  # rows per table


def build(db, scope: Scope, folder: str, created: dt.datetime | None = None) -> DataPackage:
    """The zip of the data package for `scope`, its files under `folder/`."""
    created = created or dt.datetime.now().astimezone().replace(microsecond=0)
    tables = _tables(db, scope)
    files: dict[str, bytes] = {}
    resources = []
    for name, table in tables.items():
        for fmt, data in (("csv", csv_bytes(_for_csv(table))), ("parquet", _parquet(table))):
            path = f"{fmt}/{name}.{fmt}"
            files[path] = data
            resources.append(_resource(name, fmt, path, data, table))
    sources = tables["sources"].to_pylist()
    generated = any(tables["figures"].column("generated").to_pylist())
    files["datapackage.json"] = json.dumps(_descriptor(scope, created, resources, sources, generated),
                                           ensure_ascii=False, indent=2).encode("utf-8")
    files["README.md"] = _readme(scope, created, tables, generated).encode("utf-8")
    files["CITE.md"] = "\n".join(f"# {t('pkg_cite_heading', lang)}\n\n{cite_text(scope, created, sources, lang)}"
                                  for lang in LANGS).encode("utf-8")
    files["CITATION.cff"] = _citation_cff(scope, created, sources).encode("utf-8")
    files["DICTIONARY.md"] = (DATA_DIR / "DICTIONARY.md").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(f"{folder}/{path}", data)
    return DataPackage(out.getvalue(), {name: table.num_rows for name, table in tables.items()})


def _tables(db, scope: Scope) -> dict[str, pa.Table]:
    """Every table of the package, read in one transaction (one state of the store)."""
    filters = db.check_params(**scope.filters())
    with _reading(db) as cur:
        cur.begin()
        tables = {
            "figures": _read(cur, *db.bound("facts", **filters)).drop_columns(["source_file"]),
            "sources": _read(cur, PACKAGE_SQL["sources"], filters),
            "data_quality_notes": _read(cur, *db.bound("data_quality_notes", **filters)),
            "terms": _read(cur, *db.bound("terms")),
            "areas": _read(cur, PACKAGE_SQL["areas"], filters),
        }
        if scope.registers:
            for name in REGISTER_TABLES:
                tables[name] = _read(cur, PACKAGE_SQL[name], filters)
            imports = sorted({i for name in REGISTER_TABLES for i in tables[name].column("import_id").to_pylist()})
            tables["register_imports"] = _read(cur, PACKAGE_SQL["register_imports"], {"import_ids": imports})
        cur.commit()
    return tables


def cited_sources(db, scope: Scope) -> list[dict]:
    """The sources the package for `scope` cites (what its "cite this" text names)."""
    filters = db.check_params(**scope.filters())
    with _reading(db) as cur:
        return _read(cur, PACKAGE_SQL["sources"], filters).to_pylist()


@contextlib.contextmanager
def _reading(db):
    """A cursor on the store's newest state; database errors become QueryFailed."""
    db.sync_store()
    cur = db.cursor()
    try:
        yield cur
    except duckdb.Error as exc:
        raise QueryFailed("query_failed", reason=technical_reason(exc)) from exc
    finally:
        cur.close()


def _read(cur, sql: str, params: dict) -> pa.Table:
    named = duckdb.extract_statements(sql)[0].named_parameters
    return cur.sql(sql, params={k: params[k] for k in named}).to_arrow_table()


def _for_csv(table: pa.Table):
    """The table as csv_bytes writes it: dates as YYYY-MM-DD, times as YYYY-MM-DDTHH:MM:SS."""
    frame = table.to_pandas()
    for index, column in enumerate(table.schema):
        if pa.types.is_timestamp(column.type):
            frame.isetitem(index, frame.iloc[:, index].dt.strftime("%Y-%m-%dT%H:%M:%S"))
    return frame


def _parquet(table: pa.Table) -> bytes:
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()


def field_type(kind: pa.DataType) -> str:
    """The Table Schema type of an Arrow type."""
    for test, name in ((pa.types.is_boolean, "boolean"), (pa.types.is_integer, "integer"),
                       (pa.types.is_floating, "number"), (pa.types.is_decimal, "number"),
                       (pa.types.is_date, "date"), (pa.types.is_timestamp, "datetime"),
                       (pa.types.is_string, "string"), (pa.types.is_large_string, "string")):
        if test(kind):
            return name
    return "any"


def _bilingual(vi: str | None, en: str | None) -> dict:
    return {"description": f"{vi} / {en}", "description_vi": vi, "description_en": en}


def _resource(name: str, fmt: str, path: str, data: bytes, table: pa.Table) -> dict:
    """A CSV table with its Table Schema (types, meanings, keys, size and hash), or its Parquet
    twin with the same field types, but for one: frictionless reads Parquet through pandas,
    which turns a missing integer into NaN, so an integer column with gaps is a `number` there
    (the file itself keeps it an integer). Without a schema frictionless would guess the types
    from the first rows and fail a valid file."""
    schema = table.schema
    if fmt == "parquet":
        fields = [{"name": column.name,
                   "type": "number" if pa.types.is_integer(column.type) and table.column(column.name).null_count
                   else field_type(column.type)} for column in schema]
        return {"name": f"{name}-parquet", "type": "table", "path": path, "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                **_bilingual(*(f"{describe_table(name, lang)} {t('pkg_parquet_note', lang, csv=name)}"
                               for lang in LANGS)),
                "schema": {"fields": fields}}
    fields = [{"name": column.name, "type": field_type(column.type),
               **_bilingual(describe_column(name, column.name, "vi"), describe_column(name, column.name, "en"))}
              for column in schema]
    primary, foreign = KEYS[name]
    table_schema: dict = {"fields": fields, "missingValues": [""]}
    if primary:
        table_schema["primaryKey"] = primary
    if foreign:
        table_schema["foreignKeys"] = [{"fields": [here], "reference": {"resource": other, "fields": [there]}}
                                       for here, other, there in foreign]
    return {"name": name, "type": "table", "path": path, "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", **_bilingual(describe_table(name, "vi"), describe_table(name, "en")),
            "dialect": {"delimiter": ",", "quoteChar": "\"", "header": True}, "schema": table_schema,
            "bytes": len(data), "hash": f"sha256:{hashlib.sha256(data).hexdigest()}"}


def _both(key: str, **values) -> str:
    return " / ".join(t(key, lang, **values) for lang in LANGS)


def _descriptor(scope: Scope, created: dt.datetime, resources: list[dict], sources: list[dict],
                generated: bool) -> dict:
    description = [" ".join([t("pkg_description", lang), t("pkg_scope_line", lang, filters=scope.describe(lang)),
                             t("pkg_generated_line", lang) if generated else "", t("pkg_csv_note", lang)]).strip()
                   for lang in LANGS]
    return {
        "$schema": PROFILE,
        "name": NAME,
        "title": _both("pkg_title"),
        "description": "\n\n".join(description),
        "created": created.isoformat(),
        "keywords": KEYWORDS,
        "contributors": [{"title": _both("pkg_compiler"), "roles": ["creator"]}],
        "sources": [{"title": cite_source(s, "vi"), **({"path": s["url"]} if s.get("url") else {})} for s in sources],
        # No `licenses`: none has been granted (README.md and license_note say what is known).
        "license_note": {lang: t("pkg_licence", lang) for lang in LANGS},
        "scope": {**scope.filters(), "registers": scope.registers},
        "resources": resources,
    }


def cite_source(source: dict, lang: str) -> str:
    """One source as a reference list names it: an article's author, title, newspaper and date;
    a page's publisher, date and URL; a register's file and import time."""
    def get(column: str):
        value = source.get(column)
        return value if value not in (None, "") else None

    publisher = get(f"publisher_{lang}") or get("publisher_vi")
    date = get("published_display")
    note = get(f"date_note_{lang}")
    when = f"{date} ({note})" if date and note else date or note or t("date_not_shown", lang)
    if source.get("kind") == "register":
        sample = f" ({t('sample_short', lang)})" if source.get("generated") else ""
        return t("pkg_cite_register", lang, file=get("title") or "?", when=get("published_display") or "?",
                 sample=sample)
    title = get("title")
    if title and lang == "en" and get("title_en"):
        title = f"{title} [{get('title_en')}]"
    parts = [get("author"), f"«{title}»" if title else None, publisher, when, get("url")]
    return ", ".join(p for p in parts if p) + "."


def cite_text(scope: Scope, created: dt.datetime, sources: list[dict], lang: str, level: int = 2) -> str:
    """'Cite this', in `lang`: the package, then every source of its figures by kind (Markdown,
    its headings at `level` and below)."""
    heading = lambda depth, key: f"{'#' * (level + depth)} {t(key, lang)}"  # noqa: E731
    lines = [t("pkg_cite_intro", lang, title=t("pkg_title", lang), date=created.date().isoformat(),
               scope=t("pkg_scope_line", lang, filters=scope.describe(lang))),
             "", heading(0, "pkg_cite_sources")]
    for kind, key in (("article", "pkg_cite_articles"), ("reference", "pkg_cite_pages"),
                      ("legal", "pkg_cite_legal"), ("register", "pkg_cite_registers")):
        of_kind = [s for s in sources if s.get("kind") == kind]
        if of_kind:
            lines += ["", heading(1, key), ""] + [f"- {cite_source(s, lang)}" for s in of_kind]
    return "\n".join(lines) + "\n"


def _readme(scope: Scope, created: dt.datetime, tables: dict[str, pa.Table], generated: bool) -> str:
    parts = []
    for lang in LANGS:
        contents = [f"- `csv/{name}.csv`, `parquet/{name}.parquet`: {describe_table(name, lang)} "
                    f"({t('pkg_rows', lang, n=table.num_rows)})" for name, table in tables.items()]
        parts.append("\n".join([
            f"# {t('pkg_title', lang)}", "", f"*{t(f'pkg_language_{lang}', lang)} · {created:%Y-%m-%d %H:%M}*", "",
            t("pkg_description", lang), "", t("pkg_scope_line", lang, filters=scope.describe(lang)),
            *(["", f"**{t('pkg_generated_line', lang)}**"] if generated else []),
            "", f"## {t('pkg_contents_heading', lang)}", "", *contents,
            "- `datapackage.json`, `CITE.md`, `CITATION.cff`", f"- {t('pkg_dictionary_line', lang)}",
            "", t("pkg_csv_note", lang),
            "", f"## {t('pkg_open_heading', lang)}", "", t("pkg_open_lines", lang),
            "", f"## {t('pkg_licence_heading', lang)}", "", t("pkg_licence", lang),
            "", f"## {t('pkg_cite_heading', lang)}", "", "CITE.md, CITATION.cff", ""]))
    return "\n---\n\n".join(parts)


def _citation_cff(scope: Scope, created: dt.datetime, sources: list[dict]) -> str:
    """CITATION.cff (Citation File Format 1.2.0): the package as a dataset, its sources as
    references. No `license`: none has been granted."""
    references = []
    for s in sources:
        publisher = s.get("publisher_vi") or "?"
        reference = {"type": CFF_TYPES.get(s.get("kind"), "generic"),
                     "title": s.get("title") or s.get("url") or publisher,
                     "authors": [{"alias": s["author"]} if s.get("author") else {"name": publisher}],
                     "publisher": {"name": publisher}}
        published = s.get("published") or ""
        if len(published) == 10:
            reference["date-published"] = published
        elif published[:4].isdigit():
            reference["year"] = int(published[:4])
        if s.get("url"):
            reference["url"] = s["url"]
        notes = [n for n in (s.get("title_en"), s.get("date_note_en")) if n]
        if notes:
            reference["notes"] = "; ".join(notes)
        references.append(reference)
    document = {
        "cff-version": "1.2.0",
        "message": _both("pkg_cff_message"),
        "type": "dataset",
        "title": _both("pkg_title"),
        "abstract": "\n\n".join(f"{t('pkg_description', lang)} {t('pkg_scope_line', lang, filters=scope.describe(lang))}"
                                for lang in LANGS),
        "authors": [{"name": _both("pkg_compiler")}],
        "date-released": created.date().isoformat(),
        "keywords": KEYWORDS,
        "references": references,
    }
    return "# Citation File Format 1.2.0 (https://citation-file-format.github.io)\n" + _yaml(document) + "\n"


def _yaml(value, indent: int = 0) -> str:
    """A small YAML writer for CITATION.cff: strings are written as JSON strings (valid YAML)."""
    pad = " " * indent
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                lines.append(f"{pad}{key}:\n{_yaml(item, indent + 2)}")
            else:
                lines.append(f"{pad}{key}: {_scalar(item)}")
        return "\n".join(lines)
    lines = []
    for item in value:
        if isinstance(item, (dict, list)):
            nested = _yaml(item, indent + 2)
            lines.append(f"{pad}- {nested.lstrip()}")
        else:
            lines.append(f"{pad}- {_scalar(item)}")
    return "\n".join(lines)


def _scalar(value) -> str:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else json.dumps(value, ensure_ascii=False)
