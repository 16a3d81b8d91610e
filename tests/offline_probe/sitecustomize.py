"""Loaded by a Streamlit server under test (PYTHONPATH): records every attempt to reach a host
other than this machine, through Python's audit hooks, in the file OFFLINE_PROBE_LOG names."""

import ipaddress
import os
import socket
import sys

LOG = os.environ["OFFLINE_PROBE_LOG"]
LOCAL_NAMES = {"localhost", "", None}


def _is_local(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode()
    if host in LOCAL_NAMES or str(host).endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(str(host).split("%")[0])
    except ValueError:
        return host == socket.gethostname()
    return address.is_loopback or address.is_unspecified


def _hook(event, args):
    if event == "socket.connect":
        sock, address = args
        # A UDP "connect" sends nothing: Streamlit and the app use it to learn the LAN address.
        if sock.type == socket.SOCK_DGRAM or sock.family == socket.AF_UNIX:
            return
        host = address[0]
    elif event == "socket.getaddrinfo":
        host = args[0]
    else:
        return
    if not _is_local(host):
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(f"{event} {host}\n")


sys.addaudithook(_hook)
