"""Generate exercises/ from solutions/: every answer is replaced by a placeholder that runs.

Solution notebooks (``solutions/NN_topic_solutions.ipynb``) mark answer code with nbgrader's
markers::

    ### BEGIN SOLUTION
    top_share = value.top_share(revenue, 0.2)
    ### END SOLUTION

In the exercise notebook each top-level assignment in the block becomes
``top_share = None  # YOUR CODE HERE``, so the untouched notebook still runs and its self-check
says "not attempted yet". A marked block in a Markdown cell becomes "*Your answer here.*".
The cells keep nbgrader's metadata (this tool adds it to solution cells that lack it), so
instructors can also release and grade the notebooks with nbgrader: ``tools/grading.py`` makes
nbgrader's source notebooks from the same solutions (:func:`graded_source`: the exercise's
shape with the solutions in and each check cell an autograder test).

    python tools/make_exercises.py            # write exercises/
    python tools/make_exercises.py solutions/04_customer_value_solutions.ipynb   # just one
    python tools/make_exercises.py --check    # exit 1 if exercises/ is stale
"""

from __future__ import annotations

import argparse
import ast
import copy
import re
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nbclean import clean  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
PLACEHOLDER = "None  # YOUR CODE HERE"
MARKDOWN_PLACEHOLDER = "*Your answer here.*"
MARKDOWN_PLACEHOLDERS = {"en": MARKDOWN_PLACEHOLDER, "zh": "*在这里写下你的答案。*"}
_BLOCK = re.compile(rf"^([ \t]*){re.escape(BEGIN)}[ \t]*\n(.*?)^[ \t]*{re.escape(END)}[ \t]*$\n?",
                    re.M | re.S)


def _assigned_names(code: str, where: str) -> list[str]:
    """Names assigned at the top level of a solution block, in order of first assignment."""
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        raise SystemExit(f"{where}: the solution block is not valid Python at top level: "
                         f"{exc}") from exc
    names: list[str] = []
    for node in tree.body:
        targets = (node.targets if isinstance(node, ast.Assign)
                   else [node.target] if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else [])
        for target in targets:
            elts = target.elts if isinstance(target, ast.Tuple) else [target]
            names += [t.id for t in elts if isinstance(t, ast.Name) and t.id not in names]
    return names


def strip_code(source: str, where: str) -> str:
    """Replace each solution block of a code cell by placeholders for the names it assigns."""
    def replace(match: re.Match[str]) -> str:
        indent, body = match.group(1), match.group(2)
        names = _assigned_names(_dedent(body, indent), where)
        lines = [f"{indent}{name} = {PLACEHOLDER}" for name in names] or [
            f"{indent}# YOUR CODE HERE"]
        return "\n".join(lines) + "\n"
    return _BLOCK.sub(replace, source).rstrip("\n")


def _dedent(body: str, indent: str) -> str:
    return "\n".join(line[len(indent):] if line.startswith(indent) else line
                     for line in body.splitlines())


def strip_markdown(source: str, language: str = "en") -> str:
    placeholder = MARKDOWN_PLACEHOLDERS[language]
    return _BLOCK.sub(lambda m: placeholder + "\n", source).rstrip("\n")


MARKDOWN_POINTS = 1  # a written answer is graded by hand; nbgrader needs it to carry points


def nbgrader_metadata(cell: nbformat.NotebookNode, grade_id: str) -> dict[str, object]:
    """nbgrader's metadata for a solution cell (nbgrader's rules, schema version 3).

    A code answer is an *autograded answer* (solution, not graded: the self-check below it
    tells the student, and nbgrader's tests can be added by the instructor). A Markdown answer
    is a *manually graded answer*: nbgrader insists that it is also a grade cell with points.
    """
    wanted: dict[str, object] = {"grade": False, "solution": True, "locked": False,
                                 "schema_version": 3, "grade_id": grade_id}
    if cell.cell_type == "markdown":
        wanted.update(grade=True, points=MARKDOWN_POINTS)
    return wanted


def ensure_nbgrader_metadata(nb: nbformat.NotebookNode, stem: str) -> bool:
    """Give every cell with a solution block nbgrader's solution metadata; True if changed."""
    changed = False
    for index, cell in enumerate(nb.cells):
        if BEGIN not in cell.source:
            continue
        meta = cell.metadata.get("nbgrader", {})
        wanted = nbgrader_metadata(cell, meta.get("grade_id") or f"{stem}-answer-{index:02d}")
        if meta != wanted:
            cell.metadata["nbgrader"] = wanted
            changed = True
    return changed


def exercise_from_solution(nb: nbformat.NotebookNode, source_name: str,
                           language: str = "en") -> nbformat.NotebookNode:
    """The exercise notebook: answers replaced, outputs and execution counts cleared; in the
    Chinese edition (``language="zh"``) with the Chinese placeholder for written answers."""
    return _exercise_shape(nb, source_name, language, strip=True)


CHECKED_TASKS = re.compile(r"""checks\.task\(\s*["'](\d{2}\.\d+[a-z]?)["']""")
"""The task ids a check cell checks (``checks.task("04.1", gini_cdnow)``)."""


def check_cell_metadata(tasks: list[str], stem: str, points: float) -> dict[str, object]:
    """nbgrader's metadata for a check cell as an autograder test: graded, locked, worth the
    ``points`` of its ``tasks``; its grade id names them (``04_customer_value-check-04_1``)."""
    ids = "-".join(t.replace(".", "_") for t in tasks)
    return {"grade": True, "solution": False, "locked": True, "points": points,
            "schema_version": 3, "grade_id": f"{stem}-check-{ids}"}


