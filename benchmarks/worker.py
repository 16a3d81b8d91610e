"""One size, one side, in its own process (so its peak RSS is its own):

    python -m benchmarks.worker product  --store STORE --out OUT.json [--repeats N]
    python -m benchmarks.worker baseline --csv-dir DIR --out OUT.json [--repeats N]

product: finds what each page runs (AppTest of dashboard.py with Database.run recorded),
times every such query directly on the store with varied filters, then times each page's
full script run in AppTest while changing the sidebar filters. baseline: the same
interactions done with pandas (read_csv + groupby) and the baseline app in AppTest.
Both end with the process's peak RSS (ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.stats import summary  # noqa: E402

ORIGINS = (["published"], ["register"], None)
APPTEST_TIMEOUT = 600


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def filter_variants(districts, terms, n: int, seed: int) -> list[dict]:
    """n filter sets: random non-empty district and term subsets (or all), and a data source."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        d = None if i % 5 == 4 else rng.sample(list(districts), rng.randint(1, len(districts)))
        t = None if i % 3 == 0 else rng.sample(list(terms), rng.randint(1, len(terms)))
        out.append({"districts": d, "terms": t, "origins": ORIGINS[i % 3]})
    return out


def dashboard_pages() -> dict[str, str]:
    """The dashboard's pages as {name: script}, in navigation order (the overview is dashboard.py)."""
    from ui.frame import PAGES

    return {key.removeprefix("page_"): script for script, key, _ in PAGES}


def _set_widget(at, key: str, value) -> bool:
    """Set the widget with `key`, whatever kind it is; False when there is none."""
    for kind in ("multiselect", "radio", "selectbox", "segmented_control", "pills", "select_slider"):
        try:
            getter = getattr(at, kind)
        except AttributeError:
            continue
        try:
            widget = getter(key=key)
        except (KeyError, IndexError, AttributeError):
            continue
        widget.set_value(value)
        return True
    return False


def _exceptions(at) -> list[str]:
    return [f"{e.message[:160]}" for e in at.exception]


def product(store: Path, repeats: int, seed: int) -> dict:
    os.environ["DASHBOARD_STORE"] = str(store)
    from streamlit.testing.v1 import AppTest

    import queries
    from queries import db as dbmod

    t0 = time.perf_counter()
    database = queries.database()
    open_s = time.perf_counter() - t0
    recorded: list[tuple[str, dict]] = []
    original_run = dbmod.Database.run

    def recording_run(self, name, **filters):
        recorded.append((name, {k: v for k, v in filters.items()}))
        return original_run(self, name, **filters)

    dbmod.Database.run = recording_run
    import streamlit as st

    districts = list(database.focus_districts)
    terms = list(database.terms)
    variants = filter_variants(districts, terms, repeats, seed)
    pages: dict[str, dict] = {}
    for name, page in dashboard_pages().items():
        st.cache_data.clear()
        recorded.clear()
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=APPTEST_TIMEOUT)
        at.query_params["origin"] = "both"
        at.run()
        if page != "dashboard.py":
            at.switch_page(page)
        t = time.perf_counter()
        at.run()
        first = time.perf_counter() - t
        errors = _exceptions(at)
        page_queries = sorted({q for q, _ in recorded})
        runs = []
        for v in variants:
            _set_widget(at, "district", v["districts"] or districts)
            _set_widget(at, "term", v["terms"] or terms)
            _set_widget(at, "origin", v["origins"][0] if v["origins"] else "both")
            t = time.perf_counter()
            at.run()
            runs.append(time.perf_counter() - t)
            errors += _exceptions(at)
        pages[name] = {"file": page, "queries": page_queries, "first_run_s": first,
                       "script_s": summary(runs), "errors": sorted(set(errors))[:5]}
    dbmod.Database.run = original_run

    # Every query a page runs, timed directly (no Streamlit cache) with the same variants.
    query_times: dict[str, dict] = {}
    for qname in sorted({q for p in pages.values() for q in p["queries"]}):
        params = database.queries[qname].params
        times, rows = [], []
        database.run(qname, **{k: v for k, v in variants[0].items() if k in params})  # warm
        for v in variants:
            args = {k: val for k, val in v.items() if k in params}
            t = time.perf_counter()
            frame = database.run(qname, **args)
            times.append(time.perf_counter() - t)
            rows.append(len(frame))
        query_times[qname] = {**summary(times), "rows_max": max(rows)}
    counts = database.store.counts() if database.store else {}
    peak = peak_rss_mib()  # before the what-if tables below
    return {"side": "product", "open_s": open_s, "pages": pages, "queries": query_times,
            "store_counts": counts, "peak_rss_mib": peak,
            "whatif": what_if(database, sorted(query_times), variants)}


