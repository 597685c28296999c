"""The comparison engine behind :mod:`helpers.checks`: what is wrong with a student's answer.

:func:`diagnose` compares an answer with the expected value and returns ``None`` when it is
right, or a short note for the student when it is not ("expected 5 values, got 4", "it looks
like a percentage — give a share between 0 and 1", "" when there is nothing specific to say).
Notes speak about the answer and the shape of the task (types, lengths, column names), never
about the expected values, so that a check cannot give the answer away.

**Exact and real answers.** An expected value of an integer type — a count, a number of
customers, a grid point, an integer column of a table — is *exact*: the answer must be that
whole number (a float such as ``1142.0`` is fine), the key's tolerance does not apply, and a
wrong answer gets no note at all, so that a student cannot walk to it in steps of ±1. A real
number compares with ``numpy.isclose`` (relative and absolute :class:`Tolerance`); a wrong one
is told about a slip only when the slip explains it fully: a percentage or a share where the
other was asked, a flipped sign, or an answer that *is* the expected value rounded (to the
decimals the answer shows). No note says "close" otherwise. NumPy arrays, pandas Series and
DataFrames compare values (dtype-agnostic; integer columns exactly) and labels (DataFrame column
order is free); text ignores case, spacing and full-width forms; sets ignore order; lists,
tuples and dicts compare item by item.

**Language.** Every note is one of the templates of :class:`M` (listed in :data:`MESSAGES`),
looked up in the course's language by :func:`say` (:func:`helpers.language.text`) and filled
in with ``str.format``, so that after ``use_language("zh")`` the notes are Chinese.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Mapping
from numbers import Real
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from . import language

MAX_DECIMALS = 8
"""An answer with more decimals than this is a computed number, not a rounded one: it gets no
rounding note."""

EXACT_ATOL = 1e-6
"""Float noise allowed when an exact (integer) answer is given as a float: far below 1."""


class M:
    """Every text a check prints, as an English template with ``str.format`` placeholders.

    The Chinese texts are in ``helpers/locale/zh_CN/LC_MESSAGES/helpers.po`` under the same
    English ``msgid`` (``tools/translate.py update`` lists these templates there).
    """

    # the one line of a check (helpers/checks.py)
    UNTOUCHED = "⏳ {task}: not attempted yet — replace the `{placeholder}` with your answer."
    CORRECT = "✅ {task}: correct."
    WRONG = "❌ {task}: not yet. Hint: {hint}"
    WRONG_NOTE = "❌ {task}: not yet. {note}. Hint: {hint}"
    TASK = "Task {number}"
    NOT_COMPARABLE = ("your answer ({kind}) could not be compared with the expected kind of "
                      "value")
    NOT_TESTABLE = ("your answer ({kind}) could not be tested — check what kind of value the "
                    "task asks for")
    CHOICE_AS_TEXT = "give the label of your choice as text in quotes — one of {options}"
    CHOICE_UNKNOWN = "your answer is not one of the options {options}"
    UNUSUAL = "an object of an unusual kind"
    # what an answer is
    NONE = "None"
    TRUE_FALSE = "True/False"
    A_NUMBER = "a number"
    TEXT = "text"
    A_DATAFRAME = "a DataFrame"
    A_SERIES = "a Series"
    AN_INDEX = "a pandas Index"
    AN_ARRAY = "a NumPy array"
    A_DICT = "a dict"
    A_SET = "a set"
    A_LIST = "a list"
    A_TUPLE = "a tuple"
    A_FUNCTION = "a function (did you forget to call it?)"
    A_KIND = "a {name}"
    AN_KIND = "an {name}"
    # numbers
    ONE_VALUE_HELD = ("expected a single number, got {kind} holding one value — take the "
                      "number out, e.g. with `.item()`")
    NUMBER_AS_TEXT = "expected a number, got text — leave out the quotes"
    NOT_A_NUMBER = "expected a number, got {kind}"
    NAN = ("your answer is NaN (not a number) — look for missing values or a division by "
           "zero")
    PERCENTAGE = "it looks like a percentage — give a share between 0 and 1"
    SHARE = "it looks like a share — this task asks for a percentage (0 to 100)"
    SIGN = "the sign is flipped"
    ROUNDED = ("it looks rounded — keep all the decimals and round only for display, if at "
               "all")
    # text and True/False
    NOT_TEXT = "expected text (in quotes), got {kind}"
    BOOL_AS_TEXT = "expected True or False without quotes, got text"
    NOT_BOOL = "expected True or False, got {kind}"
    # sets, lists, dicts
    NOT_A_SET = "expected a set (or list) of items, got {kind}"
    ITEM_MISSING = "{count} expected item is missing"
    ITEMS_MISSING = "{count} expected items are missing"
    ITEM_EXTRA = "{count} item does not belong"
    ITEMS_EXTRA = "{count} items do not belong"
    AND = "{first} and {second}"
    THEN = "{first}; {second}"
    SET_FOR_LIST = "expected an ordered list, got a set — the order matters here"
    NOT_A_LIST = "expected a list of {count} items, got {kind}"
    ITEM_COUNT = "expected {count} items, got {got}"
    WRONG_ORDER = "the right items in the wrong order — check the sorting"
    ITEM_DIFFERS = "{count} item differs (the first at position {position}, counting from 0)"
    ITEMS_DIFFER = "{count} items differ (the first at position {position}, counting from 0)"
    ITEM_DIFFERS_NOTE = ("{count} item differs (the first at position {position}, counting "
                         "from 0: {problem})")
    ITEMS_DIFFER_NOTE = ("{count} items differ (the first at position {position}, counting "
                         "from 0: {problem})")
    NOT_A_DICT = "expected a dict, got {kind}"
    KEY_MISSING = "{count} expected key is missing"
    KEYS_MISSING = "{count} expected keys are missing"
    UNEXPECTED = "unexpected [{labels}]"
    MISSING = "missing [{labels}]"
    KEYS_DIFFER = "keys differ: {problems}"
    VALUE_WRONG = "{count} value is not right (the first for key {key})"
    VALUES_WRONG = "{count} values are not right (the first for key {key})"
    VALUE_WRONG_NOTE = "{count} value is not right (the first for key {key}: {problem})"
    VALUES_WRONG_NOTE = "{count} values are not right (the first for key {key}: {problem})"
    # tables and arrays
    COLUMNS_DIFFER = "columns differ: {problems}"
    INDEX_LOST = ("the index is just 0, 1, 2, … — the labels were lost (keep them, or use "
                  "`set_index`)")
    INDEX_PLAIN = "expected a plain 0, 1, 2, … index — use `.reset_index(drop=True)`"
    INDEX_ORDER = "the index has the right labels in a different order — check the sorting"
    INDEX_DIFFERS = "the index differs: {problems}"
    LABEL_MISSING = "{count} expected label is missing"
    LABELS_MISSING = "{count} expected labels are missing"
    LABEL_EXTRA = "{count} label does not belong"
    LABELS_EXTRA = "{count} labels do not belong"
    NOT_NUMBERS = "expected numbers, got text or other values that are not numbers"
    VALUE_DIFFERS = "{count} of {total} values differs (the first at {where})"
    VALUES_DIFFER = "{count} of {total} values differ (the first at {where})"
    AT_LABEL = "label {label}"
    AT_POSITION = "position {position}"
    FRAME_FOR_SERIES = ("expected a Series, got a DataFrame with one column — select the "
                        "column, e.g. `df['name']`")
    NOT_A_SERIES = "expected a Series, got {kind}"
    VALUE_COUNT = "expected {count} values, got {got}"
    SERIES_FOR_FRAME = ("expected a DataFrame, got a Series — use `.to_frame()` or double "
                        "brackets, e.g. `df[['name']]`")
    NOT_A_FRAME = "expected a DataFrame, got {kind}"
    ROW_COUNT = "expected {count} rows, got {got}"
    IN_COLUMN = "in column {column}, {problem}"
    COLUMNS_WRONG = "{count} columns hold wrong values — in column {column}, {problem}"
    NOT_AN_ARRAY = "expected an array of values, got {kind}"
    SHAPE = "expected an array of shape {shape}, got shape {got}"
    OTHER_KIND = "expected {kind}, got {got}"
    # without the answer keys (a graded course's student side): the form only, never the value
    FORM_OK = "📝 {task}: answered — form checked only; your teacher grades the value."
    FORM_WRONG = ("❌ {task}: not in the form the task asks for — {note}. Form checked only; "
                  "your teacher grades the value.")
    WHOLE = "expected a whole number"
    INFINITE = "your answer is infinite — look for a division by zero"
    BETWEEN = "expected a number from {low} to {high}"
    AT_LEAST = "expected a number of at least {low}"
    AT_MOST = "expected a number of at most {high}"


MESSAGES: tuple[str, ...] = tuple(v for k, v in vars(M).items() if k.isupper())
"""Every template a check may print (the ``msgid`` of its translations), in the order above."""


def say(template: str, **values: Any) -> str:
    """``template`` in the course's language, its ``{placeholders}`` filled with ``values``.

    >>> say(M.ITEM_COUNT, count=3, got=2)
    'expected 3 items, got 2'
    """
    return language.text(template).format(**values)


class Tolerance(NamedTuple):
    """How close a real number must be to count as right: ``numpy.isclose(answer, expected,
    rtol, atol)``. Exact (integer) answers ignore it.

    >>> Tolerance(rtol=1e-6, atol=0.0)
    Tolerance(rtol=1e-06, atol=0.0)
    """

    rtol: float
    atol: float


def diagnose(answer: Any, expected: Any, tol: Tolerance) -> str | None:
    """None when ``answer`` matches ``expected``; else a note ('' when there is nothing specific).

    Notes speak about the student's answer and the shape of the task (types, lengths, column
    names), never about the expected values.

    >>> tol = Tolerance(rtol=1e-6, atol=0.0)
    >>> diagnose(0.25, 0.25, tol) is None
    True
    >>> diagnose(25.0, 0.25, tol)
    'it looks like a percentage — give a share between 0 and 1'
    >>> diagnose(0.52, 0.5183, tol)
    'it looks rounded — keep all the decimals and round only for display, if at all'
    >>> diagnose(1141, 1142, tol)  # an exact answer: no note that it is near
    ''
    >>> diagnose([3, 1, 2], [1, 2, 3], tol)
    'the right items in the wrong order — check the sorting'
    >>> diagnose(pd.Series([1.0, 2.0]), pd.Series([1.0, 2.0, 3.0]), tol)
    'expected 3 values, got 2'
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


