"""Self-checks for the exercise notebooks: "not attempted yet", a hint, or "correct".

In an exercise notebook each task's answer cell starts as a placeholder that runs
(``top_share = None  # YOUR CODE HERE``). The check cell after it names the task and passes
the answer, nothing else::

    checks.task("04.1", gini_cdnow)

and prints one line::

    ⏳ Task 1: not attempted yet — replace the `None` with your answer.
    ❌ Task 1: not yet. It looks like a percentage — give a share between 0 and 1. Hint: …
    ✅ Task 1: correct.

What the answer is compared with lives out of sight, in the chapter's **answer key**
(``helpers/answers/chNN.py``): an :class:`AnswerKey` whose entries compute the expected value
from the data with the course's helpers, and carry the task's hint and tolerance. So the
exercise notebook shows the question, the student's cell and a one-line check — never the
answer or the code that finds it. (The solutions are in ``solutions/`` for when a student
wants them.) A check cell may pass the notebook's own choices as context, e.g.
``checks.task("05.3", labels, k=k)``; they become arguments of the key's function.

A check never shows the expected value and never raises because of the student's answer, so an
untouched notebook runs from top to bottom. Mistakes of the notebook's author (an unknown task,
a hint that is not text, an expected value of ``None``) raise at once. Each check returns a
:class:`Verdict` that is true only for a right answer, so a grading cell can ``assert`` it; as
the last value of a cell it shows nothing, so no ``;`` is needed.

The comparisons themselves are :func:`check` (values), :func:`check_predicate` (open-ended
answers) and :func:`choice` (multiple choice); answer keys use them through
:class:`AnswerKey`. The output is plain text (``print``), identical in a notebook, a terminal
and the notebook tests. How an answer is compared, and what a student is told about a wrong
one, is the comparison engine in ``helpers/_compare.py``: an integer expected value (a count,
a grid point) is exact and a wrong one gets no note that it is near; a real number compares
within the key's tolerance, and only a rounded answer is told so.

Every line speaks the course's language: after ``use_language("zh")`` (:mod:`helpers.language`)
the lines, the notes and the hints are Chinese, from the helpers' catalog
(``helpers/locale/zh_CN/LC_MESSAGES/helpers.po``; a hint's ``msgid`` is the English hint as the
key defines it). :data:`MESSAGES` lists every template a check prints.

**Practice and grading.** What :func:`task` does depends on where it runs:

* *Practice* (the default: the answer keys are installed, as in the course repository, on
  Binder and with ``make lab``): it prints its line and returns a :class:`Verdict`, as above.
* *Grading* (the keys are installed and nbgrader runs the notebook: ``nbgrader autograde`` and
  ``nbgrader validate`` set ``NBGRADER_EXECUTION`` for the kernel): the check cells are
  nbgrader's test cells (``tools/grading.py`` makes them so). A right answer prints its line
  and earns the cell's points; a wrong or untouched one raises :class:`TaskFailed`, an
  ``AssertionError`` whose message is the line with the task's hint — the student's feedback.
  A cell that checks several tasks earns the points of its right tasks (it shows their sum,
  which nbgrader reads as partial credit) and fails only when none is right. Warnings of the
  key's computations are silenced: nbgrader counts any text on stderr as a failed test.
* *Form only* (the keys are not installed — the student side of a graded course, whose
  image has ``helpers`` without ``helpers.answers``): the check says whether the answer has
  the form the task asks for (kind, length, shape, columns, a declared range; from
  ``helpers/answer_forms.json``, which ``tools/grading.py bundle`` writes without any value)
  and that the teacher grades the value. It never shows or knows the value, and never raises
  because of the answer, so the released notebook runs from top to bottom.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import importlib.util
import io
import json
import linecache
import os
import pkgutil
import re
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import _compare, language
from ._compare import M as _M
from ._compare import say as _say
from .validation import check_bool, check_number

__all__ = ["MESSAGES", "AnswerKey", "TaskFailed", "UnknownTaskError", "Verdict", "answer_key",
           "check", "check_predicate", "choice", "is_untouched", "task"]

MESSAGES: tuple[str, ...] = _compare.MESSAGES
"""Every template a check prints (English, with ``{placeholders}``): the lines, the notes on a
wrong answer and the words that describe an answer. ``tools/translate.py update`` lists them in
the helpers' catalog, where each has its Chinese translation."""


