"""Answer key of chapter 10's exercises (probabilistic models on CDNOW).

The models are fitted here once, apart from the notebook. Where a second route exists the key
takes it: counts from the calibration histogram, the closed forms of P(alive) and of the
Gamma-Gamma conditional spend, one customer's holdout forecast, the total forecast error from
the conditional expectations by frequency, and log-likelihoods summed customer by customer.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from helpers import btyd, datasets
from helpers.checks import AnswerKey

KEY = AnswerKey("10")

CALIBRATION_END, OBSERVATION_END = "1997-09-30", "1998-06-30"


@cache
def _summary() -> pd.DataFrame:
    return btyd.rfm_summary(datasets.load_cdnow("sample"), CALIBRATION_END, OBSERVATION_END)


@cache
def _models() -> tuple[btyd.BetaGeo, btyd.ParetoNBD, btyd.GammaGamma]:
    summary = _summary()
    return (btyd.BetaGeo().fit(summary), btyd.ParetoNBD().fit(summary),
            btyd.GammaGamma().fit(summary))


@cache
def _alpha_days() -> float:
    by_day = btyd.rfm_summary(datasets.load_cdnow("sample"), CALIBRATION_END, time_unit="D")
    return float(btyd.BetaGeo().fit(by_day).params_["alpha"])


@cache
def _master_log_likelihoods() -> tuple[float, float]:
    master = btyd.rfm_summary(datasets.load_cdnow("master"), CALIBRATION_END)
    return tuple(float(cls().fit(master).log_likelihood(master).sum())  # type: ignore[return-value]
                 for cls in (btyd.BetaGeo, btyd.ParetoNBD))


@KEY.value(1, hint="`frequency` counts repeat purchases only (the first purchase is not "
                   "counted); count the customers with 3 or more. An integer.")
def _three_plus() -> int:
    bgnbd = _models()[0]
    return int(btyd.frequency_histogram(bgnbd, _summary())["actual"].iloc[3:].sum())


@KEY.value("1b", rtol=1e-9,
           hint="Use the column `frequency_holdout`; the share is of all the sample's "
                "customers, a fraction between 0 and 1 (not a percentage).")
def _share_silent() -> float:
    return float(1 - (_summary()["frequency_holdout"] > 0).mean())


@KEY.value(2, rtol=1e-4,
           hint="Build the summary again with `time_unit=\"D\"` (same calibration end), fit a "
                "new BG/NBD model to it and read its alpha from `params_`.")
def _alpha() -> float:
    return _alpha_days()


@KEY.value("2b", rtol=1e-4,
           hint="Divide the daily alpha by the weekly one, in that order. alpha is the rate "
                "parameter of the gamma distribution of the purchase rates, so it carries the "
                "time unit; r, a and b do not.")
def _alpha_ratio() -> float:
    # alpha is the scale of the purchase rates: measured in days it is 7 times the weekly alpha
    # (r, a and b are unit-free), so the ratio is 7 up to the optimiser's tolerance
    return 7.0


def _p_alive(x: float, t_x: float, big_t: float) -> float:
    """BG/NBD P(alive) in closed form (FHL 2005a), x > 0."""
    r, alpha, a, b = _models()[0].params_.to_numpy()
    return float(1 / (1 + a / (b + x - 1) * ((alpha + big_t) / (alpha + t_x)) ** (r + x)))


@KEY.value(3, hint="`bgnbd.probability_alive` takes a DataFrame with the columns frequency, "
                   "recency and T, one row per customer.")
def _alive_recent() -> float:
    return _p_alive(5, 36.0, 38.0)


@KEY.value("3b", hint="Recency is the time from the first to the last purchase (here 10 "
                      "weeks), not the time since the last purchase.")
def _alive_gone() -> float:
    return _p_alive(5, 10.0, 38.0)


@KEY.value(4, hint="`pnbd.predict` takes the horizon in weeks and a summary DataFrame; select "
                   "customer 111 with double brackets so that it stays a DataFrame.")
def _expected_111() -> float:
    pnbd = _models()[1]
    table = btyd.customer_holdout(pnbd, datasets.load_cdnow("sample"), 111, CALIBRATION_END, 39)
    return float(table["expected"].iloc[-1])


@KEY.value("4b", hint="Add up the model's 39-week forecasts over all customers and subtract "
                      "the actual holdout purchases (`frequency_holdout`): expected minus "
                      "actual, so a forecast that is too low gives a negative number.")
def _total_error() -> float:
    table = btyd.holdout_by_frequency(_models()[1], _summary())
    return float(((table["model"] - table["actual"]) * table["customers"]).sum())


def _spend(x: int, m: float) -> float:
    """The Gamma-Gamma conditional expected spend, p (gamma + x m) / (p x + q - 1)."""
    p, q, gamma = _models()[2].params_.to_numpy()
    return float(p * (gamma + x * m) / (p * x + q - 1))


@KEY.value(5, hint="`gg.predict` needs a DataFrame with the columns frequency and "
                   "monetary_value, one row per customer.")
def _spend_three() -> float:
    return _spend(3, 60.0)


@KEY.value("5b", hint="The same prediction for the customer with one repeat purchase; compare "
                      "both with `gg.population_mean()`.")
def _spend_one() -> float:
    return _spend(1, 60.0)


@cache
def _clv() -> pd.Series:
    # month by month: the purchases expected in month k (the difference of the cumulative
    # forecasts), discounted at 1 % a month, times the expected spend and the 30 % margin
    _, pnbd, gg = _models()
    summary = _summary()
    month = btyd.TIME_UNITS["M"] / btyd.TIME_UNITS["W"]
    cumulative = np.column_stack([np.zeros(len(summary))] + [
        pnbd.predict(k * month, summary).to_numpy() for k in range(1, 25)])
    discount = 1.01 ** -np.arange(1, 25)
    per_customer = np.diff(cumulative, axis=1) @ discount * gg.predict(summary).to_numpy() * 0.3
    return pd.Series(per_customer, index=summary.index, name="clv")


@KEY.value(6, hint="Purchase model first, then the spend model, then the summary; the "
                   "horizon, the discount rate and the margin of the task are per month and "
                   "fractions (1 % is 0.01). Keep the default period, a month.")
def _total_clv() -> float:
    return float(_clv().sum())


@KEY.value("6b", hint="`idxmax` on the CLV column gives the index label, the customer id, of "
                      "the largest value; give it as an integer.")
def _best_customer() -> int:
    values = _clv()
    return int(values.index[values.to_numpy().argmax()])


@KEY.predicate(7, hint="Compare the `log_likelihood_` of the two models fitted to the master "
                       "summary: the higher (less negative) one fits better. Answer with the "
                       "letter, in quotes.")
def _better_model(answer: object) -> bool:
    bg, pnbd = _master_log_likelihoods()
    label = str(answer).strip().strip("().").strip().upper()
    return isinstance(answer, str) and label == ("A" if bg > pnbd else "B")


@KEY.value("7b", rtol=1e-4, hint="BG/NBD minus Pareto/NBD, in that order, both fitted to the "
                                 "summary of the master log.")
def _ll_gap() -> float:
    bg, pnbd = _master_log_likelihoods()
    return bg - pnbd
