"""The register store: a DuckDB file beside the bundled data that keeps imported registers.

It is attached to the app's one DuckDB connection under the alias `store`, so reads and the
occasional import share one database instance (readers never block: DuckDB's MVCC gives
each cursor a consistent snapshot). Each import is ONE transaction: the import row, the raw
records, their aggregates and new areas are committed together or not at all; a process
killed mid-import leaves the file as it was (the WAL is replayed only up to the last commit).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import duckdb
import pandas as pd

from .bundle import DATA_DIR
from .errors import DashboardError
from .registers import KINDS, CheckedRegister, Problem, Reference, RegisterRejected

STORE_ENV = "DASHBOARD_STORE"
DEFAULT_PATH = DATA_DIR / "registers.duckdb"
REGISTER_VIEWS = Path(__file__).resolve().parent / "model" / "registers.sql"

SCHEMA = """
create table if not exists store.imports (
    import_id varchar primary key, kind varchar not null, file_name varchar not null,
    checksum varchar not null unique, imported_at timestamp not null, row_count bigint not null,
    generated boolean not null
);
create table if not exists store.rotation_events (
    import_id varchar not null, row_number bigint, person_code varchar, district varchar,
    from_unit varchar, from_level varchar, to_unit varchar, to_level varchar, position varchar,
    start_date date, end_date date, kind varchar, term varchar
);
create table if not exists store.office_holders (
    import_id varchar not null, row_number bigint, district varchar, commune varchar,
    position varchar, person_code varchar, is_local boolean, as_of date, term varchar
);
create table if not exists store.commune_poverty (
    import_id varchar not null, row_number bigint, district varchar, commune varchar, year integer,
    households bigint, poor_households bigint, near_poor_households bigint
);
create table if not exists store.rotation_counts (
    import_id varchar not null, district varchar, term varchar, kind varchar, events bigint,
    first_start date, last_start date
);
create table if not exists store.office_holder_counts (
    import_id varchar not null, district varchar, as_of date, term varchar, position varchar,
    posts bigint, non_local bigint
);
create table if not exists store.poverty_counts (
    import_id varchar not null, district varchar, commune varchar, year integer,
    households bigint, poor bigint, near_poor bigint
);
create table if not exists store.register_areas (
    area varchar not null, area_level varchar not null, district varchar not null,
    province varchar, complete boolean not null default false, import_id varchar
);
"""

# What views.sql defines before any store is attached.
EMPTY_VIEWS = """
create or replace view register_figures as select * from published_figures where false;
create or replace view register_sources as select * from published_sources where false;
create or replace view register_areas as
select area, area_level, district, province from raw_areas where false;
"""

# Per kind: the raw columns written, and the aggregate table filled from them.
AGGREGATES = {
    "rotation_events": """
        insert into store.rotation_counts
        select $import_id, district, term, kind, count(*), min(start_date)::date, max(start_date)::date
        from incoming group by district, term, kind""",
    "office_holders": """
        insert into store.office_holder_counts
        select $import_id, district, as_of::date, term, position, count(*), count(*) filter (not is_local)
        from incoming group by district, as_of, term, position""",
    "commune_poverty": """
        insert into store.poverty_counts
        select $import_id, district, commune, year, sum(households), sum(poor_households),
            sum(near_poor_households)
        from incoming group by district, commune, year""",
}

# Per kind: records already in the store that an incoming row collides with.
CONFLICTS = {
    "rotation_events": """
        select i.row, s.import_id, s.row_number from incoming as i
        join store.rotation_events as s using (person_code)
        where i.start_date::date <= coalesce(s.end_date, date 'infinity')
            and s.start_date <= coalesce(i.end_date::date, date 'infinity')
        order by i.row""",
    "office_holders": """
        select i.row, s.import_id, s.row_number from incoming as i
        join store.office_holders as s
            on (s.district = i.district and s.commune = i.commune and s.position = i.position
                or s.person_code = i.person_code)
            and s.as_of = i.as_of::date
        order by i.row""",
    "commune_poverty": """
        select i.row, s.import_id, s.row_number from incoming as i
        join store.commune_poverty as s using (district, commune, year)
        order by i.row""",
}


# Per kind: the communes an import names. Each import keeps its own register areas (the
# view de-duplicates), so removing one import never takes away a commune another one uses.
NAMED_COMMUNES = {
    "rotation_events": "select from_unit as area, district from incoming where from_level = 'commune' "
                       "union select to_unit, district from incoming where to_level = 'commune'",
    "office_holders": "select commune as area, district from incoming",
    "commune_poverty": "select commune as area, district from incoming",
}


class StoreError(DashboardError):
    """The store file could not be opened, read or written; says which file and why."""


@dataclass(frozen=True)
class Imported:
    import_id: str
    created: bool  # False when the same content was already imported (nothing changed)
    rows: int


def streamlit_secret(key: str) -> str | None:
    """A value from Streamlit secrets when running inside Streamlit with a secrets file."""
    st = sys.modules.get("streamlit")
    if st is None:
        return None
    try:
        value = st.secrets.get(key)
    except Exception:  # no secrets file: Streamlit raises its own error types
        return None
    return str(value) if value else None


def configured_path() -> Path:
    """Env var DASHBOARD_STORE, else secrets `store_path`, else data/registers.duckdb."""
    return Path(os.environ.get(STORE_ENV) or streamlit_secret("store_path") or DEFAULT_PATH)


def detach(cursor: Callable[[], duckdb.DuckDBPyConnection]) -> None:
    """Point the register views back at nothing and release the store file."""
    cur = cursor()
    try:
        cur.execute(EMPTY_VIEWS)
        cur.execute("detach database if exists store")
    finally:
        cur.close()


class Store:
    """The attached store file. `cursor` is the owning connection's cursor factory."""

    def __init__(self, cursor: Callable[[], duckdb.DuckDBPyConnection], path: Path, read_only: bool,
                 on_change: Callable[[], None] = lambda: None):
        # `on_change` runs after every committed change, so the owner can rebuild what it
        # derives from the store (the `facts` table); DuckDB cannot write the in-memory
        # database and the attached store in one transaction.
        self.cursor, self.path, self.read_only, self.on_change = cursor, path, read_only, on_change

    @classmethod
    def attach(cls, cursor: Callable[[], duckdb.DuckDBPyConnection], path: Path,
               on_change: Callable[[], None] = lambda: None) -> Store:
        """Attach `path` as `store` (read-only if the file is not writable) and point the
        register views at it. Raises StoreError saying why when the file is unusable."""
        path = Path(path)
        read_only = path.exists() and not os.access(path, os.W_OK)
        detach(cursor)
        cur = cursor()
        try:
            if not read_only:
                path.parent.mkdir(parents=True, exist_ok=True)
            cur.execute("attach $path as store" + (" (read_only)" if read_only else ""), {"path": str(path)})
            if not read_only:
                cur.execute(SCHEMA)
            cur.execute(REGISTER_VIEWS.read_text(encoding="utf-8"))
        except (duckdb.Error, OSError) as exc:
            detach(cursor)
            raise StoreError("store_open_failed", path=path, reason=exc) from exc
        finally:
            cur.close()
        return cls(cursor, path, read_only, on_change)

    def _sql(self, sql: str, params: dict | None = None) -> pd.DataFrame:
        cur = self.cursor()
        try:
            return cur.execute(sql, params or {}).df()
        except duckdb.Error as exc:
            raise StoreError("store_read_failed", reason=exc) from exc
        finally:
            cur.close()

    def imports(self) -> pd.DataFrame:
        """Every import, newest first."""
        return self._sql("select * from store.imports order by imported_at desc, import_id")

    def counts(self) -> dict[str, int]:
        """Rows per store table: what tests compare before and after a failed import."""
        tables = ["imports", "rotation_events", "office_holders", "commune_poverty", "rotation_counts",
                  "office_holder_counts", "poverty_counts", "register_areas"]
        sql = " union all ".join(f"select '{t}' as t, count(*) as n from store.{t}" for t in tables)
        return dict(self._sql(sql).itertuples(index=False))

    def reference(self) -> Reference:
        """Known districts and communes (bundled and from registers), and the terms."""
        areas = self._sql("select area, area_level, district, province from areas where area_level in "
                          "('district', 'commune')")
        complete = self._sql("select district from store.register_areas where area_level = 'district' "
                             "and complete")
        districts = areas[areas.area_level == "district"]
        communes: dict[str, set[str]] = {}
        for row in areas[areas.area_level == "commune"].itertuples():
            communes.setdefault(row.district, set()).add(row.area)
        terms = self._sql("select term, starts_on, ends_on from terms order by starts_on")
        return Reference(dict(zip(districts.district, districts.province)), communes,
                         set(complete.district), terms)

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError("store_read_only", path=self.path)

    def import_register(self, checked: CheckedRegister, generated: bool = False,
                        on_stage: Callable[[str], None] = lambda stage: None) -> Imported:
        """Write a checked register in one transaction; idempotent on its checksum. Records
        that collide with stored ones raise RegisterRejected, and nothing is written."""
        self._writable()
        kind = checked.kind
        import_id = checked.checksum[:16]
        incoming = checked.records
        cur = self.cursor()
        try:
            cur.begin()
            on_stage("begin")
            if cur.execute("select 1 from store.imports where checksum = $c",
                           {"c": checked.checksum}).fetchone():
                cur.rollback()
                return Imported(import_id, False, len(incoming))
            cur.register("incoming", incoming)
            conflicts = cur.execute(CONFLICTS[kind.name]).fetchall()
            if conflicts:
                cur.rollback()
                raise RegisterRejected(checked.file, [
                    Problem(checked.file, int(row), ",".join(kind.key),
                            f"Đã có trong kho (lần nhập {other}, dòng {other_row})",
                            f"Already in the store (import {other}, row {other_row})")
                    for row, other, other_row in conflicts])
            cur.execute(
                "insert into store.imports values ($id, $kind, $file, $checksum, $at, $rows, $generated)",
                {"id": import_id, "kind": kind.name, "file": checked.file, "checksum": checked.checksum,
                 "at": dt.datetime.now().replace(microsecond=0), "rows": len(incoming),
                 "generated": generated})
            on_stage("records")
            columns = ", ".join([*kind.columns, *kind.derived])
            cur.execute(f"insert into store.{kind.name} by name select $import_id as import_id, "
                        f"row as row_number, {columns} from incoming", {"import_id": import_id})
            on_stage("aggregates")
            cur.execute(AGGREGATES[kind.name], {"import_id": import_id})
            cur.execute(f"""
                insert into store.register_areas (area, area_level, district, province, import_id)
                select distinct n.area, 'commune', n.district, d.province, $import_id
                from ({NAMED_COMMUNES[kind.name]}) as n
                join areas as d on d.area = n.district and d.area_level = 'district'
                where not exists (select 1 from raw_areas as a where a.area = n.area
                                  and a.area_level = 'commune' and a.district = n.district)""",
                        {"import_id": import_id})
            on_stage("commit")
            cur.commit()
        except duckdb.Error as exc:
            cur.rollback()
            raise StoreError("store_write_failed", path=self.path, reason=exc) from exc
        finally:
            cur.close()
        self.on_change()
        return Imported(import_id, True, len(incoming))

    def remove(self, import_id: str) -> bool:
        """Delete one import and everything it brought, in one transaction."""
        self._writable()
        tables = ["imports", *KINDS, "rotation_counts", "office_holder_counts", "poverty_counts", "register_areas"]
        cur = self.cursor()
        try:
            cur.begin()
            found = cur.execute("select 1 from store.imports where import_id = $id", {"id": import_id}).fetchone()
            for table in tables:
                cur.execute(f"delete from store.{table} where import_id = $id", {"id": import_id})
            cur.commit()
        except duckdb.Error as exc:
            cur.rollback()
            raise StoreError("store_remove_failed", import_id=import_id, reason=exc) from exc
        finally:
            cur.close()
        self.on_change()
        return found is not None

    def add_districts(self, districts: pd.DataFrame) -> int:
        """Declare extra known districts (columns district, province, and optionally commune):
        a district given with communes has a complete commune list, so a register naming any
        other commune there is rejected. For national-scale registers and the benchmark."""
        self._writable()
        frame = districts.reindex(columns=["district", "province", "commune"]).astype(object)
        cur = self.cursor()
        try:
            cur.begin()
            cur.register("declared", frame)
            cur.execute("""
                delete from store.register_areas
                where import_id is null and district in (select district from declared)""")
            cur.execute("""
                insert into store.register_areas (area, area_level, district, province, complete)
                select district, 'district', district, any_value(province), bool_or(commune is not null)
                from declared group by district
                union all
                select distinct commune, 'commune', district, province, true
                from declared where commune is not null""")
            cur.commit()
        except duckdb.Error as exc:
            cur.rollback()
            raise StoreError("store_districts_failed", reason=exc) from exc
        finally:
            cur.close()
        self.on_change()
        return int(frame.district.nunique())
