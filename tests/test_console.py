"""The SQL console: a catalogue of hostile queries, each refused or bounded, with the bundle and
the register store unchanged; the same connection refusing them on its own, without our
statement check; the named queries running there as in the app; and the page, off and on.

The catalogue runs two queries at a time (the console's own limit per server process), once per
module: the two that hit the time limit take its five seconds each."""

from __future__ import annotations

import concurrent.futures
import hashlib
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from queries import database
from queries.bundle import DATA_DIR
from queries.console import (CONCURRENT, GRACE_SECONDS, MAX_SQL_CHARS, ROW_CAP, SECONDS, STARTUP_SECONDS, Console,
                             ConsoleResult, ResultCache, filter_macros)
from queries.console_worker import MESSAGE_CHARS, connect
from queries.i18n import t
from tests.registers_support import import_path, sample_database, sample_files, store_database
from tests.test_app_dashboard import open_page, recorded_downloads  # noqa: F401
from tests.test_app_tables import assert_tables_show_no_none
from tests.test_one_language import WORD, _words, visible_texts, vocabulary  # noqa: F401

LOCAL_FILE_NAMES = ("source_file", "file")  # the bundle's own paths, which the console leaves out
LIMITED = "console_timeout", "console_memory"  # either bound stops a query that would run on
NOT_A_TABLE = "console_no_files", "console_unknown_name"  # without external access a path names no table
# (label, SQL with {store} for the store's current snapshot, {bundle} for data/, {console} for the
# console's own database file and {scratch} for an empty folder of the test's, expected keys)
HOSTILE = [
    ("read /etc/passwd", "select * from read_csv('/etc/passwd')", ("console_no_files",)),
    ("read /etc/passwd as text", "select content from read_text('/etc/passwd')", ("console_no_files",)),
    ("scan a path as a table", "select * from '/etc/passwd'", NOT_A_TABLE),
    ("read the store's snapshot", "select * from read_blob('{store}')", ("console_no_files",)),
    ("read the console's own file", "select * from read_blob('{console}')", ("console_no_files",)),
    ("read the console's own file by its name", "select * from read_blob('{console.name}')", ("console_no_files",)),
    ("read the console's own file as text", "select * from read_text('{console}')", ("console_no_files",)),
    ("scan the store's snapshot", "select * from '{store}'", NOT_A_TABLE),
    ("read a bundled file", "select * from read_csv('{bundle}/figures.csv')", ("console_no_files",)),
    ("list files", "select * from glob('/*')", ("console_no_files",)),
    ("read from the network", "select * from read_csv('https://example.com/x.csv')", ("console_no_files",)),
    ("ATTACH the store's snapshot", "attach '{store}' as store", ("console_not_select",)),
    ("ATTACH a new database", "attach ':memory:' as scratch", ("console_not_select",)),
    ("COPY TO a file", "copy facts to '{scratch}/facts.csv'", ("console_not_select",)),
    ("COPY from the bundle", "copy facts from '{bundle}/figures.csv'", ("console_not_select",)),
    ("EXPORT DATABASE", "export database '{scratch}/console-export'", ("console_not_select",)),
    ("INSTALL", "install httpfs", ("console_not_select",)),
    ("LOAD", "load httpfs", ("console_not_select",)),
    ("SET a limit", "set memory_limit = '100GB'", ("console_not_select",)),
    ("SET external access back on", "set enable_external_access = true", ("console_not_select",)),
    ("RESET", "reset threads", ("console_not_select",)),
    ("PRAGMA that writes a setting", "pragma memory_limit = '100GB'", ("console_not_select",)),
    ("PRAGMA that writes a profile", "pragma enable_profiling", ("console_not_select",)),
    ("CHECKPOINT", "checkpoint", ("console_not_select",)),
    ("CREATE", "create table copied as select * from facts", ("console_not_select",)),
    ("a temporary table", "create temp table copied as select * from facts", ("console_not_select",)),
    ("UPDATE", "update facts set value = 0", ("console_not_select",)),
    ("DELETE", "delete from facts", ("console_not_select",)),
    ("DROP", "drop table facts", ("console_not_select",)),
    ("a SELECT then a SET", "select 1; set threads = 8", ("console_one_statement",)),
    ("range(10^12) with a cross join", "select count(*) from range(1000000000000) as a cross join range(10) as b",
     LIMITED),
    ("a recursive CTE that never ends",
     "with recursive r(n) as (select 1 union all select n + 1 from r) select count(*) from r", LIMITED),
    ("a gigabyte string", "select length(repeat('x', 1000000000))", LIMITED),
    ("a list beyond the memory limit", "select list(range) from range(100000000)", LIMITED),
    ("10,000 statements", "select 1;" * 10_000, ("console_too_long",)),
    ("1,000 statements under the length limit", "select 1;" * 1_000, ("console_one_statement",)),
    ("a parameter the console does not bind", "select $secret", ("console_unknown_parameter",)),
]
# What the connection itself refuses, with no statement check before it (layer two).
SEALED = ["select * from read_csv('/etc/passwd')", "select * from read_blob('{store}')",
          "select * from read_blob('{console}')", "select * from read_text('{console.name}')",
          "select * from read_csv('{bundle}/figures.csv')", "attach '{store}' as store", "attach '{console}' as again",
          "copy facts to '{scratch}/facts.csv'", "export database '{scratch}/export'",
          "install httpfs", "load httpfs", "set memory_limit = '100GB'", "set enable_external_access = true",
          "set disabled_filesystems = ''", "set lock_configuration = false", "reset threads",
          "pragma memory_limit = '100GB'", "pragma enable_profiling",
          "select * from read_csv('https://example.com/x.csv')"]
