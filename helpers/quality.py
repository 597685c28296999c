"""Service quality: evaluate it with surveys and monitor it over time (chapter 02).

Evaluate (评价服务质量):

* SERVQUAL gap scores, perception − expectation, per item and per dimension, unweighted and
  weighted by each respondent's 100-point importance allocation (:func:`respondent_gaps`,
  :func:`gap_scores`, :func:`weighted_gaps`, :func:`servqual_score`), and the reliability of each
  dimension's items (:func:`cronbach_alpha`, :func:`alpha_by_dimension`);
* importance–performance analysis with a choice of crosshair and the diagonal iso-priority
  variant (:func:`attribute_means`, :func:`crosshair`, :func:`ipa`), the lecture's service
  management matrix with its target corridor (:func:`service_matrix`) and the comparison with
  the main competitor (:func:`competitor_comparison`; charts :func:`plot_ipa`,
  :func:`plot_service_matrix`, :func:`plot_competitor_comparison`);
* driver analysis of overall satisfaction by OLS on the dimension gaps (:class:`DriverModel`).

Monitor (监控服务质量) with statistical process control (统计过程监测): a p-chart for rates such as
complaints per order (:func:`p_chart`), an individuals / moving-range chart
(:func:`individuals_chart`) and an X̄ chart (:func:`xbar_chart`) for response times, each
flagging out-of-control points and naming the rule that fired (:data:`RULES`).

Sources: Parasuraman, Zeithaml & Berry (1985, 1988) for the determinants and SERVQUAL; Martilla &
James (1977) and Abalo, Varela & Manzano (2007) for importance–performance analysis; Slack (1994)
for the importance–performance matrix with its target corridor; Montgomery, *Introduction to
Statistical Quality Control* (ch. 6–7) and the Western Electric *Statistical Quality Control
Handbook* (1956) for control charts; Cronbach (1951) for alpha.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .validation import (_offenders, as_numeric_series, require_between, require_columns,
                         require_frame, require_no_nan, require_nonnegative)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "DIMENSIONS", "DIMENSIONS_ZH", "QUADRANTS_ZH", "ZONES_ZH", "RULES",
    "require_ratings", "respondent_gaps", "gap_scores", "importance_points", "weighted_gaps", "servqual_score",
    "cronbach_alpha", "alpha_by_dimension",
    "attribute_means", "crosshair", "ipa", "service_matrix", "competitor_comparison",
    "plot_ipa", "plot_service_matrix", "plot_competitor_comparison",
    "complaint_rates", "p_chart", "individuals_chart", "xbar_chart",
    "DriverModel",
]

DIMENSIONS: tuple[str, ...] = ("tangibles", "reliability", "responsiveness", "assurance",
                               "empathy")
DIMENSIONS_ZH: dict[str, str] = {"tangibles": "有形资产", "reliability": "可信赖感",
                                 "responsiveness": "责任感", "assurance": "保证",
                                 "empathy": "感情"}
QUADRANTS_ZH: dict[str, str] = {"concentrate here": "重点改进区",
                                "keep up the good work": "继续保持区",
                                "low priority": "低优先区", "possible overkill": "可能表现过当"}
ZONES_ZH: dict[str, str] = {"overkill": "表现过当", "underperforming": "表现不足",
                            "target corridor": "服务目标走廊"}
RULES: dict[str, str] = {
    "beyond 3 sigma": "Western Electric rule 1: one point outside the 3-sigma control limits.",
    "run of 8": "Western Electric rule 4: eight points in a row on the same side of the centre "
                "line (the eighth and every later point of the run is flagged).",
}

Crosshair = Literal["mean", "median", "midpoint"]

SERVQUAL_COLUMNS = ("customer_id", "item", "dimension", "expectation", "perception")


# --------------------------------------------------------------------------------------------
# input checks
# --------------------------------------------------------------------------------------------

def _require_scale(scale: tuple[float, float]) -> tuple[float, float]:
    if (not isinstance(scale, (tuple, list)) or len(scale) != 2
            or not all(isinstance(v, (int, float, np.integer, np.floating)) for v in scale)
            or not scale[0] < scale[1]):
        raise ValueError(f"scale must be (lowest, highest) with lowest < highest, got {scale!r}")
    return float(scale[0]), float(scale[1])


def _require_likert(frame: pd.DataFrame, columns: Sequence[str], scale: tuple[float, float],
                    name: str) -> None:
    """Ratings must be numeric whole numbers inside the scale, with no NaN."""
    low, high = _require_scale(scale)
    for column in columns:
        series = frame[column]
        label = f"{name}[{column!r}]"
        if not (pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)):
            raise TypeError(f"{label} must hold numeric ratings, got dtype {series.dtype}")
        require_no_nan(series, label)
        require_between(series, low, high, f"{label} (a {low:g}-{high:g} rating scale)")
        fractional = series != np.round(series)
        if fractional.any():
            raise ValueError(f"{label} must hold whole-number ratings; {int(fractional.sum())} "
                             f"value(s) are not: {series[fractional].head().to_dict()}")


def require_ratings(ratings: object, columns: Sequence[str], *, item: str = "item",
                    scale: tuple[float, float] = (1, 7), name: str = "ratings",
                    complete: bool = True) -> pd.DataFrame:
    """Check a long table of survey ratings: one row per respondent (``customer_id``) and
    ``item``, the rating ``columns`` whole numbers on the ``scale``, no NaN, no repeated
    (respondent, item) pair and — if ``complete`` — every respondent rating every item (a
    respondent with missing items would have an incomparable mean). Returns ``ratings``."""
    require_frame(ratings, name)
    require_columns(ratings, ["customer_id", item, *columns], name)
    require_no_nan(ratings[["customer_id", item]], name)
    _require_likert(ratings, columns, scale, name)
    dup = ratings.duplicated(["customer_id", item], keep=False)
    if dup.any():
        shown = ratings.loc[dup, ["customer_id", item]].head().to_dict("records")
        raise ValueError(f"{name} has {int(dup.sum())} duplicated (customer_id, {item}) rows; "
                         f"each respondent rates each {item} once: {shown}")
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
                     scale: tuple[float, float], name: str) -> None:
    require_frame(answers, name)
    require_columns(answers, ["customer_id", "item", "dimension", *value_columns], name)
    require_no_nan(answers[["dimension"]], name)
    dims_per_item = answers.groupby("item")["dimension"].nunique()
    if (dims_per_item > 1).any():
        raise ValueError(f"{name}: item(s) {list(dims_per_item[dims_per_item > 1].index)} are "
                         "filed under more than one dimension")
    require_ratings(answers, value_columns, scale=scale, name=name)


def _wide(frame: object, name: str) -> pd.DataFrame:
    """A numeric DataFrame without NaN (one row per respondent or attribute)."""
    require_frame(frame, name)
    bad = [c for c in frame.columns if not (pd.api.types.is_numeric_dtype(frame[c])
                                            and not pd.api.types.is_bool_dtype(frame[c]))]
    if bad:
        raise TypeError(f"{name} must be numeric; column(s) {bad} are not")
    require_no_nan(frame, name)
    return frame.astype(float)


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
    """
    _require_answers(answers, ["expectation", perception], scale, "answers")
    gap = answers[perception].astype(float) - answers["expectation"].astype(float)
    wide = gap.groupby([answers["customer_id"], answers["dimension"]]).mean().unstack("dimension")
    order = [d for d in DIMENSIONS if d in wide.columns] + sorted(
        d for d in wide.columns if d not in DIMENSIONS)
    wide = wide[order]
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
    """
    if level not in ("item", "dimension"):
        raise ValueError(f"level must be 'item' or 'dimension', got {level!r}")
    _require_answers(answers, ["expectation", perception], scale, "answers")
    values = answers[["expectation", perception]].astype(float)
    if level == "item":
        table = values.groupby(answers["item"]).mean().rename(columns={perception: "perception"})
        table.insert(0, "dimension", answers.groupby("item")["dimension"].first())
    else:
        per_respondent = values.groupby([answers["customer_id"], answers["dimension"]]).mean()
        table = per_respondent.groupby(level="dimension").mean().rename(
            columns={perception: "perception"})
        order = [d for d in DIMENSIONS if d in table.index] + sorted(
            d for d in table.index if d not in DIMENSIONS)
        table = table.loc[order]
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
    """
    require_frame(survey, "survey")
    columns = [f"{prefix}{d}" for d in dimensions]
    require_columns(survey, ["customer_id", *columns], "survey")
    points = _wide(survey.set_index("customer_id")[columns], "survey importance points")
    points.columns = pd.Index(list(dimensions), name="dimension")
    for d in dimensions:
        require_nonnegative(points[d], f"survey[{prefix + d!r}]")
    off = (points.sum(axis=1) - total).abs() > 1e-6
    if off.any():
        raise ValueError(f"survey importance points must sum to {total:g} per respondent; "
                         f"{int(off.sum())} row(s) do not: "
                         f"{points.sum(axis=1)[off].head().to_dict()}")
    if points.index.duplicated().any():
        raise ValueError("survey has duplicated customer_id values: one row per respondent")
    return points


