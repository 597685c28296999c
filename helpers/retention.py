"""Customer retention: rates, survival curves, the sBG model and retention economics (chapter 07).

* rates: :func:`retention_rate` (retention and churn from counts), :func:`period_retention`
  (customers at the start of each year who are still customers at its end),
  :func:`group_retention` (the same pooled over the years, per group),
  :func:`cohort_survivors` (each acquisition cohort's survivors at each year end),
  :func:`repeat_rate_by_year` (the share of last year's buyers who buy again) and
  :func:`retention_from_survivors` (period retention of a survivor curve);
* survival analysis: :func:`customer_durations` (time from acquisition to loss, censored at the
  end of the data, with delayed entry for customers won before the observation window),
  :func:`kaplan_meier` (statsmodels' ``SurvfuncRight``, by segment), :func:`survival_at` and
  :func:`logrank_test`;
* the shifted-beta-geometric model of Fader & Hardie (2007): :class:`ShiftedBetaGeo`, the
  closed forms :func:`sbg_pmf`, :func:`sbg_survival`, :func:`sbg_retention`, and the paper's
  published estimates :data:`FADER_HARDIE_2007_FITS`;
* retention economics: :func:`retained_value` (present value of a customer kept with
  probability r each period), :func:`retention_gain` (what a retention gain of Δ is worth),
  :func:`steady_state_base` (the base a steady flow of acquisitions sustains),
  :func:`churn_causes`, :func:`annual_profit`, :func:`lost_customer_values` (each lost
  customer's lifetime value), :func:`churn_loss_table`,
  :func:`avoidable_churn_loss` and :func:`retention_decision` (retain while it costs less than
  the profit lost);
* permanent vs temporary loss: :func:`loss_type`;
* the lecture's frameworks as tables: :func:`three_degree_model`, :func:`retention_levels`,
  :func:`churn_prevention`.

Conventions: customers come as the case company's ``customers`` table (``customer_id``,
``acquisition_date``, ``lost_date`` empty for active customers, ``lost_reason``); durations
are in years of 365.25 days. Bad input raises a ``ValueError`` or ``TypeError`` that names the
argument, the rule and the rows at fault.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import optimize, special, stats
from statsmodels.duration.survfunc import SurvfuncRight, survdiff

from .datasets.case_company import AVOIDABLE_LOST_REASONS
from .datasets.published import FADER_HARDIE_2007_FITS  # the published sBG fits
from .validation import (as_numeric_series, as_timestamp, _offenders, require_columns,
                         require_frame, require_no_nan, require_nonnegative, require_probability)

__all__ = [
    "AVOIDABLE_LOST_REASONS", "DAYS_PER_YEAR", "FADER_HARDIE_2007_FITS", "ShiftedBetaGeo",
    "annual_profit", "avoidable_churn_loss", "churn_causes", "churn_loss_table",
    "churn_prevention", "cohort_survivors", "customer_durations", "group_retention",
    "kaplan_meier", "logrank_test", "loss_type", "lost_customer_values", "period_retention", "repeat_rate_by_year", "retained_value", "retention_decision",
    "retention_from_survivors", "retention_gain", "retention_levels", "retention_rate",
    "sbg_pmf", "sbg_retention", "sbg_survival", "steady_state_base", "survival_at",
    "three_degree_model",
]

DAYS_PER_YEAR = 365.25


# ---------------------------------------------------------------------------------------------
# input checks
# ---------------------------------------------------------------------------------------------



def _customers(customers: object, name: str = "customers", *, reason: bool = False
               ) -> pd.DataFrame:
    """Check a customers table: ids, acquisition dates (no NaN), lost dates not before them."""
    frame = require_frame(customers, name)
    needed = ["customer_id", "acquisition_date", "lost_date"] + (["lost_reason"] if reason else [])
    require_columns(frame, needed, name)
    for column in ("acquisition_date", "lost_date"):
        if not pd.api.types.is_datetime64_any_dtype(frame[column]):
            raise TypeError(f"{name}[{column!r}] must hold dates (datetime64), got dtype "
                            f"{frame[column].dtype}; convert it with pd.to_datetime")
    require_no_nan(frame[["customer_id", "acquisition_date"]], name)
    duplicated = frame["customer_id"].duplicated(keep=False)
    if duplicated.any():
        raise ValueError(f"{name}['customer_id'] must be unique; repeated ids: "
                         f"{_offenders(frame['customer_id'], duplicated)}")
    backwards = frame["lost_date"] < frame["acquisition_date"]
    if backwards.any():
        raise ValueError(f"{name}: lost_date must not be before acquisition_date (dates out of "
                         f"order) in {int(backwards.sum())} row(s):\n"
                         f"{_offenders(frame[['customer_id', 'acquisition_date', 'lost_date']], backwards)}")
    if reason:
        require_no_nan(frame["lost_reason"], f"{name}['lost_reason']")
        lost = frame["lost_date"].notna()
        unexplained = lost & frame["lost_reason"].isin(["none", ""])
        if unexplained.any():
            raise ValueError(f"{name}: every lost customer needs a lost_reason other than "
                             f"'none'; {int(unexplained.sum())} do not:\n"
                             f"{_offenders(frame[['customer_id', 'lost_reason']], unexplained)}")
    return frame


def _window(customers: pd.DataFrame, end: pd.Timestamp, name: str) -> None:
    late = customers["acquisition_date"] > end
    if late.any():
        raise ValueError(f"{name}: acquisition_date after the end of the data ({end.date()}) in "
                         f"{int(late.sum())} row(s):\n"
                         f"{_offenders(customers[['customer_id', 'acquisition_date']], late)}")
    after = customers["lost_date"] > end
    if after.any():
        raise ValueError(f"{name}: lost_date after the end of the data ({end.date()}) in "
                         f"{int(after.sum())} row(s):\n"
                         f"{_offenders(customers[['customer_id', 'lost_date']], after)}")


def _rate(value: object, name: str) -> float:
    require_probability(value, name)  # type: ignore[arg-type]
    return float(value)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# retention and churn rates
# ---------------------------------------------------------------------------------------------

def retention_rate(at_start: object, retained: object) -> pd.DataFrame:
    """Retention and churn rates from counts: r = retained / at start, churn = 1 − r.

    ``at_start`` is the number of customers at the start of a period, ``retained`` how many of
    them are still customers at its end (customers won during the period are not counted).
    Numbers or equal-length sequences; returns columns ``at_start, retained, lost,
    retention_rate, churn_rate``. Source: the lecture's definition of the retention rate
    (客户保持率); e.g. Blattberg, Kim & Neslin (2008), *Database Marketing*, ch. 5.
    """
    start = as_numeric_series(np.atleast_1d(at_start), "at_start").reset_index(drop=True)
    kept = as_numeric_series(np.atleast_1d(retained), "retained").reset_index(drop=True)
    if len(start) != len(kept):
        raise ValueError(f"at_start and retained must have the same length, got {len(start)} "
                         f"and {len(kept)}")
    require_nonnegative(kept, "retained")
    empty = start <= 0
    if empty.any():
        raise ValueError(f"at_start must be positive (an empty group has no retention rate); "
                         f"offending values: {_offenders(start, empty)}")
    more = kept > start
    if more.any():
        raise ValueError(f"retained must not exceed at_start; offending rows: "
                         f"{_offenders(pd.DataFrame({'at_start': start, 'retained': kept}), more)}")
    rate = kept / start
    return pd.DataFrame({"at_start": start, "retained": kept, "lost": start - kept,
                         "retention_rate": rate, "churn_rate": 1.0 - rate})


def period_retention(customers: pd.DataFrame, years: Sequence[int] | None = None, *,
                     by: str | None = None, start: object = "2022-01-01",
                     end: object = "2024-12-31") -> pd.DataFrame:
    """Yearly retention and churn: customers at 1 January still customers on 31 December.

    A customer counts at the start of year Y if it was acquired before 1 January Y and not lost
    before it; it is lost in Y if its ``lost_date`` falls in Y. Customers won during Y are
    left out of Y's rate (they enter next year's). ``years`` defaults to the calendar years
    from ``start`` (when losses began to be recorded) to ``end``. With ``by`` (a column
    such as ``size``) the rates are per group. Returns one row per year (and group) with the
    columns of :func:`retention_rate`. Source: the lecture's retention rate; Blattberg, Kim &
    Neslin (2008), ch. 5.
    """
    frame = _customers(customers)
    stop = as_timestamp(end, "end")
    _window(frame, stop, "customers")
    if by is not None:
        require_columns(frame, [by], "customers")
        require_no_nan(frame[by], f"customers[{by!r}]")
    if years is None:
        years = list(range(as_timestamp(start, "start").year, stop.year + 1))
    years_arr = np.asarray(list(years), dtype=np.int64)
    if years_arr.size == 0:
        raise ValueError("years is empty: give at least one year")
    if (years_arr > stop.year).any():
        raise ValueError(f"years must not be after the end of the data ({stop.year}); got "
                         f"{years_arr[years_arr > stop.year].tolist()}")
    acq_year = frame["acquisition_date"].dt.year.to_numpy()[:, None]
    lost_year = frame["lost_date"].dt.year.fillna(np.inf).to_numpy()[:, None]
    at_start = (acq_year < years_arr) & (lost_year >= years_arr)
    lost = at_start & (lost_year == years_arr)
    retained = at_start & ~lost
    if by is None:
        table = pd.DataFrame({"at_start": at_start.sum(0), "retained": retained.sum(0)},
                             index=years_arr)
    else:
        long = pd.DataFrame({
            "year": np.broadcast_to(years_arr, at_start.shape).ravel(),
            by: np.repeat(frame[by].to_numpy(), len(years_arr)),
            "at_start": at_start.ravel(), "retained": retained.ravel()})
        table = long.groupby(["year", by])[["at_start", "retained"]].sum()
    empty = table["at_start"] == 0
    if empty.any():
        raise ValueError(f"no customers at the start of some year (empty group): "
                         f"{', '.join(map(str, table.index[empty]))}; choose other years")
    rates = retention_rate(table["at_start"].to_numpy(), table["retained"].to_numpy())
    rates.index = table.index.set_names("year" if by is None else ["year", by])
    return rates.astype({"at_start": "int64", "retained": "int64", "lost": "int64"})


def group_retention(customers: pd.DataFrame, by: str, years: Sequence[int] | None = None, *,
                    start: object = "2022-01-01", end: object = "2024-12-31") -> pd.DataFrame:
    """Retention per group pooled over the years: Σ retained / Σ customers at the start.

    The yearly counts of :func:`period_retention` (``by`` a column such as ``size``) are added
    up over ``years`` per group, which gives each group one retention rate that rests on all
    its customer-years. Returns one row per group with the columns of :func:`retention_rate`.
    """
    yearly = period_retention(customers, years, by=by, start=start, end=end)
    counts = yearly.groupby(level=by)[["at_start", "retained"]].sum()
    table = retention_rate(counts["at_start"].to_numpy(), counts["retained"].to_numpy())
    table.index = counts.index
    return table.astype({"at_start": "int64", "retained": "int64", "lost": "int64"})


def cohort_survivors(customers: pd.DataFrame, *, end: object = "2024-12-31") -> pd.DataFrame:
    """Each acquisition-year cohort's customers still active at the end of each later year.

    Long table with one row per cohort (acquisition year) and year end from the cohort's own
    year to ``end``: ``cohort, year, acquired, survivors, survival`` (survivors / acquired).
    Source: the cohort (survivor) tables of Fader & Hardie (2007), "How to project customer
    retention", *Journal of Interactive Marketing* 21(1), 76-90.
    """
    frame = _customers(customers)
    stop = as_timestamp(end, "end")
    _window(frame, stop, "customers")
    cohort = frame["acquisition_date"].dt.year.to_numpy()
    years = np.arange(cohort.min(), stop.year + 1)
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


def repeat_rate_by_year(orders: pd.DataFrame) -> pd.DataFrame:
    """Share of each year's buyers who buy again the next year (retention as repeat buying).

    ``orders`` needs ``customer_id`` and ``order_date``. One row per year Y (from the second
    year of data): ``buyers_before`` (customers who ordered in Y − 1), ``bought_again`` (of
    them, those who ordered in Y), ``repeat_rate``. Source: the lecture's measure of the
    retention rate as the share of customers who buy again (客户保持率).
    """
    frame = require_frame(orders, "orders")
    require_columns(frame, ["customer_id", "order_date"], "orders")
    require_no_nan(frame[["customer_id", "order_date"]], "orders")
    active = (frame.assign(year=frame["order_date"].dt.year)[["customer_id", "year"]]
              .drop_duplicates())
    years = np.sort(active["year"].unique())
    if len(years) < 2:
        raise ValueError("orders span a single year: a repeat rate needs two consecutive years")
    following = active.assign(year=active["year"] - 1, again=True)
    joined = active.merge(following, on=["customer_id", "year"], how="left")
    joined = joined[joined["year"] < years.max()]
    table = joined.groupby("year").agg(buyers_before=("customer_id", "size"),
                                       bought_again=("again", "count"))
    table.index = table.index + 1
    table["repeat_rate"] = table["bought_again"] / table["buyers_before"]
    return table


def _survivor_counts(survivors: object, name: str = "survivors",
                     cohort_size: float | None = None) -> pd.Series:
    """Check a survivor curve: numbers, no NaN, none negative, never increasing, first > 0."""
    series = as_numeric_series(survivors, name)
    if isinstance(survivors, pd.Series) and pd.api.types.is_integer_dtype(survivors.index):
        if not np.array_equal(series.index.to_numpy(), np.arange(len(series))):
            raise ValueError(f"{name} must be indexed by the periods 0, 1, 2, ... (period 0 = "
                             f"the cohort size); got {series.index.tolist()[:8]} — a curve "
                             "cut from a longer one must start at period 0")
    series = series.reset_index(drop=True)
    require_nonnegative(series, name)
    if len(series) < 2:
        raise ValueError(f"{name} needs at least two values: the cohort size at period 0 and "
                         "the survivors of at least one later period")
    if series.iloc[0] <= 0:
        raise ValueError(f"{name}[0] is the cohort size and must be positive, got "
                         f"{series.iloc[0]!r}")
    if cohort_size is not None and not np.isclose(series.iloc[0], cohort_size):
        raise ValueError(f"{name}[0] must be the cohort size {cohort_size!r} (everyone is a "
                         f"customer at period 0), got {series.iloc[0]!r}")
    rising = series.diff() > 0
    if rising.any():
        raise ValueError(f"{name} must never increase (a cohort only loses customers); it "
                         f"rises at period(s): {_offenders(series, rising)}")
    return series


def retention_from_survivors(survivors: object, cohort_size: float | None = None
                             ) -> pd.DataFrame:
    """Period retention r_t = S(t) / S(t−1) and churn 1 − r_t of a survivor curve.

    ``survivors`` holds the cohort size at period 0 and the survivors at periods 1, 2, …
    (never increasing). Returns one row per period t ≥ 1 with ``survivors, retention_rate,
    churn_rate``; after the cohort dies out (S(t−1) = 0) the rate is undefined and an error is
    raised. Source: Fader & Hardie (2007), eq. (1).
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
# survival analysis (Kaplan–Meier)
# ---------------------------------------------------------------------------------------------

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
        early = lost & (frame["lost_date"] < start)
        if early.any():
            raise ValueError(f"customers: lost_date before observed_from ({start.date()}) in "
                             f"{int(early.sum())} row(s): such losses are not observed")
        entry_days = np.clip((start - frame["acquisition_date"]).dt.days.to_numpy(), 0, None)
    zero = days <= 0
    if zero.any():
        raise ValueError(f"customers: {int(zero.sum())} customer(s) have a lifetime of 0 days "
                         "(lost on the acquisition day or acquired on the last day); a "
                         "survival curve needs positive durations")
    return pd.DataFrame({"duration": days / DAYS_PER_YEAR,
                         "event": lost.to_numpy().astype(np.int64),
                         "entry": entry_days / DAYS_PER_YEAR},
                        index=pd.Index(frame["customer_id"].to_numpy(), name="customer_id"))


