"""Valid example calls of ``helpers.btyd`` and ``helpers.btyd_data`` (chapter 10) for the
mutation test."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from mutation import Case

from helpers import btyd, btyd_data

LOG = pd.DataFrame({
    "customer_id": [11, 11, 11, 12, 12, 13, 14, 14],
    "date": pd.to_datetime(["2020-01-01", "2020-01-08", "2020-01-20", "2020-01-03",
                            "2020-01-24", "2020-01-10", "2020-01-02", "2020-02-04"]),
    "amount": [15.0, 20.0, 30.0, 8.0, 12.0, 40.0, 25.0, 30.0],
})
DATES = LOG[["customer_id", "date"]]

SUMMARY = pd.DataFrame({
    "frequency": [2, 1, 0, 3, 0, 1, 4, 0],
    "recency": [3.0, 2.5, 0.0, 5.0, 0.0, 1.0, 6.0, 0.0],
    "T": [6.0, 4.0, 3.0, 7.0, 5.0, 6.0, 7.0, 2.0],
}, index=pd.Index(range(101, 109), name="customer_id"))
SPEND = SUMMARY.assign(monetary_value=[25.0, 12.0, 0.0, 30.0, 0.0, 18.0, 22.0, 0.0])
HOLDOUT = SUMMARY.assign(frequency_holdout=[1, 0, 0, 2, 0, 1, 3, 0], duration_holdout=4.0)

with warnings.catch_warnings():  # planted parameters, many customers: the fits converge
    warnings.simplefilter("error")
    _MANY = btyd.simulate_bgnbd({"r": 0.25, "alpha": 4.0, "a": 0.8, "b": 2.5},
                                np.full(2000, 39.0), seed=1)
    BG = btyd.BetaGeo().fit(_MANY)
    PNBD = btyd.ParetoNBD().fit(_MANY)
    GG = btyd.GammaGamma().fit(_MANY.assign(monetary_value=np.where(
        _MANY["frequency"] > 0, 20.0 + _MANY.index % 7 * 5, 0.0)))

CASES = [
    # the summary and the models
    Case(btyd_data.rfm_summary, transactions=LOG, calibration_end=pd.Timestamp("2020-01-25"),
         observation_end=pd.Timestamp("2020-02-10"), time_unit="W", customer_col="customer_id",
         date_col="date", amount_col="amount"),
    Case(btyd.BetaGeo, call=lambda summary: btyd.BetaGeo().fit(summary), summary=SUMMARY),
    Case(btyd.BetaGeo.fit, self=btyd.BetaGeo(), summary=SUMMARY),
    Case(btyd.ParetoNBD, call=lambda summary: btyd.ParetoNBD().fit(summary), summary=SUMMARY),
    Case(btyd.ParetoNBD.fit, self=btyd.ParetoNBD(), summary=SUMMARY),
    Case(btyd.GammaGamma, call=lambda summary: btyd.GammaGamma().fit(summary),
         summary=SPEND[["frequency", "monetary_value"]]),
    Case(btyd.GammaGamma.fit, self=btyd.GammaGamma(),
         summary=SPEND[["frequency", "monetary_value"]]),
    Case(btyd.GammaGamma.population_mean, self=GG),
    Case(btyd.GammaGamma.predict, self=GG, summary=SPEND[["frequency", "monetary_value"]]),
    Case(btyd.BetaGeo.probability_of_purchases, self=BG, t=8.0, n=[0, 1, 2, 3]),
    Case(btyd.ParetoNBD.probability_of_purchases, self=PNBD, t=8.0, n=[0, 1, 2, 3], nodes=32),
]
for model in (BG, PNBD):
    CASES += [
        Case(type(model).log_likelihood, self=model, summary=SUMMARY),
        Case(type(model).probability_alive, self=model, summary=SUMMARY),
        Case(type(model).predict, self=model, t=8.0, summary=SUMMARY),
        Case(type(model).expected_purchases, self=model, t=[1.0, 4.0, 8.0]),
    ]
CASES += [
    Case(btyd.customer_lifetime_value, purchase_model=BG, spend_model=GG, summary=SPEND,
         periods=6, period_length=1.0, discount_rate=0.01, margin=0.3),
    Case(btyd.p_alive_matrix, model=BG, T=8.0, max_frequency=5, recency_steps=4),
    # the checks against the data
    Case(btyd_data.frequency_histogram, model=BG, summary=SUMMARY, max_frequency=3),
    Case(btyd_data.holdout_by_frequency, model=PNBD, summary=HOLDOUT, max_frequency=3),
    Case(btyd_data.cumulative_tracking, model=BG, transactions=DATES,
         start=pd.Timestamp("2020-01-01"), end=pd.Timestamp("2020-02-10"), time_unit="W",
         customer_col="customer_id", date_col="date"),
    Case(btyd_data.p_alive_history, model=BG, transactions=DATES, customer=11,
         end=pd.Timestamp("2020-02-10"), time_unit="W", customer_col="customer_id",
         date_col="date"),
    Case(btyd_data.customer_holdout, model=PNBD, transactions=DATES, customer=14,
         calibration_end=pd.Timestamp("2020-01-20"), horizon=4, time_unit="W",
         customer_col="customer_id", date_col="date"),
    Case(btyd_data.spend_frequency_correlation, summary=SPEND[["frequency", "monetary_value"]]),
    Case(btyd_data.simulate_bgnbd, params={"r": 0.25, "alpha": 4.0, "a": 0.8, "b": 2.5},
         T=[8.0, 6.0, 4.0], seed=3),
    Case(btyd_data.simulate_pareto_nbd, params={"r": 0.55, "alpha": 10.5, "s": 0.6,
                                                "beta": 11.7}, T=[8.0, 6.0, 4.0], seed=3),
]
