"""RESULTS.md from the raw figures: a table per size with ratios, targets and met/not met,
then the profile findings and the README section (benchmarks/FINDINGS.md, written by hand)."""

from __future__ import annotations

import json
import os
import platform
import statistics
from pathlib import Path

from .stats import ratio

HERE = Path(__file__).resolve().parent
FINDINGS = HERE / "FINDINGS.md"
VIEWERS_JSON = HERE / "VIEWERS.json"  # `python -m benchmarks viewers`

# The targets, in seconds and MiB, by size (events).
QUERY_MEDIAN_10M = 0.100
SCRIPT_P95 = {10_000_000: 0.300, 1_000_000: 0.150}
PEAK_MIB_10M = 1536  # 1.5 GiB
IMPORT_PEAK_MIB_10M = 1536  # the import of 10 million events, in its own process


def machine() -> dict:
    mem = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) // 1024
    except OSError:
        pass
    return {"python": platform.python_version(), "cpus": os.cpu_count(), "mem_mib": mem,
            "platform": platform.platform()}


def ms(seconds) -> str:
    if seconds is None or seconds != seconds:
        return "–"
    return f"{seconds * 1000:,.0f}" if seconds >= 0.01 else f"{seconds * 1000:.1f}"


def x(value) -> str:
    if value is None or value != value:
        return "–"
    return f"{value:.2f}×" if value < 10 else f"{value:,.0f}×"


def met(ok) -> str:
    return "–" if ok is None else ("**met**" if ok else "**not met**")


