"""Keep the committed notebooks quiet in git: stable cell ids, no saved widget state.

    python tools/nbclean.py notebooks solutions      # clean in place (execute_notebooks.py
                                                     # and make_exercises.py call the same)
    python tools/nbclean.py --check notebooks        # list notebooks that are not clean

* **Cell ids** are ``<file stem>-NN``, numbered in order from 00 (``04_customer_value-07``): a
  tool assigns them, so an inserted cell renumbers the cells after it instead of leaving
  ``-12a`` behind, and ids never collide between notebooks.
* **Widget state** (``metadata.widgets``, the saved state of every slider and output area) is
  dropped: it changes on every run, so re-executing one lecture rewrote thousands of lines.
  A widget's saved view is replaced by a short note; readers without a kernel see the static
  figure beside each widget, and the widget itself comes back when the cell runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = "Interactive widget: run this cell in JupyterLab to use it."


def cell_id(stem: str, index: int) -> str:
    """The id of cell ``index`` of the notebook ``stem``."""
    return f"{stem}-{index:02d}"


def clean(nb: nbformat.NotebookNode, stem: str) -> bool:
    """Assign the cell ids and drop saved widget state in place; True if anything changed."""
    changed = nb.metadata.pop("widgets", None) is not None
    for index, cell in enumerate(nb.cells):
        wanted = cell_id(stem, index)
        if cell.get("id") != wanted:
            cell["id"] = wanted
            changed = True
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_MIME in data:
                output["data"] = {"text/plain": WIDGET_NOTE}
                changed = True
    return changed


def notebooks(args: list[str]) -> list[Path]:
    found: list[Path] = []
    for arg in args:
        p = Path(arg)
        found += sorted(p.glob("*.ipynb")) if p.is_dir() else [p]
    return found


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = notebooks([a for a in argv if a != "--check"] or ["notebooks", "solutions"])
    dirty = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if clean(nb, path.stem):
            dirty.append(path)
            if not check:
                nbformat.write(nb, path)
    for path in dirty:
        print(f"{'not clean' if check else 'cleaned'}: {path}")
    return 1 if check and dirty else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
