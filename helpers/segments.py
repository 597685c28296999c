"""Customer grading and segment strategy (chapter 05, 客户分级与差异化服务).

Four tools, each a short function on pandas objects:

* **ABCD grading** (客户分级) by current and future value: :func:`future_value`,
  :func:`abcd_grades`, with the lecture's meaning of each grade in :data:`GRADE_MEANING`.
* **RFM analysis**: :func:`rfm_table` (recency, frequency, monetary value from a transaction
  log), :func:`rfm_scores` (quantile scores 1..bins, recent = high) and :func:`rfm_segments`
  (named segments from the grid :data:`RFM_SEGMENT_GRID`).
* **Clustering**: :class:`KMeansSegmenter` (k-means on standardised features, scikit-learn),
  :func:`silhouette_scan` (silhouette score over a range of k) and :func:`segment_profiles`.
* **Segment service strategy** (the lecture's four steps): :func:`market_composition` (step 1),
  :func:`retention_uplift` and :func:`segment_value` (step 2), :func:`segment_needs` and
  :func:`needs_summary` (step 3); step 4 in three phases, :func:`performance_flags` (over- and
  under-performance), :func:`improvement_costs` (cost the selective improvements) and
  :func:`improved_ratings` with :func:`assign_strategies` (the final plan, one of the five
  strategies of :data:`STRATEGY_MEANING`); and the segmentation worksheet (市场细分作业单)
  :func:`segmentation_worksheet`.

Every function validates its input (``helpers.validation``) and raises a clear error naming the
column, the rule and a few offending rows; nothing is silently dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .datasets.case_company import AVOIDABLE_LOST_REASONS
from .value import _shares_of
from .validation import (
    as_numeric_series,
    as_timestamp,
    require_between,
    require_columns,
    require_frame,
    require_no_nan,
    require_nonnegative,
)

__all__ = [
    "GRADE_MEANING", "RFM_SEGMENT_GRID", "STRATEGY_MEANING", "KMeansSegmenter",
    "abcd_grades", "assign_strategies", "future_value", "improved_ratings", "improvement_costs",
    "market_composition", "needs_summary", "performance_flags", "retention_uplift",
    "rfm_scores", "rfm_segments", "rfm_table", "segment_needs", "segment_profiles",
    "segment_value", "segmentation_worksheet", "silhouette_scan",
]

# --- grading ------------------------------------------------------------------------------------

GRADE_MEANING: dict[str, str] = {
    "A": "first-priority customer: keep at all costs (high current value, value ahead)",
    "B": "considerable potential: worth protected investment (high future value)",
    "C": "core customer: gradually increase investment (modest positive value)",
    "D": "failed to win or lifecycle ending: reduce investment (no value ahead)",
}


def _check_int(value: object, name: str, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise ValueError(f"{name} must be {bound}, got {value}")
    return int(value)


def _unique_index(obj: pd.Series | pd.DataFrame, name: str) -> None:
    dup = obj.index.duplicated()
    if dup.any():
        raise ValueError(f"{name} must have one row per customer; duplicated index labels: "
                         f"{list(obj.index[dup][:5])}")


def future_value(yearly: pd.DataFrame, year: int, *, lost: pd.Series | None = None,
                 share_of_wallet: pd.Series | None = None, capture: float = 0.25,
                 trend_weight: float = 0.5) -> pd.DataFrame:
    """Current and future value per customer from a yearly profit table.

    ``yearly`` has one row per customer and year with ``customer_id, year, gross_profit,
    net_profit`` (as :func:`helpers.value.customer_profit` returns). For the given ``year``:

    * **current value** (当前价值) = the customer's net profit in ``year``;
    * **trend** = current − net profit of ``year − 1`` (a missing year counts as 0, so a new
      customer's trend is its first year's profit);
    * **headroom** (share-of-wallet potential) = ``capture × max(gross profit, 0) × (1 − s) / s``
      where ``s`` is the customer's share of wallet: the gross profit of winning a share
      ``capture`` of the category spend that now goes to competitors; 0 where ``s`` is unknown;
    * **future value** (未来价值) = current + ``trend_weight`` × trend + headroom, i.e. next
      year's profit if part (by default half) of the last change repeats, plus the wallet
      headroom; 0 for a ``lost`` customer (its lifecycle has ended).

    Customers with a row in ``year`` or ``year − 1`` are graded.

    A documented proxy, not a forecast (chapter 09 builds customer lifetime value models).
    Source: the lecture's grading by current and future value (客户价值 = 当前价值 + 潜在价值);
    share-of-wallet headroom as in Kumar & Reinartz, *Customer Relationship Management*, ch. 5.
    """
    require_frame(yearly, "yearly")
    require_columns(yearly, ["customer_id", "year", "gross_profit", "net_profit"], "yearly")
    require_no_nan(yearly[["customer_id", "year", "gross_profit", "net_profit"]], "yearly")
    _check_int(year, "year", 1900, 2200)
    if year not in set(yearly["year"]):
        raise ValueError(f"year {year} is not in yearly['year'] (it has "
                         f"{sorted(set(yearly['year']))})")
    require_between(pd.Series([capture]), 0.0, 1.0, "capture")
    require_between(pd.Series([trend_weight]), 0.0, 1.0, "trend_weight")
    keys = yearly[["customer_id", "year"]]
    if keys.duplicated().any():
        raise ValueError("yearly must have one row per customer and year; duplicated rows: "
                         f"{keys[keys.duplicated()].head().to_dict('records')}")
    wide = yearly.pivot(index="customer_id", columns="year", values="net_profit")
    ids = yearly.loc[yearly["year"].isin([year, year - 1]), "customer_id"].unique()
    current = wide[year].reindex(ids).fillna(0.0)
    previous = (wide[year - 1] if year - 1 in wide.columns else pd.Series(0.0, index=wide.index))
    trend = current - previous.reindex(ids).fillna(0.0)
    gross = (yearly[yearly["year"] == year].set_index("customer_id")["gross_profit"]
             .reindex(ids).fillna(0.0).clip(lower=0.0))
    headroom = pd.Series(0.0, index=current.index)
    if share_of_wallet is not None:
        sow = as_numeric_series(share_of_wallet, "share_of_wallet")
        _unique_index(sow, "share_of_wallet")
        require_between(sow, 0.0, 1.0, "share_of_wallet")
        if (sow == 0).any():
            raise ValueError("share_of_wallet must be above 0 (a customer who buys from us has "
                             f"a positive share); zero at: {list(sow.index[sow == 0][:5])}")
        s = sow.reindex(current.index)
        known = s.notna()
        headroom[known] = capture * gross[known] * (1 - s[known]) / s[known]
    future = current + trend_weight * trend + headroom
    out = pd.DataFrame({"current_value": current, "trend": trend, "headroom": headroom,
                        "future_value": future})
    if lost is not None:
        if not isinstance(lost, pd.Series) or not pd.api.types.is_bool_dtype(lost):
            raise TypeError("lost must be a boolean Series indexed by customer_id")
        _unique_index(lost, "lost")
        gone = lost.reindex(out.index, fill_value=False).astype(bool)
        out.loc[gone, "future_value"] = 0.0
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

    How the two values combine (the course's reading of "current and future value"): the
    future value first decides *whether* a customer is worth investing in at all (rule 1);
    among those with value ahead, the current value decides A and the future value B. So once
    the future value is above ``floor``, grade A depends on the current value alone: a
    customer who earns much today is first priority even if its future value is below
    ``future_cut``, because keeping what it brings now is the firm's first concern — and a
    falling customer's future value reaches ``floor`` and makes it D. To demand both, pass
    only the customers above a future-value cut, or raise ``floor``.

    The cuts default to the ``1 − top`` quantile (the top 20 %) of each value over all
    customers. Source: the lecture's grading by current and future value (000); meanings in
    :data:`GRADE_MEANING`.
    """
    require_frame(values, "values")
    require_columns(values, ["current_value", "future_value"], "values")
    current = as_numeric_series(values["current_value"], "values['current_value']")
    future = as_numeric_series(values["future_value"], "values['future_value']")
    require_between(pd.Series([top]), 0.0, 1.0, "top")
    c_cut = current.quantile(1 - top) if current_cut is None else float(current_cut)
    f_cut = future.quantile(1 - top) if future_cut is None else float(future_cut)
    grade = np.select([future <= floor, current >= c_cut, future >= f_cut], ["D", "A", "B"],
                      default="C")
    return pd.Series(grade, index=values.index, name="grade").astype(
        pd.CategoricalDtype(list("ABCD"), ordered=True))


