"""Valid example calls of ``helpers.credit`` (chapter 11) for the mutation test."""

from __future__ import annotations

import pandas as pd
from mutation import Case

from helpers import credit

_d = pd.to_datetime
AT = pd.Timestamp("2024-04-01")
INVOICES = pd.DataFrame({  # open at AT: 200 (30 days past due), 300 (current), 400 (>90)
    "customer_id": [1, 1, 2, 2, 3],
    "invoice_date": _d(["2024-01-10", "2024-02-01", "2024-03-15", "2023-12-01", "2023-11-01"]),
    "due_date": _d(["2024-02-09", "2024-03-02", "2024-04-14", "2023-12-31", "2023-12-01"]),
    "amount": [100.0, 200.0, 300.0, 400.0, 80.0],
    "paid_date": _d(["2024-02-20", None, None, None, None]),
    "written_off": [False, False, False, False, True],
})
STATEMENT = {"customer_id": 7, "year": 2023, "revenue": 1000.0, "cost_of_sales": 750.0,
             "net_income": 40.0, "receivables": 150.0, "inventory": 100.0,
             "current_assets": 400.0, "current_liabilities": 250.0, "total_liabilities": 450.0,
             "equity": 350.0, "intangible_assets": 50.0, "total_assets": 800.0,
             "income_tax": 10.0, "interest_expense": 20.0, "operating_cash_flow": 50.0}
FINANCIALS = pd.DataFrame([STATEMENT, {**STATEMENT, "year": 2022, "revenue": 800.0},
                           {**STATEMENT, "customer_id": 8, "equity": 500.0},
                           {**STATEMENT, "customer_id": 8, "year": 2022}])
PROFILES = pd.DataFrame({"customer_id": [7, 8], "management_rating": [4, 2],
                         "bank_rating": ["B", "C"], "legal_disputes": [1, 0],
                         "years_in_business": [11, 3], "collateral_value": [350.0, 0.0],
                         "guarantor": [True, False], "industry_outlook": [3, 4]})
CUSTOMERS = pd.DataFrame({"customer_id": [7, 8, 9], "credit_limit": [700.0, 300.0, 0.0]})
RATIOS = credit.financial_ratios(FINANCIALS)
TNW = {"negative": "negative equity is a real balance sheet: the debt ratio is then +inf, as "
                   "documented (the debt is not covered by tangible net worth)"}
TNW_HUGE = {"huge": "intangibles above equity leave no tangible net worth: the debt ratio is "
                    "+inf, as documented"}
PASSED_THROUGH = ("columns other than the six ratios are passed through unchanged, as "
                  "documented: whatever they hold was the caller's")

CASES = [
    Case(credit.validate_invoices, invoices=INVOICES, name="invoices"),
    Case(credit.receivables_at, invoices=INVOICES, days=[AT, pd.Timestamp("2024-05-01")],
         overdue_only=False),
    Case(credit.count_back_table, invoices=INVOICES, at=AT, months=12),
    Case(credit.dso, invoices=INVOICES, at=AT, method="standard", period_days=90, months=12),
    Case(credit.dso, invoices=INVOICES, at=AT, method="count-back", period_days=90, months=12),
    Case(credit.ageing_schedule, invoices=INVOICES, at=AT, by="customer_id"),
    Case(credit.bad_debt_rate, invoices=INVOICES, by="year"),
    Case(credit.collection_effectiveness_index, invoices=INVOICES,
         periods=[pd.Timestamp("2024-01-01"), AT, pd.Timestamp("2024-07-01")]),
    Case(credit.financial_ratios, financials=FINANCIALS, extended=True,
         skip={"financials[equity]": TNW, "financials[intangible_assets]": TNW_HUGE}),
    Case(credit.ratio_bands),
    Case(credit.interpret_ratios, ratios=RATIOS, bands=credit.RATIOS,
         skip={"ratios[year]": dict.fromkeys(("NaN", "inf", "-inf"), PASSED_THROUGH)}),
    Case(credit.linear_points, values=pd.Series([0.85, 0.1, 5.0]), worst=0.5, best=1.2,
         points=4.0, name="values"),
    Case(credit.linear_points, values=pd.DataFrame({"a": [0.85, 2.0], "b": [60.0, 100.0]}),
         worst=[0.5, 90.0], best=[1.2, 40.0], points=[4.0, 5.0], name="indicators",
         aliases={"values": ["indicators"]}),
    Case(credit.five_c_indicators),
    Case(credit.five_c_scores, financials=FINANCIALS, profiles=PROFILES, customers=CUSTOMERS,
         year=2023, weights=dict(credit.FIVE_C_WEIGHTS)),
]
