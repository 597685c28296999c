"""Grade a class with nbgrader: the course folder, the graded releases and the student bundle.

The exercises' self-checks become nbgrader's autograder tests; the answers stay on the grading
side. One command per step (README, "Grading a class"); nbgrader's own commands do the rest::

    pip install -e ".[instructor]"                        # nbgrader, on the grading side only
    python tools/grading.py course ~/crm-grading          # config, kernel, source assignments
    cd ~/crm-grading && nbgrader generate_assignment 04_customer_value   # then release_assignment,
                                                          # collect, autograde, export, feedback
    python tools/grading.py bundle ~/crm-student --course ~/crm-grading  # what students' images get
    python tools/grading.py check-submissions 04_customer_value --course ~/crm-grading

**The course folder** (``course``) holds nbgrader's ``nbgrader_config.py``, the course kernel
(``jupyter/kernels/crm-course``: this Python, made visible to nbgrader's kernels through
``JUPYTER_PATH``) and one source assignment per chapter and language: ``source/04_customer_value/
04_customer_value_exercises.ipynb`` (English) and ``source/04_customer_value_zh/…`` (the Chinese
edition, for the chapters ``solutions/zh/`` has). A source notebook is the exercise notebook
with its solutions in (:func:`make_exercises.graded_source`): every check cell
(``checks.task("04.1", …)``) is an autograder test, locked, worth its tasks' points (one each
unless the answer key says otherwise); written answers are manually graded (one point).

**Releases** keep the course's placeholders: the configuration replaces nbgrader's
ClearSolutions by :class:`ClearSolutionsAsExercises`, which strips answers exactly as
``make exercises`` does, so a released notebook is the exercise notebook plus nbgrader's own
metadata, and an untouched release runs from top to bottom (scoring 0).

**Grading.** nbgrader sets ``NBGRADER_EXECUTION`` for the kernels of ``autograde`` and
``validate``; with the answer keys present, ``helpers.checks`` then raises ``TaskFailed`` (an
``AssertionError`` carrying the hint, the student's feedback) for a wrong answer. A submission
that is not the released notebook — typically the practice copy from ``exercises/``, which has
neither the graded check cells nor nbgrader's checksums — is refused by
:class:`FlagNotTheRelease` at ``autograde`` with a message saying so (and not entered in the
gradebook); ``check-submissions`` lists such submissions before autograding.

**The student bundle** (``bundle``) is what a graded course's student image installs: the
released assignments and the course package without its answer keys — ``helpers/`` without
``helpers/answers/``, the data, a ``pyproject.toml`` and ``helpers/answer_forms.json`` (each
task's form: kind, length, columns; never a value). There the self-checks check the form only
and say that the teacher grades the value.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tomllib
from pathlib import Path

import nbformat

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(ROOT))
import make_exercises  # noqa: E402

try:
    from nbgrader.api import Gradebook, MissingEntry
    from nbgrader.preprocessors import (
        CheckCellMetadata,
        ClearHiddenTests,
        ClearMarkScheme,
        ClearOutput,
        ClearSolutions,
        ComputeChecksums,
        DeduplicateIds,
        IncludeHeaderFooter,
        InstantiateTests,
        LockCells,
        NbGraderPreprocessor,
        OverwriteCells,
        OverwriteKernelspec,
        SaveCells,
    )
except ImportError as err:  # pragma: no cover - the instructor extra is missing
    raise SystemExit("tools/grading.py needs nbgrader, the course's instructor extra: "
                     "pip install -e \".[instructor]\"") from err

KERNEL_NAME = "crm-course"
KERNEL_DISPLAY_NAME = "Python 3 (CRM course)"
COURSE_ID = "crm-analytics"
EXCHANGE = "/srv/nbgrader/exchange"  # nbgrader's default exchange
CELL_TIMEOUT = 120  # seconds per cell when autograding (the notebook tests allow the same)
FORMS_NAME = "answer_forms.json"


# --- assignments ---------------------------------------------------------------------------------

def assignments(root: Path = ROOT, languages: tuple[str, ...] = ("en", "zh"),
                chapters: tuple[str, ...] | None = None) -> dict[str, Path]:
    """The course's assignments: id → solution notebook. ``04_customer_value`` is chapter 04 in
    English, ``04_customer_value_zh`` in Chinese (for the chapters ``solutions/zh/`` has)."""
    found = {}
    for language in languages:
        folder = root / "solutions" / ("zh" if language == "zh" else "")
        for solution in sorted(folder.glob("*_solutions.ipynb")):
            if chapters and solution.name[:2] not in chapters:
                continue
            stem = solution.name.removesuffix("_solutions.ipynb")
            found[stem + ("_zh" if language == "zh" else "")] = solution
    return found


def notebook_name(solution: Path) -> str:
    """The released notebook's file name: the exercise notebook's (``04_…_exercises.ipynb``)."""
    return solution.name.replace("_solutions.ipynb", "_exercises.ipynb")


def source_notebook(solution: Path) -> nbformat.NotebookNode:
    """nbgrader's source notebook for ``solution``: the exercise notebook with its solutions in
    and every check cell an autograder test worth its tasks' points (from the answer key)."""
    from helpers import checks

    nb = nbformat.read(solution, as_version=4)
    language = "zh" if solution.parent.name == "zh" else "en"
    points = checks.answer_key(solution.name[:2]).points
    return make_exercises.graded_source(nb, solution.name, language, points)


