"""Probabilistic customer-base models, "buy till you die" (chapter 10, beyond the lectures).

In a *non-contractual* setting (a shop, a web store, a music retailer) nobody cancels: a
customer simply stops buying, and the firm never sees the moment of leaving. The models here
describe each customer by two hidden processes and estimate how these vary across customers:

* while alive, a customer buys at a Poisson rate ``lambda``; the rates vary across customers as
  a gamma distribution with shape ``r`` and rate ``alpha`` (the NBD part);
* the customer "dies" (drops out) at some point: **BG/NBD** (:class:`BetaGeo`) lets the customer
  drop out right after a purchase with probability ``p`` (beta(``a``, ``b``) across customers);
  **Pareto/NBD** (:class:`ParetoNBD`) gives the customer an exponential lifetime with rate ``mu``
  (gamma(``s``, ``beta``) across customers);
* **Gamma-Gamma** (:class:`GammaGamma`) models the average spend per transaction, independent of
  the purchase counts.

All three need only a per-customer summary (``rfm_summary``): ``frequency`` x (repeat
purchases), ``recency`` t_x (first to last purchase), ``T`` (first purchase to the end of the
calibration period), ``monetary_value`` (mean value of the repeat purchases); one row per
customer, x whole, 0 <= t_x <= T <= :data:`MAX_HORIZON`, and x > 0 exactly when t_x > 0.

Models follow ``Model().fit(summary)`` (:class:`helpers.model.Model`): maximum-likelihood
estimates in ``params_``, the log-likelihood in ``log_likelihood_``, maximised over the
log-parameters with scipy's Newton-CG and analytic derivatives (BG/NBD, Gamma-Gamma) or L-BFGS-B
(Pareto/NBD). With fewer than :data:`MIN_BUYERS_PER_PARAMETER` repeat buyers per parameter, an
optimiser that does not converge, an estimate running off towards 0 or infinity
(:data:`RUNAWAY`) or a flat log-likelihood at the estimate (:data:`FLAT`), ``fit`` warns with a
:class:`FitWarning` and sets ``converged_ = False``.

The summary itself, the model checks against the data (P(alive) tables included) and the
simulators are in :mod:`helpers.btyd_data` and reachable here too (``btyd.rfm_summary``, ...).
``benchmarks/btyd.py`` compares speed and log-likelihood with the lifetimes package.

Sources
-------
* Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005a). "Counting your customers" the easy way:
  an alternative to the Pareto/NBD model. *Marketing Science* 24(2), 275-284 (BG/NBD).
* Schmittlein, D. C., Morrison, D. G. & Colombo, R. (1987). Counting your customers: who are
  they and what will they do next? *Management Science* 33(1), 1-24 (Pareto/NBD).
* Fader, P. S. & Hardie, B. G. S. (2005). A note on deriving the Pareto/NBD model and related
  expressions. brucehardie.com/notes/009 (likelihood, P(alive), conditional expectation).
* Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005b). RFM and CLV: using iso-value curves for
  customer base analysis. *Journal of Marketing Research* 42(4), 415-430 (Gamma-Gamma spend).
* Fader, P. S. & Hardie, B. G. S. (2013). The Gamma-Gamma model of monetary value.
  brucehardie.com/notes/025.
* Fader, P. S. & Hardie, B. G. S. (2013). Overcoming the BG/NBD model's #NUM! error problem.
  brucehardie.com/notes/027 (stable conditional expectation).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import optimize, special

from .model import FitWarning, Model
from .validation import (
    MAX_CELLS,
    MAX_PERIODS,
    as_numbers,
    check_cells,
    check_int,
    check_number,
    check_rate,
    numeric_column,
    refuse_rows,
    require_frame,
    require_unique_index,
)

# defined in helpers.btyd_data, loaded here on first use
_DATA = ("rfm_summary", "frequency_histogram", "holdout_by_frequency", "cumulative_tracking",
         "p_alive_matrix", "p_alive_history", "customer_holdout", "spend_frequency_correlation",
         "CORRELATION_STRENGTHS", "simulate_bgnbd", "simulate_pareto_nbd")

__all__ = [
    "TIME_UNITS", "MONTH_IN_WEEKS", "MAX_HORIZON", "MIN_BUYERS_PER_PARAMETER", "FitWarning",
    "RUNAWAY", "FLAT", "BetaGeo", "ParetoNBD", "GammaGamma", "customer_lifetime_value", *_DATA,
]

TIME_UNITS: dict[str, float] = {"D": 1.0, "W": 7.0, "M": 365.25 / 12, "Y": 365.25}
"""Time units of ``rfm_summary`` in days: day, week, month (average), year."""

MONTH_IN_WEEKS: float = TIME_UNITS["M"] / TIME_UNITS["W"]
"""An average month in weeks, 365.25 / 12 / 7 = 4.348: the default period of
:func:`customer_lifetime_value` for a model fitted in weeks (the unit of the CDNOW papers)."""

MAX_HORIZON: float = 1e6
"""Longest time (T, t_x) and forecast horizon, in the summary's time unit: a million days is
2,700 years, so no real horizon is refused; far beyond it the forecasts overflow."""

MIN_BUYERS_PER_PARAMETER: int = 10
"""Fewest customers with repeat purchases per estimated parameter (40 for BG/NBD and
Pareto/NBD, 30 for Gamma-Gamma) for a fit to count as converged: the rule of thumb of ten
events per parameter (Peduzzi, P. et al. 1996, *Journal of Clinical Epidemiology* 49(12),
1373-1379). With fewer, the optimiser may stop at a maximum that the data do not pin down."""

RUNAWAY = 1e4
"""An estimate this many times larger (or smaller) than its starting value has run to a bound."""

FLAT = 1e-6
"""Smallest curvature of the mean log-likelihood in the log-parameters (the least eigenvalue of
its negative Hessian) that counts as an identified maximum."""

SUMMARY_COLUMNS = ("frequency", "recency", "T")
_COUNTS = ("frequency", "frequency_holdout")
_TIMES = ("recency", "T", "duration_holdout")


# =============================================================================================
# input checks
# =============================================================================================

def _check_summary(summary: object, name: str = "summary",
                   columns: Sequence[str] = SUMMARY_COLUMNS) -> pd.DataFrame:
    """A customer summary checked: a DataFrame with one row per customer and ``columns``, each
    numeric, finite and not negative, counts whole, times at most :data:`MAX_HORIZON`; and
    the rules of a summary: t_x <= T, and x > 0 exactly when t_x > 0 (a repeat purchase comes
    after the first one)."""
    frame = require_frame(summary, name, columns)
    require_unique_index(frame, name)
    frame = pd.DataFrame({c: numeric_column(frame, c, name, low=0, integer=c in _COUNTS)
                          for c in columns}, index=frame.index)
    for c in (c for c in _TIMES if c in frame):
        refuse_rows(frame, frame[c] > MAX_HORIZON, name,
                f"{c} must be at most MAX_HORIZON = {MAX_HORIZON:g} time units")
    if "recency" in frame:
        x, t_x = frame["frequency"], frame["recency"]
        refuse_rows(frame, t_x > frame["T"], name, "recency must not exceed T")
        refuse_rows(frame, (x > 0) & (t_x == 0), name,
                "a customer with frequency > 0 needs recency > 0")
        refuse_rows(frame, (x == 0) & (t_x > 0), name,
                "a customer with frequency 0 must have recency 0")
    return frame


def _times(t: object, name: str = "t", *, positive: bool = False) -> np.ndarray:
    """One time or several (a list, array or Series), finite, not negative (positive if
    asked) and at most :data:`MAX_HORIZON`, as a float array."""
    return as_numbers(t, name, low=0, low_open=positive, high=MAX_HORIZON)[0]


def _horizons(t: object, n: int) -> np.ndarray | float:
    """The horizon of ``predict``: one for every customer or one per customer (``n``)."""
    arr, one = as_numbers(t, "t", low=0, high=MAX_HORIZON)
    if one:
        return float(arr[0])
    if arr.size != n:
        raise ValueError(f"t must be one horizon or one per customer ({n}), got {arr.size} "
                         "values")
    return arr


def _one_time(t: object, name: str = "t") -> float:
    """A single time (a number), not silently the first of several."""
    arr, one = as_numbers(t, name, low=0, high=MAX_HORIZON)
    if not one:
        raise TypeError(f"{name} must be one number here, got {arr.size} values")
    return float(arr[0])


def _counts(n: object, name: str = "n") -> np.ndarray:
    """Purchase counts: whole numbers from 0 to ``validation.MAX_CELLS``, as an int array."""
    return as_numbers(n, name, low=0, high=MAX_CELLS, integer=True)[0].astype(np.int64)


def _purchase_model(model: object, name: str = "model") -> BetaGeo | ParetoNBD:
    """A fitted BG/NBD or Pareto/NBD model."""
    if not isinstance(model, (BetaGeo, ParetoNBD)):
        raise TypeError(f"{name} must be a fitted BetaGeo or ParetoNBD, got "
                        f"{type(model).__name__}")
    model._require_fitted()
    return model


# =============================================================================================
# fitting machinery
# =============================================================================================

def _compress(frame: pd.DataFrame, columns: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Unique rows of ``frame[columns]`` and how many customers share each (by lexsort)."""
    values = frame[list(columns)].to_numpy(float)
    order = np.lexsort(values.T[::-1])
    ordered = values[order]
    new_row = np.ones(len(ordered), dtype=bool)
    new_row[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    starts = np.flatnonzero(new_row)
    counts = np.diff(np.append(starts, len(ordered))).astype(float)
    return ordered[starts], counts


def _finite_or_inf(value: float) -> float:
    """A trial point where the log-likelihood under- or overflows counts as infinitely bad."""
    return float(value) if np.isfinite(value) else np.inf


def _newton_cg(fun, start: np.ndarray) -> optimize.OptimizeResult:
    """Minimise ``fun`` (a negative mean log-likelihood in the log-parameters: ``fun(theta, 2)``
    returns its value, analytic gradient and Hessian, computed together once per point) with
    scipy's Newton-CG method; numerical warnings of trial points are silenced (such a point
    counts as infinitely bad). ``result.hess`` is the Hessian at the estimate."""
    last: dict[bytes, tuple] = {}

    def at(theta: np.ndarray) -> tuple:
        key = theta.tobytes()
        if key not in last:
            last.clear()
            f, g, h = fun(theta, 2)
            last[key] = (_finite_or_inf(f), g, h)
        return last[key]

    with np.errstate(all="ignore"):
        result = optimize.minimize(lambda th: at(th)[0], start, method="Newton-CG",
                                   jac=lambda th: at(th)[1], hess=lambda th: at(th)[2],
                                   options={"xtol": 1e-10, "maxiter": 200})
        _, result.jac, result.hess = at(result.x)
    return result


def _lbfgs_numeric(neg_ll, start: np.ndarray) -> optimize.OptimizeResult:
    """Minimise ``neg_ll(theta)`` (a negative mean log-likelihood in the log-parameters) with
    scipy's L-BFGS-B and a forward-difference gradient, tight tolerances; numerical warnings
    of trial points are silenced (such a point counts as infinitely bad). ``result.hess`` is
    a central-difference Hessian at the estimate."""
    h = 1e-7
    steps = np.eye(start.size) * h

    def value_and_gradient(theta: np.ndarray) -> tuple[float, np.ndarray]:
        value = _finite_or_inf(neg_ll(theta))
        if not np.isfinite(value):
            return value, np.zeros_like(theta)
        grad = np.array([_finite_or_inf(neg_ll(theta + e)) - value for e in steps]) / h
        return value, np.where(np.isfinite(grad), grad, 0.0)

    with np.errstate(all="ignore"):
        result = optimize.minimize(value_and_gradient, start, jac=True, method="L-BFGS-B",
                                   options={"maxiter": 5000, "ftol": 1e-15, "gtol": 1e-10})
        result.hess = _numeric_hessian(neg_ll, result.x)
    return result


def _numeric_hessian(fun, theta: np.ndarray, h: float = 1e-4) -> np.ndarray:
    k = theta.size
    hess = np.empty((k, k))
    eye = np.eye(k) * h
    for i in range(k):          # loop over the few parameters, not over customers
        for j in range(i, k):
            val = (fun(theta + eye[i] + eye[j]) - fun(theta + eye[i] - eye[j])
                   - fun(theta - eye[i] + eye[j]) + fun(theta - eye[i] - eye[j])) / (4 * h * h)
            hess[i, j] = hess[j, i] = val
    return hess


def _to_log_scale(params: np.ndarray, grad: np.ndarray, hess: np.ndarray):
    """Gradient and Hessian with respect to log-parameters (chain rule)."""
    return grad * params, hess * np.outer(params, params) + np.diag(grad * params)


class _Fitted(Model):
    """Shared parts of the three models: no options, maximum likelihood over the grouped
    customers (``_data`` rows weighted by ``_w``), estimates in ``params_``."""

    param_names: tuple[str, ...] = ()
    _fit_call = "summary"

    def __init__(self) -> None:
        """No options: every parameter is estimated from the summary."""

    def _params(self) -> np.ndarray:
        self._require_fitted()
        return self.params_.to_numpy(dtype=float)

    def _describe_fit(self) -> str:
        body = ", ".join(f"{k}={v:.4g}" for k, v in self.params_.items())
        if hasattr(self, "log_likelihood_"):
            body += f", LL={self.log_likelihood_:.2f}"
        return body + ("" if getattr(self, "converged_", True) else ", not converged")

    def _store(self, result: optimize.OptimizeResult, start: np.ndarray, total: float,
               n: int, buyers: int) -> list[str]:
        """Store the estimates; return why they should not be used (see the module docstring),
        if they should not."""
        if not np.isfinite(result.fun):
            raise ValueError(f"summary: the {type(self).__name__} log-likelihood is not finite "
                             "at any parameter tried; look for extreme values in the summary")
        params = np.exp(result.x)
        self.params_ = pd.Series(params, index=list(self.param_names), name="estimate")
        self.log_likelihood_ = float(-result.fun * total)
        self.n_customers_ = n
        problems = []
        need = MIN_BUYERS_PER_PARAMETER * len(self.param_names)
        if buyers < need:
            problems.append(f"only {buyers:,} customer(s) with repeat purchases, fewer than "
                            f"the {need} ({MIN_BUYERS_PER_PARAMETER} per parameter) that pin "
                            f"the parameters down: fit the model to more customers, or over "
                            f"a longer calibration period")
        if not result.success:
            problems.append(f"the optimiser stopped without converging ({result.message})")
        runaway = np.abs(result.x - start) > np.log(RUNAWAY)
        problems += [f"{name} ran off to {value:.3g} (it started at {first:.3g})"
                     for name, value, first, gone in zip(self.param_names, params,
                                                         np.exp(start), runaway) if gone]
        curvature = float(np.linalg.eigvalsh(np.asarray(result.hess, dtype=float)).min()) \
            if np.isfinite(result.hess).all() else np.nan
        if not runaway.any() and not curvature >= FLAT:
            problems.append(f"the log-likelihood is flat at the estimate (least curvature "
                            f"{curvature:.2g}): some combination of the parameters is not "
                            "identified")
        return problems

    def summary(self) -> pd.DataFrame:
        """Parameters with approximate standard errors (inverse numeric Hessian of the
        log-likelihood in the log-parameters, delta method back to the original scale)."""
        params = self._params()
        hess = _numeric_hessian(self._total_ll, np.log(params))
        cov = np.linalg.pinv(-hess)
        se = params * np.sqrt(np.clip(np.diag(cov), 0, None))
        return pd.DataFrame({"estimate": params, "std_error": se}, index=self.params_.index)


# =============================================================================================
# BG/NBD
# =============================================================================================

def _bgnbd_ll(theta: np.ndarray, x: np.ndarray, t_x: np.ndarray,
              big_t: np.ndarray) -> np.ndarray:
    """Per-customer BG/NBD log-likelihood (FHL 2005a, eq. 6):
    L = B(a, b+x)/B(a, b) G(r+x) alpha^r / (G(r) (alpha+T)^(r+x))
        + [x > 0] B(a+1, b+x-1)/B(a, b) G(r+x) alpha^r / (G(r) (alpha+t_x)^(r+x)),
    the two terms added in log space (logaddexp) so that nothing under- or overflows."""
    r, alpha, a, b = np.exp(theta)
    base = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
    l_ab = special.betaln(a, b)
    t1 = special.betaln(a, b + x) - l_ab - (r + x) * np.log(alpha + big_t)
    pos = x > 0
    t2 = np.where(pos, special.betaln(a + 1, np.where(pos, b + x - 1, 1.0)) - l_ab
                  - (r + x) * np.log(alpha + t_x), -np.inf)
    return base + np.logaddexp(t1, t2)


def _bgnbd_objective(x: np.ndarray, t_x: np.ndarray, big_t: np.ndarray, w: np.ndarray):
    """Negative mean BG/NBD log-likelihood with analytic gradient and Hessian (FHL 2005a,
    eq. 6). Terms that depend on x, t_x or T alone are computed once per distinct value."""
    ux, ix = np.unique(x, return_inverse=True)
    ut, it_ = np.unique(big_t, return_inverse=True)
    us, is_ = np.unique(t_x, return_inverse=True)
    pos_u = ux > 0
    pos = pos_u[ix]
    xb_u = np.where(pos_u, ux + 0.0, 1.0)  # x, with x = 0 mapped to a harmless value
    total = w.sum()
    dg, tg, gl, bl = special.digamma, special.polygamma, special.gammaln, special.betaln

    def fun(theta: np.ndarray, order: int = 2):
        r, alpha, a, b = np.exp(theta)
        l_ab = bl(a, b)
        lat_u, latx_u = np.log(alpha + ut), np.log(alpha + us)
        lat, latx = lat_u[it_], latx_u[is_]
        base = (gl(r + ux) - gl(r) + r * np.log(alpha))[ix]
        t1 = (bl(a, b + ux) - l_ab)[ix] - (r + x) * lat
        t2 = np.where(pos, (bl(a + 1, b + xb_u - 1) - l_ab)[ix] - (r + x) * latx, -np.inf)
        norm = np.logaddexp(t1, t2)
        f = -(w @ (base + norm)) / total
        if order == 0:
            return f
        w2 = np.exp(t2 - norm)
        w1 = 1.0 - w2
        d_ab = dg(a + b)
        d_abx_u = dg(a + b + ux)
        # first derivatives of A, t1, t2 per row
        a_r = (dg(r + ux) - dg(r))[ix] + np.log(alpha)
        t1_r, t2_r = -lat, np.where(pos, -latx, 0.0)
        inv_t, inv_tx = (1 / (alpha + ut))[it_], (1 / (alpha + us))[is_]
        t1_al, t2_al = -(r + x) * inv_t, np.where(pos, -(r + x) * inv_tx, 0.0)
        t1_a = (d_ab - d_abx_u)[ix]
        t2_a = np.where(pos, dg(a + 1) - dg(a) + t1_a, 0.0)
        t1_b = (dg(b + ux) - dg(b) + d_ab - d_abx_u)[ix]
        t2_b = np.where(pos, (dg(b + xb_u - 1) - dg(b) + d_ab - d_abx_u)[ix], 0.0)
        ww1, ww2 = w * w1, w * w2
        grad = np.array([
            w @ a_r + ww1 @ t1_r + ww2 @ t2_r,
            total * r / alpha + ww1 @ t1_al + ww2 @ t2_al,
            ww1 @ t1_a + ww2 @ t2_a,
            ww1 @ t1_b + ww2 @ t2_b,
        ])
        # second derivatives: sum of w [A'' + w1 t1'' + w2 t2''] + w w1 w2 (t1' - t2')(.)^T
        t_ab, t_abx_u = tg(1, a + b), tg(1, a + b + ux)
        hess = np.zeros((4, 4))
        hess[0, 0] = w @ (tg(1, r + ux) - tg(1, r))[ix]
        hess[0, 1] = total / alpha - ww1 @ inv_t - ww2 @ np.where(pos, inv_tx, 0.0)
        hess[1, 1] = -total * r / alpha**2 + ww1 @ ((r + x) * inv_t**2) + ww2 @ np.where(
            pos, (r + x) * inv_tx**2, 0.0)
        h1_aa = (t_ab - t_abx_u)[ix]
        hess[2, 2] = ww1 @ h1_aa + ww2 @ np.where(pos, tg(1, a + 1) - tg(1, a) + h1_aa, 0.0)
        hess[2, 3] = ww1 @ h1_aa + ww2 @ np.where(pos, h1_aa, 0.0)
        hess[3, 3] = (ww1 @ (tg(1, b + ux) - tg(1, b) + t_ab - t_abx_u)[ix]
                      + ww2 @ np.where(pos, (tg(1, b + xb_u - 1) - tg(1, b) + t_ab
                                             - t_abx_u)[ix], 0.0))
        diff = np.stack([t1_r - t2_r, t1_al - t2_al, t1_a - t2_a, t1_b - t2_b])
        hess = np.triu(hess) + np.triu(hess, 1).T + (diff * (ww1 * w2)) @ diff.T
        params = np.array([r, alpha, a, b])
        g_log, h_log = _to_log_scale(params, grad, hess)
        return f, -g_log / total, -h_log / total

    return fun


class _PurchaseModel(_Fitted):
    """What BG/NBD and Pareto/NBD share: the fit's set-up and the checked public methods
    around each model's formulas (``_ll``, ``_p_alive``, ``_conditional``)."""

    def _total_ll(self, theta: np.ndarray) -> float:
        return float(self._w @ self._ll(theta, *self._data.T))

    def _prepare(self, summary: object) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
        """The checked summary grouped by (x, t_x, T); without a repeat purchase the purchase
        and drop-out processes cannot be told apart and the likelihood has no maximum."""
        frame = _check_summary(summary)
        if not (frame["frequency"] > 0).any():
            raise ValueError(f"summary: every one of the {len(frame):,} customers has "
                             "frequency 0 (no repeat purchase): a purchase model cannot be "
                             "estimated from first purchases alone")
        self._data, self._w = _compress(frame, SUMMARY_COLUMNS)
        x, t_x, big_t = self._data.T
        self._sizes = len(frame), int((frame["frequency"] > 0).sum())
        return x, t_x, big_t, max(float(np.mean(big_t)), 1e-3)

    def _finish(self, result: optimize.OptimizeResult, start: np.ndarray) -> None:
        n, buyers = self._sizes
        problems = self._store(result, start, self._w.sum(), n, buyers)
        self._converged(problems, f"fitted to {n:,} customers")

    def log_likelihood(self, summary: pd.DataFrame) -> pd.Series:
        """Each customer's log-likelihood under the fitted parameters."""
        theta = np.log(self._params())
        frame = _check_summary(summary)
        ll = self._ll(theta, *frame.to_numpy().T)
        return pd.Series(ll, index=frame.index, name="log_likelihood")

    def probability_alive(self, summary: pd.DataFrame) -> pd.Series:
        """P(alive | x, t_x, T): the probability that each customer has not dropped out by
        the end of the calibration period (BG/NBD: FHL 2005a, 1 / (1 + [x>0] a/(b+x-1)
        ((alpha+T)/(alpha+t_x))^(r+x)); Pareto/NBD: Fader & Hardie note 009, eq. 18)."""
        self._require_fitted()
        frame = _check_summary(summary)
        return pd.Series(self._p_alive(*frame.to_numpy().T), index=frame.index,
                         name="p_alive")

    def predict(self, t: float | Sequence[float], summary: pd.DataFrame) -> pd.Series:
        """Conditional expected purchases of each customer in (T, T+t], given the history
        (x, t_x, T) (BG/NBD: FHL 2005a, eq. 10, in the stable form of note 027; Pareto/NBD:
        note 009, eq. 25); ``t``: one horizon for all, or one per customer."""
        self._require_fitted()
        frame = _check_summary(summary)
        t = _horizons(t, len(frame))
        return pd.Series(self._conditional(t, *frame.to_numpy().T), index=frame.index,
                         name="expected_purchases")

    conditional_expected_purchases = predict

    def expected_purchases(self, t: object) -> pd.Series:
        """E[X(t)]: expected repeat purchases of a new customer in its first t time units
        (BG/NBD: FHL 2005a, eq. 7; Pareto/NBD: note 009, eq. 17)."""
        self._require_fitted()
        t = _times(t)
        return pd.Series(self._unconditional(t), index=pd.Index(t, name="t"),
                         name="expected_purchases")


class BetaGeo(_PurchaseModel):
    """BG/NBD model (Fader, Hardie & Lee 2005a): Poisson purchases at rate lambda ~
    gamma(r, alpha); after each purchase the customer drops out with probability p ~
    beta(a, b). ``fit(summary)`` needs columns ``frequency, recency, T``.

    >>> from helpers import btyd
    >>> truth = {"r": 0.25, "alpha": 4.0, "a": 0.8, "b": 2.5}
    >>> customers = btyd.simulate_bgnbd(truth, np.full(3000, 39.0), seed=1)
    >>> model = BetaGeo().fit(customers)
    >>> model.params_.round(2).to_dict()  # planted: r 0.25, alpha 4, a 0.8, b 2.5
    {'r': 0.25, 'alpha': 3.98, 'a': 0.83, 'b': 2.78}
    >>> one = pd.DataFrame({"frequency": [2], "recency": [30.4], "T": [38.9]})
    >>> model.probability_alive(one).round(2).tolist(), model.predict(39, one).round(2).tolist()
    ([0.74], [1.26])
    """

    param_names = ("r", "alpha", "a", "b")
    _ll = staticmethod(_bgnbd_ll)

    def fit(self, summary: pd.DataFrame) -> BetaGeo:
        """Maximum likelihood (FHL 2005a, eq. 6) over customers grouped by (x, t_x, T), with
        scipy's Newton-CG and the analytic gradient and Hessian. Warns (:class:`FitWarning`)
        if the estimates are not usable."""
        x, t_x, big_t, scale = self._prepare(summary)
        start = np.log([0.5, scale / 4, 1.0, 1.0])
        self._finish(_newton_cg(_bgnbd_objective(x, t_x, big_t, self._w), start), start)
        return self

    def _unconditional(self, t: np.ndarray) -> np.ndarray:
        """E[X(t)] = (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))]
        (FHL 2005a, eq. 7); Euler's transformation keeps the hypergeometric term bounded:
        (1-z)^r 2F1(r, b; c; z) = (1-z)^(a-1) 2F1(c-r, a-1; c; z), c = a+b-1."""
        r, alpha, a, b = self._params()
        z = t / (alpha + t)
        c = a + b - 1
        return c / (a - 1) * (1 - (1 - z) ** (a - 1) * special.hyp2f1(c - r, a - 1, c, z))

    def _p_alive(self, x: np.ndarray, t_x: np.ndarray, big_t: np.ndarray) -> np.ndarray:
        """P(alive) = 1 / (1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)) (FHL 2005a;
        Fader & Hardie 2008 note 'Computing P(alive) using the BG/NBD model')."""
        r, alpha, a, b = self._params()
        pos = x > 0
        log_odds = np.where(pos, np.log(a) - np.log(np.where(pos, b + x - 1, 1.0))
                            + (r + x) * (np.log(alpha + big_t) - np.log(alpha + t_x)), -np.inf)
        return special.expit(-log_odds)

    def _conditional(self, t: np.ndarray | float, x: np.ndarray, t_x: np.ndarray,
                     big_t: np.ndarray) -> np.ndarray:
        """E[Y(t) | x, t_x, T] (FHL 2005a, eq. 10) in the stable form of Fader & Hardie (2013,
        note 027): (a+b+x-1)/(a-1) [1 - (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z)] P(alive)
        with z = t/(alpha+T+t) (the (1+...) denominator of eq. 10 is 1/P(alive) when x > 0,
        and 1 when x = 0, where P(alive) = 1). ``t`` broadcasts against the customers."""
        r, alpha, a, b = self._params()
        z = t / (alpha + big_t + t)
        c = a + b + x - 1
        hyp = (1 - z) ** (a - 1) * special.hyp2f1(a + b - 1 - r, a - 1, c, z)
        return c / (a - 1) * (1 - hyp) * self._p_alive(x, t_x, big_t)

    def probability_of_purchases(self, t: float, n: object) -> pd.Series:
        """P(X(t) = n) for a new customer (FHL 2005a, eq. 8), for the counts ``n`` (whole
        numbers up to ``validation.MAX_CELLS``)."""
        r, alpha, a, b = self._params()
        t, n = _one_time(t), _counts(n)
        l_ab = special.betaln(a, b)
        j = np.arange(int(n.max()) + 1)
        log_nb = (special.gammaln(r + j) - special.gammaln(r) - special.gammaln(j + 1)
                  + r * np.log(alpha / (alpha + t)) + special.xlogy(j, t / (alpha + t)))
        first = np.exp(special.betaln(a, b + n) - l_ab + log_nb[n])
        nb_j = np.exp(log_nb)
        # second term: B(a+1, b+n-1)/B(a,b) [1 - (alpha/(alpha+t))^r sum_{j<n} NB(j)]
        cum = np.concatenate([[0.0], np.cumsum(nb_j)])[n]
        pos = n > 0
        second = np.where(pos, np.exp(special.betaln(a + 1, np.where(pos, b + n - 1, 1.0))
                                      - l_ab) * (1 - cum), 0.0)
        return pd.Series(first + second, index=pd.Index(n, name="n"), name="probability")


# =============================================================================================
# Pareto/NBD
# =============================================================================================

def _pnbd_log_tail(r: float, alpha: float, s: float, beta: float, x: np.ndarray,
                   t: np.ndarray) -> np.ndarray:
    """log G(t), G(t) = integral_t^inf (alpha+u)^-(r+x) (beta+u)^-(s+1) du.

    G(t) = 2F1(r+s+x, s+1; r+s+x+1; (alpha-beta)/(alpha+t)) / ((r+s+x)(alpha+t)^(r+s+x))
    when alpha >= beta, and the mirrored form with (beta-alpha)/(beta+t) otherwise (Fader &
    Hardie 2005 note 009, eq. 22-23). Euler's transformation turns both into hypergeometric
    terms with first parameter 1 and argument in [0, 1), which stay bounded:
      alpha >= beta: G = (alpha+t)^-(r+x) (beta+t)^-s 2F1(1, r+x; r+s+x+1; z) / (r+s+x)
      alpha <  beta: G = (alpha+t)^(1-r-x) (beta+t)^-(s+1) 2F1(1, s+1; r+s+x+1; w) / (r+s+x)
    """
    c = r + s + x + 1
    if alpha >= beta:
        z = (alpha - beta) / (alpha + t)
        return (-(r + x) * np.log(alpha + t) - s * np.log(beta + t)
                + np.log(special.hyp2f1(1.0, r + x, c, z)) - np.log(r + s + x))
    w = (beta - alpha) / (beta + t)
    return ((1 - r - x) * np.log(alpha + t) - (s + 1) * np.log(beta + t)
            + np.log(special.hyp2f1(1.0, s + 1, c, w)) - np.log(r + s + x))


def _pnbd_parts(theta: np.ndarray, x: np.ndarray, t_x: np.ndarray, big_t: np.ndarray):
    """log of the 'alive at T' term and of the 'died in (t_x, T]' term of the likelihood."""
    r, alpha, s, beta = np.exp(theta)
    base = (special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
            + s * np.log(beta))
    alive = -(r + x) * np.log(alpha + big_t) - s * np.log(beta + big_t)
    g_tx = _pnbd_log_tail(r, alpha, s, beta, x, t_x)
    g_t = _pnbd_log_tail(r, alpha, s, beta, x, big_t)
    with np.errstate(divide="ignore"):
        died = np.log(s) + g_tx + np.log1p(-np.exp(np.minimum(g_t - g_tx, 0.0)))
    return base, alive, died


def _pnbd_ll(theta: np.ndarray, x: np.ndarray, t_x: np.ndarray,
             big_t: np.ndarray) -> np.ndarray:
    """Per-customer Pareto/NBD log-likelihood (Fader & Hardie 2005 note 009, eq. 22-23)."""
    base, alive, died = _pnbd_parts(theta, x, t_x, big_t)
    return base + np.logaddexp(alive, died)


def _one_minus_pow_over(log_u: np.ndarray, k: float) -> np.ndarray:
    """(1 - u^k) / k, with its limit -log u at k = 0."""
    if abs(k) < 1e-10:
        return -log_u
    return -np.expm1(k * log_u) / k


class ParetoNBD(_PurchaseModel):
    """Pareto/NBD model (Schmittlein, Morrison & Colombo 1987): Poisson purchases at rate
    lambda ~ gamma(r, alpha) while alive, exponential lifetime with rate mu ~ gamma(s, beta).
    ``fit(summary)`` needs columns ``frequency, recency, T``.

    >>> from helpers import btyd
    >>> truth = {"r": 0.55, "alpha": 10.5, "s": 0.6, "beta": 11.7}
    >>> model = ParetoNBD().fit(btyd.simulate_pareto_nbd(truth, np.full(3000, 39.0), seed=1))
    >>> model.params_.round(2).to_dict()
    {'r': 0.55, 'alpha': 10.04, 's': 0.45, 'beta': 6.7}
    >>> one = pd.DataFrame({"frequency": [2], "recency": [30.4], "T": [38.9]})
    >>> model.probability_alive(one).round(2).tolist(), model.predict(39, one).round(2).tolist()
    ([0.89], [1.55])
    """

    param_names = ("r", "alpha", "s", "beta")
    _ll = staticmethod(_pnbd_ll)

    def fit(self, summary: pd.DataFrame) -> ParetoNBD:
        """Maximum likelihood over customers grouped by (x, t_x, T), with scipy's L-BFGS-B
        and a forward-difference gradient in the four log-parameters (the hypergeometric
        terms have no handy parameter derivatives). Warns (:class:`FitWarning`) if the
        estimates are not usable."""
        x, t_x, big_t, scale = self._prepare(summary)
        start = np.log([0.5, scale / 4, 0.5, scale / 4])
        total = self._w.sum()
        result = _lbfgs_numeric(lambda th: -(self._w @ _pnbd_ll(th, x, t_x, big_t)) / total,
                                start)
        self._finish(result, start)
        return self

    def _unconditional(self, t: np.ndarray) -> np.ndarray:
        """E[X(t)] = r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)] (Schmittlein et al.
        1987; Fader & Hardie 2005 note 009, eq. 17)."""
        r, alpha, s, beta = self._params()
        return r * beta / alpha * _one_minus_pow_over(np.log(beta / (beta + t)), s - 1)

    def _p_alive(self, x: np.ndarray, t_x: np.ndarray, big_t: np.ndarray) -> np.ndarray:
        """P(alive): the 'alive at T' share of the likelihood (note 009, eq. 18)."""
        _, alive, died = _pnbd_parts(np.log(self._params()), x, t_x, big_t)
        return np.exp(alive - np.logaddexp(alive, died))

    def _conditional(self, t: np.ndarray | float, x: np.ndarray, t_x: np.ndarray,
                     big_t: np.ndarray) -> np.ndarray:
        """E[Y(t) | x, t_x, T] (note 009, eq. 25): P(alive) (r+x)(beta+T) / ((alpha+T)(s-1))
        [1 - ((beta+T)/(beta+T+t))^(s-1)]. ``t`` broadcasts against the customers."""
        r, alpha, s, beta = self._params()
        rate = (r + x) * (beta + big_t) / (alpha + big_t)
        return self._p_alive(x, t_x, big_t) * rate * _one_minus_pow_over(
            np.log((beta + big_t) / (beta + big_t + t)), s - 1)

    def probability_of_purchases(self, t: float, n: object, nodes: int = 64) -> pd.Series:
        """P(X(t) = n) for a new customer, as alive-at-t NBD plus the NBD up to a death time
        tau (Pareto II density), the integral over tau by Gauss-Legendre quadrature with
        ``nodes`` nodes (at most 1,000):
        P = NBD(n; t) (beta/(beta+t))^s + int_0^t s/beta (beta/(beta+tau))^(s+1) NBD(n; tau).
        """
        r, alpha, s, beta = self._params()
        t, n = _one_time(t), _counts(n)
        nodes = check_int(nodes, "nodes", 1, 1000)
        check_cells(len(n), nodes, "n (counts x nodes)")

        def nbd(k, u):
            with np.errstate(divide="ignore"):
                return np.exp(special.gammaln(r + k) - special.gammaln(r)
                              - special.gammaln(k + 1) + r * np.log(alpha / (alpha + u))
                              + special.xlogy(k, u / (alpha + u)))

        node, weight = np.polynomial.legendre.leggauss(nodes)
        tau = (node + 1) * t / 2
        dens = s / beta * (beta / (beta + tau)) ** (s + 1) * weight * t / 2
        died = nbd(n[:, None], tau[None, :]) @ dens
        out = nbd(n, t) * (beta / (beta + t)) ** s + died
        return pd.Series(out, index=pd.Index(n, name="n"), name="probability")


# =============================================================================================
# Gamma-Gamma
# =============================================================================================

def _gg_ll(theta: np.ndarray, x: np.ndarray, m: np.ndarray) -> np.ndarray:
    """Per-customer Gamma-Gamma log-likelihood of the mean spend m over x transactions
    (Fader & Hardie 2013, note 025, eq. 4):
    L = G(p x + q) / (G(p x) G(q)) gamma^q m^(p x - 1) x^(p x) / (gamma + m x)^(p x + q)."""
    p, q, g = np.exp(theta)
    px = p * x
    return (special.gammaln(px + q) - special.gammaln(px) - special.gammaln(q) + q * np.log(g)
            + (px - 1) * np.log(m) + px * np.log(x) - (px + q) * np.log(g + m * x))


def _gg_objective(x: np.ndarray, m: np.ndarray):
    """Negative mean Gamma-Gamma log-likelihood (note 025, eq. 4) with analytic gradient and
    Hessian; the gamma functions of p x are computed once per distinct x."""
    ux, ix = np.unique(x, return_inverse=True)
    n = float(len(x))
    log_m, log_x, xm = np.log(m), np.log(x), x * m
    const = (-log_m).sum()
    lmx = log_m + log_x
    gl, dg, tg = special.gammaln, special.digamma, special.polygamma

    def fun(theta: np.ndarray, order: int = 2):
        p, q, g = np.exp(theta)
        pux = p * ux
        log_gm = np.log(g + xm)
        px = p * x
        ll = ((gl(pux + q) - gl(pux))[ix].sum() - n * gl(q) + n * q * np.log(g) + const
              + px @ lmx - (px + q) @ log_gm)
        if order == 0:
            return -ll / n
        d_pq = dg(pux + q)[ix]
        inv = 1 / (g + xm)
        grad = np.array([x @ (d_pq - dg(pux)[ix] + lmx - log_gm),
                         d_pq.sum() - n * dg(q) + n * np.log(g) - log_gm.sum(),
                         n * q / g - (px + q) @ inv])
        t_pq = tg(1, pux + q)[ix]
        h_pp = (x * x) @ (t_pq - tg(1, pux)[ix])
        h_pq = x @ t_pq
        h_pg = -(x @ inv)
        h_qq = t_pq.sum() - n * tg(1, q)
        h_qg = n / g - inv.sum()
        h_gg = -n * q / g**2 + (px + q) @ (inv * inv)
        hess = np.array([[h_pp, h_pq, h_pg], [h_pq, h_qq, h_qg], [h_pg, h_qg, h_gg]])
        g_log, h_log = _to_log_scale(np.array([p, q, g]), grad, hess)
        return -ll / n, -g_log / n, -h_log / n

    return fun


class GammaGamma(_Fitted):
    """Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005b; Fader & Hardie
    2013): a customer's transaction values are gamma(p, nu), nu ~ gamma(q, gamma) across
    customers. ``fit(summary)`` uses the customers with ``frequency`` > 0 and their
    ``monetary_value`` (mean value of the repeat purchases).

    >>> spend = pd.DataFrame({"frequency": np.tile([1, 2, 3, 5], 25),
    ...                       "monetary_value": np.linspace(10.0, 60.0, 100)})
    >>> model = GammaGamma().fit(spend)
    >>> model.params_.round(2).to_dict()
    {'p': 3.36, 'q': 10.53, 'gamma': 100.48}
    >>> model.predict(pd.DataFrame({"frequency": [0, 4], "monetary_value": [0.0, 50.0]}))
    0    35.41
    1    43.95
    Name: expected_spend, dtype: float64
    """

    param_names = ("p", "q", "gamma")

    def _total_ll(self, theta: np.ndarray) -> float:
        return float(self._w @ _gg_ll(theta, *self._data.T))

    @staticmethod
    def _spend(summary: object) -> pd.DataFrame:
        """Checked ``frequency`` and ``monetary_value``: a repeat buyer must have a positive
        mean spend (the model's transaction values are gamma distributed)."""
        frame = _check_summary(summary, columns=("frequency", "monetary_value"))
        refuse_rows(frame, (frame["frequency"] > 0) & (frame["monetary_value"] <= 0), "summary",
                "monetary_value must be positive for customers with frequency > 0 (the "
                "model's spend per transaction is positive): leave them out or give them "
                "their spend")
        return frame

    @classmethod
    def _repeaters(cls, summary: object) -> pd.DataFrame:
        frame = cls._spend(summary)
        rep = frame[frame["frequency"] > 0]
        if rep.empty:
            raise ValueError("summary has no customer with frequency > 0: the Gamma-Gamma "
                             "model needs repeat buyers")
        return rep

    def fit(self, summary: pd.DataFrame) -> GammaGamma:
        """Maximum likelihood over the repeat buyers (the others carry no spend information),
        with scipy's Newton-CG and the analytic gradient and Hessian; warns
        (:class:`FitWarning`) if the estimates are not usable."""
        rep = self._repeaters(summary)
        self._data = rep[["frequency", "monetary_value"]].to_numpy(float)
        self._w = np.ones(len(rep))
        x, m = self._data.T
        start = np.log([1.0, 2.0, float(np.mean(m))])
        problems = self._store(_newton_cg(_gg_objective(x, m), start), start, float(len(x)),
                               len(rep), len(rep))
        self._converged(problems, f"fitted to {len(rep):,} customers")
        return self

    def population_mean(self) -> float:
        """Mean spend per transaction across customers, E[M] = p gamma / (q - 1) (q > 1)."""
        p, q, g = self._params()
        if q <= 1:
            raise ValueError(f"the mean spend needs q > 1, the fit has q = {q:.3g}")
        return float(p * g / (q - 1))

    def predict(self, summary: pd.DataFrame) -> pd.Series:
        """Conditional expected spend per transaction (note 025, eq. 5):
        E[M | x, m] = (p (gamma + x m)) / (p x + q - 1), a weighted mean of the population
        mean p gamma/(q-1) and the customer's own mean m. For x = 0 it is the population
        mean. As in ``fit``, a repeat buyer needs a positive ``monetary_value``."""
        p, q, g = self._params()
        frame = self._spend(summary)
        self.population_mean()  # checks q > 1
        x, m = frame["frequency"].to_numpy(), frame["monetary_value"].to_numpy()
        return pd.Series(p * (g + x * m) / (p * x + q - 1), index=frame.index,
                         name="expected_spend")

    conditional_expected_spend = predict


# =============================================================================================
# residual CLV
# =============================================================================================

def customer_lifetime_value(purchase_model: BetaGeo | ParetoNBD, spend_model: GammaGamma,
                            summary: pd.DataFrame, *, periods: int = 12,
                            period_length: float = MONTH_IN_WEEKS, discount_rate: float = 0.01,
                            margin: float = 1.0) -> pd.DataFrame:
    """Discounted residual CLV per customer, summed over K discrete periods:

        CLV = margin x E[M | x, m] x sum_{k=1..K} (E[Y(k L)] - E[Y((k-1) L)]) / (1 + d)^k

    where E[Y(t)] are the conditional expected purchases of ``purchase_model`` in the next t
    time units, E[M | x, m] the Gamma-Gamma expected spend, L = ``period_length`` time units
    per period (default :data:`MONTH_IN_WEEKS`: a month, for a model fitted in weeks; for
    another unit pass ``TIME_UNITS["M"] / TIME_UNITS[unit]``), K = ``periods`` (at most
    ``validation.MAX_PERIODS``, with K L at most :data:`MAX_HORIZON`), d the ``discount_rate``
    per period and ``margin`` the share of the spend that is profit (both fractions: 1 % is
    0.01); each period's purchases are discounted at its end. Returns
    ``expected_purchases``, ``expected_spend`` and ``clv`` per customer.

    Source: the discrete, period-by-period approximation of the lifetimes package
    (Davidson-Pilon, C., ``GammaGammaFitter.customer_lifetime_value``, which counts a month as
    4.345 weeks) and the discrete CLV sum of Gupta, S. et al. (2006), "Modeling customer
    lifetime value", *Journal of Service Research* 9(2), 139-155. Fader, Hardie & Lee (2005b)
    discount continuously instead (DERT, an infinite horizon); over the same K periods, with
    the continuous rate ln(1 + d) / L, the discrete sum is lower by less than a factor 1 + d.

    >>> from helpers import btyd
    >>> customers = btyd.simulate_bgnbd({"r": 0.25, "alpha": 4.0, "a": 0.8, "b": 2.5},
    ...                                 np.full(3000, 39.0), seed=1)
    >>> customers["monetary_value"] = np.where(customers["frequency"] > 0,
    ...                                        20.0 + customers.index % 7 * 5, 0.0)
    >>> purchases, spend = BetaGeo().fit(customers), GammaGamma().fit(customers)
    >>> customer_lifetime_value(purchases, spend, customers, periods=12, margin=0.3).head(2)
                 expected_purchases  expected_spend    clv
    customer_id
    0                          1.73           21.77  10.64
    1                         10.24           25.22  73.10
    """
    purchase_model = _purchase_model(purchase_model, "purchase_model")
    if not isinstance(spend_model, GammaGamma):
        raise TypeError("spend_model must be a fitted GammaGamma, got "
                        f"{type(spend_model).__name__}")
    spend_model._require_fitted()
    periods = check_int(periods, "periods", 1, MAX_PERIODS)
    period_length = check_number(period_length, "period_length", low=0, low_open=True)
    if periods * period_length > MAX_HORIZON:
        raise ValueError(f"periods x period_length = {periods * period_length:,.6g} time units, "
                         f"longer than the longest horizon, MAX_HORIZON = {MAX_HORIZON:,.0f}")
    discount_rate = check_rate(discount_rate, "discount_rate")
    margin = check_rate(margin, "margin")
    frame = _check_summary(summary, columns=("frequency", "recency", "T", "monetary_value"))
    spend = spend_model.predict(frame).to_numpy()
    x, t_x, big_t = frame[list(SUMMARY_COLUMNS)].to_numpy().T
    grid = period_length * np.arange(1, periods + 1)[:, None]
    disc = (1 + discount_rate) ** -np.arange(1, periods + 1)
    discounted, total = np.empty(len(frame)), np.empty(len(frame))
    step = max(1, 2_000_000 // (periods + 1))  # customers per block of at most 2e6 cells
    for lo in range(0, len(frame), step):  # blocks of customers bound the memory
        part = slice(lo, lo + step)
        cum = np.column_stack([np.zeros(x[part].size), purchase_model._conditional(
            grid, x[part], t_x[part], big_t[part]).T])
        discounted[part] = np.diff(cum, axis=1) @ disc
        total[part] = cum[:, -1]
    return pd.DataFrame({"expected_purchases": total, "expected_spend": spend,
                         "clv": margin * spend * discounted}, index=frame.index)


# =============================================================================================
# the summary, the model checks and the simulators, reachable here too (helpers.btyd_data)
# =============================================================================================

def __getattr__(name: str) -> object:
    if name in _DATA:
        from . import btyd_data

        value = getattr(btyd_data, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_DATA))
