"""Retention (chapter 07): hand-computed rates, Kaplan–Meier, the sBG model and its published
fit, retention economics, bad input, and the case company's planted churn structure."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from properties import examples
from scipy import stats

from helpers import datasets
from helpers import retention as R
from helpers.datasets.case_company import planted_customer_types
from helpers.model import FitWarning, NotFittedError

D = pd.Timestamp


@pytest.fixture(scope="module")
def case() -> datasets.CaseCompany:
    return datasets.load_case_company()


def tiny_customers() -> pd.DataFrame:
    return pd.DataFrame({
        "customer_id": [1, 2, 3, 4],
        "acquisition_date": pd.to_datetime(["2021-05-01", "2021-03-01", "2022-02-01",
                                            "2022-07-01"]),
        "lost_date": pd.to_datetime([None, "2022-06-01", "2023-03-01", None]),
        "lost_reason": ["none", "price", "moved_or_closed", "none"],
    })


# --- rates ------------------------------------------------------------------------------------

def test_retention_rate_by_hand() -> None:
    # 200 customers at the start, 170 still there at the end: r = 170/200 = 0.85, churn 0.15
    table = R.retention_rate(200, 170)
    assert table.loc[0, "retention_rate"] == pytest.approx(0.85)
    assert table.loc[0, "churn_rate"] == pytest.approx(0.15)
    assert table.loc[0, "lost"] == 30


def test_period_retention_by_hand() -> None:
    # 2022: at the start customers 1 and 2 (won in 2021); 2 is lost in 2022 -> r = 1/2.
    # 2023: at the start 1, 3, 4 (3 and 4 won in 2022); 3 is lost in 2023 -> r = 2/3.
    table = R.period_retention(tiny_customers(), end="2023-12-31")
    assert table["at_start"].tolist() == [2, 3]
    assert table["retention_rate"].tolist() == pytest.approx([0.5, 2 / 3])
    assert table["churn_rate"].tolist() == pytest.approx([0.5, 1 / 3])


def test_cohort_survivors_by_hand() -> None:
    # cohort 2021 = {1, 2}: 2 alive at end-2021, 1 at end-2022 (2 lost), 1 at end-2023
    # cohort 2022 = {3, 4}: 2 alive at end-2022, 1 at end-2023 (3 lost)
    table = R.cohort_survivors(tiny_customers(), end="2023-12-31").set_index(["cohort", "year"])
    assert table["survivors"].to_dict() == {(2021, 2021): 2, (2021, 2022): 1, (2021, 2023): 1,
                                            (2022, 2022): 2, (2022, 2023): 1}
    assert table.loc[(2022, 2023), "survival"] == pytest.approx(0.5)


def test_repeat_rate_by_year_by_hand() -> None:
    # buyers of 2022: a and b; of them only a buys in 2023 -> 1/2
    orders = pd.DataFrame({"customer_id": ["a", "a", "b", "c", "a"],
                           "order_date": pd.to_datetime(["2022-01-05", "2023-02-01",
                                                         "2022-03-01", "2023-04-01",
                                                         "2022-06-01"])})
    table = R.repeat_rate_by_year(orders)
    assert table.loc[2023, "buyers_before"] == 2
    assert table.loc[2023, "bought_again"] == 1
    assert table.loc[2023, "repeat_rate"] == pytest.approx(0.5)


def test_retention_from_survivors_by_hand() -> None:
    # 100 -> 80 -> 60: r_1 = 80/100 = 0.8, r_2 = 60/80 = 0.75
    table = R.retention_from_survivors([100, 80, 60])
    assert table["retention_rate"].tolist() == pytest.approx([0.8, 0.75])
    assert table["churn_rate"].tolist() == pytest.approx([0.2, 0.25])


# --- Kaplan–Meier ----------------------------------------------------------------------------

def test_kaplan_meier_by_hand() -> None:
    # times 1, 2, 2, 3, 4 with the second 2 and the 4 censored:
    # t=1: 5 at risk, 1 lost -> S = 4/5 = 0.8
    # t=2: 4 at risk (the censored one still counts), 1 lost -> 0.8 * 3/4 = 0.6
    # t=3: 2 at risk, 1 lost -> 0.6 * 1/2 = 0.3
    # Greenwood SE at t=1: 0.8 * sqrt(1 / (5 * 4)) = 0.178885
    durations = pd.DataFrame({"duration": [1.0, 2, 2, 3, 4], "event": [1, 1, 0, 1, 0]})
    km = R.kaplan_meier(durations)
    # (the last row closes the curve at the longest follow-up, 4, where 1 is at risk)
    assert km["time"].tolist() == [0, 1, 2, 3, 4]
    assert km["survival"].tolist() == pytest.approx([1.0, 0.8, 0.6, 0.3, 0.3])
    assert km["at_risk"].tolist() == [5, 5, 4, 2, 1]
    assert km["lost"].tolist() == [0, 1, 1, 1, 0]
    assert km.loc[1, "se"] == pytest.approx(0.8 * np.sqrt(1 / 20))
    assert (km["lower"] <= km["survival"]).all() and (km["survival"] <= km["upper"]).all()
    read = R.survival_at(km, [0, 1.5, 3.5])
    assert read.loc["all"].tolist() == pytest.approx([1.0, 0.8, 0.3])


def test_kaplan_meier_delayed_entry_by_hand() -> None:
    # customer B enters observation at 2.5, so at t=2 only A and C are at risk:
    # t=2: 2 at risk, A lost -> 1/2; t=3: B and C at risk, B lost -> 1/2 * 1/2 = 0.25
    # (ignoring the entry would give 2/3 and then 2/3 * 1/2 = 1/3)
    durations = pd.DataFrame({"duration": [2.0, 3, 4], "event": [1, 1, 0],
                              "entry": [0.0, 2.5, 0]})
    assert R.kaplan_meier(durations)["survival"].tolist() == pytest.approx([1, 0.5, 0.25, 0.25])
    plain = R.kaplan_meier(durations.drop(columns="entry"))
    assert plain["survival"].tolist() == pytest.approx([1, 2 / 3, 1 / 3, 1 / 3])


def test_logrank_identical_groups() -> None:
    durations = pd.DataFrame({"duration": [1.0, 2, 3, 1, 2, 3], "event": [1, 0, 1, 1, 0, 1]})
    groups = pd.Series(["a", "a", "a", "b", "b", "b"])
    result = R.logrank_test(durations, groups)
    assert result["statistic"] == pytest.approx(0.0, abs=1e-12)
    assert result["p_value"] == pytest.approx(1.0)
    assert result["df"] == 1


def test_customer_durations_by_hand() -> None:
    # customer 2: 2021-03-01 -> 2022-06-01 = 457 days, lost, entered observation after
    # 306 days (2021-03-01 -> 2022-01-01); customer 4: 2022-07-01 -> 2023-12-31 = 548 days,
    # censored, entry 0
    d = R.customer_durations(tiny_customers(), end="2023-12-31")
    assert d.loc[2, "duration"] == pytest.approx(457 / 365.25)
    assert d.loc[2, "entry"] == pytest.approx(306 / 365.25)
    assert d.loc[2, "event"] == 1
    assert d.loc[4, "duration"] == pytest.approx(548 / 365.25)
    assert (d.loc[4, "event"], d.loc[4, "entry"]) == (0, 0)


# --- the sBG model ---------------------------------------------------------------------------

def test_sbg_closed_forms_by_hand() -> None:
    # alpha = beta = 1 (theta uniform): P(T=t) = B(2, t) / B(1, 1) = 1 / (t (t + 1))
    #   -> 1/2, 1/6, 1/12; S(t) = B(1, 1 + t) = 1 / (1 + t); r_t = t / (t + 1)
    assert R.sbg_pmf([1, 2, 3], 1, 1) == pytest.approx([1 / 2, 1 / 6, 1 / 12])
    assert R.sbg_survival([0, 1, 2], 1, 1) == pytest.approx([1, 1 / 2, 1 / 3])
    assert R.sbg_retention([1, 2], 1, 1) == pytest.approx([1 / 2, 2 / 3])
    # alpha = 2, beta = 3: P(T=1) = B(3, 3) / B(2, 3) = (1/30) / (1/12) = 0.4 = alpha/(alpha+beta)
    #   S(1) = B(2, 4) / B(2, 3) = (1/20) / (1/12) = 0.6; r_2 = (3 + 1) / (2 + 3 + 1) = 2/3
    assert R.sbg_pmf(1, 2, 3) == pytest.approx(0.4)
    assert R.sbg_survival(1, 2, 3) == pytest.approx(0.6)
    assert R.sbg_retention(2, 2, 3) == pytest.approx(2 / 3)


def test_published_fits_are_the_papers() -> None:
    # Fader & Hardie (2007): regular alpha 0.704, beta 1.182, LL -1680.3;
    # high end alpha 0.668, beta 3.806, LL -1611.2 (typed here once more, as the paper prints them)
    assert R.FADER_HARDIE_2007_FITS == {
        "regular": {"alpha": 0.704, "beta": 1.182, "log_likelihood": -1680.3},
        "high_end": {"alpha": 0.668, "beta": 3.806, "log_likelihood": -1611.2}}


@pytest.mark.parametrize("segment", ["regular", "high_end"])
def test_sbg_reproduces_fader_hardie_2007(segment: str) -> None:
    published = R.FADER_HARDIE_2007_FITS[segment]
    alpha, beta, ll = published["alpha"], published["beta"], published["log_likelihood"]
    table = datasets.load_fader_hardie_2007()
    model = R.ShiftedBetaGeo().fit(table[segment].iloc[:8])  # years 0-7
    assert model.params_["alpha"] == pytest.approx(alpha, abs=0.002)
    assert model.params_["beta"] == pytest.approx(beta, abs=0.002)
    assert model.log_likelihood_ == pytest.approx(ll, abs=0.1)
    # the projection of years 8-12 stays within 5 % of the actual survivors
    proj = model.projection(12, table[segment])
    hold_out = proj.loc[8:12]
    assert not hold_out["fitted"].any()
    error = (hold_out["expected_survivors"] / hold_out["actual_survivors"] - 1).abs()
    assert error.max() < 0.05


def test_published_table() -> None:
    table = datasets.load_fader_hardie_2007()
    assert table.shape == (13, 3)
    assert table["regular"].tolist()[:3] == [1000, 631, 468]
    assert table["high_end"].iloc[-1] == 394


@settings(max_examples=examples(25))
@given(alpha=st.floats(0.3, 5.0), beta=st.floats(0.5, 8.0))
def test_sbg_recovers_parameters_from_its_own_curve(alpha: float, beta: float) -> None:
    curve = 1e6 * R.sbg_survival(np.arange(10), alpha, beta)
    model = R.ShiftedBetaGeo().fit(curve)
    assert model.params_["alpha"] == pytest.approx(alpha, rel=0.02)
    assert model.params_["beta"] == pytest.approx(beta, rel=0.02)
    # the model's survival is non-increasing and its retention rises with t
    assert np.all(np.diff(model.survival(np.arange(20))) <= 0)
    assert np.all(np.diff(model.retention_rate(np.arange(1, 20))) >= 0)


def test_sbg_unfitted_and_flat() -> None:
    with pytest.raises(NotFittedError, match="not fitted"):
        R.ShiftedBetaGeo().survival(1)
    with pytest.raises(ValueError, match="no customer was lost"):
        R.ShiftedBetaGeo().fit([100, 100, 100])


@pytest.mark.parametrize("survivors, message", [
    ([1000, 631, 700], "never increase"),
    ([1000, -5, -10], "must not be negative"),
    ([1000, np.nan, 400], "missing value"),
    ([], "empty"),
    ([1000], "at least two values"),
    ([0, 0, 0], "cohort size and must be positive"),
    (["a", "b"], "holds text"),
])
def test_sbg_bad_survivors(survivors: list, message: str) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        R.ShiftedBetaGeo().fit(survivors)


def test_sbg_first_value_must_be_cohort_size() -> None:
    with pytest.raises(ValueError, match="must be the cohort size 1000"):
        R.ShiftedBetaGeo().fit([900, 631, 468], cohort_size=1000)


@settings(max_examples=examples(30))
@given(st.lists(st.integers(0, 1000), min_size=2, max_size=8).filter(
    lambda xs: any(b > a for a, b in zip(xs, xs[1:]))))
def test_increasing_survivors_always_rejected(values: list[int]) -> None:
    with pytest.raises(ValueError, match="never increase|cohort size"):
        R.retention_from_survivors(values)


@settings(max_examples=examples(30))
@given(values=st.lists(st.integers(1, 1000), min_size=3, max_size=8), data=st.data())
def test_nan_or_negative_survivors_always_rejected(values: list[int], data: st.DataObject
                                                   ) -> None:
    curve = np.sort(np.array(values, dtype=float))[::-1].copy()
    where = data.draw(st.integers(1, len(curve) - 1))
    with_nan = curve.copy()
    with_nan[where] = np.nan
    with pytest.raises(ValueError, match="missing value"):
        R.ShiftedBetaGeo().fit(with_nan)
    negative = curve.copy()
    negative[where] = -data.draw(st.integers(1, 100))
    with pytest.raises(ValueError, match="must not be negative"):
        R.ShiftedBetaGeo().fit(negative)


@settings(max_examples=examples(30))
@given(days_before=st.integers(1, 2000), row=st.integers(0, 3))
def test_lost_before_acquired_always_rejected(days_before: int, row: int) -> None:
    bad = tiny_customers()
    bad.loc[row, "lost_date"] = bad.loc[row, "acquisition_date"] - pd.Timedelta(days=days_before)
    with pytest.raises(ValueError, match="out of order"):
        R.churn_causes(bad.assign(lost_reason="price"))


def test_sbg_bad_parameters() -> None:
    with pytest.raises(ValueError, match="alpha must be greater than 0"):
        R.sbg_survival(1, -1.0, 2.0)
    with pytest.raises(ValueError, match="t must be at least 1"):
        R.sbg_pmf(0, 1.0, 1.0)
    with pytest.raises(ValueError, match="t must be a whole number"):
        R.sbg_survival(1.5, 1.0, 1.0)


# --- retention economics ---------------------------------------------------------------------

def test_retained_value_by_hand() -> None:
    # m = 100, r = 0.8, d = 0.1, forever: 100 * 1.1 / (1.1 - 0.8) = 366.667
    assert R.retained_value(100, 0.8, 0.1) == pytest.approx(366.6667, rel=1e-5)
    # two periods: 100 + 100 * 0.8 / 1.1 = 172.727
    assert R.retained_value(100, 0.8, 0.1, horizon=2) == pytest.approx(172.7273, rel=1e-5)


def test_retention_gain_by_hand() -> None:
    # r = 0.90 -> 0.95 at d = 0.1: 1.1/0.2 = 5.5 -> 1.1/0.15 = 7.333; gain 1/3
    row = R.retention_gain(0.9, 0.05).iloc[0]
    assert row["value_before"] == pytest.approx(5.5)
    assert row["value_after"] == pytest.approx(1.1 / 0.15)
    assert row["gain_share"] == pytest.approx(1 / 3)


@pytest.mark.parametrize("margin, error", [(0.0, ValueError), (-200.0, ValueError),
                                           ("1", TypeError)])
def test_retention_gain_needs_a_positive_margin(margin: object, error: type) -> None:
    with pytest.raises(error, match="margin must be"):
        R.retention_gain(0.8, 0.05, margin=margin)


@settings(max_examples=examples(50))
@given(r=st.floats(0.0, 0.9), delta=st.floats(0.001, 0.09))
def test_retention_gain_is_positive(r: float, delta: float) -> None:
    assert (R.retention_gain(r, delta)["gain"] > 0).all()


def test_steady_state_base_doubles_when_churn_halves() -> None:
    # 100 new customers a year: churn 10 % -> 100 / 0.10 = 1,000; churn 5 % -> 2,000
    assert R.steady_state_base(100, 0.90) == pytest.approx(1000)
    assert R.steady_state_base(100, 0.95) == pytest.approx(2000)
    with pytest.raises(ValueError, match=r"\[0, 1\)"):
        R.steady_state_base(100, 1.0)


def test_churn_causes_by_hand() -> None:
    # two lost customers: one for price (avoidable), one moved (not avoidable): 50 % each
    table = R.churn_causes(tiny_customers())
    assert table["lost_customers"].sum() == 2
    assert table.loc["price", "share"] == pytest.approx(0.5)
    assert bool(table.loc["price", "avoidable"]) is True
    assert bool(table.loc["moved_or_closed", "avoidable"]) is False


def test_churn_loss_and_decision_by_hand() -> None:
    # avoidable loss = 100 (price) + (-20) (slow_service) = 80; moved_or_closed (50) excluded
    lost = pd.DataFrame({"lost_reason": ["price", "moved_or_closed", "slow_service"],
                         "lifetime_value": [100.0, 50.0, -20.0]})
    assert R.avoidable_churn_loss(lost) == pytest.approx(80.0)
    table = R.churn_loss_table(lost)
    assert table.loc["price", "lost_customers"] == 1
    # spend 50 < 80 saved -> worthwhile; spend 100 > 80 -> not; half success: saved 40
    decision = R.retention_decision([50, 100], 80.0)
    assert decision["worthwhile"].tolist() == [True, False]
    assert decision["net_gain"].tolist() == pytest.approx([30, -20])
    assert R.retention_decision(50, 80.0, 0.5)["profit_saved"].iloc[0] == pytest.approx(40)


def test_annual_profit_by_hand() -> None:
    # customer 4: 2022-07-01 -> 2023-12-31 = 548 days active; profit 548 -> 365.25 a year
    profit = pd.Series({4: 548.0})
    annual = R.annual_profit(tiny_customers(), profit, end="2023-12-31")
    assert annual[4] == pytest.approx(365.25)
    assert annual[1] == 0.0  # no profit recorded: 0, not dropped


# --- bad input -------------------------------------------------------------------------------

def test_dates_out_of_order_rejected() -> None:
    bad = tiny_customers()
    bad.loc[0, "lost_date"] = D("2020-01-01")
    with pytest.raises(ValueError, match="out of order"):
        R.customer_durations(bad)
    with pytest.raises(ValueError, match="out of order"):
        R.period_retention(bad)


def test_customers_bad_tables() -> None:
    with pytest.raises(ValueError, match="missing column"):
        R.period_retention(tiny_customers().drop(columns="lost_date"))
    with pytest.raises(ValueError, match="empty"):
        R.period_retention(tiny_customers().iloc[:0])
    nan = tiny_customers()
    nan.loc[1, "acquisition_date"] = pd.NaT
    with pytest.raises(ValueError, match=r"acquisition_date'\] has 1 missing date"):
        R.customer_durations(nan)
    dup = tiny_customers()
    dup.loc[1, "customer_id"] = 1
    with pytest.raises(ValueError, match="one row per customer_id"):
        R.cohort_survivors(dup)
    with pytest.raises(ValueError, match="after the end of the data"):
        R.customer_durations(tiny_customers(), end="2022-12-31")
    text = tiny_customers().astype({"acquisition_date": "str"})
    with pytest.raises(TypeError, match="datetime64"):
        R.customer_durations(text)


def test_empty_groups_rejected() -> None:
    with pytest.raises(ValueError, match="empty group"):
        R.retention_rate([10, 0], [5, 0])
    with pytest.raises(ValueError, match="no lost customer"):
        R.kaplan_meier(pd.DataFrame({"duration": [1.0, 2.0], "event": [0, 0]}))
    with pytest.raises(ValueError, match="at least two different labels"):
        R.logrank_test(pd.DataFrame({"duration": [1.0, 2.0], "event": [1, 0]}),
                       pd.Series(["a", "a"]))
    with pytest.raises(ValueError, match="no lost customer"):
        R.churn_causes(tiny_customers().assign(lost_date=pd.NaT))


@settings(max_examples=examples(30))
@given(at_start=st.integers(1, 500), extra=st.integers(1, 50))
def test_retained_above_start_rejected(at_start: int, extra: int) -> None:
    with pytest.raises(ValueError, match="must not exceed at_start"):
        R.retention_rate(at_start, at_start + extra)


@settings(max_examples=examples(30))
@given(r=st.one_of(st.floats(-5, -0.001), st.floats(1.001, 5)))
def test_retention_out_of_range_rejected(r: float) -> None:
    with pytest.raises(ValueError, match="between 0 and 1|rate written as a fraction"):
        R.retained_value(100, r)


def test_durations_bad_input() -> None:
    with pytest.raises(ValueError, match="0 \\(censored\\) or 1"):
        R.kaplan_meier(pd.DataFrame({"duration": [1.0, 2.0], "event": [1, 2]}))
    with pytest.raises(ValueError, match="must be positive"):
        R.kaplan_meier(pd.DataFrame({"duration": [0.0, 2.0], "event": [1, 0]}))
    with pytest.raises(ValueError, match="missing value"):
        R.kaplan_meier(pd.DataFrame({"duration": [np.nan, 2.0], "event": [1, 0]}))
    with pytest.raises(ValueError, match="no value for 1 customer"):
        R.kaplan_meier(pd.DataFrame({"duration": [1.0, 2.0], "event": [1, 0]}),
                       pd.Series(["a"], index=[0]))


def test_retention_decision_bad_input() -> None:
    with pytest.raises(ValueError, match="spend must not be negative"):
        R.retention_decision([-1.0], 10.0)
    with pytest.raises(ValueError, match="success_rate is a rate written as a fraction"):
        R.retention_decision([1.0], 10.0, success_rate=1.5)


# --- the case company's planted structure ----------------------------------------------------

def test_key_account_loss_reasons_match_planted(case: datasets.CaseCompany) -> None:
    planted = datasets.case_company.PLANTED["key_account_loss_reasons"]
    key = case.customers[case.customers["size"].isin(["medium", "large"])]
    table = R.churn_causes(key)
    assert table.index[0] == "slow_service"
    observed = table["lost_customers"].reindex(list(planted)).fillna(0).to_numpy()
    expected = np.array(list(planted.values())) * observed.sum()
    assert stats.chisquare(observed, expected).pvalue > 0.01
    # avoidable reasons are those the data dictionary lists
    assert set(table.index[table["avoidable"]]) == set(R.AVOIDABLE_LOST_REASONS)


def test_new_customer_survival_matches_planted_hazard(case: datasets.CaseCompany) -> None:
    # new customers (2022-2024) leave after a 60-day minimum at a constant yearly hazard of
    # 0.22 / 0.12 / 0.08 (small / medium / large): S(t) = exp(-h (t - 60/365))
    hazard = {"small": 0.22, "medium": 0.12, "large": 0.08}
    customers = case.customers
    new = customers[customers["acquisition_date"] >= D("2022-01-01")]
    durations = R.customer_durations(new)
    size = new.set_index("customer_id")["size"]
    km = R.kaplan_meier(durations, size)
    for group, h in hazard.items():
        rows = km[km["group"] == group]
        for t in (1.0, 2.0):
            truth = np.exp(-h * (t - 60 / 365))
            row = rows[rows["time"] <= t].iloc[-1]
            assert row["lower"] <= truth <= row["upper"], (group, t)
    # small customers leave faster than medium and large ones: the log-rank test sees it
    assert R.logrank_test(durations, size)["p_value"] < 0.05


def test_period_retention_falls(case: datasets.CaseCompany) -> None:
    # the old base is lost from 2022 on, mostly in 2023-2024: retention falls year by year
    rates = R.period_retention(case.customers)["retention_rate"]
    assert rates.is_monotonic_decreasing
    assert rates.index.tolist() == [2022, 2023, 2024]


def test_loss_type_finds_partial_defectors(case: datasets.CaseCompany) -> None:
    kinds = R.loss_type(case.customers, case.orders)
    lost = case.customers.set_index("customer_id")["status"] == "lost"
    assert (kinds["loss_type"] == "lost for good").equals(lost.reindex(kinds.index))
    planted = planted_customer_types()["partial_defectors"]
    flagged = kinds.index[kinds["loss_type"] == "share shifted"]
    recall = len(set(planted) & set(flagged)) / len(planted)
    assert recall >= 0.6


def test_frameworks_have_chinese_terms() -> None:
    assert R.three_degree_model()["chinese"].tolist() == ["满意度", "维持度", "贡献度"]
    assert len(R.retention_levels()) == 3
    assert "建立投诉和建议制度" in R.churn_prevention()["chinese"].tolist()


def test_churn_prevention_follows_the_deck() -> None:
    # 《产业市场营销与客户管理》: 如何防范老客户流失, seven measures in the deck's order and wording
    table = R.churn_prevention()
    assert table["chinese"].tolist() == ["实施全面质量营销", "分析客户流失的原因",
                                         "建立强力督办系统", "建立投诉和建议制度", "建立预测系统",
                                         "与客户建立关联", "深入与客户进行沟通"]
    # 强力督办系统 is the deck's term (not an escalation procedure, 升级处理制度)
    assert "升级处理制度" not in "".join(table["chinese"])
    assert table.loc["strong follow-up system", "deck_text"] == "迅速解决市场问题,保证客户利益"
    # 预测系统 gives customers valuable information: it is not churn prediction
    forecasting = table.loc["forecasting system for customers"]
    assert forecasting["deck_text"] == "为客户提供有价值的信息"
    assert "not a model that predicts which customers will leave" in forecasting["what it is"]
    assert not any("spot customers likely to leave" in text for text in table["what it is"])
    # where the deck gives only a name, the explanation is marked as the course's reading
    name_only = table["deck_text"] == ""
    assert name_only.sum() == 2
    assert table.loc[name_only, "what it is"].str.startswith("(name only; the course's").all()


# --- survivor curves start at period 0 and never rise -----------------------------------------

@settings(max_examples=examples(30))
@given(first=st.integers(1, 10), values=st.lists(st.integers(1, 1000), min_size=2, max_size=8))
def test_survivors_must_start_at_period_0(first: int, values: list[int]) -> None:
    curve = pd.Series(sorted(values, reverse=True),
                      index=range(first, first + len(values)))  # e.g. years 3..7 of a table
    with pytest.raises(ValueError, match="indexed by the periods 0, 1, 2"):
        R.ShiftedBetaGeo().fit(curve)
    with pytest.raises(ValueError, match="indexed by the periods 0, 1, 2"):
        R.retention_from_survivors(curve)


def test_a_cut_curve_is_rejected_but_its_head_is_not() -> None:
    table = datasets.load_fader_hardie_2007()
    with pytest.raises(ValueError, match="must start at period 0"):
        R.ShiftedBetaGeo().fit(table["regular"].iloc[3:8])
    model = R.ShiftedBetaGeo().fit(table["regular"].iloc[:5])  # years 0-4: fine
    with pytest.raises(ValueError, match="indexed by the periods"):
        model.projection(12, table["regular"].iloc[1:])


@settings(max_examples=examples(30))
@given(st.lists(st.integers(1, 1000), min_size=2, max_size=8).filter(
    lambda xs: any(b > a for a, b in zip(xs, xs[1:]))))
def test_increasing_survivors_rejected_by_the_model(values: list[int]) -> None:
    with pytest.raises(ValueError, match="never increase"):
        R.ShiftedBetaGeo().fit(values)
    model = R.ShiftedBetaGeo().fit([1000, 631, 468, 382])
    with pytest.raises(ValueError, match="never increase|cohort size"):
        model.projection(8, [1000] + values)


# --- dates out of order and empty groups, whatever the data ------------------------------------

@settings(max_examples=examples(30))
@given(days_before=st.integers(1, 2000), row=st.integers(0, 3))
def test_lost_before_acquired_rejected_everywhere(days_before: int, row: int) -> None:
    bad = tiny_customers()
    bad.loc[row, "lost_date"] = bad.loc[row, "acquisition_date"] - pd.Timedelta(days=days_before)
    for call in (lambda: R.period_retention(bad, end="2023-12-31"),
                 lambda: R.customer_durations(bad, end="2023-12-31", observed_from=None),
                 lambda: R.cohort_survivors(bad, end="2023-12-31"),
                 lambda: R.group_retention(bad.assign(size="small"), "size", end="2023-12-31")):
        with pytest.raises(ValueError, match="dates out of\\s+order"):
            call()


@settings(max_examples=examples(30))
@given(days_before=st.integers(1, 2000), row=st.integers(0, 3))
def test_orders_before_acquisition_rejected(days_before: int, row: int) -> None:
    customers = tiny_customers()
    orders = pd.DataFrame({"customer_id": customers["customer_id"],
                           "order_date": customers["acquisition_date"] + pd.Timedelta(days=10)})
    orders.loc[row, "order_date"] = (customers.loc[row, "acquisition_date"]
                                     - pd.Timedelta(days=days_before))
    with pytest.raises(ValueError, match=r"dates out of order, 1 order\(s\) come before"):
        R.loss_type(customers, orders, split="2022-09-01", end="2023-12-31")


@settings(max_examples=examples(30))
@given(sizes=st.lists(st.integers(1, 6), min_size=2, max_size=4), late=st.integers(0, 3))
def test_a_group_without_customers_at_the_start_is_rejected(sizes: list[int], late: int
                                                            ) -> None:
    # one group of customers is only won during 2022: at the start of 2022 it has nobody
    late = late % len(sizes)
    groups = np.repeat([f"g{i}" for i in range(len(sizes))], sizes)
    acquired = np.where(groups == f"g{late}", "2022-03-01", "2021-03-01")
    customers = pd.DataFrame({"customer_id": np.arange(len(groups)), "group": groups,
                              "acquisition_date": pd.to_datetime(acquired),
                              "lost_date": pd.NaT})
    with pytest.raises(ValueError, match=r"empty group\).*2022"):
        R.period_retention(customers, [2022, 2023], by="group", end="2023-12-31")
    # pooled over 2023 alone every group has customers at the start, and nobody was lost
    pooled = R.group_retention(customers, "group", [2023], end="2023-12-31")
    assert pooled["retention_rate"].tolist() == [1.0] * len(sizes)


@settings(max_examples=examples(30))
@given(events=st.lists(st.integers(0, 1), min_size=2, max_size=12))
def test_a_group_without_losses_has_no_curve(events: list[int]) -> None:
    durations = pd.DataFrame({"duration": np.arange(1.0, len(events) + 1), "event": events})
    groups = pd.Series(np.where(np.arange(len(events)) % 2 == 0, "even", "odd"))
    lossless = [g for g in ("even", "odd") if durations["event"][groups == g].sum() == 0]
    if lossless:
        with pytest.raises(ValueError, match=f"group '{lossless[0]}' has no lost customer"):
            R.kaplan_meier(durations, groups)
    else:
        curves = R.kaplan_meier(durations, groups)
        assert set(curves["group"]) == {"even", "odd"}


# --- lost customers' lifetime values and retention that grows the margin -----------------------

def test_group_retention_by_hand() -> None:
    # 2022: at start 1 (a) and 2 (b); 2 lost in 2022.  2023: at start 1 (a), 3 (b), 4 (a);
    # 3 lost.  Pooled: a 3 of 3 kept, b 0 of 2 kept
    customers = tiny_customers().assign(size=["a", "b", "b", "a"])
    table = R.group_retention(customers, "size", end="2023-12-31")
    assert table["at_start"].tolist() == [3, 2]
    assert table["retention_rate"].tolist() == pytest.approx([1.0, 0.0])


def test_lost_customer_values_by_hand() -> None:
    customers = pd.DataFrame({
        "customer_id": [1, 2, 3, 4],
        "acquisition_date": pd.to_datetime(["2021-01-01"] * 4),
        "lost_date": pd.to_datetime([None, "2022-07-02", None, "2022-12-31"]),
        "lost_reason": ["none", "price", "none", "moved_or_closed"],
        "size": ["s", "s", "s", "s"]})
    profit = pd.Series({1: 100.0, 2: 182.0, 3: 50.0, 4: -364.0})
    lost = R.lost_customer_values(customers, profit, discount=0.1, end="2023-12-31")
    # 2022: 4 at the start, 2 lost; 2023: 2 at the start, 0 lost -> r = 4 / 6
    assert lost.index.tolist() == [2, 4]
    assert lost["retention"].tolist() == pytest.approx([2 / 3, 2 / 3])
    # customer 2: 182 CNY in the 182 days from 2022-01-01 = 365.25 a year; customer 4: -364 in 364
    # days
    assert lost["annual_profit"].tolist() == pytest.approx([365.25, -365.25])
    v = 365.25 * 1.1 / (1.1 - 2 / 3)
    assert lost["lifetime_value"].tolist() == pytest.approx([v, -v])
    assert R.avoidable_churn_loss(lost) == pytest.approx(v)  # price is avoidable, moving is not
    with pytest.raises(ValueError, match="no lost customer"):
        R.lost_customer_values(customers.assign(lost_date=pd.NaT), profit, end="2023-12-31")


def test_margin_growth_by_hand() -> None:
    # m = 100, r = 0.8, g = 0.1, d = 0.1: q = 0.8, V = 100 / 0.2 = 500 (vs 366.7 without growth)
    assert R.retained_value(100, 0.8, 0.1, growth=0.1) == pytest.approx(500.0)
    # two periods: 100 + 100 · 0.8 · 1.1 / 1.1 = 180
    assert R.retained_value(100, 0.8, 0.1, horizon=2, growth=0.1) == pytest.approx(180.0)
    # 0.90 -> 0.95 with 10 % growth at 10 % discount: V 10 -> 20, the value doubles
    assert R.retention_gain(0.9, 0.05, growth=0.1)["gain_share"].iloc[0] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="the value is infinite"):
        R.retained_value(100, 0.95, 0.1, growth=0.2)
    with pytest.raises(ValueError, match="growth must be greater than -1"):
        R.retained_value(100, 0.9, 0.1, growth=-1.5)


@settings(max_examples=examples(50))
@given(r=st.floats(0.0, 0.9), delta=st.floats(0.001, 0.05), growth=st.floats(0.0, 0.1))
def test_margin_growth_makes_retention_worth_more(r: float, delta: float, growth: float
                                                  ) -> None:
    flat = R.retention_gain(r, delta)["gain_share"].iloc[0]
    rising = R.retention_gain(r, delta, growth=growth)["gain_share"].iloc[0]
    assert rising >= flat - 1e-12


# --- bad input the issue names: refused clearly, never passed on or turned into text/NaN -------

def _curves() -> pd.DataFrame:
    return pd.DataFrame({"group": "all", "time": [0.0, 1, 2, 3],
                         "survival": [1.0, 0.8, 0.6, 0.3]})


@pytest.mark.parametrize("times", ["abc", ["abc", 1.5], [np.nan], [np.inf], None, True, [-1.0]])
def test_survival_at_refuses_times_that_are_not_finite_numbers(times: object) -> None:
    # before, survival_at(curves, "abc") returned a table holding 'abc'
    with pytest.raises((TypeError, ValueError), match="times"):
        R.survival_at(_curves(), times)


def test_survival_at_reads_one_number_and_times_before_the_curve() -> None:
    assert R.survival_at(_curves(), 2.5).loc["all"].tolist() == [0.6]
    late_start = _curves().iloc[1:]  # a curve that starts at its first loss: S = 1 before it
    assert R.survival_at(late_start, [0.5, 1.0]).loc["all"].tolist() == [1.0, 0.8]
    with pytest.raises(ValueError, match=r"curves\['survival'\] must lie between 0 and 1"):
        R.survival_at(_curves().assign(survival=[1.0, 0.8, 0.6, 30.0]), [1.0])


@pytest.mark.parametrize("call, name", [
    (lambda: R.kaplan_meier(pd.DataFrame({"duration": [1.0, 2], "event": [1, 0]}),
                            alpha="0.05"), "alpha"),
    (lambda: R.loss_type(tiny_customers(), pd.DataFrame(
        {"customer_id": [1], "order_date": pd.to_datetime(["2022-03-01"])}),
        threshold=None), "threshold"),
    (lambda: R.loss_type(tiny_customers(), pd.DataFrame(
        {"customer_id": [1], "order_date": pd.to_datetime(["2022-03-01"])}),
        min_orders=2.5), "min_orders"),
    (lambda: R.period_retention(tiny_customers(), years="2022", end="2023-12-31"), "years"),
    (lambda: R.ShiftedBetaGeo().fit([1000, 631, 468]).projection(10**20), "horizon"),
    (lambda: R.retained_value(100, 0.8, horizon=2.5), "horizon"),
    (lambda: R.churn_causes(tiny_customers(), avoidable="price"), "avoidable"),
    (lambda: R.period_retention(tiny_customers(), by=5), "by"),
])
def test_options_are_checked_for_type_and_range(call, name: str) -> None:
    with pytest.raises((TypeError, ValueError), match=name):
        call()


def test_one_period_cannot_identify_alpha_and_beta() -> None:
    with pytest.warns(FitWarning, match="one period"):
        model = R.ShiftedBetaGeo().fit([100, 60])
    assert model.converged_ is False and "one period" in model.fit_problems_[0]
    assert "not converged" in repr(model)
    # the mean churn is still what the one period shows: α / (α + β) = 40 / 100
    alpha, beta = model.params_
    assert alpha / (alpha + beta) == pytest.approx(0.4, abs=1e-4)


@pytest.mark.parametrize("survivors, problem", [
    ([1000, 500, 250, 125], "run off towards infinity"),  # geometric: the same churn
    ([1000, 0, 0], "run off"),                                  # everybody leaves at once
    ([10, 9, 8, 8, 7], "nearly flat"),                          # ten customers
])
def test_survivors_that_cannot_identify_the_model_warn(survivors: list, problem: str) -> None:
    with pytest.warns(FitWarning, match=problem):
        model = R.ShiftedBetaGeo().fit(survivors)
    assert model.converged_ is False
    assert np.isfinite(model.params_).all() and np.isfinite(model.log_likelihood_)


@pytest.mark.parametrize("segment", ["regular", "high_end"])
def test_published_fits_converge_without_a_warning(segment: str) -> None:
    table = datasets.load_fader_hardie_2007()
    with warnings.catch_warnings():
        warnings.simplefilter("error", FitWarning)
        model = R.ShiftedBetaGeo().fit(table[segment].iloc[:8])
    assert model.converged_ is True and model.fit_problems_ == []


def test_the_sbg_model_is_on_the_shared_base() -> None:
    model = R.ShiftedBetaGeo()
    assert repr(model) == "ShiftedBetaGeo()" and not model.is_fitted()
    for call in (model.summary, lambda: model.predict(3), lambda: model.projection(5)):
        with pytest.raises(NotFittedError, match=r"call \.fit\(survivors\) first"):
            call()
    fitted = model.fit([1000, 631, 468, 382])
    assert fitted is model and repr(model).startswith("ShiftedBetaGeo(); alpha=0.784")


@pytest.mark.parametrize("call, name", [
    (lambda: R.retained_value(100, 0.8, 8), "discount"),
    (lambda: R.retained_value(100, 0.8, discount=8), "discount"),
    (lambda: R.retention_gain(0.8, 0.05, discount=8), "discount"),
    (lambda: R.lost_customer_values(tiny_customers().assign(size="s"), pd.Series({1: 5.0}),
                                    discount=8, end="2023-12-31"), "discount"),
    (lambda: R.retained_value(100, 85), "retention"),
    (lambda: R.retention_gain(85), "retention"),
    (lambda: R.steady_state_base(100, 95), "retention"),
    (lambda: R.retained_value(100, 0.8, growth=5), "growth"),
    (lambda: R.retention_decision([10.0], 80.0, success_rate=50), "success_rate"),
])
def test_a_rate_written_as_a_percentage_is_refused_with_the_hint(call, name: str) -> None:
    with pytest.raises(ValueError, match=rf"{name} is a rate written as a fraction: \d+ % is 0"):
        call()
    # a list of rates gets the same hint
    with pytest.raises(ValueError, match=r"retention must lie between 0 and 1 \(a rate is "
                                         r"written as a fraction: 8 % is 0.08\)"):
        R.retained_value(100, [0.8, 85])


def test_dates_as_text_or_with_a_time_zone_are_refused() -> None:
    text = tiny_customers().assign(lost_date=["", "2022-06-01", "2023-03-01", ""])
    with pytest.raises(TypeError, match=r"customers\['lost_date'\].*pd.to_datetime"):
        R.period_retention(text, end="2023-12-31")
    zoned = tiny_customers()
    zoned["acquisition_date"] = zoned["acquisition_date"].dt.tz_localize("UTC")
    with pytest.raises(TypeError, match=r"time-zone-aware.*tz_localize\(None\)"):
        R.cohort_survivors(zoned, end="2023-12-31")
    orders = pd.DataFrame({"customer_id": [1, 1], "order_date": ["2022-01-05", "2023-01-05"]})
    with pytest.raises(TypeError, match=r"orders\['order_date'\].*pd.to_datetime"):
        R.repeat_rate_by_year(orders)


def test_labels_that_mix_text_and_numbers_are_refused_not_sorted_into_an_error() -> None:
    durations = pd.DataFrame({"duration": [1.0, 2, 3, 4], "event": [1, 1, 1, 0]})
    with pytest.raises(TypeError, match="groups mixes text labels"):
        R.kaplan_meier(durations, pd.Series(["a", "a", 5, 5], dtype=object))
    customers = tiny_customers().assign(size=pd.Series(["a", "b", 3, "a"], dtype=object))
    with pytest.raises(TypeError, match=r"customers\['size'\] mixes text labels"):
        R.churn_causes(customers, by="size")


def test_values_too_large_to_compute_are_refused_not_returned_as_inf() -> None:
    with pytest.raises(ValueError, match="too large to compute"):
        R.retained_value(1e306, 0.999, 0.0)
    with pytest.raises(ValueError, match="too large to compute"):
        R.retained_value(100.0, 1.0, 0.0, horizon=10_000, growth=1.0)
    with pytest.raises(ValueError, match="horizon must be between 1 and 10000"):
        R.retained_value(100.0, 0.8, horizon=10**6)


def test_a_duplicated_customer_is_refused_where_one_row_each_is_expected() -> None:
    durations = pd.DataFrame({"duration": [1.0, 2], "event": [1, 0]}, index=[7, 7])
    with pytest.raises(ValueError, match="durations must have one row per customer"):
        R.kaplan_meier(durations)
    profit = pd.Series([1.0, 2.0], index=[1, 1])
    with pytest.raises(ValueError, match="profit must have one value per customer"):
        R.annual_profit(tiny_customers(), profit, end="2023-12-31")


def test_the_frameworks_list_their_names(case: datasets.CaseCompany) -> None:
    """The constants the Chinese edition translates are the labels the helpers use."""
    assert R.three_degree_model().index.tolist() == list(R.THREE_DEGREES)
    assert R.churn_prevention().index.tolist() == list(R.CHURN_MEASURES)
    kinds = R.loss_type(case.customers, case.orders)["loss_type"]
    assert set(kinds) == set(R.LOSS_TYPES)


def test_a_change_of_retention_written_as_a_percentage_gets_the_hint() -> None:
    with pytest.raises(ValueError, match=r"delta is a rate written as a fraction: 5 % is 0.05"):
        R.retention_gain(0.8, 5)
    with pytest.raises(ValueError, match=r"delta is a rate written as a fraction: -5 % is -0.05"):
        R.retention_gain(0.8, -5)
