"""Customer grading and segment strategy (chapter 05, 客户分级与差异化服务).

* **ABCD grading** (客户分级, 《客户服务与管理》项目二“分析目标客户”): :func:`future_value`,
  :func:`abcd_grades`, :data:`GRADE_MEANING`.
* **RFM analysis** (beyond the decks): :func:`rfm_table`, :func:`rfm_scores` (quantile scores,
  recent = high), :func:`rfm_segments` (named segments of the grid :data:`RFM_SEGMENT_GRID`,
  with the course's Chinese names :data:`RFM_SEGMENT_NAMES_ZH`).
* **Clustering** (beyond the decks): :class:`KMeansSegmenter` (k-means on standardised
  features, scikit-learn), :func:`silhouette_scan`, :func:`segment_profiles`.
* **Segment service strategy** (the four steps of 第二章“为企业创造价值”) and the segmentation
  worksheet (市场细分作业单, 《产业市场营销与客户管理》（吴登开）): in
  :mod:`helpers.segment_service`, re-exported here, so ``segments.market_composition``,
  ``segments.assign_strategies`` … keep working.

Bad input raises a clear error naming the argument or column, the rule and a few offending
rows (``helpers.validation``); nothing is silently dropped.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from . import language
from .model import Model
from .segment_service import (
    INSURER_CHANNELS,
    MAX_LIFT,
    STRATEGY_MEANING,
    STRATEGY_NAMES_ZH,
    _check_segment,
    assign_strategies,
    improved_ratings,
    improvement_costs,
    market_composition,
    needs_summary,
    net_lifetime_profit,
    performance_flags,
    priority_groups,
    retention_uplift,
    segment_needs,
    segment_value,
    segmentation_worksheet,
    service_plan,
)
from .validation import (
    as_numeric_series,
    as_timestamp,
    check_flags,
    check_int,
    check_names,
    check_number,
    check_rate,
    check_seed,
    column_option,
    date_column,
    numeric_column,
    numeric_columns,
    offenders,
    require_frame,
    require_no_nan,
    require_unique,
    require_unique_index,
)

__all__ = [
    "GRADE_MEANING", "RFM_SEGMENT_GRID", "RFM_SEGMENT_NAMES_ZH", "KMeansSegmenter",
    "abcd_grades", "future_value", "rfm_scores", "rfm_segments", "rfm_table",
    "segment_profiles", "silhouette_scan",
    # re-exported from helpers.segment_service
    "INSURER_CHANNELS", "MAX_LIFT", "STRATEGY_MEANING", "STRATEGY_NAMES_ZH",
    "assign_strategies", "improved_ratings", "improvement_costs", "market_composition",
    "needs_summary", "net_lifetime_profit", "performance_flags", "priority_groups",
    "retention_uplift", "segment_needs", "segment_value", "segmentation_worksheet",
    "service_plan",
]

# --- grading ------------------------------------------------------------------------------------

GRADE_MEANING: dict[str, str] = language.texts({
    "A": "first-priority customer: keep at all costs (high current value, value ahead)",
    "B": "considerable potential: worth protected investment (high future value)",
    "C": "core customer: gradually increase investment (modest positive value)",
    "D": "failed to win or lifecycle ending: reduce investment (no value ahead)",
})
"""The four grades of 《客户服务与管理》项目二“分析目标客户” in the course's words and language
(the Chinese edition quotes the deck). The deck's:
A “企业首要的客户,也是企业应当尽最大努力要留住的客户”; B “具有相当潜力的客户…企业应有相当的投资
保障”; C “企业的核心客户,企业应逐步加大对这类客户的投资”; D “企业没能争取到的客户…客户的生命周期
即将结束,企业应尽量减少对这类客户的投资”."""



def future_value(yearly: pd.DataFrame, year: int, *, lost: pd.Series | None = None,
                 share_of_wallet: pd.Series | None = None, capture: float = 0.25,
                 trend_weight: float = 0.5) -> pd.DataFrame:
    """Current and future value per customer from a yearly profit table.

    ``yearly`` has one row per customer and year with ``customer_id, year, gross_profit,
    net_profit`` (as :func:`helpers.value.customer_profit` returns). For the given ``year``:

    * **current value** (当前价值) = the customer's net profit in ``year``;
    * **trend** = current − net profit of ``year − 1`` (a missing year counts as 0);
    * **headroom** (share-of-wallet potential) = ``capture × max(gross profit, 0) × (1 − s) / s``,
      ``s`` the customer's share of wallet (0 where unknown): the gross profit of winning a
      share ``capture`` of the category spend that now goes to competitors;
    * **future value** (未来价值) = current + ``trend_weight`` × trend + headroom: next year's
      profit if part of the last change repeats, plus the headroom; 0 for a ``lost`` customer.

    Customers with a row in ``year`` or ``year − 1`` are graded; ``capture`` and
    ``trend_weight`` are fractions (0 to 1), ``lost`` (booleans) and ``share_of_wallet`` (in
    (0, 1]) Series by customer_id. A documented proxy, not a forecast (chapter 08 builds CLV
    models). Source: the grading by 目前价值 and 未来价值 of 《客户服务与管理》项目二“分析目标客户”
    (the deck does not say how to measure them) and the parts of customer value of
    第二章“为企业创造价值” (当前价值, 潜在价值); the formulas are the course's; share-of-wallet
    headroom as in Kumar & Reinartz, *Customer Relationship Management*, ch. 5.

    >>> yearly = pd.DataFrame({"customer_id": [1, 1, 2], "year": [2023, 2024, 2024],
    ...     "gross_profit": [200.0, 300.0, 50.0], "net_profit": [100.0, 160.0, 40.0]})
    >>> future_value(yearly, 2024)["future_value"].tolist()  # 160 + 0.5 × 60; 40 + 0.5 × 40
    [190.0, 60.0]
    """
    require_frame(yearly, "yearly", ["customer_id", "year", "gross_profit", "net_profit"])
    require_no_nan(yearly[["customer_id"]], "yearly['customer_id']")
    table = numeric_columns(yearly, ["gross_profit", "net_profit"], "yearly")
    table["year"] = numeric_column(yearly, "year", "yearly", integer=True, low=1900,
                                   high=2200).astype(int)
    table["customer_id"] = yearly["customer_id"]
    year = check_int(year, "year", 1900, 2200)
    capture, trend_weight = check_rate(capture, "capture"), check_rate(trend_weight, "trend_weight")
    require_unique(yearly, ["customer_id", "year"], "yearly", "one row per customer and year")
    if lost is not None:
        lost = check_flags(lost, "lost")
        require_unique_index(lost, "lost", "one value per customer_id")
    sow = share_of_wallet
    if sow is not None:
        if not isinstance(sow, pd.Series):
            raise TypeError("share_of_wallet must be a Series of shares indexed by customer_id, "
                            f"got {type(sow).__name__}")
        sow = as_numeric_series(sow, "share_of_wallet", low=0.0, high=1.0)
        require_unique_index(sow, "share_of_wallet")
        if (sow == 0).any():
            raise ValueError("share_of_wallet must be above 0 (a customer who buys from us has "
                             f"a positive share); zero at: {offenders(sow, sow == 0)}")
    if year not in set(table["year"]):
        raise ValueError(f"year {year} is not in yearly['year'] (it has "
                         f"{sorted(set(table['year']))})")
    wide = table.pivot(index="customer_id", columns="year", values="net_profit")
    ids = table.loc[table["year"].isin([year, year - 1]), "customer_id"].unique()
    current = wide[year].reindex(ids).fillna(0.0)
    previous = (wide[year - 1] if year - 1 in wide.columns else pd.Series(0.0, index=wide.index))
    trend = current - previous.reindex(ids).fillna(0.0)
    gross = (table[table["year"] == year].set_index("customer_id")["gross_profit"]
             .reindex(ids).fillna(0.0).clip(lower=0.0))
    headroom = pd.Series(0.0, index=current.index)
    if sow is not None:
        s = sow.reindex(current.index)
        known = s.notna()
        headroom[known] = capture * gross[known] * (1 - s[known]) / s[known]
    out = pd.DataFrame({"current_value": current, "trend": trend, "headroom": headroom,
                        "future_value": current + trend_weight * trend + headroom})
    if lost is not None:
        out.loc[lost.reindex(out.index, fill_value=False).astype(bool), "future_value"] = 0.0
    out.index.name = "customer_id"
    return out


def abcd_grades(values: pd.DataFrame, *, top: float = 0.2, current_cut: float | None = None,
                future_cut: float | None = None, floor: float = 0.0) -> pd.Series:
    """Grade customers A/B/C/D by current and future value (客户分级); first matching rule wins.

    ``values`` has columns ``current_value`` and ``future_value`` (one row per customer).

    1. **D** if future value ≤ ``floor`` (default 0): no value ahead — the firm failed to win
       the customer or its lifecycle is ending → reduce investment;
    2. **A** if current value ≥ ``current_cut``: first priority, keep at all costs;
    3. **B** if future value ≥ ``future_cut``: considerable potential, protected investment;
    4. **C** otherwise: core customers with modest positive value, invest gradually.

    The future value decides *whether* a customer is worth investing in (rule 1); among those
    with value ahead, the current value decides A (keeping what a customer brings now comes
    first) and the future value B. To demand both, pass only the customers above a future-value
    cut, or raise ``floor``. The cuts default to the ``1 − top`` quantile (the top 20 %) of each
    value; ``top`` is a fraction (0 to 1), the cuts and ``floor`` finite numbers.
    Source: the four grades of 《客户服务与管理》项目二“分析目标客户” (“综合衡量客户的目前价值和
    未来价值,并据此对其进行分级管理”; :data:`GRADE_MEANING`). The deck's figure that crosses the
    two values is lost: the rules and cuts are the course's reading of its four descriptions.

    >>> values = pd.DataFrame({"current_value": [100, 10, 20, -10],
    ...                        "future_value": [120, 80, 30, 0]})
    >>> abcd_grades(values, current_cut=50, future_cut=60).tolist()
    ['A', 'B', 'C', 'D']
    """
    require_frame(values, "values", ["current_value", "future_value"])
    checked = numeric_columns(values, ["current_value", "future_value"], "values")
    require_unique_index(values, "values")
    top, floor = check_rate(top, "top"), check_number(floor, "floor")
    current, future = checked["current_value"], checked["future_value"]
    c_cut = (current.quantile(1 - top) if current_cut is None
             else check_number(current_cut, "current_cut"))
    f_cut = (future.quantile(1 - top) if future_cut is None
             else check_number(future_cut, "future_cut"))
    grade = np.select([future <= floor, current >= c_cut, future >= f_cut], ["D", "A", "B"],
                      default="C")
    return pd.Series(grade, index=values.index, name="grade").astype(
        pd.CategoricalDtype(list("ABCD"), ordered=True))


# --- RFM ----------------------------------------------------------------------------------------

RFM_COLUMNS = ["recency_days", "frequency", "monetary"]


def rfm_table(transactions: pd.DataFrame, observation_date: str | pd.Timestamp, *,
              customer: str = "customer_id", date: str = "date", amount: str = "amount"
              ) -> pd.DataFrame:
    """Recency, frequency and monetary value per customer from a transaction log.

    ``recency_days`` = days from the customer's last transaction to ``observation_date``;
    ``frequency`` = number of transactions (rows); ``monetary`` = total amount spent.
    ``customer``, ``date`` and ``amount`` name the columns of ``transactions``. Every
    transaction must be on or before ``observation_date`` and have a non-negative amount.
    Source (beyond the decks): Hughes (1994), *Strategic Database Marketing*; Kumar &
    Reinartz, ch. 5.

    >>> log = pd.DataFrame({"customer_id": [1, 1, 2], "amount": [100.0, 50.0, 20.0],
    ...     "date": pd.to_datetime(["2024-01-10", "2024-03-01", "2024-03-31"])})
    >>> rfm_table(log, "2024-03-31").to_dict("list")
    {'recency_days': [30, 0], 'frequency': [2, 1], 'monetary': [150.0, 20.0]}
    """
    require_frame(transactions, "transactions")
    customer, date, amount = (column_option(transactions, column, option, "transactions")
                              for column, option in ((customer, "customer"), (date, "date"),
                                                     (amount, "amount")))
    require_no_nan(transactions[[customer]], f"transactions[{customer!r}]")
    dates = date_column(transactions, date, "transactions")
    money = numeric_column(transactions, amount, "transactions", low=0)
    obs = as_timestamp(observation_date, "observation_date")
    late = dates > obs
    if late.any():
        raise ValueError(f"transactions[{date!r}] has {int(late.sum())} date(s) after the "
                         f"observation date {obs.date()}:"
                         f"{offenders(transactions[[customer, date]], late)}")
    grouped = pd.DataFrame({"customer": transactions[customer], "date": dates,
                            "amount": money}).groupby("customer")
    out = pd.DataFrame({"recency_days": (obs - grouped["date"].max()).dt.days,
                        "frequency": grouped.size(), "monetary": grouped["amount"].sum()})
    out.index.name = "customer_id"
    return out


def _quantile_score(values: pd.Series, bins: int, *, higher_is_better: bool = True) -> pd.Series:
    rank = values.rank(method="min", ascending=higher_is_better)
    return np.ceil(bins * rank / len(values) - 1e-9).astype(int).clip(1, bins)


def rfm_scores(rfm: pd.DataFrame, bins: int = 5) -> pd.DataFrame:
    """Quantile scores 1..``bins`` (2 to 10) for recency, frequency and monetary value.

    ``score = ⌈bins × rank / n⌉`` where ``rank`` is the customer's position from the worst
    (1 = oldest purchase, fewest purchases, least money) and ties share the lowest position of
    their block; without ties each score holds n / bins customers. Recency is scored so that
    **recent = high**. Adds ``R, F, M``, ``rfm_cell`` (e.g. ``"545"``) and ``rfm_score``
    (R + F + M). Source (beyond the decks): Hughes (1994); Kumar & Reinartz, ch. 5.

    >>> rfm = pd.DataFrame({"recency_days": [90, 30, 10, 0], "frequency": [1, 2, 3, 1],
    ...                     "monetary": [10.0, 150.0, 1000.0, 20.0]})
    >>> rfm_scores(rfm, bins=2)["rfm_cell"].tolist()
    ['111', '122', '222', '211']
    """
    require_frame(rfm, "rfm", RFM_COLUMNS)
    bins = check_int(bins, "bins", 2, 10)
    cols = numeric_columns(rfm, RFM_COLUMNS, "rfm", low=0)
    require_unique_index(rfm, "rfm")
    out = rfm.copy()
    out["R"] = _quantile_score(cols["recency_days"], bins, higher_is_better=False)
    out["F"] = _quantile_score(cols["frequency"], bins)
    out["M"] = _quantile_score(cols["monetary"], bins)
    digit = np.array([str(k) for k in range(bins + 1)], dtype=object)  # a score as text
    out["rfm_cell"] = pd.Series(digit[out["R"].to_numpy()] + digit[out["F"].to_numpy()]
                                + digit[out["M"].to_numpy()], index=out.index, dtype="str")
    out["rfm_score"] = out["R"] + out["F"] + out["M"]
    return out


# Rows: recency level; columns: level of the mean of F and M.
RFM_SEGMENT_GRID = pd.DataFrame(
    {"low": ["lost", "about to sleep", "new customers"],
     "mid": ["hibernating", "need attention", "potential loyalists"],
     "high": ["at risk", "loyal", "champions"]},
    index=pd.Index(["low", "mid", "high"], name="R level"),
).rename_axis(columns="FM level")

RFM_SEGMENT_ORDER: tuple[str, ...] = (
    "champions", "loyal", "potential loyalists", "new customers", "need attention",
    "about to sleep", "at risk", "hibernating", "lost")

RFM_SEGMENT_NAMES_ZH: dict[str, str] = {
    "champions": "冠军客户", "loyal": "忠诚客户", "potential loyalists": "忠诚潜力客户",
    "new customers": "新客户", "need attention": "需关注客户", "about to sleep": "即将沉睡客户",
    "at risk": "高危流失客户", "hibernating": "休眠客户", "lost": "已流失客户",
}
"""The course's Chinese names of the RFM segments (RFM is beyond the decks, which name none)."""


