"""Customer lifetime value II (chapter 09, ``helpers.dwyer``): the DWYER method, the migration
model and customer-event prediction. Hand-computed examples, identities with the retention model,
cross-checks, bad input and the case company's planted structure."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from properties import examples

from helpers import clv, datasets, dwyer, value
from helpers.datasets.case_company import planted_customer_types
from helpers.model import FitWarning, NotFittedError
from helpers.validation import MAX_PERIODS


@pytest.fixture(scope="module")
def case():
    return datasets.load_case_company()


def _group(customers=(100, 60, 36), sales=(10_000, 7_200, 4_860), costs=(6_000, 4_200, 2_700)):
    return pd.DataFrame({"year": [1, 2, 3], "customers": customers, "sales": sales,
                         "costs": costs})


# ---------------------------------------------------------------------------------------------
# the DWYER table (lost for good)
# ---------------------------------------------------------------------------------------------


def test_dwyer_table_by_hand() -> None:
    # profit 4000, 3000, 2160; d = 10 %, year 1 today: factors 1, 1/1.1, 1/1.21
    # NPV 4000, 2727.2727, 1785.1240; cumulative 4000, 6727.2727, 8512.3967
    # value per original customer (100 customers): 40, 67.2727, 85.1240; retention 1, .6, .6
    table = dwyer.dwyer_table(_group(), 0.1)
    assert table["profit"].tolist() == [4000, 3000, 2160]
    assert table["retention"].tolist() == pytest.approx([1.0, 0.6, 0.6])
    assert table["npv"].tolist() == pytest.approx([4000, 2727.272727, 1785.123967])
    assert table["cumulative_npv"].tolist() == pytest.approx([4000, 6727.272727, 8512.396694])
    assert table["value_per_customer"].tolist() == pytest.approx([40, 67.27272727, 85.12396694])
    assert table["profit_per_customer"].tolist() == pytest.approx([40, 50, 60])
    # timing "end": 4000/1.1 + 3000/1.21 + 2160/1.331 = 3636.3636 + 2479.3388 + 1622.8399
    end = dwyer.dwyer_table(_group(), 0.1, timing="end")
    assert end["cumulative_npv"].iloc[-1] == pytest.approx(7738.542449)


def test_dwyer_table_groups_are_separate_and_sorted() -> None:
    a = _group().assign(segment="a")
    b = _group(customers=(10, 5, 0), sales=(1000, 500, 0), costs=(900, 600, 0)).assign(
        segment="b")
    table = dwyer.dwyer_table(pd.concat([b, a]).sample(frac=1, random_state=1), 0.1, by="segment")
    assert table["segment"].tolist() == ["a"] * 3 + ["b"] * 3
    # group b: profit 100, -100, 0 -> NPV 100, -90.9091, 0; per original customer (10): 10, 0.909
    b_rows = table[table["segment"] == "b"]
    assert b_rows["value_per_customer"].tolist() == pytest.approx([10, 0.9090909, 0.9090909])
    assert b_rows["retention"].tolist() == pytest.approx([1.0, 0.5, 0.0])
    assert b_rows["profit_per_customer"].iloc[-1] == 0.0  # no customer left: 0, not NaN
    assert not table.isna().any().any()


@settings(max_examples=examples(60))
@given(st.floats(0, 1), st.floats(0, 2000), st.floats(0, 2000), st.floats(0, 500),
       st.floats(0, 0.5), st.integers(1, 25))
def test_retention_projection_is_the_retention_model(r: float, s: float, c: float, a: float,
                                                     d: float, horizon: int) -> None:
    # a lost-for-good group valued by DWYER = the retention model of chapter 08 (first margin now)
    groups = pd.DataFrame({"customers": [1000.0], "retention": [r], "sales_per_customer": [s],
                           "cost_per_customer": [c], "acquisition_cost": [a]},
                          index=pd.Index(["g"], name="segment"))
    table = dwyer.dwyer_table(dwyer.retention_projection(groups, horizon), d, by="segment")
    expected = clv.clv(s - c, r, d, horizon, timing="start", acquisition_cost=a)
    assert table["value_per_customer"].iloc[-1] == pytest.approx(expected, rel=1e-9, abs=1e-6)


def test_retention_projection_by_hand() -> None:
    # 200 customers, r = 0.5: 200, 100, 50 active; sales 10 each; cost 4 each + 3 acquisition
    groups = pd.DataFrame({"customers": [200], "retention": [0.5], "sales_per_customer": [10.0],
                           "cost_per_customer": [4.0], "acquisition_cost": [3.0]})
    proj = dwyer.retention_projection(groups, 3)
    assert proj["customers"].tolist() == [200, 100, 50]
    assert proj["sales"].tolist() == [2000, 1000, 500]
    assert proj["costs"].tolist() == [800 + 600, 400, 200]


def test_retention_projection_with_a_margin() -> None:
    # the same group given its margin (10 - 4 = 6 a customer) instead of sales and costs:
    # profit 200*6 - 200*3 = 600, 100*6 = 600, 50*6 = 300, and the same DWYER values
    base = {"customers": [200], "retention": [0.5], "acquisition_cost": [3.0]}
    by_margin = dwyer.retention_projection(pd.DataFrame({**base, "margin": [6.0]}), 3)
    assert list(by_margin.columns) == ["group", "year", "customers", "profit"]
    assert by_margin["profit"].tolist() == [600, 600, 300]
    by_lines = dwyer.retention_projection(pd.DataFrame({**base, "sales_per_customer": [10.0],
                                                      "cost_per_customer": [4.0]}), 3)
    dwyer_margin = dwyer.dwyer_table(by_margin, 0.1, by="group")
    dwyer_lines = dwyer.dwyer_table(by_lines, 0.1, by="group")
    assert "sales_per_customer" not in dwyer_margin.columns
    for column in ["profit", "npv", "cumulative_npv", "value_per_customer",
                   "profit_per_customer"]:
        assert dwyer_margin[column].tolist() == pytest.approx(dwyer_lines[column].tolist())
    # a loss-making margin is allowed (profit may be negative), NaN is not
    loss = dwyer.retention_projection(pd.DataFrame({**base, "margin": [-2.0]}), 2)
    assert loss["profit"].tolist() == [-1000, -200]
    with pytest.raises(ValueError, match="NaN"):
        dwyer.retention_projection(pd.DataFrame({**base, "margin": [np.nan]}), 2)
    with pytest.raises(ValueError, match="not both"):
        dwyer.retention_projection(pd.DataFrame({**base, "margin": [6.0],
                                               "sales_per_customer": [10.0]}), 2)


def test_dwyer_table_from_profit() -> None:
    # the by-hand group of test_dwyer_table_by_hand, given its profit directly
    group = _group()
    table = dwyer.dwyer_table(group.assign(profit=group["sales"] - group["costs"])
                            .drop(columns=["sales", "costs"]), 0.1)
    assert table["value_per_customer"].tolist() == pytest.approx([40, 67.27272727, 85.12396694])
    with pytest.raises(ValueError, match="not both"):
        dwyer.dwyer_table(group.assign(profit=1.0), 0.1)


def test_group_years_by_hand() -> None:
    customers = pd.DataFrame({
        "customer_id": [1, 2, 3], "segment": ["a", "a", "b"],
        "acquisition_date": pd.to_datetime(["2020-05-01", "2021-03-01", "2021-06-01"]),
        "lost_date": pd.to_datetime(["2021-06-30", None, None]),
    })
    profit = pd.DataFrame({"customer_id": [1, 2, 2, 3], "year": [2021, 2021, 2022, 2022],
                           "net_sales": [100.0, 50.0, 80.0, 30.0],
                           "cost_of_goods": [60.0, 30.0, 50.0, 20.0],
                           "cost_to_serve": [10.0, 5.0, 5.0, 15.0]})
    table = dwyer.group_years(customers, profit, [2021, 2022], by="segment").set_index(
        ["segment", "year"])
    # 2021: a has customers 1 (lost mid-year) and 2; b has 3 (no profit row: 0 sales, 0 costs)
    assert table.loc[("a", 2021)].tolist() == [2, 150.0, 105.0]
    assert table.loc[("b", 2021)].tolist() == [1, 0.0, 0.0]
    # 2022: customer 1 is gone (lost for good)
    assert table.loc[("a", 2022)].tolist() == [1, 80.0, 55.0]
    assert table.loc[("b", 2022)].tolist() == [1, 30.0, 35.0]


# ---------------------------------------------------------------------------------------------
# recency states and the migration model (always a share)
# ---------------------------------------------------------------------------------------------


def _orders() -> pd.DataFrame:
    # customer 1 buys in Jan, Feb (twice) and May; customer 2 in March
    return pd.DataFrame({
        "customer_id": [1, 1, 1, 1, 2],
        "order_date": pd.to_datetime(["2024-01-10", "2024-02-03", "2024-02-20", "2024-05-05",
                                      "2024-03-15"]),
        "gross_profit": [10.0, 20.0, 5.0, 15.0, 40.0],
    })


def test_recency_states_by_hand() -> None:
    states = dwyer.recency_states(_orders(), freq="M", n_states=3, start="2024-01-01",
                                end="2024-06-30")
    # customer 1: bought Jan, Feb -> 1, 1; no Mar -> 2; no Apr -> 3; May -> 1; no Jun -> 2
    # customer 2: not yet a customer (0) in Jan, Feb; bought Mar -> 1; then 2, 3, 3 (capped)
    assert states.loc[1].tolist() == [1, 1, 2, 3, 1, 2]
    assert states.loc[2].tolist() == [0, 0, 1, 2, 3, 3]


def test_migration_matrix_by_hand() -> None:
    states = dwyer.recency_states(_orders(), freq="M", n_states=3, start="2024-01-01",
                                end="2024-06-30")
    p = dwyer.migration_matrix(states)
    # moves: customer 1: 1->1, 1->2, 2->3, 3->1, 1->2; customer 2: 1->2, 2->3, 3->3
    # from 1: to 1 once, to 2 three times -> 0.25, 0.75; from 2: to 3 twice -> 1.0;
    # from 3: to 1 once, to 3 once -> 0.5, 0.5
    assert p.to_numpy().tolist() == [[0.25, 0.75, 0.0], [0.0, 0.0, 1.0], [0.5, 0.0, 0.5]]
    assert p.attrs["counts"].to_numpy().sum() == 8
    assert dwyer.purchase_probabilities(p).tolist() == [0.25, 0.0, 0.5]


def test_recency_matrix_by_hand() -> None:
    p = dwyer.recency_matrix([0.3, 0.2, 0.0])
    assert p.to_numpy().tolist() == [[0.3, 0.7, 0.0], [0.2, 0.0, 0.8], [0.0, 0.0, 1.0]]


def test_migration_clv_by_hand() -> None:
    # P = [[.5, .5], [.2, .8]], R = (10, -1), d = 0.1.
    # V = (I - P/1.1)^-1 R = 1.1 (1.1 I - P)^-1 R; 1.1 I - P = [[.6, -.5], [-.2, .3]], det .08,
    # inverse [[.3, .5], [.2, .6]] / .08; times R: (3 - .5)/.08 = 31.25, (2 - .6)/.08 = 17.5;
    # times 1.1: V = (34.375, 19.25)
    p = [[0.5, 0.5], [0.2, 0.8]]
    assert dwyer.migration_clv(p, [10, -1], 0.1).tolist() == pytest.approx([34.375, 19.25])
    # two periods: V_2 = R + P R / 1.1 = (10 + 4.5/1.1, -1 + 1.2/1.1) = (14.0909, 0.0909)
    assert dwyer.migration_clv(p, [10, -1], 0.1, 2).tolist() == pytest.approx(
        [14.0909091, 0.0909091])
    assert dwyer.migration_clv(p, [10, -1], 0.1, 0).tolist() == [0.0, 0.0]


def test_migration_clv_matches_an_independent_implementation() -> None:
    # Cross-check with the test values of an independent open-source implementation of Pfeifer &
    # Carraway's (2000) model (phpOMS, Business/Marketing/Metrics::migrationModel and its unit
    # test): d = 0.1, purchase probabilities by recency (0.5, 0.2, 0.1, 0), reward 100 in state 1
    # only -> V = (231.08, 57.29, 21.01, 0.0) to 0.01.
    p = dwyer.recency_matrix([0.5, 0.2, 0.1, 0.0])
    v = dwyer.migration_clv(p, [100, 0, 0, 0], 0.1)
    assert v.tolist() == pytest.approx([231.08, 57.29, 21.01, 0.0], abs=0.01)
    # and its 4-period purchase matrix for p = (0.3, 0.2, 0.05, 0): P^4 row 1 starts
    # (0.0823, 0.0973, 0.1288, 0.6916), row 2 (0.037, 0.0406, 0.056, 0.8664), to 0.0001
    four = dwyer.recency_matrix([0.3, 0.2, 0.05, 0.0])
    rows = dwyer.state_projection(four, [1, 0, 0, 0], 4).iloc[-1]
    assert rows.tolist() == pytest.approx([0.0823, 0.0973, 0.1288, 0.6916], abs=1e-4)
    rows = dwyer.state_projection(four, [0, 1, 0, 0], 4).iloc[-1]
    assert rows.tolist() == pytest.approx([0.037, 0.0406, 0.056, 0.8664], abs=1e-4)


@settings(max_examples=examples(60))
@given(st.floats(-500, 500), st.floats(0, 1), st.floats(0.01, 0.5), st.integers(0, 30))
def test_lost_for_good_chain_is_the_retention_model(m: float, r: float, d: float,
                                                    horizon: int) -> None:
    # one active state kept with probability r, else absorbed in "lost" (reward 0): the migration
    # model reduces to the retention model with the first margin now (Berger & Nasr 1998, case 1)
    p = dwyer.recency_matrix([r, 0.0])
    assert dwyer.migration_clv(p, [m, 0.0], d, horizon).iloc[0] == pytest.approx(
        clv.clv(m, r, d, horizon, timing="start"), rel=1e-9, abs=1e-9)
    assert dwyer.migration_clv(p, [m, 0.0], d).iloc[0] == pytest.approx(
        m * (1 + d) / (1 + d - r), rel=1e-9, abs=1e-9)


@settings(max_examples=examples(40))
@given(st.lists(st.floats(0, 1), min_size=2, max_size=6), st.floats(0.01, 0.3))
def test_finite_horizon_converges_and_values_fall_with_recency(ps: list[float],
                                                               d: float) -> None:
    p = dwyer.recency_matrix(sorted(ps, reverse=True))
    reward = dwyer.migration_rewards(100, 0, len(ps))
    forever = dwyer.migration_clv(p, reward, d)
    long = dwyer.migration_clv(p, reward, d, 3000)
    assert long.to_numpy() == pytest.approx(forever.to_numpy(), rel=1e-6, abs=1e-6)
    # with purchase probabilities falling in recency, a more recent customer is worth more
    assert (np.diff(forever.to_numpy()) <= 1e-9).all()


def test_migration_rewards_by_hand() -> None:
    # margin 40, marketing 4 a period, marketing stops after state 3 of 5: (36, -4, -4, 0, 0)
    assert dwyer.migration_rewards(40, 4, 5, market_states=3).tolist() == [36, -4, -4, 0, 0]
    assert dwyer.migration_rewards(40, 4, 3).tolist() == [36, -4, -4]


def test_group_value_and_projection_by_hand() -> None:
    values = pd.Series([100.0, 40.0, 10.0], index=[1, 2, 3])
    table = dwyer.group_value(pd.Series({1: 5, 3: 10}), values)
    # 5 x 100 + 0 x 40 + 10 x 10 = 600
    assert table.attrs["total"] == 600
    assert table["customers"].tolist() == [5, 0, 10]
    assert table["share"].tolist() == pytest.approx([500 / 600, 0, 100 / 600])
    # 10 customers in state 1 of the chain (0.3, 0.2, 0): after one period 3 in state 1, 7 in 2
    proj = dwyer.state_projection(dwyer.recency_matrix([0.3, 0.2, 0.0]), [10, 0, 0], 2)
    assert proj.loc[1].tolist() == pytest.approx([3, 7, 0])
    # period 2: 3 x .3 + 7 x .2 = 2.3 in state 1, 3 x .7 = 2.1 in 2, 7 x .8 = 5.6 in 3
    assert proj.loc[2].tolist() == pytest.approx([2.3, 2.1, 5.6])


def test_simulated_customers_average_to_the_model() -> None:
    p = dwyer.recency_matrix([0.6, 0.4, 0.2, 0.1])
    reward = dwyer.migration_rewards(50, 2, 4)
    draws = dwyer.simulate_migration(p, reward, 0.02, 24, n_sims=20_000, seed=7)
    expected = dwyer.migration_clv(p, reward, 0.02, 24).iloc[0]
    assert abs(draws.mean() - expected) < 4 * draws.std() / np.sqrt(len(draws))
    # individuals differ a lot although the model gives all of them the same value
    assert draws.std() > 0.3 * abs(expected)
    again = dwyer.simulate_migration(p, reward, 0.02, 24, n_sims=20_000, seed=7)
    assert again.equals(draws)


def test_migration_model_fit_predict_summary() -> None:
    with pytest.warns(FitWarning, match="only 2 customers"):
        model = dwyer.MigrationModel(n_states=3, freq="M", discount_rate=0.01).fit(
            _orders(), start="2024-01-01", end="2024-06-30")
    assert not model.converged_ and len(model.fit_problems_) == 1
    # 90 gross profit over 4 purchase months (Jan, Feb, May of customer 1; Mar of customer 2)
    assert model.margin_ == pytest.approx(90 / 4)
    assert model.transition_.to_numpy().tolist() == [[0.25, 0.75, 0.0], [0.0, 0.0, 1.0],
                                                     [0.5, 0.0, 0.5]]
    assert model.current_.tolist() == [2, 3]
    predicted = model.predict()
    assert predicted.tolist() == pytest.approx(model.values_.loc[[2, 3]].tolist())
    summary = model.summary()
    assert summary["customers"].tolist() == [0, 1, 1]
    assert summary.attrs["total"] == pytest.approx(predicted.sum())
    with pytest.raises(ValueError, match="recency states"):
        model.predict(pd.Series([0, 1]))
    with pytest.raises(NotFittedError, match="MigrationModel is not fitted yet"):
        dwyer.MigrationModel().predict()


def test_per_period_rate() -> None:
    # (1.1)^(1/12) - 1 = 0.0079741
    assert dwyer.per_period_rate(0.1, 12) == pytest.approx(0.00797414)
    assert (1 + dwyer.per_period_rate(0.1, 4)) ** 4 == pytest.approx(1.1)


# ---------------------------------------------------------------------------------------------
# customer-event prediction
# ---------------------------------------------------------------------------------------------


def _plan() -> pd.DataFrame:
    return pd.DataFrame({"customer_id": [7, 7], "event": ["order", "service"],
                         "rate": [2.0, 1.0], "revenue": [100.0, 0.0], "cost": [60.0, 30.0],
                         "retention": [0.5, 0.5]})


def test_event_forecast_by_hand() -> None:
    schedule = dwyer.event_schedule(_plan(), 2)
    # period 1 (alive 1): 2 orders -> revenue 200, cost 120; service 30 -> profit 50
    # period 2 (alive .5): 1 order expected -> revenue 100, cost 60; service 15 -> profit 25
    assert schedule["expected_events"].tolist() == [2.0, 1.0, 1.0, 0.5]
    forecast = dwyer.event_forecast(schedule, 0.1)
    row = forecast.loc[7]
    assert row["revenue"] == 300 and row["cost_order"] == 180 and row["cost_service"] == 45
    assert row["cost"] == 225 and row["profit"] == 75
    # present value: 50 + 25 / 1.1 = 72.7273 (first period today)
    assert row["pv_profit"] == pytest.approx(72.7272727)
    assert dwyer.event_forecast(schedule, 0.1, timing="end").loc[7, "pv_profit"] == pytest.approx(
        50 / 1.1 + 25 / 1.21)


def test_simulation_without_uncertainty_is_the_forecast() -> None:
    plan = _plan().assign(retention=1.0, random=False)
    draws = dwyer.simulate_events(plan, 3, n_sims=5, seed=1, discount_rate=0.1)
    # 3 periods of profit 2 x 40 - 30 = 50, discounted: 50 + 50/1.1 + 50/1.21 = 136.7769
    assert draws[7].tolist() == pytest.approx([136.7768595] * 5)


def test_simulation_mean_converges_to_the_forecast() -> None:
    plan = pd.concat([_plan(), _plan().assign(customer_id=8, retention=0.9)])
    draws = dwyer.simulate_events(plan, 4, n_sims=20_000, seed=3, discount_rate=0.05,
                                amount_cv=0.2)
    forecast = dwyer.event_forecast(dwyer.event_schedule(plan, 4), 0.05)["pv_profit"]
    for customer in (7, 8):
        se = draws[customer].std() / np.sqrt(len(draws))
        assert abs(draws[customer].mean() - forecast[customer]) < 4 * se
    assert dwyer.simulate_events(plan, 4, n_sims=50, seed=3).equals(
        dwyer.simulate_events(plan, 4, n_sims=50, seed=3))


def test_simulation_ranges_by_hand() -> None:
    draws = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [10.0, 20.0, 30.0]})
    ranges = dwyer.simulation_ranges(draws, (0, 50, 100))
    assert ranges.loc["a"].tolist() == [2.0, 1.0, 2.0, 3.0]
    total = dwyer.simulation_ranges(draws, (50,), total=True)
    assert total.loc["total"].tolist() == [22.0, 22.0]  # totals 11, 22, 33


# ---------------------------------------------------------------------------------------------
# bad input: clear errors naming the argument
# ---------------------------------------------------------------------------------------------


@given(st.floats(0.01, 0.5).filter(lambda x: abs(x) > 1e-6))
def test_rows_that_do_not_sum_to_one_are_refused(excess: float) -> None:
    with pytest.raises(ValueError, match="row sums"):
        dwyer.migration_clv([[0.5, 0.5 + excess], [0.2, 0.8]], [1, 0], 0.1)


@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: x < 0 or x > 1))
def test_probabilities_outside_the_unit_interval_are_refused(p: float) -> None:
    with pytest.raises(ValueError, match="purchase_probability must lie between 0"):
        dwyer.recency_matrix([p, 0.0])
    with pytest.raises(ValueError, match="retention"):
        dwyer.event_schedule(_plan().assign(retention=p), 2)


@given(st.floats(max_value=0.0, allow_nan=False, allow_infinity=False).filter(lambda x: x > -1))
def test_infinite_horizon_needs_a_positive_discount_rate(d: float) -> None:
    with pytest.raises(ValueError, match="positive discount_rate"):
        dwyer.migration_clv(dwyer.recency_matrix([0.5, 0.2]), [10, 0], d)


@given(st.floats(max_value=-1e-9, min_value=-1e9))
def test_negative_amounts_are_refused(amount: float) -> None:
    with pytest.raises(ValueError, match=r"data\['sales'\]"):
        dwyer.dwyer_table(_group(sales=(amount, 1, 1)), 0.1)
    with pytest.raises(ValueError, match=r"plan\['cost'\]"):
        dwyer.event_schedule(_plan().assign(cost=amount), 2)


def test_bad_frames_are_refused() -> None:
    with pytest.raises(ValueError, match="missing column"):
        dwyer.dwyer_table(_group().drop(columns="costs"), 0.1)
    with pytest.raises(ValueError, match="NaN"):
        dwyer.dwyer_table(_group().astype({"sales": float}).assign(
            sales=[1.0, np.nan, 2.0]), 0.1)
    with pytest.raises(ValueError, match="one row per year"):
        dwyer.dwyer_table(pd.concat([_group(), _group()]), 0.1)
    with pytest.raises(ValueError, match="first year"):
        dwyer.dwyer_table(_group(customers=(0, 0, 0)), 0.1)
    with pytest.raises(ValueError, match="empty"):
        dwyer.dwyer_table(_group().iloc[:0], 0.1)
    with pytest.raises(TypeError, match="DataFrame"):
        dwyer.dwyer_table([1, 2, 3], 0.1)
    with pytest.raises(ValueError, match="discount_rate"):
        dwyer.dwyer_table(_group(), -1.5)
    with pytest.raises(ValueError, match="one row per customer and event"):
        dwyer.event_schedule(pd.concat([_plan(), _plan()]), 2)
    with pytest.raises(ValueError, match="one retention rate"):
        dwyer.event_schedule(_plan().assign(retention=[0.5, 0.6]), 2)
    with pytest.raises(ValueError, match="periods"):
        dwyer.event_schedule(_plan(), 0)
    with pytest.raises(ValueError, match="missing column"):
        dwyer.event_forecast(dwyer.event_schedule(_plan(), 2).drop(columns="profit"))


def test_bad_chains_are_refused() -> None:
    with pytest.raises(ValueError, match="square"):
        dwyer.migration_clv([[0.5, 0.5]], [1], 0.1)
    with pytest.raises(ValueError, match="one value per state"):
        dwyer.migration_clv([[0.5, 0.5], [0.2, 0.8]], [1, 2, 3], 0.1)
    with pytest.raises(ValueError, match="NaN"):
        dwyer.migration_clv([[0.5, np.nan], [0.2, 0.8]], [1, 0], 0.1)
    with pytest.raises(ValueError, match="same states"):
        dwyer.migration_clv(pd.DataFrame([[0.5, 0.5], [0.2, 0.8]], index=[1, 2], columns=[1, 3]),
                          [1, 0], 0.1)
    with pytest.raises(ValueError, match="n_states"):
        dwyer.recency_states(_orders(), n_states=1)
    with pytest.raises(ValueError, match="freq"):
        dwyer.recency_states(_orders(), freq="W")
    with pytest.raises(ValueError, match="no order"):
        dwyer.recency_states(_orders(), start="2025-01-01", end="2025-03-31")
    with pytest.raises(ValueError, match=r"state\(s\) \[2, 3\]"):
        # Jan-Feb: customer 1 buys in both months, the only move is 1 -> 1; nobody leaves
        # states 2 and 3, so their rows cannot be estimated
        dwyer.migration_matrix(dwyer.recency_states(_orders(), n_states=3, start="2024-01-01",
                                                end="2024-02-29"), 3)
    with pytest.raises(TypeError, match="whole-number"):
        dwyer.migration_matrix(pd.DataFrame([[1.0, 2.0]]))
    with pytest.raises(ValueError, match="start_state"):
        dwyer.simulate_migration(dwyer.recency_matrix([0.5, 0.2]), [1, 0], 0.1, 5, start_state=3)
    with pytest.raises(TypeError, match="seed"):
        dwyer.simulate_migration(dwyer.recency_matrix([0.5, 0.2]), [1, 0], 0.1, 5, seed=None)
    with pytest.raises(ValueError, match="n_sims"):
        dwyer.simulate_events(_plan(), 2, n_sims=0)
    with pytest.raises(ValueError, match="market_states"):
        dwyer.migration_rewards(10, 1, 3, market_states=4)
    with pytest.raises(ValueError, match="counts has state"):
        dwyer.group_value(pd.Series({9: 1}), pd.Series({1: 1.0}))


# ---------------------------------------------------------------------------------------------
# the case company's planted structure
# ---------------------------------------------------------------------------------------------


def test_lost_customers_are_lost_for_good(case) -> None:
    # the case company's lost customers never order again: a shrinking group, as DWYER assumes
    orders = case.orders.merge(case.customers[["customer_id", "lost_date"]], on="customer_id")
    assert not (orders["order_date"] > orders["lost_date"]).any()
    old = case.customers[case.customers["acquisition_date"] < "2022-01-01"]
    profit = value.customer_profit(case.orders, case.cost_to_serve)
    table = dwyer.dwyer_table(dwyer.group_years(old, profit, range(2022, 2025), by="size"), 0.1,
                            by="size")
    assert (table["retention"] <= 1).all() and (table["retention"] < 1).any()


def test_partial_defectors_buy_less_often_after_the_shift(case) -> None:
    # planted: a third of the old medium and large customers move 40 % of their orders to
    # competitors from 2023-07-01 (always a share). Their monthly purchase probability in
    # recency state 1 falls; that of the other active old medium/large customers does not.
    planted = planted_customer_types()["partial_defectors"]
    c = case.customers
    others = c[(c["acquisition_date"] < "2022-01-01") & c["size"].isin(["medium", "large"])
               & c["lost_date"].isna() & ~c["customer_id"].isin(planted)]["customer_id"]

    def p1(ids, start, end):
        o = case.orders[case.orders["customer_id"].isin(ids)
                        & case.orders["order_date"].between(start, end)]
        states = dwyer.recency_states(o, freq="M", n_states=4, start=start, end=end)
        return dwyer.purchase_probabilities(dwyer.migration_matrix(states, 4)).loc[1]

    drop_planted = p1(planted, "2022-01-01", "2023-06-30") - p1(planted, "2023-07-01",
                                                                 "2024-12-31")
    drop_others = p1(others, "2022-01-01", "2023-06-30") - p1(others, "2023-07-01",
                                                              "2024-12-31")
    assert drop_planted > 0.05
    assert drop_planted > drop_others + 0.05


def test_event_forecast_of_one_year_is_the_base_year_profit(case) -> None:
    # with retention 1 and one period, the forecast repeats the base year: its profit equals
    # chapter 04's net customer profit of 2024 for the customers on the books at its end
    plan = dwyer.event_plan(case.customers, case.orders, case.cost_to_serve, 2024)
    forecast = dwyer.event_forecast(dwyer.event_schedule(plan, 1))
    profit = value.customer_profit(case.orders, case.cost_to_serve)
    base = profit[profit["year"] == 2024].set_index("customer_id")["net_profit"]
    assert forecast["profit"].sort_index().to_numpy() == pytest.approx(
        base.reindex(forecast.index).fillna(0.0).sort_index().to_numpy(), abs=1e-6)


# ---------------------------------------------------------------------------------------------
# the bad input (issue 11): refused clearly, never an internal error or endless work
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [-1, 2**32, 1.5, None, "7"])
def test_a_bad_seed_is_refused_by_name(seed: object) -> None:
    # seed=-1 reached numpy and came back as its own error; now validation.check_seed says why
    with pytest.raises((TypeError, ValueError), match="seed must be"):
        dwyer.simulate_events(_plan(), 2, n_sims=5, seed=seed)
    with pytest.raises((TypeError, ValueError), match="seed must be"):
        dwyer.simulate_migration(dwyer.recency_matrix([0.5, 0.2]), [1, 0], 0.1, 5, seed=seed)


def test_seed_minus_one_names_the_allowed_range() -> None:
    with pytest.raises(ValueError, match=r"seed must be between 0 and 4294967295, got -1"):
        clv.simulate_events(_plan(), 2, seed=-1)


def test_duplicate_labels_in_group_counts_are_refused() -> None:
    # pandas said "cannot reindex on an axis with duplicate labels"
    values = pd.Series([100.0, 40.0, 10.0], index=[1, 2, 3])
    with pytest.raises(ValueError, match=r"counts must have one count per state.*value_counts"
                                         r".*repeats \[1\]"):
        clv.group_value(pd.Series([5.0, 3.0, 10.0], index=[1, 1, 3]), values)
    with pytest.raises(ValueError, match=r"values must have one value per state"):
        dwyer.group_value(pd.Series({1: 5.0}), pd.Series([1.0, 2.0], index=[1, 1]))


def test_a_huge_horizon_is_refused_at_once_not_looped_over() -> None:
    p = dwyer.recency_matrix([0.5, 0.2, 0.0])
    with pytest.raises(ValueError, match=r"horizon must be at most 10,000 periods "
                                         r"\(validation.MAX_PERIODS\), got 1e\+300; pass "
                                         r"numpy.inf for an endless horizon"):
        clv.migration_clv(p, [10, 0, 0], 0.1, horizon=1e300)
    with pytest.raises(ValueError, match="horizon must be between 0 and 10000"):
        dwyer.migration_clv(p, [10, 0, 0], 0.1, horizon=-1)
    with pytest.raises(ValueError, match="horizon must be a whole number"):
        dwyer.migration_clv(p, [10, 0, 0], 0.1, horizon=2.5)
    # the documented maximum runs, and agrees with the closed form of the infinite horizon
    longest = dwyer.migration_clv(p, [10, 0, 0], 0.1, horizon=MAX_PERIODS)
    assert longest.tolist() == pytest.approx(dwyer.migration_clv(p, [10, 0, 0], 0.1).tolist())
    for call in (lambda: dwyer.state_projection(p, [1, 0, 0], MAX_PERIODS + 1),
                 lambda: dwyer.event_schedule(_plan(), 10**20),
                 lambda: dwyer.retention_projection(
                     pd.DataFrame({"customers": [1.0], "retention": [0.5], "margin": [1.0]}),
                     MAX_PERIODS + 1)):
        with pytest.raises(ValueError, match="must be between 1 and 10000|between 0 and 10000"):
            call()


def test_an_infinite_horizon_is_the_one_non_finite_value_accepted() -> None:
    p = dwyer.recency_matrix([0.7, 0.0])
    assert dwyer.migration_clv(p, [100, 0], 0.1, horizon=np.inf).iloc[0] == pytest.approx(275)
    for bad in (-np.inf, np.nan):
        with pytest.raises(ValueError, match="horizon must be"):
            dwyer.migration_clv(p, [100, 0], 0.1, horizon=bad)
    with pytest.raises(ValueError, match="periods must be"):
        dwyer.event_schedule(_plan(), np.inf)


def test_rates_written_as_percentages_get_the_hint() -> None:
    with pytest.raises(ValueError, match="discount_rate is a rate written as a fraction: 8 % "
                                         "is 0.08"):
        dwyer.dwyer_table(_group(), 8)
    with pytest.raises(ValueError, match="discount_rate is a rate written as a fraction"):
        dwyer.migration_clv(dwyer.recency_matrix([0.5, 0.0]), [1, 0], 10)
    with pytest.raises(ValueError, match="annual_rate is a rate written as a fraction"):
        dwyer.per_period_rate(12, 12)
    with pytest.raises(ValueError, match=r"plan\['retention'\] holds rates written as "
                                         r"fractions \(8 % is 0.08\)"):
        dwyer.event_schedule(_plan().assign(retention=85), 2)
    with pytest.raises(ValueError, match=r"groups\['retention'\] holds rates written as "
                                         r"fractions"):
        dwyer.retention_projection(pd.DataFrame({"customers": [10.0], "retention": [60],
                                                 "margin": [5.0]}), 3)


def test_results_that_would_overflow_are_refused() -> None:
    # every input finite, the value beyond what a float holds: refused, never inf
    p = dwyer.recency_matrix([1.0, 0.0])
    with pytest.raises(ValueError, match="migration_clv is too large to compute"):
        dwyer.migration_clv(p, [1e300, 0], -0.5, 2000)
    with pytest.raises(ValueError, match="group_value is too large to compute"):
        dwyer.group_value(pd.Series({1: 1e300}), pd.Series({1: 1e300}))


def test_simulations_are_bounded() -> None:
    with pytest.raises(ValueError, match=r"n_sims must be between 1 and 1000000"):
        dwyer.simulate_events(_plan(), 2, n_sims=10**7)
    with pytest.raises(ValueError, match="amount_cv must be between 0 and 10"):
        dwyer.simulate_events(_plan(), 2, amount_cv=1e300)
    with pytest.raises(ValueError, match=r"plan\['rate'\] of a random event must be at most"):
        dwyer.simulate_events(_plan().assign(rate=1e300), 2)


def test_bad_frames_name_the_column() -> None:
    with pytest.raises(TypeError, match=r"data\['sales'\] holds text.*pd.to_numeric"):
        dwyer.dwyer_table(_group().astype({"sales": str}), 0.1)
    orders = _orders()
    with pytest.raises(TypeError, match=r"orders\['order_date'\] holds time-zone-aware"):
        dwyer.recency_states(orders.assign(order_date=orders["order_date"].dt.tz_localize(
            "UTC")))
    with pytest.raises(TypeError, match=r"orders\['order_date'\] must hold dates"):
        dwyer.recency_states(orders.assign(order_date=orders["order_date"].astype(str)))
    with pytest.raises(TypeError, match=r"data\['segment'\] mixes text with other values"):
        dwyer.dwyer_table(_group().assign(segment=pd.Series(["a", 5, "a"], dtype=object)), 0.1,
                          by="segment")
    with pytest.raises(ValueError, match=r"one row per year \(name the group column with by="):
        dwyer.dwyer_table(pd.concat([_group().assign(segment="a"),
                                     _group().assign(segment="b")]), 0.1)
    with pytest.raises(ValueError, match="schedule must have one row per customer, event and "
                                         "period"):
        schedule = dwyer.event_schedule(_plan(), 2)
        dwyer.event_forecast(pd.concat([schedule, schedule.iloc[:1]]))
    with pytest.raises(ValueError, match="percentiles must list each percentile once"):
        dwyer.simulation_ranges(pd.DataFrame({"a": [1.0, 2.0]}), (50, 50))


# ---------------------------------------------------------------------------------------------
# the migration model on the fitted-model base: warns when the data cannot identify the chain
# ---------------------------------------------------------------------------------------------


def _many_orders(customers: int = 12) -> pd.DataFrame:
    """Customers buying in a seeded pattern over eight months of 2024."""
    rng = np.random.default_rng(3)
    rows = [(c, pd.Timestamp(2024, int(m), 10), float(rng.integers(10, 60)))
            for c in range(1, customers + 1)
            for m in sorted(rng.choice(np.arange(1, 9), size=int(rng.integers(2, 5)),
                                       replace=False))]
    return pd.DataFrame(rows, columns=["customer_id", "order_date", "gross_profit"])


def test_migration_model_shares_the_base() -> None:
    from helpers.model import Model

    model = dwyer.MigrationModel(n_states=3)
    assert isinstance(model, Model) and repr(model) == "MigrationModel(n_states=3)"
    assert model.get_params()["horizon"] == np.inf
    with pytest.raises(NotFittedError, match=r"call .fit\(orders\) first"):
        model.summary()
    with warnings.catch_warnings():
        warnings.simplefilter("error", FitWarning)  # enough data: no warning
        fitted = model.fit(_many_orders(), start="2024-01-01", end="2024-08-31")
    assert fitted is model and model.converged_ and model.fit_problems_ == []
    assert repr(model) == "MigrationModel(n_states=3); 12 customers over 8 periods"
    # options are checked in fit, not in the constructor
    bad = dwyer.MigrationModel(discount_rate=8)
    with pytest.raises(ValueError, match="discount_rate is a rate written as a fraction"):
        bad.fit(_many_orders())


def test_a_state_never_left_is_set_to_no_purchase_with_a_warning() -> None:
    # January-February: the only moves start in state 1; states 2 and 3 are never left,
    # so their purchase probabilities cannot be estimated: 0 (no return) and a FitWarning
    orders = _many_orders(20)
    with pytest.warns(FitWarning, match=r"leaving recency state\(s\) \[2, 3\]"):
        model = dwyer.MigrationModel(n_states=3).fit(orders, start="2024-01-01",
                                                     end="2024-02-29")
    assert not model.converged_
    assert model.transition_.loc[2].tolist() == [0.0, 0.0, 1.0]
    assert model.transition_.loc[3].tolist() == [0.0, 0.0, 1.0]
    assert np.isfinite(model.values_).all()
    # the public estimator refuses instead (no model to carry a warning)
    with pytest.raises(ValueError, match=r"state\(s\) \[2, 3\]"):
        dwyer.migration_matrix(model.states_, 3)


def test_a_single_period_cannot_be_fitted() -> None:
    with pytest.raises(ValueError, match="single period"):
        dwyer.MigrationModel(n_states=3).fit(_many_orders(), start="2024-01-01",
                                             end="2024-01-31")


# ---------------------------------------------------------------------------------------------
# chapter 09 is reachable from clv, as the notebooks and answer keys call it
# ---------------------------------------------------------------------------------------------


def test_chapter_09_names_are_re_exported_from_clv() -> None:
    for name in dwyer.__all__:
        if name in ("FREQUENCIES", "MAX_STATES", "MAX_SIMULATIONS", "MAX_EVENT_RATE",
                    "FitWarning"):
            continue
        assert getattr(clv, name) is getattr(dwyer, name), name
        assert name in clv.__all__ and name in dir(clv)
    from helpers.clv import MigrationModel, dwyer_table

    assert dwyer_table is dwyer.dwyer_table and MigrationModel is dwyer.MigrationModel
    assert set(clv.__all__) >= {"BetaGeo", "GammaGamma", "ParetoNBD", "rfm_summary",
                                "customer_lifetime_value"}
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        clv.no_such_name  # noqa: B018


def test_the_forecast_lists_its_events_and_columns(case) -> None:
    """Events and expense lines are the constants the Chinese edition translates."""
    plan = dwyer.event_plan(case.customers, case.orders, case.cost_to_serve, 2024)
    assert set(plan["event"]) == {"order", *value.COST_CATEGORIES}
    assert set(plan["event"]) <= set(dwyer.EVENTS) | set(value.COST_CATEGORIES)
    forecast = dwyer.event_forecast(dwyer.event_schedule(plan, 1))
    assert set(forecast.columns) <= set(dwyer.FORECAST_COLUMNS)
    assert dwyer.event_forecast(dwyer.event_schedule(_plan(), 1)).columns.isin(
        dwyer.FORECAST_COLUMNS).all()
