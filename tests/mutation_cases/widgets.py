"""Valid example calls of ``helpers.widgets`` (the interactive controls) for the mutation
test."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from mutation import Case  # noqa: E402

from helpers import widgets  # noqa: E402


def _draw(n: int, how: str) -> None:
    """A drawing function that draws nothing (the case is about the controls)."""


CASES = [
    Case(widgets.slider, description="Top share", min=0.05, max=0.5, step=0.05, value=0.2,
         fmt=".0%",
         skip={name: {"negative": "a slider may run over negative numbers",
                      "zero": "a slider may start or end at zero"}
               for name in ("min", "max", "value")}),
    Case(widgets.slider, description="Segments k", min=2, max=8, step=1, value=4, fmt="d",
         skip={name: {"negative": "a slider may run over negative numbers",
                      "zero": "a slider may start or end at zero"}
               for name in ("min", "max", "value")}),
    Case(widgets.dropdown, description="Crosshair", options=["mean", "median"], value="median"),
    Case(widgets.dropdown, description="Normalisation", options={"min-max": "minmax",
                                                                  "z-score": "z"}, value="z"),
    Case(widgets.toggle, description="Model", options=["BG/NBD", "Pareto/NBD"],
         value="Pareto/NBD"),
    Case(widgets.number, description="Budget (CNY)", value=50_000.0, step=1_000.0,
         skip={"value": {"negative": "a number box may hold a negative amount",
                         "zero": "a number box may hold zero"}}),
    Case(widgets.combobox, description="Customer id", options=["1001", "1002", "1030"],
         value="1030", placeholder="any id"),
    Case(widgets.explore, func=_draw, columns=2, n=widgets.slider("n", 1, 10, 1, 3),
         how=widgets.dropdown("how", ["a", "b"])),
]
