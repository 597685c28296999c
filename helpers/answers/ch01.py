"""Answer key of chapter 01's exercises (customer satisfaction: disconfirmation, NPS, Kano)."""

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


@KEY.value(1, hint="Average each respondent's items first (one score per respondent), classify "
                   "the scores with the performance–expectation table helper and its default "
                   "band, then take the mean of a True/False comparison with the label "
                   "\"dissatisfied\". The answer is a share (0-1), not a count.")
def _share_dissatisfied() -> float:
    outcome = satisfaction.expectation_outcome(_per_respondent())
    return float((outcome == "dissatisfied").mean())


@KEY.value(2, hint="Group the per-item scores by `item`, average the `disconfirmation` and "
                   "take the label (the item code) of the most negative mean, not the mean "
                   "itself.")
def _worst_item() -> str:
    answers = datasets.load_case_company().servqual
    gap = answers["perception"] - answers["expectation"]
    return str(gap.groupby(answers["item"]).mean().idxmin())


@KEY.value(3, hint="`satisfaction.satisfaction_level` takes `bounds=`: a dict naming all six "
                   "levels in the lecture's order, dissatisfied first at -np.inf. Count the "
                   "respondents whose level is anything but dissatisfied.")
def _content_or_better() -> int:
    # with contentment from -0.5, every score of at least -0.5 reaches contentment or higher
    return int((_per_respondent() >= -0.5).sum())


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


@KEY.value(7, hint="Translate both answer codes into their labels (`satisfaction.KANO_ANSWERS`), "
                   "then read the evaluation table `satisfaction.KANO_TABLE`: its rows are the "
                   "functional answer, its columns the dysfunctional one. Give the class name "
                   "as text.")
def _pair_class() -> str:
    functional, dysfunctional = satisfaction.KANO_ANSWERS[2], satisfaction.KANO_ANSWERS[5]
    return str(satisfaction.KANO_TABLE.loc[functional, dysfunctional])


KEY.choice(8, "A", options="ABCD",
           hint="First find the modal Kano class of next-day delivery over all respondents "
                "(the Kano summary). Then compare what that class means — when customers "
                "notice the feature, and when not — with the lecture's description of each of "
                "the four elements.")
