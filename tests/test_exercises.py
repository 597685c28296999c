"""The exercise pipeline: exercises/ is generated from solutions/ and runs untouched."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from helpers import checks

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("make_exercises",
                                               ROOT / "tools" / "make_exercises.py")
make_exercises = importlib.util.module_from_spec(_spec)
sys.modules["make_exercises"] = make_exercises
_spec.loader.exec_module(make_exercises)

SOLUTIONS = sorted((ROOT / "solutions").glob("*_solutions.ipynb")) + sorted(
    (ROOT / "solutions" / "zh").glob("*_solutions.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*_exercises.ipynb")) + sorted(
    (ROOT / "exercises" / "zh").glob("*_exercises.ipynb"))
UNTOUCHED = {"en": "not attempted", "zh": "尚未作答"}
CORRECT = {"en": "✅ Task {number}: correct.", "zh": "✅ 第 {number} 题：正确。"}
"""What a self-check prints in each edition (the Chinese from helpers/locale's catalog)."""


def _language(path: Path) -> str:
    return "zh" if path.parent.name == "zh" else "en"
MIN_TASKS = {"00": 4}  # chapter 00 has at least 4 tasks, every other chapter at least 5


def _ids(paths: list[Path]) -> list[str]:
    return [f"zh/{p.stem}" if p.parent.name == "zh" else p.stem for p in paths]


# --- the generator itself, on small hand-written cells -------------------------------------

def test_code_block_becomes_placeholders() -> None:
    source = ("x = 1\n### BEGIN SOLUTION\ntop = data.nlargest(3)\nshare, rest = 0.2, 0.8\n"
              "top = top.sum()\n### END SOLUTION\ncheck(top)")
    assert make_exercises.strip_code(source, "test") == (
        "x = 1\ntop = None  # YOUR CODE HERE\nshare = None  # YOUR CODE HERE\n"
        "rest = None  # YOUR CODE HERE\ncheck(top)")


def test_block_without_assignment_leaves_a_comment() -> None:
    source = "### BEGIN SOLUTION\nplt.plot([1, 2]);\n### END SOLUTION"
    assert make_exercises.strip_code(source, "test") == "# YOUR CODE HERE"


def test_indented_block_keeps_its_indent() -> None:
    source = "def f(x):\n    ### BEGIN SOLUTION\n    y = x * 2\n    ### END SOLUTION\n    return y"
    assert make_exercises.strip_code(source, "test") == (
        "def f(x):\n    y = None  # YOUR CODE HERE\n    return y")


def test_markdown_answer_is_replaced() -> None:
    source = "Why?\n\n### BEGIN SOLUTION\nBecause the tail loses money.\n### END SOLUTION"
    assert make_exercises.strip_markdown(source) == "Why?\n\n*Your answer here.*"


def test_unclosed_block_is_an_error() -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("### BEGIN SOLUTION\nx = 1")])
    with pytest.raises(SystemExit, match="not closed"):
        make_exercises.exercise_from_solution(nb, "demo_solutions.ipynb")


# --- the committed notebooks ------------------------------------------------------------------

def test_exercises_and_solutions_pair_up() -> None:
    def strip(paths: list[Path], suffix: str) -> set[str]:
        return {("zh/" if p.parent.name == "zh" else "") + p.name.removesuffix(suffix)
                for p in paths}

    assert SOLUTIONS, "no solution notebooks found"
    assert strip(SOLUTIONS, "_solutions.ipynb") == strip(EXERCISES, "_exercises.ipynb")


@pytest.mark.parametrize("solution", SOLUTIONS, ids=_ids(SOLUTIONS))
def test_exercises_are_up_to_date(solution: Path) -> None:
    sub = "zh" if _language(solution) == "zh" else ""
    exercise = ROOT / "exercises" / sub / solution.name.replace("_solutions", "_exercises")
    assert exercise.read_text(encoding="utf-8") == make_exercises.render(solution), (
        f"{exercise.name} is stale: run `make exercises`")