def rfm_segments(scores: pd.DataFrame, bins: int = 5) -> pd.Series:
    """Named RFM segment per customer from the grid :data:`RFM_SEGMENT_GRID`.

    A score is **high** when ≥ ⌈0.7 × bins⌉ and **low** when ≤ ⌊0.4 × bins⌋ (for 5 bins:
    4–5 high, 1–2 low, 3 mid). Recency R and FM = (F + M) / 2 are levelled that way and the
    grid names the segment: high R & high FM = champions, mid R & high FM = loyal, low R &
    high FM = at risk, high R & low FM = new customers, low R & low FM = lost, and so on.
    ``bins`` must be from 3 to 10: with 2 bins a score is either 1 or 2, R has no middle level
    and the low level would be empty, so most of the nine segments could never occur.
    Source (beyond the decks): the common RFM segment map (e.g. Kumar & Reinartz, ch. 5),
    adapted to a 3 × 3 grid; Chinese names in :data:`RFM_SEGMENT_NAMES_ZH`.

    >>> rfm_segments(pd.DataFrame({"R": [5, 1, 5], "F": [5, 1, 1], "M": [4, 2, 1]})).tolist()
    ['champions', 'lost', 'new customers']
    """
    require_frame(scores, "scores", ["R", "F", "M"])
    bins = check_int(bins, "bins", 3, 10)
    checked = numeric_columns(scores, ["R", "F", "M"], "scores", low=1, high=bins)
    high, low = int(np.ceil(0.7 * bins - 1e-9)), int(np.floor(0.4 * bins + 1e-9))

    def level(x: pd.Series) -> np.ndarray:  # 0 low, 1 mid, 2 high: a row or column of the grid
        return np.select([x.to_numpy() >= high, x.to_numpy() <= low], [2, 0], default=1)

    order = ["low", "mid", "high"]
    grid = RFM_SEGMENT_GRID.loc[order, order].map(RFM_SEGMENT_ORDER.index).to_numpy()
    codes = grid[level(checked["R"]), level((checked["F"] + checked["M"]) / 2)]
    return pd.Series(pd.Categorical.from_codes(codes, categories=list(RFM_SEGMENT_ORDER)),
                     index=scores.index, name="segment")


