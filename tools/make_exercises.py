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
instructors can also release and grade the notebooks with nbgrader.

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
from nbclean import clean

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
PLACEHOLDER = "None  # YOUR CODE HERE"
MARKDOWN_PLACEHOLDER = "*Your answer here.*"
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


def strip_markdown(source: str) -> str:
    return _BLOCK.sub(lambda m: MARKDOWN_PLACEHOLDER + "\n", source).rstrip("\n")


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


def exercise_from_solution(nb: nbformat.NotebookNode, source_name: str) -> nbformat.NotebookNode:
    """The exercise notebook: answers replaced, outputs and execution counts cleared."""
    out = copy.deepcopy(nb)
    for cell in out.cells:
        where = f"{source_name}, cell {cell.get('id', '?')}"
        if END in cell.source and BEGIN not in cell.source:
            raise SystemExit(f"{where}: '{END}' without '{BEGIN}'")
        if cell.cell_type == "code":
            if BEGIN in cell.source:
                cell.source = strip_code(cell.source, where)
            cell.outputs = []
            cell.execution_count = None
        elif cell.cell_type == "markdown" and BEGIN in cell.source:
            cell.source = strip_markdown(cell.source)
        if BEGIN in cell.source:
            raise SystemExit(f"{where}: a '{BEGIN}' was not closed by '{END}'")
    _retitle(out, source_name)
    clean(out, source_name.replace("_solutions.ipynb", "_exercises"))
    out.metadata["crm_course"] = {"generated_from": f"solutions/{source_name}",
                                  "note": "generated by tools/make_exercises.py; edit the "
                                          "solution notebook instead"}
    return out


SOLUTION_TITLE = ("— solutions", "参考答案")
EXERCISE_TITLE = ("— exercises", "练习")


def _retitle(nb: nbformat.NotebookNode, source_name: str) -> None:
    """The solution notebook's title (``# 04 … — solutions · … 参考答案``) as the exercise's."""
    first = nb.cells[0] if nb.cells else None
    title = first.source.split("\n", 1)[0] if first and first.cell_type == "markdown" else ""
    if not title.startswith("# ") or not all(word in title for word in SOLUTION_TITLE):
        raise SystemExit(f"{source_name}: the first cell must be the title '# NN topic "
                         f"{SOLUTION_TITLE[0]} · … {SOLUTION_TITLE[1]}', got {title!r}")
    new = title
    for old, replacement in zip(SOLUTION_TITLE, EXERCISE_TITLE):
        new = new.replace(old, replacement)
    first.source = new + first.source[len(title):]


def pairs(root: Path = ROOT) -> list[tuple[Path, Path]]:
    """(solution, exercise) paths for every solution notebook."""
    return [(sol, root / "exercises" / sol.name.replace("_solutions.ipynb", "_exercises.ipynb"))
            for sol in sorted((root / "solutions").glob("*_solutions.ipynb"))]


def render(solution: Path) -> str:
    nb = nbformat.read(solution, as_version=4)
    return nbformat.writes(exercise_from_solution(nb, solution.name)) + "\n"


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
                exercise.write_text(text, encoding="utf-8")
    extra = set((ROOT / "exercises").glob("*.ipynb")) - {e for _, e in pairs()}
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
