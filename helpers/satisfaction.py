"""Customer satisfaction (chapter 01): disconfirmation, outcome bands, NPS and Kano.

* :func:`disconfirmation` — perceived performance minus expectation, per respondent and item
  or averaged per respondent (the expectation–disconfirmation model, Oliver 1980; Kotler's
  definition of satisfaction as a function of the gap between performance and expectation,
  quoted in 《客户关系管理》第五讲“客户满意度与客户维持战略”).
* :func:`satisfaction_level` — where a disconfirmation score lies: below, meeting or exceeding
  expectation (the three outcome bands of :data:`LEVEL_BOUNDS`), and
  :func:`expectation_outcome` — the same three bands read with Kotler's performance–expectation
  table: performance < expectation → dissatisfied 不满意, = → satisfied 满意, > → delighted
  高度满意. The deck names a 绩效与期望关系表 but its cells are lost; the three rows are the
  standard Kotler reading, and the width of "equal" (:data:`EQUAL_BAND`) is this course's own.
* :data:`LEVEL_KINDS` — the five levels of satisfaction of 《客户管理》第三章 (contentment 满足,
  pleasure 愉快, relief 解脱, novelty 新奇, surprise 惊喜) with the deck's definitions. The
  deck defines them by *kind* of experience, not by how far performance exceeds expectation:
  they are not bands of the disconfirmation score, and no function here places a score on them.
* :func:`nps` and :func:`nps_by` — Net Promoter Score (Reichheld 2003; beyond the decks) with a
  confidence interval (normal approximation to the multinomial, or a seeded bootstrap).
* :func:`kano_category`, :func:`kano_classes` and :func:`kano_summary` — Kano classification of
  functional/dysfunctional question pairs with the standard evaluation table and the Better /
  Worse customer satisfaction coefficients (Berger et al. 1993; beyond the decks).

Answer scales follow the case company's survey: SERVQUAL items 1–7, recommendation 0–10,
Kano answers 1 like, 2 must-be (expect it), 3 neutral, 4 can live with it, 5 dislike.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .validation import (
    SHOW,
    as_numeric_series,
    check_cells,
    check_choice,
    check_int,
    check_labels,
    check_names,
    check_number,
    check_pair,
    check_rate,
    check_seed,
    check_text,
    column_option,
    numeric_columns,
    offenders,
    require_frame,
    require_no_nan,
    require_unique,
)

__all__ = [
    "OUTCOMES", "OUTCOMES_ZH", "BANDS", "BANDS_ZH", "BAND_OUTCOMES", "LEVEL_BOUNDS",
    "EQUAL_BAND", "LEVELS", "LEVELS_ZH", "LEVEL_KINDS",
    "KANO_ANSWERS", "KANO_CLASSES", "KANO_CLASSES_ZH", "KANO_TABLE", "MAX_BOOT",
    "disconfirmation", "expectation_outcome", "satisfaction_level",
    "nps_group", "nps", "nps_by",
    "kano_category", "kano_features", "kano_classes", "kano_summary",
]

# --- performance–expectation table, outcome bands and the five levels -----------------------

OUTCOMES: tuple[str, ...] = ("dissatisfied", "satisfied", "delighted")
OUTCOMES_ZH: dict[str, str] = {"dissatisfied": "不满意", "satisfied": "满意",
                               "delighted": "高度满意"}

#: The three outcome bands of the disconfirmation score, in order.
BANDS: tuple[str, ...] = ("below expectation", "meets expectation", "exceeds expectation")
BANDS_ZH: dict[str, str] = {"below expectation": "绩效<期望", "meets expectation": "绩效=期望",
                            "exceeds expectation": "绩效>期望"}
#: Kotler's performance–expectation table: the outcome of each band.
BAND_OUTCOMES: dict[str, str] = dict(zip(BANDS, OUTCOMES))

#: Half-width of the "meets expectation" band, in scale points: a disconfirmation from −0.25 up
#: to (not including) +0.25 counts as "performance equals expectation", since averaged ratings
#: are almost never exactly equal. A course convention (the decks give no width). Use 0 for
#: single whole-number ratings (equal then means exactly equal).
EQUAL_BAND = 0.25

#: Lower bound of each outcome band on the disconfirmation score (performance − expectation,
#: in scale points): below expectation under −:data:`EQUAL_BAND`, meets expectation from
#: −EQUAL_BAND up to (not including) +EQUAL_BAND, exceeds expectation from +EQUAL_BAND on.
#: These are the three rows of Kotler's table (:data:`BAND_OUTCOMES`); they are *not* the five
#: levels of satisfaction of 《客户管理》第三章, which are kinds of experience
#: (:data:`LEVEL_KINDS`). Pass your own bounds to :func:`satisfaction_level`.
LEVEL_BOUNDS: dict[str, float] = {"below expectation": -np.inf,
                                  "meets expectation": -EQUAL_BAND,
                                  "exceeds expectation": EQUAL_BAND}

LEVELS: tuple[str, ...] = ("contentment", "pleasure", "relief", "novelty", "surprise")
LEVELS_ZH: dict[str, str] = {"contentment": "满足", "pleasure": "愉快", "relief": "解脱",
                             "novelty": "新奇", "surprise": "惊喜"}

#: The five levels of satisfaction (满意的层次) as 《客户管理》第三章 defines them: each by the
#: *kind* of experience (``deck``: the deck's words, quoted; ``kind``: in English). Only
#: surprise is defined against expectation ("beyond expectation"); the other four say what the
#: product or service did for the customer, which a disconfirmation score cannot tell. The deck
#: lists them in this order without saying that one is higher than another.
LEVEL_KINDS: pd.DataFrame = pd.DataFrame({
    "中文": LEVELS_ZH,
    "kind": {"contentment": "the product or service is acceptable or tolerable",
             "pleasure": "the product or service gives a positive experience",
             "relief": "the product or service removes a problem or nuisance",
             "novelty": "the product or service feels fresh and exciting",
             "surprise": "the product or service goes beyond expectation"},
    "deck": {"contentment": "产品和服务可以接受或容忍",
             "pleasure": "产品和服务可以给顾客带来积极的体验",
             "relief": "产品和服务能给顾客解决麻烦",
             "novelty": "产品和服务能给顾客带来新鲜、兴奋的感觉",
             "surprise": "产品和服务超过了期望"},
}).rename_axis("level")

# --- Kano -------------------------------------------------------------------------------------

KANO_ANSWERS: dict[int, str] = {1: "like", 2: "must-be", 3: "neutral", 4: "live with",
                                5: "dislike"}
KANO_CLASSES: tuple[str, ...] = ("must-be", "one-dimensional", "attractive", "indifferent",
                                 "reverse", "questionable")
#: The standard Chinese names of the Kano classes (卡诺模型: 必备型、期望型、魅力型、无差异型、
#: 反向型需求); a questionable answer pair is 可疑结果.
KANO_CLASSES_ZH: dict[str, str] = {"must-be": "必备型需求", "one-dimensional": "期望型需求",
                                   "attractive": "魅力型需求", "indifferent": "无差异型需求",
                                   "reverse": "反向型需求", "questionable": "可疑结果"}
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


MAX_BOOT = 100_000
"""Largest number of bootstrap resamples :func:`nps` and :func:`nps_by` draw."""


# --- input checks -----------------------------------------------------------------------------

def _answers_on_scale(values: object, name: str, low: float, high: float) -> pd.Series:
    """One column of answers (a Series or list) as floats: whole numbers from low to high."""
    return as_numeric_series(values, name, low=low, high=high, integer=True)


def _scores(values: object, name: str) -> pd.Series:
    """Disconfirmation scores (one number, or a Series, list or array) as finite floats."""
    if isinstance(values, numbers.Real) and not isinstance(values, (bool, np.bool_)):
        values = [values]
    return as_numeric_series(values, name)


def _bounds(bounds: object) -> dict[str, float]:
    if not isinstance(bounds, Mapping):
        raise TypeError(f"bounds must be a mapping band -> lower bound, got "
                        f"{type(bounds).__name__}")
    if list(bounds) != list(BANDS):
        raise ValueError(f"bounds must name the outcome bands {list(BANDS)} in this order, "
                         f"got {list(bounds)}")
    values = [check_number(v, f"bounds[{k!r}]", allow_inf=True) for k, v in bounds.items()]
    if values[0] != -np.inf:
        raise ValueError("bounds['below expectation'] must be -inf so that every score has a "
                         f"band, got {values[0]}")
    if not np.isfinite(values[1:]).all():
        raise ValueError(f"bounds of 'meets expectation' and 'exceeds expectation' must be "
                         f"finite, got {dict(bounds)}")
    if not (np.diff(values) > 0).all():
        raise ValueError(f"bounds must increase strictly from band to band, got {dict(bounds)}")
    return dict(zip(BANDS, values))


def _group_labels(labels: pd.Series, name: str) -> pd.Series:
    """Group labels (:func:`~helpers.validation.check_labels`) of one kind: a category, or
    values that sort (the groups of a table are sorted)."""
    check_labels(labels, name)
    if not isinstance(labels.dtype, pd.CategoricalDtype):
        try:
            sorted(pd.unique(labels))
        except TypeError as err:
            kinds = sorted({type(v).__name__ for v in pd.unique(labels)})
            raise TypeError(f"{name} mixes labels of different types ({', '.join(kinds)}) "
                            f"that cannot be ordered: make them one type, e.g. with "
                            f".astype(str)") from err
    return labels


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
    Source: the expectation–disconfirmation model (Oliver 1980, *J. Marketing Research* 17;
    beyond the decks); Kotler's definition of satisfaction (Kotler & Keller, *Marketing
    Management*, ch. 5), as 《客户关系管理》第五讲“客户满意度与客户维持战略” quotes it.

    >>> answers = pd.DataFrame({"customer_id": [1, 1, 2, 2], "item": ["Q1", "Q2", "Q1", "Q2"],
    ...                         "expectation": [6, 5, 7, 4], "perception": [4, 6, 7, 6]})
    >>> disconfirmation(answers)["disconfirmation"].tolist()
    [-2.0, 1.0, 0.0, 2.0]
    >>> disconfirmation(answers, per="respondent")
       customer_id  expectation  performance  disconfirmation
    0            1          5.5          5.0             -0.5
    1            2          5.5          6.5              1.0
    """
    require_frame(answers, "answers")
    respondent = column_option(answers, respondent, "respondent", "answers")
    item = column_option(answers, item, "item", "answers")
    expectation = column_option(answers, expectation, "expectation", "answers")
    performance = column_option(answers, performance, "performance", "answers")
    low, high = check_pair(scale, "scale")
    per = check_choice(per, "per", ["item", "respondent"])
    require_no_nan(answers[[respondent, item]], "answers (respondent and item)")
    ratings = numeric_columns(answers, [expectation, performance], "answers", low=low,
                              high=high, integer=True)
    require_unique(answers, [respondent, item], "answers", what="one row per respondent and item")
    items = pd.unique(answers[item])
    rated = answers.groupby(respondent, sort=False)[item].nunique()
    short = rated[rated < len(items)]
    if len(short):
        some = answers[answers[respondent].isin(short.index[:SHOW])]
        gaps = some.groupby(respondent, sort=False)[item].agg(
            lambda got: [i for i in items if i not in set(got)])
        more = f" (and {len(short) - SHOW:,} more)" if len(short) > SHOW else ""
        raise ValueError(f"answers is missing items: {len(short):,} respondent(s) did not rate "
                         f"every item: {offenders(gaps, gaps.notna())}{more}")
    table = pd.DataFrame({respondent: answers[respondent], item: answers[item],
                          "expectation": ratings[expectation],
                          "performance": ratings[performance]})
    if per == "respondent":
        table = table.groupby(respondent, sort=True)[["expectation", "performance"]].mean()
        table = table.reset_index()
    table["disconfirmation"] = table["performance"] - table["expectation"]
    return table.reset_index(drop=True)


