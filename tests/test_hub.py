"""A class on a JupyterHub: students log in, pull the course with its link, and work.

What a university runs (JupyterHub, nbgitpuller links), on this machine: ``hub_driver.LocalHub``
is JupyterHub with configurable-http-proxy, the dummy authenticator and the simple local
spawner, all on 127.0.0.1; the "course repository" is a bare git repository of the kit as it
is on disk, whose URL ends in ``.git``; the single-user servers get the JupyterLab settings of
``deploy/setup_environment.py``; the links are made by ``tools/course_config.py`` (what
``make links`` prints and the site's launch buttons use).

- ``test_a_class_works_on_the_hub``: three students at once, each in headless Chromium, log
  in, follow the nbgitpuller link of a lecture, which pulls the course into their home as
  ``crm-analytics-course`` and opens the lecture on the course kernel; they run all cells and
  move a widget, and see its output change; no cell, widget or kernel shows an error, the
  kernel reads the data of the student's own copy, JupyterLab shows no news pop-up and the
  default page is the course index.
- ``test_a_second_pull_keeps_the_students_work``: after a student has edited an exercise, the
  course repository gets a new commit (a new lecture, a change to that exercise); pulling again
  keeps the student's answer (nbgitpuller's merge rules: the student's changes win) and brings
  the new lecture.

Both stop the hub at the end and check that every process it started has stopped.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

import nbformat
import pytest
from hub_driver import (
    COURSE_FOLDER,
    PASSWORD,
    SPAWN_TIMEOUT,
    LocalHub,
    chp_executable,
    commit_to,
    course_repository,
)
from jupyterlab_driver import (
    _INSTALL_JS,
    CHROMIUM_ARGS,
    KERNEL_START_TIMEOUT,
    NotebookSession,
    chromium_executable,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from course_config import CourseConfig, hub_link  # noqa: E402

pytestmark = pytest.mark.hub

# the students and the lecture each opens (the lighter lectures: three run at once on two cores)
STUDENTS = {"ana": "notebooks/00_orientation.ipynb", "ben": "notebooks/08_clv_concepts.ipynb",
            "chen": "notebooks/03_loyalty.ipynb"}
SCREENSHOTS = ROOT / "build" / "screenshots" / "hub"

_DATA_DIR_JS = r"""
async (code) => {
  const kernel = window.__crm.panel().sessionContext.session.kernel;
  const future = kernel.requestExecute({ code, silent: false, store_history: false });
  let text = '';
  future.onIOPub = (msg) => {
    if (msg.header.msg_type === 'stream') { text += msg.content.text; }
    if (msg.header.msg_type === 'error') { text += msg.content.ename + ': ' + msg.content.evalue; }
  };
  await future.done;
  return text.trim();
}
"""


def _config(hub: LocalHub) -> CourseConfig:
    return CourseConfig(hub_url=hub.url, repository_url=hub.repository_url, branch="main",
                        binder_url="http://127.0.0.1:9")


@pytest.fixture
def hub(tmp_path: Path) -> Any:
    if chp_executable() is None:
        pytest.fail("the hub tests need configurable-http-proxy: `make hub-deps` installs it "
                    "into build/hub-npm (npm), or set CRM_CHP", pytrace=False)
    local = LocalHub(course_repository(tmp_path))
    try:
        local.start()
        yield local
    finally:
        leftovers = local.stop()
        local.cleanup()
    assert not leftovers, ("processes the hub started were still running after it stopped "
                           "(killed now):\n" + "\n".join(leftovers))


class _HubPages:
    """What NotebookSession asks of its server, for a notebook reached through the hub."""

    def __init__(self, hub: LocalHub, student: str) -> None:
        self.hub, self.student = hub, student

    def lab_url(self, rel_path: str) -> str:
        return f"{self.hub.url}/user/{self.student}/lab/tree/{urllib.parse.quote(rel_path)}"

    def log_tail(self) -> str:
        return self.hub.log_tail()


def _student(hub: LocalHub, name: str, lecture: str, results: dict[str, Any]) -> None:
    """One student, in a browser of their own: log in, follow the link, run, move a widget."""
    from playwright.sync_api import sync_playwright

    link = hub_link(_config(hub), lecture)
    rel_path = f"{COURSE_FOLDER}/{lecture}"
    result: dict[str, Any] = {"lecture": lecture, "step": "starting Chromium"}
    results[name] = result
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=chromium_executable(),
                                             args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(30_000)
        page = context.new_page()
        session = NotebookSession(page, _HubPages(hub, name), rel_path)  # type: ignore[arg-type]
        page.on("pageerror", lambda e: session.console.append(f"page error: {e}"))
        start = time.monotonic()
        try:
            result["step"] = "logging in"
            next_path = link.removeprefix(hub.url)
            page.goto(f"{hub.url}/hub/login?next={urllib.parse.quote(next_path)}")
            page.fill("#username_input", name)
            page.fill("#password_input", PASSWORD)
            page.click("#login_submit")
            result["step"] = "following the link: server start, pull, JupyterLab"
            page.wait_for_url("**/lab/tree/**", timeout=SPAWN_TIMEOUT * 1000)
            page.wait_for_function(
                "(path) => { const app = window.jupyterapp; if (!app || !app.shell) return false;"
                " for (const w of app.shell.widgets('main'))"
                "   if (w.context && w.context.path === path) return true; return false; }",
                arg=rel_path, timeout=KERNEL_START_TIMEOUT * 1000)
            page.evaluate(_INSTALL_JS, rel_path)
            result["step"] = "starting the kernel"
            kernel = session.wait_for_kernel()
            result["kernel"] = kernel["name"]
            result["first_notebook_s"] = time.monotonic() - start
            result["step"] = "running all cells"
            result["run_all_s"] = session.run_all()
            result["step"] = "checking outputs and widgets"
            result["views"] = session.wait_for_widgets()
            result["problems"] = session.problems()
            result["step"] = "moving a control"
            trip = session.round_trip()
            result["round_trip"] = f"{trip.control} in {trip.seconds:.1f} s"
            result["problems"] += session.problems()
            result["step"] = "asking the kernel where its data is"
            result["data_dir"] = page.evaluate(
                _DATA_DIR_JS, "from helpers.datasets import data_dir; print(data_dir())")
            result["news"] = page.evaluate(
                "() => document.body.innerText.includes('Jupyter news')")
            result["step"] = "done"
        finally:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            try:
                page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
            except Exception:  # noqa: BLE001 — a picture is a bonus
                pass
            result["console"] = session.console[-5:]
            browser.close()
    except Exception as exc:  # noqa: BLE001 — reported by the test with the student's name
        result["error"] = f"{type(exc).__name__}: " + "\n".join(str(exc).splitlines()[:12])
    finally:
        playwright.stop()


@pytest.mark.browser
@pytest.mark.slow
def test_a_class_works_on_the_hub(hub: LocalHub, request: pytest.FixtureRequest) -> None:
    if chromium_executable() is None:
        pytest.fail("the hub test needs Chromium at /usr/bin/chromium (`make browser-deps`) "
                    "or CRM_CHROMIUM", pytrace=False)
    link = hub_link(_config(hub), STUDENTS["ana"])
    query = urllib.parse.parse_qs(urllib.parse.urlparse(link).query)
    assert hub.repository_url.endswith(".git")
    assert query["targetpath"] == [COURSE_FOLDER], "the link must name the folder (targetpath)"

    results: dict[str, Any] = {}
    threads = [threading.Thread(target=_student, args=(hub, name, lecture, results), name=name)
               for name, lecture in STUDENTS.items()]
    for thread in threads:  # at once: every student logs in and pulls at the same time
        thread.start()
    peak: dict[str, float] = {}
    while any(t.is_alive() for t in threads):
        for name in STUDENTS:  # memory of each student's server and kernels, while they work
            try:
                rss = sum(p.memory_info().rss for p in hub.student_processes(name))
            except Exception:  # noqa: BLE001 — a process that just ended
                continue
            peak[name] = max(peak.get(name, 0), rss / 2**30)
        time.sleep(1)
    for thread in threads:
        thread.join()

    failures = []
    for name, r in results.items():
        where = f"{name} ({r['lecture']})"
        if "error" in r:
            failures.append(f"{where}, while {r['step']}: {r['error']}\n"
                            + "\n".join(r.get("console", [])) + "\n" + hub.log_tail(15))
            continue
        if r["kernel"] != "crm-course":
            failures.append(f"{where}: the kernel is {r['kernel']!r}, not crm-course")
        if r["problems"]:
            failures.append(f"{where}: errors on the page:\n" + "\n".join(r["problems"]))
        if not r["views"] or not all(v["rendered"] for v in r["views"]):
            failures.append(f"{where}: widgets not rendered: {r['views']}")
        expected = hub.home(name) / COURSE_FOLDER / "datasets"
        if r["data_dir"] != str(expected):
            failures.append(f"{where}: the kernel reads data from {r['data_dir']!r}, not the "
                            f"student's copy {expected}")
        if r["news"]:
            failures.append(f"{where}: JupyterLab shows the news pop-up")
        request.node.user_properties.append(
            (name, f"{r['lecture']}: notebook after {r['first_notebook_s']:.1f} s, run all "
                   f"{r['run_all_s']:.1f} s, {r['round_trip']}, "
                   f"peak {peak.get(name, 0):.2f} GiB"))
    print("\n".join(f"{name}: {line}" for name, line in request.node.user_properties))
    assert not failures, "\n\n".join(failures)

    for name in STUDENTS:
        assert (hub.home(name) / COURSE_FOLDER / "notebooks" / "index.ipynb").is_file()
        assert not list(hub.home(name).glob("*.git")), "a folder named ….git"
    # the default page is the course index; the served settings have no news
    status, _, headers = hub.request("GET", "/user/ana/")
    location = urllib.parse.urlparse(headers.get("Location", "")).path
    assert status == 302 and location.endswith(
        f"/lab/tree/{COURSE_FOLDER}/notebooks/index.ipynb"), (status, dict(headers))
    notification = hub.api(
        "GET", "/user/ana/lab/api/settings/@jupyterlab/apputils-extension:notification")
    fetch_news = notification["schema"]["properties"]["fetchNews"]["default"]
    assert fetch_news == "false", notification["schema"]["properties"]["fetchNews"]


def test_a_second_pull_keeps_the_students_work(hub: LocalHub) -> None:
    student = "dana"
    exercise = f"{COURSE_FOLDER}/exercises/07_retention_exercises.ipynb"
    new_lecture = "notebooks/14_new_lecture.ipynb"
    query = urllib.parse.urlparse(hub_link(_config(hub), "notebooks/index.ipynb")).query

    hub.spawn(student)
    hub.pull(student, query)  # the first click on a link: a clone into the home folder
    assert (hub.home(student) / COURSE_FOLDER / "notebooks" / "index.ipynb").is_file()

    # the student answers a task and saves (what JupyterLab's save does)
    model = hub.contents(student, exercise)
    notebook = nbformat.from_dict(model["content"])
    answer = next(c for c in notebook.cells
                  if c.cell_type == "code" and "None  # YOUR CODE HERE" in c.source)
    answer.source = answer.source.replace("None  # YOUR CODE HERE",
                                          "0.42  # dana's answer", 1)
    hub.contents(student, exercise, {"type": "notebook", "format": "json",
                                     "content": json.loads(nbformat.writes(notebook))})

    # the instructor publishes a new lecture and changes the same exercise
    upstream = json.loads((ROOT / "exercises" / "07_retention_exercises.ipynb").read_text())
    upstream["cells"][0]["source"] = "# Chapter 07 exercises (revised)\n"
    lecture = nbformat.v4.new_notebook()
    lecture.cells.append(nbformat.v4.new_markdown_cell("# Chapter 14: a new lecture"))
    commit_to(hub.repository, {
        "exercises/07_retention_exercises.ipynb": json.dumps(upstream, indent=1) + "\n",
        new_lecture: nbformat.writes(lecture)}, "A new lecture")

    hub.pull(student, query)  # the next click on a link: a pull, merged with the student's work
    home = hub.home(student) / COURSE_FOLDER
    assert (home / new_lecture).is_file(), "the new lecture did not arrive"
    kept = nbformat.read(home / "exercises" / "07_retention_exercises.ipynb", as_version=4)
    assert any("0.42  # dana's answer" in c.source for c in kept.cells), \
        "the second pull lost the student's answer"
