"""Customer lifetime value (客户终身价值; the decks: 客户终生价值): deterministic models (ch. 08).

Customer lifetime value (CLV) is the present value of all the net cash a firm receives from a
customer over the relationship, beyond all the costs of attracting, selling to and serving
that customer. This module holds chapter 08's CLV formulas, in two sections:

* **Deterministic models**: the retention model of CLV with a finite or infinite horizon,
  :func:`clv` and :func:`margin_multiple`, and its period-by-period schedule
  :func:`clv_schedule` (the course's, after Berger & Nasr and Gupta & Lehmann); the four
  calculation steps of the deck 第二章“为企业创造价值” as an NPV table, :func:`npv_table`; that
  deck's six sources of value CLV = CLV1 + ... + CLV6, :func:`clv_components` (the deck names
  them, the calculation is the course's); the deck's cohort example, whose table is lost,
  :func:`cohort_clv`; the simple six-step method (marginal net worth of a customer) of
  《客户服务与管理》项目二“分析目标客户”, :func:`simple_clv`.
* **Inputs from data** (in :mod:`helpers.clv_segments`, reachable here): yearly retention
  and yearly margin per segment from a customers table and a profit table,
  :func:`yearly_retention`, :func:`segment_margin`, and the CLV of each segment against its
  acquisition cost, :func:`segment_clv`.

Chapter 09 (the DWYER method, the Markov migration model and customer-event prediction) lives
in :mod:`helpers.dwyer`, chapter 10's probabilistic models (BG/NBD, Pareto/NBD, Gamma-Gamma) in
:mod:`helpers.btyd`; their names can also be reached here (``clv.dwyer_table``,
``clv.MigrationModel``, ``clv.BetaGeo``, ...), so that every CLV model is ``clv.<name>``.

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

Conventions: rates are fractions (0.1 = 10 %; 8 given for 8 % is refused with that hint);
money in CNY unless a function says otherwise. A horizon is a whole number of periods from 0 to
:data:`helpers.validation.MAX_PERIODS` (10,000), or ``numpy.inf`` where a function says so: the
one non-finite number accepted, meaning the closed form of the endless sum. Bad input raises a
``ValueError`` or ``TypeError`` naming the argument and the values at fault; a result too large
for a float (an overflow) is refused, never returned as inf.

>>> from helpers import clv
>>> round(clv.clv(100, 0.8, 0.1), 2)     # m r / (1 + d - r) = 80 / 0.3
266.67
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from . import language
from .validation import (
    MAX_PERIODS,
    as_numeric_series,
    check_choice,
    check_int,
    check_number,
    check_rate,
    column_option,
    date_column,
    offenders,
    require_frame,
    require_no_nan,
    require_unique,
)

_CHAPTER_09 = (
    "CUSTOMER_TYPES", "dwyer_table", "retention_projection", "group_years", "per_period_rate",
    "recency_states", "migration_matrix", "recency_matrix", "purchase_probabilities",
    "migration_rewards", "migration_clv", "state_projection", "group_value",
    "simulate_migration", "MigrationModel",
    "EVENT_PLAN_COLUMNS", "EVENTS", "FORECAST_COLUMNS", "event_plan", "event_schedule",
    "event_forecast", "simulate_events", "simulation_ranges",
)
"""Chapter 09's names (defined in :mod:`helpers.dwyer`), reachable as ``clv.<name>``."""

_CHAPTER_10 = ("BetaGeo", "GammaGamma", "ParetoNBD", "customer_lifetime_value", "rfm_summary")
"""Chapter 10's models (defined in :mod:`helpers.btyd`), reachable as ``clv.<name>``; imported
on first use, so that chapter 08's notebooks do not load scipy's optimisers at start-up."""

__all__ = [
    "TIMINGS", "clv", "margin_multiple", "clv_schedule", "npv_table",
    "CLV_COMPONENTS", "clv_components", "COHORT_DEFAULTS", "COHORT_COLUMNS", "cohort_clv",
    "SIMPLE_DEFAULTS", "SIMPLE_CLV_ROWS", "simple_clv", "CLV_FACTORS", "VALUE_COMPOSITION",
    "yearly_retention", "segment_margin", "segment_clv",
    *_CHAPTER_09,
    *_CHAPTER_10,
]

Timing = Literal["end", "start"]
TIMINGS: tuple[str, ...] = ("end", "start")
"""The two timing conventions of :func:`clv` (see the module docstring)."""

ArrayLike = float | int | Sequence[float] | np.ndarray | pd.Series

_COLLECTIONS = (list, tuple, range, np.ndarray, pd.Series, pd.Index)


def __getattr__(name: str) -> object:
    """Chapter 09's names, imported from :mod:`helpers.dwyer` on first use (``dwyer`` imports
    this module, so importing it here at the top would be circular), and chapter 10's from
    :mod:`helpers.btyd`."""
    if name in _CHAPTER_09 or name in _CHAPTER_10:
        import importlib

        home = importlib.import_module(".dwyer" if name in _CHAPTER_09 else ".btyd", __package__)
        found = getattr(home, name)
        globals()[name] = found
        return found
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_CHAPTER_09) | set(_CHAPTER_10))


