"""Customer value: how concentrated revenue and profit are across customers (chapter 04).

The chapter follows two decks: 第二章“为企业创造价值” (the 80/20 rule, the customer
profitability analysis flow, the profitability matrix, the customer pyramid) and
《产业市场营销与客户管理》（吴登开） (the 80/20 examples, the pyramid's tiers, best and worst
customers). Lorenz curve, Gini and whale curve go beyond the decks.

* concentration: :func:`top_customers`, :func:`top_share`, :func:`pareto_table` (the 80/20
  rule), :func:`lorenz_curve` and :func:`gini` (beyond the decks);
* customer profitability analysis: :func:`customer_profit`, :func:`customer_waterfall`,
  :func:`waterfall_steps`, :func:`plot_waterfall` (GSV → NSV → gross → net customer
  profitability);
* :func:`whale_curve` and :func:`whale_summary` (cumulative profit, its peak, the loss tail;
  beyond the decks);
* :func:`profitability_matrix` (net sales value × cost to serve) with the course's Chinese
  quadrant names :data:`QUADRANTS_ZH`;
* :func:`customer_pyramid` and :func:`pyramid_table` (VIP / major / ordinary / small);
* :func:`best_and_worst` with the lists of 《产业市场营销与客户管理》（吴登开）
  :data:`BEST_CUSTOMERS_DO` and :data:`WORST_CUSTOMERS_DO`.

Conventions: one value per customer (a Series indexed by customer), customers ranked from the
largest down unless a function says otherwise; bad input raises a ``ValueError`` or
``TypeError`` that names the argument and the rows at fault.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import language
from .validation import (
    as_numbers,
    as_numeric_series,
    check_axes,
    check_bool,
    check_fraction,
    check_int,
    check_number,
    column_option,
    date_column,
    numeric_columns,
    require_frame,
    require_no_nan,
    require_unique_index,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def _ranked(values: pd.Series | np.ndarray | list[float], name: str) -> pd.Series:
    series = as_numeric_series(values, name)
    return series.sort_values(ascending=False, kind="stable")


def top_customers(values: pd.Series, fraction: float = 0.2) -> pd.Index:
    """Index labels of the top ``fraction`` of customers by value, largest first.

    The group is the ``ceil(fraction * n)`` largest values, and at least one customer for a
    positive fraction; ties keep their order in ``values``.

    >>> import pandas as pd
    >>> sales = pd.Series([5.0, 50.0, 20.0, 10.0], index=["a", "b", "c", "d"])
    >>> list(top_customers(sales, 0.5))
    ['b', 'c']
    """
    fraction = check_fraction(fraction, "fraction")
    ranked = _ranked(values, "values")
    k = 0 if fraction == 0 else max(1, int(np.ceil(fraction * len(ranked) - 1e-9)))
    return ranked.index[:k]


def top_share(values: pd.Series | np.ndarray | list[float], fraction: float = 0.2) -> float:
    """Share of the total held by the top ``fraction`` of customers (the Pareto "80/20" check).

    The top group is the ``ceil(fraction * n)`` largest values (see :func:`top_customers`).
    Values must be non-negative (use net sales or revenue, not profit, which can be negative).
    Source: the 80/20 rule of the decks (帕列托20/80法则, 第二章“为企业创造价值”;
    《产业市场营销与客户管理》（吴登开）); the Pareto principle applied to customers, e.g.
    Kotler & Keller, *Marketing Management*, ch. 5.

    >>> top_share([5, 50, 1, 3, 20, 10, 4, 1, 5, 1], 0.2)  # (50 + 20) / 100
    0.7
    """
    fraction = check_fraction(fraction, "fraction")
    series = as_numeric_series(values, "values", low=0).reset_index(drop=True)
    top = top_customers(series, fraction)
    total = series.sum()
    if total == 0:
        raise ValueError("values sum to 0: a share of the total is undefined")
    return float(series.loc[top].sum() / total)


def pareto_table(values: pd.Series, steps: int = 10) -> pd.DataFrame:
    """Cumulative share of customers against cumulative share of value, in ``steps`` bands.

    Rows: the top 1/steps, 2/steps, … of customers (ranked by value, largest first); columns
    ``customers`` (how many), ``customer_share``, ``value`` (their total) and ``value_share``.

    >>> import pandas as pd
    >>> pareto_table(pd.Series([40.0, 30.0, 20.0, 10.0]), steps=4)["value_share"].tolist()
    [0.4, 0.7, 0.9, 1.0]
    """
    steps = check_int(steps, "steps", 1, 10_000)
    ranked = _nonnegative_with_total(values, "values").sort_values(ascending=False,
                                                                    kind="stable")
    fractions = np.arange(1, steps + 1) / steps
    counts = np.maximum(1, np.ceil(fractions * len(ranked) - 1e-9).astype(int))
    cumulative = ranked.cumsum().to_numpy()[counts - 1]
    return pd.DataFrame({
        "customers": counts,
        "customer_share": counts / len(ranked),
        "value": cumulative,
        "value_share": cumulative / ranked.sum(),
    }, index=pd.Index(fractions, name="top_fraction"))


def _orders_and_costs(orders: object, money: list[str], costs: object,
                      cost_money: list[str], cost_labels: tuple[str, ...] = ()
                      ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``orders`` (customer_id, order_date and the ``money`` columns) and ``costs``
    (customer_id, year, ``cost_labels`` and the ``cost_money`` columns) checked: ids present,
    dates as dates, money finite and not negative, years whole numbers. Returns the two frames
    with just those columns, money as float."""
    require_frame(orders, "orders", ["customer_id", "order_date", *money])
    require_frame(costs, "costs", ["customer_id", "year", *cost_labels, *cost_money])
    require_no_nan(orders[["customer_id"]], "orders['customer_id']")
    require_no_nan(costs[["customer_id", *cost_labels]], "costs")
    checked_orders = pd.concat([orders[["customer_id"]],
                                date_column(orders, "order_date", "orders"),
                                numeric_columns(orders, money, "orders", low=0)], axis=1)
    checked_costs = pd.concat([costs[["customer_id", *cost_labels]],
                               numeric_columns(costs, ["year"], "costs", integer=True,
                                               low=1900, high=2200).astype(int),
                               numeric_columns(costs, cost_money, "costs", low=0)], axis=1)
    return checked_orders, checked_costs


