"""Answer key of chapter 08's exercises (customer lifetime value I: concepts and calculation).

Each expected value is computed here by a route of its own where one exists (the margin
multiple instead of the CLV formula, an end-of-year NPV table scaled to start-of-year timing,
segment margins and retention put into the retention model by hand), so that a key and a
solution agree only if both are right.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from helpers import clv, datasets, value
from helpers.checks import AnswerKey

KEY = AnswerKey("08")

YEARS = (2022, 2023, 2024)


@cache
def _case() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The customers won in 2022-2024 and the profit table by customer and year."""
    case = datasets.load_case_company()
    new = case.customers[case.customers["acquisition_date"] >= "2022-01-01"]
    return new, value.customer_profit(case.orders, case.cost_to_serve)


def _segment_value(customers: pd.DataFrame, by: str) -> pd.DataFrame:
    """Margin and retention per segment put into the retention model (first margin now, 10 %,
    infinite horizon), beside the mean acquisition cost."""
    _, profit = _case()
    margin = clv.segment_margin(profit, customers, YEARS, by=by)["margin"]
    retention = clv.yearly_retention(customers, YEARS, by=by)["retention"]
    cost = customers.groupby(by)["acquisition_cost"].mean()
    worth = clv.clv(margin, retention.reindex(margin.index), 0.10, timing="start")
    return pd.DataFrame({"value": worth, "acquisition_cost": cost.reindex(margin.index)})


@KEY.value(1, hint="Use the retention model with an infinite horizon (leave the horizon out), "
                   "margins at the end of each year (the default timing), and subtract what "
                   "winning the customer cost. Rates are fractions: 85 % is 0.85.")
def _clv_infinite() -> float:
    return clv.margin_multiple(0.85, 0.12) * 2000 - 3000


@KEY.value(2, hint="Compute the 10-year CLV twice, once with each timing, and subtract the "
                   "end-of-year value from the start-of-year one. The acquisition cost is "
                   "paid in both cases, so it does not change the difference.")
def _timing_gap() -> float:
    start = clv.clv_schedule(2000, 0.85, 0.12, 10, timing="start")["present_value"].sum()
    end = clv.clv_schedule(2000, 0.85, 0.12, 10, timing="end")["present_value"].sum()
    return float(start - end)


PROFITS = [-1200, 500, 700, 800, 600]


@KEY.value(3, hint="Lay the five yearly profits out in the four-step table of the deck "
                   "(`clv.npv_table`); the lifetime value is the last cumulative present "
                   "value. Year 1 is today, so it is not discounted; 8 % is 0.08.")
def _clv_steps() -> float:
    # every year discounted one year more (end timing), then brought forward by one year
    return float(clv.npv_table(PROFITS, 0.08, timing="end")["present_value"].sum() * 1.08)


@KEY.value("3b", hint="Go down the `cumulative_pv` column to the first year in which it is "
                      "above 0 and give that year (counted from 1) as an integer.")
def _payback_year() -> int:
    cumulative = clv.npv_table(PROFITS, 0.08, timing="end")["cumulative_pv"]
    return int((cumulative > 0).to_numpy().argmax()) + 1


@KEY.value(4, hint="Raise every year-to-year rate of `clv.COHORT_DEFAULTS[\"retention\"]` by "
                   "0.05 (five points, not 5 %), pass the new rates to `clv.cohort_clv`, and "
                   "read the value per original customer in the last year, not the cumulative "
                   "NPV of the whole cohort.")
def _clv_better() -> float:
    rates: tuple[float, ...] = clv.COHORT_DEFAULTS["retention"]  # type: ignore[assignment]
    better = [rate + 0.05 for rate in rates]
    table = clv.cohort_clv(retention=better)
    return float(table["cumulative_npv"].iloc[-1] / table["customers"].iloc[0])


SIX = {"sale": 800.0, "profit_rate": 0.2, "repeats": 4, "spend": 120_000.0, "won": 400,
       "prospect_spend": 30_000.0, "prospects": 1_500, "conversion": 0.06}


def _lifetime_profit() -> float:
    return SIX["sale"] * SIX["profit_rate"] * (1 + SIX["repeats"])


@KEY.value(5, hint="The deck's six-step method (`clv.simple_clv`): the profit a customer "
                   "brings over its first order and its conservative repeat orders, minus "
                   "what winning one customer cost. The profit rate is a fraction (20 % is "
                   "0.2).")
def _mnw_direct() -> float:
    return _lifetime_profit() - SIX["spend"] / SIX["won"]


@KEY.value("5b", hint="A customer won through prospecting costs more than a prospect: the "
                      "cost per prospect is carried only by the prospects who convert. Read "
                      "the prospect row of the method's table.")
def _mnw_prospect() -> float:
    return _lifetime_profit() - SIX["prospect_spend"] / SIX["prospects"] / SIX["conversion"]


@KEY.value(6, hint="Keep only the small customers of `new` first, then value them by "
                   "acquisition channel with `clv.segment_clv` over 2022-2024; a channel is "
                   "worth it when its CLV after the acquisition cost is positive. Give the "
                   "channel names as a set.")
def _worth_small() -> set[str]:
    new, _ = _case()
    table = _segment_value(new[new["size"] == "small"], "acquisition_channel")
    return set(table.index[table["value"] > table["acquisition_cost"]])


@KEY.value(7, hint="The most to pay for a customer is the lifetime value of its margins before "
                   "the acquisition cost is taken off: the `value` column, not `clv`. Value "
                   "all the new customers of 2022-2024 (every size) by `industry`, not by "
                   "size or channel, and read the manufacturing row.")
def _max_cost_manufacturing() -> float:
    new, _ = _case()
    return float(_segment_value(new, "industry").loc["manufacturing", "value"])