@pytest.mark.parametrize("solution", SOLUTIONS, ids=_ids(SOLUTIONS))
def test_solutions_carry_nbgrader_metadata(solution: Path) -> None:
    nb = nbformat.read(solution, as_version=4)
    marked = [c for c in nb.cells if make_exercises.BEGIN in c.source]
    minimum = MIN_TASKS.get(solution.name[:2], 5)
    assert len(marked) >= minimum, f"{solution.name}: {len(marked)} tasks, needs {minimum}"
    grade_ids = [c.metadata["nbgrader"]["grade_id"] for c in marked]
    assert len(set(grade_ids)) == len(grade_ids)
    for cell in marked:
        assert cell.metadata["nbgrader"]["solution"] is True


@pytest.mark.parametrize("exercise", EXERCISES, ids=_ids(EXERCISES))
def test_exercise_runs_untouched(exercise: Path) -> None:
    """Run the exercise as a student first opens it: no error, every check 'not attempted'."""
    nb = nbformat.read(exercise, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), \
        "exercise notebooks are committed without outputs"
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(exercise.parent)}}).execute()
    text = "\n".join(
        "".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
        for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert not re.search(r"✅", text), "an untouched exercise must not report a correct answer"
    assert UNTOUCHED[_language(exercise)] in text


# --- self-checks: one line per task, the answer kept in the chapter's answer key ----------------

TASK_CALL = re.compile(r"""checks\.task\(\s*["'](\d{2}\.\w+)["']""")
INLINE_CHECK = re.compile(r"checks\.(check|check_predicate|choice)\(")


def _code(path: Path) -> list[nbformat.NotebookNode]:
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


@pytest.mark.parametrize("solution", SOLUTIONS, ids=_ids(SOLUTIONS))
def test_checks_use_the_answer_key(solution: Path) -> None:
    """Check cells name a task and pass the answer; the expected value is not in the notebook."""
    chapter = solution.name[:2]
    cells = _code(solution)
    inline = [c.source.splitlines()[0] for c in cells if INLINE_CHECK.search(c.source)]
    assert not inline, f"checks that show their expected value (use checks.task): {inline}"
    used = [t for c in cells for t in TASK_CALL.findall(c.source)]
    assert used, "no self-checks"
    assert all(t.startswith(f"{chapter}.") for t in used), f"tasks of another chapter: {used}"
    assert len(used) == len(set(used)), f"a task is checked twice: {used}"
    assert used == checks.answer_key(chapter).tasks, (
        f"the checks {used} and the answer key's tasks {checks.answer_key(chapter).tasks} "
        "differ (same tasks, same order)")


@pytest.mark.parametrize("solution", SOLUTIONS, ids=_ids(SOLUTIONS))
def test_solutions_pass_every_check(solution: Path) -> None:
    """The committed solution prints ✅ for every task (nbval re-runs it and compares)."""
    for cell in _code(solution):
        tasks = TASK_CALL.findall(cell.source)
        if not tasks:
            continue
        text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        for task in tasks:
            line = CORRECT[_language(solution)].format(number=task.split(".")[1])
            assert line in text, f"{solution.name}: task {task} does not pass: {text!r}"


NBGRADER_ID = re.compile(r"^[a-zA-Z0-9_\-]+$")


@pytest.mark.parametrize("solution", SOLUTIONS, ids=_ids(SOLUTIONS))
def test_nbgrader_cell_metadata_rules(solution: Path) -> None:
    """The rules nbgrader's generate_assignment enforces (nbgrader 0.9, schema version 3)."""
    for cell in nbformat.read(solution, as_version=4).cells:
        meta = cell.metadata.get("nbgrader")
        if meta is None:
            continue
        where = f"{solution.name}: cell {meta.get('grade_id')}"
        assert meta.get("schema_version") == 3, where
        assert NBGRADER_ID.match(meta.get("grade_id", "")), f"{where}: invalid grade_id"
        if meta.get("solution") and cell.cell_type == "markdown":
            assert meta.get("grade") is True, f"{where}: a Markdown answer must be a grade cell"
        if meta.get("grade"):
            points = meta.get("points")
            assert isinstance(points, (int, float)) and points >= 0, f"{where}: needs points"
        if meta.get("solution"):
            assert not meta.get("locked"), f"{where}: an answer cell cannot be locked"
