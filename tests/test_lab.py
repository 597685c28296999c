"""`make lab` serves the whole course and opens it on the course index.

The test asks make for the exact command `make lab` runs (``make -n``), starts it without a
browser on a free loopback port with a token and throw-away Jupyter folders, and checks through
the server's REST API what a student's JupyterLab can reach: the lectures, the exercises and
solutions they link to, and the data dictionary. A server rooted at ``notebooks/`` (what
JupyterLab does when given only a notebook path) would fail here.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shlex
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from jupyterlab_driver import free_port

ROOT = Path(__file__).resolve().parents[1]


def lab_command() -> list[str]:
    """The `jupyter lab …` line of ``make -n lab``, split into arguments."""
    dry_run = subprocess.run(["make", "-s", "--no-print-directory", "-n", "lab"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
    lines = [line for line in dry_run.splitlines() if re.search(r"\bjupyter lab\b", line)]
    assert len(lines) == 1, f"`make -n lab` should run one `jupyter lab` command:\n{dry_run}"
    return shlex.split(lines[0])


def test_make_lab_roots_the_server_at_the_course() -> None:
    command = lab_command()
    assert any(arg.startswith("--ServerApp.root_dir=") for arg in command)
    assert "notebooks/index.ipynb" in command


@pytest.mark.slow
def test_make_lab_serves_lectures_exercises_and_solutions(tmp_path: Path) -> None:
    command = lab_command()
    command[0] = str(ROOT / command[0]) if not os.path.isabs(command[0]) else command[0]
    if not os.access(command[0], os.X_OK):  # tests run from another environment than .venv
        command[0] = str(Path(sys.executable).parent / "jupyter")
    port, token = free_port(), secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON"))}
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR"):
        (tmp_path / var).mkdir()
        env[var] = str(tmp_path / var)
    extra = ["--no-browser", "--ServerApp.ip=127.0.0.1", f"--port={port}",
             "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
             "--LabApp.news_url=None",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in command:
        extra.append("--allow-root")
    log = (tmp_path / "lab.log").open("wb")
    proc = subprocess.Popen(command + extra, cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def get(path: str) -> tuple[int, dict]:
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                         headers={"Authorization": f"token {token}"})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, {}

    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, (tmp_path / "lab.log").read_text(errors="replace")
            try:
                if get("/api/status")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "JupyterLab did not start within 60 s"
            time.sleep(0.25)
        for path in ("notebooks/index.ipynb", "notebooks/00_orientation.ipynb",
                     "exercises/00_orientation_exercises.ipynb",
                     "solutions/00_orientation_solutions.ipynb", "datasets/README.md"):
            status, _ = get(f"/api/contents/{path}?content=0")
            assert status == 200, f"`make lab` cannot open {path} (HTTP {status})"
        # the page a browser would be sent to (Jupyter Server writes it for the file to run)
        pages = list((tmp_path / "JUPYTER_RUNTIME_DIR").glob("jpserver-file-to-run-*-open.html"))
        assert pages, "`make lab` does not open a notebook"
        assert "/lab/tree/notebooks/index.ipynb" in pages[0].read_text(encoding="utf-8")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
