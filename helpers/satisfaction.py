"""Customer satisfaction (chapter 01): disconfirmation, satisfaction levels, NPS and Kano.

* :func:`disconfirmation` — perceived performance minus expectation, per respondent and item
  or averaged per respondent (the expectation–disconfirmation model, Oliver 1980; Kotler's
  definition of satisfaction as a function of the gap between performance and expectation).
* :func:`expectation_outcome` — the lecture's performance–expectation table: below
  expectation → dissatisfied, equal → satisfied, above → delighted.
* :func:`satisfaction_level` — the five levels of satisfaction of the lecture (contentment 满足,
  pleasure 愉快, relief 解脱, novelty 新奇, surprise 惊喜) plus "dissatisfied". The lecture gives
  the levels qualitatively; the cut-offs on the disconfirmation score in :data:`LEVEL_BOUNDS`
  are this course's convention, and every function takes other bounds.
* :func:`nps` and :func:`nps_by` — Net Promoter Score (Reichheld 2003) with a confidence
  interval (normal approximation to the multinomial, or a seeded bootstrap).
* :func:`kano_category`, :func:`kano_classes` and :func:`kano_summary` — Kano classification of
  functional/dysfunctional question pairs with the standard evaluation table and the Better /
  Worse customer satisfaction coefficients (Berger et al. 1993).

Answer scales follow the case company's survey: SERVQUAL items 1–7, recommendation 0–10,
Kano answers 1 like, 2 must-be (expect it), 3 neutral, 4 can live with it, 5 dislike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from .validation import _offenders, require_columns, require_frame, require_no_nan

# --- performance–expectation table and satisfaction levels ----------------------------------

OUTCOMES: tuple[str, ...] = ("dissatisfied", "satisfied", "delighted")
OUTCOMES_ZH: dict[str, str] = {"dissatisfied": "不满意", "satisfied": "满意",
                               "delighted": "高度满意"}

LEVELS: tuple[str, ...] = ("dissatisfied", "contentment", "pleasure", "relief", "novelty",
                           "surprise")
LEVELS_ZH: dict[str, str] = {"dissatisfied": "不满意", "contentment": "满足", "pleasure": "愉快",
                             "relief": "解脱", "novelty": "新奇", "surprise": "惊喜"}

#: Lower bound of each satisfaction level on the disconfirmation score (performance −
#: expectation, in scale points). A course convention, not the lecture's: the lecture names the
#: five levels qualitatively, from "acceptable" (contentment) to "beyond expectations"
#: (surprise). The convention orders them as the lecture lists them and gives each a band of
#: half a scale point; "dissatisfied" is everything below contentment. Pass your own bounds.
LEVEL_BOUNDS: dict[str, float] = {"dissatisfied": -np.inf, "contentment": -0.25,
                                  "pleasure": 0.25, "relief": 0.75, "novelty": 1.25,
                                  "surprise": 1.75}

#: Half-width of the "satisfied" band of the performance–expectation table, in scale points:
#: a disconfirmation from −0.25 up to (not including) +0.25 counts as "performance equals
#: expectation" — the same half-open band [−0.25, 0.25) as contentment in
#: :data:`LEVEL_BOUNDS`, so "satisfied" is exactly "contentment" and "delighted" is exactly
#: pleasure or higher. Use 0 for single whole-number ratings (equal means exactly equal).
EQUAL_BAND = 0.25

# --- Kano -------------------------------------------------------------------------------------

KANO_ANSWERS: dict[int, str] = {1: "like", 2: "must-be", 3: "neutral", 4: "live with",
                                5: "dislike"}
KANO_CLASSES: tuple[str, ...] = ("must-be", "one-dimensional", "attractive", "indifferent",
                                 "reverse", "questionable")
KANO_CLASSES_ZH: dict[str, str] = {"must-be": "必备属性", "one-dimensional": "期望属性",
                                   "attractive": "魅力属性", "indifferent": "无差异属性",
                                   "reverse": "反向属性", "questionable": "可疑结果"}
_K = {"M": "must-be", "O": "one-dimensional", "A": "attractive", "I": "indifferent",
      "R": "reverse", "Q": "questionable"}
_TABLE_CODES = ["QAAAO",  # functional: like
                "RIIIM",  # functional: must-be
                "RIIIM",  # functional: neutral
                "RIIIM",  # functional: live with
                "RRRRQ"]  # functional: dislike
#: The Kano evaluation table (Berger et al. 1993, table 1): rows = answer to the functional
#: question ("if the feature is present…"), columns = answer to the dysfunctional question
#: ("if it is absent…"), both on the 1 like … 5 dislike scale.
KANO_TABLE: pd.DataFrame = pd.DataFrame(
    [[_K[code] for code in row] for row in _TABLE_CODES],
    index=pd.Index(list(KANO_ANSWERS.values()), name="functional"),
    columns=pd.Index(list(KANO_ANSWERS.values()), name="dysfunctional"))


# --- input checks -----------------------------------------------------------------------------

def _scale_values(values: pd.Series | pd.DataFrame, low: int, high: int, name: str,
                  *, integer: bool = True) -> None:
    """Raise unless every value is a number (an integer if ``integer``) in ``[low, high]``."""
    frame = values.to_frame() if isinstance(values, pd.Series) else values
    for column in frame.columns:
        col = frame[column]
        label = name if isinstance(values, pd.Series) else f"{name}[{column!r}]"
        if not pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col):
            raise TypeError(f"{label} must hold numbers on the {low}-{high} scale, "
                            f"got dtype {col.dtype}")
        require_no_nan(col, label)
        bad = (col < low) | (col > high)
        if integer:
            bad |= col != np.round(col)
        if bad.any():
            kind = "whole numbers " if integer else ""
            raise ValueError(f"{label} must be {kind}from {low} to {high}; {int(bad.sum())} "
                             f"value(s) are not: {_offenders(col, bad)}")


def _scores(values: pd.Series | np.ndarray | Sequence[float] | float, name: str) -> pd.Series:
    """A float Series of disconfirmation scores (finite, no NaN)."""
    scalar = np.ndim(values) == 0
    series = pd.Series([values]) if scalar else (
        values.copy() if isinstance(values, pd.Series) else pd.Series(values))
    if series.empty:
        raise ValueError(f"{name} is empty: it needs at least one value")
    if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        raise TypeError(f"{name} must be numeric, got dtype {series.dtype}")
    series = series.astype(float)
    require_no_nan(series, name)
    bad = ~np.isfinite(series)
    if bad.any():
        raise ValueError(f"{name} must be finite; {int(bad.sum())} value(s) are not: "
                         f"{_offenders(series, bad)}")
    return series


def _bounds(bounds: Mapping[str, float]) -> dict[str, float]:
    if not isinstance(bounds, Mapping):
        raise TypeError(f"bounds must be a mapping level -> lower bound, got "
                        f"{type(bounds).__name__}")
    if list(bounds) != list(LEVELS):
        raise ValueError(f"bounds must name the levels {list(LEVELS)} in this order, "
                         f"got {list(bounds)}")
    values = np.array([float(v) for v in bounds.values()])
    if values[0] != -np.inf:
        raise ValueError("bounds['dissatisfied'] must be -inf so that every score has a level, "
                         f"got {values[0]}")
    if np.isnan(values).any() or not (np.diff(values) > 0).all():
        raise ValueError(f"bounds must increase strictly from level to level, got {dict(bounds)}")
    return dict(zip(LEVELS, values.tolist()))


# --- expectation–disconfirmation ------------------------------------------------------------

def disconfirmation(answers: pd.DataFrame, *, respondent: str = "customer_id",
                    item: str = "item", expectation: str = "expectation",
                    performance: str = "perception", scale: tuple[int, int] = (1, 7),
                    per: str = "item") -> pd.DataFrame:
    """Disconfirmation = perceived performance − expectation, per respondent and item.

    ``answers`` is long: one row per respondent and item with an expectation and a perceived
    performance rating on the ``scale`` (whole numbers; SERVQUAL uses 1–7). Every respondent
    must rate every item once (no missing items, no duplicates), so that respondent means are
    comparable. ``per="item"`` returns one row per respondent and item; ``per="respondent"``
    averages the items of each respondent (mean expectation, mean performance and their
    difference). Columns: ``respondent, [item,] expectation, performance, disconfirmation``.
    Source: the expectation–disconfirmation model (Oliver 1980, *J. Marketing Research* 17);
    Kotler's definition of satisfaction (Kotler & Keller, *Marketing Management*, ch. 5).
    """
    require_frame(answers, "answers")
    require_columns(answers, [respondent, item, expectation, performance], "answers")
    if per not in ("item", "respondent"):
        raise ValueError(f"per must be 'item' or 'respondent', got {per!r}")
    low, high = scale
    require_no_nan(answers[[respondent, item]], "answers (respondent and item)")
    _scale_values(answers[[expectation, performance]], low, high, "answers")
    dup = answers.duplicated([respondent, item], keep=False)
    if dup.any():
        raise ValueError(f"answers has {int(dup.sum())} rows that repeat a (respondent, item) "
                         f"pair; each respondent rates each item once: "
                         f"{_offenders(answers[[respondent, item]], dup)}")
    counts = pd.crosstab(answers[respondent], answers[item])
    incomplete = (counts == 0).any(axis=1)
    if incomplete.any():
        gaps = counts[incomplete].apply(lambda row: list(row.index[row == 0]), axis=1)
        raise ValueError(f"answers is missing items: {int(incomplete.sum())} respondent(s) did "
                         f"not rate every item: {_offenders(gaps, gaps.notna())}")
    table = pd.DataFrame({respondent: answers[respondent], item: answers[item],
                          "expectation": answers[expectation].astype(float),
                          "performance": answers[performance].astype(float)})
    if per == "respondent":
        table = table.groupby(respondent, sort=True)[["expectation", "performance"]].mean()
        table = table.reset_index()
    table["disconfirmation"] = table["performance"] - table["expectation"]
    return table.reset_index(drop=True)


def expectation_outcome(scores: pd.Series | np.ndarray | Sequence[float] | float, *,
                        band: float = EQUAL_BAND) -> pd.Series:
    """The performance–expectation table: dissatisfied / satisfied / delighted.

    ``scores`` are disconfirmation scores (performance − expectation). A score below ``-band``
    is *dissatisfied* (performance < expectation), one at or above ``+band`` *delighted*
    (performance > expectation), and one in ``[-band, +band)`` *satisfied* (performance =
    expectation). ``band`` (default :data:`EQUAL_BAND`, a course convention) widens "equal"
    for averaged ratings; the half-open band is the contentment band of :data:`LEVEL_BOUNDS`,
    so the table and :func:`satisfaction_level` agree at both edges. With ``band=0`` (single
    whole-number ratings) only a score of exactly 0 is satisfied.
    Source: Kotler's performance–expectation table (Kotler & Keller, *Marketing Management*).
    """
    series = _scores(scores, "scores")
    if isinstance(band, (bool, np.bool_)) or not isinstance(band, (int, float, np.integer,
                                                                   np.floating)):
        raise TypeError(f"band must be a number of scale points such as 0.25, got "
                        f"{type(band).__name__} {band!r}")
    if not np.isfinite(band) or band < 0:
        raise ValueError(f"band must be a finite number ≥ 0, got {band!r}")
    delighted = series >= band if band > 0 else series > 0
    codes = np.where(series < -band, 0, np.where(delighted, 2, 1))
    return pd.Series(pd.Categorical.from_codes(codes, categories=list(OUTCOMES), ordered=True),
                     index=series.index, name="outcome")


def satisfaction_level(scores: pd.Series | np.ndarray | Sequence[float] | float, *,
                       bounds: Mapping[str, float] = LEVEL_BOUNDS) -> pd.Series:
    """Satisfaction level of each disconfirmation score: dissatisfied or one of the five levels.

    A score gets the highest level whose lower bound it reaches (``bounds``, default
    :data:`LEVEL_BOUNDS`: contentment from −0.25, pleasure from 0.25, relief from 0.75, novelty
    from 1.25, surprise from 1.75 scale points; below −0.25 dissatisfied). The lecture gives the
    five levels — contentment 满足, pleasure 愉快, relief 解脱, novelty 新奇, surprise 惊喜 —
    qualitatively; the bounds are this course's convention and can be changed. Returns an
    ordered categorical Series named ``level``.
    """
    series = _scores(scores, "scores")
    limits = _bounds(bounds)
    codes = np.searchsorted(np.array(list(limits.values())), series.to_numpy(), side="right") - 1
    return pd.Series(pd.Categorical.from_codes(codes, categories=list(LEVELS), ordered=True),
                     index=series.index, name="level")


# --- Net Promoter Score -----------------------------------------------------------------------

def _nps_counts(counts: np.ndarray, confidence: float, method: str, n_boot: int,
                seed: int) -> pd.DataFrame:
    """NPS and its interval from (promoters, passives, detractors) counts, one row per group."""
    n = counts.sum(axis=1)
    p = counts / n[:, None]
    score = p[:, 0] - p[:, 2]
    se = np.sqrt((p[:, 0] + p[:, 2] - score ** 2) / n)
    alpha = 1.0 - confidence
    if method == "normal":
        z = stats.norm.ppf(1.0 - alpha / 2.0)
        low, high = score - z * se, score + z * se
    else:
        rng = np.random.default_rng(seed)
        draws = np.stack([rng.multinomial(k, q, size=n_boot) for k, q in zip(n, p)])
        boot = (draws[:, :, 0] - draws[:, :, 2]) / n[:, None]
        low, high = np.quantile(boot, [alpha / 2.0, 1.0 - alpha / 2.0], axis=1)
    return pd.DataFrame({
        "n": n, "promoters": p[:, 0], "passives": p[:, 1], "detractors": p[:, 2],
        "nps": 100 * score, "se": 100 * se, "ci_low": 100 * low, "ci_high": 100 * high})


def _nps_args(confidence: float, method: str, n_boot: int, seed: int) -> None:
    if not isinstance(confidence, (int, float)) or not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence!r}")
    if method not in ("normal", "bootstrap"):
        raise ValueError(f"method must be 'normal' or 'bootstrap', got {method!r}")
    if not isinstance(n_boot, int) or n_boot < 100:
        raise ValueError(f"n_boot must be an integer of at least 100, got {n_boot!r}")
    if not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be an integer, got {type(seed).__name__}")


def nps_group(scores: pd.Series) -> pd.Series:
    """Promoter (9–10), passive (7–8) or detractor (0–6) for each 0–10 recommendation score."""
    series = scores.copy() if isinstance(scores, pd.Series) else pd.Series(scores)
    if series.empty:
        raise ValueError("scores is empty: it needs at least one answer")
    _scale_values(series, 0, 10, "scores")
    codes = np.where(series >= 9, 0, np.where(series >= 7, 1, 2))
    return pd.Series(pd.Categorical.from_codes(codes, ["promoter", "passive", "detractor"]),
                     index=series.index, name="nps_group")


def nps(scores: pd.Series | Sequence[int], *, confidence: float = 0.95,
        method: str = "normal", n_boot: int = 2000, seed: int = 0) -> pd.Series:
    """Net Promoter Score, in points from −100 to +100, with a confidence interval.

    NPS = 100 × (share of promoters, 9–10 − share of detractors, 0–6) on the 0–10 "how likely
    are you to recommend us" question (Reichheld 2003, *Harvard Business Review* 81(12)).
    With promoter and detractor shares p and d of a multinomial sample of n answers,
    Var(p − d) = (p + d − (p − d)²) / n (the variance of a difference of two multinomial
    shares, their covariance being −pd/n). ``method="normal"`` gives NPS ± z·se;
    ``method="bootstrap"`` resamples the three counts ``n_boot`` times from the multinomial
    (seeded) and takes percentiles. Returns ``n`` (the number of answers, an ``int``),
    ``promoters, passives, detractors`` (shares) and ``nps, se, ci_low, ci_high`` (points), as
    a Series of dtype object so that ``n`` stays a whole number. The normal interval can reach
    past ±100 in tiny samples and is degenerate (se 0) when every answer is in one group.
    """
    _nps_args(confidence, method, n_boot, seed)
    groups = nps_group(scores)
    counts = groups.value_counts(sort=False).reindex(["promoter", "passive", "detractor"])
    table = _nps_counts(counts.to_numpy()[None, :].astype(float), confidence, method, n_boot,
                        seed)
    row = table.iloc[0].astype(object)
    row["n"] = int(row["n"])
    return row.rename("nps")


def nps_by(data: pd.DataFrame, by: str, *, score: str = "recommend", confidence: float = 0.95,
           method: str = "normal", n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Net Promoter Score of each group of ``data[by]``, with its confidence interval.

    Same formula and columns as :func:`nps`, one row per group (index named ``by``). A
    categorical ``by`` keeps its category order, and a category without any respondent is an
    error (an NPS of an empty group is undefined), as is a missing group label.
    """
    require_frame(data, "data")
    require_columns(data, [by, score], "data")
    _nps_args(confidence, method, n_boot, seed)
    require_no_nan(data[by], f"data[{by!r}]")
    groups = nps_group(data[score])
    counts = pd.crosstab(data[by], groups, dropna=False).reindex(
        columns=["promoter", "passive", "detractor"], fill_value=0)
    if isinstance(data[by].dtype, pd.CategoricalDtype):
        counts = counts.reindex(data[by].cat.categories, fill_value=0)
    empty = counts.sum(axis=1) == 0
    if empty.any():
        raise ValueError(f"data[{by!r}] has empty group(s) without respondents: "
                         f"{list(counts.index[empty])}; drop unused categories first")
    table = _nps_counts(counts.to_numpy().astype(float), confidence, method, n_boot, seed)
    table.index = counts.index.rename(by)
    table["n"] = table["n"].astype(int)
    return table


