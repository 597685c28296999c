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
from collections.abc import Iterator
from pathlib import Path

import pytest

OFFLINE = Path(__file__).resolve().parent / "offline"

os.environ.setdefault("TQDM_DISABLE", "1")
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(OFFLINE), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))])
sys.path.insert(0, str(OFFLINE))

import offline_guard  # noqa: E402  (needs the path above)

offline_guard.install()

import properties  # noqa: E402,F401  (loads the Hypothesis profile before any test module)

# modules of the tests that are not tests: not collected (their doctests included)
collect_ignore = ["offline", "mutation.py", "mutation_cases", "properties.py", "edition.py",
                  "jupyterlab_driver.py"]


# --- one headless Chromium per test process ----------------------------------------------------

@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """The browser of the browser, site and slide tests: one Playwright and one Chromium per
    test process (Playwright's synchronous API runs one instance per thread, so two test files
    in one process cannot each start their own)."""
    from jupyterlab_driver import CHROMIUM_ARGS, chromium_executable

    executable = chromium_executable()
    if executable is None:
        pytest.fail("the browser tests need Chromium at /usr/bin/chromium "
                    "(`make browser-deps`, or `apt-get install chromium`), or set CRM_CHROMIUM; "
                    "`make test-fast` runs every other test", pytrace=False)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS,
                                             headless=True)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


# --- pandas shows its own number format in every test -----------------------------------------

@pytest.fixture(autouse=True)
def _pandas_display_reset() -> Iterator[None]:
    """A test that applies the house style (``plots.use_style`` sets pandas'
    ``display.float_format``) leaves the next test, a doctest above all, pandas' own format."""
    yield
    import pandas as pd

    pd.reset_option("display.float_format")


# --- the mutation test's counts, printed at the end of the run --------------------------------

_MUTATION_COUNTS: list[str] = []


def pytest_runtest_logreport(report) -> None:  # noqa: ANN001  (pytest's hook)
    if report.when == "call":
        _MUTATION_COUNTS.extend(value for key, value in report.user_properties
                                if key == "mutation")


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001
    if not _MUTATION_COUNTS:
        return
    terminalreporter.section("mutation test: bad input per helpers module")
    totals: dict[str, int] = {}
    for line in sorted(_MUTATION_COUNTS):
        terminalreporter.write_line(line)
        for part in line.split(": ", 1)[1].split(", ")[1:]:
            count, verdict = part.split(" ", 1)
            totals[verdict] = totals.get(verdict, 0) + int(count)
    calls = sum(totals.values())
    terminalreporter.write_line(f"all modules: {calls:,} calls, " + ", ".join(
        f"{n:,} {v}" for v, n in sorted(totals.items())))