def customer_profit(orders: pd.DataFrame, costs: pd.DataFrame, *, by_year: bool = True
                    ) -> pd.DataFrame:
    """Net profit per customer (and year): net sales − cost of goods − cost to serve.

    ``orders`` needs ``customer_id, order_date, net_sales, cost_of_goods``; ``costs`` (the
    cost-to-serve ledger) needs ``customer_id, year, amount``. Returns one row per customer
    (and year) with ``net_sales, cost_of_goods, gross_profit, cost_to_serve, net_profit``.
    A customer with costs but no sales in a year keeps its row (a pure loss), and one with sales
    but no recorded costs has a cost to serve of 0: nothing is dropped.
    Source: the customer profitability analysis flow (客户盈利能力分析流程) of the deck
    第二章“为企业创造价值” (gross customer profitability = net sales value − production cost;
    net customer profitability = gross − cost to serve).

    >>> import pandas as pd
    >>> orders = pd.DataFrame({"customer_id": [1, 1, 2], "order_date": pd.to_datetime(
    ...     ["2024-01-05", "2024-03-01", "2024-02-10"]), "net_sales": [100.0, 60.0, 80.0],
    ...     "cost_of_goods": [60.0, 30.0, 50.0]})
    >>> costs = pd.DataFrame({"customer_id": [1, 2], "year": [2024, 2024],
    ...                       "amount": [12.0, 45.0]})
    >>> customer_profit(orders, costs)[["customer_id", "gross_profit", "net_profit"]]
       customer_id  gross_profit  net_profit
    0            1          70.0        58.0
    1            2          30.0       -15.0
    """
    orders, costs = _orders_and_costs(orders, ["net_sales", "cost_of_goods"], costs,
                                      ["amount"])
    by_year = check_bool(by_year, "by_year")
    keys = ["customer_id", "year"] if by_year else ["customer_id"]
    sales = (orders.assign(year=orders["order_date"].dt.year)
             .groupby(keys)[["net_sales", "cost_of_goods"]].sum())
    serve = costs.groupby(keys)["amount"].sum().rename("cost_to_serve")
    table = sales.join(serve, how="outer").fillna(0.0)
    table.insert(2, "gross_profit", table["net_sales"] - table["cost_of_goods"])
    table["net_profit"] = table["gross_profit"] - table["cost_to_serve"]
    return table.reset_index()


# ---------------------------------------------------------------------------------------------
# Lorenz curve and Gini coefficient
# ---------------------------------------------------------------------------------------------

def _nonnegative_with_total(values: object, name: str) -> pd.Series:
    series = as_numeric_series(values, name, low=0)
    if series.sum() <= 0:
        raise ValueError(f"{name} sum to 0: shares of the total are undefined")
    return series


def lorenz_curve(values: pd.Series | np.ndarray | list[float]) -> pd.DataFrame:
    """Points of the Lorenz curve: cumulative share of customers against cumulative share of value.

    Customers are ranked from the smallest value to the largest; the first row is the origin
    (0, 0) and the last (1, 1). Columns ``customer_share`` and ``value_share``; ``n + 1`` rows.
    Values must be non-negative with a positive total (revenue or spend, not profit).
    Source: Lorenz, M. O. (1905), "Methods of measuring the concentration of wealth",
    *Publications of the American Statistical Association* 9(70), 209-219.

    >>> lorenz_curve([3.0, 1.0, 4.0, 2.0])["value_share"].tolist()
    [0.0, 0.1, 0.3, 0.6, 1.0]
    """
    series = _nonnegative_with_total(values, "values")
    ranked = np.sort(series.to_numpy())
    n = len(ranked)
    return pd.DataFrame({
        "customer_share": np.arange(n + 1) / n,
        "value_share": np.concatenate([[0.0], np.cumsum(ranked) / ranked.sum()]),
    })


