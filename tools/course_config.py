"""Read ``deploy/course.toml``: the hub, repository and Binder behind every launch link.

    from course_config import load, hub_link, binder_link
    config = load()                                   # deploy/course.toml
    hub_link(config, "notebooks/08_clv_concepts.ipynb")
    binder_link(config, "notebooks/08_clv_concepts.ipynb")

``python tools/course_config.py notebooks/08_clv_concepts.ipynb`` prints both links.

The file has three tables: ``[hub] url``, ``[repository] url`` and ``branch``, ``[binder] url``.
A hub link is an nbgitpuller link: the hub clones the repository (or pulls it, keeping the
student's changes) into the folder ``target`` — the repository's name, never ``….git`` — and
opens the notebook in JupyterLab there.
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode, urlparse

ROOT = Path(__file__).resolve().parents[1]
CONFIG_FILE = ROOT / "deploy" / "course.toml"


@dataclass(frozen=True)
class CourseConfig:
    hub_url: str
    repository_url: str
    branch: str
    binder_url: str

    @property
    def target(self) -> str:
        """The folder nbgitpuller clones into: the repository's name without ``.git``."""
        name = urlparse(self.repository_url).path.rstrip("/").rsplit("/", 1)[-1]
        return name.removesuffix(".git")


def load(path: Path = CONFIG_FILE) -> CourseConfig:
    """The settings of ``path``; a missing table or key is an error that names it."""
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    try:
        return CourseConfig(hub_url=data["hub"]["url"].rstrip("/"),
                            repository_url=data["repository"]["url"].rstrip("/"),
                            branch=data["repository"].get("branch", "main"),
                            binder_url=data["binder"]["url"].rstrip("/"))
    except KeyError as exc:
        raise ValueError(f"{path}: missing setting {exc} (see the comments in the file)") from None


def hub_link(config: CourseConfig, repo_path: str) -> str:
    """nbgitpuller link that opens ``repo_path`` (a path in the repository) on the hub."""
    query = urlencode({"repo": config.repository_url, "branch": config.branch,
                       "targetpath": config.target,
                       "urlpath": f"lab/tree/{config.target}/{repo_path}"}, quote_via=quote)
    return f"{config.hub_url}/hub/user-redirect/git-pull?{query}"


def binder_link(config: CourseConfig, repo_path: str) -> str:
    """Binder link that opens ``repo_path`` in JupyterLab (GitHub, or any public git URL)."""
    parsed = urlparse(config.repository_url)
    if parsed.netloc == "github.com":
        spec = "gh/" + parsed.path.strip("/").removesuffix(".git")
    else:
        spec = "git/" + quote(config.repository_url, safe="")
    return (f"{config.binder_url}/v2/{spec}/{quote(config.branch, safe='')}"
            f"?urlpath={quote('lab/tree/' + repo_path, safe='')}")


if __name__ == "__main__":
    cfg = load()
    for arg in sys.argv[1:] or ["notebooks/index.ipynb"]:
        print(f"{arg}\n  hub:    {hub_link(cfg, arg)}\n  binder: {binder_link(cfg, arg)}")