# =============================================================================================
# input checks shared with helpers.dwyer
# =============================================================================================

def _is_collection(x: object) -> bool:
    return isinstance(x, _COLLECTIONS) and not (isinstance(x, np.ndarray) and x.ndim == 0)


def _numbers(x: object, name: str, *, low: float | None = None, high: float | None = None,
             low_open: bool = False, integer: bool = False, allow_inf: bool = False,
             rate: bool = False) -> pd.Series:
    """``x`` (one number, or a list, array or Series of numbers) as a float Series, checked in
    the course's order: type, dtype, finiteness (±inf only with ``allow_inf``), range
    ``[low, high]`` (``low`` excluded with ``low_open``) and whole numbers with ``integer``.
    With ``rate``, a value above ``high`` that looks like a percentage is refused with the
    hint that 8 % is 0.08. A two-dimensional array is checked value by value."""
    if isinstance(x, np.ndarray) and x.ndim == 0:
        x = x.item()
    if not _is_collection(x):
        if rate:
            one = check_rate(x, name, low=-math.inf if low is None else low,
                             high=math.inf if high is None else high, low_open=low_open)
        else:
            one = check_number(x, name, low=low, high=high, low_open=low_open,
                               integer=integer, allow_inf=allow_inf)
        return pd.Series([float(one)])
    if isinstance(x, np.ndarray) and x.ndim > 1:
        x = x.ravel()
    values = as_numeric_series(x, name, allow_inf=allow_inf)
    if rate and high is not None:
        looks = (values > high) & (values <= 100.0)
        if looks.any():
            raise ValueError(f"{name} holds rates written as fractions (8 % is 0.08); "
                             f"{int(looks.sum()):,} value(s) above {high:g} look like "
                             f"percentages: {offenders(values, looks)}")
    values = as_numeric_series(values, name, low=low, high=high, integer=integer,
                               allow_inf=allow_inf)
    if low_open and low is not None:
        at = values <= low
        if at.any():
            raise ValueError(f"{name} must be greater than {low:g}; {int(at.sum()):,} "
                             f"value(s) are not: {offenders(values, at)}")
    return values


def _discount_rate(x: object, name: str = "discount_rate") -> float:
    """A discount (or growth) rate per period: a fraction above -1 and at most 1 (100 %)."""
    return check_rate(x, name, low=-1.0, low_open=True)


def _horizon(x: object, name: str = "horizon", *, low: int = 0,
             allow_inf: bool = True) -> float:
    """One horizon: a whole number of periods from ``low`` to :data:`MAX_PERIODS`, or (with
    ``allow_inf``) ``numpy.inf``, the closed form of the endless sum. Returns an int or inf."""
    real = isinstance(x, numbers.Real) and not isinstance(x, (bool, np.bool_))
    if real and allow_inf and float(x) == math.inf:
        return math.inf
    if real and math.isfinite(float(x)) and float(x) > MAX_PERIODS:
        hint = "; pass numpy.inf for an endless horizon" if allow_inf else ""
        raise ValueError(f"{name} must be at most {MAX_PERIODS:,} periods "
                         f"(validation.MAX_PERIODS), got {x!r}{hint}")
    return check_number(x, name, low=low, high=MAX_PERIODS, integer=True)


def _horizons(x: object, name: str = "horizon") -> pd.Series:
    """One horizon or many (:func:`_horizon` for each value) as a float Series."""
    if not _is_collection(x) and not isinstance(x, np.ndarray):
        return pd.Series([float(_horizon(x, name))])
    values = _numbers(x, name, low=0.0, integer=True, allow_inf=True)
    too_long = np.isfinite(values) & (values > MAX_PERIODS)
    if too_long.any():
        raise ValueError(f"{name} must be at most {MAX_PERIODS:,} periods "
                         f"(validation.MAX_PERIODS) or numpy.inf; {int(too_long.sum()):,} "
                         f"value(s) are not: {offenders(values, too_long)}")
    return values


def _per_year(x: object, horizon: int, name: str, **rules: object) -> np.ndarray:
    """A number (the same every year) or exactly ``horizon`` yearly values, checked by
    :func:`_numbers` with ``rules``."""
    values = _numbers(x, name, **rules)
    if not _is_collection(x):
        return np.full(horizon, float(values.iloc[0]))
    if len(values) != horizon:
        raise ValueError(f"{name} must be one number or {horizon} yearly values (one per year "
                         f"of the horizon), got {len(values)}")
    return values.to_numpy(dtype=float)


def _check_timing(timing: object) -> str:
    return str(check_choice(timing, "timing", TIMINGS))


def _require_finite_result(values: object, what: str, inputs: Sequence[str]) -> None:
    """Refuse a result that overflowed (inf, or NaN from inf - inf) although every input was
    finite: the inputs are out of the scale a float can hold."""
    arr = np.asarray(values, dtype=float)
    if not np.isfinite(arr).all():
        raise ValueError(f"{what} is too large to compute: it overflows the range of a float "
                         f"(about 1.8e308); check the scale of {', '.join(inputs)}")


