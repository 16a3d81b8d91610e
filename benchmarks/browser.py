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
TEXT = '[data-testid="stMarkdownContainer"] >> visible=true'  # the floor app's one line: its first content


def available() -> bool:
    if not Path(CHROMIUM).exists():
        return False
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def cold_start(script: Path, env: dict | None = None, path: str = "/", timeout: float = 180.0,
               shown: str = CHART, as_readme: bool = False) -> dict:
    """Seconds from process start to server healthy and to the first chart (`shown`) visible;
    `as_readme`: the server started exactly as the README starts it (see `streamlit_server`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            with streamlit_server(script, env=env, timeout=timeout, as_readme=as_readme) as (proc, port, started):
                healthy = time.perf_counter() - started
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(f"http://127.0.0.1:{port}{path}")
                page.locator(shown).first.wait_for(state="visible", timeout=timeout * 1000)
                chart = time.perf_counter() - started
                errors = page.locator('[data-testid="stException"]').count()
                return {"healthy_s": healthy, "first_chart_s": chart, "exceptions": errors,
                        "server_rss_mib": rss_kib(proc.pid) / 1024,
                        "server_peak_mib": rss_kib(proc.pid, "VmHWM") / 1024}
        finally:
            browser.close()


def tabs_at_once(url: str, tabs: int = 10, timeout: float = 180.0) -> dict:
    """`tabs` fresh browsers open `url` at the same moment: one Chromium, a new profile per tab
    (a browser context: empty cache, no cookies, so every tab downloads Streamlit's static files
    and gets its own proxy affinity). Seconds from each tab's navigation to its first Plotly
    chart visible; a tab that fails or shows an exception is an error."""
    import asyncio

    from playwright.async_api import async_playwright

    async def run() -> list[tuple[float | None, str | None]]:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                contexts = [await browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(tabs)]
                pages = [await context.new_page() for context in contexts]

                async def first_chart(page) -> tuple[float | None, str | None]:
                    started = time.perf_counter()
                    try:
                        await page.goto(url, timeout=timeout * 1000)
                        await page.locator(CHART).first.wait_for(state="visible", timeout=timeout * 1000)
                        seconds = time.perf_counter() - started
                    except Exception as exc:  # noqa: BLE001 - every failure is a counted error
                        return None, f"{type(exc).__name__}: {exc}"[:200]
                    if await page.locator('[data-testid="stException"]').count():
                        return None, "exception on the page"
                    return seconds, None

                return await asyncio.gather(*(first_chart(page) for page in pages))
            finally:
                await browser.close()

    from .stats import summary

    results = asyncio.run(run())
    errors = [e for _, e in results if e]
    return {"tabs": tabs, "seconds": summary(s for s, _ in results if s is not None), "errors": len(errors),
            "error_samples": sorted(set(errors))[:3]}