def _durations(durations: object, groups: object | None) -> tuple[pd.DataFrame, pd.Series]:
    frame = require_frame(durations, "durations")
    require_columns(frame, ["duration", "event"], "durations")
    require_no_nan(frame[["duration", "event"]], "durations")
    if "entry" in frame:
        require_no_nan(frame["entry"], "durations['entry']")
    duration = as_numeric_series(frame["duration"], "durations['duration']")
    bad = duration <= 0
    if bad.any():
        raise ValueError(f"durations['duration'] must be positive; offending rows: "
                         f"{_offenders(duration, bad)}")
    event = frame["event"]
    if not event.isin([0, 1]).all():
        raise ValueError(f"durations['event'] must be 0 (censored) or 1 (lost); offending "
                         f"rows: {_offenders(event, ~event.isin([0, 1]))}")
    if "entry" in frame:
        late = frame["entry"] >= frame["duration"]
        if late.any():
            raise ValueError("durations['entry'] must be before 'duration' (a customer enters "
                             f"observation before it leaves); offending rows:\n"
                             f"{_offenders(frame[['entry', 'duration']], late)}")
    if groups is None:
        group = pd.Series("all", index=frame.index, name="group")
    else:
        if not isinstance(groups, pd.Series):
            raise TypeError(f"groups must be a pandas Series indexed like durations, got "
                            f"{type(groups).__name__}")
        missing = frame.index.difference(groups.index)
        if len(missing):
            raise ValueError(f"groups has no value for {len(missing)} customer(s) of durations, "
                             f"e.g. {missing[:5].tolist()}")
        group = groups.reindex(frame.index)
        require_no_nan(group, "groups")
        group = group.rename(groups.name or "group")
    return frame, group


