"""The DuckDB connection: tables of the checked bundle, the model views, then named queries.

One connection per process; every operation takes its own cursor from it, so Streamlit's
threads can query at once (harlequin's pattern). The register store's current snapshot is
copied in (its small aggregate tables, schema `store`) and copied again whenever the store's
pointer names a newer one: `sync_store` runs before every named query, so every process sees an
import from any other process at its next query, without a restart.

A "whole:" query's result for every filter is also held as a DataFrame per snapshot, with the
areas the district filter reads: a view for new filters keeps its rows with a vectorised mask
(`kept_rows`, `filtered_rows`' exact semantics, checked against it by tests/test_queries.py),
so no query is planned or run for it.
"""

from __future__ import annotations

import itertools
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
from pandas.core.dtypes.dtypes import BaseMaskedDtype

from . import bundle, model
from .errors import BadParameter, QueryFailed, UnknownQuery, technical_reason
from .registers import ImportReport, Reference, RegisterFile
from .store import IMPORT_WAIT_SECONDS, Snapshot, Store, StoreError
from .store import SQL as STORE_SQL
from .store import configured_path as configured_store_path

QUERY_DIR = Path(__file__).resolve().parent
DUCK_TYPES = {"text": "varchar", "int": "bigint", "number": "double", "date": "date",
              "bool": "boolean", "year_or_date": "varchar"}
PARAM = re.compile(r"\$([a-z_]+)")
FILTERS = ("districts", "terms", "area_levels", "origins")
# Where a figure comes from: the bundled, published sources, or a user's imported register.
ORIGINS = ("published", "register")


@dataclass(frozen=True)
class NamedQuery:
    """One .sql file: its name, the first line of its header, its grain and its parameters.
    `whole`: its header says "whole:", each of its rows comes from figures of one district,
    province, term, level and origin, which it keeps as columns; so the filters it takes keep or
    drop whole rows, and the app computes it once per store snapshot and keeps the filters' rows
    of that."""

    name: str
    title: str
    grain: str
    params: tuple[str, ...]
    sql: str
    whole: bool = False
    # "whole per:" its rows for every district, one result per values of these other filters:
    # the district filter keeps or drops whole rows of it (the app computes it once per values
    # and snapshot, as it first needs them).
    whole_per: tuple[str, ...] = ()


