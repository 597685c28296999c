"""Valid example calls of ``helpers.checks`` (the exercises' self-checks) for the mutation test.

The student's answer is mutated in every way the engine knows (numbers as text, NaN, None, a
list instead of a frame, …): a check must then print its one line and return a Verdict, never
raise. Only the author's arguments (task ids, hints, tolerances, options) may be refused.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from mutation import Case

from helpers import checks, language

HINT = "Use the helper from the lecture."
FRAME = pd.DataFrame({"segment": ["A", "B", "C"], "customers": [12, 30, 58],
                      "share": [0.12, 0.30, 0.58]}, index=pd.Index([1, 2, 3], name="rank"))
SERIES = pd.Series([0.5, 0.3, 0.2], index=pd.Index(["A", "B", "C"], name="grade"))
ARRAY = np.array([1.5, 2.5, 4.0])


def _demo_key() -> checks.AnswerKey:
    key = checks.AnswerKey("99")
    key.value(1, hint=HINT)(lambda: 0.25)
    key.predicate(2, hint=HINT)(lambda answer: 500 <= answer <= 560)
    key.choice(3, "B", options="ABCD", hint=HINT)
    key.value(4, hint=HINT)(lambda: FRAME)
    return key


DEMO = _demo_key()


def _task_in_chinese(task_id: object, answer: object) -> checks.Verdict:
    """``checks.task`` after ``use_language("zh")``: the same one line, in Chinese."""
    language._state["language"] = "zh"  # the switch itself is covered in mutation_cases/language
    try:
        return checks.task(task_id, answer)
    finally:
        language._state["language"] = "en"

CASES = [
    # checks.task with the answers of real exercises: a count, a share, text, a pair, a
    # multiple choice, a list of text, and a Series where a number is expected
    Case(checks.task, task_id="00.1", answer=950),
    Case(checks.task, task_id="00.2", answer=-0.48),
    Case(checks.task, task_id="00.4", answer="web"),
    Case(checks.task, task_id="01.5", answer=(-10.0, 25.0)),
    Case(checks.task, task_id="01.8", answer="A"),
    Case(checks.task, task_id="05.6", answer=["detach", "decide", "defend", "grow"]),
    Case(checks.task, task_id="04.1", answer=SERIES),
    Case(checks.task, call=_task_in_chinese, task_id="00.1", answer=950),
    Case(checks.task, call=_task_in_chinese, task_id="05.6", answer=["detach", "decide"]),
    # the comparisons themselves, with every kind of expected value
    Case(checks.check, task="Task 1", answer=0.3, expected=0.25, hint=HINT, rtol=1e-6,
         atol=0.0),
    Case(checks.check, task="Task 2", answer=FRAME.copy(), expected=FRAME, hint=HINT,
         rtol=1e-6, atol=0.0),
    Case(checks.check, task="Task 3", answer=SERIES.copy(), expected=SERIES, hint=HINT,
         rtol=1e-6, atol=0.0),
    Case(checks.check, task="Task 4", answer=ARRAY.copy(), expected=ARRAY, hint=HINT,
         rtol=1e-6, atol=0.0),
    Case(checks.check, task="Task 5", answer={"A": 1.0, "B": 2.0}, expected={"A": 1.0, "B": 2.5},
         hint=HINT, rtol=1e-6, atol=0.0),
    Case(checks.check, task="Task 6", answer=["grow", "keep"], expected=["keep", "grow"],
         hint=HINT, rtol=1e-6, atol=0.0),
    Case(checks.check, task="Task 7", answer=True, expected=False, hint=HINT, rtol=1e-6,
         atol=0.0),
    Case(checks.check_predicate, task="Task 8", answer=530.0,
         test=lambda cutoff: 500 <= cutoff <= 560, hint=HINT),
    Case(checks.choice, task="Task 9", answer="b", correct="B", options="ABCD", hint=HINT),
    Case(checks.is_untouched, answer=0.25),
    Case(checks.Verdict, correct=True),
    # answer keys
    Case(checks.AnswerKey, chapter="99"),
    Case(checks.AnswerKey.value, call=lambda number, hint, rtol, atol: checks.AnswerKey(
        "99").value(number, hint=hint, rtol=rtol, atol=atol)(lambda: 0.25),
        number=1, hint=HINT, rtol=1e-6, atol=0.0),
    Case(checks.AnswerKey.predicate, call=lambda number, hint: checks.AnswerKey("99").predicate(
        number, hint=hint)(lambda answer: answer > 0), number="2b", hint=HINT),
    Case(checks.AnswerKey.choice, call=lambda number, correct, options, hint: checks.AnswerKey(
        "99").choice(number, correct, options=options, hint=hint),
        number=3, correct="B", options="ABCD", hint=HINT),
    Case(checks.AnswerKey.check, self=DEMO, number=1, answer=0.3),
    Case(checks.AnswerKey.check, self=DEMO, number=2, answer=530.0),
    Case(checks.AnswerKey.check, self=DEMO, number=3, answer="c"),
    Case(checks.AnswerKey.check, self=DEMO, number=4, answer=FRAME.copy()),
    Case(checks.answer_key, chapter="00"),
]