def graded_source(nb: nbformat.NotebookNode, source_name: str, language: str = "en",
                  points: dict[str, float] | None = None) -> nbformat.NotebookNode:
    """The source notebook of an nbgrader assignment (``tools/grading.py``): the exercise
    notebook with its solutions still in, so that ``nbgrader generate_assignment`` (with
    ``tools/grading.py``'s ClearSolutions) releases exactly the exercise notebook, and with
    each check cell an autograder test worth its tasks' ``points`` (1 each unless given)."""
    out = _exercise_shape(nb, source_name, language, strip=False)
    stem = source_name.removesuffix("_solutions.ipynb")
    points = points or {}
    for cell in out.cells:
        tasks = CHECKED_TASKS.findall(cell.source) if cell.cell_type == "code" else []
        if tasks:
            worth = sum(float(points.get(t, 1)) for t in tasks)
            cell.metadata["nbgrader"] = check_cell_metadata(tasks, stem, worth)
    return out


def _exercise_shape(nb: nbformat.NotebookNode, source_name: str, language: str,
                    strip: bool) -> nbformat.NotebookNode:
    """The exercise notebook (``strip``) or its shape with the solutions kept: title, cell ids,
    metadata, no outputs."""
    out = copy.deepcopy(nb)
    for cell in out.cells:
        where = f"{source_name}, cell {cell.get('id', '?')}"
        if END in cell.source and BEGIN not in cell.source:
            raise SystemExit(f"{where}: '{END}' without '{BEGIN}'")
        if cell.cell_type == "code":
            if BEGIN in cell.source and strip:
                cell.source = strip_code(cell.source, where)
            cell.outputs = []
            cell.execution_count = None
        elif cell.cell_type == "markdown" and BEGIN in cell.source and strip:
            cell.source = strip_markdown(cell.source, language)
        if BEGIN in cell.source and (strip or not _BLOCK.search(cell.source)):
            raise SystemExit(f"{where}: a '{BEGIN}' was not closed by '{END}'")
    _retitle(out, source_name)
    clean(out, source_name.replace("_solutions.ipynb", "_exercises"))
    folder = "solutions/zh" if language == "zh" else "solutions"
    out.metadata["crm_course"] = {"generated_from": f"{folder}/{source_name}",
                                  "note": "generated by tools/make_exercises.py; edit the "
                                          "solution notebook instead"}
    return out


TITLE_WORDS = (("— solutions", "— exercises"), ("参考答案", "练习"))
"""How a solution notebook's title becomes the exercise's, in both editions."""


def _retitle(nb: nbformat.NotebookNode, source_name: str) -> None:
    """The solution notebook's title (``# 04 … — solutions · … 参考答案``, in Chinese
    ``# 04 … — 参考答案``) as the exercise's."""
    first = nb.cells[0] if nb.cells else None
    title = first.source.split("\n", 1)[0] if first and first.cell_type == "markdown" else ""
    if not title.startswith("# ") or "参考答案" not in title:
        raise SystemExit(f"{source_name}: the first cell must be the title '# NN topic "
                         f"— solutions · … 参考答案', got {title!r}")
    new = title
    for old, replacement in TITLE_WORDS:
        new = new.replace(old, replacement)
    first.source = new + first.source[len(title):]


def pairs(root: Path = ROOT) -> list[tuple[Path, Path]]:
    """(solution, exercise) paths for every solution notebook, both editions."""
    found = []
    for sub in ("", "zh"):
        for sol in sorted((root / "solutions" / sub).glob("*_solutions.ipynb")):
            name = sol.name.replace("_solutions.ipynb", "_exercises.ipynb")
            found.append((sol, root / "exercises" / sub / name))
    return found


def render(solution: Path) -> str:
    nb = nbformat.read(solution, as_version=4)
    language = "zh" if solution.parent.name == "zh" else "en"
    return nbformat.writes(exercise_from_solution(nb, solution.name, language)) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true",
                        help="report stale exercises, write nothing")
    parser.add_argument("solutions", nargs="*", type=Path,
                        help="only these solution notebooks (default: all)")
    args = parser.parse_args()
    chosen = {p.resolve() for p in args.solutions}
    stale = []
    for solution, exercise in pairs():
        if chosen and solution.resolve() not in chosen:
            continue
        if not args.check:
            nb = nbformat.read(solution, as_version=4)
            if ensure_nbgrader_metadata(nb, solution.stem.removesuffix("_solutions")):
                nbformat.write(nb, solution)
        text = render(solution)
        if not exercise.exists() or exercise.read_text(encoding="utf-8") != text:
            stale.append(exercise)
            if not args.check:
                exercise.parent.mkdir(parents=True, exist_ok=True)
                exercise.write_text(text, encoding="utf-8")
    extra = (set((ROOT / "exercises").glob("*.ipynb")) | set((ROOT / "exercises" / "zh").glob(
        "*.ipynb"))) - {e for _, e in pairs()}
    for path in sorted(extra):
        print(f"{path.relative_to(ROOT)} has no solution notebook")
    verb = "stale" if args.check else "wrote"
    for path in stale:
        print(f"{verb}: {path.relative_to(ROOT)}")
    if not stale and not extra:
        print("exercises/ is up to date")
    return 1 if (args.check and stale) or extra else 0


if __name__ == "__main__":
    sys.exit(main())
