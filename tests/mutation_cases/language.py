"""Valid example calls of ``helpers.language`` for the mutation test."""

from __future__ import annotations

import contextlib
import io

import pandas as pd
from mutation import Case

from helpers import language

TABLE = pd.DataFrame({"customer_share": [0.2, 0.8], "tier": ["VIP", "small"]})

_DISPLAYED = {"no rows": "an empty table is displayed as it is",
              "first row duplicated": "any table can be displayed",
              "column missing": "any table can be displayed",
              "list of records": "only tables are relabelled; others shown as they are",
              "NaN": "a table with gaps is displayed as it is",
              "inf": "displayed as it is", "-inf": "displayed as it is",
              "huge": "displayed as it is", "negative": "displayed as it is",
              "numbers as text": "displayed as it is",
              "numbers as category": "displayed as it is",
              "missing label": "displayed as it is",
              "numbers in a text column": "displayed as it is"}


def _in_chinese(obj: object) -> object:
    """``table_labels(obj)`` in the Chinese edition (translated headers and labels), then
    English again so that later cases are unaffected."""
    with contextlib.redirect_stdout(io.StringIO()):  # the font message, if any
        language.use_language("zh")
    try:
        return language.table_labels(obj)
    finally:
        language.use_language("en")


def _text_in_chinese(message: object, context: object) -> object:
    language._state["language"] = "zh"
    try:
        return language.text(message, context)
    finally:
        language._state["language"] = "en"


def _declared(english: object, context: object) -> object:
    """``texts(english, context)``, then forgotten again (the cases' tables do not follow the
    language for the rest of the session)."""
    known = len(language._FOLLOWING)
    try:
        return language.texts(english, context)
    finally:
        del language._FOLLOWING[known:]


CASES = [
    Case(language.use_language, language="en"),
    Case(language.current),
    Case(language.text, message="not attempted yet", context="label"),
    Case(language.table_labels, obj=TABLE, skip={"obj": _DISPLAYED}),
    Case(language.table_labels, call=_in_chinese, obj=TABLE, skip={"obj": _DISPLAYED}),
    Case(language.text, call=_text_in_chinese, message="✅ {task}: correct.", context="column"),
    Case(language.translation, message="small", context="label"),
    Case(language.texts, call=_declared,
         english={"run of 8": "Eight points in a row on one side of the centre line."},
         context=None),
    Case(language.texts, call=_declared, english=["let you do what you do well"],
         context=None),
    Case(language.listing, words=["delivery_speed", "pricing"], context="label"),
    Case(language.Label, english="stable", context="label"),
]
