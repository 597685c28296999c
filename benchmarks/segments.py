"""k-means segments on CDNOW: the course's ``KMeansSegmenter`` against scikit-learn's plain KMeans.

Both cluster the same RFM features of the CDNOW master log, summarised as chapter 05 does
(:func:`helpers.segments.rfm_table` at the last purchase date: recency in days, frequency and
monetary value, ``log1p`` of frequency and monetary, each standardised), at two sizes: the
23,570 customers (x1) and the same customers repeated ten times under new ids (x10, 235,700).

* **helpers**: ``KMeansSegmenter(4, log_columns=["frequency", "monetary"]).fit(features)``,
  the whole fit a student runs: checks, scaling, k-means (10 starts), the mean silhouette (on
  a seeded sample of ``segments.SILHOUETTE_SAMPLE`` customers above that many, exact below),
  the relabelling and the segment profiles;
* **scikit-learn**: ``StandardScaler`` and ``KMeans(4, n_init=10)`` on the same features, no
  silhouette — the least a user would run.

The table shows the best-of-N wall time of each and the ratio helpers / scikit-learn, the
price of the course's extras (a ratio measured in the same run, not an absolute claim). Both
run on one thread (``threadpoolctl``): on a small shared machine OpenMP threads make k-means
slower and the times would measure the machine's load. (Before the silhouette was sampled,
the fit compared every pair of customers and did not finish on x10 in minutes.)
"""

from __future__ import annotations

import time
import warnings

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans  # imported first, so that threadpool_limits reaches OpenMP
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from helpers import segments
from helpers.datasets import load_cdnow

K = 4
LOGGED = ["frequency", "monetary"]
REPEATS = {1: 3, 10: 2}


def _features(copies: int) -> pd.DataFrame:
    """Chapter 05's RFM features of CDNOW master, the customers repeated ``copies`` times."""
    log = load_cdnow("master")
    rfm = segments.rfm_table(log, log["date"].max())[segments.RFM_COLUMNS]
    if copies == 1:
        return rfm
    step = int(rfm.index.max()) + 1
    return pd.concat([rfm.set_axis(rfm.index + i * step) for i in range(copies)])


def _best_time(fit, repeats: int) -> tuple[float, object]:
    best, result = np.inf, None
    for _ in range(repeats):
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = fit()
        best = min(best, time.perf_counter() - start)
    return best, result


def _compare(copies: int) -> dict:
    features = _features(copies)

    def course() -> segments.KMeansSegmenter:
        return segments.KMeansSegmenter(K, log_columns=LOGGED).fit(features)

    def plain() -> KMeans:
        z = StandardScaler().fit_transform(features.assign(
            **{c: np.log1p(features[c]) for c in LOGGED}))
        return KMeans(K, n_init=10, random_state=0).fit(z)

    t_course, model = _best_time(course, REPEATS[copies])
    t_plain, km = _best_time(plain, REPEATS[copies])
    return {"data": f"CDNOW master x{copies}", "customers": len(features),
            "helpers_s": t_course, "sklearn_s": t_plain, "ratio": t_course / t_plain,
            "silhouette": model.silhouette_, "helpers_inertia": model.inertia_,
            "sklearn_inertia": float(km.inertia_)}


def main() -> pd.DataFrame:
    with threadpool_limits(1):
        table = pd.DataFrame([_compare(1), _compare(10)])
    with pd.option_context("display.width", 140, "display.float_format", "{:,.3f}".format):
        print(table.to_string(index=False))
    print(f"\nKMeansSegmenter.fit (k = {K}, silhouette on at most "
          f"{segments.SILHOUETTE_SAMPLE:,} customers) against StandardScaler + KMeans, "
          f"best of {REPEATS[1]} (x1) and {REPEATS[10]} (x10), one thread: the course's fit "
          f"takes {table['ratio'].iloc[0]:.1f}x and {table['ratio'].iloc[1]:.1f}x the time "
          "of the plain fit")
    return table


if __name__ == "__main__":
    main()
