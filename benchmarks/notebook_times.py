"""How long each lecture, solution and exercise notebook takes on a fresh kernel.

The course promises that every notebook runs in a few seconds (under 10 s on a 2-core
machine); this prints the time of each and the total. It executes copies, so the committed
notebooks are not changed.
"""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("notebooks", "solutions", "exercises")
LIMIT_SECONDS = 10.0


def time_notebook(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def main() -> list[tuple[str, float]]:
    rows = []
    print(f"{'notebook':55s} {'seconds':>8s}")
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            seconds = time_notebook(path)
            flag = "  over the limit" if seconds > LIMIT_SECONDS else ""
            print(f"{folder + '/' + path.name:55s} {seconds:8.1f}{flag}", flush=True)
            rows.append((f"{folder}/{path.name}", seconds))
    print(f"{'total':55s} {sum(s for _, s in rows):8.1f}")
    return rows


if __name__ == "__main__":
    main()
