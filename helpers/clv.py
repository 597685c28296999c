"""Customer lifetime value (客户终生价值): deterministic models (chapter 08).

Customer lifetime value (CLV) is the present value of all the net cash a firm receives from a
customer over the relationship, beyond all the costs of attracting, selling to and serving
that customer. This module holds the course's CLV formulas, in sections:

* **Deterministic models** (chapter 08): the retention model of CLV with a finite or infinite
  horizon, :func:`clv` and :func:`margin_multiple`, and its year-by-year schedule
  :func:`clv_schedule`; the lecture's four calculation steps as an NPV table, :func:`npv_table`;
  the six sources of value CLV = CLV1 + ... + CLV6, :func:`clv_components`; the cohort worked
  example, :func:`cohort_clv`; the simple six-step method (marginal net worth of a customer),
  :func:`simple_clv`.
* **Inputs from data** (chapter 08): yearly retention and yearly margin per segment from a
  customers table and a profit table, :func:`yearly_retention`, :func:`segment_margin`, and
  the CLV of each segment against its acquisition cost, :func:`segment_clv`.
* **DWYER method and customer-event prediction** (chapter 09): the lost-for-good group table
  :func:`dwyer_table` (with :func:`retention_projection` and :func:`group_years`); the
  always-a-share migration model as a Markov chain over recency states,
  :func:`recency_states`, :func:`migration_matrix`, :func:`migration_clv`,
  :class:`MigrationModel`; the profit-and-expense forecast per customer from predicted
  events, :func:`event_plan`, :func:`event_schedule`, :func:`event_forecast`, with Monte Carlo
  ranges, :func:`simulate_events`. Chapter 10's probabilistic models (BG/NBD, Pareto/NBD,
  Gamma-Gamma) live in :mod:`helpers.btyd`.

Timing convention (read this once)
----------------------------------
A customer who is on the books today brings a margin ``m`` each period while it stays; it stays
from one period to the next with probability ``r`` (the retention rate); money in period ``t`` is
worth ``1 / (1 + d)^t`` today (``d`` the discount rate per period). Two timings are in use:

``timing="end"`` (the default; Gupta & Lehmann 2005, *Managing Customers as Investments*):
    margins arrive at the *end* of periods 1, 2, ..., T, and only if the customer has been
    retained until then (probability ``r^t``)::

        CLV = sum_{t=1..T} m r^t / (1 + d)^t  ->  m r / (1 + d - r)     (T -> infinity)

``timing="start"`` (Gupta & Lehmann 2003, "Customers as assets", *Journal of Interactive
Marketing* 17(1); Berger & Nasr 1998, case 1): the first margin is paid *now* (t = 0), then at
the start of every later period while the customer stays; T margins in all::

        CLV = sum_{t=0..T-1} m r^t / (1 + d)^t  ->  m (1 + d) / (1 + d - r)   (T -> infinity)

The two differ by one period: start = end x (1 + d) / r. In both, ``horizon`` T counts the
margins that may be received. An acquisition cost ``A`` is paid today and subtracted.
Source: Berger, P. D. & Nasr, N. I. (1998), "Customer lifetime value: marketing models and
applications", *Journal of Interactive Marketing* 12(1), 17-30.

Conventions: rates are fractions (0.1 = 10 %); money in CNY unless a function says otherwise.
Bad input raises a ``ValueError`` or ``TypeError`` naming the argument and the values at fault.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from .validation import (as_numeric_series, require_between, require_columns, require_frame,
                         require_no_nan, require_nonnegative)

__all__ = [
    "TIMINGS", "clv", "margin_multiple", "clv_schedule", "npv_table",
    "CLV_COMPONENTS", "clv_components", "COHORT_DEFAULTS", "cohort_clv",
    "SIMPLE_DEFAULTS", "simple_clv", "CLV_FACTORS", "VALUE_COMPOSITION",
    "yearly_retention", "segment_margin", "segment_clv",
]

Timing = Literal["end", "start"]
TIMINGS: tuple[str, ...] = ("end", "start")
"""The two timing conventions of :func:`clv` (see the module docstring)."""

_SHOW = 5
ArrayLike = float | int | Sequence[float] | np.ndarray | pd.Series


# =============================================================================================
# input checks
# =============================================================================================

def _values(x: object, name: str) -> pd.Series:
    """``x`` (a number, a sequence, an array or a Series) as a float Series, NaN refused."""
    if isinstance(x, (bool, np.bool_)):
        raise TypeError(f"{name} must be a number, got a bool ({x!r})")
    if isinstance(x, str):
        raise TypeError(f"{name} must be a number, got a string ({x!r})")
    if isinstance(x, pd.Series):
        data = x
    else:
        arr = np.asarray(x)
        if arr.ndim > 1:
            return _values(pd.Series(arr.ravel()), name)
        data = pd.Series(np.atleast_1d(arr))
    return as_numeric_series(data, name)


def _fail(series: pd.Series, mask: pd.Series, name: str, rule: str) -> None:
    if mask.any():
        bad = series[mask]
        shown = ", ".join(f"{i!r}: {v!r}" for i, v in bad.head(_SHOW).items())
        more = f" (and {len(bad) - _SHOW} more)" if len(bad) > _SHOW else ""
        raise ValueError(f"{name} {rule}; {int(mask.sum())} value(s) are not: {shown}{more}")


def _check_margin(x: object, name: str = "margin") -> pd.Series:
    s = _values(x, name)
    _fail(s, ~np.isfinite(s), name, "must be a finite amount")
    return s


def _check_retention(x: object, name: str = "retention") -> pd.Series:
    s = _values(x, name)
    require_between(s, 0.0, 1.0, name)
    return s


def _check_discount(x: object, name: str = "discount_rate") -> pd.Series:
    s = _values(x, name)
    _fail(s, ~np.isfinite(s), name, "must be a finite rate")
    _fail(s, s <= -1, name, "must be greater than -1 (a rate of -100 % or less has no "
                            "present value)")
    return s


def _check_horizon(x: object, name: str = "horizon") -> pd.Series:
    s = _values(x, name)
    _fail(s, s < 0, name, "must not be negative (it counts periods)")
    finite = np.isfinite(s)
    _fail(s, finite & (s != np.round(s)), name, "must be a whole number of periods or "
                                                "numpy.inf")
    return s


def _check_cost(x: object, name: str = "acquisition_cost") -> pd.Series:
    s = _values(x, name)
    _fail(s, ~np.isfinite(s), name, "must be a finite amount")
    require_nonnegative(s, name)
    return s


def _check_timing(timing: object) -> str:
    if timing not in TIMINGS:
        raise ValueError(f"timing must be one of {TIMINGS} (see the clv module docstring), "
                         f"got {timing!r}")
    return str(timing)


def _scalar(x: object, name: str, check) -> float:
    if np.ndim(x) != 0:
        raise TypeError(f"{name} must be a single number here, got {np.size(x)} values")
    return float(check(x, name).iloc[0])


def _per_year(x: object, horizon: int, name: str, check) -> np.ndarray:
    """A number (the same every year) or a sequence of exactly ``horizon`` yearly values."""
    s = check(x, name)
    if np.ndim(x) == 0:
        return np.full(horizon, float(s.iloc[0]))
    if len(s) != horizon:
        raise ValueError(f"{name} must be one number or {horizon} yearly values (one per year "
                         f"of the horizon), got {len(s)}")
    return s.to_numpy(dtype=float)


def _broadcast(inputs: dict[str, object], checked: dict[str, pd.Series]
               ) -> tuple[list[np.ndarray], pd.Index | None]:
    """Broadcast the checked inputs like numpy; keep a Series index if one was given."""
    index = None
    for name, raw in inputs.items():
        if isinstance(raw, pd.Series):
            if index is None:
                index = raw.index
            elif not raw.index.equals(index):
                raise ValueError(f"{name} is a Series whose index differs from the other "
                                 "Series inputs: align them first")
    arrays = [np.asarray(raw, dtype=float) if not isinstance(raw, pd.Series)
              else raw.to_numpy(dtype=float) for raw in inputs.values()]
    try:
        arrays = np.broadcast_arrays(*arrays)
    except ValueError as err:
        shapes = {n: np.shape(a) for n, a in zip(inputs, arrays)}
        raise ValueError(f"the inputs cannot be broadcast together: shapes {shapes}") from err
    return arrays, index


def _output(result: np.ndarray, index: pd.Index | None, name: str):
    if index is not None:
        return pd.Series(result, index=index, name=name)
    if result.ndim == 0:
        return float(result)
    return result


# =============================================================================================
# deterministic models
# =============================================================================================

def _geometric(q: np.ndarray, horizon: np.ndarray) -> np.ndarray:
    """sum_{t=0..T-1} q^t for q >= 0, T whole or inf (inf requires q < 1)."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        q_to_t_minus_1 = np.where(np.isinf(horizon), -1.0, np.expm1(horizon * np.log(q)))
        total = np.where(q == 1.0, horizon, q_to_t_minus_1 / (q - 1.0))
    return np.where(horizon == 0, 0.0, total)


def margin_multiple(retention: ArrayLike, discount_rate: ArrayLike,
                    horizon: ArrayLike = np.inf, *, timing: Timing = "end"):
    """How many margins one customer is worth today: CLV / m for a constant margin ``m``.

    ``timing="end"``: sum_{t=1..T} r^t / (1 + d)^t, which is r / (1 + d - r) for T = inf;
    ``timing="start"``: sum_{t=0..T-1} r^t / (1 + d)^t, which is (1 + d) / (1 + d - r).
    Computed in closed form (a geometric series with ratio q = r / (1 + d)). Vectorised like
    numpy; returns a float for scalar input, an array for arrays and a Series if an input is a
    Series. Source: Gupta & Lehmann (2003, 2005), the "margin multiple"; see the module
    docstring for the timing convention.
    """
    return clv(1.0, retention, discount_rate, horizon, timing=timing)


