"""Customer lifecycle: stages on hand-computed histories, cohorts, bad input, planted facts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from properties import examples

from helpers import datasets, lifecycle, value

AT = "2024-12-31"


def _toy() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nine customers, one per rule, observed at 2024-12-31 with the default rules.

    Windows (W = 90 days): recent = (2024-10-02, 2024-12-31], previous = (2024-07-04, 2024-10-02].
    """
    customers = pd.DataFrame({
        "customer_id": list("ABCDEFGHZ"),
        "acquisition_date": pd.to_datetime([
            "2024-12-01", "2024-11-15", "2023-01-01", "2023-01-01", "2023-01-01", "2023-01-01",
            "2022-01-01", "2022-01-01", "2025-01-10"]),
    })
    rows = [
        # A: acquired, no purchase → potential
        ("B", "2024-11-15", 100.0),  # tenure 46 days ≤ 90 → development
        # C: previous 100, recent 200 > 1.5 × 100; recency 60 ≤ 2 × 92 → growth
        ("C", "2024-08-01", 100.0), ("C", "2024-11-01", 200.0),
        # D: previous 150 + 150 = 300, recent 3 × 100 = 300: neither > 450 nor < 150;
        #    recency 16 ≤ 2 × (122 / 4) = 61 → maturity
        ("D", "2024-08-15", 150.0), ("D", "2024-09-15", 150.0), ("D", "2024-10-15", 100.0),
        ("D", "2024-11-15", 100.0), ("D", "2024-12-15", 100.0),
        # E: previous 400, recent 100 < 0.5 × 400 → decline (spend falling)
        ("E", "2024-08-01", 400.0), ("E", "2024-12-01", 100.0),
        # F: previous 200, recent 200 (stable spend) but recency 71 > 2 × (30 / 3) = 20
        #    → decline (the gap has grown)
        ("F", "2024-09-21", 100.0), ("F", "2024-10-01", 100.0), ("F", "2024-10-11", 100.0),
        ("F", "2024-10-21", 100.0),
        # G: recency 244 > 180 → termination
        ("G", "2024-05-01", 100.0),
        # H: gap 2024-01-10 → 2024-12-01 = 326 > 180, return 30 days ago ≤ 90 → recovery
        ("H", "2024-01-10", 100.0), ("H", "2024-12-01", 100.0),
        # Z is acquired after the observation date: not staged
    ]
    tx = pd.DataFrame(rows, columns=["customer_id", "date", "amount"])
    tx["date"] = pd.to_datetime(tx["date"])
    return tx, customers


EXPECTED = {"A": "potential", "B": "development", "C": "growth", "D": "maturity",
            "E": "decline", "F": "decline", "G": "termination", "H": "recovery"}


def test_stages_by_hand() -> None:
    tx, customers = _toy()
    stages = lifecycle.assign_stages(tx, AT, customers=customers)
    assert stages["stage"].astype(str).to_dict() == EXPECTED
    assert list(stages["stage"].cat.categories) == list(lifecycle.STAGES)
    d = stages.loc["D"]
    assert (d["recent_spend"], d["previous_spend"]) == (300.0, 300.0)
    assert d["mean_gap_days"] == pytest.approx(122 / 4)
    assert stages.loc["F", "recency_days"] == 71
    assert stages.loc["G", "recency_days"] == 244
    assert stages.loc["H", "last_return"] == pd.Timestamp("2024-12-01")
    assert stages.loc["B", "tenure_days"] == 46
    assert pd.isna(stages.loc["A", "last_purchase"]) and stages.loc["A", "purchase_days"] == 0


def test_thresholds_move_customers() -> None:
    tx, customers = _toy()
    # termination after 250 days instead of 180: G (recency 244) is no longer terminated, but
    # it bought nothing in the recent window (244 > 90) → decline
    stages = lifecycle.assign_stages(tx, AT, customers=customers, termination_days=250)
    assert stages.loc["G", "stage"] == "decline"
    # …and H's gap (326) still exceeds 250 → recovery
    assert stages.loc["H", "stage"] == "recovery"
    # a growth threshold of 100 %: C's 200 vs 100 is not > 2 × 100 → stable → maturity
    assert lifecycle.assign_stages(tx, AT, customers=customers, growth=1.0).loc["C", "stage"] \
        == "maturity"
    # a decline threshold of 80 %: E's 100 is not < 0.2 × 400 = 80 → E keeps buying in rhythm
    # (recency 30 ≤ 2 × 122) and 100 < 400 is not growth → maturity
    assert lifecycle.assign_stages(tx, AT, customers=customers, decline=0.8).loc["E", "stage"] \
        == "maturity"
    # gap ratio 8: F's 71 ≤ 8 × 10 → stable spend → maturity
    assert lifecycle.assign_stages(tx, AT, customers=customers, gap_ratio=8).loc["F", "stage"] \
        == "maturity"
    # maturity needs a recent spend of 350: D (300) stays in growth
    assert lifecycle.assign_stages(tx, AT, customers=customers, maturity_min_spend=350
                                   ).loc["D", "stage"] == "growth"