class UnknownTaskError(ValueError, KeyError):
    """A task id names a chapter without an answer key, or a task its key does not have (a
    mistake of the notebook's author, never of the student's answer)."""

    def __str__(self) -> str:  # the plain message, not KeyError's quoted repr
        return str(self.args[0]) if self.args else ""


class TaskFailed(AssertionError):
    """A wrong or untouched answer while nbgrader grades the notebook (only then: in practice a
    check prints its line and returns a :class:`Verdict`). The message is the check's line
    with the task's hint, and it is all a notebook shows of the error (no traceback): the
    student's feedback in nbgrader's report.

    >>> TaskFailed("❌ Task 1: not yet. Hint: Total the spend first.")._render_traceback_()
    ['❌ Task 1: not yet. Hint: Total the spend first.']
    """

    def _render_traceback_(self) -> list[str]:
        return str(self).splitlines()


# --- public API ---------------------------------------------------------------------------------

class Verdict:
    """The result of a check: behaves as ``True`` for a right answer and ``False`` otherwise.

    Use it like a bool (``if``, ``assert``, ``== True``). It shows nothing when it is the last
    value of a notebook cell, because the check has already printed its line. (A plain bool
    would be shown as ``True``/``False``: the usual trailing ``;`` hides it in JupyterLab, but
    not when the notebook tests run the cells, since they run them without input history.)

    >>> verdict = Verdict(True)
    >>> bool(verdict), verdict == True  # noqa: E712
    (True, True)
    """

    __slots__ = ("correct",)

    def __init__(self, correct: bool) -> None:
        self.correct = check_bool(correct, "correct")

    def __bool__(self) -> bool:
        return self.correct

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Verdict):
            return self.correct == other.correct
        if isinstance(other, (bool, np.bool_)):
            return self.correct == bool(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.correct)

    def __repr__(self) -> str:
        return repr(self.correct)

    def _ipython_display_(self) -> None:
        """Show nothing in a notebook: the check has printed its line already."""


def is_untouched(answer: object) -> bool:
    """True for the placeholders of an exercise cell: ``None`` and ``...`` (Ellipsis).

    >>> is_untouched(None), is_untouched(...), is_untouched(0)
    (True, True, False)
    """
    return answer is None or answer is Ellipsis


def check(task: str, answer: Any, expected: Any, *, hint: str,
          rtol: float = 1e-6, atol: float = 0.0) -> Verdict:
    """Compare a student's ``answer`` with ``expected``; print one line; true only if right.

    Real numbers compare with ``numpy.isclose(answer, expected, rtol, atol)``; an integer
    ``expected`` (a count, a grid point, an integer column) is exact and ignores the tolerance.
    NumPy arrays, pandas Series and DataFrames compare values (dtype-agnostic, floats with the
    same tolerance) and their index and columns (DataFrame column order is free); text ignores
    case and spacing; sets ignore order; lists, tuples and dicts compare item by item. A wrong
    answer gets a specific note where one helps (wrong type or length, missing columns, a
    percentage instead of a share, a flipped sign, a real number rounded) followed by the
    author's ``hint``; a wrong exact answer gets the hint alone, so nothing tells a student
    that it is near. The expected value is never shown.

    >>> check("Task 1", 25.0, 0.25, hint="A share, not a percentage.")
    ❌ Task 1: not yet. It looks like a percentage — give a share between 0 and 1. Hint: ...
    False
    >>> check("Task 1", 0.25, 0.25, hint="A share, not a percentage.")
    ✅ Task 1: correct.
    True
    """
    _require_text("task", task)
    _require_text("hint", hint)
    tol = _tolerance(rtol, atol)
    _require_expected(expected)
    if is_untouched(answer):
        return _untouched(task, answer)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")  # one line of output, whatever the answer holds
            problem = _compare.diagnose(answer, expected, tol)
    except Exception:  # an odd answer object must not stop the notebook
        problem = _say(_M.NOT_COMPARABLE, kind=_describe(answer))
    return _verdict(task, problem, hint)


