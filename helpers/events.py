"""Customer lifetime value II (chapter 09): customer-event prediction (客户事件预测法; the
deck 第二章“为企业创造价值”: 顾客事件预测法).

The method of the decks 《客户服务与管理》项目二“分析目标客户” and 第二章“为企业创造价值”: list
the events expected of each customer in the coming periods (orders, service, visits), with
their revenue and cost, and forecast the customer's profit and expense period by period:
:func:`event_plan` (a plan from the case company's data), :func:`event_schedule`,
:func:`event_forecast`; with Monte Carlo ranges beyond the decks: :func:`simulate_events`,
:func:`simulation_ranges`. Every name here can also be reached as ``dwyer.<name>`` and
``clv.<name>``. Conventions as in :mod:`helpers.clv`; a simulation makes at most
:data:`helpers.validation.MAX_SIMULATIONS` draws.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .clv import (
    Timing,
    _check_labels,
    _check_timing,
    _customer_frame,
    _discount_rate,
    _is_collection,
    _numbers,
    _require_finite_result,
)
from .validation import (
    MAX_PERIODS,
    MAX_SIMULATIONS,
    as_numeric_series,
    check_bool,
    check_cells,
    check_int,
    check_number,
    check_rate,
    check_seed,
    date_column,
    numeric_column,
    numeric_columns,
    offenders,
    require_frame,
    require_no_nan,
    require_unique,
    require_unique_index,
)
from .value import COST_CATEGORIES

__all__ = [
    "MAX_EVENT_RATE", "EVENT_PLAN_COLUMNS", "EVENTS", "FORECAST_COLUMNS", "event_plan",
    "event_schedule", "event_forecast", "simulate_events", "simulation_ranges",
]

MAX_EVENT_RATE = 1_000_000.0
"""Largest ``rate`` (events per period) of a random event :func:`simulate_events` draws."""


EVENTS: tuple[str, ...] = ("order", "service")
"""The events :func:`event_plan` names itself: an ``order``, and ``service`` (the cost to serve
in one line, ``by_category=False``); with ``by_category=True`` the cost-to-serve categories
(:data:`helpers.value.COST_CATEGORIES` in the case company's data) are events too."""

FORECAST_COLUMNS: tuple[str, ...] = (
    "revenue", *(f"cost_{event}" for event in (*EVENTS, *COST_CATEGORIES)), "cost", "profit",
    "pv_profit")
"""The columns of :func:`event_forecast` for a plan of :func:`event_plan` (an expense line
``cost_<event>`` per event of the plan, the case company's categories here)."""

EVENT_PLAN_COLUMNS: tuple[str, ...] = ("customer_id", "event", "rate", "revenue", "cost",
                                       "retention")
"""Columns of an event plan: who, which event, expected events per period (``rate``), revenue
and cost per event (CNY), and the probability that the customer stays from one period to the
next (``retention``). An optional boolean column ``random`` says whether the number of events
is random (Poisson, the default: orders) or fixed at ``rate`` while the customer stays (a
yearly account-management cost); only :func:`simulate_events` uses it."""


def _check_plan(plan: object) -> pd.DataFrame:
    """``plan`` checked: ids and events present and of one kind, rate, revenue and cost
    finite and >= 0, retention a rate in [0, 1] and the same for all of a customer's rows,
    one row per customer and event, ``random`` (if given) True/False."""
    cols = list(EVENT_PLAN_COLUMNS)
    require_frame(plan, "plan", cols)
    for column in ("customer_id", "event"):
        require_no_nan(plan[column], f"plan[{column!r}]")
    _check_labels(plan, ["customer_id", "event"], "plan")
    checked = pd.concat([plan[["customer_id", "event"]],
                         numeric_columns(plan, ["rate", "revenue", "cost"], "plan", low=0.0)],
                        axis=1)
    checked["retention"] = _numbers(plan["retention"], "plan['retention']", low=0.0, high=1.0,
                                    rate=True)
    require_unique(checked, ["customer_id", "event"], "plan",
                   what="one row per customer and event")
    split = checked.groupby("customer_id")["retention"].nunique() > 1
    if split.any():
        raise ValueError("plan: a customer has one retention rate (it stays or leaves as a "
                         f"whole); customers with several: {split[split].index[:5].tolist()}")
    if "random" in plan.columns:
        flags = plan["random"]
        if not pd.api.types.is_bool_dtype(flags.dtype):
            raise TypeError(f"plan['random'] must be True or False, got dtype {flags.dtype}")
        checked["random"] = flags.astype(bool)
    return checked.reset_index(drop=True)


def _example_plan() -> pd.DataFrame:
    """Customer 7: two orders a period (100 revenue, 60 cost each), one service call (30)."""
    return pd.DataFrame({"customer_id": [7, 7], "event": ["order", "service"],
                         "rate": [2.0, 1.0], "revenue": [100.0, 0.0], "cost": [60.0, 30.0],
                         "retention": [0.5, 0.5]})


def event_plan(customers: pd.DataFrame, orders: pd.DataFrame, costs: pd.DataFrame, year: int, *,
               retention: float | pd.Series = 1.0, by_category: bool = True) -> pd.DataFrame:
    """A plan of each customer's predicted events from its behaviour in a base ``year``.

    For the customers on the books at the end of ``year`` (acquired by then, not lost;
    ``customers`` as in :func:`helpers.clv.yearly_retention`):

    * event ``order``: ``rate`` = orders placed in ``year``, ``revenue`` = mean net sales per
      order, ``cost`` = mean cost of goods per order (``orders``: ``customer_id, order_date,
      net_sales, cost_of_goods``, amounts >= 0);
    * one event per cost-to-serve ``category`` of ``costs`` (``customer_id, year, amount`` and
      ``category``; or one ``service`` event with ``by_category=False``): ``rate`` 1 a year,
      not random, ``revenue`` 0, ``cost`` = the customer's cost-to-serve in that category in
      ``year``;
    * ``retention``: a rate for every customer or a Series of rates by ``customer_id`` (one
      per customer, e.g. the retention of the customer's segment, chapter 08).

    The base year is taken as the forecast of every later year: a simple, judgemental
    forecast, which is why its result should be given with a range (:func:`simulate_events`).
    Returns a plan with :data:`EVENT_PLAN_COLUMNS`. Source: customer-event prediction
    (客户事件预测法) of the decks 《客户服务与管理》项目二“分析目标客户” and
    第二章“为企业创造价值” (顾客事件预测法), which name the steps; the plan built from one year's
    behaviour is the course's, and the cost lines follow chapter 04's cost to serve.

    >>> customers = pd.DataFrame({"customer_id": [1], "acquisition_date":
    ...     pd.to_datetime(["2023-03-01"]), "lost_date": pd.to_datetime([None])})
    >>> orders = pd.DataFrame({"customer_id": [1, 1], "order_date":
    ...     pd.to_datetime(["2024-02-01", "2024-09-01"]), "net_sales": [100.0, 300.0],
    ...     "cost_of_goods": [60.0, 200.0]})
    >>> costs = pd.DataFrame({"customer_id": [1], "year": [2024], "category": ["delivery"],
    ...                       "amount": [25.0]})
    >>> event_plan(customers, orders, costs, 2024, retention=0.8)
       customer_id     event  rate  revenue   cost  retention  random
    0            1  delivery   1.0      0.0   25.0        0.8   False
    1            1     order   2.0    200.0  130.0        0.8    True
    """
    c = _customer_frame(customers)
    by_category = check_bool(by_category, "by_category")
    year = check_int(year, "year", 1900, 2200)
    require_frame(orders, "orders", ["customer_id", "order_date", "net_sales", "cost_of_goods"])
    require_no_nan(orders["customer_id"], "orders['customer_id']")
    o = pd.concat([orders[["customer_id"]], date_column(orders, "order_date", "orders"),
                   numeric_columns(orders, ["net_sales", "cost_of_goods"], "orders", low=0.0)],
                  axis=1)
    labels = ["category"] if by_category else []
    require_frame(costs, "costs", ["customer_id", "year", "amount", *labels])
    for column in ["customer_id", *labels]:
        require_no_nan(costs[column], f"costs[{column!r}]")
    _check_labels(costs, labels, "costs")
    k = pd.concat([costs[["customer_id", *labels]],
                   numeric_column(costs, "year", "costs", integer=True, low=1900, high=2200),
                   numeric_column(costs, "amount", "costs", low=0.0)], axis=1)
    if isinstance(retention, pd.Series):
        stay = _numbers(retention, "retention", low=0.0, high=1.0, rate=True)
        require_unique_index(stay, "retention", "one rate per customer_id")
    else:
        stay = check_rate(retention, "retention")
    end = pd.Timestamp(year + 1, 1, 1)
    active = c.loc[(c["acquisition_date"] < end) & ~(c["lost_date"] < end), "customer_id"]
    if active.empty:
        raise ValueError(f"no customer is on the books at the end of {year}")
    o = o[(o["order_date"].dt.year == year) & o["customer_id"].isin(active)]
    grouped = o.groupby("customer_id")
    order_rows = pd.DataFrame({"rate": grouped.size().astype(float),
                               "revenue": grouped["net_sales"].mean(),
                               "cost": grouped["cost_of_goods"].mean()}).reindex(
        active.to_numpy(), fill_value=0.0)
    order, service = EVENTS
    order_rows = order_rows.rename_axis("customer_id").reset_index().assign(event=order)
    k = k[(k["year"] == year) & k["customer_id"].isin(active)]
    serve = (k.groupby(["customer_id", "category"])["amount"].sum() if by_category
             else k.groupby("customer_id")["amount"].sum())
    serve = serve.rename("cost").reset_index()
    serve["event"] = serve["category"] if by_category else service
    serve = serve.assign(rate=1.0, revenue=0.0, random=False)
    order_rows["random"] = True
    plan = pd.concat([order_rows, serve[["customer_id", "event", "rate", "revenue", "cost",
                                         "random"]]], ignore_index=True)
    if isinstance(stay, pd.Series):
        missing = ~plan["customer_id"].isin(stay.index)
        if missing.any():
            raise ValueError("retention: a Series needs a rate for every customer; missing "
                             f"{plan.loc[missing, 'customer_id'].unique()[:5].tolist()}")
        plan["retention"] = stay.reindex(plan["customer_id"]).to_numpy(dtype=float)
    else:
        plan["retention"] = stay
    plan = plan.sort_values(["customer_id", "event"])
    return _check_plan(plan[[*EVENT_PLAN_COLUMNS, "random"]])


def event_schedule(plan: pd.DataFrame, periods: int) -> pd.DataFrame:
    """Each customer's predicted events period by period (客户事件预测法).

    ``plan``: :data:`EVENT_PLAN_COLUMNS` (e.g. from :func:`event_plan`). For periods t = 1..T
    (``periods``, up to ``validation.MAX_PERIODS``) the customer is still there with
    probability ``alive`` = retention^(t-1) (lost for good once gone; present for sure in
    period 1), and an event happens ``expected_events`` = rate x alive times, bringing
    ``revenue`` = expected events x revenue per event and ``cost`` = expected events x cost
    per event; ``profit`` = revenue - cost. One row per customer, event and period.
    Source: customer-event prediction (客户事件预测法) of the decks
    《客户服务与管理》项目二“分析目标客户” and 第二章“为企业创造价值”.

    >>> event_schedule(_example_plan(), 2)[["event", "period", "alive", "profit"]]
         event  period  alive  profit
    0    order       1    1.0    80.0
    1    order       2    0.5    40.0
    2  service       1    1.0   -30.0
    3  service       2    0.5   -15.0
    """
    p = _check_plan(plan)
    big_t = check_int(periods, "periods", 1, MAX_PERIODS)
    check_cells(len(p) * big_t, 8, "event_schedule")
    rows = p.loc[p.index.repeat(big_t)].reset_index(drop=True)
    rows.insert(2, "period", np.tile(np.arange(1, big_t + 1), len(p)))
    alive = rows["retention"] ** (rows["period"] - 1.0)
    expected = rows["rate"] * alive
    with np.errstate(over="ignore", invalid="ignore"):
        table = pd.DataFrame({
            "customer_id": rows["customer_id"], "event": rows["event"],
            "period": rows["period"], "alive": alive, "expected_events": expected,
            "revenue": expected * rows["revenue"], "cost": expected * rows["cost"],
            "profit": expected * (rows["revenue"] - rows["cost"]),
        })
    _require_finite_result(table[["revenue", "cost", "profit"]], "event_schedule",
                           ["plan's rate, revenue and cost"])
    return table


def event_forecast(schedule: pd.DataFrame, discount_rate: float = 0.0, *,
                   timing: Timing = "start") -> pd.DataFrame:
    """The profit-and-expense forecast per customer (利润和费用预测表): a P&L account each.

    ``schedule``: :func:`event_schedule` (one row per customer, event and period; ``period``
    from 1 to ``validation.MAX_PERIODS``, revenue and cost >= 0). Per customer: ``revenue``,
    one expense line ``cost_<event>`` per event (e.g. cost of goods of the orders, each
    cost-to-serve category), ``cost`` (their sum), ``profit`` and ``pv_profit``, the profit of
    period t discounted by 1 / (1 + d)^(t-1) (``timing="start"``) or 1 / (1 + d)^t
    (``"end"``). Sorted by ``pv_profit``, best first. Source: customer-event prediction,
    the decks' 利润和费用预测表 (第二章“为企业创造价值”: a 盈亏账号, a profit-and-loss
    account, for each customer); net present value as in :func:`helpers.clv.npv_table`.

    >>> forecast = event_forecast(event_schedule(_example_plan(), 2), 0.1)
    >>> forecast.round(4)      # profit 50 now and 25 in a year: 50 + 25 / 1.1
                 revenue  cost_order  cost_service   cost  profit  pv_profit
    customer_id
    7              300.0       180.0          45.0  225.0    75.0    72.7273
    """
    cols = ["customer_id", "event", "period", "revenue", "cost", "profit"]
    require_frame(schedule, "schedule", cols)
    for column in ("customer_id", "event"):
        require_no_nan(schedule[column], f"schedule[{column!r}]")
    _check_labels(schedule, ["customer_id", "event"], "schedule")
    checked = pd.concat([schedule[["customer_id", "event"]],
                         numeric_column(schedule, "period", "schedule", integer=True, low=1,
                                        high=MAX_PERIODS),
                         numeric_columns(schedule, ["revenue", "cost"], "schedule", low=0.0),
                         numeric_column(schedule, "profit", "schedule")], axis=1)
    require_unique(checked, ["customer_id", "event", "period"], "schedule",
                   what="one row per customer, event and period")
    timing = _check_timing(timing)
    d = _discount_rate(discount_rate)
    exponent = checked["period"] - (1 if timing == "start" else 0)
    with np.errstate(over="ignore", invalid="ignore"):
        pv = checked["profit"] * (1.0 + d) ** -exponent.astype(float)
        lines = checked.pivot_table(index="customer_id", columns="event", values="cost",
                                    aggfunc="sum", fill_value=0.0)
        lines.columns = [f"cost_{e}" for e in lines.columns]
        grouped = checked.groupby("customer_id")
        table = pd.DataFrame({"revenue": grouped["revenue"].sum()}).join(lines)
        table["cost"] = grouped["cost"].sum()
        table["profit"] = grouped["profit"].sum()
        table["pv_profit"] = pv.groupby(checked["customer_id"]).sum()
    table.columns.name = None
    _require_finite_result(table, "event_forecast", ["schedule's money columns",
                                                     "discount_rate"])
    return table.sort_values("pv_profit", ascending=False)


def simulate_events(plan: pd.DataFrame, periods: int, *, n_sims: int = 1000, seed: int = 0,
                    discount_rate: float = 0.0, amount_cv: float = 0.0,
                    timing: Timing = "start") -> pd.DataFrame:
    """Monte Carlo draws of each customer's discounted profit (蒙特卡洛模拟).

    Per simulation and customer: the customer stays a geometric number of periods (it is
    there in period 1 and stays to the next with probability ``retention``); while it is
    there, each event happens a Poisson(``rate``) number of times per period (``rate`` at most
    :data:`MAX_EVENT_RATE`; exactly ``rate`` times for rows whose optional ``random`` column is
    False); the profit of
    each event's period total (revenue - cost) is multiplied by a log-normal factor with mean 1
    and coefficient of variation ``amount_cv`` (0 to 10; 0: amounts known; the size of the
    orders and the service bills is uncertain, their margin rate is not). The profit is
    discounted as in :func:`event_forecast`. Returns the draws: one row per simulation, one
    column per customer (the present value of its profit, CNY); their mean converges to
    ``pv_profit`` of :func:`event_forecast`. Summarise with :func:`simulation_ranges`.
    ``periods`` up to ``validation.MAX_PERIODS``; ``n_sims`` from 1 to :data:`MAX_SIMULATIONS`
    (n_sims x plan rows at most ``validation.MAX_CELLS``); seeded
    (``numpy.random.default_rng(seed)``, a whole number from 0 to 2**32 - 1); vectorised over
    simulations and customers.
    Source: Monte Carlo simulation of a forecast, beyond the decks: it quantifies the warning
    of 第二章“为企业创造价值” that event forecasts rest on uncertain data and a judgemental
    forecasting process.

    >>> plan = _example_plan().assign(retention=1.0, random=False)
    >>> simulate_events(plan, 3, n_sims=2, seed=1, discount_rate=0.1).round(2)
    customer_id       7
    simulation
    0            136.78
    1            136.78
    """
    p = _check_plan(plan).sort_values("customer_id", kind="stable")
    p = p.reset_index(drop=True)
    big_t = check_int(periods, "periods", 1, MAX_PERIODS)
    n = check_int(n_sims, "n_sims", 1, MAX_SIMULATIONS)
    check_cells(n, len(p), "simulate_events (n_sims x plan rows)")
    rng = np.random.default_rng(check_seed(seed))
    cv = check_number(amount_cv, "amount_cv", low=0.0, high=10.0)
    d = _discount_rate(discount_rate)
    timing = _check_timing(timing)
    ids, first_row, who = np.unique(p["customer_id"].to_numpy(), return_index=True,
                                    return_inverse=True)
    rate = p["rate"].to_numpy(dtype=float)
    unit = (p["revenue"] - p["cost"]).to_numpy(dtype=float)
    random = p["random"].to_numpy() if "random" in p.columns else np.ones(len(p), dtype=bool)
    too_many = random & (rate > MAX_EVENT_RATE)
    if too_many.any():
        raise ValueError(f"plan['rate'] of a random event must be at most {MAX_EVENT_RATE:,.0f} "
                         f"a period (MAX_EVENT_RATE) to be drawn; "
                         f"{offenders(p['rate'], too_many)}")
    keep = p.groupby("customer_id")["retention"].first().reindex(ids).to_numpy(dtype=float)
    u = rng.random((n, len(ids)))
    with np.errstate(divide="ignore"):
        stays = np.where(keep >= 1.0, np.inf,
                         np.where(keep <= 0.0, 0.0, np.floor(np.log(u) / np.log(keep))))
    sigma = np.sqrt(np.log1p(cv ** 2))
    total = np.zeros((n, len(ids)))
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(1, big_t + 1):  # a loop over periods, vectorised over draws and rows
            alive = (stays >= t - 1)[:, who]
            events = np.broadcast_to(rate, (n, len(rate))).copy()
            if random.any():
                events[:, random] = rng.poisson(rate[random], size=(n, int(random.sum())))
            cash = events * alive * unit
            if cv > 0:
                cash = cash * rng.lognormal(-sigma ** 2 / 2, sigma, size=cash.shape)
            factor = (1.0 + d) ** -(t - 1 if timing == "start" else t)
            total += factor * np.add.reduceat(cash, first_row, axis=1)  # rows by customer
    _require_finite_result(total, "simulate_events", ["plan's rate, revenue and cost",
                                                      "amount_cv", "discount_rate",
                                                      "periods"])
    return pd.DataFrame(total, index=pd.RangeIndex(n, name="simulation"),
                        columns=pd.Index(ids, name="customer_id"))


def simulation_ranges(draws: pd.DataFrame, percentiles: Sequence[float] = (5, 50, 95), *,
                      total: bool = False) -> pd.DataFrame:
    """Mean and percentiles of simulated values per customer (or of their total).

    ``draws``: :func:`simulate_events` (simulations x customers, finite numbers). Returns per
    customer (or, with ``total=True``, one row ``total`` for the sum over customers per
    simulation) ``mean`` and ``p<q>`` for each percentile q of ``percentiles`` (numbers in
    [0, 100], each once). Source: empirical percentiles of a Monte Carlo sample
    (numpy.percentile).

    >>> draws = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [10.0, 20.0, 30.0]})
    >>> simulation_ranges(draws, (0, 50, 100))
       mean    p0   p50   p100
    a   2.0   1.0   2.0    3.0
    b  20.0  10.0  20.0   30.0
    >>> simulation_ranges(draws, (50,), total=True)
                 mean   p50
    customer_id
    total        22.0  22.0
    """
    require_frame(draws, "draws")
    values = numeric_columns(draws, draws.columns, "draws").to_numpy(dtype=float)
    if not _is_collection(percentiles):
        raise TypeError(f"percentiles must be a list of numbers from 0 to 100, e.g. (5, 50, "
                        f"95), got {type(percentiles).__name__} {percentiles!r}")
    qs = as_numeric_series(percentiles, "percentiles", low=0.0, high=100.0)
    repeated = qs.duplicated(keep=False).to_numpy()
    if repeated.any():
        raise ValueError(f"percentiles must list each percentile once; repeated: "
                         f"{offenders(qs, repeated)}")
    total = check_bool(total, "total")
    with np.errstate(over="ignore", invalid="ignore"):
        if total:
            values = values.sum(axis=1, keepdims=True)
            index = pd.Index(["total"], name="customer_id")
        else:
            index = draws.columns
        table = pd.DataFrame({"mean": values.mean(axis=0)}, index=index)
        for q, row in zip(qs, np.percentile(values, qs.to_numpy(), axis=0), strict=True):
            table[f"p{q:g}"] = row
    _require_finite_result(table, "simulation_ranges", ["draws"])
    return table