def test_without_a_customer_list() -> None:
    tx, _ = _toy()
    stages = lifecycle.assign_stages(tx, AT)
    # no potential customer without a list (and none acquired after the date)
    assert "A" not in stages.index and "Z" not in stages.index
    assert stages["stage"].astype(str).to_dict() == {k: v for k, v in EXPECTED.items()
                                                     if k != "A"}


def test_same_day_purchases_count_as_one_purchase_day() -> None:
    tx = pd.DataFrame({"customer_id": [1, 1, 1], "amount": [10.0, 5.0, 20.0],
                       "date": pd.to_datetime(["2024-06-01", "2024-06-01", "2024-07-01"])})
    stages = lifecycle.assign_stages(tx, "2024-07-10")
    # two purchase days 30 days apart; 2024-06-01 counts 15
    assert stages.loc[1, "purchase_days"] == 2
    assert stages.loc[1, "mean_gap_days"] == 30
    assert stages.loc[1, "recent_spend"] == 35.0


def test_stage_history_and_counts() -> None:
    tx, customers = _toy()
    dates = pd.to_datetime(["2024-06-30", AT])
    history = lifecycle.stage_history(tx, dates, customers=customers)
    # at 2024-06-30: known are C, D, E, F (acquired 2023), G, H (2022); G's first purchase on
    # 2024-05-01 was 60 days ago → development, H bought 2024-01-10 (recency 172 ≤ 180, but
    # nothing in the recent window (2024-04-01, 2024-06-30] → decline); C–F have not bought
    # yet → potential
    first = history[history["date"] == dates[0]].set_index("customer_id")["stage"].astype(str)
    assert first.to_dict() == {"C": "potential", "D": "potential", "E": "potential",
                               "F": "potential", "G": "development", "H": "decline"}
    last = history[history["date"] == dates[1]].set_index("customer_id")["stage"].astype(str)
    assert last.to_dict() == EXPECTED
    counts = lifecycle.stage_counts(history)
    assert list(counts.columns) == list(lifecycle.STAGES)
    assert counts.loc[dates[1]].tolist() == [1, 1, 1, 1, 2, 1, 1]
    assert counts.sum(axis=1).tolist() == [6, 8]
    shares = lifecycle.stage_counts(history, share=True)
    assert shares.sum(axis=1).tolist() == pytest.approx([1.0, 1.0])


def test_transitions() -> None:
    tx, customers = _toy()
    before = lifecycle.assign_stages(tx[tx["date"] <= "2024-06-30"], "2024-06-30",
                                     customers=customers)
    after = lifecycle.assign_stages(tx, AT, customers=customers)
    table = lifecycle.stage_transitions(before, after)
    assert table.loc["potential"].sum() == 4 and table.loc["development", "termination"] == 1
    assert table.loc["(new)"].sum() == 2  # A and B were acquired after 2024-06-30
    assert table.to_numpy().sum() == 8
    with pytest.raises(ValueError, match="missing from `after`"):
        lifecycle.stage_transitions(after, before)


def test_stage_value_and_at_risk() -> None:
    tx, customers = _toy()
    stages = lifecycle.assign_stages(tx, AT, customers=customers)
    profit = pd.Series({"A": 0.0, "B": -50.0, "C": 10.0, "D": 300.0, "E": 200.0, "F": 20.0,
                        "G": 5.0, "H": 15.0})
    table = lifecycle.stage_value(stages, profit)
    # decline = E + F = 220 of a total 500 → 44 %, mean 110
    assert table.loc["decline"].tolist() == pytest.approx([2, 220.0, 110.0, 0.44])
    assert table["customers"].sum() == 8 and list(table.index) == list(lifecycle.STAGES)
    # top 25 % of 8 values: the 0.75 quantile of (-50, 0, 5, 10, 15, 20, 200, 300) is
    # 20 + 0.25 × (200 − 20) = 65 (linear) → D and E are valuable; only E declines
    risky = lifecycle.at_risk(stages, profit, fraction=0.25)
    assert risky.index.tolist() == ["E"] and risky["value"].tolist() == [200.0]
    with pytest.raises(ValueError, match="no entry"):
        lifecycle.stage_value(stages, profit.drop("H"))
    with pytest.raises(ValueError, match="risk_stages"):
        lifecycle.at_risk(stages, profit, risk_stages=["dying"])


def test_cohort_matrix_by_hand() -> None:
    tx = pd.DataFrame({"customer_id": [1, 1, 1, 2, 2, 3, 3],
                       "date": pd.to_datetime(["2024-01-05", "2024-02-10", "2024-03-01",
                                               "2024-01-20", "2024-03-15",
                                               "2024-02-02", "2024-03-02"])})
    table = lifecycle.cohort_retention(tx)
    # cohort 2024-01 = {1, 2}: Feb only 1 → 1/2; Mar 1 and 2 → 2/2
    # cohort 2024-02 = {3}: Mar → 1/1; Apr not observed (the log ends in March) → NaN
    assert table.index.astype(str).tolist() == ["2024-01", "2024-02"]
    np.testing.assert_allclose(table.to_numpy(), [[1.0, 0.5, 1.0], [1.0, 1.0, np.nan]])
    counts = lifecycle.cohort_retention(tx, counts=True)
    assert counts["cohort_size"].tolist() == [2, 1]
    assert counts[1].tolist() == [1.0, 1.0]
    quarterly = lifecycle.cohort_retention(tx, freq="Q", end="2024-06-30")
    np.testing.assert_allclose(quarterly.to_numpy(), [[1.0, 0.0]])