# --- RFM ----------------------------------------------------------------------------------------

def rfm_table(transactions: pd.DataFrame, observation_date: str | pd.Timestamp, *,
              customer: str = "customer_id", date: str = "date", amount: str = "amount"
              ) -> pd.DataFrame:
    """Recency, frequency and monetary value per customer from a transaction log.

    * ``recency_days`` = days from the customer's last transaction to ``observation_date``;
    * ``frequency`` = number of transactions (rows);
    * ``monetary`` = total amount spent.

    Every transaction must be on or before ``observation_date`` and have a non-negative amount.
    Source: Hughes (1994), *Strategic Database Marketing*; Kumar & Reinartz, ch. 5.
    """
    require_frame(transactions, "transactions")
    require_columns(transactions, [customer, date, amount], "transactions")
    require_no_nan(transactions[[customer, date, amount]], "transactions")
    if not pd.api.types.is_datetime64_any_dtype(transactions[date]):
        raise TypeError(f"transactions[{date!r}] must hold dates (datetime64), got "
                        f"{transactions[date].dtype}")
    money = as_numeric_series(transactions[amount], f"transactions[{amount!r}]")
    require_nonnegative(money, f"transactions[{amount!r}]")
    obs = as_timestamp(observation_date, "observation_date")
    late = transactions[date] > obs
    if late.any():
        raise ValueError(f"transactions[{date!r}] has {int(late.sum())} date(s) after the "
                         f"observation date {obs.date()}: "
                         f"{transactions.loc[late, [customer, date]].head().to_string()}")
    grouped = transactions.assign(**{amount: money}).groupby(customer)
    out = pd.DataFrame({
        "recency_days": (obs - grouped[date].max()).dt.days,
        "frequency": grouped.size(),
        "monetary": grouped[amount].sum(),
    })
    out.index.name = "customer_id"
    return out


def _quantile_score(values: pd.Series, bins: int, *, higher_is_better: bool = True) -> pd.Series:
    rank = values.rank(method="min", ascending=higher_is_better)
    return np.ceil(bins * rank / len(values) - 1e-9).astype(int).clip(1, bins)