# --- Kano -------------------------------------------------------------------------------------

def kano_category(functional: pd.Series | Sequence[int], dysfunctional: pd.Series | Sequence[int]
                  ) -> pd.Series:
    """Kano class of each answer pair, read off the evaluation table :data:`KANO_TABLE`.

    Both answers are on the 1 like, 2 must-be, 3 neutral, 4 can live with it, 5 dislike scale.
    Like/dislike gives one-dimensional, like/(must-be…live with) attractive, (must-be…live
    with)/dislike must-be, the middle answers on both sides indifferent, dislike when present or
    like when absent reverse, and like/like or dislike/dislike questionable.
    Source: Kano et al. (1984); Berger et al. (1993), *Center for Quality Management Journal*
    2(4), "Kano's methods for understanding customer-defined quality".
    """
    f = functional.copy() if isinstance(functional, pd.Series) else pd.Series(functional)
    d = dysfunctional.copy() if isinstance(dysfunctional, pd.Series) else pd.Series(dysfunctional)
    if f.empty:
        raise ValueError("functional is empty: it needs at least one answer")
    if len(f) != len(d):
        raise ValueError(f"functional and dysfunctional must have the same length, got "
                         f"{len(f)} and {len(d)}")
    d.index = f.index
    _scale_values(f, 1, 5, "functional")
    _scale_values(d, 1, 5, "dysfunctional")
    codes = np.array([[KANO_CLASSES.index(c) for c in row] for row in KANO_TABLE.to_numpy()])
    out = codes[f.to_numpy().astype(int) - 1, d.to_numpy().astype(int) - 1]
    return pd.Series(pd.Categorical.from_codes(out, categories=list(KANO_CLASSES)),
                     index=f.index, name="kano_class")