def expectation_outcome(scores: pd.Series | np.ndarray | Sequence[float] | float, *,
                        band: float = EQUAL_BAND) -> pd.Series:
    """Kotler's performance–expectation table: dissatisfied / satisfied / delighted.

    ``scores`` are disconfirmation scores (performance − expectation). A score below ``-band``
    is *dissatisfied* 不满意 (performance < expectation), one at or above ``+band``
    *delighted* 高度满意 (performance > expectation), and one in ``[-band, +band)``
    *satisfied* 满意 (performance = expectation). ``band`` (default :data:`EQUAL_BAND`, a course
    convention) widens "equal" for averaged ratings; with the default the three outcomes are
    exactly the three bands of :func:`satisfaction_level` (:data:`BAND_OUTCOMES`). With
    ``band=0`` (single whole-number ratings) only a score of exactly 0 is satisfied.
    Source: Kotler & Keller, *Marketing Management* (ch. 5); 《客户关系管理》第五讲“客户满意度与
    客户维持战略” names the 绩效与期望关系表, whose cells are lost.

    >>> expectation_outcome([-1.0, -0.25, 0.0, 0.25]).tolist()
    ['dissatisfied', 'satisfied', 'satisfied', 'delighted']
    >>> expectation_outcome([-1, 0, 1], band=0).tolist()
    ['dissatisfied', 'satisfied', 'delighted']
    """
    series = _scores(scores, "scores")
    band = check_number(band, "band", low=0)
    delighted = series >= band if band > 0 else series > 0
    codes = np.where(series < -band, 0, np.where(delighted, 2, 1))
    return pd.Series(pd.Categorical.from_codes(codes, categories=list(OUTCOMES), ordered=True),
                     index=series.index, name="outcome")


