"""Valid example calls of ``helpers.control_charts`` (chapter 02) for the mutation test."""

from __future__ import annotations

import numpy as np
import pandas as pd
from mutation import Case

from helpers import control_charts

SERVICE = pd.DataFrame({
    "date": pd.to_datetime(["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-16",
                            "2024-01-17"]),
    "type": ["complaint", "complaint", "support_call", "complaint", "return"]})
ORDERS = pd.DataFrame({"order_date": pd.to_datetime(
    ["2024-01-01", "2024-01-02", "2024-01-05", "2024-01-06", "2024-01-09", "2024-01-15",
     "2024-01-16"])})
EVENTS = pd.Series([2, 3, 5, 10, 4])
ORDERED = pd.Series([100, 100, 100, 100, 120])
HOURS = pd.Series([10.0, 12.0, 11.0, 13.0, 30.0, 12.0])
RESPONSES = pd.Series([1.0, 3.0, 2.0, 4.0, 6.0, 8.0])
WEEKS = pd.Series(["w1", "w1", "w2", "w2", "w3", "w3"])

CASES = [
    Case(control_charts.complaint_rates, service=SERVICE, orders=ORDERS, kind="complaint",
         freq="W"),
    Case(control_charts.p_chart, events=EVENTS, n=ORDERED,
         baseline=np.array([True, True, True, False, False]),
         rules=["beyond 3 sigma", "run of 8"]),
    Case(control_charts.individuals_chart, values=HOURS,
         baseline=np.array([True, True, True, True, False, False]),
         rules=["beyond 3 sigma", "run of 8"]),
    Case(control_charts.xbar_chart, values=RESPONSES, groups=WEEKS,
         baseline=np.array([True, True, False]), rules=["beyond 3 sigma", "run of 8"]),
]
