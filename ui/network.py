"""The address a presenter shares with the room, found without contacting the internet."""

from __future__ import annotations

import os
import socket
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}
SHARE_PORT_ENV = "DASHBOARD_SHARE_PORT"  # set by the room (ui/room.py) for its workers: its proxy's port


def lan_ip() -> str:
    """This machine's LAN IP address.

    Connecting a UDP socket sends nothing; it only asks the OS which interface would route to
    a private address. Falls back to the host name's address, then to localhost.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return probe.getsockname()[0]
    except OSError:
        try:
            return socket.gethostbyname(socket.gethostname())
        except OSError:
            return "127.0.0.1"
    finally:
        probe.close()


def share_link(browser_url: str | None, port: int, path: str, params: dict[str, list[str]]) -> str:
    """The address of a page, with its filters, that others in the room can open: the address
    the presenter's browser uses, with `localhost` replaced by this machine's LAN address (a
    proxy's port, or a name the room already uses, is kept). In room mode (DASHBOARD_SHARE_PORT)
    a local address gets the room's port: a worker's own port is not reachable from the room."""
    room_port = os.environ.get(SHARE_PORT_ENV)
    port = int(room_port) if room_port else port
    base = f"http://{lan_ip()}:{port}"
    if browser_url:
        parts = urlsplit(browser_url)
        host = parts.hostname or ""
        url_port = parts.port
        if host in LOCAL_HOSTS:
            host = lan_ip()
            url_port = port if room_port else url_port
        base = f"{parts.scheme}://{host}" + (f":{url_port}" if url_port else "")
    query = urlencode([(key, value) for key, values in params.items() for value in values])
    return f"{base}/{path}" + (f"?{query}" if query else "")


def readable_link(url: str) -> str:
    """`url` as a person reads it aloud and copies it: its query's letters as letters
    (`district=Bắc+Hà`, not `B%E1%BA%AFc+H%C3%A0`), a space as `+`; only what would change the
    query's meaning (`&`, `=`, `#`, `+`, `%`, other spaces and control characters) stays
    %-coded. A browser given this text encodes it again, and opens the same view."""
    base, _, query = url.partition("?")
    if not query:
        return url
    pairs = parse_qsl(query, keep_blank_values=True)
    return base + "?" + "&".join(f"{_readable(key)}={_readable(value)}" for key, value in pairs)


def _readable(text: str) -> str:
    return "".join("+" if char == " " else quote(char, safe="") if char in "&=#+%" or not char.isprintable()
                   or char.isspace() else char for char in text)
