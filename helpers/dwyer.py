"""Customer lifetime value II (chapter 09): the DWYER method, the Markov migration model and
customer-event prediction (DWYER 方法与客户事件预测法).

Three tools of the decks 《客户服务与管理》项目二“分析目标客户” and 第二章“为企业创造价值”
(the DWYER method with its two customer types, and customer-event prediction, 客户事件预测法;
the second deck: 顾客事件预测法) and two models beyond the decks (the Markov migration model and
the Monte Carlo ranges), in three modules:

* here, the **DWYER method**, lost-for-good (retention) model: a group's yearly customers,
  sales, costs and profit, discounted and cumulated: :func:`dwyer_table`, with its inputs
  projected, :func:`retention_projection`, or taken from the data, :func:`group_years`;
  Dwyer's two customer types, :data:`CUSTOMER_TYPES`;
* :mod:`helpers.migration`, the **always-a-share (migration) model** as a Markov chain over
  recency states (Pfeifer & Carraway 2000), with the fitted :class:`MigrationModel`;
* :mod:`helpers.events`, **customer-event prediction**: a plan of predicted events with revenue
  and cost per customer and a profit-and-expense forecast per customer, with Monte Carlo
  ranges.

Chapter 08's retention model (:func:`helpers.clv.clv`) is the lost-for-good special case of
both the DWYER table and the migration model. Every name of the three modules can be reached
here and as ``clv.<name>`` (``dwyer.migration_matrix``, ``clv.dwyer_table``, ...), so chapter
09's notebooks import one module.

Conventions as in :mod:`helpers.clv`: rates are fractions (8 % is 0.08); a horizon or a number
of periods is a whole number up to :data:`helpers.validation.MAX_PERIODS`, and
:func:`migration_clv` also takes ``numpy.inf`` (the closed form); simulations are seeded (a
whole number from 0 to 2**32 - 1) and at most :data:`MAX_SIMULATIONS`; a chain has at most
:data:`MAX_STATES` states.

>>> from helpers import dwyer
>>> [chinese for chinese, _ in dwyer.CUSTOMER_TYPES.values()]
['永久流失型', '暂时流失型']
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from . import language
from .clv import (
    Timing,
    _check_labels,
    _check_timing,
    _check_years,
    _customer_frame,
    _discount_rate,
    _numbers,
    _require_finite_result,
    _sorted_labels,
)
from .clv_segments import _profit_frame
from .model import FitWarning
from .validation import (
    MAX_PERIODS,
    check_cells,
    check_int,
    column_option,
    numeric_column,
    numeric_columns,
    offenders,
    require_frame,
    require_no_nan,
    require_unique,
    require_unique_index,
)

__all__ = [
    "CUSTOMER_TYPES", "FREQUENCIES", "MAX_STATES", "MAX_SIMULATIONS", "MAX_EVENT_RATE",
    "FitWarning",
    "dwyer_table", "retention_projection", "group_years", "per_period_rate",
    "recency_states", "migration_matrix", "recency_matrix", "purchase_probabilities",
    "migration_rewards", "migration_clv", "state_projection", "group_value",
    "simulate_migration", "MigrationModel",
    "EVENT_PLAN_COLUMNS", "EVENTS", "FORECAST_COLUMNS", "event_plan", "event_schedule",
    "event_forecast", "simulate_events", "simulation_ranges",
]

CUSTOMER_TYPES: dict[str, tuple[str, str]] = language.texts({
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
})
"""Dwyer's (1989) two customer types, after Jackson (1985), *Winning and Keeping Industrial
Customers*, as the deck 第二章“为企业创造价值” describes them (永久流失型 / 暂时流失型): name ->
(Chinese, when it applies and which model values it, in the course's language; the examples in
brackets and the choice of model are the course's)."""


def _keys(by: object, data: pd.DataFrame, name: str) -> list[str]:
    """The group columns named by ``by``: None, one column name or a list of them."""
    if by is None:
        return []
    names = [by] if isinstance(by, str) else by
    if not isinstance(names, (list, tuple)) or not names:
        raise TypeError(f"by must be a column name of {name} or a list of them, got "
                        f"{type(by).__name__} {by!r}")
    keys = [column_option(data, key, "by", name) for key in names]
    if len(set(keys)) != len(keys):
        raise ValueError(f"by names a column twice: {keys}")
    return keys


def per_period_rate(annual_rate: float, periods_per_year: int) -> float:
    """The rate per period equivalent to an annual rate: (1 + D)^(1/k) - 1.

    Use it to discount monthly (k = 12) or quarterly (k = 4) models with a yearly cost of
    capital D (a rate above -1 and at most 1; ``periods_per_year`` from 1 to 366).
    Source: compound interest, as in any finance text.

    >>> round(per_period_rate(0.10, 12), 6)      # 1.1 ** (1/12) - 1
    0.007974
    """
    rate = _discount_rate(annual_rate, "annual_rate")
    k = check_int(periods_per_year, "periods_per_year", 1, 366)
    return float((1.0 + rate) ** (1.0 / k) - 1.0)


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
    require_frame(data, name, list(amounts))
    return list(amounts)


def _group(customers: tuple[float, ...] = (100, 60, 36),
           sales: tuple[float, ...] = (10_000, 7_200, 4_860),
           costs: tuple[float, ...] = (6_000, 4_200, 2_700)) -> pd.DataFrame:
    """Three years of one group: the examples of the DWYER functions."""
    return pd.DataFrame({"year": [1, 2, 3], "customers": customers, "sales": sales,
                         "costs": costs})


def dwyer_table(data: pd.DataFrame, discount_rate: float, *,
                by: str | Sequence[str] | None = None, timing: Timing = "start") -> pd.DataFrame:
    """The DWYER method (DWYER 方法): a group's yearly profit, discounted and cumulated.

    ``data`` holds one row per group (``by``: a column or a list of columns, optional) and
    ``year`` (whole numbers) with the group's ``customers`` (active that year, >= 0) and either
    its ``sales`` and ``costs`` (all costs of serving and marketing to the group that year,
    CNY, both >= 0) or directly its ``profit`` (net cash, any sign). Per group, in order of
    ``year``, with t = 1, 2, ...:

    * ``retention`` = customers_t / customers_(t-1) (1 in the first year: the group as formed);
    * ``profit`` = sales - costs (or as given); ``sales_per_customer`` (with sales) and
      ``profit_per_customer``;
    * ``discount_factor`` = 1 / (1 + d)^(t-1) (``timing="start"``: the first year is today,
      the course's convention, as in :func:`helpers.clv.npv_table`) or 1 / (1 + d)^t
      (``"end"``);
      ``npv`` = profit x factor;
    * ``cumulative_npv`` and ``value_per_customer`` = cumulative NPV / customers of the first
      year: the lifetime value to date of an *original* customer of the group.

    The result values the group, or its average customer, never an individual one: every
    customer of a group gets the same number. Source: Dwyer, F. R. (1989), "Customer lifetime
    valuation to support marketing decision making", *Journal of Direct Marketing* 3(4), 8-15
    (the retention, or lost-for-good, case); the DWYER method (DWYER(杜瓦尔)方法) of the decks
    《客户服务与管理》项目二“分析目标客户” (group, yearly sales and costs, NPV and cumulative
    NPV) and 第二章“为企业创造价值” (the two customer types and the method's limit).

    >>> table = dwyer_table(_group(), 0.1)   # profit 4000, 3000, 2160 of 100 original customers
    >>> table[["year", "retention", "profit", "npv", "value_per_customer"]].round(2)
       year  retention  profit      npv  value_per_customer
    0     1        1.0    4000  4000.00               40.00
    1     2        0.6    3000  2727.27               67.27
    2     3        0.6    2160  1785.12               85.12
    """
    timing = _check_timing(timing)
    d = _discount_rate(discount_rate)
    require_frame(data, "data", ["year", "customers"])
    keys = _keys(by, data, "data")
    money = _money_columns(data, "data", ("sales", "costs"), "profit")
    cols = keys + ["year", "customers"] + money
    for key in keys:
        require_no_nan(data[key], f"data[{key!r}]")
    _check_labels(data, keys, "data")
    numeric_column(data, "year", "data", integer=True)
    numeric_columns(data, ["customers"] + [c for c in money if c != "profit"], "data",
                    low=0.0)
    if money == ["profit"]:
        numeric_column(data, "profit", "data")
    require_unique(data, keys + ["year"], "data",
                   what="one row per year" + (f" and {', '.join(keys)}" if keys else
                                              " (name the group column with by=...)"))
    table = data[cols].sort_values(keys + ["year"]).reset_index(drop=True)
    groups = table.groupby(keys, sort=False) if keys else None
    t = (groups.cumcount() if keys else pd.Series(np.arange(len(table)))).to_numpy() + 1
    first = (groups["customers"].transform("first") if keys
             else pd.Series(table["customers"].iloc[0], index=table.index))
    empty = (first <= 0).to_numpy()
    if empty.any():
        raise ValueError("data: a group must have customers in its first year (the value per "
                         "original customer divides by them); groups without:"
                         f"{offenders(table[cols], empty)}")
    previous = (groups["customers"].shift(1) if keys else table["customers"].shift(1))
    with np.errstate(divide="ignore", invalid="ignore"):
        retention = np.where(t == 1, 1.0, table["customers"] / previous)
    gone = (t > 1) & (previous.fillna(1.0).to_numpy() == 0)
    retention = np.where(gone, 0.0, retention)
    exponent = t - 1 if timing == "start" else t
    table["retention"] = retention
    with np.errstate(over="ignore", invalid="ignore"):
        if money != ["profit"]:
            table["profit"] = table["sales"] - table["costs"]
        heads = table["customers"].to_numpy(dtype=float)
        safe = np.where(heads > 0, heads, 1.0)  # a group with no customer left earns 0 a head
        if money != ["profit"]:
            table["sales_per_customer"] = np.where(heads > 0, table["sales"] / safe, 0.0)
        table["profit_per_customer"] = np.where(heads > 0, table["profit"] / safe, 0.0)
        table["discount_factor"] = (1.0 + d) ** -exponent.astype(float)
        table["npv"] = table["profit"] * table["discount_factor"]
        table["cumulative_npv"] = (table.groupby(keys, sort=False)["npv"].cumsum() if keys
                                   else table["npv"].cumsum())
        table["value_per_customer"] = table["cumulative_npv"] / first.to_numpy()
    numbers = table.drop(columns=keys + ["year"]).to_numpy(dtype=float)
    _require_finite_result(numbers, "dwyer_table", ["data's money columns", "discount_rate"])
    return table


def retention_projection(groups: pd.DataFrame, horizon: int) -> pd.DataFrame:
    """Lost-for-good groups projected year by year: the input of :func:`dwyer_table`.

    ``groups`` has one row per group (its index names the groups, each once) with
    ``customers`` (the group today), ``retention`` (yearly, a rate in [0, 1]), either
    ``sales_per_customer`` and ``cost_per_customer`` (CNY a year per active customer, both
    >= 0) or ``margin`` (the net profit a year per active customer, any sign, e.g. from
    :func:`helpers.clv.segment_margin`) and, optionally, ``acquisition_cost`` (CNY per
    customer, paid in year 1). For t = 1..``horizon`` (at most ``validation.MAX_PERIODS``):
    customers_t = customers x retention^(t-1) (a customer lost does not come back), sales =
    customers_t x sales per customer and costs = customers_t x cost per customer (+ customers
    x acquisition cost in year 1), or profit = customers_t x margin (- customers x acquisition
    cost in year 1). With ``dwyer_table(..., timing="start")`` the value per original customer
    equals ``clv(margin, retention, d, horizon, timing="start", acquisition_cost=...)`` (margin
    = sales - cost per customer): the retention model of chapter 08, case 1 of Berger & Nasr
    (1998). Source: Dwyer (1989), the customer retention case.

    >>> groups = pd.DataFrame({"customers": [200], "retention": [0.5],
    ...                        "sales_per_customer": [10.0], "cost_per_customer": [4.0],
    ...                        "acquisition_cost": [3.0]})
    >>> retention_projection(groups, 3)
       group  year  customers   sales   costs
    0      0     1      200.0  2000.0  1400.0
    1      0     2      100.0  1000.0   400.0
    2      0     3       50.0   500.0   200.0
    """
    require_frame(groups, "groups", ["customers", "retention"])
    money = _money_columns(groups, "groups", ("sales_per_customer", "cost_per_customer"),
                           "margin")
    extra = ["acquisition_cost"] if "acquisition_cost" in groups.columns else []
    checked = numeric_columns(groups, ["customers"] + [c for c in money if c != "margin"]
                              + extra, "groups", low=0.0)
    checked["retention"] = _numbers(groups["retention"], "groups['retention']", low=0.0,
                                    high=1.0, rate=True)
    if money == ["margin"]:
        checked["margin"] = numeric_column(groups, "margin", "groups")
    require_unique_index(groups, "groups", "one row per group (the index names the groups)")
    big_t = check_int(horizon, "horizon", 1, MAX_PERIODS)
    n = len(groups)
    check_cells(n * big_t, 5, "retention_projection")
    year = np.tile(np.arange(1, big_t + 1), n)

    def rep(col: str) -> np.ndarray:
        return np.repeat(checked[col].to_numpy(dtype=float), big_t)

    name = groups.index.name or "group"
    with np.errstate(over="ignore", invalid="ignore"):
        active = rep("customers") * rep("retention") ** (year - 1.0)
        acquisition = (np.where(year == 1, rep("customers") * rep("acquisition_cost"), 0.0)
                       if extra else 0.0)
        table = pd.DataFrame({name: np.repeat(groups.index.to_numpy(), big_t), "year": year,
                              "customers": active})
        if money == ["margin"]:
            table["profit"] = active * rep("margin") - acquisition
        else:
            table["sales"] = active * rep("sales_per_customer")
            table["costs"] = active * rep("cost_per_customer") + acquisition
    _require_finite_result(table.drop(columns=[name]).to_numpy(dtype=float),
                           "retention_projection", ["groups' customers and money columns"])
    return table


def group_years(customers: pd.DataFrame, profit: pd.DataFrame, years: Sequence[int], *,
                by: str | None = None) -> pd.DataFrame:
    """A group's actual yearly customers, sales and costs from the data: the DWYER input.

    ``customers`` (``customer_id, acquisition_date, lost_date`` and ``by``, as in
    :func:`helpers.clv.yearly_retention`): the customers whose group history to follow (e.g.
    one acquisition cohort); ``profit``: :func:`helpers.value.customer_profit` by year
    (``customer_id, year, net_sales, cost_of_goods, cost_to_serve``, amounts >= 0; rows of the
    same customer and year are added up). A customer counts in a year of ``years`` if it was on
    the books at some time in it (acquired by 31 December, not lost before 1 January).
    ``sales`` = net sales, ``costs`` = cost of goods + cost to serve, summed over the group's
    customers. Returns ``by`` (if given), ``year``, ``customers``, ``sales``, ``costs`` for
    :func:`dwyer_table`. A group with no customer in a year gets 0 customers, sales and costs.
    Source: Dwyer (1989), with net customer profitability (chapter 04) as the yearly profit.

    >>> customers = pd.DataFrame({"customer_id": [1, 2],
    ...     "acquisition_date": pd.to_datetime(["2020-05-01", "2021-03-01"]),
    ...     "lost_date": pd.to_datetime(["2021-06-30", None])})
    >>> profit = pd.DataFrame({"customer_id": [1, 2, 2], "year": [2021, 2021, 2022],
    ...     "net_sales": [100.0, 50.0, 80.0], "cost_of_goods": [60.0, 30.0, 50.0],
    ...     "cost_to_serve": [10.0, 5.0, 5.0]})
    >>> group_years(customers, profit, [2021, 2022])
       year  customers  sales  costs
    0  2021          2  150.0  105.0
    1  2022          1   80.0   55.0
    """
    c = _customer_frame(customers, by)
    money = ["net_sales", "cost_of_goods", "cost_to_serve"]
    checked = _profit_frame(profit, money)
    yrs = _check_years(years)
    keys = [by] if by else []
    frames = []
    for year in yrs:  # a loop over a few years, not over customers
        start, end = pd.Timestamp(year, 1, 1), pd.Timestamp(year + 1, 1, 1)
        on = (c["acquisition_date"] < end) & ~(c["lost_date"] < start)
        frames.append(c.loc[on, ["customer_id"] + keys].assign(year=year))
    books = pd.concat(frames, ignore_index=True)
    yearly = checked.groupby(["customer_id", "year"], as_index=False)[money].sum()
    merged = books.merge(yearly, on=["customer_id", "year"], how="left").fillna(
        dict.fromkeys(money, 0.0))
    merged["costs"] = merged["cost_of_goods"] + merged["cost_to_serve"]
    grouped = merged.groupby(keys + ["year"], observed=True)
    table = pd.DataFrame({"customers": grouped.size(), "sales": grouped["net_sales"].sum(),
                          "costs": grouped["costs"].sum()})
    levels = ([_sorted_labels(c[by].unique())] if by else []) + [yrs]
    full = (pd.MultiIndex.from_product(levels, names=keys + ["year"]) if by
            else pd.Index(yrs, name="year"))
    table = table.reindex(full, fill_value=0)
    table["customers"] = table["customers"].astype(int)
    _require_finite_result(table[["sales", "costs"]], "group_years", ["profit's amounts"])
    return table.reset_index()


# ---------------------------------------------------------------------------------------------
# chapter 09's other two tools, reachable here as well (dwyer.<name>, and clv.<name>)
# ---------------------------------------------------------------------------------------------

from .events import (  # noqa: E402  (after this module's own names; events does not import it)
    EVENT_PLAN_COLUMNS,
    EVENTS,
    FORECAST_COLUMNS,
    MAX_EVENT_RATE,
    event_forecast,
    event_plan,
    event_schedule,
    simulate_events,
    simulation_ranges,
)
from .migration import (  # noqa: E402
    FREQUENCIES,
    MAX_STATES,
    MigrationModel,
    group_value,
    migration_clv,
    migration_matrix,
    migration_rewards,
    purchase_probabilities,
    recency_matrix,
    recency_states,
    simulate_migration,
    state_projection,
)
from .validation import MAX_SIMULATIONS  # noqa: E402
