"""Customer value: how concentrated revenue and profit are across customers (chapter 04).

Chapter 00 uses :func:`top_share` and :func:`pareto_table` to find the top 20 % of customers;
chapter 04 builds the rest of the module (Lorenz curve, whale curve, profitability waterfall,
customer pyramid) on the same conventions: one value per customer, ranked from largest down.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .validation import as_numeric_series, require_between, require_nonnegative


def _ranked(values: pd.Series | np.ndarray | list[float], name: str) -> pd.Series:
    series = as_numeric_series(values, name)
    return series.sort_values(ascending=False, kind="stable")


def top_customers(values: pd.Series, fraction: float = 0.2) -> pd.Index:
    """Index labels of the top ``fraction`` of customers by value, largest first.

    The group is the ``ceil(fraction * n)`` largest values, and at least one customer for a
    positive fraction; ties keep their order in ``values``.
    """
    ranked = _ranked(values, "values")
    require_between(pd.Series([fraction]), 0.0, 1.0, "fraction")
    k = 0 if fraction == 0 else max(1, int(np.ceil(fraction * len(ranked) - 1e-9)))
    return ranked.index[:k]


def top_share(values: pd.Series | np.ndarray | list[float], fraction: float = 0.2) -> float:
    """Share of the total held by the top ``fraction`` of customers (the Pareto "80/20" check).

    The top group is the ``ceil(fraction * n)`` largest values (see :func:`top_customers`).
    Values must be non-negative (use net sales or revenue, not profit, which can be negative).
    Source: the Pareto principle applied to customers, e.g. Kotler & Keller, *Marketing
    Management*, ch. 5.
    """
    series = as_numeric_series(values, "values").reset_index(drop=True)
    require_nonnegative(series, "values")
    top = top_customers(series, fraction)
    total = series.sum()
    if total == 0:
        raise ValueError("values sum to 0: a share of the total is undefined")
    return float(series.loc[top].sum() / total)


def pareto_table(values: pd.Series, steps: int = 10) -> pd.DataFrame:
    """Cumulative share of customers against cumulative share of value, in ``steps`` bands.

    Rows: the top 1/steps, 2/steps, … of customers (ranked by value, largest first); columns
    ``customers`` (how many), ``customer_share``, ``value`` (their total) and ``value_share``.
    """
    if not isinstance(steps, int) or steps < 1:
        raise ValueError(f"steps must be a positive integer, got {steps!r}")
    ranked = _ranked(values, "values")
    require_nonnegative(ranked, "values")
    fractions = np.arange(1, steps + 1) / steps
    counts = np.maximum(1, np.ceil(fractions * len(ranked) - 1e-9).astype(int))
    cumulative = ranked.cumsum().to_numpy()[counts - 1]
    return pd.DataFrame({
        "customers": counts,
        "customer_share": counts / len(ranked),
        "value": cumulative,
        "value_share": cumulative / ranked.sum(),
    }, index=pd.Index(fractions, name="top_fraction"))


def customer_profit(orders: pd.DataFrame, costs: pd.DataFrame, *, by_year: bool = True
                    ) -> pd.DataFrame:
    """Net profit per customer (and year): net sales − cost of goods − cost to serve.

    ``orders`` needs ``customer_id, order_date, net_sales, cost_of_goods``; ``costs`` (the
    cost-to-serve ledger) needs ``customer_id, year, amount``. Returns one row per customer
    (and year) with ``net_sales, cost_of_goods, gross_profit, cost_to_serve, net_profit``.
    A customer with costs but no sales in a year keeps its row (a pure loss), and one with sales
    but no recorded costs has a cost to serve of 0: nothing is dropped.
    Source: the customer profitability flow of the course (gross customer profitability =
    net sales value − cost of goods; net customer profitability = gross − cost to serve).
    """
    from .validation import require_columns, require_frame, require_no_nan

    require_frame(orders, "orders")
    require_frame(costs, "costs")
    require_columns(orders, ["customer_id", "order_date", "net_sales", "cost_of_goods"], "orders")
    require_columns(costs, ["customer_id", "year", "amount"], "costs")
    for frame, name, cols in ((orders, "orders", ["customer_id", "order_date", "net_sales",
                                                  "cost_of_goods"]),
                              (costs, "costs", ["customer_id", "year", "amount"])):
        require_no_nan(frame[cols], name)
    for column in ("net_sales", "cost_of_goods"):
        require_nonnegative(orders[column], f"orders[{column!r}]")
    require_nonnegative(costs["amount"], "costs['amount']")
    keys = ["customer_id", "year"] if by_year else ["customer_id"]
    sales = (orders.assign(year=orders["order_date"].dt.year)
             .groupby(keys)[["net_sales", "cost_of_goods"]].sum())
    serve = costs.groupby(keys)["amount"].sum().rename("cost_to_serve")
    table = sales.join(serve, how="outer").fillna(0.0)
    table.insert(2, "gross_profit", table["net_sales"] - table["cost_of_goods"])
    table["net_profit"] = table["gross_profit"] - table["cost_to_serve"]
    return table.reset_index()
