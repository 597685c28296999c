"""The shape every lecture follows, and links between the README, the index and the notebooks.

nbval (run by the same test command) checks that each lecture and solution reproduces its
committed outputs; these tests check what nbval does not: the lecture's structure, that it was
committed executed, and that nothing points to a file that is not there.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
LECTURES = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
ZH_LECTURES = sorted((ROOT / "notebooks" / "zh").glob("[0-9][0-9]_*.ipynb"))
EXECUTED = (LECTURES + ZH_LECTURES + sorted((ROOT / "solutions").glob("*.ipynb"))
            + sorted((ROOT / "solutions" / "zh").glob("*.ipynb")))
SHAPE_WORDS = {"en": (r"learning goals", r"summary"), "zh": (r"学习目标", r"小结|总结")}
"""The headings every lecture has, in each edition."""
ALL = sorted(p for folder in ("notebooks", "solutions", "exercises")
             for sub in ("", "zh") for p in (ROOT / folder / sub).glob("*.ipynb"))
"""Every notebook of both editions (the Chinese ones in the folders' zh/)."""
KERNEL = "crm-course"


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(ROOT).with_suffix("")) for p in paths]


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def test_there_are_lectures() -> None:
    assert LECTURES, "no lecture notebooks in notebooks/"


@pytest.mark.parametrize("path", ALL, ids=_ids(ALL))
def test_valid_and_uses_the_course_kernel(path: Path) -> None:
    nb = _read(path)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == KERNEL


@pytest.mark.parametrize("path", EXECUTED, ids=_ids(EXECUTED))
def test_committed_executed_without_errors(path: Path) -> None:
    """Lectures and solutions are committed executed, so nbval compares every output."""
    code = [c for c in _read(path).cells if c.cell_type == "code"]
    assert code, "a notebook without code"
    not_run = [i for i, c in enumerate(code) if c.execution_count is None]
    assert not not_run, f"code cells {not_run} were not executed: run `make execute`"
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), "not executed top to bottom on a fresh kernel"
    errors = [o.get("ename") for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors, f"committed error outputs: {errors}"
    stderr = ["".join(o.text) for c in code for o in c.outputs
              if o.output_type == "stream" and o.name == "stderr"]
    assert not stderr, f"warnings or errors on stderr (fix them): {stderr[:2]}"


@pytest.mark.parametrize("path", LECTURES + ZH_LECTURES, ids=_ids(LECTURES + ZH_LECTURES))
def test_lecture_shape(path: Path) -> None:
    """Goals → concepts (with Chinese terms) → analysis → widget → summary → exercises."""
    nb = _read(path)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    goals, summary = SHAPE_WORDS["zh" if path.parent.name == "zh" else "en"]
    assert re.search(rf"^#+ .*({goals})", markdown, re.I | re.M), "no 'Learning goals'"
    assert re.search(rf"^#+ .*({summary})", markdown, re.I | re.M), "no 'Summary'"
    assert re.search(r"[\u4e00-\u9fff]", markdown), "no Chinese key terms"
    assert f"{path.stem}_exercises.ipynb" in markdown, "no pointer to the exercises"
    assert any("from helpers import" in s or "import helpers" in s for s in code)
    widget_cells = [s for s in code if "widgets.explore(" in s or "interact(" in s]
    assert widget_cells, "every lecture has at least one interactive widget"
    for source in widget_cells:
        assert source.lstrip().startswith("# NBVAL_IGNORE_OUTPUT"), \
            "a widget cell is redrawn and must start with '# NBVAL_IGNORE_OUTPUT'"
    images = sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code"
                 for o in c.outputs)
    assert images >= 2, "a lecture shows real plots, including the widget's static figure"


@pytest.mark.parametrize("path", ALL, ids=_ids(ALL))
def test_runs_offline(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"https?://\S+\.(csv|xlsx?|zip|parquet|txt)", text)
    assert "sns.load_dataset" not in text and "urlopen" not in text


def _links(markdown: str) -> list[str]:
    return [m for m in re.findall(r"\]\(([^)#\s]+)", markdown) if "://" not in m]


@pytest.mark.parametrize("doc", ["README.md", "notebooks/index.ipynb"])
def test_links_resolve_and_cover_every_lecture(doc: str) -> None:
    path = ROOT / doc
    text = (path.read_text(encoding="utf-8") if path.suffix == ".md" else
            "\n".join(c.source for c in _read(path).cells if c.cell_type == "markdown"))
    links = _links(text)
    broken = [link for link in links if not (path.parent / link).exists()]
    assert not broken, f"{doc} links to missing files: {broken}"
    targets = {(path.parent / link).resolve() for link in links}
    for lecture in LECTURES:
        stem = lecture.stem
        for wanted in (lecture, ROOT / "exercises" / f"{stem}_exercises.ipynb",
                       ROOT / "solutions" / f"{stem}_solutions.ipynb"):
            assert wanted.resolve() in targets, f"{doc} does not link {wanted.relative_to(ROOT)}"


# ---------------------------------------------------------------------------------------------
# quiet notebooks: ids from the tool, no saved widget state; navigation and chapter links
# ---------------------------------------------------------------------------------------------

sys.path.insert(0, str(ROOT / "tools"))
import chapter_table  # noqa: E402
import nbclean  # noqa: E402


@pytest.mark.parametrize("path", ALL, ids=_ids(ALL))
def test_cell_ids_follow_the_file_and_no_widget_state_is_saved(path: Path) -> None:
    nb = _read(path)
    ids = [cell.get("id") for cell in nb.cells]
    wanted = [nbclean.cell_id(path.stem, i) for i in range(len(nb.cells))]
    assert ids == wanted, (f"cell ids out of sequence (run tools/nbclean.py): first at "
                           f"{next(i for i, (a, b) in enumerate(zip(ids, wanted)) if a != b)}")
    assert "widgets" not in nb.metadata, "saved widget state: run tools/nbclean.py"
    views = [c.id for c in nb.cells for o in c.get("outputs", [])
             if nbclean.WIDGET_MIME in o.get("data", {})]
    assert not views, f"saved widget views in cells {views}: run tools/nbclean.py"


def test_navigation_and_chapter_links_are_up_to_date() -> None:
    assert chapter_table.main(["--check"]) == 0, "run python tools/chapter_table.py"


@pytest.mark.parametrize("path", LECTURES, ids=_ids(LECTURES))
def test_lecture_links_resolve_and_chapters_are_links(path: Path) -> None:
    markdown = [c.source for c in _read(path).cells if c.cell_type == "markdown"]
    text = "\n".join(markdown)
    broken = [link for link in _links(text) if not (path.parent / link).exists()]
    assert not broken, f"{path.name} links to missing files: {broken}"
    own = path.name[:2]
    bare = [m.group(0) for m in re.finditer(r"(?<!\[)\b[Cc]hapter (\d\d)\b(?!\])", text)
            if m.group(1) != own]
    assert not bare, f"{path.name} mentions chapters without linking them: {bare}"
    assert markdown[-1].startswith(chapter_table.NAVIGATION), "the last cell is the navigation"
