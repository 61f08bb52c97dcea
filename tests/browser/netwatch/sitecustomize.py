"""Loaded by a Python started with this folder on PYTHONPATH: notes every network attempt
beyond this machine in the file named by PSOAS_NET_LOG.

Python's audit hooks see each name lookup and each connect or sendto that Python code makes
(urllib, requests, asyncio, Streamlit's own IP check), before it happens, whether or not
the network would answer. A lookup or connection to loopback, to an unspecified address
(binding a server) or to a Unix socket is local and not noted.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from typing import Any

_LOG = os.environ.get("PSOAS_NET_LOG")
_LOCAL_NAMES = {None, "", "localhost", "localhost.localdomain", b"localhost"}


def _is_local(host: Any) -> bool:
    if host in _LOCAL_NAMES:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False  # a host name other than localhost: a DNS lookup leaves the machine
    return address.is_loopback or address.is_unspecified


def _target(event: str, args: tuple[Any, ...]) -> Any:
    if event in {"socket.connect", "socket.sendto"}:
        address = args[1]
        if isinstance(address, str | bytes):
            return None  # a Unix socket path
        return address[0] if isinstance(address, tuple) and address else address
    return args[0]  # socket.getaddrinfo, socket.gethostbyname: the host asked about


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event not in {"socket.connect", "socket.sendto", "socket.getaddrinfo",
                     "socket.gethostbyname"}:  # fmt: skip
        return
    host = _target(event, args)
    if _is_local(host) or _LOG is None:
        return
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(f"{event} {host!r}\n")


sys.addaudithook(_hook)
