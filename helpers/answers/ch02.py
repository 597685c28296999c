"""Answer key of chapter 02's exercises (SERVQUAL gaps, drivers, IPA, control charts)."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from helpers import datasets, quality
from helpers.checks import AnswerKey

KEY = AnswerKey("02")


@cache
def _gaps() -> pd.DataFrame:
    return quality.respondent_gaps(datasets.load_case_company().servqual)


@cache
def _means() -> pd.DataFrame:
    return quality.attribute_means(datasets.load_case_company().attribute_ratings)


def _whole_weeks(table: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
    """The weeks 2022-01-03 .. 2024-12-29, each wholly inside the log."""
    return table[(table.index.start_time >= "2022-01-03") & (table.index.end_time <= "2024-12-30")]


@KEY.value(1, hint="Keep the answers of the customers won before 2022 (their ids from "
                   "`case.customers`), then use the dimension-level gap table and read the gap "
                   "of reliability. The gap is perception minus expectation, so a shortfall is "
                   "negative.")
def _reliability_gap_old() -> float:
    customers = datasets.load_case_company().customers
    old = customers.loc[customers["acquisition_date"] < "2022-01-01", "customer_id"]
    gaps = _gaps()
    return float(gaps.loc[gaps.index.isin(old), "reliability"].mean())


@KEY.value(2, hint="Keep the answers of large customers only (map each answer's customer_id "
                   "to its size), work at item level (the gap helper's `level` argument) and "
                   "take the label of the smallest gap, not the gap itself — a string like "
                   "\"Q07\".")
def _worst_item_large() -> str:
    case = datasets.load_case_company()
    large = case.customers.loc[case.customers["size"] == "large", "customer_id"]
    answers = case.servqual[case.servqual["customer_id"].isin(large)]
    gap = answers["perception"] - answers["expectation"]
    return str(gap.groupby(answers["item"]).mean().idxmin())


@KEY.value(3, hint="Pivot the answers to one row per respondent and one column per item, with "
                   "the competitor's ratings as the values; keep the columns of the reliability "
                   "items only and pass that table to Cronbach's alpha.")
def _alpha_reliability_competitor() -> float:
    answers = datasets.load_case_company().servqual
    return float(quality.alpha_by_dimension(answers, column="competitor")["reliability"])


@KEY.value(4, hint="Build the competitor's gaps per respondent with the gap helper's "
                   "`perception` argument, weight each respondent's own gaps by their own "
                   "points, and add the shares of the weighted shortfall of the two dimensions "
                   "— the result is a share (0-1).")
def _top_two_share_competitor() -> float:
    case = datasets.load_case_company()
    gaps = quality.respondent_gaps(case.servqual, perception="competitor")
    weighted = quality.weighted_gaps(gaps, quality.importance_points(case.survey))
    return float(weighted.loc[["reliability", "responsiveness"], "weighted_gap"].sum()
                 / weighted["weighted_gap"].sum())


@KEY.value(5, hint="Predict twice with the fitted model — once with the respondents' own gaps, "
                   "once with a copy whose responsiveness column is 0 — and compare the two "
                   "mean predictions. Closing a negative gap raises satisfaction, so the "
                   "answer is positive.")
def _satisfaction_gain() -> float:
    survey = datasets.load_case_company().survey.set_index("customer_id")
    model = quality.DriverModel().fit(_gaps(), survey["overall_satisfaction"])
    # OLS is linear: setting the gap to 0 adds −β × gap to each prediction
    return float(-model.params_["responsiveness"] * _gaps()["responsiveness"].mean())


@KEY.value(6, hint="Compute the indicator means from the ratings, run the importance-performance "
                   "analysis with the competitor's column as the performance and the crosshair "
                   "at the mean, and collect the indicators of the concentrate-here quadrant "
                   "(the index labels) in a `set`.")
def _concentrate_competitor() -> set[str]:
    means = _means()
    high_importance = means["importance"] > means["importance"].mean()
    low_performance = means["competitor"] <= means["competitor"].mean()
    return set(means.index[high_importance & low_performance])


@KEY.value(7, hint="Build the service management matrix from the indicator means with a total "
                   "corridor width of one rating point (its `width` argument), and collect the "
                   "indicators whose zone is the target corridor in a `set`.")
def _corridor_narrow() -> set[str]:
    means = _means()
    return set(means.index[(means["firm"] - means["importance"]).abs() <= 0.5])


@KEY.value(8, hint="Keep only the whole weeks (as in the lecture), set the limits on the 2022 "
                   "weeks with a boolean `baseline` mask, and count the signalling weeks that "
                   "start in 2024 — a whole number.")
def _rush_signals_2024() -> int:
    case = datasets.load_case_company()
    rush = _whole_weeks(quality.complaint_rates(case.service, case.orders, kind="rush_delivery"))
    base = rush[rush.index.start_time < "2023-01-01"]
    p_bar = base["events"].sum() / base["orders"].sum()
    p = rush["events"] / rush["orders"]
    sigma = np.sqrt(p_bar * (1 - p_bar) / rush["orders"])
    outside = (p > p_bar + 3 * sigma) | (p < p_bar - 3 * sigma)
    return int(outside[rush.index.start_time >= "2024-01-01"].sum())


@KEY.value(9, rtol=1e-6,
           hint="Filter the service log to the large customers' ids before you average the "
                "response hours by week, keep the whole weeks, set the baseline on 2022 and "
                "read the chart's upper control limit, in hours.")
def _large_ucl() -> float:
    case = datasets.load_case_company()
    large = case.customers.loc[case.customers["size"] == "large", "customer_id"]
    svc = case.service[case.service["customer_id"].isin(large)]
    weekly = _whole_weeks(svc.groupby(svc["date"].dt.to_period("W"))["response_hours"].mean())
    base = weekly[weekly.index.start_time < "2023-01-01"]
    # centre ± 3 σ̂ with σ̂ = average moving range / d2 (d2 = 1.128 for ranges of two points)
    return float(base.mean() + 3 * base.diff().abs().mean() / quality.D2_N2)
