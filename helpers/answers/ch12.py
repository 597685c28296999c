"""Answer key of chapter 12's exercises (WOE and IV, points scaling, the scorecard measured out
of sample, cut-off, PSI, the quarterly credit rating)."""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pandas as pd

from helpers import datasets, rating, scorecard
from helpers.checks import AnswerKey

KEY = AnswerKey("12")

EXCLUDED = ("personal_status_sex", "foreign_worker")  # kept out of the scorecard (chapter 12)
SMALL = ["checking_account", "credit_history", "duration_months", "savings", "purpose"]
CREDIT_FILE_DATE = "2025-01-01"  # the case company's credit file describes the close of 2024


@cache
def _german() -> pd.DataFrame:
    return datasets.load_german_credit()


def _characteristics() -> list[str]:
    return [c for c in _german().columns if c not in ["bad", *EXCLUDED]]


@cache
def _cv_small() -> scorecard.CrossValidation:
    return scorecard.cross_validate(_german(), "bad", SMALL, n_splits=5, seed=1)


@cache
def _psi_new() -> float:
    german = _german()
    card = scorecard.Scorecard().fit(german, "bad", _characteristics())
    new = german[german["purpose"].isin(["car (new)", "business"])]
    return scorecard.psi(card.score(german), card.score(new), bins=10)


@KEY.value(1, hint="Bin `savings` by its levels (a categorical characteristic needs no bins "
                   "argument) and read the `woe` of that level. The course's WOE is "
                   "ln(dist_good / dist_bad), so a safe level has a positive WOE; a number of "
                   "the right size with the wrong sign means the two shares were swapped.")
def _woe_rich() -> float:
    german = _german()
    bad = german["bad"].astype(bool)
    rich = german["savings"] == "... >= 1000 DM"
    dist_good = (rich & ~bad).sum() / (~bad).sum()
    dist_bad = (rich & bad).sum() / bad.sum()
    return math.log(dist_good / dist_bad)


UNKNOWN_SAVINGS = "unknown/ no savings account"


@KEY.value(2, hint="Keep only the loans whose `savings` level is the unknown / no savings "
                   "account one, and only the numeric characteristics among "
                   "`characteristics`. Bin them supervised *and* monotone (`method=\"tree\", "
                   "monotonic=True`): on this small subset the default quantile bins and a "
                   "tree without the monotone constraint rank them differently. The summary "
                   "comes strongest first; give the variable's name as text.")
def _strongest_numeric() -> str:
    german = _german()
    subset = german[german["savings"] == UNKNOWN_SAVINGS]
    numeric = [c for c in _characteristics() if pd.api.types.is_numeric_dtype(german[c])]
    binner = scorecard.WOEBinner(method="tree", monotonic=True).fit(subset, "bad", numeric)
    return str(binner.iv_.sort_values(ascending=False, kind="stable").index[0])


@KEY.value(3, rtol=1e-9,
           hint="`scorecard.score_from_odds` takes the odds and the bank's three scaling "
                "numbers (base score, base odds, points to double the odds); leaving any of "
                "them out uses the course's 600 / 50 / 20 instead. Check your call first: "
                "at the base odds it must give the base score.")
def _score_80() -> float:
    return 500 + 40 * math.log2(80 / 20)


@KEY.value(4, rtol=1e-9,
           hint="Cross-validate a scorecard on only the five named characteristics, with 5 "
                "folds and `seed=1` (the seed fixes the folds: another one gives another "
                "AUC), and average the `auc` column of the folds — not the AUC of the pooled "
                "out-of-fold scores, and not a scorecard fitted on all the loans first.")
def _auc_small() -> float:
    cv = _cv_small()
    bad = _german()["bad"].to_numpy()
    # each fold's AUC from its own out-of-fold scores (the folds of seed 1, as the task says)
    from sklearn.model_selection import StratifiedKFold

    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=1).split(bad, bad)
    return float(np.mean([scorecard.auc(cv.scores.iloc[test], bad[test]) for _, test in folds]))


@KEY.value(5, hint="Use the out-of-fold scores of Task 4 (`oof_small`) in the cut-off table "
                   "over 400, 405, …, 650 with a gain of 1 per approved good and a loss of 5 "
                   "per approved bad. The answer is a score — the cut-off of the row with the "
                   "largest expected profit — not the profit itself.")
def _best_cutoff() -> float:
    scores = _cv_small().scores.to_numpy()
    bad = _german()["bad"].to_numpy().astype(bool)
    grid = np.arange(400, 651, 5)
    approved = scores[None, :] >= grid[:, None]
    profit = (approved & ~bad).sum(axis=1) - 5 * (approved & bad).sum(axis=1)
    return float(grid[np.argmax(profit)])


@KEY.value(6, rtol=1e-9,
           hint="Rate 2024Q1 and 2025Q1 together (pass `customers=case.customers` and "
                "`file_date=CREDIT_FILE_DATE`), then follow the customers rated AA in 2024Q1 "
                "and rated in both quarters: the share of them in AA or AAA a year later. "
                "`rating.rating_migration` counts the moves; use the AA row only.")
def _aa_kept() -> float:
    case = datasets.load_case_company()
    ratings = rating.quarterly_ratings(case.financials, case.credit_profiles, case.invoices,
                                       ["2024Q1", "2025Q1"], customers=case.customers,
                                       file_date=CREDIT_FILE_DATE)
    wide = ratings.pivot(index="customer_id", columns="quarter", values="rating").dropna()
    was_aa = wide["2024Q1"].astype(str) == "AA"
    return float(wide.loc[was_aa, "2025Q1"].astype(str).isin(["AA", "AAA"]).mean())


@KEY.value("7a", rtol=1e-9,
           hint="Fit one scorecard (default options) on all loans with `characteristics` and "
                "score both groups. `scorecard.psi(expected, actual, bins=10)`: the bins come "
                "from the first argument, all loans' scores; the new applicants' scores come "
                "second. Swapping them gives another number.")
def _psi() -> float:
    return _psi_new()


@KEY.value("7b", hint="`scorecard.psi_strength` turns a PSI into its band ('stable', 'some "
                      "shift' or 'major shift'); pass it your PSI of 7a and store the text.")
def _psi_band() -> str:
    bands = scorecard.PSI_BANDS
    row = bands[(bands["lower"] <= _psi_new()) & (_psi_new() < bands["upper"])]
    return str(row["stability"].iloc[0])
