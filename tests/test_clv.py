"""Customer lifetime value, deterministic models: hand-computed examples, limits, bad input and
the case company's planted retention."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import clv, datasets, value
from helpers.datasets.case_company import PLANTED

# ---------------------------------------------------------------------------------------------
# the retention model
# ---------------------------------------------------------------------------------------------


def test_finite_horizon_by_hand_end_timing() -> None:
    # m = 100, r = 0.8, d = 0.1, 3 years, margins at the end of years 1..3:
    # 100*0.8/1.1 + 100*0.64/1.21 + 100*0.512/1.331 = 72.7273 + 52.8926 + 38.4673 = 164.0872
    assert clv.clv(100, 0.8, 0.1, 3) == pytest.approx(164.0871525, rel=1e-9)
    # with an acquisition cost of 50 paid today: 164.0872 - 50
    assert clv.clv(100, 0.8, 0.1, 3, acquisition_cost=50) == pytest.approx(114.0871525)


def test_finite_horizon_by_hand_start_timing() -> None:
    # first margin now: 100 + 100*0.8/1.1 + 100*0.64/1.21 = 100 + 72.7273 + 52.8926 = 225.6198
    assert clv.clv(100, 0.8, 0.1, 3, timing="start") == pytest.approx(225.6198347, rel=1e-9)


def test_infinite_horizon_closed_forms() -> None:
    # end:   m r / (1 + d - r)       = 100*0.8/0.3 = 266.67
    # start: m (1 + d) / (1 + d - r) = 100*1.1/0.3 = 366.67
    assert clv.clv(100, 0.8, 0.1) == pytest.approx(800 / 3)
    assert clv.clv(100, 0.8, 0.1, timing="start") == pytest.approx(1100 / 3)
    # the margin multiple of Gupta & Lehmann: r = 0.9, d = 0.12 -> 0.9/0.22 = 4.0909
    assert clv.margin_multiple(0.9, 0.12) == pytest.approx(0.9 / 0.22)


def test_edge_cases_by_hand() -> None:
    # r = 0: a customer who never comes back brings nothing later (end) or one margin (start)
    assert clv.clv(100, 0.0, 0.1) == 0.0
    assert clv.clv(100, 0.0, 0.1, timing="start") == pytest.approx(100)
    # horizon 0: nothing counted, only the acquisition cost
    assert clv.clv(100, 0.8, 0.1, 0, acquisition_cost=30) == pytest.approx(-30)
    # r = 1, d = 0: every margin counts in full: 5 x 100
    assert clv.clv(100, 1.0, 0.0, 5) == pytest.approx(500)
    # a negative discount rate with r > 1 + d still has a finite-horizon value:
    # r = 1, d = -0.5, 2 years: 1/0.5 + 1/0.25 = 2 + 4 = 6 margins
    assert clv.clv(1, 1.0, -0.5, 2) == pytest.approx(6)


@given(st.floats(-1e4, 1e4), st.floats(0, 0.98), st.floats(0.0, 0.5))
def test_finite_sum_converges_to_the_closed_form(m: float, r: float, d: float) -> None:
    for timing in clv.TIMINGS:
        infinite = clv.clv(m, r, d, timing=timing)
        assert clv.clv(m, r, d, 5000, timing=timing) == pytest.approx(infinite, abs=1e-6)


def test_finite_horizon_approaches_the_limit_monotonically() -> None:
    horizons = np.array([1, 2, 5, 10, 20, 50, 200])
    values = clv.clv(100, 0.9, 0.1, horizons)
    assert np.all(np.diff(values) > 0)
    assert values[-1] == pytest.approx(clv.clv(100, 0.9, 0.1), rel=1e-9)


@given(st.floats(-1e3, 1e3), st.floats(0, 1), st.floats(-0.5, 1.0), st.integers(0, 40))
def test_closed_form_equals_the_schedule(m: float, r: float, d: float, horizon: int) -> None:
    for timing in clv.TIMINGS:
        table = clv.clv_schedule(m, r, d, horizon, acquisition_cost=10, timing=timing)
        direct = sum(m * r**t / (1 + d) ** t
                     for t in (range(1, horizon + 1) if timing == "end" else range(horizon)))
        assert table["cumulative_pv"].iloc[-1] == pytest.approx(direct - 10, rel=1e-7, abs=1e-7)
        assert clv.clv(m, r, d, horizon, acquisition_cost=10, timing=timing) == pytest.approx(
            direct - 10, rel=1e-7, abs=1e-7)


@given(st.floats(0.01, 0.95), st.floats(0.0, 0.5))
def test_start_is_end_times_one_plus_d_over_r(r: float, d: float) -> None:
    end, start = clv.clv(50, r, d), clv.clv(50, r, d, timing="start")
    assert start == pytest.approx(end * (1 + d) / r, rel=1e-9)


@given(st.floats(0, 0.95), st.floats(0.0, 0.5), st.floats(0.0, 0.5))
def test_clv_rises_with_retention_and_falls_with_discount(r: float, d: float, step: float
                                                          ) -> None:
    r2 = min(r + step, 0.99)
    assert clv.clv(100, r2, d) >= clv.clv(100, r, d) - 1e-9
    assert clv.clv(100, r, d + step) <= clv.clv(100, r, d) + 1e-9


def test_vectorised_grid_and_series() -> None:
    grid = clv.clv(100, np.array([[0.5], [0.9]]), np.array([0.05, 0.1, 0.2]))
    assert grid.shape == (2, 3)
    # 0.9 at 10 %: 100*0.9/0.2 = 450; 0.5 at 20 %: 100*0.5/0.7 = 71.43
    assert grid[1, 1] == pytest.approx(450)
    assert grid[0, 2] == pytest.approx(50 / 0.7)
    margins = pd.Series([100.0, 200.0], index=["a", "b"])
    out = clv.clv(margins, pd.Series([0.8, 0.5], index=["a", "b"]), 0.1)
    assert isinstance(out, pd.Series) and list(out.index) == ["a", "b"]
    assert out["b"] == pytest.approx(200 * 0.5 / 0.6)


# ---------------------------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, error, message", [
    ({"retention": 1.2}, ValueError, "retention is a rate written as a fraction"),
    ({"retention": 101}, ValueError, "retention must be between 0 and 1"),
    ({"retention": -0.1}, ValueError, "retention must be between 0 and 1"),
    ({"retention": [0.5, np.nan]}, ValueError, "retention has 1 missing value"),
    ({"margin": np.nan}, ValueError, "margin must be a number, got nan"),
    ({"margin": np.inf}, ValueError, "margin must be finite"),
    ({"margin": [1.0, -np.inf]}, ValueError, "margin must hold finite numbers"),
    ({"discount_rate": -1.0}, ValueError, "discount_rate must be greater than -1"),
    ({"discount_rate": -3.0}, ValueError, "discount_rate must be greater than -1"),
    ({"horizon": -2}, ValueError, "horizon must be between 0 and 10000"),
    ({"horizon": [3, -2]}, ValueError, "horizon must not be negative"),
    ({"horizon": -np.inf}, ValueError, "horizon must be finite"),
    ({"horizon": 2.5}, ValueError, "horizon must be a whole number"),
    ({"horizon": np.nan}, ValueError, "horizon must be a number, got nan"),
    ({"acquisition_cost": -5}, ValueError, "acquisition_cost must be at least 0"),
    ({"retention": 1.0, "discount_rate": 0.0}, ValueError, "diverges"),
    ({"retention": "high"}, TypeError, "retention must be a number"),
    ({"margin": True}, TypeError, "margin must be a number"),
    ({"timing": "middle"}, ValueError, "timing must be one of"),
    ({"retention": [0.5, 0.6], "margin": [1.0, 2.0, 3.0]}, ValueError, "cannot be broadcast"),
])
def test_bad_input_raises_clear_errors(kwargs: dict, error: type, message: str) -> None:
    args = {"margin": 100.0, "retention": 0.8, "discount_rate": 0.1, **kwargs}
    with pytest.raises(error, match=message):
        clv.clv(**args)


@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: x < 0 or x > 1))
def test_any_retention_outside_0_1_is_refused(r: float) -> None:
    with pytest.raises(ValueError, match="retention (must be between 0 and 1|is a rate "
                                         "written as a fraction)"):
        clv.clv(100, r, 0.1, 5)


@given(st.floats(max_value=-1.0, allow_nan=False, allow_infinity=False))
def test_any_discount_at_or_below_minus_one_is_refused(d: float) -> None:
    with pytest.raises(ValueError, match="discount_rate must be greater than -1"):
        clv.clv(100, 0.5, d, 5)


@given(st.integers(min_value=-10**9, max_value=-1))
def test_any_negative_horizon_is_refused(horizon: int) -> None:
    with pytest.raises(ValueError, match="horizon must be between 0 and 10000"):
        clv.clv(100, 0.5, 0.1, horizon)


def test_the_error_quotes_the_offending_values() -> None:
    with pytest.raises(ValueError, match=r"retention must lie between 0 and 1; 2 values break "
                                         r"this: 1: -0.5, 3: -0.2"):
        clv.clv(100, [0.5, -0.5, 0.7, -0.2], 0.1, 3)
    # rates above 1 that look like percentages get the hint, with the rows at fault
    with pytest.raises(ValueError, match=r"retention holds rates written as fractions \(8 % is "
                                         r"0.08\); 2 value\(s\) above 1 look like "
                                         r"percentages: 1: 1.5, 2: 70.0"):
        clv.clv(100, [0.5, 1.5, 70, -0.2], 0.1, 3)


# ---------------------------------------------------------------------------------------------
# the four steps, the six components, the cohort and the six-step method
# ---------------------------------------------------------------------------------------------

def test_npv_table_by_hand() -> None:
    # profits -50, 80, 60 at d = 10 %, year 1 today: -50 + 80/1.1 + 60/1.21
    # = -50 + 72.7273 + 49.5868 = 72.3141
    table = clv.npv_table([-50, 80, 60], 0.1)
    assert table.columns.tolist() == ["year", "net_profit", "discount_factor", "present_value",
                                      "cumulative_pv"]
    assert table["discount_factor"].tolist() == pytest.approx([1, 1 / 1.1, 1 / 1.21])
    assert table["cumulative_pv"].iloc[-1] == pytest.approx(72.3140496)
    # end timing: every year one more period of discount: 72.3141 / 1.1
    end = clv.npv_table([-50, 80, 60], 0.1, timing="end")
    assert end["cumulative_pv"].iloc[-1] == pytest.approx(72.3140496 / 1.1)


def test_npv_table_bad_input() -> None:
    with pytest.raises(ValueError, match="net_profit has 1 missing value"):
        clv.npv_table([1.0, np.nan], 0.1)
    with pytest.raises(ValueError, match="net_profit is empty"):
        clv.npv_table([], 0.1)
    with pytest.raises(TypeError, match="discount_rate must be a number, got list"):
        clv.npv_table([1.0], [0.1, 0.2])


def test_components_by_hand() -> None:
    # r = 0.5, d = 0 so year t weighs 0.5^t; 2 years: weights 0.5, 0.25 (sum 0.75)
    # CLV1 = 100 - 40 = 60
    # CLV2 = 80*0.5 + 80*1.1*0.25 = 40 + 22 = 62 (wallet growth 10 %)
    # CLV3 = 20*0.75 = 15; CLV4 = (4, 8) -> 4*0.5 + 8*0.25 = 4; CLV5 = 0.2*50*0.75 = 7.5
    # CLV6 = 6*0.75 = 4.5; CLV = 60 + 62 + 15 + 4 + 7.5 + 4.5 = 153
    table = clv.clv_components(100, 80, 0.5, 0.0, 2, wallet_growth=0.1, cross_sell_margin=20,
                               cost_saving=[4, 8], referrals=0.2, referral_value=50,
                               price_premium=6, acquisition_cost=40)
    assert table.index.tolist() == ["CLV1", "CLV2", "CLV3", "CLV4", "CLV5", "CLV6"]
    assert table["value"].tolist() == pytest.approx([60, 62, 15, 4, 7.5, 4.5])
    assert table["value"].sum() == pytest.approx(153) == table.attrs["clv"]
    assert table["share"].sum() == pytest.approx(1.0)
    assert table.loc["CLV5", "chinese"] == "推荐收益"


@given(st.floats(-500, 500), st.floats(0, 1), st.floats(0.0, 0.3), st.integers(1, 30))
def test_repeat_purchase_alone_is_the_retention_model(m: float, r: float, d: float, n: int
                                                      ) -> None:
    table = clv.clv_components(0, m, r, d, n)
    assert table.loc["CLV2", "value"] == pytest.approx(clv.clv(m, r, d, n), rel=1e-9, abs=1e-9)
    assert table["value"].drop("CLV2").abs().sum() == 0


def test_components_bad_input() -> None:
    with pytest.raises(ValueError, match="cost_saving must be one number or 3 yearly values"):
        clv.clv_components(10, 10, 0.5, 0.1, 3, cost_saving=[1, 2])
    with pytest.raises(ValueError, match="referrals must be at least 0"):
        clv.clv_components(10, 10, 0.5, 0.1, 3, referrals=-1)
    with pytest.raises(ValueError, match="referrals must not be negative"):
        clv.clv_components(10, 10, 0.5, 0.1, 3, referrals=[1, -1, 0])
    with pytest.raises(ValueError, match="horizon must be finite"):
        clv.clv_components(10, 10, 0.5, 0.1, np.inf)


def test_factors_show_the_deck_wording_beside_the_course_term() -> None:
    # the eight factors of 第二章“为企业创造价值”, in the deck's order, each as
    # (the course's term, the deck's wording): 计算的时间长度 is the time horizon, 贴现率 the
    # discount rate (standard 折现率), 客户的维系率 the retention rate (客户保持率)
    assert list(clv.CLV_FACTORS)[:3] == ["time horizon", "discount rate", "retention rate"]
    assert len(clv.CLV_FACTORS) == 8
    assert clv.CLV_FACTORS["time horizon"] == ("时间范围", "计算的时间长度")
    assert clv.CLV_FACTORS["discount rate"] == ("折现率", "贴现率")
    assert clv.CLV_FACTORS["retention rate"] == ("客户保持率", "客户的维系率")
    assert all(isinstance(pair, tuple) and len(pair) == 2 for pair in clv.CLV_FACTORS.values())


def test_cohort_by_hand() -> None:
    # 1,000 customers, retention 0.5 then 0.4 -> 1000, 500, 200 customers
    # revenue: 1000*2*100 = 200,000; 500*2*100 = 100,000; 200*2*100 = 40,000
    # direct cost 60 %: 120,000; 60,000; 24,000
    # marketing: 30 x 1000 won = 30,000 in year 1; then 10 per active customer: 5,000; 2,000
    # profit: 50,000; 35,000; 14,000; at d = 0.25 (year 1 today): factors 1, 0.8, 0.64
    # NPV: 50,000; 28,000; 8,960 -> cumulative 86,960 -> 86.96 per original customer
    table = clv.cohort_clv(1000, retention=[0.5, 0.4], orders_per_customer=2,
                           spend_per_order=100, direct_cost_rate=0.6, acquisition_cost=30,
                           marketing_cost=10, discount_rate=0.25)
    assert table["customers"].tolist() == pytest.approx([1000, 500, 200])
    assert table["orders"].tolist() == pytest.approx([2000, 1000, 400])
    assert table["revenue"].tolist() == pytest.approx([200_000, 100_000, 40_000])
    assert table["profit"].tolist() == pytest.approx([50_000, 35_000, 14_000])
    assert table["npv"].tolist() == pytest.approx([50_000, 28_000, 8_960])
    assert table["clv_per_customer"].iloc[-1] == pytest.approx(86.96)


def test_cohort_defaults_follow_the_course_table() -> None:
    table = clv.cohort_clv()
    # the deck's table is lost: the columns of the course's year-by-year table, in order
    assert list(table.columns) == [
        "year", "retention_rate", "customers", "orders_per_customer", "orders",
        "spend_per_order", "revenue", "direct_cost_rate", "direct_cost", "marketing_cost",
        "profit", "discount_factor", "npv", "cumulative_npv", "clv_per_customer"]
    assert table["orders"].tolist() == pytest.approx(
        (table["customers"] * table["orders_per_customer"]).tolist())
    assert table["revenue"].tolist() == pytest.approx(
        (table["orders"] * table["spend_per_order"]).tolist())
    assert table["customers"].iloc[0] == 20_000
    assert len(table) == len(clv.COHORT_DEFAULTS["retention"]) + 1
    # the cohort loses money in year 1 (acquisition) and pays back later
    assert table["profit"].iloc[0] < 0 < table["cumulative_npv"].iloc[-1]
    assert table["cumulative_npv"].iloc[-1] == pytest.approx(table["npv"].sum())


def test_cohort_bad_input() -> None:
    with pytest.raises(ValueError, match="customers must be at least 1"):
        clv.cohort_clv(0)
    with pytest.raises(ValueError, match="customers must be a whole number"):
        clv.cohort_clv(100.5)
    with pytest.raises(ValueError, match="spend_per_order must be one number or 3"):
        clv.cohort_clv(100, retention=[0.5, 0.5], orders_per_customer=1, spend_per_order=[1, 2])
    with pytest.raises(ValueError, match="retention must lie between 0 and 1"):
        clv.cohort_clv(100, retention=[0.5, -0.5], orders_per_customer=1, spend_per_order=1,
                       direct_cost_rate=0.5)
    with pytest.raises(ValueError, match="retention holds rates written as fractions"):
        clv.cohort_clv(100, retention=[0.5, 1.5], orders_per_customer=1, spend_per_order=1,
                       direct_cost_rate=0.5)
    with pytest.raises(ValueError, match="direct_cost_rate is a rate written as a fraction"):
        clv.cohort_clv(100, retention=[0.5], orders_per_customer=1, spend_per_order=1,
                       direct_cost_rate=1.2)
    with pytest.raises(ValueError, match="direct_cost_rate must be between 0 and 1"):
        clv.cohort_clv(100, retention=[0.5], orders_per_customer=1, spend_per_order=1,
                       direct_cost_rate=-0.2)


def test_simple_method_by_hand() -> None:
    # sale 400 at 25 % -> 100 profit per sale; 2 repeat orders -> 300 per customer
    # 90,000 / 600 new customers = 150 per sale -> marginal net worth 300 - 150 = 150
    # 10,000 / 500 prospects = 20 per prospect; 8 % convert -> 250 -> 300 - 250 = 50
    table = clv.simple_clv(400, 0.25, 2, 90_000, 600, 10_000, 500, 0.08)
    v = table["value"]
    assert v["profit_per_sale"] == pytest.approx(100)
    assert v["lifetime_profit"] == pytest.approx(300)
    assert v["cost_per_sale"] == pytest.approx(150)
    assert v["cost_per_converted_prospect"] == pytest.approx(250)
    assert v["marginal_net_worth"] == pytest.approx(150)
    assert v["marginal_net_worth_prospect"] == pytest.approx(50)
    assert table["step"].tolist() == [1, 1, 2, 2, 3, 4, 5, 5, 6, 6]


def test_simple_method_bad_input() -> None:
    with pytest.raises(ValueError, match="new_customers must be greater than 0"):
        clv.simple_clv(new_customers=0)
    with pytest.raises(ValueError, match="conversion_rate is a rate written as a fraction: "
                                         "5 % is 0.05"):
        clv.simple_clv(conversion_rate=5)
    with pytest.raises(ValueError, match="conversion_rate must be greater than 0"):
        clv.simple_clv(conversion_rate=0)
    with pytest.raises(ValueError, match="average_sale must be at least 0"):
        clv.simple_clv(average_sale=-1)


# ---------------------------------------------------------------------------------------------
# inputs from data
# ---------------------------------------------------------------------------------------------

def _toy_customers() -> pd.DataFrame:
    return pd.DataFrame({
        "customer_id": [1, 2, 3, 4],
        "acquisition_date": pd.to_datetime(["2020-05-01", "2020-06-01", "2021-03-01",
                                            "2021-07-01"]),
        "lost_date": pd.to_datetime([None, "2021-08-01", None, "2023-02-01"]),
        "segment": ["a", "a", "b", "b"],
        "acquisition_cost": [100.0, 300.0, 50.0, 150.0],
    })


def test_yearly_retention_by_hand() -> None:
    # 2021: on the books 1 Jan = customers 1, 2 (3, 4 came later); 2 lost in 2021 -> 1/2
    # 2022: on the books = 1, 3, 4; none lost in 2022 (4 leaves in 2023) -> 3/3
    # pooled: 4 retained of 5 at the start = 0.8; segment a: 1/2 + 1/1 = 2/3; b: 2/2
    c = _toy_customers()
    total = clv.yearly_retention(c, [2021, 2022])
    assert total.loc["all", "retention"] == pytest.approx(0.8)
    seg = clv.yearly_retention(c, [2021, 2022], by="segment")
    assert seg["retention"].tolist() == pytest.approx([2 / 3, 1.0])
    per_year = clv.yearly_retention(c, [2021, 2022], by_year=True)
    assert per_year["retention"].tolist() == pytest.approx([0.5, 1.0])
    # standard error of a proportion sqrt(r (1 - r) / n): pooled sqrt(0.8 * 0.2 / 5) = 0.17889;
    # segment a sqrt((2/3)(1/3)/3) = 0.27217; b retains all: 0; per year 2021: sqrt(.25/2)
    assert total.loc["all", "std_error"] == pytest.approx(0.178885438)
    assert seg["std_error"].tolist() == pytest.approx([0.272165527, 0.0])
    assert per_year["std_error"].tolist() == pytest.approx([0.353553391, 0.0])


def test_segment_margin_and_clv_by_hand() -> None:
    # full years: 2021 customer 1; 2022 customers 1, 3, 4
    # profit rows: (1, 2021) 100, (1, 2022) 300, (3, 2022) 50, customer 4 has none in 2022 -> 0
    # margin a = (100 + 300)/2 = 200; b = (50 + 0)/2 = 25
    c = _toy_customers()
    profit = pd.DataFrame({"customer_id": [1, 1, 3, 2], "year": [2021, 2022, 2022, 2021],
                           "net_profit": [100.0, 300.0, 50.0, -80.0]})
    m = clv.segment_margin(profit, c, [2021, 2022], by="segment")
    assert m["margin"].tolist() == pytest.approx([200, 25])
    assert m["customer_years"].tolist() == [2, 2]
    # segment a: r = 2/3, d = 0.1, start timing: 200*1.1/(1.1 - 2/3) = 507.69; cost 200
    table = clv.segment_clv(c, profit, [2021, 2022], by="segment", discount_rate=0.1)
    assert table.loc["a", "value"] == pytest.approx(200 * 1.1 / (1.1 - 2 / 3))
    assert table.loc["a", "clv"] == pytest.approx(200 * 1.1 / (1.1 - 2 / 3) - 200)
    # segment b: r = 1, d = 0.1: 25*1.1/0.1 = 275 - 100 = 175
    assert table.loc["b", "clv"] == pytest.approx(175)
    assert table["worth_acquiring"].all()


def test_data_functions_bad_input() -> None:
    c = _toy_customers()
    with pytest.raises(ValueError, match="missing column"):
        clv.yearly_retention(c.drop(columns="lost_date"), [2021])
    with pytest.raises(ValueError, match="no customer was on the books"):
        clv.yearly_retention(c, [2019])
    with pytest.raises(ValueError, match=r"group\(s\) \['b'\] have no customer"):
        clv.yearly_retention(c, [2021], by="segment")
    bad = c.assign(lost_date=pd.to_datetime(["2019-01-01", None, None, None]))
    with pytest.raises(ValueError, match="lost_date must not be before acquisition_date"):
        clv.yearly_retention(bad, [2021])
    with pytest.raises(ValueError, match="customers must have one row per customer_id"):
        clv.yearly_retention(pd.concat([c, c.iloc[:1]]), [2021])
    with pytest.raises(ValueError, match="years is empty"):
        clv.yearly_retention(c, [])
    with pytest.raises(ValueError, match=r"profit\['net_profit'\] has 1 missing value"):
        clv.segment_margin(pd.DataFrame({"customer_id": [1], "year": [2021],
                                         "net_profit": [np.nan]}), c, [2021])


@pytest.fixture(scope="module")
def case():
    return datasets.load_case_company()


def test_recovers_the_planted_churn_of_new_customers(case) -> None:
    # planted: new customers churn with a constant hazard of 22 / 12 / 8 % a year
    # (small / medium / large), so a year's retention is exp(-hazard): 0.80 / 0.89 / 0.92
    new = case.customers[case.customers["acquisition_date"] >= "2022-01-01"]
    table = clv.yearly_retention(new, range(2022, 2025), by="size")
    planted = pd.Series(PLANTED["new_customer_churn_hazard"])
    expected = np.exp(-planted)
    assert abs(table.loc["small", "retention"] - expected["small"]) < 0.04
    assert abs(table.loc["medium", "retention"] - expected["medium"]) < 0.07
    assert table.loc["small", "retention"] < table.loc["medium", "retention"]


def test_new_small_customers_are_not_worth_their_acquisition_cost(case) -> None:
    # planted: new small customers barely break even, web customers lose money
    profit = value.customer_profit(case.orders, case.cost_to_serve)
    new = case.customers[case.customers["acquisition_date"] >= "2022-01-01"]
    by_size = clv.segment_clv(new, profit, range(2022, 2025), by="size")
    assert not by_size.loc["small", "worth_acquiring"]
    assert by_size.loc[["medium", "large"], "worth_acquiring"].all()
    by_channel = clv.segment_clv(new, profit, range(2022, 2025), by="acquisition_channel")
    assert by_channel.loc["web", "margin"] < 0 and not by_channel.loc["web", "worth_acquiring"]
    assert math.isfinite(by_channel["clv"].sum())


def test_yearly_retention_agrees_with_chapter_07() -> None:
    """The same customer-years as retention.period_retention / group_retention on the case data."""
    from helpers import datasets, retention

    customers = datasets.load_case_company().customers
    years = [2022, 2023, 2024]
    ours = clv.yearly_retention(customers, years, by="size")
    theirs = retention.group_retention(customers, "size", years)
    assert ours["at_start"].tolist() == theirs["at_start"].tolist()
    assert ours["retention"].to_numpy() == pytest.approx(theirs["retention_rate"].to_numpy())
    per_year = clv.yearly_retention(customers, years, by_year=True)
    assert per_year["retained"].tolist() == (
        retention.period_retention(customers)["retained"].tolist())


# ---------------------------------------------------------------------------------------------
# the bad input (issue 11): refused clearly, never inf, NaN or endless work
# ---------------------------------------------------------------------------------------------

def test_an_infinite_margin_is_refused_not_returned() -> None:
    # clv(margin=1.8e308) returned inf: 1.8e308 is beyond a float, so it *is* inf
    with pytest.raises(ValueError, match="margin must be finite, got inf"):
        clv.clv(margin=1.8e308, retention=0.8, discount_rate=0.1)


@pytest.mark.parametrize("kwargs", [
    {"margin": 1.7e308, "retention": 1.0, "discount_rate": 0.0, "horizon": 5},
    {"margin": 1e300, "retention": 1.0, "discount_rate": -0.5, "horizon": 2000},
    {"margin": 0.0, "retention": 1.0, "discount_rate": -0.5, "horizon": 10_000},
])
def test_a_value_that_overflows_is_refused(kwargs: dict) -> None:
    # every input finite, the result beyond a float (inf, or 0 x inf = NaN): refused
    with pytest.raises(ValueError, match="clv is too large to compute.*margin"):
        clv.clv(**kwargs)


def test_tables_that_overflow_are_refused() -> None:
    with pytest.raises(ValueError, match="clv_schedule is too large to compute"):
        clv.clv_schedule(1e300, 1.0, -0.9, 400)
    with pytest.raises(ValueError, match="npv_table is too large to compute"):
        clv.npv_table([1e308, 1e308], -0.5)
    with pytest.raises(ValueError, match="cohort_clv is too large to compute"):
        clv.cohort_clv(10**300, retention=[0.5], orders_per_customer=1e10,
                       spend_per_order=1e10, direct_cost_rate=0.5)


def test_rates_above_one_get_the_percent_hint() -> None:
    with pytest.raises(ValueError, match="discount_rate is a rate written as a fraction: 8 % is "
                                         "0.08, got 8"):
        clv.clv(100, 0.8, discount_rate=8)
    with pytest.raises(ValueError, match="retention is a rate written as a fraction: 85 % is "
                                         "0.85"):
        clv.clv(100, 85, 0.1)
    with pytest.raises(ValueError, match=r"discount_rate holds rates written as fractions "
                                         r"\(8 % is 0.08\).*1: 12.0"):
        clv.clv(100, 0.8, [0.08, 12])
    with pytest.raises(ValueError, match="profit_rate is a rate written as a fraction"):
        clv.simple_clv(profit_rate=30)
    with pytest.raises(ValueError, match="wallet_growth is a rate written as a fraction"):
        clv.clv_components(10, 10, 0.5, 0.1, 3, wallet_growth=5)
    with pytest.raises(ValueError, match="discount_rate is a rate written as a fraction"):
        clv.segment_clv(_toy_customers(), pd.DataFrame({"customer_id": [1], "year": [2021],
                                                        "net_profit": [1.0]}),
                        [2021], by="segment", discount_rate=10)
    # 100 % is still a rate; above 100 it is no percentage either
    assert clv.clv(100, 0.5, 1.0, 1) == pytest.approx(25)
    with pytest.raises(ValueError, match="discount_rate must be greater than -1 and at most 1"):
        clv.clv(100, 0.8, 250)


def test_horizons_have_a_documented_maximum_or_the_closed_form() -> None:
    from helpers.validation import MAX_PERIODS

    with pytest.raises(ValueError, match=r"horizon must be at most 10,000 periods "
                                         r"\(validation.MAX_PERIODS\), got 1e\+300; pass "
                                         r"numpy.inf"):
        clv.clv(100, 0.8, 0.1, 1e300)
    with pytest.raises(ValueError, match=r"horizon must be at most 10,000 periods.*1: 20000"):
        clv.clv(100, 0.8, 0.1, [10, 20_000])
    with pytest.raises(ValueError, match="horizon must be at most 10,000 periods"):
        clv.clv_schedule(100, 0.8, 0.1, 10**20)
    # np.inf is the one non-finite value accepted: the closed form
    assert clv.clv(100, 0.8, 0.1, np.inf) == pytest.approx(800 / 3)
    assert clv.clv(100, 0.8, 0.1, [3, np.inf])[1] == pytest.approx(800 / 3)
    assert clv.clv(100, 0.8, 0.1, MAX_PERIODS) == pytest.approx(800 / 3)
    with pytest.raises(ValueError, match="horizon must be finite"):
        clv.clv_schedule(100, 0.8, 0.1, np.inf)


def test_series_inputs_must_share_their_index() -> None:
    with pytest.raises(ValueError, match="margin and retention are Series whose indexes "
                                         "differ"):
        clv.clv(pd.Series([1.0, 2.0], index=["a", "a"]), pd.Series([0.5, 0.6],
                                                                    index=["a", "b"]), 0.1)


def test_data_functions_check_types_and_labels() -> None:
    c = _toy_customers()
    with pytest.raises(TypeError, match=r"customers\['acquisition_date'\] holds time-zone-aware"):
        clv.yearly_retention(c.assign(acquisition_date=c["acquisition_date"].dt.tz_localize(
            "UTC")), [2021])
    with pytest.raises(TypeError, match=r"customers\['lost_date'\] must hold dates"):
        clv.yearly_retention(c.assign(lost_date=c["lost_date"].astype(str)), [2021])
    with pytest.raises(TypeError, match=r"customers\['segment'\] mixes text with other values"):
        clv.yearly_retention(c.assign(segment=pd.Series(["a", "a", 3, "b"], dtype=object)),
                             [2021, 2022], by="segment")
    with pytest.raises(ValueError, match="by must name a column of customers"):
        clv.yearly_retention(c, [2021], by="region")
    with pytest.raises(ValueError, match="years must lie between 1900 and 2200"):
        clv.yearly_retention(c, [-2021])
    with pytest.raises(ValueError, match="years must list each year once"):
        clv.yearly_retention(c, [2021, 2021])
    with pytest.raises(TypeError, match="by_year must be True or False"):
        clv.yearly_retention(c, [2021], by_year="yes")
    with pytest.raises(TypeError, match=r"profit\['net_profit'\] holds text"):
        clv.segment_margin(pd.DataFrame({"customer_id": [1], "year": [2021],
                                         "net_profit": ["100"]}), c, [2021])


def test_the_tables_list_their_rows_and_columns() -> None:
    """The constants the Chinese edition translates are the helpers' own rows and columns;
    the texts are English in English, the Chinese names stay."""
    assert list(clv.cohort_clv().columns) == list(clv.COHORT_COLUMNS)
    simple = clv.simple_clv()
    assert list(simple.index) == list(clv.SIMPLE_CLV_ROWS)
    assert simple.loc["average_sale", "quantity"] == "average sale"
    assert clv.VALUE_COMPOSITION["historical value"] == ("历史价值", "the value realised so far")
    assert clv.clv_components(1, 1, 0.5, 0.1, 1).loc["CLV1", ["source", "chinese"]].tolist() == [
        "initial purchase", "初期购买收益"]
