"""Answer key of chapter 04's exercises (customer value and profitability)."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from helpers import datasets, value
from helpers.checks import AnswerKey

KEY = AnswerKey("04")


@cache
def _spend() -> pd.Series:
    """CDNOW spend per customer (USD), 1997-01 to 1998-06."""
    return datasets.load_cdnow("master").groupby("customer_id")["amount"].sum()


@cache
def _totals() -> pd.DataFrame:
    """The case company's 2022-2024 net sales, cost to serve and net profit per customer."""
    case = datasets.load_case_company()
    return value.customer_profit(case.orders, case.cost_to_serve,
                                 by_year=False).set_index("customer_id")


@KEY.value(1, hint="The Gini coefficient needs one value per customer: the total spend, not "
                   "the single purchases. Use the lecture's Gini helper; the result lies "
                   "between 0 (everyone spends the same) and 1.")
def _gini_cdnow() -> float:
    # twice the area between the diagonal and the Lorenz curve (trapezoids)
    curve = value.lorenz_curve(_spend())
    x, y = curve["customer_share"].to_numpy(), curve["value_share"].to_numpy()
    return float(1 - np.sum(np.diff(x) * (y[1:] + y[:-1])))


@KEY.value(2, hint="Work per customer and year, keep the rows of 2024 only (every customer with "
                   "sales or costs that year, including those with costs but no sales) and "
                   "count those whose net customer profitability is below 0, relative to all of "
                   "them; give a share between 0 and 1, not a percentage.")
def _loss_share_2024() -> float:
    # net profit in 2024 from the order log and the ledger directly, customers of either
    case = datasets.load_case_company()
    orders = case.orders.loc[case.orders["order_date"].dt.year == 2024]
    gross = (orders["net_sales"] - orders["cost_of_goods"]).groupby(orders["customer_id"]).sum()
    costs = case.cost_to_serve.loc[case.cost_to_serve["year"] == 2024]
    serve = costs.groupby("customer_id")["amount"].sum()
    profit = gross.reindex(gross.index.union(serve.index), fill_value=0.0) - serve.reindex(
        gross.index.union(serve.index), fill_value=0.0)
    return float((profit < 0).mean())


@KEY.value(3, hint="Keep only the customers won in 2022 or later (their acquisition date), rank "
                   "their net customer profitability from the most to the least profitable and "
                   "follow the cumulative profit as a share of their own total profit (the whale "
                   "curve of the segment); the answer is its highest point, above 1 when some of "
                   "them lose money.")
def _whale_peak_new() -> float:
    # the peak of a whale curve is reached after the last profitable customer: the sum of the
    # positive profits over the total
    customers = datasets.load_case_company().customers.set_index("customer_id")
    new = customers.index[customers["acquisition_date"].dt.year >= 2022]
    profit = _totals()["net_profit"].reindex(new).dropna()
    return float(profit[profit > 0].sum() / profit.sum())


@KEY.value(4, hint="Use the waterfall per customer and year and keep the year 2024 only (its "
                   "index has a `year` level). Relate the total hard-to-trace costs to the "
                   "total net sales value — not to the gross sales — and give a positive share.")
def _hard_to_trace_2024() -> float:
    case = datasets.load_case_company()
    costs = case.cost_to_serve
    hard = costs.loc[(costs["year"] == 2024) & (costs["category"] == "hard_to_trace"),
                     "amount"].sum()
    sales = case.orders.loc[case.orders["order_date"].dt.year == 2024, "net_sales"].sum()
    return float(hard / sales)


@KEY.value(5, hint="The pyramid helper uses the decks' tiers (1 / 4 / 15 / 80 %) by default "
                   "and reports each tier's share of the total value; read the VIP tier of "
                   "the CDNOW spend per customer.")
def _vip_share_cdnow() -> float:
    return value.top_share(_spend(), 0.01)


@KEY.value(6, hint="Place every customer in the matrix with the default (median) split points, "
                   "then add up, per quadrant, the net profit of its loss-making customers only "
                   "(the profitable ones count 0), and name the quadrant with the largest total "
                   "loss, written as the helper writes it. A share of customers is not the "
                   "question here.")
def _largest_loss_quadrant() -> str:
    # the quadrants from the two medians directly (high = strictly above the median)
    totals = _totals()
    high_sales = totals["net_sales"] > totals["net_sales"].median()
    high_cost = totals["cost_to_serve"] > totals["cost_to_serve"].median()
    quadrant = pd.Series(list(zip(high_sales, high_cost)), index=totals.index).map(
        value.QUADRANTS)
    losses = totals["net_profit"].where(totals["net_profit"] < 0, 0.0)
    return str(losses.groupby(quadrant).sum().idxmin())


@KEY.value(7, hint="Give the pyramid helper your own tiers: a dict of shares that sum to 1, top "
                   "tier first, with the 2022-2024 net sales per customer. Its tier table "
                   "reports each tier's entry cut-off, the smallest value in the tier.")
def _gold_cutoff() -> float:
    sales = _totals()["net_sales"]
    return float(sales.loc[value.top_customers(sales, 0.10)].min())


KEY.choice(8, "B", options="ABCD",
           hint="Reread the lecture's section on best and worst customers: what does it advise "
                "for bad customers, and in which order? Check each option against that advice, "
                "not against this year's profit alone.")
