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

All three need only a per-customer summary of the transaction log, :func:`rfm_summary`:
``frequency`` x (repeat purchases, a day with purchases counted once), ``recency`` t_x (time
from the first to the last purchase), ``T`` (time from the first purchase to the end of the
calibration period) and ``monetary_value`` (mean value of the repeat purchases).

Models follow ``Model().fit(summary)``: the maximum-likelihood estimates are in ``params_``
and the log-likelihood on the original time scale in ``log_likelihood_``. Fitting groups the
customers that share (x, t_x, T) and weights their log-likelihood, and maximises it over the
log of the parameters with ``scipy.optimize.minimize``:

* BG/NBD and Gamma-Gamma: method ``"Newton-CG"`` with the analytic gradient and Hessian. Of
  scipy's second-order methods it was the fastest that converges reliably to the last digit
  on CDNOW (``"trust-exact"`` took about as long but reported a false failure, "a bad
  approximation caused failure to predict improvement", once the gradient was at rounding
  level); first-order L-BFGS-B needs about three times as many iterations.
* Pareto/NBD, whose hypergeometric terms have no handy parameter derivatives: ``"L-BFGS-B"``
  with a forward-difference gradient.

A fit is checked before it is trusted: if the optimiser does not converge, an estimate runs
off towards 0 or infinity, or the log-likelihood is flat at the estimate, ``fit`` warns with a
:class:`FitWarning` and sets ``converged_ = False``; a summary without any repeat purchase is
refused. ``benchmarks/btyd.py`` compares speed and log-likelihood with the lifetimes package
(the goal: at least 5x faster at the same log-likelihood).

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

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import optimize, special, stats

from .validation import as_timestamp, require_columns, require_frame, require_no_nan

__all__ = [
    "TIME_UNITS", "MONTH_IN_WEEKS", "FitWarning", "RUNAWAY", "FLAT", "rfm_summary", "BetaGeo",
    "ParetoNBD", "GammaGamma",
    "customer_lifetime_value", "frequency_histogram", "holdout_by_frequency",
    "cumulative_tracking", "p_alive_matrix", "p_alive_history", "customer_holdout",
    "spend_frequency_correlation", "simulate_bgnbd", "simulate_pareto_nbd",
]

TIME_UNITS: dict[str, float] = {"D": 1.0, "W": 7.0, "M": 365.25 / 12, "Y": 365.25}
"""Time units of :func:`rfm_summary` in days: day, week, month (average), year."""

MONTH_IN_WEEKS: float = TIME_UNITS["M"] / TIME_UNITS["W"]
"""An average month in weeks, 365.25 / 12 / 7 = 4.348: the default period of
:func:`customer_lifetime_value` for a model fitted in weeks (the unit of the CDNOW papers)."""

_SHOW = 5
SUMMARY_COLUMNS = ("frequency", "recency", "T")


# =============================================================================================
# input checks
# =============================================================================================

def _show(frame: pd.DataFrame | pd.Series, mask: np.ndarray) -> str:
    rows = frame[mask]
    more = f" (and {len(rows) - _SHOW} more)" if len(rows) > _SHOW else ""
    return f"\n{rows.head(_SHOW).to_string()}{more}"


def _check_summary(summary: object, name: str = "summary",
                   columns: Sequence[str] = SUMMARY_COLUMNS) -> pd.DataFrame:
    """Validate a customer summary: numeric, no NaN, x >= 0 whole, 0 <= t_x <= T, x > 0 iff
    t_x > 0 (a customer with repeat purchases has a positive recency)."""
    frame = require_frame(summary, name)
    require_columns(frame, columns, name)
    frame = frame[list(columns)]
    for col in columns:
        if not (pd.api.types.is_numeric_dtype(frame[col])
                and not pd.api.types.is_bool_dtype(frame[col])):
            raise TypeError(f"{name}[{col!r}] must be numeric, got dtype {frame[col].dtype}")
    require_no_nan(frame, name)
    frame = frame.astype(float)
    if not np.isfinite(frame.to_numpy()).all():
        bad = ~np.isfinite(frame.to_numpy()).all(axis=1)
        raise ValueError(f"{name} must hold finite numbers; {int(bad.sum())} row(s) do not:"
                         f"{_show(frame, bad)}")
    x = frame["frequency"].to_numpy()
    checks = [
        (x < 0, "frequency must not be negative"),
        (x != np.round(x), "frequency must be a whole number of repeat purchases"),
    ]
    if "monetary_value" in frame:
        checks.append((frame["monetary_value"].to_numpy() < 0,
                       "monetary_value must not be negative"))
    if "recency" in frame:
        t_x, big_t = frame["recency"].to_numpy(), frame["T"].to_numpy()
        checks += [
            (t_x < 0, "recency must not be negative"),
            (big_t < 0, "T (time since the first purchase) must not be negative"),
            (t_x > big_t, "recency must not exceed T"),
            ((x > 0) & (t_x == 0), "a customer with frequency > 0 needs recency > 0"),
            ((x == 0) & (t_x > 0), "a customer with frequency 0 must have recency 0"),
        ]
    for mask, rule in checks:
        if mask.any():
            raise ValueError(f"{name}: {rule}; {int(mask.sum())} row(s) break this:"
                             f"{_show(frame, mask)}")
    return frame


def _check_purchases(summary: object) -> pd.DataFrame:
    """A summary for a purchase model: :func:`_check_summary`, and at least one repeat
    purchase (without one, the purchase and drop-out processes cannot be told apart and the
    likelihood has no maximum: the estimates would run off to infinity)."""
    frame = _check_summary(summary)
    if not (frame["frequency"] > 0).any():
        raise ValueError(f"summary: every one of the {len(frame):,} customers has frequency 0 "
                         "(no repeat purchase): a purchase model cannot be estimated from "
                         "first purchases alone; use a longer calibration period or more "
                         "customers")
    return frame


def _as_times(t: object, name: str = "t") -> np.ndarray:
    arr = np.atleast_1d(np.asarray(t, dtype=float))
    if arr.size == 0:
        raise ValueError(f"{name} is empty: it needs at least one time")
    if np.isnan(arr).any() or (arr < 0).any() or not np.isfinite(arr).all():
        raise ValueError(f"{name} must be finite and not negative, got {arr[:_SHOW]}")
    return arr