def rfm_scores(rfm: pd.DataFrame, bins: int = 5) -> pd.DataFrame:
    """Quantile scores 1..``bins`` for recency, frequency and monetary value.

    ``score = ⌈bins × rank / n⌉`` where ``rank`` is the customer's position from the worst
    (1 = oldest purchase, fewest purchases, least money) and ties share the lowest position of
    their block; without ties each score holds n / bins customers. Recency is scored so that
    **recent = high**. Adds ``R, F, M``, ``rfm_cell`` (e.g. ``"545"``) and ``rfm_score``
    (R + F + M). Source: Hughes (1994); Kumar & Reinartz, ch. 5.
    """
    require_frame(rfm, "rfm")
    require_columns(rfm, ["recency_days", "frequency", "monetary"], "rfm")
    _check_int(bins, "bins", 2, 10)
    _unique_index(rfm, "rfm")
    cols = {c: as_numeric_series(rfm[c], f"rfm[{c!r}]") for c in
            ("recency_days", "frequency", "monetary")}
    for name, series in cols.items():
        require_nonnegative(series, f"rfm[{name!r}]")
    out = rfm.copy()
    out["R"] = _quantile_score(cols["recency_days"], bins, higher_is_better=False)
    out["F"] = _quantile_score(cols["frequency"], bins)
    out["M"] = _quantile_score(cols["monetary"], bins)
    out["rfm_cell"] = out["R"].astype(str) + out["F"].astype(str) + out["M"].astype(str)
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


def rfm_segments(scores: pd.DataFrame, bins: int = 5) -> pd.Series:
    """Named RFM segment per customer from the grid :data:`RFM_SEGMENT_GRID`.

    A score is **high** when ≥ ⌈0.7 × bins⌉ and **low** when ≤ ⌊0.4 × bins⌋ (for 5 bins:
    4–5 high, 1–2 low, 3 mid). Recency R and FM = (F + M) / 2 are levelled that way and the
    grid names the segment: high R & high FM = champions, mid R & high FM = loyal, low R &
    high FM = at risk, high R & low FM = new customers, low R & low FM = lost, and so on.
    ``bins`` must be at least 3: with 2 bins a score is either 1 or 2, R has no middle level
    and the low level would be empty, so most of the nine segments could never occur.
    Source: the common RFM segment map (e.g. Kumar & Reinartz, ch. 5), adapted to a 3 × 3 grid.
    """
    require_frame(scores, "scores")
    require_columns(scores, ["R", "F", "M"], "scores")
    _check_int(bins, "bins", 3, 10)
    for c in ("R", "F", "M"):
        s = as_numeric_series(scores[c], f"scores[{c!r}]")
        require_between(s, 1, bins, f"scores[{c!r}]")
    high, low = int(np.ceil(0.7 * bins - 1e-9)), int(np.floor(0.4 * bins + 1e-9))

    def level(x: pd.Series) -> np.ndarray:
        return np.select([x >= high, x <= low], ["high", "low"], default="mid")

    r_level = level(scores["R"].astype(float))
    fm_level = level((scores["F"] + scores["M"]).astype(float) / 2)
    grid = RFM_SEGMENT_GRID.stack()
    names = grid.reindex(pd.MultiIndex.from_arrays([r_level, fm_level])).to_numpy()
    return pd.Series(names, index=scores.index, name="segment").astype(
        pd.CategoricalDtype(list(RFM_SEGMENT_ORDER)))


# --- clustering ---------------------------------------------------------------------------------

def _features(features: pd.DataFrame, name: str = "features") -> pd.DataFrame:
    require_frame(features, name)
    bad = [c for c in features.columns if not pd.api.types.is_numeric_dtype(features[c])
           or pd.api.types.is_bool_dtype(features[c])]
    if bad:
        raise TypeError(f"{name} must hold numeric columns only; not numeric: {bad}")
    require_no_nan(features, name)
    values = features.to_numpy(dtype=float)
    if not np.isfinite(values).all():
        raise ValueError(f"{name} holds infinite values")
    return features.astype(float)


def _transform(features: pd.DataFrame, log_columns: Sequence[str]) -> pd.DataFrame:
    require_columns(features, log_columns, "features (log_columns)")
    out = features.copy()
    for c in log_columns:
        require_nonnegative(out[c], f"features[{c!r}] (log_columns need values ≥ 0)")
        out[c] = np.log1p(out[c])
    return out


def _check_k(k: object, n: int) -> int:
    k = _check_int(k, "k", 2)
    if k > n:
        raise ValueError(f"k = {k} is larger than the number of customers ({n}): each cluster "
                         "needs at least one customer")
    return k


