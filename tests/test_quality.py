"""Service quality: SERVQUAL gaps, alpha, IPA, service matrix, control charts, driver analysis."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from properties import examples

from helpers import datasets, quality
from helpers.datasets.case_company import PLANTED
from helpers.model import FitWarning, NotFittedError


def _answers(rows: list[tuple[int, str, str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["customer_id", "item", "dimension", "expectation",
                                       "perception"])


def test_dimension_names_standard_and_deck() -> None:
    """Standard SERVQUAL terms beside both of the deck's lists (《客户管理》第三章)."""
    assert list(quality.DIMENSIONS_ZH) == list(quality.DIMENSIONS_DECK) == list(
        quality.DIMENSIONS)
    assert [quality.DIMENSIONS_ZH[d] for d in quality.DIMENSIONS] == [
        "有形性", "可靠性", "响应性", "保证性", "移情性"]
    deck = [quality.DIMENSIONS_DECK[d].split(" / ") for d in quality.DIMENSIONS]
    assert [first for first, _ in deck] == ["有形资产", "可信赖感", "责任感", "保证", "感情"]
    assert sorted(second for _, second in deck) == sorted(
        ["有形因素", "反应", "服务人员的投入", "服务保证", "可靠度"])


# two respondents, two dimensions (a: items a1, a2; b: item b1)
TINY = _answers([
    (1, "a1", "a", 6, 4), (1, "a2", "a", 7, 5), (1, "b1", "b", 5, 6),
    (2, "a1", "a", 5, 5), (2, "a2", "a", 6, 3), (2, "b1", "b", 4, 4),
])


# --- SERVQUAL gaps ---------------------------------------------------------------------------

def test_respondent_gaps_by_hand() -> None:
    gaps = quality.respondent_gaps(TINY)
    # respondent 1, a: mean P (4+5)/2 = 4.5, mean E (6+7)/2 = 6.5 → −2; b: 6 − 5 = +1
    # respondent 2, a: (5+3)/2 − (5+6)/2 = 4 − 5.5 = −1.5; b: 4 − 4 = 0
    assert gaps.loc[1].tolist() == pytest.approx([-2.0, 1.0])
    assert gaps.loc[2].tolist() == pytest.approx([-1.5, 0.0])


def test_gap_scores_by_hand() -> None:
    dims = quality.gap_scores(TINY)
    # a: E = (6.5 + 5.5)/2 = 6, P = (4.5 + 4)/2 = 4.25, gap −1.75; b: E 4.5, P 5, gap +0.5
    assert dims.loc["a", ["expectation", "perception", "gap"]].tolist() == pytest.approx(
        [6.0, 4.25, -1.75])
    assert dims.loc["b", "gap"] == pytest.approx(0.5)
    items = quality.gap_scores(TINY, level="item")
    # item a2: E (7+6)/2 = 6.5, P (5+3)/2 = 4 → −2.5
    assert items.loc["a2", "gap"] == pytest.approx(-2.5)
    assert items.loc["a2", "dimension"] == "a"
    assert (items["respondents"] == 2).all()


def test_weighted_gaps_by_hand() -> None:
    gaps = quality.respondent_gaps(TINY)
    importance = pd.DataFrame({"a": [80, 50], "b": [20, 50]}, index=pd.Index([1, 2]))
    table = quality.weighted_gaps(gaps, importance)
    # a: mean(0.8 × −2, 0.5 × −1.5) = mean(−1.6, −0.75) = −1.175; b: mean(0.2 × 1, 0.5 × 0) = 0.1
    assert table.loc["a", "weighted_gap"] == pytest.approx(-1.175)
    assert table.loc["b", "weighted_gap"] == pytest.approx(0.1)
    assert table.loc["a", "weight"] == pytest.approx(0.65)
    # total −1.075: a's share −1.175 / −1.075
    assert table.loc["a", "share_of_shortfall"] == pytest.approx(-1.175 / -1.075)
    score = quality.servqual_score(gaps, importance)
    # respondent 1: 0.8 × −2 + 0.2 × 1 = −1.4; respondent 2: 0.5 × −1.5 + 0.5 × 0 = −0.75
    assert score.tolist() == pytest.approx([-1.4, -0.75])
    assert quality.servqual_score(gaps).tolist() == pytest.approx([-0.5, -0.75])


def test_importance_points_must_sum_to_100() -> None:
    survey = pd.DataFrame({"customer_id": [1, 2], "importance_a": [60, 50],
                           "importance_b": [40, 40]})
    with pytest.raises(ValueError, match="sum to 100"):
        quality.importance_points(survey, dimensions=["a", "b"])
    survey.loc[1, "importance_b"] = 50
    assert quality.importance_points(survey, dimensions=["a", "b"]).loc[2, "b"] == 50


@pytest.mark.parametrize("points, message", [
    ({"a": [80, 0], "b": [20, 0]}, r"positive total per respondent.*1 respondent\(s\) gave no"),
    ({"a": [120, 50], "b": [-20, 50]}, r"importance\['b'\] must not be negative; 1 value"),
])
def test_weighted_gaps_reject_points_that_give_no_weights(points: dict, message: str) -> None:
    """All-zero points would make the shares 0/0 (NaN), negative points a negative weight."""
    gaps = quality.respondent_gaps(TINY)
    importance = pd.DataFrame(points, index=pd.Index([1, 2]))
    with pytest.raises(ValueError, match=message):
        quality.weighted_gaps(gaps, importance)
    with pytest.raises(ValueError, match=message):
        quality.servqual_score(gaps, importance)


def test_weighted_gaps_need_numeric_points_without_nan() -> None:
    gaps = quality.respondent_gaps(TINY)
    with pytest.raises(ValueError, match="missing value"):
        quality.weighted_gaps(gaps, pd.DataFrame({"a": [80, np.nan], "b": [20, 50]},
                                                 index=pd.Index([1, 2])))
    with pytest.raises(TypeError, match=r"importance\['a'\] holds text.*pd.to_numeric"):
        quality.servqual_score(gaps, pd.DataFrame({"a": ["80", "50"], "b": [20, 50]},
                                                  index=pd.Index([1, 2])))


def test_weighted_gaps_needs_every_respondent() -> None:
    gaps = quality.respondent_gaps(TINY)
    importance = pd.DataFrame({"a": [80], "b": [20]}, index=pd.Index([1]))
    with pytest.raises(ValueError, match="no row for 1 respondent"):
        quality.weighted_gaps(gaps, importance)


# --- Cronbach's alpha ------------------------------------------------------------------------