def check_predicate(task: str, answer: Any, test: Callable[[Any], bool], *, hint: str
                    ) -> Verdict:
    """Check an open-ended answer with ``test(answer)``, e.g. a cut-off between two bounds.

    ``test`` returns True for every acceptable answer; an error inside it (say, the answer has
    the wrong type) counts as a wrong answer, not as a crash. Prints one line; true only if right.

    >>> check_predicate("Task 5", 530, lambda cutoff: 500 <= cutoff <= 560, hint="See 12.3.")
    ✅ Task 5: correct.
    True
    >>> check_predicate("Task 5", "530", lambda cutoff: 500 <= cutoff <= 560, hint="See 12.3.")
    ❌ Task 5: not yet. Your answer (text) could not be tested — check what kind of value ...
    False
    """
    _require_text("task", task)
    _require_text("hint", hint)
    if not callable(test):
        raise TypeError(f"test must be a function of the answer returning True or False, "
                        f"got {type(test).__name__}")
    if is_untouched(answer):
        return _untouched(task, answer)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            passed = bool(test(answer))
        problem = None if passed else ""
    except Exception:
        problem = _say(_M.NOT_TESTABLE, kind=_describe(answer))
    return _verdict(task, problem, hint)


def choice(task: str, answer: Any, correct: str, options: Iterable[str] | str, *,
           hint: str) -> Verdict:
    """Check a multiple-choice answer such as ``answer = "B"`` against the ``correct`` option.

    ``options`` is the list of labels (``"ABCD"`` or ``["A", "B", "C", "D"]``); case, spaces and
    brackets or a full stop around the label are ignored (``"b"``, ``"(B)"``, ``"B."``).
    Prints one line; true only if right.

    >>> choice("Task 8", "(b)", "B", "ABCD", hint="Compare the two rates first.")
    ✅ Task 8: correct.
    True
    """
    _require_text("task", task)
    _require_text("hint", hint)
    labels = _options(options)
    if not isinstance(correct, str):
        raise TypeError(f"correct must be one of the option labels, got {type(correct).__name__}")
    if _label_key(correct) not in labels:
        raise ValueError(f"correct {correct!r} is not one of the options {list(labels.values())}")
    if is_untouched(answer):
        return _untouched(task, answer)
    listed = ", ".join(labels.values())
    if not isinstance(answer, str):
        problem = _say(_M.CHOICE_AS_TEXT, options=listed)
    elif _label_key(answer) not in labels:
        problem = _say(_M.CHOICE_UNKNOWN, options=listed)
    else:
        problem = None if _label_key(answer) == _label_key(correct) else ""
    return _verdict(task, problem, hint)


# --- answer keys --------------------------------------------------------------------------------

_TASK_ID = re.compile(r"^(?P<chapter>\d{2})\.(?P<number>\d+[a-z]?)$")
_NO_VALUE = object()


@dataclass
class _Entry:
    kind: str                                  # "value", "predicate" or "choice"
    hint: str
    compute: Callable[..., Any] | None = None  # expected value, or the predicate's test
    correct: str = ""
    options: Iterable[str] | str = ""
    rtol: float = 1e-6
    atol: float = 0.0
    points: float = 1.0                        # what the task is worth in nbgrader
    low: float | None = None                   # the declared range of a number (form checks)
    high: float | None = None
    cached: Any = field(default=_NO_VALUE, repr=False)