def _check_labels(frame: pd.DataFrame, columns: Sequence[str], name: str) -> None:
    """Refuse a label column (ids, groups, events) that mixes text with numbers or other
    values: its labels could not be sorted or matched."""
    for column in columns:
        series = frame[column]
        if not (pd.api.types.is_object_dtype(series.dtype)
                or pd.api.types.is_string_dtype(series.dtype)):
            continue
        text = series.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
        if text.any() and not text.all():
            raise TypeError(f"{name}[{column!r}] mixes text with other values as labels: "
                            f"{offenders(series, ~text)}; make them one kind, e.g. "
                            f"{name}[{column!r}].astype(str)")


def _customer_frame(customers: object, by: str | None = None) -> pd.DataFrame:
    """``customers`` checked: ``customer_id`` (unique, no missing id), ``acquisition_date``
    (dates), ``lost_date`` (dates, NaT while active, not before the acquisition) and the
    group column ``by``. Returns those columns."""
    cols = ["customer_id", "acquisition_date", "lost_date"]
    require_frame(customers, "customers", cols)
    keys: list[str] = []
    if by is not None:
        by = column_option(customers, by, "by", "customers")
        if by in cols:
            raise ValueError(f"by must name a group column of customers (e.g. 'size'), not "
                             f"{by!r}")
        keys = [by]
    for column in ["customer_id", *keys]:
        require_no_nan(customers[column], f"customers[{column!r}]")
    _check_labels(customers, ["customer_id", *keys], "customers")
    acquired = date_column(customers, "acquisition_date", "customers")
    lost = date_column(customers, "lost_date", "customers", allow_nat=True)
    require_unique(customers, ["customer_id"], "customers")
    late = (lost < acquired).to_numpy()
    if late.any():
        raise ValueError("customers: lost_date must not be before acquisition_date; "
                         f"{int(late.sum()):,} row(s) are:{offenders(customers[cols], late)}")
    return customers[cols + keys]


def _check_years(years: object) -> list[int]:
    """Calendar years (1900-2200), each once: a list, tuple, range, array or Series."""
    if not _is_collection(years):
        raise TypeError(f"years must be a list or range of calendar years, e.g. "
                        f"range(2022, 2025), got {type(years).__name__} {years!r}")
    if isinstance(years, (range, tuple)):
        years = list(years)
    values = as_numeric_series(years, "years", integer=True, low=1900, high=2200)
    repeated = values.duplicated(keep=False).to_numpy()
    if repeated.any():
        raise ValueError(f"years must list each year once; repeated: "
                         f"{offenders(values, repeated)}")
    return [int(y) for y in values]