def test_cronbach_alpha_by_hand() -> None:
    items = pd.DataFrame({"x": [1, 2, 3, 4], "y": [2, 3, 3, 5], "z": [1, 3, 4, 4]})
    # item variances (ddof 1): x 5/3 = 1.6667, y 4.75/3 = 1.5833, z 6/3 = 2.0 → sum 5.25
    # totals 4, 8, 10, 13 → mean 8.75, var ((−4.75)² + 0.75² + 1.25² + 4.25²)/3 = 42.75/3 = 14.25
    # alpha = 3/2 × (1 − 5.25/14.25) = 1.5 × 0.631579 = 0.947368
    assert quality.cronbach_alpha(items) == pytest.approx(1.5 * (1 - 5.25 / 14.25))
    assert quality.cronbach_alpha(items) == pytest.approx(0.947368, abs=1e-6)


def test_alpha_of_identical_items_is_one() -> None:
    items = pd.DataFrame({"x": [1, 2, 4, 5], "y": [1, 2, 4, 5]})
    assert quality.cronbach_alpha(items) == pytest.approx(1.0)


def test_alpha_needs_two_items_and_variation() -> None:
    with pytest.raises(ValueError, match="at least 2 item"):
        quality.cronbach_alpha(pd.DataFrame({"x": [1, 2, 3]}))
    with pytest.raises(ValueError, match="does not vary"):
        quality.cronbach_alpha(pd.DataFrame({"x": [3, 3, 3], "y": [2, 2, 2]}))
    with pytest.raises(ValueError, match="at least 2 respondents"):
        quality.cronbach_alpha(pd.DataFrame({"x": [3], "y": [2]}))
    with pytest.raises(ValueError, match="at least 2 item"):  # dimension b has one item
        quality.alpha_by_dimension(TINY)


# --- bad SERVQUAL input ----------------------------------------------------------------------

def test_out_of_range_likert_value_is_named() -> None:
    bad = TINY.copy()
    bad.loc[3, "perception"] = 9
    with pytest.raises(ValueError, match=r"'perception'\] must lie between 1 and 7"):
        quality.respondent_gaps(bad)


def test_missing_item_is_reported() -> None:
    with pytest.raises(ValueError, match="did not answer all 3 items"):
        quality.respondent_gaps(TINY.drop(index=4))


def test_nan_answer_is_reported() -> None:
    bad = TINY.astype({"expectation": float})
    bad.loc[2, "expectation"] = np.nan
    with pytest.raises(ValueError, match="missing value"):
        quality.gap_scores(bad)


def test_missing_column_and_empty_frame() -> None:
    with pytest.raises(ValueError, match="missing column"):
        quality.respondent_gaps(TINY.drop(columns="dimension"))
    with pytest.raises(ValueError, match="empty"):
        quality.respondent_gaps(TINY.iloc[:0])
    with pytest.raises(TypeError, match="DataFrame"):
        quality.respondent_gaps(TINY.to_dict())


def test_duplicate_answers_and_fractional_ratings() -> None:
    with pytest.raises(ValueError, match="one row per customer_id and item"):
        quality.respondent_gaps(pd.concat([TINY, TINY.iloc[:1]]))
    bad = TINY.astype({"perception": float})
    bad.loc[0, "perception"] = 4.5
    with pytest.raises(ValueError, match="must hold whole numbers"):
        quality.respondent_gaps(bad)


@settings(max_examples=examples(40))
@given(st.integers(min_value=-5, max_value=20).filter(lambda v: not 1 <= v <= 7),
       st.integers(min_value=0, max_value=5), st.sampled_from(["expectation", "perception"]))
def test_any_out_of_range_rating_raises(value: int, row: int, column: str) -> None:
    bad = TINY.copy()
    bad.loc[row, column] = value
    with pytest.raises(ValueError, match=f"'{column}'"):
        quality.respondent_gaps(bad)


@settings(max_examples=examples(40))
@given(st.lists(st.tuples(st.integers(1, 7), st.integers(1, 7)), min_size=6, max_size=6))
def test_gap_is_perception_minus_expectation(pairs: list[tuple[int, int]]) -> None:
    answers = TINY.copy()
    answers["expectation"] = [e for e, _ in pairs]
    answers["perception"] = [p for _, p in pairs]
    items = quality.gap_scores(answers, level="item")
    assert np.allclose(items["gap"], items["perception"] - items["expectation"])
    swapped = answers.rename(columns={"expectation": "perception", "perception": "expectation"})
    assert np.allclose(quality.respondent_gaps(swapped), -quality.respondent_gaps(answers))
    assert (quality.gap_scores(answers)["gap"].abs() <= 6).all()


# --- importance-performance analysis and service matrix --------------------------------------

MEANS = pd.DataFrame({"importance": [6.0, 6.0, 3.0, 3.0, 5.0],
                      "firm": [3.0, 6.0, 6.0, 2.0, 4.0],
                      "competitor": [5.0, 5.0, 4.0, 3.0, 4.5]},
                     index=pd.Index(list("ABCDE"), name="attribute"))


def test_ipa_quadrants_by_hand() -> None:
    # crosshair at the means: importance (6+6+3+3+5)/5 = 4.6, performance (3+6+6+2+4)/5 = 4.2
    assert quality.crosshair(MEANS) == pytest.approx((4.6, 4.2))
    table = quality.ipa(MEANS)
    assert table["quadrant"].to_dict() == {
        "A": "concentrate here", "B": "keep up the good work", "C": "possible overkill",
        "D": "low priority", "E": "concentrate here"}
    # priority of A = (6 − 4.6) − (3 − 4.2) = 2.6, the largest
    assert table.index[0] == "A" and table.loc["A", "priority"] == pytest.approx(2.6)
    assert table.loc["A", "quadrant_zh"] == "重点改进区"


def test_ipa_crosshair_choices_and_diagonal() -> None:
    # medians: importance 5, performance 4 → E sits on both cut lines and counts as low/low
    assert quality.crosshair(MEANS, "median") == (5.0, 4.0)
    assert quality.ipa(MEANS, crosshair_at="median").loc["E", "quadrant"] == "low priority"
    # midpoint of 1-7 is 4 on both axes
    assert quality.crosshair(MEANS, "midpoint") == (4.0, 4.0)
    # diagonal at the means: D has priority (3 − 4.6) − (2 − 4.2) = 0.6 > 0 → concentrate here
    diag = quality.ipa(MEANS, diagonal=True)
    assert diag.loc["D", "quadrant"] == "concentrate here"
    assert diag.loc["B", "quadrant"] == "keep up the good work"  # (1.4) − (1.8) < 0
    with pytest.raises(ValueError, match="method must be"):
        quality.crosshair(MEANS, "mode")