# --- the course folder ---------------------------------------------------------------------------

CONFIG = '''\
"""nbgrader's configuration of the CRM analytics course folder, written by
`python tools/grading.py course` (the course kit's README, "Grading a class").

Run nbgrader's commands in this folder: generate_assignment, release_assignment, collect,
autograde, export, generate_feedback, release_feedback. The answer keys stay in the kit below.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KIT = {kit!r}  # the course kit: its solutions, answer keys and tools/grading.py
sys.path.insert(0, os.path.join(KIT, "tools"))
import grading  # noqa: E402

# nbgrader runs the notebooks' kernel by name: the course kernel of jupyter/kernels/ is the
# Python that wrote this folder (the kit's environment, with nbgrader and the answer keys)
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    p for p in (os.path.join(HERE, "jupyter"), os.environ.get("JUPYTER_PATH", "")) if p)
# nbgrader calls its database migrations tool (alembic) by name: the environment's own
os.environ["PATH"] = os.pathsep.join((os.path.dirname(sys.executable), os.environ.get("PATH", "")))

c = get_config()  # noqa: F821
c.CourseDirectory.root = HERE
c.CourseDirectory.course_id = {course_id!r}
c.Exchange.root = {exchange!r}  # the hub's shared exchange folder (nbgrader's default)
# releases keep the course's placeholders (`name = None  # YOUR CODE HERE`), as exercises/ does
c.GenerateAssignment.preprocessors = grading.GENERATE_PREPROCESSORS
# a submission that is not the released notebook (e.g. the exercises/ copy) is refused, loudly
c.Autograde.sanitize_preprocessors = grading.SANITIZE_PREPROCESSORS
c.Execute.timeout = {timeout}  # seconds per cell
'''


def kernel_spec() -> dict[str, object]:
    """The course kernel as nbgrader's kernels start it: this Python (the kit's environment)."""
    return {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": KERNEL_DISPLAY_NAME, "language": "python",
            "metadata": {"debugger": True}}


def write_course(folder: Path, *, languages: tuple[str, ...] = ("en", "zh"),
                 chapters: tuple[str, ...] | None = None, course_id: str = COURSE_ID,
                 exchange: str = EXCHANGE, root: Path = ROOT) -> list[Path]:
    """Write the course folder: its nbgrader configuration (kept if present), the course
    kernel and every source assignment (rewritten from the solutions). Returns the paths."""
    folder = Path(folder).resolve()
    written = []
    config = folder / "nbgrader_config.py"
    if not config.exists():
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(CONFIG.format(kit=str(root), course_id=course_id, exchange=exchange,
                                        timeout=CELL_TIMEOUT), encoding="utf-8")
        written.append(config)
    kernel = folder / "jupyter" / "kernels" / KERNEL_NAME / "kernel.json"
    kernel.parent.mkdir(parents=True, exist_ok=True)
    kernel.write_text(json.dumps(kernel_spec(), indent=1) + "\n", encoding="utf-8")
    written.append(kernel)
    for assignment, solution in assignments(root, languages, chapters).items():
        path = folder / "source" / assignment / notebook_name(solution)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(nbformat.writes(source_notebook(solution)) + "\n", encoding="utf-8")
        written.append(path)
    return written


