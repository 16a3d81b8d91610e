"""Room mode (`python -m ui.room`), started as the README starts it, with two Streamlit processes,
and checked through its proxy: a deep link, Streamlit's static files served compressed by Caddy
itself, a browser pinned to one process by its cookie, a websocket run, a command-line import
seen by sessions on both processes, no connection past this machine, a killed worker restarted,
and Ctrl-C leaving nothing behind.
The browser's side (a chart drawn, an upload through the Registers page) is in
tests/browser/test_room_browser.py."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from queries.i18n import t
from queries.sample import generate
from tests.room_support import ROOT, affinity_cookie, alive, plain, running_room, session_run
from tests.test_offline import _probed_env
from ui.formatting import format_number
from ui.network import SHARE_PORT_ENV, lan_ip, share_link
from ui.room import AFFINITY_COOKIE, static_folder


@pytest.fixture(scope="module")
def outside(tmp_path_factory):
    """Where the room's Python processes record any attempt to reach another host."""
    return tmp_path_factory.mktemp("probe") / "outside.log"


@pytest.fixture(scope="module")
def room(tmp_path_factory, outside):
    with running_room(tmp_path_factory.mktemp("room") / "store", env=_probed_env(outside)) as running:
        yield running


def get(url: str, headers: dict | None = None):
    """(status, headers, body) of a GET."""
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=30) as response:
        return response.status, response.headers, response.read()


def test_a_workers_share_link_has_the_rooms_port(monkeypatch):
    monkeypatch.setenv(SHARE_PORT_ENV, "8600")
    assert share_link("http://localhost:40123/quotas", 40123, "quotas", {"lang": ["en"]}) == \
        f"http://{lan_ip()}:8600/quotas?lang=en"
    assert share_link(None, 40123, "", {}) == f"http://{lan_ip()}:8600/"
    # an address the room already uses is kept
    assert share_link("http://10.1.2.3:8600/sources", 40123, "sources", {}) == "http://10.1.2.3:8600/sources"


def test_a_busy_port_is_refused_in_the_users_language():
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "ui.room", "--port", str(port)], cwd=ROOT, capture_output=True,
                              text=True, timeout=60, env={**os.environ, "LANG": "vi_VN.UTF-8"})
    assert done.returncode == 1
    assert t("room_port_busy", "vi", port=port) in done.stderr


def has_run_a_page(pid: int) -> bool:
    """The worker `pid` has run a script: it has loaded DuckDB, which Streamlit never loads itself."""
    return "duckdb" in Path(f"/proc/{pid}/maps").read_text()


def test_every_worker_has_run_its_first_page_before_the_room_is_ready(room):
    """The room opens each worker's first page itself: the first viewers never wait for imports."""
    assert all(has_run_a_page(pid) for pid in room.workers().values())


def test_a_deep_link_gets_the_app_page_from_caddy(room):
    status, headers, body = get(f"{room.url}/quotas?lang=en")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert body == (static_folder() / "index.html").read_bytes()
    assert headers["Server"] == "Caddy" and "Via" not in headers  # not proxied
    assert headers["Cache-Control"] == "no-cache"


