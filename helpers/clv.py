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
* Chapter 09 adds the DWYER method, customer-event prediction and the probabilistic models
  (BG/NBD, Pareto/NBD, Gamma-Gamma) below these sections.

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
    * ``orders_per_customer``, ``spend_per_order`` (one number or one per year) and
      ``revenue`` = customers x orders x spend;
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
    revenue = active * orders * spend
    direct = cost_rate * revenue
    marketing = np.where(year == 1, a * customers, upkeep * active)
    profit = revenue - direct - marketing
    factor = (1.0 + d) ** -(year - 1.0)
    npv = profit * factor
    return pd.DataFrame({
        "year": year, "retention_rate": rate, "customers": active,
        "orders_per_customer": orders, "spend_per_order": spend, "revenue": revenue,
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
    record losses up to its 31 December). Returns ``at_start``, ``retained``, ``lost`` and
    ``retention`` = retained / at start, pooled over ``years`` per group of ``by`` (and per
    year with ``by_year=True``). A group with no customer at the start raises a ``ValueError``.
    Source: the retention rate of the course (lecture 003); Reichheld & Sasser (1990).
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
# chapter 09 adds here: the DWYER method, customer-event prediction, and the probabilistic
# models (BG/NBD, Pareto/NBD, Gamma-Gamma).
# =============================================================================================