def kano_features(survey: pd.DataFrame, prefix: str = "kano_") -> list[str]:
    """Feature names with a question pair ``<prefix><feature>_functional/_dysfunctional``."""
    require_frame(survey, "survey")
    names = [c for c in survey.columns if isinstance(c, str) and c.startswith(prefix)]
    func = {c[len(prefix):-len("_functional")] for c in names if c.endswith("_functional")}
    dysf = {c[len(prefix):-len("_dysfunctional")] for c in names if c.endswith("_dysfunctional")}
    if func ^ dysf:
        raise ValueError(f"survey has unpaired Kano questions for {sorted(func ^ dysf)}: each "
                         f"feature needs both {prefix}<feature>_functional and "
                         f"{prefix}<feature>_dysfunctional")
    if not func:
        raise ValueError(f"survey has no Kano question pairs named {prefix}<feature>_functional "
                         f"/ {prefix}<feature>_dysfunctional")
    return [f for f in dict.fromkeys(c[len(prefix):].rsplit("_", 1)[0] for c in names)
            if f in func]


def kano_classes(survey: pd.DataFrame, features: Sequence[str] | None = None, *,
                 prefix: str = "kano_") -> pd.DataFrame:
    """Kano class of every respondent (rows) for every feature (columns).

    ``survey`` has the pair ``<prefix><feature>_functional`` and ``_dysfunctional`` for each
    feature (all features found by :func:`kano_features` when ``features`` is None).
    """
    require_frame(survey, "survey")
    if features is None:
        features = kano_features(survey, prefix)
    if isinstance(features, str) or len(features) == 0:
        raise ValueError(f"features must be a non-empty list of feature names, got {features!r}")
    columns = [f"{prefix}{f}_{side}" for f in features for side in ("functional", "dysfunctional")]
    require_columns(survey, columns, "survey")
    _scale_values(survey[columns], 1, 5, "survey")
    return pd.DataFrame({f: kano_category(survey[f"{prefix}{f}_functional"],
                                          survey[f"{prefix}{f}_dysfunctional"])
                         for f in features}, index=survey.index)