def _sorted_labels(values: object) -> list[object]:
    """Labels sorted (numbers and text apart, never compared with each other)."""
    return sorted(values, key=lambda v: (isinstance(v, str), v))


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
    Series. Inputs as in :func:`clv`. Source: Gupta & Lehmann (2003, 2005), the "margin
    multiple"; see the module docstring for the timing convention.

    >>> round(margin_multiple(0.9, 0.12), 4)         # 0.9 / 0.22
    4.0909
    >>> round(margin_multiple(0.9, 0.12, timing="start"), 4)   # 1.12 / 0.22
    5.0909
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
    ``retention`` r, a rate in [0, 1]: probability of staying from one period to the next;
    ``discount_rate`` d per period, above -1 and at most 1 (100 %); ``horizon`` T: number of
    margins counted, a whole number from 0 to ``validation.MAX_PERIODS`` or ``numpy.inf`` (the
    default: the closed form); ``acquisition_cost`` A >= 0 paid today.
    The infinite sum converges only for r < 1 + d; otherwise a ``ValueError`` says so, as it
    does for a value too large for a float. Inputs broadcast like numpy arrays (e.g. a column of
    retention rates against a row of discount rates gives a grid). Returns a float for scalar
    input, an ndarray for arrays, a Series (same index) when an input is a Series.
    Sources: Berger & Nasr (1998), case 1; Gupta & Lehmann (2003), "Customers as assets",
    *Journal of Interactive Marketing* 17(1), 9-24; Gupta & Lehmann (2005), *Managing Customers
    as Investments*, ch. 2.

    >>> round(clv(100, 0.8, 0.1, 3), 2)     # 100 (0.8/1.1 + 0.64/1.21 + 0.512/1.331)
    164.09
    >>> round(clv(100, 0.8, 0.1, timing="start", acquisition_cost=50), 2)   # 110/0.3 - 50
    316.67
    >>> clv(100, 0.8, 8)
    Traceback (most recent call last):
    ...
    ValueError: discount_rate is a rate written as a fraction: 8 % is 0.08, got 8
    """
    timing = _check_timing(timing)
    inputs = {"margin": margin, "retention": retention, "discount_rate": discount_rate,
              "horizon": horizon, "acquisition_cost": acquisition_cost}
    _numbers(margin, "margin")
    _numbers(retention, "retention", low=0.0, high=1.0, rate=True)
    _numbers(discount_rate, "discount_rate", low=-1.0, high=1.0, low_open=True, rate=True)
    _horizons(horizon)
    _numbers(acquisition_cost, "acquisition_cost", low=0.0)
    (m, r, d, horizon_, a), index = _broadcast(inputs)
    q = r / (1.0 + d)
    diverge = np.isinf(horizon_) & (q >= 1.0)
    if diverge.any():
        where = np.argwhere(diverge)[:5].tolist()
        raise ValueError("the infinite-horizon CLV diverges when retention >= 1 + "
                         f"discount_rate; {int(diverge.sum())} input combination(s) do: "
                         f"positions {where}. Use a finite horizon or a lower retention.")
    series = _geometric(q, horizon_)
    if timing == "end":
        series = q * series
    with np.errstate(over="ignore", invalid="ignore"):
        result = m * series - a
    _require_finite_result(result, "clv", ["margin", "acquisition_cost", "discount_rate",
                                           "horizon"])
    return _output(result, index, "clv")


def _broadcast(inputs: dict[str, object]) -> tuple[list[np.ndarray], pd.Index | None]:
    """Broadcast the (checked) inputs like numpy; keep a Series index if one was given."""
    series = {name: raw for name, raw in inputs.items() if isinstance(raw, pd.Series)}
    index = next(iter(series.values())).index if series else None
    if any(not raw.index.equals(index) for raw in series.values()):
        raise ValueError(f"{' and '.join(series)} are Series whose indexes differ: align them "
                         "first (e.g. with .reindex) so that each row is one customer or "
                         "segment")
    arrays = [np.asarray(raw, dtype=float) if not isinstance(raw, pd.Series)
              else raw.to_numpy(dtype=float) for raw in inputs.values()]
    try:
        arrays = np.broadcast_arrays(*arrays)
    except ValueError as err:
        shapes = {n: np.shape(a) for n, a in zip(inputs, arrays, strict=True)}
        raise ValueError(f"the inputs cannot be broadcast together: shapes {shapes}") from err
    return arrays, index


def _output(result: np.ndarray, index: pd.Index | None, name: str):
    if index is not None:
        return pd.Series(result, index=index, name=name)
    if result.ndim == 0:
        return float(result)
    return result


def clv_schedule(margin: float, retention: float, discount_rate: float, horizon: int, *,
                 acquisition_cost: float = 0.0, timing: Timing = "end") -> pd.DataFrame:
    """The retention model of :func:`clv` written out period by period (finite horizon).

    One row per period ``time`` = 0 (today) .. T (timing ``"end"``) or 0 .. T-1 (``"start"``),
    with ``survival`` (probability the customer is still there: r^t), ``margin`` (expected
    margin m r^t, 0 at time 0 for timing ``"end"``), ``acquisition_cost`` (A at time 0),
    ``net_cash`` (margin - acquisition cost), ``discount_factor`` 1 / (1 + d)^t,
    ``present_value`` and ``cumulative_pv``. The last cumulative value equals :func:`clv`.
    Scalars only; ``horizon`` from 0 to ``validation.MAX_PERIODS``. Source: as :func:`clv`.

    >>> table = clv_schedule(100, 0.8, 0.1, 3)
    >>> table[["time", "margin", "present_value"]].round(2)
       time  margin  present_value
    0     0     0.0           0.00
    1     1    80.0          72.73
    2     2    64.0          52.89
    3     3    51.2          38.47
    >>> round(float(table["cumulative_pv"].iloc[-1]), 2)
    164.09
    """
    timing = _check_timing(timing)
    m = check_number(margin, "margin")
    r = check_rate(retention, "retention")
    d = _discount_rate(discount_rate)
    big_t = int(_horizon(horizon, allow_inf=False))
    a = check_number(acquisition_cost, "acquisition_cost", low=0.0)
    last = big_t if timing == "end" else max(big_t - 1, 0)
    time = np.arange(last + 1)
    survival = r ** time
    paid = (time >= 1) if timing == "end" else (time < big_t)
    expected = np.where(paid, m * survival, 0.0)
    acq = np.where(time == 0, a, 0.0)
    with np.errstate(over="ignore", invalid="ignore"):
        factor = (1.0 + d) ** -time.astype(float)
        net = expected - acq
        table = pd.DataFrame({
            "time": time, "survival": survival, "margin": expected, "acquisition_cost": acq,
            "net_cash": net, "discount_factor": factor, "present_value": net * factor,
            "cumulative_pv": np.cumsum(net * factor),
        })
    _require_finite_result(table.to_numpy(dtype=float), "clv_schedule",
                           ["margin", "acquisition_cost", "discount_rate", "horizon"])
    return table


def npv_table(net_profit: Sequence[float] | pd.Series, discount_rate: float, *,
              timing: Timing = "start") -> pd.DataFrame:
    """The four calculation steps of CLV as a table (客户终生价值的计算步骤).

    Step 1, determine the customer lifecycle: one row per ``year`` 1..n of ``net_profit``;
    step 2, each year's net profit (the input); step 3, discount it: ``discount_factor`` =
    1 / (1 + d)^(t-1) with ``timing="start"`` (year 1 is today, the default: the course's
    convention, as in :func:`cohort_clv`) or 1 / (1 + d)^t with ``timing="end"`` (every year's
    profit arrives at its end),
    ``present_value`` = net profit x factor; step 4, sum: ``cumulative_pv``, whose last value
    is the CLV. Net profit may be negative (e.g. year 1 after the acquisition cost); at most
    ``validation.MAX_PERIODS`` years.
    Source: the four steps of the deck 第二章“为企业创造价值” (确定客户生命周期; 计算…利润净额;
    进行贴现, i.e. discounting, 折现; 求和); net present value as in any finance text.

    >>> npv_table([-50, 80, 60], 0.1).round(2)      # -50 + 80/1.1 + 60/1.21 = 72.31
       year  net_profit  discount_factor  present_value  cumulative_pv
    0     1       -50.0             1.00         -50.00         -50.00
    1     2        80.0             0.91          72.73          22.73
    2     3        60.0             0.83          49.59          72.31
    """
    timing = _check_timing(timing)
    if not _is_collection(net_profit):
        raise TypeError(f"net_profit must be a list or Series of yearly net profits, got "
                        f"{type(net_profit).__name__} {net_profit!r}")
    profit = _numbers(net_profit, "net_profit")
    if len(profit) > MAX_PERIODS:
        raise ValueError(f"net_profit may hold at most {MAX_PERIODS:,} years "
                         f"(validation.MAX_PERIODS), got {len(profit):,}")
    d = _discount_rate(discount_rate)
    year = np.arange(1, len(profit) + 1)
    exponent = year - 1 if timing == "start" else year
    with np.errstate(over="ignore", invalid="ignore"):
        factor = (1.0 + d) ** -exponent.astype(float)
        pv = profit.to_numpy() * factor
        cumulative = np.cumsum(pv)
    _require_finite_result(np.concatenate([factor, cumulative]), "npv_table",
                           ["net_profit", "discount_rate"])
    return pd.DataFrame({"year": year, "net_profit": profit.to_numpy(), "discount_factor": factor,
                         "present_value": pv, "cumulative_pv": cumulative})


# ---------------------------------------------------------------------------------------------
# the six sources of value: CLV = CLV1 + ... + CLV6
# ---------------------------------------------------------------------------------------------

CLV_COMPONENTS: dict[str, tuple[str, str, str]] = language.texts({
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
})
"""The six sources of customer lifetime value of the deck 第二章“为企业创造价值”
(客户终生价值公式), with the inputs the course's calculation gives each; the name and the
inputs in the course's language (:func:`helpers.language.texts`)."""