# What the connection lets through but can change only its own copy in memory, which ends with it.
PRIVATE = ["attach ':memory:' as scratch", "create table copied as select * from facts", "update facts set value = 0",
           "drop table facts"]
# Each names where the connection's data came from, if anything does.
WHERE_FROM = ["select current_setting('allowed_paths') as paths", "select current_setting('allowed_directories') as d",
              "select * from duckdb_settings()", "select * from duckdb_databases()", "select * from pragma_database_list",
              "select * from duckdb_tables()", "select * from duckdb_functions() where function_type = 'macro'"]


def fingerprint(*folders: Path) -> dict[str, str]:
    """Every file under `folders` with the SHA-256 of its bytes."""
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def registered(tmp_path_factory):
    """A database whose store holds the generated sample register, and its console."""
    root = tmp_path_factory.mktemp("console")
    db = sample_database(root)
    return db, Console(db, folder=root / "console")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """An empty folder of the tests' own, where hostile queries try to write."""
    return tmp_path_factory.mktemp("scratch")


@pytest.fixture(scope="module")
def catalogue(registered, scratch):
    """Every hostile query's result, with the bundle, the store and the console's file before
    and after."""
    db, console = registered
    places = {"store": db.store.current().path, "bundle": DATA_DIR, "console": console.file().path, "scratch": scratch}
    before = fingerprint(DATA_DIR, db.store.path, console.folder), db.store.contents()
    with concurrent.futures.ThreadPoolExecutor(CONCURRENT) as pool:
        results = dict(zip((label for label, _, _ in HOSTILE),
                           pool.map(lambda item: console.run(item[1].format(**places)), HOSTILE)))
    return results, before, (fingerprint(DATA_DIR, db.store.path, console.folder), db.store.contents())


@pytest.mark.parametrize("label,sql,expected", HOSTILE, ids=[label for label, _, _ in HOSTILE])
def test_a_hostile_query_is_refused_or_bounded(catalogue, label, sql, expected):
    results, _, _ = catalogue
    failure = results[label].failure
    assert failure is not None and failure.msg.key in expected, (label, failure)
    assert results[label].frame.empty
    for lang in ("vi", "en"):  # our sentence in the reader's language
        assert failure.msg.text(lang) == t(failure.msg.key, lang, **failure.msg.values)


def test_the_catalogue_changed_neither_the_bundle_nor_the_store(catalogue):
    _, (files_before, contents_before), (files_after, contents_after) = catalogue
    assert files_after == files_before
    assert contents_before.keys() == contents_after.keys()
    for table, frame in contents_before.items():
        pd.testing.assert_frame_equal(contents_after[table], frame)