def test_service_matrix_by_hand() -> None:
    table = quality.service_matrix(MEANS, width=2.0)
    # surplus = firm − importance: A −3, B 0, C +3, D −1 (on the edge: inside), E −1
    assert table["surplus"].to_dict() == {"A": -3.0, "D": -1.0, "E": -1.0, "B": 0.0, "C": 3.0}
    assert table["zone"].to_dict() == {"A": "underperforming", "D": "target corridor",
                                       "E": "target corridor", "B": "target corridor",
                                       "C": "overkill"}
    narrow = quality.service_matrix(MEANS, width=1.0)
    assert narrow.loc["D", "zone"] == "underperforming"
    assert narrow.loc["C", "zone_zh"] == "表现过当"
    with pytest.raises(ValueError, match="width"):
        quality.service_matrix(MEANS, width=-1)


def test_competitor_comparison_by_hand() -> None:
    table = quality.competitor_comparison(MEANS)
    # A: 3 − 5 = −2, weighted by importance 6 / mean 4.6
    assert table.loc["A", "advantage"] == -2.0
    assert table.loc["A", "weighted_advantage"] == pytest.approx(-2 * 6 / 4.6)
    assert list(table["importance"]) == sorted(table["importance"], reverse=True)


def _points(ax) -> list[tuple[float, float]]:
    """Every scatter point drawn on ``ax``, as (x, y)."""
    from matplotlib.collections import PathCollection

    return sorted(tuple(map(float, xy)) for c in ax.collections
                  if isinstance(c, PathCollection) for xy in c.get_offsets())


@pytest.fixture
def axes():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def test_plot_ipa_draws_one_labelled_point_per_attribute(axes) -> None:
    table = quality.ipa(MEANS)
    cut = quality.crosshair(MEANS)
    ax = quality.plot_ipa(table, cut, ax=axes, diagonal=True)
    assert ax is axes
    # performance across, importance up: one point per attribute, each labelled once
    assert _points(ax) == sorted(zip(table["performance"], table["importance"]))
    assert sorted(t.get_text() for t in ax.texts) == sorted(MEANS.index)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(legend) == table["quadrant"].nunique() + 1  # + the iso-priority line


def test_plot_service_matrix_draws_one_labelled_point_per_attribute(axes) -> None:
    table = quality.service_matrix(MEANS)
    ax = quality.plot_service_matrix(table, ax=axes)
    assert _points(ax) == sorted(zip(table["importance"], table["performance"]))
    assert sorted(t.get_text() for t in ax.texts) == sorted(MEANS.index)
    assert len(ax.get_legend().get_texts()) == table["zone"].nunique() + 1  # + the corridor


def test_plot_competitor_comparison_draws_both_firms(axes) -> None:
    table = quality.competitor_comparison(MEANS)
    ax = quality.plot_competitor_comparison(table, ax=axes)
    # one bar (importance) and two dots (firm, competitor) per attribute, most important on top
    assert len(ax.patches) == len(table)
    assert len(_points(ax)) == 2 * len(table)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == list(table.index)
    assert ax.get_yticks()[0] == len(table) - 1  # first row of the table at the top


def test_attribute_means_weighted() -> None:
    ratings = pd.DataFrame({"customer_id": [1, 2, 1, 2], "attribute": ["x", "x", "y", "y"],
                            "importance": [7, 3, 5, 5], "firm": [2, 6, 4, 4]})
    plain = quality.attribute_means(ratings, columns=["importance", "firm"])
    assert plain.loc["x"].tolist() == [5.0, 4.0]
    # weight 3 : 1 → importance (3×7 + 1×3)/4 = 6, firm (3×2 + 6)/4 = 3
    weighted = quality.attribute_means(ratings, columns=["importance", "firm"],
                                       weights=pd.Series({1: 3.0, 2: 1.0}))
    assert weighted.loc["x"].tolist() == [6.0, 3.0]
    with pytest.raises(ValueError, match="no value for 1 respondent"):
        quality.attribute_means(ratings, columns=["importance", "firm"],
                                weights=pd.Series({1: 3.0}))
    with pytest.raises(ValueError, match="all zero"):
        quality.attribute_means(ratings, columns=["importance", "firm"],
                                weights=pd.Series({1: 0.0, 2: 0.0}))
    with pytest.raises(ValueError, match="one row per customer_id and attribute"):
        quality.attribute_means(pd.concat([ratings, ratings.iloc[:1]]),
                                columns=["importance", "firm"])
    bad = ratings.assign(firm=[2, 6, 0, 4])
    with pytest.raises(ValueError, match="'firm'"):
        quality.attribute_means(bad, columns=["importance", "firm"])


@settings(max_examples=examples(40))
@given(st.lists(st.tuples(st.floats(1, 7), st.floats(1, 7)), min_size=2, max_size=12),
       st.sampled_from(["mean", "median", "midpoint"]))
def test_ipa_every_attribute_gets_one_quadrant(points: list[tuple[float, float]],
                                               method: str) -> None:
    means = pd.DataFrame(points, columns=["importance", "firm"])
    table = quality.ipa(means, crosshair_at=method)
    assert len(table) == len(means)
    assert set(table["quadrant"]) <= set(quality.QUADRANTS_ZH)
    diag = quality.ipa(means, crosshair_at=method, diagonal=True)
    # the diagonal variant only moves attributes into "concentrate here"
    moved = diag["quadrant"] != table.loc[diag.index, "quadrant"]
    assert (diag.loc[moved, "quadrant"] == "concentrate here").all()


# --- control charts --------------------------------------------------------------------------

def test_p_chart_limits_by_hand() -> None:
    events = pd.Series([2, 3, 5, 10])
    n = pd.Series([100, 100, 100, 100])
    chart = quality.p_chart(events, n, baseline=np.array([True, True, True, False]))
    # p̄ = (2+3+5)/300 = 1/30; σ = √(1/30 × 29/30 / 100) = 0.017951; UCL = 0.033333 + 0.053852
    p_bar = 1 / 30
    ucl = p_bar + 3 * np.sqrt(p_bar * (1 - p_bar) / 100)
    assert chart["center"].iloc[0] == pytest.approx(p_bar)
    assert chart["ucl"].iloc[0] == pytest.approx(ucl)
    assert chart["ucl"].iloc[0] == pytest.approx(0.087185, abs=1e-6)
    assert chart["lcl"].iloc[0] == 0.0  # 0.0333 − 0.0539 < 0 is clipped to 0
    assert chart["signal"].tolist() == [False, False, False, True]  # 0.10 > 0.0872
    assert chart["rule"].tolist() == ["", "", "", "beyond 3 sigma"]