# --- clustering ---------------------------------------------------------------------------------

SILHOUETTE_SAMPLE = 5_000
"""Customers the silhouette of :class:`KMeansSegmenter` is computed on: all up to this many, a
seeded sample of this many above (the exact silhouette compares every pair of customers)."""

MAX_N_INIT = 100
"""Most k-means restarts (``n_init``) a fit may ask for."""


def _features(features: object, name: str = "features") -> pd.DataFrame:
    """A non-empty frame of finite numbers, one row per customer, as floats."""
    require_frame(features, name)
    data = numeric_columns(features, list(features.columns), name)
    require_unique_index(features, name)
    return data


def _log_columns(log_columns: object, data: pd.DataFrame) -> list[str]:
    """The checked ``log_columns``: a list of columns of ``data``."""
    log_columns = check_names(log_columns, "log_columns", allow_empty=True, unique=False)
    missing = [c for c in log_columns if c not in data.columns]
    if missing:
        raise ValueError(f"log_columns names column(s) {missing} that features does not have; "
                         f"it has {list(data.columns)}")
    return list(dict.fromkeys(log_columns))


def _logged(data: pd.DataFrame, log_columns: list[str]) -> pd.DataFrame:
    """``data`` with ``log1p`` of the ``log_columns``, which must not be negative."""
    out = data.copy()
    for c in log_columns:
        bad = out[c] < 0
        if bad.any():
            raise ValueError(f"features[{c!r}] must not be negative: it is in log_columns "
                             f"(log1p needs values ≥ 0); {offenders(out[c], bad)}")
        out[c] = np.log1p(out[c])
    return out