def test_stage_guide_lists_the_seven_stages() -> None:
    guide = lifecycle.stage_guide()
    assert guide["stage"].tolist() == list(lifecycle.STAGES)
    assert guide["chinese"].tolist() == ["潜在客户期", "客户开发期", "客户成长期", "客户成熟期",
                                         "客户衰退期", "客户终止期", "客户恢复期"]
    assert guide[["features", "incentives"]].map(len).gt(20).all().all()


def test_stage_guide_quotes_the_deck_and_marks_the_profit_as_an_expectation() -> None:
    guide = lifecycle.stage_guide().set_index("stage")
    assert list(guide.columns) == ["chinese", "deck", "features", "expected_profit", "incentives"]
    # the deck's words (《客户关系管理》第五讲) for each stage, e.g. maturity = full share of wallet
    assert "最大限度地获得了客户的钱包份额" in guide.loc["maturity", "deck"]
    assert "首次作出了购买决定" in guide.loc["development", "deck"]
    assert "重复购买" in guide.loc["growth", "deck"]
    assert "客户开始流失" in guide.loc["decline", "deck"]
    assert "新一轮的循环" in guide.loc["recovery", "deck"]
    assert guide["deck"].map(lambda text: all("\u4e00" <= c <= "\u9fff" or c in ",。、"
                                              for c in text)).all()
    # no claim the case company's data contradict: mature customers cost the most to serve
    text = " ".join(guide[["features", "incentives"]].to_numpy().ravel())
    assert "cost to serve" not in text and "lowest" not in text
    # the profit peak is stated as the textbook's expectation, not as a fact about the stage
    assert "textbook" in guide.loc["maturity", "expected_profit"]
    assert "profit" not in guide.loc["maturity", "features"]


# --- properties ------------------------------------------------------------------------------

_tx_rows = st.lists(st.tuples(st.integers(1, 6), st.integers(0, 400),
                              st.floats(0, 1e4, allow_nan=False)), min_size=1, max_size=40)


def _frame(rows: list[tuple[int, int, float]]) -> pd.DataFrame:
    return pd.DataFrame({"customer_id": [r[0] for r in rows],
                         "date": pd.Timestamp("2024-01-01")
                         + pd.to_timedelta([r[1] for r in rows], unit="D"),
                         "amount": [r[2] for r in rows]})


@settings(max_examples=examples(60))
@given(_tx_rows, st.randoms(use_true_random=False))
def test_one_stage_per_customer_whatever_the_row_order(rows: list, rnd) -> None:
    tx = _frame(rows)
    at = tx["date"].max()
    stages = lifecycle.assign_stages(tx, at)
    assert sorted(stages.index) == sorted(tx["customer_id"].unique())
    assert stages["stage"].notna().all() and not stages["stage"].eq("potential").any()
    shuffled = tx.sample(frac=1.0, random_state=rnd.randint(0, 10_000))
    pd.testing.assert_frame_equal(lifecycle.assign_stages(shuffled, at), stages)


def test_a_customer_acquired_on_the_observation_date_is_known_that_day() -> None:
    tx, customers = _toy()
    on_the_day = customers.assign(acquisition_date=customers["acquisition_date"].where(
        customers["customer_id"] != "A", pd.Timestamp(AT)))
    assert lifecycle.assign_stages(tx, AT, customers=on_the_day).loc["A", "stage"] == "potential"
    history = lifecycle.stage_history(tx, ["2024-12-30", AT], customers=on_the_day)
    assert history.groupby("date")["customer_id"].apply(lambda ids: "A" in set(ids)).tolist() \
        == [False, True]


@settings(max_examples=examples(40))
@given(_tx_rows, st.lists(st.integers(-30, 430), min_size=1, max_size=5, unique=True),
       st.booleans(), st.sampled_from([1, 7, 10_000]), st.integers(20, 200))
