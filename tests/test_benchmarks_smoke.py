"""The benchmark command still works: `python -m benchmarks` at a tiny size, end to end
(generate, import, queries, AppTest page runs, baseline, load test; the browser cold start
in the second test). No timing is asserted: speed is reported in benchmarks/RESULTS.md."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
TINY = ["--sizes", "2k", "--repeats", "2", "--browser-repeats", "1", "--load-sessions", "2", "--load-limit", "120"]


def _bench(tmp_path: Path, *extra: str) -> tuple[dict, str]:
    out = tmp_path / "RESULTS.md"
    proc = subprocess.run([sys.executable, "-m", "benchmarks", *TINY, *extra, "--workdir", str(tmp_path / "work"),
                           "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr + (tmp_path / "work" / "benchmark.log").read_text()
    return json.loads(out.with_suffix(".json").read_text(encoding="utf-8")), out.read_text(encoding="utf-8")


def test_benchmark_command_runs_at_a_tiny_size(tmp_path):
    results, text = _bench(tmp_path, "--no-browser")
    (size,) = results["sizes"]
    assert size["events"] == 2000 and size["data"]["counts"]["rotation_events"] == 2000
    product, baseline = size["product"], size["baseline"]
    assert product["pages"], "no page was measured"
    for name, page in product["pages"].items():
        assert page["script_s"]["n"] == 2, name
        assert name in baseline["pages"]
    assert product["queries"] and all(q["n"] == 2 for q in product["queries"].values())
    assert product["peak_rss_mib"] > 0 and baseline["peak_rss_mib"] > 0
    data = size["data"]
    assert data["import_peak_mib"]["rotation_events"] > 0 and data["floor"]["seconds"] > 0
    change = data["change"]  # measured; the 2x target is for real sizes (RESULTS.md, README), not 2k
    for side in ("import", "remove"):
        assert change[side]["written_mib"] > 0 and change[side]["peak_folder_mib"] >= change["folder_mib"], change
    assert change["duckdb_alone"]["seconds"] > 0
    crowds = {(c["app"], c["links"]): c for c in size["viewers"]}
    assert set(crowds) == {("floor", "same"), ("dashboard", "same"), ("dashboard", "different")}
    for crowd in crowds.values():  # every viewer finished its first run on a server started as the README says
        assert crowd["viewers"] == 2 and crowd["finished"] == 2 and crowd["errors"] == 0, crowd
        assert crowd["rss_after_mib"] > 0
    assert crowds[("dashboard", "same")]["charts"] >= 1, "the shared link's page drew no chart"
    assert "## 2,000 rotation events" in text and "ratio" in text and "beside DuckDB's floor" in text
    assert "### One change to this store" in text


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists() and os.environ.get("REQUIRE_BROWSER") != "1",
                    reason="/usr/bin/chromium not installed (set REQUIRE_BROWSER=1 to fail instead)")
def test_benchmark_cold_start_in_the_browser(tmp_path):
    results, text = _bench(tmp_path, "--load-sizes")
    browser = results["sizes"][0]["browser"]
    for side in ("product", "baseline"):
        assert browser[side]["first_chart_s"] > browser[side]["healthy_s"] > 0
    assert "first Plotly chart" in text


def test_views_benchmark_runs_against_another_checkout():
    """`python -m benchmarks.views` builds views with new filters, here beside this same checkout."""
    proc = subprocess.run([sys.executable, "-m", "benchmarks.views", "--against", str(ROOT), "--stores", "bundled=-",
                           "--pages", "page_quotas", "--views", "2", "--rounds", "1"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (line,) = [line for line in proc.stdout.splitlines() if "page_quotas" in line]
    assert "median" in line and "ratio against/this" in line
