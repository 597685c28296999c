"""Valid example calls of ``helpers.strategy`` (chapter 13) for the mutation test."""

from __future__ import annotations

import pandas as pd
from mutation import Case

from helpers import strategy

CUSTOMERS = pd.DataFrame({
    "customer_id": [1, 2, 3, 4],
    "size": ["small", "small", "large", "large"],
    "acquisition_channel": ["web", "web", "referral", "field_sales"],
    "acquisition_date": pd.to_datetime(["2022-01-10", "2022-03-01", "2022-02-01",
                                        "2022-05-01"]),
    "credit_customer": [True, False, False, True],
    "lost_date": pd.to_datetime([None, "2024-06-30", None, None]),
    "lost_reason": ["none", "price", "none", "none"],
})
ORDERS = pd.DataFrame({
    "customer_id": [1, 2, 3, 4, 1, 2, 3, 4, 1, 3, 4],
    "order_date": pd.to_datetime(["2022-02-01", "2022-04-01", "2022-03-01", "2022-06-01",
                                  "2023-06-01", "2023-07-01", "2023-08-01", "2023-09-01",
                                  "2024-09-01", "2024-10-01", "2024-11-01"]),
    "product_lines": [2, 1, 4, 3, 2, 1, 5, 3, 3, 4, 2],
    "net_sales": [100.0, 80.0, 500.0, 300.0, 120.0, 60.0, 450.0, 320.0, 150.0, 600.0, 280.0],
    "cost_of_goods": [60.0, 50.0, 300.0, 200.0, 70.0, 40.0, 280.0, 210.0, 90.0, 350.0, 190.0],
})
COSTS = pd.DataFrame({"customer_id": [1, 2, 3, 4, 1, 3], "year": [2024, 2024, 2024, 2024,
                                                                 2023, 2023],
                      "amount": [10.0, 5.0, 40.0, 20.0, 8.0, 30.0]})
CREDIT = pd.Series({1: "AA", 4: "B"})
SURVEY = pd.DataFrame({"customer_id": [1, 3], "overall_satisfaction": [8, 5],
                       "repurchase_intention": [6, 3]})
PROFILE = pd.DataFrame({
    "status": ["lost", "lost", "active", "active", "active", "active", "active", "active"],
    "lost_reason": ["slow_service", "moved_or_closed", "none", "none", "none", "none", "none",
                    "none"],
    "current_value": [0.0, 0.0, 30.0, -20.0, 400.0, 300.0, 100.0, 90.0],
    "clv": [500.0, 900.0, 100.0, 50.0, 800.0, 300.0, 200.0, 250.0],
    "credit_class": ["cash", "unrated", "AA", "C", "A", "B", "cash", "AAA"],
    "grade": ["D", "D", "C", "D", "A", "A", "B", "C"],
    "stage": ["termination", "termination", "development", "maturity", "maturity",
              "maturity", "growth", "maturity"],
    "quarters_active": [0, 0, 1, 4, 4, 4, 3, 4],
    "frequency_trend": [-1.0, -1.0, 0.0, 0.0, 0.1, -0.5, 0.2, 0.0],
    "cross_buying": [2.0, 2.0, 1.0, 5.0, 4.0, 4.0, 1.0, 2.0],
    "loyalty_type": ["not surveyed"] * 7 + ["hostage"],
    "action": ["acquire", "let go", "acquire", "standardise", "advocate", "retain", "up-sell",
               "cross-sell"],
}, index=pd.Index(range(1, 9), name="customer_id"))
PLAN = strategy.action_plan(PROFILE[["action", "clv"]])
SPEND = pd.Series({"acquire": 500.0, "retain": 300.0, "advocate": 100.0})
MONEY = {"negative": "net returns and clv can be negative"}

CASES = [
    Case(strategy.customer_profile, customers=CUSTOMERS, orders=ORDERS, costs=COSTS, year=2024,
         credit_class=CREDIT, survey=SURVEY, discount_rate=0.1, horizon=5),
    Case(strategy.strategic_grade,
         profile=PROFILE[["current_value", "clv", "status", "credit_class"]], top=0.2,
         risky=["C"], caution=["B"],
         skip={"profile[current_value]": MONEY, "profile[clv]": MONEY,
               "risky": {"empty list": "no class is risky"},
               "caution": {"empty list": "no class calls for caution"}}),
    Case(strategy.assign_actions,
         profile=PROFILE.drop(columns=["current_value", "credit_class", "action"]),
         rules={"trend_cut": -0.3, "winback_min_clv": 100.0},
         avoidable=["slow_service", "price"],
         skip={"profile[clv]": MONEY, "profile[frequency_trend]": {"negative": "a falling trend"},
               "rules": {"empty mapping": "the default rules"},
               "avoidable": {"empty list": "no loss is avoidable",
                             "unknown name": "a reason nobody left for"}}),
    Case(strategy.response_rate, spend_per_customer=[0.0, 1000.0, 2000.0], ceiling=0.4,
         half_spend=1000.0),
    Case(strategy.action_plan, profile=PROFILE[["action", "clv"]],
         response=strategy.DEFAULT_RESPONSE.copy(),
         skip={"profile[clv]": MONEY}),
    Case(strategy.return_curves, plan=PLAN, totals=[0.0, 1000.0, 5000.0]),
    Case(strategy.allocate, plan=PLAN, spend=SPEND),
    Case(strategy.optimal_allocation, plan=PLAN, budget=2000.0),
    Case(strategy.budget_check, retention_spend=100.0, lost_profit=1000.0, success_rate=0.5),
]
