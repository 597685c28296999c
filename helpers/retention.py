"""Customer retention: rates, survival curves, the sBG model and retention economics (chapter 07).

* rates: :func:`retention_rate` (retention and churn from counts), :func:`period_retention`
  (customers at the start of each year who are still customers at its end),
  :func:`group_retention` (the same pooled over the years, per group),
  :func:`cohort_survivors` (each acquisition cohort's survivors at each year end),
  :func:`repeat_rate_by_year` (the share of last year's buyers who buy again) and
  :func:`retention_from_survivors` (period retention of a survivor curve);
* survival analysis: :func:`customer_durations` (time from acquisition to loss, censored at the
  end of the data, with delayed entry for customers won before the observation window),
  :func:`kaplan_meier` (statsmodels' ``SurvfuncRight``, by segment), :func:`survival_at` and
  :func:`logrank_test`;
* the shifted-beta-geometric model of Fader & Hardie (2007): :class:`ShiftedBetaGeo`, the
  closed forms :func:`sbg_pmf`, :func:`sbg_survival`, :func:`sbg_retention`, and the paper's
  published estimates :data:`FADER_HARDIE_2007_FITS`;
* retention economics: :func:`retained_value` (present value of a customer kept with
  probability r each period), :func:`retention_gain` (what a retention gain of Δ is worth),
  :func:`steady_state_base` (the base a steady flow of acquisitions sustains),
  :func:`churn_causes`, :func:`annual_profit`, :func:`lost_customer_values` (each lost
  customer's lifetime value), :func:`churn_loss_table`,
  :func:`avoidable_churn_loss` and :func:`retention_decision` (retain while it costs less than
  the profit lost);
* permanent vs temporary loss: :func:`loss_type`;
* the decks' frameworks as tables: :func:`three_degree_model` (《客户关系管理》第五讲
  “客户满意度与客户维持战略”), :func:`retention_levels` (第二章“为企业创造价值”) and
  :func:`churn_prevention` (《产业市场营销与客户管理》（吴登开）).

The decks give the frameworks, the MBNA case and the four steps of strengthening retention
(measure, find causes, value the loss, decide); the rates by year and segment, the survival
analysis, the sBG model and the valuation formulas are the course's additions, each with its
textbook source.

:func:`cohort_survivors`, :func:`retention_from_survivors`, the survival analysis and the sBG
model are defined in :mod:`helpers.survival` and reachable from here (``retention.kaplan_meier``).

Conventions: customers come as the case company's ``customers`` table (``customer_id``,
``acquisition_date``, ``lost_date`` empty for active customers, ``lost_reason``); dates are
``datetime64`` columns without a time zone; durations are in years of 365.25 days; rates
(retention, discount, growth, success) are fractions, 8 % is 0.08. Bad input raises a
``ValueError`` or ``TypeError`` that names the argument, the rule and the rows at fault.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from . import language
from .datasets.case_company import AVOIDABLE_LOST_REASONS
from .survival import (  # the survival part of the chapter, reachable from here
    DAYS_PER_YEAR,
    FADER_HARDIE_2007_FITS,
    ShiftedBetaGeo,
    _customers,
    _is_one,
    _labels,
    _values,
    _window,
    cohort_survivors,
    customer_durations,
    kaplan_meier,
    logrank_test,
    retention_from_survivors,
    sbg_pmf,
    sbg_retention,
    sbg_survival,
    survival_at,
)
from .validation import (
    MAX_PERIODS,
    as_numeric_series,
    as_timestamp,
    check_cells,
    check_int,
    check_number,
    check_rate,
    column_option,
    date_column,
    numeric_column,
    offenders,
    require_frame,
    require_no_nan,
    require_unique_index,
)

__all__ = [
    "AVOIDABLE_LOST_REASONS", "DAYS_PER_YEAR", "FADER_HARDIE_2007_FITS", "ShiftedBetaGeo",
    "annual_profit", "avoidable_churn_loss", "churn_causes", "churn_loss_table",
    "churn_prevention", "cohort_survivors", "customer_durations", "group_retention",
    "kaplan_meier", "logrank_test", "loss_type", "lost_customer_values", "period_retention",
    "repeat_rate_by_year", "retained_value", "retention_decision",
    "retention_from_survivors", "retention_gain", "retention_levels", "retention_rate",
    "sbg_pmf", "sbg_retention", "sbg_survival", "steady_state_base", "survival_at",
    "three_degree_model", "THREE_DEGREES", "CHURN_MEASURES", "LOSS_TYPES",
]

THREE_DEGREES: tuple[str, ...] = ("satisfaction", "retention", "contribution")
"""The three degrees of the three-degree model (:func:`three_degree_model`), in the deck's
order: 客户满意度, 客户维持度, 客户贡献度."""

CHURN_MEASURES: tuple[str, ...] = (
    "total quality marketing", "analyse the causes of churn", "strong follow-up system",
    "complaints and suggestions system", "forecasting system for customers",
    "ties with customers", "communicate in depth")
"""The seven measures against churn of :func:`churn_prevention`, in the deck's order."""

LOSS_TYPES: tuple[str, ...] = ("lost for good", "share shifted", "retained",
                               "too little history")
"""The kinds of :func:`loss_type`."""


# ---------------------------------------------------------------------------------------------
# input checks
# ---------------------------------------------------------------------------------------------

def _group_column(frame: pd.DataFrame, by: object, name: str = "customers") -> str:
    """``by`` as a column of ``frame`` holding group labels."""
    by = column_option(frame, by, "by", name)
    _labels(frame[by], f"{name}[{by!r}]")
    return by


