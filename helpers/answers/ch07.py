"""Answer key of chapter 07's exercises (retention strategy and economics)."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from helpers import datasets, retention, value
from helpers.checks import AnswerKey

KEY = AnswerKey("07")


@cache
def _customers() -> pd.DataFrame:
    return datasets.load_case_company().customers


def _new_customers() -> pd.DataFrame:
    customers = _customers()
    return customers[customers["acquisition_date"] >= "2022-01-01"]


def _old_base_sizes_differ() -> bool:
    """Log-rank test, with delayed entry, of the old base's survival by size, at 5 %."""
    customers = _customers()
    old = customers[customers["acquisition_date"] < "2022-01-01"]
    durations = retention.customer_durations(old)
    size = old.set_index("customer_id")["size"].reindex(durations.index)
    return bool(retention.logrank_test(durations, size)["p_value"] < 0.05)


@KEY.value(1, hint="Yearly retention can be split by any column of the customers table "
                   "(`by=`), or computed for the credit customers alone: read the churn rate "
                   "of 2024 for the customers whose `credit_customer` is True, as a share (0.1 "
                   "for 10 %). Customers won during 2024 are not part of 2024's rate.")
def _churn_credit_2024() -> float:
    customers = _customers()
    credit = customers[customers["credit_customer"]]
    return float(retention.period_retention(credit, [2024])["churn_rate"].iloc[0])


@KEY.value(2, hint="Build the durations of the customers acquired in 2022-2024 only, fit "
                   "Kaplan-Meier curves with their size as groups and read the small customers' "
                   "curve at 1.5 years (durations are in years; the curve is a step function).")
def _small_at_18_months() -> float:
    new = _new_customers()
    small = new[new["size"] == "small"]
    curve = retention.kaplan_meier(retention.customer_durations(small))
    return float(retention.survival_at(curve, [1.5]).iloc[0, 0])


KEY.choice(3, "A" if _old_base_sizes_differ() else "B", options="ABC",
           hint="Build the durations of the customers acquired before 2022 only "
                "(`retention.customer_durations` records when each one entered observation, "
                "and the log-rank test uses it), run the test with their size as the groups "
                "and compare its p-value with 0.05. Late entry, like censoring, is what "
                "survival methods handle.")


@KEY.value(4, rtol=1e-3, hint="Fit the sBG model to the regular segment's years 0-4 only (five "
                              "values, starting at year 0), then predict the expected survivors "
                              "of the cohort of 1,000 in year 12: a number of customers, not a "
                              "share.")
def _survivors_year_12() -> float:
    table = datasets.load_fader_hardie_2007()
    model = retention.ShiftedBetaGeo().fit(table.loc[table["year"] <= 4, "regular"])
    # survivors = cohort × the product of the period retention rates r_1 … r_12
    return float(1000 * np.prod(model.retention_rate(np.arange(1, 13))))


@KEY.value(5, hint="Use the retention-gain helper with the task's margin and discount rate; its "
                   "`gain` is the rise of the customer's value in CNY. The discount rate is "
                   "0.08, not 8.")
def _value_gain() -> float:
    return float(retention.retained_value(1_000, 0.85, 0.08)
                 - retention.retained_value(1_000, 0.80, 0.08))


@KEY.value(6, hint="Count the causes of churn among the small customers only: the helper gives "
                   "each reason's share of the lost customers and whether it is avoidable; add "
                   "up the shares of the avoidable reasons.")
def _avoidable_share_small() -> float:
    customers = _customers()
    small_lost = customers[(customers["size"] == "small") & customers["lost_date"].notna()]
    return float(small_lost["lost_reason"].isin(retention.AVOIDABLE_LOST_REASONS).mean())


@KEY.value(7, hint="First the profit lost to avoidable churn: the sum of the lifetime values "
                   "of the customers lost for an avoidable reason. The programme saves 40 % of "
                   "it; it is worthwhile if it costs less than what it saves. Answer True or "
                   "False.")
def _run_programme() -> bool:
    case = datasets.load_case_company()
    profit = (value.customer_profit(case.orders, case.cost_to_serve, by_year=False)
              .set_index("customer_id")["net_profit"])
    lost = retention.lost_customer_values(case.customers, profit, by="size", discount=0.10)
    avoidable = lost["lost_reason"].isin(retention.AVOIDABLE_LOST_REASONS)
    return bool(1_200_000 < 0.4 * lost.loc[avoidable, "lifetime_value"].sum())
