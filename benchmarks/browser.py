"""Cold start to first chart: a fresh `streamlit run`, then Chromium (Playwright) opens the
page; the time is from starting the server process to the first Plotly chart's svg being
visible. Also reads the server's peak RSS (VmHWM) once the chart is up."""

from __future__ import annotations

import time
from pathlib import Path

from .server import rss_kib, streamlit_server

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
CHART = ".js-plotly-plot svg >> visible=true"


def available() -> bool:
    if not Path(CHROMIUM).exists():
        return False
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def cold_start(script: Path, env: dict | None = None, path: str = "/", timeout: float = 180.0) -> dict:
    """Seconds from process start to server healthy and to the first chart visible."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            with streamlit_server(script, env=env, timeout=timeout) as (proc, port, started):
                healthy = time.perf_counter() - started
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(f"http://127.0.0.1:{port}{path}")
                page.locator(CHART).first.wait_for(state="visible", timeout=timeout * 1000)
                chart = time.perf_counter() - started
                errors = page.locator('[data-testid="stException"]').count()
                return {"healthy_s": healthy, "first_chart_s": chart, "exceptions": errors,
                        "server_rss_mib": rss_kib(proc.pid) / 1024,
                        "server_peak_mib": rss_kib(proc.pid, "VmHWM") / 1024}
        finally:
            browser.close()