def satisfaction_level(scores: pd.Series | np.ndarray | Sequence[float] | float, *,
                       bounds: Mapping[str, float] = LEVEL_BOUNDS) -> pd.Series:
    """Outcome band of each disconfirmation score: below, meets or exceeds expectation.

    A score gets the highest band whose lower bound it reaches (``bounds``, default
    :data:`LEVEL_BOUNDS`: meets expectation from −0.25, exceeds expectation from +0.25 scale
    points, below expectation under −0.25). Kotler's table reads the bands as dissatisfied,
    satisfied and delighted (:data:`BAND_OUTCOMES`, :func:`expectation_outcome`). The score
    places a response only relative to expectation: the five levels of satisfaction of
    《客户管理》第三章 (:data:`LEVEL_KINDS`) are kinds of experience — a response that exceeds
    expectation *may* be a surprise 惊喜, but no score says whether an experience brought
    pleasure, relief or novelty. Returns an ordered categorical Series named ``band``.
    Source: the expectation–disconfirmation model (Oliver 1980); the bounds are this course's
    convention and can be changed.

    >>> satisfaction_level([-1.0, 0.0, 0.5]).tolist()
    ['below expectation', 'meets expectation', 'exceeds expectation']
    >>> satisfaction_level([0.1], bounds={"below expectation": -np.inf,
    ...                                   "meets expectation": -0.5,
    ...                                   "exceeds expectation": 0.0}).tolist()
    ['exceeds expectation']
    """
    series = _scores(scores, "scores")
    limits = _bounds(bounds)
    codes = np.searchsorted(np.array(list(limits.values())), series.to_numpy(), side="right") - 1
    return pd.Series(pd.Categorical.from_codes(codes, categories=list(BANDS), ordered=True),
                     index=series.index, name="band")


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
        from scipy import stats  # here, not at import: scipy.stats is slow to import

        z = stats.norm.ppf(1.0 - alpha / 2.0)
        low, high = score - z * se, score + z * se
    else:
        check_cells(len(n) * n_boot, 3, "the bootstrap")
        rng = np.random.default_rng(seed)
        draws = np.stack([rng.multinomial(k, q, size=n_boot) for k, q in zip(n, p)])
        boot = (draws[:, :, 0] - draws[:, :, 2]) / n[:, None]
        low, high = np.quantile(boot, [alpha / 2.0, 1.0 - alpha / 2.0], axis=1)
    return pd.DataFrame({
        "n": n, "promoters": p[:, 0], "passives": p[:, 1], "detractors": p[:, 2],
        "nps": 100 * score, "se": 100 * se, "ci_low": 100 * low, "ci_high": 100 * high})