def kaplan_meier(durations: pd.DataFrame, groups: pd.Series | None = None, *,
                 alpha: float = 0.05) -> pd.DataFrame:
    """Kaplan–Meier survival curve(s) of customer lifetimes, with pointwise confidence bands.

    ``durations`` as from :func:`customer_durations` (``duration``, ``event`` and optionally
    ``entry`` for delayed entry); ``groups`` an optional Series (same index) of segment labels.
    Estimated with ``statsmodels.duration.survfunc.SurvfuncRight``:
    S(t) = ∏_{t_i ≤ t} (1 − d_i / n_i), with d_i losses and n_i customers at risk at t_i.
    Returns one row per group and event time, starting with time 0 (survival 1) and ending
    at the group's longest follow-up (a row with no loss, so that the curve can be drawn to
    the end of the data): ``group, time, at_risk, lost, survival, se, lower, upper``; the band uses the log(−log) transform
    (Kalbfleisch & Prentice 2002, *The Statistical Analysis of Failure Time Data*, §1.4).
    Source: Kaplan, E. L. & Meier, P. (1958), *JASA* 53(282), 457-481.
    """
    frame, group = _durations(durations, groups)
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie between 0 and 1, got {alpha!r}")
    z = stats.norm.ppf(1 - alpha / 2)
    parts = []
    for label, rows in frame.groupby(group, sort=True):
        if rows["event"].sum() == 0:
            raise ValueError(f"group {label!r} has no lost customer: its survival curve is flat "
                             "at 1 and cannot be estimated; merge it with another group")
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
    function, so the value at t is the one at the last event time ≤ t.

    Returns a table with one row per group and one column per time.
    """
    require_frame(curves, "curves")
    require_columns(curves, ["group", "time", "survival"], "curves")
    at = as_numeric_series(list(times), "times")
    require_nonnegative(at, "times")
    out = {}
    for label, rows in curves.groupby("group", sort=False):
        rows = rows.sort_values("time")
        pos = np.searchsorted(rows["time"].to_numpy(), at.to_numpy(), side="right") - 1
        out[label] = rows["survival"].to_numpy()[pos]
    return pd.DataFrame(out, index=pd.Index(at.to_numpy(), name="time")).T.rename_axis("group")


def logrank_test(durations: pd.DataFrame, groups: pd.Series) -> pd.Series:
    """Log-rank test that the survival curves of the groups are equal.

    Uses ``statsmodels.duration.survfunc.survdiff`` (with delayed entry if ``durations`` has
    ``entry``). Returns ``statistic`` (chi-square), ``df`` (groups − 1) and ``p_value``.
    Source: Mantel, N. (1966), *Cancer Chemotherapy Reports* 50(3), 163-170.
    """
    frame, group = _durations(durations, groups)
    if group.nunique() < 2:
        raise ValueError("groups must hold at least two different labels to compare curves")
    entry = frame["entry"].to_numpy() if "entry" in frame else None
    chi2, p_value = survdiff(frame["duration"].to_numpy(), frame["event"].to_numpy(),
                             group.to_numpy(), entry=entry)
    return pd.Series({"statistic": float(chi2), "df": float(group.nunique() - 1),
                      "p_value": float(p_value)}, name="log-rank test")


# ---------------------------------------------------------------------------------------------
# the shifted-beta-geometric model (Fader & Hardie 2007)
# ---------------------------------------------------------------------------------------------

def _ab(alpha: float, beta: float) -> tuple[float, float]:
    for value, name in ((alpha, "alpha"), (beta, "beta")):
        if not isinstance(value, (int, float, np.integer, np.floating)) or isinstance(value, bool):
            raise TypeError(f"{name} must be a number, got {type(value).__name__}")
        if not (np.isfinite(value) and value > 0):
            raise ValueError(f"{name} must be a positive number, got {value!r}")
    return float(alpha), float(beta)


def _periods(t: object, low: int) -> np.ndarray:
    arr = np.asarray(t)
    if arr.dtype.kind not in "iu" and not (arr.dtype.kind == "f" and np.all(arr == np.round(arr))):
        raise TypeError(f"t must hold whole periods (0, 1, 2, ...), got {t!r}")
    if np.any(arr < low):
        raise ValueError(f"t must be at least {low}, got {t!r}")
    return arr.astype(float)


def sbg_pmf(t: object, alpha: float, beta: float) -> np.ndarray:
    """P(T = t) = B(α + 1, β + t − 1) / B(α, β), t = 1, 2, …: the chance a customer leaves in
    period t under the sBG model. Computed on the log scale with ``scipy.special.betaln``.
    Source: Fader & Hardie (2007), eq. (5).
    """
    a, b = _ab(alpha, beta)
    t = _periods(t, 1)
    return np.exp(special.betaln(a + 1, b + t - 1) - special.betaln(a, b))


def sbg_survival(t: object, alpha: float, beta: float) -> np.ndarray:
    """S(t) = B(α, β + t) / B(α, β), t = 0, 1, …: the share of a cohort still a customer after
    t periods. Source: Fader & Hardie (2007), eq. (6).
    """
    a, b = _ab(alpha, beta)
    t = _periods(t, 0)
    return np.exp(special.betaln(a, b + t) - special.betaln(a, b))


def sbg_retention(t: object, alpha: float, beta: float) -> np.ndarray:
    """r_t = S(t) / S(t − 1) = (β + t − 1) / (α + β + t − 1), t = 1, 2, …: the retention rate
    of period t, which rises with t as the likelier leavers drop out first.
    Source: Fader & Hardie (2007), eq. (8).
    """
    a, b = _ab(alpha, beta)
    t = _periods(t, 1)
    return (b + t - 1) / (a + b + t - 1)


class ShiftedBetaGeo:
    """The shifted-beta-geometric (sBG) model of contract renewals (Fader & Hardie 2007).

    Each customer has a fixed chance θ of leaving at each renewal; θ varies across customers
    as a beta(α, β) distribution. A cohort's survivor curve S(0) = n, S(1), …, S(n_periods)
    is fitted by maximum likelihood: the customers lost in period t contribute
    ln P(T = t) each and the customers still alive after the last period contribute
    ln S(n_periods) each (right-censored)::

        LL(α, β) = Σ_t [S(t − 1) − S(t)] ln P(T = t) + S(last) ln S(last)

    ``fit(survivors)`` sets ``params_`` (``alpha``, ``beta``), ``log_likelihood_``,
    ``cohort_size_``, ``survivors_`` and ``n_periods_``. ``survival(t)``, ``retention_rate(t)``,
    ``pmf(t)``, ``predict(t)`` (expected survivors) and ``projection(horizon)`` project the
    curve; ``summary()`` gives the fitted numbers.

    Example::

        model = ShiftedBetaGeo().fit([1000, 631, 468, 382, 326, 289, 262, 241])
        model.params_            # alpha ≈ 0.704, beta ≈ 1.182 (Fader & Hardie 2007, "regular")
    """

    def __init__(self) -> None:
        self.params_: pd.Series | None = None

    def _check_fitted(self) -> tuple[float, float]:
        if self.params_ is None:
            raise RuntimeError("the model is not fitted yet: call .fit(survivors) first")
        return float(self.params_["alpha"]), float(self.params_["beta"])

    @staticmethod
    def _log_likelihood(log_ab: np.ndarray, lost: np.ndarray, alive: float, n: int) -> float:
        a, b = np.exp(log_ab)
        t = np.arange(1, n + 1)
        base = special.betaln(a, b)
        ll_lost = lost @ (special.betaln(a + 1, b + t - 1) - base)
        return float(ll_lost + alive * (special.betaln(a, b + n) - base))

    def fit(self, survivors: object, cohort_size: float | None = None) -> ShiftedBetaGeo:
        """Fit α and β by maximum likelihood to a survivor curve (period 0 = cohort size).

        The optimiser (``scipy.optimize.minimize``, L-BFGS-B on log α and log β, several
        starting points) works on the log-likelihood written with ``scipy.special.betaln``,
        which stays finite where the beta function itself would overflow.
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
            return -self._log_likelihood(x, lost, alive, n)

        best = None
        for start in ((0.0, 0.0), (-1.0, 1.0), (1.0, 2.0)):
            result = optimize.minimize(nll, np.array(start), method="L-BFGS-B",
                                       bounds=[(-10.0, 10.0)] * 2,
                                       options={"ftol": 1e-14, "gtol": 1e-9, "maxiter": 2000})
            if best is None or result.fun < best.fun:
                best = result
        if best is None or not np.isfinite(best.fun) or np.any(np.abs(best.x) >= 10.0 - 1e-6):
            raise ValueError("the sBG fit did not converge to finite α and β (the survivor curve "
                             "is too flat or falls too steeply for the model)")
        alpha, beta = np.exp(best.x)
        self.params_ = pd.Series({"alpha": float(alpha), "beta": float(beta)}, name="sBG")
        self.log_likelihood_ = -float(best.fun)
        self.cohort_size_ = float(values[0])
        self.survivors_ = series.rename_axis("period")
        self.n_periods_ = n
        return self

    def pmf(self, t: object) -> np.ndarray:
        """P(T = t): the share of the cohort lost in period t (see :func:`sbg_pmf`)."""
        return sbg_pmf(t, *self._check_fitted())

    def survival(self, t: object) -> np.ndarray:
        """S(t): the share of the cohort still a customer after t periods."""
        return sbg_survival(t, *self._check_fitted())

    def retention_rate(self, t: object) -> np.ndarray:
        """r_t = (β + t − 1) / (α + β + t − 1): the retention rate of period t."""
        return sbg_retention(t, *self._check_fitted())

    def predict(self, t: object) -> np.ndarray:
        """Expected survivors after t periods: cohort size × S(t)."""
        self._check_fitted()
        return self.cohort_size_ * self.survival(t)

    def projection(self, horizon: int, actual: object | None = None) -> pd.DataFrame:
        """Periods 0..horizon: ``expected_survivors``, ``survival`` and ``retention_rate``
        (period 0 has no retention rate and shows 1), and, if ``actual`` survivors are given
        (period 0 first), ``actual_survivors`` and ``actual_retention`` where they are known
        and ``fitted`` (True for the periods used in the fit).
        """
        self._check_fitted()
        if not isinstance(horizon, (int, np.integer)) or horizon < 1:
            raise ValueError(f"horizon must be a whole number of periods ≥ 1, got {horizon!r}")
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
            ratio = observed / observed.shift(1)
            ratio.iloc[0] = 1.0
            table["actual_retention"] = ratio
        return table

    def summary(self) -> pd.DataFrame:
        """α, β, the mean churn probability α / (α + β), the log-likelihood and the data size."""
        alpha, beta = self._check_fitted()
        return pd.DataFrame({"value": [alpha, beta, alpha / (alpha + beta), self.log_likelihood_,
                                       self.cohort_size_, self.n_periods_]},
                            index=["alpha", "beta", "mean churn probability E(θ)",
                                   "log-likelihood", "cohort size", "periods fitted"])


