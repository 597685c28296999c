"""Set up a Python environment for students: the course kernel and JupyterLab's settings.

Run it with the environment's own Python after installing the course (``postBuild`` does, for
Binder and repo2docker; ``deploy/Dockerfile`` does; ``make lab`` does for the course's .venv)::

    python deploy/setup_environment.py                      # Binder: the course is the home folder
    python deploy/setup_environment.py --course-folder crm-analytics-course   # a JupyterHub

It writes into the environment (``--prefix``, default ``sys.prefix``), never into a home:

- the kernel **Python 3 (CRM course)** (``crm-course``), which every notebook asks for;
- JupyterLab settings (``share/jupyter/lab/settings/overrides.d/crm-course.json``): no news
  pop-up ("Would you like to get notified about official Jupyter news?") and no update check;
- the server's settings (merged into ``etc/jupyter/jupyter_server_config.json``; Jupyter
  Server reads only extension switches from ``jupyter_server_config.d``): the course index as
  the default page (``/lab/tree/<course folder>/notebooks/index.ipynb``), and no requests for
  news or updates.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

KERNEL_NAME = "crm-course"
KERNEL_DISPLAY_NAME = "Python 3 (CRM course)"
SETTINGS_NAME = "crm-course.json"

LAB_OVERRIDES = {
    # "Never": no news pop-up on the first visit, and no request to the news feed
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false",
                                                    "checkForUpdates": False},
}


def index_url(course_folder: str) -> str:
    """The default page: the course index inside ``course_folder`` (``""``: the server's
    root is the course itself, as on Binder)."""
    folder = course_folder.strip("/")
    return "/lab/tree/" + (f"{folder}/" if folder else "") + "notebooks/index.ipynb"


def server_config(course_folder: str) -> dict:
    # ServerApp's default page counts where JupyterLab is loaded as an extension (JupyterHub's
    # jupyterhub-singleuser), LabApp's where it starts the server (`jupyter lab`)
    return {"ServerApp": {"default_url": index_url(course_folder)},
            "LabApp": {"default_url": index_url(course_folder), "news_url": None,
                       "check_for_updates_class": "jupyterlab.NeverCheckForUpdate"}}


def lab_settings_dir(prefix: Path) -> Path:
    """Where JupyterLab of an environment at ``prefix`` reads settings overrides."""
    return prefix / "share" / "jupyter" / "lab" / "settings"


def server_config_file(prefix: Path) -> Path:
    """The configuration file Jupyter Server of an environment at ``prefix`` reads."""
    return prefix / "etc" / "jupyter" / "jupyter_server_config.json"


def _write_json(path: Path, data: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return path


def _merged(path: Path, update: dict) -> dict:
    """The JSON configuration in ``path`` (if any) with ``update`` laid over it, per class."""
    try:
        current = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        current = {}
    for section, values in update.items():
        current.setdefault(section, {}).update(values)
    return current


def install(prefix: Path, course_folder: str, kernel: bool = True) -> list[Path]:
    """Install the kernel and the settings into ``prefix``; return the files written."""
    config = server_config_file(prefix)
    written = [
        _write_json(lab_settings_dir(prefix) / "overrides.d" / SETTINGS_NAME, LAB_OVERRIDES),
        _write_json(config, _merged(config, server_config(course_folder))),
    ]
    if kernel:
        subprocess.run([sys.executable, "-m", "ipykernel", "install", "--prefix", str(prefix),
                        "--name", KERNEL_NAME, "--display-name", KERNEL_DISPLAY_NAME],
                       check=True, stdout=subprocess.DEVNULL)
        written.append(prefix / "share" / "jupyter" / "kernels" / KERNEL_NAME / "kernel.json")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prefix", type=Path, default=Path(sys.prefix),
                        help="the environment to set up (default: this Python's, %(default)s)")
    parser.add_argument("--course-folder", default="",
                        help="the course's folder inside each server's root, e.g. the "
                             "nbgitpuller target 'crm-analytics-course' (default: the root "
                             "itself, as on Binder)")
    parser.add_argument("--no-kernel", action="store_true",
                        help="only the settings, not the kernel")
    args = parser.parse_args(argv)
    for path in install(args.prefix, args.course_folder, kernel=not args.no_kernel):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