def _nps_options(confidence: object, method: object, n_boot: object,
                 seed: object) -> tuple[float, str, int, int]:
    return (check_rate(confidence, "confidence", low_open=True, high_open=True),
            check_choice(method, "method", ["normal", "bootstrap"]),
            check_int(n_boot, "n_boot", 100, MAX_BOOT), check_seed(seed))


def _nps_groups(scores: object, name: str) -> pd.Series:
    series = _answers_on_scale(scores, name, 0, 10)
    codes = np.where(series >= 9, 0, np.where(series >= 7, 1, 2))
    return pd.Series(pd.Categorical.from_codes(codes, ["promoter", "passive", "detractor"]),
                     index=series.index, name="nps_group")


def nps_group(scores: pd.Series | Sequence[int]) -> pd.Series:
    """Promoter (9–10), passive (7–8) or detractor (0–6) for each 0–10 recommendation score.

    >>> nps_group([10, 8, 3]).tolist()
    ['promoter', 'passive', 'detractor']
    """
    return _nps_groups(scores, "scores")


def nps(scores: pd.Series | Sequence[int], *, confidence: float = 0.95,
        method: str = "normal", n_boot: int = 2000, seed: int = 0) -> pd.Series:
    """Net Promoter Score, in points from −100 to +100, with a confidence interval.

    NPS = 100 × (share of promoters, 9–10 − share of detractors, 0–6) on the 0–10 "how likely
    are you to recommend us" question (Reichheld 2003, *Harvard Business Review* 81(12)).
    With promoter and detractor shares p and d of a multinomial sample of n answers,
    Var(p − d) = (p + d − (p − d)²) / n (the variance of a difference of two multinomial
    shares, their covariance being −pd/n). ``method="normal"`` gives NPS ± z·se;
    ``method="bootstrap"`` resamples the three counts ``n_boot`` times (100 to
    :data:`MAX_BOOT`) from the multinomial (seeded) and takes percentiles. Returns ``n`` (the
    number of answers, an ``int``), ``promoters, passives, detractors`` (shares) and ``nps,
    se, ci_low, ci_high`` (points), as a Series of dtype object so that ``n`` stays a whole
    number. The normal interval can reach past ±100 in tiny samples and is degenerate (se 0)
    when every answer is in one group.

    >>> out = nps([10, 9, 9, 8, 2], confidence=0.90)  # 3 promoters, 1 detractor of 5
    >>> out["n"], round(out["nps"], 1), round(out["se"], 2)
    (5, 40.0, 35.78)
    """
    confidence, method, n_boot, seed = _nps_options(confidence, method, n_boot, seed)
    groups = _nps_groups(scores, "scores")
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

    >>> data = pd.DataFrame({"size": ["a", "a", "b", "b", "b"], "recommend": [10, 0, 9, 9, 7]})
    >>> nps_by(data, "size")[["n", "nps"]].round(1)
          n   nps
    size
    a     2   0.0
    b     3  66.7
    """
    require_frame(data, "data")
    by = column_option(data, by, "by", "data")
    score = column_option(data, score, "score", "data")
    confidence, method, n_boot, seed = _nps_options(confidence, method, n_boot, seed)
    labels = _group_labels(data[by], f"data[{by!r}]")
    groups = _nps_groups(data[score], f"data[{score!r}]")
    counts = pd.crosstab(labels, groups, dropna=False).reindex(
        columns=["promoter", "passive", "detractor"], fill_value=0)
    if isinstance(labels.dtype, pd.CategoricalDtype):
        counts = counts.reindex(labels.cat.categories, fill_value=0)
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
    like when absent reverse, and like/like or dislike/dislike questionable. The two answers of
    a pair sit at the same position (or, for two Series, under the same label).
    Source: Kano et al. (1984); Berger et al. (1993), *Center for Quality Management Journal*
    2(4), "Kano's methods for understanding customer-defined quality".

    >>> kano_category([1, 1, 3, 5], [5, 3, 5, 1]).tolist()
    ['one-dimensional', 'attractive', 'must-be', 'reverse']
    """
    f = _answers_on_scale(functional, "functional", 1, 5)
    d = _answers_on_scale(dysfunctional, "dysfunctional", 1, 5)
    if len(f) != len(d):
        raise ValueError(f"functional and dysfunctional must have the same length, got "
                         f"{len(f)} and {len(d)}")
    if (isinstance(functional, pd.Series) and isinstance(dysfunctional, pd.Series)
            and not f.index.equals(d.index)):
        raise ValueError("functional and dysfunctional must have the same index (the two "
                         "answers of each respondent under one label)")
    codes = np.array([[KANO_CLASSES.index(c) for c in row] for row in KANO_TABLE.to_numpy()])
    out = codes[f.to_numpy().astype(int) - 1, d.to_numpy().astype(int) - 1]
    return pd.Series(pd.Categorical.from_codes(out, categories=list(KANO_CLASSES)),
                     index=f.index, name="kano_class")


