"""Exercise self-checks: not attempted / hint / correct, and never the expected answer."""

from __future__ import annotations

import contextlib
import inspect
import io
import math
import pkgutil
import re
import string
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from properties import examples

from helpers import _compare, checks, language

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


ROUNDED = "looks rounded"


def test_sign_flipped_and_rounded() -> None:
    assert says(outcome(-0.7, 0.7), "sign is flipped")
    assert says(outcome(-0.63, 0.6346), "sign is flipped")      # flipped and rounded
    for answer in (0.63, 0.635, 0.6, 0.6346):                     # the value rounded
        assert says(outcome(answer, 0.634571), ROUNDED), answer
    assert says(outcome(81623, 81622.64), ROUNDED)              # rounded to a whole number
    assert says(outcome(63.46, 0.634571), "looks like a percentage")


@pytest.mark.parametrize("answer", [0.703, 0.71, 0.69, 0.634, 0.64, 2.0, 0.0, 0.8])
def test_a_near_real_number_is_not_called_near(answer: float) -> None:
    """Only a rounding of the expected value gets a note: not a nearby value, a truncation
    (0.634 for 0.6348) or a coarser rounding than the answer's decimals show."""
    ok, out = outcome(answer, 0.6348 if answer in (0.634, 0.64) else 0.7 + 0.0004)
    assert not ok and out == f"❌ Task A: not yet. Hint: {HINT}\n"


def test_no_unit_step_is_called_near_for_a_real_number() -> None:
    for answer in (81621, 81622, 81624, 81625):
        ok, out = outcome(answer, 81622.64)
        assert not ok and out == f"❌ Task A: not yet. Hint: {HINT}\n", answer


# --- exact answers: integers compare exactly and get no note of nearness (issue 10) ------------

@pytest.mark.parametrize("expected", [1142, np.int64(16), 0, -3, 10**7, 2**40])
def test_integers_are_exact(expected: int) -> None:
    for right in (expected, float(expected), np.int32(expected) if abs(expected) < 2**31 else
                  expected, float(expected) + 1e-9 * (abs(expected) < 1e6)):
        assert outcome(right, expected)[0], right
    for wrong in (expected + 1, expected - 1, expected + 0.5, float(expected) + 1, -expected - 1,
                  expected * 100 + 1, (expected + 1) / 100, expected + 2):
        ok, out = outcome(wrong, expected)
        assert not ok and out == f"❌ Task A: not yet. Hint: {HINT}\n", (wrong, out)


def test_an_integer_ignores_the_tolerance() -> None:
    """Tolerances are for real numbers: an integer expected value is exact whatever the key's
    tolerance; a whole number computed as a float keeps it."""
    assert not outcome(10**7 + 1, 10**7)[0]                  # rtol 1e-6 would accept it
    assert not outcome(1143, 1142, rtol=0.01)[0]
    assert not outcome(6.4, 6, atol=0.5)[0]
    assert outcome(6.4, 6.0, atol=0.5)[0]
    assert outcome(6.9998, 7.0, rtol=1e-4)[0]


@pytest.mark.parametrize("answer", [-16, 0.16, 1600, 17, 15, 16.5])
def test_an_integer_gets_no_slip_note(answer: float) -> None:
    ok, out = outcome(answer, 16)
    assert not ok and out == f"❌ Task A: not yet. Hint: {HINT}\n"


def test_integer_columns_are_exact() -> None:
    counts = pd.Series([12, 30, 58], index=pd.Index(["A", "B", "C"], name="grade"))
    assert outcome(counts.astype(float), counts)[0]
    ok, out = outcome(counts + [0, 1, 0], counts)
    assert not ok and says(out, "1 of 3 values differs (the first at label 'B')")
    assert not any(says(out, word) for word in NEARNESS)
    frame = pd.DataFrame({"customers": [12, 30], "share": [0.2857, 0.7143]})
    ok, out = outcome(frame.assign(customers=[13, 30]), frame)
    assert not ok and says(out, "column 'customers'") and not says(out, ROUNDED)
    ok, out = outcome(frame.assign(share=[0.29, 0.71]), frame.assign(share=[0.2857, 0.7143]))
    assert not ok and says(out, ROUNDED)
    assert outcome(np.array([3.0, 4.0]), np.array([3, 4]))[0]
    assert not outcome(np.array([3, 5]), np.array([3, 4]))[0]


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
    def _two(k: int) -> float:
        return 3.0 * k  # a real number: the tolerance applies

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
    with pytest.raises(checks.UnknownTaskError, match="chapter 98 has no answer key"):
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