def test_history_is_the_stages_at_each_date(rows: list, offsets: list[int], listed: bool,
                                            per_pass: int, termination: int) -> None:
    """All dates at once (in one pass or several) give what each date gives on its own."""
    tx = _frame(rows)
    dates = pd.Timestamp("2024-01-01") + pd.to_timedelta(sorted(offsets), unit="D")
    ids = sorted(tx["customer_id"].unique())
    customers = pd.DataFrame({  # customer 1 is acquired before buying, the others on their
        "customer_id": ids + [99],  # first purchase; customer 99 never buys
        "acquisition_date": [tx.loc[tx["customer_id"] == i, "date"].min()
                             - pd.Timedelta(days=40 * (i == 1)) for i in ids]
        + [pd.Timestamp("2024-03-01")]}) if listed else None
    rules = {"termination_days": termination, "window_days": 60}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lifecycle, "_DAYS_PER_PASS", per_pass)
        try:
            history = lifecycle.stage_history(tx, dates, customers=customers, **rules)
        except ValueError as error:  # every date before the first customer
            assert "no customer is known" in str(error)
            first = tx["date"] if customers is None else customers["acquisition_date"]
            assert dates[-1] < first.min()
            return
    for at in dates:
        seen, got = tx[tx["date"] <= at], history[history["date"] == at]
        if seen.empty:  # no purchase yet: the customers acquired by then are potential
            assert got["stage"].eq("potential").all()
            assert len(got) == (0 if customers is None
                                else customers["acquisition_date"].le(at).sum())
            continue
        expected = lifecycle.assign_stages(seen, at, customers=customers, **rules)
        got = got.set_index("customer_id")
        pd.testing.assert_series_equal(got["stage"], expected["stage"], check_names=False)
        pd.testing.assert_series_equal(got["recent_spend"], expected["recent_spend"],
                                       check_names=False)


@settings(max_examples=examples(40))
@given(_tx_rows, st.sampled_from([0.25, 0.5, 2.0, 8.0, 1024.0]))
def test_stages_do_not_depend_on_the_currency(rows: list, scale: float) -> None:
    tx = _frame(rows)
    at = tx["date"].max()
    a = lifecycle.assign_stages(tx, at)["stage"]
    b = lifecycle.assign_stages(tx.assign(amount=tx["amount"] * scale), at)["stage"]
    # rescaling by a power of two is exact in floating point, so no comparison can flip
    pd.testing.assert_series_equal(a, b)


@settings(max_examples=examples(40))
@given(_tx_rows)
def test_cohort_shares_lie_in_0_1_and_start_at_1(rows: list) -> None:
    table = lifecycle.cohort_retention(_frame(rows))
    values = table.to_numpy()
    assert np.all(values[:, 0] == 1.0)
    observed = values[~np.isnan(values)]
    assert np.all((observed >= 0) & (observed <= 1))


def _bad(kind: str) -> tuple[pd.DataFrame, dict]:
    tx, customers = _toy()
    if kind == "negative":
        tx.loc[3, "amount"] = -5.0
    elif kind == "nan amount":
        tx.loc[2, "amount"] = np.nan
    elif kind == "nan date":
        tx.loc[2, "date"] = pd.NaT
    elif kind == "future":
        tx.loc[4, "date"] = pd.Timestamp("2025-02-01")
    elif kind == "empty":
        tx = tx.iloc[:0]
    elif kind == "missing column":
        tx = tx.drop(columns="amount")
    elif kind == "text dates":
        tx["date"] = tx["date"].astype(str)
    elif kind == "before acquisition":
        tx.loc[0, "date"] = pd.Timestamp("2024-11-01")
    elif kind == "unknown customer":
        tx.loc[0, "customer_id"] = "Q"
    return tx, {"customers": customers}


@pytest.mark.parametrize("kind, error, message", [
    ("negative", ValueError, r"amount.*must not be negative"),
    ("nan amount", ValueError, "missing value"),
    ("nan date", ValueError, r"transactions\['date'\] has 1 missing date\(s\) \(NaT\)"),
    ("future", ValueError, "after the observation date"),
    ("empty", ValueError, "transactions is empty"),
    ("missing column", ValueError, "amount_col must name a column of transactions; 'amount' "
                                   "is not one of"),
    ("text dates", TypeError, "must hold dates"),
    ("before acquisition", ValueError, "dates out of order"),
    ("unknown customer", ValueError, "missing from customers"),
])
def test_bad_transactions(kind: str, error: type, message: str) -> None:
    tx, kwargs = _bad(kind)
    with pytest.raises(error, match=message):
        lifecycle.assign_stages(tx, AT, **kwargs)


@pytest.mark.parametrize("rule, value, error", [
    ("termination_days", 0, ValueError), ("window_days", -30, ValueError),
    ("decline", 1.5, ValueError), ("growth", -0.1, ValueError),
    ("gap_ratio", float("nan"), ValueError), ("recovery_days", "90", TypeError),
])
def test_bad_rules(rule: str, value: object, error: type) -> None:
    tx, customers = _toy()
    with pytest.raises(error, match=rule):
        lifecycle.assign_stages(tx, AT, customers=customers, **{rule: value})


def test_bad_observation_dates() -> None:
    tx, customers = _toy()
    with pytest.raises(ValueError, match="strictly increasing"):
        lifecycle.stage_history(tx, ["2024-12-31", "2024-06-30"])
    with pytest.raises(ValueError, match="strictly increasing"):
        lifecycle.stage_history(tx, ["2024-06-30", "2024-06-30"])
    with pytest.raises(ValueError, match="dates is empty"):
        lifecycle.stage_history(tx, [])
    with pytest.raises(TypeError, match="unknown rule"):
        lifecycle.stage_history(tx, [AT], termination=30)
    with pytest.raises(ValueError, match="missing value"):
        lifecycle.assign_stages(tx, pd.NaT)
    dup = pd.concat([customers, customers.iloc[:1]])
    with pytest.raises(ValueError, match="customers must have one row per customer_id"):
        lifecycle.assign_stages(tx, AT, customers=dup)