# --- nbgrader's preprocessors of the course ------------------------------------------------------

class ClearSolutionsAsExercises(ClearSolutions):
    """nbgrader's ClearSolutions as ``make exercises`` does it: each assignment of a solution
    block becomes ``name = None  # YOUR CODE HERE`` (a written answer: *Your answer here.*,
    in Chinese *在这里写下你的答案。*), so that the release runs untouched and equals the
    exercise notebook."""

    def preprocess(self, nb, resources):  # noqa: ANN001, ANN201 (nbgrader's signature)
        origin = nb.metadata.get("crm_course", {}).get("generated_from", "")
        self._language = "zh" if origin.startswith("solutions/zh/") else "en"
        return super().preprocess(nb, resources)

    def _replace_solution_region(self, cell, language):  # noqa: ANN001, ANN202
        if make_exercises.BEGIN not in cell.source:
            return False
        where = f"cell {cell.get('id', '?')}"
        if cell.cell_type == "code":
            cell.source = make_exercises.strip_code(cell.source, where)
        else:
            cell.source = make_exercises.strip_markdown(cell.source, self._language)
        return True


class NotTheRelease(Exception):
    """A submitted notebook is not the one nbgrader released."""


def graded_checks(nb: nbformat.NotebookNode) -> set[str]:
    """The grade ids of a released (or source) notebook's autograder tests."""
    return {c.metadata["nbgrader"]["grade_id"] for c in nb.cells
            if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")}


def not_the_release(nb: nbformat.NotebookNode, tests: set[str]) -> str | None:
    """Why ``nb`` is not the released notebook whose autograder tests are ``tests`` (grade
    ids), or None: a release keeps every test cell (they are locked) and nbgrader's checksums.
    """
    meta = [c.metadata.get("nbgrader", {}) for c in nb.cells]
    missing = sorted(tests - {m.get("grade_id") for m in meta})
    checksummed = any("checksum" in m for m in meta)
    if not missing and checksummed:
        return None
    parts = []
    if missing:
        tasks = [t.replace("_", ".") for m in missing for t in re.findall(
            r"\d{2}_\d+[a-z]?", m.rpartition("-check-")[2])]
        parts.append(f"{len(missing)} of the {len(tests)} graded self-checks of the release "
                     f"are missing (the checks of task{'s' if len(tasks) > 1 else ''} "
                     f"{', '.join(tasks)})")
    if not checksummed:
        parts.append("none of its cells carries nbgrader's checksums")
    guess = (" It looks like the practice copy from the course's exercises/ folder."
             if nb.metadata.get("crm_course") and not checksummed else "")
    return "; ".join(parts) + "." + guess


class FlagNotTheRelease(NbGraderPreprocessor):
    """First step of ``nbgrader autograde``: refuse a submission that is not the released
    notebook (it would score 0 without a word: its check cells are no tests), with a message
    that says so, and leave it out of the gradebook."""

    def preprocess(self, nb, resources):  # noqa: ANN001, ANN201 (nbgrader's signature)
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gb:
            source = gb.find_notebook(info["notebook"], info["assignment"])
            tests = {c.name for c in source.grade_cells if c.cell_type == "code"}
        problem = not_the_release(nb, tests)
        if problem is None:
            return nb, resources
        message = (f"NOT GRADED: {info['student']}'s {info['notebook']}.ipynb of "
                   f"{info['assignment']} is not the released notebook: {problem} Ask the "
                   "student to fetch the assignment (Assignments tab or `nbgrader fetch_"
                   "assignment`), copy the answers into the released notebook and submit it "
                   "again.")
        self.log.error(message)
        with Gradebook(info["db_url"]) as gb:
            try:
                gb.remove_submission(info["assignment"], info["student"])
            except MissingEntry:
                pass
        raise NotTheRelease(message)


GENERATE_PREPROCESSORS = [
    IncludeHeaderFooter, InstantiateTests, LockCells, ClearSolutionsAsExercises, ClearOutput,
    CheckCellMetadata, ComputeChecksums, SaveCells, ClearHiddenTests, ClearMarkScheme,
    ComputeChecksums, CheckCellMetadata,
]
"""nbgrader's GenerateAssignment preprocessors, with the course's ClearSolutions."""

SANITIZE_PREPROCESSORS = [
    FlagNotTheRelease, ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells,
    CheckCellMetadata,
]
"""nbgrader's Autograde sanitizing preprocessors, after the course's release check."""


def check_submissions(folder: Path, assignment: str) -> list[str]:
    """Messages for the submissions of ``assignment`` in the course folder that are not its
    released notebooks (run it before ``nbgrader autograde``)."""
    release = Path(folder) / "release" / assignment
    released = {p.name: graded_checks(nbformat.read(p, as_version=4))
                for p in sorted(release.glob("*.ipynb"))}
    if not released:
        raise SystemExit(f"{release} holds no released notebook: run `nbgrader "
                         f"generate_assignment {assignment}` first")
    problems = []
    for student in sorted(p for p in (Path(folder) / "submitted").glob("*") if p.is_dir()):
        for path in sorted((student / assignment).glob("*.ipynb")):
            where = f"{student.name}/{assignment}/{path.name}"
            if path.name not in released:
                problems.append(f"{where}: not a notebook of the release "
                                f"({', '.join(released)}); nbgrader skips it")
                continue
            problem = not_the_release(nbformat.read(path, as_version=4), released[path.name])
            if problem:
                problems.append(f"{where}: not the released notebook: {problem}")
    return problems


# --- the student bundle --------------------------------------------------------------------------

BUNDLE_README = """\
# CRM analytics course: the student side of a graded course

Written by `python tools/grading.py bundle` (the course kit's README, "Grading a class").

- `release/`: the released assignments, as nbgrader's `release_assignment` hands them out.
- `course/`: the course package students' kernels import (`helpers`, the data), **without the
  answer keys** (`helpers/answers/` is not in it). In the students' image:
  `pip install -e course/` (editable, so that it reads the data beside it), then
  `python -m ipykernel install --sys-prefix --name crm-course --display-name "Python 3 (CRM
  course)"`; add `nbgrader` if students fetch and submit in JupyterLab's Assignments tab.
  Its self-checks check the form of an answer only (`helpers/answer_forms.json`) and say
  that the teacher grades the value.
"""


def bundle(course: Path, out: Path, root: Path = ROOT) -> list[Path]:
    """Write the student bundle of the course folder ``course`` to ``out`` (new or empty):
    the releases and the course package without answer keys. Returns the files written."""
    course, out = Path(course), Path(out)
    release = course / "release"
    if not any(release.glob("*/*.ipynb")):
        raise SystemExit(f"{release} holds no released assignment: run `nbgrader "
                         "generate_assignment <assignment>` in the course folder first")
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} is not empty: give a new folder")
    shutil.copytree(release, out / "release")
    package = out / "course"

    def leave_out(folder: str, names: list[str]) -> set[str]:
        gone = {n for n in names if n == "__pycache__" or n.endswith(".pyc")}
        if Path(folder).resolve() == (root / "helpers").resolve():
            gone |= {"answers", FORMS_NAME}
        return gone

    shutil.copytree(root / "helpers", package / "helpers", ignore=leave_out)
    shutil.copytree(root / "datasets", package / "datasets", ignore=leave_out)
    for name in ("LICENSE-CODE", "LICENSE-TEXT"):
        if (root / name).exists():
            shutil.copy2(root / name, package / name)
    (package / "README.md").write_text(BUNDLE_README, encoding="utf-8")
    (package / "pyproject.toml").write_text(student_pyproject(root), encoding="utf-8")
    (package / "helpers" / FORMS_NAME).write_text(
        json.dumps(answer_forms(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "README.md").write_text(BUNDLE_README, encoding="utf-8")
    return sorted(p for p in out.rglob("*") if p.is_file())


def answer_forms() -> dict[str, dict[str, object]]:
    """Every task's form (:attr:`helpers.checks.AnswerKey.forms`), computed from the keys."""
    from helpers import answers, checks

    found: dict[str, dict[str, object]] = {}
    for module in sorted(Path(answers.__file__).parent.glob("ch[0-9][0-9].py")):
        found.update(checks.answer_key(module.stem[2:]).forms)
    return found


def student_pyproject(root: Path = ROOT) -> str:
    """The course package's ``pyproject.toml`` for the student side: the run-time dependencies
    of the kit's, the packages without ``helpers.answers``."""
    meta = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    project = meta["project"]
    tool = meta.get("tool", {}).get("setuptools", {})
    packages = [p for p in tool.get("packages", ["helpers", "helpers.datasets"])
                if not p.startswith("helpers.answers")]
    package_data = tool.get("package-data", {})
    package_data = {k: [*v, FORMS_NAME] if k == "helpers" else v for k, v in package_data.items()}

    def toml_list(items: list[str]) -> str:
        return "[" + ", ".join(json.dumps(i) for i in items) + "]"

    lines = ["# The course package for a graded course's students: no answer keys (written by",
             "# tools/grading.py bundle).", "[build-system]",
             f"requires = {toml_list(meta['build-system']['requires'])}",
             f"build-backend = {json.dumps(meta['build-system']['build-backend'])}", "",
             "[project]", f"name = {json.dumps(project['name'])}",
             f"version = {json.dumps(project['version'])}",
             f"description = {json.dumps(project.get('description', ''))}",
             'readme = "README.md"',
             f"requires-python = {json.dumps(project['requires-python'])}",
             f"dependencies = {toml_list(project['dependencies'])}", "",
             "[tool.setuptools]", f"packages = {toml_list(packages)}", "",
             "[tool.setuptools.package-data]"]
    lines += [f"{json.dumps(k)} = {toml_list(v)}" for k, v in package_data.items()]
    return "\n".join(lines) + "\n"


# --- command line ------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    course = commands.add_parser("course", help="write the course folder: config, kernel, "
                                 "source assignments (run again after editing solutions)")
    course.add_argument("folder", type=Path)
    course.add_argument("--languages", nargs="+", default=["en", "zh"], choices=["en", "zh"])
    course.add_argument("--chapters", nargs="+", metavar="NN", help="only these chapters")
    course.add_argument("--course-id", default=COURSE_ID)
    course.add_argument("--exchange", default=EXCHANGE,
                        help="nbgrader's exchange folder, shared with the students' servers "
                             "(default: %(default)s)")
    student = commands.add_parser("bundle", help="the student side: releases and the course "
                                  "package without answer keys")
    student.add_argument("out", type=Path)
    student.add_argument("--course", type=Path, default=Path.cwd())
    check = commands.add_parser("check-submissions", help="list submissions that are not the "
                                "released notebook (before nbgrader autograde)")
    check.add_argument("assignment")
    check.add_argument("--course", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)

    if args.command == "course":
        written = write_course(args.folder, languages=tuple(args.languages),
                               chapters=tuple(args.chapters) if args.chapters else None,
                               course_id=args.course_id, exchange=args.exchange)
        sources = [p for p in written if "source" in p.parts]
        print(f"wrote {len(sources)} source assignments and the course kernel in {args.folder}"
              + ("" if (args.folder / "nbgrader_config.py") in written else
                 " (kept its nbgrader_config.py)"))
        print(f"next: cd {args.folder} && nbgrader generate_assignment <assignment>, one of: "
              + " ".join(sorted({p.parent.name for p in sources})))
        return 0
    if args.command == "bundle":
        files = bundle(args.course, args.out)
        print(f"wrote the student bundle ({len(files)} files) to {args.out}: "
              "release/ and course/ (no answer keys)")
        return 0
    problems = check_submissions(args.course, args.assignment)
    for problem in problems:
        print(problem)
    if not problems:
        print(f"every submission of {args.assignment} is the released notebook")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