# --- whatever the student types, one line and no traceback (issue 11) ----------------------------

class Exploding:
    """An answer whose every use fails: comparison, length, truth, text."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no")

    def __len__(self) -> int:
        raise RuntimeError("no")

    def __bool__(self) -> bool:
        raise RuntimeError("no")

    def __repr__(self) -> str:
        raise RuntimeError("no")

    __hash__ = None  # type: ignore[assignment]


ODD_ANSWERS = [
    math.nan, math.inf, -math.inf, 10**400, -0.0, 1e308, True, "", "   ", "0,25", "２５％",
    "\udc80", b"\xff", 1 + 2j, [], [None], [math.nan] * 3, {}, {"a": {"b": [1]}}, set(),
    (x for x in range(3)), range(5), np.array([]), np.array([[1.0, 2.0]]), np.array("text"),
    np.float64("nan"), np.datetime64("NaT"), pd.NaT, pd.Series(dtype=float),
    pd.Series([1, 2], index=[1, 1]), pd.DataFrame(), pd.DataFrame({"a": [1, 2]}).T,
    pd.DataFrame([[1, 2]], columns=["a", "a"]), pd.Index([]), pd.Timestamp("2024-01-01", tz="UTC"),
    pd.Categorical(["a"]), len, print, Exploding(), object(), type, Ellipsis,
]


@pytest.mark.parametrize("task_id", ["00.1", "00.2", "00.4", "01.5", "01.8", "05.6", "10.7"])
def test_no_answer_makes_task_raise(task_id: str) -> None:
    """``checks.task`` prints exactly one line for every answer a student could type."""
    for answer in ODD_ANSWERS:
        ok, out = run(checks.task, task_id, answer)
        assert out.count("\n") == 1 and out[0] in "⏳❌✅", (answer, out)


@pytest.mark.parametrize("correct", [None, 1, "yes", np.nan])
def test_verdict_is_built_from_a_bool(correct: object) -> None:
    with pytest.raises(TypeError, match="correct must be True or False"):
        checks.Verdict(correct)  # type: ignore[arg-type]


@pytest.mark.parametrize(("number", "error"), [(None, TypeError), (1.5, TypeError),
                                               (True, TypeError), ("x", ValueError),
                                               (-1, ValueError)])
def test_task_numbers_are_checked(number: object, error: type[Exception]) -> None:
    key = checks.AnswerKey("99")
    with pytest.raises(error, match="task number"):
        key.value(number, hint=HINT)  # type: ignore[arg-type]
    with pytest.raises(error, match="task number"):
        key.check(number, 1.0)  # type: ignore[arg-type]


@pytest.mark.parametrize("options", [None, 5, {"A": 1}])
def test_options_must_be_labels(options: object) -> None:
    with pytest.raises(TypeError, match="options must be"):
        checks.choice("Task C", "A", "A", options, hint=HINT)  # type: ignore[arg-type]


@pytest.mark.parametrize("chapter", [None, 4, "4", "no-such-chapter"])
def test_answer_key_chapter_is_checked(chapter: object) -> None:
    with pytest.raises(ValueError, match="chapter must be two digits"):
        checks.answer_key(chapter)  # type: ignore[arg-type]


# --- every answer key: exact answers exact, real answers told only about rounding (issue 10) ---

NEARNESS = ("close", "round", "near", "percentage", "share", "sign", "too high", "too low",
            "almost")
"""Words of a note that would tell a student that an answer is near the expected value."""


def _needs_context(compute: Callable[..., Any]) -> bool:
    return any(p.default is p.empty and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
               for p in inspect.signature(compute).parameters.values())


def _value_tasks() -> list[str]:
    """Every value task of every answer key whose expected value needs no context."""
    from helpers import answers

    found = []
    for info in pkgutil.iter_modules(answers.__path__):
        if not re.fullmatch(r"ch\d{2}", info.name):
            continue
        try:
            key = checks.answer_key(info.name[2:])
        except Exception:  # a broken key fails its own test below, not the collection
            found.append(f"{info.name[2:]}.!")
            continue
        found += [f"{key.chapter}.{number}" for number, entry in key._entries.items()
                  if entry.kind == "value" and not _needs_context(entry.compute)]
    return found


def _note(out: str) -> str:
    """The note of a printed line: what stands between 'not yet.' and 'Hint:'."""
    return out.split("not yet.", 1)[-1].split(" Hint: ", 1)[0]


def _steps(expected: Any) -> list[Any]:
    """Answers one unit away from the exact parts of ``expected`` (none if it has none)."""
    if _compare.is_exact(expected):
        return [expected - 1, expected + 1]
    if isinstance(expected, (tuple, list)) and any(map(_compare.is_exact, expected)):
        i = next(i for i, x in enumerate(expected) if _compare.is_exact(x))
        return [type(expected)(x + d if j == i else x for j, x in enumerate(expected))
                for d in (-1, 1)]
    if isinstance(expected, pd.Series) and pd.api.types.is_integer_dtype(expected.dtype):
        return [expected + np.eye(len(expected), dtype=int)[0] * d for d in (-1, 1)]
    if isinstance(expected, pd.DataFrame):
        ints = [c for c in expected.columns if pd.api.types.is_integer_dtype(expected[c].dtype)]
        if ints:
            bump = np.eye(len(expected), dtype=int)[0]
            return [expected.assign(**{ints[0]: expected[ints[0]] + bump * d}) for d in (-1, 1)]
    if isinstance(expected, (float, np.floating)) and float(expected).is_integer():
        return [expected - 1, expected + 1]
    return []


def _rounded_answer(expected: Any) -> Any:
    """``expected`` with its real numbers rounded to 2 decimals, or None if it has none."""
    if isinstance(expected, (float, np.floating)) and not float(expected).is_integer():
        return round(float(expected), 2)
    if isinstance(expected, (tuple, list)) and any(
            isinstance(x, (float, np.floating)) and not float(x).is_integer() for x in expected):
        return type(expected)(round(x, 2) if isinstance(x, float) else x for x in expected)
    if isinstance(expected, (pd.Series, pd.DataFrame)):
        floats = expected.select_dtypes("float") if isinstance(expected, pd.DataFrame) else (
            expected if pd.api.types.is_float_dtype(expected.dtype) else None)
        if floats is not None and floats.size and ((floats.round(2) - floats).abs() > 1e-9
                                                   ).to_numpy().any():
            return expected.round(2)
    return None


VALUE_TASKS = _value_tasks()


@pytest.mark.parametrize("task_id", VALUE_TASKS)
def test_every_key_is_exact_for_integers_and_hints_rounding_of_reals(task_id: str) -> None:
    """For every task of every answer key: the expected value itself is right; an exact
    (integer) part one unit off gets the hint alone, with no note of nearness; a real value
    rounded to 2 decimals (when that is outside the tolerance) is told it looks rounded."""
    chapter, number = task_id.split(".")
    key = checks.answer_key(chapter)  # raises for a key that does not load
    entry = key._entries[number]
    if entry.cached is checks._NO_VALUE:
        entry.cached = entry.compute()
    expected = entry.cached
    assert run(key.check, number, expected)[0], "the expected value itself must be right"
    if _compare.is_exact(expected):
        assert run(key.check, number, float(expected))[0]
    for answer in _steps(expected):
        ok, out = run(key.check, number, answer)
        assert not ok, f"{task_id}: an answer one unit off was accepted"
        note = _note(out)
        assert not any(word in note.casefold() for word in NEARNESS), (task_id, out)
        if _compare.is_exact(expected):
            assert out == f"❌ Task {number}: not yet. Hint: {entry.hint.strip()}\n"
    rounded = _rounded_answer(expected)
    if rounded is not None:
        ok, out = run(key.check, number, rounded)
        assert ok or says(out, ROUNDED), (task_id, rounded, out)


def test_the_registry_is_iterated() -> None:
    """The test above sees every chapter's key (a key that failed to load would hide tasks)."""
    assert {t.split(".")[0] for t in VALUE_TASKS} == {f"{n:02d}" for n in range(14)}


