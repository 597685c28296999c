"""Pareto concentration: hand-computed examples and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    ([1.0, 2.0], 1.5, ValueError, "fraction must lie between"),
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
