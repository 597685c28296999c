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
and the notebook tests.
"""

from __future__ import annotations

import importlib
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from numbers import Real
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

__all__ = ["AnswerKey", "Verdict", "check", "check_predicate", "choice", "is_untouched",
           "task"]

NEAR = 1e-2  # a wrong number within 1 % (relative) of a known slip is reported as that slip


class _Tol(NamedTuple):
    rtol: float
    atol: float


# --- public API ---------------------------------------------------------------------------------

class Verdict:
    """The result of a check: behaves as ``True`` for a right answer and ``False`` otherwise.

    Use it like a bool (``if``, ``assert``, ``== True``). It shows nothing when it is the last
    value of a notebook cell, because the check has already printed its line. (A plain bool
    would be shown as ``True``/``False``: the usual trailing ``;`` hides it in JupyterLab, but
    not when the notebook tests run the cells, since they run them without input history.)
    """

    __slots__ = ("correct",)

    def __init__(self, correct: bool) -> None:
        self.correct = bool(correct)

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
    """True for the placeholders of an exercise cell: ``None`` and ``...`` (Ellipsis)."""
    return answer is None or answer is Ellipsis


def check(task: str, answer: Any, expected: Any, *, hint: str,
          rtol: float = 1e-6, atol: float = 0.0) -> Verdict:
    """Compare a student's ``answer`` with ``expected``; print one line; true only if right.

    Numbers compare with ``numpy.isclose(answer, expected, rtol, atol)``; NumPy arrays, pandas
    Series and DataFrames compare values (dtype-agnostic, floats with the same tolerance) and
    their index and columns (DataFrame column order is free); text ignores case and spacing;
    sets ignore order; lists, tuples and dicts compare item by item. A wrong answer gets a
    specific note where one helps (wrong type or length, missing columns, a percentage instead
    of a share, a flipped sign, close but outside the tolerance) followed by the author's
    ``hint``. The expected value is never shown.
    """
    _require_text("task", task)
    _require_text("hint", hint)
    tol = _tolerance(rtol, atol)
    _require_expected(expected)
    if is_untouched(answer):
        return _untouched(task, answer)
    try:
        problem = _diagnose(answer, expected, tol)
    except Exception:  # an odd answer object must not stop the notebook
        problem = f"your answer ({_kind(answer)}) could not be compared with the expected kind " \
                  "of value"
    return _verdict(task, problem, hint)


def check_predicate(task: str, answer: Any, test: Callable[[Any], bool], *, hint: str
                    ) -> Verdict:
    """Check an open-ended answer with ``test(answer)``, e.g. a cut-off between two bounds.

    ``test`` returns True for every acceptable answer; an error inside it (say, the answer has
    the wrong type) counts as a wrong answer, not as a crash. Prints one line; true only if right.
    """
    _require_text("task", task)
    _require_text("hint", hint)
    if not callable(test):
        raise TypeError(f"test must be a function of the answer returning True or False, "
                        f"got {type(test).__name__}")
    if is_untouched(answer):
        return _untouched(task, answer)
    try:
        passed = bool(test(answer))
        problem = None if passed else ""
    except Exception:
        problem = f"your answer ({_kind(answer)}) could not be tested — check what kind of value " \
                  "the task asks for"
    return _verdict(task, problem, hint)


def choice(task: str, answer: Any, correct: str, options: Iterable[str] | str, *,
           hint: str) -> Verdict:
    """Check a multiple-choice answer such as ``answer = "B"`` against the ``correct`` option.

    ``options`` is the list of labels (``"ABCD"`` or ``["A", "B", "C", "D"]``); case, spaces and
    brackets or a full stop around the label are ignored (``"b"``, ``"(B)"``, ``"B."``).
    Prints one line; true only if right.
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
        problem = f"give the label of your choice as text in quotes — one of {listed}"
    elif _label_key(answer) not in labels:
        problem = f"your answer is not one of the options {listed}"
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

    def value(self, number: int | str, *, hint: str, rtol: float = 1e-6, atol: float = 0.0
              ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Register the function that computes task ``number``'s expected value."""
        tol = _tolerance(rtol, atol)

        def register(compute: Callable[..., Any]) -> Callable[..., Any]:
            self._add(number, _Entry("value", hint, compute, rtol=tol.rtol, atol=tol.atol))
            return compute
        return register

    def predicate(self, number: int | str, *, hint: str
                  ) -> Callable[[Callable[..., bool]], Callable[..., bool]]:
        """Register ``test(answer, **context)`` for an open-ended task ``number``."""
        def register(test: Callable[..., bool]) -> Callable[..., bool]:
            self._add(number, _Entry("predicate", hint, test))
            return test
        return register

    def choice(self, number: int | str, correct: str, *, options: Iterable[str] | str,
               hint: str) -> None:
        """Register a multiple-choice task ``number`` whose right option is ``correct``."""
        labels = _options(options)
        if not isinstance(correct, str) or _label_key(correct) not in labels:
            raise ValueError(f"correct {correct!r} is not one of the options "
                             f"{list(labels.values())}")
        self._add(number, _Entry("choice", hint, correct=correct, options=options))

    def check(self, number: int | str, answer: Any, **context: Any) -> Verdict:
        """Check ``answer`` to task ``number`` of this chapter; print one line."""
        entry = self._entries.get(str(number))
        if entry is None:
            raise KeyError(f"chapter {self.chapter} has no task {number!r}; its tasks are "
                           f"{self.tasks}")
        label = f"Task {number}"
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

    def _add(self, number: int | str, entry: _Entry) -> None:
        key = str(number)
        if not re.fullmatch(r"\d+[a-z]?", key):
            raise ValueError(f"task number must look like 3 or '3b', got {number!r}")
        if key in self._entries:
            raise ValueError(f"task {self.chapter}.{key} is registered twice")
        _require_text("hint", entry.hint)
        self._entries[key] = entry


def answer_key(chapter: str) -> AnswerKey:
    """The answer key of ``chapter`` (``"04"``), from ``helpers/answers/ch04.py``."""
    module = importlib.import_module(f"helpers.answers.ch{chapter}")
    key = getattr(module, "KEY", None)
    if not isinstance(key, AnswerKey) or key.chapter != chapter:
        raise TypeError(f"helpers/answers/ch{chapter}.py must define KEY = AnswerKey({chapter!r})")
    return key


def task(task_id: str, answer: Any, **context: Any) -> Verdict:
    """Check the answer to exercise ``task_id`` (``"04.1"``: chapter 04, task 1); print one line.

    The expected value, hint and tolerance come from the chapter's answer key
    (:class:`AnswerKey`), so the exercise notebook never shows them. ``context`` passes the
    notebook's own choices (a k, a cut-off) to the key. True only for a right answer.
    """
    match = _TASK_ID.match(task_id) if isinstance(task_id, str) else None
    if match is None:
        raise ValueError(f"task_id must look like '04.1' (chapter.task), got {task_id!r}")
    return answer_key(match["chapter"]).check(match["number"], answer, **context)


# --- output -------------------------------------------------------------------------------------

def _untouched(task: str, answer: object) -> Verdict:
    placeholder = "None" if answer is None else "..."
    print(f"⏳ {task}: not attempted yet — replace the `{placeholder}` with your answer.")
    return Verdict(False)


def _verdict(task: str, problem: str | None, hint: str) -> Verdict:
    if problem is None:
        print(f"✅ {task}: correct.")
        return Verdict(True)
    note = f" {problem[0].upper()}{problem[1:]}." if problem else ""
    print(f"❌ {task}: not yet.{note} Hint: {hint.strip()}")
    return Verdict(False)


# --- argument checks (mistakes of the notebook's author) ----------------------------------------

def _require_text(name: str, value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{name} must not be empty")


def _tolerance(rtol: object, atol: object) -> _Tol:
    for name, value in (("rtol", rtol), ("atol", atol)):
        if isinstance(value, bool) or not isinstance(value, Real):
            raise TypeError(f"{name} must be a number, got {type(value).__name__}")
        if not (math.isfinite(value) and value >= 0):
            raise ValueError(f"{name} must be a finite number >= 0, got {value}")
    return _Tol(float(rtol), float(atol))  # type: ignore[arg-type]


def _require_expected(expected: object) -> None:
    if is_untouched(expected):
        raise TypeError("expected must be the right answer computed in the check cell; "
                        f"{expected!r} is reserved for an untouched answer")
    if isinstance(expected, Iterator):
        raise TypeError("expected is an iterator, which can be read only once: make it a list")
    if callable(expected) and not isinstance(expected, (pd.DataFrame, pd.Series, np.ndarray)):
        raise TypeError("expected is a function: call it and pass its result")


def _options(options: Iterable[str] | str) -> dict[str, str]:
    labels = list(options) if not isinstance(options, str) else list(options.replace(" ", ""))
    if not labels or not all(isinstance(o, str) and _label_key(o) for o in labels):
        raise TypeError("options must be non-empty text labels, e.g. 'ABCD' or ['A', 'B']")
    keys = {_label_key(o): o.strip() for o in labels}
    if len(keys) != len(labels):
        raise ValueError(f"options repeat a label: {labels}")
    return keys


def _label_key(label: str) -> str:
    return _norm_text(label).strip("()[].:) ")


# --- comparing ----------------------------------------------------------------------------------

def _diagnose(answer: Any, expected: Any, tol: _Tol) -> str | None:
    """None when ``answer`` matches ``expected``; else a note ('' when there is nothing specific).

    Notes speak about the student's answer and the shape of the task (types, lengths, column
    names), never about the expected values.
    """
    if isinstance(expected, np.ndarray) and expected.ndim == 0:
        expected = expected.item()
    if isinstance(expected, pd.DataFrame):
        return _frame(answer, expected, tol)
    if isinstance(expected, pd.Series):
        return _series(answer, expected, tol)
    if isinstance(expected, np.ndarray):
        return _array(answer, expected, tol)
    if isinstance(expected, (bool, np.bool_)):
        return _boolean(answer, bool(expected))
    if _is_number(expected):
        return _number(answer, expected, tol)
    if isinstance(expected, str):
        return _text(answer, expected)
    if isinstance(expected, (set, frozenset)):
        return _set(answer, expected)
    if isinstance(expected, Mapping):
        return _mapping(answer, expected, tol)
    if isinstance(expected, (list, tuple, pd.Index)):
        return _sequence(answer, list(expected), tol)
    return _other(answer, expected)


def _is_number(x: object) -> bool:
    return isinstance(x, (Real, np.integer, np.floating)) and not isinstance(x, (bool, np.bool_))


def _kind(x: object) -> str:
    """How a value is described to a student: 'a number', 'a DataFrame', 'text', …"""
    if x is None:
        return "None"
    if isinstance(x, (bool, np.bool_)):
        return "True/False"
    if _is_number(x):
        return "a number"
    if isinstance(x, str):
        return "text"
    for cls, name in ((pd.DataFrame, "a DataFrame"), (pd.Series, "a Series"),
                      (pd.Index, "a pandas Index"), (np.ndarray, "a NumPy array"),
                      (Mapping, "a dict"), ((set, frozenset), "a set"), (list, "a list"),
                      (tuple, "a tuple")):
        if isinstance(x, cls):
            return name
    if callable(x):
        return "a function (did you forget to call it?)"
    name = type(x).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def _norm_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _show(label: object) -> str:
    """A label as a student would write it: 'C017', 3, 2024-01-31 (no numpy wrappers)."""
    if isinstance(label, np.generic):
        label = label.item()
    return repr(label) if isinstance(label, str) else str(label)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _number(answer: Any, expected: Any, tol: _Tol) -> str | None:
    if not _is_number(answer):
        if isinstance(answer, (pd.Series, pd.DataFrame, pd.Index, np.ndarray)) and answer.size == 1:
            return (f"expected a single number, got {_kind(answer)} holding one value — take the "
                    "number out, e.g. with `.item()`")
        if isinstance(answer, str):
            return "expected a number, got text — leave out the quotes"
        return f"expected a number, got {_kind(answer)}"
    a, e = float(answer), float(expected)
    if math.isnan(a) and not math.isnan(e):
        return "your answer is NaN (not a number) — look for missing values or a division by zero"
    if np.isclose(a, e, rtol=tol.rtol, atol=tol.atol, equal_nan=True):
        return None
    return _slip(np.array([a]), np.array([e]))


def _slip(a: np.ndarray, e: np.ndarray) -> str:
    """Name a common slip shared by all the wrong numbers ``a`` (expected ``e``), or ''."""
    with np.errstate(all="ignore"):
        if a.size == 0 or not (np.isfinite(a).all() and np.isfinite(e).all()) or (e == 0).any():
            return ""

        def near(x: np.ndarray, y: np.ndarray) -> bool:
            return bool(np.isclose(x, y, rtol=NEAR, atol=0.0).all())

        size = np.abs(e)
        if (size <= 1).all() and near(a, 100 * e):
            return "it looks like a percentage — give a share between 0 and 1"
        if ((size > 1) & (size <= 100)).all() and near(100 * a, e):
            return "it looks like a share — this task asks for a percentage (0 to 100)"
        if near(a, -e):
            return "the sign is flipped"
        if near(a, e):
            return ("close, but not within the tolerance — check rounding (round only at the end, "
                    "if at all) and that you used all the data")
        return ""


def _text(answer: Any, expected: str) -> str | None:
    if not isinstance(answer, str):
        return f"expected text (in quotes), got {_kind(answer)}"
    return None if _norm_text(answer) == _norm_text(expected) else ""


def _boolean(answer: Any, expected: bool) -> str | None:
    if not isinstance(answer, (bool, np.bool_)):
        if isinstance(answer, str) and _norm_text(answer) in {"true", "false", "yes", "no"}:
            return "expected True or False without quotes, got text"
        return f"expected True or False, got {_kind(answer)}"
    return None if bool(answer) == expected else ""


def _as_list(answer: Any) -> list[Any] | None:
    if isinstance(answer, (pd.Series, pd.Index)):
        return answer.tolist()
    if isinstance(answer, np.ndarray) and answer.ndim == 1:
        return answer.tolist()
    if isinstance(answer, (list, tuple)):
        return list(answer)
    return None


def _item_key(x: Any) -> Any:
    if isinstance(x, np.generic):
        x = x.item()
    return _norm_text(x) if isinstance(x, str) else x


def _set(answer: Any, expected: set[Any] | frozenset[Any]) -> str | None:
    items = list(answer) if isinstance(answer, (set, frozenset)) else _as_list(answer)
    if items is None:
        return f"expected a set (or list) of items, got {_kind(answer)}"
    got = {_item_key(x) for x in items}
    want = {_item_key(x) for x in expected}
    if got == want:
        return None
    missing, extra = len(want - got), len(got - want)
    parts = ([_plural(missing, "expected item is", "expected items are") + " missing"]
             if missing else []) + (
        [_plural(extra, "item does", "items do") + " not belong"] if extra else [])
    return " and ".join(parts)


def _sequence(answer: Any, expected: list[Any], tol: _Tol) -> str | None:
    if isinstance(answer, (set, frozenset)):
        return "expected an ordered list, got a set — the order matters here"
    items = _as_list(answer)
    if items is None:
        return f"expected a list of {len(expected)} items, got {_kind(answer)}"
    if len(items) != len(expected):
        return f"expected {len(expected)} items, got {len(items)}"
    wrong = [(i, p) for i, (x, y) in enumerate(zip(items, expected))
             if (p := _diagnose(x, y, tol)) is not None]
    if not wrong:
        return None
    try:
        if sorted(map(_item_key, items)) == sorted(map(_item_key, expected)):
            return "the right items in the wrong order — check the sorting"
    except TypeError:
        pass
    position, problem = wrong[0]
    detail = f": {problem}" if problem else ""
    return (f"{_plural(len(wrong), 'item differs', 'items differ')} "
            f"(the first at position {position}, counting from 0{detail})")


def _mapping(answer: Any, expected: Mapping[Any, Any], tol: _Tol) -> str | None:
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, Mapping):
        return f"expected a dict, got {_kind(answer)}"
    missing = sum(k not in answer for k in expected)  # keys may be the answer: count them only
    extra = [_show(k) for k in answer if k not in expected]
    if missing or extra:
        parts = ([_plural(missing, "expected key is", "expected keys are") + " missing"]
                 if missing else []) + ([f"unexpected [{', '.join(extra)}]"] if extra else [])
        return "keys differ: " + "; ".join(parts)
    wrong = [(k, p) for k in expected if (p := _diagnose(answer[k], expected[k], tol)) is not None]
    if not wrong:
        return None
    key, problem = wrong[0]
    detail = f": {problem}" if problem else ""
    return (f"{_plural(len(wrong), 'value is', 'values are')} not right "
            f"(the first for key {_show(key)}{detail})")


def _differ(what: str, missing: list[str], extra: list[str]) -> str:
    parts = ([f"missing [{', '.join(missing)}]"] if missing else []) + (
        [f"unexpected [{', '.join(extra)}]"] if extra else [])
    return f"{what} differ: " + "; ".join(parts)


def _labels(got: pd.Index, want: pd.Index, what: str) -> str | None:
    """Compare row labels (dtype-agnostic); the note gives counts, never the expected labels."""
    if got.equals(want) or got.tolist() == want.tolist():
        return None
    default = pd.RangeIndex(len(want))
    if got.equals(default):
        return (f"the {what} is just 0, 1, 2, … — the labels were lost (keep them, or use "
                "`set_index`)")
    if want.equals(default):
        return f"expected a plain 0, 1, 2, … {what} — use `.reset_index(drop=True)`"
    missing = int((~want.isin(got)).sum())
    extra = int((~got.isin(want)).sum())
    if not missing and not extra:
        return f"the {what} has the right labels in a different order — check the sorting"
    parts = ([_plural(missing, "expected label is", "expected labels are") + " missing"]
             if missing else []) + (
        [_plural(extra, "label does", "labels do") + " not belong"] if extra else [])
    return f"the {what} differs: " + " and ".join(parts)


_NUMBERS = {"integer", "floating", "mixed-integer-float", "empty"}


def _floats(values: pd.Series) -> np.ndarray | None:
    """The values as floats (NaN for missing) if they are all numbers, else None."""
    if pd.api.types.is_bool_dtype(values.dtype):
        return None
    if pd.api.types.is_numeric_dtype(values.dtype):
        return values.to_numpy(dtype=float, na_value=np.nan)
    if values.dtype == object and pd.api.types.infer_dtype(values, skipna=True) in _NUMBERS:
        return pd.to_numeric(values).to_numpy(dtype=float, na_value=np.nan)
    return None


def _norm_texts(values: pd.Series) -> pd.Series:
    return values.str.normalize("NFKC").str.casefold().str.split().str.join(" ")


def _unequal(got: pd.Series, want: pd.Series) -> np.ndarray:
    """Element-wise mismatch of non-numeric values; text ignores case and spacing."""
    got, want = got.reset_index(drop=True), want.reset_index(drop=True)
    both_missing = (got.isna() & want.isna()).to_numpy()
    try:
        equal = np.asarray(got.to_numpy(dtype=object) == want.to_numpy(dtype=object))
    except (TypeError, ValueError):
        equal = np.array(None)
    if equal.shape != both_missing.shape or equal.dtype != bool:  # odd values: one by one
        equal = np.array([_same(x, y) for x, y in zip(got, want)], dtype=bool)
    bad = ~(equal | both_missing)
    if bad.any() and all(pd.api.types.infer_dtype(s[bad], skipna=True) == "string"
                         for s in (got, want)):
        bad[bad] = (_norm_texts(got[bad]) != _norm_texts(want[bad])).to_numpy(dtype=bool)
    return bad


def _same(x: Any, y: Any) -> bool:
    try:
        return bool(x == y)
    except (TypeError, ValueError):
        return False


def _values(got: pd.Series, want: pd.Series, tol: _Tol, where: Callable[[int], str]
            ) -> str | None:
    """Compare two equally long columns of values; ``where(i)`` names position ``i``."""
    want_f = _floats(want)
    slip = ""
    if want_f is not None:
        got_f = _floats(got)
        if got_f is None:
            return "expected numbers, got text or other values that are not numbers"
        with np.errstate(invalid="ignore"):
            bad = ~np.isclose(got_f, want_f, rtol=tol.rtol, atol=tol.atol, equal_nan=True)
        slip = _slip(got_f[bad], want_f[bad])
    else:
        bad = _unequal(got, want)
    count = int(bad.sum())
    if not count:
        return None
    first = where(int(np.flatnonzero(bad)[0]))
    verb = "differs" if count == 1 else "differ"
    note = f"{count} of {len(want)} values {verb} (the first at {first})"
    return f"{note}; {slip}" if slip else note


def _label_at(index: pd.Index) -> Callable[[int], str]:
    return lambda i: f"label {_show(index[i])}"


def _series(answer: Any, expected: pd.Series, tol: _Tol) -> str | None:
    if not isinstance(answer, pd.Series):
        if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
            return ("expected a Series, got a DataFrame with one column — select the column, "
                    "e.g. `df['name']`")
        return f"expected a Series, got {_kind(answer)}"
    if len(answer) != len(expected):
        return f"expected {len(expected)} values, got {len(answer)}"
    return _labels(answer.index, expected.index, "index") or _values(
        answer, expected, tol, _label_at(expected.index))


def _frame(answer: Any, expected: pd.DataFrame, tol: _Tol) -> str | None:
    if not isinstance(answer, pd.DataFrame):
        if isinstance(answer, pd.Series) and expected.shape[1] == 1:
            return ("expected a DataFrame, got a Series — use `.to_frame()` or double brackets, "
                    "e.g. `df[['name']]`")
        return f"expected a DataFrame, got {_kind(answer)}"
    missing = [_show(c) for c in expected.columns if c not in answer.columns]
    extra = [_show(c) for c in answer.columns if c not in expected.columns]
    if missing or extra:
        return _differ("columns", missing, extra)
    if len(answer) != len(expected):
        return f"expected {len(expected)} rows, got {len(answer)}"
    problem = _labels(answer.index, expected.index, "index")
    if problem:
        return problem
    where = _label_at(expected.index)
    wrong = [(c, p) for c in expected.columns
             if (p := _values(answer[c], expected[c], tol, where)) is not None]
    if not wrong:
        return None
    column, problem = wrong[0]
    if len(wrong) == 1:
        return f"in column {_show(column)}, {problem}"
    return f"{len(wrong)} columns hold wrong values — in column {_show(column)}, {problem}"


def _array(answer: Any, expected: np.ndarray, tol: _Tol) -> str | None:
    if isinstance(answer, (pd.Series, pd.Index, pd.DataFrame)):
        answer = answer.to_numpy()
    elif isinstance(answer, (list, tuple)):
        answer = np.asarray(answer)
    if not isinstance(answer, np.ndarray):
        return f"expected an array of values, got {_kind(answer)}"
    if answer.shape != expected.shape:
        if answer.ndim == expected.ndim == 1:
            return f"expected {len(expected)} values, got {len(answer)}"
        return f"expected an array of shape {expected.shape}, got shape {answer.shape}"

    def where(i: int) -> str:
        position = tuple(int(p) for p in np.unravel_index(i, expected.shape))
        return f"position {position[0] if len(position) == 1 else position}"

    return _values(pd.Series(answer.ravel()), pd.Series(expected.ravel()), tol, where)


def _other(answer: Any, expected: Any) -> str | None:
    try:
        same = answer == expected
        if isinstance(same, (bool, np.bool_)) and same:
            return None
    except Exception:
        pass
    if not isinstance(answer, type(expected)):
        return f"expected {_kind(expected)}, got {_kind(answer)}"
    return ""