def is_exact(x: object) -> bool:
    """Whether ``x`` is an exact expected value: an integer (Python or NumPy), not a bool.

    >>> is_exact(1142), is_exact(np.int64(3)), is_exact(530.0), is_exact(True)
    (True, True, False, False)
    """
    return isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_))


def describe(x: object) -> str:
    """How a value is described to a student: 'a number', 'a DataFrame', 'text', …

    >>> describe(3.5), describe(pd.DataFrame()), describe(len)
    ('a number', 'a DataFrame', 'a function (did you forget to call it?)')
    """
    if x is None:
        return say(M.NONE)
    if isinstance(x, (bool, np.bool_)):
        return say(M.TRUE_FALSE)
    if _is_number(x):
        return say(M.A_NUMBER)
    if isinstance(x, str):
        return say(M.TEXT)
    for cls, name in ((pd.DataFrame, M.A_DATAFRAME), (pd.Series, M.A_SERIES),
                      (pd.Index, M.AN_INDEX), (np.ndarray, M.AN_ARRAY), (Mapping, M.A_DICT),
                      ((set, frozenset), M.A_SET), (list, M.A_LIST), (tuple, M.A_TUPLE)):
        if isinstance(x, cls):
            return say(name)
    if callable(x):
        return say(M.A_FUNCTION)
    name = type(x).__name__
    return say(M.AN_KIND if name[:1].lower() in "aeiou" else M.A_KIND, name=name)


