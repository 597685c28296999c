"""Service quality: evaluate it with surveys and monitor it over time (chapter 02).

Evaluate (评价服务质量, 《客户管理》第三章):

* SERVQUAL gap scores, perception − expectation, per item and per dimension, unweighted and
  weighted by each respondent's 100-point importance allocation (:func:`respondent_gaps`,
  :func:`gap_scores`, :func:`weighted_gaps`, :func:`servqual_score`), and the reliability of each
  dimension's items (:func:`cronbach_alpha`, :func:`alpha_by_dimension`). The five dimensions
  are the deck's five factors; :data:`DIMENSIONS_ZH` gives the standard Chinese SERVQUAL terms
  (有形性, 可靠性, 响应性, 保证性, 移情性) and :data:`DIMENSIONS_DECK` the deck's own two lists
  (有形资产 / 可信赖感 / 责任感 / 保证 / 感情, and 有形因素 / 可靠度 / 反应 / 服务保证 /
  服务人员的投入). Gap scores and their weighting go beyond the deck, which names the factors only;
* importance–performance analysis with a choice of crosshair and the diagonal iso-priority
  variant (:func:`attribute_means`, :func:`crosshair`, :func:`ipa`; beyond the decks), the
  service management matrix with its target corridor of 第二章“为企业创造价值”
  (:func:`service_matrix`) and that deck's comparison with the main competitor
  (:func:`competitor_comparison`; charts :func:`plot_ipa`, :func:`plot_service_matrix`,
  :func:`plot_competitor_comparison`). The deck's two figures are lost: their axes, labels and
  indicators survive, the scales and the corridor's width here are this course's own;
* driver analysis of overall satisfaction by OLS on the dimension gaps (:class:`DriverModel`;
  beyond the decks).

Monitor (监控服务质量): 《客户管理》第三章 names three ways — involve employees, “利用统计过程进行
监测” (monitor with statistical processes) and involve customers. The control charts of the second
live in :mod:`helpers.control_charts` (:func:`complaint_rates`, :func:`p_chart`,
:func:`individuals_chart`, :func:`xbar_chart`, :data:`RULES`) and are re-exported here, so
``quality.p_chart`` works as well.

Bad input (a missing column, ratings as text, NaN or ±inf, a rating off the scale, a repeated
answer, an unknown option) raises a ``ValueError`` or ``TypeError`` naming the argument or
column and the rows at fault (:mod:`helpers.validation`).

Sources: the decks 《客户管理》第三章 (the five factors, their determinants, the three ways to
monitor) and 第二章“为企业创造价值” (the competitor chart, the service management matrix);
Parasuraman, Zeithaml & Berry (1985, 1988) for the determinants and SERVQUAL; Martilla &
James (1977) and Abalo, Varela & Manzano (2007) for importance–performance analysis; Slack (1994)
for the importance–performance matrix with its target corridor; Cronbach (1951) for alpha.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .control_charts import (
    D2_N2,
    D4_N2,
    RULES,
    complaint_rates,
    individuals_chart,
    p_chart,
    xbar_chart,
)
from .model import Model
from .validation import (
    MAX_SQUARABLE,
    as_numeric_series,
    check_axes,
    check_bool,
    check_choice,
    check_names,
    check_number,
    check_pair,
    check_rate,
    check_squarable,
    check_text,
    column_option,
    numeric_columns,
    offenders,
    require_frame,
    require_no_nan,
    require_nonnegative,
    require_unique,
    require_unique_index,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "DIMENSIONS", "DIMENSIONS_ZH", "DIMENSIONS_DECK", "QUADRANTS_ZH", "ZONES_ZH", "RULES",
    "CROSSHAIRS", "MAX_SQUARABLE", "MIN_EXTRA_RESPONDENTS",
    "require_ratings", "respondent_gaps", "gap_scores", "importance_points", "weighted_gaps",
    "servqual_score", "cronbach_alpha", "alpha_by_dimension",
    "attribute_means", "crosshair", "ipa", "service_matrix", "competitor_comparison",
    "plot_ipa", "plot_service_matrix", "plot_competitor_comparison",
    "complaint_rates", "p_chart", "individuals_chart", "xbar_chart", "D2_N2", "D4_N2",
    "DriverModel",
]

DIMENSIONS: tuple[str, ...] = ("tangibles", "reliability", "responsiveness", "assurance",
                               "empathy")
#: The standard Chinese SERVQUAL terms of the five dimensions (textbook usage).
DIMENSIONS_ZH: dict[str, str] = {"tangibles": "有形性", "reliability": "可靠性",
                                 "responsiveness": "响应性", "assurance": "保证性",
                                 "empathy": "移情性"}
#: The deck's own names of the five factors (《客户管理》第三章), which differ from the standard
#: terms: its list of “在衡量服务质量方面起着关键作用的五个因素” first, then its outline
#: “评价服务质量” (有形因素, 反应, 服务人员的投入, 服务保证, 可靠度, in the deck's order there).
DIMENSIONS_DECK: dict[str, str] = {"tangibles": "有形资产 / 有形因素",
                                   "reliability": "可信赖感 / 可靠度",
                                   "responsiveness": "责任感 / 反应",
                                   "assurance": "保证 / 服务保证",
                                   "empathy": "感情 / 服务人员的投入"}
QUADRANTS_ZH: dict[str, str] = {"concentrate here": "重点改进区",
                                "keep up the good work": "继续保持区",
                                "low priority": "低优先区", "possible overkill": "过度投入区"}
ZONES_ZH: dict[str, str] = {"overkill": "表现过当", "underperforming": "表现不足",
                            "target corridor": "服务目标走廊"}
Crosshair = Literal["mean", "median", "midpoint"]
CROSSHAIRS: tuple[str, ...] = ("mean", "median", "midpoint")

SERVQUAL_COLUMNS = ("customer_id", "item", "dimension", "expectation", "perception")

MIN_EXTRA_RESPONDENTS = 5
"""Respondents a driver analysis needs beyond one per coefficient before its estimates are
trusted (fewer: :class:`DriverModel` warns and sets ``converged_`` to False)."""


# --------------------------------------------------------------------------------------------
# input checks
# --------------------------------------------------------------------------------------------

def _column_list(frame: pd.DataFrame, columns: object, name: str,
                 frame_name: str) -> list[str]:
    return [column_option(frame, c, name, frame_name) for c in check_names(columns, name)]


def _numbers(frame: object, name: str, **rules: object) -> pd.DataFrame:
    """``frame`` (a non-empty DataFrame) with every column checked as numbers, as floats."""
    require_frame(frame, name)
    return numeric_columns(frame, list(frame.columns), name, **rules)


def require_ratings(ratings: object, columns: Sequence[str], *, item: str = "item",
                    scale: tuple[float, float] = (1, 7), name: str = "ratings",
                    complete: bool = True) -> pd.DataFrame:
    """Check a long table of survey ratings: one row per respondent (``customer_id``) and
    ``item``, the rating ``columns`` whole numbers on the ``scale``, no NaN, no repeated
    (respondent, item) pair and — if ``complete`` — every respondent rating every item (a
    respondent with missing items would have an incomparable mean). Returns ``ratings``.

    >>> ratings = pd.DataFrame({"customer_id": [1, 1, 2], "item": ["a", "b", "a"],
    ...                         "rating": [5, 6, 9]})
    >>> require_ratings(ratings, ["rating"], complete=False)
    Traceback (most recent call last):
    ...
    ValueError: ratings['rating'] must lie between 1 and 7; 1 value breaks this: 2: 9.0
    """
    name = check_text(name, "name")
    require_frame(ratings, name, ["customer_id"])
    item = column_option(ratings, item, "item", name)
    columns = _column_list(ratings, columns, "columns", name)
    low, high = check_pair(scale, "scale")
    complete = check_bool(complete, "complete")
    require_no_nan(ratings[["customer_id", item]], name)
    numeric_columns(ratings, columns, name, low=low, high=high, integer=True)
    require_unique(ratings, ["customer_id", item], name,
                   what=f"one row per customer_id and {item} (no duplicated answers)")
    if complete:
        counts = ratings.groupby("customer_id")[item].nunique()
        n_items = ratings[item].nunique()
        short = counts[counts < n_items]
        if not short.empty:
            raise ValueError(f"{name}: {len(short)} respondent(s) did not answer all {n_items} "
                             f"{item}s (missing {item}s make their means incomparable): "
                             f"{short.head().to_dict()} {item}s answered")
    return ratings


def _require_answers(answers: pd.DataFrame, value_columns: Sequence[str],
                     scale: tuple[float, float], name: str = "answers") -> None:
    require_frame(answers, name, ["customer_id", "item", "dimension", *value_columns])
    require_ratings(answers, value_columns, scale=scale, name=name)
    require_no_nan(answers[["dimension"]], name)
    dims_per_item = answers.groupby("item")["dimension"].nunique()
    if (dims_per_item > 1).any():
        raise ValueError(f"{name}: item(s) {list(dims_per_item[dims_per_item > 1].index)} are "
                         "filed under more than one dimension")


def _in_order(names: Sequence[object]) -> list[object]:
    """Dimension names in the SERVQUAL order, others after them alphabetically."""
    return [d for d in DIMENSIONS if d in names] + sorted(
        (d for d in names if d not in DIMENSIONS), key=str)


# --------------------------------------------------------------------------------------------
# SERVQUAL gaps and reliability
# --------------------------------------------------------------------------------------------

def respondent_gaps(answers: pd.DataFrame, *, perception: str = "perception",
                    scale: tuple[float, float] = (1, 7)) -> pd.DataFrame:
    """Each respondent's SERVQUAL gap per dimension: mean item perception − mean item expectation.

    ``answers`` is long: ``customer_id, item, dimension, expectation`` and the ``perception``
    column (use ``perception="competitor"`` for the competitor's gaps). Returns one row per
    respondent (index ``customer_id``) and one column per dimension, in the SERVQUAL order
    where the names match. Every respondent must answer every item on the ``scale``.
    Source: Parasuraman, Zeithaml & Berry (1988), SERVQUAL, *Journal of Retailing* 64(1).

    >>> answers = pd.DataFrame({"customer_id": [1, 1, 2, 2], "item": ["r1", "t1", "r1", "t1"],
    ...                         "dimension": ["reliability", "tangibles"] * 2,
    ...                         "expectation": [7, 5, 6, 4], "perception": [5, 6, 5, 4]})
    >>> respondent_gaps(answers)
    dimension    tangibles  reliability
    customer_id
    1                  1.0         -2.0
    2                  0.0         -1.0
    """
    require_frame(answers, "answers")
    perception = column_option(answers, perception, "perception", "answers")
    _require_answers(answers, ["expectation", perception], scale)
    gap = answers[perception].astype(float) - answers["expectation"].astype(float)
    wide = gap.groupby([answers["customer_id"], answers["dimension"]]).mean().unstack("dimension")
    wide = wide[_in_order(wide.columns)]
    wide.columns.name = "dimension"
    return wide


def gap_scores(answers: pd.DataFrame, *, level: Literal["item", "dimension"] = "dimension",
               perception: str = "perception", scale: tuple[float, float] = (1, 7)
               ) -> pd.DataFrame:
    """Mean expectation, perception and gap (perception − expectation) per item or dimension.

    A negative gap means the service falls short of what customers expect (服务质量差距). At
    ``level="dimension"`` each respondent's dimension score is the mean of its items, then
    averaged over respondents (so a dimension with more items does not weigh more). Columns:
    ``expectation, perception, gap, respondents`` (plus ``dimension`` at item level).
    Source: Parasuraman, Zeithaml & Berry (1988); Zeithaml, Parasuraman & Berry (1990),
    *Delivering Quality Service*, appendix (computing SERVQUAL scores).

    >>> answers = pd.DataFrame({"customer_id": [1, 1, 2, 2], "item": ["r1", "t1", "r1", "t1"],
    ...                         "dimension": ["reliability", "tangibles"] * 2,
    ...                         "expectation": [7, 5, 6, 4], "perception": [5, 6, 5, 4]})
    >>> gap_scores(answers)
                 expectation  perception  gap  respondents
    dimension
    tangibles            4.5         5.0  0.5            2
    reliability          6.5         5.0 -1.5            2
    """
    level = check_choice(level, "level", ["item", "dimension"])
    require_frame(answers, "answers")
    perception = column_option(answers, perception, "perception", "answers")
    _require_answers(answers, ["expectation", perception], scale)
    values = answers[["expectation", perception]].astype(float)
    if level == "item":
        table = values.groupby(answers["item"]).mean().rename(columns={perception: "perception"})
        table.insert(0, "dimension", answers.groupby("item")["dimension"].first())
    else:
        per_respondent = values.groupby([answers["customer_id"], answers["dimension"]]).mean()
        table = per_respondent.groupby(level="dimension").mean().rename(
            columns={perception: "perception"})
        table = table.loc[_in_order(table.index)]
    table["gap"] = table["perception"] - table["expectation"]
    table["respondents"] = answers.groupby(level if level == "item" else "dimension")[
        "customer_id"].nunique().reindex(table.index)
    return table


def importance_points(survey: pd.DataFrame, *, prefix: str = "importance_",
                      dimensions: Sequence[str] = DIMENSIONS, total: float = 100.0
                      ) -> pd.DataFrame:
    """The survey's importance allocation: one row per respondent, one column per dimension.

    Respondents share ``total`` points (100 in SERVQUAL) among the dimensions; each row must be
    non-negative and sum to ``total``. Index ``customer_id``.
    Source: Zeithaml, Parasuraman & Berry (1990), the SERVQUAL importance question.

    >>> survey = pd.DataFrame({"customer_id": [1, 2], "importance_speed": [60, 30],
    ...                        "importance_price": [40, 70]})
    >>> importance_points(survey, dimensions=["speed", "price"])
    dimension    speed  price
    customer_id
    1             60.0   40.0
    2             30.0   70.0
    """
    require_frame(survey, "survey", ["customer_id"])
    prefix = check_text(prefix, "prefix")
    dimensions = check_names(dimensions, "dimensions")
    total = check_number(total, "total", low=0, low_open=True)
    columns = [f"{prefix}{d}" for d in dimensions]
    missing = [c for c in columns if c not in survey.columns]
    if missing:
        raise ValueError(f"survey has no importance column(s) {missing} for the dimensions "
                         f"{dimensions} with prefix {prefix!r}")
    require_no_nan(survey[["customer_id"]], "survey")
    require_unique(survey, ["customer_id"], "survey", what="one row per respondent")
    points = numeric_columns(survey, columns, "survey", low=0)
    points.index = pd.Index(survey["customer_id"], name="customer_id")
    points.columns = pd.Index(dimensions, name="dimension")
    off = (points.sum(axis=1) - total).abs() > 1e-6
    if off.any():
        raise ValueError(f"survey importance points must sum to {total:g} (total) per "
                         f"respondent; {int(off.sum())} row(s) do not: "
                         f"{offenders(points.sum(axis=1), off)}")
    return points


def _aligned(gaps: object, importance: object) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Gaps and importance points of the same respondents and dimensions; the points must be
    non-negative with a positive total per respondent (a share of nothing is undefined)."""
    gaps = _numbers(gaps, "gaps")
    require_unique_index(gaps, "gaps", "one row per respondent")
    importance = _numbers(importance, "importance", low=0)
    require_unique_index(importance, "importance", "one row per respondent")
    missing_cols = [d for d in gaps.columns if d not in importance.columns]
    if missing_cols:
        raise ValueError(f"importance is missing dimension column(s) {missing_cols}")
    missing = gaps.index.difference(importance.index)
    if len(missing):
        raise ValueError(f"importance has no row for {len(missing)} respondent(s) of gaps: "
                         f"{list(missing[:5])}")
    importance = importance.loc[gaps.index, list(gaps.columns)]
    empty = importance.sum(axis=1) <= 0
    if empty.any():
        raise ValueError(f"importance points must have a positive total per respondent (the "
                         f"weights are each respondent's shares of it); {int(empty.sum())} "
                         f"respondent(s) gave no points: {offenders(importance, empty)}")
    return gaps, importance


def weighted_gaps(gaps: pd.DataFrame, importance: pd.DataFrame) -> pd.DataFrame:
    """Unweighted and importance-weighted gap per dimension, averaged over respondents.

    ``gaps`` comes from :func:`respondent_gaps`; ``importance`` from :func:`importance_points`
    (the same respondents; its rows for others are not used). For respondent *i* and
    dimension *d* with points ``w_id`` (summing to 100), the weighted gap is
    ``w_id / 100 × gap_id`` (in general ``w_id / Σ_d w_id``, so the points must be
    non-negative with a positive total per respondent; otherwise it raises).
    Columns: ``gap`` (mean unweighted gap), ``weight`` (mean share of the points),
    ``weighted_gap`` (mean of ``w_id / 100 × gap_id``, the dimension's contribution to the
    weighted SERVQUAL score) and ``share_of_shortfall`` (its part of the sum of the weighted
    gaps). Rows sorted from the worst weighted gap.
    Source: Zeithaml, Parasuraman & Berry (1990), weighted SERVQUAL score.

    >>> gaps = pd.DataFrame({"a": [-2.0, -1.5], "b": [1.0, 0.0]}, index=[1, 2])
    >>> importance = pd.DataFrame({"a": [80, 50], "b": [20, 50]}, index=[1, 2])
    >>> weighted_gaps(gaps, importance)  # a: mean(0.8 × -2, 0.5 × -1.5) = -1.175
                gap  weight  weighted_gap  share_of_shortfall
    dimension
    a         -1.75    0.65        -1.175            1.093023
    b          0.50    0.35         0.100           -0.093023
    """
    gaps, importance = _aligned(gaps, importance)
    share = importance.div(importance.sum(axis=1), axis=0)
    weighted = share * gaps
    table = pd.DataFrame({"gap": gaps.mean(), "weight": share.mean(),
                          "weighted_gap": weighted.mean()})
    table.index.name = "dimension"
    total = table["weighted_gap"].sum()
    table["share_of_shortfall"] = table["weighted_gap"] / total if total != 0 else 0.0
    return table.sort_values("weighted_gap", kind="stable")


def servqual_score(gaps: pd.DataFrame, importance: pd.DataFrame | None = None) -> pd.Series:
    """Each respondent's overall SERVQUAL score: the mean of the dimension gaps (unweighted), or
    ``Σ_d w_id / 100 × gap_id`` with the respondent's own importance points (weighted; the
    points must be non-negative with a positive total per respondent).

    Source: Zeithaml, Parasuraman & Berry (1990), unweighted and weighted SERVQUAL scores.

    >>> gaps = pd.DataFrame({"a": [-2.0, -1.5], "b": [1.0, 0.0]}, index=[1, 2])
    >>> servqual_score(gaps).tolist()
    [-0.5, -0.75]
    >>> importance = pd.DataFrame({"a": [80, 50], "b": [20, 50]}, index=[1, 2])
    >>> servqual_score(gaps, importance).tolist()  # 0.8 × -2 + 0.2 × 1 = -1.4
    [-1.4, -0.75]
    """
    if importance is None:
        gaps = _numbers(gaps, "gaps")
        require_unique_index(gaps, "gaps", "one row per respondent")
        return gaps.mean(axis=1).rename("servqual_score")
    gaps, importance = _aligned(gaps, importance)
    share = importance.div(importance.sum(axis=1), axis=0)
    return (share * gaps).sum(axis=1).rename("weighted_servqual_score")


def _alpha(items: pd.DataFrame, name: str) -> float:
    k = items.shape[1]
    if k < 2:
        raise ValueError(f"{name} needs at least 2 item columns for Cronbach's alpha, got {k}")
    if len(items) < 2:
        raise ValueError(f"{name} needs at least 2 respondents (rows), got {len(items)}")
    check_squarable(items, name)
    total_var = items.sum(axis=1).var(ddof=1)
    if total_var == 0:
        raise ValueError(f"{name}: the total score does not vary across respondents, so alpha "
                         "is undefined")
    return float(k / (k - 1) * (1 - items.var(ddof=1).sum() / total_var))


def cronbach_alpha(items: pd.DataFrame) -> float:
    """Cronbach's alpha (克朗巴哈系数) of a scale: ``k/(k−1) × (1 − Σ var(item) / var(total))``.

    ``items`` has one row per respondent and one column per item (``k ≥ 2`` items, at least two
    respondents, finite numbers); sample variances (ddof=1). Values of about 0.7 or more are
    usually taken as an internally consistent scale. Source: Cronbach (1951), *Psychometrika*
    16(3).

    >>> items = pd.DataFrame({"x": [1, 2, 3, 4], "y": [2, 3, 3, 5], "z": [1, 3, 4, 4]})
    >>> round(cronbach_alpha(items), 6)  # 3/2 × (1 − 5.25 / 14.25)
    0.947368
    """
    return _alpha(_numbers(items, "items"), "items")


def alpha_by_dimension(answers: pd.DataFrame, *, column: str = "perception",
                       scale: tuple[float, float] = (1, 7)) -> pd.Series:
    """Cronbach's alpha of each dimension's items (answers in the long SERVQUAL format).

    A dimension needs at least two items. Source: Cronbach (1951); Parasuraman et al. (1988)
    report alpha per SERVQUAL dimension.

    >>> answers = pd.DataFrame({
    ...     "customer_id": [1, 1, 2, 2, 3, 3], "item": ["r1", "r2"] * 3,
    ...     "dimension": "reliability", "expectation": 7, "perception": [2, 3, 4, 4, 6, 7]})
    >>> alpha_by_dimension(answers).round(4)
    dimension
    reliability    0.9796
    Name: alpha_perception, dtype: float64
    """
    require_frame(answers, "answers")
    column = column_option(answers, column, "column", "answers")
    _require_answers(answers, [column], scale)
    wide = answers.pivot(index="customer_id", columns="item", values=column).astype(float)
    items = answers.groupby("dimension")["item"].unique()
    few = [d for d in items.index if len(items[d]) < 2]
    if few:
        raise ValueError(f"answers: dimension(s) {few} have fewer than 2 items; Cronbach's "
                         "alpha needs at least 2 items per dimension")
    return pd.Series({d: _alpha(wide[sorted(items[d], key=str)], f"answers (dimension {d!r})")
                      for d in _in_order(items.index)},
                     name=f"alpha_{column}").rename_axis("dimension")


# --------------------------------------------------------------------------------------------
# importance-performance analysis, service management matrix, competitor comparison
# --------------------------------------------------------------------------------------------

def attribute_means(ratings: pd.DataFrame, *, columns: Sequence[str] = ("importance", "firm",
                                                                       "competitor"),
                    weights: pd.Series | None = None, scale: tuple[float, float] = (1, 7)
                    ) -> pd.DataFrame:
    """Mean rating of each attribute (service indicator), optionally weighting respondents.

    ``ratings`` is long: ``customer_id, attribute`` and the rating ``columns``. ``weights`` (a
    non-negative Series indexed by ``customer_id``, e.g. each customer's net sales) turns the
    means into weighted means ``Σ w_i x_i / Σ w_i``; every respondent needs one weight.

    >>> ratings = pd.DataFrame({"customer_id": [1, 2, 1, 2], "attribute": ["x", "x", "y", "y"],
    ...                         "importance": [7, 3, 5, 5], "firm": [2, 6, 4, 4]})
    >>> attribute_means(ratings, columns=["importance", "firm"],
    ...                 weights=pd.Series({1: 3.0, 2: 1.0}))  # x: (3 × 7 + 1 × 3) / 4 = 6
               importance  firm
    attribute
    x                 6.0   3.0
    y                 5.0   4.0
    """
    require_frame(ratings, "ratings", ["customer_id", "attribute"])
    columns = _column_list(ratings, columns, "columns", "ratings")
    require_ratings(ratings, columns, item="attribute", scale=scale, complete=False)
    values = ratings[columns].astype(float)
    if weights is None:
        return values.groupby(ratings["attribute"]).mean()
    w = as_numeric_series(weights, "weights", low=0)
    require_unique_index(w, "weights", "one weight per customer")
    missing = pd.Index(ratings["customer_id"].unique()).difference(w.index)
    if len(missing):
        raise ValueError(f"weights has no value for {len(missing)} respondent(s): "
                         f"{list(missing[:5])}")
    wi = ratings["customer_id"].map(w).astype(float)
    totals = wi.groupby(ratings["attribute"]).sum()
    if (totals <= 0).any():
        raise ValueError(f"weights are all zero for attribute(s) {list(totals[totals <= 0].index)}"
                         ": a weighted mean is undefined")
    return values.mul(wi, axis=0).groupby(ratings["attribute"]).sum().div(totals, axis=0)


def _means(means: object, columns: dict[str, object]) -> pd.DataFrame:
    """The columns of a table of attribute means (one row per attribute) that the options in
    ``columns`` (option name → column) name, checked as numbers and renamed to the options."""
    require_frame(means, "means")
    named = {option: column_option(means, column, option, "means")
             for option, column in columns.items()}
    require_unique_index(means, "means", "one row per attribute")
    checked = numeric_columns(means, list(dict.fromkeys(named.values())), "means")
    return pd.DataFrame({option: checked[column] for option, column in named.items()},
                        index=means.index)


def crosshair(means: pd.DataFrame, method: Crosshair = "mean", *, importance: str = "importance",
              performance: str = "firm", scale: tuple[float, float] = (1, 7)
              ) -> tuple[float, float]:
    """Where the IPA grid's crosshair sits: ``(importance cut, performance cut)``.

    ``"mean"`` (of the attribute means, Martilla & James 1977), ``"median"`` (robust to one
    extreme attribute) or ``"midpoint"`` of the rating ``scale`` (an absolute standard: 4 on 1-7).

    >>> means = pd.DataFrame({"importance": [6.0, 6.0, 3.0, 3.0, 5.0],
    ...                       "firm": [3.0, 6.0, 6.0, 2.0, 4.0]}, index=list("ABCDE"))
    >>> crosshair(means)
    (4.6, 4.2)
    >>> crosshair(means, "midpoint")
    (4.0, 4.0)
    """
    method = check_choice(method, "method", CROSSHAIRS)
    low, high = check_pair(scale, "scale")
    table = _means(means, {"importance": importance, "performance": performance})
    if method == "mean":
        return float(table["importance"].mean()), float(table["performance"].mean())
    if method == "median":
        return float(table["importance"].median()), float(table["performance"].median())
    return (low + high) / 2, (low + high) / 2


def ipa(means: pd.DataFrame, *, crosshair_at: Crosshair = "mean", diagonal: bool = False,
        importance: str = "importance", performance: str = "firm",
        scale: tuple[float, float] = (1, 7)) -> pd.DataFrame:
    """Importance–performance analysis (重要性—绩效分析): each attribute's quadrant.

    Quadrants around the crosshair (see :func:`crosshair`): high importance & low performance =
    *concentrate here* (重点改进区); high & high = *keep up the good work* (继续保持区); low & low =
    *low priority* (低优先区); low importance & high performance = *possible overkill*. A point
    on a cut line counts as low. With ``diagonal=True`` (the iso-priority variant of Abalo,
    Varela & Manzano 2007) every attribute above the 45° line through the crosshair —
    ``importance − cut_i > performance − cut_p`` — is *concentrate here*, which adds the
    attributes whose performance lags their importance even outside that quadrant.
    ``priority = (importance − cut_i) − (performance − cut_p)`` ranks the need to improve.
    Columns: ``importance, performance, priority, quadrant, quadrant_zh``, sorted by priority.
    Source: Martilla & James (1977), *Journal of Marketing* 41(1).

    >>> means = pd.DataFrame({"importance": [6.0, 6.0, 3.0, 3.0, 5.0],
    ...                       "firm": [3.0, 6.0, 6.0, 2.0, 4.0]}, index=list("ABCDE"))
    >>> ipa(means)[["priority", "quadrant"]]  # crosshair (4.6, 4.2)
       priority               quadrant
    A       2.6       concentrate here
    D       0.6           low priority
    E       0.6       concentrate here
    B      -0.4  keep up the good work
    C      -3.4      possible overkill
    """
    crosshair_at = check_choice(crosshair_at, "crosshair_at", CROSSHAIRS)
    diagonal = check_bool(diagonal, "diagonal")
    cut_i, cut_p = crosshair(means, crosshair_at, importance=importance,
                             performance=performance, scale=scale)
    table = _means(means, {"importance": importance, "performance": performance})
    imp, perf = table["importance"], table["performance"]
    high_i, high_p = imp > cut_i, perf > cut_p
    quadrant = np.select([high_i & ~high_p, high_i & high_p, ~high_i & high_p],
                         ["concentrate here", "keep up the good work", "possible overkill"],
                         "low priority")
    priority = (imp - cut_i) - (perf - cut_p)
    if diagonal:
        quadrant = np.where(priority > 0, "concentrate here", quadrant)
    table = pd.DataFrame({"importance": imp, "performance": perf, "priority": priority,
                          "quadrant": quadrant}, index=table.index)
    table["quadrant_zh"] = table["quadrant"].map(QUADRANTS_ZH)
    return table.sort_values("priority", ascending=False, kind="stable")


def service_matrix(means: pd.DataFrame, *, width: float = 2.0, importance: str = "importance",
                   performance: str = "firm") -> pd.DataFrame:
    """The service management matrix (服务管理矩阵): importance × firm performance.

    The *service target corridor* (服务目标走廊) is the band of total ``width`` (rating points)
    around the diagonal performance = importance: ``|performance − importance| ≤ width / 2``.
    Above it the firm performs better than the attribute's importance warrants — *overkill*
    (表现过当, resources to move elsewhere); below it, *underperforming* (表现不足, fix first).
    Both ratings must be on the same scale. Columns: ``importance, performance, surplus``
    (performance − importance), ``zone, zone_zh``, sorted by surplus.
    Source: 第二章“为企业创造价值” (服务管理矩阵: axes 客户的重要性 × 企业的经营表现, regions
    表现过当, 表现不足, 服务目标走廊; the figure is lost, so the corridor as a band of ``width``
    around the diagonal is this course's reading); Slack (1994), *IJOPM* 14(5).

    >>> means = pd.DataFrame({"importance": [6.0, 6.0, 3.0], "firm": [3.0, 6.0, 6.0]},
    ...                      index=list("ABC"))
    >>> service_matrix(means, width=2.0)[["surplus", "zone"]]
       surplus             zone
    A     -3.0  underperforming
    B      0.0  target corridor
    C      3.0         overkill
    """
    width = check_number(width, "width", low=0)
    table = _means(means, {"importance": importance, "performance": performance})
    table["surplus"] = table["performance"] - table["importance"]
    half = width / 2
    table["zone"] = np.select([table["surplus"] > half + 1e-12, table["surplus"] < -half - 1e-12],
                              ["overkill", "underperforming"], "target corridor")
    table["zone_zh"] = table["zone"].map(ZONES_ZH)
    return table.sort_values("surplus", kind="stable")


def competitor_comparison(means: pd.DataFrame, *, importance: str = "importance",
                          firm: str = "firm", competitor: str = "competitor") -> pd.DataFrame:
    """The firm-vs-competitor chart's table (企业与竞争对手经营表现对比图).

    Per attribute: importance (not negative, with a positive mean), the firm's and the main
    competitor's performance, ``advantage`` (firm − competitor) and ``weighted_advantage``
    (advantage × importance / mean importance, so a lead on an important attribute counts
    more). Sorted by importance, most important first.
    Source: 第二章“为企业创造价值” (企业与竞争对手经营表现对比图: each 服务指标 rated for 对客户的
    重要性 and for the 经营表现 of the firm and its main competitor; the figure is lost). The
    advantage columns are this course's own.

    >>> means = pd.DataFrame({"importance": [6.0, 3.0], "firm": [3.0, 6.0],
    ...                       "competitor": [5.0, 4.0]}, index=["A", "B"])
    >>> competitor_comparison(means)[["advantage", "weighted_advantage"]]
       advantage  weighted_advantage
    A       -2.0           -2.666667
    B        2.0            1.333333
    """
    table = _means(means, {"importance": importance, "firm": firm, "competitor": competitor})
    require_nonnegative(table["importance"], f"means[{importance!r}]")
    mean_importance = table["importance"].mean()
    if not mean_importance > 0:
        raise ValueError(f"means[{importance!r}] must have a positive mean: the weighted "
                         "advantage is relative to it")
    table["advantage"] = table["firm"] - table["competitor"]
    table["weighted_advantage"] = table["advantage"] * table["importance"] / mean_importance
    return table.sort_values("importance", ascending=False, kind="stable")


def _pretty(name: object) -> str:
    """An attribute's name as a plot shows it: ``delivery speed`` for ``delivery_speed``, its
    Chinese in the Chinese edition (the case company's attributes are a vocabulary of the
    helpers' catalog)."""
    from . import language, plots

    key = str(name)
    english = key.replace("_", " ")
    chinese = language.translation(key, "label")
    return plots.label(english, english if chinese == key else chinese)


def _annotate(ax: Axes, x: pd.Series, y: pd.Series) -> None:
    """Label each point (a handful of attributes); neighbours in x alternate above and below."""
    order = x.sort_values(kind="stable").index
    for rank, name in enumerate(order):
        ax.annotate(_pretty(name), (x[name], y[name]), fontsize=8,
                    xytext=(4, 5) if rank % 2 == 0 else (4, -12), textcoords="offset points")


def _chart(table: object, numbers: list[str], label: str | None = None,
           labels: Sequence[str] = ()) -> pd.DataFrame:
    """The table a chart draws: its ``numbers`` columns finite, its ``label`` column (if any)
    one of ``labels``; one row per attribute."""
    require_frame(table, "table", [*numbers, *([label] if label else [])])
    checked = numeric_columns(table, numbers, "table")
    require_unique_index(table, "table", "one row per attribute")
    if label:
        require_no_nan(table[label], f"table[{label!r}]")
        unknown = ~table[label].isin(list(labels))
        if unknown.any():
            raise ValueError(f"table[{label!r}] must hold one of {list(labels)}; "
                             f"{int(unknown.sum())} row(s) do not: "
                             f"{offenders(table[label], unknown)}")
        checked[label] = table[label]
    return checked


def _axes(ax: object, title: object, default: tuple[str, str]) -> tuple[Axes, str]:
    """``ax`` (or a new chart if it is None) and the title to show, after checking both: the
    ``default`` (English, Chinese) in the plot's language when ``title`` is None."""
    import matplotlib.pyplot as plt

    from . import plots

    title = plots.label(*default) if title is None else check_text(title, "title")
    check_axes(ax)
    return (plt.subplots(figsize=(7, 5), layout="constrained")[1] if ax is None else ax), title


def plot_ipa(table: pd.DataFrame, cut: tuple[float, float], *, ax: Axes | None = None,
             diagonal: bool = False, title: str | None = None) -> Axes:
    """Scatter of :func:`ipa`'s table: performance (x) against importance (y), the crosshair at
    ``cut`` (importance, performance), points coloured by quadrant and labelled. ``title``
    defaults to "Importance-performance analysis" (重要性—绩效分析（IPA） in Chinese).

    >>> means = pd.DataFrame({"importance": [6.0, 3.0], "firm": [3.0, 6.0]}, index=["A", "B"])
    >>> plot_ipa(ipa(means), crosshair(means), diagonal=True)  # doctest: +SKIP
    """
    from . import plots

    table = _chart(table, ["importance", "performance"], "quadrant", QUADRANTS_ZH)
    cut = check_pair(cut, "cut", ordered=False, example="(4.6, 4.2)")
    diagonal = check_bool(diagonal, "diagonal")
    ax, title = _axes(ax, title, ("Importance-performance analysis", "重要性—绩效分析（IPA）"))
    colours = dict(zip(QUADRANTS_ZH, (plots.BAD, plots.GOOD, plots.NEUTRAL, plots.PALETTE[1])))
    for quadrant, rows in table.groupby("quadrant", sort=False):
        ax.scatter(rows["performance"], rows["importance"], s=60, color=colours[quadrant],
                   label=plots.label(quadrant, QUADRANTS_ZH[quadrant]), zorder=3)
    _annotate(ax, table["performance"], table["importance"])
    ax.axhline(cut[0], color="black", lw=0.8)
    ax.axvline(cut[1], color="black", lw=0.8)
    lo = min(table["performance"].min(), table["importance"].min(), *cut) - 0.4
    hi = max(table["performance"].max(), table["importance"].max(), *cut) + 0.4
    if diagonal:
        xs = np.array([lo, hi])
        ax.plot(xs, xs - cut[1] + cut[0], ls="--", color=plots.BAD, lw=1,
                label=plots.label("iso-priority line", "等优先线"))
    ax.set(xlim=(lo, hi), ylim=(lo, hi), title=title,
           xlabel=plots.label("Performance of the firm", "企业表现"),
           ylabel=plots.label("Importance to customers", "对客户的重要性"))
    ax.legend(loc="lower left", fontsize=8)
    return ax


def plot_service_matrix(table: pd.DataFrame, *, width: float = 2.0, ax: Axes | None = None,
                        title: str | None = None) -> Axes:
    """Chart of :func:`service_matrix`: importance (x) × performance (y) with the diagonal
    target corridor of total ``width`` shaded; overkill above, underperforming below.
    ``title`` defaults to "Service management matrix" (服务管理矩阵 in the Chinese edition).

    >>> means = pd.DataFrame({"importance": [6.0, 3.0], "firm": [3.0, 6.0]}, index=["A", "B"])
    >>> plot_service_matrix(service_matrix(means), width=2.0)  # doctest: +SKIP
    """
    from . import plots

    table = _chart(table, ["importance", "performance"], "zone", ZONES_ZH)
    width = check_number(width, "width", low=0)
    ax, title = _axes(ax, title, ("Service management matrix", "服务管理矩阵"))
    lo = min(table["importance"].min(), table["performance"].min()) - 0.6
    hi = max(table["importance"].max(), table["performance"].max()) + 0.6
    xs = np.array([lo, hi])
    ax.fill_between(xs, xs - width / 2, xs + width / 2, color=plots.GOOD, alpha=0.15,
                    label=plots.label("service target corridor", "服务目标走廊"))
    ax.plot(xs, xs, color=plots.GOOD, lw=1)
    colours = {"overkill": plots.PALETTE[1], "underperforming": plots.BAD,
               "target corridor": plots.GOOD}
    for zone, rows in table.groupby("zone", sort=False):
        ax.scatter(rows["importance"], rows["performance"], s=60, color=colours[zone],
                   label=plots.label(zone, ZONES_ZH[zone]), zorder=3)
    _annotate(ax, table["importance"], table["performance"])
    ax.set(xlim=(lo, hi), ylim=(lo, hi), title=title,
           xlabel=plots.label("Importance to customers", "对客户的重要性"),
           ylabel=plots.label("Performance of the firm", "企业表现"))
    ax.legend(loc="upper left", fontsize=8)
    return ax


def plot_competitor_comparison(table: pd.DataFrame, *, ax: Axes | None = None,
                               title: str | None = None) -> Axes:
    """Profile chart of :func:`competitor_comparison`: one row per attribute (most important at
    the top), importance as a grey bar, the firm's and competitor's performance as dots.
    ``title`` defaults to "Firm vs main competitor" (企业与主要竞争对手经营表现对比 in the
    Chinese edition, after the deck's 企业与竞争对手经营表现对比图).

    >>> means = pd.DataFrame({"importance": [6.0, 3.0], "firm": [3.0, 6.0],
    ...                       "competitor": [5.0, 4.0]}, index=["A", "B"])
    >>> plot_competitor_comparison(competitor_comparison(means))  # doctest: +SKIP
    """
    from . import plots

    table = _chart(table, ["importance", "firm", "competitor"])
    ax, title = _axes(ax, title, ("Firm vs main competitor", "企业与主要竞争对手经营表现对比"))
    y = np.arange(len(table))[::-1]
    ax.barh(y, table["importance"], color=plots.NEUTRAL, alpha=0.35, height=0.6,
            label=plots.label("importance", "重要性"))
    ax.hlines(y, table[["firm", "competitor"]].min(axis=1), table[["firm", "competitor"]].max(
        axis=1), color="black", lw=0.8)
    ax.scatter(table["firm"], y, color=plots.PALETTE[0], s=60, zorder=3,
               label=plots.label("our firm", "本企业"))
    ax.scatter(table["competitor"], y, color=plots.PALETTE[1], marker="D", s=50, zorder=3,
               label=plots.label("main competitor", "主要竞争对手"))
    ax.set_yticks(y, [_pretty(i) for i in table.index])
    ax.set(xlim=(1, 7), title=title, xlabel=plots.label("Rating (1-7)", "评分"))
    ax.legend(loc="lower right", fontsize=8)
    return ax


# --------------------------------------------------------------------------------------------
# driver analysis
# --------------------------------------------------------------------------------------------

DRIVER_ROWS: tuple[str, ...] = ("const",)
"""The row of :meth:`DriverModel.summary` that is no dimension: the intercept (statsmodels'
name for it)."""


class DriverModel(Model):
    """Driver analysis (驱动因素分析): OLS of overall satisfaction on the dimension gaps.

    ``DriverModel(level=0.95).fit(gaps, satisfaction)`` with ``gaps`` from
    :func:`respondent_gaps` and ``satisfaction`` a Series indexed by the same respondents.
    Fitted attributes: ``params_`` (intercept and one coefficient per dimension: the change in
    satisfaction for a one-point smaller gap), ``conf_int_`` (``level`` confidence intervals),
    ``rsquared_``, ``nobs_``, ``standardized_`` (β × sd(gap) / sd(satisfaction), comparable
    across dimensions), ``converged_`` and ``fit_problems_``. :meth:`summary` gives one table;
    :meth:`predict` scores new gaps. When the data cannot identify the drivers — fewer than
    :data:`MIN_EXTRA_RESPONDENTS` respondents beyond one per coefficient, a gap column that
    does not vary, gap columns that are perfectly collinear — ``fit`` warns with
    :class:`~helpers.model.FitWarning` and sets ``converged_`` to False; with no more
    respondents than coefficients it raises.
    Source: ordinary least squares (statsmodels ``OLS``); see e.g. Hair et al., *Multivariate
    Data Analysis*, ch. 5, on importance from regression weights.

    >>> rng = np.random.default_rng(7)
    >>> gaps = pd.DataFrame(rng.normal(size=(20, 2)), columns=["a", "b"])
    >>> satisfaction = 3.0 + 2.0 * gaps["a"] - 0.5 * gaps["b"]  # exact: OLS recovers it
    >>> model = DriverModel().fit(gaps, satisfaction)
    >>> model.params_.round(6).tolist(), model.converged_
    ([3.0, 2.0, -0.5], True)
    """

    _fit_call = "gaps, satisfaction"

    def __init__(self, level: float = 0.95) -> None:
        self.level = level

    def fit(self, gaps: pd.DataFrame, satisfaction: pd.Series) -> DriverModel:
        """Fit OLS of ``satisfaction`` on ``gaps`` (one row per respondent in both; values of
        ``satisfaction`` for respondents that are not in ``gaps`` are not used).

        >>> import warnings
        >>> gaps = pd.DataFrame({"a": np.arange(10.0), "b": 1.0})  # b does not vary
        >>> with warnings.catch_warnings(record=True):
        ...     warnings.simplefilter("always")
        ...     model = DriverModel().fit(gaps, pd.Series(np.arange(10.0) ** 0.5))
        >>> model.converged_, model.fit_problems_
        (False, ["gaps column(s) ['b'] do not vary, so their effect cannot be estimated"])
        """
        import statsmodels.api as sm

        level = check_rate(self.level, "level", low_open=True, high_open=True)
        x = _numbers(gaps, "gaps")
        require_unique_index(x, "gaps", "one row per respondent")
        check_squarable(x, "gaps")
        y = as_numeric_series(satisfaction, "satisfaction")
        require_unique_index(y, "satisfaction", "one value per respondent")
        check_squarable(y, "satisfaction")
        missing = x.index.difference(y.index)
        if len(missing):
            raise ValueError(f"satisfaction has no value for {len(missing)} respondent(s) of "
                             f"gaps: {list(missing[:5])}")
        y = y.loc[x.index]
        n, k = x.shape
        if n <= k + 1:
            raise ValueError(f"gaps has {n} respondents for {k} drivers: OLS needs more "
                             "respondents than coefficients")
        if y.nunique() < 2:
            raise ValueError("satisfaction does not vary across the respondents: there is "
                             "nothing for the gaps to explain")
        problems = []
        if n < k + 1 + MIN_EXTRA_RESPONDENTS:
            problems.append(f"{n} respondents for {k + 1} coefficients are too few (at least "
                            f"{k + 1 + MIN_EXTRA_RESPONDENTS} are needed)")
        constant = [c for c in x.columns if x[c].nunique() < 2]
        if constant:
            problems.append(f"gaps column(s) {constant} do not vary, so their effect cannot "
                            "be estimated")
        design = sm.add_constant(x, has_constant="add")
        varying = design.drop(columns=constant)
        if np.linalg.matrix_rank(varying.to_numpy()) < varying.shape[1]:
            problems.append("gaps columns are perfectly collinear (one is a combination of the "
                            "others), so their separate effects cannot be estimated")
        with warnings.catch_warnings():  # statsmodels' rank warning: reported in problems
            warnings.simplefilter("ignore")
            result = sm.OLS(y, design).fit()
        self.result_ = result
        self.params_ = result.params.rename("coef")
        ci = result.conf_int(alpha=1 - level)
        ci.columns = ["ci_low", "ci_high"]
        self.conf_int_ = ci
        self.rsquared_ = float(result.rsquared)
        self.nobs_ = int(result.nobs)
        self.standardized_ = (result.params[x.columns] * x.std(ddof=1) / y.std(ddof=1)).rename(
            "standardized")
        self.columns_ = list(x.columns)
        self._converged(problems)
        return self

    def _describe_fit(self) -> str:
        return (f"R² {self.rsquared_:.2f} on {self.nobs_} respondents"
                + ("" if self.converged_ else ", not identified"))

    def summary(self) -> pd.DataFrame:
        """Coefficient, standard error, p-value, confidence interval and standardised β (none
        for the intercept: NaN).

        >>> gaps = pd.DataFrame({"a": [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]})
        >>> fitted = DriverModel().fit(gaps, 1.0 + 2.0 * gaps["a"])
        >>> fitted.summary()["coef"].round(6).tolist()
        [1.0, 2.0]
        """
        self._require_fitted()
        table = pd.DataFrame({"coef": self.params_, "std_err": self.result_.bse,
                              "p_value": self.result_.pvalues}).join(self.conf_int_)
        table["standardized"] = self.standardized_.reindex(table.index)
        table.index.name = "term"
        return table

    def predict(self, gaps: pd.DataFrame) -> pd.Series:
        """Predicted overall satisfaction for the gaps (same dimension columns as in fit).

        >>> gaps = pd.DataFrame({"a": [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]})
        >>> fitted = DriverModel().fit(gaps, 1.0 + 2.0 * gaps["a"])
        >>> fitted.predict(pd.DataFrame({"a": [10.0]})).round(6).tolist()
        [21.0]
        """
        self._require_fitted()
        require_frame(gaps, "gaps", self.columns_)
        x = numeric_columns(gaps, self.columns_, "gaps")
        check_squarable(x, "gaps")
        return (self.params_["const"] + x[self.columns_] @ self.params_[self.columns_]).rename(
            "predicted_satisfaction")
