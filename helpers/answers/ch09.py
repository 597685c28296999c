"""Answer key of chapter 09's exercises (the DWYER method, the migration model and
customer-event prediction).

The expected values take routes of their own where one exists: the lecture's NPV table for a
DWYER table, the retention model for a projected lost-for-good group, the matrix equation
V = (I - P / (1 + d))^-1 R solved directly, observed moves counted from the recency states,
and the sign of each customer's yearly profit for the customers a forecast shows losing money.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from helpers import clv, datasets
from helpers.checks import AnswerKey

KEY = AnswerKey("09")


@cache
def _plan() -> pd.DataFrame:
    """Task 6's event plan: behaviour in 2024, 85 % retention for every customer."""
    case = datasets.load_case_company()
    return clv.event_plan(case.customers, case.orders, case.cost_to_serve, 2024,
                          retention=0.85)


@KEY.value(1, hint="The value per original customer divides the group's cumulative NPV by the "
                   "customers it started with in year 1, not by those left in year 4. Value "
                   "the table with `clv.dwyer_table` at 12 % (0.12); year 1 is today.")
def _value_4y() -> float:
    sales = np.array([400_000, 300_000, 230_000, 180_000])
    costs = np.array([460_000, 240_000, 170_000, 130_000])
    return float(clv.npv_table(sales - costs, 0.12)["cumulative_pv"].iloc[-1] / 500)


@KEY.value(2, hint="`clv.retention_projection` needs one row for the group with its "
                   "customers, retention, sales and cost per customer and acquisition cost; "
                   "project 8 years, value the projection with `clv.dwyer_table` at 10 % "
                   "(name the group column with `by=`) and take the last value per original "
                   "customer.")
def _dwyer_8y() -> float:
    return clv.clv(1500 - 1100, 0.7, 0.1, 8, timing="start", acquisition_cost=250)


@KEY.value(3, hint="Build the chain from the five purchase probabilities and the rewards from "
                   "the margin and the monthly marketing cost; discount at the monthly rate "
                   "equivalent to 12 % a year (`clv.per_period_rate`, not 12 % / 12); leave "
                   "the horizon infinite. The states are labelled 1 to 5.")
def _v3() -> float:
    p = clv.recency_matrix([0.45, 0.30, 0.20, 0.10, 0.05]).to_numpy()
    reward = np.array([300.0 - 8, -8, -8, -8, -8])
    monthly = 1.12 ** (1 / 12) - 1
    return float(np.linalg.solve(np.eye(5) - p / (1 + monthly), reward)[2])


@KEY.value(4, hint="Put the master log into quarterly recency states (`freq=\"Q\"`, four "
                   "states; its date column is `date`), not the monthly states of the lecture, "
                   "and estimate the transition matrix. A purchase moves a customer to state "
                   "1, so state 4's return probability is its move to state 1. A fraction, "
                   "not a percentage.")
def _p_return_quarterly() -> float:
    states = clv.recency_states(datasets.load_cdnow("master"), freq="Q", n_states=4,
                                date="date").to_numpy()
    leaving_4 = states[:, :-1] == 4
    return float((leaving_4 & (states[:, 1:] == 1)).sum() / leaving_4.sum())


KEY.choice(5, "B", options="ABC",
           hint="Decide first whether these customers are gone for good or still buying, "
                "then reread section 1 on the two customer types.")


@KEY.value(6, hint="Lay the plan out over 3 years with `clv.event_schedule` and write the "
                   "forecast at 10 % with `clv.event_forecast`; count the customers whose "
                   "discounted profit `pv_profit` is below 0, as an integer.")
def _n_losing() -> int:
    # with the same retention for everyone, every customer's forecast is its yearly profit
    # times the same positive factor: the losers are those whose yearly profit is negative
    plan = _plan()
    yearly = (plan["rate"] * (plan["revenue"] - plan["cost"])).groupby(plan["customer_id"]).sum()
    return int((yearly < 0).sum())


@KEY.value(7, rtol=1e-9,
           hint="Use exactly the arguments given (the seed makes the draws reproducible) on "
                "the plan of Task 6. The percentile is of the total over all customers in "
                "each simulation, not the sum of each customer's percentile.")
def _total_p5() -> float:
    draws = clv.simulate_events(_plan(), 3, n_sims=400, seed=1, discount_rate=0.1,
                                amount_cv=0.25)
    return float(np.percentile(draws.to_numpy().sum(axis=1), 5))