def test_nothing_was_written_where_a_query_tried(catalogue, scratch):
    """The catalogue's COPY and EXPORT name a folder of this test's own: it stays empty."""
    assert [label for label, sql, _ in HOSTILE if "{scratch}" in sql] == ["COPY TO a file", "EXPORT DATABASE"]
    assert not any(scratch.iterdir())


@pytest.mark.parametrize("statement", SEALED)
def test_the_connection_refuses_it_on_its_own(registered, tmp_path, statement):
    """Layer two: without our one-SELECT check, DuckDB's configuration refuses each one."""
    db, console = registered
    con = connect(str(console.file().path), 256)
    try:
        with pytest.raises(duckdb.Error):
            con.execute(statement.format(store=db.store.current().path, bundle=DATA_DIR, scratch=tmp_path,
                                         console=console.file().path))
    finally:
        con.close()
    assert not any(tmp_path.iterdir())


def test_what_the_connection_lets_through_changes_only_its_own_copy(registered):
    db, console = registered
    before = fingerprint(console.folder)
    con = connect(str(console.file().path), 256)
    try:
        for statement in PRIVATE:
            con.execute(statement)
    finally:
        con.close()
    assert fingerprint(console.folder) == before
    assert console.run("select count(*) as n from facts").frame["n"].tolist() == [len(db.run("facts"))]


@pytest.mark.parametrize("sql", WHERE_FROM)
def test_no_result_names_the_consoles_file_or_folder(registered, sql):
    """DuckDB names an open database's file in settings and catalogue functions; the console's
    connection holds a copy in memory, so none has a path to name."""
    _, console = registered
    result = console.run(sql)
    assert result.failure is None, result.failure
    text = result.frame.astype(str).to_csv()
    for revealing in (str(console.folder), console.file().path.name, "snapshot-", tempfile.gettempdir(), str(Path.cwd())):
        assert revealing not in text, (sql, revealing)


@pytest.mark.parametrize("sql", ["select count(*) as n from facts; -- how many figures",
                                 "select count(*) as n from facts;\n/* how many\nfigures */",
                                 "select count(*) as n from facts -- how many figures",
                                 "select count(*) as n from facts;  "])
def test_a_comment_after_the_semicolon_is_not_a_second_statement(registered, sql):
    db, console = registered
    result = console.run(sql)
    assert result.failure is None, result.failure
    assert result.frame["n"].tolist() == [len(db.run("facts"))]


def test_a_column_pandas_cannot_hold_is_named_not_a_traceback(registered):
    _, console = registered
    failure = console.run("select union_value(k := 1) as u, 2 as fine").failure
    assert failure.msg.key == "console_unshowable" and "`u`" in failure.msg.values["columns"]
    assert "fine" not in failure.msg.values["columns"]
    assert console.run("select union_value(k := 1)::varchar as u").frame["u"].tolist() == ["1"]


def test_a_date_python_cannot_write_is_shown_as_duckdb_writes_it(registered):
    _, console = registered
    frame = console.run("select 'infinity'::date as d, date '2020-01-01' as ok, '-infinity'::timestamp as t, "
                        "date '12000-01-01' as far, timestamp '2020-01-01 10:00' as near").frame
    assert frame["d"].tolist() == ["infinity"] and frame["t"].tolist() == ["-infinity"]
    assert frame["far"].tolist() == ["12000-01-01"]
    assert frame["ok"].tolist() == [pd.Timestamp("2020-01-01")] and frame["near"].dtype.kind == "M"


def test_a_query_duckdb_cannot_interrupt_is_killed_soon_after_the_limit_and_says_so(registered):
    """One long function call ignores DuckDB's interrupt: the worker is killed GRACE_SECONDS
    after the limit, counted from when the query started, not from when its process did."""
    _, console = registered
    started = time.monotonic()
    failure = console.run("select levenshtein(repeat('a', 200000), repeat('b', 200000)) as d").failure
    took = time.monotonic() - started
    assert failure.msg.key == "console_killed", failure
    assert SECONDS < failure.msg.values["after"] <= SECONDS + GRACE_SECONDS + 2
    assert took < STARTUP_SECONDS  # before: start-up allowance + limit + 3 = 28 s
    assert "could not interrupt" in failure.msg.text("en")