def gini(values: pd.Series | np.ndarray | list[float]) -> float:
    """Gini coefficient of customer value: twice the area between the diagonal and the Lorenz curve.

    With the ``n`` values sorted from smallest to largest, ``x_1 <= ... <= x_n``::

        G = sum_i (2 i - n - 1) x_i / (n * sum_i x_i)

    which is 0 when every customer is worth the same and ``(n - 1) / n`` (near 1) when one
    customer holds everything. Values must be non-negative with a positive total.
    Source: Gini, C. (1912), *Variabilità e mutabilità*; the formula is the trapezoid area
    under :func:`lorenz_curve`.

    >>> gini([4.0, 2.0, 1.0, 3.0])  # (-3*1 - 1*2 + 1*3 + 3*4) / (4 * 10)
    0.25
    """
    series = _nonnegative_with_total(values, "values")
    ranked = np.sort(series.to_numpy())
    n = len(ranked)
    weights = 2 * np.arange(1, n + 1) - n - 1
    return float(weights @ ranked / (n * ranked.sum()))


# ---------------------------------------------------------------------------------------------
# whale curve
# ---------------------------------------------------------------------------------------------

def _profit_series(profit: object, name: str = "profit") -> pd.Series:
    series = as_numeric_series(profit, name)
    if series.sum() <= 0:
        raise ValueError(f"{name} has a total of {series.sum():,.2f}: the whale curve is drawn "
                         "as a share of a positive total profit")
    return series


def whale_curve(profit: pd.Series | np.ndarray | list[float]) -> pd.DataFrame:
    """Cumulative profit with customers ranked from most to least profitable (the whale curve).

    One row per customer (index: the customer labels of ``profit``), in rank order, with
    ``rank`` (1 = most profitable), ``customer_share`` (rank / n), ``profit``,
    ``cumulative_profit`` and ``cumulative_share`` (cumulative profit / total profit). The
    curve rises above 1 (100 % of total profit) while customers make money and sinks back to 1
    through the loss-making tail. Profit may be negative; its total must be positive.
    Source: Kaplan, R. S. & Narayanan, V. G. (2001), "Measuring and managing customer
    profitability", *Journal of Cost Management* 15(5), 5-15; Kaplan & Cooper (1998),
    *Cost & Effect*, ch. 10.

    >>> import pandas as pd
    >>> profit = pd.Series([50.0, -10.0, 30.0, -20.0], index=["a", "b", "c", "d"])
    >>> whale_curve(profit)["cumulative_share"].tolist()  # peaks at 160 % of total profit
    [1.0, 1.6, 1.4, 1.0]
    """
    series = _profit_series(profit)
    ranked = series.sort_values(ascending=False, kind="stable")
    cumulative = ranked.cumsum()
    n = len(ranked)
    return pd.DataFrame({
        "rank": np.arange(1, n + 1),
        "customer_share": np.arange(1, n + 1) / n,
        "profit": ranked,
        "cumulative_profit": cumulative,
        "cumulative_share": cumulative / series.sum(),
    }, index=ranked.index)


WHALE_SUMMARY_ROWS: tuple[str, ...] = (
    "customers", "total_profit", "peak_profit", "peak_share", "peak_customers",
    "peak_customer_share", "loss_making_customers", "loss_making_share", "loss_tail")
"""The numbers of :func:`whale_summary`, in order (names code reads; a table shows them in
the course's language)."""


def whale_summary(profit: pd.Series | np.ndarray | list[float]) -> pd.Series:
    """The numbers of a whale curve: its peak and the loss tail.

    ``total_profit``; ``peak_profit`` (the highest cumulative profit, reached after the last
    profitable customer) and ``peak_share`` (peak / total, e.g. 1.5 = 150 %);
    ``peak_customers`` and ``peak_customer_share`` (how many customers reach the peak);
    ``loss_making_customers`` and ``loss_making_share`` (profit < 0); ``loss_tail`` (their
    summed profit, a negative number: total − peak). All values are floats.
    Source: Kaplan & Narayanan (2001), see :func:`whale_curve`.

    >>> import pandas as pd
    >>> summary = whale_summary(pd.Series([50.0, -10.0, 30.0, -20.0]))
    >>> summary[["peak_share", "loss_making_share", "loss_tail"]].tolist()
    [1.6, 0.5, -30.0]
    """
    curve = whale_curve(profit)
    n = len(curve)
    peak_at = int(np.argmax(curve["cumulative_profit"].to_numpy()))
    losses = curve["profit"] < 0
    return pd.Series({
        "customers": float(n),
        "total_profit": float(curve["profit"].sum()),
        "peak_profit": float(curve["cumulative_profit"].iloc[peak_at]),
        "peak_share": float(curve["cumulative_share"].iloc[peak_at]),
        "peak_customers": float(peak_at + 1),
        "peak_customer_share": (peak_at + 1) / n,
        "loss_making_customers": float(losses.sum()),
        "loss_making_share": float(losses.mean()),
        "loss_tail": float(curve.loc[losses, "profit"].sum()),
    }, name="whale_curve")


# ---------------------------------------------------------------------------------------------
# customer profitability analysis (the waterfall)
# ---------------------------------------------------------------------------------------------

COST_CATEGORIES: tuple[str, ...] = ("direct_sales", "direct_distribution", "indirect",
                                    "hard_to_trace")
