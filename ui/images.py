"""A figure as a PNG or SVG file, drawn by kaleido in Debian's Chromium, offline.

kaleido's page loads MathJax from a CDN unless told not to; nothing here may reach the internet.
"""

from __future__ import annotations

import os
import shutil

import kaleido
import plotly.graph_objects as go

from queries.errors import DashboardError

CHROMIUM = "/usr/bin/chromium"
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}


class ImageFailed(DashboardError):
    """The image could not be drawn (no Chromium on this machine, or it failed)."""


def browser_path() -> str | None:
    """The Chromium kaleido drives: BROWSER_PATH, else Debian's, else one on the PATH."""
    for candidate in (os.environ.get("BROWSER_PATH"), CHROMIUM, shutil.which("chromium"),
                      shutil.which("google-chrome")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def figure_image(fig: go.Figure, fmt: str, scale: float = 1) -> bytes:
    """`fig` drawn as `fmt` ('png' or 'svg') at its own width and height."""
    path = browser_path()
    if path is None:
        raise ImageFailed("image_needs_chromium")
    os.environ["BROWSER_PATH"] = path
    layout = fig.layout
    try:
        return kaleido.calc_fig_sync(
            fig.to_plotly_json(),
            opts={"format": fmt, "width": layout.width or 1200, "height": layout.height or 600, "scale": scale},
            kopts={"mathjax": False},
        )
    except Exception as exc:  # kaleido and choreographer raise many kinds; the reader gets one clear message
        raise ImageFailed("image_failed", reason=type(exc).__name__) from exc
