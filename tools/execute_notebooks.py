"""Re-execute notebooks in place on a fresh kernel, the way the notebook tests will run them.

    python tools/execute_notebooks.py notebooks solutions          # every notebook in both
    python tools/execute_notebooks.py notebooks/00_orientation.ipynb

Runs from the notebook's own folder, with the Python kernel of the current environment (the one
the course kernel "crm-course" points to when run from the course's .venv), and
prints each notebook's run time. Fails on the first error. The executed notebook is cleaned
(``tools/nbclean.py``: cell ids in order, no saved widget state) before it is written.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nbclean import clean  # noqa: E402
from nbclient import NotebookClient

os.environ.setdefault("TQDM_DISABLE", "1")


def execute(path: Path, timeout: int = 300) -> float:
    """Execute ``path`` in place; return the seconds it took."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            record_timing=False)
    client.execute()
    clean(nb, path.stem)
    nbformat.write(nb, path)
    return time.perf_counter() - start


def notebooks(args: list[str]) -> list[Path]:
    found: list[Path] = []
    for arg in args:
        p = Path(arg)
        found += sorted(p.glob("*.ipynb")) if p.is_dir() else [p]
    return found


def main(argv: list[str]) -> int:
    paths = notebooks(argv or ["notebooks", "solutions"])
    for path in paths:
        print(f"{execute(path):6.1f} s  {path}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