def _size_section(s: dict) -> list[str]:
    out = [f"## {s['size']} rotation events", ""]
    if s.get("run"):
        out += [f"(From the run of {s['run']}; its ratios are within that run.)", ""]
    if "failed" in s:
        return out + [f"Failed: {s['failed']}", ""]
    n = s["events"]
    d, p, b = s["data"], s["product"], s["baseline"]
    counts = d.get("counts", {})
    out += [f"Sample: {n:,} rotation events, {counts.get('office_holders', 0):,} office holders, "
            f"{counts.get('commune_poverty', 0):,} commune-poverty rows over {4 + d['districts']} districts "
            f"(CSV {d['csv_mib']:,.0f} MiB). Generated in {d['generate_s']:.1f} s; imported with "
            f"`python -m queries.store_cli import` (the import of the Registers page), one process per file, "
            f"in {sum(d['import_s'].values()):.1f} s; store {d['store_mib']:,.0f} MiB, "
            f"{counts.get('rotation_counts', 0):,} pre-aggregated rotation rows.", ""]
    out += _import_table(d, n)
    out += _change_table(d)

    # Queries.
    base_topics = b["topics"]
    target_q = QUERY_MEDIAN_10M if n >= 10_000_000 else None
    out += ["### Queries (each one a page runs, timed directly on the store, no Streamlit cache)", "",
            "Baseline: the same figure recomputed by pandas (read_csv of the register CSV + groupby).", "",
            "| query | median ms | p95 ms | rows (max) | baseline median ms | ratio (median) | target | met |",
            "|---|---:|---:|---:|---:|---:|---|---|"]
    from .baseline import topics_for
    for name, q in sorted(p["queries"].items()):
        topics = topics_for(name)
        base = sum(base_topics[t]["median"] for t in topics)
        ok = None if target_q is None else q["median"] < target_q
        out.append(f"| {name} | {ms(q['median'])} | {ms(q['p95'])} | {q['rows_max']:,} | {ms(base)} | "
                   f"{x(ratio(q['median'], base))} | {'< 100 ms median' if target_q else '–'} | {met(ok)} |")
    out.append("")

    wi = p.get("whatif")
    if wi:
        out += ["#### Proposed query-side changes, tried on this store (same process, back to back)", "",
                "`raw tables`: the bundled CSVs loaded once into tables instead of `read_csv` views; "
                "`+ facts table`: `facts` materialised as a table as well (rebuilt after each import). "
                "Medians in ms; the ratio is against the current design.", "",
                "| query | current | raw tables | + facts table | ratio |", "|---|---:|---:|---:|---:|"]
        already = [k.replace("_", " ") for k, v in wi.get("already", {}).items() if v]
        if already:
            out += [f"(The product already has: {', '.join(already)}; those columns re-measure the current design.)", ""]
        for name in sorted(wi["current"]):
            cur, raw, fac = wi["current"][name], wi["raw_tables"][name], wi["facts_table"][name]
            out.append(f"| {name} | {ms(cur)} | {ms(raw)} | {ms(fac)} | {x(ratio(fac, cur))} |")
        out.append("")

    # Pages.
    target_p = SCRIPT_P95.get(n) if n in SCRIPT_P95 else (0.300 if n > 10_000_000 else None)
    out += ["### Pages (full script run in AppTest while the sidebar filters change)", "",
            "Product: `dashboard.py` with the page selected, the Streamlit cache as shipped (filters vary, "
            "so most runs miss it). Baseline: `benchmarks/baseline_app.py` doing read_csv + groupby "
            "for the page's figures on every run.", "",
            "| page | queries | first run ms | median ms | p95 ms | baseline p95 ms | ratio (p95) | target | met | errors |",
            "|---|---:|---:|---:|---:|---:|---:|---|---|---|"]
    for name, pg in p["pages"].items():
        bp = b["pages"].get(name, {}).get("script_s", {})
        # A page that raises is not met, however fast (it stopped early).
        ok = None if target_p is None else (pg["script_s"]["p95"] < target_p and not pg["errors"])
        errors = "; ".join(pg["errors"]) or "none"
        out.append(f"| {name} | {len(pg['queries'])} | {ms(pg['first_run_s'])} | {ms(pg['script_s']['median'])} | "
                   f"{ms(pg['script_s']['p95'])} | {ms(bp.get('p95'))} | {x(ratio(pg['script_s']['p95'], bp.get('p95')))} | "
                   f"{f'< {target_p * 1000:.0f} ms p95' if target_p else '–'} | {met(ok)} | {errors} |")
    out.append("")

    # Browser, memory.
    out += ["### Cold start and memory", "", "| figure | product | baseline | ratio | target | met |",
            "|---|---:|---:|---:|---|---|"]
    br = s.get("browser")
    if br:
        for side in ("product", "baseline"):  # the median of the runs (older files kept the upper one)
            br[side]["first_chart_s"] = statistics.median(r["first_chart_s"] for r in br[side]["runs"])
        out.append(f"| fresh `streamlit run` to first Plotly chart visible in Chromium (s, median of "
                   f"{len(br['product']['runs'])}) | {br['product']['first_chart_s']:.2f} | "
                   f"{br['baseline']['first_chart_s']:.2f} | "
                   f"{x(ratio(br['product']['first_chart_s'], br['baseline']['first_chart_s']))} | – | – |")
        out.append(f"| server peak RSS after first chart (MiB) | {br['product']['server_peak_mib']:,.0f} | "
                   f"{br['baseline']['server_peak_mib']:,.0f} | "
                   f"{x(ratio(br['product']['server_peak_mib'], br['baseline']['server_peak_mib']))} | – | – |")
    peak_ok = p["peak_rss_mib"] < PEAK_MIB_10M if n >= 10_000_000 else None
    out.append(f"| peak RSS of the process running every page and query (MiB) | {p['peak_rss_mib']:,.0f} | "
               f"{b['peak_rss_mib']:,.0f} | {x(ratio(p['peak_rss_mib'], b['peak_rss_mib']))} | "
               f"{'< 1.5 GiB' if n >= 10_000_000 else '–'} | {met(peak_ok)} |")
    out.append("")

    if s.get("viewers"):
        out += [f"### A crowd opening one link at this size (see \"{VIEWERS_HEADING[3:]}\" for the full matrix)", ""]
        out += viewer_table(s["viewers"])
    return out