"""The cost-to-serve categories of the deck's flow (第二章“为企业创造价值”), in the order they
are deducted, with the items the deck lists for each:

* ``direct_sales`` — the direct part of (销售)营销成本 (与客户有关的成本: 电话销售成本、店内及
  合作式促销、销售奖金、为销售计划投入的成本: telesales, promotions, sales bonuses, sales plans);
* ``direct_distribution`` — 分销服务成本 (运输成本、包装成本、存货、仓储、退货、退单成本:
  transport, packaging, stock, warehousing, returns, cancelled orders);
* ``indirect`` — 管理成本(间接成本) (销售团队管理成本、为全国广告推广计划投入的成本: sales-team
  management, national advertising);
* ``hard_to_trace`` — 难以追溯的成本 (订单处理成本、存货仓储成本: order processing, stock holding).

The case company's ledger books a few items of its own under these categories (course
additions, not in the deck): account management and service support under direct sales,
financing of receivables and bad debt under hard-to-trace costs (``datasets/README.md``).
"""

WATERFALL_KINDS: tuple[str, str] = ("level", "change")
"""The kinds of a waterfall step: a ``level`` (a total, drawn from 0) or a ``change`` (a
deduction or an addition, drawn floating from the level before)."""

WATERFALL_STEPS: dict[str, tuple[str, str, str]] = {
    # step: (column of customer_waterfall, kind, Chinese term: the deck's term, then the
    # standard textbook term in brackets where they differ)
    "gross sales value": ("gross_sales", "level", "销售总价值"),
    "discounts and trade terms": ("discount", "change", "折扣与交易条件"),
    "net sales value": ("net_sales", "level", "销售净价值"),
    "cost of goods": ("cost_of_goods", "change", "生产成本（产品成本）"),
    "gross customer profitability": ("gross_profit", "level", "客户总体盈利能力"),
    "direct sales costs": ("direct_sales", "change", "(销售)营销成本（营销费用）"),
    "direct distribution costs": ("direct_distribution", "change", "分销服务成本（物流成本）"),
    "indirect costs": ("indirect", "change", "间接成本"),
    "hard-to-trace costs": ("hard_to_trace", "change", "难以追溯的成本"),
    "net customer profitability": ("net_profit", "level", "客户净盈利能力"),
}
"""The steps of the customer profitability analysis (第二章“为企业创造价值”): levels and the
deductions between them. The Chinese names are the deck's terms; where the standard textbook
term differs it follows in brackets: 生产成本（产品成本）, (销售)营销成本（营销费用）,
分销服务成本（物流成本）. 折扣与交易条件 shortens the deck's 销售折扣/其他交易条款中涉及的
成本."""


def customer_waterfall(orders: pd.DataFrame, costs: pd.DataFrame, *, by_year: bool = False
                       ) -> pd.DataFrame:
    """The customer profitability analysis of 第二章“为企业创造价值”, one row per customer
    (and year).

    gross sales value (GSV) − discounts and trade terms = net sales value (NSV);
    NSV − cost of goods = gross customer profitability (``gross_profit``);
    gross − direct sales − direct distribution − indirect − hard-to-trace costs
    = net customer profitability (``net_profit``).

    ``orders`` needs ``customer_id, order_date, gross_sales, discount, net_sales,
    cost_of_goods`` (with net_sales = gross_sales − discount, to the cent); ``costs`` (the
    cost-to-serve ledger) needs ``customer_id, year, category, amount`` with ``category`` one of
    :data:`COST_CATEGORIES`. Returns a frame indexed by ``customer_id`` (and ``year``) with the
    columns of :data:`WATERFALL_STEPS` plus ``cost_to_serve`` (the four cost categories summed).
    As in :func:`customer_profit`, a customer with costs but no sales keeps its row and one with
    sales but no costs has costs of 0. Source: the customer profitability analysis flow
    (客户盈利能力分析流程) of the deck 第二章“为企业创造价值”; Kaplan & Narayanan (2001) on tracing
    the cost to serve to customers.

    >>> import pandas as pd
    >>> orders = pd.DataFrame({"customer_id": [1, 2], "order_date": pd.to_datetime(
    ...     ["2024-01-05", "2024-02-10"]), "gross_sales": [110.0, 80.0],
    ...     "discount": [10.0, 0.0], "net_sales": [100.0, 80.0],
    ...     "cost_of_goods": [60.0, 50.0]})
    >>> costs = pd.DataFrame({"customer_id": [1, 2], "year": [2024, 2024],
    ...                       "category": ["direct_sales", "indirect"],
    ...                       "amount": [12.0, 45.0]})
    >>> customer_waterfall(orders, costs)[["net_sales", "gross_profit", "net_profit"]]
                 net_sales  gross_profit  net_profit
    customer_id
    1                100.0          40.0        28.0
    2                 80.0          30.0       -15.0
    """
    order_cols = ["customer_id", "order_date", "gross_sales", "discount", "net_sales",
                  "cost_of_goods"]
    orders, costs = _orders_and_costs(orders, order_cols[2:], costs, ["amount"],
                                      cost_labels=("category",))
    by_year = check_bool(by_year, "by_year")
    gap = (orders["gross_sales"] - orders["discount"] - orders["net_sales"]).abs()
    bad = gap > 0.01 + 1e-9 * orders["gross_sales"].abs()
    if bad.any():
        raise ValueError("orders: net_sales must equal gross_sales - discount; "
                         f"{int(bad.sum())} row(s) do not:\n"
                         f"{orders.loc[bad, order_cols].head(5).to_string()}")
    unknown = ~costs["category"].isin(COST_CATEGORIES)
    if unknown.any():
        raise ValueError(f"costs['category'] must be one of {list(COST_CATEGORIES)}; "
                         f"{int(unknown.sum())} row(s) are not: "
                         f"{sorted(map(str, costs.loc[unknown, 'category'].unique()))[:5]}")
    keys = ["customer_id", "year"] if by_year else ["customer_id"]
    sales = (orders.assign(year=orders["order_date"].dt.year)
             .groupby(keys)[["gross_sales", "discount", "net_sales", "cost_of_goods"]].sum())
    serve = (costs.pivot_table(index=keys, columns="category", values="amount", aggfunc="sum",
                               fill_value=0.0)
             .reindex(columns=list(COST_CATEGORIES), fill_value=0.0))
    serve.columns.name = None
    table = sales.join(serve, how="outer").fillna(0.0)
    table.insert(4, "gross_profit", table["net_sales"] - table["cost_of_goods"])
    table["cost_to_serve"] = table[list(COST_CATEGORIES)].sum(axis=1)
    table["net_profit"] = table["gross_profit"] - table["cost_to_serve"]
    return table


