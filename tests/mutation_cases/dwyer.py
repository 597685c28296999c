"""Valid example calls of ``helpers.dwyer`` (chapter 09) for the mutation test."""

from __future__ import annotations

import numpy as np
import pandas as pd
from mutation import Case

from helpers import dwyer

CUSTOMERS = pd.DataFrame({
    "customer_id": [1, 2, 3, 4],
    "acquisition_date": pd.to_datetime(["2020-05-01", "2021-03-01", "2021-06-01",
                                        "2022-02-01"]),
    "lost_date": pd.to_datetime(["2021-06-30", None, None, None]),
    "segment": ["a", "a", "b", "b"],
})
PROFIT = pd.DataFrame({
    "customer_id": [1, 2, 2, 3, 4],
    "year": [2021, 2021, 2022, 2022, 2022],
    "net_sales": [100.0, 50.0, 80.0, 30.0, 60.0],
    "cost_of_goods": [60.0, 30.0, 50.0, 20.0, 35.0],
    "cost_to_serve": [10.0, 5.0, 5.0, 15.0, 8.0],
})
GROUPS = pd.DataFrame({
    "segment": ["a", "a", "a", "b", "b", "b"],
    "year": [1, 2, 3, 1, 2, 3],
    "customers": [100.0, 60.0, 36.0, 10.0, 5.0, 2.0],
    "sales": [10_000.0, 7_200.0, 4_860.0, 1_000.0, 500.0, 220.0],
    "costs": [6_000.0, 4_200.0, 2_700.0, 900.0, 600.0, 150.0],
})
PROJECT = pd.DataFrame({"customers": [200.0, 80.0], "retention": [0.5, 0.8],
                        "sales_per_customer": [10.0, 25.0], "cost_per_customer": [4.0, 15.0],
                        "acquisition_cost": [3.0, 9.0]},
                       index=pd.Index(["web", "field"], name="channel"))
# twelve customers' purchase months in 2024 (states 1-3 all entered and left)
MONTHS = {1: [1, 2, 7, 8], 2: [1, 4, 7, 8], 3: [2, 5, 6, 8], 4: [6, 7], 5: [1, 2, 6],
          6: [2, 4, 5, 8], 7: [2, 5], 8: [4, 7], 9: [2, 3, 6, 8], 10: [5, 8], 11: [3, 6],
          12: [5, 6]}
ORDERS = pd.DataFrame(
    [(customer, pd.Timestamp(2024, month, 10 + customer), 10.0 + 3 * customer + month)
     for customer, months in MONTHS.items() for month in months],
    columns=["customer_id", "order_date", "gross_profit"])
START, END = pd.Timestamp("2024-01-01"), pd.Timestamp("2024-08-31")
STATES = dwyer.recency_states(ORDERS, n_states=3, start=START, end=END)
TRANSITION = dwyer.migration_matrix(STATES)
TRANSITION.attrs = {}  # its counts (a DataFrame in .attrs) would break pd.concat of mutants
REWARD = [480.0, -20.0, -20.0]
MODEL = dwyer.MigrationModel(n_states=3, freq="M", discount_rate=0.01, marketing_cost=2.0,
                             horizon=24).fit(ORDERS, start=START, end=END)
COUNTS = pd.Series([5.0, 10.0], index=[1, 3])
VALUES = pd.Series([100.0, 40.0, 10.0], index=[1, 2, 3])
SALES = pd.DataFrame({
    "customer_id": [1, 1, 2, 3, 4],
    "order_date": pd.to_datetime(["2024-02-01", "2024-09-01", "2024-03-15", "2024-05-05",
                                  "2023-11-11"]),
    "net_sales": [100.0, 300.0, 80.0, 40.0, 70.0],
    "cost_of_goods": [60.0, 200.0, 50.0, 30.0, 40.0],
})
COSTS = pd.DataFrame({"customer_id": [1, 2, 2, 3], "year": [2024, 2024, 2024, 2024],
                      "category": ["delivery", "delivery", "support", "support"],
                      "amount": [25.0, 10.0, 5.0, 12.0]})
STAY = pd.Series([0.8, 0.9, 0.7, 0.6], index=pd.Index([1, 2, 3, 4], name="customer_id"))
PLAN = pd.DataFrame({"customer_id": [7, 7, 8], "event": ["order", "service", "order"],
                     "rate": [2.0, 1.0, 3.0], "revenue": [100.0, 0.0, 40.0],
                     "cost": [60.0, 30.0, 25.0], "retention": [0.5, 0.5, 0.9],
                     "random": [True, False, True]})
