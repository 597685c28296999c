"""Valid example calls of ``helpers.segments`` (chapter 05) for the mutation test."""

from __future__ import annotations

import pandas as pd
from mutation import Case

from helpers import segments

YEARLY = pd.DataFrame({"customer_id": [1, 1, 2, 3, 4],
                       "year": [2023, 2024, 2024, 2023, 2024],
                       "gross_profit": [200.0, 300.0, 50.0, 80.0, 20.0],
                       "net_profit": [100.0, 160.0, 40.0, 50.0, 10.0]})
LOST = pd.Series({1: False, 3: True})
SOW = pd.Series({1: 0.5, 2: 0.8})
VALUES = pd.DataFrame({"current_value": [100.0, 10.0, 20.0, 70.0, -10.0, 60.0],
                       "future_value": [120.0, 80.0, 30.0, -5.0, 0.0, 10.0]},
                      index=pd.Index([1, 2, 3, 4, 5, 6], name="customer_id"))
LOG = pd.DataFrame({
    "customer_id": [1, 1, 2, 3, 3, 3, 4],
    "date": pd.to_datetime(["2024-01-10", "2024-03-01", "2024-03-31", "2023-12-01",
                            "2024-02-01", "2024-03-21", "2024-01-01"]),
    "amount": [100.0, 50.0, 20.0, 500.0, 300.0, 200.0, 10.0],
})
OBS = pd.Timestamp("2024-03-31")
RFM = segments.rfm_table(LOG, OBS)
SCORES = pd.DataFrame({"R": [5, 3, 1, 5, 1, 2], "F": [5, 4, 5, 1, 1, 3],
                       "M": [4, 4, 5, 1, 2, 3]})
FEATURES = pd.DataFrame({"frequency": [1.0, 2.0, 1.0, 9.0, 10.0, 12.0, 3.0, 11.0],
                         "monetary": [20.0, 35.0, 25.0, 900.0, 1100.0, 950.0, 40.0, 1000.0],
                         "recency_days": [300.0, 250.0, 280.0, 10.0, 5.0, 30.0, 200.0, 12.0]},
                        index=pd.Index(range(101, 109), name="customer_id"))
FITTED = segments.KMeansSegmenter(2, log_columns=["frequency", "monetary"],
                                  n_init=2).fit(FEATURES)
SEGMENT = pd.Series([1, 1, 1, 2, 2, 2, 1, 2], index=FEATURES.index, name="segment")


CASES = [
    Case(segments.future_value, yearly=YEARLY, year=2024, lost=LOST, share_of_wallet=SOW,
         capture=0.25, trend_weight=0.5,
         skip={"yearly[gross_profit]": {"negative": "a gross profit can be negative"},
               "yearly[net_profit]": {"negative": "a net profit can be negative"},
               "share_of_wallet": {"no values": "no share known: no headroom"},
               "lost": {"no values": "nobody lost"}}),
    Case(segments.abcd_grades, values=VALUES, top=0.2, current_cut=50.0, future_cut=60.0,
         floor=0.0,
         skip={"values": {"negative": "values can be negative"},
               "current_cut": {"negative": "a cut can be negative"},
               "future_cut": {"negative": "a cut can be negative"},
               "floor": {"negative": "a floor can be negative"}}),
    Case(segments.rfm_table, transactions=LOG, observation_date=OBS, customer="customer_id",
         date="date", amount="amount"),
    Case(segments.rfm_scores, rfm=RFM, bins=5),
    Case(segments.rfm_segments, scores=SCORES, bins=5),
    Case(segments.KMeansSegmenter,
         call=lambda features, k, log_columns, random_state, n_init: segments.KMeansSegmenter(
             k, log_columns=log_columns, random_state=random_state, n_init=n_init
         ).fit(features),
         features=FEATURES, k=2, log_columns=["frequency", "monetary"], random_state=0,
         n_init=2, skip={"features[recency_days]": {"negative": "not a log column"}}),
    Case(segments.KMeansSegmenter.fit, self=segments.KMeansSegmenter(2, n_init=2),
         features=FEATURES, skip={"features": {"negative": "no log columns"}}),
    Case(segments.KMeansSegmenter.predict, self=FITTED, features=FEATURES,
         skip={"features[recency_days]": {"negative": "not a log column"}}),
    Case(segments.KMeansSegmenter.summary, self=FITTED),
    Case(segments.silhouette_scan, features=FEATURES, ks=[2, 3],
         log_columns=["frequency", "monetary"], random_state=0,
         skip={"features[recency_days]": {"negative": "not a log column"}}),
    Case(segments.segment_profiles, data=FEATURES, segment=SEGMENT,
         skip={"data": {"negative": "means of any numbers"},
               "segment": {"*": "segment labels may be any values"}}),
]