def normalise_text(text: str) -> str:
    """Text as it is compared: NFKC (full-width forms as plain ones), case-folded, single spaces.

    >>> normalise_text("  Customer   ＬＩＦＥＴＩＭＥ value ")
    'customer lifetime value'
    """
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _show(label: object) -> str:
    """A label as a student would write it: 'C017', 3, 2024-01-31 (no numpy wrappers)."""
    if isinstance(label, np.generic):
        label = label.item()
    return repr(label) if isinstance(label, str) else str(label)


def _count(n: int, one: str, many: str, **values: Any) -> str:
    """The template ``one`` for a count of 1, else ``many``, filled with ``count=n``."""
    return say(one if n == 1 else many, count=n, **values)


def _joined(parts: list[str], template: str) -> str:
    """Two notes joined by ``template`` (M.AND or M.THEN); one note as it is."""
    return say(template, first=parts[0], second=parts[1]) if len(parts) == 2 else parts[0]


# --- numbers ------------------------------------------------------------------------------------

def _not_a_number(answer: Any) -> str:
    """What to tell a student whose answer to a number task is not a number."""
    if isinstance(answer, (pd.Series, pd.DataFrame, pd.Index, np.ndarray)) and answer.size == 1:
        return say(M.ONE_VALUE_HELD, kind=describe(answer))
    if isinstance(answer, str):
        return say(M.NUMBER_AS_TEXT)
    return say(M.NOT_A_NUMBER, kind=describe(answer))


