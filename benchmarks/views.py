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
    .venv/bin/python -m benchmarks.views --profile --stores 1m=/tmp/b1m/store   # where a view's time goes
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
    """What the first session drawing a view makes once for every session (see ui.widgets and
    the page scripts): each chart's figure dict and source line, the overview's cards, the
    field-work cards and the checks table of the quotas page, the data-quality notes. A chart's
    own table is made when a reader first opens its table tab, not for the first draw."""
    for section in view.sections:
        chart = section.chart
        if chart is not None:
            if chart.figure is not None:
                chart.figure.to_dict()
            else:  # figures shown as cards (the quotas page's field work)
                chart.drawn_rows  # noqa: B018
            chart.source_line  # noqa: B018
        if section.rows is not None:
            section.cards  # noqa: B018
    view.quality_note_boxes  # noqa: B018
    if view.checks is not None:
        view.checks.shown_table  # noqa: B018


def filled_ahead(db) -> float:
    """Wait for what the database computes ahead once per snapshot (`Database.fill_ahead`, where
    the checkout has it) and return its CPU seconds: paid once, not by any view."""
    started = time.process_time()
    if getattr(db, "filling", None) is not None:
        db.filling.join()
    return time.process_time() - started


def measure(pages: list[str], views: int) -> dict:
    """CPU seconds per view for each page, in this process (its checkout first on sys.path),
    and under "fill ahead" the CPU seconds computed ahead once per snapshot."""
    from benchmarks.loadtest import different_links
    from ui.data import get_database, shared_view

    db = get_database()
    out = {"fill ahead": [filled_ahead(db)]}
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


PARTS = {  # what a view for new filters spends its CPU on: (module, function) timed apart
    "queries (Database.run)": ("queries.db", "Database.run"),
    "checks_view": ("ui.views", "checks_view"),
    "figures (chart builders)": ("ui.views", ("attainment_chart", "progress_chart", "rotations_chart",
                                              "cases_timeline", "poverty_chart", "overview_chart")),
    "draw: figure.to_dict": ("plotly.basedatatypes", "BaseFigure.to_dict"),
    "draw: screen tables": ("ui.views", "screen_table"),
}


def _timed_parts() -> tuple[dict[str, float], list]:
    """Wrap each of PARTS in a CPU timer (outermost call only); returns the totals and the undo list."""
    import importlib

    totals = dict.fromkeys(PARTS, 0.0)
    undo = []
    for part, (module_name, names) in PARTS.items():
        module = importlib.import_module(module_name)
        for name in (names,) if isinstance(names, str) else names:
            owner = module
            *path, attribute = name.split(".")
            for step in path:
                owner = getattr(owner, step)
            original = getattr(owner, attribute)
            depth = [0]

            def timed(*args, _original=original, _part=part, _depth=depth, **kwargs):
                _depth[0] += 1
                started = time.process_time()
                try:
                    return _original(*args, **kwargs)
                finally:
                    _depth[0] -= 1
                    if not _depth[0]:
                        totals[_part] += time.process_time() - started

            setattr(owner, attribute, timed)
            undo.append((owner, attribute, original))
    return totals, undo


def profile(pages: list[str], views: int, top: int) -> None:
    """Where a view for new filters spends its CPU, in this process: first each part of PARTS
    (CPU ms per view, no profiler), then cProfile's top functions by cumulative and by own time
    (ms per view, the profiler's own cost included: read them as shares)."""
    import cProfile
    import pstats

    from benchmarks.loadtest import different_links
    from ui.data import get_database, shared_view

    db = get_database()
    print(f"computed ahead once per snapshot: {filled_ahead(db) * 1000:.0f} CPU ms")
    for page in pages:
        links = list(itertools.islice(different_links(PAGES[page]), 2 * views))
        warm = next(link for link in different_links(PAGES[page], seed=99) if link not in links)
        drawn(shared_view(page, filters_from_link(warm, db)))
        totals, undo = _timed_parts()
        started = time.process_time()
        for link in links[:views]:
            drawn(shared_view(page, filters_from_link(link, db)))
        total = time.process_time() - started
        for owner, attribute, original in undo:
            setattr(owner, attribute, original)
        print(f"\n=== {page}: {views} views, {total / views * 1000:.1f} CPU ms per view (no profiler); parts:")
        for part, spent in totals.items():
            print(f"  {spent / views * 1000:7.2f}  {part}")
        print(f"  {(total - sum(totals.values())) / views * 1000:7.2f}  the rest (the view's own pandas and text)")
        profiler = cProfile.Profile(time.process_time)
        for link in links[views:]:
            profiler.runcall(lambda: drawn(shared_view(page, filters_from_link(link, db))))
        stats = pstats.Stats(profiler)
        for key, index in (("cumulative", 3), ("tottime", 2)):
            print(f"--- cProfile by {key} time, ms per view: cumulative, own, calls per view")
            rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][index])[:top]
            for (file, line, name), (_, calls, own, cumulative, _) in rows:
                where = f"{Path(file).parent.name}/{Path(file).name}:{line}" if line else file
                print(f"  {cumulative / views * 1000:7.2f} {own / views * 1000:7.2f} {calls / views:7.1f}  {name}  {where}")


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
    parser.add_argument("--profile", action="store_true", help="profile this checkout on the first store instead")
    parser.add_argument("--top", type=int, default=25, help="functions listed per page with --profile")
    args = parser.parse_args(argv)
    if args.profile:
        store = args.stores[0].split("=", 1)[-1]
        os.environ["DASHBOARD_STORE"] = str(Path(tempfile.mkdtemp()) / "store") if store == EMPTY_STORE else store
        profile(args.pages, args.views, args.top)
        return 0
    roots = {"this": ROOT, **({"against": args.against.resolve()} if args.against else {})}
    print(f"CPU ms per view, {args.views} views with new filters per page, {args.rounds} rounds", flush=True)
    for name, store in (s.split("=", 1) for s in args.stores):
        if store != EMPTY_STORE and not Path(store).exists():
            print(f"{name}: {store} missing, skipped")
            continue
        results = {which: {page: [] for page in ["fill ahead", *args.pages]} for which in roots}
        for _ in range(args.rounds):  # alternated, so a busy moment of the machine weighs on both
            for which, root in roots.items():
                for page, times in run_worker(root, store, args.pages, args.views).items():
                    results[which][page] += times
        for page in ["fill ahead", *args.pages]:
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
