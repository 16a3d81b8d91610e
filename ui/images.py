"""A figure as a PNG, SVG or PDF file, drawn by kaleido in Debian's Chromium, offline.

Nothing here may reach the internet. kaleido's page loads MathJax from a CDN unless told not
to, and Chromium, as kaleido starts it, looks up and calls Google's hosts (component updates,
sign-in, network time, its search engine's start page): it starts here with those switched off,
on about:blank, and with every host name resolving to nothing. That is all the headless shell
needs (Debian's chromium-headless-shell, the same Chromium without the browser's profile
services), so it is preferred. The full browser still asks for its sign-in and updater hosts,
and each lookup, even one the resolver rules fail, first connects a UDP socket to
2001:4860:4860::8888 (its test of whether IPv6 is reachable; nothing is sent on it).
tests/test_offline.py traces the system calls.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

import kaleido
import plotly.graph_objects as go
from choreographer.browsers.chromium import Chromium

from queries.errors import DashboardError

CHROMIUM = "/usr/bin/chromium"
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"  # no sign-in or updater: no connection at all
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}  # the downloads under a chart
# Chromium's switches for a browser that draws a local page and calls no one: no background
# networking, updates, sync, sign-in (guest: --bwsi), first run, default apps or extensions, no
# network time or search preconnect, no name lookups at all, and a blank first tab.
OFFLINE_SWITCHES = (
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--no-first-run", "--no-default-browser-check", "--disable-domain-reliability",
    "--disable-client-side-phishing-detection", "--disable-breakpad", "--no-pings", "--no-service-autorun",
    "--metrics-recording-only", "--safebrowsing-disable-auto-update", "--disable-search-engine-choice-screen",
    "--disable-features=DnsOverHttps,AsyncDns,OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,"
    "CertificateTransparencyComponentUpdater,NetworkTimeServiceQuerying,PreconnectToSearch",
    "--disable-extensions", "--bwsi",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "about:blank",
)


class ImageFailed(DashboardError):
    """The image could not be drawn (no Chromium on this machine, or it failed)."""


class OfflineChromium(Chromium):
    """choreographer's Chromium, started with OFFLINE_SWITCHES after its own."""

    def get_cli(self) -> list[str]:
        return [*super().get_cli(), *OFFLINE_SWITCHES]


def browser_path() -> str | None:
    """The Chromium kaleido drives: BROWSER_PATH, else Debian's headless shell, else Debian's
    Chromium, else one on the PATH."""
    for candidate in (os.environ.get("BROWSER_PATH"), HEADLESS_SHELL, CHROMIUM, shutil.which("chromium"),
                      shutil.which("google-chrome")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def figure_image(fig: go.Figure, fmt: str, scale: float = 1) -> bytes:
    """`fig` drawn as `fmt` ('png' or 'svg') at its own width and height."""
    return figure_images([(fig, fmt)], scale)[0]


def figure_images(requests: list[tuple[go.Figure, str]], scale: float = 1,
                  progress: Callable[[int, int], None] | None = None) -> list[bytes]:
    """Each `(figure, format)` drawn at its own width and height ('png', 'svg', or 'pdf': vector,
    its text kept as text), all in one Chromium session: starting Chromium takes seconds, a
    figure a fraction of one. `progress(done, total)` is called after each figure."""
    path = browser_path()
    if path is None:
        raise ImageFailed("image_needs_chromium")
    os.environ["BROWSER_PATH"] = path

    async def draw() -> list[bytes]:
        images = []
        async with kaleido.Kaleido(mathjax=False, browser_cls=OfflineChromium) as browser:
            for fig, fmt in requests:
                layout = fig.layout
                images.append(await browser.calc_fig(fig.to_plotly_json(), opts={
                    "format": fmt, "width": layout.width or 1200, "height": layout.height or 600, "scale": scale}))
                if progress:
                    progress(len(images), len(requests))
        return images

    try:
        return _run_to_end(draw)
    except Exception as exc:  # kaleido and choreographer raise many kinds; the reader gets one clear message
        raise ImageFailed("image_failed", reason=type(exc).__name__) from exc


def _run_to_end(coroutine_function):
    """Run a coroutine to its end from synchronous code: here, or in a thread of its own when
    this thread already runs an event loop (Streamlit builds a deferred download inside its
    server's loop)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine_function())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine_function()).result()
