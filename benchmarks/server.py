"""Start and stop a local `streamlit run` (or the room: `python -m ui.room`) on 127.0.0.1, and
read the memory and the processes of a server from /proc."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from ui.room import free_port

ROOT = Path(__file__).resolve().parent.parent
# What a presenter's terminal has, minus a screen: headless is off in config.toml (see there
# why), so a server started as the README says would open a browser window without these.
NO_WINDOW = {"DISPLAY": "", "WAYLAND_DISPLAY": "", "BROWSER": "true"}


def rss_kib(pid: int, field: str = "VmRSS") -> int:
    """VmRSS (now) or VmHWM (peak) of a process, in KiB, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def tree_pids(pid: int) -> list[int]:
    """`pid` and all its descendants, from /proc/<pid>/task/*/children (Linux): a room's
    proxy and Streamlit processes, or a `streamlit run` alone."""
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
    return out


@contextmanager
def streamlit_server(script: Path, env: dict | None = None, timeout: float = 60.0, log_path: Path | None = None,
                     as_readme: bool = False):
    """A fresh `streamlit run script`; yields (process, port, started_at) once it answers on
    127.0.0.1. The browser tests use it too, with `log_path` to keep the server's output.

    `as_readme` starts it exactly as the README does (only the port differs, so servers don't
    collide): every other option comes from .streamlit/config.toml. Otherwise it listens on
    127.0.0.1 only, headless, without a file watcher."""
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
    if not as_readme:
        cmd += ["--server.address", "127.0.0.1", "--server.headless", "true",
                "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
                "--server.runOnSave", "false"]
    with _serving(cmd, port, env, timeout, log_path) as started:
        yield started


@contextmanager
def room_server(processes: int, env: dict | None = None, timeout: float = 120.0, log_path: Path | None = None):
    """The room mode as its README command starts it, `python -m ui.room --processes N --port P`
    (N Streamlit processes behind the proxy); yields (process, port, started_at) once the proxy
    answers. The room's own process is the root of its tree (`tree_pids`); SIGTERM stops it all."""
    port = free_port()
    cmd = [sys.executable, "-m", "ui.room", "--processes", str(processes), "--port", str(port)]
    with _serving(cmd, port, {**NO_WINDOW, **(env or {})}, timeout, log_path) as started:
        yield started


@contextmanager
def _serving(cmd: list[str], port: int, env: dict | None, timeout: float, log_path: Path | None):
    started = time.perf_counter()
    log = open(log_path or os.devnull, "w")
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **(env or {})},
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{' '.join(cmd[1:4])} exited with {proc.returncode}; see {log.name}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"{' '.join(cmd[1:4])} did not become healthy; see {log.name}")
            time.sleep(0.05)
        yield proc, port, started
    finally:
        proc.terminate()  # SIGTERM: the room stops its proxy and workers itself
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            pass
        try:  # whatever is left of the session this function started
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        proc.wait()
        log.close()
