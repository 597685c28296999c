"""Valid example calls of ``helpers.quality`` (chapter 02) for the mutation test."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from mutation import Case  # noqa: E402

from helpers import quality  # noqa: E402

ANSWERS = pd.DataFrame({
    "customer_id": [1] * 4 + [2] * 4 + [3] * 4,
    "item": ["a1", "a2", "b1", "b2"] * 3,
    "dimension": ["a", "a", "b", "b"] * 3,
    "expectation": [6, 7, 5, 5, 5, 6, 4, 5, 7, 7, 6, 6],
    "perception": [4, 5, 6, 5, 5, 3, 4, 4, 6, 6, 7, 6],
})
GAPS = quality.respondent_gaps(ANSWERS)
IMPORTANCE = pd.DataFrame({"a": [80.0, 50.0, 60.0], "b": [20.0, 50.0, 40.0]},
                          index=pd.Index([1, 2, 3], name="customer_id"))
SURVEY = pd.DataFrame({"customer_id": [1, 2, 3], "importance_a": [80, 50, 60],
                       "importance_b": [20, 50, 40]})
ITEMS = pd.DataFrame({"x": [1, 2, 3, 4], "y": [2, 3, 3, 5], "z": [1, 3, 4, 4]})
RATINGS = pd.DataFrame({
    "customer_id": [1, 2, 1, 2, 1, 2],
    "attribute": ["x", "x", "y", "y", "z", "z"],
    "importance": [7, 3, 5, 5, 6, 4],
    "firm": [2, 6, 4, 4, 5, 5],
    "competitor": [5, 5, 3, 4, 6, 6],
})
WEIGHTS = pd.Series({1: 3.0, 2: 1.0})
MEANS = pd.DataFrame({"importance": [6.0, 6.0, 3.0, 3.0, 5.0],
                      "firm": [3.0, 6.0, 6.0, 2.0, 4.0],
                      "competitor": [5.0, 5.0, 4.0, 3.0, 4.5]},
                     index=pd.Index(list("ABCDE"), name="attribute"))
IPA = quality.ipa(MEANS)
CUT = quality.crosshair(MEANS)
MATRIX = quality.service_matrix(MEANS)
VERSUS = quality.competitor_comparison(MEANS)
_rng = np.random.default_rng(3)
DRIVER_GAPS = pd.DataFrame(_rng.normal(size=(12, 2)), columns=["a", "b"])
DRIVER_SATISFACTION = 5.0 + DRIVER_GAPS["a"] + 0.5 * DRIVER_GAPS["b"] + _rng.normal(
    scale=0.3, size=12)
FITTED = quality.DriverModel().fit(DRIVER_GAPS, DRIVER_SATISFACTION)


def _drawn(plot: Callable[..., Any]) -> Callable[..., Any]:
    """Call a chart helper and close its figure (hundreds of mutants draw a chart each)."""
    def call(**kwargs: Any) -> Any:
        ax = plot(**kwargs)
        plt.close(ax.figure)
        return ax
    return call


CASES = [
    Case(quality.require_ratings, ratings=ANSWERS.drop(columns="dimension"),
         columns=["expectation", "perception"], item="item", scale=(1, 7), name="ratings",
         complete=True),
    Case(quality.respondent_gaps, answers=ANSWERS, perception="perception", scale=(1, 7)),
    Case(quality.gap_scores, answers=ANSWERS, level="item", perception="perception",
         scale=(1, 7)),
    Case(quality.importance_points, survey=SURVEY, prefix="importance_", dimensions=["a", "b"],
         total=100.0),
    Case(quality.weighted_gaps, gaps=GAPS, importance=IMPORTANCE),
    Case(quality.servqual_score, gaps=GAPS, importance=IMPORTANCE),
    Case(quality.cronbach_alpha, items=ITEMS),
    Case(quality.alpha_by_dimension, answers=ANSWERS, column="perception", scale=(1, 7)),
    Case(quality.attribute_means, ratings=RATINGS, columns=["importance", "firm", "competitor"],
         weights=WEIGHTS, scale=(1, 7)),
    Case(quality.crosshair, means=MEANS, method="median", importance="importance",
         performance="firm", scale=(1, 7)),
    Case(quality.ipa, means=MEANS, crosshair_at="mean", diagonal=True, importance="importance",
         performance="firm", scale=(1, 7)),
    Case(quality.service_matrix, means=MEANS, width=2.0, importance="importance",
         performance="firm"),
    Case(quality.competitor_comparison, means=MEANS, importance="importance", firm="firm",
         competitor="competitor"),
    Case(quality.plot_ipa, call=_drawn(quality.plot_ipa), table=IPA, cut=CUT, diagonal=True,
         title="IPA"),
    Case(quality.plot_service_matrix, call=_drawn(quality.plot_service_matrix), table=MATRIX,
         width=2.0, title="Service matrix"),
    Case(quality.plot_competitor_comparison, call=_drawn(quality.plot_competitor_comparison),
         table=VERSUS, title="Versus"),
    Case(quality.DriverModel,
         call=lambda gaps, satisfaction, level: quality.DriverModel(level=level).fit(
             gaps, satisfaction),
         gaps=DRIVER_GAPS, satisfaction=DRIVER_SATISFACTION, level=0.9),
    Case(quality.DriverModel.fit, self=quality.DriverModel(), gaps=DRIVER_GAPS,
         satisfaction=DRIVER_SATISFACTION),
    Case(quality.DriverModel.summary, self=FITTED),
    Case(quality.DriverModel.predict, self=FITTED, gaps=DRIVER_GAPS),
]
