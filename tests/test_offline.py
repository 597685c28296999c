"""The suite cannot reach the network, neither in its own process nor in the kernels it starts."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest
from offline_guard import OfflineError

UNROUTABLE = ("192.0.2.1", 80)  # TEST-NET-1 (RFC 5737): never a real host

PROBE = """
import socket, sys
for attempt in (lambda: socket.create_connection(("192.0.2.1", 80), timeout=1),
                lambda: socket.getaddrinfo("pypi.org", 443),
                lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(
                    b"x", ("192.0.2.1", 53))):
    try:
        attempt()
    except Exception as error:
        print(type(error).__name__)
    else:
        print("CONNECTED")
"""


def test_this_process_is_offline() -> None:
    with pytest.raises(OfflineError):
        socket.create_connection(UNROUTABLE, timeout=1)
    with pytest.raises(OfflineError):
        socket.getaddrinfo("pypi.org", 443)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp, pytest.raises(OfflineError):
        udp.sendto(b"x", ("192.0.2.1", 53))


def test_loopback_still_works() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.create_connection(server.getsockname(), timeout=5):
            pass


def test_child_processes_are_offline() -> None:
    """What a notebook kernel started by the tests inherits (PYTHONPATH → sitecustomize)."""
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         env=os.environ.copy(), timeout=60, check=True).stdout.split()
    assert out == ["OfflineError"] * 3


def test_a_notebook_kernel_is_offline() -> None:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)])
    NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    assert "".join(o.get("text", "") for o in nb.cells[0].outputs).split() == ["OfflineError"] * 3