def test_duckdbs_message_is_cut_to_a_readable_length(registered):
    _, console = registered
    failure = console.run("select error(repeat('x', 30000000))").failure
    assert failure.msg.key == "console_database"
    assert failure.duckdb.startswith("Invalid Input Error: xxx") and len(failure.duckdb) <= MESSAGE_CHARS + 10


def _result_of(mb: float) -> ConsoleResult:
    return ConsoleResult(pd.DataFrame({"x": range(int(mb * (1 << 20)) // 8)}))


def test_the_result_cache_keeps_to_its_bytes():
    cache = ResultCache(entries=64, mb=10)
    for i in range(8):
        cache.put(("q", i), _result_of(3))
    assert cache.bytes <= 10 << 20 and len(cache) == 3
    assert cache.get(("q", 7)) is not None and cache.get(("q", 0)) is None  # the least recently used went first
    cache.put(("huge",), _result_of(11))
    assert cache.get(("huge",)) is None and len(cache) == 3  # larger than the whole cache: not kept


def test_a_rerun_is_answered_from_the_cache_until_the_store_changes(registered):
    _, console = registered
    first = console.run_cached("select count(*) as n from facts", {})
    assert console.run_cached("select count(*) as n from facts", {}) is first


def test_a_result_is_capped_and_says_so(registered):
    _, console = registered
    result = console.run("select * from range(1000000)")
    assert result.failure is None and result.capped and len(result.frame) == ROW_CAP


def test_duckdbs_own_message_comes_with_ours(registered):
    _, console = registered
    failure = console.run("select nope from facts").failure
    assert failure.msg.key == "console_unknown_name" and 'column "nope"' in failure.duckdb
    assert str(console.folder) not in failure.duckdb


def test_text_longer_than_an_address_can_carry_is_refused_before_any_process_starts(registered):
    _, console = registered
    failure = console.run("select 1 " + " " * MAX_SQL_CHARS).failure
    assert failure.msg.key == "console_too_long" and not failure.duckdb


def test_every_named_query_runs_in_the_console_as_in_the_app(registered):
    """The examples the page offers are the queries/*.sql files, verbatim, with the filters bound."""
    db, console = registered
    filters = {"districts": list(db.focus_districts), "terms": None, "area_levels": None, "origins": None}
    with concurrent.futures.ThreadPoolExecutor(CONCURRENT) as pool:
        results = dict(zip(db.queries, pool.map(lambda q: console.run(q.sql, filters), db.queries.values())))
    for name, result in results.items():
        assert result.failure is None, (name, result.failure)
        expected = db.run(name, **filters)
        assert list(result.frame.columns) == [c for c in expected.columns if c not in LOCAL_FILE_NAMES], name
        assert len(result.frame) == len(expected), name
        if "value" in expected.columns:
            assert result.frame["value"].sum() == pytest.approx(expected["value"].sum()), name


def test_the_filters_are_bound_as_the_pages_bind_them(registered):
    db, console = registered
    filters = {"districts": ["Thanh Trì"], "terms": ["2020-2025"], "area_levels": None, "origins": ["published"]}
    result = console.run("select figure_id, value from filtered_facts($districts, $terms, $area_levels, $origins) "
                         "order by figure_id", filters)
    expected = db.run("facts", **filters).sort_values("figure_id")
    assert result.frame["figure_id"].tolist() == expected["figure_id"].tolist()
    assert result.frame["value"].tolist() == expected["value"].tolist()


def test_the_console_sees_the_registers_and_a_new_import(tmp_path):
    db = store_database(tmp_path / "registers")
    console = Console(db, folder=tmp_path / "console")
    count = "select count(*) as n from register_imports"
    assert console.run(count).frame["n"].tolist() == [0]
    first = console.file().path
    for path in sample_files(tmp_path / "sample").values():
        import_path(db, path)
    assert console.run(count).frame["n"].tolist() == [3]
    assert console.file().path != first and not first.exists()
    rotations = console.run("select sum(events) as events from register_rotation_counts").frame
    assert rotations["events"].tolist() == [72]


def test_no_raw_register_record_or_local_file_name_reaches_the_console(registered):
    _, console = registered
    tables = console.file().tables
    assert not {"rotation_events", "office_holders", "commune_poverty"} & set(tables)
    assert "source_file" not in dict(tables["facts"]) and "file" not in dict(tables["sources"])
    assert ["filtered_rows", "filtered_facts"] == [m.split("macro ")[1].split("(")[0] for m in filter_macros()]


# ---- The page

def test_the_page_says_the_console_is_off_and_how_to_turn_it_on(monkeypatch):
    monkeypatch.delenv("DASHBOARD_SQL_CONSOLE", raising=False)
    at = open_page("pages/sql.py", lang="en")
    assert "DASHBOARD_SQL_CONSOLE=1" in at.info[0].value and "sql_console = true" in at.info[0].value
    assert not at.text_area and not at.dataframe


def test_a_shared_address_runs_its_query_and_offers_the_csv(recorded_downloads):
    query = "select district, area, value from facts where metric = 'non_local_share' order by all"
    at = open_page("pages/sql.py", q=query, district="Thanh Trì")
    assert at.text_area(key="sql_query").value == query
    table = at.dataframe[0].value
    assert "Thanh Trì" in table["district"].tolist()
    headers = [build()[:200].decode("utf-8-sig", "replace").splitlines()[0] for build in recorded_downloads.values()]
    assert "district,area,value" in headers  # the console's CSV, beside the overview's
    assert at.query_params["q"] == query


def test_an_example_is_the_named_querys_own_text(db):
    at = open_page("pages/sql.py")
    at.selectbox(key="sql_example").select("rotations_by_term_kind").run()
    assert at.text_area(key="sql_query").value == db.queries["rotations_by_term_kind"].sql
    assert at.dataframe[0].value.shape[0] > 0


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_bad_query_gets_our_sentence_and_duckdbs_message(lang):
    at = open_page("pages/sql.py", lang=lang, q="selec district from facts")
    box = at.error[0].value
    assert box.startswith(t("console_syntax", lang)) and 'syntax error at or near "selec"' in box


@pytest.mark.parametrize("query,shown", [("select 'infinity'::date as d, date '2020-01-01' as ok", "dataframe"),
                                         ("select 'inf'::double as up, '-inf'::double as down, 1.5 as fine", "dataframe"),
                                         ("select union_value(k := 1) as u", "error"),
                                         ("select error(repeat('x', 30000000))", "error")])
def test_a_result_or_message_the_page_could_not_draw_is_drawn(query, shown):
    """open_page fails on any exception: before, the first two raised (a path in the traceback)
    and the third sent thirty million characters to the page."""
    at = open_page("pages/sql.py", lang="en", q=query)
    assert len(getattr(at, shown)) == 1
    if shown == "error":
        assert len(at.error[0].value) < MESSAGE_CHARS + 500


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_with_a_result_shows_no_none(lang):
    query = "select figure_id, district, rotation_kind, numerator from facts order by figure_id limit 40"
    at = open_page("pages/sql.py", lang=lang, q=query)
    assert at.title[0].value == t("page_sql", lang)
    assert any(c.value == t("console_rows", lang, n=40) for c in at.caption)
    assert at.dataframe[0].value["rotation_kind"].isna().any()  # missing values, shown as a dash
    assert_tables_show_no_none(at)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_with_a_result_speaks_one_language(lang, vocabulary):
    """The result's own names are the reader's SQL; everything around them is in one language."""
    at = open_page("pages/sql.py", lang=lang, q="select count(*) as n, max(numerator) as m from facts")
    assert at.dataframe[0].value["n"].tolist() == [len(database().run("facts"))]  # a number, sorted as one
    other = "en" if lang == "vi" else "vi"
    found = {}
    for text in visible_texts(at):
        words = _words(text) if other == "en" else {w for w in WORD.findall(text) if w.islower()}
        found.update({word: text[:120] for word in words & vocabulary[other]})
    assert not found, f"{other} words on a {lang} page: {found}"


def test_the_console_is_in_every_pages_navigation():
    for page in ("dashboard.py", "pages/sources.py", "pages/sql.py"):
        at = open_page(page, lang="en")
        links = {link.proto.page: link.proto.label for link in at.get("page_link")}
        assert links.get("sql") == t("page_sql", "en"), links
