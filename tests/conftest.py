"""Shared test set-up: the suite must never touch the network.

The guard in ``tests/offline/`` refuses every connection, UDP packet and name lookup that is
not for this machine. It is installed here, in the test process, and ``PYTHONPATH`` carries
its ``sitecustomize`` into every Python process the tests start — the notebook kernels of
nbval, the exercise runs and the HTML export, and JupyterLab with its kernels in the browser
test. Loopback stays allowed: the tests talk to their own kernels and server on 127.0.0.1.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

OFFLINE = Path(__file__).resolve().parent / "offline"

os.environ.setdefault("TQDM_DISABLE", "1")
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(OFFLINE), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))])
sys.path.insert(0, str(OFFLINE))

import offline_guard  # noqa: E402  (needs the path above)

offline_guard.install()

import properties  # noqa: E402,F401  (loads the Hypothesis profile before any test module)

# modules of the tests that are not tests: not collected (their doctests included)
collect_ignore = ["offline", "mutation.py", "mutation_cases", "properties.py",
                  "jupyterlab_driver.py"]