def plain_text(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its text as Python objects, in one block: the app's views take a few rows at a
    time, and each pandas step over them costs less on one block of objects than on a column of
    Arrow text each (as DuckDB gives text)."""
    if not any(isinstance(dtype, pd.StringDtype) for dtype in frame.dtypes):
        return frame
    return pd.DataFrame({c: pd.Series(frame[c].to_numpy(dtype=object), dtype=object, index=frame.index)
                         if isinstance(frame[c].dtype, pd.StringDtype) else frame[c] for c in frame.columns},
                        index=frame.index)


@dataclass(frozen=True)
class Whole:
    """A "whole:" query's result for every filter (`frame`), what DuckDB gives for none of
    its rows (`empty`), each filtered column as codes (`pandas.factorize`: -1 for NULL) with
    its values, and where the columns whose type DuckDB picks from the rows it returns are
    NULL (`nulls`): text with NULLs (all NULL: objects, None) and integers or booleans with
    NULLs (none NULL: numpy's own types). `plain` is `frame` with its text as Python objects
    (`plain_text`), made once."""

    frame: pd.DataFrame
    plain: pd.DataFrame
    empty: pd.DataFrame
    codes: dict[str, tuple[np.ndarray, list]]
    nulls: dict[str, np.ndarray]
    texts: tuple[str, ...]
    masked: tuple[str, ...]

    @classmethod
    def of(cls, frame: pd.DataFrame, empty: pd.DataFrame) -> "Whole":
        with_nulls = [c for c in frame.columns if frame[c].hasnans]
        texts = tuple(c for c in with_nulls if isinstance(frame[c].dtype, pd.StringDtype))
        masked = tuple(c for c in with_nulls if isinstance(frame[c].dtype, BaseMaskedDtype))
        codes = {}
        for column in ("district", "province", "term", "area_level", "origin"):
            if column in frame.columns:
                found, values = pd.factorize(frame[column])
                codes[column] = (found, list(values))
        return cls(frame, plain_text(frame), empty, codes, {c: frame[c].isna().to_numpy(dtype=bool) for c in texts + masked},
                   texts, masked)

    def isin(self, column: str, values) -> np.ndarray:
        """Which rows hold one of `values` in `column` (a NULL holds none), from its codes."""
        found, uniques = self.codes[column]
        wanted = set(values)
        return np.isin(found, [i for i, value in enumerate(uniques) if value in wanted])

    def typed(self, keep: np.ndarray, plain: bool = False) -> pd.DataFrame:
        """The rows `keep` selects, with the column types DuckDB would give them (`plain`: its
        text as Python objects)."""
        kept = (self.plain if plain else self.frame)[keep].reset_index(drop=True)
        changed = {}
        for column in () if plain else self.texts:
            if self.nulls[column][keep].all():
                changed[column] = pd.Series([None] * len(kept), dtype=object)
        for column in self.masked:
            if not self.nulls[column][keep].any():
                changed[column] = kept[column].astype(kept[column].dtype.numpy_dtype)
        return kept.assign(**changed) if changed else kept


def _read_query(path: Path) -> NamedQuery:
    sql = path.read_text(encoding="utf-8")
    header = [line[2:].strip() for line in sql.splitlines() if line.startswith("--")]
    title = header[0].split(":", 1)[-1].strip() if header else ""
    grain = next((h.split(":", 1)[1].strip() for h in header if h.lower().startswith("grain:")), "")
    params = tuple(dict.fromkeys(PARAM.findall("\n".join(l for l in sql.splitlines() if not l.startswith("--")))))
    whole = any(h.lower().startswith("whole:") for h in header)
    per = next((tuple(PARAM.findall(h.split(":", 1)[1].split("(")[0]))
                for h in header if h.lower().startswith("whole per:")), ())
    if (whole or per) and not set(params) <= set(FILTERS):
        raise ValueError(f"{path.name}: a 'whole:' query takes no parameter but the filters {', '.join(FILTERS)}")
    if per and not set(per) <= set(FILTERS) - {"districts"}:
        raise ValueError(f"{path.name}: 'whole per:' names filters other than districts")
    return NamedQuery(path.stem, title, grain, params, sql, whole, per)


def named_queries() -> dict[str, NamedQuery]:
    """Every queries/*.sql file, by name."""
    return {p.stem: _read_query(p) for p in sorted(QUERY_DIR.glob("*.sql"))}


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


class Database:
    """The bundled data and the register store in DuckDB; `run` executes a named query with
    bound parameters."""

    def __init__(self, data_dir: Path = bundle.DATA_DIR, store_path: Path | None = None):
        self.data_dir = Path(data_dir)
        rows = bundle.load(self.data_dir)  # raises BundleError before anything is built
        self._con = duckdb.connect(":memory:")
        self._lock = threading.Lock()
        self._sync_lock = threading.Lock()
        self.queries = named_queries()
        self._load_bundle()
        self._con.execute("create schema store")
        model.execute(self._con, STORE_SQL["aggregates"])  # empty until a snapshot is copied in
        self._con.execute(model.text("registers"))
        self._con.execute(model.text("views"))
        self.wholes, self._district_areas = self._compute_wholes(self._con)
        self._wholes_per: dict[tuple, Whole] = {}  # "whole per:" results of this snapshot, by query and values
        self._fills_ahead = False  # see `fill_ahead`
        self.filling: threading.Thread | None = None  # the thread filling ahead for the newest snapshot
        self.districts = tuple(r["area"] for r in rows["areas.csv"] if r["area_level"] == "district")
        self.focus_districts = tuple(r["area"] for r in rows["areas.csv"] if r["focus"])
        self.terms = tuple(r["term"] for r in rows["terms.csv"])
        self.bundled_districts = self.districts
        self.store = Store(configured_store_path() if store_path is None else store_path)
        self.snapshot: int | None = None  # the store snapshot copied in (None: no register data)
        self.store_error: StoreError | None = None
        self._failed: Snapshot | None = None
        self.sync_store()

    def sync_store(self) -> int | None:
        """Copy in the store's current snapshot if it is not the one already here; returns its
        id. Costs one small file read when nothing changed. An unreadable store never stops
        the app: `store_error` says why, and the data already copied (at first, none) stays."""
        try:
            current = self.store.current()
        except StoreError as exc:
            self.store_error = exc
            return self.snapshot
        if current is not None and current == self._failed:
            return self.snapshot
        if (current.id if current else None) == self.snapshot:
            self.store_error = None  # readable again (a failure to read the pointer was passing)
            return self.snapshot
        with self._sync_lock:
            if (current.id if current else None) != self.snapshot:
                self._copy_snapshot(current)
        return self.snapshot

    def _copy_snapshot(self, snapshot: Snapshot | None) -> None:
        cur = self.cursor()
        try:
            if snapshot is not None:
                cur.execute("attach $path as snapshot (read_only)", {"path": str(snapshot.path)})
            try:
                cur.begin()
                model.execute(cur, STORE_SQL["copy_snapshot" if snapshot else "clear_copy"])
                cur.execute("create or replace table facts as select * from facts_live")
                wholes, district_areas = self._compute_wholes(cur)
                cur.commit()
            except duckdb.Error:
                cur.rollback()
                raise
            finally:
                cur.execute("detach database if exists snapshot")
        except duckdb.Error as exc:
            cur.close()
            try:
                if snapshot is not None and not snapshot.path.exists():
                    self.store.repair()  # CURRENT names a removed snapshot: back to the last complete one
                newer = self.store.current()
            except StoreError as error:
                newer, self.store_error = snapshot, error
            if newer != snapshot:  # replaced (and removed) between reading the pointer and opening it
                return self._copy_snapshot(newer)
            self._failed = snapshot
            self.store_error = StoreError("store_open_failed", reason=technical_reason(exc))
            return
        cur.close()
        self.wholes, self._district_areas = wholes, district_areas  # before `snapshot`: a cache keyed by it
        self._wholes_per = {}
        self.snapshot, self.store_error, self._failed = (snapshot.id if snapshot else None), None, None
        if self._fills_ahead:
            self._fill_in_background()
        names = self.sql("select area from register_areas where area_level = 'district' order by area")["area"]
        self.districts = tuple(dict.fromkeys([*self.bundled_districts, *names]))

    def imports(self) -> pd.DataFrame:
        """Every import of the copied snapshot, newest first."""
        self.sync_store()
        return self.sql("select * from store.imports order by imported_at desc, import_id")

    def remove_import(self, import_id: str) -> bool:
        """Remove one import from the store (one transaction) and copy the new snapshot in."""
        found = self.store.remove(import_id)
        self.sync_store()
        return found

    def reference(self) -> Reference:
        """The bundled areas and terms, which registers are checked against."""
        return Reference(self.sql("select area, area_level, district, province from raw_areas"),
                         self.sql("select term, starts_on, ends_on from raw_terms order by starts_on"))

    def import_registers(self, files: list[RegisterFile], generated: bool = False,
                         wait: float = IMPORT_WAIT_SECONDS, on_stage=lambda stage: None) -> ImportReport:
        """THE import, for the Registers page and the command line: check every file together
        (every problem of every file), write the new ones in one store transaction, and copy
        the new snapshot in. Raises RegisterRejected (nothing written) or StoreError."""
        report = self.store.import_files(files, self.reference(), generated, wait, on_stage)
        self.sync_store()
        return report

    def _load_bundle(self) -> None:
        """One raw_<file> table per bundled CSV, typed from the bundle's schema. Tables, not
        views over read_csv: the bundle is checked once and never changes while running, so
        no query should parse the files again."""
        for name, columns in bundle.FILES.items():
            types = ", ".join(f"'{c.name}': '{DUCK_TYPES[c.kind]}'" for c in columns)
            self._con.execute(
                f"create table raw_{Path(name).stem} as select * from read_csv("
                f"{_literal(self.data_dir / name)}, header = true, columns = {{{types}}}, "
                "quote = '\"', escape = '\"', delim = ',', encoding = 'utf-8')"
            )

    def _compute_wholes(self, cur: duckdb.DuckDBPyConnection) -> tuple[dict[str, "Whole"], dict[str, list]]:
        """Each "whole:" query's result for every filter, from the `facts` just made (in the
        same transaction when a snapshot is copied in), as a DataFrame, and the
        province of each district area, which the district filter reads: a view for new filters then keeps its rows
        (`kept_rows`) instead of planning and running the query's chain again."""
        wholes = {}
        for query in self.queries.values():
            if query.whole:
                every = dict.fromkeys(query.params)  # NULL: every district, term, level and origin
                wholes[query.name] = Whole.of(cur.execute(query.sql, every).df(),
                                              cur.execute(f"select * from ({query.sql}\n) limit 0", every).df())
        areas: dict[str, list] = {}
        for district, province in cur.execute("select district, province from areas where area_level = 'district'").fetchall():
            areas.setdefault(district, []).append(province)
        return wholes, areas

    def _whole_per(self, query: NamedQuery, params: dict, computed: dict | None = None) -> "Whole":
        """The "whole per:" query's rows for every district with these values of its other filters,
        computed the first time they are asked for in this snapshot (or ahead, `fill_ahead`), into
        `computed` (default: this snapshot's results). A filter's values are a set (the queries
        test membership), so their order does not make another result."""
        per = self._wholes_per if computed is None else computed
        values = {f: params.get(f) for f in query.whole_per}
        key = (query.name, *(None if v is None else tuple(sorted(set(v))) for v in values.values()))
        found = per.get(key)
        if found is None:
            if len(per) >= 512:  # a bound, never reached by the filters a page offers
                per.clear()
            every = {**dict.fromkeys(query.params), **values}
            cur = self.cursor()
            try:
                empty = per.get((query.name, "empty"))
                if empty is None:  # the result's types, which no value of the filters changes
                    empty = per[(query.name, "empty")] = cur.execute(f"select * from ({query.sql}\n) limit 0",
                                                                     every).df()
                found = Whole.of(cur.execute(query.sql, every).df(), empty)
            except duckdb.Error as exc:
                raise QueryFailed("query_failed", reason=technical_reason(exc)) from exc
            finally:
                cur.close()
            per[key] = found
        return found

    def fill_ahead(self) -> None:
        """From now on, compute each "whole per:" query for the filter values a page offers
        (every choice of terms, each data source or both, every level) in a background thread
        whenever a snapshot is copied in, and now for this one: a viewer's first choice then
        finds its rows computed instead of paying for planning and running the query's chain
        (about 15 ms each). For the app, which serves many viewers; not for a command."""
        self._fills_ahead = True
        self._fill_in_background()

    def _fill_in_background(self) -> None:
        per = self._wholes_per  # this snapshot's: a newer snapshot's results are never written by this thread
        terms = [None if len(chosen) == len(self.terms) else list(chosen)
                 for n in range(len(self.terms) + 1) for chosen in itertools.combinations(self.terms, n)]
        values = [{"terms": chosen, "area_levels": None, "origins": origins}
                  for chosen in terms for origins in (None, *([origin] for origin in ORIGINS))]

        def fill() -> None:
            for query in self.queries.values():
                if query.whole_per:
                    for params in values:
                        if per is not self._wholes_per:
                            return
                        try:
                            self._whole_per(query, params, per)
                        except QueryFailed:  # asked again by a viewer, who then sees why
                            return

        self.filling = threading.Thread(target=fill, name="fill-whole-per", daemon=True)
        self.filling.start()

    def kept_rows(self, whole: "Whole", districts=None, terms=None, area_levels=None, origins=None,
                  plain: bool = False) -> pd.DataFrame:
        """The rows of `whole` (with facts' district, province, term, area_level and origin
        columns) that `filtered_rows` keeps for these filters, in their order, typed as DuckDB
        types them (`plain`: text as Python objects, `Whole.plain`): the same semantics (None is
        all, [] is none, NULL matches no value, a district keeps its province's rows that have
        no district), as vectorised masks."""
        keep = np.ones(len(whole.frame), dtype=bool)
        if districts is not None:
            chosen = [d for d in districts if d in self._district_areas]
            provinces = {p for d in chosen for p in self._district_areas[d] if not pd.isna(p)}
            keep &= whole.isin("district", chosen) | ((whole.codes["district"][0] == -1) & whole.isin("province", provinces))
        for column, values in (("term", terms), ("area_level", area_levels), ("origin", origins)):
            if values is not None:
                keep &= whole.isin(column, values)
        if keep.all():
            return whole.plain if plain else whole.frame
        if not keep.any():
            return whole.empty
        return whole.typed(keep, plain)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            return self._con.cursor()

    def sql(self, sql: str, params: dict | None = None) -> pd.DataFrame:
        """Run SQL on a fresh cursor; database errors become QueryFailed."""
        cur = self.cursor()
        try:
            return cur.execute(sql, params or {}).df()
        except duckdb.Error as exc:
            raise QueryFailed("query_failed", reason=technical_reason(exc)) from exc
        finally:
            cur.close()

    def check_params(self, districts=None, terms=None, area_levels=None, origins=None) -> dict:
        """Validate filter values and return them as bound parameters (None means 'all')."""
        if any(isinstance(v, str) for v in (districts, terms, area_levels, origins)):
            raise TypeError("districts, terms, area_levels and origins are lists")
        for value in districts or ():
            if value not in self.districts:
                raise BadParameter("unknown_district", value=value, known=", ".join(self.districts))
        for value in terms or ():
            if not re.fullmatch(r"\d{4}-\d{4}", value or ""):
                raise BadParameter("malformed_term", value=value)
            if value not in self.terms:
                raise BadParameter("unknown_term", value=value, known=", ".join(self.terms))
        for value in area_levels or ():
            if value not in bundle.AREA_LEVELS:
                raise BadParameter("unknown_level", value=value, known=", ".join(bundle.AREA_LEVELS))
        for value in origins or ():
            if value not in ORIGINS:
                raise BadParameter("unknown_origin", value=value, known=", ".join(ORIGINS))
        as_list = lambda v: None if v is None else list(v)  # noqa: E731
        return {"districts": as_list(districts), "terms": as_list(terms),
                "area_levels": as_list(area_levels), "origins": as_list(origins)}

    def bound(self, name: str, **filters) -> tuple[str, dict]:
        """The named query `name`'s SQL and the parameters it takes, checked, from `filters`
        (others are ignored)."""
        query = self.queries.get(name)
        if query is None:
            raise UnknownQuery("unknown_query", name=name, known=", ".join(self.queries))
        known = self.check_params(**{k: filters.get(k) for k in FILTERS})
        extra = {k: v for k, v in filters.items() if k not in known}
        params = {**known, **extra}
        missing = [p for p in query.params if p not in params]
        if missing:
            raise BadParameter("query_needs", name=name, missing=", ".join(missing))
        return query.sql, {p: params[p] for p in query.params}

    def run(self, name: str, *, plain: bool = False, **filters) -> pd.DataFrame:
        """Run the named query `name` with the filters it takes (others are ignored). `plain`:
        its text as Python objects (`plain_text`; for the app's views), else as DuckDB gives it."""
        self.sync_store()
        sql, params = self.bound(name, **filters)
        query = self.queries[name]
        if query.whole:  # a filter the query does not take is None: all
            return self.kept_rows(self.wholes[name], **{f: params.get(f) for f in FILTERS}, plain=plain)
        if query.whole_per:
            return self.kept_rows(self._whole_per(query, params), districts=params.get("districts"), plain=plain)
        return plain_text(self.sql(sql, params)) if plain else self.sql(sql, params)
