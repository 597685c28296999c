"""A JupyterHub on this machine, as a university runs one, for the hub tests and the benchmark.

Used by ``tests/test_hub.py`` and ``benchmarks/classroom.py``. Three pieces:

:func:`course_repository`
    A bare git repository of the course as it is on disk now (the files git tracks or would
    track), on the branch ``main``: the "course repository" nbgitpuller pulls from. Its name
    ends in ``.git``, as a hosted repository's URL often does.

:class:`LocalHub`
    JupyterHub (pip) with configurable-http-proxy (npm: ``make hub-deps`` installs the version
    of ``tests/hub-proxy/package-lock.json`` into ``build/hub-npm``), the dummy authenticator
    (any name, any password) and the simple local process spawner, every port on 127.0.0.1.
    Each student's single-user server runs from the course's environment as the hub's user,
    with its home in a temporary folder, and with the JupyterLab settings
    ``deploy/setup_environment.py`` installs (written into a temporary prefix, so the course's
    own environment is not changed). The hub has an API token with
    admin scopes for the tests. :meth:`LocalHub.stop` stops the hub, which stops the servers
    and their kernels; every process the hub started (followed while it runs) that is still
    alive after that is killed and reported.

:class:`KernelClient`
    A notebook's kernel through the hub's proxy, over the Jupyter server's websocket: execute
    code, move a widget, and time both — what a student's browser does, without the browser.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jupyterlab_driver import free_port

ROOT = Path(__file__).resolve().parents[1]
CHP = ROOT / "build" / "hub-npm" / "node_modules" / ".bin" / "configurable-http-proxy"
COURSE_FOLDER = "crm-analytics-course"  # the repository's name, and the folder in each home
PASSWORD = "course"  # the dummy authenticator takes any password; the tests type this one
HUB_START_TIMEOUT = 60  # seconds
SPAWN_TIMEOUT = 180

# What the tests' JupyterLab adds to the deployment's settings: render every cell (the driver
# reads outputs from the page) and never save a notebook behind the test's back.
TEST_LAB_OVERRIDES = {
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
}

_NOT_FOR_THE_HUB = ("MPLBACKEND", "PYTEST_CURRENT_TEST", "PYTEST_XDIST_WORKER",
                    "CONFIGPROXY_AUTH_TOKEN")


def chp_executable() -> str | None:
    """configurable-http-proxy: ``$CRM_CHP``, the project's ``build/hub-npm``, or one on PATH."""
    for candidate in (os.environ.get("CRM_CHP"), str(CHP), shutil.which("configurable-http-proxy")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


# ---------------------------------------------------------------------------------------------
# The course repository


def _git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Course", "GIT_AUTHOR_EMAIL": "course@localhost",
           "GIT_COMMITTER_NAME": "Course", "GIT_COMMITTER_EMAIL": "course@localhost",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout


def course_repository(parent: Path) -> Path:
    """A bare repository ``parent/crm-analytics-course.git`` holding the course's files as
    they are on disk (tracked or not ignored), committed once on ``main``."""
    listing = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                              "--exclude-standard"], cwd=ROOT, check=True,
                             capture_output=True).stdout.decode()
    work = parent / "course-work"
    work.mkdir(parents=True)
    for name in filter(None, listing.split("\0")):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, work / name)
    _git("init", "-q", "-b", "main", cwd=work)
    _git("add", "-A", cwd=work)
    _git("commit", "-q", "-m", "The course", cwd=work)
    bare = parent / f"{COURSE_FOLDER}.git"
    _git("clone", "-q", "--bare", str(work), str(bare), cwd=parent)
    shutil.rmtree(work)
    return bare


def commit_to(bare: Path, files: dict[str, str], message: str) -> None:
    """Commit ``files`` (path in the repository -> new text) to ``main`` of ``bare``."""
    with tempfile.TemporaryDirectory(prefix="crm-course-commit-") as tmp:
        work = Path(tmp) / "work"
        _git("clone", "-q", str(bare), str(work), cwd=Path(tmp))
        for name, text in files.items():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            (work / name).write_text(text, encoding="utf-8")
        _git("add", "-A", cwd=work)
        _git("commit", "-q", "-m", message, cwd=work)
        _git("push", "-q", "origin", "main", cwd=work)