def test_bad_cohort_input() -> None:
    tx, _ = _toy()
    with pytest.raises(ValueError, match="freq"):
        lifecycle.cohort_retention(tx, freq="W")
    with pytest.raises(ValueError, match="after end"):
        lifecycle.cohort_retention(tx, end="2024-06-30")
    with pytest.raises(ValueError, match="empty"):
        lifecycle.cohort_retention(tx.iloc[:0])
    with pytest.raises(ValueError, match=r"missing date\(s\) \(NaT\)"):
        lifecycle.cohort_retention(tx.assign(date=tx["date"].where(tx.index != 1)))


# --- the case company's planted lifecycle and the real CDNOW log -----------------------------

@pytest.fixture(scope="module")
def case() -> datasets.CaseCompany:
    return datasets.load_case_company()


def _orders(case: datasets.CaseCompany) -> pd.DataFrame:
    return case.orders.rename(columns={"order_date": "date", "net_sales": "amount"})


def test_lost_customers_are_flagged_at_the_end(case: datasets.CaseCompany) -> None:
    stages = lifecycle.assign_stages(_orders(case), "2024-12-31", customers=case.customers)
    lost = case.customers.set_index("customer_id")["status"].eq("lost").reindex(stages.index)
    flagged = stages["stage"].isin(["decline", "termination"])
    recall = (flagged & lost).sum() / lost.sum()
    precision = (flagged & lost).sum() / flagged.sum()
    assert recall > 0.9
    assert precision > 1.8 * lost.mean()  # well above the base rate of lost customers
    # every customer lost more than 180 days before the end is terminated
    lost_date = case.customers.set_index("customer_id")["lost_date"].reindex(stages.index)
    long_gone = lost_date < pd.Timestamp("2024-12-31") - pd.Timedelta(days=180)
    assert stages.loc[long_gone, "stage"].eq("termination").all()


def test_fading_customers_are_flagged_before_they_leave(case: datasets.CaseCompany) -> None:
    dates = pd.date_range("2022-07-31", "2024-12-31", freq="ME")
    history = lifecycle.stage_history(_orders(case), dates, customers=case.customers)
    lost_date = history["customer_id"].map(case.customers.set_index("customer_id")["lost_date"])
    last_look = lost_date.gt(history["date"]) & lost_date.le(history["date"]
                                                             + pd.Timedelta(days=31))
    far = lost_date.isna() | lost_date.gt(history["date"] + pd.Timedelta(days=365))
    flagged = history["stage"].isin(["decline", "termination"])
    assert flagged[last_look].mean() > 1.8 * flagged[far].mean()


def test_new_customers_start_in_development_then_grow(case: datasets.CaseCompany) -> None:
    stages = lifecycle.assign_stages(_orders(case), "2024-12-31", customers=case.customers)
    tenure = stages["tenure_days"]
    assert stages.loc[tenure <= 90, "stage"].eq("development").all()
    assert stages.loc[tenure > 90, "stage"].ne("development").all()
    # ramp-up: customers in their second quarter grow more often than the old base
    young = stages.loc[(tenure > 90) & (tenure <= 180), "stage"].eq("growth").mean()
    old = stages.loc[stages["acquisition_date"] < "2022-01-01", "stage"].eq("growth").mean()
    assert young > old


def test_cdnow_cohorts() -> None:
    table = lifecycle.cohort_retention(datasets.load_cdnow("master"))
    # the 1997 Q1 acquisition cohort: first purchases in January, February and March 1997,
    # followed to June 1998 → 18 monthly columns, a triangle of 1 + 2 unobserved cells
    assert table.index.astype(str).tolist() == ["1997-01", "1997-02", "1997-03"]
    assert table.shape == (3, 18) and int(table.isna().to_numpy().sum()) == 3
    assert table[1].between(0.10, 0.20).all()  # most CDNOW customers never come back
    assert (table[1] > table[12]).all()


# --- bad input, whatever the data ------------------------------------------------------------

@settings(max_examples=examples(40))
@given(_tx_rows, st.floats(-1e6, -1e-6), st.data())
def test_any_negative_amount_is_rejected(rows: list, bad: float, data: st.DataObject) -> None:
    tx = _frame(rows)
    row = data.draw(st.integers(0, len(tx) - 1))
    tx.loc[row, "amount"] = bad
    with pytest.raises(ValueError, match=r"amount.*must not be negative.*" + str(row)):
        lifecycle.assign_stages(tx, tx["date"].max())
    with pytest.raises(ValueError, match="must not be negative"):
        lifecycle.stage_history(tx, [tx["date"].max()])


@settings(max_examples=examples(40))
@given(days=st.integers(1, 3000), row=st.integers(0, 16))
def test_any_purchase_before_acquisition_is_rejected(days: int, row: int) -> None:
    tx, customers = _toy()
    acquired = tx["customer_id"].map(customers.set_index("customer_id")["acquisition_date"])
    tx.loc[row, "date"] = acquired[row] - pd.Timedelta(days=days)
    with pytest.raises(ValueError, match=r"dates out of order: 1 purchase\(s\) come before"):
        lifecycle.assign_stages(tx, AT, customers=customers)
    with pytest.raises(ValueError, match="dates out of order"):
        lifecycle.stage_history(tx, [AT], customers=customers)