class KMeansSegmenter:
    """k-means segmentation on standardised features (scikit-learn ``KMeans``).

    Each feature (after ``log1p`` of the ``log_columns``, for skewed amounts and counts) is
    standardised to mean 0 and standard deviation 1, so that no feature dominates by its unit;
    k-means then minimises the within-cluster sum of squares (Lloyd's algorithm, k-means++
    starts, ``n_init`` runs, fixed ``random_state``). Segments are numbered 1..k from the
    largest mean of the first feature down, so labels are stable and readable.

    Fitted attributes: ``labels_`` (Series, segment per customer), ``centers_`` (cluster means
    in the original units), ``profiles_`` (:func:`segment_profiles`), ``silhouette_``,
    ``inertia_``. Runs on one thread (course-sized tables). Source: MacQueen (1967);
    Rousseeuw (1987) for the silhouette.
    """

    def __init__(self, k: int = 4, *, log_columns: Sequence[str] = (), random_state: int = 0,
                 n_init: int = 10) -> None:
        self.k = _check_int(k, "k", 2)
        self.log_columns = list(log_columns)
        self.random_state = _check_int(random_state, "random_state", 0)
        self.n_init = _check_int(n_init, "n_init", 1)

    def fit(self, features: pd.DataFrame) -> KMeansSegmenter:
        from sklearn.cluster import KMeans
        from sklearn.metrics import silhouette_score
        from sklearn.preprocessing import StandardScaler
        from threadpoolctl import threadpool_limits  # installed with scikit-learn

        data = _features(features)
        _check_k(self.k, len(data))
        distinct = len(data.drop_duplicates())
        if self.k > distinct:
            raise ValueError(f"k = {self.k} is larger than the number of distinct customers' "
                             f"feature rows ({distinct})")
        self.columns_ = list(data.columns)
        self._scaler = StandardScaler().fit(_transform(data, self.log_columns))
        z = self._scaler.transform(_transform(data, self.log_columns))
        # One thread: on a course-sized table, OpenMP threads cost more than they save and
        # stall badly on a busy machine.
        with threadpool_limits(1):
            self._model = KMeans(self.k, n_init=self.n_init,
                                 random_state=self.random_state).fit(z)
            self.silhouette_ = float(silhouette_score(z, self._model.labels_))
        raw = pd.Series(self._model.labels_, index=data.index)
        first = data.iloc[:, 0].groupby(raw).mean().sort_values(ascending=False)
        self._relabel = pd.Series(np.arange(1, self.k + 1), index=first.index)
        self.labels_ = raw.map(self._relabel).rename("segment")
        self.inertia_ = float(self._model.inertia_)
        self.profiles_ = segment_profiles(data, self.labels_)
        self.centers_ = self.profiles_[self.columns_]
        return self

    def predict(self, features: pd.DataFrame) -> pd.Series:
        """Segment of new customers: the nearest fitted centre in standardised units."""
        if not hasattr(self, "_model"):
            raise ValueError("call fit(features) before predict")
        data = _features(features)
        require_columns(data, self.columns_, "features")
        from threadpoolctl import threadpool_limits

        z = self._scaler.transform(_transform(data[self.columns_], self.log_columns))
        with threadpool_limits(1):
            labels = self._model.predict(z)
        return pd.Series(labels, index=data.index).map(self._relabel).rename(
            "segment")


def silhouette_scan(features: pd.DataFrame, ks: Sequence[int] = range(2, 9), *,
                    log_columns: Sequence[str] = (), random_state: int = 0) -> pd.DataFrame:
    """Mean silhouette score and inertia of :class:`KMeansSegmenter` for each k in ``ks``.

    The silhouette of a customer is (b − a) / max(a, b), a = mean distance to its own cluster,
    b = mean distance to the nearest other cluster; its mean over customers lies in [−1, 1] and
    the k with the highest value separates the segments best. Source: Rousseeuw (1987).
    """
    ks = list(ks)
    if not ks:
        raise ValueError("ks is empty: give at least one number of clusters")
    data = _features(features)
    for k in ks:
        _check_k(k, len(data))
    rows = [(k, (m := KMeansSegmenter(k, log_columns=log_columns,
                                      random_state=random_state).fit(data)).silhouette_,
             m.inertia_) for k in ks]
    return pd.DataFrame(rows, columns=["k", "silhouette", "inertia"]).set_index("k")


def segment_profiles(data: pd.DataFrame, segment: pd.Series) -> pd.DataFrame:
    """Profile of each segment: ``customers``, ``share`` of customers and the mean of each
    numeric column of ``data`` (one row per customer, aligned with ``segment`` on the index).
    Empty segments (unused categories) raise an error."""
    data = _features(data, "data")
    _check_segment(segment, data.index)
    profile = data.groupby(segment, observed=True).mean()
    sizes = segment.value_counts().reindex(profile.index)
    profile.insert(0, "share", sizes / len(segment))
    profile.insert(0, "customers", sizes.astype(int))
    return profile


def _check_segment(segment: pd.Series, index: pd.Index) -> None:
    if not isinstance(segment, pd.Series):
        raise TypeError(f"segment must be a pandas Series, got {type(segment).__name__}")
    require_no_nan(segment, "segment")
    if not segment.index.equals(index):
        missing = index.difference(segment.index)
        raise ValueError("segment must have the same index as the data (one label per "
                         f"customer); e.g. missing for {list(missing[:5])}")
    if isinstance(segment.dtype, pd.CategoricalDtype):
        empty = [c for c in segment.cat.categories if not (segment == c).any()]
        if empty:
            raise ValueError(f"segment has empty groups (categories without customers): {empty}; "
                             "drop them with segment.cat.remove_unused_categories()")


# --- the four-step segment service strategy -----------------------------------------------------

