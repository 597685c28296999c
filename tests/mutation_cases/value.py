"""Valid example calls of ``helpers.value`` (chapter 04) for the mutation test."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
from mutation import Case  # noqa: E402

from helpers import value  # noqa: E402

SPEND = pd.Series([120.0, 80.0, 40.0, 30.0, 20.0, 10.0, 5.0, 5.0, 3.0, 2.0],
                  index=pd.Index(range(101, 111), name="customer_id"))
PROFIT = pd.Series([50.0, 30.0, 12.0, 5.0, -2.0, -4.0],
                   index=pd.Index(range(1, 7), name="customer_id"))
ORDERS = pd.DataFrame({
    "customer_id": [1, 1, 2, 3],
    "order_date": pd.to_datetime(["2024-01-05", "2024-03-01", "2024-02-10", "2024-06-30"]),
    "gross_sales": [110.0, 60.0, 80.0, 20.0],
    "discount": [10.0, 0.0, 5.0, 0.0],
    "net_sales": [100.0, 60.0, 75.0, 20.0],
    "cost_of_goods": [60.0, 30.0, 50.0, 15.0],
})
COSTS = pd.DataFrame({
    "customer_id": [1, 2, 3, 3],
    "year": [2024, 2024, 2024, 2024],
    "category": ["direct_sales", "indirect", "direct_distribution", "hard_to_trace"],
    "amount": [12.0, 8.0, 9.0, 4.0],
})
WATERFALL = value.customer_waterfall(ORDERS, COSTS)
STEPS = value.waterfall_steps(WATERFALL)
TABLE = pd.DataFrame({"net_sales": [100.0, 60.0, 75.0, 20.0],
                      "cost_to_serve": [12.0, 8.0, 9.0, 30.0]}, index=[1, 2, 3, 4])
TIERS = {"VIP": 0.1, "major": 0.2, "ordinary": 0.3, "small": 0.4}

CASES = [
    Case(value.top_customers, values=SPEND, fraction=0.2),
    Case(value.top_share, values=SPEND, fraction=0.2),
    Case(value.pareto_table, values=SPEND, steps=5),
    Case(value.customer_profit, orders=ORDERS[["customer_id", "order_date", "net_sales",
                                               "cost_of_goods"]],
         costs=COSTS[["customer_id", "year", "amount"]], by_year=True),
    Case(value.lorenz_curve, values=SPEND),
    Case(value.gini, values=SPEND),
    Case(value.whale_curve, profit=PROFIT),
    Case(value.whale_summary, profit=PROFIT),
    Case(value.customer_waterfall, orders=ORDERS, costs=COSTS, by_year=False),
    Case(value.waterfall_steps, waterfall=WATERFALL, shares=True),
    Case(value.plot_waterfall, steps=STEPS, start="net sales value", chinese=False),
    Case(value.profitability_matrix, table=TABLE, sales="net_sales", cost="cost_to_serve",
         sales_split=50.0, cost_split=10.0),
    Case(value.customer_pyramid, values=SPEND, tiers=TIERS),
    Case(value.pyramid_table, values=SPEND, tiers=TIERS),
    Case(value.best_and_worst, profit=PROFIT, n=2, shares=True),
]
