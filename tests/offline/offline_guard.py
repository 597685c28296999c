"""Refuse network connections to anything but this machine: the course must work offline.

``install()`` patches the socket module of the running interpreter so that connecting (TCP),
sending (UDP) or resolving a name to anything but loopback raises ``OfflineError``. The test
suite installs it in its own process (``tests/conftest.py``) and, through the
``sitecustomize.py`` beside this file on ``PYTHONPATH``, in every Python process the tests
start: notebook kernels (nbval, the exercise runs, nbconvert) and JupyterLab with its kernels.
"""

from __future__ import annotations

import socket
from typing import Any

LOCAL_HOSTS = {"127.0.0.1", "::1", "localhost", "0.0.0.0", ""}
_installed = False


class OfflineError(RuntimeError):
    """A test (or a notebook run by a test) tried to reach the network."""


def _check(address: object, what: str) -> None:
    if isinstance(address, tuple) and address and str(address[0]) not in LOCAL_HOSTS:
        raise OfflineError(f"{what} {address!r} refused: the course must work offline")


def install() -> None:
    """Patch ``socket`` in this process (idempotent)."""
    global _installed
    if _installed:
        return
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_sendto, real_getaddrinfo = socket.socket.sendto, socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> None:
        _check(address, "a connection to")
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        _check(address, "a connection to")
        return real_connect_ex(self, address)

    def sendto(self: socket.socket, data: Any, *args: Any) -> int:
        _check(args[-1] if args else None, "sending to")
        return real_sendto(self, data, *args)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is not None and str(host if not isinstance(host, bytes) else host.decode())\
                not in LOCAL_HOSTS:
            raise OfflineError(f"resolving {host!r} refused: the course must work offline")
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.socket.sendto = sendto  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo
    _installed = True