def _aligned(gaps: pd.DataFrame, importance: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Gaps and importance points of the same respondents and dimensions; the points must be
    non-negative with a positive total per respondent (a share of nothing is undefined)."""
    gaps = _wide(gaps, "gaps")
    importance = _wide(importance, "importance")
    missing_cols = [d for d in gaps.columns if d not in importance.columns]
    if missing_cols:
        raise ValueError(f"importance is missing dimension column(s) {missing_cols}")
    missing = gaps.index.difference(importance.index)
    if len(missing):
        raise ValueError(f"importance has no row for {len(missing)} respondent(s) of gaps: "
                         f"{list(missing[:5])}")
    importance = importance.loc[gaps.index, list(gaps.columns)]
    negative = (importance < 0).any(axis=1)
    if negative.any():
        raise ValueError(f"importance points must not be negative; {int(negative.sum())} "
                         f"respondent(s) have negative points: "
                         f"{_offenders(importance, negative)}")
    empty = importance.sum(axis=1) <= 0
    if empty.any():
        raise ValueError(f"importance points must have a positive total per respondent (the "
                         f"weights are each respondent's shares of it); {int(empty.sum())} "
                         f"respondent(s) gave no points: {_offenders(importance, empty)}")
    return gaps, importance


def weighted_gaps(gaps: pd.DataFrame, importance: pd.DataFrame) -> pd.DataFrame:
    """Unweighted and importance-weighted gap per dimension, averaged over respondents.

    ``gaps`` comes from :func:`respondent_gaps`; ``importance`` from :func:`importance_points`
    (same respondents). For respondent *i* and dimension *d* with points ``w_id`` (summing to
    100), the weighted gap is ``w_id / 100 × gap_id`` (in general ``w_id / Σ_d w_id``, so the
    points must be non-negative with a positive total per respondent; otherwise it raises). Columns: ``gap`` (mean unweighted gap),
    ``weight`` (mean share of the points), ``weighted_gap`` (mean of ``w_id / 100 × gap_id``,
    the dimension's contribution to the weighted SERVQUAL score) and ``share_of_shortfall``
    (its part of the sum of the weighted gaps). Rows sorted from the worst weighted gap.
    Source: Zeithaml, Parasuraman & Berry (1990), weighted SERVQUAL score.
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
    """
    if importance is None:
        return _wide(gaps, "gaps").mean(axis=1).rename("servqual_score")
    gaps, importance = _aligned(gaps, importance)
    share = importance.div(importance.sum(axis=1), axis=0)
    return (share * gaps).sum(axis=1).rename("weighted_servqual_score")


def cronbach_alpha(items: pd.DataFrame) -> float:
    """Cronbach's alpha (克朗巴哈系数) of a scale: ``k/(k−1) × (1 − Σ var(item) / var(total))``.

    ``items`` has one row per respondent and one column per item (``k ≥ 2`` items, at least two
    respondents, no NaN); sample variances (ddof=1). Values of about 0.7 or more are usually
    taken as an internally consistent scale. Source: Cronbach (1951), *Psychometrika* 16(3).
    """
    items = _wide(items, "items")
    k = items.shape[1]
    if k < 2:
        raise ValueError(f"items needs at least 2 item columns for Cronbach's alpha, got {k}")
    if len(items) < 2:
        raise ValueError(f"items needs at least 2 respondents (rows), got {len(items)}")
    total_var = items.sum(axis=1).var(ddof=1)
    if total_var == 0:
        raise ValueError("items: the total score does not vary across respondents, so alpha "
                         "is undefined")
    return float(k / (k - 1) * (1 - items.var(ddof=1).sum() / total_var))


def alpha_by_dimension(answers: pd.DataFrame, *, column: str = "perception",
                       scale: tuple[float, float] = (1, 7)) -> pd.Series:
    """Cronbach's alpha of each dimension's items (answers in the long SERVQUAL format).

    A dimension needs at least two items. Source: Cronbach (1951); Parasuraman et al. (1988)
    report alpha per SERVQUAL dimension.
    """
    _require_answers(answers, [column], scale, "answers")
    wide = answers.pivot(index="customer_id", columns="item", values=column)
    items = answers.groupby("dimension")["item"].unique()
    order = [d for d in DIMENSIONS if d in items.index] + sorted(
        d for d in items.index if d not in DIMENSIONS)
    return pd.Series({d: cronbach_alpha(wide[sorted(items[d])]) for d in order},
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
    means into weighted means ``Σ w_i x_i / Σ w_i``; every respondent needs a weight.
    """
    columns = list(columns)
    require_ratings(ratings, columns, item="attribute", scale=scale, complete=False)
    values = ratings[columns].astype(float)
    if weights is None:
        return values.groupby(ratings["attribute"]).mean()
    w = as_numeric_series(weights, "weights")
    require_nonnegative(w, "weights")
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


def crosshair(means: pd.DataFrame, method: Crosshair = "mean", *, importance: str = "importance",
              performance: str = "firm", scale: tuple[float, float] = (1, 7)
              ) -> tuple[float, float]:
    """Where the IPA grid's crosshair sits: ``(importance cut, performance cut)``.

    ``"mean"`` (of the attribute means, Martilla & James 1977), ``"median"`` (robust to one
    extreme attribute) or ``"midpoint"`` of the rating ``scale`` (an absolute standard: 4 on 1-7).
    """
    require_frame(means, "means")
    require_columns(means, [importance, performance], "means")
    means = _wide(means[[importance, performance]], "means")
    if method == "mean":
        return float(means[importance].mean()), float(means[performance].mean())
    if method == "median":
        return float(means[importance].median()), float(means[performance].median())
    if method == "midpoint":
        low, high = _require_scale(scale)
        return (low + high) / 2, (low + high) / 2
    raise ValueError(f"method must be 'mean', 'median' or 'midpoint', got {method!r}")


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
    """
    require_frame(means, "means")
    require_columns(means, [importance, performance], "means")
    cut_i, cut_p = crosshair(means, crosshair_at, importance=importance,
                             performance=performance, scale=scale)
    imp = means[importance].astype(float)
    perf = means[performance].astype(float)
    high_i, high_p = imp > cut_i, perf > cut_p
    quadrant = np.select([high_i & ~high_p, high_i & high_p, ~high_i & high_p],
                         ["concentrate here", "keep up the good work", "possible overkill"],
                         "low priority")
    priority = (imp - cut_i) - (perf - cut_p)
    if diagonal:
        quadrant = np.where(priority > 0, "concentrate here", quadrant)
    table = pd.DataFrame({"importance": imp, "performance": perf, "priority": priority,
                          "quadrant": quadrant}, index=means.index)
    table["quadrant_zh"] = table["quadrant"].map(QUADRANTS_ZH)
    return table.sort_values("priority", ascending=False, kind="stable")


def service_matrix(means: pd.DataFrame, *, width: float = 2.0, importance: str = "importance",
                   performance: str = "firm") -> pd.DataFrame:
    """The lecture's service management matrix (服务管理矩阵): importance × firm performance.

    The *service target corridor* (服务目标走廊) is the band of total ``width`` (rating points)
    around the diagonal performance = importance: ``|performance − importance| ≤ width / 2``.
    Above it the firm performs better than the attribute's importance warrants — *overkill*
    (表现过当, resources to move elsewhere); below it, *underperforming* (表现不足, fix first).
    Both ratings must be on the same scale. Columns: ``importance, performance, surplus``
    (performance − importance), ``zone, zone_zh``, sorted by surplus.
    Source: the course lecture (服务管理矩阵); Slack (1994), *IJOPM* 14(5).
    """
    require_frame(means, "means")
    require_columns(means, [importance, performance], "means")
    if not isinstance(width, (int, float, np.integer, np.floating)) or not width >= 0:
        raise ValueError(f"width must be a non-negative number of rating points, got {width!r}")
    table = _wide(means[[importance, performance]], "means").rename(
        columns={importance: "importance", performance: "performance"})
    table["surplus"] = table["performance"] - table["importance"]
    half = width / 2
    table["zone"] = np.select([table["surplus"] > half + 1e-12, table["surplus"] < -half - 1e-12],
                              ["overkill", "underperforming"], "target corridor")
    table["zone_zh"] = table["zone"].map(ZONES_ZH)
    return table.sort_values("surplus", kind="stable")


def competitor_comparison(means: pd.DataFrame, *, importance: str = "importance",
                          firm: str = "firm", competitor: str = "competitor") -> pd.DataFrame:
    """The firm-vs-competitor chart's table (企业与竞争对手经营表现对比图).

    Per attribute: importance, the firm's and the main competitor's performance, ``advantage``
    (firm − competitor) and ``weighted_advantage`` (advantage × importance / mean importance,
    so a lead on an important attribute counts more). Sorted by importance, most important first.
    Source: the course lecture (competitor comparison of service indicators).
    """
    require_frame(means, "means")
    require_columns(means, [importance, firm, competitor], "means")
    table = _wide(means[[importance, firm, competitor]], "means").set_axis(
        ["importance", "firm", "competitor"], axis=1)
    table["advantage"] = table["firm"] - table["competitor"]
    table["weighted_advantage"] = table["advantage"] * table["importance"] / table[
        "importance"].mean()
    return table.sort_values("importance", ascending=False, kind="stable")


def _pretty(name: object) -> str:
    return str(name).replace("_", " ")


def _annotate(ax: Axes, x: pd.Series, y: pd.Series) -> None:
    """Label each point (a handful of attributes); neighbours in x alternate above and below."""
    order = x.sort_values(kind="stable").index
    for rank, name in enumerate(order):
        ax.annotate(_pretty(name), (x[name], y[name]), fontsize=8,
                    xytext=(4, 5) if rank % 2 == 0 else (4, -12), textcoords="offset points")


def plot_ipa(table: pd.DataFrame, cut: tuple[float, float], *, ax: Axes | None = None,
             diagonal: bool = False, title: str = "Importance-performance analysis") -> Axes:
    """Scatter of :func:`ipa`'s table: performance (x) against importance (y), the crosshair at
    ``cut`` (importance, performance), points coloured by quadrant and labelled."""
    import matplotlib.pyplot as plt

    from . import plots
    ax = ax or plt.subplots(figsize=(7, 5), layout="constrained")[1]
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
                        title: str = "Service management matrix") -> Axes:
    """Chart of :func:`service_matrix`: importance (x) × performance (y) with the diagonal
    target corridor of total ``width`` shaded; overkill above, underperforming below."""
    import matplotlib.pyplot as plt

    from . import plots
    ax = ax or plt.subplots(figsize=(7, 5), layout="constrained")[1]
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
                               title: str = "Firm vs main competitor") -> Axes:
    """Profile chart of :func:`competitor_comparison`: one row per attribute (most important at
    the top), importance as a grey bar, the firm's and competitor's performance as dots."""
    import matplotlib.pyplot as plt

    from . import plots
    ax = ax or plt.subplots(figsize=(7, 5), layout="constrained")[1]
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
# statistical process control
# --------------------------------------------------------------------------------------------

D2_N2 = 1.128   # d2 for moving ranges of two points (Montgomery, Appendix VI)
D4_N2 = 3.267   # D4 for moving ranges of two points


def complaint_rates(service: pd.DataFrame, orders: pd.DataFrame, *, kind: str = "complaint",
                    freq: str = "W") -> pd.DataFrame:
    """Count service events of type ``kind`` and orders per period (``freq``, e.g. weeks).

    Returns ``orders, events, rate`` (events / orders) indexed by period, from the first to the
    last period that holds an order or an event; a period without events has 0 events, a
    period without orders raises (the rate would be undefined). The events and orders of a
    period need not be linked: a complaint counts in the period it was made.
    """
    require_frame(service, "service")
    require_frame(orders, "orders")
    require_columns(service, ["date", "type"], "service")
    require_columns(orders, ["order_date"], "orders")
    require_no_nan(service[["date", "type"]], "service")
    require_no_nan(orders[["order_date"]], "orders")
    for frame, column, name in ((service, "date", "service"), (orders, "order_date", "orders")):
        if not pd.api.types.is_datetime64_any_dtype(frame[column]):
            raise TypeError(f"{name}[{column!r}] must hold dates (datetime64), got dtype "
                            f"{frame[column].dtype}; convert with pd.to_datetime")
    try:
        order_period = orders["order_date"].dt.to_period(freq)
    except (TypeError, ValueError, AttributeError) as err:
        raise ValueError(f"freq must be a pandas period frequency such as 'W', 'M' or 'Q', "
                         f"got {freq!r}") from err
    n = orders.groupby(order_period).size()
    events = service[service["type"] == kind]
    if events.empty:
        raise ValueError(f"service has no rows of type {kind!r}; types are "
                         f"{sorted(service['type'].unique())}")
    counts = events.groupby(events["date"].dt.to_period(freq)).size()
    full = pd.period_range(min(n.index.min(), counts.index.min()),
                           max(n.index.max(), counts.index.max()), freq=n.index.freq)
    n = n.reindex(full, fill_value=0)
    empty = n[n == 0]
    if not empty.empty:
        raise ValueError(f"orders: {len(empty)} period(s) have no orders, so their rate is "
                         f"undefined: {[str(p) for p in empty.index[:5]]}")
    table = pd.DataFrame({"orders": n, "events": counts.reindex(full, fill_value=0)})
    table["rate"] = table["events"] / table["orders"]
    table.index.name = "period"
    return table


def _baseline_mask(index: pd.Index, baseline: object, name: str) -> np.ndarray:
    if baseline is None:
        return np.ones(len(index), dtype=bool)
    mask = np.asarray(baseline)
    if mask.dtype != bool or mask.shape != (len(index),):
        raise TypeError(f"{name}: baseline must be a boolean mask with one value per point "
                        f"({len(index)}), got dtype {mask.dtype} and shape {mask.shape}")
    return mask


def _signals(values: np.ndarray, center: np.ndarray, lcl: np.ndarray, ucl: np.ndarray,
             rules: Sequence[str]) -> pd.DataFrame:
    unknown = [r for r in rules if r not in RULES]
    if unknown:
        raise ValueError(f"rules {unknown} are unknown; choose from {list(RULES)}")
    fired = {}
    if "beyond 3 sigma" in rules:
        fired["beyond 3 sigma"] = (values > ucl) | (values < lcl)
    if "run of 8" in rules:
        side = pd.Series(np.sign(values - center))
        run_id = (side != side.shift()).cumsum()
        run_length = side.groupby(run_id).cumcount() + 1
        fired["run of 8"] = ((run_length >= 8) & (side != 0)).to_numpy()
    flags = pd.DataFrame(fired, index=range(len(values)))
    rule_text = np.full(len(values), "", dtype=object)
    for name, hit in fired.items():  # at most a few rules, not a loop over points
        rule_text = np.where(hit & (rule_text != ""), rule_text + "; " + name,
                             np.where(hit, name, rule_text))
    return pd.DataFrame({"signal": flags.any(axis=1).to_numpy() if fired else False,
                         "rule": rule_text.astype(str)})


def p_chart(events: pd.Series, n: pd.Series, *, baseline: object = None,
            rules: Sequence[str] = ("beyond 3 sigma",)) -> pd.DataFrame:
    """p-chart (控制图) for a proportion, e.g. complaints per order each week.

    Centre ``p̄ = Σ events / Σ n`` over the ``baseline`` points (all points by default; pass
    a boolean mask to set the limits on a stable period, Phase I); limits per point
    ``p̄ ± 3 √(p̄(1 − p̄) / n_i)``, clipped to [0, 1]. ``events`` and ``n`` are whole-number
    counts per period (0 ≤ events ≤ n, n > 0). Returns ``n, events, p, center, lcl, ucl,
    signal, rule`` (the :data:`RULES` that fired). Source: Montgomery, *Introduction to
    Statistical Quality Control*, §7.2 (variable sample size).
    """
    events = as_numeric_series(events, "events")
    n = as_numeric_series(n, "n")
    if not events.index.equals(n.index):
        raise ValueError("events and n must have the same index (one value of each per period)")
    require_nonnegative(events, "events")
    for values, label in ((events, "events"), (n, "n")):
        fractional = values != np.round(values)
        if fractional.any():
            raise ValueError(f"{label} must be whole-number counts (a p-chart counts events "
                             f"among n units); {int(fractional.sum())} value(s) are not: "
                             f"{_offenders(values, fractional)}")
    zero = n <= 0
    if zero.any():
        raise ValueError(f"n must be positive in every period (an empty period has no rate); "
                         f"{int(zero.sum())} are not: {n[zero].head().to_dict()}")
    over = events > n
    if over.any():
        both = pd.DataFrame({"events": events, "n": n})[over]
        raise ValueError(f"events cannot exceed n; {int(over.sum())} period(s) do: "
                         f"{both.head().to_dict('index')}")
    mask = _baseline_mask(events.index, baseline, "p_chart")
    if not mask.any():
        raise ValueError("p_chart: the baseline selects no points")
    p_bar = events[mask].sum() / n[mask].sum()
    sigma = np.sqrt(p_bar * (1 - p_bar) / n)
    table = pd.DataFrame({"n": n, "events": events, "p": events / n, "center": p_bar,
                          "lcl": (p_bar - 3 * sigma).clip(lower=0.0),
                          "ucl": (p_bar + 3 * sigma).clip(upper=1.0)})
    flags = _signals(table["p"].to_numpy(), table["center"].to_numpy(), table["lcl"].to_numpy(),
                     table["ucl"].to_numpy(), rules)
    return table.assign(signal=flags["signal"].to_numpy(), rule=flags["rule"].to_numpy())


def individuals_chart(values: pd.Series, *, baseline: object = None,
                      rules: Sequence[str] = ("beyond 3 sigma",)) -> pd.DataFrame:
    """Individuals and moving-range (I-MR) chart, e.g. of weekly mean response hours.

    From the ``baseline`` points (all by default; at least two, consecutive ones give the
    moving ranges): centre ``x̄``, ``σ̂ = MR̄ / d2`` with ``d2 = 1.128``, limits ``x̄ ± 3σ̂``;
    the moving-range chart's upper limit is ``D4 × MR̄ = 3.267 MR̄``. Returns ``value,
    moving_range, center, lcl, ucl, mr_ucl, signal, rule``. Source: Montgomery, §6.4.
    """
    values = as_numeric_series(values, "values")
    mask = _baseline_mask(values.index, baseline, "individuals_chart")
    mr = values.diff().abs()
    base_mr = mr[mask & np.r_[False, mask[:-1]]]  # ranges between two baseline points
    if mask.sum() < 2 or base_mr.empty:
        raise ValueError("individuals_chart needs at least two consecutive baseline points")
    center = values[mask].mean()
    mr_bar = base_mr.mean()
    sigma = mr_bar / D2_N2
    table = pd.DataFrame({"value": values, "moving_range": mr, "center": center,
                          "lcl": center - 3 * sigma, "ucl": center + 3 * sigma,
                          "mr_ucl": D4_N2 * mr_bar})
    flags = _signals(table["value"].to_numpy(), table["center"].to_numpy(),
                     table["lcl"].to_numpy(), table["ucl"].to_numpy(), rules)
    return table.assign(signal=flags["signal"].to_numpy(), rule=flags["rule"].to_numpy())


def xbar_chart(values: pd.Series, groups: pd.Series, *, baseline: object = None,
               rules: Sequence[str] = ("beyond 3 sigma",)) -> pd.DataFrame:
    """X̄ chart of subgroup means with variable subgroup sizes (e.g. one subgroup per week).

    ``values`` (e.g. each interaction's response hours) and ``groups`` (its period) align.
    From the ``baseline`` subgroups (a boolean mask over the sorted subgroups; all by default):
    grand mean ``x̿`` (weighted by size) and pooled within-subgroup ``σ̂ = √(Σ(n_i − 1)s_i² /
    Σ(n_i − 1))``; limits ``x̿ ± 3σ̂/√n_i``. Subgroups need at least two values each. Returns
    ``n, value (mean), sd, center, lcl, ucl, signal, rule``. The limits only allow for the
    variation within a subgroup: when week-to-week variation is part of normal service, an
    individuals chart of the weekly means is the better choice. Source: Montgomery, §6.3.
    """
    values = as_numeric_series(values, "values")
    if not isinstance(groups, pd.Series) or not groups.index.equals(values.index):
        raise ValueError("groups must be a Series with the same index as values")
    require_no_nan(groups, "groups")
    stats = values.groupby(groups).agg(["size", "mean", "var"])
    small = stats[stats["size"] < 2]
    if not small.empty:
        raise ValueError(f"every subgroup needs at least 2 values; {len(small)} have fewer: "
                         f"{small['size'].head().to_dict()}")
    mask = _baseline_mask(stats.index, baseline, "xbar_chart")
    if not mask.any():
        raise ValueError("xbar_chart: the baseline selects no subgroups")
    base = stats[mask]
    center = (base["mean"] * base["size"]).sum() / base["size"].sum()
    sigma = np.sqrt(((base["size"] - 1) * base["var"]).sum() / (base["size"] - 1).sum())
    half = 3 * sigma / np.sqrt(stats["size"])
    table = pd.DataFrame({"n": stats["size"], "value": stats["mean"], "sd": np.sqrt(stats["var"]),
                          "center": center, "lcl": center - half, "ucl": center + half})
    flags = _signals(table["value"].to_numpy(), table["center"].to_numpy(),
                     table["lcl"].to_numpy(), table["ucl"].to_numpy(), rules)
    return table.assign(signal=flags["signal"].to_numpy(), rule=flags["rule"].to_numpy())


# --------------------------------------------------------------------------------------------
# driver analysis
# --------------------------------------------------------------------------------------------

class DriverModel:
    """Driver analysis (驱动因素分析): OLS of overall satisfaction on the dimension gaps.

    ``DriverModel().fit(gaps, satisfaction)`` with ``gaps`` from :func:`respondent_gaps` and
    ``satisfaction`` a Series indexed by the same respondents. Fitted attributes: ``params_``
    (intercept and one coefficient per dimension: the change in satisfaction for a one-point
    smaller gap), ``conf_int_`` (``level`` confidence intervals), ``rsquared_``, ``nobs_`` and
    ``standardized_`` (β × sd(gap) / sd(satisfaction), comparable across dimensions).
    :meth:`summary` gives one table; :meth:`predict` scores new gaps.
    Source: ordinary least squares (statsmodels ``OLS``); see e.g. Hair et al., *Multivariate
    Data Analysis*, ch. 5, on importance from regression weights.
    """

    def __init__(self, level: float = 0.95) -> None:
        if not 0 < level < 1:
            raise ValueError(f"level must lie strictly between 0 and 1, got {level!r}")
        self.level = level

    def fit(self, gaps: pd.DataFrame, satisfaction: pd.Series) -> DriverModel:
        import statsmodels.api as sm

        x = _wide(gaps, "gaps")
        y = as_numeric_series(satisfaction, "satisfaction")
        missing = x.index.difference(y.index)
        if len(missing):
            raise ValueError(f"satisfaction has no value for {len(missing)} respondent(s) of "
                             f"gaps: {list(missing[:5])}")
        y = y.loc[x.index]
        if len(x) <= x.shape[1] + 1:
            raise ValueError(f"gaps has {len(x)} respondents for {x.shape[1]} drivers: OLS needs "
                             "more respondents than coefficients")
        constant = x.columns[x.std(ddof=0) == 0]
        if len(constant):
            raise ValueError(f"gaps: column(s) {list(constant)} do not vary, so their effect "
                             "cannot be estimated")
        result = sm.OLS(y, sm.add_constant(x, has_constant="add")).fit()
        self.result_ = result
        self.params_ = result.params.rename("coef")
        ci = result.conf_int(alpha=1 - self.level)
        ci.columns = ["ci_low", "ci_high"]
        self.conf_int_ = ci
        self.rsquared_ = float(result.rsquared)
        self.nobs_ = int(result.nobs)
        self.standardized_ = (result.params[x.columns] * x.std(ddof=1) / y.std(ddof=1)).rename(
            "standardized")
        self.columns_ = list(x.columns)
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "params_"):
            raise RuntimeError("DriverModel is not fitted yet: call .fit(gaps, satisfaction)")

    def summary(self) -> pd.DataFrame:
        """Coefficient, standard error, p-value, confidence interval and standardised β."""
        self._check_fitted()
        table = pd.DataFrame({"coef": self.params_, "std_err": self.result_.bse,
                              "p_value": self.result_.pvalues}).join(self.conf_int_)
        table["standardized"] = self.standardized_.reindex(table.index)
        table.index.name = "term"
        return table

    def predict(self, gaps: pd.DataFrame) -> pd.Series:
        """Predicted overall satisfaction for the gaps (same dimension columns as in fit)."""
        self._check_fitted()
        x = _wide(gaps, "gaps")
        require_columns(x, self.columns_, "gaps")
        return (self.params_["const"] + x[self.columns_] @ self.params_[self.columns_]).rename(
            "predicted_satisfaction")
