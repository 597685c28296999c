"""Answer key of chapter 13's exercises (the capstone: grade, ACURA tasks, budget, retention
budget check)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from helpers import datasets, rating, strategy
from helpers.checks import AnswerKey

KEY = AnswerKey("13")

BUDGET = 800_000.0        # Tasks 5 and 6: the relationship budget
DIRECTOR_SPEND = 500_000.0  # Task 7: the retention offers the sales director asks for
DIRECTOR_SAVE = 0.4         # Task 7: the share of leaving customers they promise to keep


@cache
def _profile() -> pd.DataFrame:
    """The exercise's set-up profile, graded and with its ACURA tasks (default settings)."""
    case = datasets.load_case_company()
    ratings = rating.quarterly_ratings(case.financials, case.credit_profiles, case.invoices,
                                       ["2025Q1"], customers=case.customers)
    profile = strategy.customer_profile(case.customers, case.orders, case.cost_to_serve,
                                        year=2024,
                                        credit_class=ratings.set_index("customer_id")["rating"],
                                        survey=case.survey)
    profile["grade"] = strategy.strategic_grade(profile)
    profile["action"] = strategy.assign_actions(profile)
    return profile


@cache
def _plan() -> pd.DataFrame:
    return strategy.action_plan(_profile())


def _equal_net() -> float:
    share = BUDGET / len(strategy.ACURA)
    return float(strategy.allocate(_plan(), {a: share for a in strategy.ACURA})["net_return"]
                 .sum())


@cache
def _best() -> pd.DataFrame:
    return strategy.optimal_allocation(_plan(), BUDGET)


@cache
def _lost_profit(year: int = 2024) -> float:
    """Sum of the profile's CLV over the customers lost in ``year`` for an avoidable reason."""
    customers = datasets.load_case_company().customers
    ids = customers.loc[customers["lost_date"].dt.year == year, "customer_id"]
    lost = _profile().loc[ids]
    return float(lost.loc[lost["lost_reason"] != "moved_or_closed", "clv"].sum())


@KEY.value(1, hint="Grade every customer first; then keep the active customers only before "
                   "you count: the share is those in grade A over all active customers (a "
                   "fraction; `.mean()` of a True/False column does both steps).")
def _share_a() -> float:
    profile = _profile()
    return float((profile.loc[profile["status"] == "active", "grade"] == "A").mean())


@KEY.value(2, hint="Match the loss dates of `case.customers` to the profile by customer_id "
                   "and count only the customers whose `lost_date` falls in 2024 and whose task "
                   "is 'acquire' (the task also covers active customers in the development "
                   "stage, and customers lost in other years). Did you grade first (Task 1)?")
def _winback_2024() -> int:
    profile = _profile()
    customers = datasets.load_case_company().customers.set_index("customer_id")
    lost_2024 = customers["lost_date"].dt.year.reindex(profile.index) == 2024
    return int((lost_2024 & (profile["action"] == "acquire")).sum())


@KEY.value(3, hint="Give `strategy.assign_actions` the graded profile and a dict of rules with "
                   "only the changed `trend_cut` (the other rules keep their defaults); then "
                   "count the customers whose task is 'retain' — more than with the default "
                   "rule. Mind the sign of the cut.")
def _retain_alert() -> int:
    actions = strategy.assign_actions(_profile(), {"trend_cut": -0.1})
    return int((actions == "retain").sum())


@KEY.value(4, rtol=1e-6,
           hint="Select the customers whose `lost_date` falls in 2023 (not every lost "
                "customer, and not 2024's as in the lecture notebook), give them a "
                "`lifetime_value` column equal to their `clv` and pass them to "
                "`retention.avoidable_churn_loss`; it leaves out moved_or_closed itself.")
def _lost_2023() -> float:
    return _lost_profit(2023)


@KEY.value(5, rtol=1e-6,
           hint="Build the plan from the profile with its tasks, give each of the five ACURA "
                "tasks the same part of the budget (a Series indexed by the plan's actions) "
                "and sum the `net_return` column (expected profit minus spend), not "
                "`expected_profit`.")
def _net_equal() -> float:
    return _equal_net()


@KEY.value("6a", rtol=1e-6,
           hint="Find the best split of the same budget with `strategy.optimal_allocation`, "
                "total its `net_return` and subtract the equal split's total of Task 5 "
                "(best − equal: a gain, so positive).")
def _gain_best() -> float:
    return float(_best()["net_return"].sum()) - _equal_net()


@KEY.value("6b", hint="Count the rows of the best split whose `spend` is below 1 CNY: a "
                      "whole number of tasks. Use the best split of Task 6a (800,000 CNY, the "
                      "default response assumptions), not the lecture notebook's.")
def _unfunded_tasks() -> int:
    return int((_best()["spend"] < 1).sum())


@KEY.value("7a", hint="Use 2024's avoidable loss, not 2023's. In the course's stricter form "
                      "of the deck's rule, retention spending is worthwhile while it costs "
                      "less than the profit it saves — the share of the avoidable loss the "
                      "offers win back (the save rate is the budget check's `success_rate`). "
                      "Store the verdict as True or False, without quotes.")
def _director_ok() -> bool:
    return bool(DIRECTOR_SPEND < DIRECTOR_SAVE * _lost_profit())


@KEY.value("7b", rtol=1e-6,
           hint="The rule compares the spend with the profit the offers save (from 2024's "
                "avoidable loss): find the spend at which the two are equal. It does not depend "
                "on the director's 500,000.")
def _max_spend() -> float:
    return DIRECTOR_SAVE * _lost_profit()


KEY.choice(8, "B", options="ABC",
           hint="Read rule 5 of `help(strategy.assign_actions)` — who may be an advocate — and "
                "then the rules after it; or set the customer's `loyalty_type` to 'hostage' in "
                "a copy of the profile and run the rules.")
