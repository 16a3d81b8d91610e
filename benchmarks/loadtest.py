"""Many viewers: N simultaneous sessions speaking Streamlit's own websocket protocol.

Each session connects to `/_stcore/stream` on 127.0.0.1 (subprotocol "streamlit"), asks for
a run the way the frontend does (a BackMsg `rerun_script` carrying a ClientState with the
query string, the widget states and the page), then changes filters a fixed number of
times: a random non-empty subset of a multiselect's options, another choice on a radio (the
data source), or another page. Sessions open the app with a query string, like a shared link
(`origin=both`, so register figures are on screen from the start). The time of a
run is from sending the BackMsg to the ForwardMsg `script_finished`. An exception element,
a compile error, a closed socket or a timeout is an error. The whole test has a hard time
limit and stops by itself.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from .server import rss_kib, streamlit_server
from .stats import summary

FINISHED_OK = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")
FINISHED_COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_WITH_COMPILE_ERROR")


@dataclass
class Session:
    url: str
    rng: random.Random
    query_string: str = ""
    page_hash: str = ""
    pages: list[str] = field(default_factory=list)
    multiselects: dict[str, list[str]] = field(default_factory=dict)  # widget id -> options
    radios: dict[str, list[str]] = field(default_factory=dict)  # widget id -> options
    states: dict[str, WidgetState] = field(default_factory=dict)
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    ws: object = None
    pending_since: float | None = None  # a run sent and not finished yet

    async def run_once(self, timeout: float) -> None:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query_string
        cs.page_script_hash = self.page_hash
        cs.widget_states.widgets.extend(self.states.values())
        started = self.pending_since = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                el = fwd.delta.new_element
                which = el.WhichOneof("type")
                if which == "multiselect":
                    self.multiselects[el.multiselect.id] = list(el.multiselect.options)
                elif which == "radio":
                    self.radios[el.radio.id] = list(el.radio.options)
                elif which == "exception":
                    self.errors.append(f"exception: {el.exception.type}: {el.exception.message[:200]}")
            elif kind == "navigation":
                self.pages = [p.page_script_hash for p in fwd.navigation.app_pages]
            elif kind == "new_session":
                if not self.pages:
                    self.pages = [p.page_script_hash for p in fwd.new_session.app_pages]
            elif kind == "script_finished":
                if fwd.script_finished == FINISHED_OK:
                    self.times.append(time.perf_counter() - started)
                    self.pending_since = None
                    return
                if fwd.script_finished == FINISHED_COMPILE_ERROR:
                    self.errors.append("compile error")
                    self.pending_since = None
                    return

    def change_something(self) -> None:
        if self.pages and (not self.multiselects or self.rng.random() < 0.3):
            self.page_hash = self.rng.choice(self.pages)
            return
        widget = self.rng.choice(sorted(self.multiselects) + sorted(self.radios))
        if widget in self.radios:  # e.g. the data source: published, registers or both
            state = WidgetState(id=widget, string_value=self.rng.choice(self.radios[widget]))
            self.states[widget] = state
            return
        options = self.multiselects[widget]
        chosen = self.rng.sample(options, self.rng.randint(1, len(options))) if options else []
        state = WidgetState(id=widget)
        state.string_array_value.data.extend(chosen)
        self.states[widget] = state


async def _one_session(index: int, port: int, iterations: int, timeout: float, seed: int,
                       results: list, done=None, release=None, query_string: str = "") -> None:
    """One viewer: first run, then `iterations` changes; then it stays connected until
    `release` (so server memory is read with every session still open)."""
    s = Session(url=f"ws://127.0.0.1:{port}/_stcore/stream", rng=random.Random(seed * 1000 + index),
                query_string=query_string)
    results.append(s)
    try:
        async with websockets.connect(s.url, subprotocols=["streamlit"], max_size=None,
                                      open_timeout=timeout, ping_interval=None) as ws:
            s.ws = ws
            await s.run_once(timeout)
            for _ in range(iterations):
                s.change_something()
                await s.run_once(timeout)
            if done is not None:
                done()
                await release.wait()
            return
    except Exception as exc:  # noqa: BLE001 - every failure is a counted error
        s.errors.append(f"{type(exc).__name__}: {exc}"[:200])
    if done is not None:
        done()


async def _drive(port: int, pid: int, sessions: int, iterations: int, timeout: float,
                 hard_limit: float, seed: int, query_string: str) -> dict:
    results: list[Session] = []
    # One warm-up session first: the server's caches and imports are then not counted as
    # per-session memory.
    await _one_session(-1, port, 1, timeout, seed, [], query_string=query_string)
    rss_before = rss_kib(pid)
    finished = 0
    all_finished, release = asyncio.Event(), asyncio.Event()

    def done() -> None:
        nonlocal finished
        finished += 1
        if finished == sessions:
            all_finished.set()

    tasks = [asyncio.create_task(_one_session(i, port, iterations, timeout, seed, results, done, release,
                                                       query_string))
             for i in range(sessions)]
    started = time.perf_counter()
    try:
        await asyncio.wait_for(all_finished.wait(), hard_limit)
        hit_limit = False
    except asyncio.TimeoutError:
        hit_limit = True
    now = time.perf_counter()
    wall = now - started
    rss_connected = rss_kib(pid)  # every session still connected (those cut off too)
    peak = max(rss_before, rss_connected, rss_kib(pid, "VmHWM"))
    # Runs cut off by the time limit count at the time they had taken so far (a lower bound).
    censored = [now - s.pending_since for s in results if s.pending_since is not None]
    release.set()
    _, pending = await asyncio.wait(tasks, timeout=10)
    for task in pending:
        task.cancel()
    times = [t for s in results for t in s.times]
    errors = [e for s in results for e in s.errors]
    expected = sessions * (iterations + 1)
    return {
        "sessions": sessions, "iterations": iterations, "runs_expected": expected,
        "runs_finished": len(times), "errors": len(errors), "error_samples": sorted(set(errors))[:5],
        "hit_time_limit": hit_limit, "wall_s": wall, "run_s": summary(times),
        "run_with_cutoff_s": summary(times + censored), "runs_cut_off": len(censored),
        "rss_before_mib": rss_before / 1024, "rss_after_mib": rss_connected / 1024,
        "server_peak_mib": peak / 1024,
        "rss_per_session_mib": max(0.0, (rss_connected - rss_before) / 1024 / sessions),
        "throughput_runs_per_s": len(times) / wall if wall else 0.0,
    }


def load_test(script, env: dict | None = None, sessions: int = 50, iterations: int = 5,
              timeout: float = 60.0, hard_limit: float = 300.0, seed: int = 7, query_string: str = "") -> dict:
    """Run the load test against a fresh server for `script`; every session opens the app
    with `query_string` (e.g. "origin=both", a shared link); returns the figures."""
    with streamlit_server(script, env=env) as (proc, port, _):
        result = asyncio.run(_drive(port, proc.pid, sessions, iterations, timeout, hard_limit, seed, query_string))
    return {**result, "query_string": query_string}
