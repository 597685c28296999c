"""Valid example calls of ``helpers.rating`` (chapter 12) for the mutation test."""

from __future__ import annotations

import pandas as pd
from mutation import Case

from helpers import rating


def _statement(customer_id: int, equity: float = 350.0) -> dict:
    return {"customer_id": customer_id, "year": 2023, "revenue": 1000.0,
            "cost_of_sales": 750.0, "interest_expense": 20.0, "income_tax": 10.0,
            "net_income": 40.0, "receivables": 150.0, "inventory": 100.0,
            "current_assets": 400.0, "intangible_assets": 50.0, "total_assets": 800.0,
            "current_liabilities": 250.0, "total_liabilities": 450.0, "equity": equity,
            "operating_cash_flow": 50.0}


# customer 3's equity is below its intangible assets: a debt / tangible net worth of +inf,
# the documented value for a debt that is not covered at all
FINANCIALS = pd.DataFrame([_statement(1), _statement(2), _statement(3, equity=30.0)])
PROFILES = pd.DataFrame({
    "customer_id": [1, 2, 3], "years_in_business": [11, 25, 5],
    "legal_form": ["private_limited", "state_owned", "sole_proprietor"],
    "management_rating": [4, 5, 1], "legal_disputes": [1, 0, 4],
    "bank_rating": ["B", "A", "D"], "collateral_value": [350.0, 0.0, 0.0],
    "guarantor": [True, False, False], "industry_outlook": [3, 5, 1]})
_d = pd.to_datetime
INVOICES = pd.DataFrame({
    "customer_id": [1, 1, 1, 2, 3, 3],
    "invoice_date": _d(["2023-11-28", "2024-01-15", "2024-03-20", "2023-06-01", "2023-09-01",
                        "2024-01-10"]),
    "due_date": _d(["2023-12-28", "2024-02-14", "2024-04-19", "2023-07-01", "2023-10-01",
                    "2024-02-09"]),
    "amount": [100.0, 300.0, 200.0, 50.0, 80.0, 120.0],
    "paid_date": _d(["2024-01-01", "2024-03-05", None, "2023-07-11", "2023-10-20", None]),
    "written_off": [False] * 6})
CUSTOMERS = pd.DataFrame({"customer_id": [1, 2, 3],
                          "lost_date": _d([None, None, "2024-06-30"])})
INDICATORS = rating.credit_indicators(FINANCIALS, PROFILES, INVOICES, "2024-04-01")
SCHEME = rating.indicator_scheme()
RATINGS = pd.DataFrame({"customer_id": [1, 2, 3, 1, 2, 3],
                        "quarter": ["2024Q1"] * 3 + ["2024Q2"] * 3,
                        "rating": ["AA", "A", "B", "A", "A", "C"]})
TREND = pd.DataFrame({"customer_id": [1, 1, 1, 2, 2],
                      "date": _d(["2024-01-01", "2024-04-01", "2024-07-01", "2024-01-01",
                                  "2024-04-01"]),
                      "score": [80.0, 70.0, 60.0, 50.0, 55.0]})
BOOKS = {"financials": FINANCIALS, "profiles": PROFILES, "invoices": INVOICES}

CASES = [
    Case(rating.indicator_scheme),
    Case(rating.credit_indicators, **BOOKS, at="2024-04-01", grace_days=7,
         customers=CUSTOMERS, file_date="2025-01-01"),
    Case(rating.score_indicators, indicators=INDICATORS, scheme=SCHEME),
    Case(rating.rating_class, score=[90.0, 80.0, 65.0, 50.0, 10.0],
         cuts={"AAA": 85.0, "AA": 75.0, "A": 60.0, "B": 45.0}),
    Case(rating.rating_class, score=pd.Series([90.0, 50.0], index=[7, 8])),
    Case(rating.quarterly_ratings, **BOOKS, quarters=["2024Q1", "2024Q2"],
         cuts={"AAA": 85.0, "AA": 75.0, "A": 60.0, "B": 45.0}, scheme=SCHEME,
         customers=CUSTOMERS, file_date="2025-01-01"),
    Case(rating.rating_migration, ratings=RATINGS, before="2024Q1", after="2024Q2",
         normalize=True),
    Case(rating.score_trend, ratings=TREND, min_quarters=2),
    Case(rating.risk_classes),
    Case(rating.credit_policy, ratings=RATINGS, invoices=INVOICES, quarter="2024Q2"),
]