def _number(answer: Any, expected: Any, tol: Tolerance) -> str | None:
    if not _is_number(answer):
        return _not_a_number(answer)
    if is_exact(expected) and is_exact(answer):
        return None if int(answer) == int(expected) else ""
    a, e = float(answer), float(expected)
    if math.isnan(a) and not math.isnan(e):
        return say(M.NAN)
    if is_exact(expected):
        return None if _exact(np.array([a]), np.array([e])).all() else ""
    if np.isclose(a, e, rtol=tol.rtol, atol=tol.atol, equal_nan=True):
        return None
    return _slip(np.array([a]), np.array([e]), tol)


def _exact(a: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Element-wise: ``a`` equals the whole numbers ``e`` up to float noise (never a unit
    apart); missing equals missing."""
    with np.errstate(invalid="ignore"):
        noise = np.maximum(EXACT_ATOL, 4 * np.spacing(np.abs(e)))
        return (np.abs(a - e) <= noise) | (np.isnan(a) & np.isnan(e))


def _decimals(x: float) -> int | None:
    """How many decimals ``x`` shows when written out (``0.63`` → 2, ``881623.0`` → 0), or None
    for more than :data:`MAX_DECIMALS` (a computed number, not a rounded one)."""
    digits = np.format_float_positional(x, unique=True, trim="-").partition(".")[2]
    return len(digits) if len(digits) <= MAX_DECIMALS else None


def _rounded(a: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Element-wise: ``a`` is ``e`` rounded to the decimals ``a`` shows, keeping at least its
    first digit (``0.52`` for ``0.5183``; not ``1`` for ``0.52``, nor ``0`` for anything)."""
    out = np.zeros(a.shape, dtype=bool)
    for i, (x, y) in enumerate(zip(a.tolist(), e.tolist())):
        places = _decimals(x)
        if places is None or x == 0:
            continue
        gap = abs(x - y)
        out[i] = gap <= 0.5 * 10.0 ** -places * (1 + 1e-9) and gap < 0.5 * abs(y)
    return out


def _slip(a: np.ndarray, e: np.ndarray, tol: Tolerance) -> str:
    """Name the slip that explains every wrong real number ``a`` (expected ``e``), or ''.

    A slip is named only when it explains the answer fully — undone, the answer is right
    (within the tolerance, or as a rounding): nothing here tells a student that an answer is
    merely near. (A whole-number expected value can never look rounded: a rounded answer
    that differs from it is at least a unit away.)
    """
    with np.errstate(all="ignore"):
        if a.size == 0 or not (np.isfinite(a).all() and np.isfinite(e).all()) or (e == 0).any():
            return ""

        def right(x: np.ndarray, y: np.ndarray, scale: float = 1.0) -> bool:
            close = np.isclose(x, y, rtol=tol.rtol, atol=tol.atol * scale)
            return bool((close | _rounded(x, y)).all())

        size = np.abs(e)
        if (size <= 1).all() and right(a, 100 * e, 100.0):
            return say(M.PERCENTAGE)
        if ((size > 1) & (size <= 100)).all() and right(a, e / 100, 0.01):
            return say(M.SHARE)
        if right(-a, e):
            return say(M.SIGN)
        if _rounded(a, e).all():
            return say(M.ROUNDED)
        return ""


# --- text, True/False, collections ---------------------------------------------------------------

def _text(answer: Any, expected: str) -> str | None:
    if not isinstance(answer, str):
        return say(M.NOT_TEXT, kind=describe(answer))
    return None if normalise_text(answer) == normalise_text(expected) else ""


def _boolean(answer: Any, expected: bool) -> str | None:
    if not isinstance(answer, (bool, np.bool_)):
        if isinstance(answer, str) and normalise_text(answer) in {"true", "false", "yes", "no"}:
            return say(M.BOOL_AS_TEXT)
        return say(M.NOT_BOOL, kind=describe(answer))
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
    return normalise_text(x) if isinstance(x, str) else x


def _set(answer: Any, expected: set[Any] | frozenset[Any]) -> str | None:
    items = list(answer) if isinstance(answer, (set, frozenset)) else _as_list(answer)
    if items is None:
        return say(M.NOT_A_SET, kind=describe(answer))
    got = {_item_key(x) for x in items}
    want = {_item_key(x) for x in expected}
    if got == want:
        return None
    missing, extra = len(want - got), len(got - want)
    parts = ([_count(missing, M.ITEM_MISSING, M.ITEMS_MISSING)] if missing else []) + (
        [_count(extra, M.ITEM_EXTRA, M.ITEMS_EXTRA)] if extra else [])
    return _joined(parts, M.AND)


def _sequence(answer: Any, expected: list[Any], tol: Tolerance) -> str | None:
    if isinstance(answer, (set, frozenset)):
        return say(M.SET_FOR_LIST)
    items = _as_list(answer)
    if items is None:
        return say(M.NOT_A_LIST, count=len(expected), kind=describe(answer))
    if len(items) != len(expected):
        return say(M.ITEM_COUNT, count=len(expected), got=len(items))
    wrong = [(i, p) for i, (x, y) in enumerate(zip(items, expected))
             if (p := diagnose(x, y, tol)) is not None]
    if not wrong:
        return None
    try:
        if sorted(map(_item_key, items)) == sorted(map(_item_key, expected)):
            return say(M.WRONG_ORDER)
    except TypeError:
        pass
    position, problem = wrong[0]
    if problem:
        return _count(len(wrong), M.ITEM_DIFFERS_NOTE, M.ITEMS_DIFFER_NOTE, position=position,
                      problem=problem)
    return _count(len(wrong), M.ITEM_DIFFERS, M.ITEMS_DIFFER, position=position)


def _mapping(answer: Any, expected: Mapping[Any, Any], tol: Tolerance) -> str | None:
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, Mapping):
        return say(M.NOT_A_DICT, kind=describe(answer))
    missing = sum(k not in answer for k in expected)  # keys may be the answer: count them only
    extra = [_show(k) for k in answer if k not in expected]
    if missing or extra:
        parts = ([_count(missing, M.KEY_MISSING, M.KEYS_MISSING)] if missing else []) + (
            [say(M.UNEXPECTED, labels=", ".join(extra))] if extra else [])
        return say(M.KEYS_DIFFER, problems=_joined(parts, M.THEN))
    wrong = [(k, p) for k in expected if (p := diagnose(answer[k], expected[k], tol)) is not None]
    if not wrong:
        return None
    key, problem = wrong[0]
    if problem:
        return _count(len(wrong), M.VALUE_WRONG_NOTE, M.VALUES_WRONG_NOTE, key=_show(key),
                      problem=problem)
    return _count(len(wrong), M.VALUE_WRONG, M.VALUES_WRONG, key=_show(key))


