"""Answer key of chapter 05's exercises (customer grading and segment strategy)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from helpers import datasets, segments, value
from helpers.checks import AnswerKey

KEY = AnswerKey("05")


@cache
def _cdnow_scores() -> pd.DataFrame:
    """RFM scores (5 bins) of the CDNOW 1/10 sample, observed on the last day of the log."""
    return segments.rfm_scores(segments.rfm_table(datasets.load_cdnow("sample"), "1998-06-30"),
                               bins=5)


@cache
def _case() -> datasets.CaseCompany:
    return datasets.load_case_company()


@KEY.value(1, hint="Build the RFM table of the 1/10 sample observed on 1998-06-30, score it "
                   "with 5 bins and count the customers whose three scores are all 5 (count "
                   "customers, not purchases).")
def _n_555() -> int:
    return int(_cdnow_scores().query("R == 5 and F == 5 and M == 5").shape[0])


@KEY.value("2a", hint="Name each customer's segment from the 5-bin scores with the RFM "
                      "segment helper, then take the share of all customers whose segment is "
                      "\"champions\": a share between 0 and 1.")
def _champion_share() -> float:
    return float(segments.rfm_segments(_cdnow_scores(), bins=5)
                 .value_counts(normalize=True)["champions"])


@KEY.value("2b", hint="The same segments as for the champions; now the share of customers in "
                      "the segment \"lost\".")
def _lost_share() -> float:
    return float(segments.rfm_segments(_cdnow_scores(), bins=5)
                 .value_counts(normalize=True)["lost"])


@KEY.value(3, hint="A customer is lost when its status is \"lost\" (a True/False Series by "
                   "customer id). Compute current and future value for 2024, grade with a top "
                   "share of 10 % instead of the default 20 % and count the grade A.")
def _n_grade_a() -> int:
    # grade A: value ahead (future > 0) and a current value in the top 10 %
    case = _case()
    yearly = value.customer_profit(case.orders, case.cost_to_serve)
    lost = case.customers.set_index("customer_id")["status"] == "lost"
    worth = segments.future_value(yearly, 2024, lost=lost)
    top = worth["current_value"] >= worth["current_value"].quantile(0.9)
    return int((top & (worth["future_value"] > 0)).sum())


@KEY.value(4, hint="Fit the segmenter on the three RFM columns with frequency and monetary on "
                   "a log scale. Its profiles give each segment's share of the customers and "
                   "the mean of each feature: the lapsed segment has the largest mean recency.")
def _lapsed_share() -> float:
    case = _case()
    log = case.orders.rename(columns={"order_date": "date", "net_sales": "amount"})
    rfm = segments.rfm_table(log, "2024-12-31")[["recency_days", "frequency", "monetary"]]
    labels = segments.KMeansSegmenter(3, log_columns=["frequency", "monetary"]).fit(rfm).labels_
    lapsed = rfm["recency_days"].groupby(labels).mean().idxmax()
    return float((labels == lapsed).mean())


@KEY.value(5, hint="Total each customer's net sales and net profit over 2022-2024, add the "
                   "customer's size, and run step 1 of the segment service strategy by size; "
                   "read the profit share of the small customers (a share of the firm's total "
                   "profit).")
def _small_profit_share() -> float:
    case = _case()
    totals = value.customer_profit(case.orders, case.cost_to_serve, by_year=False)
    small = totals["customer_id"].map(case.customers.set_index("customer_id")["size"]) == "small"
    return float(totals.loc[small, "net_profit"].sum() / totals["net_profit"].sum())


def _insurer_strategy(value_: float, fit: float, growth: float, gap: float) -> str:
    """The course's rules of the five strategies (default cut-offs at 0), one segment."""
    if fit < 0:
        return "detach" if value_ < 0 else "decide"
    if value_ >= 0 and gap < 0:
        return "invest to improve"
    return "invest for growth" if growth >= 0 else "maintain"


@KEY.value(6, hint="Work through the rules of `help(segments.assign_strategies)` in order for "
                   "each segment: misfits first (detach or decide, by value), then profitable "
                   "segments with a negative gap, then growth. Give a list of text in the "
                   "table's order: a list of text, one per segment.")
def _insurer_strategies() -> list[str]:
    insurer = [(1200, -0.4, 0.02, -0.5), (-150, -0.2, 0.10, -0.3), (900, 0.3, -0.05, -0.6),
               (-50, 0.5, 0.40, 0.2)]  # brokers, call centre, branches, e-commerce
    return [_insurer_strategy(*row) for row in insurer]
