"""What a hub administrator gets (``deploy/``) is consistent and does what it says.

- ``deploy/setup_environment.py`` (run by ``postBuild``, the Dockerfile and ``make lab``)
  registers the course kernel and installs JupyterLab settings where JupyterLab and Jupyter
  Server read them: no news pop-up, no update check, the course index as the default page.
  (That a served JupyterLab applies them is checked on a real hub: ``tests/test_hub.py``.)
- ``make links`` (``tools/hub_links.py``) gives an nbgitpuller link for the index, every lecture
  and every exercise, naming the folder (``targetpath``) even for a URL ending in ``.git``.
- The Zero to JupyterHub configuration, the Dockerfile and the Binder files name files that
  exist and agree with each other.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
sys.path.insert(0, str(ROOT / "tools"))

from course_config import CourseConfig, load  # noqa: E402
from hub_links import course_notebooks, links  # noqa: E402


def _setup_module():
    spec = importlib.util.spec_from_file_location("setup_environment",
                                                  DEPLOY / "setup_environment.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


setup = _setup_module()


def test_settings_go_where_jupyterlab_reads_them() -> None:
    from jupyter_core.paths import jupyter_config_path
    from jupyterlab.labapp import LabApp

    prefix = Path(sys.prefix)
    assert Path(LabApp().app_settings_dir) == setup.lab_settings_dir(prefix)
    assert setup.server_config_file(prefix).parent in map(Path, jupyter_config_path())


def test_setup_installs_kernel_and_settings(tmp_path: Path) -> None:
    from jupyterlab_server.settings_utils import _get_overrides

    subprocess.run([sys.executable, str(DEPLOY / "setup_environment.py"), "--prefix",
                    str(tmp_path), "--course-folder", "crm-analytics-course"], check=True,
                   capture_output=True)
    kernel = json.loads((tmp_path / "share/jupyter/kernels/crm-course/kernel.json").read_text())
    assert kernel["display_name"] == "Python 3 (CRM course)"
    overrides, error = _get_overrides(str(setup.lab_settings_dir(tmp_path)))
    assert not error
    assert overrides["@jupyterlab/apputils-extension:notification"] == {
        "fetchNews": "false", "checkForUpdates": False}
    config = json.loads(setup.server_config_file(tmp_path).read_text())
    index = "/lab/tree/crm-analytics-course/notebooks/index.ipynb"
    assert config["ServerApp"]["default_url"] == config["LabApp"]["default_url"] == index
    assert config["LabApp"]["news_url"] is None


def test_setup_keeps_other_server_settings(tmp_path: Path) -> None:
    config = setup.server_config_file(tmp_path)
    config.parent.mkdir(parents=True)
    config.write_text(json.dumps({"ServerApp": {"iopub_data_rate_limit": 1e9}}))
    setup.install(tmp_path, "", kernel=False)
    merged = json.loads(config.read_text())
    assert merged["ServerApp"] == {"iopub_data_rate_limit": 1e9,
                                   "default_url": "/lab/tree/notebooks/index.ipynb"}


@pytest.mark.parametrize("repository", ["https://git.example.edu/course/crm-analytics-course.git",
                                        "https://github.com/example/crm-analytics-course"])
def test_links_open_every_notebook_in_the_right_folder(repository: str) -> None:
    config = CourseConfig(hub_url="https://hub.example.edu", repository_url=repository,
                          branch="main", binder_url="https://mybinder.org")
    found = links(config)
    lectures = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    exercises = sorted((ROOT / "exercises").glob("[0-9][0-9]_*.ipynb"))
    assert len(found) == 1 + len(lectures) + len(exercises)
    for _what, path, link in found:
        assert (ROOT / path).is_file()
        url = urllib.parse.urlparse(link)
        query = urllib.parse.parse_qs(url.query)
        assert link.startswith("https://hub.example.edu/hub/user-redirect/git-pull?")
        assert query["repo"] == [repository] and query["branch"] == ["main"]
        assert query["targetpath"] == ["crm-analytics-course"]
        assert query["urlpath"] == [f"lab/tree/crm-analytics-course/{path}"]


def test_make_links_takes_the_hub_from_the_command_line() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "hub_links.py"), "--hub",
                             "https://hub.test.edu/"], capture_output=True, text=True, check=True)
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")][1:]
    assert len(rows) == len(course_notebooks())
    assert all("https://hub.test.edu/hub/user-redirect/git-pull?" in row for row in rows)


def test_binder_files() -> None:
    post_build = (ROOT / "postBuild").read_text()
    assert "deploy/setup_environment.py" in post_build
    apt = (ROOT / "apt.txt").read_text().split()
    assert any("wqy" in package or "noto-cjk" in package for package in apt), "a CJK font"


def test_dockerfile_uses_the_deploy_files() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    for needed in ("deploy/requirements.txt", "deploy/setup_environment.py",
                   f"--course-folder {load().target}", "fonts-wqy-microhei"):
        assert needed in dockerfile, needed


def test_zero_to_jupyterhub_config() -> None:
    config = yaml.safe_load((DEPLOY / "config.yaml").read_text())
    single = config["singleuser"]
    units = {"M": 2**20, "G": 2**30}
    guarantee, limit = (float(single["memory"][k][:-1]) * units[single["memory"][k][-1]]
                        for k in ("guarantee", "limit"))
    assert 0 < guarantee <= limit
    assert single["cpu"]["guarantee"] <= single["cpu"]["limit"]
    puller = single["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert puller[0] == "gitpuller" and puller[-1] == load().target
    assert single["defaultUrl"].endswith(f"/{load().target}/notebooks/index.ipynb")
    assert config["cull"]["enabled"] is True