# --- the self-checks in Chinese (issue 12) ------------------------------------------------------

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese() -> Any:
    with contextlib.redirect_stdout(io.StringIO()):  # the font message, if any
        language.use_language("zh")
    yield
    language.use_language("en")


def test_every_message_is_a_template_of_the_catalog() -> None:
    """Each text a check prints is one of checks.MESSAGES (so tools/translate.py lists it), and
    every template is used."""
    import ast
    from pathlib import Path

    sources = "".join(Path(m.__file__).read_text(encoding="utf-8") for m in (checks, _compare))
    names = [n for n in vars(_compare.M) if n.isupper()]
    unused = [n for n in names if f"M.{n}" not in sources]
    assert not unused, f"templates never used: {unused}"
    assert set(checks.MESSAGES) == {getattr(_compare.M, n) for n in names}
    for module in (checks, _compare):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("say", "_say"):
                first = node.args[0]
                assert not (isinstance(first, ast.Constant) and isinstance(first.value, str)), (
                    f"{module.__name__}: say() with a literal: add it to _compare.M instead")
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "print":
                assert module is checks and isinstance(node.args[0], ast.Call), (
                    "print only a template filled by _say")


def test_the_lines_speak_chinese(chinese: None) -> None:
    key, _ = demo_key()
    lines = [run(key.check, 1, None)[1], run(key.check, 1, 0.25)[1], run(key.check, 1, 25.0)[1],
             run(key.check, 1, 0.3)[1], run(key.check, 4, "E")[1], run(key.check, 4, 3)[1],
             outcome(pd.Series([1.0]), pd.DataFrame({"a": [1.0]}))[1],
             outcome([1, 2], [1, 2, 3])[1], outcome({"a": 1}, {"b": 1})[1],
             outcome(pd.DataFrame({"x": [1]}), pd.DataFrame({"y": [1]}))[1],
             outcome(0.63, 0.6346)[1], outcome(len, 0.5)[1], outcome(None, 0.5)[1]]
    assert lines[0] == "⏳ 第 1 题：尚未作答——请把 `None` 换成你的答案。\n"
    assert lines[1] == "✅ 第 1 题：正确。\n"
    assert "百分数" in lines[2] and "Hint" not in lines[2] and "提示：" in lines[2]
    for line in lines:
        assert line.count("\n") == 1 and CJK.search(line), line
        english = re.sub(r"`[^`]*`|Hint: .*|Task \w|'[^']*'|Use the helper from the lecture\.",
                         "", line)
        assert not re.search(r"\b(expected|not yet|got|answer|column|values?|the)\b", english), \
            line


