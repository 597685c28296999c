"""Valid example calls of ``helpers.loyalty`` (chapter 03) for the mutation test."""

from __future__ import annotations

import pandas as pd
from mutation import Case

from helpers import loyalty

AT = pd.Timestamp("2024-12-31")
ORDERS = pd.DataFrame({
    "customer_id": [1, 1, 1, 1, 2, 3, 3],
    "order_date": pd.to_datetime(["2023-01-01", "2023-07-01", "2024-03-01", "2024-12-01",
                                  "2024-06-01", "2023-05-01", "2024-10-01"]),
    "product_lines": [1, 2, 3, 2, 4, 1, 5],
})
FIRST = pd.Series(pd.to_datetime(["2022-06-01", "2024-06-01", "2023-05-01"]),
                  index=pd.Index([1, 2, 3], name="customer_id"))
SURVEY = pd.DataFrame({
    "customer_id": [1, 2, 3], "overall_satisfaction": [9, 4, 7], "recommend": [10, 5, 3],
    "mention": [6, 2, 4], "price_sensitivity": [1, 4, 7], "voluntariness": [7, 4, 1],
    "share_of_wallet": [0.8, 0.7, 0.1]})
FILTER_HISTORY = pd.DataFrame({"n_orders": [1, 5, 8, 9], "recency_days": [10.0, 20.0, 5.0, 400.0],
                               "quarters_active": [1, 2, 4, 0]},
                              index=pd.Index([11, 12, 13, 15], name="customer_id"))
FILTER_SURVEY = pd.DataFrame({"customer_id": [13, 12], "mention": [7, 3], "recommend": [5, 6]})
STAGE = loyalty.customer_filter(FILTER_HISTORY, FILTER_SURVEY)
PARTNER = pd.Series([False, False, True, False], index=STAGE.index)
RATINGS = pd.DataFrame({"customer_id": [1, 1, 1, 2, 2, 2], "item": ["q1", "q2", "q3"] * 2,
                        "perception": [6, 5, 4, 2, 3, 4], "competitor": [4, 5, 6, 5, 5, 5]})
SERVICE = pd.DataFrame({
    "customer_id": [1, 1, 2, 3],
    "date": pd.to_datetime(["2024-01-10", "2024-05-01", "2024-02-01", "2024-06-15"]),
    "type": ["complaint", "return", "complaint", "complaint"]})
INCIDENT_ORDERS = pd.DataFrame({
    "customer_id": [1, 1, 2, 3],
    "order_date": pd.to_datetime(["2024-01-10", "2024-03-01", "2024-09-01", "2024-07-01"])})
REPEAT = pd.Series([0.8, 0.2, 0.8, 0.2], index=pd.Index([1, 2, 3, 4], name="customer_id"))
ATTITUDE = pd.Series([0.9, 0.9, 0.1, 0.1], index=REPEAT.index)
SATISFACTION = pd.Series([9.0, 4.0, 8.0, 2.0, 9.0], index=pd.Index(range(1, 6),
                                                                    name="customer_id"))
LOYALTY = pd.Series([6.0, 7.0, 2.0, 1.0, 5.0], index=SATISFACTION.index)

CASES = [
    Case(loyalty.measures_table),
    Case(loyalty.attitude_to_competitor, ratings=RATINGS, firm="perception",
         competitor="competitor", item="item", scale=(1, 7)),
    Case(loyalty.incident_tolerance, service=SERVICE, orders=INCIDENT_ORDERS, at=AT,
         kinds=("complaint", "return"), window_days=180),
    Case(loyalty.purchase_history, orders=ORDERS, at=AT, first_purchase=FIRST,
         window_start=pd.Timestamp("2022-12-31"), period_days=365, min_exposure_days=90),
    Case(loyalty.repeat_purchase_rate, orders=ORDERS, base=("2023-01-01", "2023-12-31"),
         follow=("2024-01-01", "2024-12-31"),
         by=pd.Series(["big", "small", "small"], index=pd.Index([1, 2, 3],
                                                                name="customer_id"))),
    Case(loyalty.customer_filter, history=FILTER_HISTORY, survey=FILTER_SURVEY, lapse_days=180,
         loyal_quarters=3, advocate_mention=6, advocate_recommend=9),
    Case(loyalty.loyalty_ladder, stage=STAGE, partner=PARTNER),
    Case(loyalty.relative_attitude, survey=SURVEY),
    Case(loyalty.loyalty_type, repeat=REPEAT, attitude=ATTITUDE, repeat_cut=0.5,
         attitude_cut=0.5),
    Case(loyalty.satisfaction_loyalty_curve, satisfaction=SATISFACTION, loyalty=LOYALTY),
    Case(loyalty.satisfaction_loyalty_quadrant, satisfaction=SATISFACTION, loyalty=LOYALTY,
         satisfaction_cut=7, loyalty_cut=5),
]