def clv(margin: ArrayLike, retention: ArrayLike, discount_rate: ArrayLike,
        horizon: ArrayLike = np.inf, *, acquisition_cost: ArrayLike = 0.0,
        timing: Timing = "end"):
    """Customer lifetime value with a constant margin and retention rate (the retention model).

    ``timing="end"`` (margins at the end of each period, first after one retention)::

        CLV = m * sum_{t=1..T} r^t / (1 + d)^t - A  ->  m r / (1 + d - r) - A     (T = inf)

    ``timing="start"`` (first margin now, then at the start of each period retained)::

        CLV = m * sum_{t=0..T-1} r^t / (1 + d)^t - A  ->  m (1 + d) / (1 + d - r) - A

    ``margin`` m: net cash (profit) per period of a customer who stays, any sign;
    ``retention`` r in [0, 1]: probability of staying from one period to the next;
    ``discount_rate`` d > -1 per period; ``horizon`` T >= 0: number of margins counted, a whole
    number or ``numpy.inf``; ``acquisition_cost`` A >= 0 paid today.
    The infinite sum converges only for r < 1 + d; otherwise a ``ValueError`` says so.
    Inputs broadcast like numpy arrays (e.g. a column of retention rates against a row of
    discount rates gives a grid). Returns a float for scalar input, an ndarray for arrays, a
    Series (same index) when an input is a Series.
    Sources: Berger & Nasr (1998), case 1; Gupta & Lehmann (2003), "Customers as assets",
    *Journal of Interactive Marketing* 17(1), 9-24; Gupta & Lehmann (2005), *Managing Customers
    as Investments*, ch. 2.
    """
    timing = _check_timing(timing)
    inputs = {"margin": margin, "retention": retention, "discount_rate": discount_rate,
              "horizon": horizon, "acquisition_cost": acquisition_cost}
    checked = {"margin": _check_margin(margin), "retention": _check_retention(retention),
               "discount_rate": _check_discount(discount_rate),
               "horizon": _check_horizon(horizon),
               "acquisition_cost": _check_cost(acquisition_cost)}
    (m, r, d, horizon_, a), index = _broadcast(inputs, checked)
    q = r / (1.0 + d)
    diverge = np.isinf(horizon_) & (q >= 1.0)
    if diverge.any():
        where = np.argwhere(diverge)[:_SHOW].tolist()
        raise ValueError("the infinite-horizon CLV diverges when retention >= 1 + "
                         f"discount_rate; {int(diverge.sum())} input combination(s) do: "
                         f"positions {where}. Use a finite horizon or a lower retention.")
    series = _geometric(q, horizon_)
    if timing == "end":
        series = q * series
    return _output(m * series - a, index, "clv")


def clv_schedule(margin: float, retention: float, discount_rate: float, horizon: int, *,
                 acquisition_cost: float = 0.0, timing: Timing = "end") -> pd.DataFrame:
    """The retention model of :func:`clv` written out period by period (finite horizon).

    One row per period ``time`` = 0 (today) .. T (timing ``"end"``) or 0 .. T-1 (``"start"``),
    with ``survival`` (probability the customer is still there: r^t), ``margin`` (expected
    margin m r^t, 0 at time 0 for timing ``"end"``), ``acquisition_cost`` (A at time 0),
    ``net_cash`` (margin - acquisition cost), ``discount_factor`` 1 / (1 + d)^t,
    ``present_value`` and ``cumulative_pv``. The last cumulative value equals :func:`clv`.
    Scalars only. Source: as :func:`clv`.
    """
    timing = _check_timing(timing)
    m = _scalar(margin, "margin", _check_margin)
    r = _scalar(retention, "retention", _check_retention)
    d = _scalar(discount_rate, "discount_rate", _check_discount)
    big_t = _scalar(horizon, "horizon", _check_horizon)
    a = _scalar(acquisition_cost, "acquisition_cost", _check_cost)
    if not np.isfinite(big_t):
        raise ValueError("clv_schedule needs a finite horizon (a whole number of periods)")
    big_t = int(big_t)
    last = big_t if timing == "end" else max(big_t - 1, 0)
    time = np.arange(last + 1)
    survival = r ** time
    paid = (time >= 1) if timing == "end" else (time < big_t)
    expected = np.where(paid, m * survival, 0.0)
    acq = np.where(time == 0, a, 0.0)
    factor = (1.0 + d) ** -time.astype(float)
    net = expected - acq
    return pd.DataFrame({
        "time": time, "survival": survival, "margin": expected, "acquisition_cost": acq,
        "net_cash": net, "discount_factor": factor, "present_value": net * factor,
        "cumulative_pv": np.cumsum(net * factor),
    })


def npv_table(net_profit: Sequence[float] | pd.Series, discount_rate: float, *,
              timing: Timing = "start") -> pd.DataFrame:
    """The lecture's four calculation steps of CLV as a table (客户终生价值的计算步骤).

    Step 1, determine the customer lifecycle: one row per ``year`` 1..n of ``net_profit``;
    step 2, each year's net profit (the input); step 3, discount it: ``discount_factor`` =
    1 / (1 + d)^(t-1) with ``timing="start"`` (year 1 is today, the default, as in the lecture's
    tables) or 1 / (1 + d)^t with ``timing="end"`` (every year's profit arrives at its end),
    ``present_value`` = net profit x factor; step 4, sum: ``cumulative_pv``, whose last value
    is the CLV. Net profit may be negative (e.g. year 1 after the acquisition cost).
    Source: the four steps of lecture 003; net present value as in any finance text.
    """
    timing = _check_timing(timing)
    profit = _check_margin(net_profit, "net_profit")
    d = _scalar(discount_rate, "discount_rate", _check_discount)
    year = np.arange(1, len(profit) + 1)
    exponent = year - 1 if timing == "start" else year
    factor = (1.0 + d) ** -exponent.astype(float)
    pv = profit.to_numpy() * factor
    return pd.DataFrame({"year": year, "net_profit": profit.to_numpy(), "discount_factor": factor,
                         "present_value": pv, "cumulative_pv": np.cumsum(pv)})


# ---------------------------------------------------------------------------------------------
# the six sources of value: CLV = CLV1 + ... + CLV6
# ---------------------------------------------------------------------------------------------

CLV_COMPONENTS: dict[str, tuple[str, str, str]] = {
    # key: (name, Chinese, what it is and which inputs make it)
    "CLV1": ("initial purchase", "初期购买收益",
             "profit of the first purchase (initial_margin, today) minus the acquisition cost"),
    "CLV2": ("repeat purchase", "重复购买收益",
             "repeat_margin in year 1, growing by wallet_growth a year as the share of wallet "
             "rises"),
    "CLV3": ("cross-selling", "交叉销售收益", "cross_sell_margin a year from other products"),
    "CLV4": ("lower cost to serve", "服务成本降低收益",
             "cost_saving a year as both sides learn to work together"),
    "CLV5": ("referrals", "推荐收益",
             "referrals a year x referral_value (profit of a referred customer): free "
             "advertising"),
    "CLV6": ("price premium", "价格溢价",
             "price_premium a year: extra profit from lower price sensitivity"),
}
"""The lecture's six sources of customer lifetime value (003), with their inputs."""

CLV_FACTORS: dict[str, str] = {
    "time horizon": "时间范围", "discount rate": "贴现率", "retention rate": "客户的维系率",
    "referral rate": "产品被提及率", "change in customer revenue": "客户收入的变化",
    "relationship maintenance cost": "客户关系的维系成本", "marketing cost": "营销费用",
    "other factors": "其他因素",
}
"""Factors that drive CLV, after the lecture (003)."""

VALUE_COMPOSITION: dict[str, tuple[str, str]] = {
    "historical value": ("历史价值", "the value realised so far"),
    "current value": ("当前价值", "the value still to come if the customer's behaviour does "
                      "not change"),
    "potential value": ("潜在价值", "the extra value from cross-selling, referrals and a "
                        "larger share of wallet"),
}
"""The composition of a customer's value (003)."""


def clv_components(initial_margin: float, repeat_margin: float, retention: float,
                   discount_rate: float, horizon: int, *, wallet_growth: float = 0.0,
                   cross_sell_margin: ArrayLike = 0.0, cost_saving: ArrayLike = 0.0,
                   referrals: ArrayLike = 0.0, referral_value: float = 0.0,
                   price_premium: ArrayLike = 0.0, acquisition_cost: float = 0.0
                   ) -> pd.DataFrame:
    """CLV = CLV1 + CLV2 + ... + CLV6, the lecture's six sources of value, as a table.

    The customer is won today (year 0): CLV1 = ``initial_margin`` - ``acquisition_cost``, not
    discounted. In each later year t = 1..``horizon`` the customer is still there with
    probability r^t (``retention``) and money is worth 1 / (1 + d)^t (``discount_rate``); each
    later source is the sum over those years of r^t / (1 + d)^t x its yearly amount:

    * CLV2 repeat purchase: ``repeat_margin`` x (1 + ``wallet_growth``)^(t-1);
    * CLV3 cross-selling: ``cross_sell_margin``;
    * CLV4 lower cost to serve: ``cost_saving``;
    * CLV5 referrals: ``referrals`` (new customers recommended a year) x ``referral_value``;
    * CLV6 price premium: ``price_premium``.

    The yearly amounts of CLV3-CLV6 are one number (the same every year) or ``horizon`` values.
    Returns one row per component (index CLV1..CLV6) with ``source``, ``chinese``, ``inputs``
    (:data:`CLV_COMPONENTS`), ``value`` and ``share`` (of the total); the values sum to the CLV,
    which is also in ``.attrs["clv"]``. With only a repeat margin, CLV2 equals
    ``clv(repeat_margin, retention, discount_rate, horizon, timing="end")``.
    Source: the CLV formula of lecture 003; the sources of value follow Reichheld & Sasser
    (1990), "Zero defections", *Harvard Business Review* 68(5), and Reichheld (1996),
    *The Loyalty Effect*, ch. 2.
    """
    r = _scalar(retention, "retention", _check_retention)
    d = _scalar(discount_rate, "discount_rate", _check_discount)
    big_t = _scalar(horizon, "horizon", _check_horizon)
    if not np.isfinite(big_t):
        raise ValueError("clv_components needs a finite horizon (a whole number of years)")
    big_t = int(big_t)
    m0 = _scalar(initial_margin, "initial_margin", _check_margin)
    m1 = _scalar(repeat_margin, "repeat_margin", _check_margin)
    g = _scalar(wallet_growth, "wallet_growth", _check_discount)
    a = _scalar(acquisition_cost, "acquisition_cost", _check_cost)
    rv = _scalar(referral_value, "referral_value", _check_margin)
    t = np.arange(1, big_t + 1)
    weight = (r / (1.0 + d)) ** t  # survival x discount factor of years 1..T
    yearly = {
        "CLV2": m1 * (1.0 + g) ** (t - 1),
        "CLV3": _per_year(cross_sell_margin, big_t, "cross_sell_margin", _check_margin),
        "CLV4": _per_year(cost_saving, big_t, "cost_saving", _check_margin),
        "CLV5": _per_year(referrals, big_t, "referrals", _check_cost) * rv,
        "CLV6": _per_year(price_premium, big_t, "price_premium", _check_margin),
    }
    values = {"CLV1": m0 - a, **{k: float(weight @ v) for k, v in yearly.items()}}
    total = float(sum(values.values()))
    table = pd.DataFrame({
        "source": [CLV_COMPONENTS[k][0] for k in values],
        "chinese": [CLV_COMPONENTS[k][1] for k in values],
        "inputs": [CLV_COMPONENTS[k][2] for k in values],
        "value": list(values.values()),
    }, index=pd.Index(list(values), name="component"))
    table["share"] = table["value"] / total if total != 0 else 0.0
    table.attrs["clv"] = total
    return table


# ---------------------------------------------------------------------------------------------
# the cohort worked example
# ---------------------------------------------------------------------------------------------