def waterfall_steps(waterfall: pd.DataFrame | pd.Series, *, shares: bool = True
                    ) -> pd.DataFrame:
    """The waterfall of one customer (a row of :func:`customer_waterfall`) or of many (summed).

    Returns one row per step of :data:`WATERFALL_STEPS`, in order, with ``amount`` (levels
    positive or negative as they are, deductions negative), ``kind`` (``level`` or
    ``change``), ``chinese`` and ``share_of_nsv`` (amount / net sales value). A share of the
    net sales value needs a positive one: for a customer without sales (costs only) it raises a
    ``ValueError``; pass ``shares=False`` to get the steps without the ``share_of_nsv`` column
    (enough for :func:`plot_waterfall`).

    >>> import pandas as pd
    >>> row = pd.Series({"gross_sales": 110.0, "discount": 10.0, "net_sales": 100.0,
    ...                  "cost_of_goods": 60.0, "gross_profit": 40.0, "direct_sales": 12.0,
    ...                  "direct_distribution": 0.0, "indirect": 0.0, "hard_to_trace": 0.0,
    ...                  "net_profit": 28.0})
    >>> waterfall_steps(row)["amount"].tolist()
    [110.0, -10.0, 100.0, -60.0, 40.0, -12.0, 0.0, 0.0, 0.0, 28.0]
    """
    columns = [column for column, _, _ in WATERFALL_STEPS.values()]
    shares = check_bool(shares, "shares")
    if isinstance(waterfall, pd.DataFrame):
        require_frame(waterfall, "waterfall", columns)
        totals = numeric_columns(waterfall, columns, "waterfall").sum()
    elif isinstance(waterfall, pd.Series):
        missing = [c for c in columns if c not in waterfall.index]
        if missing:
            raise ValueError(f"waterfall is missing item(s) {missing}")
        totals = as_numeric_series(waterfall[columns], "waterfall")
    else:
        raise TypeError("waterfall must be a DataFrame from customer_waterfall or one of its "
                        f"rows (a Series), got {type(waterfall).__name__}")
    kinds = pd.Series({step: kind for step, (_, kind, _) in WATERFALL_STEPS.items()})
    amount = pd.Series({step: totals[col] for step, (col, _, _) in WATERFALL_STEPS.items()})
    amount[kinds == "change"] = 0.0 - amount[kinds == "change"]  # 0.0 - 0.0 is 0.0, not -0.0
    steps = pd.DataFrame({
        "amount": amount,
        "kind": kinds,
        "chinese": pd.Series({step: zh for step, (_, _, zh) in WATERFALL_STEPS.items()}),
    }).rename_axis("step")
    if shares:
        steps["share_of_nsv"] = _shares_of(amount, float(totals["net_sales"]),
                                           "the net sales value of waterfall",
                                           "pass shares=False to leave the shares out")
    return steps


def _shares_of(amounts: pd.Series, total: float, what: str, escape: str) -> pd.Series:
    """``amounts / total``, refusing a total that is not positive.

    A share of a zero total is undefined, and a share of a negative total (a loss) turns the
    sign of every share around, so both raise a ``ValueError`` that names ``what`` the total
    is and says what to do instead (``escape``).
    """
    if not (np.isfinite(total) and total > 0):
        raise ValueError(f"{what} is {total:,.2f}: a share of it is only defined for a "
                         f"positive total; {escape}")
    return amounts / total


def _short_money(x: float) -> str:
    return f"{x / 1e6:,.1f}M" if abs(x) >= 1e6 else f"{x / 1e3:,.0f}k"