# ---------------------------------------------------------------------------------------------
# retention economics
# ---------------------------------------------------------------------------------------------

def retained_value(margin: object, retention: object, discount: float = 0.1,
                   horizon: int | None = None, *, growth: float = 0.0) -> np.ndarray | float:
    """Present value of a customer who brings ``margin`` a period and stays with probability r.

    The margin of period t (t = 0, 1, …) is earned if the customer is still there, with
    probability r^t, and is discounted by (1 + d)^t; the first margin is earned now::

        V = m Σ_{t=0}^{T−1} q^t = m (1 − q^T) / (1 − q),  q = r / (1 + d)
        V = m (1 + d) / (1 + d − r)                       (T → ∞)

    With ``growth`` g the margin rises by g a period of tenure, m (1 + g)^t — customers who stay
    buy more, cost less to serve, refer others and pay a premium (Reichheld & Sasser 1990) —
    and q = r (1 + g) / (1 + d); without a horizon that needs r (1 + g) < 1 + d, or the value
    grows without bound. Vectorised over ``margin`` and ``retention``.
    Source: Gupta, S. & Lehmann, D. R. (2003), "Customers as assets", *Journal of Interactive
    Marketing* 17(1), 9-24 (their m r/(1+d−r) plus the margin of the current period); margin
    growth as in Gupta & Lehmann (2005), *Managing Customers as Investments*, ch. 2.
    """
    m = np.asarray(margin, dtype=float)
    r = np.asarray(retention, dtype=float)
    if np.isnan(m).any():
        raise ValueError("margin has a missing value (NaN)")
    if np.isnan(r).any() or (r < 0).any() or (r > 1).any():
        raise ValueError(f"retention must lie between 0 and 1, got {retention!r}")
    if not isinstance(discount, (int, float, np.floating)) or not 0 <= discount < 10:
        raise ValueError(f"discount must be a rate ≥ 0 (0.1 = 10 % a period), got {discount!r}")
    if isinstance(growth, bool) or not isinstance(growth, (int, float, np.floating)) \
            or not (np.isfinite(growth) and -1 < growth < 10):
        raise ValueError(f"growth must be a rate above -1 (0.05 = margins rise 5 % a period), "
                         f"got {growth!r}")
    q = r * (1.0 + growth) / (1.0 + discount)
    if horizon is None:
        if (q >= 1).any():
            raise ValueError("the value is infinite: retention × (1 + growth) is not below "
                             f"1 + discount ({1 + discount:g}) for retention "
                             f"{np.unique(r[np.broadcast_to(q >= 1, r.shape)])[:5].tolist()}; "
                             "give a higher discount rate, lower growth or a finite horizon")
        value = m / (1.0 - q)
    else:
        if not isinstance(horizon, (int, np.integer)) or horizon < 1:
            raise ValueError(f"horizon must be a whole number of periods ≥ 1, got {horizon!r}")
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(q == 1, m * horizon, m * (1 - q ** horizon) / (1 - q))
    return float(value) if value.ndim == 0 else value