def _check_k(k: int, n: int, name: str = "k") -> int:
    if k > n:
        raise ValueError(f"{name} asks for k = {k} segments, more than the number of customers "
                         f"({n}): k must not be larger than the number of customers")
    return k


class KMeansSegmenter(Model):
    """k-means segmentation on standardised features (scikit-learn ``KMeans``).

    Each feature (after ``log1p`` of the ``log_columns``, for skewed amounts and counts) is
    standardised to mean 0 and standard deviation 1, so that no feature dominates by its unit;
    k-means then minimises the within-cluster sum of squares (Lloyd's algorithm, k-means++
    starts, ``n_init`` runs from 1 to :data:`MAX_N_INIT`, seed ``random_state``). Segments are
    numbered 1..k from the largest mean of the first feature down.

    Fitted: ``labels_``, ``centers_`` (segment means in the original units), ``profiles_``
    (:func:`segment_profiles`, also ``summary()``), ``silhouette_``, ``inertia_``, ``n_iter_``,
    ``converged_`` (k-means stopped before 300 iterations, the data can hold k segments),
    ``fit_problems_``. The mean silhouette is exact up to :data:`SILHOUETTE_SAMPLE` (5,000)
    customers, above that scikit-learn's ``silhouette_score(..., sample_size=5000,
    random_state=random_state)`` (within about 0.01 of the exact value on CDNOW; a fit on
    200,000 customers takes seconds); 0 with fewer than two segments. Fewer distinct customers
    than k, or a feature with one value for everybody, make ``fit`` warn (``FitWarning``); with
    fewer distinct rows it finds fewer segments. One thread. Source: MacQueen (1967);
    Rousseeuw (1987) for the silhouette.

    >>> data = pd.DataFrame({"x": [0.0, 0.2, 0.1, 5.0, 5.2, 5.1],
    ...                      "y": [1.0, 1.2, 0.9, 3.0, 3.2, 3.1]})
    >>> model = KMeansSegmenter(2).fit(data)
    >>> model.labels_.tolist(), round(model.silhouette_, 2)
    ([2, 2, 2, 1, 1, 1], 0.94)
    >>> model.predict(pd.DataFrame({"x": [4.0], "y": [2.5]})).tolist()
    [1]
    """

    _fit_call = "features"

    def __init__(self, k: int = 4, *, log_columns: Sequence[str] = (), random_state: int = 0,
                 n_init: int = 10) -> None:
        self.k = k
        self.log_columns = log_columns
        self.random_state = random_state
        self.n_init = n_init

    def fit(self, features: pd.DataFrame) -> KMeansSegmenter:
        """Fit k-means to ``features`` (one row per customer, numeric columns only)."""
        from sklearn.cluster import KMeans
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.preprocessing import StandardScaler
        from threadpoolctl import threadpool_limits  # installed with scikit-learn

        data = _features(features)
        k = _check_k(check_int(self.k, "k", 2), len(data))
        logs = _log_columns(self.log_columns, data)
        seed = check_seed(self.random_state, "random_state")
        n_init = check_int(self.n_init, "n_init", 1, MAX_N_INIT)
        with np.errstate(over="ignore", invalid="ignore"):
            scaler = StandardScaler().fit(_logged(data, logs))
        if not np.isfinite(scaler.scale_).all():
            raise ValueError(f"features column(s) {list(data.columns[~np.isfinite(scaler.scale_)])}"
                             " span too wide a range to standardise: look for a mistyped value")
        z = scaler.transform(_logged(data, logs))
        problems = []
        distinct = len(data.drop_duplicates())
        if distinct < k:
            problems.append(f"the features have {distinct} distinct row(s), fewer than k = {k}: "
                            f"at most {distinct} segment(s) can be found")
        constant = [c for c in data.columns if data[c].nunique() == 1]
        if constant:
            problems.append(f"feature(s) {constant} take the same value for every customer "
                            "and cannot separate segments")
        # one thread: OpenMP threads cost more than they save and stall on a busy machine
        with threadpool_limits(1), warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)  # reported as a FitWarning
            km = KMeans(k, n_init=n_init, random_state=seed).fit(z)
        if km.n_iter_ >= km.max_iter:
            problems.append(f"k-means stopped after {km.max_iter} iterations unconverged")
        raw = pd.Series(km.labels_, index=data.index)
        first = data.iloc[:, 0].groupby(raw).mean().sort_values(ascending=False)
        self._scaler, self._logs = scaler, logs
        self._centres = km.cluster_centers_[first.index.to_numpy()]
        self.columns_ = list(data.columns)
        self.labels_ = raw.map(pd.Series(np.arange(1, len(first) + 1), index=first.index)
                               ).rename("segment")
        self.silhouette_ = _silhouette(z, self.labels_.to_numpy(), seed)
        self.inertia_, self.n_iter_ = float(km.inertia_), int(km.n_iter_)
        self.profiles_ = segment_profiles(data, self.labels_)
        self.centers_ = self.profiles_[self.columns_]
        self._converged(problems)
        return self

    def predict(self, features: pd.DataFrame) -> pd.Series:
        """Segment of new customers (the fitted columns ``columns_`` of ``features``): the
        nearest fitted centre in standardised units."""
        self._require_fitted()
        require_frame(features, "features", self.columns_)
        data = _features(features[self.columns_])
        z = self._scaler.transform(_logged(data, self._logs))
        with np.errstate(over="ignore", invalid="ignore"):
            d2 = ((z[:, None, :] - self._centres[None, :, :]) ** 2).sum(axis=2)
        far = ~np.isfinite(d2).all(axis=1)
        if far.any():
            raise ValueError("features holds values too large to measure a distance to the "
                             f"segment centres:{offenders(data, far)}")
        return pd.Series(d2.argmin(axis=1) + 1, index=data.index, name="segment")

    def summary(self) -> pd.DataFrame:
        """The segment profiles: customers, share and the mean of each feature per segment."""
        self._require_fitted()
        return self.profiles_.copy()

    def _describe_fit(self) -> str:
        return (f"{len(self.profiles_)} segments, silhouette {self.silhouette_:.2f}"
                + ("" if self.converged_ else ", not converged"))


