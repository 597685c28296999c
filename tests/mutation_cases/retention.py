"""Valid example calls of ``helpers.retention`` and ``helpers.survival`` (chapter 07) for the
mutation test."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from mutation import Case

from helpers import retention, survival

CUSTOMERS = pd.DataFrame({
    "customer_id": [1, 2, 3, 4, 5],
    "acquisition_date": pd.to_datetime(["2021-05-01", "2021-03-01", "2022-02-01", "2022-07-01",
                                        "2023-01-15"]),
    "lost_date": pd.to_datetime([None, "2022-06-01", "2023-03-01", None, None]),
    "lost_reason": ["none", "price", "moved_or_closed", "none", "none"],
    "size": ["a", "b", "b", "a", "a"],
})
ORDERS = pd.DataFrame({
    "customer_id": [1, 1, 1, 1, 2, 3, 3, 4, 4, 4, 5],
    "order_date": pd.to_datetime(["2022-01-10", "2022-03-05", "2022-06-01", "2023-05-01",
                                  "2022-02-01", "2022-03-01", "2022-12-01", "2022-07-05",
                                  "2022-08-01", "2023-02-01", "2023-03-01"]),
})
PROFIT = pd.Series({1: 100.0, 2: 182.0, 3: 50.0, 4: -30.0, 5: 10.0})
PROFIT.index.name = "customer_id"
DURATIONS = pd.DataFrame({"duration": [1.0, 2.0, 2.0, 3.0, 4.0, 5.0],
                          "event": [1, 1, 0, 1, 0, 1],
                          "entry": [0.0, 0.0, 0.5, 0.0, 0.0, 0.0]})
GROUPS = pd.Series(["a", "a", "a", "b", "b", "b"], name="segment")
CURVES = retention.kaplan_meier(DURATIONS, GROUPS)[["group", "time", "survival"]]
LOST = pd.DataFrame({"lost_reason": ["price", "moved_or_closed", "slow_service"],
                     "lifetime_value": [100.0, 50.0, -20.0]})
SURVIVORS = pd.Series([1000, 631, 468, 382, 326])
with warnings.catch_warnings():
    warnings.simplefilter("error")  # the example fit must converge
    FITTED = survival.ShiftedBetaGeo().fit(SURVIVORS)
WINDOW = {"start": "2022-01-01", "end": "2023-12-31"}
AVOIDABLE = ["price", "slow_service"]

CASES = [
    # --- rates --------------------------------------------------------------------------
    Case(retention.retention_rate, at_start=[200, 150], retained=[170, 120]),
    Case(retention.retention_rate, at_start=200, retained=170),
    Case(retention.period_retention, customers=CUSTOMERS, years=[2022, 2023], by="size",
         **WINDOW),
    Case(retention.group_retention, customers=CUSTOMERS, by="size", years=[2022, 2023],
         **WINDOW),
    Case(retention.repeat_rate_by_year, orders=ORDERS),
    # --- survival (helpers.survival) ------------------------------------------------------
    Case(survival.cohort_survivors, customers=CUSTOMERS, end="2023-12-31"),
    Case(survival.customer_durations, customers=CUSTOMERS, end="2023-12-31",
         observed_from="2022-01-01"),
    Case(survival.kaplan_meier, durations=DURATIONS, groups=GROUPS, alpha=0.05),
    Case(survival.survival_at, curves=CURVES, times=[0.0, 1.5, 3.5]),
    Case(survival.survival_at, curves=CURVES, times=2.5),
    Case(survival.logrank_test, durations=DURATIONS, groups=GROUPS),
    Case(survival.retention_from_survivors, survivors=[100, 80, 60], cohort_size=100.0),
    Case(survival.sbg_pmf, t=[1, 2, 3], alpha=0.704, beta=1.182),
    Case(survival.sbg_survival, t=3, alpha=0.704, beta=1.182),
    Case(survival.sbg_retention, t=np.array([1, 2, 3]), alpha=0.704, beta=1.182),
    Case(survival.ShiftedBetaGeo,
         call=lambda survivors, cohort_size: survival.ShiftedBetaGeo().fit(
             survivors, cohort_size=cohort_size),
         survivors=SURVIVORS, cohort_size=1000.0),
    Case(survival.ShiftedBetaGeo.fit, self=survival.ShiftedBetaGeo(),
         survivors=[1000, 869, 743, 653, 593, 551], cohort_size=1000),
    Case(survival.ShiftedBetaGeo.pmf, self=FITTED, t=[1, 2, 3]),
    Case(survival.ShiftedBetaGeo.survival, self=FITTED, t=4),
    Case(survival.ShiftedBetaGeo.retention_rate, self=FITTED, t=[1, 2]),
    Case(survival.ShiftedBetaGeo.predict, self=FITTED, t=12),
    Case(survival.ShiftedBetaGeo.projection, self=FITTED, horizon=6,
         actual=[1000, 631, 468, 382, 326, 289, 262]),
    Case(survival.ShiftedBetaGeo.summary, self=FITTED),
    # --- economics ------------------------------------------------------------------------
    Case(retention.retained_value, margin=100.0, retention=np.array([0.8, 0.9]), discount=0.1,
         horizon=5, growth=0.02),
    Case(retention.retained_value, margin=np.array([100.0, 50.0]), retention=0.85,
         discount=0.08, growth=0.0),
    Case(retention.retention_gain, retention=[0.8, 0.9], delta=0.05, margin=1000.0,
         discount=0.1, horizon=10, growth=0.02),
    Case(retention.steady_state_base, acquisitions=100.0, retention=[0.9, 0.95]),
    Case(retention.churn_causes, customers=CUSTOMERS, by="size", avoidable=AVOIDABLE),
    Case(retention.annual_profit, customers=CUSTOMERS, profit=PROFIT, **WINDOW),
    Case(retention.lost_customer_values, customers=CUSTOMERS, profit=PROFIT, by="size",
         discount=0.1, **WINDOW),
    Case(retention.churn_loss_table, lost=LOST, value="lifetime_value", avoidable=AVOIDABLE),
    Case(retention.avoidable_churn_loss, lost=LOST, value="lifetime_value",
         avoidable=AVOIDABLE),
    Case(retention.retention_decision, spend=[50.0, 100.0], lost_profit=80.0,
         success_rate=0.5),
    Case(retention.loss_type, customers=CUSTOMERS, orders=ORDERS, split="2022-09-01",
         start="2022-01-01", end="2023-12-31", threshold=0.8, min_orders=2),
    # --- frameworks -----------------------------------------------------------------------
    Case(retention.three_degree_model),
    Case(retention.retention_levels),
    Case(retention.churn_prevention),
]
