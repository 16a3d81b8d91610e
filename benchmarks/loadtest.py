"""Many viewers opening a shared link at once, each as a fresh Chromium tab does it.

A viewer is a new session: it opens Streamlit's websocket `/_stcore/stream` (subprotocol
"streamlit") and sends the one BackMsg that Chromium sends for a deep link (captured with
Playwright on Streamlit 1.67 for `/quotas?lang=en&district=Thanh%20Tr%C3%AC`): `rerun_script`
with the query string, no widget states, the page's name and the browser's context (time zone,
locale, URL, colour scheme). Its time runs from the start of the connection to the ForwardMsg
`script_finished`. An exception element, a failed run, a closed socket or a timeout is an
error. Every viewer stays connected until the last one has finished, so the server's memory is
read with all sessions open; then all leave. The whole crowd has a hard time limit.

The server's CPU time (user + system, from /proc, summed over the server process and all its
descendants: a room's proxy and workers) is read before and after the crowd, so a viewer's
cost is the difference divided by the viewers.

`matrix` runs the crowds the issue asks for, each against a fresh server started as its
command says (`streamlit run` as the README starts it, or the room command): the floor app,
the shared quotas link and different filters per viewer, at each crowd size, with each data
set. Before a crowd the presenter opens the app once (its first page, never the shared link),
so the crowd does not pay for Python's imports; a view the crowd opens is never built before
it arrives.

    .venv/bin/python -m benchmarks viewers                     # bundled + 1m, 10/25/50, 1/2/4 processes
    .venv/bin/python -m benchmarks viewers --processes 1       # one `streamlit run` only
    .venv/bin/python -m benchmarks viewers --settings-only     # config.toml's two settings, added to the last run
    .venv/bin/python -m benchmarks viewers --data bundled --viewers 3 --processes 1 2 --tabs 0 --room-crowd 6   # a quick check

After the matrix, a larger crowd arriving within a longer spread (200 viewers within 2 s)
opens the room (2 processes) with the shared link and with different filters, beside the
floor app receiving the same crowd (`--room-crowd`, `--room-crowd-spread`, `--room-crowd-processes`).

It ends with what config.toml's two server settings save (each put back alone), and with
fresh Chromium tabs opening the link (one alone, then ten at once) against each server.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import websockets
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from ui.room import first_message

from .server import NO_WINDOW, ROOT, room_server, rss_kib, streamlit_server, tree_pids
from .stats import summary

FINISHED_OK = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")
TICKS = os.sysconf("SC_CLK_TCK")
DISTRICTS = ("Bắc Hà", "Điện Biên", "Phúc Thọ", "Thanh Trì")
TERMS = ("2010-2015", "2015-2020", "2020-2025")
HERE = Path(__file__).resolve().parent
APPS = {"floor": HERE / "floor_app.py", "elements": HERE / "elements_app.py", "chart floor": HERE / "chart_floor_app.py",
        "dashboard": ROOT / "dashboard.py"}
SHARED_LINK = "quotas?origin=both"  # a chart page, register figures beside the published ones
FLOOR_LINK = ""


@dataclass
class View:
    """One viewer's first complete run: seconds from connect to `script_finished`, or an error."""

    seconds: float | None = None
    error: str | None = None
    charts: int = 0


async def open_link(host: str, port: int, link: str, timeout: float, release: asyncio.Event | None = None,
                    headers: dict | None = None, ran=lambda: None) -> View:
    """Open `link` ('quotas?origin=both', '' for the first page) as a fresh tab would; call
    `ran` once its run has finished (or failed), then stay connected until `release` is set."""
    parts = urlsplit(link)
    page_name = parts.path.strip("/")
    view = View()
    started = time.perf_counter()
    try:
        async with websockets.connect(f"ws://{host}:{port}/_stcore/stream", subprotocols=["streamlit"],
                                      max_size=None, open_timeout=timeout, ping_interval=None,
                                      additional_headers=headers) as ws:
            await ws.send(first_message(page_name, parts.query, f"http://{host}:{port}/{page_name}"))
            deadline = started + timeout
            while view.seconds is None and view.error is None:
                raw = await asyncio.wait_for(ws.recv(), max(0.01, deadline - time.perf_counter()))
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                kind = msg.WhichOneof("type")
                if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    element = msg.delta.new_element.WhichOneof("type")
                    if element == "plotly_chart":
                        view.charts += 1
                    elif element == "exception":
                        exc = msg.delta.new_element.exception
                        view.error = f"exception: {exc.type}: {exc.message[:160]}"
                elif kind == "script_finished":
                    if msg.script_finished == FINISHED_OK:
                        view.seconds = time.perf_counter() - started
                    else:
                        view.error = f"script finished with status {msg.script_finished}"
            ran()
            if release is not None:
                await release.wait()
            return view
    except Exception as exc:  # noqa: BLE001 - every failure is a counted error
        view.error = view.error or f"{type(exc).__name__}: {exc}"[:200]
    ran()
    return view