def test_a_hint_is_shown_in_chinese(chinese: None) -> None:
    key = checks.answer_key("00")
    number, hint = "1", key.hints["00.1"]
    chinese_hint = language.text(hint)
    ok, out = run(key.check, number, -1)
    assert not ok and out == f"❌ 第 {number} 题：还不对。提示：{chinese_hint.strip()}\n"
    if chinese_hint != hint:  # translated (tools/translate.py --check makes sure of it)
        assert CJK.search(out)


def test_hints_are_listed_by_task() -> None:
    key, _ = demo_key()
    assert key.hints == {task: HINT for task in key.tasks}


# --- grading with nbgrader, and form-only checks without the keys (issue 15) --------------------

def test_points_and_forms_of_a_key() -> None:
    key = checks.AnswerKey("99")
    key.value(1, hint=HINT, points=2, low=0, high=1)(lambda: 0.25)
    key.choice(2, "B", options="ABC", hint=HINT)
    key.predicate(3, hint=HINT, points=0.5)(lambda answer: answer > 0)
    key.value(4, hint=HINT)(lambda: pd.DataFrame({"grade": ["A", "B"], "n": [3, 4]}))
    key.value(5, hint=HINT)(lambda k: k * 2)  # needs the check cell's context
    assert key.points == {"99.1": 2.0, "99.2": 1.0, "99.3": 0.5, "99.4": 1.0, "99.5": 1.0}
    assert key.forms == {
        "99.1": {"kind": "number", "exact": False, "low": 0.0, "high": 1.0},
        "99.2": {"kind": "choice", "options": ["A", "B", "C"]},
        "99.3": {"kind": "any"},
        "99.4": {"kind": "frame", "columns": ["grade", "n"], "rows": 2},
        "99.5": {"kind": "any"}}
    for bad in (-1, "1", math.nan):
        with pytest.raises((TypeError, ValueError), match="points"):
            checks.AnswerKey("98").value(1, hint=HINT, points=bad)
    with pytest.raises(ValueError, match="low"):
        checks.AnswerKey("98").value(1, hint=HINT, low=2, high=1)


