"""Answer key of chapter 00's exercises (orientation, the case company's opening case)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from helpers import datasets, glossary, value
from helpers.checks import AnswerKey

KEY = AnswerKey("00")


@cache
def _profit() -> pd.DataFrame:
    case = datasets.load_case_company()
    return value.customer_profit(case.orders, case.cost_to_serve)


@KEY.value(1, hint="Collect the distinct customers who ordered in 2023 and, separately, those who "
                   "ordered in 2024; count the customers that are in both groups (a customer "
                   "with many orders counts once).")
def _active_both_years() -> int:
    profit = _profit()
    active = profit[profit["net_sales"] > 0]
    years = active.groupby("customer_id")["year"].agg(set)
    return int(years.map(lambda got: {2023, 2024} <= got).sum())


@KEY.value(2, rtol=1e-4, hint="Keep the rows of the large customers (map each row's customer to "
                              "its size), total their net profit per year, then compare 2024 "
                              "with 2022 as a share of 2022. A fall is negative.")
def _profit_change_large() -> float:
    customers = datasets.load_case_company().customers
    large = customers.loc[customers["size"] == "large", "customer_id"]
    profit = _profit()
    yearly = profit[profit["customer_id"].isin(large)].groupby("year")["net_profit"].sum()
    return yearly[2024] / yearly[2022] - 1


@KEY.value(3, hint="Total each customer's net sales over the three years (one value per "
                   "customer), then ask the lecture's helper for the share held by the top "
                   "20 %. The result is a share between 0 and 1.")
def _top20_share() -> float:
    case = datasets.load_case_company()
    per_customer = value.customer_profit(case.orders, case.cost_to_serve, by_year=False)
    return value.top_share(per_customer.set_index("customer_id")["net_sales"], 0.2)


@KEY.value(4, hint="Keep the customers acquired in 2022 or later, count them per acquisition "
                   "channel and take the most frequent channel's name.")
def _top_channel() -> str:
    customers = datasets.load_case_company().customers
    return customers.loc[customers["acquisition_date"] >= "2022-01-01",
                         "acquisition_channel"].mode().iloc[0]


@KEY.value(5, hint="Four conditions must hold at once (combine them with `&`, each in "
                   "parentheses): won before 2022, medium, lost, and lost for slow service.")
def _lost_for_service_medium() -> int:
    customers = datasets.load_case_company().customers
    return len(customers.query("acquisition_date < '2022-01-01' and size == 'medium' and "
                               "status == 'lost' and lost_reason == 'slow_service'"))


@KEY.value(6, hint="`glossary.lookup` takes an English or a Chinese term and returns a table; "
                   "the Chinese term is in one of its columns.")
def _cost_to_serve_zh() -> str:
    return glossary.terms().set_index("english").loc["cost to serve", "chinese"]
