"""Valid example calls of ``helpers.loyalty_index`` (chapter 03) for the mutation test."""

from __future__ import annotations

import pandas as pd
from mutation import Case

from helpers import loyalty, loyalty_index

AT = pd.Timestamp("2024-12-31")
ORDERS = pd.DataFrame({
    "customer_id": [1, 1, 1, 1, 2, 3, 3],
    "order_date": pd.to_datetime(["2023-01-01", "2023-07-01", "2024-03-01", "2024-12-01",
                                  "2024-06-01", "2023-05-01", "2024-10-01"]),
    "product_lines": [1, 2, 3, 2, 4, 1, 5],
})
FIRST = pd.Series(pd.to_datetime(["2022-06-01", "2024-06-01", "2023-05-01"]),
                  index=pd.Index([1, 2, 3], name="customer_id"))
HISTORY = loyalty.purchase_history(ORDERS, AT, first_purchase=FIRST)
SURVEY = pd.DataFrame({
    "customer_id": [1, 2, 3], "overall_satisfaction": [9, 4, 7], "recommend": [10, 5, 3],
    "mention": [6, 2, 4], "price_sensitivity": [1, 4, 7], "voluntariness": [7, 4, 1],
    "share_of_wallet": [0.8, 0.7, 0.1]})
FACTORS = pd.DataFrame({
    "A11": [0.0, 2.0, 4.0, 1.0], "A12": [1.0, 3.0, 5.0, 2.0], "A13": [-1.0, 0.0, 1.0, 0.5],
    "A21": [0.2, 0.6, 0.4, 0.9], "A22": [1.0, 2.0, 3.0, 1.5], "A31": [1.0, 7.0, 4.0, 2.0],
    "A32": [7.0, 1.0, 4.0, 3.0], "A33": [1.0, 4.0, 7.0, 5.0], "A34": [1.0, 10.0, 5.5, 8.0]},
    index=pd.Index(["a", "b", "c", "d"], name="customer_id"))
SUBSYSTEM = {"A1": 0.2, "A2": 0.5, "A3": 0.3}
FACTOR_WEIGHTS = dict(loyalty_index.DEFAULT_FACTOR_WEIGHTS) | {"A31": 0.4, "A32": 0.2,
                                                               "A33": 0.2, "A34": 0.2}
FITTED = loyalty_index.LoyaltyIndex(SUBSYSTEM, FACTOR_WEIGHTS).fit(FACTORS)

CASES = [
    Case(loyalty_index.loyalty_factors, history=HISTORY, survey=SURVEY),
    Case(loyalty_index.validate_weights, weights=SUBSYSTEM, keys=("A1", "A2", "A3"),
         name="subsystem_weights"),
    Case(loyalty_index.LoyaltyIndex,
         call=lambda factors, subsystem_weights, factor_weights, method:
         loyalty_index.LoyaltyIndex(subsystem_weights, factor_weights, method=method).fit(
             factors),
         factors=FACTORS, subsystem_weights=SUBSYSTEM, factor_weights=FACTOR_WEIGHTS,
         method="minmax"),
    Case(loyalty_index.LoyaltyIndex.fit, self=loyalty_index.LoyaltyIndex(method="z"),
         factors=FACTORS),
    Case(loyalty_index.LoyaltyIndex.normalise, self=FITTED, factors=FACTORS),
    Case(loyalty_index.LoyaltyIndex.predict, self=FITTED, factors=FACTORS.iloc[:2]),
    Case(loyalty_index.LoyaltyIndex.summary, self=FITTED),
    Case(loyalty_index.LoyaltyIndex.weight_table,
         call=lambda subsystem_weights, factor_weights: loyalty_index.LoyaltyIndex(
             subsystem_weights, factor_weights).weight_table(),
         subsystem_weights=SUBSYSTEM, factor_weights=FACTOR_WEIGHTS),
]
