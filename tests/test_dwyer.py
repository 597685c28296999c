"""Customer lifetime value II (chapter 09): the DWYER method, the migration model and
customer-event prediction. Hand-computed examples, identities with the retention model,
cross-checks, bad input and the case company's planted structure."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from properties import examples

from helpers import clv, datasets, value
from helpers.datasets.case_company import planted_customer_types


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
    table = clv.dwyer_table(_group(), 0.1)
    assert table["profit"].tolist() == [4000, 3000, 2160]
    assert table["retention"].tolist() == pytest.approx([1.0, 0.6, 0.6])
    assert table["npv"].tolist() == pytest.approx([4000, 2727.272727, 1785.123967])
    assert table["cumulative_npv"].tolist() == pytest.approx([4000, 6727.272727, 8512.396694])
    assert table["value_per_customer"].tolist() == pytest.approx([40, 67.27272727, 85.12396694])
    assert table["profit_per_customer"].tolist() == pytest.approx([40, 50, 60])
    # timing "end": 4000/1.1 + 3000/1.21 + 2160/1.331 = 3636.3636 + 2479.3388 + 1622.8399
    end = clv.dwyer_table(_group(), 0.1, timing="end")
    assert end["cumulative_npv"].iloc[-1] == pytest.approx(7738.542449)


def test_dwyer_table_groups_are_separate_and_sorted() -> None:
    a = _group().assign(segment="a")
    b = _group(customers=(10, 5, 0), sales=(1000, 500, 0), costs=(900, 600, 0)).assign(
        segment="b")
    table = clv.dwyer_table(pd.concat([b, a]).sample(frac=1, random_state=1), 0.1, by="segment")
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
    table = clv.dwyer_table(clv.retention_projection(groups, horizon), d, by="segment")
    expected = clv.clv(s - c, r, d, horizon, timing="start", acquisition_cost=a)
    assert table["value_per_customer"].iloc[-1] == pytest.approx(expected, rel=1e-9, abs=1e-6)


def test_retention_projection_by_hand() -> None:
    # 200 customers, r = 0.5: 200, 100, 50 active; sales 10 each; cost 4 each + 3 acquisition
    groups = pd.DataFrame({"customers": [200], "retention": [0.5], "sales_per_customer": [10.0],
                           "cost_per_customer": [4.0], "acquisition_cost": [3.0]})
    proj = clv.retention_projection(groups, 3)
    assert proj["customers"].tolist() == [200, 100, 50]
    assert proj["sales"].tolist() == [2000, 1000, 500]
    assert proj["costs"].tolist() == [800 + 600, 400, 200]


def test_retention_projection_with_a_margin() -> None:
    # the same group given its margin (10 - 4 = 6 a customer) instead of sales and costs:
    # profit 200*6 - 200*3 = 600, 100*6 = 600, 50*6 = 300, and the same DWYER values
    base = {"customers": [200], "retention": [0.5], "acquisition_cost": [3.0]}
    by_margin = clv.retention_projection(pd.DataFrame({**base, "margin": [6.0]}), 3)
    assert list(by_margin.columns) == ["group", "year", "customers", "profit"]
    assert by_margin["profit"].tolist() == [600, 600, 300]
    by_lines = clv.retention_projection(pd.DataFrame({**base, "sales_per_customer": [10.0],
                                                      "cost_per_customer": [4.0]}), 3)
    dwyer_margin = clv.dwyer_table(by_margin, 0.1, by="group")
    dwyer_lines = clv.dwyer_table(by_lines, 0.1, by="group")
    assert "sales_per_customer" not in dwyer_margin.columns
    for column in ["profit", "npv", "cumulative_npv", "value_per_customer",
                   "profit_per_customer"]:
        assert dwyer_margin[column].tolist() == pytest.approx(dwyer_lines[column].tolist())
    # a loss-making margin is allowed (profit may be negative), NaN is not
    loss = clv.retention_projection(pd.DataFrame({**base, "margin": [-2.0]}), 2)
    assert loss["profit"].tolist() == [-1000, -200]
    with pytest.raises(ValueError, match="NaN"):
        clv.retention_projection(pd.DataFrame({**base, "margin": [np.nan]}), 2)
    with pytest.raises(ValueError, match="not both"):
        clv.retention_projection(pd.DataFrame({**base, "margin": [6.0],
                                               "sales_per_customer": [10.0]}), 2)


def test_dwyer_table_from_profit() -> None:
    # the by-hand group of test_dwyer_table_by_hand, given its profit directly
    group = _group()
    table = clv.dwyer_table(group.assign(profit=group["sales"] - group["costs"])
                            .drop(columns=["sales", "costs"]), 0.1)
    assert table["value_per_customer"].tolist() == pytest.approx([40, 67.27272727, 85.12396694])
    with pytest.raises(ValueError, match="not both"):
        clv.dwyer_table(group.assign(profit=1.0), 0.1)


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
    table = clv.group_years(customers, profit, [2021, 2022], by="segment").set_index(
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
    states = clv.recency_states(_orders(), freq="M", n_states=3, start="2024-01-01",
                                end="2024-06-30")
    # customer 1: bought Jan, Feb -> 1, 1; no Mar -> 2; no Apr -> 3; May -> 1; no Jun -> 2
    # customer 2: not yet a customer (0) in Jan, Feb; bought Mar -> 1; then 2, 3, 3 (capped)
    assert states.loc[1].tolist() == [1, 1, 2, 3, 1, 2]
    assert states.loc[2].tolist() == [0, 0, 1, 2, 3, 3]


def test_migration_matrix_by_hand() -> None:
    states = clv.recency_states(_orders(), freq="M", n_states=3, start="2024-01-01",
                                end="2024-06-30")
    p = clv.migration_matrix(states)
    # moves: customer 1: 1->1, 1->2, 2->3, 3->1, 1->2; customer 2: 1->2, 2->3, 3->3
    # from 1: to 1 once, to 2 three times -> 0.25, 0.75; from 2: to 3 twice -> 1.0;
    # from 3: to 1 once, to 3 once -> 0.5, 0.5
    assert p.to_numpy().tolist() == [[0.25, 0.75, 0.0], [0.0, 0.0, 1.0], [0.5, 0.0, 0.5]]
    assert p.attrs["counts"].to_numpy().sum() == 8
    assert clv.purchase_probabilities(p).tolist() == [0.25, 0.0, 0.5]


def test_recency_matrix_by_hand() -> None:
    p = clv.recency_matrix([0.3, 0.2, 0.0])
    assert p.to_numpy().tolist() == [[0.3, 0.7, 0.0], [0.2, 0.0, 0.8], [0.0, 0.0, 1.0]]


def test_migration_clv_by_hand() -> None:
    # P = [[.5, .5], [.2, .8]], R = (10, -1), d = 0.1.
    # V = (I - P/1.1)^-1 R = 1.1 (1.1 I - P)^-1 R; 1.1 I - P = [[.6, -.5], [-.2, .3]], det .08,
    # inverse [[.3, .5], [.2, .6]] / .08; times R: (3 - .5)/.08 = 31.25, (2 - .6)/.08 = 17.5;
    # times 1.1: V = (34.375, 19.25)
    p = [[0.5, 0.5], [0.2, 0.8]]
    assert clv.migration_clv(p, [10, -1], 0.1).tolist() == pytest.approx([34.375, 19.25])
    # two periods: V_2 = R + P R / 1.1 = (10 + 4.5/1.1, -1 + 1.2/1.1) = (14.0909, 0.0909)
    assert clv.migration_clv(p, [10, -1], 0.1, 2).tolist() == pytest.approx(
        [14.0909091, 0.0909091])
    assert clv.migration_clv(p, [10, -1], 0.1, 0).tolist() == [0.0, 0.0]


def test_migration_clv_matches_an_independent_implementation() -> None:
    # Cross-check with the test values of an independent open-source implementation of Pfeifer &
    # Carraway's (2000) model (phpOMS, Business/Marketing/Metrics::migrationModel and its unit
    # test): d = 0.1, purchase probabilities by recency (0.5, 0.2, 0.1, 0), reward 100 in state 1
    # only -> V = (231.08, 57.29, 21.01, 0.0) to 0.01.
    p = clv.recency_matrix([0.5, 0.2, 0.1, 0.0])
    v = clv.migration_clv(p, [100, 0, 0, 0], 0.1)
    assert v.tolist() == pytest.approx([231.08, 57.29, 21.01, 0.0], abs=0.01)
    # and its 4-period purchase matrix for p = (0.3, 0.2, 0.05, 0): P^4 row 1 starts
    # (0.0823, 0.0973, 0.1288, 0.6916), row 2 (0.037, 0.0406, 0.056, 0.8664), to 0.0001
    four = clv.recency_matrix([0.3, 0.2, 0.05, 0.0])
    rows = clv.state_projection(four, [1, 0, 0, 0], 4).iloc[-1]
    assert rows.tolist() == pytest.approx([0.0823, 0.0973, 0.1288, 0.6916], abs=1e-4)
    rows = clv.state_projection(four, [0, 1, 0, 0], 4).iloc[-1]
    assert rows.tolist() == pytest.approx([0.037, 0.0406, 0.056, 0.8664], abs=1e-4)


@settings(max_examples=examples(60))
@given(st.floats(-500, 500), st.floats(0, 1), st.floats(0.01, 0.5), st.integers(0, 30))
def test_lost_for_good_chain_is_the_retention_model(m: float, r: float, d: float,
                                                    horizon: int) -> None:
    # one active state kept with probability r, else absorbed in "lost" (reward 0): the migration
    # model reduces to the retention model with the first margin now (Berger & Nasr 1998, case 1)
    p = clv.recency_matrix([r, 0.0])
    assert clv.migration_clv(p, [m, 0.0], d, horizon).iloc[0] == pytest.approx(
        clv.clv(m, r, d, horizon, timing="start"), rel=1e-9, abs=1e-9)
    assert clv.migration_clv(p, [m, 0.0], d).iloc[0] == pytest.approx(
        m * (1 + d) / (1 + d - r), rel=1e-9, abs=1e-9)


@settings(max_examples=examples(40))
@given(st.lists(st.floats(0, 1), min_size=2, max_size=6), st.floats(0.01, 0.3))
def test_finite_horizon_converges_and_values_fall_with_recency(ps: list[float],
                                                               d: float) -> None:
    p = clv.recency_matrix(sorted(ps, reverse=True))
    reward = clv.migration_rewards(100, 0, len(ps))
    forever = clv.migration_clv(p, reward, d)
    long = clv.migration_clv(p, reward, d, 3000)
    assert long.to_numpy() == pytest.approx(forever.to_numpy(), rel=1e-6, abs=1e-6)
    # with purchase probabilities falling in recency, a more recent customer is worth more
    assert (np.diff(forever.to_numpy()) <= 1e-9).all()


def test_migration_rewards_by_hand() -> None:
    # margin 40, marketing 4 a period, marketing stops after state 3 of 5: (36, -4, -4, 0, 0)
    assert clv.migration_rewards(40, 4, 5, market_states=3).tolist() == [36, -4, -4, 0, 0]
    assert clv.migration_rewards(40, 4, 3).tolist() == [36, -4, -4]


def test_group_value_and_projection_by_hand() -> None:
    values = pd.Series([100.0, 40.0, 10.0], index=[1, 2, 3])
    table = clv.group_value(pd.Series({1: 5, 3: 10}), values)
    # 5 x 100 + 0 x 40 + 10 x 10 = 600
    assert table.attrs["total"] == 600
    assert table["customers"].tolist() == [5, 0, 10]
    assert table["share"].tolist() == pytest.approx([500 / 600, 0, 100 / 600])
    # 10 customers in state 1 of the chain (0.3, 0.2, 0): after one period 3 in state 1, 7 in 2
    proj = clv.state_projection(clv.recency_matrix([0.3, 0.2, 0.0]), [10, 0, 0], 2)
    assert proj.loc[1].tolist() == pytest.approx([3, 7, 0])
    # period 2: 3 x .3 + 7 x .2 = 2.3 in state 1, 3 x .7 = 2.1 in 2, 7 x .8 = 5.6 in 3
    assert proj.loc[2].tolist() == pytest.approx([2.3, 2.1, 5.6])


def test_simulated_customers_average_to_the_model() -> None:
    p = clv.recency_matrix([0.6, 0.4, 0.2, 0.1])
    reward = clv.migration_rewards(50, 2, 4)
    draws = clv.simulate_migration(p, reward, 0.02, 24, n_sims=20_000, seed=7)
    expected = clv.migration_clv(p, reward, 0.02, 24).iloc[0]
    assert abs(draws.mean() - expected) < 4 * draws.std() / np.sqrt(len(draws))
    # individuals differ a lot although the model gives all of them the same value
    assert draws.std() > 0.3 * abs(expected)
    again = clv.simulate_migration(p, reward, 0.02, 24, n_sims=20_000, seed=7)
    assert again.equals(draws)


def test_migration_model_fit_predict_summary() -> None:
    model = clv.MigrationModel(n_states=3, freq="M", discount_rate=0.01).fit(
        _orders(), start="2024-01-01", end="2024-06-30")
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
    with pytest.raises(ValueError, match="not fitted"):
        clv.MigrationModel().predict()


def test_per_period_rate() -> None:
    # (1.1)^(1/12) - 1 = 0.0079741
    assert clv.per_period_rate(0.1, 12) == pytest.approx(0.00797414)
    assert (1 + clv.per_period_rate(0.1, 4)) ** 4 == pytest.approx(1.1)


# ---------------------------------------------------------------------------------------------
# customer-event prediction
# ---------------------------------------------------------------------------------------------


def _plan() -> pd.DataFrame:
    return pd.DataFrame({"customer_id": [7, 7], "event": ["order", "service"],
                         "rate": [2.0, 1.0], "revenue": [100.0, 0.0], "cost": [60.0, 30.0],
                         "retention": [0.5, 0.5]})


def test_event_forecast_by_hand() -> None:
    schedule = clv.event_schedule(_plan(), 2)
    # period 1 (alive 1): 2 orders -> revenue 200, cost 120; service 30 -> profit 50
    # period 2 (alive .5): 1 order expected -> revenue 100, cost 60; service 15 -> profit 25
    assert schedule["expected_events"].tolist() == [2.0, 1.0, 1.0, 0.5]
    forecast = clv.event_forecast(schedule, 0.1)
    row = forecast.loc[7]
    assert row["revenue"] == 300 and row["cost_order"] == 180 and row["cost_service"] == 45
    assert row["cost"] == 225 and row["profit"] == 75
    # present value: 50 + 25 / 1.1 = 72.7273 (first period today)
    assert row["pv_profit"] == pytest.approx(72.7272727)
    assert clv.event_forecast(schedule, 0.1, timing="end").loc[7, "pv_profit"] == pytest.approx(
        50 / 1.1 + 25 / 1.21)


def test_simulation_without_uncertainty_is_the_forecast() -> None:
    plan = _plan().assign(retention=1.0, random=False)
    draws = clv.simulate_events(plan, 3, n_sims=5, seed=1, discount_rate=0.1)
    # 3 periods of profit 2 x 40 - 30 = 50, discounted: 50 + 50/1.1 + 50/1.21 = 136.7769
    assert draws[7].tolist() == pytest.approx([136.7768595] * 5)


def test_simulation_mean_converges_to_the_forecast() -> None:
    plan = pd.concat([_plan(), _plan().assign(customer_id=8, retention=0.9)])
    draws = clv.simulate_events(plan, 4, n_sims=20_000, seed=3, discount_rate=0.05,
                                amount_cv=0.2)
    forecast = clv.event_forecast(clv.event_schedule(plan, 4), 0.05)["pv_profit"]
    for customer in (7, 8):
        se = draws[customer].std() / np.sqrt(len(draws))
        assert abs(draws[customer].mean() - forecast[customer]) < 4 * se
    assert clv.simulate_events(plan, 4, n_sims=50, seed=3).equals(
        clv.simulate_events(plan, 4, n_sims=50, seed=3))


def test_simulation_ranges_by_hand() -> None:
    draws = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [10.0, 20.0, 30.0]})
    ranges = clv.simulation_ranges(draws, (0, 50, 100))
    assert ranges.loc["a"].tolist() == [2.0, 1.0, 2.0, 3.0]
    total = clv.simulation_ranges(draws, (50,), total=True)
    assert total.loc["total"].tolist() == [22.0, 22.0]  # totals 11, 22, 33


# ---------------------------------------------------------------------------------------------
# bad input: clear errors naming the argument
# ---------------------------------------------------------------------------------------------


@given(st.floats(0.01, 0.5).filter(lambda x: abs(x) > 1e-6))
def test_rows_that_do_not_sum_to_one_are_refused(excess: float) -> None:
    with pytest.raises(ValueError, match="row sums"):
        clv.migration_clv([[0.5, 0.5 + excess], [0.2, 0.8]], [1, 0], 0.1)


@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: x < 0 or x > 1))
def test_probabilities_outside_the_unit_interval_are_refused(p: float) -> None:
    with pytest.raises(ValueError, match="purchase_probability must lie between 0"):
        clv.recency_matrix([p, 0.0])
    with pytest.raises(ValueError, match="retention"):
        clv.event_schedule(_plan().assign(retention=p), 2)


@given(st.floats(max_value=0.0, allow_nan=False, allow_infinity=False).filter(lambda x: x > -1))
def test_infinite_horizon_needs_a_positive_discount_rate(d: float) -> None:
    with pytest.raises(ValueError, match="positive discount_rate"):
        clv.migration_clv(clv.recency_matrix([0.5, 0.2]), [10, 0], d)


@given(st.floats(max_value=-1e-9, min_value=-1e9))
def test_negative_amounts_are_refused(amount: float) -> None:
    with pytest.raises(ValueError, match=r"data\['sales'\]"):
        clv.dwyer_table(_group(sales=(amount, 1, 1)), 0.1)
    with pytest.raises(ValueError, match=r"plan\['cost'\]"):
        clv.event_schedule(_plan().assign(cost=amount), 2)


def test_bad_frames_are_refused() -> None:
    with pytest.raises(ValueError, match="missing column"):
        clv.dwyer_table(_group().drop(columns="costs"), 0.1)
    with pytest.raises(ValueError, match="NaN"):
        clv.dwyer_table(_group().astype({"sales": float}).assign(
            sales=[1.0, np.nan, 2.0]), 0.1)
    with pytest.raises(ValueError, match="one row per year"):
        clv.dwyer_table(pd.concat([_group(), _group()]), 0.1)
    with pytest.raises(ValueError, match="first year"):
        clv.dwyer_table(_group(customers=(0, 0, 0)), 0.1)
    with pytest.raises(ValueError, match="empty"):
        clv.dwyer_table(_group().iloc[:0], 0.1)
    with pytest.raises(TypeError, match="DataFrame"):
        clv.dwyer_table([1, 2, 3], 0.1)
    with pytest.raises(ValueError, match="discount_rate"):
        clv.dwyer_table(_group(), -1.5)
    with pytest.raises(ValueError, match="one row per customer and event"):
        clv.event_schedule(pd.concat([_plan(), _plan()]), 2)
    with pytest.raises(ValueError, match="one retention rate"):
        clv.event_schedule(_plan().assign(retention=[0.5, 0.6]), 2)
    with pytest.raises(ValueError, match="periods"):
        clv.event_schedule(_plan(), 0)
    with pytest.raises(ValueError, match="missing column"):
        clv.event_forecast(clv.event_schedule(_plan(), 2).drop(columns="profit"))


def test_bad_chains_are_refused() -> None:
    with pytest.raises(ValueError, match="square"):
        clv.migration_clv([[0.5, 0.5]], [1], 0.1)
    with pytest.raises(ValueError, match="one value per state"):
        clv.migration_clv([[0.5, 0.5], [0.2, 0.8]], [1, 2, 3], 0.1)
    with pytest.raises(ValueError, match="NaN"):
        clv.migration_clv([[0.5, np.nan], [0.2, 0.8]], [1, 0], 0.1)
    with pytest.raises(ValueError, match="same states"):
        clv.migration_clv(pd.DataFrame([[0.5, 0.5], [0.2, 0.8]], index=[1, 2], columns=[1, 3]),
                          [1, 0], 0.1)
    with pytest.raises(ValueError, match="n_states"):
        clv.recency_states(_orders(), n_states=1)
    with pytest.raises(ValueError, match="freq"):
        clv.recency_states(_orders(), freq="W")
    with pytest.raises(ValueError, match="no order"):
        clv.recency_states(_orders(), start="2025-01-01", end="2025-03-31")
    with pytest.raises(ValueError, match=r"state\(s\) \[2, 3\]"):
        # Jan-Feb: customer 1 buys in both months, the only move is 1 -> 1; nobody leaves
        # states 2 and 3, so their rows cannot be estimated
        clv.migration_matrix(clv.recency_states(_orders(), n_states=3, start="2024-01-01",
                                                end="2024-02-29"), 3)
    with pytest.raises(TypeError, match="whole-number"):
        clv.migration_matrix(pd.DataFrame([[1.0, 2.0]]))
    with pytest.raises(ValueError, match="start_state"):
        clv.simulate_migration(clv.recency_matrix([0.5, 0.2]), [1, 0], 0.1, 5, start_state=3)
    with pytest.raises(TypeError, match="seed"):
        clv.simulate_migration(clv.recency_matrix([0.5, 0.2]), [1, 0], 0.1, 5, seed=None)
    with pytest.raises(ValueError, match="n_sims"):
        clv.simulate_events(_plan(), 2, n_sims=0)
    with pytest.raises(ValueError, match="market_states"):
        clv.migration_rewards(10, 1, 3, market_states=4)
    with pytest.raises(ValueError, match="counts has state"):
        clv.group_value(pd.Series({9: 1}), pd.Series({1: 1.0}))


# ---------------------------------------------------------------------------------------------
# the case company's planted structure
# ---------------------------------------------------------------------------------------------


def test_lost_customers_are_lost_for_good(case) -> None:
    # the case company's lost customers never order again: a shrinking group, as DWYER assumes
    orders = case.orders.merge(case.customers[["customer_id", "lost_date"]], on="customer_id")
    assert not (orders["order_date"] > orders["lost_date"]).any()
    old = case.customers[case.customers["acquisition_date"] < "2022-01-01"]
    profit = value.customer_profit(case.orders, case.cost_to_serve)
    table = clv.dwyer_table(clv.group_years(old, profit, range(2022, 2025), by="size"), 0.1,
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
        states = clv.recency_states(o, freq="M", n_states=4, start=start, end=end)
        return clv.purchase_probabilities(clv.migration_matrix(states, 4)).loc[1]

    drop_planted = p1(planted, "2022-01-01", "2023-06-30") - p1(planted, "2023-07-01",
                                                                 "2024-12-31")
    drop_others = p1(others, "2022-01-01", "2023-06-30") - p1(others, "2023-07-01",
                                                              "2024-12-31")
    assert drop_planted > 0.05
    assert drop_planted > drop_others + 0.05


def test_event_forecast_of_one_year_is_the_base_year_profit(case) -> None:
    # with retention 1 and one period, the forecast repeats the base year: its profit equals
    # chapter 04's net customer profit of 2024 for the customers on the books at its end
    plan = clv.event_plan(case.customers, case.orders, case.cost_to_serve, 2024)
    forecast = clv.event_forecast(clv.event_schedule(plan, 1))
    profit = value.customer_profit(case.orders, case.cost_to_serve)
    base = profit[profit["year"] == 2024].set_index("customer_id")["net_profit"]
    assert forecast["profit"].sort_index().to_numpy() == pytest.approx(
        base.reindex(forecast.index).fillna(0.0).sort_index().to_numpy(), abs=1e-6)
