"""Credit scoring (信用评分法): weight of evidence, scorecards and their validation (chapter 12).

A *scorecard* (评分卡) turns an applicant's characteristics into points whose sum ranks the
credit risk. This module builds one the way credit risk teams do (Siddiqi 2006, *Credit Risk
Scorecards*, Wiley; Thomas, Edelman & Crook 2002, *Credit Scoring and Its Applications*, SIAM):

* **Binning** (分箱) and **weight of evidence** (证据权重), in :mod:`helpers.binning` and
  reachable here: :func:`bin_variable`, :func:`woe_table`, :func:`information_value`,
  :func:`iv_strength`, :func:`iv_summary` and :class:`WOEBinner` (all variables of a table
  at once).
* **The scorecard**: :class:`Scorecard` (logistic regression on WOE values), points scaling
  :func:`points_scaling`, :func:`score_from_odds`, :func:`odds_from_score`.
* **Validation out of sample**: :func:`auc`, :func:`gini`, :func:`ks_statistic`,
  :func:`ks_curve`, :func:`performance`, :func:`score_distribution`, :func:`cross_validate`.
* **Using the score**: :func:`cutoff_table` and the population stability index
  :func:`psi_table`, :func:`psi`, :func:`psi_strength`.
* **The weighted-factor credit scoring method**: :func:`weighted_credit_score` (the deck
  《客户管理》第三章 names the credit scoring method, 信用评分法, without its form; the weighted
  sum of factor ratings is the course's reading).

Conventions (read this once)
----------------------------
The target ``y`` is 0/1 with **1 = bad** (default, 违约) and 0 = good, as in the German Credit
data's ``bad`` column. Scores rank the other way: **a higher score means a safer customer**.

Characteristics, bins and WOE follow :mod:`helpers.binning`'s conventions: WOE =
ln(dist_good / dist_bad), positive = safer than average. Bad input raises a ``ValueError`` or
``TypeError`` naming the argument or column, the rule broken and a few offending rows; nothing is
dropped silently, nothing returns NaN.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from typing import Literal, NamedTuple

import numpy as np
import pandas as pd

from . import language
from .binning import (
    IV_BANDS,
    MAX_BINS,
    WOE_CONVENTION,
    Binning,
    Monotonic,
    WOEBinner,
    _characteristics,
    _cut_points,
    _interval_labels,
    _quantile_cuts,
    _scores,
    _target,
    bin_variable,
    information_value,
    iv_strength,
    iv_summary,
    woe_table,
)
from .model import FitWarning, Model
from .validation import (
    SHOW,
    as_numeric_series,
    check_int,
    check_number,
    check_seed,
    numeric_columns,
    offenders,
    require_columns,
    require_frame,
    require_unique_index,
)

__all__ = [
    "WOE_CONVENTION", "IV_BANDS", "PSI_BANDS", "MAX_BINS", "Binning", "bin_variable",
    "woe_table", "information_value", "iv_strength", "iv_summary", "WOEBinner",
    "points_scaling", "score_from_odds", "odds_from_score", "Scorecard", "auc", "gini",
    "ks_statistic", "ks_curve", "performance", "score_distribution", "CrossValidation",
    "cross_validate", "cutoff_table", "psi_table", "psi", "psi_strength",
    "weighted_credit_score",
]

PSI_BANDS = pd.DataFrame({
    "lower": [0.0, 0.1, 0.25],
    "upper": [0.1, 0.25, math.inf],
    "stability": ["stable", "some shift", "major shift"],
    "action": ["no action", "investigate the shift", "review or rebuild the scorecard"],
})
"""Rules of thumb for the population stability index (Siddiqi 2006, ch. 9; Yurdakul 2018,
"Statistical properties of population stability index", PhD thesis, Western Michigan)."""

EVENTS_PER_CHARACTERISTIC = 10
"""Rows of the rarer class a logistic scorecard needs per characteristic it keeps (the
"events per variable" rule of Peduzzi et al. 1996, *J. Clin. Epidemiol.* 49(12))."""


# =============================================================================================
# points scaling and the scorecard
# =============================================================================================

def points_scaling(base_score: float = 600, base_odds: float = 50, pdo: float = 20
                   ) -> pd.Series:
    """``factor`` and ``offset`` of the linear score scale (Siddiqi 2006, ch. 6)::

        score = offset + factor x ln(odds),  odds = good:bad
        factor = pdo / ln 2,  offset = base_score - factor x ln(base_odds)

    so a customer with good:bad odds ``base_odds`` (> 0) scores ``base_score`` and every
    ``pdo`` points (points to double the odds, 翻倍分值, > 0) double the odds.

    >>> points_scaling(600, 50, 20).round(3).to_dict()
    {'factor': 28.854, 'offset': 487.123}
    """
    base_score = check_number(base_score, "base_score")
    base_odds = check_number(base_odds, "base_odds", low=0, low_open=True)
    factor = check_number(pdo, "pdo", low=0, low_open=True) / math.log(2)
    offset = base_score - factor * math.log(base_odds)
    if not math.isfinite(offset):
        raise ValueError(f"base_score={base_score:g}, base_odds={base_odds:g} and pdo={pdo!r} "
                         "give a score scale beyond the range of floating-point numbers")
    return pd.Series({"factor": factor, "offset": offset})


def score_from_odds(odds: float | Sequence[float] | pd.Series, base_score: float = 600,
                    base_odds: float = 50, pdo: float = 20) -> float | pd.Series:
    """Score of good:bad ``odds`` (> 0): offset + factor x ln(odds) (:func:`points_scaling`).

    >>> score_from_odds(50), score_from_odds([25, 100]).tolist()
    (600.0, [580.0, 620.0])
    """
    factor, offset = points_scaling(base_score, base_odds, pdo)
    if np.ndim(odds) == 0 and not isinstance(odds, pd.Series):
        return float(offset + factor * math.log(check_number(odds, "odds", low=0,
                                                             low_open=True)))
    s = as_numeric_series(odds, "odds")
    if (s <= 0).any():
        raise ValueError(f"odds must be positive (good:bad odds above 0); "
                         f"{int((s <= 0).sum())} value(s) are not: {offenders(s, s <= 0)}")
    return pd.Series(offset + factor * np.log(s.to_numpy()), index=s.index, name="score")


def odds_from_score(score: float | Sequence[float] | pd.Series, base_score: float = 600,
                    base_odds: float = 50, pdo: float = 20) -> float | pd.Series:
    """Good:bad odds of a score: exp((score - offset) / factor), the inverse of
    :func:`score_from_odds`.

    >>> round(odds_from_score(640), 6)
    200.0
    """
    factor, offset = points_scaling(base_score, base_odds, pdo)
    scalar = np.ndim(score) == 0 and not isinstance(score, pd.Series)
    s = pd.Series([check_number(score, "score")]) if scalar else as_numeric_series(score,
                                                                                     "score")
    with np.errstate(over="ignore"):
        z = (s.to_numpy() - offset) / factor
    too_high = ~(z < 709.0)  # exp(709.8) is the largest float
    if too_high.any():
        raise ValueError(f"score is too high for this scale: its odds exceed the largest "
                         f"floating-point number (scores up to {offset + 709 * factor:g} have "
                         f"odds); value(s): {offenders(s, too_high)}")
    out = np.exp(z)
    return float(out[0]) if scalar else pd.Series(out, index=s.index, name="odds")


class Scorecard(Model):
    """A points scorecard: WOE binning, logistic regression on the WOE values, points scaling.

    ``Scorecard(...).fit(data, target="bad", columns=None)``

    1. bins every characteristic and computes its WOE (:class:`WOEBinner`, options ``method``,
       ``n_bins``, ``monotonic``, ``min_bin_share``, ``adjustment``, ``bins``); by default
       numeric characteristics get supervised (tree) bins with a monotone bad rate, the usual
       practice for a scorecard whose points must make business sense (Siddiqi 2006, ch. 6);
    2. keeps the characteristics with IV >= ``min_iv`` (default 0.02: not "not predictive");
    3. fits a logistic regression of the bad flag on their WOE values (scikit-learn
       ``LogisticRegression`` with L2 strength ``C`` > 0, Newton-Cholesky solver):
       ln(p_bad / p_good) = b0 + sum_j b_j WOE_j;
    4. turns it into points (Siddiqi 2006, ch. 6): with factor and offset of
       :func:`points_scaling`, ln(good odds) = -(b0 + sum_j b_j WOE_j), so attribute i of
       characteristic j of the n kept ones gets ::

           points_ij = -factor x b_j x WOE_ij + (offset - factor x b0) / n

       and a customer's score = sum of its points = offset + factor x ln(good odds).
       ``decimals`` rounds the points (0: whole points, as on a printed scorecard; None: exact;
       at most 10).

    Fitted attributes: ``binner_``, ``variables_`` (kept characteristics), ``params_`` (Series:
    ``intercept`` and one coefficient per kept variable), ``factor_``, ``offset_``, ``points_``
    (the scorecard table: variable, bin, woe, points), ``target_``, ``model_`` and
    ``converged_``: False, with a :class:`~helpers.model.FitWarning` that says why, when the
    data cannot support the model — fewer rows of the rarer class than
    :data:`EVENTS_PER_CHARACTERISTIC` per kept characteristic (too few rows, or a rare class),
    an id-like characteristic (see :class:`WOEBinner`) or a regression that did not converge.
    Methods: ``predict_proba`` (P(bad)), ``score``, ``summary``.

    >>> data = pd.DataFrame({"months": range(6, 66), "bad": [0, 0, 1] * 10 + [1, 1, 0] * 10})
    >>> card = Scorecard().fit(data)
    >>> card.points_
      variable           bin       woe  points
    0   months  [-inf, 34.5)  0.798508   508.0
    1   months   [34.5, inf) -0.741937   468.0
    >>> card.score(data.iloc[[0, -1]]).tolist(), card.predict_proba(data.head(1)).round(3).tolist()
    ([508.0, 468.0], [0.33])
    """

    def __init__(self, *, base_score: float = 600, base_odds: float = 50, pdo: float = 20,
                 method: Literal["quantile", "tree"] = "tree", n_bins: int = 5,
                 monotonic: Monotonic = True, min_bin_share: float = 0.05,
                 adjustment: float = 0.5, bins: Mapping[str, object] | None = None,
                 min_iv: float = 0.02, C: float = 1.0, decimals: int | None = 0) -> None:
        self.base_score, self.base_odds, self.pdo = base_score, base_odds, pdo
        self.method, self.n_bins, self.monotonic = method, n_bins, monotonic
        self.min_bin_share, self.adjustment, self.bins = min_bin_share, adjustment, bins
        self.min_iv, self.C, self.decimals = min_iv, C, decimals

    def _describe_fit(self) -> str:
        text = f"{len(self.variables_)} characteristics"
        return text + ("" if self.converged_ else ", not converged")

    def fit(self, data: pd.DataFrame, target: str = "bad",
            columns: Sequence[str] | None = None) -> Scorecard:
        """Bin, select, regress and scale on ``data`` (``columns`` or every column but
        ``target``; ``target`` is the 0/1 bad flag)."""
        from sklearn.linear_model import LogisticRegression

        factor, offset = points_scaling(self.base_score, self.base_odds, self.pdo)
        min_iv = check_number(self.min_iv, "min_iv", low=0)
        C = check_number(self.C, "C", low=0, low_open=True)
        decimals = None if self.decimals is None else check_int(self.decimals, "decimals", 0, 10)
        with warnings.catch_warnings():  # its problems are reported once, as the scorecard's
            warnings.simplefilter("ignore", FitWarning)
            binner = WOEBinner(method=self.method, n_bins=self.n_bins, monotonic=self.monotonic,
                               min_bin_share=self.min_bin_share, adjustment=self.adjustment,
                               bins=self.bins).fit(data, target, columns)
        y = _target(data[target], f"data[{target!r}]")
        kept = [c for c in binner.columns_ if binner.iv_[c] >= min_iv]
        if not kept:
            raise ValueError(f"no characteristic reaches min_iv={min_iv}; the largest IV is "
                             f"{binner.iv_.max():.4f} ({binner.iv_.idxmax()})")
        woe = binner.transform(data, kept)
        # Newton steps with a Cholesky solve: exact to the tolerance in a few iterations on
        # a dozen WOE columns, many times faster here than the default L-BFGS
        model = LogisticRegression(C=C, solver="newton-cholesky", max_iter=1000)
        model.fit(woe.to_numpy(), y)
        problems = list(binner.fit_problems_)
        rarer = int(min(y.sum(), len(y) - y.sum()))
        if rarer < EVENTS_PER_CHARACTERISTIC * len(kept):
            which = ("bad" if y.sum() <= len(y) - y.sum() else "good") + "s" * (rarer != 1)
            problems.append(
                f"only {rarer} {which} (the rarer class) in {len(y)} rows for {len(kept)} "
                f"characteristic(s): a logistic scorecard needs about "
                f"{EVENTS_PER_CHARACTERISTIC} of the rarer class per characteristic "
                "(Peduzzi et al. 1996)")
        if model.n_iter_.max() >= model.max_iter:
            problems.append(f"the logistic regression did not converge in {model.max_iter} "
                            "iterations")
        self.binner_, self.variables_, self.target_ = binner, kept, target
        self.factor_, self.offset_ = factor, offset
        self.model_ = model
        self.params_ = pd.Series([float(model.intercept_[0]), *model.coef_[0]],
                                 index=["intercept", *kept], name="coefficient")
        share = (offset - factor * self.params_["intercept"]) / len(kept)
        rows = []
        for c in kept:
            t = binner.binnings_[c].table
            raw = share - factor * self.params_[c] * t["woe"].to_numpy()
            rows.append(pd.DataFrame({"variable": c, "bin": t["bin"].to_numpy(),
                                      "woe": t["woe"].to_numpy(),
                                      "points": raw if decimals is None
                                      else np.round(raw, decimals)}))
        self.points_ = pd.concat(rows, ignore_index=True)
        self._points = {c: g["points"].to_numpy() for c, g in self.points_.groupby(
            "variable", sort=False)}
        self._converged(problems)
        return self

    def _check(self, data: pd.DataFrame) -> None:
        self._require_fitted()
        require_frame(data, "data", self.variables_)

    def predict_proba(self, data: pd.DataFrame) -> pd.Series:
        """Probability of bad of each row: 1 / (1 + exp(-(b0 + sum_j b_j WOE_j)))."""
        self._check(data)
        woe = self.binner_.transform(data, self.variables_)
        p = self.model_.predict_proba(woe.to_numpy())[:, 1]
        return pd.Series(p, index=data.index, name="p_bad")

    def score(self, data: pd.DataFrame) -> pd.Series:
        """Each row's score: the sum of its attributes' points (higher = safer)."""
        self._check(data)
        total = np.zeros(len(data))
        for c in self.variables_:
            total += self._points[c][self.binner_.binnings_[c].index(data[c])]
        return pd.Series(total, index=data.index, name="score")

    def summary(self) -> pd.DataFrame:
        """Kept characteristics with their IV, coefficient and range of points."""
        self._require_fitted()
        pts = self.points_.groupby("variable", sort=False)["points"]
        return pd.DataFrame({
            "iv": self.binner_.iv_[self.variables_],
            "coefficient": self.params_[self.variables_],
            "min_points": pts.min(), "max_points": pts.max(),
        }).rename_axis("variable").sort_values("iv", ascending=False)


# =============================================================================================
# measuring a score
# =============================================================================================

def auc(score: object, y: object) -> float:
    """Area under the ROC curve: the probability that a random good scores higher than a
    random bad (ties count half). 0.5 = no better than chance, 1 = perfect. Computed with
    scikit-learn's ``roc_auc_score`` on the good flag (Hanley & McNeil 1982).

    >>> round(auc([1.0, 2, 3, 4, 5, 6], [1, 1, 0, 1, 0, 0]), 4)  # 8 of 9 pairs ranked right
    0.8889
    """
    from sklearn.metrics import roc_auc_score

    s, ys = _scores(score, y)
    return float(roc_auc_score(1 - ys, s))


def gini(score: object, y: object) -> float:
    """Gini coefficient (accuracy ratio) = 2 x AUC - 1 (Thomas et al. 2002, ch. 7).

    >>> round(gini([1.0, 2, 3, 4, 5, 6], [1, 1, 0, 1, 0, 0]), 4)  # 7/9
    0.7778
    """
    return 2 * auc(score, y) - 1


def ks_statistic(score: object, y: object) -> float:
    """Kolmogorov-Smirnov statistic: the largest gap between the cumulative score
    distributions of bads and goods, max_s |F_bad(s) - F_good(s)| (scipy's ``ks_2samp``).

    >>> round(ks_statistic([1.0, 2, 3, 4, 5, 6], [1, 1, 0, 1, 0, 0]), 4)  # 2/3 at score 2
    0.6667
    """
    from scipy.stats import ks_2samp

    s, ys = _scores(score, y)
    # only the statistic is used: the asymptotic method skips an exact p-value it cannot use
    return float(ks_2samp(s[ys == 1], s[ys == 0], method="asymp").statistic)


def ks_curve(score: object, y: object) -> pd.DataFrame:
    """Cumulative share of bads and of goods at or below each distinct score, and their gap.

    Columns: ``score``, ``cum_bad``, ``cum_good``, ``gap`` (= cum_bad - cum_good); the largest
    gap is :func:`ks_statistic`. Plot ``cum_bad`` against ``cum_good`` for the ROC curve.

    >>> ks_curve([1.0, 2, 3, 4], [1, 1, 0, 0])["gap"].tolist()
    [0.5, 1.0, 0.5, 0.0]
    """
    s, ys = _scores(score, y)
    values, inverse = np.unique(s, return_inverse=True)
    bads = np.bincount(inverse, weights=ys, minlength=len(values))
    goods = np.bincount(inverse, weights=1 - ys, minlength=len(values))
    cum_bad = np.cumsum(bads) / bads.sum()
    cum_good = np.cumsum(goods) / goods.sum()
    return pd.DataFrame({"score": values, "cum_bad": cum_bad, "cum_good": cum_good,
                         "gap": cum_bad - cum_good})


def performance(score: object, y: object) -> pd.Series:
    """AUC, Gini and KS of a score in one Series.

    >>> performance([1.0, 2, 3, 4, 5, 6], [1, 1, 0, 1, 0, 0]).round(4).to_dict()
    {'auc': 0.8889, 'gini': 0.7778, 'ks': 0.6667}
    """
    return pd.Series({"auc": auc(score, y), "gini": gini(score, y),
                      "ks": ks_statistic(score, y)})


def score_distribution(score: object, y: object, bins: int | Sequence[float] = 10
                       ) -> pd.DataFrame:
    """Goods and bads per score band (for the score distributions of good and bad).

    ``bins`` is a number of equal-width bands over the score range (at most :data:`MAX_BINS`)
    or the band edges (scores outside the edges raise). Columns: ``band`` (``[lower, upper)``,
    the last one closed), ``lower``, ``upper``, ``goods``, ``bads``, ``dist_good``,
    ``dist_bad``, ``bad_rate`` (0 where a band is empty: no customer, no bad).

    >>> score_distribution([1.0, 2, 3, 4, 5, 6], [1, 1, 0, 1, 0, 0], [0, 3, 6])[
    ...     ["band", "goods", "bads", "bad_rate"]]
         band  goods  bads  bad_rate
    0  [0, 3)      0     2      1.00
    1  [3, 6]      3     1      0.25
    """
    s, ys = _scores(score, y)
    if np.ndim(bins) == 0:
        n_bands = check_int(bins, "bins", 1, MAX_BINS)
        edges = np.linspace(s.min(), s.max() if s.max() > s.min() else s.min() + 1,
                            n_bands + 1)
    else:
        edges = as_numeric_series(bins, "bins").to_numpy()
        if len(edges) < 2 or not (np.diff(edges) > 0).all():
            raise ValueError(f"bins must be at least two strictly increasing edges, got "
                             f"{edges.tolist()}")
        outside = (s < edges[0]) | (s > edges[-1])
        if outside.any():
            raise ValueError(f"{int(outside.sum())} score(s) lie outside the band edges (bins) "
                             f"[{edges[0]:g}, {edges[-1]:g}], e.g. {s[outside][:SHOW].tolist()}")
    band = np.clip(np.searchsorted(edges, s, side="right") - 1, 0, len(edges) - 2)
    n = len(edges) - 1
    bads = np.bincount(band, weights=ys, minlength=n)
    goods = np.bincount(band, weights=1 - ys, minlength=n)
    count = goods + bads
    labels = [f"[{lo:g}, {hi:g}{']' if i == n - 1 else ')'}"
              for i, (lo, hi) in enumerate(zip(edges[:-1], edges[1:]))]
    return pd.DataFrame({
        "band": labels, "lower": edges[:-1], "upper": edges[1:],
        "goods": goods.astype(int), "bads": bads.astype(int),
        "dist_good": goods / goods.sum(), "dist_bad": bads / bads.sum(),
        "bad_rate": np.divide(bads, count, out=np.zeros(n), where=count > 0),
    })


class CrossValidation(NamedTuple):
    """The result of :func:`cross_validate`: per-fold measures (``folds``) and every row's
    out-of-fold score (``scores``).

    >>> CrossValidation._fields
    ('folds', 'scores')
    """

    folds: pd.DataFrame
    scores: pd.Series


def cross_validate(data: pd.DataFrame, target: str = "bad",
                   columns: Sequence[str] | None = None, *, n_splits: int = 5, seed: int = 0,
                   **scorecard_options) -> CrossValidation:
    """Out-of-sample AUC, Gini and KS of a :class:`Scorecard` by stratified k-fold CV.

    The whole scorecard — binning, WOE, IV selection, regression, points — is fitted on the
    training part of each fold only and scores the held-out part, so the measures are honest
    out-of-sample figures (Hastie, Tibshirani & Friedman 2009, sec. 7.10.2: every supervised
    step belongs inside the folds). Folds: scikit-learn ``StratifiedKFold(shuffle=True,
    random_state=seed)``, ``n_splits`` from 2 to the size of the smaller class;
    ``scorecard_options`` go to :class:`Scorecard`.

    Returns ``folds`` (one row per fold: ``n_test``, ``auc``, ``gini``, ``ks``) and ``scores``
    (every row's out-of-fold score, same index as ``data``).

    >>> data = pd.DataFrame({"months": range(6, 66), "bad": [0, 0, 1] * 10 + [1, 1, 0] * 10})
    >>> cross_validate(data, "bad", n_splits=2).folds["n_test"].tolist()
    [30, 30]
    """
    from sklearn.model_selection import StratifiedKFold

    cols = _characteristics(data, target, columns)
    y = _target(data[target], f"data[{target!r}]")
    smaller = int(min(np.bincount(y)))
    n_splits = check_int(n_splits, "n_splits", 2, MAX_BINS)
    if n_splits > smaller:
        raise ValueError(f"n_splits must be a whole number from 2 to the size of the smaller "
                         f"class ({smaller}), got {n_splits}")
    seed = check_seed(seed)
    unknown = sorted(set(scorecard_options) - set(Scorecard._option_names()))
    if unknown:
        raise TypeError(f"{unknown} are not options of Scorecard: "
                        f"{Scorecard._option_names()}")
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    scores = np.empty(len(data))
    rows = []
    for k, (train, test) in enumerate(folds.split(np.zeros(len(y)), y), start=1):
        card = Scorecard(**scorecard_options).fit(data.iloc[train], target, cols)
        s = card.score(data.iloc[test]).to_numpy()
        scores[test] = s
        rows.append({"fold": k, "n_test": len(test), **performance(s, y[test]).to_dict()})
    return CrossValidation(pd.DataFrame(rows).set_index("fold"),
                           pd.Series(scores, index=data.index, name="score"))


# =============================================================================================
# using the score: cut-offs and stability
# =============================================================================================

def cutoff_table(score: object, y: object, cutoffs: Sequence[float] | None = None, *,
                 profit_per_good: float = 1.0, loss_per_bad: float = 5.0) -> pd.DataFrame:
    """What each cut-off score does: approve every applicant with score >= cutoff.

    Columns: ``cutoff``, ``approved`` (count), ``approval_rate`` (approved / applicants),
    ``goods``, ``bads`` (approved ones), ``bad_rate`` (bads / approved; 0 when nobody is
    approved), ``expected_profit`` = goods x profit_per_good - bads x loss_per_bad, and
    ``profit_per_applicant``. The default 1 : 5 gain-to-loss ratio is the cost matrix that
    comes with the German Credit data (Statlog; Michie, Spiegelhalter & Taylor 1994): lending
    to a bad costs five times what a good earns. ``cutoffs`` (finite numbers) default to the
    score deciles; the gain and the loss are positive numbers.

    >>> cutoff_table([1.0, 2, 3, 4, 5, 6], [1, 1, 0, 1, 0, 0], [3, 5])[
    ...     ["cutoff", "approved", "bad_rate", "expected_profit"]]
       cutoff  approved  bad_rate  expected_profit
    0     3.0         4      0.25             -2.0
    1     5.0         2      0.00              2.0
    """
    s, ys = _scores(score, y)
    gain = check_number(profit_per_good, "profit_per_good", low=0, low_open=True)
    loss = check_number(loss_per_bad, "loss_per_bad", low=0, low_open=True)
    if cutoffs is None:
        cut = np.unique(np.quantile(s, np.linspace(0, 0.9, 10), method="inverted_cdf"))
    else:
        cut = as_numeric_series(cutoffs, "cutoffs").to_numpy()
    good_sorted = np.sort(s[ys == 0])
    bad_sorted = np.sort(s[ys == 1])
    goods = len(good_sorted) - np.searchsorted(good_sorted, cut, side="left")
    bads = len(bad_sorted) - np.searchsorted(bad_sorted, cut, side="left")
    approved = goods + bads
    profit = goods * gain - bads * loss
    return pd.DataFrame({
        "cutoff": cut, "approved": approved, "approval_rate": approved / len(s),
        "goods": goods, "bads": bads,
        "bad_rate": np.divide(bads, approved, out=np.zeros(len(cut)), where=approved > 0),
        "expected_profit": profit.astype(float), "profit_per_applicant": profit / len(s),
    })


def psi_table(expected: object, actual: object, bins: int | Sequence[float] = 10, *,
              adjustment: float = 0.5) -> pd.DataFrame:
    """Population stability of a score (or any characteristic), bin by bin.

    ``expected`` is the development sample's scores, ``actual`` the new population's. Bins:
    ``bins`` quantile bins of ``expected`` (at most :data:`MAX_BINS`; or the inner cut points,
    bins ``[c_k-1, c_k)`` open at both ends; -inf and +inf may be given, NaN may not). Per bin:
    ``expected`` and ``actual`` shares and the contribution
    (actual - expected) x ln(actual / expected), whose sum is the PSI (Siddiqi 2006, ch. 9).
    A bin empty in one sample gets ``adjustment`` added to both its counts (as for WOE).

    >>> psi_table([1.0, 2, 8, 9], [1.0, 8, 8, 9], [5]).round(4)
               bin  expected_count  actual_count  expected  actual     psi
    0  [-inf, 5)               2             1       0.5    0.25  0.1733
    1   [5, inf)               2             3       0.5    0.75  0.1014
    """
    ev = as_numeric_series(expected, "expected").to_numpy()
    av = as_numeric_series(actual, "actual").to_numpy()
    adjustment = check_number(adjustment, "adjustment", low=0)
    if np.ndim(bins) == 0:
        cuts = _quantile_cuts(ev, check_int(bins, "bins", 1, MAX_BINS))
    else:
        cuts = _cut_points(bins, "psi_table")
    n = len(cuts) + 1
    ec = np.bincount(np.searchsorted(cuts, ev, side="right"), minlength=n).astype(float)
    ac = np.bincount(np.searchsorted(cuts, av, side="right"), minlength=n).astype(float)
    zero = (ec == 0) | (ac == 0)
    if zero.any() and adjustment <= 0:
        raise ValueError("some bins are empty in one sample; pass adjustment > 0 or fewer bins")
    ec_adj, ac_adj = ec + adjustment * zero, ac + adjustment * zero
    es, as_ = ec_adj / ec_adj.sum(), ac_adj / ac_adj.sum()
    return pd.DataFrame({"bin": _interval_labels(cuts), "expected_count": ec.astype(int),
                         "actual_count": ac.astype(int), "expected": es, "actual": as_,
                         "psi": (as_ - es) * np.log(as_ / es)})


def psi(expected: object, actual: object, bins: int | Sequence[float] = 10, *,
        adjustment: float = 0.5) -> float:
    """Population stability index PSI = sum over bins (actual% - expected%) x
    ln(actual% / expected%) (:func:`psi_table`; bands in :data:`PSI_BANDS`).

    >>> round(psi([1.0, 2, 8, 9], [1.0, 8, 8, 9], [5]), 4)
    0.2747
    """
    return float(psi_table(expected, actual, bins, adjustment=adjustment)["psi"].sum())


def psi_strength(value: float) -> str:
    """The stability band of a PSI value (:data:`PSI_BANDS`): a
    :class:`helpers.language.Label`, the English band to code (compare it with ``"stable"``)
    and its translation when printed in the Chinese edition.

    >>> psi_strength(0.05), psi_strength(0.2747)
    ('stable', 'major shift')
    """
    v = check_number(value, "psi", low=0)
    band = int(np.searchsorted(PSI_BANDS["upper"].to_numpy()[:-1], v, side="right"))
    return language.Label(str(PSI_BANDS["stability"].iloc[band]))


# =============================================================================================
# the weighted-factor credit scoring method
# =============================================================================================

def weighted_credit_score(ratings: pd.DataFrame, weights: Mapping[str, float] | pd.Series
                          ) -> pd.Series:
    """The credit scoring method (信用评分法) as a weighted sum of factor ratings.

    Each factor (e.g. the five Cs: character, capacity, capital, collateral, conditions) is
    rated 0-100 for each customer (``ratings``, one column per factor, one row per customer)
    and weighted by its importance (``weights``, non-negative, summing to 1)::

        credit score = sum_k weight_k x rating_k        (0-100)

    Source: the credit scoring method (信用评分法) named in 《客户管理》第三章, which gives no
    form; the weighted sum is the course's reading, after the weighted 5C scoring in Bailey
    (2004), *Credit Scoring: the principles and practicalities*.

    >>> ratings = pd.DataFrame({"character": [80, 50], "capacity": [60, 50],
    ...                         "capital": [100, 0]}, index=["C1", "C2"])
    >>> weighted_credit_score(ratings, {"character": 0.4, "capacity": 0.35, "capital": 0.25})
    C1    78.0
    C2    37.5
    Name: credit_score, dtype: float64
    """
    require_frame(ratings, "ratings")
    if not isinstance(weights, (Mapping, pd.Series)):
        raise TypeError(f"weights must be a dict (or Series) of factor -> weight, got "
                        f"{type(weights).__name__}")
    w = weights if isinstance(weights, pd.Series) else pd.Series(dict(weights), dtype=object)
    w = as_numeric_series(w.infer_objects() if len(w) else w.astype(float), "weights", low=0)
    require_unique_index(w, "weights", "one weight per factor")
    if not math.isclose(float(w.sum()), 1.0, abs_tol=1e-9):
        raise ValueError(f"weights must sum to 1, they sum to {float(w.sum()):g}")
    require_columns(ratings, list(w.index), "ratings")
    r = numeric_columns(ratings, list(w.index), "ratings", low=0, high=100)
    require_unique_index(ratings, "ratings", "one row per customer")
    return pd.Series(r.to_numpy(dtype=float) @ w.to_numpy(), index=ratings.index,
                     name="credit_score")