def _import_table(d: dict, n: int) -> list[str]:
    """The rotation-events import beside DuckDB loading the same CSV alone, same run."""
    if "floor" not in d:
        return []
    seconds, peak = d["import_s"]["rotation_events"], d["import_peak_mib"]["rotation_events"]
    floor = d["floor"]
    ok = peak < IMPORT_PEAK_MIB_10M if n >= 10_000_000 else None
    return ["### Import of the rotation events (checked, one store transaction) beside DuckDB's floor", "",
            "Floor: a process of its own running DuckDB's `create table … as select * from read_csv(…)` on the "
            "same CSV into a database file (the lower of two runs). The import is the command line's, the "
            "same function as the Registers page's: DuckDB parses the file as text while its lines are counted "
            "(Python's csv module walks it only when it has blank lines or fields spanning lines, or DuckDB "
            "refuses it), every value, key and overlap is checked in DuckDB with a 1 GB memory limit "
            "(spilling to disk beyond), and a new store snapshot is written, checkpointed and made current.", "",
            "| figure | import | DuckDB alone | ratio | target | met |", "|---|---:|---:|---:|---|---|",
            f"| time (s) | {seconds:.1f} | {floor['seconds']:.1f} | {x(ratio(seconds, floor['seconds']))} | – | – |",
            f"| peak RSS of the process (MiB) | {peak:,.0f} | {floor['peak_mib']:,.0f} | "
            f"{x(ratio(peak, floor['peak_mib']))} | {'< 1.5 GiB' if ok is not None else '–'} | {met(ok)} |", ""]


def _change_table(d: dict) -> list[str]:
    """One small change to the full store (each copies the snapshot) beside DuckDB alone."""
    if "change" not in d:
        return []
    c = d["change"]
    rows = [("import of 100 events", c["import"]), ("its removal", c["remove"])]
    return ["### One change to this store (each change copies the snapshot) beside DuckDB alone", "",
            f"Snapshot {c['snapshot_mib']:,.1f} MiB, store folder {c['folder_mib']:,.1f} MiB (the current and "
            "the previous snapshot). Bytes written: the process's `write_bytes` (/proc/self/io). DuckDB alone "
            "inserts the same events into a copy of the snapshot in place and checkpoints. Target: at most "
            "2× the snapshot written per change.", "",
            "| change | time (s) | written (MiB) | × snapshot | store folder at its peak (MiB) | "
            "DuckDB alone: time (s), written (MiB) | met |", "|---|---:|---:|---:|---:|---|---|",
            *[f"| {name} | {r['seconds']:.1f} | {r['written_mib']:,.1f} | "
              f"{x(ratio(r['written_mib'], c['snapshot_mib']))} | {r['peak_folder_mib']:,.1f} | "
              f"{c['duckdb_alone']['seconds']:.2f}, {c['duckdb_alone']['written_mib']:,.2f} | "
              f"{met(r['written_mib'] <= 2 * c['snapshot_mib'])} |" for name, r in rows], ""]


def _raised(pages) -> str:
    return f"; raised an exception: {', '.join(pages)}" if pages else ""


