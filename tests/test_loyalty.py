"""Customer loyalty: hand-computed examples, invariants, bad input and the planted structure."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from properties import examples

from helpers import datasets, loyalty
from helpers.datasets.case_company import planted_customer_types
from helpers.model import FitWarning, NotFittedError

AT = "2024-12-31"


def _orders() -> pd.DataFrame:
    return pd.DataFrame({
        "customer_id": [1, 1, 1, 1, 1, 2, 3, 3],
        "order_date": pd.to_datetime(["2023-01-01", "2023-07-01", "2024-03-01", "2024-09-01",
                                      "2024-12-01", "2024-06-01", "2023-05-01", "2025-02-01"]),
        "product_lines": [1, 2, 3, 2, 2, 4, 1, 5],
    })


def _survey(**changes: list) -> pd.DataFrame:
    data = {"customer_id": [1, 2, 3], "overall_satisfaction": [9, 4, 7],
            "recommend": [10, 5, 3], "repurchase_intention": [7, 6, 2], "mention": [6, 2, 4],
            "price_sensitivity": [1, 4, 7], "voluntariness": [7, 4, 1],
            "share_of_wallet": [0.8, 0.7, 0.1]}
    data.update(changes)
    return pd.DataFrame(data)


# --- purchase history and the repeat purchase rate ------------------------------------------

def test_purchase_history_by_hand() -> None:
    h = loyalty.purchase_history(_orders(), AT)
    one, two = h.loc[1], h.loc[2]
    # customer 1: orders 730, 549, 305, 121 and 30 days before 2024-12-31
    assert one["n_orders"] == 5 and one["recency_days"] == 30
    # A11: first order 2023-01-01 is 730 days before → 730 / 365.25 years
    assert one["purchase_duration_years"] == pytest.approx(730 / 365.25)
    # A12: window starts at the log's first order (2023-01-01): 5 orders / (730 / 365.25) years
    assert one["purchase_frequency"] == pytest.approx(5 / (730 / 365.25))
    # A13: last 365 days hold 3 orders (ages 305, 121, 30), the 365 before 1 (age 549; age 730
    # is outside [365, 730)); both periods fully exposed → (3 − 1) / (3 + 1) = 0.5
    assert one["frequency_trend"] == pytest.approx(0.5)
    # A22: product lines 1, 2, 3, 2, 2 → mean 2.0
    assert one["cross_buying"] == pytest.approx(2.0)
    # quarters (age // 91): 305→3, 121→1, 30→0 → three of the last four quarters
    assert one["quarters_active"] == 3
    # customer 2: one order 213 days ago; no exposure in the previous period → trend 0
    assert two["frequency_trend"] == 0.0
    assert two["purchase_frequency"] == pytest.approx(1 / (213 / 365.25))
    assert two["quarters_active"] == 1
    # customer 3's 2025 order is after the observation date and ignored: 1 order, 610 days ago
    assert h.loc[3, "n_orders"] == 1 and h.loc[3, "recency_days"] == 610


def test_purchase_history_uses_the_acquisition_date() -> None:
    first = pd.Series(pd.to_datetime(["2020-12-31", "2024-06-01", "2023-05-01"]), index=[1, 2, 3])
    h = loyalty.purchase_history(_orders(), AT, first_purchase=first)
    # 2020-12-31 → 2024-12-31 is 1461 days (one leap year) = 4.0 years of 365.25 days
    assert h.loc[1, "purchase_duration_years"] == pytest.approx(1461 / 365.25)
    # frequency still counts exposure from the log's start (2023-01-01): unchanged
    assert h.loc[1, "purchase_frequency"] == pytest.approx(5 / (730 / 365.25))


def test_repeat_purchase_rate_by_hand() -> None:
    # 2023 buyers: customers 1 and 3; of them only 1 buys in 2024 → 1 / 2
    rate = loyalty.repeat_purchase_rate(_orders(), ("2023-01-01", "2023-12-31"),
                                        ("2024-01-01", "2024-12-31"))
    assert rate == pytest.approx(0.5)
    by = loyalty.repeat_purchase_rate(_orders(), ("2023-01-01", "2023-12-31"),
                                      ("2024-01-01", "2024-12-31"),
                                      by=pd.Series({1: "big", 2: "small", 3: "small"}))
    assert by.to_dict() == {"big": 1.0, "small": 0.0}


def test_repeat_purchase_rate_empty_base_raises() -> None:
    with pytest.raises(ValueError, match="no customer bought in the base period"):
        loyalty.repeat_purchase_rate(_orders(), ("2020-01-01", "2020-12-31"),
                                     ("2024-01-01", "2024-12-31"))


def test_purchase_history_clips_exposure_at_the_start_of_the_log() -> None:
    """An observation date less than 2 × period_days after the log opens: the previous period
    is only partly inside the log, and its rate must be measured on that part."""
    orders = pd.DataFrame({
        "customer_id": [1] * 9 + [2, 2],
        "order_date": pd.to_datetime([
            "2023-07-01", "2023-09-01", "2023-11-01",                 # previous period
            "2024-01-15", "2024-03-15", "2024-05-15", "2024-07-15", "2024-09-15",
            "2024-11-15",                                             # recent period
            "2024-03-01", "2024-06-01"])})
    first = pd.Series(pd.to_datetime(["2015-01-01", "2024-03-01"]), index=[1, 2])
    h = loyalty.purchase_history(orders, AT, first_purchase=first)
    # the log opens 2023-07-01, 549 days before 2024-12-31 (2023-07-01 → 2024-07-01 is 366
    # days, then 183 more). Customer 1 (acquired 2015) is observed 549 days: the recent
    # period [0, 365) days before `at` is fully inside the log, the previous one [365, 730)
    # only for 549 − 365 = 184 days (2023-07-01 to 2024-01-01).
    # r1 = 6 / 365, r0 = 3 / 184: steady ordering, so the trend is almost 0:
    # (6/365 − 3/184) / (6/365 + 3/184) = (6·184 − 3·365) / (6·184 + 3·365) = 9 / 2199.
    # (Counting the previous period as 365 days of exposure would give (6 − 3)/(6 + 3) = +1/3.)
    assert h.loc[1, "frequency_trend"] == pytest.approx(9 / 2199)
    assert h.loc[1, "purchase_frequency"] == pytest.approx(9 / (549 / 365.25))
    assert h.loc[1, "purchase_duration_years"] == pytest.approx(3652 / 365.25)
    # customer 2 is observed from its first purchase, 305 days: no previous period → 0
    assert h.loc[2, "frequency_trend"] == 0.0
    assert h.loc[2, "purchase_frequency"] == pytest.approx(2 / (305 / 365.25))


def test_purchase_history_regularity() -> None:
    h = loyalty.purchase_history(_orders(), AT)
    # customer 1 ordered in three of the last four quarters → 3/4; customer 3 in none
    assert h.loc[1, "regularity"] == 0.75 and h.loc[3, "regularity"] == 0.0
    assert (h["regularity"] == h["quarters_active"] / 4).all()


def test_purchase_history_window_start_is_checked() -> None:
    # the window may open before the first order (a quiet start of the log) ...
    first = pd.Series(pd.to_datetime(["2020-12-31", "2024-06-01", "2023-05-01"]), index=[1, 2, 3])
    early = loyalty.purchase_history(_orders(), AT, first_purchase=first,
                                     window_start="2022-12-31")
    # customer 1, acquired 2020: exposure from the window start, 5 orders over 731 days
    # (2022-12-31 → 2024-12-31)
    assert early.loc[1, "purchase_frequency"] == pytest.approx(5 / (731 / 365.25))
    # ... but not after the observation date, nor after orders it would leave uncounted
    with pytest.raises(ValueError, match="window_start .* must be before the observation"):
        loyalty.purchase_history(_orders(), AT, window_start="2025-03-01")
    with pytest.raises(ValueError, match="must not be after the earliest order"):
        loyalty.purchase_history(_orders(), AT, window_start="2023-06-01")
    with pytest.raises(TypeError, match="window_start must be a date"):
        loyalty.purchase_history(_orders(), AT, window_start="soon")


def test_repeat_purchase_rate_checks_its_periods() -> None:
    with pytest.raises(ValueError, match="follow must run from start to end.*reversed"):
        loyalty.repeat_purchase_rate(_orders(), ("2023-01-01", "2023-12-31"),
                                     ("2024-12-31", "2024-01-01"))
    with pytest.raises(ValueError, match="base must run from start to end"):
        loyalty.repeat_purchase_rate(_orders(), ("2023-12-31", "2023-01-01"),
                                     ("2024-01-01", "2024-12-31"))
    with pytest.raises(ValueError, match="follow must start after base ends"):
        loyalty.repeat_purchase_rate(_orders(), ("2023-01-01", "2023-12-31"),
                                     ("2023-06-01", "2024-12-31"))
    with pytest.raises(TypeError, match="follow must be a \\(start, end\\) pair"):
        loyalty.repeat_purchase_rate(_orders(), ("2023-01-01", "2023-12-31"), "2024")
    with pytest.raises(TypeError, match="by must be a Series"):
        loyalty.repeat_purchase_rate(_orders(), ("2023-01-01", "2023-12-31"),
                                     ("2024-01-01", "2024-12-31"), by={1: "big"})


def test_repeat_purchase_rate_matches_the_yearly_table_of_chapter_07() -> None:
    """retention.repeat_rate_by_year(orders) is this rate for consecutive calendar years."""
    from helpers import retention

    orders = datasets.load_case_company().orders
    table = retention.repeat_rate_by_year(orders)
    for year in table.index:
        rate = loyalty.repeat_purchase_rate(orders, (f"{year - 1}-01-01", f"{year - 1}-12-31"),
                                            (f"{year}-01-01", f"{year}-12-31"))
        assert rate == pytest.approx(table.loc[year, "repeat_rate"])


def test_measures_table_says_what_the_data_cannot_give() -> None:
    table = loyalty.measures_table()
    assert len(table) == 8
    assert table["available"].sum() == 5
    assert set(table.loc[~table["available"], "measure"]) == {
        "attention to the brand", "identification with the product", "time spent choosing"}
    where = table.set_index("measure")["in_the_data"]
    assert "attitude_to_competitor" in where["attitude to competing products"]
    assert "incident_tolerance" in where["tolerance of quality incidents"]


def _ratings() -> pd.DataFrame:
    return pd.DataFrame({"customer_id": [1, 1, 1, 2, 2, 2],
                         "item": ["q1", "q2", "q3"] * 2,
                         "perception": [6, 5, 4, 2, 3, 4],
                         "competitor": [4, 5, 6, 5, 5, 5]})


def test_attitude_to_competitor_by_hand() -> None:
    att = loyalty.attitude_to_competitor(_ratings())
    # customer 1: (6−4 + 5−5 + 4−6)/3 = 0; customer 2: (2−5 + 3−5 + 4−5)/3 = −6/3 = −2
    assert att.to_dict() == {1: pytest.approx(0.0), 2: pytest.approx(-2.0)}
    other = _ratings().rename(columns={"item": "attribute", "perception": "firm"})
    assert loyalty.attitude_to_competitor(other, firm="firm", item="attribute").equals(att)


def test_attitude_to_competitor_bad_input() -> None:
    with pytest.raises(ValueError, match="did not answer all 3 items"):
        loyalty.attitude_to_competitor(_ratings().iloc[:5])
    with pytest.raises(ValueError, match=r"ratings\['competitor'\] must lie between 1 and 7"):
        loyalty.attitude_to_competitor(_ratings().assign(competitor=[4, 5, 6, 5, 5, 9]))
    with pytest.raises(ValueError, match="duplicated"):
        loyalty.attitude_to_competitor(pd.concat([_ratings(), _ratings().iloc[:1]]))
    with pytest.raises(ValueError, match="competitor must name a column of ratings; "
                                         "'competitor' is not one of"):
        loyalty.attitude_to_competitor(_ratings().drop(columns="competitor"))


def _incidents() -> tuple[pd.DataFrame, pd.DataFrame]:
    service = pd.DataFrame({
        "customer_id": [1, 1, 2, 3, 3, 1],
        "date": pd.to_datetime(["2024-01-10", "2024-05-01", "2024-02-01", "2024-03-01",
                                "2024-06-15", "2024-11-01"]),
        "type": ["complaint", "return", "complaint", "support_call", "complaint",
                 "complaint"]})
    orders = pd.DataFrame({
        "customer_id": [1, 1, 2, 2, 3],
        "order_date": pd.to_datetime(["2024-01-10", "2024-03-01", "2024-01-05", "2024-09-01",
                                      "2024-07-01"])})
    return service, orders


def test_incident_tolerance_by_hand() -> None:
    service, orders = _incidents()
    table = loyalty.incident_tolerance(service, orders, AT)
    # incidents count up to 2024-12-31 − 180 days = 2024-07-04; 1's complaint of 2024-11-01
    # is censored, 3's support call is no incident.
    # customer 1: complaint 2024-01-10 → next order strictly later is 2024-03-01 (51 days:
    # followed; the order on the same day does not count); return 2024-05-01 → no later order
    # → 1 of 2. Customer 2: complaint 2024-02-01 → order 2024-09-01 is 213 days later > 180
    # → 0 of 1. Customer 3: complaint 2024-06-15 → order 2024-07-01, 16 days → 1 of 1.
    assert table["incidents"].to_dict() == {1: 2, 2: 1, 3: 1}
    assert table["followed"].to_dict() == {1: 1, 2: 0, 3: 1}
    assert table["tolerance"].to_dict() == {1: 0.5, 2: 0.0, 3: 1.0}
    # a longer window forgives customer 2; orders after `at` are ignored
    assert loyalty.incident_tolerance(service, orders, AT, window_days=220).loc[
        2, "tolerance"] == 1.0
    assert loyalty.incident_tolerance(service, orders, "2024-08-31", window_days=30).loc[
        3, "followed"] == 1


def test_incident_tolerance_bad_input() -> None:
    service, orders = _incidents()
    with pytest.raises(ValueError, match="kinds \\['recall'\\] do not occur"):
        loyalty.incident_tolerance(service, orders, AT, kinds=("recall",))
    with pytest.raises(TypeError, match=r"kinds must be a list of names such as \['complaint'\]"):
        loyalty.incident_tolerance(service, orders, AT, kinds="complaint")
    with pytest.raises(ValueError, match="kinds must name at least one"):
        loyalty.incident_tolerance(service, orders, AT, kinds=())
    with pytest.raises(TypeError, match="kinds must be text, got int 3"):
        loyalty.incident_tolerance(service, orders, AT, kinds=("complaint", 3))
    with pytest.raises(ValueError, match="window_days must be between 1 and 10000, got 0"):
        loyalty.incident_tolerance(service, orders, AT, window_days=0)
    with pytest.raises(ValueError, match="no incident of type"):
        loyalty.incident_tolerance(service, orders, "2024-02-01")
    with pytest.raises(TypeError, match="datetime64"):
        loyalty.incident_tolerance(service.assign(date="2024-01-01"), orders, AT)
    with pytest.raises(ValueError, match="NaN"):
        loyalty.incident_tolerance(service.assign(type=[None, "return", "complaint",
                                                        "complaint", "complaint",
                                                        "complaint"]), orders, AT)


# --- customer filter and ladder --------------------------------------------------------------

def _history() -> pd.DataFrame:
    return pd.DataFrame({"n_orders": [1, 5, 8, 8, 9, 2],
                         "recency_days": [10, 20, 5, 5, 400, 30],
                         "quarters_active": [1, 2, 4, 3, 0, 1]}, index=[11, 12, 13, 14, 15, 16])


def test_customer_filter_rules() -> None:
    survey = pd.DataFrame({"customer_id": [13, 14], "mention": [7, 3], "recommend": [5, 6]})
    stage = loyalty.customer_filter(_history(), survey)
    # 11: one order; 12: 2 quarters < 3 → repeat; 13: loyal and mention 7 ≥ 6 → advocate;
    # 14: loyal, mention 3 and recommend 6 → loyal buyer; 15: 400 days > 180 → lapsed;
    # 16: two orders, one quarter → repeat buyer
    assert stage.astype(str).tolist() == ["first-time buyer", "repeat buyer", "brand advocate",
                                          "loyal buyer", "lapsed customer", "repeat buyer"]
    rung = loyalty.loyalty_ladder(stage, partner=pd.Series(True, index=stage.index))
    assert rung.astype(str).tolist() == ["customer", "client", "partner", "supporter",
                                         "off the ladder", "client"]


def test_customer_filter_rejects_respondents_without_history() -> None:
    survey = pd.DataFrame({"customer_id": [13, 99], "mention": [7, 3], "recommend": [5, 6]})
    with pytest.raises(ValueError, match="not in history"):
        loyalty.customer_filter(_history(), survey)


def test_customer_filter_without_survey_has_no_advocates() -> None:
    stage = loyalty.customer_filter(_history())
    assert (stage == "brand advocate").sum() == 0
    assert stage.loc[13] == "loyal buyer"


# --- Dick & Basu ------------------------------------------------------------------------------

def test_relative_attitude_by_hand() -> None:
    s = _survey()
    att = loyalty.relative_attitude(s)
    # customer 1: voluntariness (7−1)/6 = 1, price (1−1)/6 = 0 → reversed 1, recommend 10/10 = 1
    assert att.loc[1] == pytest.approx(1.0)
    # customer 2: (4−1)/6 = .5, 1 − (4−1)/6 = .5, 5/10 = .5 → .5
    assert att.loc[2] == pytest.approx(0.5)
    # customer 3: 0, 1 − 1 = 0, 3/10 = .3 → .1
    assert att.loc[3] == pytest.approx(0.1)


def test_loyalty_type_by_hand() -> None:
    repeat = pd.Series([0.8, 0.2, 0.8, 0.2, 0.5])
    attitude = pd.Series([0.9, 0.9, 0.1, 0.1, 0.5])
    kinds = loyalty.loyalty_type(repeat, attitude).astype(str).tolist()
    # the cut 0.5 itself counts as high
    assert kinds == ["true loyalty", "latent loyalty", "spurious loyalty", "no loyalty",
                     "true loyalty"]


# --- the loyalty index ------------------------------------------------------------------------

def _factors() -> pd.DataFrame:
    return pd.DataFrame({
        "A11": [0, 2, 4], "A12": [1, 3, 5], "A13": [-1, 0, 1], "A21": [0.2, 0.6, 0.4],
        "A22": [1, 2, 3], "A31": [1, 7, 4], "A32": [7, 1, 4], "A33": [1, 4, 7],
        "A34": [1, 10, 5.5]}, index=["a", "b", "c"], dtype=float)


def test_index_minmax_by_hand() -> None:
    out = loyalty.LoyaltyIndex().fit(_factors()).predict(_factors())
    # normalised: A11 [0, .5, 1]; A21 [0, 1, .5]; A32 min–max [1, 0, .5] reversed → [0, 1, .5]
    assert out["A32"].tolist() == pytest.approx([0, 1, 0.5])
    # A1 = mean of A11..A13 = [0, .5, 1]; A2 = (A21 + A22)/2 = [0, (1+.5)/2, (.5+1)/2]
    assert out["A1"].tolist() == pytest.approx([0, 0.5, 1])
    assert out["A2"].tolist() == pytest.approx([0, 0.75, 0.75])
    # A3 = (A31 + A32 + A33 + A34)/4: b = (1+1+.5+1)/4 = .875, c = (.5+.5+1+.5)/4 = .625
    assert out["A3"].tolist() == pytest.approx([0, 0.875, 0.625])
    # index = (A1 + A2 + A3)/3: b = 2.125/3, c = 2.375/3
    assert out["index"].tolist() == pytest.approx([0, 2.125 / 3, 2.375 / 3])


def test_index_z_by_hand() -> None:
    out = loyalty.LoyaltyIndex(method="z").fit(_factors()).predict(_factors())
    # A11 = 0, 2, 4: mean 2, sd (ddof 0) = sqrt(8/3) → z = ±2/sqrt(8/3) = ±1.2247
    assert out["A11"].tolist() == pytest.approx([-2 / np.sqrt(8 / 3), 0, 2 / np.sqrt(8 / 3)])
    # A32 = 7, 1, 4: mean 4, sd sqrt((9 + 9 + 0)/3) = sqrt(6); z(7) = 3/sqrt(6), reversed →
    # −3/sqrt(6) = −1.2247: the most price-sensitive customer gets the lowest score
    assert out.loc["a", "A32"] == pytest.approx(-3 / np.sqrt(6))
    # index = mean of the subsystem means; for b: A1 = 0, A2 = (z(.6) + 0)/2 with A21 mean .4,
    # sd sqrt(.08/3) → z(.6) = .2/sqrt(.08/3) = 1.2247, so A2 = .6124
    assert out.loc["b", "A2"] == pytest.approx(0.2 / np.sqrt(0.08 / 3) / 2)


def test_index_custom_weights() -> None:
    fw = dict(loyalty.DEFAULT_FACTOR_WEIGHTS) | {"A11": 1.0, "A12": 0.0, "A13": 0.0}
    model = loyalty.LoyaltyIndex({"A1": 1.0, "A2": 0.0, "A3": 0.0}, fw).fit(_factors())
    # all the weight on A11 → the index is the normalised A11
    assert model.predict(_factors())["index"].tolist() == pytest.approx([0, 0.5, 1])
    summary = model.summary()
    assert summary["weight_in_index"].sum() == pytest.approx(1.0)
    assert summary.loc["A11", "weight_in_index"] == 1.0


def test_default_weights_sum_to_one() -> None:
    w = loyalty.LoyaltyIndex().effective_weights
    assert w.sum() == pytest.approx(1.0)
    # each subsystem a third; A31 gets a quarter of A3's third
    assert w["A31"] == pytest.approx(1 / 12)


@settings(max_examples=examples(50))
@given(st.lists(st.floats(0.01, 1.0), min_size=3, max_size=3),
       st.lists(st.floats(0.0, 1.0), min_size=4, max_size=4).filter(lambda v: sum(v) > 0.01))
def test_minmax_index_stays_in_unit_interval(sub: list[float], a3: list[float]) -> None:
    subsystem = dict(zip(["A1", "A2", "A3"], np.array(sub) / sum(sub)))
    factor = dict(loyalty.DEFAULT_FACTOR_WEIGHTS) | dict(
        zip(["A31", "A32", "A33", "A34"], np.array(a3) / sum(a3)))
    rng = np.random.default_rng(1)
    frame = pd.DataFrame(rng.uniform(1, 7, (20, 9)), columns=list(loyalty.FACTOR_NAMES)[1:4]
                         + ["A21", "A22", "A31", "A32", "A33", "A34"])
    out = loyalty.LoyaltyIndex(subsystem, factor).fit(frame).predict(frame)
    assert out["index"].between(-1e-12, 1 + 1e-12).all()


@settings(max_examples=examples(50))
@given(st.lists(st.floats(0.0, 1.0), min_size=3, max_size=3).filter(
    lambda v: abs(sum(v) - 1) > 1e-3))
def test_weights_not_summing_to_one_raise(sub: list[float]) -> None:
    model = loyalty.LoyaltyIndex(dict(zip(["A1", "A2", "A3"], sub)))  # stored, checked in fit
    with pytest.raises(ValueError, match="subsystem_weights must sum to 1"):
        model.fit(_factors())


@pytest.mark.parametrize("kwargs, message", [
    ({"subsystem_weights": {"A1": 0.5, "A2": 0.5}}, "missing \\['A3'\\]"),
    ({"subsystem_weights": {"A1": 1.5, "A2": -0.5, "A3": 0.0}}, "must not be negative"),
    ({"subsystem_weights": {"A1": np.nan, "A2": 0.5, "A3": 0.5}}, "NaN"),
    ({"subsystem_weights": {"A1": "0.5", "A2": 0.5, "A3": 0.0}}, "holds text"),
    ({"factor_weights": dict(loyalty.DEFAULT_FACTOR_WEIGHTS) | {"A21": 0.7}},
     "factor_weights of A2 must sum to 1"),
    ({"factor_weights": dict(loyalty.DEFAULT_FACTOR_WEIGHTS) | {"A99": 0.0}},
     "unknown factor"),
    ({"method": "rank"}, "method must be"),
])
def test_bad_weights(kwargs: dict, message: str) -> None:
    model = loyalty.LoyaltyIndex(**kwargs)  # the constructor only stores its options
    assert model.get_params() == {"subsystem_weights": None, "factor_weights": None,
                                  "method": "minmax"} | kwargs
    with pytest.raises((ValueError, TypeError), match=message):
        model.fit(_factors())


def test_index_bad_factors() -> None:
    with pytest.raises(NotFittedError, match="LoyaltyIndex is not fitted yet"):
        loyalty.LoyaltyIndex().predict(_factors())
    with pytest.raises(ValueError, match=r"missing column\(s\) \['A34'\]"):
        loyalty.LoyaltyIndex().fit(_factors().drop(columns="A34"))
    with pytest.raises(ValueError, match="NaN"):
        loyalty.LoyaltyIndex().fit(_factors().assign(A31=[1.0, np.nan, 3.0]))
    with pytest.raises(ValueError, match="empty"):
        loyalty.LoyaltyIndex().fit(_factors().iloc[:0])
    with pytest.raises(ValueError, match=r"factors\['A12'\] must hold finite numbers"):
        loyalty.LoyaltyIndex().fit(_factors().assign(A12=[1.0, np.inf, 3.0]))


def test_loyalty_factors_from_history_and_survey() -> None:
    h = loyalty.purchase_history(_orders(), AT)
    f = loyalty.loyalty_factors(h, _survey())
    assert list(f.columns) == ["A11", "A12", "A13", "A21", "A22", "A31", "A32", "A33", "A34"]
    assert f.loc[1, "A13"] == pytest.approx(0.5) and f.loc[1, "A21"] == 0.8
    with pytest.raises(ValueError, match="no order history"):
        loyalty.loyalty_factors(h, _survey(customer_id=[1, 2, 99]))


# --- satisfaction and loyalty ------------------------------------------------------------------

def test_quadrant_by_hand() -> None:
    sat = pd.Series([9, 4, 8, 2, 7])
    rep = pd.Series([6, 7, 2, 1, 5])
    # 9/6 both high; 4/7 loyal, dissatisfied; 8/2 satisfied, not loyal; 2/1 neither;
    # the cuts themselves (7, 5) count as high
    assert loyalty.satisfaction_loyalty_quadrant(sat, rep).astype(str).tolist() == [
        "loyalist/apostle", "hostage", "mercenary", "defector", "loyalist/apostle"]


def test_curve_by_hand() -> None:
    curve = loyalty.satisfaction_loyalty_curve(pd.Series([1, 1, 2]), pd.Series([2.0, 4.0, 5.0]))
    # level 1: mean (2+4)/2 = 3, sd (ddof 1) = sqrt(2), sem = sqrt(2)/sqrt(2) = 1; level 2: one
    # answer, sem 0
    assert curve["mean_loyalty"].tolist() == [3.0, 5.0]
    assert curve["sem"].tolist() == pytest.approx([1.0, 0.0])
    assert curve["n"].tolist() == [2, 1]


@settings(max_examples=examples(60))
@given(st.lists(st.tuples(st.integers(1, 10), st.integers(1, 7)), min_size=1, max_size=40),
       st.integers(1, 10), st.integers(1, 7))
def test_quadrants_split_exactly_at_the_cuts(pairs: list, s_cut: int, l_cut: int) -> None:
    sat = pd.Series([p[0] for p in pairs])
    rep = pd.Series([p[1] for p in pairs])
    q = loyalty.satisfaction_loyalty_quadrant(sat, rep, satisfaction_cut=s_cut,
                                              loyalty_cut=l_cut)
    assert q.notna().all()
    loyal = q.isin(["loyalist/apostle", "hostage"])
    satisfied = q.isin(["loyalist/apostle", "mercenary"])
    assert (loyal == (rep >= l_cut)).all() and (satisfied == (sat >= s_cut)).all()


@settings(max_examples=examples(40))
@given(st.lists(st.tuples(st.integers(1, 4), st.integers(0, 1000), st.integers(1, 5)),
                min_size=1, max_size=60))
def test_history_invariants(rows: list) -> None:
    at = pd.Timestamp(AT)
    orders = pd.DataFrame({
        "customer_id": [r[0] for r in rows],
        "order_date": [at - pd.Timedelta(days=r[1]) for r in rows],
        "product_lines": [r[2] for r in rows]})
    h = loyalty.purchase_history(orders, at)
    assert h["n_orders"].sum() == len(rows)                 # every order counted once
    assert h["frequency_trend"].between(-1, 1).all()
    assert h["quarters_active"].between(0, 4).all()
    assert h["cross_buying"].between(1, 5).all()
    assert (h["purchase_frequency"] > 0).all() and h.notna().all().all()


# --- bad input ------------------------------------------------------------------------------------

@pytest.mark.parametrize("column, values, message", [
    ("mention", [8, 2, 4], r"survey\['mention'\] must lie between 1 and 7"),
    ("overall_satisfaction", [0, 4, 7], "must lie between 1 and 10"),
    ("share_of_wallet", [1.5, 0.2, 0.1], "must lie between 0 and 1"),
    ("voluntariness", [np.nan, 4, 1], "NaN"),
    ("price_sensitivity", ["high", "low", "low"], r"holds text .*pd.to_numeric"),
])
def test_bad_survey_values(column: str, values: list, message: str) -> None:
    survey = _survey(**{column: values})
    h = loyalty.purchase_history(_orders(), AT)
    with pytest.raises((ValueError, TypeError), match=message):
        loyalty.loyalty_factors(h, survey)


@settings(max_examples=examples(40))
@given(st.sampled_from(["mention", "price_sensitivity", "voluntariness",
                        "repurchase_intention"]),
       st.one_of(st.integers(-50, 0), st.integers(8, 50)))
def test_out_of_range_items_always_raise(column: str, bad: int) -> None:
    survey = _survey(**{column: [bad, 4, 4]})
    low, high = loyalty.SCALES[column]
    with pytest.raises(ValueError, match=f"must lie between {low} and {high}"):
        loyalty._survey_frame(survey, [column])


def test_missing_survey_item_and_duplicates() -> None:
    with pytest.raises(ValueError, match=r"missing column\(s\) \['voluntariness'\]"):
        loyalty.relative_attitude(_survey().drop(columns="voluntariness"))
    with pytest.raises(ValueError, match="survey must have one row per customer_id"):
        loyalty.relative_attitude(_survey(customer_id=[1, 1, 3]))
    with pytest.raises(ValueError, match="empty"):
        loyalty.relative_attitude(_survey().iloc[:0])


def test_bad_orders() -> None:
    with pytest.raises(TypeError, match="datetime64"):
        loyalty.purchase_history(_orders().assign(order_date="2024-01-01"), AT)
    with pytest.raises(ValueError, match=r"missing column\(s\) \['order_date'\]"):
        loyalty.purchase_history(_orders().drop(columns="order_date"), AT)
    with pytest.raises(ValueError, match="no order on or before"):
        loyalty.purchase_history(_orders(), "2020-01-01")
    with pytest.raises(ValueError, match="NaN"):
        loyalty.purchase_history(_orders().assign(product_lines=np.nan), AT)
    late = pd.Series(pd.to_datetime(["2024-01-01"] * 3), index=[1, 2, 3])
    with pytest.raises(ValueError, match="must not be after"):
        loyalty.purchase_history(_orders(), AT, first_purchase=late)


def test_bad_pairs() -> None:
    with pytest.raises(ValueError, match="same index"):
        loyalty.satisfaction_loyalty_quadrant(pd.Series([1, 2]), pd.Series([1, 2], index=[5, 6]))
    with pytest.raises(ValueError, match="NaN"):
        loyalty.loyalty_type(pd.Series([0.1, np.nan]), pd.Series([0.1, 0.2]))
    with pytest.raises(ValueError, match="empty"):
        loyalty.satisfaction_loyalty_curve(pd.Series([], dtype=float), pd.Series([], dtype=float))
    with pytest.raises(ValueError, match="stage must be one of"):
        loyalty.loyalty_ladder(pd.Series(["champion"]))


def test_scales_periods_and_overflow_through_the_shared_checks() -> None:
    with pytest.raises(ValueError, match=r"scale must be \(lowest, highest\) with lowest < "
                                         r"highest, got \(7, 1\)"):
        loyalty.attitude_to_competitor(_ratings(), scale=(7, 1))
    with pytest.raises(TypeError, match=r"scale must be a pair of numbers such as \(1, 7\)"):
        loyalty.attitude_to_competitor(_ratings(), scale="1-7")
    with pytest.raises(TypeError, match=r"scale\[1\] must be a number"):
        loyalty.attitude_to_competitor(_ratings(), scale=(1, None))
    with pytest.raises(TypeError, match="base must be a date such as '2024-12-31', got 'soon'"):
        loyalty.repeat_purchase_rate(_orders(), ("2023-01-01", "soon"),
                                     ("2024-01-01", "2024-12-31"))
    with pytest.raises(TypeError, match="follow must be a date without a time zone"):
        loyalty.repeat_purchase_rate(_orders(), ("2023-01-01", "2023-12-31"),
                                     (pd.Timestamp("2024-01-01", tz="UTC"), "2024-12-31"))
    with pytest.raises(ValueError, match="the mean loyalty and its standard error is too large "
                                         "to compute.*check the scale of loyalty"):
        loyalty.satisfaction_loyalty_curve(pd.Series([1, 1]), pd.Series([1e308, 1e308]))
    with pytest.raises(ValueError, match="satisfaction must have one row per customer"):
        loyalty.satisfaction_loyalty_curve(pd.Series([1, 2], index=[1, 1]),
                                           pd.Series([3.0, 4.0], index=[1, 1]))

def test_validate_weights_checks_its_keys_and_name() -> None:
    assert loyalty.validate_weights({"A1": 0.25, "A2": 0.75}, ("A1", "A2"), "w").tolist() == [
        0.25, 0.75]
    with pytest.raises(TypeError, match=r"keys must be a list of names such as \['A1'\]"):
        loyalty.validate_weights({"A1": 1.0}, "A1", "w")
    with pytest.raises(ValueError, match=r"keys names \['A1'\] more than once"):
        loyalty.validate_weights({"A1": 1.0}, ("A1", "A1"), "w")
    with pytest.raises(TypeError, match="keys must be text, got int 1"):
        loyalty.validate_weights({"A1": 1.0}, ("A1", 1), "w")
    with pytest.raises(TypeError, match="name must be text, got NoneType None"):
        loyalty.validate_weights({"A1": 1.0}, ("A1",), None)

def test_loyalty_ladder_partner_must_be_boolean() -> None:
    stage = pd.Series(["brand advocate", "brand advocate"], index=[1, 2])
    # "no" is text: read as a flag it would make everyone a partner
    with pytest.raises(TypeError, match="partner must hold True/False"):
        loyalty.loyalty_ladder(stage, partner=pd.Series(["yes", "no"], index=[1, 2]))
    with pytest.raises(TypeError, match="partner must hold True/False"):
        loyalty.loyalty_ladder(stage, partner=pd.Series([1, 0], index=[1, 2]))
    with pytest.raises(TypeError, match="partner must be a pandas Series, got list"):
        loyalty.loyalty_ladder(stage, partner=[True, False])
    with pytest.raises(ValueError, match="NaN"):
        loyalty.loyalty_ladder(stage, partner=pd.Series([True], index=[1]))
    rung = loyalty.loyalty_ladder(stage, partner=pd.Series([True, False], index=[1, 2]))
    assert rung.astype(str).tolist() == ["partner", "advocate"]


# --- the case company's planted structure -----------------------------------------------------

@pytest.fixture(scope="module")
def case_survey() -> pd.DataFrame:
    case = datasets.load_case_company()
    survey = case.survey.set_index("customer_id")
    customers = case.customers.set_index("customer_id")
    planted = planted_customer_types()
    survey["planted"] = np.select(
        [survey.index.isin(planted["hostages"]), survey.index.isin(planted["mercenaries"]),
         customers["status"].reindex(survey.index).eq("lost")],
        ["hostage", "mercenary", "lost"], "other")
    survey["lost_reason"] = customers["lost_reason"].reindex(survey.index)
    return survey


def test_quadrants_find_the_planted_hostages_and_mercenaries(case_survey: pd.DataFrame) -> None:
    q = loyalty.satisfaction_loyalty_quadrant(case_survey["overall_satisfaction"],
                                              case_survey["repurchase_intention"])
    hostages = case_survey["planted"] == "hostage"
    mercenaries = case_survey["planted"] == "mercenary"
    assert (q[hostages] == "hostage").mean() >= 0.8
    assert (q[mercenaries] == "mercenary").mean() >= 0.6
    # and both are over-represented in their quadrant compared with everyone else
    assert (q[~hostages] == "hostage").mean() < 0.2
    assert (q[~mercenaries] == "mercenary").mean() < 0.2


def test_hostages_are_spurious_and_mercenaries_latent(case_survey: pd.DataFrame) -> None:
    kind = loyalty.loyalty_type(case_survey["share_of_wallet"],
                                loyalty.relative_attitude(case_survey.reset_index()))
    assert (kind[case_survey["planted"] == "hostage"] == "spurious loyalty").mean() > 0.5
    assert (kind[case_survey["planted"] == "mercenary"] == "latent loyalty").mean() > 0.5


def test_lost_respondents_are_less_satisfied(case_survey: pd.DataFrame) -> None:
    sat = case_survey["overall_satisfaction"]
    lost = case_survey["lost_reason"] != "none"
    assert sat[lost].mean() < sat[~lost].mean() - 1
    by_reason = sat[lost].groupby(case_survey.loc[lost, "lost_reason"]).mean()
    assert by_reason.idxmin() == "slow_service"


def test_lapsed_stage_matches_lost_status() -> None:
    case = datasets.load_case_company()
    customers = case.customers.set_index("customer_id")
    h = loyalty.purchase_history(case.orders, AT, first_purchase=customers["acquisition_date"])
    stage = loyalty.customer_filter(h, case.survey)
    lost = customers["status"].reindex(stage.index) == "lost"
    lapsed = stage == "lapsed customer"
    assert lapsed[lost].mean() > 0.7        # most lost customers have stopped ordering
    assert lapsed[~lost].mean() < 0.1       # few active ones have


@pytest.mark.parametrize("bad, error, message", [
    (0, ValueError, "between 1 and 365"), (-5, ValueError, "between 1 and 365"),
    (400, ValueError, "between 1 and 365"), (30.5, ValueError, "a whole number"),
    ("90", TypeError, "a number, got str '90'"), (True, TypeError, "a number, got bool"),
    (np.nan, ValueError, "a number, got nan")])
def test_purchase_history_checks_min_exposure(bad: object, error: type, message: str) -> None:
    with pytest.raises(error, match=f"min_exposure_days must be {message}"):
        loyalty.purchase_history(_orders(), AT, min_exposure_days=bad)


# ---------------------------------------------------------------------------------------------
# bad input named by the issue: refused clearly, never passed on or turned into nonsense
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("option, bad, error, message", [
    ("lapse_days", "180", TypeError, r"lapse_days must be a number, got str '180' \(write it "
                                     r"without quotes\)"),
    ("lapse_days", -1, ValueError, "lapse_days must be between 0 and 10000"),
    ("lapse_days", np.nan, ValueError, "lapse_days must be a number, got nan"),
    ("loyal_quarters", 5, ValueError, "loyal_quarters must be between 1 and 4"),
    ("loyal_quarters", 2.5, ValueError, "loyal_quarters must be a whole number"),
    ("advocate_mention", 9, ValueError, "advocate_mention must be between 1 and 7"),
    ("advocate_recommend", None, TypeError, "advocate_recommend must be a number, got None"),
])
def test_customer_filter_checks_its_options(option: str, bad: object, error: type,
                                            message: str) -> None:
    with pytest.raises(error, match=message):
        loyalty.customer_filter(_history(), **{option: bad})


def test_customer_filter_checks_the_history() -> None:
    with pytest.raises(TypeError, match=r"history\['n_orders'\] holds text"):
        loyalty.customer_filter(_history().astype({"n_orders": str}))
    with pytest.raises(ValueError, match=r"history\['quarters_active'\] must lie between 0 "
                                         r"and 4"):
        loyalty.customer_filter(_history().assign(quarters_active=[1, 2, 4, 3, 0, 5]))
    with pytest.raises(ValueError, match=r"history must have one row per customer; the index "
                                         r"repeats \[11\]"):
        loyalty.customer_filter(pd.concat([_history().iloc[:1], _history()]))


@pytest.mark.parametrize("bad, error", [(np.nan, ValueError), (None, TypeError),
                                        (np.inf, ValueError), ("0.5", TypeError),
                                        (1.5, ValueError)])
def test_nan_or_none_thresholds_are_refused(bad: object, error: type) -> None:
    repeat, attitude = pd.Series([0.8, 0.2]), pd.Series([0.9, 0.1])
    with pytest.raises(error, match="repeat_cut must be"):
        loyalty.loyalty_type(repeat, attitude, repeat_cut=bad)
    with pytest.raises(error, match="attitude_cut must be"):
        loyalty.loyalty_type(repeat, attitude, attitude_cut=bad)
    if bad != 1.5:  # the quadrant's cuts live on the answer scales, not on 0–1
        with pytest.raises(error, match="loyalty_cut must be"):
            loyalty.satisfaction_loyalty_quadrant(pd.Series([9, 4]), pd.Series([6, 2]),
                                                  loyalty_cut=bad)


def test_loyalty_type_needs_shares_on_0_1() -> None:
    with pytest.raises(ValueError, match="repeat must lie between 0 and 1"):
        loyalty.loyalty_type(pd.Series([3.0, 0.2]), pd.Series([0.9, 0.1]))


def test_dates_as_text_or_with_a_time_zone_are_refused() -> None:
    utc = _orders().assign(order_date=_orders()["order_date"].dt.tz_localize("UTC"))
    text = _orders().assign(order_date=_orders()["order_date"].dt.strftime("%Y-%m-%d"))
    with pytest.raises(TypeError, match=r"orders\['order_date'\] holds time-zone-aware dates "
                                        r".*tz_localize\(None\)"):
        loyalty.purchase_history(utc, AT)
    with pytest.raises(TypeError, match=r"orders\['order_date'\] must hold dates .*"
                                        r"pd.to_datetime"):
        loyalty.repeat_purchase_rate(text, ("2023-01-01", "2023-12-31"),
                                     ("2024-01-01", "2024-12-31"))
    service, orders = _incidents()
    with pytest.raises(TypeError, match=r"service\['date'\] holds time-zone-aware"):
        loyalty.incident_tolerance(service.assign(date=service["date"].dt.tz_localize("UTC")),
                                   orders, AT)
    first = pd.Series(["2020-12-31", "2024-06-01", "2023-05-01"], index=[1, 2, 3])
    with pytest.raises(TypeError, match="first_purchase must hold dates .*pd.to_datetime"):
        loyalty.purchase_history(_orders(), AT, first_purchase=first)
    with pytest.raises(TypeError, match="at must be a date without a time zone"):
        loyalty.purchase_history(_orders(), pd.Timestamp(AT, tz="UTC"))


def test_missing_dates_are_refused() -> None:
    orders = _orders()
    orders.loc[2, "order_date"] = pd.NaT
    with pytest.raises(ValueError, match=r"orders\['order_date'\] has 1 missing date\(s\) "
                                         r"\(NaT\)"):
        loyalty.purchase_history(orders, AT)


def test_duplicated_customers_are_refused_where_one_row_each_is_expected() -> None:
    h = loyalty.purchase_history(_orders(), AT)
    with pytest.raises(ValueError, match=r"history must have one row per customer.*\[1\]"):
        loyalty.loyalty_factors(pd.concat([h.iloc[:1], h]), _survey())
    by = pd.Series(["big", "small", "small", "big"], index=[1, 2, 3, 1])
    with pytest.raises(ValueError, match=r"by must have one row per customer.*\[1\]"):
        loyalty.repeat_purchase_rate(_orders(), ("2023-01-01", "2023-12-31"),
                                     ("2024-01-01", "2024-12-31"), by=by)
    stage = pd.Series(["brand advocate"] * 2, index=[1, 2])
    with pytest.raises(ValueError, match=r"partner must have one row per customer.*\[1\]"):
        loyalty.loyalty_ladder(stage, partner=pd.Series([True, False, True], index=[1, 1, 2]))
    with pytest.raises(ValueError, match=r"factors must have one row per customer.*\['a'\]"):
        loyalty.LoyaltyIndex().fit(pd.concat([_factors().iloc[:1], _factors()]))


def test_index_on_the_model_base() -> None:
    model = loyalty.LoyaltyIndex({"A1": 0.2, "A2": 0.5, "A3": 0.3})
    assert repr(model) == "LoyaltyIndex(subsystem_weights={'A1': 0.2, 'A2': 0.5, 'A3': 0.3})"
    with pytest.raises(NotFittedError, match=r"call \.fit\(factors\) first"):
        model.summary()
    # the weights can be shown (and are checked) before any fit
    assert model.weight_table()["weight_in_index"].sum() == pytest.approx(1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a closed-form fit on good data warns about nothing
        fitted = model.fit(_factors())
    assert fitted is model and model.converged_ and model.fit_problems_ == []
    assert repr(model).endswith("; fitted on 3 customers")
    assert list(model.summary().columns[-2:]) == ["location", "scale"]


def test_index_warns_when_the_data_cannot_be_normalised() -> None:
    with pytest.warns(FitWarning, match=r"factor\(s\) \['A22'\] are the same for all 3 "
                                        "customers"):
        model = loyalty.LoyaltyIndex().fit(_factors().assign(A22=2.0))
    assert not model.converged_ and "A22" in model.fit_problems_[0]
    # the constant factor is scored neutrally, the others as before
    out = model.predict(_factors().assign(A22=2.0))
    assert out["A22"].tolist() == [0.5, 0.5, 0.5] and out["A11"].tolist() == [0, 0.5, 1]
    assert out.notna().all().all()
    with pytest.warns(FitWarning, match="only 1 customer"):
        one = loyalty.LoyaltyIndex(method="z").fit(_factors().iloc[:1])
    assert not one.converged_
    assert (one.predict(_factors().iloc[:1]).drop(columns="index") == 0).all().all()


# --- fidelity to the decks: their terms and titles ---------------------------------------------

def test_index_factors_carry_the_decks_chinese_names() -> None:
    # 第二章“为企业创造价值”: 钱包份额A21, 交叉销售A22, 客户满意度 A34 (not 顾客份额 / 交叉购买)
    table = loyalty.LoyaltyIndex().weight_table()
    assert table.loc["A21", "chinese"] == "钱包份额"
    assert table.loc["A22", "chinese"] == "交叉销售（交叉购买）"   # deck term, textbook term
    assert table.loc["A34", "chinese"] == "客户满意度"
    assert table.loc[["A11", "A12", "A13"], "chinese"].tolist() == [
        "购买持续期", "购买频率", "购买频率变化趋势"]
    assert [loyalty.FACTOR_NAMES[k][1] for k in loyalty.SUBSYSTEMS] == [
        "关系的持久性", "消费金额", "情感因素"]
    assert "顾客份额" not in {zh for _, zh in loyalty.FACTOR_NAMES.values()}
    # the filter's lapsed customer as the deck writes it (沉寂客户(即背弃者)), not 背叛者;
    # the loyalty types' names are lost with the deck's figure: the textbook's 不忠诚
    assert loyalty.FILTER_ZH["lapsed customer"] == "沉寂客户（即背弃者）"
    assert loyalty.LOYALTY_TYPES_ZH["no loyalty"] == "不忠诚"


def test_docstrings_cite_the_decks_by_title_not_the_lecture() -> None:
    import inspect
    import re

    source = inspect.getsource(loyalty)
    assert not re.search(r"\bthe lecture\b|\blectures? 00\d|\(00\d\)", source)
    for title in ("第二章“为企业创造价值”", "《客户管理》第三章"):
        assert title in source
    # the satisfaction-loyalty figure of the deck is lost: the curve is the course's reading
    doc = loyalty.satisfaction_loyalty_curve.__doc__ or ""
    assert "figure is lost" in doc and "Jones & Sasser" in doc


def test_the_eight_measures_are_named_as_the_deck_names_them() -> None:
    # 《客户管理》第三章, 顾客忠诚度的衡量标准, in the deck's order and wording
    assert loyalty.measures_table()["chinese"].tolist() == [
        "客户重复购买率", "客户对本企业产品品牌的关心程度", "客户需求满足率",
        "客户对产品价格的敏感程度", "客户对竞争产品的态度", "客户对商品的认同度",
        "客户购买时的挑选时间", "客户对产品质量事故的承受力"]


def test_the_index_lives_in_its_own_module_and_stays_importable_from_loyalty() -> None:
    from helpers import loyalty_index

    for name in loyalty_index.__all__:
        assert getattr(loyalty, name) is getattr(loyalty_index, name), name
        assert name in loyalty.__all__
    assert loyalty.LoyaltyIndex.__module__ == "helpers.loyalty_index"


def test_measures_table_says_not_in_the_data_in_the_readers_language() -> None:
    import contextlib
    import io

    from helpers import language

    with contextlib.redirect_stdout(io.StringIO()):
        language.use_language("zh")
    try:
        table = loyalty.measures_table()
    finally:
        language.use_language("en")
    assert table.loc[~table["available"], "in_the_data"].eq("数据中没有").all()
    assert loyalty.measures_table().loc[1, "in_the_data"] == "not in the data"
