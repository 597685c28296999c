"""Start JupyterLab on the course and drive a notebook in it with Playwright (headless Chromium).

Used by ``tests/test_browser.py``. Two pieces:

:class:`LabServer`
    ``python -m jupyterlab`` from the course's environment on 127.0.0.1 at a free port, with a
    random token, offline and quiet (no news, no update check, read-only extension manager), and
    with its own throw-away configuration, data, runtime, settings and workspace folders so that
    neither a developer's settings nor the test's leave a trace. Its root is a temporary *mirror*
    of the folder that holds the notebooks: every entry is a symbolic link to the real one except
    the notebook folder, which is a real folder (again of links) into which a test copies the
    notebook it opens. The notebook keeps its relative paths (``../datasets/…``) and the kernel
    starts in the same relative place, yet nothing the browser does can save over a committed
    notebook. Autosave is also switched off.

:class:`NotebookSession`
    One notebook in one browser page: open it, pick the course kernel if JupyterLab asks, run all
    cells from the Run menu, wait until every code cell has run, and report errors, rendered
    widgets and a kernel round trip through a widget control. It reads JupyterLab's own models
    through ``window.jupyterapp`` (the server is started with ``expose_app_in_browser``) and the
    rendered page through the DOM.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KERNEL_NAME = "crm-course"
KERNEL_DISPLAY_NAME = "Python 3 (CRM course)"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

SERVER_START_TIMEOUT = 60  # seconds
KERNEL_START_TIMEOUT = 60
RUN_ALL_TIMEOUT = 120
WIDGET_RENDER_TIMEOUT = 30
ROUND_TRIP_TIMEOUT = 30

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-quic",
]

# User settings of the test's JupyterLab (a temporary JUPYTERLAB_SETTINGS_DIR).
LAB_SETTINGS = {
    # never write the notebook back to disk
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    # render every cell, so the DOM holds every output (no virtual scrolling)
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    # no news or update toasts over the page, no requests for them
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false",
                                                    "checkForUpdates": False},
    "@jupyterlab/extensionmanager-extension/plugin": {"enabled": False},
}

# Environment variables of the test process that a student's JupyterLab does not have:
# conftest.py sets MPLBACKEND=Agg for the unit tests, which would hide the kernel's figures.
_NOT_FOR_THE_SERVER = ("MPLBACKEND", "TQDM_DISABLE", "PYTEST_CURRENT_TEST", "JUPYTER_PATH",
                       "JUPYTER_CONFIG_PATH")


def chromium_executable() -> str | None:
    """Debian's Chromium, or the browser named by ``CRM_CHROMIUM``."""
    candidate = os.environ.get("CRM_CHROMIUM") or "/usr/bin/chromium"
    return candidate if os.access(candidate, os.X_OK) else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """Linux: the server gets SIGTERM if the test process dies without tearing down."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)


# ---------------------------------------------------------------------------------------------
# The server


class LabServer:
    """A JupyterLab server whose root is a linked mirror of ``source_parent``."""

    def __init__(self, source_parent: Path, notebook_dirname: str, keep_out: set[str]) -> None:
        self.source_parent = source_parent
        self.notebook_dirname = notebook_dirname
        self.keep_out = keep_out  # file names in the notebook folder that are not linked
        self.tmp = Path(tempfile.mkdtemp(prefix="crm-browser-"))
        self.root = self.tmp / "root"
        self.token = secrets.token_hex(16)
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = self.tmp / "jupyterlab.log"

    # -- set-up --------------------------------------------------------------------------------
    def _mirror(self) -> None:
        self.root.mkdir()
        for entry in sorted(self.source_parent.iterdir()):
            if entry.name.startswith(".") or entry.name == self.notebook_dirname:
                continue
            (self.root / entry.name).symlink_to(entry)
        self._mirror_folder(self.source_parent / self.notebook_dirname,
                            self.root / self.notebook_dirname)

    def _mirror_folder(self, source: Path, target: Path) -> None:
        """A real folder of links to ``source``'s entries, except the notebooks a test places;
        its subfolders of notebooks (the Chinese edition, ``zh/``) are mirrored the same way,
        so that placing a notebook there cannot write into the course either."""
        target.mkdir()
        if not source.is_dir():
            return
        for entry in sorted(source.iterdir()):
            if entry.name.startswith(".") or entry.name in self.keep_out:
                continue
            if entry.is_dir() and any(entry.glob("*.ipynb")):
                self._mirror_folder(entry, target / entry.name)
            else:
                (target / entry.name).symlink_to(entry)

    def _environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in _NOT_FOR_THE_SERVER}
        dirs = {"JUPYTER_CONFIG_DIR": "config", "JUPYTER_DATA_DIR": "data",
                "JUPYTER_RUNTIME_DIR": "runtime", "JUPYTERLAB_SETTINGS_DIR": "settings",
                "JUPYTERLAB_WORKSPACES_DIR": "workspaces", "IPYTHONDIR": "ipython"}
        for var, name in dirs.items():
            (self.tmp / name).mkdir(exist_ok=True)
            env[var] = str(self.tmp / name)
        for plugin, values in LAB_SETTINGS.items():
            path = self.tmp / "settings" / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values), encoding="utf-8")
        env["PYTHONUNBUFFERED"] = "1"
        # the course environment's tools first, as in an activated environment
        env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
        return env

    def _command(self) -> list[str]:
        # `-m jupyterlab`, not `-m jupyter lab`: the latter looks `jupyter-lab` up on PATH,
        # where another installation may come first
        cmd = [sys.executable, "-m", "jupyterlab", "--no-browser",
               "--ServerApp.ip=127.0.0.1", f"--port={self.port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
               "--ServerApp.terminals_enabled=False",
               "--LabApp.news_url=None",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               "--LabApp.extension_manager=readonly",
               "--LabApp.expose_app_in_browser=True"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        return cmd

    def start(self) -> None:
        self._mirror()
        env = self._environment()
        last_error = ""
        for _attempt in range(3):  # a port taken between choosing and binding: try another
            self.port = free_port()
            log = self.log_path.open("ab")
            self.proc = subprocess.Popen(self._command(), env=env, cwd=self.tmp,
                                         stdin=subprocess.DEVNULL, stdout=log,
                                         stderr=subprocess.STDOUT, start_new_session=True,
                                         preexec_fn=_die_with_parent)
            log.close()
            deadline = time.monotonic() + SERVER_START_TIMEOUT
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    last_error = f"JupyterLab exited with code {self.proc.returncode}"
                    break
                try:
                    self.api("GET", "/api/status", timeout=2)
                    return
                except (OSError, urllib.error.URLError) as exc:
                    last_error = str(exc)
                time.sleep(0.25)
            else:
                self.stop()
                raise RuntimeError(f"JupyterLab did not answer /api/status within "
                                   f"{SERVER_START_TIMEOUT} s ({last_error})\n{self.log_tail()}")
        raise RuntimeError(f"JupyterLab did not start: {last_error}\n{self.log_tail()}")

    # -- use -----------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def lab_url(self, rel_path: str) -> str:
        """The URL that opens ``rel_path`` in a fresh (reset) workspace."""
        return f"{self.base_url}/lab/tree/{urllib.parse.quote(rel_path)}?reset&token={self.token}"

    def api(self, method: str, path: str, timeout: float = 10) -> Any:
        request = urllib.request.Request(self.base_url + path, method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (loopback)
            body = response.read()
        return json.loads(body) if body else None

    def place(self, notebook: Path) -> str:
        """Copy ``notebook`` (in the notebook folder or one of its subfolders, ``zh/``) into the
        same place in the mirror; return its server path."""
        inside = notebook.resolve().relative_to(
            (self.source_parent / self.notebook_dirname).resolve())
        rel_path = f"{self.notebook_dirname}/{inside.as_posix()}"
        target = self.root / rel_path
        if target.is_symlink():
            target.unlink()
        shutil.copyfile(notebook, target)
        return rel_path

    def remove(self, rel_path: str) -> None:
        """Shut down the kernels of ``rel_path`` and delete the copy."""
        try:
            for session in self.api("GET", "/api/sessions"):
                if session.get("path") == rel_path:
                    self.api("DELETE", f"/api/sessions/{session['id']}", timeout=30)
        except (OSError, urllib.error.URLError):
            pass
        (self.root / rel_path).unlink(missing_ok=True)
        shutil.rmtree((self.root / rel_path).parent / ".ipynb_checkpoints", ignore_errors=True)

    def log_tail(self, lines: int = 25) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "JupyterLab log (end):\n" + "\n".join(text.splitlines()[-lines:])

    # -- tear-down -----------------------------------------------------------------------------
    def stop(self) -> None:
        proc = self.proc
        if proc is not None and proc.poll() is None:
            try:  # the clean way: the server shuts its kernels down
                self.api("POST", "/api/shutdown", timeout=5)
                proc.wait(timeout=15)
            except (OSError, urllib.error.URLError, subprocess.TimeoutExpired):
                pass
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=10)
        if proc is not None:
            # kernels left behind by a server that died: they share its process group
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        self.proc = None
        shutil.rmtree(self.tmp, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# The page

# Helpers installed in the page once JupyterLab has loaded.
_INSTALL_JS = r"""
(path) => {
  const app = window.jupyterapp;
  const panel = () => {
    for (const w of app.shell.widgets('main')) {
      if (w.context && w.context.path === path) { return w; }
    }
    return null;
  };
  const codeCells = () => panel().content.widgets.filter(c => c.model.type === 'code');
  window.__crm = {
    panel,
    kernel() {
      const p = panel();
      const k = p && p.sessionContext.session && p.sessionContext.session.kernel;
      return { ready: !!(p && p.sessionContext.isReady && k),
               name: k ? k.name : null, status: k ? k.status : null };
    },
    listen() {
      // every traceback the kernel sends, also those of widget callbacks, which
      // JupyterLab shows in no cell
      if (window.__crmIopub) { return; }
      window.__crmIopub = [];
      window.__crmExecuted = 0;
      const k = panel().sessionContext.session.kernel;
      k.iopubMessage.connect((_, msg) => {
        const t = msg.header.msg_type, c = msg.content;
        if (t === 'execute_input') {
          window.__crmExecuted++;
        } else if (t === 'error') {
          window.__crmIopub.push({ summary: `${c.ename}: ${c.evalue}`,
                                   detail: (c.traceback || []).join('\n') });
        }
        // not stderr: the kernel logs harmless start-up races of the widget manager there
        // ("No such comm target registered: jupyter.widget.control"); stderr in cells and
        // in Output widgets is checked on the page
      });
    },
    progress() {
      const cells = codeCells();
      const toRun = cells.filter(c => c.model.sharedModel.getSource().trim() !== '');
      const done = toRun.filter(c => c.model.executionCount !== null &&
                                     c.model.executionState !== 'running').length;
      // cells the kernel has started since the listener was installed, and its errors
      const errors = window.__crmIopub.length;
      return { total: toRun.length, done, executed: window.__crmExecuted, errors,
               status: this.kernel().status };
    },
    problems() {
      const out = [];
      const cells = panel().content.widgets;
      cells.forEach((c, n) => {
        if (c.model.type !== 'code') { return; }
        for (let i = 0; i < c.model.outputs.length; i++) {
          const o = c.model.outputs.get(i).toJSON();
          if (o.output_type === 'error') {
            out.push(`cell ${n + 1}: ${o.ename}: ${o.evalue}`);
          } else if (o.output_type === 'stream' && o.name === 'stderr') {
            out.push(`cell ${n + 1} wrote to stderr: ${[].concat(o.text).join('').slice(0, 500)}`);
          }
        }
      });
      // what the page shows, inside widgets too (an Output widget's traceback is not in a cell)
      const node = panel().content.node;
      const stderr = '[data-mime-type="application/vnd.jupyter.stderr"]';
      node.querySelectorAll(`.jupyter-widgets ${stderr}`).forEach(e => {
        const cell = e.closest('.jp-Cell');
        const n = cell ? Array.from(cell.parentElement.children).indexOf(cell) : -1;
        const lines = e.innerText.split('\n').filter(l => l.trim() !== '');
        out.push(`a widget in cell ${n + 1} shows an error: ${lines.slice(-6).join('\n')}`);
      });
      if (node.innerText.includes('Error displaying widget')) {
        out.push('the page shows "Error displaying widget"');
      }
      return out;
    },
    widgetViews() {
      // one entry per widget view output of a cell: is it rendered as a widget?
      const views = [];
      panel().content.widgets.forEach((c, n) => {
        if (c.model.type !== 'code') { return; }
        const children = c.outputArea.widgets;
        for (let i = 0; i < c.model.outputs.length; i++) {
          const data = c.model.outputs.get(i).data || {};
          if (!('application/vnd.jupyter.widget-view+json' in data)) { continue; }
          const node = children[i] ? children[i].node : null;
          const text = node ? node.innerText : '';
          views.push({ cell: n + 1,
                       rendered: !!(node && node.querySelector('.jupyter-widgets')) &&
                                 !text.includes('Error displaying widget'),
                       text: text.slice(0, 200) });
        }
      });
      return views;
    },
    cellOf(element) {
      // the index of the notebook cell that holds a page element (-1 if none)
      const cell = element.closest('.jp-Cell');
      return panel().content.widgets.findIndex(w => w.node === cell);
    },
    snapshot(cell) {
      // what widgets show that only the kernel can change (Output widgets, HTML, images), in
      // one cell or, without a cell index, in the whole notebook
      const content = panel().content;
      const node = cell === undefined || cell < 0 ? content.node : content.widgets[cell].node;
      const parts = [];
      node.querySelectorAll('.widget-output, .widget-html, .widget-htmlmath').forEach(e => {
        parts.push(e.innerText);
        e.querySelectorAll('img').forEach(img => parts.push(img.getAttribute('src') || ''));
      });
      node.querySelectorAll('.widget-image').forEach(e => parts.push(e.getAttribute('src') || ''));
      return parts.join('\u241e');
    },
  };
}
"""


@dataclass
class RoundTrip:
    control: str
    seconds: float


@dataclass
class NotebookSession:
    """One notebook open in one page of a browser context."""

    page: Any  # playwright.sync_api.Page
    server: LabServer
    rel_path: str
    console: list[str] = field(default_factory=list)

    def open(self) -> None:
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}")
                     if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.console.append(f"page error: {e}"))
        self.page.goto(self.server.lab_url(self.rel_path), wait_until="domcontentloaded")
        self.page.wait_for_function(
            "(path) => { const app = window.jupyterapp; if (!app || !app.shell) return false;"
            " for (const w of app.shell.widgets('main'))"
            "   if (w.context && w.context.path === path) return true; return false; }",
            arg=self.rel_path, timeout=KERNEL_START_TIMEOUT * 1000)
        self.page.evaluate(_INSTALL_JS, self.rel_path)

    def wait_for_kernel(self) -> dict[str, Any]:
        """Wait until the kernel is idle, choosing the course kernel if JupyterLab asks."""
        deadline = time.monotonic() + KERNEL_START_TIMEOUT
        state: dict[str, Any] = {}
        while time.monotonic() < deadline:
            self._answer_kernel_dialog()
            state = self.page.evaluate("() => window.__crm.kernel()")
            if state["ready"] and state["status"] == "idle":
                self.page.evaluate("() => window.__crm.listen()")
                return state
            time.sleep(0.25)
        raise AssertionError(f"the kernel was not idle within {KERNEL_START_TIMEOUT} s "
                             f"(last state {state})\n{self.server.log_tail()}")

    def _answer_kernel_dialog(self) -> None:
        """Answer "Select Kernel" with the course kernel; any other dialog is a failure."""
        dialog = self.page.locator(".jp-Dialog")
        if dialog.count() == 0:
            return
        select = dialog.first.locator("select")
        if select.count() == 0:
            text = dialog.first.inner_text().replace("\n", " | ")
            raise AssertionError(f"JupyterLab showed a dialog: {text[:300]}")
        options = select.first.locator("option")
        for i in range(options.count()):
            label = options.nth(i).inner_text()
            value = options.nth(i).get_attribute("value") or ""
            if KERNEL_DISPLAY_NAME in label or f'"{KERNEL_NAME}"' in value:
                select.first.select_option(index=i)
                break
        dialog.first.locator("button.jp-mod-accept").click()

    def run_all(self) -> float:
        """Run → Run All Cells; wait until every code cell has run. Returns the seconds taken."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        panel_id = self.page.evaluate("() => window.__crm.panel().id")
        self.page.evaluate("(id) => window.jupyterapp.shell.activateById(id)", panel_id)
        start = time.monotonic()
        try:
            self.page.locator("#jp-MainMenu .lm-MenuBar-item", has_text="Run").first.click()
            self.page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click(
                timeout=10_000)
        except PlaywrightTimeout:  # menu not usable: the same command, directly
            self.page.keyboard.press("Escape")
            self.page.evaluate("() => window.jupyterapp.commands.execute('runmenu:run-all')")
        progress: dict[str, Any] = {}
        while time.monotonic() - start < RUN_ALL_TIMEOUT:
            progress = self.page.evaluate("() => window.__crm.progress()")
            finished = (progress["executed"] >= progress["total"]
                        and progress["done"] == progress["total"])
            if progress["status"] == "idle" and (finished or progress["errors"]):
                # idle between two cells is possible: confirm after a moment
                time.sleep(0.3)
                again = self.page.evaluate("() => window.__crm.progress()")
                if again == progress:
                    return time.monotonic() - start
            time.sleep(0.25)
        raise AssertionError(f"Run All did not finish within {RUN_ALL_TIMEOUT} s: "
                             f"{progress.get('executed')} of {progress.get('total')} code cells "
                             f"started, kernel {progress.get('status')}")

    def wait_for_widgets(self) -> list[dict[str, Any]]:
        """Wait until every widget view is rendered (or shows an error); return the views."""
        deadline = time.monotonic() + WIDGET_RENDER_TIMEOUT
        views: list[dict[str, Any]] = []
        while time.monotonic() < deadline:
            views = self.page.evaluate("() => window.__crm.widgetViews()")
            if all(v["rendered"] or "Error displaying" in v["text"] for v in views):
                break
            time.sleep(0.25)
        return views

    def problems(self, limit: int = 5) -> list[str]:
        """Errors in cells, in widgets, and from the kernel (widget callbacks), deduplicated."""
        found = [strip_ansi(p) for p in self.page.evaluate("() => window.__crm.problems()")]
        for message in self.page.evaluate("() => window.__crmIopub || []"):
            summary = strip_ansi(message["summary"]).strip()
            if any(summary in f for f in found):
                continue
            tail = [line for line in strip_ansi(message["detail"]).splitlines() if line.strip()]
            found.append(f"the kernel reported {summary}" +
                         ("\n" + "\n".join(tail[-6:-1]) if len(tail) > 1 else ""))
        if len(found) > limit:
            found = found[:limit] + [f"… and {len(found) - limit} more"]
        return found

    def idle(self) -> bool:
        return self.page.evaluate("() => window.__crm.kernel().status") == "idle"

    # -- the round trip ------------------------------------------------------------------------
    def _controls(self) -> list[tuple[str, Any]]:
        """Interactive controls in the notebook, sliders first."""
        nb = ".jp-Notebook .jupyter-widgets"
        page = self.page
        found: list[tuple[str, Any]] = []
        for kind, selector in [
            ("slider", f"{nb}.widget-slider .noUi-handle"),
            ("slider", f"{nb}.widget-slider input[type=range]"),
            ("dropdown", f"{nb}.widget-dropdown select"),
            ("toggle buttons", f"{nb}.widget-toggle-buttons button:not(.mod-active)"),
            ("number box", f"{nb}.widget-text input[type=number]"),
            ("checkbox", f"{nb}.widget-checkbox input[type=checkbox]"),
        ]:
            locator = page.locator(selector)
            found += [(kind, locator.nth(i)) for i in range(locator.count())]
        return found

    def _move(self, kind: str, control: Any) -> str:
        control.scroll_into_view_if_needed(timeout=5_000)
        if kind == "slider":
            before = control.get_attribute("aria-valuenow") or control.input_value()
            control.focus()
            for key in ("ArrowRight", "ArrowLeft"):  # left if the slider is at its maximum
                for _ in range(2):
                    control.press(key)
                after = control.get_attribute("aria-valuenow") or control.input_value()
                if after != before:
                    return f"slider {before} → {after}"
            return f"slider stuck at {before}"
        if kind == "dropdown":
            current = control.evaluate("(s) => s.selectedIndex")
            n = control.evaluate("(s) => s.options.length")
            if n < 2:
                return "dropdown with one option"
            target = (current + 1) % n
            control.select_option(index=target)
            return f"dropdown option {current + 1} → {target + 1}"
        if kind == "toggle buttons":
            control.click()
            return f"toggle button {control.inner_text()!r}"
        if kind == "number box":
            value = control.input_value()
            try:
                new = str(float(value) + 1)
            except ValueError:
                new = "1"
            control.fill(new)
            control.press("Enter")
            return f"number box {value} → {new}"
        control.click()
        return "checkbox"

    def round_trip(self) -> RoundTrip:
        """Move one control; wait until what the kernel shows changes."""
        from playwright.sync_api import Error as PlaywrightError

        controls = self._controls()
        if not controls:
            raise AssertionError("no slider, drop-down, toggle, number box or check box to move")
        tried: list[str] = []
        for number, (kind, control) in enumerate(controls[:4]):
            timeout = ROUND_TRIP_TIMEOUT if number == 0 else 10
            # the round trip must change the output of the control's own widget, in its cell
            cell = control.evaluate("(e) => window.__crm.cellOf(e)")
            before = self._steady_snapshot(cell)
            start = time.monotonic()
            try:
                what = self._move(kind, control)
            except PlaywrightError as exc:  # hidden (a closed accordion, a tab): the next one
                tried.append(f"{kind}: could not be moved ({str(exc).splitlines()[0]})")
                continue
            while time.monotonic() - start < timeout:
                if self._snapshot(cell) != before:
                    # let the redraw finish
                    settle = time.monotonic()
                    while not self.idle() and time.monotonic() - settle < timeout:
                        time.sleep(0.1)
                    time.sleep(0.5)
                    return RoundTrip(what, time.monotonic() - start)
                time.sleep(0.1)
            tried.append(f"{what} (cell {cell + 1}): its widget's output did not change "
                         f"within {timeout} s")
        raise AssertionError("moving a control changed no widget output (no kernel round trip):\n"
                             + "\n".join(tried))

    def _snapshot(self, cell: int) -> str:
        return self.page.evaluate("(cell) => window.__crm.snapshot(cell)", cell)

    def _steady_snapshot(self, cell: int, timeout: float = 10.0) -> str:
        """The cell's widget output once it has stopped changing (two equal looks, idle kernel),
        so that a redraw still under way is not taken for the round trip."""
        deadline = time.monotonic() + timeout
        last = self._snapshot(cell)
        while time.monotonic() < deadline:
            time.sleep(0.4)
            now = self._snapshot(cell)
            if now == last and self.idle():
                return now
            last = now
        return last

    # -- pictures ------------------------------------------------------------------------------
    def screenshot(self, path: Path) -> None:
        """The whole notebook, by making the window as tall as the notebook."""
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.page.evaluate("() => { const s = window.jupyterapp.shell;"
                               " s.collapseLeft && s.collapseLeft();"
                               " s.collapseRight && s.collapseRight(); }")
            # the notebook scrolls inside its own element: measure its content, scroll it to
            # the top, and make the window tall enough to show all of it
            height = self.page.evaluate(
                "() => { const n = window.__crm.panel().content.node;"
                " const s = n.querySelector('.jp-WindowedPanel-outer') || n;"
                " const cells = n.querySelectorAll('.jp-Cell');"
                " const last = cells[cells.length - 1];"
                " const content = last ? last.getBoundingClientRect().bottom"
                "   - s.getBoundingClientRect().top + s.scrollTop : s.scrollHeight;"
                " s.scrollTop = 0;"
                " return Math.ceil(s.getBoundingClientRect().top + content + 60); }")
            width = self.page.viewport_size["width"] if self.page.viewport_size else 1280
            self.page.set_viewport_size({"width": width, "height": max(800, min(height, 16000))})
            self.page.evaluate("() => { const n = window.__crm.panel().content.node;"
                               " (n.querySelector('.jp-WindowedPanel-outer') || n).scrollTop = 0;"
                               " }")
            self.page.wait_for_timeout(300)
        except Exception:  # noqa: BLE001 — a picture of whatever is there is still useful
            pass
        self.page.screenshot(path=str(path), full_page=True)