def market_composition(data: pd.DataFrame, segment: str) -> pd.DataFrame:
    """Step 1 — market composition (市场构成): customers, net sales and net profit per segment
    and each segment's share of the firm's totals.

    ``data``: one row per customer with ``segment``, ``net_sales`` and ``net_profit``.
    Shares of profit can be negative or exceed 100 % when some segments lose money; they need
    a positive total profit (a share of a zero total is undefined and one of a loss turns
    every sign around), otherwise a ``ValueError`` is raised.
    Source: the lecture's four-step segment service strategy, step 1 (003).
    """
    require_frame(data, "data")
    require_columns(data, [segment, "net_sales", "net_profit"], "data")
    require_no_nan(data[[segment, "net_sales", "net_profit"]], "data")
    require_nonnegative(data["net_sales"], "data['net_sales']")
    _check_segment(data[segment], data.index)
    g = data.groupby(segment, observed=True)
    out = pd.DataFrame({"customers": g.size(), "net_sales": g["net_sales"].sum(),
                        "net_profit": g["net_profit"].sum()})
    out.insert(1, "customer_share", out["customers"] / out["customers"].sum())
    out.insert(3, "sales_share", _shares_of(out["net_sales"], float(out["net_sales"].sum()),
                                            "the total net sales",
                                            "compare the net_sales column instead"))
    out["profit_share"] = _shares_of(out["net_profit"], float(out["net_profit"].sum()),
                                     "the total net profit",
                                     "compare the net_profit column instead")
    out["profit_per_customer"] = out["net_profit"] / out["customers"]
    return out


def retention_uplift(data: pd.DataFrame, segment: str, *, success_rate: float = 0.5,
                     avoidable: Sequence[str] = AVOIDABLE_LOST_REASONS) -> pd.DataFrame:
    """Step 2 — the chance of lifting each segment's retention (提升保持率的机会).

    ``data``: one row per customer on the books at the start of the period, with ``segment``,
    ``retained`` (bool: still a customer at its end) and ``lost_reason`` (why a lost customer
    left; ignored for retained ones). Per segment:

    * ``churn`` = share of its customers lost during the period (1 − retention);
    * ``avoidable_churn`` = share of its customers lost for an avoidable reason (``avoidable``,
      default the case company's price, slow service, product quality, competitor's offer);
    * ``uplift`` = ``success_rate`` × ``avoidable_churn``: the retention points a retention
      effort can win back if it prevents that share of the avoidable losses. Losses the firm
      cannot prevent (a customer moved away or closed) do not count.

    Pass ``uplift`` to :func:`segment_value` as ``retention_uplift``.
    Source: the lecture's step 2 (value each segment: profit forecast, chance of lifting
    retention, projected lifetime profit; 003); the avoidable causes as in chapter 07
    (Reichheld & Sasser 1990).
    """
    require_frame(data, "data")
    require_columns(data, [segment, "retained", "lost_reason"], "data")
    require_no_nan(data[[segment, "retained"]], "data")
    if not pd.api.types.is_bool_dtype(data["retained"]):
        raise TypeError(f"data['retained'] must be boolean, got {data['retained'].dtype}")
    _check_segment(data[segment], data.index)
    require_between(pd.Series([success_rate]), 0.0, 1.0, "success_rate")
    lost = ~data["retained"]
    unexplained = lost & data["lost_reason"].isna()
    if unexplained.any():
        raise ValueError(f"data: every lost customer needs a lost_reason; "
                         f"{int(unexplained.sum())} do not, e.g. "
                         f"{list(data.index[unexplained][:5])}")
    avoidable_loss = lost & data["lost_reason"].isin(list(avoidable))
    g = pd.DataFrame({"churn": lost, "avoidable_churn": avoidable_loss}).groupby(
        data[segment], observed=True)
    out = g.mean()
    out.insert(0, "customers", g.size())
    out["uplift"] = success_rate * out["avoidable_churn"]
    out.index.name = segment
    return out


def segment_value(data: pd.DataFrame, segment: str, *, discount_rate: float = 0.1,
                  retention_uplift: float | pd.Series = 0.05) -> pd.DataFrame:
    """Step 2 — value each segment: annual profit per customer, retention rate and projected
    lifetime profit per customer, now and with retention lifted by ``retention_uplift``.

    ``data``: one row per customer with ``segment``, ``net_profit`` (annual) and ``retained``
    (bool: still a customer at the end of the year). Lifetime profit per customer
    = m × (1 + d) / (1 + d − r): the annual margin m now and in each later year while the
    customer stays (retention r, discount rate d) — the infinite-horizon margin multiple of
    Gupta & Lehmann (2003), computed by :func:`helpers.retention.retained_value`.

    ``retention_uplift`` is the chance of lifting retention: one number for every segment or a
    Series with one value per segment (e.g. ``uplift`` of :func:`retention_uplift`). The lifted
    retention is capped at 1 (every customer kept), where the formula is still finite,
    m (1 + d) / d, for a positive d; with d = 0 and a retention of 1 the value is infinite and
    a ``ValueError`` is raised. Columns: ``customers``, ``profit_per_customer``, ``retention``,
    ``retention_uplift`` (the uplift applied, after the cap), ``lifetime_profit``,
    ``lifetime_if_retention_up``, ``uplift_value`` (the gain per customer from the higher
    retention; 0 where retention is already 1) and ``segment_lifetime_profit``.
    Source: the lecture's four-step segment service strategy, step 2 (003).
    """
    from .retention import retained_value

    require_frame(data, "data")
    require_columns(data, [segment, "net_profit", "retained"], "data")
    require_no_nan(data[[segment, "net_profit", "retained"]], "data")
    if not pd.api.types.is_bool_dtype(data["retained"]):
        raise TypeError(f"data['retained'] must be boolean, got {data['retained'].dtype}")
    require_between(pd.Series([discount_rate]), 0.0, 1.0, "discount_rate")
    _check_segment(data[segment], data.index)
    g = data.groupby(segment, observed=True)
    out = pd.DataFrame({"customers": g.size(), "profit_per_customer": g["net_profit"].mean(),
                        "retention": g["retained"].mean()})
    uplift = _per_segment(retention_uplift, out.index, "retention_uplift")
    require_between(uplift, 0.0, 1.0, "retention_uplift")
    d = float(discount_rate)
    lifted = (out["retention"] + uplift).clip(upper=1.0)
    margin = out["profit_per_customer"].to_numpy()
    out["retention_uplift"] = lifted - out["retention"]
    out["lifetime_profit"] = retained_value(margin, out["retention"].to_numpy(), d)
    out["lifetime_if_retention_up"] = retained_value(margin, lifted.to_numpy(), d)
    out["uplift_value"] = out["lifetime_if_retention_up"] - out["lifetime_profit"]
    out["segment_lifetime_profit"] = out["lifetime_profit"] * out["customers"]
    return out