# ---------------------------------------------------------------------------------------------
# The hub


@dataclass
class LocalHub:
    """JupyterHub on 127.0.0.1 with the dummy authenticator and the simple local spawner."""

    repository: Path  # the bare course repository students pull from
    tmp: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="crm-hub-")))
    token: str = field(default_factory=lambda: secrets.token_hex(16))
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None
    _seen: dict[int, Any] = field(default_factory=dict)  # pid -> psutil.Process
    _watching: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def repository_url(self) -> str:
        return self.repository.as_uri()  # file:///…/crm-analytics-course.git

    @property
    def log_path(self) -> Path:
        return self.tmp / "jupyterhub.log"

    def home(self, student: str) -> Path:
        return self.tmp / "home" / student

    # -- set-up --------------------------------------------------------------------------------
    def _lab_prefix(self) -> Path:
        """The deployment's JupyterLab settings and server configuration, installed by
        ``deploy/setup_environment.py`` into a prefix of their own, plus the test's settings."""
        prefix = self.tmp / "prefix"
        subprocess.run([sys.executable, str(ROOT / "deploy" / "setup_environment.py"),
                        "--prefix", str(prefix), "--course-folder", COURSE_FOLDER,
                        "--no-kernel"], check=True, capture_output=True)
        overrides = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.d"
        (overrides / "zz-tests.json").write_text(json.dumps(TEST_LAB_OVERRIDES),
                                                 encoding="utf-8")
        return prefix

    def _config(self, prefix: Path) -> str:
        bin_dir = Path(sys.executable).parent
        args = ["--LabApp.expose_app_in_browser=True", "--ServerApp.terminals_enabled=False",
                # the settings of this prefix, not the environment's
                f"--LabApp.app_settings_dir={prefix / 'share' / 'jupyter' / 'lab' / 'settings'}"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--allow-root")
        environment = {"JUPYTER_CONFIG_PATH": str(prefix / "etc" / "jupyter"),
                       "PYTHONUNBUFFERED": "1"}
        settings = {
            "JupyterHub.ip": "127.0.0.1", "JupyterHub.port": self.port,
            "JupyterHub.hub_ip": "127.0.0.1", "JupyterHub.hub_port": free_port(),
            "ConfigurableHTTPProxy.api_url": f"http://127.0.0.1:{free_port()}",
            "ConfigurableHTTPProxy.command": [chp_executable()],
            "JupyterHub.authenticator_class": "dummy",
            "Authenticator.allow_all": True,
            "JupyterHub.spawner_class": "simple",
            "SimpleLocalProcessSpawner.home_dir_template": str(self.tmp / "home" / "{username}"),
            "Spawner.cmd": [str(bin_dir / "jupyterhub-singleuser")],
            "Spawner.args": args,
            "Spawner.environment": environment,
            "Spawner.start_timeout": SPAWN_TIMEOUT,
            "Spawner.http_timeout": SPAWN_TIMEOUT,
            "JupyterHub.db_url": f"sqlite:///{self.tmp / 'jupyterhub.sqlite'}",
            "JupyterHub.cookie_secret_file": str(self.tmp / "jupyterhub_cookie_secret"),
            "JupyterHub.pid_file": str(self.tmp / "jupyterhub.pid"),
            "JupyterHub.cleanup_servers": True,
            "JupyterHub.cleanup_proxy": True,
            "JupyterHub.services": [{"name": "course-tests", "api_token": self.token}],
            "JupyterHub.load_roles": [{"name": "course-tests", "services": ["course-tests"],
                                       "scopes": ["admin:users", "admin:servers",
                                                  "access:servers", "read:hub"]}]}
        lines = ["# written by tests/hub_driver.py", "c = get_config()  # noqa: F821"]
        lines += [f"c.{key} = {value!r}" for key, value in settings.items()]
        return "\n".join(lines) + "\n"

    def _environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if k not in _NOT_FOR_THE_HUB and not k.startswith(("JUPYTER", "IPYTHON"))}
        env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
        return env

    def start(self) -> None:
        if chp_executable() is None:
            raise RuntimeError("configurable-http-proxy is missing: `make hub-deps` installs it "
                               f"into {CHP.parent.parent} (npm)")
        prefix = self._lab_prefix()
        (self.tmp / "home").mkdir(exist_ok=True)
        last = ""
        for _attempt in range(3):  # a port taken between choosing and binding: try others
            self.port = free_port()
            config = self.tmp / "jupyterhub_config.py"
            config.write_text(self._config(prefix), encoding="utf-8")
            with self.log_path.open("ab") as log:
                self.proc = subprocess.Popen(
                    [sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=self.tmp,
                    env=self._environment(), stdin=subprocess.DEVNULL, stdout=log,
                    stderr=subprocess.STDOUT, start_new_session=True)
            self._watch()
            deadline = time.monotonic() + HUB_START_TIMEOUT
            while time.monotonic() < deadline and self.proc.poll() is None:
                try:
                    self.api("GET", "/hub/api/", timeout=2)
                    return
                except (OSError, urllib.error.URLError) as exc:
                    last = str(exc)
                time.sleep(0.25)
            last = f"exit code {self.proc.poll()}" if self.proc.poll() is not None else last
            self.stop()
        raise RuntimeError(f"JupyterHub did not start ({last})\n{self.log_tail()}")

    # -- processes -----------------------------------------------------------------------------
    def _watch(self) -> None:
        """Follow every process the hub starts (proxy, servers, kernels) until it stops."""
        import psutil

        hub = psutil.Process(self.proc.pid)
        self._seen[hub.pid] = hub
        self._watching.clear()

        def run() -> None:
            while not self._watching.is_set():
                self.track()
                self._watching.wait(0.5)

        threading.Thread(target=run, name="hub-processes", daemon=True).start()

    def track(self) -> None:
        import psutil

        for process in list(self._seen.values()):
            try:
                for child in process.children(recursive=True):
                    self._seen.setdefault(child.pid, child)
            except psutil.Error:
                pass

    def processes(self) -> list[Any]:
        """Processes the hub started that are running now."""
        import psutil

        alive = []
        for process in list(self._seen.values()):
            try:
                if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                    alive.append(process)
            except psutil.Error:
                pass
        return alive

    def stop(self) -> list[str]:
        """Stop the hub (it stops every server and kernel); kill what is left. Returns what had
        to be killed (empty when the hub cleaned up after itself)."""
        import psutil

        self.track()
        self._watching.set()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        leftovers = self.processes()
        killed = []
        for process in leftovers:
            try:
                killed.append(f"{process.pid} {' '.join(process.cmdline())[:120]}")
                process.kill()
            except psutil.Error:
                pass
        psutil.wait_procs(leftovers, timeout=10)
        self.proc = None
        return killed

    def cleanup(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- use -----------------------------------------------------------------------------------
    def request(self, method: str, path: str, body: Any = None, timeout: float = 30,
                headers: dict[str, str] | None = None) -> tuple[int, bytes, Any]:
        """One HTTP request to the hub's public address with the tests' token; redirects are
        returned, not followed."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.url + path, data=data, method=method,
            headers={"Authorization": f"token {self.token}", **(headers or {})})

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: Any, **kwargs: Any) -> None:
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=timeout) as response:  # noqa: S310 (loopback)
                return response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            if error.code >= 400 and method == "GET" and path.startswith("/hub/api/"):
                raise
            return error.code, error.read(), error.headers

    def api(self, method: str, path: str, body: Any = None, timeout: float = 30) -> Any:
        status, content, _ = self.request(method, path, body, timeout)
        if status >= 400:
            raise urllib.error.HTTPError(self.url + path, status, content.decode()[:300],
                                         None, None)  # type: ignore[arg-type]
        return json.loads(content) if content else None

    def spawn(self, student: str, timeout: float = SPAWN_TIMEOUT) -> None:
        """Create ``student`` and start their server; return when it answers."""
        status, _, _ = self.request("POST", f"/hub/api/users/{student}")
        if status not in (201, 409):
            raise RuntimeError(f"creating user {student}: HTTP {status}")
        self.request("POST", f"/hub/api/users/{student}/server")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            user = self.api("GET", f"/hub/api/users/{student}")
            server = user.get("servers", {}).get("", {})
            if server.get("ready"):
                return
            time.sleep(0.25)
        raise RuntimeError(f"{student}'s server did not start within {timeout} s\n"
                           f"{self.log_tail()}")

    def pull(self, student: str, link_query: str, timeout: float = 120) -> list[dict[str, Any]]:
        """What the nbgitpuller page does: call its event-stream API with the link's query;
        return the events. Raises if the pull reports an error."""
        request = urllib.request.Request(
            f"{self.url}/user/{student}/git-pull/api?{link_query}",
            headers={"Authorization": f"token {self.token}"})
        events = []
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            for raw in response:
                line = raw.decode("utf-8", "replace").strip()
                if not line.startswith("data:"):
                    continue
                event = json.loads(line[5:])
                events.append(event)
                if event.get("phase") == "error":
                    raise RuntimeError(f"nbgitpuller: {event.get('message')}\n"
                                       f"{event.get('output', '')}")
                if event.get("phase") == "finished":
                    break
        return events

    def contents(self, student: str, path: str, model: dict[str, Any] | None = None) -> Any:
        """GET (or, with ``model``, PUT) a file through the student's Jupyter server."""
        quoted = urllib.parse.quote(path)
        if model is None:
            return self.api("GET", f"/user/{student}/api/contents/{quoted}")
        return self.api("PUT", f"/user/{student}/api/contents/{quoted}", model)

    def student_processes(self, student: str) -> list[Any]:
        """The student's server and every process under it (the kernels)."""
        import psutil

        user = self.api("GET", f"/hub/api/users/{student}?include_stopped_servers=0")
        pid = (user.get("servers", {}).get("", {}).get("state") or {}).get("pid")
        if not pid:
            return []
        try:
            server = psutil.Process(pid)
            return [server, *server.children(recursive=True)]
        except psutil.Error:
            return []

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "JupyterHub log (end):\n" + "\n".join(text.splitlines()[-lines:])


# ---------------------------------------------------------------------------------------------
# A kernel through the hub


def _message(msg_type: str, content: dict[str, Any], channel: str, session: str) -> dict:
    return {"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": session,
                       "username": "student", "date": time.strftime("%Y-%m-%dT%H:%M:%SZ"),
                       "version": "5.3"},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel,
            "buffers": []}


def _decode(frame: str | bytes) -> dict[str, Any]:
    """A websocket frame of Jupyter Server's default protocol: JSON text, or binary (a count,
    offsets, the JSON message, then buffers)."""
    if isinstance(frame, str):
        return json.loads(frame)
    count = int.from_bytes(frame[:4], "big")
    offsets = [int.from_bytes(frame[4 + 4 * i: 8 + 4 * i], "big") for i in range(count)]
    end = offsets[1] if count > 1 else len(frame)
    return json.loads(frame[offsets[0]:end].decode("utf-8"))


class KernelClient:
    """One notebook's kernel, reached like JupyterLab reaches it (session API + websocket)."""

    def __init__(self, hub: LocalHub, student: str, notebook_path: str) -> None:
        self.hub, self.student, self.path = hub, student, notebook_path
        self.session = uuid.uuid4().hex
        self.kernel_id = ""
        self.ws: Any = None
        self.comms: dict[str, dict[str, Any]] = {}  # comm id -> widget state (from comm_open)
        self.errors: list[str] = []

    async def start(self, kernel_name: str = "crm-course") -> None:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        body = {"path": self.path, "type": "notebook", "name": Path(self.path).name,
                "kernel": {"name": kernel_name}}
        session = await asyncio.to_thread(self.hub.api, "POST",
                                          f"/user/{self.student}/api/sessions", body, 120)
        self.kernel_id = session["kernel"]["id"]
        url = (f"ws://127.0.0.1:{self.hub.port}/user/{self.student}/api/kernels/"
               f"{self.kernel_id}/channels?session_id={self.session}")
        self.ws = await websocket_connect(HTTPRequest(
            url, headers={"Authorization": f"token {self.hub.token}"}, request_timeout=120),
            max_message_size=256 * 1024 * 1024)
        deadline = time.monotonic() + 120
        while True:  # kernel_info until the kernel answers (it may still be starting)
            reply = await self._request("kernel_info_request", {}, "shell", timeout=10,
                                        raise_timeout=time.monotonic() > deadline)
            if reply is not None:
                return

    async def _request(self, msg_type: str, content: dict[str, Any], channel: str,
                       timeout: float, raise_timeout: bool = True) -> dict[str, Any] | None:
        """Send a message; wait for the kernel to be idle after it. Returns the reply."""
        message = _message(msg_type, content, channel, self.session)
        msg_id = message["header"]["msg_id"]
        await self.ws.write_message(json.dumps(message))
        reply: dict[str, Any] | None = None
        idle = False
        expects_reply = msg_type.endswith("_request")
        deadline = time.monotonic() + timeout
        while not (idle and (reply is not None or not expects_reply)):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                if raise_timeout:
                    raise TimeoutError(f"{msg_type} got no answer within {timeout} s")
                return None
            try:
                frame = await asyncio.wait_for(self.ws.read_message(), remaining)
            except TimeoutError:
                continue
            if frame is None:
                raise ConnectionError("the kernel's websocket closed")
            msg = _decode(frame)
            kind = msg.get("msg_type") or msg["header"]["msg_type"]
            if kind == "comm_open":
                state = msg["content"].get("data", {}).get("state", {})
                self.comms[msg["content"]["comm_id"]] = state
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if kind == "error":
                self.errors.append(f"{msg['content']['ename']}: {msg['content']['evalue']}")
            elif kind == "stream" and msg["content"].get("name") == "stderr":
                self.errors.append("stderr: " + msg["content"]["text"][:300])
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
            elif msg.get("channel") == "shell" or kind.endswith("_reply"):
                reply = msg
        return reply

    async def execute(self, code: str, timeout: float = 300) -> dict[str, Any]:
        reply = await self._request("execute_request",
                                    {"code": code, "silent": False, "store_history": True,
                                     "user_expressions": {}, "allow_stdin": False,
                                     "stop_on_error": True}, "shell", timeout)
        if reply and reply["content"].get("status") == "error":
            self.errors.append(f"{reply['content'].get('ename')}: "
                               f"{reply['content'].get('evalue')}")
        return reply or {}

    def sliders(self) -> list[tuple[str, dict[str, Any]]]:
        """Slider models the kernel opened: (comm id, state)."""
        return [(comm, state) for comm, state in self.comms.items()
                if state.get("_model_name", "").endswith("SliderModel")
                and isinstance(state.get("value"), (int, float))]

    async def move(self, comm_id: str, value: float, timeout: float = 60) -> float:
        """Set a widget's value as the browser does; seconds until the kernel has redrawn
        (it is idle again after the change)."""
        start = time.perf_counter()
        await self._request("comm_msg", {"comm_id": comm_id, "data": {
            "method": "update", "state": {"value": value}, "buffer_paths": []}}, "shell",
            timeout)
        return time.perf_counter() - start

    async def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
        if self.kernel_id:
            await asyncio.to_thread(self.hub.request, "DELETE",
                                    f"/user/{self.student}/api/kernels/{self.kernel_id}")