def summary_table(results: dict) -> list[str]:
    out = ["## Targets at a glance", "", "| size | target | worst measured | met |", "|---|---|---:|---|"]
    for s in results["sizes"]:
        if "failed" in s:
            out.append(f"| {s['size']} | – | failed | – |")
            continue
        n, p = s["events"], s["product"]
        worst_q = max(p["queries"].items(), key=lambda kv: kv[1]["median"])
        worst_p = max(p["pages"].items(), key=lambda kv: kv[1]["script_s"]["p95"])
        failing = [name for name, pg in p["pages"].items() if pg["errors"]]
        if n >= 10_000_000:
            out.append(f"| {s['size']} | every query < 100 ms median | {worst_q[0]}: {ms(worst_q[1]['median'])} ms | "
                       f"{met(worst_q[1]['median'] < QUERY_MEDIAN_10M)} |")
            out.append(f"| {s['size']} | every page script run < 300 ms p95 | {worst_p[0]}: "
                       f"{ms(worst_p[1]['script_s']['p95'])} ms{_raised(failing)} | "
                       f"{met(worst_p[1]['script_s']['p95'] < 0.300 and not failing)} |")
            if p.get("whatif"):
                worst_w = max(p["whatif"]["facts_table"].items(), key=lambda kv: kv[1])
                out.append(f"| {s['size']} | (what-if, proposals 3–4) every query < 100 ms median | "
                           f"{worst_w[0]}: {ms(worst_w[1])} ms | {met(worst_w[1] < QUERY_MEDIAN_10M)} |")
            out.append(f"| {s['size']} | peak memory < 1.5 GiB | {p['peak_rss_mib']:,.0f} MiB | "
                       f"{met(p['peak_rss_mib'] < PEAK_MIB_10M)} |")
            d = s["data"]
            if "floor" in d:
                peak, seconds = d["import_peak_mib"]["rotation_events"], d["import_s"]["rotation_events"]
                out.append(f"| {s['size']} | import peak < 1.5 GiB (DuckDB alone: {d['floor']['peak_mib']:,.0f} MiB) | "
                           f"{peak:,.0f} MiB, {seconds:.0f} s ({x(ratio(seconds, d['floor']['seconds']))} "
                           f"DuckDB's {d['floor']['seconds']:.0f} s) | {met(peak < IMPORT_PEAK_MIB_10M)} |")
        elif n in SCRIPT_P95:
            t = SCRIPT_P95[n]
            out.append(f"| {s['size']} | every page script run < {t * 1000:.0f} ms (p95) | {worst_p[0]}: "
                       f"{ms(worst_p[1]['script_s']['p95'])} ms{_raised(failing)} | "
                       f"{met(worst_p[1]['script_s']['p95'] < t and not failing)} |")
        else:
            out.append(f"| {s['size']} | (no target; worst query / page p95) | {worst_q[0]}: "
                       f"{ms(worst_q[1]['median'])} ms / {worst_p[0]}: {ms(worst_p[1]['script_s']['p95'])} ms | – |")
        for crowd in s.get("viewers", []):
            if crowd["app"] == "dashboard":
                errors = "failed" if "failed" in crowd else f"{_crowd_errors(crowd)} errors"
                out.append(f"| {s['size']} | {crowd['viewers']} viewers ({crowd['links']} link), no errors | {errors} | "
                           f"{met(errors == '0 errors')} |")
    return out + [""]


def render(results: dict) -> str:
    m = results["machine"]
    a = results["args"]
    sizes = " ".join(s["size"] for s in results["sizes"])
    merged = results.get("merged_from")
    lines = ["# Benchmarks: national scale and many viewers", "",
             f"Last run {results['started']} on {m['cpus']} CPUs, {m['mem_mib']:,} MiB, Python {m['python']} "
             f"({m['platform']}); it took {results['duration_s'] / 60:.1f} min"
             + (", and kept the other sizes from earlier runs (`--merge`); each size's figures and ratios "
                "come from one run" if merged else "") + ". The machine is "
             "shared and noisy: compare the **ratios** (product / baseline, measured in the same run; "
             "below 1× the product is faster or smaller), not the absolute times.", "",
             f"Command: `.venv/bin/python -m benchmarks --sizes {sizes}` "
             f"({a['repeats']} filter variants per page and query; browser cold start median of "
             f"{a['browser_repeats']}"
             + (f"; {a['load_sessions']} viewers opening the shared link, at 1m"
                if any(s.get("viewers") for s in results["sizes"]) else "")
             + "). `--skip-10m` leaves the 10m size out; `--quick` is the CI size; "
             "`.venv/bin/python -m benchmarks viewers` is the many-viewers matrix below.", "",
             "What the baseline is: `benchmarks/baseline.py` and `benchmarks/baseline_app.py`, a user's own "
             "Streamlit script that reads the register CSVs with pandas and recomputes the register figures "
             "(rotations by district, term and kind; non-local share of secretaries and chairs; poverty rate "
             "by district and year) with groupby on every filter change. It shows only those register "
             "figures, without the published figures, citations, checks and tables the product's pages add, "
             "so on pages whose register data is small (quotas, poverty) the baseline is cheap by construction.", ""]
    lines += summary_table(results)
    if VIEWERS_JSON.exists():
        lines += viewers_section(json.loads(VIEWERS_JSON.read_text(encoding="utf-8")))
    for s in results["sizes"]:
        lines += _size_section(s)
    if FINDINGS.exists():
        lines += [FINDINGS.read_text(encoding="utf-8").rstrip(), ""]
    return "\n".join(lines)


