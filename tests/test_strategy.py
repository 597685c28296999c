"""The capstone strategy helpers (chapter 13): hand-computed examples, invariants, bad input and
the case company's planted structure."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from properties import examples

from helpers import datasets, rating, retention, strategy
from helpers.datasets.case_company import PLANTED, planted_customer_types

LN2 = np.log(2.0)


@pytest.fixture(scope="module")
def case() -> datasets.CaseCompany:
    return datasets.load_case_company()


@pytest.fixture(scope="module")
def rating_2025q1(case: datasets.CaseCompany) -> pd.Series:
    # as the capstone builds it: the credit class is the quarterly rating of 2025Q1
    ratings = rating.quarterly_ratings(case.financials, case.credit_profiles, case.invoices,
                                       ["2025Q1"], customers=case.customers)
    return ratings.set_index("customer_id")["rating"]


@pytest.fixture(scope="module")
def profile(case: datasets.CaseCompany, rating_2025q1: pd.Series) -> pd.DataFrame:
    prof = strategy.customer_profile(case.customers, case.orders, case.cost_to_serve, year=2024,
                                     credit_class=rating_2025q1, survey=case.survey)
    prof["grade"] = strategy.strategic_grade(prof)
    prof["action"] = strategy.assign_actions(prof)
    return prof


def hand_profile() -> pd.DataFrame:
    """Eight customers, each built to meet one rule of assign_actions."""
    return pd.DataFrame({
        "status": ["lost", "lost", "active", "active", "active", "active", "active", "active"],
        "lost_reason": ["slow_service", "moved_or_closed", "none", "none", "none", "none",
                        "none", "none"],
        "clv": [500.0, 900.0, 100.0, 50.0, 800.0, 300.0, 200.0, 250.0],
        "grade": ["D", "D", "C", "D", "A", "A", "B", "C"],
        "stage": ["termination", "termination", "development", "maturity", "maturity",
                  "maturity", "growth", "maturity"],
        "quarters_active": [0, 0, 1, 4, 4, 4, 3, 4],
        "frequency_trend": [-1.0, -1.0, 0.0, 0.0, 0.1, -0.5, 0.2, 0.0],
        "cross_buying": [2.0, 2.0, 1.0, 5.0, 4.0, 4.0, 1.0, 2.0],
        "loyalty_type": ["not surveyed"] * 8,
    }, index=pd.Index([1, 2, 3, 4, 5, 6, 7, 8], name="customer_id"))


# --- response curve ---------------------------------------------------------------------------

def test_response_rate_by_hand() -> None:
    # ceiling 0.4, half spend 1000: s = 0 → 0; s = 1000 → 0.4 × 1/2 = 0.2;
    # s = 2000 → 0.4 × (1 − 1/4) = 0.3
    rate = strategy.response_rate([0.0, 1000.0, 2000.0], 0.4, 1000.0)
    assert rate == pytest.approx([0.0, 0.2, 0.3])


@settings(max_examples=examples(40))
@given(s1=st.floats(0, 1e5), ds=st.floats(1e-3, 1e5), c=st.floats(0.01, 1.0),
       h=st.floats(1.0, 1e4))
def test_response_rate_rises_with_diminishing_returns(s1: float, ds: float, c: float,
                                                       h: float) -> None:
    r0, r1, r2 = strategy.response_rate([s1, s1 + ds, s1 + 2 * ds], c, h)
    assert 0.0 <= r0 <= r1 <= r2 <= c
    assert (r2 - r1) <= (r1 - r0) + 1e-12  # each step buys less than the one before


@pytest.mark.parametrize("args, message", [
    (([-1.0], 0.5, 100.0), "spend_per_customer"),
    (([1.0], 1.5, 100.0), "ceiling"),
    (([1.0], 0.5, 0.0), "half_spend"),
    (([np.nan], 0.5, 100.0), "NaN"),
])
def test_response_rate_bad_input(args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        strategy.response_rate(*args)


# --- allocation -------------------------------------------------------------------------------

def one_plan(n: float = 10, value: float = 1000.0, ceiling: float = 0.5,
             half: float = 100.0, name: str = "retain") -> pd.DataFrame:
    return pd.DataFrame({"customers": [n], "value_per_response": [value], "ceiling": [ceiling],
                         "half_spend": [half]}, index=pd.Index([name], name="action"))


def test_allocate_by_hand() -> None:
    # 10 customers, spend 1000 → 100 each = the half spend → rate 0.5 × 0.5 = 0.25;
    # responders 2.5, expected 2.5 × 1000 = 2500, net 2500 − 1000 = 1500, roi 1.5;
    # marginal = V c k e^{−k s} = 1000 × 0.5 × (ln2 / 100) × 0.5 = 1.7329
    out = strategy.allocate(one_plan(), {"retain": 1000.0}).loc["retain"]
    assert out["spend_per_customer"] == pytest.approx(100.0)
    assert out["response_rate"] == pytest.approx(0.25)
    assert out["expected_profit"] == pytest.approx(2500.0)
    assert out["net_return"] == pytest.approx(1500.0)
    assert out["roi"] == pytest.approx(1.5)
    assert out["marginal_return"] == pytest.approx(1000 * 0.5 * LN2 / 100 * 0.5)


def test_allocate_zero_spend_and_missing_actions() -> None:
    plan = pd.concat([one_plan(), one_plan(name="advocate")])
    out = strategy.allocate(plan, {"retain": 500.0})
    assert out.loc["advocate", "spend"] == 0.0
    assert out.loc["advocate", "expected_profit"] == 0.0
    assert out.loc["advocate", "roi"] == 0.0
    assert not out.isna().any().any()


@pytest.mark.parametrize("spend, message", [
    ({"retain": -1.0}, "negative"),
    ({"retian": 10.0}, "not in the plan"),
    ({"retain": np.nan}, "NaN"),
])
def test_allocate_bad_spend(spend: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        strategy.allocate(one_plan(), spend)


def test_allocate_bad_plan() -> None:
    with pytest.raises(ValueError, match="missing column"):
        strategy.allocate(one_plan().drop(columns="ceiling"), {"retain": 1.0})
    with pytest.raises(ValueError, match="ceiling"):
        strategy.allocate(one_plan(ceiling=1.2), {"retain": 1.0})
    with pytest.raises(ValueError, match="no targeted customers"):
        strategy.allocate(one_plan(n=0), {"retain": 1.0})


def test_optimal_allocation_one_action_by_hand() -> None:
    # n = 10, V = 1000, c = 0.5, k = ln2/100: the marginal return falls to 1 at
    # S = (n / k) ln(V c k) = (1000 / ln2) ln(5 ln2) ≈ 1442.7 × 1.2429 ≈ 1793.1;
    # a budget of 1000 is spent in full, a budget of 10,000 only up to that point
    small = strategy.optimal_allocation(one_plan(), 1000.0)
    assert small.loc["retain", "spend"] == pytest.approx(1000.0)
    big = strategy.optimal_allocation(one_plan(), 10_000.0)
    expected = 10 / (LN2 / 100) * np.log(1000 * 0.5 * LN2 / 100)
    assert big.loc["retain", "spend"] == pytest.approx(expected)
    assert big.loc["retain", "marginal_return"] == pytest.approx(1.0)


def test_optimal_allocation_equalises_marginal_returns() -> None:
    plan = pd.concat([one_plan(), one_plan(n=30, value=3000, ceiling=0.3, half=300,
                                           name="acquire")])
    out = strategy.optimal_allocation(plan, 2000.0)
    assert out["spend"].sum() == pytest.approx(2000.0)
    assert out["spend"].gt(0).all()
    assert out.loc["retain", "marginal_return"] == pytest.approx(
        out.loc["acquire", "marginal_return"])


def test_optimal_allocation_spends_nothing_that_does_not_pay() -> None:
    # V c k = 10 × 0.5 × ln2/100 ≈ 0.035 < 1: even the first yuan loses money
    out = strategy.optimal_allocation(one_plan(value=10.0), 5000.0)
    assert out["spend"].sum() == 0.0


@settings(max_examples=examples(30))
@given(budget=st.floats(100.0, 50_000.0), split=st.lists(st.floats(0.0, 1.0), min_size=3,
                                                          max_size=3))
def test_optimal_allocation_beats_any_other_split(budget: float, split: list[float]) -> None:
    plan = pd.DataFrame({"customers": [10, 40, 25], "value_per_response": [2000.0, 800.0, 5000.0],
                         "ceiling": [0.5, 0.3, 0.2], "half_spend": [200.0, 100.0, 800.0]},
                        index=pd.Index(["retain", "up-sell", "acquire"], name="action"))
    best = strategy.optimal_allocation(plan, budget)
    assert best["spend"].sum() <= budget * (1 + 1e-9)
    w = np.asarray(split) + 1e-9
    other = strategy.allocate(plan, pd.Series(budget * w / w.sum(), index=plan.index))
    assert best["net_return"].sum() >= other["net_return"].sum() - 1e-6


def test_optimal_allocation_bad_budget() -> None:
    with pytest.raises(ValueError, match="budget"):
        strategy.optimal_allocation(one_plan(), -5.0)
    with pytest.raises(TypeError, match="budget"):
        strategy.optimal_allocation(one_plan(), "1000")


# --- budget check -----------------------------------------------------------------------------

def test_budget_check_by_hand() -> None:
    # spend 100 against a lost profit of 1000 with half saved: saved 500, net 400, share 0.1
    out = strategy.budget_check(100.0, 1000.0, 0.5)
    assert out["profit_saved"] == pytest.approx(500.0)
    assert out["net_gain"] == pytest.approx(400.0)
    assert out["spend_share"] == pytest.approx(0.1)
    assert out["worthwhile"] is True
    assert strategy.budget_check(600.0, 1000.0, 0.5)["worthwhile"] is False


@pytest.mark.parametrize("args, error", [
    ((-1.0, 1000.0), ValueError), ((10.0, 0.0), ValueError), ((10.0, -5.0), ValueError),
    ((10.0, 1000.0, 1.5), ValueError), ((np.nan, 1000.0), ValueError), (("10", 1000.0), TypeError),
])
def test_budget_check_bad_input(args: tuple, error: type) -> None:
    with pytest.raises(error):
        strategy.budget_check(*args)


# --- grade and actions ------------------------------------------------------------------------

def test_strategic_grade_by_hand() -> None:
    frame = pd.DataFrame({
        "current_value": [100.0, 90.0, 10.0, 5.0, 80.0, 70.0],
        "clv": [500.0, 400.0, 900.0, -10.0, 600.0, 300.0],
        "status": ["active", "active", "active", "active", "active", "lost"],
        "credit_class": ["cash", "B", "AA", "A", "C", "AAA"],
    })
    # cuts with top = 0.5: current median of [100, 90, 10, 5, 80, 70] = 75; future (lost → 0)
    # [500, 400, 900, −10, 600, 0] median = 450.
    # value grades: 100 ≥ 75 → A; 90 ≥ 75 → A; 10 < 75 but 900 ≥ 450 → B; future −10 ≤ 0 → D;
    # 80 → A; lost (future 0) → D. Credit: B moves 2nd down to B; C makes 5th D.
    grade = strategy.strategic_grade(frame, top=0.5)
    assert grade.astype(str).tolist() == ["A", "B", "B", "D", "D", "D"]


def test_strategic_grade_bad_input() -> None:
    frame = pd.DataFrame({"current_value": [1.0], "clv": [1.0], "status": ["active"],
                          "credit_class": ["BBB"]})
    with pytest.raises(ValueError, match="credit_class"):
        strategy.strategic_grade(frame)
    with pytest.raises(ValueError, match="status"):
        strategy.strategic_grade(frame.assign(credit_class="A", status="gone"))
    with pytest.raises(ValueError, match="missing column"):
        strategy.strategic_grade(frame.drop(columns="clv"))


def test_assign_actions_by_hand() -> None:
    actions = strategy.assign_actions(hand_profile())
    # 1 lost for slow service with CLV 500 > 0 → acquire (win back); 2 moved/closed → let go;
    # 3 development, grade C → acquire (onboard); 4 grade D → standardise; 5 grade A, mature,
    # 4 quarters → advocate; 6 trend −0.5 < −0.2 → retain; 7 growth → up-sell;
    # 8 stable, 2 lines < 3 → cross-sell
    assert actions.astype(str).tolist() == ["acquire", "let go", "acquire", "standardise",
                                            "advocate", "retain", "up-sell", "cross-sell"]


def test_assign_actions_rules_are_adjustable() -> None:
    frame = hand_profile()
    # with a win-back threshold of 1000 the lost customer (CLV 500) is let go; with a trend cut
    # of −0.6 customer 6 (trend −0.5) is no longer retained: grade A, mature, 4 quarters →
    # advocate; with cross_sell_max_lines 1.5 customer 8 (2 lines) is up-sold
    actions = strategy.assign_actions(frame, {"winback_min_clv": 1000, "trend_cut": -0.6,
                                              "cross_sell_max_lines": 1.5})
    assert actions.astype(str).tolist()[0] == "let go"
    assert actions.astype(str).tolist()[5] == "advocate"
    assert actions.astype(str).tolist()[7] == "up-sell"


def test_assign_actions_hostage_is_not_an_advocate() -> None:
    frame = hand_profile()
    frame.loc[5, "loyalty_type"] = "hostage"
    # customer 5 would be an advocate but is a dissatisfied hostage: next rules → 4 lines ≥ 3
    assert strategy.assign_actions(frame).loc[5] == "up-sell"


@pytest.mark.parametrize("column, bad, message", [
    ("grade", "E", "grade"), ("stage", "adolescence", "stage"), ("frequency_trend", 2.0,
                                                                  "frequency_trend"),
    ("clv", np.nan, "NaN"), ("status", "gone", "status"),
])
def test_assign_actions_bad_values(column: str, bad: object, message: str) -> None:
    frame = hand_profile()
    if isinstance(bad, str):
        frame[column] = frame[column].astype(object)
    frame.loc[3, column] = bad
    with pytest.raises(ValueError, match=message):
        strategy.assign_actions(frame)


def test_assign_actions_bad_rules_and_columns() -> None:
    with pytest.raises(ValueError, match="unknown key"):
        strategy.assign_actions(hand_profile(), {"trend": -0.1})
    with pytest.raises(ValueError, match="missing column"):
        strategy.assign_actions(hand_profile().drop(columns="stage"))


def test_action_plan_by_hand() -> None:
    frame = pd.DataFrame({"action": ["retain", "retain", "advocate", "standardise"],
                          "clv": [100.0, -50.0, 400.0, 999.0]})
    plan = strategy.action_plan(frame)
    # retain: CLVs 100 and −50 → clipped 100, 0 → mean 50 × value share 1.0 = 50, at stake 100;
    # advocate: 400 × 0.10 = 40; nobody to cross-sell: 0 customers, 0 value
    assert plan.loc["retain", "customers"] == 2
    assert plan.loc["retain", "value_per_response"] == pytest.approx(50.0)
    assert plan.loc["retain", "value_at_stake"] == pytest.approx(100.0)
    assert plan.loc["advocate", "value_per_response"] == pytest.approx(40.0)
    assert plan.loc["cross-sell", "customers"] == 0
    assert list(plan.index) == list(strategy.ACURA)


def test_action_plan_bad_input() -> None:
    with pytest.raises(ValueError, match="action"):
        strategy.action_plan(pd.DataFrame({"action": ["sell harder"], "clv": [1.0]}))
    with pytest.raises(ValueError, match="no row for action"):
        strategy.action_plan(pd.DataFrame({"action": ["retain"], "clv": [1.0]}),
                             strategy.DEFAULT_RESPONSE.drop(index="advocate"))


# --- the case company -------------------------------------------------------------------------

def test_profile_shape(case: datasets.CaseCompany, profile: pd.DataFrame) -> None:
    assert len(profile) == len(case.customers)  # everybody was acquired by 2024-12-31
    assert profile.index.is_unique
    assert not profile.isna().any().any()
    assert set(profile.loc[~profile["credit_customer"], "credit_class"]) == {"cash"}
    assert (profile["status"] == "lost").sum() == (case.customers["status"] == "lost").sum()


def test_profile_of_an_earlier_year(case: datasets.CaseCompany) -> None:
    early = strategy.customer_profile(case.customers, case.orders, case.cost_to_serve, year=2022)
    acquired = (case.customers["acquisition_date"] <= "2022-12-31").sum()
    assert len(early) == acquired
    assert not early.isna().any().any()


def test_profile_bad_input(case: datasets.CaseCompany) -> None:
    with pytest.raises(ValueError, match="missing column"):
        strategy.customer_profile(case.customers.drop(columns="size"), case.orders,
                                  case.cost_to_serve)
    with pytest.raises(ValueError, match="credit_class"):
        strategy.customer_profile(case.customers, case.orders, case.cost_to_serve,
                                  credit_class=pd.Series({1008: "Z"}))
    with pytest.raises(ValueError, match="horizon"):
        strategy.customer_profile(case.customers, case.orders, case.cost_to_serve, horizon=0)


def test_planted_defaulters_are_let_go(profile: pd.DataFrame) -> None:
    defaulted = planted_customer_types()["defaulted"]
    assert (profile.loc[defaulted, "action"] == "let go").all()
    # they closed before 2025, so the 2025Q1 rating no longer covers them (tests/test_rating.py
    # checks that their last rating before the default was B or C)
    assert (profile.loc[defaulted, "status"] == "lost").all()
    assert (profile.loc[defaulted, "credit_class"] == "unrated").all()


def test_planted_deteriorating_customers_rate_worse(profile: pd.DataFrame) -> None:
    bad = planted_customer_types()["deteriorating"]
    credit = profile[profile["credit_customer"]]
    weak = credit["credit_class"].isin(["B", "C"])
    assert weak[credit.index.isin(bad)].mean() > weak[~credit.index.isin(bad)].mean() + 0.2


def test_loss_making_tail_is_standardised_or_let_go(profile: pd.DataFrame) -> None:
    low, high = PLANTED["loss_making_share_band"]
    active = profile[profile["status"] == "active"]
    losing = active["current_value"] < 0
    in_d = active["grade"] == "D"
    # the planted band is the share of customers who lose money, not the share in grade D
    assert low <= losing.mean() <= high
    assert in_d[losing].mean() > 0.8
    losers = active[losing]
    assert (losers["action"] == "standardise").mean() > 0.8
    # the loss-makers kept out of grade D have value ahead
    assert (active.loc[losing & ~in_d, "clv"] > 0).all()
    # grade D exceeds the loss-making share by the customers whose credit class caps the grade
    # (chapter 13 says the grade-D share lies outside the band, and why)
    value_grade = strategy.strategic_grade(profile, risky=(), caution=()).reindex(active.index)
    capped = in_d & (value_grade != "D")
    assert capped.sum() > 0
    assert active.loc[capped, "credit_class"].isin(["B", "C"]).all()
    assert (in_d | (value_grade != "D")).all()  # the credit cap never lifts a grade out of D


def test_win_back_targets_left_for_avoidable_reasons(profile: pd.DataFrame) -> None:
    lost = profile[profile["status"] == "lost"]
    winback = lost[lost["action"] == "acquire"]
    assert len(winback) > 0
    assert set(winback["lost_reason"]) <= set(PLANTED["avoidable_lost_reasons"])
    assert (winback["clv"] > 0).all()
    # the planted key-account reasons: slow service and competitor offers lead among lost
    # large customers worth winning back
    large = winback[winback["size"] == "large"]["lost_reason"].value_counts()
    assert set(large.index[:2]) <= {"slow_service", "competitor_offer", "price"}


def test_budget_check_on_the_case(profile: pd.DataFrame, case: datasets.CaseCompany) -> None:
    lost_2024 = case.customers.set_index("customer_id")["lost_date"].dt.year == 2024
    lost = profile[lost_2024.reindex(profile.index, fill_value=False)]
    loss = retention.avoidable_churn_loss(lost.assign(lifetime_value=lost["clv"]))
    assert loss > 0
    assert strategy.budget_check(0.1 * loss, loss, 0.5)["worthwhile"] is True
    assert strategy.budget_check(0.6 * loss, loss, 0.5)["worthwhile"] is False


# --- invariants on random profiles ------------------------------------------------------------

@st.composite
def random_profiles(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(1, 12))

    def pick(options: list) -> list:
        return draw(st.lists(st.sampled_from(options), min_size=n, max_size=n))

    money = st.floats(-1e5, 1e5, allow_nan=False)
    return pd.DataFrame({
        "status": pick(["active", "lost"]),
        "lost_reason": pick(["none", "price", "slow_service", "moved_or_closed"]),
        "current_value": draw(st.lists(money, min_size=n, max_size=n)),
        "clv": draw(st.lists(money, min_size=n, max_size=n)),
        "credit_class": pick(list(strategy.CREDIT_CLASSES)),
        "stage": pick(["development", "growth", "maturity", "decline", "termination",
                       "recovery"]),
        "quarters_active": pick([0, 1, 2, 3, 4]),
        "frequency_trend": draw(st.lists(st.floats(-1, 1), min_size=n, max_size=n)),
        "cross_buying": draw(st.lists(st.floats(1, 8), min_size=n, max_size=n)),
        "loyalty_type": pick(["not surveyed", "hostage", "loyalist/apostle", "defector"]),
    })


@settings(max_examples=examples(40))
@given(frame=random_profiles())
def test_every_customer_gets_one_consistent_action(frame: pd.DataFrame) -> None:
    from helpers import segments
    frame["grade"] = strategy.strategic_grade(frame)
    # credit risk only ever lowers the value grade
    future = frame["clv"].where(frame["status"] == "active", 0.0)
    value_grade = segments.abcd_grades(pd.DataFrame({"current_value": frame["current_value"],
                                                     "future_value": future}))
    assert (frame["grade"].cat.codes >= value_grade.cat.codes).all()
    assert (frame.loc[frame["credit_class"] == "C", "grade"] == "D").all()
    action = strategy.assign_actions(frame)
    assert action.notna().all() and len(action) == len(frame)
    lost = frame["status"] == "lost"
    assert set(action[lost]) <= {"acquire", "let go"}
    assert set(action[~lost & (frame["grade"] == "D")]) <= {"standardise"}
    assert (action[lost & (frame["lost_reason"] == "moved_or_closed")] == "let go").all()
    assert not (action == "advocate")[frame["loyalty_type"].isin(["hostage", "defector"])].any()


def test_profile_takes_the_quarterly_rating(profile: pd.DataFrame,
                                            rating_2025q1: pd.Series) -> None:
    credit = profile[profile["credit_customer"]]
    rated = credit.index.isin(rating_2025q1.index)
    # every rated credit customer carries its 2025Q1 class; the others are unrated
    assert (credit.loc[rated, "credit_class"].astype(str)
            == rating_2025q1.reindex(credit.index[rated]).astype(str)).all()
    assert (credit.loc[~rated, "credit_class"] == "unrated").all()
    assert set(profile.loc[~profile["credit_customer"], "credit_class"]) == {"cash"}


def test_return_curves_are_allocate_at_each_spend() -> None:
    plan = pd.DataFrame({"customers": [10, 0], "value_per_response": [1000.0, 500.0],
                         "ceiling": [0.5, 0.5], "half_spend": [100.0, 100.0]},
                        index=pd.Index(["retain", "advocate"], name="action"))
    curves = strategy.return_curves(plan, [0.0, 1000.0, 3000.0])
    # retain: 10 customers, 100 each at 1000 → rate 0.25, 2.5 responders x 1000 − 1000 = 1500;
    # 300 each at 3000 → 0.5 x (1 − 1/8) = 0.4375, 4375 − 3000 = 1375
    assert curves.loc["retain"].tolist() == pytest.approx([0.0, 1500.0, 1375.0])
    # an action without customers only loses what is spent on it
    assert curves.loc["advocate"].tolist() == pytest.approx([0.0, -1000.0, -3000.0])
    single = strategy.allocate(plan.iloc[:1], {"retain": 3000.0})
    assert curves.loc["retain", 3000.0] == pytest.approx(single.loc["retain", "net_return"])
    with pytest.raises(ValueError, match="totals must not be negative"):
        strategy.return_curves(plan, [100.0, -1.0])
    with pytest.raises(ValueError, match="totals is empty"):
        strategy.return_curves(plan, [])


# --- bad input named by the issue (11) --------------------------------------------------------

@pytest.mark.parametrize("table, column", [
    ("orders", "order_date"), ("orders", "product_lines"), ("orders", "net_sales"),
    ("customers", "lost_date"), ("customers", "credit_customer"), ("costs", "amount"),
])
def test_profile_names_a_missing_column(case: datasets.CaseCompany, table: str,
                                        column: str) -> None:
    # customer_profile without order_date used to end in a KeyError
    frames = {"customers": case.customers, "orders": case.orders, "costs": case.cost_to_serve}
    frames[table] = frames[table].drop(columns=column)
    with pytest.raises(ValueError, match=rf"{table} is missing column\(s\) \['{column}'\]"):
        strategy.customer_profile(frames["customers"], frames["orders"], frames["costs"])


def test_profile_refuses_bad_options_and_inconsistent_tables(case: datasets.CaseCompany) -> None:
    tables = (case.customers, case.orders, case.cost_to_serve)
    with pytest.raises(TypeError, match="year must be a number, got str"):
        strategy.customer_profile(*tables, year="2024")
    with pytest.raises(ValueError, match="nobody acquired by the end of year 1990"):
        strategy.customer_profile(*tables, year=1990)
    with pytest.raises(ValueError, match="discount_rate is a rate written as a fraction"):
        strategy.customer_profile(*tables, discount_rate=10)
    with pytest.raises(ValueError, match="horizon must be between 1 and 10000"):
        strategy.customer_profile(*tables, horizon=10**6)
    orders = case.orders.assign(order_date=case.orders["order_date"].dt.tz_localize("UTC"))
    with pytest.raises(TypeError, match="time-zone-aware"):
        strategy.customer_profile(case.customers, orders, case.cost_to_serve)
    stranger = case.orders.assign(customer_id=case.orders["customer_id"].replace(1001, 99999))
    with pytest.raises(ValueError, match="orders has .* customers that are not in customers"):
        strategy.customer_profile(case.customers, stranger, case.cost_to_serve)
    twice = pd.concat([case.survey, case.survey.iloc[:1]])
    with pytest.raises(ValueError, match="survey must have one row per respondent"):
        strategy.customer_profile(*tables, survey=twice)
    with pytest.raises(ValueError, match=r"survey\['overall_satisfaction'\] must lie between"):
        strategy.customer_profile(*tables, survey=case.survey.assign(overall_satisfaction=11))


@pytest.mark.parametrize("call, error, message", [
    (lambda: strategy.strategic_grade(hand_profile().assign(current_value=1.0, credit_class="A"),
                                      top=np.nan), ValueError, "top must be a number"),
    (lambda: strategy.strategic_grade(hand_profile().assign(current_value=1.0, credit_class="A"),
                                      risky="C"), TypeError, "risky must be a list"),
    (lambda: strategy.assign_actions(hand_profile(), {"trend_cut": np.nan}), ValueError,
     r"rules\['trend_cut'\] must be a number"),
    (lambda: strategy.assign_actions(hand_profile(), ["trend_cut"]), TypeError,
     "rules must be a dict"),
    (lambda: strategy.assign_actions(hand_profile(), avoidable="price"), TypeError,
     "avoidable must be a list"),
    (lambda: strategy.response_rate(["10"], 0.5, 100.0), TypeError,
     "spend_per_customer holds text"),
    (lambda: strategy.response_rate(10.0, True, 100.0), TypeError, "ceiling must be a number"),
    (lambda: strategy.response_rate([1.0, 2.0], [0.5, 0.5, 0.5], 100.0), ValueError,
     "the same length"),
    (lambda: strategy.allocate(one_plan(), [1000.0]), TypeError, "spend must map actions"),
    (lambda: strategy.return_curves(one_plan(), 1000.0), TypeError, "totals must be a list"),
    (lambda: strategy.optimal_allocation(one_plan(), None), TypeError, "budget must be a number"),
    (lambda: strategy.budget_check(10.0, 1000.0, 40), ValueError,
     "success_rate is a rate written as a fraction"),
])
def test_strategy_options_are_checked(call, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        call()


def test_the_profile_and_the_check_list_their_columns(profile: pd.DataFrame) -> None:
    """The constants the Chinese edition translates are the helpers' own columns and rows."""
    assert list(profile.columns[:len(strategy.PROFILE_COLUMNS)]) == list(strategy.PROFILE_COLUMNS)
    assert list(strategy.budget_check(10.0, 100.0).index) == list(strategy.BUDGET_CHECK_ROWS)
    assert strategy.NOT_SURVEYED in set(profile["loyalty_type"])
    # one name for up-selling: the standard term (the deck's own is 升级产品销售)
    assert strategy.ACURA["up-sell"] == "向上销售"
