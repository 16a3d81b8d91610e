"""Server CPU per view for viewers who each choose new filters, in-process, without a server.

A room where every viewer picks other filters builds a view per viewer (`ui.data.shared_view`:
the page's queries through the app's cached `run_query`, its figures, tables and notes), then
draws it; the drawing side makes the view's shared parts once (the figure's dict, the screen
tables, the sources and notes). This times both for 40 distinct filter sets per page, made
exactly as the load test makes them (`loadtest.different_links`), as CPU time of the whole
process (DuckDB's threads included), after one warm-up view per page. Each checkout and data
set runs in fresh processes, alternated (`--rounds`), so `--against` gives before/after ratios
measured in the same run.

    .venv/bin/python -m benchmarks.views                                  # this checkout
    .venv/bin/python -m benchmarks.views --against /tmp/before --stores bundled=- 1m=/tmp/b1m/store
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"page_quotas": "quotas", "page_rotations": "rotations", "page_poverty": "poverty", "page_overview": ""}
EMPTY_STORE = "-"  # the bundled data only: a store folder that does not exist


def filters_from_link(link: str, db):
    """The filters a viewer opening `link` gets (as `ui.filters.seed_from_url` reads them)."""
    from ui.selection import Filters, defaults

    start = defaults(db)
    params = parse_qs(urlsplit(link).query, keep_blank_values=True)
    return Filters(lang=params.get("lang", [start["lang"]])[0], present=False,
                   districts=tuple(params.get("district", start["district"])),
                   terms=tuple(params.get("term", start["term"])), area_levels=tuple(start["level"]),
                   origin=params.get("origin", [start["origin"]])[0], all_terms=tuple(db.terms))


def drawn(view) -> None:
    """What the first session drawing a view makes once for every session (see ui.widgets)."""
    for section in view.sections:
        if section.chart is not None:
            chart = section.chart
            if chart.figure is not None:
                chart.figure.to_dict()
            chart.shown_table, chart.source_names, chart.drawn_rows  # noqa: B018
    view.quality_note_boxes  # noqa: B018
    if view.checks is not None:
        view.checks.shown_table  # noqa: B018


def measure(pages: list[str], views: int) -> dict:
    """CPU seconds per view for each page, in this process (its checkout first on sys.path)."""
    from benchmarks.loadtest import different_links
    from ui.data import get_database, shared_view

    db = get_database()
    out = {}
    for page in pages:
        links = list(itertools.islice(different_links(PAGES[page]), views))
        warm = next(link for link in different_links(PAGES[page], seed=99) if link not in links)
        drawn(shared_view(page, filters_from_link(warm, db)))
        times = []
        for link in links:
            started = time.process_time()
            drawn(shared_view(page, filters_from_link(link, db)))
            times.append(time.process_time() - started)
        out[page] = times
    return out


def run_worker(root: Path, store: str, pages: list[str], views: int) -> dict:
    """`measure` in a fresh process whose `ui` and `queries` come from the checkout `root`."""
    env = {**os.environ, "DASHBOARD_STORE": str(Path(tempfile.mkdtemp()) / "store") if store == EMPTY_STORE else store}
    code = ("import json, sys; from benchmarks.views import measure; sys.path.insert(0, sys.argv[1]); "
            "print(json.dumps(measure(sys.argv[3:], int(sys.argv[2]))))")
    done = subprocess.run([sys.executable, "-c", code, str(root), str(views), *pages], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    from benchmarks.stats import ratio, summary

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", type=Path, help="another checkout (e.g. main), measured in the same run")
    parser.add_argument("--stores", nargs="+", default=[f"bundled={EMPTY_STORE}", "1m=/tmp/b1m/store"],
                        help="name=store folder ('-': bundled data only); read, never written")
    parser.add_argument("--pages", nargs="+", default=list(PAGES), choices=list(PAGES))
    parser.add_argument("--views", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=2, help="fresh processes per checkout, alternated")
    args = parser.parse_args(argv)
    roots = {"this": ROOT, **({"against": args.against.resolve()} if args.against else {})}
    print(f"CPU ms per view, {args.views} views with new filters per page, {args.rounds} rounds", flush=True)
    for name, store in (s.split("=", 1) for s in args.stores):
        if store != EMPTY_STORE and not Path(store).exists():
            print(f"{name}: {store} missing, skipped")
            continue
        results = {which: {page: [] for page in args.pages} for which in roots}
        for _ in range(args.rounds):  # alternated, so a busy moment of the machine weighs on both
            for which, root in roots.items():
                for page, times in run_worker(root, store, args.pages, args.views).items():
                    results[which][page] += times
        for page in args.pages:
            this = summary(results["this"][page])
            line = f"{name:>8} {page:<15} median {this['median'] * 1000:6.1f}  p95 {this['p95'] * 1000:6.1f}"
            if "against" in results:
                other = summary(results["against"][page])
                line += (f"   against: median {other['median'] * 1000:6.1f}  p95 {other['p95'] * 1000:6.1f}"
                         f"   ratio against/this: median {ratio(other['median'], this['median']):.2f}×"
                         f"  p95 {ratio(other['p95'], this['p95']):.2f}×")
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