def _period(start: object, end: object) -> tuple[pd.Timestamp, pd.Timestamp]:
    first, last = as_timestamp(start, "start"), as_timestamp(end, "end")
    if first >= last:
        raise ValueError(f"start must be before end, got start {first.date()} and end "
                         f"{last.date()}")
    return first, last


def _same_length(name_a: str, a: np.ndarray, name_b: str, b: np.ndarray) -> None:
    if a.ndim and b.ndim and len(a) != len(b):
        raise ValueError(f"{name_a} and {name_b} must have the same length (or one be a single "
                         f"number), got {len(a)} and {len(b)}")


def _reasons(avoidable: object) -> list[object]:
    """The avoidable lost reasons: a list (tuple, set, Index) of labels."""
    if isinstance(avoidable, str):
        raise TypeError(f"avoidable must be a list of lost reasons, got the single text "
                        f"{avoidable!r}: write [{avoidable!r}]")
    if not isinstance(avoidable, (list, tuple, set, frozenset, pd.Index, pd.Series,
                                  np.ndarray)):
        raise TypeError(f"avoidable must be a list of lost reasons such as ['price'], got "
                        f"{type(avoidable).__name__}")
    return list(avoidable)


# ---------------------------------------------------------------------------------------------
# retention and churn rates
# ---------------------------------------------------------------------------------------------

def retention_rate(at_start: object, retained: object) -> pd.DataFrame:
    """Retention and churn rates from counts: r = retained / at start, churn = 1 − r.

    ``at_start`` is the number of customers at the start of a period, ``retained`` how many of
    them are still customers at its end (customers won during the period are not counted).
    Whole numbers or equal-length sequences of them; returns columns ``at_start, retained,
    lost, retention_rate, churn_rate``. Source: the period retention rate (客户保持率) of
    Blattberg, Kim & Neslin (2008), *Database Marketing*, ch. 5 (the course's measure; the deck
    第二章“为企业创造价值” defines the rate as the share of customers who buy again, see
    :func:`repeat_rate_by_year`).

    >>> retention_rate(200, 170)
       at_start  retained  lost  retention_rate  churn_rate
    0     200.0     170.0  30.0            0.85        0.15
    """
    start, _ = _values(at_start, "at_start", low=0, integer=True)
    kept, _ = _values(retained, "retained", low=0, integer=True)
    start, kept = np.atleast_1d(start), np.atleast_1d(kept)
    _same_length("at_start", start, "retained", kept)
    start, kept = pd.Series(start), pd.Series(kept)
    empty = start <= 0
    if empty.any():
        raise ValueError(f"at_start must be positive (an empty group has no retention rate); "
                         f"offending values: {offenders(start, empty)}")
    more = kept > start
    if more.any():
        raise ValueError(f"retained must not exceed at_start; offending rows:"
                         f"{offenders(pd.DataFrame({'at_start': start, 'retained': kept}), more)}")
    rate = kept / start
    return pd.DataFrame({"at_start": start, "retained": kept, "lost": start - kept,
                         "retention_rate": rate, "churn_rate": 1.0 - rate})


def _years(years: object, first: pd.Timestamp, stop: pd.Timestamp) -> np.ndarray:
    if years is None:
        return np.arange(first.year, stop.year + 1, dtype=np.int64)
    if _is_one(years):
        raise TypeError(f"years must be a list of years such as [2023, 2024], got "
                        f"{type(years).__name__} {years!r}")
    arr = as_numeric_series(years, "years", low=1, integer=True)
    if (arr > stop.year).any():
        raise ValueError(f"years must not be after the end of the data ({stop.year}, end); got "
                         f"{offenders(arr, arr > stop.year)}")
    if arr.duplicated().any():
        raise ValueError(f"years must not repeat, got {arr.astype(int).tolist()}")
    return arr.to_numpy(dtype=np.int64)


def period_retention(customers: pd.DataFrame, years: Sequence[int] | None = None, *,
                     by: str | None = None, start: object = "2022-01-01",
                     end: object = "2024-12-31") -> pd.DataFrame:
    """Yearly retention and churn: customers at 1 January still customers on 31 December.

    A customer counts at the start of year Y if it was acquired before 1 January Y and not lost
    before it; it is lost in Y if its ``lost_date`` falls in Y. Customers won during Y are
    left out of Y's rate (they enter next year's). ``years`` defaults to the calendar years
    from ``start`` (when losses began to be recorded) to ``end``; they may not lie after
    ``end``. With ``by`` (a column such as ``size``) the rates are per group. Returns one row
    per year (and group) with the columns of :func:`retention_rate`. Source: the period
    retention rate of Blattberg, Kim & Neslin (2008), ch. 5 (the course's measure).

    >>> customers = pd.DataFrame({"customer_id": [1, 2, 3, 4],
    ...     "acquisition_date": pd.to_datetime(["2021-05-01", "2021-03-01", "2022-02-01",
    ...                                         "2022-07-01"]),
    ...     "lost_date": pd.to_datetime([None, "2022-06-01", "2023-03-01", None])})
    >>> period_retention(customers, end="2023-12-31")[["at_start", "retained", "retention_rate"]]
          at_start  retained  retention_rate
    year
    2022         2         1        0.500000
    2023         3         2        0.666667
    """
    frame = _customers(customers)
    first, stop = _period(start, end)
    _window(frame, stop, "customers")
    if by is not None:
        by = _group_column(frame, by)
    years_arr = _years(years, first, stop)
    check_cells(len(frame), len(years_arr), "years")
    acq_year = frame["acquisition_date"].dt.year.to_numpy()[:, None]
    lost_year = frame["lost_date"].dt.year.fillna(np.inf).to_numpy()[:, None]
    at_start = (acq_year < years_arr) & (lost_year >= years_arr)
    lost = at_start & (lost_year == years_arr)
    retained = at_start & ~lost
    if by is None:
        table = pd.DataFrame({"at_start": at_start.sum(0), "retained": retained.sum(0)},
                             index=years_arr)
    else:
        long = pd.DataFrame({
            "year": np.broadcast_to(years_arr, at_start.shape).ravel(),
            by: np.repeat(frame[by].to_numpy(), len(years_arr)),
            "at_start": at_start.ravel(), "retained": retained.ravel()})
        table = long.groupby(["year", by])[["at_start", "retained"]].sum()
    empty = table["at_start"] == 0
    if empty.any():
        where = f" of customers[{by!r}]" if by is not None else ""
        raise ValueError(f"no customers at the start of some year{where} (empty group): "
                         f"{', '.join(map(str, table.index[empty]))}; choose other years "
                         "(years, start)")
    rates = retention_rate(table["at_start"].to_numpy(), table["retained"].to_numpy())
    rates.index = table.index.set_names("year" if by is None else ["year", by])
    return rates.astype({"at_start": "int64", "retained": "int64", "lost": "int64"})