# --- tables and arrays --------------------------------------------------------------------------

def _differ(missing: list[str], extra: list[str]) -> str:
    parts = ([say(M.MISSING, labels=", ".join(missing))] if missing else []) + (
        [say(M.UNEXPECTED, labels=", ".join(extra))] if extra else [])
    return say(M.COLUMNS_DIFFER, problems=_joined(parts, M.THEN))


def _labels(got: pd.Index, want: pd.Index) -> str | None:
    """Compare row labels (dtype-agnostic); the note gives counts, never the expected labels."""
    if got.equals(want) or got.tolist() == want.tolist():
        return None
    default = pd.RangeIndex(len(want))
    if got.equals(default):
        return say(M.INDEX_LOST)
    if want.equals(default):
        return say(M.INDEX_PLAIN)
    missing = int((~want.isin(got)).sum())
    extra = int((~got.isin(want)).sum())
    if not missing and not extra:
        return say(M.INDEX_ORDER)
    parts = ([_count(missing, M.LABEL_MISSING, M.LABELS_MISSING)] if missing else []) + (
        [_count(extra, M.LABEL_EXTRA, M.LABELS_EXTRA)] if extra else [])
    return say(M.INDEX_DIFFERS, problems=_joined(parts, M.AND))


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


def _integral(values: pd.Series) -> bool:
    """Whether a column of expected numbers is exact: an integer dtype, or Python integers."""
    if pd.api.types.is_integer_dtype(values.dtype):
        return True
    return values.dtype == object and pd.api.types.infer_dtype(values, skipna=True) == "integer"


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