SCHEDULE = dwyer.event_schedule(PLAN, 3)
DRAWS = pd.DataFrame({7: [1.0, 2.0, 3.0, 4.0], 8: [10.0, -20.0, 30.0, 5.0]})

LOSS = {"negative": "a loss is a valid amount"}

CASES = [
    Case(dwyer.per_period_rate, annual_rate=0.1, periods_per_year=12),
    Case(dwyer.dwyer_table, data=GROUPS, discount_rate=0.1, by="segment", timing="start",
         skip={"data[year]": {"negative": "years may be counted from any origin"}}),
    Case(dwyer.dwyer_table, data=GROUPS.assign(profit=GROUPS["sales"] - GROUPS["costs"])
         .drop(columns=["sales", "costs"]), discount_rate=0.1, by=["segment"], timing="end",
         skip={"data[year]": {"negative": "years may be counted from any origin"},
               "data[profit]": LOSS}),
    Case(dwyer.retention_projection, groups=PROJECT, horizon=3),
    Case(dwyer.retention_projection, groups=PROJECT[["customers", "retention"]].assign(
        margin=[6.0, -2.0]), horizon=4, skip={"groups[margin]": LOSS}),
    Case(dwyer.group_years, customers=CUSTOMERS, profit=PROFIT, years=[2021, 2022],
         by="segment"),
    Case(dwyer.recency_states, orders=ORDERS, freq="M", n_states=3, start=START, end=END,
         date="order_date"),
    Case(dwyer.migration_matrix, states=STATES, n_states=3),
    Case(dwyer.recency_matrix, purchase_probability=[0.5, 0.3, 0.0]),
    Case(dwyer.purchase_probabilities, transition=TRANSITION),
    Case(dwyer.migration_rewards, margin=500.0, marketing_cost=20.0, n_states=5,
         market_states=3, skip={"margin": LOSS}),
    Case(dwyer.migration_clv, transition=TRANSITION, reward=REWARD, discount_rate=0.01,
         horizon=12, skip={"reward": LOSS}),
    Case(dwyer.migration_clv, transition=TRANSITION.to_numpy(), reward=100.0,
         discount_rate=0.05, horizon=np.inf, skip={"reward": LOSS}),
    Case(dwyer.state_projection, transition=TRANSITION, start=[10.0, 0.0, 5.0], periods=4),
    Case(dwyer.group_value, counts=COUNTS, values=VALUES, skip={"values": LOSS}),
    Case(dwyer.simulate_migration, transition=TRANSITION, reward=REWARD, discount_rate=0.01,
         horizon=12, start_state=1, n_sims=200, seed=0, skip={"reward": LOSS}),
    Case(dwyer.MigrationModel,
         call=lambda orders, n_states, freq, discount_rate, marketing_cost, horizon, value,
         date, start, end: dwyer.MigrationModel(
             n_states=n_states, freq=freq, discount_rate=discount_rate,
             marketing_cost=marketing_cost, horizon=horizon).fit(
             orders, value=value, date=date, start=start, end=end),
         orders=ORDERS, n_states=3, freq="M", discount_rate=0.01, marketing_cost=2.0,
         horizon=24, value="gross_profit", date="order_date", start=START, end=END,
         skip={"orders[gross_profit]": LOSS}),
    Case(dwyer.MigrationModel.fit, self=dwyer.MigrationModel(n_states=3, horizon=np.inf),
         orders=ORDERS, value="gross_profit", date="order_date", start=START, end=END,
         skip={"orders[gross_profit]": LOSS}),
    Case(dwyer.MigrationModel.predict, self=MODEL,
         states=pd.Series([1, 3, 2], index=["a", "b", "c"])),
    Case(dwyer.MigrationModel.summary, self=MODEL),
    Case(dwyer.event_plan, customers=CUSTOMERS, orders=SALES, costs=COSTS, year=2024,
         retention=0.85, by_category=True),
    Case(dwyer.event_plan, customers=CUSTOMERS, orders=SALES, costs=COSTS, year=2024,
         retention=STAY, by_category=False),
    Case(dwyer.event_schedule, plan=PLAN, periods=3),
    Case(dwyer.event_forecast, schedule=SCHEDULE, discount_rate=0.1, timing="start",
         skip={"schedule[profit]": LOSS}),
    Case(dwyer.simulate_events, plan=PLAN, periods=3, n_sims=50, seed=1, discount_rate=0.1,
         amount_cv=0.25, timing="end"),
    Case(dwyer.simulation_ranges, draws=DRAWS, percentiles=[5.0, 50.0, 95.0], total=False,
         skip={"draws": LOSS}),
]
