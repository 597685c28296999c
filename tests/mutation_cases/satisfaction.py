"""Valid example calls of ``helpers.satisfaction`` (chapter 01) for the mutation test."""

from __future__ import annotations

import pandas as pd
from mutation import Case

from helpers import satisfaction

ANSWERS = pd.DataFrame({
    "customer_id": [1, 1, 2, 2, 3, 3],
    "item": ["Q1", "Q2", "Q1", "Q2", "Q1", "Q2"],
    "expectation": [6, 5, 7, 4, 5, 5],
    "perception": [4, 6, 7, 6, 5, 3],
})
SCORES = pd.Series([-1.0, -0.25, 0.0, 0.3, 0.8, 2.0], index=range(11, 17))
RECOMMEND = pd.Series([9, 10, 10, 9, 7, 8, 0, 6, 5, 3])
BY_SIZE = pd.DataFrame({"size": ["small", "small", "large", "large", "large"],
                        "recommend": [10, 0, 9, 9, 7]})
KANO = pd.DataFrame({
    "kano_x_functional": [1, 1, 1, 3, 3, 5, 1],
    "kano_x_dysfunctional": [3, 4, 5, 5, 3, 1, 1],
    "kano_y_functional": [2, 4, 1, 1, 2, 3, 4],
    "kano_y_dysfunctional": [5, 5, 5, 5, 5, 5, 5],
})
CLASSES = satisfaction.kano_classes(KANO)

CASES = [
    Case(satisfaction.disconfirmation, answers=ANSWERS, respondent="customer_id", item="item",
         expectation="expectation", performance="perception", scale=(1, 7), per="respondent"),
    Case(satisfaction.expectation_outcome, scores=SCORES, band=0.25),
    Case(satisfaction.satisfaction_level, scores=SCORES,
         bounds=dict(satisfaction.LEVEL_BOUNDS)),
    Case(satisfaction.nps_group, scores=RECOMMEND),
    Case(satisfaction.nps, scores=RECOMMEND, confidence=0.9, method="bootstrap", n_boot=200,
         seed=1),
    Case(satisfaction.nps_by, data=BY_SIZE, by="size", score="recommend", confidence=0.9,
         method="bootstrap", n_boot=200, seed=1),
    Case(satisfaction.kano_category, functional=KANO["kano_x_functional"],
         dysfunctional=KANO["kano_x_dysfunctional"]),
    Case(satisfaction.kano_features, survey=KANO, prefix="kano_"),
    Case(satisfaction.kano_classes, survey=KANO, features=["x", "y"], prefix="kano_"),
    Case(satisfaction.kano_summary, classes=CLASSES),
]