def _values(got: pd.Series, want: pd.Series, tol: Tolerance, where: Callable[[int], str]
            ) -> str | None:
    """Compare two equally long columns of values; ``where(i)`` names position ``i``."""
    want_f = _floats(want)
    slip = ""
    if want_f is not None:
        got_f = _floats(got)
        if got_f is None:
            return say(M.NOT_NUMBERS)
        if _integral(want):
            bad = ~_exact(got_f, want_f)
        else:
            with np.errstate(invalid="ignore"):
                bad = ~np.isclose(got_f, want_f, rtol=tol.rtol, atol=tol.atol, equal_nan=True)
            slip = _slip(got_f[bad], want_f[bad], tol)
    else:
        bad = _unequal(got, want)
    count = int(bad.sum())
    if not count:
        return None
    note = _count(count, M.VALUE_DIFFERS, M.VALUES_DIFFER, total=len(want),
                  where=where(int(np.flatnonzero(bad)[0])))
    return say(M.THEN, first=note, second=slip) if slip else note


def _label_at(index: pd.Index) -> Callable[[int], str]:
    return lambda i: say(M.AT_LABEL, label=_show(index[i]))


def _series(answer: Any, expected: pd.Series, tol: Tolerance) -> str | None:
    if not isinstance(answer, pd.Series):
        if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
            return say(M.FRAME_FOR_SERIES)
        return say(M.NOT_A_SERIES, kind=describe(answer))
    if len(answer) != len(expected):
        return say(M.VALUE_COUNT, count=len(expected), got=len(answer))
    return _labels(answer.index, expected.index) or _values(
        answer, expected, tol, _label_at(expected.index))


def _frame(answer: Any, expected: pd.DataFrame, tol: Tolerance) -> str | None:
    if not isinstance(answer, pd.DataFrame):
        if isinstance(answer, pd.Series) and expected.shape[1] == 1:
            return say(M.SERIES_FOR_FRAME)
        return say(M.NOT_A_FRAME, kind=describe(answer))
    missing = [_show(c) for c in expected.columns if c not in answer.columns]
    extra = [_show(c) for c in answer.columns if c not in expected.columns]
    if missing or extra:
        return _differ(missing, extra)
    if len(answer) != len(expected):
        return say(M.ROW_COUNT, count=len(expected), got=len(answer))
    problem = _labels(answer.index, expected.index)
    if problem:
        return problem
    where = _label_at(expected.index)
    wrong = [(c, p) for c in expected.columns
             if (p := _values(answer[c], expected[c], tol, where)) is not None]
    if not wrong:
        return None
    column, problem = wrong[0]
    if len(wrong) == 1:
        return say(M.IN_COLUMN, column=_show(column), problem=problem)
    return say(M.COLUMNS_WRONG, count=len(wrong), column=_show(column), problem=problem)


