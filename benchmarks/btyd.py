"""BG/NBD, Pareto/NBD and Gamma-Gamma: the course's ``helpers.btyd`` against ``lifetimes``, and
how the course's steps scale with the number of customers.

**Against lifetimes.** Both fit the same RFM summaries of the CDNOW data (the 1/10 sample and
the full master log; calibration to 1997-09-30, time in weeks). For each model the table shows
the best-of-N fit time of each library, the speed ratio (lifetimes time / helpers time) and
the difference of the log-likelihoods, both evaluated on the original time scale with the
course's likelihood (lifetimes reports a per-customer mean on a rescaled time axis, which is
not comparable). A positive difference means the helpers found the higher likelihood.

Goal: at least 5x faster at the same log-likelihood (relative difference below 1e-6).
lifetimes is a benchmark extra (it imports ``pkg_resources``); it is never used at run time.

**Scaling** (issue 11: the input checks must not make the helpers slower than linear). The
CDNOW master log (x1: 23,570 customers, 69,659 purchases) and the same log ten times over with
new customer ids (x10: 235,700 customers): best-of-N seconds of ``rfm_summary``, the three fits
and ``customer_lifetime_value`` (36 months) on each, and the ratio x10 / x1. Goal: linear or
better, a ratio of at most about 10 (the fits group customers who share (x, t_x, T), so theirs
stays far below). The scaling part runs without lifetimes.

Both libraries run with one BLAS thread (``threadpoolctl``). Their problems are tiny (four
parameters), so threads cannot help, but on a busy machine OpenBLAS's idle threads make each
small matrix call of scipy's optimisers many times slower, and the ratio would measure the
machine's load rather than the code.
"""

from __future__ import annotations

import time
import warnings

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from helpers import btyd
from helpers.datasets import load_cdnow

CALIBRATION_END = "1997-09-30"
REPEATS = {"sample": 9, "master": 3}


def _best_times(ours, theirs, repeats: int) -> tuple[float, object, float, object]:
    """Best-of-``repeats`` wall time of two fits, run alternately so that both see the same
    machine load."""
    best = [np.inf, np.inf]
    out = [None, None]
    for _ in range(repeats):
        for i, fit in enumerate((ours, theirs)):
            start = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                out[i] = fit()
            best[i] = min(best[i], time.perf_counter() - start)
    return best[0], out[0], best[1], out[1]


def _lifetimes_fitters():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from lifetimes import BetaGeoFitter, GammaGammaFitter, ParetoNBDFitter
    return BetaGeoFitter, ParetoNBDFitter, GammaGammaFitter


def _compare(kind: str) -> list[dict]:
    bg_cls, pnbd_cls, gg_cls = _lifetimes_fitters()
    summary = btyd.rfm_summary(load_cdnow(kind), CALIBRATION_END)
    # The Gamma-Gamma model needs a positive mean spend: one master customer's only repeat
    # purchase is $0; both libraries fit the same, explicitly filtered customers.
    repeaters = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]
    n_rep = repeaters["frequency"].to_numpy()
    x, t_x, big_t = (summary[c] for c in ("frequency", "recency", "T"))
    rows = []
    cases = [
        ("BG/NBD", btyd.BetaGeo, lambda: bg_cls().fit(x, t_x, big_t),
         ("r", "alpha", "a", "b"), summary),
        ("Pareto/NBD", btyd.ParetoNBD, lambda: pnbd_cls().fit(x, t_x, big_t),
         ("r", "alpha", "s", "beta"), summary),
        ("Gamma-Gamma", btyd.GammaGamma,
         lambda: gg_cls().fit(repeaters["frequency"], repeaters["monetary_value"]),
         ("p", "q", "v"), repeaters),
    ]
    for name, ours_cls, theirs_fit, their_names, data in cases:
        ours_time, ours, theirs_time, theirs = _best_times(
            lambda cls=ours_cls, data=data: cls().fit(data), theirs_fit, REPEATS[kind])
        their_params = np.array([theirs.params_[k] for k in their_names])
        # evaluate lifetimes' estimates with the course likelihood, original time scale
        evaluator = ours_cls()
        evaluator.params_ = pd.Series(their_params, index=list(ours.param_names))
        their_ll = float(evaluator.log_likelihood(data).sum()) if name != "Gamma-Gamma" else \
            float(btyd._gg_ll(np.log(their_params), n_rep,
                              repeaters["monetary_value"].to_numpy()).sum())
        rows.append({
            "data": f"{kind} ({len(summary):,} customers)", "model": name,
            "helpers_s": ours_time, "lifetimes_s": theirs_time,
            "speed_ratio": theirs_time / ours_time,
            "helpers_LL": ours.log_likelihood_, "lifetimes_LL": their_ll,
            "LL_diff": ours.log_likelihood_ - their_ll,
            "LL_rel_diff": (ours.log_likelihood_ - their_ll) / abs(their_ll),
            "helpers_params": ", ".join(f"{v:.4g}" for v in ours.params_),
            "lifetimes_params": ", ".join(f"{v:.4g}" for v in their_params),
        })
    return rows