def group_retention(customers: pd.DataFrame, by: str, years: Sequence[int] | None = None, *,
                    start: object = "2022-01-01", end: object = "2024-12-31") -> pd.DataFrame:
    """Retention per group pooled over the years: Σ retained / Σ customers at the start.

    The yearly counts of :func:`period_retention` (``by`` a column such as ``size``) are added
    up over ``years`` per group, which gives each group one retention rate that rests on all
    its customer-years. Returns one row per group with the columns of :func:`retention_rate`.

    >>> customers = pd.DataFrame({"customer_id": [1, 2, 3, 4], "size": ["a", "b", "b", "a"],
    ...     "acquisition_date": pd.to_datetime(["2021-05-01", "2021-03-01", "2022-02-01",
    ...                                         "2022-07-01"]),
    ...     "lost_date": pd.to_datetime([None, "2022-06-01", "2023-03-01", None])})
    >>> group_retention(customers, "size", end="2023-12-31")[["at_start", "retention_rate"]]
          at_start  retention_rate
    size
    a            3             1.0
    b            2             0.0
    """
    frame = _customers(customers)
    by = _group_column(frame, by)
    yearly = period_retention(frame, years, by=by, start=start, end=end)
    counts = yearly.groupby(level=by)[["at_start", "retained"]].sum()
    table = retention_rate(counts["at_start"].to_numpy(), counts["retained"].to_numpy())
    table.index = counts.index
    return table.astype({"at_start": "int64", "retained": "int64", "lost": "int64"})


def _orders(orders: object) -> pd.DataFrame:
    frame = require_frame(orders, "orders", ["customer_id", "order_date"])
    require_no_nan(frame["customer_id"], "orders['customer_id']")
    date_column(frame, "order_date", "orders")
    return frame


def repeat_rate_by_year(orders: pd.DataFrame) -> pd.DataFrame:
    """Share of each year's buyers who buy again the next year (retention as repeat buying).

    ``orders`` needs ``customer_id`` and ``order_date``. One row per year Y (from the second
    year of data): ``buyers_before`` (customers who ordered in Y − 1), ``bought_again`` (of
    them, those who ordered in Y), ``repeat_rate``. Source: the deck 第二章“为企业创造价值”:
    “客户保留率即发生重复购买的客户比率” (the retention rate is the share of customers who buy
    again); counting buyers of consecutive calendar years is the course's reading.

    >>> orders = pd.DataFrame({"customer_id": ["a", "a", "b", "c"],
    ...     "order_date": pd.to_datetime(["2022-01-05", "2023-02-01", "2022-03-01",
    ...                                   "2023-04-01"])})
    >>> repeat_rate_by_year(orders)
          buyers_before  bought_again  repeat_rate
    year
    2023              2             1          0.5
    """
    frame = _orders(orders)
    active = (frame.assign(year=frame["order_date"].dt.year)[["customer_id", "year"]]
              .drop_duplicates())
    years = np.sort(active["year"].unique())
    if len(years) < 2:
        raise ValueError("orders span a single year: a repeat rate needs two consecutive years")
    following = active.assign(year=active["year"] - 1, again=True)
    joined = active.merge(following, on=["customer_id", "year"], how="left")
    joined = joined[joined["year"] < years.max()]
    table = joined.groupby("year").agg(buyers_before=("customer_id", "size"),
                                       bought_again=("again", "count"))
    table.index = table.index + 1
    table["repeat_rate"] = table["bought_again"] / table["buyers_before"]
    return table


# ---------------------------------------------------------------------------------------------
# retention economics
# ---------------------------------------------------------------------------------------------

