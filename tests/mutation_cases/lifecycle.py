"""Valid example calls of ``helpers.lifecycle`` (chapter 06) for the mutation test."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from mutation import Case  # noqa: E402

from helpers import lifecycle  # noqa: E402

AT = pd.Timestamp("2024-12-31")
CUSTOMERS = pd.DataFrame({
    "customer_id": list("ABCDEG"),
    "acquisition_date": pd.to_datetime(["2024-12-01", "2024-11-15", "2023-01-01", "2023-01-01",
                                        "2023-01-01", "2022-01-01"]),
})
TX = pd.DataFrame({
    "customer_id": ["B", "C", "C", "D", "D", "D", "E", "E", "G"],
    "date": pd.to_datetime(["2024-11-15", "2024-08-01", "2024-11-01", "2024-08-15",
                            "2024-10-15", "2024-12-15", "2024-08-01", "2024-12-01",
                            "2024-05-01"]),
    "amount": [100.0, 100.0, 200.0, 150.0, 100.0, 100.0, 400.0, 100.0, 100.0],
})
STAGES = lifecycle.assign_stages(TX, AT, customers=CUSTOMERS)
BEFORE = lifecycle.assign_stages(TX[TX["date"] <= "2024-09-30"], pd.Timestamp("2024-09-30"),
                                 customers=CUSTOMERS)
HISTORY = lifecycle.stage_history(TX, [pd.Timestamp("2024-09-30"), AT], customers=CUSTOMERS)
COUNTS = lifecycle.stage_counts(HISTORY)
PROFIT = pd.Series({"A": 1.0, "B": 10.0, "C": 40.0, "D": 300.0, "E": 200.0, "G": 5.0})
COHORT_TX = pd.DataFrame({
    "customer_id": [1, 1, 1, 2, 2, 3, 3],
    "date": pd.to_datetime(["2024-01-05", "2024-02-10", "2024-03-01", "2024-01-20",
                            "2024-03-15", "2024-02-02", "2024-03-02"]),
})
RETENTION = lifecycle.cohort_retention(COHORT_TX, freq="M")
_, AX = plt.subplots()

_RULES = dict(window_days=90, development_days=90, termination_days=180, recovery_days=90,
              growth=0.5, decline=0.5, gap_ratio=2.0, maturity_min_spend=0.0)
_COLUMNS = dict(customer_col="customer_id", date_col="date", amount_col="amount",
                acquisition_col="acquisition_date")

CASES = [
    Case(lifecycle.stage_guide),
    Case(lifecycle.assign_stages, transactions=TX, at=AT, customers=CUSTOMERS, **_RULES,
         **_COLUMNS),
    Case(lifecycle.stage_history, transactions=TX,
         dates=pd.Series(pd.to_datetime(["2024-06-30", "2024-12-31"])), customers=CUSTOMERS,
         **_RULES, **_COLUMNS),
    Case(lifecycle.stage_history, transactions=TX, dates=["2024-06-30", "2024-12-31"],
         termination_days=200),
    Case(lifecycle.stage_counts, history=HISTORY, share=True),
    Case(lifecycle.stage_transitions, before=BEFORE[["stage"]], after=STAGES[["stage"]],
         normalize=True),
    Case(lifecycle.stage_value, stages=STAGES["stage"], values=PROFIT, shares=True),
    Case(lifecycle.at_risk, stages=STAGES, values=PROFIT, fraction=0.3,
         risk_stages=("decline", "termination")),
    Case(lifecycle.cohort_retention, transactions=COHORT_TX, freq="M",
         end=pd.Timestamp("2024-03-31"), counts=False, customer_col="customer_id",
         date_col="date"),
    Case(lifecycle.plot_stage_counts, counts=COUNTS, ax=AX,
         stages=["development", "growth", "maturity", "decline"], title="Stages"),
    Case(lifecycle.plot_cohort_heatmap, table=RETENTION, ax=AX, annotate=True,
         title="Cohorts"),
]