def test_p_chart_variable_sample_size() -> None:
    chart = quality.p_chart(pd.Series([5, 5]), pd.Series([100, 400]))
    # p̄ = 10/500 = 0.02; limits are tighter for the larger sample: σ ∝ 1/√n
    assert chart["ucl"].iloc[0] - 0.02 == pytest.approx(2 * (chart["ucl"].iloc[1] - 0.02))


def test_p_chart_bad_input() -> None:
    with pytest.raises(ValueError, match="events and n: events cannot exceed n; 1 row breaks "
                                         "this:\n.*\n1 +120.0 +100.0"):
        quality.p_chart(pd.Series([5, 120]), pd.Series([100, 100]))
    with pytest.raises(ValueError, match="positive in every period"):
        quality.p_chart(pd.Series([0, 1]), pd.Series([0, 100]))
    with pytest.raises(ValueError, match="missing value"):
        quality.p_chart(pd.Series([1.0, np.nan]), pd.Series([100, 100]))
    with pytest.raises(ValueError, match="same index"):
        quality.p_chart(pd.Series([1, 2]), pd.Series([100, 100], index=[5, 6]))
    with pytest.raises(ValueError, match="selects no points"):
        quality.p_chart(pd.Series([1, 2]), pd.Series([100, 100]),
                        baseline=np.array([False, False]))
    with pytest.raises(TypeError, match="boolean mask"):
        quality.p_chart(pd.Series([1, 2]), pd.Series([100, 100]), baseline=[1, 0])
    with pytest.raises(ValueError, match="negative"):
        quality.p_chart(pd.Series([-1, 2]), pd.Series([100, 100]))
    with pytest.raises(ValueError, match=r"events must hold whole numbers.*1: 2.5"):
        quality.p_chart(pd.Series([1.0, 2.5]), pd.Series([100, 100]))
    with pytest.raises(ValueError, match=r"n must hold whole numbers.*0: 99.5"):
        quality.p_chart(pd.Series([1, 2]), pd.Series([99.5, 100.0]))


def _service_log() -> tuple[pd.DataFrame, pd.DataFrame]:
    service = pd.DataFrame({
        "date": pd.to_datetime(["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-16",
                                "2024-01-17"]),
        "type": ["complaint", "complaint", "support_call", "complaint", "return"]})
    orders = pd.DataFrame({"order_date": pd.to_datetime(
        ["2024-01-01", "2024-01-02", "2024-01-05", "2024-01-06", "2024-01-09",
         "2024-01-15", "2024-01-16"])})
    return service, orders


def test_complaint_rates_by_hand() -> None:
    service, orders = _service_log()
    table = quality.complaint_rates(service, orders)
    # weeks (Monday to Sunday): 2024-01-01..07 holds 4 orders and 2 complaints (the support
    # call is another type); 01-08..14 holds 1 order and no complaint; 01-15..21 holds 2
    # orders and 1 complaint (the return is another type)
    assert table["orders"].tolist() == [4, 1, 2]
    assert table["events"].tolist() == [2, 0, 1]
    assert table["rate"].tolist() == pytest.approx([0.5, 0.0, 0.5])
    assert [str(p) for p in table.index] == ["2024-01-01/2024-01-07", "2024-01-08/2024-01-14",
                                             "2024-01-15/2024-01-21"]
    returns = quality.complaint_rates(service, orders, kind="return", freq="M")
    # one month, 7 orders, 1 return
    assert returns[["orders", "events"]].values.tolist() == [[7, 1]]


def test_complaint_rates_bad_input() -> None:
    service, orders = _service_log()
    with pytest.raises(ValueError, match="1 period\\(s\\) have no orders"):
        quality.complaint_rates(service, orders.iloc[[0, 1, 2, 3, 5, 6]])  # week 2 empty
    with pytest.raises(ValueError, match="no rows of type 'refund'"):
        quality.complaint_rates(service, orders, kind="refund")
    with pytest.raises(ValueError, match=r"missing column\(s\) \['type'\]"):
        quality.complaint_rates(service.drop(columns="type"), orders)
    with pytest.raises(TypeError, match="datetime64"):
        quality.complaint_rates(service.assign(date="2024-01-02"), orders)
    with pytest.raises(ValueError, match=r"orders\['order_date'\] has 7 missing date"):
        quality.complaint_rates(service, orders.assign(order_date=pd.NaT))
    with pytest.raises(ValueError, match="freq must be a pandas period frequency"):
        quality.complaint_rates(service, orders, freq="fortnight")
    with pytest.raises(ValueError, match="empty"):
        quality.complaint_rates(service.iloc[:0], orders)


def test_individuals_chart_by_hand() -> None:
    values = pd.Series([10.0, 12.0, 11.0, 13.0, 30.0])
    chart = quality.individuals_chart(values, baseline=np.array([True] * 4 + [False]))
    # baseline mean (10+12+11+13)/4 = 11.5; moving ranges 2, 1, 2 → MR̄ 5/3
    # σ̂ = (5/3)/1.128 = 1.47754; UCL = 11.5 + 4.43262 = 15.93262; MR UCL = 3.267 × 5/3 = 5.445
    assert chart["center"].iloc[0] == pytest.approx(11.5)
    assert chart["ucl"].iloc[0] == pytest.approx(11.5 + 3 * (5 / 3) / 1.128)
    assert chart["lcl"].iloc[0] == pytest.approx(11.5 - 3 * (5 / 3) / 1.128)
    assert chart["mr_ucl"].iloc[0] == pytest.approx(5.445)
    assert chart["signal"].tolist() == [False, False, False, False, True]
    assert np.isnan(chart["moving_range"].iloc[0]) and chart["moving_range"].iloc[4] == 17.0


def test_run_of_eight_rule() -> None:
    # a stable baseline around 0, then nine points just above the centre (inside the limits)
    values = pd.Series([1.0, -1.0] * 5 + [0.5] * 9)
    chart = quality.individuals_chart(values, baseline=np.array([True] * 10 + [False] * 9),
                                      rules=("beyond 3 sigma", "run of 8"))
    assert not chart["rule"].str.contains("beyond").any()
    # the run starts at position 10; its 8th point (position 17) and the 9th are flagged
    assert chart.index[chart["signal"]].tolist() == [17, 18]
    assert set(chart.loc[chart["signal"], "rule"]) == {"run of 8"}
    with pytest.raises(ValueError, match=r"rules must be one of \['beyond 3 sigma', 'run of 8'\], "
                                         r"got 'nelson 5'"):
        quality.individuals_chart(values, rules=("nelson 5",))