def retained_value(margin: object, retention: object, discount: float = 0.1,
                   horizon: int | None = None, *, growth: float = 0.0) -> np.ndarray | float:
    """Present value of a customer who brings ``margin`` a period and stays with probability r.

    The margin of period t (t = 0, 1, …) is earned if the customer is still there, with
    probability r^t, and is discounted by (1 + d)^t; the first margin is earned now::

        V = m Σ_{t=0}^{T−1} q^t = m (1 − q^T) / (1 − q),  q = r / (1 + d)
        V = m (1 + d) / (1 + d − r)                       (T → ∞)

    With ``growth`` g the margin rises by g a period of tenure, m (1 + g)^t — customers who stay
    buy more, cost less to serve, refer others and pay a premium (Reichheld & Sasser 1990) —
    and q = r (1 + g) / (1 + d); without a horizon that needs r (1 + g) < 1 + d, or the value
    grows without bound. ``margin`` (money, may be negative) and ``retention`` (a rate, 0 to
    1) are numbers or equal-length lists/arrays; ``discount`` (0 to 1) and ``growth`` (above
    −1, at most 1) are rates per period, written as fractions; ``horizon`` (periods, 1 to
    :data:`helpers.validation.MAX_PERIODS`) or None for ever.
    Source: Gupta, S. & Lehmann, D. R. (2003), "Customers as assets", *Journal of Interactive
    Marketing* 17(1), 9-24 (their m r/(1+d−r) plus the margin of the current period); margin
    growth as in Gupta & Lehmann (2005), *Managing Customers as Investments*, ch. 2.

    >>> round(retained_value(100, 0.8, 0.1), 3)             # 100 × 1.1 / 0.3
    366.667
    >>> round(retained_value(100, 0.8, 0.1, horizon=2), 3)  # 100 + 100 × 0.8 / 1.1
    172.727
    """
    m, m_one = _values(margin, "margin")
    r, r_one = _values(retention, "retention", rate=True)
    _same_length("margin", m, "retention", r)
    discount = check_rate(discount, "discount")
    growth = check_rate(growth, "growth", low=-1.0, low_open=True)
    if horizon is not None:
        horizon = check_int(horizon, "horizon", 1, MAX_PERIODS)
    q = r * (1.0 + growth) / (1.0 + discount)
    if horizon is None:
        if (q >= 1).any():
            raise ValueError("the value is infinite: retention × (1 + growth) is not below "
                             f"1 + discount ({1 + discount:g}) for retention "
                             f"{np.unique(r[np.broadcast_to(q >= 1, r.shape)])[:5].tolist()}; "
                             "give a higher discount rate, lower growth or a finite horizon")
        with np.errstate(over="ignore"):
            value = m / (1.0 - q)
    else:
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            value = np.where(q == 1, m * horizon, m * (1 - q ** horizon) / (1 - q))
    if not np.all(np.isfinite(value)):
        raise ValueError("the value is too large to compute (beyond 1e308): margin × Σ q^t "
                         "overflows; give a smaller margin, lower growth or a shorter horizon")
    return float(value) if m_one and r_one else value


def retention_gain(retention: object, delta: float = 0.05, *, margin: float = 1.0,
                   discount: float = 0.1, horizon: int | None = None, growth: float = 0.0
                   ) -> pd.DataFrame:
    """What raising retention from r to r + Δ is worth: value of a customer (or, with ``margin``
    the whole base's margin, of the base) before and after, the gain and the gain as a share.

    Uses :func:`retained_value` (``growth``: the margin's rise per period of tenure);
    ``gain_share`` = V(r + Δ) / V(r) − 1. Vectorised over ``retention``; ``delta`` from −1 to 1
    with r + Δ between 0 and 1; ``margin`` positive. The decks' claims — keeping 5 % more
    customers raises profit by almost 100 % (第二章“为企业创造价值”, in the MBNA case), and
    5 % more retention at financial institutions raises profit by up to 70 % (《客户关系管理》
    第五讲, citing an estimate whose source's name is cut off in the deck's text) — are of the
    kind Reichheld & Sasser (1990), "Zero defections: quality comes to services", *Harvard
    Business Review* 68(5), 105-111, report for customers whose profit rises with their tenure
    (the course's attribution); with a constant margin (``growth=0``) the gain is smaller.

    >>> retention_gain(0.9, 0.05).round(4)  # 1.1 / 0.2 = 5.5 -> 1.1 / 0.15 = 7.3333
       retention  new_retention  value_before  value_after    gain  gain_share
    0        0.9           0.95           5.5       7.3333  1.8333      0.3333
    """
    r, _ = _values(retention, "retention", rate=True)
    r = pd.Series(np.atleast_1d(r))
    margin = check_number(margin, "margin")
    if not margin > 0:
        raise ValueError(f"margin must be positive: the gain as a share of a customer's value "
                         f"is undefined for a value of 0 and turns its sign for a loss; got "
                         f"{margin:g}")
    delta = check_rate(delta, "delta", low=-1, high=1, change=True)
    after = r + delta
    outside = (after < 0) | (after > 1)
    if outside.any():
        raise ValueError(f"retention + delta must lie between 0 and 1; with delta={delta:g} it "
                         f"does not for retention {r[outside].tolist()[:5]}")
    before_value = retained_value(margin, r.to_numpy(), discount, horizon, growth=growth)
    after_value = retained_value(margin, after.to_numpy(), discount, horizon, growth=growth)
    return pd.DataFrame({"retention": r, "new_retention": after,
                         "value_before": before_value, "value_after": after_value,
                         "gain": after_value - before_value,
                         "gain_share": after_value / before_value - 1.0})


def steady_state_base(acquisitions: object, retention: object) -> np.ndarray | float:
    """Customers a firm ends up with when it wins ``acquisitions`` a year and keeps a share r
    of its base each year: N = A (1 + r + r² + …) = A / (1 − r).

    ``acquisitions`` (≥ 0) and ``retention`` (a rate from 0 to below 1) are numbers or
    equal-length lists/arrays. Halving churn (1 − r) doubles the base: the MBNA case of the
    deck 第二章“为企业创造价值” (churn about 5 % a year, half the industry average). Source:
    Reichheld (1996), *The Loyalty Effect*, ch. 2.

    >>> steady_state_base(100, [0.90, 0.95])
    array([1000., 2000.])
    """
    a, a_one = _values(acquisitions, "acquisitions", low=0)
    try:
        r, r_one = _values(retention, "retention", rate=True, high_open=True)
    except ValueError as error:
        raise ValueError(f"{error}: with r = 1 the base grows without bound, so retention "
                         "must lie in [0, 1)") from None
    _same_length("acquisitions", a, "retention", r)
    value = a / (1.0 - r)
    if not np.all(np.isfinite(value)):
        raise ValueError("the base is too large to compute (beyond 1e308): give fewer "
                         "acquisitions")
    return float(value) if a_one and r_one else value


