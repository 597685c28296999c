"""Pareto concentration: hand-computed examples and bad input."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from edition import in_chinese
from hypothesis import given, settings
from hypothesis import strategies as st
from properties import examples

from helpers import value


def test_top_share_by_hand() -> None:
    # ten customers; the top 20 % are the two largest: (50 + 20) / (50+20+10+5+5+4+3+1+1+1) = 70/100
    sales = pd.Series([5, 50, 1, 3, 20, 10, 4, 1, 5, 1])
    assert value.top_share(sales, 0.2) == pytest.approx(0.70)
    # 30 % of 10 = the three largest: 80/100
    assert value.top_share(sales, 0.3) == pytest.approx(0.80)
    # a fraction that is not a whole number of customers rounds up: 25 % of 10 → 3 customers
    assert value.top_share(sales, 0.25) == pytest.approx(0.80)
    assert value.top_share(sales, 1.0) == pytest.approx(1.0)
    assert value.top_share(sales, 0.0) == 0.0


def test_pareto_table_by_hand() -> None:
    table = value.pareto_table(pd.Series([40.0, 30.0, 20.0, 10.0]), steps=4)
    assert table["customers"].tolist() == [1, 2, 3, 4]
    assert table["value_share"].tolist() == pytest.approx([0.4, 0.7, 0.9, 1.0])


@given(st.lists(st.floats(min_value=0, max_value=1e6), min_size=1, max_size=60),
       st.floats(min_value=0.01, max_value=1.0))
def test_top_share_is_at_least_the_fraction(values: list[float], fraction: float) -> None:
    if sum(values) == 0:
        return
    share = value.top_share(values, fraction)
    k = max(1, int(np.ceil(fraction * len(values) - 1e-9)))
    assert k / len(values) - 1e-9 <= share <= 1 + 1e-9


@pytest.mark.parametrize("values, fraction, error, message", [
    ([1.0, -2.0], 0.2, ValueError, "must not be negative"),
    ([1.0, np.nan], 0.2, ValueError, "NaN"),
    ([], 0.2, ValueError, "empty"),
    ([1.0, 2.0], 1.5, ValueError, "fraction must be between 0 and 1"),
    ([0.0, 0.0], 0.5, ValueError, "sum to 0"),
    (["a", "b"], 0.5, TypeError, "numeric"),
])
def test_bad_input(values: list, fraction: float, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        value.top_share(values, fraction)


def _orders_and_costs() -> tuple[pd.DataFrame, pd.DataFrame]:
    orders = pd.DataFrame({
        "customer_id": [1, 1, 2, 2],
        "order_date": pd.to_datetime(["2023-03-01", "2024-05-01", "2024-01-10", "2024-02-10"]),
        "net_sales": [100.0, 200.0, 50.0, 30.0],
        "cost_of_goods": [60.0, 120.0, 40.0, 20.0],
    })
    costs = pd.DataFrame({"customer_id": [1, 1, 2, 3], "year": [2024, 2024, 2024, 2024],
                          "amount": [10.0, 5.0, 45.0, 7.0]})
    return orders, costs


def test_customer_profit_by_hand() -> None:
    orders, costs = _orders_and_costs()
    table = value.customer_profit(orders, costs).set_index(["customer_id", "year"])
    # customer 1 in 2024: 200 − 120 = 80 gross, 80 − (10 + 5) = 65 net
    assert table.loc[(1, 2024), "gross_profit"] == 80.0
    assert table.loc[(1, 2024), "net_profit"] == 65.0
    # customer 1 in 2023 has no costs recorded: net = gross = 40
    assert table.loc[(1, 2023), "net_profit"] == 40.0
    # customer 2: (50 + 30) − (40 + 20) = 20 gross, 20 − 45 = −25 net: a loss-making customer
    assert table.loc[(2, 2024), "net_profit"] == -25.0
    # customer 3 has costs and no sales: kept, a pure loss of 7
    assert table.loc[(3, 2024), "net_profit"] == -7.0
    total = value.customer_profit(orders, costs, by_year=False).set_index("customer_id")
    assert total.loc[1, "net_profit"] == 105.0


def test_customer_profit_bad_input() -> None:
    orders, costs = _orders_and_costs()
    with pytest.raises(ValueError, match=r"orders\['net_sales'\] must not be negative"):
        value.customer_profit(orders.assign(net_sales=-orders["net_sales"]), costs)
    with pytest.raises(ValueError, match=r"costs is missing column\(s\) \['amount'\]"):
        value.customer_profit(orders, costs.drop(columns="amount"))
    with pytest.raises(ValueError, match="NaN"):
        value.customer_profit(orders.assign(cost_of_goods=[1.0, None, 2.0, 3.0]), costs)


def test_top_customers_by_hand() -> None:
    sales = pd.Series([5.0, 50.0, 20.0, 10.0], index=["a", "b", "c", "d"])
    assert list(value.top_customers(sales, 0.5)) == ["b", "c"]
    assert list(value.top_customers(sales, 0.1)) == ["b"]  # at least one customer
    assert list(value.top_customers(sales, 0.0)) == []


# --- Lorenz curve and Gini ---------------------------------------------------------------------

def test_lorenz_curve_by_hand() -> None:
    # ranked smallest first: 1, 2, 3, 4 of a total 10 → cumulative 0, .1, .3, .6, 1
    curve = value.lorenz_curve(pd.Series([3.0, 1.0, 4.0, 2.0]))
    assert curve["customer_share"].tolist() == pytest.approx([0, 0.25, 0.5, 0.75, 1.0])
    assert curve["value_share"].tolist() == pytest.approx([0, 0.1, 0.3, 0.6, 1.0])


def test_gini_by_hand() -> None:
    # G = sum (2i - n - 1) x_i / (n sum x) with x sorted: (-3*1 - 1*2 + 1*3 + 3*4) / (4*10) = 0.25
    assert value.gini([4.0, 2.0, 1.0, 3.0]) == pytest.approx(0.25)
    # one customer holds all: (2*4 - 5) * 5 / (4 * 5) = 3/4 = (n - 1) / n
    assert value.gini([0.0, 5.0, 0.0, 0.0]) == pytest.approx(0.75)
    assert value.gini([7.0, 7.0, 7.0]) == pytest.approx(0.0)


def test_gini_is_twice_the_area_between_diagonal_and_lorenz_curve() -> None:
    values = np.random.default_rng(4).lognormal(0, 1.5, 200)
    curve = value.lorenz_curve(values)
    area = np.trapezoid(curve["value_share"], curve["customer_share"])
    assert value.gini(values) == pytest.approx(1 - 2 * area)


@given(st.lists(st.floats(min_value=0, max_value=1e6), min_size=1, max_size=80),
       st.floats(min_value=0.01, max_value=100))
def test_gini_bounds_and_scale_invariance(values: list[float], scale: float) -> None:
    if sum(values) <= 1e-6:
        return
    g = value.gini(values)
    n = len(values)
    assert -1e-9 <= g <= (n - 1) / n + 1e-9
    assert value.gini([v * scale for v in values]) == pytest.approx(g, abs=1e-7)


@pytest.mark.parametrize("func", [value.gini, value.lorenz_curve, value.pareto_table])
@pytest.mark.parametrize("values, error, message", [
    ([1.0, -2.0, 3.0], ValueError, "must not be negative"),
    ([1.0, np.nan], ValueError, "NaN"),
    ([], ValueError, "empty"),
    ([0.0, 0.0], ValueError, "sum to 0"),
    (["a", "b"], TypeError, "numeric"),
])
def test_concentration_bad_input(func, values: list, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        func(values)


# --- whale curve -------------------------------------------------------------------------------

def test_whale_curve_by_hand() -> None:
    profit = pd.Series([50.0, -20.0, 30.0, -10.0, 0.0], index=list("abcde"))
    curve = value.whale_curve(profit)
    # ranked 50, 30, 0, -10, -20; cumulative 50, 80, 80, 70, 50; total 50
    assert list(curve.index) == ["a", "c", "e", "d", "b"]
    assert curve["cumulative_profit"].tolist() == [50.0, 80.0, 80.0, 70.0, 50.0]
    assert curve["cumulative_share"].tolist() == pytest.approx([1.0, 1.6, 1.6, 1.4, 1.0])
    summary = value.whale_summary(profit)
    assert summary["peak_profit"] == 80.0
    assert summary["peak_share"] == pytest.approx(1.6)  # 80 / 50
    assert summary["peak_customers"] == 2  # reached after the two profitable customers
    assert summary["loss_making_share"] == pytest.approx(0.4)  # 2 of 5
    assert summary["loss_tail"] == -30.0  # -10 - 20 = total - peak


@given(st.lists(st.floats(min_value=-1e5, max_value=1e5), min_size=1, max_size=60))
def test_whale_curve_invariants(profits: list[float]) -> None:
    if sum(profits) <= 1e-3:
        return
    curve = value.whale_curve(profits)
    summary = value.whale_summary(profits)
    assert curve["cumulative_share"].iloc[-1] == pytest.approx(1.0)
    assert summary["peak_share"] >= 1 - 1e-9
    assert summary["peak_profit"] == pytest.approx(
        summary["total_profit"] - summary["loss_tail"], rel=1e-9, abs=1e-6)


@pytest.mark.parametrize("profits, error, message", [
    ([10.0, -20.0], ValueError, "positive total"),
    ([10.0, np.nan], ValueError, "NaN"),
    ([], ValueError, "empty"),
])
def test_whale_bad_input(profits: list, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        value.whale_summary(profits)


# --- customer profitability waterfall ----------------------------------------------------------

def _two_customers() -> tuple[pd.DataFrame, pd.DataFrame]:
    orders = pd.DataFrame({
        "customer_id": [1, 2, 2],
        "order_date": pd.to_datetime(["2024-03-01", "2024-04-01", "2024-05-01"]),
        "gross_sales": [1000.0, 200.0, 100.0],
        "discount": [100.0, 20.0, 0.0],
        "net_sales": [900.0, 180.0, 100.0],
        "cost_of_goods": [600.0, 140.0, 70.0],
    })
    costs = pd.DataFrame({
        "customer_id": [1, 1, 1, 1, 2, 2, 2, 2],
        "year": [2024] * 8,
        "category": ["direct_sales", "direct_distribution", "indirect", "hard_to_trace",
                     "direct_sales", "direct_distribution", "direct_distribution",
                     "hard_to_trace"],
        "amount": [50.0, 40.0, 30.0, 20.0, 60.0, 30.0, 20.0, 90.0],
    })
    return orders, costs


def test_waterfall_of_two_customers_by_hand() -> None:
    orders, costs = _two_customers()
    table = value.customer_waterfall(orders, costs)
    # customer 1: NSV 1000 - 100 = 900; gross 900 - 600 = 300; costs 50+40+30+20 = 140; net 160
    one = table.loc[1]
    assert (one["net_sales"], one["gross_profit"], one["cost_to_serve"], one["net_profit"]) == \
        (900.0, 300.0, 140.0, 160.0)
    # customer 2: NSV 180 + 100 = 280; gross 280 - 210 = 70; costs 60 + (30+20) + 0 + 90 = 200;
    # net 70 - 200 = -130 (no indirect cost recorded: 0)
    two = table.loc[2]
    assert two["indirect"] == 0.0 and two["direct_distribution"] == 50.0
    assert (two["gross_profit"], two["net_profit"]) == (70.0, -130.0)
    # in aggregate: GSV 1300 - 120 = NSV 1180; - 810 = 370; - 110 - 90 - 30 - 110 = 30
    steps = value.waterfall_steps(table)["amount"]
    assert steps.tolist() == [1300.0, -120.0, 1180.0, -810.0, 370.0, -110.0, -90.0, -30.0,
                              -110.0, 30.0]
    assert value.waterfall_steps(table.loc[2])["amount"].iloc[-1] == -130.0


def test_waterfall_agrees_with_customer_profit() -> None:
    orders, costs = _two_customers()
    table = value.customer_waterfall(orders, costs, by_year=True)
    profit = value.customer_profit(orders, costs).set_index(["customer_id", "year"])
    pd.testing.assert_series_equal(table["net_profit"], profit["net_profit"])


def test_waterfall_chart_draws_every_step() -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    orders, costs = _two_customers()
    steps = value.waterfall_steps(value.customer_waterfall(orders, costs))
    ax = value.plot_waterfall(steps)
    assert len(ax.patches) == 10
    # the last bar (net profit 30) stands on 0; the cost of goods floats from 1180 down to 370
    assert ax.patches[-1].get_height() == 30.0 and ax.patches[-1].get_y() == 0.0
    assert ax.patches[3].get_y() == pytest.approx(1180.0) and ax.patches[3].get_height() == -810
    zoom = value.plot_waterfall(steps, start="gross customer profitability")
    assert len(zoom.patches) == 6  # from gross customer profitability to net: six steps
    assert zoom.patches[0].get_height() == 370.0
    plt.close("all")
    with pytest.raises(ValueError, match="start must be one of the level steps"):
        value.plot_waterfall(steps, start="indirect costs")
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        value.plot_waterfall(steps, ax="left")


def test_waterfall_bad_input() -> None:
    orders, costs = _two_customers()
    with pytest.raises(ValueError, match=r"orders\['discount'\] must not be negative"):
        value.customer_waterfall(orders.assign(discount=[-1.0, 20.0, 0.0],
                                               net_sales=[1001.0, 180.0, 100.0]), costs)
    with pytest.raises(ValueError, match=r"costs\['amount'\] must not be negative"):
        value.customer_waterfall(orders, costs.assign(amount=-costs["amount"]))
    with pytest.raises(ValueError, match="net_sales must equal gross_sales - discount"):
        value.customer_waterfall(orders.assign(net_sales=[950.0, 180.0, 100.0]), costs)
    with pytest.raises(ValueError, match=r"category'\] must be one of"):
        value.customer_waterfall(orders, costs.assign(category="marketing"))
    with pytest.raises(ValueError, match=r"missing column\(s\) \['gross_sales'\]"):
        value.customer_waterfall(orders.drop(columns="gross_sales"), costs)
    with pytest.raises(ValueError, match="NaN"):
        value.customer_waterfall(orders, costs.assign(amount=[1.0] * 7 + [np.nan]))
    with pytest.raises(ValueError, match="empty"):
        value.customer_waterfall(orders.iloc[:0], costs)
    with pytest.raises(TypeError, match="DataFrame"):
        value.waterfall_steps([1, 2, 3])


# --- profitability matrix ----------------------------------------------------------------------

def test_profitability_matrix_by_hand() -> None:
    table = pd.DataFrame({"net_sales": [100.0, 100.0, 10.0, 10.0, 50.0],
                          "cost_to_serve": [30.0, 5.0, 2.0, 20.0, 10.0]}, index=list("abcde"))
    matrix = value.profitability_matrix(table)
    # medians: net sales 50, cost 10; "high" is strictly above the median
    assert matrix.attrs["splits"] == {"sales_split": 50.0, "cost_split": 10.0}
    assert matrix["quadrant"].tolist() == ["carriage trade", "passive", "bargain basement",
                                           "aggressive", "bargain basement"]
    custom = value.profitability_matrix(table, sales_split=5.0, cost_split=25.0)
    assert custom["quadrant"].tolist() == ["carriage trade", "passive", "passive", "passive",
                                           "passive"]


def test_profitability_matrix_bad_input() -> None:
    table = pd.DataFrame({"net_sales": [100.0, -1.0], "cost_to_serve": [3.0, 4.0]})
    with pytest.raises(ValueError, match="must not be negative"):
        value.profitability_matrix(table)
    with pytest.raises(ValueError, match="cost must name a column of table"):
        value.profitability_matrix(table, cost="serve")
    with pytest.raises(TypeError, match="sales_split must be a number"):
        value.profitability_matrix(table.abs(), sales_split="high")


# --- customer pyramid --------------------------------------------------------------------------

def test_pyramid_tiers_by_hand() -> None:
    spend = pd.Series(np.arange(100, 0, -1, dtype=float))[::-1]  # label 0 holds 100, 99 holds 1
    table = value.pyramid_table(spend)
    # 100 customers: VIP the top 1, major the next 4 (99..96), ordinary 15 (95..81), small 80
    assert table["customers"].tolist() == [1, 4, 15, 80]
    assert table["cutoff"].tolist() == [100.0, 96.0, 81.0, 1.0]
    # value shares of a total 5050: 100, 99+98+97+96 = 390, 95+...+81 = 1320, 1+...+80 = 3240
    assert table["value"].tolist() == [100.0, 390.0, 1320.0, 3240.0]
    assert table["value_share"].sum() == pytest.approx(1.0)
    tier = value.customer_pyramid(spend)
    assert list(tier.index) == list(spend.index)  # same order as the input
    assert tier.loc[0] == "VIP" and tier.loc[4] == "major" and tier.loc[99] == "small"


def test_pyramid_custom_tiers_round_up() -> None:
    spend = pd.Series([5.0, 1.0, 3.0, 4.0, 2.0], index=list("abcde"))
    # A = ceil(0.3 * 5) = 2 largest (a, d); B ends at ceil(0.6 * 5) = 3 (c); C the rest
    tier = value.customer_pyramid(spend, {"A": 0.3, "B": 0.3, "C": 0.4})
    assert tier.tolist() == ["A", "C", "B", "A", "C"]
    assert list(tier.cat.categories) == ["A", "B", "C"]


@given(st.lists(st.floats(min_value=0, max_value=1e6), min_size=20, max_size=200))
def test_pyramid_tiers_are_nested_by_value(values: list[float]) -> None:
    spend = pd.Series(values)
    tiers = {"top": 0.05, "middle": 0.15, "bottom": 0.80}
    tier = value.customer_pyramid(spend, tiers)
    codes = tier.cat.codes
    assert len(tier) == len(spend) and (codes >= 0).all()
    for upper in range(2):  # every customer of a higher tier spends at least as much
        assert spend[codes == upper].min() >= spend[codes > upper].max()


@pytest.mark.parametrize("tiers, error, message", [
    ({"VIP": 0.01, "major": 0.04, "ordinary": 0.15, "small": 0.70}, ValueError,
     r"must sum to 1 \(100 %\), they sum to 0.9"),
    ({"VIP": 1, "major": 4, "ordinary": 15, "small": 80}, ValueError, "as fractions"),
    ({"VIP": 0.0, "rest": 1.0}, ValueError,
     r"tiers must be greater than 0 and at most 1; 1 value breaks this: 'VIP': 0.0"),
    ({"VIP": -0.1, "rest": 1.1}, ValueError,
     r"tiers must be greater than 0 and at most 1; 2 values break this: 'VIP': -0.1, "
     r"'rest': 1.1"),
    ({"VIP": np.inf, "rest": 1.0}, ValueError, r"tiers must hold finite numbers.*'VIP': inf"),
    ({"VIP": "1 %", "rest": 0.99}, TypeError, "must be a number"),
    ({}, TypeError, "non-empty dict"),
    ([0.2, 0.8], TypeError, "non-empty dict"),
])
def test_pyramid_bad_tiers(tiers: object, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        value.customer_pyramid(pd.Series(np.arange(1.0, 201.0)), tiers)


def test_pyramid_bad_values_and_empty_tiers() -> None:
    with pytest.raises(ValueError, match=r"tiers \['major'\] would be empty with 10 customers"):
        value.customer_pyramid(pd.Series(np.arange(1.0, 11.0)))  # 4 % of 10 rounds to nothing
    with pytest.raises(ValueError, match="must not be negative"):
        value.pyramid_table(pd.Series([5.0, -1.0, 3.0]), {"top": 0.5, "rest": 0.5})
    with pytest.raises(ValueError, match="NaN"):
        value.pyramid_table(pd.Series([5.0, np.nan, 3.0]), {"top": 0.5, "rest": 0.5})
    with pytest.raises(ValueError, match="empty"):
        value.pyramid_table(pd.Series([], dtype=float))


# --- best and worst customers ------------------------------------------------------------------

def test_best_and_worst_by_hand() -> None:
    profit = pd.Series([50.0, -20.0, 30.0, -10.0, 0.0], index=list("abcde"))
    table = value.best_and_worst(profit, n=2)
    assert list(table.index) == ["a", "c", "b", "d"]
    assert table["group"].tolist() == ["best", "best", "worst", "worst"]
    assert table["rank"].tolist() == [1, 2, 1, 2]
    assert table["share_of_total"].tolist() == pytest.approx([1.0, 0.6, -0.4, -0.2])  # of 50
    assert len(value.BEST_CUSTOMERS_DO) == 4 and len(value.WORST_CUSTOMERS_DO) == 5


@pytest.mark.parametrize("n, message", [(3, "would overlap"), (0, "n must be at least 1"),
                                        (1.5, "n must be a whole number")])
def test_best_and_worst_bad_input(n: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        value.best_and_worst(pd.Series([1.0, 2.0, 3.0, 4.0, 5.0]), n)


# --- the case company's planted structure ------------------------------------------------------

@pytest.fixture(scope="module")
def case_waterfall() -> pd.DataFrame:
    from helpers import datasets

    case = datasets.load_case_company()
    return value.customer_waterfall(case.orders, case.cost_to_serve)


def test_case_waterfall_reconciles_with_the_tables(case_waterfall: pd.DataFrame) -> None:
    from helpers import datasets

    case = datasets.load_case_company()
    steps = value.waterfall_steps(case_waterfall)["amount"]
    assert steps["gross sales value"] == pytest.approx(case.orders["gross_sales"].sum())
    assert -steps["indirect costs"] == pytest.approx(
        case.cost_to_serve.query("category == 'indirect'")["amount"].sum())
    profit = value.customer_profit(case.orders, case.cost_to_serve, by_year=False)
    np.testing.assert_allclose(case_waterfall["net_profit"].to_numpy(),
                               profit.set_index("customer_id")["net_profit"].to_numpy())
    assert len(case_waterfall) == len(case.customers)


def test_case_company_planted_value_structure(case_waterfall: pd.DataFrame) -> None:
    from helpers.datasets.case_company import PLANTED

    low, high = PLANTED["pareto_top20_share_band"]
    assert low <= value.top_share(case_waterfall["net_sales"], 0.2) <= high
    summary = value.whale_summary(case_waterfall["net_profit"])
    low, high = PLANTED["loss_making_share_band"]
    assert low <= summary["loss_making_share"] <= high
    low, high = PLANTED["whale_peak_band"]
    assert low <= summary["peak_share"] <= high


@given(st.lists(st.tuples(st.floats(0, 1e5), st.floats(0, 0.5), st.floats(0, 1.2),
                          st.floats(0, 1e4), st.floats(0, 1e4)), min_size=1, max_size=15))
def test_waterfall_levels_reconcile(rows: list[tuple[float, ...]]) -> None:
    # each level of the flow equals the previous level plus the deductions between them
    gross, rate, cogs_ratio, direct, hard = map(np.array, zip(*rows))
    ids = np.arange(len(rows)) % 4
    orders = pd.DataFrame({"customer_id": ids, "order_date": pd.Timestamp("2024-06-01"),
                           "gross_sales": gross, "discount": gross * rate,
                           "net_sales": gross - gross * rate, "cost_of_goods": gross * cogs_ratio})
    costs = pd.DataFrame({"customer_id": np.concatenate([ids, ids]), "year": 2024,
                          "category": ["direct_sales"] * len(rows) + ["hard_to_trace"] * len(rows),
                          "amount": np.concatenate([direct, hard])})
    table = value.customer_waterfall(orders, costs)
    steps = value.waterfall_steps(table, shares=False)  # the net sales value may be 0
    amount, level = steps["amount"].to_numpy(), (steps["kind"] == "level").to_numpy()
    at = np.flatnonzero(level)
    for start, end in zip(at[:-1], at[1:]):
        assert amount[end] == pytest.approx(amount[start:end].sum(), rel=1e-9, abs=1e-6)
    assert table["net_profit"].sum() == pytest.approx(
        (gross - gross * rate - gross * cogs_ratio).sum() - direct.sum() - hard.sum(),
        rel=1e-9, abs=1e-6)


@given(st.lists(st.tuples(st.floats(0, 1e6), st.floats(0, 1e5)), min_size=1, max_size=50))
def test_matrix_quadrants_follow_the_splits(rows: list[tuple[float, float]]) -> None:
    table = pd.DataFrame(rows, columns=["net_sales", "cost_to_serve"])
    matrix = value.profitability_matrix(table)
    splits = matrix.attrs["splits"]
    high_sales = table["net_sales"] > splits["sales_split"]
    high_cost = table["cost_to_serve"] > splits["cost_split"]
    assert (matrix["quadrant"].eq("carriage trade") == (high_sales & high_cost)).all()
    assert (matrix["quadrant"].eq("aggressive") == (~high_sales & high_cost)).all()
    assert matrix["quadrant"].notna().all()


# --- shares of a total and bad input, whatever the data ----------------------------------------

def test_shares_need_a_positive_total() -> None:
    orders, costs = _two_customers()
    table = value.customer_waterfall(orders, costs)
    no_sales = table.iloc[0].copy()
    no_sales[["gross_sales", "discount", "net_sales", "cost_of_goods", "gross_profit"]] = 0.0
    with pytest.raises(ValueError, match="the net sales value of waterfall is 0.00.*shares=False"):
        value.waterfall_steps(no_sales)
    steps = value.waterfall_steps(no_sales, shares=False)
    assert "share_of_nsv" not in steps and steps["amount"].notna().all()
    even = pd.Series([10.0, -10.0, 5.0, -5.0], index=list("abcd"))
    with pytest.raises(ValueError, match="the total profit is 0.00"):
        value.best_and_worst(even, n=2)
    with pytest.raises(ValueError, match="the total profit is -5.00"):
        value.best_and_worst(even - 1.25, n=2)
    listed = value.best_and_worst(even, n=2, shares=False)
    assert "share_of_total" not in listed and listed["net_profit"].tolist() == [10, 5, -10, -5]


_negative = st.floats(min_value=-1e6, max_value=-1e-6)


@settings(max_examples=examples(40))
@given(values=st.lists(st.floats(0, 1e6), min_size=1, max_size=30), bad=_negative,
       data=st.data())
def test_any_negative_value_is_rejected(values: list[float], bad: float,
                                        data: st.DataObject) -> None:
    where = data.draw(st.integers(0, len(values)))
    spend = pd.Series(values[:where] + [bad] + values[where:])
    for call in (value.top_share, value.gini, value.lorenz_curve, value.pareto_table,
                 value.customer_pyramid):
        with pytest.raises(ValueError, match=r"must not be negative.*" + str(where)):
            call(spend)


@settings(max_examples=examples(40))
@given(bad=_negative, row=st.integers(0, 2),
       column=st.sampled_from(["gross_sales", "discount", "net_sales", "cost_of_goods"]))
def test_any_negative_amount_in_the_books_is_rejected(bad: float, row: int, column: str) -> None:
    orders, costs = _two_customers()
    orders.loc[row, column] = bad
    with pytest.raises(ValueError, match=rf"orders\['{column}'\] must not be negative"):
        value.customer_waterfall(orders, costs)
    if column in ("net_sales", "cost_of_goods"):
        with pytest.raises(ValueError, match=rf"orders\['{column}'\] must not be negative"):
            value.customer_profit(orders, costs)
    costs.loc[row, "amount"] = bad
    with pytest.raises(ValueError, match=r"costs\['amount'\] must not be negative"):
        value.customer_waterfall(orders.assign(**{column: orders[column].abs()}), costs)


@settings(max_examples=examples(40))
@given(n=st.integers(1, 99), top=st.floats(0.001, 0.2))
def test_an_empty_pyramid_tier_is_rejected(n: int, top: float) -> None:
    spend = pd.Series(np.arange(n, dtype=float) + 1)
    tiers = {"top": top, "next": 0.2, "rest": round(0.8 - top, 12)}
    ends = np.ceil(np.cumsum(list(tiers.values())) * n - 1e-9)
    if np.any(np.diff(np.concatenate([[0], ends[:-1], [n]])) <= 0):
        with pytest.raises(ValueError, match=r"would be empty with \d+ customers"):
            value.customer_pyramid(spend, tiers)
    else:
        tier = value.customer_pyramid(spend, tiers)
        assert tier.value_counts().gt(0).all()


@settings(max_examples=examples(30))
@given(n_customers=st.integers(1, 12), n=st.integers(1, 8))
def test_best_and_worst_never_overlap(n_customers: int, n: int) -> None:
    profit = pd.Series(np.arange(n_customers, dtype=float) + 1)
    if 2 * n > n_customers:
        with pytest.raises(ValueError, match="would overlap"):
            value.best_and_worst(profit, n)
        return
    table = value.best_and_worst(profit, n)
    assert not set(table.index[table["group"] == "best"]) & set(
        table.index[table["group"] == "worst"])


# ---------------------------------------------------------------------------------------------
# bad input found by the mutation test: refused clearly, never passed on or turned into NaN
# ---------------------------------------------------------------------------------------------

def _two_orders() -> tuple[pd.DataFrame, pd.DataFrame]:
    orders = pd.DataFrame({"customer_id": [1, 2], "order_date": pd.to_datetime(
        ["2024-01-05", "2024-02-10"]), "net_sales": [100.0, 75.0],
        "cost_of_goods": [60.0, 50.0]})
    costs = pd.DataFrame({"customer_id": [1, 2], "year": [2024, 2024], "amount": [12.0, 8.0]})
    return orders, costs


def test_numbers_stored_as_text_are_refused_before_any_comparison() -> None:
    orders, costs = _two_orders()
    with pytest.raises(TypeError, match=r"orders\['net_sales'\] holds text.*pd.to_numeric"):
        value.customer_profit(orders.assign(net_sales=orders["net_sales"].astype(str)), costs)
    with pytest.raises(TypeError, match=r"costs\['year'\] holds text"):
        value.customer_profit(orders, costs.assign(year=costs["year"].astype(str)))


def test_dates_as_text_or_with_a_time_zone_are_refused() -> None:
    orders, costs = _two_orders()
    with pytest.raises(TypeError, match=r"orders\['order_date'\].*pd.to_datetime"):
        value.customer_profit(orders.assign(order_date=["2024-01-05", "2024-02-10"]), costs)
    with pytest.raises(TypeError, match=r"time-zone-aware.*tz_localize\(None\)"):
        value.customer_profit(orders.assign(
            order_date=orders["order_date"].dt.tz_localize("UTC")), costs)


@pytest.mark.parametrize("bad", [np.nan, np.inf, None, "0.2", True])
def test_fraction_must_be_a_finite_number(bad: object) -> None:
    with pytest.raises((TypeError, ValueError), match="fraction must be"):
        value.top_customers(pd.Series([3.0, 2.0, 1.0]), fraction=bad)


def test_huge_or_fractional_steps_are_refused_before_any_work() -> None:
    with pytest.raises(ValueError, match="steps must be between 1 and 10000"):
        value.pareto_table(pd.Series([3.0, 2.0, 1.0]), steps=10**20)
    with pytest.raises(ValueError, match="steps must be a whole number"):
        value.pareto_table(pd.Series([3.0, 2.0, 1.0]), steps=2.5)


def test_infinite_values_are_refused_not_turned_into_nan() -> None:
    with pytest.raises(ValueError, match="values must hold finite numbers; 1 value is infinite"):
        value.gini([1.0, 2.0, np.inf])
    orders, costs = _two_orders()
    with pytest.raises(ValueError, match=r"costs\['amount'\] must hold finite numbers"):
        value.customer_profit(orders, costs.assign(amount=[np.inf, 1.0]))


def test_duplicated_customers_are_refused_where_one_row_each_is_expected() -> None:
    spend = pd.Series([5.0, 4.0, 3.0, 2.0], index=[1, 2, 2, 3])
    with pytest.raises(ValueError, match=r"values must have one row per customer.*\[2\]"):
        value.pyramid_table(spend, {"top": 0.5, "rest": 0.5})


# ---------------------------------------------------------------------------------------------
# fidelity to the decks: their terms, their examples, their titles
# ---------------------------------------------------------------------------------------------

def test_waterfall_names_show_the_deck_terms_beside_the_course_terms() -> None:
    # 第二章“为企业创造价值”: 生产成本, (销售)营销成本, 分销服务成本; the textbook terms in brackets
    zh = {step: term for step, (_, _, term) in value.WATERFALL_STEPS.items()}
    assert zh["cost of goods"] == "生产成本（产品成本）"
    assert zh["direct sales costs"] == "(销售)营销成本（营销费用）"
    assert zh["direct distribution costs"] == "分销服务成本（物流成本）"
    assert zh["hard-to-trace costs"] == "难以追溯的成本"
    steps = value.waterfall_steps(pd.Series({c: 1.0 for c, _, _ in
                                             value.WATERFALL_STEPS.values()}), shares=False)
    assert steps.loc["cost of goods", "chinese"].startswith("生产成本")


def test_cost_categories_mark_the_course_additions() -> None:
    # the deck lists 订单处理成本、存货仓储成本 as hard to trace; receivables and bad debt are ours
    import inspect

    text = value.__doc__ or ""
    source = inspect.getsource(value)  # an attribute docstring lives in the source only
    block = source[source.index("COST_CATEGORIES: tuple"):source.index("WATERFALL_STEPS: dict")]
    assert "订单处理成本、存货仓储成本" in block
    assert "course" in block and "receivables" in block and "bad debt" in block
    assert "beyond the decks" in text


def test_profitability_quadrants_have_the_courses_chinese_names() -> None:
    assert set(value.QUADRANTS_ZH) == set(value.QUADRANTS.values())
    assert value.QUADRANTS_ZH == {"carriage trade": "贵族型客户", "passive": "被动型客户",
                                  "bargain basement": "廉价型客户", "aggressive": "进攻型客户"}
    matrix = value.profitability_matrix(pd.DataFrame({"net_sales": [100.0, 60.0, 75.0, 20.0],
                                                      "cost_to_serve": [12.0, 8.0, 9.0, 30.0]}))
    assert matrix["quadrant"].astype(str).map(value.QUADRANTS_ZH).tolist() == [
        "贵族型客户", "廉价型客户", "被动型客户", "进攻型客户"]


def test_pyramid_of_a_thousand_customers_is_the_decks_example() -> None:
    # 《产业市场营销与客户管理》: of 1,000 customers the ordinary ones are the 150 who spend most
    # after the VIP and major customers, the small ones the other 800; 1 % and 4 % give 10 and 40
    spend = pd.Series(np.arange(1000, 0, -1, dtype=float))
    table = value.pyramid_table(spend)
    assert table["customers"].tolist() == [10, 40, 150, 800]
    # VIP, major and ordinary together are the top 20 % by purchase amount
    assert table["customers"].iloc[:3].sum() == len(value.top_customers(spend, 0.2))


def test_docstrings_cite_the_decks_by_title_not_the_lecture() -> None:
    import inspect
    import re

    source = inspect.getsource(value)
    assert not re.search(r"\bthe lecture\b|\blectures? 00\d", source)
    for title in ("第二章“为企业创造价值”", "《产业市场营销与客户管理》（吴登开）"):
        assert title in source




def test_best_and_worst_lists_follow_the_language() -> None:
    english = list(value.BEST_CUSTOMERS_DO), list(value.WORST_CUSTOMERS_DO)
    chinese = in_chinese(lambda: (list(value.BEST_CUSTOMERS_DO),
                                   list(value.WORST_CUSTOMERS_DO)))
    assert [len(c) for c in chinese] == [4, 5]
    assert all(re.search(r"[\u4e00-\u9fff]", text) for texts in chinese for text in texts)
    assert (list(value.BEST_CUSTOMERS_DO), list(value.WORST_CUSTOMERS_DO)) == english
    assert english[0][0] == "let you do what you do well"


def test_whale_summary_rows_are_listed() -> None:
    summary = value.whale_summary(pd.Series([50.0, -10.0, 30.0, -20.0]))
    assert tuple(summary.index) == value.WHALE_SUMMARY_ROWS
    groups = value.best_and_worst(pd.Series([50.0, -10.0, 30.0, -20.0]), 1)["group"]
    assert tuple(groups) == value.BEST_AND_WORST
    assert set(value.waterfall_steps(_ROW)["kind"]) == set(value.WATERFALL_KINDS)


_ROW = pd.Series({"gross_sales": 110.0, "discount": 10.0, "net_sales": 100.0,
                  "cost_of_goods": 60.0, "gross_profit": 40.0, "direct_sales": 12.0,
                  "direct_distribution": 0.0, "indirect": 0.0, "hard_to_trace": 0.0,
                  "net_profit": 28.0})


def test_waterfall_leaves_room_for_the_amounts_above_the_bars() -> None:
    """The amounts above the tallest bar stay below the title (a bar's top is a sticky edge
    that margins() does not move)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = value.plot_waterfall(value.waterfall_steps(_ROW))
    assert ax.get_ylim()[1] >= 110.0 * 1.1
    assert ax.get_ylabel() == "Amount (CNY)"
    assert [t.get_text() for t in ax.get_xticklabels()][0] == "gross sales\nvalue"
    plt.close(ax.figure)


def test_waterfall_names_the_steps_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from helpers import plots

    monkeypatch.setattr(plots, "find_cjk_font", lambda *a, **k: "DejaVu Sans")
    try:
        ax = in_chinese(lambda: value.plot_waterfall(value.waterfall_steps(_ROW)))
        names = [t.get_text().replace("\n", "") for t in ax.get_xticklabels()]
        assert names[0] == value.WATERFALL_STEPS["gross sales value"][2] == "销售总价值"
        assert ax.get_ylabel() == "金额（元）"
        plt.close(ax.figure)
    finally:
        plots.use_chinese(False)