def _per_segment(values: float | pd.Series | dict[str, float], segments: pd.Index, name: str
                 ) -> pd.Series:
    """One number for every segment, or a Series/dict that covers each segment exactly once."""
    if isinstance(values, dict):
        values = pd.Series(values, dtype=float)
    if not isinstance(values, pd.Series):
        if isinstance(values, bool) or not isinstance(values, (int, float, np.integer,
                                                               np.floating)):
            raise TypeError(f"{name} must be a number or a Series with one value per segment, "
                            f"got {type(values).__name__}")
        return pd.Series(float(values), index=segments)
    series = as_numeric_series(values, name)
    _unique_index(series, name)
    missing = [s for s in segments if s not in series.index]
    if missing:
        raise ValueError(f"{name} has no value for segment(s) {missing}")
    return series.reindex(segments)


def segment_needs(ratings: pd.DataFrame, segment: pd.Series) -> pd.DataFrame:
    """Step 3 — each segment's needs: mean importance, own performance and the competitor's
    performance per segment and attribute, with ``gap`` = performance − importance (below 0:
    underperforming on what matters) and ``vs_competitor`` = performance − competitor.

    ``ratings``: long format with ``customer_id, attribute, importance, firm, competitor``
    (the case company's ``attribute_ratings``); ``segment``: a Series indexed by customer_id.
    Every rated customer must have a segment. Source: the lecture's step 3 (importance vs
    performance, vs competitor; 003) and Martilla & James (1977) importance–performance analysis.
    """
    require_frame(ratings, "ratings")
    cols = ["customer_id", "attribute", "importance", "firm", "competitor"]
    require_columns(ratings, cols, "ratings")
    require_no_nan(ratings[cols], "ratings")
    for c in ("importance", "firm", "competitor"):
        require_between(as_numeric_series(ratings[c], f"ratings[{c!r}]"), 1, 7, f"ratings[{c!r}]")
    if not isinstance(segment, pd.Series):
        raise TypeError(f"segment must be a pandas Series, got {type(segment).__name__}")
    _unique_index(segment, "segment")
    seg = ratings["customer_id"].map(segment)
    if seg.isna().any():
        raise ValueError("segment has no label for rated customer(s): "
                         f"{sorted(ratings.loc[seg.isna(), 'customer_id'].unique())[:5]}")
    g = ratings.assign(segment=seg).groupby(["segment", "attribute"], observed=True)
    out = g[["importance", "firm", "competitor"]].mean()
    out.insert(0, "respondents", g["customer_id"].nunique())
    out["gap"] = out["firm"] - out["importance"]
    out["vs_competitor"] = out["firm"] - out["competitor"]
    return out


def needs_summary(needs: pd.DataFrame) -> pd.DataFrame:
    """Importance-weighted ``gap`` and ``vs_competitor`` per segment from :func:`segment_needs`
    (weights = mean importance of each attribute in the segment), plus the attribute with the
    most negative gap. ``vs_competitor`` is the segment's **fit**: how well what the firm does
    well matches what the segment values, relative to the competitor."""
    require_frame(needs, "needs")
    require_columns(needs, ["importance", "gap", "vs_competitor"], "needs")
    w = needs["importance"]
    by = needs.index.get_level_values(0)
    out = pd.DataFrame({
        "gap": (needs["gap"] * w).groupby(by).sum() / w.groupby(by).sum(),
        "fit": (needs["vs_competitor"] * w).groupby(by).sum() / w.groupby(by).sum(),
        "worst_attribute": needs["gap"].groupby(by).idxmin().str[1],
    })
    out.index.name = needs.index.names[0]
    return out


def _underperforming(needs: pd.DataFrame, threshold: float) -> pd.Series:
    require_frame(needs, "needs")
    require_columns(needs, ["gap"], "needs")
    if not isinstance(needs.index, pd.MultiIndex) or needs.index.nlevels != 2:
        raise ValueError("needs must be indexed by (segment, attribute), as segment_needs "
                         "returns it")
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float, np.integer,
                                                                 np.floating)):
        raise TypeError(f"threshold must be a number of rating points, got {threshold!r}")
    if not (np.isfinite(threshold) and threshold >= 0):
        raise ValueError(f"threshold must be a finite number ≥ 0, got {threshold!r}")
    gap = as_numeric_series(needs["gap"], "needs['gap']")
    return gap < -threshold