def test_every_chapter_key_has_forms_without_values() -> None:
    """The forms a graded course's student side gets: JSON, and no value in them."""
    import json

    for chapter in range(14):
        key = checks.answer_key(f"{chapter:02d}")
        forms = key.forms
        assert list(forms) == key.tasks
        text = json.dumps(forms)
        for entry in key._entries.values():
            if entry.kind == "value" and isinstance(entry.cached, float) and not float(
                    entry.cached).is_integer():
                assert repr(entry.cached) not in text and f"{entry.cached:.4f}" not in text


FORMS = {"99.1": {"kind": "number", "exact": False, "low": 0, "high": 1},
         "99.2": {"kind": "number", "exact": True},
         "99.3": {"kind": "choice", "options": ["A", "B", "C", "D"]},
         "99.4": {"kind": "frame", "columns": ["grade", "share"], "rows": 3},
         "99.5": {"kind": "list", "length": 2},
         "99.6": {"kind": "text"}}
FORM_ONLY = "form checked only; your teacher grades the value"


@pytest.fixture
def no_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """The student side of a graded course: helpers without helpers.answers."""
    monkeypatch.setattr(checks, "_keys_present", lambda: False)
    monkeypatch.setattr(checks, "_forms", lambda: FORMS)


@pytest.mark.parametrize(("task_id", "answer", "note"), [
    ("99.1", 0.4, None), ("99.1", 40.0, "expected a number from 0 to 1"),
    ("99.1", "0.4", "leave out the quotes"), ("99.1", math.nan, "NaN"),
    ("99.1", math.inf, "infinite"), ("99.2", 1142.0, None), ("99.2", 11.5, "whole number"),
    ("99.3", "(c)", None), ("99.3", "E", "not one of the options A, B, C, D"),
    ("99.3", 2, "as text in quotes"),
    ("99.4", pd.DataFrame({"grade": list("ABC"), "share": [0.5, 0.3, 0.2]}), None),
    ("99.4", pd.DataFrame({"grade": list("AB"), "share": [0.5, 0.5]}), "expected 3 rows"),
    ("99.4", pd.DataFrame({"grade": list("ABC")}), "missing ['share']"),
    ("99.5", (1, 2), None), ("99.5", [1], "expected 2 items, got 1"),
    ("99.6", "web", None), ("99.6", 3, "expected text"),
    ("00.1", 12345, None),  # a task without a known form: answered is all it can say
])
def test_without_keys_only_the_form_is_checked(no_keys: None, task_id: str, answer: Any,
                                               note: str | None) -> None:
    ok, out = run(checks.task, task_id, answer)
    assert not ok and out.count("\n") == 1 and FORM_ONLY in out.casefold()
    if note is None:
        assert out.startswith("📝 Task ") and "answered" in out
    else:
        assert out.startswith("❌ Task ") and note in out, out
    assert "correct" not in out and "Hint" not in out