# The targets for a room opening one link (seconds to `script_finished`, p95, at 50).
ROOM_SAME_P95, ROOM_DIFFERENT_P95, PLAIN_SAME_P95, CPU_PER_VIEWER_X_FLOOR = 1.0, 2.0, 3.0, 1.5
# Issue 22: a room exploring (different filters), and a larger crowd arriving within a longer spread.
ROOM_DIFFERENT_P95_22, PLAIN_DIFFERENT_P95_22, SAME_P95_22 = 1.0, 2.0, 0.5
BIG_ROOM_SAME_P95, BIG_ROOM_DIFFERENT_P95 = 1.0, 3.0
COLD_START_X_FLOOR = 1.5  # issue 22: `streamlit run` to the first chart in Chromium, against the floor app's
VIEWERS_HEADING = "## Many viewers opening one shared link"


def _server(processes: int) -> str:
    return "`streamlit run`" if processes == 1 else f"room, {processes} processes"


def _s(value) -> str:
    return "–" if value is None or value != value else f"{value:.2f}"


SETTINGS_APPS = {"floor": "floor app", "elements": "65 lines of text, nothing else", "dashboard": "dashboard, same link"}


def _floor_cpu(rows: list[dict], data: str, viewers: int, spread: float | None = None) -> float:
    floor = [r for r in rows if r["data"] == data and r["viewers"] == viewers and r["app"] == "floor"
             and r.get("spread_s") == spread and "failed" not in r]
    return floor[0]["cpu_per_viewer_s"] if floor else float("nan")


def _crowd_errors(row: dict) -> int:
    return row.get("errors", 0) + len(row.get("warm_up_errors", []))


def _viewers(row: dict) -> str:
    """'50', or '200 within 2 s' for a crowd arriving within its own spread."""
    spread = row.get("spread_s")
    return f"{row['viewers']} within {spread:g} s" if spread is not None else str(row["viewers"])


