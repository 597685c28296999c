"""Satisfaction: disconfirmation, outcome bands, the five levels, NPS and Kano on hand-computed
examples and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from properties import examples

from helpers import datasets, satisfaction
from helpers.datasets.case_company import PLANTED


def _answers() -> pd.DataFrame:
    return pd.DataFrame({
        "customer_id": [1, 1, 2, 2],
        "item": ["Q1", "Q2", "Q1", "Q2"],
        "expectation": [6, 5, 7, 4],
        "perception": [4, 6, 7, 6],
    })


# --- disconfirmation ------------------------------------------------------------------------

def test_disconfirmation_per_item_by_hand() -> None:
    table = satisfaction.disconfirmation(_answers())
    # 4 - 6 = -2, 6 - 5 = 1, 7 - 7 = 0, 6 - 4 = 2
    assert table["disconfirmation"].tolist() == [-2.0, 1.0, 0.0, 2.0]
    assert list(table.columns) == ["customer_id", "item", "expectation", "performance",
                                   "disconfirmation"]


def test_disconfirmation_per_respondent_by_hand() -> None:
    table = satisfaction.disconfirmation(_answers(), per="respondent").set_index("customer_id")
    # respondent 1: expectation (6 + 5) / 2 = 5.5, performance (4 + 6) / 2 = 5.0, gap -0.5
    # respondent 2: expectation (7 + 4) / 2 = 5.5, performance (7 + 6) / 2 = 6.5, gap +1.0
    assert table.loc[1].tolist() == pytest.approx([5.5, 5.0, -0.5])
    assert table.loc[2].tolist() == pytest.approx([5.5, 6.5, 1.0])


def test_disconfirmation_other_column_names_and_scale() -> None:
    data = _answers().rename(columns={"perception": "performance", "customer_id": "rid"})
    data["performance"] = data["performance"] + 3  # now up to 10: needs a 1..10 scale
    table = satisfaction.disconfirmation(data, respondent="rid", performance="performance",
                                         scale=(1, 10))
    # 7 - 6 = 1, 9 - 5 = 4, 10 - 7 = 3, 9 - 4 = 5
    assert table["disconfirmation"].tolist() == [1.0, 4.0, 3.0, 5.0]


@pytest.mark.parametrize("change, error, message", [
    (lambda d: d.assign(perception=[4, 6, 8, 6]), ValueError, r"between 1 and 7"),
    (lambda d: d.assign(expectation=[0, 5, 7, 4]), ValueError, r"between 1 and 7"),
    (lambda d: d.assign(perception=[4.5, 6, 7, 6]), ValueError, r"whole numbers"),
    (lambda d: d.assign(perception=[4, np.nan, 7, 6]), ValueError, r"NaN"),
    (lambda d: d.assign(perception=["4", "6", "7", "6"]), TypeError, r"numbers"),
    (lambda d: d.drop(columns="expectation"), ValueError,
     r"expectation must name a column of answers"),
    (lambda d: d.iloc[:3], ValueError, r"missing items.*Q2"),
    (lambda d: pd.concat([d, d.iloc[[0]]]), ValueError, r"one row per respondent and item"),
    (lambda d: d.iloc[:0], ValueError, r"empty"),
])
def test_disconfirmation_bad_input(change, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        satisfaction.disconfirmation(change(_answers()))


def test_disconfirmation_rejects_a_bad_per() -> None:
    with pytest.raises(ValueError, match="per must be"):
        satisfaction.disconfirmation(_answers(), per="dimension")


@settings(max_examples=examples(50))
@given(st.lists(st.tuples(st.integers(1, 7), st.integers(1, 7)), min_size=1, max_size=12))
def test_disconfirmation_is_bounded_and_antisymmetric(pairs: list[tuple[int, int]]) -> None:
    data = pd.DataFrame({"customer_id": 1, "item": [f"Q{i}" for i in range(len(pairs))],
                         "expectation": [e for e, _ in pairs],
                         "perception": [p for _, p in pairs]})
    gap = satisfaction.disconfirmation(data)["disconfirmation"]
    swapped = data.rename(columns={"expectation": "perception", "perception": "expectation"})
    assert gap.between(-6, 6).all()
    assert (satisfaction.disconfirmation(swapped)["disconfirmation"] == -gap).all()


@settings(max_examples=examples(30))
@given(st.integers(8, 100) | st.integers(-100, 0))
def test_any_out_of_range_rating_is_rejected(bad: int) -> None:
    data = _answers()
    data.loc[2, "perception"] = bad
    with pytest.raises(ValueError, match="between 1 and 7"):
        satisfaction.disconfirmation(data)


# --- performance–expectation table and levels ----------------------------------------------

def test_expectation_outcome_by_hand() -> None:
    out = satisfaction.expectation_outcome([-1.0, -0.26, -0.25, 0.0, 0.24, 0.25, 0.3])
    # below -0.25 dissatisfied; from -0.25 up to (not including) +0.25 satisfied — the
    # contentment band [-0.25, 0.25); from +0.25 on delighted
    assert out.tolist() == ["dissatisfied", "dissatisfied", "satisfied", "satisfied",
                            "satisfied", "delighted", "delighted"]
    exact = satisfaction.expectation_outcome([-1, -0.1, 0, 0.1, 1], band=0)
    # band 0: only exactly equal ratings are satisfied
    assert exact.tolist() == ["dissatisfied", "dissatisfied", "satisfied", "delighted",
                              "delighted"]


def test_satisfaction_level_default_bounds() -> None:
    scores = pd.Series([-3.0, -0.26, -0.25, 0.0, 0.24, 0.25, 0.75, 1.75, 5.0])
    # three outcome bands: below -0.25, from -0.25 up to (not including) +0.25, from +0.25 on
    assert satisfaction.satisfaction_level(scores).tolist() == [
        "below expectation", "below expectation", "meets expectation", "meets expectation",
        "meets expectation", "exceeds expectation", "exceeds expectation",
        "exceeds expectation", "exceeds expectation"]


def test_satisfaction_level_custom_bounds_and_scalar() -> None:
    bounds = {"below expectation": -np.inf, "meets expectation": 0, "exceeds expectation": 1}
    assert satisfaction.satisfaction_level([-0.1, 0, 0.9, 1, 4], bounds=bounds).tolist() == [
        "below expectation", "meets expectation", "meets expectation", "exceeds expectation",
        "exceeds expectation"]
    assert satisfaction.satisfaction_level(0.5).tolist() == ["exceeds expectation"]
    assert satisfaction.satisfaction_level(0.5).name == "band"


def test_levels_are_kinds_not_bands() -> None:
    """The five levels of 《客户管理》第三章 are a table of kinds with the deck's words; the
    score's bands are three (Kotler's table), and no band is named after a level."""
    kinds = satisfaction.LEVEL_KINDS
    assert list(kinds.index) == list(satisfaction.LEVELS) == [
        "contentment", "pleasure", "relief", "novelty", "surprise"]
    assert kinds["中文"].tolist() == ["满足", "愉快", "解脱", "新奇", "惊喜"]
    assert kinds.loc["contentment", "deck"] == "产品和服务可以接受或容忍"
    assert kinds.loc["relief", "deck"] == "产品和服务能给顾客解决麻烦"
    assert kinds.loc["surprise", "deck"] == "产品和服务超过了期望"
    assert kinds.notna().all().all()
    assert list(satisfaction.LEVEL_BOUNDS) == list(satisfaction.BANDS)
    assert not set(satisfaction.BANDS) & set(satisfaction.LEVELS)
    assert satisfaction.BAND_OUTCOMES == {"below expectation": "dissatisfied",
                                          "meets expectation": "satisfied",
                                          "exceeds expectation": "delighted"}
    assert [satisfaction.OUTCOMES_ZH[o] for o in satisfaction.OUTCOMES] == [
        "不满意", "满意", "高度满意"]
    levels = satisfaction.satisfaction_level(np.linspace(-3, 3, 61))
    assert set(levels.cat.categories) == set(satisfaction.BANDS)


@pytest.mark.parametrize("bounds, message", [
    ({"below expectation": -np.inf, "meets expectation": 0}, "must name the outcome bands"),
    ({"dissatisfied": -np.inf, "contentment": 0, "pleasure": 1, "relief": 2, "novelty": 3,
      "surprise": 4}, "must name the outcome bands"),
    ({"below expectation": -1.0, "meets expectation": 0, "exceeds expectation": 1},
     "must be -inf"),
    ({"below expectation": -np.inf, "meets expectation": 1, "exceeds expectation": 1},
     "increase strictly"),
])
def test_satisfaction_level_bad_bounds(bounds: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        satisfaction.satisfaction_level([0.0], bounds=bounds)


@pytest.mark.parametrize("scores, error, message", [
    ([], ValueError, "empty"),
    ([0.0, np.nan], ValueError, "NaN"),
    ([0.0, np.inf], ValueError, "finite"),
    (["high"], TypeError, "numeric"),
])
def test_levels_bad_scores(scores: list, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        satisfaction.satisfaction_level(scores)
    with pytest.raises(error, match=message):
        satisfaction.expectation_outcome(scores)


def test_band_must_be_nonnegative() -> None:
    with pytest.raises(ValueError, match="band"):
        satisfaction.expectation_outcome([0.0], band=-0.1)
    with pytest.raises(ValueError, match="band must be finite"):
        satisfaction.expectation_outcome([0.0], band=np.inf)


@pytest.mark.parametrize("band", ["0.2", None, True, [0.25]])
def test_band_must_be_a_number(band: object) -> None:
    with pytest.raises(TypeError, match="band must be a number"):
        satisfaction.expectation_outcome([0.0], band=band)


EDGES = [-satisfaction.EQUAL_BAND, satisfaction.EQUAL_BAND]


@given(st.lists(st.one_of(st.floats(-6, 6), st.sampled_from(EDGES)), min_size=1, max_size=40))
def test_bands_agree_with_the_table(scores: list[float]) -> None:
    """With the default bounds each band is one row of Kotler's table — below = dissatisfied,
    meets = satisfied, exceeds = delighted — including the edges ±EQUAL_BAND; and the bands
    rise with the score."""
    band = satisfaction.satisfaction_level(scores)
    outcome = satisfaction.expectation_outcome(scores)
    assert band.map(satisfaction.BAND_OUTCOMES).astype(str).tolist() == \
        outcome.astype(str).tolist()
    order = np.argsort(scores, kind="stable")
    assert np.all(np.diff(band.cat.codes.to_numpy()[order]) >= 0)


# --- NPS --------------------------------------------------------------------------------------

def test_nps_by_hand() -> None:
    # 10 answers: promoters 9, 10, 10, 9 (4); passives 7, 8 (2); detractors 0, 6, 5, 3 (4)
    scores = pd.Series([9, 10, 10, 9, 7, 8, 0, 6, 5, 3])
    out = satisfaction.nps(scores)
    # p = 0.4, d = 0.4: NPS = 100 (0.4 - 0.4) = 0
    # se = 100 sqrt((0.4 + 0.4 - 0²) / 10) = 100 sqrt(0.08) = 28.2843
    # 95 % interval: 0 ± 1.959964 × 28.2843 = ± 55.4362
    assert out["n"] == 10 and isinstance(out["n"], int)  # a count, shown as 10, not 10.00
    assert out[["promoters", "passives", "detractors"]].tolist() == pytest.approx([0.4, 0.2, 0.4])
    assert out["nps"] == pytest.approx(0.0)
    assert out["se"] == pytest.approx(28.2843, abs=1e-4)
    assert out["ci_low"] == pytest.approx(-55.4362, abs=1e-3)
    assert out["ci_high"] == pytest.approx(55.4362, abs=1e-3)


def test_nps_asymmetric_by_hand() -> None:
    # 5 answers: promoters 10, 9, 9 (0.6), passive 8 (0.2), detractor 2 (0.2): NPS = 40
    # se = 100 sqrt((0.6 + 0.2 - 0.4²) / 5) = 100 sqrt(0.128) = 35.7771
    # 90 % interval (z = 1.644854): 40 ± 58.8486
    out = satisfaction.nps([10, 9, 9, 8, 2], confidence=0.90)
    assert out["nps"] == pytest.approx(40.0)
    assert out["se"] == pytest.approx(35.7771, abs=1e-4)
    assert out["ci_low"] == pytest.approx(40 - 58.8486, abs=1e-3)


def test_nps_bootstrap_is_seeded_and_close_to_normal() -> None:
    scores = pd.Series(np.tile([10, 9, 8, 7, 6, 3, 10, 9, 5, 10], 20))  # n = 200
    first = satisfaction.nps(scores, method="bootstrap", seed=7)
    again = satisfaction.nps(scores, method="bootstrap", seed=7)
    normal = satisfaction.nps(scores)
    assert first.equals(again)
    assert first["nps"] == normal["nps"]
    assert first["ci_low"] == pytest.approx(normal["ci_low"], abs=2.5)
    assert first["ci_high"] == pytest.approx(normal["ci_high"], abs=2.5)


def test_nps_by_groups_by_hand() -> None:
    data = pd.DataFrame({"size": pd.Categorical(["a", "a", "b", "b", "b"], ["b", "a"]),
                         "recommend": [10, 0, 9, 9, 7]})
    table = satisfaction.nps_by(data, "size")
    # b: 2 promoters of 3, no detractor: 100 × 2/3 = 66.667; a: 1 promoter, 1 detractor: 0
    assert table.index.tolist() == ["b", "a"]
    assert table["nps"].tolist() == pytest.approx([200 / 3, 0.0])
    assert table["n"].tolist() == [3, 2]


@pytest.mark.parametrize("scores, error, message", [
    ([11, 9], ValueError, "between 0 and 10"),
    ([-1, 9], ValueError, "between 0 and 10"),
    ([8.5, 9], ValueError, "whole numbers"),
    ([9, np.nan], ValueError, "NaN"),
    ([], ValueError, "empty"),
    (["9"], TypeError, "numbers"),
])
def test_nps_bad_scores(scores: list, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        satisfaction.nps(scores)


@pytest.mark.parametrize("kwargs, message", [
    ({"confidence": 1.0}, "confidence"),
    ({"method": "exact"}, "method"),
    ({"method": "bootstrap", "n_boot": 10}, "n_boot"),
])
def test_nps_bad_options(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        satisfaction.nps([9, 10, 3], **kwargs)


def test_nps_by_rejects_empty_and_missing_groups() -> None:
    data = pd.DataFrame({"size": pd.Categorical(["a", "a"], ["a", "b"]), "recommend": [10, 0]})
    with pytest.raises(ValueError, match=r"empty group.*'b'"):
        satisfaction.nps_by(data, "size")
    with pytest.raises(ValueError, match="NaN"):
        satisfaction.nps_by(pd.DataFrame({"size": ["a", None], "recommend": [1, 2]}), "size")
    with pytest.raises(ValueError, match="by must name a column of data"):
        satisfaction.nps_by(data, "region")


@settings(max_examples=examples(60))
@given(st.lists(st.integers(0, 10), min_size=1, max_size=80))
def test_nps_properties(scores: list[int]) -> None:
    out = satisfaction.nps(scores)
    assert -100 <= out["nps"] <= 100
    assert out["promoters"] + out["passives"] + out["detractors"] == pytest.approx(1.0)
    assert out["ci_low"] <= out["nps"] <= out["ci_high"]


# --- Kano -------------------------------------------------------------------------------------

def test_kano_table_cells() -> None:
    # (functional, dysfunctional) → class, answers 1 like … 5 dislike
    pairs = {(1, 5): "one-dimensional", (1, 3): "attractive", (3, 5): "must-be",
             (3, 3): "indifferent", (5, 1): "reverse", (3, 1): "reverse", (1, 1): "questionable",
             (5, 5): "questionable", (2, 4): "indifferent", (4, 5): "must-be",
             (1, 2): "attractive",
             (5, 3): "reverse"}
    got = satisfaction.kano_category([f for f, _ in pairs], [d for _, d in pairs])
    assert got.tolist() == list(pairs.values())
    assert satisfaction.KANO_TABLE.shape == (5, 5)
    # row like: Q A A A O; rows must-be/neutral/live with: R I I I M (x3); row dislike: R R R R Q
    # → indifferent 3×3 = 9, reverse 3 + 4 = 7, attractive 3, must-be 3, questionable 2, one-dim. 1
    counts = pd.Series(satisfaction.KANO_TABLE.to_numpy().ravel()).value_counts()
    assert counts.to_dict() == {"indifferent": 9, "reverse": 7, "attractive": 3, "must-be": 3,
                                "questionable": 2, "one-dimensional": 1}


def _kano_survey() -> pd.DataFrame:
    # feature x: respondents A, A, O, M, I, R, Q → A 2, O 1, M 1, I 1, R 1, Q 1
    # feature y: M, M, O, O → a tie M 2 / O 2 → must-be
    return pd.DataFrame({
        "kano_x_functional": [1, 1, 1, 3, 3, 5, 1],
        "kano_x_dysfunctional": [3, 4, 5, 5, 3, 1, 1],
        "kano_y_functional": [2, 4, 1, 1, 2, 3, 4],
        "kano_y_dysfunctional": [5, 5, 5, 5, 5, 5, 5],
    })


def test_kano_summary_by_hand() -> None:
    summary = satisfaction.kano_summary(satisfaction.kano_classes(_kano_survey()))
    x = summary.loc["x"]
    assert (x["attractive"], x["one-dimensional"], x["must-be"], x["indifferent"],
            x["reverse"], x["questionable"], x["n"]) == (2, 1, 1, 1, 1, 1, 7)
    # Better = (A + O) / (A + O + M + I) = (2 + 1) / 5 = 0.6
    # Worse = -(O + M) / (A + O + M + I) = -(1 + 1) / 5 = -0.4
    assert x["better"] == pytest.approx(0.6)
    assert x["worse"] == pytest.approx(-0.4)
    assert x["class"] == "attractive"
    # y: M = 5 (functional 2, 4, 2, 3, 4 with dislike), O = 2: Better 2/7, Worse -7/7
    y = summary.loc["y"]
    assert (y["must-be"], y["one-dimensional"]) == (5, 2)
    assert y["better"] == pytest.approx(2 / 7)
    assert y["worse"] == pytest.approx(-1.0)


def test_kano_modal_tie_goes_to_must_be() -> None:
    survey = pd.DataFrame({"kano_z_functional": [3, 3, 1, 1],
                           "kano_z_dysfunctional": [5, 5, 3, 3]})  # M 2, A 2
    assert satisfaction.kano_summary(satisfaction.kano_classes(survey)).loc["z", "class"] == \
        "must-be"


def test_kano_features_found_in_column_order() -> None:
    assert satisfaction.kano_features(_kano_survey()) == ["x", "y"]


@pytest.mark.parametrize("change, error, message", [
    (lambda s: s.assign(kano_x_functional=[1, 1, 1, 3, 3, 6, 1]), ValueError, "between 1 and 5"),
    (lambda s: s.assign(kano_x_functional=[1, 1, 1, 3, 3, 0, 1]), ValueError, "between 1 and 5"),
    (lambda s: s.assign(kano_x_functional=[1, 1, 1, 3, np.nan, 5, 1]), ValueError, "NaN"),
    (lambda s: s.drop(columns="kano_y_dysfunctional"), ValueError, r"unpaired.*'y'"),
    (lambda s: s.drop(columns=list(s.columns)).assign(other=1), ValueError, "no Kano"),
])
def test_kano_bad_input(change, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        satisfaction.kano_classes(change(_kano_survey()))


def test_kano_bad_arguments() -> None:
    with pytest.raises(ValueError, match="same length"):
        satisfaction.kano_category([1, 2], [3])
    with pytest.raises(ValueError, match="missing column"):
        satisfaction.kano_classes(_kano_survey(), ["x", "w"])
    with pytest.raises(ValueError, match="features must name at least one, got an empty list"):
        satisfaction.kano_classes(_kano_survey(), [])
    with pytest.raises(TypeError, match="Kano classes"):
        satisfaction.kano_summary(pd.DataFrame({"x": ["A", "O"]}))
    only_reverse = satisfaction.kano_classes(pd.DataFrame({"kano_r_functional": [5],
                                                           "kano_r_dysfunctional": [1]}))
    with pytest.raises(ValueError, match="undefined"):
        satisfaction.kano_summary(only_reverse)


@settings(max_examples=examples(60))
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=1, max_size=40))
def test_kano_coefficients_are_bounded(pairs: list[tuple[int, int]]) -> None:
    survey = pd.DataFrame({"kano_f_functional": [f for f, _ in pairs],
                           "kano_f_dysfunctional": [d for _, d in pairs]})
    classes = satisfaction.kano_classes(survey)
    if not classes["f"].isin(["attractive", "one-dimensional", "must-be", "indifferent"]).any():
        with pytest.raises(ValueError, match="undefined"):
            satisfaction.kano_summary(classes)
        return
    summary = satisfaction.kano_summary(classes)
    assert summary.loc["f", list(satisfaction.KANO_CLASSES)].sum() == len(pairs)
    assert 0 <= summary.loc["f", "better"] <= 1
    assert -1 <= summary.loc["f", "worse"] <= 0


# --- the case company: planted structure is recovered -------------------------------------

@pytest.fixture(scope="module")
def case() -> datasets.CaseCompany:
    return datasets.load_case_company()


def test_case_kano_classes_match_the_planted_ones(case) -> None:
    summary = satisfaction.kano_summary(satisfaction.kano_classes(case.survey))
    assert summary["class"].to_dict() == PLANTED["kano"]


def test_case_nps_in_the_planted_band_and_lower_for_large(case) -> None:
    low, high = PLANTED["nps_band"]
    assert low <= satisfaction.nps(case.survey["recommend"])["nps"] <= high
    data = case.survey.merge(case.customers[["customer_id", "size"]], on="customer_id")
    by_size = satisfaction.nps_by(data, "size")
    assert by_size.loc["large", "nps"] < by_size.drop(index="large")["nps"].min()


def test_case_disconfirmation_follows_satisfaction(case) -> None:
    gaps = satisfaction.disconfirmation(case.servqual, per="respondent")
    data = gaps.merge(case.survey[["customer_id", "overall_satisfaction"]], on="customer_id")
    assert len(data) == len(case.survey)
    assert data["disconfirmation"].corr(data["overall_satisfaction"]) > 0.7
    assert gaps["disconfirmation"].mean() < 0  # the firm falls short of expectations


# --- bad input, everywhere (issue 11): one error style through helpers.validation ----------

@pytest.mark.parametrize("change, error, message", [
    (lambda d: d.assign(perception=d["perception"].astype("category")), TypeError,
     r"answers\['perception'\] is a category column.*astype\(float\)"),
    (lambda d: d.assign(perception=d["perception"].astype(str)), TypeError,
     r"answers\['perception'\] holds text.*pd.to_numeric"),
    (lambda d: d.assign(expectation=[6.0, np.inf, 7.0, 4.0]), ValueError,
     r"answers\['expectation'\] must hold finite numbers"),
    (lambda d: d.to_dict("records"), TypeError, r"answers must be a pandas DataFrame"),
])
def test_disconfirmation_refuses_bad_columns_by_name(change, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        satisfaction.disconfirmation(change(_answers()))


@pytest.mark.parametrize("kwargs, error, message", [
    ({"scale": (1, "7")}, TypeError, r"scale\[1\] must be a number"),
    ({"scale": (7, 1)}, ValueError, "lowest < highest"),
    ({"scale": (1, np.inf)}, ValueError, r"scale\[1\] must be finite"),
    ({"scale": 7}, TypeError, r"scale must be a pair"),
    ({"per": None}, ValueError, "per must be one of"),
    ({"respondent": "rid"}, ValueError, "respondent must name a column of answers"),
    ({"performance": 5}, TypeError, "performance must be a column name"),
])
def test_disconfirmation_refuses_bad_options(kwargs: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        satisfaction.disconfirmation(_answers(), **kwargs)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"confidence": 95}, ValueError, r"95 % is 0.95"),
    ({"confidence": np.nan}, ValueError, "confidence must be a number"),
    ({"confidence": "0.9"}, TypeError, "confidence must be a number"),
    ({"n_boot": 10**20}, ValueError, "n_boot must be between 100 and 100000"),
    ({"n_boot": 2000.5}, ValueError, "n_boot must be a whole number"),
    ({"seed": -1}, ValueError, "seed must be between 0"),
    ({"seed": None}, TypeError, "seed must be a number"),
    ({"method": None}, ValueError, "method must be one of"),
])
def test_nps_options_are_checked_before_any_work(kwargs: dict, error: type,
                                                 message: str) -> None:
    with pytest.raises(error, match=message):
        satisfaction.nps([9, 10, 3], **kwargs)
    data = pd.DataFrame({"size": ["a", "b", "b"], "recommend": [9, 10, 3]})
    with pytest.raises(error, match=message):
        satisfaction.nps_by(data, "size", **kwargs)


def test_nps_refuses_inf_category_and_a_table() -> None:
    with pytest.raises(ValueError, match="scores must hold finite numbers"):
        satisfaction.nps([9.0, np.inf])
    with pytest.raises(TypeError, match=r"category column.*astype\(float\)"):
        satisfaction.nps(pd.Series([9, 3]).astype("category"))
    with pytest.raises(TypeError, match="one column of numbers"):
        satisfaction.nps(pd.DataFrame({"recommend": [9, 3]}))


def test_nps_by_names_the_score_column_and_refuses_mixed_labels() -> None:
    data = pd.DataFrame({"size": ["a", "b", "b"], "recommend": [9, 11, 3]})
    with pytest.raises(ValueError, match=r"data\['recommend'\] must lie between 0 and 10"):
        satisfaction.nps_by(data, "size")
    mixed = pd.DataFrame({"size": pd.Series(["a", 5, "b"], dtype=object),
                          "recommend": [9, 10, 3]})
    with pytest.raises(TypeError, match=r"data\['size'\] mixes text labels with other values "
                                        r"\(1: 5\): write every label as text"):
        satisfaction.nps_by(mixed, "size")
    with pytest.raises(TypeError, match="score must be a column name"):
        satisfaction.nps_by(data, "size", score=None)
    unsortable = mixed.assign(size=pd.Series([1, pd.Timestamp("2024-01-01"), 2.5],
                                             dtype=object))
    with pytest.raises(TypeError, match=r"data\['size'\] mixes labels of different types "
                                        r"\(Timestamp, float, int\) that cannot be ordered"):
        satisfaction.nps_by(unsortable, "size")

@pytest.mark.parametrize("bounds, error, message", [
    ({**satisfaction.LEVEL_BOUNDS, "meets expectation": "0.25"}, TypeError,
     r"bounds\['meets expectation'\] must be a number"),
    ({**satisfaction.LEVEL_BOUNDS, "exceeds expectation": np.inf}, ValueError,
     "must be finite"),
    ({**satisfaction.LEVEL_BOUNDS, "exceeds expectation": np.nan}, ValueError,
     r"bounds\['exceeds expectation'\] must be a number"),
    (list(satisfaction.BANDS), TypeError, "bounds must be a mapping"),
])
def test_satisfaction_level_bounds_are_numbers(bounds: object, error: type,
                                               message: str) -> None:
    with pytest.raises(error, match=message):
        satisfaction.satisfaction_level([0.0], bounds=bounds)


def test_scores_refuse_a_table_and_text_but_take_one_number() -> None:
    with pytest.raises(TypeError, match="scores must be one column"):
        satisfaction.satisfaction_level(pd.DataFrame({"gap": [0.0]}))
    with pytest.raises(TypeError, match="scores must be a Series"):
        satisfaction.expectation_outcome("0.5")
    assert satisfaction.expectation_outcome(np.float64(0.5)).tolist() == ["delighted"]


def test_kano_refuses_bad_features_prefix_and_misaligned_pairs() -> None:
    with pytest.raises(TypeError, match=r"features must be a list.*\['x'\]"):
        satisfaction.kano_classes(_kano_survey(), "x")
    with pytest.raises(ValueError, match=r"features \['w'\] have no question pair"):
        satisfaction.kano_classes(_kano_survey(), ["x", "w"])
    with pytest.raises(TypeError, match="prefix must be text"):
        satisfaction.kano_features(_kano_survey(), prefix=None)
    with pytest.raises(ValueError, match=r"features names \['x'\] more than once"):
        satisfaction.kano_classes(_kano_survey(), ["x", "x"])
    with pytest.raises(TypeError, match="features must be a list of names, got int"):
        satisfaction.kano_classes(_kano_survey(), 5)
    with pytest.raises(ValueError, match="no Kano question pairs with prefix 'q_'"):
        satisfaction.kano_features(_kano_survey(), prefix="q_")
    with pytest.raises(ValueError, match="same index"):
        satisfaction.kano_category(pd.Series([1, 3]), pd.Series([5, 3], index=[7, 8]))
    with pytest.raises(TypeError, match=r"survey\['kano_x_functional'\] holds text"):
        satisfaction.kano_classes(_kano_survey().astype({"kano_x_functional": str}))


def test_kano_classes_have_their_standard_chinese_names() -> None:
    """卡诺模型: 必备型、期望型、魅力型、无差异型、反向型需求 (the course's term list)."""
    assert satisfaction.KANO_CLASSES_ZH == {
        "must-be": "必备型需求", "one-dimensional": "期望型需求", "attractive": "魅力型需求",
        "indifferent": "无差异型需求", "reverse": "反向型需求", "questionable": "可疑结果"}
    assert list(satisfaction.KANO_CLASSES_ZH) == list(satisfaction.KANO_CLASSES)