def _median_times(database, names, variants, rounds: int = 1) -> dict[str, float]:
    import statistics

    out = {}
    for qname in names:
        params = database.queries[qname].params
        times = []
        for _ in range(rounds):
            for v in variants:
                args = {k: val for k, val in v.items() if k in params}
                t = time.perf_counter()
                database.run(qname, **args)
                times.append(time.perf_counter() - t)
        out[qname] = statistics.median(times)
    return out


def what_if(database, names, variants) -> dict:
    """The proposed query-side changes, tried on this process's own connection (the product's
    files are not touched): each step's query medians, measured back to back with the
    current design so the ratios are fair. Steps are cumulative.
    1. `raw_tables`: the bundled CSVs loaded once into tables (now `raw_*` are views calling
       read_csv, so every query re-parses every bundled CSV it touches).
    2. `facts_table`: `facts` materialised as a table (rebuilt after an import or removal),
       instead of a view that re-joins figures, areas, metrics, sources, poverty standards and
       data-quality notes and re-derives terms with correlated subqueries on every query."""
    variants = variants[: max(3, min(len(variants), 10))]
    con = database._con
    steps = {"current": _median_times(database, names, variants)}
    views = {r[0] for r in con.execute("select view_name from duckdb_views() where not internal").fetchall()}
    raw_views = sorted(v for v in views if v.startswith("raw_"))
    steps["already"] = {"raw_tables": not raw_views, "facts_table": "facts" not in views}
    for view in raw_views:
        con.execute(f"create table bench_{view} as select * from {view}")
        con.execute(f"create or replace view {view} as select * from bench_{view}")
    steps["raw_tables"] = _median_times(database, names, variants)
    if "facts" in views:
        con.execute("create table bench_facts as select * from facts")
        con.execute("create or replace view facts as select * from bench_facts")
    steps["facts_table"] = _median_times(database, names, variants)
    return steps


def baseline(csv_dir: Path, repeats: int, seed: int, page_topics: dict[str, list[str]]) -> dict:
    from streamlit.testing.v1 import AppTest

    from benchmarks import baseline as base

    all_terms = list(base.terms()["term"])
    districts = ["Bắc Hà", "Điện Biên", "Phúc Thọ", "Thanh Trì"]
    variants = filter_variants(districts, all_terms, repeats, seed)
    topics_times = {}
    for topic in base.FIGURES:
        times = []
        for v in variants:
            t = time.perf_counter()
            base.FIGURES[topic](csv_dir, v["districts"] or districts, v["terms"] or all_terms)
            times.append(time.perf_counter() - t)
        topics_times[topic] = summary(times)
    os.environ["BENCH_CSV_DIR"] = str(csv_dir)
    pages, measured = {}, {}
    for page, topics in page_topics.items():
        if tuple(topics) in measured:  # pages showing the same figures cost the same
            pages[page] = measured[tuple(topics)]
            continue
        # A page of the baseline is its figures recomputed from the CSVs, shown by the
        # baseline app (one topic: the app itself; several: the app's run plus the others).
        at = AppTest.from_file(str(ROOT / "benchmarks" / "baseline_app.py"), default_timeout=APPTEST_TIMEOUT)
        at.run()
        at.radio(key="page").set_value(topics[0])
        at.run()
        runs = []
        for v in variants:
            at.multiselect(key="district").set_value(v["districts"] or districts)
            at.multiselect(key="term").set_value(v["terms"] or all_terms)
            t = time.perf_counter()
            at.run()
            for extra in topics[1:]:
                base.FIGURES[extra](csv_dir, v["districts"] or districts, v["terms"] or all_terms)
            runs.append(time.perf_counter() - t)
        pages[page] = measured[tuple(topics)] = {"topics": topics, "script_s": summary(runs),
                                                 "errors": _exceptions(at)}
    return {"side": "baseline", "topics": topics_times, "pages": pages, "peak_rss_mib": peak_rss_mib()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("side", choices=["product", "baseline"])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--csv-dir", type=Path)
    parser.add_argument("--pages", default="{}", help="baseline: JSON page -> topics")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.side == "product":
        result = product(args.store, args.repeats, args.seed)
    else:
        result = baseline(args.csv_dir, args.repeats, args.seed, json.loads(args.pages))
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
