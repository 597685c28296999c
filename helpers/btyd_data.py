"""The data side of the BTYD models (chapter 10): the RFM summary of a transaction log, the
checks of a fitted model against the data, and simulated customers with planted parameters.

* :func:`rfm_summary`: frequency, recency, T and monetary value per customer, the input of
  every model of :mod:`helpers.btyd`;
* the checks of Fader, Hardie & Lee (2005a, figures 2-4): :func:`frequency_histogram`
  (calibration purchases), :func:`holdout_by_frequency` (holdout purchases by calibration
  frequency), :func:`cumulative_tracking` (the cohort week by week); P(alive) over a grid of
  frequency and recency, :func:`p_alive_matrix`; one customer at a time: :func:`p_alive_history`
  and :func:`customer_holdout`; the Gamma-Gamma model's assumption:
  :func:`spend_frequency_correlation`;
* :func:`simulate_bgnbd` and :func:`simulate_pareto_nbd`: summaries drawn from a model with
  known parameters, to check that a fit recovers them.

Everything here is reachable from :mod:`helpers.btyd` as well (``btyd.rfm_summary``, ...).
Transaction logs have one row per purchase: a customer id column (no missing ids), a date
column (``datetime64`` without a time zone) and, where amounts are used, a numeric column of
amounts >= 0. Long tables are bounded: a history has at most ``validation.MAX_PERIODS`` days,
a tracking at most ``validation.MAX_PERIODS`` time units.

>>> import pandas as pd
>>> from helpers import btyd
>>> log = pd.DataFrame({"customer_id": ["A", "A", "A", "B"], "amount": [15.0, 20.0, 30.0, 7.0],
...                     "date": pd.to_datetime(["2020-01-01", "2020-01-08", "2020-01-22",
...                                             "2020-01-15"])})
>>> btyd.rfm_summary(log, "2020-01-29", time_unit="W")
             frequency  recency    T  monetary_value
customer_id
A                    2      3.0  4.0            25.0
B                    0      0.0  2.0             0.0
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import numpy as np
import pandas as pd

from . import language
from .btyd import (
    MAX_HORIZON,
    SUMMARY_COLUMNS,
    TIME_UNITS,
    BetaGeo,
    GammaGamma,
    ParetoNBD,
    _check_summary,
    _purchase_model,
    _times,
)
from .validation import (
    MAX_PERIODS,
    as_timestamp,
    check_cells,
    check_choice,
    check_int,
    check_number,
    check_seed,
    column_option,
    date_column,
    numeric_column,
    offenders,
    require_frame,
    require_no_nan,
)

__all__ = ["rfm_summary", "frequency_histogram", "holdout_by_frequency", "cumulative_tracking",
           "p_alive_matrix", "p_alive_history", "customer_holdout", "spend_frequency_correlation",
           "CORRELATION_STRENGTHS", "simulate_bgnbd", "simulate_pareto_nbd"]

CORRELATION_STRENGTHS: tuple[str, ...] = ("negligible", "small", "medium", "large")
"""The sizes of a correlation in Cohen's (1988) conventional terms, smallest first
(:func:`spend_frequency_correlation`)."""

MAX_PURCHASES = 1e12
"""Largest purchase count lambda T a simulated customer may be given."""


def _time_unit(time_unit: object) -> float:
    return TIME_UNITS[check_choice(time_unit, "time_unit", TIME_UNITS)]


def _customer(customer: object) -> Hashable:
    if isinstance(customer, (bool, np.bool_)) or not isinstance(customer, Hashable):
        raise TypeError(f"customer must be one customer id, got {type(customer).__name__} "
                        f"{customer!r}")
    return customer


def _customer_days(days: pd.DataFrame, customer: Hashable) -> pd.DataFrame:
    """The purchase days of one customer (a clear error if there are none)."""
    mine = days[days.iloc[:, 0] == customer]
    if mine.empty:
        raise ValueError(f"customer {customer!r} has no transactions in column "
                         f"{days.columns[0]!r} (ids such as "
                         f"{days.iloc[:, 0].drop_duplicates().head(3).tolist()})")
    return mine


# =============================================================================================
# from a transaction log to the RFM summary
# =============================================================================================

def _purchase_days(transactions: object, customer_col: object, date_col: object,
                   amount_col: object | None) -> pd.DataFrame:
    """Checked log collapsed to one row per customer and day (amounts summed)."""
    frame = require_frame(transactions, "transactions")
    customer_col = column_option(frame, customer_col, "customer_col", "transactions")
    date_col = column_option(frame, date_col, "date_col", "transactions")
    require_no_nan(frame[customer_col], f"transactions[{customer_col!r}]")
    day = date_column(frame, date_col, "transactions").dt.normalize()
    if amount_col is None:
        amount = pd.Series(0.0, index=frame.index)
    else:
        amount_col = column_option(frame, amount_col, "amount_col", "transactions")
        amount = numeric_column(frame, amount_col, "transactions", low=0)
    days = (pd.DataFrame({customer_col: frame[customer_col], "day": day, "amount": amount})
            .groupby([customer_col, "day"], sort=True)["amount"].sum().reset_index())
    return days


def rfm_summary(transactions: pd.DataFrame, calibration_end: object,
                observation_end: object | None = None, *, time_unit: str = "W",
                customer_col: str = "customer_id", date_col: str = "date",
                amount_col: str | None = "amount") -> pd.DataFrame:
    """Per-customer frequency, recency, T and monetary value of a transaction log.

    Purchases on the same day count once (their amounts are summed). For each customer, over
    the calibration period (up to and including ``calibration_end``):

    * ``frequency`` x: number of *repeat* purchase days (purchase days minus one);
    * ``recency`` t_x: time from the first to the last purchase day;
    * ``T``: time from the first purchase day to ``calibration_end``;
    * ``monetary_value``: mean value of the repeat purchase days (0 when x = 0), the input of
      the Gamma-Gamma model (Fader, Hardie & Lee 2005b);

    times in ``time_unit`` ("D", "W", "M" or "Y"; see :data:`TIME_UNITS`). With
    ``observation_end`` the holdout period (calibration_end, observation_end] adds
    ``frequency_holdout`` (purchase days in it), ``monetary_value_holdout`` (their mean value,
    0 if none) and ``duration_holdout`` (its length). This is the summary of Fader, Hardie &
    Lee (2005a) for CDNOW: weeks, calibration to 1997-09-30, holdout to 1998-06-30. Without
    amounts (``amount_col=None``) the monetary columns are left out.

    Every customer must have bought by ``calibration_end`` (the models describe a cohort
    acquired before it); customers first seen later raise an error rather than being dropped.

    >>> log = pd.DataFrame({"customer_id": [7, 7, 7], "amount": [10.0, 5.0, 20.0],
    ...                     "date": pd.to_datetime(["2020-01-01", "2020-01-01", "2020-01-08"])})
    >>> rfm_summary(log, "2020-01-10", "2020-01-17", time_unit="D", amount_col=None)
                 frequency  recency    T  frequency_holdout  duration_holdout
    customer_id
    7                    1      7.0  9.0                  0               7.0
    """
    unit = _time_unit(time_unit)
    cal_end = as_timestamp(calibration_end, "calibration_end").normalize()
    obs_end = (None if observation_end is None
               else as_timestamp(observation_end, "observation_end").normalize())
    days = _purchase_days(transactions, customer_col, date_col, amount_col)
    customer_col = days.columns[0]
    first = days.groupby(customer_col)["day"].min()
    late = (first > cal_end).to_numpy()
    if late.any():
        firsts = first.dt.strftime("%Y-%m-%d")
        raise ValueError(f"calibration_end={cal_end.date()} comes before the first purchase of "
                         f"{int(late.sum()):,} customer(s): {offenders(firsts, late)}; keep "
                         "only customers acquired by calibration_end")
    if obs_end is not None:
        if obs_end <= cal_end:
            raise ValueError(f"observation_end ({obs_end.date()}) must come after "
                             f"calibration_end ({cal_end.date()})")
        after = (days["day"] > obs_end).to_numpy()
        if after.any():
            raise ValueError(f"transactions has {int(after.sum()):,} purchase(s) after "
                             f"observation_end={obs_end.date()}:{offenders(days, after)}")
    first_day = days[customer_col].map(first)
    in_cal = (days["day"] <= cal_end).to_numpy()
    cal = days[in_cal].assign(_since=(days["day"] - first_day)[in_cal].dt.days / unit,
                              _repeat=(days["day"] > first_day)[in_cal])
    grouped = cal.groupby(customer_col)
    out = pd.DataFrame({
        "frequency": grouped.size() - 1,
        "recency": grouped["_since"].max(),
        "T": (cal_end - first).dt.days / unit,
    })
    repeat_value = cal["amount"].where(cal["_repeat"], 0.0).groupby(cal[customer_col]).sum()
    out["monetary_value"] = np.where(out["frequency"] > 0,
                                     repeat_value / out["frequency"].clip(lower=1), 0.0)
    if obs_end is not None:
        hold = days[~in_cal]
        count = hold.groupby(customer_col).size().reindex(out.index, fill_value=0)
        value = hold.groupby(customer_col)["amount"].sum().reindex(out.index, fill_value=0.0)
        out["frequency_holdout"] = count.astype(int)
        out["monetary_value_holdout"] = np.where(count > 0, value / count.clip(lower=1), 0.0)
        out["duration_holdout"] = (obs_end - cal_end).days / unit
    out["frequency"] = out["frequency"].astype(int)
    out.index.name = customer_col
    if amount_col is None:
        out = out.drop(columns=[c for c in out if c.startswith("monetary_value")])
    return out


# =============================================================================================
# checks of a fitted model against the data
# =============================================================================================

def frequency_histogram(model: BetaGeo | ParetoNBD, summary: pd.DataFrame,
                        max_frequency: int = 7) -> pd.DataFrame:
    """Calibration-period repeat purchases: number of customers with x = 0, 1, ..., and
    ``max_frequency``+ (last bin), actual vs expected by the model, the model's count being
    sum over customers of P(X(T_i) = x) (FHL 2005a, figure 2).

    >>> import numpy as np
    >>> from helpers import btyd
    >>> customers = btyd.simulate_bgnbd({"r": 0.25, "alpha": 4.0, "a": 0.8, "b": 2.5},
    ...                                 np.full(3000, 39.0), seed=1)
    >>> table = frequency_histogram(btyd.BetaGeo().fit(customers), customers, max_frequency=3)
    >>> table.round(0)
               actual   model
    frequency
    0            1676  1673.0
    1             592   591.0
    2             249   265.0
    3+            483   471.0
    """
    model = _purchase_model(model)
    max_frequency = check_int(max_frequency, "max_frequency", 1, None)
    frame = _check_summary(summary)
    big_t, counts = np.unique(frame["T"].to_numpy(), return_counts=True)
    check_cells(big_t.size, max_frequency, f"frequency_histogram with max_frequency="
                f"{max_frequency:,} over {big_t.size:,} distinct T")
    xs = np.arange(max_frequency)
    probs = np.stack([model.probability_of_purchases(t, xs).to_numpy() for t in big_t])
    expected = counts @ probs  # loop above is over distinct T values, not customers
    expected = np.append(expected, counts.sum() - expected.sum())
    actual = np.bincount(np.minimum(frame["frequency"].to_numpy(), max_frequency).astype(int),
                         minlength=max_frequency + 1)
    labels = [str(v) for v in xs] + [f"{max_frequency}+"]
    return pd.DataFrame({"actual": actual, "model": expected},
                        index=pd.Index(labels, name="frequency"))


def holdout_by_frequency(model: BetaGeo | ParetoNBD, summary: pd.DataFrame,
                         max_frequency: int = 7) -> pd.DataFrame:
    """Mean holdout purchases per customer grouped by calibration frequency (0, ...,
    ``max_frequency``+): actual vs the model's conditional expectation (FHL 2005a, figure 4).
    ``summary`` needs ``frequency_holdout`` and ``duration_holdout`` (see :func:`rfm_summary`),
    the holdout period the same for every customer.

    >>> from helpers import btyd
    >>> summary = pd.DataFrame({"frequency": [0, 1, 3], "recency": [0.0, 2.0, 9.0],
    ...                         "T": [10.0, 10.0, 10.0], "frequency_holdout": [0, 1, 2],
    ...                         "duration_holdout": [5.0, 5.0, 5.0]})
    >>> model = btyd.BetaGeo().fit(btyd.simulate_bgnbd(
    ...     {"r": 0.25, "alpha": 4.0, "a": 0.8, "b": 2.5}, np.full(3000, 39.0), seed=1))
    >>> holdout_by_frequency(model, summary, max_frequency=2)["customers"].tolist()
    [1, 1, 1]
    """
    model = _purchase_model(model)
    max_frequency = check_int(max_frequency, "max_frequency", 1, None)
    frame = _check_summary(summary, columns=(*SUMMARY_COLUMNS, "frequency_holdout",
                                             "duration_holdout"))
    durations = frame["duration_holdout"].unique()
    if len(durations) != 1:
        raise ValueError(f"summary['duration_holdout'] must be the same for every customer "
                         f"(one holdout period), got {len(durations)} values: "
                         f"{durations[:5].tolist()}")
    pred = model._conditional(float(durations[0]), *frame[list(SUMMARY_COLUMNS)].to_numpy().T)
    group = np.minimum(frame["frequency"], max_frequency).astype(int)
    out = pd.DataFrame({"actual": frame["frequency_holdout"], "model": pred,
                        "customers": 1}).groupby(group.to_numpy()).agg(
        actual=("actual", "mean"), model=("model", "mean"), customers=("customers", "sum"))
    out.index = pd.Index([str(i) if i < max_frequency else f"{max_frequency}+"
                          for i in out.index], name="frequency")
    return out


def cumulative_tracking(model: BetaGeo | ParetoNBD, transactions: pd.DataFrame,
                        start: object, end: object, *, time_unit: str = "W",
                        customer_col: str = "customer_id",
                        date_col: str = "date") -> pd.DataFrame:
    """Cumulative repeat purchases of the cohort per time unit from ``start`` to ``end`` (at
    most ``validation.MAX_PERIODS`` time units): actual (purchase days after each customer's
    first) vs the model's sum over customers of E[X(t - first purchase time)] (FHL 2005a,
    figure 3).

    >>> from helpers import btyd
    >>> model = btyd.BetaGeo().fit(btyd.simulate_bgnbd(
    ...     {"r": 0.25, "alpha": 4.0, "a": 0.8, "b": 2.5}, np.full(3000, 39.0), seed=1))
    >>> log = pd.DataFrame({"customer_id": [1, 1, 2], "date": pd.to_datetime(
    ...     ["2020-01-01", "2020-01-10", "2020-01-02"])})
    >>> cumulative_tracking(model, log, "2020-01-01", "2020-01-22")["actual"].tolist()
    [0.0, 1.0, 1.0]
    """
    model = _purchase_model(model)
    unit = _time_unit(time_unit)
    start = as_timestamp(start, "start").normalize()
    end = as_timestamp(end, "end").normalize()
    if end <= start:
        raise ValueError(f"end ({end.date()}) must come after start ({start.date()})")
    n_steps = int(np.floor((end - start).days / unit))
    if not 1 <= n_steps <= MAX_PERIODS:
        raise ValueError(f"start ({start.date()}) to end ({end.date()}) spans {n_steps:,} time "
                         f"units of {time_unit!r}: it must span 1 to {MAX_PERIODS:,}")
    days = _purchase_days(transactions, customer_col, date_col, None)
    first = days.groupby(days.columns[0])["day"].transform("min")
    repeat_time = ((days.loc[days["day"] > first, "day"] - start).dt.days / unit).to_numpy()
    grid = np.arange(1, n_steps + 1, dtype=float)
    actual = np.searchsorted(np.sort(repeat_time), grid, side="left")
    births, counts = np.unique(((first[days["day"] == first] - start).dt.days / unit)
                               .to_numpy(), return_counts=True)
    check_cells(n_steps, births.size, "cumulative_tracking from start to end")
    age = np.clip(grid[:, None] - births[None, :], 0, None)
    uniq, inv = np.unique(age, return_inverse=True)
    expected = np.where(uniq > 0, model._unconditional(uniq), 0.0)[inv].reshape(age.shape)
    return pd.DataFrame({"actual": actual.astype(float), "model": expected @ counts},
                        index=pd.Index(grid, name="t"))


def p_alive_matrix(model: BetaGeo | ParetoNBD, T: float, max_frequency: int = 20,
                   recency_steps: int = 40) -> pd.DataFrame:
    """P(alive) for every frequency 0..``max_frequency`` (rows) and recency on a grid of
    ``recency_steps`` steps from 0 to T (columns), for customers observed for time T (FHL
    2005a, P(alive)); a grid of more than ``validation.MAX_CELLS`` cells is refused.

    >>> from helpers import btyd
    >>> model = btyd.BetaGeo().fit(simulate_bgnbd(
    ...     {"r": 0.25, "alpha": 4.0, "a": 0.8, "b": 2.5}, np.full(3000, 39.0), seed=1))
    >>> p_alive_matrix(model, T=39.0, max_frequency=2, recency_steps=3).round(2)
    recency    13.0  26.0  39.0
    frequency
    0          1.00  1.00  1.00
    1          0.51  0.68  0.77
    2          0.36  0.67  0.82
    """
    model = _purchase_model(model)
    big_t = check_number(T, "T", low=0, low_open=True, high=MAX_HORIZON)
    max_frequency = check_int(max_frequency, "max_frequency", 0, None)
    recency_steps = check_int(recency_steps, "recency_steps", 1, None)
    check_cells(max_frequency + 1, recency_steps,
                f"p_alive_matrix(max_frequency={max_frequency:,}, "
                f"recency_steps={recency_steps:,})")
    xs = np.arange(max_frequency + 1)
    rec = np.linspace(0, big_t, recency_steps + 1)[1:]
    xx, rr = np.meshgrid(xs, rec, indexing="ij")
    rr = np.where(xx == 0, 0.0, rr)
    p = model._p_alive(xx.astype(float), rr, big_t)
    return pd.DataFrame(p, index=pd.Index(xs, name="frequency"),
                        columns=pd.Index(np.round(rec, 6), name="recency"))


def p_alive_history(model: BetaGeo | ParetoNBD, transactions: pd.DataFrame, customer: object,
                    end: object, *, time_unit: str = "W", customer_col: str = "customer_id",
                    date_col: str = "date") -> pd.DataFrame:
    """One customer's P(alive) on every day from the first purchase to ``end`` (at most
    ``validation.MAX_PERIODS`` days), computed from the history known on that day (x, t_x
    and T up to the day), with the purchase days marked.

    >>> from helpers import btyd
    >>> model = btyd.BetaGeo().fit(btyd.simulate_bgnbd(
    ...     {"r": 0.25, "alpha": 4.0, "a": 0.8, "b": 2.5}, np.full(3000, 39.0), seed=1))
    >>> log = pd.DataFrame({"customer_id": [7, 7],
    ...                     "date": pd.to_datetime(["2020-01-01", "2020-01-03"])})
    >>> p_alive_history(model, log, 7, "2020-01-05").round(2)
                   T  frequency  p_alive  purchase
    date
    2020-01-02  0.14          0     1.00     False
    2020-01-03  0.29          1     0.77      True
    2020-01-04  0.43          1     0.76     False
    2020-01-05  0.57          1     0.76     False
    """
    model = _purchase_model(model)
    unit = _time_unit(time_unit)
    customer = _customer(customer)
    days = _purchase_days(transactions, customer_col, date_col, None)
    mine = _customer_days(days, customer)["day"].to_numpy()
    end = as_timestamp(end, "end").normalize()
    first = pd.Timestamp(mine[0])
    if end <= first:
        raise ValueError(f"end ({end.date()}) must come after the customer's first purchase "
                         f"({first.date()})")
    if (end - first).days > MAX_PERIODS:
        raise ValueError(f"end ({end.date()}) lies {(end - first).days:,} days after the "
                         f"customer's first purchase: the history has one row per day, at "
                         f"most {MAX_PERIODS:,}")
    calendar = pd.date_range(first + pd.Timedelta(days=1), end, freq="D")
    n_bought = np.searchsorted(mine, calendar.to_numpy(), side="right")
    last = pd.DatetimeIndex(mine[n_bought - 1])
    x = (n_bought - 1).astype(float)
    t_x, big_t = (last - first).days / unit, (calendar - first).days / unit
    return pd.DataFrame({"T": big_t.to_numpy(dtype=float), "frequency": n_bought - 1,
                         "p_alive": model._p_alive(x, np.asarray(t_x, dtype=float),
                                                   np.asarray(big_t, dtype=float)),
                         "purchase": calendar.isin(mine)},
                        index=pd.Index(calendar, name="date"))


def customer_holdout(model: BetaGeo | ParetoNBD, transactions: pd.DataFrame, customer: object,
                     calibration_end: object, horizon: int, *, time_unit: str = "W",
                     customer_col: str = "customer_id", date_col: str = "date"
                     ) -> pd.DataFrame:
    """One customer's purchases after the calibration period, expected and actual.

    For t = 1, ..., ``horizon`` time units after ``calibration_end`` (at most
    ``validation.MAX_PERIODS``): ``expected`` = the model's conditional expectation
    E[Y(t) | x, t_x, T] from the customer's calibration history (:func:`rfm_summary` of the
    customer's transactions), and ``actual`` = the customer's purchase days in
    (calibration_end, calibration_end + t] (several purchases on one day count once, as in the
    summary). The customer-level view of the holdout check of :func:`holdout_by_frequency`
    (FHL 2005a, conditional expectations).

    >>> from helpers import btyd
    >>> model = btyd.BetaGeo().fit(btyd.simulate_bgnbd(
    ...     {"r": 0.25, "alpha": 4.0, "a": 0.8, "b": 2.5}, np.full(3000, 39.0), seed=1))
    >>> log = pd.DataFrame({"customer_id": [7, 7, 7], "date": pd.to_datetime(
    ...     ["2020-01-01", "2020-01-15", "2020-02-05"])})
    >>> customer_holdout(model, log, 7, "2020-01-22", 3).round(2)
         expected  actual
    t
    1.0      0.13       0
    2.0      0.25       1
    3.0      0.36       1
    """
    model = _purchase_model(model)
    horizon = check_int(horizon, "horizon", 1, MAX_PERIODS)
    customer = _customer(customer)
    days = _purchase_days(transactions, customer_col, date_col, None)
    mine = _customer_days(days, customer)
    history = rfm_summary(mine[[days.columns[0], "day"]], calibration_end, time_unit=time_unit,
                          customer_col=days.columns[0], date_col="day", amount_col=None)
    grid = np.arange(1, horizon + 1, dtype=float)
    expected = model._conditional(grid, *history[list(SUMMARY_COLUMNS)].to_numpy(float).T)
    cal_end = as_timestamp(calibration_end, "calibration_end").normalize()
    later = mine.loc[mine["day"] > cal_end, "day"]
    actual = np.searchsorted(np.sort(((later - cal_end).dt.days / _time_unit(time_unit))
                                     .to_numpy()), grid, side="right")
    return pd.DataFrame({"expected": expected, "actual": actual},
                        index=pd.Index(grid, name="t"))


def spend_frequency_correlation(summary: pd.DataFrame) -> pd.Series:
    """Does spend depend on how often a customer buys? The check of the Gamma-Gamma model's
    assumption that spend per transaction is independent of the number of transactions
    (Fader, Hardie & Lee 2005b; Fader & Hardie 2013, note 025).

    Pearson's correlation of ``frequency`` and ``monetary_value`` over the repeat buyers
    (frequency > 0), with its p-value (``scipy.stats.pearsonr``). Returns ``customers``,
    ``correlation``, ``p_value`` and ``strength``, the size of |r| in Cohen's (1988)
    conventional terms (:data:`CORRELATION_STRENGTHS`): "negligible" below 0.1, "small" below
    0.3, "medium" below 0.5, else "large" (Cohen, J., *Statistical Power Analysis for the
    Behavioral Sciences*, 2nd ed.); a :class:`helpers.language.Label`, the English word to
    code and its translation when printed in the Chinese edition.
    A small or negligible correlation supports using the model; a large one argues against.

    >>> summary = pd.DataFrame({"frequency": [0, 1, 2, 3, 4],
    ...                         "monetary_value": [0.0, 20.0, 22.0, 18.0, 21.0]})
    >>> spend_frequency_correlation(summary)[["customers", "strength"]].tolist()
    [4, 'negligible']
    """
    rep = GammaGamma._repeaters(summary)
    if len(rep) < 3:
        raise ValueError(f"summary has {len(rep)} repeat buyer(s): a correlation needs at least 3")
    constant = [c for c in ("frequency", "monetary_value") if rep[c].nunique() == 1]
    if constant:
        raise ValueError(f"summary: {constant[0]} is the same for every repeat buyer, so its "
                         "correlation is undefined")
    from scipy import stats  # here, not at import: scipy.stats is slow to import

    result = stats.pearsonr(rep["frequency"], rep["monetary_value"])
    r = float(result.statistic)
    strength = language.Label(
        CORRELATION_STRENGTHS[int(np.searchsorted([0.1, 0.3, 0.5], abs(r), side="right"))],
        "label:strength")
    return pd.Series({"customers": len(rep), "correlation": r,
                      "p_value": float(result.pvalue), "strength": strength},
                     name="spend_frequency_correlation", dtype=object)


# =============================================================================================
# simulation (planted parameters for checks and exercises)
# =============================================================================================

def _sim_inputs(params: object, names: tuple[str, ...], T: object, seed: object):
    """Checked parameters (a mapping of positive numbers), times T (positive) and seed."""
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a dict of the parameters {list(names)}, got "
                        f"{type(params).__name__}")
    missing = [k for k in names if k not in params]
    if missing:
        raise ValueError(f"params is missing {missing}; it needs {list(names)}")
    values = [check_number(params[k], f"params[{k!r}]", low=0, low_open=True) for k in names]
    big_t = _times(T, "T", positive=True)
    return values, big_t, np.random.default_rng(check_seed(seed))


def _rates(rng: np.random.Generator, r: float, alpha: float, big_t: np.ndarray) -> np.ndarray:
    """Purchase rates lambda ~ gamma(r, alpha), one per customer; refused if a customer would
    be given more than :data:`MAX_PURCHASES` expected purchases (alpha far too small)."""
    lam = rng.gamma(r, 1 / alpha, big_t.size)
    if not (lam * big_t <= MAX_PURCHASES).all():
        raise ValueError(f"params give purchase rates so high (r = {r:g}, alpha = {alpha:g}) "
                         f"that a customer would make more than {MAX_PURCHASES:g} purchases: "
                         "alpha is in time units per purchase, e.g. 4 weeks")
    return lam


def simulate_bgnbd(params: dict, T: object, seed: int = 0) -> pd.DataFrame:
    """Draw customer summaries (frequency, recency, T) from the BG/NBD model with known
    ``params`` (r, alpha, a, b), one customer per value of ``T``: lambda ~ gamma(r, alpha),
    p ~ beta(a, b); the customer can make K ~ geometric(p) repeat purchases before dropping out,
    so x = min(N(T), K) with N(T) ~ Poisson(lambda T), and t_x is the x-th of N(T) uniform
    purchase times in (0, T] (FHL 2005a, section 2).

    >>> simulate_bgnbd({"r": 0.25, "alpha": 4.0, "a": 0.8, "b": 2.5}, [39.0, 39.0], seed=3)
                 frequency    recency     T
    customer_id
    0                    0   0.000000  39.0
    1                    4  12.281495  39.0
    """
    (r, alpha, a, b), big_t, rng = _sim_inputs(params, ("r", "alpha", "a", "b"), T, seed)
    lam = _rates(rng, r, alpha, big_t)
    p = rng.beta(a, b, big_t.size)
    n = rng.poisson(lam * big_t)
    k = rng.geometric(np.clip(p, 1e-12, 1.0))
    x = np.minimum(n, k)
    rec = np.where(x > 0, big_t * rng.beta(np.maximum(x, 1), np.maximum(n - x + 1, 1)), 0.0)
    return pd.DataFrame({"frequency": x, "recency": rec, "T": big_t},
                        index=pd.RangeIndex(big_t.size, name="customer_id"))


def simulate_pareto_nbd(params: dict, T: object, seed: int = 0) -> pd.DataFrame:
    """Draw customer summaries (frequency, recency, T) from the Pareto/NBD model with known
    ``params`` (r, alpha, s, beta): lambda ~ gamma(r, alpha), lifetime tau ~ exponential(mu),
    mu ~ gamma(s, beta); x ~ Poisson(lambda min(tau, T)) and t_x is the last of x uniform
    purchase times in (0, min(tau, T)], window x Beta(x, 1) (Schmittlein et al. 1987).

    >>> simulate_pareto_nbd({"r": 0.55, "alpha": 10.5, "s": 0.6, "beta": 11.7}, [39.0], seed=3)
                 frequency  recency     T
    customer_id
    0                    0      0.0  39.0
    """
    (r, alpha, s, beta), big_t, rng = _sim_inputs(params, ("r", "alpha", "s", "beta"), T, seed)
    lam = _rates(rng, r, alpha, big_t)
    mu = rng.gamma(s, 1 / beta, big_t.size)
    with np.errstate(divide="ignore"):  # mu = 0 (a tiny s): a customer who never drops out
        window = np.minimum(rng.exponential(1 / mu), big_t)
    x = rng.poisson(lam * window)
    rec = np.where(x > 0, window * rng.beta(np.maximum(x, 1), 1.0), 0.0)
    return pd.DataFrame({"frequency": x, "recency": rec, "T": big_t},
                        index=pd.RangeIndex(big_t.size, name="customer_id"))