def _horizons(t: object, n: int) -> np.ndarray | float:
    """The forecast horizon of ``predict``: one number for every customer, or one per
    customer (``n`` of them); anything else is refused rather than silently cut."""
    arr = _as_times(t)
    if np.ndim(t) == 0:
        return float(arr[0])
    if arr.size != n:
        raise ValueError(f"t must be one horizon or one per customer ({n}), got {arr.size} "
                         "values")
    return arr


def _one_time(t: object, name: str = "t") -> float:
    """A single time (a number), not silently the first of several."""
    if np.ndim(t) != 0:
        raise TypeError(f"{name} must be one number here, got {np.size(t)} values")
    return float(_as_times(t, name)[0])


def _require_fitted(model: object) -> pd.Series:
    params = getattr(model, "params_", None)
    if params is None:
        raise ValueError(f"{type(model).__name__} is not fitted yet: call .fit(summary) first")
    return params


# =============================================================================================
# from a transaction log to the RFM summary
# =============================================================================================

def _purchase_days(transactions: pd.DataFrame, customer_col: str, date_col: str,
                   amount_col: str | None) -> pd.DataFrame:
    """Validated log collapsed to one row per customer and day (amounts summed)."""
    frame = require_frame(transactions, "transactions")
    needed = [customer_col, date_col] + ([amount_col] if amount_col else [])
    require_columns(frame, needed, "transactions")
    frame = frame[needed]
    require_no_nan(frame, "transactions")
    if not pd.api.types.is_datetime64_any_dtype(frame[date_col]):
        raise TypeError(f"transactions[{date_col!r}] must hold dates (datetime64), got dtype "
                        f"{frame[date_col].dtype}; convert it with pd.to_datetime")
    if amount_col:
        if not pd.api.types.is_numeric_dtype(frame[amount_col]):
            raise TypeError(f"transactions[{amount_col!r}] must be numeric, got dtype "
                            f"{frame[amount_col].dtype}")
        neg = (frame[amount_col] < 0).to_numpy()
        if neg.any():
            raise ValueError(f"transactions[{amount_col!r}] must not be negative; "
                             f"{int(neg.sum())} row(s) are:{_show(frame, neg)}")
    day = frame[date_col].dt.normalize()
    agg = {"amount": (amount_col, "sum")} if amount_col else {"n": (date_col, "size")}
    days = (frame.assign(_day=day).groupby([customer_col, "_day"], sort=True)
            .agg(**agg).reset_index().rename(columns={"_day": "day"}))
    if not amount_col:
        days["amount"] = 0.0
    return days[[customer_col, "day", "amount"]]


def rfm_summary(transactions: pd.DataFrame, calibration_end: object,
                observation_end: object | None = None, *, time_unit: str = "W",
                customer_col: str = "customer_id", date_col: str = "date",
                amount_col: str | None = "amount") -> pd.DataFrame:
    """Per-customer frequency, recency, T and monetary value of a transaction log.

    Purchases on the same day count once (their amounts are summed). For each customer, over
    the calibration period (up to and including ``calibration_end``):

    * ``frequency`` x: number of *repeat* purchase days (purchase days minus one);
    * ``recency`` t_x: time from the first to the last purchase day;
    * ``T``: time from the first purchase day to ``calibration_end``;
    * ``monetary_value``: mean value of the repeat purchase days (0 when x = 0), the input of
      the Gamma-Gamma model (Fader, Hardie & Lee 2005b);

    times in ``time_unit`` ("D", "W", "M" or "Y"; see :data:`TIME_UNITS`). With
    ``observation_end`` the holdout period (calibration_end, observation_end] adds
    ``frequency_holdout`` (purchase days in it), ``monetary_value_holdout`` (their mean value,
    0 if none) and ``duration_holdout`` (its length). This is the summary of Fader, Hardie &
    Lee (2005a) for CDNOW: weeks, calibration to 1997-09-30, holdout to 1998-06-30.

    Every customer must have bought by ``calibration_end`` (the models describe a cohort
    acquired before it); customers first seen later raise an error rather than being dropped.
    """
    if time_unit not in TIME_UNITS:
        raise ValueError(f"time_unit must be one of {list(TIME_UNITS)}, got {time_unit!r}")
    unit = TIME_UNITS[time_unit]
    cal_end = as_timestamp(calibration_end, "calibration_end").normalize()
    days = _purchase_days(transactions, customer_col, date_col, amount_col)
    first = days.groupby(customer_col)["day"].min()
    late = first > cal_end
    if late.any():
        raise ValueError(
            f"calibration_end={cal_end.date()} comes before the first purchase of "
            f"{int(late.sum())} customer(s), e.g. {first[late].head(_SHOW).to_dict()}; keep "
            f"only customers acquired by calibration_end")
    if observation_end is not None:
        obs_end = as_timestamp(observation_end, "observation_end").normalize()
        if obs_end <= cal_end:
            raise ValueError(f"observation_end ({obs_end.date()}) must come after "
                             f"calibration_end ({cal_end.date()})")
        after = days["day"] > obs_end
        if after.any():
            raise ValueError(f"transactions has {int(after.sum())} purchase(s) after "
                             f"observation_end={obs_end.date()}, e.g."
                             f"{_show(days, after.to_numpy())}")
    else:
        obs_end = None
    first_day = days[customer_col].map(first)
    in_cal = (days["day"] <= cal_end).to_numpy()
    cal = days[in_cal].assign(_since=(days["day"] - first_day)[in_cal].dt.days / unit,
                              _repeat=(days["day"] > first_day)[in_cal])
    grouped = cal.groupby(customer_col)
    out = pd.DataFrame({
        "frequency": grouped.size() - 1,
        "recency": grouped["_since"].max(),
        "T": (cal_end - first).dt.days / unit,
    })
    repeat_value = cal["amount"].where(cal["_repeat"], 0.0).groupby(cal[customer_col]).sum()
    out["monetary_value"] = np.where(out["frequency"] > 0,
                                     repeat_value / out["frequency"].clip(lower=1), 0.0)
    if obs_end is not None:
        hold = days[~in_cal]
        count = hold.groupby(customer_col).size().reindex(out.index, fill_value=0)
        value = hold.groupby(customer_col)["amount"].sum().reindex(out.index, fill_value=0.0)
        out["frequency_holdout"] = count.astype(int)
        out["monetary_value_holdout"] = np.where(count > 0, value / count.clip(lower=1), 0.0)
        out["duration_holdout"] = (obs_end - cal_end).days / unit
    out["frequency"] = out["frequency"].astype(int)
    out.index.name = customer_col
    if amount_col is None:
        out = out.drop(columns=[c for c in out if c.startswith("monetary_value")])
    return out