def _array(answer: Any, expected: np.ndarray, tol: Tolerance) -> str | None:
    if isinstance(answer, (pd.Series, pd.Index, pd.DataFrame)):
        answer = answer.to_numpy()
    elif isinstance(answer, (list, tuple)):
        answer = np.asarray(answer)
    if not isinstance(answer, np.ndarray):
        return say(M.NOT_AN_ARRAY, kind=describe(answer))
    if answer.shape != expected.shape:
        if answer.ndim == expected.ndim == 1:
            return say(M.VALUE_COUNT, count=len(expected), got=len(answer))
        return say(M.SHAPE, shape=expected.shape, got=answer.shape)

    def where(i: int) -> str:
        position = tuple(int(p) for p in np.unravel_index(i, expected.shape))
        return say(M.AT_POSITION, position=position[0] if len(position) == 1 else position)

    return _values(pd.Series(answer.ravel()), pd.Series(expected.ravel()), tol, where)


def _other(answer: Any, expected: Any) -> str | None:
    try:
        same = answer == expected
        if isinstance(same, (bool, np.bool_)) and same:
            return None
    except Exception:
        pass
    if not isinstance(answer, type(expected)):
        return say(M.OTHER_KIND, kind=describe(expected), got=describe(answer))
    return ""


# --- the form of an answer, without its value (a graded course's student side) -----------------

FORM_KINDS = ("any", "number", "text", "bool", "choice", "set", "list", "dict", "series",
              "frame", "array")
"""The kinds of answer a form describes (``"any"``: nothing is known but that it is given)."""


def form_of(expected: Any) -> dict[str, Any]:
    """What a right answer looks like, without its value: kind, length, shape, columns.

    A form is what a self-check can check where the answer keys are absent: the kind of value
    and its size, as the notes of :func:`diagnose` tell them anyway — never a value. (Column
    names count as form: a task names the columns it asks for.)

    >>> form_of(0.25), form_of(1142), form_of("web")
    ({'kind': 'number', 'exact': False}, {'kind': 'number', 'exact': True}, {'kind': 'text'})
    >>> form_of(pd.DataFrame({"grade": ["A", "B"], "share": [0.6, 0.4]}))
    {'kind': 'frame', 'columns': ['grade', 'share'], 'rows': 2}
    """
    if isinstance(expected, np.ndarray) and expected.ndim == 0:
        expected = expected.item()
    if isinstance(expected, pd.DataFrame):
        return {"kind": "frame", "columns": [_label(c) for c in expected.columns],
                "rows": len(expected)}
    if isinstance(expected, pd.Series):
        return {"kind": "series", "length": len(expected)}
    if isinstance(expected, np.ndarray):
        return {"kind": "array", "shape": list(expected.shape)}
    if isinstance(expected, (bool, np.bool_)):
        return {"kind": "bool"}
    if _is_number(expected):
        return {"kind": "number", "exact": is_exact(expected)}
    if isinstance(expected, str):
        return {"kind": "text"}
    if isinstance(expected, (set, frozenset)):
        return {"kind": "set"}
    if isinstance(expected, Mapping):
        return {"kind": "dict", "length": len(expected)}
    if isinstance(expected, (list, tuple, pd.Index)):
        return {"kind": "list", "length": len(expected)}
    return {"kind": "any"}


def _label(label: object) -> str | int | float:
    """A column label as a form keeps it (JSON: text, or a number)."""
    if isinstance(label, np.generic):
        label = label.item()
    return label if isinstance(label, (str, int, float)) else str(label)