def plot_waterfall(steps: pd.DataFrame, ax: Axes | None = None, *, start: str | None = None,
                   chinese: bool = False) -> Axes:
    """Draw :func:`waterfall_steps` as a waterfall chart: levels from 0, deductions floating.

    ``start`` names the level step to begin with (e.g. ``"gross customer profitability"`` to
    zoom in on the cost to serve); default the first step. Each bar is labelled with its amount
    (k = thousand, M = million). The step names and the money axis follow the course's
    language: in the Chinese edition (with a CJK font) the steps are named by their Chinese
    terms (the ``chinese`` column of :func:`waterfall_steps`) and the amounts are in 元; with
    ``chinese=True`` the step names carry both (needs a CJK font, see ``plots.use_chinese``).
    Returns the matplotlib ``Axes``.

    >>> import pandas as pd
    >>> row = pd.Series({"gross_sales": 110.0, "discount": 10.0, "net_sales": 100.0,
    ...                  "cost_of_goods": 60.0, "gross_profit": 40.0, "direct_sales": 12.0,
    ...                  "direct_distribution": 0.0, "indirect": 0.0, "hard_to_trace": 0.0,
    ...                  "net_profit": 28.0})
    >>> ax = plot_waterfall(waterfall_steps(row))  # doctest: +SKIP
    """
    import textwrap

    from . import plots

    require_frame(steps, "steps", ["amount", "kind", "chinese"])
    numeric_columns(steps, ["amount"], "steps")
    chinese = check_bool(chinese, "chinese")
    check_axes(ax)
    if start is not None:
        if start not in steps.index or steps.loc[start, "kind"] != "level":
            levels = steps.index[steps["kind"] == "level"].tolist()
            raise ValueError(f"start must be one of the level steps {levels}, got {start!r}")
        steps = steps.loc[start:]
    if steps["kind"].iloc[0] != "level":
        raise ValueError("steps must begin with a level (a total), e.g. 'gross sales value'")
    if ax is None:
        _, ax = plots.new_axes(width=9, height=4.5)
    amount = steps["amount"].to_numpy(dtype=float)
    level = steps["kind"].to_numpy() == "level"
    # the running total: a level resets it to its own value, a change moves it by its amount
    group = np.cumsum(level)
    base = pd.Series(np.where(level, amount, 0.0)).groupby(group).transform("sum").to_numpy()
    moved = pd.Series(np.where(level, 0.0, amount)).groupby(group).cumsum().to_numpy()
    after = base + moved
    bottom = np.where(level, 0.0, after - amount)
    colours = np.where(level, np.where(amount >= 0, plots.PALETTE[0], plots.BAD), plots.NEUTRAL)
    names = [f"{s} {zh}" if chinese else plots.label(s, zh)
             for s, zh in zip(steps.index, steps["chinese"])]
    names = [textwrap.fill(n, 7 if re.search(r"[\u2e80-\u9fff]", n) else 14) for n in names]
    x = np.arange(len(steps))
    ax.bar(x, amount, bottom=bottom, color=colours, width=0.7)
    upper = np.maximum(bottom, bottom + amount)
    for i in x:
        if i < len(x) - 1:
            ax.plot([i + 0.35, i + 0.65], [after[i], after[i]], color=plots.NEUTRAL, lw=0.8)
        ax.annotate(_short_money(amount[i]), (i, upper[i]), xytext=(0, 2),
                    textcoords="offset points", ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x, names, fontsize=8)
    # room for the amounts above the tallest bar, below the title (a bar's top can be a
    # sticky edge that margins() does not move, so the limits are set here)
    high = max(float(upper.max()), 0.0)
    low = min(float(np.minimum(bottom, bottom + amount).min()), 0.0)
    span = (high - low) or 1.0
    ax.set_ylim(low - (0.04 * span if low < 0 else 0.0), high + 0.12 * span)
    ax.axhline(0, color="black", lw=0.8)
    plots.money_axis(ax)
    return ax


# ---------------------------------------------------------------------------------------------
# customer profitability matrix
# ---------------------------------------------------------------------------------------------

QUADRANTS: dict[tuple[bool, bool], str] = {
    # (high net sales value, high cost to serve): name
    (True, True): "carriage trade",
    (True, False): "passive",
    (False, False): "bargain basement",
    (False, True): "aggressive",
}
"""Quadrant names of the profitability matrix (Shapiro, Rangan, Moriarty & Ross 1987; the
deck 第二章“为企业创造价值” draws the matrix without naming its cells)."""

QUADRANTS_ZH: dict[str, str] = {"carriage trade": "贵族型客户", "passive": "被动型客户",
                                "bargain basement": "廉价型客户", "aggressive": "进攻型客户"}
"""Chinese names of the four quadrants: the course's own (proposed in the course's term list),
since the deck gives none."""


