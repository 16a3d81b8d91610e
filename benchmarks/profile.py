"""Where a page's time goes: cProfile of its script runs in AppTest on a store, while the
filters change; prints the top functions (cumulative and own time) and the per-query times.

    .venv/bin/python -m benchmarks.profile --store /tmp/x/store.duckdb --page rotations
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--page", action="append", help="page name(s), default: every page")
    parser.add_argument("--repeats", type=int, default=6)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--no-cache", action="store_true", help="clear st.cache_data before each run")
    args = parser.parse_args(argv)
    os.environ["DASHBOARD_STORE"] = str(args.store)
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from benchmarks.worker import _set_widget, dashboard_pages, filter_variants
    from queries import database
    from queries import db as dbmod

    db = database()
    per_query: dict[str, list[float]] = {}
    original = dbmod.Database.run

    def timed(self, name, **filters):
        t = time.perf_counter()
        try:
            return original(self, name, **filters)
        finally:
            per_query.setdefault(name, []).append(time.perf_counter() - t)

    dbmod.Database.run = timed
    # AppTest runs the script in its own thread: profile inside that thread.
    from streamlit.runtime.scriptrunner import script_runner

    current: list[cProfile.Profile] = []
    original_script = script_runner.ScriptRunner._run_script

    def profiled_script(self, *a, **k):
        if not current:
            return original_script(self, *a, **k)
        return current[0].runcall(original_script, self, *a, **k)

    script_runner.ScriptRunner._run_script = profiled_script
    variants = filter_variants(list(db.focus_districts), list(db.terms), args.repeats, 3)
    pages = {name: page for name, page in dashboard_pages().items() if not args.page or name in args.page}
    for page in pages.values():
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        at.query_params["origin"] = "both"
        at.run()
        if page != "dashboard.py":
            at.switch_page(page)
            at.run()
        per_query.clear()
        prof = cProfile.Profile()
        total = 0.0
        for v in variants:
            _set_widget(at, "district", v["districts"] or list(db.focus_districts))
            _set_widget(at, "term", v["terms"] or list(db.terms))
            _set_widget(at, "origin", v["origins"][0] if v["origins"] else "both")
            if args.no_cache:
                st.cache_data.clear()
            t = time.perf_counter()
            current[:] = [prof]
            at.run()
            current.clear()
            total += time.perf_counter() - t
        print(f"\n=== {page}: {args.repeats} runs, mean {total / args.repeats * 1000:.0f} ms per run")
        for name, times in sorted(per_query.items(), key=lambda kv: -sum(kv[1])):
            print(f"  query {name:<24} calls {len(times):>3}  total {sum(times) * 1000:7.0f} ms  "
                  f"per call {sum(times) / len(times) * 1000:6.1f} ms")
        for key in ("cumulative", "tottime"):
            buf = io.StringIO()
            pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key).print_stats(args.top)
            print(f"--- by {key}")
            print("\n".join(line for line in buf.getvalue().splitlines()[6:] if line.strip()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
