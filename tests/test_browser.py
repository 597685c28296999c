"""Every lecture works where students use it: in JupyterLab, in a real browser.

A widget that works in a test kernel can still fail in the browser ("Error displaying widget",
a blank output). For every lecture notebook ``notebooks/NN_*.ipynb`` and its Chinese edition
``notebooks/zh/NN_*.ipynb`` this test starts
JupyterLab from the course's environment, opens the lecture in headless Chromium, runs all
cells, and checks that

- no cell shows an error or writes to stderr, and no widget callback raises;
- every widget view the notebook displays is rendered as a widget on the page;
- moving one control (a slider first) changes what the widget shows: a kernel round trip.

It saves a picture of the notebook to ``build/screenshots/<lecture>.png`` (``zh-<lecture>.png``
for the Chinese edition).

The static side needs no browser: the HTML export of each committed lecture shows its figures,
so readers without a kernel still see the static fallback (``build/html/<lecture>.html``).

``CRM_BROWSER_NOTEBOOKS=/some/folder`` points both tests at another folder of notebooks, and
``CRM_CHROMIUM`` at another Chromium or Chrome binary.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from jupyterlab_driver import LabServer, NotebookSession

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = Path(os.environ.get("CRM_BROWSER_NOTEBOOKS") or ROOT / "notebooks").resolve()
LECTURE_GLOB = "[0-9][0-9]_*.ipynb"
LECTURES = sorted(NOTEBOOK_DIR.glob(LECTURE_GLOB)) + sorted(NOTEBOOK_DIR.glob(f"zh/{LECTURE_GLOB}"))
"""The lectures of both editions: ``notebooks/NN_*.ipynb`` and the Chinese ``notebooks/zh/``."""
SCREENSHOTS = ROOT / "build" / "screenshots"
HTML = ROOT / "build" / "html"


def _lecture_params() -> list:
    if LECTURES:
        return [pytest.param(p, id=_lecture_id(p)) for p in LECTURES]
    return [pytest.param(None, id="no-lectures", marks=pytest.mark.skip(
        reason=f"no lecture notebooks {LECTURE_GLOB} in {NOTEBOOK_DIR} yet"))]


def _lecture_id(path: Path) -> str:
    """``08_clv_concepts`` for the English lecture, ``zh/08_clv_concepts`` for the Chinese."""
    return path.relative_to(NOTEBOOK_DIR).with_suffix("").as_posix()


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _widget_views_in_file(nb: nbformat.NotebookNode) -> int:
    """Widgets the notebook displays, counted from its source (the committed notebooks keep
    no widget state: tools/nbclean.py): cells that call ``widgets.explore`` or ``interact``."""
    return sum(("widgets.explore(" in c.source or "interact(" in c.source)
               for c in nb.cells if c.cell_type == "code")


# ---------------------------------------------------------------------------------------------
# Fixtures: one JupyterLab server per test process (pytest-xdist worker); the Chromium is
# conftest's, shared with the site tests


@pytest.fixture(scope="session")
def lab_server() -> Iterator[LabServer]:
    server = LabServer(NOTEBOOK_DIR.parent, NOTEBOOK_DIR.name,
                       keep_out={p.name for p in LECTURES})  # the same names in zh/
    try:
        server.start()
        yield server
    finally:
        server.stop()


# ---------------------------------------------------------------------------------------------
# In the browser


@pytest.mark.browser
@pytest.mark.parametrize("notebook", _lecture_params())
def test_lecture_runs_in_jupyterlab(notebook: Path, lab_server: LabServer, chromium,
                                    request: pytest.FixtureRequest) -> None:
    expected_views = _widget_views_in_file(nbformat.read(notebook, as_version=4))
    shot = SCREENSHOTS / f"{_lecture_id(notebook).replace('/', '-')}.png"
    rel_path = lab_server.place(notebook)
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    session = NotebookSession(page, lab_server, rel_path)
    step = "opening the notebook in JupyterLab"
    failure = ""
    try:
        session.open()
        step = "starting the kernel"
        kernel = session.wait_for_kernel()
        _require(kernel["name"] == "crm-course",
                 f"JupyterLab started the kernel {kernel['name']!r}, not the course kernel "
                 "'crm-course': set the notebook's kernelspec to crm-course")
        step = "running all cells"
        seconds = session.run_all()
        request.node.user_properties.append(("run_all_seconds", round(seconds, 1)))
        step = "checking outputs and widgets"
        views = session.wait_for_widgets()
        problems = session.problems()
        _require(not problems, "errors after Run All:\n" + "\n".join(problems))
        _require(bool(views or expected_views),
                 "the notebook displays no widget: every lecture has at least one interactive "
                 "widget (helpers.widgets.explore or ipywidgets.interact)")
        not_rendered = [v for v in views if not v["rendered"]]
        _require(not not_rendered, "widgets not rendered on the page:\n" + "\n".join(
            f"cell {v['cell']}: {v['text']!r}" for v in not_rendered))
        _require(len(views) >= expected_views,
                 f"the notebook's source displays {expected_views} widgets, "
                 f"the page shows {len(views)}")
        step = "moving a control (kernel round trip)"
        trip = session.round_trip()
        request.node.user_properties.append(
            ("round_trip", f"{trip.control} in {trip.seconds:.1f} s"))
        problems = session.problems()
        _require(not problems, f"errors after moving a control ({trip.control}):\n"
                 + "\n".join(problems))
        session.screenshot(shot)
    except Exception as exc:  # noqa: BLE001 — reported below with the notebook's name
        message = str(exc) if isinstance(exc, AssertionError) else (
            f"{type(exc).__name__}: " + "\n".join(str(exc).splitlines()[:12]))
        try:
            session.screenshot(shot)
            where = f"screenshot: {_rel(shot)}"
        except Exception:  # noqa: BLE001
            where = "no screenshot (the page was not usable)"
        console = "\n".join(session.console[-8:])
        failure = (f"{notebook.name}: failed while {step}:\n{message}\n{where}"
                   + (f"\nbrowser console errors:\n{console}" if console else ""))
    finally:
        context.close()
        lab_server.remove(rel_path)
    if failure:
        pytest.fail(failure, pytrace=False)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


# ---------------------------------------------------------------------------------------------
# Without a browser: the static fallback


@pytest.mark.parametrize("notebook", _lecture_params())
def test_html_export_shows_figures(notebook: Path) -> None:
    from nbconvert import HTMLExporter

    nb = nbformat.read(notebook, as_version=4)
    errors = [f"{o.get('ename')}: {o.get('evalue')}" for c in nb.cells if c.cell_type == "code"
              for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, f"{notebook.name} is committed with error outputs: {errors}"
    body, _resources = HTMLExporter(template_name="lab").from_notebook_node(nb)
    HTML.mkdir(parents=True, exist_ok=True)
    target = HTML / f"{_lecture_id(notebook).replace('/', '-')}.html"
    target.write_text(body, encoding="utf-8")
    figures = len(re.findall(r'<img\b[^>]*\bsrc="data:image/png;base64,', body))
    committed = sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code"
                    for o in c.get("outputs", []))
    assert committed >= 1 and figures >= committed, (
        f"the HTML export of {notebook.name} shows {figures} figures, the committed notebook "
        f"has {committed} ({_rel(target)}): commit the lecture executed, with its figures")
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "widgets.explore(" in cell.source:
            before = [c for c in nb.cells[:index] if c.cell_type == "code"][-1:]
            assert before and any("image/png" in o.get("data", {}) for o in before[0].outputs), (
                f"{notebook.name}: the widget in cell {index + 1} has no static figure in the "
                "code cell before it, so the HTML export shows nothing in its place")
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in body, (
        f"the HTML export of {notebook.name} shows stderr output ({_rel(target)})")
