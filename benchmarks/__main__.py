"""The benchmark suite, one command:

    .venv/bin/python -m benchmarks --sizes 10k 1m 10m        # everything, writes benchmarks/RESULTS.md
    .venv/bin/python -m benchmarks --skip-10m                # 10k and 1m only
    .venv/bin/python -m benchmarks --quick                   # CI-sized: 10k, few repeats, small load test
    .venv/bin/python -m benchmarks viewers                   # many viewers opening one link (benchmarks/loadtest.py)

For each size, in separate processes (so each peak RSS is that process's own): generate the
sample registers with queries.sample and import them with the product's command line into a
temporary store (each import's time and peak memory beside DuckDB loading the same CSV alone,
in the same run); time every query each page runs and each page's full script run in AppTest
(product), and the same interactions done with pandas read_csv + groupby (baseline); then a
fresh `streamlit run` of each side in Chromium (cold start to first chart), and a crowd of
viewers opening the shared link (the full many-viewers matrix is `python -m benchmarks viewers`). Every figure is also given as a ratio product / baseline measured
in the same run. Nothing here asserts a time: the targets are reported as met or not met.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import browser, data, loadtest, report  # noqa: E402
from benchmarks.baseline import topics_for  # noqa: E402
from benchmarks.server import rss_kib  # noqa: E402

HERE = Path(__file__).resolve().parent


def _run(cmd: list[str], timeout: float, log: Path, max_rss_mib: float = 16 * 1024) -> None:
    """A worker subprocess with a hard time limit and a memory guard (killed above
    `max_rss_mib` of RSS); its output goes to `log`."""
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"$ {' '.join(cmd)}\n")
        out.flush()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        reason = None
        while proc.poll() is None:
            try:
                rss = rss_kib(proc.pid) / 1024
            except OSError:
                rss = 0
            if rss > max_rss_mib:
                reason = f"used more than {max_rss_mib:,.0f} MiB"
            elif time.monotonic() > deadline:
                reason = f"took longer than {timeout:.0f} s"
            if reason:
                proc.kill()
                proc.wait()
                raise TimeoutError(f"{cmd[2]} {reason} (see {log})")
            time.sleep(0.25)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[2:4])} failed with exit code {proc.returncode} (see {log})")


def _median(values):
    return statistics.median(values) if values else float("nan")


def run_size(n: int, args, work: Path, log: Path) -> dict:
    label = data.label(n)
    size_dir = work / label
    shutil.rmtree(size_dir, ignore_errors=True)
    size_dir.mkdir(parents=True)
    py = sys.executable
    result: dict = {"size": label, "events": n}
    step = lambda name: print(f"[{label}] {name} …", flush=True)  # noqa: E731

    step("generate + import")
    districts = data.districts_for(n) if args.districts is None else args.districts
    _run([py, "-m", "benchmarks.data", "--events", str(n), "--districts", str(districts), "--dir", str(size_dir),
          "--out", str(size_dir / "data.json")], args.data_timeout, log, args.max_rss_mib)
    result["data"] = json.loads((size_dir / "data.json").read_text(encoding="utf-8"))
    store, csv_dir = size_dir / "store", size_dir / "csv"

    step("product: queries and AppTest script runs")
    _run([py, "-m", "benchmarks.worker", "product", "--store", str(store), "--repeats", str(args.repeats),
          "--out", str(size_dir / "product.json")], args.worker_timeout, log, args.max_rss_mib)
    result["product"] = json.loads((size_dir / "product.json").read_text(encoding="utf-8"))

    step("baseline: pandas read_csv + groupby")
    pages = {name: list(topics_for(name)) for name in result["product"]["pages"]}
    base_repeats = args.baseline_repeats or max(2, min(args.repeats, int(args.repeats * 500_000 / max(n, 1))))
    _run([py, "-m", "benchmarks.worker", "baseline", "--csv-dir", str(csv_dir), "--repeats", str(base_repeats),
          "--pages", json.dumps(pages, ensure_ascii=False), "--out", str(size_dir / "baseline.json")],
         args.worker_timeout, log, args.max_rss_mib)
    result["baseline"] = json.loads((size_dir / "baseline.json").read_text(encoding="utf-8"))

    if args.browser and browser.available():
        step("browser cold start")
        runs = {"product": [], "baseline": []}
        for _ in range(args.browser_repeats):
            runs["product"].append(browser.cold_start(ROOT / "dashboard.py", {"DASHBOARD_STORE": str(store)},
                                                      path=args.chart_path, timeout=args.browser_timeout))
            runs["baseline"].append(browser.cold_start(HERE / "baseline_app.py", {"BENCH_CSV_DIR": str(csv_dir)},
                                                       timeout=args.browser_timeout))
        result["browser"] = {side: {"first_chart_s": _median([r["first_chart_s"] for r in rs]),
                                    "healthy_s": _median([r["healthy_s"] for r in rs]),
                                    "server_peak_mib": max(r["server_peak_mib"] for r in rs),
                                    "exceptions": max(r["exceptions"] for r in rs), "runs": rs}
                             for side, rs in runs.items()}

    if label in args.load_sizes or (args.load_sizes == ["auto"] and n == args.auto_load_size):
        step(f"load test: {args.load_sessions} viewers opening one link")
        result["viewers"] = loadtest.matrix({label: store}, [args.load_sessions], [1], timeout=args.load_timeout,
                                            hard_limit=args.load_limit, log_dir=size_dir,
                                            progress=lambda line: print(line, flush=True))
    if not args.keep:
        shutil.rmtree(size_dir, ignore_errors=True)
    return result


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["viewers"]:
        return loadtest.main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["10k", "1m", "10m"],
                        help="rotation events per run: 10k, 1m, 10m or a number (default: 10k 1m 10m)")
    parser.add_argument("--skip-10m", action="store_true", help="leave out sizes of 10 million and more")
    parser.add_argument("--quick", action="store_true",
                        help="CI-sized: 10k only, 5 repeats, 5 sessions × 2 changes, one browser start")
    parser.add_argument("--repeats", type=int, default=20, help="filter variants per page and query")
    parser.add_argument("--baseline-repeats", type=int, default=0,
                        help="baseline variants (default: fewer at large sizes, at least 2)")
    parser.add_argument("--districts", type=int, default=None, help="extra synthetic districts (default per size)")
    parser.add_argument("--no-browser", dest="browser", action="store_false")
    parser.add_argument("--browser-repeats", type=int, default=3)
    parser.add_argument("--browser-timeout", type=float, default=180)
    parser.add_argument("--chart-path", default="/rotations?origin=both",
                        help="the product page opened for the first chart (the overview has none)")
    parser.add_argument("--load-sizes", nargs="*", default=["auto"],
                        help="sizes to load-test (default: 1m if run, else the largest; none: no load test)")
    parser.add_argument("--load-sessions", type=int, default=50, help="viewers opening the shared link at once")
    parser.add_argument("--load-timeout", type=float, default=120, help="one run's limit (s)")
    parser.add_argument("--load-limit", type=float, default=300, help="whole load test's limit (s)")
    parser.add_argument("--data-timeout", type=float, default=1800, help="generate + import limit per size (s)")
    parser.add_argument("--worker-timeout", type=float, default=1800, help="each worker's limit (s)")
    parser.add_argument("--max-rss-gib", type=float, default=16,
                        help="kill a generate/import or worker process above this RSS (GiB)")
    parser.add_argument("--workdir", type=Path, default=None, help="scratch folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the generated files and stores")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--json", type=Path, default=None, help="raw figures (default: beside --out)")
    parser.add_argument("--merge", type=Path, default=None,
                        help="a previous run's JSON: keep its other sizes in the report (each size's "
                             "ratios come from one run)")
    args = parser.parse_args(argv)

    if args.quick:
        args.sizes = ["10k"] if args.sizes == ["10k", "1m", "10m"] else args.sizes
        args.repeats = min(args.repeats, 5)
        args.browser_repeats = 1
        args.load_sessions = min(args.load_sessions, 5)
        args.load_limit = min(args.load_limit, 120)
    args.max_rss_mib = args.max_rss_gib * 1024
    sizes = [data.parse_size(s) for s in args.sizes]
    if args.skip_10m:
        sizes = [n for n in sizes if n < 10_000_000]
    if not sizes:
        parser.error("no sizes left to run")
    args.auto_load_size = 1_000_000 if 1_000_000 in sizes else max(sizes)
    args.load_sizes = ["auto"] if args.load_sizes == ["auto"] else [data.label(data.parse_size(s)) for s in args.load_sizes]

    work = args.workdir or Path(tempfile.mkdtemp(prefix="dashboard-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    log = work / "benchmark.log"
    print(f"scratch folder {work}, worker log {log}", flush=True)
    started = time.time()
    results = {"started": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "machine": report.machine(),
               "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}, "sizes": []}
    for n in sizes:
        try:
            results["sizes"].append(run_size(n, args, work, log))
        except (TimeoutError, RuntimeError) as exc:
            print(f"[{data.label(n)}] FAILED: {exc}", flush=True)
            results["sizes"].append({"size": data.label(n), "events": n, "failed": str(exc)})
    results["duration_s"] = time.time() - started
    if args.merge and args.merge.exists():
        previous = json.loads(args.merge.read_text(encoding="utf-8"))
        ran = {s["events"] for s in results["sizes"]}
        kept = [dict(s, run=s.get("run") or previous["started"]) for s in previous["sizes"] if s["events"] not in ran]
        results["sizes"] = sorted(kept + results["sizes"], key=lambda s: s["events"])
        results["merged_from"] = previous["started"]
    json_path = args.json or args.out.with_suffix(".json")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    args.out.write_text(report.render(results), encoding="utf-8")
    print(f"wrote {args.out} and {json_path}", flush=True)
    if not args.keep and args.workdir is None and not any("failed" in s for s in results["sizes"]):
        shutil.rmtree(work, ignore_errors=True)
    return 1 if any("failed" in s for s in results["sizes"]) else 0


if __name__ == "__main__":
    sys.exit(main())