# =============================================================================================
# fitting machinery
# =============================================================================================

def _compress(frame: pd.DataFrame, columns: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Unique rows of ``frame[columns]`` and how many customers share each (lexsort, then
    cut where a row differs from the one before)."""
    values = frame[list(columns)].to_numpy(float)
    order = np.lexsort(values.T[::-1])
    ordered = values[order]
    new_row = np.ones(len(ordered), dtype=bool)
    new_row[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    starts = np.flatnonzero(new_row)
    counts = np.diff(np.append(starts, len(ordered))).astype(float)
    return ordered[starts], counts


class FitWarning(UserWarning):
    """A maximum-likelihood fit whose estimates should not be used.

    Raised (as a warning) by ``fit`` when the optimiser stops without converging, when an
    estimate runs off towards 0 or infinity (more than :data:`RUNAWAY` times smaller or larger
    than its starting value), or when the log-likelihood is flat at the estimate (its
    curvature in some direction is below :data:`FLAT`): the data do not identify the model's
    parameters, typically because there are too few customers or too few repeat purchases.
    The fitted model then has ``converged_ = False`` and its problems in ``fit_problems_``.
    """


RUNAWAY = 1e4
"""An estimate this many times larger (or smaller) than its starting value has run to a bound."""

FLAT = 1e-6
"""Smallest curvature of the mean log-likelihood in the log-parameters (the least eigenvalue of
its negative Hessian) that counts as an identified maximum."""


def _finite_or_inf(value: float) -> float:
    """A trial point where the log-likelihood under- or overflows counts as infinitely bad."""
    return float(value) if np.isfinite(value) else np.inf


def _newton_cg(fun, start: np.ndarray) -> optimize.OptimizeResult:
    """Minimise ``fun`` (a negative mean log-likelihood in the log-parameters: ``fun(theta, 2)``
    returns its value, analytic gradient and Hessian) with scipy's Newton-CG method.

    scipy asks for value, gradient and Hessian separately; they are computed together once
    per point. Numerical warnings of trial points far from the optimum are silenced: such a
    point just counts as infinitely bad. ``result.hess`` is the Hessian at the estimate.
    """
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


def _to_log_scale(params: np.ndarray, grad: np.ndarray, hess: np.ndarray):
    """Gradient and Hessian with respect to log-parameters (chain rule)."""
    return grad * params, hess * np.outer(params, params) + np.diag(grad * params)


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
    xw = w * x
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


class _Model:
    """Shared parts of the fitted models."""

    param_names: tuple[str, ...] = ()
    params_: pd.Series | None = None
    log_likelihood_: float | None = None
    n_customers_: int | None = None

    def __repr__(self) -> str:
        if self.params_ is None:
            return f"{type(self).__name__}()"
        body = ", ".join(f"{k}={v:.4g}" for k, v in self.params_.items())
        return f"{type(self).__name__}({body}; LL={self.log_likelihood_:.2f})"

    converged_: bool | None = None
    fit_problems_: list[str] | None = None

    def _set_fit(self, result: optimize.OptimizeResult, start: np.ndarray, total: float,
                 n: int) -> None:
        """Store the estimates and check them; warn (:class:`FitWarning`) if they are not
        usable: the optimiser did not converge, an estimate ran off towards 0 or infinity
        (:data:`RUNAWAY`), or the log-likelihood is flat at the estimate (:data:`FLAT`)."""
        if not np.isfinite(result.fun):
            raise RuntimeError(f"{type(self).__name__}: maximum likelihood failed, the "
                               "log-likelihood is not finite at any parameter tried")
        params = np.exp(result.x)
        self.params_ = pd.Series(params, index=list(self.param_names), name="estimate")
        self.log_likelihood_ = float(-result.fun * total)
        self.n_customers_ = n
        problems = [] if result.success else [
            f"the optimiser stopped without converging ({result.message})"]
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
        self.converged_ = not problems
        self.fit_problems_ = problems
        if problems:
            warnings.warn(FitWarning(
                f"{type(self).__name__} fitted to {n:,} customers gives estimates that should "
                f"not be used: {'; '.join(problems)}. The data do not pin the parameters "
                "down: fit the model to more customers, with more repeat purchases."),
                stacklevel=3)

    def summary(self) -> pd.DataFrame:
        """Parameters with approximate standard errors (inverse numeric Hessian of the
        log-likelihood in the log-parameters, delta method back to the original scale)."""
        params = _require_fitted(self)
        theta = np.log(params.to_numpy())
        hess = _numeric_hessian(lambda th: self._total_ll(th), theta)
        cov = np.linalg.pinv(-hess)
        se = params.to_numpy() * np.sqrt(np.clip(np.diag(cov), 0, None))
        return pd.DataFrame({"estimate": params.to_numpy(), "std_error": se},
                            index=params.index)


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


class BetaGeo(_Model):
    """BG/NBD model (Fader, Hardie & Lee 2005a): Poisson purchases at rate lambda ~
    gamma(r, alpha); after each purchase the customer drops out with probability p ~
    beta(a, b). ``fit(summary)`` needs columns ``frequency, recency, T``."""

    param_names = ("r", "alpha", "a", "b")

    def _total_ll(self, theta: np.ndarray) -> float:
        return float(self._w @ _bgnbd_ll(theta, *self._data.T))

    def fit(self, summary: pd.DataFrame) -> "BetaGeo":
        """Maximum likelihood (FHL 2005a, eq. 6) over customers grouped by (x, t_x, T), with
        scipy's Newton-CG and the analytic gradient and Hessian. Warns (:class:`FitWarning`)
        if the estimates are not usable."""
        frame = _check_purchases(summary)
        self._data, self._w = _compress(frame, SUMMARY_COLUMNS)
        x, t_x, big_t = self._data.T
        fun = _bgnbd_objective(x, t_x, big_t, self._w)
        start = np.log([0.5, max(float(np.mean(big_t)) / 4, 1e-3), 1.0, 1.0])
        self._set_fit(_newton_cg(fun, start), start, self._w.sum(), len(frame))
        return self

    def log_likelihood(self, summary: pd.DataFrame) -> pd.Series:
        """Each customer's log-likelihood under the fitted parameters."""
        frame = _check_summary(summary)
        theta = np.log(_require_fitted(self).to_numpy())
        ll = _bgnbd_ll(theta, *frame[list(SUMMARY_COLUMNS)].to_numpy().T)
        return pd.Series(ll, index=frame.index, name="log_likelihood")

    def expected_purchases(self, t: object) -> pd.Series:
        """E[X(t)] for a new customer (FHL 2005a, eq. 7):
        (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))]."""
        r, alpha, a, b = _require_fitted(self).to_numpy()
        t = _as_times(t)
        z = t / (alpha + t)
        # Euler's transformation keeps the hypergeometric term bounded:
        # (1-z)^r 2F1(r, b; c; z) = (1-z)^(a-1) 2F1(c-r, a-1; c; z), c = a+b-1
        c = a + b - 1
        term = (1 - z) ** (a - 1) * special.hyp2f1(c - r, a - 1, c, z)
        return pd.Series(c / (a - 1) * (1 - term), index=pd.Index(t, name="t"),
                         name="expected_purchases")

    def probability_alive(self, summary: pd.DataFrame) -> pd.Series:
        """P(alive | x, t_x, T) = 1 / (1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x))
        (FHL 2005a; Fader & Hardie 2008 note 'Computing P(alive) using the BG/NBD model')."""
        frame = _check_summary(summary)
        r, alpha, a, b = _require_fitted(self).to_numpy()
        x, t_x, big_t = frame[list(SUMMARY_COLUMNS)].to_numpy().T
        pos = x > 0
        log_odds = np.where(pos, np.log(a) - np.log(np.where(pos, b + x - 1, 1.0))
                            + (r + x) * (np.log(alpha + big_t) - np.log(alpha + t_x)), -np.inf)
        return pd.Series(special.expit(-log_odds), index=frame.index, name="p_alive")

    def predict(self, t: float | Sequence[float], summary: pd.DataFrame) -> pd.Series:
        """Conditional expected purchases in (T, T+t] (FHL 2005a, eq. 10), in the stable form
        of Fader & Hardie (2013, note 027):
        E[Y(t)] = (a+b+x-1)/(a-1) [1 - (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z)] P(alive)
        with z = t/(alpha+T+t) (the (1+...) denominator of eq. 10 is 1/P(alive) when x > 0,
        and 1 when x = 0, where P(alive) = 1). ``t``: one horizon, or one per customer."""
        frame = _check_summary(summary)
        r, alpha, a, b = _require_fitted(self).to_numpy()
        t = _horizons(t, len(frame))
        x, _, big_t = frame[list(SUMMARY_COLUMNS)].to_numpy().T
        z = t / (alpha + big_t + t)
        c = a + b + x - 1
        hyp = (1 - z) ** (a - 1) * special.hyp2f1(a + b - 1 - r, a - 1, c, z)
        alive = self.probability_alive(frame).to_numpy()
        return pd.Series(c / (a - 1) * (1 - hyp) * alive, index=frame.index,
                         name="expected_purchases")

    conditional_expected_purchases = predict

    def probability_of_purchases(self, t: float, n: object) -> pd.Series:
        """P(X(t) = n) for a new customer (FHL 2005a, eq. 8)."""
        r, alpha, a, b = _require_fitted(self).to_numpy()
        t = _one_time(t)
        n = np.atleast_1d(np.asarray(n, dtype=float))
        if (n < 0).any() or (n != np.round(n)).any():
            raise ValueError(f"n must be whole numbers >= 0, got {n[:_SHOW]}")
        l_ab = special.betaln(a, b)
        nb = (special.gammaln(r + n) - special.gammaln(r) - special.gammaln(n + 1)
              + r * np.log(alpha / (alpha + t)) + n * np.log(t / (alpha + t)))
        first = np.exp(special.betaln(a, b + n) - l_ab + nb)
        # second term: B(a+1, b+n-1)/B(a,b) [1 - (alpha/(alpha+t))^r sum_{j<n} NB(j)]
        j = np.arange(int(n.max()) + 1)
        nb_j = np.exp(special.gammaln(r + j) - special.gammaln(r) - special.gammaln(j + 1)
                      + r * np.log(alpha / (alpha + t)) + j * np.log(t / (alpha + t)))
        cum = np.concatenate([[0.0], np.cumsum(nb_j)])[n.astype(int)]
        pos = n > 0
        second = np.where(pos, np.exp(special.betaln(a + 1, np.where(pos, b + n - 1, 1.0))
                                      - l_ab) * (1 - cum), 0.0)
        return pd.Series(first + second, index=pd.Index(n.astype(int), name="n"),
                         name="probability")


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


class ParetoNBD(_Model):
    """Pareto/NBD model (Schmittlein, Morrison & Colombo 1987): Poisson purchases at rate
    lambda ~ gamma(r, alpha) while alive, exponential lifetime with rate mu ~ gamma(s, beta).
    ``fit(summary)`` needs columns ``frequency, recency, T``."""

    param_names = ("r", "alpha", "s", "beta")

    def _total_ll(self, theta: np.ndarray) -> float:
        return float(self._w @ _pnbd_ll(theta, *self._data.T))

    def fit(self, summary: pd.DataFrame) -> "ParetoNBD":
        """Maximum likelihood over customers grouped by (x, t_x, T), with scipy's L-BFGS-B
        and a forward-difference gradient in the four log-parameters (the hypergeometric
        terms have no handy parameter derivatives). Warns (:class:`FitWarning`) if the
        estimates are not usable."""
        frame = _check_purchases(summary)
        self._data, self._w = _compress(frame, SUMMARY_COLUMNS)
        x, t_x, big_t = self._data.T
        total = self._w.sum()
        scale = max(float(np.mean(big_t)), 1e-3)
        start = np.log([0.5, scale / 4, 0.5, scale / 4])
        result = _lbfgs_numeric(lambda th: -(self._w @ _pnbd_ll(th, x, t_x, big_t)) / total,
                                start)
        self._set_fit(result, start, total, len(frame))
        return self

    def log_likelihood(self, summary: pd.DataFrame) -> pd.Series:
        """Each customer's log-likelihood under the fitted parameters."""
        frame = _check_summary(summary)
        theta = np.log(_require_fitted(self).to_numpy())
        ll = _pnbd_ll(theta, *frame[list(SUMMARY_COLUMNS)].to_numpy().T)
        return pd.Series(ll, index=frame.index, name="log_likelihood")

    def expected_purchases(self, t: object) -> pd.Series:
        """E[X(t)] for a new customer: r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)]
        (Schmittlein et al. 1987; Fader & Hardie 2005 note 009, eq. 17)."""
        r, alpha, s, beta = _require_fitted(self).to_numpy()
        t = _as_times(t)
        out = r * beta / alpha * _one_minus_pow_over(np.log(beta / (beta + t)), s - 1)
        return pd.Series(out, index=pd.Index(t, name="t"), name="expected_purchases")

    def probability_alive(self, summary: pd.DataFrame) -> pd.Series:
        """P(alive | x, t_x, T): the 'alive at T' share of the likelihood (note 009, eq. 18)."""
        frame = _check_summary(summary)
        theta = np.log(_require_fitted(self).to_numpy())
        _, alive, died = _pnbd_parts(theta, *frame[list(SUMMARY_COLUMNS)].to_numpy().T)
        return pd.Series(np.exp(alive - np.logaddexp(alive, died)), index=frame.index,
                         name="p_alive")

    def predict(self, t: float | Sequence[float], summary: pd.DataFrame) -> pd.Series:
        """Conditional expected purchases in (T, T+t] (note 009, eq. 25):
        P(alive) (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)].
        ``t``: one horizon, or one per customer."""
        frame = _check_summary(summary)
        r, alpha, s, beta = _require_fitted(self).to_numpy()
        t = _horizons(t, len(frame))
        x, _, big_t = frame[list(SUMMARY_COLUMNS)].to_numpy().T
        alive = self.probability_alive(frame).to_numpy()
        rate = (r + x) * (beta + big_t) / (alpha + big_t)
        out = alive * rate * _one_minus_pow_over(np.log((beta + big_t) / (beta + big_t + t)),
                                                 s - 1)
        return pd.Series(out, index=frame.index, name="expected_purchases")

    conditional_expected_purchases = predict

    def probability_of_purchases(self, t: float, n: object, nodes: int = 64) -> pd.Series:
        """P(X(t) = n) for a new customer, as alive-at-t NBD plus the NBD up to a death time
        tau (Pareto II density), the integral over tau by Gauss-Legendre quadrature:
        P = NBD(n; t) (beta/(beta+t))^s + int_0^t s/beta (beta/(beta+tau))^(s+1) NBD(n; tau)."""
        r, alpha, s, beta = _require_fitted(self).to_numpy()
        t = _one_time(t)
        n = np.atleast_1d(np.asarray(n, dtype=float))
        if (n < 0).any() or (n != np.round(n)).any():
            raise ValueError(f"n must be whole numbers >= 0, got {n[:_SHOW]}")

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
        return pd.Series(out, index=pd.Index(n.astype(int), name="n"), name="probability")


def _one_minus_pow_over(log_u: np.ndarray, k: float) -> np.ndarray:
    """(1 - u^k) / k, with its limit -log u at k = 0."""
    if abs(k) < 1e-10:
        return -log_u
    return -np.expm1(k * log_u) / k


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


class GammaGamma(_Model):
    """Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005b; Fader & Hardie
    2013): a customer's transaction values are gamma(p, nu), nu ~ gamma(q, gamma) across
    customers. ``fit(summary)`` uses the customers with ``frequency`` > 0 and their
    ``monetary_value`` (mean value of the repeat purchases)."""

    param_names = ("p", "q", "gamma")

    def _total_ll(self, theta: np.ndarray) -> float:
        return float(self._w @ _gg_ll(theta, *self._data.T))

    @staticmethod
    def _spend(summary: pd.DataFrame) -> pd.DataFrame:
        """Checked ``frequency`` and ``monetary_value``: a repeat buyer (frequency > 0) must
        have a positive mean spend, since the model's transaction values are gamma
        distributed (positive); customers with frequency 0 have none (0)."""
        frame = require_frame(summary, "summary")
        require_columns(frame, ["frequency", "monetary_value"], "summary")
        frame = _check_summary(frame, columns=("frequency", "monetary_value"))
        bad = ((frame["frequency"] > 0) & (frame["monetary_value"] <= 0)).to_numpy()
        if bad.any():
            raise ValueError(f"summary: monetary_value must be positive for customers with "
                             f"frequency > 0 (the model's spend per transaction is positive); "
                             f"{int(bad.sum())} row(s) are not, leave them out or give them "
                             f"their spend:{_show(frame, bad)}")
        return frame

    @classmethod
    def _repeaters(cls, summary: pd.DataFrame) -> pd.DataFrame:
        frame = cls._spend(summary)
        rep = frame[frame["frequency"] > 0]
        if rep.empty:
            raise ValueError("summary has no customer with frequency > 0: the Gamma-Gamma "
                             "model needs repeat buyers")
        return rep

    def fit(self, summary: pd.DataFrame) -> "GammaGamma":
        """Maximum likelihood over the repeat buyers (frequency > 0); customers with frequency
        0 carry no spend information and are left out, as in the source. scipy's Newton-CG
        with the analytic gradient and Hessian; warns (:class:`FitWarning`) if the estimates
        are not usable."""
        rep = self._repeaters(summary)
        self._data = rep[["frequency", "monetary_value"]].to_numpy(float)
        self._w = np.ones(len(rep))
        x, m = self._data.T
        start = np.log([1.0, 2.0, float(np.mean(m))])
        self._set_fit(_newton_cg(_gg_objective(x, m), start), start, float(len(x)), len(rep))
        return self

    def population_mean(self) -> float:
        """Mean spend per transaction across customers, E[M] = p gamma / (q - 1) (q > 1)."""
        p, q, g = _require_fitted(self).to_numpy()
        if q <= 1:
            raise ValueError(f"the mean spend needs q > 1, the fit has q = {q:.3g}")
        return float(p * g / (q - 1))

    def predict(self, summary: pd.DataFrame) -> pd.Series:
        """Conditional expected spend per transaction (note 025, eq. 5):
        E[M | x, m] = (p (gamma + x m)) / (p x + q - 1), a weighted mean of the population
        mean p gamma/(q-1) and the customer's own mean m. For x = 0 it is the population
        mean. As in ``fit``, a repeat buyer needs a positive ``monetary_value``."""
        frame = self._spend(summary)
        p, q, g = _require_fitted(self).to_numpy()
        self.population_mean()  # checks q > 1
        x, m = frame["frequency"].to_numpy(), frame["monetary_value"].to_numpy()
        out = p * (g + x * m) / (p * x + q - 1)
        return pd.Series(out, index=frame.index, name="expected_spend")

    conditional_expected_spend = predict


def spend_frequency_correlation(summary: pd.DataFrame) -> pd.Series:
    """Does spend depend on how often a customer buys? The check of the Gamma-Gamma model's
    assumption that spend per transaction is independent of the number of transactions
    (Fader, Hardie & Lee 2005b; Fader & Hardie 2013, note 025).

    Pearson's correlation of ``frequency`` and ``monetary_value`` over the repeat buyers
    (frequency > 0), with its p-value (``scipy.stats.pearsonr``). Returns ``customers``,
    ``correlation``, ``p_value`` and ``strength``, the size of |r| in Cohen's (1988)
    conventional terms: "negligible" below 0.1, "small" below 0.3, "medium" below 0.5, else
    "large" (Cohen, J., *Statistical Power Analysis for the Behavioral Sciences*, 2nd ed.).
    A small or negligible correlation supports using the model; a large one argues against.
    """
    rep = GammaGamma._repeaters(summary)
    if len(rep) < 3:
        raise ValueError(f"summary has {len(rep)} repeat buyer(s): a correlation needs at least 3")
    constant = [c for c in ("frequency", "monetary_value") if rep[c].nunique() == 1]
    if constant:
        raise ValueError(f"summary: {constant[0]} is the same for every repeat buyer, so its "
                         "correlation is undefined")
    result = stats.pearsonr(rep["frequency"], rep["monetary_value"])
    r = float(result.statistic)
    strength = ("negligible" if abs(r) < 0.1 else "small" if abs(r) < 0.3
                else "medium" if abs(r) < 0.5 else "large")
    return pd.Series({"customers": len(rep), "correlation": r,
                      "p_value": float(result.pvalue), "strength": strength},
                     name="spend_frequency_correlation", dtype=object)


# =============================================================================================
# CLV and diagnostics
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
    another unit pass ``TIME_UNITS["M"] / TIME_UNITS[unit]``), K = ``periods`` and d the
    ``discount_rate`` per period; each period's purchases are discounted at its end.
    Returns ``expected_purchases``, ``expected_spend`` and ``clv`` per customer.

    Source: this is the discrete, period-by-period approximation used by the lifetimes package
    (Davidson-Pilon, C., lifetimes, ``GammaGammaFitter.customer_lifetime_value``, which counts
    a month as 4.345 weeks) and the discrete CLV sum of Gupta, S. et al. (2006), "Modeling
    customer lifetime value", *Journal of Service Research* 9(2), 139-155. Fader, Hardie &
    Lee (2005b) value a customer with continuous discounting instead, as the discounted
    expected residual transactions (DERT, over an infinite horizon) times the expected spend.
    Over the same K periods, with the continuous rate ln(1 + d) / L, the discrete sum is lower
    than that integral by less than one period's discount (a factor 1 + d), because it
    discounts each period's purchases to the end of the period.
    """
    if not isinstance(purchase_model, (BetaGeo, ParetoNBD)):
        raise TypeError("purchase_model must be a fitted BetaGeo or ParetoNBD, got "
                        f"{type(purchase_model).__name__}")
    if not isinstance(spend_model, GammaGamma):
        raise TypeError(f"spend_model must be a fitted GammaGamma, got "
                        f"{type(spend_model).__name__}")
    if not isinstance(periods, (int, np.integer)) or isinstance(periods, bool) or periods < 1:
        raise ValueError(f"periods must be a whole number >= 1, got {periods!r}")
    rules = {"period_length": (period_length, "a positive number of time units"),
             "discount_rate": (discount_rate, "a rate >= 0 (a fraction: 0.01 = 1 %)"),
             "margin": (margin, "a margin >= 0 (a fraction of the spend)")}
    for name, (val, rule) in rules.items():
        if not isinstance(val, (int, float, np.floating, np.integer)) or isinstance(val, bool):
            raise TypeError(f"{name} must be a number, got {type(val).__name__}")
        if not np.isfinite(val) or val < 0 or (name == "period_length" and val == 0):
            raise ValueError(f"{name} must be {rule}, got {val!r}")
    frame = _check_summary(summary, columns=("frequency", "recency", "T", "monetary_value"))
    spend = spend_model.predict(frame)
    cum = np.column_stack([np.zeros(len(frame))] + [
        purchase_model.predict(k * period_length, frame).to_numpy()
        for k in range(1, periods + 1)])  # loop over the few periods, vectorised over customers
    disc = (1 + discount_rate) ** -np.arange(1, periods + 1)
    discounted = np.diff(cum, axis=1) @ disc
    return pd.DataFrame({"expected_purchases": cum[:, -1], "expected_spend": spend.to_numpy(),
                         "clv": margin * spend.to_numpy() * discounted}, index=frame.index)


def frequency_histogram(model: BetaGeo | ParetoNBD, summary: pd.DataFrame,
                        max_frequency: int = 7) -> pd.DataFrame:
    """Calibration-period repeat purchases: number of customers with x = 0, 1, ..., and
    ``max_frequency``+ (last bin), actual vs expected by the model, the model's count being
    sum over customers of P(X(T_i) = x) (FHL 2005a, figure 2)."""
    frame = _check_summary(summary)
    _require_fitted(model)
    xs = np.arange(max_frequency)
    big_t, counts = np.unique(frame["T"].to_numpy(), return_counts=True)
    probs = np.stack([model.probability_of_purchases(t, xs).to_numpy() for t in big_t])
    expected = counts @ probs  # loop above is over distinct T values, not customers
    expected = np.append(expected, counts.sum() - expected.sum())
    actual = np.bincount(np.minimum(frame["frequency"].to_numpy().astype(int), max_frequency),
                         minlength=max_frequency + 1)
    labels = [str(v) for v in xs] + [f"{max_frequency}+"]
    return pd.DataFrame({"actual": actual, "model": expected},
                        index=pd.Index(labels, name="frequency"))


def holdout_by_frequency(model: BetaGeo | ParetoNBD, summary: pd.DataFrame,
                         max_frequency: int = 7) -> pd.DataFrame:
    """Mean holdout purchases per customer grouped by calibration frequency (0, ...,
    ``max_frequency``+): actual vs the model's conditional expectation (FHL 2005a, figure 4).
    ``summary`` needs ``frequency_holdout`` and ``duration_holdout`` (see :func:`rfm_summary`)."""
    frame = require_frame(summary, "summary")
    require_columns(frame, ["frequency_holdout", "duration_holdout"], "summary")
    frame = _check_summary(frame, columns=("frequency", "recency", "T", "frequency_holdout",
                                           "duration_holdout"))
    durations = frame["duration_holdout"].unique()
    if len(durations) != 1:
        raise ValueError(f"summary['duration_holdout'] must be one value, got {durations[:5]}")
    pred = model.predict(float(durations[0]), frame)
    group = np.minimum(frame["frequency"], max_frequency).astype(int)
    out = pd.DataFrame({"actual": frame["frequency_holdout"], "model": pred,
                        "customers": 1}).groupby(group.to_numpy()).agg(
        actual=("actual", "mean"), model=("model", "mean"), customers=("customers", "sum"))
    out.index = pd.Index([str(i) if i < max_frequency else f"{max_frequency}+"
                          for i in out.index], name="frequency")
    return out


def cumulative_tracking(model: BetaGeo | ParetoNBD, transactions: pd.DataFrame,
                        start: object, end: object, *, time_unit: str = "W",
                        customer_col: str = "customer_id",
                        date_col: str = "date") -> pd.DataFrame:
    """Cumulative repeat purchases of the cohort per time unit from ``start`` to ``end``:
    actual (purchase days after each customer's first) vs the model's sum over customers of
    E[X(t - first purchase time)] (FHL 2005a, figure 3)."""
    if time_unit not in TIME_UNITS:
        raise ValueError(f"time_unit must be one of {list(TIME_UNITS)}, got {time_unit!r}")
    _require_fitted(model)
    unit = TIME_UNITS[time_unit]
    start = as_timestamp(start, "start").normalize()
    end = as_timestamp(end, "end").normalize()
    if end <= start:
        raise ValueError(f"end ({end.date()}) must come after start ({start.date()})")
    days = _purchase_days(transactions, customer_col, date_col, None)
    first = days.groupby(customer_col)["day"].transform("min")
    repeat_time = ((days.loc[days["day"] > first, "day"] - start).dt.days / unit).to_numpy()
    n_steps = int(np.floor((end - start).days / unit))
    grid = np.arange(1, n_steps + 1, dtype=float)
    actual = np.searchsorted(np.sort(repeat_time), grid, side="left")
    births, counts = np.unique(((first[days["day"] == first] - start).dt.days / unit)
                               .to_numpy(), return_counts=True)
    age = np.clip(grid[:, None] - births[None, :], 0, None)
    uniq, inv = np.unique(age, return_inverse=True)
    expected = model.expected_purchases(uniq).to_numpy()
    expected = np.where(uniq > 0, expected, 0.0)[inv].reshape(age.shape) @ counts
    return pd.DataFrame({"actual": actual.astype(float), "model": expected},
                        index=pd.Index(grid, name="t"))


def p_alive_matrix(model: BetaGeo | ParetoNBD, T: float, max_frequency: int = 20,
                   recency_steps: int = 40) -> pd.DataFrame:
    """P(alive) for every frequency 0..``max_frequency`` (rows) and recency on a grid from 0
    to T (columns), for customers observed for time T (FHL 2005a, P(alive))."""
    big_t = _one_time(T, "T")
    if big_t <= 0:
        raise ValueError(f"T must be positive, got {T!r}")
    xs = np.arange(max_frequency + 1)
    rec = np.linspace(0, big_t, recency_steps + 1)[1:]
    xx, rr = np.meshgrid(xs, rec, indexing="ij")
    rr = np.where(xx == 0, 0.0, rr)
    grid = pd.DataFrame({"frequency": xx.ravel(), "recency": rr.ravel(), "T": big_t})
    p = model.probability_alive(grid).to_numpy().reshape(xx.shape)
    return pd.DataFrame(p, index=pd.Index(xs, name="frequency"),
                        columns=pd.Index(np.round(rec, 6), name="recency"))


def p_alive_history(model: BetaGeo | ParetoNBD, transactions: pd.DataFrame, customer: object,
                    end: object, *, time_unit: str = "W", customer_col: str = "customer_id",
                    date_col: str = "date") -> pd.DataFrame:
    """One customer's P(alive) on every day from the first purchase to ``end``, computed from
    the history known on that day (x, t_x and T up to the day), with the purchase days marked."""
    if time_unit not in TIME_UNITS:
        raise ValueError(f"time_unit must be one of {list(TIME_UNITS)}, got {time_unit!r}")
    days = _purchase_days(transactions, customer_col, date_col, None)
    mine = days.loc[days[customer_col] == customer, "day"].to_numpy()
    if mine.size == 0:
        raise ValueError(f"customer {customer!r} has no transactions in column "
                         f"{customer_col!r}")
    end = as_timestamp(end, "end").normalize()
    first = pd.Timestamp(mine[0])
    if end <= first:
        raise ValueError(f"end ({end.date()}) must come after the customer's first purchase "
                         f"({first.date()})")
    calendar = pd.date_range(first + pd.Timedelta(days=1), end, freq="D")
    unit = TIME_UNITS[time_unit]
    n_bought = np.searchsorted(mine, calendar.to_numpy(), side="right")
    last = pd.DatetimeIndex(mine[n_bought - 1])
    grid = pd.DataFrame({"frequency": n_bought - 1,
                         "recency": (last - first).days / unit,
                         "T": (calendar - first).days / unit})
    p = model.probability_alive(grid).to_numpy()
    return pd.DataFrame({"T": grid["T"].to_numpy(), "frequency": grid["frequency"].to_numpy(),
                         "p_alive": p, "purchase": calendar.isin(mine)},
                        index=pd.Index(calendar, name="date"))


def customer_holdout(model: BetaGeo | ParetoNBD, transactions: pd.DataFrame, customer: object,
                     calibration_end: object, horizon: int, *, time_unit: str = "W",
                     customer_col: str = "customer_id", date_col: str = "date"
                     ) -> pd.DataFrame:
    """One customer's purchases after the calibration period, expected and actual.

    For t = 1, ..., ``horizon`` time units after ``calibration_end``: ``expected`` = the
    model's conditional expectation E[Y(t) | x, t_x, T] from the customer's calibration
    history (:func:`rfm_summary` of the customer's transactions), and ``actual`` = the
    customer's purchase days in (calibration_end, calibration_end + t] (several purchases on
    one day count once, as in the summary). The customer-level view of the holdout check of
    :func:`holdout_by_frequency` (FHL 2005a, conditional expectations).
    """
    _require_fitted(model)
    if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or horizon < 1:
        raise ValueError(f"horizon must be a whole number of time units >= 1, got {horizon!r}")
    frame = require_frame(transactions, "transactions")
    require_columns(frame, [customer_col, date_col], "transactions")
    mine = frame.loc[frame[customer_col] == customer, [customer_col, date_col]]
    if mine.empty:
        raise ValueError(f"customer {customer!r} has no transactions in column "
                         f"{customer_col!r}")
    history = rfm_summary(mine, calibration_end, time_unit=time_unit, customer_col=customer_col,
                          date_col=date_col, amount_col=None)
    grid = np.arange(1, int(horizon) + 1, dtype=float)
    expected = model.predict(grid, history.iloc[np.zeros(grid.size, dtype=int)]).to_numpy()
    cal_end = as_timestamp(calibration_end, "calibration_end").normalize()
    days = _purchase_days(mine, customer_col, date_col, None)["day"]
    later = np.sort(((days[days > cal_end] - cal_end).dt.days / TIME_UNITS[time_unit])
                    .to_numpy())
    actual = np.searchsorted(later, grid, side="right")
    return pd.DataFrame({"expected": expected, "actual": actual},
                        index=pd.Index(grid, name="t"))


# =============================================================================================
# simulation (planted parameters for checks and exercises)
# =============================================================================================

def _sim_inputs(params: dict, names: tuple[str, ...], T: object, seed: int):
    missing = [k for k in names if k not in params]
    if missing:
        raise ValueError(f"params is missing {missing}; it needs {list(names)}")
    values = np.array([params[k] for k in names], dtype=float)
    if not (np.isfinite(values).all() and (values > 0).all()):
        raise ValueError(f"params must all be positive numbers, got {dict(zip(names, values))}")
    big_t = _as_times(T, "T")
    if (big_t <= 0).any():
        raise ValueError("T must be positive for every customer")
    return values, big_t, np.random.default_rng(seed)


def _recency(rng: np.random.Generator, x: np.ndarray, window: np.ndarray) -> np.ndarray:
    """Time of the x-th of n uniform purchase times in (0, window] is window x Beta(x, n-x+1);
    here n = x (the last purchase of those made), so Beta(x, 1)."""
    return np.where(x > 0, window * rng.beta(np.maximum(x, 1), 1.0), 0.0)


def simulate_bgnbd(params: dict, T: object, seed: int = 0) -> pd.DataFrame:
    """Draw customer summaries (frequency, recency, T) from the BG/NBD model with known
    ``params`` (r, alpha, a, b), one customer per value of ``T``: lambda ~ gamma(r, alpha),
    p ~ beta(a, b); the customer can make K ~ geometric(p) repeat purchases before dropping out,
    so x = min(N(T), K) with N(T) ~ Poisson(lambda T), and t_x is the x-th of N(T) uniform
    purchase times in (0, T] (FHL 2005a, section 2)."""
    (r, alpha, a, b), big_t, rng = _sim_inputs(params, ("r", "alpha", "a", "b"), T, seed)
    lam = rng.gamma(r, 1 / alpha, big_t.size)
    p = rng.beta(a, b, big_t.size)
    n = rng.poisson(lam * big_t)
    k = rng.geometric(np.clip(p, 1e-12, 1.0))
    x = np.minimum(n, k)
    rec = np.where(x > 0, big_t * rng.beta(np.maximum(x, 1), np.maximum(n - x + 1, 1)), 0.0)
    return pd.DataFrame({"frequency": x, "recency": rec, "T": big_t},
                        index=pd.RangeIndex(big_t.size, name="customer_id"))


def simulate_pareto_nbd(params: dict, T: object, seed: int = 0) -> pd.DataFrame:
    """Draw customer summaries (frequency, recency, T) from the Pareto/NBD model with known
    ``params`` (r, alpha, s, beta): lambda ~ gamma(r, alpha), lifetime tau ~ exponential(mu),
    mu ~ gamma(s, beta); x ~ Poisson(lambda min(tau, T)) and t_x is the last of x uniform
    purchase times in (0, min(tau, T)] (Schmittlein et al. 1987)."""
    (r, alpha, s, beta), big_t, rng = _sim_inputs(params, ("r", "alpha", "s", "beta"), T, seed)
    lam = rng.gamma(r, 1 / alpha, big_t.size)
    mu = rng.gamma(s, 1 / beta, big_t.size)
    window = np.minimum(rng.exponential(1 / mu), big_t)
    x = rng.poisson(lam * window)
    return pd.DataFrame({"frequency": x, "recency": _recency(rng, x, window), "T": big_t},
                        index=pd.RangeIndex(big_t.size, name="customer_id"))
