"""The address a presenter shares with the room, found without contacting the internet."""

from __future__ import annotations

import socket


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


def share_url(port: int) -> str:
    return f"http://{lan_ip()}:{port}"