def cpu_seconds(pids) -> float:
    """User + system CPU time of the processes `pids`, from /proc (Linux)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / TICKS


def rss_mib(pids) -> float:
    total = 0
    for pid in pids:
        try:
            total += rss_kib(pid)
        except OSError:
            pass
    return total / 1024


async def _crowd(host: str, port: int, links: list[str], spread: float, timeout: float, hard_limit: float,
                 pids) -> dict:
    release, everyone_ran = asyncio.Event(), asyncio.Event()
    ran = 0
    cpu_before, rss_before = cpu_seconds(pids()), rss_mib(pids())

    def one_ran() -> None:
        nonlocal ran
        ran += 1
        if ran == len(links):
            everyone_ran.set()

    async def viewer(index: int, link: str) -> View:
        await asyncio.sleep(spread * index / len(links))
        return await open_link(host, port, link, timeout, release, ran=one_ran)

    tasks = [asyncio.create_task(viewer(i, link)) for i, link in enumerate(links)]
    started = time.perf_counter()
    try:
        await asyncio.wait_for(everyone_ran.wait(), hard_limit)
    except asyncio.TimeoutError:
        pass
    wall = time.perf_counter() - started
    cpu_after, rss_after = cpu_seconds(pids()), rss_mib(pids())
    release.set()
    done, pending = await asyncio.wait(tasks, timeout=10)
    for task in pending:
        task.cancel()
    views = [task.result() for task in done]
    views += [View(error="cut off by the time limit") for _ in pending]
    times = [v.seconds for v in views if v.seconds is not None]
    errors = [v.error for v in views if v.error]
    return {"viewers": len(links), "finished": len(times), "errors": len(errors),
            "error_samples": sorted(set(errors))[:5], "wall_s": wall, "seconds": summary(times),
            "charts": max((v.charts for v in views), default=0),
            "cpu_s": cpu_after - cpu_before, "cpu_per_viewer_s": (cpu_after - cpu_before) / len(links),
            "rss_before_mib": rss_before, "rss_after_mib": rss_after,
            "rss_per_session_mib": max(0.0, rss_after - rss_before) / len(links)}


def crowd(port: int, links: list[str], pids, spread: float = 1.0, timeout: float = 120.0,
          hard_limit: float = 300.0, host: str = "127.0.0.1") -> dict:
    """`len(links)` viewers open their links within `spread` seconds (viewer i opens links[i]);
    returns the times, errors, server CPU per viewer and memory per session of the processes
    `pids()` lists (read before and after: a room's workers may change)."""
    return asyncio.run(_crowd(host, port, links, spread, timeout, hard_limit, pids))


def same_link(link: str, viewers: int) -> list[str]:
    return [link] * viewers


def different_links(page: str, seed: int = 1):
    """An endless supply of links to `page`, each with other filters (language, districts,
    terms, data source), never the same one twice: every viewer's view is built afresh."""
    districts = [c for n in range(1, 5) for c in itertools.combinations(DISTRICTS, n)]
    terms = [c for n in range(1, 3) for c in itertools.combinations(TERMS, n)] + [()]
    combos = list(itertools.product(("vi", "en"), districts, terms, ("published", "both", "register")))
    random.Random(seed).shuffle(combos)
    for lang, chosen, terms_chosen, origin in combos:
        params = [("lang", lang)] if lang != "vi" else []
        if set(chosen) != set(DISTRICTS):
            params += [("district", d) for d in chosen]
        params += [("term", t) for t in terms_chosen]
        if origin != "published":
            params.append(("origin", origin))
        yield f"{page}?{urlencode(params, quote_via=quote)}"


@contextmanager
def started(app: str, processes: int, env: dict, log_path: Path | None = None):
    """`app` ('floor' or 'dashboard') served as a presenter starts it: one process is
    `streamlit run` as the README says, more is the room command. Yields the port viewers
    connect to and a function listing the server's processes now."""
    env = {**NO_WINDOW, **env}
    if processes == 1:
        server = streamlit_server(APPS[app], env=env, timeout=120, log_path=log_path, as_readme=True)
    elif app == "dashboard":
        server = room_server(processes, env=env, log_path=log_path)
    else:
        raise ValueError("the room serves the dashboard only")
    with server as (proc, port, _):
        yield port, lambda: tree_pids(proc.pid)


def warm_up(port: int, processes: int, timeout: float, pids) -> list[str]:
    """The presenter opening the app before sharing the link: its first page, once per process
    (twice as many openings as processes: a new browser lands on any of them), then waiting
    until the server's processes `pids()` are idle (`settle`): a presenter shares the link after
    the app is open, not in the same second. The errors."""
    async def go() -> list[View]:
        return [await open_link("127.0.0.1", port, FLOOR_LINK, timeout) for _ in range(max(1, 2 * processes - 1))]

    errors = [v.error for v in asyncio.run(go()) if v.error]
    settle(pids)
    return errors


def settle(pids, window: float = 0.5, idle_cpu: float = 0.02, limit: float = 30.0) -> None:
    """Wait until the processes `pids()` use less than `idle_cpu` seconds of CPU in `window`
    seconds (what the first opening starts in the background, as the dashboard's figures
    computed ahead for every term and data source, is done), at most `limit` seconds."""
    started = time.monotonic()
    before = cpu_seconds(pids())
    while time.monotonic() - started < limit:
        time.sleep(window)
        now = cpu_seconds(pids())
        if now - before < idle_cpu:
            return
        before = now


def crowd_links(app: str, kind: str, viewers: int) -> list[str]:
    if app in ("floor", "elements"):
        return same_link(FLOOR_LINK, viewers)
    if kind == "same":
        return same_link(SHARED_LINK, viewers)
    return list(itertools.islice(different_links("quotas", seed=viewers), viewers))


def matrix(stores: dict[str, Path], viewer_counts, processes, spread: float = 1.0, timeout: float = 120.0,
           hard_limit: float = 300.0, log_dir: Path | None = None, progress=print) -> list[dict]:
    """Every crowd against a fresh server: for each data set and crowd size, the floor app, then
    the dashboard with `processes` (1: `streamlit run`, more: the room), on the shared link and
    with different filters per viewer. A floor and the crowds it is the denominator of run
    one after another, in the same run."""
    rows = []
    for data_name, store in stores.items():
        env = {"DASHBOARD_STORE": str(store)}
        for viewers in viewer_counts:
            cases = [("floor", 1, "same")] + [("dashboard", p, kind) for p in processes for kind in ("same", "different")]
            for app, count, kind in cases:
                progress(f"[viewers] {data_name}: {viewers} viewers, {app}, {count} process(es), {kind} link(s) …")
                log = log_dir / f"{data_name}-{app}-{count}-{kind}-{viewers}.log" if log_dir else None
                row = {"data": data_name, "app": app, "processes": count, "links": kind, "viewers": viewers,
                       "spread_s": spread}
                try:
                    with started(app, count, env, log) as (port, pids):
                        row["warm_up_errors"] = warm_up(port, count, timeout, pids)
                        row.update(crowd(port, crowd_links(app, kind, viewers), pids, spread, timeout, hard_limit))
                except (OSError, RuntimeError, TimeoutError) as exc:
                    row["failed"] = str(exc)[:300]
                rows.append(row)
    return rows


def tabs_matrix(store: Path, processes, tabs: int, timeout: float, log_dir: Path | None = None,
                progress=print) -> list[dict]:
    """One fresh Chromium tab alone, then `tabs` opening the shared link at once, each against a
    fresh server of each kind."""
    from . import browser

    rows = []
    for count in processes:
        for opening in dict.fromkeys((1, tabs)):
            progress(f"[viewers] {opening} Chromium tab(s) at once, {count} process(es) …")
            row = {"processes": count, "link": SHARED_LINK}
            log = log_dir / f"tabs-{count}-{opening}.log" if log_dir else None
            try:
                with started("dashboard", count, {"DASHBOARD_STORE": str(store)}, log) as (port, pids):
                    row["warm_up_errors"] = warm_up(port, count, timeout, pids)
                    row.update(browser.tabs_at_once(f"http://127.0.0.1:{port}/{SHARED_LINK}", opening, timeout))
            except (OSError, RuntimeError, TimeoutError) as exc:
                row.update(tabs=opening, failed=str(exc)[:300])
            rows.append(row)
    return rows


def cold_starts(store: Path, runs: int, timeout: float, progress=print) -> dict:
    """`streamlit run` as the README starts it, then a fresh Chromium opening the shared link,
    to its first chart visible; the floor app the same way, to its one line visible, and the chart
    floor (one line and one small Plotly chart) to its chart visible; `runs` times each,
    alternated, so a busy moment of the machine weighs on all three."""
    from . import browser

    times: dict[str, list[float]] = {"dashboard": [], "floor": [], "chart floor": []}
    errors = []
    for run in range(runs):
        for app in ("floor", "chart floor", "dashboard"):
            progress(f"[viewers] cold start {run + 1}/{runs}: {app} …")
            try:
                found = browser.cold_start(APPS[app], env={**NO_WINDOW, "DASHBOARD_STORE": str(store)},
                                           path=f"/{SHARED_LINK if app == 'dashboard' else FLOOR_LINK}",
                                           timeout=timeout, shown=browser.TEXT if app == "floor" else browser.CHART,
                                           as_readme=True)
            except (OSError, RuntimeError, TimeoutError) as exc:
                errors.append(f"{app}: {exc}"[:200])
                continue
            if found["exceptions"]:
                errors.append(f"{app}: an exception on the page")
            times[app].append(found["first_chart_s"])
    return {"runs": runs, "seconds": times, "errors": errors}


# The two server settings of .streamlit/config.toml, each put back alone (Streamlit reads an
# environment variable before config.toml).
SETTINGS = {"config.toml as it is": {},
            "file watcher on (`fileWatcherType = \"auto\"`)": {"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "auto"},
            "forced GC after every run (`postScriptGC = true`)": {"STREAMLIT_RUNNER_POST_SCRIPT_GC": "true"}}


def settings_matrix(store: Path, viewers: int, spread: float, timeout: float, hard_limit: float,
                    log_dir: Path | None = None, progress=print) -> list[dict]:
    """The floor app and the shared link with each of `SETTINGS`, `streamlit run` as the README
    starts it: what each setting costs per viewer, in one run; with config.toml as it is, also a
    page of as many plain elements as the shared link sends (`elements_app.py`)."""
    rows = []
    for name, extra in SETTINGS.items():
        for app in ("floor", "elements", "dashboard") if not extra else ("floor", "dashboard"):
            progress(f"[viewers] setting: {name}, {app}, {viewers} viewers …")
            row = {"setting": name, "app": app, "viewers": viewers}
            try:
                with started(app, 1, {"DASHBOARD_STORE": str(store), **extra}) as (port, pids):
                    row["warm_up_errors"] = warm_up(port, 1, timeout, pids)
                    row.update(crowd(port, crowd_links(app, "same", viewers), pids, spread, timeout, hard_limit))
            except (OSError, RuntimeError, TimeoutError) as exc:
                row["failed"] = str(exc)[:300]
            rows.append(row)
    return rows


def room_available() -> bool:
    return (ROOT / "ui" / "room.py").exists()


def main(argv=None) -> int:
    from . import browser, data, report

    parser = argparse.ArgumentParser(prog="python -m benchmarks viewers", description=__doc__.split("\n")[0])
    parser.add_argument("--data", nargs="+", default=["bundled", "1m"],
                        help="bundled (an empty store) and/or register sizes to generate (default: bundled 1m)")
    parser.add_argument("--store", action="append", default=[], metavar="NAME=PATH",
                        help="use an existing store for a data set instead of generating it (e.g. 1m=/tmp/x/store)")
    parser.add_argument("--viewers", nargs="+", type=int, default=[10, 25, 50])
    parser.add_argument("--processes", nargs="+", type=int, default=[1, 2, 4],
                        help="1: `streamlit run` as the README says; more: the room mode (default: 1 2 4)")
    parser.add_argument("--tabs", type=int, default=10, help="Chromium tabs opening the link at once (0: none)")
    parser.add_argument("--cold-starts", type=int, default=3,
                        help="fresh `streamlit run` + Chromium to the first chart, dashboard, floor app and chart floor, each (0: none)")
    parser.add_argument("--spread", type=float, default=1.0, help="viewers arrive within this many seconds")
    parser.add_argument("--room-crowd", type=int, default=200,
                        help="then this many viewers at the room (same link, different filters) and the floor (0: none)")
    parser.add_argument("--room-crowd-spread", type=float, default=2.0, help="the room crowd arrives within (s)")
    parser.add_argument("--room-crowd-processes", type=int, default=2, help="the room crowd's room processes")
    parser.add_argument("--timeout", type=float, default=120, help="one viewer's limit (s)")
    parser.add_argument("--limit", type=float, default=300, help="one crowd's limit (s)")
    parser.add_argument("--settings-only", action="store_true",
                        help="only what config.toml's two settings cost (bundled data, the largest crowd; a "
                             "full run measures it too), added to the existing --json")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--json", type=Path, default=report.VIEWERS_JSON)
    args = parser.parse_args(argv)

    work = args.workdir or Path(tempfile.mkdtemp(prefix="dashboard-viewers-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.settings_only:
        results = json.loads(args.json.read_text(encoding="utf-8")) if args.json.exists() else None
        if results is None:
            parser.error(f"--settings-only adds to an existing run: {args.json} is missing")
        results["settings"] = {"started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
                               "rows": settings_matrix(work / "empty-store", max(args.viewers), args.spread,
                                                       args.timeout, args.limit, work)}
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
        report.write_viewers_section(args.out, results)
        print(f"wrote {args.out} and {args.json}", flush=True)
        return 0
    processes = args.processes
    if any(p > 1 for p in processes) and not room_available():
        print("[viewers] no room mode here (ui/room.py): one process only", flush=True)
        processes = [p for p in processes if p == 1]
    given = dict(item.split("=", 1) for item in args.store)
    stores: dict[str, Path] = {}
    for name in args.data:
        if name in given:
            stores[name] = Path(given[name])
        elif name == "bundled":
            stores[name] = work / "empty-store"
        else:
            n = data.parse_size(name)
            print(f"[viewers] generating and importing {name} …", flush=True)
            folder = work / name
            subprocess.run([sys.executable, "-m", "benchmarks.data", "--events", str(n), "--districts",
                            str(data.districts_for(n)), "--dir", str(folder)], cwd=ROOT, check=True)
            stores[name] = folder / "store"
    started_at = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    t0 = time.time()
    results = {"started": started_at, "machine": report.machine(), "args": " ".join(argv or sys.argv[1:]),
               "spread_s": args.spread, "shared_link": SHARED_LINK,
               "crowds": matrix(stores, args.viewers, processes, args.spread, args.timeout, args.limit, work)}
    if args.room_crowd:
        room = args.room_crowd_processes if room_available() else 1
        big = matrix(stores, [args.room_crowd], [room], args.room_crowd_spread, args.timeout, args.limit, work)
        results["crowds"] += [{**row, "room_crowd": True} for row in big]
    if args.tabs and browser.available():
        store = stores.get("bundled", next(iter(stores.values())))
        results["tabs"] = tabs_matrix(store, processes, args.tabs, args.timeout, work)
    if args.cold_starts and browser.available():
        results["cold_start"] = cold_starts(stores.get("bundled", next(iter(stores.values()))), args.cold_starts,
                                            args.timeout)
    if "bundled" in stores:
        results["settings"] = {"started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
                               "rows": settings_matrix(stores["bundled"], max(args.viewers), args.spread, args.timeout,
                                                       args.limit, work)}
    results["duration_s"] = time.time() - t0
    results["room_missing"] = processes != args.processes
    args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    report.write_viewers_section(args.out, results)
    print(f"wrote {args.out} and {args.json}; server logs in {work}", flush=True)
    return 1 if any("failed" in row for row in results["crowds"]) else 0
