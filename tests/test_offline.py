"""Offline: the dashboard, started as the README starts it, never reaches past this machine,
even when the network is there (a meeting-room laptop without internet must show no errors)."""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path

from benchmarks.server import NO_WINDOW, streamlit_server

ROOT = Path(__file__).resolve().parent.parent
PROBE = Path(__file__).resolve().parent / "offline_probe"


def _wait_for(path: Path, text: str, seconds: float = 20) -> str:
    deadline = time.monotonic() + seconds
    while text not in path.read_text(errors="replace") and time.monotonic() < deadline:
        time.sleep(0.1)
    return path.read_text(errors="replace")


def _probed_env(log: Path, **extra) -> dict:
    log.touch()
    return {"PYTHONPATH": str(PROBE), "OFFLINE_PROBE_LOG": str(log), **NO_WINDOW, **extra}


def test_a_server_started_as_the_readme_says_contacts_no_other_host(tmp_path):
    outside, server_log = tmp_path / "outside.log", tmp_path / "server.log"
    with streamlit_server(ROOT / "dashboard.py", env=_probed_env(outside), as_readme=True,
                          log_path=server_log) as (_, port, _):
        assert "Network URL" in _wait_for(server_log, "Network URL")  # printed after any address lookup
        for path in ("", "quotas?lang=en"):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=10) as response:
                assert response.status == 200
    assert outside.read_text() == ""


def test_the_probe_sees_a_lookup(tmp_path):
    """The test above can fail: with `server.headless` forced on, Streamlit asks the internet
    for its external address at start, and the probe records it."""
    outside = tmp_path / "outside.log"
    env = _probed_env(outside, STREAMLIT_SERVER_HEADLESS="true")
    with streamlit_server(ROOT / "dashboard.py", env=env, as_readme=True):
        assert "checkip.amazonaws.com" in _wait_for(outside, "checkip.amazonaws.com")