class AnswerKey:
    """The answers to one chapter's exercises, kept out of the exercise notebook.

    A chapter's key module (``helpers/answers/chNN.py``) creates ``KEY = AnswerKey("NN")`` and
    registers each task once, under its number::

        @KEY.value(1, hint="Pass the spend per customer to the lecture's Gini helper.")
        def _gini() -> float:
            return value.gini(_spend())

        KEY.choice(8, "B", options="ABCD", hint="First find the bad customers, then …")

        @KEY.predicate(5, hint="A cut-off between the two bounds of the lecture.")
        def _cutoff(answer: float) -> bool:
            return 500 <= answer <= 560

    ``value`` functions compute the expected value (once, when a check first needs it, unless
    the check cell passes context); ``predicate`` functions get the answer (and any context)
    and return True for an acceptable one. :func:`task` finds the key and runs the check.

    Each task is worth one point when nbgrader grades the notebook, unless it says
    ``points=2``; a value task may declare the range of a right number (``low=0, high=1`` for
    a share), which the form-only checks of a graded release test (see :attr:`forms`).

    >>> key = AnswerKey("99")
    >>> key.choice(1, "B", options="ABC", hint="Look at the whale curve.")
    >>> key.check(1, "C")
    ❌ Task 1: not yet. Hint: Look at the whale curve.
    False
    """

    def __init__(self, chapter: str) -> None:
        if not (isinstance(chapter, str) and re.fullmatch(r"\d{2}", chapter)):
            raise ValueError(f"chapter must be two digits such as '04', got {chapter!r}")
        self.chapter = chapter
        self._entries: dict[str, _Entry] = {}

    @property
    def tasks(self) -> list[str]:
        """The registered task ids (``"04.1"``, ``"04.2"``, …) in the order they were added."""
        return [f"{self.chapter}.{n}" for n in self._entries]

    @property
    def hints(self) -> dict[str, str]:
        """Each task's hint as the key defines it, by task id (the ``msgid`` of its Chinese
        translation in the helpers' catalog).

        >>> key = AnswerKey("99")
        >>> key.choice(1, "B", options="ABC", hint="Look at the whale curve.")
        >>> key.hints
        {'99.1': 'Look at the whale curve.'}
        """
        return {f"{self.chapter}.{n}": entry.hint for n, entry in self._entries.items()}

    @property
    def points(self) -> dict[str, float]:
        """What each task is worth when nbgrader grades the notebook (1 unless the key says
        otherwise), by task id.

        >>> key = AnswerKey("99")
        >>> key.choice(1, "B", options="ABC", hint="Look at the whale curve.", points=2)
        >>> key.points
        {'99.1': 2.0}
        """
        return {f"{self.chapter}.{n}": entry.points for n, entry in self._entries.items()}

    @property
    def forms(self) -> dict[str, dict[str, Any]]:
        """What a right answer to each task looks like, without its value, by task id: the
        kind and size of the expected value (computed now), a choice's options, a declared
        range; ``{"kind": "any"}`` where nothing more is known (an open-ended task, a value
        that needs the notebook's context). ``tools/grading.py bundle`` writes them to a
        graded course's student side, which has no keys.

        >>> key = AnswerKey("99")
        >>> key.choice(1, "B", options="ABC", hint="Look at the whale curve.")
        >>> @key.value(2, hint="A share of the customers.", low=0, high=1)
        ... def _share() -> float:
        ...     return 0.25
        >>> key.forms
        {'99.1': {'kind': 'choice', 'options': ['A', 'B', 'C']},
         '99.2': {'kind': 'number', 'exact': False, 'low': 0.0, 'high': 1.0}}
        """
        found = {}
        for number, entry in self._entries.items():
            if entry.kind == "choice":
                form: dict[str, Any] = {"kind": "choice",
                                        "options": list(_options(entry.options).values())}
            elif entry.kind == "value" and not _needs_context(entry.compute):
                if entry.cached is _NO_VALUE:
                    entry.cached = entry.compute()
                form = _compare.form_of(entry.cached)
            else:
                form = {"kind": "any"}
            if form["kind"] == "number":
                form.update({k: v for k, v in (("low", entry.low), ("high", entry.high))
                             if v is not None})
            found[f"{self.chapter}.{number}"] = form
        return found

    def value(self, number: int | str, *, hint: str, rtol: float = 1e-6, atol: float = 0.0,
              points: float = 1, low: float | None = None, high: float | None = None
              ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Register the function that computes task ``number``'s expected value (worth
        ``points`` in nbgrader; a number between ``low`` and ``high``, if declared).

        >>> key = AnswerKey("99")
        >>> @key.value(2, hint="Total the spend per customer first.")
        ... def _total() -> float:
        ...     return 12.5
        >>> key.check(2, 12.5)
        ✅ Task 2: correct.
        True
        """
        number = self._new_number(number)
        _require_text("hint", hint)
        tol = _tolerance(rtol, atol)
        worth = _points(points)
        low = None if low is None else check_number(low, "low")
        high = None if high is None else check_number(high, "high")
        if low is not None and high is not None and low > high:
            raise ValueError(f"low ({low}) must not be above high ({high})")

        def register(compute: Callable[..., Any]) -> Callable[..., Any]:
            self._add(number, _Entry("value", hint, compute, rtol=tol.rtol, atol=tol.atol,
                                     points=worth, low=low, high=high))
            return compute
        return register

    def predicate(self, number: int | str, *, hint: str, points: float = 1
                  ) -> Callable[[Callable[..., bool]], Callable[..., bool]]:
        """Register ``test(answer, **context)`` for an open-ended task ``number``.

        >>> key = AnswerKey("99")
        >>> @key.predicate(3, hint="A cut-off between 500 and 560.")
        ... def _cutoff(answer: float) -> bool:
        ...     return 500 <= answer <= 560
        >>> key.check(3, 600)
        ❌ Task 3: not yet. Hint: A cut-off between 500 and 560.
        False
        """
        number = self._new_number(number)
        _require_text("hint", hint)
        worth = _points(points)

        def register(test: Callable[..., bool]) -> Callable[..., bool]:
            self._add(number, _Entry("predicate", hint, test, points=worth))
            return test
        return register

    def choice(self, number: int | str, correct: str, *, options: Iterable[str] | str,
               hint: str, points: float = 1) -> None:
        """Register a multiple-choice task ``number`` whose right option is ``correct``.

        >>> key = AnswerKey("99")
        >>> key.choice(4, "A", options="ABCD", hint="The highest point of the curve.")
        >>> key.tasks
        ['99.4']
        """
        number = self._new_number(number)
        _require_text("hint", hint)
        labels = _options(options)
        if not isinstance(correct, str) or _label_key(correct) not in labels:
            raise ValueError(f"correct {correct!r} is not one of the options "
                             f"{list(labels.values())}")
        self._add(number, _Entry("choice", hint, correct=correct, options=options,
                                 points=_points(points)))

    def check(self, number: int | str, answer: Any, **context: Any) -> Verdict:
        """Check ``answer`` to task ``number`` of this chapter; print one line.

        >>> key = AnswerKey("99")
        >>> key.choice(1, "B", options="ABC", hint="Look at the whale curve.")
        >>> key.check(1, None)
        ⏳ Task 1: not attempted yet — replace the `None` with your answer.
        False
        """
        entry = self._entries.get(_task_number(number))
        if entry is None:
            raise UnknownTaskError(f"chapter {self.chapter} has no task {number!r}; its task "
                                   f"numbers are {list(self._entries)}")
        label = _say(_M.TASK, number=number)
        if entry.kind == "choice":
            return choice(label, answer, entry.correct, entry.options, hint=entry.hint)
        if entry.kind == "predicate":
            test = entry.compute
            return check_predicate(label, answer, lambda a: test(a, **context), hint=entry.hint)
        if is_untouched(answer):  # no need to compute the expected value yet
            return _untouched(label, answer)
        if context:
            expected = entry.compute(**context)
        else:
            if entry.cached is _NO_VALUE:
                entry.cached = entry.compute()
            expected = entry.cached
        return check(label, answer, expected, hint=entry.hint, rtol=entry.rtol, atol=entry.atol)

    def _new_number(self, number: int | str) -> str:
        """``number`` as the key of a task not registered yet."""
        key = _task_number(number)
        if key in self._entries:
            raise ValueError(f"task {self.chapter}.{key} is registered twice (number {number!r})")
        return key

    def _add(self, number: str, entry: _Entry) -> None:
        self._entries[self._new_number(number)] = entry


def _task_number(number: object) -> str:
    """A task number (``3``, ``"3"`` or ``"3b"``) as the text it is registered under."""
    if isinstance(number, (bool, np.bool_)) or not isinstance(number, (int, np.integer, str)):
        raise TypeError(f"task number must look like 3 or '3b', got {type(number).__name__} "
                        f"{number!r}")
    key = str(number)
    if not re.fullmatch(r"\d+[a-z]?", key):
        raise ValueError(f"task number must look like 3 or '3b', got {number!r}")
    return key


def answer_key(chapter: str) -> AnswerKey:
    """The answer key of ``chapter`` (``"04"``), from ``helpers/answers/ch04.py``.

    >>> answer_key("04").tasks[:3]
    ['04.1', '04.2', '04.3']
    """
    if not (isinstance(chapter, str) and re.fullmatch(r"\d{2}", chapter)):
        raise ValueError(f"chapter must be two digits such as '04', got {chapter!r}")
    if not _keys_present():
        raise UnknownTaskError(f"the answer keys ({KEYS_PACKAGE}) are not installed here, so "
                               f"chapter {chapter} has no key: a graded course keeps them on "
                               "the grading side (see the README, 'Grading a class')")
    name = f"{KEYS_PACKAGE}.ch{chapter}"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as err:
        if err.name != name:
            raise
        from . import answers

        keys = sorted(m.name[2:] for m in pkgutil.iter_modules(answers.__path__)
                      if re.fullmatch(r"ch\d{2}", m.name))
        raise UnknownTaskError(f"chapter {chapter} has no answer key (helpers/answers/"
                               f"ch{chapter}.py); the chapters with keys are {keys}") from None
    key = getattr(module, "KEY", None)
    if not isinstance(key, AnswerKey) or key.chapter != chapter:
        raise TypeError(f"helpers/answers/ch{chapter}.py must define KEY = AnswerKey({chapter!r})")
    return key


def task(task_id: str, answer: Any, **context: Any) -> Verdict:
    """Check the answer to exercise ``task_id`` (``"04.1"``: chapter 04, task 1); print one line.

    The expected value, hint and tolerance come from the chapter's answer key
    (:class:`AnswerKey`), so the exercise notebook never shows them. ``context`` passes the
    notebook's own choices (a k, a cut-off) to the key. True only for a right answer.

    While nbgrader grades the notebook a wrong answer raises :class:`TaskFailed`; without the
    answer keys only the answer's form is checked (see the module's "Practice and grading").

    >>> task("00.1", None)
    ⏳ Task 1: not attempted yet — replace the `None` with your answer.
    False
    >>> task("00.4", "no such channel")
    ❌ Task 4: not yet. Hint: ...
    False
    """
    match = _TASK_ID.match(task_id) if isinstance(task_id, str) else None
    if match is None:
        raise ValueError(f"task_id must look like '04.1' (chapter.task), got {task_id!r}")
    if not _keys_present():
        return _form_only(task_id, match["number"], answer)
    key = answer_key(match["chapter"])
    if _grading():
        return _graded(key, task_id, match["number"], answer, context, sys._getframe(1))
    return key.check(match["number"], answer, **context)


# --- grading and form-only checks ----------------------------------------------------------------

KEYS_PACKAGE = "helpers.answers"
"""The answer keys: in the course repository (practice, and the grading side of a graded
course); absent from a graded course's student side (``tools/grading.py bundle``)."""

