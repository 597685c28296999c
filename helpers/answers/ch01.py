"""Answer key of chapter 01's exercises (customer satisfaction: disconfirmation, the kinds of
satisfaction, NPS, Kano)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from helpers import datasets, satisfaction
from helpers.checks import AnswerKey

KEY = AnswerKey("01")


@cache
def _per_respondent() -> pd.Series:
    """Each respondent's mean perception − mean expectation over the SERVQUAL items."""
    answers = datasets.load_case_company().servqual
    means = answers.groupby("customer_id")[["expectation", "perception"]].mean()
    return means["perception"] - means["expectation"]


@cache
def _respondents() -> pd.DataFrame:
    case = datasets.load_case_company()
    return case.survey.merge(case.customers, on="customer_id", validate="one_to_one")


@KEY.value(1, hint="Keep the ids of the large customers first (`size` in `case.customers`), "
                   "average each of their respondents' items into one score, classify the "
                   "scores with the performance–expectation table helper and its default band, "
                   "then take the mean of a True/False comparison with the label "
                   "\"dissatisfied\". The answer is a share (0-1), not a count.")
def _share_dissatisfied_large() -> float:
    customers = datasets.load_case_company().customers
    large = customers.loc[customers["size"] == "large", "customer_id"]
    scores = _per_respondent()
    # below the "meets expectation" band: performance − expectation < −EQUAL_BAND
    return float((scores[scores.index.isin(large)] < -satisfaction.EQUAL_BAND).mean())


@KEY.value(2, hint="Group the per-item scores by `item`, average the `disconfirmation` and "
                   "take the label (the item code) of the most negative mean, not the mean "
                   "itself.")
def _worst_item() -> str:
    answers = datasets.load_case_company().servqual
    gap = answers["perception"] - answers["expectation"]
    return str(gap.groupby(answers["item"]).mean().idxmin())


@KEY.value(3, hint="Read each description against the deck's definitions in "
                   "`satisfaction.LEVEL_KINDS` and ask what the product or service did for the "
                   "buyer — was it acceptable, a positive experience, a problem removed, "
                   "something new, or more than the buyer had counted on? Give a dict with the "
                   "five letters as keys and the English level names of `satisfaction.LEVELS` "
                   "as values.")
def _kinds() -> dict[str, str]:
    # A: "never seen anything like it" — fresh, exciting; B: the stopped line runs again — a
    # problem removed; C: "we can live with that" — acceptable, tolerable; D: next morning
    # instead of the five days planned on — beyond expectation; E: a pleasant, useful afternoon
    return {"A": "novelty", "B": "relief", "C": "contentment", "D": "surprise",
            "E": "pleasure"}


@KEY.value(4, hint="Keep the `recommend` answers of the respondents whose `status` is "
                   "\"lost\" and pass them to the NPS helper; the score is in points "
                   "(-100 to +100), not a share.")
def _nps_lost() -> float:
    return float(satisfaction.nps_by(_respondents(), "status").loc["lost", "nps"])


@KEY.value(5, hint="Use the `recommend` answers of the medium customers only and ask the NPS "
                   "helper for a 90 % interval (its `confidence` argument); give the lower and "
                   "the upper bound, in this order and in points.")
def _medium_ci_90() -> tuple[float, float]:
    by_size = satisfaction.nps_by(_respondents(), "size", confidence=0.90)
    return float(by_size.loc["medium", "ci_low"]), float(by_size.loc["medium", "ci_high"])


@KEY.value(6, hint="Keep the survey rows of the large customers before you classify, then "
                   "read `better` from the Kano summary: Better = (A + O) / (A + O + M + I), "
                   "a number between 0 and 1.")
def _better_am_large() -> float:
    large = _respondents()[_respondents()["size"] == "large"]
    cls = satisfaction.kano_classes(large, ["dedicated_account_manager"])[
        "dedicated_account_manager"].astype(str)
    counts = cls.value_counts()
    a, o, m, i = (counts.get(c, 0) for c in ("attractive", "one-dimensional", "must-be",
                                             "indifferent"))
    return float((a + o) / (a + o + m + i))


@KEY.value(7, hint="Classify the six answer pairs with the Kano helper (the functional answers "
                   "as one list, the dysfunctional ones as another, in the same order), count "
                   "how often each class occurs and give the name of the most frequent one as "
                   "text.")
def _pilot_class() -> str:
    functional, dysfunctional = [1, 1, 2, 1, 3, 1], [3, 5, 5, 4, 3, 3]
    classes = [str(satisfaction.KANO_TABLE.loc[satisfaction.KANO_ANSWERS[f],
                                               satisfaction.KANO_ANSWERS[d]])
               for f, d in zip(functional, dysfunctional)]
    return max(set(classes), key=classes.count)


KEY.choice(8, "B", options="ABCD",
           hint="Keep the survey rows of the automotive customers (`industry` in "
                "`case.customers`) before you classify, summarise them, and read the modal "
                "class of next-day delivery in that summary; then match the class with the "
                "lecture's table of Kano classes.")