def churn_causes(customers: pd.DataFrame, *, by: str | None = None,
                 avoidable: Sequence[str] = AVOIDABLE_LOST_REASONS) -> pd.DataFrame:
    """Why customers left: lost customers per ``lost_reason`` and each reason's share.

    Only lost customers (a ``lost_date``) count; ``avoidable`` lists the reasons better service
    could have prevented (default: the case company's ``AVOIDABLE_LOST_REASONS``). With ``by``
    the shares are within each group. Columns ``lost_customers, share, avoidable``, largest
    first. Source: the second step of strengthening retention (强化挽留客户的措施) in the deck
    第二章“为企业创造价值”: “识别造成客户流失的原因,并且计算不同原因造成的流失客户比率”; which
    reasons count as avoidable is the course's choice.

    >>> customers = pd.DataFrame({"customer_id": [1, 2, 3],
    ...     "acquisition_date": pd.to_datetime(["2021-05-01", "2021-03-01", "2022-02-01"]),
    ...     "lost_date": pd.to_datetime([None, "2022-06-01", "2023-03-01"]),
    ...     "lost_reason": ["none", "price", "moved_or_closed"]})
    >>> churn_causes(customers)
                     lost_customers  share  avoidable
    lost_reason
    moved_or_closed               1    0.5      False
    price                         1    0.5       True
    """
    frame = _customers(customers, reason=True)
    if by is not None:
        by = _group_column(frame, by)
    avoidable = _reasons(avoidable)
    lost = frame[frame["lost_date"].notna()]
    if lost.empty:
        raise ValueError("customers has no lost customer (every lost_date is empty): there are "
                         "no causes to count")
    keys = ["lost_reason"] if by is None else [by, "lost_reason"]
    counts = lost.groupby(keys).size().rename("lost_customers")
    total = counts.groupby(level=0).transform("sum") if by else counts.sum()
    table = counts.to_frame()
    table["share"] = counts / total
    reasons = table.index.get_level_values("lost_reason")
    table["avoidable"] = reasons.isin(avoidable)
    order = ([by, "lost_customers"] if by else ["lost_customers"])
    return (table.reset_index().sort_values(order, ascending=[True, False][-len(order):],
                                            kind="stable")
            .set_index(keys))


def annual_profit(customers: pd.DataFrame, profit: pd.Series, *,
                  start: object = "2022-01-01", end: object = "2024-12-31") -> pd.Series:
    """Each customer's net profit per year of being a customer inside the window.

    ``profit`` is each customer's total net profit in the window (indexed by ``customer_id``,
    e.g. from ``value.customer_profit(..., by_year=False)``; a customer missing from it made
    no profit: 0). Years active = from the later of ``acquisition_date`` and ``start`` to the
    earlier of ``lost_date`` and ``end``, in years of 365.25 days (at least one day).

    >>> customers = pd.DataFrame({"customer_id": [1, 4],
    ...     "acquisition_date": pd.to_datetime(["2021-05-01", "2022-07-01"]),
    ...     "lost_date": pd.NaT})
    >>> annual_profit(customers, pd.Series({4: 548.0}), end="2023-12-31")  # 548 days active
    customer_id
    1      0.00
    4    365.25
    Name: annual_profit, dtype: float64
    """
    frame = _customers(customers)
    first, last = _period(start, end)
    _window(frame, last, "customers")
    if not isinstance(profit, pd.Series):
        raise TypeError(f"profit must be a pandas Series indexed by customer_id, got "
                        f"{type(profit).__name__}")
    values = as_numeric_series(profit, "profit")
    require_unique_index(profit, "profit", "one value per customer")
    unknown = profit.index.difference(pd.Index(frame["customer_id"]))
    if len(unknown):
        raise ValueError(f"profit has {len(unknown)} customer id(s) not in customers, e.g. "
                         f"{unknown[:5].tolist()}")
    ids = frame["customer_id"].to_numpy()
    begin = frame["acquisition_date"].where(frame["acquisition_date"] > first, first)
    finish = frame["lost_date"].fillna(last).where(lambda d: d < last, last)
    years = np.maximum((finish - begin).dt.days.to_numpy(), 1) / DAYS_PER_YEAR
    total = values.reindex(ids, fill_value=0.0).to_numpy(dtype=float)
    return pd.Series(total / years, index=pd.Index(ids, name="customer_id"),
                     name="annual_profit")