def retention_gain(retention: object, delta: float = 0.05, *, margin: float = 1.0,
                   discount: float = 0.1, horizon: int | None = None, growth: float = 0.0
                   ) -> pd.DataFrame:
    """What raising retention from r to r + Δ is worth: value of a customer (or, with ``margin``
    the whole base's margin, of the base) before and after, the gain and the gain as a share.

    Uses :func:`retained_value` (``growth``: the margin's rise per period of tenure);
    ``gain_share`` = V(r + Δ) / V(r) − 1. Vectorised over ``retention``. The lecture's claims
    (keeping 5 % more customers can nearly double profit; up to +70 % at financial
    institutions) come from Reichheld & Sasser (1990), "Zero defections: quality comes to
    services", *Harvard Business Review* 68(5), 105-111, whose customers' profit rises with
    their tenure; with a constant margin (``growth=0``) the gain is smaller.
    """
    r = as_numeric_series(np.atleast_1d(retention), "retention").reset_index(drop=True)
    require_probability(r, "retention")
    if isinstance(margin, bool) or not isinstance(margin, (int, float, np.integer, np.floating)):
        raise TypeError(f"margin must be a number, got {type(margin).__name__}")
    if not margin > 0:
        raise ValueError(f"margin must be positive: the gain as a share of a customer's value "
                         f"is undefined for a value of 0 and turns its sign for a loss; got "
                         f"{margin}")
    if not isinstance(delta, (int, float, np.floating)):
        raise TypeError(f"delta must be a number, got {type(delta).__name__}")
    after = r + delta
    if ((after < 0) | (after > 1)).any():
        raise ValueError(f"retention + delta must lie between 0 and 1; with delta={delta} it "
                         f"does not for retention {r[(after < 0) | (after > 1)].tolist()[:5]}")
    before_value = retained_value(margin, r.to_numpy(), discount, horizon, growth=growth)
    after_value = retained_value(margin, after.to_numpy(), discount, horizon, growth=growth)
    return pd.DataFrame({"retention": r, "new_retention": after,
                         "value_before": before_value, "value_after": after_value,
                         "gain": after_value - before_value,
                         "gain_share": after_value / before_value - 1.0})


