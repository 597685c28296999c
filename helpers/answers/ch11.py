"""Answer key of chapter 11's exercises (receivables, financial ratios, 5C analysis)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from helpers import credit, datasets
from helpers.checks import AnswerKey

KEY = AnswerKey("11")

AT = pd.Timestamp("2025-01-01")  # the tasks' reporting day: the start of 2025, the close of 2024
AT_2022 = pd.Timestamp("2023-01-01")  # task 3's reporting day: the close of 2022


@cache
def _credit_invoices() -> pd.DataFrame:
    case = datasets.load_case_company()
    return case.invoices[case.invoices["customer_id"].isin(case.credit_profiles["customer_id"])]


@cache
def _invoices_60_days() -> pd.DataFrame:
    """The invoices of the credit customers on 60-day payment terms (tasks 1 and 2a)."""
    customers = datasets.load_case_company().customers
    on_60 = customers.loc[customers["payment_terms_days"] == 60, "customer_id"]
    invoices = _credit_invoices()
    return invoices[invoices["customer_id"].isin(on_60)]


def _statements(year: int) -> pd.DataFrame:
    financials = datasets.load_case_company().financials
    return financials[financials["year"] == year]


@KEY.value(1, hint="Keep only the invoices of the credit customers on 60-day terms (select "
                   "their ids in `case.customers` first, then their rows of `credit_invoices`). "
                   "The standard method divides today's receivables by the sales of a period "
                   "and multiplies by its length: a 90-day period, \"2025-01-01\" (the start "
                   "of that day) as the day.")
def _dso_standard() -> float:
    invoices = _invoices_60_days()
    receivables = credit.receivables_at(invoices, [AT]).iloc[0]
    recent = invoices["invoice_date"].between(AT - pd.Timedelta(days=90), AT, inclusive="left")
    return float(receivables / invoices.loc[recent, "amount"].sum() * 90)


@KEY.value("2a", hint="The count-back method is another `method` of the same DSO helper; keep "
                      "the invoices of the customers on 60-day terms and the same day. "
                      "`help(credit.dso)` lists the methods.")
def _dso_count_back() -> float:
    return float(credit.count_back_table(_invoices_60_days(), AT)["days_counted"].sum())


KEY.choice("2b", "A", options="AB",
           hint="Ask what each method compares the receivables with: one divides by the "
                "average sales of the whole period, the other uses up the most recent month "
                "first and counts its days. Rerun the lecture's June example in your head (or "
                "with `credit.dso`) with a weak June instead of a strong one.")


@KEY.value(3, hint="Make the ageing schedule of the credit customers' invoices at the close of "
                   "2022, i.e. the start of 2023-01-01 (not the close of 2023 or 2024), and "
                   "read the over-90-days bucket. Its `share` is already a fraction of the open "
                   "amount; do not divide by all invoices ever issued.")
def _share_over_90() -> float:
    schedule = credit.ageing_schedule(_credit_invoices(), AT_2022)
    return float(schedule.loc[">90", "amount"] / schedule["amount"].sum())


@KEY.value(4, hint="Keep only the fiscal-2024 statements, compute the six ratios and take the "
                   "median (not the mean) of the receivables turnover period, "
                   "`receivables_days`: a number of days.")
def _median_receivables_days() -> float:
    fy = _statements(2024)
    return float((fy["receivables"] / fy["revenue"] * 365).median())


@KEY.value(5, hint="`credit.interpret_ratios` labels each ratio strong, adequate or weak; run "
                   "it on the ratios of the fiscal-2022 statements only (not 2024) and count "
                   "the customers whose quick ratio is labelled weak (an integer).")
def _weak_quick() -> int:
    fy = _statements(2022)
    quick = (fy["current_assets"] - fy["inventory"]) / fy["current_liabilities"]
    return int((quick < credit.RATIOS.loc["quick_ratio", "weak"]).sum())


@KEY.value(6, hint="Tangible net worth is equity minus intangible assets. Keep all four "
                   "statements of customer 1008, compute the ratios, and index the debt to "
                   "tangible net worth column by `year` (a Series with four values).")
def _debt_tnw_1008() -> pd.Series:
    financials = datasets.load_case_company().financials
    one = financials[financials["customer_id"] == 1008].set_index("year")
    return (one["total_liabilities"] / (one["equity"] - one["intangible_assets"])).rename(
        "debt_to_tangible_net_worth")


@KEY.value(7, hint="Count the rows of the fiscal-2023 5C table whose `decision` is \"decline "
                   "(cash only)\": a weighted total below the lower decision cut. Check that "
                   "you passed the year 2023, not 2024.")
def _declined_2023() -> int:
    case = datasets.load_case_company()
    scores = credit.five_c_scores(case.financials, case.credit_profiles, case.customers, 2023)
    return int((scores["total"] < credit.DECISION_CUTS["approve with conditions"]).sum())