def lost_customer_values(customers: pd.DataFrame, profit: pd.Series, *, by: str = "size",
                         discount: float = 0.1, start: object = "2022-01-01",
                         end: object = "2024-12-31") -> pd.DataFrame:
    """Each lost customer's lifetime value: what it would have earned the firm had it stayed.

    For every customer with a ``lost_date``: its net profit per year while it was a customer
    (:func:`annual_profit` of ``profit``, the total net profit per customer in the window),
    turned into a lifetime value with the retention rate of its group ``by``, pooled over the
    window's years (:func:`group_retention`), and the discount rate ``discount`` (a fraction,
    0.1 = 10 % a year; :func:`retained_value`: m (1 + d) / (1 + d − r)). Returns, indexed by
    ``customer_id``: ``by``, ``lost_reason``, ``annual_profit``, ``retention`` and
    ``lifetime_value`` — the input of :func:`churn_loss_table` and :func:`avoidable_churn_loss`.
    Lost customers' orders fade before they leave, so the estimate is on the low side.
    Source: the third step of strengthening retention in the deck 第二章“为企业创造价值”:
    “估算由于不必要的客户流失,企业利润的损失。这一利润就是客户生命周期价值的总和”; the
    lifetime-value formula is the course's (:func:`retained_value`).

    >>> customers = pd.DataFrame({"customer_id": [1, 2], "size": ["s", "s"],
    ...     "acquisition_date": pd.to_datetime(["2021-01-01", "2021-01-01"]),
    ...     "lost_date": pd.to_datetime([None, "2022-07-02"]),
    ...     "lost_reason": ["none", "price"]})
    >>> lost = lost_customer_values(customers, pd.Series({1: 100.0, 2: 182.0}), end="2023-12-31")
    >>> lost.round(2)   # 182 in 182 days: 365.25 a year; 365.25 × 1.1 / (1.1 − 2/3)
                size lost_reason  annual_profit  retention  lifetime_value
    customer_id
    2              s       price         365.25       0.67          927.17
    """
    frame = _customers(customers, reason=True)
    by = _group_column(frame, by)
    discount = check_rate(discount, "discount")
    annual = annual_profit(frame, profit, start=start, end=end)
    rates = group_retention(frame, by, start=start, end=end)["retention_rate"]
    lost = frame[frame["lost_date"].notna()].set_index("customer_id")
    if lost.empty:
        raise ValueError("customers has no lost customer (every lost_date is empty): there is "
                         "no lifetime value lost")
    missing = sorted(set(lost[by]) - set(rates.index))
    if missing:
        raise ValueError(f"customers[{by!r}]: group(s) {missing} have no customer at the start "
                         "of any year of the window, so no retention rate (empty group)")
    out = lost[[by, "lost_reason"]].assign(annual_profit=annual.reindex(lost.index),
                                           retention=lost[by].map(rates))
    out["lifetime_value"] = retained_value(out["annual_profit"].to_numpy(),
                                           out["retention"].to_numpy(), discount)
    return out


def churn_loss_table(lost: pd.DataFrame, *, value: str = "lifetime_value",
                     avoidable: Sequence[str] = AVOIDABLE_LOST_REASONS) -> pd.DataFrame:
    """Profit lost to churn by reason: the sum of the lost customers' lifetime values.

    ``lost`` has one row per lost customer with ``lost_reason`` and a ``value`` column (each
    lost customer's lifetime value, e.g. from :func:`lost_customer_values`; may be negative).
    Returns, per reason, ``lost_customers``, ``lifetime_value_lost`` (the sum, negative if the
    reason mostly took loss-making customers), ``mean_lifetime_value`` (per lost customer) and
    ``avoidable``; largest loss first.
    Source: the third step of strengthening retention in the deck 第二章“为企业创造价值”
    (the profit lost to avoidable churn, 不必要的客户流失, is the sum of the lost customers'
    lifetime values).

    >>> lost = pd.DataFrame({"lost_reason": ["price", "moved_or_closed", "slow_service"],
    ...                      "lifetime_value": [100.0, 50.0, -20.0]})
    >>> churn_loss_table(lost)[["lost_customers", "lifetime_value_lost", "avoidable"]]
                     lost_customers  lifetime_value_lost  avoidable
    lost_reason
    price                         1                100.0       True
    moved_or_closed               1                 50.0      False
    slow_service                  1                -20.0       True
    """
    frame = require_frame(lost, "lost", ["lost_reason"])
    value = column_option(frame, value, "value", "lost")
    reasons = _labels(frame["lost_reason"], "lost['lost_reason']")
    amounts = numeric_column(frame, value, "lost")
    require_unique_index(frame, "lost", "one row per lost customer")
    avoidable = _reasons(avoidable)
    data = pd.DataFrame({"lost_reason": reasons, "value": amounts})
    table = data.groupby("lost_reason").agg(lost_customers=("value", "size"),
                                            lifetime_value_lost=("value", "sum"))
    if not np.isfinite(table["lifetime_value_lost"]).all():
        raise ValueError(f"lost[{value!r}] sums beyond 1e308 for a reason: the values are too "
                         "large to add up")
    table["mean_lifetime_value"] = table["lifetime_value_lost"] / table["lost_customers"]
    table["avoidable"] = table.index.isin(avoidable)
    return table.sort_values("lifetime_value_lost", ascending=False, kind="stable")


def avoidable_churn_loss(lost: pd.DataFrame, *, value: str = "lifetime_value",
                         avoidable: Sequence[str] = AVOIDABLE_LOST_REASONS) -> float:
    """Profit lost to avoidable churn: Σ lifetime value of customers lost for avoidable reasons
    (the ``avoidable`` rows of :func:`churn_loss_table`).

    >>> lost = pd.DataFrame({"lost_reason": ["price", "moved_or_closed", "slow_service"],
    ...                      "lifetime_value": [100.0, 50.0, -20.0]})
    >>> avoidable_churn_loss(lost)   # price 100 + slow service −20
    80.0
    """
    table = churn_loss_table(lost, value=value, avoidable=avoidable)
    return float(table.loc[table["avoidable"], "lifetime_value_lost"].sum())


def retention_decision(spend: object, lost_profit: float, success_rate: float = 1.0
                       ) -> pd.DataFrame:
    """The decision rule of the deck: spend on retention while it costs less than the profit
    it saves. Profit saved = success rate × lost profit; net gain = saved − spend; ``worthwhile``
    when spend < saved. Vectorised over ``spend`` (≥ 0); ``success_rate`` a fraction (0 to 1).
    Source: the fourth step of strengthening retention in the deck 第二章“为企业创造价值”:
    “企业维系客户的成本只要小于损失的利润,企业就应支付降低客户流失率的费用” (``success_rate``
    = 1); a success rate below 1 is the course's stricter form.

    >>> retention_decision([50, 100], 80.0)
       spend  profit_saved  net_gain  worthwhile
    0   50.0          80.0      30.0        True
    1  100.0          80.0     -20.0       False
    """
    cost, _ = _values(spend, "spend", low=0)
    cost = pd.Series(np.atleast_1d(cost))
    lost_profit = check_number(lost_profit, "lost_profit")
    rate = check_rate(success_rate, "success_rate")
    saved = rate * lost_profit
    return pd.DataFrame({"spend": cost, "profit_saved": saved, "net_gain": saved - cost,
                         "worthwhile": cost < saved})