@settings(max_examples=examples(30))
@given(st.lists(st.integers(0, 700), min_size=2, max_size=6, unique=True))
def test_observation_dates_out_of_order_are_rejected(offsets: list[int]) -> None:
    tx, customers = _toy()
    dates = pd.Timestamp("2023-01-01") + pd.to_timedelta(offsets, unit="D")
    if list(offsets) == sorted(offsets):
        history = lifecycle.stage_history(tx, dates, customers=customers)
        assert history["date"].is_monotonic_increasing
    else:
        with pytest.raises(ValueError, match="strictly increasing"):
            lifecycle.stage_history(tx, dates, customers=customers)


def test_empty_groups() -> None:
    tx, customers = _toy()
    stages = lifecycle.assign_stages(tx, AT, customers=customers)
    # empty stages stay in the table with 0 customers, a total of 0 and a mean of 0
    table = lifecycle.stage_value(stages, pd.Series(1.0, index=stages.index))
    assert table.loc[["potential", "recovery"], "customers"].tolist() == [1, 1]
    only_one = lifecycle.stage_value(stages[stages["stage"] == "growth"],
                                     pd.Series(1.0, index=stages.index))
    assert only_one["customers"].sum() == 1
    assert (only_one.drop(index="growth")[["total", "mean", "share_of_total"]] == 0).all().all()
    # a share of a zero (or negative) total is not a share: refused, unless shares=False
    even = pd.Series(0.0, index=stages.index)
    with pytest.raises(ValueError, match="total value of the staged customers is 0.00"):
        lifecycle.stage_value(stages, even)
    assert "share_of_total" not in lifecycle.stage_value(stages, even, shares=False)
    # nobody known at any observation date
    with pytest.raises(ValueError, match="no customer is known"):
        lifecycle.stage_history(tx, ["2021-06-30"], customers=customers)
    with pytest.raises(ValueError, match="before is empty"):
        lifecycle.stage_transitions(stages.iloc[:0], stages)


@settings(max_examples=examples(30))
@given(st.lists(st.floats(-1e4, 1e4), min_size=8, max_size=8))
def test_stage_shares_add_up_or_are_refused(profits: list[float]) -> None:
    tx, customers = _toy()
    stages = lifecycle.assign_stages(tx, AT, customers=customers)
    values = pd.Series(profits, index=stages.index)
    if values.sum() > 0:
        table = lifecycle.stage_value(stages, values)
        assert table["share_of_total"].sum() == pytest.approx(1.0)
        assert table["total"].sum() == pytest.approx(values.sum())
    else:
        with pytest.raises(ValueError, match="only defined for a positive total"):
            lifecycle.stage_value(stages, values)


def test_transitions_reject_what_is_not_a_stage() -> None:
    tx, customers = _toy()
    after = lifecycle.assign_stages(tx, AT, customers=customers)
    with pytest.raises(TypeError, match="before must be an assign_stages result"):
        lifecycle.stage_transitions(["growth", "decline"], after)
    with pytest.raises(TypeError, match="after must be an assign_stages result"):
        lifecycle.stage_transitions(after, after["stage"].tolist())
    with pytest.raises(ValueError, match="not stages"):
        lifecycle.stage_transitions(after["stage"].astype(str).replace("growth", "growing"),
                                    after)
    with pytest.raises(ValueError, match="one row per customer"):
        lifecycle.stage_transitions(pd.concat([after, after.iloc[:1]]), after)
    # a plain Series of stage names works like the assign_stages output
    table = lifecycle.stage_transitions(after["stage"].astype(str), after)
    assert np.trace(table.loc[list(lifecycle.STAGES)].to_numpy()) == len(after)


@settings(max_examples=examples(30))
@given(st.lists(st.integers(1, 1500), min_size=1, max_size=4, unique=True))
def test_dates_before_every_customer_are_an_empty_group(days_before: list[int]) -> None:
    # observation dates before the first acquisition: nobody is known, which is an error
    tx, customers = _toy()
    first = customers["acquisition_date"].min()
    dates = sorted(first - pd.Timedelta(days=d) for d in days_before)
    with pytest.raises(ValueError, match="no customer is known at any of the observation dates"):
        lifecycle.stage_history(tx, dates, customers=customers)


# ---------------------------------------------------------------------------------------------
# bad input named by the issue: refused clearly, never passed on or turned into nonsense
# ---------------------------------------------------------------------------------------------