def test_individuals_chart_bad_input() -> None:
    with pytest.raises(ValueError, match="two consecutive baseline"):
        quality.individuals_chart(pd.Series([1.0, 2.0, 3.0]),
                                  baseline=np.array([True, False, True]))
    with pytest.raises(ValueError, match="missing value"):
        quality.individuals_chart(pd.Series([1.0, np.nan, 3.0]))
    with pytest.raises(ValueError, match="empty"):
        quality.individuals_chart(pd.Series([], dtype=float))


def test_xbar_chart_by_hand() -> None:
    values = pd.Series([1.0, 3.0, 2.0, 4.0, 6.0, 8.0])
    groups = pd.Series(["w1", "w1", "w2", "w2", "w3", "w3"])
    chart = quality.xbar_chart(values, groups, baseline=np.array([True, True, False]))
    # w1 mean 2, var 2; w2 mean 3, var 2 → centre 2.5, pooled σ √2; limits 2.5 ± 3√2/√2 = ±3
    assert chart.loc["w1", "center"] == pytest.approx(2.5)
    assert chart.loc["w1", "ucl"] == pytest.approx(5.5)
    assert chart["signal"].tolist() == [False, False, True]  # w3 mean 7 > 5.5
    with pytest.raises(ValueError, match="at least 2 values"):
        quality.xbar_chart(values.iloc[:5], groups.iloc[:5])


@settings(max_examples=examples(40))
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(50, 500)), min_size=1, max_size=30))
def test_p_chart_limits_bracket_the_centre(rows: list[tuple[int, int]]) -> None:
    events = pd.Series([e for e, _ in rows])
    n = pd.Series([m for _, m in rows])
    chart = quality.p_chart(events, n)
    assert ((chart["lcl"] <= chart["center"]) & (chart["center"] <= chart["ucl"])).all()
    assert ((chart["lcl"] >= 0) & (chart["ucl"] <= 1)).all()
    outside = (chart["p"] > chart["ucl"]) | (chart["p"] < chart["lcl"])
    assert (chart["signal"] == outside).all()


# --- driver analysis -------------------------------------------------------------------------

def test_driver_model_recovers_exact_coefficients() -> None:
    rng = np.random.default_rng(7)
    gaps = pd.DataFrame(rng.normal(size=(50, 2)), columns=["a", "b"])
    y = 3.0 + 2.0 * gaps["a"] - 0.5 * gaps["b"]  # no noise: OLS is exact
    model = quality.DriverModel().fit(gaps, y)
    assert model.params_.to_dict() == pytest.approx({"const": 3.0, "a": 2.0, "b": -0.5})
    assert model.rsquared_ == pytest.approx(1.0)
    # standardised β = β × sd(x) / sd(y)
    assert model.standardized_["a"] == pytest.approx(2.0 * gaps["a"].std() / y.std())
    assert model.predict(gaps).to_numpy() == pytest.approx(y.to_numpy())
    assert list(model.summary().columns) == ["coef", "std_err", "p_value", "ci_low", "ci_high",
                                             "standardized"]


def test_driver_model_bad_input() -> None:
    gaps = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [1.0, 1.0, 1.0, 1.0]})
    y = pd.Series([1.0, 2.0, 3.0, 4.0])
    with pytest.raises(ValueError, match="no value for 1 respondent"):
        quality.DriverModel().fit(gaps[["a"]], y.iloc[:3])
    with pytest.raises(ValueError, match="more respondents than coefficients"):
        quality.DriverModel().fit(gaps[["a"]].iloc[:2], y.iloc[:2])
    with pytest.raises(NotFittedError, match="DriverModel is not fitted yet"):
        quality.DriverModel().summary()
    with pytest.raises(NotFittedError, match="not fitted"):
        quality.DriverModel().predict(gaps)
    with pytest.raises(ValueError, match="level is a rate written as a fraction: 95 % is 0.95"):
        quality.DriverModel(level=95).fit(gaps[["a"]], y)
    with pytest.raises(ValueError, match="satisfaction does not vary"):
        quality.DriverModel().fit(gaps[["a"]], pd.Series([3.0] * 4))


def _drivers(n: int = 12) -> tuple[pd.DataFrame, pd.Series]:
    rng = np.random.default_rng(3)
    gaps = pd.DataFrame(rng.normal(size=(n, 2)), columns=["a", "b"])
    return gaps, 5.0 + gaps["a"] + 0.5 * gaps["b"] + rng.normal(scale=0.1, size=n)


@pytest.mark.parametrize("change, message", [
    (lambda g: g.assign(b=1.0), r"gaps column\(s\) \['b'\] do not vary"),
    (lambda g: g.assign(c=2.0 * g["a"] - g["b"]), "perfectly collinear"),
    (lambda g: g.iloc[:6], r"6 respondents for 3 coefficients are too few \(at least 8"),
])
def test_driver_model_warns_when_the_drivers_are_not_identified(change, message: str) -> None:
    gaps, y = _drivers()
    gaps = change(gaps)
    with pytest.warns(FitWarning, match=message):
        model = quality.DriverModel().fit(gaps, y.loc[gaps.index])
    assert model.converged_ is False
    assert any(re.search(message, p) for p in model.fit_problems_)
    assert "not identified" in repr(model)
    assert np.isfinite(model.summary()[["coef", "std_err", "ci_low", "ci_high"]]).all().all()


def test_driver_model_identified_fit_converges_without_a_warning() -> None:
    gaps, y = _drivers()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = quality.DriverModel(level=0.9).fit(gaps, y)
    assert model.converged_ and model.fit_problems_ == []
    assert repr(model).startswith("DriverModel(level=0.9); R² ")
    assert model.get_params() == {"level": 0.9}