def test_static_files_are_served_by_caddy_compressed(room):
    _, _, page = get(f"{room.url}/")
    script = re.search(rb'src="\./(static/js/[^"]+\.js)"', page).group(1).decode()
    _, headers, body = get(f"{room.url}/{script}", {"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip" and "Via" not in headers
    assert gzip.decompress(body) == (static_folder() / script).read_bytes()
    assert "immutable" in headers["Cache-Control"]
    _, headers, _ = get(f"{room.url}/{script}", {"Accept-Encoding": "zstd, gzip"})
    assert headers["Content-Encoding"] == "zstd"
    # what Streamlit serves itself goes through to a worker
    status, headers, body = get(f"{room.url}/_stcore/health")
    assert (status, body) == (200, b"ok") and headers["Via"] == "1.1 Caddy"


def test_a_browser_is_pinned_to_one_worker_by_its_cookie(room):
    workers = room.workers()
    assert len(workers) == 2
    given = set()
    for _ in range(40):
        _, headers, _ = get(f"{room.url}/_stcore/health")
        cookie = next(c for c in headers.get_all("Set-Cookie") if c.startswith(AFFINITY_COOKIE + "="))
        given.add(cookie.split(";")[0].split("=", 1)[1])
    assert given == {affinity_cookie(port) for port in workers}  # each browser gets one worker's cookie
    for port in workers:
        _, headers, _ = get(f"{room.url}/_stcore/health", {"Cookie": f"{AFFINITY_COOKIE}={affinity_cookie(port)}"})
        assert not any(c.startswith(AFFINITY_COOKIE) for c in headers.get_all("Set-Cookie") or [])  # kept


def test_a_websocket_run_through_the_proxy_draws_the_deep_link(room):
    run = session_run(room.port, "quotas", "lang=en")
    assert run.finished and run.exceptions == []
    assert run.elements.count("plotly_chart") >= 1
    texts = [line for text in run.texts for line in plain(text).splitlines()]  # a list is one text
    assert any(text.startswith("- Phúc Thọ · Secretaries and chairs") for text in texts)  # in English
    assert f"http://{lan_ip()}:{room.port}/quotas?lang=en" in texts  # the link to share is the room's


def test_a_command_line_import_reaches_sessions_on_both_workers(room, tmp_path):
    workers = list(room.workers())
    no_registers = t("no_registers", "vi")

    def bac_ha_line(port: int) -> str | None:
        """A new session's run of the Rotations page, registers only, on this worker."""
        run = session_run(room.port, "rotations", "origin=register", worker_port=port)
        assert run.finished and run.exceptions == []
        texts = [line for text in run.texts for line in plain(text).splitlines()]
        line = next((text for text in texts if text.startswith("- Bắc Hà (2020-2025)")), None)
        assert line is not None or no_registers in texts
        return line

    assert [bac_ha_line(port) for port in workers] == [None, None]  # both processes ran it before the import

    files = generate(tmp_path / "sample", seed=3, events=600, extra_districts=0)
    done = subprocess.run([sys.executable, "-m", "queries.store_cli", "import", str(files["rotation_events"]),
                           "--generated"], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "DASHBOARD_STORE": str(room.store)})
    assert done.returncode == 0, done.stderr

    events = pd.read_csv(files["rotation_events"])
    starts = pd.to_datetime(events.start_date)
    bac_ha = int(((events.district == "Bắc Hà") & (starts >= "2020-07-01") & (starts < "2025-07-01")).sum())
    for port in workers:
        line = bac_ha_line(port)
        assert line is not None and f" {format_number(bac_ha, 'vi')} " in line, (line, bac_ha)


def test_nothing_the_room_did_reached_past_this_machine(room, outside):
    assert room.workers() and outside.read_text() == ""


def test_a_killed_worker_is_restarted_and_said_so(room):
    workers = room.workers()
    port, pid = sorted(workers.items())[0]
    seen = len(room.output())
    os.kill(pid, signal.SIGKILL)
    # Meanwhile a browser pinned to it is sent to the other worker (and given its cookie).
    _, headers, _ = get(f"{room.url}/_stcore/health", {"Cookie": f"{AFFINITY_COOKIE}={affinity_cookie(port)}"})
    other = next(p for p in workers if p != port)
    assert f"{AFFINITY_COOKIE}={affinity_cookie(other)}" in [c.split(";")[0] for c in headers.get_all("Set-Cookie")]
    room.wait_for_output(t("room_back", "en", name="").strip(), after=seen)
    assert " stopped (exit code -9); restarting" in room.output()[seen:]
    assert room.workers()[port] != pid
    assert has_run_a_page(room.workers()[port])  # warmed again before it was said to be back
    run = session_run(room.port, "quotas", "lang=en", worker_port=port)
    assert run.finished and run.exceptions == []


def test_ctrl_c_stops_caddy_and_every_worker(room):
    children = room.children()
    commands = [open(f"/proc/{pid}/cmdline", "rb").read() for pid in children]
    assert sum(b"streamlit" in c for c in commands) == 2 and sum(b"caddy" in c for c in commands) == 1
    room.process.send_signal(signal.SIGINT)
    assert room.process.wait(60) == 0
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in children if alive(pid)]
    assert room.output().rstrip().endswith(t("room_stopped", "en"))
    with pytest.raises(OSError):
        get(f"{room.url}/_stcore/health")


def test_workers_end_with_the_room_even_when_it_is_killed(tmp_path):
    """SIGKILL gives the room no chance to stop anything: on Linux each child asked the kernel
    to be sent SIGTERM when the room ends."""
    with running_room(tmp_path / "store", processes=1) as room:
        children = room.children()
        assert len(children) == 2
        room.process.kill()
        room.process.wait(10)
        deadline = time.monotonic() + 30
        while any(alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [pid for pid in children if alive(pid)]
        # Its folder (config, logs) stays behind: nothing was left to remove it.
        shutil.rmtree(re.search(r"Logs: (\S+)", room.output()).group(1))