# ---------------------------------------------------------------------------------------------
# permanent vs temporary loss
# ---------------------------------------------------------------------------------------------

def loss_type(customers: pd.DataFrame, orders: pd.DataFrame, *, split: object = "2023-07-01",
              start: object = "2022-01-01", end: object = "2024-12-31",
              threshold: float = 0.8, min_orders: int = 10) -> pd.DataFrame:
    """Lost for good (永久流失型) vs a shifted share (暂时流失型) vs retained.

    ``lost for good``: the customer has a ``lost_date``. ``share shifted``: still a customer,
    but its orders per day since ``split`` fell below ``threshold`` (0 to 1) × its orders per
    day before (it gives part of its business to other suppliers and may come back).
    ``retained``: the rest; ``too little history``: acquired on or after ``split`` or fewer
    than ``min_orders`` orders before it (too few orders to tell a shift from chance). Returns
    per customer ``rate_before``, ``rate_after`` (orders per year), ``ratio`` and
    ``loss_type``; a rate is NaN where the customer was not a customer in that part of the
    window (won after ``split``, or lost before it), and so is the ratio when either rate is
    NaN or the rate before is 0; the ``loss_type`` says why.
    Source: the two customer types of the DWYER method in 《客户服务与管理》项目二“分析目标
    客户” and 第二章“为企业创造价值”: 永久流失型 (gives all its business to one supplier or loses
    it all to another) and 暂时流失型 (spreads its business over several suppliers, may pause
    and come back); Jackson, B. B. (1985), *Winning and Keeping Industrial Customers*
    (lost-for-good vs always-a-share). The flag and its threshold are the course's.

    >>> customers = pd.DataFrame({"customer_id": [1, 2],
    ...     "acquisition_date": pd.to_datetime(["2021-01-01", "2021-01-01"]),
    ...     "lost_date": pd.NaT})
    >>> orders = pd.DataFrame({"customer_id": [1, 1, 1, 2, 2, 2, 2, 2, 2],
    ...     "order_date": pd.to_datetime(["2022-02-01", "2022-05-01", "2023-03-01",
    ...         "2022-02-01", "2022-05-01", "2022-09-01", "2022-12-01", "2023-03-01",
    ...         "2023-06-01"])})
    >>> loss_type(customers, orders, split="2022-07-01", end="2023-06-30",
    ...           min_orders=2).round(2)   # 2 orders in 181 days before the split: 4.04 a year
                 rate_before  rate_after  ratio      loss_type
    customer_id
    1                   4.04        1.00   0.25  share shifted
    2                   4.04        4.00   0.99       retained
    """
    frame = _customers(customers)
    orders = _orders(orders)
    first, last = _period(start, end)
    cut = as_timestamp(split, "split")
    if not first < cut < last:
        raise ValueError(f"need start < split < end, got {first.date()}, {cut.date()}, "
                         f"{last.date()} (split must lie inside the window)")
    threshold = check_number(threshold, "threshold", low=0, low_open=True, high=1)
    min_orders = check_int(min_orders, "min_orders", 1)
    unknown = ~orders["customer_id"].isin(frame["customer_id"])
    if unknown.any():
        raise ValueError(f"orders has {int(unknown.sum())} row(s) of customers not in "
                         f"customers: {offenders(orders['customer_id'], unknown)}")
    acquired = orders["customer_id"].map(frame.set_index("customer_id")["acquisition_date"])
    early = orders["order_date"] < acquired
    if early.any():
        raise ValueError(f"orders: dates out of order, {int(early.sum())} order(s) come before "
                         "the customer's acquisition_date:"
                         f"{offenders(orders[['customer_id', 'order_date']], early)}")
    ids = frame["customer_id"].to_numpy()
    begin = frame["acquisition_date"].where(frame["acquisition_date"] > first, first)
    finish = frame["lost_date"].fillna(last + pd.Timedelta(days=1))
    finish = finish.where(finish <= last, last + pd.Timedelta(days=1))
    days_before = np.clip((finish.clip(upper=cut) - begin).dt.days.to_numpy(), 0, None)
    days_after = np.clip((finish - begin.clip(lower=cut)).dt.days.to_numpy(), 0, None)
    when = orders["order_date"]
    inside = (when >= first) & (when <= last)
    period = np.where(when[inside] < cut, "before", "after")
    counts = (pd.DataFrame({"customer_id": orders.loc[inside, "customer_id"], "period": period})
              .groupby(["customer_id", "period"]).size().unstack(fill_value=0)
              .reindex(index=ids, columns=["before", "after"], fill_value=0))
    with np.errstate(divide="ignore", invalid="ignore"):
        rate_before = np.where(days_before > 0, counts["before"] / days_before * DAYS_PER_YEAR,
                               np.nan)
        rate_after = np.where(days_after > 0, counts["after"] / days_after * DAYS_PER_YEAR,
                              np.nan)
        ratio = np.where(rate_before > 0, rate_after / rate_before, np.nan)
    lost = frame["lost_date"].notna().to_numpy()
    new = ((frame["acquisition_date"].to_numpy() >= cut.to_datetime64())
           | (counts["before"].to_numpy() < min_orders))
    lost_for_good, shifted, retained, too_little = LOSS_TYPES
    kind = np.select([lost, new, ratio < threshold], [lost_for_good, too_little, shifted],
                     retained)
    return pd.DataFrame({"rate_before": rate_before, "rate_after": rate_after, "ratio": ratio,
                         "loss_type": kind}, index=pd.Index(ids, name="customer_id"))