COHORT_DEFAULTS: dict[str, object] = {
    "customers": 20_000,
    "retention": (0.45, 0.55, 0.62, 0.68),
    "orders_per_customer": (1.8, 2.2, 2.5, 2.7, 2.9),
    "spend_per_order": (180.0, 190.0, 200.0, 210.0, 220.0),
    "direct_cost_rate": (0.70, 0.66, 0.63, 0.62, 0.61),
    "acquisition_cost": 100.0,
    "marketing_cost": 15.0,
    "discount_rate": 0.12,
}
"""Default inputs of :func:`cohort_clv`: illustrative numbers chosen for the course in the
spirit of the lecture's example (whose own table is lost), five years, amounts in CNY."""


def cohort_clv(customers: int = 20_000,
               retention: Sequence[float] = COHORT_DEFAULTS["retention"],  # type: ignore[assignment]
               orders_per_customer: ArrayLike = COHORT_DEFAULTS["orders_per_customer"],  # type: ignore[assignment]
               spend_per_order: ArrayLike = COHORT_DEFAULTS["spend_per_order"],  # type: ignore[assignment]
               direct_cost_rate: ArrayLike = COHORT_DEFAULTS["direct_cost_rate"],  # type: ignore[assignment]
               acquisition_cost: float = 100.0, marketing_cost: ArrayLike = 15.0,
               discount_rate: float = 0.12) -> pd.DataFrame:
    """The lecture's cohort example: a campaign wins ``customers`` in year 1; follow them.

    The horizon is ``len(retention) + 1`` years. ``retention`` holds the year-to-year rates:
    entry k is the share of year (k+1)'s customers still buying in year k+2. Per year t:

    * ``retention_rate`` (1 in year 1: the cohort as won) and ``customers`` =
      customers x the product of the retention rates so far;
    * ``orders_per_customer`` (one number or one per year), ``orders`` = customers x orders
      per customer, ``spend_per_order`` (one number or one per year) and ``revenue`` =
      orders x spend per order;
    * ``direct_cost`` = ``direct_cost_rate`` x revenue (cost of goods and serving);
    * ``marketing_cost`` = ``acquisition_cost`` x customers won in year 1, and in later years
      ``marketing_cost`` (retention marketing) x the year's customers;
    * ``profit`` = revenue - direct cost - marketing cost;
    * ``discount_factor`` = 1 / (1 + d)^(t-1) (year 1 is today), ``npv`` = profit x factor,
      ``cumulative_npv``, and ``clv_per_customer`` = cumulative NPV / customers won: the
      lifetime value per original customer to date.

    Defaults (:data:`COHORT_DEFAULTS`) are illustrative, chosen for the course: the lecture's
    own numbers are lost. Source: lecture 003 ("客户周期价值计算"); the layout follows the
    customer lifetime value tables of Hughes, A. M. (2005), *Strategic Database Marketing*,
    3rd ed., ch. 6.
    """
    if (not isinstance(customers, (int, np.integer)) or isinstance(customers, bool)
            or customers < 1):
        raise ValueError(f"customers must be a positive whole number, got {customers!r}")
    rates = _check_retention(retention, "retention")
    if np.ndim(retention) == 0:
        raise TypeError("retention must be a sequence of year-to-year rates (one per year "
                        "after the first), e.g. (0.45, 0.55, 0.62)")
    horizon = len(rates) + 1
    orders = _per_year(orders_per_customer, horizon, "orders_per_customer", _check_cost)
    spend = _per_year(spend_per_order, horizon, "spend_per_order", _check_cost)
    cost_rate = _per_year(direct_cost_rate, horizon, "direct_cost_rate", _check_retention)
    upkeep = _per_year(marketing_cost, horizon, "marketing_cost", _check_cost)
    a = _scalar(acquisition_cost, "acquisition_cost", _check_cost)
    d = _scalar(discount_rate, "discount_rate", _check_discount)
    year = np.arange(1, horizon + 1)
    rate = np.concatenate([[1.0], rates.to_numpy()])
    active = customers * np.cumprod(rate)
    placed = active * orders
    revenue = placed * spend
    direct = cost_rate * revenue
    marketing = np.where(year == 1, a * customers, upkeep * active)
    profit = revenue - direct - marketing
    factor = (1.0 + d) ** -(year - 1.0)
    npv = profit * factor
    return pd.DataFrame({
        "year": year, "retention_rate": rate, "customers": active,
        "orders_per_customer": orders, "orders": placed, "spend_per_order": spend,
        "revenue": revenue,
        "direct_cost_rate": cost_rate, "direct_cost": direct, "marketing_cost": marketing,
        "profit": profit, "discount_factor": factor, "npv": npv,
        "cumulative_npv": np.cumsum(npv), "clv_per_customer": np.cumsum(npv) / customers,
    })


# ---------------------------------------------------------------------------------------------
# the simple six-step method: marginal net worth of a customer
# ---------------------------------------------------------------------------------------------

SIMPLE_DEFAULTS: dict[str, float] = {
    "average_sale": 500.0, "profit_rate": 0.30, "repeat_orders": 3.0,
    "marketing_spend": 200_000.0, "new_customers": 1_000.0,
    "prospect_spend": 50_000.0, "prospects": 2_000.0, "conversion_rate": 0.10,
}
"""Illustrative inputs of :func:`simple_clv` (CNY), chosen for the course."""


def simple_clv(average_sale: float = 500.0, profit_rate: float = 0.30,
               repeat_orders: float = 3.0, marketing_spend: float = 200_000.0,
               new_customers: float = 1_000.0, prospect_spend: float = 50_000.0,
               prospects: float = 2_000.0, conversion_rate: float = 0.10) -> pd.DataFrame:
    """The lecture's simple six-step CLV method, step by step (客户终身价值计算方法).

    1. average sale and profit per sale = ``average_sale`` x ``profit_rate``;
    2. a conservative number of ``repeat_orders`` per customer: lifetime profit = profit per
       sale x (1 + repeat orders);
    3. cost per sale = ``marketing_spend`` / ``new_customers`` (what winning one customer cost);
    4. the same for prospects: cost per prospect = ``prospect_spend`` / ``prospects``;
    5. the prospects' ``conversion_rate`` (share who become customers): cost per converted
       prospect = cost per prospect / conversion rate;
    6. marginal net worth of a customer = lifetime profit - marketing spend per customer (for a
       customer won directly, and for one won through prospecting).

    Returns one row per quantity (index: short names) with ``step``, ``quantity``, ``chinese``
    and ``value`` (CNY, except repeat orders and the conversion rate). No discounting: the
    method is a quick, undiscounted estimate. Source: lecture 000 ("客户终身价值计算方法").
    """
    sale = _scalar(average_sale, "average_sale", _check_cost)
    rate = _scalar(profit_rate, "profit_rate", _check_margin)
    repeats = _scalar(repeat_orders, "repeat_orders", _check_cost)
    spend = _scalar(marketing_spend, "marketing_spend", _check_cost)
    won = _scalar(new_customers, "new_customers", _check_cost)
    p_spend = _scalar(prospect_spend, "prospect_spend", _check_cost)
    n_prospects = _scalar(prospects, "prospects", _check_cost)
    conversion = _scalar(conversion_rate, "conversion_rate", _check_retention)
    for name, x in (("new_customers", won), ("prospects", n_prospects),
                    ("conversion_rate", conversion)):
        if x == 0:
            raise ValueError(f"{name} must be positive: the method divides by it")
    profit_per_sale = sale * rate
    lifetime = profit_per_sale * (1.0 + repeats)
    cost_per_sale = spend / won
    cost_per_prospect = p_spend / n_prospects
    cost_per_convert = cost_per_prospect / conversion
    rows = [
        ("average_sale", 1, "average sale", "平均销售额", sale),
        ("profit_per_sale", 1, "profit per sale", "每笔销售的利润", profit_per_sale),
        ("repeat_orders", 2, "repeat orders per customer (conservative)", "重复订购次数",
         repeats),
        ("lifetime_profit", 2, "profit per customer over its repeat orders", "客户带来的利润",
         lifetime),
        ("cost_per_sale", 3, "marketing spend / new customers", "每个客户的销售成本",
         cost_per_sale),
        ("cost_per_prospect", 4, "prospect marketing spend / prospects", "准客户的销售成本",
         cost_per_prospect),
        ("conversion_rate", 5, "share of prospects who become customers", "转化率",
         conversion),
        ("cost_per_converted_prospect", 5, "cost per prospect / conversion rate",
         "每个转化客户的成本", cost_per_convert),
        ("marginal_net_worth", 6, "lifetime profit - cost per sale", "客户的边际净值",
         lifetime - cost_per_sale),
        ("marginal_net_worth_prospect", 6, "lifetime profit - cost per converted prospect",
         "准客户的边际净值", lifetime - cost_per_convert),
    ]
    table = pd.DataFrame(rows, columns=["name", "step", "quantity", "chinese", "value"])
    return table.set_index("name")


# =============================================================================================
# inputs from data: retention and margin per segment, segment CLV
# =============================================================================================

def _customer_frame(customers: pd.DataFrame, by: str | None) -> pd.DataFrame:
    require_frame(customers, "customers")
    cols = ["customer_id", "acquisition_date", "lost_date"] + ([by] if by else [])
    require_columns(customers, cols, "customers")
    require_no_nan(customers[[c for c in cols if c != "lost_date"]], "customers")
    if customers["customer_id"].duplicated().any():
        dup = customers.loc[customers["customer_id"].duplicated(), "customer_id"]
        raise ValueError(f"customers: customer_id must be unique; repeated: "
                         f"{dup.head(_SHOW).tolist()}")
    late = customers["lost_date"] < customers["acquisition_date"]
    if late.any():
        raise ValueError("customers: lost_date must not be before acquisition_date; "
                         f"{int(late.sum())} row(s) are:\n"
                         f"{customers.loc[late, cols].head(_SHOW).to_string()}")
    return customers[cols]


def _check_years(years: object) -> list[int]:
    if isinstance(years, (str, bytes)) or not hasattr(years, "__iter__"):
        raise TypeError(f"years must be a sequence of calendar years, got {years!r}")
    out = list(years)
    if not out or not all(isinstance(y, (int, np.integer)) and not isinstance(y, bool)
                          for y in out):
        raise ValueError(f"years must be a non-empty sequence of whole years, got {out!r}")
    return [int(y) for y in out]