CLV_FACTORS: dict[str, tuple[str, str]] = {
    # English: (the course's Chinese term, the deck's wording)
    "time horizon": ("时间范围", "计算的时间长度"),
    "discount rate": ("折现率", "贴现率"),
    "retention rate": ("客户保持率", "客户的维系率"),
    "referral rate": ("产品被提及率", "产品被提及率"),
    "change in customer revenue": ("客户收入的变化", "客户的收入的变化"),
    "relationship maintenance cost": ("客户关系的维系成本", "客户关系的维系成本"),
    "marketing cost": ("营销费用", "营销费用"),
    "other factors": ("其他因素", "其它"),
}
"""The eight factors that drive CLV, in the order of the deck 第二章“为企业创造价值”
(影响客户终生价值各因素分析: (一)计算的时间长度 … (八)其它): for each, the course's Chinese
term and the deck's own wording. The deck's 计算的时间长度 (the length of the calculation
period) is the time horizon; its 贴现率 is the discount rate, 折现率 in standard usage; its
客户的维系率 is the retention rate (客户保持率)."""

VALUE_COMPOSITION: dict[str, tuple[str, str]] = language.texts({
    "historical value": ("历史价值", "the value realised so far"),
    "current value": ("当前价值", "the value still to come if the customer's behaviour does "
                      "not change"),
    "potential value": ("潜在价值", "the extra value from cross-selling, referrals and a "
                        "larger share of wallet"),
})
"""The composition of a customer's value (客户的价值的构成, the deck 第二章“为企业创造价值”):
name -> (Chinese, meaning); the meaning in the course's language
(:func:`helpers.language.texts`)."""