SCALING_REPEATS = {1: 3, 10: 2}


def _best_of(step, repeats: int) -> tuple[float, object]:
    best, out = np.inf, None
    for _ in range(repeats):
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = step()
        best = min(best, time.perf_counter() - start)
    return best, out


def _replicated(log: pd.DataFrame, times: int) -> pd.DataFrame:
    """``log`` ``times`` over, each copy's customers with new ids."""
    offset = int(log["customer_id"].max()) + 1
    return pd.concat([log.assign(customer_id=log["customer_id"] + k * offset)
                      for k in range(times)], ignore_index=True)


def _scaling_times(log: pd.DataFrame, repeats: int) -> dict[str, float]:
    times: dict[str, float] = {}
    times["rfm_summary"], summary = _best_of(
        lambda: btyd.rfm_summary(log, CALIBRATION_END), repeats)
    # the Gamma-Gamma model needs a positive spend: leave out repeat buyers whose repeat
    # purchases were worth $0 (one customer of the master log)
    usable = summary[~((summary["frequency"] > 0) & (summary["monetary_value"] <= 0))]
    fits = {}
    for name, cls in (("BetaGeo.fit", btyd.BetaGeo), ("ParetoNBD.fit", btyd.ParetoNBD),
                      ("GammaGamma.fit", btyd.GammaGamma)):
        times[name], fits[name] = _best_of(lambda cls=cls: cls().fit(usable), repeats)
    times["customer_lifetime_value"], _ = _best_of(
        lambda: btyd.customer_lifetime_value(fits["BetaGeo.fit"], fits["GammaGamma.fit"], usable,
                                             periods=36, margin=0.3), repeats)
    return times


def scaling() -> pd.DataFrame:
    """Seconds of each step on CDNOW master x1 and x10, and their ratio."""
    master = load_cdnow("master")
    columns = {}
    for times in (1, 10):
        log = _replicated(master, times)
        columns[f"x{times}_s"] = _scaling_times(log, SCALING_REPEATS[times])
    table = pd.DataFrame(columns)
    table["ratio_x10_x1"] = table["x10_s"] / table["x1_s"]
    table.index.name = "step"
    return table


def main() -> pd.DataFrame | None:
    with threadpool_limits(limits=1, user_api="blas"):
        try:
            _lifetimes_fitters()
        except ImportError as err:
            print(f"lifetimes is not installed ({err}); install the benchmark extra with "
                  "pip install -e '.[bench]' for the comparison. Scaling only:\n")
            table = None
        else:
            table = _comparison()
        growth = scaling()
    with pd.option_context("display.float_format", "{:.4g}".format):
        print("scaling, CDNOW master x1 (23,570 customers) and x10 (235,700 customers):")
        print(growth.to_string())
    ok = growth["ratio_x10_x1"] <= 12
    print(f"\ngoal (x10 / x1 at most about 10, linear or better): {int(ok.sum())} of "
          f"{len(growth)} steps meet it")
    return table


def _comparison() -> pd.DataFrame:
    rows = _compare("sample") + _compare("master")
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 200, "display.max_columns", 20,
                           "display.float_format", "{:.6g}".format):
        print(table[["data", "model", "helpers_s", "lifetimes_s", "speed_ratio", "helpers_LL",
                     "lifetimes_LL", "LL_diff", "LL_rel_diff"]].to_string(index=False))
        print()
        print(table[["data", "model", "helpers_params", "lifetimes_params"]]
              .to_string(index=False))
    ok = (table["speed_ratio"] >= 5) & (table["LL_rel_diff"] > -1e-6)
    print(f"\ngoal (>= 5x faster, log-likelihood not lower by more than 1e-6 relative): "
          f"{int(ok.sum())} of {len(table)} fits meet it\n")
    return table


if __name__ == "__main__":
    main()
