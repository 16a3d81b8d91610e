"""What the room tests share: a room started as the README starts it, its workers, a browser's
affinity cookie for a chosen worker, and one Streamlit session opened over the websocket."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

from benchmarks.server import tree_pids
from queries.i18n import t
from ui.room import AFFINITY_COOKIE, first_message, free_port

ROOT = Path(__file__).resolve().parent.parent
START_SECONDS = 180
PASSPHRASE = "correct horse battery staple"
FINISHED_OK = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")


def alive(pid: int) -> bool:
    """Running (a zombie, ended and not yet reaped, is not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def affinity_cookie(worker_port: int) -> str:
    """The value of Caddy's `lb_policy cookie` that sends a browser to this worker: HMAC-SHA256
    of the upstream's address, keyed by the policy's secret (none in the room)."""
    return hmac.new(b"", f"127.0.0.1:{worker_port}".encode(), hashlib.sha256).hexdigest()


@dataclass
class RunningRoom:
    process: subprocess.Popen
    port: int
    console: Path
    store: Path
    seen: set[int] = field(default_factory=set)  # every process found below the room

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.console.read_text(encoding="utf-8", errors="replace")

    def children(self) -> list[int]:
        """The processes below the room now (each remembered, to check none is left at the end)."""
        found = tree_pids(self.process.pid)[1:]
        self.seen.update(found)
        return found

    def workers(self) -> dict[int, int]:
        """Worker port -> pid, read from the room's child processes."""
        found = {}
        for pid in self.children():
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"streamlit" in command and b"--server.port" in command and alive(pid):
                found[int(command[command.index(b"--server.port") + 1])] = pid
        return found

    def wait_for_output(self, text: str, after: int = 0, timeout: float = START_SECONDS) -> None:
        """Until the console shows `text` past its first `after` characters."""
        deadline = time.monotonic() + timeout
        while text not in self.output()[after:]:
            if self.process.poll() is not None:
                raise RuntimeError(f"the room exited with {self.process.returncode}:\n{self.output()}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {text!r} from the room:\n{self.output()}")
            time.sleep(0.2)


@contextlib.contextmanager
def running_room(store: Path, processes: int = 2, env: dict | None = None):
    """`python -m ui.room --processes N --port P` on a free port, with the store and an admin
    passphrase in its environment (and `env`) and English console messages. Unless a test ended
    it, stopped with SIGTERM, as a service manager stops it, and it must exit with 0; either way
    no process it started may be left."""
    port = free_port()
    console = Path(tempfile.mkstemp(prefix="room-", suffix=".log")[1])
    env = {**os.environ, "DASHBOARD_STORE": str(store), "DASHBOARD_ADMIN_PASSPHRASE": PASSPHRASE,
           "LANG": "en_GB.UTF-8", "STREAMLIT_SERVER_HEADLESS": "true", **(env or {})}
    with open(console, "w") as out:
        process = subprocess.Popen([sys.executable, "-m", "ui.room", "--processes", str(processes), "--port", str(port)],
                                   cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    room = RunningRoom(process, port, console, store)
    try:
        room.wait_for_output(t("room_ready", "en", link="").strip())
        yield room
    finally:
        started = [room.process.pid, *room.children(), *room.seen]
        code = room.process.poll()
        if code is None:
            room.process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                code = room.process.wait(60)
        else:
            code = 0  # the test ended it and checked how
        time.sleep(0.5)
        left = [pid for pid in started if alive(pid)]
        for pid in left:  # never leave a process behind, whatever the test found
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            room.process.wait(10)
        output = room.output()
        console.unlink(missing_ok=True)
        assert code == 0 and not left, f"the room stopped with {code}, leaving {left}:\n{output}"


@dataclass
class Run:
    """What one script run sent: element types, texts (Markdown, alerts, code), exceptions, and
    whether it finished."""

    elements: list[str]
    texts: list[str]
    exceptions: list[str]
    finished: bool


def session_run(port: int, page: str, query: str, worker_port: int | None = None, timeout: float = 120) -> Run:
    """A new session through the room, as a browser opens a deep link: the page name, the query
    string and the browser's URL in the first BackMsg; pinned to `worker_port` by its cookie.
    (The synchronous client: Playwright's tests leave an event loop running in this thread.)"""
    headers = {"Cookie": f"{AFFINITY_COOKIE}={affinity_cookie(worker_port)}"} if worker_port else {}
    run = Run([], [], [], False)
    with connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], additional_headers=headers,
                 max_size=None, open_timeout=timeout) as ws:
        ws.send(first_message(page, query, f"http://127.0.0.1:{port}/{page}?{query}"))
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(ws.recv(timeout))
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                which = element.WhichOneof("type")
                run.elements.append(which)
                if which in ("markdown", "alert"):
                    run.texts.append(getattr(element, which).body)
                elif which == "code":
                    run.texts.append(element.code.code_text)
                elif which == "exception":
                    run.exceptions.append(f"{element.exception.type}: {element.exception.message}")
            elif kind == "script_finished":
                run.finished = forward.script_finished == FINISHED_OK
                return run


def plain(markdown: str) -> str:
    return re.sub(r"[*_`]", "", markdown)
