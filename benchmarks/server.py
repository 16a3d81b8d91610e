"""Start and stop a local `streamlit run` on 127.0.0.1, and read its memory from /proc."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid: int, field: str = "VmRSS") -> int:
    """VmRSS (now) or VmHWM (peak) of a process, in KiB, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def tree_rss_kib(pid: int) -> int:
    """RSS of a process plus its children (streamlit has none, but be safe)."""
    total = rss_kib(pid)
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    return total + sum(tree_rss_kib(int(c)) for c in children if Path(f"/proc/{c}").exists())


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
    started = time.perf_counter()
    log = open(log_path or os.devnull, "w")
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **(env or {})},
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {proc.returncode}; see {log.name}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"streamlit did not become healthy; see {log.name}")
            time.sleep(0.05)
        yield proc, port, started
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
