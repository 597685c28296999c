"""How long customers stay (chapter 07): lifetimes, survival curves and the sBG model.

* the customers table (``customer_id``, ``acquisition_date``, ``lost_date`` empty for active
  customers) as lifetimes: :func:`cohort_survivors` (each acquisition cohort's survivors at
  each year end) and :func:`customer_durations` (time from acquisition to loss, censored at
  the end of the data, with delayed entry for customers won before the observation window);
* survival analysis: :func:`kaplan_meier` (statsmodels' ``SurvfuncRight``, by segment),
  :func:`survival_at` and :func:`logrank_test`;
* survivor curves of contract cohorts: :func:`retention_from_survivors` (r_t = S(t) / S(t − 1));
* the shifted-beta-geometric (sBG) model of Fader & Hardie (2007): :class:`ShiftedBetaGeo`
  (fitted by maximum likelihood), the closed forms :func:`sbg_pmf`, :func:`sbg_survival`,
  :func:`sbg_retention`, and the paper's published estimates :data:`FADER_HARDIE_2007_FITS`.

The course decks have no survival analysis: everything here is the course's addition to
chapter 07, with the textbook source of each method in its docstring. Everything here is also
reachable from :mod:`helpers.retention`, the chapter's module
(``retention.kaplan_meier``, ``retention.ShiftedBetaGeo``, …). Durations are in years of
365.25 days; a survivor curve is a list, array or Series whose first value (period 0) is the
cohort size and which never increases. Bad input raises a ``ValueError`` or ``TypeError``
that names the argument, the rule and the rows at fault.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from scipy import optimize
# scipy and statsmodels are imported where they are used: a lecture that only imports the
# module (through ``helpers.retention``) does not pay for them at start-up

from .datasets.published import FADER_HARDIE_2007_FITS  # the published sBG fits
from .model import Model
from .validation import (
    MAX_PERIODS,
    as_numeric_series,
    as_timestamp,
    check_cells,
    check_fraction,
    check_int,
    check_number,
    check_rate,
    date_column,
    numeric_column,
    offenders,
    require_frame,
    require_no_nan,
    require_unique,
    require_unique_index,
)

__all__ = ["DAYS_PER_YEAR", "FADER_HARDIE_2007_FITS", "MAX_SHAPE", "ShiftedBetaGeo",
           "cohort_survivors", "customer_durations", "kaplan_meier", "logrank_test",
           "retention_from_survivors", "sbg_pmf", "sbg_retention", "sbg_survival",
           "survival_at"]

DAYS_PER_YEAR = 365.25

MAX_SHAPE = 1e6
"""Largest α or β the closed forms accept: beyond it the log-beta differences lose the
precision the ratios need (and the churn probability is then the same for every customer)."""

_LOG_BOUND = 10.0
"""The fit searches log α and log β in [−10, 10]; an estimate at this edge has run away."""

_MAX_LOG_SE = 1.0
"""A fit whose log α or log β has a standard error above this (α or β uncertain by more than
a factor e either way) has a nearly flat likelihood: the counts do not identify α and β."""


# ---------------------------------------------------------------------------------------------
# input checks (shared with helpers.retention)
# ---------------------------------------------------------------------------------------------

def _customers(customers: object, name: str = "customers", *, reason: bool = False
               ) -> pd.DataFrame:
    """Check a customers table: ids (none missing, unique), acquisition dates (none missing),
    lost dates (may be empty) not before them and, with ``reason``, a lost reason for every
    lost customer."""
    needed = ["customer_id", "acquisition_date", "lost_date"] + (["lost_reason"] if reason else [])
    frame = require_frame(customers, name, needed)
    require_no_nan(frame["customer_id"], f"{name}['customer_id']")
    date_column(frame, "acquisition_date", name)
    date_column(frame, "lost_date", name, allow_nat=True)
    backwards = frame["lost_date"] < frame["acquisition_date"]
    if backwards.any():
        shown = frame[["customer_id", "acquisition_date", "lost_date"]]
        raise ValueError(f"{name}: lost_date must not be before acquisition_date (dates out of "
                         f"order) in {int(backwards.sum())} row(s):"
                         f"{offenders(shown, backwards)}")
    if reason:
        _labels(frame["lost_reason"], f"{name}['lost_reason']")
        lost = frame["lost_date"].notna()
        unexplained = lost & frame["lost_reason"].isin(["none", ""])
        if unexplained.any():
            raise ValueError(f"{name}: every lost customer needs a lost_reason other than "
                             f"'none'; {int(unexplained.sum())} do not:"
                             f"{offenders(frame[['customer_id', 'lost_reason']], unexplained)}")
    require_unique(frame, ["customer_id"], name)
    return frame


def _labels(values: pd.Series, label: str) -> pd.Series:
    """A column of labels (groups, reasons): none missing, and all text or all not text (a
    number among text labels cannot be sorted with them)."""
    require_no_nan(values, label)
    if values.dtype == object:
        text = values.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
        if text.any() and not text.all():
            raise TypeError(f"{label} mixes text labels with other values "
                            f"({offenders(values, ~text)}): write every label as text")
    return values


def _window(customers: pd.DataFrame, end: pd.Timestamp, name: str) -> None:
    late = customers["acquisition_date"] > end
    if late.any():
        raise ValueError(f"{name}: acquisition_date after the end of the data ({end.date()}, "
                         f"end) in {int(late.sum())} row(s):"
                         f"{offenders(customers[['customer_id', 'acquisition_date']], late)}")
    after = customers["lost_date"] > end
    if after.any():
        raise ValueError(f"{name}: lost_date after the end of the data ({end.date()}, end) in "
                         f"{int(after.sum())} row(s):"
                         f"{offenders(customers[['customer_id', 'lost_date']], after)}")


def _is_one(value: object) -> bool:
    """Whether ``value`` is meant as one number (or is something no list can be)."""
    return value is None or isinstance(value, (numbers.Number, str, bytes, np.bool_))


def _values(value: object, name: str, *, low: float | None = None, high: float | None = None,
            rate: bool = False, high_open: bool = False, integer: bool = False
            ) -> tuple[np.ndarray, bool]:
    """A number or a list/array/Series of numbers as a float array, checked for type,
    finiteness and range (a ``rate`` above 1 refused with the hint that 8 % is 0.08), and
    whether it was one number."""
    if _is_one(value):
        if rate:
            number = check_rate(value, name, low=0.0 if low is None else low,
                                high=1.0 if high is None else high, high_open=high_open)
        else:
            number = check_number(value, name, low=low, high=high, high_open=high_open,
                                  integer=integer)
        return np.asarray(float(number)), True
    if rate:
        low, high = (0.0 if low is None else low), (1.0 if high is None else high)
    series = as_numeric_series(value, name, low=low, integer=integer)
    if high is not None:
        arr = series.to_numpy()
        bad = arr >= high if high_open else arr > high
        if bad.any():
            lead = f"{name} must be below {high:g}" if high_open else (
                f"{name} must lie between {0.0 if low is None else low:g} and {high:g}")
            hint = " (a rate is written as a fraction: 8 % is 0.08)" if rate else ""
            raise ValueError(f"{lead}{hint}; {int(bad.sum()):,} value(s) are not: "
                             f"{offenders(series, bad)}")
    return series.to_numpy(), False


# ---------------------------------------------------------------------------------------------
# customer lifetimes and survival curves (Kaplan–Meier)
# ---------------------------------------------------------------------------------------------

def cohort_survivors(customers: pd.DataFrame, *, end: object = "2024-12-31") -> pd.DataFrame:
    """Each acquisition-year cohort's customers still active at the end of each later year.

    Long table with one row per cohort (acquisition year) and year end from the cohort's own
    year to ``end``: ``cohort, year, acquired, survivors, survival`` (survivors / acquired).
    Source: the cohort (survivor) tables of Fader & Hardie (2007), "How to project customer
    retention", *Journal of Interactive Marketing* 21(1), 76-90.

    >>> customers = pd.DataFrame({"customer_id": [1, 2, 3],
    ...     "acquisition_date": pd.to_datetime(["2022-05-01", "2022-03-01", "2023-02-01"]),
    ...     "lost_date": pd.to_datetime([None, "2023-06-01", None])})
    >>> cohort_survivors(customers, end="2023-12-31")
       cohort  year  acquired  survivors  survival
    0    2022  2022         2          2       1.0
    1    2022  2023         2          1       0.5
    2    2023  2023         1          1       1.0
    """
    frame = _customers(customers)
    stop = as_timestamp(end, "end")
    _window(frame, stop, "customers")
    cohort = frame["acquisition_date"].dt.year.to_numpy()
    years = np.arange(cohort.min(), stop.year + 1)
    check_cells(len(frame), len(years), "cohort_survivors")
    year_end = pd.to_datetime([f"{y}-12-31" for y in years]).to_numpy()
    alive = (frame["lost_date"].isna().to_numpy()[:, None]
             | (frame["lost_date"].to_numpy()[:, None] > year_end))
    long = pd.DataFrame({"cohort": np.repeat(cohort, len(years)),
                         "year": np.tile(years, len(frame)),
                         "survivors": alive.ravel().astype(np.int64)})
    long = long[long["year"] >= long["cohort"]]
    table = long.groupby(["cohort", "year"], as_index=False)["survivors"].sum()
    table.insert(2, "acquired", table["cohort"].map(pd.Series(cohort).value_counts()))
    table["survival"] = table["survivors"] / table["acquired"]
    return table


def customer_durations(customers: pd.DataFrame, *, end: object = "2024-12-31",
                       observed_from: object | None = "2022-01-01") -> pd.DataFrame:
    """Each customer's lifetime so far: years from acquisition to loss, or to ``end`` (censored).

    Returns, indexed by ``customer_id``: ``duration`` (years of 365.25 days from
    ``acquisition_date`` to ``lost_date``, or to ``end`` for active customers), ``event``
    (1 = lost, 0 = still active: right-censored, 删失) and ``entry`` (years from acquisition to
    ``observed_from`` for customers won before the data start, else 0). Such customers are in
    the data only because they survived until ``observed_from`` (left truncation); passing
    ``entry`` to :func:`kaplan_meier` counts them at risk only from then on. Use
    ``observed_from=None`` if losses before acquisition-time zero are all in the data.
    Source: Kleinbaum & Klein (2012), *Survival Analysis*, ch. 1 (censoring, delayed entry).

    >>> customers = pd.DataFrame({"customer_id": [2, 4],
    ...     "acquisition_date": pd.to_datetime(["2021-03-01", "2022-07-01"]),
    ...     "lost_date": pd.to_datetime(["2022-06-01", None])})
    >>> customer_durations(customers, end="2023-12-31").round(4)  # 457 and 548 days
                 duration  event   entry
    customer_id
    2              1.2512      1  0.8378
    4              1.5003      0  0.0000
    """
    frame = _customers(customers)
    stop = as_timestamp(end, "end")
    _window(frame, stop, "customers")
    lost = frame["lost_date"].notna()
    finish = frame["lost_date"].where(lost, stop)
    days = (finish - frame["acquisition_date"]).dt.days.to_numpy()
    if observed_from is None:
        entry_days = np.zeros(len(frame))
    else:
        start = as_timestamp(observed_from, "observed_from")
        if start >= stop:
            raise ValueError(f"observed_from must be before end, got {start.date()} and "
                             f"{stop.date()}")
        early = lost & (frame["lost_date"] < start)
        if early.any():
            raise ValueError(f"customers: lost_date before observed_from ({start.date()}) in "
                             f"{int(early.sum())} row(s): such losses are not observed")
        entry_days = np.clip((start - frame["acquisition_date"]).dt.days.to_numpy(), 0, None)
    zero = days <= 0
    if zero.any():
        raise ValueError(f"customers: {int(zero.sum())} customer(s) have a lifetime of 0 days "
                         "(lost on the acquisition day or acquired on the last day, end); a "
                         "survival curve needs positive durations")
    return pd.DataFrame({"duration": days / DAYS_PER_YEAR,
                         "event": lost.to_numpy().astype(np.int64),
                         "entry": entry_days / DAYS_PER_YEAR},
                        index=pd.Index(frame["customer_id"].to_numpy(), name="customer_id"))


def _durations(durations: object, groups: object | None) -> tuple[pd.DataFrame, pd.Series]:
    """Check a durations table (and its groups): positive durations, events 0 or 1, entry
    times from 0 up to the duration, one row per customer."""
    frame = require_frame(durations, "durations", ["duration", "event"])
    duration = numeric_column(frame, "duration", "durations")
    bad = duration <= 0
    if bad.any():
        raise ValueError(f"durations['duration'] must be positive; offending rows: "
                         f"{offenders(duration, bad)}")
    event = numeric_column(frame, "event", "durations", allow_bool=True)
    if not event.isin([0, 1]).all():
        raise ValueError(f"durations['event'] must be 0 (censored) or 1 (lost); offending "
                         f"rows: {offenders(event, ~event.isin([0, 1]))}")
    checked = pd.DataFrame({"duration": duration, "event": event.astype(np.int64)},
                           index=frame.index)
    if "entry" in frame:
        entry = numeric_column(frame, "entry", "durations", low=0)
        late = entry >= duration
        if late.any():
            shown = pd.DataFrame({"entry": entry, "duration": duration})
            raise ValueError("durations['entry'] must be before 'duration' (a customer enters "
                             f"observation before it leaves); offending rows:"
                             f"{offenders(shown, late)}")
        checked["entry"] = entry
    require_unique_index(frame, "durations")
    if groups is None:
        return checked, pd.Series("all", index=frame.index, name="group")
    if not isinstance(groups, pd.Series):
        raise TypeError(f"groups must be a pandas Series indexed like durations, got "
                        f"{type(groups).__name__}")
    require_unique_index(groups, "groups", "one label per customer")
    missing = frame.index.difference(groups.index)
    if len(missing):
        raise ValueError(f"groups has no value for {len(missing)} customer(s) of durations, "
                         f"e.g. {missing[:5].tolist()}")
    group = _labels(groups.reindex(frame.index), "groups")
    return checked, group.rename(groups.name or "group")


def kaplan_meier(durations: pd.DataFrame, groups: pd.Series | None = None, *,
                 alpha: float = 0.05) -> pd.DataFrame:
    """Kaplan–Meier survival curve(s) of customer lifetimes, with pointwise confidence bands.

    ``durations`` as from :func:`customer_durations` (``duration``, ``event`` and optionally
    ``entry`` for delayed entry); ``groups`` an optional Series (same index) of segment labels;
    ``alpha`` the error rate of the band (0.05: 95 %).
    Estimated with ``statsmodels.duration.survfunc.SurvfuncRight``:
    S(t) = ∏_{t_i ≤ t} (1 − d_i / n_i), with d_i losses and n_i customers at risk at t_i.
    Returns one row per group and event time, starting with time 0 (survival 1) and ending
    at the group's longest follow-up (a row with no loss, so that the curve can be drawn to
    the end of the data): ``group, time, at_risk, lost, survival, se, lower, upper``; the band
    uses the log(−log) transform (Kalbfleisch & Prentice 2002, *The Statistical Analysis of
    Failure Time Data*, §1.4).
    Source: Kaplan, E. L. & Meier, P. (1958), *JASA* 53(282), 457-481.

    >>> durations = pd.DataFrame({"duration": [1.0, 2, 2, 3, 4], "event": [1, 1, 0, 1, 0]})
    >>> kaplan_meier(durations)[["time", "at_risk", "lost", "survival"]]
       time  at_risk  lost  survival
    0   0.0        5     0       1.0
    1   1.0        5     1       0.8
    2   2.0        4     1       0.6
    3   3.0        2     1       0.3
    4   4.0        1     0       0.3
    """
    frame, group = _durations(durations, groups)
    alpha = check_fraction(alpha, "alpha", low_open=True, high_open=True)
    from scipy import stats
    from statsmodels.duration.survfunc import SurvfuncRight

    z = stats.norm.ppf(1 - alpha / 2)
    parts = []
    for label in sorted(pd.unique(group)):
        rows = frame[(group == label).to_numpy()]
        if rows["event"].sum() == 0:
            raise ValueError(f"group {label!r} has no lost customer: its survival curve is flat "
                             "at 1 and cannot be estimated; merge it with another group "
                             "(groups)")
        entry = rows["entry"].to_numpy() if "entry" in rows else None
        fit = SurvfuncRight(rows["duration"].to_numpy(), rows["event"].to_numpy(), entry=entry)
        surv = fit.surv_prob
        se = fit.surv_prob_se
        with np.errstate(divide="ignore", invalid="ignore"):
            log_s = np.log(surv)
            theta_se = np.where((surv > 0) & (surv < 1), se / np.abs(surv * log_s), 0.0)
            lower = np.where(surv > 0, surv ** np.exp(-z * theta_se), 0.0)
            upper = np.where(surv > 0, surv ** np.exp(z * theta_se), 0.0)
        # close the curve at the longest follow-up if that is after the last loss
        last = float(rows["duration"].max())
        tail = int(last > fit.surv_times[-1])
        n_tail = int((rows["duration"] >= last).sum())
        low, high = np.minimum(lower, upper), np.maximum(lower, upper)
        parts.append(pd.DataFrame({
            "group": label, "time": np.r_[0.0, fit.surv_times, [last] * tail],
            "at_risk": np.r_[len(rows), fit.n_risk, [n_tail] * tail].astype(np.int64),
            "lost": np.r_[0, fit.n_events, [0] * tail].astype(np.int64),
            "survival": np.r_[1.0, surv, surv[-1:] if tail else []],
            "se": np.r_[0.0, se, se[-1:] if tail else []],
            "lower": np.r_[1.0, low, low[-1:] if tail else []],
            "upper": np.r_[1.0, high, high[-1:] if tail else []]}))
    return pd.concat(parts, ignore_index=True)


def survival_at(curves: pd.DataFrame, times: Sequence[float]) -> pd.DataFrame:
    """Read Kaplan–Meier curves (from :func:`kaplan_meier`) at given times: S(t) is a step
    function, so the value at t is the one at the last event time ≤ t (1 before the first).

    ``curves`` needs ``group``, ``time`` (≥ 0) and ``survival`` (0 to 1), one row per group and
    time; ``times`` is one number or a list of them (finite, ≥ 0). Returns a table with one
    row per group and one column per time.

    >>> curves = pd.DataFrame({"group": "all", "time": [0.0, 1, 2, 3],
    ...                        "survival": [1.0, 0.8, 0.6, 0.3]})
    >>> survival_at(curves, [0, 1.5, 3.5])
    time   0.0  1.5  3.5
    group
    all    1.0  0.8  0.3
    """
    frame = require_frame(curves, "curves", ["group", "time", "survival"])
    require_no_nan(frame["group"], "curves['group']")
    time = numeric_column(frame, "time", "curves", low=0)
    surv = numeric_column(frame, "survival", "curves", low=0, high=1)
    require_unique(frame, ["group", "time"], "curves")
    at, _ = _values(times, "times", low=0)
    at = np.atleast_1d(at)
    out = {}
    for label, rows in pd.DataFrame({"time": time, "survival": surv}).groupby(
            frame["group"].to_numpy(), sort=False):
        rows = rows.sort_values("time")
        pos = np.searchsorted(rows["time"].to_numpy(), at, side="right") - 1
        values = rows["survival"].to_numpy()[np.clip(pos, 0, None)]
        out[label] = np.where(pos >= 0, values, 1.0)
    return pd.DataFrame(out, index=pd.Index(at, name="time")).T.rename_axis("group")


def logrank_test(durations: pd.DataFrame, groups: pd.Series) -> pd.Series:
    """Log-rank test that the survival curves of the groups are equal.

    Uses ``statsmodels.duration.survfunc.survdiff`` (with delayed entry if ``durations`` has
    ``entry``). Returns ``statistic`` (chi-square), ``df`` (groups − 1) and ``p_value``.
    Source: Mantel, N. (1966), *Cancer Chemotherapy Reports* 50(3), 163-170.

    >>> durations = pd.DataFrame({"duration": [1.0, 2, 3, 1, 2, 3], "event": [1, 0, 1, 1, 0, 1]})
    >>> logrank_test(durations, pd.Series(["a", "a", "a", "b", "b", "b"]))
    statistic    0.0
    df           1.0
    p_value      1.0
    Name: log-rank test, dtype: float64
    """
    if groups is None:
        raise TypeError("groups must be a pandas Series of group labels indexed like "
                        "durations, got None")
    frame, group = _durations(durations, groups)
    if group.nunique() < 2:
        raise ValueError("groups must hold at least two different labels to compare curves")
    from statsmodels.duration.survfunc import survdiff

    entry = frame["entry"].to_numpy() if "entry" in frame else None
    chi2, p_value = survdiff(frame["duration"].to_numpy(), frame["event"].to_numpy(),
                             pd.factorize(group)[0], entry=entry)
    return pd.Series({"statistic": float(chi2), "df": float(group.nunique() - 1),
                      "p_value": float(p_value)}, name="log-rank test")


# ---------------------------------------------------------------------------------------------
# survivor curves
# ---------------------------------------------------------------------------------------------

def _survivor_counts(survivors: object, name: str = "survivors",
                     cohort_size: object = None) -> pd.Series:
    """Check a survivor curve: numbers, finite, none negative, period 0 first and positive
    (equal to ``cohort_size`` if given), never increasing."""
    series = as_numeric_series(survivors, name, low=0)
    if isinstance(survivors, pd.Series) and pd.api.types.is_integer_dtype(survivors.index):
        if not np.array_equal(series.index.to_numpy(), np.arange(len(series))):
            raise ValueError(f"{name} must be indexed by the periods 0, 1, 2, ... (period 0 = "
                             f"the cohort size); got {series.index.tolist()[:8]} — a curve "
                             "cut from a longer one must start at period 0")
    series = series.reset_index(drop=True)
    if len(series) < 2:
        raise ValueError(f"{name} needs at least two values: the cohort size at period 0 and "
                         "the survivors of at least one later period")
    first = float(series.iloc[0])
    if first <= 0:
        raise ValueError(f"{name}[0] is the cohort size and must be positive, got {first:g}")
    if cohort_size is not None:
        size = check_number(cohort_size, "cohort_size", low=0, low_open=True)
        if not np.isclose(first, size):
            raise ValueError(f"{name}[0] must be the cohort size {size:g} (cohort_size: "
                             f"everyone is a customer at period 0), got {first:g}")
    rising = series.diff() > 0
    if rising.any():
        raise ValueError(f"{name} must never increase (a cohort only loses customers); it "
                         f"rises at period(s): {offenders(series, rising)}")
    return series


def retention_from_survivors(survivors: object, cohort_size: float | None = None
                             ) -> pd.DataFrame:
    """Period retention r_t = S(t) / S(t−1) and churn 1 − r_t of a survivor curve.

    ``survivors`` holds the cohort size at period 0 and the survivors at periods 1, 2, …
    (never increasing); ``cohort_size``, if given, must equal the first value. Returns one row
    per period t ≥ 1 with ``survivors, retention_rate, churn_rate``; after the cohort dies out
    (S(t−1) = 0) the rate is undefined and an error is raised. Source: Fader & Hardie (2007),
    eq. (1).

    >>> retention_from_survivors([100, 80, 60])
            survivors  retention_rate  churn_rate
    period
    1            80.0            0.80        0.20
    2            60.0            0.75        0.25
    """
    series = _survivor_counts(survivors, cohort_size=cohort_size)
    previous = series.shift(1).iloc[1:]
    if (previous == 0).any():
        raise ValueError("survivors reach 0 before the last period: retention after that is "
                         "undefined; cut the curve at the first 0")
    rate = series.iloc[1:] / previous
    return pd.DataFrame({"survivors": series.iloc[1:], "retention_rate": rate,
                         "churn_rate": 1.0 - rate}).rename_axis("period")


# ---------------------------------------------------------------------------------------------
# the closed forms
# ---------------------------------------------------------------------------------------------

def _ab(alpha: object, beta: object) -> tuple[float, float]:
    return (check_number(alpha, "alpha", low=0, low_open=True, high=MAX_SHAPE),
            check_number(beta, "beta", low=0, low_open=True, high=MAX_SHAPE))


def _periods(t: object, low: int) -> np.ndarray | float:
    """Whole periods ``t`` (a number, or a list, array or Series of them), at least ``low``:
    a float for a number, a float array otherwise."""
    if isinstance(t, (numbers.Number, str, bool, np.bool_)) or t is None:
        return float(check_number(t, "t", low=low, integer=True))
    return as_numeric_series(t, "t", low=low, integer=True).to_numpy()


def sbg_pmf(t: object, alpha: float, beta: float) -> np.ndarray | float:
    """P(T = t) = B(α + 1, β + t − 1) / B(α, β), t = 1, 2, …: the chance a customer leaves in
    period t under the sBG model. Computed on the log scale with ``scipy.special.betaln``;
    ``t`` a whole number (a float comes back) or a list/array of them (an array comes back);
    α and β positive, at most :data:`MAX_SHAPE`. Source: Fader & Hardie (2007), eq. (5).

    >>> sbg_pmf([1, 2, 3], 1, 1)   # α = β = 1: 1 / (t (t + 1))
    array([0.5       , 0.16666667, 0.08333333])
    """
    a, b = _ab(alpha, beta)
    t = _periods(t, 1)
    from scipy import special

    return np.exp(special.betaln(a + 1, b + t - 1) - special.betaln(a, b))


def sbg_survival(t: object, alpha: float, beta: float) -> np.ndarray | float:
    """S(t) = B(α, β + t) / B(α, β), t = 0, 1, …: the share of a cohort still a customer after
    t periods. Source: Fader & Hardie (2007), eq. (6).

    >>> float(sbg_survival(1, 2, 3))   # B(2, 4) / B(2, 3) = (1/20) / (1/12)
    0.6
    """
    a, b = _ab(alpha, beta)
    t = _periods(t, 0)
    from scipy import special

    return np.exp(special.betaln(a, b + t) - special.betaln(a, b))


def sbg_retention(t: object, alpha: float, beta: float) -> np.ndarray | float:
    """r_t = S(t) / S(t − 1) = (β + t − 1) / (α + β + t − 1), t = 1, 2, …: the retention rate
    of period t, which rises with t as the likelier leavers drop out first.
    Source: Fader & Hardie (2007), eq. (8).

    >>> sbg_retention([1, 2], 1, 1)
    array([0.5       , 0.66666667])
    """
    a, b = _ab(alpha, beta)
    t = _periods(t, 1)
    return (b + t - 1) / (a + b + t - 1)


# ---------------------------------------------------------------------------------------------
# the fitted model
# ---------------------------------------------------------------------------------------------

def _log_likelihood(log_ab: np.ndarray, lost: np.ndarray, alive: float, n: int) -> float:
    """LL(α, β) = Σ_t lost_t ln P(T = t) + alive · ln S(n), with α, β = exp(log_ab)."""
    a, b = np.exp(log_ab)
    t = np.arange(1, n + 1)
    from scipy import special

    base = special.betaln(a, b)
    ll_lost = lost @ (special.betaln(a + 1, b + t - 1) - base)
    return float(ll_lost + alive * (special.betaln(a, b + n) - base))


def _hessian(f: object, x: np.ndarray, h: float = 1e-3) -> np.ndarray:
    """Central-difference Hessian of ``f`` at ``x`` (two parameters: nine evaluations)."""
    eye = np.eye(len(x)) * h
    hess = np.empty((len(x), len(x)))
    for i in range(len(x)):
        for j in range(i, len(x)):
            hess[i, j] = hess[j, i] = (f(x + eye[i] + eye[j]) - f(x + eye[i] - eye[j])
                                       - f(x - eye[i] + eye[j]) + f(x - eye[i] - eye[j])
                                       ) / (4 * h * h)
    return hess


class ShiftedBetaGeo(Model):
    """The shifted-beta-geometric (sBG) model of contract renewals (Fader & Hardie 2007).

    Each customer has a fixed chance θ of leaving at each renewal; θ varies across customers
    as a beta(α, β) distribution. A cohort's survivor curve S(0) = n, S(1), …, S(n_periods)
    is fitted by maximum likelihood: the customers lost in period t contribute
    ln P(T = t) each and the customers still alive after the last period contribute
    ln S(n_periods) each (right-censored)::

        LL(α, β) = Σ_t [S(t − 1) − S(t)] ln P(T = t) + S(last) ln S(last)

    ``fit(survivors)`` sets ``params_`` (``alpha``, ``beta``), ``log_likelihood_``,
    ``cohort_size_``, ``survivors_``, ``n_periods_``, ``converged_`` and ``fit_problems_``.
    ``survival(t)``, ``retention_rate(t)``, ``pmf(t)``, ``predict(t)`` (expected survivors)
    and ``projection(horizon)`` project the curve; ``summary()`` gives the fitted numbers.

    The counts identify α and β only through the *shape* of the curve: with one period (only
    the mean churn α / (α + β) is seen), a curve that is geometric (the same churn for every
    customer: α and β run off towards infinity) or one that falls to 0 at once, the fit warns
    (:class:`helpers.model.FitWarning`) and sets ``converged_ = False``.

    >>> model = ShiftedBetaGeo().fit([1000, 631, 468, 382, 326, 289, 262, 241])
    >>> model.params_.round(3).to_dict()   # Fader & Hardie (2007), "regular": 0.704, 1.182
    {'alpha': 0.704, 'beta': 1.182}
    >>> model
    ShiftedBetaGeo(); alpha=0.704, beta=1.182, 7 periods
    """

    _fit_call = "survivors"

    def __init__(self) -> None:
        pass

    def _ab(self) -> tuple[float, float]:
        self._require_fitted()
        return float(self.params_["alpha"]), float(self.params_["beta"])

    def fit(self, survivors: object, cohort_size: float | None = None) -> ShiftedBetaGeo:
        """Fit α and β by maximum likelihood to a survivor curve (period 0 = cohort size).

        The optimiser (``scipy.optimize.minimize``, L-BFGS-B on log α and log β within
        [−10, 10], three starting points) works on the log-likelihood written with
        ``scipy.special.betaln``, which stays finite where the beta function itself would
        overflow. The fit is flagged (``converged_ = False``, a ``FitWarning``) when the curve
        has a single period, an estimate reaches the edge of the search (runs off towards 0
        or infinity), the likelihood is flat at the estimate or the optimiser fails.

        >>> import warnings
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     one_period = ShiftedBetaGeo().fit([100, 60])
        >>> one_period.converged_, caught[0].category.__name__
        (False, 'FitWarning')
        """
        series = _survivor_counts(survivors, cohort_size=cohort_size)
        values = series.to_numpy()
        lost = values[:-1] - values[1:]
        if lost.sum() == 0:
            raise ValueError("survivors never fall: no customer was lost, so the churn "
                             "probabilities cannot be estimated")
        n = len(values) - 1
        alive = float(values[-1])

        def nll(x: np.ndarray) -> float:
            return -_log_likelihood(x, lost, alive, n)

        from scipy import optimize

        best = None
        for start in ((0.0, 0.0), (-1.0, 1.0), (1.0, 2.0)):
            result = optimize.minimize(nll, np.array(start), method="L-BFGS-B",
                                       bounds=[(-_LOG_BOUND, _LOG_BOUND)] * 2,
                                       options={"ftol": 1e-14, "gtol": 1e-9, "maxiter": 2000})
            if best is None or result.fun < best.fun:
                best = result
        if not np.isfinite(best.fun):
            raise ValueError("survivors: the sBG log-likelihood is not finite for these counts "
                             "(values too large for floating point); give counts of customers")
        alpha, beta = np.exp(best.x)
        self.params_ = pd.Series({"alpha": float(alpha), "beta": float(beta)}, name="sBG")
        self.log_likelihood_ = -float(best.fun)
        self.cohort_size_ = float(values[0])
        self.survivors_ = series.rename_axis("period")
        self.n_periods_ = n
        self._converged(self._problems(best, nll, n))
        return self

    @staticmethod
    def _problems(best: optimize.OptimizeResult, nll: object, n: int) -> list[str]:
        """Why the estimates cannot be trusted (empty when they can)."""
        if n == 1:
            return ["one period of survivors shows only the mean churn α / (α + β), not α and "
                    "β apart: give at least two periods"]
        edge = np.abs(best.x) >= _LOG_BOUND - 1e-3
        if edge.all() and (best.x > 0).all():
            return [f"α and β run off towards infinity (α = {np.exp(best.x[0]):.3g}, β = "
                    f"{np.exp(best.x[1]):.3g}): the curve is geometric, as if every customer "
                    "had the same churn probability"]
        if edge.any():
            ways = "; ".join(f"{name} towards {'infinity' if value > 0 else '0'}, "
                             f"{np.exp(value):.3g}"
                             for name, value, at in zip(("alpha", "beta"), best.x, edge) if at)
            return [f"the estimates run off ({ways}): the curve falls too steeply or too evenly "
                    "for the model"]
        hess = _hessian(nll, best.x)
        eig = np.linalg.eigvalsh(hess) if np.isfinite(hess).all() else np.array([np.nan])
        se = 1 / np.sqrt(eig.min()) if np.isfinite(eig).all() and eig.min() > 0 else np.inf
        if se > _MAX_LOG_SE:
            return [f"the likelihood is nearly flat at the estimate (standard error of log α "
                    f"or log β up to {se:.3g}): too few customers or periods to tell α and β "
                    "apart"]
        step = np.linalg.solve(hess, best.jac)  # the Newton step still left to the maximum
        if not best.success and np.max(np.abs(step)) > 1e-4:
            return [f"the optimiser stopped before the maximum: {best.message}"]
        return []

    def _describe_fit(self) -> str:
        alpha, beta = self._ab()
        text = f"alpha={alpha:.3f}, beta={beta:.3f}, {self.n_periods_} periods"
        return text + ("" if self.converged_ else ", not converged")

    def pmf(self, t: object) -> np.ndarray | float:
        """P(T = t): the share of the cohort lost in period t (see :func:`sbg_pmf`).

        >>> ShiftedBetaGeo().fit([1000, 631, 468, 382]).pmf([1, 2]).round(3)
        array([0.37 , 0.158])
        """
        return sbg_pmf(t, *self._ab())

    def survival(self, t: object) -> np.ndarray | float:
        """S(t): the share of the cohort still a customer after t periods.

        >>> ShiftedBetaGeo().fit([1000, 631, 468, 382]).survival([0, 3]).round(3)
        array([1.   , 0.382])
        """
        return sbg_survival(t, *self._ab())

    def retention_rate(self, t: object) -> np.ndarray | float:
        """r_t = (β + t − 1) / (α + β + t − 1): the retention rate of period t.

        >>> ShiftedBetaGeo().fit([1000, 631, 468, 382]).retention_rate([1, 2]).round(3)
        array([0.63 , 0.749])
        """
        return sbg_retention(t, *self._ab())

    def predict(self, t: object) -> np.ndarray | float:
        """Expected survivors after t periods: cohort size × S(t).

        >>> round(float(ShiftedBetaGeo().fit([1000, 631, 468, 382]).predict(12)))
        156
        """
        self._require_fitted()
        return self.cohort_size_ * self.survival(t)

    def projection(self, horizon: int, actual: object | None = None) -> pd.DataFrame:
        """Periods 0..horizon (at most :data:`helpers.validation.MAX_PERIODS`):
        ``expected_survivors``, ``survival`` and ``retention_rate`` (period 0 has no retention
        rate and shows 1), ``fitted`` (True for the periods used in the fit) and, if
        ``actual`` survivors are given (period 0 first), ``actual_survivors`` and
        ``actual_retention``, empty (NaN) for the periods beyond them.

        >>> model = ShiftedBetaGeo().fit([1000, 631, 468, 382])
        >>> table = model.projection(4, [1000, 631, 468, 382, 326])
        >>> table[["expected_survivors", "fitted", "actual_survivors"]].round(1)
                expected_survivors  fitted  actual_survivors
        period
        0                   1000.0    True            1000.0
        1                    629.8    True             631.0
        2                    471.4    True             468.0
        3                    381.7    True             382.0
        4                    323.2   False             326.0
        """
        self._require_fitted()
        horizon = check_int(horizon, "horizon", 1, MAX_PERIODS)
        t = np.arange(horizon + 1)
        table = pd.DataFrame({"expected_survivors": self.predict(t),
                              "survival": self.survival(t),
                              "retention_rate": np.r_[1.0, self.retention_rate(t[1:])]},
                             index=pd.Index(t, name="period"))
        table["fitted"] = table.index <= self.n_periods_
        if actual is not None:
            observed = _survivor_counts(actual, "actual", cohort_size=self.cohort_size_)
            observed = observed.iloc[: horizon + 1]
            table["actual_survivors"] = observed
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = observed / observed.shift(1)
            ratio.iloc[0] = 1.0
            table["actual_retention"] = ratio
        return table

    def summary(self) -> pd.DataFrame:
        """α, β, the mean churn probability α / (α + β), the log-likelihood and the data size.

        >>> ShiftedBetaGeo().fit([1000, 631, 468, 382]).summary().round(3)
                                        value
        alpha                           0.784
        beta                            1.333
        mean churn probability E(θ)     0.370
        log-likelihood              -1242.314
        cohort size                  1000.000
        periods fitted                  3.000
        """
        alpha, beta = self._ab()
        return pd.DataFrame({"value": [alpha, beta, alpha / (alpha + beta), self.log_likelihood_,
                                       self.cohort_size_, self.n_periods_]},
                            index=["alpha", "beta", "mean churn probability E(θ)",
                                   "log-likelihood", "cohort size", "periods fitted"])