FORMS_FILE = Path(__file__).with_name("answer_forms.json")
"""Where the student side of a graded course finds each task's form (:attr:`AnswerKey.forms`):
written by ``tools/grading.py bundle``, absent from the repository."""

GRADING_ENV = "NBGRADER_EXECUTION"
"""Set by nbgrader for the kernels it runs (``autograde``, ``validate``): the checks grade."""

_TASK_CALL = re.compile(r"""\btask\(\s*["'](\d{2}\.\d+[a-z]?)["']""")
_CELL: dict[str, Any] = {"tasks": None, "earned": 0.0, "failed": []}


@functools.cache
def _keys_present() -> bool:
    """Whether the answer keys can be imported (practice and grading) or not (form only)."""
    return importlib.util.find_spec(KEYS_PACKAGE) is not None


def _grading() -> bool:
    return os.environ.get(GRADING_ENV, "") in ("autograde", "validate")


@functools.cache
def _forms() -> dict[str, dict[str, Any]]:
    try:
        return json.loads(FORMS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _form_only(task_id: str, number: str, answer: Any) -> Verdict:
    """Without the keys: is the answer given, and in the form the task asks for? Never the
    value, never an error."""
    label = _say(_M.TASK, number=number)
    if is_untouched(answer):
        return _untouched(label, answer)
    form = _forms().get(task_id) or {"kind": "any"}
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            if form.get("kind") == "choice":
                note = _choice_form(answer, form.get("options") or [])
            else:
                note = _compare.check_form(answer, form)
    except Exception:
        note = _say(_M.NOT_TESTABLE, kind=_describe(answer))
    if note is None:
        print(_say(_M.FORM_OK, task=label))
    else:
        print(_say(_M.FORM_WRONG, task=label, note=note))
    return Verdict(False)


def _choice_form(answer: Any, options: list[str]) -> str | None:
    listed = ", ".join(options)
    if not isinstance(answer, str):
        return _say(_M.CHOICE_AS_TEXT, options=listed)
    if _label_key(answer) not in {_label_key(o) for o in options}:
        return _say(_M.CHOICE_UNKNOWN, options=listed)
    return None


class _PartialScore(Verdict):
    """What a check cell with several tasks shows while it is graded when only some of them
    are right: the points they earned, which nbgrader reads as the cell's partial credit."""

    __slots__ = ("points",)
    _ipython_display_ = None  # shown (as its repr), unlike a Verdict

    def __init__(self, points: float) -> None:
        super().__init__(False)
        self.points = points

    def __repr__(self) -> str:
        return f"{self.points:g}"


def _graded(key: AnswerKey, task_id: str, number: str, answer: Any, context: dict[str, Any],
            caller: Any) -> Verdict:
    """The check while nbgrader grades: the line as in practice for a right answer; at the
    last check of the cell, :class:`TaskFailed` if no task of the cell is right, else the
    earned points (partial credit) after the lines of the wrong ones."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        verdict = key.check(number, answer, **context)
    line = buffer.getvalue()
    tasks = _cell_tasks(caller, task_id)
    if task_id == tasks[0] or _CELL["tasks"] != tasks:
        _CELL.update(tasks=tasks, earned=0.0, failed=[])
    if verdict:
        _CELL["earned"] += key.points[task_id]
        sys.stdout.write(line)
    else:
        _CELL["failed"].append(line)
    if task_id != tasks[-1]:
        return verdict
    earned, failed = _CELL["earned"], _CELL["failed"]
    _CELL.update(tasks=None, earned=0.0, failed=[])
    if not failed:
        return verdict
    if not earned:
        raise TaskFailed("".join(failed).rstrip("\n"))
    sys.stdout.write("".join(failed))
    return _PartialScore(earned)


def _cell_tasks(caller: Any, task_id: str) -> list[str]:
    """The tasks the calling notebook cell checks, in order (IPython keeps each cell's source
    for tracebacks); just ``task_id`` when that cannot be told."""
    if caller is None or caller.f_code.co_name != "<module>":
        return [task_id]
    found = _TASK_CALL.findall("".join(linecache.getlines(caller.f_code.co_filename)))
    if task_id not in found or len(set(found)) != len(found):
        return [task_id]
    return found


# --- output -------------------------------------------------------------------------------------

def _untouched(task: str, answer: object) -> Verdict:
    placeholder = "None" if answer is None else "..."
    print(_say(_M.UNTOUCHED, task=task, placeholder=placeholder))
    return Verdict(False)


def _verdict(task: str, problem: str | None, hint: str) -> Verdict:
    if problem is None:
        print(_say(_M.CORRECT, task=task))
        return Verdict(True)
    hint = language.text(hint).strip()  # the msgid is the hint as the key defines it
    if problem:
        print(_say(_M.WRONG_NOTE, task=task, note=problem[0].upper() + problem[1:], hint=hint))
    else:
        print(_say(_M.WRONG, task=task, hint=hint))
    return Verdict(False)


# --- argument checks (mistakes of the notebook's author) ----------------------------------------

def _require_text(name: str, value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{name} must not be empty")


def _points(points: object) -> float:
    return check_number(points, "points", low=0.0)


def _needs_context(compute: Callable[..., Any] | None) -> bool:
    """Whether a key's function needs arguments that only a check cell's context gives."""
    import inspect

    return compute is not None and any(
        p.default is p.empty and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
        for p in inspect.signature(compute).parameters.values())


def _tolerance(rtol: object, atol: object) -> _compare.Tolerance:
    return _compare.Tolerance(check_number(rtol, "rtol", low=0.0),
                              check_number(atol, "atol", low=0.0))


def _require_expected(expected: object) -> None:
    if is_untouched(expected):
        raise TypeError("expected must be the right answer computed in the check cell; "
                        f"{expected!r} is reserved for an untouched answer")
    if isinstance(expected, Iterator):
        raise TypeError("expected is an iterator, which can be read only once: make it a list")
    if callable(expected) and not isinstance(expected, (pd.DataFrame, pd.Series, np.ndarray)):
        raise TypeError("expected is a function: call it and pass its result")


def _options(options: Iterable[str] | str) -> dict[str, str]:
    if isinstance(options, str):
        labels = list(options.replace(" ", ""))
    elif isinstance(options, (list, tuple)):
        labels = list(options)
    else:
        raise TypeError(f"options must be text labels, e.g. 'ABCD' or ['A', 'B'], got "
                        f"{type(options).__name__} {options!r}")
    if not labels or not all(isinstance(o, str) and _label_key(o) for o in labels):
        raise TypeError("options must be non-empty text labels, e.g. 'ABCD' or ['A', 'B']")
    keys = {_label_key(o): o.strip() for o in labels}
    if len(keys) != len(labels):
        raise ValueError(f"options repeat a label: {labels}")
    return keys


def _label_key(label: str) -> str:
    return _compare.normalise_text(label).strip("()[].:) ")  # noqa: B005  (a set of characters)


def _describe(answer: object) -> str:
    """:func:`_compare.describe`, and never an error, whatever the answer is."""
    try:
        return _compare.describe(answer)
    except Exception:
        return _say(_M.UNUSUAL)
