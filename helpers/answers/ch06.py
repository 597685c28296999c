"""Answer key of chapter 06's exercises (the customer lifecycle)."""

from __future__ import annotations

from functools import cache

import pandas as pd
from sklearn.metrics import precision_score, recall_score

from helpers import datasets, lifecycle, value
from helpers.checks import AnswerKey

KEY = AnswerKey("06")
END = "2024-12-31"
END_2023 = "2023-12-31"
_OPTIONS = {"growth": "A", "maturity": "B", "decline": "C", "termination": "D"}


def _one_customer_stage() -> str:
    """Task 1's customer (purchases of 500, 500, 500 and 100 CNY in 2024), staged on END."""
    one = pd.DataFrame({"customer_id": [1] * 4,
                        "date": pd.to_datetime(["2024-02-10", "2024-05-10", "2024-08-10",
                                                "2024-11-10"]),
                        "amount": [500.0, 500.0, 500.0, 100.0]})
    return str(lifecycle.assign_stages(one, END).loc[1, "stage"])


@cache
def _case() -> datasets.CaseCompany:
    return datasets.load_case_company()


@cache
def _orders() -> pd.DataFrame:
    return _case().orders.rename(columns={"order_date": "date", "net_sales": "amount"})


@cache
def _stages(termination_days: int = 180) -> pd.Series:
    return lifecycle.assign_stages(_orders(), END, customers=_case().customers,
                                   termination_days=termination_days)["stage"].astype(str)


@cache
def _profit_2024() -> pd.Series:
    """2024 net profit of every staged customer (0 without a 2024 row)."""
    case = _case()
    profit = value.customer_profit(case.orders, case.cost_to_serve)
    return (profit[profit["year"] == 2024].groupby("customer_id")["net_profit"].sum()
            .reindex(_stages().index, fill_value=0.0))


@cache
def _stages_2023() -> pd.Series:
    """Default stages on 2023-12-31 from the orders up to that day."""
    orders = _orders()
    return lifecycle.assign_stages(orders[orders["date"] <= END_2023], END_2023,
                                   customers=_case().customers)["stage"].astype(str)


def _flag_and_lost_2023() -> tuple[pd.Series, pd.Series]:
    """The decline-or-termination flag on 2023-12-31 and who was lost by then."""
    stages = _stages_2023()
    lost_date = _case().customers.set_index("customer_id")["lost_date"].reindex(stages.index)
    return stages.isin(["decline", "termination"]), lost_date <= pd.Timestamp(END_2023)


def _call_list() -> pd.Series:
    profit = _profit_2024()
    return (_stages() == "decline") & (profit >= profit.quantile(0.9))


KEY.choice(1, _OPTIONS[_one_customer_stage()], options="ABCD",
           hint="Go through the rules of `help(lifecycle.assign_stages)` in their order: the "
                "days since the last purchase first, then the spend in the last 90-day window "
                "against the 90 days before it. Then confirm your reading with the helper on "
                "`one`.")


@cache
def _days_since_last_purchase() -> pd.Series:
    last = _orders().groupby("customer_id")["date"].max()
    return (pd.Timestamp(END) - last).dt.days


@KEY.value("2a", hint="Stage the customers with a longer termination gap (the "
                      "`termination_days` rule) and count those whose stage is "
                      "\"termination\" — an integer.")
def _n_terminated() -> int:
    # rule 2: terminated when the last purchase lies more than the gap before the date
    return int((_days_since_last_purchase() > 270).sum())


@KEY.value("2b", hint="The same stages as in 2a; count the customers in \"decline\". A longer "
                      "gap leaves quiet customers in decline for longer before they count as "
                      "terminated.")
def _n_declining() -> int:
    # the gap also decides which returns count as a recovery, so the stages are recomputed
    return int(_stages(270).value_counts()["decline"])


@KEY.value("3a", hint="Stage on 2023-12-31 from the orders up to that day only, and count a "
                      "customer as lost when its lost_date is on or before that day (not its "
                      "status today). Precision: of the flagged customers (decline or "
                      "termination), the share that was lost; align the lost flag with the "
                      "staged customers first.")
def _precision() -> float:
    flagged, lost = _flag_and_lost_2023()
    return float(precision_score(lost, flagged))


@KEY.value("3b", hint="Recall: of the customers lost by 2023-12-31, the share that is flagged — "
                      "the same two True/False Series as for the precision, the other way "
                      "round.")
def _recall() -> float:
    flagged, lost = _flag_and_lost_2023()
    return float(recall_score(lost, flagged))


@KEY.value(4, hint="Use the stages of 2023-12-31 and give every staged customer its 2023 net "
                   "profit (0 if it has no 2023 row); sum it by stage with the "
                   "lifecycle-and-value helper and read the maturity stage's share of the "
                   "total. A share between 0 and 1.")
def _maturity_share_2023() -> float:
    case = _case()
    profit = value.customer_profit(case.orders, case.cost_to_serve)
    stages = _stages_2023()
    profit_2023 = (profit[profit["year"] == 2023].groupby("customer_id")["net_profit"].sum()
                   .reindex(stages.index, fill_value=0.0))
    return float(profit_2023[stages == "maturity"].sum() / profit_2023.sum())


@KEY.value("5a", hint="The valuable customers are the top 10 % by 2024 net profit: pass that "
                      "fraction to the at-risk helper and count the customers on its list.")
def _n_calls() -> int:
    return int(_call_list().sum())


@KEY.value("5b", rtol=1e-9, hint="Add up the 2024 net profit (the `value` column) of the "
                                 "customers on the call list, in CNY.")
def _calls_profit() -> float:
    return float(_profit_2024()[_call_list()].sum())


@KEY.value(6, hint="Build the monthly cohort table of the 1/10 sample (not the master log). "
                   "Rows are cohorts (the month of the first purchase), columns the months "
                   "since it: read the February 1997 cohort three months on.")
def _feb_month3() -> float:
    cdnow = datasets.load_cdnow("sample")
    month = cdnow["date"].dt.to_period("M")
    first = month.groupby(cdnow["customer_id"]).transform("min")
    feb = first == pd.Period("1997-02", "M")
    later = feb & (month == pd.Period("1997-05", "M"))
    return float(cdnow.loc[later, "customer_id"].nunique()
                 / cdnow.loc[feb, "customer_id"].nunique())