def check_form(answer: Any, form: Mapping[str, Any]) -> str | None:
    """None when ``answer`` has the ``form`` (:func:`form_of`, optionally with the key's
    declared ``low``/``high`` for a number); else a note on the form (``''`` never: a form
    problem can always be named). Says nothing about any value.

    >>> check_form(0.2, {"kind": "number", "exact": False, "low": 0, "high": 1}) is None
    True
    >>> check_form("0.2", {"kind": "number", "exact": False})
    'expected a number, got text — leave out the quotes'
    >>> check_form(12.5, {"kind": "number", "exact": True})
    'expected a whole number'
    >>> check_form([1, 2], {"kind": "list", "length": 3})
    'expected 3 items, got 2'
    """
    kind = form.get("kind", "any")
    if kind == "number":
        return _number_form(answer, form)
    if kind == "text":
        return None if isinstance(answer, str) else say(M.NOT_TEXT, kind=describe(answer))
    if kind == "bool":
        return None if isinstance(answer, (bool, np.bool_)) else _boolean(answer, True)
    if kind == "set":
        items = list(answer) if isinstance(answer, (set, frozenset)) else _as_list(answer)
        return None if items is not None else say(M.NOT_A_SET, kind=describe(answer))
    if kind == "list":
        return _list_form(answer, int(form["length"]))
    if kind == "dict":
        if isinstance(answer, pd.Series):
            answer = answer.to_dict()
        if not isinstance(answer, Mapping):
            return say(M.NOT_A_DICT, kind=describe(answer))
        length = int(form["length"])
        return None if len(answer) == length else say(M.ITEM_COUNT, count=length,
                                                      got=len(answer))
    if kind == "series":
        return _series_form(answer, int(form["length"]))
    if kind == "frame":
        return _frame_form(answer, list(form["columns"]), int(form["rows"]))
    if kind == "array":
        return _array_form(answer, tuple(int(n) for n in form["shape"]))
    return None


def _number_form(answer: Any, form: Mapping[str, Any]) -> str | None:
    if not _is_number(answer):
        return _not_a_number(answer)
    a = float(answer)
    if math.isnan(a):
        return say(M.NAN)
    if math.isinf(a):
        return say(M.INFINITE)
    if form.get("exact") and not a.is_integer():
        return say(M.WHOLE)
    low, high = form.get("low"), form.get("high")
    if (low is not None and a < low) or (high is not None and a > high):
        if low is not None and high is not None:
            return say(M.BETWEEN, low=_show(low), high=_show(high))
        return say(M.AT_LEAST, low=_show(low)) if low is not None else say(
            M.AT_MOST, high=_show(high))
    return None


def _list_form(answer: Any, length: int) -> str | None:
    if isinstance(answer, (set, frozenset)):
        return say(M.SET_FOR_LIST)
    items = _as_list(answer)
    if items is None:
        return say(M.NOT_A_LIST, count=length, kind=describe(answer))
    return None if len(items) == length else say(M.ITEM_COUNT, count=length, got=len(items))


def _series_form(answer: Any, length: int) -> str | None:
    if not isinstance(answer, pd.Series):
        if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
            return say(M.FRAME_FOR_SERIES)
        return say(M.NOT_A_SERIES, kind=describe(answer))
    return None if len(answer) == length else say(M.VALUE_COUNT, count=length, got=len(answer))


def _frame_form(answer: Any, columns: list[str], rows: int) -> str | None:
    if not isinstance(answer, pd.DataFrame):
        if isinstance(answer, pd.Series) and len(columns) == 1:
            return say(M.SERIES_FOR_FRAME)
        return say(M.NOT_A_FRAME, kind=describe(answer))
    have = [_label(c) for c in answer.columns]
    missing = [_show(c) for c in columns if c not in have]
    extra = [_show(c) for c in have if c not in columns]
    if missing or extra:
        return _differ(missing, extra)
    return None if len(answer) == rows else say(M.ROW_COUNT, count=rows, got=len(answer))


def _array_form(answer: Any, shape: tuple[int, ...]) -> str | None:
    if isinstance(answer, (pd.Series, pd.Index, pd.DataFrame)):
        answer = answer.to_numpy()
    elif isinstance(answer, (list, tuple)):
        answer = np.asarray(answer)
    if not isinstance(answer, np.ndarray):
        return say(M.NOT_AN_ARRAY, kind=describe(answer))
    if answer.shape == shape:
        return None
    if answer.ndim == len(shape) == 1:
        return say(M.VALUE_COUNT, count=shape[0], got=len(answer))
    return say(M.SHAPE, shape=shape, got=answer.shape)
