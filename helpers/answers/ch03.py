"""Answer key of chapter 03's exercises (loyalty: repeat purchase, filter, types, index)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from helpers import datasets, loyalty
from helpers.checks import AnswerKey
from helpers.datasets.case_company import planted_customer_types

KEY = AnswerKey("03")


@cache
def _survey() -> pd.DataFrame:
    return datasets.load_case_company().survey.set_index("customer_id")


@cache
def _factors() -> pd.DataFrame:
    case = datasets.load_case_company()
    customers = case.customers.set_index("customer_id")
    history = loyalty.purchase_history(case.orders, "2024-12-31",
                                       first_purchase=customers["acquisition_date"])
    return loyalty.loyalty_factors(history, case.survey)


@KEY.value(1, hint="The base period is the whole of 2022 and the follow period the whole of "
                   "2023, both as (start, end) pairs of dates. The answer is a share (0-1), "
                   "not a percentage.")
def _repeat_2022_2023() -> float:
    orders = datasets.load_case_company().orders
    year = orders["order_date"].dt.year
    base = set(orders.loc[year == 2022, "customer_id"])
    again = base & set(orders.loc[year == 2023, "customer_id"])
    return len(again) / len(base)


@KEY.value(2, hint="Measure the history at the new observation date (orders after it are "
                   "ignored), with the acquisition dates as first purchases, apply the "
                   "customer filter without a survey and count the customers in the stage "
                   "'lapsed customer' — a whole number.")
def _n_lapsed_mid_2024() -> int:
    orders = datasets.load_case_company().orders
    at = pd.Timestamp("2024-06-30")
    last = orders.loc[orders["order_date"] <= at].groupby("customer_id")["order_date"].max()
    return int(((at - last).dt.days > loyalty.LAPSE_DAYS).sum())


@KEY.value(3, hint="The repeat axis is the `regularity` column of the history (the share of "
                   "the last four quarters with an order), one value per respondent; pass the "
                   "stricter cut as `repeat_cut` and take the mean of a comparison with "
                   "'spurious loyalty'.")
def _spurious_share() -> float:
    case = datasets.load_case_company()
    attitude = loyalty.relative_attitude(case.survey)
    last = case.orders.loc[case.orders["order_date"] <= "2024-12-31"]
    age_in_quarters = (pd.Timestamp("2024-12-31") - last["order_date"]).dt.days // 91
    recent = last[age_in_quarters < 4]
    every_quarter = (age_in_quarters[recent.index].groupby(recent["customer_id"]).nunique() == 4)
    regular = every_quarter.reindex(attitude.index, fill_value=False)
    return float((regular & (attitude < 0.5)).mean())


@KEY.value(4, hint="Give LoyaltyIndex the subsystem weights as a dict keyed 'A1', 'A2', 'A3' "
                   "(the factor weights stay the default), fit it on `factors`, predict, and "
                   "take the customer_id with the largest 'index' — an integer, not the score.")
def _top_customer() -> int:
    factors = _factors()
    unit = (factors - factors.min()) / (factors.max() - factors.min())   # min-max, 0-1
    unit["A32"] = 1 - unit["A32"]                                         # reversed factor
    a1 = unit[["A11", "A12", "A13"]].mean(axis=1)
    a2 = unit[["A21", "A22"]].mean(axis=1)
    a3 = unit[["A31", "A32", "A33", "A34"]].mean(axis=1)
    return int((0.2 * a1 + 0.5 * a2 + 0.3 * a3).idxmax())


@KEY.value(5, hint="Raise the satisfaction cut of the quadrant helper (its `satisfaction_cut`), "
                   "keep the planted mercenaries only and take the share of them in the "
                   "mercenary cell (0-1).")
def _mercenary_recall() -> float:
    survey = _survey()
    mercenaries = survey[survey.index.isin(planted_customer_types()["mercenaries"])]
    in_cell = ((mercenaries["overall_satisfaction"] >= 8)
               & (mercenaries["repurchase_intention"] < loyalty.LOYALTY_CUT))
    return float(in_cell.mean())


@KEY.value(6, rtol=1e-4,
           hint="Give each respondent its `lost_reason` from the customers table (survey and "
                "customers share customer_id), average the survey item you are asked about "
                "per reason, and subtract the active respondents' mean (reason 'none') from the "
                "mean of the reason asked for.")
def _price_sensitivity_gap() -> float:
    case = datasets.load_case_company()
    merged = case.survey.merge(case.customers[["customer_id", "lost_reason"]], on="customer_id")
    lost_for_price = merged.loc[merged["lost_reason"] == "price", "price_sensitivity"]
    active = merged.loc[merged["lost_reason"] == "none", "price_sensitivity"]
    return float(lost_for_price.mean() - active.mean())


KEY.choice(7, "D", options="ABCD",
           hint="Build the default index, put the loyalty cut at its median (not at a fixed "
                "score), sort the respondents into the four cells and count where the "
                "planted hostages land.")