def kano_features(survey: pd.DataFrame, prefix: str = "kano_") -> list[str]:
    """Feature names with a question pair ``<prefix><feature>_functional/_dysfunctional``.

    >>> survey = pd.DataFrame({"kano_x_functional": [1], "kano_x_dysfunctional": [3]})
    >>> kano_features(survey)
    ['x']
    """
    require_frame(survey, "survey")
    prefix = check_text(prefix, "prefix")
    names = [c for c in survey.columns if isinstance(c, str) and c.startswith(prefix)]
    func = {c[len(prefix):-len("_functional")] for c in names if c.endswith("_functional")}
    dysf = {c[len(prefix):-len("_dysfunctional")] for c in names if c.endswith("_dysfunctional")}
    if func ^ dysf:
        raise ValueError(f"survey has unpaired Kano questions for {sorted(func ^ dysf)}: each "
                         f"feature needs both {prefix}<feature>_functional and "
                         f"{prefix}<feature>_dysfunctional")
    if not func:
        raise ValueError(f"survey has no Kano question pairs with prefix {prefix!r}: "
                         f"{prefix}<feature>_functional / {prefix}<feature>_dysfunctional")
    return [f for f in dict.fromkeys(c[len(prefix):].rsplit("_", 1)[0] for c in names)
            if f in func]


