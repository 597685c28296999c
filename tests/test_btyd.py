"""Probabilistic CLV models (chapter 10): the RFM summary by hand, each likelihood and
prediction formula on hand-computed examples, the published CDNOW estimates, recovery of
planted parameters from simulated customers, diagnostics, fits that must not be trusted, and
bad input.

The published values reproduced here (CDNOW 1/10 sample: 2,357 customers, calibration weeks
1-39 of 1997, i.e. to 1997-09-30, time in weeks) are kept, with their sources, in one table,
``helpers.datasets.published.CDNOW_BTYD``: BG/NBD (Fader, Hardie & Lee 2005, Marketing Science),
Pareto/NBD (Fader, Hardie & Lee 2005, note 008 and the JMR iso-value paper) and Gamma-Gamma
(Fader & Hardie 2013, note 025). Chapter 10's lecture shows the same table.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from properties import examples
from scipy import integrate, special

from helpers import btyd
from helpers.datasets import load_cdnow
from helpers.datasets.published import CDNOW_BTYD, cdnow_btyd_estimates

CAL_END, OBS_END = "1997-09-30", "1998-06-30"


# --- fixtures -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cdnow() -> pd.DataFrame:
    return load_cdnow("sample")


@pytest.fixture(scope="module")
def summary(cdnow) -> pd.DataFrame:
    return btyd.rfm_summary(cdnow, CAL_END, OBS_END)


@pytest.fixture(scope="module")
def bgnbd(summary) -> btyd.BetaGeo:
    return btyd.BetaGeo().fit(summary)


@pytest.fixture(scope="module")
def pnbd(summary) -> btyd.ParetoNBD:
    return btyd.ParetoNBD().fit(summary)


@pytest.fixture(scope="module")
def gg(summary) -> btyd.GammaGamma:
    return btyd.GammaGamma().fit(summary)


def with_params(cls, **params):
    """A model with parameters set by hand (no fitting)."""
    model = cls()
    model.params_ = pd.Series(params, dtype=float)
    return model


def tiny_log() -> pd.DataFrame:
    return pd.DataFrame({
        "customer_id": ["A", "A", "A", "A", "A", "B"],
        "date": pd.to_datetime(["2020-01-01", "2020-01-01", "2020-01-08", "2020-01-22",
                                "2020-02-05", "2020-01-15"]),
        "amount": [10.0, 5.0, 20.0, 30.0, 40.0, 7.0],
    })


def one(**cols) -> pd.DataFrame:
    return pd.DataFrame({k: [float(v)] for k, v in cols.items()})


# --- the RFM summary -----------------------------------------------------------------------------

def test_rfm_summary_by_hand() -> None:
    # A buys on Jan 1 (twice: one purchase day worth 15), Jan 8 (20), Jan 22 (30) in the
    # calibration period to Jan 29, and on Feb 5 (40) in the holdout to Feb 12.
    # x = 3 days - 1 = 2; t_x = 21 days = 3 weeks; T = 28 days = 4 weeks;
    # monetary value = (20 + 30) / 2 = 25; holdout: 1 purchase worth 40; 14 days = 2 weeks.
    # B buys once on Jan 15: x = 0, t_x = 0, T = 14 days = 2 weeks, nothing in the holdout.
    out = btyd.rfm_summary(tiny_log(), "2020-01-29", "2020-02-12")
    assert out.loc["A"].to_dict() == pytest.approx({
        "frequency": 2, "recency": 3.0, "T": 4.0, "monetary_value": 25.0,
        "frequency_holdout": 1, "monetary_value_holdout": 40.0, "duration_holdout": 2.0})
    assert out.loc["B"].to_dict() == pytest.approx({
        "frequency": 0, "recency": 0.0, "T": 2.0, "monetary_value": 0.0,
        "frequency_holdout": 0, "monetary_value_holdout": 0.0, "duration_holdout": 2.0})


def test_rfm_summary_in_days_without_holdout() -> None:
    # the same customer A in days: t_x = 21, T = 28; no holdout columns
    out = btyd.rfm_summary(tiny_log()[lambda d: d["date"] <= "2020-01-29"], "2020-01-29",
                           time_unit="D")
    assert list(out.columns) == ["frequency", "recency", "T", "monetary_value"]
    assert out.loc["A", ["recency", "T"]].tolist() == [21.0, 28.0]


def test_rfm_summary_cdnow_counts(summary) -> None:
    # FHL 2005a: 2,357 customers make 2,457 repeat purchases in weeks 1-39, 946 of them buy
    # again; counting purchase days (not weeks) is what gives 2,457.
    assert len(summary) == 2357
    assert summary["frequency"].sum() == 2457
    assert (summary["frequency"] > 0).sum() == 946
    assert summary["T"].max() == pytest.approx(272 / 7)  # first purchase 1997-01-01
    assert summary["duration_holdout"].iloc[0] == pytest.approx(39.0)


@settings(max_examples=examples(40))
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 60), st.floats(0, 100)),
                min_size=1, max_size=40), st.randoms(use_true_random=False))
def test_rfm_summary_invariants(rows, rnd) -> None:
    log = pd.DataFrame(rows, columns=["customer_id", "day", "amount"])
    log["date"] = pd.Timestamp("2021-01-01") + pd.to_timedelta(log["day"], unit="D")
    end = pd.Timestamp("2021-03-15")
    out = btyd.rfm_summary(log, end)
    days = log.groupby("customer_id")["day"].nunique()
    assert (out["frequency"] == days - 1).all()
    assert ((out["recency"] >= 0) & (out["recency"] <= out["T"])).all()
    assert ((out["frequency"] == 0) == (out["recency"] == 0)).all()
    # the row order of the log does not matter
    shuffled = log.sample(frac=1.0, random_state=rnd.randint(0, 1000))
    pd.testing.assert_frame_equal(btyd.rfm_summary(shuffled, end), out)


def test_rfm_summary_bad_input() -> None:
    log = tiny_log()
    with pytest.raises(ValueError, match="amount_col must name a column of transactions"):
        btyd.rfm_summary(log.drop(columns="amount"), "2020-01-29")
    with pytest.raises(ValueError, match="before the first purchase"):
        btyd.rfm_summary(log, "2020-01-10")
    with pytest.raises(ValueError, match="after observation_end"):
        btyd.rfm_summary(log, "2020-01-29", "2020-02-01")
    with pytest.raises(ValueError, match="must come after calibration_end"):
        btyd.rfm_summary(log, "2020-01-29", "2020-01-20")
    with pytest.raises(ValueError, match="time_unit"):
        btyd.rfm_summary(log, "2020-01-29", time_unit="fortnight")
    with pytest.raises(ValueError, match="must not be negative"):
        btyd.rfm_summary(log.assign(amount=-log["amount"]), "2020-03-01")
    with pytest.raises(ValueError, match="missing value"):
        btyd.rfm_summary(log.assign(amount=[1.0, np.nan, 1, 1, 1, 1]), "2020-03-01")
    with pytest.raises(TypeError, match="datetime64"):
        btyd.rfm_summary(log.assign(date=log["date"].astype(str)), "2020-03-01")
    with pytest.raises(ValueError, match="empty"):
        btyd.rfm_summary(log.iloc[:0], "2020-03-01")


# --- BG/NBD formulas by hand ---------------------------------------------------------------------

def test_bgnbd_likelihood_by_hand() -> None:
    # r = alpha = a = b = 1.
    # x = 0, T = 1: L = (alpha/(alpha+T))^r = 1/2.
    # x = 1, t_x = 1, T = 2: B(1,2)/B(1,1) * G(2)/(3^2) + B(2,1)/B(1,1) * G(2)/(2^2)
    #   = 1/2 * 1/9 + 1/2 * 1/4 = 1/18 + 1/8 = 13/72.
    model = with_params(btyd.BetaGeo, r=1, alpha=1, a=1, b=1)
    data = pd.DataFrame({"frequency": [0.0, 1.0], "recency": [0.0, 1.0], "T": [1.0, 2.0]})
    assert np.exp(model.log_likelihood(data)).tolist() == pytest.approx([0.5, 13 / 72])
    # P(alive) = 1 / (1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)) = 1/(1 + (3/2)^2) = 4/13
    assert model.probability_alive(data).tolist() == pytest.approx([1.0, 4 / 13])


def test_bgnbd_expected_purchases_by_hand() -> None:
    # r = alpha = 1, a = 2, b = 1, t = 1: E[X(1)] = (a+b-1)/(a-1) [1 - 1/2 2F1(1, 1; 2; 1/2)]
    # and 2F1(1, 1; 2; z) = -ln(1-z)/z = 2 ln 2, so E[X(1)] = 2 (1 - ln 2) = 0.6137.
    model = with_params(btyd.BetaGeo, r=1, alpha=1, a=2, b=1)
    assert model.expected_purchases(1.0).iloc[0] == pytest.approx(2 * (1 - np.log(2)))


def test_bgnbd_pmf_sums_to_one_and_matches_mean() -> None:
    model = with_params(btyd.BetaGeo, r=0.243, alpha=4.414, a=0.793, b=2.426)
    pmf = model.probability_of_purchases(39.0, np.arange(400))
    assert pmf.sum() == pytest.approx(1.0, abs=1e-9)
    assert (pmf.index.to_numpy() @ pmf.to_numpy()) == pytest.approx(
        model.expected_purchases(39.0).iloc[0], rel=1e-6)


def test_bgnbd_conditional_expectation_published(bgnbd) -> None:
    # FHL 2005a (and Hardie's spreadsheet): a customer with x = 2, t_x = 30.43, T = 38.86
    # is expected to make 1.226 purchases in the next 39 weeks.
    model = with_params(btyd.BetaGeo, **bgnbd.params_.round(3).to_dict())
    assert model.predict(39, one(frequency=2, recency=30.43, T=38.86)).iloc[0] == \
        pytest.approx(1.226, abs=0.002)


def test_bgnbd_conditional_expectation_matches_definition() -> None:
    # for x = 0 P(alive) = 1, and E[Y(t) | x=0, T] must equal the direct formula (FHL 2005a
    # eq. 10): (a+b-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^r 2F1(r, b; a+b-1; t/(alpha+T+t))]
    r, alpha, a, b, big_t, t = 0.5, 3.0, 1.5, 2.0, 10.0, 20.0
    model = with_params(btyd.BetaGeo, r=r, alpha=alpha, a=a, b=b)
    z = t / (alpha + big_t + t)
    direct = (a + b - 1) / (a - 1) * (1 - ((alpha + big_t) / (alpha + big_t + t)) ** r
                                      * special.hyp2f1(r, b, a + b - 1, z))
    assert model.predict(t, one(frequency=0, recency=0, T=big_t)).iloc[0] == \
        pytest.approx(direct, rel=1e-10)


# --- Pareto/NBD formulas by hand -----------------------------------------------------------------

def test_pareto_likelihood_by_hand() -> None:
    # r = alpha = s = beta = 1, x = 0, t_x = 0, T = 1:
    # alive at T: (1/2)^1 (1/2)^1 = 1/4;  died in (0, 1]: s int_0^1 (1+u)^-1 (1+u)^-2 du
    #   = [-(1/2)(1+u)^-2]_0^1 = (1/2)(1 - 1/4) = 3/8;  L = 1/4 + 3/8 = 5/8.
    model = with_params(btyd.ParetoNBD, r=1, alpha=1, s=1, beta=1)
    data = one(frequency=0, recency=0, T=1)
    assert np.exp(model.log_likelihood(data).iloc[0]) == pytest.approx(5 / 8)
    assert model.probability_alive(data).iloc[0] == pytest.approx((1 / 4) / (5 / 8))


def test_pareto_expected_purchases_by_hand() -> None:
    # E[X(t)] = r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)]; r=alpha=beta=t=1, s=2:
    # 1 * (1 - 1/2) = 1/2.  With s = 1 the limit is r beta/alpha ln(1 + t/beta) = ln 2.
    assert with_params(btyd.ParetoNBD, r=1, alpha=1, s=2, beta=1) \
        .expected_purchases(1.0).iloc[0] == pytest.approx(0.5)
    assert with_params(btyd.ParetoNBD, r=1, alpha=1, s=1, beta=1) \
        .expected_purchases(1.0).iloc[0] == pytest.approx(np.log(2))


def pareto_ll_by_quadrature(r, alpha, s, beta, x, t_x, big_t) -> float:
    """log L = log[G(r+x) alpha^r beta^s / G(r) ((alpha+T)^-(r+x) (beta+T)^-s
                   + s int_{t_x}^T (alpha+u)^-(r+x) (beta+u)^-(s+1) du)]."""
    integral, _ = integrate.quad(lambda u: (alpha + u) ** -(r + x) * (beta + u) ** -(s + 1),
                                 t_x, big_t, epsabs=0, epsrel=1e-12)
    alive = (alpha + big_t) ** -(r + x) * (beta + big_t) ** -s
    return (special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha) + s * np.log(beta)
            + np.log(alive + s * integral))


@settings(max_examples=examples(60))
@given(r=st.floats(0.1, 3), alpha=st.floats(0.5, 30), s=st.floats(0.1, 3),
       beta=st.floats(0.5, 30), x=st.integers(0, 30), frac=st.floats(0.05, 1.0),
       big_t=st.floats(1, 80))
def test_pareto_likelihood_both_branches_match_quadrature(r, alpha, s, beta, x, frac,
                                                          big_t) -> None:
    # alpha >= beta and alpha < beta use different hypergeometric forms; both must equal the
    # integral definition of the likelihood
    t_x = frac * big_t if x > 0 else 0.0
    model = with_params(btyd.ParetoNBD, r=r, alpha=alpha, s=s, beta=beta)
    got = model.log_likelihood(one(frequency=x, recency=t_x, T=big_t)).iloc[0]
    assert got == pytest.approx(pareto_ll_by_quadrature(r, alpha, s, beta, x, t_x, big_t),
                                rel=1e-8, abs=1e-8)


def test_pareto_branches_are_continuous_at_alpha_equal_beta() -> None:
    data = one(frequency=3, recency=20, T=35)
    lls = [with_params(btyd.ParetoNBD, r=0.5, alpha=10 + d, s=0.6, beta=10).log_likelihood(
        data).iloc[0] for d in (-1e-9, 0.0, 1e-9)]
    assert np.ptp(lls) < 1e-8


def test_pareto_pmf_sums_to_one_and_matches_mean() -> None:
    model = with_params(btyd.ParetoNBD, r=0.553, alpha=10.578, s=0.606, beta=11.669)
    pmf = model.probability_of_purchases(39.0, np.arange(300))
    assert pmf.sum() == pytest.approx(1.0, abs=1e-6)
    assert (pmf.index.to_numpy() @ pmf.to_numpy()) == pytest.approx(
        model.expected_purchases(39.0).iloc[0], rel=1e-5)


# --- Gamma-Gamma by hand -------------------------------------------------------------------------

def test_gamma_gamma_by_hand() -> None:
    # p = 1, q = 2, gamma = 1, x = 1, m = 1:
    # L = G(3)/(G(1) G(2)) 1^2 1^0 1^1 / (1 + 1)^3 = 2/8 = 1/4
    # E[M | x, m] = p (gamma + x m) / (p x + q - 1) = 1 * 2 / 2 = 1; population mean
    # p gamma / (q - 1) = 1.
    theta = np.log([1.0, 2.0, 1.0])
    assert np.exp(btyd._gg_ll(theta, np.array([1.0]), np.array([1.0]))[0]) == \
        pytest.approx(0.25)
    model = with_params(btyd.GammaGamma, p=1, q=2, gamma=1)
    assert model.predict(one(frequency=1, monetary_value=1)).iloc[0] == pytest.approx(1.0)
    assert model.population_mean() == pytest.approx(1.0)


def test_gamma_gamma_published_conditional_spend(gg) -> None:
    # Hardie's spreadsheet for note 025: the first ten customers of the sample (x, mean spend)
    # and their expected average spend under the fitted model (p = 6.25, q = 3.74,
    # gamma = 15.44), e.g. x = 2, m = 22.35: 6.25 (15.44 + 44.70) / (12.5 + 2.74) = 24.65
    # (the sheet holds unrounded means, hence a tolerance of one cent).
    data = pd.DataFrame({"frequency": [2, 1, 0, 0, 0, 7, 1, 0, 2, 0],
                         "monetary_value": [22.35, 11.77, 0, 0, 0, 73.74, 11.77, 0, 25.55, 0]})
    assert gg.predict(data).tolist() == pytest.approx(
        [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17], abs=0.01)


# --- published estimates on CDNOW ----------------------------------------------------------------

@pytest.mark.parametrize("name, fixture", [("BG/NBD", "bgnbd"), ("Pareto/NBD", "pnbd"),
                                           ("Gamma-Gamma", "gg")])
def test_fits_reproduce_the_published_estimates(name, fixture, request) -> None:
    # every parameter, and the log-likelihood where published, to the precision published
    model = request.getfixturevalue(fixture)
    published = CDNOW_BTYD[name]
    digits = published["decimals"]
    assert model.params_.round(digits).to_dict() == published["params"]
    if published["log_likelihood"] is not None:
        assert round(model.log_likelihood_, 1) == published["log_likelihood"]
    assert model.converged_ and model.fit_problems_ == []
    assert model.n_customers_ == (946 if name == "Gamma-Gamma" else 2357)


def test_published_table_lists_every_estimate_once() -> None:
    table = cdnow_btyd_estimates()
    assert not table.duplicated(["model", "parameter"]).any()
    assert table.groupby("model", sort=False).size().to_dict() == {
        "BG/NBD": 5, "Pareto/NBD": 5, "Gamma-Gamma": 3}  # parameters (+ log-likelihood)
    assert table["source"].str.contains(r"\(20\d\d\)").all()  # each row cites its source


def test_pareto_nbd_matches_the_jmr_two_decimals(pnbd) -> None:
    # the iso-value paper prints the same fit to two decimals
    assert pnbd.params_.round(2).to_dict() == {"r": 0.55, "alpha": 10.58, "s": 0.61,
                                               "beta": 11.67}


def test_fitted_log_likelihood_equals_sum_over_customers(bgnbd, pnbd, gg, summary) -> None:
    # the fit works on customers grouped by (x, t_x, T) with its own derivative code; the
    # per-customer log-likelihoods must add up to the same total
    assert bgnbd.log_likelihood(summary).sum() == pytest.approx(bgnbd.log_likelihood_, rel=1e-12)
    assert pnbd.log_likelihood(summary).sum() == pytest.approx(pnbd.log_likelihood_, rel=1e-12)
    rep = summary[summary["frequency"] > 0]
    theta = np.log(gg.params_.to_numpy())
    assert btyd._gg_ll(theta, rep["frequency"].to_numpy(float),
                       rep["monetary_value"].to_numpy()).sum() == \
        pytest.approx(gg.log_likelihood_, rel=1e-12)


@pytest.mark.parametrize("which", ["bgnbd", "gg"])
def test_analytic_derivatives_match_finite_differences(summary, which) -> None:
    # gradient and Hessian of the Newton objective against central differences
    if which == "bgnbd":
        data, weights = btyd._compress(summary, btyd.SUMMARY_COLUMNS)
        fun = btyd._bgnbd_objective(*data.T, weights)
        theta = np.log([0.3, 5.0, 0.9, 2.0])
    else:
        rep = summary[summary["frequency"] > 0]
        fun = btyd._gg_objective(rep["frequency"].to_numpy(float),
                                 rep["monetary_value"].to_numpy())
        theta = np.log([5.0, 3.0, 12.0])
    _, grad, hess = fun(theta)
    h = 1e-5
    steps = np.eye(theta.size) * h
    num_grad = np.array([(fun(theta + e, 0) - fun(theta - e, 0)) / (2 * h) for e in steps])
    num_hess = np.array([(fun(theta + e)[1] - fun(theta - e)[1]) / (2 * h) for e in steps])
    assert grad == pytest.approx(num_grad, abs=1e-7)
    assert hess == pytest.approx(num_hess, abs=1e-7)


def test_log_likelihood_is_a_maximum(bgnbd, pnbd, summary) -> None:
    # moving any parameter by 1 % lowers the log-likelihood
    for model in (bgnbd, pnbd):
        for name in model.params_.index:
            other = with_params(type(model), **model.params_.to_dict())
            other.params_[name] *= 1.01
            assert other.log_likelihood(summary).sum() < model.log_likelihood_


def test_summary_standard_errors(bgnbd) -> None:
    table = bgnbd.summary()
    assert list(table.columns) == ["estimate", "std_error"]
    assert (table["std_error"] > 0).all() and (table["std_error"] < table["estimate"]).all()


# --- recovery of planted parameters --------------------------------------------------------------

@pytest.mark.parametrize("cls, simulate, truth", [
    (btyd.BetaGeo, btyd.simulate_bgnbd, {"r": 0.25, "alpha": 4.0, "a": 0.8, "b": 2.5}),
    (btyd.ParetoNBD, btyd.simulate_pareto_nbd,
     {"r": 0.55, "alpha": 10.5, "s": 0.6, "beta": 11.7}),
])
def test_fit_recovers_planted_parameters(cls, simulate, truth) -> None:
    big_t = np.random.default_rng(1).uniform(27, 39, 20_000)
    model = cls().fit(simulate(truth, big_t, seed=7))
    table = model.summary()
    z = (table["estimate"] - pd.Series(truth)) / table["std_error"]
    assert (z.abs() < 4).all(), table.assign(z=z)


# --- predictions: properties ---------------------------------------------------------------------

summaries = st.tuples(st.integers(0, 40), st.floats(0.01, 1.0), st.floats(0.5, 100))


@settings(max_examples=examples(60))
@given(row=summaries, t=st.floats(0.5, 100))
def test_predictions_are_sane(bgnbd, pnbd, row, t) -> None:
    x, frac, big_t = row
    data = one(frequency=x, recency=frac * big_t if x else 0.0, T=big_t)
    for model in (bgnbd, pnbd):
        alive = model.probability_alive(data).iloc[0]
        assert 0.0 <= alive <= 1.0
        e1, e2 = model.predict(t, data).iloc[0], model.predict(2 * t, data).iloc[0]
        assert 0.0 <= e1 <= e2 and np.isfinite(e2)


def test_predict_takes_one_horizon_or_one_per_customer(bgnbd, pnbd, summary) -> None:
    rows = summary.iloc[:3]
    for model in (bgnbd, pnbd):
        each = model.predict([10.0, 20.0, 39.0], rows)
        one_by_one = [model.predict(t, rows.iloc[[i]]).iloc[0]
                      for i, t in enumerate([10.0, 20.0, 39.0])]
        assert each.tolist() == pytest.approx(one_by_one, rel=1e-12)
        with pytest.raises(ValueError, match="one horizon or one per customer"):
            model.predict([10.0, 20.0], rows)  # never silently the first of the two
        with pytest.raises(TypeError, match="one number"):
            model.probability_of_purchases([10.0, 20.0], [0, 1])


def test_p_alive_falls_with_time_since_last_purchase(bgnbd, pnbd) -> None:
    for model in (bgnbd, pnbd):
        matrix = btyd.p_alive_matrix(model, T=39.0, max_frequency=10)
        assert matrix.shape == (11, 40)
        # for a repeat buyer, a more recent last purchase means more likely alive
        assert (np.diff(matrix.loc[1:].to_numpy(), axis=1) >= -1e-12).all()


def test_large_frequency_is_stable(bgnbd, pnbd) -> None:
    data = one(frequency=2000, recency=38, T=39)
    for model in (bgnbd, pnbd):
        assert np.isfinite(model.log_likelihood(data).iloc[0])
        assert np.isfinite(model.predict(39, data).iloc[0])


# --- CLV and diagnostics -------------------------------------------------------------------------

def test_clv_by_hand() -> None:
    # a Pareto/NBD customer with x = 0 and s = 2, r = alpha = beta = 1 observed for T = 1:
    # predicted purchases are P(alive) * (r+x)(beta+T)/(alpha+T) * (1 - ((beta+T)/(beta+T+t)))
    # Two periods of length 1 with d = 0.1 and spend E[M] = 1 (Gamma-Gamma p=1, q=2, gamma=1):
    # CLV = E[Y(1)]/1.1 + (E[Y(2)] - E[Y(1)])/1.21
    purchase = with_params(btyd.ParetoNBD, r=1, alpha=1, s=2, beta=1)
    spend = with_params(btyd.GammaGamma, p=1, q=2, gamma=1)
    data = one(frequency=0, recency=0, T=1, monetary_value=0)
    alive = purchase.probability_alive(data).iloc[0]
    e1, e2 = alive * (1 - 2 / 3), alive * (1 - 2 / 4)
    out = btyd.customer_lifetime_value(purchase, spend, data, periods=2, period_length=1.0,
                                       discount_rate=0.1, margin=0.5)
    assert out["clv"].iloc[0] == pytest.approx(0.5 * (e1 / 1.1 + (e2 - e1) / 1.21))
    assert out["expected_purchases"].iloc[0] == pytest.approx(e2)


def test_clv_bad_input(bgnbd, gg, summary) -> None:
    with pytest.raises(TypeError, match="purchase_model"):
        btyd.customer_lifetime_value(gg, gg, summary)
    with pytest.raises(ValueError, match="periods"):
        btyd.customer_lifetime_value(bgnbd, gg, summary, periods=0)
    with pytest.raises(ValueError, match="discount_rate"):
        btyd.customer_lifetime_value(bgnbd, gg, summary, discount_rate=-0.1)
    with pytest.raises(ValueError, match="monetary_value"):
        btyd.customer_lifetime_value(bgnbd, gg, summary.drop(columns="monetary_value"))


ACTUAL_BY_FREQUENCY = [1411, 439, 214, 100, 62, 38, 29, 64]  # customers with x = 0 .. 6, 7+
HOLDOUT_BY_FREQUENCY = [334, 306, 298, 156, 157, 112, 112, 407]  # their holdout purchases


def test_frequency_histogram(bgnbd, pnbd, summary) -> None:
    # FHL 2005a figure 2. The count of customers expected to make no repeat purchase has a
    # closed form, sum_i P(X(T_i) = 0) = sum_i (alpha / (alpha + T_i))^r (eq. 8 at n = 0);
    # the other bins are pinned to half a customer.
    expected = {"bgnbd": [1407.7, 460.3, 192.5, 101.2, 59.8, 38.1, 25.5, 71.9],
                "pnbd": [1434.0, 396.9, 193.5, 111.8, 70.0, 45.9, 30.9, 74.0]}
    for key, model in (("bgnbd", bgnbd), ("pnbd", pnbd)):
        table = btyd.frequency_histogram(model, summary)
        assert table["actual"].tolist() == ACTUAL_BY_FREQUENCY
        assert table["model"].sum() == pytest.approx(2357, rel=1e-9)
        assert table["model"].tolist() == pytest.approx(expected[key], abs=0.5)
    r, alpha = bgnbd.params_[["r", "alpha"]]
    zero = ((alpha / (alpha + summary["T"])) ** r).sum()
    assert btyd.frequency_histogram(bgnbd, summary).loc["0", "model"] == \
        pytest.approx(zero, rel=1e-10)


def test_holdout_by_frequency(bgnbd, pnbd, summary) -> None:
    # FHL 2005a figure 4: mean holdout purchases by calibration frequency; the actual means
    # are counts from the data, the model's are pinned to 0.005 purchases per customer
    expected = {"bgnbd": [0.225, 0.523, 1.044, 1.520, 2.164, 2.654, 3.504, 6.157],
                "pnbd": [0.138, 0.599, 1.196, 1.714, 2.398, 2.907, 3.819, 6.403]}
    for key, model in (("bgnbd", bgnbd), ("pnbd", pnbd)):
        table = btyd.holdout_by_frequency(model, summary)
        assert table["customers"].tolist() == ACTUAL_BY_FREQUENCY
        assert table["actual"].tolist() == pytest.approx(
            np.divide(HOLDOUT_BY_FREQUENCY, ACTUAL_BY_FREQUENCY), rel=1e-12)
        assert table["model"].tolist() == pytest.approx(expected[key], abs=0.005)
        assert table["model"].is_monotonic_increasing


def test_cumulative_tracking(bgnbd, pnbd, cdnow, summary) -> None:
    table = btyd.cumulative_tracking(bgnbd, cdnow, "1997-01-01", "1998-07-01")
    assert len(table) == 78
    # purchases after the first, up to the end of week 39 (1997-09-30): the 2,457 repeat
    # purchases of the calibration summary; to week 78, plus the 1,882 of the holdout
    assert table.loc[39.0, "actual"] == summary["frequency"].sum() == 2457
    assert table["actual"].iloc[-1] == 2457 + summary["frequency_holdout"].sum() == 4339
    # FHL 2005a figure 3: the model's cumulative forecast, pinned to one purchase
    assert table.loc[[39.0, 78.0], "model"].tolist() == pytest.approx([2501.5, 4165.7], abs=1)
    other = btyd.cumulative_tracking(pnbd, cdnow, "1997-01-01", "1998-07-01")
    assert other.loc[[39.0, 78.0], "model"].tolist() == pytest.approx([2532.8, 4275.4], abs=1)


def test_customer_holdout(bgnbd, pnbd, cdnow, summary) -> None:
    # customer 111 made 7 repeat purchases in the calibration period and 8 in the holdout
    for model in (bgnbd, pnbd):
        table = btyd.customer_holdout(model, cdnow, 111, CAL_END, 39)
        assert table.index.tolist() == list(range(1, 40))
        assert table["actual"].iloc[-1] == summary.loc[111, "frequency_holdout"] == 8
        assert table["actual"].is_monotonic_increasing
        assert table["expected"].iloc[-1] == pytest.approx(
            model.predict(39, summary.loc[[111]]).iloc[0], rel=1e-12)
        assert table["expected"].is_monotonic_increasing
    with pytest.raises(ValueError, match="no transactions"):
        btyd.customer_holdout(bgnbd, cdnow, -1, CAL_END, 39)
    with pytest.raises(ValueError, match="horizon"):
        btyd.customer_holdout(bgnbd, cdnow, 111, CAL_END, 0)


def test_customer_holdout_by_hand() -> None:
    # customer A of the tiny log: calibration to 2020-01-22 (x = 2, t_x = 3, T = 3 weeks),
    # then purchases on 2020-02-05 (2 weeks later); a customer first seen later is refused
    model = with_params(btyd.BetaGeo, r=1, alpha=1, a=2, b=1)
    table = btyd.customer_holdout(model, tiny_log(), "A", "2020-01-22", 3)
    assert table["actual"].tolist() == [0, 1, 1]
    row = one(frequency=2, recency=3, T=3)
    assert table["expected"].tolist() == pytest.approx(
        [model.predict(t, row).iloc[0] for t in (1, 2, 3)], rel=1e-12)
    with pytest.raises(ValueError, match="before the first purchase"):
        btyd.customer_holdout(model, tiny_log(), "B", "2020-01-10", 3)


def test_spend_frequency_correlation(summary) -> None:
    result = btyd.spend_frequency_correlation(summary)
    rep = summary[summary["frequency"] > 0]
    assert result["customers"] == 946
    assert result["correlation"] == pytest.approx(
        np.corrcoef(rep["frequency"], rep["monetary_value"])[0, 1], rel=1e-12)
    assert result["strength"] == "small" and result["p_value"] < 0.01
    # Cohen's labels follow |r|
    perfect = pd.DataFrame({"frequency": [1.0, 2.0, 3.0], "monetary_value": [9.0, 6.0, 3.0]})
    assert btyd.spend_frequency_correlation(perfect)["strength"] == "large"
    with pytest.raises(ValueError, match="at least 3"):
        btyd.spend_frequency_correlation(perfect.iloc[:2])
    with pytest.raises(ValueError, match="undefined"):
        btyd.spend_frequency_correlation(perfect.assign(monetary_value=5.0))


def test_p_alive_history(bgnbd, cdnow) -> None:
    hist = btyd.p_alive_history(bgnbd, cdnow, 4, "1998-06-30")
    assert hist["purchase"].sum() == 3  # customer 4 buys on 4 days; the first is the start
    # right after a purchase P(alive) jumps up, then decays until the next purchase
    assert hist["p_alive"].between(0, 1).all()
    with pytest.raises(ValueError, match="no transactions"):
        btyd.p_alive_history(bgnbd, cdnow, -1, "1998-06-30")


# --- bad input to the models ---------------------------------------------------------------------

BAD_ROWS = [
    (dict(frequency=1, recency=-1, T=5), r"\['recency'\] must not be negative"),
    (dict(frequency=2, recency=0, T=5), "frequency > 0 needs recency > 0"),
    (dict(frequency=2, recency=6, T=5), "must not exceed T"),
    (dict(frequency=-1, recency=0, T=5), r"\['frequency'\] must not be negative"),
    (dict(frequency=1.5, recency=2, T=5), "whole number"),
    (dict(frequency=0, recency=2, T=5), "frequency 0 must have recency 0"),
    (dict(frequency=0, recency=0, T=-1), r"\['T'\] must not be negative"),
    (dict(frequency=1, recency=np.nan, T=5), "missing value"),
]


@pytest.mark.parametrize("row, message", BAD_ROWS)
@pytest.mark.parametrize("cls", [btyd.BetaGeo, btyd.ParetoNBD])
def test_bad_summary_rows_raise(cls, row, message) -> None:
    good = pd.DataFrame({"frequency": [0.0, 3.0], "recency": [0.0, 4.0], "T": [5.0, 6.0]})
    bad = pd.concat([good, pd.DataFrame({k: [v] for k, v in row.items()})],
                    ignore_index=True)
    with pytest.raises(ValueError, match=message) as info:
        cls().fit(bad)
    assert "2" in str(info.value)  # the offending row is quoted


@settings(max_examples=examples(50))
@given(x=st.integers(1, 50), big_t=st.floats(0.1, 100), excess=st.floats(1e-6, 50))
def test_recency_beyond_t_always_raises(x, big_t, excess) -> None:
    data = one(frequency=x, recency=big_t + excess, T=big_t)
    with pytest.raises(ValueError, match="must not exceed T"):
        btyd.BetaGeo().fit(data)


@settings(max_examples=examples(50))
@given(x=st.integers(0, 50), neg=st.floats(-100, -1e-9), big_t=st.floats(0.1, 100))
def test_negative_recency_always_raises(x, neg, big_t) -> None:
    with pytest.raises(ValueError, match=r"\['recency'\] must not be negative"):
        btyd.ParetoNBD().fit(one(frequency=x, recency=neg, T=big_t))


def test_bad_frames_raise() -> None:
    with pytest.raises(TypeError, match="DataFrame"):
        btyd.BetaGeo().fit([1, 2, 3])
    with pytest.raises(ValueError, match="empty"):
        btyd.BetaGeo().fit(pd.DataFrame({"frequency": [], "recency": [], "T": []}))
    with pytest.raises(ValueError, match="missing column"):
        btyd.BetaGeo().fit(pd.DataFrame({"frequency": [1], "recency": [1]}))
    with pytest.raises(TypeError, match="numeric"):
        btyd.BetaGeo().fit(pd.DataFrame({"frequency": ["1"], "recency": [1.0], "T": [2.0]}))
    with pytest.raises(ValueError, match="not fitted"):
        btyd.BetaGeo().probability_alive(one(frequency=0, recency=0, T=1))


@settings(max_examples=examples(50))
@given(x=st.integers(1, 50), big_t=st.floats(0.1, 100), n_good=st.integers(0, 5))
def test_frequency_without_recency_always_raises(x, big_t, n_good) -> None:
    # a repeat purchase happens after the first one: x > 0 with t_x = 0 is impossible
    good = pd.DataFrame({"frequency": [1.0] * n_good, "recency": [1.0] * n_good,
                         "T": [2.0] * n_good})
    bad = pd.concat([good, one(frequency=x, recency=0.0, T=big_t)], ignore_index=True)
    for cls in (btyd.BetaGeo, btyd.ParetoNBD):
        with pytest.raises(ValueError, match="frequency > 0 needs recency > 0") as info:
            cls().fit(bad)
        assert str(n_good) in str(info.value)  # the offending row is quoted


@settings(max_examples=examples(50))
@given(column=st.sampled_from(["frequency", "recency", "T"]), row=st.integers(0, 3),
       model=st.sampled_from([btyd.BetaGeo, btyd.ParetoNBD]))
def test_nan_in_a_summary_always_raises(column, row, model) -> None:
    summary = pd.DataFrame({"frequency": [0.0, 1.0, 2.0, 3.0], "recency": [0.0, 2.0, 3.0, 4.0],
                            "T": [5.0, 6.0, 7.0, 8.0]})
    summary.loc[row, column] = np.nan
    with pytest.raises(ValueError, match="missing value") as info:
        model().fit(summary)
    assert f"{row}:" in str(info.value) or f"\n{row} " in str(info.value)


@settings(max_examples=examples(40))
@given(column=st.sampled_from(["customer_id", "date", "amount"]), row=st.integers(0, 5))
def test_nan_in_a_transaction_log_always_raises(column, row) -> None:
    log = tiny_log().astype({"customer_id": object})
    log.loc[row, column] = pd.NaT if column == "date" else np.nan
    with pytest.raises(ValueError, match=r"missing (value|date)"):
        btyd.rfm_summary(log, "2020-01-29")


@settings(max_examples=examples(30))
@given(column=st.sampled_from(["frequency", "monetary_value"]), row=st.integers(0, 2))
def test_nan_in_spend_always_raises(column, row) -> None:
    spend = pd.DataFrame({"frequency": [1.0, 2.0, 3.0], "monetary_value": [10.0, 12.0, 9.0]})
    spend.loc[row, column] = np.nan
    with pytest.raises(ValueError, match="missing value"):
        btyd.GammaGamma().fit(spend)
    with pytest.raises(ValueError, match="missing value"):
        with_params(btyd.GammaGamma, p=6, q=4, gamma=15).predict(spend)


# --- fits that must not be trusted ---------------------------------------------------------------

TWO = pd.DataFrame({"frequency": [1.0, 3.0], "recency": [5.0, 20.0], "T": [30.0, 30.0]})


@pytest.mark.parametrize("cls", [btyd.BetaGeo, btyd.ParetoNBD])
def test_no_repeat_purchase_is_refused(cls) -> None:
    # with every frequency 0 the likelihood has no maximum (alpha runs off to infinity)
    zeros = pd.DataFrame({"frequency": [0.0] * 3, "recency": [0.0] * 3, "T": [10.0, 20, 30]})
    with pytest.raises(ValueError, match="every one of the 3 customers has frequency 0"):
        cls().fit(zeros)


@pytest.mark.parametrize("cls, data", [
    (btyd.BetaGeo, TWO), (btyd.ParetoNBD, TWO),
    (btyd.GammaGamma, pd.DataFrame({"frequency": [1.0, 3.0], "monetary_value": [10.0, 12.0]})),
])
def test_two_customers_give_a_warning_not_a_silent_fit(cls, data) -> None:
    # two customers cannot pin down four (or three) parameters: the fit must say so, and the
    # optimiser's trial points must not print numerical warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.warns(btyd.FitWarning, match="should not be used") as record:
            model = cls().fit(data)
    assert len(record) == 1
    assert model.converged_ is False and model.fit_problems_
    assert "2 customers" in str(record[0].message)


def test_runaway_and_flat_estimates_are_named() -> None:
    # BG/NBD on two customers: the estimates run off towards infinity, each one is named;
    # Pareto/NBD on 30 CDNOW customers: s and beta drift until the likelihood is flat
    with pytest.warns(btyd.FitWarning) as record:
        btyd.BetaGeo().fit(TWO)
    message = str(record[0].message)
    assert "r ran off to" in message and "alpha ran off to" in message
    few = btyd.rfm_summary(load_cdnow("sample"), CAL_END).sample(30, random_state=1)
    with pytest.warns(btyd.FitWarning, match="flat at the estimate"):
        btyd.ParetoNBD().fit(few)


def test_good_fits_are_silent(summary) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for cls in (btyd.BetaGeo, btyd.ParetoNBD, btyd.GammaGamma):
            assert cls().fit(summary).converged_


def test_gamma_gamma_predict_refuses_what_fit_refuses(gg) -> None:
    # a repeat buyer with a mean spend of 0 cannot be fitted, so it cannot be predicted either
    zero_spend = pd.DataFrame({"frequency": [1.0, 0.0], "monetary_value": [0.0, 0.0]})
    with pytest.raises(ValueError, match="monetary_value must be positive"):
        btyd.GammaGamma().fit(zero_spend)
    with pytest.raises(ValueError, match="monetary_value must be positive") as info:
        gg.predict(zero_spend)
    assert "0 " in str(info.value)  # the offending row is quoted
    # a customer with no repeat purchase has no spend yet: the population mean
    assert gg.predict(zero_spend.iloc[1:]).iloc[0] == pytest.approx(gg.population_mean())


def test_clv_month_is_the_rfm_month(bgnbd, gg, summary) -> None:
    # one definition of a month: the default period is TIME_UNITS["M"] in weeks
    assert btyd.MONTH_IN_WEEKS == pytest.approx(btyd.TIME_UNITS["M"] / btyd.TIME_UNITS["W"])
    assert btyd.MONTH_IN_WEEKS == pytest.approx(4.348, abs=5e-4)
    default = btyd.customer_lifetime_value(bgnbd, gg, summary, periods=3)
    explicit = btyd.customer_lifetime_value(bgnbd, gg, summary, periods=3,
                                            period_length=365.25 / 12 / 7)
    pd.testing.assert_frame_equal(default, explicit)


def test_gamma_gamma_bad_input() -> None:
    with pytest.raises(ValueError, match="no customer with frequency > 0"):
        btyd.GammaGamma().fit(one(frequency=0, monetary_value=0))
    with pytest.raises(ValueError, match="monetary_value must be positive"):
        btyd.GammaGamma().fit(pd.DataFrame({"frequency": [1.0, 2.0],
                                            "monetary_value": [0.0, 5.0]}))
    with pytest.raises(ValueError, match="missing column"):
        btyd.GammaGamma().fit(pd.DataFrame({"frequency": [1.0]}))
    with pytest.raises(ValueError, match=r"\['monetary_value'\] must not be negative"):
        with_params(btyd.GammaGamma, p=1, q=2, gamma=1).predict(
            one(frequency=1, monetary_value=-5))
    with pytest.raises(ValueError, match="q > 1"):
        with_params(btyd.GammaGamma, p=1, q=0.5, gamma=1).population_mean()


def test_simulation_bad_input() -> None:
    with pytest.raises(ValueError, match="missing"):
        btyd.simulate_bgnbd({"r": 1, "alpha": 1, "a": 1}, [10.0])
    with pytest.raises(ValueError, match=r"params\['alpha'\] must be greater than 0"):
        btyd.simulate_pareto_nbd({"r": 1, "alpha": -1, "s": 1, "beta": 1}, [10.0])


# --- bad input the validation issue names (issue 11) ---------------------------------------------

def test_fit_to_too_few_customers_warns_and_is_not_converged() -> None:
    # the example: Pareto/NBD on 2 customers used to report converged with r = 918
    with pytest.warns(btyd.FitWarning, match="only 2 customer.s. with repeat purchases"):
        model = btyd.ParetoNBD().fit(TWO)
    assert model.converged_ is False
    assert any("pin the parameters down" in p for p in model.fit_problems_)


def test_fit_to_too_few_repeat_buyers_warns(summary) -> None:
    # 35 repeat buyers among 235 customers: fewer than 10 per parameter of the BG/NBD model
    cal = summary[["frequency", "recency", "T"]]
    few = pd.concat([cal[cal["frequency"] > 0].iloc[:35], cal[cal["frequency"] == 0].iloc[:200]])
    with pytest.warns(btyd.FitWarning, match="only 35 customer.s. with repeat purchases, "
                                             "fewer than the 40"):
        assert btyd.BetaGeo().fit(few).converged_ is False
    assert btyd.MIN_BUYERS_PER_PARAMETER == 10


def test_fit_warning_is_the_shared_one() -> None:
    from helpers.model import FitWarning, Model, NotFittedError
    assert btyd.FitWarning is FitWarning
    assert issubclass(btyd.BetaGeo, Model) and issubclass(btyd.GammaGamma, Model)
    with pytest.raises(NotFittedError, match="BetaGeo is not fitted yet: call .fit.summary."):
        btyd.BetaGeo().predict(10, one(frequency=0, recency=0, T=1))


def test_huge_p_alive_matrix_is_refused_before_any_work(bgnbd) -> None:
    # the example: a huge max_frequency raised MemoryError
    with pytest.raises(ValueError, match="max_frequency=100,000,000.*more than the 20,000,000"):
        btyd.p_alive_matrix(bgnbd, T=39.0, max_frequency=10**8)
    with pytest.raises(ValueError, match="recency_steps"):
        btyd.p_alive_matrix(bgnbd, T=39.0, recency_steps=10**9)
    with pytest.raises(TypeError, match="max_frequency must be a number"):
        btyd.p_alive_matrix(bgnbd, T=39.0, max_frequency="20")


def test_clv_periods_have_a_maximum(bgnbd, gg, summary) -> None:
    # the example: periods=10**20 looped period by period
    with pytest.raises(ValueError, match="periods must be between 1 and 10000"):
        btyd.customer_lifetime_value(bgnbd, gg, summary, periods=10**20)
    with pytest.raises(ValueError, match="MAX_HORIZON"):
        btyd.customer_lifetime_value(bgnbd, gg, summary, periods=10_000, period_length=1e3)


def test_clv_in_blocks_equals_clv_customer_by_customer(pnbd, gg, summary) -> None:
    # 9,999 periods: 200 customers per block of at most 2e6 cells, so 450 customers take three
    rows = summary.iloc[:450]
    whole = btyd.customer_lifetime_value(pnbd, gg, rows, periods=9_999, period_length=0.1)
    for i in (0, 199, 200, 449):
        alone = btyd.customer_lifetime_value(pnbd, gg, rows.iloc[[i]], periods=9_999,
                                             period_length=0.1)
        assert whole.iloc[i].tolist() == pytest.approx(alone.iloc[0].tolist(), rel=1e-12)


@pytest.mark.parametrize("rate", [8, 12.5, 100])
def test_discount_rate_as_a_percentage_is_refused_with_the_hint(bgnbd, gg, summary, rate) -> None:
    with pytest.raises(ValueError, match=f"discount_rate is a rate written as a fraction: "
                                         f"{rate:g} % is {rate / 100:g}"):
        btyd.customer_lifetime_value(bgnbd, gg, summary, discount_rate=rate)
    with pytest.raises(ValueError, match="margin is a rate"):
        btyd.customer_lifetime_value(bgnbd, gg, summary, margin=30)


@pytest.mark.parametrize("seed, error, message", [
    (-1, ValueError, "seed must be between 0 and"),
    (2**32, ValueError, "seed must be between 0 and"),
    (1.5, ValueError, "seed must be a whole number"),
    ("7", TypeError, "seed must be a number, got str '7' .write it without quotes."),
    (None, TypeError, "seed must be a number, got None"),
])
@pytest.mark.parametrize("simulate", [btyd.simulate_bgnbd, btyd.simulate_pareto_nbd])
def test_simulator_seeds_are_checked(simulate, seed, error, message) -> None:
    params = {"r": 0.5, "alpha": 4.0, "a": 0.8, "b": 2.5, "s": 0.6, "beta": 11.0}
    with pytest.raises(error, match=message):
        simulate(params, [10.0, 20.0], seed=seed)
    assert simulate(params, [10.0], seed=2**32 - 1)["T"].tolist() == [10.0]


def test_simulators_refuse_rates_that_would_never_end() -> None:
    with pytest.raises(ValueError, match="purchase rates so high"):
        btyd.simulate_bgnbd({"r": 1.0, "alpha": 1e-300, "a": 1.0, "b": 1.0}, [10.0])
    with pytest.raises(ValueError, match=r"T must be greater than 0 and at most 1000000; 1 value "
                                         r"breaks this: 0: 1e\+300"):
        btyd.simulate_bgnbd({"r": 1.0, "alpha": 1.0, "a": 1.0, "b": 1.0}, [1e300])


def test_horizons_and_times_are_bounded(bgnbd, pnbd) -> None:
    data = one(frequency=2, recency=3, T=5)
    for model in (bgnbd, pnbd):
        with pytest.raises(ValueError, match="t must be between 0 and 1000000, got 1e"):
            model.predict(1e300, data)  # BG/NBD's forecast would overflow to inf
        with pytest.raises(ValueError, match="T must be at most MAX_HORIZON"):
            model.probability_alive(one(frequency=2, recency=3, T=1e300))
        with pytest.raises(ValueError,
                           match="n must (be|lie) between 0 and 20000000|must hold whole"):
            model.probability_of_purchases(10.0, [0, 10**9] if model is bgnbd else [0.5])
    assert bgnbd.probability_of_purchases(0.0, [0, 1, 2]).tolist() == [1.0, 0.0, 0.0]


def test_times_counts_and_summary_rows_use_the_shared_checks(bgnbd) -> None:
    with pytest.raises(ValueError, match=r"T must be greater than 0 and at most 1000000; 1 value "
                                         r"breaks this: 1: 0.0"):
        btyd.simulate_bgnbd({"r": 1.0, "alpha": 1.0, "a": 1.0, "b": 1.0}, [10.0, 0.0])
    with pytest.raises(TypeError, match=r"t must be a number, got str '10' \(write it without "
                                        r"quotes\)"):
        bgnbd.predict("10", one(frequency=2, recency=3, T=5))
    with pytest.raises(ValueError, match=r"n must hold whole numbers; 1 value is not: 1: 0.5"):
        bgnbd.probability_of_purchases(10.0, [0, 0.5])
    assert bgnbd.probability_of_purchases(np.float64(10.0), np.int64(0)).shape == (1,)
    with pytest.raises(ValueError, match=r"summary: recency must not exceed T; 1 row breaks "
                                         r"this:\n"):
        bgnbd.predict(10.0, one(frequency=2, recency=6, T=5))

def test_summary_must_have_one_row_per_customer(bgnbd) -> None:
    twice = pd.concat([one(frequency=1, recency=2, T=3)] * 2)
    with pytest.raises(ValueError, match="summary must have one row per customer"):
        bgnbd.predict(10.0, twice)


def test_the_data_helpers_are_reachable_from_btyd() -> None:
    from helpers import btyd_data, clv
    for name in ("rfm_summary", "frequency_histogram", "p_alive_matrix", "simulate_bgnbd"):
        assert getattr(btyd, name) is getattr(btyd_data, name)
    assert clv.BetaGeo is btyd.BetaGeo and clv.rfm_summary is btyd_data.rfm_summary
    assert set(btyd.__all__) <= set(dir(btyd))


def test_btyd_data_imports_on_its_own() -> None:
    # importing the data module first must not trip over the re-export in btyd
    import subprocess
    import sys
    code = "from helpers import btyd_data; from helpers.btyd import frequency_histogram"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_strengths_are_cohens_words(summary) -> None:
    strength = btyd.spend_frequency_correlation(summary)["strength"]
    assert strength in btyd.CORRELATION_STRENGTHS and strength == "small"