def test_duplicated_customers_are_refused_where_one_row_each_is_expected() -> None:
    tx, customers = _toy()
    stages = lifecycle.assign_stages(tx, AT, customers=customers)
    profit = pd.Series(10.0, index=stages.index)
    doubled = pd.concat([profit, profit.loc[["D", "E"]]])
    # once "cannot reindex on an axis with duplicate labels" from pandas
    with pytest.raises(ValueError, match=r"values must have one row per customer; the index "
                                         r"repeats \['D', 'E'\]"):
        lifecycle.stage_value(stages, doubled)
    with pytest.raises(ValueError, match=r"values must have one row per customer"):
        lifecycle.at_risk(stages, doubled)
    with pytest.raises(ValueError, match=r"stages must have one row per customer.*\['B'\]"):
        lifecycle.stage_value(pd.concat([stages, stages.loc[["B"]]]), profit)
    history = lifecycle.stage_history(tx, [AT], customers=customers)
    with pytest.raises(ValueError, match=r"history must have one row per date and customer_id"):
        lifecycle.stage_counts(pd.concat([history, history.iloc[:1]]))


def test_missing_dates_are_refused_not_turned_into_a_stage() -> None:
    tx, customers = _toy()
    customers.loc[2, "acquisition_date"] = pd.NaT
    with pytest.raises(ValueError, match=r"customers\['acquisition_date'\] has 1 missing "
                                         r"date\(s\) \(NaT\)"):
        lifecycle.assign_stages(tx, AT, customers=customers)
    tx, customers = _toy()
    history = lifecycle.stage_history(tx, ["2024-06-30", AT], customers=customers)
    history.loc[0, "date"] = pd.NaT
    with pytest.raises(ValueError, match=r"history\['date'\] has 1 missing date\(s\) \(NaT\)"):
        lifecycle.stage_counts(history)
    with pytest.raises(ValueError, match="dates must be a date, got a missing value"):
        lifecycle.stage_history(tx, ["2024-06-30", pd.NaT])
    with pytest.raises(ValueError, match=r"dates has 1 missing date\(s\) \(NaT\)"):
        lifecycle.stage_history(tx, pd.Series(pd.to_datetime(["2024-06-30", None])))


def test_dates_as_text_or_with_a_time_zone_are_refused() -> None:
    tx, customers = _toy()
    utc = tx.assign(date=tx["date"].dt.tz_localize("UTC"))
    with pytest.raises(TypeError, match=r"transactions\['date'\] holds time-zone-aware dates "
                                        r".*tz_localize\(None\)"):
        lifecycle.assign_stages(utc, AT)
    with pytest.raises(TypeError, match=r"transactions\['date'\] holds time-zone-aware"):
        lifecycle.cohort_retention(utc)
    with pytest.raises(TypeError, match=r"customers\['acquisition_date'\] must hold dates .*"
                                        r"pd.to_datetime"):
        lifecycle.assign_stages(tx, AT, customers=customers.astype({"acquisition_date": str}))
    with pytest.raises(TypeError, match=r"dates holds time-zone-aware dates"):
        lifecycle.stage_history(tx, pd.date_range("2024-06-30", AT, freq="ME", tz="UTC"))
    with pytest.raises(TypeError, match=r"dates must hold dates .*pd.to_datetime"):
        lifecycle.stage_history(tx, pd.Series(["2024-06-30", AT]))
    with pytest.raises(TypeError, match="at must be a date without a time zone"):
        lifecycle.assign_stages(tx, pd.Timestamp(AT, tz="Asia/Shanghai"))


@pytest.mark.parametrize("rule, value, error, message", [
    ("window_days", 10**20, ValueError, "window_days must be greater than 0 and at most 10000"),
    ("termination_days", True, TypeError, "termination_days must be a number, got bool"),
    ("decline", 50, ValueError, "decline is a rate written as a fraction: 50 % is 0.5"),
    ("growth", 50, ValueError, "growth must be between 0 and 10"),
    ("maturity_min_spend", -1.0, ValueError, "maturity_min_spend must be at least 0"),
    ("gap_ratio", None, TypeError, "gap_ratio must be a number, got None"),
])
def test_rules_are_checked_for_type_finiteness_and_range(rule: str, value: object,
                                                         error: type, message: str) -> None:
    tx, customers = _toy()
    with pytest.raises(error, match=message):
        lifecycle.assign_stages(tx, AT, customers=customers, **{rule: value})
    with pytest.raises(error, match=message):
        lifecycle.stage_history(tx, [AT], customers=customers, **{rule: value})


def test_a_fractional_window_is_not_truncated() -> None:
    tx = pd.DataFrame({"customer_id": [1, 1], "amount": [100.0, 100.0],
                       "date": pd.to_datetime(["2024-06-01", "2024-09-30"])})
    # 2024-09-30 is 92 days before 2024-12-31: inside a 92.5-day window, outside a 92-day one
    assert lifecycle.assign_stages(tx, AT, window_days=92.5).loc[1, "recent_spend"] == 100.0
    assert lifecycle.assign_stages(tx, AT, window_days=92).loc[1, "recent_spend"] == 0.0