def _feature_list(features: object, survey: pd.DataFrame, prefix: str) -> list[str]:
    features = check_names(features, "features")
    missing = [f for f in features if f"{prefix}{f}_functional" not in survey.columns
               or f"{prefix}{f}_dysfunctional" not in survey.columns]
    if missing:
        raise ValueError(f"features {missing} have no question pair in survey with prefix "
                         f"{prefix!r}: survey is missing column(s) "
                         f"{prefix}<feature>_functional / _dysfunctional for them")
    return features


def kano_classes(survey: pd.DataFrame, features: Sequence[str] | None = None, *,
                 prefix: str = "kano_") -> pd.DataFrame:
    """Kano class of every respondent (rows) for every feature (columns).

    ``survey`` has the pair ``<prefix><feature>_functional`` and ``_dysfunctional`` for each
    feature (all features found by :func:`kano_features` when ``features`` is None), answered
    as whole numbers from 1 to 5.

    >>> survey = pd.DataFrame({"kano_x_functional": [1, 3], "kano_x_dysfunctional": [3, 5]})
    >>> kano_classes(survey)["x"].tolist()
    ['attractive', 'must-be']
    """
    require_frame(survey, "survey")
    prefix = check_text(prefix, "prefix")
    features = (kano_features(survey, prefix) if features is None
                else _feature_list(features, survey, prefix))
    columns = [f"{prefix}{f}_{side}" for f in features for side in ("functional", "dysfunctional")]
    answers = numeric_columns(survey, columns, "survey", low=1, high=5, integer=True)
    return pd.DataFrame({f: kano_category(answers[f"{prefix}{f}_functional"],
                                          answers[f"{prefix}{f}_dysfunctional"])
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

    >>> survey = pd.DataFrame({"kano_x_functional": [1, 1, 3, 3],
    ...                        "kano_x_dysfunctional": [3, 5, 5, 3]})  # A, O, M, I
    >>> kano_summary(kano_classes(survey))[["n", "class", "better", "worse"]]
             n    class  better  worse
    feature
    x        4  must-be     0.5   -0.5
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
        raise ValueError(f"classes: feature(s) {list(counts.index[base == 0])} have no "
                         "attractive, one-dimensional, must-be or indifferent answer: Better "
                         "and Worse are undefined")
    summary = counts.copy()
    summary["n"] = counts.sum(axis=1)
    summary["class"] = counts.idxmax(axis=1)
    summary["better"] = (a + o) / base
    summary["worse"] = -(o + m) / base + 0.0  # no "-0.0"
    return summary