def steady_state_base(acquisitions: object, retention: object) -> np.ndarray | float:
    """Customers a firm ends up with when it wins ``acquisitions`` a year and keeps a share r
    of its base each year: N = A (1 + r + r² + …) = A / (1 − r).

    Halving churn (1 − r) doubles the base: the MBNA story of the lecture (churn about 5 % a
    year, half the industry's). Source: Reichheld (1996), *The Loyalty Effect*, ch. 2.
    """
    a = np.asarray(acquisitions, dtype=float)
    r = np.asarray(retention, dtype=float)
    if np.isnan(a).any() or (a < 0).any():
        raise ValueError(f"acquisitions must be a number ≥ 0, got {acquisitions!r}")
    if np.isnan(r).any() or (r < 0).any() or (r >= 1).any():
        raise ValueError(f"retention must lie in [0, 1) (with r = 1 the base grows without "
                         f"bound), got {retention!r}")
    value = a / (1.0 - r)
    return float(value) if value.ndim == 0 else value


def churn_causes(customers: pd.DataFrame, *, by: str | None = None,
                 avoidable: Sequence[str] = AVOIDABLE_LOST_REASONS) -> pd.DataFrame:
    """Why customers left: lost customers per ``lost_reason`` and each reason's share.

    Only lost customers (a ``lost_date``) count; ``avoidable`` lists the reasons better service
    could have prevented (default: the case company's ``AVOIDABLE_LOST_REASONS``). With ``by``
    the shares are within each group. Columns ``lost_customers, share, avoidable``, largest
    first. Source: the lecture's step "identify the causes of defection and the share of each"
    (Reichheld & Sasser 1990).
    """
    frame = _customers(customers, reason=True)
    lost = frame[frame["lost_date"].notna()]
    if lost.empty:
        raise ValueError("customers has no lost customer (every lost_date is empty): there are "
                         "no causes to count")
    keys = ["lost_reason"] if by is None else [by, "lost_reason"]
    if by is not None:
        require_columns(lost, [by], "customers")
        require_no_nan(lost[by], f"customers[{by!r}]")
    counts = lost.groupby(keys).size().rename("lost_customers")
    total = counts.groupby(level=0).transform("sum") if by else counts.sum()
    table = counts.to_frame()
    table["share"] = counts / total
    reasons = table.index.get_level_values("lost_reason")
    table["avoidable"] = reasons.isin(list(avoidable))
    order = ([by, "lost_customers"] if by else ["lost_customers"])
    return (table.reset_index().sort_values(order, ascending=[True, False][-len(order):],
                                            kind="stable")
            .set_index(keys))


def annual_profit(customers: pd.DataFrame, profit: pd.Series, *,
                  start: object = "2022-01-01", end: object = "2024-12-31") -> pd.Series:
    """Each customer's net profit per year of being a customer inside the window.

    ``profit`` is each customer's total net profit in the window (indexed by ``customer_id``,
    e.g. from ``value.customer_profit(..., by_year=False)``; a customer missing from it made
    no profit: 0). Years active = from the later of ``acquisition_date`` and ``start`` to the
    earlier of ``lost_date`` and ``end``, in years of 365.25 days (at least one day).
    """
    frame = _customers(customers)
    first, last = as_timestamp(start, "start"), as_timestamp(end, "end")
    _window(frame, last, "customers")
    if not isinstance(profit, pd.Series):
        raise TypeError(f"profit must be a pandas Series indexed by customer_id, got "
                        f"{type(profit).__name__}")
    require_no_nan(profit, "profit")
    unknown = profit.index.difference(pd.Index(frame["customer_id"]))
    if len(unknown):
        raise ValueError(f"profit has {len(unknown)} customer id(s) not in customers, e.g. "
                         f"{unknown[:5].tolist()}")
    ids = frame["customer_id"].to_numpy()
    begin = frame["acquisition_date"].where(frame["acquisition_date"] > first, first)
    finish = frame["lost_date"].fillna(last).where(lambda d: d < last, last)
    years = np.maximum((finish - begin).dt.days.to_numpy(), 1) / DAYS_PER_YEAR
    total = profit.reindex(ids, fill_value=0.0).to_numpy(dtype=float)
    return pd.Series(total / years, index=pd.Index(ids, name="customer_id"),
                     name="annual_profit")


