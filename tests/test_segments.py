"""Customer grading and segments: hand-computed examples, invariants, bad input, planted truth."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from edition import in_chinese
from hypothesis import given, settings
from hypothesis import strategies as st
from properties import examples

from helpers import datasets, segments, value
from helpers.model import FitWarning, NotFittedError

OBS = "2024-03-31"


def _tiny_log() -> pd.DataFrame:
    return pd.DataFrame({
        "customer_id": [1, 1, 2, 3, 3, 3, 4],
        "date": pd.to_datetime(["2024-01-10", "2024-03-01", "2024-03-31", "2023-12-01",
                                "2024-02-01", "2024-03-21", "2024-01-01"]),
        "amount": [100.0, 50.0, 20.0, 500.0, 300.0, 200.0, 10.0],
    })


# --- RFM ----------------------------------------------------------------------------------------

def test_rfm_table_by_hand() -> None:
    rfm = segments.rfm_table(_tiny_log(), OBS)
    # last purchases 03-01, 03-31, 03-21, 01-01 → 30, 0, 10, 90 days before 2024-03-31
    assert rfm["recency_days"].tolist() == [30, 0, 10, 90]
    assert rfm["frequency"].tolist() == [2, 1, 3, 1]
    # 100 + 50; 20; 500 + 300 + 200; 10
    assert rfm["monetary"].tolist() == [150.0, 20.0, 1000.0, 10.0]


def test_rfm_scores_by_hand() -> None:
    scores = segments.rfm_scores(segments.rfm_table(_tiny_log(), OBS), bins=2)
    # score = ceil(bins * rank / n), n = 4, bins = 2.
    # R: rank from the oldest: 90 d → 1, 30 d → 2, 10 d → 3, 0 d → 4 → scores 1, 1, 2, 2
    assert scores["R"].tolist() == [1, 2, 2, 1]
    # F: values 2, 1, 3, 1; the tied 1s share rank 1 → ceil(0.5) = 1; 2 → rank 3 → 2; 3 → 2
    assert scores["F"].tolist() == [2, 1, 2, 1]
    # M: 150, 20, 1000, 10 → ranks 3, 2, 4, 1 → ceil(1.5)=2, ceil(1)=1, 2, ceil(0.5)=1
    assert scores["M"].tolist() == [2, 1, 2, 1]
    assert scores["rfm_cell"].tolist() == ["122", "211", "222", "111"]
    assert scores["rfm_score"].tolist() == [5, 4, 6, 3]


def test_rfm_scores_equal_bins_without_ties() -> None:
    rfm = pd.DataFrame({"recency_days": np.arange(10), "frequency": np.arange(1, 11),
                        "monetary": np.arange(10) * 10.0})
    scores = segments.rfm_scores(rfm, bins=5)
    # ten distinct values, five bins → two customers per score; recency 0 (most recent) → 5
    assert scores["F"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert scores["R"].tolist() == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]


def test_rfm_segments_by_hand() -> None:
    scores = pd.DataFrame({"R": [5, 3, 1, 5, 1, 2, 3, 4, 3],
                           "F": [5, 4, 5, 1, 1, 3, 3, 3, 1],
                           "M": [4, 4, 5, 1, 2, 3, 2, 3, 2]})
    # 5 bins: high ≥ 4, low ≤ 2; FM = (F + M) / 2 = 4.5, 4, 5, 1, 1.5, 3, 2.5, 3, 1.5
    names = segments.rfm_segments(scores, bins=5)
    assert names.tolist() == ["champions", "loyal", "at risk", "new customers", "lost",
                              "hibernating", "need attention", "potential loyalists",
                              "about to sleep"]


@settings(max_examples=examples(40))
@given(st.lists(st.tuples(st.integers(0, 400), st.integers(1, 50),
                          st.floats(0, 1e5, allow_nan=False)), min_size=1, max_size=60),
       st.integers(2, 10))
def test_rfm_scores_stay_in_range_and_order(rows: list[tuple[int, int, float]], bins: int
                                            ) -> None:
    rfm = pd.DataFrame(rows, columns=["recency_days", "frequency", "monetary"])
    scores = segments.rfm_scores(rfm, bins=bins)
    for col in ("R", "F", "M"):
        assert scores[col].between(1, bins).all()
    # more money never scores lower; more recent never scores lower
    order = rfm["monetary"].argsort(kind="stable")
    assert scores["M"].iloc[order].is_monotonic_increasing
    order = rfm["recency_days"].argsort(kind="stable")
    assert scores["R"].iloc[order].is_monotonic_decreasing
    if bins >= 3:
        assert segments.rfm_segments(scores, bins=bins).notna().all()


@pytest.mark.parametrize("bins", range(3, 11))
def test_every_rfm_segment_is_reachable(bins: int) -> None:
    # all score combinations 1..bins: each of the nine segments of the grid occurs
    grid = np.array(np.meshgrid(*[np.arange(1, bins + 1)] * 3)).reshape(3, -1).T
    names = segments.rfm_segments(pd.DataFrame(grid, columns=["R", "F", "M"]), bins=bins)
    assert set(names.astype(str)) == set(segments.RFM_SEGMENT_ORDER)


def test_rfm_segments_need_three_bins() -> None:
    # with two bins the low level (score <= floor(0.8) = 0) would be empty: refused
    scores = pd.DataFrame({"R": [1, 2], "F": [1, 2], "M": [2, 1]})
    with pytest.raises(ValueError, match="bins must be between 3 and 10"):
        segments.rfm_segments(scores, bins=2)


def test_rfm_table_rejects_bad_input() -> None:
    log = _tiny_log()
    with pytest.raises(ValueError, match="must not be negative"):
        segments.rfm_table(log.assign(amount=[-1.0, 50, 20, 500, 300, 200, 10]), OBS)
    with pytest.raises(ValueError, match="after the observation date"):
        segments.rfm_table(log, "2024-03-30")
    with pytest.raises(ValueError, match="missing value"):
        segments.rfm_table(log.assign(amount=[np.nan, 50, 20, 500, 300, 200, 10]), OBS)
    with pytest.raises(ValueError, match="amount must name a column of transactions"):
        segments.rfm_table(log.drop(columns="amount"), OBS)
    with pytest.raises(TypeError, match="dates"):
        segments.rfm_table(log.assign(date=log["date"].astype(str)), OBS)
    with pytest.raises(ValueError, match="empty"):
        segments.rfm_table(log.iloc[:0], OBS)


@given(st.integers(1, 365))
def test_rfm_table_rejects_any_future_date(days: int) -> None:
    log = _tiny_log()
    log.loc[3, "date"] = pd.Timestamp(OBS) + pd.Timedelta(days=days)
    with pytest.raises(ValueError, match=r"1 date\(s\) after the observation date"):
        segments.rfm_table(log, OBS)


@given(st.floats(max_value=-1e-6, min_value=-1e9))
def test_rfm_rejects_any_negative_amount(amount: float) -> None:
    log = _tiny_log()
    log.loc[2, "amount"] = amount
    with pytest.raises(ValueError, match="amount.*must not be negative"):
        segments.rfm_table(log, OBS)


@pytest.mark.parametrize("bins", [1, 11, 2.5, True])
def test_rfm_scores_reject_bad_bins(bins: object) -> None:
    rfm = segments.rfm_table(_tiny_log(), OBS)
    with pytest.raises((ValueError, TypeError), match="bins"):
        segments.rfm_scores(rfm, bins=bins)


def test_rfm_segments_reject_scores_out_of_range() -> None:
    with pytest.raises(ValueError, match="between 1 and 5"):
        segments.rfm_segments(pd.DataFrame({"R": [6], "F": [1], "M": [1]}), bins=5)


# --- ABCD grading -------------------------------------------------------------------------------

def test_future_value_by_hand() -> None:
    yearly = pd.DataFrame({
        "customer_id": [1, 1, 2, 3, 4],
        "year": [2023, 2024, 2024, 2023, 2022],
        "gross_profit": [200.0, 300.0, 50.0, 80.0, 10.0],
        "net_profit": [100.0, 160.0, 40.0, 50.0, 5.0],
    })
    fv = segments.future_value(yearly, 2024)
    # customer 4 has no row in 2023 or 2024 and is not graded
    assert fv.index.tolist() == [1, 2, 3]
    # 1: trend 160 − 100 = 60, future 160 + 0.5·60 = 190; 2: 40 + 0.5·40 = 60;
    # 3: current 0, trend −50, future −25
    assert fv["trend"].tolist() == [60.0, 40.0, -50.0]
    assert fv["future_value"].tolist() == [190.0, 60.0, -25.0]
    sow = pd.Series({1: 0.5})
    lost = pd.Series({3: True, 1: False})
    fv = segments.future_value(yearly, 2024, share_of_wallet=sow, lost=lost)
    # headroom of 1: 0.25 · 300 · (1 − 0.5) / 0.5 = 75 → future 190 + 75 = 265; lost 3 → 0
    assert fv["headroom"].tolist() == [75.0, 0.0, 0.0]
    assert fv["future_value"].tolist() == [265.0, 60.0, 0.0]


def test_future_value_rejects_bad_input() -> None:
    yearly = pd.DataFrame({"customer_id": [1, 1], "year": [2024, 2024],
                           "gross_profit": [1.0, 2.0], "net_profit": [1.0, 2.0]})
    with pytest.raises(ValueError, match="one row per customer and year"):
        segments.future_value(yearly, 2024)
    with pytest.raises(ValueError, match="year 2030 is not in"):
        segments.future_value(yearly.iloc[:1], 2030)
    with pytest.raises(ValueError, match="share_of_wallet must lie between 0 and 1"):
        segments.future_value(yearly.iloc[:1], 2024, share_of_wallet=pd.Series({1: 1.5}))
    with pytest.raises(ValueError, match="missing value"):
        segments.future_value(yearly.iloc[:1].assign(net_profit=np.nan), 2024)


def test_abcd_grades_by_hand() -> None:
    values = pd.DataFrame({"current_value": [100, 10, 20, 70, -10, 60],
                           "future_value": [120, 80, 30, -5, 0, 10]},
                          index=[1, 2, 3, 4, 5, 6])
    grades = segments.abcd_grades(values, current_cut=50, future_cut=60)
    # 1: current ≥ 50, future > 0 → A; 2: future 80 ≥ 60 → B; 3: modest → C;
    # 4 and 5: future ≤ 0 → D even with a high current value; 6: current 60 ≥ 50 → A
    assert grades.astype(str).tolist() == ["A", "B", "C", "D", "D", "A"]


def test_abcd_default_cuts_are_top_quantiles() -> None:
    values = pd.DataFrame({"current_value": [1.0, 2, 3, 4, 5], "future_value": [5.0, 4, 3, 2, 1]})
    # top = 0.4: cuts are the 60 % quantiles, current 3.4 and future 3.4
    grades = segments.abcd_grades(values, top=0.4)
    assert grades.astype(str).tolist() == ["B", "B", "C", "A", "A"]


@given(st.lists(st.tuples(st.floats(-1e5, 1e5), st.floats(-1e5, 1e5)), min_size=1, max_size=50))
def test_abcd_every_customer_gets_one_grade(rows: list[tuple[float, float]]) -> None:
    values = pd.DataFrame(rows, columns=["current_value", "future_value"])
    grades = segments.abcd_grades(values)
    assert grades.notna().all() and len(grades) == len(values)
    assert (grades[values["future_value"] <= 0] == "D").all()


def test_abcd_rejects_nan_and_missing_columns() -> None:
    with pytest.raises(ValueError, match="missing value"):
        segments.abcd_grades(pd.DataFrame({"current_value": [1.0, np.nan],
                                           "future_value": [1.0, 2.0]}))
    with pytest.raises(ValueError, match="missing column"):
        segments.abcd_grades(pd.DataFrame({"current_value": [1.0]}))


# --- strategies and the four steps --------------------------------------------------------------

def test_assign_strategies_by_hand() -> None:
    table = pd.DataFrame({"value": [-5, 5, 5, -5, -5, 5],
                          "fit": [-1, -1, 1, 1, 1, 1],
                          "growth": [0.5, 0.5, 0.5, 0.2, -0.1, -0.1],
                          "gap": [-1, -1, -1, -1, 1, 1]}, index=list("abcdef"))
    strategy = segments.assign_strategies(table)
    # a unprofitable misfit, b profitable misfit, c attractive and underserved,
    # d good fit with growth, e and f good fit, no growth, served well
    assert strategy.astype(str).tolist() == ["detach", "decide", "invest to improve",
                                             "invest for growth", "maintain", "maintain"]
    assert set(segments.STRATEGY_MEANING) == set(strategy.cat.categories)


def test_market_composition_by_hand() -> None:
    data = pd.DataFrame({"seg": ["x", "x", "y"], "net_sales": [100.0, 300.0, 100.0],
                         "net_profit": [30.0, 10.0, -20.0]})
    table = segments.market_composition(data, "seg")
    # x: 2 of 3 customers, 400 of 500 sales, 40 of 20 profit → 200 %; y: −20 / 20 → −100 %
    assert table["customer_share"].tolist() == pytest.approx([2 / 3, 1 / 3])
    assert table["sales_share"].tolist() == pytest.approx([0.8, 0.2])
    assert table["profit_share"].tolist() == pytest.approx([2.0, -1.0])
    assert table["profit_per_customer"].tolist() == pytest.approx([20.0, -20.0])


def test_segment_value_by_hand() -> None:
    data = pd.DataFrame({"seg": ["a", "a"], "net_profit": [100.0, 200.0],
                         "retained": [True, False]})
    table = segments.segment_value(data, "seg", discount_rate=0.1, retention_uplift=0.05)
    # m = 150, r = 0.5: 150 · 1.1 / (1.1 − 0.5) = 275; r = 0.55: 150 · 1.1 / 0.55 = 300
    assert table.loc["a", "lifetime_profit"] == pytest.approx(275.0)
    assert table.loc["a", "lifetime_if_retention_up"] == pytest.approx(300.0)
    assert table.loc["a", "uplift_value"] == pytest.approx(25.0)
    with pytest.raises(TypeError, match=r"data\['retained'\] must hold True/False, got dtype "
                                        r"int64"):
        segments.segment_value(data.assign(retained=[1, 0]), "seg")


def test_flags_labels_and_lists_use_the_shared_checks() -> None:
    yearly = pd.DataFrame({"customer_id": [1, 2], "year": [2024, 2024],
                           "gross_profit": [1.0, 2.0], "net_profit": [1.0, 2.0]})
    with pytest.raises(TypeError, match="lost must hold True/False, got dtype str"):
        segments.future_value(yearly, 2024, lost=pd.Series({1: "yes", 2: "no"}))
    with pytest.raises(ValueError, match="lost must have one value per customer_id"):
        segments.future_value(yearly, 2024, lost=pd.Series([True, False], index=[1, 1]))
    data = pd.DataFrame({"seg": ["x", "x", "y"], "retained": [True, False, False],
                         "lost_reason": ["none", "price", "moved_or_closed"]})
    as_set = segments.retention_uplift(data, "seg", avoidable={"price"})
    assert as_set.equals(segments.retention_uplift(data, "seg", avoidable=["price"]))
    assert segments.retention_uplift(data, "seg", avoidable=[])["uplift"].eq(0).all()
    with pytest.raises(TypeError, match=r"data\['seg'\] mixes text labels with other values"):
        segments.retention_uplift(data.assign(seg=pd.Series(["x", 1, "y"], dtype=object)),
                                  "seg")
    ratings = pd.DataFrame({"customer_id": [1, 1], "attribute": ["speed", 2],
                            "importance": [5, 5], "firm": [4, 4], "competitor": [4, 4]})
    with pytest.raises(TypeError, match=r"ratings\['attribute'\] mixes text labels with other "
                                        r"values \(1: 2\)"):
        segments.segment_needs(ratings, pd.Series({1: "X"}))

def test_segment_needs_and_summary_by_hand() -> None:
    ratings = pd.DataFrame({"customer_id": [1, 2, 1, 2],
                            "attribute": ["a", "a", "b", "b"],
                            "importance": [6, 4, 2, 2], "firm": [4, 4, 5, 5],
                            "competitor": [5, 3, 4, 4]})
    needs = segments.segment_needs(ratings, pd.Series({1: "X", 2: "X"}))
    # attribute a: importance (6+4)/2 = 5, firm 4, competitor 4 → gap −1, vs competitor 0
    assert needs.loc[("X", "a"), ["importance", "gap", "vs_competitor"]].tolist() == [5, -1, 0]
    summary = segments.needs_summary(needs)
    # weights 5 and 2: gap (5·−1 + 2·3) / 7 = 1/7; fit (5·0 + 2·1) / 7 = 2/7
    assert summary.loc["X", "gap"] == pytest.approx(1 / 7)
    assert summary.loc["X", "fit"] == pytest.approx(2 / 7)
    assert summary.loc["X", "worst_attribute"] == "a"
    with pytest.raises(ValueError, match="no label for rated customer"):
        segments.segment_needs(ratings, pd.Series({1: "X"}))
    with pytest.raises(ValueError, match="between 1 and 7"):
        segments.segment_needs(ratings.assign(firm=[0, 4, 5, 5]), pd.Series({1: "X", 2: "X"}))


def test_worksheet_by_hand() -> None:
    data = pd.DataFrame({"seg": ["x", "x", "x", "x", "y", "y", "y", "y"],
                         "profit": [10.0, 30.0, -5.0, 2.0, 7.0, 1.0, 4.0, 3.0]},
                        index=[1, 2, 3, 4, 5, 6, 7, 8])
    sheet = segments.segmentation_worksheet(data, "seg", "profit", n=2,
                                            next_action={"x": "fix", "y": "grow"})
    assert sheet.loc["x", "best_customers"] == "2 (30); 1 (10)"
    assert sheet.loc["x", "worst_customers"] == "3 (-5); 4 (2)"
    assert sheet.loc["y", "best_customers"] == "5 (7); 7 (4)"
    assert sheet.loc["y", "worst_customers"] == "6 (1); 8 (3)"
    assert sheet["customers"].tolist() == [4, 4]
    with pytest.raises(ValueError, match=r"\{'x': 4, 'y': 4\} have fewer"):
        segments.segmentation_worksheet(data, "seg", "profit", n=3)
    assert sheet["next_action"].tolist() == ["fix", "grow"]
    with pytest.raises(ValueError, match="no action for segment"):
        segments.segmentation_worksheet(data, "seg", "profit", n=1, next_action={"x": "fix"})


@settings(max_examples=examples(30))
@given(sizes=st.lists(st.integers(1, 8), min_size=1, max_size=4), n=st.integers(1, 4))
def test_worksheet_never_lists_a_customer_as_best_and_worst(sizes: list[int], n: int) -> None:
    labels = np.repeat([f"s{i}" for i in range(len(sizes))], sizes)
    data = pd.DataFrame({"seg": labels, "profit": np.arange(len(labels), dtype=float)})
    if min(sizes) < 2 * n:
        with pytest.raises(ValueError, match="best and worst lists would overlap"):
            segments.segmentation_worksheet(data, "seg", "profit", n=n)
        return
    sheet = segments.segmentation_worksheet(data, "seg", "profit", n=n)
    for _, row in sheet.iterrows():
        best = {item.split(" (")[0] for item in row["best_customers"].split("; ")}
        worst = {item.split(" (")[0] for item in row["worst_customers"].split("; ")}
        assert len(best) == len(worst) == n and not best & worst


def test_empty_groups_are_rejected() -> None:
    seg = pd.Categorical(["x", "x", "y"], categories=["x", "y", "z"])
    data = pd.DataFrame({"seg": seg, "net_sales": [1.0, 2.0, 3.0], "net_profit": [1.0, 1, 1]})
    with pytest.raises(ValueError, match=r"empty groups.*\['z'\]"):
        segments.market_composition(data, "seg")
    with pytest.raises(ValueError, match="empty groups"):
        segments.segment_profiles(data[["net_sales"]], data["seg"])


# --- k-means ------------------------------------------------------------------------------------

def _blobs() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    a = rng.normal([0, 0], 0.1, size=(20, 2))
    b = rng.normal([10, 10], 0.1, size=(30, 2))
    return pd.DataFrame(np.vstack([a, b]), columns=["x", "y"])


def test_kmeans_recovers_two_blobs() -> None:
    data = _blobs()
    model = segments.KMeansSegmenter(2, random_state=0).fit(data)
    # segments are numbered from the largest mean of the first column: the blob at 10 is 1
    assert model.labels_.iloc[:20].eq(2).all() and model.labels_.iloc[20:].eq(1).all()
    assert model.profiles_["customers"].tolist() == [30, 20]
    assert model.silhouette_ > 0.9
    assert model.predict(pd.DataFrame({"x": [9.0], "y": [11.0]})).tolist() == [1]
    scan = segments.silhouette_scan(data, [2, 3, 4])
    assert scan["silhouette"].idxmax() == 2


def test_kmeans_is_reproducible() -> None:
    data = _blobs()
    a = segments.KMeansSegmenter(3, random_state=1).fit(data).labels_
    b = segments.KMeansSegmenter(3, random_state=1).fit(data).labels_
    assert a.equals(b)


@given(st.integers(4, 30))
@settings(max_examples=examples(10))
def test_k_larger_than_customers_is_rejected(k: int) -> None:
    data = _blobs().iloc[:3]
    with pytest.raises(ValueError, match="larger than the number of customers"):
        segments.KMeansSegmenter(k).fit(data)
    with pytest.raises(ValueError, match="larger than the number of customers"):
        segments.silhouette_scan(data, [2, k])


def test_kmeans_rejects_bad_features() -> None:
    data = _blobs()
    with pytest.raises(ValueError, match="missing value"):
        segments.KMeansSegmenter(2).fit(data.assign(x=[np.nan] + [1.0] * 49))
    with pytest.raises(TypeError, match=r"features\['z'\] holds text"):
        segments.KMeansSegmenter(2).fit(data.assign(z="a"))
    with pytest.raises(ValueError, match="must not be negative"):
        segments.KMeansSegmenter(2, log_columns=["x"]).fit(data.assign(x=-1.0 - data["x"]))
    with pytest.raises(ValueError, match="k must be at least 2"):
        segments.KMeansSegmenter(1).fit(data)
    with pytest.raises(NotFittedError, match=r"call \.fit\(features\)"):
        segments.KMeansSegmenter(2).predict(data)


# --- the case company's planted structure -------------------------------------------------------

@pytest.fixture(scope="module")
def case():
    return datasets.load_case_company()


def test_lost_customers_grade_d_and_a_holds_the_profit(case) -> None:
    yearly = value.customer_profit(case.orders, case.cost_to_serve)
    customers = case.customers.set_index("customer_id")
    lost = customers["status"].eq("lost")
    fv = segments.future_value(yearly, 2024, lost=lost)
    grades = segments.abcd_grades(fv)
    assert (grades[lost.reindex(fv.index)] == "D").all()
    # grade A (top 20 % by current value) earns more than the firm's whole 2024 profit
    a_profit = fv.loc[grades == "A", "current_value"].sum()
    assert a_profit > fv["current_value"].sum()


def test_rfm_at_risk_are_old_accounts_that_left(case) -> None:
    log = case.orders.rename(columns={"order_date": "date", "net_sales": "amount"})
    names = segments.rfm_segments(segments.rfm_scores(segments.rfm_table(log, "2024-12-31")))
    customers = case.customers.set_index("customer_id").reindex(names.index)
    at_risk = customers[names == "at risk"]
    assert at_risk["status"].eq("lost").mean() > 0.5
    assert at_risk["size"].isin(["medium", "large"]).mean() > 0.6
    new = customers[names == "new customers"]
    assert (new["acquisition_date"].dt.year == 2024).mean() > 0.8


def test_kmeans_finds_the_loss_making_tail(case) -> None:
    log = case.orders.rename(columns={"order_date": "date", "net_sales": "amount"})
    rfm = segments.rfm_table(log, "2024-12-31")
    profit = value.customer_profit(case.orders, case.cost_to_serve, by_year=False)
    profit = profit.set_index("customer_id")["net_profit"].reindex(rfm.index)
    calls = case.service.groupby("customer_id").size().reindex(rfm.index, fill_value=0)
    features = pd.DataFrame({"recency_days": rfm["recency_days"],
                             "frequency": rfm["frequency"],
                             "avg_order": rfm["monetary"] / rfm["frequency"],
                             "margin": profit / rfm["monetary"],
                             "service_per_order": calls / rfm["frequency"]})
    model = segments.KMeansSegmenter(3, log_columns=["frequency", "avg_order",
                                                     "service_per_order"]).fit(features)
    customers = case.customers.set_index("customer_id").reindex(rfm.index)
    tail = model.profiles_["margin"].idxmin()
    members = model.labels_ == tail
    assert (profit[members] < 0).mean() > 0.8
    assert customers.loc[members, "acquisition_channel"].isin(["web", "telesales"]).mean() > 0.6
    assert profit[members].sum() < 0
    low, high = datasets.case_company.PLANTED["loss_making_share_band"]
    assert low <= (profit < 0).mean() <= high


@settings(max_examples=examples(25))
@given(st.integers(0, 49), st.sampled_from(["x", "y"]))
def test_any_nan_feature_is_reported_with_its_row(row: int, column: str) -> None:
    data = _blobs()
    data.loc[row, column] = np.nan
    with pytest.raises(ValueError, match=rf"1 missing value\(s\) \(NaN\) at:[\s\S]*{row}"):
        segments.KMeansSegmenter(2).fit(data)
    with pytest.raises(ValueError, match="missing value"):
        segments.segment_profiles(data, pd.Series(1, index=data.index))


def test_k_larger_than_distinct_rows_warns_and_finds_fewer_segments() -> None:
    data = pd.DataFrame({"x": [1.0, 1.0, 1.0, 2.0], "y": [0.0, 0.0, 0.0, 1.0]})
    with pytest.warns(FitWarning, match="2 distinct row"):
        model = segments.KMeansSegmenter(3).fit(data)
    # only two segments exist: numbered 1..2, every customer in one, no NaN anywhere
    assert not model.converged_ and "fewer than k = 3" in model.fit_problems_[0]
    assert model.labels_.tolist() == [2, 2, 2, 1]
    assert model.profiles_["customers"].tolist() == [1, 3]
    assert model.predict(pd.DataFrame({"x": [1.9], "y": [0.8]})).tolist() == [1]


# --- the chance of lifting retention, the value of a segment and the three phases of step 4 ----

def test_rfm_table_rejects_a_missing_observation_date() -> None:
    with pytest.raises(ValueError, match="observation_date must be a date"):
        segments.rfm_table(_tiny_log(), pd.NaT)
    with pytest.raises(TypeError, match="observation_date must be a date"):
        segments.rfm_table(_tiny_log(), "end of March")


def test_segment_value_is_finite_and_rises_up_to_full_retention() -> None:
    data = pd.DataFrame({"seg": ["a", "a", "b"], "net_profit": [100.0, 100.0, 50.0],
                         "retained": [True, True, False]})
    table = segments.segment_value(data, "seg", discount_rate=0.1, retention_uplift=0.05)
    # a keeps everyone (r = 1): 100 · 1.1 / (1.1 − 1) = 1,100; the uplift is capped at r = 1
    assert table.loc["a", "lifetime_profit"] == pytest.approx(1100.0)
    assert table.loc["a", "lifetime_if_retention_up"] == pytest.approx(1100.0)
    assert table.loc["a", "uplift_value"] == 0.0 and table.loc["a", "retention_uplift"] == 0.0
    # b keeps nobody: 50 · 1.1 / 1.1 = 50; at r = 0.05: 50 · 1.1 / 1.05
    assert table.loc["b", "lifetime_if_retention_up"] == pytest.approx(55 / 1.05)
    with pytest.raises(ValueError, match="infinite"):
        segments.segment_value(data, "seg", discount_rate=0.0)


@settings(max_examples=examples(40))
@given(kept=st.integers(0, 10), lost=st.integers(0, 10), uplift=st.floats(0.0, 1.0),
       d=st.floats(0.01, 1.0), margin=st.floats(-1e4, 1e4))
def test_segment_value_never_falls_with_more_retention(kept: int, lost: int, uplift: float,
                                                       d: float, margin: float) -> None:
    if kept + lost == 0:
        return
    data = pd.DataFrame({"seg": "s", "net_profit": margin,
                         "retained": [True] * kept + [False] * lost})
    row = segments.segment_value(data, "seg", discount_rate=d, retention_uplift=uplift).iloc[0]
    assert np.isfinite(row[["lifetime_profit", "lifetime_if_retention_up"]]).all()
    assert row["retention"] + row["retention_uplift"] <= 1.0 + 1e-12
    # more retention is worth more for a profitable segment and costs more for a loss-maker
    assert row["uplift_value"] * np.sign(margin) >= -1e-9 * abs(row["lifetime_profit"])


def test_segment_value_per_segment_uplift() -> None:
    data = pd.DataFrame({"seg": ["a", "a", "b", "b"], "net_profit": [100.0] * 4,
                         "retained": [True, False, True, False]})
    table = segments.segment_value(data, "seg", retention_uplift=pd.Series({"a": 0.1, "b": 0.0}))
    assert table["retention_uplift"].tolist() == pytest.approx([0.1, 0.0])
    # a: r 0.5 -> 0.6: 100 · 1.1 / 0.5 = 220; b unchanged
    assert table.loc["a", "lifetime_if_retention_up"] == pytest.approx(220.0)
    assert table.loc["b", "uplift_value"] == 0.0
    with pytest.raises(ValueError, match=r"no value for segment\(s\) \['b'\]"):
        segments.segment_value(data, "seg", retention_uplift=pd.Series({"a": 0.1}))
    with pytest.raises(ValueError, match="retention_uplift must lie between"):
        segments.segment_value(data, "seg", retention_uplift=pd.Series({"a": 0.1, "b": -0.2}))
    with pytest.raises(TypeError, match="retention_uplift must be a number"):
        segments.segment_value(data, "seg", retention_uplift="5 points")


def test_retention_uplift_by_hand() -> None:
    data = pd.DataFrame({"seg": ["a"] * 4 + ["b"] * 2,
                         "retained": [True, True, False, False, True, False],
                         "lost_reason": ["none", "none", "price", "moved_or_closed", "none",
                                         "slow_service"]})
    table = segments.retention_uplift(data, "seg", success_rate=0.5)
    # a: 2 of 4 lost (churn 0.5), 1 for an avoidable reason (price) -> 0.25, uplift 0.125
    # b: 1 of 2 lost for slow service -> churn 0.5, avoidable 0.5, uplift 0.25
    assert table["churn"].tolist() == pytest.approx([0.5, 0.5])
    assert table["avoidable_churn"].tolist() == pytest.approx([0.25, 0.5])
    assert table["uplift"].tolist() == pytest.approx([0.125, 0.25])
    assert table["customers"].tolist() == [4, 2]
    with pytest.raises(ValueError, match="needs a lost_reason"):
        segments.retention_uplift(data.assign(lost_reason=[None] * 6), "seg")
    with pytest.raises(ValueError, match="success_rate is a rate written as a fraction"):
        segments.retention_uplift(data, "seg", success_rate=1.5)


def test_market_composition_needs_a_positive_total() -> None:
    data = pd.DataFrame({"seg": ["x", "y"], "net_sales": [100.0, 50.0],
                         "net_profit": [30.0, -30.0]})
    with pytest.raises(ValueError, match="the total net profit is 0.00"):
        segments.market_composition(data, "seg")
    with pytest.raises(ValueError, match="the total net profit is -10.00"):
        segments.market_composition(data.assign(net_profit=[20.0, -30.0]), "seg")


def _needs() -> pd.DataFrame:
    # segment X: speed −1.5 (under), hours +1.5 (over), range −0.5; segment Y: speed −2, range −1.2
    index = pd.MultiIndex.from_tuples([("X", "hours"), ("X", "range"), ("X", "speed"),
                                       ("Y", "hours"), ("Y", "range"), ("Y", "speed")],
                                      names=["segment", "attribute"])
    return pd.DataFrame({"importance": 5.0, "gap": [1.5, -0.5, -1.5, 0.0, -1.2, -2.0],
                         "vs_competitor": 0.0}, index=index)


def test_performance_flags_by_hand() -> None:
    flags = segments.performance_flags(_needs())
    assert flags.loc["X", "underperforming"] == "speed" and flags.loc["X", "overperforming"] \
        == "hours"
    assert flags.loc["Y", "underperforming"] == "range, speed"
    assert flags.loc["Y", "overperforming"] == ""
    assert flags["n_under"].tolist() == [1, 2] and flags["n_over"].tolist() == [1, 0]
    # a wider band of ±1.6 points leaves only Y's speed (−2) outside it
    assert segments.performance_flags(_needs(), threshold=1.6)["n_under"].tolist() == [0, 1]
    with pytest.raises(ValueError, match="threshold must be at least 0"):
        segments.performance_flags(_needs(), threshold=-1)
    with pytest.raises(ValueError, match=r"indexed by \(segment, attribute\)"):
        segments.performance_flags(_needs().reset_index())


def test_improvement_costs_by_hand() -> None:
    value_table = pd.DataFrame({"customers": [10, 20], "uplift_value": [1500.0, 1500.0]},
                               index=["X", "Y"])
    costs = segments.improvement_costs(_needs(), value_table, cost_per_point=1000.0, lift=1.0)
    # X fixes 1 attribute: 1,000 < 1,500 -> improve; Y fixes 2: 2,000 > 1,500 -> not
    assert costs["attributes_to_fix"].tolist() == [1, 2]
    assert costs["cost_per_customer"].tolist() == [1000.0, 2000.0]
    assert costs["net_gain_per_customer"].tolist() == [500.0, -500.0]
    assert costs["improve"].tolist() == [True, False]
    with pytest.raises(ValueError, match=r"no ratings for segment\(s\) \['Z'\]"):
        segments.improvement_costs(_needs(), value_table.rename(index={"Y": "Z"}))
    with pytest.raises(ValueError, match="cost_per_point must be at least 0"):
        segments.improvement_costs(_needs(), value_table, cost_per_point=-5.0)


def test_improved_ratings_raise_only_the_chosen_fixes() -> None:
    ratings = pd.DataFrame({"customer_id": [1, 1, 2, 2], "attribute": ["speed", "hours"] * 2,
                            "importance": 5, "firm": [4.0, 6.5, 3.0, 5.0], "competitor": 4})
    segment = pd.Series({1: "X", 2: "Y"})
    improve = pd.Series({"X": True, "Y": False})
    after = segments.improved_ratings(ratings, segment, _needs(), improve, lift=1.0)
    # X's speed is underperforming and X improves: 4 -> 5; its hours (over) stay; Y does not
    assert after["firm"].tolist() == [5.0, 6.5, 3.0, 5.0]
    assert ratings["firm"].tolist() == [4.0, 6.5, 3.0, 5.0]  # the input is not changed
    capped = segments.improved_ratings(ratings, segment, _needs(), improve, lift=5.0)
    assert capped.loc[0, "firm"] == 7.0  # the top of the scale
    with pytest.raises(ValueError, match=r"improve has no value for segment\(s\) \['Y'\]"):
        segments.improved_ratings(ratings, segment, _needs(), improve.drop("Y"))
    with pytest.raises(TypeError, match=r"improve must hold True/False, got dtype int64"):
        segments.improved_ratings(ratings, segment, _needs(), pd.Series({"X": 1, "Y": 0}))


@settings(max_examples=examples(30))
@given(sizes=st.lists(st.integers(1, 5), min_size=1, max_size=4), empty=st.integers(1, 3))
def test_any_empty_group_is_rejected(sizes: list[int], empty: int) -> None:
    # a categorical segment with categories no customer has: every step-1/2 helper refuses it
    used = [f"s{i}" for i in range(len(sizes))]
    unused = [f"e{i}" for i in range(empty)]
    seg = pd.Categorical(np.repeat(used, sizes), categories=used + unused)
    n = len(seg)
    data = pd.DataFrame({"seg": seg, "net_sales": 10.0, "net_profit": 1.0,
                         "retained": np.arange(n) % 2 == 0, "lost_reason": "price"})
    for call in (lambda: segments.market_composition(data, "seg"),
                 lambda: segments.segment_value(data, "seg"),
                 lambda: segments.retention_uplift(data, "seg"),
                 lambda: segments.segmentation_worksheet(data, "seg", "net_profit", n=1),
                 lambda: segments.segment_profiles(data[["net_sales"]], data["seg"])):
        with pytest.raises(ValueError, match=r"empty groups.*'e0'"):
            call()


# --- bad input named by the issue (11) and the fitted-model base (17) -------------------------

def _graded() -> pd.DataFrame:
    return pd.DataFrame({"current_value": [100.0, 10.0, 20.0], "future_value": [120.0, 80.0, 30.0]})


@pytest.mark.parametrize("option, bad, error, message", [
    ("top", None, TypeError, "top must be a number, got None"),
    ("top", np.nan, ValueError, "top must be a number, got nan"),
    ("top", 20, ValueError, "top is a rate written as a fraction: 20 % is 0.2"),
    ("floor", np.nan, ValueError, "floor must be a number, got nan"),
    ("floor", None, TypeError, "floor must be a number, got None"),
    ("current_cut", np.inf, ValueError, "current_cut must be finite"),
    ("future_cut", "60", TypeError, "future_cut must be a number"),
])
def test_abcd_grades_refuse_nan_and_none_options(option: str, bad: object, error: type,
                                                 message: str) -> None:
    # top=None used to end in an internal error, floor=nan graded every customer "A"
    with pytest.raises(error, match=message):
        segments.abcd_grades(_graded(), **{option: bad})


@pytest.mark.parametrize("option, bad, error", [
    ("trend_weight", np.nan, ValueError), ("trend_weight", None, TypeError),
    ("trend_weight", 50, ValueError), ("capture", np.nan, ValueError),
    ("capture", -0.1, ValueError), ("year", 2024.5, ValueError), ("year", None, TypeError),
])
def test_future_value_refuses_nan_and_none_options(option: str, bad: object,
                                                   error: type) -> None:
    # trend_weight=nan used to give a table of NaN future values
    yearly = pd.DataFrame({"customer_id": [1, 2], "year": [2024, 2024],
                           "gross_profit": [1.0, 2.0], "net_profit": [1.0, 2.0]})
    kwargs = {"year": 2024, option: bad}
    with pytest.raises(error, match=option):
        segments.future_value(yearly, **kwargs)


def test_kmeans_is_on_the_model_base() -> None:
    model = segments.KMeansSegmenter(3, log_columns=["x"])
    # the constructor only stores its options; bad ones are refused by fit
    assert model.get_params() == {"k": 3, "log_columns": ["x"], "random_state": 0, "n_init": 10}
    assert not model.is_fitted()
    with pytest.raises(TypeError, match="k must be a number, got str"):
        segments.KMeansSegmenter("3").fit(_blobs())
    with pytest.raises(TypeError, match=r"log_columns must be a list of names such as \['x'\]"):
        segments.KMeansSegmenter(2, log_columns="x").fit(_blobs())
    with pytest.raises(ValueError, match="log_columns names column"):
        segments.KMeansSegmenter(2, log_columns=["z"]).fit(_blobs())
    with pytest.raises(ValueError, match="n_init must be between 1 and 100"):
        segments.KMeansSegmenter(2, n_init=10**6).fit(_blobs())
    with pytest.raises(ValueError, match="random_state must be"):
        segments.KMeansSegmenter(2, random_state=-1).fit(_blobs())
    fitted = segments.KMeansSegmenter(2).fit(_blobs())
    # converged_ is scikit-learn's n_iter_ < max_iter
    assert fitted.converged_ and fitted.fit_problems_ == [] and 0 < fitted.n_iter_ < 300
    assert fitted.summary().equals(fitted.profiles_)
    assert repr(fitted) == "KMeansSegmenter(k=2); 2 segments, silhouette 0.99"


def test_kmeans_warns_about_a_constant_feature() -> None:
    data = _blobs().assign(flat=1.0)
    with pytest.warns(FitWarning, match=r"\['flat'\] take the same value for every customer"):
        model = segments.KMeansSegmenter(2).fit(data)
    assert not model.converged_
    assert model.labels_.iloc[:20].eq(2).all()  # the other features still separate the blobs


def test_kmeans_refuses_a_feature_too_wide_to_standardise() -> None:
    data = _blobs()
    data.loc[0, "x"] = 1e300
    with pytest.raises(ValueError, match=r"\['x'\] span too wide a range"):
        segments.KMeansSegmenter(2).fit(data)


def test_silhouette_is_exact_up_to_the_sample_size_and_sampled_above(monkeypatch) -> None:
    from sklearn.metrics import silhouette_score

    rng = np.random.default_rng(3)
    data = pd.DataFrame(rng.normal(size=(120, 2)) + np.repeat([[0, 0], [4, 4]], 60, axis=0),
                        columns=["x", "y"])
    exact = segments.KMeansSegmenter(2).fit(data)
    z = exact._scaler.transform(data)
    assert exact.silhouette_ == pytest.approx(silhouette_score(z, exact.labels_))
    # above the sample size: scikit-learn's seeded sample of SILHOUETTE_SAMPLE customers
    monkeypatch.setattr(segments, "SILHOUETTE_SAMPLE", 50)
    sampled = segments.KMeansSegmenter(2, random_state=7).fit(data)
    assert sampled.labels_.equals(exact.labels_)
    assert sampled.silhouette_ == pytest.approx(
        silhouette_score(z, sampled.labels_, sample_size=50, random_state=7))
    assert sampled.silhouette_ != pytest.approx(exact.silhouette_, abs=1e-9)
    assert sampled.silhouette_ == pytest.approx(exact.silhouette_, abs=0.05)


def test_kmeans_on_many_customers_takes_seconds_not_minutes() -> None:
    # 60,000 customers: the exact silhouette would compare 1.8e9 pairs; the sample 12.5e6
    import time

    rng = np.random.default_rng(0)
    data = pd.DataFrame(rng.normal(size=(60_000, 3)), columns=["r", "f", "m"])
    start = time.perf_counter()
    model = segments.KMeansSegmenter(3, n_init=1).fit(data)
    assert time.perf_counter() - start < 20
    assert -1 <= model.silhouette_ <= 1


def test_segment_helpers_refuse_bad_options() -> None:
    data = pd.DataFrame({"seg": ["x", "y"], "net_profit": [1.0, 2.0], "retained": [True, False],
                         "lost_reason": ["none", "price"]})
    with pytest.raises(TypeError, match=r"avoidable must be a list of names such as "
                                        r"\['price'\], got the string 'price'"):
        segments.retention_uplift(data, "seg", avoidable="price")
    with pytest.raises(ValueError, match="segment must name a column of data"):
        segments.segment_value(data, "segment")
    with pytest.raises(ValueError, match="discount_rate = 0 with a retention of 1"):
        segments.segment_value(data.assign(retained=True), "seg", discount_rate=0.0)
    with pytest.raises(ValueError, match="lift must be between 0 and 6"):
        segments.improvement_costs(_needs(), pd.DataFrame(
            {"customers": [1, 1], "uplift_value": [1.0, 1.0]}, index=["X", "Y"]), lift=10)
    with pytest.raises(TypeError, match="next_action must map each segment"):
        segments.segmentation_worksheet(data, "seg", "net_profit", n=1, next_action=["fix"])
    with pytest.raises(ValueError, match="ks must name each number of clusters once"):
        segments.silhouette_scan(_blobs(), [2, 2])


# --- the four-step strategy in its own module (segment_service), re-exported here ---------------

def test_segment_service_is_re_exported_by_segments() -> None:
    from helpers import segment_service

    for name in segment_service.__all__:
        assert getattr(segments, name) is getattr(segment_service, name), name
        assert name in segments.__all__, name


def test_insurer_channels_are_the_decks_shares_of_profit() -> None:
    channels = segments.INSURER_CHANNELS
    assert channels["chinese"].tolist() == ["保险经纪", "电话服务中心", "经营网点", "电子商务"]
    assert channels["profit_share"].tolist() == [0.15, 0.30, 0.10, 0.30]
    assert channels["profit_share"].sum() == pytest.approx(0.85)  # the deck's shares add to 85 %


def test_chinese_names_cover_every_strategy_and_rfm_segment() -> None:
    assert list(segments.STRATEGY_NAMES_ZH) == list(segments.STRATEGY_MEANING)
    assert segments.STRATEGY_NAMES_ZH["detach"] == "疏离放弃"
    assert set(segments.RFM_SEGMENT_NAMES_ZH) == set(segments.RFM_SEGMENT_GRID.stack())
    assert segments.RFM_SEGMENT_NAMES_ZH["at risk"] == "高危流失客户"


def test_improvement_costs_trim_the_over_served_to_pay_for_the_fixes() -> None:
    value_table = pd.DataFrame({"customers": [10, 20], "uplift_value": [1500.0, 1500.0]},
                               index=["X", "Y"])
    costs = segments.improvement_costs(_needs(), value_table, cost_per_point=1000.0, lift=1.0,
                                       saving_per_point=600.0, cut=1.0)
    # X: fix speed (1,000), trim hours (600) -> 400 < 1,500; Y: fix 2 (2,000), nothing to trim
    assert costs["attributes_to_trim"].tolist() == [1, 0]
    assert costs["saving_per_customer"].tolist() == [600.0, 0.0]
    assert costs["retention_cost_per_customer"].tolist() == [400.0, 2000.0]
    assert costs["net_gain_per_customer"].tolist() == [1100.0, -500.0]
    assert costs["improve"].tolist() == [True, False]
    # without a trim (the default) the savings are 0 and the decision is the old one
    plain = segments.improvement_costs(_needs(), value_table)
    assert plain["saving_per_customer"].eq(0).all()
    assert plain["retention_cost_per_customer"].tolist() == plain["cost_per_customer"].tolist()
    with pytest.raises(ValueError, match="saving_per_point must be at least 0"):
        segments.improvement_costs(_needs(), value_table, saving_per_point=-1.0)
    with pytest.raises(ValueError, match="cut must be between 0 and 6"):
        segments.improvement_costs(_needs(), value_table, cut=7.0)


def test_a_segment_with_nothing_to_fix_gains_no_retention() -> None:
    needs = _needs().assign(gap=[1.5, 0.0, 0.0, 0.0, 0.0, 0.0])  # X over-served only, Y fine
    value_table = pd.DataFrame({"customers": [10, 20], "uplift_value": [900.0, 900.0]},
                               index=["X", "Y"])
    costs = segments.improvement_costs(needs, value_table, saving_per_point=300.0, cut=0.5)
    assert costs["gain_per_customer"].tolist() == [0.0, 0.0]
    # X still saves by trimming (150 per customer), Y has nothing to change
    assert costs["net_gain_per_customer"].tolist() == [150.0, 0.0]
    assert costs["improve"].tolist() == [True, False]


def test_net_lifetime_profit_deducts_the_cost_of_keeping_customers() -> None:
    value_table = pd.DataFrame({"customers": [10, 20, 5], "retention": [0.8, 0.9, 0.7],
                                "retention_uplift": [0.05, 0.05, 0.1],
                                "lifetime_profit": [5000.0, 1000.0, 3000.0]},
                               index=["X", "Y", "Z"])
    costs = pd.DataFrame({"attributes_to_fix": [1, 2, 0],
                          "gain_per_customer": [1500.0, 300.0, 0.0],
                          "retention_cost_per_customer": [600.0, 900.0, -100.0],
                          "improve": [True, False, True]}, index=["X", "Y", "Z"])
    table = segments.net_lifetime_profit(value_table, costs)
    # X: 5,000 + 1,500 − 600; Y: unchanged; Z: trims only, 3,000 + 0 + 100, retention stays
    assert table["net_lifetime_profit"].tolist() == [5900.0, 1000.0, 3100.0]
    assert table["retention_cost"].tolist() == [600.0, 0.0, -100.0]
    assert table["retention_target"].tolist() == pytest.approx([0.85, 0.9, 0.7])
    assert table["segment_net_lifetime_profit"].tolist() == [59_000.0, 20_000.0, 15_500.0]
    assert table["importance"].tolist() == [1, 2, 3]
    with pytest.raises(ValueError, match="must list the same segments"):
        segments.net_lifetime_profit(value_table, costs.drop("Z"))
    with pytest.raises(TypeError, match=r"costs\['improve'\] must hold True/False"):
        segments.net_lifetime_profit(value_table, costs.assign(improve=[1, 0, 1]))


def test_priority_groups_pick_the_most_valuable_group_per_segment() -> None:
    data = pd.DataFrame({"channel": ["web"] * 4 + ["field"] * 3,
                         "size": ["small", "small", "small", "large", "large", "small", "small"],
                         "profit": [2.0, 3.0, -1.0, 5.0, 10.0, 4.0, 6.0]})
    table = segments.priority_groups(data, "channel", "size", "profit")
    # web: small 4 vs large 5 -> large; field: large 10 = small 10 -> the first group, large
    assert table.loc["web", ["priority_group", "customers", "total_value"]].tolist() == [
        "large", 1, 5.0]
    assert table.loc["field", "priority_group"] == "large"
    assert table.loc["web", "segment_total"] == 9.0
    assert table.loc["web", "mean_value"] == 5.0
    with pytest.raises(ValueError, match="group must name a column of data"):
        segments.priority_groups(data, "channel", "industry", "profit")


def test_service_plan_positions_each_segment_and_sets_targets() -> None:
    flags = segments.performance_flags(_needs())
    lifetime = pd.DataFrame({"improve": [True, False], "retention_target": [0.9, 0.8],
                             "net_lifetime_profit": [5900.0, -200.0]}, index=["X", "Y"])
    strategy = pd.Series({"X": "invest to improve", "Y": "detach"})
    plan = segments.service_plan(strategy, flags, lifetime,
                                 priority=pd.Series({"X": "large", "Y": "small"}))
    assert plan.loc["X", "positioning"] == "raise speed; trim hours"
    assert plan.loc["Y", "positioning"].startswith("standard lowest-cost service")
    assert plan["watch"].tolist() == ["speed", "range, speed"]
    assert plan["priority_group"].tolist() == ["large", "small"]
    assert plan["net_lifetime_profit_target"].tolist() == [5900.0, -200.0]
    assert "priority_group" not in segments.service_plan(strategy, flags, lifetime).columns
    with pytest.raises(ValueError, match="not strategies"):
        segments.service_plan(strategy.replace("detach", "drop"), flags, lifetime)
    with pytest.raises(ValueError, match="must list the same segments"):
        segments.service_plan(strategy.drop("Y"), flags, lifetime)


def test_improved_ratings_trim_the_over_served() -> None:
    ratings = pd.DataFrame({"customer_id": [1, 1, 2, 2], "attribute": ["speed", "hours"] * 2,
                            "importance": 5, "firm": [4.0, 6.5, 3.0, 1.2], "competitor": 4})
    segment = pd.Series({1: "X", 2: "Y"})
    needs = _needs().assign(gap=[1.5, -0.5, -1.5, 1.5, -1.2, -2.0])  # Y's hours over-served too
    improve = pd.Series({"X": True, "Y": True})
    after = segments.improved_ratings(ratings, segment, needs, improve, lift=1.0, cut=0.5)
    # X: speed 4 -> 5, hours 6.5 -> 6; Y: speed 3 -> 4, hours 1.2 -> 1 (the bottom of the scale)
    assert after["firm"].tolist() == [5.0, 6.0, 4.0, 1.0]




def test_the_service_plan_speaks_the_readers_language() -> None:
    """Attribute lists, the positioning and the stances are text for the reader: Chinese in
    the Chinese edition; the strategy names (the code's) stay."""
    needs = _needs().rename(index={"speed": "delivery_speed", "hours": "opening_hours",
                                   "range": "product_range"})
    lifetime = pd.DataFrame({"improve": [True, False], "retention_target": [0.9, 0.8],
                             "net_lifetime_profit": [5900.0, -200.0]}, index=["X", "Y"])
    strategy = pd.Series({"X": "invest to improve", "Y": "detach"})

    def plan() -> tuple[pd.DataFrame, pd.DataFrame]:
        flags = segments.performance_flags(needs)
        return flags, segments.service_plan(strategy, flags, lifetime)

    flags, chinese = in_chinese(plan)
    assert flags.loc["Y", "underperforming"] == "产品种类、送货速度"
    assert chinese.loc["X", "positioning"] == "提升：送货速度；削减：营业时间"
    assert chinese.loc["Y", "positioning"] == "最低成本的标准服务；亏损之处主动退出"
    assert chinese["strategy"].tolist() == ["invest to improve", "detach"]
    flags, english = plan()
    assert english.loc["X", "positioning"] == "raise delivery_speed; trim opening_hours"
    assert flags.loc["Y", "underperforming"] == "product_range, delivery_speed"


def test_grade_and_strategy_meanings_follow_the_language() -> None:
    english = dict(segments.GRADE_MEANING), dict(segments.STRATEGY_MEANING)
    grades, strategies = in_chinese(lambda: (dict(segments.GRADE_MEANING),
                                              pd.DataFrame({"meaning": segments.STRATEGY_MEANING})))
    assert list(grades) == ["A", "B", "C", "D"] and "企业首要的客户" in grades["A"]
    assert strategies["meaning"].str.contains(r"[\u4e00-\u9fff]").all()
    assert (dict(segments.GRADE_MEANING), dict(segments.STRATEGY_MEANING)) == english