def performance_flags(needs: pd.DataFrame, *, threshold: float = 1.0) -> pd.DataFrame:
    """Step 4, phase 1 — find over- and under-performance per segment.

    ``needs`` comes from :func:`segment_needs` (index segment × attribute, column ``gap`` =
    performance − importance). An attribute is **underperforming** in a segment when its gap is
    below −``threshold`` (the firm does clearly less than the segment needs: a candidate for a
    selective improvement) and **overperforming** when it is above ``threshold`` (more than the
    segment values: a candidate to save on). Returns one row per segment with
    ``underperforming`` and ``overperforming`` (the attributes, comma-separated, in the order
    of ``needs``; empty text if none) and their counts ``n_under`` and ``n_over``.
    Source: the lecture's step 4, phase 1 (003); Martilla & James (1977).
    """
    under = _underperforming(needs, threshold)
    over = needs["gap"] > threshold
    segment = needs.index.get_level_values(0)
    attribute = pd.Series(needs.index.get_level_values(1).astype(str), index=needs.index)

    def listing(mask: pd.Series) -> pd.Series:
        return (attribute.where(mask).groupby(segment, sort=False)
                .agg(lambda a: ", ".join(a.dropna())))

    out = pd.DataFrame({"underperforming": listing(under), "overperforming": listing(over),
                        "n_under": under.groupby(segment, sort=False).sum(),
                        "n_over": over.groupby(segment, sort=False).sum()})
    out.index.name = needs.index.names[0]
    return out.astype({"n_under": "int64", "n_over": "int64"})


def improvement_costs(needs: pd.DataFrame, value: pd.DataFrame, *, threshold: float = 1.0,
                      cost_per_point: float = 1_000.0, lift: float = 1.0) -> pd.DataFrame:
    """Step 4, phase 2 — cost the selective quality improvements and keep those that pay.

    Lifting the firm's performance by ``lift`` points on every underperforming attribute of a
    segment (see :func:`performance_flags`) costs ``cost_per_point`` × ``lift`` per customer and
    attribute; the improvement is expected to lift the segment's retention by its chance of
    lifting retention, worth ``uplift_value`` per customer (from :func:`segment_value`, which
    also gives ``customers``). Returns one row per segment of ``value``: ``customers``,
    ``attributes_to_fix``, ``cost_per_customer``, ``gain_per_customer``,
    ``net_gain_per_customer`` (gain − cost) and ``improve`` (True when the gain exceeds the
    cost). Every segment of ``value`` must appear in ``needs``.
    Source: the lecture's step 4, phase 2 (003).
    """
    under = _underperforming(needs, threshold)
    require_frame(value, "value")
    require_columns(value, ["customers", "uplift_value"], "value")
    for name, number in (("cost_per_point", cost_per_point), ("lift", lift)):
        if isinstance(number, bool) or not isinstance(number, (int, float, np.integer,
                                                               np.floating)):
            raise TypeError(f"{name} must be a number, got {number!r}")
        if not (np.isfinite(number) and number >= 0):
            raise ValueError(f"{name} must be a finite number ≥ 0, got {number!r}")
    counts = under.groupby(needs.index.get_level_values(0)).sum()
    missing = [s for s in value.index if s not in counts.index]
    if missing:
        raise ValueError(f"needs has no ratings for segment(s) {missing} of value")
    out = pd.DataFrame({"customers": value["customers"],
                        "attributes_to_fix": counts.reindex(value.index).astype("int64")})
    out["cost_per_customer"] = out["attributes_to_fix"] * float(lift) * float(cost_per_point)
    out["gain_per_customer"] = as_numeric_series(value["uplift_value"], "value['uplift_value']")
    out["net_gain_per_customer"] = out["gain_per_customer"] - out["cost_per_customer"]
    out["improve"] = out["gain_per_customer"] > out["cost_per_customer"]
    return out


def improved_ratings(ratings: pd.DataFrame, segment: pd.Series, needs: pd.DataFrame,
                     improve: pd.Series, *, threshold: float = 1.0, lift: float = 1.0
                     ) -> pd.DataFrame:
    """Step 4, phase 3 — the attribute ratings as they would be after the chosen improvements.

    A copy of ``ratings`` (long format, as for :func:`segment_needs`) in which ``firm`` is
    raised by ``lift`` points (at most to 7, the top of the scale) on every underperforming
    attribute (see :func:`performance_flags`) of each segment whose ``improve`` is True
    (a boolean Series by segment, e.g. ``improve`` of :func:`improvement_costs`). The customers'
    own importance and the competitor's ratings stay as they are. Re-rate the segments with
    :func:`segment_needs` and :func:`needs_summary`, then choose the final plan with
    :func:`assign_strategies`. Source: the lecture's step 4, phase 3 (003).
    """
    under = _underperforming(needs, threshold)
    require_frame(ratings, "ratings")
    require_columns(ratings, ["customer_id", "attribute", "firm"], "ratings")
    if not isinstance(segment, pd.Series):
        raise TypeError(f"segment must be a pandas Series, got {type(segment).__name__}")
    _unique_index(segment, "segment")
    if not isinstance(improve, pd.Series) or not pd.api.types.is_bool_dtype(improve):
        raise TypeError("improve must be a boolean Series indexed by segment")
    seg = ratings["customer_id"].map(segment)
    if seg.isna().any():
        raise ValueError("segment has no label for rated customer(s): "
                         f"{sorted(ratings.loc[seg.isna(), 'customer_id'].unique())[:5]}")
    missing = sorted(set(seg) - set(improve.index))
    if missing:
        raise ValueError(f"improve has no value for segment(s) {missing}")
    if isinstance(lift, bool) or not isinstance(lift, (int, float, np.integer, np.floating)) \
            or not (np.isfinite(lift) and lift >= 0):
        raise ValueError(f"lift must be a finite number of rating points ≥ 0, got {lift!r}")
    key = pd.MultiIndex.from_arrays([seg, ratings["attribute"]])
    fix = (under.reindex(key, fill_value=False).to_numpy(dtype=bool)
           & seg.map(improve).to_numpy(dtype=bool))
    out = ratings.copy()
    out.loc[fix, "firm"] = (out.loc[fix, "firm"] + float(lift)).clip(upper=7)
    return out