def lost_customer_values(customers: pd.DataFrame, profit: pd.Series, *, by: str = "size",
                         discount: float = 0.1, start: object = "2022-01-01",
                         end: object = "2024-12-31") -> pd.DataFrame:
    """Each lost customer's lifetime value: what it would have earned the firm had it stayed.

    For every customer with a ``lost_date``: its net profit per year while it was a customer
    (:func:`annual_profit` of ``profit``, the total net profit per customer in the window),
    turned into a lifetime value with the retention rate of its group ``by``, pooled over the
    window's years (:func:`group_retention`), and the discount rate ``discount``
    (:func:`retained_value`: m (1 + d) / (1 + d − r)). Returns, indexed by ``customer_id``:
    ``by``, ``lost_reason``, ``annual_profit``, ``retention`` and ``lifetime_value`` — the
    input of :func:`churn_loss_table` and :func:`avoidable_churn_loss`. Lost customers' orders
    fade before they leave, so the estimate is on the low side.
    Source: the lecture's step "estimate the profit lost to avoidable churn: the sum of the
    lost customers' lifetime values" (Reichheld & Sasser 1990).
    """
    frame = _customers(customers, reason=True)
    require_columns(frame, [by], "customers")
    require_no_nan(frame[by], f"customers[{by!r}]")
    annual = annual_profit(frame, profit, start=start, end=end)
    rates = group_retention(frame, by, start=start, end=end)["retention_rate"]
    lost = frame[frame["lost_date"].notna()].set_index("customer_id")
    if lost.empty:
        raise ValueError("customers has no lost customer (every lost_date is empty): there is "
                         "no lifetime value lost")
    missing = sorted(set(lost[by]) - set(rates.index))
    if missing:
        raise ValueError(f"customers[{by!r}]: group(s) {missing} have no customer at the start "
                         "of any year of the window, so no retention rate (empty group)")
    out = lost[[by, "lost_reason"]].assign(annual_profit=annual.reindex(lost.index),
                                           retention=lost[by].map(rates))
    out["lifetime_value"] = retained_value(out["annual_profit"].to_numpy(),
                                           out["retention"].to_numpy(), discount)
    return out


def churn_loss_table(lost: pd.DataFrame, *, value: str = "lifetime_value",
                     avoidable: Sequence[str] = AVOIDABLE_LOST_REASONS) -> pd.DataFrame:
    """Profit lost to churn by reason: the sum of the lost customers' lifetime values.

    ``lost`` has one row per lost customer with ``lost_reason`` and a ``value`` column (each
    lost customer's lifetime value, e.g. from :func:`retained_value`). Returns, per reason,
    ``lost_customers``, ``lifetime_value_lost`` (the sum, negative if the reason mostly took
    loss-making customers), ``mean_lifetime_value`` (per lost customer) and ``avoidable``;
    largest loss first.
    Source: the lecture's step "estimate the profit lost to avoidable churn" (Reichheld &
    Sasser 1990).
    """
    frame = require_frame(lost, "lost")
    require_columns(frame, ["lost_reason", value], "lost")
    require_no_nan(frame[["lost_reason", value]], "lost")
    as_numeric_series(frame[value], f"lost[{value!r}]")
    table = frame.groupby("lost_reason").agg(lost_customers=(value, "size"),
                                             lifetime_value_lost=(value, "sum"))
    table["mean_lifetime_value"] = table["lifetime_value_lost"] / table["lost_customers"]
    table["avoidable"] = table.index.isin(list(avoidable))
    return table.sort_values("lifetime_value_lost", ascending=False, kind="stable")


def avoidable_churn_loss(lost: pd.DataFrame, *, value: str = "lifetime_value",
                         avoidable: Sequence[str] = AVOIDABLE_LOST_REASONS) -> float:
    """Profit lost to avoidable churn: Σ lifetime value of customers lost for avoidable reasons."""
    table = churn_loss_table(lost, value=value, avoidable=avoidable)
    return float(table.loc[table["avoidable"], "lifetime_value_lost"].sum())


def retention_decision(spend: object, lost_profit: float, success_rate: float = 1.0
                       ) -> pd.DataFrame:
    """The lecture's decision rule: spend on retention while it costs less than the profit it
    saves. Profit saved = success rate × lost profit; net gain = saved − spend; ``worthwhile``
    when spend < saved. Vectorised over ``spend``.
    Source: the lecture's "strengthening retention" steps (Reichheld & Sasser 1990).
    """
    cost = as_numeric_series(np.atleast_1d(spend), "spend").reset_index(drop=True)
    require_nonnegative(cost, "spend")
    if not isinstance(lost_profit, (int, float, np.floating, np.integer)) or isinstance(
            lost_profit, bool) or not np.isfinite(lost_profit):
        raise TypeError(f"lost_profit must be a finite number, got {lost_profit!r}")
    rate = _rate(success_rate, "success_rate")
    saved = rate * float(lost_profit)
    return pd.DataFrame({"spend": cost, "profit_saved": saved, "net_gain": saved - cost,
                         "worthwhile": cost < saved})


# ---------------------------------------------------------------------------------------------
# permanent vs temporary loss
# ---------------------------------------------------------------------------------------------