# ---------------------------------------------------------------------------------------------
# the decks' frameworks
# ---------------------------------------------------------------------------------------------

def three_degree_model() -> pd.DataFrame:
    """The three-degree model (三度模型) of retention strategy: satisfaction, retention and
    contribution, whose optimum together makes a virtuous cycle (良性循环).

    Source: 《客户关系管理》第五讲“客户满意度与客户维持战略” (客户维持战略的三度模型: 客户满意度,
    客户维持度, 客户贡献度); the ``question`` column paraphrases the deck. The degrees
    (:data:`THREE_DEGREES`) are the index; ``point of view`` and ``question`` are in the
    course's language (:func:`helpers.language.use_language`).

    >>> three_degree_model()["chinese"].tolist()
    ['满意度', '维持度', '贡献度']
    """
    text = language.text
    return pd.DataFrame({
        "degree": list(THREE_DEGREES),
        "chinese": ["满意度", "维持度", "贡献度"],
        "point of view": [text("the customer's"), text("the firm's"), text("value created")],
        "question": [
            text("Is the customer pleased with what it gets?"),
            text("Does the firm keep the customer? Retaining costs money, so whom to keep?"),
            text("How much value does the customer create for the firm?")],
    }).set_index("degree")


def retention_levels() -> pd.DataFrame:
    """The three levels of retention strategy (挽留客户策略的三个层次), each building on the
    one below. Source: the deck 第二章“为企业创造价值” (第一层次 price incentives for financial
    benefits, 财务利益; 第二层次 financial plus social benefits, 社会利益, social first; 第三层次
    structural ties, 结构性联系, added) and Berry, L. L. & Parasuraman, A. (1991), *Marketing
    Services*, ch. 8 (financial, social and structural bonds; 标准词 财务联系, 社交联系, 结构联系).
    The examples and the "how easy to copy" column are the course's. ``chinese`` is the deck's
    wording; the other texts are in the course's language
    (:func:`helpers.language.use_language`).

    >>> retention_levels()["bond"].tolist()
    ['financial bonds', 'financial + social bonds', '+ structural bonds']
    """
    text = language.text
    return pd.DataFrame({
        "level": [1, 2, 3],
        "bond": [text("financial bonds"), text("financial + social bonds"),
                 text("+ structural bonds")],
        "chinese": ["财务利益", "财务利益 + 社会利益", "+ 结构性联系"],
        "how it ties the customer": [
            text("price incentives: volume discounts, loyalty rebates, bundled prices"),
            text("personal ties first: an account manager who knows the customer, regular "
                 "visits, events"),
            text("ties built into the customer's processes: EDI ordering, vendor-managed "
                 "inventory, joint product design")],
        "how easy to copy": [text("easy: a competitor can match a price"), text("harder"),
                             text("hardest: leaving costs the customer effort")],
    }).set_index("level")


def churn_prevention() -> pd.DataFrame:
    """How to prevent the churn of existing customers (如何防范老客户流失): the seven measures of
    the deck 《产业市场营销与客户管理》（吴登开）, in its order and wording.

    Columns: ``chinese`` (the deck's wording of the measure), ``deck_text`` (what the deck says
    the measure is, where it says anything; empty where it gives the name only) and ``what it
    is`` (a translation of ``deck_text``, or the course's reading where the deck gives the name
    only, marked as such; in the course's language, :func:`helpers.language.use_language`).
    The index is the measure's name (:data:`CHURN_MEASURES`). Note 建立预测系统: the deck's
    forecasting system
    gives *customers* valuable information (“为客户提供有价值的信息”); it is not churn
    prediction, which is the course's own addition (chapters 07 and 10).

    >>> len(churn_prevention())
    7
    >>> churn_prevention().loc["forecasting system for customers", "deck_text"]
    '为客户提供有价值的信息'
    """
    text = language.text
    return pd.DataFrame({
        "measure": list(CHURN_MEASURES),
        "chinese": ["实施全面质量营销", "分析客户流失的原因", "建立强力督办系统",
                    "建立投诉和建议制度", "建立预测系统", "与客户建立关联", "深入与客户进行沟通"],
        "deck_text": [
            "通过改善服务和促销网络系统,减少客户购买产品的时间、体力和精力的消耗,从而降低货币和"
            "非货币成本",
            "",
            "迅速解决市场问题,保证客户利益",
            "",
            "为客户提供有价值的信息",
            "向客户灌输长远合作的意义",
            "防止出现误…"],
        "what it is": [
            text("improve service and the promotion network so that buying takes customers "
                 "less time, physical effort and energy, lowering their money and non-money "
                 "costs"),
            text("(name only; the course's reading) find why customers leave and the share of "
                 "each reason, as in the four steps of 第二章“为企业创造价值”"),
            text("a system that supervises and follows up (督办) every problem in the market "
                 "with authority: solve market problems quickly and protect the customer's "
                 "interests"),
            text("(name only; the course's reading) a channel for customers to complain and "
                 "suggest, so problems surface early"),
            text("give customers valuable information, such as forecasts of their market; not "
                 "a model that predicts which customers will leave"),
            text("build ties with the customer and instil in it the value of long-term "
                 "cooperation"),
            text("communicate with customers in depth, to prevent mis… (the deck's text "
                 "breaks off; 'misunderstandings', 误解, is the course's reading)")],
    }).set_index("measure")