def _silhouette(z: np.ndarray, labels: np.ndarray, seed: int) -> float:
    """Mean silhouette of ``labels``, on a seeded sample of :data:`SILHOUETTE_SAMPLE` rows when
    there are more; 0 when it is undefined (one segment, or as many segments as customers)."""
    from sklearn.metrics import silhouette_score
    from threadpoolctl import threadpool_limits

    found = len(np.unique(labels))
    if not 2 <= found <= len(z) - 1:
        return 0.0
    sample = SILHOUETTE_SAMPLE if len(z) > SILHOUETTE_SAMPLE > found else None
    with threadpool_limits(1):
        try:
            return float(silhouette_score(z, labels, sample_size=sample, random_state=seed))
        except ValueError:  # the sample drew customers of one segment only
            return 0.0


def silhouette_scan(features: pd.DataFrame, ks: Sequence[int] = range(2, 9), *,
                    log_columns: Sequence[str] = (), random_state: int = 0) -> pd.DataFrame:
    """Mean silhouette score and inertia of :class:`KMeansSegmenter` for each k in ``ks``.

    The silhouette of a customer is (b − a) / max(a, b), a = mean distance to its own cluster,
    b = mean distance to the nearest other cluster; its mean over customers lies in [−1, 1] and
    the k with the highest value separates the segments best (on a seeded sample above
    :data:`SILHOUETTE_SAMPLE` customers). Each k is a whole number from 2 to the number of
    customers, given once. Source: Rousseeuw (1987).

    >>> data = pd.DataFrame({"x": [0.0, 0.2, 0.1, 5.0, 5.2, 5.1, 9.0, 9.1]})
    >>> silhouette_scan(data, [2, 3])["silhouette"].idxmax()
    3
    """
    data = _features(features)
    if isinstance(ks, (str, bytes, Mapping)) or not isinstance(
            ks, (list, tuple, range, np.ndarray, pd.Index, pd.Series)):
        raise TypeError(f"ks must be a list of numbers of clusters such as range(2, 9), got "
                        f"{type(ks).__name__} {ks!r}")
    ks = [_check_k(check_int(k, "ks", 2), len(data), "ks") for k in ks]
    if not ks or len(set(ks)) < len(ks):
        raise ValueError(f"ks must name each number of clusters once, at least one; got {ks}")
    rows = [(k, (m := KMeansSegmenter(k, log_columns=log_columns,
                                      random_state=random_state).fit(data)).silhouette_,
             m.inertia_) for k in ks]
    return pd.DataFrame(rows, columns=["k", "silhouette", "inertia"]).set_index("k")


def segment_profiles(data: pd.DataFrame, segment: pd.Series) -> pd.DataFrame:
    """Profile of each segment: ``customers``, ``share`` of customers and the mean of each
    column of ``data`` (one row per customer, numeric columns only, aligned with ``segment``
    on the index). Empty segments (unused categories) raise an error.

    >>> segment_profiles(pd.DataFrame({"spend": [10.0, 30.0, 5.0]}), pd.Series(list("aab")))
       customers     share  spend
    a          2  0.666667   20.0
    b          1  0.333333    5.0
    """
    data = _features(data, "data")
    _check_segment(segment, data.index)
    profile = data.groupby(segment, observed=True).mean()
    sizes = segment.value_counts().reindex(profile.index)
    profile.insert(0, "share", sizes / len(segment))
    profile.insert(0, "customers", sizes.astype(int))
    return profile