def kano_summary(classes: pd.DataFrame) -> pd.DataFrame:
    """Per feature: count of each Kano class, the modal class, Better and Worse coefficients.

    ``classes`` is the output of :func:`kano_classes`. Better = (A + O) / (A + O + M + I) and
    Worse = −(O + M) / (A + O + M + I) (Berger et al. 1993, "customer satisfaction
    coefficient"): how much satisfaction rises when the feature is present, and how much it
    falls when it is absent. The modal class is the most frequent one; a tie goes to the class
    listed first in :data:`KANO_CLASSES` (must-be > one-dimensional > attractive > indifferent,
    the "M > O > A > I" rule of Berger et al.). Better and Worse need at least one A, O, M or I
    answer.
    """
    require_frame(classes, "classes")
    bad = [c for c in classes.columns if not (isinstance(classes[c].dtype, pd.CategoricalDtype)
                                              and set(classes[c].cat.categories)
                                              <= set(KANO_CLASSES))]
    if bad:
        raise TypeError(f"classes must hold Kano classes from kano_classes(); column(s) {bad} "
                        "do not")
    require_no_nan(classes, "classes")
    counts = classes.apply(lambda col: col.value_counts().reindex(list(KANO_CLASSES),
                                                                  fill_value=0)).T
    counts = counts.astype(int)
    counts.index.name = "feature"
    counts.columns.name = None
    a, o, m, i = (counts[c] for c in ("attractive", "one-dimensional", "must-be",
                                      "indifferent"))
    base = a + o + m + i
    if (base == 0).any():
        raise ValueError(f"feature(s) {list(counts.index[base == 0])} have no attractive, "
                         "one-dimensional, must-be or indifferent answer: Better and Worse "
                         "are undefined")
    summary = counts.copy()
    summary["n"] = counts.sum(axis=1)
    summary["class"] = counts.idxmax(axis=1)
    summary["better"] = (a + o) / base
    summary["worse"] = -(o + m) / base + 0.0  # no "-0.0"
    return summary