@pytest.mark.parametrize("change, error, message", [
    (lambda g, y: (g.assign(a=g["a"].astype(str)), y), TypeError,
     r"gaps\['a'\] holds text.*pd.to_numeric"),
    (lambda g, y: (g.assign(a=np.r_[np.inf, g["a"].iloc[1:]]), y), ValueError,
     r"gaps\['a'\] must hold finite numbers"),
    (lambda g, y: (g.assign(a=np.r_[1e300, g["a"].iloc[1:]]), y), ValueError,
     r"gaps holds values too large to square"),
    (lambda g, y: (pd.concat([g.iloc[:1], g]), y), ValueError,
     r"gaps must have one row per respondent"),
    (lambda g, y: (g, pd.concat([y.iloc[:1], y])), ValueError,
     r"satisfaction must have one value per respondent"),
    (lambda g, y: (g, y.astype("category")), TypeError, r"satisfaction is a category column"),
    (lambda g, y: (g.to_dict("records"), y), TypeError, r"gaps must be a pandas DataFrame"),
])
def test_driver_model_refuses_bad_data_by_name(change, error: type, message: str) -> None:
    gaps, y = change(*_drivers())
    with pytest.raises(error, match=message):
        quality.DriverModel().fit(gaps, y)


# --- the case company's planted structure ----------------------------------------------------

@pytest.fixture(scope="module")
def case() -> datasets.CaseCompany:
    return datasets.load_case_company()


@pytest.fixture(scope="module")
def gaps(case: datasets.CaseCompany) -> pd.DataFrame:
    return quality.respondent_gaps(case.servqual)


def test_case_weakest_dimensions(case: datasets.CaseCompany, gaps: pd.DataFrame) -> None:
    table = quality.gap_scores(case.servqual)
    assert table["gap"].idxmin() == PLANTED["weakest_servqual_dimension"]
    assert tuple(table["gap"].nsmallest(2).index) == PLANTED["servqual_gap_order"]
    assert abs(table.loc[PLANTED["servqual_no_gap"], "gap"]) < 0.1
    weighted = quality.weighted_gaps(gaps, quality.importance_points(case.survey))
    assert set(weighted.index[:2]) == set(PLANTED["servqual_gap_order"])
    competitor = quality.gap_scores(case.servqual.drop(columns="perception").rename(
        columns={"competitor": "perception"}))
    for dim in PLANTED["competitor_better_on"]:
        assert competitor.loc[dim, "perception"] > table.loc[dim, "perception"]


def test_case_alpha_is_acceptable(case: datasets.CaseCompany) -> None:
    alpha = quality.alpha_by_dimension(case.servqual)
    assert list(alpha.index) == list(quality.DIMENSIONS)
    assert ((alpha > 0.7) & (alpha < 0.95)).all()


def test_case_ipa_and_matrix(case: datasets.CaseCompany) -> None:
    means = quality.attribute_means(case.attribute_ratings)
    assert quality.ipa(means)["quadrant"].to_dict() == PLANTED["ipa_quadrants"]
    zones = quality.service_matrix(means, width=2.0)["zone"]
    planted = PLANTED["service_matrix"]
    assert set(zones[zones == "overkill"].index) == set(planted["overkill"])
    assert set(zones[zones == "underperforming"].index) == set(planted["underperforming"])
    assert set(zones[zones == "target corridor"].index) == set(planted["target_corridor"])


def test_case_response_time_shift_and_spikes(case: datasets.CaseCompany) -> None:
    svc = case.service
    weekly = svc.groupby(svc["date"].dt.to_period("W"))["response_hours"].mean()
    weekly = weekly[(weekly.index.start_time >= "2022-01-03")
                    & (weekly.index.end_time <= "2024-12-30")]  # whole weeks only
    chart = quality.individuals_chart(weekly, baseline=weekly.index.start_time < "2023-01-01")
    shift = PLANTED["response_capacity"]["level_shift_from"]
    assert chart.loc[chart.index.start_time < "2023-01-01", "signal"].mean() < 0.05
    assert chart.loc[chart.index.start_time >= shift, "signal"].mean() > 0.9
    spikes = {str(pd.Period(first, freq="W")) for first, _ in
              PLANTED["response_capacity"]["spike_weeks"]}
    assert {str(p) for p in chart["value"].nlargest(2).index} == spikes


def test_case_complaint_rate_rises(case: datasets.CaseCompany) -> None:
    rates = quality.complaint_rates(case.service, case.orders)
    rates = rates[(rates.index.start_time >= "2022-01-03") & (rates.index.end_time <= "2024-12-30")]
    chart = quality.p_chart(rates["events"], rates["orders"],
                            baseline=rates.index.start_time < "2023-01-01")
    after = chart.index.start_time >= PLANTED["response_capacity"]["level_shift_from"]
    assert chart.loc[after, "signal"].mean() > 0.8
    assert chart.loc[after, "p"].mean() > 2 * chart["center"].iloc[0]


def test_case_drivers(case: datasets.CaseCompany, gaps: pd.DataFrame) -> None:
    model = quality.DriverModel().fit(
        gaps, case.survey.set_index("customer_id")["overall_satisfaction"])
    truth = pd.Series(PLANTED["satisfaction_drivers"])
    coef = model.params_[truth.index]
    assert list(coef.sort_values(ascending=False).index) == list(
        truth.sort_values(ascending=False).index)
    assert np.allclose(coef, truth, atol=0.2)
    ci = model.conf_int_.loc["tangibles"]
    assert ci["ci_low"] < 0 < ci["ci_high"]  # tangibles: no effect
    assert model.rsquared_ > 0.7


# --- bad input, everywhere (issue 11): one error style through helpers.validation ----------

@pytest.mark.parametrize("plot, make, change, error, message", [
    # the example: plot_ipa without the importance column raised KeyError
    ("plot_ipa", lambda: quality.ipa(MEANS), lambda t: t.drop(columns="importance"),
     ValueError, r"table is missing column\(s\) \['importance'\]"),
    ("plot_ipa", lambda: quality.ipa(MEANS), lambda t: t.assign(quadrant="somewhere"),
     ValueError, r"table\['quadrant'\] must hold one of"),
    ("plot_ipa", lambda: quality.ipa(MEANS),
     lambda t: t.assign(performance=t["performance"].astype(str)), TypeError,
     r"table\['performance'\] holds text"),
    ("plot_service_matrix", lambda: quality.service_matrix(MEANS),
     lambda t: t.drop(columns="zone"), ValueError, r"table is missing column\(s\) \['zone'\]"),
    ("plot_service_matrix", lambda: quality.service_matrix(MEANS),
     lambda t: t.assign(importance=np.r_[np.inf, t["importance"].iloc[1:]]), ValueError,
     r"table\['importance'\] must hold finite numbers"),
    ("plot_competitor_comparison", lambda: quality.competitor_comparison(MEANS),
     lambda t: t.drop(columns="competitor"), ValueError,
     r"table is missing column\(s\) \['competitor'\]"),
    ("plot_competitor_comparison", lambda: quality.competitor_comparison(MEANS),
     lambda t: t.to_dict("records"), TypeError, "table must be a pandas DataFrame"),
])
def test_charts_check_their_table(plot: str, make, change, error: type, message: str) -> None:
    args = (quality.crosshair(MEANS),) if plot == "plot_ipa" else ()
    with pytest.raises(error, match=message):
        getattr(quality, plot)(change(make()), *args)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"cut": (4.6, "4.2")}, TypeError, r"cut\[1\] must be a number"),
    ({"cut": (4.6, np.nan)}, ValueError, r"cut\[1\] must be a number, got nan"),
    ({"cut": None}, TypeError, "cut must be a pair of numbers"),
    ({"diagonal": "yes"}, TypeError, "diagonal must be True or False"),
    ({"title": 3}, TypeError, "title must be text"),
    ({"ax": "left"}, TypeError, "ax must be a matplotlib Axes"),
])
def test_plot_ipa_checks_its_options(kwargs: dict, error: type, message: str) -> None:
    arguments = {"table": quality.ipa(MEANS), "cut": quality.crosshair(MEANS), **kwargs}
    with pytest.raises(error, match=message):
        quality.plot_ipa(**arguments)