def test_without_keys_odd_answers_never_raise_and_untouched_is_not_attempted(
        no_keys: None) -> None:
    assert says(run(checks.task, "99.1", None), "not attempted")
    for task_id in FORMS:
        for answer in ODD_ANSWERS:
            ok, out = run(checks.task, task_id, answer)
            assert not ok and out.count("\n") == 1, (task_id, answer, out)


def test_without_keys_answer_key_says_they_are_not_installed(no_keys: None) -> None:
    with pytest.raises(checks.UnknownTaskError, match="not installed"):
        checks.answer_key("04")


def test_without_keys_the_lines_speak_chinese(no_keys: None, chinese: None) -> None:
    ok, out = run(checks.task, "99.1", 40.0)
    assert CJK.search(out) and out.count("\n") == 1


@pytest.fixture
def grading(monkeypatch: pytest.MonkeyPatch) -> None:
    """What nbgrader's autograde sets for the kernels it runs."""
    monkeypatch.setenv(checks.GRADING_ENV, "autograde")


def _cell(source: str, namespace: dict[str, Any]) -> str:
    """Run ``source`` as a notebook cell would (its source in linecache); return its stdout."""
    import linecache

    name = f"<cell-{abs(hash(source))}>"
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(compile(source, name, "exec"), namespace)  # noqa: S102
    return buffer.getvalue()


def test_grading_passes_a_right_answer_and_fails_a_wrong_one_with_its_hint(
        grading: None) -> None:
    key = checks.answer_key("00")
    right = key._entries["4"].compute()
    assert run(checks.task, "00.4", right)[0]
    with pytest.raises(checks.TaskFailed) as failure:
        checks.task("00.4", "no such channel")
    assert isinstance(failure.value, AssertionError)
    assert str(failure.value).startswith("❌ Task 4: not yet. Hint: ")
    assert failure.value._render_traceback_() == [str(failure.value)]
    with pytest.raises(checks.TaskFailed, match="not attempted"):
        checks.task("00.4", None)


def test_grading_gives_partial_credit_in_a_cell_of_two_tasks(grading: None) -> None:
    key = checks.answer_key("08")
    right = {n: key._entries[n].compute() for n in ("3", "3b")}
    cell = 'checks.task("08.3", a)\nresult = checks.task("08.3b", b)'
    namespace = {"checks": checks, "a": right["3"], "b": right["3b"]}
    out = _cell(cell, namespace)
    assert out.count("✅") == 2 and bool(namespace["result"])
    namespace.update(b=-1)
    out = _cell(cell, namespace)
    assert repr(namespace["result"]) == "1" and not namespace["result"]
    assert out.index("✅ Task 3:") < out.index("❌ Task 3b:")
    namespace.update(a=-1)
    with pytest.raises(checks.TaskFailed) as failure:
        _cell(cell, namespace)
    assert str(failure.value).count("❌") == 2


def test_grading_silences_the_keys_warnings(grading: None, capsys: pytest.CaptureFixture
                                            ) -> None:
    import warnings

    key = checks.AnswerKey("97")

    def _noisy() -> float:
        warnings.warn("a fit warning", UserWarning, stacklevel=1)
        return 0.5

    key.value(1, hint=HINT)(_noisy)
    with pytest.warns(UserWarning, match="a fit warning"):
        assert run(key.check, 1, 0.5)[0]  # practice: as it was
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        key._entries["1"].cached = checks._NO_VALUE
        checks._graded(key, "97.1", "1", 0.5, {}, None)