def _on_books(c: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """One row per customer and year it was on the books on 1 January, with ``retained``."""
    frames = []
    for year in years:  # a loop over a few years, not over customers
        start, end = pd.Timestamp(year, 1, 1), pd.Timestamp(year + 1, 1, 1)
        at_start = (c["acquisition_date"] < start) & ~(c["lost_date"] < start)
        part = c[at_start].assign(year=year)
        part["retained"] = ~(part["lost_date"] < end)
        frames.append(part)
    return pd.concat(frames, ignore_index=True)


def yearly_retention(customers: pd.DataFrame, years: Sequence[int], *, by: str | None = None,
                     by_year: bool = False) -> pd.DataFrame:
    """Yearly retention rate: of the customers on the books on 1 January, the share still there a
    year later (客户保持率).

    ``customers`` needs ``customer_id, acquisition_date, lost_date`` (NaT while active) and the
    column ``by`` if given. A customer is on the books on 1 January of ``year`` if it was
    acquired before that day and not lost before it; it is retained if it is not lost before
    1 January of the next year. Each year of ``years`` must be fully observed (the data must
    record losses up to its 31 December). Returns ``at_start``, ``retained``, ``lost``,
    ``retention`` = retained / at start, pooled over ``years`` per group of ``by`` (and per
    year with ``by_year=True``), and ``std_error``, the binomial standard error of that
    proportion, sqrt(r (1 - r) / n) with n = at start (the customer-years are treated as
    independent trials). A group with no customer at the start raises a ``ValueError``.
    Source: the retention rate of the course (lecture 003); Reichheld & Sasser (1990); the
    standard error of a proportion as in any statistics text.

    The counts are those of chapter 07's :func:`helpers.retention.period_retention` (pooled as
    in :func:`helpers.retention.group_retention`); this version adds the standard error, needs
    no end of the data, and pools any years the chapter's models are fitted on.
    """
    c = _customer_frame(customers, by)
    books = _on_books(c, _check_years(years))
    keys = ([by] if by else []) + (["year"] if by_year else [])
    if books.empty:
        raise ValueError("no customer was on the books on 1 January of any of the years "
                         f"{list(years)}: nothing to measure retention on")
    if keys:
        grouped = books.groupby(keys, observed=True)["retained"]
        table = pd.DataFrame({"at_start": grouped.size(), "retained": grouped.sum()})
    else:
        table = pd.DataFrame({"at_start": [len(books)], "retained": [books["retained"].sum()]},
                             index=pd.Index(["all"], name="group"))
    if by and not by_year:
        missing = sorted(set(c[by].unique()) - set(table.index))
        if missing:
            raise ValueError(f"customers[{by!r}]: group(s) {missing} have no customer on the "
                             f"books on 1 January of {list(years)}: no retention rate")
    table["retained"] = table["retained"].astype(int)
    table["lost"] = table["at_start"] - table["retained"]
    table["retention"] = table["retained"] / table["at_start"]
    table["std_error"] = np.sqrt(table["retention"] * (1.0 - table["retention"])
                                 / table["at_start"])
    return table


def segment_margin(profit: pd.DataFrame, customers: pd.DataFrame, years: Sequence[int], *,
                   by: str | None = None) -> pd.DataFrame:
    """Yearly margin per customer: mean net profit over the full years customers were on the books.

    ``profit`` is :func:`helpers.value.customer_profit` by year (``customer_id, year,
    net_profit``); ``customers`` as in :func:`yearly_retention`. A *full year* is a year of
    ``years`` that the customer was on the books from 1 January to 31 December (acquired before
    it, not lost in it), so partial first and last years (ramp-up, fading before a loss) do not
    bias the margin. A full year without a profit row counts as 0. Returns per group of ``by``
    ``customer_years`` and ``margin`` (mean net profit per customer-year, CNY), plus the median
    ``median_margin``. Customers of ``profit`` not in ``customers`` are not used.
    Source: net customer profitability (chapter 04) as the margin of the retention model.
    """
    require_frame(profit, "profit")
    require_columns(profit, ["customer_id", "year", "net_profit"], "profit")
    require_no_nan(profit[["customer_id", "year", "net_profit"]], "profit")
    c = _customer_frame(customers, by)
    books = _on_books(c, _check_years(years))
    full = books[books["retained"]]
    if full.empty:
        raise ValueError("no customer was on the books for a full year of "
                         f"{list(years)}: no margin to measure")
    yearly = profit.groupby(["customer_id", "year"])["net_profit"].sum()
    keys = pd.MultiIndex.from_frame(full[["customer_id", "year"]])
    full = full.assign(net_profit=yearly.reindex(keys, fill_value=0.0).to_numpy())
    grouped = full.groupby(by if by else np.zeros(len(full), int), observed=True)["net_profit"]
    table = pd.DataFrame({"customer_years": grouped.size(), "margin": grouped.mean(),
                          "median_margin": grouped.median()})
    if by:
        missing = sorted(set(c[by].unique()) - set(table.index))
        if missing:
            raise ValueError(f"customers[{by!r}]: group(s) {missing} have no full year on the "
                             f"books in {list(years)}: no margin")
    else:
        table.index = pd.Index(["all"], name="group")
    return table


def segment_clv(customers: pd.DataFrame, profit: pd.DataFrame, years: Sequence[int], *,
                by: str, discount_rate: float = 0.10, horizon: float = np.inf,
                timing: Timing = "start") -> pd.DataFrame:
    """CLV of each segment from its data, against what it costs to win a customer.

    Per group of ``by``: ``customers`` (how many), ``margin`` (:func:`segment_margin`),
    ``retention`` (:func:`yearly_retention`), ``acquisition_cost`` (mean of the customers'
    ``acquisition_cost``), ``value`` = the lifetime value of the margins,
    ``clv(margin, retention, discount_rate, horizon, timing=timing)``, ``clv`` = value -
    acquisition cost and ``worth_acquiring``
    (CLV > 0). The default ``timing="start"`` counts the first year's margin at once (a customer
    just won brings its first year for sure). Simplifications to keep in mind: a constant
    margin and retention (no ramp-up, no growth) and the past taken as the future.
    Source: the retention model (:func:`clv`) with inputs estimated from the data.
    """
    require_frame(customers, "customers")
    require_columns(customers, ["acquisition_cost", by], "customers")
    cost = as_numeric_series(customers["acquisition_cost"], "customers['acquisition_cost']")
    require_nonnegative(cost, "customers['acquisition_cost']")
    margin = segment_margin(profit, customers, years, by=by)
    retention = yearly_retention(customers, years, by=by)
    table = pd.DataFrame({
        "customers": customers.groupby(by, observed=True).size(),
        "customer_years": margin["customer_years"],
        "margin": margin["margin"],
        "retention": retention["retention"],
        "acquisition_cost": cost.groupby(customers[by], observed=True).mean(),
    })
    table["value"] = clv(table["margin"], table["retention"], discount_rate, horizon,
                         timing=timing)
    table["clv"] = table["value"] - table["acquisition_cost"]
    table["worth_acquiring"] = table["clv"] > 0
    return table.sort_values("clv", ascending=False)


# =============================================================================================
# DWYER method and customer-event prediction (chapter 09)
# =============================================================================================
#
# Three tools of the lecture (003, 000) and two models beyond it:
#
# * the DWYER method, lost-for-good (retention) model: a group's yearly customers, sales, costs
#   and profit, discounted and cumulated: dwyer_table, retention_projection, group_years;
# * the always-a-share (migration) model as a Markov chain over recency states (Pfeifer &
#   Carraway 2000): recency_states, migration_matrix, migration_rewards, migration_clv,
#   state_projection, group_value, simulate_migration, MigrationModel;
# * customer-event prediction: a schedule of predicted events with revenue and cost per customer
#   and a profit-and-expense forecast per customer: event_plan, event_schedule, event_forecast,
#   with Monte Carlo ranges: simulate_events, simulation_ranges.

__all__ += [
    "CUSTOMER_TYPES", "dwyer_table", "retention_projection", "group_years", "per_period_rate",
    "recency_states", "migration_matrix", "recency_matrix", "purchase_probabilities",
    "migration_rewards", "migration_clv", "state_projection", "group_value",
    "simulate_migration", "MigrationModel",
    "EVENT_PLAN_COLUMNS", "event_plan", "event_schedule", "event_forecast", "simulate_events",
    "simulation_ranges",
]

CUSTOMER_TYPES: dict[str, tuple[str, str]] = {
    "lost for good": (
        "永久流失型",
        "the business cannot be split or switching is costly (a main supplier, a contract, a "
        "system to learn): once lost, the customer hardly comes back. Value it with the "
        "retention model: a group that shrinks by the retention rate every year."),
    "always a share": (
        "暂时流失型",
        "the customer spreads its business across suppliers at little cost: it may pause and "
        "come back later, with more. Value it with the migration model: customers move between "
        "recency states and return with a probability that falls with recency."),
}
"""Dwyer's (1989) two customer types, after Jackson (1985), *Winning and Keeping Industrial
Customers*: name -> (Chinese, when it applies and which model values it)."""


def _frame_numbers(frame: pd.DataFrame, columns: Sequence[str], name: str, *,
                   nonnegative: bool = True) -> None:
    """Numeric, finite (no NaN) and, if asked, non-negative columns of ``frame``."""
    for column in columns:
        s = as_numeric_series(frame[column], f"{name}[{column!r}]")
        _fail(s, ~np.isfinite(s), f"{name}[{column!r}]", "must be finite")
        if nonnegative:
            require_nonnegative(s, f"{name}[{column!r}]")


def _keys(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def per_period_rate(annual_rate: float, periods_per_year: int) -> float:
    """The rate per period equivalent to an annual rate: (1 + D)^(1/k) - 1.

    Use it to discount monthly (k = 12) or quarterly (k = 4) models with a yearly cost of
    capital D. Source: compound interest, as in any finance text.
    """
    rate = _scalar(annual_rate, "annual_rate", _check_discount)
    if (not isinstance(periods_per_year, (int, np.integer)) or isinstance(periods_per_year, bool)
            or periods_per_year < 1):
        raise ValueError(f"periods_per_year must be a positive whole number, got "
                         f"{periods_per_year!r}")
    return float((1.0 + rate) ** (1.0 / periods_per_year) - 1.0)


# ---------------------------------------------------------------------------------------------
# lost for good: the DWYER table
# ---------------------------------------------------------------------------------------------

def _money_columns(data: pd.DataFrame, name: str, amounts: tuple[str, str],
                   net: str) -> list[str]:
    """Which money columns a table uses: both of ``amounts`` (e.g. sales and costs), or the
    single ``net`` column (e.g. profit), never a mix."""
    has = [c for c in (*amounts, net) if c in data.columns]
    if net in has and len(has) > 1:
        raise ValueError(f"{name}: give either {list(amounts)} or {net!r}, not both (found "
                         f"{has})")
    if has == [net]:
        return [net]
    require_columns(data, list(amounts), name)
    return list(amounts)


def dwyer_table(data: pd.DataFrame, discount_rate: float, *,
                by: str | Sequence[str] | None = None, timing: Timing = "start") -> pd.DataFrame:
    """The DWYER method (DWYER 方法): a group's yearly profit, discounted and cumulated.

    ``data`` holds one row per group (``by``, optional) and ``year`` with the group's
    ``customers`` (active that year) and either its ``sales`` and ``costs`` (all costs of
    serving and marketing to the group that year, CNY, both >= 0) or directly its ``profit``
    (net cash, any sign). Per group, in order of ``year``, with t = 1, 2, ...:

    * ``retention`` = customers_t / customers_(t-1) (1 in the first year: the group as formed);
    * ``profit`` = sales - costs (or as given); ``sales_per_customer`` (with sales) and
      ``profit_per_customer``;
    * ``discount_factor`` = 1 / (1 + d)^(t-1) (``timing="start"``: the first year is today, as
      in the lecture's tables and :func:`npv_table`) or 1 / (1 + d)^t (``"end"``);
      ``npv`` = profit x factor;
    * ``cumulative_npv`` and ``value_per_customer`` = cumulative NPV / customers of the first
      year: the lifetime value to date of an *original* customer of the group.

    The result values the group, or its average customer, never an individual one: every
    customer of a group gets the same number. Source: Dwyer, F. R. (1989), "Customer lifetime
    valuation to support marketing decision making", *Journal of Direct Marketing* 3(4), 8-15
    (the retention, or lost-for-good, case); lecture 003 (DWYER 方法).
    """
    timing = _check_timing(timing)
    d = _scalar(discount_rate, "discount_rate", _check_discount)
    require_frame(data, "data")
    keys = _keys(by)
    money = _money_columns(data, "data", ("sales", "costs"), "profit")
    cols = keys + ["year", "customers"] + money
    require_columns(data, cols, "data")
    require_no_nan(data[cols], "data")
    _frame_numbers(data, ["customers"] + [c for c in money if c != "profit"], "data")
    if money == ["profit"]:
        _frame_numbers(data, ["profit"], "data", nonnegative=False)
    dup = data.duplicated(keys + ["year"], keep=False)
    if dup.any():
        raise ValueError(f"data: each group must have one row per year; repeated "
                         f"{keys + ['year']}:\n{data.loc[dup, cols].head(_SHOW).to_string()}")
    table = data[cols].sort_values(keys + ["year"]).reset_index(drop=True)
    groups = table.groupby(keys, sort=False) if keys else None
    t = (groups.cumcount() if keys else pd.Series(np.arange(len(table)))).to_numpy() + 1
    first = (groups["customers"].transform("first") if keys
             else pd.Series(table["customers"].iloc[0], index=table.index))
    empty = first <= 0
    if empty.any():
        raise ValueError("data: a group must have customers in its first year (the value per "
                         "original customer divides by them); groups without:\n"
                         f"{table.loc[empty, cols].head(_SHOW).to_string()}")
    previous = (groups["customers"].shift(1) if keys else table["customers"].shift(1))
    with np.errstate(divide="ignore", invalid="ignore"):
        retention = np.where(t == 1, 1.0, table["customers"] / previous)
    gone = (t > 1) & (previous.fillna(1.0).to_numpy() == 0)
    retention = np.where(gone, 0.0, retention)
    exponent = t - 1 if timing == "start" else t
    table["retention"] = retention
    if money != ["profit"]:
        table["profit"] = table["sales"] - table["costs"]
    heads = table["customers"].to_numpy(dtype=float)
    safe = np.where(heads > 0, heads, 1.0)  # a group with no customer left earns 0 per head
    if money != ["profit"]:
        table["sales_per_customer"] = np.where(heads > 0, table["sales"] / safe, 0.0)
    table["profit_per_customer"] = np.where(heads > 0, table["profit"] / safe, 0.0)
    table["discount_factor"] = (1.0 + d) ** -exponent.astype(float)
    table["npv"] = table["profit"] * table["discount_factor"]
    table["cumulative_npv"] = (table.groupby(keys, sort=False)["npv"].cumsum() if keys
                               else table["npv"].cumsum())
    table["value_per_customer"] = table["cumulative_npv"] / first.to_numpy()
    return table


def retention_projection(groups: pd.DataFrame, horizon: int) -> pd.DataFrame:
    """Lost-for-good groups projected year by year: the input of :func:`dwyer_table`.

    ``groups`` has one row per group (its index names the groups) with ``customers`` (the
    group today), ``retention`` (yearly, in [0, 1]), either ``sales_per_customer`` and
    ``cost_per_customer`` (CNY a year per active customer, both >= 0) or ``margin`` (the net
    profit a year per active customer, any sign, e.g. from :func:`segment_margin`) and,
    optionally, ``acquisition_cost`` (CNY per customer, paid in year 1). For
    t = 1..``horizon``: customers_t = customers x retention^(t-1) (a customer lost does not
    come back), sales = customers_t x sales per customer and costs = customers_t x cost per
    customer (+ customers x acquisition cost in year 1), or profit = customers_t x margin
    (- customers x acquisition cost in year 1). With ``dwyer_table(..., timing="start")`` the
    value per original customer equals ``clv(margin, retention, d, horizon, timing="start",
    acquisition_cost=...)`` (margin = sales - cost per customer): the retention model of
    chapter 08, case 1 of Berger & Nasr (1998). Source: Dwyer (1989), the customer retention
    case.
    """
    require_frame(groups, "groups")
    money = _money_columns(groups, "groups", ("sales_per_customer", "cost_per_customer"),
                           "margin")
    need = ["customers", "retention"]
    require_columns(groups, need + money, "groups")
    extra = ["acquisition_cost"] if "acquisition_cost" in groups.columns else []
    require_no_nan(groups[need + money + extra], "groups")
    _frame_numbers(groups, need + [c for c in money if c != "margin"] + extra, "groups")
    if money == ["margin"]:
        _frame_numbers(groups, ["margin"], "groups", nonnegative=False)
    require_between(groups["retention"].astype(float), 0.0, 1.0, "groups['retention']")
    big_t = _scalar(horizon, "horizon", _check_horizon)
    if not np.isfinite(big_t) or big_t < 1:
        raise ValueError(f"horizon must be a whole number of years >= 1, got {horizon!r}")
    big_t = int(big_t)
    n = len(groups)
    year = np.tile(np.arange(1, big_t + 1), n)
    rep = lambda col: np.repeat(groups[col].to_numpy(dtype=float), big_t)  # noqa: E731
    active = rep("customers") * rep("retention") ** (year - 1.0)
    acquisition = (np.where(year == 1, rep("customers") * rep("acquisition_cost"), 0.0)
                   if extra else 0.0)
    name = groups.index.name or "group"
    table = pd.DataFrame({name: np.repeat(groups.index.to_numpy(), big_t), "year": year,
                          "customers": active})
    if money == ["margin"]:
        table["profit"] = active * rep("margin") - acquisition
    else:
        table["sales"] = active * rep("sales_per_customer")
        table["costs"] = active * rep("cost_per_customer") + acquisition
    return table


def group_years(customers: pd.DataFrame, profit: pd.DataFrame, years: Sequence[int], *,
                by: str | None = None) -> pd.DataFrame:
    """A group's actual yearly customers, sales and costs from the data: the DWYER input.

    ``customers`` (``customer_id, acquisition_date, lost_date`` and ``by``): the customers
    whose group history to follow (e.g. one acquisition cohort); ``profit``:
    :func:`helpers.value.customer_profit` by year (``customer_id, year, net_sales,
    cost_of_goods, cost_to_serve``). A customer counts in a year of ``years`` if it was on the
    books at some time in it (acquired by 31 December, not lost before 1 January). ``sales``
    = net sales, ``costs`` = cost of goods + cost to serve, summed over the group's customers.
    Returns ``by`` (if given), ``year``, ``customers``, ``sales``, ``costs`` for
    :func:`dwyer_table`. A group with no customer in a year gets 0 customers, sales and costs.
    Source: Dwyer (1989), with net customer profitability (chapter 04) as the yearly profit.
    """
    c = _customer_frame(customers, by)
    require_frame(profit, "profit")
    cols = ["customer_id", "year", "net_sales", "cost_of_goods", "cost_to_serve"]
    require_columns(profit, cols, "profit")
    require_no_nan(profit[cols], "profit")
    yrs = _check_years(years)
    keys = _keys(by)
    frames = []
    for year in yrs:  # a loop over a few years, not over customers
        start, end = pd.Timestamp(year, 1, 1), pd.Timestamp(year + 1, 1, 1)
        on = (c["acquisition_date"] < end) & ~(c["lost_date"] < start)
        frames.append(c.loc[on, ["customer_id"] + keys].assign(year=year))
    books = pd.concat(frames, ignore_index=True)
    money = books.merge(profit[cols], on=["customer_id", "year"], how="left").fillna(
        {"net_sales": 0.0, "cost_of_goods": 0.0, "cost_to_serve": 0.0})
    money["costs"] = money["cost_of_goods"] + money["cost_to_serve"]
    grouped = money.groupby(keys + ["year"], observed=True)
    table = pd.DataFrame({"customers": grouped.size(), "sales": grouped["net_sales"].sum(),
                          "costs": grouped["costs"].sum()})
    levels = ([sorted(c[by].unique())] if by else []) + [yrs]
    full = (pd.MultiIndex.from_product(levels, names=keys + ["year"]) if by
            else pd.Index(yrs, name="year"))
    table = table.reindex(full, fill_value=0)
    table["customers"] = table["customers"].astype(int)
    return table.reset_index()


# ---------------------------------------------------------------------------------------------
# always a share: the migration model as a Markov chain over recency states
# ---------------------------------------------------------------------------------------------

def _check_states(n_states: object) -> int:
    if (not isinstance(n_states, (int, np.integer)) or isinstance(n_states, bool)
            or n_states < 2):
        raise ValueError(f"n_states must be a whole number >= 2 (recency 1, 2, ..., the last "
                         f"state meaning 'n_states or more periods'), got {n_states!r}")
    return int(n_states)


def recency_states(orders: pd.DataFrame, *, freq: str = "M", n_states: int = 6,
                   start: object = None, end: object = None,
                   date: str = "order_date") -> pd.DataFrame:
    """Each customer's recency state (最近购买期数) at the end of every period.

    Periods (``freq``: ``"M"`` months, ``"Q"`` quarters, ``"Y"`` years) run from ``start`` to
    ``end`` (default: the first and last order date). A customer's state at the end of period
    t is 1 if it bought in period t, k if its last purchase was k - 1 periods earlier, and
    ``n_states`` for "``n_states`` or more periods ago" (an always-a-share customer may still
    return from there); 0 before its first purchase in the window (not yet a customer).
    ``orders`` needs ``customer_id`` and the ``date`` column; several orders in a period count
    as one purchase period. Returns a customer x period table of integer states (columns are
    the periods). Vectorised: the last purchase period is a running maximum.
    Source: the recency states of Pfeifer & Carraway (2000), after Dwyer (1989) and Berger &
    Nasr (1998), case 5.
    """
    require_frame(orders, "orders")
    require_columns(orders, ["customer_id", date], "orders")
    require_no_nan(orders[["customer_id", date]], "orders")
    k = _check_states(n_states)
    if freq not in ("M", "Q", "Y"):
        raise ValueError(f"freq must be 'M', 'Q' or 'Y', got {freq!r}")
    when = pd.to_datetime(orders[date])
    first = pd.Timestamp(start) if start is not None else when.min()
    last = pd.Timestamp(end) if end is not None else when.max()
    if not first <= last:
        raise ValueError(f"start must not be after end, got {first.date()} and {last.date()}")
    periods = pd.period_range(first, last, freq=freq)
    inside = (when >= periods[0].start_time) & (when <= periods[-1].end_time)
    if not inside.any():
        raise ValueError(f"orders: no order falls between {first.date()} and {last.date()}")
    ids, row = np.unique(orders.loc[inside, "customer_id"].to_numpy(), return_inverse=True)
    col = pd.PeriodIndex(when[inside].dt.to_period(freq)).asi8 - periods[0].ordinal
    bought = np.zeros((len(ids), len(periods)), dtype=bool)
    bought[row, col] = True
    index = np.arange(len(periods))
    last_buy = np.maximum.accumulate(np.where(bought, index, -1), axis=1)
    states = np.where(last_buy < 0, 0, np.minimum(index - last_buy + 1, k))
    return pd.DataFrame(states, index=pd.Index(ids, name="customer_id"),
                        columns=pd.Index(periods, name="period"))


def migration_matrix(states: pd.DataFrame, n_states: int | None = None) -> pd.DataFrame:
    """Transition probabilities between recency states, estimated from observed moves (转移矩阵).

    ``states``: :func:`recency_states` (customers x periods). Every pair of consecutive periods
    in which a customer is a customer (state >= 1) is one observed move; the probability of
    moving from state i to j is n(i, j) / n(i), the maximum-likelihood estimate of a Markov
    chain. From state k a customer either buys (to state 1) or does not (to k + 1, or stays in
    the last state). Returns a states x states DataFrame (index ``from``, columns ``to``); the
    counts are in ``.attrs["counts"]``. A state never left in the data raises a ``ValueError``
    (its row cannot be estimated: use fewer states or a longer window).
    Source: Anderson & Goodman (1957), maximum-likelihood estimation of Markov chains;
    Pfeifer & Carraway (2000), *Journal of Interactive Marketing* 14(2), 43-55.
    """
    require_frame(states, "states")
    values = states.to_numpy()
    if not np.issubdtype(values.dtype, np.integer):
        raise TypeError(f"states must hold whole-number recency states (from recency_states), "
                        f"got dtype {values.dtype}")
    k = _check_states(int(values.max()) if n_states is None else n_states)
    if values.min() < 0 or values.max() > k:
        raise ValueError(f"states must lie between 0 (not yet a customer) and {k}; found "
                         f"{int(values.min())} .. {int(values.max())}")
    if values.shape[1] < 2:
        raise ValueError("states needs at least two periods to observe a move")
    before, after = values[:, :-1].ravel(), values[:, 1:].ravel()
    seen = before >= 1
    counts = np.bincount((before[seen] - 1) * k + (after[seen] - 1),
                         minlength=k * k).reshape(k, k)
    totals = counts.sum(axis=1)
    labels = pd.Index(np.arange(1, k + 1), name="from")
    if (totals == 0).any():
        missing = (np.flatnonzero(totals == 0) + 1).tolist()
        raise ValueError(f"no customer was observed leaving recency state(s) {missing}: their "
                         "transition probabilities cannot be estimated (use fewer states or "
                         "a longer window)")
    table = pd.DataFrame(counts / totals[:, None], index=labels,
                         columns=pd.Index(np.arange(1, k + 1), name="to"))
    table.attrs["counts"] = pd.DataFrame(counts, index=labels, columns=table.columns)
    return table


def recency_matrix(purchase_probability: ArrayLike) -> pd.DataFrame:
    """The transition matrix of a recency chain from its purchase probabilities p_1..p_K.

    A customer in state k buys next period with probability p_k (and moves to state 1) or
    does not (and moves to k + 1; the last state K stays K). Row k is p_k in column 1 and
    1 - p_k in column min(k + 1, K). With p_K = 0 the last state is absorbing: lost for good.
    Source: Pfeifer & Carraway (2000), the migration example; Berger & Nasr (1998), case 5.
    """
    p = _values(purchase_probability, "purchase_probability")
    require_between(p, 0.0, 1.0, "purchase_probability")
    k = _check_states(len(p))
    rows = np.arange(k)
    matrix = np.zeros((k, k))
    matrix[rows, 0] = p.to_numpy()
    matrix[rows, np.minimum(rows + 1, k - 1)] += 1.0 - p.to_numpy()
    labels = np.arange(1, k + 1)
    return pd.DataFrame(matrix, index=pd.Index(labels, name="from"),
                        columns=pd.Index(labels, name="to"))


def purchase_probabilities(transition: pd.DataFrame) -> pd.Series:
    """The probability of buying in the next period by recency state: column 1 of the matrix.

    In a recency chain every purchase moves the customer to state 1, so p_k = P(k -> 1).
    Source: Pfeifer & Carraway (2000); Berger & Nasr (1998), case 5.
    """
    p = _transition(transition)
    return pd.Series(p[:, 0], index=pd.Index(np.arange(1, len(p) + 1), name="state"),
                     name="purchase_probability")


def _transition(transition: object, name: str = "transition") -> np.ndarray:
    """A square, row-stochastic matrix of probabilities (DataFrame or array) as an array."""
    if isinstance(transition, pd.DataFrame):
        if not transition.index.equals(transition.columns):
            if list(map(str, transition.index)) != list(map(str, transition.columns)):
                raise ValueError(f"{name}: the rows (from) and columns (to) must list the same "
                                 f"states, got {list(transition.index)} and "
                                 f"{list(transition.columns)}")
        frame = transition
    else:
        arr = np.asarray(transition)
        if arr.ndim != 2:
            raise ValueError(f"{name} must be a square matrix, got shape {arr.shape}")
        frame = pd.DataFrame(arr)
    if frame.shape[0] != frame.shape[1] or frame.shape[0] < 1:
        raise ValueError(f"{name} must be a square matrix, got shape {frame.shape}")
    for column in frame.columns:
        as_numeric_series(frame[column], f"{name}[{column!r}]")
    p = frame.to_numpy(dtype=float)
    flat = pd.Series(p.ravel())
    _fail(flat, (flat < 0) | (flat > 1), f"{name} (flattened)", "must hold probabilities "
                                                                  "between 0 and 1")
    sums = pd.Series(p.sum(axis=1), index=frame.index)
    _fail(sums, (sums - 1.0).abs() > 1e-9, f"{name}: row sums", "must equal 1 (a customer in "
                                                               "a state goes somewhere)")
    return p


def _state_vector(x: object, k: int, name: str) -> np.ndarray:
    s = _check_margin(x, name)
    if np.ndim(x) == 0:
        return np.full(k, float(s.iloc[0]))
    if len(s) != k:
        raise ValueError(f"{name} must have one value per state ({k}), got {len(s)}")
    return s.to_numpy(dtype=float)


def migration_rewards(margin: float, marketing_cost: float = 0.0, n_states: int = 5, *,
                      market_states: int | None = None) -> pd.Series:
    """The cash flow of a customer in each recency state, per period (Pfeifer & Carraway's R).

    State 1 (the customer bought this period) brings the purchase ``margin`` (net contribution,
    CNY); every marketed state costs ``marketing_cost`` (a catalogue, a call). By default all
    states are marketed; with ``market_states`` = m only states 1..m are (the firm stops
    contacting customers who have not bought for m periods). R = (margin - M, -M, ..., -M, 0,
    ..., 0). Source: Pfeifer & Carraway (2000), the reward vector of the migration example.
    """
    m = _scalar(margin, "margin", _check_margin)
    cost = _scalar(marketing_cost, "marketing_cost", _check_cost)
    k = _check_states(n_states)
    stop = k if market_states is None else market_states
    if not isinstance(stop, (int, np.integer)) or isinstance(stop, bool) or not 0 <= stop <= k:
        raise ValueError(f"market_states must be a whole number between 0 and {k}, got "
                         f"{market_states!r}")
    state = np.arange(1, k + 1)
    reward = np.where(state == 1, m, 0.0) - np.where(state <= stop, cost, 0.0)
    return pd.Series(reward, index=pd.Index(state, name="state"), name="reward")


def migration_clv(transition: pd.DataFrame | np.ndarray, reward: ArrayLike,
                  discount_rate: float, horizon: float = np.inf) -> pd.Series:
    """Expected discounted value of a customer by its current state: the migration model.

    With P the transition matrix, R the cash flow per period of a customer in each state
    (:func:`migration_rewards`) and d the discount rate per period, the customer's state today
    pays R now and the expected state t periods ahead pays P^t R, so

        V_T = sum_{t=0..T-1} [P / (1 + d)]^t R      (``horizon`` T periods counted)
        V   = (I - P / (1 + d))^(-1) R              (T = inf, needs d > 0)

    Returns one value per starting state (CNY). With a single active state that moves to an
    absorbing "lost" state this is the retention model (lost for good); with return
    probabilities above 0 in later states it values always-a-share customers. The value of a
    *group* is the customers in each state times these values (:func:`group_value`).
    Source: Pfeifer, P. E. & Carraway, R. L. (2000), "Modeling customer relationships as
    Markov chains", *Journal of Interactive Marketing* 14(2), 43-55, eq. for V^T and V.
    """
    p = _transition(transition)
    k = len(p)
    r = _state_vector(reward, k, "reward")
    d = _scalar(discount_rate, "discount_rate", _check_discount)
    big_t = _scalar(horizon, "horizon", _check_horizon)
    labels = (transition.index if isinstance(transition, pd.DataFrame)
              else pd.Index(np.arange(1, k + 1)))
    q = p / (1.0 + d)
    if np.isinf(big_t):
        if d <= 0:
            raise ValueError("the infinite-horizon value needs a positive discount_rate (with "
                             "d <= 0 a customer who may always return is worth an endless sum); "
                             "use a finite horizon")
        value = np.linalg.solve(np.eye(k) - q, r)
    else:
        value, term = np.zeros(k), r.copy()
        for _ in range(int(big_t)):  # a loop over periods, not over customers
            value += term
            term = q @ term
    return pd.Series(value, index=labels.rename("state"), name="value")


def state_projection(transition: pd.DataFrame | np.ndarray, start: ArrayLike,
                     periods: int) -> pd.DataFrame:
    """How a group spreads over the recency states: n_t = n_0 P^t, t = 0..``periods``.

    ``start``: customers (or shares) in each state today. Returns one row per period ``t``
    and one column per state: the expected number of the group's customers in each state.
    Source: the Chapman-Kolmogorov equations of a Markov chain (Pfeifer & Carraway 2000).
    """
    p = _transition(transition)
    n0 = _state_vector(start, len(p), "start")
    require_nonnegative(pd.Series(n0), "start")
    big_t = _scalar(periods, "periods", _check_horizon)
    if not np.isfinite(big_t):
        raise ValueError("periods must be a whole number of periods")
    rows = [n0]
    for _ in range(int(big_t)):  # a loop over periods
        rows.append(rows[-1] @ p)
    labels = (transition.columns if isinstance(transition, pd.DataFrame)
              else pd.Index(np.arange(1, len(p) + 1)))
    return pd.DataFrame(rows, index=pd.Index(np.arange(int(big_t) + 1), name="t"),
                        columns=labels.rename("state"))


def group_value(counts: pd.Series, values: pd.Series) -> pd.DataFrame:
    """The value of a group of customers: customers in each state x value per customer.

    ``counts`` (customers per state) and ``values`` (:func:`migration_clv`) share their state
    labels. Returns per state ``customers``, ``value_per_customer``, ``value`` and ``share``
    of the group's total, which is in ``.attrs["total"]``. States missing from ``counts``
    have no customers. Source: Pfeifer & Carraway (2000); the group view of Dwyer (1989).
    """
    if not isinstance(counts, pd.Series) or not isinstance(values, pd.Series):
        raise TypeError("counts and values must be pandas Series indexed by state")
    n = as_numeric_series(counts, "counts")
    require_nonnegative(n, "counts")
    v = as_numeric_series(values, "values")
    unknown = sorted(set(n.index) - set(v.index))
    if unknown:
        raise ValueError(f"counts has state(s) {unknown} that values does not have "
                         f"(values has {list(v.index)})")
    n = n.reindex(v.index, fill_value=0.0)
    table = pd.DataFrame({"customers": n, "value_per_customer": v, "value": n * v})
    total = float(table["value"].sum())
    table["share"] = table["value"] / total if total != 0 else 0.0
    table.attrs["total"] = total
    return table


def _rng(seed: object) -> np.random.Generator:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be a whole number (results must be reproducible), got "
                        f"{seed!r}")
    return np.random.default_rng(int(seed))


def _n_sims(n_sims: object) -> int:
    if isinstance(n_sims, bool) or not isinstance(n_sims, (int, np.integer)) or n_sims < 1:
        raise ValueError(f"n_sims must be a positive whole number, got {n_sims!r}")
    return int(n_sims)


def simulate_migration(transition: pd.DataFrame | np.ndarray, reward: ArrayLike,
                       discount_rate: float, horizon: int, *, start_state: int = 1,
                       n_sims: int = 1000, seed: int = 0) -> pd.Series:
    """Discounted value of ``n_sims`` single customers who start in the same state (Monte Carlo).

    Each simulated customer walks the chain for ``horizon`` periods (state today, then a random
    next state drawn from its row of P, ...) and collects R of each state visited, discounted
    as in :func:`migration_clv`; their mean converges to V_T of the start state. The spread
    shows why the migration and DWYER models value groups, not individuals: customers with the
    same expected value end up worth very different amounts. Seeded
    (``numpy.random.default_rng(seed)``); vectorised over customers, looping over periods.
    Source: Monte Carlo simulation of a Markov chain; Pfeifer & Carraway (2000) stress that
    the chain, being probabilistic, describes this uncertainty, not only the expected value.
    """
    p = _transition(transition)
    k = len(p)
    r = _state_vector(reward, k, "reward")
    d = _scalar(discount_rate, "discount_rate", _check_discount)
    big_t = _scalar(horizon, "horizon", _check_horizon)
    if not np.isfinite(big_t):
        raise ValueError("simulate_migration needs a finite horizon")
    if (isinstance(start_state, bool) or not isinstance(start_state, (int, np.integer))
            or not 1 <= start_state <= k):
        raise ValueError(f"start_state must be a state between 1 and {k}, got {start_state!r}")
    n = _n_sims(n_sims)
    rng = _rng(seed)
    cum = np.cumsum(p, axis=1)
    cum[:, -1] = 1.0
    state = np.full(n, int(start_state) - 1)
    total = np.zeros(n)
    for t in range(int(big_t)):  # a loop over periods, vectorised over customers
        total += r[state] / (1.0 + d) ** t
        u = rng.random(n)
        state = (u[:, None] > cum[state]).sum(axis=1)
    return pd.Series(total, index=pd.RangeIndex(n, name="simulation"), name="value")


class MigrationModel:
    """The always-a-share (migration) model fitted to a transaction log (马尔可夫链迁移模型).

    ``MigrationModel(n_states=6, freq="M", discount_rate=0.01, marketing_cost=0.0,
    horizon=numpy.inf).fit(orders, value="gross_profit")`` estimates

    * ``states_``: each customer's recency state per period (:func:`recency_states`);
    * ``transition_`` (and ``counts_``): the transition matrix (:func:`migration_matrix`);
    * ``margin_``: the mean of ``orders[value]`` summed per purchase period (the margin a
      purchase period brings), ``reward_`` (:func:`migration_rewards`);
    * ``values_``: the value of a customer by its state (:func:`migration_clv`);
    * ``current_``: each customer's state in the last period.

    ``predict(states)`` values customers from their states (default: ``current_``);
    ``summary()`` lists per state the purchase probability, the customers in it now, the value
    per customer and the group's value. ``discount_rate`` is per period (see
    :func:`per_period_rate`). Source: Pfeifer & Carraway (2000); Berger & Nasr (1998), case 5.
    """

    def __init__(self, n_states: int = 6, freq: str = "M", discount_rate: float = 0.01,
                 marketing_cost: float = 0.0, horizon: float = np.inf) -> None:
        self.n_states = _check_states(n_states)
        self.freq = freq
        self.discount_rate = _scalar(discount_rate, "discount_rate", _check_discount)
        self.marketing_cost = _scalar(marketing_cost, "marketing_cost", _check_cost)
        self.horizon = horizon

    def fit(self, orders: pd.DataFrame, *, value: str = "gross_profit",
            date: str = "order_date", start: object = None,
            end: object = None) -> "MigrationModel":
        """Estimate the chain, the margin per purchase period and the values by state."""
        require_frame(orders, "orders")
        require_columns(orders, ["customer_id", date, value], "orders")
        amount = as_numeric_series(orders[value], f"orders[{value!r}]")
        self.states_ = recency_states(orders, freq=self.freq, n_states=self.n_states,
                                      start=start, end=end, date=date)
        self.transition_ = migration_matrix(self.states_, self.n_states)
        self.counts_ = self.transition_.attrs["counts"]
        periods = self.states_.columns
        when = pd.to_datetime(orders[date]).dt.to_period(self.freq)
        inside = (when >= periods[0]) & (when <= periods[-1])
        purchase_periods = int((self.states_.to_numpy() == 1).sum())
        self.margin_ = float(amount[inside.to_numpy()].sum() / purchase_periods)
        self.reward_ = migration_rewards(self.margin_, self.marketing_cost, self.n_states)
        self.values_ = migration_clv(self.transition_, self.reward_, self.discount_rate,
                                     self.horizon)
        self.current_ = self.states_.iloc[:, -1].rename("state")
        return self

    def _fitted(self) -> None:
        if not hasattr(self, "values_"):
            raise ValueError("MigrationModel is not fitted yet: call .fit(orders) first")

    def predict(self, states: pd.Series | None = None) -> pd.Series:
        """Expected discounted value of each customer from its recency state (default: now)."""
        self._fitted()
        s = self.current_ if states is None else states
        if not isinstance(s, pd.Series):
            raise TypeError("states must be a pandas Series of recency states")
        bad = ~s.isin(self.values_.index)
        if bad.any():
            raise ValueError(f"states must be recency states 1..{self.n_states}; "
                             f"{int(bad.sum())} are not: {s[bad].head(_SHOW).to_dict()}")
        return pd.Series(self.values_.reindex(s.to_numpy()).to_numpy(), index=s.index,
                         name="value")

    def summary(self) -> pd.DataFrame:
        """Per state: moves observed, purchase probability, customers now, value and group value."""
        self._fitted()
        now = self.current_[self.current_ >= 1].value_counts()
        table = group_value(now, self.values_)
        table.insert(0, "moves_observed", self.counts_.sum(axis=1).to_numpy())
        table.insert(1, "purchase_probability", purchase_probabilities(self.transition_)
                     .to_numpy())
        return table


# ---------------------------------------------------------------------------------------------
# customer-event prediction: a profit-and-expense forecast per customer
# ---------------------------------------------------------------------------------------------

EVENT_PLAN_COLUMNS: tuple[str, ...] = ("customer_id", "event", "rate", "revenue", "cost",
                                       "retention")
"""Columns of an event plan: who, which event, expected events per period (``rate``), revenue
and cost per event (CNY), and the probability that the customer stays from one period to the
next (``retention``). An optional boolean column ``random`` says whether the number of events
is random (Poisson, the default: orders) or fixed at ``rate`` while the customer stays (a
yearly account-management cost); only :func:`simulate_events` uses it."""


def _check_plan(plan: pd.DataFrame) -> pd.DataFrame:
    require_frame(plan, "plan")
    require_columns(plan, list(EVENT_PLAN_COLUMNS), "plan")
    cols = list(EVENT_PLAN_COLUMNS)
    require_no_nan(plan[cols], "plan")
    _frame_numbers(plan, ["rate", "revenue", "cost"], "plan")
    retention = as_numeric_series(plan["retention"], "plan['retention']")
    require_between(retention, 0.0, 1.0, "plan['retention']")
    dup = plan.duplicated(["customer_id", "event"], keep=False)
    if dup.any():
        raise ValueError("plan: one row per customer and event; repeated:\n"
                         f"{plan.loc[dup, cols].head(_SHOW).to_string()}")
    split = plan.groupby("customer_id")["retention"].nunique() > 1
    if split.any():
        raise ValueError("plan: a customer has one retention rate (it stays or leaves as a "
                         f"whole); customers with several: {split[split].index[:_SHOW].tolist()}")
    if "random" in plan.columns:
        flags = plan["random"]
        if not pd.api.types.is_bool_dtype(flags):
            raise TypeError(f"plan['random'] must be True or False, got dtype {flags.dtype}")
        cols = cols + ["random"]
    return plan[cols].reset_index(drop=True)


def event_plan(customers: pd.DataFrame, orders: pd.DataFrame, costs: pd.DataFrame, year: int, *,
               retention: float | pd.Series = 1.0, by_category: bool = True) -> pd.DataFrame:
    """A plan of each customer's predicted events from its behaviour in a base ``year``.

    For the customers on the books at the end of ``year`` (acquired by then, not lost):

    * event ``order``: ``rate`` = orders placed in ``year``, ``revenue`` = mean net sales per
      order, ``cost`` = mean cost of goods per order;
    * one event per cost-to-serve ``category`` of ``costs`` (or one ``service`` event with
      ``by_category=False``): ``rate`` 1 a year, not random, ``revenue`` 0, ``cost`` = the
      customer's cost-to-serve in that category in ``year``;
    * ``retention``: a number for every customer or a Series by ``customer_id`` (e.g. the
      retention of the customer's segment, chapter 08).

    The base year is taken as the forecast of every later year: a simple, judgemental
    forecast, which is why its result should be given with a range (:func:`simulate_events`).
    Returns a plan with :data:`EVENT_PLAN_COLUMNS`. Source: customer-event prediction
    (客户事件预测法), lectures 000 and 003; the cost lines follow chapter 04's cost to serve.
    """
    c = _customer_frame(customers, None)
    require_frame(orders, "orders")
    require_columns(orders, ["customer_id", "order_date", "net_sales", "cost_of_goods"], "orders")
    require_frame(costs, "costs")
    require_columns(costs, ["customer_id", "year", "amount"] + (["category"] if by_category
                                                                 else []), "costs")
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
        raise TypeError(f"year must be a whole calendar year, got {year!r}")
    end = pd.Timestamp(int(year) + 1, 1, 1)
    active = c.loc[(c["acquisition_date"] < end) & ~(c["lost_date"] < end), "customer_id"]
    if active.empty:
        raise ValueError(f"no customer is on the books at the end of {year}")
    o = orders[(orders["order_date"].dt.year == year) & orders["customer_id"].isin(active)]
    grouped = o.groupby("customer_id")
    order_rows = pd.DataFrame({"rate": grouped.size().astype(float),
                               "revenue": grouped["net_sales"].mean(),
                               "cost": grouped["cost_of_goods"].mean()}).reindex(
        active.to_numpy(), fill_value=0.0)
    order_rows = order_rows.rename_axis("customer_id").reset_index().assign(event="order")
    k = costs[(costs["year"] == year) & costs["customer_id"].isin(active)]
    key = "category" if by_category else None
    serve = (k.groupby(["customer_id", key])["amount"].sum() if key
             else k.groupby("customer_id")["amount"].sum())
    serve = serve.rename("cost").reset_index()
    serve["event"] = serve[key] if key else "service"
    serve = serve.assign(rate=1.0, revenue=0.0, random=False)
    order_rows["random"] = True
    plan = pd.concat([order_rows, serve[["customer_id", "event", "rate", "revenue", "cost",
                                         "random"]]], ignore_index=True)
    if isinstance(retention, pd.Series):
        missing = ~plan["customer_id"].isin(retention.index)
        if missing.any():
            raise ValueError("retention: a Series needs a rate for every customer; missing "
                             f"{plan.loc[missing, 'customer_id'].unique()[:_SHOW].tolist()}")
        plan["retention"] = retention.reindex(plan["customer_id"]).to_numpy(dtype=float)
    else:
        plan["retention"] = _scalar(retention, "retention", _check_retention)
    return _check_plan(plan.sort_values(["customer_id", "event"]))


def event_schedule(plan: pd.DataFrame, periods: int) -> pd.DataFrame:
    """Each customer's predicted events period by period (客户事件预测法).

    ``plan``: :data:`EVENT_PLAN_COLUMNS` (e.g. from :func:`event_plan`). For periods t = 1..T
    the customer is still there with probability ``alive`` = retention^(t-1) (lost for good
    once gone; present for sure in period 1), and an event happens ``expected_events`` =
    rate x alive times, bringing ``revenue`` = expected events x revenue per event and
    ``cost`` = expected events x cost per event; ``profit`` = revenue - cost. One row per
    customer, event and period. Source: customer-event prediction, lectures 000 and 003.
    """
    p = _check_plan(plan)
    big_t = _scalar(periods, "periods", _check_horizon)
    if not np.isfinite(big_t) or big_t < 1:
        raise ValueError(f"periods must be a whole number >= 1, got {periods!r}")
    big_t = int(big_t)
    rows = p.loc[p.index.repeat(big_t)].reset_index(drop=True)
    rows.insert(2, "period", np.tile(np.arange(1, big_t + 1), len(p)))
    alive = rows["retention"] ** (rows["period"] - 1.0)
    expected = rows["rate"] * alive
    return pd.DataFrame({
        "customer_id": rows["customer_id"], "event": rows["event"], "period": rows["period"],
        "alive": alive, "expected_events": expected, "revenue": expected * rows["revenue"],
        "cost": expected * rows["cost"],
        "profit": expected * (rows["revenue"] - rows["cost"]),
    })


def event_forecast(schedule: pd.DataFrame, discount_rate: float = 0.0, *,
                   timing: Timing = "start") -> pd.DataFrame:
    """The profit-and-expense forecast per customer (利润和费用预测表): a P&L account each.

    ``schedule``: :func:`event_schedule`. Per customer: ``revenue``, one expense line
    ``cost_<event>`` per event (e.g. cost of goods of the orders, each cost-to-serve
    category), ``cost`` (their sum), ``profit`` and ``pv_profit``, the profit of period t
    discounted by 1 / (1 + d)^(t-1) (``timing="start"``) or 1 / (1 + d)^t (``"end"``).
    Sorted by ``pv_profit``, best first. Source: customer-event prediction, lectures 000 and
    003; net present value as in :func:`npv_table`.
    """
    require_frame(schedule, "schedule")
    cols = ["customer_id", "event", "period", "revenue", "cost", "profit"]
    require_columns(schedule, cols, "schedule")
    require_no_nan(schedule[cols], "schedule")
    _frame_numbers(schedule, ["revenue", "cost"], "schedule")
    timing = _check_timing(timing)
    d = _scalar(discount_rate, "discount_rate", _check_discount)
    exponent = schedule["period"] - (1 if timing == "start" else 0)
    pv = schedule["profit"] * (1.0 + d) ** -exponent.astype(float)
    lines = schedule.pivot_table(index="customer_id", columns="event", values="cost",
                                 aggfunc="sum", fill_value=0.0)
    lines.columns = [f"cost_{e}" for e in lines.columns]
    grouped = schedule.groupby("customer_id")
    table = pd.DataFrame({"revenue": grouped["revenue"].sum()}).join(lines)
    table["cost"] = grouped["cost"].sum()
    table["profit"] = grouped["profit"].sum()
    table["pv_profit"] = pv.groupby(schedule["customer_id"]).sum()
    table.columns.name = None
    return table.sort_values("pv_profit", ascending=False)


def simulate_events(plan: pd.DataFrame, periods: int, *, n_sims: int = 1000, seed: int = 0,
                    discount_rate: float = 0.0, amount_cv: float = 0.0,
                    timing: Timing = "start") -> pd.DataFrame:
    """Monte Carlo draws of each customer's discounted profit (蒙特卡洛模拟).

    Per simulation and customer: the customer stays a geometric number of periods (it is
    there in period 1 and stays to the next with probability ``retention``); while it is
    there, each event happens a Poisson(``rate``) number of times per period (exactly
    ``rate`` times for rows whose optional ``random`` column is False); the profit of
    each event's period total (revenue - cost) is multiplied by a log-normal factor with mean 1
    and coefficient of variation ``amount_cv`` (0: amounts known; the size of the orders and
    the service bills is uncertain, their margin rate is not). The profit is discounted as in
    :func:`event_forecast`. Returns the draws: one row per simulation, one column per customer
    (the present value of its profit, CNY); their mean converges to ``pv_profit`` of
    :func:`event_forecast`. Summarise with :func:`simulation_ranges`. Seeded
    (``numpy.random.default_rng(seed)``); vectorised over simulations and customers.
    Source: Monte Carlo simulation of a forecast (the lecture's warning that event forecasts
    rest on uncertain data and judgement, quantified).
    """
    p = _check_plan(plan).sort_values("customer_id", kind="stable").reset_index(drop=True)
    big_t = _scalar(periods, "periods", _check_horizon)
    if not np.isfinite(big_t) or big_t < 1:
        raise ValueError(f"periods must be a whole number >= 1, got {periods!r}")
    big_t = int(big_t)
    n = _n_sims(n_sims)
    cv = _scalar(amount_cv, "amount_cv", _check_cost)
    d = _scalar(discount_rate, "discount_rate", _check_discount)
    timing = _check_timing(timing)
    rng = _rng(seed)
    ids, first_row, who = np.unique(p["customer_id"].to_numpy(), return_index=True,
                                    return_inverse=True)
    rate = p["rate"].to_numpy(dtype=float)
    unit = (p["revenue"] - p["cost"]).to_numpy(dtype=float)
    random = p["random"].to_numpy() if "random" in p.columns else np.ones(len(p), dtype=bool)
    keep = p.groupby("customer_id")["retention"].first().reindex(ids).to_numpy(dtype=float)
    u = rng.random((n, len(ids)))
    with np.errstate(divide="ignore"):
        stays = np.where(keep >= 1.0, np.inf,
                         np.where(keep <= 0.0, 0.0, np.floor(np.log(u) / np.log(keep))))
    sigma = np.sqrt(np.log1p(cv ** 2))
    total = np.zeros((n, len(ids)))
    for t in range(1, big_t + 1):  # a loop over periods, vectorised over simulations and rows
        alive = (stays >= t - 1)[:, who]
        events = np.broadcast_to(rate, (n, len(rate))).copy()
        events[:, random] = rng.poisson(rate[random], size=(n, int(random.sum())))
        cash = events * alive * unit
        if cv > 0:
            cash = cash * rng.lognormal(-sigma ** 2 / 2, sigma, size=cash.shape)
        factor = (1.0 + d) ** -(t - 1 if timing == "start" else t)
        total += factor * np.add.reduceat(cash, first_row, axis=1)  # rows sorted by customer
    return pd.DataFrame(total, index=pd.RangeIndex(n, name="simulation"),
                        columns=pd.Index(ids, name="customer_id"))


def simulation_ranges(draws: pd.DataFrame, percentiles: Sequence[float] = (5, 50, 95), *,
                      total: bool = False) -> pd.DataFrame:
    """Mean and percentiles of simulated values per customer (or of their total).

    ``draws``: :func:`simulate_events` (simulations x customers). Returns per customer (or, with
    ``total=True``, one row ``total`` for the sum over customers per simulation) ``mean`` and
    ``p<q>`` for each percentile q of ``percentiles`` (numbers in [0, 100]).
    Source: empirical percentiles of a Monte Carlo sample (numpy.percentile).
    """
    require_frame(draws, "draws")
    require_no_nan(draws, "draws")
    qs = _values(list(percentiles), "percentiles")
    require_between(qs, 0.0, 100.0, "percentiles")
    values = draws.to_numpy(dtype=float)
    if total:
        values = values.sum(axis=1, keepdims=True)
        index = pd.Index(["total"], name="customer_id")
    else:
        index = draws.columns
    table = pd.DataFrame({"mean": values.mean(axis=0)}, index=index)
    for q, row in zip(qs, np.percentile(values, qs.to_numpy(), axis=0)):
        table[f"p{q:g}"] = row
    return table


# ---------------------------------------------------------------------------------------------
# chapter 10: the probabilistic models live in helpers.btyd; their main names are here too, so
# that every CLV model can be reached as ``clv.<name>``.
# ---------------------------------------------------------------------------------------------

from .btyd import (BetaGeo, GammaGamma, ParetoNBD,  # noqa: E402
                   customer_lifetime_value, rfm_summary)

__all__ += ["BetaGeo", "GammaGamma", "ParetoNBD", "customer_lifetime_value", "rfm_summary"]