def test_plot_service_matrix_checks_its_width() -> None:
    with pytest.raises(ValueError, match="width must be at least 0"):
        quality.plot_service_matrix(quality.service_matrix(MEANS), width=-1.0)


@pytest.mark.parametrize("call, error, message", [
    (lambda: quality.crosshair(MEANS, None), ValueError, "method must be one of"),
    (lambda: quality.crosshair(MEANS, "midpoint", scale=(7, 1)), ValueError, "lowest < highest"),
    (lambda: quality.ipa(MEANS, crosshair_at="mode"), ValueError, "crosshair_at must be one of"),
    (lambda: quality.ipa(MEANS, diagonal=1), TypeError, "diagonal must be True or False"),
    (lambda: quality.ipa(MEANS, performance="rival"), ValueError,
     "performance must name a column of means"),
    (lambda: quality.ipa(pd.concat([MEANS, MEANS.iloc[:1]])), ValueError,
     "means must have one row per attribute"),
    (lambda: quality.ipa(MEANS.assign(firm=np.r_[np.inf, MEANS["firm"].iloc[1:]])), ValueError,
     r"means\['firm'\] must hold finite numbers"),
    (lambda: quality.service_matrix(MEANS, width="2"), TypeError, "width must be a number"),
    (lambda: quality.competitor_comparison(MEANS.assign(importance=-1.0)), ValueError,
     r"means\['importance'\] must not be negative"),
    (lambda: quality.competitor_comparison(MEANS.assign(importance=0.0)), ValueError,
     "must have a positive mean"),
])
def test_ipa_helpers_check_options_and_means(call, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        call()


def test_complaint_rates_check_dates_kind_freq_and_span() -> None:
    service, orders = _service_log()
    with pytest.raises(TypeError, match=r"service\['date'\] holds time-zone-aware dates"):
        quality.complaint_rates(service.assign(date=service["date"].dt.tz_localize("UTC")),
                                orders)
    with pytest.raises(TypeError, match=r"orders\['order_date'\] must hold dates.*pd.to_datetime"):
        quality.complaint_rates(service, orders.assign(
            order_date=orders["order_date"].dt.strftime("%Y-%m-%d")))
    with pytest.raises(TypeError, match="kind must be text"):
        quality.complaint_rates(service, orders, kind=None)
    with pytest.raises(TypeError, match="freq must be a pandas period frequency"):
        quality.complaint_rates(service, orders, freq=7)
    with pytest.raises(ValueError, match=r"freq 's' splits .* more than the 10,000"):
        quality.complaint_rates(service, orders, freq="s")


def test_control_charts_check_rules_baseline_and_groups() -> None:
    values = pd.Series([10.0, 12.0, 11.0, 13.0])
    with pytest.raises(TypeError, match=r"rules must be a list of names such as \['run of 8'"):
        quality.individuals_chart(values, rules="run of 8")
    with pytest.raises(TypeError, match="rules must be a list"):
        quality.p_chart(pd.Series([1, 2]), pd.Series([10, 10]), rules=None)
    with pytest.raises(TypeError, match="one value per point of values"):
        quality.individuals_chart(values, baseline=np.array([True, False]))
    with pytest.raises(ValueError, match="values must hold finite numbers"):
        quality.individuals_chart(values.replace(13.0, np.inf))
    with pytest.raises(TypeError, match=r"n is a category column"):
        quality.p_chart(pd.Series([1, 2]), pd.Series([10, 10]).astype("category"))
    responses = pd.Series([1.0, 3.0, 2.0, 4.0])
    with pytest.raises(ValueError, match="groups has 1 missing value"):
        quality.xbar_chart(responses, pd.Series(["w1", "w1", None, "w2"]))
    with pytest.raises(TypeError, match="groups must be a pandas Series"):
        quality.xbar_chart(responses, ["w1", "w1", "w2", "w2"])
    with pytest.raises(ValueError, match="values holds values too large to square"):
        quality.xbar_chart(responses.replace(4.0, 1e300), pd.Series(["w1", "w1", "w2", "w2"]))


def test_control_charts_live_in_their_own_module_and_stay_importable_from_quality() -> None:
    from helpers import control_charts, validation

    for name in ("complaint_rates", "p_chart", "individuals_chart", "xbar_chart", "RULES",
                 "D2_N2", "D4_N2"):
        assert getattr(quality, name) is getattr(control_charts, name)
        assert name in quality.__all__
    assert quality.MAX_SQUARABLE == validation.MAX_SQUARABLE


def test_control_charts_take_no_rules_and_refuse_mixed_subgroup_labels() -> None:
    chart = quality.individuals_chart(pd.Series([1.0, 2.0, 9.0]), rules=[])
    assert not chart["signal"].any() and set(chart["rule"]) == {""}
    with pytest.raises(TypeError, match="groups mixes text labels with other values"):
        quality.xbar_chart(pd.Series([1.0, 3.0, 2.0, 4.0]), pd.Series(["w1", "w1", 2, 2]))
    with pytest.raises(TypeError, match="rules holds None, which is not a name"):
        quality.p_chart(pd.Series([1, 2]), pd.Series([10, 10]), rules=[None])

def test_servqual_helpers_check_options_and_respondents() -> None:
    gaps = quality.respondent_gaps(TINY)
    importance = pd.DataFrame({"a": [80, 50], "b": [20, 50]}, index=pd.Index([1, 2]))
    with pytest.raises(ValueError, match="gaps must have one row per respondent"):
        quality.weighted_gaps(pd.concat([gaps.iloc[:1], gaps]), importance)
    with pytest.raises(ValueError, match="importance must have one row per respondent"):
        quality.servqual_score(gaps, pd.concat([importance.iloc[:1], importance]))
    with pytest.raises(ValueError, match=r"gaps\['a'\] must hold finite numbers"):
        quality.servqual_score(gaps.assign(a=[np.inf, 0.0]))
    with pytest.raises(ValueError, match="level must be one of"):
        quality.gap_scores(TINY, level="items")
    with pytest.raises(ValueError, match="perception must name a column of answers"):
        quality.respondent_gaps(TINY, perception="competitor")
    with pytest.raises(TypeError, match=r"scale must be a pair of numbers such as \(1, 7\)"):
        quality.gap_scores(TINY, scale=7)
    with pytest.raises(TypeError, match=r"answers\['expectation'\] is a category column"):
        quality.gap_scores(TINY.astype({"expectation": "category"}))
    with pytest.raises(ValueError, match="items holds values too large to square"):
        quality.cronbach_alpha(pd.DataFrame({"x": [1.0, 1e300, 3.0], "y": [1.0, 2.0, 2.0]}))


def test_importance_points_check_prefix_dimensions_and_total() -> None:
    survey = pd.DataFrame({"customer_id": [1, 2], "importance_a": [60, 50],
                           "importance_b": [40, 50]})
    with pytest.raises(ValueError, match=r"no importance column\(s\) \['importance_c'\]"):
        quality.importance_points(survey, dimensions=["a", "c"])
    with pytest.raises(TypeError, match=r"dimensions must be a list of names such as \['a'\]"):
        quality.importance_points(survey, dimensions="a")
    with pytest.raises(ValueError, match="total must be greater than 0"):
        quality.importance_points(survey, dimensions=["a", "b"], total=0)
    with pytest.raises(ValueError, match="sum to 1000 \\(total\\)"):
        quality.importance_points(survey, dimensions=["a", "b"], total=1000)
    with pytest.raises(ValueError, match="survey must have one row per respondent"):
        quality.importance_points(pd.concat([survey, survey.iloc[:1]]), dimensions=["a", "b"])
    with pytest.raises(TypeError, match="prefix must be text"):
        quality.importance_points(survey, prefix=None, dimensions=["a", "b"])


def test_require_ratings_and_attribute_means_check_options() -> None:
    ratings = pd.DataFrame({"customer_id": [1, 2, 1, 2], "attribute": ["x", "x", "y", "y"],
                            "importance": [7, 3, 5, 5], "firm": [2, 6, 4, 4]})
    with pytest.raises(ValueError, match="columns must name a column of ratings"):
        quality.attribute_means(ratings, columns=["importance", "rival"])
    with pytest.raises(TypeError, match=r"columns must be a list of names such as \['firm'\]"):
        quality.attribute_means(ratings, columns="firm")
    with pytest.raises(ValueError, match="weights must have one weight per customer"):
        quality.attribute_means(ratings, columns=["importance", "firm"],
                                weights=pd.Series([3.0, 1.0, 2.0], index=[1, 2, 2]))
    with pytest.raises(ValueError, match="weights must not be negative"):
        quality.attribute_means(ratings, columns=["importance", "firm"],
                                weights=pd.Series({1: -1.0, 2: 1.0}))
    with pytest.raises(TypeError, match="complete must be True or False"):
        quality.require_ratings(ratings, ["firm"], item="attribute", complete="yes")
    with pytest.raises(TypeError, match="name must be text"):
        quality.require_ratings(ratings, ["firm"], item="attribute", name=None)
    with pytest.raises(ValueError, match="item must name a column of ratings"):
        quality.require_ratings(ratings, ["firm"])


def test_charts_speak_the_readers_language(axes, monkeypatch: pytest.MonkeyPatch) -> None:
    """Default titles, the points' names and the legends: English, and Chinese in the Chinese
    edition with a CJK font; a title given stays as it is."""
    import contextlib
    import io

    from helpers import language, plots

    means = quality.attribute_means(datasets.load_case_company().attribute_ratings)
    ax = quality.plot_service_matrix(quality.service_matrix(means), ax=axes)
    assert ax.get_title() == "Service management matrix"
    assert "delivery speed" in [t.get_text() for t in ax.texts]
    monkeypatch.setattr(plots, "find_cjk_font", lambda *a, **k: "DejaVu Sans")
    with contextlib.redirect_stdout(io.StringIO()):
        language.use_language("zh")
    try:
        axes.clear()
        ax = quality.plot_service_matrix(quality.service_matrix(means), ax=axes)
        assert ax.get_title() == "服务管理矩阵"
        names = [t.get_text() for t in ax.texts]
        assert "送货速度" in names and not [n for n in names if re.search("[A-Za-z]", n)]
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert "服务目标走廊" in legend
        axes.clear()
        ax = quality.plot_competitor_comparison(quality.competitor_comparison(means), ax=axes)
        assert ax.get_title() == "企业与主要竞争对手经营表现对比"
        assert "送货速度" in [t.get_text() for t in ax.get_yticklabels()]
        axes.clear()
        ax = quality.plot_ipa(quality.ipa(means), quality.crosshair(means), ax=axes,
                              title="my own")
        assert ax.get_title() == "my own"
        assert "过度投入区" in [t.get_text() for t in ax.get_legend().get_texts()]
    finally:
        language.use_language("en")
        plots.use_chinese(False)


def test_rules_are_explained_in_the_readers_language() -> None:
    import contextlib
    import io

    from helpers import language

    english = dict(quality.RULES)
    with contextlib.redirect_stdout(io.StringIO()):
        language.use_language("zh")
    try:
        chinese = dict(quality.RULES)
        chart = quality.individuals_chart(pd.Series([1.0, 2.0, 1.0, 2.0, 30.0]))
    finally:
        language.use_language("en")
    assert list(chinese) == list(english) == ["beyond 3 sigma", "run of 8"]  # names: options
    assert all(re.search(r"[\u4e00-\u9fff]", text) for text in chinese.values())
    assert chart["rule"].iloc[-1] == "beyond 3 sigma"     # data keep the name; tables translate
    assert dict(quality.RULES) == english and english["run of 8"].startswith("Western Electric")
    assert quality.QUADRANTS_ZH["possible overkill"] == "过度投入区"
