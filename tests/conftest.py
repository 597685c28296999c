"""Shared test set-up: the suite must never touch the network."""

from __future__ import annotations

import os
import socket

import pytest

os.environ.setdefault("TQDM_DISABLE", "1")

_LOCAL_HOSTS = {"127.0.0.1", "::1", "localhost", "0.0.0.0", ""}


def _host_of(address: object) -> str | None:
    if isinstance(address, tuple) and address:
        return str(address[0])
    return None  # Unix sockets and the like are local


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that opens a connection to anything but this machine.

    Loopback stays allowed: the notebook and browser tests talk to their own kernels and
    JupyterLab server on 127.0.0.1.
    """
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guard(address: object) -> None:
        host = _host_of(address)
        if host is not None and host not in _LOCAL_HOSTS:
            raise RuntimeError(f"a test tried to open a network connection to {address!r}; "
                               "the course must work offline")

    def connect(self: socket.socket, address: object) -> None:
        guard(address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: object) -> int:
        guard(address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", _guarded_getaddrinfo(socket.getaddrinfo))


def _guarded_getaddrinfo(real):
    def getaddrinfo(host, *args, **kwargs):
        if host is not None and str(host) not in _LOCAL_HOSTS:
            raise RuntimeError(f"a test tried to resolve {host!r}; the course must work offline")
        return real(host, *args, **kwargs)
    return getaddrinfo
