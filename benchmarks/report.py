"""RESULTS.md from the raw figures: a table per size with ratios, targets and met/not met,
then the profile findings and the README section (benchmarks/FINDINGS.md, written by hand)."""

from __future__ import annotations

import os
import platform
import statistics
from pathlib import Path

from .stats import ratio

HERE = Path(__file__).resolve().parent
FINDINGS = HERE / "FINDINGS.md"

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

    lt = s.get("load")
    if lt:
        lp, lb = lt["product"], lt["baseline"]
        out += [f"### Many viewers: {lp['sessions']} sessions × {lp['iterations']} filter changes "
                "(websocket `/_stcore/stream`)", "",
                "| figure | product | baseline | ratio |", "|---|---:|---:|---:|",
                f"| runs finished / expected | {lp['runs_finished']} / {lp['runs_expected']} | "
                f"{lb['runs_finished']} / {lb['runs_expected']} | – |",
                f"| errors | {lp['errors']} | {lb['errors']} | – |",
                f"| stopped by the time limit | {'yes' if lp['hit_time_limit'] else 'no'} | "
                f"{'yes' if lb['hit_time_limit'] else 'no'} | – |",
                f"| median time to `script_finished` (ms) | {ms(lp['run_s']['median'])} | {ms(lb['run_s']['median'])} | "
                f"{x(ratio(lp['run_s']['median'], lb['run_s']['median']))} |",
                f"| p95 time to `script_finished` (ms; runs cut off by the limit count as the time they had) | "
                f"{ms(lp['run_with_cutoff_s']['p95'])} | {ms(lb['run_with_cutoff_s']['p95'])} | "
                f"{x(ratio(lp['run_with_cutoff_s']['p95'], lb['run_with_cutoff_s']['p95']))} |",
                f"| finished runs per second | {lp['throughput_runs_per_s']:.1f} | {lb['throughput_runs_per_s']:.1f} | "
                f"{x(ratio(lp['throughput_runs_per_s'], lb['throughput_runs_per_s']))} |",
                f"| server RSS growth per session (MiB) | {lp['rss_per_session_mib']:.1f} | "
                f"{lb['rss_per_session_mib']:.1f} | {x(ratio(lp['rss_per_session_mib'], lb['rss_per_session_mib']))} |",
                f"| server peak RSS (MiB) | {lp['server_peak_mib']:,.0f} | {lb['server_peak_mib']:,.0f} | "
                f"{x(ratio(lp['server_peak_mib'], lb['server_peak_mib']))} |", ""]
        samples = lp["error_samples"] + lb["error_samples"]
        if samples:
            out += ["Error samples: " + "; ".join(samples), ""]
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
        if s.get("load"):
            lp = s["load"]["product"]
            out.append(f"| {s['size']} | {lp['sessions']} sessions, no errors | {lp['errors']} errors, "
                       f"{lp['runs_finished']}/{lp['runs_expected']} runs | {met(lp['errors'] == 0 and not lp['hit_time_limit'])} |")
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
             f"{a['browser_repeats']}; load test {a['load_sessions']} sessions × {a['load_iterations']} changes, "
             "at 1m). `--skip-10m` leaves the 10m size out; `--quick` is the CI size.", "",
             "What the baseline is: `benchmarks/baseline.py` and `benchmarks/baseline_app.py`, a user's own "
             "Streamlit script that reads the register CSVs with pandas and recomputes the register figures "
             "(rotations by district, term and kind; non-local share of secretaries and chairs; poverty rate "
             "by district and year) with groupby on every filter change. It shows only those register "
             "figures, without the published figures, citations, checks and tables the product's pages add, "
             "so on pages whose register data is small (quotas, poverty) the baseline is cheap by construction.", ""]
    lines += summary_table(results)
    for s in results["sizes"]:
        lines += _size_section(s)
    if FINDINGS.exists():
        lines += [FINDINGS.read_text(encoding="utf-8").rstrip(), ""]
    return "\n".join(lines)
