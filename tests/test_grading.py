"""Grading a class with nbgrader, end to end, with the answers kept from students.

In a temporary course folder made by ``tools/grading.py course`` (README, "Grading a class"):
nbgrader generates every chapter's assignment (English, and Chinese where ``solutions/zh/``
has the chapter) and each release is the exercise notebook plus nbgrader's metadata. Synthetic
students submit chapters 00, 04 and 08 — one leaves the release untouched (0 points, no error
but the failed checks), one gets every other task right (exactly those tasks' points; chapter
08's cells with two tasks earn partial credit), one gets everything right (full marks, once
the written answer is graded by hand) — and a fourth submits the practice copy from
``exercises/``, which autograde refuses with a clear message; one more student goes through
nbgrader's exchange (release, fetch, submit, collect) as on a hub. The export is compared with the
expected table. The student bundle of the course is built and searched: no solution code, no
answer-key module, no expected value; there the self-checks check the form only.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest

from helpers import checks

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
pytest.importorskip("nbgrader", reason="needs the instructor extra: pip install -e .[instructor]")
import grading  # noqa: E402
import make_exercises  # noqa: E402

NBGRADER = Path(sys.executable).with_name("nbgrader")
GRADED = ("00_orientation", "04_customer_value", "08_clv_concepts")
"""The chapters the synthetic students submit (08 has check cells with two tasks)."""
ZH = "00_orientation_zh"
CHINESE = (ZH,) if (ROOT / "solutions" / "zh" / "00_orientation_solutions.ipynb").exists() else ()
"""Chapter 00 in Chinese, graded for one student, once the Chinese edition has it."""
STUDENTS = ("untouched", "half", "full")
WRONG_FILE = ("practice", "04_customer_value")
"""A student who submits the exercises/ copy (with right answers) instead of the release."""
TIMESTAMP = "2026-12-01 09:00:00.000000 UTC"
BLOCK_MARK = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.M)
CHECK = re.compile(r"""checks\.task\(\s*["'](\d{2}\.\w+)["']\s*,\s*([A-Za-z_]\w*)""")


def nbgrader(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """nbgrader's own command, run in ``folder`` (the course folder holds its configuration)."""
    return subprocess.run([str(NBGRADER), *args], cwd=folder, capture_output=True, text=True,
                          timeout=1200)


def _ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return result


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _release(course: Path, assignment: str) -> Path:
    return next((course / "release" / assignment).glob("*.ipynb"))


def _tasks(assignment: str) -> list[str]:
    return checks.answer_key(assignment[:2]).tasks


def _written_points(source: nbformat.NotebookNode) -> float:
    return sum(c.metadata["nbgrader"]["points"] for c in source.cells
               if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade"))


def answered(release: nbformat.NotebookNode, source: nbformat.NotebookNode, *,
             wrong: set[str] = frozenset(), written: bool = False) -> nbformat.NotebookNode:
    """``release`` with each code answer the solution's, then a wrong value for the ``wrong``
    tasks (appended to the answer cell before their check); written answers if ``written``."""
    nb = copy.deepcopy(release)
    last = None
    for cell, src in zip(nb.cells, source.cells):
        if cell.metadata.get("nbgrader", {}).get("solution"):
            if cell.cell_type == "code" or written:
                cell.source = BLOCK_MARK.sub("", src.source).strip("\n")
            last = cell if cell.cell_type == "code" else last
        for task, name in CHECK.findall(cell.source) if cell.cell_type == "code" else []:
            if task in wrong:
                last.source += f"\n{name} = ['not', 'the', 'answer']"
    return nb


def _submit(course: Path, student: str, assignment: str, nb: nbformat.NotebookNode,
            name: str) -> None:
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / name)
    (folder / "timestamp.txt").write_text(TIMESTAMP)


# --- the course folder and its releases ----------------------------------------------------------

@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("grading") / "course"
    grading.write_course(folder, exchange=str(folder.parent / "exchange"))
    _ok(nbgrader(folder, "generate_assignment", "*"))
    return folder


def test_every_chapter_is_released_as_its_exercise_notebook(course: Path) -> None:
    """Each chapter (and each Chinese one) is an assignment; its release is the exercise
    notebook — the course's placeholders, not NotImplementedError — plus nbgrader's metadata,
    and every self-check is a locked autograder test worth its tasks' points."""
    expected = set(grading.assignments())
    assert {p.name for p in (course / "release").iterdir()} == expected
    assert len([a for a in expected if not a.endswith("_zh")]) == 14
    for assignment, solution in grading.assignments().items():
        release = _read(_release(course, assignment))
        sub = "zh" if assignment.endswith("_zh") else ""
        exercise = _read(ROOT / "exercises" / sub / grading.notebook_name(solution))
        assert _without_nbgrader(release) == _without_nbgrader(exercise), assignment
        tests = [c for c in release.cells if c.metadata.get("nbgrader", {}).get("grade")
                 and c.cell_type == "code"]
        points = checks.answer_key(assignment[:2]).points
        assert [t for c in tests for t in make_exercises.CHECKED_TASKS.findall(c.source)] == \
            _tasks(assignment)
        for cell in tests:
            meta = cell.metadata["nbgrader"]
            assert meta["locked"] and not meta["solution"] and "checksum" in meta
            assert meta["points"] == sum(points[t] for t in
                                         make_exercises.CHECKED_TASKS.findall(cell.source))
        assert "NotImplementedError" not in nbformat.writes(release)


def _without_nbgrader(nb: nbformat.NotebookNode) -> dict[str, Any]:
    data = json.loads(nbformat.writes(nb))
    for cell in data["cells"]:
        for key in ("nbgrader", "editable", "deletable"):
            cell["metadata"].pop(key, None)
    return data


def test_the_source_notebooks_carry_the_solutions(course: Path) -> None:
    source = _read(course / "source" / "04_customer_value" / "04_customer_value_exercises.ipynb")
    assert any(make_exercises.BEGIN in c.source for c in source.cells)
    assert source.metadata["kernelspec"]["name"] == grading.KERNEL_NAME
    kernel = json.loads((course / "jupyter" / "kernels" / grading.KERNEL_NAME / "kernel.json"
                         ).read_text())
    assert kernel["argv"][0] == sys.executable


def test_a_notebook_that_is_not_the_release_is_told_apart() -> None:
    solution = ROOT / "solutions" / "04_customer_value_solutions.ipynb"
    source = grading.source_notebook(solution)
    tests = grading.graded_checks(source)
    assert len(tests) == len(checks.answer_key("04").tasks)
    for cell in source.cells:  # what nbgrader's generate_assignment adds
        if "nbgrader" in cell.metadata:
            cell.metadata["nbgrader"]["checksum"] = "0" * 32
    assert grading.not_the_release(source, tests) is None
    practice = _read(ROOT / "exercises" / "04_customer_value_exercises.ipynb")
    message = grading.not_the_release(practice, tests)
    assert f"{len(tests)} of the {len(tests)} graded self-checks" in message
    assert "(the checks of tasks 04.1, 04.2, " in message
    assert "practice copy from the course's exercises/ folder" in message
    source.cells = [c for c in source.cells if "04_3" not in c.metadata.get(
        "nbgrader", {}).get("grade_id", "")]
    assert "(the checks of task 04.3)" in grading.not_the_release(source, tests)


def test_the_student_package_has_no_answer_keys() -> None:
    import tomllib

    meta = tomllib.loads(grading.student_pyproject())
    packages = meta["tool"]["setuptools"]["packages"]
    assert "helpers" in packages and not [p for p in packages if "answers" in p]
    assert meta["project"]["dependencies"] == tomllib.loads(
        (ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert grading.FORMS_NAME in meta["tool"]["setuptools"]["package-data"]["helpers"]


# --- a class, autograded -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def graded(course: Path) -> dict[str, Any]:
    """Submit, autograde, grade the written answers by hand, export: what each step gave."""
    expected: dict[tuple[str, str], tuple[float, float]] = {}
    for assignment in (*GRADED, *CHINESE):
        release_path = _release(course, assignment)
        release = _read(release_path)
        source = _read(course / "source" / assignment / release_path.name)
        tasks, points = _tasks(assignment), checks.answer_key(assignment[:2]).points
        written, coded = _written_points(source), sum(points.values())
        wrong = set(tasks[1::2])
        students = {"half": (answered(release, source, wrong=wrong),
                             sum(points[t] for t in tasks if t not in wrong))}
        if assignment != ZH:
            students["untouched"] = (release, 0.0)
            students["full"] = (answered(release, source, written=True), coded + written)
        for student, (nb, score) in students.items():
            _submit(course, student, assignment, nb, release_path.name)
            expected[(assignment, student)] = (score, coded + written)
    exchanged = _through_the_exchange(course, "04_customer_value")
    expected[("04_customer_value", exchanged)] = expected[("04_customer_value", "full")]
    student, assignment = WRONG_FILE
    practice = _read(ROOT / "exercises" / "04_customer_value_exercises.ipynb")
    source = _read(course / "source" / assignment / "04_customer_value_exercises.ipynb")
    _submit(course, student, assignment, answered(practice, source, written=True),
            "04_customer_value_exercises.ipynb")
    precheck = grading.check_submissions(course, assignment)
    autograde = nbgrader(course, "autograde", "*")
    for student in {s for _, s in expected if s not in ("half", "untouched")}:
        _grade_written_answers(course, student)
    _ok(nbgrader(course, "export", "--to", "grades.csv"))
    with (course / "grades.csv").open(newline="") as file:
        rows = list(csv.DictReader(file))
    feedback = nbgrader(course, "generate_feedback", "04_customer_value")
    return {"expected": expected, "autograde": autograde, "rows": rows, "precheck": precheck,
            "feedback": feedback}


def _through_the_exchange(course: Path, assignment: str) -> str:
    """One student as on a hub: the release goes through nbgrader's exchange (release, fetch,
    submit, collect), all right. The student is this machine's user (nbgrader's exchange
    knows students by their login). Returns the student id."""
    import pwd

    student = pwd.getpwuid(os.getuid())[0]
    home = course.parent / "home"
    home.mkdir()
    student_side = ["--course", grading.COURSE_ID,
                    f"--Exchange.root={course.parent / 'exchange'}"]
    _ok(nbgrader(course, "release_assignment", assignment))
    _ok(nbgrader(home, "fetch_assignment", assignment, *student_side))
    fetched = next((home / assignment).glob("*.ipynb"))
    source = _read(course / "source" / assignment / fetched.name)
    nbformat.write(answered(_read(fetched), source, written=True), fetched)
    _ok(nbgrader(home, "submit", assignment, *student_side))
    _ok(nbgrader(course, "collect", assignment))
    return student


def _grade_written_answers(course: Path, student: str) -> None:
    """What the instructor does in the formgrader: full points for the written answers."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for submission in gb.find_student(student).submissions:
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    if grade.cell.cell_type == "markdown":
                        grade.manual_score = grade.max_score
        gb.db.commit()


def test_the_export_is_the_expected_table(graded: dict[str, Any]) -> None:
    table = {(r["assignment"], r["student_id"]): (float(r["score"]), float(r["max_score"]))
             for r in graded["rows"] if r["timestamp"]}
    print("\n".join(f"{a:<22} {s:<10} {score:>4g} / {top:g}"
                    for (a, s), (score, top) in sorted(graded["expected"].items())))
    assert table == graded["expected"], graded["autograde"].stderr[-3000:]


def test_an_untouched_release_scores_zero_without_errors(course: Path,
                                                         graded: dict[str, Any]) -> None:
    """It runs to the end: the only errors are the failed checks, each saying 'not attempted'
    (no NameError or NotImplementedError)."""
    for assignment in GRADED:
        path = next((course / "autograded" / "untouched" / assignment).glob("*.ipynb"))
        errors = [o for c in _read(path).cells if c.cell_type == "code" for o in c.outputs
                  if o.output_type == "error"]
        tests = [c for c in _read(path).cells if c.metadata.get("nbgrader", {}).get("grade")
                 and c.cell_type == "code"]
        assert {e.ename for e in errors} == {"TaskFailed"}
        assert len(errors) == len(tests)
        assert all("not attempted" in e.evalue for e in errors)


def test_wrong_answers_fail_with_their_hint_and_partial_credit_shows(
        course: Path, graded: dict[str, Any]) -> None:
    """A wrong answer's test fails with the check's line and hint (the feedback); a cell of two
    tasks with one right shows the points it earned; in Chinese the feedback is Chinese."""
    for assignment in (*GRADED, *CHINESE):
        key = checks.answer_key(assignment[:2])
        path = next((course / "autograded" / "half" / assignment).glob("*.ipynb"))
        cells = [c for c in _read(path).cells if c.metadata.get("nbgrader", {}).get("grade")
                 and c.cell_type == "code"]
        for cell in cells:
            tasks = make_exercises.CHECKED_TASKS.findall(cell.source)
            wrong = [t for t in tasks if t in set(key.tasks[1::2])]
            errors = [o for o in cell.outputs if o.output_type == "error"]
            shown = [o for o in cell.outputs if o.output_type == "execute_result"]
            if wrong and len(wrong) == len(tasks):
                assert len(errors) == 1 and errors[0].ename == "TaskFailed"
                line = errors[0].evalue
                assert ("提示" if assignment == ZH else "Hint:") in line, line
            elif wrong:
                assert not errors and shown[0].data["text/plain"] == f"{len(tasks) - 1:g}"
            else:
                assert not errors and not shown
    assert (course / "feedback" / "half" / "04_customer_value").is_dir(), \
        graded["feedback"].stderr[-2000:]


def test_a_submission_that_is_not_the_release_is_flagged(graded: dict[str, Any]) -> None:
    student, assignment = WRONG_FILE
    log = graded["autograde"].stdout + graded["autograde"].stderr
    assert graded["autograde"].returncode != 0  # nbgrader reports the refused submission
    assert f"NOT GRADED: {student}'s 04_customer_value_exercises.ipynb" in log
    assert "practice copy from the course's exercises/ folder" in log
    assert [p.split(":")[0] for p in graded["precheck"]] == [
        f"{student}/{assignment}/04_customer_value_exercises.ipynb"]
    row = next(r for r in graded["rows"]
               if (r["student_id"], r["assignment"]) == (student, assignment))
    assert row["timestamp"] == "", "a refused submission must not be in the gradebook"


# --- the student side: no keys, no solutions, form-only checks ----------------------------------

@pytest.fixture(scope="module")
def bundle(course: Path) -> Path:
    out = course.parent / "student"
    grading.bundle(course, out)
    return out


def _texts(bundle: Path) -> dict[Path, str]:
    """Every text file of the bundle but the course data (public, and full of numbers)."""
    found = {}
    for path in bundle.rglob("*"):
        if path.is_file() and "datasets" not in path.relative_to(bundle).parts:
            try:
                found[path] = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
    return found


def test_the_bundle_has_no_answer_key_and_no_solution(bundle: Path) -> None:
    assert not [p for p in bundle.rglob("*") if p.name in ("answers", "solutions")
                or re.fullmatch(r"ch\d{2}\.py", p.name)]
    texts = _texts(bundle)
    everything = "\n".join(texts.values())
    assert make_exercises.BEGIN not in everything
    public = "\n".join(p.read_text(encoding="utf-8") for p in ROOT.glob("exercises/**/*.ipynb"))
    key_lines = {line.strip() for path in (ROOT / "helpers" / "answers").glob("ch*.py")
                 for line in path.read_text(encoding="utf-8").splitlines()
                 if len(line.strip()) >= 25 and re.match(r"\s*(return |\w+ = |def _)", line)
                 and json.dumps(line.strip())[1:-1] not in public}  # not setup code
    assert len(key_lines) > 100
    assert not [line for line in key_lines if _found(line, everything)]
    statements = {line.strip() for solution in grading.assignments().values()
                  for cell in _read(solution).cells
                  for block in make_exercises._BLOCK.finditer(cell.source)
                  for line in block.group(2).splitlines()
                  if len(line.strip()) >= 20 and re.match(r"\s*[\w.\[\]\"', ]+ = \S", line)
                  and json.dumps(line.strip())[1:-1] not in public}  # not the exercises' code
    assert len(statements) > 50
    leaks = [line for line in statements if _found(line, everything)]
    assert not leaks, leaks[:5]
    assert "helpers.answers" not in grading.student_pyproject()


def _found(line: str, text: str) -> bool:
    """Whether a line of code is in ``text``, as it is or inside a notebook's JSON."""
    return line in text or json.dumps(line)[1:-1] in text


def _renderings(value: float) -> set[str]:
    """How an expected real number could be written, with at least 4 significant digits."""
    found = set()
    for text in (repr(value), f"{value:.6f}", f"{value:.5f}", f"{value:.4f}"):
        digits = text.lstrip("-").replace(".", "").lstrip("0").rstrip("0")
        if len(digits) >= 4:
            found.add(text)
    return found


def _reals(value: Any) -> list[float]:
    import numpy as np
    import pandas as pd

    if isinstance(value, (pd.DataFrame, pd.Series, np.ndarray)):
        array = np.asarray(value.to_numpy() if hasattr(value, "to_numpy") else value)
        return [float(x) for x in array.ravel() if isinstance(x, (float, np.floating))]
    if isinstance(value, dict):
        return [x for v in value.values() for x in _reals(v)]
    if isinstance(value, (list, tuple, set)):
        return [x for v in value for x in _reals(v)]
    if isinstance(value, (float, np.floating)) and not float(value).is_integer():
        return [float(value)]
    return []


COINCIDENCES = {("12.1", "binning.py"): "ln 3, the WOE of the toy examples in its docstrings"}
"""Expected values that a helper's own example happens to show (searched everywhere else)."""


def test_the_bundle_holds_no_expected_value(bundle: Path) -> None:
    """Every real expected value of every key, as it could be written (repr, 4–6 decimals), is
    nowhere in the bundle (whole numbers and words are too common to search for)."""
    texts = _texts(bundle)
    values = []
    for module in sorted((ROOT / "helpers" / "answers").glob("ch[0-9][0-9].py")):
        key = checks.answer_key(module.stem[2:])
        key.forms  # noqa: B018  (computes and caches every expected value)
        values += [(f"{key.chapter}.{number}", x) for number, entry in key._entries.items()
                   if entry.kind == "value" for x in _reals(entry.cached)]
    assert len(values) > 50
    found = [(task, rendering, path.name) for task, value in values
             for rendering in _renderings(value) for path, text in texts.items()
             if rendering in text and (task, path.name) not in COINCIDENCES]
    assert not found, found[:5]
    forms = json.loads((bundle / "course" / "helpers" / grading.FORMS_NAME).read_text())
    assert set(forms) == {t for m in (ROOT / "helpers" / "answers").glob("ch[0-9][0-9].py")
                          for t in checks.answer_key(m.stem[2:]).tasks}


RUN = """
import sys
import nbformat
from nbclient import NotebookClient

nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, timeout=120, kernel_name="student",
               resources={"metadata": {"path": sys.argv[2]}}).execute()
nbformat.write(nb, sys.argv[1])
"""

STUDENT_KERNEL = (
    "import sys\n"
    "sys.meta_path[:] = [f for f in sys.meta_path\n"
    "                    if 'Editable' not in getattr(f, '__name__', '')]\n"
    "from ipykernel.kernelapp import launch_new_instance\n"
    "launch_new_instance()\n")
"""A kernel as in a student's image: the kit's own (editable) install of ``helpers``, which
this test environment has, is switched off, so ``helpers`` is the bundle's only."""


def test_a_release_in_the_student_environment_checks_the_form_only(course: Path,
                                                                    bundle: Path) -> None:
    """The released chapter 04 with right answers and answers of the wrong form, run where
    only the bundle's package is importable — even under nbgrader's validate: every check
    says 'form checked only', none raises, none tells a value or whether it is right."""
    assignment = "04_customer_value"
    release_path = next((bundle / "release" / assignment).glob("*.ipynb"))
    source = _read(course / "source" / assignment / release_path.name)
    tasks = _tasks(assignment)
    nb = answered(_read(release_path), source, wrong=set(tasks[1::2]))
    nb.cells.append(nbformat.v4.new_code_cell(
        "import helpers\nfrom helpers import checks\n"
        "print('package:', helpers.__file__)\nprint('keys:', checks._keys_present())"))
    work = bundle / "work.ipynb"
    nbformat.write(nb, work)
    kernels = bundle.parent / "student-jupyter"
    spec = kernels / "kernels" / "student" / "kernel.json"
    spec.parent.mkdir(parents=True, exist_ok=True)
    spec.write_text(json.dumps({"argv": [sys.executable, "-c", STUDENT_KERNEL, "-f",
                                         "{connection_file}"],
                                "display_name": "student", "language": "python"}))
    env = {**os.environ, "NBGRADER_EXECUTION": "validate", "JUPYTER_PATH": str(kernels),
           "PYTHONPATH": os.pathsep.join([str(bundle / "course"), os.environ["PYTHONPATH"]])}
    env.pop("CRM_COURSE_DATA", None)
    result = subprocess.run([sys.executable, "-c", RUN, str(work), str(release_path.parent)],
                            env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    out = [o.get("text", "") for c in _read(work).cells if c.cell_type == "code"
           for o in c.outputs]
    text = "".join(out)
    assert f"package: {bundle / 'course' / 'helpers' / '__init__.py'}" in text
    assert "keys: False" in text
    lines = [line for line in text.splitlines() if re.match(r"^\S+ Task \d", line)]
    assert len(lines) == len(tasks)
    for task, line in zip(tasks, lines):
        number = task.split(".")[1]
        assert "form checked only; your teacher grades the value" in line.casefold(), line
        if task in tasks[1::2]:
            assert line.startswith(f"❌ Task {number}: not in the form"), line
        else:
            assert line.startswith(f"📝 Task {number}: answered"), line
        assert "correct" not in line and "Hint" not in line