def test_options_of_the_value_and_cohort_helpers_are_checked() -> None:
    tx, customers = _toy()
    stages = lifecycle.assign_stages(tx, AT, customers=customers)
    profit = pd.Series(10.0, index=stages.index)
    with pytest.raises(TypeError, match=r"risk_stages must be a list of names such as "
                                        r"\['decline'\], got the string 'decline'"):
        lifecycle.at_risk(stages, profit, risk_stages="decline")
    with pytest.raises(ValueError, match="fraction must be greater than 0 and at most 1"):
        lifecycle.at_risk(stages, profit, fraction=0)
    with pytest.raises(TypeError, match="shares must be True or False"):
        lifecycle.stage_value(stages, profit, shares="no")
    with pytest.raises(ValueError, match="freq must be one of"):
        lifecycle.cohort_retention(tx, freq=None)
    with pytest.raises(ValueError, match="at most 10,000 columns"):
        lifecycle.cohort_retention(tx, end="3000-01-01")
    with pytest.raises(ValueError, match="customer_col must name a column of transactions"):
        lifecycle.cohort_retention(tx, customer_col="client")
    with pytest.raises(ValueError, match=r"stages must be one of \['potential', .*\], "
                                         r"got 'growing'"):
        lifecycle.plot_stage_counts(lifecycle.stage_counts(
            lifecycle.stage_history(tx, [AT])), stages=["growing"])


def test_stage_lists_dates_axes_and_titles_use_the_shared_checks() -> None:
    tx, customers = _toy()
    stages = lifecycle.assign_stages(tx, AT, customers=customers)
    profit = pd.Series(10.0, index=stages.index)
    as_set = lifecycle.at_risk(stages, profit, risk_stages={"decline", "termination"})
    assert as_set.equals(lifecycle.at_risk(stages, profit, risk_stages=["decline",
                                                                      "termination"]))
    with pytest.raises(ValueError, match="risk_stages must name at least one"):
        lifecycle.at_risk(stages, profit, risk_stages=[])
    with pytest.raises(TypeError, match=r"dates must be a list of dates, got str '2024-12-31'"):
        lifecycle.stage_history(tx, AT)
    with pytest.raises(TypeError, match="dates must be a date or a list of dates, got a "
                                        "DataFrame"):
        lifecycle.stage_history(tx, pd.DataFrame({"date": [pd.Timestamp(AT)]}))
    counts = lifecycle.stage_counts(lifecycle.stage_history(tx, [AT]))
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        lifecycle.plot_stage_counts(counts, ax="left")
    with pytest.raises(TypeError, match="title must be text, got int 5"):
        lifecycle.plot_cohort_heatmap(lifecycle.cohort_retention(tx), title=5)

def test_mature_customers_hold_the_wallet_and_earn_most_only_at_a_high_spend(
        case: datasets.CaseCompany) -> None:
    # chapter 06 tests the stage guide's expected profit on the case company: the deck's
    # maturity (largest share of wallet) holds, the textbook's profit peak only when maturity
    # also asks for a high steady spend
    orders = _orders(case)
    stages = lifecycle.assign_stages(orders, "2024-12-31", customers=case.customers)
    profit = value.customer_profit(case.orders, case.cost_to_serve)
    year = (profit[profit["year"] == 2024].set_index("customer_id")
            .reindex(stages.index, fill_value=0.0))
    mean = {column: lifecycle.stage_value(stages, year[column], shares=False)["mean"]
            .loc[["growth", "maturity", "decline"]] for column in ["net_sales", "net_profit"]}
    assert mean["net_sales"].idxmax() == "maturity"
    assert mean["net_profit"].idxmin() == "maturity"
    wallet = case.survey.set_index("customer_id")["share_of_wallet"]
    wallet = wallet[wallet.index.isin(stages.index)]
    by_wallet = lifecycle.stage_value(stages.loc[wallet.index], wallet, shares=False)["mean"]
    assert by_wallet.loc[["growth", "maturity", "decline"]].idxmax() == "maturity"
    high = lifecycle.assign_stages(orders, "2024-12-31", customers=case.customers,
                                   maturity_min_spend=30_000)
    by_stage = lifecycle.stage_value(high, year["net_profit"])["mean"]
    assert by_stage.loc[["growth", "maturity", "decline"]].idxmax() == "maturity"


def test_stage_guide_speaks_the_readers_language() -> None:
    """In the Chinese edition the descriptions, profits and incentives are Chinese; the stage
    names (the code's) stay."""
    import contextlib
    import io

    from helpers import language

    english = lifecycle.stage_guide()
    with contextlib.redirect_stdout(io.StringIO()):
        language.use_language("zh")
    try:
        guide = lifecycle.stage_guide()
    finally:
        language.use_language("en")
    assert guide["stage"].tolist() == english["stage"].tolist()
    assert guide["deck"].tolist() == english["deck"].tolist()
    for column in ("features", "expected_profit", "incentives"):
        assert guide[column].str.contains(r"[\u4e00-\u9fff]").all(), column
        assert not guide[column].str.contains(r"[A-Za-z]{3}").any(), column
    assert lifecycle.stage_guide().equals(english)                     # English again


def test_stage_transitions_name_the_new_customers_row() -> None:
    moves = lifecycle.stage_transitions(pd.Series(["growth"], index=[1]),
                                        pd.Series(["growth", "decline"], index=[1, 2]))
    assert moves.index[0] == lifecycle.NEW_IN_TRANSITIONS == "(new)"
