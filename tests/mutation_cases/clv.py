"""Valid example calls of ``helpers.clv`` (chapter 08) for the mutation test."""

from __future__ import annotations

import numpy as np
import pandas as pd
from mutation import Case

from helpers import clv

CUSTOMERS = pd.DataFrame({
    "customer_id": [1, 2, 3, 4, 5, 6],
    "acquisition_date": pd.to_datetime(["2020-05-01", "2020-06-01", "2020-09-01",
                                        "2021-03-01", "2021-07-01", "2021-02-01"]),
    "lost_date": pd.to_datetime([None, "2021-08-01", None, None, "2023-02-01", "2022-05-01"]),
    "segment": ["a", "a", "a", "b", "b", "b"],
    "acquisition_cost": [100.0, 300.0, 200.0, 50.0, 150.0, 80.0],
})
PROFIT = pd.DataFrame({
    "customer_id": [1, 1, 2, 3, 3, 4, 5, 6],
    "year": [2021, 2022, 2021, 2021, 2022, 2022, 2022, 2021],
    "net_profit": [100.0, 300.0, -80.0, 120.0, 90.0, 50.0, 20.0, 30.0],
})
MARGINS = pd.Series([100.0, 200.0], index=pd.Index(["a", "b"], name="segment"))
RETENTION = pd.Series([0.8, 0.5], index=pd.Index(["a", "b"], name="segment"))

CASES = [
    Case(clv.clv, margin=100.0, retention=0.8, discount_rate=0.1, horizon=3,
         acquisition_cost=50.0, timing="end",
         skip={"margin": {"negative": "a loss-making customer has a negative margin"}}),
    Case(clv.clv, margin=MARGINS, retention=RETENTION, discount_rate=0.1, horizon=np.inf,
         acquisition_cost=20.0, timing="start",
         skip={"margin": {"negative": "a loss-making customer has a negative margin"}}),
    Case(clv.margin_multiple, retention=0.9, discount_rate=0.12, horizon=10, timing="end"),
    Case(clv.clv_schedule, margin=100.0, retention=0.8, discount_rate=0.1, horizon=3,
         acquisition_cost=50.0, timing="start",
         skip={"margin": {"negative": "a loss-making customer has a negative margin"}}),
    Case(clv.npv_table, net_profit=[-50.0, 80.0, 60.0], discount_rate=0.1, timing="start",
         skip={"net_profit": {"negative": "a year's net profit may be a loss"}}),
    Case(clv.clv_components, initial_margin=100.0, repeat_margin=80.0, retention=0.5,
         discount_rate=0.1, horizon=2, wallet_growth=0.1, cross_sell_margin=20.0,
         cost_saving=[4.0, 8.0], referrals=0.2, referral_value=50.0, price_premium=6.0,
         acquisition_cost=40.0,
         skip={name: {"negative": "a margin or a saving may be negative"}
               for name in ("initial_margin", "repeat_margin", "cross_sell_margin",
                            "cost_saving", "referral_value", "price_premium")}),
    Case(clv.cohort_clv, customers=1000, retention=[0.5, 0.4], orders_per_customer=[2.0, 2.5, 3.0],
         spend_per_order=100.0, direct_cost_rate=[0.6, 0.6, 0.55], acquisition_cost=30.0,
         marketing_cost=10.0, discount_rate=0.25),
    Case(clv.simple_clv, average_sale=400.0, profit_rate=0.25, repeat_orders=2.0,
         marketing_spend=90_000.0, new_customers=600.0, prospect_spend=10_000.0,
         prospects=500.0, conversion_rate=0.08),
    Case(clv.yearly_retention, customers=CUSTOMERS, years=[2021, 2022], by="segment",
         by_year=False),
    Case(clv.segment_margin, profit=PROFIT, customers=CUSTOMERS, years=[2021, 2022],
         by="segment",
         skip={"profit[net_profit]": {"negative": "a customer-year may be a loss"}}),
    Case(clv.segment_clv, customers=CUSTOMERS, profit=PROFIT, years=[2021, 2022],
         by="segment", discount_rate=0.1, horizon=10, timing="start",
         skip={"profit[net_profit]": {"negative": "a customer-year may be a loss"}}),
]