def profitability_matrix(table: pd.DataFrame, *, sales: str = "net_sales",
                         cost: str = "cost_to_serve", sales_split: float | None = None,
                         cost_split: float | None = None) -> pd.DataFrame:
    """Place each customer in the customer profitability matrix (客户盈利矩阵).

    Rows of ``table`` are customers; ``sales`` names the net sales value column and ``cost``
    the cost-to-serve column (both non-negative). A customer is *high* on an axis when its value
    is strictly above the split point, *low* at or below it; the split points default to the
    medians of the two columns. Quadrants: high sales & high cost = carriage trade, high & low
    = passive, low & low = bargain basement, low & high = aggressive (:data:`QUADRANTS`).
    Returns the two columns plus ``high_sales``, ``high_cost`` and ``quadrant`` (an ordered
    categorical); the split points used are in ``.attrs["splits"]``.
    Source: the matrix 客户盈利矩阵 of 第二章“为企业创造价值” (客户的净销售价值 ×
    服务成本), after Shapiro, B. P., Rangan, V. K., Moriarty, R. T. & Ross, E. B. (1987),
    "Manage customers for profits (not just sales)", *Harvard Business Review* 65(5), 101-108,
    whose horizontal axis is the net price realised.

    >>> import pandas as pd
    >>> table = pd.DataFrame({"net_sales": [100.0, 60.0, 75.0, 20.0],
    ...                       "cost_to_serve": [12.0, 8.0, 9.0, 30.0]})
    >>> profitability_matrix(table)["quadrant"].tolist()  # medians 67.5 and 10.5
    ['carriage trade', 'bargain basement', 'passive', 'aggressive']
    """
    require_frame(table, "table")
    sales = column_option(table, sales, "sales", "table")
    cost = column_option(table, cost, "cost", "table")
    checked = numeric_columns(table, [sales, cost], "table", low=0)
    x, y = checked[sales], checked[cost]
    splits = {}
    for name, split, series in (("sales_split", sales_split, x), ("cost_split", cost_split, y)):
        splits[name] = float(series.median()) if split is None else check_number(split, name)
    high_sales = x > splits["sales_split"]
    high_cost = y > splits["cost_split"]
    labels = pd.Series(list(zip(high_sales, high_cost)), index=table.index).map(QUADRANTS)
    out = pd.DataFrame({
        sales: x, cost: y, "high_sales": high_sales, "high_cost": high_cost,
        "quadrant": pd.Categorical(labels, categories=list(QUADRANTS.values()), ordered=True),
    }, index=table.index)
    out.attrs["splits"] = splits
    return out


# ---------------------------------------------------------------------------------------------
# customer pyramid
# ---------------------------------------------------------------------------------------------

PYRAMID_TIERS: dict[str, float] = {"VIP": 0.01, "major": 0.04, "ordinary": 0.15, "small": 0.80}
"""The customer pyramid of the decks (第二章“为企业创造价值”: 现有客户群的1%, 4%, 15%,
80%; 《产业市场营销与客户管理》（吴登开）): VIP top 1 %, major next 4 %, ordinary next 15 %,
small 80 %."""

PYRAMID_CHINESE: dict[str, str] = {"VIP": "VIP 客户", "major": "主要客户",
                                   "ordinary": "普通客户", "small": "小客户"}


def _check_tiers(tiers: object) -> dict[str, float]:
    if tiers is None:
        return dict(PYRAMID_TIERS)
    if not isinstance(tiers, dict) or not tiers:
        raise TypeError("tiers must be a non-empty dict of tier name -> share of customers, "
                        f"top tier first, e.g. {PYRAMID_TIERS}; got {type(tiers).__name__}")
    shares = pd.Series(tiers, dtype=object)
    numeric = shares.map(lambda s: isinstance(s, (int, float, np.integer, np.floating))
                         and not isinstance(s, bool))
    if not numeric.all():
        raise TypeError(f"tiers: every share must be a number; these are not: "
                        f"{shares[~numeric].to_dict()}")
    shares = shares.astype(float)
    total = float(shares.sum())
    if abs(total - 100) < 1e-6:
        raise ValueError("tiers: the shares sum to 100; give them as fractions (0.01 for 1 %) "
                         f"that sum to 1: {shares.to_dict()}")
    as_numbers(shares, "tiers", low=0, low_open=True, high=1)
    if abs(total - 1.0) > 1e-9:
        raise ValueError(f"tiers: the shares must sum to 1 (100 %), they sum to {total:g}: "
                         f"{shares.to_dict()}")
    return shares.to_dict()


def customer_pyramid(values: pd.Series, tiers: dict[str, float] | None = None) -> pd.Series:
    """The pyramid tier of each customer, ranking customers by ``values`` (spend) from the top.

    ``tiers`` maps tier names, top tier first, to shares of customers that sum to 1; default
    :data:`PYRAMID_TIERS` (VIP 1 %, major 4 %, ordinary 15 %, small 80 %). The top tier holds
    the ``ceil(share * n)`` largest customers and each further tier ends at
    ``ceil(cumulative share * n)``, as in :func:`top_customers`; ties keep their order. A tier
    that would be empty (too few customers for its share) raises a ``ValueError``. Returns an
    ordered categorical Series (top tier first) indexed like ``values``.
    Source: the customer pyramid (客户金字塔) of 第二章“为企业创造价值” and
    《产业市场营销与客户管理》（吴登开）; Curry & Curry (2000), *The Customer Marketing Method*.

    >>> import pandas as pd
    >>> spend = pd.Series([100.0, 90.0, 80.0, 70.0, 60.0, 50.0, 40.0, 30.0, 20.0, 10.0])
    >>> customer_pyramid(spend, {"top": 0.2, "rest": 0.8}).tolist()[:3]
    ['top', 'top', 'rest']
    """
    shares = _check_tiers(tiers)
    ranked = as_numeric_series(values, "values", low=0).sort_values(ascending=False,
                                                                   kind="stable")
    if isinstance(values, pd.Series):
        require_unique_index(values, "values")
    n = len(ranked)
    ends = np.ceil(np.cumsum(list(shares.values())) * n - 1e-9).astype(int)
    ends[-1] = n
    sizes = np.diff(np.concatenate([[0], ends]))
    if (sizes <= 0).any():
        empty = [name for name, size in zip(shares, sizes) if size <= 0]
        raise ValueError(f"tiers {empty} would be empty with {n} customers: use larger shares "
                         "or more customers")
    labels = np.repeat(list(shares), sizes)
    tier = pd.Series(pd.Categorical(labels, categories=list(shares), ordered=True),
                     index=ranked.index, name="tier")
    return tier.loc[values.index] if isinstance(values, pd.Series) else tier.sort_index()