def clv_components(initial_margin: float, repeat_margin: float, retention: float,
                   discount_rate: float, horizon: int, *, wallet_growth: float = 0.0,
                   cross_sell_margin: ArrayLike = 0.0, cost_saving: ArrayLike = 0.0,
                   referrals: ArrayLike = 0.0, referral_value: float = 0.0,
                   price_premium: ArrayLike = 0.0, acquisition_cost: float = 0.0
                   ) -> pd.DataFrame:
    """CLV = CLV1 + CLV2 + ... + CLV6, the six sources of value of the deck, as a table.

    The customer is won today (year 0): CLV1 = ``initial_margin`` - ``acquisition_cost``, not
    discounted. In each later year t = 1..``horizon`` the customer is still there with
    probability r^t (``retention``) and money is worth 1 / (1 + d)^t (``discount_rate``); each
    later source is the sum over those years of r^t / (1 + d)^t x its yearly amount:

    * CLV2 repeat purchase: ``repeat_margin`` x (1 + ``wallet_growth``)^(t-1);
    * CLV3 cross-selling: ``cross_sell_margin``;
    * CLV4 lower cost to serve: ``cost_saving``;
    * CLV5 referrals: ``referrals`` (new customers recommended a year) x ``referral_value``;
    * CLV6 price premium: ``price_premium``.

    The yearly amounts of CLV3-CLV6 are one number (the same every year) or ``horizon`` values;
    ``horizon`` is a whole number of years up to ``validation.MAX_PERIODS``; ``wallet_growth``
    is a rate above -1 and at most 1.
    Returns one row per component (index CLV1..CLV6) with ``source``, ``chinese``, ``inputs``
    (:data:`CLV_COMPONENTS`), ``value`` and ``share`` (of the total); the values sum to the CLV,
    which is also in ``.attrs["clv"]``. With only a repeat margin, CLV2 equals
    ``clv(repeat_margin, retention, discount_rate, horizon, timing="end")``.
    Source: the CLV formula of the deck 第二章“为企业创造价值” (客户终生价值公式; the deck
    describes the six sources in words, the weighting by r^t / (1 + d)^t is the course's); the
    sources of value follow Reichheld & Sasser
    (1990), "Zero defections", *Harvard Business Review* 68(5), and Reichheld (1996),
    *The Loyalty Effect*, ch. 2.

    >>> table = clv_components(100, 80, 0.5, 0.0, 2, wallet_growth=0.1, cross_sell_margin=20,
    ...                        acquisition_cost=40)
    >>> table["value"]      # CLV2 = 80 x 0.5 + 88 x 0.25; CLV3 = 20 x 0.75
    component
    CLV1    60.0
    CLV2    62.0
    CLV3    15.0
    CLV4     0.0
    CLV5     0.0
    CLV6     0.0
    Name: value, dtype: float64
    >>> table.attrs["clv"]
    137.0
    """
    r = check_rate(retention, "retention")
    d = _discount_rate(discount_rate)
    big_t = int(_horizon(horizon, allow_inf=False))
    m0 = check_number(initial_margin, "initial_margin")
    m1 = check_number(repeat_margin, "repeat_margin")
    g = _discount_rate(wallet_growth, "wallet_growth")
    a = check_number(acquisition_cost, "acquisition_cost", low=0.0)
    rv = check_number(referral_value, "referral_value")
    t = np.arange(1, big_t + 1)
    with np.errstate(over="ignore", invalid="ignore"):
        weight = (r / (1.0 + d)) ** t  # survival x discount factor of years 1..T
        yearly = {
            "CLV2": m1 * (1.0 + g) ** (t - 1),
            "CLV3": _per_year(cross_sell_margin, big_t, "cross_sell_margin"),
            "CLV4": _per_year(cost_saving, big_t, "cost_saving"),
            "CLV5": _per_year(referrals, big_t, "referrals", low=0.0) * rv,
            "CLV6": _per_year(price_premium, big_t, "price_premium"),
        }
        values = {"CLV1": m0 - a, **{k: float(weight @ v) for k, v in yearly.items()}}
        total = float(sum(values.values()))
    _require_finite_result([*values.values(), total], "clv_components",
                           ["the margins", "referral_value", "acquisition_cost",
                            "wallet_growth", "discount_rate", "horizon"])
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
spirit of the deck's example (第二章“为企业创造价值”, 客户周期价值计算, whose figure and tables
are lost), five years, amounts in CNY."""

COHORT_COLUMNS: tuple[str, ...] = (
    "year", "retention_rate", "customers", "orders_per_customer", "orders", "spend_per_order",
    "revenue", "direct_cost_rate", "direct_cost", "marketing_cost", "profit", "discount_factor",
    "npv", "cumulative_npv", "clv_per_customer")
"""The columns of :func:`cohort_clv`, in order."""


def cohort_clv(customers: int = 20_000,
               retention: Sequence[float] = COHORT_DEFAULTS["retention"],  # type: ignore[assignment]
               orders_per_customer: ArrayLike = COHORT_DEFAULTS["orders_per_customer"],  # type: ignore[assignment]
               spend_per_order: ArrayLike = COHORT_DEFAULTS["spend_per_order"],  # type: ignore[assignment]
               direct_cost_rate: ArrayLike = COHORT_DEFAULTS["direct_cost_rate"],  # type: ignore[assignment]
               acquisition_cost: float = 100.0, marketing_cost: ArrayLike = 15.0,
               discount_rate: float = 0.12) -> pd.DataFrame:
    """The deck's cohort example: a campaign wins ``customers`` in year 1; follow them.

    The horizon is ``len(retention) + 1`` years. ``retention`` holds the year-to-year rates:
    entry k is the share of year (k+1)'s customers still buying in year k+2. Per year t:

    * ``retention_rate`` (1 in year 1: the cohort as won) and ``customers`` =
      customers x the product of the retention rates so far;
    * ``orders_per_customer`` (one number or one per year), ``orders`` = customers x orders
      per customer, ``spend_per_order`` (one number or one per year) and ``revenue`` =
      orders x spend per order;
    * ``direct_cost`` = ``direct_cost_rate`` (a rate in [0, 1]) x revenue (cost of goods and
      serving);
    * ``marketing_cost`` = ``acquisition_cost`` x customers won in year 1, and in later years
      ``marketing_cost`` (retention marketing) x the year's customers;
    * ``profit`` = revenue - direct cost - marketing cost;
    * ``discount_factor`` = 1 / (1 + d)^(t-1) (year 1 is today), ``npv`` = profit x factor,
      ``cumulative_npv``, and ``clv_per_customer`` = cumulative NPV / customers won: the
      lifetime value per original customer to date.

    Defaults (:data:`COHORT_DEFAULTS`) are illustrative, chosen for the course: the deck keeps
    only the first line (20,000 customers won in year 1); its figure and tables are lost, so
    the rows above are the course's reading. Source: the deck 第二章“为企业创造价值”
    (客户周期价值计算); the layout follows the
    customer lifetime value tables of Hughes, A. M. (2005), *Strategic Database Marketing*,
    3rd ed., ch. 6.

    >>> table = cohort_clv(1000, retention=[0.5, 0.4], orders_per_customer=2,
    ...                    spend_per_order=100, direct_cost_rate=0.6, acquisition_cost=30,
    ...                    marketing_cost=10, discount_rate=0.25)
    >>> table[["year", "customers", "profit", "npv", "clv_per_customer"]]
       year  customers   profit      npv  clv_per_customer
    0     1     1000.0  50000.0  50000.0             50.00
    1     2      500.0  35000.0  28000.0             78.00
    2     3      200.0  14000.0   8960.0             86.96
    """
    won = check_int(customers, "customers", 1, None)
    if not _is_collection(retention):
        raise TypeError("retention must be a sequence of year-to-year rates (one per year "
                        "after the first), e.g. (0.45, 0.55, 0.62)")
    rates = _numbers(retention, "retention", low=0.0, high=1.0, rate=True)
    if len(rates) >= MAX_PERIODS:
        raise ValueError(f"retention may hold at most {MAX_PERIODS - 1:,} rates "
                         f"(validation.MAX_PERIODS years), got {len(rates):,}")
    horizon = len(rates) + 1
    orders = _per_year(orders_per_customer, horizon, "orders_per_customer", low=0.0)
    spend = _per_year(spend_per_order, horizon, "spend_per_order", low=0.0)
    cost_rate = _per_year(direct_cost_rate, horizon, "direct_cost_rate", low=0.0, high=1.0,
                          rate=True)
    upkeep = _per_year(marketing_cost, horizon, "marketing_cost", low=0.0)
    a = check_number(acquisition_cost, "acquisition_cost", low=0.0)
    d = _discount_rate(discount_rate)
    year = np.arange(1, horizon + 1)
    rate = np.concatenate([[1.0], rates.to_numpy()])
    with np.errstate(over="ignore", invalid="ignore"):
        active = won * np.cumprod(rate)
        placed = active * orders
        revenue = placed * spend
        direct = cost_rate * revenue
        marketing = np.where(year == 1, a * won, upkeep * active)
        profit = revenue - direct - marketing
        factor = (1.0 + d) ** -(year - 1.0)
        npv = profit * factor
        table = pd.DataFrame(dict(zip(COHORT_COLUMNS, [
            year, rate, active, orders, placed, spend, revenue, cost_rate, direct, marketing,
            profit, factor, npv, np.cumsum(npv), np.cumsum(npv) / won])))
    _require_finite_result(table.to_numpy(dtype=float), "cohort_clv",
                           ["customers", "orders_per_customer", "spend_per_order",
                            "acquisition_cost", "marketing_cost", "discount_rate"])
    return table


# ---------------------------------------------------------------------------------------------
# the simple six-step method: marginal net worth of a customer
# ---------------------------------------------------------------------------------------------

SIMPLE_DEFAULTS: dict[str, float] = {
    "average_sale": 500.0, "profit_rate": 0.30, "repeat_orders": 3.0,
    "marketing_spend": 200_000.0, "new_customers": 1_000.0,
    "prospect_spend": 50_000.0, "prospects": 2_000.0, "conversion_rate": 0.10,
}
"""Illustrative inputs of :func:`simple_clv` (CNY), chosen for the course."""

SIMPLE_CLV_ROWS: tuple[str, ...] = (
    "average_sale", "profit_per_sale", "repeat_orders", "lifetime_profit", "cost_per_sale",
    "cost_per_prospect", "conversion_rate", "cost_per_converted_prospect", "marginal_net_worth",
    "marginal_net_worth_prospect")
"""The rows of :func:`simple_clv` (its index ``name``), step by step."""


def simple_clv(average_sale: float = 500.0, profit_rate: float = 0.30,
               repeat_orders: float = 3.0, marketing_spend: float = 200_000.0,
               new_customers: float = 1_000.0, prospect_spend: float = 50_000.0,
               prospects: float = 2_000.0, conversion_rate: float = 0.10) -> pd.DataFrame:
    """The simple six-step CLV method, step by step (客户终身价值计算方法).

    1. average sale and profit per sale = ``average_sale`` x ``profit_rate`` (a rate between
       -1 and 1: a loss-making sale has a negative one);
    2. a conservative number of ``repeat_orders`` per customer: lifetime profit = profit per
       sale x (1 + repeat orders);
    3. cost per sale = ``marketing_spend`` / ``new_customers`` (what winning one customer cost);
    4. the same for prospects: cost per prospect = ``prospect_spend`` / ``prospects``;
    5. the prospects' ``conversion_rate`` (share who become customers, above 0 and at most 1):
       cost per converted prospect = cost per prospect / conversion rate;
    6. marginal net worth of a customer = lifetime profit - marketing spend per customer (for a
       customer won directly, and for one won through prospecting).

    Returns one row per quantity (index ``name``: :data:`SIMPLE_CLV_ROWS`) with ``step``,
    ``quantity`` (what it is, in the course's language), ``chinese`` (the deck's or the
    course's Chinese name) and ``value`` (CNY, except repeat orders and the conversion rate).
    No discounting: the method is a quick, undiscounted estimate. The deck's prospects are
    准客户 (standard: 潜在客户). Source: the deck 《客户服务与管理》项目二“分析目标客户”
    (客户终身价值计算方法); its step 5 is cut short (准客户变成客户的百分比), so dividing
    the cost per prospect by the conversion rate, and the second marginal net worth, are the
    course's reading.

    >>> table = simple_clv(400, 0.25, 2, 90_000, 600, 10_000, 500, 0.08)
    >>> table.loc[["lifetime_profit", "cost_per_sale", "marginal_net_worth",
    ...            "marginal_net_worth_prospect"], "value"]
    name
    lifetime_profit                300.0
    cost_per_sale                  150.0
    marginal_net_worth             150.0
    marginal_net_worth_prospect     50.0
    Name: value, dtype: float64
    """
    sale = check_number(average_sale, "average_sale", low=0.0)
    rate = check_rate(profit_rate, "profit_rate", low=-1.0)
    repeats = check_number(repeat_orders, "repeat_orders", low=0.0)
    spend = check_number(marketing_spend, "marketing_spend", low=0.0)
    won = check_number(new_customers, "new_customers", low=0.0, low_open=True)
    p_spend = check_number(prospect_spend, "prospect_spend", low=0.0)
    n_prospects = check_number(prospects, "prospects", low=0.0, low_open=True)
    conversion = check_rate(conversion_rate, "conversion_rate", low_open=True)
    with np.errstate(over="ignore", invalid="ignore"):
        profit_per_sale = sale * rate
        lifetime = profit_per_sale * (1.0 + repeats)
        cost_per_sale = spend / won
        cost_per_prospect = p_spend / n_prospects
        cost_per_convert = cost_per_prospect / conversion
    text = language.text
    rows = [
        (1, text("average sale"), "平均销售额", sale),
        (1, text("profit per sale"), "每笔销售的利润", profit_per_sale),
        (2, text("repeat orders per customer (conservative)"), "重复订购次数", repeats),
        (2, text("profit per customer over its repeat orders"), "客户带来的利润", lifetime),
        (3, text("marketing spend / new customers"), "每个客户的销售成本", cost_per_sale),
        (4, text("prospect marketing spend / prospects"), "准客户的销售成本", cost_per_prospect),
        (5, text("share of prospects who become customers"), "转化率", conversion),
        (5, text("cost per prospect / conversion rate"), "每个转化客户的成本", cost_per_convert),
        (6, text("lifetime profit - cost per sale"), "客户的边际净值", lifetime - cost_per_sale),
        (6, text("lifetime profit - cost per converted prospect"), "准客户的边际净值",
         lifetime - cost_per_convert),
    ]
    table = pd.DataFrame([(name, *row) for name, row in zip(SIMPLE_CLV_ROWS, rows)],
                         columns=["name", "step", "quantity", "chinese", "value"])
    _require_finite_result(table["value"], "simple_clv",
                           ["average_sale", "repeat_orders", "marketing_spend",
                            "new_customers", "prospect_spend", "prospects", "conversion_rate"])
    return table.set_index("name")


# ---------------------------------------------------------------------------------------------
# inputs from data (helpers.clv_segments), reachable here as well
# ---------------------------------------------------------------------------------------------

from .clv_segments import segment_clv, segment_margin, yearly_retention  # noqa: E402