def loss_type(customers: pd.DataFrame, orders: pd.DataFrame, *, split: object = "2023-07-01",
              start: object = "2022-01-01", end: object = "2024-12-31",
              threshold: float = 0.8, min_orders: int = 10) -> pd.DataFrame:
    """Lost for good (永久流失型) vs a shifted share (暂时流失型) vs retained.

    ``lost for good``: the customer has a ``lost_date``. ``share shifted``: still a customer,
    but its orders per day since ``split`` fell below ``threshold`` × its orders per day
    before (it gives part of its business to other suppliers and may come back). ``retained``:
    the rest; ``too little history``: acquired on or after ``split`` or fewer than
    ``min_orders`` orders before it (too few orders to tell a shift from chance). Returns per customer
    ``rate_before``, ``rate_after`` (orders per year), ``ratio`` and ``loss_type``; a rate
    is NaN where the customer was not a customer in that part of the window (won after
    ``split``, or lost before it), and its ``loss_type`` says so.
    Source: Jackson, B. B. (1985), *Winning and Keeping Industrial Customers* (lost-for-good
    vs always-a-share customers).
    """
    frame = _customers(customers)
    require_frame(orders, "orders")
    require_columns(orders, ["customer_id", "order_date"], "orders")
    require_no_nan(orders[["customer_id", "order_date"]], "orders")
    first, cut, last = (as_timestamp(start, "start"), as_timestamp(split, "split"),
                        as_timestamp(end, "end"))
    if not first < cut < last:
        raise ValueError(f"need start < split < end, got {first.date()}, {cut.date()}, "
                         f"{last.date()}")
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must lie in (0, 1], got {threshold!r}")
    unknown = ~orders["customer_id"].isin(frame["customer_id"])
    if unknown.any():
        raise ValueError(f"orders has {int(unknown.sum())} row(s) of customers not in "
                         f"customers: {_offenders(orders['customer_id'], unknown)}")
    acquired = orders["customer_id"].map(frame.set_index("customer_id")["acquisition_date"])
    early = orders["order_date"] < acquired
    if early.any():
        raise ValueError(f"orders: dates out of order, {int(early.sum())} order(s) come before "
                         "the customer's acquisition_date:\n"
                         f"{_offenders(orders[['customer_id', 'order_date']], early)}")
    ids = frame["customer_id"].to_numpy()
    begin = frame["acquisition_date"].where(frame["acquisition_date"] > first, first)
    finish = frame["lost_date"].fillna(last + pd.Timedelta(days=1))
    finish = finish.where(finish <= last, last + pd.Timedelta(days=1))
    days_before = np.clip((np.minimum(finish, cut) - begin).dt.days.to_numpy(), 0, None)
    days_after = np.clip((finish - np.maximum(begin, cut)).dt.days.to_numpy(), 0, None)
    when = orders["order_date"]
    inside = (when >= first) & (when <= last)
    period = np.where(when[inside] < cut, "before", "after")
    counts = (pd.DataFrame({"customer_id": orders.loc[inside, "customer_id"], "period": period})
              .groupby(["customer_id", "period"]).size().unstack(fill_value=0)
              .reindex(index=ids, columns=["before", "after"], fill_value=0))
    with np.errstate(divide="ignore", invalid="ignore"):
        rate_before = np.where(days_before > 0, counts["before"] / days_before * DAYS_PER_YEAR,
                               np.nan)
        rate_after = np.where(days_after > 0, counts["after"] / days_after * DAYS_PER_YEAR,
                              np.nan)
        ratio = rate_after / rate_before
    lost = frame["lost_date"].notna().to_numpy()
    if not isinstance(min_orders, (int, np.integer)) or min_orders < 1:
        raise ValueError(f"min_orders must be a whole number ≥ 1, got {min_orders!r}")
    new = ((frame["acquisition_date"].to_numpy() >= cut.to_datetime64())
           | (counts["before"].to_numpy() < min_orders))
    kind = np.select([lost, new, ratio < threshold], ["lost for good", "too little history",
                                                      "share shifted"], "retained")
    return pd.DataFrame({"rate_before": rate_before, "rate_after": rate_after, "ratio": ratio,
                         "loss_type": kind}, index=pd.Index(ids, name="customer_id"))


# ---------------------------------------------------------------------------------------------
# the lecture's frameworks
# ---------------------------------------------------------------------------------------------

def three_degree_model() -> pd.DataFrame:
    """The three-degree model (三度模型) of retention strategy: satisfaction, retention and
    contribution, whose optimum together makes a virtuous cycle (良性循环)."""
    return pd.DataFrame({
        "degree": ["satisfaction", "retention", "contribution"],
        "chinese": ["满意度", "维持度", "贡献度"],
        "point of view": ["the customer's", "the firm's", "value created"],
        "question": ["Is the customer pleased with what it gets?",
                     "Does the firm keep the customer? Retaining costs money, so whom to keep?",
                     "How much value does the customer create for the firm?"],
    }).set_index("degree")


def retention_levels() -> pd.DataFrame:
    """The three levels of retention strategy (挽留客户策略的三个层次), each building on the
    one below. Source: Berry, L. L. & Parasuraman, A. (1991), *Marketing Services*, ch. 8."""
    return pd.DataFrame({
        "level": [1, 2, 3],
        "bond": ["financial bonds", "financial + social bonds", "+ structural bonds"],
        "chinese": ["财务利益", "财务利益 + 社会利益", "+ 结构性联系"],
        "how it ties the customer": [
            "price incentives: volume discounts, loyalty rebates, bundled prices",
            "personal ties first: an account manager who knows the customer, regular visits, "
            "events",
            "ties built into the customer's processes: EDI ordering, vendor-managed "
            "inventory, joint product design"],
        "how easy to copy": ["easy: a competitor can match a price", "harder",
                             "hardest: leaving costs the customer effort"],
    }).set_index("level")


def churn_prevention() -> pd.DataFrame:
    """Measures that prevent churn of existing customers (防范老客户流失), from the lecture."""
    return pd.DataFrame({
        "measure": ["total quality marketing", "analyse churn causes", "escalation system",
                    "complaints and suggestions system", "forecasting system",
                    "ties and long-term cooperation", "deep communication"],
        "chinese": ["全面质量营销", "分析客户流失原因", "升级处理制度", "投诉和建议制度",
                    "预测系统", "建立联系与长期合作", "深度沟通"],
        "what it does": [
            "raise service and product quality so customers spend less money and effort",
            "find why customers leave and the share of each reason",
            "pass unresolved problems quickly to someone who can fix them",
            "give customers an easy way to complain and suggest, so problems surface early",
            "spot customers likely to leave (falling orders, complaints) before they go",
            "build bonds (financial, social, structural) and long-term agreements",
            "talk with key customers regularly and at several levels"],
    }).set_index("measure")