def pyramid_table(values: pd.Series, tiers: dict[str, float] | None = None) -> pd.DataFrame:
    """Size and value of each tier of the customer pyramid (see :func:`customer_pyramid`).

    One row per tier, top first: ``customers``, ``customer_share``, ``value``, ``value_share``,
    ``value_per_customer`` and ``cutoff`` (the smallest value in the tier: what it takes to
    enter it). Values must be non-negative with a positive total.

    >>> import pandas as pd
    >>> spend = pd.Series([100.0, 90.0, 80.0, 70.0, 60.0, 50.0, 40.0, 30.0, 20.0, 10.0])
    >>> pyramid_table(spend, {"top": 0.2, "rest": 0.8})[["customers", "value", "cutoff"]]
          customers  value  cutoff
    tier
    top           2  190.0    90.0
    rest          8  360.0    10.0
    """
    series = _nonnegative_with_total(values, "values")
    if isinstance(values, pd.Series):
        require_unique_index(values, "values")
    tier = customer_pyramid(series, tiers)
    groups = series.groupby(tier, observed=False)
    table = pd.DataFrame({"customers": groups.size(), "value": groups.sum(),
                          "cutoff": groups.min()})
    table.insert(1, "customer_share", table["customers"] / len(series))
    table.insert(3, "value_share", table["value"] / series.sum())
    table.insert(4, "value_per_customer", table["value"] / table["customers"])
    table.index.name = "tier"
    return table


# ---------------------------------------------------------------------------------------------
# best and worst customers
# ---------------------------------------------------------------------------------------------

BEST_AND_WORST: tuple[str, str] = ("best", "worst")
"""The two groups of :func:`best_and_worst` (最佳客户, 最差客户)."""

BEST_CUSTOMERS_DO: list[str] = language.texts([
    "let you do what you do well",
    "value what you do and are willing to pay for it",
    "push you to improve your skills and technology",
    "lead you in your strategic direction",
])
"""What the best customers (最佳客户) do, after 《产业市场营销与客户管理》（吴登开）, in the
course's language."""

WORST_CUSTOMERS_DO: list[str] = language.texts([
    "ask for what you cannot do or do not do well",
    "distract you from your strategic direction",
    "buy little but cost much to serve",
    "demand attention out of proportion to their value",
    "are never satisfied",
])
"""What the worst customers (最差客户) do, after 《产业市场营销与客户管理》（吴登开）, in the
course's language; find them, then convert or drop them."""


def best_and_worst(profit: pd.Series, n: int = 10, *, shares: bool = True) -> pd.DataFrame:
    """The ``n`` most and the ``n`` least profitable customers, by net customer profitability.

    Returns ``2 n`` rows indexed by the customer labels of ``profit``: the best first (most
    profitable on top), then the worst (largest loss on top), with ``group`` (``best`` or
    ``worst``), ``rank`` (1 = most extreme in its group), ``net_profit`` and
    ``share_of_total`` (profit / total profit over all customers). ``2 n`` must not exceed the
    number of customers (the two groups would overlap). A share of total profit needs a
    positive total: with a total of zero or a loss it raises a ``ValueError``; pass
    ``shares=False`` to list the customers without the ``share_of_total`` column.
    Source: best and worst customers (最佳客户, 最差客户) of 《产业市场营销与客户管理》（吴登开）.

    >>> import pandas as pd
    >>> profit = pd.Series([50.0, -10.0, 30.0, -20.0], index=["a", "b", "c", "d"])
    >>> best_and_worst(profit, 1)[["group", "net_profit", "share_of_total"]]
       group  net_profit  share_of_total
    a   best        50.0             1.0
    d  worst       -20.0            -0.4
    """
    series = as_numeric_series(profit, "profit")
    n = check_int(n, "n", 1)
    shares = check_bool(shares, "shares")
    if 2 * n > len(series):
        raise ValueError(f"n = {n} asks for {2 * n} customers but profit has only "
                         f"{len(series)}: the best and worst groups would overlap")
    ranked = series.sort_values(ascending=False, kind="stable")
    best, worst = ranked.iloc[:n], ranked.iloc[::-1].iloc[:n]
    out = pd.DataFrame({
        "group": [BEST_AND_WORST[0]] * n + [BEST_AND_WORST[1]] * n,
        "rank": np.tile(np.arange(1, n + 1), 2),
        "net_profit": pd.concat([best, worst]),
    })
    if shares:
        out["share_of_total"] = _shares_of(out["net_profit"], float(series.sum()),
                                            "the total profit",
                                            "pass shares=False to leave the shares out")
    return out