def viewer_table(rows: list[dict]) -> list[str]:
    """One table per data set: every crowd, its floor and the CPU ratio to the floor."""
    out = []
    for data in dict.fromkeys(r["data"] for r in rows):
        out += [f"#### {data}", "",
                "| app | server | links | viewers | median (s) | p95 (s) | max (s) | errors | server CPU per viewer "
                "(s) | × floor | server RSS growth per open session (MiB) | charts per viewer |",
                "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for r in (r for r in rows if r["data"] == data):
            app = "floor app" if r["app"] == "floor" else "dashboard"
            links = "–" if r["app"] == "floor" else ("same link" if r["links"] == "same" else "different filters")
            if "failed" in r:
                out.append(f"| {app} | {_server(r['processes'])} | {links} | {_viewers(r)} | failed: "
                           f"{r['failed'][:120]} | | | | | | | |")
                continue
            sec = r["seconds"]
            out.append(f"| {app} | {_server(r['processes'])} | {links} | {_viewers(r)} | {_s(sec['median'])} | "
                       f"{_s(sec['p95'])} | {_s(sec['max'])} | {_crowd_errors(r)} | {r['cpu_per_viewer_s']:.3f} | "
                       f"{x(ratio(r['cpu_per_viewer_s'], _floor_cpu(rows, data, r['viewers'], r.get('spread_s'))))} | "
                       f"{r['rss_per_session_mib']:.2f} | {r['charts']} |")
        out.append("")
    samples = sorted({e for r in rows for e in (r.get("error_samples", []) + r.get("warm_up_errors", []))})
    if samples:
        out += ["Error samples: " + "; ".join(samples[:6]), ""]
    return out


def viewer_targets(rows: list[dict], room_missing: bool) -> list[str]:
    """The issues' targets at the largest crowd of the matrix and for the room crowd (rows
    marked `room_crowd`: more viewers within a longer spread), met or not."""
    most = max((r["viewers"] for r in rows if not r.get("room_crowd")), default=0)
    big = max((r["viewers"] for r in rows if r.get("room_crowd")), default=0)
    big_spread = next((r.get("spread_s") for r in rows if r.get("room_crowd")), None)
    out = ["| target | data | measured | met |", "|---|---|---:|---|"]

    def pick(data, app, kind, room, viewers, spread_is_big=False):
        return [r for r in rows if r["data"] == data and r["app"] == app and r["links"] == kind
                and r["viewers"] == viewers and (r["processes"] > 1) == room and "failed" not in r
                and bool(r.get("room_crowd")) == spread_is_big]

    targets = [(f"{most} viewers, same link, room mode: p95 < {SAME_P95_22:g} s (issue 22; 1 s before)", "same", True,
                SAME_P95_22, most, False),
               (f"{most} viewers, different filters, room mode: p95 < {ROOM_DIFFERENT_P95_22:g} s (issue 22; "
                f"{ROOM_DIFFERENT_P95:g} s before)", "different", True, ROOM_DIFFERENT_P95_22, most, False),
               (f"{most} viewers, same link, `streamlit run`: p95 < {SAME_P95_22:g} s (issue 22; "
                f"{PLAIN_SAME_P95:g} s before)", "same", False, SAME_P95_22, most, False),
               (f"{most} viewers, different filters, `streamlit run`: p95 < {PLAIN_DIFFERENT_P95_22:g} s", "different",
                False, PLAIN_DIFFERENT_P95_22, most, False)]
    if big:
        targets += [(f"{big} viewers within {big_spread:g} s, same link, room mode: p95 < {BIG_ROOM_SAME_P95:g} s",
                     "same", True, BIG_ROOM_SAME_P95, big, True),
                    (f"{big} viewers within {big_spread:g} s, different filters, room mode: p95 < "
                     f"{BIG_ROOM_DIFFERENT_P95:g} s", "different", True, BIG_ROOM_DIFFERENT_P95, big, True)]
    for data in dict.fromkeys(r["data"] for r in rows):
        for label, kind, room, limit, viewers, spread_is_big in targets:
            found = pick(data, "dashboard", kind, room, viewers, spread_is_big)
            if not found:
                out.append(f"| {label} | {data} | not run{' (no room mode on this branch)' if room and room_missing else ''}"
                           " | – |")
                continue
            best = min(found, key=lambda r: r["seconds"]["p95"])
            where = f" ({_server(best['processes'])})" if room else ""
            floor = pick(data, "floor", "same", False, viewers, spread_is_big)
            beside = f", floor {_s(floor[0]['seconds']['p95'])} s" if floor else ""
            out.append(f"| {label} | {data} | {_s(best['seconds']['p95'])} s{where}{beside} | "
                       f"{met(best['seconds']['p95'] < limit and _crowd_errors(best) == 0)} |")
        for r in pick(data, "dashboard", "same", False, most) + pick(data, "dashboard", "same", True, most):
            cpu = ratio(r["cpu_per_viewer_s"], _floor_cpu(rows, data, most, r.get("spread_s")))
            out.append(f"| server CPU per viewer ≤ 1.5× the floor's ({most} viewers, same link, "
                       f"{_server(r['processes'])}) | {data} | {x(cpu)} | {met(cpu <= CPU_PER_VIEWER_X_FLOOR)} |")
    errors = sum(_crowd_errors(r) for r in rows if r["app"] == "dashboard")
    failed = sum(1 for r in rows if "failed" in r)
    out.append(f"| 0 errors (every crowd above) | all | {errors} errors, {failed} servers failed to start | "
               f"{met(errors == 0 and failed == 0)} |")
    return out + [""]


def viewers_section(results: dict) -> list[str]:
    rows, m = results["crowds"], results["machine"]
    out = [VIEWERS_HEADING, "",
           f"Run {results['started']} on {m['cpus']} CPUs (shared with other engineers' work: compare the ratios, "
           f"measured in one run); it took {results['duration_s'] / 60:.1f} min. Command: "
           f"`{' '.join(['.venv/bin/python -m benchmarks viewers', results['args']]).strip()}`.",
           "",
           "A viewer is a fresh session: it opens Streamlit's websocket and sends the one message Chromium sends "
           f"for a deep link (the page, the query string, the browser's context), here `/{results['shared_link']}` "
           "(the quotas page and its chart) or that page with other filters for every viewer (language, "
           f"districts, terms, data source; no two alike). All viewers of a crowd connect within "
           f"{results['spread_s']:g} s; a viewer's time runs from its connect to `script_finished`. Each crowd "
           "meets a fresh server started as its command says: `streamlit run dashboard.py` as the README "
           "starts it (the repository's `.streamlit/config.toml`, no option added but the port), or the room "
           "command `python -m ui.room --processes N --port P` (viewers connect through its proxy). Before a "
           "crowd the presenter opens the app's first page once per process (so Python's imports are paid), "
           "never the shared link: no view the crowd asks for is built before it arrives; the crowd comes once the "
           "server is idle (what that first opening starts in the background, the overview's figures computed "
           "ahead for every term and data source, the \"fill ahead\" line of `python -m benchmarks.views`, is done: "
           "a presenter shares the link after opening the app, not in the same second). The floor app "
           "(`benchmarks/floor_app.py`, one `st.write`) is started the same way, just before the crowds it is "
           "the denominator of. Server CPU is user + system time from /proc of the server and all its "
           "descendants (proxy and workers), read before and after the crowd; memory is the growth of their "
           "RSS with every viewer still connected. `bundled`: the bundled data and an empty register store; "
           "`1m`: a store of one million generated rotation events (`benchmarks.data`).", ""]
    out += ["### Targets", ""] + viewer_targets(rows, results.get("room_missing", False))
    cold = results.get("cold_start")
    if cold:
        dashboard, floor = (statistics.median(cold["seconds"][a]) if cold["seconds"][a] else float("nan")
                            for a in ("dashboard", "floor"))
        out = out[:-1] + [
            f"| cold start, `streamlit run` to the first chart in a fresh Chromium (median of {cold['runs']}, the "
            f"shared link) ≤ {COLD_START_X_FLOOR:g}× the floor app's (to its one line) | bundled | {_s(dashboard)} s, "
            f"floor {_s(floor)} s: {x(ratio(dashboard, floor))} | "
            f"{met(ratio(dashboard, floor) <= COLD_START_X_FLOOR and not cold['errors'])} |", ""]
        chart_floor = cold["seconds"].get("chart floor")
        if chart_floor:
            chart_floor = statistics.median(chart_floor)
            out += [f"Beside it, the chart floor (`benchmarks/chart_floor_app.py`: one line and one small Plotly "
                    f"chart, started the same way, to its chart visible): {_s(chart_floor)} s, "
                    f"{x(ratio(chart_floor, floor))} the one-line floor; the dashboard is "
                    f"{x(ratio(dashboard, chart_floor))} the chart floor. What an app pays for Streamlit's Plotly "
                    "element alone (Plotly's import on the server, its JavaScript bundle in the browser) is the "
                    "difference between the two floors.", ""]
        if cold["errors"]:
            out += ["Cold start errors: " + "; ".join(cold["errors"][:4]), ""]
    if results.get("room_missing"):
        out += ["The room mode (`ui/room.py`, branch `issue-10-room`) was not on this branch when this ran: "
                "its rows are missing. Run `.venv/bin/python -m benchmarks viewers --processes 1 2 4` once it is "
                "merged.", ""]
    out += ["### Every crowd", ""] + viewer_table(rows)
    settings = results.get("settings")
    if settings:
        out += ["### What config.toml's two settings save", "",
                f"Run {settings['started']} (part of the command above, or alone with `--settings-only`): the floor app "
                "and the shared link, bundled data, `streamlit run` as the README starts it, with each setting put "
                "back alone (an environment variable, which Streamlit reads before config.toml). Ratios are to "
                "the floor app with config.toml as it is, in the same run. With config.toml as it is, a page of "
                "as many elements as the shared link sends, each a line of text and nothing else "
                "(`benchmarks/elements_app.py`), shows what the page's size alone costs.", "",
                "| setting | app | viewers | p95 (s) | server CPU per viewer (s) | × floor | RSS growth per open "
                "session (MiB) | errors |", "|---|---|---:|---:|---:|---:|---:|---:|"]
        rows = settings["rows"]
        base = next((r["cpu_per_viewer_s"] for r in rows if r["app"] == "floor" and "failed" not in r),
                    float("nan"))
        for r in rows:
            app = SETTINGS_APPS[r["app"]]
            if "failed" in r:
                out.append(f"| {r['setting']} | {app} | {r['viewers']} | failed: {r['failed'][:120]} | | | | |")
                continue
            out.append(f"| {r['setting']} | {app} | {r['viewers']} | {_s(r['seconds']['p95'])} | "
                       f"{r['cpu_per_viewer_s']:.3f} | {x(ratio(r['cpu_per_viewer_s'], base))} | "
                       f"{r['rss_per_session_mib']:.2f} | {_crowd_errors(r)} |")
        out.append("")
    tabs = results.get("tabs")
    if tabs:
        most = max(r["tabs"] for r in tabs)
        out += [f"### A fresh browser's first chart, {most} Chromium tabs opening at once", "",
                f"One Chromium, each tab a fresh profile (empty cache: Streamlit's static files included), all "
                f"opening `/{results['shared_link']}` at the same moment against a fresh server (the presenter "
                "having opened the first page; in the room the proxy serves the static files, compressed); time "
                "from navigation to the first Plotly chart visible. One tab alone against its own fresh server "
                "is given beside. Chromium's own work (parsing Streamlit's JavaScript, drawing) shares the same "
                "2 cores as the server.", "",
                "| server | tabs | median (s) | p95 (s) | max (s) | errors |", "|---|---:|---:|---:|---:|---:|"]
        for r in tabs:
            if "failed" in r:
                out.append(f"| {_server(r['processes'])} | {r['tabs']} | failed: {r['failed'][:120]} | | | |")
                continue
            sec = r["seconds"]
            out.append(f"| {_server(r['processes'])} | {r['tabs']} | {_s(sec['median'])} | {_s(sec['p95'])} | "
                       f"{_s(sec['max'])} | {r['errors'] + len(r.get('warm_up_errors', []))} |")
        out.append("")
    return out


def write_viewers_section(path: Path, results: dict) -> None:
    """Put the many-viewers section into RESULTS.md in place of the previous one (and of the
    older per-size "Many viewers" tables), after the targets at a glance."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    lines = _without_viewer_sections(text.splitlines())
    at = next((i for i, line in enumerate(lines) if line.startswith("## ") and i > 0
               and not line.startswith("## Targets at a glance")), len(lines))
    lines[at:at] = viewers_section(results)
    if FINDINGS.exists():  # the hand-written findings close the file, as `render` writes it
        findings = FINDINGS.read_text(encoding="utf-8").rstrip().splitlines()
        if findings and findings[0] in lines:
            lines = lines[:lines.index(findings[0])] + findings + [""]
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")


def _without_viewer_sections(lines: list[str]) -> list[str]:
    out, skipping = [], None
    for line in lines:
        if skipping and line.startswith("#") and len(line) - len(line.lstrip("#")) <= skipping:
            skipping = None
        if skipping is None and (line == VIEWERS_HEADING or line.startswith("### Many viewers:")):
            skipping = len(line) - len(line.lstrip("#"))
        if skipping is None:
            out.append(line)
    return out
