"""Valid example calls of ``helpers.plots`` (the house style) for the mutation test."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from mutation import Case  # noqa: E402

from helpers import language, plots  # noqa: E402

FIG, AX = plt.subplots()


def _closed(**options: object) -> tuple[int, int]:
    """``new_axes(**options)``, with the figure closed again: returns its size in inches."""
    fig, _ = plots.new_axes(**options)
    size = tuple(fig.get_size_inches())
    plt.close(fig)
    return size


def _chinese_then_english(on: object) -> str | None:
    """``use_chinese(on)``, then back to English so that later cases are unaffected."""
    try:
        return plots.use_chinese(on)
    finally:
        plots.use_chinese(False)


def _label_in_chinese(english: object, chinese: object) -> str:
    """``label(english, chinese)`` in the Chinese edition, then English again."""
    language._state["language"] = "zh"
    try:
        return plots.label(english, chinese)
    finally:
        language._state["language"] = "en"


CASES = [
    Case(plots.readable_number, x=1234567.891,
         skip={"x": {"NaN": "a table's formatter shows NaN (documented)",
                     "inf": "a table's formatter shows inf (documented)",
                     "-inf": "a table's formatter shows -inf (documented)"}}),
    Case(plots.use_style, context="notebook"),
    Case(plots.seaborn_theme, context="notebook"),
    Case(plots.find_cjk_font, candidates=list(plots.CJK_FONTS)),
    Case(plots.use_chinese, call=_chinese_then_english, on=True),
    Case(plots.chinese_enabled),
    Case(plots.label, english="Customers", chinese="客户"),
    Case(plots.label, call=_label_in_chinese, english="Customers", chinese="客户"),
    Case(plots.label, english="small", context="label"),
    Case(plots.chinese_shown),
    Case(plots.date_axis, ax=AX, axis="x", fixed=("ax",)),
    Case(plots.money_axis, ax=AX, axis="y", unit="CNY", fixed=("ax",)),
    Case(plots.percent_axis, ax=AX, axis="x", decimals=1, fixed=("ax",)),
    Case(plots.new_axes, call=_closed, ncols=2, nrows=1, width=10.0, height=4.0, sharey=True),
]
