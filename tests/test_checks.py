"""Exercise self-checks: not attempted / hint / correct, and never the expected answer."""

from __future__ import annotations

import contextlib
import io
import math
import string
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from properties import examples

from helpers import checks

HINT = "Use the helper from the lecture."  # no digits, so numbers in the output come from a check


def run(func: Callable[..., checks.Verdict], *args: Any, **kwargs: Any
        ) -> tuple[checks.Verdict, str]:
    """Call a check and return its verdict and what it printed."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        result = func(*args, **kwargs)
    assert isinstance(result, checks.Verdict)
    return result, buffer.getvalue()


def says(result: tuple[checks.Verdict, str] | str, text: str) -> bool:
    """Whether the printed line contains ``text`` (ignoring case: notes start a sentence)."""
    out = result if isinstance(result, str) else result[1]
    return text.casefold() in out.casefold()


def outcome(answer: Any, expected: Any, **kwargs: Any) -> tuple[checks.Verdict, str]:
    return run(checks.check, "Task A", answer, expected, hint=HINT, **kwargs)


# --- the three outcomes -------------------------------------------------------------------------

@pytest.mark.parametrize("placeholder", [None, ...])
def test_untouched_answer_is_not_attempted(placeholder: Any) -> None:
    ok, out = outcome(placeholder, 0.7)
    assert ok == False  # noqa: E712  (a Verdict equals the bool)
    assert out.startswith("⏳ Task A: not attempted yet")
    assert ("`None`" if placeholder is None else "`...`") in out
    assert HINT not in out and "❌" not in out


@pytest.mark.parametrize("placeholder", [None, ...])
def test_untouched_for_every_kind_of_check(placeholder: Any) -> None:
    ok, out = run(checks.check_predicate, "Task B", placeholder, lambda x: x > 0, hint=HINT)
    assert not ok and says(out, "not attempted")
    ok, out = run(checks.choice, "Task C", placeholder, "B", "ABCD", hint=HINT)
    assert not ok and says(out, "not attempted")


def test_right_answer_is_confirmed() -> None:
    ok, out = outcome(0.7, 0.7)
    assert ok == True  # noqa: E712
    assert out == "✅ Task A: correct.\n"


def test_wrong_answer_gets_the_hint() -> None:
    ok, out = outcome(0.3, 0.7)
    assert ok == False  # noqa: E712  (a Verdict equals the bool)
    assert out == f"❌ Task A: not yet. Hint: {HINT}\n"


def test_verdict_behaves_like_a_bool_and_shows_nothing_in_a_notebook() -> None:
    from IPython.core.formatters import DisplayFormatter

    right, wrong = checks.Verdict(True), checks.Verdict(False)
    assert right and not wrong
    assert right == True and wrong == False and right != wrong  # noqa: E712
    assert repr(right) == "True" and repr(wrong) == "False"
    assert {right, True} == {True}
    # IPython hands the object to its _ipython_display_, which shows nothing: no "Out[...]"
    assert DisplayFormatter().format(right) == ({}, {})


def test_each_check_prints_exactly_one_line() -> None:
    for answer in (None, 0.7, 0.3, 70.0, "x", pd.DataFrame({"a": [1]})):
        _, out = outcome(answer, 0.7)
        assert out.count("\n") == 1 and out.endswith("\n")


def test_an_untouched_exercise_runs_through() -> None:
    """Several checks in a row on placeholders: no error, each says 'not attempted'."""
    data = pd.DataFrame({"customer": list("abcde"), "revenue": [50.0, 20, 10, 5, 15]})
    top_share = None
    ranking = ...
    segments = None
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        checks.check("Task 1", top_share, data["revenue"].nlargest(1).sum() / 100, hint=HINT)
        checks.check("Task 2", ranking, data.sort_values("revenue", ascending=False), hint=HINT)
        checks.check("Task 3", segments, {"A", "B"}, hint=HINT)
    lines = buffer.getvalue().splitlines()
    assert len(lines) == 3 and all("not attempted" in line for line in lines)


# --- numbers ------------------------------------------------------------------------------------

def test_float_tolerance() -> None:
    assert outcome(0.1 + 0.2, 0.3)[0]
    assert outcome(1_000_000.5, 1_000_000.0)[0]            # within rtol = 1e-6
    assert not outcome(1_000_002.0, 1_000_000.0)[0]
    assert not outcome(0.7001, 0.7)[0]
    assert outcome(0.7001, 0.7, rtol=1e-3)[0]              # the author can loosen it
    assert outcome(1e-9, 0.0, atol=1e-6)[0]
    assert not outcome(1e-9, 0.0)[0]
    assert outcome(np.float32(0.25), 0.25)[0] and outcome(3, 3.0)[0] and outcome(np.int64(3), 3)[0]


def test_percentage_instead_of_share() -> None:
    ok, out = outcome(70.0, 0.7)
    assert not ok and says(out, "looks like a percentage") and says(out, "share between 0 and 1")
    ok, out = outcome(0.35, 35.0)
    assert not ok and says(out, "asks for a percentage")


def test_sign_flipped_and_close() -> None:
    assert says(outcome(-0.7, 0.7), "sign is flipped")
    assert says(outcome(0.703, 0.7), "close")
    assert not says(outcome(0.8, 0.7), "close")


@pytest.mark.parametrize(("answer", "note"), [
    (pd.DataFrame({"a": [1, 2]}), "expected a number, got a DataFrame"),
    (pd.Series([0.7]), "got a Series holding one value"),
    ("0.7", "got text — leave out the quotes"),
    (True, "expected a number, got True/False"),
    (float("nan"), "NaN"),
    ([0.7, 0.3], "expected a number, got a list"),
    (len, "did you forget to call it"),
])
def test_wrong_kind_of_number(answer: Any, note: str) -> None:
    ok, out = outcome(answer, 0.7)
    assert not ok and note.casefold() in out.casefold() and HINT in out


# --- text, booleans, collections ----------------------------------------------------------------

def test_text_ignores_case_and_spacing() -> None:
    assert outcome("  Loyal   CUSTOMERS ", "loyal customers")[0]
    assert not outcome("loyal customer", "loyal customers")[0]
    assert says(outcome(3, "loyal customers"), "expected text")


def test_booleans() -> None:
    assert outcome(True, True)[0] and outcome(np.bool_(False), False)[0]
    assert not outcome(False, True)[0]
    assert says(outcome("True", True), "without quotes")
    assert not outcome(1, True)[0]


def test_sets_ignore_order_and_case() -> None:
    assert outcome(["b", "A"], {"a", "B"})[0]
    assert outcome(pd.Index(["x", "y"]), {"y", "x"})[0]
    ok, out = outcome(["a", "c", "d"], {"a", "b"})
    assert not ok and says(out, "1 expected item is missing and 2 items do not belong")


def test_lists_keep_order() -> None:
    assert outcome([1, 2.0000000001, "x"], [1, 2, "X"])[0]
    assert says(outcome([3, 2, 1], [1, 2, 3]), "wrong order")
    assert says(outcome([1, 2], [1, 2, 3]), "expected 3 items, got 2")
    assert says(outcome([1, 2, 4], [1, 2, 3]), "position 2")
    assert says(outcome({1, 2, 3}, [1, 2, 3]), "order matters")
    assert outcome(np.array([1, 2, 3]), (1, 2, 3))[0]


def test_dicts() -> None:
    assert outcome({"A": 1, "B": 2.0}, {"B": 2, "A": 1})[0]
    ok, out = outcome({"A": 1, "C": 2}, {"A": 1, "B": 2})
    assert not ok and says(out, "1 expected key is missing; unexpected ['C']") and "'B'" not in out
    assert says(outcome({"A": 1, "B": 3}, {"A": 1, "B": 2}), "key 'B'")


def test_numpy_arrays() -> None:
    expected = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert outcome(expected.astype(int), expected)[0]
    assert says(outcome(np.ones(3), expected), "shape (2, 2)")
    assert says(outcome(np.array([[1, 2], [3, 5]]), expected), "position (1, 1)")
    assert outcome([0.5, 0.25], np.array([0.5, 0.25]))[0]


# --- pandas -------------------------------------------------------------------------------------

def test_series_values_and_index() -> None:
    expected = pd.Series([0.5, 0.3, 0.2], index=pd.Index(["A", "B", "C"], name="grade"))
    assert outcome(expected.rename("share"), expected)[0]          # name is ignored
    assert outcome(expected + 1e-12, expected)[0]
    assert says(outcome(expected.iloc[:2], expected), "expected 3 values, got 2")
    assert says(outcome(expected.reset_index(drop=True), expected), "labels were lost")
    assert says(outcome(expected.iloc[::-1], expected), "different order")
    assert says(outcome(expected.replace(0.2, 0.25), expected), "label 'C'")
    assert says(outcome(expected * 100, expected), "looks like a percentage")
    assert says(outcome(expected.to_frame(), expected), "select the column")


def test_dataframe_comparisons() -> None:
    expected = pd.DataFrame({"customer": ["a", "b"], "revenue": [10.0, 20.0], "orders": [1, 2]})
    # dtype-agnostic, column order free
    answer = expected[["orders", "customer", "revenue"]].astype({"orders": float,
                                                                 "revenue": "int64"})
    assert outcome(answer, expected)[0]
    ok, out = outcome(expected.drop(columns="orders").assign(extra=1), expected)
    assert not ok and says(out, "columns differ: missing ['orders']; unexpected ['extra']")
    assert says(outcome(expected.head(1), expected), "expected 2 rows, got 1")
    ok, out = outcome(expected.assign(revenue=[10.0, 25.0]), expected)
    assert not ok and says(out, "in column 'revenue', 1 of 2 values differs")
    ok, out = outcome(expected.assign(customer=["a", "c"]), expected)
    assert not ok and says(out, "column 'customer'")
    assert says(outcome(expected.assign(revenue=["10", "20"]), expected), "expected numbers")
    assert says(outcome(expected.set_index("customer", drop=False), expected), "reset_index")
    assert says(outcome(expected["revenue"], expected[["revenue"]]), "to_frame")


def test_missing_values_compare_equal() -> None:
    expected = pd.Series([1.0, np.nan, 3.0])
    assert outcome(pd.Series([1, None, 3], dtype="Int64"), expected)[0]
    assert outcome(pd.Series([1, None, 3], dtype=object), expected)[0]
    assert not outcome(pd.Series([1.0, 2.0, 3.0]), expected)[0]


# --- open-ended and multiple-choice answers -----------------------------------------------------

def test_check_predicate() -> None:
    between = lambda x: 0.2 <= x <= 0.4  # noqa: E731
    assert run(checks.check_predicate, "Task B", 0.3, between, hint=HINT)[0]
    ok, out = run(checks.check_predicate, "Task B", 0.5, between, hint=HINT)
    assert not ok and HINT in out
    ok, out = run(checks.check_predicate, "Task B", "0.3", between, hint=HINT)  # raises inside
    assert not ok and says(out, "could not be tested")


def test_choice() -> None:
    for answer in ("B", "b", " (B) ", "B."):
        assert run(checks.choice, "Task C", answer, "B", "ABCD", hint=HINT)[0]
    ok, out = run(checks.choice, "Task C", "C", "B", "ABCD", hint=HINT)
    assert not ok and out == f"❌ Task C: not yet. Hint: {HINT}\n"
    assert says(run(
        checks.choice, "Task C", "E", "B", "ABCD", hint=HINT), "not one of the options A, B, C, D")
    assert says(run(checks.choice, "Task C", 2, "B", ["A", "B"], hint=HINT), "in quotes")


# --- odd answers never raise, author mistakes always do -----------------------------------------

class Awkward:
    def __eq__(self, other: object) -> bool:
        raise RuntimeError("cannot compare")

    __hash__ = None  # type: ignore[assignment]


@pytest.mark.parametrize("expected", [
    0.7, "text", True, {"a"}, [1, 2], {"k": 1}, np.array([1.0]), pd.Series([1.0]),
    pd.DataFrame({"x": [1]}), pd.Timestamp("2024-01-31"),
])
@pytest.mark.parametrize("answer", [Awkward(), object(), {"x": [1]}, [[1]], b"bytes", 1 + 2j])
def test_odd_answers_never_raise(answer: Any, expected: Any) -> None:
    ok, out = outcome(answer, expected)
    assert not ok and out.startswith("❌ Task A: not yet.")


@pytest.mark.parametrize("call", [
    lambda: checks.check("Task A", 1, 1, hint=3),
    lambda: checks.check("Task A", 1, 1, hint=None),
    lambda: checks.check(2, 1, 1, hint=HINT),
    lambda: checks.check("Task A", 1, None, hint=HINT),
    lambda: checks.check("Task A", 1, ..., hint=HINT),
    lambda: checks.check("Task A", 1, len, hint=HINT),
    lambda: checks.check("Task A", 1, iter([1]), hint=HINT),
    lambda: checks.check("Task A", 1, 1, hint=HINT, rtol="small"),
    lambda: checks.check("Task A", 1, 1, hint=HINT, atol=True),
    lambda: checks.check_predicate("Task B", 1, "x > 0", hint=HINT),
    lambda: checks.check_predicate("Task B", 1, lambda x: True, hint=["hint"]),
    lambda: checks.choice("Task C", "A", 1, "ABCD", hint=HINT),
    lambda: checks.choice("Task C", "A", "A", [1, 2], hint=HINT),
])
def test_author_mistakes_raise_type_error(call: Callable[[], Any]) -> None:
    with pytest.raises(TypeError):
        call()


def test_author_mistakes_raise_even_for_an_untouched_answer() -> None:
    with pytest.raises(TypeError, match="hint"):
        checks.check("Task A", None, 0.7, hint=0.7)  # type: ignore[arg-type]


@pytest.mark.parametrize("call", [
    lambda: checks.check("Task A", 1, 1, hint="  "),
    lambda: checks.check("", 1, 1, hint=HINT),
    lambda: checks.check("Task A", 1, 1, hint=HINT, rtol=-1e-6),
    lambda: checks.check("Task A", 1, 1, hint=HINT, atol=math.inf),
    lambda: checks.choice("Task C", "A", "E", "ABCD", hint=HINT),
    lambda: checks.choice("Task C", "A", "A", "AAB", hint=HINT),
])
def test_author_mistakes_of_value_raise_value_error(call: Callable[[], Any]) -> None:
    with pytest.raises(ValueError):
        call()


# --- the expected value never shows -------------------------------------------------------------

def renderings(x: float) -> set[str]:
    """The ways a number could leak: as printed, rounded, or as a percentage."""
    forms = {str(x), repr(x), f"{x:.2f}", f"{x:.3f}", f"{x:.4f}", f"{x:g}"}
    if abs(x) < 1:
        forms |= {f"{100 * x:.1f}", f"{100 * x:.2f}"}
    else:
        forms |= {str(round(x)), f"{x:,.0f}", f"{x:,.2f}", f"{x:.1f}"}
    return {f.lstrip("-") for f in forms}


def wrong_answers(x: float) -> list[Any]:
    return [x * 100, x / 100, -x, x * 1.004, x + 1, round(x, 1) + 0.01, str(x),
            pd.Series([x]), pd.DataFrame({"a": [x, x]}), [x], {x}, True, len]


def assert_absent(out: str, forms: set[str]) -> None:
    leaked = sorted(f for f in forms if f and f.casefold() in out.casefold())
    assert not leaked, f"the output shows the expected value as {leaked}: {out!r}"


# Shares (0, 1) and amounts beyond 100. Every number a message may contain is a small count, a
# position or 0, 1, 2 and 100, so an expected value in these ranges cannot collide by chance.
shares = st.floats(min_value=0.001, max_value=0.999, allow_nan=False).filter(
    lambda x: abs(x - round(x, 1)) > 1e-3)
amounts = st.floats(min_value=101.0, max_value=1e9, allow_nan=False).map(
    lambda x: x if x % 1 else x + 0.37)


@settings(max_examples=examples(60))
@given(st.one_of(shares, amounts, amounts.map(lambda x: -x)))
def test_floats_never_leak(expected: float) -> None:
    for answer in [expected, *wrong_answers(expected)]:
        _, out = outcome(answer, expected)
        assert_absent(out, renderings(expected))


@settings(max_examples=examples(60))
@given(st.integers(min_value=101, max_value=10**12) | st.integers(max_value=-101))
def test_integers_never_leak(expected: int) -> None:
    for answer in [expected, expected + 1, expected * 100, -expected, str(expected), [expected]]:
        _, out = outcome(answer, expected)
        assert_absent(out, {str(abs(expected)), f"{abs(expected):,}"})


# Text with a letter and a digit and at least six characters: never an English word of a message.
codes = st.text(string.ascii_letters + string.digits, min_size=6, max_size=20).filter(
    lambda s: any(c.isdigit() for c in s) and any(c.isalpha() for c in s))


@settings(max_examples=examples(60))
@given(codes, codes)
def test_text_never_leaks(expected: str, other: str) -> None:
    answers = [expected, other, expected[:-1], 7, [expected], {expected}, None]
    for answer in answers:
        _, out = outcome(answer, expected)
        assert_absent(out, {expected})
    for answer in [[other, expected], [other], {other}, other]:
        for collection in ([expected, other], {expected, other}, {"code": expected}):
            _, out = outcome(answer, collection)
            assert_absent(out, {expected, other})


@settings(max_examples=examples(40))
@given(st.lists(amounts, min_size=2, max_size=8))
def test_series_never_leak(values: list[float]) -> None:
    expected = pd.Series(values, index=[f"c{i}" for i in range(len(values))])
    perturbed = expected.copy()
    perturbed.iloc[-1] *= 1.5
    answers = [expected, expected.iloc[::-1], expected.reset_index(drop=True), expected * 100,
               -expected, expected * 1.004, perturbed, expected.iloc[:-1], expected.to_frame(),
               expected.to_numpy(), expected.sum()]
    forms = set().union(*(renderings(v) for v in values))
    for answer in answers:
        _, out = outcome(answer, expected)
        assert_absent(out, forms)
    frame = pd.DataFrame({"revenue": expected, "cost": expected / 3})
    for answer in [frame * 2, frame.drop(columns="cost"), frame.iloc[:-1], frame.iloc[::-1]]:
        _, out = outcome(answer, frame)
        assert_absent(out, forms | set().union(*(renderings(v) for v in frame["cost"])))


# --- answer keys: the expected values live out of the exercise notebook ----------------------

def demo_key() -> tuple[checks.AnswerKey, list[int]]:
    key = checks.AnswerKey("99")
    calls: list[int] = []

    @key.value(1, hint=HINT)
    def _one() -> float:
        calls.append(1)
        return 0.25

    @key.value("2b", hint=HINT, rtol=0.0, atol=0.5)
    def _two(k: int) -> int:
        return 3 * k

    @key.predicate(3, hint=HINT)
    def _three(answer: float, low: float = 0.0) -> bool:
        return low < answer < 1

    key.choice(4, "C", options="ABCD", hint=HINT)
    return key, calls


def test_answer_key_checks_each_kind_of_task() -> None:
    key, calls = demo_key()
    assert key.tasks == ["99.1", "99.2b", "99.3", "99.4"]
    assert run(key.check, 1, 0.25) == (checks.Verdict(True), "✅ Task 1: correct.\n")
    ok, out = run(key.check, 1, 25.0)
    assert not ok and says(out, "percentage") and HINT in out
    assert run(key.check, "2b", 6.4, k=2)[0] and not run(key.check, "2b", 7, k=2)[0]
    assert run(key.check, 3, 0.5)[0] and not run(key.check, 3, 0.5, low=0.6)[0]
    assert run(key.check, 4, "c")[0] and not run(key.check, 4, "B")[0]
    assert calls == [1], "an expected value without context is computed once"


def test_answer_key_computes_nothing_for_an_untouched_answer() -> None:
    key, calls = demo_key()
    for number in (1, 3, 4):
        ok, out = run(key.check, number, None)
        assert not ok and out.startswith(f"⏳ Task {number}: not attempted yet")
    assert calls == []


def test_answer_key_never_shows_the_expected_value() -> None:
    key, _ = demo_key()
    for answer in (0.3, 2.5, "text", [0.25]):
        assert "0.25" not in run(key.check, 1, answer)[1]
    assert "C" not in run(key.check, 4, "B")[1].replace("Task", "")


@pytest.mark.parametrize(("make", "error"), [
    (lambda k: k.choice(4, "E", options="ABCD", hint=HINT), ValueError),   # not an option
    (lambda k: k.choice(1, "A", options="AB", hint=HINT), ValueError),     # registered twice
    (lambda k: k.value("x1", hint=HINT)(lambda: 1), ValueError),           # bad number
    (lambda k: k.value(9, hint="")(lambda: 1), ValueError),                # empty hint
    (lambda k: k.value(9, hint=HINT, rtol=-1)(lambda: 1), ValueError),     # bad tolerance
])
def test_answer_key_author_mistakes(make: Callable[[checks.AnswerKey], Any],
                                    error: type[Exception]) -> None:
    key, _ = demo_key()
    with pytest.raises(error):
        make(key)


def test_task_ids_and_unknown_tasks() -> None:
    with pytest.raises(ValueError, match="chapter.task"):
        checks.task("Task 1", 0.5)
    with pytest.raises(KeyError, match="no task '99'"):
        checks.task("00.99", 0.5)
    with pytest.raises(ModuleNotFoundError):
        checks.task("98.1", 0.5)
    with pytest.raises(ValueError, match="two digits"):
        checks.AnswerKey("4")


def test_every_chapter_key_is_well_formed() -> None:
    """Every answer-key module defines its chapter's KEY (the notebook tests check each task)."""
    from pathlib import Path

    folder = Path(checks.__file__).parent / "answers"
    modules = sorted(p.stem for p in folder.glob("ch[0-9][0-9].py"))
    assert modules, "no answer keys in helpers/answers/"
    for name in modules:
        key = checks.answer_key(name[2:])
        assert key.tasks, f"{name} registers no task"
