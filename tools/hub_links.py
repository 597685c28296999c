"""nbgitpuller links for the course index, every lecture and every exercise (``make links``).

    python tools/hub_links.py                              # the hub of deploy/course.toml
    python tools/hub_links.py --hub https://hub.example.edu
    make links HUB=https://hub.example.edu

Prints a Markdown table to paste into a course page or a learning-management system. A link
logs the student in, starts their server, clones the course repository into the folder named
by ``targetpath`` — the repository's name, never ``….git`` — or pulls it again (keeping the
student's changes), and opens the notebook in JupyterLab. The links are those of the site's
launch buttons (``tools/course_config.py``, ``hub_link``).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from course_config import CONFIG_FILE, ROOT, CourseConfig, hub_link, load  # noqa: E402


def course_notebooks(root: Path = ROOT) -> list[tuple[str, str]]:
    """(what it is, path in the repository) for the index, the lectures and the exercises."""
    found = [("Course index", "notebooks/index.ipynb")]
    for lecture in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        found.append((f"Lecture {lecture.stem[:2]}", f"notebooks/{lecture.name}"))
    for exercise in sorted((root / "exercises").glob("[0-9][0-9]_*.ipynb")):
        found.append((f"Exercises {exercise.stem[:2]}", f"exercises/{exercise.name}"))
    return found


def links(config: CourseConfig, root: Path = ROOT) -> list[tuple[str, str, str]]:
    """(what it is, path, link) for every notebook of :func:`course_notebooks`."""
    return [(what, path, hub_link(config, path)) for what, path in course_notebooks(root)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hub", help="the hub's address (default: [hub] url of "
                                      "deploy/course.toml)")
    parser.add_argument("--config", type=Path, default=CONFIG_FILE,
                        help="the course settings (default: %(default)s)")
    args = parser.parse_args(argv)
    config = load(args.config)
    if args.hub:
        config = dataclasses.replace(config, hub_url=args.hub.rstrip("/"))
    print(f"Hub: {config.hub_url} · repository: {config.repository_url} ({config.branch}) · "
          f"folder in each home: {config.target}\n")
    print("| Notebook | Path | Link |\n|---|---|---|")
    for what, path, link in links(config):
        print(f"| {what} | `{path}` | [open on the hub]({link}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