STRATEGY_MEANING: dict[str, str] = {
    "invest to improve": "attractive segment (profitable, good fit) that we underserve: fix the "
                         "weak attributes",
    "invest for growth": "good fit and high long-run potential: invest to grow the segment",
    "maintain": "good fit, served well enough: keep the level without extra investment",
    "detach": "unprofitable and a poor fit: withdraw or serve at the lowest cost",
    "decide": "profitable but a poor fit: decide to invest (to fit) or to exit",
}


def assign_strategies(segments: pd.DataFrame, *, value_cut: float = 0.0, fit_cut: float = 0.0,
                      growth_cut: float = 0.0, gap_cut: float = 0.0) -> pd.Series:
    """Step 4 — the lecture's five segment strategies from value, fit, growth and gap.

    ``segments`` has one row per segment with ``value`` (e.g. lifetime profit per customer),
    ``fit`` (e.g. importance-weighted performance minus competitor), ``growth`` (e.g. sales
    growth) and ``gap`` (importance-weighted performance minus importance). First match wins:

    1. **detach** — value < ``value_cut`` and fit < ``fit_cut`` (unprofitable misfit);
    2. **decide** — value ≥ ``value_cut`` and fit < ``fit_cut`` (profitable misfit: invest or exit);
    3. **invest to improve** — value ≥ ``value_cut``, good fit and gap < ``gap_cut``
       (attractive but underserved);
    4. **invest for growth** — good fit and growth ≥ ``growth_cut`` (long-run potential);
    5. **maintain** — otherwise (good fit, served well enough or no growth).

    Source: the lecture's four-step segment service strategy, step 4 (003).
    """
    require_frame(segments, "segments")
    cols = ["value", "fit", "growth", "gap"]
    require_columns(segments, cols, "segments")
    v, f, g, q = (as_numeric_series(segments[c], f"segments[{c!r}]") for c in cols)
    profitable, fits = v >= value_cut, f >= fit_cut
    choice = np.select(
        [~profitable & ~fits, profitable & ~fits, profitable & (q < gap_cut), g >= growth_cut],
        ["detach", "decide", "invest to improve", "invest for growth"], default="maintain")
    return pd.Series(choice, index=segments.index, name="strategy").astype(
        pd.CategoricalDtype(list(STRATEGY_MEANING)))


def segmentation_worksheet(data: pd.DataFrame, segment: str, value: str, *, n: int = 3,
                           next_action: dict[str, str] | pd.Series | None = None,
                           label: str | None = None) -> pd.DataFrame:
    """The segmentation worksheet (市场细分作业单): segment × best customers × worst customers ×
    next action.

    ``data``: one row per customer (index = customer id) with the ``segment`` and ``value``
    columns. Best = the ``n`` highest values in the segment, worst = the ``n`` lowest (as text,
    ``label`` column or the index, with the value). Every segment needs at least ``2 n``
    customers, so that no customer is listed as both best and worst (as in
    :func:`helpers.value.best_and_worst`); a smaller segment raises a ``ValueError``: use a
    smaller ``n``. ``next_action`` maps each segment to the action planned for it; every
    segment needs one when it is given.
    Source: the lecture's segmentation worksheet (004).
    """
    require_frame(data, "data")
    require_columns(data, [segment, value] + ([label] if label else []), "data")
    require_no_nan(data[[segment, value]], "data")
    _check_int(n, "n", 1)
    money = as_numeric_series(data[value], f"data[{value!r}]")
    _check_segment(data[segment], data.index)
    names = (data[label] if label else data.index.to_series()).astype(str)
    ranked = pd.DataFrame({"segment": data[segment], "value": money, "name": names}
                          ).sort_values("value", ascending=False, kind="stable")
    g = ranked.groupby("segment", observed=True)
    sizes = g.size()
    small = sizes[sizes < 2 * n]
    if len(small):
        raise ValueError(f"n = {n} lists {2 * n} customers per segment, but segment(s) "
                         f"{small.to_dict()} have fewer: the best and worst lists would "
                         "overlap; use a smaller n")

    def listing(rows: pd.DataFrame) -> pd.Series:
        # only the 2n listed customers per segment are formatted
        text = rows["name"] + " (" + rows["value"].map("{:,.0f}".format) + ")"
        return text.groupby(rows["segment"], observed=True).agg("; ".join)

    worst = ranked.iloc[::-1].groupby("segment", observed=True).head(n)
    out = pd.DataFrame({"customers": sizes, "best_customers": listing(g.head(n)),
                        "worst_customers": listing(worst)})
    if next_action is not None:
        actions = pd.Series(next_action)
        missing = [s for s in out.index if s not in actions.index]
        if missing:
            raise ValueError(f"next_action has no action for segment(s) {missing}")
        out["next_action"] = actions.reindex(out.index).astype(str)
    out.index.name = segment
    return out
