"""Many viewers opening a shared link at once, each as a fresh Chromium tab does it.

A viewer is a new session: it opens Streamlit's websocket `/_stcore/stream` (subprotocol
"streamlit") and sends the one BackMsg that Chromium sends for a deep link (captured with
Playwright on Streamlit 1.67 for `/quotas?lang=en&district=Thanh%20Tr%C3%AC`): `rerun_script`
with the query string, no widget states, the page's name and the browser's context (time zone,
locale, URL, colour scheme). Its time runs from the start of the connection to the ForwardMsg
`script_finished`. An exception element, a failed run, a closed socket or a timeout is an
error. Every viewer stays connected until the last one has finished, so the server's memory is
read with all sessions open; then all leave. The whole crowd has a hard time limit.

The server's CPU time (user + system, from /proc) is read before and after the crowd, so a
viewer's cost is the difference divided by the viewers.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import random
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from .server import rss_kib
from .stats import summary

FINISHED_OK = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")
TICKS = os.sysconf("SC_CLK_TCK")
DISTRICTS = ("Bắc Hà", "Điện Biên", "Phúc Thọ", "Thanh Trì")
TERMS = ("2010-2015", "2015-2020", "2020-2025")


def first_message(page_name: str, query_string: str, url: str) -> bytes:
    """What Chromium sends first for a deep link: one `rerun_script` with the page, the query
    string and the browser's context."""
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query_string
    state.page_name = page_name
    state.widget_states.SetInParent()
    info = state.context_info
    info.timezone, info.timezone_offset, info.locale = "UTC", 0, "en-US"
    info.url, info.is_embedded, info.color_scheme = url, False, "light"
    return msg.SerializeToString()


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
                 pids: list[int]) -> dict:
    release, everyone_ran = asyncio.Event(), asyncio.Event()
    ran = 0
    cpu_before, rss_before = cpu_seconds(pids), rss_mib(pids)

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
    cpu_after, rss_after = cpu_seconds(pids), rss_mib(pids)
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


def crowd(port: int, links: list[str], pids: list[int], spread: float = 1.0, timeout: float = 120.0,
          hard_limit: float = 300.0, host: str = "127.0.0.1") -> dict:
    """`len(links)` viewers open their links within `spread` seconds (viewer i opens links[i]);
    returns the times, errors, server CPU per viewer and memory per session of `pids`."""
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
