"""Valid example calls of ``helpers.scorecard`` (chapter 12) for the mutation test."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from mutation import Case

from helpers import scorecard as sc

_N = 40
DATA = pd.DataFrame({  # 40 applicants: longer loans and "cash" loans go bad more often
    "months": np.arange(6.0, 6.0 + 1.5 * _N, 1.5),
    "amount": np.round(np.linspace(500.0, 9000.0, _N)[::-1], 1),
    "purpose": (["car", "tv", "cash", "car"] * (_N // 4)),
    "bad": [0, 0, 0, 1, 0, 0, 1, 0] * 2 + [0, 0, 0, 1] + [1, 0, 1, 1, 0, 1, 0, 1] * 2
           + [1, 0, 1, 0],
})
X = DATA["months"].rename("x")
Y = DATA["bad"].rename("y")
LEVELS = DATA["purpose"].rename("x")
with warnings.catch_warnings():  # a small example: the scorecard warns that it is too small
    warnings.simplefilter("ignore")
    BINNER = sc.WOEBinner(n_bins=3).fit(DATA, "bad")
    CARD = sc.Scorecard(method="quantile", n_bins=3).fit(DATA, "bad")
BINNING = sc.bin_variable(X, Y, [20, 40])
SCORE = CARD.score(DATA).rename("score")
RATINGS = pd.DataFrame({"character": [80.0, 50.0, 65.0], "capacity": [60.0, 50.0, 90.0],
                        "capital": [100.0, 0.0, 40.0]}, index=["C1", "C2", "C3"])
WEIGHTS = {"character": 0.4, "capacity": 0.35, "capital": 0.25}

CASES = [
    Case(sc.Binning, call=lambda x, y, bins: sc.bin_variable(x, y, bins),
         x=LEVELS, y=Y, bins={"car": "car", "tv": "goods", "cash": "cash"}),
    Case(sc.Binning.index, self=BINNING, x=X),
    Case(sc.Binning.transform, self=BINNING, x=X),
    Case(sc.bin_variable, x=X, y=Y, bins=None, method="tree", n_bins=4, monotonic="auto",
         min_bin_share=0.1, adjustment=0.5, name="months",
         aliases={"x": ["months"]}),
    Case(sc.bin_variable, x=X, y=Y, bins=[20.0, 40.0], method="quantile", n_bins=4,
         monotonic=False, min_bin_share=0.1, adjustment=0.5, name="x"),
    Case(sc.woe_table, x=LEVELS, y=Y, bins={"car": "car", "tv": "goods", "cash": "cash"},
         adjustment=0.5),
    Case(sc.information_value, x=X, y=Y, bins=3, method="quantile", monotonic=True),
    Case(sc.iv_strength, iv=0.2),
    Case(sc.iv_strength, iv=pd.Series([0.01, 0.2, 0.4], index=["a", "b", "c"])),
    Case(sc.iv_summary, data=DATA, target="bad", columns=["months", "purpose"],
         method="tree", n_bins=3, monotonic=True),
    Case(sc.WOEBinner, call=lambda data, target, columns, method, n_bins, monotonic,
         min_bin_share, adjustment, bins: sc.WOEBinner(
             method=method, n_bins=n_bins, monotonic=monotonic, min_bin_share=min_bin_share,
             adjustment=adjustment, bins=bins).fit(data, target, columns),
         data=DATA, target="bad", columns=["months", "amount", "purpose"], method="quantile",
         n_bins=3, monotonic=False, min_bin_share=0.05, adjustment=0.5,
         bins={"months": [20.0, 40.0]}),
    Case(sc.WOEBinner.fit, self=sc.WOEBinner(n_bins=3), data=DATA, target="bad",
         columns=["months", "purpose"]),
    Case(sc.WOEBinner.transform, self=BINNER, data=DATA, columns=["months", "purpose"]),
    Case(sc.WOEBinner.table, self=BINNER, column="purpose"),
    Case(sc.WOEBinner.summary, self=BINNER),
    Case(sc.points_scaling, base_score=600.0, base_odds=50.0, pdo=20.0),
    Case(sc.score_from_odds, odds=pd.Series([25.0, 50.0, 100.0]), base_score=600.0,
         base_odds=50.0, pdo=20.0),
    Case(sc.score_from_odds, odds=50.0),
    Case(sc.odds_from_score, score=pd.Series([580.0, 600.0, 640.0]), base_score=600.0,
         base_odds=50.0, pdo=20.0),
    Case(sc.odds_from_score, score=640.0),
    Case(sc.Scorecard, call=lambda data, target, columns, base_score, base_odds, pdo, method,
         n_bins, monotonic, min_bin_share, adjustment, bins, min_iv, C, decimals:
         sc.Scorecard(base_score=base_score, base_odds=base_odds, pdo=pdo, method=method,
                      n_bins=n_bins, monotonic=monotonic, min_bin_share=min_bin_share,
                      adjustment=adjustment, bins=bins, min_iv=min_iv, C=C,
                      decimals=decimals).fit(data, target, columns),
         data=DATA, target="bad", columns=["months", "amount", "purpose"], base_score=600.0,
         base_odds=50.0, pdo=20.0, method="tree", n_bins=3, monotonic=True,
         min_bin_share=0.1, adjustment=0.5, bins={"purpose": {"car": "car", "tv": "other",
                                                              "cash": "other"}},
         min_iv=0.02, C=1.0, decimals=0),
    Case(sc.Scorecard.fit, self=sc.Scorecard(method="quantile", n_bins=3), data=DATA,
         target="bad", columns=["months", "purpose"]),
    Case(sc.Scorecard.predict_proba, self=CARD, data=DATA),
    Case(sc.Scorecard.score, self=CARD, data=DATA),
    Case(sc.Scorecard.summary, self=CARD),
    Case(sc.auc, score=SCORE, y=Y),
    Case(sc.gini, score=SCORE, y=Y),
    Case(sc.ks_statistic, score=SCORE, y=Y),
    Case(sc.ks_curve, score=SCORE, y=Y),
    Case(sc.performance, score=SCORE, y=Y),
    Case(sc.score_distribution, score=SCORE, y=Y, bins=4),
    Case(sc.score_distribution, score=SCORE, y=Y, bins=[400.0, 500.0, 600.0, 700.0]),
    Case(sc.CrossValidation, call=lambda data, n_splits: sc.cross_validate(
        data, n_splits=n_splits), data=DATA, n_splits=2),
    Case(sc.cross_validate, data=DATA, target="bad", columns=["months", "purpose"],
         n_splits=3, seed=1, method="quantile", n_bins=3),
    Case(sc.cutoff_table, score=SCORE, y=Y, cutoffs=[450.0, 500.0, 550.0],
         profit_per_good=1.0, loss_per_bad=5.0),
    Case(sc.cutoff_table, score=SCORE, y=Y, cutoffs=np.array([450.0, 500.0, 550.0])),
    Case(sc.psi_table, expected=SCORE, actual=SCORE.iloc[::2], bins=4, adjustment=0.5),
    Case(sc.psi_table, expected=SCORE, actual=SCORE.iloc[::2], bins=[480.0, 520.0]),
    Case(sc.psi, expected=SCORE, actual=SCORE.iloc[::2], bins=4, adjustment=0.5),
    Case(sc.psi_strength, value=0.2, aliases={"value": ["psi"]}),
    Case(sc.weighted_credit_score, ratings=RATINGS, weights=WEIGHTS),
    Case(sc.weighted_credit_score, ratings=RATINGS, weights=pd.Series(WEIGHTS)),
]
